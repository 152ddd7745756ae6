//! End-to-end: `crosscheck ingest` on real files, every kind of bad input, stdin and a feed
//! served over HTTP on 127.0.0.1.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;

use common::{articles, cc, json};

fn seed_paths() -> Option<Vec<std::path::PathBuf>> {
    let dir = crosscheck_testdata::shared_path("seeds")?;
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    Some(paths)
}

fn credits(row: &serde_json::Value) -> Vec<(String, String)> {
    row["credits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn seeds_ingest_with_credits_and_twice_stores_two() {
    let Some(seeds) = seed_paths() else { return };
    let data = tempfile::tempdir().unwrap();
    let (report, out) = json(cc(data.path()).arg("ingest").args(&seeds));
    assert!(out.status.success());
    assert_eq!(report["ingest"]["new"], 2);
    let (report, _) = json(cc(data.path()).arg("ingest").args(&seeds));
    assert_eq!(report["ingest"]["new"], 0);
    assert_eq!(report["ingest"]["duplicate"], 2);
    let rows = articles(data.path());
    assert_eq!(
        rows.len(),
        2,
        "ingesting twice stores two articles, not four"
    );
    // Ingest analysed each article and stored the analysis beside it.
    for row in &rows {
        let (shown, _) = json(cc(data.path()).args(["article", row["id"].as_str().unwrap()]));
        let analysis = &shown["analysis"];
        assert_eq!(analysis["article"], row["id"]);
        assert!(analysis["sentences"].as_array().unwrap().len() > 5);
        let names: Vec<&str> = analysis["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["name"].as_str())
            .collect();
        assert!(names.iter().any(|n| n.contains("Umerov")), "{names:?}");
    }

    let bbc = rows
        .iter()
        .find(|r| credits(r).contains(&("origin".into(), "bbc.com".into())))
        .expect("origin bbc.com");
    let wire = rows
        .iter()
        .find(|r| credits(r).contains(&("wire".into(), "dpa".into())))
        .expect("wire dpa");
    assert!(credits(wire).contains(&("wire".into(), "Reuters".into())));
    assert!(credits(wire).contains(&("byline".into(), "rc/wmr".into())));

    let text = |row: &serde_json::Value| {
        let (v, _) = json(cc(data.path()).args(["article", row["id"].as_str().unwrap()]));
        v["article"]["text"].as_str().unwrap().to_string()
    };
    let bbc_text = text(bbc);
    assert!(
        !bbc_text.contains("Original Source"),
        "credit line left in the text"
    );
    assert!(bbc_text.contains("approximately 11,000 North Korean troops"));
    let wire_text = text(wire);
    assert!(!wire_text.contains("rc/wmr") && !wire_text.contains("(dpa, Reuters)"));
    assert!(
        wire_text.contains("\n\nWhat we know about engagement\n\n"),
        "headings stay paragraphs of their own"
    );
}

#[test]
fn bad_inputs_are_reported_and_stored_articles_untouched() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let f = |name: &str| files.path().join(name);
    std::fs::write(
        f("good.txt"),
        "Harvest report\n\nFarmers in Kansas reported a record wheat harvest this year.",
    )
    .unwrap();
    cc(data.path())
        .args(["ingest", "-q"])
        .arg(f("good.txt"))
        .assert()
        .success();

    std::fs::write(f("empty.txt"), "").unwrap();
    let junk: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(f("junk.bin"), junk).unwrap();
    std::fs::write(f("broken.html"), "<html><head><title>x</ti<body><div><scr").unwrap();
    std::fs::write(
        f("records.jsonl"),
        concat!(
            r#"{"id": "a", "outlet": "Wire", "title": "Good record", "text": "A good record about rainfall in Bahia and its cocoa crop."}"#,
            "\n{\"id\": \"b\", \"text\": broken\n",
            r#"{"id": "c", "published": "31/31/2024", "text": "A record with an impossible date."}"#,
            "\n"
        ),
    )
    .unwrap();
    std::fs::write(
        f("notafeed.xml"),
        "<?xml version=\"1.0\"?><catalog><book id=\"1\"/></catalog>",
    )
    .unwrap();
    std::fs::write(f("big.txt"), "word ".repeat(300_000)).unwrap();

    let out = cc(data.path())
        .args(["ingest", "--max-size", "1"])
        .args(
            [
                "empty.txt",
                "junk.bin",
                "broken.html",
                "records.jsonl",
                "notafeed.xml",
                "big.txt",
                "missing.txt",
            ]
            .map(f),
        )
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "something failed, so the exit status is non-zero"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "empty.txt: empty input",
        "junk.bin: binary data",
        "broken.html: no article text found",
        "records.jsonl: line 2: malformed JSON",
        "records.jsonl:3: invalid date \"31/31/2024\"",
        "notafeed.xml: not an RSS or Atom feed",
        "big.txt: 1500000 bytes is over the size limit",
        "missing.txt: no such file or folder",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("1 new, 0 duplicate, 0 near-duplicate, 8 rejected"),
        "{stdout}"
    );
    let rows = articles(data.path());
    assert_eq!(
        rows.len(),
        2,
        "the good JSON line was stored beside the earlier article"
    );
    assert_eq!(rows[0]["title"], "Harvest report");
    assert_eq!(rows[1]["title"], "Good record");
}

#[test]
fn stdin_with_metadata_options_and_legacy_encoding() {
    let data = tempfile::tempdir().unwrap();
    cc(data.path())
        .args(["ingest", "-", "--outlet", "Example Post", "--published", "2024-11-05", "--url", "https://example.com/a"])
        .write_stdin(b"Caf\xe9 owners protest\n\nOwners of caf\xe9s said the \x93new rules\x94 would hurt trade.".to_vec())
        .assert()
        .success();
    let rows = articles(data.path());
    assert_eq!(rows[0]["outlet"], "Example Post");
    assert_eq!(rows[0]["title"], "Café owners protest");
    assert_eq!(rows[0]["published"], "2024-11-05T00:00:00Z");
    let (v, _) = json(cc(data.path()).args(["article", rows[0]["id"].as_str().unwrap()]));
    assert_eq!(
        v["article"]["text"],
        "Owners of cafés said the \u{201c}new rules\u{201d} would hurt trade."
    );
    assert_eq!(v["article"]["url"], "https://example.com/a");
    cc(data.path())
        .args(["ingest", "-", "--published", "not a date"])
        .write_stdin("x")
        .assert()
        .code(2);
}

#[test]
fn html_page_brings_its_metadata() {
    let data = tempfile::tempdir().unwrap();
    let page = tempfile::Builder::new().suffix(".html").tempfile().unwrap();
    std::fs::write(page.path(), r#"<html lang="en"><head><title>Storm hits coast</title>
<meta property="og:site_name" content="Coast Times"><meta property="article:published_time" content="2024-10-01T06:30:00Z">
<meta name="author" content="Sam Reed"><link rel="canonical" href="https://coast.example/storm"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Storm hits coast</h1>
<p>A powerful storm hit the coast on Monday night, flooding streets and cutting power to thousands of homes across the region.</p>
<p>Emergency crews worked through the night to clear fallen trees, and officials said schools would stay closed on Tuesday.</p>
</article><footer>Terms of use. Privacy.</footer></body></html>"#).unwrap();
    cc(data.path())
        .arg("ingest")
        .arg(page.path())
        .assert()
        .success();
    let rows = articles(data.path());
    let (v, _) = json(cc(data.path()).args(["article", rows[0]["id"].as_str().unwrap()]));
    let a = &v["article"];
    assert_eq!(a["outlet"], "Coast Times");
    assert_eq!(a["url"], "https://coast.example/storm");
    assert_eq!(a["byline"], "Sam Reed");
    assert_eq!(a["published"], "2024-10-01T06:30:00Z");
    let text = a["text"].as_str().unwrap();
    assert!(text.starts_with("A powerful storm"), "{text}");
    assert!(
        !text.contains("Privacy") && !text.contains("Home"),
        "{text}"
    );
}

/// Serves `body` for every request to 127.0.0.1 until `count` requests were answered; a path
/// other than /feed.xml gets a 404.
fn serve(body: &'static str, count: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let mut stream = stream.unwrap();
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let response = if request.starts_with("GET /feed.xml ") {
                format!("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
            } else {
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string()
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{addr}")
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kyiv Desk</title>
<item><title>Explosions in Kyiv</title><link>https://kyiv.example/1</link><pubDate>Tue, 05 Nov 2024 07:00:00 GMT</pubDate>
<description>&lt;p&gt;Explosions were heard in Kyiv early on Tuesday as air defences engaged incoming missiles.&lt;/p&gt;</description></item>
<item><title>Second item</title><link>https://kyiv.example/2</link><source url="https://wire.example/rss">Wire Service</source>
<description>Officials said the capital's metro stations were opened as shelters during the attack.</description></item>
</channel></rss>"#;

#[test]
fn feed_from_a_url_and_a_failing_url() {
    let base = serve(RSS, 2);
    let data = tempfile::tempdir().unwrap();
    let (report, out) = json(cc(data.path()).args(["ingest", &format!("{base}/feed.xml")]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(report["ingest"]["new"], 2);
    let rows = articles(data.path());
    assert_eq!(rows[0]["title"], "Explosions in Kyiv");
    assert_eq!(
        rows[0]["outlet"], "Kyiv Desk",
        "the feed's title is the outlet"
    );
    assert_eq!(rows[0]["published"], "2024-11-05T07:00:00Z");
    let out = cc(data.path())
        .args(["ingest", &format!("{base}/missing.xml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.xml: fetch failed"));
}
