//! End-to-end: `crosscheck compare` on the seed articles and on stories of the ECB+ sample,
//! without a store. Checks the acceptance findings of `seeds/EXPECTED.md` and, over every brief
//! produced, that each quoted string is verbatim in a cited article and each citation's span is
//! a real span of that article's text.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use common::cc;
use serde_json::Value;

const SEEDS: [&str; 2] = [
    "seeds/000_f4e2d48c6ccf7a64.txt",
    "seeds/002_911d72a3f3bcc055.txt",
];

fn seeds() -> Option<Vec<PathBuf>> {
    SEEDS
        .iter()
        .map(|s| crosscheck_testdata::shared_path(s))
        .collect()
}

/// Runs `crosscheck compare --format json` and parses the brief.
fn brief(files: &[PathBuf], extra: &[&str]) -> Value {
    let scratch = tempfile::tempdir().unwrap();
    let out = cc(&scratch.path().join("unused"))
        .arg("compare")
        .args(files)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !scratch.path().join("unused").exists(),
        "compare opens no store"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The clean texts of the inputs by article id, as ingest stores them: citations are checked
/// against the text every span points into.
fn texts(files: &[PathBuf]) -> HashMap<String, String> {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path();
    let out = cc(data)
        .arg("ingest")
        .args(files)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (list, _) = common::json(cc(data).arg("articles"));
    let mut texts = HashMap::new();
    for a in list["articles"].as_array().unwrap() {
        let id = a["id"].as_str().unwrap().to_string();
        let (full, _) = common::json(cc(data).args(["article", &id]));
        texts.insert(id, full["article"]["text"].as_str().unwrap().to_string());
    }
    texts
}

/// Every sentence cites a source; every citation is a real span whose text is as given; every
/// quoted string is verbatim in an article the sentence cites.
fn check_citations(brief: &Value, texts: &HashMap<String, String>) {
    assert_eq!(brief["version"], 1);
    let mut sentences = 0;
    for section in brief["sections"].as_array().unwrap() {
        for s in section["sentences"].as_array().unwrap() {
            sentences += 1;
            let cites = s["citations"].as_array().unwrap();
            assert!(!cites.is_empty(), "uncited sentence: {s}");
            let mut cited = Vec::new();
            for c in cites {
                let text = &texts[c["article"].as_str().unwrap()];
                let (start, end) = (
                    c["span"]["start"].as_u64().unwrap() as usize,
                    c["span"]["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    text.get(start..end),
                    Some(c["text"].as_str().unwrap()),
                    "citation is not a real span: {c}"
                );
                cited.push(text);
            }
            for q in s["quotes"].as_array().unwrap() {
                let q = q.as_str().unwrap();
                assert!(
                    cited.iter().any(|t| t.contains(q)),
                    "quote not verbatim in a cited article: {q:?}"
                );
                assert!(s["text"].as_str().unwrap().contains(q));
            }
        }
    }
    assert!(sentences > 0);
}

fn statement_texts<'a>(brief: &'a Value, indices: &[usize]) -> Vec<&'a Value> {
    indices
        .iter()
        .map(|&i| &brief["comparison"]["statements"][i])
        .collect()
}

/// Whether some citation of the statement contains all the words (case-insensitive).
fn cites_words(statement: &Value, words: &[&str]) -> bool {
    statement["citations"].as_array().unwrap().iter().any(|c| {
        let t = c["text"].as_str().unwrap().to_lowercase();
        words.iter().all(|w| t.contains(w))
    })
}

#[test]
fn seed_story_findings() {
    let Some(files) = seeds() else { return };
    let b = brief(&files, &["--published", "2024-11-05"]);
    let c = &b["comparison"];
    assert_eq!(
        c["independent"], 2,
        "the BBC rewrite and the dpa/Reuters report"
    );
    let statements = c["statements"].as_array().unwrap();
    let corroborated: Vec<&Value> = statements
        .iter()
        .filter(|s| s["origins"].as_array().unwrap().len() >= 2)
        .collect();
    let corroborates = |words: &[&str]| corroborated.iter().any(|s| cites_words(s, words));
    assert!(
        corroborates(&["umerov", "small"]),
        "Umerov confirmed small engagements"
    );
    assert!(
        corroborates(&["zelensk", "instability"]),
        "a new chapter of instability"
    );
    assert!(
        corroborates(&["kursk"]),
        "North Korean troops are in the Kursk region"
    );

    // Numbers: about 11,000 lies within 10,000–12,000; no conflict.
    let numbers = c["numbers"].as_array().unwrap();
    let troops = numbers
        .iter()
        .find(|n| n["reports"].as_array().unwrap().len() >= 2)
        .expect("the troop figures are compared");
    assert_eq!(troops["consistent"], true);
    assert_eq!(troops["range"], serde_json::json!([10000.0, 12000.0]));
    assert_eq!(troops["origins"], 2);
    assert!(numbers.iter().all(|n| n["consistent"] == true));

    // Disputed: Ukraine says its forces engaged; South Korean officials say no direct combat.
    let disputes = c["disputes"].as_array().unwrap();
    let dispute = disputes
        .iter()
        .find(|d| d["denied_by"]["party"] == "South Korea")
        .expect("South Korea's denial is a dispute");
    assert_eq!(dispute["affirmed_by"]["party"], "Ukraine");
    let denials: Vec<usize> = dispute["denials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap() as usize)
        .collect();
    assert!(statement_texts(&b, &denials)
        .iter()
        .any(|s| cites_words(s, &["no direct combat"])));

    // Single-source: Kovalenko's shelling and the G7 statement (002); the summoned ambassador
    // and the treaty ratification (000).
    let single: Vec<&Value> = statements
        .iter()
        .filter(|s| s["origins"].as_array().unwrap().len() == 1)
        .collect();
    let single_source = |words: &[&str]| single.iter().any(|s| cites_words(s, words));
    assert!(single_source(&["shelling"]));
    assert!(single_source(&["dangerous escalation"]));
    assert!(single_source(&["ambassador"]));
    assert!(single_source(&["ratify"]));
    assert!(!corroborates(&["shelling"]));
    assert!(!corroborates(&["ambassador"]));

    // The brief: a 3–5 sentence summary, and who said what by speaker.
    let sections = b["sections"].as_array().unwrap();
    let summary = sections.iter().find(|s| s["id"] == "summary").unwrap();
    let n = summary["sentences"].as_array().unwrap().len();
    assert!((3..=5).contains(&n), "{n} summary sentences");
    check_citations(&b, &texts(&files));
}

#[test]
fn seed_story_renders_markdown_and_escaped_html() {
    let Some(files) = seeds() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let run = |format: &str| {
        let out = cc(scratch.path())
            .arg("compare")
            .args(&files)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let md = run("md");
    assert!(md.contains("## Summary"));
    assert!(md.contains("10,000–12,000"));
    assert!(md.contains("2 independent origins"));
    let html = run("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("src=\"http"), "no external assets");
    assert!(html.contains("10,000–12,000"));
}

#[test]
fn html_escapes_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Officials said <script>alert(1)</script> the bridge in Bristol collapsed on Monday & 3 people died.\n").unwrap();
    std::fs::write(
        &b,
        "The bridge in Bristol collapsed on Monday, killing 3 people, officials said.\n",
    )
    .unwrap();
    let out = cc(dir.path())
        .arg("compare")
        .args([&a, &b])
        .args(["--format", "html"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
}

/// Stories of the ECB+ sample (by their gold story): every brief cites real spans and quotes
/// verbatim.
#[test]
fn briefs_of_sample_stories_cite_real_spans() {
    let sample = crosscheck_testdata::workspace_root().join("examples/ecbplus-sample.jsonl");
    let Ok(lines) = std::fs::read_to_string(&sample) else {
        eprintln!("SKIPPED: {} not found", sample.display());
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut stories: HashMap<String, Vec<String>> = HashMap::new();
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap();
        let story = v["gold_story"].as_str().map_or_else(
            || {
                v["id"]
                    .as_str()
                    .unwrap_or("")
                    .split('_')
                    .next()
                    .unwrap_or("")
                    .to_string()
            },
            str::to_string,
        );
        stories.entry(story).or_default().push(line.to_string());
    }
    let mut keys: Vec<&String> = stories.keys().collect();
    keys.sort();
    let mut checked = 0;
    for key in keys.into_iter().take(6) {
        let path: PathBuf = dir.path().join(format!("story-{key}.jsonl"));
        std::fs::write(&path, stories[key].join("\n")).unwrap();
        let files = [path];
        let b = brief(&files, &[]);
        check_citations(&b, &texts(&files));
        checked += 1;
    }
    assert!(checked > 0);
}
