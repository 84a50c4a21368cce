//! People and their roles: names after an honorific ("Mr Abbie Barbir"), names on "Contact:"
//! lines, with the role stated next to them (", Rapporteur Q10/17", "The Co-chairmen, Mr A and
//! Mr B", a tab column, the next line of a contact block) or in the heading of the list they
//! stand in ("Leadership (Co-chairmen)").

use regex::Regex;

use super::dict;
use super::text::{Spans, Text, window_before};

/// A person found, in bytes of the normalised text.
pub(crate) struct PersonHit {
    pub(crate) name: String,
    pub(crate) role: Option<String>,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

pub(crate) struct PeopleRules {
    /// Role variants (normalised, longest first) and the form reported.
    roles: Vec<(String, String)>,
    /// An honorific and a name.
    titled: Regex,
    /// A name alone at the start of a line (or a list item).
    untitled: Regex,
    /// A name after "Contact" or a role word ("Contact: A B", "Chairman: A B").
    led: Regex,
    /// A role word right after a name, perhaps after the designation of a body written in
    /// capitals and digits ("SG17 Chairman", "SC 27 Liaison Officer", "ETSI TC ESI Chair") or
    /// after "as" ("Ms A and Mr B as co-editors").
    role_after: Regex,
    /// A role word right before a name ("The SG17 Chairman, ").
    role_before: Regex,
    /// A role word anywhere (in a heading).
    role_any: Regex,
    /// Words that are not parts of names.
    not_names: Vec<String>,
}

const NAME_PART: &str = r"(?:[\p{Lu}][\p{L}']+(?:-[\p{L}][\p{L}']*)*|[A-Z](?:\.|\b))";
const PARTICLES: &str = r"(?:van|von|de|der|den|da|di|du|la|le|bin|binti|al|el|ter|dos|das|del)";

impl PeopleRules {
    pub(crate) fn builtin() -> Self {
        let roles = dict::roles();
        let role_alts = roles
            .iter()
            .map(|(v, _)| regex::escape(v).replace(' ', r"\s"))
            .collect::<Vec<_>>()
            .join("|");
        let honorifics = dict::words(dict::HONORIFICS)
            .iter()
            .map(|h| regex::escape(h))
            .collect::<Vec<_>>()
            .join("|");
        let name = format!(r"{NAME_PART}(?: (?:{PARTICLES} )?{NAME_PART}){{0,3}}");
        let re = |p: String| Regex::new(&p).expect("people rules compile");
        PeopleRules {
            titled: re(format!(
                r"(?:^|[^\p{{L}}\p{{N}}])(?P<hon>{honorifics}) (?P<name>{name})"
            )),
            untitled: re(format!(
                r"(?m)^[ \t]*(?:[•·*-]|\d{{1,2}}[.)])?[ \t]*(?P<name>{NAME_PART}(?: (?:{PARTICLES} )?{NAME_PART}){{1,3}})(?:[ \t]*$|\t|, |;|\s?\()"
            )),
            led: re(format!(
                r"(?m)\b(?i:contacts?|{role_alts}):?[ \t]+(?P<name>{NAME_PART}(?: (?:{PARTICLES} )?{NAME_PART}){{1,3}})(?:[ \t]*$|\t|, |;|\s?\(|\s)"
            )),
            role_after: re(format!(
                r"^(?:\s?\([^()\n]{{1,40}}\))?(?:,\s?\p{{Lu}}[\p{{L}}. ]{{1,30}}(?:,|\s\([^()\n]{{1,30}}\)))?(?:\s?,\s?|\s?\(\s?|\t+|\sas\s|\s)(?:the\s)?(?:[A-Z0-9][A-Z0-9/&.-]* ){{0,4}}(?i:(?P<role>{role_alts}))\b"
            )),
            role_before: re(format!(r"(?i:(?P<role>{role_alts}))\s?[,:]?\s$")),
            role_any: re(format!(r"(?i:\b(?P<role>{role_alts}))\b")),
            not_names: dict::words(dict::NOT_NAMES),
            roles,
        }
    }

    fn canonical(&self, written: &str) -> Option<String> {
        let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
        self.roles
            .iter()
            .find(|(v, _)| v.eq_ignore_ascii_case(&written))
            .map(|(_, c)| c.clone())
    }

    pub(crate) fn find(&self, text: &Text) -> Vec<PersonHit> {
        let lines = &text.lines;
        let mut hits: Vec<PersonHit> = Vec::new();
        // Role inherited along "Mr A and Mr B": (end of the previous name, its role).
        let mut chain: Option<(usize, Option<String>)> = None;
        let mut names: Vec<(usize, usize, bool)> = self
            .titled
            .captures_iter(lines)
            .filter_map(|c| Some((c.name("hon")?.start(), c.name("name")?, true)))
            .map(|(h, n, t)| (h, n.end(), t))
            .collect();
        let mut taken = Spans::default();
        for &(s, e, _) in &names {
            taken.insert(s, e);
        }
        let untitled = self.untitled.captures_iter(lines).map(|c| (c, false));
        for (c, led) in untitled.chain(self.led.captures_iter(lines).map(|c| (c, true))) {
            let n = c.name("name").expect("name");
            let line_start = text.line_start(n.start());
            let contact = led;
            let words: Vec<&str> = n.as_str().split(' ').collect();
            let plausible = words
                .iter()
                .all(|w| !self.not_names.iter().any(|x| x.eq_ignore_ascii_case(w)))
                && words.iter().any(|w| w.chars().any(char::is_lowercase))
                && !text.is_masked(n.start(), n.end());
            if plausible
                && (contact || self.block_role(text, line_start, n.start()).is_some())
                && !taken.overlaps(n.start(), n.end())
                && self.canonical(n.as_str()).is_none()
            {
                taken.insert(n.start(), n.end());
                names.push((n.start(), n.end(), false));
            }
        }
        names.sort();
        // Per hit: where its honorific starts, and whether its role came after it in the plural.
        let mut listed: Vec<(usize, bool)> = Vec::new();
        for (hon_start, end, titled) in names {
            let name_start = if titled {
                lines[hon_start..]
                    .find(' ')
                    .map_or(hon_start, |p| hon_start + p + 1)
            } else {
                hon_start
            };
            let (start, end) = trim_name(lines, name_start, end, &self.roles);
            if start >= end
                || text.is_masked(start, end)
                || self.canonical(&lines[start..end]).is_some()
            {
                continue;
            }
            let line_start = text.line_start(hon_start);
            let before = window_before(lines, hon_start, 80);
            let before = &before[before.len() - (hon_start - line_start).min(before.len())..];
            // A role word followed by a colon heads what comes after it ("Rapporteurs:").
            let after = self.role_after.captures(&lines[end..]).filter(|c| {
                let rest = &lines[end + c.get(0).map_or(0, |m| m.end())..];
                !rest.trim_start_matches([' ', '\t']).starts_with(':')
            });
            let plural = after.as_ref().is_some_and(|c| self.is_plural(&c["role"]));
            let role = after
                .and_then(|c| self.canonical(&c["role"]))
                .or_else(|| {
                    self.role_before
                        .captures(before)
                        .and_then(|c| self.canonical(&c["role"]))
                })
                .or_else(|| match &chain {
                    Some((prev_end, role))
                        if joined(&lines[(*prev_end).min(hon_start)..hon_start]) =>
                    {
                        role.clone()
                    }
                    _ => None,
                })
                .or_else(|| self.contact_next_line(lines, line_start, end))
                .or_else(|| self.block_role(text, line_start, hon_start));
            chain = Some((end, role.clone()));
            let name = text.flat[start..end].to_owned();
            listed.push((hon_start, plural));
            hits.push(PersonHit {
                name,
                role,
                start,
                end,
            });
        }
        // "Ms A and Mr B as co-editors": a plural role after a list of names is each one's.
        for i in (1..hits.len()).rev() {
            let (next_start, plural) = listed[i];
            if plural
                && hits[i - 1].role.is_none()
                && joined(&lines[hits[i - 1].end.min(next_start)..next_start])
            {
                hits[i - 1].role = hits[i].role.clone();
                listed[i - 1].1 = true;
            }
        }
        hits
    }

    /// Whether a role word as written is a plural ("co-editors", "Co-chairmen").
    fn is_plural(&self, written: &str) -> bool {
        let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = written.to_lowercase();
        self.canonical(&written)
            .is_some_and(|c| !c.eq_ignore_ascii_case(&written))
            && (lower.ends_with('s') || lower.ends_with("men"))
    }

    /// "Contact: Mr A" with the role at the start of the next line.
    fn contact_next_line(&self, lines: &str, line_start: usize, end: usize) -> Option<String> {
        if !lines[line_start..].starts_with("Contact") {
            return None;
        }
        let rest_of_line = lines[end..].split('\n').next().unwrap_or("");
        if !rest_of_line.trim().is_empty() && !rest_of_line.starts_with('\t') {
            return None;
        }
        let next_line = lines[end..].split('\n').nth(1)?;
        let c = self.role_any.captures(next_line)?;
        (c.get(0)?.start() == 0).then(|| self.canonical(&c["role"]))?
    }

    /// The role of the heading above a block of lines that each hold one name.
    fn block_role(&self, text: &Text, line_start: usize, name_start: usize) -> Option<String> {
        let lines = &text.lines;
        if !is_list_item_start(&lines[line_start..name_start]) {
            return None;
        }
        let mut at = line_start;
        let mut blank = false;
        while at > 0 {
            let prev_start = text.line_start(at - 1);
            if at - 1 == prev_start || lines[prev_start..at - 1].trim().is_empty() {
                // One blank line may stand between a heading and its list, not inside the list.
                if blank || at - 1 == 0 {
                    return None;
                }
                blank = true;
                at = prev_start.max(at - 1);
                continue;
            }
            if blank {
                return self.heading_role(lines, prev_start);
            }
            if let Some(role) = self.heading_role(lines, prev_start) {
                return Some(role);
            }
            let prev = &lines[prev_start..at - 1];
            if !self.titled.is_match(prev) && !self.untitled.is_match(prev) {
                return None;
            }
            at = prev_start;
        }
        None
    }

    /// The role named in the line at `line_start`, if it is a short heading and not a name line.
    fn heading_role(&self, lines: &str, line_start: usize) -> Option<String> {
        let line = lines[line_start..].split('\n').next()?;
        if line.len() > 80 || self.titled.is_match(line) {
            return None;
        }
        self.role_any
            .captures(line)
            .and_then(|c| self.canonical(&c["role"]))
    }
}

/// Whether what stands before a name on its line is only a bullet or a list number.
fn is_list_item_start(head: &str) -> bool {
    let head = head.trim();
    head.is_empty()
        || matches!(head, "•" | "·" | "*" | "-" | "–")
        || (head.len() <= 4
            && head
                .trim_end_matches(['.', ')'])
                .chars()
                .all(|c| c.is_ascii_alphanumeric()))
}

/// Whether the words between two names join them into one list: ", ", " and ", ", and ".
fn joined(between: &str) -> bool {
    matches!(between.trim(), "," | "and" | ", and" | "&")
        || between.trim().trim_start_matches(',').trim() == "and"
}

/// Drops trailing words that are role words ("Mr Abbie Barbir Rapporteur").
fn trim_name(
    lines: &str,
    start: usize,
    mut end: usize,
    roles: &[(String, String)],
) -> (usize, usize) {
    while let Some(space) = lines[start..end].rfind(' ') {
        let last = &lines[start + space + 1..end];
        if roles.iter().any(|(v, _)| v.eq_ignore_ascii_case(last)) {
            end = start + space;
        } else {
            break;
        }
    }
    (start, end)
}
