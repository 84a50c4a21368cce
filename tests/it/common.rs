//! Shared helpers: an in-process app, one-shot requests, and a real server on a free port.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use idmgraph::http::{AppState, HttpConfig, router};
use idmgraph::remote::RemoteConfig;
use idmgraph::store::{GraphStore, StoreError};
use tower::ServiceExt;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The token the in-process apps are configured with.
pub const TOKEN: &str = "test-token";

/// The environment variable that runs the in-process apps on a remote SPARQL engine
/// (`sparql:URL`, as `--backend` takes) instead of an in-memory store. The engine is emptied of
/// idmgraph's graphs for every app: run such a pass one test at a time (scripts/test does).
pub const BACKEND_VARIABLE: &str = "IDMGRAPH_TEST_BACKEND";

/// An empty store: in memory, or the engine named by [`BACKEND_VARIABLE`], emptied.
pub fn empty_store() -> Result<GraphStore, Box<dyn std::error::Error>> {
    let Ok(backend) = std::env::var(BACKEND_VARIABLE) else {
        return Ok(GraphStore::in_memory()?);
    };
    let store = GraphStore::open_remote(RemoteConfig::from_backend(&backend)?)?;
    store.write(|transaction| {
        transaction.clear()?;
        Ok::<_, StoreError>(())
    })?;
    assert!(store.is_empty()?, "the engine behind {backend} kept data");
    Ok(store)
}

/// An app over an empty store with the default data, taking writes with [`TOKEN`].
pub fn app_with_default_data() -> Result<Router, Box<dyn std::error::Error>> {
    let store = empty_store()?;
    idmgraph::data::load_default_data(&store)?;
    Ok(app_over(store, config()))
}

/// An app over an empty store with `config`.
pub fn empty_app(config: HttpConfig) -> Result<Router, Box<dyn std::error::Error>> {
    Ok(app_over(empty_store()?, config))
}

/// The configuration of test apps: writes need [`TOKEN`].
pub fn config() -> HttpConfig {
    HttpConfig {
        token: Some(TOKEN.to_owned()),
        ..HttpConfig::default()
    }
}

fn app_over(store: GraphStore, config: HttpConfig) -> Router {
    router(AppState::new(Arc::new(store), config))
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

/// Sends one request to the app.
pub async fn send(
    app: &Router,
    request: Request<Body>,
) -> Result<Reply, Box<dyn std::error::Error>> {
    let response = app.clone().oneshot(request).await?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await?.to_bytes();
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// Percent-encodes a query-string value.
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A running `idmgraph serve` on a free port, killed on drop.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
}

impl Server {
    /// Starts the binary on `data` with extra arguments, and waits until it listens.
    pub fn start(data: &Path, extra: &[&str]) -> Result<Self, Box<dyn std::error::Error>> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_idmgraph"))
            .arg("serve")
            .arg("--data")
            .arg(data)
            .args(["--bind", "127.0.0.1:0"])
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let Some(base) = line.trim().strip_prefix("idmgraph listening on ") else {
            let _ = child.kill();
            return Err(format!("unexpected first line from the server: {line:?}").into());
        };
        Ok(Self {
            base: base.to_owned(),
            child,
        })
    }
}

impl Server {
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the server with SIGKILL (`kill -9`): no shutdown code runs.
    pub fn kill_hard(&mut self) -> std::io::Result<()> {
        self.child.kill()?;
        self.child.wait().map(drop)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `idmgraph` with arguments; returns (success, stdout, stderr).
pub fn idmgraph(args: &[&str]) -> Result<(bool, String, String), Box<dyn std::error::Error>> {
    let output = Command::new(env!("CARGO_BIN_EXE_idmgraph"))
        .args(args)
        .env("RUST_LOG", "warn")
        .output()?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    ))
}

/// Status of a ureq call, whether it succeeded or not.
pub fn status_of(
    result: Result<ureq::Response, ureq::Error>,
) -> Result<(u16, String), Box<dyn std::error::Error>> {
    match result {
        Ok(response) => Ok((response.status(), response.into_string()?)),
        Err(ureq::Error::Status(code, response)) => Ok((code, response.into_string()?)),
        Err(e) => Err(e.into()),
    }
}
