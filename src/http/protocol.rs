//! The SPARQL 1.1 Protocol: queries and updates by GET, form POST and direct POST.
//!
//! `/sparql` takes both queries and updates (and answers a service description to a GET with
//! neither), `/query` only queries, `/update` only updates.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use oxigraph::model::NamedNode;

use super::auth::authorize_write;
use super::negotiate::results_format;
use super::service_description::service_description;
use super::stream::answer_query;
use super::{AppError, AppState};
use crate::sparql::{self, Dataset, QueryForm};

/// What a request may carry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Accepts {
    Queries,
    Updates,
    Both,
}

/// The protocol parameters of one request, from the URL and (for form POSTs) the body.
#[derive(Default)]
struct Params {
    query: Vec<String>,
    update: Vec<String>,
    default_graph_uri: Vec<String>,
    named_graph_uri: Vec<String>,
    using_graph_uri: Vec<String>,
    using_named_graph_uri: Vec<String>,
}

impl Params {
    fn extend_from(&mut self, encoded: &[u8]) {
        for (name, value) in form_urlencoded::parse(encoded) {
            let value = value.into_owned();
            match name.as_ref() {
                "query" => self.query.push(value),
                "update" => self.update.push(value),
                "default-graph-uri" => self.default_graph_uri.push(value),
                "named-graph-uri" => self.named_graph_uri.push(value),
                "using-graph-uri" => self.using_graph_uri.push(value),
                "using-named-graph-uri" => self.using_named_graph_uri.push(value),
                _ => {}
            }
        }
    }

    fn from_url(raw: Option<&str>) -> Self {
        let mut params = Self::default();
        if let Some(raw) = raw {
            params.extend_from(raw.as_bytes());
        }
        params
    }

    fn dataset(&self) -> Result<Dataset, AppError> {
        Ok(Dataset {
            default_graphs: iris(&self.default_graph_uri, "default-graph-uri")?,
            named_graphs: iris(&self.named_graph_uri, "named-graph-uri")?,
        })
    }

    fn using(&self) -> Result<Dataset, AppError> {
        Ok(Dataset {
            default_graphs: iris(&self.using_graph_uri, "using-graph-uri")?,
            named_graphs: iris(&self.using_named_graph_uri, "using-named-graph-uri")?,
        })
    }
}

fn iris(values: &[String], parameter: &str) -> Result<Vec<NamedNode>, AppError> {
    values
        .iter()
        .map(|value| {
            NamedNode::new(value.as_str()).map_err(|e| {
                AppError::BadRequest(format!("{parameter}: <{value}> is not an IRI: {e}"))
            })
        })
        .collect()
}

pub async fn sparql_get(
    state: State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    handle_get(state, uri, raw, headers, Accepts::Both).await
}

pub async fn query_get(
    state: State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    handle_get(state, uri, raw, headers, Accepts::Queries).await
}

pub async fn sparql_post(
    state: State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    handle_post(state, uri, raw, headers, body, Accepts::Both).await
}

pub async fn query_post(
    state: State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    handle_post(state, uri, raw, headers, body, Accepts::Queries).await
}

pub async fn update_post(
    state: State<AppState>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    handle_post(state, uri, raw, headers, body, Accepts::Updates).await
}

async fn handle_get(
    State(state): State<AppState>,
    uri: Uri,
    raw: Option<String>,
    headers: HeaderMap,
    accepts: Accepts,
) -> Result<Response, AppError> {
    let params = Params::from_url(raw.as_deref());
    if !params.update.is_empty() {
        return Err(AppError::BadRequest(
            "updates cannot be sent with GET: POST them (form or application/sparql-update)"
                .to_owned(),
        ));
    }
    match params.query.as_slice() {
        [] if accepts == Accepts::Both => service_description(&state, &uri, &headers),
        [] => Err(AppError::BadRequest("missing query parameter".to_owned())),
        [query] => run_query(state, query, &params, &headers, &uri).await,
        _ => Err(AppError::BadRequest(
            "more than one query parameter".to_owned(),
        )),
    }
}

async fn handle_post(
    State(state): State<AppState>,
    uri: Uri,
    raw: Option<String>,
    headers: HeaderMap,
    body: Bytes,
    accepts: Accepts,
) -> Result<Response, AppError> {
    let mut params = Params::from_url(raw.as_deref());
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .ok_or_else(|| AppError::BadRequest("missing Content-Type header".to_owned()))?
        .to_str()
        .map_err(|_| AppError::BadRequest("unreadable Content-Type header".to_owned()))?;
    let media_type: mime::Mime = content_type
        .parse()
        .map_err(|_| AppError::BadRequest(format!("malformed Content-Type: {content_type}")))?;
    if let Some(charset) = media_type.get_param(mime::CHARSET)
        && !charset.as_str().eq_ignore_ascii_case("utf-8")
    {
        return Err(AppError::UnsupportedMediaType(format!(
            "charset {charset} is not supported: send UTF-8"
        )));
    }
    match media_type.essence_str() {
        "application/x-www-form-urlencoded" => {
            utf8(&body)?;
            params.extend_from(&body);
        }
        "application/sparql-query" if accepts != Accepts::Updates => {
            params.query.push(utf8(&body)?.to_owned());
        }
        "application/sparql-update" if accepts != Accepts::Queries => {
            params.update.push(utf8(&body)?.to_owned());
        }
        other => {
            let expected = match accepts {
                Accepts::Queries => "application/sparql-query or application/x-www-form-urlencoded",
                Accepts::Updates => {
                    "application/sparql-update or application/x-www-form-urlencoded"
                }
                Accepts::Both => {
                    "application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"
                }
            };
            return Err(AppError::UnsupportedMediaType(format!(
                "Content-Type {other} is not accepted here: send {expected}"
            )));
        }
    }
    match (params.query.as_slice(), params.update.as_slice()) {
        ([query], []) if accepts != Accepts::Updates => {
            run_query(state, query, &params, &headers, &uri).await
        }
        ([], [update]) if accepts != Accepts::Queries => {
            run_update(state, update, &params, &headers, &uri).await
        }
        ([], []) => Err(AppError::BadRequest(
            "the request carries no query and no update".to_owned(),
        )),
        ([_], []) => Err(AppError::BadRequest(
            "this endpoint takes updates only".to_owned(),
        )),
        ([], [_]) => Err(AppError::BadRequest(
            "this endpoint takes queries only".to_owned(),
        )),
        ([_], [_]) => Err(AppError::BadRequest(
            "a request carries a query or an update, not both".to_owned(),
        )),
        _ => Err(AppError::BadRequest(
            "more than one query or update in one request".to_owned(),
        )),
    }
}

fn utf8(body: &[u8]) -> Result<&str, AppError> {
    std::str::from_utf8(body).map_err(|e| {
        AppError::BadRequest(format!(
            "the request body is not valid UTF-8 (at byte {})",
            e.valid_up_to()
        ))
    })
}

/// The base IRI relative IRIs of a request resolve against: the URL it was sent to.
fn base_iri(headers: &HeaderMap, uri: &Uri) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}{}", uri.path())
}

async fn run_query(
    state: AppState,
    text: &str,
    params: &Params,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<Response, AppError> {
    let dataset = params.dataset()?;
    let query = sparql::parse_query(text, Some(&base_iri(headers, uri)))?;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let format = results_format(accept, QueryForm::of(&query))?;
    answer_query(&state, query, dataset, format).await
}

async fn run_update(
    state: AppState,
    text: &str,
    params: &Params,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<Response, AppError> {
    authorize_write(&state.config, headers)?;
    let using = params.using()?;
    let update = sparql::parse_update(text, Some(&base_iri(headers, uri)))?;
    let store = state.store.clone();
    let options = state.config.sparql.clone();
    tokio::task::spawn_blocking(move || sparql::execute_update(&store, update, &using, &options))
        .await??;
    Ok(StatusCode::NO_CONTENT.into_response())
}
