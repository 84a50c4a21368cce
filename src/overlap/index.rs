//! The overlap index: features of every item, their rarity, and the inverted index that finds
//! candidates without looking at all pairs. Asking it is in [`query`], scoring a pair in
//! [`score`].

mod query;
mod score;

use std::collections::{HashMap, HashSet};

use super::text::Analyser;
use super::{
    Item, ItemRef, KnownLink, Overlap, OverlapConfig, PairOverlap, Probe, Signal, SignalScore,
    TRANSITIVE_RELATIONS, round3,
};

pub use query::{IndexStats, TextVector};
use score::{Scored, View};

/// Sparse vector: (feature, weight), sorted by feature, unit length.
type Vector = Box<[(u32, f32)]>;

/// Weight of each field in the text signal (a key counts with the best field it appears in).
const LABEL: f32 = 1.0;
const TITLE: f32 = 1.0;
/// A title segment shared by many titles ("Information technology — Security techniques — …")
/// names a series, not the content.
const SERIES_HEADER: f32 = 0.6;
const DESCRIPTION: f32 = 0.5;
const TOPIC_WORDS: f32 = 0.5;
/// A non-final title segment in at least this many titles is a series header.
const SERIES_HEADER_MIN: usize = 3;
/// Factor for two editions of one document (same body, same label once years and versions are
/// gone: "ITU-T X.1254 (09/2012)" and "(09/2020)", "CTAP 2.0" and "CTAP 2.1"): a new edition is
/// not duplicated work.
const EDITION: f64 = 0.5;
/// Neighbours signal of two items linked directly.
const DIRECT_LINK: f64 = 0.5;

/// Items analysed at a time when building.
const ANALYSIS_BATCH: usize = 16_384;

/// Feature namespaces, as key prefixes.
const WORD: &str = "w:";
const TOPIC: &str = "t:";
const REFERENCE: &str = "r:";
const NEIGHBOUR: &str = "n:";

/// Many short lists in one allocation (list `i` is `data[offsets[i]..offsets[i + 1]]`): one
/// list per item or feature would be a million small allocations scattered over memory.
#[derive(Debug, Clone)]
struct Ragged<T> {
    data: Vec<T>,
    offsets: Vec<usize>,
}

impl<T> Default for Ragged<T> {
    fn default() -> Self {
        Self {
            data: Vec::new(),
            offsets: vec![0],
        }
    }
}

impl<T> Ragged<T> {
    fn push(&mut self, list: impl IntoIterator<Item = T>) {
        self.data.extend(list);
        self.offsets.push(self.data.len());
    }

    /// List `i`; empty when there is none.
    fn get(&self, i: usize) -> &[T] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&start), Some(&end)) => &self.data[start..end],
            _ => &[],
        }
    }
}

impl<T> std::ops::Index<usize> for Ragged<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        self.get(i)
    }
}

/// A recorded equivalence between two items.
#[derive(Debug, Clone)]
struct Known {
    relation: String,
    via: Option<u32>,
}

/// Working memory of candidate search: dense (one slot per item) for a sweep over all items,
/// a map for a single query, so that one query does not cost a pass over all items.
struct Scratch {
    dense: Vec<f32>,
    sparse: HashMap<u32, f32>,
    touched: Vec<u32>,
}

/// Items, their features and the inverted index over them; build once, ask many times.
pub struct OverlapIndex {
    config: OverlapConfig,
    analyser: Analyser,
    items: Vec<Item>,
    by_id: HashMap<String, u32>,
    features: HashMap<String, u32>,
    feature_keys: Vec<String>,
    /// How a topic feature was first written.
    topic_display: HashMap<u32, String>,
    df: Vec<u32>,
    idf: Vec<f32>,
    text: Ragged<(u32, f32)>,
    topics: Ragged<(u32, f32)>,
    references: Ragged<(u32, f32)>,
    neighbours: Ragged<(u32, f32)>,
    bodies: Vec<Box<[u32]>>,
    body_names: Vec<String>,
    edition_keys: Vec<u64>,
    as_reference: Vec<Option<u32>>,
    as_neighbour: Vec<Option<u32>>,
    known: HashMap<(u32, u32), Known>,
    postings: Ragged<u32>,
    probes: Ragged<u32>,
    series_headers: HashSet<String>,
}

/// An item's features as ids: text (with field weights), topics, references, neighbours.
type Interned = (Vec<(u32, f32)>, Vec<u32>, Vec<u32>, Vec<u32>);

/// The raw features of one item or probe, before interning.
#[derive(Default)]
struct RawFeatures {
    /// Keys with their best field weight, sorted by key.
    text: Vec<(String, f32)>,
    topics: Vec<(String, String)>,
    references: Vec<String>,
    neighbours: Vec<String>,
}

impl OverlapIndex {
    /// Indexes `items` (ids must be unique: a repeated id keeps its first item) with the
    /// recorded links between them (`known`: only [`super::EQUIVALENCE_RELATIONS`] and the like
    /// should be passed; links naming ids that are not items are ignored).
    pub fn build(items: Vec<Item>, known: &[KnownLink], config: OverlapConfig) -> Self {
        let mut acronyms = config.acronyms.clone();
        for text in &config.glossary {
            acronyms.learn_from(text);
        }
        for item in &items {
            acronyms.learn_from(&item.label);
            acronyms.learn_from(&item.title);
            acronyms.learn_from(&item.description);
        }
        let mut by_id: HashMap<String, u32> = HashMap::with_capacity(items.len());
        let items: Vec<Item> = items
            .into_iter()
            .filter(|item| {
                let next = u32::try_from(by_id.len()).expect("fewer than 2^32 items");
                let first = !by_id.contains_key(&item.id);
                if first {
                    by_id.insert(item.id.clone(), next);
                }
                first
            })
            .collect();
        let mut index = Self {
            analyser: Analyser::new(acronyms),
            series_headers: series_headers(&items),
            config,
            by_id,
            features: HashMap::new(),
            feature_keys: Vec::new(),
            topic_display: HashMap::new(),
            df: Vec::new(),
            idf: Vec::new(),
            text: Ragged::default(),
            topics: Ragged::default(),
            references: Ragged::default(),
            neighbours: Ragged::default(),
            bodies: Vec::with_capacity(items.len()),
            body_names: Vec::new(),
            edition_keys: Vec::with_capacity(items.len()),
            as_reference: Vec::new(),
            as_neighbour: Vec::new(),
            known: HashMap::new(),
            postings: Ragged::default(),
            probes: Ragged::default(),
            items: Vec::new(),
        };
        index.index_features(&items);
        index.items = items;
        index.index_known(known);
        index.index_postings();
        index
    }

    /// The items indexed.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.by_id.get(id).map(|&i| &self.items[i as usize])
    }

    /// The analyser in use (the built-in acronyms plus those learned from the items).
    pub fn analyser(&self) -> &Analyser {
        &self.analyser
    }

    // ----- building -----

    fn intern(&mut self, key: String) -> u32 {
        if let Some(&id) = self.features.get(&key) {
            return id;
        }
        let id = u32::try_from(self.feature_keys.len()).expect("fewer than 2^32 features");
        self.feature_keys.push(key.clone());
        self.features.insert(key, id);
        self.df.push(0);
        id
    }

    fn raw_features(&self, item: &Item) -> RawFeatures {
        let mut raw = RawFeatures::default();
        let mut keys = Vec::new();
        let add = |raw: &mut RawFeatures, keys: &mut Vec<String>, weight: f32| {
            raw.text.extend(keys.drain(..).map(|key| (key, weight)));
        };
        self.analyser.tokens(&item.label, &mut keys);
        add(&mut raw, &mut keys, LABEL);
        let segments = title_segments(&item.title);
        let last = segments.len().saturating_sub(1);
        for (n, segment) in segments.into_iter().enumerate() {
            let header = n < last && self.series_headers.contains(&segment_key(segment));
            self.analyser.tokens(segment, &mut keys);
            add(
                &mut raw,
                &mut keys,
                if header { SERIES_HEADER } else { TITLE },
            );
        }
        self.analyser.tokens(&item.description, &mut keys);
        add(&mut raw, &mut keys, DESCRIPTION);
        for topic in &item.topics {
            self.analyser.tokens(topic, &mut keys);
            add(&mut raw, &mut keys, TOPIC_WORDS);
            let key = self.analyser.topic_key(topic);
            if !key.is_empty() && !raw.topics.iter().any(|(k, _)| *k == key) {
                raw.topics.push((key, topic.trim().to_owned()));
            }
        }
        // One entry per key, with its best field.
        raw.text
            .sort_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        raw.text.dedup_by(|later, first| later.0 == first.0);
        raw.references = unique(&item.references);
        raw.neighbours = unique(&item.neighbours);
        raw
    }

    fn edition_key(&self, label: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut keys = Vec::new();
        self.analyser.tokens(label, &mut keys);
        if keys.is_empty() {
            return 0;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        keys.hash(&mut hasher);
        hasher.finish() | 1
    }

    fn probe_features(&self, probe: &Probe) -> RawFeatures {
        let item = Item {
            title: probe.title.clone(),
            description: probe.description.clone(),
            topics: probe.topics.clone(),
            ..Item::default()
        };
        self.raw_features(&item)
    }

    /// Text analysis, in parallel, a batch at a time (so that the analysed texts of all items
    /// are never held at once).
    fn analyse(&self, batch: &[Item]) -> Vec<(u64, RawFeatures)> {
        let chunk = batch.len().div_ceil(self.config.threads.max(1)).max(1);
        std::thread::scope(|scope| {
            let workers: Vec<_> = batch
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|item| (self.edition_key(&item.label), self.raw_features(item)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("overlap indexing worker panicked"))
                .collect()
        })
    }

    fn index_features(&mut self, items: &[Item]) {
        let mut ids: Vec<Interned> = Vec::with_capacity(items.len());
        let mut body_ids: HashMap<String, u32> = HashMap::new();
        for batch in items.chunks(ANALYSIS_BATCH) {
            let analysed = self.analyse(batch);
            for (item, (edition_key, raw)) in batch.iter().zip(analysed) {
                self.edition_keys.push(edition_key);
                let text: Vec<(u32, f32)> = raw
                    .text
                    .into_iter()
                    .map(|(k, w)| (self.intern(format!("{WORD}{k}")), w))
                    .collect();
                let mut topics = Vec::with_capacity(raw.topics.len());
                for (key, display) in raw.topics {
                    let id = self.intern(format!("{TOPIC}{key}"));
                    self.topic_display.entry(id).or_insert(display);
                    topics.push(id);
                }
                let references: Vec<u32> = raw
                    .references
                    .into_iter()
                    .map(|r| self.intern(format!("{REFERENCE}{r}")))
                    .collect();
                let neighbours: Vec<u32> = raw
                    .neighbours
                    .into_iter()
                    .map(|r| self.intern(format!("{NEIGHBOUR}{r}")))
                    .collect();
                for &f in text
                    .iter()
                    .map(|(f, _)| f)
                    .chain(&topics)
                    .chain(&references)
                    .chain(&neighbours)
                {
                    self.df[f as usize] += 1;
                }
                let mut bodies: Vec<u32> = item
                    .bodies
                    .iter()
                    .map(|b| {
                        let next = body_ids.len() as u32;
                        *body_ids.entry(b.clone()).or_insert_with(|| {
                            self.body_names.push(b.clone());
                            next
                        })
                    })
                    .collect();
                bodies.sort_unstable();
                bodies.dedup();
                self.bodies.push(bodies.into());
                ids.push((text, topics, references, neighbours));
            }
        }
        let n = items.len() as f32;
        self.idf = self.df.iter().map(|&df| idf(n, df)).collect();
        for (text, topics, references, neighbours) in ids {
            let ones = |features: Vec<u32>| features.into_iter().map(|f| (f, 1.0)).collect();
            self.text.push(self.vector(text));
            self.topics.push(self.vector(ones(topics)));
            self.references.push(self.vector(ones(references)));
            self.neighbours.push(self.vector(ones(neighbours)));
        }
        for item in items {
            self.as_reference.push(
                self.features
                    .get(&format!("{REFERENCE}{}", item.id))
                    .copied(),
            );
            self.as_neighbour.push(
                self.features
                    .get(&format!("{NEIGHBOUR}{}", item.id))
                    .copied(),
            );
        }
    }

    /// Unit vector of IDF-weighted features.
    fn vector(&self, mut features: Vec<(u32, f32)>) -> Vector {
        for (f, w) in &mut features {
            *w *= self.idf[*f as usize];
        }
        normalise(&mut features, 0.0);
        features.into()
    }

    /// Unit vector of a probe's features; those the index does not know count in the norm only.
    fn lookup_vector(&self, features: impl Iterator<Item = (String, f32)>) -> Vector {
        let n = self.items.len() as f32;
        let mut unknown = 0.0;
        let mut known = Vec::new();
        for (key, w) in features {
            match self.features.get(&key) {
                Some(&f) => known.push((f, w * self.idf[f as usize])),
                None => unknown += (w * idf(n, 0)).powi(2),
            }
        }
        normalise(&mut known, unknown);
        known.into()
    }

    fn index_known(&mut self, links: &[KnownLink]) {
        let mut transitive: HashMap<u32, Vec<(u32, &str)>> = HashMap::new();
        for link in links {
            let (Some(&a), Some(&b)) = (self.by_id.get(&link.a), self.by_id.get(&link.b)) else {
                continue;
            };
            if a == b {
                continue;
            }
            self.known.entry(key(a, b)).or_insert(Known {
                relation: link.relation.clone(),
                via: None,
            });
            if TRANSITIVE_RELATIONS.contains(&link.relation.as_str()) {
                transitive.entry(a).or_default().push((b, &link.relation));
                transitive.entry(b).or_default().push((a, &link.relation));
            }
        }
        // A shared partner through common text or transposition: X = Z = Y.
        for (&via, partners) in &transitive {
            for (n, &(x, relation)) in partners.iter().enumerate() {
                for &(y, _) in &partners[n + 1..] {
                    if x != y {
                        self.known.entry(key(x, y)).or_insert(Known {
                            relation: relation.to_owned(),
                            via: Some(via),
                        });
                    }
                }
            }
        }
    }

    fn index_postings(&mut self) {
        let cap = self.config.postings_cap as u32;
        let followed = |df: u32| (1..=cap).contains(&df);
        // One allocation for all lists: the offsets from the frequencies, then a second pass
        // over the items fills them.
        let mut offsets = Vec::with_capacity(self.df.len() + 1);
        offsets.push(0);
        for &df in &self.df {
            let len = if followed(df) { df as usize } else { 0 };
            offsets.push(offsets.last().copied().unwrap_or(0) + len);
        }
        let mut data = vec![0; offsets.last().copied().unwrap_or(0)];
        let mut fill = offsets.clone();
        let mut probes = Ragged::default();
        for i in 0..self.items.len() {
            let mut features: Vec<u32> = self.features_of(i as u32).collect();
            features.sort_unstable();
            features.dedup();
            for &f in features.iter().filter(|&&f| followed(self.df[f as usize])) {
                data[fill[f as usize]] = i as u32;
                fill[f as usize] += 1;
            }
            self.select_probe_features(&mut features, 2);
            probes.push(features);
        }
        self.postings = Ragged { data, offsets };
        self.probes = probes;
    }

    fn features_of(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let i = i as usize;
        [
            &self.text[i],
            &self.topics[i],
            &self.references[i],
            &self.neighbours[i],
        ]
        .into_iter()
        .flat_map(|v| v.iter().map(|&(f, _)| f))
    }

    /// Keeps the rarest followable features, at most `probe_features`.
    fn select_probe_features(&self, features: &mut Vec<u32>, min_df: u32) {
        let cap = self.config.postings_cap as u32;
        features.retain(|&f| (min_df..=cap).contains(&self.df[f as usize]));
        features.sort_unstable_by_key(|&f| (self.df[f as usize], f));
        features.dedup();
        features.truncate(self.config.probe_features);
        // A budget of postings per item keeps the cost linear in the number of items: the
        // rarest features, which say most, are followed first.
        let mut spent = 0;
        let keep = features
            .iter()
            .take_while(|&&f| {
                spent += self.df[f as usize] as usize;
                spent <= self.config.probe_budget
            })
            .count();
        features.truncate(keep.max(1));
    }

    // ----- candidates and scoring -----

    fn scratch(&self) -> Scratch {
        Scratch {
            dense: Vec::new(),
            sparse: HashMap::new(),
            touched: Vec::new(),
        }
    }

    fn dense_scratch(&self) -> Scratch {
        Scratch {
            dense: vec![0.0; self.items.len()],
            sparse: HashMap::new(),
            touched: Vec::new(),
        }
    }

    /// Items sharing any of `features`, the best `candidates_per_item` by summed IDF.
    fn candidates(
        &self,
        features: &[u32],
        exclude: Option<u32>,
        scratch: &mut Scratch,
    ) -> Vec<u32> {
        for &f in features {
            let weight = self.idf[f as usize];
            for &j in self.postings.get(f as usize) {
                if Some(j) == exclude {
                    continue;
                }
                let acc = match scratch.dense.get_mut(j as usize) {
                    Some(acc) => acc,
                    None => scratch.sparse.entry(j).or_insert(0.0),
                };
                if *acc == 0.0 {
                    scratch.touched.push(j);
                }
                *acc += weight;
            }
        }
        let limit = self.config.candidates_per_item;
        let mut found: Vec<(f32, u32)> = Vec::with_capacity(scratch.touched.len());
        for j in scratch.touched.drain(..) {
            let acc = match scratch.dense.get_mut(j as usize) {
                Some(acc) => std::mem::take(acc),
                None => scratch.sparse.remove(&j).unwrap_or(0.0),
            };
            found.push((acc, j));
        }
        if found.len() > limit {
            found.select_nth_unstable_by(limit, |x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            found.truncate(limit);
        }
        found.into_iter().map(|(_, j)| j).collect()
    }
}

fn key(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

/// Smoothed inverse document frequency: a feature in every item still weighs 1.
fn idf(n: f32, df: u32) -> f32 {
    ((n + 1.0) / (df as f32 + 1.0)).ln() + 1.0
}

fn normalise(v: &mut Vec<(u32, f32)>, extra_norm_sq: f32) {
    v.sort_unstable_by_key(|&(f, _)| f);
    v.dedup_by_key(|&mut (f, _)| f);
    let norm = (v.iter().map(|&(_, w)| w * w).sum::<f32>() + extra_norm_sq).sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

fn unique(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = ids
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A title cut at its dashes and colons: "Information technology — Security techniques — Entity
/// authentication assurance framework" → three segments.
fn title_segments(title: &str) -> Vec<&str> {
    let mut segments = vec![title];
    for sep in [" — ", " – ", " - ", ": "] {
        segments = segments.into_iter().flat_map(|s| s.split(sep)).collect();
    }
    segments
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn segment_key(segment: &str) -> String {
    segment
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Non-final title segments that open at least [`SERIES_HEADER_MIN`] titles.
fn series_headers(items: &[Item]) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for item in items {
        let segments = title_segments(&item.title);
        let mut seen = HashSet::new();
        for segment in &segments[..segments.len().saturating_sub(1)] {
            let key = segment_key(segment);
            if seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= SERIES_HEADER_MIN)
        .map(|(k, _)| k)
        .collect()
}
