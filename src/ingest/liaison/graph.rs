//! The quads of an ingested document: the document node, the entities its mentions stand for
//! (matched in the store, or created with what their names imply), a `dcterms:references` link
//! to each, and one W3C Web Annotation per mention whose target selects the characters of the
//! mention in the text (`oa:TextPositionSelector`, `oa:TextQuoteSelector`), derived from the
//! document (`prov:wasDerivedFrom`): the provenance of every link. No blank nodes and no
//! timestamps, so the same text gives the same quads.

use std::collections::{HashMap, HashSet};

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

use super::header::{self, Header};
use super::kinds::{self, Kind};
use super::known::Known;
use super::{DocumentIds, Link, Links, ns};
use crate::ingest::extract::{ClauseRef, Extraction, Mention, Value};
use crate::vocab::{ID_BASE, idm};

/// What ingesting a text writes, and what it found.
pub(super) struct Plan {
    /// Every quad of the document's graph, in a readable order.
    pub(super) quads: Vec<Quad>,
    pub(super) header: Header,
    pub(super) class: NamedNodeRef<'static>,
    pub(super) label: String,
    pub(super) senders: Vec<NamedNode>,
    pub(super) recipients: Vec<NamedNode>,
    pub(super) links: Links,
}

/// Works out the quads of `text`, whose mentions are `extraction`, against `known`.
pub(super) fn plan(known: &Known, text: &str, extraction: &Extraction, ids: &DocumentIds) -> Plan {
    let header = header::read(text, extraction);
    let mut resolver = Resolver::new(known, &ids.graph);
    let mentions = &extraction.mentions;
    let mut bodies: Vec<Option<NamedNode>> = vec![None; mentions.len()];
    // Clauses last: "clause 5.1 of Recommendation ITU-T A.1" starts before the mention of
    // ITU-T A.1 it contains, which should be reported as mentioned, not implied.
    for (i, m) in mentions.iter().enumerate() {
        bodies[i] = match &m.value {
            Value::Name(v) => resolver.entity(kinds::of_mention(m.category, v), v, None),
            Value::Person(p) => resolver.entity(Kind::Person, &p.name, None),
            Value::Clause(_) => continue,
        };
    }
    for (i, m) in mentions.iter().enumerate() {
        if let Value::Clause(c) = &m.value {
            bodies[i] = resolver.clause(c, None);
        }
    }
    let pick = |indexes: &[usize]| -> Vec<NamedNode> {
        let mut out: Vec<NamedNode> = Vec::new();
        for iri in indexes.iter().filter_map(|&i| bodies[i].clone()) {
            if !out.contains(&iri) {
                out.push(iri);
            }
        }
        out
    };
    let (senders, recipients) = (pick(&header.senders), pick(&header.recipients));
    let class = if header.is_liaison {
        idm::LIAISON_STATEMENT
    } else {
        ns::FOAF_DOCUMENT
    };
    let label = label(&header, extraction, ids);

    let mut out = Quads::new(&ids.graph);
    let (document, graph) = (&ids.document, &ids.graph);
    out.push(graph, rdf::TYPE, ns::PROV_ENTITY);
    out.push(
        graph,
        rdfs::LABEL,
        text_literal(&format!("Ingested: {label}")),
    );
    out.push(graph, ns::PROV_WAS_DERIVED_FROM, document.as_ref());
    out.push(graph, ns::PROV_HAD_PRIMARY_SOURCE, document.as_ref());

    out.push(document, rdf::TYPE, class);
    out.push(document, rdfs::LABEL, text_literal(&label));
    if let Some(title) = &header.title {
        out.push(document, ns::DCTERMS_TITLE, text_literal(title));
    }
    if let Some(date) = &header.date {
        out.push(
            document,
            ns::DCTERMS_DATE,
            Literal::new_typed_literal(date, xsd::DATE),
        );
    }
    let hash = format!("sha256:{}", ids.hash);
    out.push(document, ns::DCTERMS_IDENTIFIER, text_literal(&hash));
    for sender in &senders {
        out.push(document, idm::SENDER, sender.as_ref());
    }
    for recipient in &recipients {
        out.push(document, idm::RECIPIENT, recipient.as_ref());
    }
    if let Some(action) = &header.requested_action {
        out.push(document, idm::REQUESTED_ACTION, text_literal(action));
    }
    for body in bodies.iter().flatten() {
        out.push(document, ns::DCTERMS_REFERENCES, body.as_ref());
    }
    for quad in std::mem::take(&mut resolver.out.quads) {
        out.insert(quad);
    }
    for (i, (mention, body)) in mentions.iter().zip(&bodies).enumerate() {
        annotate(&mut out, ids, i + 1, mention, body.as_ref());
    }
    Plan {
        quads: out.quads,
        header,
        class,
        label,
        senders,
        recipients,
        links: resolver.links,
    }
}

/// The title, or "Liaison statement 0e7048ae1806 to TSAG".
fn label(header: &Header, extraction: &Extraction, ids: &DocumentIds) -> String {
    if let Some(title) = &header.title {
        return title.clone();
    }
    let name = |i: &usize| match &extraction.mentions[*i].value {
        Value::Name(v) => v.clone(),
        _ => String::new(),
    };
    let kind = if header.is_liaison {
        "Liaison statement"
    } else {
        "Document"
    };
    let mut label = format!("{kind} {}", &ids.hash[..12]);
    if let Some(sender) = header.senders.first() {
        label.push_str(&format!(" from {}", name(sender)));
    }
    if let Some(recipient) = header.recipients.first() {
        label.push_str(&format!(" to {}", name(recipient)));
    }
    label
}

/// One Web Annotation: the mention identifies `body` in the characters `start..end` of the
/// document.
fn annotate(
    out: &mut Quads,
    ids: &DocumentIds,
    ordinal: usize,
    mention: &Mention,
    body: Option<&NamedNode>,
) {
    let annotation =
        NamedNode::new_unchecked(format!("{ID_BASE}mention/{}-{ordinal}", &ids.hash[..16]));
    let part = |name: &str| NamedNode::new_unchecked(format!("{}#{name}", annotation.as_str()));
    let (target, position, quote) = (part("target"), part("position"), part("quote"));
    let value = match &mention.value {
        Value::Name(v) => v.clone(),
        Value::Person(p) => p.name.clone(),
        Value::Clause(c) => clause_label(c),
    };
    out.push(&annotation, rdf::TYPE, ns::OA_ANNOTATION);
    out.push(
        &annotation,
        rdfs::LABEL,
        text_literal(&format!("mention of {value} ({})", mention.category)),
    );
    out.push(&annotation, ns::OA_MOTIVATED_BY, ns::OA_IDENTIFYING);
    if let Some(body) = body {
        out.push(&annotation, ns::OA_HAS_BODY, body.as_ref());
    }
    out.push(&annotation, ns::OA_HAS_TARGET, target.as_ref());
    out.push(
        &annotation,
        ns::PROV_WAS_DERIVED_FROM,
        ids.document.as_ref(),
    );
    if let Value::Person(person) = &mention.value
        && let Some(role) = &person.role
    {
        out.push(&annotation, idm::STATED_ROLE, text_literal(role));
    }
    out.push(&target, rdf::TYPE, ns::OA_SPECIFIC_RESOURCE);
    out.push(&target, ns::OA_HAS_SOURCE, ids.document.as_ref());
    out.push(&target, ns::OA_HAS_SELECTOR, position.as_ref());
    out.push(&target, ns::OA_HAS_SELECTOR, quote.as_ref());
    // xsd:integer, not the xsd:nonNegativeInteger of the Web Annotation context: Oxigraph
    // stores derived integer types as xsd:integer, and a value that reads back with another
    // datatype would make a second ingest of the same text rewrite every offset.
    let offset = |n: usize| Literal::new_typed_literal(n.to_string(), xsd::INTEGER);
    out.push(&position, rdf::TYPE, ns::OA_TEXT_POSITION_SELECTOR);
    out.push(&position, ns::OA_START, offset(mention.start));
    out.push(&position, ns::OA_END, offset(mention.end));
    out.push(&quote, rdf::TYPE, ns::OA_TEXT_QUOTE_SELECTOR);
    out.push(&quote, ns::OA_EXACT, text_literal(&mention.text));
}

/// "ITU-T A.1, clause 5.1", "ITU-T X.1252, Annex B", as the seed graph labels clauses.
fn clause_label(c: &ClauseRef) -> String {
    if c.clause.starts_with(|ch: char| ch.is_ascii_digit()) || annex_of(&c.clause).is_some() {
        format!("{}, clause {}", c.document, c.clause)
    } else {
        format!("{}, {}", c.document, c.clause)
    }
}

/// "B" of clause "B.1": a clause of an annex.
fn annex_of(clause: &str) -> Option<char> {
    let mut chars = clause.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let dot = chars.next() == Some('.');
    (dot && chars.next().is_some_and(|c| c.is_ascii_digit())).then_some(letter)
}

fn text_literal(value: &str) -> Literal {
    Literal::new_simple_literal(value)
}

/// Quads of one graph, without duplicates, in the order written.
struct Quads {
    graph: GraphName,
    quads: Vec<Quad>,
    seen: HashSet<Quad>,
}

impl Quads {
    fn new(graph: &NamedNode) -> Self {
        Self {
            graph: GraphName::NamedNode(graph.clone()),
            quads: Vec::new(),
            seen: HashSet::new(),
        }
    }

    fn push(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        let quad = Quad::new(subject.clone(), predicate, object, self.graph.clone());
        self.insert(quad);
    }

    fn insert(&mut self, quad: Quad) {
        if self.seen.insert(quad.clone()) {
            self.quads.push(quad);
        }
    }
}

/// Finds or creates the entity of each mention, once per value.
struct Resolver<'k> {
    known: &'k Known,
    out: Quads,
    done: HashMap<(Kind, String), Option<NamedNode>>,
    links: Links,
}

impl<'k> Resolver<'k> {
    fn new(known: &'k Known, graph: &NamedNode) -> Self {
        Self {
            known,
            out: Quads::new(graph),
            done: HashMap::new(),
            links: Links::default(),
        }
    }

    fn link(kind: Kind, value: &str, iri: Option<&NamedNode>, implied_by: Option<&str>) -> Link {
        Link {
            kind: kind.name().to_owned(),
            value: value.to_owned(),
            iri: iri.map(|i| i.as_str().to_owned()),
            implied_by: implied_by.map(str::to_owned),
        }
    }

    /// The entity of `kind` named `value`: the store's, else a new one (with the entities its
    /// name implies), else none (reported unresolved).
    fn entity(&mut self, kind: Kind, value: &str, implied_by: Option<&str>) -> Option<NamedNode> {
        let key = (kind, value.to_owned());
        if let Some(done) = self.done.get(&key) {
            if implied_by.is_none() {
                // Implied by an earlier name, and mentioned too: the report says mentioned.
                let links = self.links.matched.iter_mut().chain(&mut self.links.created);
                for link in links.filter(|l| l.kind == kind.name() && l.value == value) {
                    link.implied_by = None;
                }
            }
            return done.clone();
        }
        let existing = self.known.find(kind.group(), value).or_else(|| {
            let iri = kind.iri(value);
            self.known.has(&iri).then_some(iri)
        });
        let found = if let Some(iri) = existing {
            self.links
                .matched
                .push(Self::link(kind, value, Some(&iri), implied_by));
            Some(iri)
        } else if kind.can_create(value) {
            let iri = kind.iri(value);
            self.done.insert(key.clone(), Some(iri.clone()));
            self.create(kind, value, &iri);
            self.links
                .created
                .push(Self::link(kind, value, Some(&iri), implied_by));
            Some(iri)
        } else {
            self.links
                .unresolved
                .push(Self::link(kind, value, None, implied_by));
            None
        };
        self.done.insert(key, found.clone());
        found
    }

    fn create(&mut self, kind: Kind, value: &str, iri: &NamedNode) {
        let parents: Vec<(NamedNodeRef<'static>, NamedNode)> = kind
            .parents(value)
            .into_iter()
            .filter_map(|(parent, property, name)| {
                self.entity(parent, &name, Some(value))
                    .map(|p| (property, p))
            })
            .collect();
        self.out.push(iri, rdf::TYPE, kind.class());
        self.out.push(iri, rdfs::LABEL, text_literal(value));
        if let Some(identifier) = kind.identifier(value) {
            self.out
                .push(iri, ns::DCTERMS_IDENTIFIER, text_literal(&identifier));
        }
        if kind == Kind::Person {
            self.out.push(iri, ns::FOAF_NAME, text_literal(value));
        }
        for (property, parent) in parents {
            self.out.push(iri, property, parent.as_ref());
        }
    }

    /// The clause `c`: the store's clause of that document with that identifier, else a new
    /// one, part of its annex ("B.1" of "Annex B") or of the document.
    fn clause(&mut self, c: &ClauseRef, implied_by: Option<&str>) -> Option<NamedNode> {
        let value = clause_label(c);
        let key = (Kind::Clause, value.clone());
        if let Some(done) = self.done.get(&key) {
            return done.clone();
        }
        let kind = if c.document.starts_with("ITU-T ") {
            kinds::document(&c.document)
        } else {
            Kind::Standard
        };
        let document = self.entity(kind, &c.document, Some(&value))?;
        let local = document.as_str().rsplit('/').next().unwrap_or_default();
        let slug = format!("{local}-{}", kinds::slug(&c.clause));
        let iri = kinds::entity_iri("clause", &slug);
        let existing = self
            .known
            .clause(&document, &c.clause)
            .or_else(|| self.known.has(&iri).then(|| iri.clone()));
        if let Some(existing) = existing {
            let link = Self::link(Kind::Clause, &value, Some(&existing), implied_by);
            self.links.matched.push(link);
            self.done.insert(key, Some(existing.clone()));
            return Some(existing);
        }
        self.done.insert(key, Some(iri.clone()));
        let parent = match annex_of(&c.clause) {
            Some(letter) => {
                let annex = ClauseRef {
                    document: c.document.clone(),
                    clause: format!("Annex {letter}"),
                };
                self.clause(&annex, Some(&value))
                    .unwrap_or_else(|| document.clone())
            }
            None => document,
        };
        self.out.push(&iri, rdf::TYPE, idm::CLAUSE);
        self.out.push(&iri, rdfs::LABEL, text_literal(&value));
        self.out
            .push(&iri, ns::DCTERMS_IDENTIFIER, text_literal(&c.clause));
        self.out.push(&iri, ns::DCTERMS_IS_PART_OF, parent.as_ref());
        let link = Self::link(Kind::Clause, &value, Some(&iri), implied_by);
        self.links.created.push(link);
        Some(iri)
    }
}
