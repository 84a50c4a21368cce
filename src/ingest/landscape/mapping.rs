//! The rows of the landscape CSV as quads: one entity per entities row, one direct triple and
//! one `rdf:Statement` per relations row (`docs/landscape-mapping.md` is the reference).

use std::collections::{HashMap, HashSet};

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

use super::fields::{self, Source};
use super::owners::{Body, OwnerIndex};
use super::{
    CLASS_REFINEMENTS, CsvText, ENTITIES_HEADER, ImportError, ImportReport, Kind, Landscape,
    OwnerIssue, RELATIONS_HEADER, Row, TYPES, UncertainValue, entity_iri,
};
use crate::vocab::{ID_BASE, TOPIC_SCHEME, graph, idm};

// Columns of the entities file.
pub(super) const ID: usize = 0;
pub(super) const TYPE: usize = 1;
pub(super) const LABEL: usize = 2;
pub(super) const TITLE: usize = 3;
pub(super) const OWNER: usize = 4;
pub(super) const STATUS: usize = 5;
pub(super) const TOPICS: usize = 6;
pub(super) const SOURCES: usize = 7;

// Columns of the relations file.
const SUBJECT: usize = 0;
const RELATION: usize = 1;
const OBJECT: usize = 2;
const NOTE: usize = 3;
const LINK_SOURCES: usize = 4;

/// Terms of FOAF, ORG, SKOS, DCTERMS, PROV and OWL-Time the mapping writes.
pub(super) mod ns {
    use oxigraph::model::NamedNodeRef;

    const fn iri(iri: &'static str) -> NamedNodeRef<'static> {
        NamedNodeRef::new_unchecked(iri)
    }

    pub const FOAF_DOCUMENT: NamedNodeRef<'static> = iri("http://xmlns.com/foaf/0.1/Document");
    pub const FOAF_PERSON: NamedNodeRef<'static> = iri("http://xmlns.com/foaf/0.1/Person");
    pub const FOAF_NAME: NamedNodeRef<'static> = iri("http://xmlns.com/foaf/0.1/name");
    pub const ORG_MEMBERSHIP: NamedNodeRef<'static> = iri("http://www.w3.org/ns/org#Membership");
    pub const ORG_MEMBER: NamedNodeRef<'static> = iri("http://www.w3.org/ns/org#member");
    pub const ORG_ORGANIZATION: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/org#organization");
    pub const ORG_ROLE: NamedNodeRef<'static> = iri("http://www.w3.org/ns/org#role");
    pub const ORG_MEMBER_DURING: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/org#memberDuring");
    pub const ORG_SUB_ORGANIZATION_OF: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/org#subOrganizationOf");
    pub const SKOS_CONCEPT: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#Concept");
    pub const SKOS_CONCEPT_SCHEME: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#ConceptScheme");
    pub const SKOS_PREF_LABEL: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#prefLabel");
    pub const SKOS_IN_SCHEME: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#inScheme");
    pub const DCTERMS_IDENTIFIER: NamedNodeRef<'static> =
        iri("http://purl.org/dc/terms/identifier");
    pub const DCTERMS_TITLE: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/title");
    pub const DCTERMS_ISSUED: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/issued");
    pub const DCTERMS_DATE: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/date");
    pub const DCTERMS_SUBJECT: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/subject");
    pub const DCTERMS_REFERENCES: NamedNodeRef<'static> =
        iri("http://purl.org/dc/terms/references");
    pub const DCTERMS_DESCRIPTION: NamedNodeRef<'static> =
        iri("http://purl.org/dc/terms/description");
    pub const PROV_ENTITY: NamedNodeRef<'static> = iri("http://www.w3.org/ns/prov#Entity");
    pub const PROV_WAS_DERIVED_FROM: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/prov#wasDerivedFrom");
    pub const TIME_PROPER_INTERVAL: NamedNodeRef<'static> =
        iri("http://www.w3.org/2006/time#ProperInterval");
    pub const TIME_INSTANT: NamedNodeRef<'static> = iri("http://www.w3.org/2006/time#Instant");
    pub const TIME_HAS_BEGINNING: NamedNodeRef<'static> =
        iri("http://www.w3.org/2006/time#hasBeginning");
    pub const TIME_HAS_END: NamedNodeRef<'static> = iri("http://www.w3.org/2006/time#hasEnd");
    pub const TIME_IN_XSD_G_YEAR: NamedNodeRef<'static> =
        iri("http://www.w3.org/2006/time#inXSDgYear");
}

/// `relation` → property.
pub const RELATIONS: &[(&str, NamedNodeRef<'static>)] = &[
    ("developedBy", idm::DEVELOPED_BY),
    ("references", ns::DCTERMS_REFERENCES),
    ("liaisonWith", idm::LIAISON_WITH),
    ("alignedWith", idm::ALIGNED_WITH),
    ("basedOn", idm::BASED_ON),
    ("commonText", idm::COMMON_TEXT),
    ("supersedes", idm::SUPERSEDES),
    ("transposedAs", idm::TRANSPOSED_AS),
    ("leadStudyGroupFor", idm::LEAD_STUDY_GROUP_FOR),
];

/// An entities row, checked.
struct Entity<'r> {
    row: &'r Row,
    kind: Kind,
    class: NamedNodeRef<'static>,
    iri: NamedNode,
}

impl Entity<'_> {
    fn id(&self) -> &str {
        self.row.get(ID)
    }
}

/// Maps checked rows to quads.
pub(super) fn map(
    entities: CsvText<'_>,
    entity_rows: &[Row],
    relations: Option<(CsvText<'_>, &[Row])>,
) -> Result<Landscape, ImportError> {
    let checked = check_entities(entities.name, entity_rows)?;
    let by_id: HashMap<&str, &Entity<'_>> = checked.iter().map(|e| (e.id(), e)).collect();
    let index = OwnerIndex::new(
        checked
            .iter()
            .filter(|e| e.kind.is_body() || e.kind == Kind::Conference)
            .map(|e| Body {
                id: e.id(),
                label: e.row.get(LABEL),
                title: (e.kind != Kind::Question).then(|| e.row.get(TITLE)),
            }),
    );
    let mut out = Mapper::default();
    out.graph_header();
    for entity in &checked {
        out.entity(entities.name, entity, &index, &by_id)?;
    }
    out.report.entities = checked.len();
    if let Some((file, rows)) = relations {
        for row in rows {
            out.relation(file.name, row, entities.name, &by_id)?;
        }
        out.report.relations = rows.len();
    }
    out.report.topics = out.topics.len();
    out.report.people = out.people.len();
    out.report.quads = out.quads.len();
    Ok(Landscape {
        quads: out.quads,
        report: out.report,
    })
}

fn row_error(
    file: &str,
    row: &Row,
    column: usize,
    header: &[&'static str],
    message: String,
) -> ImportError {
    ImportError::Row {
        file: file.to_owned(),
        line: row.line,
        column: column + 1,
        name: header[column],
        message,
    }
}

fn check_entities<'r>(file: &str, rows: &'r [Row]) -> Result<Vec<Entity<'r>>, ImportError> {
    let error = |row: &Row, column: usize, message: String| {
        row_error(file, row, column, ENTITIES_HEADER, message)
    };
    let mut first_line: HashMap<&str, u64> = HashMap::new();
    let mut checked = Vec::with_capacity(rows.len());
    for row in rows {
        let id = row.get(ID);
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(error(
                row,
                ID,
                format!("the id {id:?} must be non-empty and made of A-Z a-z 0-9 . _ -"),
            ));
        }
        if let Some(line) = first_line.insert(id, row.line) {
            return Err(error(
                row,
                ID,
                format!("the id {id:?} is already used on line {line}"),
            ));
        }
        let type_name = row.get(TYPE);
        let Some(&(_, kind, segment, class)) = TYPES.iter().find(|(name, ..)| *name == type_name)
        else {
            let known: Vec<&str> = TYPES.iter().map(|(name, ..)| *name).collect();
            return Err(error(
                row,
                TYPE,
                format!("unknown type {type_name:?} (known: {})", known.join(", ")),
            ));
        };
        if row.get(LABEL).is_empty() {
            return Err(error(row, LABEL, "every row needs a label".to_owned()));
        }
        let class = CLASS_REFINEMENTS
            .iter()
            .find(|(k, column, words, _)| {
                *k == kind && row.get(*column).to_lowercase().contains(words)
            })
            .map_or(class, |(.., refined)| *refined);
        if kind == Kind::PersonRole {
            fields::role_label(row.get(LABEL)).map_err(|message| error(row, LABEL, message))?;
        }
        checked.push(Entity {
            row,
            kind,
            class,
            iri: entity_iri(segment, id),
        });
    }
    Ok(checked)
}

/// The quads made so far, without duplicates, and what the report will say.
#[derive(Default)]
struct Mapper {
    quads: Vec<Quad>,
    seen: HashSet<Quad>,
    topics: HashSet<String>,
    people: HashSet<String>,
    report: ImportReport,
}

impl Mapper {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        let quad = Quad::new(
            subject.clone(),
            predicate,
            object,
            GraphName::NamedNode(graph::LANDSCAPE.into_owned()),
        );
        if self.seen.insert(quad.clone()) {
            self.quads.push(quad);
        }
    }

    fn text(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, value: &str) {
        if !value.is_empty() {
            self.add(subject, predicate, Literal::new_simple_literal(value));
        }
    }

    fn graph_header(&mut self) {
        let landscape = graph::LANDSCAPE.into_owned();
        self.add(&landscape, rdf::TYPE, ns::PROV_ENTITY);
        self.text(&landscape, rdfs::LABEL, "Landscape graph");
        self.text(
            &landscape,
            ns::DCTERMS_DESCRIPTION,
            "IdM standards, bodies, people and the links between them, imported from the curated landscape CSV (entities.csv, relations.csv); see docs/landscape-mapping.md.",
        );
        let scheme = TOPIC_SCHEME.into_owned();
        self.add(&scheme, rdf::TYPE, ns::SKOS_CONCEPT_SCHEME);
        self.text(&scheme, rdfs::LABEL, "IdM topics");
    }

    fn entity(
        &mut self,
        file: &str,
        entity: &Entity<'_>,
        index: &OwnerIndex,
        by_id: &HashMap<&str, &Entity<'_>>,
    ) -> Result<(), ImportError> {
        let (row, iri) = (entity.row, &entity.iri);
        let label = row.get(LABEL);
        self.add(iri, rdf::TYPE, entity.class);
        self.text(iri, idm::CSV_ID, entity.id());
        self.text(iri, rdfs::LABEL, label);
        let identifier = match entity.kind {
            // "SG17", as the seed and the study-group shape write it.
            Kind::StudyGroup => label.strip_prefix("ITU-T ").unwrap_or(label),
            _ => label,
        };
        self.text(iri, ns::DCTERMS_IDENTIFIER, identifier);
        self.text(iri, ns::DCTERMS_TITLE, row.get(TITLE));
        self.text(iri, idm::OWNER_NOTE, row.get(OWNER));
        self.status(entity);
        self.topics(file, entity)?;
        self.sources(iri, row.get(SOURCES));
        for column in [ID, TYPE, LABEL, TITLE, OWNER, STATUS, TOPICS, SOURCES] {
            self.uncertain(iri, entity.id(), ENTITIES_HEADER[column], row.get(column));
        }
        let owners = index.resolve(row.get(OWNER));
        for owner in &owners {
            if owner.bodies.is_empty() {
                self.report.unresolved_owners.push(OwnerIssue {
                    item: entity.id().to_owned(),
                    owner: owner.text.clone(),
                    resolved_to: None,
                });
            } else if owner.unresolved_part.is_some() {
                self.report.partly_resolved_owners.push(OwnerIssue {
                    item: entity.id().to_owned(),
                    owner: owner.text.clone(),
                    resolved_to: Some(owner.bodies.join(", ")),
                });
            }
        }
        if entity.kind == Kind::PersonRole {
            return self.membership(file, entity, index, by_id, &owners);
        }
        for owner in &owners {
            for body in owner.bodies.iter().filter_map(|id| by_id.get(id.as_str())) {
                if body.id() == entity.id() {
                    continue;
                }
                self.add(iri, idm::DEVELOPED_BY, body.iri.clone());
                if body.kind == Kind::Question && entity.kind.is_standard() {
                    self.add(&body.iri, idm::RESPONSIBLE_FOR, iri.clone());
                }
                if entity.kind.is_body() && body.kind.is_body() {
                    self.add(iri, ns::ORG_SUB_ORGANIZATION_OF, body.iri.clone());
                }
            }
            for parent in owner
                .reports_to
                .iter()
                .filter_map(|id| by_id.get(id.as_str()))
            {
                self.add(iri, idm::REPORTS_TO, parent.iri.clone());
            }
        }
        Ok(())
    }

    fn status(&mut self, entity: &Entity<'_>) {
        let (iri, text) = (&entity.iri, entity.row.get(STATUS));
        self.text(iri, idm::STATUS_NOTE, text);
        if entity.kind.is_document() {
            let status = fields::publication_status(text);
            if let Some(status) = status {
                self.add(iri, idm::STATUS, status);
            }
            let year = fields::years(text).first().copied();
            if let Some(year) = year.filter(|_| entity.class != idm::WORK_ITEM) {
                // A draft has a date but is not issued.
                let property = if status == Some(idm::DRAFT) {
                    ns::DCTERMS_DATE
                } else {
                    ns::DCTERMS_ISSUED
                };
                self.add(
                    iri,
                    property,
                    Literal::new_typed_literal(year.to_string(), xsd::G_YEAR),
                );
            }
        } else if entity.kind.is_body()
            && let Some(status) = fields::activity_status(text)
        {
            self.add(iri, idm::ACTIVITY_STATUS, status);
        }
    }

    fn topics(&mut self, file: &str, entity: &Entity<'_>) -> Result<(), ImportError> {
        for topic in entity
            .row
            .get(TOPICS)
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            let slug = fields::slug(topic);
            if slug.is_empty() {
                let message = format!("the topic {topic:?} has no letter or digit to name it by");
                return Err(row_error(
                    file,
                    entity.row,
                    TOPICS,
                    ENTITIES_HEADER,
                    message,
                ));
            }
            let concept = NamedNode::new_unchecked(format!("{ID_BASE}topic/{slug}"));
            if self.topics.insert(slug) {
                self.add(&concept, rdf::TYPE, ns::SKOS_CONCEPT);
                self.text(&concept, ns::SKOS_PREF_LABEL, topic);
                self.add(&concept, ns::SKOS_IN_SCHEME, TOPIC_SCHEME);
            }
            self.add(&entity.iri, ns::DCTERMS_SUBJECT, concept);
        }
        Ok(())
    }

    fn sources(&mut self, subject: &NamedNode, text: &str) {
        for source in fields::sources(text) {
            match source {
                Source::Url { iri, note } => {
                    self.add(subject, ns::PROV_WAS_DERIVED_FROM, iri);
                    if let Some(note) = note {
                        self.text(subject, idm::SOURCE_NOTE, &note);
                    }
                }
                Source::Note(note) => self.text(subject, idm::SOURCE_NOTE, &note),
            }
        }
    }

    fn uncertain(&mut self, subject: &NamedNode, item: &str, column: &'static str, value: &str) {
        if value.contains("UNCERTAIN") {
            self.add(subject, idm::UNCERTAIN, Literal::from(true));
            self.text(
                subject,
                idm::UNCERTAINTY_NOTE,
                &format!("{column}: {value}"),
            );
            self.report.uncertain.push(UncertainValue {
                item: item.to_owned(),
                column,
                value: value.to_owned(),
            });
        }
    }

    fn membership(
        &mut self,
        file: &str,
        entity: &Entity<'_>,
        index: &OwnerIndex,
        by_id: &HashMap<&str, &Entity<'_>>,
        owners: &[super::owners::Owner],
    ) -> Result<(), ImportError> {
        let (row, iri) = (entity.row, &entity.iri);
        let role = fields::role_label(row.get(LABEL))
            .map_err(|message| row_error(file, row, LABEL, ENTITIES_HEADER, message))?;
        let slug = fields::slug(&role.name);
        if slug.is_empty() {
            let message = format!(
                "the name {:?} has no letter or digit to name the person by",
                role.name
            );
            return Err(row_error(file, row, LABEL, ENTITIES_HEADER, message));
        }
        let person = NamedNode::new_unchecked(format!("{ID_BASE}person/{slug}"));
        self.add(&person, rdf::TYPE, ns::FOAF_PERSON);
        self.text(&person, rdfs::LABEL, &role.name);
        self.text(&person, ns::FOAF_NAME, &role.name);
        self.people.insert(slug);
        self.add(iri, ns::ORG_MEMBER, person);
        self.add(iri, ns::ORG_ROLE, role.role);
        // The body the label names ("Q10/17 Co-Rapporteur"), read within the owner; else the
        // owner itself.
        let named = std::iter::once("")
            .chain(owners.iter().map(|o| o.text.as_str()))
            .find_map(|context| index.resolve_under(context, &role.body));
        let organization = named
            .into_iter()
            .flatten()
            .chain(owners.iter().flat_map(|o| o.bodies.iter().cloned()))
            .find_map(|id| by_id.get(id.as_str()).map(|body| body.iri.clone()));
        if let Some(organization) = organization {
            self.add(iri, ns::ORG_ORGANIZATION, organization);
        }
        if let Some((from, to)) = role.years {
            let period = NamedNode::new_unchecked(format!("{ID_BASE}period/{from}-{to}"));
            self.add(iri, ns::ORG_MEMBER_DURING, period.clone());
            self.add(&period, rdf::TYPE, ns::TIME_PROPER_INTERVAL);
            self.text(&period, rdfs::LABEL, &format!("{from}-{to}"));
            for (edge, year) in [(ns::TIME_HAS_BEGINNING, from), (ns::TIME_HAS_END, to)] {
                let instant = NamedNode::new_unchecked(format!("{ID_BASE}period/{year}"));
                self.add(&period, edge, instant.clone());
                self.add(&instant, rdf::TYPE, ns::TIME_INSTANT);
                self.text(&instant, rdfs::LABEL, &year.to_string());
                self.add(
                    &instant,
                    ns::TIME_IN_XSD_G_YEAR,
                    Literal::new_typed_literal(year.to_string(), xsd::G_YEAR),
                );
            }
        }
        Ok(())
    }

    fn relation(
        &mut self,
        file: &str,
        row: &Row,
        entities_file: &str,
        by_id: &HashMap<&str, &Entity<'_>>,
    ) -> Result<(), ImportError> {
        let error = |column: usize, message: String| {
            row_error(file, row, column, RELATIONS_HEADER, message)
        };
        let endpoint = |column: usize| {
            let id = row.get(column);
            by_id.get(id).copied().ok_or_else(|| {
                error(
                    column,
                    format!("unknown id {id:?}: no row of {entities_file} has it"),
                )
            })
        };
        let subject = endpoint(SUBJECT)?;
        let name = row.get(RELATION);
        let Some(&(_, property)) = RELATIONS.iter().find(|(known, _)| *known == name) else {
            let known: Vec<&str> = RELATIONS.iter().map(|(known, _)| *known).collect();
            return Err(error(
                RELATION,
                format!("unknown relation {name:?} (known: {})", known.join(", ")),
            ));
        };
        let object = endpoint(OBJECT)?;
        self.add(&subject.iri, property, object.iri.clone());
        if property == idm::DEVELOPED_BY
            && object.kind == Kind::Question
            && subject.kind.is_standard()
        {
            self.add(&object.iri, idm::RESPONSIBLE_FOR, subject.iri.clone());
        }
        let item = format!("{}--{name}--{}", subject.id(), object.id());
        let link = NamedNode::new_unchecked(format!("{ID_BASE}link/{item}"));
        self.add(&link, rdf::TYPE, rdf::STATEMENT);
        let label = format!(
            "{} {name} {}",
            subject.row.get(LABEL),
            object.row.get(LABEL)
        );
        self.text(&link, rdfs::LABEL, &label);
        self.add(&link, rdf::SUBJECT, subject.iri.clone());
        self.add(&link, rdf::PREDICATE, property);
        self.add(&link, rdf::OBJECT, object.iri.clone());
        self.text(&link, ns::DCTERMS_DESCRIPTION, row.get(NOTE));
        self.sources(&link, row.get(LINK_SOURCES));
        for column in [SUBJECT, RELATION, OBJECT, NOTE, LINK_SOURCES] {
            self.uncertain(&link, &item, RELATIONS_HEADER[column], row.get(column));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use oxigraph::model::{NamedOrBlankNode, TermRef};

    use super::super::{CsvText, Landscape, parse};
    use super::*;

    const HEADER: &str = "id,type,label,title,publisher/owner,year/status,topics,source_url\n";

    /// Bodies that the rows below name as owners.
    const BODIES: &str = "\
itu,SDO,ITU,International Telecommunication Union,ITU,UN specialized agency,telecommunications,https://www.itu.int/
itu-t,SDO,ITU-T,ITU Telecommunication Standardization Sector,ITU,sector,standardization,https://www.itu.int/t
tsag,StudyGroup,TSAG,Telecommunication Standardization Advisory Group,ITU-T,approves A-series,working methods,https://www.itu.int/tsag
sg17,StudyGroup,ITU-T SG17,ITU-T Study Group 17 (Security),ITU-T,lead SG,security;identity management,https://www.itu.int/sg17
q10-17,Question,Q10/17,Identity management and telebiometrics architecture and mechanisms,ITU-T SG17,2022-2024,identity management,https://www.itu.int/q10
jca-cop,JCA,JCA-COP,Joint Coordination Activity on Child Online Protection,ITU-T (reports to SG17),\"established April 2012; dormant (SG17 Sep 2023)\",child online protection,https://www.itu.int/jca
w3c,SDO,W3C,World Wide Web Consortium,W3C,,web standards,https://www.w3.org/
w3c-did-wg,WorkingGroup,W3C DID WG,Decentralized Identifier Working Group,W3C,,DID,https://www.w3.org/did
wtsa-20,Conference,WTSA-20,World Telecommunication Standardization Assembly 2020,ITU-T,held 2022,study group mandates,https://www.itu.int/wtsa
";

    fn landscape(rows: &str) -> Result<Landscape, ImportError> {
        let text = format!("{HEADER}{BODIES}{rows}");
        parse(
            CsvText {
                name: "entities.csv",
                text: &text,
            },
            None,
        )
    }

    fn iri(path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{ID_BASE}{path}"))
    }

    fn has<'a>(
        landscape: &Landscape,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        object: impl Into<TermRef<'a>>,
    ) -> bool {
        let object = object.into();
        landscape.quads().iter().any(|q| {
            q.subject == NamedOrBlankNode::NamedNode(subject.clone())
                && q.predicate.as_ref() == predicate
                && q.object.as_ref() == object
        })
    }

    fn values(
        landscape: &Landscape,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
    ) -> Vec<String> {
        landscape
            .quads()
            .iter()
            .filter(|q| {
                q.subject == NamedOrBlankNode::NamedNode(subject.clone())
                    && q.predicate.as_ref() == predicate
            })
            .map(|q| match &q.object {
                Term::Literal(l) => l.value().to_owned(),
                other => other.to_string(),
            })
            .collect()
    }

    #[test]
    fn each_type_maps_to_its_iri_and_class() -> Result<(), ImportError> {
        let rows = "\
r1,Recommendation,ITU-T X.1,T,ITU-T SG17,,,
s1,InternationalStandard,ISO/IEC 1:2020,T,ISO,,,
p1,Specification,Spec 1,T,W3C (DID WG),,,
d1,Document,ITU-T X Suppl. 7,T,ITU-T SG17,,,
d2,Document,X.1254rev work item,T,ITU-T SG17 Q10/17,,,
d3,Document,JCA-IdM Terms of Reference,T,ITU-T SG17,,,
d4,Document,ICT Security Standards Roadmap Part 6,T,ITU-T SG17,,,
res1,Resolution,WTSA-20 Resolution 2,T,ITU-T,,,
sdo1,SDO,Forum,T,,,,
wg1,WorkingGroup,Group,T,W3C,,,
";
        let landscape = landscape(rows)?;
        let cases: &[(&str, NamedNodeRef<'_>)] = &[
            ("rec/r1", idm::RECOMMENDATION),
            ("std/s1", idm::INTERNATIONAL_STANDARD),
            ("spec/p1", idm::SPECIFICATION),
            ("doc/d1", idm::SUPPLEMENT),
            ("doc/d2", idm::WORK_ITEM),
            ("doc/d3", idm::TERMS_OF_REFERENCE),
            ("doc/d4", ns::FOAF_DOCUMENT),
            ("res/res1", idm::RESOLUTION),
            ("sdo/sdo1", idm::SDO),
            ("wg/wg1", idm::WORKING_GROUP),
            ("sg/sg17", idm::STUDY_GROUP),
            ("sg/tsag", idm::ADVISORY_GROUP),
            ("question/q10-17", idm::QUESTION),
            ("jca/jca-cop", idm::JOINT_COORDINATION_ACTIVITY),
            ("conf/wtsa-20", idm::CONFERENCE),
        ];
        for (path, class) in cases {
            assert!(
                has(&landscape, &iri(path), rdf::TYPE, *class),
                "{path} a {class}"
            );
            let id = path.rsplit('/').next().unwrap_or_default();
            assert_eq!(
                values(&landscape, &iri(path), idm::CSV_ID),
                vec![id.to_owned()],
                "{path}"
            );
        }
        Ok(())
    }

    #[test]
    fn labels_identifiers_titles_and_notes_are_kept() -> Result<(), ImportError> {
        let landscape = landscape(
            "r1,Recommendation,ITU-T X.1252,Baseline terms,ITU-T SG17 (Q10/17),edition 04/2010; published/approved 2010-04-16,,\n",
        )?;
        let rec = iri("rec/r1");
        assert_eq!(values(&landscape, &rec, rdfs::LABEL), vec!["ITU-T X.1252"]);
        assert_eq!(
            values(&landscape, &rec, ns::DCTERMS_IDENTIFIER),
            vec!["ITU-T X.1252"]
        );
        assert_eq!(
            values(&landscape, &rec, ns::DCTERMS_TITLE),
            vec!["Baseline terms"]
        );
        assert_eq!(
            values(&landscape, &rec, idm::OWNER_NOTE),
            vec!["ITU-T SG17 (Q10/17)"]
        );
        assert!(has(&landscape, &rec, idm::STATUS, idm::PUBLISHED));
        assert!(has(
            &landscape,
            &rec,
            ns::DCTERMS_ISSUED,
            &Literal::new_typed_literal("2010", xsd::G_YEAR)
        ));
        assert_eq!(
            values(&landscape, &iri("sg/sg17"), ns::DCTERMS_IDENTIFIER),
            vec!["SG17"]
        );
        Ok(())
    }

    #[test]
    fn owners_give_developed_by_responsible_for_and_the_body_tree() -> Result<(), ImportError> {
        let landscape = landscape(
            "r1,Recommendation,ITU-T X.1,T,ITU-T SG17 (Q10/17),,,\nr2,Recommendation,ITU-T X.2,T,GSC,,,\n",
        )?;
        let (rec, question) = (iri("rec/r1"), iri("question/q10-17"));
        assert!(has(&landscape, &rec, idm::DEVELOPED_BY, &question));
        assert!(has(&landscape, &question, idm::RESPONSIBLE_FOR, &rec));
        assert!(
            !has(&landscape, &rec, idm::DEVELOPED_BY, &iri("sg/sg17")),
            "only the deepest body"
        );
        assert!(has(
            &landscape,
            &question,
            ns::ORG_SUB_ORGANIZATION_OF,
            &iri("sg/sg17")
        ));
        assert!(has(
            &landscape,
            &iri("sg/sg17"),
            ns::ORG_SUB_ORGANIZATION_OF,
            &iri("sdo/itu-t")
        ));
        assert!(
            !has(
                &landscape,
                &iri("sdo/w3c"),
                idm::DEVELOPED_BY,
                &iri("sdo/w3c")
            ),
            "no body owns itself"
        );
        let jca = iri("jca/jca-cop");
        assert!(has(&landscape, &jca, idm::REPORTS_TO, &iri("sg/sg17")));
        assert!(has(&landscape, &jca, idm::ACTIVITY_STATUS, idm::DORMANT));
        let unresolved = &landscape.report().unresolved_owners;
        assert_eq!(unresolved.len(), 1, "{unresolved:?}");
        assert_eq!(
            (unresolved[0].item.as_str(), unresolved[0].owner.as_str()),
            ("r2", "GSC")
        );
        assert_eq!(
            values(&landscape, &iri("rec/r2"), idm::OWNER_NOTE),
            vec!["GSC"]
        );
        Ok(())
    }

    #[test]
    fn topics_are_shared_concepts_with_seed_slugs() -> Result<(), ImportError> {
        let landscape = landscape(
            "r1,Recommendation,ITU-T X.1,T,ITU-T SG17,,identity management; OAuth 2.0 ;,\n",
        )?;
        let topic = iri("topic/identity-management");
        for subject in ["rec/r1", "sg/sg17", "question/q10-17"] {
            assert!(
                has(&landscape, &iri(subject), ns::DCTERMS_SUBJECT, &topic),
                "{subject}"
            );
        }
        assert_eq!(
            values(&landscape, &topic, ns::SKOS_PREF_LABEL),
            vec!["identity management"]
        );
        assert!(has(&landscape, &topic, ns::SKOS_IN_SCHEME, TOPIC_SCHEME));
        assert!(has(
            &landscape,
            &iri("topic/oauth-2-0"),
            rdf::TYPE,
            ns::SKOS_CONCEPT
        ));
        let concepts = landscape
            .quads()
            .iter()
            .filter(|q| {
                q.predicate.as_ref() == rdf::TYPE && q.object.as_ref() == ns::SKOS_CONCEPT.into()
            })
            .count();
        assert_eq!(concepts, landscape.report().topics);
        Ok(())
    }

    #[test]
    fn uncertain_values_are_flagged_and_kept() -> Result<(), ImportError> {
        let row = "r1,Recommendation,ITU-T X.1,T,ITU-T SG17 (UNCERTAIN Question),edition 2020; version not verified - UNCERTAIN,,\n";
        let landscape = landscape(row)?;
        let rec = iri("rec/r1");
        assert!(has(&landscape, &rec, idm::UNCERTAIN, &Literal::from(true)));
        let mut notes = values(&landscape, &rec, idm::UNCERTAINTY_NOTE);
        notes.sort();
        assert_eq!(
            notes,
            vec![
                "publisher/owner: ITU-T SG17 (UNCERTAIN Question)",
                "year/status: edition 2020; version not verified - UNCERTAIN"
            ]
        );
        assert!(
            has(&landscape, &rec, idm::DEVELOPED_BY, &iri("sg/sg17")),
            "the value stays in use"
        );
        assert_eq!(landscape.report().uncertain.len(), 2);
        Ok(())
    }

    #[test]
    fn sources_become_derivations_and_notes() -> Result<(), ImportError> {
        let row = "r1,Recommendation,ITU-T X.1,T,ITU-T SG17,,,https://a.example/x ; https://b.example/y (via github:o/r@1 f.yaml) ; github:o/r (spec test)\n";
        let landscape = landscape(row)?;
        let rec = iri("rec/r1");
        assert!(has(
            &landscape,
            &rec,
            ns::PROV_WAS_DERIVED_FROM,
            &NamedNode::new_unchecked("https://a.example/x")
        ));
        assert!(has(
            &landscape,
            &rec,
            ns::PROV_WAS_DERIVED_FROM,
            &NamedNode::new_unchecked("https://b.example/y")
        ));
        let mut notes = values(&landscape, &rec, idm::SOURCE_NOTE);
        notes.sort();
        assert_eq!(
            notes,
            vec![
                "github:o/r (spec test)",
                "https://b.example/y (via github:o/r@1 f.yaml)"
            ]
        );
        Ok(())
    }

    #[test]
    fn a_person_role_is_a_person_and_a_membership() -> Result<(), ImportError> {
        let rows = "\
role-a,Person-role,SG17 Chairman (2022-2024): Heung Youl Youm,Chairman of ITU-T Study Group 17,ITU-T SG17,quoted 2024,leadership,https://e.example/
role-b,Person-role,Q10/17 Co-Rapporteur: Abbie Barbir,Co-Rapporteur,ITU-T SG17,2024-2025,IdM leadership,https://e.example/
";
        let landscape = landscape(rows)?;
        let (chair, person) = (iri("role/role-a"), iri("person/heung-youl-youm"));
        assert!(has(&landscape, &chair, rdf::TYPE, ns::ORG_MEMBERSHIP));
        assert!(has(&landscape, &chair, ns::ORG_MEMBER, &person));
        assert!(has(
            &landscape,
            &chair,
            ns::ORG_ORGANIZATION,
            &iri("sg/sg17")
        ));
        assert!(has(&landscape, &chair, ns::ORG_ROLE, idm::CHAIR));
        assert!(!has(&landscape, &chair, idm::DEVELOPED_BY, &iri("sg/sg17")));
        assert_eq!(
            values(&landscape, &person, ns::FOAF_NAME),
            vec!["Heung Youl Youm"]
        );
        let period = iri("period/2022-2024");
        assert!(has(&landscape, &chair, ns::ORG_MEMBER_DURING, &period));
        assert!(has(
            &landscape,
            &period,
            ns::TIME_HAS_BEGINNING,
            &iri("period/2022")
        ));
        assert!(has(
            &landscape,
            &iri("period/2024"),
            ns::TIME_IN_XSD_G_YEAR,
            &Literal::new_typed_literal("2024", xsd::G_YEAR)
        ));
        let rapporteur = iri("role/role-b");
        assert!(has(
            &landscape,
            &rapporteur,
            ns::ORG_ORGANIZATION,
            &iri("question/q10-17")
        ));
        assert!(has(
            &landscape,
            &rapporteur,
            ns::ORG_ROLE,
            idm::CO_RAPPORTEUR
        ));
        assert!(has(
            &landscape,
            &rapporteur,
            ns::ORG_MEMBER,
            &iri("person/abbie-barbir")
        ));
        assert_eq!(landscape.report().people, 2);
        Ok(())
    }

    #[test]
    fn relations_are_direct_triples_with_a_statement_node() -> Result<(), ImportError> {
        let entities = format!(
            "{HEADER}{BODIES}r1,Recommendation,ITU-T X.1,T,ITU-T SG17,,,\nr2,Recommendation,ITU-T X.2,T,ITU-T SG17,,,\n"
        );
        let relations = "subject_id,relation,object_id,note,source_url\n\
r1,basedOn,r2,\"built on X.2; version UNCERTAIN\",https://e.example/a ; https://e.example/b\n\
r1,developedBy,q10-17,roadmap,https://e.example/c\n\
r1,references,r2,cites,\n";
        let landscape = parse(
            CsvText {
                name: "entities.csv",
                text: &entities,
            },
            Some(CsvText {
                name: "relations.csv",
                text: relations,
            }),
        )?;
        let (r1, r2) = (iri("rec/r1"), iri("rec/r2"));
        assert!(has(&landscape, &r1, idm::BASED_ON, &r2));
        assert!(has(&landscape, &r1, ns::DCTERMS_REFERENCES, &r2));
        assert!(has(
            &landscape,
            &iri("question/q10-17"),
            idm::RESPONSIBLE_FOR,
            &r1
        ));
        let link = iri("link/r1--basedOn--r2");
        assert!(has(&landscape, &link, rdf::TYPE, rdf::STATEMENT));
        assert!(has(&landscape, &link, rdf::SUBJECT, &r1));
        assert!(has(&landscape, &link, rdf::PREDICATE, idm::BASED_ON));
        assert!(has(&landscape, &link, rdf::OBJECT, &r2));
        assert_eq!(
            values(&landscape, &link, ns::DCTERMS_DESCRIPTION),
            vec!["built on X.2; version UNCERTAIN"]
        );
        assert_eq!(
            values(&landscape, &link, ns::PROV_WAS_DERIVED_FROM).len(),
            2
        );
        assert!(has(&landscape, &link, idm::UNCERTAIN, &Literal::from(true)));
        assert_eq!(landscape.report().relations, 3);
        Ok(())
    }

    #[test]
    fn every_node_has_a_label_and_none_is_blank() -> Result<(), ImportError> {
        let landscape = landscape(
            "role-a,Person-role,SG17 Chair (2025-2028): Arnaud Taddei,Chair,ITU-T SG17,,leadership,\n",
        )?;
        let subjects: HashSet<&NamedOrBlankNode> =
            landscape.quads().iter().map(|q| &q.subject).collect();
        for subject in subjects {
            assert!(
                matches!(subject, NamedOrBlankNode::NamedNode(_)),
                "blank node {subject}"
            );
            let labelled = landscape.quads().iter().any(|q| {
                &q.subject == subject
                    && (q.predicate.as_ref() == rdfs::LABEL
                        || q.predicate.as_ref() == ns::SKOS_PREF_LABEL)
            });
            assert!(labelled, "{subject} has no label");
        }
        assert!(
            landscape
                .quads()
                .iter()
                .all(|q| !matches!(q.object, Term::BlankNode(_)))
        );
        Ok(())
    }
}
