//! The SPARQL 1.1 Protocol, in process: methods, formats, errors, auth, timeouts.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use idmgraph::http::HttpConfig;

use crate::common::{TOKEN, TestResult, app_with_default_data, config, empty_app, encode, send};

const ASK_JCA: &str = "ASK { ?x ?p <https://w3id.org/idmgraph/id/jca/jca-idm> }";

fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .body(Body::empty())
        .expect("valid request")
}

fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .expect("valid request")
}

fn post_with_token(uri: &str, content_type: &str, body: &'static str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from(body))
        .expect("valid request")
}

#[tokio::test]
async fn a_query_without_accept_gets_sparql_json() -> TestResult {
    let app = app_with_default_data()?;
    let reply = send(&app, get(&format!("/sparql?query={}", encode(ASK_JCA)))).await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.content_type(), "application/sparql-results+json");
    assert_eq!(reply.json()?["boolean"], true);
    Ok(())
}

#[tokio::test]
async fn get_form_post_and_direct_post_give_the_same_answer() -> TestResult {
    let app = app_with_default_data()?;
    let query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let by_get = send(&app, get(&format!("/query?query={}", encode(query)))).await?;
    let by_form = send(
        &app,
        post(
            "/sparql",
            "application/x-www-form-urlencoded",
            format!("query={}", encode(query)),
        ),
    )
    .await?;
    let direct = send(&app, post("/sparql", "application/sparql-query", query)).await?;
    assert_eq!(by_get.status, StatusCode::OK);
    let n = &by_get.json()?["results"]["bindings"][0]["n"]["value"];
    assert!(
        n.as_str()
            .and_then(|n| n.parse::<u64>().ok())
            .is_some_and(|n| n > 100),
        "{n}"
    );
    assert_eq!(by_form.json()?, by_get.json()?);
    assert_eq!(direct.json()?, by_get.json()?);
    Ok(())
}

#[tokio::test]
async fn results_come_in_every_table_format_by_accept() -> TestResult {
    let app = app_with_default_data()?;
    let query = encode("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g");
    for (accept, expected) in [
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
        ),
        ("text/csv", "text/csv; charset=utf-8"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
        ),
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
        ),
        (
            "text/csv;q=0.2, application/sparql-results+xml;q=0.9",
            "application/sparql-results+xml",
        ),
    ] {
        let request = Request::get(format!("/sparql?query={query}"))
            .header(header::ACCEPT, accept)
            .body(Body::empty())?;
        let reply = send(&app, request).await?;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert_eq!(reply.content_type(), expected, "{accept}");
        assert!(
            reply.text().contains("graph/seed"),
            "{accept}: {}",
            reply.text()
        );
    }
    Ok(())
}

#[tokio::test]
async fn construct_comes_in_every_graph_format_by_accept() -> TestResult {
    let app = app_with_default_data()?;
    let query = encode("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5");
    for accept in [
        "text/turtle",
        "application/n-triples",
        "application/n-quads",
        "application/trig",
        "application/rdf+xml",
        "application/ld+json",
    ] {
        let request = Request::get(format!("/sparql?query={query}"))
            .header(header::ACCEPT, accept)
            .body(Body::empty())?;
        let reply = send(&app, request).await?;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert!(
            reply.content_type().starts_with(accept),
            "{accept} → {}",
            reply.content_type()
        );
        assert!(!reply.body.is_empty());
    }
    let reply = send(&app, get(&format!("/sparql?query={query}"))).await?;
    assert_eq!(reply.content_type(), "application/ld+json");
    assert!(reply.json().is_ok());
    Ok(())
}

#[tokio::test]
async fn an_unacceptable_accept_is_406() -> TestResult {
    let app = app_with_default_data()?;
    let request = Request::get(format!("/sparql?query={}", encode(ASK_JCA)))
        .header(header::ACCEPT, "image/png")
        .body(Body::empty())?;
    let reply = send(&app, request).await?;
    assert_eq!(reply.status, StatusCode::NOT_ACCEPTABLE);
    assert!(
        reply.json()?["detail"]
            .as_str()
            .is_some_and(|d| d.contains("image/png"))
    );
    Ok(())
}

#[tokio::test]
async fn bad_requests_get_4xx_with_a_message() -> TestResult {
    let app = app_with_default_data()?;
    let cases = [
        (
            get("/sparql?query=SELEKT%20*"),
            StatusCode::BAD_REQUEST,
            "syntax",
        ),
        (
            get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D"),
            StatusCode::BAD_REQUEST,
            "more than one",
        ),
        (
            get("/sparql?update=CLEAR%20ALL"),
            StatusCode::BAD_REQUEST,
            "GET",
        ),
        (
            post("/sparql", "text/plain", "ASK {}"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "text/plain",
        ),
        (
            Request::post("/sparql").body(Body::from("ASK {}"))?,
            StatusCode::BAD_REQUEST,
            "Content-Type",
        ),
        (
            post(
                "/sparql",
                "application/sparql-query",
                vec![0xff, 0xfe, b'A'],
            ),
            StatusCode::BAD_REQUEST,
            "UTF-8",
        ),
        (
            get("/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri"),
            StatusCode::BAD_REQUEST,
            "default-graph-uri",
        ),
        (
            post("/query", "application/sparql-update", "CLEAR ALL"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "sparql-update",
        ),
        (get("/nowhere"), StatusCode::NOT_FOUND, "/nowhere"),
    ];
    for (request, status, needle) in cases {
        let what = format!("{} {}", request.method(), request.uri());
        let reply = send(&app, request).await?;
        assert_eq!(reply.status, status, "{what}: {}", reply.text());
        let detail = reply.json()?["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(detail.contains(needle), "{what}: {detail}");
    }
    Ok(())
}

#[tokio::test]
async fn a_syntax_error_names_line_and_column() -> TestResult {
    let app = app_with_default_data()?;
    let reply = send(
        &app,
        post(
            "/sparql",
            "application/sparql-query",
            "SELECT *\nWHERE { ?s ?p }",
        ),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let detail = reply.json()?["detail"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(detail.contains("2:"), "{detail}");
    Ok(())
}

#[tokio::test]
async fn update_without_token_is_rejected_and_changes_nothing() -> TestResult {
    let app = app_with_default_data()?;
    let insert = "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }";
    let check = encode("ASK { <http://e/s> <http://e/p> <http://e/o> }");
    let reply = send(&app, post("/sparql", "application/sparql-update", insert)).await?;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        reply
            .headers
            .get(header::WWW_AUTHENTICATE)
            .map(|v| v.as_bytes()),
        Some(&b"Bearer"[..])
    );
    let wrong = Request::post("/update")
        .header(header::CONTENT_TYPE, "application/sparql-update")
        .header(header::AUTHORIZATION, "Bearer nope")
        .body(Body::from(insert))?;
    assert_eq!(send(&app, wrong).await?.status, StatusCode::UNAUTHORIZED);
    let reply = send(&app, get(&format!("/sparql?query={check}"))).await?;
    assert_eq!(reply.json()?["boolean"], false);

    let reply = send(
        &app,
        post_with_token("/update", "application/sparql-update", insert),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    let reply = send(&app, get(&format!("/sparql?query={check}"))).await?;
    assert_eq!(reply.json()?["boolean"], true);
    Ok(())
}

#[tokio::test]
async fn without_a_configured_token_the_service_is_read_only() -> TestResult {
    let app = empty_app(HttpConfig::default())?;
    let reply = send(
        &app,
        post("/sparql", "application/sparql-update", "CLEAR ALL"),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.text().contains("read-only"));
    Ok(())
}

#[tokio::test]
async fn open_writes_take_updates_without_a_token() -> TestResult {
    let app = empty_app(HttpConfig {
        open_writes: true,
        ..HttpConfig::default()
    })?;
    let reply = send(
        &app,
        post(
            "/sparql",
            "application/x-www-form-urlencoded",
            format!(
                "update={}",
                encode("INSERT DATA { <http://e/s> <http://e/p> 1 }")
            ),
        ),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    Ok(())
}

#[tokio::test]
async fn a_remote_load_is_refused() -> TestResult {
    let app = app_with_default_data()?;
    let reply = send(
        &app,
        post_with_token(
            "/update",
            "application/sparql-update",
            "LOAD <http://example.org/x.ttl>",
        ),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.text().contains("remote"), "{}", reply.text());
    Ok(())
}

#[tokio::test]
async fn a_runaway_query_is_cancelled_at_the_timeout() -> TestResult {
    let store = idmgraph::store::GraphStore::in_memory()?;
    idmgraph::data::load_default_data(&store)?;
    let app = idmgraph::http::router(idmgraph::http::AppState::new(
        std::sync::Arc::new(store),
        HttpConfig {
            query_timeout: std::time::Duration::from_millis(500),
            ..config()
        },
    ));
    // A three-way cross product of the store (~10^10 rows) that only ends in an aggregate.
    let heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = std::time::Instant::now();
    let reply = send(&app, post("/sparql", "application/sparql-query", heavy)).await?;
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        reply.text()
    );
    assert!(reply.text().contains("time limit"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    // Other requests are still served.
    let reply = send(&app, get(&format!("/sparql?query={}", encode(ASK_JCA)))).await?;
    assert_eq!(reply.status, StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn the_service_description_answers_a_get_without_query() -> TestResult {
    let app = app_with_default_data()?;
    let request = Request::get("/sparql")
        .header(header::ACCEPT, "text/turtle")
        .header(header::HOST, "example.org")
        .body(Body::empty())?;
    let reply = send(&app, request).await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type(), "text/turtle");
    let text = reply.text();
    assert!(text.contains("sd:Service"), "{text}");
    assert!(text.contains("<http://example.org/sparql>"), "{text}");
    assert!(text.contains("sd:SPARQL11Update"), "{text}");
    Ok(())
}

#[tokio::test]
async fn health_reports_the_store_size() -> TestResult {
    let app = app_with_default_data()?;
    let reply = send(&app, get("/health")).await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.json()?["quads"].as_u64().is_some_and(|n| n > 100));
    Ok(())
}

#[tokio::test]
async fn an_oversized_body_is_413() -> TestResult {
    let app = empty_app(HttpConfig {
        body_limit: 1024,
        ..config()
    })?;
    let big = format!("ASK {{ {} }}", "?s ?p ?o . ".repeat(200));
    let reply = send(&app, post("/sparql", "application/sparql-query", big)).await?;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    Ok(())
}

#[tokio::test]
async fn cors_is_answered_for_configured_origins() -> TestResult {
    let app = empty_app(HttpConfig {
        cors_origins: vec!["https://analyst.example".to_owned()],
        ..config()
    })?;
    let request = Request::get("/sparql?query=ASK%7B%7D")
        .header(header::ORIGIN, "https://analyst.example")
        .body(Body::empty())?;
    let reply = send(&app, request).await?;
    assert_eq!(
        reply
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .map(|v| v.as_bytes()),
        Some(&b"https://analyst.example"[..])
    );
    Ok(())
}
