#![no_main]
use libfuzzer_sys::fuzz_target;

// An entities CSV, then after a NUL byte a relations CSV (seeds: fuzz/seeds/landscape). The
// properties live in the library, shared with `examples/fuzz.rs` (`scripts/fuzz`).
fuzz_target!(|data: &[u8]| {
    idmgraph::ingest::fuzzing::landscape(data);
});
