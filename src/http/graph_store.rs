//! The SPARQL 1.1 Graph Store HTTP Protocol at `/store`.
//!
//! A graph is named indirectly (`/store?default`, `/store?graph=IRI`) or directly (the request
//! URL under `/store/` is the graph IRI). `GET /store` with neither returns the whole dataset;
//! `POST /store` with neither creates a new graph and answers its IRI in `Location`. Writes need
//! the bearer token.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode, Quad};

use super::auth::authorize_write;
use super::negotiate::{GRAPH_OFFERS, Offer, negotiate};
use super::{AppError, AppState};
use crate::store::{self, Input, StoreError};

/// Which graph a request addresses.
enum Target {
    /// The whole dataset (no graph named).
    Dataset,
    /// One graph.
    Graph(GraphName),
}

fn target(uri: &Uri, headers: &HeaderMap, raw: Option<&str>) -> Result<Target, AppError> {
    let mut default = false;
    let mut graphs = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match name.as_ref() {
            "default" => default = true,
            "graph" => graphs.push(value.into_owned()),
            _ => {}
        }
    }
    if uri.path().starts_with("/store/") {
        if default || !graphs.is_empty() {
            return Err(AppError::BadRequest(
                "a graph named by its URL takes no ?default or ?graph parameter".to_owned(),
            ));
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .ok_or_else(|| {
                AppError::BadRequest("a directly named graph needs a Host header".to_owned())
            })?;
        let iri = format!("http://{host}{}", uri.path());
        return NamedNode::new(&iri)
            .map(|n| Target::Graph(GraphName::NamedNode(n)))
            .map_err(|e| AppError::BadRequest(format!("<{iri}> is not an IRI: {e}")));
    }
    match (default, graphs.as_slice()) {
        (false, []) => Ok(Target::Dataset),
        (true, []) => Ok(Target::Graph(GraphName::DefaultGraph)),
        (false, [graph]) => NamedNode::new(graph.as_str())
            .map(|n| Target::Graph(GraphName::NamedNode(n)))
            .map_err(|e| AppError::BadRequest(format!("graph: <{graph}> is not an IRI: {e}"))),
        _ => Err(AppError::BadRequest(
            "name one graph: either ?default or a single ?graph=IRI".to_owned(),
        )),
    }
}

const DATASET_OFFERS: &[Offer<RdfFormat>] = &[
    Offer {
        format: RdfFormat::TriG,
        media_types: &["application/trig"],
    },
    Offer {
        format: RdfFormat::NQuads,
        media_types: &["application/n-quads", "text/x-nquads"],
    },
];

pub async fn get(
    state: State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    read(state, uri, raw, headers, true).await
}

pub async fn head(
    state: State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    read(state, uri, raw, headers, false).await
}

async fn read(
    State(state): State<AppState>,
    uri: Uri,
    raw: Option<String>,
    headers: HeaderMap,
    with_body: bool,
) -> Result<Response, AppError> {
    let target = target(&uri, &headers, raw.as_deref())?;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let format = match &target {
        Target::Dataset => negotiate(accept, DATASET_OFFERS)?,
        Target::Graph(_) => negotiate(accept, GRAPH_OFFERS)?,
    };
    let store = state.store.clone();
    let body = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, AppError> {
        let mut body = Vec::new();
        match target {
            Target::Dataset => store.dump(format, &mut body),
            Target::Graph(graph) => {
                if !store.contains_graph(&graph)? {
                    return Err(AppError::NotFound(format!("there is no graph {graph}")));
                }
                store.dump_graph(graph.as_ref(), format, &mut body)
            }
        }
        .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(body)
    })
    .await??;
    let mut response = if with_body {
        Body::from(body).into_response()
    } else {
        let length = body.len();
        let mut response = Body::empty().into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        response
    };
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

pub async fn put(
    State(state): State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    request: Request,
) -> Result<Response, AppError> {
    authorize_write(&state.config, request.headers())?;
    let Target::Graph(graph) = target(&uri, request.headers(), raw.as_deref())? else {
        return Err(AppError::BadRequest(
            "PUT replaces one graph: name it with ?default or ?graph=IRI".to_owned(),
        ));
    };
    let documents = documents(request).await?;
    let store = state.store.clone();
    let created = tokio::task::spawn_blocking(move || {
        let quads = parse_documents(&documents, &graph)?;
        store.write(|transaction| {
            let existed = graph_exists(transaction, &graph)?;
            store::drop_graph(transaction, &graph)?;
            insert_quads(transaction, &graph, &quads);
            Ok::<_, StoreError>(!existed)
        })
    })
    .await??;
    Ok(write_status(created))
}

pub async fn post(
    State(state): State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    request: Request,
) -> Result<Response, AppError> {
    authorize_write(&state.config, request.headers())?;
    let target = target(&uri, request.headers(), raw.as_deref())?;
    // A POST to the graph store itself creates a new graph and says where it is.
    let (graph, location) = match target {
        Target::Graph(graph) => (graph, None),
        Target::Dataset => {
            let host = request
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            let id = oxigraph::model::BlankNode::default();
            let iri = format!("http://{host}/store/{}", id.as_str());
            let graph = NamedNode::new(&iri)
                .map_err(|e| AppError::BadRequest(format!("cannot name a new graph: {e}")))?;
            (GraphName::NamedNode(graph), Some(iri))
        }
    };
    let documents = documents(request).await?;
    let store = state.store.clone();
    let created = tokio::task::spawn_blocking(move || {
        // A write that only inserts quads in hand lets the closure follow them.
        let quads = parse_documents(&documents, &graph)?;
        store.write_inserting(&quads, |transaction| {
            let existed = graph_exists(transaction, &graph)?;
            insert_quads(transaction, &graph, &quads);
            Ok::<_, StoreError>(!existed)
        })
    })
    .await??;
    let mut response = write_status(created);
    if let Some(location) = location {
        let value =
            HeaderValue::from_str(&location).map_err(|e| AppError::Internal(e.to_string()))?;
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

pub async fn delete(
    State(state): State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    authorize_write(&state.config, &headers)?;
    let Target::Graph(graph) = target(&uri, &headers, raw.as_deref())? else {
        return Err(AppError::BadRequest(
            "DELETE removes one graph: name it with ?default or ?graph=IRI".to_owned(),
        ));
    };
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || {
        store.write(|transaction| {
            if !graph_exists(transaction, &graph)? {
                return Err(AppError::NotFound(format!("there is no graph {graph}")));
            }
            store::drop_graph(transaction, &graph)?;
            Ok(())
        })
    })
    .await??;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn write_status(created: bool) -> Response {
    if created {
        StatusCode::CREATED.into_response()
    } else {
        StatusCode::NO_CONTENT.into_response()
    }
}

fn graph_exists(
    transaction: &oxigraph::store::Transaction<'_>,
    graph: &GraphName,
) -> Result<bool, StoreError> {
    Ok(match graph {
        GraphName::DefaultGraph => true,
        GraphName::NamedNode(n) => transaction.contains_named_graph(n)?,
        GraphName::BlankNode(b) => transaction.contains_named_graph(b)?,
    })
}

/// The quads of `documents`, all in `graph`; parsed before the write starts.
fn parse_documents(documents: &[Document], graph: &GraphName) -> Result<Vec<Quad>, StoreError> {
    let mut quads = Vec::new();
    for document in documents {
        quads.extend(store::parse(document.input(), Some(graph.as_ref()))?);
    }
    Ok(quads)
}

/// Inserts `quads` into `graph`, which exists afterwards even when they are none.
fn insert_quads(
    transaction: &mut oxigraph::store::Transaction<'_>,
    graph: &GraphName,
    quads: &[Quad],
) {
    if let GraphName::NamedNode(name) = graph {
        transaction.insert_named_graph(name);
    }
    transaction.extend(quads);
}

/// One RDF document of a request body.
struct Document {
    name: String,
    format: RdfFormat,
    bytes: Bytes,
}

impl Document {
    fn input(&self) -> Input<&[u8]> {
        Input {
            name: self.name.clone(),
            format: self.format,
            reader: &self.bytes,
        }
    }
}

/// The request's RDF documents: its body, or each part of a `multipart/form-data` body.
async fn documents(request: Request) -> Result<Vec<Document>, AppError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let Some(content_type) = content_type else {
        let bytes = Bytes::from_request(request, &())
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        if bytes.is_empty() {
            return Ok(Vec::new());
        }
        return Err(AppError::BadRequest(
            "missing Content-Type header".to_owned(),
        ));
    };
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        let mut documents = Vec::new();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?
        {
            let name = field
                .file_name()
                .or(field.name())
                .unwrap_or("multipart part")
                .to_owned();
            let format = field
                .content_type()
                .and_then(RdfFormat::from_media_type)
                .or_else(|| {
                    std::path::Path::new(&name)
                        .extension()
                        .and_then(|e| e.to_str())
                        .and_then(RdfFormat::from_extension)
                })
                .ok_or_else(|| {
                    AppError::UnsupportedMediaType(format!(
                        "{name}: no RDF media type for this part"
                    ))
                })?;
            let bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::BadRequest(e.body_text()))?;
            documents.push(Document {
                name,
                format,
                bytes,
            });
        }
        return Ok(documents);
    }
    let format = RdfFormat::from_media_type(&content_type).ok_or_else(|| {
        AppError::UnsupportedMediaType(format!(
            "Content-Type {content_type} is not an RDF format this store reads \
             (text/turtle, application/n-triples, application/n-quads, application/trig, \
             application/rdf+xml, application/ld+json)"
        ))
    })?;
    let bytes = Bytes::from_request(request, &())
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?;
    Ok(vec![Document {
        name: "request body".to_owned(),
        format,
        bytes,
    }])
}
