//! `crosscheck serve` over real HTTP: every route, the errors, the token rule, the body
//! limit, escaping of untrusted text, no file reads outside the data directory, and CORS.

mod common;

use std::path::Path;

use common::cc;
use common::server::Server;
use serde_json::{json, Value};

fn seeds() -> Option<std::path::PathBuf> {
    crosscheck_testdata::shared_path("seeds")
}

/// A store holding the two seed articles, one story.
fn seeded(dir: &Path) -> bool {
    let Some(seeds) = seeds() else {
        eprintln!("skipping: ../shared/seeds not found");
        return false;
    };
    cc(dir)
        .args(["ingest", "-q", "--published", "2024-11-05T10:00:00Z"])
        .arg(&seeds)
        .assert()
        .success();
    true
}

fn record(title: &str, text: &str) -> Value {
    json!({"title": title, "text": text, "outlet": "Example Times",
           "published": "2024-03-01T08:00:00Z", "url": "https://example.com/a"})
}

#[test]
fn every_read_route_answers_and_errors_are_json() {
    let dir = tempfile::tempdir().unwrap();
    if !seeded(dir.path()) {
        return;
    }
    let s = Server::start(dir.path(), &[]);

    let health = s.get("/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["articles"], 2);

    let page = s.get("/api/stories");
    assert_eq!(page.status, 200);
    let page = page.json();
    assert_eq!(page["total"], 1, "{page}");
    let story = &page["stories"][0];
    assert_eq!(story["articles"], 2);
    assert_eq!(story["independent_origins"], 2);
    let id = story["id"].as_u64().unwrap();

    // Paging, text filter and time filters.
    assert_eq!(s.get("/api/stories?limit=0").json()["stories"], json!([]));
    assert_eq!(s.get("/api/stories?q=Umerov").json()["total"], 1);
    assert_eq!(s.get("/api/stories?q=zzqxnotaword").json()["total"], 0);
    assert_eq!(s.get("/api/stories?since=2024-11-01").json()["total"], 1);
    assert_eq!(s.get("/api/stories?until=2024-01-01").json()["total"], 0);
    for bad in ["/api/stories?limit=many", "/api/stories?since=yesterday"] {
        let r = s.get(bad);
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.json()["error"]["message"].as_str().unwrap().len() > 5);
    }

    let one = s.get(&format!("/api/stories/{id}")).json();
    assert_eq!(one["story"]["id"], id);
    assert_eq!(one["origins"].as_array().unwrap().len(), 2);

    let brief = s.get(&format!("/api/stories/{id}/brief"));
    assert!(brief.kind.starts_with("application/json"));
    let brief = brief.json();
    assert_eq!(brief["independent"], 2);
    let md = s.get(&format!("/api/stories/{id}/brief?format=md"));
    assert!(md.kind.starts_with("text/markdown") && md.body.contains("[1]"));
    let html = s.get(&format!("/api/stories/{id}/brief?format=html"));
    assert!(html.kind.starts_with("text/html") && html.body.contains("<html"));
    assert_eq!(
        s.get(&format!("/api/stories/{id}/brief?format=pdf")).status,
        400
    );
    assert_eq!(s.get("/api/stories/999999").status, 404);
    assert_eq!(s.get("/api/stories/abc").status, 400);

    let article_id = one["origins"][0]["sources"][0]["id"].as_str().unwrap();
    let article = s.get(&format!("/api/articles/{article_id}")).json();
    assert_eq!(article["story"], id);
    assert!(!article["analysis"]["entities"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(s.get("/api/articles/nope").status, 404);

    let hits = s.get("/api/search?q=Pyongyang").json();
    assert!(!hits["hits"].as_array().unwrap().is_empty());
    assert_eq!(s.get("/api/search").status, 400);

    let missing = s.get("/api/nothing-here");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["status"], 404);
}

#[test]
fn the_openapi_document_describes_the_real_routes() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path(), &[]);
    let doc = s.get("/api/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let mut described: Vec<(String, String)> = Vec::new();
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            described.push((method.to_uppercase(), path.clone()));
        }
    }
    described.sort();
    let expected = [
        ("GET", "/api/articles/{id}"),
        ("GET", "/api/openapi.json"),
        ("GET", "/api/search"),
        ("GET", "/api/stories"),
        ("GET", "/api/stories/{id}"),
        ("GET", "/api/stories/{id}/brief"),
        ("GET", "/healthz"),
        ("POST", "/api/articles"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(described, expected);
    // Every described path is routed: no "no route" fallback for any of them.
    for (method, path) in &described {
        let concrete = path.replace("{id}", "1");
        let r = if method == "GET" {
            s.get(&concrete)
        } else {
            s.post(&concrete, "{}", None)
        };
        let routed = !r.body.contains("no route for");
        assert!(routed, "{method} {path} is not routed");
    }
}

#[test]
fn posted_records_are_stored_grouped_and_rejected_alone() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path(), &[]);
    let text = "Firefighters in Valparaiso said on Monday that the forest fire had burned \
                400 homes. The mayor said 12 people were missing.";
    let r = s.post(
        "/api/articles",
        &record("Fire in Valparaiso", text).to_string(),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["stored"], 1);
    assert_eq!(v["articles"][0]["status"], "new");
    let id = v["articles"][0]["id"].as_str().unwrap().to_string();

    // The same text again is a duplicate of the stored article.
    let again = s
        .post("/api/articles", &record("Fire", text).to_string(), None)
        .json();
    assert_eq!(again["articles"][0]["status"], "duplicate");
    assert_eq!(again["articles"][0]["id"], id.as_str());

    // A batch: a good record, one without text, one that is not an object.
    let batch = json!([
        record("Quake in Chile", "An earthquake of magnitude 6.1 shook central Chile on Tuesday, officials said."),
        {"title": "no body"},
        42
    ]);
    let r = s.post("/api/articles", &batch.to_string(), None);
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["stored"], 1);
    assert_eq!(v["rejected"], 2);
    let statuses: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["new", "rejected", "rejected"]);
    assert_eq!(v["articles"][1]["index"], 1);
    assert!(v["articles"][1]["error"]
        .as_str()
        .unwrap()
        .contains("record 1"));

    // Every record rejected: 422. Not JSON, or not records: 400.
    assert_eq!(
        s.post("/api/articles", r#"[{"title": "x"}]"#, None).status,
        422
    );
    for bad in ["{not json", "[]", "\"text\""] {
        let r = s.post("/api/articles", bad, None);
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.json()["error"]["message"].is_string());
    }

    // Both stored articles are in stories, and the listing shows them; topics are linked
    // (and the grouping saved) within a few seconds.
    let page = s.get("/api/stories").json();
    assert_eq!(page["total"], 2, "{page}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let page = s.get("/api/stories").json();
        let stories = page["stories"].as_array().unwrap().clone();
        if stories.iter().all(|st| st["topic"].is_u64()) {
            assert!(stories.iter().all(|st| st["independent_origins"] == 1));
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no topics: {page}");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let article = s.get(&format!("/api/articles/{id}")).json();
    assert!(article["story"].is_u64());
    assert_eq!(s.get("/healthz").json()["articles"], 2);
}

#[test]
fn writes_need_the_token_when_one_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path(), &["--token", "s3cret"]);
    let body = record("T", "The council said the bridge would reopen on Friday.").to_string();
    let none = s.post("/api/articles", &body, None);
    assert_eq!(none.status, 401);
    assert!(none.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Bearer"));
    assert_eq!(s.post("/api/articles", &body, Some("wrong")).status, 401);
    assert_eq!(s.post("/api/articles", &body, Some("s3cret")).status, 200);
    // Reads stay open.
    assert_eq!(s.get("/api/stories").status, 200);
}

#[test]
fn binding_beyond_loopback_requires_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let out = cc(dir.path())
        .args(["serve", "--addr", "0.0.0.0:0"])
        .env_remove("CROSSCHECK_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("token"), "{err}");
}

#[test]
fn bodies_over_the_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path(), &["--max-body", "1"]);
    // A client announcing 2 MiB gets 413 before it sends the body (sent over a raw socket:
    // an HTTP client may fail writing the body the server refused).
    use std::io::{Read, Write};
    let addr = s.base.trim_start_matches("http://");
    let mut sock = std::net::TcpStream::connect(addr).unwrap();
    sock.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    write!(
        sock,
        "POST /api/articles HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        2 * 1024 * 1024
    )
    .unwrap();
    let mut head = [0u8; 12];
    sock.read_exact(&mut head).unwrap();
    assert_eq!(&head[9..12], b"413", "{}", String::from_utf8_lossy(&head));
    // A body without a length is cut at the limit while it is read.
    let big = record("Big", &"word ".repeat(300_000)).to_string();
    let mut sock = std::net::TcpStream::connect(addr).unwrap();
    sock.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let writer = {
        let mut sock = sock.try_clone().unwrap();
        let addr = addr.to_string();
        std::thread::spawn(move || {
            let _ = write!(
                sock,
                "POST /api/articles HTTP/1.1\r\nHost: {addr}\r\nTransfer-Encoding: chunked\r\n\
                 Content-Type: application/json\r\nConnection: close\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
                big.len()
            );
        })
    };
    let mut head = [0u8; 12];
    sock.read_exact(&mut head).unwrap();
    assert_eq!(&head[9..12], b"413", "{}", String::from_utf8_lossy(&head));
    writer.join().unwrap();
    // A body under the limit goes through.
    let small = record("Small", &"word ".repeat(1000)).to_string();
    assert_eq!(s.post("/api/articles", &small, None).status, 200);
    assert_eq!(s.get("/healthz").json()["articles"], 1);
}

#[test]
fn untrusted_text_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path(), &[]);
    let title = "<script>alert('t')</script> Storm hits coast";
    let text = "The storm <img src=x onerror=alert(1)> hit the coast on Monday, officials said. \
                \"<script>alert(2)</script>\" the mayor said. 300 homes lost power.";
    let mut rec = record(title, text);
    rec["outlet"] = json!("<b onmouseover=alert(3)>Evil</b>");
    rec["url"] = json!("javascript:alert(4)");
    let v = s.post("/api/articles", &rec.to_string(), None).json();
    let id = v["articles"][0]["id"].as_str().unwrap().to_string();
    let story = s.get("/api/stories").json()["stories"][0]["id"]
        .as_u64()
        .unwrap();
    for path in [
        "/".to_string(),
        "/?q=storm".to_string(),
        format!("/stories/{story}"),
        format!("/articles/{id}"),
        format!("/articles/{id}?hl=0-20"),
        format!("/api/stories/{story}/brief?format=html"),
    ] {
        let page = s.get(&path);
        assert_eq!(page.status, 200, "{path}");
        let body = page.body.to_lowercase();
        let scripts = body.matches("<script").count();
        let ours = body.matches("<script src=\"/assets/app.js\"").count();
        assert_eq!(scripts, ours, "{path}: a script tag from the article");
        for tag in tags(&body) {
            // Attribute names only: quoted values are escaped text.
            let names: String = tag.split('"').step_by(2).collect();
            let handler = names
                .split_whitespace()
                .skip(1)
                .any(|a| a.starts_with("on"));
            assert!(!handler, "{path}: event handler in markup: {tag}");
            assert!(!tag.contains("\"javascript:"), "{path}: script link: {tag}");
            assert!(
                !tag.starts_with("<img") && !tag.starts_with("<b "),
                "{path}: {tag}"
            );
        }
    }
}

/// Every markup tag of a page (text is escaped, so a raw `<` always opens a tag).
fn tags(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn no_request_reads_files_and_cors_is_off_by_default() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), "top secret").unwrap();
    let s = Server::start(dir.path(), &[]);
    for path in [
        "/assets/../secret.txt",
        "/assets/%2e%2e%2fsecret.txt",
        "/assets/..%2F..%2Fetc%2Fpasswd",
        "/secret.txt",
        "/articles/..%2Fsecret.txt",
    ] {
        let r = s.get(path);
        assert!(r.status == 404 || r.status == 400, "{path}: {}", r.status);
        assert!(
            !r.body.contains("top secret") && !r.body.contains("root:"),
            "{path}"
        );
    }
    assert_eq!(s.get("/assets/style.css").status, 200);
    let r = s.get_with("/api/stories", &[("Origin", "https://elsewhere.example")]);
    assert!(r.header("access-control-allow-origin").is_none());

    let s = Server::start(dir.path(), &["--cors-origin", "https://tools.example"]);
    let r = s.get_with("/api/stories", &[("Origin", "https://tools.example")]);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://tools.example")
    );
}
