#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(e) = idmgraph::ingest::extract::extract_bytes(data) {
        let n = std::str::from_utf8(data).map_or(0, |s| s.chars().count());
        assert!(e.mentions.iter().all(|m| m.start < m.end && m.end <= n));
    }
});
