//! The SPARQL 1.1 Service Description answered to a GET on `/sparql` without a query.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfSerializer;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::results::QueryResultsFormat;

use super::negotiate::{GRAPH_OFFERS, TABLE_OFFERS, negotiate};
use super::{AppError, AppState};

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

fn sd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SD}{local}"))
}

/// The description of this endpoint, in the format the client accepts.
pub fn service_description(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let format = negotiate(accept, GRAPH_OFFERS)?;
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let endpoint = NamedNode::new(format!("http://{host}{}", uri.path()))
        .map_err(|e| AppError::BadRequest(format!("cannot name this endpoint: {e}")))?;
    let triples = description(state, endpoint);
    let mut serializer = RdfSerializer::from_format(format)
        .with_prefix("sd", SD)
        .map_err(|e| AppError::Internal(e.to_string()))?
        .for_writer(Vec::new());
    for triple in &triples {
        serializer
            .serialize_triple(triple)
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    let body = serializer
        .finish()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut response = Body::from(body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

fn description(state: &AppState, endpoint: NamedNode) -> Vec<Triple> {
    let service = NamedOrBlankNode::from(BlankNode::default());
    let mut triples = Vec::new();
    let mut add = |subject: &NamedOrBlankNode, predicate: NamedNode, object: Term| {
        triples.push(Triple::new(subject.clone(), predicate, object));
    };
    add(&service, rdf::TYPE.into(), sd("Service").into());
    add(&service, sd("endpoint"), endpoint.into());
    add(
        &service,
        sd("supportedLanguage"),
        sd("SPARQL11Query").into(),
    );
    add(
        &service,
        sd("supportedLanguage"),
        sd("SPARQL11Update").into(),
    );
    add(&service, sd("feature"), sd("BasicFederatedQuery").into());
    if state.config.sparql.union_default_graph {
        add(&service, sd("feature"), sd("UnionDefaultGraph").into());
    }
    let formats = TABLE_OFFERS
        .iter()
        .map(|o| iri_of_results(o.format))
        .chain(GRAPH_OFFERS.iter().map(|o| o.format.iri()));
    for format in formats {
        add(
            &service,
            sd("resultFormat"),
            NamedNodeRef::new_unchecked(format).into_owned().into(),
        );
    }
    let dataset = NamedOrBlankNode::from(BlankNode::default());
    add(&service, sd("defaultDataset"), dataset.clone().into());
    add(&dataset, rdf::TYPE.into(), sd("Dataset").into());
    let default_graph = NamedOrBlankNode::from(BlankNode::default());
    add(&dataset, sd("defaultGraph"), default_graph.clone().into());
    add(&default_graph, rdf::TYPE.into(), sd("Graph").into());
    triples
}

fn iri_of_results(format: QueryResultsFormat) -> &'static str {
    format.iri()
}
