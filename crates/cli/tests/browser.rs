//! The web UI in headless Chromium, driven over WebDriver (chromedriver): open the seed
//! story's page, save a screenshot as a test artefact, click a citation of the brief, and
//! find the cited sentence highlighted on the article page.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`scripts/test` installs them); without
//! them the test is skipped, unless `CROSSCHECK_REQUIRE_BROWSER=1` makes that a failure.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::cc;
use common::server::Server;
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const DRIVER: &str = "/usr/bin/chromedriver";
/// The key WebDriver names element references with.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
    child: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
}

impl Driver {
    fn start(profile: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(DRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while agent.get(format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut d = Driver {
            child,
            base,
            session: String::new(),
            agent,
        };
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,2000",
        ];
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}
        }}});
        let v = d.call("POST", "/session", Some(caps));
        d.session = v["sessionId"].as_str().expect("a session").to_string();
        d
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let r = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("content-type", "application/json")
                .send(body.unwrap_or(json!({})).to_string()),
        };
        let mut r = r.expect("webdriver answers");
        let text = r.body_mut().read_to_string().unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(
            v["value"]["error"].is_null(),
            "{method} {path}: {}",
            v["value"]
        );
        v["value"].clone()
    }

    fn s(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    fn open(&self, url: &str) {
        self.call("POST", &self.s("/url"), Some(json!({"url": url})));
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            &self.s("/element"),
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            &self.s("/execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (the screenshot WebDriver returns).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = text
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(value(c)) << (18 - 6 * i);
        }
        let take = chunk.len() - 1;
        out.extend(n.to_be_bytes()[1..=take].iter());
    }
    out
}

fn artefacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || crosscheck_testdata::workspace_root().join("target"),
        PathBuf::from,
    );
    let dir = target.join("test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn browser_present() -> bool {
    let present = Path::new(CHROMIUM).exists() && Path::new(DRIVER).exists();
    if !present {
        assert!(
            std::env::var("CROSSCHECK_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "CROSSCHECK_REQUIRE_BROWSER=1 but {CHROMIUM} or {DRIVER} is missing"
        );
        eprintln!("skipping: {CHROMIUM} or {DRIVER} not installed (scripts/test installs them)");
    }
    present
}

#[test]
fn a_citation_leads_to_the_highlighted_source_sentence() {
    let Some(seeds) = crosscheck_testdata::shared_path("seeds") else {
        eprintln!("skipping: ../shared/seeds not found");
        return;
    };
    if !browser_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    cc(dir.path())
        .args(["ingest", "-q", "--published", "2024-11-05T10:00:00Z"])
        .arg(&seeds)
        .assert()
        .success();
    let server = Server::start(dir.path(), &[]);
    let story = server.get("/api/stories").json()["stories"][0]["id"]
        .as_u64()
        .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let d = Driver::start(profile.path());

    d.open(&format!("{}/stories/{story}", server.base));
    let shot = d.call("GET", &d.s("/screenshot"), None);
    let png = base64(shot.as_str().unwrap());
    assert_eq!(&png[1..4], b"PNG");
    std::fs::write(artefacts().join("story-page.png"), &png).unwrap();
    let matrix_rows = d.script("return document.querySelectorAll('table.matrix tbody tr').length");
    assert!(matrix_rows.as_u64().unwrap() > 0, "no source matrix");

    let link = d.find("#summary a.cite");
    let cited = d.call(
        "GET",
        &d.s(&format!("/element/{link}/attribute/title")),
        None,
    );
    let cited = cited.as_str().unwrap().to_string();
    d.call(
        "POST",
        &d.s(&format!("/element/{link}/click")),
        Some(json!({})),
    );

    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let url = d.call("GET", &d.s("/url"), None);
        if url.as_str().unwrap().contains("/articles/") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the citation did not open the article"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    d.find("#cited");
    let marked = d.script(
        "return Array.from(document.querySelectorAll('#text .cited')).map(e => e.textContent).join('')",
    );
    assert_eq!(marked.as_str().unwrap(), cited);
    let background =
        d.script("return getComputedStyle(document.getElementById('cited')).backgroundColor");
    assert_ne!(
        background.as_str().unwrap(),
        "rgba(0, 0, 0, 0)",
        "not highlighted"
    );
    let shot = d.call("GET", &d.s("/screenshot"), None);
    std::fs::write(
        artefacts().join("cited-article.png"),
        base64(shot.as_str().unwrap()),
    )
    .unwrap();
}
