//! The Graph Store HTTP Protocol, in process.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::common::{TOKEN, TestResult, config, empty_app, encode, send};

const GRAPH: &str = "http://example.org/g";

fn store_uri() -> String {
    format!("/store?graph={}", encode(GRAPH))
}

fn write(method: &str, uri: &str, content_type: &str, body: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from(body.to_owned()))
        .expect("valid request")
}

#[tokio::test]
async fn put_creates_then_replaces_and_get_returns_the_graph() -> TestResult {
    let app = empty_app(config())?;
    let reply = send(
        &app,
        write(
            "PUT",
            &store_uri(),
            "text/turtle",
            "<http://e/a> <http://e/b> 1 .",
        ),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::CREATED);
    let reply = send(
        &app,
        write(
            "PUT",
            &store_uri(),
            "text/turtle",
            "<http://e/a> <http://e/b> 2 .",
        ),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let request = Request::get(store_uri())
        .header(header::ACCEPT, "application/n-triples")
        .body(Body::empty())?;
    let reply = send(&app, request).await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type(), "application/n-triples");
    let text = reply.text();
    assert!(text.contains("\"2\"^^"), "{text}");
    assert!(!text.contains("\"1\"^^"), "{text}");
    Ok(())
}

#[tokio::test]
async fn post_adds_and_delete_removes() -> TestResult {
    let app = empty_app(config())?;
    send(
        &app,
        write(
            "POST",
            &store_uri(),
            "application/n-triples",
            "<http://e/a> <http://e/b> <http://e/c> .\n",
        ),
    )
    .await?;
    let reply = send(
        &app,
        write(
            "POST",
            &store_uri(),
            "text/turtle",
            "<http://e/a> <http://e/b> <http://e/d> .",
        ),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let reply = send(
        &app,
        Request::get(store_uri())
            .header(header::ACCEPT, "text/turtle")
            .body(Body::empty())?,
    )
    .await?;
    assert!(
        reply.text().contains("<http://e/c>") && reply.text().contains("<http://e/d>"),
        "{}",
        reply.text()
    );
    let delete = Request::delete(store_uri())
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())?;
    assert_eq!(send(&app, delete).await?.status, StatusCode::NO_CONTENT);
    assert_eq!(
        send(&app, Request::get(store_uri()).body(Body::empty())?)
            .await?
            .status,
        StatusCode::NOT_FOUND
    );
    Ok(())
}

#[tokio::test]
async fn head_has_a_content_type_and_no_body() -> TestResult {
    let app = empty_app(config())?;
    send(
        &app,
        write(
            "PUT",
            &store_uri(),
            "text/turtle",
            "<http://e/a> <http://e/b> 1 .",
        ),
    )
    .await?;
    let reply = send(
        &app,
        Request::head(store_uri())
            .header(header::ACCEPT, "text/turtle")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type(), "text/turtle");
    assert!(reply.body.is_empty());
    Ok(())
}

#[tokio::test]
async fn malformed_turtle_is_400_with_position_and_stores_nothing() -> TestResult {
    let app = empty_app(config())?;
    let reply = send(
        &app,
        write(
            "PUT",
            &store_uri(),
            "text/turtle",
            "<http://e/a> <http://e/b> 1 .\n<http://e/a> <http://e/b> .",
        ),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let detail = reply.json()?["detail"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(detail.contains("line 2"), "{detail}");
    assert_eq!(
        send(&app, Request::get(store_uri()).body(Body::empty())?)
            .await?
            .status,
        StatusCode::NOT_FOUND
    );
    Ok(())
}

#[tokio::test]
async fn writes_need_the_token() -> TestResult {
    let app = empty_app(config())?;
    let request = Request::put(store_uri())
        .header(header::CONTENT_TYPE, "text/turtle")
        .body(Body::from("<http://e/a> <http://e/b> 1 ."))?;
    assert_eq!(send(&app, request).await?.status, StatusCode::UNAUTHORIZED);
    Ok(())
}

#[tokio::test]
async fn an_unknown_media_type_is_415() -> TestResult {
    let app = empty_app(config())?;
    let reply = send(&app, write("PUT", &store_uri(), "application/pdf", "%PDF")).await?;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    Ok(())
}

#[tokio::test]
async fn multipart_post_loads_every_part_in_one_transaction() -> TestResult {
    let app = empty_app(config())?;
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\r\nContent-Type: text/turtle\r\n\r\n<http://e/a> <http://e/b> 1 .\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.nt\"\r\nContent-Type: application/n-triples\r\n\r\n<http://e/a> <http://e/b> \"2\" .\r\n\
         --{boundary}--\r\n"
    );
    let reply = send(
        &app,
        write(
            "POST",
            &store_uri(),
            &format!("multipart/form-data; boundary={boundary}"),
            &body,
        ),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let reply = send(
        &app,
        Request::get(store_uri())
            .header(header::ACCEPT, "application/n-triples")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(reply.text().lines().count(), 2, "{}", reply.text());
    Ok(())
}

#[tokio::test]
async fn the_default_graph_and_the_whole_dataset_are_addressable() -> TestResult {
    let app = empty_app(config())?;
    let reply = send(
        &app,
        write(
            "PUT",
            "/store?default",
            "text/turtle",
            "<http://e/a> <http://e/b> 1 .",
        ),
    )
    .await?;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    send(
        &app,
        write(
            "PUT",
            &store_uri(),
            "text/turtle",
            "<http://e/a> <http://e/b> 2 .",
        ),
    )
    .await?;
    let reply = send(
        &app,
        Request::get("/store")
            .header(header::ACCEPT, "application/n-quads")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.text().lines().count(), 2, "{}", reply.text());
    assert!(reply.text().contains(&format!("<{GRAPH}>")));
    Ok(())
}

#[tokio::test]
async fn post_to_the_store_creates_a_new_graph_with_a_location() -> TestResult {
    let app = empty_app(config())?;
    let request = Request::post("/store")
        .header(header::HOST, "example.org")
        .header(header::CONTENT_TYPE, "text/turtle")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from("<http://e/a> <http://e/b> 1 ."))?;
    let reply = send(&app, request).await?;
    assert_eq!(reply.status, StatusCode::CREATED);
    let location = reply
        .headers
        .get(header::LOCATION)
        .ok_or("no Location")?
        .to_str()?
        .to_owned();
    assert!(
        location.starts_with("http://example.org/store/"),
        "{location}"
    );
    let reply = send(
        &app,
        Request::get(format!("/store?graph={}", encode(&location)))
            .header(header::ACCEPT, "text/turtle")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.text().contains("<http://e/a>"));
    Ok(())
}
