//! Quotes and attributions on PolNeAR (`text/*.txt` with BRAT stand-off `attributions/*.ann`):
//! content-span precision, recall and F1 with overlap and with exact matching, and how often
//! the speaker overlaps the gold source on the matched attributions.

use std::collections::HashMap;
use std::path::Path;

use crosscheck_analyze::Analyzer;
use crosscheck_model::{Article, ArticleId, Span};
use rayon::prelude::*;
use serde::Serialize;

use crate::EvalError;

/// One gold attribution: its content and source, as byte spans of the text.
#[derive(Debug, Clone)]
struct Gold {
    content: Span,
    source: Option<Span>,
}

/// Counts of one document.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    gold: usize,
    predicted: usize,
    matched_gold: usize,
    matched_predicted: usize,
    exact: usize,
    source_checked: usize,
    source_right: usize,
}

/// The benchmark's result.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// Gold attributions with a content span.
    pub gold: usize,
    /// Quotes crosscheck found.
    pub predicted: usize,
    /// Content overlap: precision, recall, F1.
    pub overlap: Prf,
    /// Content exact match (same boundaries, ignoring surrounding punctuation and spaces).
    pub exact: Prf,
    /// Share of overlap-matched attributions whose speaker overlaps the gold source (among
    /// those where both exist).
    pub source_accuracy: f64,
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn of(tp_predicted: usize, predicted: usize, tp_gold: usize, gold: usize) -> Self {
        let precision = ratio(tp_predicted, predicted);
        let recall = ratio(tp_gold, gold);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Self {
            precision,
            recall,
            f1,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores the analyzer's quotes on a PolNeAR split folder (`text/`, `attributions/`).
pub fn run(dir: &Path) -> Result<Report, EvalError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| EvalError::Io { path, source }
    };
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut annotations: HashMap<String, std::path::PathBuf> = HashMap::new();
    for entry in std::fs::read_dir(&ann_dir).map_err(io(&ann_dir))? {
        let path = entry.map_err(io(&ann_dir))?.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // `<document>_<annotator>.ann`: the first annotator's file for each document.
        if let Some((doc, _)) = stem.rsplit_once('_') {
            annotations.entry(doc.to_string()).or_insert(path);
        }
    }
    let mut docs: Vec<(std::path::PathBuf, std::path::PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(&text_dir).map_err(io(&text_dir))? {
        let path = entry.map_err(io(&text_dir))?.path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if let Some(ann) = annotations.get(&stem) {
            docs.push((path, ann.clone()));
        }
    }
    docs.sort();
    let analyzer = Analyzer::default();
    let counts: Vec<Counts> = docs
        .par_iter()
        .map(|(text, ann)| score(text, ann, &analyzer))
        .collect::<Result<_, _>>()?;
    Ok(report(docs.len(), &counts))
}

fn score(text_path: &Path, ann_path: &Path, analyzer: &Analyzer) -> Result<Counts, EvalError> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|source| EvalError::Io {
            path: p.display().to_string(),
            source,
        })
    };
    let text = read(text_path)?;
    let gold = parse_ann(&read(ann_path)?, &text);
    let article = Article::new(ArticleId::of_text(&text), text.clone());
    let quotes = analyzer.analyze(&article).quotes;
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    let mut c = Counts {
        gold: gold.len(),
        predicted: quotes.len(),
        ..Counts::default()
    };
    for g in &gold {
        if let Some(q) = quotes.iter().find(|q| overlaps(q.span, g.content)) {
            c.matched_gold += 1;
            if trimmed(&text, q.span) == trimmed(&text, g.content) {
                c.exact += 1;
            }
            if let (Some(source), Some(speaker)) = (g.source, q.speaker_span) {
                c.source_checked += 1;
                c.source_right += usize::from(overlaps(source, speaker));
            }
        }
    }
    c.matched_predicted = quotes
        .iter()
        .filter(|q| gold.iter().any(|g| overlaps(q.span, g.content)))
        .count();
    Ok(c)
}

fn trimmed(text: &str, span: Span) -> &str {
    span.slice(text)
        .unwrap_or("")
        .trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || "“”‘’".contains(c))
}

/// Gold attributions from BRAT lines: `T1\tContent 115 290\t...` and
/// `E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1`. Offsets are characters; spans are bytes.
fn parse_ann(ann: &str, text: &str) -> Vec<Gold> {
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let to_bytes = |c: usize| byte_of.get(c).copied();
    let mut spans: HashMap<&str, Span> = HashMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            // "Content 115 290" (discontinuous spans "a b;c d" keep their outer bounds).
            let mut parts = body.split([' ', ';']);
            let _label = parts.next();
            let nums: Vec<usize> = parts.filter_map(|p| p.parse().ok()).collect();
            if let (Some(&start), Some(&end)) = (nums.first(), nums.last()) {
                if let (Some(s), Some(e)) = (to_bytes(start), to_bytes(end)) {
                    spans.insert(id, Span::new(s, e));
                }
            }
        } else if id.starts_with('E') {
            let role = |name: &str| {
                body.split(' ')
                    .find_map(|r| r.strip_prefix(name))
                    .and_then(|t| spans.get(t).copied())
            };
            if let Some(content) = role("Content:") {
                out.push(Gold {
                    content,
                    source: role("Source:"),
                });
            }
        }
    }
    out
}

fn report(documents: usize, counts: &[Counts]) -> Report {
    let sum = counts.iter().fold(Counts::default(), |a, c| Counts {
        gold: a.gold + c.gold,
        predicted: a.predicted + c.predicted,
        matched_gold: a.matched_gold + c.matched_gold,
        matched_predicted: a.matched_predicted + c.matched_predicted,
        exact: a.exact + c.exact,
        source_checked: a.source_checked + c.source_checked,
        source_right: a.source_right + c.source_right,
    });
    Report {
        documents,
        gold: sum.gold,
        predicted: sum.predicted,
        overlap: Prf::of(
            sum.matched_predicted,
            sum.predicted,
            sum.matched_gold,
            sum.gold,
        ),
        exact: Prf::of(sum.exact, sum.predicted, sum.exact, sum.gold),
        source_accuracy: ratio(sum.source_right, sum.source_checked),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_offsets_become_byte_spans() {
        let text = "Zelensky’s aide said “we won”.";
        let ann = "T1\tSource 0 15\tZelensky’s aide\nT2\tCue 16 20\tsaid\nT3\tContent 21 28\t“we won\nT4\tAttribution 16 20\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let gold = parse_ann(ann, text);
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].content.slice(text), Some("“we won"));
        assert_eq!(gold[0].source.unwrap().slice(text), Some("Zelensky’s aide"));
    }

    #[test]
    fn dev_split_scores() {
        let Some(dir) = crosscheck_testdata::shared_path("eval/quotes/polnear/dev") else {
            return;
        };
        let r = run(&dir).unwrap();
        eprintln!(
            "quotes: {} docs, gold {}, predicted {}; overlap P {:.3} R {:.3} F1 {:.3}; exact F1 {:.3}; source accuracy {:.3}",
            r.documents, r.gold, r.predicted, r.overlap.precision, r.overlap.recall, r.overlap.f1, r.exact.f1, r.source_accuracy
        );
        assert!(r.documents >= 80);
        // Measured: P 0.935, R 0.432, F1 0.590; source accuracy 0.846. Bars just below.
        assert!(r.overlap.f1 >= 0.57 && r.overlap.precision >= 0.90, "{r:?}");
        assert!(r.source_accuracy >= 0.80, "{r:?}");
    }
}
