//! Scoring a pair from its signals, and explaining the score.

use super::*;

/// What one side of a pair brings to scoring.
pub(super) struct View<'a> {
    pub(super) text: &'a [(u32, f32)],
    pub(super) topics: &'a [(u32, f32)],
    pub(super) references: &'a [(u32, f32)],
    pub(super) neighbours: &'a [(u32, f32)],
    pub(super) bodies: &'a [u32],
    /// Hash of the label's keys (0: none), to see editions of one document.
    pub(super) edition_key: u64,
    /// This item's id as a reference and as a neighbour feature, to see direct links.
    pub(super) as_reference: Option<u32>,
    pub(super) as_neighbour: Option<u32>,
}

/// The score of a pair before explanation.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub(super) score: f64,
    pub(super) factor: f64,
    pub(super) same_body: Option<Bodies>,
    pub(super) edition: bool,
    pub(super) direct: bool,
    /// (value, weight before normalisation) per signal present.
    pub(super) signals: [Option<f64>; 4],
}

/// How the bodies of a pair relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bodies {
    Same,
    Partly,
    Different,
}

const SIGNALS: [Signal; 4] = [
    Signal::Text,
    Signal::Topics,
    Signal::References,
    Signal::Neighbours,
];

impl OverlapIndex {
    pub(super) fn view(&self, i: u32) -> View<'_> {
        let i = i as usize;
        View {
            text: &self.text[i],
            topics: &self.topics[i],
            references: &self.references[i],
            neighbours: &self.neighbours[i],
            bodies: &self.bodies[i],
            edition_key: self.edition_keys[i],
            as_reference: self.as_reference[i],
            as_neighbour: self.as_neighbour[i],
        }
    }

    pub(super) fn score(&self, a: &View<'_>, b: &View<'_>) -> Scored {
        let w = &self.config.weights;
        let direct = links_to(a, b) || links_to(b, a);
        let both = |x: &[(u32, f32)], y: &[(u32, f32)]| !x.is_empty() && !y.is_empty();
        let signals = [
            both(a.text, b.text).then(|| dot(a.text, b.text)),
            both(a.topics, b.topics).then(|| dot(a.topics, b.topics)),
            both(a.references, b.references).then(|| dot(a.references, b.references)),
            (both(a.neighbours, b.neighbours) || direct).then(|| {
                dot(a.neighbours, b.neighbours).max(if direct { DIRECT_LINK } else { 0.0 })
            }),
        ];
        let weights = [w.text, w.topics, w.references, w.neighbours];
        let total: f64 = signals
            .iter()
            .zip(weights)
            .filter(|(s, _)| s.is_some())
            .map(|(_, w)| w)
            .sum();
        let sum: f64 = signals
            .iter()
            .zip(weights)
            .filter_map(|(s, w)| s.map(|s| s * w))
            .sum();
        let mean = if total > 0.0 { sum / total } else { 0.0 };
        let same_body = (!a.bodies.is_empty() && !b.bodies.is_empty()).then(|| {
            if a.bodies == b.bodies {
                Bodies::Same
            } else if a.bodies.iter().any(|x| b.bodies.contains(x)) {
                Bodies::Partly
            } else {
                Bodies::Different
            }
        });
        let edition =
            same_body == Some(Bodies::Same) && a.edition_key != 0 && a.edition_key == b.edition_key;
        let factor = match same_body {
            Some(Bodies::Same) => self.config.same_body * if edition { EDITION } else { 1.0 },
            // One of them is joint work of several bodies, the other of some of them only.
            Some(Bodies::Partly) => (1.0 + self.config.same_body) / 2.0,
            Some(Bodies::Different) => 1.0,
            None => self.config.unknown_body,
        };
        Scored {
            score: (mean * factor).clamp(0.0, 1.0),
            factor,
            same_body,
            edition,
            direct,
            signals,
        }
    }

    pub(super) fn sort_scored(&self, scored: &mut [(u32, Scored)]) {
        scored.sort_by(|x, y| {
            y.1.score.total_cmp(&x.1.score).then_with(|| {
                self.items[x.0 as usize]
                    .id
                    .cmp(&self.items[y.0 as usize].id)
            })
        });
    }

    pub(super) fn item_ref(&self, i: u32) -> ItemRef {
        let item = &self.items[i as usize];
        ItemRef {
            id: item.id.clone(),
            iri: item.iri.clone(),
            label: item.label.clone(),
        }
    }

    /// The explained result for candidate `j` of `a` (item `i`, or a probe).
    pub(super) fn overlap(&self, i: Option<u32>, a: &View<'_>, j: u32, s: &Scored) -> Overlap {
        let b = self.view(j);
        let known = i.and_then(|i| self.known.get(&key(i, j)));
        let known_relation = known.map(|k| match k.via {
            Some(via) => format!("{} via {}", k.relation, self.items[via as usize].id),
            None => k.relation.clone(),
        });
        let w = &self.config.weights;
        let weights = [w.text, w.topics, w.references, w.neighbours];
        let total: f64 = s
            .signals
            .iter()
            .zip(weights)
            .filter(|(v, _)| v.is_some())
            .map(|(_, w)| w)
            .sum();
        let mut signals = Vec::new();
        let mut reasons: Vec<(f64, String)> = Vec::new();
        for ((signal, value), weight) in SIGNALS.into_iter().zip(s.signals).zip(weights) {
            let Some(value) = value else { continue };
            let weight = weight / total;
            signals.push(SignalScore {
                signal,
                value: round3(value),
                weight: round3(weight),
            });
            let contribution = value * weight * s.factor;
            if let Some(text) = self.explain_signal(signal, a, &b, value, s.direct) {
                reasons.push((contribution, format!("{text} → +{contribution:.2}")));
            }
        }
        reasons.sort_by(|x, y| y.0.total_cmp(&x.0));
        let mut reasons: Vec<String> = reasons.into_iter().map(|(_, r)| r).collect();
        if let Some(relation) = &known_relation {
            reasons.insert(
                0,
                format!("known: {relation} (recorded, not a new finding)"),
            );
        }
        let names = |bodies: &[u32]| {
            bodies
                .iter()
                .map(|&b| self.body_names[b as usize].as_str())
                .collect::<Vec<_>>()
                .join(" + ")
        };
        reasons.push(match s.same_body {
            Some(Bodies::Different) => {
                format!("different bodies: {} / {} (cross-body: counted in full)", names(a.bodies), names(b.bodies))
            }
            Some(Bodies::Partly) => {
                format!("bodies in part the same: {} / {} (×{:.2})", names(a.bodies), names(b.bodies), s.factor)
            }
            Some(Bodies::Same) if s.edition => format!(
                "same body: {}, and the same label once years and versions are dropped: another edition of one document (×{:.2})",
                names(a.bodies),
                s.factor
            ),
            Some(Bodies::Same) => format!("same body: {} (×{:.2}: duplication inside one body matters less)", names(a.bodies), s.factor),
            None if i.is_none() => "proposed item: no body".to_owned(),
            None => format!("body unknown (×{:.2})", s.factor),
        });
        let item = &self.items[j as usize];
        Overlap {
            id: item.id.clone(),
            iri: item.iri.clone(),
            label: item.label.clone(),
            score: round3(s.score),
            known: known.is_some(),
            known_relation,
            reasons,
            signals,
        }
    }

    fn explain_signal(
        &self,
        signal: Signal,
        a: &View<'_>,
        b: &View<'_>,
        value: f64,
        direct: bool,
    ) -> Option<String> {
        let (x, y, what) = match signal {
            Signal::Text => (a.text, b.text, "titles/labels/descriptions alike"),
            Signal::Topics => (a.topics, b.topics, "shared topics (rarer weigh more)"),
            Signal::References => (a.references, b.references, "shared references"),
            Signal::Neighbours => (a.neighbours, b.neighbours, "shared graph neighbours"),
        };
        let shared = shared(x, y);
        if shared.is_empty() && !(signal == Signal::Neighbours && direct) {
            return None;
        }
        let list: Vec<String> = shared.iter().take(6).map(|&f| self.display(f)).collect();
        let mut text = format!("{what} {value:.2}: {}", list.join(", "));
        if signal == Signal::Neighbours && direct {
            text = if shared.is_empty() {
                format!("directly linked in the graph {value:.2}")
            } else {
                format!("{text}; directly linked")
            };
        }
        Some(text)
    }

    /// A text key as a reader wants it: "UAF", "X.1254", "framework".
    pub(super) fn display_word(&self, word: &str) -> String {
        if let Some(acronym) = word.strip_prefix('@') {
            return self
                .analyser
                .acronyms()
                .display(acronym)
                .unwrap_or(acronym)
                .to_owned();
        }
        if word.as_bytes().get(1) == Some(&b'.') {
            return word.to_uppercase();
        }
        word.to_owned()
    }

    /// A feature as a reader wants it: "UAF", "X.1254", a topic as written, an item's label.
    pub(super) fn display(&self, f: u32) -> String {
        let key = &self.feature_keys[f as usize];
        let df = self.df[f as usize];
        if let Some(topic) = self.topic_display.get(&f) {
            return format!("{topic} ({df} items)");
        }
        if let Some(word) = key.strip_prefix(WORD) {
            return self.display_word(word);
        }
        let id = key.get(2..).unwrap_or(key);
        self.item(id)
            .map_or_else(|| id.to_owned(), |item| item.label.clone())
    }
}

/// Whether `a` names `b` among its references or neighbours.
fn links_to(a: &View<'_>, b: &View<'_>) -> bool {
    let has = |v: &[(u32, f32)], f: Option<u32>| {
        f.is_some_and(|f| v.binary_search_by_key(&f, |&(g, _)| g).is_ok())
    };
    has(a.references, b.as_reference) || has(a.neighbours, b.as_neighbour)
}

pub(super) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    f64::from(sum).min(1.0)
}

/// The features two vectors share, the biggest contribution first.
pub(super) fn shared(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<u32> {
    let lookup: HashMap<u32, f32> = b.iter().copied().collect();
    let mut both: Vec<(f32, u32)> = a
        .iter()
        .filter_map(|&(f, w)| lookup.get(&f).map(|v| (w * v, f)))
        .collect();
    both.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    both.into_iter().map(|(_, f)| f).collect()
}
