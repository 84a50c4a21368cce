//! Ingest of coordination text — liaison statements, meeting reports, terms of reference — into
//! the graph: what [`super::extract`] finds becomes linked facts with provenance.
//!
//! [`ingest`] stores a document as a node (`idm:LiaisonStatement` when the text says it is one,
//! else `foaf:Document`; title, date, senders and recipients where the text gives them) in a
//! named graph of its own, `…/id/graph/ingest/{hash}`, where `{hash}` starts the SHA-256 of the
//! text: the same text always lands in the same graph, and ingesting it again replaces that
//! graph with identical quads, which changes nothing. The document `dcterms:references` every
//! entity it mentions: the store's entity when one matches (`known`: labels, identifiers and
//! names, read through the extractor; bodies the dictionaries lack feed the extractor), else a
//! new one with what its name implies (`kinds`: a Question's study group, a committee's
//! parents, a resolution's assembly). Each mention is a W3C Web Annotation (`oa:`) whose
//! target selects its characters in the text and which `prov:wasDerivedFrom` the document
//! (`graph`). All of it runs in one store transaction.
//!
//! [`extraction_turtle`] writes the same graph for a store that knows nothing, without a store.

mod graph;
mod header;
mod kinds;
mod known;

use std::fmt;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use oxigraph::store::{StorageError, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use self::known::Known;
use super::extract::{self, ExtractError};
use crate::store::{GraphStore, StoreError};
use crate::vocab::{ID_BASE, idm};

/// Terms of FOAF, ORG, SKOS, DCTERMS, PROV and Web Annotation that ingest reads and writes.
pub(crate) mod ns {
    use oxigraph::model::NamedNodeRef;

    const fn iri(iri: &'static str) -> NamedNodeRef<'static> {
        NamedNodeRef::new_unchecked(iri)
    }

    /// The Web Annotation Vocabulary (<https://www.w3.org/TR/annotation-vocab/>).
    pub const OA: &str = "http://www.w3.org/ns/oa#";
    pub const OA_ANNOTATION: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#Annotation");
    pub const OA_SPECIFIC_RESOURCE: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/oa#SpecificResource");
    pub const OA_TEXT_POSITION_SELECTOR: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/oa#TextPositionSelector");
    pub const OA_TEXT_QUOTE_SELECTOR: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/oa#TextQuoteSelector");
    pub const OA_HAS_BODY: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#hasBody");
    pub const OA_HAS_TARGET: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#hasTarget");
    pub const OA_HAS_SOURCE: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#hasSource");
    pub const OA_HAS_SELECTOR: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#hasSelector");
    pub const OA_START: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#start");
    pub const OA_END: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#end");
    pub const OA_EXACT: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#exact");
    pub const OA_MOTIVATED_BY: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#motivatedBy");
    pub const OA_IDENTIFYING: NamedNodeRef<'static> = iri("http://www.w3.org/ns/oa#identifying");
    pub const FOAF_DOCUMENT: NamedNodeRef<'static> = iri("http://xmlns.com/foaf/0.1/Document");
    pub const FOAF_PERSON: NamedNodeRef<'static> = iri("http://xmlns.com/foaf/0.1/Person");
    pub const FOAF_NAME: NamedNodeRef<'static> = iri("http://xmlns.com/foaf/0.1/name");
    pub const ORG_SUB_ORGANIZATION_OF: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/org#subOrganizationOf");
    pub const SKOS_PREF_LABEL: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#prefLabel");
    pub const SKOS_ALT_LABEL: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#altLabel");
    pub const DCTERMS_IDENTIFIER: NamedNodeRef<'static> =
        iri("http://purl.org/dc/terms/identifier");
    pub const DCTERMS_TITLE: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/title");
    pub const DCTERMS_DATE: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/date");
    pub const DCTERMS_REFERENCES: NamedNodeRef<'static> =
        iri("http://purl.org/dc/terms/references");
    pub const DCTERMS_IS_PART_OF: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/isPartOf");
    pub const PROV_ENTITY: NamedNodeRef<'static> = iri("http://www.w3.org/ns/prov#Entity");
    pub const PROV_WAS_DERIVED_FROM: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/prov#wasDerivedFrom");
    pub const PROV_HAD_PRIMARY_SOURCE: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/prov#hadPrimarySource");
}

/// Why a document could not be ingested.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The input is not UTF-8 text, or looks like a binary file.
    #[error(transparent)]
    Input(#[from] ExtractError),
    /// The text is empty or white space only.
    #[error("the document is empty: there is no text to ingest")]
    Empty,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<StorageError> for IngestError {
    fn from(error: StorageError) -> Self {
        Self::Store(StoreError::Storage(error))
    }
}

/// An entity a document mentions (or implies), and the IRI it was linked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Link {
    /// The class of the entity, by local name: "Recommendation", "StudyGroup", "Person".
    pub kind: String,
    /// The normalised value: "ITU-T X.1252", "Abbie Barbir", "ITU-T A.1, clause 5.1".
    pub value: String,
    /// The entity; none when unresolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iri: Option<String>,
    /// For an entity not mentioned but implied by the name of another: that name
    /// ("ISO/IEC JTC 1/SC 27" implied by "ISO/IEC JTC 1/SC 27/WG 5").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implied_by: Option<String>,
}

/// What ingest did with the entities of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Links {
    /// Entities of the store the mentions were linked to.
    pub matched: Vec<Link>,
    /// Entities created because nothing in the store matched.
    pub created: Vec<Link>,
    /// Mentions linked to nothing: a bare "Resolution 2" that names no assembly and matches no
    /// resolution of the store.
    pub unresolved: Vec<Link>,
}

/// The report of one ingest.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct IngestReport {
    /// The document node.
    pub document: String,
    /// The named graph that holds everything ingest wrote for the document.
    pub graph: String,
    /// `LiaisonStatement` or `Document`.
    pub class: String,
    /// The document's label: its title, else kind, hash, sender and recipient.
    pub label: String,
    /// The title, from a `Title:` field.
    pub title: Option<String>,
    /// The date (`xsd:date`), from a `Date:` or `Approval:` field or the first lines.
    pub date: Option<String>,
    /// The sending bodies.
    pub senders: Vec<String>,
    /// The bodies addressed.
    pub recipients: Vec<String>,
    /// How many mentions the extractor found.
    pub mentions: usize,
    /// The entities matched, created and left unresolved.
    #[serde(flatten)]
    pub links: Links,
    /// Quads added to the document's graph.
    pub quads_added: usize,
    /// Quads removed from it (an earlier ingest of the same text by an older extractor).
    pub quads_removed: usize,
    /// Whether the document had been ingested before.
    pub already_ingested: bool,
    /// What a liaison statement lacks that the shapes ask for (title, sender, recipient).
    pub notes: Vec<String>,
}

impl fmt::Display for IngestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "document <{}> ({}): {}",
            self.document, self.class, self.label
        )?;
        if let Some(date) = &self.date {
            writeln!(f, "date: {date}")?;
        }
        for (what, bodies) in [("from", &self.senders), ("to", &self.recipients)] {
            if !bodies.is_empty() {
                writeln!(f, "{what}: <{}>", bodies.join(">, <"))?;
            }
        }
        let state = if self.already_ingested && self.quads_added + self.quads_removed == 0 {
            " (already ingested: nothing changed)"
        } else {
            ""
        };
        writeln!(
            f,
            "graph <{}>: {} quads added, {} removed{state}",
            self.graph, self.quads_added, self.quads_removed
        )?;
        let Links {
            matched,
            created,
            unresolved,
        } = &self.links;
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        writeln!(
            f,
            "{} mentions: {} entities matched, {} created, {} unresolved",
            self.mentions,
            matched.len(),
            created.len(),
            unresolved.len()
        )?;
        for (title, links) in [
            ("matched", matched),
            ("created", created),
            ("unresolved", unresolved),
        ] {
            if links.is_empty() {
                continue;
            }
            writeln!(f, "{title}:")?;
            for link in links {
                write!(f, "  {:<26} {:<32}", link.kind, link.value)?;
                if let Some(iri) = &link.iri {
                    write!(f, " <{iri}>")?;
                }
                if let Some(by) = &link.implied_by {
                    write!(f, " (implied by {by})")?;
                }
                writeln!(f)?;
            }
        }
        Ok(())
    }
}

/// The IRIs of a text: its SHA-256, its document node and its graph.
pub(crate) struct DocumentIds {
    /// Hex SHA-256 of the UTF-8 text.
    pub(crate) hash: String,
    pub(crate) document: NamedNode,
    pub(crate) graph: NamedNode,
}

impl DocumentIds {
    fn of(text: &str) -> Self {
        let hash: String = Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let short = &hash[..16];
        Self {
            document: NamedNode::new_unchecked(format!("{ID_BASE}doc/{short}")),
            graph: NamedNode::new_unchecked(format!("{ID_BASE}graph/ingest/{short}")),
            hash,
        }
    }
}

fn text_of(bytes: &[u8]) -> Result<&str, IngestError> {
    let text = extract::check_text(bytes)?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(text)
}

/// Stores the document `bytes` (UTF-8 text) in its own graph, linked to the entities it
/// mentions, in one transaction; ingesting the same text again changes nothing.
pub fn ingest(store: &GraphStore, bytes: &[u8]) -> Result<IngestReport, IngestError> {
    let text = text_of(bytes)?;
    let ids = DocumentIds::of(text);
    store.write(|transaction| {
        let known = Known::read(transaction, ids.graph.as_ref())?;
        let extraction = known.extractor()?.extract(text);
        let plan = graph::plan(&known, text, &extraction, &ids);
        let (added, removed, existed) = replace_graph(transaction, &ids.graph, &plan.quads)?;
        let iris = |nodes: &[NamedNode]| nodes.iter().map(|n| n.as_str().to_owned()).collect();
        let mut notes = Vec::new();
        if plan.class == idm::LIAISON_STATEMENT {
            let lacks = [
                (plan.header.title.is_none(), "no title (no Title: field)"),
                (
                    plan.senders.is_empty(),
                    "no sender (no Source: or From: field)",
                ),
                (plan.recipients.is_empty(), "no recipient (no To: field)"),
            ];
            for (_, what) in lacks.iter().filter(|(missing, _)| *missing) {
                notes.push(format!(
                    "the liaison statement has {what}; `validate` will say so"
                ));
            }
        }
        Ok(IngestReport {
            document: ids.document.as_str().to_owned(),
            graph: ids.graph.as_str().to_owned(),
            class: if plan.class == idm::LIAISON_STATEMENT {
                "LiaisonStatement"
            } else {
                "Document"
            }
            .to_owned(),
            label: plan.label,
            title: plan.header.title,
            date: plan.header.date,
            senders: iris(&plan.senders),
            recipients: iris(&plan.recipients),
            mentions: extraction.mentions.len(),
            links: plan.links,
            quads_added: added,
            quads_removed: removed,
            already_ingested: existed,
            notes,
        })
    })
}

/// Brings `graph` to exactly `quads`; returns (added, removed, whether it had quads before).
fn replace_graph(
    transaction: &mut Transaction<'_>,
    graph: &NamedNode,
    quads: &[Quad],
) -> Result<(usize, usize, bool), StorageError> {
    let name = GraphNameRef::NamedNode(graph.as_ref());
    let old: std::collections::HashSet<Quad> = transaction
        .quads_for_pattern(None, None, None, Some(name))
        .collect::<Result<_, _>>()?;
    let new: std::collections::HashSet<&Quad> = quads.iter().collect();
    let mut removed = 0;
    for quad in &old {
        if !new.contains(quad) {
            transaction.remove(quad);
            removed += 1;
        }
    }
    let mut added = 0;
    for quad in quads {
        if !old.contains(quad) {
            transaction.insert(quad);
            added += 1;
        }
    }
    Ok((added, removed, !old.is_empty()))
}

/// What `idmgraph extract` prints as JSON: one list per category, in this order; the spans of
/// [`extract::Extraction::mentions`] are in the Turtle output.
#[derive(Serialize)]
struct Summary<'e> {
    recommendations: &'e [String],
    iso_standards: &'e [String],
    study_groups: &'e [String],
    questions: &'e [String],
    organizations: &'e [String],
    resolutions: &'e [String],
    coordination_bodies: &'e [String],
    people: &'e [extract::Person],
    clauses: &'e [extract::ClauseRef],
}

/// The values of the text `bytes` as pretty JSON: an object with the keys `recommendations`,
/// `iso_standards`, `study_groups`, `questions`, `organizations`, `resolutions`,
/// `coordination_bodies`, `people` and `clauses`.
pub fn extraction_json(bytes: &[u8]) -> Result<String, IngestError> {
    let e = extract::extract_bytes(bytes)?;
    let summary = Summary {
        recommendations: &e.recommendations,
        iso_standards: &e.iso_standards,
        study_groups: &e.study_groups,
        questions: &e.questions,
        organizations: &e.organizations,
        resolutions: &e.resolutions,
        coordination_bodies: &e.coordination_bodies,
        people: &e.people,
        clauses: &e.clauses,
    };
    let mut json = serde_json::to_string_pretty(&summary).unwrap_or_default();
    json.push('\n');
    Ok(json)
}

/// Prefixes of the Turtle output.
const PREFIXES: &[(&str, &str)] = &[
    ("idm", idm::NAMESPACE),
    ("oa", ns::OA),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("org", "http://www.w3.org/ns/org#"),
];

/// The mentions of the text `bytes` as Turtle: what [`ingest`] would write into a store that
/// knows none of the entities (each mention an annotation with its character span).
pub fn extraction_turtle(bytes: &[u8]) -> Result<String, IngestError> {
    let text = text_of(bytes)?;
    let ids = DocumentIds::of(text);
    let known = Known::empty();
    let extraction = known.extractor()?.extract(text);
    let plan = graph::plan(&known, text, &extraction, &ids);
    let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
    for (prefix, namespace) in PREFIXES {
        serializer =
            serializer
                .with_prefix(*prefix, *namespace)
                .map_err(|e| StoreError::Syntax {
                    source_name: "prefixes".to_owned(),
                    error: e.to_string(),
                })?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    let io = |e: std::io::Error| StoreError::Io {
        name: "Turtle output".to_owned(),
        source: e,
    };
    for quad in &plan.quads {
        writer.serialize_triple(quad.as_ref()).map_err(io)?;
    }
    let bytes = writer.finish().map_err(io)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    const SEED: &str = include_str!("../../tests/extract/seed.txt");

    #[test]
    fn the_same_text_gets_the_same_iris_and_another_text_others() {
        let (a, b) = (DocumentIds::of(SEED), DocumentIds::of(SEED));
        assert_eq!(a.document, b.document);
        assert_eq!(a.graph, b.graph);
        assert_ne!(DocumentIds::of("SG17").document, a.document);
        assert!(
            a.graph
                .as_str()
                .starts_with(&format!("{ID_BASE}graph/ingest/"))
        );
    }

    #[test]
    fn ingesting_twice_changes_nothing_the_second_time() -> TestResult {
        let store = GraphStore::in_memory()?;
        let first = ingest(&store, SEED.as_bytes())?;
        assert!(first.quads_added > 0 && !first.already_ingested);
        let len = store.len()?;
        let second = ingest(&store, SEED.as_bytes())?;
        assert_eq!((second.quads_added, second.quads_removed), (0, 0));
        assert!(second.already_ingested);
        assert_eq!(store.len()?, len);
        assert_eq!(first.links, second.links);
        Ok(())
    }

    #[test]
    fn binary_and_empty_input_is_refused() -> TestResult {
        let store = GraphStore::in_memory()?;
        assert!(matches!(
            ingest(&store, b"\x7fELF\0\0\x01"),
            Err(IngestError::Input(_))
        ));
        assert!(matches!(ingest(&store, b" \n "), Err(IngestError::Empty)));
        assert!(store.is_empty()?);
        Ok(())
    }

    #[test]
    fn the_turtle_output_parses_and_holds_every_span() -> TestResult {
        let turtle = extraction_turtle(SEED.as_bytes())?;
        let store = GraphStore::in_memory()?;
        store.load(
            [crate::store::Input {
                name: "extract.ttl".to_owned(),
                format: RdfFormat::Turtle,
                reader: turtle.as_bytes(),
            }],
            None,
        )?;
        let extraction = extract::extract(SEED);
        let starts = store
            .oxigraph()
            .quads_for_pattern(None, Some(ns::OA_START), None, None)
            .count();
        assert_eq!(starts, extraction.mentions.len());
        Ok(())
    }
}
