//! Synthetic landscapes for measuring overlap detection: N items over M bodies, topics and title
//! words drawn Zipf-like from vocabularies that grow with N (Heaps' law, as real corpora do),
//! acronyms defined in some titles and used in others, references and neighbours to hub
//! documents, and planted duplicates across bodies. Deterministic by seed (xorshift, no
//! dependency).

use super::Item;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct SyntheticConfig {
    /// Number of items, planted duplicates included.
    pub items: usize,
    /// Number of bodies (organisations).
    pub bodies: usize,
    /// Share of items that are planted duplicates of an earlier item of another body.
    pub duplicate_share: f64,
    /// The seed.
    pub seed: u64,
}

impl SyntheticConfig {
    /// `items` items over 40 bodies, 2 % planted duplicates.
    pub fn new(items: usize, seed: u64) -> Self {
        Self {
            items,
            bodies: 40,
            duplicate_share: 0.02,
            seed,
        }
    }
}

/// A generated landscape and the duplicates planted in it.
#[derive(Debug, Clone)]
pub struct SyntheticLandscape {
    /// The items.
    pub items: Vec<Item>,
    /// (original id, duplicate id) of every planted duplicate.
    pub duplicates: Vec<(String, String)>,
}

/// xorshift64*: small, fast, deterministic.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced: xorshift needs a non-zero state).
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Zipf sampling over ranks `0..n` by inverse CDF.
#[derive(Debug, Clone)]
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    /// Ranks `0..n` with weights `1/(rank+1)^s`.
    pub fn new(n: usize, s: f64) -> Self {
        let mut total = 0.0;
        let mut cdf: Vec<f64> = (1..=n.max(1))
            .map(|r| {
                total += 1.0 / (r as f64).powf(s);
                total
            })
            .collect();
        cdf.iter_mut().for_each(|c| *c /= total);
        Self { cdf }
    }

    /// One rank.
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "gu", "ha", "ke", "li", "mo", "nu", "pa", "re", "si", "to", "vu", "xa",
    "ze", "tri", "gra", "plo", "sta", "cre", "lun", "mar", "tes", "vor", "qui", "dex", "bel",
    "nor",
];

/// A pronounceable pseudo-word for a rank, unique per rank.
fn word(rank: usize) -> String {
    let mut w = String::new();
    let mut r = rank + SYLLABLES.len();
    while r > 0 {
        w.push_str(SYLLABLES[r % SYLLABLES.len()]);
        r /= SYLLABLES.len();
    }
    w.push('x'); // never an English stopword, never a plural
    w
}

/// A synthetic acronym: its letters and its long form (word ranks).
struct Acronym {
    short: String,
    long: Vec<usize>,
}

/// Generates a landscape.
pub fn generate(config: SyntheticConfig) -> SyntheticLandscape {
    let n = config.items.max(2);
    let mut rng = Rng::new(config.seed);
    let vocabulary = 2000 + (40.0 * (n as f64).powf(0.6)) as usize;
    let topic_count = 200 + n / 20;
    let words = Zipf::new(vocabulary, 1.0);
    let topics = Zipf::new(topic_count, 1.1);
    let hubs = Zipf::new(n, 1.0);
    let acronyms: Vec<Acronym> = (0..vocabulary / 40)
        .map(|_| {
            let long: Vec<usize> = (0..3 + rng.below(2))
                .map(|_| 50 + rng.below(vocabulary - 50))
                .collect();
            let short = long
                .iter()
                .map(|&w| word(w).chars().next().unwrap_or('x').to_ascii_uppercase())
                .collect();
            Acronym { short, long }
        })
        .collect();
    let mut items: Vec<Item> = Vec::with_capacity(n);
    let mut duplicates = Vec::new();
    for i in 0..n {
        let id = format!("item-{i}");
        let planted = i > 10 && rng.chance(config.duplicate_share);
        let item = if planted {
            let original = rng.below(i);
            let body_of = |item: &Item| item.bodies.first().cloned().unwrap_or_default();
            let mut body = rng.below(config.bodies);
            if format!("body-{body}") == body_of(&items[original]) {
                body = (body + 1) % config.bodies;
            }
            duplicates.push((items[original].id.clone(), id.clone()));
            duplicate(&items[original], id, body, &acronyms, &mut rng)
        } else {
            let body = rng.below(config.bodies);
            let mut title: Vec<String> = (0..4 + rng.below(6))
                .map(|_| word(words.sample(&mut rng)))
                .collect();
            if rng.chance(0.3) {
                let a = &acronyms[rng.below(acronyms.len())];
                let long: Vec<String> = a.long.iter().map(|&w| word(w)).collect();
                let at = rng.below(title.len());
                if rng.chance(0.2) {
                    title.insert(at, format!("{} ({})", long.join(" "), a.short));
                } else if rng.chance(0.5) {
                    title.insert(at, long.join(" "));
                } else {
                    title.insert(at, a.short.clone());
                }
            }
            let mut item_topics: Vec<String> = (0..2 + rng.below(4))
                .map(|_| format!("topic {}", word(topics.sample(&mut rng))))
                .collect();
            item_topics.sort();
            item_topics.dedup();
            let references = (0..rng.below(4))
                .map(|_| format!("item-{}", hubs.sample(&mut rng)))
                .collect();
            let neighbours = (0..rng.below(3))
                .map(|_| format!("item-{}", hubs.sample(&mut rng)))
                .collect();
            Item {
                iri: format!("https://example.org/id/{id}"),
                label: label(body, i, &mut rng),
                title: title.join(" "),
                description: String::new(),
                bodies: vec![format!("body-{body}")],
                owners: vec![
                    format!("group-{body}-{}", rng.below(5)),
                    format!("body-{body}"),
                ],
                topics: item_topics,
                references,
                neighbours,
                id,
            }
        };
        items.push(item);
    }
    SyntheticLandscape { items, duplicates }
}

/// An identifier in one of three house styles, with edition noise.
fn label(body: usize, number: usize, rng: &mut Rng) -> String {
    match body % 3 {
        0 => format!("ORG{body} X.{}", 10_000 + number),
        1 => format!(
            "ISO/IEC {}-{}:{}",
            30_000 + number % 60_000,
            1 + rng.below(4),
            2000 + rng.below(26)
        ),
        _ => format!(
            "ORG{body} Spec {} v{}.{}",
            word(number),
            1 + rng.below(3),
            rng.below(10)
        ),
    }
}

/// A copy of `original` as another body would publish it: reworded title (a word dropped or
/// added, an acronym written out or abbreviated, a series header), topics changed a little,
/// some references kept.
fn duplicate(
    original: &Item,
    id: String,
    body: usize,
    acronyms: &[Acronym],
    rng: &mut Rng,
) -> Item {
    let mut title = original.title.clone();
    let used: Vec<&Acronym> = acronyms
        .iter()
        .filter(|a| title.contains(&a.short))
        .collect();
    for a in used {
        let long: Vec<String> = a.long.iter().map(|&w| word(w)).collect();
        if !title.contains(&format!("({})", a.short)) && rng.chance(0.7) {
            title = title.replace(&a.short, &long.join(" "));
        }
    }
    let mut words: Vec<String> = title.split(' ').map(str::to_owned).collect();
    if words.len() > 4 && rng.chance(0.5) {
        words.remove(rng.below(words.len()));
    }
    if rng.chance(0.3) {
        let at = rng.below(words.len() + 1);
        words.insert(at, word(rng.below(2000)));
    }
    let mut title = words.join(" ");
    if rng.chance(0.3) {
        title = format!("Information technology — Security techniques — {title}");
    }
    let mut topics = original.topics.clone();
    if topics.len() > 2 && rng.chance(0.5) {
        topics.remove(rng.below(topics.len()));
    }
    if rng.chance(0.3) {
        topics.push(format!("topic {}", word(rng.below(200))));
    }
    let references = original
        .references
        .iter()
        .filter(|_| rng.chance(0.5))
        .cloned()
        .collect();
    let number: usize = id.trim_start_matches("item-").parse().unwrap_or(0);
    Item {
        iri: format!("https://example.org/id/{id}"),
        label: label(body, number, rng),
        title,
        description: String::new(),
        bodies: vec![format!("body-{body}")],
        owners: vec![format!("group-{body}-0"), format!("body-{body}")],
        topics,
        references,
        neighbours: Vec::new(),
        id,
    }
}

/// The naive way, for comparison: every pair of items compared on their topics (what the
/// `possible-duplication` query does); returns the number of cross-body pairs sharing at least
/// `min_shared` topics. Written to be fast (interned ids, one flat array) so that the comparison
/// is with all-pairs itself, not with a slow implementation of it.
pub fn naive_shared_topic_pairs(items: &[Item], min_shared: usize) -> usize {
    let mut ids: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    fn intern<'a>(ids: &mut std::collections::HashMap<&'a str, u32>, s: &'a str) -> u32 {
        let next = ids.len() as u32;
        *ids.entry(s).or_insert(next)
    }
    let mut flat: Vec<u32> = Vec::new();
    let mut spans: Vec<(usize, usize, u32)> = Vec::with_capacity(items.len());
    for item in items {
        let body = intern(&mut ids, item.bodies.first().map_or("", String::as_str));
        let start = flat.len();
        let mut topics: Vec<u32> = item.topics.iter().map(|t| intern(&mut ids, t)).collect();
        topics.sort_unstable();
        topics.dedup();
        flat.extend(topics);
        spans.push((start, flat.len(), body));
    }
    let mut found = 0;
    for (i, &(s1, e1, b1)) in spans.iter().enumerate() {
        let a = &flat[s1..e1];
        for &(s2, e2, b2) in &spans[i + 1..] {
            if b1 == b2 {
                continue;
            }
            let b = &flat[s2..e2];
            let (mut x, mut y, mut shared) = (0, 0, 0);
            while x < a.len() && y < b.len() {
                match a[x].cmp(&b[y]) {
                    std::cmp::Ordering::Less => x += 1,
                    std::cmp::Ordering::Greater => y += 1,
                    std::cmp::Ordering::Equal => {
                        shared += 1;
                        x += 1;
                        y += 1;
                    }
                }
            }
            if shared >= min_shared {
                found += 1;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_by_seed() {
        let a = generate(SyntheticConfig::new(300, 7));
        let b = generate(SyntheticConfig::new(300, 7));
        let c = generate(SyntheticConfig::new(300, 8));
        assert_eq!(a.items, b.items);
        assert_ne!(a.items, c.items);
        assert!(!a.duplicates.is_empty());
    }

    #[test]
    fn planted_duplicates_are_across_bodies() {
        let landscape = generate(SyntheticConfig::new(2000, 1));
        let by_id: std::collections::HashMap<&str, &Item> =
            landscape.items.iter().map(|i| (i.id.as_str(), i)).collect();
        for (a, b) in &landscape.duplicates {
            assert_ne!(by_id[a.as_str()].bodies, by_id[b.as_str()].bodies);
        }
    }
}
