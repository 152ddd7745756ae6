//! End-to-end on the shared corpora: everything ingests without error, the BBC corpus's
//! exact duplicates are found, search and extraction evaluation work on real data.

mod common;

use std::collections::HashMap;

use common::{cc, json};

#[test]
fn shared_story_sets_and_bbc_ingest_and_duplicates_are_found() {
    let (Some(stories), Some(bbc)) = (
        crosscheck_testdata::shared_path("eval/stories"),
        crosscheck_testdata::shared_path("eval/corpus/bbc"),
    ) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let (report, out) = json(cc(data.path()).arg("ingest").arg(&stories).arg(&bbc));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(report["ingest"]["rejected"], 0);

    // Byte-identical BBC files, counted independently of crosscheck.
    let mut groups: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&bbc) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "txt") {
            *groups
                .entry(std::fs::read(entry.path()).unwrap())
                .or_default() += 1;
            files += 1;
        }
    }
    let extra_copies: usize = groups.values().map(|n| n - 1).sum();
    assert!(
        extra_copies >= 90,
        "the BBC corpus has about 100 duplicate groups"
    );
    let duplicates = report["ingest"]["duplicate"].as_u64().unwrap() as usize;
    assert!(
        duplicates >= extra_copies,
        "{duplicates} duplicates found, {extra_copies} byte-identical copies exist"
    );
    assert!(files >= 2225);

    let (hits, _) = json(cc(data.path()).args(["search", "Tara Reid rehab", "--limit", "3"]));
    let first = &hits["hits"][0];
    assert!(first["snippet"].as_str().unwrap().contains('['), "{first}");
    assert!(
        first["title"].as_str().unwrap_or("").contains("Reid")
            || first["snippet"].as_str().unwrap().contains("Reid")
    );
}

#[test]
fn extraction_eval_command_meets_the_bar() {
    let Some(dir) = crosscheck_testdata::shared_path("eval/extraction") else {
        return;
    };
    let (v, out) = json(
        cc(std::path::Path::new("/nonexistent"))
            .args(["eval", "extraction"])
            .arg(dir),
    );
    assert!(out.status.success());
    let f1 = v["extraction"]["f1"].as_f64().unwrap();
    assert!(f1 >= 0.96, "extraction F1 {f1}");
    assert_eq!(v["extraction"]["pages"], 91);
}
