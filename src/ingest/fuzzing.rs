//! The properties the fuzz targets check, one function per target, shared by the cargo-fuzz
//! targets (`fuzz/fuzz_targets/`, libFuzzer on a nightly toolchain) and by the plain loop of
//! random and mutated inputs (`examples/fuzz.rs`, run by `scripts/fuzz` for a given time), so
//! that both test the same thing. Each function takes any bytes, panics when a property does
//! not hold (any other panic inside is a bug found too), and says whether the input was
//! accepted (read as text, or imported) rather than refused with an error.

use oxigraph::model::{GraphName, NamedOrBlankNode, Term};

use super::extract;
use super::landscape::{self, CsvText};
use crate::vocab::graph;

/// The extractor: binary or non-UTF-8 input gets an error, never a panic; every mention of
/// text lies inside it and its `text` is the span it claims.
pub fn extract(data: &[u8]) -> bool {
    let Ok(extraction) = extract::extract_bytes(data) else {
        return false;
    };
    let text = std::str::from_utf8(data).expect("extracted input is UTF-8");
    let chars: Vec<char> = text.chars().collect();
    for m in &extraction.mentions {
        assert!(m.start < m.end && m.end <= chars.len(), "span of {m:?}");
        let span: String = chars[m.start..m.end].iter().collect();
        assert_eq!(span, m.text, "text of {m:?}");
    }
    true
}

/// The landscape CSV importer, on an entities file and, after a NUL byte, a relations file: a
/// bad file is refused with an error naming it, never a panic; a good one maps to quads that
/// all lie in the landscape graph, hold no blank node, are as many as the report says, and
/// are the same when parsed again.
pub fn landscape(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let (entities, relations) = match text.split_once('\0') {
        Some((entities, relations)) => (entities, Some(relations)),
        None => (text, None),
    };
    let parse = || {
        landscape::parse(
            CsvText {
                name: "entities.csv",
                text: entities,
            },
            relations.map(|text| CsvText {
                name: "relations.csv",
                text,
            }),
        )
    };
    match parse() {
        Ok(parsed) => {
            let in_graph = GraphName::NamedNode(graph::LANDSCAPE.into_owned());
            for quad in parsed.quads() {
                assert_eq!(quad.graph_name, in_graph, "{quad}");
                assert!(
                    !matches!(quad.subject, NamedOrBlankNode::BlankNode(_))
                        && !matches!(quad.object, Term::BlankNode(_)),
                    "blank node in {quad}"
                );
            }
            assert_eq!(parsed.report().quads, parsed.quads().len());
            let again = parse().expect("a landscape that parsed once parses again");
            assert_eq!(again.quads(), parsed.quads(), "parsing is deterministic");
            true
        }
        Err(error) => {
            let message = error.to_string();
            assert!(
                message.starts_with("entities.csv:") || message.starts_with("relations.csv:"),
                "the error names no file: {message}"
            );
            false
        }
    }
}

/// xorshift64: random and mutated inputs, reproducible from the seed, without a dependency.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_properties_hold_on_the_default_landscape_and_the_test_documents() {
        let pair = format!(
            "{}\0{}",
            crate::data::LANDSCAPE_ENTITIES.text,
            crate::data::LANDSCAPE_RELATIONS.text
        );
        assert!(landscape(pair.as_bytes()));
        assert!(!landscape(b"id,type\nx,y\n"));
        assert!(!landscape(b"\xff\xfe"));
        assert!(extract(include_bytes!("../../tests/extract/seed.txt")));
        assert!(!extract(b"\x7fELF\0\0"));
    }
}
