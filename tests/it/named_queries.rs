//! Named queries: each one over a hand-written fixture against its hand-written expected table
//! (`tests/queries/`), parameter binding, the HTTP endpoints (`/queries`, `/landscape`) and the
//! command line (`query --named`, `export landscape`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use idmgraph::http::{AppState, router};
use idmgraph::queries::{self, QueryError};
use idmgraph::sparql::SparqlOptions;
use idmgraph::store::{GraphStore, Input};
use idmgraph::vocab::{ID_BASE, graph, idm};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::{CancellationToken, QueryResults};

use crate::common::{TestResult, config, encode, idmgraph, send};

fn queries_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/queries")
}

/// A store with the ontology (labels of classes, statuses, roles, links) and the fixture.
fn fixture_store() -> Result<GraphStore, Box<dyn std::error::Error>> {
    let store = crate::common::empty_store()?;
    let fixture = std::fs::read_to_string(queries_dir().join("fixture.ttl"))?;
    store.load(
        [Input {
            name: "ontology/idm.ttl".to_owned(),
            format: RdfFormat::Turtle,
            reader: idmgraph::data::ONTOLOGY.turtle.as_bytes(),
        }],
        Some(&graph::ONTOLOGY.into_owned()),
    )?;
    store.load(
        [Input {
            name: "tests/queries/fixture.ttl".to_owned(),
            format: RdfFormat::Turtle,
            reader: fixture.as_bytes(),
        }],
        Some(&graph::LANDSCAPE.into_owned()),
    )?;
    Ok(store)
}

/// A term as the expected tables write it: `kind:slug` for entity IRIs, `idm:Term` for the
/// ontology's, `<iri>` for others, the lexical form of literals.
fn compact(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => {
            let iri = node.as_str();
            if let Some(local) = iri.strip_prefix(idm::NAMESPACE) {
                return format!("idm:{local}");
            }
            if let Some((kind, slug)) = iri
                .strip_prefix(ID_BASE)
                .and_then(|rest| rest.split_once('/'))
            {
                return format!("{kind}:{slug}");
            }
            format!("<{iri}>")
        }
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    }
}

/// Values in one cell separated by "; " (from GROUP_CONCAT, whose order SPARQL leaves open)
/// compare as sets.
fn normalise(cell: &str) -> String {
    let mut parts: Vec<&str> = cell.split("; ").collect();
    parts.sort_unstable();
    parts.join("; ")
}

type Table = (Vec<String>, Vec<Vec<String>>);

fn run(
    store: &GraphStore,
    name: &str,
    params: &[(&str, &str)],
) -> Result<Table, Box<dyn std::error::Error>> {
    let given: Vec<(String, String)> = params
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    let results = queries::evaluate(
        store,
        name,
        &given,
        &SparqlOptions::default(),
        CancellationToken::new(),
    )?;
    let QueryResults::Solutions(solutions) = results else {
        return Err(format!("{name} is not a SELECT query").into());
    };
    let header: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(
            header
                .iter()
                .map(|v| {
                    solution
                        .get(v.as_str())
                        .map(compact)
                        .map(|c| normalise(&c))
                        .unwrap_or_default()
                })
                .collect(),
        );
    }
    Ok((header, rows))
}

fn expected(name: &str) -> Result<Table, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(queries_dir().join(format!("{name}.tsv")))?;
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    let header = lines
        .next()
        .ok_or("no header line")?
        .split('\t')
        .map(str::to_owned)
        .collect();
    let rows = lines
        .map(|l| l.split('\t').map(normalise).collect())
        .collect();
    Ok((header, rows))
}

fn show(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| r.join(" | "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_named_query_gives_its_expected_table_over_the_fixture() -> TestResult {
    let store = fixture_store()?;
    let mut failures = Vec::new();
    for query in queries::registry()?.queries() {
        let (header, mut rows) = run(&store, query.name, &[])?;
        let (expected_header, mut expected_rows) = expected(query.name)?;
        if header != expected_header {
            failures.push(format!(
                "{}: columns {header:?}, expected {expected_header:?}",
                query.name
            ));
            continue;
        }
        // Ordered queries must give their order; others compare as sets.
        if !query.text.contains("\nORDER BY") {
            rows.sort();
            expected_rows.sort();
        }
        if rows != expected_rows {
            failures.push(format!(
                "{}:\n-- got:\n{}\n-- expected:\n{}",
                query.name,
                show(&rows),
                show(&expected_rows)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    Ok(())
}

#[test]
fn every_query_has_an_expected_table_and_nothing_else_does() -> TestResult {
    let names: Vec<_> = queries::registry()?
        .queries()
        .iter()
        .map(|q| q.name)
        .collect();
    for entry in std::fs::read_dir(queries_dir())? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "tsv") {
            let stem = path.file_stem().and_then(|s| s.to_str()).ok_or("name")?;
            assert!(
                names.contains(&stem),
                "{} belongs to no named query",
                path.display()
            );
        }
    }
    for name in names {
        assert!(
            queries_dir().join(format!("{name}.tsv")).exists(),
            "{name} has no expected table"
        );
    }
    Ok(())
}

#[test]
fn every_named_query_runs_over_the_default_data() -> TestResult {
    let store = crate::common::empty_store()?;
    idmgraph::data::load_default_data(&store)?;
    for query in queries::registry()?.queries() {
        let (_, rows) = run(&store, query.name, &[])?;
        // The seed alone answers these; the landscape adds the rest.
        if [
            "jca-contacts",
            "coordination-status",
            "tor-references",
            "people-roles",
            "lead-study-group",
            "topic-allocation",
        ]
        .contains(&query.name)
        {
            assert!(
                !rows.is_empty(),
                "{} finds nothing in the default data",
                query.name
            );
        }
    }
    Ok(())
}

#[test]
fn a_parameter_selects_what_the_query_is_about() -> TestResult {
    let store = fixture_store()?;
    let (_, rows) = run(
        &store,
        "topic-allocation",
        &[("topic", "topic:passwordless")],
    )?;
    let items: Vec<_> = rows.iter().map(|r| r[4].as_str()).collect();
    assert_eq!(
        items,
        ["spec:fido-uaf-1.1", "rec:itut-x1277"],
        "{}",
        show(&rows)
    );
    let (_, rows) = run(&store, "possible-duplication", &[("min", "1")])?;
    assert!(
        rows.len() > 5,
        "min=1 lets single shared topics through: {}",
        show(&rows)
    );
    let (_, rows) = run(
        &store,
        "jca-contacts",
        &[("jca", "<https://w3id.org/idmgraph/id/jca/jca-cop>")],
    )?;
    assert_eq!(show(&rows), "reports to | sg:sg17 | SG17 | ");
    Ok(())
}

const INJECTION: &str = "x\" } ; DROP ALL ; #";

#[test]
fn an_injection_attempt_is_refused_and_changes_nothing() -> TestResult {
    let store = fixture_store()?;
    let before = store.len()?;
    let error = run(&store, "possible-duplication", &[("min", INJECTION)]).unwrap_err();
    assert!(error.to_string().contains("takes an integer"), "{error}");
    let error = run(&store, "topic-allocation", &[("topic", INJECTION)]).unwrap_err();
    assert!(error.to_string().contains("takes an IRI"), "{error}");
    assert_eq!(store.len()?, before, "nothing may change");
    Ok(())
}

#[test]
fn unknown_and_repeated_parameters_and_unknown_queries_are_refused_by_name() -> TestResult {
    let store = fixture_store()?;
    let error = run(&store, "roadmap", &[("year", "2020")]).unwrap_err();
    assert!(
        error.to_string().contains("has no parameter \"year\""),
        "{error}"
    );
    let error = run(
        &store,
        "jca-contacts",
        &[("jca", "jca:jca-idm"), ("jca", "jca:jca-cop")],
    )
    .unwrap_err();
    assert!(error.to_string().contains("more than once"), "{error}");
    assert!(matches!(
        queries::prepare("nope", &[]),
        Err(QueryError::UnknownQuery { .. })
    ));
    Ok(())
}

// --- HTTP ---------------------------------------------------------------------------------

fn fixture_app() -> Result<Router, Box<dyn std::error::Error>> {
    Ok(router(AppState::new(Arc::new(fixture_store()?), config())))
}

#[tokio::test]
async fn the_named_queries_are_listed_with_their_questions_and_parameters() -> TestResult {
    let app = fixture_app()?;
    let reply = send(&app, Request::get("/queries").body(Body::empty())?).await?;
    assert_eq!(reply.status, StatusCode::OK);
    let json = reply.json()?;
    let list = json["queries"].as_array().ok_or("no list")?;
    assert_eq!(list.len(), queries::SOURCES.len());
    let topic = list
        .iter()
        .find(|q| q["name"] == "topic-allocation")
        .ok_or("topic-allocation")?;
    assert!(
        topic["question"]
            .as_str()
            .is_some_and(|q| q.contains("who works on it"))
    );
    assert_eq!(topic["params"][0]["name"], "topic");
    assert_eq!(topic["params"][0]["kind"], "iri");
    assert_eq!(topic["params"][0]["default"], "topic:identity-management");
    Ok(())
}

#[tokio::test]
async fn a_named_query_runs_with_parameters_from_the_url_and_negotiated_results() -> TestResult {
    let app = fixture_app()?;
    let uri = format!(
        "/queries/topic-allocation?topic={}",
        encode("topic:passwordless")
    );
    let reply = send(
        &app,
        Request::get(uri)
            .header("accept", "text/csv")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(reply.content_type().starts_with("text/csv"));
    let text = reply.text();
    assert!(
        text.starts_with("role,who,whoLabel,kind,item,identifier,topics"),
        "{text}"
    );
    assert!(
        text.contains("ITU-T X.1277") && !text.contains("ITU-T X.1252"),
        "{text}"
    );
    let reply = send(&app, Request::get("/queries/roadmap").body(Body::empty())?).await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json()?["results"]["bindings"]
            .as_array()
            .map(Vec::len),
        Some(13)
    );
    Ok(())
}

#[tokio::test]
async fn a_named_query_takes_parameters_from_a_form_or_json_body() -> TestResult {
    let app = fixture_app()?;
    let form = Request::post("/queries/jca-contacts")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/tab-separated-values")
        .body(Body::from(format!("jca={}", encode("jca:jca-cop"))))?;
    let reply = send(&app, form).await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.text().lines().count(), 2, "{}", reply.text());
    let json = Request::post("/queries/possible-duplication")
        .header("content-type", "application/json")
        .body(Body::from(r#"{"min": 1}"#))?;
    let reply = send(&app, json).await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(
        reply.json()?["results"]["bindings"]
            .as_array()
            .is_some_and(|b| b.len() > 5)
    );
    Ok(())
}

#[tokio::test]
async fn an_unknown_named_query_is_404() -> TestResult {
    let app = fixture_app()?;
    let reply = send(&app, Request::get("/queries/nope").body(Body::empty())?).await?;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(
        reply.json()?["detail"]
            .as_str()
            .is_some_and(|d| d.contains("roadmap")),
        "{}",
        reply.text()
    );
    Ok(())
}

#[tokio::test]
async fn a_bad_parameter_is_400_naming_it() -> TestResult {
    let app = fixture_app()?;
    for (uri, says) in [
        ("/queries/roadmap?year=2020".to_owned(), "year"),
        (
            format!("/queries/topic-allocation?topic={}", encode(INJECTION)),
            "takes an IRI",
        ),
    ] {
        let reply = send(&app, Request::get(&uri).body(Body::empty())?).await?;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        let detail = reply.json()?["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(detail.contains(says), "{uri}: {detail}");
    }
    let reply = send(
        &app,
        Request::post("/queries/roadmap")
            .header("content-type", "application/json")
            .body(Body::from("[1]"))?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    Ok(())
}

#[tokio::test]
async fn the_landscape_is_html_by_default_and_csv_or_markdown_on_request() -> TestResult {
    let app = fixture_app()?;
    let reply = send(&app, Request::get("/landscape").body(Body::empty())?).await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type().starts_with("text/html"));
    let page = reply.text();
    // (minijinja escapes "/" too: "ISO&#x2f;IEC 29115:2013".)
    assert!(
        page.contains("<h2 id=\"org-itu-t\">ITU-T</h2>") && page.contains("IEC 29115:2013"),
        "{page}"
    );
    assert!(
        page.find("ITU-T X.1252") < page.find("IEC 24760-1:2019"),
        "ITU-T comes first"
    );
    let reply = send(
        &app,
        Request::get("/landscape?format=csv").body(Body::empty())?,
    )
    .await?;
    assert!(reply.content_type().starts_with("text/csv"));
    assert_eq!(reply.text().lines().count(), 14, "a header and 13 items");
    let reply = send(
        &app,
        Request::get("/landscape")
            .header("accept", "text/markdown")
            .body(Body::empty())?,
    )
    .await?;
    assert!(reply.content_type().starts_with("text/markdown"));
    assert!(
        reply
            .text()
            .contains("\n## ISO/IEC JTC 1\n\n### International Standards\n"),
        "{}",
        reply.text()
    );
    let reply = send(
        &app,
        Request::get("/landscape?format=pdf").body(Body::empty())?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    Ok(())
}

// --- Command line ---------------------------------------------------------------------------

fn loaded_data_dir() -> Result<(tempfile::TempDir, String), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("store").to_str().ok_or("path")?.to_owned();
    let fixture = queries_dir().join("fixture.ttl");
    let (ok, _, stderr) = idmgraph(&[
        "load",
        "--data",
        &data,
        "--graph",
        graph::LANDSCAPE.as_str(),
        fixture.to_str().ok_or("path")?,
    ])?;
    assert!(ok, "{stderr}");
    Ok((dir, data))
}

#[test]
fn query_named_runs_a_named_query_with_parameters_on_the_command_line() -> TestResult {
    let (_dir, data) = loaded_data_dir()?;
    let (ok, stdout, stderr) = idmgraph(&[
        "query",
        "--data",
        &data,
        "--named",
        "topic-allocation",
        "--param",
        "topic=topic:passwordless",
        "--format",
        "csv",
    ])?;
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with("role,who,") && stdout.contains("FIDO UAF 1.1"),
        "{stdout}"
    );
    let (ok, _, stderr) = idmgraph(&["query", "--data", &data, "--named", "nope"])?;
    assert!(!ok && stderr.contains("roadmap"), "{stderr}");
    let (ok, _, stderr) = idmgraph(&[
        "query", "--data", &data, "--named", "roadmap", "--param", "year",
    ])?;
    assert!(!ok && stderr.contains("NAME=VALUE"), "{stderr}");
    let (ok, _, stderr) = idmgraph(&[
        "query",
        "--data",
        &data,
        "--named",
        "roadmap",
        "SELECT * {}",
    ])?;
    assert!(!ok && stderr.contains("cannot be used with"), "{stderr}");
    Ok(())
}

#[test]
fn export_landscape_writes_the_document_in_each_format() -> TestResult {
    let (dir, data) = loaded_data_dir()?;
    let output = dir.path().join("landscape.md");
    let (ok, _, stderr) = idmgraph(&[
        "export",
        "--data",
        &data,
        "landscape",
        "--format",
        "md",
        "--output",
        output.to_str().ok_or("path")?,
    ])?;
    assert!(ok, "{stderr}");
    let text = std::fs::read_to_string(&output)?;
    assert!(
        text.contains("\n## ITU-T\n") && text.contains("| ITU-T X.1252 |"),
        "{text}"
    );
    let (ok, stdout, stderr) = idmgraph(&["export", "--data", &data, "landscape"])?;
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("<!DOCTYPE html>"));
    let (ok, _, stderr) = idmgraph(&["export", "--data", &data, "landscape", "--format", "pdf"])?;
    assert!(!ok && stderr.contains("html, csv or md"), "{stderr}");
    Ok(())
}
