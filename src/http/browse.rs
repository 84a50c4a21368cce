//! Dereferenceable IRIs and the neighbourhood picture's data.
//!
//! `GET /id/{*path}` describes the entity `https://w3id.org/idmgraph/id/{path}`, and
//! `GET /resource?iri=…` any IRI, on one URL per resource: HTML for browsers (the entity page,
//! [`super::entity_page`]), Turtle, N-Triples, RDF/XML, JSON-LD (compact, [`crate::describe::jsonld`]),
//! and, with the graph of each triple, N-Quads and TriG for clients, by `Accept` or `?format=`.
//! A resource the graph says nothing about is 404, as a page or as JSON.
//!
//! `GET /api/neighbourhood?iri=…&depth=1|2&relation=…` gives the nodes and labelled edges
//! around an entity ([`crate::describe::neighbourhood`]).

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedNode;

use super::entity_page::{self, PageParams};
use super::negotiate::{Offer, negotiate};
use super::web::{error_page, wants_html};
use super::{AppError, AppState};
use crate::describe::neighbourhood::{self, Neighbourhood};
use crate::describe::{Description, jsonld};
use crate::labels::{PREFIXES, expand_curie};
use crate::search::Snapshot;
use crate::vocab::ID_BASE;

/// What a resource's URL answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityFormat {
    /// The entity page.
    Html,
    /// Compact JSON-LD with its own context.
    JsonLd,
    /// An RDF syntax (graph formats get the triples, dataset formats the quads).
    Rdf(RdfFormat),
}

const ENTITY_OFFERS: &[Offer<EntityFormat>] = &[
    Offer {
        format: EntityFormat::Html,
        media_types: &["text/html", "application/xhtml+xml"],
    },
    Offer {
        format: EntityFormat::JsonLd,
        media_types: &["application/ld+json", "application/json"],
    },
    Offer {
        format: EntityFormat::Rdf(RdfFormat::Turtle),
        media_types: &["text/turtle", "application/x-turtle"],
    },
    Offer {
        format: EntityFormat::Rdf(RdfFormat::NTriples),
        media_types: &["application/n-triples", "text/plain"],
    },
    Offer {
        format: EntityFormat::Rdf(RdfFormat::RdfXml),
        media_types: &["application/rdf+xml", "application/xml", "text/xml"],
    },
    Offer {
        format: EntityFormat::Rdf(RdfFormat::NQuads),
        media_types: &["application/n-quads"],
    },
    Offer {
        format: EntityFormat::Rdf(RdfFormat::TriG),
        media_types: &["application/trig"],
    },
];

/// The `?format=` names, with the label of the download link and the media type.
pub const FORMAT_NAMES: &[(&str, &str, EntityFormat)] = &[
    ("ttl", "Turtle", EntityFormat::Rdf(RdfFormat::Turtle)),
    ("nt", "N-Triples", EntityFormat::Rdf(RdfFormat::NTriples)),
    ("rdf", "RDF/XML", EntityFormat::Rdf(RdfFormat::RdfXml)),
    ("jsonld", "JSON-LD", EntityFormat::JsonLd),
    (
        "nq",
        "N-Quads (with graphs)",
        EntityFormat::Rdf(RdfFormat::NQuads),
    ),
    (
        "trig",
        "TriG (with graphs)",
        EntityFormat::Rdf(RdfFormat::TriG),
    ),
    ("html", "HTML", EntityFormat::Html),
];

impl EntityFormat {
    /// The media type answered.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Html => "text/html; charset=utf-8",
            Self::JsonLd => "application/ld+json",
            Self::Rdf(format) => format.media_type(),
        }
    }
}

/// `GET /id/{*path}`: the entity `{ID_BASE}{path}`.
pub async fn entity(
    State(state): State<AppState>,
    Path(path): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let iri = format!("{ID_BASE}{path}");
    let params = PageParams::parse(raw.as_deref());
    respond(state, Ok(iri), params, &headers).await
}

/// `GET /resource?iri=…`: any resource of the graph.
pub async fn resource(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = PageParams::parse(raw.as_deref());
    let iri = params
        .as_ref()
        .ok()
        .and_then(|p| p.iri.clone())
        .ok_or_else(|| AppError::BadRequest("/resource needs ?iri=<an IRI>".to_owned()));
    respond(state, iri, params, &headers).await
}

async fn respond(
    state: AppState,
    iri: Result<String, AppError>,
    params: Result<PageParams, AppError>,
    headers: &HeaderMap,
) -> Response {
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let format = match params.as_ref().ok().and_then(|p| p.format) {
        Some(format) => Ok(format),
        None => negotiate(accept, ENTITY_OFFERS).map_err(AppError::from),
    };
    let html = matches!(format, Ok(EntityFormat::Html)) || wants_html(headers);
    let result = async {
        let format = format?;
        let params = params?;
        let iri = iri?;
        let subject = NamedNode::new(iri.clone())
            .map_err(|e| AppError::BadRequest(format!("<{iri}> is not an IRI: {e}")))?;
        describe(state, subject, format, params).await
    }
    .await;
    match result {
        Ok(response) => response,
        Err(error) if html => error_page(error),
        Err(error) => error.into_response(),
    }
}

/// What [`describe`] read: the whole description for data formats, what the page shows for
/// HTML.
enum Read {
    Data(Description),
    Page(
        std::sync::Arc<Snapshot>,
        Option<entity_page::PageData>,
        PageParams,
    ),
}

async fn describe(
    state: AppState,
    subject: NamedNode,
    format: EntityFormat,
    params: PageParams,
) -> Result<Response, AppError> {
    let store = state.store.clone();
    let search = state.search.clone();
    let outlines = state.outlines.clone();
    let read = {
        let subject = subject.clone();
        move || {
            if format != EntityFormat::Html {
                let description = Description::read(&store, subject.as_ref())
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                return Ok::<_, AppError>(Read::Data(description));
            }
            // The page reads what it shows, not the whole description: a hub has more links
            // than a page lists.
            let snapshot = search
                .snapshot(&store)
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let page = entity_page::read_page(&store, &outlines, subject.as_ref(), &params)
                .map_err(|e| AppError::Internal(e.to_string()))?;
            Ok(Read::Page(snapshot, page, params))
        }
    };
    let not_found = || AppError::NotFound(format!("the graph says nothing about <{subject}>"));
    let mut response = match tokio::task::spawn_blocking(read).await?? {
        Read::Page(_, None, _) => return Err(not_found()),
        Read::Page(snapshot, Some(page), params) => entity_page::render(&snapshot, &page, &params)?,
        Read::Data(description) if description.is_empty() => return Err(not_found()),
        Read::Data(description) => match format {
            EntityFormat::JsonLd => serde_json::to_vec_pretty(&jsonld::compact(&description))
                .map_err(|e| AppError::Internal(e.to_string()))?
                .into_response(),
            EntityFormat::Rdf(format) => serialize(&description, format)?.into_response(),
            EntityFormat::Html => {
                return Err(AppError::Internal("the page data was not read".to_owned()));
            }
        },
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

/// The description in an RDF syntax: triples for graph formats, quads (with their graphs) for
/// dataset formats.
fn serialize(description: &Description, format: RdfFormat) -> Result<Vec<u8>, AppError> {
    let internal = |e: &dyn std::fmt::Display| AppError::Internal(format!("serialising: {e}"));
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(
        format,
        RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml
    ) {
        for (prefix, namespace) in PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *namespace)
                .map_err(|e| internal(&e))?;
        }
    }
    let mut writer = serializer.for_writer(Vec::new());
    if format.supports_datasets() {
        for quad in description.quads() {
            writer.serialize_quad(&quad).map_err(|e| internal(&e))?;
        }
    } else {
        for triple in description.triples() {
            writer.serialize_triple(&triple).map_err(|e| internal(&e))?;
        }
    }
    writer.finish().map_err(|e| internal(&e))
}

/// Parses a `?format=` name.
pub fn format_named(name: &str) -> Result<EntityFormat, AppError> {
    let name = name.to_ascii_lowercase();
    let alias = match name.as_str() {
        "turtle" => "ttl",
        "ntriples" | "n-triples" => "nt",
        "xml" | "rdfxml" => "rdf",
        "json" | "json-ld" => "jsonld",
        "nquads" | "n-quads" => "nq",
        other => other,
    };
    FORMAT_NAMES
        .iter()
        .find(|(n, _, _)| *n == alias)
        .map(|(_, _, f)| *f)
        .ok_or_else(|| {
            let known: Vec<&str> = FORMAT_NAMES.iter().map(|(n, _, _)| *n).collect();
            AppError::BadRequest(format!(
                "unknown format {name:?}: use one of {}",
                known.join(", ")
            ))
        })
}

/// `GET /api/neighbourhood?iri=…&depth=1|2&relation=IRI…&inferred=true&limit=N`: the entity,
/// its neighbours and the links between them, as JSON.
#[utoipa::path(
    get,
    path = "/api/neighbourhood",
    tag = "browse",
    params(
        ("iri" = String, Query, description = "The entity's IRI."),
        ("depth" = Option<u8>, Query, description = "1 (default) or 2 steps out."),
        ("relation" = Option<Vec<String>>, Query, description = "Follow only these relations (IRI or prefix:name; repeatable)."),
        ("inferred" = Option<bool>, Query, description = "Include inferred links."),
        ("limit" = Option<usize>, Query, description = "Most nodes, 1 to 500 (default 150).")
    ),
    responses(
        (status = 200, description = "The entity, its neighbours and the labelled links between them", body = Neighbourhood),
        (status = 400, description = "A parameter is missing, unknown or out of range", body = super::ErrorBody),
        (status = 404, description = "The graph says nothing about the IRI", body = super::ErrorBody)
    )
)]
pub async fn neighbourhood_api(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Neighbourhood>, AppError> {
    let mut iri = None;
    let mut options = neighbourhood::Options::default();
    let mut relations: Vec<String> = Vec::new();
    let mut filtered = false;
    for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match name.as_ref() {
            "iri" => iri = Some(value.into_owned()),
            "depth" => {
                options.depth = match value.as_ref() {
                    "1" => 1,
                    "2" => 2,
                    other => {
                        return Err(AppError::BadRequest(format!(
                            "depth must be 1 or 2, not {other:?}"
                        )));
                    }
                }
            }
            "relation" => {
                filtered = true;
                if !value.is_empty() {
                    relations.push(expand_curie(&value).unwrap_or_else(|| value.into_owned()));
                }
            }
            "inferred" => options.inferred = value == "true" || value == "1",
            "limit" => {
                options.max_nodes = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=500).contains(n))
                    .ok_or_else(|| {
                        AppError::BadRequest(format!(
                            "limit must be a number of nodes from 1 to 500, not {value:?}"
                        ))
                    })?
            }
            other => {
                return Err(AppError::BadRequest(format!(
                    "unknown parameter {other:?}: use iri, depth, relation, inferred, limit"
                )));
            }
        }
    }
    if filtered {
        options.relations = Some(relations);
    }
    let iri = iri.ok_or_else(|| AppError::BadRequest("missing parameter iri".to_owned()))?;
    let root = NamedNode::new(iri.clone())
        .map_err(|e| AppError::BadRequest(format!("<{iri}> is not an IRI: {e}")))?;
    let store = state.store.clone();
    let search = state.search.clone();
    let found = tokio::task::spawn_blocking(move || {
        let snapshot = search
            .snapshot(&store)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        if !snapshot.catalog.is_described(root.as_str())
            && Description::read(&store, root.as_ref())
                .map_err(|e| AppError::Internal(e.to_string()))?
                .is_empty()
        {
            return Err(AppError::NotFound(format!(
                "the graph says nothing about <{root}>"
            )));
        }
        neighbourhood::neighbourhood(&store, &snapshot.catalog, root.as_ref(), &options)
            .map_err(|e| AppError::Internal(e.to_string()))
    })
    .await??;
    Ok(Json(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_and_aliases_resolve() {
        assert_eq!(
            format_named("ttl").ok(),
            Some(EntityFormat::Rdf(RdfFormat::Turtle))
        );
        assert_eq!(format_named("JSON-LD").ok(), Some(EntityFormat::JsonLd));
        assert!(format_named("pdf").is_err());
    }

    #[test]
    fn browsers_get_html_and_rdf_clients_their_syntax() {
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert_eq!(
            negotiate(Some(browser), ENTITY_OFFERS).ok(),
            Some(EntityFormat::Html)
        );
        assert_eq!(
            negotiate(Some("text/turtle"), ENTITY_OFFERS).ok(),
            Some(EntityFormat::Rdf(RdfFormat::Turtle))
        );
        assert_eq!(
            negotiate(Some("application/ld+json"), ENTITY_OFFERS).ok(),
            Some(EntityFormat::JsonLd)
        );
    }
}
