//! The text the rules read: white space, dashes and quotes made uniform, with a map back to
//! character offsets in the original, so that every mention keeps its span in the source.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

/// A normalised copy of a document.
///
/// `lines` keeps line structure: a run of white space becomes one `' '`, or `'\t'` if it held a
/// tab, `'\n'` if it held one line break and `"\n\n"` for more. `flat` is the same text with
/// tabs and line breaks as spaces, so a name broken over two lines still reads as one; both have
/// the same length, so byte offsets are shared. No-break spaces count as spaces, no-break and
/// other hyphens and dashes as `'-'`, curly quotes as straight ones; zero-width characters and
/// soft hyphens are dropped; other control characters become spaces.
pub(crate) struct Text {
    pub(crate) lines: String,
    pub(crate) flat: String,
    /// For each byte of `lines`, the character offset in the original of the character it came
    /// from; one more entry, the original's length in characters.
    origin: Vec<usize>,
    /// Byte spans of `flat` inside e-mail addresses, URLs and committee document numbers
    /// ("ISO/IEC JTC 1/SC 27 N 24518"), where nothing is read.
    masked: Spans,
    /// Byte offsets where lines of `lines` start.
    line_starts: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Space {
    None,
    Blank,
    Tab,
    Newline(u8),
}

fn class(c: char) -> Option<char> {
    Some(match c {
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{FF0F}' => '/',
        c => c,
    })
}

fn space_kind(c: char) -> Space {
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Space::Newline(1),
        '\t' => Space::Tab,
        c if c.is_whitespace() || c.is_control() => Space::Blank,
        _ => Space::None,
    }
}

static MASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        [\w.+-]+@[\w-]+(?:\.[\w-]+)+            # e-mail
        | (?:https?|ftp)://\S+ | www\.\S+        # URL
        | \b[\w-]+(?:\.[\w-]+)*\.(?:int|org|com|net|edu|gov|io|info|ch|eu)\b(?:/\S*)?  # bare host
        | \b(?:ISO/IEC\s?)?(?:JTC\s?1|SC\s?\d{1,3})(?:\s?/\s?(?:SC|WG)\s?\d{1,3})*\s?N\s?\d{3,6}\b
                                                 # JTC 1 document number: ISO/IEC JTC 1/SC 27 N 24518
        ",
    )
    .expect("static regex")
});

impl Text {
    pub(crate) fn new(original: &str) -> Self {
        let mut lines = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut pending = Space::None;
        let mut pending_at = 0;
        let mut count = 0;
        for (index, c) in original.chars().enumerate() {
            count = index + 1;
            let kind = space_kind(c);
            if kind != Space::None {
                if pending == Space::None {
                    pending_at = index;
                }
                pending = match (pending, kind) {
                    (Space::Newline(n), Space::Newline(_)) => Space::Newline(n.saturating_add(1)),
                    (Space::Newline(n), _) => Space::Newline(n),
                    (_, Space::Newline(n)) => Space::Newline(n),
                    (Space::Tab, _) | (_, Space::Tab) => Space::Tab,
                    _ => Space::Blank,
                };
                continue;
            }
            let Some(c) = class(c) else { continue };
            if pending != Space::None {
                let run = match pending {
                    Space::Newline(1) => "\n",
                    Space::Newline(_) => "\n\n",
                    Space::Tab => "\t",
                    _ => " ",
                };
                lines.push_str(run);
                origin.extend(std::iter::repeat_n(pending_at, run.len()));
                pending = Space::None;
            }
            lines.push(c);
            origin.extend(std::iter::repeat_n(index, c.len_utf8()));
        }
        origin.push(count);
        let flat: String = lines
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect();
        let mut masked = Spans::default();
        for m in MASK.find_iter(&flat) {
            masked.insert(m.start(), m.end());
        }
        let line_starts = std::iter::once(0)
            .chain(lines.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Text {
            lines,
            flat,
            origin,
            masked,
            line_starts,
        }
    }

    /// The character span in the original of the byte span `start..end` of the normalised text.
    pub(crate) fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let last = end.saturating_sub(1).max(start);
        (self.origin[start], self.origin[last] + 1)
    }

    /// Whether `start..end` touches an e-mail address or URL.
    pub(crate) fn is_masked(&self, start: usize, end: usize) -> bool {
        self.masked.overlaps(start, end)
    }

    /// Where the line holding byte `at` of `lines` starts.
    pub(crate) fn line_start(&self, at: usize) -> usize {
        let i = self.line_starts.partition_point(|&s| s <= at);
        self.line_starts[i.saturating_sub(1)]
    }

    /// The character before byte `at` of `flat`, if any.
    pub(crate) fn before(&self, at: usize) -> Option<char> {
        self.flat[..at].chars().next_back()
    }

    /// Whether a name can start at byte `at`: not inside a word or a hyphenated token.
    pub(crate) fn starts_token(&self, at: usize) -> bool {
        !matches!(self.before(at), Some(c) if c.is_alphanumeric() || c == '-' || c == '_' || c == '@')
    }

    /// Whether a name can end at byte `at`: not followed by a letter, a digit or a hyphen that
    /// goes on into a longer token ("ITU" in "ITU-T", "SG17" in "SG17-TD1234").
    pub(crate) fn ends_token(&self, at: usize) -> bool {
        let mut rest = self.flat[at..].chars();
        match rest.next() {
            None => true,
            Some(c) if c.is_alphanumeric() || c == '_' => false,
            Some('-') => !matches!(rest.next(), Some(c) if c.is_alphanumeric()),
            Some(_) => true,
        }
    }

    /// Whether `start..end` may hold a mention: a whole token, outside addresses.
    pub(crate) fn is_token(&self, start: usize, end: usize) -> bool {
        self.starts_token(start) && self.ends_token(end) && !self.is_masked(start, end)
    }
}

/// The same normalisation for a dictionary entry, as one line.
pub(crate) fn normalise_name(name: &str) -> String {
    Text::new(name.trim()).flat
}

/// At most `max` bytes of `s` before byte `at`, cut on a character boundary.
pub(crate) fn window_before(s: &str, at: usize, max: usize) -> &str {
    let mut from = at.saturating_sub(max);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..at]
}

/// Byte spans that do not overlap one another, for quick overlap tests.
#[derive(Clone, Debug, Default)]
pub(crate) struct Spans(BTreeMap<usize, usize>);

impl Spans {
    /// Whether `start..end` overlaps a span of the set.
    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        self.0
            .range(..end.max(start + 1))
            .next_back()
            .is_some_and(|(_, &e)| e > start)
    }

    /// Adds a span; the caller keeps the spans disjoint.
    pub(crate) fn insert(&mut self, start: usize, end: usize) {
        self.0.insert(start, end);
    }
}
