//! The binary end to end: serve on a real port, load, query, update, dump, backup.

use crate::common::{Server, TestResult, encode, idmgraph, status_of};

#[test]
fn serve_loads_the_default_data_once_and_reuses_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("store");
    let count = |base: &str| -> Result<u64, Box<dyn std::error::Error>> {
        let url = format!("{base}/health");
        let body: serde_json::Value =
            serde_json::from_str(&ureq::get(&url).call()?.into_string()?)?;
        body["quads"].as_u64().ok_or_else(|| "no count".into())
    };
    let first = {
        let server = Server::start(&data, &["--token", "t"])?;
        let n = count(&server.base)?;
        assert!(n > 100, "{n}");
        let (status, _) = status_of(
            ureq::post(&format!("{}/update", server.base))
                .set("Content-Type", "application/sparql-update")
                .set("Authorization", "Bearer t")
                .send_string(
                    "INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/b> <http://e/c> } }",
                ),
        )?;
        assert_eq!(status, 204);
        n + 1
    };
    let server = Server::start(&data, &[])?;
    assert_eq!(
        count(&server.base)?,
        first,
        "the second start must reuse the data as left"
    );
    Ok(())
}

#[test]
fn load_refuses_a_malformed_file_with_its_position_and_stores_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("store");
    let good = dir.path().join("good.ttl");
    let bad = dir.path().join("bad.nt");
    std::fs::write(&good, "<http://e/a> <http://e/b> <http://e/c> .\n")?;
    std::fs::write(
        &bad,
        "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> \"open .\n",
    )?;
    let data_arg = data.to_str().ok_or("path")?;
    let (ok, _, stderr) = idmgraph(&[
        "load",
        "--data",
        data_arg,
        good.to_str().ok_or("path")?,
        bad.to_str().ok_or("path")?,
    ])?;
    assert!(!ok);
    assert!(
        stderr.contains("bad.nt") && stderr.contains("line 2"),
        "{stderr}"
    );
    let (ok, stdout, _) = idmgraph(&[
        "query",
        "--data",
        data_arg,
        "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
    ])?;
    assert!(ok);
    assert!(
        stdout.lines().nth(1).is_some_and(|l| l.starts_with("0")),
        "{stdout}"
    );
    Ok(())
}

#[test]
fn load_query_update_dump_and_backup_work_together() -> TestResult {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("store");
    let data_arg = data.to_str().ok_or("path")?;
    let file = dir.path().join("x.ttl");
    std::fs::write(&file, "@prefix e: <http://e/> . e:a e:b e:c , e:d .\n")?;
    let (ok, _, stderr) = idmgraph(&[
        "load",
        "--data",
        data_arg,
        "--graph",
        "http://e/g",
        file.to_str().ok_or("path")?,
    ])?;
    assert!(ok, "{stderr}");
    assert!(stderr.contains("2 quads added"), "{stderr}");
    let (ok, _, stderr) = idmgraph(&[
        "update",
        "--data",
        data_arg,
        "DELETE DATA { GRAPH <http://e/g> { <http://e/a> <http://e/b> <http://e/d> } }",
    ])?;
    assert!(ok, "{stderr}");
    let (ok, stdout, _) = idmgraph(&[
        "query",
        "--data",
        data_arg,
        "--format",
        "json",
        "SELECT ?o { ?s ?p ?o }",
    ])?;
    assert!(ok);
    let json: serde_json::Value = serde_json::from_str(&stdout)?;
    assert_eq!(
        json["results"]["bindings"].as_array().map(Vec::len),
        Some(1)
    );
    let (ok, stdout, _) = idmgraph(&["dump", "--data", data_arg])?;
    assert!(ok);
    assert_eq!(
        stdout.trim(),
        "<http://e/a> <http://e/b> <http://e/c> <http://e/g> ."
    );
    let backup = dir.path().join("backup");
    let (ok, _, stderr) =
        idmgraph(&["backup", "--data", data_arg, backup.to_str().ok_or("path")?])?;
    assert!(ok, "{stderr}");
    let (ok, stdout, _) = idmgraph(&["dump", "--data", backup.to_str().ok_or("path")?])?;
    assert!(ok);
    assert!(stdout.contains("<http://e/c>"));
    Ok(())
}

#[test]
fn a_query_syntax_error_is_reported_on_the_command_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("store");
    let (ok, _, stderr) = idmgraph(&[
        "query",
        "--data",
        data.to_str().ok_or("path")?,
        "SELECT WHERE {",
    ])?;
    assert!(!ok);
    assert!(stderr.contains("syntax"), "{stderr}");
    Ok(())
}

#[test]
fn the_live_server_answers_sparql_clients() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = Server::start(&dir.path().join("store"), &[])?;
    let query = encode(
        "SELECT ?label WHERE { <https://w3id.org/idmgraph/id/jca/jca-idm> <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
    );
    let response = ureq::get(&format!("{}/sparql?query={query}", server.base))
        .set("Accept", "text/csv")
        .call()?;
    assert_eq!(response.content_type(), "text/csv");
    let body = response.into_string()?;
    assert!(body.contains("JCA-IdM"), "{body}");
    Ok(())
}
