#![no_main]
use libfuzzer_sys::fuzz_target;

// The properties live in the library, shared with `examples/fuzz.rs` (`scripts/fuzz`).
fuzz_target!(|data: &[u8]| {
    idmgraph::ingest::fuzzing::extract(data);
});
