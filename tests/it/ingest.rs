//! `idmgraph extract`, `idmgraph ingest` and `POST /api/ingest`: the extraction of the seed
//! liaison against its golden file, the spans of the Turtle output, ingest into an empty store
//! against the hand-built seed graph, matching the default data, idempotence, auth and bad input.

use std::collections::BTreeSet;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use idmgraph::ingest::liaison::{self, IngestReport};
use idmgraph::store::{GraphStore, Input};
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::common::{TOKEN, TestResult, app_with_default_data, idmgraph, send};

const SEED: &str = include_str!("../extract/seed.txt");
const SEED_GOLDEN: &str = include_str!("../extract/seed.golden.json");
const LS_X1254: &str = include_str!("../extract/ls-sg17-sc27-x1254.txt");

const PREFIXES: &str = "PREFIX idm: <https://w3id.org/idmgraph/ontology#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX foaf: <http://xmlns.com/foaf/0.1/>
    PREFIX oa: <http://www.w3.org/ns/oa#>
    PREFIX prov: <http://www.w3.org/ns/prov#>";

fn file(name: &str) -> Result<String, Box<dyn std::error::Error>> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "extract", name]
        .iter()
        .collect();
    Ok(path.to_str().ok_or("path")?.to_owned())
}

/// The rows of a SELECT, each variable's value as a plain string ("" when unbound).
fn select(store: &Store, query: &str) -> Result<Vec<Vec<String>>, Box<dyn std::error::Error>> {
    // The union of all graphs as the default graph, as the service has it.
    let mut prepared = SparqlEvaluator::new().parse_query(&format!("{PREFIXES}\n{query}"))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute()? else {
        return Err("not a SELECT".into());
    };
    let variables = solutions.variables().to_vec();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(
            variables
                .iter()
                .map(|v| match solution.get(v) {
                    Some(Term::NamedNode(n)) => n.as_str().to_owned(),
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                })
                .collect(),
        );
    }
    Ok(rows)
}

/// A store with only the ontology: what `serve --empty` followed by loading the ontology holds.
fn ontology_only() -> Result<GraphStore, Box<dyn std::error::Error>> {
    let store = crate::common::empty_store()?;
    let ontology = idmgraph::data::ONTOLOGY;
    store.load(
        [Input {
            name: ontology.path.to_owned(),
            format: RdfFormat::Turtle,
            reader: ontology.turtle.as_bytes(),
        }],
        Some(&ontology.graph.into_owned()),
    )?;
    Ok(store)
}

#[test]
fn extract_prints_the_golden_values_of_the_seed_liaison() -> TestResult {
    let (ok, stdout, stderr) = idmgraph(&["extract", &file("seed.txt")?])?;
    assert!(ok, "{stderr}");
    let got: serde_json::Value = serde_json::from_str(&stdout)?;
    let mut golden: serde_json::Value = serde_json::from_str(SEED_GOLDEN)?;
    let mentions = golden
        .as_object_mut()
        .and_then(|o| o.remove("mentions"))
        .ok_or("the golden file has mentions")?;
    assert_eq!(got, golden);
    // Exactly the keys of the issue, in its order.
    let keys = [
        "recommendations",
        "iso_standards",
        "study_groups",
        "questions",
        "organizations",
        "resolutions",
        "coordination_bodies",
        "people",
        "clauses",
    ];
    assert_eq!(got.as_object().map(|o| o.len()), Some(keys.len()));
    let at: Vec<usize> = keys
        .iter()
        .map(|k| stdout.find(&format!("\n  \"{k}\": ")).unwrap_or(usize::MAX))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{stdout}");
    assert_eq!(mentions.as_array().map(Vec::len), Some(72));
    Ok(())
}

#[test]
fn extract_as_turtle_gives_every_mention_its_span_in_the_source() -> TestResult {
    let (ok, stdout, stderr) = idmgraph(&["extract", "--format", "turtle", &file("seed.txt")?])?;
    assert!(ok, "{stderr}");
    let store = Store::new()?;
    store.load_from_reader(RdfFormat::Turtle, stdout.as_bytes())?;
    let rows = select(
        &store,
        "SELECT ?start ?end ?exact ?body WHERE {
           ?a a oa:Annotation ; oa:hasTarget ?t ; prov:wasDerivedFrom ?doc .
           OPTIONAL { ?a oa:hasBody ?body }
           ?t oa:hasSource ?doc ; oa:hasSelector ?p , ?q .
           ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
           ?q a oa:TextQuoteSelector ; oa:exact ?exact .
         }",
    )?;
    let chars: Vec<char> = SEED.chars().collect();
    let mut spans = BTreeSet::new();
    for row in &rows {
        let (start, end): (usize, usize) = (row[0].parse()?, row[1].parse()?);
        let span: String = chars[start..end].iter().collect();
        assert_eq!(span, row[2], "span {start}..{end}");
        assert!(
            !row[3].is_empty(),
            "the mention {span:?} identifies nothing"
        );
        spans.insert((start, end));
    }
    let golden: serde_json::Value = serde_json::from_str(SEED_GOLDEN)?;
    let expected: BTreeSet<(usize, usize)> = golden["mentions"]
        .as_array()
        .ok_or("mentions")?
        .iter()
        .filter_map(|m| Some((m["start"].as_u64()? as usize, m["end"].as_u64()? as usize)))
        .collect();
    assert_eq!(rows.len(), 72);
    assert_eq!(spans, expected);
    Ok(())
}

#[test]
fn binary_and_non_utf8_files_are_refused_with_a_clear_error() -> TestResult {
    let dir = tempfile::tempdir()?;
    for (name, bytes, says) in [
        ("latin1.txt", &b"Caf\xe9 SG17"[..], "not UTF-8"),
        ("program.bin", &b"\x7fELF\x02\x01\x01\0\0\0\0"[..], "binary"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes)?;
        let path = path.to_str().ok_or("path")?;
        for args in [
            vec!["extract", path],
            vec!["extract", "--format", "turtle", path],
        ] {
            let (ok, stdout, stderr) = idmgraph(&args)?;
            assert!(!ok && stdout.is_empty(), "{args:?} succeeded");
            assert!(stderr.contains(says), "{args:?}: {stderr}");
        }
        let data = dir.path().join("store");
        let data = data.to_str().ok_or("path")?;
        let (ok, _, stderr) = idmgraph(&["ingest", "--data", data, path])?;
        assert!(!ok && stderr.contains(says), "{stderr}");
    }
    Ok(())
}

#[test]
fn ingesting_the_same_file_twice_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("store");
    let data = data.to_str().ok_or("path")?;
    let dump = |name: &str| -> Result<String, Box<dyn std::error::Error>> {
        let out = dir.path().join(name);
        let out = out.to_str().ok_or("path")?;
        let (ok, _, stderr) = idmgraph(&["dump", "--data", data, "--canonical", "-o", out])?;
        assert!(ok, "{stderr}");
        Ok(std::fs::read_to_string(out)?)
    };
    let seed = file("seed.txt")?;
    let (ok, first, stderr) = idmgraph(&["ingest", "--data", data, &seed])?;
    assert!(ok, "{stderr}");
    assert!(first.contains("created:"), "{first}");
    let before = dump("before.nq")?;
    let (ok, second, stderr) = idmgraph(&["ingest", "--data", data, &seed, "--json"])?;
    assert!(ok, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&second)?;
    assert_eq!(report["quads_added"], 0, "{second}");
    assert_eq!(report["quads_removed"], 0, "{second}");
    assert_eq!(report["already_ingested"], true, "{second}");
    let after = dump("after.nq")?;
    assert!(before.lines().count() > 500, "the dump holds the document");
    assert!(before == after, "the second ingest changed the store");
    Ok(())
}

/// The entities (of the kinds the extractor reads) that a graph describes, each as its
/// identifier (a person, who has none: its name) and asserted class.
fn described(
    store: &Store,
    graphs: &str,
) -> Result<BTreeSet<(String, String)>, Box<dyn std::error::Error>> {
    let rows = select(
        store,
        &format!(
            "SELECT DISTINCT ?key ?class WHERE {{
               GRAPH ?g {{
                 ?e a ?class .
                 VALUES ?class {{ idm:Recommendation idm:InternationalStandard idm:StudyGroup
                   idm:AdvisoryGroup idm:Question idm:SDO idm:WorkingGroup idm:Resolution
                   idm:JointCoordinationActivity idm:CoordinationBody foaf:Person }}
                 OPTIONAL {{ ?e dcterms:identifier ?id }}
                 OPTIONAL {{ ?e foaf:name ?name }}
               }}
               {graphs}
               BIND(COALESCE(?id, ?name) AS ?key)
             }}"
        ),
    )?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let class = r[1]
                .rsplit(['#', '/'])
                .next()
                .unwrap_or_default()
                .to_owned();
            (r[0].clone(), class)
        })
        .collect())
}

/// The clauses of Recommendations (and of their annexes) a graph describes, each as its IRI,
/// label and the IRI of what it is part of. The seed graph also lays out the sections of the
/// terms of reference the liaison carries (`…/id/doc/jca-idm-tor-revised`): the text's own
/// structure, which it does not mention as a reference, so those are left out.
fn clauses(
    store: &Store,
    graphs: &str,
) -> Result<BTreeSet<[String; 3]>, Box<dyn std::error::Error>> {
    let rows = select(
        store,
        &format!(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             SELECT DISTINCT ?c ?label ?part WHERE {{
               GRAPH ?g {{ ?c a idm:Clause ; rdfs:label ?label ; dcterms:isPartOf ?part }}
               FILTER(!STRSTARTS(STR(?part), \"https://w3id.org/idmgraph/id/doc/\"))
               {graphs}
             }}"
        ),
    )?;
    Ok(rows
        .into_iter()
        .map(|r| [r[0].clone(), r[1].clone(), r[2].clone()])
        .collect())
}

/// The acceptance test of the issue: what the seed liaison mentions, as the hand-built seed
/// graph has it, is what ingest finds in the text, starting from nothing but the ontology.
#[test]
fn the_seed_liaison_ingested_into_an_empty_store_reproduces_the_seed_graph() -> TestResult {
    let hand_built = GraphStore::in_memory()?;
    let seed = idmgraph::data::SEED;
    hand_built.load(
        [Input {
            name: seed.path.to_owned(),
            format: RdfFormat::Turtle,
            reader: seed.turtle.as_bytes(),
        }],
        Some(&seed.graph.into_owned()),
    )?;
    let expected = described(
        hand_built.oxigraph(),
        &format!("FILTER(?g = <{}>)", seed.graph.as_str()),
    )?;

    let store = ontology_only()?;
    let report = liaison::ingest(&store, SEED.as_bytes())?;
    let found = described(
        store.oxigraph(),
        &format!("FILTER(?g = <{}>)", report.graph),
    )?;
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from ingest: {missing:?}\nnot in the seed graph: {extra:?}"
    );
    assert!(expected.len() >= 25, "{expected:?}");
    // The clauses too (not among the classes above): the same IRIs, labels and parents, the
    // clause B.1 part of the Annex B its phrase implies.
    let expected_clauses = clauses(
        hand_built.oxigraph(),
        &format!("FILTER(?g = <{}>)", seed.graph.as_str()),
    )?;
    let found_clauses = clauses(
        store.oxigraph(),
        &format!("FILTER(?g = <{}>)", report.graph),
    )?;
    assert_eq!(found_clauses, expected_clauses);
    assert_eq!(expected_clauses.len(), 7, "{expected_clauses:?}");
    // Into an empty store everything is created; the parents read off names ("ISO/IEC JTC 1"
    // of "ISO/IEC JTC 1/SC 27/WG 5") are implied, not mentioned, and not referenced.
    assert!(
        report.links.matched.is_empty(),
        "{:?}",
        report.links.matched
    );
    let implied: Vec<&str> = report
        .links
        .created
        .iter()
        .filter(|l| l.implied_by.is_some())
        .map(|l| l.value.as_str())
        .collect();
    for parent in ["ISO/IEC JTC 1/SC 27", "ISO/IEC JTC 1", "ISO", "IEC"] {
        assert!(
            implied.contains(&parent),
            "{parent} not implied: {implied:?}"
        );
    }
    let referenced = select(
        store.oxigraph(),
        &format!(
            "SELECT ?e WHERE {{ <{}> dcterms:references ?e . ?e dcterms:identifier \"ISO\" }}",
            report.document
        ),
    )?;
    assert!(referenced.is_empty(), "ISO is implied, not mentioned");
    Ok(())
}

fn ingest_into_default_data(
    text: &str,
) -> Result<(GraphStore, IngestReport), Box<dyn std::error::Error>> {
    let store = crate::common::empty_store()?;
    idmgraph::data::load_default_data(&store)?;
    let report = liaison::ingest(&store, text.as_bytes())?;
    Ok((store, report))
}

fn matched<'r>(report: &'r IngestReport, value: &str) -> Option<&'r str> {
    report
        .links
        .matched
        .iter()
        .find(|l| l.value == value)
        .and_then(|l| l.iri.as_deref())
}

#[test]
fn ingest_into_the_default_data_matches_existing_entities_instead_of_duplicating_them() -> TestResult
{
    let (store, report) = ingest_into_default_data(SEED)?;
    assert!(
        report.links.created.is_empty(),
        "{:?}",
        report.links.created
    );
    assert_eq!(
        matched(&report, "ITU-T X.1252"),
        Some("https://w3id.org/idmgraph/id/rec/itut-x1252")
    );
    assert_eq!(
        matched(&report, "ITU-T A.1, clause 5.1"),
        Some("https://w3id.org/idmgraph/id/clause/itut-a1-5.1")
    );
    assert_eq!(
        matched(&report, "Heung Youl Youm"),
        Some("https://w3id.org/idmgraph/id/person/heung-youl-youm")
    );
    // One entity per identifier, as before the ingest.
    let twice = select(
        store.oxigraph(),
        "SELECT ?id WHERE { ?e dcterms:identifier ?id . ?f dcterms:identifier ?id .
           FILTER(?e != ?f && STRSTARTS(STR(?e), \"https://w3id.org/idmgraph/id/\")
                  && ?id IN (\"ITU-T X.1252\", \"SG17\", \"Q10/17\", \"JCA-IdM\", \"W3C\")) }",
    )?;
    assert!(twice.is_empty(), "duplicated: {twice:?}");

    // A liaison the seed graph knows nothing of: its designations resolve to the landscape's
    // entities, the current edition of X.1254 among them.
    let (_, report) = ingest_into_default_data(LS_X1254)?;
    assert_eq!(
        matched(&report, "ITU-T X.1254"),
        Some("https://w3id.org/idmgraph/id/rec/itut-x1254-2020")
    );
    assert_eq!(
        matched(&report, "ISO/IEC 29115"),
        Some("https://w3id.org/idmgraph/id/std/iso-iec-29115")
    );
    assert_eq!(report.class, "LiaisonStatement");
    assert_eq!(report.date.as_deref(), Some("2025-09-11"));
    assert_eq!(
        report.senders,
        ["https://w3id.org/idmgraph/id/sg/sg17"],
        "{report:?}"
    );
    assert_eq!(
        report.recipients,
        ["https://w3id.org/idmgraph/id/wg/sc27-wg5"],
        "{report:?}"
    );
    Ok(())
}

#[test]
fn every_link_has_its_provenance() -> TestResult {
    let (store, report) = ingest_into_default_data(SEED)?;
    let unexplained = select(
        store.oxigraph(),
        &format!(
            "SELECT ?e WHERE {{
               GRAPH <{graph}> {{ <{doc}> dcterms:references ?e }}
               FILTER NOT EXISTS {{ GRAPH <{graph}> {{
                 ?a oa:hasBody ?e ; prov:wasDerivedFrom <{doc}> ; oa:hasTarget ?t .
                 ?t oa:hasSource <{doc}> ; oa:hasSelector ?s . ?s oa:start ?start ; oa:end ?end .
               }} }}
             }}",
            graph = report.graph,
            doc = report.document
        ),
    )?;
    assert!(unexplained.is_empty(), "{unexplained:?}");
    let links = select(
        store.oxigraph(),
        &format!(
            "SELECT ?e WHERE {{ <{}> dcterms:references ?e }}",
            report.document
        ),
    )?;
    // One link per entity matched: every mention's entity, nothing implied in the default data.
    assert_eq!(links.len(), report.links.matched.len(), "{links:?}");
    assert!(links.len() >= 25, "{links:?}");
    Ok(())
}

fn post(
    body: &'static [u8],
    content_type: &str,
    token: Option<&str>,
) -> Result<Request<Body>, axum::http::Error> {
    let mut request = Request::post("/api/ingest").header(header::CONTENT_TYPE, content_type);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request.body(Body::from(body))
}

#[tokio::test]
async fn post_api_ingest_stores_the_document_once_with_the_token() -> TestResult {
    let app = app_with_default_data()?;
    let seed = SEED.as_bytes();
    let res = send(&app, post(seed, "text/plain; charset=utf-8", Some(TOKEN))?).await?;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let report = res.json()?;
    let document = report["document"].as_str().ok_or("document")?;
    assert_eq!(
        res.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some(document)
    );
    assert_eq!(report["created"].as_array().map(Vec::len), Some(0));
    assert!(
        report["matched"].as_array().is_some_and(|m| m.len() >= 25),
        "{report}"
    );

    let again = send(&app, post(seed, "text/plain", Some(TOKEN))?).await?;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.json()?["quads_added"], 0);

    // The document is in the store, in its own graph.
    let ask = format!("ASK {{ GRAPH ?g {{ <{document}> a ?class }} }}");
    let res = send(
        &app,
        Request::get(format!("/sparql?query={}", crate::common::encode(&ask)))
            .header(header::ACCEPT, "application/sparql-results+json")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(res.json()?["boolean"], true, "{}", res.text());
    Ok(())
}

#[tokio::test]
async fn post_api_ingest_without_the_token_is_401_and_changes_nothing() -> TestResult {
    let app = app_with_default_data()?;
    for token in [None, Some("wrong")] {
        let res = send(&app, post(SEED.as_bytes(), "text/plain", token)?).await?;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.text());
        assert_eq!(res.json()?["error"], "unauthorized");
    }
    let ask = "ASK { GRAPH ?g { ?d a idm:LiaisonStatement } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/idmgraph/id/graph/ingest/\")) }";
    let ask = format!("PREFIX idm: <https://w3id.org/idmgraph/ontology#> {ask}");
    let res = send(
        &app,
        Request::get(format!("/sparql?query={}", crate::common::encode(&ask)))
            .header(header::ACCEPT, "application/sparql-results+json")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(res.json()?["boolean"], false, "{}", res.text());
    Ok(())
}

#[tokio::test]
async fn post_api_ingest_refuses_bad_input_with_a_4xx_naming_the_problem() -> TestResult {
    let app = app_with_default_data()?;
    for (body, content_type, status, says) in [
        (
            &b"Caf\xe9 SG17"[..],
            "text/plain",
            StatusCode::BAD_REQUEST,
            "not UTF-8",
        ),
        (
            &b"\x7fELF\x02\x01\x01\0\0\0"[..],
            "text/plain",
            StatusCode::BAD_REQUEST,
            "binary",
        ),
        (
            &b"  \n\t "[..],
            "text/plain",
            StatusCode::BAD_REQUEST,
            "empty",
        ),
        (
            SEED.as_bytes(),
            "application/pdf",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "text/plain",
        ),
        (
            SEED.as_bytes(),
            "text/plain; charset=latin1",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UTF-8",
        ),
    ] {
        let res = send(&app, post(body, content_type, Some(TOKEN))?).await?;
        assert_eq!(res.status, status, "{content_type}: {}", res.text());
        let detail = res.json()?["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(detail.contains(says), "{detail}");
    }
    Ok(())
}

#[test]
fn documents_name_their_graph_by_their_content() -> TestResult {
    let store = ontology_only()?;
    let a = liaison::ingest(&store, SEED.as_bytes())?;
    let b = liaison::ingest(&store, LS_X1254.as_bytes())?;
    assert_ne!(a.graph, b.graph);
    assert!(NamedNode::new(&a.graph).is_ok() && a.graph.contains("/graph/ingest/"));
    // The second document finds what the first created ("JCA-IdM"), instead of creating it again.
    assert!(
        b.links.matched.iter().any(|l| l.value == "JCA-IdM"),
        "{:?}",
        b.links
    );
    assert!(!b.links.created.iter().any(|l| l.value == "JCA-IdM"));
    Ok(())
}

#[tokio::test]
async fn the_openapi_document_describes_post_api_ingest() -> TestResult {
    let app = app_with_default_data()?;
    let res = send(&app, Request::get("/api/openapi.json").body(Body::empty())?).await?;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let doc = res.json()?;
    let post = &doc["paths"]["/api/ingest"]["post"];
    assert!(
        post["requestBody"]["content"]["text/plain"].is_object(),
        "{post}"
    );
    for status in ["200", "201", "400", "401", "415"] {
        assert!(post["responses"][status].is_object(), "{status}: {post}");
    }
    assert!(doc["components"]["schemas"]["IngestReport"].is_object());
    Ok(())
}
