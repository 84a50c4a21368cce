//! The entities the store already has, read inside the ingest transaction: their names
//! (`rdfs:label`, `dcterms:identifier`, `foaf:name`, SKOS labels), classes and clauses, indexed
//! under the normalised values the extractor gives, so that a mention finds the existing IRI
//! ("ITU-T X.1254 (09/2020)" and "ISO/IEC 24760-1:2019" are found as "ITU-T X.1254" and
//! "ISO/IEC 24760-1" because their labels are run through the extractor too). Bodies whose
//! names the built-in dictionaries do not read are fed to the extractor.
//!
//! The document's own graph is left out, and so is the inferred graph for names and subjects:
//! what an earlier ingest of the same text wrote must not change what this one finds, or
//! ingesting twice would not be idempotent.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Transaction};

use super::kinds::{GROUP_CLASSES, Group};
use super::ns;
use crate::ingest::extract::{self, Category, ExtractError, Extractor, Value};
use crate::vocab::{graph, idm};

/// Properties whose literal values name an entity.
const NAME_PROPERTIES: &[NamedNodeRef<'static>] = &[
    rdfs::LABEL,
    ns::DCTERMS_IDENTIFIER,
    ns::FOAF_NAME,
    ns::SKOS_PREF_LABEL,
    ns::SKOS_ALT_LABEL,
];

/// How well an entity's name fits a value: the name is the value; the name reads as the value
/// alone ("ITU-T X.1254 (09/2020)"); or as the value among others ("ITU-T D.1140/X.1261").
const EXACT: u8 = 3;
const SOLE: u8 = 2;
const AMONG: u8 = 1;

#[derive(Clone, Debug)]
struct Candidate {
    iri: NamedNode,
    score: u8,
    /// Superseded or withdrawn: another edition is preferred.
    retired: bool,
}

/// A body of the store the built-in dictionaries do not know: category, name, other names.
type Body = (Category, String, Vec<String>);

/// Adds what one object of a property says to the entity of its subject.
type Reader<'a> = Box<dyn FnMut(&mut Entity, &Term) + 'a>;

/// The store's entities, indexed for matching.
#[derive(Debug, Default)]
pub(super) struct Known {
    index: HashMap<(Group, String), Vec<Candidate>>,
    clauses: BTreeMap<(NamedNode, String), NamedNode>,
    subjects: HashSet<NamedNode>,
    unknown_bodies: Vec<Body>,
}

/// What is read of one entity.
#[derive(Default)]
struct Entity {
    classes: BTreeSet<NamedNode>,
    names: Vec<(NamedNode, String)>,
    titles: Vec<String>,
    part_of: Vec<NamedNode>,
    retired: bool,
}

/// The key values and names are compared by: lower case, one space for any white space,
/// one '-' for any dash.
pub(super) fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

impl Known {
    /// Nothing known: every mention makes a new entity (the extractor's Turtle output).
    pub(super) fn empty() -> Self {
        Self::default()
    }

    /// Reads the store, outside the document's own graph `own`.
    pub(super) fn read(
        transaction: &Transaction<'_>,
        own: NamedNodeRef<'_>,
    ) -> Result<Self, StorageError> {
        let mut entities: BTreeMap<NamedNode, Entity> = BTreeMap::new();
        let own = GraphName::NamedNode(own.into_owned());
        let inferred = GraphName::NamedNode(graph::INFERRED.into_owned());
        let mut each = |predicate: NamedNodeRef<'_>,
                        with_inferred: bool,
                        mut add: Reader<'_>|
         -> Result<(), StorageError> {
            for quad in transaction.quads_for_pattern(None, Some(predicate), None, None) {
                let Quad {
                    subject,
                    object,
                    graph_name,
                    ..
                } = quad?;
                if graph_name == own || (!with_inferred && graph_name == inferred) {
                    continue;
                }
                if let NamedOrBlankNode::NamedNode(subject) = subject {
                    add(entities.entry(subject).or_default(), &object);
                }
            }
            Ok(())
        };
        each(
            rdf::TYPE,
            true,
            Box::new(|e, o| {
                if let Term::NamedNode(class) = o {
                    e.classes.insert(class.clone());
                }
            }),
        )?;
        for property in NAME_PROPERTIES {
            let property_node = property.into_owned();
            each(
                *property,
                false,
                Box::new(move |e, o| {
                    if let Term::Literal(l) = o {
                        e.names
                            .push((property_node.clone(), l.value().trim().to_owned()));
                    }
                }),
            )?;
        }
        each(
            ns::DCTERMS_TITLE,
            false,
            Box::new(|e, o| {
                if let Term::Literal(l) = o {
                    e.titles.push(l.value().to_owned());
                }
            }),
        )?;
        each(
            ns::DCTERMS_IS_PART_OF,
            false,
            Box::new(|e, o| {
                if let Term::NamedNode(n) = o {
                    e.part_of.push(n.clone());
                }
            }),
        )?;
        each(
            idm::STATUS,
            false,
            Box::new(|e, o| {
                if matches!(o, Term::NamedNode(s) if *s == idm::SUPERSEDED || *s == idm::WITHDRAWN)
                {
                    e.retired = true;
                }
            }),
        )?;
        each(idm::SUPERSEDED_BY, false, Box::new(|e, _| e.retired = true))?;
        Ok(Self::index(&entities))
    }

    fn index(entities: &BTreeMap<NamedNode, Entity>) -> Self {
        let mut known = Known::default();
        for (iri, entity) in entities {
            if !entity.names.is_empty() {
                known.subjects.insert(iri.clone());
            }
            let groups: BTreeSet<Group> = GROUP_CLASSES
                .iter()
                .filter(|(_, class)| entity.classes.iter().any(|c| c == class))
                .map(|(group, _)| *group)
                .collect();
            if groups.contains(&Group::Clauses) {
                known.add_clause(iri, entity, entities);
            }
            let read = groups.iter().any(|g| !g.categories().is_empty());
            for (_, name) in &entity.names {
                // Read once per name, and only for groups the extractor has categories for.
                let extraction = read.then(|| extract::extract(name));
                for &group in groups.iter().filter(|g| **g != Group::Clauses) {
                    known.add(group, name, iri, EXACT, entity.retired);
                    let Some(extraction) = &extraction else {
                        continue;
                    };
                    for category in group.categories() {
                        let values: BTreeSet<&String> = extraction
                            .mentions
                            .iter()
                            .filter(|m| m.category == *category)
                            .filter_map(|m| match &m.value {
                                Value::Name(v) => Some(v),
                                _ => None,
                            })
                            .collect();
                        let score = if values.len() == 1 { SOLE } else { AMONG };
                        for value in values {
                            known.add(group, value, iri, score, entity.retired);
                        }
                    }
                }
            }
            if groups.contains(&Group::Organizations) || groups.contains(&Group::Coordination) {
                known.note_unknown_body(entity);
            }
        }
        known.unknown_bodies.sort();
        known.unknown_bodies.dedup();
        known
    }

    fn add(&mut self, group: Group, name: &str, iri: &NamedNode, score: u8, retired: bool) {
        let key = key(name);
        if key.is_empty() {
            return;
        }
        self.index.entry((group, key)).or_default().push(Candidate {
            iri: iri.clone(),
            score,
            retired,
        });
    }

    /// A clause is keyed by the document it is ultimately part of and its identifier.
    fn add_clause(
        &mut self,
        iri: &NamedNode,
        clause: &Entity,
        entities: &BTreeMap<NamedNode, Entity>,
    ) {
        let is_clause = |n: &NamedNode| {
            entities
                .get(n)
                .is_some_and(|e| e.classes.iter().any(|c| c.as_ref() == idm::CLAUSE))
        };
        let mut root = clause.part_of.first().cloned();
        for _ in 0..8 {
            match &root {
                Some(parent) if is_clause(parent) => {
                    root = entities
                        .get(parent)
                        .and_then(|e| e.part_of.first().cloned());
                }
                _ => break,
            }
        }
        let Some(root) = root else { return };
        for (property, name) in &clause.names {
            if *property == ns::DCTERMS_IDENTIFIER {
                self.clauses
                    .entry((root.clone(), key(name)))
                    .or_insert_with(|| iri.clone());
            }
        }
    }

    /// A body whose label, other names or title acronym ("(SIA)") the built-in rules do not
    /// read whole is added to the extractor with those names, under the value the rules give
    /// its label (so that [`Known::find`] finds it), or the label itself.
    fn note_unknown_body(&mut self, entity: &Entity) {
        let Some(label) = entity
            .names
            .iter()
            .find(|(p, _)| *p == rdfs::LABEL)
            .map(|(_, l)| l.clone())
        else {
            return;
        };
        let read_whole = |name: &str| -> Option<String> {
            let length = name.chars().count();
            extract::extract(name)
                .mentions
                .into_iter()
                .find(|m| m.start == 0 && m.end == length)
                .and_then(|m| match m.value {
                    Value::Name(v) => Some(v),
                    _ => None,
                })
        };
        let known_as = read_whole(&label);
        let mut variants: Vec<String> = entity
            .names
            .iter()
            .map(|(_, n)| n.clone())
            .chain(entity.titles.iter().filter_map(|t| title_acronym(t)))
            .filter(|n| *n != label && n.chars().count() >= 2 && read_whole(n).is_none())
            .collect();
        variants.sort();
        variants.dedup();
        if known_as.is_some() && variants.is_empty() {
            return;
        }
        let coordination = [
            idm::COORDINATION_BODY,
            idm::JOINT_COORDINATION_ACTIVITY,
            idm::ADVISORY_GROUP,
        ];
        let category = if entity
            .classes
            .iter()
            .any(|c| coordination.iter().any(|k| c == k))
        {
            Category::CoordinationBodies
        } else {
            Category::Organizations
        };
        let canonical = known_as.unwrap_or(label);
        self.unknown_bodies.push((category, canonical, variants));
    }

    /// The built-in extractor with the bodies of the store it does not know.
    pub(super) fn extractor(&self) -> Result<Extractor, ExtractError> {
        let mut extractor = Extractor::new();
        for (category, name, variants) in &self.unknown_bodies {
            extractor = match extractor
                .clone()
                .with_known_entity(*category, name, variants)
            {
                Ok(with) => with,
                Err(ExtractError::EmptyName | ExtractError::UnsupportedCategory(_)) => extractor,
                Err(e) => return Err(e),
            };
        }
        Ok(extractor)
    }

    /// The entity of `group` that `value` names best: the exact name before a name read as the
    /// value alone, before one read as it among others; a current edition before a superseded
    /// one; then the greatest IRI, which for the landscape's `…-2012`/`…-2020` editions is the
    /// latest.
    pub(super) fn find(&self, group: Group, value: &str) -> Option<NamedNode> {
        self.index
            .get(&(group, key(value)))?
            .iter()
            .max_by(|a, b| {
                (a.score, !a.retired, a.iri.as_str()).cmp(&(b.score, !b.retired, b.iri.as_str()))
            })
            .map(|c| c.iri.clone())
    }

    /// The clause `clause` ("5.1", "Annex B") of `document`.
    pub(super) fn clause(&self, document: &NamedNode, clause: &str) -> Option<NamedNode> {
        self.clauses.get(&(document.clone(), key(clause))).cloned()
    }

    /// Whether the store describes `iri` (with a name) outside the document's graph.
    pub(super) fn has(&self, iri: &NamedNode) -> bool {
        self.subjects.contains(iri)
    }
}

/// "SIA" of "Secure Identity Alliance (SIA)": one word of capitals and digits in parentheses.
fn title_acronym(title: &str) -> Option<String> {
    let (_, rest) = title.rsplit_once('(')?;
    let (word, _) = rest.split_once(')')?;
    let ok = (2..=10).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && word.chars().filter(char::is_ascii_uppercase).count() >= 2;
    ok.then(|| word.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::GraphStore;
    use oxigraph::io::RdfFormat;

    const STORE: &str = r#"
        @prefix idm: <https://w3id.org/idmgraph/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        <http://e/x1254-2012> a idm:Recommendation ; rdfs:label "ITU-T X.1254 (09/2012)" ;
            idm:status idm:Superseded .
        <http://e/x1254-2020> a idm:Recommendation ; rdfs:label "ITU-T X.1254 (09/2020)" .
        <http://e/dual> a idm:Recommendation ; rdfs:label "ITU-T D.1140/X.1261" .
        <http://e/sg17> a idm:StudyGroup ; dcterms:identifier "SG17" .
        <http://e/sia> a idm:SDO ; rdfs:label "Secure Identity Alliance" ;
            dcterms:title "Secure Identity Alliance (SIA)" .
        <http://e/a1> a idm:Recommendation ; rdfs:label "ITU-T A.1" .
        <http://e/annex> a idm:Clause ; dcterms:identifier "Annex B" ; dcterms:isPartOf <http://e/a1> .
        <http://e/b1> a idm:Clause ; dcterms:identifier "B.1" ; dcterms:isPartOf <http://e/annex> .
        <http://e/p> a foaf:Person ; foaf:name "Abbie  Barbir" .
    "#;

    fn known() -> Result<Known, Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        store.load(
            [crate::store::Input {
                name: "known.ttl".to_owned(),
                format: RdfFormat::Turtle,
                reader: STORE.as_bytes(),
            }],
            Some(&NamedNode::new("http://e/g")?),
        )?;
        let own = NamedNode::new("http://e/own")?;
        // Read only, never committed.
        let transaction = store.oxigraph().start_transaction()?;
        Ok(Known::read(&transaction, own.as_ref())?)
    }

    fn iri(s: &str) -> Option<NamedNode> {
        NamedNode::new(s).ok()
    }

    #[test]
    fn values_find_the_entities_whose_names_read_as_them() -> Result<(), Box<dyn std::error::Error>>
    {
        let known = known()?;
        let find = |group, value| known.find(group, value);
        assert_eq!(
            find(Group::Documents, "ITU-T X.1254"),
            iri("http://e/x1254-2020")
        );
        assert_eq!(find(Group::Documents, "ITU-T X.1261"), iri("http://e/dual"));
        assert_eq!(find(Group::StudyGroups, "ITU-T SG17"), iri("http://e/sg17"));
        assert_eq!(find(Group::People, "Abbie Barbir"), iri("http://e/p"));
        assert_eq!(find(Group::Organizations, "ITU-T SG17"), None);
        let a1 = NamedNode::new("http://e/a1")?;
        assert_eq!(known.clause(&a1, "b.1"), iri("http://e/b1"));
        assert_eq!(known.clause(&a1, "Annex B"), iri("http://e/annex"));
        Ok(())
    }

    #[test]
    fn bodies_the_dictionaries_do_not_know_feed_the_extractor()
    -> Result<(), Box<dyn std::error::Error>> {
        let known = known()?;
        let found = known.extractor()?.extract("The SIA met the W3C.");
        assert_eq!(found.organizations, ["Secure Identity Alliance", "W3C"]);
        assert_eq!(
            known.find(Group::Organizations, "Secure Identity Alliance"),
            iri("http://e/sia")
        );
        Ok(())
    }
}
