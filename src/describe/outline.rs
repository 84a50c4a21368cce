//! What the entity page reads instead of a whole [`Description`]: the [`Outline`] (which
//! properties link the resource, in which direction, and how many values each has) and then
//! only the values it shows, one page of each list.
//!
//! A hub (a study group owning a hundred thousand items, the root topic) has far more links
//! than a page shows, and reading every one of them, with its strings, to show twenty was what
//! made its page slow. The outline is counted by the SPARQL engine on the store's encoded
//! terms (`COUNT(DISTINCT …) … GROUP BY ?p`, no string is decoded), and a page of a long list
//! skips to its offset the same way; only the values shown are decoded.
//!
//! Counting still visits every link once, so an outline with many links is kept per store
//! version ([`OutlineCache`]): the first view of a hub after a write pays for it, later ones
//! don't.
//!
//! Lists of at most [`WHOLE_LIMIT`] values are read whole and ordered by value, as
//! [`Description`] orders them; longer ones come in the store's index order, which is stable
//! for a store version, so that their pages neither overlap nor leave gaps.

use std::collections::BTreeSet;
use std::sync::Arc;

use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
    TermRef, Variable,
};
use oxigraph::sparql::{
    QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator, SparqlSyntaxError,
};
use oxigraph::store::StorageError;

use super::{Description, Fact, LinkSource, graph_rank, merge, read_link_source};
use crate::store::GraphStore;
use crate::vocab::graph;

/// Lists up to this long are read whole and ordered by value; longer ones are paged in the
/// store's order.
pub const WHOLE_LIMIT: usize = 500;

/// Outlines that counted at least this many links are kept in the [`OutlineCache`].
const CACHE_FROM: usize = 2_000;

/// Outlines kept, of the current store version and, until they are pushed out, earlier ones.
const CACHE_ENTRIES: usize = 256;

/// Direction of a fact relative to the resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The resource is the subject.
    Out,
    /// The resource is the object.
    In,
}

/// Errors of reading an outline or a page of values.
#[derive(Debug, thiserror::Error)]
pub enum OutlineError {
    /// Reading the store failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A counting query failed.
    #[error(transparent)]
    Query(#[from] QueryEvaluationError),
    /// A counting query did not parse (a bug).
    #[error(transparent)]
    Syntax(#[from] SparqlSyntaxError),
}

/// The values of one property in one direction.
#[derive(Debug, Clone)]
pub struct Group {
    /// Out: the resource is the subject; in: the object.
    pub direction: Direction,
    /// The property.
    pub property: NamedNode,
    /// Distinct values over all graphs.
    pub total: usize,
    /// Those stated in the overlaps graph alone (the page shows them as overlaps).
    pub overlap_only: usize,
}

impl Group {
    /// The values listed in the group: all but those stated in the overlaps graph alone.
    pub fn count(&self) -> usize {
        self.total - self.overlap_only
    }
}

/// Which properties link a resource, both ways, with their counts.
#[derive(Debug, Clone)]
pub struct Outline {
    /// The resource.
    pub subject: NamedNode,
    /// Its groups, outgoing then incoming, each by property IRI.
    pub groups: Vec<Group>,
    /// The overlap records (`idm:Overlap` nodes) linked to it in the overlaps graph, in the
    /// store's order.
    pub overlap_nodes: Vec<NamedNode>,
}

impl Outline {
    /// Counts the links of `subject`.
    pub fn read(store: &GraphStore, subject: NamedNodeRef<'_>) -> Result<Self, OutlineError> {
        let mut groups = Vec::new();
        for (direction, text) in [
            (
                Direction::Out,
                "SELECT ?r ?p (COUNT(DISTINCT ?v) AS ?n) WHERE { ?r ?p ?v } GROUP BY ?r ?p",
            ),
            (
                Direction::In,
                "SELECT ?r ?p (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v ?p ?r } GROUP BY ?r ?p",
            ),
        ] {
            for row in select(store, text, &[("r", subject.into_owned().into())])? {
                let (Some(Term::NamedNode(property)), Some(Term::Literal(n))) =
                    (row.get("p").cloned(), row.get("n").cloned())
                else {
                    continue;
                };
                groups.push(Group {
                    direction,
                    property,
                    total: n.value().parse().unwrap_or_default(),
                    overlap_only: 0,
                });
            }
        }
        groups.sort_by(|a, b| {
            (a.direction, a.property.as_str()).cmp(&(b.direction, b.property.as_str()))
        });
        let mut outline = Self {
            subject: subject.into_owned(),
            groups,
            overlap_nodes: Vec::new(),
        };
        outline.read_overlaps(store)?;
        Ok(outline)
    }

    /// Whether the graph says nothing about the resource.
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.total == 0)
    }

    /// Facts in each direction, overlap records included.
    pub fn total(&self, direction: Direction) -> usize {
        self.groups
            .iter()
            .filter(|g| g.direction == direction)
            .map(|g| g.total)
            .sum()
    }

    /// The group of `property` in `direction`.
    pub fn group(&self, direction: Direction, property: &str) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.direction == direction && g.property.as_str() == property)
    }

    /// Finds the overlap records linked to the resource, and the facts stated in the overlaps
    /// graph alone, which the page shows as overlaps instead of listing. The overlaps graph
    /// holds a few records per item, so this reads all of them.
    fn read_overlaps(&mut self, store: &GraphStore) -> Result<(), OutlineError> {
        let oxigraph = store.oxigraph();
        let subject = self.subject.as_ref();
        let overlaps = GraphName::from(graph::OVERLAPS.into_owned());
        let mut seen: BTreeSet<(Direction, String, String)> = BTreeSet::new();
        let quads = oxigraph
            .quads_for_pattern(Some(subject.into()), None, None, Some(overlaps.as_ref()))
            .map(|q| q.map(|q| (Direction::Out, q)))
            .chain(
                oxigraph
                    .quads_for_pattern(None, None, Some(subject.into()), Some(overlaps.as_ref()))
                    .map(|q| q.map(|q| (Direction::In, q))),
            );
        for item in quads {
            let (direction, quad) = item?;
            let value: Term = match direction {
                Direction::Out => quad.object.clone(),
                Direction::In => quad.subject.clone().into(),
            };
            let key = (
                direction,
                quad.predicate.as_str().to_owned(),
                value.to_string(),
            );
            if !seen.insert(key) {
                continue;
            }
            if let Term::NamedNode(node) = &value
                && !self.overlap_nodes.contains(node)
            {
                self.overlap_nodes.push(node.clone());
            }
            let elsewhere = oxigraph
                .quads_for_pattern(
                    Some(quad.subject.as_ref()),
                    Some(quad.predicate.as_ref()),
                    Some(quad.object.as_ref()),
                    None,
                )
                .any(|q| q.is_ok_and(|q| q.graph_name != overlaps));
            if !elsewhere
                && let Some(group) = self.groups.iter_mut().find(|g| {
                    g.direction == direction && g.property.as_ref() == quad.predicate.as_ref()
                })
            {
                group.overlap_only += 1;
            }
        }
        Ok(())
    }

    /// One page (`PAGE_SIZE` values from `start`) of `group`, without the facts stated in the
    /// overlaps graph alone.
    pub fn page(
        &self,
        store: &GraphStore,
        group: &Group,
        start: usize,
        size: usize,
    ) -> Result<Vec<Fact>, OutlineError> {
        if group.total <= WHOLE_LIMIT {
            return Ok(self
                .whole(store, group)?
                .into_iter()
                .skip(start)
                .take(size)
                .collect());
        }
        let text = match group.direction {
            Direction::Out => "SELECT DISTINCT ?r ?p ?v WHERE { ?r ?p ?v }",
            Direction::In => "SELECT DISTINCT ?r ?p ?v WHERE { ?v ?p ?r }",
        };
        // Numbers, not client text: the offset and limit are written into the query.
        let text = format!("{text} OFFSET {start} LIMIT {size}");
        let rows = select(
            store,
            &text,
            &[
                ("r", self.subject.clone().into()),
                ("p", group.property.clone().into()),
            ],
        )?;
        let mut facts = Vec::with_capacity(rows.len());
        for value in rows.into_iter().filter_map(|row| row.get("v").cloned()) {
            let Some(fact) = self.fact(store, group, value)? else {
                continue;
            };
            if !only_in_overlaps(&fact) {
                facts.push(fact);
            }
        }
        Ok(facts)
    }

    /// Every value of `group`, ordered as [`Description`] orders them, without the facts
    /// stated in the overlaps graph alone. For groups of up to [`WHOLE_LIMIT`] values.
    pub fn whole(&self, store: &GraphStore, group: &Group) -> Result<Vec<Fact>, OutlineError> {
        let oxigraph = store.oxigraph();
        let subject = self.subject.as_ref();
        let property = Some(group.property.as_ref());
        let facts = match group.direction {
            Direction::Out => merge(
                oxigraph.quads_for_pattern(Some(subject.into()), property, None, None),
                |quad| (quad.predicate, quad.object),
            )?,
            Direction::In => merge(
                oxigraph.quads_for_pattern(None, property, Some(subject.into()), None),
                |quad| (quad.predicate, quad.subject.into()),
            )?,
        };
        Ok(facts.into_iter().filter(|f| !only_in_overlaps(f)).collect())
    }

    /// The fact of `group` with `value` at the other end, with the graphs stating it.
    fn fact(
        &self,
        store: &GraphStore,
        group: &Group,
        value: Term,
    ) -> Result<Option<Fact>, OutlineError> {
        let subject: NamedOrBlankNode = self.subject.clone().into();
        let (s, o): (NamedOrBlankNode, Term) = match (group.direction, &value) {
            (Direction::Out, _) => (subject, value.clone()),
            (Direction::In, Term::NamedNode(n)) => (n.clone().into(), self.subject.clone().into()),
            (Direction::In, Term::BlankNode(b)) => (b.clone().into(), self.subject.clone().into()),
            (Direction::In, _) => return Ok(None),
        };
        let mut graphs = Vec::new();
        for quad in store.oxigraph().quads_for_pattern(
            Some(s.as_ref()),
            Some(group.property.as_ref()),
            Some(o.as_ref()),
            None,
        ) {
            let graph = match quad?.graph_name {
                GraphName::NamedNode(n) => Some(n),
                _ => None,
            };
            if !graphs.contains(&graph) {
                graphs.push(graph);
            }
        }
        graphs.sort_by_key(|g| graph_rank(g.as_ref()));
        Ok(Some(Fact {
            property: group.property.clone(),
            value,
            graphs,
        }))
    }
}

fn only_in_overlaps(fact: &Fact) -> bool {
    fact.graphs
        .iter()
        .all(|g| g.as_ref().is_some_and(|g| g.as_ref() == graph::OVERLAPS))
}

/// Runs a SELECT over the union of all graphs with `bindings` (variables of its projection, as
/// Oxigraph requires).
fn select(
    store: &GraphStore,
    text: &str,
    bindings: &[(&str, Term)],
) -> Result<Vec<QuerySolution>, OutlineError> {
    let mut prepared = SparqlEvaluator::new().parse_query(text)?;
    for (name, term) in bindings {
        prepared = prepared.substitute_variable(Variable::new_unchecked(*name), term.clone());
    }
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared.on_store(store.oxigraph()).execute()? else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for solution in solutions {
        rows.push(solution?);
    }
    Ok(rows)
}

/// The provenance records of the link `s p o` (`rdf:Statement`s naming all three).
///
/// The records naming `s` as their subject and those naming `o` as their object are walked
/// side by side and the shorter list decides: a link to a hub with thousands of records costs
/// what the other end's few records cost.
pub fn link_sources(
    store: &GraphStore,
    s: NamedNodeRef<'_>,
    p: NamedNodeRef<'_>,
    o: NamedNodeRef<'_>,
) -> Result<Vec<LinkSource>, StorageError> {
    let oxigraph = store.oxigraph();
    let mut by_subject = oxigraph.quads_for_pattern(None, Some(rdf::SUBJECT), Some(s.into()), None);
    let mut by_object = oxigraph.quads_for_pattern(None, Some(rdf::OBJECT), Some(o.into()), None);
    let mut from_subject: Vec<Quad> = Vec::new();
    let mut from_object: Vec<Quad> = Vec::new();
    // The end the candidates were found by, and the end still to check.
    let (candidates, (other_end, other)) = loop {
        match by_subject.next() {
            Some(quad) => from_subject.push(quad?),
            None => break (from_subject, (rdf::OBJECT, TermRef::from(o))),
        }
        match by_object.next() {
            Some(quad) => from_object.push(quad?),
            None => break (from_object, (rdf::SUBJECT, TermRef::from(s))),
        }
    };
    let mut records: Vec<LinkSource> = Vec::new();
    for quad in candidates {
        let NamedOrBlankNode::NamedNode(record) = &quad.subject else {
            continue;
        };
        let record = record.as_ref();
        if records.iter().any(|r| r.statement == record.as_str())
            || !states(store, record, other_end, other, quad.graph_name.as_ref())?
            || !states(
                store,
                record,
                rdf::PREDICATE,
                p.into(),
                quad.graph_name.as_ref(),
            )?
        {
            continue;
        }
        records.push(read_link_source(store, record)?);
    }
    Ok(records)
}

/// Whether `record` has `predicate` `value` in any graph; `graph`, where a record's triples
/// usually all are, is looked at first, by key, without decoding anything.
fn states(
    store: &GraphStore,
    record: NamedNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
    value: TermRef<'_>,
    graph: GraphNameRef<'_>,
) -> Result<bool, StorageError> {
    let oxigraph = store.oxigraph();
    if oxigraph.contains(QuadRef::new(record, predicate, value, graph))? {
        return Ok(true);
    }
    Ok(oxigraph
        .quads_for_pattern(Some(record.into()), Some(predicate), Some(value), None)
        .next()
        .transpose()?
        .is_some())
}

/// Outlines of the resources with many links, by store version: a write moves the version, so
/// an outline counted before it is never handed out after it.
pub struct OutlineCache {
    entries: quick_cache::sync::Cache<(u64, String), Arc<Outline>>,
}

impl Default for OutlineCache {
    fn default() -> Self {
        Self {
            entries: quick_cache::sync::Cache::new(CACHE_ENTRIES),
        }
    }
}

impl std::fmt::Debug for OutlineCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutlineCache")
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl OutlineCache {
    /// The outline of `subject` at the store's current version: kept, or read now and kept
    /// when it counted many links.
    pub fn get(
        &self,
        store: &GraphStore,
        subject: NamedNodeRef<'_>,
    ) -> Result<Arc<Outline>, OutlineError> {
        // Read before the outline: a write meanwhile leaves it under the older version.
        let key = (store.version(), subject.as_str().to_owned());
        if let Some(outline) = self.entries.get(&key) {
            return Ok(outline);
        }
        let outline = Arc::new(Outline::read(store, subject)?);
        let links = outline.total(Direction::Out) + outline.total(Direction::In);
        if links >= CACHE_FROM {
            self.entries.insert(key, outline.clone());
        }
        Ok(outline)
    }
}

/// Reads the overlap records of the outline, at most `limit` of them.
pub fn overlap_descriptions(
    store: &GraphStore,
    outline: &Outline,
    limit: usize,
) -> Result<Vec<Description>, StorageError> {
    outline
        .overlap_nodes
        .iter()
        .take(limit)
        .map(|node| Description::read_outgoing(store, node.as_ref()))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::vocab::ID_BASE;

    /// Groups of a whole description, as (direction, property, distinct values).
    fn counted(description: &Description) -> Vec<(Direction, String, usize)> {
        let mut counts: BTreeMap<(Direction, String), usize> = BTreeMap::new();
        for (direction, facts) in [
            (Direction::Out, &description.outgoing),
            (Direction::In, &description.incoming),
        ] {
            for fact in facts {
                *counts
                    .entry((direction, fact.property.as_str().to_owned()))
                    .or_default() += 1;
            }
        }
        counts.into_iter().map(|((d, p), n)| (d, p, n)).collect()
    }

    #[test]
    fn an_outline_counts_what_the_whole_description_holds() -> Result<(), Box<dyn std::error::Error>>
    {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        for slug in [
            "rec/itut-x1252",
            "sg/sg17",
            "topic/identity-management",
            "nothing/here",
        ] {
            let subject = NamedNode::new(format!("{ID_BASE}{slug}"))?;
            let description = Description::read(&store, subject.as_ref())?;
            let outline = Outline::read(&store, subject.as_ref())?;
            let groups: Vec<(Direction, String, usize)> = outline
                .groups
                .iter()
                .map(|g| (g.direction, g.property.as_str().to_owned(), g.total))
                .collect();
            assert_eq!(groups, counted(&description), "{slug}");
            assert_eq!(outline.is_empty(), description.is_empty());
            // Each group read whole, and page by page, gives the description's facts.
            for group in &outline.groups {
                let whole = outline.whole(&store, group)?;
                let mut paged = Vec::new();
                for start in (0..group.total).step_by(3) {
                    paged.extend(outline.page(&store, group, start, 3)?);
                }
                let text = |facts: &[Fact]| -> Vec<String> {
                    facts.iter().map(|f| f.value.to_string()).collect()
                };
                assert_eq!(text(&whole), text(&paged));
                assert_eq!(whole.len(), group.count(), "{slug} {}", group.property);
            }
        }
        Ok(())
    }

    #[test]
    fn a_long_list_is_paged_in_store_order_without_gaps_or_repeats()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let hub = NamedNode::new(format!("{ID_BASE}topic/hub"))?;
        let subject_of = NamedNode::new("http://purl.org/dc/terms/subject")?;
        let items = WHOLE_LIMIT + 321;
        for i in 0..items {
            let item = NamedNode::new(format!("{ID_BASE}doc/item-{i}"))?;
            let quad = |graph: NamedNodeRef<'_>| {
                Quad::new(item.clone(), subject_of.clone(), hub.clone(), graph)
            };
            store.oxigraph().insert(&quad(graph::LANDSCAPE))?;
            // Stated twice: one fact, with both graphs.
            if i % 7 == 0 {
                store.oxigraph().insert(&quad(graph::INFERRED))?;
            }
        }
        let outline = Outline::read(&store, hub.as_ref())?;
        let group = outline
            .group(Direction::In, subject_of.as_str())
            .ok_or("no group")?;
        assert_eq!(group.count(), items);
        let mut seen = std::collections::BTreeSet::new();
        let mut start = 0;
        while start < group.count() {
            let page = outline.page(&store, group, start, 20)?;
            assert_eq!(page.len(), 20.min(items - start), "at {start}");
            for fact in page {
                let twice = fact.value.to_string().ends_with("-0>")
                    || fact.value.to_string().ends_with("-7>");
                if twice {
                    assert_eq!(fact.graphs.len(), 2, "{fact:?}");
                }
                assert!(seen.insert(fact.value.to_string()), "{} twice", fact.value);
            }
            start += 20;
        }
        assert_eq!(seen.len(), items);
        assert!(outline.page(&store, group, items, 20)?.is_empty());
        Ok(())
    }

    #[test]
    fn link_sources_are_the_records_naming_all_three_from_either_end()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let node = |name: &str| NamedNode::new(format!("http://e/{name}"));
        let (hub, leaf, based_on, references) = (
            node("hub")?,
            node("leaf")?,
            node("basedOn")?,
            node("references")?,
        );
        let (landscape, other) = (node("g1")?, node("g2")?);
        let add = |record: &str, s: &NamedNode, p: &NamedNode, o: &NamedNode, split: bool| {
            let record = node(record)?;
            let of = |graph: &NamedNode, predicate, value: &NamedNode| {
                Quad::new(record.clone(), predicate, value.clone(), graph.clone())
            };
            let predicate_graph = if split { &other } else { &landscape };
            for quad in [
                of(&landscape, rdf::SUBJECT, s),
                of(predicate_graph, rdf::PREDICATE, p),
                of(&landscape, rdf::OBJECT, o),
            ] {
                store.oxigraph().insert(&quad)?;
            }
            Ok::<_, Box<dyn std::error::Error>>(())
        };
        // Many records name the hub, so the leaf's end decides in both directions.
        for i in 0..50 {
            add(
                &format!("noise{i}"),
                &node(&format!("n{i}"))?,
                &based_on,
                &hub,
                false,
            )?;
            add(
                &format!("out{i}"),
                &hub,
                &based_on,
                &node(&format!("m{i}"))?,
                false,
            )?;
        }
        add("wanted", &leaf, &based_on, &hub, false)?;
        add("split", &leaf, &based_on, &hub, true)?;
        add("other-property", &leaf, &references, &hub, false)?;
        add("reverse", &hub, &based_on, &leaf, false)?;
        let found = |s: &NamedNode, o: &NamedNode| -> Result<Vec<String>, StorageError> {
            let mut names: Vec<String> =
                link_sources(&store, s.as_ref(), based_on.as_ref(), o.as_ref())?
                    .into_iter()
                    .map(|r| r.statement)
                    .collect();
            names.sort();
            Ok(names)
        };
        assert_eq!(found(&leaf, &hub)?, ["http://e/split", "http://e/wanted"]);
        assert_eq!(found(&hub, &leaf)?, ["http://e/reverse"]);
        assert_eq!(found(&hub, &hub)?, Vec::<String>::new());
        Ok(())
    }

    #[test]
    fn a_hub_outline_is_kept_until_a_write() -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let hub = NamedNode::new(format!("{ID_BASE}topic/hub"))?;
        let subject_of = NamedNode::new("http://purl.org/dc/terms/subject")?;
        for i in 0..CACHE_FROM {
            let item = NamedNode::new(format!("{ID_BASE}doc/item-{i}"))?;
            store.oxigraph().insert(&Quad::new(
                item,
                subject_of.clone(),
                hub.clone(),
                graph::LANDSCAPE,
            ))?;
        }
        // A hub's outline is kept while the store does not change, and read again after a write.
        let outlines = OutlineCache::default();
        let kept = outlines.get(&store, hub.as_ref())?;
        assert!(Arc::ptr_eq(&kept, &outlines.get(&store, hub.as_ref())?));
        store.write(|tx| {
            tx.insert(&Quad::new(
                NamedNode::new(format!("{ID_BASE}doc/late"))?,
                subject_of.clone(),
                hub.clone(),
                graph::LANDSCAPE,
            ));
            Ok::<_, Box<dyn std::error::Error>>(())
        })?;
        let after = outlines.get(&store, hub.as_ref())?;
        assert!(!Arc::ptr_eq(&kept, &after));
        assert_eq!(after.total(Direction::In), kept.total(Direction::In) + 1);
        Ok(())
    }
}
