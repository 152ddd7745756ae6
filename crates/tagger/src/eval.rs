//! Span-level scores as the CoNLL `conlleval` script computes them: an entity counts as
//! correct only when its type and both boundaries match the gold entity exactly.

use std::collections::BTreeMap;
use std::fmt;

use crate::tags::{token_spans, EntityKind, Tag};

/// Counts of entities for one type or overall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entities in the gold data.
    pub gold: usize,
    /// Entities predicted.
    pub predicted: usize,
    /// Predicted entities that match a gold one exactly.
    pub correct: usize,
}

impl Counts {
    /// Correct over predicted (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Correct over gold (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
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

/// Scores per entity type and micro-averaged over all types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanScores {
    /// Per type.
    pub per_kind: BTreeMap<EntityKind, Counts>,
    /// All types together (micro average).
    pub overall: Counts,
}

impl SpanScores {
    /// Adds one sentence's gold and predicted tags.
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        let gold = token_spans(gold);
        let predicted = token_spans(predicted);
        for span in &gold {
            self.per_kind.entry(span.kind).or_default().gold += 1;
            self.overall.gold += 1;
        }
        for span in &predicted {
            let hit = gold.contains(span);
            for counts in [
                self.per_kind.entry(span.kind).or_default(),
                &mut self.overall,
            ] {
                counts.predicted += 1;
                counts.correct += usize::from(hit);
            }
        }
    }
}

impl fmt::Display for SpanScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{name:>8}  P {:6.2}  R {:6.2}  F1 {:6.2}  ({} gold, {} predicted)",
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.gold,
                c.predicted
            )
        };
        line(f, "overall", &self.overall)?;
        for (kind, counts) in &self.per_kind {
            line(f, kind.conll(), counts)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(labels: &[&str]) -> Vec<Tag> {
        labels.iter().map(|l| Tag::from_conll(l).unwrap()).collect()
    }

    #[test]
    fn exact_boundaries_and_type_only() {
        let mut scores = SpanScores::default();
        scores.add(
            &tags(&["B-PER", "I-PER", "O", "B-LOC", "B-ORG"]),
            &tags(&["B-PER", "O", "O", "B-LOC", "B-MISC"]),
        );
        assert_eq!(
            scores.overall,
            Counts {
                gold: 3,
                predicted: 3,
                correct: 1
            }
        );
        assert_eq!(scores.per_kind[&EntityKind::Location].correct, 1);
        assert!((scores.overall.f1() - 1.0 / 3.0).abs() < 1e-9);
    }
}
