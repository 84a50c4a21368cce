//! Importers that turn outside sources into graphs of the store: [`landscape`] maps the curated
//! landscape CSV onto the ontology; [`extract`] finds what a liaison statement, meeting report
//! or terms of reference mentions (standards, bodies, people, clauses), with character spans;
//! [`liaison`] stores such a document linked to what it mentions, with provenance.
//! [`fuzzing`] holds the properties the fuzz targets check.

pub mod extract;
pub mod fuzzing;
pub mod landscape;
pub mod liaison;
