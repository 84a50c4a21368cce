//! The neighbourhood of an entity for the picture: the entities linked to it, one or two steps
//! out in either direction, and the links between them, with labels.
//!
//! Only links between described resources count (those with a label or a type): a web page a
//! fact was derived from is a source, not a neighbour. Types, the provenance records of links
//! and the topic scheme's bookkeeping are left out, and so is the inferred graph unless asked
//! (its inverse and symmetric links repeat asserted ones the other way round). The walk stops
//! at a number of nodes, and says so.

use std::collections::{BTreeMap, HashMap, HashSet};

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::store::StorageError;
use serde::Serialize;

use crate::labels::{Catalog, kind_of};
use crate::store::GraphStore;
use crate::vocab::graph;

/// Largest depth walked.
pub const MAX_DEPTH: u8 = 2;

/// Predicates that are not links between entities.
const SKIPPED: &[&str] = &[
    rdf::TYPE.as_str(),
    rdf::SUBJECT.as_str(),
    rdf::PREDICATE.as_str(),
    rdf::OBJECT.as_str(),
    rdfs::IS_DEFINED_BY.as_str(),
    "http://www.w3.org/2004/02/skos/core#inScheme",
    "http://www.w3.org/2004/02/skos/core#topConceptOf",
    "http://www.w3.org/2004/02/skos/core#hasTopConcept",
];

/// What to walk.
#[derive(Debug, Clone)]
pub struct Options {
    /// Steps from the entity, 1 or 2.
    pub depth: u8,
    /// Only links by these properties (IRIs); `None` for all.
    pub relations: Option<Vec<String>>,
    /// Whether links only inferred count.
    pub inferred: bool,
    /// Most nodes returned, the entity included.
    pub max_nodes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            depth: 1,
            relations: None,
            inferred: false,
            max_nodes: 150,
        }
    }
}

/// An entity of the picture.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Node {
    /// Its IRI.
    pub id: String,
    /// Its name.
    pub label: String,
    /// Its entity kind (`rec`, `sg`…), for IRIs under the entity base.
    pub kind: Option<String>,
    /// Its most specific type, as a label.
    #[serde(rename = "type")]
    pub type_label: Option<String>,
    /// Steps from the entity (0 for the entity itself).
    pub depth: u8,
}

/// A link of the picture, from subject to object.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Edge {
    /// The subject's IRI.
    pub source: String,
    /// The object's IRI.
    pub target: String,
    /// The property's IRI.
    pub relation: String,
    /// The property's label.
    pub label: String,
}

/// A kind of link next to the entity, with how many there are.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Relation {
    /// The property's IRI.
    pub iri: String,
    /// Its label.
    pub label: String,
    /// Links of this kind that touch the entity.
    pub count: usize,
}

/// The entity, its neighbours and the links between them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Neighbourhood {
    /// The entity's IRI.
    pub root: String,
    /// Steps walked.
    pub depth: u8,
    /// The entity first, then its neighbours by distance.
    pub nodes: Vec<Node>,
    /// Links between the nodes.
    pub edges: Vec<Edge>,
    /// Every kind of link touching the entity, whatever the filter: what a filter can choose.
    pub relations: Vec<Relation>,
    /// Whether neighbours were left out because of `node_limit`.
    pub truncated: bool,
    /// The most nodes returned.
    pub node_limit: usize,
}

/// Walks the neighbourhood of `root`.
pub fn neighbourhood(
    store: &GraphStore,
    catalog: &Catalog,
    root: NamedNodeRef<'_>,
    options: &Options,
) -> Result<Neighbourhood, StorageError> {
    let depth = options.depth.clamp(1, MAX_DEPTH);
    let mut nodes = vec![node(catalog, root.as_str(), 0)];
    let mut index: HashMap<String, usize> = HashMap::from([(root.as_str().to_owned(), 0)]);
    let mut edges = Vec::new();
    let mut seen_edges: HashSet<(String, String, String)> = HashSet::new();
    let mut relation_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut truncated = false;
    let mut frontier = vec![root.as_str().to_owned()];
    for step in 1..=depth {
        let mut next = Vec::new();
        for current in &frontier {
            for (source, relation, target) in links(store, catalog, current, options.inferred)? {
                let key = (source.clone(), relation.clone(), target.clone());
                let first_time = !seen_edges.contains(&key);
                if step == 1 && first_time {
                    *relation_counts.entry(relation.clone()).or_default() += 1;
                }
                let wanted = options
                    .relations
                    .as_ref()
                    .is_none_or(|chosen| chosen.contains(&relation));
                if !wanted || !first_time {
                    continue;
                }
                let other = if source == *current { &target } else { &source };
                if !index.contains_key(other) {
                    if nodes.len() >= options.max_nodes {
                        truncated = true;
                        continue;
                    }
                    index.insert(other.clone(), nodes.len());
                    nodes.push(node(catalog, other, step));
                    next.push(other.clone());
                }
                seen_edges.insert(key);
                edges.push(Edge {
                    label: catalog.label(&relation),
                    source,
                    target,
                    relation,
                });
            }
        }
        frontier = next;
    }
    let mut relations: Vec<Relation> = relation_counts
        .into_iter()
        .map(|(iri, count)| Relation {
            label: catalog.label(&iri),
            iri,
            count,
        })
        .collect();
    relations.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    Ok(Neighbourhood {
        root: root.as_str().to_owned(),
        depth,
        nodes,
        edges,
        relations,
        truncated,
        node_limit: options.max_nodes,
    })
}

fn node(catalog: &Catalog, iri: &str, depth: u8) -> Node {
    Node {
        id: iri.to_owned(),
        label: catalog.label(iri),
        kind: kind_of(iri).map(str::to_owned),
        type_label: catalog.type_label(iri),
        depth,
    }
}

/// The links (subject, property, object) touching `iri` in either direction, each once.
fn links(
    store: &GraphStore,
    catalog: &Catalog,
    iri: &str,
    inferred: bool,
) -> Result<Vec<(String, String, String)>, StorageError> {
    let node = NamedNodeRef::new_unchecked(iri);
    let oxigraph = store.oxigraph();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let quads = oxigraph
        .quads_for_pattern(Some(node.into()), None, None, None)
        .chain(oxigraph.quads_for_pattern(None, None, Some(node.into()), None));
    for quad in quads {
        let quad = quad?;
        if !inferred && quad.graph_name == GraphName::NamedNode(graph::INFERRED.into_owned()) {
            continue;
        }
        let relation = quad.predicate.as_str();
        if SKIPPED.contains(&relation) {
            continue;
        }
        let (NamedOrBlankNode::NamedNode(subject), Term::NamedNode(object)) =
            (&quad.subject, &quad.object)
        else {
            continue;
        };
        if subject == object {
            continue;
        }
        let other = if subject.as_str() == iri {
            object
        } else {
            subject
        };
        if !is_entity(catalog, other.as_str()) {
            continue;
        }
        let link = (
            subject.as_str().to_owned(),
            relation.to_owned(),
            object.as_str().to_owned(),
        );
        if seen.insert(link.clone()) {
            out.push(link);
        }
    }
    Ok(out)
}

/// Whether `iri` is a described resource other than a link's provenance record.
fn is_entity(catalog: &Catalog, iri: &str) -> bool {
    catalog
        .get(iri)
        .is_some_and(|resource| !resource.is_record())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{ID_BASE, idm};

    #[test]
    fn the_neighbourhood_links_the_entity_to_its_neighbours()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let catalog = Catalog::build(&store)?;
        let root = format!("{ID_BASE}question/q10-17");
        let root_node = NamedNodeRef::new(&root)?;
        let one = neighbourhood(&store, &catalog, root_node, &Options::default())?;
        assert_eq!(one.nodes[0].id, root);
        assert!(one.nodes.len() > 3, "{:?}", one.nodes);
        assert!(
            one.edges
                .iter()
                .all(|e| e.source == root || e.target == root)
        );
        assert!(one.nodes.iter().all(|n| !n.id.contains("/link/")));
        // Two steps reach further; a filter keeps only its relation.
        let two = neighbourhood(
            &store,
            &catalog,
            root_node,
            &Options {
                depth: 2,
                ..Options::default()
            },
        )?;
        assert!(two.nodes.len() > one.nodes.len());
        let developed = neighbourhood(
            &store,
            &catalog,
            root_node,
            &Options {
                relations: Some(vec![idm::DEVELOPED_BY.as_str().to_owned()]),
                ..Options::default()
            },
        )?;
        assert!(!developed.edges.is_empty());
        assert!(
            developed
                .edges
                .iter()
                .all(|e| e.relation == idm::DEVELOPED_BY.as_str())
        );
        assert_eq!(developed.relations.len(), one.relations.len());
        // The walk stops at the node limit and says so.
        let capped = neighbourhood(
            &store,
            &catalog,
            root_node,
            &Options {
                depth: 2,
                max_nodes: 3,
                ..Options::default()
            },
        )?;
        assert_eq!(capped.nodes.len(), 3);
        assert!(capped.truncated);
        Ok(())
    }
}
