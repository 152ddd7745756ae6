//! Main-text extraction: shingle precision, recall and F1 of the extracted body against the
//! human-written one, as defined by the benchmark in `../shared/eval/README.md` (4-word
//! shingles of `\w+` words; precision and recall averaged over pages; F1 of the averages).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

use crosscheck_ingest::{Format, Ingestor};
use rayon::prelude::*;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::EvalError;

const SHINGLE: usize = 4;

/// Scores of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    /// Page id.
    pub id: String,
    /// Shared shingles.
    pub tp: usize,
    /// Extracted-only shingles.
    pub fp: usize,
    /// Reference-only shingles.
    pub fn_: usize,
    /// The extraction error, if the page gave no article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The benchmark's result.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Pages scored.
    pub pages: usize,
    /// Mean shingle precision.
    pub precision: f64,
    /// Mean shingle recall.
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
    /// Per-page counts, worst recall first.
    pub per_page: Vec<PageScore>,
}

#[derive(Deserialize)]
struct Truth {
    #[serde(rename = "articleBody")]
    article_body: String,
}

/// Runs extraction over `dir/html/<id>.html.gz` and scores it against `dir/ground-truth.json`.
pub fn run(dir: &Path, ingestor: &Ingestor) -> Result<Report, EvalError> {
    let truth_path = dir.join("ground-truth.json");
    let raw = std::fs::read_to_string(&truth_path).map_err(|source| EvalError::Io {
        path: truth_path.display().to_string(),
        source,
    })?;
    let truth: HashMap<String, Truth> =
        serde_json::from_str(&raw).map_err(|e| EvalError::Format {
            path: truth_path.display().to_string(),
            message: e.to_string(),
        })?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let pages: Vec<PageScore> = ids
        .par_iter()
        .map(|id| score_page(dir, id, &truth[*id].article_body, ingestor))
        .collect::<Result<_, _>>()?;
    Ok(report(pages))
}

fn score_page(
    dir: &Path,
    id: &str,
    truth: &str,
    ingestor: &Ingestor,
) -> Result<PageScore, EvalError> {
    let path = dir.join("html").join(format!("{id}.html.gz"));
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|source| EvalError::Io {
            path: path.display().to_string(),
            source,
        })?;
    let name = path.display().to_string();
    let (extracted, error) = match ingestor.read(&name, &bytes, Some(Format::Html)).pop() {
        Some(Ok(article)) => (article.text, None),
        Some(Err(e)) => (String::new(), Some(e.to_string())),
        None => (String::new(), Some("no article".to_string())),
    };
    let (tp, fp, fn_) = shingle_overlap(&extracted, truth);
    Ok(PageScore {
        id: id.to_string(),
        tp,
        fp,
        fn_,
        error,
    })
}

/// (shared, extracted-only, reference-only) 4-word shingle counts, as multisets.
pub fn shingle_overlap(extracted: &str, truth: &str) -> (usize, usize, usize) {
    let a = shingles(extracted);
    let b = shingles(truth);
    let total_a: usize = a.values().sum();
    let total_b: usize = b.values().sum();
    let tp: usize = a
        .iter()
        .map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0)))
        .sum();
    (tp, total_a - tp, total_b - tp)
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").unwrap());
    let words: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
    let mut out = HashMap::new();
    for w in words.windows(SHINGLE) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

fn report(mut pages: Vec<PageScore>) -> Report {
    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    for p in &pages {
        if p.fp == 0 && p.fn_ == 0 {
            precisions.push(1.0);
            recalls.push(1.0);
            continue;
        }
        if p.tp + p.fp > 0 {
            precisions.push(p.tp as f64 / (p.tp + p.fp) as f64);
        }
        if p.tp + p.fn_ > 0 {
            recalls.push(p.tp as f64 / (p.tp + p.fn_) as f64);
        }
    }
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (precision, recall) = (mean(&precisions), mean(&recalls));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let recall_of = |p: &PageScore| p.tp as f64 / (p.tp + p.fn_).max(1) as f64;
    pages.sort_by(|a, b| recall_of(a).total_cmp(&recall_of(b)).then(a.id.cmp(&b.id)));
    Report {
        pages: pages.len(),
        precision,
        recall,
        f1,
        per_page: pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_counts_multisets() {
        let (tp, fp, fn_) = shingle_overlap("a b c d e", "a b c d x");
        assert_eq!((tp, fp, fn_), (1, 1, 1));
        let (tp, fp, fn_) = shingle_overlap("", "one two three four");
        assert_eq!((tp, fp, fn_), (0, 0, 1));
    }

    #[test]
    fn report_averages_pages() {
        let page = |tp, fp, fn_| PageScore {
            id: String::new(),
            tp,
            fp,
            fn_,
            error: None,
        };
        let r = report(vec![page(1, 1, 0), page(0, 0, 2)]);
        assert!(
            (r.precision - 0.5).abs() < 1e-9,
            "the empty page has no precision"
        );
        assert!((r.recall - 0.5).abs() < 1e-9);
        assert!((r.f1 - 0.5).abs() < 1e-9);
    }

    #[test]
    fn shared_benchmark_reaches_target() {
        let Some(dir) = crosscheck_testdata::shared_path("eval/extraction") else {
            return;
        };
        let r = run(&dir, &Ingestor::default()).unwrap();
        eprintln!(
            "extraction: P {:.4} R {:.4} F1 {:.4}",
            r.precision, r.recall, r.f1
        );
        assert_eq!(r.pages, 91);
        assert!(
            r.f1 >= 0.96,
            "extraction F1 {:.4} (P {:.4}, R {:.4})",
            r.f1,
            r.precision,
            r.recall
        );
    }
}
