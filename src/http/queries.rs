//! Named queries and the landscape over HTTP.
//!
//! `GET /queries` lists the named queries; `GET|POST /queries/{name}` runs one, its parameters
//! from the URL's query string and, for a POST, a form or JSON object body, its results
//! negotiated and streamed like `/sparql`. `GET /landscape` renders the IdM landscape as HTML,
//! CSV or Markdown (`?format=` or `Accept`).

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::CancellationToken;

use super::negotiate::{Offer, negotiate, results_format};
use super::stream::answer_query;
use super::{AppError, AppState};
use crate::export::{self, ExportError, LandscapeFormat};
use crate::queries::{self, QueryError};
use crate::sparql::{self, Dataset, QueryForm};

impl From<QueryError> for AppError {
    fn from(error: QueryError) -> Self {
        match error {
            QueryError::UnknownQuery { .. } => Self::NotFound(error.to_string()),
            QueryError::UnknownParameter { .. }
            | QueryError::MissingParameter { .. }
            | QueryError::RepeatedParameter { .. }
            | QueryError::NotAnIri { .. }
            | QueryError::NotAnInteger { .. }
            | QueryError::Malformed(_) => Self::BadRequest(error.to_string()),
            QueryError::Header { .. } => Self::Internal(error.to_string()),
            QueryError::Sparql(e) => e.into(),
        }
    }
}

impl From<ExportError> for AppError {
    fn from(error: ExportError) -> Self {
        match error {
            ExportError::Query(e) => e.into(),
            ExportError::Results(e) => e.into(),
            ExportError::NotATable | ExportError::Template(_) => Self::Internal(error.to_string()),
        }
    }
}

/// `GET /queries`: every named query with its title, question and parameters.
pub async fn list() -> Result<Json<serde_json::Value>, AppError> {
    let registry = queries::registry()?;
    Ok(Json(serde_json::json!({ "queries": registry.queries() })))
}

/// `GET /queries/{name}`: runs the query with parameters from the query string.
pub async fn run_get(
    State(state): State<AppState>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    run(state, &name, url_params(raw.as_deref()), &headers).await
}

/// `POST /queries/{name}`: parameters from the query string and a form or JSON object body.
pub async fn run_post(
    State(state): State<AppState>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let mut params = url_params(raw.as_deref());
    if !body.is_empty() {
        params.extend(body_params(&headers, &body)?);
    }
    run(state, &name, params, &headers).await
}

fn url_params(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|raw| {
        form_urlencoded::parse(raw.as_bytes())
            .map(|(n, v)| (n.into_owned(), v.into_owned()))
            .collect()
    })
    .unwrap_or_default()
}

fn body_params(headers: &HeaderMap, body: &[u8]) -> Result<Vec<(String, String)>, AppError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| AppError::BadRequest("a body needs a Content-Type header".to_owned()))?;
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/x-www-form-urlencoded" => {
            std::str::from_utf8(body)
                .map_err(|_| AppError::BadRequest("the form is not valid UTF-8".to_owned()))?;
            Ok(form_urlencoded::parse(body)
                .map(|(n, v)| (n.into_owned(), v.into_owned()))
                .collect())
        }
        "application/json" => {
            let value: serde_json::Value = serde_json::from_slice(body)
                .map_err(|e| AppError::BadRequest(format!("the JSON body is malformed: {e}")))?;
            let serde_json::Value::Object(object) = value else {
                return Err(AppError::BadRequest(
                    "the JSON body must be an object of parameters, e.g. {\"topic\": \"topic:identity-management\"}".to_owned(),
                ));
            };
            object
                .into_iter()
                .map(|(name, value)| match value {
                    serde_json::Value::String(s) => Ok((name, s)),
                    serde_json::Value::Number(n) => Ok((name, n.to_string())),
                    serde_json::Value::Bool(b) => Ok((name, b.to_string())),
                    _ => Err(AppError::BadRequest(format!(
                        "the parameter {name:?} must be a string, number or boolean"
                    ))),
                })
                .collect()
        }
        other => Err(AppError::UnsupportedMediaType(format!(
            "Content-Type {other} is not accepted here: send application/x-www-form-urlencoded or application/json"
        ))),
    }
}

async fn run(
    state: AppState,
    name: &str,
    params: Vec<(String, String)>,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let named = queries::registry()?.get(name)?;
    let query = named.prepare(&params)?;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let format = results_format(accept, QueryForm::of(&query))?;
    answer_query(&state, query, Dataset::default(), format).await
}

const LANDSCAPE_OFFERS: &[Offer<LandscapeFormat>] = &[
    Offer {
        format: LandscapeFormat::Html,
        media_types: &["text/html", "application/xhtml+xml"],
    },
    Offer {
        format: LandscapeFormat::Csv,
        media_types: &["text/csv"],
    },
    Offer {
        format: LandscapeFormat::Markdown,
        media_types: &["text/markdown", "text/plain"],
    },
];

/// `GET /landscape`: the IdM landscape, HTML unless `?format=csv|md` or `Accept` asks otherwise.
pub async fn landscape(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let mut format = None;
    for (name, value) in url_params(raw.as_deref()) {
        match name.as_str() {
            "format" => {
                format = Some(
                    value
                        .parse::<LandscapeFormat>()
                        .map_err(AppError::BadRequest)?,
                )
            }
            other => {
                return Err(AppError::BadRequest(format!(
                    "/landscape takes only the parameter format, not {other:?}"
                )));
            }
        }
    }
    let format = match format {
        Some(format) => format,
        None => negotiate(
            headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()),
            LANDSCAPE_OFFERS,
        )?,
    };
    let text = with_deadline(state.config.query_timeout, {
        let store = state.store.clone();
        let options = state.config.sparql.clone();
        move |token| export::landscape(&store, format, &options, token)
    })
    .await?;
    let mut response = text.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

/// Runs `work` on a blocking thread, cancelling it through its token after `timeout`.
async fn with_deadline<T: Send + 'static>(
    timeout: Duration,
    work: impl FnOnce(CancellationToken) -> Result<T, ExportError> + Send + 'static,
) -> Result<T, AppError> {
    let token = CancellationToken::new();
    let task = tokio::task::spawn_blocking({
        let token = token.clone();
        move || work(token)
    });
    let timer = tokio::spawn({
        let token = token.clone();
        async move {
            tokio::time::sleep(timeout).await;
            token.cancel();
        }
    });
    let outcome = task.await;
    timer.abort();
    match outcome? {
        Ok(value) => Ok(value),
        Err(ExportError::Query(QueryError::Sparql(sparql::SparqlError::Cancelled)))
        | Err(ExportError::Results(sparql::SparqlError::Cancelled)) => {
            Err(AppError::Timeout(timeout.as_secs()))
        }
        Err(error) => Err(error.into()),
    }
}
