//! End-to-end on `crosscheck bench`: the brief stage and the end-to-end scale run on the
//! bundled example corpus, through the real binary, with their JSON checked.

mod common;

use std::path::PathBuf;

use common::{cc, json};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ecbplus-sample.jsonl")
}

#[test]
fn brief_stage_briefs_every_story_of_two_articles() {
    let data = tempfile::tempdir().unwrap();
    let (v, out) = json(
        cc(data.path())
            .args(["bench", "--stage", "brief", "--runs", "1", "--corpus"])
            .arg(sample()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let f = &v["bench"][0];
    assert_eq!(f["stage"], "brief");
    let articles = f["articles"].as_u64().unwrap();
    assert!((4..=90).contains(&articles), "{f}");
    assert!(f["articles_per_second"].as_f64().unwrap() > 0.0);
    assert!(f["check"].as_str().unwrap().starts_with("ok: "), "{f}");
}

#[test]
fn end_to_end_scale_run_stores_every_replay_and_keeps_the_active_set() {
    let data = tempfile::tempdir().unwrap();
    let (v, out) = json(
        cc(data.path())
            .args(["bench", "--stage", "all", "--replay", "3", "--corpus"])
            .arg(sample()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = v["replay"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let stored: Vec<u64> = rows.iter().map(|r| r["stored"].as_u64().unwrap()).collect();
    assert!(stored[0] > 50, "{stored:?}");
    // Each replay's renamed words make new texts: the store grows by a replay each time.
    assert_eq!(stored[1], 2 * stored[0], "{stored:?}");
    assert_eq!(stored[2], 3 * stored[0], "{stored:?}");
    assert_eq!(
        rows[2]["articles"].as_u64().unwrap(),
        3 * rows[0]["articles"].as_u64().unwrap()
    );
    assert!(rows.iter().all(|r| r["store_bytes"].as_u64().unwrap() > 0));
}

#[test]
fn zero_runs_is_refused_before_any_work() {
    let data = tempfile::tempdir().unwrap();
    let out = cc(data.path())
        .args(["bench", "--runs", "0", "--corpus"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--runs"));
}
