//! Content negotiation: picks a response format from an `Accept` header, honouring q-values.

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

use crate::sparql::{QueryForm, ResultsFormat};

/// A format the server can answer with, and the media types that name it (canonical first).
pub struct Offer<T> {
    /// The format.
    pub format: T,
    /// Media types that select it, lower case.
    pub media_types: &'static [&'static str],
}

/// SPARQL results formats, the default (no `Accept`) first.
pub const TABLE_OFFERS: &[Offer<QueryResultsFormat>] = &[
    Offer {
        format: QueryResultsFormat::Json,
        media_types: &["application/sparql-results+json", "application/json"],
    },
    Offer {
        format: QueryResultsFormat::Xml,
        media_types: &[
            "application/sparql-results+xml",
            "application/xml",
            "text/xml",
        ],
    },
    Offer {
        format: QueryResultsFormat::Csv,
        media_types: &["text/csv"],
    },
    Offer {
        format: QueryResultsFormat::Tsv,
        media_types: &["text/tab-separated-values"],
    },
];

/// RDF graph formats, the default (no `Accept`) first: JSON-LD, so that a client asking
/// nothing gets JSON whatever the query form.
pub const GRAPH_OFFERS: &[Offer<RdfFormat>] = &[
    Offer {
        format: RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
        media_types: &["application/ld+json", "application/json"],
    },
    Offer {
        format: RdfFormat::Turtle,
        media_types: &["text/turtle", "application/x-turtle"],
    },
    Offer {
        format: RdfFormat::NTriples,
        media_types: &["application/n-triples", "text/plain"],
    },
    Offer {
        format: RdfFormat::NQuads,
        media_types: &["application/n-quads"],
    },
    Offer {
        format: RdfFormat::TriG,
        media_types: &["application/trig"],
    },
    Offer {
        format: RdfFormat::RdfXml,
        media_types: &["application/rdf+xml", "application/xml", "text/xml"],
    },
];

/// The `Accept` header matches none of the formats on offer.
#[derive(Debug)]
pub struct NotAcceptable {
    /// The header as sent.
    pub accept: String,
    /// The media types that would have been accepted.
    pub offered: Vec<&'static str>,
}

/// Picks the offer the client prefers: highest q-value, then the range the client listed
/// first, then the server's order. A missing or empty header picks the first offer.
///
/// Aliases (`application/xml` for SPARQL XML results, say) count only when the client names
/// them exactly; a wildcard such as `text/*` matches an offer by its canonical media type.
pub fn negotiate<T: Copy>(accept: Option<&str>, offers: &[Offer<T>]) -> Result<T, NotAcceptable> {
    let Some(accept) = accept.map(str::trim).filter(|a| !a.is_empty()) else {
        return Ok(offers[0].format);
    };
    let ranges: Vec<MediaRange<'_>> = accept.split(',').filter_map(MediaRange::parse).collect();
    // (q, position of the deciding range in the header, format)
    let mut best: Option<(f32, usize, T)> = None;
    for offer in offers {
        let Some(found) = offer
            .media_types
            .iter()
            .enumerate()
            .filter_map(|(i, media_type)| {
                quality(&ranges, media_type).filter(|m| i == 0 || m.specificity == 2)
            })
            .max_by_key(|m| (m.specificity, std::cmp::Reverse(m.position)))
        else {
            continue;
        };
        if found.q <= 0.0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((q, position, _)) => found.q > q || (found.q == q && found.position < position),
        };
        if better {
            best = Some((found.q, found.position, offer.format));
        }
    }
    best.map(|(_, _, format)| format)
        .ok_or_else(|| NotAcceptable {
            accept: accept.to_owned(),
            offered: offers.iter().map(|o| o.media_types[0]).collect(),
        })
}

/// Results format for a query form.
pub fn results_format(
    accept: Option<&str>,
    form: QueryForm,
) -> Result<ResultsFormat, NotAcceptable> {
    if form.is_graph() {
        negotiate(accept, GRAPH_OFFERS).map(ResultsFormat::Graph)
    } else {
        negotiate(accept, TABLE_OFFERS).map(ResultsFormat::Table)
    }
}

struct MediaRange<'a> {
    kind: &'a str,
    subtype: &'a str,
    q: f32,
}

impl<'a> MediaRange<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let mut parts = text.split(';');
        let (kind, subtype) = parts.next()?.trim().split_once('/')?;
        let mut q = 1.0;
        for parameter in parts {
            if let Some((name, value)) = parameter.split_once('=')
                && name.trim().eq_ignore_ascii_case("q")
            {
                q = value
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|q| (0.0..=1.0).contains(q))?;
            }
        }
        Some(Self {
            kind: kind.trim(),
            subtype: subtype.trim(),
            q,
        })
    }
}

/// How one media type is matched by an `Accept` header.
struct Match {
    /// 2 exact, 1 `type/*`, 0 `*/*`.
    specificity: u8,
    q: f32,
    /// Index of the range in the header.
    position: usize,
}

/// The most specific range of the header that matches `media_type`.
fn quality(ranges: &[MediaRange<'_>], media_type: &str) -> Option<Match> {
    let (kind, subtype) = media_type.split_once('/')?;
    ranges
        .iter()
        .enumerate()
        .filter_map(|(position, range)| {
            let specificity = match (range.kind, range.subtype) {
                ("*", "*") => 0,
                (k, "*") if k.eq_ignore_ascii_case(kind) => 1,
                (k, s) if k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype) => 2,
                _ => return None,
            };
            Some(Match {
                specificity,
                q: range.q,
                position,
            })
        })
        .max_by_key(|m| m.specificity)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(accept: Option<&str>) -> Option<QueryResultsFormat> {
        negotiate(accept, TABLE_OFFERS).ok()
    }

    #[test]
    fn no_accept_header_gives_json() {
        assert_eq!(table(None), Some(QueryResultsFormat::Json));
        assert_eq!(table(Some("")), Some(QueryResultsFormat::Json));
        assert!(matches!(
            negotiate(None, GRAPH_OFFERS),
            Ok(RdfFormat::JsonLd { .. })
        ));
    }

    #[test]
    fn q_values_decide_between_acceptable_formats() {
        let accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1";
        assert_eq!(table(Some(accept)), Some(QueryResultsFormat::Csv));
        assert_eq!(
            table(Some(
                "text/tab-separated-values, application/sparql-results+xml"
            )),
            Some(QueryResultsFormat::Tsv)
        );
    }

    #[test]
    fn a_specific_range_overrides_a_wildcard() {
        assert_eq!(
            table(Some("*/*;q=1, application/sparql-results+json;q=0")),
            Some(QueryResultsFormat::Xml)
        );
        assert_eq!(table(Some("text/*")), Some(QueryResultsFormat::Csv));
    }

    #[test]
    fn browsers_get_the_default_through_their_wildcard() {
        let accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert_eq!(table(Some(accept)), Some(QueryResultsFormat::Xml));
        assert!(matches!(
            negotiate(Some("text/html,*/*;q=0.8"), GRAPH_OFFERS),
            Ok(RdfFormat::JsonLd { .. })
        ));
    }

    #[test]
    fn nothing_acceptable_is_an_error() {
        let error = negotiate(Some("image/png"), TABLE_OFFERS).unwrap_err();
        assert!(error.offered.contains(&"text/csv"));
    }

    #[test]
    fn graph_formats_by_media_type() {
        assert_eq!(
            negotiate(Some("text/turtle"), GRAPH_OFFERS).ok(),
            Some(RdfFormat::Turtle)
        );
        assert_eq!(
            negotiate(Some("application/rdf+xml"), GRAPH_OFFERS).ok(),
            Some(RdfFormat::RdfXml)
        );
        assert_eq!(
            negotiate(Some("application/n-triples"), GRAPH_OFFERS).ok(),
            Some(RdfFormat::NTriples)
        );
    }
}
