//! The web front in process: dereferenceable IRIs with content negotiation (HTML, Turtle,
//! JSON-LD… on one URL), 404s, paged lists, search, the neighbourhood JSON, the home page, the
//! query page and its downloads, and the time entity pages take.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use idmgraph::vocab::ID_BASE;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};

use crate::common::{Reply, TOKEN, TestResult, app_with_default_data, encode, send};

const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async fn get(app: &Router, uri: &str, accept: &str) -> Result<Reply, Box<dyn std::error::Error>> {
    send(
        app,
        Request::get(uri)
            .header("accept", accept)
            .body(Body::empty())?,
    )
    .await
}

/// The triples of an RDF document, as N-Triples lines.
fn triples(format: RdfFormat, body: &[u8]) -> Result<BTreeSet<String>, Box<dyn std::error::Error>> {
    Ok(RdfParser::from_format(format)
        .for_slice(body)
        .map(|quad| quad.map(|q| oxigraph::model::Triple::from(q).to_string()))
        .collect::<Result<_, _>>()?)
}

#[tokio::test]
async fn one_entity_url_answers_html_turtle_json_ld_and_rdf_xml() -> TestResult {
    let app = app_with_default_data()?;
    let uri = "/id/rec/itut-x1252";
    let iri = format!("{ID_BASE}rec/itut-x1252");
    let title = "Baseline identity management terms and definitions";

    let html = get(&app, uri, BROWSER).await?;
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.content_type().starts_with("text/html"),
        "{}",
        html.content_type()
    );
    let page = html.text();
    assert!(page.contains("<h1>ITU-T X.1252</h1>"), "{page}");
    assert!(page.contains(title));
    // Links into the entities it names, and provenance of its facts.
    assert!(page.contains("href=\"/id/question/q10-17\""), "{page}");
    assert!(page.contains("landscape") && page.contains("seed"));

    let turtle = get(&app, uri, "text/turtle").await?;
    assert_eq!(turtle.status, StatusCode::OK);
    assert!(turtle.content_type().starts_with("text/turtle"));
    let from_turtle = triples(RdfFormat::Turtle, &turtle.body)?;
    let title_triple = format!("<{iri}> <http://purl.org/dc/terms/title> \"{title}\"");
    assert!(from_turtle.contains(&title_triple), "{from_turtle:?}");
    // Incoming links are part of the description.
    assert!(
        from_turtle
            .iter()
            .any(|t| t.ends_with(&format!("<{iri}>")) && !t.starts_with(&format!("<{iri}>")))
    );

    let json_ld = get(&app, uri, "application/ld+json").await?;
    assert_eq!(json_ld.status, StatusCode::OK);
    assert!(json_ld.content_type().starts_with("application/ld+json"));
    let document = json_ld.json()?;
    assert_eq!(document["id"], iri.as_str());
    assert_eq!(document["title"], title);
    assert!(document["@context"]["developedBy"].is_object());
    let from_json_ld = triples(
        RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        &json_ld.body,
    )?;
    assert_eq!(from_json_ld, from_turtle);

    let rdf_xml = get(&app, uri, "application/rdf+xml").await?;
    assert!(rdf_xml.content_type().starts_with("application/rdf+xml"));
    assert_eq!(triples(RdfFormat::RdfXml, &rdf_xml.body)?, from_turtle);
    let n_triples = get(&app, uri, "application/n-triples").await?;
    assert_eq!(triples(RdfFormat::NTriples, &n_triples.body)?, from_turtle);

    // N-Quads keep the graph of each fact; ?format= overrides Accept.
    let n_quads = get(&app, &format!("{uri}?format=nq"), BROWSER).await?;
    assert!(n_quads.content_type().starts_with("application/n-quads"));
    assert!(n_quads.text().contains(&format!(
        "<{iri}> <http://purl.org/dc/terms/title> \"{title}\" <{ID_BASE}graph/landscape> ."
    )));
    assert_eq!(
        get(&app, &format!("{uri}?format=pdf"), "text/turtle")
            .await?
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get(&app, uri, "image/png").await?.status,
        StatusCode::NOT_ACCEPTABLE
    );
    Ok(())
}

#[tokio::test]
async fn any_iri_resolves_through_resource() -> TestResult {
    let app = app_with_default_data()?;
    let class = "https://w3id.org/idmgraph/ontology#Recommendation";
    let reply = get(&app, &format!("/resource?iri={}", encode(class)), BROWSER).await?;
    assert_eq!(reply.status, StatusCode::OK);
    // A class page lists its instances, linked.
    let page = reply.text();
    assert!(page.contains("instances"), "{page}");
    assert!(page.contains("href=\"/id/rec/itut-x1252\""));
    let same = get(
        &app,
        &format!("/resource?iri={}", encode(&format!("{ID_BASE}sg/sg17"))),
        "text/turtle",
    )
    .await?;
    assert_eq!(
        triples(RdfFormat::Turtle, &same.body)?,
        triples(
            RdfFormat::Turtle,
            &get(&app, "/id/sg/sg17", "text/turtle").await?.body
        )?
    );
    Ok(())
}

#[tokio::test]
async fn an_iri_without_triples_is_404_as_json_or_as_a_page() -> TestResult {
    let app = app_with_default_data()?;
    let json = get(&app, "/id/rec/no-such-thing", "application/ld+json").await?;
    assert_eq!(json.status, StatusCode::NOT_FOUND);
    assert_eq!(json.json()?["error"], "not found");
    let html = get(&app, "/id/rec/no-such-thing", BROWSER).await?;
    assert_eq!(html.status, StatusCode::NOT_FOUND);
    assert!(html.content_type().starts_with("text/html"));
    assert!(html.text().contains("no-such-thing"));
    let missing = get(&app, "/resource", "application/json").await?;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    let not_an_iri = get(&app, "/resource?iri=not%20an%20iri", "application/json").await?;
    assert_eq!(not_an_iri.status, StatusCode::BAD_REQUEST);
    Ok(())
}

/// The labels of the values listed in a page's groups.
fn listed(page: &str, marker: &str) -> Vec<String> {
    page.split(marker)
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn long_lists_are_paged_with_their_counts_and_nothing_is_cut() -> TestResult {
    let app = app_with_default_data()?;
    let mut insert = String::from(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\nINSERT DATA { GRAPH <https://w3id.org/idmgraph/id/graph/landscape> {\n",
    );
    insert.push_str(&format!(
        "<{ID_BASE}topic/paging> rdfs:label \"Paging topic\" .\n"
    ));
    for i in 1..=45 {
        insert.push_str(&format!(
            "<{ID_BASE}doc/paged-{i:02}> rdfs:label \"Paged item {i:02}\" ; dcterms:subject <{ID_BASE}topic/paging> .\n"
        ));
    }
    insert.push_str("} }");
    let update = send(
        &app,
        Request::post("/update")
            .header("content-type", "application/sparql-update")
            .header("authorization", format!("Bearer {TOKEN}"))
            .body(Body::from(insert))?,
    )
    .await?;
    assert_eq!(update.status, StatusCode::NO_CONTENT, "{}", update.text());

    let first = get(&app, "/id/topic/paging", BROWSER).await?.text();
    assert!(first.contains("Showing 1–20 of 45."), "{first}");
    assert!(first.contains("(page 1 of 3)"));
    let subject = encode("http://purl.org/dc/terms/subject");
    let next = format!("/id/topic/paging?dir=in&amp;prop={subject}&amp;page=2");
    assert!(first.contains(&next), "{first}");

    let mut seen = BTreeSet::new();
    for page in 1..=3 {
        let uri = format!("/id/topic/paging?dir=in&prop={subject}&page={page}");
        let reply = get(&app, &uri, BROWSER).await?;
        assert_eq!(reply.status, StatusCode::OK);
        let text = reply.text();
        let items: Vec<String> = listed(&text, "\">Paged item ")
            .into_iter()
            .filter(|i| !i.is_empty())
            .collect();
        let expected = if page == 3 { 5 } else { 20 };
        assert_eq!(items.len(), expected, "page {page}: {items:?}");
        for item in items {
            assert!(seen.insert(item.clone()), "{item} on two pages");
        }
    }
    assert_eq!(seen.len(), 45);
    let beyond = get(
        &app,
        &format!("/id/topic/paging?dir=in&prop={subject}&page=4"),
        BROWSER,
    )
    .await?;
    assert_eq!(beyond.status, StatusCode::NOT_FOUND);
    // Clients asking for data get every link, unpaged.
    let turtle = get(&app, "/id/topic/paging", "text/turtle").await?;
    assert_eq!(triples(RdfFormat::Turtle, &turtle.body)?.len(), 46);
    Ok(())
}

async fn search(app: &Router, text: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let reply = get(
        app,
        &format!("/api/search?limit=8&q={}", encode(text)),
        "application/json",
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let answer = reply.json()?;
    Ok(answer["hits"]
        .as_array()
        .ok_or("no hits array")?
        .iter()
        .map(|hit| {
            hit["iri"]
                .as_str()
                .unwrap_or_default()
                .trim_start_matches(ID_BASE)
                .to_owned()
        })
        .collect())
}

#[tokio::test]
async fn search_finds_identifiers_acronyms_and_topics_as_typed() -> TestResult {
    let app = app_with_default_data()?;
    for (typed, first) in [
        ("X.1252", "rec/itut-x1252"),
        ("SC 27", "wg/jtc1-sc27"),
        ("FIDO", "sdo/fido-alliance"),
        ("Q10/17", "question/q10-17"),
        ("decentralized identity", "topic/decentralized-identity"),
    ] {
        let hits = search(&app, typed).await?;
        assert_eq!(
            hits.first().map(String::as_str),
            Some(first),
            "{typed}: {hits:?}"
        );
    }
    // While being typed, and however punctuated.
    assert!(
        search(&app, "X.125")
            .await?
            .contains(&"rec/itut-x1252".to_owned())
    );
    assert!(
        search(&app, "Q10/1")
            .await?
            .contains(&"question/q10-17".to_owned())
    );
    assert_eq!(
        search(&app, "x1252").await?.first().map(String::as_str),
        Some("rec/itut-x1252")
    );
    // Titles with both words come too.
    let topic = get(
        &app,
        "/api/search?limit=50&q=decentralized%20identity",
        "application/json",
    )
    .await?
    .json()?;
    assert!(topic["total"].as_u64().unwrap_or_default() > 1, "{topic}");
    // Hits link to their pages.
    let hit = &get(&app, "/api/search?q=X.1252", "application/json")
        .await?
        .json()?["hits"][0];
    assert_eq!(hit["href"], "/id/rec/itut-x1252");
    assert_eq!(hit["type"], "Recommendation");
    assert_eq!(
        get(&app, "/api/search", "application/json").await?.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get(&app, "/api/search?q=x&limit=0", "application/json")
            .await?
            .status,
        StatusCode::BAD_REQUEST
    );
    // The results page.
    let page = get(&app, "/search?q=FIDO", BROWSER).await?;
    assert!(page.content_type().starts_with("text/html"));
    assert!(page.text().contains("href=\"/id/sdo/fido-alliance\""));
    Ok(())
}

#[tokio::test]
async fn search_keeps_in_step_with_writes() -> TestResult {
    let app = app_with_default_data()?;
    assert!(search(&app, "X.9999").await?.is_empty());
    let update = send(
        &app,
        Request::post("/update")
            .header("content-type", "application/sparql-update")
            .header("authorization", format!("Bearer {TOKEN}"))
            .body(Body::from(format!(
                "INSERT DATA {{ GRAPH <{ID_BASE}graph/landscape> {{ <{ID_BASE}rec/itut-x9999> <http://www.w3.org/2000/01/rdf-schema#label> \"ITU-T X.9999\" }} }}"
            )))?,
    )
    .await?;
    assert_eq!(update.status, StatusCode::NO_CONTENT);
    assert_eq!(
        search(&app, "X.9999").await?.first().map(String::as_str),
        Some("rec/itut-x9999")
    );
    let delete = send(
        &app,
        Request::post("/update")
            .header("content-type", "application/sparql-update")
            .header("authorization", format!("Bearer {TOKEN}"))
            .body(Body::from(format!(
                "DELETE WHERE {{ GRAPH ?g {{ <{ID_BASE}rec/itut-x9999> ?p ?o }} }}"
            )))?,
    )
    .await?;
    assert_eq!(delete.status, StatusCode::NO_CONTENT);
    assert!(search(&app, "X.9999").await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn the_neighbourhood_json_has_labelled_nodes_and_edges() -> TestResult {
    let app = app_with_default_data()?;
    let root = format!("{ID_BASE}question/q10-17");
    let uri = |extra: &str| format!("/api/neighbourhood?iri={}{extra}", encode(&root));
    let one = get(&app, &uri("&depth=1"), "application/json").await?;
    assert_eq!(one.status, StatusCode::OK, "{}", one.text());
    let one = one.json()?;
    let nodes = one["nodes"].as_array().ok_or("nodes")?;
    let edges = one["edges"].as_array().ok_or("edges")?;
    assert_eq!(nodes[0]["id"], root.as_str());
    assert_eq!(nodes[0]["label"], "Q10/17");
    assert!(nodes.len() > 3 && !edges.is_empty());
    let ids: BTreeSet<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
    for edge in edges {
        assert!(ids.contains(edge["source"].as_str().unwrap_or_default()));
        assert!(ids.contains(edge["target"].as_str().unwrap_or_default()));
        assert!(!edge["label"].as_str().unwrap_or_default().is_empty());
        assert!(edge["source"] == root.as_str() || edge["target"] == root.as_str());
    }
    let x1252 = format!("{ID_BASE}rec/itut-x1252");
    assert!(ids.contains(x1252.as_str()), "{ids:?}");

    let two = get(&app, &uri("&depth=2"), "application/json")
        .await?
        .json()?;
    assert!(two["nodes"].as_array().map_or(0, Vec::len) > nodes.len());

    let filtered = get(
        &app,
        &uri("&relation=idm:responsibleFor"),
        "application/json",
    )
    .await?
    .json()?;
    let filtered_edges = filtered["edges"].as_array().ok_or("edges")?;
    assert!(!filtered_edges.is_empty());
    assert!(
        filtered_edges
            .iter()
            .all(|e| e["relation"] == "https://w3id.org/idmgraph/ontology#responsibleFor")
    );
    assert_eq!(filtered["relations"], one["relations"]);

    assert_eq!(
        get(&app, &uri("&depth=3"), "application/json")
            .await?
            .status,
        StatusCode::BAD_REQUEST
    );
    let unknown = format!(
        "/api/neighbourhood?iri={}",
        encode(&format!("{ID_BASE}rec/nothing"))
    );
    assert_eq!(
        get(&app, &unknown, "application/json").await?.status,
        StatusCode::NOT_FOUND
    );
    Ok(())
}

#[tokio::test]
async fn the_home_page_shows_counts_bodies_and_ways_in() -> TestResult {
    let app = app_with_default_data()?;
    let reply = get(&app, "/", BROWSER).await?;
    assert_eq!(reply.status, StatusCode::OK);
    let page = reply.text();
    for expected in [
        "href=\"/id/sg/sg17\"",
        "href=\"/id/question/q10-17\"",
        "href=\"/id/wg/jtc1-sc27\"",
        "href=\"/id/jca/jca-idm\"",
        "Recommendation",
        "href=\"/landscape\"",
        "href=\"/query-editor?example=roadmap\"",
        "action=\"/search\"",
    ] {
        assert!(
            page.contains(expected),
            "{expected} missing from the home page: {page}"
        );
    }
    // No asset from elsewhere: every script and style sheet is served here.
    assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));
    for asset in [
        "/assets/style.css",
        "/assets/search.js",
        "/assets/picture.js",
        "/assets/editor.js",
        "/assets/vendor/cytoscape.min.js",
        "/assets/vendor/codemirror-sparql.min.js",
    ] {
        let reply = get(&app, asset, "*/*").await?;
        assert_eq!(reply.status, StatusCode::OK, "{asset}");
        assert!(reply.body.len() > 500, "{asset}");
    }
    assert_eq!(
        get(&app, "/assets/nope.js", "*/*").await?.status,
        StatusCode::NOT_FOUND
    );
    Ok(())
}

#[tokio::test]
async fn the_query_page_runs_queries_into_a_linked_table_with_downloads() -> TestResult {
    let app = app_with_default_data()?;
    let example = get(&app, "/query-editor?example=topic-allocation", BROWSER).await?;
    assert_eq!(example.status, StatusCode::OK);
    assert!(
        example.text().contains("VALUES ?topic"),
        "{}",
        example.text()
    );

    let query = "SELECT ?q ?label WHERE { ?q a <https://w3id.org/idmgraph/ontology#Question> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label";
    let run = get(
        &app,
        &format!("/query-editor?query={}", encode(query)),
        BROWSER,
    )
    .await?;
    assert_eq!(run.status, StatusCode::OK);
    let page = run.text();
    assert!(page.contains("id=\"results-table\""), "{page}");
    assert!(page.contains("href=\"/id/question/q10-17\""));
    assert!(page.contains("/query-editor/results?format=csv"));
    assert!(
        !page.contains("format=ttl"),
        "a SELECT query offers table formats only"
    );

    let csv = get(
        &app,
        &format!("/query-editor/results?format=csv&query={}", encode(query)),
        "*/*",
    )
    .await?;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type().starts_with("text/csv"));
    assert!(
        csv.headers["content-disposition"]
            .to_str()?
            .contains("results.csv")
    );
    assert!(csv.text().starts_with("q,label"));
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3";
    let ttl = get(
        &app,
        &format!(
            "/query-editor/results?format=ttl&query={}",
            encode(construct)
        ),
        "*/*",
    )
    .await?;
    assert!(ttl.content_type().starts_with("text/turtle"));
    let wrong = get(
        &app,
        &format!("/query-editor/results?format=ttl&query={}", encode(query)),
        "*/*",
    )
    .await?;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);

    let bad = get(&app, "/query-editor?query=SELEC%20nothing", BROWSER).await?;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("id=\"query-error\""));
    // The protocol endpoint is still the protocol endpoint.
    let protocol = get(
        &app,
        &format!("/query?query={}", encode(query)),
        "application/sparql-results+json",
    )
    .await?;
    assert_eq!(protocol.status, StatusCode::OK);
    assert!(protocol.json()?["results"]["bindings"].is_array());
    Ok(())
}

/// Every entity of the default data as a page: all of them render, and the p99 time stays low.
#[tokio::test]
async fn every_entity_page_renders_and_the_p99_is_printed() -> TestResult {
    let app = app_with_default_data()?;
    let query = format!(
        "SELECT DISTINCT ?e WHERE {{ ?e ?p ?o FILTER(STRSTARTS(STR(?e), \"{ID_BASE}\")) }}"
    );
    let reply = get(
        &app,
        &format!("/query?query={}", encode(&query)),
        "text/tab-separated-values",
    )
    .await?;
    let entities: Vec<String> = reply
        .text()
        .lines()
        .skip(1)
        .filter_map(|l| {
            l.trim()
                .strip_prefix('<')?
                .strip_suffix('>')
                .map(str::to_owned)
        })
        .collect();
    assert!(entities.len() > 300, "{} entities", entities.len());
    // The first request builds the search index; it is not a page time.
    get(&app, "/", BROWSER).await?;
    let mut times: Vec<Duration> = Vec::with_capacity(entities.len());
    for iri in &entities {
        let path = iri.strip_prefix(ID_BASE).ok_or("not an entity")?;
        let started = Instant::now();
        let reply = get(&app, &format!("/id/{path}"), BROWSER).await?;
        times.push(started.elapsed());
        assert_eq!(reply.status, StatusCode::OK, "{iri}");
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    println!(
        "entity pages: {} pages, p50 {:?}, p99 {:?}, max {:?} (in process, this build's profile)",
        times.len(),
        at(0.50),
        at(0.99),
        at(1.0)
    );
    assert!(at(0.99) < Duration::from_secs(2), "p99 {:?}", at(0.99));
    Ok(())
}
