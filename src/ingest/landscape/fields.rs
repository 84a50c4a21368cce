//! Reading the free-text columns of the landscape CSV: slugs, years, status words, source lists
//! and person-role labels. Pure text functions; the word lists are data, in tables, so a new
//! wording is one line (see `docs/landscape-mapping.md`).

use oxigraph::model::{NamedNode, NamedNodeRef};

use crate::vocab::idm;

/// The slug of a topic or a person's name, as the seed writes them: lower case, every run of
/// characters other than ASCII letters and digits one `-`, none at either end.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The plausible years in `text`, in order: four digits from 1900 to 2099 standing alone, so
/// that `X.1254`, `22739` or `Resolution 1306` are not read as years.
pub fn years(text: &str) -> Vec<u16> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let digits = &bytes[i..i + 4];
        let alone_before =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
        let alone_after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if digits.iter().all(u8::is_ascii_digit) && alone_before && alone_after {
            let year = digits
                .iter()
                .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
            if (1900..=2099).contains(&year) {
                found.push(year);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    found
}

/// Whether `needle` occurs in `text` as a word (no letter or digit touching either end).
/// A needle with a capital letter is matched as written (`DIS`, `CR`), others in any case.
pub fn has_word(text: &str, needle: &str) -> bool {
    let exact = needle.chars().any(|c| c.is_ascii_uppercase());
    let haystack = if exact {
        text.to_owned()
    } else {
        text.to_ascii_lowercase()
    };
    let bytes = haystack.as_bytes();
    let mut start = 0;
    while let Some(offset) = haystack[start..].find(needle) {
        let at = start + offset;
        let end = at + needle.len();
        let free_before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let free_after = !needle.ends_with(|c: char| c.is_ascii_alphanumeric())
            || bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
        if free_before && free_after {
            return true;
        }
        start = at + 1;
        while !haystack.is_char_boundary(start) {
            start += 1;
        }
    }
    false
}

/// Words of the `year/status` column of a document and the coarse status each means; the first
/// row with a word in the text wins.
const STATUS_WORDS: &[(NamedNodeRef<'static>, &[&str])] = &[
    (idm::WITHDRAWN, &["withdrawn"]),
    (idm::SUPERSEDED, &["superseded", "replaced by"]),
    (idm::IN_FORCE, &["in force"]),
    (
        idm::PUBLISHED,
        &[
            "published",
            "approved",
            "W3C Recommendation",
            "Proposed Standard",
            "final",
            "edition",
            "ed.",
        ],
    ),
    (idm::DRAFT, &["draft", "candidate", "DIS", "FDIS", "CR"]),
];

/// Words of the `year/status` column of a body and the activity status each means.
const ACTIVITY_WORDS: &[(NamedNodeRef<'static>, &[&str])] = &[
    (idm::DORMANT, &["dormant"]),
    (idm::TERMINATED, &["terminated", "closed", "disbanded"]),
    (idm::ACTIVE, &["continued", "active"]),
];

fn first_match(
    text: &str,
    table: &[(NamedNodeRef<'static>, &[&str])],
) -> Option<NamedNodeRef<'static>> {
    table
        .iter()
        .find(|(_, words)| words.iter().any(|word| has_word(text, word)))
        .map(|(status, _)| *status)
}

/// The coarse publication status (`idm:Draft` … `idm:Withdrawn`) a document's status text
/// states, if any.
pub fn publication_status(text: &str) -> Option<NamedNodeRef<'static>> {
    first_match(text, STATUS_WORDS)
}

/// The activity status (`idm:Dormant`, `idm:Terminated`, `idm:Active`) a body's status text
/// states, if any.
pub fn activity_status(text: &str) -> Option<NamedNodeRef<'static>> {
    first_match(text, ACTIVITY_WORDS)
}

/// One piece of the `source_url` column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A web address, with the whole piece as a note when more follows it ("(via …)").
    Url {
        /// The address.
        iri: NamedNode,
        /// The whole piece, when it says more than the address.
        note: Option<String>,
    },
    /// A piece that is not a web address, kept as written.
    Note(String),
}

/// The pieces of a `source_url` value, split on ` ; `.
pub fn sources(text: &str) -> Vec<Source> {
    text.split(" ; ")
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let first = piece.split_whitespace().next().unwrap_or(piece);
            let web = first.starts_with("http://") || first.starts_with("https://");
            match NamedNode::new(first) {
                Ok(iri) if web => Source::Url {
                    iri,
                    note: (first.len() < piece.len()).then(|| piece.to_owned()),
                },
                _ => Source::Note(piece.to_owned()),
            }
        })
        .collect()
}

/// Role words of person-role labels, most specific first: the first one found names the role.
const ROLE_WORDS: &[(&str, NamedNodeRef<'static>)] = &[
    ("co-rapporteur", idm::CO_RAPPORTEUR),
    ("rapporteur", idm::RAPPORTEUR),
    ("co-chair", idm::CO_CHAIR),
    ("vice-chair", idm::VICE_CHAIR),
    ("vice chair", idm::VICE_CHAIR),
    ("chair", idm::CHAIR),
    ("convenor", idm::CONVENOR),
    ("convener", idm::CONVENOR),
    ("editor", idm::EDITOR),
    ("secretariat", idm::SECRETARIAT),
];

/// A person-role label read: `SG17 Chairman (2022-2024): Heung Youl Youm`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleLabel {
    /// The body as the label names it, before the role word ("SG17"); may be empty.
    pub body: String,
    /// The `org:Role`.
    pub role: NamedNodeRef<'static>,
    /// The person's name.
    pub name: String,
    /// The years the label gives (from, to).
    pub years: Option<(u16, u16)>,
}

/// Reads a person-role label, or says what is missing.
pub fn role_label(label: &str) -> Result<RoleLabel, String> {
    let Some((heading, name)) = label
        .rsplit_once(':')
        .filter(|(_, name)| !name.trim().is_empty())
    else {
        return Err(format!(
            "a Person-role label reads \"{{body}} {{role}}: {{name}}\", as in \"SG17 Chair (2025-2028): Arnaud Taddei\"; got {label:?}"
        ));
    };
    let plain = without_parentheses(heading);
    let lower = plain.to_ascii_lowercase();
    let Some((at, role)) = ROLE_WORDS
        .iter()
        .find_map(|(word, role)| lower.find(word).map(|at| (at, *role)))
    else {
        let known: Vec<&str> = ROLE_WORDS.iter().map(|(word, _)| *word).collect();
        return Err(format!(
            "no role word in {heading:?} (known: {})",
            known.join(", ")
        ));
    };
    let found = years(heading);
    Ok(RoleLabel {
        body: plain[..at].trim().to_owned(),
        role,
        name: name.trim().to_owned(),
        years: found
            .first()
            .map(|from| (*from, found.get(1).copied().unwrap_or(*from))),
    })
}

/// `text` without its parenthesised parts.
fn without_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_the_seed() {
        for (text, expected) in [
            ("identity management", "identity-management"),
            ("OAuth 2.0", "oauth-2-0"),
            ("Heung Youl Youm", "heung-youl-youm"),
            (
                "information security management (context)",
                "information-security-management-context",
            ),
            ("  -LoA1-LoA4- ", "loa1-loa4"),
        ] {
            assert_eq!(slug(text), expected, "{text}");
        }
    }

    #[test]
    fn years_are_four_digits_standing_alone() {
        for (text, expected) in [
            (
                "edition 09/2009; published/approved 2009-09-25",
                vec![2009, 2009],
            ),
            (
                "ISO 22739:2024 second edition (first edition 2020)",
                vec![2024, 2020],
            ),
            (
                "common text with ITU-T X.1058 (edition years follow X.1058: 2017; ~2026)",
                vec![2017, 2026],
            ),
            ("Council Resolution 1306 (2009)", vec![2009]),
            ("SG17 Chairman (2022–2024)", vec![2022, 2024]),
            ("RFC 20123 and X.2023", vec![]),
        ] {
            assert_eq!(years(text), expected, "{text}");
        }
    }

    #[test]
    fn status_words_give_the_coarse_status_first_rule_first() {
        for (text, expected) in [
            (
                "edition 09/2012; published/approved 2012-09-07; superseded (src suffix -S)",
                Some(idm::SUPERSEDED),
            ),
            (
                "Edition 1, June 2015; withdrawn/replaced by 24760-2:2025",
                Some(idm::WITHDRAWN),
            ),
            (
                "2nd edition 2019-05; replaced by 2025 edition",
                Some(idm::SUPERSEDED),
            ),
            (
                "edition 09/2020; published/approved 2020-09-03; In force; TAP",
                Some(idm::IN_FORCE),
            ),
            (
                "W3C Recommendation 2022-07-19; DID v1.1 at CR 2026-03-05",
                Some(idm::PUBLISHED),
            ),
            (
                "Candidate Recommendation Snapshot 2026-01-13 (not a REC at snapshot time)",
                Some(idm::DRAFT),
            ),
            (
                "DIS public enquiry until 14 Mar 2025; FDIS stage 2025",
                Some(idm::DRAFT),
            ),
            (
                "first edition, published 2021-09-30; Edition 2 at DIS stage",
                Some(idm::PUBLISHED),
            ),
            (
                "draft; TAP approval scheduled at SG17 virtual plenary 9 April 2026",
                Some(idm::DRAFT),
            ),
            (
                "Final; errata set 2 dated December 15, 2023",
                Some(idm::PUBLISHED),
            ),
            ("1st ed. 2009; Cor.1:2013", Some(idm::PUBLISHED)),
            ("maintained by JCA-IdM (public link on JCA-IdM page)", None),
            ("carried to next study period; a crucial credit", None),
        ] {
            assert_eq!(publication_status(text), expected, "{text}");
        }
        assert_eq!(
            activity_status("established April 2012; dormant (SG17 Sep 2023)"),
            Some(idm::DORMANT)
        );
        assert_eq!(
            activity_status("approved by TSAG Dec 2007; continued May 2017"),
            Some(idm::ACTIVE)
        );
        assert_eq!(
            activity_status("2022-2024 (continuation of Q9/17 and Q10/17)"),
            None
        );
        assert_eq!(
            activity_status("created by TSAG 2015; inactive groups merged"),
            None
        );
    }

    #[test]
    fn sources_keep_the_url_and_the_note() -> Result<(), Box<dyn std::error::Error>> {
        let text = "https://a.example/x ; https://b.example/y (via github:o/r@abc data/f.yaml) ; github:o/r (spec test)";
        assert_eq!(
            sources(text),
            vec![
                Source::Url {
                    iri: NamedNode::new("https://a.example/x")?,
                    note: None
                },
                Source::Url {
                    iri: NamedNode::new("https://b.example/y")?,
                    note: Some("https://b.example/y (via github:o/r@abc data/f.yaml)".to_owned())
                },
                Source::Note("github:o/r (spec test)".to_owned()),
            ]
        );
        Ok(())
    }

    #[test]
    fn role_labels_give_body_role_name_and_years() -> Result<(), String> {
        let chair = role_label("SG17 Chairman (2022-2024): Heung Youl Youm")?;
        assert_eq!(
            chair,
            RoleLabel {
                body: "SG17".to_owned(),
                role: idm::CHAIR,
                name: "Heung Youl Youm".to_owned(),
                years: Some((2022, 2024)),
            }
        );
        let co = role_label("Q10/17 Co-Rapporteur: Abbie Barbir")?;
        assert_eq!(
            (co.body.as_str(), co.role, co.years),
            ("Q10/17", idm::CO_RAPPORTEUR, None)
        );
        let convenor = role_label("SC 27/WG 5 Convenor: Kai Rannenberg")?;
        assert_eq!(
            (convenor.body.as_str(), convenor.role),
            ("SC 27/WG 5", idm::CONVENOR)
        );
        assert!(role_label("SG17 Chair Arnaud Taddei").is_err());
        assert!(role_label("SG17 Treasurer: Someone").is_err());
        Ok(())
    }
}
