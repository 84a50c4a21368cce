//! Canonical dumps (RDFC-1.0) and isomorphism checks, with sophia.
//!
//! Oxigraph writes N-Quads; sophia's N-Quads parser reads them into a sophia dataset;
//! `sophia::c14n::rdfc10` relabels blank nodes canonically and sorts the quads. Two dumps of the
//! same data are then byte-identical, whatever the blank node labels or insertion order, so
//! analysts can `diff` two versions of the landscape. [`isomorphic_nquads`] uses
//! `sophia::isomorphism` to compare two N-Quads documents up to blank node renaming.

use std::collections::HashSet;
use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::GraphNameRef;
use sophia::api::prelude::QuadSource;
use sophia::api::quad::Spog;
use sophia::api::term::SimpleTerm;
use sophia::c14n::rdfc10;
use sophia::turtle::parser::nq;

use crate::store::{GraphStore, StoreError};

/// A sophia dataset, as parsed from N-Quads.
pub type SophiaDataset = HashSet<Spog<SimpleTerm<'static>>>;

/// Errors of canonicalisation.
#[derive(Debug, thiserror::Error)]
pub enum CanonicalError {
    /// The N-Quads could not be parsed.
    #[error("parsing N-Quads: {0}")]
    Parse(String),
    /// RDFC-1.0 gave up (a dataset deemed too complex for its safeguards) or could not write.
    #[error("canonicalising: {0}")]
    Canonicalise(String),
    /// Writing the N-Quads failed.
    #[error("writing N-Quads: {0}")]
    Io(#[from] std::io::Error),
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Parses an N-Quads document into a sophia dataset.
pub fn parse_nquads(nquads: &[u8]) -> Result<SophiaDataset, CanonicalError> {
    nq::parse_bufread(nquads)
        .collect_quads()
        .map_err(|e| CanonicalError::Parse(e.to_string()))
}

/// Writes the store's quads (or only those of `graph`) as canonical N-Quads.
pub fn write_canonical(
    store: &GraphStore,
    graph: Option<GraphNameRef<'_>>,
    writer: impl Write,
) -> Result<(), CanonicalError> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in store.oxigraph().quads_for_pattern(None, None, None, graph) {
        serializer.serialize_quad(&quad.map_err(StoreError::from)?)?;
    }
    let nquads = serializer.finish()?;
    canonicalise(&nquads, writer)
}

/// Writes the canonical form of an N-Quads document.
pub fn canonicalise(nquads: &[u8], writer: impl Write) -> Result<(), CanonicalError> {
    let dataset = parse_nquads(nquads)?;
    rdfc10::normalize(&dataset, writer).map_err(|e| CanonicalError::Canonicalise(e.to_string()))
}

/// Whether two N-Quads documents hold the same dataset, up to blank node labels.
pub fn isomorphic_nquads(a: &[u8], b: &[u8]) -> Result<bool, CanonicalError> {
    let (a, b) = (parse_nquads(a)?, parse_nquads(b)?);
    sophia::isomorphism::isomorphic_datasets(&a, &b)
        .map_err(|e| CanonicalError::Canonicalise(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Input;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    const DATA: &str = "_:x <http://e/p> \"1\" <http://e/g> .\n_:y <http://e/p> _:x .\n<http://e/a> <http://e/q> _:y <http://e/g> .\n";

    fn canonical_of(nquads: &str) -> Result<String, Box<dyn std::error::Error>> {
        let mut out = Vec::new();
        canonicalise(nquads.as_bytes(), &mut out)?;
        Ok(String::from_utf8(out)?)
    }

    #[test]
    fn blank_node_labels_and_order_do_not_change_the_canonical_form() -> TestResult {
        let mut lines: Vec<&str> = DATA.lines().rev().collect();
        lines.push("");
        let relabelled = lines
            .join("\n")
            .replace("_:x", "_:other")
            .replace("_:y", "_:x");
        assert_eq!(canonical_of(DATA)?, canonical_of(&relabelled)?);
        assert!(canonical_of(DATA)?.contains("_:c14n0"));
        assert!(isomorphic_nquads(DATA.as_bytes(), relabelled.as_bytes())?);
        assert!(!isomorphic_nquads(
            DATA.as_bytes(),
            DATA.replace("\"1\"", "\"2\"").as_bytes()
        )?);
        Ok(())
    }

    #[test]
    fn a_dump_round_trip_is_isomorphic_to_the_input_and_canonical_dumps_agree() -> TestResult {
        let load = || -> Result<GraphStore, Box<dyn std::error::Error>> {
            let store = GraphStore::in_memory()?;
            let input = Input {
                name: "data.nq".to_owned(),
                format: RdfFormat::NQuads,
                reader: DATA.as_bytes(),
            };
            store.load([input], None)?;
            Ok(store)
        };
        let (first, second) = (load()?, load()?);
        let mut dump = Vec::new();
        first.dump(RdfFormat::NQuads, &mut dump)?;
        assert!(isomorphic_nquads(DATA.as_bytes(), &dump)?);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_canonical(&first, None, &mut a)?;
        write_canonical(&second, None, &mut b)?;
        assert_eq!(a, b);
        Ok(())
    }
}
