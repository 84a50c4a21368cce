//! The JSON API under `/api`: overlaps and allocation recommendations
//! ([`crate::overlap::service`], the shapes `idmgraph overlaps` and `idmgraph allocate` print
//! with `--format json`), and the OpenAPI document of every `/api` route, generated with utoipa
//! from the handlers' `#[utoipa::path]` attributes (here, and in `ingest`, `browse` and
//! `search_pages` for their routes) and the response types. A test walks the router's `/api`
//! routes and checks each is documented. Errors are JSON `{"error", "detail"}` bodies.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::{AppError, AppState};
use crate::overlap::service::{
    AllocateRequest, AllocationEntry, DEFAULT_MIN_SCORE, DEFAULT_TOP, ItemEntry, OverlapEntry,
    PairEntry, ServiceError, SignalEntry, Topics,
};

/// The OpenAPI document of the JSON API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "idmgraph JSON API",
        description = "The JSON routes of idmgraph, a knowledge graph of identity-management standards: overlap detection and allocation recommendations, document ingest, entity neighbourhoods and search. SPARQL, the Graph Store Protocol and the named queries are described in the README."
    ),
    paths(
        overlaps,
        allocate,
        super::ingest::post,
        super::browse::neighbourhood_api,
        super::search_pages::api,
        openapi_json
    ),
    components(schemas(
        OverlapsResponse,
        OverlapEntry,
        PairEntry,
        ItemEntry,
        SignalEntry,
        AllocateRequest,
        Topics,
        AllocationEntry,
        crate::ingest::liaison::IngestReport,
        crate::ingest::liaison::Link,
        ErrorBody
    )),
    tags(
        (name = "overlaps", description = "Which items duplicate each other, how much, and why"),
        (name = "allocation", description = "Which study group and Question should take a work item"),
        (name = "ingest", description = "Liaison statements and other documents into the graph, with provenance"),
        (name = "browse", description = "Entities, their neighbourhoods, search"),
        (name = "meta", description = "This document")
    )
)]
pub struct ApiDoc;

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The kind of error ("bad request", "not found", …).
    #[schema(example = "not found")]
    pub error: String,
    /// What is wrong, naming the client's mistake.
    pub detail: String,
}

/// An item's candidates (`item=`), or all pairs (`all`).
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum OverlapsResponse {
    /// The item's candidates, best first.
    Item(Vec<OverlapEntry>),
    /// Every pair over the score, best first.
    All(Vec<PairEntry>),
}

/// The routes of the JSON API.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/overlaps", get(overlaps))
        .route("/api/allocate", post(allocate))
        .route("/api/openapi.json", get(openapi_json))
}

impl From<ServiceError> for AppError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::UnknownItem { .. } => Self::NotFound(error.to_string()),
            ServiceError::BadInput(message) => Self::BadRequest(message),
            ServiceError::Store(e) => e.into(),
        }
    }
}

/// What `/api/overlaps` is asked.
#[derive(Debug, PartialEq)]
enum OverlapsQuery {
    Item { item: String, top: usize },
    All { min_score: f64 },
}

/// Reads the query string strictly: unknown or repeated parameters and values that do not
/// parse are refused by name, so a typo is not answered as if it were not there.
fn overlaps_query(raw: Option<&str>) -> Result<OverlapsQuery, AppError> {
    let (mut item, mut top, mut all, mut min_score) = (None, None, None, None);
    let bad = |m: String| AppError::BadRequest(m);
    for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        let repeated = || bad(format!("the parameter {name} is given more than once"));
        match name.as_ref() {
            "item" => {
                if item.replace(value.trim().to_owned()).is_some() {
                    return Err(repeated());
                }
            }
            "top" => {
                let n: usize = value
                    .parse()
                    .map_err(|_| bad(format!("top must be a whole number, not {value:?}")))?;
                if top.replace(n).is_some() {
                    return Err(repeated());
                }
            }
            "all" => {
                let on = match value.as_ref() {
                    "" | "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(bad(format!(
                            "all takes no value, or true/false, not {value:?}"
                        )));
                    }
                };
                if all.replace(on).is_some() {
                    return Err(repeated());
                }
            }
            "min_score" => {
                let s: f64 = value
                    .parse()
                    .map_err(|_| bad(format!("min_score must be a number, not {value:?}")))?;
                if min_score.replace(s).is_some() {
                    return Err(repeated());
                }
            }
            other => {
                return Err(bad(format!(
                    "unknown parameter {other:?}; /api/overlaps takes item and top, or all and min_score"
                )));
            }
        }
    }
    match (item, all.unwrap_or(false)) {
        (Some(_), true) => Err(bad("give item or all, not both".to_owned())),
        (Some(item), false) => {
            if min_score.is_some() {
                return Err(bad("min_score goes with all, not with item".to_owned()));
            }
            if item.is_empty() {
                return Err(bad("item must not be empty".to_owned()));
            }
            Ok(OverlapsQuery::Item {
                item,
                top: top.unwrap_or(DEFAULT_TOP),
            })
        }
        (None, true) => {
            if top.is_some() {
                return Err(bad("top goes with item, not with all".to_owned()));
            }
            Ok(OverlapsQuery::All {
                min_score: min_score.unwrap_or(DEFAULT_MIN_SCORE),
            })
        }
        (None, false) => Err(bad(
            "say which overlaps: item=ID (a CSV id such as itut-x1252, or an IRI), or all"
                .to_owned(),
        )),
    }
}

/// The items overlapping an item, or all overlapping pairs.
///
/// With `item`, the item's best candidates, known equivalences included and flagged. With
/// `all`, every pair scoring at least `min_score`. Computed from the store as it is now.
#[utoipa::path(
    get,
    path = "/api/overlaps",
    tag = "overlaps",
    params(
        ("item" = Option<String>, Query, description = "The item: its CSV id (itut-x1254-2012), its IRI, or kind:slug. Give item or all."),
        ("top" = Option<usize>, Query, description = "How many candidates of the item (at least 1; default 10)."),
        ("all" = Option<bool>, Query, description = "List every pair scoring at least min_score; `all` alone means true."),
        ("min_score" = Option<f64>, Query, description = "With all: the lowest score listed, 0..1 (default 0.3).")
    ),
    responses(
        (status = 200, description = "With item: an array of OverlapEntry; with all: an array of PairEntry. Best first.", body = OverlapsResponse),
        (status = 400, description = "A parameter is missing, unknown, repeated or out of range", body = ErrorBody),
        (status = 404, description = "No item has that id or IRI", body = ErrorBody)
    )
)]
async fn overlaps(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<OverlapsResponse>, AppError> {
    let query = overlaps_query(raw.as_deref())?;
    let (store, cache) = (state.store.clone(), state.engines.clone());
    let response = tokio::task::spawn_blocking(move || -> Result<_, AppError> {
        let engines = cache.get(&store)?;
        Ok(match query {
            OverlapsQuery::Item { item, top } => {
                OverlapsResponse::Item(engines.overlaps(&item, top)?)
            }
            OverlapsQuery::All { min_score } => {
                OverlapsResponse::All(engines.all_pairs(min_score)?)
            }
        })
    })
    .await??;
    Ok(Json(response))
}

/// Study groups and Questions for a proposed work item, best first.
///
/// Each entry names a study group and a Question (or null, for the study group without a named
/// Question), with a score and the reasons: where similar existing work is owned, the study
/// groups' IdM mandates under WTSA-20 Resolution 2, the Questions' titles and scopes, and
/// JCA-IdM's coordination scope.
#[utoipa::path(
    post,
    path = "/api/allocate",
    tag = "allocation",
    request_body(content = AllocateRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Recommendations, best first", body = Vec<AllocationEntry>),
        (status = 400, description = "The body is not JSON, not an allocation request, or has no title", body = ErrorBody),
        (status = 415, description = "The body is not application/json", body = ErrorBody)
    )
)]
async fn allocate(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Vec<AllocationEntry>>, AppError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return Err(AppError::UnsupportedMediaType(format!(
            "send the proposal as Content-Type: application/json, not {:?}",
            content_type
        )));
    }
    let request: AllocateRequest = serde_json::from_slice(&body).map_err(|e| {
        AppError::BadRequest(if e.is_data() {
            format!("the body is not an allocation request ({{\"title\", \"description\", \"topics\"}}): {e}")
        } else {
            format!("the body is not valid JSON: {e}")
        })
    })?;
    let (store, cache) = (state.store.clone(), state.engines.clone());
    let entries = tokio::task::spawn_blocking(move || -> Result<_, AppError> {
        let engines = cache.get(&store)?;
        Ok(engines.allocate(&request)?)
    })
    .await??;
    Ok(Json(entries))
}

/// This document: the OpenAPI description of the JSON API.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object))
)]
async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlaps_query_is_read_strictly() {
        assert_eq!(
            overlaps_query(Some("item=itut-x1252&top=3")).ok(),
            Some(OverlapsQuery::Item {
                item: "itut-x1252".to_owned(),
                top: 3
            })
        );
        assert_eq!(
            overlaps_query(Some("all")).ok(),
            Some(OverlapsQuery::All {
                min_score: DEFAULT_MIN_SCORE
            })
        );
        assert_eq!(
            overlaps_query(Some("all=true&min_score=0.5")).ok(),
            Some(OverlapsQuery::All { min_score: 0.5 })
        );
        for bad in [
            None,
            Some(""),
            Some("item=a&all"),
            Some("item=a&item=b"),
            Some("item=a&top=x"),
            Some("item=a&min_score=0.5"),
            Some("all&top=3"),
            Some("itme=a"),
            Some("all=maybe"),
            Some("item="),
        ] {
            assert!(
                matches!(overlaps_query(bad), Err(AppError::BadRequest(_))),
                "{bad:?}"
            );
        }
    }
}
