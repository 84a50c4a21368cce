//! A description as compact JSON-LD that reads as plain JSON: one object with `id`, `type`
//! and one key per property (its local name: `title`, `developedBy`), IRIs as plain strings
//! where the `@context` says a key holds IRIs, plain strings for plain literals, numbers and
//! booleans where the literal is one, and the incoming links under `@reverse`.
//!
//! The `@context` is built for the document (each key it uses, with its type coercion), so
//! a JSON-LD processor gets back exactly the description's triples; a test checks that by
//! parsing the output with Oxigraph's JSON-LD parser.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNode, Term};
use serde_json::{Map, Value, json};

use super::Description;
use crate::labels::{PREFIXES, compact_iri, local_name};
use crate::vocab::idm;

/// How the values of a key are written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Coercion {
    /// Every value is an IRI (or blank node): written as a plain string.
    Id,
    /// Every value is a literal of this (non-string) datatype: written as its lexical form.
    Datatype(String),
    /// Mixed: each value says what it is.
    None,
}

/// The description of `description.subject` as a compact JSON-LD document.
pub fn compact(description: &Description) -> Value {
    let mut outgoing: BTreeMap<&NamedNode, Vec<&Term>> = BTreeMap::new();
    let mut types: Vec<String> = Vec::new();
    for fact in &description.outgoing {
        if fact.property.as_ref() == rdf::TYPE
            && let Term::NamedNode(class) = &fact.value
        {
            let name = vocab_relative(class.as_str());
            if !types.contains(&name) {
                types.push(name);
            }
            continue;
        }
        outgoing
            .entry(&fact.property)
            .or_default()
            .push(&fact.value);
    }
    let mut incoming: BTreeMap<&NamedNode, Vec<&Term>> = BTreeMap::new();
    for fact in &description.incoming {
        incoming
            .entry(&fact.property)
            .or_default()
            .push(&fact.value);
    }

    let properties: BTreeSet<&NamedNode> =
        outgoing.keys().chain(incoming.keys()).copied().collect();
    let keys = key_names(&properties);
    let mut context = Map::new();
    context.insert("@vocab".into(), json!(idm::NAMESPACE));
    context.insert("id".into(), json!("@id"));
    context.insert("type".into(), json!("@type"));
    for (prefix, namespace) in PREFIXES {
        context.insert((*prefix).into(), json!(namespace));
    }
    let mut coercions: BTreeMap<&NamedNode, Coercion> = BTreeMap::new();
    for property in &properties {
        let values = outgoing.get(property).map_or(&[][..], Vec::as_slice);
        let only_incoming = values.is_empty();
        let coercion = if only_incoming || values.iter().all(|v| is_node(v)) {
            Coercion::Id
        } else {
            common_datatype(values).map_or(Coercion::None, Coercion::Datatype)
        };
        let key = &keys[*property];
        let mut definition = Map::new();
        definition.insert(
            "@id".into(),
            json!(compact_iri(property.as_str()).unwrap_or_else(|| property.as_str().to_owned())),
        );
        match &coercion {
            Coercion::Id => {
                definition.insert("@type".into(), json!("@id"));
            }
            Coercion::Datatype(datatype) => {
                definition.insert("@type".into(), json!(datatype));
            }
            Coercion::None => {}
        }
        context.insert(key.clone(), Value::Object(definition));
        coercions.insert(*property, coercion);
    }

    let mut document = Map::new();
    document.insert("@context".into(), Value::Object(context));
    document.insert("id".into(), json!(description.subject.as_str()));
    match types.len() {
        0 => {}
        1 => {
            document.insert("type".into(), json!(types[0]));
        }
        _ => {
            document.insert("type".into(), json!(types));
        }
    }
    for (property, values) in &outgoing {
        let coercion = &coercions[property];
        document.insert(keys[*property].clone(), one_or_many(values, coercion));
    }
    if !incoming.is_empty() {
        let mut reverse = Map::new();
        for (property, values) in &incoming {
            let coercion = &coercions[property];
            reverse.insert(keys[*property].clone(), one_or_many(values, coercion));
        }
        document.insert("@reverse".into(), Value::Object(reverse));
    }
    Value::Object(document)
}

/// A key per property: its local name, unless two properties share it or it would clash with
/// a keyword alias or a prefix; then `prefix:local`, or the whole IRI.
fn key_names<'a>(properties: &BTreeSet<&'a NamedNode>) -> BTreeMap<&'a NamedNode, String> {
    let mut by_local: BTreeMap<&str, usize> = BTreeMap::new();
    for property in properties {
        *by_local.entry(local_name(property.as_str())).or_default() += 1;
    }
    properties
        .iter()
        .map(|property| {
            let local = local_name(property.as_str());
            let plain = !local.is_empty()
                && local.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !local.starts_with(|c: char| c.is_ascii_digit());
            let clashes = by_local[local] > 1
                || matches!(local, "id" | "type")
                || PREFIXES.iter().any(|(prefix, _)| *prefix == local);
            let key = if plain && !clashes {
                local.to_owned()
            } else {
                compact_iri(property.as_str()).unwrap_or_else(|| property.as_str().to_owned())
            };
            (*property, key)
        })
        .collect()
}

/// A class IRI as a `@type` value: relative to `@vocab` (the idm namespace), a compact IRI, or
/// the whole IRI.
fn vocab_relative(iri: &str) -> String {
    if let Some(local) = iri.strip_prefix(idm::NAMESPACE)
        && !local.is_empty()
        && !local.contains(':')
    {
        return local.to_owned();
    }
    compact_iri(iri).unwrap_or_else(|| iri.to_owned())
}

fn is_node(term: &Term) -> bool {
    matches!(term, Term::NamedNode(_) | Term::BlankNode(_))
}

/// The datatype (as a compact IRI) shared by all values, when they are all literals of one
/// datatype that plain JSON cannot say itself (not strings, language strings, booleans or
/// integers).
fn common_datatype(values: &[&Term]) -> Option<String> {
    let mut common: Option<&str> = None;
    for value in values {
        let Term::Literal(literal) = value else {
            return None;
        };
        if literal.language().is_some() || native(literal).is_some() {
            return None;
        }
        let datatype = literal.datatype().as_str();
        if datatype == xsd::STRING.as_str() || common.is_some_and(|c| c != datatype) {
            return None;
        }
        common = Some(datatype);
    }
    common.map(|d| compact_iri(d).unwrap_or_else(|| d.to_owned()))
}

/// A boolean or canonical integer literal as a JSON boolean or number.
fn native(literal: &Literal) -> Option<Value> {
    let datatype = literal.datatype();
    let text = literal.value();
    if datatype == xsd::BOOLEAN {
        return match text {
            "true" => Some(json!(true)),
            "false" => Some(json!(false)),
            _ => None,
        };
    }
    if datatype == xsd::INTEGER {
        let number: i64 = text.parse().ok()?;
        return (number.to_string() == text).then(|| json!(number));
    }
    None
}

fn one_or_many(values: &[&Term], coercion: &Coercion) -> Value {
    let mut written: Vec<Value> = values.iter().map(|v| value(v, coercion)).collect();
    if written.len() == 1 {
        written.remove(0)
    } else {
        Value::Array(written)
    }
}

fn value(term: &Term, coercion: &Coercion) -> Value {
    match term {
        Term::NamedNode(node) => match coercion {
            Coercion::Id => json!(node.as_str()),
            _ => json!({ "id": node.as_str() }),
        },
        Term::BlankNode(node) => match coercion {
            Coercion::Id => json!(format!("_:{}", node.as_str())),
            _ => json!({ "id": format!("_:{}", node.as_str()) }),
        },
        Term::Literal(literal) => {
            if let Some(language) = literal.language() {
                return json!({ "@value": literal.value(), "@language": language });
            }
            if matches!(coercion, Coercion::Datatype(_)) {
                return json!(literal.value());
            }
            if let Some(native) = native(literal) {
                return native;
            }
            let datatype = literal.datatype();
            if datatype == xsd::STRING {
                json!(literal.value())
            } else {
                json!({
                    "@value": literal.value(),
                    "@type": compact_iri(datatype.as_str()).unwrap_or_else(|| datatype.as_str().to_owned()),
                })
            }
        }
        // RDF 1.2 triple terms (Oxigraph's `rdf-12` is on): no plain JSON form.
        other => json!({ "@value": other.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
    use oxigraph::model::NamedNode;

    use super::*;
    use crate::store::GraphStore;
    use crate::vocab::ID_BASE;

    #[test]
    fn the_compact_document_gives_back_the_description_triples()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        for path in [
            "rec/itut-x1252",
            "question/q10-17",
            "sg/sg17",
            "jca/jca-idm",
            "topic/identity-management",
        ] {
            let subject = NamedNode::new(format!("{ID_BASE}{path}"))?;
            let description = Description::read(&store, subject.as_ref())?;
            let document = compact(&description);
            let bytes = serde_json::to_vec(&document)?;
            let parsed: BTreeSet<String> = RdfParser::from_format(RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            })
            .for_slice(&bytes)
            .map(|quad| quad.map(|q| oxigraph::model::Triple::from(q).to_string()))
            .collect::<Result<_, _>>()?;
            let expected: BTreeSet<String> = description
                .triples()
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(parsed, expected, "{path}");
        }
        Ok(())
    }

    #[test]
    fn keys_are_local_names_and_values_plain_json() -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let subject = NamedNode::new(format!("{ID_BASE}rec/itut-x1252"))?;
        let document = compact(&Description::read(&store, subject.as_ref())?);
        assert_eq!(document["id"], json!(subject.as_str()));
        assert!(document["title"].is_string(), "{}", document["title"]);
        assert!(
            document["type"]
                .as_array()
                .is_some_and(|t| t.contains(&json!("Recommendation"))),
            "{}",
            document["type"]
        );
        assert!(document["developedBy"].is_string() || document["developedBy"].is_array());
        assert!(document["@reverse"].is_object());
        Ok(())
    }
}
