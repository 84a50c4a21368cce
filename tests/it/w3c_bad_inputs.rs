//! Every bad SPARQL query, bad update and bad Turtle / N-Triples / N-Quads / TriG document of
//! the W3C test suites (copied in `tests/w3c/`) posted to a live server: each must get a 4xx,
//! never a 5xx, and leave the store exactly as it was.

use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::common::{Server, TestResult, status_of};

fn suite_dir(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/w3c")
        .join(relative)
}

/// The files of the negative tests of one manifest, by test type (local names in `types`).
fn negative_tests(
    manifest_dir: &str,
    types: &[&str],
) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let dir = suite_dir(manifest_dir);
    let manifest = dir.join("manifest.ttl");
    let base = format!("file://{}/", dir.display());
    let store = Store::new()?;
    store.load_from_reader(
        RdfParser::from_format(RdfFormat::Turtle).with_base_iri(&base)?,
        std::fs::File::open(&manifest)?,
    )?;
    let values = types
        .iter()
        .map(|t| format!("<http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#{t}> <http://www.w3.org/ns/rdftest#{t}>"))
        .collect::<Vec<_>>()
        .join(" ");
    let query = format!(
        "SELECT ?file WHERE {{ VALUES ?type {{ {values} }} ?test a ?type ; \
         <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#action> ?file }}"
    );
    let QueryResults::Solutions(solutions) = SparqlEvaluator::new()
        .parse_query(&query)?
        .on_store(&store)
        .execute()?
    else {
        return Err("not a select".into());
    };
    let mut files = Vec::new();
    for solution in solutions {
        if let Some(Term::NamedNode(file)) = solution?.get("file") {
            let path = file
                .as_str()
                .strip_prefix("file://")
                .ok_or("not a file IRI")?;
            files.push(PathBuf::from(path));
        }
    }
    files.sort();
    Ok(files)
}

struct Case {
    file: PathBuf,
    url: String,
    content_type: &'static str,
}

fn cases(base: &str) -> Result<Vec<Case>, Box<dyn std::error::Error>> {
    let mut cases = Vec::new();
    let mut add =
        |dir: &str, types: &[&str], url: String, content_type: &'static str| -> TestResult {
            let files = negative_tests(dir, types)?;
            assert!(!files.is_empty(), "no negative tests found in {dir}");
            cases.extend(files.into_iter().map(|file| Case {
                file,
                url: url.clone(),
                content_type,
            }));
            Ok(())
        };
    let sparql = format!("{base}/sparql");
    let graph = format!("{base}/store?graph=http%3A%2F%2Fexample.org%2Fw3c-bad");
    add(
        "sparql/sparql11/syntax-query",
        &["NegativeSyntaxTest11"],
        sparql.clone(),
        "application/sparql-query",
    )?;
    add(
        "sparql/sparql11/syntax-update-1",
        &["NegativeUpdateSyntaxTest11"],
        sparql,
        "application/sparql-update",
    )?;
    add(
        "rdf/rdf11/rdf-turtle",
        &["TestTurtleNegativeSyntax", "TestTurtleNegativeEval"],
        graph.clone(),
        "text/turtle",
    )?;
    add(
        "rdf/rdf11/rdf-n-triples",
        &["TestNTriplesNegativeSyntax"],
        graph.clone(),
        "application/n-triples",
    )?;
    add(
        "rdf/rdf11/rdf-n-quads",
        &["TestNQuadsNegativeSyntax"],
        format!("{base}/store"),
        "application/n-quads",
    )?;
    add(
        "rdf/rdf11/rdf-trig",
        &["TestTrigNegativeSyntax", "TestTrigNegativeEval"],
        format!("{base}/store"),
        "application/trig",
    )?;
    Ok(cases)
}

fn dataset(base: &str) -> Result<String, Box<dyn std::error::Error>> {
    Ok(ureq::get(&format!("{base}/store"))
        .set("Accept", "application/n-quads")
        .call()?
        .into_string()?)
}

#[test]
fn every_bad_w3c_input_gets_a_4xx_and_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = Server::start(&dir.path().join("store"), &["--open-writes"])?;
    let before = dataset(&server.base)?;
    assert!(!before.is_empty());
    let cases = cases(&server.base)?;
    let mut failures = Vec::new();
    for case in &cases {
        let body = std::fs::read(&case.file)?;
        let (status, text) = status_of(
            ureq::post(&case.url)
                .set("Content-Type", case.content_type)
                .send_bytes(&body),
        )?;
        if !(400..500).contains(&status) {
            failures.push(format!("{} → {status} {text}", case.file.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad inputs were not refused with a 4xx:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert_eq!(
        dataset(&server.base)?,
        before,
        "a refused input changed the store"
    );
    eprintln!(
        "{} bad W3C inputs refused with a 4xx; store unchanged",
        cases.len()
    );
    Ok(())
}
