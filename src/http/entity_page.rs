//! The entity page: a [`Description`] laid out for reading.
//!
//! Label and types first, then the key facts (title, identifier, owner, status, dates), the
//! known equivalences and detected overlaps, the neighbourhood picture, and every other fact,
//! outgoing then incoming, grouped by property under the property's label. Each value says
//! where it comes from: the graphs stating it, what those graphs were derived from, and for
//! landscape links the note and sources of the link's record. Groups longer than
//! [`PAGE_SIZE`] are paged (`?dir=out|in&prop=IRI&page=N`), with the counts shown.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::response::Response;
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{NamedNode, NamedNodeRef, Term};
use serde::Serialize;

use super::AppError;
use super::browse::{EntityFormat, FORMAT_NAMES, format_named};
use super::web::{Link, encode, href, render as render_template};
use crate::describe::outline::{
    Group, Outline, OutlineCache, OutlineError, link_sources, overlap_descriptions,
};
use crate::describe::{Description, Fact};
use crate::labels::{compact_iri, local_name, terms};
use crate::search::Snapshot;
use crate::store::GraphStore;
use crate::vocab::{ID_BASE, graph, idm};

/// Values shown per group and page.
pub const PAGE_SIZE: usize = 20;

/// Most overlap records read for one page.
const MAX_OVERLAPS: usize = 100;

/// Properties shown first, in this order, as the key facts.
const KEY_PROPERTIES: &[&str] = &[
    terms::DCTERMS_TITLE.as_str(),
    terms::DCTERMS_IDENTIFIER.as_str(),
    idm::DEVELOPED_BY.as_str(),
    idm::OWNER_NOTE.as_str(),
    idm::STATUS.as_str(),
    idm::ACTIVITY_STATUS.as_str(),
    idm::STATUS_NOTE.as_str(),
    terms::DCTERMS_ISSUED.as_str(),
    terms::DCTERMS_DATE.as_str(),
    terms::DCTERMS_CREATED.as_str(),
    terms::DCTERMS_MODIFIED.as_str(),
    idm::DORMANT_SINCE.as_str(),
    idm::LAST_MEETING_YEAR.as_str(),
    idm::TERMINATED_ON.as_str(),
];

/// Properties that record that two documents are the same text or one is based on the other.
const EQUIVALENCE_PROPERTIES: &[&str] = &[
    idm::COMMON_TEXT.as_str(),
    idm::BASED_ON.as_str(),
    idm::TRANSPOSED_AS.as_str(),
    idm::TRANSPOSITION_OF.as_str(),
    idm::ALIGNED_WITH.as_str(),
    idm::CONSISTENT_WITH.as_str(),
    terms::OWL_SAME_AS.as_str(),
    terms::SKOS_EXACT_MATCH.as_str(),
    terms::SKOS_CLOSE_MATCH.as_str(),
];

/// Incoming links that only tie a link's provenance record to the entity: shown as provenance.
const RECORD_LINKS: &[&str] = &[
    rdf::SUBJECT.as_str(),
    rdf::PREDICATE.as_str(),
    rdf::OBJECT.as_str(),
];

pub use crate::describe::outline::Direction;

/// The query string of a resource URL.
#[derive(Debug, Clone, Default)]
pub struct PageParams {
    /// `iri`: the resource, for `/resource`.
    pub iri: Option<String>,
    /// `format`: overrides `Accept`.
    pub format: Option<EntityFormat>,
    /// `prop` and `dir`: show only this group.
    pub focus: Option<(Direction, String)>,
    /// `page`: the page of the group shown, from 1.
    pub page: usize,
}

impl PageParams {
    /// Reads the query string; other parameters are ignored (links carry tracking tags).
    pub fn parse(raw: Option<&str>) -> Result<Self, AppError> {
        let mut params = Self {
            page: 1,
            ..Self::default()
        };
        let mut prop = None;
        let mut direction = Direction::Out;
        for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            match name.as_ref() {
                "iri" => params.iri = Some(value.into_owned()),
                "format" => params.format = Some(format_named(&value)?),
                "prop" => prop = Some(value.into_owned()),
                "dir" => {
                    direction = match value.as_ref() {
                        "out" => Direction::Out,
                        "in" => Direction::In,
                        other => {
                            return Err(AppError::BadRequest(format!(
                                "dir must be out or in, not {other:?}"
                            )));
                        }
                    }
                }
                "page" => {
                    params.page = value.parse().ok().filter(|p| *p >= 1).ok_or_else(|| {
                        AppError::BadRequest(format!("page must be a number from 1, not {value:?}"))
                    })?
                }
                _ => {}
            }
        }
        params.focus = prop.map(|p| (direction, p));
        Ok(params)
    }
}

/// What one page shows, read from the store: the [`Outline`] of the entity, the facts on
/// the page (whole sections, and one page of each list) with the provenance records of their
/// links, the overlap records linked to the entity, and what each graph was derived from.
#[derive(Debug)]
pub struct PageData {
    outline: Arc<Outline>,
    /// The facts shown, with their link records; not the whole description.
    shown: Description,
    overlaps: Vec<Description>,
    graph_sources: HashMap<String, Vec<String>>,
}

/// Where a group goes on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// `rdf:type`: the header.
    Types,
    /// A key fact, shown whole.
    Key,
    /// A known equivalence, shown whole.
    Equivalence,
    /// A paged list of values.
    Listed,
    /// Not listed: links from provenance records, shown with the links they record.
    Hidden,
}

fn role(group: &Group) -> Role {
    let property = group.property.as_str();
    // Sections that show their values whole only take short lists: a longer one is paged
    // among the other lists, so that nothing is cut.
    let short = group.count() <= PAGE_SIZE;
    match group.direction {
        Direction::Out if group.property.as_ref() == rdf::TYPE => Role::Types,
        Direction::Out if short && KEY_PROPERTIES.contains(&property) => Role::Key,
        Direction::In if RECORD_LINKS.contains(&property) => Role::Hidden,
        _ if short && EQUIVALENCE_PROPERTIES.contains(&property) => Role::Equivalence,
        _ => Role::Listed,
    }
}

/// Reads what the page of `subject` shows with `params`; `None` when the graph says nothing
/// about it. Hubs cost no more than other entities: only the shown values are read, and their
/// outlines are kept in `outlines`.
pub fn read_page(
    store: &GraphStore,
    outlines: &OutlineCache,
    subject: NamedNodeRef<'_>,
    params: &PageParams,
) -> Result<Option<PageData>, OutlineError> {
    let outline = outlines.get(store, subject)?;
    if outline.is_empty() {
        return Ok(None);
    }
    let mut shown = Description {
        subject: subject.into_owned(),
        outgoing: Vec::new(),
        incoming: Vec::new(),
        link_sources: BTreeMap::new(),
    };
    for group in &outline.groups {
        let role = role(group);
        let focused = params.focus.as_ref().is_some_and(|(direction, property)| {
            *direction == group.direction && property == group.property.as_str()
        });
        let facts = match (role, params.focus.is_some()) {
            (Role::Types, _) | (Role::Key | Role::Equivalence, false) => {
                outline.whole(store, group)?
            }
            (Role::Hidden, _) => continue,
            (Role::Listed, false) if group.count() > 0 => {
                outline.page(store, group, 0, PAGE_SIZE)?
            }
            (_, true) if focused => {
                let start = (params.page - 1).saturating_mul(PAGE_SIZE);
                if start >= group.count() {
                    continue;
                }
                outline.page(store, group, start, PAGE_SIZE)?
            }
            _ => continue,
        };
        for fact in &facts {
            let Term::NamedNode(other) = &fact.value else {
                continue;
            };
            if role == Role::Types {
                continue;
            }
            let (s, o) = match group.direction {
                Direction::Out => (subject, other.as_ref()),
                Direction::In => (other.as_ref(), subject),
            };
            let records = link_sources(store, s, fact.property.as_ref(), o)?;
            if !records.is_empty() {
                let key = (
                    s.as_str().to_owned(),
                    fact.property.as_str().to_owned(),
                    o.as_str().to_owned(),
                );
                shown.link_sources.insert(key, records);
            }
        }
        match group.direction {
            Direction::Out => shown.outgoing.extend(facts),
            Direction::In => shown.incoming.extend(facts),
        }
    }
    let overlaps = if params.focus.is_none() {
        overlap_descriptions(store, &outline, MAX_OVERLAPS)?
    } else {
        Vec::new()
    };
    let mut graphs: Vec<&NamedNode> = Vec::new();
    for fact in shown.outgoing.iter().chain(&shown.incoming) {
        for graph in fact.graphs.iter().flatten() {
            if !graphs.contains(&graph) {
                graphs.push(graph);
            }
        }
    }
    let mut graph_sources = HashMap::new();
    for graph in graphs {
        let mut sources = Vec::new();
        for quad in store.oxigraph().quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(terms::PROV_WAS_DERIVED_FROM),
            None,
            None,
        ) {
            if let Term::NamedNode(source) = quad?.object
                && !sources.contains(&source.as_str().to_owned())
            {
                sources.push(source.as_str().to_owned());
            }
        }
        graph_sources.insert(graph.as_str().to_owned(), sources);
    }
    Ok(Some(PageData {
        outline,
        shown,
        overlaps,
        graph_sources,
    }))
}

#[derive(Debug, Serialize)]
struct ProvenanceView {
    graph: Link,
    graph_sources: Vec<Link>,
}

#[derive(Debug, Serialize)]
struct RecordView {
    label: String,
    href: String,
    note: Option<String>,
    sources: Vec<String>,
    source_notes: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ValueView {
    text: String,
    iri: Option<String>,
    href: Option<String>,
    external: bool,
    type_label: Option<String>,
    lang: Option<String>,
    datatype: Option<String>,
    long: bool,
    provenance: Vec<ProvenanceView>,
    records: Vec<RecordView>,
}

#[derive(Debug, Serialize)]
struct GroupView {
    id: String,
    direction: Direction,
    property: Link,
    label: String,
    count: usize,
    page: usize,
    pages: usize,
    first: usize,
    last: usize,
    prev_href: Option<String>,
    next_href: Option<String>,
    values: Vec<ValueView>,
}

#[derive(Debug, Serialize)]
struct EquivalenceView {
    direction: Direction,
    label: String,
    value: ValueView,
}

#[derive(Debug, Serialize)]
struct OverlapFactView {
    label: String,
    values: Vec<ValueView>,
}

#[derive(Debug, Serialize)]
struct OverlapView {
    node: Link,
    partners: Vec<Link>,
    facts: Vec<OverlapFactView>,
}

#[derive(Debug, Serialize)]
struct FormatLink {
    label: &'static str,
    href: String,
    media_type: &'static str,
}

/// Lays out the page.
struct Layout<'a> {
    snapshot: &'a Snapshot,
    page: &'a PageData,
    self_href: String,
}

impl Layout<'_> {
    fn value(&self, fact: &Fact, direction: Direction) -> ValueView {
        let catalog = &self.snapshot.catalog;
        let mut view = ValueView {
            text: String::new(),
            iri: None,
            href: None,
            external: false,
            type_label: None,
            lang: None,
            datatype: None,
            long: false,
            provenance: Vec::new(),
            records: Vec::new(),
        };
        match &fact.value {
            Term::NamedNode(node) => {
                let iri = node.as_str();
                view.iri = Some(iri.to_owned());
                if catalog.is_described(iri) || iri.starts_with(ID_BASE) {
                    view.text = catalog.label(iri);
                    view.href = Some(href(iri));
                    view.type_label = catalog.type_label(iri);
                } else {
                    view.text = iri.to_owned();
                    if iri.starts_with("http://") || iri.starts_with("https://") {
                        view.href = Some(iri.to_owned());
                        view.external = true;
                    }
                }
            }
            Term::BlankNode(node) => view.text = format!("_:{}", node.as_str()),
            Term::Literal(literal) => {
                view.text = literal.value().to_owned();
                view.long = view.text.chars().count() > 160;
                view.lang = literal.language().map(str::to_owned);
                let datatype = literal.datatype();
                if view.lang.is_none() && datatype != xsd::STRING {
                    view.datatype = Some(
                        compact_iri(datatype.as_str())
                            .unwrap_or_else(|| datatype.as_str().to_owned()),
                    );
                }
            }
            other => view.text = other.to_string(),
        }
        for graph in &fact.graphs {
            let (label, link_href, iri) = match graph {
                Some(g) => (
                    graph_label(self.snapshot, g.as_str()),
                    href(g.as_str()),
                    g.as_str().to_owned(),
                ),
                None => (
                    "default".to_owned(),
                    "/store?default".to_owned(),
                    String::new(),
                ),
            };
            let graph_sources = graph
                .as_ref()
                .and_then(|g| self.page.graph_sources.get(g.as_str()))
                .into_iter()
                .flatten()
                .map(|s| Link::to(self.snapshot, s))
                .collect();
            view.provenance.push(ProvenanceView {
                graph: Link {
                    label,
                    href: link_href,
                    iri,
                },
                graph_sources,
            });
        }
        let subject = self.page.shown.subject.as_str();
        if let Term::NamedNode(other) = &fact.value {
            let (s, o) = match direction {
                Direction::Out => (subject, other.as_str()),
                Direction::In => (other.as_str(), subject),
            };
            for record in self.page.shown.sources_of(s, fact.property.as_str(), o) {
                view.records.push(RecordView {
                    label: catalog.label(&record.statement),
                    href: href(&record.statement),
                    note: record.note.clone(),
                    sources: record.sources.clone(),
                    source_notes: record.source_notes.clone(),
                });
            }
        }
        view
    }

    fn property_label(&self, property: &str, direction: Direction) -> String {
        if direction == Direction::In && property == rdf::TYPE.as_str() {
            return "instances".to_owned();
        }
        self.snapshot.catalog.label(property)
    }

    /// The paged lists of one direction, labelled, in label order; the focused one alone, at
    /// its page, when there is a focus.
    fn groups(&self, direction: Direction, focus: Option<(&str, usize)>) -> Vec<GroupView> {
        let mut groups: Vec<(String, &Group)> = self
            .page
            .outline
            .groups
            .iter()
            .filter(|g| g.direction == direction && g.count() > 0)
            .filter(|g| match role(g) {
                Role::Listed => true,
                // Shown whole in their sections; a page of their own when asked for.
                Role::Key | Role::Equivalence => focus.is_some(),
                Role::Types | Role::Hidden => false,
            })
            .map(|g| (self.property_label(g.property.as_str(), direction), g))
            .collect();
        groups.sort_by(|a, b| {
            a.0.to_lowercase()
                .cmp(&b.0.to_lowercase())
                .then(a.1.property.as_str().cmp(b.1.property.as_str()))
        });
        groups
            .into_iter()
            .enumerate()
            .filter(|(_, (_, group))| focus.is_none_or(|(p, _)| p == group.property.as_str()))
            .map(|(i, (label, group))| {
                let page = focus.map_or(1, |(_, page)| page);
                self.group_view(i, label, group, page)
            })
            .collect()
    }

    /// A group at `page`, with the values read for it.
    fn group_view(&self, i: usize, label: String, group: &Group, page: usize) -> GroupView {
        let direction = group.direction;
        let property = group.property.as_str();
        let prefix = match direction {
            Direction::Out => "out",
            Direction::In => "in",
        };
        let facts = match direction {
            Direction::Out => &self.page.shown.outgoing,
            Direction::In => &self.page.shown.incoming,
        };
        let shown: Vec<ValueView> = facts
            .iter()
            .filter(|f| f.property.as_str() == property)
            .map(|f| self.value(f, direction))
            .collect();
        let count = group.count();
        let pages = count.div_ceil(PAGE_SIZE).max(1);
        let start = (page - 1) * PAGE_SIZE;
        let page_href = |n: usize| {
            let separator = if self.self_href.contains('?') {
                '&'
            } else {
                '?'
            };
            format!(
                "{}{separator}dir={prefix}&prop={}&page={n}",
                self.self_href,
                encode(property)
            )
        };
        GroupView {
            id: format!("{prefix}-{}", i + 1),
            direction,
            property: Link::to(self.snapshot, property),
            label,
            count,
            page,
            pages,
            first: (start + 1).min(count),
            last: (start + shown.len()).min(count),
            prev_href: (page > 1).then(|| page_href(page - 1)),
            next_href: (page < pages).then(|| page_href(page + 1)),
            values: shown,
        }
    }
}

/// A short name for a graph: the last segment of the service's own graphs, else its label.
fn graph_label(snapshot: &Snapshot, iri: &str) -> String {
    if graph::ALL.iter().any(|g| g.as_str() == iri) {
        return local_name(iri).to_owned();
    }
    snapshot.catalog.label(iri)
}

/// Renders the entity page from what [`read_page`] read.
pub fn render(
    snapshot: &Snapshot,
    page: &PageData,
    params: &PageParams,
) -> Result<Response, AppError> {
    let description = &page.shown;
    let outline = &page.outline;
    let subject = description.subject.as_str();
    let self_href = href(subject);
    let layout = Layout {
        snapshot,
        page,
        self_href: self_href.clone(),
    };
    let catalog = &snapshot.catalog;
    let role_of =
        |direction: Direction, property: &str| outline.group(direction, property).map(role);

    let mut types: Vec<Link> = Vec::new();
    for fact in &description.outgoing {
        if let (true, Term::NamedNode(class)) = (fact.property.as_ref() == rdf::TYPE, &fact.value) {
            types.push(Link::to(snapshot, class.as_str()));
        }
    }
    // Asserted types first, as the catalog orders them.
    let order = catalog
        .get(subject)
        .map(|r| r.types.clone())
        .unwrap_or_default();
    types.sort_by_key(|t| order.iter().position(|o| *o == t.iri).unwrap_or(usize::MAX));

    let key_facts: Vec<GroupView> = KEY_PROPERTIES
        .iter()
        .filter_map(|property| {
            let group = outline.group(Direction::Out, property)?;
            if role(group) != Role::Key || group.count() == 0 {
                return None;
            }
            let label = layout.property_label(property, Direction::Out);
            // Key facts are few (a longer list is paged with the others): all of them.
            Some(layout.group_view(0, label, group, 1))
        })
        .collect();

    let mut equivalences: Vec<EquivalenceView> = Vec::new();
    for (direction, facts) in [
        (Direction::Out, &description.outgoing),
        (Direction::In, &description.incoming),
    ] {
        for fact in facts
            .iter()
            .filter(|f| role_of(direction, f.property.as_str()) == Some(Role::Equivalence))
        {
            let label = layout.property_label(fact.property.as_str(), direction);
            let value = layout.value(fact, direction);
            // A symmetric link is also inferred the other way round: once is enough.
            let duplicate = equivalences
                .iter()
                .any(|e| e.label == label && e.value.iri == value.iri);
            if !duplicate {
                equivalences.push(EquivalenceView {
                    direction,
                    label,
                    value,
                });
            }
        }
    }

    let overlaps: Vec<OverlapView> = page
        .overlaps
        .iter()
        .map(|overlap| {
            let node = overlap.subject.as_str();
            let mut partners = Vec::new();
            let mut facts: BTreeMap<String, Vec<ValueView>> = BTreeMap::new();
            for fact in &overlap.outgoing {
                // The finding itself: its score and reasons, not when and by which run.
                let property = fact.property.as_str();
                if fact.property.as_ref() == rdf::TYPE
                    || property == rdfs::LABEL.as_str()
                    || property.starts_with("http://www.w3.org/ns/prov#")
                {
                    continue;
                }
                match &fact.value {
                    Term::NamedNode(other) if fact.property.as_ref() == idm::OVERLAP_OF => {
                        if other.as_str() != subject {
                            partners.push(Link::to(snapshot, other.as_str()));
                        }
                    }
                    _ => facts
                        .entry(catalog.label(fact.property.as_str()))
                        .or_default()
                        .push(layout.value(fact, Direction::Out)),
                }
            }
            OverlapView {
                node: Link::to(snapshot, node),
                partners,
                facts: facts
                    .into_iter()
                    .map(|(label, values)| OverlapFactView { label, values })
                    .collect(),
            }
        })
        .collect();

    let focus = params.focus.as_ref();
    let focus_on = |direction: Direction| match focus {
        Some((d, property)) if *d == direction => Some((property.as_str(), params.page)),
        Some(_) => Some(("", params.page)),
        None => None,
    };
    let outgoing_groups = layout.groups(Direction::Out, focus_on(Direction::Out));
    let incoming_groups = layout.groups(Direction::In, focus_on(Direction::In));
    if let Some((_, property)) = focus {
        let Some(group) = outgoing_groups.iter().chain(&incoming_groups).next() else {
            return Err(AppError::NotFound(format!(
                "<{subject}> has no list of <{property}> in that direction"
            )));
        };
        if params.page > group.pages {
            return Err(AppError::NotFound(format!(
                "page {} of a list of {} pages",
                params.page, group.pages
            )));
        }
    }
    // From the values read: one page of each list.
    let picture = description
        .outgoing
        .iter()
        .chain(&description.incoming)
        .any(|f| {
            f.property.as_ref() != rdf::TYPE
                && !RECORD_LINKS.contains(&f.property.as_str())
                && matches!(&f.value, Term::NamedNode(n) if catalog.is_described(n.as_str()))
        });
    let separator = if self_href.contains('?') { '&' } else { '?' };
    let formats: Vec<FormatLink> = FORMAT_NAMES
        .iter()
        .filter(|(_, _, format)| *format != EntityFormat::Html)
        .map(|&(name, label, format)| FormatLink {
            label,
            href: format!("{self_href}{separator}format={name}"),
            media_type: format.media_type(),
        })
        .collect();
    render_template(
        "entity.html",
        minijinja::context! {
            iri => subject,
            label => catalog.label(subject),
            self_href => self_href,
            types => types,
            formats => formats,
            outgoing_count => outline.total(Direction::Out),
            incoming_count => outline.total(Direction::In),
            key_facts => key_facts,
            equivalences => equivalences,
            overlaps => overlaps,
            overlaps_total => outline.overlap_nodes.len(),
            picture => picture,
            focus => focus.is_some(),
            outgoing => outgoing_groups,
            incoming => incoming_groups,
        },
    )
}
