//! The command line: `idmgraph serve | load | import | query | update | dump | backup | export |
//! validate | infer | extract | ingest | overlaps | allocate`.
//!
//! Doc comments here are the `--help` text.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, NamedNode};
use oxigraph::sparql::CancellationToken;
use oxigraph::sparql::results::QueryResultsFormat;

use crate::http::{self, AppState, HttpConfig};
use crate::sparql::{self, Dataset, QueryForm, ResultsFormat, SparqlOptions};
use crate::store::{GraphStore, Input};

mod analysis;

pub use analysis::{AllocateArgs, OutputFormat, OverlapsArgs};

/// idmgraph: a knowledge graph of identity-management standards, served over SPARQL.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Directory of the on-disk store (created when missing).
    #[arg(
        long,
        global = true,
        env = "IDMGRAPH_DATA",
        default_value = "idmgraph-data"
    )]
    pub data: PathBuf,
    /// A SPARQL 1.1 engine to keep the data in, instead of --data.
    #[command(flatten)]
    pub backend: BackendArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The options of a remote backend (`--backend sparql:URL`).
#[derive(Debug, Args)]
pub struct BackendArgs {
    /// Keep the data in a SPARQL 1.1 engine instead of --data: `sparql:URL` of its query
    /// endpoint. idmgraph sends it every query and update, and keeps a working copy in memory
    /// for search, browsing, overlaps, allocation and inference.
    #[arg(
        long,
        global = true,
        env = "IDMGRAPH_BACKEND",
        value_name = "sparql:URL"
    )]
    pub backend: Option<String>,
    /// The engine's update endpoint, when it is not the query endpoint.
    #[arg(
        long,
        global = true,
        env = "IDMGRAPH_BACKEND_UPDATE",
        value_name = "URL"
    )]
    pub backend_update: Option<String>,
    /// User for the engine (HTTP Basic authentication).
    #[arg(
        long,
        global = true,
        env = "IDMGRAPH_BACKEND_USER",
        requires = "backend_password"
    )]
    pub backend_user: Option<String>,
    /// Password for the engine.
    #[arg(
        long,
        global = true,
        env = "IDMGRAPH_BACKEND_PASSWORD",
        hide_env_values = true
    )]
    pub backend_password: Option<String>,
    /// Seconds one request to the engine may take.
    #[arg(
        long,
        global = true,
        env = "IDMGRAPH_BACKEND_TIMEOUT",
        default_value_t = 60
    )]
    pub backend_timeout: u64,
}

impl BackendArgs {
    /// The engine to use, when --backend names one.
    fn remote_config(&self) -> anyhow::Result<Option<crate::remote::RemoteConfig>> {
        let Some(backend) = &self.backend else {
            return Ok(None);
        };
        let mut config = crate::remote::RemoteConfig::from_backend(backend)?;
        config.update_url = self.backend_update.clone();
        config.credentials = self.backend_user.clone().zip(self.backend_password.clone());
        config.timeout = Duration::from_secs(self.backend_timeout);
        Ok(Some(config))
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the SPARQL endpoint; loads the ontology and default data into an empty store.
    Serve(ServeArgs),
    /// Load RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) in one transaction.
    Load(LoadArgs),
    /// Import the landscape CSV (entities, and relations between them) into the landscape graph.
    Import(ImportArgs),
    /// Run a SPARQL query and print its results.
    Query(QueryArgs),
    /// Run a SPARQL update.
    Update(UpdateArgs),
    /// Write the whole store (or one graph) as RDF.
    Dump(DumpArgs),
    /// Copy the store to a new directory (a consistent snapshot).
    Backup(BackupArgs),
    /// Write a document generated from the graph.
    Export(ExportArgs),
    /// Check the store against the SHACL shapes; exits non-zero when it does not conform.
    Validate(ValidateArgs),
    /// Rebuild the inferred graph (every write already does) and say how long it took: after
    /// writing the data directory with another tool, which `serve` cannot tell.
    Infer,
    /// List the items that overlap an item (--item) or all overlapping pairs (--all), with
    /// scores and reasons; or recompute the overlaps graph (--materialise). An empty store
    /// gets the default data first.
    Overlaps(OverlapsArgs),
    /// Recommend the study groups and Questions that should take a proposed work item, best
    /// first, with reasons. An empty store gets the default data first.
    Allocate(AllocateArgs),
    /// Print what a plain-text (UTF-8) document mentions — Recommendations, standards, study
    /// groups, Questions, organisations, resolutions, coordination bodies, people, clauses — as
    /// JSON, or as Turtle with each mention's character span. Needs no store.
    Extract(ExtractArgs),
    /// Store a plain-text (UTF-8) document in a graph of its own, linked to every entity it
    /// mentions (the store's, or new ones when nothing matches), each link with its provenance;
    /// prints which entities were matched and which created. Ingesting twice changes nothing.
    Ingest(IngestArgs),
}

/// Options of `idmgraph serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "IDMGRAPH_BIND", default_value = "127.0.0.1:7878")]
    pub bind: SocketAddr,
    /// Bearer token that updates and graph-store writes must carry. Without it the service is
    /// read-only.
    #[arg(long, env = "IDMGRAPH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Take writes WITHOUT a token. Only for local or test instances.
    #[arg(long, env = "IDMGRAPH_OPEN_WRITES")]
    pub open_writes: bool,
    /// Seconds after which a query is cancelled.
    #[arg(long, env = "IDMGRAPH_QUERY_TIMEOUT", default_value_t = 30)]
    pub query_timeout: u64,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "IDMGRAPH_BODY_LIMIT", default_value_t = 64 * 1024 * 1024)]
    pub body_limit: usize,
    /// Origin allowed to call the service from a browser (repeatable; `*` for any).
    #[arg(
        long = "cors-origin",
        env = "IDMGRAPH_CORS_ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,
    /// Let SPARQL `SERVICE` and `LOAD` fetch remote URLs.
    #[arg(long, env = "IDMGRAPH_ALLOW_REMOTE")]
    pub allow_remote: bool,
    /// Make the default graph of queries the store's default graph alone, instead of the
    /// union of all graphs.
    #[arg(long)]
    pub no_union_default_graph: bool,
    /// Do not load the default data into an empty store.
    #[arg(long)]
    pub empty: bool,
    /// Most rows a query answers with; a cut is declared in the `idmgraph-results-truncated`
    /// response header. Unlimited when not given.
    #[arg(long, env = "IDMGRAPH_MAX_ROWS")]
    pub max_rows: Option<usize>,
    /// MiB of query results kept in the result cache (0 turns it off).
    #[arg(long, env = "IDMGRAPH_CACHE_MIB", default_value_t = 64)]
    pub cache_mib: usize,
}

/// Options of `idmgraph load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Files to load; their format is told by their extension.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Named graph to load graph formats into (default: the default graph).
    #[arg(long)]
    pub graph: Option<String>,
    /// Format of all files, as an extension (ttl, nt, nq, trig, rdf, jsonld) or media type.
    #[arg(long)]
    pub format: Option<String>,
    /// Validate first: load into a scratch in-memory copy of the store, check it against the
    /// SHACL shapes, and store nothing unless it conforms.
    #[arg(long)]
    pub validate: bool,
    /// Turtle SHACL shapes for --validate (default: the embedded ontology/shapes.ttl).
    #[arg(long, requires = "validate")]
    pub shapes: Option<PathBuf>,
}

/// Options of `idmgraph validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Turtle SHACL shapes (default: the embedded ontology/shapes.ttl).
    #[arg(long)]
    pub shapes: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Options of `idmgraph query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query text (or use --file, or --named).
    #[arg(required_unless_present_any = ["file", "named"], conflicts_with_all = ["file", "named"])]
    pub query: Option<String>,
    /// File holding the query.
    #[arg(long, conflicts_with = "named")]
    pub file: Option<PathBuf>,
    /// Run the named query NAME from queries/ (e.g. roadmap, topic-allocation; GET /queries
    /// lists them).
    #[arg(long, value_name = "NAME")]
    pub named: Option<String>,
    /// A parameter of the named query, NAME=VALUE (repeatable). IRIs as <https://…>, bare
    /// absolute IRIs, or kind:slug (sg:sg17, topic:identity-management).
    #[arg(long = "param", value_name = "NAME=VALUE", requires = "named")]
    pub params: Vec<String>,
    /// Output format: json, xml, csv, tsv for SELECT/ASK; ttl, nt, nq, trig, rdf, jsonld for
    /// CONSTRUCT/DESCRIBE.
    #[arg(long)]
    pub format: Option<String>,
    /// Seconds after which the query is cancelled.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
}

/// Options of `idmgraph update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The update text (or use --file).
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    pub update: Option<String>,
    /// File holding the update.
    #[arg(long)]
    pub file: Option<PathBuf>,
}

/// Options of `idmgraph dump`.
#[derive(Debug, Args)]
pub struct DumpArgs {
    /// File to write (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Format, as an extension: nq or trig for the dataset; ttl, nt, rdf, jsonld too for one graph.
    #[arg(long)]
    pub format: Option<String>,
    /// Dump only this named graph (`default` for the default graph).
    #[arg(long)]
    pub graph: Option<String>,
    /// Write canonical N-Quads (RDFC-1.0: blank nodes relabelled, lines sorted), so two dumps
    /// of the same data are identical and diff cleanly.
    #[arg(long, conflicts_with = "format")]
    pub canonical: bool,
}

/// Options of `idmgraph export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The document to write.
    #[command(subcommand)]
    pub document: ExportDocument,
}

/// Documents `idmgraph export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportDocument {
    /// The IdM landscape (roadmap) table: items by organisation and category, with identifier,
    /// title, status, year and topics (the named query `roadmap`).
    Landscape(LandscapeArgs),
}

/// Options of `idmgraph export landscape`.
#[derive(Debug, Args)]
pub struct LandscapeArgs {
    /// Format: html, csv or md.
    #[arg(long, default_value = "html")]
    pub format: crate::export::LandscapeFormat,
    /// File to write (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Options of `idmgraph import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The entities CSV (`id,type,label,title,publisher/owner,year/status,topics,source_url`).
    #[arg(long)]
    pub entities: PathBuf,
    /// The relations CSV (`subject_id,relation,object_id,note,source_url`); its ids are those
    /// of the entities file.
    #[arg(long)]
    pub relations: Option<PathBuf>,
}

/// Options of `idmgraph extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The text file (liaison statement, meeting report, terms of reference).
    pub file: PathBuf,
    /// Output format: json (the values of each category) or turtle (each mention as a W3C Web
    /// Annotation with its character span).
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExtractFormat,
}

/// Output formats of `idmgraph extract`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExtractFormat {
    /// One list of normalised values per category.
    Json,
    /// The mentions as RDF, with their spans.
    Turtle,
}

/// Options of `idmgraph ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The text file (liaison statement, meeting report, terms of reference).
    pub file: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Options of `idmgraph backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Directory to create with the copy; must not exist.
    pub target: PathBuf,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Extract(args) = &cli.command {
        return extract(args);
    }
    let store = open_store(&cli)?;
    match cli.command {
        Command::Serve(args) => serve(store, args),
        Command::Load(args) => load(&store, args),
        Command::Import(args) => import(&store, &args),
        Command::Query(args) => query(&store, args),
        Command::Update(args) => update(&store, args),
        Command::Dump(args) => dump(&store, args),
        Command::Backup(args) => {
            store
                .backup(&args.target)
                .with_context(|| format!("backing up to {}", args.target.display()))?;
            eprintln!("backup written to {}", args.target.display());
            Ok(())
        }
        Command::Export(args) => export(&store, args),
        Command::Validate(args) => validate(&store, args),
        Command::Overlaps(args) => analysis::overlaps(&store, &args),
        Command::Allocate(args) => analysis::allocate(&store, &args),
        Command::Extract(args) => extract(&args),
        Command::Ingest(args) => ingest(&store, &args),
        Command::Infer => {
            let stats = store
                .recompute_inferences()
                .context("recomputing the inferred graph")?;
            eprintln!(
                "{} triples inferred from {} asserted ({} axioms) in {:.1} ms",
                stats.inferred,
                stats.asserted,
                stats.axioms,
                stats.elapsed.as_secs_f64() * 1000.0
            );
            Ok(())
        }
    }
}

/// Builds what the web pages read (labels and the search index) on a thread of its own while
/// the server starts taking requests, so the first page does not pay for it; a page that comes
/// earlier waits for the same build, never starts a second one.
fn warm_up(state: &AppState) {
    let (search, store) = (state.search.clone(), state.store.clone());
    let spawned = std::thread::Builder::new()
        .name("warm-up".to_owned())
        .spawn(move || {
            let started = std::time::Instant::now();
            match search.snapshot(&store) {
                Ok(_) => tracing::info!(elapsed = ?started.elapsed(), "built the search index"),
                Err(error) => tracing::warn!(%error, "building the search index failed"),
            }
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "no warm-up thread: the first page builds the search index");
    }
}

/// The on-disk store in --data, or the working copy of the engine named by --backend.
fn open_store(cli: &Cli) -> anyhow::Result<GraphStore> {
    match cli.backend.remote_config()? {
        Some(config) => {
            let url = config.query_url.clone();
            GraphStore::open_remote(config)
                .with_context(|| format!("reading the dataset of sparql:{url}"))
        }
        None => GraphStore::open(&cli.data)
            .with_context(|| format!("opening the store in {}", cli.data.display())),
    }
}

fn serve(store: GraphStore, args: ServeArgs) -> anyhow::Result<()> {
    if store.is_empty()? && !args.empty {
        let added = crate::data::load_default_data(&store).context("loading the default data")?;
        tracing::info!(
            quads = added,
            "loaded the default data into the empty store"
        );
    }
    if store.closure_is_complete() {
        tracing::info!("the inferred graph is complete, as the last write recorded");
    } else if !store.is_empty()? {
        // A store written by an older idmgraph or another tool, or a bulk write cut short.
        let stats = store
            .recompute_inferences()
            .context("recomputing the inferred graph")?;
        tracing::info!(inferred = stats.inferred, elapsed = ?stats.elapsed, "recomputed the inferred graph");
    }
    if args.open_writes {
        tracing::warn!(
            "--open-writes: this instance takes updates and graph writes from ANYONE; use it only locally or in tests"
        );
    } else if args.token.is_none() {
        tracing::info!("no --token given: the service is read-only");
    }
    let config = HttpConfig {
        token: args.token,
        open_writes: args.open_writes,
        query_timeout: Duration::from_secs(args.query_timeout),
        body_limit: args.body_limit,
        cors_origins: args.cors_origins,
        sparql: SparqlOptions {
            union_default_graph: !args.no_union_default_graph,
            allow_remote: args.allow_remote,
        },
        max_rows: args.max_rows,
        cache_bytes: args.cache_mib * 1024 * 1024,
    };
    let store = Arc::new(store);
    let state = AppState::new(store.clone(), config);
    warm_up(&state);
    let app = http::router(state);
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("binding {}", args.bind))?;
        let address = listener.local_addr()?;
        // Tests and scripts read this line to find the port when binding port 0.
        println!("idmgraph listening on http://{address}");
        io::stdout().flush()?;
        // TCP_NODELAY: a streamed response goes out in several small writes (head, chunks,
        // end), and with Nagle's algorithm against the client's delayed ACKs each could wait
        // up to 40 ms (scripts/bench-server measured a p99 of 40 ms on `ASK {}` without it).
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::debug!(%error, "could not set TCP_NODELAY");
            }
        });
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("serving")
    })?;
    store.flush()?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

fn rdf_format(name: &str) -> Option<RdfFormat> {
    RdfFormat::from_extension(name).or_else(|| RdfFormat::from_media_type(name))
}

fn load(store: &GraphStore, args: LoadArgs) -> anyhow::Result<()> {
    let graph = args
        .graph
        .as_deref()
        .map(NamedNode::new)
        .transpose()
        .context("--graph must be an absolute IRI")?;
    let forced = match &args.format {
        Some(name) => Some(rdf_format(name).with_context(|| format!("unknown format {name}"))?),
        None => None,
    };
    if args.validate {
        let shapes = shapes(args.shapes.as_deref())?;
        let report = crate::validate::dry_run(store, &shapes, |scratch| -> anyhow::Result<()> {
            scratch.load(open_inputs(&args.files, forced)?, graph.as_ref())?;
            Ok(())
        })?;
        if !report.conforms {
            eprint!("{report}");
            bail!("the data does not conform to the SHACL shapes: nothing was loaded");
        }
    }
    let started = std::time::Instant::now();
    let added = with_load_progress(|progress| -> anyhow::Result<usize> {
        let progress = progress.clone();
        Ok(store.bulk_load(
            open_inputs(&args.files, forced)?,
            graph.as_ref(),
            move |triples| progress.set_position(triples),
        )?)
    })?;
    eprintln!(
        "loaded {} file(s): {added} quads added in {:.1} s",
        args.files.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Runs `load` with a spinner on standard error counting the triples loaded, shown only when
/// the load takes more than a couple of seconds (and only on a terminal: indicatif hides it
/// otherwise). The count comes from Oxigraph's bulk loader, per batch; committing and the
/// inferred graph come after its last report, while the elapsed time keeps going.
fn with_load_progress<T>(load: impl FnOnce(&indicatif::ProgressBar) -> T) -> T {
    const SHOW_AFTER: Duration = Duration::from_secs(2);
    let progress = indicatif::ProgressBar::hidden();
    progress.set_style(
        indicatif::ProgressStyle::with_template("{spinner} loading {elapsed}: {human_pos} triples")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let result = std::thread::scope(|scope| {
        let shown = &progress;
        scope.spawn(move || {
            // Woken early (or disconnected) when the load is over: a quick load draws nothing.
            let timeout = Err(std::sync::mpsc::RecvTimeoutError::Timeout);
            if finished.recv_timeout(SHOW_AFTER) == timeout {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(200));
            }
        });
        let result = load(&progress);
        drop(done);
        result
    });
    // After the helper thread has ended (the scope joins it): nothing is drawn after this.
    progress.finish_and_clear();
    result
}

fn open_inputs(
    files: &[PathBuf],
    forced: Option<RdfFormat>,
) -> anyhow::Result<Vec<Input<Box<dyn Read>>>> {
    let mut inputs: Vec<Input<Box<dyn Read>>> = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let format = match forced {
            Some(format) => format,
            None => format_of(path)?,
        };
        let file = File::open(path).with_context(|| format!("opening {name}"))?;
        inputs.push(Input {
            name,
            format,
            reader: Box::new(BufReader::new(file)),
        });
    }
    Ok(inputs)
}

fn shapes(path: Option<&Path>) -> anyhow::Result<crate::validate::Shapes> {
    Ok(match path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            crate::validate::Shapes::parse(&path.display().to_string(), &text)?
        }
        None => crate::validate::Shapes::embedded()?,
    })
}

fn validate(store: &GraphStore, args: ValidateArgs) -> anyhow::Result<()> {
    let shapes = shapes(args.shapes.as_deref())?;
    let report = crate::validate::validate_store(store, &shapes).context("validating the store")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{report}");
    }
    if !report.conforms {
        bail!(
            "the store does not conform to the SHACL shapes ({} result(s))",
            report.results.len()
        );
    }
    Ok(())
}

fn import(store: &GraphStore, args: &ImportArgs) -> anyhow::Result<()> {
    use crate::ingest::landscape::{self, CsvText};
    let read = |path: &Path| {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
    };
    let entities = read(&args.entities)?;
    let relations = args.relations.as_deref().map(read).transpose()?;
    let (entities_name, relations_name) = (
        args.entities.display().to_string(),
        args.relations
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    );
    let parsed = landscape::parse(
        CsvText {
            name: &entities_name,
            text: &entities,
        },
        relations.as_deref().map(|text| CsvText {
            name: &relations_name,
            text,
        }),
    )?;
    // The overlaps graph is recomputed in the import's transaction: data and overlaps commit
    // together (src/overlap/materialise.rs).
    let (added, overlaps) = store
        .write(|transaction| {
            let added = parsed
                .insert_into(transaction)
                .map_err(crate::store::StoreError::from)?;
            let overlaps = crate::overlap::materialise::materialise(
                transaction,
                crate::overlap::service::DEFAULT_MIN_SCORE,
            )?;
            Ok::<_, crate::store::StoreError>((added, overlaps))
        })
        .context("storing the landscape")?;
    let report = landscape::ImportReport {
        quads_added: added,
        ..parsed.report().clone()
    };
    write!(io::stdout().lock(), "{report}").context("writing the report")?;
    eprintln!(
        "overlaps graph recomputed: {} pairs ({} known) in {:.0} ms",
        overlaps.pairs,
        overlaps.known,
        overlaps.elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}

fn extract(args: &ExtractArgs) -> anyhow::Result<()> {
    use crate::ingest::liaison;
    let name = args.file.display();
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {name}"))?;
    let out = match args.format {
        ExtractFormat::Json => liaison::extraction_json(&bytes),
        ExtractFormat::Turtle => liaison::extraction_turtle(&bytes),
    }
    .with_context(|| format!("extracting from {name}"))?;
    io::stdout().lock().write_all(out.as_bytes())?;
    Ok(())
}

fn ingest(store: &GraphStore, args: &IngestArgs) -> anyhow::Result<()> {
    let name = args.file.display();
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {name}"))?;
    let report = crate::ingest::liaison::ingest(store, &bytes)
        .with_context(|| format!("ingesting {name}"))?;
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)
    } else {
        write!(out, "{report}")
    }
    .context("writing the report")
}

fn format_of(path: &Path) -> anyhow::Result<RdfFormat> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    RdfFormat::from_extension(extension).with_context(|| {
        format!(
            "{}: unknown RDF format (use .ttl, .nt, .nq, .trig, .rdf or .jsonld, or --format)",
            path.display()
        )
    })
}

fn text_of(inline: Option<String>, file: Option<&Path>) -> anyhow::Result<String> {
    match (inline, file) {
        (Some(text), _) => Ok(text),
        (None, Some(path)) => {
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
        }
        (None, None) => bail!("give the text or --file"),
    }
}

fn query(store: &GraphStore, args: QueryArgs) -> anyhow::Result<()> {
    let query = match &args.named {
        Some(name) => {
            let given = crate::queries::parse_assignments(&args.params)?;
            crate::queries::prepare(name, &given)
                .with_context(|| format!("running the named query {name}"))?
        }
        None => sparql::parse_query(&text_of(args.query, args.file.as_deref())?, None)?,
    };
    let form = QueryForm::of(&query);
    let format = match (&args.format, form.is_graph()) {
        (None, false) => ResultsFormat::Table(QueryResultsFormat::Tsv),
        (None, true) => ResultsFormat::Graph(RdfFormat::Turtle),
        (Some(name), false) => ResultsFormat::Table(
            QueryResultsFormat::from_extension(name)
                .with_context(|| format!("{name} is not a results format (json, xml, csv, tsv)"))?,
        ),
        (Some(name), true) => ResultsFormat::Graph(
            rdf_format(name).with_context(|| format!("{name} is not an RDF format"))?,
        ),
    };
    let token = CancellationToken::new();
    let deadline = token.clone();
    let timeout = Duration::from_secs(args.timeout);
    std::thread::spawn(move || {
        std::thread::sleep(timeout);
        deadline.cancel();
    });
    let results = sparql::evaluate_query(
        store,
        query,
        &Dataset::default(),
        Vec::new(),
        &SparqlOptions::default(),
        token,
    )?;
    let stdout = io::stdout().lock();
    let mut out = BufWriter::new(stdout);
    sparql::write_results(results, format, None, |_| &mut out)?;
    out.flush()?;
    Ok(())
}

fn export(store: &GraphStore, args: ExportArgs) -> anyhow::Result<()> {
    let ExportDocument::Landscape(args) = args.document;
    let text = crate::export::landscape(
        store,
        args.format,
        &SparqlOptions::default(),
        CancellationToken::new(),
    )
    .context("generating the landscape")?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

fn update(store: &GraphStore, args: UpdateArgs) -> anyhow::Result<()> {
    let text = text_of(args.update, args.file.as_deref())?;
    let update = sparql::parse_update(&text, None)?;
    let before = store.len()?;
    sparql::execute_update(
        store,
        update,
        &Dataset::default(),
        &SparqlOptions::default(),
    )?;
    let after = store.len()?;
    eprintln!("update done: {before} quads before, {after} after");
    Ok(())
}

fn dump(store: &GraphStore, args: DumpArgs) -> anyhow::Result<()> {
    let writer: Box<dyn Write> = match &args.output {
        Some(path) => {
            Box::new(File::create(path).with_context(|| format!("creating {}", path.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let writer = BufWriter::new(writer);
    if args.canonical {
        let named;
        let graph = match args.graph.as_deref() {
            None => None,
            Some("default") => Some(GraphNameRef::DefaultGraph),
            Some(graph) => {
                named = NamedNode::new(graph)
                    .context("--graph must be an absolute IRI or `default`")?;
                Some(GraphNameRef::NamedNode(named.as_ref()))
            }
        };
        let mut writer = writer;
        crate::canonical::write_canonical(store, graph, &mut writer)
            .context("writing the canonical dump")?;
        writer.flush()?;
        return Ok(());
    }
    match args.graph.as_deref() {
        None => {
            let format = match args.format.as_deref() {
                Some(name) => rdf_format(name).with_context(|| format!("unknown format {name}"))?,
                None => RdfFormat::NQuads,
            };
            if !format.supports_datasets() {
                bail!(
                    "{} cannot hold several graphs: dump with --format nq or trig, or name a --graph",
                    format.name()
                );
            }
            store.dump(format, writer)?;
        }
        Some(graph) => {
            let format = match args.format.as_deref() {
                Some(name) => rdf_format(name).with_context(|| format!("unknown format {name}"))?,
                None => RdfFormat::Turtle,
            };
            let named;
            let graph = if graph == "default" {
                GraphNameRef::DefaultGraph
            } else {
                named = NamedNode::new(graph)
                    .context("--graph must be an absolute IRI or `default`")?;
                GraphNameRef::NamedNode(named.as_ref())
            };
            store.dump_graph(graph, format, writer)?;
        }
    }
    Ok(())
}
