//! The attributions the one-to-one matching leaves alone, as text: gold that nothing found (or
//! found with another source) and predictions that match no gold, sampled across a split for
//! `eval quotes --misses N`.

use crosscheck_model::Span;
use serde::Serialize;

use super::{overlaps, Gold, Predicted};

/// An attribution the one-to-one matching left alone: gold that nothing found, or a
/// prediction that matches no gold; spans as text.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// The document's file stem.
    pub document: String,
    /// `missed` (no prediction overlaps the content), `wrong-source` (a prediction overlaps
    /// the content, not the source) or `spurious` (a prediction matching no gold).
    pub kind: &'static str,
    /// The source, cue and content (shortened).
    pub source: Option<String>,
    /// The cue.
    pub cue: Option<String>,
    /// The content.
    pub content: String,
    /// For a miss, the source crosscheck gave the content it overlaps, if any.
    pub found_source: Option<String>,
}

/// The gold and predicted attributions left out of the matching `pairs`.
pub(super) fn list(
    text: &str,
    document: &str,
    gold: &[Gold],
    predicted: &[Predicted],
    pairs: &[(usize, usize)],
) -> Vec<Miss> {
    const LONG: usize = 160;
    let show = |s: Span| {
        let t = s.slice(text).unwrap_or("").replace('\n', " ");
        match t.char_indices().nth(LONG) {
            Some((i, _)) => format!("{}…", &t[..i]),
            None => t,
        }
    };
    let mut out = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        if pairs.iter().any(|&(gi, _)| gi == i) {
            continue;
        }
        let near = predicted.iter().find(|p| overlaps(p.content, g.content));
        out.push(Miss {
            document: document.to_string(),
            kind: if near.is_some() {
                "wrong-source"
            } else {
                "missed"
            },
            source: g.source.map(show),
            cue: g.cue.map(show),
            content: show(g.content),
            found_source: near.and_then(|p| p.source).map(show),
        });
    }
    for (j, p) in predicted.iter().enumerate() {
        if !pairs.iter().any(|&(_, pj)| pj == j) {
            out.push(Miss {
                document: document.to_string(),
                kind: "spurious",
                source: p.source.map(show),
                cue: p.cue.map(show),
                content: show(p.content),
                found_source: None,
            });
        }
    }
    out
}

/// Up to `n` missed and `n` spurious attributions, every k-th of each kind so one long document
/// does not fill the list.
pub(super) fn sample(all: impl Iterator<Item = Miss>, n: usize) -> Vec<Miss> {
    let all: Vec<Miss> = all.collect();
    let mut out = Vec::new();
    for spurious in [false, true] {
        let kind: Vec<&Miss> = all
            .iter()
            .filter(|m| (m.kind == "spurious") == spurious)
            .collect();
        let step = kind.len().div_ceil(n.max(1)).max(1);
        out.extend(kind.into_iter().step_by(step).take(n).cloned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn miss(kind: &'static str, i: usize) -> Miss {
        Miss {
            document: format!("doc{i}"),
            kind,
            source: None,
            cue: None,
            content: String::new(),
            found_source: None,
        }
    }

    #[test]
    fn samples_spread_over_the_split_per_kind() {
        let all = (0..10)
            .map(|i| miss("missed", i))
            .chain((0..4).map(|i| miss("spurious", i)));
        let s = sample(all, 2);
        let docs: Vec<(&str, &str)> = s.iter().map(|m| (m.kind, m.document.as_str())).collect();
        assert_eq!(
            docs,
            [
                ("missed", "doc0"),
                ("missed", "doc5"),
                ("spurious", "doc0"),
                ("spurious", "doc2")
            ]
        );
        assert!(sample(std::iter::empty(), 3).is_empty());
    }

    #[test]
    fn unmatched_gold_is_missed_or_wrong_source() {
        let text = "Trump said the plan works. Pence said it fails.";
        let gold = [
            Gold {
                content: Span::new(11, 25),
                source: Some(Span::new(0, 5)),
                cue: None,
            },
            Gold {
                content: Span::new(38, 46),
                source: Some(Span::new(27, 32)),
                cue: None,
            },
        ];
        let predicted = [Predicted {
            content: Span::new(11, 25),
            source: Some(Span::new(27, 32)),
            cue: None,
        }];
        let out = list(text, "d", &gold, &predicted, &[]);
        let kinds: Vec<&str> = out.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, ["wrong-source", "missed", "spurious"]);
        assert_eq!(out[0].found_source.as_deref(), Some("Pence"));
        assert_eq!(out[1].content, "it fails");
    }
}
