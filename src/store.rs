//! The on-disk Oxigraph store: opening, transactional loading, dumps and backups.
//!
//! A [`GraphStore`] is opened once per process and shared. Reads go straight to Oxigraph, which
//! gives every read a consistent snapshot. With a remote backend ([`GraphStore::open_remote`])
//! the Oxigraph store is an in-memory working copy of a SPARQL engine's dataset, and every
//! write is sent to the engine before it commits here. Writes are serialised through one writer lock, so a
//! write is either wholly committed or not visible at all, and [`GraphStore::version`] moves
//! exactly once per committed write (caches key on it). Every write path here ends by rebuilding
//! the inferred graph ([`crate::inference`]), so callers never have to.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use oxigraph::io::{RdfFormat, RdfParseError, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNodeRef, Quad};
use oxigraph::store::{LoaderError, SerializerError, StorageError, Store, Transaction};

use crate::inference::InferenceStats;
use crate::remote::{Remote, RemoteConfig, RemoteError};

/// Errors of the store layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An input document is not valid in its format; nothing of the write was stored.
    #[error("{source_name}: {error}")]
    Syntax {
        /// The file name or request part the document came from.
        source_name: String,
        /// The parser's message, with line and column where the format gives them.
        error: String,
    },
    /// The format of an input could not be told from its name or media type.
    #[error(
        "{0}: unknown RDF format (use .ttl, .nt, .nq, .trig, .rdf or .jsonld, or say --format)"
    )]
    UnknownFormat(String),
    /// The data directory is held by another process.
    #[error("the data directory {0} is in use by another idmgraph process; stop it first")]
    Locked(PathBuf),
    /// Reading an input file failed.
    #[error("reading {name}: {source}")]
    Io {
        /// The file that could not be read.
        name: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The storage engine failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The remote SPARQL engine (`--backend sparql:URL`) failed or refused.
    #[error(transparent)]
    Remote(#[from] RemoteError),
    /// The operation has no meaning with a remote backend.
    #[error("{0} is not available with a remote backend: use the SPARQL engine's own tools")]
    NotRemote(&'static str),
}

/// One document to load: a name for messages, its format, and its bytes.
pub struct Input<R> {
    /// File name or request part, used in error messages.
    pub name: String,
    /// The RDF syntax of the document.
    pub format: RdfFormat,
    /// The document itself.
    pub reader: R,
}

/// The shared Oxigraph store with its single writer.
pub struct GraphStore {
    store: Store,
    writer: Mutex<()>,
    version: AtomicU64,
    /// The SPARQL engine that holds the data, when `store` is its working copy.
    remote: Option<Remote>,
    /// The file that records a complete closure, for an on-disk store ([`CLOSURE_MARKER`]).
    marker: Option<PathBuf>,
    /// Whether `marker` holds [`crate::inference::RULES`] (kept in step with the file).
    closure_complete: AtomicBool,
}

/// The file in the data directory that says the inferred graph is complete: it holds
/// [`crate::inference::RULES`]. A bulk write removes it before it starts and writes it back once
/// the closure is committed, so a crash in between, or rules changed since, leaves a store whose
/// closure `serve` recomputes when it opens it. Transactional writes commit their closure with
/// their data and keep it. RocksDB leaves files it does not know alone.
const CLOSURE_MARKER: &str = "idmgraph-closure";

impl GraphStore {
    /// Opens (or creates) the on-disk store in `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(path).map_err(|source| StoreError::Io {
            name: path.display().to_string(),
            source,
        })?;
        let store = Store::open(path).map_err(|e| {
            if e.to_string().contains("lock") {
                StoreError::Locked(path.to_owned())
            } else {
                StoreError::Storage(e)
            }
        })?;
        let marker = path.join(CLOSURE_MARKER);
        let complete = std::fs::read_to_string(&marker)
            .is_ok_and(|rules| rules.trim_end() == crate::inference::RULES);
        Ok(Self {
            marker: Some(marker),
            closure_complete: AtomicBool::new(complete),
            ..Self::from_store(store)
        })
    }

    /// A store in memory, for tests and one-off evaluations.
    pub fn in_memory() -> Result<Self, StoreError> {
        let store = Self::from_store(Store::new()?);
        store.closure_complete.store(true, Ordering::Release);
        Ok(store)
    }

    /// A store whose data lives in a SPARQL 1.1 engine (see [`crate::remote`]): its dataset
    /// is read into an in-memory working copy now, queries are sent to the engine, and every
    /// write goes to the engine first.
    pub fn open_remote(config: RemoteConfig) -> Result<Self, StoreError> {
        let remote = Remote::new(config);
        let store = Store::new()?;
        store.extend(remote.pull()?)?;
        Ok(Self {
            remote: Some(remote),
            ..Self::from_store(store)
        })
    }

    fn from_store(store: Store) -> Self {
        Self {
            store,
            writer: Mutex::new(()),
            version: AtomicU64::new(0),
            remote: None,
            marker: None,
            closure_complete: AtomicBool::new(false),
        }
    }

    /// The underlying Oxigraph store, for reads (the working copy with a remote backend).
    pub fn oxigraph(&self) -> &Store {
        &self.store
    }

    /// The SPARQL engine that holds the data, with a remote backend.
    pub fn remote(&self) -> Option<&Remote> {
        self.remote.as_ref()
    }

    /// The named graphs of the store.
    pub fn named_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut graphs = Vec::new();
        for graph in self.store.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(graph) = graph? {
                graphs.push(graph);
            }
        }
        Ok(graphs)
    }

    /// A number that changes after every committed write.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Whether the last write left the inferred graph complete under the current rules, as the
    /// data directory records it. A store in memory starts complete (empty); the working copy of
    /// a remote backend starts incomplete (the engine's inferred graph is whatever it holds)
    /// until a write recomputes it.
    pub fn closure_is_complete(&self) -> bool {
        self.closure_complete.load(Ordering::Acquire)
    }

    /// Records (or withdraws) that the closure is complete, durably before returning: the
    /// marker file is written aside and renamed, or removed, and the directory synced. The
    /// caller holds the writer lock.
    fn record_closure(&self, complete: bool) -> Result<(), StoreError> {
        if self.closure_is_complete() == complete {
            return Ok(());
        }
        let Some(marker) = &self.marker else {
            self.closure_complete.store(complete, Ordering::Release);
            return Ok(());
        };
        let io = |source| StoreError::Io {
            name: marker.display().to_string(),
            source,
        };
        if complete {
            let aside = marker.with_extension("new");
            let mut file = std::fs::File::create(&aside).map_err(io)?;
            writeln!(file, "{}", crate::inference::RULES).map_err(io)?;
            file.sync_all().map_err(io)?;
            std::fs::rename(&aside, marker).map_err(io)?;
        } else {
            match std::fs::remove_file(marker) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
                _ => {}
            }
        }
        if let Some(directory) = marker.parent() {
            std::fs::File::open(directory)
                .and_then(|d| d.sync_all())
                .map_err(io)?;
        }
        self.closure_complete.store(complete, Ordering::Release);
        Ok(())
    }

    /// Whether the store holds no quad at all.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// Runs `write` as the only writer, inside one transaction that is committed only when
    /// `write` succeeds (and, with a remote backend, only once the engine has taken the change).
    pub fn write<T, E>(
        &self,
        write: impl FnOnce(&mut Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let _guard = self.lock_writer();
        self.write_locked(None, write).map(|(value, _)| value)
    }

    /// [`GraphStore::write`] for a write that only inserts `inserted` (nothing else, not the
    /// inferred graph): when the closure was complete before it, the closure follows from those
    /// quads alone ([`crate::inference::follow_insertions`]) instead of being recomputed from
    /// the whole store.
    pub fn write_inserting<T, E>(
        &self,
        inserted: &[Quad],
        write: impl FnOnce(&mut Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let _guard = self.lock_writer();
        self.write_locked(Some(inserted), write)
            .map(|(value, _)| value)
    }

    fn write_locked<T, E>(
        &self,
        inserted: Option<&[Quad]>,
        write: impl FnOnce(&mut Transaction<'_>) -> Result<T, E>,
    ) -> Result<(T, InferenceStats), E>
    where
        E: From<StoreError>,
    {
        let mut transaction = self.store.start_transaction().map_err(StoreError::from)?;
        let value = write(&mut transaction)?;
        // The closure is brought up to date in the same transaction: data and inferences commit
        // together.
        let followed = match inserted.filter(|_| self.closure_is_complete()) {
            Some(inserted) => crate::inference::follow_insertions(&mut transaction, inserted)
                .map_err(StoreError::from)?,
            None => None,
        };
        let stats = match followed {
            Some(stats) => stats,
            None => crate::inference::recompute(&mut transaction).map_err(StoreError::from)?,
        };
        if let Some(remote) = &self.remote {
            self.send_to_remote(remote, &mut transaction)?;
        }
        transaction.commit().map_err(StoreError::from)?;
        self.version.fetch_add(1, Ordering::AcqRel);
        // Recomputed whole, or followed from a closure that was complete: complete now.
        self.record_closure(true)?;
        Ok((value, stats))
    }

    /// Sends the net change of `transaction` to the engine in one update request, then reads
    /// back the graphs it touched, as the engine now holds them (engines may normalise
    /// literals), into the transaction.
    fn send_to_remote(
        &self,
        remote: &Remote,
        transaction: &mut Transaction<'_>,
    ) -> Result<(), StoreError> {
        let before = self.store.iter().collect::<Result<HashSet<Quad>, _>>()?;
        let after = transaction.iter().collect::<Result<HashSet<Quad>, _>>()?;
        let removed: Vec<Quad> = before.difference(&after).cloned().collect();
        let added: Vec<Quad> = after.difference(&before).cloned().collect();
        remote.apply(&removed, &added)?;
        let touched: HashSet<&GraphName> = removed
            .iter()
            .chain(&added)
            .map(|q| &q.graph_name)
            .collect();
        for graph in touched {
            if let Some(quads) = remote.read_back(graph)? {
                transaction.clear_graph(graph.as_ref())?;
                transaction.extend(&quads);
            }
        }
        Ok(())
    }

    /// Brings the inferred graph ([`crate::inference`]) up to date as the only writer. Every
    /// write already does this; call it when opening a store written by an older idmgraph or
    /// another tool, or to measure. It writes in bulk, not in one transaction (see
    /// [`crate::inference::recompute_in_bulk`]): call it before readers come, as `serve` does.
    /// With a remote backend it is an ordinary write.
    pub fn recompute_inferences(&self) -> Result<InferenceStats, StoreError> {
        let _guard = self.lock_writer();
        if self.remote.is_some() {
            return self
                .write_locked(None, |_| Ok::<_, StoreError>(()))
                .map(|((), stats)| stats);
        }
        self.record_closure(false)?;
        let stats = crate::inference::recompute_in_bulk(&self.store)?;
        self.version.fetch_add(1, Ordering::AcqRel);
        self.record_closure(true)?;
        Ok(stats)
    }

    fn lock_writer(&self) -> MutexGuard<'_, ()> {
        // The guarded value is `()`: a panic in another writer cannot leave it inconsistent.
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Loads documents in one transaction: either all of them are stored or none.
    ///
    /// `graph` puts triples of graph formats into that named graph instead of the default graph.
    /// Returns the number of quads added.
    pub fn load<R: Read>(
        &self,
        inputs: impl IntoIterator<Item = Input<R>>,
        graph: Option<&NamedNode>,
    ) -> Result<usize, StoreError> {
        let _guard = self.lock_writer();
        let before = self.store.len()?;
        let ((), stats) = self.write_locked(None, |transaction| {
            for input in inputs {
                load_into(transaction, input, graph.map(GraphNameRef::from))?;
            }
            Ok::<_, StoreError>(())
        })?;
        Ok(asserted_added(before, self.store.len()?, &stats))
    }

    /// Loads large documents with Oxigraph's bulk loader, atomically: on any error nothing is
    /// stored. The closure is computed from the parsed quads as they stream past
    /// ([`crate::inference::LoadObserver`]) and its new triples are committed in the same bulk
    /// load; inferred triples the load makes stale (asserted now) are removed just after. When
    /// an axiom comes after data it applies to, the closure is written in a second step once
    /// the load is committed; a crash then leaves the data without part of its closure until
    /// the next recomputation, which `idmgraph serve` does at start ([`CLOSURE_MARKER`]). For
    /// the command line; the server uses [`GraphStore::load`].
    ///
    /// Returns the number of quads added outside the inferred graph.
    pub fn bulk_load(
        &self,
        inputs: impl IntoIterator<Item = Input<Box<dyn Read>>>,
        graph: Option<&NamedNode>,
        on_progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<usize, StoreError> {
        if self.remote.is_some() {
            // The engine takes data through updates: the transactional path, in one request.
            return self.load(inputs, graph);
        }
        let _guard = self.lock_writer();
        let before = self.store.len()?;
        let complete_before = self.closure_is_complete();
        self.record_closure(false)?;
        let committed = (|| {
            let mut observer = crate::inference::LoadObserver::new(&self.store)?;
            let mut loader = bulk_loader(&self.store).on_progress(on_progress);
            for input in inputs {
                let quads = parser_for(input.format, graph.map(GraphNameRef::from))
                    .rename_blank_nodes()
                    .for_reader(input.reader)
                    .inspect(|quad| {
                        if let Ok(quad) = quad {
                            observer.observe(quad);
                        }
                    });
                loader
                    .load_ok_quads::<_, LoaderError>(quads)
                    .map_err(|e| loader_error(&input.name, e))?;
            }
            let closure = observer.finish(&self.store)?;
            loader.load_quads(closure.new_quads())?;
            loader.commit()?;
            Ok::<_, StoreError>(closure)
        })();
        let closure = match committed {
            Ok(closure) => closure,
            Err(error) => {
                // Nothing was committed: the closure is what it was.
                self.record_closure(complete_before)?;
                return Err(error);
            }
        };
        let stats = closure.finish(&self.store);
        // After the inferences: a reader of the new version sees them too.
        self.version.fetch_add(1, Ordering::AcqRel);
        let stats = stats?;
        self.record_closure(true)?;
        Ok(asserted_added(before, self.store.len()?, &stats))
    }

    /// Writes the whole dataset in a dataset format (N-Quads or TriG).
    pub fn dump(&self, format: RdfFormat, writer: impl Write) -> Result<(), SerializerError> {
        self.store
            .dump_to_writer(RdfSerializer::from_format(format), writer)
            .map(|_| ())
    }

    /// Writes one graph in a graph format.
    pub fn dump_graph(
        &self,
        graph: GraphNameRef<'_>,
        format: RdfFormat,
        writer: impl Write,
    ) -> Result<(), SerializerError> {
        self.store
            .dump_graph_to_writer(graph, RdfSerializer::from_format(format), writer)
            .map(|_| ())
    }

    /// Whether the named graph exists (the default graph always does).
    pub fn contains_graph(&self, graph: &GraphName) -> Result<bool, StoreError> {
        Ok(match graph {
            GraphName::DefaultGraph => true,
            GraphName::NamedNode(n) => self.store.contains_named_graph(n)?,
            GraphName::BlankNode(b) => self.store.contains_named_graph(b)?,
        })
    }

    /// Copies the store to `target` while it keeps serving (RocksDB checkpoint).
    pub fn backup(&self, target: &Path) -> Result<(), StoreError> {
        if self.remote.is_some() {
            return Err(StoreError::NotRemote("backup"));
        }
        Ok(self.store.backup(target)?)
    }

    /// Flushes pending writes to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(self.store.flush()?)
    }
}

/// Parses `input` into `transaction`; the caller commits or drops the transaction.
///
/// With `graph`, the document's triples go into that graph (the default graph included) and a
/// document naming graphs of its own is refused; without, quads keep their own graphs.
pub fn load_into<R: Read>(
    transaction: &mut Transaction<'_>,
    input: Input<R>,
    graph: Option<GraphNameRef<'_>>,
) -> Result<(), StoreError> {
    let parser = parser_for(input.format, graph);
    transaction
        .load_from_reader(parser, input.reader)
        .map_err(|e| loader_error(&input.name, e))
}

/// Parses `input` as [`load_into`] would load it (blank nodes renamed apart from the store's),
/// for a write that wants its quads in hand ([`GraphStore::write_inserting`]).
pub fn parse<R: Read>(
    input: Input<R>,
    graph: Option<GraphNameRef<'_>>,
) -> Result<Vec<Quad>, StoreError> {
    parser_for(input.format, graph)
        .rename_blank_nodes()
        .for_reader(input.reader)
        .collect::<Result<_, _>>()
        .map_err(|e| loader_error(&input.name, LoaderError::Parsing(e)))
}

/// Removes the graph's content (and, for a named graph, the graph itself) in `transaction`.
pub fn drop_graph(transaction: &mut Transaction<'_>, graph: &GraphName) -> Result<(), StoreError> {
    match graph {
        GraphName::DefaultGraph => transaction.clear_graph(GraphNameRef::DefaultGraph)?,
        GraphName::NamedNode(n) => transaction.remove_named_graph(NamedOrBlankNodeRef::from(n))?,
        GraphName::BlankNode(b) => transaction.remove_named_graph(NamedOrBlankNodeRef::from(b))?,
    }
    Ok(())
}

/// Quads the bulk loader parses before handing them to a thread that sorts and writes them.
/// Oxigraph's default, a million, leaves the other cores idle while the first million are
/// parsed and the parser idle while the last batch is written; 200 k keeps both busy (1 M
/// triples on 2 cores: 12.8 s instead of 19; see docs/benchmarks.md). Each batch becomes its
/// own set of SST files, which RocksDB compacts in the background once the store is open.
const LOAD_BATCH_QUADS: usize = 200_000;

/// Oxigraph's bulk loader with batches of [`LOAD_BATCH_QUADS`] on every core.
pub(crate) fn bulk_loader(store: &Store) -> oxigraph::store::BulkLoader<'_> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    // Oxigraph sizes batches as megabytes × 1000 / threads quads.
    store
        .bulk_loader()
        .with_num_threads(threads)
        .with_max_memory_size_in_megabytes((LOAD_BATCH_QUADS * threads).div_ceil(1000))
}

/// How many quads a write added outside the inferred graph, from the store's sizes before and
/// after it and what the write's recomputation of the closure saw (counting the inferred graph
/// would read it all).
fn asserted_added(before: usize, after: usize, stats: &InferenceStats) -> usize {
    after
        .saturating_sub(stats.inferred)
        .saturating_sub(before.saturating_sub(stats.previous))
}

/// A parser for `format`; with `graph`, the document's default graph goes into that graph and
/// a document naming graphs of its own is refused.
fn parser_for(format: RdfFormat, graph: Option<GraphNameRef<'_>>) -> RdfParser {
    let parser = RdfParser::from_format(format);
    match graph {
        Some(graph) => parser.without_named_graphs().with_default_graph(graph),
        None => parser,
    }
}

fn loader_error(name: &str, error: LoaderError) -> StoreError {
    match error {
        LoaderError::Parsing(RdfParseError::Syntax(e)) => StoreError::Syntax {
            source_name: name.to_owned(),
            error: e.to_string(),
        },
        LoaderError::Parsing(RdfParseError::Io(e)) => StoreError::Syntax {
            source_name: name.to_owned(),
            error: e.to_string(),
        },
        LoaderError::InvalidBaseIri { iri, error } => StoreError::Syntax {
            source_name: name.to_owned(),
            error: format!("invalid base IRI <{iri}>: {error}"),
        },
        LoaderError::Storage(e) => StoreError::Storage(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turtle(name: &str, text: &'static str) -> Input<&'static [u8]> {
        Input {
            name: name.to_owned(),
            format: RdfFormat::Turtle,
            reader: text.as_bytes(),
        }
    }

    fn boxed(name: &str, text: &'static str) -> Input<Box<dyn Read>> {
        Input {
            name: name.to_owned(),
            format: RdfFormat::Turtle,
            reader: Box::new(text.as_bytes()),
        }
    }

    #[test]
    fn the_data_directory_records_a_complete_closure() -> Result<(), Box<dyn std::error::Error>> {
        let directory = tempfile::tempdir()?;
        let data = "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            <http://e/p> rdfs:subPropertyOf <http://e/q> . <http://e/a> <http://e/p> <http://e/b> .";
        {
            let store = GraphStore::open(directory.path())?;
            assert!(
                !store.closure_is_complete(),
                "a new directory records nothing"
            );
            store.bulk_load([boxed("data.ttl", data)], None, |_| {})?;
            assert!(store.closure_is_complete());
            let error = store.bulk_load([boxed("bad.ttl", "<http://e/a> oops")], None, |_| {});
            assert!(error.is_err());
            assert!(
                store.closure_is_complete(),
                "a load that stored nothing changes nothing"
            );
        }
        let marker = directory.path().join(CLOSURE_MARKER);
        {
            let store = GraphStore::open(directory.path())?;
            assert!(
                store.closure_is_complete(),
                "the record outlives the process"
            );
            // Rules changed since the closure was written.
            std::fs::write(&marker, "idmgraph closure rules 0\n")?;
        }
        let store = GraphStore::open(directory.path())?;
        assert!(
            !store.closure_is_complete(),
            "a closure under other rules is not complete"
        );
        store.recompute_inferences()?;
        assert!(store.closure_is_complete());
        assert_eq!(
            std::fs::read_to_string(&marker)?.trim_end(),
            crate::inference::RULES
        );
        let memory = GraphStore::in_memory()?;
        assert!(memory.closure_is_complete(), "an empty store is closed");
        memory.bulk_load([boxed("data.ttl", data)], None, |_| {})?;
        assert!(memory.closure_is_complete());
        Ok(())
    }

    #[test]
    fn a_malformed_document_stores_nothing_of_the_load() -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let good = turtle("good.ttl", "<http://e/a> <http://e/b> <http://e/c> .");
        let bad = turtle(
            "bad.ttl",
            "<http://e/a> <http://e/b> \n  <http://e/c> ;; oops",
        );
        let error = store.load([good, bad], None).unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("bad.ttl: "), "{message}");
        assert!(message.contains("line 2"), "{message}");
        assert!(store.is_empty()?);
        assert_eq!(store.version(), 0);
        Ok(())
    }

    #[test]
    fn loading_into_a_named_graph_moves_triples_there() -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let graph = NamedNode::new("http://e/g")?;
        let added = store.load(
            [turtle("a.ttl", "<http://e/a> <http://e/b> <http://e/c> .")],
            Some(&graph),
        )?;
        assert_eq!(added, 1);
        assert!(store.contains_graph(&GraphName::NamedNode(graph))?);
        assert_eq!(store.version(), 1);
        Ok(())
    }

    #[test]
    fn a_document_with_its_own_graphs_cannot_go_into_one_graph()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let graph = NamedNode::new("http://e/g")?;
        let input = Input {
            name: "a.nq".to_owned(),
            format: RdfFormat::NQuads,
            reader: "<http://e/a> <http://e/b> <http://e/c> <http://e/g2> .".as_bytes(),
        };
        assert!(matches!(
            store.load([input], Some(&graph)),
            Err(StoreError::Syntax { .. })
        ));
        assert!(store.is_empty()?);
        Ok(())
    }
}
