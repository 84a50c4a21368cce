//! `GET /metrics`: the service's counters in Prometheus' text format.
//!
//! Requests and their latencies per route, cancelled queries, result-cache hits and misses,
//! the store's size and version. A middleware ([`track`]) counts every request.

use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use super::{AppError, AppState};

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

fn latency_histogram() -> Histogram {
    // 0.25 ms to ~8 s.
    Histogram::new(exponential_buckets(0.000_25, 2.0, 16))
}

/// The service's metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    /// Queries cancelled at their time limit.
    pub cancelled_queries: Counter,
    /// Queries cancelled because their client went away before their answer ended.
    pub abandoned_queries: Counter,
    /// Queries answered from the result cache.
    pub cache_hits: Counter,
    /// Queries evaluated because the cache did not hold their result.
    pub cache_misses: Counter,
    store_quads: Gauge,
    store_version: Gauge,
    /// (store version, quads) of the last count: counting is a scan, done once per version.
    counted: Mutex<Option<(u64, i64)>>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("idmgraph");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        let cancelled_queries = Counter::default();
        let abandoned_queries = Counter::default();
        let cache_hits = Counter::default();
        let cache_misses = Counter::default();
        let store_quads = Gauge::default();
        let store_version = Gauge::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to the response head, by route",
            latency.clone(),
        );
        registry.register(
            "cancelled_queries",
            "Queries cancelled at their time limit",
            cancelled_queries.clone(),
        );
        registry.register(
            "abandoned_queries",
            "Queries cancelled because their client went away before their answer ended",
            abandoned_queries.clone(),
        );
        registry.register(
            "cache_hits",
            "Queries answered from the result cache",
            cache_hits.clone(),
        );
        registry.register(
            "cache_misses",
            "Cacheable queries that had to be evaluated",
            cache_misses.clone(),
        );
        registry.register("store_quads", "Quads in the store", store_quads.clone());
        registry.register(
            "store_version",
            "Committed writes since the service started",
            store_version.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            cancelled_queries,
            abandoned_queries,
            cache_hits,
            cache_misses,
            store_quads,
            store_version,
            counted: Mutex::new(None),
        }
    }
}

impl Metrics {
    fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                method: method.to_owned(),
                route: route.to_owned(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_owned(),
            })
            .observe(seconds);
    }
}

/// Counts a request and times it to its response head.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let start = Instant::now();
    let response = next.run(request).await;
    state.metrics.record(
        &method,
        &route,
        response.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>) -> Result<Response, AppError> {
    let store = state.store.clone();
    let metrics = state.metrics.clone();
    let text = tokio::task::spawn_blocking(move || -> Result<String, AppError> {
        let version = store.version();
        let known = *metrics
            .counted
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let quads = match known {
            Some((counted_at, quads)) if counted_at == version => quads,
            _ => {
                let quads = i64::try_from(store.len()?).unwrap_or(i64::MAX);
                *metrics
                    .counted
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some((version, quads));
                quads
            }
        };
        metrics.store_quads.set(quads);
        metrics
            .store_version
            .set(i64::try_from(version).unwrap_or(i64::MAX));
        let mut text = String::new();
        encode(&mut text, &metrics.registry)
            .map_err(|e| AppError::Internal(format!("encoding the metrics failed: {e}")))?;
        Ok(text)
    })
    .await??;
    let mut response = text.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    Ok(response)
}
