//! Runs a query on a blocking thread and streams its serialised results as the response body.
//!
//! The evaluation writes into a [`ChannelWriter`] that hands chunks to the async side. The
//! response status is decided by the first message: an error before any output (syntax,
//! timeout…) becomes a proper error response; a result that fits one chunk is answered whole,
//! with its length; a bigger one streams, so memory does not grow with the result size. A timer
//! cancels the evaluation through Oxigraph's `CancellationToken` when the query runs past its
//! limit; a client that goes away before its answer ended cancels it too (counted as
//! abandoned).
//!
//! [`answer_query`] puts the result cache ([`super::cache`]) and the row limit in front of that.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use oxigraph::sparql::CancellationToken;
use prometheus_client::metrics::counter::Counter;
use spargebra::Query;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::cache::{CacheKey, CachedResult};
use super::{AppError, AppState};
use crate::sparql::{self, Dataset, ResultsFormat, SparqlError};

/// Header present, with the row limit as value, when results were cut at that limit.
pub const TRUNCATED_HEADER: &str = "idmgraph-results-truncated";
/// Header saying whether the result came from the cache (`hit`) or was evaluated (`miss`).
pub const CACHE_HEADER: &str = "idmgraph-cache";

const CHUNK: usize = 64 * 1024;

/// Time given to a cancelled evaluation to report its cancellation before the client is
/// answered without it.
const GRACE: Duration = Duration::from_millis(250);

/// What the evaluation hands the response.
enum Message {
    /// A part of the body; more follows.
    Chunk(Bytes),
    /// The end of the body.
    Last(Bytes),
    /// The evaluation failed.
    Failed(SparqlError),
}

/// Answers `query` over `dataset` in `format`: from the result cache when it holds the result
/// for the store's current version, otherwise by evaluating it (see [`stream_results`]), cut
/// at the configured row limit.
pub async fn answer_query(
    state: &AppState,
    query: Query,
    dataset: Dataset,
    format: ResultsFormat,
) -> Result<Response, AppError> {
    let options = state.config.sparql.clone();
    let key = state.cache.is_enabled().then(|| CacheKey {
        // Read before evaluation: the result then reflects at least this version.
        version: state.store.version(),
        query: super::cache::normalised_query(&query),
        context: format!(
            "default={:?} named={:?} union={}",
            dataset.default_graphs, dataset.named_graphs, options.union_default_graph
        ),
        media_type: format.media_type(),
    });
    if let Some(hit) = key.as_ref().and_then(|key| state.cache.get(key)) {
        let mut response = Body::from(hit.body).into_response();
        set_headers(&mut response, hit.media_type, hit.truncated_at, "hit");
        return Ok(response);
    }
    let store = state.store.clone();
    let limit = state.config.max_rows;
    let job = Job {
        timeout: state.config.query_timeout,
        format,
        limit,
        keep: key.map(|key| (key, state.cache.max_entry_bytes())),
        state: state.clone(),
    };
    stream_results(job, move |token, writer| {
        let results = sparql::evaluate_query(&store, query, &dataset, Vec::new(), &options, token)?;
        sparql::write_results(results, format, limit, |cut| writer.declare_truncated(cut)).map(drop)
    })
    .await
}

/// One evaluation to stream.
pub struct Job {
    /// Time after which the evaluation is cancelled.
    pub timeout: Duration,
    /// The serialisation.
    pub format: ResultsFormat,
    /// The row limit the evaluation applies, to declare when it cuts.
    pub limit: Option<usize>,
    /// Where to keep the whole result, and up to which size.
    pub keep: Option<(CacheKey, usize)>,
    /// The service (metrics, cache).
    pub state: AppState,
}

/// Evaluates `run` on a blocking thread with a cancellation deadline and answers with what it
/// writes. `run` gets the token and the writer; it declares a cut at the row limit with
/// [`ChannelWriter::declare_truncated`] before writing, so that the response head says so.
pub async fn stream_results(
    job: Job,
    run: impl FnOnce(CancellationToken, &mut ChannelWriter) -> Result<(), SparqlError> + Send + 'static,
) -> Result<Response, AppError> {
    let Job {
        timeout,
        format,
        limit,
        keep,
        state,
    } = job;
    let seconds = timeout.as_secs();
    let token = CancellationToken::new();
    let (sender, mut receiver) = mpsc::channel::<Message>(4);
    let deadline = tokio::time::Instant::now() + timeout;
    let truncated = Arc::new(AtomicBool::new(false));
    let cache = state.cache.clone();
    let mut writer = ChannelWriter {
        buffer: Vec::new(),
        sender: sender.clone(),
        truncated: truncated.clone(),
        copy: keep.map(|(key, max)| (key, Vec::new(), max)),
    };
    let declared = truncated.clone();
    let evaluation = token.clone();
    let ended = Arc::new(AtomicBool::new(false));
    let abandonment = Abandonment {
        token: token.clone(),
        ended: ended.clone(),
        counter: state.metrics.abandoned_queries.clone(),
        armed: true,
    };
    tokio::task::spawn_blocking(move || {
        let outcome = run(evaluation, &mut writer);
        ended.store(true, Ordering::Release);
        if let Err(error) = outcome {
            // The receiver may be gone (client left); nothing more to do then.
            drop(sender.blocking_send(Message::Failed(error)));
            return;
        }
        // Kept before the response ends, so that a request sent after it finds the entry.
        if let Some((key, body, _)) = writer.copy.take() {
            let truncated_at = writer_limit(limit, &declared);
            let media_type = format.media_type();
            let body = Bytes::from(body);
            cache.insert(
                key,
                CachedResult {
                    body,
                    media_type,
                    truncated_at,
                },
            );
        }
        // Always sent, so that the response starts even for an empty body. The client may
        // be gone; nothing more to do then.
        drop(writer.send(Message::Last));
    });
    // Oxigraph checks the token when it reads the store; an evaluation that computes for a
    // long time without reading (a cross product of VALUES, say) only stops at its next read.
    // It gets a grace period to report its cancellation; the client gets its answer then all
    // the same.
    let first = tokio::select! {
        message = receiver.recv() => message,
        () = tokio::time::sleep_until(deadline) => {
            token.cancel();
            tokio::select! {
                message = receiver.recv() => message,
                () = tokio::time::sleep_until(deadline + GRACE) => {
                    Some(Message::Failed(SparqlError::Cancelled))
                }
            }
        }
    };
    let truncated_at = writer_limit(limit, &truncated);
    let body = match first {
        // The whole result in one piece: answered with its length, nothing left to watch.
        Some(Message::Last(bytes)) => Body::from(bytes),
        Some(Message::Chunk(bytes)) => {
            // The evaluation goes on while the body streams: the timer cancels it at the
            // deadline, and is stopped when the body is dropped (done or client gone).
            let timer = AbortOnDrop(tokio::spawn(async move {
                tokio::time::sleep_until(deadline).await;
                token.cancel();
            }));
            let guards = (timer, abandonment);
            let rest =
                futures::stream::unfold((receiver, guards), |(mut receiver, guards)| async move {
                    let message = receiver.recv().await?;
                    Some((message, (receiver, guards)))
                });
            let chunks = futures::stream::once(async move { Message::Chunk(bytes) })
                .chain(rest)
                .map(|message| match message {
                    Message::Chunk(bytes) | Message::Last(bytes) => Ok(bytes),
                    Message::Failed(error) => Err(io::Error::other(error.to_string())),
                });
            Body::from_stream(chunks)
        }
        Some(Message::Failed(SparqlError::Cancelled)) => {
            abandonment.disarm();
            state.metrics.cancelled_queries.inc();
            return Err(AppError::Timeout(seconds));
        }
        Some(Message::Failed(error)) => return Err(error.into()),
        None => {
            return Err(AppError::Internal(
                "the query task ended without an answer".to_owned(),
            ));
        }
    };
    let mut response = body.into_response();
    set_headers(&mut response, format.media_type(), truncated_at, "miss");
    Ok(response)
}

/// The limit the results were cut at, if they were.
fn writer_limit(limit: Option<usize>, truncated: &AtomicBool) -> Option<usize> {
    limit.filter(|_| truncated.load(Ordering::Acquire))
}

fn set_headers(
    response: &mut Response,
    media_type: &'static str,
    truncated_at: Option<usize>,
    cache: &'static str,
) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    headers.insert(header::VARY, HeaderValue::from_static("accept"));
    headers.insert(CACHE_HEADER, HeaderValue::from_static(cache));
    if let Some(limit) = truncated_at {
        headers.insert(TRUNCATED_HEADER, HeaderValue::from(limit));
    }
}

/// Aborts the cancellation timer once the response is done with.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Cancels the evaluation when the response is dropped before the evaluation ended: its
/// client went away (counted in `idmgraph_abandoned_queries_total`).
struct Abandonment {
    token: CancellationToken,
    ended: Arc<AtomicBool>,
    counter: Counter,
    armed: bool,
}

impl Abandonment {
    /// For an answer given up at the deadline: cancelled already, and not abandoned.
    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for Abandonment {
    fn drop(&mut self) {
        if self.armed && !self.ended.load(Ordering::Acquire) {
            self.token.cancel();
            self.counter.inc();
        }
    }
}

/// A writer whose output goes to the response body in chunks (and, while it is small enough,
/// to a copy for the cache).
pub struct ChannelWriter {
    buffer: Vec<u8>,
    sender: mpsc::Sender<Message>,
    truncated: Arc<AtomicBool>,
    copy: Option<(CacheKey, Vec<u8>, usize)>,
}

impl ChannelWriter {
    /// Says whether the results are cut at the row limit; call it before writing.
    pub fn declare_truncated(&mut self, truncated: bool) -> &mut Self {
        self.truncated.store(truncated, Ordering::Release);
        self
    }

    fn send(&mut self, message: fn(Bytes) -> Message) -> io::Result<()> {
        let chunk = Bytes::from(std::mem::take(&mut self.buffer));
        self.sender
            .blocking_send(message(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if let Some((_, copy, max)) = &mut self.copy {
            if copy.len() + data.len() <= *max {
                copy.extend_from_slice(data);
            } else {
                self.copy = None;
            }
        }
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.send(Message::Chunk)?;
            self.buffer.reserve(CHUNK);
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
