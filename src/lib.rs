//! idmgraph: a knowledge graph of identity-management (IdM) standards, the bodies that write
//! them and the links between them, served over SPARQL 1.1 from an embedded Oxigraph store.
//!
//! The crate is a library with a thin binary (`src/main.rs`): [`cli`] parses the command line,
//! [`store`] owns the on-disk store, [`sparql`] evaluates queries and updates with timeouts,
//! [`http`] serves the SPARQL Protocol and the Graph Store Protocol; [`queries`] holds the named
//! analyst queries and [`export`] renders the IdM landscape from one of them. [`inference`] keeps
//! the ontology's closure in its own graph, [`validate`] checks the data against the SHACL shapes,
//! [`canonical`] writes RDFC-1.0 canonical dumps; [`ingest`] imports the landscape CSV and
//! extracts mentions from liaison text. [`overlap`] scores and explains duplicated work across
//! bodies, [`allocate`] recommends the study group and Question for a work item (both pure).
//! The web front reads [`describe`] (what the graph says about one resource, its neighbourhood,
//! compact JSON-LD), [`labels`] (names for IRIs) and [`search`] (the tantivy text index).

pub mod allocate;
pub mod canonical;
pub mod cli;
pub mod data;
pub mod describe;
pub mod export;
pub mod inference;
pub mod ingest;
pub mod labels;
pub mod overlap;
pub mod queries;
pub mod remote;
pub mod search;
pub mod sparql;
pub mod store;
pub mod validate;
pub mod vocab;

pub mod http;
