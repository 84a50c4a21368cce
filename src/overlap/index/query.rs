//! Asking the index: an item's candidates, a proposal's likes, all pairs, text vectors.

use super::*;

/// Sizes of an index, for measurements.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct IndexStats {
    /// Items indexed.
    pub items: usize,
    /// Distinct features (text keys, topics, references, neighbours).
    pub features: usize,
    /// Features in more items than the postings cap, not followed.
    pub capped_features: usize,
    /// Postings an item follows to find its candidates, on average.
    pub postings_per_item: f64,
}

impl OverlapIndex {
    /// Sizes of the index.
    pub fn stats(&self) -> IndexStats {
        let cap = self.config.postings_cap as u32;
        let followed: usize = (0..self.items.len())
            .map(|i| {
                self.probes[i]
                    .iter()
                    .map(|&f| self.df[f as usize] as usize)
                    .sum::<usize>()
            })
            .sum();
        IndexStats {
            items: self.items.len(),
            features: self.df.len(),
            capped_features: self.df.iter().filter(|&&df| df > cap).count(),
            postings_per_item: followed as f64 / self.items.len().max(1) as f64,
        }
    }

    /// The best `k` candidates overlapping the item `id`, best first (known equivalences
    /// included, flagged); `None` when there is no such item.
    pub fn top_k(&self, id: &str, k: usize) -> Option<Vec<Overlap>> {
        let i = *self.by_id.get(id)?;
        let mut scratch = self.scratch();
        let mut candidates = self.candidates(&self.probes[i as usize], Some(i), &mut scratch);
        for (&(a, b), _) in self.known.iter().filter(|((a, b), _)| *a == i || *b == i) {
            candidates.push(if a == i { b } else { a });
        }
        candidates.sort_unstable();
        candidates.dedup();
        let view = self.view(i);
        let mut scored: Vec<(u32, Scored)> = candidates
            .into_iter()
            .map(|j| (j, self.score(&view, &self.view(j))))
            .collect();
        self.sort_scored(&mut scored);
        scored.truncate(k);
        Some(
            scored
                .into_iter()
                .map(|(j, s)| self.overlap(Some(i), &view, j, &s))
                .collect(),
        )
    }

    /// A text as a unit vector of its keys weighted by rarity in the index (keys the index does
    /// not know weigh as the rarest): `parts` are texts with the weight of their field (a key
    /// counts with its best field). For comparing texts that are not items (Question scopes,
    /// mandates) on the index's terms.
    pub fn text_vector(&self, parts: &[(&str, f32)]) -> TextVector {
        let mut weights: HashMap<String, f32> = HashMap::new();
        let mut keys = Vec::new();
        for &(text, weight) in parts {
            self.analyser.tokens(text, &mut keys);
            for key in keys.drain(..) {
                let w = weights.entry(key).or_insert(0.0);
                *w = w.max(weight);
            }
        }
        let n = self.items.len() as f32;
        let mut vector: Vec<(Box<str>, f32)> = weights
            .into_iter()
            .map(|(key, w)| {
                let df = self
                    .features
                    .get(&format!("{WORD}{key}"))
                    .map_or(0, |&f| self.df[f as usize]);
                (key.into_boxed_str(), w * idf(n, df))
            })
            .collect();
        vector.sort_unstable_by(|x, y| x.0.cmp(&y.0));
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            vector.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        TextVector(vector.into())
    }

    /// The keys two text vectors share, the biggest contribution first, as a reader wants them.
    pub fn shared_terms(&self, a: &TextVector, b: &TextVector, n: usize) -> Vec<String> {
        let mut both: Vec<(f32, &str)> =
            a.0.iter()
                .filter_map(|(k, w)| b.weight(k).map(|v| (w * v, &**k)))
                .collect();
        both.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
        both.into_iter()
            .take(n)
            .map(|(_, k)| self.display_word(k))
            .collect()
    }

    /// The best `k` indexed items overlapping a proposed item, best first (text and topics
    /// only; the body factor does not apply), leaving out the items `exclude` names.
    pub fn similar(&self, probe: &Probe, k: usize, exclude: &[&str]) -> Vec<Overlap> {
        let exclude: HashSet<u32> = exclude
            .iter()
            .filter_map(|id| self.by_id.get(*id).copied())
            .collect();
        let raw = self.probe_features(probe);
        let text = self.lookup_vector(raw.text.iter().map(|(k, w)| (format!("{WORD}{k}"), *w)));
        let topics =
            self.lookup_vector(raw.topics.iter().map(|(k, _)| (format!("{TOPIC}{k}"), 1.0)));
        let mut features: Vec<u32> = text.iter().chain(topics.iter()).map(|&(f, _)| f).collect();
        // A feature of one item only points straight at it: worth following for a probe.
        self.select_probe_features(&mut features, 1);
        let mut scratch = self.scratch();
        let view = View {
            text: &text,
            topics: &topics,
            references: &[],
            neighbours: &[],
            bodies: &[],
            edition_key: 0,
            as_reference: None,
            as_neighbour: None,
        };
        let mut scored: Vec<(u32, Scored)> = self
            .candidates(&features, None, &mut scratch)
            .into_iter()
            .filter(|j| !exclude.contains(j))
            .map(|j| {
                let mut s = self.score(&view, &self.view(j));
                s.score /= s.factor;
                s.factor = 1.0;
                s.same_body = None;
                (j, s)
            })
            .filter(|(_, s)| s.score > 0.0)
            .collect();
        self.sort_scored(&mut scored);
        scored.truncate(k);
        scored
            .into_iter()
            .map(|(j, s)| self.overlap(None, &view, j, &s))
            .collect()
    }

    /// Every pair scoring at least `min_score`, best first (known equivalences included,
    /// flagged). Each item's candidates come from the inverted index, so pairs sharing none of
    /// their rarer features are not seen.
    pub fn all_pairs(&self, min_score: f64) -> Vec<PairOverlap> {
        let n = self.items.len();
        let threads = self.config.threads.max(1).min(n.max(1));
        let chunk = n.div_ceil(threads).max(1);
        let mut pairs: Vec<(u32, u32, Scored)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                    scope.spawn(move || self.pairs_from(range, min_score))
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("overlap worker panicked"))
                .collect()
        });
        for &(a, b) in self.known.keys() {
            let s = self.score(&self.view(a), &self.view(b));
            if s.score >= min_score {
                pairs.push((a, b, s));
            }
        }
        pairs.sort_unstable_by_key(|&(a, b, _)| (a, b));
        pairs.dedup_by_key(|&mut (a, b, _)| (a, b));
        pairs.sort_by(|x, y| {
            y.2.score
                .total_cmp(&x.2.score)
                .then_with(|| (x.0, x.1).cmp(&(y.0, y.1)))
        });
        pairs
            .into_iter()
            .map(|(a, b, s)| {
                let (a, b) = if self.items[a as usize].id <= self.items[b as usize].id {
                    (a, b)
                } else {
                    (b, a)
                };
                let o = self.overlap(Some(a), &self.view(a), b, &s);
                PairOverlap {
                    a: self.item_ref(a),
                    b: ItemRef {
                        id: o.id,
                        iri: o.iri,
                        label: o.label,
                    },
                    score: o.score,
                    known: o.known,
                    known_relation: o.known_relation,
                    reasons: o.reasons,
                    signals: o.signals,
                }
            })
            .collect()
    }

    /// The ids of each item's candidates (for tests and measurements of candidate generation).
    pub fn candidate_ids(&self, id: &str) -> Option<Vec<&str>> {
        let i = *self.by_id.get(id)?;
        let mut scratch = self.scratch();
        let found = self.candidates(&self.probes[i as usize], Some(i), &mut scratch);
        Some(
            found
                .into_iter()
                .map(|j| self.items[j as usize].id.as_str())
                .collect(),
        )
    }

    fn pairs_from(&self, range: std::ops::Range<usize>, min_score: f64) -> Vec<(u32, u32, Scored)> {
        let mut scratch = self.dense_scratch();
        let mut out = Vec::new();
        for i in range {
            let i = i as u32;
            let view = self.view(i);
            for j in self.candidates(&self.probes[i as usize], Some(i), &mut scratch) {
                let s = self.score(&view, &self.view(j));
                if s.score >= min_score {
                    out.push((i.min(j), i.max(j), s));
                }
            }
        }
        out
    }
}

/// A text as weighted keys, from [`OverlapIndex::text_vector`]; sorted by key, unit length.
#[derive(Debug, Clone, Default)]
pub struct TextVector(Box<[(Box<str>, f32)]>);

impl TextVector {
    /// Cosine similarity, 0..1.
    pub fn cosine(&self, other: &TextVector) -> f64 {
        let sum: f32 = self
            .0
            .iter()
            .filter_map(|(k, w)| other.weight(k).map(|v| w * v))
            .sum();
        f64::from(sum).min(1.0)
    }

    fn weight(&self, key: &str) -> Option<f32> {
        self.0
            .binary_search_by(|(k, _)| (**k).cmp(key))
            .ok()
            .map(|i| self.0[i].1)
    }

    /// Whether no key of the text is known to the index.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
