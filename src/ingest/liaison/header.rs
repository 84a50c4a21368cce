//! What a document says about itself: its title, date, senders and recipients (the `Title:`,
//! `Date:`, `Source:`/`From:` and `To:` fields at the head of an ITU-T liaison statement, or
//! "This liaison provides TSAG …"), the action it requests (the paragraph under "Action
//! requested"), and whether it is a liaison statement at all. Senders and recipients are
//! mentions of bodies the extractor found inside those fields.

use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::extract::{Category, Extraction};

/// Fields are looked for in the first lines only: further down, "To:" is prose.
const HEAD_LINES: usize = 40;

/// What a field at the head of the document gives.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Title,
    Sender,
    Recipient,
    Date,
    /// A date to use when there is no `Date:` field ("Approval: Agreed at … (21 July 2023)").
    LaterDate,
}

const FIELDS: &[(&str, Field)] = &[
    ("title", Field::Title),
    ("source", Field::Sender),
    ("from", Field::Sender),
    ("to", Field::Recipient),
    ("date", Field::Date),
    ("approval", Field::LaterDate),
];

/// The categories of mentions that can send or receive a liaison.
const BODIES: &[Category] = &[
    Category::StudyGroups,
    Category::Questions,
    Category::Organizations,
    Category::CoordinationBodies,
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

static FIELD_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([A-Za-z][A-Za-z ()]*?)\s*:\s*(\S.*?)\s*$").expect("regex"));
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(\d{1,2})\s*[-–]\s*)?(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b",
    )
    .expect("regex")
});
static LIAISON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)liaison\s+statement|\bthis\s+liaison\b|^\s*(?:title:\s*)?LS\b|\bLS/[oi]\b")
        .expect("regex")
});
static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bthis\s+(?:liaison(?:\s+statement)?|LS)\s+(?:provides|informs|asks|invites|requests|is\s+(?:sent|addressed)\s+to)\s+(?:the\s+)?",
    )
    .expect("regex")
});
static ACTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*actions?\s+requested\s*:?\s*$").expect("regex"));

/// What the head of a document gives.
#[derive(Debug, Default)]
pub(super) struct Header {
    pub(super) title: Option<String>,
    /// As an `xsd:date`: "2025-09-11".
    pub(super) date: Option<String>,
    /// Indexes in `Extraction::mentions` of the sending bodies.
    pub(super) senders: Vec<usize>,
    /// Indexes in `Extraction::mentions` of the bodies addressed.
    pub(super) recipients: Vec<usize>,
    pub(super) requested_action: Option<String>,
    /// The text calls itself a liaison statement.
    pub(super) is_liaison: bool,
}

/// Reads the header of `text`, whose mentions are `extraction`.
pub(super) fn read(text: &str, extraction: &Extraction) -> Header {
    let mut header = Header {
        is_liaison: LIAISON.is_match(text),
        ..Header::default()
    };
    let mut later_date = None;
    let mut first_date = None;
    let mut offset = 0; // in characters
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (number, line) in lines.iter().enumerate() {
        let start = offset;
        offset += line.chars().count();
        if number >= HEAD_LINES {
            continue;
        }
        if first_date.is_none() && number < 12 {
            first_date = date(line);
        }
        let Some(caps) = FIELD_LINE.captures(line) else {
            continue;
        };
        let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let name = name.as_str().to_ascii_lowercase();
        let Some((_, field)) = FIELDS.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let from = start + line[..value.start()].chars().count();
        let to = start + line[..value.end()].chars().count();
        match field {
            Field::Title => {
                let title = value.as_str();
                let title = match title.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                    Some(quoted) => quoted,
                    None => title,
                };
                header.title.get_or_insert_with(|| title.to_owned());
            }
            Field::Sender => header.senders.extend(bodies_within(extraction, from, to)),
            Field::Recipient => header
                .recipients
                .extend(bodies_within(extraction, from, to)),
            Field::Date => header.date = header.date.take().or_else(|| date(value.as_str())),
            Field::LaterDate => later_date = later_date.or_else(|| date(value.as_str())),
        }
    }
    header.date = header.date.take().or(later_date).or(first_date);
    if header.recipients.is_empty() {
        header.recipients.extend(addressed(text, extraction));
    }
    header.requested_action = requested_action(&lines);
    header
}

fn is_body(category: Category) -> bool {
    BODIES.contains(&category)
}

fn bodies_within(extraction: &Extraction, from: usize, to: usize) -> Vec<usize> {
    extraction
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| is_body(m.category) && m.start >= from && m.end <= to)
        .map(|(i, _)| i)
        .collect()
}

/// The body right after "This liaison provides …" (the seed liaison names no `To:` field).
fn addressed(text: &str, extraction: &Extraction) -> Option<usize> {
    let found = ADDRESSED.find(text)?;
    let at = text[..found.end()].chars().count();
    extraction
        .mentions
        .iter()
        .position(|m| is_body(m.category) && m.start == at)
}

/// The first date of `text` as `xsd:date`; of a range "2-11 September 2025", the last day.
fn date(text: &str) -> Option<String> {
    let caps = DATE.captures(text)?;
    let (year, month, day) = match (caps.get(2), caps.get(3), caps.get(4)) {
        (Some(day), Some(month), Some(year)) => {
            let month = month.as_str().to_ascii_lowercase();
            let month = MONTHS.iter().position(|m| *m == month)? + 1;
            (
                year.as_str().parse::<u16>().ok()?,
                month,
                day.as_str().parse::<usize>().ok()?,
            )
        }
        _ => (
            caps.get(5)?.as_str().parse().ok()?,
            caps.get(6)?.as_str().parse().ok()?,
            caps.get(7)?.as_str().parse().ok()?,
        ),
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    let valid = (1..=days).contains(&day) && year >= 1865;
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The paragraph under an "Action requested" heading.
fn requested_action(lines: &[&str]) -> Option<String> {
    let heading = lines.iter().position(|l| ACTION.is_match(l))?;
    let paragraph: Vec<&str> = lines[heading + 1..]
        .iter()
        .map(|l| l.trim())
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    (!paragraph.is_empty()).then(|| paragraph.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::extract::extract;

    fn values(extraction: &Extraction, indexes: &[usize]) -> Vec<String> {
        indexes
            .iter()
            .map(|&i| extraction.mentions[i].text.clone())
            .collect()
    }

    #[test]
    fn the_fields_of_a_liaison_statement_give_title_date_sender_and_recipients() {
        let text = "LIAISON STATEMENT\nSource:\tITU-T Study Group 17\nTitle:\tLS on \"X.1254\"\n\
                    To:\tISO/IEC JTC1/SC27/WG5, JCA-IdM\nApproval:\tAgreed (Geneva, 2-11 September 2025)\n\n\
                    Body text to SG13.\nAction requested\nPlease comment\non the draft.\n\nThanks.";
        let extraction = extract(text);
        let header = read(text, &extraction);
        assert!(header.is_liaison);
        assert_eq!(header.title.as_deref(), Some("LS on \"X.1254\""));
        assert_eq!(header.date.as_deref(), Some("2025-09-11"));
        assert_eq!(
            values(&extraction, &header.senders),
            ["ITU-T Study Group 17"]
        );
        assert_eq!(
            values(&extraction, &header.recipients),
            ["ISO/IEC JTC1/SC27/WG5", "JCA-IdM"]
        );
        assert_eq!(
            header.requested_action.as_deref(),
            Some("Please comment on the draft.")
        );
    }

    #[test]
    fn without_fields_the_opening_sentence_names_the_recipient() {
        let text = "Introduction\nThis liaison provides TSAG for its review the ToR of JCA-IdM.";
        let extraction = extract(text);
        let header = read(text, &extraction);
        assert!(header.is_liaison);
        assert_eq!(values(&extraction, &header.recipients), ["TSAG"]);
        assert!(header.senders.is_empty() && header.title.is_none() && header.date.is_none());
    }

    #[test]
    fn a_report_is_not_a_liaison_and_its_first_date_is_its_date() {
        let text = "Report of the 34th JCA-IdM meeting\n(virtual, 14 October 2024)\n\nThe liaison report of SC 27 was noted.";
        let header = read(text, &extract(text));
        assert!(!header.is_liaison);
        assert_eq!(header.date.as_deref(), Some("2024-10-14"));
        assert_eq!(date("31 February 2024"), None);
        assert_eq!(date("29 February 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(date("see 2023-07-21").as_deref(), Some("2023-07-21"));
    }
}
