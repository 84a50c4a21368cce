//! The web front's shared parts: the HTML templates (minijinja, auto-escaped, embedded from
//! `templates/`), the static assets (embedded from `assets/`, the vendored libraries included:
//! nothing is fetched from elsewhere), links to entity pages, and the home page.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use minijinja::{AutoEscape, Environment};
use oxigraph::model::NamedNodeRef;
use oxigraph::model::vocab::rdf;
use serde::Serialize;

use super::negotiate::{Offer, negotiate};
use super::{AppError, AppState};
use crate::labels::{natural_key, terms};
use crate::search::Snapshot;
use crate::vocab::{ID_BASE, idm};

/// Version of the assets, in their URLs: a new build is never served an old cached script.
pub const ASSET_VERSION: &str = env!("CARGO_PKG_VERSION");

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("entity.html", include_str!("../../templates/entity.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "query_editor.html",
        include_str!("../../templates/query_editor.html"),
    ),
    ("error.html", include_str!("../../templates/error.html")),
];

/// The static files under `/assets/`: name, media type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/style.css"),
    ),
    (
        "search.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/search.js"),
    ),
    (
        "picture.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/picture.js"),
    ),
    (
        "editor.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/editor.js"),
    ),
    (
        "vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/cytoscape.min.js"),
    ),
    (
        "vendor/codemirror-sparql.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/codemirror-sparql.min.js"),
    ),
    (
        "vendor/LICENSES.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../../assets/vendor/LICENSES.txt"),
    ),
];

fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            // The templates are embedded: a syntax error is caught by the tests of every page.
            if let Err(error) = env.add_template(name, source) {
                tracing::error!(%error, template = name, "template does not parse");
            }
        }
        configure(&mut env);
        env
    })
}

/// The globals and the escaping of every page.
fn configure(env: &mut Environment<'_>) {
    env.add_global("asset_version", ASSET_VERSION);
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(text) if state.auto_escape() == AutoEscape::Html && !value.is_safe() => {
            Ok(out.write_str(&escape_html(text))?)
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
}

/// Escapes text for HTML content and quoted attributes. Unlike minijinja's default it leaves
/// `/` alone: `href="/id/sg/sg17"` stays readable (and a page a little smaller).
fn escape_html(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

impl From<crate::search::SearchError> for AppError {
    fn from(error: crate::search::SearchError) -> Self {
        Self::Internal(error.to_string())
    }
}

/// Renders a template into an HTML response.
pub fn render(template: &str, context: impl Serialize) -> Result<Response, AppError> {
    render_with_status(StatusCode::OK, template, context)
}

/// Renders a template into an HTML response with `status`.
pub fn render_with_status(
    status: StatusCode,
    template: &str,
    context: impl Serialize,
) -> Result<Response, AppError> {
    let html = environment()
        .get_template(template)
        .and_then(|t| t.render(context))
        .map_err(|e| AppError::Internal(format!("rendering {template}: {e:#}")))?;
    let mut response = (status, Html(html)).into_response();
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

/// Whether the client prefers HTML to JSON (a browser, say).
pub fn wants_html(headers: &HeaderMap) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Json,
        Html,
    }
    const OFFERS: &[Offer<Kind>] = &[
        Offer {
            format: Kind::Json,
            media_types: &["application/json"],
        },
        Offer {
            format: Kind::Html,
            media_types: &["text/html", "application/xhtml+xml"],
        },
    ];
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    negotiate(accept, OFFERS).is_ok_and(|k| k == Kind::Html)
}

/// An error as an HTML page, for browsers; the same status as the JSON error.
pub fn error_page(error: AppError) -> Response {
    error.log();
    let status = error.status();
    let context = minijinja::context! { status => status.as_u16(), title => status.canonical_reason().unwrap_or("error"), detail => error.to_string() };
    render_with_status(status, "error.html", context).unwrap_or_else(|e| e.into_response())
}

/// The local page of a resource: `/id/…` for entities, `/resource?iri=…` for any other IRI.
pub fn href(iri: &str) -> String {
    match iri.strip_prefix(ID_BASE) {
        Some(path) if !path.is_empty() && !path.contains(['?', '#']) => format!("/id/{path}"),
        _ => format!("/resource?iri={}", encode(iri)),
    }
}

/// Percent-encodes a query-string value.
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// `GET /assets/{*path}`: an embedded static file.
pub async fn asset(Path(path): Path<String>) -> Result<Response, AppError> {
    let Some(&(_, media_type, bytes)) = ASSETS.iter().find(|(name, _, _)| *name == path) else {
        return Err(AppError::NotFound(format!("no asset {path}")));
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A link to a resource, as templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Its name.
    pub label: String,
    /// Its local page.
    pub href: String,
    /// Its IRI.
    pub iri: String,
}

impl Link {
    /// A link to `iri` named from the catalog.
    pub fn to(snapshot: &Snapshot, iri: &str) -> Self {
        Self {
            label: snapshot.catalog.label(iri),
            href: href(iri),
            iri: iri.to_owned(),
        }
    }
}

#[derive(Serialize)]
struct TypeCount {
    class: Link,
    count: usize,
}

#[derive(Serialize)]
struct Body {
    body: Link,
    identifier: Option<String>,
    title: Option<String>,
    units: Vec<Link>,
}

#[derive(Serialize)]
struct BodyGroup {
    title: &'static str,
    bodies: Vec<Body>,
}

#[derive(Serialize)]
struct Example {
    name: &'static str,
    title: String,
    question: String,
}

/// `GET /`: what is in the graph, its bodies and study groups, and the ways in.
pub async fn home(State(state): State<AppState>) -> Result<Response, AppError> {
    let store = state.store.clone();
    let search = state.search.clone();
    let (snapshot, units) = tokio::task::spawn_blocking(move || {
        let snapshot = search.snapshot(&store)?;
        let units = sub_units(&store)?;
        Ok::<_, AppError>((snapshot, units))
    })
    .await??;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut entities = 0;
    for (iri, resource) in snapshot.catalog.iter() {
        if !iri.starts_with(ID_BASE) || resource.is_record() {
            continue;
        }
        entities += 1;
        for class in &resource.types {
            *counts.entry(class.as_str()).or_default() += 1;
        }
    }
    let mut types: Vec<TypeCount> = counts
        .into_iter()
        .filter(|(class, _)| *class != rdf::STATEMENT.as_str())
        .map(|(class, count)| TypeCount {
            class: Link::to(&snapshot, class),
            count,
        })
        .collect();
    types.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.class.label.cmp(&b.class.label))
    });
    let groups = [
        ("Standards bodies and fora", idm::SDO),
        ("Study groups and advisory groups", idm::STUDY_GROUP),
        ("Working groups and committees", idm::WORKING_GROUP),
        ("Coordination bodies", idm::COORDINATION_BODY),
    ]
    .into_iter()
    .map(|(title, class)| BodyGroup {
        title,
        bodies: bodies_of(&snapshot, class, &units),
    })
    .collect::<Vec<_>>();
    let examples: Vec<Example> = crate::queries::registry()?
        .queries()
        .iter()
        .map(|q| Example {
            name: q.name,
            title: q.title.clone(),
            question: q.question.clone(),
        })
        .collect();
    render(
        "home.html",
        minijinja::context! {
            entities => entities,
            types => types,
            groups => groups,
            examples => examples,
        },
    )
}

/// Units of each body (`org:subOrganizationOf`, asserted or inferred): Questions of study
/// groups, working groups of committees.
fn sub_units(store: &crate::store::GraphStore) -> Result<BTreeMap<String, Vec<String>>, AppError> {
    let mut units: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for quad in
        store
            .oxigraph()
            .quads_for_pattern(None, Some(terms::ORG_SUB_ORGANIZATION_OF), None, None)
    {
        let quad = quad.map_err(|e| AppError::Internal(e.to_string()))?;
        let (
            oxigraph::model::NamedOrBlankNode::NamedNode(unit),
            oxigraph::model::Term::NamedNode(parent),
        ) = (&quad.subject, &quad.object)
        else {
            continue;
        };
        let list = units.entry(parent.as_str().to_owned()).or_default();
        if !list.iter().any(|u| u == unit.as_str()) {
            list.push(unit.as_str().to_owned());
        }
    }
    Ok(units)
}

fn bodies_of(
    snapshot: &Snapshot,
    class: NamedNodeRef<'_>,
    units: &BTreeMap<String, Vec<String>>,
) -> Vec<Body> {
    let mut bodies: Vec<Body> = snapshot
        .catalog
        .iter()
        .filter(|(iri, r)| iri.starts_with(ID_BASE) && r.types.iter().any(|t| t == class.as_str()))
        .map(|(iri, r)| {
            let mut sub: Vec<Link> = units
                .get(iri)
                .into_iter()
                .flatten()
                .map(|u| Link::to(snapshot, u))
                .collect();
            sub.sort_by_key(|link| natural_key(&link.label));
            Body {
                body: Link::to(snapshot, iri),
                identifier: r.identifier.clone(),
                title: r.title.clone(),
                units: sub,
            }
        })
        .collect();
    bodies.sort_by_key(|b| natural_key(&b.body.label));
    bodies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_but_paths_stay_readable() -> Result<(), minijinja::Error> {
        let mut env = Environment::new();
        env.add_template("t.html", "<a href=\"{{ href }}\">{{ text }}</a>")?;
        let context = minijinja::context! {
            href => "/id/sg/sg17", text => "<b>\"R&D\" & 'x'</b>",
        };
        // minijinja's own escaping, which `configure` replaces, writes `/` as `&#x2f;`.
        assert!(
            env.get_template("t.html")?
                .render(&context)?
                .contains("&#x2f;")
        );
        configure(&mut env);
        assert_eq!(
            env.get_template("t.html")?.render(&context)?,
            "<a href=\"/id/sg/sg17\">&lt;b&gt;&quot;R&amp;D&quot; &amp; &#x27;x&#x27;&lt;/b&gt;</a>"
        );
        Ok(())
    }

    #[test]
    fn every_template_parses() {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            if let Err(error) = env.add_template(name, source) {
                panic!("{name}: {error:#}");
            }
        }
        for (name, _) in TEMPLATES {
            assert!(environment().get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn entities_link_to_their_own_path_and_others_through_resource() {
        assert_eq!(
            href("https://w3id.org/idmgraph/id/rec/itut-x1252"),
            "/id/rec/itut-x1252"
        );
        assert_eq!(
            href("https://w3id.org/idmgraph/ontology#Recommendation"),
            "/resource?iri=https%3A%2F%2Fw3id.org%2Fidmgraph%2Fontology%23Recommendation"
        );
    }
}
