//! Resolutions of assemblies: "WTSA-20 Resolution 2", "GSC-16/25", and a bare "Resolution 2"
//! attached to the assembly its sentence names ("Resolution 2 (Rev. Geneva, 2022) of WTSA").

use std::sync::LazyLock;

use regex::Regex;

use super::Category;
use super::dict::{self, Assemblies};
use super::rules::Candidate;
use super::text::{Spans, Text, window_before};

pub(crate) struct ResolutionRules {
    assemblies: Assemblies,
    /// "WTSA-20 Resolution 2", "PP Resolution 179", "Council Res. 1306".
    prefixed: Regex,
    /// "GSC-16/25", "Resolution GSC-14/04".
    slashed: Regex,
    /// "Resolution 2", "Resolutions 2 and 64".
    bare: Regex,
    /// What may follow a bare resolution: a revision note, then "of <assembly>".
    after: Regex,
    /// Any assembly named in running text.
    assembly: Regex,
    /// Words ending in a full stop that do not end a sentence.
    abbreviations: Vec<String>,
}

static NUMBER_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s?,\s?(?:and\s|or\s)?|\s(?:and|or)\s)(?P<n>\d{1,4})\b").expect("static regex")
});

impl ResolutionRules {
    pub(crate) fn builtin() -> Self {
        let assemblies = dict::assemblies();
        let names = assemblies
            .names
            .iter()
            .map(|(_, v)| regex::escape(v).replace(' ', r"\s"))
            .collect::<Vec<_>>()
            .join("|");
        let re = |p: String| Regex::new(&p).expect("assembly names compile");
        ResolutionRules {
            prefixed: re(format!(
                r"(?P<asm>{names})(?:-(?P<ed>\d{{2,4}}))?\s(?:[Rr]esolution|Res\.)\s?(?P<n>\d{{1,4}})"
            )),
            slashed: re(format!(
                r"(?:(?:[Rr]esolution|Res\.)\s)?(?P<asm>{names})-(?P<ed>\d{{1,2}})/(?P<n>\d{{1,3}})"
            )),
            bare: re(r"(?:Resolutions?|Res\.)\s?(?P<n>\d{1,4})\b".to_owned()),
            after: re(format!(
                r"^(?:\s?\((?:Rev\.\s?)?(?P<place>[^,()]{{2,40}}),\s?(?P<year>\d{{4}})\))?(?:,?\sof\s(?:the\s)?(?P<asm>{names})(?:-(?P<ed>\d{{2,4}}))?)?"
            )),
            assembly: re(format!(r"(?P<asm>{names})(?:-(?P<ed>\d{{2,4}}))?")),
            abbreviations: dict::words(dict::ABBREVIATIONS),
            assemblies,
        }
    }

    fn key(&self, name: &str) -> Option<&str> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        self.assemblies
            .names
            .iter()
            .find(|(_, v)| v.eq_ignore_ascii_case(&name))
            .map(|(k, _)| k.as_str())
    }

    fn value(&self, key: Option<&str>, edition: Option<String>, n: &str) -> String {
        let n = n.trim_start_matches('0');
        match (key, edition) {
            (Some(k), Some(e)) => format!("{k}-{e} Resolution {n}"),
            (Some(k), None) => format!("{k} Resolution {n}"),
            _ => format!("Resolution {n}"),
        }
    }

    fn edition_of(&self, key: &str, place: &str) -> Option<String> {
        let place = place.split_whitespace().collect::<Vec<_>>().join(" ");
        self.assemblies
            .editions
            .iter()
            .find(|(k, p, _)| k == key && p.eq_ignore_ascii_case(&place))
            .map(|(_, _, e)| e.clone())
    }

    /// Resolutions with their assembly in the same words: these are candidates like any other.
    pub(crate) fn prefixed(&self, text: &Text, out: &mut Vec<Candidate>) {
        for (re, _) in [(&self.prefixed, 0), (&self.slashed, 1)] {
            for c in re.captures_iter(&text.flat) {
                let whole = c.get(0).expect("match");
                if !text.is_token(whole.start(), whole.end()) {
                    continue;
                }
                let key = self.key(&c["asm"]);
                let value = self.value(key, c.name("ed").map(|e| e.as_str().to_owned()), &c["n"]);
                out.push(Candidate::new(
                    Category::Resolutions,
                    value,
                    whole.start(),
                    whole.end(),
                ));
            }
        }
    }

    /// Bare resolutions, read once the other mentions are known (`taken`: their byte spans, where
    /// no assembly name is looked for and no bare resolution can start).
    pub(crate) fn bare(&self, text: &Text, taken: &Spans, out: &mut Vec<Candidate>) {
        let flat = &text.flat;
        let free = |s: usize, e: usize| !taken.overlaps(s, e);
        for c in self.bare.captures_iter(flat) {
            let whole = c.get(0).expect("match");
            if !text.is_token(whole.start(), whole.end()) || !free(whole.start(), whole.end()) {
                continue;
            }
            let mut numbers = vec![(whole.start(), whole.end(), c["n"].to_owned())];
            let mut at = whole.end();
            while let Some(next) = NUMBER_NEXT.captures(&flat[at..]) {
                let n = next.name("n").expect("n");
                numbers.push((at + n.start(), at + n.end(), n.as_str().to_owned()));
                at += n.end();
            }
            let (key, edition) = self.context(text, at, whole.start(), &free);
            for (s, e, n) in numbers {
                let value = self.value(key.as_deref(), edition.clone(), &n);
                out.push(Candidate::new(Category::Resolutions, value, s, e));
            }
        }
    }

    /// The assembly and edition of the bare resolution(s) ending at `at`: from the words that
    /// follow ("(Rev. Geneva, 2022) of WTSA"), else the assembly nearest in the sentence, else
    /// the place and year alone when only one assembly met there.
    fn context(
        &self,
        text: &Text,
        at: usize,
        start: usize,
        free: &dyn Fn(usize, usize) -> bool,
    ) -> (Option<String>, Option<String>) {
        let after = self.after.captures(&text.flat[at..]);
        let place = after.as_ref().and_then(|a| {
            Some(format!(
                "{}, {}",
                a.name("place")?.as_str(),
                a.name("year")?.as_str()
            ))
        });
        let edition = |key: &str, ed: Option<regex::Match<'_>>| {
            ed.map(|e| e.as_str().to_owned())
                .or_else(|| place.as_ref().and_then(|p| self.edition_of(key, p)))
        };
        let adjacent = after
            .as_ref()
            .and_then(|a| Some((a.name("asm")?, a.name("ed"))));
        if let Some((name, ed)) = adjacent
            && let Some(key) = self.key(name.as_str())
        {
            return (Some(key.to_owned()), edition(key, ed));
        }
        let (s_start, s_end) = sentence(text, start, &self.abbreviations);
        let mut best: Option<(usize, String, Option<String>)> = None;
        for c in self.assembly.captures_iter(&text.flat[s_start..s_end]) {
            let m = c.get(0).expect("match");
            let (s, e) = (s_start + m.start(), s_start + m.end());
            if !text.is_token(s, e) || !free(s, e) {
                continue;
            }
            let Some(key) = self.key(&c["asm"]) else {
                continue;
            };
            let distance = if s >= at {
                s - at
            } else {
                start - e.min(start)
            };
            if best.as_ref().is_none_or(|(d, _, _)| distance < *d) {
                best = Some((distance, key.to_owned(), edition(key, c.name("ed"))));
            }
        }
        if let Some((_, key, ed)) = best {
            return (Some(key), ed);
        }
        if let Some(p) = &place {
            let found: Vec<_> = self
                .assemblies
                .editions
                .iter()
                .filter(|(_, pl, _)| pl.eq_ignore_ascii_case(p))
                .collect();
            if let [(key, _, ed)] = found.as_slice() {
                return (Some(key.clone()), Some(ed.clone()));
            }
        }
        (None, None)
    }
}

/// The byte span of the sentence around `at` in the normalised text: up to a full stop, `!`,
/// `?` or `;` followed by white space (abbreviations aside), or a blank line.
pub(crate) fn sentence(text: &Text, at: usize, abbreviations: &[String]) -> (usize, usize) {
    let lines = &text.lines;
    let bytes = lines.as_bytes();
    let is_end = |i: usize| -> bool {
        // `i` is the index of a punctuation mark followed by white space.
        match bytes[i] {
            b'!' | b'?' | b';' => true,
            b'.' => {
                let head = window_before(lines, i, 24);
                let word_start = head
                    .rfind(|c: char| c.is_whitespace() || c == '(')
                    .map_or(0, |p| p + 1);
                let word = &lines[i - head.len() + word_start..=i];
                !abbreviations.iter().any(|a| a.eq_ignore_ascii_case(word))
            }
            _ => false,
        }
    };
    // A sentence longer than this is not one a reader would attach a resolution across.
    const REACH: usize = 2000;
    let mut start = at.saturating_sub(REACH);
    while !lines.is_char_boundary(start) {
        start += 1;
    }
    for i in (start..at.min(bytes.len())).rev() {
        if i + 1 < bytes.len() && bytes[i + 1].is_ascii_whitespace() && is_end(i) {
            start = i + 1;
            break;
        }
        if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\n' {
            start = i + 1;
            break;
        }
    }
    let mut end = (at + REACH).min(bytes.len());
    while !lines.is_char_boundary(end) {
        end -= 1;
    }
    for i in at..end {
        if i + 1 < bytes.len() && bytes[i + 1].is_ascii_whitespace() && is_end(i) {
            end = i;
            break;
        }
        if bytes[i] == b'\n' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
            end = i;
            break;
        }
    }
    let end = end.max(start);
    (start, end)
}
