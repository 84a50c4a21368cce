//! A fuzz loop without libFuzzer, for machines without cargo-fuzz or a nightly toolchain:
//! random and mutated inputs fed to the properties of `idmgraph::ingest::fuzzing` (the same the
//! cargo-fuzz targets in `fuzz/` check) for a given time. Mutations: byte flips, insertions and
//! deletions, copied and spliced ranges, and tokens of the format (CSV quoting and separators,
//! designations, names). No coverage guidance: it is a long randomised test, not libFuzzer.
//!
//! ```sh
//! cargo run --release --example fuzz -- landscape --seconds 300 fuzz/seeds/landscape
//! cargo run --release --example fuzz -- extract --seconds 300 tests/extract/*.txt
//! ```
//!
//! On a panic it writes the input to `fuzz/artifacts/<target>/crash-<n>` and exits with 1.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use idmgraph::ingest::fuzzing::{self, Rng};

/// Tokens inserted by the token mutation.
const TOKENS: &[&str] = &[
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " / ",
    ";",
    "(",
    ")",
    "\0",
    "é",
    "\u{a0}",
    "\u{2011}",
    "\u{feff}",
    "😀",
    "UNCERTAIN",
    "Recommendation",
    "InternationalStandard",
    "Specification",
    "Document",
    "Resolution",
    "SDO",
    "StudyGroup",
    "WorkingGroup",
    "Question",
    "JCA",
    "Conference",
    "Person-role",
    "ITU-T SG17",
    "ISO/IEC JTC 1/SC 27",
    "Q10/17",
    "ITU-T X.1252",
    "references",
    "commonText",
    "basedOn",
    "developedBy",
    "supersedes",
    "2019-09-27",
    "edition 09/2019",
    "Suppl.",
    "work item",
    "terms of reference",
    "https://",
    "SG",
    "Q",
    "ISO/IEC ",
    "JTC 1/",
    "Resolution ",
    "Mr ",
    "clause ",
    "of ",
    "X.",
    "WG ",
    "Co-chairman",
    "Rapporteur",
    ": ",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    // Mostly one or two changes, so that many inputs still get past the first check.
    let changes = if rng.below(2) == 0 {
        1
    } else {
        1 + rng.below(8)
    };
    for _ in 0..changes {
        let len = input.len();
        let at = rng.below(len + 1);
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 => input.insert(at, rng.next_u64() as u8),
            2 if len > 0 => {
                let end = (at + 1 + rng.below(16)).min(len);
                input.drain(at.min(end)..end);
            }
            3 if len > 0 => {
                let from = rng.below(len);
                let piece: Vec<u8> = input[from..(from + rng.below(64)).min(len)].to_vec();
                input.splice(at..at, piece);
            }
            4 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let to = (from + rng.below(256)).min(other.len());
                    input.splice(at..at, other[from..to].iter().copied());
                }
            }
            5 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
            6 if len > 0 => input.truncate(at),
            _ => {
                // Replace a range with one repeated byte: long fields, runs of separators.
                let byte = *input.get(at).unwrap_or(&b',');
                let n = rng.below(32);
                input.splice(at..at, std::iter::repeat_n(byte, n));
            }
        }
    }
}

/// The seed inputs: files, and the files of directories.
fn read_corpus(paths: &[PathBuf]) -> std::io::Result<Vec<Vec<u8>>> {
    let mut corpus = Vec::new();
    for path in paths {
        let mut files: Vec<PathBuf> = if path.is_dir() {
            std::fs::read_dir(path)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        } else {
            vec![path.clone()]
        };
        files.sort();
        for file in files {
            corpus.push(std::fs::read(file)?);
        }
    }
    Ok(corpus)
}

fn save_crash(target: &str, input: &[u8]) -> std::io::Result<PathBuf> {
    let dir = Path::new("fuzz/artifacts").join(target);
    std::fs::create_dir_all(&dir)?;
    let mut n = 0;
    loop {
        let path = dir.join(format!("crash-{n}"));
        if !path.exists() {
            std::fs::write(&path, input)?;
            return Ok(path);
        }
        n += 1;
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: fuzz extract|landscape [--seconds N] [--seed S] SEED_FILE_OR_DIR...";
    let target = args.next().ok_or(usage)?;
    let check: fn(&[u8]) -> bool = match target.as_str() {
        "extract" => fuzzing::extract,
        "landscape" => fuzzing::landscape,
        _ => return Err(usage.into()),
    };
    let (mut seconds, mut seed, mut dirs) = (60u64, 0x9E37_79B9_7F4A_7C15u64, Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => seconds = args.next().ok_or(usage)?.parse()?,
            "--seed" => seed = args.next().ok_or(usage)?.parse::<u64>()?.max(1),
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    let corpus = read_corpus(&dirs)?;
    if corpus.is_empty() {
        return Err(format!("no seed inputs in {dirs:?}; {usage}").into());
    }
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let (mut runs, mut accepted, mut largest) = (0u64, 0u64, 0usize);
    // The default hook prints the panic message and location, then we save the input.
    while Instant::now() < deadline {
        let mut input = if rng.below(16) == 0 {
            (0..rng.below(512)).map(|_| rng.next_u64() as u8).collect()
        } else {
            corpus[rng.below(corpus.len())].clone()
        };
        mutate(&mut rng, &mut input, &corpus);
        largest = largest.max(input.len());
        match panic::catch_unwind(AssertUnwindSafe(|| check(&input))) {
            Ok(ok) => accepted += u64::from(ok),
            Err(_) => {
                let path = save_crash(&target, &input)?;
                eprintln!(
                    "{target}: panic after {runs} runs; input saved to {}",
                    path.display()
                );
                std::process::exit(1);
            }
        }
        runs += 1;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "{target}: {runs} inputs in {elapsed:.0} s ({:.0}/s), {accepted} accepted and {} refused with an error, largest {largest} bytes, seed {seed}, {} seed inputs: no panic",
        runs as f64 / elapsed,
        runs - accepted,
        corpus.len()
    );
    Ok(())
}
