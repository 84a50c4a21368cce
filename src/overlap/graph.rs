//! The engines' inputs read from RDF: items, recorded equivalences and who owns what, from the
//! quads of the landscape graph (or of the whole store) as `docs/landscape-mapping.md` writes
//! them. Pure: the caller hands over the quads (from `ingest::landscape::parse` or the store).

use std::collections::{BTreeMap, HashMap, HashSet};

use oxigraph::model::{QuadRef, TermRef};

use super::{EQUIVALENCE_RELATIONS, Item, KnownLink};
use crate::allocate::{AllocationLandscape, Ownership, Question, StudyGroup};

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_SUBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
const RDF_PREDICATE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
const RDF_OBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const ORG_SUB_ORGANIZATION_OF: &str = "http://www.w3.org/ns/org#subOrganizationOf";
const FOAF_DOCUMENT: &str = "http://xmlns.com/foaf/0.1/Document";
const IDM: &str = "https://w3id.org/idmgraph/ontology#";

/// Classes whose instances are work items or standards (local names in `idm:`).
const DOCUMENT_CLASSES: &[&str] = &[
    "Recommendation",
    "InternationalStandard",
    "Specification",
    "Supplement",
    "WorkItem",
    "TermsOfReference",
    "Standard",
];

/// Links that say who owns an item: they feed owners, not neighbours.
const OWNER_LINKS: &[&str] = &["developedBy", "responsibleFor"];

/// What the graph gives the engines.
#[derive(Debug, Clone, Default)]
pub struct GraphInput {
    /// The work items and standards.
    pub items: Vec<Item>,
    /// Their recorded equivalences ([`EQUIVALENCE_RELATIONS`]).
    pub known: Vec<KnownLink>,
    /// The links whose statement node is marked `idm:uncertain` (any relation).
    pub uncertain_links: Vec<KnownLink>,
    /// Items whose owner is marked uncertain (`idm:uncertaintyNote "publisher/owner: …"`).
    pub uncertain_owners: HashSet<String>,
    /// Study groups, Questions and who owns which item (mandates and coordination left empty:
    /// they are not in the graph; see `allocate::builtin_mandates`).
    pub allocation: AllocationLandscape,
}

#[derive(Debug, Clone)]
enum Object {
    Iri(String),
    Literal(String),
}

/// Subjects and their properties, and who points at whom.
#[derive(Default)]
struct Graph {
    out: HashMap<String, Vec<(String, Object)>>,
    into: HashMap<String, Vec<(String, String)>>,
}

impl Graph {
    fn values<'a, 'p>(
        &'a self,
        s: &str,
        p: &'p str,
    ) -> impl Iterator<Item = &'a Object> + use<'a, 'p> {
        self.out
            .get(s)
            .into_iter()
            .flatten()
            .filter(move |(q, _)| q == p)
            .map(|(_, o)| o)
    }

    fn iris<'a, 'p>(&'a self, s: &str, p: &'p str) -> impl Iterator<Item = &'a str> + use<'a, 'p> {
        self.values(s, p).filter_map(|o| match o {
            Object::Iri(i) => Some(i.as_str()),
            Object::Literal(_) => None,
        })
    }

    fn literal(&self, s: &str, p: &str) -> Option<&str> {
        self.values(s, p).find_map(|o| match o {
            Object::Literal(l) => Some(l.as_str()),
            Object::Iri(_) => None,
        })
    }

    fn literals<'a, 'p>(
        &'a self,
        s: &str,
        p: &'p str,
    ) -> impl Iterator<Item = &'a str> + use<'a, 'p> {
        self.values(s, p).filter_map(|o| match o {
            Object::Literal(l) => Some(l.as_str()),
            Object::Iri(_) => None,
        })
    }

    fn has_type(&self, s: &str, class: &str) -> bool {
        self.iris(s, RDF_TYPE).any(|t| t == class)
    }

    fn label(&self, s: &str) -> String {
        self.literal(s, RDFS_LABEL)
            .or_else(|| self.literal(s, SKOS_PREF_LABEL))
            .map_or_else(|| local_name(s).to_owned(), str::to_owned)
    }

    /// The bodies above `s` (developers, parent organisations), nearest first.
    fn owners(&self, s: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut frontier: Vec<String> = self
            .iris(s, &format!("{IDM}developedBy"))
            .map(str::to_owned)
            .collect();
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for body in frontier {
                if body == s || out.contains(&body) {
                    continue;
                }
                for p in [
                    format!("{IDM}developedBy"),
                    ORG_SUB_ORGANIZATION_OF.to_owned(),
                ] {
                    next.extend(self.iris(&body, &p).map(str::to_owned));
                }
                out.push(body);
            }
            frontier = next;
        }
        out
    }
}

/// The last segment of an IRI (after `/` or `#`).
fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// "Q10/17 (2013-2016/2017-2020)" → "Q10/17".
fn short_label(label: &str) -> &str {
    label.split(" (").next().unwrap_or(label).trim()
}

/// Reads the engines' inputs from `quads`.
pub fn from_quads<'a>(quads: impl IntoIterator<Item = QuadRef<'a>>) -> GraphInput {
    let mut graph = Graph::default();
    for quad in quads {
        let s = quad.subject.to_string();
        let s = s.trim_start_matches('<').trim_end_matches('>').to_owned();
        let p = quad.predicate.as_str().to_owned();
        let o = match quad.object {
            TermRef::NamedNode(n) => Object::Iri(n.as_str().to_owned()),
            TermRef::Literal(l) => Object::Literal(l.value().to_owned()),
            _ => continue,
        };
        if let Object::Iri(target) = &o {
            graph
                .into
                .entry(target.clone())
                .or_default()
                .push((p.clone(), s.clone()));
        }
        graph.out.entry(s).or_default().push((p, o));
    }
    let id_of: HashMap<&str, String> = graph
        .out
        .keys()
        .filter_map(|s| {
            graph
                .literal(s, &format!("{IDM}csvId"))
                .map(|id| (s.as_str(), id.to_owned()))
        })
        .collect();
    let id = |iri: &str| {
        id_of
            .get(iri)
            .cloned()
            .unwrap_or_else(|| local_name(iri).to_owned())
    };
    let classes: Vec<String> = DOCUMENT_CLASSES
        .iter()
        .map(|c| format!("{IDM}{c}"))
        .chain([FOAF_DOCUMENT.to_owned()])
        .collect();
    // Sorted, so that the items come in a stable order.
    let documents: BTreeMap<String, &str> = graph
        .out
        .keys()
        .filter(|s| classes.iter().any(|c| graph.has_type(s, c)))
        .map(|s| (id(s), s.as_str()))
        .collect();
    let is_sdo = |s: &str| graph.has_type(s, &format!("{IDM}SDO"));
    let is_study_group = |s: &str| graph.has_type(s, &format!("{IDM}StudyGroup"));

    let mut input = GraphInput::default();
    for (item_id, &iri) in &documents {
        let owners = graph.owners(iri);
        let bodies = bodies_from_branches(&graph, iri, &is_sdo);
        let references: Vec<String> = graph
            .iris(iri, &format!("{DCTERMS}references"))
            .filter(|o| id_of.contains_key(o))
            .map(&id)
            .collect();
        let mut neighbours: Vec<String> = Vec::new();
        for (p, o) in graph.out.get(iri).into_iter().flatten() {
            if let Object::Iri(o) = o
                && id_of.contains_key(o.as_str())
                && is_neighbour_link(p)
            {
                neighbours.push(id(o));
            }
        }
        for (p, s) in graph.into.get(iri).into_iter().flatten() {
            if id_of.contains_key(s.as_str()) && is_neighbour_link(p) {
                neighbours.push(id(s));
            }
        }
        neighbours.sort();
        neighbours.dedup();
        for (p, o) in graph.out.get(iri).into_iter().flatten() {
            let relation = p.strip_prefix(IDM).unwrap_or_default();
            if let Object::Iri(o) = o
                && EQUIVALENCE_RELATIONS.contains(&relation)
                && documents.contains_key(&id(o))
            {
                input.known.push(KnownLink {
                    a: item_id.clone(),
                    b: id(o),
                    relation: relation.to_owned(),
                });
            }
        }
        if graph
            .literals(iri, &format!("{IDM}uncertaintyNote"))
            .any(|n| n.starts_with("publisher/owner:"))
        {
            input.uncertain_owners.insert(item_id.clone());
        }
        let study_group = owners.iter().find(|o| is_study_group(o));
        let question = owners
            .iter()
            .find(|o| graph.has_type(o, &format!("{IDM}Question")));
        if let Some(sg) = study_group {
            input.allocation.ownership.push(Ownership {
                item: item_id.clone(),
                study_group: study_group_label(&graph, sg),
                question: question.map(|q| question_label(&graph, q)),
            });
        }
        input.items.push(Item {
            id: item_id.clone(),
            iri: iri.to_owned(),
            label: graph.label(iri),
            title: graph
                .literal(iri, &format!("{DCTERMS}title"))
                .unwrap_or_default()
                .to_owned(),
            description: graph
                .literal(iri, &format!("{DCTERMS}description"))
                .unwrap_or_default()
                .to_owned(),
            bodies,
            owners: owners.iter().map(|o| graph.label(o)).collect(),
            topics: graph
                .iris(iri, &format!("{DCTERMS}subject"))
                .map(|t| graph.label(t))
                .collect(),
            references,
            neighbours,
        });
    }
    for s in graph.out.keys() {
        if graph.literal(s, &format!("{IDM}uncertain")) != Some("true")
            || !graph.has_type(s, "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement")
        {
            continue;
        }
        let (Some(a), Some(p), Some(b)) = (
            graph.iris(s, RDF_SUBJECT).next(),
            graph.iris(s, RDF_PREDICATE).next(),
            graph.iris(s, RDF_OBJECT).next(),
        ) else {
            continue;
        };
        input.uncertain_links.push(KnownLink {
            a: id(a),
            b: id(b),
            relation: local_name(p).to_owned(),
        });
    }
    input
        .uncertain_links
        .sort_by(|x, y| (&x.a, &x.b, &x.relation).cmp(&(&y.a, &y.b, &y.relation)));
    let mut groups: BTreeMap<String, StudyGroup> = BTreeMap::new();
    for s in graph
        .out
        .keys()
        .filter(|s| graph.has_type(s, &format!("{IDM}StudyGroup")))
    {
        let label = study_group_label(&graph, s);
        groups.insert(
            label.clone(),
            StudyGroup {
                label,
                title: graph
                    .literal(s, &format!("{DCTERMS}title"))
                    .unwrap_or_default()
                    .to_owned(),
                topics: graph
                    .iris(s, &format!("{DCTERMS}subject"))
                    .map(|t| graph.label(t))
                    .collect(),
            },
        );
    }
    let mut questions: BTreeMap<String, Question> = BTreeMap::new();
    for s in graph
        .out
        .keys()
        .filter(|s| graph.has_type(s, &format!("{IDM}Question")))
    {
        let Some(sg) = graph
            .owners(s)
            .into_iter()
            .find(|o| graph.has_type(o, &format!("{IDM}StudyGroup")))
        else {
            continue;
        };
        questions.insert(
            s.clone(),
            Question {
                label: question_label(&graph, s),
                study_group: study_group_label(&graph, &sg),
                title: graph
                    .literal(s, &format!("{DCTERMS}title"))
                    .unwrap_or_default()
                    .to_owned(),
                scope: graph
                    .literal(s, &format!("{DCTERMS}description"))
                    .unwrap_or_default()
                    .to_owned(),
                topics: graph
                    .iris(s, &format!("{DCTERMS}subject"))
                    .map(|t| graph.label(t))
                    .collect(),
            },
        );
    }
    input.allocation.study_groups = groups.into_values().collect();
    input.allocation.questions = questions.into_values().collect();
    input
        .known
        .sort_by(|x, y| (&x.a, &x.b, &x.relation).cmp(&(&y.a, &y.b, &y.relation)));
    input
}

/// Whether a link between two entities makes them graph neighbours (owners and references have
/// signals of their own).
fn is_neighbour_link(p: &str) -> bool {
    let owner = p
        .strip_prefix(IDM)
        .is_some_and(|local| OWNER_LINKS.contains(&local));
    !owner && p != RDF_TYPE && p != format!("{DCTERMS}references")
}

/// A study group's short label: its `dcterms:identifier` ("SG17"), else its label without "ITU-T ".
fn study_group_label(graph: &Graph, s: &str) -> String {
    graph
        .literal(s, &format!("{DCTERMS}identifier"))
        .map_or_else(
            || graph.label(s).trim_start_matches("ITU-T ").to_owned(),
            str::to_owned,
        )
}

/// A Question's short label ("Q10/17") from its `dcterms:identifier`, else its label: the union
/// of graphs can give a Question two labels ("Q10/17" in the landscape, "ITU-T Q10/17" in the
/// seed), and the first found is not always the short one.
fn question_label(graph: &Graph, s: &str) -> String {
    let label = graph.label(s);
    let text = graph
        .literal(s, &format!("{DCTERMS}identifier"))
        .unwrap_or(&label);
    short_label(text).trim_start_matches("ITU-T ").to_owned()
}

/// The organisations of `iri`: up each branch of developers, the first standards body.
fn bodies_from_branches(graph: &Graph, iri: &str, is_sdo: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut bodies = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut frontier: Vec<String> = graph
        .iris(iri, &format!("{IDM}developedBy"))
        .map(str::to_owned)
        .collect();
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for body in frontier {
            if body == iri || !seen.insert(body.clone()) {
                continue;
            }
            if is_sdo(&body) {
                bodies.push(graph.label(&body));
                continue;
            }
            for p in [
                format!("{IDM}developedBy"),
                ORG_SUB_ORGANIZATION_OF.to_owned(),
            ] {
                next.extend(graph.iris(&body, &p).map(str::to_owned));
            }
        }
        frontier = next;
    }
    bodies.sort();
    bodies.dedup();
    bodies
}
