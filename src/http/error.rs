//! The one error type of the HTTP layer. Client faults are told apart from server faults in
//! [`AppError::status`]; clients get a JSON body naming their mistake, never internals.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::negotiate::NotAcceptable;
use crate::sparql::SparqlError;
use crate::store::StoreError;

/// An error answered to an HTTP client.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request is malformed or asks for something impossible.
    #[error("{0}")]
    BadRequest(String),
    /// A write without a valid bearer token.
    #[error("{0}")]
    Unauthorized(String),
    /// The resource does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The request body's media type is not one this endpoint reads.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// No format acceptable to the client can carry the answer.
    #[error("{0}")]
    NotAcceptable(String),
    /// A query ran past its time limit and was cancelled.
    #[error("the query ran past its time limit ({0} s) and was cancelled")]
    Timeout(u64),
    /// The SPARQL engine behind a remote backend failed or could not be reached.
    #[error("{0}")]
    BadGateway(String),
    /// Something broke on the server's side.
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    /// The status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
            Self::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::BadGateway(_) => StatusCode::BAD_GATEWAY,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs what the client is not told: the detail of an internal error.
    pub fn log(&self) {
        match self {
            Self::Internal(detail) => tracing::error!(error = %detail, "request failed"),
            Self::BadGateway(detail) => tracing::warn!(error = %detail, "the SPARQL engine failed"),
            _ => {}
        }
    }

    fn title(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "bad request",
            Self::Unauthorized(_) => "unauthorized",
            Self::NotFound(_) => "not found",
            Self::UnsupportedMediaType(_) => "unsupported media type",
            Self::NotAcceptable(_) => "not acceptable",
            Self::Timeout(_) => "query timeout",
            Self::BadGateway(_) => "bad gateway",
            Self::Internal(_) => "internal error",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        self.log();
        let body = serde_json::json!({ "error": self.title(), "detail": self.to_string() });
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<SparqlError> for AppError {
    fn from(error: SparqlError) -> Self {
        match error {
            SparqlError::Syntax(_) | SparqlError::Refused(_) | SparqlError::Evaluation(_) => {
                Self::BadRequest(error.to_string())
            }
            // The caller that knows the limit replaces this with `Timeout(limit)`.
            SparqlError::Cancelled => Self::Timeout(0),
            SparqlError::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Syntax { .. } | StoreError::UnknownFormat(_) => {
                Self::BadRequest(error.to_string())
            }
            StoreError::NotRemote(_) => Self::BadRequest(error.to_string()),
            // The engine refused what idmgraph sent on the client's behalf: the client's query
            // or data is what the engine cannot take, and its message says why.
            StoreError::Remote(ref remote) if remote.is_refusal() => {
                Self::BadRequest(error.to_string())
            }
            StoreError::Remote(_) => Self::BadGateway(error.to_string()),
            StoreError::Locked(_) | StoreError::Io { .. } | StoreError::Storage(_) => {
                Self::Internal(error.to_string())
            }
        }
    }
}

impl From<NotAcceptable> for AppError {
    fn from(error: NotAcceptable) -> Self {
        Self::NotAcceptable(format!(
            "no acceptable format for Accept: {}; this resource is available as {}",
            error.accept,
            error.offered.join(", ")
        ))
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(error: tokio::task::JoinError) -> Self {
        Self::Internal(format!("a blocking task failed: {error}"))
    }
}
