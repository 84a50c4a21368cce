//! Importers that turn outside sources into graphs of the store: [`landscape`] maps the curated
//! landscape CSV onto the ontology; [`extract`] finds what a liaison statement, meeting report
//! or terms of reference mentions (standards, bodies, people, clauses), with character spans.

pub mod extract;
pub mod landscape;
