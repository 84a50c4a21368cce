//! Grammars for the identifiers of standards and bodies: ITU-T Recommendations and
//! supplements, ISO/IEC standards, study groups, Questions, ISO/IEC committee paths, generic
//! coordination-body names and resolutions. Each adds candidates; overlaps are settled later.

use std::sync::LazyLock;

use regex::Regex;

use super::Category;
use super::text::{Text, window_before};

/// A possible mention, in bytes of [`Text::flat`].
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) category: Category,
    pub(crate) value: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Candidate {
    pub(crate) fn new(category: Category, value: String, start: usize, end: usize) -> Self {
        Candidate {
            category,
            value,
            start,
            end,
        }
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// What separates the items of a list: ", ", " and ", ", and ", " or ", " to ".
const LIST_SEP: &str = r"(?:\s?,\s?(?:and\s|or\s)?|\s(?:and|or|to|through)\s)";

// ---------------------------------------------------------------------------------------------
// ITU-T Recommendations

const REC_BODY: &str = r"(?P<series>[A-Z])\.(?P<body>\d{1,4}(?:\.\d{1,3})*(?P<rev>rev)?|[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)";

static REC: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?P<prefix>(?:[Rr]ecommendations?|Recs?\.?)\s(?:ITU-T\s)?|ITU-T\s(?:[Rr]ecommendations?\s|Recs?\.\s?)?)?{REC_BODY}(?P<series_word>\s?-\s?series|\sseries)?(?P<edition>\s\((?:\d{{2}}/)?\d{{4}}\))?"
    ))
});
static REC_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:\s?/\s?|{LIST_SEP}|\s?-\s?)(?P<item>(?:ITU-T\s)?{REC_BODY}(?P<series_word>\s?-\s?series)?(?P<edition>\s\((?:\d{{2}}/)?\d{{4}}\))?)"
    ))
});
static SUPPLEMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:ITU-T\s)?(?P<s>[A-Z])(?:\s|\.|-)?\s?(?:Suppl?\.?|Supplement)\s?(?P<n>\d{1,3})\b|Supplement\s(?P<n2>\d{1,3})\sto\s(?:the\s)?(?:ITU-T\s)?(?P<s2>[A-Z])(?:-|\s)series(?:\s[Rr]ecommendations)?",
    )
});
/// Words after which a short bare number is a table, figure or clause, not a Recommendation.
static NOT_REC_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:table|figure|fig\.|annex|appendix|clause|clauses|section|sections|§|note|equation|eq\.)\s?$",
    )
});

pub(crate) fn recommendations(text: &Text, out: &mut Vec<Candidate>) {
    let flat = &text.flat;
    let mut found = Vec::new();
    let mut bare = Vec::new();
    recommendations_in(text, &mut found, &mut bare);
    // Bare numbers standing next to each other with nothing but white space between them are a
    // table of series ranges ("X.1 X.199 X.200 X.299 ...", printed in the front matter of every
    // Recommendation), not references.
    let spaced = |a: &Candidate, b: &Candidate| {
        a.end <= b.start && flat[a.end..b.start].chars().all(char::is_whitespace)
    };
    for (i, c) in found.iter().enumerate() {
        let in_table = bare[i]
            && (found
                .get(i + 1)
                .is_some_and(|n| bare[i + 1] && spaced(c, n))
                || (i > 0 && bare[i - 1] && spaced(&found[i - 1], c)));
        if !in_table {
            out.push(c.clone());
        }
    }
}

fn recommendations_in(text: &Text, out: &mut Vec<Candidate>, bare: &mut Vec<bool>) {
    let flat = &text.flat;
    let mut supplements = Vec::new();
    for c in SUPPLEMENT.captures_iter(flat) {
        let whole = c.get(0).expect("match");
        let (series, number) = match (c.name("s"), c.name("n")) {
            (Some(s), Some(n)) => (s.as_str(), n.as_str()),
            _ => match (c.name("s2"), c.name("n2")) {
                (Some(s), Some(n)) => (s.as_str(), n.as_str()),
                _ => continue,
            },
        };
        if text.is_token(whole.start(), whole.end()) {
            let value = format!("ITU-T {series} Suppl. {}", trim_zeros(number));
            supplements.push((whole.start(), whole.end()));
            out.push(Candidate::new(
                Category::Recommendations,
                value,
                whole.start(),
                whole.end(),
            ));
            bare.push(false);
        }
    }
    for c in REC.captures_iter(flat) {
        let whole = c.get(0).expect("match");
        let (start, end) = (whole.start(), whole.end());
        if supplements.iter().any(|&(s, e)| start < e && s < end) || !text.is_token(start, end) {
            continue;
        }
        let prefixed = c.name("prefix").is_some();
        let body = c.name("body").expect("body").as_str();
        let numeric = body.starts_with(|ch: char| ch.is_ascii_digit());
        if !prefixed && !bare_is_recommendation(flat, start, body, numeric) {
            continue;
        }
        out.push(Candidate::new(
            Category::Recommendations,
            rec_value(&c),
            start,
            end,
        ));
        bare.push(!prefixed);
        // Items that continue a list or a dual number: "X.1252 and X.1255", "D.1140/X.1261".
        let mut at = end;
        while let Some(next) = REC_NEXT.captures(&flat[at..]) {
            let item = next.name("item").expect("item");
            let (s, e) = (at + item.start(), at + item.end());
            if !text.ends_token(e) || text.is_masked(s, e) {
                break;
            }
            out.push(Candidate::new(
                Category::Recommendations,
                rec_value(&next),
                s,
                e,
            ));
            bare.push(false);
            at = e;
        }
    }
}

fn bare_is_recommendation(flat: &str, start: usize, body: &str, numeric: bool) -> bool {
    if NOT_REC_BEFORE.is_match(window_before(flat, start, 16)) {
        return false;
    }
    if numeric {
        body.split('.').next().is_some_and(|n| n.len() >= 3)
    } else {
        // A provisional name written alone: "X.sc-dlt", "X.te", never "A.k" or "E.g".
        body.starts_with(|c: char| c.is_ascii_lowercase())
            && body.len() >= 2
            && !flat[start..].starts_with(|c: char| c.is_ascii_lowercase())
    }
}

fn rec_value(c: &regex::Captures<'_>) -> String {
    let series = &c["series"];
    let mut body = c["body"].to_owned();
    if c.name("rev").is_some() {
        body.truncate(body.len() - 3);
    }
    let suffix = if c.name("series_word").is_some() {
        "-series"
    } else {
        ""
    };
    format!("ITU-T {series}.{body}{suffix}")
}

fn trim_zeros(n: &str) -> &str {
    let t = n.trim_start_matches('0');
    if t.is_empty() { "0" } else { t }
}

// ---------------------------------------------------------------------------------------------
// ISO and IEC standards

const ISO_TAIL: &str = r"(?P<num>\d{3,6})(?P<parts>(?:-\d{1,3})*)(?::(?P<year>\d{4}))?(?:\s?/\s?(?P<amd>Amd|AMD|Cor|COR)\.?\s?(?P<amdn>\d{1,2})(?::\d{4})?)?";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?P<org>ISO/IEC/IEEE|ISO/IEC|ISO/IEEE|IEC/IEEE|ISO|IEC)(?:(?:\s?/\s?|\s)(?P<stage>(?:PD|D|F)?(?:TS|TR|PAS|ISP)|DIS|FDIS|CD|WD|NP|AWI|PWI|PRF|IS))?\s?{ISO_TAIL}"
    ))
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:©|\(c\)|copyright)\s?$"));
static ISO_NEXT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^{LIST_SEP}(?P<item>{ISO_TAIL})")));

pub(crate) fn iso_standards(text: &Text, out: &mut Vec<Candidate>) {
    let flat = &text.flat;
    for c in ISO.captures_iter(flat) {
        let whole = c.get(0).expect("match");
        if !text.is_token(whole.start(), whole.end()) {
            continue;
        }
        let org = &c["org"];
        let num = &c["num"];
        let copyright = COPYRIGHT.is_match(window_before(flat, whole.start(), 16));
        if copyright && num.len() == 4 && (num.starts_with("19") || num.starts_with("20")) {
            continue; // "© ISO/IEC 2013": the owners and a year, not a standard
        }
        let kind = c.name("stage").map(|s| s.as_str()).and_then(document_type);
        let head = match kind {
            Some(kind) if org.contains('/') => format!("{org} {kind} "),
            Some(kind) => format!("{org}/{kind} "),
            None => format!("{org} "),
        };
        out.push(Candidate::new(
            Category::IsoStandards,
            format!("{head}{}", iso_number(&c)),
            whole.start(),
            whole.end(),
        ));
        let mut at = whole.end();
        while let Some(next) = ISO_NEXT.captures(&flat[at..]) {
            let item = next.name("item").expect("item");
            let num = &next["num"];
            let year_like = num.len() == 4 && (num.starts_with("19") || num.starts_with("20"));
            let (s, e) = (at + item.start(), at + item.end());
            if num.len() < 4 || year_like || !text.ends_token(e) {
                break;
            }
            out.push(Candidate::new(
                Category::IsoStandards,
                format!("{head}{}", iso_number(&next)),
                s,
                e,
            ));
            at = e;
        }
    }
}

/// TS, TR, PAS and ISP name kinds of document; the others are stages of a draft, dropped.
fn document_type(stage: &str) -> Option<&str> {
    let kind = stage
        .trim_start_matches("PD")
        .trim_start_matches(['D', 'F']);
    ["TS", "TR", "PAS", "ISP"].into_iter().find(|k| *k == kind)
}

fn iso_number(c: &regex::Captures<'_>) -> String {
    let mut s = format!(
        "{}{}",
        &c["num"],
        c.name("parts").map_or("", |p| p.as_str())
    );
    if let (Some(amd), Some(n)) = (c.name("amd"), c.name("amdn")) {
        let kind = if amd.as_str().eq_ignore_ascii_case("amd") {
            "Amd"
        } else {
            "Cor"
        };
        s.push_str(&format!("/{kind} {}", trim_zeros(n.as_str())));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Study groups and Questions

static SG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(?P<sector>ITU-[TRD])[\s-])?(?:(?P<plural>SGs|[Ss]tudy\s[Gg]roups)\s(?P<pn>\d{1,2})|(?:SG\s?-?\s?|[Ss]tudy\s[Gg]roup\s)(?P<n>\d{1,2}))",
    )
});
static SG_NEXT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^{LIST_SEP}(?P<item>(?:SG\s?)?(?P<n>\d{{1,2}}))")));

pub(crate) fn study_groups(text: &Text, out: &mut Vec<Candidate>) {
    let flat = &text.flat;
    for c in SG.captures_iter(flat) {
        let whole = c.get(0).expect("match");
        let (start, end) = (whole.start(), whole.end());
        if !text.is_token(start, end) || followed_by_number(flat, end) {
            continue;
        }
        let sector = c.name("sector").map_or("ITU-T", |s| s.as_str());
        let number = c.name("n").or(c.name("pn")).expect("number").as_str();
        let value = |n: &str| format!("{sector} SG{}", trim_zeros(n));
        out.push(Candidate::new(
            Category::StudyGroups,
            value(number),
            start,
            end,
        ));
        if c.name("plural").is_none() {
            continue;
        }
        let mut at = end;
        while let Some(next) = SG_NEXT.captures(&flat[at..]) {
            let item = next.name("item").expect("item");
            let (s, e) = (at + item.start(), at + item.end());
            if !text.ends_token(e) || followed_by_number(flat, e) {
                break;
            }
            out.push(Candidate::new(
                Category::StudyGroups,
                value(&next["n"]),
                s,
                e,
            ));
            at = e;
        }
    }
}

/// "17/..." or "17.2": the number goes on, so it is something else (a date, a Question).
fn followed_by_number(flat: &str, at: usize) -> bool {
    let rest = &flat.as_bytes()[at..];
    matches!(rest, [b'/' | b'.', d, ..] if d.is_ascii_digit())
}

static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:ITU-T\s)?(?:Questions?\s|Q\.?\s?|Qs\.?\s)(?P<q>\d{1,2})\s?/\s?(?:SG\s?)?(?P<sg>\d{1,2})|[Qq]uestion\s(?P<q2>\d{1,2})(?P<of>\sof\s(?:ITU-T\s)?(?:[Ss]tudy\s[Gg]roup|SG)\s?(?P<sg2>\d{1,2}))",
    )
});
static QUESTION_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^{LIST_SEP}(?P<item>(?:Q\.?\s?)?(?P<q>\d{{1,2}})\s?/\s?(?P<sg>\d{{1,2}}))"
    ))
});

pub(crate) fn questions(text: &Text, out: &mut Vec<Candidate>) {
    let flat = &text.flat;
    for c in QUESTION.captures_iter(flat) {
        let whole = c.get(0).expect("match");
        let (start, mut end) = (whole.start(), whole.end());
        let (q, sg) = match (c.name("q"), c.name("sg")) {
            (Some(q), Some(sg)) => (q.as_str(), sg.as_str()),
            _ => {
                // "Question 10 of Study Group 17": the mention is "Question 10", the study
                // group is a mention of its own.
                end = c.name("of").expect("of").start();
                (&c["q2"], &c["sg2"])
            }
        };
        if !text.is_token(start, whole.end()) || followed_by_number(flat, whole.end()) {
            continue;
        }
        let value = |q: &str, sg: &str| format!("Q{}/{}", trim_zeros(q), trim_zeros(sg));
        out.push(Candidate::new(
            Category::Questions,
            value(q, sg),
            start,
            end,
        ));
        let mut at = whole.end();
        while let Some(next) = QUESTION_NEXT.captures(&flat[at..]) {
            let item = next.name("item").expect("item");
            let (s, e) = (at + item.start(), at + item.end());
            if !text.ends_token(e) || followed_by_number(flat, e) {
                break;
            }
            out.push(Candidate::new(
                Category::Questions,
                value(&next["q"], &next["sg"]),
                s,
                e,
            ));
            at = e;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// ISO/IEC committees

const LEVELS: &str = r"(?:(?:\s?/\s?|\s)(?:SC|JWG|WG|AG|AHG|JAG)\s?\d{1,3})*";

static COMMITTEE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?P<jtc>(?:ISO\s?/?\s?IEC\s?|IEC\s)?JTC\s?-?\s?1)(?P<scs>\s?/?\s?SCs\s\d{{1,3}})?{LEVELS}|(?P<bare_scs>SCs\s\d{{1,3}})|(?P<tcorg>ISO|IEC|CEN|CENELEC|CLC)\s?/?\s?TC\s?(?P<tc>\d{{1,3}}){LEVELS}|(?P<sc>SC\s?\d{{1,3}}){LEVELS}|(?P<bare_tc>TC\s?\d{{1,3}}){LEVELS}|(?P<wg>J?WG\s?\d{{1,3}})"
    ))
});
static LEVEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?P<kind>SC|JWG|WG|AG|AHG|JAG)\s?(?P<n>\d{1,3})"));

static NUMBER_NEXT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^{LIST_SEP}(?P<n>\d{{1,3}})\b")));

/// A "WG n" written alone, to be read against the committees named before it.
pub(crate) struct BareGroup {
    pub(crate) label: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

pub(crate) fn committees(
    text: &Text,
    bare_tcs: &[(String, String)],
    out: &mut Vec<Candidate>,
    bare: &mut Vec<BareGroup>,
) {
    for c in COMMITTEE.captures_iter(&text.flat) {
        let whole = c.get(0).expect("match");
        let (start, end) = (whole.start(), whole.end());
        if !text.is_token(start, end) || followed_by_number(&text.flat, end) {
            continue;
        }
        let matched = whole.as_str();
        if let Some(scs) = c.name("scs").or(c.name("bare_scs")) {
            // "JTC 1 SCs 6, 27 and 37": one subcommittee per number.
            let first: String = scs.as_str().chars().filter(char::is_ascii_digit).collect();
            let value = |n: &str| format!("ISO/IEC JTC 1/SC {}", trim_zeros(n));
            out.push(Candidate::new(
                Category::Organizations,
                value(&first),
                start,
                scs.end(),
            ));
            let mut at = scs.end();
            while let Some(next) = NUMBER_NEXT.captures(&text.flat[at..]) {
                let n = next.name("n").expect("n");
                let (s, e) = (at + n.start(), at + n.end());
                if !text.ends_token(e) {
                    break;
                }
                out.push(Candidate::new(
                    Category::Organizations,
                    value(n.as_str()),
                    s,
                    e,
                ));
                at = e;
            }
            continue;
        }
        let (head, levels_from) = if let Some(j) = c.name("jtc") {
            ("ISO/IEC JTC 1".to_owned(), j.end() - start)
        } else if let (Some(org), Some(tc)) = (c.name("tcorg"), c.name("tc")) {
            // As each body writes its own: "ISO/TC 307", "IEC TC 65", "CEN/TC 224", "CLC/TC 79".
            let head = match org.as_str() {
                "IEC" => "IEC ",
                "CENELEC" | "CLC" => "CLC/",
                other => &format!("{other}/"),
            };
            (format!("{head}TC {}", tc.as_str()), tc.end() - start)
        } else if c.name("sc").is_some() {
            ("ISO/IEC JTC 1".to_owned(), 0)
        } else if let Some(tc) = c.name("bare_tc") {
            let key: String = tc.as_str().chars().filter(|c| !c.is_whitespace()).collect();
            match bare_tcs.iter().find(|(k, _)| k.replace(' ', "") == key) {
                Some((_, full)) => (full.clone(), tc.end() - start),
                None => continue,
            }
        } else {
            let label = LEVEL
                .captures(matched)
                .map(|l| format!("{} {}", &l["kind"], &l["n"]))
                .unwrap_or_default();
            bare.push(BareGroup { label, start, end });
            continue;
        };
        let mut value = head;
        for level in LEVEL.captures_iter(&matched[levels_from..]) {
            value.push_str(&format!("/{} {}", &level["kind"], trim_zeros(&level["n"])));
        }
        out.push(Candidate::new(Category::Organizations, value, start, end));
    }
}

// ---------------------------------------------------------------------------------------------
// Generic coordination-body names

const BODY_ACRONYM: &str = r"\b(?:JCA|CWG)-[A-Za-z][A-Za-z0-9&]*|\bFG[- ][A-Z][A-Za-z0-9]+";

static BODY: LazyLock<Regex> = LazyLock::new(|| re(BODY_ACRONYM));

/// "(ITU-T) Focus Group on Metaverse (FG-MV)": the long name of a body the dictionary lacks,
/// read as the acronym that follows it in brackets. The name stays inside one clause.
static BODY_LONG_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:ITU-T\s|ITU\s)?(?:Joint\sCoordination\sActivity|Focus\sGroup|Council\sWorking\sGroup)\s(?:on|for)\s(?:the\s)?\p{{Lu}}[^().,;:]{{0,120}}?(?P<end>)\s?\((?P<acronym>{BODY_ACRONYM})\)"
    ))
});

fn body_value(acronym: &str) -> String {
    match acronym.strip_prefix("FG-") {
        Some(rest) => format!("FG {rest}"),
        None => acronym.to_owned(),
    }
}

pub(crate) fn coordination_bodies(text: &Text, out: &mut Vec<Candidate>) {
    for m in BODY.find_iter(&text.flat) {
        if text.is_token(m.start(), m.end()) {
            out.push(Candidate::new(
                Category::CoordinationBodies,
                body_value(m.as_str()),
                m.start(),
                m.end(),
            ));
        }
    }
    for c in BODY_LONG_NAME.captures_iter(&text.flat) {
        let start = c.get(0).expect("match").start();
        let end = c.name("end").expect("end").start();
        if text.is_token(start, end) {
            out.push(Candidate::new(
                Category::CoordinationBodies,
                body_value(&c["acronym"]),
                start,
                end,
            ));
        }
    }
}
