//! `idmgraph import`, end to end: the shared landscape into a fresh store, twice, and a bad file
//! refused without a trace.

use std::path::PathBuf;

use crate::common::{TestResult, idmgraph};

fn landscape(file: &str) -> Result<String, Box<dyn std::error::Error>> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "data", "landscape", file]
        .iter()
        .collect();
    Ok(path.to_str().ok_or("path")?.to_owned())
}

fn count(data: &str) -> Result<u64, Box<dyn std::error::Error>> {
    let (ok, stdout, stderr) = idmgraph(&[
        "query",
        "--data",
        data,
        "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
    ])?;
    assert!(ok, "{stderr}");
    let line = stdout.lines().nth(1).ok_or("no result row")?;
    Ok(line
        .split('^')
        .next()
        .unwrap_or(line)
        .trim_matches('"')
        .parse()?)
}

#[test]
fn the_shared_landscape_imports_once_and_joins_on_its_ids() -> TestResult {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("store");
    let data = data.to_str().ok_or("path")?;
    let (entities, relations) = (landscape("entities.csv")?, landscape("relations.csv")?);
    let args = [
        "import",
        "--data",
        data,
        "--entities",
        &entities,
        "--relations",
        &relations,
    ];
    let (ok, stdout, stderr) = idmgraph(&args)?;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("154 entities (4 people)"), "{stdout}");
    assert!(stdout.contains("110 relations"), "{stdout}");
    let added: u64 = stdout
        .split_whitespace()
        .zip(stdout.split_whitespace().skip(1))
        .find_map(|(n, word)| (word == "quads").then(|| n.parse().ok()).flatten())
        .ok_or("no quads count")?;
    assert!(added > 1000, "{stdout}");
    let (ok, stdout, stderr) = idmgraph(&args)?;
    assert!(ok, "{stderr}");
    assert!(stdout.contains(": 0 quads added"), "{stdout}");
    let ask = "PREFIX idm: <https://w3id.org/idmgraph/ontology#>
        ASK { ?rec idm:csvId \"itut-x1277\" ; idm:basedOn <https://w3id.org/idmgraph/id/spec/fido-uaf-1.1> .
              <https://w3id.org/idmgraph/id/question/q10-17> idm:responsibleFor <https://w3id.org/idmgraph/id/rec/itut-x1252> }";
    let (ok, stdout, stderr) = idmgraph(&["query", "--data", data, "--format", "json", ask])?;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("true"), "{stdout}");
    Ok(())
}

#[test]
fn a_bad_row_is_refused_with_its_place_and_nothing_is_stored() -> TestResult {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("store");
    let data = data.to_str().ok_or("path")?;
    let good = std::fs::read_to_string(landscape("entities.csv")?)?;
    let bad = dir.path().join("entities.csv");
    std::fs::write(&bad, format!("{good}oops,Gadget,Thing,,,,,\r\n"))?;
    let bad = bad.to_str().ok_or("path")?;
    let (ok, _, stderr) = idmgraph(&["import", "--data", data, "--entities", bad])?;
    assert!(!ok);
    assert!(
        stderr.contains("entities.csv:156:2: type: unknown type \"Gadget\""),
        "{stderr}"
    );
    assert_eq!(count(data)?, 0);
    Ok(())
}
