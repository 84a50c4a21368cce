//! Integration tests: the HTTP service in process (no socket), and the real binary end to end.

mod cli;
mod common;
mod graph_store;
mod import;
mod named_queries;
mod sparql_protocol;
mod validation_inference;
mod w3c_bad_inputs;
