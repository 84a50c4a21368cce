//! Clauses of documents: "clause 5.1 of Recommendation ITU-T A.1", "Recommendation ITU-T A.1,
//! clause 5.7", "B.1 of the Annex B in Recommendation ITU-T X.1252", "Annex A of ITU-T X.1254",
//! "clauses 7.1 and 7.2 of ...". The document is a Recommendation or standard mention found
//! right before or after; clauses of "this Recommendation" are the document's own, not kept.

use std::sync::LazyLock;

use regex::Regex;

use super::text::Text;

/// A clause reference, in bytes of the normalised text; its span covers the whole phrase.
pub(crate) struct ClauseHit {
    pub(crate) document: String,
    pub(crate) clause: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

const NUM: &str = r"(?:[A-Z]|\d{1,2})(?:\.\d{1,3})+|\d{1,2}";
const KEYWORD: &str = r"(?:[Cc]lauses?|[Ss]ubclauses?|[Ss]ections?|§§?|[Pp]aragraphs?)";
const PART: &str = r"Annex\s[A-Z]|Appendix\s(?:[IVX]{1,5}|\d{1,2})";

static BEFORE_DOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<kw>{KEYWORD})\s?(?P<list>(?:{NUM})(?:(?:\s?,\s?(?:and\s)?|\s(?:and|or|to)\s)(?:{NUM}))*)|(?P<bare>[A-Z]\.\d{{1,3}}(?:\.\d{{1,3}})*|\d{{1,2}}(?:\.\d{{1,3}})+)|(?P<part>{PART}))\s(?:of|in|to)\s(?:the\s)?(?:(?:{PART})\s(?:of|in|to)\s(?:the\s)?)?"
    ))
    .expect("static regex")
});
static AFTER_DOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:,\s?|\s)(?:(?P<kw>{KEYWORD})\s?(?P<list>(?:{NUM})(?:(?:\s?,\s?(?:and\s)?|\s(?:and|or)\s)(?:{NUM}))*)|(?P<part>{PART}))"
    ))
    .expect("static regex")
});
static ONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUM).expect("static regex"));
/// Words after which a number is a version or an edition, not a clause.
static VERSION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:version|v|edition|release|level|issue|draft|revision)\s?$")
        .expect("static regex")
});

/// `documents`: (start, end, value) of the Recommendation and standard mentions kept.
pub(crate) fn find(text: &Text, documents: &[(usize, usize, String)]) -> Vec<ClauseHit> {
    let flat = &text.flat;
    let by_start: std::collections::HashMap<usize, &(usize, usize, String)> =
        documents.iter().map(|d| (d.0, d)).collect();
    let mut hits: Vec<ClauseHit> = Vec::new();
    for c in BEFORE_DOC.captures_iter(flat) {
        let whole = c.get(0).expect("match");
        let Some((_, doc_end, doc)) = by_start.get(&whole.end()).copied() else {
            continue;
        };
        if !text.starts_token(whole.start())
            || (c.name("bare").is_some()
                && VERSION_BEFORE.is_match(super::text::window_before(flat, whole.start(), 16)))
        {
            continue;
        }
        for clause in clauses(&c) {
            hits.push(ClauseHit {
                document: doc.clone(),
                clause,
                start: whole.start(),
                end: *doc_end,
            });
        }
    }
    for (doc_start, doc_end, doc) in documents {
        let Some(c) = AFTER_DOC.captures(&flat[*doc_end..]) else {
            continue;
        };
        let end = doc_end + c.get(0).expect("match").end();
        if !text.ends_token(end) {
            continue;
        }
        for clause in clauses(&c) {
            hits.push(ClauseHit {
                document: doc.clone(),
                clause,
                start: *doc_start,
                end,
            });
        }
    }
    // "Annex B in X" inside "B.1 of the Annex B in X": the deeper clause is the one meant. Such
    // phrases end on the same document; keep the ones that start first.
    let mut first: std::collections::HashMap<(usize, String), usize> =
        std::collections::HashMap::new();
    for h in &hits {
        let e = first.entry((h.end, h.document.clone())).or_insert(h.start);
        *e = (*e).min(h.start);
    }
    hits.retain(|h| first.get(&(h.end, h.document.clone())) == Some(&h.start));
    hits
}

fn clauses(c: &regex::Captures<'_>) -> Vec<String> {
    if let Some(list) = c.name("list") {
        ONE.find_iter(list.as_str())
            .map(|m| m.as_str().to_owned())
            .collect()
    } else if let Some(bare) = c.name("bare") {
        vec![bare.as_str().to_owned()]
    } else if let Some(part) = c.name("part") {
        vec![
            part.as_str()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ]
    } else {
        Vec::new()
    }
}
