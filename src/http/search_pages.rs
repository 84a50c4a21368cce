//! Search over HTTP: `GET /api/search?q=…&limit=N` (JSON, for the autocomplete and for
//! programs) and `GET /search?q=…` (the results page). Both read the index of
//! [`crate::search`], which follows the store's version.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::web::{error_page, href, render, wants_html};
use super::{AppError, AppState};
use crate::search::{Hit, MAX_LIMIT, Results};

/// Hits returned when no `limit` is given.
const DEFAULT_LIMIT: usize = 10;

/// A hit with the link to its page.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HitView {
    /// The hit.
    #[serde(flatten)]
    pub hit: Hit,
    /// Its page on this service.
    pub href: String,
}

/// The answer of `/api/search`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchAnswer {
    /// The query as received.
    pub query: String,
    /// How many resources match in all.
    pub total: usize,
    /// The best matches, best first.
    pub hits: Vec<HitView>,
}

impl From<Results> for SearchAnswer {
    fn from(results: Results) -> Self {
        Self {
            query: results.query,
            total: results.total,
            hits: results
                .hits
                .into_iter()
                .map(|hit| HitView {
                    href: href(&hit.iri),
                    hit,
                })
                .collect(),
        }
    }
}

fn params(raw: Option<&str>) -> Result<(Option<String>, usize), AppError> {
    let mut query = None;
    let mut limit = DEFAULT_LIMIT;
    for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match name.as_ref() {
            "q" => query = Some(value.into_owned()),
            "limit" => {
                limit = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_LIMIT).contains(n))
                    .ok_or_else(|| {
                        AppError::BadRequest(format!(
                            "limit must be a number from 1 to {MAX_LIMIT}, not {value:?}"
                        ))
                    })?;
            }
            other => {
                return Err(AppError::BadRequest(format!(
                    "unknown parameter {other:?}: use q and limit"
                )));
            }
        }
    }
    Ok((query, limit))
}

async fn run(state: &AppState, query: String, limit: usize) -> Result<SearchAnswer, AppError> {
    let store = state.store.clone();
    let search = state.search.clone();
    let results = tokio::task::spawn_blocking(move || {
        search
            .snapshot(&store)
            .and_then(|snapshot| snapshot.search(&query, limit))
            .map_err(|e| AppError::Internal(e.to_string()))
    })
    .await??;
    Ok(results.into())
}

/// `GET /api/search?q=…&limit=N`: the best matches for `q` as JSON.
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "browse",
    params(
        ("q" = String, Query, description = "What to search for."),
        ("limit" = Option<usize>, Query, description = "Most results (default 10).")
    ),
    responses(
        (status = 200, description = "The best matches, best first, with how many match in all", body = SearchAnswer),
        (status = 400, description = "q is missing, or a parameter is unknown or out of range", body = super::ErrorBody)
    )
)]
pub async fn api(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchAnswer>, AppError> {
    let (query, limit) = params(raw.as_deref())?;
    let query = query.ok_or_else(|| AppError::BadRequest("missing parameter q".to_owned()))?;
    Ok(Json(run(&state, query, limit).await?))
}

/// `GET /search?q=…`: the results page (JSON for clients that ask for it).
pub async fn page(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let html = wants_html(&headers);
    let result = async {
        let (query, _) = params(raw.as_deref())?;
        let query = query.unwrap_or_default();
        let answer = if query.trim().is_empty() {
            None
        } else {
            Some(run(&state, query.clone(), MAX_LIMIT).await?)
        };
        if !html {
            return Ok(Json(answer).into_response());
        }
        let (total, hits) = answer.map_or((0, Vec::new()), |a| (a.total, a.hits));
        render(
            "search.html",
            minijinja::context! { query => query.trim(), total => total, hits => hits },
        )
    }
    .await;
    match result {
        Ok(response) => response,
        Err(error) if html => error_page(error),
        Err(error) => error.into_response(),
    }
}
