//! A cache of serialised query results, keyed by the query and the store's version.
//!
//! The key holds the query as parsed and printed again (so spacing, comments and prefix
//! spelling do not matter; see [`normalised_query`]), the dataset, the results format and
//! [`GraphStore::version`](crate::store::GraphStore::version) read *before* evaluation. Every
//! committed write moves the version, so an entry can never be served after a write: it is
//! simply never asked for again and ages out. A result is cached only when it was produced
//! whole and fits [`ResultCache::max_entry_bytes`]; bigger results stream without a copy.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::body::Bytes;
use prometheus_client::metrics::counter::Counter;
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use regex::{Captures, Regex};
use spargebra::Query;

/// `query` printed in a form that is the same for every parse of the same text.
///
/// The parser names what the text leaves anonymous — aggregates, `[]` and `(...)` blank nodes,
/// property path steps — with fresh random names (32 hex digits), so two parses of one query
/// print differently. Those names are replaced here by `?#1`, `?#2`, ... (`_:#1`, ... for blank
/// nodes) in order of first appearance: no SPARQL text can contain such a name, so two different
/// queries never share a key. A variable a user named with 25 or more hex digits is renamed the
/// same way, which is harmless: renaming is one-to-one within the query.
pub fn normalised_query(query: &Query) -> String {
    static GENERATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<sigil>[?$]|_:)(?P<name>[0-9a-f]{25,32})\b").expect("a valid pattern")
    });
    let printed = query.to_string();
    let mut names: HashMap<String, usize> = HashMap::new();
    GENERATED
        .replace_all(&printed, |captures: &Captures<'_>| {
            let next = names.len() + 1;
            let number = *names.entry(captures["name"].to_owned()).or_insert(next);
            let sigil = if &captures["sigil"] == "_:" {
                "_:"
            } else {
                "?"
            };
            format!("{sigil}#{number}")
        })
        .into_owned()
}

/// What identifies one result.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    /// The store version the result was computed at.
    pub version: u64,
    /// The query, normalised (parsed and printed).
    pub query: String,
    /// Dataset and bindings, printed.
    pub context: String,
    /// Media type of the serialisation.
    pub media_type: &'static str,
}

/// A whole serialised result.
#[derive(Debug, Clone)]
pub struct CachedResult {
    /// The response body.
    pub body: Bytes,
    /// Its media type.
    pub media_type: &'static str,
    /// The row limit it was cut at, if it was.
    pub truncated_at: Option<usize>,
}

#[derive(Clone)]
struct ByteWeighter;

impl Weighter<CacheKey, CachedResult> for ByteWeighter {
    fn weight(&self, key: &CacheKey, value: &CachedResult) -> u64 {
        (key.query.len() + key.context.len() + value.body.len()) as u64 + 64
    }
}

/// The result cache shared by the query handlers.
pub struct ResultCache {
    entries: Option<Cache<CacheKey, CachedResult, ByteWeighter>>,
    max_entry_bytes: usize,
    hits: Counter,
    misses: Counter,
}

impl ResultCache {
    /// A cache holding at most `capacity_bytes` of results, none bigger than a sixteenth of it,
    /// counting its lookups in `hits` and `misses`. A capacity of zero turns caching off.
    pub fn new(capacity_bytes: usize, hits: Counter, misses: Counter) -> Self {
        let entries = (capacity_bytes > 0)
            .then(|| Cache::with_weighter(1024, capacity_bytes as u64, ByteWeighter));
        Self {
            entries,
            max_entry_bytes: capacity_bytes / 16,
            hits,
            misses,
        }
    }

    /// Whether results are cached at all.
    pub fn is_enabled(&self) -> bool {
        self.entries.is_some()
    }

    /// Largest result kept, in bytes.
    pub fn max_entry_bytes(&self) -> usize {
        self.max_entry_bytes
    }

    /// The cached result for `key`, counting the hit or miss.
    pub fn get(&self, key: &CacheKey) -> Option<CachedResult> {
        let found = self.entries.as_ref()?.get(key);
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.inc();
        found
    }

    /// Keeps a whole result.
    pub fn insert(&self, key: CacheKey, value: CachedResult) {
        if let Some(entries) = &self.entries
            && value.body.len() <= self.max_entry_bytes
        {
            entries.insert(key, value);
        }
    }

    /// Lookups answered from the cache.
    pub fn hits(&self) -> u64 {
        self.hits.get()
    }

    /// Lookups that had to evaluate.
    pub fn misses(&self) -> u64 {
        self.misses.get()
    }

    /// Bytes held.
    pub fn weight(&self) -> u64 {
        self.entries.as_ref().map_or(0, Cache::weight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(capacity: usize) -> ResultCache {
        ResultCache::new(capacity, Counter::default(), Counter::default())
    }

    fn key(version: u64) -> CacheKey {
        CacheKey {
            version,
            query: "SELECT * WHERE { ?s ?p ?o }".to_owned(),
            context: String::new(),
            media_type: "text/csv",
        }
    }

    fn result(size: usize) -> CachedResult {
        CachedResult {
            body: Bytes::from(vec![b'x'; size]),
            media_type: "text/csv",
            truncated_at: None,
        }
    }

    fn parse(text: &str) -> Query {
        spargebra::SparqlParser::new()
            .parse_query(text)
            .expect("a valid query")
    }

    #[test]
    fn two_parses_of_a_query_with_generated_names_get_one_key() {
        let text = "SELECT ?s (COUNT(*) AS ?n) (MIN(?o) AS ?m) \
                    WHERE { ?s <http://e/p>/<http://e/q> [ <http://e/r> ?o ] } GROUP BY ?s";
        let (first, second) = (parse(text), parse(text));
        assert_ne!(
            first.to_string(),
            second.to_string(),
            "the parser names anew"
        );
        assert_eq!(normalised_query(&first), normalised_query(&second));
    }

    #[test]
    fn different_queries_keep_different_keys() {
        let count = |variable: &str| {
            normalised_query(&parse(&format!(
                "SELECT (COUNT(?{variable}) AS ?n) WHERE {{ ?s ?p ?o }}"
            )))
        };
        assert_ne!(count("s"), count("o"));
        let user_named = "abcdefabcdefabcdefabcdefabcdef12";
        assert_ne!(count(user_named), count("s"));
    }

    #[test]
    fn a_new_version_misses() {
        let cache = cache(1 << 20);
        cache.insert(key(1), result(10));
        assert!(cache.get(&key(1)).is_some());
        assert!(cache.get(&key(2)).is_none());
        assert_eq!((cache.hits(), cache.misses()), (1, 1));
    }

    #[test]
    fn results_too_big_are_not_kept() {
        let cache = cache(1600);
        cache.insert(key(1), result(101));
        assert!(cache.get(&key(1)).is_none());
        cache.insert(key(1), result(100));
        assert!(cache.get(&key(1)).is_some());
    }

    #[test]
    fn a_zero_capacity_turns_caching_off() {
        let cache = cache(0);
        assert!(!cache.is_enabled());
        cache.insert(key(1), result(0));
        assert!(cache.get(&key(1)).is_none());
    }
}
