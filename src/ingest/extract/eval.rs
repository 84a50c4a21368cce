//! Precision, recall and F1 of an extraction against a golden one, per category: over the
//! de-duplicated values (what the JSON lists) and over mentions (value and exact span).

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use super::{Category, Extraction, Value};

/// Counts of one category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Found and expected.
    pub true_positives: usize,
    /// Found, not expected.
    pub false_positives: usize,
    /// Expected, not found.
    pub false_negatives: usize,
}

impl Score {
    /// Found and right over found (1 when nothing was found).
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Found and right over expected (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Score) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Scores per category, and all categories together.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Per category.
    pub by_category: BTreeMap<Category, Score>,
}

impl Scores {
    /// The sum over categories (micro-average).
    pub fn total(&self) -> Score {
        let mut t = Score::default();
        for s in self.by_category.values() {
            t.add(*s);
        }
        t
    }

    /// Adds the scores of another document.
    pub fn add(&mut self, other: &Scores) {
        for (c, s) in &other.by_category {
            self.by_category.entry(*c).or_default().add(*s);
        }
    }

    /// A plain-text table: category, counts, precision, recall, F1.
    pub fn table(&self) -> String {
        let mut out = String::from("category              tp  fp  fn  precision  recall  f1\n");
        let rows = self.by_category.iter().map(|(c, s)| (c.key(), *s));
        for (name, s) in rows.chain([("all", self.total())]) {
            let _ = writeln!(
                out,
                "{name:<20} {:>3} {:>3} {:>3}  {:>9.3}  {:>6.3}  {:.3}",
                s.true_positives,
                s.false_positives,
                s.false_negatives,
                s.precision(),
                s.recall(),
                s.f1()
            );
        }
        out
    }
}

fn key(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn compare<T: std::hash::Hash + Eq>(expected: &HashSet<T>, got: &HashSet<T>) -> Score {
    Score {
        true_positives: got.intersection(expected).count(),
        false_positives: got.difference(expected).count(),
        false_negatives: expected.difference(got).count(),
    }
}

/// Scores over de-duplicated values.
pub fn score_values(expected: &Extraction, got: &Extraction) -> Scores {
    let values = |e: &Extraction, c: Category| -> HashSet<String> {
        e.mentions
            .iter()
            .filter(|m| m.category == c)
            .map(|m| key(&m.value))
            .collect()
    };
    let by_category = Category::ALL
        .into_iter()
        .map(|c| (c, compare(&values(expected, c), &values(got, c))))
        .collect();
    Scores { by_category }
}

/// Scores over mentions: the value and the span must both match.
pub fn score_mentions(expected: &Extraction, got: &Extraction) -> Scores {
    let mentions = |e: &Extraction, c: Category| -> HashSet<(String, usize, usize)> {
        e.mentions
            .iter()
            .filter(|m| m.category == c)
            .map(|m| (key(&m.value), m.start, m.end))
            .collect()
    };
    let by_category = Category::ALL
        .into_iter()
        .map(|c| (c, compare(&mentions(expected, c), &mentions(got, c))))
        .collect();
    Scores { by_category }
}

/// What differs, one line per mention: "- " expected and missing, "+ " found and not expected.
pub fn diff(expected: &Extraction, got: &Extraction) -> String {
    let line = |m: &super::Mention| {
        format!(
            "{} {} [{}..{}] {:?}",
            m.category,
            key(&m.value),
            m.start,
            m.end,
            m.text
        )
    };
    let exp: HashSet<String> = expected.mentions.iter().map(line).collect();
    let found: HashSet<String> = got.mentions.iter().map(line).collect();
    let mut out: Vec<String> = exp.difference(&found).map(|l| format!("- {l}")).collect();
    out.extend(found.difference(&exp).map(|l| format!("+ {l}")));
    out.sort_by(|a, b| a[2..].cmp(&b[2..]));
    out.join("\n")
}
