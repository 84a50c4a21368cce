//! Runs a query on a blocking thread and streams its serialised results as the response body.
//!
//! The evaluation writes into a [`ChannelWriter`] that hands chunks to the async side. The
//! response status is decided by the first message: an error before any output (syntax,
//! timeout…) becomes a proper error response; otherwise the body streams, so memory does not
//! grow with the result size. A timer cancels the evaluation through Oxigraph's
//! `CancellationToken` when the query runs past its limit; a client that goes away stops it too.

use std::io::{self, Write};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use oxigraph::sparql::CancellationToken;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::AppError;
use crate::sparql::{ResultsFormat, SparqlError};

const CHUNK: usize = 64 * 1024;

/// Time given to a cancelled evaluation to report its cancellation before the client is
/// answered without it.
const GRACE: Duration = Duration::from_millis(250);

type Message = Result<Bytes, SparqlError>;

/// Evaluates `run` on a blocking thread with a cancellation deadline and answers with what it
/// writes, in `format`.
pub async fn stream_results(
    timeout: Duration,
    format: ResultsFormat,
    run: impl FnOnce(CancellationToken, &mut ChannelWriter) -> Result<(), SparqlError> + Send + 'static,
) -> Result<Response, AppError> {
    let seconds = timeout.as_secs();
    let token = CancellationToken::new();
    let timer = CancelOnDrop(tokio::spawn({
        let token = token.clone();
        async move {
            tokio::time::sleep(timeout).await;
            token.cancel();
        }
    }));
    let (sender, mut receiver) = mpsc::channel::<Message>(4);
    let deadline = tokio::time::Instant::now() + timeout + GRACE;
    let evaluation = token.clone();
    tokio::task::spawn_blocking(move || {
        let mut writer = ChannelWriter {
            buffer: Vec::with_capacity(CHUNK),
            sender: sender.clone(),
        };
        let outcome = run(token, &mut writer).and_then(|()| writer.finish());
        if let Err(error) = outcome {
            // The receiver may be gone (client left); nothing more to do then.
            let _ = sender.blocking_send(Err(error));
        }
    });
    // Oxigraph checks the token when it reads the store; an evaluation that computes for a
    // long time without reading (a cross product of VALUES, say) only stops at its next read.
    // The client gets its answer at the deadline all the same.
    let first = tokio::select! {
        message = receiver.recv() => message,
        () = tokio::time::sleep_until(deadline) => {
            evaluation.cancel();
            return Err(AppError::Timeout(seconds));
        }
    };
    let first = match first {
        Some(Ok(bytes)) => bytes,
        Some(Err(SparqlError::Cancelled)) => return Err(AppError::Timeout(seconds)),
        Some(Err(error)) => return Err(error.into()),
        None => {
            return Err(AppError::Internal(
                "the query task ended without an answer".to_owned(),
            ));
        }
    };
    let rest = futures::stream::unfold((receiver, timer), |(mut receiver, timer)| async move {
        let message = receiver.recv().await?;
        Some((message, (receiver, timer)))
    });
    let body = futures::stream::once(async move { Ok(first) })
        .chain(rest)
        .map(|message| message.map_err(|e| io::Error::other(e.to_string())));
    let mut response = Body::from_stream(body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

/// Aborts the cancellation timer once the response is done with.
struct CancelOnDrop(JoinHandle<()>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A writer whose output goes to the response body in chunks.
pub struct ChannelWriter {
    buffer: Vec<u8>,
    sender: mpsc::Sender<Message>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }

    /// Sends what is left; always sends one message, so the response can start even for an
    /// empty body.
    fn finish(mut self) -> Result<(), SparqlError> {
        self.send().map_err(|e| SparqlError::Refused(e.to_string()))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
