//! The query page, `GET /query-editor`: a SPARQL editor (the vendored CodeMirror, over a plain
//! textarea that works without it), the named queries as ready examples
//! (`?example=NAME`), and the results of `?query=…` as a table whose IRIs link to their pages,
//! with download links in every results format (`GET /query-editor/results?query=…&format=…`).
//!
//! (`/query` is the SPARQL Protocol's query endpoint; this page only links to it.)

use std::time::Instant;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::Term;
use oxigraph::model::vocab::xsd;
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{CancellationToken, QueryResults};
use serde::Serialize;

use super::stream::answer_query;
use super::web::{encode, href, render_with_status};
use super::{AppError, AppState};
use crate::labels::compact_iri;
use crate::queries::{self, NamedQuery, QueryError};
use crate::search::Snapshot;
use crate::sparql::{self, Dataset, QueryForm, ResultsFormat, SparqlError};
use crate::vocab::ID_BASE;

/// Rows shown in the page; the downloads have them all.
pub const MAX_HTML_ROWS: usize = 500;

/// The query the page opens with.
const WELCOME_QUERY: &str = "\
# Entities by type, over the union of all graphs. Pick an example on the left, or write your own.
PREFIX idm: <https://w3id.org/idmgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?type (COUNT(DISTINCT ?entity) AS ?entities)
WHERE {
  ?entity a ?type .
  FILTER(STRSTARTS(STR(?entity), \"https://w3id.org/idmgraph/id/\"))
}
GROUP BY ?type
ORDER BY DESC(?entities)
";

/// Download formats: `?format=` name, link label, results format.
const DOWNLOADS: &[(&str, &str, ResultsFormat)] = &[
    (
        "json",
        "JSON",
        ResultsFormat::Table(QueryResultsFormat::Json),
    ),
    ("xml", "XML", ResultsFormat::Table(QueryResultsFormat::Xml)),
    ("csv", "CSV", ResultsFormat::Table(QueryResultsFormat::Csv)),
    ("tsv", "TSV", ResultsFormat::Table(QueryResultsFormat::Tsv)),
    ("ttl", "Turtle", ResultsFormat::Graph(RdfFormat::Turtle)),
    ("nt", "N-Triples", ResultsFormat::Graph(RdfFormat::NTriples)),
    ("rdf", "RDF/XML", ResultsFormat::Graph(RdfFormat::RdfXml)),
    (
        "jsonld",
        "JSON-LD",
        ResultsFormat::Graph(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
    ),
    ("nq", "N-Quads", ResultsFormat::Graph(RdfFormat::NQuads)),
    ("trig", "TriG", ResultsFormat::Graph(RdfFormat::TriG)),
];

/// The text of a named query made runnable as it stands: its default parameters bound by a
/// `VALUES` line at the top of its `WHERE` block, where they join the whole pattern.
pub fn example_text(named: &NamedQuery) -> Result<String, QueryError> {
    let bindings = named.bindings(&[])?;
    if bindings.is_empty() {
        return Ok(named.text.to_owned());
    }
    let lines: String = bindings
        .iter()
        .map(|(variable, term)| {
            format!(
                "\n  VALUES {variable} {{ {term} }}  # parameter {}",
                variable.as_str()
            )
        })
        .collect();
    let upper = named.text.to_ascii_uppercase();
    let opening = upper
        .match_indices("WHERE")
        .find_map(|(at, _)| {
            let rest = &named.text[at + 5..];
            let spaces = rest.len() - rest.trim_start().len();
            rest.trim_start()
                .starts_with('{')
                .then_some(at + 5 + spaces + 1)
        })
        .ok_or_else(|| QueryError::Header {
            file: named.name.to_owned(),
            line: 0,
            message: "no WHERE { to bind the parameters in".to_owned(),
        })?;
    Ok(format!(
        "{}{lines}{}",
        &named.text[..opening],
        &named.text[opening..]
    ))
}

#[derive(Debug, Serialize)]
struct Cell {
    text: String,
    iri: Option<String>,
    href: Option<String>,
    external: bool,
    lang: Option<String>,
    datatype: Option<String>,
}

#[derive(Debug, Serialize)]
struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<Option<Cell>>>,
    more: bool,
    boolean: Option<bool>,
    elapsed_ms: u128,
}

#[derive(Debug, Serialize)]
struct Download {
    label: &'static str,
    href: String,
}

#[derive(Debug, Serialize)]
struct ExampleLink {
    name: &'static str,
    title: String,
    question: String,
}

fn cell(snapshot: &Snapshot, term: &Term) -> Cell {
    let mut cell = Cell {
        text: String::new(),
        iri: None,
        href: None,
        external: false,
        lang: None,
        datatype: None,
    };
    match term {
        Term::NamedNode(node) => {
            let iri = node.as_str();
            cell.iri = Some(iri.to_owned());
            if snapshot.catalog.is_described(iri) || iri.starts_with(ID_BASE) {
                cell.text = snapshot.catalog.label(iri);
                cell.href = Some(href(iri));
            } else {
                cell.text = iri.to_owned();
                if iri.starts_with("http://") || iri.starts_with("https://") {
                    cell.href = Some(iri.to_owned());
                    cell.external = true;
                }
            }
        }
        Term::Literal(literal) => {
            cell.text = literal.value().to_owned();
            cell.lang = literal.language().map(str::to_owned);
            let datatype = literal.datatype();
            if cell.lang.is_none() && datatype != xsd::STRING {
                cell.datatype = Some(
                    compact_iri(datatype.as_str()).unwrap_or_else(|| datatype.as_str().to_owned()),
                );
            }
        }
        other => cell.text = other.to_string(),
    }
    cell
}

/// Runs `text` and reads at most [`MAX_HTML_ROWS`] rows (and whether there are more).
fn run(
    state: &AppState,
    snapshot: &Snapshot,
    text: &str,
    token: CancellationToken,
) -> Result<Table, SparqlError> {
    let started = Instant::now();
    let query = sparql::parse_query(text, None)?;
    let results = sparql::evaluate_query(
        &state.store,
        query,
        &Dataset::default(),
        Vec::new(),
        &state.config.sparql,
        token,
    )?;
    let mut table = Table {
        columns: Vec::new(),
        rows: Vec::new(),
        more: false,
        boolean: None,
        elapsed_ms: 0,
    };
    match results {
        QueryResults::Boolean(value) => table.boolean = Some(value),
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            table.columns = variables.iter().map(|v| v.as_str().to_owned()).collect();
            for solution in solutions {
                let solution = solution?;
                if table.rows.len() == MAX_HTML_ROWS {
                    table.more = true;
                    break;
                }
                table.rows.push(
                    variables
                        .iter()
                        .map(|v| solution.get(v).map(|t| cell(snapshot, t)))
                        .collect(),
                );
            }
        }
        QueryResults::Graph(triples) => {
            table.columns = vec!["subject".into(), "predicate".into(), "object".into()];
            for triple in triples {
                let triple = triple?;
                if table.rows.len() == MAX_HTML_ROWS {
                    table.more = true;
                    break;
                }
                table.rows.push(vec![
                    Some(cell(snapshot, &triple.subject.into())),
                    Some(cell(snapshot, &triple.predicate.into())),
                    Some(cell(snapshot, &triple.object)),
                ]);
            }
        }
    }
    table.elapsed_ms = started.elapsed().as_millis();
    Ok(table)
}

/// `GET /query-editor?query=…|example=NAME`: the editor, and the results of `query`.
pub async fn page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    match page_inner(state, raw).await {
        Ok(response) => response,
        Err(error) => super::web::error_page(error),
    }
}

async fn page_inner(state: AppState, raw: Option<String>) -> Result<Response, AppError> {
    let mut query = None;
    let mut example = None;
    for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match name.as_ref() {
            "query" => query = Some(value.into_owned()),
            "example" => example = Some(value.into_owned()),
            _ => {}
        }
    }
    let registry = queries::registry()?;
    let named = example
        .as_deref()
        .map(|name| registry.get(name))
        .transpose()?;
    let text = match (&query, named) {
        (Some(text), _) => text.clone(),
        (None, Some(named)) => example_text(named)?,
        (None, None) => WELCOME_QUERY.to_owned(),
    };
    let examples: Vec<ExampleLink> = registry
        .queries()
        .iter()
        .map(|q| ExampleLink {
            name: q.name,
            title: q.title.clone(),
            question: q.question.clone(),
        })
        .collect();

    let mut status = StatusCode::OK;
    let mut error = None;
    let mut results = None;
    let mut downloads = Vec::new();
    if let Some(text) = query.clone().filter(|t| !t.trim().is_empty()) {
        let timeout = state.config.query_timeout;
        let token = CancellationToken::new();
        let timer = tokio::spawn({
            let token = token.clone();
            async move {
                tokio::time::sleep(timeout).await;
                token.cancel();
            }
        });
        let outcome = tokio::task::spawn_blocking({
            let state = state.clone();
            move || {
                let snapshot = state
                    .search
                    .snapshot(&state.store)
                    .map_err(|e| SparqlError::Refused(e.to_string()))?;
                run(&state, &snapshot, &text, token)
            }
        })
        .await;
        timer.abort();
        match outcome? {
            Ok(table) => {
                let form = sparql::parse_query(query.as_deref().unwrap_or_default(), None)
                    .map(|q| QueryForm::of(&q).is_graph())
                    .unwrap_or(false);
                downloads = DOWNLOADS
                    .iter()
                    .filter(|(_, _, f)| matches!(f, ResultsFormat::Graph(_)) == form)
                    .map(|(name, label, _)| Download {
                        label,
                        href: format!(
                            "/query-editor/results?format={name}&query={}",
                            encode(query.as_deref().unwrap_or_default())
                        ),
                    })
                    .collect();
                results = Some(table);
            }
            Err(SparqlError::Cancelled) => {
                status = StatusCode::SERVICE_UNAVAILABLE;
                error = Some(format!(
                    "The query ran past its time limit ({} s) and was cancelled.",
                    timeout.as_secs()
                ));
            }
            Err(e) => {
                let app: AppError = e.into();
                status = app.status();
                error = Some(app.to_string());
            }
        }
    }
    render_with_status(
        status,
        "query_editor.html",
        minijinja::context! {
            text => text,
            example => example,
            example_title => named.map(|n| n.title.clone()),
            question => named.map(|n| n.question.clone()),
            examples => examples,
            error => error,
            results => results,
            downloads => downloads,
        },
    )
}

/// `GET /query-editor/results?query=…&format=…`: the results as a file to save.
pub async fn download(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let mut text = None;
    let mut format_name = None;
    for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match name.as_ref() {
            "query" => text = Some(value.into_owned()),
            "format" => format_name = Some(value.into_owned()),
            other => {
                return Err(AppError::BadRequest(format!(
                    "unknown parameter {other:?}: use query and format"
                )));
            }
        }
    }
    let text = text.ok_or_else(|| AppError::BadRequest("missing parameter query".to_owned()))?;
    let format_name = format_name.unwrap_or_else(|| "json".to_owned());
    let Some((name, _, format)) = DOWNLOADS.iter().find(|(n, _, _)| *n == format_name) else {
        let known: Vec<&str> = DOWNLOADS.iter().map(|(n, _, _)| *n).collect();
        return Err(AppError::BadRequest(format!(
            "unknown format {format_name:?}: use one of {}",
            known.join(", ")
        )));
    };
    let query = sparql::parse_query(&text, None)?;
    if QueryForm::of(&query).is_graph() != matches!(format, ResultsFormat::Graph(_)) {
        return Err(AppError::BadRequest(format!(
            "{format_name} cannot carry the results of this query: use {}",
            if QueryForm::of(&query).is_graph() {
                "ttl, nt, rdf, jsonld, nq or trig"
            } else {
                "json, xml, csv or tsv"
            }
        )));
    }
    let mut response = answer_query(&state, query, Dataset::default(), *format).await?;
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"results.{name}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::sparql::SparqlOptions;
    use crate::store::GraphStore;

    fn rows(results: QueryResults<'static>) -> Result<BTreeSet<String>, SparqlError> {
        let QueryResults::Solutions(solutions) = results else {
            return Ok(BTreeSet::new());
        };
        solutions
            .map(|s| s.map(|s| format!("{s:?}")).map_err(SparqlError::from))
            .collect()
    }

    #[test]
    fn every_example_runs_as_its_named_query_with_the_defaults()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let options = SparqlOptions::default();
        let mut with_parameters = 0;
        for named in queries::registry()?.queries() {
            let text = example_text(named)?;
            if !named.params.is_empty() {
                with_parameters += 1;
                assert!(text.contains("VALUES ?"), "{}: {text}", named.name);
            }
            let example = sparql::evaluate_query(
                &store,
                sparql::parse_query(&text, None)?,
                &Dataset::default(),
                Vec::new(),
                &options,
                CancellationToken::new(),
            )?;
            let reference =
                queries::evaluate(&store, named.name, &[], &options, CancellationToken::new())?;
            let (example, reference) = (rows(example)?, rows(reference)?);
            assert!(
                !reference.is_empty(),
                "{} gives nothing on the default data",
                named.name
            );
            assert_eq!(example, reference, "{}", named.name);
        }
        assert!(with_parameters > 0);
        Ok(())
    }
}
