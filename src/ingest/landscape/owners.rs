//! Resolving the `publisher/owner` column ("ITU-T SG17 (Q10/17)", "W3C (DID WG)", "ITU-T SG17 /
//! ISO/IEC JTC 1/SC 27") to the bodies of the landscape.
//!
//! The dictionary is built from the body rows of the file itself (ids, labels, titles, acronyms
//! in titles) plus [`ALIASES`]; the rules that pick the deepest body named are in
//! [`OwnerIndex::resolve`] and described in `docs/landscape-mapping.md`.

use std::collections::{HashMap, HashSet};

/// Names the rows cannot give, and the ids of the bodies they stand for (all of them).
pub const ALIASES: &[(&str, &[&str])] = &[("ISO/IEC", &["iso", "iec"])];

/// A body row as the dictionary sees it.
#[derive(Debug, Clone, Copy)]
pub struct Body<'a> {
    /// The CSV id.
    pub id: &'a str,
    /// The label ("ITU-T SG17").
    pub label: &'a str,
    /// The title ("World Wide Web Consortium"); `None` when titles are not names (Questions).
    pub title: Option<&'a str>,
}

/// One owner of an item (the owner text is split on ` / `).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Owner {
    /// The part of the owner text this owner comes from.
    pub text: String,
    /// The ids of the deepest bodies named; empty when nothing resolved.
    pub bodies: Vec<String>,
    /// What was left of the name when only a parent resolved ("Council" of "ITU Council").
    pub unresolved_part: Option<String>,
    /// Ids named by a "(reports to …)" qualifier.
    pub reports_to: Vec<String>,
}

/// The dictionary of body names, normalised.
#[derive(Debug, Default)]
pub struct OwnerIndex {
    names: HashMap<String, Vec<String>>,
    ambiguous: HashSet<String>,
}

/// The form names are compared in: lower case, only letters, digits and `/` kept, so that
/// "SC 27/WG5" and "SC 27/WG 5" meet.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || *c == '/')
        .flat_map(char::to_lowercase)
        .collect()
}

impl OwnerIndex {
    /// The dictionary of `bodies`: ids and labels first, then titles, title acronyms ("(SIA)")
    /// and [`ALIASES`] where they do not clash.
    pub fn new<'a>(bodies: impl IntoIterator<Item = Body<'a>> + Clone) -> Self {
        let mut index = Self::default();
        let known: HashSet<&str> = bodies.clone().into_iter().map(|b| b.id).collect();
        for body in bodies.clone() {
            index.add(body.id, &[body.id]);
            index.add(body.label, &[body.id]);
        }
        for body in bodies {
            let Some(title) = body.title else { continue };
            index.add_weak(title, &[body.id]);
            if let Some(acronym) = title_acronym(title) {
                index.add_weak(acronym, &[body.id]);
            }
        }
        for (alias, ids) in ALIASES {
            if ids.iter().all(|id| known.contains(id)) {
                index.add_weak(alias, ids);
            }
        }
        index
    }

    fn add(&mut self, name: &str, ids: &[&str]) {
        let key = key(name);
        if key.is_empty() || self.ambiguous.contains(&key) {
            return;
        }
        let ids: Vec<String> = ids.iter().map(|id| (*id).to_owned()).collect();
        match self.names.get(&key) {
            Some(existing) if *existing != ids => {
                self.names.remove(&key);
                self.ambiguous.insert(key);
            }
            Some(_) => {}
            None => {
                self.names.insert(key, ids);
            }
        }
    }

    fn add_weak(&mut self, name: &str, ids: &[&str]) {
        if !self.names.contains_key(&key(name)) {
            self.add(name, ids);
        }
    }

    /// The bodies a name stands for exactly.
    pub fn lookup(&self, name: &str) -> Option<&[String]> {
        self.names.get(&key(name)).map(Vec::as_slice)
    }

    /// Resolves a whole owner text: one [`Owner`] per part separated by ` / `.
    pub fn resolve(&self, text: &str) -> Vec<Owner> {
        text.split(" / ")
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| self.resolve_part(part))
            .collect()
    }

    fn resolve_part(&self, part: &str) -> Owner {
        let (base, qualifier) = split_qualifier(part);
        let mut owner = Owner {
            text: part.to_owned(),
            ..Owner::default()
        };
        let mut context = base;
        if let Some(ids) = self.lookup(base) {
            owner.bodies = ids.to_vec();
        } else if let Some((prefix, rest, ids)) = self.longest_prefix(base) {
            // "ITU-T SG17 Q10/17": the trailing words name a sub-body of the prefix, or are kept
            // as the part that did not resolve ("ITU Council").
            match self.resolve_under(prefix, rest) {
                Some(deeper) => owner.bodies = deeper,
                None => {
                    owner.bodies = ids.to_vec();
                    owner.unresolved_part = Some(rest.to_owned());
                    context = prefix;
                }
            }
        }
        if let Some(qualifier) = qualifier {
            if let Some(target) = qualifier.strip_prefix("reports to ") {
                owner.reports_to = self
                    .resolve_under(context, target.trim())
                    .unwrap_or_default();
            } else if let Some(deeper) = self.resolve_leading(context, qualifier) {
                // "(Q10/17 per roadmap listing - UNCERTAIN)": the qualifier opens with a
                // sub-body, which is the deepest body named.
                owner.bodies = deeper;
            }
        }
        owner
    }

    /// The longest prefix of `name` ending at a space or `/` that names a body, with the rest.
    fn longest_prefix<'n>(&self, name: &'n str) -> Option<(&'n str, &'n str, &[String])> {
        name.char_indices()
            .filter(|(_, c)| *c == ' ' || *c == '/')
            .map(|(at, _)| at)
            .rev()
            .find_map(|at| {
                let (prefix, rest) = (name[..at].trim(), name[at + 1..].trim());
                self.lookup(prefix).map(|ids| (prefix, rest, ids))
            })
    }

    /// A body named by `phrase` within `context`: the phrase alone ("Q10/17"), joined to the
    /// context ("W3C" + "DID WG", "ISO/TC 307" + "JWG 4"), or overlapping its end ("ISO/IEC JTC
    /// 1/SC 27" + "SC 27/WG 5", "ITU-T SG17" + "SG17").
    pub fn resolve_under(&self, context: &str, phrase: &str) -> Option<Vec<String>> {
        if phrase.is_empty() {
            return None;
        }
        let mut candidates = vec![phrase.to_owned()];
        if !context.is_empty() {
            candidates.push(format!("{context} {phrase}"));
            candidates.push(format!("{context}/{phrase}"));
            for (at, _) in context
                .char_indices()
                .filter(|(_, c)| *c == ' ' || *c == '/')
            {
                let tail = context[at + 1..].trim();
                if !tail.is_empty() && phrase.starts_with(tail) {
                    candidates.push(format!("{}{phrase}", &context[..=at]));
                }
            }
        }
        candidates
            .iter()
            .find_map(|name| self.lookup(name))
            .map(<[String]>::to_vec)
    }

    /// The body named by the longest run of leading words of `qualifier`, within `context`.
    fn resolve_leading(&self, context: &str, qualifier: &str) -> Option<Vec<String>> {
        let words: Vec<&str> = qualifier.split_whitespace().collect();
        (1..=words.len())
            .rev()
            .find_map(|n| self.resolve_under(context, &words[..n].join(" ")))
    }
}

/// `"W3C (DID WG)"` → `("W3C", Some("DID WG"))`.
fn split_qualifier(part: &str) -> (&str, Option<&str>) {
    match part.split_once('(') {
        Some((base, rest)) => {
            let inner = rest.rsplit_once(')').map_or(rest, |(inner, _)| inner);
            (base.trim(), Some(inner.trim()).filter(|q| !q.is_empty()))
        }
        None => (part.trim(), None),
    }
}

/// A one-word acronym in parentheses in a title: "Secure Identity Alliance (SIA)" → "SIA".
fn title_acronym(title: &str) -> Option<&str> {
    let (_, rest) = title.split_once('(')?;
    let (inner, _) = rest.split_once(')')?;
    let looks_like_acronym = (2..=10).contains(&inner.len())
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && inner.chars().any(|c| c.is_ascii_uppercase());
    looks_like_acronym.then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bodies of the shared landscape that the hard owners name.
    fn index() -> OwnerIndex {
        let rows: &[(&str, &str, Option<&str>)] = &[
            ("itu", "ITU", Some("International Telecommunication Union")),
            (
                "itu-t",
                "ITU-T",
                Some("ITU Telecommunication Standardization Sector"),
            ),
            (
                "tsag",
                "TSAG",
                Some("Telecommunication Standardization Advisory Group"),
            ),
            (
                "sg17",
                "ITU-T SG17",
                Some("ITU-T Study Group 17 (Security)"),
            ),
            ("q10-17", "Q10/17", None),
            ("q11-17", "Q11/17", None),
            (
                "iso",
                "ISO",
                Some("International Organization for Standardization"),
            ),
            (
                "iec",
                "IEC",
                Some("International Electrotechnical Commission"),
            ),
            (
                "jtc1",
                "ISO/IEC JTC 1",
                Some("ISO/IEC Joint Technical Committee 1 Information technology"),
            ),
            (
                "jtc1-sc27",
                "ISO/IEC JTC 1/SC 27",
                Some("Information security, cybersecurity and privacy protection"),
            ),
            (
                "sc27-wg5",
                "ISO/IEC JTC 1/SC 27/WG 5",
                Some("Identity management and privacy technologies"),
            ),
            (
                "jtc1-sc17",
                "ISO/IEC JTC 1/SC 17",
                Some("Cards and security devices for personal identification"),
            ),
            (
                "iso-tc307",
                "ISO/TC 307",
                Some("Blockchain and distributed ledger technologies"),
            ),
            (
                "tc307-jwg4",
                "ISO/TC 307/JWG 4",
                Some("ISO/TC 307 Joint Working Group 4"),
            ),
            ("w3c", "W3C", Some("World Wide Web Consortium")),
            (
                "w3c-did-wg",
                "W3C DID WG",
                Some("Decentralized Identifier Working Group"),
            ),
            (
                "fido-alliance",
                "FIDO Alliance",
                Some("FIDO (Fast IDentity Online) Alliance"),
            ),
            ("ietf", "IETF", Some("Internet Engineering Task Force")),
            (
                "sia",
                "Secure Identity Alliance",
                Some("Secure Identity Alliance (SIA)"),
            ),
            (
                "jca-idm",
                "JCA-IdM",
                Some("Joint Coordination Activity for Identity Management"),
            ),
        ];
        OwnerIndex::new(rows.iter().map(|(id, label, title)| Body {
            id,
            label,
            title: *title,
        }))
    }

    #[test]
    fn owners_resolve_to_the_deepest_body_named() {
        let index = index();
        let cases: &[(&str, &[&[&str]])] = &[
            ("ITU-T SG17", &[&["sg17"]]),
            ("ITU-T SG17 (Q10/17)", &[&["q10-17"]]),
            ("ITU-T SG17 Q10/17", &[&["q10-17"]]),
            (
                "ITU-T SG17 (Q10/17 per roadmap listing - UNCERTAIN)",
                &[&["q10-17"]],
            ),
            ("ITU-T SG17 (UNCERTAIN Question)", &[&["sg17"]]),
            ("ISO/IEC JTC 1/SC 27", &[&["jtc1-sc27"]]),
            ("ISO/IEC JTC 1/SC 27 (WG 5 product list)", &[&["sc27-wg5"]]),
            (
                "ISO/IEC JTC 1 (SC 17 inferred from title - UNCERTAIN)",
                &[&["jtc1-sc17"]],
            ),
            ("ISO/TC 307 (JWG 4)", &[&["tc307-jwg4"]]),
            ("ISO/TC 307 (WG 5 governance)", &[&["iso-tc307"]]),
            ("W3C (DID WG)", &[&["w3c-did-wg"]]),
            ("FIDO Alliance", &[&["fido-alliance"]]),
            ("IETF (OAuth WG)", &[&["ietf"]]),
            ("SIA", &[&["sia"]]),
            ("ISO/IEC", &[&["iso", "iec"]]),
            ("ITU-T TSAG", &[&["tsag"]]),
            (
                "ITU-T SG17 / ISO/IEC JTC 1/SC 27",
                &[&["sg17"], &["jtc1-sc27"]],
            ),
            (
                "ITU-T SG17 (Q11/17) / ISO/IEC JTC 1",
                &[&["q11-17"], &["jtc1"]],
            ),
            ("JCA-IdM / TSAG", &[&["jca-idm"], &["tsag"]]),
            ("GSC", &[&[]]),
        ];
        for (text, expected) in cases {
            let got: Vec<Vec<String>> = index.resolve(text).into_iter().map(|o| o.bodies).collect();
            let expected: Vec<Vec<String>> = expected
                .iter()
                .map(|ids| ids.iter().map(|id| (*id).to_owned()).collect())
                .collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn a_parent_alone_is_kept_with_the_part_that_did_not_resolve() {
        let owners = index().resolve("ITU Council");
        assert_eq!(
            owners,
            vec![Owner {
                text: "ITU Council".to_owned(),
                bodies: vec!["itu".to_owned()],
                unresolved_part: Some("Council".to_owned()),
                reports_to: Vec::new(),
            }]
        );
        let wtsa = index().resolve("ITU-T WTSA");
        assert_eq!(wtsa[0].bodies, vec!["itu-t".to_owned()]);
        assert_eq!(wtsa[0].unresolved_part.as_deref(), Some("WTSA"));
    }

    #[test]
    fn a_reports_to_qualifier_names_the_parent() {
        let owners = index().resolve("ITU-T (reports to SG17)");
        assert_eq!(owners[0].bodies, vec!["itu-t".to_owned()]);
        assert_eq!(owners[0].reports_to, vec!["sg17".to_owned()]);
    }

    #[test]
    fn a_body_named_in_a_role_label_resolves_within_the_owner() {
        let index = index();
        assert_eq!(
            index.resolve_under("ISO/IEC JTC 1/SC 27", "SC 27/WG 5"),
            Some(vec!["sc27-wg5".to_owned()])
        );
        assert_eq!(
            index.resolve_under("ITU-T SG17", "SG17"),
            Some(vec!["sg17".to_owned()])
        );
        assert_eq!(
            index.resolve_under("ITU-T SG17", "Q10/17"),
            Some(vec!["q10-17".to_owned()])
        );
        assert_eq!(index.resolve_under("ITU-T SG17", "SG99"), None);
    }

    #[test]
    fn clashing_names_resolve_to_nothing_rather_than_to_a_guess() {
        let index = OwnerIndex::new([
            Body {
                id: "a",
                label: "Same Name",
                title: None,
            },
            Body {
                id: "b",
                label: "Same  name",
                title: None,
            },
        ]);
        assert_eq!(index.lookup("Same Name"), None);
        assert_eq!(index.lookup("a"), Some(&["a".to_owned()][..]));
    }
}
