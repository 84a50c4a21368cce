//! SPARQL evaluation over the store: parsing, datasets, cancellation and result writing.
//!
//! Nothing here knows about HTTP: the protocol layer ([`crate::http`]) and the command line both
//! parse with [`parse_query`] / [`parse_update`], evaluate with [`evaluate_query`] /
//! [`execute_update`], and write with [`write_results`].

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, SparqlSyntaxError,
    UpdateEvaluationError,
};
use spargebra::algebra::{Expression, GraphPattern, OrderExpression};
use spargebra::term::{GroundTerm, TermPattern};
use spargebra::{GraphUpdateOperation, Query, Update};

use crate::store::{GraphStore, StoreError};

/// How queries and updates are evaluated.
#[derive(Debug, Clone)]
pub struct SparqlOptions {
    /// Without an explicit dataset, the default graph is the union of all graphs. The data of
    /// idmgraph lives in named graphs (one per source), so this is what analysts expect.
    pub union_default_graph: bool,
    /// Whether `SERVICE` and `LOAD` may fetch remote URLs.
    pub allow_remote: bool,
}

impl Default for SparqlOptions {
    fn default() -> Self {
        Self {
            union_default_graph: true,
            allow_remote: false,
        }
    }
}

/// A dataset given by the protocol (`default-graph-uri`, `named-graph-uri`, or for updates
/// `using-graph-uri`, `using-named-graph-uri`). It overrides the one in the query text.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Graphs merged into the default graph.
    pub default_graphs: Vec<NamedNode>,
    /// Graphs available to `GRAPH` patterns.
    pub named_graphs: Vec<NamedNode>,
}

impl Dataset {
    /// Whether the protocol gave no dataset at all.
    pub fn is_empty(&self) -> bool {
        self.default_graphs.is_empty() && self.named_graphs.is_empty()
    }
}

/// Errors of query and update evaluation.
#[derive(Debug, thiserror::Error)]
pub enum SparqlError {
    /// The text is not valid SPARQL.
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    /// The request is well-formed SPARQL but cannot be honoured as asked.
    #[error("{0}")]
    Refused(String),
    /// Evaluation ran past its time limit and was cancelled.
    #[error("the query ran past its time limit and was cancelled")]
    Cancelled,
    /// Evaluation failed for a reason that is the query's (an unsupported service, a bad
    /// substitution…).
    #[error("evaluation failed: {0}")]
    Evaluation(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<QueryEvaluationError> for SparqlError {
    fn from(error: QueryEvaluationError) -> Self {
        match error {
            QueryEvaluationError::Cancelled => Self::Cancelled,
            QueryEvaluationError::Dataset(e) | QueryEvaluationError::Unexpected(e) => {
                Self::Store(StoreError::Storage(oxigraph::store::StorageError::Other(e)))
            }
            other => Self::Evaluation(other.to_string()),
        }
    }
}

impl From<UpdateEvaluationError> for SparqlError {
    fn from(error: UpdateEvaluationError) -> Self {
        match error {
            UpdateEvaluationError::Storage(e) => Self::Store(StoreError::Storage(e)),
            UpdateEvaluationError::Unexpected(e) => {
                Self::Store(StoreError::Storage(oxigraph::store::StorageError::Other(e)))
            }
            other => Self::Evaluation(other.to_string()),
        }
    }
}

/// The four forms of SPARQL query; they decide which result formats apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    /// `SELECT`: a table of solutions.
    Select,
    /// `ASK`: a boolean.
    Ask,
    /// `CONSTRUCT`: a graph.
    Construct,
    /// `DESCRIBE`: a graph.
    Describe,
}

impl QueryForm {
    /// Whether the query returns RDF triples rather than a results table or boolean.
    pub fn is_graph(self) -> bool {
        matches!(self, Self::Construct | Self::Describe)
    }

    /// The form of a parsed query.
    pub fn of(query: &Query) -> Self {
        match query {
            Query::Select { .. } => Self::Select,
            Query::Ask { .. } => Self::Ask,
            Query::Construct { .. } => Self::Construct,
            Query::Describe { .. } => Self::Describe,
        }
    }
}

/// Parses a query, resolving relative IRIs against `base_iri`.
pub fn parse_query(text: &str, base_iri: Option<&str>) -> Result<Query, SparqlError> {
    Ok(parser(base_iri)?.parse_query(text)?)
}

/// Parses an update, resolving relative IRIs against `base_iri`.
pub fn parse_update(text: &str, base_iri: Option<&str>) -> Result<Update, SparqlError> {
    Ok(parser(base_iri)?.parse_update(text)?)
}

fn parser(base_iri: Option<&str>) -> Result<spargebra::SparqlParser, SparqlError> {
    let parser = spargebra::SparqlParser::new();
    match base_iri {
        Some(base) => parser
            .with_base_iri(base)
            .map_err(|e| SparqlError::Refused(format!("invalid base IRI <{base}>: {e}"))),
        None => Ok(parser),
    }
}

fn evaluator(options: &SparqlOptions, token: CancellationToken) -> SparqlEvaluator {
    let evaluator = SparqlEvaluator::new().with_cancellation_token(token);
    if options.allow_remote {
        evaluator
    } else {
        evaluator.without_default_http_service_handler()
    }
}

/// Evaluates `query` on a snapshot of the store. Results are produced lazily as the returned
/// iterator is consumed; `token` cancels the evaluation at any point.
pub fn evaluate_query(
    store: &GraphStore,
    query: Query,
    dataset: &Dataset,
    bindings: Vec<(Variable, Term)>,
    options: &SparqlOptions,
    token: CancellationToken,
) -> Result<QueryResults<'static>, SparqlError> {
    let has_own_dataset = query_dataset(&query).is_some();
    if let Some(remote) = store.remote() {
        return evaluate_remotely(
            store,
            remote,
            &query,
            dataset,
            bindings,
            options,
            has_own_dataset,
        );
    }
    let mut prepared = evaluator(options, token).for_query(query);
    for (variable, term) in bindings {
        prepared = prepared.substitute_variable(variable, term);
    }
    if !dataset.is_empty() {
        let spec = prepared.dataset_mut();
        spec.set_default_graph(
            dataset
                .default_graphs
                .iter()
                .cloned()
                .map(GraphName::NamedNode)
                .collect(),
        );
        spec.set_available_named_graphs(
            dataset
                .named_graphs
                .iter()
                .cloned()
                .map(NamedOrBlankNode::NamedNode)
                .collect(),
        );
    } else if options.union_default_graph && !has_own_dataset {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared.on_store(store.oxigraph()).execute()?)
}

/// Sends `query` to the engine of a remote backend. The bindings become a `VALUES` block joined
/// first in the query's top-level group (see [`bind_early`]); cancellation is the engine
/// client's timeout.
fn evaluate_remotely(
    store: &GraphStore,
    remote: &crate::remote::Remote,
    query: &Query,
    dataset: &Dataset,
    bindings: Vec<(Variable, Term)>,
    options: &SparqlOptions,
    has_own_dataset: bool,
) -> Result<QueryResults<'static>, SparqlError> {
    let text = portable_text(query, bindings)?;
    let protocol = if !dataset.is_empty() {
        crate::remote::ProtocolDataset {
            default_graphs: dataset.default_graphs.clone(),
            named_graphs: dataset.named_graphs.clone(),
        }
    } else if has_own_dataset {
        crate::remote::ProtocolDataset::default()
    } else {
        remote.dataset_of(&store.named_graphs()?, options.union_default_graph)
    };
    Ok(remote
        .query(&text, &protocol, QueryForm::of(query))
        .map_err(StoreError::from)?)
}

/// The text of `query` for another engine: `bindings` as a `VALUES` block joined first in the
/// top-level group ([`bind_early`]), and blank nodes of patterns as variables
/// ([`blank_nodes_as_variables`]).
fn portable_text(query: &Query, bindings: Vec<(Variable, Term)>) -> Result<String, SparqlError> {
    let mut query = query.clone();
    if !bindings.is_empty() {
        let mut row = Vec::with_capacity(bindings.len());
        let mut variables = Vec::with_capacity(bindings.len());
        for (variable, term) in bindings {
            row.push(Some(ground_term(term)?));
            variables.push(variable);
        }
        let values = GraphPattern::Values {
            variables,
            bindings: vec![row],
        };
        bind_early(where_pattern(&mut query), values);
    }
    blank_nodes_as_variables(where_pattern(&mut query));
    order_by_definitions(where_pattern(&mut query));
    Ok(query.to_string())
}

/// Makes `ORDER BY ?alias` sort by what the alias stands for. Serialised, `SELECT (MIN(?x) AS
/// ?label) … ORDER BY ?label` sorts by a variable of the SELECT clause; SPARQL 1.1 binds those
/// before sorting, Virtuoso after (its rows then come in no set order). Only a sort key that is
/// a variable bound just below the sort (a SELECT expression or a final BIND) is replaced.
fn order_by_definitions(pattern: &mut GraphPattern) {
    match pattern {
        GraphPattern::Slice { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Project { inner, .. } => order_by_definitions(inner),
        GraphPattern::OrderBy { inner, expression } => {
            let mut definitions = Vec::new();
            let mut below: &GraphPattern = inner;
            while let GraphPattern::Extend {
                inner,
                variable,
                expression,
            } = below
            {
                definitions.push((variable, expression));
                below = inner;
            }
            for order in expression.iter_mut() {
                let (OrderExpression::Asc(key) | OrderExpression::Desc(key)) = order;
                if let Expression::Variable(variable) = key
                    && let Some((_, definition)) = definitions.iter().find(|(v, _)| *v == variable)
                {
                    *key = (*definition).clone();
                }
            }
        }
        _ => {}
    }
}

/// The `WHERE` pattern of a query of any form.
fn where_pattern(query: &mut Query) -> &mut GraphPattern {
    match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    }
}

/// Joins `values` with the query's top-level group, below its solution modifiers, grouping
/// and filters: a substituted variable is bound before anything tests or aggregates it, as
/// with Oxigraph's substitution.
fn bind_early(pattern: &mut GraphPattern, values: GraphPattern) {
    match pattern {
        GraphPattern::Slice { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Filter { inner, .. }
        | GraphPattern::Extend { inner, .. } => bind_early(inner, values),
        group => {
            let right = std::mem::replace(
                group,
                GraphPattern::Bgp {
                    patterns: Vec::new(),
                },
            );
            *group = GraphPattern::Join {
                left: Box::new(values),
                right: Box::new(right),
            };
        }
    }
}

/// Turns the blank nodes of a query's patterns into variables: the parser writes a path
/// sequence (`a/b*`) as patterns joined by a blank node, which some engines (Virtuoso) refuse
/// as the subject of a transitive path. In a pattern a blank node is a variable that is not
/// projected, so the answers are the same. (Patterns inside `EXISTS` are left as they are.)
fn blank_nodes_as_variables(pattern: &mut GraphPattern) {
    fn term(term: &mut TermPattern) {
        if let TermPattern::BlankNode(node) = term {
            let name: String = node
                .as_str()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            *term = TermPattern::Variable(Variable::new_unchecked(format!("_bnode_{name}")));
        }
    }
    match pattern {
        GraphPattern::Bgp { patterns } => {
            for triple in patterns {
                term(&mut triple.subject);
                term(&mut triple.object);
            }
        }
        GraphPattern::Path {
            subject, object, ..
        } => {
            term(subject);
            term(object);
        }
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => {
            blank_nodes_as_variables(left);
            blank_nodes_as_variables(right);
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Service { inner, .. } => blank_nodes_as_variables(inner),
        _ => {}
    }
}

fn ground_term(term: Term) -> Result<GroundTerm, SparqlError> {
    match term {
        Term::NamedNode(n) => Ok(GroundTerm::NamedNode(n)),
        Term::Literal(l) => Ok(GroundTerm::Literal(l)),
        other => Err(SparqlError::Refused(format!(
            "{other} cannot be sent to the SPARQL engine as a parameter value"
        ))),
    }
}

fn query_dataset(query: &Query) -> Option<&spargebra::algebra::QueryDataset> {
    match query {
        Query::Select { dataset, .. }
        | Query::Construct { dataset, .. }
        | Query::Describe { dataset, .. }
        | Query::Ask { dataset, .. } => dataset.as_ref(),
    }
}

/// Executes `update` atomically through the store's single writer.
///
/// `using` is the protocol's `using-graph-uri` / `using-named-graph-uri`; giving it for an
/// update that has its own `USING` or `WITH` is refused, as the SPARQL 1.1 Protocol requires.
pub fn execute_update(
    store: &GraphStore,
    update: Update,
    using: &Dataset,
    options: &SparqlOptions,
) -> Result<(), SparqlError> {
    check_update(&update, using, options)?;
    let inserted = inserted_data(&update.operations);
    let has_protocol_dataset = !using.is_empty();
    let mut prepared = evaluator(options, CancellationToken::new()).for_update(update);
    for spec in prepared.using_datasets_mut() {
        if has_protocol_dataset {
            spec.set_default_graph(
                using
                    .default_graphs
                    .iter()
                    .cloned()
                    .map(GraphName::NamedNode)
                    .collect(),
            );
            spec.set_available_named_graphs(
                using
                    .named_graphs
                    .iter()
                    .cloned()
                    .map(NamedOrBlankNode::NamedNode)
                    .collect(),
            );
        } else if options.union_default_graph && spec.is_default_dataset() {
            spec.set_default_graph_as_union();
        }
    }
    // Evaluated inside the store's one write transaction: the update and whatever the store
    // derives from it (inferences) commit together or not at all.
    let execute = |transaction: &mut oxigraph::store::Transaction<'_>| {
        prepared.on_transaction(transaction).execute()?;
        Ok::<_, SparqlError>(())
    };
    match inserted {
        Some(inserted) => store.write_inserting(&inserted, execute),
        None => store.write(execute),
    }
}

/// The quads an update inserts when it is nothing but `INSERT DATA` without blank nodes (which
/// the engine renames): the inferred graph can then follow from them alone.
fn inserted_data(operations: &[GraphUpdateOperation]) -> Option<Vec<oxigraph::model::Quad>> {
    let mut inserted = Vec::new();
    for operation in operations {
        let GraphUpdateOperation::InsertData { data } = operation else {
            return None;
        };
        for quad in data {
            let (NamedOrBlankNode::NamedNode(subject), Term::NamedNode(_) | Term::Literal(_)) =
                (&quad.subject, &quad.object)
            else {
                return None;
            };
            let graph = match &quad.graph_name {
                spargebra::term::GraphName::NamedNode(graph) => GraphName::NamedNode(graph.clone()),
                spargebra::term::GraphName::DefaultGraph => GraphName::DefaultGraph,
            };
            inserted.push(oxigraph::model::Quad::new(
                subject.clone(),
                quad.predicate.clone(),
                quad.object.clone(),
                graph,
            ));
        }
    }
    Some(inserted)
}

fn check_update(
    update: &Update,
    using: &Dataset,
    options: &SparqlOptions,
) -> Result<(), SparqlError> {
    for operation in &update.operations {
        match operation {
            GraphUpdateOperation::Load { source, .. } if !options.allow_remote => {
                return Err(SparqlError::Refused(format!(
                    "LOAD <{}> refused: this service does not fetch remote URLs (see --allow-remote)",
                    source.as_str()
                )));
            }
            GraphUpdateOperation::DeleteInsert { using: Some(_), .. } if !using.is_empty() => {
                return Err(SparqlError::Refused(
                    "the update names its own dataset (USING/WITH) and the request gives \
                     using-graph-uri/using-named-graph-uri: give only one"
                        .to_owned(),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The serialisation of a query's results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// A SPARQL results format, for `SELECT` and `ASK`.
    Table(QueryResultsFormat),
    /// An RDF format, for `CONSTRUCT` and `DESCRIBE`.
    Graph(RdfFormat),
}

impl ResultsFormat {
    /// The media type to answer with.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Table(f) => f.media_type(),
            Self::Graph(f) => f.media_type(),
        }
    }
}

/// Writes `results` in `format` to the writer `open` returns, consuming the lazy iterator.
/// Errors met mid-way (cancellation included) are returned; what was written so far stays
/// written.
///
/// With a `limit`, at most that many solutions (or triples) are written, and `open` is told
/// beforehand whether the results were cut, so that the caller can declare it (the first
/// `limit + 1` rows are read before anything is written, to know). Returns whether they were.
pub fn write_results<W: Write>(
    results: QueryResults<'static>,
    format: ResultsFormat,
    limit: Option<usize>,
    open: impl FnOnce(bool) -> W,
) -> Result<bool, SparqlError> {
    match (results, format) {
        (QueryResults::Boolean(value), ResultsFormat::Table(format)) => {
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(open(false), value)
                .map_err(io_error)?;
            Ok(false)
        }
        (QueryResults::Solutions(solutions), ResultsFormat::Table(format)) => {
            let variables = solutions.variables().to_vec();
            let (head, truncated, rest) = split_at_limit(solutions, limit)?;
            let mut serializer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(open(truncated), variables)
                .map_err(io_error)?;
            for solution in head.into_iter().map(Ok).chain(rest) {
                serializer.serialize(&solution?).map_err(io_error)?;
            }
            serializer.finish().map_err(io_error)?;
            Ok(truncated)
        }
        (QueryResults::Graph(triples), ResultsFormat::Graph(format)) => {
            let (head, truncated, rest) = split_at_limit(triples, limit)?;
            let mut serializer = RdfSerializer::from_format(format).for_writer(open(truncated));
            for triple in head.into_iter().map(Ok).chain(rest) {
                serializer.serialize_triple(&triple?).map_err(io_error)?;
            }
            serializer.finish().map_err(io_error)?;
            Ok(truncated)
        }
        (_, format) => Err(SparqlError::Refused(format!(
            "{} cannot carry the results of this query form",
            format.media_type()
        ))),
    }
}

/// Rows ahead of the serialiser: without a limit, none are read ahead and the rest streams;
/// with one, the first `limit` rows, whether there were more, and nothing left to stream.
type Split<T, I> = (Vec<T>, bool, std::iter::Take<I>);

fn split_at_limit<T, E, I>(mut rows: I, limit: Option<usize>) -> Result<Split<T, I>, SparqlError>
where
    I: Iterator<Item = Result<T, E>>,
    SparqlError: From<E>,
{
    let Some(limit) = limit else {
        return Ok((Vec::new(), false, rows.take(usize::MAX)));
    };
    let mut head = Vec::new();
    for row in rows.by_ref() {
        head.push(row?);
        if head.len() > limit {
            head.truncate(limit);
            return Ok((head, true, rows.take(0)));
        }
    }
    Ok((head, false, rows.take(0)))
}

fn io_error(error: std::io::Error) -> SparqlError {
    SparqlError::Store(StoreError::Io {
        name: "results".to_owned(),
        source: error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Input;

    #[test]
    fn the_text_sent_to_an_engine_answers_as_the_substituted_query()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = store_with(
            "<http://e/a> <http://e/p> <http://e/b> . <http://e/b> <http://e/q> <http://e/c> .
             <http://e/c> <http://e/q> <http://e/d> . <http://e/z> <http://e/p> <http://e/b> .",
        )?;
        let text = "SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x <http://e/p>/<http://e/q>* ?y \
                    FILTER(?x != <http://e/nothing>) } GROUP BY ?x";
        let bindings = vec![(
            Variable::new("x")?,
            Term::from(NamedNode::new("http://e/a")?),
        )];
        let substituted = rows(&store, text, bindings.clone())?;
        let portable = portable_text(&parse_query(text, None)?, bindings)?;
        assert!(!portable.contains("_:"), "{portable}");
        assert_eq!(rows(&store, &portable, Vec::new())?, substituted);
        assert_eq!(substituted.len(), 1, "{substituted:?}");
        assert!(substituted[0].contains("\"3\""), "{substituted:?}");
        Ok(())
    }

    #[test]
    fn the_text_sent_to_an_engine_sorts_by_what_an_alias_stands_for()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = store_with(
            "<http://e/a> <http://e/label> \"b\" . <http://e/c> <http://e/label> \"a\" .
             <http://e/d> <http://e/label> \"c\" .",
        )?;
        let text = "SELECT ?x (MIN(?l) AS ?label) WHERE { ?x <http://e/label> ?l } \
                    GROUP BY ?x ORDER BY DESC(?label)";
        let portable = portable_text(&parse_query(text, None)?, Vec::new())?;
        assert!(!portable.contains("DESC(?label)"), "{portable}");
        let sorted = rows(&store, text, Vec::new())?;
        assert_eq!(rows(&store, &portable, Vec::new())?, sorted);
        assert!(
            sorted[0].contains("\"c\"") && sorted[2].contains("\"a\""),
            "{sorted:?}"
        );
        Ok(())
    }

    /// The rows of the SELECT `text` over `store`, in order, each as its values' debug form.
    fn rows(
        store: &GraphStore,
        text: &str,
        bindings: Vec<(Variable, Term)>,
    ) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let QueryResults::Solutions(rows) = evaluate_query(
            store,
            parse_query(text, None)?,
            &Dataset::default(),
            bindings,
            &SparqlOptions::default(),
            CancellationToken::new(),
        )?
        else {
            return Err("not a table".into());
        };
        Ok(rows
            .map(|row| row.map(|r| format!("{:?}", r.values())))
            .collect::<Result<_, _>>()?)
    }

    fn store_with(turtle: &'static str) -> Result<GraphStore, Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let graph = NamedNode::new("http://e/g")?;
        store.load(
            [Input {
                name: "fixture.ttl".to_owned(),
                format: RdfFormat::Turtle,
                reader: turtle.as_bytes(),
            }],
            Some(&graph),
        )?;
        Ok(store)
    }

    fn ask(
        store: &GraphStore,
        text: &str,
        options: &SparqlOptions,
    ) -> Result<bool, Box<dyn std::error::Error>> {
        let query = parse_query(text, None)?;
        match evaluate_query(
            store,
            query,
            &Dataset::default(),
            Vec::new(),
            options,
            CancellationToken::new(),
        )? {
            QueryResults::Boolean(b) => Ok(b),
            _ => Err("not a boolean".into()),
        }
    }

    #[test]
    fn the_default_graph_is_the_union_of_named_graphs_unless_switched_off()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = store_with("<http://e/a> <http://e/b> <http://e/c> .")?;
        let q = "ASK { <http://e/a> <http://e/b> <http://e/c> }";
        assert!(ask(&store, q, &SparqlOptions::default())?);
        let strict = SparqlOptions {
            union_default_graph: false,
            ..SparqlOptions::default()
        };
        assert!(!ask(&store, q, &strict)?);
        Ok(())
    }

    #[test]
    fn a_cancelled_query_reports_cancellation() -> Result<(), Box<dyn std::error::Error>> {
        let store = store_with("<http://e/a> <http://e/b> <http://e/c> .")?;
        let token = CancellationToken::new();
        let query = parse_query("SELECT * { ?s ?p ?o }", None)?;
        let results = evaluate_query(
            &store,
            query,
            &Dataset::default(),
            Vec::new(),
            &SparqlOptions::default(),
            token.clone(),
        )?;
        token.cancel();
        let error = write_results(
            results,
            ResultsFormat::Table(QueryResultsFormat::Json),
            None,
            |_| Vec::new(),
        )
        .unwrap_err();
        assert!(matches!(error, SparqlError::Cancelled), "{error:?}");
        Ok(())
    }

    #[test]
    fn a_row_limit_cuts_and_says_so() -> Result<(), Box<dyn std::error::Error>> {
        let store = store_with("<http://e/a> <http://e/b> 1, 2, 3 .")?;
        let rows = |limit| -> Result<(bool, usize), Box<dyn std::error::Error>> {
            let query = parse_query("SELECT ?o WHERE { ?s ?p ?o }", None)?;
            let results = evaluate_query(
                &store,
                query,
                &Dataset::default(),
                Vec::new(),
                &SparqlOptions::default(),
                CancellationToken::new(),
            )?;
            let mut told = None;
            let mut out = Vec::new();
            let truncated = write_results(
                results,
                ResultsFormat::Table(QueryResultsFormat::Tsv),
                limit,
                |truncated| {
                    told = Some(truncated);
                    &mut out
                },
            )?;
            assert_eq!(told, Some(truncated));
            let lines = String::from_utf8(out)?.lines().count() - 1;
            Ok((truncated, lines))
        };
        assert_eq!(rows(None)?, (false, 3));
        assert_eq!(rows(Some(3))?, (false, 3));
        assert_eq!(rows(Some(2))?, (true, 2));
        assert_eq!(rows(Some(0))?, (true, 0));
        Ok(())
    }

    #[test]
    fn remote_load_is_refused_by_default_and_changes_nothing()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = store_with("<http://e/a> <http://e/b> <http://e/c> .")?;
        let update = parse_update(
            "INSERT DATA { <http://e/x> <http://e/y> <http://e/z> } ; LOAD <http://example.org/data.ttl>",
            None,
        )?;
        let error = execute_update(
            &store,
            update,
            &Dataset::default(),
            &SparqlOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(error, SparqlError::Refused(_)));
        assert_eq!(store.len()?, 1);
        Ok(())
    }

    #[test]
    fn protocol_dataset_conflicting_with_using_is_refused() -> Result<(), Box<dyn std::error::Error>>
    {
        let store = GraphStore::in_memory()?;
        let update = parse_update(
            "DELETE { ?s ?p ?o } USING <http://e/g> WHERE { ?s ?p ?o }",
            None,
        )?;
        let using = Dataset {
            default_graphs: vec![NamedNode::new("http://e/h")?],
            named_graphs: Vec::new(),
        };
        assert!(matches!(
            execute_update(&store, update, &using, &SparqlOptions::default()),
            Err(SparqlError::Refused(_))
        ));
        Ok(())
    }
}
