//! Integration tests: the HTTP service in process (no socket), and the real binary end to end.

mod browse;
mod browser;
mod cli;
mod common;
mod graph_store;
mod import;
mod ingest;
mod named_queries;
mod overlaps_allocate;
mod sparql_protocol;
mod staying_up;
mod validation_inference;
mod w3c_bad_inputs;
