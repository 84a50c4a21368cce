//! Search with autocomplete over the labels, titles, identifiers, acronyms and alternative
//! labels of the graph, with a [tantivy] index held in RAM.
//!
//! The index and the label [`Catalog`] are built together into a [`Snapshot`] tagged with the
//! store's version. [`SearchIndex::snapshot`] hands out the current one, and when the version has
//! moved (every committed write moves it: SPARQL update, graph store, import, load) it starts a
//! rebuild on a thread of its own; readers wait for it until it has run [`PATIENCE`]: the default
//! data (≈450 labelled resources) rebuilds in milliseconds, so search is not behind the store;
//! a store of millions of triples takes minutes, and meanwhile readers are answered from the
//! previous snapshot instead of waiting. A write costs nothing until someone reads.
//!
//! Identifiers are the hard part: "X.1252", "Q10/17" or "SC 27" must match as typed and as they
//! are being typed. Two fields serve that:
//!
//! - `name` / `title`: words (letters and digits, lower case, accents folded), with positions,
//!   for BM25 ranking, phrases and prefix matching of the last word typed;
//! - `keys`: every name *squashed* to its letters and digits, from each word on
//!   ("ITU-T X.1252" gives `itutx1252`, `tx1252`, `x1252`, `1252`), so that "x.1252", "X1252"
//!   and "X.125" (a prefix) all find it, and "SC 27" finds "ISO/IEC JTC 1/SC 27" exactly.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};

use oxigraph::store::StorageError;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::labels::{Catalog, kind_of, natural_key};
use crate::store::GraphStore;

/// Most hits one search returns.
pub const MAX_LIMIT: usize = 50;

/// Longest query text considered, in characters.
const MAX_QUERY_CHARS: usize = 200;

/// Best matches of the index re-ranked with the completion bonus.
const RERANK_POOL: usize = 100;

/// Weight of how complete an identifier the query is (typed length over key length).
const COMPLETION_WEIGHT: f32 = 4.0;

/// How long after a rebuild started readers wait for it; later ones are answered from the
/// previous snapshot at once.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// Name of the word analyser registered with the index.
const WORDS: &str = "idm_words";

/// Errors of building or querying the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Reading the store failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The text index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The rebuild on its own thread failed, and there is no earlier snapshot to answer from.
    #[error("building the search index: {0}")]
    Build(String),
}

/// One resource found.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// Its IRI.
    pub iri: String,
    /// Its name.
    pub label: String,
    /// Its entity kind (`rec`, `sg`…) for IRIs under the entity base.
    pub kind: Option<String>,
    /// Its most specific type, as a label.
    #[serde(rename = "type")]
    pub type_label: Option<String>,
    /// Its identifier, when it has one.
    pub identifier: Option<String>,
    /// Its title, when it has one.
    pub title: Option<String>,
    /// The relevance score (higher is better; only the order means something).
    pub score: f32,
}

/// The hits of one search.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Results {
    /// The query as received.
    pub query: String,
    /// How many resources match in all; `hits` holds the best of them.
    pub total: usize,
    /// The best matches, best first.
    pub hits: Vec<Hit>,
}

/// The catalog and the text index of the store at one version.
pub struct Snapshot {
    /// The store version this was built from.
    pub version: u64,
    /// Labels and types of every labelled resource.
    pub catalog: Catalog,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// IRIs by the `entry` number stored in each document.
    entries: Vec<String>,
    /// The keys of each entry, for ranking completions.
    entry_keys: Vec<Vec<String>>,
}

#[derive(Clone, Copy)]
struct Fields {
    entry: Field,
    name: Field,
    title: Field,
    keys: Field,
}

/// The search index of one store, rebuilt when the store's version moves.
pub struct SearchIndex {
    current: RwLock<Option<Arc<Snapshot>>>,
    building: Mutex<Building>,
    /// Signalled when a rebuild ends.
    built: Condvar,
    patience: Duration,
}

/// The rebuild in progress and how the last one ended.
#[derive(Default)]
struct Building {
    /// When the rebuild in progress started.
    running: Option<Instant>,
    failed: Option<String>,
}

impl Default for SearchIndex {
    fn default() -> Self {
        Self::with_patience(PATIENCE)
    }
}

impl SearchIndex {
    /// An index that will be built on first use.
    pub fn new() -> Self {
        Self::default()
    }

    /// An index whose readers wait for a rebuild until it has run `patience`, then are answered
    /// from the previous snapshot.
    pub fn with_patience(patience: Duration) -> Self {
        Self {
            current: RwLock::default(),
            building: Mutex::default(),
            built: Condvar::new(),
            patience,
        }
    }

    /// The snapshot of the store's current version, or, when that is still being built
    /// [`PATIENCE`] after the rebuild started, the previous one. The first snapshot is always
    /// waited for. Blocks: call it from a blocking thread.
    pub fn snapshot(
        self: &Arc<Self>,
        store: &Arc<GraphStore>,
    ) -> Result<Arc<Snapshot>, SearchError> {
        // Read before building: a write committed meanwhile leaves this snapshot stale, and the
        // next call rebuilds it.
        let version = store.version();
        if let Some(snapshot) = self.current().filter(|s| s.version >= version) {
            return Ok(snapshot);
        }
        let mut building = self.lock_building();
        loop {
            let current = self.current();
            if let Some(snapshot) = current.as_ref().filter(|s| s.version >= version) {
                return Ok(snapshot.clone());
            }
            let Some(started) = building.running else {
                if let Some(error) = building.failed.take() {
                    return current.ok_or(SearchError::Build(error));
                }
                if let Err(error) = self.start_build(store.clone()) {
                    return current.ok_or(SearchError::Build(format!("no thread: {error}")));
                }
                building.running = Some(Instant::now());
                continue;
            };
            let deadline = started + self.patience;
            let now = Instant::now();
            building = match &current {
                None => self
                    .built
                    .wait(building)
                    .unwrap_or_else(|poisoned| poisoned.into_inner()),
                Some(previous) if now >= deadline => return Ok(previous.clone()),
                Some(_) => {
                    self.built
                        .wait_timeout(building, deadline - now)
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                        .0
                }
            };
        }
    }

    /// Builds the snapshot of the store's current version on a thread of its own, then wakes
    /// the readers waiting for it. The caller holds the `building` lock and marks it running.
    fn start_build(self: &Arc<Self>, store: Arc<GraphStore>) -> std::io::Result<()> {
        let index = self.clone();
        let build = move || {
            let version = store.version();
            let started = Instant::now();
            let built = Snapshot::build(&store, version);
            let mut building = index.lock_building();
            match built {
                Ok(snapshot) => {
                    tracing::debug!(
                        version,
                        resources = snapshot.entries.len(),
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        "search index rebuilt"
                    );
                    *index
                        .current
                        .write()
                        .unwrap_or_else(|poisoned| poisoned.into_inner()) =
                        Some(Arc::new(snapshot));
                }
                Err(error) => {
                    tracing::warn!(%error, "building the search index failed");
                    building.failed = Some(error.to_string());
                }
            }
            building.running = None;
            index.built.notify_all();
        };
        std::thread::Builder::new()
            .name("search-index".to_owned())
            .spawn(build)
            .map(drop)
    }

    fn current(&self) -> Option<Arc<Snapshot>> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn lock_building(&self) -> MutexGuard<'_, Building> {
        self.building
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The words of `text` as the index sees them.
fn words(text: &str) -> Vec<String> {
    let mut analyzer = words_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// The keys of a name: its words squashed together from each word on.
fn keys(name: &str) -> Vec<String> {
    let words = words(name);
    (0..words.len())
        .map(|i| words[i..].concat())
        .filter(|key| !key.is_empty() && key.len() <= 64)
        .collect()
}

/// Acronyms that titles give in parentheses: "Decentralized Identifiers (DIDs)" → "DIDs".
fn acronyms(text: &str) -> impl Iterator<Item = &str> {
    text.split('(').skip(1).filter_map(|rest| {
        let inner = rest.split(')').next()?.trim();
        let capitals = inner.chars().filter(|c| c.is_uppercase()).count();
        let plain = inner
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '/'));
        (capitals >= 2 && plain && inner.len() <= 16).then_some(inner)
    })
}

impl Snapshot {
    /// Reads the store and indexes every labelled resource.
    pub fn build(store: &GraphStore, version: u64) -> Result<Self, SearchError> {
        let catalog = Catalog::build(store)?;
        let words_indexing = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let mut schema = Schema::builder();
        let fields = Fields {
            entry: schema.add_u64_field("entry", STORED),
            name: schema.add_text_field("name", words_indexing.clone()),
            title: schema.add_text_field("title", words_indexing),
            keys: schema.add_text_field("keys", STRING),
        };
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(WORDS, words_analyzer());
        // One indexing thread with tantivy's smallest arena (15 MB): the data is small.
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000)?;
        let mut entries = Vec::new();
        let mut entry_keys = Vec::new();
        let mut resources: Vec<_> = catalog
            .iter()
            .filter(|(_, r)| !r.names.is_empty() || !r.titles.is_empty())
            .filter(|(_, r)| !r.is_record())
            .collect();
        resources.sort_by_key(|(iri, _)| *iri);
        for (iri, resource) in resources {
            let mut document = TantivyDocument::default();
            document.add_u64(fields.entry, entries.len() as u64);
            let mut names: Vec<&str> = resource.names.iter().map(String::as_str).collect();
            for text in resource.titles.iter().chain(&resource.names) {
                names.extend(acronyms(text));
            }
            let mut all_keys: Vec<String> = Vec::new();
            for name in &names {
                document.add_text(fields.name, name);
                for key in keys(name) {
                    if !all_keys.contains(&key) {
                        document.add_text(fields.keys, &key);
                        all_keys.push(key);
                    }
                }
            }
            for title in &resource.titles {
                document.add_text(fields.title, title);
            }
            writer.add_document(document)?;
            entries.push(iri.to_owned());
            entry_keys.push(all_keys);
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            version,
            catalog,
            index,
            reader,
            fields,
            entries,
            entry_keys,
        })
    }

    /// The best `limit` (at most [`MAX_LIMIT`]) resources for `text`, and how many match.
    pub fn search(&self, text: &str, limit: usize) -> Result<Results, SearchError> {
        let limit = limit.clamp(1, MAX_LIMIT);
        let query_text: String = text.chars().take(MAX_QUERY_CHARS).collect();
        let Some(query) = self.query(&query_text) else {
            return Ok(Results {
                query: text.to_owned(),
                total: 0,
                hits: Vec::new(),
            });
        };
        let searcher = self.reader.searcher();
        let (top, total) = searcher.search(
            query.as_ref(),
            &(TopDocs::with_limit(RERANK_POOL).order_by_score(), Count),
        )?;
        let squashed = words(&query_text).concat();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let document: TantivyDocument = searcher.doc(address)?;
            let Some(entry) = document
                .get_first(self.fields.entry)
                .and_then(|v| v.as_u64())
                .map(|e| e as usize)
            else {
                continue;
            };
            let Some(iri) = self.entries.get(entry) else {
                continue;
            };
            // A completion that needs fewer characters more is the likelier one: "X.125"
            // is nearer X.1252 than X.1254rev.
            let completion = self.entry_keys[entry]
                .iter()
                .filter(|key| key.starts_with(&squashed))
                .map(|key| squashed.len() as f32 / key.len() as f32)
                .fold(0.0, f32::max);
            let resource = self.catalog.get(iri);
            hits.push(Hit {
                iri: iri.clone(),
                label: self.catalog.label(iri),
                kind: kind_of(iri).map(str::to_owned),
                type_label: self.catalog.type_label(iri),
                identifier: resource.and_then(|r| r.identifier.clone()),
                title: resource.and_then(|r| r.title.clone()),
                score: score + COMPLETION_WEIGHT * completion,
            });
        }
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| natural_key(&a.label).cmp(&natural_key(&b.label)))
        });
        hits.truncate(limit);
        Ok(Results {
            query: text.to_owned(),
            total,
            hits,
        })
    }

    /// The query for `text`: its squashed form as a key (exact, or as a prefix), or all its
    /// words in names and titles (the last one also as a prefix while it is being typed), with
    /// a bonus when they come as a phrase.
    fn query(&self, text: &str) -> Option<Box<dyn Query>> {
        let tokens = words(text);
        if tokens.is_empty() {
            return None;
        }
        let Fields {
            name, title, keys, ..
        } = self.fields;
        let squashed = tokens.concat();
        let typing = !text.ends_with(char::is_whitespace);
        let mut should: Vec<(Occur, Box<dyn Query>)> = vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(term_query(keys, &squashed), 6.0)),
            ),
            (
                Occur::Should,
                Box::new(ConstScoreQuery::new(prefix_query(keys, &squashed)?, 2.0)),
            ),
        ];
        let mut all_words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, token) in tokens.iter().take(16).enumerate() {
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(term_query(name, token), 2.0)),
                ),
                (Occur::Should, term_query(title, token)),
            ];
            if typing && i + 1 == tokens.len() {
                alternatives.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(prefix_query(name, token)?, 0.5)),
                ));
                alternatives.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(prefix_query(title, token)?, 0.3)),
                ));
            }
            all_words.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
        }
        should.push((Occur::Should, Box::new(BooleanQuery::new(all_words))));
        if tokens.len() > 1 {
            let terms = tokens
                .iter()
                .map(|t| Term::from_field_text(name, t))
                .collect();
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), 2.0)),
            ));
        }
        Some(Box::new(BooleanQuery::new(should)) as Box<dyn Query>)
    }

    /// The index itself, for diagnostics.
    pub fn index(&self) -> &Index {
        &self.index
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn prefix_query(field: Field, text: &str) -> Option<Box<dyn Query>> {
    RegexQuery::from_pattern(&format!("{}.*", regex::escape(text)), field)
        .ok()
        .map(|q| Box::new(q) as Box<dyn Query>)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;
    use crate::vocab::ID_BASE;

    #[test]
    fn names_give_keys_from_each_word_on() {
        assert_eq!(
            keys("ITU-T X.1252"),
            ["itutx1252", "tx1252", "x1252", "1252"]
        );
        assert_eq!(keys("Q10/17"), ["q1017", "17"]);
        assert_eq!(
            words("Décentralisé  Identity"),
            ["decentralise", "identity"]
        );
    }

    #[test]
    fn acronyms_in_parentheses_are_names() {
        let found: Vec<_> =
            acronyms("Decentralized Identifiers (DIDs) v1.0 and (not this) (JCA-IdM)").collect();
        assert_eq!(found, ["DIDs", "JCA-IdM"]);
    }

    fn top(snapshot: &Snapshot, text: &str) -> Result<Vec<String>, SearchError> {
        Ok(snapshot
            .search(text, 8)?
            .hits
            .into_iter()
            .map(|h| h.iri.trim_start_matches(ID_BASE).to_owned())
            .collect())
    }

    #[test]
    fn identifiers_match_as_typed_and_while_typed() -> Result<(), Box<dyn std::error::Error>> {
        let store = Arc::new(GraphStore::in_memory()?);
        crate::data::load_default_data(&store)?;
        let index = Arc::new(SearchIndex::new());
        let snapshot = index.snapshot(&store)?;
        for (typed, first) in [
            ("X.1252", "rec/itut-x1252"),
            ("x1252", "rec/itut-x1252"),
            ("Q10/17", "question/q10-17"),
            ("SC 27", "wg/jtc1-sc27"),
        ] {
            let found = top(&snapshot, typed)?;
            assert_eq!(
                found.first().map(String::as_str),
                Some(first),
                "{typed}: {found:?}"
            );
        }
        let partial = top(&snapshot, "X.125")?;
        // Provenance records of links and overlap findings are not search results.
        assert!(
            partial
                .iter()
                .all(|iri| !iri.starts_with("link/") && !iri.starts_with("overlap/")),
            "{partial:?}"
        );
        assert!(
            partial.iter().any(|iri| iri == "rec/itut-x1252"),
            "{partial:?}"
        );
        let partial = top(&snapshot, "Q10/1")?;
        assert!(
            partial.iter().any(|iri| iri == "question/q10-17"),
            "{partial:?}"
        );
        assert!(top(&snapshot, "  ")?.is_empty());
        // The same snapshot while the store does not change; a new one after a write.
        assert!(Arc::ptr_eq(&snapshot, &index.snapshot(&store)?));
        label(&store, "rec/itut-x9999", "ITU-T X.9999")?;
        let after = index.snapshot(&store)?;
        assert!(!Arc::ptr_eq(&snapshot, &after));
        assert_eq!(
            top(&after, "X.9999")?.first().map(String::as_str),
            Some("rec/itut-x9999")
        );
        Ok(())
    }

    fn label(store: &GraphStore, slug: &str, name: &str) -> Result<(), StoreError> {
        let iri = format!("{ID_BASE}{slug}");
        store.write(|tx| {
            tx.insert(oxigraph::model::QuadRef::new(
                oxigraph::model::NamedNodeRef::new_unchecked(&iri),
                oxigraph::model::vocab::rdfs::LABEL,
                oxigraph::model::LiteralRef::new_simple_literal(name),
                crate::vocab::graph::LANDSCAPE,
            ));
            Ok::<_, StoreError>(())
        })
    }

    #[test]
    fn past_its_patience_a_reader_gets_the_previous_snapshot_while_the_next_is_built()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = Arc::new(GraphStore::in_memory()?);
        crate::data::load_default_data(&store)?;
        let index = Arc::new(SearchIndex::with_patience(Duration::ZERO));
        // The first snapshot is waited for, whatever the patience.
        let first = index.snapshot(&store)?;
        assert_eq!(first.version, store.version());
        label(&store, "rec/itut-x9998", "ITU-T X.9998")?;
        // The rebuild starts on its own thread; this reader does not wait for it.
        let stale = index.snapshot(&store)?;
        assert!(Arc::ptr_eq(&first, &stale));
        assert!(
            top(&stale, "X.9998")?
                .first()
                .is_none_or(|f| f != "rec/itut-x9998")
        );
        // Readers keep being answered until it is there; no second rebuild starts meanwhile.
        let waited = Instant::now();
        let fresh = loop {
            let snapshot = index.snapshot(&store)?;
            if snapshot.version == store.version() {
                break snapshot;
            }
            assert!(Arc::ptr_eq(&first, &snapshot));
            assert!(
                waited.elapsed() < Duration::from_secs(60),
                "no rebuild came"
            );
            std::thread::sleep(Duration::from_millis(5));
        };
        assert_eq!(
            top(&fresh, "X.9998")?.first().map(String::as_str),
            Some("rec/itut-x9998")
        );
        Ok(())
    }
}
