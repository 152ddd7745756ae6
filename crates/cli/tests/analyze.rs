//! End-to-end: `crosscheck analyze` on the seed articles, without a store.

mod common;

use common::{cc, json};

#[test]
fn analyze_prints_sentences_and_headings_with_spans() {
    let Some(seed) = crosscheck_testdata::shared_path("seeds/002_911d72a3f3bcc055.txt") else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let (v, out) = json(cc(&scratch.path().join("unused")).arg("analyze").arg(&seed));
    assert!(out.status.success());
    assert_eq!(v["version"], 1);
    let article = &v["articles"][0];
    assert_eq!(article["analysis_version"], 2);
    assert!(article["events"].is_array());
    let headings = article["headings"].as_array().unwrap();
    assert_eq!(headings.len(), 2);
    assert_eq!(headings[0]["text"], "What we know about engagement");
    // The printed text is exactly the span of the article's clean text.
    let (stored, _) = json(cc(scratch.path()).arg("ingest").arg(&seed));
    assert_eq!(stored["ingest"]["new"], 1);
    let id = article["id"].as_str().unwrap();
    let (full, _) = json(cc(scratch.path()).args(["article", id]));
    let text = full["article"]["text"].as_str().unwrap();
    for s in article["sentences"].as_array().unwrap() {
        let (start, end) = (
            s["span"]["start"].as_u64().unwrap() as usize,
            s["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], s["text"].as_str().unwrap());
    }
    assert!(
        !scratch.path().join("unused").exists(),
        "analyze opens no store"
    );
}

#[test]
fn analyze_rejects_a_bad_file_and_goes_on() {
    let Some(seed) = crosscheck_testdata::shared_path("seeds/000_f4e2d48c6ccf7a64.txt") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = cc(dir.path())
        .arg("analyze")
        .arg(&empty)
        .arg(&seed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt: empty input"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("In a recent interview with KBS"));
}

#[test]
fn analyze_resolves_dates_against_the_given_publication_date() {
    let Some(seed) = crosscheck_testdata::shared_path("seeds/002_911d72a3f3bcc055.txt") else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let (v, out) = json(
        cc(scratch.path())
            .arg("analyze")
            .arg(&seed)
            .args(["--published", "2024-11-05"]),
    );
    assert!(out.status.success());
    let dates = v["articles"][0]["dates"].as_array().unwrap();
    let resolved = |text: &str| {
        dates
            .iter()
            .find(|d| d["text"].as_str().unwrap().starts_with(text))
            .map(|d| d["resolved"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(
        resolved("Tuesday").as_deref(),
        Some("2024-11-05"),
        "{dates:#?}"
    );
    assert_eq!(
        resolved("last month").as_deref(),
        Some("2024-10"),
        "{dates:#?}"
    );
    let quantities = v["articles"][0]["quantities"].as_array().unwrap();
    assert!(quantities
        .iter()
        .any(|q| q["text"] == "at least 10,000 soldiers"
            && q["low"] == 10000.0
            && q["high"].is_null()));
}

#[test]
fn eval_entities_scores_the_shipped_tagger_on_conll() {
    let Some(dev) = crosscheck_testdata::shared_path("eval/entities/conllpp_dev.txt") else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let (v, out) = json(cc(scratch.path()).args(["eval", "entities"]).arg(&dev));
    assert!(out.status.success());
    let overall = &v["entities"]["overall"];
    assert!(overall["gold"].as_u64().unwrap() > 5000);
    // The tagger is tuned on dev: a drop here means the shipped model or the reader broke.
    assert!(overall["f1"].as_f64().unwrap() > 0.88, "{overall}");
    assert_eq!(v["entities"]["per_type"].as_array().unwrap().len(), 4);
    let missing = cc(scratch.path())
        .args(["eval", "entities", "no-such-file.txt"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-file.txt"));
}

#[test]
fn eval_paraphrase_scores_the_rewrite_similarity_on_msrp() {
    let Some(msrp) = crosscheck_testdata::shared_path("eval/paraphrase/msr_paraphrase_train.txt")
    else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let (v, out) = json(cc(scratch.path()).args(["eval", "paraphrase"]).arg(&msrp));
    assert!(out.status.success());
    let r = &v["paraphrase"];
    assert_eq!(r["pairs"], 4076);
    // Better than calling every pair a paraphrase (F1 0.805 on this file) and than chance.
    assert!(r["used"]["f1"].as_f64().unwrap() > 0.805, "{r}");
    assert!(r["used"]["accuracy"].as_f64().unwrap() > 0.70, "{r}");
}

#[test]
fn eval_events_scores_main_events_on_giveme5w1h() {
    let Some(dir) = crosscheck_testdata::shared_path("eval/events/giveme5w1h") else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let (v, out) = json(cc(scratch.path()).args(["eval", "events"]).arg(&dir));
    assert!(out.status.success());
    let r = &v["events"];
    assert_eq!(r["articles"], 96);
    // Who and when are read well from a lead; a regression shows here first.
    assert!(r["actor"]["lenient"].as_f64().unwrap() > 0.6, "{r}");
    assert!(r["time"]["lenient"].as_f64().unwrap() > 0.55, "{r}");
    assert!(r["place"]["gold"].as_u64().unwrap() > 50);
}
