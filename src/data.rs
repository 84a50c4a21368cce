//! The default data the service starts with: the ontology, the seed liaison as a graph, and
//! the curated landscape (`data/landscape/*.csv`, imported by [`crate::ingest::landscape`]).
//! Everything is embedded in the binary, so a fresh data directory needs nothing from the
//! network or the working folder.

use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNodeRef;

use crate::ingest::landscape::{self, CsvText};
use crate::store::{GraphStore, Input, StoreError};
use crate::vocab::graph;

/// One embedded document and the named graph it is loaded into.
pub struct EmbeddedGraph {
    /// Path of the file in the repository, for messages.
    pub path: &'static str,
    /// The named graph the document goes into.
    pub graph: NamedNodeRef<'static>,
    /// The Turtle text.
    pub turtle: &'static str,
}

/// The ontology (its SHACL shapes stay out of the store: they are not data).
pub const ONTOLOGY: EmbeddedGraph = EmbeddedGraph {
    path: "ontology/idm.ttl",
    graph: graph::ONTOLOGY,
    turtle: include_str!("../ontology/idm.ttl"),
};

/// The facts of the seed liaison statement (SG17 to TSAG, JCA-IdM terms of reference).
pub const SEED: EmbeddedGraph = EmbeddedGraph {
    path: "data/seed.ttl",
    graph: graph::SEED,
    turtle: include_str!("../data/seed.ttl"),
};

/// The SHACL shapes the default data conforms to.
pub const SHAPES: &str = include_str!("../ontology/shapes.ttl");

/// The curated landscape's entities, imported into the landscape graph.
pub const LANDSCAPE_ENTITIES: CsvText<'static> = CsvText {
    name: "data/landscape/entities.csv",
    text: include_str!("../data/landscape/entities.csv"),
};

/// The curated landscape's relations between the entities.
pub const LANDSCAPE_RELATIONS: CsvText<'static> = CsvText {
    name: "data/landscape/relations.csv",
    text: include_str!("../data/landscape/relations.csv"),
};

/// Everything loaded into an empty store.
pub const DEFAULT_GRAPHS: &[EmbeddedGraph] = &[ONTOLOGY, SEED];

/// Loads the default data (the [`DEFAULT_GRAPHS`] and the landscape) and computes its overlaps
/// graph, in one transaction. Returns the number of quads added.
pub fn load_default_data(store: &GraphStore) -> Result<usize, StoreError> {
    let curated = landscape::parse(LANDSCAPE_ENTITIES, Some(LANDSCAPE_RELATIONS)).map_err(|e| {
        StoreError::Syntax {
            source_name: "data/landscape".to_owned(),
            error: e.to_string(),
        }
    })?;
    let before = store.len()?;
    store.write(|transaction| {
        curated.insert_into(transaction)?;
        for embedded in DEFAULT_GRAPHS {
            crate::store::load_into(
                transaction,
                Input {
                    name: embedded.path.to_owned(),
                    format: RdfFormat::Turtle,
                    reader: embedded.turtle.as_bytes(),
                },
                Some(embedded.graph.into()),
            )?;
        }
        // The overlaps of the default data commit with it (src/overlap/materialise.rs).
        crate::overlap::materialise::materialise(
            transaction,
            crate::overlap::service::DEFAULT_MIN_SCORE,
        )?;
        Ok::<_, StoreError>(())
    })?;
    Ok(store.len()?.saturating_sub(before))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_data_loads_into_an_empty_store() -> Result<(), Box<dyn std::error::Error>> {
        let store = GraphStore::in_memory()?;
        let added = load_default_data(&store)?;
        assert!(added > 100, "only {added} quads");
        for embedded in DEFAULT_GRAPHS {
            let graph = oxigraph::model::GraphName::NamedNode(embedded.graph.into_owned());
            assert!(store.contains_graph(&graph)?, "{} missing", embedded.graph);
        }
        let landscape = oxigraph::model::GraphName::NamedNode(graph::LANDSCAPE.into_owned());
        assert!(
            store.contains_graph(&landscape)?,
            "the landscape graph is missing"
        );
        Ok(())
    }
}
