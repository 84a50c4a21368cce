//! Overlaps and allocation: the `idmgraph overlaps` / `idmgraph allocate` contracts on the real
//! binary, the `/api/overlaps` / `/api/allocate` contracts in process, the overlaps graph, and
//! the OpenAPI document against the router's routes.

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::Value;

use crate::common::{TestResult, app_with_default_data, idmgraph, send};

/// A landscape item and the partner its recorded common text names (relations.csv).
const ITEM: &str = "itut-x1254-2012";
const PARTNER: &str = "iso-iec-29115";

/// A title a JCA-IdM analyst would send to SG17.
const IDM_TITLE: &str = "Framework for identity management and federated identity assurance";

type Error = Box<dyn std::error::Error>;

fn data_dir() -> Result<(tempfile::TempDir, String), Error> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("store");
    let data = data.to_str().ok_or("path")?.to_owned();
    Ok((dir, data))
}

fn array(value: &Value) -> Result<&Vec<Value>, Error> {
    value
        .as_array()
        .ok_or_else(|| format!("not an array: {value}").into())
}

/// The contract of an overlap entry: id, iri, label, score in 0..1, known, reasons.
fn check_overlap_entry(entry: &Value) -> TestResult {
    for key in ["id", "iri", "label"] {
        assert!(entry[key].is_string(), "{key} in {entry}");
    }
    let score = entry["score"].as_f64().ok_or("no score")?;
    assert!((0.0..=1.0).contains(&score), "{entry}");
    assert!(entry["known"].is_boolean(), "{entry}");
    let reasons = array(&entry["reasons"])?;
    assert!(
        !reasons.is_empty() && reasons.iter().all(Value::is_string),
        "{entry}"
    );
    Ok(())
}

fn scores_descend(entries: &[Value]) -> bool {
    entries
        .windows(2)
        .all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64())
}

// ----- the command line -----

#[test]
fn overlaps_of_a_common_text_item_list_its_partner_as_known() -> TestResult {
    let (_dir, data) = data_dir()?;
    let (ok, stdout, stderr) = idmgraph(&[
        "overlaps", "--data", &data, "--item", ITEM, "--top", "5", "--format", "json",
    ])?;
    assert!(ok, "{stderr}");
    assert!(stderr.contains("loaded the default data"), "{stderr}");
    let json: Value = serde_json::from_str(&stdout)?;
    let entries = array(&json)?;
    assert!(!entries.is_empty() && entries.len() <= 5, "{stdout}");
    for entry in entries {
        check_overlap_entry(entry)?;
        assert_ne!(entry["id"], ITEM, "an item does not overlap itself");
    }
    assert!(scores_descend(entries), "{stdout}");
    let partner = entries
        .iter()
        .find(|e| e["id"] == PARTNER)
        .ok_or_else(|| format!("{PARTNER} not among {stdout}"))?;
    assert_eq!(partner["known"], true, "{partner}");
    assert_eq!(partner["known_relation"], "commonText", "{partner}");
    assert_eq!(
        partner["iri"],
        "https://w3id.org/idmgraph/id/std/iso-iec-29115"
    );

    // The table says the same for people; the store is reused, not loaded again.
    let (ok, stdout, stderr) = idmgraph(&["overlaps", "--data", &data, "--item", ITEM])?;
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("loaded the default data"), "{stderr}");
    assert!(
        stdout.starts_with(&format!("overlaps of {ITEM}")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.contains(PARTNER) && l.contains("[known: commonText]")),
        "{stdout}"
    );
    Ok(())
}

#[test]
fn overlaps_all_lists_each_pair_once_over_the_minimum_score() -> TestResult {
    let (_dir, data) = data_dir()?;
    let pairs = |min: &str| -> Result<Vec<Value>, Error> {
        let (ok, stdout, stderr) = idmgraph(&[
            "overlaps",
            "--data",
            &data,
            "--all",
            "--min-score",
            min,
            "--format",
            "json",
        ])?;
        assert!(ok, "{stderr}");
        let json: Value = serde_json::from_str(&stdout)?;
        Ok(array(&json)?.clone())
    };
    let high = pairs("0.5")?;
    let low = pairs("0.3")?;
    assert!(!high.is_empty() && low.len() > high.len());
    let mut seen = BTreeSet::new();
    for pair in &high {
        let (a, b) = (
            pair["a"]["id"].as_str().ok_or("a.id")?,
            pair["b"]["id"].as_str().ok_or("b.id")?,
        );
        assert!(a < b, "a is the smaller id: {pair}");
        assert!(seen.insert((a.to_owned(), b.to_owned())), "twice: {pair}");
        assert!(pair["score"].as_f64().ok_or("score")? >= 0.5, "{pair}");
        assert!(pair["known"].is_boolean() && pair["reasons"].is_array());
    }
    assert!(scores_descend(&high));
    assert!(
        low.iter()
            .any(|p| p["a"]["id"] == PARTNER && p["b"]["id"] == ITEM && p["known"] == true),
        "the recorded common text is among the pairs"
    );
    Ok(())
}

#[test]
fn allocate_ranks_sg17_first_for_an_idm_title() -> TestResult {
    let (_dir, data) = data_dir()?;
    let (ok, stdout, stderr) = idmgraph(&[
        "allocate",
        "--data",
        &data,
        "--title",
        IDM_TITLE,
        "--topics",
        "identity management; federation",
        "--format",
        "json",
    ])?;
    assert!(ok, "{stderr}");
    let json: Value = serde_json::from_str(&stdout)?;
    let entries = array(&json)?;
    assert_eq!(entries[0]["study_group"], "SG17", "{stdout}");
    for entry in entries {
        assert!(entry["study_group"].is_string(), "{entry}");
        assert!(
            entry["question"].is_null() || entry["question"].is_string(),
            "{entry}"
        );
        assert!((0.0..=1.0).contains(&entry["score"].as_f64().ok_or("score")?));
        assert!(!array(&entry["reasons"])?.is_empty());
    }
    assert!(scores_descend(entries), "{stdout}");
    let question = entries
        .iter()
        .find_map(|e| e["question"].as_str())
        .ok_or("no Question recommended")?;
    assert_eq!(question, "Q10/17", "{stdout}");

    let (ok, stdout, stderr) = idmgraph(&["allocate", "--data", &data, "--title", IDM_TITLE])?;
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("SG17") && stdout.contains("  1. "),
        "{stdout}"
    );
    Ok(())
}

#[test]
fn bad_requests_on_the_command_line_fail_with_a_clear_message() -> TestResult {
    let (_dir, data) = data_dir()?;
    let (ok, stdout, stderr) = idmgraph(&["overlaps", "--data", &data, "--item", "x1254"])?;
    assert!(!ok, "{stdout}");
    assert!(
        stderr.contains("no item \"x1254\"") && stderr.contains("itut-x1254-2012"),
        "the message names the item and suggests ids: {stderr}"
    );
    let (ok, _, stderr) = idmgraph(&["overlaps", "--data", &data])?;
    assert!(!ok);
    assert!(stderr.contains("--item"), "{stderr}");
    let (ok, _, stderr) = idmgraph(&["overlaps", "--data", &data, "--all", "--min-score", "1.5"])?;
    assert!(!ok);
    assert!(stderr.contains("between 0 and 1"), "{stderr}");
    let (ok, _, stderr) = idmgraph(&["allocate", "--data", &data, "--title", " "])?;
    assert!(!ok);
    assert!(stderr.contains("title"), "{stderr}");
    Ok(())
}

#[test]
fn the_overlaps_graph_is_queryable_and_recomputed_on_demand_and_on_import() -> TestResult {
    let (_dir, data) = data_dir()?;
    let ask = format!(
        "PREFIX idm: <https://w3id.org/idmgraph/ontology#>
         PREFIX prov: <http://www.w3.org/ns/prov#>
         SELECT ?score ?run WHERE {{
           GRAPH <https://w3id.org/idmgraph/id/graph/overlaps> {{
             ?o a idm:Overlap ;
                idm:overlapOf <https://w3id.org/idmgraph/id/rec/{ITEM}> ,
                              <https://w3id.org/idmgraph/id/std/{PARTNER}> ;
                idm:knownEquivalence true ;
                idm:overlapScore ?score ;
                prov:wasGeneratedBy ?run .
             ?run a idm:OverlapDetection ; idm:minimumScore ?min .
           }}
         }}"
    );
    let rows = |data: &str| -> Result<Vec<String>, Error> {
        let (ok, stdout, stderr) = idmgraph(&["query", "--data", data, &ask])?;
        assert!(ok, "{stderr}");
        Ok(stdout.lines().skip(1).map(str::to_owned).collect())
    };

    // On demand (the empty store first gets the default data, which has its overlaps).
    let (ok, _, stderr) = idmgraph(&[
        "overlaps",
        "--data",
        &data,
        "--materialise",
        "--min-score",
        "0.25",
    ])?;
    assert!(ok, "{stderr}");
    assert!(stderr.contains("overlaps graph:"), "{stderr}");
    let first = rows(&data)?;
    assert_eq!(first.len(), 1, "one node for the pair: {first:?}");
    let (ok, _, stderr) = idmgraph(&["overlaps", "--data", &data, "--materialise"])?;
    assert!(ok, "{stderr}");
    let second = rows(&data)?;
    assert_eq!(
        second.len(),
        1,
        "the second run replaced the first: {second:?}"
    );
    assert_ne!(first[0], second[0], "a new run: {first:?} {second:?}");

    // After an import into a fresh store.
    let (_dir, fresh) = data_dir()?;
    let landscape = |file: &str| format!("{}/data/landscape/{file}", env!("CARGO_MANIFEST_DIR"));
    let (ok, _, stderr) = idmgraph(&[
        "import",
        "--data",
        &fresh,
        "--entities",
        &landscape("entities.csv"),
        "--relations",
        &landscape("relations.csv"),
    ])?;
    assert!(ok, "{stderr}");
    assert!(stderr.contains("overlaps graph recomputed"), "{stderr}");
    assert_eq!(rows(&fresh)?.len(), 1);
    Ok(())
}

// ----- HTTP -----

fn get(uri: &str) -> Result<Request<Body>, Error> {
    Ok(Request::get(uri).body(Body::empty())?)
}

fn post_json(body: &str) -> Result<Request<Body>, Error> {
    Ok(Request::post("/api/allocate")
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))?)
}

/// An error answer: the status, and a JSON body naming the problem.
fn check_error(status: StatusCode, reply: &crate::common::Reply, needle: &str) -> TestResult {
    assert_eq!(reply.status, status, "{}", reply.text());
    let json = reply.json()?;
    assert!(json["error"].is_string(), "{json}");
    let detail = json["detail"].as_str().ok_or("no detail")?;
    assert!(detail.contains(needle), "{needle:?} not in {detail:?}");
    Ok(())
}

#[tokio::test]
async fn get_overlaps_of_an_item_answers_the_contract() -> TestResult {
    let app = app_with_default_data()?;
    let reply = send(&app, get(&format!("/api/overlaps?item={ITEM}&top=3"))?).await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(reply.content_type().starts_with("application/json"));
    let json = reply.json()?;
    let entries = array(&json)?;
    assert!(!entries.is_empty() && entries.len() <= 3);
    for entry in entries {
        check_overlap_entry(entry)?;
    }
    let partner = entries
        .iter()
        .find(|e| e["id"] == PARTNER)
        .ok_or("partner missing")?;
    assert_eq!(partner["known"], true);

    // By IRI too, and the same answer.
    let iri = crate::common::encode(&format!("https://w3id.org/idmgraph/id/rec/{ITEM}"));
    let by_iri = send(&app, get(&format!("/api/overlaps?item={iri}&top=3"))?).await?;
    assert_eq!(by_iri.json()?, json);
    Ok(())
}

#[tokio::test]
async fn get_all_overlaps_lists_pairs_over_the_minimum_score() -> TestResult {
    let app = app_with_default_data()?;
    let reply = send(&app, get("/api/overlaps?all&min_score=0.6")?).await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let json = reply.json()?;
    let pairs = array(&json)?;
    assert!(!pairs.is_empty());
    for pair in pairs {
        assert!(pair["score"].as_f64().ok_or("score")? >= 0.6, "{pair}");
        assert!(pair["a"]["id"].is_string() && pair["b"]["iri"].is_string());
    }
    let more = send(&app, get("/api/overlaps?all=true&min_score=0.3")?).await?;
    assert!(array(&more.json()?)?.len() > pairs.len());
    Ok(())
}

#[tokio::test]
async fn overlaps_errors_are_json_4xx() -> TestResult {
    let app = app_with_default_data()?;
    let reply = send(&app, get("/api/overlaps?item=no-such-item")?).await?;
    check_error(StatusCode::NOT_FOUND, &reply, "no-such-item")?;
    let reply = send(&app, get("/api/overlaps")?).await?;
    check_error(StatusCode::BAD_REQUEST, &reply, "item=")?;
    let reply = send(&app, get("/api/overlaps?item=itut-x1252&top=0")?).await?;
    check_error(StatusCode::BAD_REQUEST, &reply, "top")?;
    let reply = send(&app, get("/api/overlaps?itme=itut-x1252")?).await?;
    check_error(StatusCode::BAD_REQUEST, &reply, "itme")?;
    let reply = send(&app, get("/api/overlaps?all&min_score=2")?).await?;
    check_error(StatusCode::BAD_REQUEST, &reply, "min_score")?;
    Ok(())
}

#[tokio::test]
async fn post_allocate_ranks_sg17_first_for_an_idm_title() -> TestResult {
    let app = app_with_default_data()?;
    let body = serde_json::json!({
        "title": IDM_TITLE,
        "description": "Common framework for identity assurance across federated identity providers",
        "topics": ["identity management", "federation"],
    });
    let reply = send(&app, post_json(&body.to_string())?).await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let json = reply.json()?;
    let entries = array(&json)?;
    assert_eq!(entries[0]["study_group"], "SG17", "{json}");
    assert!(entries.iter().any(|e| e["question"].is_null()));
    for key in ["study_group", "question", "score", "reasons"] {
        assert!(entries[0].get(key).is_some(), "{key}");
    }
    // Topics as one string, as on the command line, give the same answer.
    let text = serde_json::json!({
        "title": IDM_TITLE,
        "description": body["description"],
        "topics": "identity management; federation",
    });
    let same = send(&app, post_json(&text.to_string())?).await?;
    assert_eq!(same.json()?, json);
    Ok(())
}

#[tokio::test]
async fn allocate_errors_are_json_4xx() -> TestResult {
    let app = app_with_default_data()?;
    let reply = send(&app, post_json(r#"{"description": "no title"}"#)?).await?;
    check_error(StatusCode::BAD_REQUEST, &reply, "title")?;
    let reply = send(&app, post_json(r#"{"title": "   "}"#)?).await?;
    check_error(StatusCode::BAD_REQUEST, &reply, "title")?;
    let reply = send(&app, post_json(r#"{"title": "x", "#)?).await?;
    check_error(StatusCode::BAD_REQUEST, &reply, "not valid JSON")?;
    let reply = send(&app, post_json(r#"{"title": "x", "topics": 5}"#)?).await?;
    check_error(StatusCode::BAD_REQUEST, &reply, "not an allocation request")?;
    let reply = send(&app, post_json(r#"{"title": "x", "titel": "y"}"#)?).await?;
    check_error(StatusCode::BAD_REQUEST, &reply, "titel")?;
    let form = Request::post("/api/allocate")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("title=x"))?;
    let reply = send(&app, form).await?;
    check_error(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        &reply,
        "application/json",
    )?;
    let reply = send(&app, get("/api/allocate")?).await?;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    Ok(())
}

// ----- the OpenAPI document -----

/// The document's operations: path → methods (lower case).
async fn documented(app: &axum::Router) -> Result<BTreeMap<String, BTreeSet<String>>, Error> {
    let reply = send(app, get("/api/openapi.json")?).await?;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = reply.json()?;
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")),
        "{doc}"
    );
    let paths = doc["paths"].as_object().ok_or("no paths")?;
    Ok(paths
        .iter()
        .map(|(path, item)| {
            let methods = item
                .as_object()
                .map(|ops| ops.keys().cloned().collect())
                .unwrap_or_default();
            (path.clone(), methods)
        })
        .collect())
}

/// The `/api/…` paths the router serves, read from the router itself: axum prints its route
/// table in `Debug` (there is no other way to list an axum router's routes).
fn api_paths(app: &axum::Router) -> BTreeSet<String> {
    let debug = format!("{app:?}");
    debug
        .split('"')
        .filter(|s| s.starts_with("/api/"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn every_json_api_route_is_in_the_openapi_document() -> TestResult {
    let app = app_with_default_data()?;
    let doc = documented(&app).await?;
    let served = api_paths(&app);
    for expected in ["/api/overlaps", "/api/allocate", "/api/openapi.json"] {
        assert!(
            served.contains(expected),
            "{expected} not found in {served:?}"
        );
    }
    for path in &served {
        let methods = doc
            .get(path)
            .ok_or_else(|| format!("{path} is served but not in the OpenAPI document"))?;
        // Every method the route answers (anything but 405) must be documented.
        let concrete = path.replace(['{', '}'], "");
        for method in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::PATCH,
        ] {
            let request = Request::builder()
                .method(method.clone())
                .uri(&concrete)
                .body(Body::empty())?;
            let reply = send(&app, request).await?;
            let answered = reply.status != StatusCode::METHOD_NOT_ALLOWED;
            assert_eq!(
                answered,
                methods.contains(&method.as_str().to_lowercase()),
                "{method} {path}: {} (documented: {methods:?})",
                reply.status
            );
        }
    }
    // And the document names nothing the router does not serve.
    for path in doc.keys() {
        assert!(served.contains(path), "{path} is documented but not served");
    }
    Ok(())
}

#[tokio::test]
async fn the_openapi_document_describes_the_contract_fields() -> TestResult {
    let app = app_with_default_data()?;
    let reply = send(&app, get("/api/openapi.json")?).await?;
    let doc = reply.json()?;
    let schemas = &doc["components"]["schemas"];
    let required = |name: &str| -> BTreeSet<String> {
        schemas[name]["required"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    for key in ["id", "iri", "label", "score", "known", "reasons"] {
        assert!(required("OverlapEntry").contains(key), "OverlapEntry.{key}");
    }
    for key in ["study_group", "question", "score", "reasons"] {
        assert!(
            required("AllocationEntry").contains(key),
            "AllocationEntry.{key}"
        );
    }
    assert!(required("AllocateRequest").contains("title"));
    assert!(schemas["ErrorBody"]["properties"]["detail"].is_object());
    Ok(())
}
