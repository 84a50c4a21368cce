//! Human names for the IRIs of the graph: a [`Catalog`] of every labelled resource (entities,
//! ontology classes and properties) read from the store in one pass, with fallbacks for the
//! terms reused from other vocabularies, and the prefixes the service writes IRIs with.
//!
//! The web pages ([`crate::describe`], [`crate::search`]) read labels from a catalog instead of
//! the store, so that a page with a hundred links costs no hundred store look-ups. A catalog is
//! a snapshot: [`crate::search::SearchIndex`] rebuilds it when the store's version moves.

use std::collections::HashMap;

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphNameRef, NamedNodeRef, Quad, Term};
use oxigraph::store::StorageError;

use crate::store::GraphStore;
use crate::vocab::{ID_BASE, graph, idm};

/// Terms of other vocabularies that the pages treat specially.
pub mod terms {
    use oxigraph::model::NamedNodeRef;

    const fn iri(text: &'static str) -> NamedNodeRef<'static> {
        NamedNodeRef::new_unchecked(text)
    }

    /// `skos:prefLabel`
    pub const SKOS_PREF_LABEL: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#prefLabel");
    /// `skos:altLabel`
    pub const SKOS_ALT_LABEL: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#altLabel");
    /// `skos:notation`
    pub const SKOS_NOTATION: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#notation");
    /// `skos:exactMatch`
    pub const SKOS_EXACT_MATCH: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#exactMatch");
    /// `skos:closeMatch`
    pub const SKOS_CLOSE_MATCH: NamedNodeRef<'static> =
        iri("http://www.w3.org/2004/02/skos/core#closeMatch");
    /// `dcterms:title`
    pub const DCTERMS_TITLE: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/title");
    /// `dcterms:alternative`
    pub const DCTERMS_ALTERNATIVE: NamedNodeRef<'static> =
        iri("http://purl.org/dc/terms/alternative");
    /// `dcterms:identifier`
    pub const DCTERMS_IDENTIFIER: NamedNodeRef<'static> =
        iri("http://purl.org/dc/terms/identifier");
    /// `dcterms:issued`
    pub const DCTERMS_ISSUED: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/issued");
    /// `dcterms:date`
    pub const DCTERMS_DATE: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/date");
    /// `dcterms:created`
    pub const DCTERMS_CREATED: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/created");
    /// `dcterms:modified`
    pub const DCTERMS_MODIFIED: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/modified");
    /// `dcterms:description`
    pub const DCTERMS_DESCRIPTION: NamedNodeRef<'static> =
        iri("http://purl.org/dc/terms/description");
    /// `dcterms:abstract`
    pub const DCTERMS_ABSTRACT: NamedNodeRef<'static> = iri("http://purl.org/dc/terms/abstract");
    /// `foaf:name`
    pub const FOAF_NAME: NamedNodeRef<'static> = iri("http://xmlns.com/foaf/0.1/name");
    /// `owl:sameAs`
    pub const OWL_SAME_AS: NamedNodeRef<'static> = iri("http://www.w3.org/2002/07/owl#sameAs");
    /// `owl:equivalentClass`
    pub const OWL_EQUIVALENT_CLASS: NamedNodeRef<'static> =
        iri("http://www.w3.org/2002/07/owl#equivalentClass");
    /// `org:subOrganizationOf`
    pub const ORG_SUB_ORGANIZATION_OF: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/org#subOrganizationOf");
    /// `prov:wasDerivedFrom`
    pub const PROV_WAS_DERIVED_FROM: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/prov#wasDerivedFrom");
    /// `prov:hadPrimarySource`
    pub const PROV_HAD_PRIMARY_SOURCE: NamedNodeRef<'static> =
        iri("http://www.w3.org/ns/prov#hadPrimarySource");
}

/// Prefixes used to write IRIs short (Turtle output, JSON-LD contexts, compact display).
pub const PREFIXES: &[(&str, &str)] = &[
    ("idm", idm::NAMESPACE),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("time", "http://www.w3.org/2006/time#"),
    ("oa", "http://www.w3.org/ns/oa#"),
    ("vann", "http://purl.org/vocab/vann/"),
];

/// `prefix:local` for an IRI in one of [`PREFIXES`] whose local part is a plain name.
pub fn compact_iri(iri: &str) -> Option<String> {
    PREFIXES.iter().find_map(|(prefix, namespace)| {
        let local = iri.strip_prefix(namespace)?;
        let plain = !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        plain.then(|| format!("{prefix}:{local}"))
    })
}

/// The IRI a `prefix:local` name stands for, when the prefix is one of [`PREFIXES`].
pub fn expand_curie(name: &str) -> Option<String> {
    let (prefix, local) = name.split_once(':')?;
    PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, namespace)| format!("{namespace}{local}"))
}

/// Names of terms of other vocabularies, which the ontology reuses without labelling them.
const FALLBACK_LABELS: &[(&str, &str)] = &[
    ("rdf:type", "type"),
    ("rdf:subject", "statement subject"),
    ("rdf:predicate", "statement predicate"),
    ("rdf:object", "statement object"),
    ("rdf:Statement", "Statement (provenance of a link)"),
    ("rdf:Property", "Property"),
    ("rdfs:label", "label"),
    ("rdfs:comment", "comment"),
    ("rdfs:seeAlso", "see also"),
    ("rdfs:subClassOf", "subclass of"),
    ("rdfs:subPropertyOf", "subproperty of"),
    ("rdfs:domain", "domain"),
    ("rdfs:range", "range"),
    ("rdfs:isDefinedBy", "defined by"),
    ("rdfs:Class", "Class"),
    ("owl:sameAs", "same as"),
    ("owl:inverseOf", "inverse of"),
    ("owl:equivalentClass", "equivalent class"),
    ("owl:Class", "Class"),
    ("owl:ObjectProperty", "Object property"),
    ("owl:DatatypeProperty", "Datatype property"),
    ("owl:SymmetricProperty", "Symmetric property"),
    ("owl:TransitiveProperty", "Transitive property"),
    ("owl:NamedIndividual", "Individual"),
    ("owl:Ontology", "Ontology"),
    ("dcterms:title", "title"),
    ("dcterms:alternative", "alternative title"),
    ("dcterms:identifier", "identifier"),
    ("dcterms:description", "description"),
    ("dcterms:abstract", "abstract"),
    ("dcterms:subject", "subject"),
    ("dcterms:issued", "issued"),
    ("dcterms:date", "date"),
    ("dcterms:created", "created"),
    ("dcterms:modified", "modified"),
    ("dcterms:isPartOf", "part of"),
    ("dcterms:hasPart", "has part"),
    ("dcterms:references", "references"),
    ("dcterms:isReferencedBy", "referenced by"),
    ("dcterms:publisher", "publisher"),
    ("dcterms:source", "source"),
    ("dcterms:license", "license"),
    ("skos:prefLabel", "preferred label"),
    ("skos:altLabel", "alternative label"),
    ("skos:notation", "notation"),
    ("skos:definition", "definition"),
    ("skos:broader", "broader topic"),
    ("skos:narrower", "narrower topic"),
    ("skos:related", "related topic"),
    ("skos:inScheme", "in scheme"),
    ("skos:topConceptOf", "top concept of"),
    ("skos:hasTopConcept", "has top concept"),
    ("skos:exactMatch", "exact match"),
    ("skos:closeMatch", "close match"),
    ("skos:Concept", "Topic"),
    ("skos:ConceptScheme", "Topic scheme"),
    ("foaf:name", "name"),
    ("foaf:title", "title (honorific)"),
    ("foaf:mbox", "mailbox"),
    ("foaf:homepage", "home page"),
    ("foaf:page", "page"),
    ("foaf:Document", "Document"),
    ("foaf:Person", "Person"),
    ("foaf:Organization", "Organisation"),
    ("org:subOrganizationOf", "part of (organisation)"),
    ("org:hasSubOrganization", "has sub-organisation"),
    ("org:unitOf", "unit of"),
    ("org:hasUnit", "has unit"),
    ("org:member", "member"),
    ("org:memberOf", "member of"),
    ("org:hasMember", "has member"),
    ("org:hasMembership", "membership"),
    ("org:organization", "organisation"),
    ("org:role", "role"),
    ("org:memberDuring", "member during"),
    ("org:heldBy", "held by"),
    ("org:holds", "holds"),
    ("org:postIn", "post in"),
    ("org:hasPost", "has post"),
    ("org:identifier", "identifier"),
    ("org:Organization", "Organisation"),
    ("org:FormalOrganization", "Formal organisation"),
    ("org:OrganizationalUnit", "Organisational unit"),
    ("org:Membership", "Membership (role held)"),
    ("org:Post", "Post"),
    ("org:Role", "Role"),
    ("prov:wasDerivedFrom", "derived from"),
    ("prov:hadPrimarySource", "primary source"),
    ("prov:wasRevisionOf", "revision of"),
    ("prov:wasGeneratedBy", "generated by"),
    ("prov:used", "used"),
    ("prov:startedAtTime", "started at"),
    ("prov:endedAtTime", "ended at"),
    ("prov:Entity", "Entity (provenance)"),
    ("prov:Activity", "Activity"),
    ("time:hasBeginning", "beginning"),
    ("time:hasEnd", "end"),
    ("time:inXSDgYear", "year"),
    ("time:Interval", "Time interval"),
    ("time:Instant", "Instant"),
    ("oa:Annotation", "Annotation"),
    ("oa:hasBody", "body"),
    ("oa:hasTarget", "target"),
];

/// What the catalog knows of one resource.
#[derive(Debug, Clone, Default)]
pub struct Resource {
    /// The name to show: preferred label, label, name, identifier, title… (see [`Catalog`]).
    pub label: String,
    /// `dcterms:identifier`, when there is one.
    pub identifier: Option<String>,
    /// `dcterms:title`, when there is one.
    pub title: Option<String>,
    /// Type IRIs: those asserted in a source graph first, then those only inferred.
    pub types: Vec<String>,
    /// Every short name: labels, preferred and alternative labels, identifiers, notations,
    /// the landscape CSV id.
    pub names: Vec<String>,
    /// Every long name: titles, alternative titles, `foaf:name`.
    pub titles: Vec<String>,
}

/// Types of records rather than things: the provenance of a landscape link, an overlap
/// finding and the run that found it. Search and the home page's counts leave them out.
pub const RECORD_TYPES: &[&str] = &[
    rdf::STATEMENT.as_str(),
    idm::OVERLAP.as_str(),
    idm::OVERLAP_DETECTION.as_str(),
];

impl Resource {
    /// Whether this is a record (see [`RECORD_TYPES`]) rather than a thing.
    pub fn is_record(&self) -> bool {
        self.types
            .iter()
            .any(|t| RECORD_TYPES.contains(&t.as_str()))
    }
}

/// Labels and types of every labelled resource of the store, at one version.
#[derive(Debug, Default)]
pub struct Catalog {
    resources: HashMap<String, Resource>,
}

/// Label predicates by preference for the display label, with whether each is a short name.
const LABEL_PREDICATES: &[(NamedNodeRef<'static>, bool)] = &[
    (terms::SKOS_PREF_LABEL, true),
    (rdfs::LABEL, true),
    (terms::FOAF_NAME, false),
    (terms::DCTERMS_IDENTIFIER, true),
    (terms::DCTERMS_TITLE, false),
    (terms::SKOS_NOTATION, true),
    (terms::SKOS_ALT_LABEL, true),
    (terms::DCTERMS_ALTERNATIVE, false),
    (idm::CSV_ID, true),
];

impl Catalog {
    /// Reads the labels and types of the whole store (all graphs).
    pub fn build(store: &GraphStore) -> Result<Self, StorageError> {
        // (preference rank, language rank, length, value) of the best label so far, per IRI:
        // of two labels of one kind ("ITU-T Q10/17" in the seed, "Q10/17" in the landscape)
        // the shorter one, which is the usual name.
        let mut best: HashMap<String, (usize, u8, usize, String)> = HashMap::new();
        let mut resources: HashMap<String, Resource> = HashMap::new();
        let oxigraph = store.oxigraph();
        for (rank, (predicate, short)) in LABEL_PREDICATES.iter().enumerate() {
            for quad in oxigraph.quads_for_pattern(None, Some(*predicate), None, None) {
                let quad = quad?;
                let (oxigraph::model::NamedOrBlankNode::NamedNode(subject), Term::Literal(value)) =
                    (&quad.subject, &quad.object)
                else {
                    continue;
                };
                let iri = subject.as_str().to_owned();
                let text = value.value().trim().to_owned();
                if text.is_empty() {
                    continue;
                }
                let language_rank = match value.language() {
                    Some(l) if l.eq_ignore_ascii_case("en") || l.starts_with("en-") => 0,
                    None => 1,
                    Some(_) => 2,
                };
                let candidate = (rank, language_rank, text.chars().count(), text.clone());
                match best.get(&iri) {
                    Some(current) if *current <= candidate => {}
                    _ => {
                        best.insert(iri.clone(), candidate);
                    }
                }
                let resource = resources.entry(iri).or_default();
                if *predicate == terms::DCTERMS_IDENTIFIER {
                    resource.identifier.get_or_insert_with(|| text.clone());
                }
                if *predicate == terms::DCTERMS_TITLE {
                    resource.title.get_or_insert_with(|| text.clone());
                }
                let list = if *short {
                    &mut resource.names
                } else {
                    &mut resource.titles
                };
                if !list.contains(&text) {
                    list.push(text);
                }
            }
        }
        for (iri, (_, _, _, label)) in best {
            if let Some(resource) = resources.get_mut(&iri) {
                resource.label = label;
            }
        }
        let mut inferred_types: Vec<Quad> = Vec::new();
        for quad in oxigraph.quads_for_pattern(None, Some(rdf::TYPE), None, None) {
            let quad = quad?;
            if quad.graph_name.as_ref() == GraphNameRef::NamedNode(graph::INFERRED) {
                inferred_types.push(quad);
            } else {
                add_type(&mut resources, &quad);
            }
        }
        // The idmgraph ontology's own classes are the most specific: shown first.
        let own_first =
            |types: &mut [String]| types.sort_by_key(|t| !t.starts_with(idm::NAMESPACE));
        let mut asserted: HashMap<String, usize> = HashMap::new();
        for (iri, resource) in &mut resources {
            own_first(&mut resource.types);
            asserted.insert(iri.clone(), resource.types.len());
        }
        for quad in &inferred_types {
            add_type(&mut resources, quad);
        }
        for (iri, resource) in &mut resources {
            let first = asserted.get(iri).copied().unwrap_or(0);
            own_first(&mut resource.types[first..]);
        }
        Ok(Self { resources })
    }

    /// What is known of `iri`, when it has a label or a type.
    pub fn get(&self, iri: &str) -> Option<&Resource> {
        self.resources.get(iri)
    }

    /// Every resource with a label or a type, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Resource)> {
        self.resources.iter().map(|(iri, r)| (iri.as_str(), r))
    }

    /// The name to show for `iri`: its label in the graph, a known name for terms of other
    /// vocabularies, or its last path segment made readable.
    pub fn label(&self, iri: &str) -> String {
        if let Some(resource) = self.resources.get(iri).filter(|r| !r.label.is_empty()) {
            return resource.label.clone();
        }
        fallback_label(iri)
    }

    /// The most specific type to show for `iri`, as a label: the first asserted type.
    pub fn type_label(&self, iri: &str) -> Option<String> {
        let resource = self.resources.get(iri)?;
        resource.types.first().map(|t| self.label(t))
    }

    /// Labels of all types of `iri`, asserted first.
    pub fn type_labels(&self, iri: &str) -> Vec<String> {
        self.resources
            .get(iri)
            .map(|r| r.types.iter().map(|t| self.label(t)).collect())
            .unwrap_or_default()
    }

    /// Whether `iri` is something the graph describes (it has a label or a type), as opposed
    /// to, say, a web page a fact was derived from.
    pub fn is_described(&self, iri: &str) -> bool {
        self.resources.contains_key(iri)
    }

    /// Number of resources known.
    pub fn len(&self) -> usize {
        self.resources.len()
    }

    /// Whether no resource is known.
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }
}

fn add_type(resources: &mut HashMap<String, Resource>, quad: &Quad) {
    let (oxigraph::model::NamedOrBlankNode::NamedNode(subject), Term::NamedNode(class)) =
        (&quad.subject, &quad.object)
    else {
        return;
    };
    let resource = resources.entry(subject.as_str().to_owned()).or_default();
    if !resource.types.iter().any(|t| t == class.as_str()) {
        resource.types.push(class.as_str().to_owned());
    }
}

/// A name for an IRI the graph does not label: a known one for reused vocabularies, or the
/// last segment of the IRI made readable (`subOrganizationOf` → "sub organization of").
pub fn fallback_label(iri: &str) -> String {
    if let Some(name) = compact_iri(iri)
        && let Some((_, label)) = FALLBACK_LABELS.iter().find(|(n, _)| *n == name)
    {
        return (*label).to_owned();
    }
    let local = local_name(iri);
    if local.is_empty() {
        return iri.to_owned();
    }
    if iri.starts_with(ID_BASE) {
        return local.to_owned();
    }
    humanise(local)
}

/// The part of an IRI after its last `#` or `/`.
pub fn local_name(iri: &str) -> &str {
    let trimmed = iri.trim_end_matches(['/', '#']);
    trimmed
        .rsplit_once(['#', '/'])
        .map_or(trimmed, |(_, local)| local)
}

/// `camelCaseName` → "camel case name"; names made of capitals stay as they are.
fn humanise(local: &str) -> String {
    let mut out = String::with_capacity(local.len() + 4);
    let mut previous_lower = false;
    for c in local.chars() {
        if c.is_uppercase() && previous_lower {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if c == '_' || c == '-' {
            out.push(' ');
        } else {
            out.push(c);
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    out
}

/// The entity kind of an IRI under [`ID_BASE`] (`rec`, `sg`, `topic`…).
pub fn kind_of(iri: &str) -> Option<&str> {
    iri.strip_prefix(ID_BASE)?.split('/').next()
}

/// Orders "SG2" before "SG13": runs of digits compare as numbers.
pub fn natural_key(text: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut number = c.to_digit(10).map_or(0, u64::from);
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                number = number.saturating_mul(10).saturating_add(u64::from(d));
                chars.next();
            }
            key.push((std::mem::take(&mut word), number));
        } else {
            word.extend(c.to_lowercase());
        }
    }
    key.push((word, 0));
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_as_numbers() {
        let mut names = vec!["SG17", "SG2", "SG13", "TSAG", "SG20"];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(names, ["SG2", "SG13", "SG17", "SG20", "TSAG"]);
    }

    #[test]
    fn unlabelled_terms_get_readable_names() {
        assert_eq!(
            fallback_label("http://www.w3.org/ns/org#subOrganizationOf"),
            "part of (organisation)"
        );
        assert_eq!(
            fallback_label("http://example.org/v#hasBigPart"),
            "has big part"
        );
        assert_eq!(
            fallback_label("https://w3id.org/idmgraph/id/rec/itut-x1252"),
            "itut-x1252"
        );
    }

    #[test]
    fn iris_are_compacted_and_expanded_with_the_known_prefixes() {
        assert_eq!(
            compact_iri("http://purl.org/dc/terms/title").as_deref(),
            Some("dcterms:title")
        );
        assert_eq!(compact_iri("http://purl.org/dc/terms/a/b"), None);
        assert_eq!(
            expand_curie("idm:developedBy").as_deref(),
            Some("https://w3id.org/idmgraph/ontology#developedBy")
        );
        assert_eq!(expand_curie("nope:x"), None);
    }

    #[test]
    fn the_catalog_prefers_preferred_labels_and_knows_types()
    -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        crate::data::load_default_data(&store)?;
        let catalog = Catalog::build(&store)?;
        let x1252 = format!("{ID_BASE}rec/itut-x1252");
        assert_eq!(catalog.label(&x1252), "ITU-T X.1252");
        assert_eq!(
            catalog.get(&x1252).and_then(|r| r.title.as_deref()),
            Some("Baseline identity management terms and definitions")
        );
        assert_eq!(
            catalog.type_label(&x1252).as_deref(),
            Some("Recommendation")
        );
        // Inferred supertypes come after the asserted type.
        assert!(catalog.type_labels(&x1252).contains(&"Standard".to_owned()));
        assert_eq!(catalog.label(idm::DEVELOPED_BY.as_str()), "developed by");
        Ok(())
    }
}
