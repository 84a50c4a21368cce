//! One test per fact of the seed liaison statement: each block of `tests/seed_facts.txt` is an
//! ASK query over the default data (ontology + seed graph) that must be true, so a missing fact
//! fails by its name.

use std::sync::Arc;

use idmgraph::sparql::{self, Dataset, SparqlOptions};
use idmgraph::store::GraphStore;
use libtest_mimic::{Arguments, Failed, Trial};
use oxigraph::sparql::{CancellationToken, QueryResults};

const FACTS: &str = include_str!("seed_facts.txt");

/// `(name, ASK query)` for each `### name` block.
fn facts() -> Vec<(String, String)> {
    let mut facts = Vec::new();
    for block in FACTS.split("\n### ").map(|b| b.trim_start_matches("### ")) {
        let Some((name, body)) = block.split_once('\n') else {
            continue;
        };
        let query: String = body
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        if !query.trim().is_empty() {
            facts.push((name.trim().to_owned(), query));
        }
    }
    facts
}

fn check(store: &GraphStore, query: &str) -> Result<(), Failed> {
    let parsed = sparql::parse_query(query, None).map_err(|e| Failed::from(e.to_string()))?;
    match sparql::evaluate_query(
        store,
        parsed,
        &Dataset::default(),
        Vec::new(),
        &SparqlOptions::default(),
        CancellationToken::new(),
    )
    .map_err(|e| Failed::from(e.to_string()))?
    {
        QueryResults::Boolean(true) => Ok(()),
        QueryResults::Boolean(false) => Err("the fact is not in the graph".into()),
        _ => Err("the block is not an ASK query".into()),
    }
}

fn main() {
    let args = Arguments::from_args();
    let store = GraphStore::in_memory().expect("an in-memory store");
    idmgraph::data::load_default_data(&store).expect("the default data loads");
    let store = Arc::new(store);
    let facts = facts();
    assert!(
        facts.len() >= 40,
        "only {} facts in seed_facts.txt",
        facts.len()
    );
    let trials = facts
        .into_iter()
        .map(|(name, query)| {
            let store = store.clone();
            Trial::test(name, move || check(&store, &query))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
