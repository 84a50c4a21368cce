//! The engines over the store, in the shapes the command line and the JSON API share: reads the
//! source graphs (every graph but the inferred and the overlaps graph, which are computed from
//! them) into an [`OverlapIndex`] and an allocation landscape, and answers an item's overlaps,
//! all pairs, and allocation recommendations as serialisable entries. No HTTP here; the OpenAPI
//! schemas (`ToSchema`) only describe these shapes.

use std::collections::HashMap;

use oxigraph::model::{GraphNameRef, Quad, QuadRef};
use oxigraph::store::StorageError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::graph::{GraphInput, from_quads};
use super::{Item, Overlap, OverlapConfig, OverlapIndex, PairOverlap, Signal, SignalScore};
use crate::allocate::{
    Allocation, AllocationLandscape, Allocator, Coordination, Proposal, builtin_mandates,
};
use crate::store::{GraphStore, StoreError};
use crate::vocab::{ID_BASE, graph};

/// How many candidates an item's overlaps list unless told.
pub const DEFAULT_TOP: usize = 10;

/// The lowest score that `overlaps --all` lists and the overlaps graph keeps unless told.
/// On the default landscape the recorded equivalences score from about 0.3 up, and below it
/// pairs share little more than a broad topic.
pub const DEFAULT_MIN_SCORE: f64 = 0.3;

/// Errors of the service.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// No item has the id or IRI given.
    #[error("no item {given:?} in the graph{}", hint(.suggestions))]
    UnknownItem {
        /// What was asked for.
        given: String,
        /// Ids of items whose id contains it, for the message.
        suggestions: Vec<String>,
    },
    /// A value of the request is out of range or missing.
    #[error("{0}")]
    BadInput(String),
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn hint(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        " (items are named by their CSV id, e.g. itut-x1252, or by IRI)".to_owned()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// Whether a graph holds source data (not computed from the others).
pub fn is_source_graph(graph_name: GraphNameRef<'_>) -> bool {
    graph_name != GraphNameRef::NamedNode(graph::INFERRED)
        && graph_name != GraphNameRef::NamedNode(graph::OVERLAPS)
}

/// The quads of the source graphs among `quads`.
pub fn source_quads(
    quads: impl Iterator<Item = Result<Quad, StorageError>>,
) -> Result<Vec<Quad>, StorageError> {
    let mut out = Vec::new();
    for quad in quads {
        let quad = quad?;
        if is_source_graph(quad.graph_name.as_ref()) {
            out.push(quad);
        }
    }
    Ok(out)
}

/// A signal of a score, as the JSON shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SignalEntry {
    /// `text`, `topics`, `references` or `neighbours`.
    pub signal: String,
    /// Its value, 0..1.
    pub value: f64,
    /// Its weight in this pair's mean (the weights of the signals present sum to 1).
    pub weight: f64,
}

/// A candidate overlapping the item asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OverlapEntry {
    /// The candidate's id: its CSV id when it came from the landscape CSV, else the last
    /// segment of its IRI.
    #[schema(example = "iso-iec-29115")]
    pub id: String,
    /// Its IRI.
    pub iri: String,
    /// Its label.
    #[schema(example = "ISO/IEC 29115:2013")]
    pub label: String,
    /// The score, 0..1 (three decimals).
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub score: f64,
    /// Whether a recorded equivalence (common text, based on, transposed as) already joins the
    /// two: a known overlap, not a new finding.
    pub known: bool,
    /// That equivalence ("commonText", "transposedAs via oidc-core-1.0"), or null.
    #[schema(required = true)]
    pub known_relation: Option<String>,
    /// Human-readable reasons, the strongest first.
    pub reasons: Vec<String>,
    /// The signals behind the score.
    pub signals: Vec<SignalEntry>,
}

/// An item of a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ItemEntry {
    /// Its id (the CSV id where it came from CSV).
    pub id: String,
    /// Its IRI.
    pub iri: String,
    /// Its label.
    pub label: String,
}

/// A pair of overlapping items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PairEntry {
    /// One item (the one with the smaller id).
    pub a: ItemEntry,
    /// The other.
    pub b: ItemEntry,
    /// The score, 0..1 (three decimals).
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub score: f64,
    /// Whether a recorded equivalence already joins the two.
    pub known: bool,
    /// That equivalence, or null.
    #[schema(required = true)]
    pub known_relation: Option<String>,
    /// Human-readable reasons, the strongest first.
    pub reasons: Vec<String>,
    /// The signals behind the score.
    pub signals: Vec<SignalEntry>,
}

/// Topics of a proposal: a list, or one string separated by `;` as on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Topics {
    /// `["passwordless", "FIDO"]`
    List(Vec<String>),
    /// `"passwordless; FIDO"`
    Text(String),
}

impl Default for Topics {
    fn default() -> Self {
        Self::List(Vec::new())
    }
}

impl Topics {
    /// The topics, trimmed, empty ones dropped.
    pub fn to_vec(&self) -> Vec<String> {
        let parts: Vec<&str> = match self {
            Self::List(list) => list.iter().map(String::as_str).collect(),
            Self::Text(text) => text.split(';').collect(),
        };
        parts
            .into_iter()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// A proposed work item to allocate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocateRequest {
    /// Its title (required, not blank).
    #[schema(example = "Identity proofing and enrolment of natural persons")]
    pub title: String,
    /// A description or scope.
    #[serde(default)]
    pub description: Option<String>,
    /// Its topics: a list, or one string separated by `;`.
    #[serde(default)]
    #[schema(example = json!(["identity proofing", "enrolment"]))]
    pub topics: Topics,
}

/// A recommendation: a study group, maybe a Question, a score and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AllocationEntry {
    /// The study group.
    #[schema(example = "SG17")]
    pub study_group: String,
    /// The Question, or null when the study group is recommended without one.
    #[schema(example = "Q10/17", required = true)]
    pub question: Option<String>,
    /// The score, 0..1 (three decimals).
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub score: f64,
    /// Human-readable reasons, the strongest first.
    pub reasons: Vec<String>,
}

/// The overlap index and the allocation landscape of one state of the store.
pub struct Engines {
    index: OverlapIndex,
    allocation: AllocationLandscape,
    by_iri: HashMap<String, String>,
}

impl Engines {
    /// Engines over what the graph gives, with the built-in mandates and JCA-IdM's coordination.
    pub fn from_input(input: GraphInput) -> Self {
        let allocation = AllocationLandscape {
            mandates: builtin_mandates(),
            coordination: Some(Coordination::jca_idm()),
            ..input.allocation
        };
        let by_iri = input
            .items
            .iter()
            .map(|item| (item.iri.clone(), item.id.clone()))
            .collect();
        let index = OverlapIndex::build(input.items, &input.known, OverlapConfig::default());
        Self {
            index,
            allocation,
            by_iri,
        }
    }

    /// Engines over `quads` (the caller picks the graphs: see [`source_quads`]).
    pub fn from_quads<'a>(quads: impl IntoIterator<Item = QuadRef<'a>>) -> Self {
        Self::from_input(from_quads(quads))
    }

    /// Engines over the source graphs of `store` as they are now.
    pub fn from_store(store: &GraphStore) -> Result<Self, StoreError> {
        let quads = source_quads(store.oxigraph().iter())?;
        Ok(Self::from_quads(quads.iter().map(Quad::as_ref)))
    }

    /// The overlap index.
    pub fn index(&self) -> &OverlapIndex {
        &self.index
    }

    /// The item named `given`: by id, by IRI, or as `kind:slug` (`rec:itut-x1252`).
    pub fn resolve(&self, given: &str) -> Result<&Item, ServiceError> {
        let given = given.trim();
        let by_kind_slug = || {
            let (kind, slug) = given.split_once(':')?;
            self.by_iri.get(&format!("{ID_BASE}{kind}/{slug}"))
        };
        let id = self
            .index
            .item(given)
            .map(|item| item.id.as_str())
            .or_else(|| self.by_iri.get(given).map(String::as_str))
            .or_else(|| by_kind_slug().map(String::as_str));
        if let Some(item) = id.and_then(|id| self.index.item(id)) {
            return Ok(item);
        }
        let needle = given.to_lowercase();
        let mut suggestions: Vec<String> = self
            .index
            .items()
            .iter()
            .filter(|item| !needle.is_empty() && item.id.to_lowercase().contains(&needle))
            .map(|item| item.id.clone())
            .collect();
        suggestions.sort();
        suggestions.truncate(5);
        Err(ServiceError::UnknownItem {
            given: given.to_owned(),
            suggestions,
        })
    }

    /// The best `top` candidates overlapping the item `given` (see [`Engines::resolve`]).
    pub fn overlaps(&self, given: &str, top: usize) -> Result<Vec<OverlapEntry>, ServiceError> {
        if top == 0 {
            return Err(ServiceError::BadInput("top must be at least 1".to_owned()));
        }
        let id = self.resolve(given)?.id.clone();
        let found = self.index.top_k(&id, top).unwrap_or_default();
        Ok(found.into_iter().map(OverlapEntry::from).collect())
    }

    /// Every pair scoring at least `min_score`, best first.
    pub fn all_pairs(&self, min_score: f64) -> Result<Vec<PairEntry>, ServiceError> {
        check_score("min_score", min_score)?;
        Ok(self
            .index
            .all_pairs(min_score)
            .into_iter()
            .map(PairEntry::from)
            .collect())
    }

    /// Study groups and Questions for a proposed work item, best first.
    pub fn allocate(
        &self,
        request: &AllocateRequest,
    ) -> Result<Vec<AllocationEntry>, ServiceError> {
        let title = request.title.trim();
        if title.is_empty() {
            return Err(ServiceError::BadInput(
                "title is required and must not be blank".to_owned(),
            ));
        }
        let proposal = Proposal {
            title: title.to_owned(),
            description: request
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned),
            topics: request.topics.to_vec(),
        };
        let allocator = Allocator::new(&self.index, self.allocation.clone());
        Ok(allocator
            .allocate(&proposal)
            .into_iter()
            .map(AllocationEntry::from)
            .collect())
    }
}

/// The engines of the store version last asked about, rebuilt when the store has changed since
/// (its version moves with every committed write), so that a service does not index the graph
/// again for every request.
#[derive(Default)]
pub struct EngineCache {
    slot: std::sync::Mutex<Option<(u64, std::sync::Arc<Engines>)>>,
}

impl EngineCache {
    /// The engines over `store` as it is now.
    pub fn get(&self, store: &GraphStore) -> Result<std::sync::Arc<Engines>, StoreError> {
        // Held while building: concurrent requests wait for one build instead of each making
        // their own. The guarded value is replaced whole, so a poisoned lock is still sound.
        let mut slot = self
            .slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Read before building: a write during the build leaves the entry under the older
        // version, and the next request builds again.
        let version = store.version();
        if let Some((built, engines)) = slot.as_ref()
            && *built == version
        {
            return Ok(engines.clone());
        }
        let engines = std::sync::Arc::new(Engines::from_store(store)?);
        *slot = Some((version, engines.clone()));
        Ok(engines)
    }
}

/// Refuses a score threshold outside 0..1 (or not a number).
pub fn check_score(name: &str, score: f64) -> Result<(), ServiceError> {
    if (0.0..=1.0).contains(&score) {
        Ok(())
    } else {
        Err(ServiceError::BadInput(format!(
            "{name} must be between 0 and 1, not {score}"
        )))
    }
}

fn signals(signals: Vec<SignalScore>) -> Vec<SignalEntry> {
    signals
        .into_iter()
        .map(|s| SignalEntry {
            signal: match s.signal {
                Signal::Text => "text",
                Signal::Topics => "topics",
                Signal::References => "references",
                Signal::Neighbours => "neighbours",
            }
            .to_owned(),
            value: (s.value * 1000.0).round() / 1000.0,
            weight: (s.weight * 1000.0).round() / 1000.0,
        })
        .collect()
}

impl From<Overlap> for OverlapEntry {
    fn from(o: Overlap) -> Self {
        Self {
            id: o.id,
            iri: o.iri,
            label: o.label,
            score: o.score,
            known: o.known,
            known_relation: o.known_relation,
            reasons: o.reasons,
            signals: signals(o.signals),
        }
    }
}

impl From<PairOverlap> for PairEntry {
    fn from(p: PairOverlap) -> Self {
        let item = |i: super::ItemRef| ItemEntry {
            id: i.id,
            iri: i.iri,
            label: i.label,
        };
        Self {
            a: item(p.a),
            b: item(p.b),
            score: p.score,
            known: p.known,
            known_relation: p.known_relation,
            reasons: p.reasons,
            signals: signals(p.signals),
        }
    }
}

impl From<Allocation> for AllocationEntry {
    fn from(a: Allocation) -> Self {
        Self {
            study_group: a.study_group,
            question: a.question,
            score: a.score,
            reasons: a.reasons,
        }
    }
}

/// An item's overlaps as a text table, for people.
pub fn overlaps_table(item: &Item, entries: &[OverlapEntry]) -> String {
    let mut out = format!("overlaps of {} — {}\n", item.id, item.label);
    if entries.is_empty() {
        out.push_str("  no candidate shares enough with it\n");
        return out;
    }
    for (n, e) in entries.iter().enumerate() {
        let known = e
            .known_relation
            .as_deref()
            .map_or_else(String::new, |r| format!("  [known: {r}]"));
        out.push_str(&format!(
            "{:>3}. {:.3}  {}  {}{known}\n",
            n + 1,
            e.score,
            e.id,
            e.label
        ));
        for reason in &e.reasons {
            out.push_str(&format!("        - {reason}\n"));
        }
    }
    out
}

/// All pairs as a text table, for people.
pub fn pairs_table(entries: &[PairEntry]) -> String {
    let mut out = format!("{} pair(s)\n", entries.len());
    for e in entries {
        let known = e
            .known_relation
            .as_deref()
            .map_or_else(String::new, |r| format!("  [known: {r}]"));
        out.push_str(&format!(
            "{:.3}  {} ({})  ~  {} ({}){known}\n",
            e.score, e.a.id, e.a.label, e.b.id, e.b.label
        ));
        if let Some(reason) = e.reasons.first() {
            out.push_str(&format!("       - {reason}\n"));
        }
    }
    out
}

/// Allocation recommendations as a text table, for people.
pub fn allocation_table(title: &str, entries: &[AllocationEntry]) -> String {
    let mut out = format!("allocation of \"{}\"\n", title.trim());
    for (n, e) in entries.iter().enumerate() {
        out.push_str(&format!(
            "{:>3}. {:.3}  {:<6} {}\n",
            n + 1,
            e.score,
            e.study_group,
            e.question.as_deref().unwrap_or("(no Question)")
        ));
        for reason in &e.reasons {
            out.push_str(&format!("        - {reason}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_engines() -> Result<Engines, Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        Ok(Engines::from_store(&store)?)
    }

    #[test]
    fn items_are_found_by_id_iri_or_kind_and_slug() -> Result<(), Box<dyn std::error::Error>> {
        let engines = default_engines()?;
        let by_id = engines.resolve("itut-x1252")?.iri.clone();
        assert_eq!(by_id, format!("{ID_BASE}rec/itut-x1252"));
        assert_eq!(engines.resolve(&by_id)?.id, "itut-x1252");
        assert_eq!(engines.resolve("rec:itut-x1252")?.id, "itut-x1252");
        let Err(ServiceError::UnknownItem { suggestions, .. }) = engines.resolve("x1254") else {
            panic!("x1254 is not an id");
        };
        assert!(
            suggestions.iter().all(|s| s.contains("x1254")),
            "{suggestions:?}"
        );
        assert!(!suggestions.is_empty());
        Ok(())
    }

    /// The engines read from the store (seed and landscape merged, the ontology beside them)
    /// measure as on the landscape graph alone (`overlap::evaluation`).
    #[test]
    fn the_store_gives_the_engines_what_the_landscape_measured()
    -> Result<(), Box<dyn std::error::Error>> {
        use crate::overlap::evaluation::{allocation_leave_out, leave_out};
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let quads = source_quads(store.oxigraph().iter())?;
        let input = from_quads(quads.iter().map(Quad::as_ref));
        let overlaps = leave_out(&input, OverlapConfig::default());
        let allocation = allocation_leave_out(
            &input,
            builtin_mandates(),
            Some(Coordination::jca_idm()),
            OverlapConfig::default(),
        );
        eprintln!(
            "overlap leave-out: certain {:?}, all {:?}; allocation: study group {:?}, Question top-1 {:?}, top-2 {:?}",
            overlaps.certain,
            overlaps.all,
            allocation.study_group_top1,
            allocation.question_top1,
            allocation.question_top2
        );
        assert!(
            overlaps.certain.recall_at_3 >= 0.75,
            "{:?}",
            overlaps.certain
        );
        assert!(overlaps.certain.mrr >= 0.7, "{:?}", overlaps.certain);
        let rate = |a: crate::overlap::evaluation::Accuracy| a.hits as f64 / a.cases.max(1) as f64;
        assert!(rate(allocation.study_group_top1) >= 0.9);
        // Question labels as the contract writes them ("Q10/17"), whichever graph labels them.
        assert!(rate(allocation.question_top1) >= 0.85, "{allocation:?}");
        assert!(rate(allocation.question_top2) >= 0.9);
        Ok(())
    }

    #[test]
    fn the_cache_rebuilds_after_a_write_only() -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let cache = EngineCache::default();
        let first = cache.get(&store)?;
        assert!(std::sync::Arc::ptr_eq(&first, &cache.get(&store)?));
        let before = first.index().items().len();
        store.load(
            [crate::store::Input {
                name: "new.ttl".to_owned(),
                format: oxigraph::io::RdfFormat::Turtle,
                reader: "<https://example.org/new> a <https://w3id.org/idmgraph/ontology#WorkItem> ; <http://www.w3.org/2000/01/rdf-schema#label> \"New\" .".as_bytes(),
            }],
            None,
        )?;
        let second = cache.get(&store)?;
        assert!(!std::sync::Arc::ptr_eq(&first, &second));
        assert_eq!(second.index().items().len(), before + 1);
        Ok(())
    }

    #[test]
    fn the_computed_graphs_are_not_read_as_sources() {
        assert!(is_source_graph(GraphNameRef::NamedNode(graph::LANDSCAPE)));
        assert!(is_source_graph(GraphNameRef::DefaultGraph));
        assert!(!is_source_graph(GraphNameRef::NamedNode(graph::INFERRED)));
        assert!(!is_source_graph(GraphNameRef::NamedNode(graph::OVERLAPS)));
    }

    #[test]
    fn topics_come_as_a_list_or_one_string() -> Result<(), serde_json::Error> {
        let list: AllocateRequest =
            serde_json::from_str(r#"{"title": "T", "topics": ["a", " b "]}"#)?;
        let text: AllocateRequest = serde_json::from_str(r#"{"title": "T", "topics": "a; b;"}"#)?;
        assert_eq!(list.topics.to_vec(), ["a", "b"]);
        assert_eq!(text.topics.to_vec(), ["a", "b"]);
        assert!(serde_json::from_str::<AllocateRequest>(r#"{"titel": "T"}"#).is_err());
        Ok(())
    }

    #[test]
    fn out_of_range_requests_are_refused() -> Result<(), Box<dyn std::error::Error>> {
        let engines = default_engines()?;
        assert!(matches!(
            engines.overlaps("itut-x1252", 0),
            Err(ServiceError::BadInput(_))
        ));
        assert!(matches!(
            engines.all_pairs(1.5),
            Err(ServiceError::BadInput(_))
        ));
        assert!(matches!(
            engines.all_pairs(f64::NAN),
            Err(ServiceError::BadInput(_))
        ));
        let blank = AllocateRequest {
            title: "  ".to_owned(),
            ..AllocateRequest::default()
        };
        assert!(matches!(
            engines.allocate(&blank),
            Err(ServiceError::BadInput(_))
        ));
        Ok(())
    }
}
