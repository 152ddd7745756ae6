//! Named entities on CoNLL-format data (token, POS, chunk, IOB tag; `-DOCSTART-` between
//! documents): span precision, recall and F1 per type and micro-averaged, as `conlleval`
//! computes them, for the tagger that ships with crosscheck.

use std::path::Path;

use crosscheck_tagger::{Counts, EntityKind, Tagger};
use serde::Serialize;

use crate::EvalError;

/// Precision, recall and F1 of one entity type (or all), with the counts behind them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeScore {
    /// `PER`, `ORG`, `LOC`, `MISC`, or `overall`.
    pub kind: String,
    /// Entities in the gold data.
    pub gold: usize,
    /// Entities predicted.
    pub predicted: usize,
    /// Predicted entities whose type and both boundaries match a gold one.
    pub correct: usize,
    /// Correct over predicted.
    pub precision: f64,
    /// Correct over gold.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

/// The evaluation's result.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// All types together (micro average).
    pub overall: TypeScore,
    /// Per type, in the order PER, ORG, LOC, MISC.
    pub per_type: Vec<TypeScore>,
}

fn score(kind: &str, c: &Counts) -> TypeScore {
    TypeScore {
        kind: kind.to_string(),
        gold: c.gold,
        predicted: c.predicted,
        correct: c.correct,
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
    }
}

/// Tags the CoNLL file at `path` with `tagger` document by document and scores the spans.
pub fn run(path: &Path, tagger: &Tagger) -> Result<Report, EvalError> {
    let sentences = crosscheck_tagger::read_conll(path).map_err(|e| EvalError::Format {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    if sentences.is_empty() {
        return Err(EvalError::Format {
            path: path.display().to_string(),
            message: "no sentences in CoNLL format (token ... tag per line)".to_string(),
        });
    }
    let scores = tagger.evaluate(&sentences);
    let per_type = EntityKind::ALL
        .iter()
        .map(|k| {
            score(
                k.conll(),
                &scores.per_kind.get(k).copied().unwrap_or_default(),
            )
        })
        .collect();
    Ok(Report {
        sentences: sentences.len(),
        tokens: sentences.iter().map(|s| s.words.len()).sum(),
        overall: score("overall", &scores.overall),
        per_type,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_small_file_and_refuses_an_empty_one() {
        let dir = std::env::temp_dir().join(format!("cc-eval-entities-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("small.txt");
        std::fs::write(
            &good,
            "-DOCSTART- -X- -X- O\n\nRustem NNP B-NP B-PER\nUmerov NNP I-NP I-PER\nvisited VBD B-VP O\n\
             Kyiv NNP B-NP B-LOC\non IN B-PP O\nTuesday NNP B-NP O\n. . O O\n\n",
        )
        .unwrap();
        let report = run(&good, &Tagger::load_default()).unwrap();
        assert_eq!(report.sentences, 1);
        assert_eq!(report.overall.gold, 2);
        assert!(report.overall.correct <= report.overall.predicted);
        assert_eq!(report.per_type.len(), 4);
        let empty = dir.join("empty.txt");
        std::fs::write(&empty, "").unwrap();
        let err = run(&empty, &Tagger::load_default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("empty.txt"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
