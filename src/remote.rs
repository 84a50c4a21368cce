//! A SPARQL 1.1 engine reached over the Protocol, as the store of record
//! (`idmgraph --backend sparql:URL`).
//!
//! With a remote backend, the engine holds the data and answers every SPARQL query sent to
//! idmgraph (the endpoint, the named queries, the query editor): that is the load that grows
//! with users. idmgraph keeps a working copy of the dataset in memory (see
//! [`crate::store::GraphStore::open_remote`]) for what needs the whole graph at hand — search,
//! browsing outlines, overlap detection, allocation, inference — and to evaluate updates, whose
//! net effect it then sends to the engine as `DELETE DATA` / `INSERT DATA` in one request.
//!
//! Graphs: idmgraph's default graph lives in one named graph of the engine
//! ([`RemoteConfig::default_graph`]); the engine's own system graphs (prefixes in
//! [`RemoteConfig::ignored_graphs`]) are neither read nor shown. Queries without a dataset of
//! their own are sent with `default-graph-uri` / `named-graph-uri` naming exactly idmgraph's
//! graphs, so that they see what they would see on the embedded store.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

use crate::sparql::QueryForm;
use base64::Engine as _;
use oxhttp::model::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use oxhttp::model::{Body, Method, Request};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad, Term, Triple, Variable};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter};

/// The graph that holds idmgraph's default graph on the engine, unless told otherwise.
pub const DEFAULT_GRAPH: &str = "https://w3id.org/idmgraph/id/graph/default";

/// Prefixes of graphs that engines keep for themselves (Virtuoso's system graphs): never read,
/// never listed.
pub const SYSTEM_GRAPHS: &[&str] = &[
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
];

/// A graph no engine holds: names an empty set of named graphs in a protocol dataset (an
/// absent `named-graph-uri` would let some engines fall back to all their graphs).
const NO_GRAPH: &str = "urn:x-idmgraph:no-graph";

/// Quads per `INSERT DATA` / `DELETE DATA` operation: some engines compile each operation into
/// code whose size grows with it (Virtuoso refuses large ones).
const QUADS_PER_OPERATION: usize = 500;

/// Where and how to reach the engine.
#[derive(Debug, Clone)]
pub struct RemoteConfig {
    /// The SPARQL query endpoint.
    pub query_url: String,
    /// The SPARQL update endpoint (the query endpoint when not given).
    pub update_url: Option<String>,
    /// User and password sent with HTTP Basic authentication.
    pub credentials: Option<(String, String)>,
    /// The engine's named graph that stands for idmgraph's default graph.
    pub default_graph: NamedNode,
    /// Prefixes of the engine's graphs that are not idmgraph's.
    pub ignored_graphs: Vec<String>,
    /// How long one request may take.
    pub timeout: Duration,
}

impl RemoteConfig {
    /// A configuration from a `--backend` value: `sparql:URL`.
    pub fn from_backend(backend: &str) -> Result<Self, RemoteError> {
        let url = backend
            .strip_prefix("sparql:")
            .filter(|url| url.starts_with("http://") || url.starts_with("https://"))
            .ok_or_else(|| {
                RemoteError::Config(format!(
                    "--backend {backend:?}: expected sparql:http://HOST/PATH (or sparql:https://…)"
                ))
            })?;
        Ok(Self {
            query_url: url.to_owned(),
            update_url: None,
            credentials: None,
            default_graph: NamedNode::new_unchecked(DEFAULT_GRAPH),
            ignored_graphs: SYSTEM_GRAPHS.iter().map(|&g| g.to_owned()).collect(),
            timeout: Duration::from_secs(60),
        })
    }
}

/// Errors of talking to the engine.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// The configuration cannot work.
    #[error("{0}")]
    Config(String),
    /// No answer came: connection refused, timeout, broken connection.
    #[error("the SPARQL engine at {url} cannot be reached: {error}")]
    Unreachable {
        /// The endpoint.
        url: String,
        /// What went wrong.
        error: String,
    },
    /// The engine answered with an error status.
    #[error("the SPARQL engine at {url} answered {status}: {message}")]
    Status {
        /// The endpoint.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The start of the engine's message.
        message: String,
    },
    /// The engine's answer could not be read.
    #[error("the SPARQL engine at {url} answered something unreadable: {error}")]
    Answer {
        /// The endpoint.
        url: String,
        /// What could not be read.
        error: String,
    },
    /// The engine gave fewer rows than it holds (a result size limit of its own).
    #[error(
        "the SPARQL engine at {url} returned {got} of the {expected} triples of <{graph}>: raise its result row limit"
    )]
    Incomplete {
        /// The endpoint.
        url: String,
        /// The graph being read.
        graph: String,
        /// Triples the engine counts.
        expected: usize,
        /// Triples it sent.
        got: usize,
    },
}

impl RemoteError {
    /// Whether the engine refused the request itself (status 4xx): a fault of the request,
    /// not of the engine or the network.
    pub fn is_refusal(&self) -> bool {
        matches!(self, Self::Status { status, .. } if (400..500).contains(status))
    }
}

/// The dataset a query is sent with.
#[derive(Debug, Clone, Default)]
pub struct ProtocolDataset {
    /// `default-graph-uri` values.
    pub default_graphs: Vec<NamedNode>,
    /// `named-graph-uri` values.
    pub named_graphs: Vec<NamedNode>,
}

/// A client of one SPARQL engine.
pub struct Remote {
    config: RemoteConfig,
    client: oxhttp::Client,
}

impl Remote {
    /// A client for `config`. Nothing is sent yet.
    pub fn new(config: RemoteConfig) -> Self {
        let base = || {
            oxhttp::Client::new()
                .with_global_timeout(config.timeout)
                .with_redirection_limit(5)
        };
        let client = base()
            .with_user_agent(concat!("idmgraph/", env!("CARGO_PKG_VERSION")))
            .unwrap_or_else(|_| base());
        Self { config, client }
    }

    /// The configuration this client was made with.
    pub fn config(&self) -> &RemoteConfig {
        &self.config
    }

    /// Maps a graph of idmgraph to the engine's.
    fn remote_graph(&self, graph: &GraphName) -> String {
        match graph {
            GraphName::DefaultGraph => format!("<{}>", self.config.default_graph.as_str()),
            GraphName::NamedNode(n) => format!("<{}>", n.as_str()),
            GraphName::BlankNode(b) => format!("_:{}", b.as_str()),
        }
    }

    /// Maps a graph of the engine to idmgraph's.
    fn local_graph(&self, graph: &NamedNode) -> GraphName {
        if *graph == self.config.default_graph {
            GraphName::DefaultGraph
        } else {
            GraphName::NamedNode(graph.clone())
        }
    }

    fn is_ignored(&self, graph: &str) -> bool {
        self.config
            .ignored_graphs
            .iter()
            .any(|prefix| graph.starts_with(prefix.as_str()))
    }

    /// The engine's graphs that are idmgraph's.
    pub fn graphs(&self) -> Result<Vec<NamedNode>, RemoteError> {
        let solutions = self.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            &ProtocolDataset::default(),
        )?;
        let mut graphs = Vec::new();
        for solution in solutions {
            if let Some(Term::NamedNode(graph)) = solution.get("g")
                && !self.is_ignored(graph.as_str())
            {
                graphs.push(graph.clone());
            }
        }
        Ok(graphs)
    }

    /// Every quad of idmgraph's graphs on the engine (the default graph's under
    /// [`GraphName::DefaultGraph`]), graph by graph; a graph the engine sends only part of is an
    /// error, never a silent cut.
    pub fn pull(&self) -> Result<Vec<Quad>, RemoteError> {
        let mut quads = Vec::new();
        for graph in self.graphs()? {
            quads.extend(self.pull_graph(&graph)?);
        }
        Ok(quads)
    }

    /// The quads of one of the engine's graphs, as idmgraph names them.
    pub fn pull_graph(&self, graph: &NamedNode) -> Result<Vec<Quad>, RemoteError> {
        let iri = graph.as_str();
        let triples = self.construct(&format!(
            "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        ))?;
        let count = self.select(
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"),
            &ProtocolDataset::default(),
        )?;
        let expected = count
            .first()
            .and_then(|s| match s.get("n") {
                Some(Term::Literal(n)) => n.value().parse::<usize>().ok(),
                _ => None,
            })
            .unwrap_or(0);
        if triples.len() < expected {
            return Err(RemoteError::Incomplete {
                url: self.config.query_url.clone(),
                graph: iri.to_owned(),
                expected,
                got: triples.len(),
            });
        }
        let local = self.local_graph(graph);
        Ok(triples
            .into_iter()
            .map(|t| Quad::new(t.subject, t.predicate, t.object, local.clone()))
            .collect())
    }

    /// What the engine now holds in idmgraph's `graph`, named as idmgraph names it; `None` for
    /// a blank-node graph name, which the engine cannot be asked about.
    pub fn read_back(&self, graph: &GraphName) -> Result<Option<Vec<Quad>>, RemoteError> {
        match graph {
            GraphName::DefaultGraph => self.pull_graph(&self.config.default_graph).map(Some),
            GraphName::NamedNode(graph) => self.pull_graph(graph).map(Some),
            GraphName::BlankNode(_) => Ok(None),
        }
    }

    /// Applies a change in one update request: `removed` quads go, then `added` ones come.
    ///
    /// Blank nodes cannot be named in `DELETE DATA`: a removed quad with blank nodes is
    /// deleted by a pattern in which they are variables, which also removes other quads of the
    /// same shape; idmgraph's own data has no blank nodes.
    pub fn apply(&self, removed: &[Quad], added: &[Quad]) -> Result<(), RemoteError> {
        if removed.is_empty() && added.is_empty() {
            return Ok(());
        }
        let mut update = String::new();
        let (plain, blank): (Vec<&Quad>, Vec<&Quad>) =
            removed.iter().partition(|q| !has_blank_node(q));
        for chunk in plain.chunks(QUADS_PER_OPERATION) {
            self.write_data(&mut update, "DELETE DATA", chunk.iter().copied());
        }
        for quad in blank {
            self.write_delete_pattern(&mut update, quad);
        }
        let (plain, blank): (Vec<&Quad>, Vec<&Quad>) =
            added.iter().partition(|q| !has_blank_node(q));
        for chunk in plain.chunks(QUADS_PER_OPERATION) {
            self.write_data(&mut update, "INSERT DATA", chunk.iter().copied());
        }
        // Blank nodes are refused in `INSERT DATA` by some engines; a template creates them,
        // fresh per operation: quads that share a blank node go into the same operation.
        for chunk in blank_node_groups(blank) {
            self.write_data(&mut update, "INSERT", chunk.into_iter());
            update.push_str(" WHERE {}");
        }
        self.update(&update)
    }

    fn write_data<'a>(
        &self,
        update: &mut String,
        operation: &str,
        quads: impl Iterator<Item = &'a Quad>,
    ) {
        if !update.is_empty() {
            update.push_str(" ;\n");
        }
        let _ = writeln!(update, "{operation} {{");
        // One block per graph: Virtuoso mis-compiles a template whose blank nodes sit in
        // several `GRAPH` blocks.
        let mut by_graph: Vec<(&GraphName, Vec<&Quad>)> = Vec::new();
        for quad in quads {
            match by_graph.iter_mut().find(|(g, _)| **g == quad.graph_name) {
                Some((_, group)) => group.push(quad),
                None => by_graph.push((&quad.graph_name, vec![quad])),
            }
        }
        for (graph, quads) in by_graph {
            let _ = writeln!(update, "GRAPH {} {{", self.remote_graph(graph));
            for quad in quads {
                let _ = writeln!(
                    update,
                    "{} {} {} .",
                    quad.subject, quad.predicate, quad.object
                );
            }
            update.push_str("}\n");
        }
        update.push('}');
    }

    fn write_delete_pattern(&self, update: &mut String, quad: &Quad) {
        if !update.is_empty() {
            update.push_str(" ;\n");
        }
        let term = |term: String, name: &str| {
            if term.starts_with("_:") {
                format!("?{name}")
            } else {
                term
            }
        };
        let pattern = format!(
            "GRAPH {} {{ {} {} {} }}",
            self.remote_graph(&quad.graph_name),
            term(quad.subject.to_string(), "s"),
            quad.predicate,
            term(quad.object.to_string(), "o"),
        );
        let _ = write!(update, "DELETE WHERE {{ {pattern} }}");
    }

    /// Sends an update.
    pub fn update(&self, update: &str) -> Result<(), RemoteError> {
        let url = self
            .config
            .update_url
            .as_deref()
            .unwrap_or(&self.config.query_url);
        let body = form_body(&[("update", update)]);
        let mut response = self.send(url, body, "*/*")?;
        let _ = std::io::copy(response.body_mut(), &mut std::io::sink());
        Ok(())
    }

    /// Sends a query and returns its results, read lazily from the answer.
    pub fn query(
        &self,
        query: &str,
        dataset: &ProtocolDataset,
        form: QueryForm,
    ) -> Result<QueryResults<'static>, RemoteError> {
        let graph_form = form.is_graph();
        let url = self.config.query_url.clone();
        let mut fields = vec![("query", query.to_owned())];
        for graph in &dataset.default_graphs {
            fields.push(("default-graph-uri", graph.as_str().to_owned()));
        }
        for graph in &dataset.named_graphs {
            fields.push(("named-graph-uri", graph.as_str().to_owned()));
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let accept = if graph_form {
            "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
        } else {
            "application/sparql-results+json, application/sparql-results+xml;q=0.9"
        };
        let response = self.send(&url, form_body(&fields), accept)?;
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let body = response.into_body();
        if graph_form {
            let format = match content_type.as_str() {
                "text/turtle" => RdfFormat::Turtle,
                _ => RdfFormat::NTriples,
            };
            let triples = RdfParser::from_format(format)
                .for_reader(body)
                .map(move |quad| {
                    quad.map(Triple::from).map_err(|e| {
                        QueryEvaluationError::Service(Box::new(RemoteError::Answer {
                            url: url.clone(),
                            error: e.to_string(),
                        }))
                    })
                });
            return Ok(QueryResults::Graph(QueryTripleIter::new(triples)));
        }
        let format = if content_type.contains("xml") {
            QueryResultsFormat::Xml
        } else {
            QueryResultsFormat::Json
        };
        let answer = |error: String| RemoteError::Answer {
            url: url.clone(),
            error,
        };
        match QueryResultsParser::from_format(format)
            .for_reader(VirtuosoBlankNodes::new(body))
            .map_err(|e| answer(e.to_string()))?
        {
            ReaderQueryResultsParserOutput::Boolean(value) => Ok(QueryResults::Boolean(value)),
            // Virtuoso answers some ASK queries with a one-cell table (`__ASK_RETVAL`, 1 or 0).
            ReaderQueryResultsParserOutput::Solutions(mut solutions) if form == QueryForm::Ask => {
                let first = solutions
                    .next()
                    .transpose()
                    .map_err(|e| answer(e.to_string()))?;
                let value = first.and_then(|row| {
                    row.values().iter().flatten().next().map(|term| match term {
                        Term::Literal(l) => matches!(l.value(), "1" | "true"),
                        _ => true,
                    })
                });
                Ok(QueryResults::Boolean(value.unwrap_or(false)))
            }
            ReaderQueryResultsParserOutput::Solutions(solutions) => {
                let variables: Arc<[Variable]> = solutions.variables().into();
                let url = url.clone();
                let rows = solutions.map(move |row| {
                    row.map_err(|e| {
                        QueryEvaluationError::Service(Box::new(RemoteError::Answer {
                            url: url.clone(),
                            error: e.to_string(),
                        }))
                    })
                });
                Ok(QueryResults::Solutions(QuerySolutionIter::new(
                    variables, rows,
                )))
            }
        }
    }

    fn select(
        &self,
        query: &str,
        dataset: &ProtocolDataset,
    ) -> Result<Vec<oxigraph::sparql::QuerySolution>, RemoteError> {
        match self.query(query, dataset, QueryForm::Select)? {
            QueryResults::Solutions(solutions) => solutions
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.answer_error(e.to_string())),
            _ => Err(self.answer_error("expected a table of solutions".to_owned())),
        }
    }

    fn construct(&self, query: &str) -> Result<Vec<Triple>, RemoteError> {
        match self.query(query, &ProtocolDataset::default(), QueryForm::Construct)? {
            QueryResults::Graph(triples) => triples
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.answer_error(e.to_string())),
            _ => Err(self.answer_error("expected triples".to_owned())),
        }
    }

    fn answer_error(&self, error: String) -> RemoteError {
        RemoteError::Answer {
            url: self.config.query_url.clone(),
            error,
        }
    }

    fn send(
        &self,
        url: &str,
        body: String,
        accept: &str,
    ) -> Result<oxhttp::model::Response<Body>, RemoteError> {
        let unreachable = |error: String| RemoteError::Unreachable {
            url: url.to_owned(),
            error,
        };
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(url)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(ACCEPT, accept);
        if let Some((user, password)) = &self.config.credentials {
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            request = request.header(AUTHORIZATION, format!("Basic {token}"));
        }
        let request = request
            .body(body)
            .map_err(|e| RemoteError::Config(format!("{url}: {e}")))?;
        let mut response = self
            .client
            .request(request)
            .map_err(|e| unreachable(e.to_string()))?;
        let status = response.status();
        if !status.is_success() {
            let mut message = String::new();
            let _ = response.body_mut().take(2000).read_to_string(&mut message);
            return Err(RemoteError::Status {
                url: url.to_owned(),
                status: status.as_u16(),
                message: message.trim().to_owned(),
            });
        }
        Ok(response)
    }

    /// The dataset of a query that has none of its own: idmgraph's graphs, merged in the
    /// default graph when `union` (as on the embedded store), and as the named graphs.
    pub fn dataset_of(&self, named_graphs: &[NamedNode], union: bool) -> ProtocolDataset {
        let mut default_graphs = vec![self.config.default_graph.clone()];
        if union {
            default_graphs.extend(named_graphs.iter().cloned());
        }
        let mut named: Vec<NamedNode> = named_graphs.to_vec();
        if named.is_empty() {
            named.push(NamedNode::new_unchecked(NO_GRAPH));
        }
        ProtocolDataset {
            default_graphs,
            named_graphs: named,
        }
    }
}

/// Virtuoso names blank nodes `nodeID://b123` in result tables, which is not a blank node
/// label; this reader drops the `nodeID://` after a JSON string's opening quote as the answer
/// streams by (a plain literal that starts with `nodeID://` would lose it too).
struct VirtuosoBlankNodes<R> {
    inner: R,
    pending: Vec<u8>,
    start: usize,
    done: bool,
}

impl<R: Read> VirtuosoBlankNodes<R> {
    const PATTERN: &'static [u8] = b"\"nodeID://";

    fn new(inner: R) -> Self {
        Self {
            inner,
            pending: Vec::new(),
            start: 0,
            done: false,
        }
    }

    /// Reads more of the answer, rewrites it, and keeps back a tail that may be the start of
    /// the pattern.
    fn fill(&mut self) -> std::io::Result<()> {
        let mut buffer = [0u8; 16 * 1024];
        let read = self.inner.read(&mut buffer)?;
        self.pending.drain(..self.start);
        self.start = 0;
        if read == 0 {
            self.done = true;
        }
        self.pending.extend_from_slice(&buffer[..read]);
        let mut rewritten = Vec::with_capacity(self.pending.len());
        let mut i = 0;
        while i < self.pending.len() {
            if self.pending[i..].starts_with(Self::PATTERN) {
                rewritten.push(b'"');
                i += Self::PATTERN.len();
            } else {
                rewritten.push(self.pending[i]);
                i += 1;
            }
        }
        self.pending = rewritten;
        Ok(())
    }

    /// How much of `pending` may be handed out: all of it at the end, otherwise all but a
    /// tail that could still grow into the pattern.
    fn ready(&self) -> usize {
        if self.done {
            return self.pending.len();
        }
        let keep = (1..Self::PATTERN.len())
            .rev()
            .find(|&n| {
                self.pending.len() >= self.start + n && self.pending.ends_with(&Self::PATTERN[..n])
            })
            .unwrap_or(0);
        self.pending.len() - keep
    }
}

impl<R: Read> Read for VirtuosoBlankNodes<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.ready() <= self.start && !self.done {
            self.fill()?;
        }
        let end = self.ready().min(self.start + out.len());
        let n = end.saturating_sub(self.start);
        out[..n].copy_from_slice(&self.pending[self.start..end]);
        self.start = end;
        Ok(n)
    }
}

fn has_blank_node(quad: &Quad) -> bool {
    quad.subject.is_blank_node() || matches!(quad.object, Term::BlankNode(_))
}

/// Packs quads into operations of about [`QUADS_PER_OPERATION`], keeping quads that are linked
/// through blank nodes together.
fn blank_node_groups(quads: Vec<&Quad>) -> Vec<Vec<&Quad>> {
    fn find(parent: &mut HashMap<String, String>, node: &str) -> String {
        let mut root = node.to_owned();
        while let Some(next) = parent.get(&root).filter(|next| **next != root) {
            root = next.clone();
        }
        parent.insert(node.to_owned(), root.clone());
        root
    }
    let blank_nodes = |quad: &Quad| {
        let mut nodes = Vec::with_capacity(2);
        if let oxigraph::model::NamedOrBlankNode::BlankNode(b) = &quad.subject {
            nodes.push(b.as_str().to_owned());
        }
        if let Term::BlankNode(b) = &quad.object {
            nodes.push(b.as_str().to_owned());
        }
        nodes
    };
    let mut parent = HashMap::new();
    for quad in &quads {
        let nodes = blank_nodes(quad);
        let roots: Vec<String> = nodes.iter().map(|n| find(&mut parent, n)).collect();
        if let [a, b] = roots.as_slice() {
            parent.insert(b.clone(), a.clone());
        }
    }
    let mut groups: HashMap<String, Vec<&Quad>> = HashMap::new();
    for quad in quads {
        let root = find(&mut parent, &blank_nodes(quad)[0]);
        groups.entry(root).or_default().push(quad);
    }
    let mut chunks: Vec<Vec<&Quad>> = Vec::new();
    for group in groups.into_values() {
        match chunks.last_mut() {
            Some(chunk) if chunk.len() + group.len() <= QUADS_PER_OPERATION => chunk.extend(group),
            _ => chunks.push(group),
        }
    }
    chunks
}

fn form_body(fields: &[(&str, &str)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in fields {
        serializer.append_pair(key, value);
    }
    serializer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backend_must_name_an_http_url() {
        assert!(RemoteConfig::from_backend("sparql:http://127.0.0.1:8890/sparql").is_ok());
        for bad in ["http://x/sparql", "sparql:", "sparql:ftp://x", "virtuoso"] {
            let error = RemoteConfig::from_backend(bad).unwrap_err().to_string();
            assert!(error.contains("expected sparql:http"), "{bad}: {error}");
        }
    }

    #[test]
    fn the_default_graph_is_a_named_graph_of_the_engine() -> Result<(), Box<dyn std::error::Error>>
    {
        let remote = Remote::new(RemoteConfig::from_backend("sparql:http://127.0.0.1:1/s")?);
        let quad = Quad::new(
            NamedNode::new("http://e/s")?,
            NamedNode::new("http://e/p")?,
            oxigraph::model::Literal::new_simple_literal("a \"b\""),
            GraphName::DefaultGraph,
        );
        let mut update = String::new();
        remote.write_data(&mut update, "INSERT DATA", [&quad].into_iter());
        assert_eq!(
            update,
            format!(
                "INSERT DATA {{\nGRAPH <{DEFAULT_GRAPH}> {{\n<http://e/s> <http://e/p> \"a \\\"b\\\"\" .\n}}\n}}"
            )
        );
        let named = vec![NamedNode::new("http://e/g")?];
        let dataset = remote.dataset_of(&named, true);
        assert_eq!(dataset.default_graphs.len(), 2);
        assert_eq!(dataset.named_graphs, named);
        assert_eq!(
            remote.dataset_of(&[], false).named_graphs[0].as_str(),
            NO_GRAPH
        );
        Ok(())
    }

    #[test]
    fn virtuoso_blank_node_names_become_labels() -> std::io::Result<()> {
        let answer = r#"{"o": { "type": "bnode", "value": "nodeID://b10070" }, "l": "nodeID"}"#;
        // Read through a one-byte reader: the pattern is split across every boundary.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let Some((first, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                out[0] = *first;
                self.0 = rest;
                Ok(1)
            }
        }
        let mut text = String::new();
        VirtuosoBlankNodes::new(Trickle(answer.as_bytes())).read_to_string(&mut text)?;
        assert_eq!(
            text,
            r#"{"o": { "type": "bnode", "value": "b10070" }, "l": "nodeID"}"#
        );
        Ok(())
    }

    #[test]
    fn an_engine_that_is_not_there_is_unreachable() -> Result<(), Box<dyn std::error::Error>> {
        let remote = Remote::new(RemoteConfig::from_backend("sparql:http://127.0.0.1:1/s")?);
        assert!(matches!(
            remote.graphs(),
            Err(RemoteError::Unreachable { .. })
        ));
        Ok(())
    }
}
