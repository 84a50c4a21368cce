//! Text normalisation for overlap scoring: titles, labels, descriptions and topics become keys
//! that compare across bodies' writing habits.
//!
//! - Document numbers are kept whole and without their publisher or edition: "ITU-T X.1254
//!   (09/2012)" and "X.1254" both give `x.1254`; "ISO/IEC 24760-1:2019" gives `24760-1`; "D.1140/
//!   X.1261" gives both numbers.
//! - Edition and year noise goes: years, dates, versions ("v1.1", "2.0"), "edition", "part"…
//! - Words are lower-cased and lightly stemmed (plurals, British -ise spellings).
//! - Acronyms are concepts (`@uaf`): an acronym written as such ("FIDO UAF", "DIDs") and its
//!   long form ("Universal authentication framework") both give the concept, from a dictionary
//!   kept as data (`data/acronyms.tsv`) plus acronyms learned from the items' own texts
//!   ("Client to Authenticator Protocol (CTAP)", "FIDO UAF (Universal Authentication Framework)").

use std::collections::HashMap;

/// The acronym dictionary shipped with the crate.
pub const ACRONYMS_TSV: &str = include_str!("../../data/acronyms.tsv");

/// Function words and document-kind noise: they say nothing about what a document is about.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "amd",
    "amendment",
    "an",
    "and",
    "annex",
    "any",
    "are",
    "as",
    "at",
    "based",
    "be",
    "between",
    "by",
    "cor",
    "corrigendum",
    "draft",
    "ed",
    "edition",
    "for",
    "from",
    "iec",
    "in",
    "incl",
    "including",
    "international",
    "into",
    "is",
    "iso",
    "it",
    "its",
    "itu",
    "jtc",
    "of",
    "on",
    "or",
    "part",
    "rec",
    "recommendation",
    "rev",
    "revised",
    "revision",
    "series",
    "standard",
    "suppl",
    "supplement",
    "that",
    "the",
    "their",
    "this",
    "to",
    "tr",
    "ts",
    "under",
    "using",
    "version",
    "via",
    "with",
    "within",
];

/// Ordinal and number words, as the digit they stand for ("Universal 2nd Factor" = "Universal
/// second factor" = "Universal 2-factor").
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("first", 1),
    ("1st", 1),
    ("second", 2),
    ("2nd", 2),
    ("third", 3),
    ("3rd", 3),
    ("4th", 4),
];

/// One acronym: its concept key (`@uaf`), how it is written, and its long forms as keys.
#[derive(Debug, Clone)]
struct Acronym {
    display: String,
    long_forms: Vec<Vec<String>>,
}

/// Acronyms and their long forms.
#[derive(Debug, Clone, Default)]
pub struct Acronyms {
    /// Lower-case acronym → entry.
    entries: HashMap<String, Acronym>,
    /// First word of a long form → (long form, acronym), longest first.
    by_first_word: HashMap<String, Vec<(Vec<String>, String)>>,
}

/// A dictionary line that is not `ACRONYM<tab>expansion`.
#[derive(Debug, thiserror::Error)]
#[error("acronyms line {line}: {message}")]
pub struct AcronymsError {
    /// The line, counted from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Acronyms {
    /// The dictionary shipped with the crate ([`ACRONYMS_TSV`]).
    pub fn builtin() -> Self {
        Self::parse(ACRONYMS_TSV).expect("data/acronyms.tsv is well-formed (tested)")
    }

    /// Parses `ACRONYM<tab>expansion` lines; `#` starts a comment line.
    pub fn parse(tsv: &str) -> Result<Self, AcronymsError> {
        let mut acronyms = Self::default();
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |message: &str| AcronymsError {
                line: n + 1,
                message: message.to_owned(),
            };
            let (short, long) = line.split_once('\t').ok_or_else(|| error("no tab"))?;
            if !acronyms.add(short.trim(), long.trim()) {
                return Err(error(
                    "the expansion needs two words that are not stopwords",
                ));
            }
        }
        Ok(acronyms)
    }

    /// Adds `short` standing for `long`; false when `short` is empty or `long` has fewer than two
    /// words that count.
    pub fn add(&mut self, short: &str, long: &str) -> bool {
        let key = short.to_lowercase();
        let words = long_form_key(long);
        // A one-word long form would turn every use of the word into the acronym.
        if key.is_empty() || words.len() < 2 {
            return false;
        }
        let entry = self.entries.entry(key.clone()).or_insert_with(|| Acronym {
            display: short.to_owned(),
            long_forms: Vec::new(),
        });
        if !entry.long_forms.contains(&words) {
            entry.long_forms.push(words.clone());
            let list = self.by_first_word.entry(words[0].clone()).or_default();
            list.push((words, key));
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        true
    }

    /// Adds the acronyms defined in `text` that are not known yet; returns how many.
    pub fn learn_from(&mut self, text: &str) -> usize {
        let mut learned = 0;
        for (short, long) in defined_acronyms(text) {
            if !self.entries.contains_key(&short.to_lowercase()) && self.add(&short, &long) {
                learned += 1;
            }
        }
        learned
    }

    /// How an acronym is written, from its lower-case form.
    pub fn display(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(|a| a.display.as_str())
    }

    /// The number of acronyms known.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no acronym is known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A piece of text after scanning.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// A stemmed word; `acronym` holds its lower-case form when it is written like one.
    Word {
        stem: String,
        acronym: Option<String>,
    },
    /// A small number, kept only to match long forms ("Universal 2nd Factor").
    Number(u32),
    /// A document number (`x.1254`, `24760-1`).
    Ident(String),
}

/// Turns texts into keys with one dictionary of acronyms.
#[derive(Debug, Clone)]
pub struct Analyser {
    acronyms: Acronyms,
}

impl Analyser {
    /// An analyser over `acronyms`.
    pub fn new(acronyms: Acronyms) -> Self {
        Self { acronyms }
    }

    /// The acronyms in use.
    pub fn acronyms(&self) -> &Acronyms {
        &self.acronyms
    }

    /// Appends the keys of `text` to `out`: words, document numbers and acronym concepts (a long
    /// form gives its words and its concept).
    pub fn tokens(&self, text: &str, out: &mut Vec<String>) {
        self.emit(&scan(text), false, out);
    }

    /// The key of a topic: its keys joined by spaces, a long form replaced by its concept, so
    /// "OAuth 2.0" = "OAuth" and "Universal authentication framework" = "UAF".
    pub fn topic_key(&self, topic: &str) -> String {
        let mut keys = Vec::new();
        self.emit(&scan(topic), true, &mut keys);
        keys.join(" ")
    }

    fn emit(&self, pieces: &[Piece], replace_long_forms: bool, out: &mut Vec<String>) {
        let mut i = 0;
        while i < pieces.len() {
            if let Some((len, concept)) = self.long_form_at(&pieces[i..]) {
                out.push(format!("@{concept}"));
                if replace_long_forms {
                    i += len;
                    continue;
                }
            }
            match &pieces[i] {
                Piece::Word { stem, acronym } => {
                    match acronym.as_deref().and_then(|a| self.known(a)) {
                        Some(concept) => out.push(format!("@{concept}")),
                        None if !stem.is_empty() => out.push(stem.clone()),
                        None => {}
                    }
                }
                Piece::Ident(id) => out.push(id.clone()),
                Piece::Number(_) => {}
            }
            i += 1;
        }
    }

    /// The acronym `written` stands for, allowing a plural ("DIDs").
    fn known(&self, written: &str) -> Option<&str> {
        if let Some((key, _)) = self.acronyms.entries.get_key_value(written) {
            return Some(key);
        }
        let singular = written.strip_suffix('s')?;
        self.acronyms
            .entries
            .get_key_value(singular)
            .map(|(key, _)| key.as_str())
    }

    /// The longest long form starting at `pieces[0]`: its length in pieces and its acronym.
    fn long_form_at(&self, pieces: &[Piece]) -> Option<(usize, &str)> {
        let first = piece_key(pieces.first()?)?;
        let candidates = self.acronyms.by_first_word.get(first.as_ref())?;
        candidates.iter().find_map(|(words, acronym)| {
            let matches = words.len() <= pieces.len()
                && words
                    .iter()
                    .zip(pieces)
                    .all(|(w, p)| piece_key(p).is_some_and(|k| k.as_ref() == w.as_str()));
            matches.then_some((words.len(), acronym.as_str()))
        })
    }
}

/// The key a piece has inside a long form.
fn piece_key(piece: &Piece) -> Option<std::borrow::Cow<'_, str>> {
    match piece {
        Piece::Word { stem, .. } if !stem.is_empty() => Some(stem.as_str().into()),
        Piece::Number(n) => Some(n.to_string().into()),
        _ => None,
    }
}

/// The keys of a long form, as text would give them (numbers included).
fn long_form_key(long: &str) -> Vec<String> {
    scan(long)
        .iter()
        .filter_map(|p| piece_key(p).map(|k| k.into_owned()))
        .collect()
}

/// Splits text into pieces: document numbers whole, noise dropped, words stemmed.
fn scan(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for chunk in text.split(|c: char| {
        c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ',' | ';' | '|' | '"')
    }) {
        for part in chunk.split('/') {
            scan_part(
                part.trim_matches(|c: char| !c.is_alphanumeric()),
                &mut pieces,
            );
        }
    }
    pieces
}

fn scan_part(part: &str, pieces: &mut Vec<Piece>) {
    if part.is_empty() {
        return;
    }
    if let Some(id) = itu_number(part) {
        pieces.push(Piece::Ident(id));
        return;
    }
    match standard_number(part) {
        Some(Some(id)) => return pieces.push(Piece::Ident(id)),
        Some(None) => return,
        None => {}
    }
    if is_version(part) {
        return;
    }
    for word in part
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        scan_word(word, pieces);
    }
}

fn scan_word(word: &str, pieces: &mut Vec<Piece>) {
    let lower = word.to_lowercase();
    if let Some(&(_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return pieces.push(Piece::Number(n));
    }
    if lower.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = lower.parse::<u32>()
            && n < 100
        {
            pieces.push(Piece::Number(n));
        }
        return;
    }
    let uppercase = word.chars().filter(char::is_ascii_uppercase).count();
    let acronym = (uppercase >= 2).then(|| lower.clone());
    if acronym.is_none() && (lower.len() < 2 || STOPWORDS.contains(&lower.as_str())) {
        return;
    }
    // A word written like an acronym but not known as one ("ITU", "ISO") is still noise if it
    // is a stopword; it is dropped unless the dictionary knows it (checked when emitting).
    let stem = if STOPWORDS.contains(&lower.as_str()) || lower.len() < 2 {
        String::new()
    } else {
        stem(&lower)
    };
    pieces.push(Piece::Word { stem, acronym });
}

/// "X.1254", "X.1277.2", "X.1254rev" → `x.1254`, `x.1277.2`.
fn itu_number(part: &str) -> Option<String> {
    let bytes = part.as_bytes();
    if bytes.len() < 3
        || !bytes[0].is_ascii_uppercase()
        || bytes[1] != b'.'
        || !bytes[2].is_ascii_digit()
    {
        return None;
    }
    let mut end = 2;
    while end < bytes.len()
        && (bytes[end].is_ascii_digit()
            || (bytes[end] == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
    {
        end += 1;
    }
    Some(part[..end].to_ascii_lowercase())
}

/// ISO-style numbers: `Some(Some(id))` for "29115", "24760-1:2019" (→ `24760-1`), "9594-8";
/// `Some(None)` for years and dates ("2019", "09-2012"); `None` for anything else.
fn standard_number(part: &str) -> Option<Option<String>> {
    let base = part.split_once(':').map_or(part, |(base, year)| {
        if year.bytes().all(|b| b.is_ascii_digit()) {
            base
        } else {
            part
        }
    });
    let mut pieces = base.split('-');
    let number = pieces.next()?;
    let parts: Vec<&str> = pieces.collect();
    if !number.bytes().all(|b| b.is_ascii_digit())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let year = |s: &str| s.len() == 4 && s.parse::<u16>().is_ok_and(|y| (1900..=2099).contains(&y));
    match number.len() {
        4 | 5 if parts.is_empty() && year(number) => Some(None),
        4 | 5 if parts.iter().all(|p| p.len() <= 2) => Some(Some(base.to_owned())),
        1 | 2 if parts.len() == 1 && year(parts[0]) => Some(None),
        _ => None,
    }
}

/// "v1.1", "2.0", "1.0.2", "v2": version numbers.
fn is_version(part: &str) -> bool {
    let digits = part.strip_prefix(['v', 'V']).unwrap_or(part);
    !digits.is_empty()
        && digits.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && (digits.contains('.') || digits.len() < part.len())
}

/// A light stemmer: plurals and British spellings. Enough to meet "frameworks" and
/// "framework", "technologies" and "technology", "licence" and "license".
pub fn stem(word: &str) -> String {
    let mut w = word.to_owned();
    for (from, to) in [
        ("isation", "ization"),
        ("ised", "ized"),
        ("ising", "izing"),
        ("licence", "license"),
    ] {
        if w.ends_with(from) && (from == "licence" || w.len() > from.len() + 1) {
            w.truncate(w.len() - from.len());
            w.push_str(to);
        }
    }
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 4 && w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.len() > 3
        && w.ends_with('s')
        && !["ss", "us", "is", "os"].iter().any(|s| w.ends_with(s))
    {
        w.pop();
    }
    w
}

/// Acronyms defined in a text: "Long Form (ACR)" and "ACR (Long Form)".
pub fn defined_acronyms(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let before = &text[..offset + open];
        let inside = rest[open + 1..close].trim();
        if looks_like_acronym(inside) {
            let short = inside
                .strip_suffix('s')
                .filter(|s| s.ends_with(|c: char| c.is_ascii_uppercase()))
                .unwrap_or(inside);
            let words: Vec<&str> = before.split_whitespace().collect();
            if let Some(long) = long_form(short, &words) {
                found.push((short.to_owned(), long));
            }
        } else if let Some(last) = before
            .split_whitespace()
            .last()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            && looks_like_acronym(last)
        {
            let words: Vec<&str> = inside.split_whitespace().collect();
            if let Some(long) = long_form(last, &words)
                && long.split_whitespace().count() == words.len()
            {
                found.push((last.to_owned(), long));
            }
        }
        offset += close + 1;
        rest = &text[offset..];
    }
    found
}

/// 2–10 letters and digits, a letter first, at least two capitals: "CTAP", "mDL", "U2F", "DIDs".
fn looks_like_acronym(s: &str) -> bool {
    (2..=10).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// The long form of `short` ending at the last of `words` (Schwartz & Hearst, 2003: the
/// acronym's characters found right to left, the first at the start of a word).
fn long_form(short: &str, words: &[&str]) -> Option<String> {
    let short: Vec<char> = short
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_lowercase)
        .collect();
    let max_words = (short.len() + 5).min(short.len() * 2);
    let words = &words[words.len().saturating_sub(max_words)..];
    let long = words.join(" ");
    let chars: Vec<char> = long.chars().flat_map(char::to_lowercase).collect();
    let mut l = chars.len() as isize - 1;
    for (s, &c) in short.iter().enumerate().rev() {
        loop {
            if l < 0 {
                return None;
            }
            let at = l as usize;
            let word_start = at == 0 || !chars[at - 1].is_alphanumeric();
            if chars[at] == c && (s > 0 || word_start) {
                break;
            }
            l -= 1;
        }
        l -= 1;
    }
    let start = (l + 1) as usize;
    let long: String = long.chars().skip(start).collect();
    let long = long.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let content_words = long_form_key(&long).len();
    (2..=short.len() + 1)
        .contains(&content_words)
        .then_some(long)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Analyser::new(Acronyms::builtin()).tokens(text, &mut out);
        out
    }

    #[test]
    fn document_numbers_lose_publisher_and_edition() {
        assert_eq!(keys("ITU-T X.1254 (09/2012)"), ["x.1254"]);
        assert_eq!(keys("X.1254"), ["x.1254"]);
        assert_eq!(keys("ISO/IEC 24760-1:2019"), ["24760-1"]);
        assert_eq!(keys("ISO/IEC 29115:2013"), ["29115"]);
        assert_eq!(keys("ITU-T D.1140/X.1261"), ["d.1140", "x.1261"]);
        assert_eq!(keys("ITU-T X.1277.2"), ["x.1277.2"]);
        assert_eq!(keys("Work item X.1254rev"), ["work", "item", "x.1254"]);
    }

    #[test]
    fn years_versions_and_edition_words_are_noise() {
        assert_eq!(keys("FIDO CTAP 2.1"), ["@fido", "@ctap"]);
        assert_eq!(keys("DID Core v1.0 (2nd edition, 2022)"), ["@did", "core"]);
        assert_eq!(keys("OAuth 2.0"), keys("OAuth"));
    }

    #[test]
    fn acronyms_and_long_forms_meet() {
        assert!(keys("FIDO UAF").contains(&"@uaf".to_owned()));
        assert!(keys("Universal authentication framework").contains(&"@uaf".to_owned()));
        assert!(keys("Decentralized Identifiers (DIDs)").contains(&"@did".to_owned()));
        let analyser = Analyser::new(Acronyms::builtin());
        assert_eq!(
            analyser.topic_key("Universal Authentication Framework"),
            analyser.topic_key("UAF")
        );
        assert_eq!(
            analyser.topic_key("universal 2nd factor"),
            analyser.topic_key("Universal 2-factor")
        );
    }

    #[test]
    fn lowercase_words_are_not_acronyms() {
        // "did" the verb is not DID the identifier.
        assert!(!keys("what it did").contains(&"@did".to_owned()));
    }

    #[test]
    fn acronyms_are_learned_from_both_patterns() {
        let found = defined_acronyms("Client to Authenticator Protocol (CTAP) 2.0");
        assert_eq!(
            found,
            [(
                "CTAP".to_owned(),
                "Client to Authenticator Protocol".to_owned()
            )]
        );
        let found = defined_acronyms(
            "FIDO UAF (Universal Authentication Framework) v1.1 specification set",
        );
        assert_eq!(
            found,
            [(
                "UAF".to_owned(),
                "Universal Authentication Framework".to_owned()
            )]
        );
        let found =
            defined_acronyms("Blockchain and distributed ledger technologies (DLTs) — Overview");
        assert_eq!(
            found,
            [(
                "DLT".to_owned(),
                "distributed ledger technologies".to_owned()
            )]
        );
        let found = defined_acronyms(
            "FIDO Universal 2nd Factor (U2F) v1.2 (incl. U2F Raw Message Formats)",
        );
        assert_eq!(
            found,
            [("U2F".to_owned(), "Universal 2nd Factor".to_owned())]
        );
        assert!(defined_acronyms("Guidelines (09/2012) for things (see annex)").is_empty());
    }

    #[test]
    fn learned_acronyms_join_long_forms_to_acronyms() {
        let mut acronyms = Acronyms::default();
        assert_eq!(
            acronyms.learn_from("Telebiometrics authentication infrastructure (TAI)"),
            1
        );
        let analyser = Analyser::new(acronyms);
        let mut out = Vec::new();
        analyser.tokens("TAI profile", &mut out);
        assert_eq!(out, ["@tai", "profile"]);
    }

    #[test]
    fn builtin_dictionary_parses_and_bad_lines_are_refused() {
        assert!(Acronyms::builtin().len() > 20);
        assert!(Acronyms::parse("UAF universal authentication framework").is_err());
    }

    #[test]
    fn stems_meet_plurals_and_spellings() {
        assert_eq!(stem("technologies"), "technology");
        assert_eq!(stem("frameworks"), "framework");
        assert_eq!(stem("access"), "access");
        assert_eq!(stem("licence"), "license");
        assert_eq!(stem("decentralised"), "decentralized");
    }
}
