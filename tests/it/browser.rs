//! End to end in headless Chromium: the real binary serves the default data, and a browser
//! driven through chromedriver (WebDriver, with the `fantoccini` crate) does what a first-time
//! user does: the home page, search with autocomplete, an entity page, a link, the
//! neighbourhood picture, and a named query run from the editor. Screenshots of each step go
//! to `target/screenshots/` (test artefacts, not in git).
//!
//! Chromium and chromedriver are Debian's `chromium` and `chromium-driver` packages, which
//! `scripts/prerequisites` installs. Without them this test fails, saying so: it never skips.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::common::{Server, TestResult};

const WAIT: Duration = Duration::from_secs(30);

/// chromedriver on a free port, killed on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start() -> Result<Self, Box<dyn std::error::Error>> {
        let version = Command::new("chromedriver").arg("--version").output();
        if !version.as_ref().is_ok_and(|o| o.status.success()) {
            return Err("chromedriver is not installed: run scripts/prerequisites (Debian packages chromium and chromium-driver)".into());
        }
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(20) {
                return Err("chromedriver did not start listening within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn screenshots() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .ok_or("no target directory")?;
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Scrolls the element `css` into view (for the screenshot that follows).
async fn scroll_to(client: &Client, css: &str) -> TestResult {
    client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); return true;",
            vec![json!(css)],
        )
        .await?;
    Ok(())
}

async fn shoot(client: &Client, name: &str) -> TestResult {
    let png = client.screenshot().await?;
    std::fs::write(screenshots()?.join(format!("{name}.png")), png)?;
    Ok(())
}

async fn browser(driver: &Driver) -> Result<Client, Box<dyn std::error::Error>> {
    let mut options = json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1000", "--lang=en-GB"]
    });
    if Path::new("/usr/bin/chromium").exists() {
        options["binary"] = json!("/usr/bin/chromium");
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    Ok(ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&driver.url)
        .await?)
}

async fn text_of(client: &Client, css: &str) -> Result<String, Box<dyn std::error::Error>> {
    Ok(client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await?
        .text()
        .await?)
}

/// Waits until `script` (a JS expression) returns a number above `above`; returns it.
async fn wait_for_number(
    client: &Client,
    script: &str,
    above: f64,
) -> Result<f64, Box<dyn std::error::Error>> {
    let started = Instant::now();
    loop {
        let value = client.execute(&format!("return {script};"), vec![]).await?;
        if let Some(n) = value.as_f64().filter(|n| *n > above) {
            return Ok(n);
        }
        if started.elapsed() > WAIT {
            return Err(
                format!("{script} stayed at {value} (waited for more than {above})").into(),
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_time_user_searches_browses_pictures_and_queries() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let server = Server::start(data.path(), &[])?;
    let client = browser(&driver).await?;
    let outcome = walk(&client, &server.base).await;
    if outcome.is_err() {
        let _ = shoot(&client, "failure").await;
    }
    client.close().await?;
    outcome
}

async fn walk(client: &Client, base: &str) -> TestResult {
    // The home page: counts, bodies, ways in.
    client.goto(&format!("{base}/")).await?;
    assert!(client.title().await?.contains("idmgraph"));
    assert!(
        text_of(client, "main h1")
            .await?
            .contains("Identity-management")
    );
    assert!(
        !client
            .find_all(Locator::Css("table.counts tbody tr"))
            .await?
            .is_empty()
    );
    shoot(client, "1-home").await?;

    // Search X.1252: the autocomplete suggests it while typing, the results page lists it.
    let input = client.find(Locator::Css("#home-search")).await?;
    input.send_keys("X.1252").await?;
    let suggestion = text_of(client, "#home-search-list li a").await?;
    assert!(suggestion.contains("ITU-T X.1252"), "{suggestion}");
    shoot(client, "2-autocomplete").await?;
    client
        .find(Locator::Css("form.search.big button"))
        .await?
        .click()
        .await?;
    let first = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("ol.results li a"))
        .await?;
    assert_eq!(first.text().await?, "ITU-T X.1252");
    shoot(client, "3-search").await?;
    first.click().await?;
    assert_eq!(text_of(client, "main h1").await?, "ITU-T X.1252");
    assert!(
        client
            .current_url()
            .await?
            .path()
            .ends_with("/id/rec/itut-x1252")
    );
    shoot(client, "4-entity").await?;

    // Follow a link: the Question that develops it.
    client
        .find(Locator::Css("dl.key-facts a[href='/id/question/q10-17']"))
        .await?
        .click()
        .await?;
    assert_eq!(text_of(client, "main h1").await?, "Q10/17");

    // The neighbourhood picture: nodes drawn on the canvas, more at depth 2.
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#picture[data-nodes]"))
        .await?;
    let nodes = wait_for_number(client, "window.idmgraphPicture.nodes().length", 1.0).await?;
    assert!(
        !client
            .find_all(Locator::Css("#picture canvas"))
            .await?
            .is_empty()
    );
    let listed = text_of(client, "#picture-relations").await?;
    assert!(listed.contains("responsible for"), "{listed}");
    scroll_to(client, "#picture-section").await?;
    shoot(client, "5-picture").await?;
    client
        .find(Locator::Css("input[name=depth][value='2']"))
        .await?
        .click()
        .await?;
    let deeper = wait_for_number(client, "window.idmgraphPicture.nodes().length", nodes).await?;
    assert!(deeper > nodes);
    shoot(client, "6-picture-depth-2").await?;

    // The query page: pick a named query, edit it in the editor, run it.
    client.goto(&format!("{base}/query-editor")).await?;
    client
        .find(Locator::Css(
            "a[href='/query-editor?example=question-responsibilities']",
        ))
        .await?
        .click()
        .await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".cm-editor .cm-content"))
        .await?;
    // Syntax highlighting: the keywords are marked up.
    let highlighted = client
        .find_all(Locator::Css(".cm-content .cm-line span"))
        .await?;
    assert!(
        highlighted.len() > 10,
        "{} highlighted tokens",
        highlighted.len()
    );
    client
        .execute(
            "const v = window.idmgraphEditor.view; v.focus(); \
             v.dispatch({selection: {anchor: v.state.doc.length}}); return true;",
            vec![],
        )
        .await?;
    client
        .find(Locator::Css(".cm-content"))
        .await?
        .send_keys("\nLIMIT 3")
        .await?;
    client.find(Locator::Css("#run")).await?.click().await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#results-table tbody tr"))
        .await?;
    let rows = client
        .find_all(Locator::Css("#results-table tbody tr"))
        .await?;
    assert_eq!(rows.len(), 3, "the LIMIT typed in the editor applies");
    assert!(
        !client
            .find_all(Locator::Css("#results-table a[href^='/id/']"))
            .await?
            .is_empty()
    );
    assert!(
        text_of(client, "#results-summary")
            .await?
            .starts_with("3 rows")
    );
    scroll_to(client, "#results").await?;
    shoot(client, "7-query").await?;
    Ok(())
}
