//! The HTTP service: SPARQL 1.1 Protocol, Graph Store Protocol, service description, health,
//! named queries and the landscape export; the JSON API under `/api` (overlaps, allocation,
//! its OpenAPI document).
//!
//! [`router`] builds the whole application over an [`AppState`]; `idmgraph serve` binds it to a
//! socket and tests call it directly with `tower::ServiceExt::oneshot`.

mod api;
mod auth;
mod browse;
mod cache;
mod entity_page;
mod error;
mod graph_store;
mod ingest;
mod metrics;
mod negotiate;
mod protocol;
mod queries;
mod query_editor;
mod search_pages;
mod service_description;
mod stream;
mod web;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, Method, header};
use axum::routing::get;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

pub use api::{ApiDoc, ErrorBody};
pub use cache::ResultCache;
pub use error::AppError;
pub use metrics::Metrics;
pub use negotiate::{GRAPH_OFFERS, NotAcceptable, Offer, TABLE_OFFERS, negotiate};
pub use stream::{CACHE_HEADER, TRUNCATED_HEADER};

use crate::sparql::SparqlOptions;
use crate::store::GraphStore;

/// Settings of the HTTP service.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Bearer token that writes (updates, graph store writes) must carry. Without one, and
    /// without `open_writes`, the service is read-only.
    pub token: Option<String>,
    /// Take writes without any token. For local and test instances only.
    pub open_writes: bool,
    /// Time after which a query is cancelled.
    pub query_timeout: Duration,
    /// Largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Origins allowed by CORS; `*` allows any. Empty: no CORS headers.
    pub cors_origins: Vec<String>,
    /// How SPARQL is evaluated.
    pub sparql: SparqlOptions,
    /// Most rows (solutions, or triples) a query answers with; more are cut, and the cut is
    /// declared in the `idmgraph-results-truncated` header. `None`: no limit.
    pub max_rows: Option<usize>,
    /// Bytes of query results kept in the cache; 0 turns it off.
    pub cache_bytes: usize,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            token: None,
            open_writes: false,
            query_timeout: Duration::from_secs(30),
            body_limit: 64 * 1024 * 1024,
            cors_origins: Vec::new(),
            sparql: SparqlOptions::default(),
            max_rows: None,
            cache_bytes: 64 * 1024 * 1024,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Arc<GraphStore>,
    /// The service's settings.
    pub config: Arc<HttpConfig>,
    /// Query results by query and store version.
    pub cache: Arc<ResultCache>,
    /// Counters served at `/metrics`.
    pub metrics: Arc<Metrics>,
    /// The overlap and allocation engines of the current store version (`/api/overlaps`,
    /// `/api/allocate`).
    pub engines: Arc<crate::overlap::service::EngineCache>,
    /// The text index and label catalog of the web pages, rebuilt when the store's version
    /// moves.
    pub search: Arc<crate::search::SearchIndex>,
    /// The outlines of hub pages, by store version.
    pub outlines: Arc<crate::describe::outline::OutlineCache>,
}

impl AppState {
    /// State over `store` with `config`.
    pub fn new(store: Arc<GraphStore>, config: HttpConfig) -> Self {
        let metrics = Arc::new(Metrics::default());
        let cache = Arc::new(ResultCache::new(
            config.cache_bytes,
            metrics.cache_hits.clone(),
            metrics.cache_misses.clone(),
        ));
        Self {
            store,
            config: Arc::new(config),
            cache,
            metrics,
            search: Arc::new(crate::search::SearchIndex::new()),
            outlines: Arc::default(),
            engines: Arc::default(),
        }
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let body_limit = state.config.body_limit;
    let cors = cors_layer(&state.config.cors_origins);
    let router = Router::new()
        .route(
            "/sparql",
            get(protocol::sparql_get).post(protocol::sparql_post),
        )
        .route(
            "/query",
            get(protocol::query_get).post(protocol::query_post),
        )
        .route("/update", axum::routing::post(protocol::update_post))
        .route(
            "/store",
            get(graph_store::get)
                .head(graph_store::head)
                .put(graph_store::put)
                .post(graph_store::post)
                .delete(graph_store::delete),
        )
        .route(
            "/store/{*path}",
            get(graph_store::get)
                .head(graph_store::head)
                .put(graph_store::put)
                .post(graph_store::post)
                .delete(graph_store::delete),
        )
        // The web front (src/http/browse.rs, entity_page.rs, search_pages.rs, query_editor.rs,
        // web.rs): dereferenceable IRIs, search, the query page, the home page and its assets.
        .route("/", get(web::home))
        .route("/assets/{*path}", get(web::asset))
        .route("/id/{*path}", get(browse::entity))
        .route("/resource", get(browse::resource))
        .route("/api/neighbourhood", get(browse::neighbourhood_api))
        .route("/api/search", get(search_pages::api))
        .route("/search", get(search_pages::page))
        .route("/query-editor", get(query_editor::page))
        .route("/query-editor/results", get(query_editor::download))
        .route("/health", get(health))
        .route("/metrics", get(metrics::metrics))
        .route("/queries", get(queries::list))
        .route(
            "/queries/{name}",
            get(queries::run_get).post(queries::run_post),
        )
        .route("/landscape", get(queries::landscape))
        .route("/api/ingest", axum::routing::post(ingest::post))
        .merge(api::routes())
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .with_state(state)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(TraceLayer::new_for_http());
    match cors {
        Some(cors) => router.layer(cors),
        None => router,
    }
}

fn cors_layer(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow_origin = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o).ok())
                .collect::<Vec<_>>(),
        )
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow_origin)
            .allow_methods([
                Method::GET,
                Method::HEAD,
                Method::POST,
                Method::PUT,
                Method::DELETE,
            ])
            .allow_headers([header::ACCEPT, header::CONTENT_TYPE, header::AUTHORIZATION])
            .max_age(Duration::from_secs(3600)),
    )
}

async fn health(State(state): State<AppState>) -> Result<axum::Json<serde_json::Value>, AppError> {
    let store = state.store.clone();
    let quads = tokio::task::spawn_blocking(move || store.len()).await??;
    Ok(axum::Json(
        serde_json::json!({ "status": "ok", "quads": quads }),
    ))
}

async fn not_found(uri: axum::http::Uri) -> AppError {
    AppError::NotFound(format!("nothing is served at {}", uri.path()))
}
