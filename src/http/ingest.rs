//! `POST /api/ingest`: a plain-text document (liaison statement, meeting report, terms of
//! reference) into the graph, as `idmgraph ingest` does ([`crate::ingest::liaison`]). A write:
//! it needs the bearer token. The answer is the ingest report as JSON, `201 Created` with the
//! document's IRI in `Location` the first time, `200 OK` when the text was already ingested
//! (which changes nothing).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::api::ErrorBody;
use super::auth::authorize_write;
use super::{AppError, AppState};
use crate::ingest::liaison::{self, IngestError, IngestReport};

impl From<IngestError> for AppError {
    fn from(error: IngestError) -> Self {
        match error {
            IngestError::Input(_) | IngestError::Empty => Self::BadRequest(error.to_string()),
            IngestError::Store(e) => e.into(),
        }
    }
}

/// Only `text/plain`, in UTF-8 (the default charset of the body is checked by ingest itself).
fn check_media_type(headers: &HeaderMap) -> Result<(), AppError> {
    let given = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mime: Option<mime::Mime> = given.parse().ok();
    let plain = mime
        .as_ref()
        .is_some_and(|m| m.essence_str() == mime::TEXT_PLAIN.essence_str());
    let charset_ok = mime
        .as_ref()
        .and_then(|m| m.get_param(mime::CHARSET))
        .is_none_or(|c| c == mime::UTF_8 || c.as_str().eq_ignore_ascii_case("us-ascii"));
    if plain && charset_ok {
        Ok(())
    } else {
        Err(AppError::UnsupportedMediaType(format!(
            "POST /api/ingest takes the document as text/plain in UTF-8, not {:?}",
            if given.is_empty() {
                "(no Content-Type)"
            } else {
                given
            }
        )))
    }
}

/// Ingests a plain-text document: liaison statement, meeting report, terms of reference.
///
/// Stores it as a document node in a named graph of its own (named by the SHA-256 of the text),
/// linked to every entity it mentions — the store's when one matches, else a new one — each link
/// with its provenance (a Web Annotation selecting the characters of the mention). Needs
/// `Authorization: Bearer <token>`. Posting the same text again changes nothing.
#[utoipa::path(
    post,
    path = "/api/ingest",
    tag = "ingest",
    request_body(content = String, content_type = "text/plain", description = "The document, as UTF-8 text"),
    responses(
        (status = 201, description = "Ingested; Location names the document node", body = IngestReport),
        (status = 200, description = "The same text was ingested before: nothing changed", body = IngestReport),
        (status = 400, description = "The body is not UTF-8, looks binary, or is empty", body = ErrorBody),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 415, description = "The body is not text/plain in UTF-8", body = ErrorBody)
    )
)]
pub async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    authorize_write(&state.config, &headers)?;
    check_media_type(&headers)?;
    let store = state.store.clone();
    let report = tokio::task::spawn_blocking(move || liaison::ingest(&store, &body)).await??;
    let status = if report.already_ingested {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let mut response = (status, Json(&report)).into_response();
    if status == StatusCode::CREATED
        && let Ok(location) = HeaderValue::from_str(&report.document)
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}
