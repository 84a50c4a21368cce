//! The IdM landscape (roadmap) document, generated from the graph: the table JCA-IdM keeps by
//! hand, items grouped by organisation and category with their identifier, title, status,
//! year and topics.
//!
//! Rendering is pure: [`render`] turns [`LandscapeRow`]s into HTML, CSV or Markdown text. The
//! rows come from the named query `roadmap` ([`rows_from_results`] reads its solutions;
//! [`landscape`] runs it on a store and renders).

use std::fmt::Write as _;
use std::str::FromStr;

use oxigraph::model::Term;
use oxigraph::sparql::{CancellationToken, QueryResults};

use crate::queries::{self, QueryError};
use crate::sparql::{SparqlError, SparqlOptions};
use crate::store::GraphStore;

/// The named query whose results the landscape renders.
pub const LANDSCAPE_QUERY: &str = "roadmap";

const HTML_TEMPLATE: &str = include_str!("../templates/landscape.html");

/// Errors of generating the landscape.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Running the landscape query failed.
    #[error("running the landscape query: {0}")]
    Query(#[from] QueryError),
    /// The query's solutions could not be read.
    #[error("reading the landscape query's results: {0}")]
    Results(#[from] SparqlError),
    /// The query does not give a table.
    #[error("the landscape query must be a SELECT query")]
    NotATable,
    /// The HTML template failed (a bug: the template is embedded).
    #[error("rendering the HTML template: {0}")]
    Template(#[from] minijinja::Error),
}

/// The formats the landscape is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LandscapeFormat {
    /// A standalone HTML page: no script, no external assets.
    Html,
    /// Comma-separated values (RFC 4180), one line per item.
    Csv,
    /// Markdown: a section per organisation, a table per category.
    Markdown,
}

impl LandscapeFormat {
    /// The media type to answer with.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Html => "text/html; charset=utf-8",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Markdown => "text/markdown; charset=utf-8",
        }
    }
}

impl FromStr for LandscapeFormat {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Self::Html),
            "csv" => Ok(Self::Csv),
            "md" | "markdown" => Ok(Self::Markdown),
            other => Err(format!(
                "unknown landscape format {other:?}: use html, csv or md"
            )),
        }
    }
}

/// One item of the landscape. Empty strings stand for values the graph does not have.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LandscapeRow {
    /// The organisation the item belongs to (ITU-T, ISO/IEC JTC 1, W3C…).
    pub organisation: String,
    /// Its category (Recommendation, International Standard, Specification…).
    pub category: String,
    /// The item's IRI.
    pub item: String,
    /// Its identifier ("ITU-T X.1252").
    pub identifier: String,
    /// Its title.
    pub title: String,
    /// Its status or stage.
    pub status: String,
    /// Its year.
    pub year: String,
    /// Its topics, separated by "; ".
    pub topics: String,
}

/// The columns of the `roadmap` query that make a row.
const COLUMNS: [&str; 8] = [
    "organisation",
    "category",
    "item",
    "identifier",
    "title",
    "status",
    "year",
    "topics",
];

/// Reads the rows from the `roadmap` query's results (columns named as [`LandscapeRow`]'s
/// fields; others are ignored, missing ones left empty).
pub fn rows_from_results(results: QueryResults<'_>) -> Result<Vec<LandscapeRow>, ExportError> {
    let QueryResults::Solutions(solutions) = results else {
        return Err(ExportError::NotATable);
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(SparqlError::from)?;
        let [
            organisation,
            category,
            item,
            identifier,
            title,
            status,
            year,
            topics,
        ] = COLUMNS.map(|column| solution.get(column).map(text).unwrap_or_default());
        rows.push(LandscapeRow {
            organisation,
            category,
            item,
            identifier,
            title,
            status,
            year,
            topics,
        });
    }
    Ok(rows)
}

fn text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

/// Runs the `roadmap` query on `store` and renders the landscape in `format`.
pub fn landscape(
    store: &GraphStore,
    format: LandscapeFormat,
    options: &SparqlOptions,
    token: CancellationToken,
) -> Result<String, ExportError> {
    let results = queries::evaluate(store, LANDSCAPE_QUERY, &[], options, token)?;
    render(&rows_from_results(results)?, format)
}

/// An organisation's items, by category.
#[derive(Debug, serde::Serialize)]
struct Organisation<'a> {
    name: &'a str,
    anchor: String,
    count: usize,
    categories: Vec<Category<'a>>,
}

#[derive(Debug, serde::Serialize)]
struct Category<'a> {
    name: &'a str,
    anchor: String,
    rows: Vec<&'a LandscapeRow>,
}

const UNKNOWN_ORGANISATION: &str = "Other organisations";
const UNKNOWN_CATEGORY: &str = "Other documents";

/// Groups rows by organisation, then category, each in the order first met (the query orders
/// them), rows keeping their order.
fn group(rows: &[LandscapeRow]) -> Vec<Organisation<'_>> {
    let mut organisations: Vec<Organisation<'_>> = Vec::new();
    for row in rows {
        let name = non_empty(&row.organisation, UNKNOWN_ORGANISATION);
        let position = match organisations.iter().position(|o| o.name == name) {
            Some(p) => p,
            None => {
                organisations.push(Organisation {
                    name,
                    anchor: anchor(&[name]),
                    count: 0,
                    categories: Vec::new(),
                });
                organisations.len() - 1
            }
        };
        let organisation = &mut organisations[position];
        organisation.count += 1;
        let category = non_empty(&row.category, UNKNOWN_CATEGORY);
        match organisation
            .categories
            .iter_mut()
            .find(|c| c.name == category)
        {
            Some(c) => c.rows.push(row),
            None => organisation.categories.push(Category {
                name: category,
                anchor: anchor(&[name, category]),
                rows: vec![row],
            }),
        }
    }
    organisations
}

fn non_empty<'a>(value: &'a str, otherwise: &'static str) -> &'a str {
    if value.trim().is_empty() {
        otherwise
    } else {
        value
    }
}

/// An HTML id from names: lower-case ASCII letters and digits, other runs as one hyphen.
fn anchor(names: &[&str]) -> String {
    let mut id = String::new();
    for c in names.join(" ").chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "org".to_owned()
    } else {
        format!("org-{id}")
    }
}

/// Renders the landscape in `format`.
pub fn render(rows: &[LandscapeRow], format: LandscapeFormat) -> Result<String, ExportError> {
    match format {
        LandscapeFormat::Html => html(rows),
        LandscapeFormat::Csv => Ok(csv(rows)),
        LandscapeFormat::Markdown => Ok(markdown(rows)),
    }
}

const TITLE: &str = "IdM landscape: identity-management standards by organisation and category";

fn html(rows: &[LandscapeRow]) -> Result<String, ExportError> {
    let mut environment = minijinja::Environment::new();
    // The name's .html suffix turns on HTML auto-escaping of every value.
    environment.add_template("landscape.html", HTML_TEMPLATE)?;
    let organisations = group(rows);
    let page = environment
        .get_template("landscape.html")?
        .render(minijinja::context! {
            title => TITLE,
            count => rows.len(),
            organisations => organisations,
        })?;
    Ok(page)
}

fn csv(rows: &[LandscapeRow]) -> String {
    let mut out = String::from("organisation,category,identifier,title,status,year,topics,iri\r\n");
    for row in rows {
        let cells = [
            &row.organisation,
            &row.category,
            &row.identifier,
            &row.title,
            &row.status,
            &row.year,
            &row.topics,
            &row.item,
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn markdown(rows: &[LandscapeRow]) -> String {
    let mut out = format!("# {TITLE}\n\n");
    let _ = writeln!(
        out,
        "Generated from the idmgraph knowledge graph (named query `{LANDSCAPE_QUERY}`): {} items.",
        rows.len()
    );
    for organisation in group(rows) {
        let _ = write!(out, "\n## {}\n", md_text(organisation.name));
        for category in organisation.categories {
            let _ = write!(out, "\n### {}\n\n", md_text(category.name));
            out.push_str("| Identifier | Title | Status | Year | Topics |\n");
            out.push_str("|---|---|---|---|---|\n");
            for row in category.rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    md_cell(&row.identifier),
                    md_cell(&row.title),
                    md_cell(&row.status),
                    md_cell(&row.year),
                    md_cell(&row.topics)
                );
            }
        }
    }
    out
}

/// Text safe in a Markdown table cell: one line, pipes and markup characters escaped.
fn md_cell(value: &str) -> String {
    md_text(&value.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn md_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(organisation: &str, category: &str, identifier: &str, title: &str) -> LandscapeRow {
        LandscapeRow {
            organisation: organisation.to_owned(),
            category: category.to_owned(),
            item: format!(
                "https://w3id.org/idmgraph/id/rec/{}",
                identifier.to_lowercase()
            ),
            identifier: identifier.to_owned(),
            title: title.to_owned(),
            status: "In force".to_owned(),
            year: "2010".to_owned(),
            topics: "identity management; terminology".to_owned(),
        }
    }

    fn sample() -> Vec<LandscapeRow> {
        vec![
            row(
                "ITU-T",
                "Recommendation",
                "ITU-T X.1252",
                "Baseline identity management terms and definitions",
            ),
            row(
                "ISO/IEC JTC 1",
                "International Standard",
                "ISO/IEC 24760-1",
                "A framework for identity management, part 1",
            ),
            row(
                "ITU-T",
                "Recommendation",
                "ITU-T X.1254",
                "Entity authentication assurance framework",
            ),
            row(
                "ITU-T",
                "Supplement",
                "ITU-T X Suppl. 7",
                "Overview of IdM <in> \"cybersecurity\", & more | pipes",
            ),
        ]
    }

    #[test]
    fn rows_are_grouped_by_organisation_then_category_in_first_seen_order() {
        let rows = sample();
        let groups = group(&rows);
        let names: Vec<_> = groups.iter().map(|o| o.name).collect();
        assert_eq!(names, ["ITU-T", "ISO/IEC JTC 1"]);
        let itu: Vec<_> = groups[0]
            .categories
            .iter()
            .map(|c| (c.name, c.rows.len()))
            .collect();
        assert_eq!(itu, [("Recommendation", 2), ("Supplement", 1)]);
        assert_eq!(groups[0].count, 3);
        assert_eq!(groups[1].anchor, "org-iso-iec-jtc-1");
    }

    #[test]
    fn html_is_escaped_has_headings_and_tables_and_no_script() -> Result<(), ExportError> {
        let page = render(&sample(), LandscapeFormat::Html)?;
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<h2 id=\"org-itu-t\">ITU-T</h2>"), "{page}");
        assert!(page.contains("<th scope=\"col\">Identifier</th>"));
        assert!(
            page.contains(
                "Overview of IdM &lt;in&gt; &quot;cybersecurity&quot;, &amp; more | pipes"
            ),
            "{page}"
        );
        assert!(!page.contains("<in>"));
        assert!(!page.to_lowercase().contains("<script"));
        assert!(
            !page.contains("src=\"http") && !page.contains("<link"),
            "no external assets"
        );
        Ok(())
    }

    #[test]
    fn an_empty_landscape_says_so() -> Result<(), ExportError> {
        let page = render(&[], LandscapeFormat::Html)?;
        assert!(page.contains("no IdM items"), "{page}");
        assert_eq!(render(&[], LandscapeFormat::Csv)?.lines().count(), 1);
        Ok(())
    }

    #[test]
    fn csv_quotes_what_needs_quoting() -> Result<(), ExportError> {
        let text = render(&sample(), LandscapeFormat::Csv)?;
        let lines: Vec<_> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "organisation,category,identifier,title,status,year,topics,iri"
        );
        assert!(lines[1].starts_with("ITU-T,Recommendation,ITU-T X.1252,Baseline identity"));
        assert!(
            lines[4].contains("\"Overview of IdM <in> \"\"cybersecurity\"\", & more | pipes\""),
            "{}",
            lines[4]
        );
        assert_eq!(
            lines.len(),
            6,
            "header, four rows, and the final line break"
        );
        Ok(())
    }

    #[test]
    fn markdown_has_a_section_per_organisation_and_escapes_pipes() -> Result<(), ExportError> {
        let text = render(&sample(), LandscapeFormat::Markdown)?;
        assert!(
            text.contains("\n## ITU-T\n\n### Recommendation\n\n| Identifier |"),
            "{text}"
        );
        assert!(text.contains("\n## ISO/IEC JTC 1\n"));
        assert!(text.contains("& more \\| pipes"), "{text}");
        assert_eq!(text.matches("| ITU-T X.1252 |").count(), 1);
        Ok(())
    }

    #[test]
    fn formats_are_named_by_extension() {
        assert_eq!("md".parse(), Ok(LandscapeFormat::Markdown));
        assert_eq!("HTML".parse(), Ok(LandscapeFormat::Html));
        assert!("pdf".parse::<LandscapeFormat>().is_err());
    }
}
