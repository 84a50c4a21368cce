//! What the graph says about one resource: every triple with it as subject (outgoing) or as
//! object (incoming), from all graphs, each with the graphs it is stated in, and the
//! provenance records (`rdf:Statement`s with their notes and sources) that the landscape keeps
//! for its links.
//!
//! This is the data behind dereferenceable IRIs: the entity pages, and the Turtle, N-Triples,
//! RDF/XML, N-Quads and JSON-LD ([`jsonld`]) descriptions served on the same URL.
//! [`neighbourhood`] walks the links a step or two further for the picture.

pub mod jsonld;
pub mod neighbourhood;
pub mod outline;

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, Triple,
};
use oxigraph::store::StorageError;

use crate::labels::terms;
use crate::store::GraphStore;
use crate::vocab::idm;

/// One statement about the resource, merged over the graphs that state it.
#[derive(Debug, Clone)]
pub struct Fact {
    /// The property.
    pub property: NamedNode,
    /// The other end: the object of an outgoing fact, the subject of an incoming one.
    pub value: Term,
    /// The graphs stating it (`None` for the default graph), in a stable order.
    pub graphs: Vec<Option<NamedNode>>,
}

/// A provenance record of a link: the `rdf:Statement` the landscape import writes for each
/// relation, with its note and sources.
#[derive(Debug, Clone, Default)]
pub struct LinkSource {
    /// The statement's IRI.
    pub statement: String,
    /// Its note (`dcterms:description`).
    pub note: Option<String>,
    /// Web sources (`prov:wasDerivedFrom`).
    pub sources: Vec<String>,
    /// Sources that are not web addresses, or how one was reached (`idm:sourceNote`).
    pub source_notes: Vec<String>,
}

/// Everything the graph states about one resource.
#[derive(Debug, Clone)]
pub struct Description {
    /// The resource.
    pub subject: NamedNode,
    /// Facts with it as subject, by property then value.
    pub outgoing: Vec<Fact>,
    /// Facts with it as object, by property then the subject.
    pub incoming: Vec<Fact>,
    /// Provenance records of its links, by (subject, property, object) IRIs.
    pub link_sources: BTreeMap<(String, String, String), Vec<LinkSource>>,
}

impl Description {
    /// Reads the description of `subject` from every graph of the store.
    pub fn read(store: &GraphStore, subject: NamedNodeRef<'_>) -> Result<Self, StorageError> {
        let oxigraph = store.oxigraph();
        let outgoing = merge(
            oxigraph.quads_for_pattern(Some(subject.into()), None, None, None),
            |quad| (quad.predicate, quad.object),
        )?;
        let incoming = merge(
            oxigraph.quads_for_pattern(None, None, Some(subject.into()), None),
            |quad| (quad.predicate, quad.subject.into()),
        )?;
        let mut link_sources: BTreeMap<(String, String, String), Vec<LinkSource>> = BTreeMap::new();
        for end in [rdf::SUBJECT, rdf::OBJECT] {
            for quad in oxigraph.quads_for_pattern(None, Some(end), Some(subject.into()), None) {
                let quad = quad?;
                let statement = quad.subject;
                let NamedOrBlankNode::NamedNode(node) = &statement else {
                    continue;
                };
                let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)) = (
                    first_object(store, node.as_ref().into(), rdf::SUBJECT)?,
                    first_object(store, node.as_ref().into(), rdf::PREDICATE)?,
                    first_object(store, node.as_ref().into(), rdf::OBJECT)?,
                ) else {
                    continue;
                };
                let Term::NamedNode(o) = o else { continue };
                let key = (
                    s.as_str().to_owned(),
                    p.as_str().to_owned(),
                    o.as_str().to_owned(),
                );
                let records = link_sources.entry(key).or_default();
                if records.iter().any(|r| r.statement == node.as_str()) {
                    continue;
                }
                records.push(read_link_source(store, node.as_ref())?);
            }
        }
        Ok(Self {
            subject: subject.into_owned(),
            outgoing,
            incoming,
            link_sources,
        })
    }

    /// The facts with `subject` as subject alone, without incoming links or link records.
    pub fn read_outgoing(
        store: &GraphStore,
        subject: NamedNodeRef<'_>,
    ) -> Result<Self, StorageError> {
        let outgoing = merge(
            store
                .oxigraph()
                .quads_for_pattern(Some(subject.into()), None, None, None),
            |quad| (quad.predicate, quad.object),
        )?;
        Ok(Self {
            subject: subject.into_owned(),
            outgoing,
            incoming: Vec::new(),
            link_sources: BTreeMap::new(),
        })
    }

    /// Whether the graph says nothing about the resource.
    pub fn is_empty(&self) -> bool {
        self.outgoing.is_empty() && self.incoming.is_empty()
    }

    /// The provenance records of the link `subject property object`.
    pub fn sources_of(&self, subject: &str, property: &str, object: &str) -> &[LinkSource] {
        self.link_sources
            .get(&(subject.to_owned(), property.to_owned(), object.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    /// The description's triples, each once whatever the number of graphs stating it,
    /// outgoing first.
    pub fn triples(&self) -> Vec<Triple> {
        let subject: NamedOrBlankNode = self.subject.clone().into();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for fact in &self.outgoing {
            let triple = Triple::new(subject.clone(), fact.property.clone(), fact.value.clone());
            if seen.insert(triple.to_string()) {
                out.push(triple);
            }
        }
        for fact in &self.incoming {
            let Some(from) = as_subject(&fact.value) else {
                continue;
            };
            let triple = Triple::new(from, fact.property.clone(), self.subject.clone());
            if seen.insert(triple.to_string()) {
                out.push(triple);
            }
        }
        out
    }

    /// The description's quads: each triple in each graph that states it.
    pub fn quads(&self) -> Vec<Quad> {
        let subject: NamedOrBlankNode = self.subject.clone().into();
        let graph_name = |graph: &Option<NamedNode>| match graph {
            Some(graph) => GraphName::NamedNode(graph.clone()),
            None => GraphName::DefaultGraph,
        };
        let mut out = Vec::new();
        for fact in &self.outgoing {
            for graph in &fact.graphs {
                out.push(Quad::new(
                    subject.clone(),
                    fact.property.clone(),
                    fact.value.clone(),
                    graph_name(graph),
                ));
            }
        }
        for fact in &self.incoming {
            let Some(from) = as_subject(&fact.value) else {
                continue;
            };
            for graph in &fact.graphs {
                out.push(Quad::new(
                    from.clone(),
                    fact.property.clone(),
                    self.subject.clone(),
                    graph_name(graph),
                ));
            }
        }
        out
    }
}

fn as_subject(term: &Term) -> Option<NamedOrBlankNode> {
    match term {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
}

/// Groups quads into facts by (property, other end), keeping every graph; ordered by property,
/// then by value as N-Triples text (stable, and IRIs before literals of the same property).
fn merge(
    quads: impl Iterator<Item = Result<Quad, StorageError>>,
    key: impl Fn(Quad) -> (NamedNode, Term),
) -> Result<Vec<Fact>, StorageError> {
    let mut facts: BTreeMap<(String, String), Fact> = BTreeMap::new();
    for quad in quads {
        let quad = quad?;
        let graph = match &quad.graph_name {
            GraphName::NamedNode(n) => Some(n.clone()),
            _ => None,
        };
        let (property, value) = key(quad);
        let fact = facts
            .entry((property.as_str().to_owned(), value.to_string()))
            .or_insert_with(|| Fact {
                property,
                value,
                graphs: Vec::new(),
            });
        if !fact.graphs.contains(&graph) {
            fact.graphs.push(graph);
        }
    }
    let mut facts: Vec<Fact> = facts.into_values().collect();
    for fact in &mut facts {
        fact.graphs.sort_by_key(|g| graph_rank(g.as_ref()));
    }
    Ok(facts)
}

/// Source graphs first, the inferred graph last.
fn graph_rank(graph: Option<&NamedNode>) -> (u8, String) {
    match graph {
        None => (1, String::new()),
        Some(g) if g.as_ref() == crate::vocab::graph::INFERRED => (2, String::new()),
        Some(g) => (0, g.as_str().to_owned()),
    }
}

fn first_object(
    store: &GraphStore,
    subject: NamedOrBlankNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
) -> Result<Option<Term>, StorageError> {
    store
        .oxigraph()
        .quads_for_pattern(Some(subject), Some(predicate), None, None)
        .next()
        .transpose()
        .map(|quad| quad.map(|q| q.object))
}

fn read_link_source(
    store: &GraphStore,
    statement: NamedNodeRef<'_>,
) -> Result<LinkSource, StorageError> {
    let mut record = LinkSource {
        statement: statement.as_str().to_owned(),
        ..LinkSource::default()
    };
    // One scan per property shown: the record's other triples (its label, type, the link it
    // names) are never decoded.
    let values = |predicate: NamedNodeRef<'_>| {
        store
            .oxigraph()
            .quads_for_pattern(Some(statement.into()), Some(predicate), None, None)
            .map(|quad| quad.map(|q| q.object))
    };
    for value in values(terms::DCTERMS_DESCRIPTION) {
        if let Term::Literal(l) = value? {
            record.note = Some(l.value().to_owned());
            break;
        }
    }
    for value in values(terms::PROV_WAS_DERIVED_FROM) {
        if let Term::NamedNode(n) = value?
            && !record.sources.iter().any(|s| s == n.as_str())
        {
            record.sources.push(n.into_string());
        }
    }
    for value in values(idm::SOURCE_NOTE) {
        if let Term::Literal(l) = value?
            && !record.source_notes.iter().any(|s| s == l.value())
        {
            record.source_notes.push(l.value().to_owned());
        }
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{ID_BASE, graph};

    #[test]
    fn a_description_has_both_directions_with_graphs_and_link_sources()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let x1252 = NamedNode::new(format!("{ID_BASE}rec/itut-x1252"))?;
        let description = Description::read(&store, x1252.as_ref())?;
        let title = description
            .outgoing
            .iter()
            .find(|f| f.property.as_ref() == terms::DCTERMS_TITLE)
            .ok_or("no title")?;
        // The seed and the landscape both state the title.
        assert!(title.graphs.contains(&Some(graph::SEED.into_owned())));
        assert!(title.graphs.contains(&Some(graph::LANDSCAPE.into_owned())));
        assert!(!description.incoming.is_empty());
        // Every triple once, every quad per graph.
        assert!(description.quads().len() > description.triples().len());
        let unknown = NamedNode::new(format!("{ID_BASE}rec/nothing-here"))?;
        assert!(Description::read(&store, unknown.as_ref())?.is_empty());
        Ok(())
    }

    #[test]
    fn landscape_links_carry_their_notes_and_sources() -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let x1254 = NamedNode::new(format!("{ID_BASE}rec/itut-x1254-2012"))?;
        let description = Description::read(&store, x1254.as_ref())?;
        let sources = description.sources_of(
            x1254.as_str(),
            idm::COMMON_TEXT.as_str(),
            &format!("{ID_BASE}std/iso-iec-29115"),
        );
        let record = sources
            .first()
            .ok_or("no provenance record for the common text")?;
        assert!(record.note.as_deref().unwrap_or_default().contains("29115"));
        assert!(!record.sources.is_empty());
        Ok(())
    }
}
