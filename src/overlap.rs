//! Overlap detection: which work items and standards duplicate each other, how much, and why.
//! Pure logic — no store, no HTTP: the caller hands over [`Item`]s and the recorded equivalence
//! links ([`KnownLink`]) and gets scored, explained candidates back.
//!
//! A pair's score (0..1) is a weighted mean of signals, each shown as a reason:
//!
//! | signal | what | weight ([`Weights`]) |
//! |---|---|---|
//! | `text` | cosine of IDF-weighted keys of label, title, description and topics ([`text`]: document numbers, acronyms, edition noise) | 0.45 |
//! | `topics` | cosine of IDF-weighted topics: a shared rare topic counts more than a common one | 0.35 |
//! | `references` | cosine of IDF-weighted references | 0.10 |
//! | `neighbours` | cosine of IDF-weighted graph neighbours; at least 0.5 when the two are linked | 0.10 |
//!
//! A signal counts only when both items have data for it (no references on either side is no
//! evidence against the pair). The mean is then multiplied by the body factor: 1 for items of
//! different bodies (cross-body duplication is what matters most), halfway when one is joint
//! work of bodies the other shares, [`OverlapConfig::same_body`] (0.7) inside one body, and half
//! that again for two editions of one document (same body, same label once years and versions
//! are dropped). Pairs joined by a recorded equivalence (common text, based on, transposed as;
//! common text and transposition also through a shared partner) are flagged `known: true`: they
//! are not new findings.
//!
//! Candidates are not all pairs: an inverted index over the items' features (text keys, topics,
//! references, neighbours) finds, for each item, the items that share its rarest features;
//! features in more than [`OverlapConfig::postings_cap`] items are not followed (they are weak
//! evidence anyway) and an item follows at most [`OverlapConfig::probe_budget`] postings, so the
//! cost grows about linearly with the number of items. Only the best
//! [`OverlapConfig::candidates_per_item`] candidates of each item are scored in full.
//!
//! Entry points: [`OverlapIndex::build`], then [`OverlapIndex::top_k`] (one item's candidates),
//! [`OverlapIndex::all_pairs`] (every pair over a score), [`OverlapIndex::similar`] (a proposed
//! item that is not indexed). [`graph::from_quads`] reads the inputs from the landscape graph;
//! [`evaluation`] measures the engine by leave-out; [`synthetic`] makes landscapes to benchmark.
//! [`service`] runs the engines over the store for the command line and the JSON API, and
//! [`materialise`] writes the pairs into the overlaps graph.

pub mod evaluation;
pub mod graph;
mod index;
pub mod materialise;
pub mod service;
pub mod synthetic;
pub mod text;

use serde::{Deserialize, Serialize};

pub use index::{IndexStats, OverlapIndex, TextVector};
pub use text::{Acronyms, Analyser};

/// The relations that record the same or adopted text: pairs joined by them are known overlaps.
pub const EQUIVALENCE_RELATIONS: &[&str] = &["commonText", "basedOn", "transposedAs"];

/// Equivalences that carry over a shared partner: X = Y and Y = Z make X = Z known.
pub const TRANSITIVE_RELATIONS: &[&str] = &["commonText", "transposedAs"];

/// A work item or standard, as overlap detection sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The item's id (the CSV id where it came from CSV); unique.
    pub id: String,
    /// Its IRI.
    pub iri: String,
    /// Its label ("ITU-T X.1254 (09/2012)").
    pub label: String,
    /// Its title.
    #[serde(default)]
    pub title: String,
    /// A description, abstract or scope.
    #[serde(default)]
    pub description: String,
    /// The organisations it belongs to — the nearest standards body above its developers (ITU-T,
    /// ISO/IEC JTC 1, W3C…); two for common text. Compared as strings and shown in reasons, so
    /// labels read best.
    #[serde(default)]
    pub bodies: Vec<String>,
    /// Its developers and the bodies above them, deepest first ("Q10/17", "SG17", "ITU-T").
    #[serde(default)]
    pub owners: Vec<String>,
    /// Its topics, as written.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Ids of the documents it references.
    #[serde(default)]
    pub references: Vec<String>,
    /// Ids of the entities linked to it in the graph (any direction, any relation but its
    /// owners).
    #[serde(default)]
    pub neighbours: Vec<String>,
}

/// A recorded link between two items (`relation` as in the landscape: "commonText"…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownLink {
    /// One item's id.
    pub a: String,
    /// The other item's id.
    pub b: String,
    /// The relation's name.
    pub relation: String,
}

/// A proposed item that is not in the index (for allocation): only text and topics.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Probe {
    /// Its title.
    pub title: String,
    /// Its description.
    #[serde(default)]
    pub description: String,
    /// Its topics.
    #[serde(default)]
    pub topics: Vec<String>,
}

/// The weights of the signals; a pair's score is their weighted mean over the signals both items
/// have data for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// Title/description/label similarity.
    pub text: f64,
    /// Shared topics, weighted by rarity.
    pub topics: f64,
    /// Shared references.
    pub references: f64,
    /// Shared graph neighbours and direct links.
    pub neighbours: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            text: 0.45,
            topics: 0.35,
            references: 0.10,
            neighbours: 0.10,
        }
    }
}

/// Settings of an overlap run.
#[derive(Debug, Clone)]
pub struct OverlapConfig {
    /// Signal weights.
    pub weights: Weights,
    /// Factor for pairs inside one body (cross-body pairs keep their score).
    pub same_body: f64,
    /// Factor when either item's body is unknown.
    pub unknown_body: f64,
    /// Features in more items than this are not followed when looking for candidates.
    pub postings_cap: usize,
    /// How many of an item's rarest features are followed, at most.
    pub probe_features: usize,
    /// How many postings an item follows, at most (its rarest features first; at least one).
    pub probe_budget: usize,
    /// How many candidates of an item are scored in full.
    pub candidates_per_item: usize,
    /// Acronyms known before learning from the items.
    pub acronyms: Acronyms,
    /// More texts to learn acronyms from (e.g. the bodies' names: "FIDO (Fast IDentity Online)").
    pub glossary: Vec<String>,
    /// Threads for [`OverlapIndex::all_pairs`] (at least 1).
    pub threads: usize,
}

impl Default for OverlapConfig {
    fn default() -> Self {
        Self {
            weights: Weights::default(),
            same_body: 0.7,
            unknown_body: 0.85,
            postings_cap: 1000,
            probe_features: 24,
            probe_budget: 3000,
            candidates_per_item: 50,
            acronyms: Acronyms::builtin(),
            glossary: Vec::new(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        }
    }
}

/// One of the signals of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// Title/description/label similarity.
    Text,
    /// Shared topics.
    Topics,
    /// Shared references.
    References,
    /// Shared neighbours, direct links.
    Neighbours,
}

/// The value of one signal for a pair and the share of the score it had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalScore {
    /// Which signal.
    pub signal: Signal,
    /// Its value, 0..1.
    pub value: f64,
    /// Its weight in this pair's mean (the weights of the signals present, summing to 1).
    pub weight: f64,
}

/// An item of a result: id, IRI and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRef {
    /// The item's id.
    pub id: String,
    /// Its IRI.
    pub iri: String,
    /// Its label.
    pub label: String,
}

/// A candidate overlapping a given item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overlap {
    /// The candidate's id.
    pub id: String,
    /// Its IRI.
    pub iri: String,
    /// Its label.
    pub label: String,
    /// The score, 0..1 (three decimals).
    pub score: f64,
    /// Whether a recorded equivalence already joins the two.
    pub known: bool,
    /// That equivalence ("commonText", "transposedAs via oidc-core-1.0"), if any.
    pub known_relation: Option<String>,
    /// Human-readable reasons, the strongest first.
    pub reasons: Vec<String>,
    /// The signals behind the score.
    pub signals: Vec<SignalScore>,
}

/// A pair of overlapping items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairOverlap {
    /// One item (the one with the smaller id).
    pub a: ItemRef,
    /// The other.
    pub b: ItemRef,
    /// The score, 0..1 (three decimals).
    pub score: f64,
    /// Whether a recorded equivalence already joins the two.
    pub known: bool,
    /// That equivalence, if any.
    pub known_relation: Option<String>,
    /// Human-readable reasons, the strongest first.
    pub reasons: Vec<String>,
    /// The signals behind the score.
    pub signals: Vec<SignalScore>,
}

/// Rounds a score for output: three decimals are what a reader can use.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::synthetic::{SyntheticConfig, generate};
    use super::*;

    fn item(id: &str, body: &str, title: &str, topics: &[&str]) -> Item {
        Item {
            id: id.to_owned(),
            iri: format!("https://example.org/{id}"),
            label: id.to_uppercase(),
            title: title.to_owned(),
            bodies: vec![body.to_owned()],
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
            ..Item::default()
        }
    }

    /// Filler items, so that rarity means something.
    fn filler(n: usize) -> Vec<Item> {
        (0..n)
            .map(|i| {
                item(
                    &format!("filler-{i}"),
                    "Other",
                    &format!("Filler document number {i} about identity management"),
                    &["identity management", "common"],
                )
            })
            .collect()
    }

    fn index(mut items: Vec<Item>, known: &[KnownLink]) -> OverlapIndex {
        items.extend(filler(30));
        OverlapIndex::build(items, known, OverlapConfig::default())
    }

    fn find<'a>(list: &'a [Overlap], id: &str) -> &'a Overlap {
        list.iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id} not among {list:?}"))
    }

    #[test]
    fn a_shared_rare_topic_counts_more_than_a_shared_common_one() {
        let index = index(
            vec![
                item(
                    "a",
                    "ITU-T",
                    "Alpha",
                    &["age assurance", "identity management"],
                ),
                item("b", "ISO", "Beta", &["age assurance"]),
                item("c", "W3C", "Gamma", &["identity management"]),
            ],
            &[],
        );
        let top = index.top_k("a", 50).expect("a is indexed");
        let (b, c) = (find(&top, "b"), find(&top, "c"));
        assert!(b.score > c.score, "{b:?} vs {c:?}");
        assert!(
            b.reasons
                .iter()
                .any(|r| r.starts_with("shared topics") && r.contains("age assurance (2 items)")),
            "{:?}",
            b.reasons
        );
    }

    #[test]
    fn alike_titles_score_and_say_which_words() {
        let index = index(
            vec![
                item(
                    "a",
                    "ITU-T",
                    "Entity authentication assurance framework",
                    &[],
                ),
                item(
                    "b",
                    "ISO",
                    "Information technology — Security techniques — Entity authentication assurance framework",
                    &[],
                ),
            ],
            &[],
        );
        let top = index.top_k("a", 3).expect("a is indexed");
        assert_eq!(top[0].id, "b");
        assert!(top[0].score > 0.5, "{:?}", top[0]);
        assert!(
            top[0].reasons[0].contains("assurance"),
            "{:?}",
            top[0].reasons
        );
    }

    #[test]
    fn acronyms_meet_their_long_forms_across_bodies() {
        let index = index(
            vec![
                item("x1277", "ITU-T", "Universal authentication framework", &[]),
                item(
                    "uaf",
                    "FIDO Alliance",
                    "FIDO UAF 1.1 specification set",
                    &[],
                ),
                item(
                    "other",
                    "ISO",
                    "Authentication framework for other things",
                    &[],
                ),
            ],
            &[],
        );
        let top = index.top_k("uaf", 3).expect("uaf is indexed");
        assert_eq!(top[0].id, "x1277", "{top:?}");
        assert!(top[0].reasons[0].contains("UAF"), "{:?}", top[0].reasons);
    }

    #[test]
    fn learned_acronyms_count_too() {
        let index = index(
            vec![
                item(
                    "ctap",
                    "FIDO Alliance",
                    "Client to Authenticator Protocol (CTAP) 2.1",
                    &[],
                ),
                item("x1278", "ITU-T", "CTAP profile", &[]),
            ],
            &[],
        );
        let top = index.top_k("x1278", 1).expect("indexed");
        assert_eq!(top[0].id, "ctap");
    }

    #[test]
    fn document_numbers_meet_without_publisher_or_edition() {
        let mut a = item("a", "ITU-T", "Supplement on use cases", &[]);
        a.label = "ITU-T X.1254 (09/2012)".to_owned();
        let b = item("b", "ISO", "Mapping of X.1254 levels", &[]);
        let index = index(vec![a, b], &[]);
        let top = index.top_k("a", 1).expect("indexed");
        assert_eq!(top[0].id, "b");
        assert!(top[0].reasons[0].contains("X.1254"), "{:?}", top[0].reasons);
    }

    #[test]
    fn shared_references_and_neighbours_are_signals() {
        let mut a = item("a", "ITU-T", "One", &[]);
        let mut b = item("b", "ISO", "Two", &[]);
        a.references = vec!["rfc6749".to_owned()];
        b.references = vec!["rfc6749".to_owned()];
        a.neighbours = vec!["c".to_owned()];
        b.neighbours = vec!["c".to_owned(), "a".to_owned()];
        let index = index(vec![a, b], &[]);
        let top = index.top_k("a", 1).expect("indexed");
        assert_eq!(top[0].id, "b");
        let reasons = top[0].reasons.join("\n");
        assert!(
            reasons.contains("shared references 1.00: rfc6749"),
            "{reasons}"
        );
        assert!(
            reasons.contains("shared graph neighbours") && reasons.contains("directly linked"),
            "{reasons}"
        );
        let signals: Vec<Signal> = top[0].signals.iter().map(|s| s.signal).collect();
        assert!(signals.contains(&Signal::References) && signals.contains(&Signal::Neighbours));
    }

    #[test]
    fn cross_body_pairs_score_above_the_same_pair_inside_one_body() {
        let index = index(
            vec![
                item(
                    "a",
                    "ITU-T",
                    "Trust elevation protocol",
                    &["trust elevation"],
                ),
                item(
                    "b",
                    "OASIS",
                    "Trust elevation protocol",
                    &["trust elevation"],
                ),
                item(
                    "c",
                    "ITU-T",
                    "Trust elevation protocol",
                    &["trust elevation"],
                ),
            ],
            &[],
        );
        let top = index.top_k("a", 2).expect("indexed");
        assert_eq!((top[0].id.as_str(), top[1].id.as_str()), ("b", "c"));
        assert!((top[1].score / top[0].score - OverlapConfig::default().same_body).abs() < 0.01);
        assert!(
            top[0]
                .reasons
                .last()
                .is_some_and(|r| r.starts_with("different bodies: ITU-T / OASIS"))
        );
        assert!(
            top[1]
                .reasons
                .last()
                .is_some_and(|r| r.starts_with("same body: ITU-T"))
        );
    }

    #[test]
    fn editions_of_one_document_are_not_duplicated_work() {
        let mut a = item(
            "a",
            "W3C",
            "Verifiable Credentials Data Model v1.1",
            &["verifiable credentials"],
        );
        let mut b = item(
            "b",
            "W3C",
            "Verifiable Credentials Data Model v2.0",
            &["verifiable credentials"],
        );
        a.label = "VC Data Model v1.1".to_owned();
        b.label = "VC Data Model v2.0".to_owned();
        let index = index(vec![a, b], &[]);
        let top = index.top_k("a", 1).expect("indexed");
        assert!(top[0].score <= 0.36, "{:?}", top[0]);
        assert!(
            top[0]
                .reasons
                .last()
                .is_some_and(|r| r.contains("another edition")),
            "{:?}",
            top[0].reasons
        );
    }

    #[test]
    fn known_equivalences_are_flagged_not_new() {
        let known = [
            KnownLink {
                a: "oidc".into(),
                b: "x1285".into(),
                relation: "transposedAs".into(),
            },
            KnownLink {
                a: "oidc".into(),
                b: "iso26131".into(),
                relation: "transposedAs".into(),
            },
        ];
        let index = index(
            vec![
                item(
                    "oidc",
                    "OpenID Foundation",
                    "OpenID Connect Core 1.0 incorporating errata set 2",
                    &["OpenID Connect"],
                ),
                item(
                    "x1285",
                    "ITU-T",
                    "OpenID Connect Core 1.0 - Errata Set 2",
                    &["OpenID Connect"],
                ),
                item(
                    "iso26131",
                    "ISO/IEC JTC 1",
                    "Information technology — OpenID connect — OpenID connect core 1.0 incorporating errata set 2",
                    &["OIDC"],
                ),
            ],
            &known,
        );
        let top = index.top_k("x1285", 2).expect("indexed");
        let direct = find(&top, "oidc");
        assert!(direct.known && direct.known_relation.as_deref() == Some("transposedAs"));
        assert!(direct.reasons[0].starts_with("known: transposedAs"));
        let via = find(&top, "iso26131");
        assert!(
            via.known && via.known_relation.as_deref() == Some("transposedAs via oidc"),
            "{via:?}"
        );
        let pairs = index.all_pairs(0.3);
        assert!(pairs.iter().filter(|p| p.known).count() >= 3, "{pairs:?}");
    }

    #[test]
    fn top_k_leaves_out_the_item_itself_and_unknown_ids_are_none() {
        let index = index(vec![item("a", "ITU-T", "Alpha beta", &["x"])], &[]);
        let top = index.top_k("a", 5).expect("indexed");
        assert!(top.len() <= 5 && top.iter().all(|o| o.id != "a"));
        assert!(top.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(index.top_k("nope", 5).is_none());
    }

    #[test]
    fn all_pairs_are_above_the_minimum_best_first_and_each_once() {
        let landscape = generate(SyntheticConfig::new(2000, 3));
        let index = OverlapIndex::build(landscape.items, &[], OverlapConfig::default());
        let pairs = index.all_pairs(0.4);
        assert!(pairs.iter().all(|p| p.score >= 0.4 && p.a.id < p.b.id));
        assert!(pairs.windows(2).all(|w| w[0].score >= w[1].score));
        let mut seen: Vec<(&str, &str)> = pairs
            .iter()
            .map(|p| (p.a.id.as_str(), p.b.id.as_str()))
            .collect();
        seen.sort_unstable();
        let n = seen.len();
        seen.dedup();
        assert_eq!(seen.len(), n);
    }

    #[test]
    fn candidate_generation_misses_no_planted_duplicate() {
        let landscape = generate(SyntheticConfig::new(5000, 11));
        let index = OverlapIndex::build(landscape.items, &[], OverlapConfig::default());
        for (original, duplicate) in &landscape.duplicates {
            let found = index
                .candidate_ids(duplicate)
                .expect("indexed")
                .contains(&original.as_str())
                || index
                    .candidate_ids(original)
                    .expect("indexed")
                    .contains(&duplicate.as_str());
            assert!(found, "{original} ~ {duplicate} not among the candidates");
        }
    }

    #[test]
    fn candidates_are_bounded_whatever_the_features() {
        let config = OverlapConfig {
            candidates_per_item: 7,
            ..OverlapConfig::default()
        };
        let items = (0..200)
            .map(|i| item(&format!("i{i}"), "B", "same words everywhere", &["same"]))
            .collect();
        let index = OverlapIndex::build(items, &[], config);
        assert!(index.candidate_ids("i0").expect("indexed").len() <= 7);
    }

    #[test]
    fn a_probe_finds_similar_items_without_being_one() {
        let index = index(
            vec![item(
                "a",
                "ITU-T",
                "Age assurance systems",
                &["age assurance"],
            )],
            &[],
        );
        let probe = Probe {
            title: "Age assurance for online services".into(),
            topics: vec!["age assurance".into()],
            ..Probe::default()
        };
        let similar = index.similar(&probe, 3, &[]);
        assert_eq!(similar[0].id, "a");
        assert!(!similar[0].known);
        assert!(index.similar(&probe, 3, &["a"]).iter().all(|o| o.id != "a"));
    }

    #[test]
    fn outputs_serialise_with_the_contract_fields() -> Result<(), serde_json::Error> {
        let index = index(
            vec![
                item("a", "ITU-T", "Age assurance", &["age assurance"]),
                item("b", "ISO", "Age assurance", &["age assurance"]),
            ],
            &[],
        );
        let top = index.top_k("a", 1).expect("indexed");
        let json = serde_json::to_value(&top)?;
        let first = &json[0];
        for key in ["id", "iri", "label", "score", "known", "reasons"] {
            assert!(first.get(key).is_some(), "{key} missing in {first}");
        }
        assert_eq!(first["id"], "b");
        assert_eq!(first["iri"], "https://example.org/b");
        assert!(
            first["score"]
                .as_f64()
                .is_some_and(|s| (0.0..=1.0).contains(&s))
        );
        assert!(first["known"].is_boolean() && first["reasons"].is_array());
        assert_eq!(first["signals"][0]["signal"], "text");
        let pairs = serde_json::to_value(index.all_pairs(0.5))?;
        assert_eq!(pairs[0]["a"]["id"], "a");
        assert_eq!(pairs[0]["b"]["label"], "B");
        Ok(())
    }
}
