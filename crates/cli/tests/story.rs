//! End-to-end: `ingest` groups articles into stories as it stores them; `stories`, `story ID`
//! and `regroup` read and rebuild them. The seed story has two independent origins, and an
//! exact copy adds an article but no origin.

mod common;

use common::{cc, json};
use serde_json::Value;

fn stories(data: &std::path::Path) -> Vec<Value> {
    let (v, out) = json(cc(data).args(["stories", "--limit", "0"]));
    assert!(out.status.success());
    v["stories"].as_array().unwrap().clone()
}

#[test]
fn the_seed_articles_form_one_story_with_two_independent_origins() {
    let (Some(bbc), Some(wire)) = (
        crosscheck_testdata::shared_path("seeds/000_f4e2d48c6ccf7a64.txt"),
        crosscheck_testdata::shared_path("seeds/002_911d72a3f3bcc055.txt"),
    ) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let (report, out) = json(cc(data.path()).arg("ingest").arg(&bbc).arg(&wire));
    assert!(out.status.success());
    assert_eq!(report["ingest"]["stories"], 1);
    let list = stories(data.path());
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0]["articles"], 2);
    assert_eq!(list[0]["independent_origins"], 2);
    let about: Vec<&str> = list[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        about.contains(&"Kursk") && about.contains(&"North Korea"),
        "{about:?}"
    );

    // An exact copy under another name: one more article, no more origins.
    let copy = data.path().join("copy-of-bbc.txt");
    std::fs::copy(&bbc, &copy).unwrap();
    let (report, _) = json(cc(data.path()).arg("ingest").arg(&copy));
    assert_eq!(report["ingest"]["duplicate"], 1);
    let list = stories(data.path());
    assert_eq!((list.len(), &list[0]["articles"]), (1, &Value::from(3)));
    assert_eq!(list[0]["independent_origins"], 2);

    let id = list[0]["id"].as_u64().unwrap().to_string();
    let (story, out) = json(cc(data.path()).args(["story", &id]));
    assert!(out.status.success());
    let labels: Vec<&str> = story["story"]["origins"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["label"].as_str())
        .collect();
    assert_eq!(labels, vec!["bbc.com", "dpa/Reuters wire"]);
    let bbc_member = &story["story"]["origins"][0]["articles"][0];
    assert_eq!(bbc_member["copies"], 1);

    let (topics, _) = json(cc(data.path()).args(["topics"]));
    let topics = topics["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 1);
    assert_eq!(
        topics[0]["stories"][0]["id"].as_u64().unwrap().to_string(),
        id
    );

    // The store-backed brief: the troop numbers agree, and every citation is a real span.
    let (brief, out) = json(cc(data.path()).args(["brief", &id]));
    assert!(out.status.success());
    let numbers = brief["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "numbers")
        .expect("a numbers section");
    assert!(numbers.to_string().contains("10,000–12,000"), "{numbers}");
    let md = cc(data.path()).args(["brief", &id]).output().unwrap();
    assert!(String::from_utf8_lossy(&md.stdout).contains("## What is agreed"));

    let missing = cc(data.path()).args(["story", "999"]).output().unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no story with id 999"));
}

#[test]
fn ingest_in_two_runs_and_regroup_agree_on_the_stories() {
    let sample = crosscheck_testdata::workspace_root().join("examples/ecbplus-sample.jsonl");
    let text = std::fs::read_to_string(&sample).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    let half = lines.len() / 2;
    std::fs::write(&first, lines[..half].join("\n")).unwrap();
    std::fs::write(&second, lines[half..].join("\n")).unwrap();
    let data = dir.path().join("data");
    assert!(cc(&data)
        .arg("ingest")
        .arg(&first)
        .output()
        .unwrap()
        .status
        .success());
    assert!(cc(&data)
        .arg("ingest")
        .arg(&second)
        .output()
        .unwrap()
        .status
        .success());
    let partition = |data: &std::path::Path| {
        let mut sets: Vec<Vec<String>> = stories(data)
            .iter()
            .map(|s| {
                let id = s["id"].as_u64().unwrap().to_string();
                let (story, _) = json(cc(data).args(["story", &id]));
                let mut ids: Vec<String> = story["story"]["origins"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|g| g["articles"].as_array().unwrap().clone())
                    .map(|m| m["id"].as_str().unwrap().to_string())
                    .collect();
                ids.sort();
                ids
            })
            .collect();
        sets.sort();
        sets
    };
    let streamed = partition(&data);
    let stored: usize = streamed.iter().map(Vec::len).sum();
    assert_eq!(stored as u64, {
        let (v, _) = json(cc(&data).args(["articles"]));
        v["articles"].as_array().unwrap().len() as u64
    });
    assert!(
        streamed.len() > 1 && streamed.len() < stored,
        "{} stories",
        streamed.len()
    );
    let (report, out) = json(cc(&data).arg("regroup"));
    assert!(out.status.success());
    assert_eq!(report["regroup"]["articles"], stored);
    // Regrouping replays by time, not arrival order, so the partition may differ a little;
    // the same store regrouped twice must give the same stories.
    let once = partition(&data);
    assert!(cc(&data).arg("regroup").output().unwrap().status.success());
    assert_eq!(once, partition(&data));
}
