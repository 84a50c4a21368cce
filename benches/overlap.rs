//! Overlap detection on synthetic landscapes: time, peak memory and recall of planted duplicates
//! at 10 k, 100 k and 1 M items, against the naive all-pairs shared-topic comparison.
//!
//! `cargo bench --bench overlap` (all sizes) or
//! `cargo bench --bench overlap -- --sizes 10000,20000 --naive-max 20000 --min-score 0.4`.
//! Peak memory is the process's VmHWM, reset before each size (`/proc/self/clear_refs`), so it
//! covers generating the landscape, indexing it and finding all pairs.

use std::collections::HashSet;
use std::time::Instant;

use idmgraph::overlap::synthetic::{SyntheticConfig, generate, naive_shared_topic_pairs};
use idmgraph::overlap::{OverlapConfig, OverlapIndex};

struct Options {
    sizes: Vec<usize>,
    naive_max: usize,
    min_score: f64,
    seed: u64,
}

fn options() -> Options {
    let mut o = Options {
        sizes: vec![10_000, 100_000, 1_000_000],
        naive_max: 100_000,
        min_score: 0.4,
        seed: 42,
    };
    let args: Vec<String> = std::env::args().collect();
    for pair in args.windows(2) {
        match pair[0].as_str() {
            "--sizes" => {
                o.sizes = pair[1]
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect()
            }
            "--naive-max" => o.naive_max = pair[1].parse().unwrap_or(o.naive_max),
            "--min-score" => o.min_score = pair[1].parse().unwrap_or(o.min_score),
            "--seed" => o.seed = pair[1].parse().unwrap_or(o.seed),
            _ => {}
        }
    }
    o
}

/// Peak resident memory of the process, in MiB (VmHWM).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU time of the process so far (user + system, all threads), in seconds: steadier than wall
/// time on a machine shared with other work.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; 100 ticks/s.
    (ticks(11) + ticks(12)) / 100.0
}

/// Resets VmHWM to the current resident size (Linux ≥ 4.0).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let o = options();
    println!(
        "threads {}, min score {}, seed {}",
        OverlapConfig::default().threads,
        o.min_score,
        o.seed
    );
    println!(
        "{:>9} | {:>8} | {:>8} | {:>8} | {:>8} | {:>9} | {:>9} | {:>8} | {:>10} | {:>9} | {:>9} | {:>7}",
        "items",
        "index s",
        "pairs s",
        "total s",
        "cpu s",
        "peak MiB",
        "pairs",
        "planted",
        "recall",
        "recall@10",
        "naive s",
        "ratio"
    );
    let mut previous: Option<(usize, f64, f64)> = None;
    for &n in &o.sizes {
        reset_peak();
        let landscape = generate(SyntheticConfig::new(n, o.seed));
        let planted = landscape.duplicates.clone();
        let items_for_naive = (n <= o.naive_max).then(|| landscape.items.clone());

        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let index = OverlapIndex::build(landscape.items, &[], OverlapConfig::default());
        let indexed = start.elapsed().as_secs_f64();
        let pairs = index.all_pairs(o.min_score);
        let total = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu_start;
        let peak = peak_mib().unwrap_or(f64::NAN);

        let found: HashSet<(&str, &str)> = pairs
            .iter()
            .map(|p| (p.a.id.as_str(), p.b.id.as_str()))
            .collect();
        let hit = |a: &str, b: &str| found.contains(&(a.min(b), a.max(b)));
        let recall =
            planted.iter().filter(|(a, b)| hit(a, b)).count() as f64 / planted.len().max(1) as f64;
        let sample: Vec<&(String, String)> = planted
            .iter()
            .step_by((planted.len() / 500).max(1))
            .collect();
        let top10 = sample
            .iter()
            .filter(|(a, b)| {
                index
                    .top_k(b, 10)
                    .is_some_and(|top| top.iter().any(|c| c.id == *a))
            })
            .count() as f64
            / sample.len().max(1) as f64;

        let (naive, ratio) = match items_for_naive {
            Some(items) => {
                let start = Instant::now();
                let shared = naive_shared_topic_pairs(&items, 2);
                let t = start.elapsed().as_secs_f64();
                std::hint::black_box(shared);
                (format!("{t:.1}"), format!("{:.1}×", t / total))
            }
            None => ("-".to_owned(), "-".to_owned()),
        };
        println!(
            "{n:>9} | {indexed:>8.2} | {:>8.2} | {total:>8.2} | {cpu:>8.2} | {peak:>9.0} | {:>9} | {:>8} | {:>9.1}% | {:>8.1}% | {naive:>9} | {ratio:>7}",
            total - indexed,
            pairs.len(),
            planted.len(),
            recall * 100.0,
            top10 * 100.0,
        );
        let stats = index.stats();
        println!(
            "{:>9}   {} features ({} over the postings cap), {:.0} postings followed per item",
            "", stats.features, stats.capped_features, stats.postings_per_item
        );
        if let Some((m, t, c)) = previous {
            let doubling =
                |now: f64, before: f64| (now / before).powf(1.0 / (n as f64 / m as f64).log2());
            println!(
                "{:>9}   per doubling of N: wall ×{:.2}, cpu ×{:.2}",
                "",
                doubling(total, t),
                doubling(cpu, c)
            );
        }
        previous = Some((n, total, cpu));
    }
}
