//! End-to-end: `crosscheck eval stories` on a slice of ECB+ through the real binary.

mod common;

use common::{cc, json};

/// The records of the first `topics` ECB+ topics (each pairs two similar events).
fn ecb_slice(topics: usize) -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let path = crosscheck_testdata::shared_path("eval/stories/ecbplus.jsonl")?;
    let text = std::fs::read_to_string(path).unwrap();
    let wanted: Vec<String> = (1..=topics).map(|t| format!("\"id\": \"{t}_")).collect();
    let slice: String = text
        .lines()
        .filter(|l| wanted.iter().any(|w| l.contains(w.as_str())))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("slice.jsonl");
    std::fs::write(&file, slice).unwrap();
    Some((dir, file))
}

#[test]
fn eval_stories_scores_an_ecb_slice() {
    let Some((dir, file)) = ecb_slice(4) else {
        return;
    };
    let (v, out) = json(cc(dir.path()).args(["eval", "stories"]).arg(&file));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(v["version"], 1);
    let r = &v["stories"];
    assert_eq!(r["level"], "story");
    assert_eq!(r["gold_groups"], 8, "4 topics, two events each");
    assert_eq!(r["rejected"], 0);
    let f1 = r["bcubed"]["f1"].as_f64().unwrap();
    assert!(f1 >= 0.7, "story B-cubed F1 {f1} on the slice: {r}");
    assert!(r["ari"].as_f64().unwrap() > 0.5, "{r}");

    let out = cc(dir.path())
        .args(["eval", "stories", "--level", "topic"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("stories (topic level):") && text.contains("B-cubed"),
        "{text}"
    );
}

#[test]
fn eval_stories_takes_a_config_and_reports_a_bad_one() {
    let Some((dir, file)) = ecb_slice(1) else {
        return;
    };
    // A threshold no pair reaches: every article is a story of its own.
    let config = dir.path().join("config.json");
    std::fs::write(&config, r#"{"threshold": 2.0}"#).unwrap();
    let (v, out) = json(
        cc(dir.path())
            .args(["eval", "stories", "--config"])
            .arg(&config)
            .arg(&file),
    );
    assert!(out.status.success());
    assert_eq!(v["stories"]["predicted_groups"], v["stories"]["articles"]);
    assert_eq!(v["stories"]["bcubed"]["precision"], 1.0);

    std::fs::write(&config, "{not json").unwrap();
    let out = cc(dir.path())
        .args(["eval", "stories", "--config"])
        .arg(&config)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("config.json"));
}
