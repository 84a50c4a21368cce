//! Import of the curated IdM landscape kept as CSV (`entities.csv` and `relations.csv`, the
//! layout of `data/landscape/`) into the named graph [`graph::LANDSCAPE`], mapped onto the
//! ontology as `docs/landscape-mapping.md` describes.
//!
//! [`parse`] reads and maps both files whole, so that a bad row refuses the import before
//! anything is written; [`import`] then inserts the quads in one transaction. The mapping makes
//! no blank nodes and no timestamps: importing the same files again adds nothing.

mod fields;
mod mapping;
mod owners;

use std::fmt;

use csv::StringRecord;
use oxigraph::model::{NamedNode, NamedNodeRef, Quad};
use oxigraph::store::{StorageError, Transaction};

use crate::store::{GraphStore, StoreError};
use crate::vocab::{ID_BASE, graph, idm};

/// The columns of an entities file, exactly and in this order.
pub const ENTITIES_HEADER: &[&str] = &[
    "id",
    "type",
    "label",
    "title",
    "publisher/owner",
    "year/status",
    "topics",
    "source_url",
];

/// The columns of a relations file, exactly and in this order.
pub const RELATIONS_HEADER: &[&str] =
    &["subject_id", "relation", "object_id", "note", "source_url"];

/// One CSV document: a name for messages and its text.
#[derive(Debug, Clone, Copy)]
pub struct CsvText<'a> {
    /// File name, used in error messages.
    pub name: &'a str,
    /// The CSV text.
    pub text: &'a str,
}

/// Errors of the landscape import. Whatever the error, nothing was stored.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file does not have the landscape header.
    #[error("{file}:1: the header is {found:?}; a landscape {what} file has exactly the columns {}", .expected.join(","))]
    Header {
        /// The file.
        file: String,
        /// "entities" or "relations".
        what: &'static str,
        /// The header found, as read.
        found: Vec<String>,
        /// The header required.
        expected: &'static [&'static str],
    },
    /// A value of a row is wrong.
    #[error("{file}:{line}:{column}: {name}: {message}")]
    Row {
        /// The file.
        file: String,
        /// The line of the row in the file.
        line: u64,
        /// The column, counted from 1.
        column: usize,
        /// The column's name.
        name: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The file is not well-formed CSV (quoting, number of fields, encoding).
    #[error("{file}:{line}: {message}")]
    Csv {
        /// The file.
        file: String,
        /// The line where reading failed.
        line: u64,
        /// The CSV reader's message.
        message: String,
    },
    /// Storing the quads failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Quads the import added to the store (0 when the same files were imported before).
    pub quads_added: usize,
    /// Quads the mapping makes.
    pub quads: usize,
    /// Rows of the entities file.
    pub entities: usize,
    /// People named by person-role rows.
    pub people: usize,
    /// Distinct topics.
    pub topics: usize,
    /// Rows of the relations file.
    pub relations: usize,
    /// Owners that name no body of the landscape; kept only as `idm:ownerNote`.
    pub unresolved_owners: Vec<OwnerIssue>,
    /// Owners of which only a parent body was found ("ITU Council" → ITU).
    pub partly_resolved_owners: Vec<OwnerIssue>,
    /// Values marked UNCERTAIN.
    pub uncertain: Vec<UncertainValue>,
}

/// An owner that did not (wholly) resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerIssue {
    /// The CSV id of the item.
    pub item: String,
    /// The owner as written.
    pub owner: String,
    /// The body the owner resolved to, when only a parent did.
    pub resolved_to: Option<String>,
}

/// A value marked UNCERTAIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncertainValue {
    /// The CSV id of the item, or `subject--relation--object` for a relation.
    pub item: String,
    /// The column.
    pub column: &'static str,
    /// The value as written.
    pub value: String,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "landscape graph <{}>: {} quads added ({} in the mapping)",
            graph::LANDSCAPE.as_str(),
            self.quads_added,
            self.quads
        )?;
        writeln!(
            f,
            "{} entities ({} people), {} topics, {} relations",
            self.entities, self.people, self.topics, self.relations
        )?;
        writeln!(f, "unresolved owners: {}", self.unresolved_owners.len())?;
        for issue in &self.unresolved_owners {
            writeln!(f, "  {}: {:?}", issue.item, issue.owner)?;
        }
        writeln!(
            f,
            "partly resolved owners: {}",
            self.partly_resolved_owners.len()
        )?;
        for issue in &self.partly_resolved_owners {
            let to = issue.resolved_to.as_deref().unwrap_or_default();
            writeln!(f, "  {}: {:?} -> {to}", issue.item, issue.owner)?;
        }
        writeln!(f, "uncertain values: {}", self.uncertain.len())?;
        for value in &self.uncertain {
            writeln!(f, "  {} {}: {:?}", value.item, value.column, value.value)?;
        }
        Ok(())
    }
}

/// A landscape read and mapped, ready to store.
#[derive(Debug, Clone)]
pub struct Landscape {
    quads: Vec<Quad>,
    report: ImportReport,
}

impl Landscape {
    /// The quads of the mapping, all in [`graph::LANDSCAPE`], without duplicates.
    pub fn quads(&self) -> &[Quad] {
        &self.quads
    }

    /// The report of the mapping (`quads_added` is 0 until imported).
    pub fn report(&self) -> &ImportReport {
        &self.report
    }

    /// Inserts the quads in `transaction`; returns how many were not there before.
    pub fn insert_into(&self, transaction: &mut Transaction<'_>) -> Result<usize, StorageError> {
        let mut added = 0;
        for quad in &self.quads {
            if !transaction.contains(quad)? {
                transaction.insert(quad);
                added += 1;
            }
        }
        Ok(added)
    }
}

/// Reads and maps an entities file and, optionally, a relations file whose ids refer to it.
/// The first wrong row stops it with `file:line:column: name: message`.
pub fn parse(
    entities: CsvText<'_>,
    relations: Option<CsvText<'_>>,
) -> Result<Landscape, ImportError> {
    let entity_rows = read(entities, "entities", ENTITIES_HEADER)?;
    let relation_rows = match relations {
        Some(file) => Some((file, read(file, "relations", RELATIONS_HEADER)?)),
        None => None,
    };
    mapping::map(
        entities,
        &entity_rows,
        relation_rows
            .as_ref()
            .map(|(file, rows)| (*file, rows.as_slice())),
    )
}

/// Stores a parsed landscape in one transaction.
pub fn import(store: &GraphStore, landscape: &Landscape) -> Result<ImportReport, ImportError> {
    let added =
        store.write(|transaction| landscape.insert_into(transaction).map_err(StoreError::from))?;
    Ok(ImportReport {
        quads_added: added,
        ..landscape.report.clone()
    })
}

/// A row of a CSV file with the line it starts on.
struct Row {
    line: u64,
    record: StringRecord,
}

impl Row {
    fn get(&self, column: usize) -> &str {
        self.record.get(column).map_or("", str::trim)
    }
}

fn read(
    file: CsvText<'_>,
    what: &'static str,
    expected: &'static [&'static str],
) -> Result<Vec<Row>, ImportError> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(file.text);
    // The line a record starts on, counted from its byte offset: the csv crate's own line count
    // runs one short in CRLF files (the shared landscape is CRLF).
    let line_at = |position: Option<&csv::Position>| {
        position.map_or(1, |p| {
            let bytes = text.as_bytes();
            let mut offset = usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            // In CRLF files a record's offset can sit on the previous line's "\n".
            while bytes
                .get(offset)
                .is_some_and(|b| *b == b'\r' || *b == b'\n')
            {
                offset += 1;
            }
            1 + bytes[..offset].iter().filter(|b| **b == b'\n').count() as u64
        })
    };
    let csv_error = |error: csv::Error| ImportError::Csv {
        file: file.name.to_owned(),
        line: line_at(error.position()),
        message: match error.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("the row has {len} fields; the file has {expected_len} columns")
            }
            _ => error.to_string(),
        },
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader.headers().map_err(csv_error)?;
    if header.iter().map(str::trim).ne(expected.iter().copied()) {
        return Err(ImportError::Header {
            file: file.name.to_owned(),
            what,
            found: header.iter().map(str::to_owned).collect(),
            expected,
        });
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let line = line_at(record.position());
        rows.push(Row { line, record });
    }
    Ok(rows)
}

/// The IRI of an entity: `{ID_BASE}{kind}/{id}`.
fn entity_iri(kind: &str, id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID_BASE}{kind}/{id}"))
}

/// The kinds of row, from the `type` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Recommendation,
    InternationalStandard,
    Specification,
    Document,
    Resolution,
    Sdo,
    StudyGroup,
    WorkingGroup,
    Question,
    Jca,
    Conference,
    PersonRole,
}

/// `type` → kind, IRI segment and class. Refinements by content are in [`CLASS_REFINEMENTS`].
const TYPES: &[(&str, Kind, &str, NamedNodeRef<'static>)] = &[
    (
        "Recommendation",
        Kind::Recommendation,
        "rec",
        idm::RECOMMENDATION,
    ),
    (
        "InternationalStandard",
        Kind::InternationalStandard,
        "std",
        idm::INTERNATIONAL_STANDARD,
    ),
    (
        "Specification",
        Kind::Specification,
        "spec",
        idm::SPECIFICATION,
    ),
    (
        "Document",
        Kind::Document,
        "doc",
        mapping::ns::FOAF_DOCUMENT,
    ),
    ("Resolution", Kind::Resolution, "res", idm::RESOLUTION),
    ("SDO", Kind::Sdo, "sdo", idm::SDO),
    ("StudyGroup", Kind::StudyGroup, "sg", idm::STUDY_GROUP),
    ("WorkingGroup", Kind::WorkingGroup, "wg", idm::WORKING_GROUP),
    ("Question", Kind::Question, "question", idm::QUESTION),
    ("JCA", Kind::Jca, "jca", idm::JOINT_COORDINATION_ACTIVITY),
    ("Conference", Kind::Conference, "conf", idm::CONFERENCE),
    (
        "Person-role",
        Kind::PersonRole,
        "role",
        mapping::ns::ORG_MEMBERSHIP,
    ),
];

/// A more specific class when a column of a row of that kind contains the words (any case).
const CLASS_REFINEMENTS: &[(Kind, usize, &str, NamedNodeRef<'static>)] = &[
    (Kind::Document, mapping::LABEL, "suppl.", idm::SUPPLEMENT),
    (Kind::Document, mapping::LABEL, "work item", idm::WORK_ITEM),
    (
        Kind::Document,
        mapping::LABEL,
        "terms of reference",
        idm::TERMS_OF_REFERENCE,
    ),
    (
        Kind::StudyGroup,
        mapping::TITLE,
        "advisory group",
        idm::ADVISORY_GROUP,
    ),
];

impl Kind {
    fn is_document(self) -> bool {
        matches!(
            self,
            Self::Recommendation
                | Self::InternationalStandard
                | Self::Specification
                | Self::Document
                | Self::Resolution
        )
    }

    fn is_standard(self) -> bool {
        matches!(
            self,
            Self::Recommendation | Self::InternationalStandard | Self::Specification
        )
    }

    fn is_body(self) -> bool {
        matches!(
            self,
            Self::Sdo | Self::StudyGroup | Self::WorkingGroup | Self::Question | Self::Jca
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    const ENTITIES: &str = "\
id,type,label,title,publisher/owner,year/status,topics,source_url
itu-t,SDO,ITU-T,ITU Telecommunication Standardization Sector,ITU-T,sector,standardization,https://www.itu.int/t
sg17,StudyGroup,ITU-T SG17,ITU-T Study Group 17,ITU-T,,security,https://www.itu.int/sg17
r1,Recommendation,ITU-T X.1,One,ITU-T SG17,edition 2020,identity management,https://e.example/1
r2,Recommendation,ITU-T X.2,Two,ITU-T SG17,edition 2021,identity management,https://e.example/2
";
    const RELATIONS: &str = "\
subject_id,relation,object_id,note,source_url
r2,supersedes,r1,replaces it,https://e.example/3
";

    fn files<'a>(entities: &'a str, relations: &'a str) -> (CsvText<'a>, Option<CsvText<'a>>) {
        (
            CsvText {
                name: "entities.csv",
                text: entities,
            },
            Some(CsvText {
                name: "relations.csv",
                text: relations,
            }),
        )
    }

    #[test]
    fn importing_twice_adds_nothing_the_second_time() -> TestResult {
        let store = GraphStore::in_memory()?;
        let (entities, relations) = files(ENTITIES, RELATIONS);
        let landscape = parse(entities, relations)?;
        let first = import(&store, &landscape)?;
        assert_eq!(first.quads_added, landscape.quads().len());
        assert!(first.quads_added > 40, "{first}");
        let again = parse(entities, relations)?;
        assert_eq!(
            again.quads(),
            landscape.quads(),
            "the mapping is deterministic"
        );
        let second = import(&store, &again)?;
        assert_eq!(second.quads_added, 0);
        Ok(())
    }

    /// Imports `entities` and `relations` into a store holding the good import, and returns the
    /// error with the store's quads before and after.
    fn refused(
        entities: &str,
        relations: &str,
    ) -> Result<(ImportError, usize, usize), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let (good_entities, good_relations) = files(ENTITIES, RELATIONS);
        import(&store, &parse(good_entities, good_relations)?)?;
        let before = store.len()?;
        let (entities, relations) = files(entities, relations);
        let error =
            match parse(entities, relations).and_then(|landscape| import(&store, &landscape)) {
                Ok(report) => return Err(format!("not refused: {report}").into()),
                Err(error) => error,
            };
        Ok((error, before, store.len()?))
    }

    #[test]
    fn bad_rows_are_refused_with_their_place_and_nothing_is_stored() -> TestResult {
        let extra_good_row = "r3,Recommendation,ITU-T X.3,Three,ITU-T SG17,,new topic,\n";
        let cases = [
            (
                format!("{ENTITIES}{extra_good_row}r4,Standard,X,T,,,,\n"),
                RELATIONS.to_owned(),
                "entities.csv:7:2: type: unknown type \"Standard\"",
            ),
            (
                format!("{ENTITIES}{extra_good_row}"),
                format!("{RELATIONS}r3,basedOn,r9,note,\n"),
                "relations.csv:3:3: object_id: unknown id \"r9\"",
            ),
            (
                format!("{ENTITIES}{extra_good_row}"),
                format!("{RELATIONS}r3,extends,r1,note,\n"),
                "relations.csv:3:2: relation: unknown relation \"extends\"",
            ),
            (
                format!("{ENTITIES}{extra_good_row}r1,Recommendation,X,T,,,,\n"),
                RELATIONS.to_owned(),
                "entities.csv:7:1: id: the id \"r1\" is already used on line 4",
            ),
            (
                format!("{ENTITIES}{extra_good_row}role-x,Person-role,Somebody,T,ITU-T SG17,,,\n"),
                RELATIONS.to_owned(),
                "entities.csv:7:3: label: a Person-role label reads",
            ),
            (
                format!("{ENTITIES}{extra_good_row}r5,Recommendation,X,T,,\n"),
                RELATIONS.to_owned(),
                "entities.csv:7: the row has 6 fields; the file has 8 columns",
            ),
        ];
        for (entities, relations, expected) in cases {
            let (error, before, after) = refused(&entities, &relations)?;
            assert!(
                error.to_string().starts_with(expected),
                "{error}\nexpected {expected}"
            );
            assert_eq!(before, after, "{expected}: the store changed");
        }
        Ok(())
    }

    #[test]
    fn lines_are_counted_right_in_crlf_files() -> TestResult {
        let entities = "id,type,label,title,publisher/owner,year/status,topics,source_url\r\n\
            a,SDO,A,\"two\r\nlines\",,,,\r\nb,Gadget,B,,,,,\r\n";
        let error = parse(
            CsvText {
                name: "e.csv",
                text: entities,
            },
            None,
        )
        .err()
        .ok_or("not refused")?;
        assert!(error.to_string().starts_with("e.csv:4:2: type:"), "{error}");
        Ok(())
    }

    #[test]
    fn a_file_with_another_header_is_refused_naming_the_expected_columns() -> TestResult {
        let wrong = ENTITIES.replacen("publisher/owner", "owner", 1);
        let (error, before, after) = refused(&wrong, RELATIONS)?;
        let message = error.to_string();
        assert!(
            message.starts_with("entities.csv:1: the header is"),
            "{message}"
        );
        assert!(
            message.contains("id,type,label,title,publisher/owner,year/status,topics,source_url"),
            "{message}"
        );
        assert_eq!(before, after);
        let swapped = RELATIONS.replacen("subject_id,relation", "relation,subject_id", 1);
        let (error, ..) = refused(ENTITIES, &swapped)?;
        assert!(
            matches!(
                error,
                ImportError::Header {
                    what: "relations",
                    ..
                }
            ),
            "{error}"
        );
        Ok(())
    }

    #[test]
    fn the_shared_landscape_imports_whole() -> TestResult {
        let landscape = parse(
            crate::data::LANDSCAPE_ENTITIES,
            Some(crate::data::LANDSCAPE_RELATIONS),
        )?;
        let report = landscape.report();
        assert_eq!(report.entities, 154, "{report}");
        assert_eq!(report.relations, 110, "{report}");
        assert_eq!(report.people, 4, "{report}");
        let unresolved: Vec<&str> = report
            .unresolved_owners
            .iter()
            .map(|o| o.owner.as_str())
            .collect();
        assert!(unresolved.iter().all(|owner| *owner == "GSC"), "{report}");
        let store = GraphStore::in_memory()?;
        assert_eq!(
            import(&store, &landscape)?.quads_added,
            landscape.quads().len()
        );
        Ok(())
    }
}
