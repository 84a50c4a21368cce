//! What an entity is, told from the normalised value the extractor gives it: its class, its IRI
//! when ingest has to create it, its identifier and label, and the bodies, assemblies or
//! documents its name implies (a Question's study group, a committee's parent, a resolution's
//! assembly). The rules are tables, read top to bottom; the first that fits wins.

use oxigraph::model::{NamedNode, NamedNodeRef};

use super::ns;
use crate::ingest::extract::{self, Category};
use crate::vocab::{ID_BASE, idm};

/// The kinds of entity that ingest links to and, when the store has none, creates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Kind {
    Recommendation,
    Supplement,
    WorkItem,
    Series,
    Standard,
    StudyGroup,
    AdvisoryGroup,
    Question,
    Sdo,
    WorkingGroup,
    Resolution,
    Conference,
    Jca,
    CoordinationGroup,
    CoordinationBody,
    Person,
    Clause,
}

/// Which entities of the store can stand for a mention: a kind is matched against the
/// entities of every class of its group ([`GROUP_CLASSES`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Group {
    Documents,
    Standards,
    StudyGroups,
    Questions,
    Organizations,
    Resolutions,
    Conferences,
    Coordination,
    People,
    Clauses,
}

/// The classes of the entities each group matches. A working group may be a committee (an
/// organisation) or a council working group or focus group (a coordination body).
pub(super) const GROUP_CLASSES: &[(Group, NamedNodeRef<'static>)] = &[
    (Group::Documents, idm::RECOMMENDATION),
    (Group::Documents, idm::SUPPLEMENT),
    (Group::Documents, idm::WORK_ITEM),
    (Group::Standards, idm::INTERNATIONAL_STANDARD),
    (Group::StudyGroups, idm::STUDY_GROUP),
    (Group::Questions, idm::QUESTION),
    (Group::Organizations, idm::SDO),
    (Group::Organizations, idm::WORKING_GROUP),
    (Group::Resolutions, idm::RESOLUTION),
    (Group::Conferences, idm::CONFERENCE),
    (Group::Coordination, idm::COORDINATION_BODY),
    (Group::Coordination, idm::JOINT_COORDINATION_ACTIVITY),
    (Group::Coordination, idm::ADVISORY_GROUP),
    (Group::Coordination, idm::WORKING_GROUP),
    (Group::People, ns::FOAF_PERSON),
    (Group::Clauses, idm::CLAUSE),
];

impl Group {
    /// The extractor categories whose values name entities of the group.
    pub(super) fn categories(self) -> &'static [Category] {
        match self {
            Group::Documents => &[Category::Recommendations],
            Group::Standards => &[Category::IsoStandards],
            Group::StudyGroups => &[Category::StudyGroups],
            Group::Questions => &[Category::Questions],
            Group::Organizations => &[Category::Organizations],
            Group::Resolutions => &[Category::Resolutions],
            Group::Coordination => &[Category::CoordinationBodies],
            Group::Conferences | Group::People | Group::Clauses => &[],
        }
    }
}

/// Coordination bodies by the start of their name: kind, and the organisation they belong to.
const COORDINATION: &[(&str, Kind, Option<&str>)] = &[
    ("JCA", Kind::Jca, None),
    ("TSAG", Kind::AdvisoryGroup, Some("ITU-T")),
    ("CWG", Kind::CoordinationGroup, Some("ITU")),
    ("FG", Kind::CoordinationGroup, Some("ITU-T")),
];

/// Committees by the start of the last part of their path ("ISO/IEC JTC 1/SC 27"): technical
/// committees count as organisations, as in the seed graph and the landscape.
const COMMITTEES: &[(&str, Kind)] = &[
    ("SC ", Kind::WorkingGroup),
    ("WG ", Kind::WorkingGroup),
    ("JWG ", Kind::WorkingGroup),
    ("AG ", Kind::WorkingGroup),
    ("AHG ", Kind::WorkingGroup),
    ("TC ", Kind::Sdo),
    ("JTC ", Kind::Sdo),
];

/// Working groups of fora, by the end of their name ("W3C DID WG").
const GROUP_SUFFIXES: &[&str] = &[" WG", " Working Group", " CCG", " Community Group"];

/// Organisations whose parents cannot be read off the name.
const PARENTS: &[(&str, &[&str])] = &[
    ("ITU-T", &["ITU"]),
    ("ITU-R", &["ITU"]),
    ("ITU-D", &["ITU"]),
    ("TSB", &["ITU-T"]),
    ("ISO/IEC JTC 1", &["ISO", "IEC"]),
    ("ISO/IEC", &["ISO", "IEC"]),
];

/// What a mention of `category` with value `value` is.
pub(super) fn of_mention(category: Category, value: &str) -> Kind {
    match category {
        Category::Recommendations => document(value),
        Category::IsoStandards => Kind::Standard,
        Category::StudyGroups => Kind::StudyGroup,
        Category::Questions => Kind::Question,
        Category::Organizations => organization(value),
        Category::Resolutions => Kind::Resolution,
        Category::CoordinationBodies => coordination(value).0,
        Category::People => Kind::Person,
        Category::Clauses => Kind::Clause,
    }
}

/// An ITU-T designation: a Recommendation "ITU-T X.1252", a supplement "ITU-T X Suppl. 45", a
/// series "ITU-T X.1250-series", or a work item under its provisional name "ITU-T Y.IMT2020-idm".
pub(super) fn document(value: &str) -> Kind {
    let number = value.strip_prefix("ITU-T ").unwrap_or(value);
    if number.ends_with("-series") {
        Kind::Series
    } else if number.contains("Suppl.") {
        Kind::Supplement
    } else if is_recommendation_number(number) {
        Kind::Recommendation
    } else {
        Kind::WorkItem
    }
}

/// "X.1252", "F.748.1": a series letter, a dot, and dot-separated numbers.
fn is_recommendation_number(number: &str) -> bool {
    let mut chars = number.chars();
    let letter = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    let rest = chars.as_str();
    letter
        && rest.starts_with('.')
        && rest[1..]
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

fn organization(value: &str) -> Kind {
    let last = value.rsplit('/').next().unwrap_or(value);
    if value.contains('/') {
        for (prefix, kind) in COMMITTEES {
            if last.starts_with(prefix) {
                return *kind;
            }
        }
    }
    if GROUP_SUFFIXES.iter().any(|s| value.ends_with(s)) {
        Kind::WorkingGroup
    } else {
        Kind::Sdo
    }
}

fn coordination(value: &str) -> (Kind, Option<&'static str>) {
    for (prefix, kind, parent) in COORDINATION {
        let after = value.strip_prefix(prefix);
        if after.is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric())) {
            return (*kind, *parent);
        }
    }
    if value.contains("CG-") {
        (Kind::CoordinationGroup, None)
    } else {
        (Kind::CoordinationBody, None)
    }
}

impl Kind {
    /// The class of entities of this kind.
    pub(super) fn class(self) -> NamedNodeRef<'static> {
        match self {
            Kind::Recommendation => idm::RECOMMENDATION,
            Kind::Supplement => idm::SUPPLEMENT,
            Kind::WorkItem => idm::WORK_ITEM,
            Kind::Series => ns::FOAF_DOCUMENT,
            Kind::Standard => idm::INTERNATIONAL_STANDARD,
            Kind::StudyGroup => idm::STUDY_GROUP,
            Kind::AdvisoryGroup => idm::ADVISORY_GROUP,
            Kind::Question => idm::QUESTION,
            Kind::Sdo => idm::SDO,
            Kind::WorkingGroup | Kind::CoordinationGroup => idm::WORKING_GROUP,
            Kind::Resolution => idm::RESOLUTION,
            Kind::Conference => idm::CONFERENCE,
            Kind::Jca => idm::JOINT_COORDINATION_ACTIVITY,
            Kind::CoordinationBody => idm::COORDINATION_BODY,
            Kind::Person => ns::FOAF_PERSON,
            Kind::Clause => idm::CLAUSE,
        }
    }

    /// The local name of the class, for reports.
    pub(super) fn name(self) -> &'static str {
        let class = self.class().as_str();
        class.rsplit(['#', '/']).next().unwrap_or(class)
    }

    /// Which entities of the store may stand for it.
    pub(super) fn group(self) -> Group {
        match self {
            Kind::Recommendation | Kind::Supplement | Kind::WorkItem | Kind::Series => {
                Group::Documents
            }
            Kind::Standard => Group::Standards,
            Kind::StudyGroup => Group::StudyGroups,
            Kind::Question => Group::Questions,
            Kind::Sdo | Kind::WorkingGroup => Group::Organizations,
            Kind::Resolution => Group::Resolutions,
            Kind::Conference => Group::Conferences,
            Kind::AdvisoryGroup | Kind::Jca | Kind::CoordinationGroup | Kind::CoordinationBody => {
                Group::Coordination
            }
            Kind::Person => Group::People,
            Kind::Clause => Group::Clauses,
        }
    }

    /// The first segment of the IRI path, as in the README's table of kinds.
    fn path(self) -> &'static str {
        match self {
            Kind::Recommendation | Kind::Supplement | Kind::WorkItem => "rec",
            Kind::Series => "doc",
            Kind::Standard => "std",
            Kind::StudyGroup | Kind::AdvisoryGroup => "sg",
            Kind::Question => "question",
            Kind::Sdo => "sdo",
            Kind::WorkingGroup | Kind::CoordinationGroup | Kind::CoordinationBody => "wg",
            Kind::Resolution => "res",
            Kind::Conference => "conf",
            Kind::Jca => "jca",
            Kind::Person => "person",
            Kind::Clause => "clause",
        }
    }

    /// Whether ingest may create an entity for the value: a bare "Resolution 2" names no
    /// assembly, so it is linked only to an entity the store already has.
    pub(super) fn can_create(self, value: &str) -> bool {
        (self != Kind::Resolution || assembly(value).is_some()) && !slug(value).is_empty()
    }

    /// The IRI an entity of this kind created for `value` gets; the seed graph's slugs where
    /// they follow a rule (`rec/itut-x1252`, `sg/sg17`, `question/q10-17`, `res/wtsa20-res2`).
    pub(super) fn iri(self, value: &str) -> NamedNode {
        let slug = match self {
            Kind::Recommendation | Kind::Supplement | Kind::WorkItem | Kind::Series => {
                let number = value.strip_prefix("ITU-T ").unwrap_or(value);
                let number = number.replacen('.', "", 1);
                format!("itut-{}", slug(&number))
            }
            Kind::StudyGroup => slug(value.strip_prefix("ITU-T ").unwrap_or(value)),
            Kind::Resolution => match (assembly(value), value.rsplit(' ').next()) {
                (Some(assembly), Some(number)) => {
                    format!("{}-res{}", slug(&assembly.replace('-', "")), slug(number))
                }
                _ => slug(value),
            },
            Kind::Sdo | Kind::WorkingGroup => slug(&join_numbers(value)),
            _ => slug(value),
        };
        entity_iri(self.path(), &slug)
    }

    /// The `dcterms:identifier` of a created entity (a study group's without "ITU-T ", as the
    /// shapes want); none for people, who have a `foaf:name`.
    pub(super) fn identifier(self, value: &str) -> Option<String> {
        match self {
            Kind::Person => None,
            Kind::StudyGroup => Some(value.strip_prefix("ITU-T ").unwrap_or(value).to_owned()),
            _ => Some(value.to_owned()),
        }
    }

    /// What the name of an entity of this kind implies: (kind, property, value) of the entity
    /// it belongs to, is developed by, or is part of.
    pub(super) fn parents(self, value: &str) -> Vec<(Kind, NamedNodeRef<'static>, String)> {
        let sub = ns::ORG_SUB_ORGANIZATION_OF;
        match self {
            Kind::StudyGroup => vec![(Kind::Sdo, sub, "ITU-T".to_owned())],
            Kind::Question => value
                .rsplit_once('/')
                .map(|(_, sg)| vec![(Kind::StudyGroup, sub, format!("ITU-T SG{sg}"))])
                .unwrap_or_default(),
            Kind::Sdo | Kind::WorkingGroup => organization_parents(value)
                .into_iter()
                .map(|parent| (organization(&parent), sub, parent))
                .collect(),
            Kind::AdvisoryGroup | Kind::CoordinationGroup => coordination(value)
                .1
                .map(|parent| vec![(Kind::Sdo, sub, parent.to_owned())])
                .unwrap_or_default(),
            Kind::Resolution => assembly(value)
                .filter(|a| a.contains('-'))
                .map(|a| vec![(Kind::Conference, idm::DEVELOPED_BY, a.to_owned())])
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// The assembly of a resolution value: "WTSA-20" of "WTSA-20 Resolution 2".
fn assembly(value: &str) -> Option<&str> {
    value
        .split_once(" Resolution ")
        .map(|(assembly, _)| assembly)
        .filter(|a| !a.is_empty())
}

/// The parents of an organisation: from [`PARENTS`], else the committee path without its last
/// part ("ISO/IEC JTC 1/SC 27" of ".../WG 5"), else the organisation a forum's group is named
/// after ("W3C" of "W3C DID WG"), if the extractor reads that first word as one.
fn organization_parents(value: &str) -> Vec<String> {
    if let Some((_, parents)) = PARENTS.iter().find(|(name, _)| *name == value) {
        return parents.iter().map(|p| (*p).to_owned()).collect();
    }
    if let Some((parent, _)) = value.rsplit_once('/') {
        return match PARENTS.iter().find(|(name, _)| *name == parent) {
            Some((_, parents)) if parent == "ISO/IEC" => {
                parents.iter().map(|p| (*p).to_owned()).collect()
            }
            _ => vec![parent.to_owned()],
        };
    }
    match value.split_once(' ') {
        Some((first, _)) if extract::extract(first).organizations == [first] => {
            vec![first.to_owned()]
        }
        _ => Vec::new(),
    }
}

/// "JTC 1" → "JTC1": a letter and a number written apart are one token of a slug.
fn join_numbers(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::with_capacity(value.len());
    for (i, &c) in chars.iter().enumerate() {
        let joins = c == ' '
            && i > 0
            && chars[i - 1].is_ascii_alphabetic()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !joins {
            out.push(c);
        }
    }
    out
}

/// Lower-case ASCII letters and digits, other runs as one '-'; dots between digits are kept
/// ("5.1", "b.1"), as in the seed graph's clause slugs.
pub(super) fn slug(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let dot_in_number = c == '.'
            && i > 0
            && chars[i - 1].is_ascii_alphanumeric()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_alphanumeric() || dot_in_number {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `{ID_BASE}{kind}/{slug}`.
pub(super) fn entity_iri(kind: &str, slug: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID_BASE}{kind}/{slug}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_iris_follow_the_seed_graph_where_it_has_a_rule() {
        let cases = [
            (Category::Recommendations, "ITU-T X.1252", "rec/itut-x1252"),
            (Category::Recommendations, "ITU-T A.1", "rec/itut-a1"),
            (
                Category::Recommendations,
                "ITU-T F.748.1",
                "rec/itut-f748.1",
            ),
            (
                Category::Recommendations,
                "ITU-T X.1250-series",
                "doc/itut-x1250-series",
            ),
            (Category::IsoStandards, "ISO 22739", "std/iso-22739"),
            (Category::StudyGroups, "ITU-T SG17", "sg/sg17"),
            (Category::CoordinationBodies, "TSAG", "sg/tsag"),
            (Category::Questions, "Q10/17", "question/q10-17"),
            (
                Category::Resolutions,
                "WTSA-20 Resolution 2",
                "res/wtsa20-res2",
            ),
            (Category::Resolutions, "PP Resolution 179", "res/pp-res179"),
            (
                Category::Organizations,
                "FIDO Alliance",
                "sdo/fido-alliance",
            ),
            (Category::Organizations, "ISO/TC 307", "sdo/iso-tc307"),
            (
                Category::Organizations,
                "ISO/IEC JTC 1/SC 27",
                "wg/iso-iec-jtc1-sc27",
            ),
            (Category::CoordinationBodies, "JCA-IdM", "jca/jca-idm"),
            (Category::CoordinationBodies, "CWG-COP", "wg/cwg-cop"),
            (
                Category::People,
                "Heung Youl Youm",
                "person/heung-youl-youm",
            ),
        ];
        for (category, value, path) in cases {
            let iri = of_mention(category, value).iri(value);
            assert_eq!(iri.as_str(), format!("{ID_BASE}{path}"), "{value}");
        }
    }

    #[test]
    fn kinds_come_from_the_form_of_the_value() {
        let cases = [
            (
                Category::Recommendations,
                "ITU-T X.1254",
                Kind::Recommendation,
            ),
            (
                Category::Recommendations,
                "ITU-T X Suppl. 45",
                Kind::Supplement,
            ),
            (
                Category::Recommendations,
                "ITU-T Y.IMT2020-idm",
                Kind::WorkItem,
            ),
            (
                Category::Recommendations,
                "ITU-T X.1250-series",
                Kind::Series,
            ),
            (
                Category::Organizations,
                "ISO/IEC JTC 1/SC 27/WG 5",
                Kind::WorkingGroup,
            ),
            (Category::Organizations, "ISO/TC 307", Kind::Sdo),
            (Category::Organizations, "W3C DID WG", Kind::WorkingGroup),
            (Category::Organizations, "ITU-T", Kind::Sdo),
            (Category::CoordinationBodies, "JCA-COP", Kind::Jca),
            (Category::CoordinationBodies, "TSAG", Kind::AdvisoryGroup),
            (
                Category::CoordinationBodies,
                "FG IdM",
                Kind::CoordinationGroup,
            ),
            (
                Category::CoordinationBodies,
                "SG17 CG-COP",
                Kind::CoordinationGroup,
            ),
        ];
        for (category, value, kind) in cases {
            assert_eq!(of_mention(category, value), kind, "{value}");
        }
    }

    #[test]
    fn names_imply_their_parents() {
        let parents = |kind: Kind, value: &str| -> Vec<String> {
            kind.parents(value).into_iter().map(|p| p.2).collect()
        };
        assert_eq!(
            parents(Kind::WorkingGroup, "ISO/IEC JTC 1/SC 27/WG 5"),
            ["ISO/IEC JTC 1/SC 27"]
        );
        assert_eq!(parents(Kind::Sdo, "ISO/IEC JTC 1"), ["ISO", "IEC"]);
        assert_eq!(parents(Kind::Sdo, "ISO/TC 307"), ["ISO"]);
        assert_eq!(parents(Kind::WorkingGroup, "W3C DID WG"), ["W3C"]);
        assert!(parents(Kind::Sdo, "FIDO Alliance").is_empty());
        assert_eq!(parents(Kind::Question, "Q10/17"), ["ITU-T SG17"]);
        assert_eq!(parents(Kind::StudyGroup, "ITU-T SG2"), ["ITU-T"]);
        assert_eq!(
            parents(Kind::Resolution, "WTSA-20 Resolution 2"),
            ["WTSA-20"]
        );
        assert!(parents(Kind::Resolution, "PP Resolution 179").is_empty());
        assert!(!Kind::Resolution.can_create("Resolution 2"));
    }
}
