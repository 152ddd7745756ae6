//! End-to-end tests of the `embeddings` feature: `eval stories --model` on a small labelled
//! set. They need the model (`scripts/fetch-model`); without it they skip with a message,
//! unless `CROSSCHECK_REQUIRE_MODEL` is set (as `scripts/test` does after fetching it).

#![cfg(feature = "embeddings")]

mod common;

use std::path::PathBuf;

use common::{cc, json};

fn model() -> Option<PathBuf> {
    crosscheck_testdata::model_folder(crosscheck_embed::default_model_dir()?)
}

/// Two stories told in different words, three articles each.
const SET: &[(&str, &str, &str)] = &[
    ("quake", "Earthquake strikes northern Peru", "A magnitude 6.1 earthquake struck northern Peru on Tuesday, damaging houses in several towns."),
    ("rehab", "Tara Reid checks into rehab", "Actress Tara Reid has checked herself into the Promises treatment centre in Malibu, her publicist said."),
    ("quake", "Strong tremor shakes Peru", "A strong tremor shook the north of Peru, collapsing homes and sending residents into the streets."),
    ("rehab", "Tara Reid enters treatment", "Tara Reid entered a Malibu rehabilitation clinic, according to her representative."),
    ("quake", "Peru quake damages homes", "Rescuers in northern Peru searched damaged homes after the magnitude 6.1 quake."),
    ("rehab", "Reid in rehab, rep says", "The American Pie star Tara Reid is in rehab at Promises, her rep told People magazine."),
];

fn labelled(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("set.jsonl");
    let lines: Vec<String> = SET
        .iter()
        .enumerate()
        .map(|(i, (gold, title, text))| {
            serde_json::json!({
                "id": format!("a{i}"), "url": null, "outlet": null, "published": null,
                "title": title, "text": format!("{title}\n{text}"), "gold_story": gold,
            })
            .to_string()
        })
        .collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn f1(v: &serde_json::Value) -> f64 {
    v["stories"]["bcubed"]["f1"].as_f64().unwrap()
}

#[test]
fn eval_stories_blends_embeddings_from_the_model_folder() {
    let Some(model) = model() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let set = labelled(scratch.path());
    let eval = || {
        let mut cmd = cc(scratch.path());
        cmd.args(["eval", "stories"])
            .arg(&set)
            .env_remove("CROSSCHECK_MODEL_DIR");
        cmd
    };
    let (lexical, out) = json(&mut eval());
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("embedded"));

    // Weight 0: the vectors are computed but the grouping is the lexical one.
    let (off, out) = json(
        eval()
            .arg("--model")
            .arg(&model)
            .args(["--embedding-weight", "0"]),
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("embedded 6 articles"));
    // The same grouping (timings aside).
    for field in ["bcubed", "ari", "predicted_groups", "articles"] {
        assert_eq!(off["stories"][field], lexical["stories"][field], "{field}");
    }

    let (on, out) = json(
        eval()
            .arg("--model")
            .arg(&model)
            .args(["--embedding-weight", "0.5"]),
    );
    assert!(out.status.success());
    assert!(f1(&on) > 0.9, "{}", on["stories"]);
    assert!(f1(&on) >= f1(&lexical), "{} vs {}", f1(&on), f1(&lexical));
}

#[test]
fn a_missing_model_folder_is_named() {
    let scratch = tempfile::tempdir().unwrap();
    let set = labelled(scratch.path());
    let out = cc(scratch.path())
        .args(["eval", "stories"])
        .arg(&set)
        .args(["--model", "/nonexistent/crosscheck-model"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/crosscheck-model"));
}
