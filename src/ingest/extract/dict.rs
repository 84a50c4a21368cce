//! The dictionaries of `data/extract/`, parsed once, and the matcher over names of
//! organisations and coordination bodies (to which known entities of the graph can be added).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::text::{Text, normalise_name};
use super::{Category, ExtractError};

pub(crate) const ORGANIZATIONS: &str = include_str!("../../../data/extract/organizations.tsv");
pub(crate) const COMMITTEES: &str = include_str!("../../../data/extract/committees.tsv");
pub(crate) const COORDINATION_BODIES: &str =
    include_str!("../../../data/extract/coordination_bodies.tsv");
pub(crate) const ROLES: &str = include_str!("../../../data/extract/roles.tsv");
pub(crate) const HONORIFICS: &str = include_str!("../../../data/extract/honorifics.txt");
pub(crate) const ASSEMBLIES: &str = include_str!("../../../data/extract/assemblies.tsv");
pub(crate) const NOT_NAMES: &str = include_str!("../../../data/extract/not_names.txt");
pub(crate) const ABBREVIATIONS: &str = include_str!("../../../data/extract/abbreviations.txt");

/// The lines of a data file that are not blank or `#` comments.
pub(crate) fn data_lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// `canonical<TAB>variant | variant ...` lines.
pub(crate) fn entries(file: &str) -> Vec<(String, Vec<String>)> {
    data_lines(file)
        .filter_map(|line| {
            let (canonical, variants) = line.split_once('\t')?;
            let mut all: Vec<String> = variants
                .split(" | ")
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect();
            all.push(canonical.trim().to_owned());
            Some((canonical.trim().to_owned(), all))
        })
        .collect()
}

/// One name the matcher knows.
#[derive(Clone)]
struct Pattern {
    category: Category,
    canonical: String,
    /// Acronyms match with their case; other names whatever the case.
    exact: Option<String>,
}

/// A hit of the name matcher, in bytes of [`Text::flat`].
pub(crate) struct NameHit {
    pub(crate) category: Category,
    pub(crate) canonical: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Names of organisations and coordination bodies, with their variants.
#[derive(Clone)]
pub(crate) struct NameMatcher {
    names: Vec<(String, Pattern)>,
    automaton: AhoCorasick,
}

impl NameMatcher {
    pub(crate) fn builtin() -> Self {
        let mut names = Vec::new();
        for (file, category) in [
            (ORGANIZATIONS, Category::Organizations),
            (COORDINATION_BODIES, Category::CoordinationBodies),
        ] {
            for (canonical, variants) in entries(file) {
                push_names(&mut names, category, &canonical, &variants);
            }
        }
        Self::build(names).expect("the built-in dictionaries compile")
    }

    /// Adds names at run time; an entity already known under the same name is left as it was.
    pub(crate) fn with(
        &self,
        category: Category,
        canonical: &str,
        variants: &[String],
    ) -> Result<Self, ExtractError> {
        if !matches!(
            category,
            Category::Organizations | Category::CoordinationBodies
        ) {
            return Err(ExtractError::UnsupportedCategory(category));
        }
        let canonical = canonical.trim();
        if normalise_name(canonical).is_empty() {
            return Err(ExtractError::EmptyName);
        }
        let mut names = self.names.clone();
        let mut all = variants.to_vec();
        all.push(canonical.to_owned());
        push_names(&mut names, category, canonical, &all);
        Self::build(names)
    }

    fn build(mut names: Vec<(String, Pattern)>) -> Result<Self, ExtractError> {
        let mut seen = HashMap::new();
        names.retain(|(key, _)| seen.insert(key.to_ascii_lowercase(), ()).is_none());
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(names.iter().map(|(key, _)| key.as_str()))
            .map_err(|e| ExtractError::Dictionary(e.to_string()))?;
        Ok(NameMatcher { names, automaton })
    }

    /// Every whole-token occurrence of a known name, overlaps included.
    pub(crate) fn find(&self, text: &Text) -> Vec<NameHit> {
        let mut hits = Vec::new();
        for m in self.automaton.find_overlapping_iter(&text.flat) {
            let (_, pattern) = &self.names[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            if pattern
                .exact
                .as_ref()
                .is_some_and(|exact| text.flat[start..end] != *exact)
            {
                continue;
            }
            if text.is_token(start, end) {
                hits.push(NameHit {
                    category: pattern.category,
                    canonical: pattern.canonical.clone(),
                    start,
                    end,
                });
            }
        }
        hits
    }
}

fn push_names(
    names: &mut Vec<(String, Pattern)>,
    category: Category,
    canonical: &str,
    variants: &[String],
) {
    for variant in variants {
        let key = normalise_name(variant);
        if key.is_empty() {
            continue;
        }
        let exact = (!key.chars().any(char::is_lowercase)).then(|| key.clone());
        let canonical = canonical.to_owned();
        names.push((
            key,
            Pattern {
                category,
                canonical,
                exact,
            },
        ));
    }
}

/// A role word and the form it is reported in ("Co-chairmen" → "Co-chairman").
pub(crate) fn roles() -> Vec<(String, String)> {
    let mut roles: Vec<(String, String)> = entries(ROLES)
        .into_iter()
        .flat_map(|(canonical, variants)| {
            variants
                .into_iter()
                .map(move |v| (normalise_name(&v), canonical.clone()))
        })
        .collect();
    roles.sort_by_key(|r| std::cmp::Reverse(r.0.len()));
    roles
}

/// The words of a one-column data file.
pub(crate) fn words(file: &str) -> Vec<String> {
    data_lines(file).map(|l| l.trim().to_owned()).collect()
}

/// Assemblies that adopt resolutions.
pub(crate) struct Assemblies {
    /// (key, variant) pairs, longest variant first.
    pub(crate) names: Vec<(String, String)>,
    /// (key, "place, year") → edition label.
    pub(crate) editions: Vec<(String, String, String)>,
}

pub(crate) fn assemblies() -> Assemblies {
    let mut names = Vec::new();
    let mut editions = Vec::new();
    for line in data_lines(ASSEMBLIES) {
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        match cols.as_slice() {
            ["assembly", key, variants] => {
                for v in variants.split(" | ") {
                    names.push(((*key).to_owned(), normalise_name(v)));
                }
            }
            ["edition", key, place, label] => {
                editions.push((
                    (*key).to_owned(),
                    normalise_name(place),
                    (*label).to_owned(),
                ));
            }
            _ => {}
        }
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.1.len()));
    Assemblies { names, editions }
}

/// `TC n` → the committee it stands for when written alone.
pub(crate) fn bare_committees() -> Vec<(String, String)> {
    data_lines(COMMITTEES)
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (normalise_name(k), v.trim().to_owned()))
        .collect()
}
