//! The registry of named queries: one analyst question per `queries/*.rq` file, embedded in
//! the binary, its name the file stem.
//!
//! Each file opens with a header of comment lines:
//!
//! ```text
//! # title: Who works on a topic
//! # question: Which bodies, study groups, Questions and items work on the topic?
//! # param: topic — the topic (kind: iri, default topic:identity-management)
//! ```
//!
//! A parameter line ends with `(kind: iri|literal|integer[, default VALUE | , required | , optional])`;
//! without a default a parameter is required unless it says `optional` (an optional parameter
//! left out constrains nothing). Parameters are variables of the query (`?topic`); their
//! values are bound as RDF terms by joining the query's pattern with a one-row `VALUES` table
//! in the algebra ([`bind`]), never by editing the text, so a value cannot change the query.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use oxigraph::model::{Literal, NamedNode, Variable};
use oxigraph::sparql::{CancellationToken, QueryResults};
use spargebra::Query;
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;

use crate::sparql::{self, Dataset, SparqlError, SparqlOptions};
use crate::store::GraphStore;
use crate::vocab::{ID_BASE, idm};

/// Embeds `queries/{name}.rq` for each name; a test checks that every file there is listed.
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../queries/", $name, ".rq")))),*]
    };
}

/// Every named query, as (name, text), in the order they are listed to users.
pub const SOURCES: &[(&str, &str)] = embedded![
    "possible-duplication",
    "known-equivalences",
    "topic-allocation",
    "lead-study-group",
    "question-responsibilities",
    "jca-contacts",
    "coordination-status",
    "tor-references",
    "people-roles",
    "roadmap",
];

/// Entity kinds whose IRIs a parameter value may abbreviate as `kind:slug`
/// (`sg:sg17` for `{ID_BASE}sg/sg17`); `idm:Term` abbreviates an ontology term.
pub const ENTITY_KINDS: &[&str] = &[
    "rec",
    "std",
    "spec",
    "doc",
    "liaison",
    "sg",
    "question",
    "sdo",
    "wg",
    "jca",
    "res",
    "conf",
    "meeting",
    "person",
    "role",
    "clause",
    "topic",
    "objective",
    "graph",
    "link",
    "period",
];

/// Errors of the registry and of running a named query.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// No query has this name.
    #[error("no named query is called {name:?}; the named queries are: {known}")]
    UnknownQuery {
        /// The name asked for.
        name: String,
        /// The names there are, comma-separated.
        known: String,
    },
    /// The query declares no parameter of this name.
    #[error("the query {query} has no parameter {name:?}; its parameters are: {known}")]
    UnknownParameter {
        /// The query.
        query: String,
        /// The parameter given.
        name: String,
        /// The declared parameters, comma-separated (or "none").
        known: String,
    },
    /// A required parameter was not given.
    #[error("the query {query} needs the parameter {name:?} ({description})")]
    MissingParameter {
        /// The query.
        query: String,
        /// The parameter.
        name: String,
        /// What it is.
        description: String,
    },
    /// A parameter was given more than once.
    #[error("the parameter {name:?} is given more than once")]
    RepeatedParameter {
        /// The parameter.
        name: String,
    },
    /// A parameter declared `iri` was given something that is not an IRI.
    #[error(
        "the parameter {name:?} takes an IRI (<https://…>, a bare absolute IRI, or kind:slug such as sg:sg17), not {value:?}"
    )]
    NotAnIri {
        /// The parameter.
        name: String,
        /// The value given.
        value: String,
    },
    /// A parameter declared `integer` was given something that is not one.
    #[error("the parameter {name:?} takes an integer, not {value:?}")]
    NotAnInteger {
        /// The parameter.
        name: String,
        /// The value given.
        value: String,
    },
    /// A `name=value` argument without `=`.
    #[error("a parameter is written NAME=VALUE, not {0:?}")]
    Malformed(String),
    /// An embedded query file has a malformed header (a bug caught by the tests).
    #[error("queries/{file}.rq, line {line}: {message}")]
    Header {
        /// The file stem.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Parsing or evaluating the query failed.
    #[error(transparent)]
    Sparql(#[from] SparqlError),
}

/// How a parameter's value becomes an RDF term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamKind {
    /// An IRI: `<…>`, a bare absolute IRI, or `kind:slug`.
    Iri,
    /// A plain literal (`xsd:string`), whatever the value looks like.
    Literal,
    /// An `xsd:integer`: refused unless the value is one, so the query never casts.
    Integer,
}

/// A parameter declared in a query's header.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Param {
    /// The parameter's name, which is also the query variable it binds.
    pub name: String,
    /// What it is, for users.
    pub description: String,
    /// How its value is read.
    pub kind: ParamKind,
    /// The value used when none is given.
    pub default: Option<String>,
    /// Whether it must be given (no default and not `optional`).
    pub required: bool,
}

/// One named query: its header and text.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NamedQuery {
    /// The file stem.
    pub name: &'static str,
    /// A short title.
    pub title: String,
    /// The question it answers.
    pub question: String,
    /// Its parameters.
    pub params: Vec<Param>,
    /// The SPARQL text.
    #[serde(skip)]
    pub text: &'static str,
}

/// All named queries, with their headers parsed.
#[derive(Debug)]
pub struct Registry {
    queries: Vec<NamedQuery>,
}

impl Registry {
    /// Parses the headers of `sources` (name, text).
    pub fn from_sources(sources: &[(&'static str, &'static str)]) -> Result<Self, QueryError> {
        let queries = sources
            .iter()
            .map(|(name, text)| parse_header(name, text))
            .collect::<Result<_, _>>()?;
        Ok(Self { queries })
    }

    /// Every query, in listing order.
    pub fn queries(&self) -> &[NamedQuery] {
        &self.queries
    }

    /// The query called `name`.
    pub fn get(&self, name: &str) -> Result<&NamedQuery, QueryError> {
        self.queries
            .iter()
            .find(|q| q.name == name)
            .ok_or_else(|| QueryError::UnknownQuery {
                name: name.to_owned(),
                known: self
                    .queries
                    .iter()
                    .map(|q| q.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// The registry of the embedded queries, parsed once.
pub fn registry() -> Result<&'static Registry, QueryError> {
    static REGISTRY: OnceLock<Result<Registry, String>> = OnceLock::new();
    REGISTRY
        .get_or_init(|| Registry::from_sources(SOURCES).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|message| QueryError::Header {
            file: "*".to_owned(),
            line: 0,
            message: message.clone(),
        })
}

fn parse_header(name: &'static str, text: &'static str) -> Result<NamedQuery, QueryError> {
    let error = |line: usize, message: &str| QueryError::Header {
        file: name.to_owned(),
        line,
        message: message.to_owned(),
    };
    let mut title = None;
    let mut question: Option<String> = None;
    let mut params = Vec::new();
    let mut continues_question = false;
    for (index, line) in text.lines().enumerate() {
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        if let Some(value) = comment.strip_prefix(" title:") {
            title = Some(value.trim().to_owned());
            continues_question = false;
        } else if let Some(value) = comment.strip_prefix(" question:") {
            question = Some(value.trim().to_owned());
            continues_question = true;
        } else if let Some(value) = comment.strip_prefix(" param:") {
            params.push(parse_param(value).map_err(|m| error(index + 1, &m))?);
            continues_question = false;
        } else if continues_question && comment.starts_with("   ") {
            // An indented line continues the question.
            if let Some(q) = question.as_mut() {
                q.push(' ');
                q.push_str(comment.trim());
            }
        } else {
            continues_question = false;
        }
    }
    let title = title
        .filter(|t| !t.is_empty())
        .ok_or_else(|| error(1, "missing `# title:`"))?;
    let question = question
        .filter(|q| !q.is_empty())
        .ok_or_else(|| error(1, "missing `# question:`"))?;
    Ok(NamedQuery {
        name,
        title,
        question,
        params,
        text,
    })
}

/// Parses `name — description (kind: iri, default VALUE)`.
fn parse_param(line: &str) -> Result<Param, String> {
    let line = line.trim();
    let (name, rest) = line
        .split_once(" — ")
        .or_else(|| line.split_once(" - "))
        .ok_or("a parameter is written `name — description (kind: …)`")?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("{name:?} is not a variable name"));
    }
    let open = rest
        .rfind("(kind:")
        .filter(|_| rest.ends_with(')'))
        .ok_or("the parameter line must end with `(kind: iri|literal, …)`")?;
    let description = rest[..open].trim().to_owned();
    let spec = &rest[open + "(kind:".len()..rest.len() - 1];
    let mut parts = spec.splitn(2, ',');
    let kind = match parts.next().map(str::trim) {
        Some("iri") => ParamKind::Iri,
        Some("literal") => ParamKind::Literal,
        Some("integer") => ParamKind::Integer,
        other => {
            return Err(format!(
                "unknown kind {other:?}: use iri, literal or integer"
            ));
        }
    };
    let (default, required) = match parts.next().map(str::trim) {
        None => (None, true),
        Some("required") => (None, true),
        Some("optional") => (None, false),
        Some(other) => match other.strip_prefix("default ") {
            Some(value) => (Some(value.trim().to_owned()), false),
            None => {
                return Err(format!(
                    "expected `default VALUE`, `required` or `optional`, not {other:?}"
                ));
            }
        },
    };
    let param = Param {
        name: name.to_owned(),
        description,
        kind,
        default,
        required,
    };
    if let Some(default) = &param.default {
        term_for(&param, default).map_err(|e| format!("bad default: {e}"))?;
    }
    Ok(param)
}

/// Reads `value` as the term `param` takes: for an IRI parameter `<iri>`, a bare absolute IRI
/// or `kind:slug`; for a literal parameter a plain literal, whatever the value looks like; for
/// an integer parameter an `xsd:integer`, or an error.
pub fn term_for(param: &Param, value: &str) -> Result<GroundTerm, QueryError> {
    match param.kind {
        ParamKind::Literal => Ok(GroundTerm::Literal(Literal::new_simple_literal(value))),
        ParamKind::Integer => value
            .trim()
            .parse::<i64>()
            .map(|n| GroundTerm::Literal(Literal::from(n)))
            .map_err(|_| QueryError::NotAnInteger {
                name: param.name.clone(),
                value: value.to_owned(),
            }),
        ParamKind::Iri => {
            iri(value)
                .map(GroundTerm::NamedNode)
                .ok_or_else(|| QueryError::NotAnIri {
                    name: param.name.clone(),
                    value: value.to_owned(),
                })
        }
    }
}

fn iri(value: &str) -> Option<NamedNode> {
    let value = value.trim();
    if let Some(inner) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        return NamedNode::new(inner).ok();
    }
    if let Some((prefix, local)) = value.split_once(':') {
        if prefix == "idm" {
            return NamedNode::new(format!("{}{local}", idm::NAMESPACE)).ok();
        }
        if ENTITY_KINDS.contains(&prefix) {
            return NamedNode::new(format!("{ID_BASE}{prefix}/{local}")).ok();
        }
        // A bare IRI needs a scheme and, to tell it from text such as "Note: x", no spaces.
        let scheme = prefix.starts_with(|c: char| c.is_ascii_alphabetic())
            && prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if scheme {
            return NamedNode::new(value).ok();
        }
    }
    None
}

/// Splits `NAME=VALUE` arguments (the command line's `--param`).
pub fn parse_assignments(arguments: &[String]) -> Result<Vec<(String, String)>, QueryError> {
    arguments
        .iter()
        .map(|a| {
            a.split_once('=')
                .map(|(n, v)| (n.trim().to_owned(), v.to_owned()))
                .ok_or_else(|| QueryError::Malformed(a.clone()))
        })
        .collect()
}

impl NamedQuery {
    /// The terms to bind for `given` (name, value) pairs, defaults filled in. Unknown, repeated
    /// and missing required parameters, and non-IRIs for IRI parameters, are errors.
    pub fn bindings(
        &self,
        given: &[(String, String)],
    ) -> Result<Vec<(Variable, GroundTerm)>, QueryError> {
        let mut values = BTreeMap::new();
        for (name, value) in given {
            if !self.params.iter().any(|p| &p.name == name) {
                return Err(QueryError::UnknownParameter {
                    query: self.name.to_owned(),
                    name: name.clone(),
                    known: self.param_names(),
                });
            }
            if values.insert(name.as_str(), value.as_str()).is_some() {
                return Err(QueryError::RepeatedParameter { name: name.clone() });
            }
        }
        let mut bindings = Vec::new();
        for param in &self.params {
            let value = match (values.get(param.name.as_str()), &param.default) {
                (Some(value), _) => *value,
                (None, Some(default)) => default.as_str(),
                (None, None) if param.required => {
                    return Err(QueryError::MissingParameter {
                        query: self.name.to_owned(),
                        name: param.name.clone(),
                        description: param.description.clone(),
                    });
                }
                (None, None) => continue,
            };
            bindings.push((
                Variable::new_unchecked(param.name.clone()),
                term_for(param, value)?,
            ));
        }
        Ok(bindings)
    }

    fn param_names(&self) -> String {
        if self.params.is_empty() {
            "none".to_owned()
        } else {
            self.params
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    }

    /// Parses the query and binds `given` parameters into it.
    pub fn prepare(&self, given: &[(String, String)]) -> Result<Query, QueryError> {
        let bindings = self.bindings(given)?;
        let query = sparql::parse_query(self.text, None)?;
        Ok(bind(query, bindings))
    }
}

/// Parses the named query `name` and binds `given` into it.
pub fn prepare(name: &str, given: &[(String, String)]) -> Result<Query, QueryError> {
    registry()?.get(name)?.prepare(given)
}

/// Runs the named query `name` with `given` parameters over the store.
pub fn evaluate(
    store: &GraphStore,
    name: &str,
    given: &[(String, String)],
    options: &SparqlOptions,
    token: CancellationToken,
) -> Result<QueryResults<'static>, QueryError> {
    let query = prepare(name, given)?;
    Ok(sparql::evaluate_query(
        store,
        query,
        &Dataset::default(),
        Vec::new(),
        options,
        token,
    )?)
}

/// Binds each variable to its term in `query`, as a `VALUES` block written first in the
/// `WHERE` clause would: the one-row table is joined with the leftmost pattern of the clause's
/// top-level group (and of each branch of a top-level `UNION`), so the planner starts from
/// the bound values, `OPTIONAL` parts and `FILTER`s of that group see them, and so would a
/// constant in their place. In a query with `GROUP BY` or aggregates the values are also
/// joined with the groups, so `HAVING` and `SELECT` expressions see them. Nested groups and
/// subqueries do not (as with `VALUES`): a parameter is used in the top-level group.
///
/// This is the only place where parameters meet a query. (Oxigraph's `substitute_variable`
/// would do for projected variables only.)
pub fn bind(query: Query, bindings: Vec<(Variable, GroundTerm)>) -> Query {
    if bindings.is_empty() {
        return query;
    }
    let (variables, row): (Vec<_>, Vec<_>) =
        bindings.into_iter().map(|(v, t)| (v, Some(t))).unzip();
    let values = GraphPattern::Values {
        variables,
        bindings: vec![row],
    };
    let inject = |pattern| Injection::new(&values).modifiers(pattern);
    match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: inject(pattern),
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: inject(pattern),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: inject(pattern),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: inject(pattern),
            base_iri,
        },
    }
}

/// Places a `VALUES` table in a query's algebra (see [`bind`]).
struct Injection<'a> {
    values: &'a GraphPattern,
    /// Solution modifiers already passed: each occurs once at the top of a query, so a second
    /// one belongs to a subquery, which the values must not enter.
    seen: Vec<std::mem::Discriminant<GraphPattern>>,
}

impl<'a> Injection<'a> {
    fn new(values: &'a GraphPattern) -> Self {
        Self {
            values,
            seen: Vec::new(),
        }
    }

    fn binds(&self, variable: &Variable) -> bool {
        matches!(self.values, GraphPattern::Values { variables, .. } if variables.contains(variable))
    }

    fn join(&self, pattern: GraphPattern) -> GraphPattern {
        GraphPattern::Join {
            left: Box::new(self.values.clone()),
            right: Box::new(pattern),
        }
    }

    /// Walks down the query's own modifiers (slice, distinct, projection, ordering, `HAVING`,
    /// `SELECT` expressions, grouping) to its `WHERE` clause.
    fn modifiers(&mut self, pattern: GraphPattern) -> GraphPattern {
        let kind = std::mem::discriminant(&pattern);
        let once = matches!(
            pattern,
            GraphPattern::Slice { .. }
                | GraphPattern::Distinct { .. }
                | GraphPattern::Reduced { .. }
                | GraphPattern::Project { .. }
                | GraphPattern::OrderBy { .. }
                | GraphPattern::Group { .. }
        );
        if once {
            if self.seen.contains(&kind) {
                return self.body(pattern);
            }
            self.seen.push(kind);
        }
        match pattern {
            GraphPattern::Slice {
                inner,
                start,
                length,
            } => GraphPattern::Slice {
                inner: Box::new(self.modifiers(*inner)),
                start,
                length,
            },
            GraphPattern::Distinct { inner } => GraphPattern::Distinct {
                inner: Box::new(self.modifiers(*inner)),
            },
            GraphPattern::Reduced { inner } => GraphPattern::Reduced {
                inner: Box::new(self.modifiers(*inner)),
            },
            GraphPattern::Project { inner, variables } => GraphPattern::Project {
                inner: Box::new(self.modifiers(*inner)),
                variables,
            },
            GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
                inner: Box::new(self.modifiers(*inner)),
                expression,
            },
            GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
                expr,
                inner: Box::new(self.modifiers(*inner)),
            },
            GraphPattern::Extend {
                inner,
                variable,
                expression,
            } if !self.binds(&variable) => GraphPattern::Extend {
                inner: Box::new(self.modifiers(*inner)),
                variable,
                expression,
            },
            // Inside, the values constrain what is grouped; outside, HAVING and SELECT see them.
            GraphPattern::Group {
                inner,
                variables,
                aggregates,
            } => self.join(GraphPattern::Group {
                inner: Box::new(self.body(*inner)),
                variables,
                aggregates,
            }),
            other => self.body(other),
        }
    }

    /// Joins the values with the leftmost pattern of the `WHERE` clause's top-level group.
    fn body(&self, pattern: GraphPattern) -> GraphPattern {
        match pattern {
            GraphPattern::Join { left, right } => GraphPattern::Join {
                left: Box::new(self.body(*left)),
                right,
            },
            GraphPattern::LeftJoin {
                left,
                right,
                expression,
            } => GraphPattern::LeftJoin {
                left: Box::new(self.body(*left)),
                right,
                expression,
            },
            GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
                expr,
                inner: Box::new(self.body(*inner)),
            },
            GraphPattern::Union { left, right } => GraphPattern::Union {
                left: Box::new(self.body(*left)),
                right: Box::new(self.body(*right)),
            },
            // A BIND of the parameter's own variable stays above the table, which then filters it.
            GraphPattern::Extend {
                inner,
                variable,
                expression,
            } if !self.binds(&variable) => GraphPattern::Extend {
                inner: Box::new(self.body(*inner)),
                variable,
                expression,
            },
            other => self.join(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn every_file_in_queries_is_registered_and_parses() -> TestResult {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut on_disk = Vec::new();
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "rq") {
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .ok_or("file name")?
                    .to_owned();
                let (_, text) = SOURCES
                    .iter()
                    .find(|(name, _)| *name == stem)
                    .ok_or_else(|| format!("queries/{stem}.rq is not registered in SOURCES"))?;
                assert_eq!(*text, std::fs::read_to_string(&path)?, "{stem}");
                on_disk.push(stem);
            }
        }
        assert_eq!(
            on_disk.len(),
            SOURCES.len(),
            "SOURCES lists a file that is not in queries/"
        );
        for query in registry()?.queries() {
            sparql::parse_query(query.text, None).map_err(|e| format!("{}: {e}", query.name))?;
        }
        Ok(())
    }

    #[test]
    fn every_parameter_is_a_variable_of_its_query() -> TestResult {
        for query in registry()?.queries() {
            for param in &query.params {
                let used = query.text.contains(&format!("?{}", param.name))
                    || query.text.contains(&format!("${}", param.name));
                assert!(used, "{}: parameter {} is not used", query.name, param.name);
            }
        }
        Ok(())
    }

    const SAMPLE: &str = "# title: Sample\n# question: What is\n#   asked here?\n# param: topic — the topic (kind: iri, default topic:identity-management)\n# param: year — a year (kind: literal, optional)\n# param: who — someone (kind: iri)\n# a note\nSELECT * { ?x ?topic ?year . ?who ?p ?o }\n";

    #[test]
    fn the_header_gives_title_question_and_parameters() -> TestResult {
        let query = parse_header("sample", SAMPLE)?;
        assert_eq!(query.title, "Sample");
        assert_eq!(query.question, "What is asked here?");
        assert_eq!(query.params.len(), 3);
        let topic = &query.params[0];
        assert_eq!(
            (topic.name.as_str(), topic.kind, topic.required),
            ("topic", ParamKind::Iri, false)
        );
        assert_eq!(topic.default.as_deref(), Some("topic:identity-management"));
        assert!(!query.params[1].required && query.params[1].default.is_none());
        assert!(query.params[2].required);
        Ok(())
    }

    #[test]
    fn malformed_headers_are_refused_with_their_line() {
        let bad = "# title: x\n# question: y\n# param: topic the topic (kind: iri)\nASK {}";
        assert!(matches!(
            parse_header("bad", bad),
            Err(QueryError::Header { line: 3, .. })
        ));
        assert!(parse_header("bad", "# title: x\nASK {}").is_err());
        assert!(parse_param("t — x (kind: number)").is_err());
        assert!(parse_param("t — x (kind: iri, default not an iri)").is_err());
    }

    #[test]
    fn parameter_values_become_terms_of_the_declared_kind() -> TestResult {
        let query = parse_header("sample", SAMPLE)?;
        let iri_param = &query.params[0];
        let expected =
            GroundTerm::NamedNode(NamedNode::new("https://w3id.org/idmgraph/id/sg/sg17")?);
        assert_eq!(term_for(iri_param, "sg:sg17")?, expected);
        assert_eq!(
            term_for(iri_param, "<https://w3id.org/idmgraph/id/sg/sg17>")?,
            expected
        );
        assert_eq!(
            term_for(iri_param, "https://w3id.org/idmgraph/id/sg/sg17")?,
            expected
        );
        assert!(matches!(
            term_for(iri_param, "SG17"),
            Err(QueryError::NotAnIri { .. })
        ));
        assert!(matches!(
            term_for(iri_param, "x\" } ; DROP ALL ; #"),
            Err(QueryError::NotAnIri { .. })
        ));
        let literal = &query.params[1];
        assert_eq!(
            term_for(literal, "https://example.org/")?,
            GroundTerm::Literal(Literal::new_simple_literal("https://example.org/"))
        );
        Ok(())
    }

    #[test]
    fn unknown_repeated_and_missing_parameters_are_errors() -> TestResult {
        let query = parse_header("sample", SAMPLE)?;
        let given = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect::<Vec<_>>()
        };
        assert!(
            matches!(query.bindings(&given(&[])), Err(QueryError::MissingParameter { name, .. }) if name == "who")
        );
        assert!(matches!(
            query.bindings(&given(&[("who", "sg:sg17"), ("nope", "1")])),
            Err(QueryError::UnknownParameter { name, .. }) if name == "nope"
        ));
        assert!(matches!(
            query.bindings(&given(&[("who", "sg:sg17"), ("who", "sg:sg2")])),
            Err(QueryError::RepeatedParameter { .. })
        ));
        let bindings = query.bindings(&given(&[("who", "sg:sg17")]))?;
        let names: Vec<_> = bindings.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(
            names,
            ["topic", "who"],
            "the default is bound, the optional left out"
        );
        Ok(())
    }

    #[test]
    fn bound_values_reach_variables_that_are_not_projected_and_grouped_queries() -> TestResult {
        let store = GraphStore::in_memory()?;
        store.load(
            [crate::store::Input {
                name: "x.ttl".to_owned(),
                format: oxigraph::io::RdfFormat::Turtle,
                reader: "@prefix e: <http://e/> . e:a e:p e:t1 , e:t2 . e:b e:p e:t1 .".as_bytes(),
            }],
            None,
        )?;
        let run = |text: &str, value: &str| -> Result<Vec<String>, Box<dyn std::error::Error>> {
            let query = bind(
                sparql::parse_query(text, None)?,
                vec![(
                    Variable::new("t")?,
                    GroundTerm::NamedNode(NamedNode::new(value)?),
                )],
            );
            let QueryResults::Solutions(solutions) = sparql::evaluate_query(
                &store,
                query,
                &Dataset::default(),
                Vec::new(),
                &SparqlOptions::default(),
                CancellationToken::new(),
            )?
            else {
                return Err("not solutions".into());
            };
            let mut out = Vec::new();
            for solution in solutions {
                out.push(
                    solution?
                        .iter()
                        .map(|(_, t)| t.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            out.sort();
            Ok(out)
        };
        assert_eq!(
            run("SELECT ?s { ?s <http://e/p> ?t }", "http://e/t2")?,
            ["<http://e/a>"]
        );
        assert_eq!(
            run(
                "SELECT ?s (COUNT(*) AS ?n) { ?s <http://e/p> ?t } GROUP BY ?s ORDER BY ?s LIMIT 5",
                "http://e/t1"
            )?,
            [
                "<http://e/a> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>",
                "<http://e/b> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"
            ]
        );
        assert_eq!(
            run(
                "SELECT DISTINCT ?t { ?s <http://e/p> ?o FILTER(?o = ?t) }",
                "http://e/t2"
            )?,
            ["<http://e/t2>"]
        );
        Ok(())
    }
}
