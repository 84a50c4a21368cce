//! SHACL validation of the store against `ontology/shapes.ttl` (embedded as
//! [`crate::data::SHAPES`]) or other shapes, with rudof's `shacl` crate (SHACL Core, its native
//! in-memory engine).
//!
//! The data graph is the union of the store's graphs, the ontology and the inferred graph
//! included: `sh:targetClass` and `sh:class` follow `rdfs:subClassOf` in the data graph, so the
//! class hierarchy must be there. [`validate_store`] checks the store as it is; [`dry_run`]
//! applies a write to a scratch in-memory copy of the store and checks the result, so `load
//! --validate` (and the CSV import) can refuse data before anything is stored.

use std::fmt;
use std::io::Cursor;

use oxigraph::model::{GraphNameRef, Quad};
use rudof_rdf::rdf_core::RDFFormat;
use rudof_rdf::rdf_core::SHACLPath;
use rudof_rdf::rdf_core::term::Object;
use rudof_rdf::rdf_impl::OxigraphInMemory;
use shacl::ir::IRSchema;
use shacl::validator::processor::{GraphValidation, ShaclProcessor};
use shacl::validator::store::{Graph, ShaclDataManager};
use shacl::validator::{ShaclConfig, ShaclValidationMode};

use crate::store::{GraphStore, StoreError};
use crate::vocab::graph;

/// Errors of validation (not violations: those are in the [`ValidationReport`]).
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    /// The shapes document is not Turtle, or not a SHACL shapes graph the validator can compile.
    #[error("{name}: not usable as SHACL shapes: {message}")]
    Shapes {
        /// Where the shapes came from.
        name: String,
        /// What the parser or compiler said.
        message: String,
    },
    /// The validator failed while running.
    #[error("SHACL validation failed: {0}")]
    Engine(String),
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A compiled SHACL shapes graph.
pub struct Shapes {
    schema: IRSchema,
}

impl Shapes {
    /// Parses and compiles a Turtle shapes graph; `name` is used in error messages.
    pub fn parse(name: &str, turtle: &str) -> Result<Self, ValidateError> {
        let schema =
            ShaclDataManager::load(&mut Cursor::new(turtle), name, &RDFFormat::Turtle, None)
                .map_err(|e| ValidateError::Shapes {
                    name: name.to_owned(),
                    message: e.to_string(),
                })?;
        Ok(Self { schema })
    }

    /// The shapes of `ontology/shapes.ttl`, embedded in the binary.
    pub fn embedded() -> Result<Self, ValidateError> {
        Self::parse("ontology/shapes.ttl", crate::data::SHAPES)
    }
}

/// One result of the validation report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// `Violation`, `Warning` or `Info` (`sh:resultSeverity`).
    pub severity: String,
    /// The node that does not conform (`sh:focusNode`).
    pub focus_node: String,
    /// The property path checked, for property shapes (`sh:resultPath`).
    pub path: Option<String>,
    /// The constraint component that failed, e.g. `sh:MinCountConstraintComponent`.
    pub constraint: String,
    /// The shape the constraint belongs to, when it has an IRI (`sh:sourceShape`).
    pub source_shape: Option<String>,
    /// The offending value, when there is one (`sh:value`).
    pub value: Option<String>,
    /// The shape's `sh:message`, when it has one.
    pub message: Option<String>,
}

/// The outcome of a validation: whether the data conforms, and every result.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ValidationReport {
    /// Whether the data conforms (`sh:conforms`).
    pub conforms: bool,
    /// The results, sorted by focus node, path and constraint.
    pub results: Vec<Violation>,
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.conforms {
            return writeln!(f, "conforms: the data satisfies every SHACL shape");
        }
        writeln!(f, "does not conform: {} result(s)", self.results.len())?;
        for result in &self.results {
            writeln!(f)?;
            writeln!(f, "{}: {}", result.severity, result.focus_node)?;
            if let Some(path) = &result.path {
                writeln!(f, "  path:       {path}")?;
            }
            match &result.source_shape {
                Some(shape) => writeln!(f, "  constraint: {} (in {shape})", result.constraint)?,
                None => writeln!(f, "  constraint: {}", result.constraint)?,
            }
            if let Some(value) = &result.value {
                writeln!(f, "  value:      {value}")?;
            }
            if let Some(message) = &result.message {
                writeln!(f, "  message:    {message}")?;
            }
        }
        Ok(())
    }
}

/// Validates the whole store (the union of its graphs) against `shapes`.
pub fn validate_store(
    store: &GraphStore,
    shapes: &Shapes,
) -> Result<ValidationReport, ValidateError> {
    let quads = store.oxigraph().iter().map(|q| q.map_err(StoreError::from));
    validate_quads(quads, shapes)
}

/// Validates the union of `quads` (graph names are ignored) against `shapes`.
pub fn validate_quads(
    quads: impl IntoIterator<Item = Result<Quad, StoreError>>,
    shapes: &Shapes,
) -> Result<ValidationReport, ValidateError> {
    let mut data = OxigraphInMemory::new();
    for quad in quads {
        let quad = quad?;
        data.add_triple_ref(&quad.subject, &quad.predicate, &quad.object)
            .map_err(|e| ValidateError::Engine(e.to_string()))?;
    }
    let mut validation = GraphValidation::from(Graph::from(data));
    let report = validation
        .validate(
            &shapes.schema,
            &ShaclValidationMode::Native,
            &ShaclConfig::new(),
        )
        .map_err(|e| ValidateError::Engine(e.to_string()))?;
    let mut results: Vec<Violation> = report.results().iter().map(violation).collect();
    results.sort_by(|a, b| {
        (&a.focus_node, &a.path, &a.constraint, &a.value).cmp(&(
            &b.focus_node,
            &b.path,
            &b.constraint,
            &b.value,
        ))
    });
    results.dedup();
    Ok(ValidationReport {
        conforms: report.conforms(),
        results,
    })
}

/// Applies `write` to a scratch in-memory copy of `store` (its asserted graphs; the copy gets its
/// own inferences) and validates the copy. `store` itself is not touched: the caller repeats the
/// write on it when the report conforms.
pub fn dry_run<E>(
    store: &GraphStore,
    shapes: &Shapes,
    write: impl FnOnce(&GraphStore) -> Result<(), E>,
) -> Result<ValidationReport, E>
where
    E: From<ValidateError> + From<StoreError>,
{
    let scratch = GraphStore::in_memory()?;
    scratch.write(|transaction| {
        for quad in store.oxigraph().iter() {
            let quad = quad.map_err(StoreError::from)?;
            if quad.graph_name.as_ref() != GraphNameRef::from(graph::INFERRED) {
                transaction.insert(&quad);
            }
        }
        Ok::<_, StoreError>(())
    })?;
    write(&scratch)?;
    Ok(validate_store(&scratch, shapes)?)
}

fn violation(result: &shacl::validator::report::ValidationResult) -> Violation {
    let message = result
        .message()
        .get(None)
        .or_else(|| result.message().iter().map(|(_, m)| m).next())
        .cloned();
    Violation {
        severity: result.severity().to_string(),
        focus_node: show(result.focus_node()),
        path: result.path().map(show_path),
        constraint: show(result.constraint_component()),
        source_shape: result
            .source()
            .filter(|s| matches!(s, Object::Iri(_)))
            .map(show),
        value: result.value().map(show),
        message,
    }
}

fn show(object: &Object) -> String {
    match object {
        Object::Iri(iri) => compact(iri.as_str()),
        other => other.to_string(),
    }
}

fn show_path(path: &SHACLPath) -> String {
    match path {
        SHACLPath::Predicate { pred } => compact(pred.as_str()),
        SHACLPath::Inverse { path } => format!("^{}", show_path(path)),
        other => other.to_string(),
    }
}

/// Vocabulary IRIs as prefixed names; other IRIs (the entities) in full, to paste into queries.
fn compact(iri: &str) -> String {
    const PREFIXES: &[(&str, &str)] = &[
        ("idm", crate::vocab::idm::NAMESPACE),
        ("idmsh", "https://w3id.org/idmgraph/shapes#"),
        ("sh", "http://www.w3.org/ns/shacl#"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("owl", "http://www.w3.org/2002/07/owl#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("org", "http://www.w3.org/ns/org#"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("prov", "http://www.w3.org/ns/prov#"),
    ];
    for (prefix, namespace) in PREFIXES {
        if let Some(local) = iri.strip_prefix(namespace)
            && !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return format!("{prefix}:{local}");
        }
    }
    format!("<{iri}>")
}

#[cfg(test)]
mod tests {
    use oxigraph::io::RdfFormat;
    use oxigraph::model::NamedNode;

    use super::*;
    use crate::store::Input;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn default_store() -> Result<GraphStore, Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        Ok(store)
    }

    fn turtle(text: &'static str) -> Input<&'static [u8]> {
        Input {
            name: "fixture.ttl".to_owned(),
            format: RdfFormat::Turtle,
            reader: text.as_bytes(),
        }
    }

    #[test]
    fn the_default_data_conforms_to_the_shapes() -> TestResult {
        let report = validate_store(&default_store()?, &Shapes::embedded()?)?;
        assert!(report.conforms, "{report}");
        assert!(report.results.is_empty());
        Ok(())
    }

    #[test]
    fn a_recommendation_without_a_title_is_reported_exactly() -> TestResult {
        let store = default_store()?;
        let broken = turtle(
            r#"@prefix idm: <https://w3id.org/idmgraph/ontology#> .
               @prefix dcterms: <http://purl.org/dc/terms/> .
               @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
               <https://w3id.org/idmgraph/id/rec/itut-x9999> a idm:Recommendation ;
                   rdfs:label "ITU-T X.9999" ; dcterms:identifier "ITU-T X.9999" ."#,
        );
        let graph = NamedNode::new("http://e/broken")?;
        let report = dry_run(
            &store,
            &Shapes::embedded()?,
            |scratch| -> Result<(), Box<dyn std::error::Error>> {
                scratch.load([broken], Some(&graph))?;
                Ok(())
            },
        )?;
        assert!(!report.conforms);
        assert_eq!(
            report.results,
            vec![Violation {
                severity: "Violation".to_owned(),
                focus_node: "<https://w3id.org/idmgraph/id/rec/itut-x9999>".to_owned(),
                path: Some("dcterms:title".to_owned()),
                constraint: "sh:MinCountConstraintComponent".to_owned(),
                source_shape: None,
                value: None,
                message: Some("A standard needs a dcterms:title.".to_owned()),
            }],
            "{report}"
        );
        assert!(report.to_string().contains("dcterms:title"), "{report}");
        assert!(
            !store.contains_graph(&graph.into())?,
            "a dry run stores nothing"
        );
        Ok(())
    }

    #[test]
    fn shapes_that_are_not_turtle_are_refused_by_name() {
        let error = Shapes::parse("bad.ttl", "this is not turtle").err();
        assert!(
            matches!(error, Some(ValidateError::Shapes { ref name, .. }) if name == "bad.ttl"),
            "{error:?}"
        );
    }
}
