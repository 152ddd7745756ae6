//! Sentence paraphrase on the MSR Paraphrase corpus (`Quality, #1 ID, #2 ID, #1 String,
//! #2 String`, tab-separated): precision, recall and F1 of the sentence similarity that
//! rewrite detection uses, at its threshold, and the threshold that would score best.

use std::path::Path;

use crosscheck_origins::similarity::Bag;
use crosscheck_origins::PARAPHRASE_SIMILARITY;
use serde::Serialize;

use crate::EvalError;

/// Scores at one threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AtThreshold {
    /// Pairs at or above it are called paraphrases.
    pub threshold: f64,
    /// Precision of the paraphrase class.
    pub precision: f64,
    /// Recall of the paraphrase class.
    pub recall: f64,
    /// F1 of the paraphrase class.
    pub f1: f64,
    /// Share of pairs labelled right.
    pub accuracy: f64,
}

/// The evaluation's result.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Sentence pairs scored.
    pub pairs: usize,
    /// Pairs labelled paraphrases.
    pub paraphrases: usize,
    /// At crosscheck's threshold.
    pub used: AtThreshold,
    /// At the threshold (in steps of 0.05) with the best F1, for reference.
    pub best: AtThreshold,
}

/// Reads the corpus at `path` and scores the similarity.
pub fn run(path: &Path) -> Result<Report, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut pairs = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let label = match fields.first() {
            Some(&"1") => true,
            Some(&"0") => false,
            _ if line.trim().is_empty() => continue,
            _ => {
                return Err(EvalError::Format {
                    path: format!("{}:{}", path.display(), n + 1),
                    message: "expected a 0/1 quality label and two sentences".into(),
                })
            }
        };
        if fields.len() < 5 {
            return Err(EvalError::Format {
                path: format!("{}:{}", path.display(), n + 1),
                message: format!("{} fields, expected 5", fields.len()),
            });
        }
        pairs.push((label, Bag::of(fields[3]).similarity(&Bag::of(fields[4]))));
    }
    let best = (0..=20)
        .map(|i| score(&pairs, f64::from(i) * 0.05))
        .fold(score(&pairs, 0.0), |b, s| if s.f1 > b.f1 { s } else { b });
    Ok(Report {
        pairs: pairs.len(),
        paraphrases: pairs.iter().filter(|p| p.0).count(),
        used: score(&pairs, PARAPHRASE_SIMILARITY),
        best,
    })
}

fn score(pairs: &[(bool, f64)], threshold: f64) -> AtThreshold {
    let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
    for &(gold, sim) in pairs {
        match (gold, sim >= threshold) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => tn += 1,
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    AtThreshold {
        threshold,
        precision,
        recall,
        f1,
        accuracy: ratio(tp + tn, pairs.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_at_a_threshold() {
        let pairs = [(true, 0.9), (true, 0.3), (false, 0.6), (false, 0.1)];
        let s = score(&pairs, 0.5);
        assert_eq!((s.precision, s.recall, s.accuracy), (0.5, 0.5, 0.5));
        assert_eq!(score(&pairs, 0.95).f1, 0.0);
    }
}
