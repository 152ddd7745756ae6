//! Story grouping on labelled JSON Lines (`id, url, outlet, published, title, text,
//! gold_story`): B-cubed precision, recall and F1 and the adjusted Rand index of the
//! predicted groups against the gold ones, at the story level or the topic level (the topic
//! of each article's story against `gold_story`).
//!
//! Records are grouped in publication order where it is known: the dated records are sorted
//! (stably) among the places dated records hold in the file, and undated records keep their
//! place. A set with few dates (ECB+) thus keeps its file order, and a dated one (DUC) is
//! replayed as the stream it was.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;

use crosscheck_analyze::Analyzer;
use crosscheck_group::{embedding_text, link_topics, regroup, Doc, GroupConfig, StoryId, TopicId};
use crosscheck_ingest::{Format, Ingestor};
use crosscheck_model::Article;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::EvalError;

/// What is compared with the gold groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Each article's story.
    Story,
    /// The topic of each article's story.
    Topic,
}

/// B-cubed precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BCubed {
    /// Mean over items of the share of its predicted group that shares its gold group.
    pub precision: f64,
    /// Mean over items of the share of its gold group that shares its predicted group.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

/// B-cubed scores of `predicted` against `gold` labels (one each per item, same order).
pub fn bcubed<P: Ord, G: Ord>(predicted: &[P], gold: &[G]) -> BCubed {
    assert_eq!(predicted.len(), gold.len(), "one label each per item");
    let n = predicted.len();
    if n == 0 {
        return BCubed {
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
        };
    }
    let mut pair: BTreeMap<(&P, &G), usize> = BTreeMap::new();
    let mut by_p: BTreeMap<&P, usize> = BTreeMap::new();
    let mut by_g: BTreeMap<&G, usize> = BTreeMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *pair.entry((p, g)).or_default() += 1;
        *by_p.entry(p).or_default() += 1;
        *by_g.entry(g).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    // Each item of a (predicted, gold) cell scores the cell's size over its group's size.
    for (&(p, g), &c) in &pair {
        let c = c as f64;
        precision += c * c / by_p[p] as f64;
        recall += c * c / by_g[g] as f64;
    }
    let (precision, recall) = (precision / n as f64, recall / n as f64);
    BCubed {
        precision,
        recall,
        f1: 2.0 * precision * recall / (precision + recall),
    }
}

/// Adjusted Rand index of `predicted` against `gold` labels: 1 for identical partitions, about
/// 0 for chance agreement.
pub fn adjusted_rand<P: Ord, G: Ord>(predicted: &[P], gold: &[G]) -> f64 {
    assert_eq!(predicted.len(), gold.len(), "one label each per item");
    let pairs = |x: usize| (x * x.saturating_sub(1) / 2) as f64;
    let mut cell: BTreeMap<(&P, &G), usize> = BTreeMap::new();
    let mut by_p: BTreeMap<&P, usize> = BTreeMap::new();
    let mut by_g: BTreeMap<&G, usize> = BTreeMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *cell.entry((p, g)).or_default() += 1;
        *by_p.entry(p).or_default() += 1;
        *by_g.entry(g).or_default() += 1;
    }
    let index: f64 = cell.values().map(|&c| pairs(c)).sum();
    let a: f64 = by_p.values().map(|&c| pairs(c)).sum();
    let b: f64 = by_g.values().map(|&c| pairs(c)).sum();
    let total = pairs(predicted.len());
    if total == 0.0 {
        return 1.0;
    }
    let expected = a * b / total;
    let max = (a + b) / 2.0;
    if max == expected {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

/// A labelled set, analysed and in grouping order.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Records read.
    pub records: usize,
    /// Records that could not be read (or had no `gold_story`).
    pub rejected: usize,
    /// Features of each article, in grouping order.
    pub docs: Vec<Doc>,
    /// Gold group of each article, same order.
    pub gold: Vec<String>,
    /// Seconds spent reading and analysing.
    pub seconds: f64,
}

/// The benchmark's result.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The level scored.
    pub level: Level,
    /// Articles scored.
    pub articles: usize,
    /// Records that could not be read or had no gold label.
    pub rejected: usize,
    /// B-cubed scores.
    pub bcubed: BCubed,
    /// Adjusted Rand index.
    pub ari: f64,
    /// Predicted groups (stories or topics).
    pub predicted_groups: usize,
    /// Gold groups.
    pub gold_groups: usize,
    /// Seconds spent reading and analysing.
    pub analysis_seconds: f64,
    /// Seconds spent grouping (and linking topics).
    pub grouping_seconds: f64,
}

/// Reads, orders and analyses a labelled JSON Lines file.
pub fn prepare(path: &Path, ingestor: &Ingestor) -> Result<Prepared, EvalError> {
    prepare_inner(path, ingestor, false).map(|(p, _)| p)
}

/// [`prepare`], also giving what to embed of each article ([`embedding_text`]), in the order
/// of [`Prepared::docs`]: the caller embeds them and fills in [`Doc::embedding`].
pub fn prepare_with_texts(
    path: &Path,
    ingestor: &Ingestor,
) -> Result<(Prepared, Vec<String>), EvalError> {
    prepare_inner(path, ingestor, true)
}

fn prepare_inner(
    path: &Path,
    ingestor: &Ingestor,
    texts: bool,
) -> Result<(Prepared, Vec<String>), EvalError> {
    let start = Instant::now();
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: name.clone(),
        source,
    })?;
    let read = ingestor.read_text(&name, &text, Some(Format::JsonLines));
    let records = read.len();
    let mut labelled: Vec<(Article, String)> = read
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|a| {
            let gold = match a.metadata.get("gold_story")? {
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            Some((a, gold))
        })
        .collect();
    let rejected = records - labelled.len();
    order(&mut labelled);
    let analyzer = Analyzer::default();
    let docs = labelled
        .par_iter()
        .map(|(a, _)| Doc::extract(a, &analyzer.analyze(a)))
        .collect();
    let texts = if texts {
        labelled.iter().map(|(a, _)| embedding_text(a)).collect()
    } else {
        Vec::new()
    };
    let prepared = Prepared {
        records,
        rejected,
        docs,
        gold: labelled.into_iter().map(|(_, g)| g).collect(),
        seconds: start.elapsed().as_secs_f64(),
    };
    Ok((prepared, texts))
}

/// Sorts the dated articles by publication time (stably) among the slots dated articles
/// hold; undated articles keep their place.
fn order(items: &mut [(Article, String)]) {
    let slots: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].0.published.is_some())
        .collect();
    let mut dated: Vec<usize> = slots.clone();
    dated.sort_by_key(|&i| items[i].0.published);
    let mut taken: Vec<Option<(Article, String)>> =
        slots.iter().map(|&i| Some(items[i].clone())).collect();
    let position: HashMap<usize, usize> = slots.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    for (slot, from) in slots.iter().zip(dated) {
        items[*slot] = taken[position[&from]]
            .take()
            .expect("each record moves once");
    }
}

/// Groups a prepared set with `config` and scores it at `level`.
pub fn score(prepared: &Prepared, level: Level, config: &GroupConfig) -> Report {
    let start = Instant::now();
    let grouping = regroup(&prepared.docs, config);
    let predicted: Vec<u64> = match level {
        Level::Story => grouping.stories.iter().map(|s| s.0).collect(),
        Level::Topic => {
            let topics: Vec<TopicId> = link_topics(&grouping.profiles, &config.topics);
            let of: HashMap<StoryId, TopicId> =
                grouping.profiles.iter().map(|p| p.id).zip(topics).collect();
            grouping.stories.iter().map(|s| of[s].0).collect()
        }
    };
    let grouping_seconds = start.elapsed().as_secs_f64();
    let count = |labels: &[u64]| {
        let mut l = labels.to_vec();
        l.sort_unstable();
        l.dedup();
        l.len()
    };
    let mut gold_groups: Vec<&String> = prepared.gold.iter().collect();
    gold_groups.sort_unstable();
    gold_groups.dedup();
    Report {
        level,
        articles: predicted.len(),
        rejected: prepared.rejected,
        bcubed: bcubed(&predicted, &prepared.gold),
        ari: adjusted_rand(&predicted, &prepared.gold),
        predicted_groups: count(&predicted),
        gold_groups: gold_groups.len(),
        analysis_seconds: prepared.seconds,
        grouping_seconds,
    }
}

/// Reads, analyses, groups and scores a labelled JSON Lines file.
pub fn run(
    path: &Path,
    level: Level,
    config: &GroupConfig,
    ingestor: &Ingestor,
) -> Result<Report, EvalError> {
    Ok(score(&prepare(path, ingestor)?, level, config))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn bcubed_on_hand_cases() {
        let perfect = bcubed(&[1, 1, 2], &["a", "a", "b"]);
        assert!(close(perfect.f1, 1.0));
        // One big cluster over gold {a,a,b}: precision (2/3+2/3+1/3)/3 = 5/9, recall 1.
        let lumped = bcubed(&[1, 1, 1], &["a", "a", "b"]);
        assert!(close(lumped.precision, 5.0 / 9.0), "{lumped:?}");
        assert!(close(lumped.recall, 1.0));
        assert!(close(lumped.f1, 2.0 * (5.0 / 9.0) / (5.0 / 9.0 + 1.0)));
        // Singletons over gold {a,a,b}: precision 1, recall (1/2+1/2+1)/3 = 2/3.
        let split = bcubed(&[1, 2, 3], &["a", "a", "b"]);
        assert!(close(split.precision, 1.0));
        assert!(close(split.recall, 2.0 / 3.0));
    }

    #[test]
    fn adjusted_rand_on_hand_cases() {
        assert!(close(
            adjusted_rand(&[1, 1, 2, 2], &["a", "a", "b", "b"]),
            1.0
        ));
        assert!(close(
            adjusted_rand(&[7, 7, 3, 3], &["a", "a", "b", "b"]),
            1.0
        ));
        // sklearn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
        let v = adjusted_rand(&[0, 0, 1, 2], &["a", "a", "b", "b"]);
        assert!(close(v, 4.0 / 7.0), "{v}");
        // sklearn: adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5
        assert!(close(
            adjusted_rand(&[0, 1, 0, 1], &["a", "a", "b", "b"]),
            -0.5
        ));
    }

    #[test]
    fn dated_records_sort_into_dated_slots() {
        let at = |text: &str, day: Option<u32>| {
            let mut a = Article::new(crosscheck_model::ArticleId::of_text(text), text.into());
            a.published = day.map(|d| {
                chrono::NaiveDate::from_ymd_opt(2024, 1, d)
                    .unwrap()
                    .and_hms_opt(0, 0, 0)
                    .unwrap()
                    .and_utc()
            });
            (a, text.to_string())
        };
        let mut items = vec![
            at("late", Some(9)),
            at("undated", None),
            at("early", Some(2)),
            at("mid", Some(5)),
        ];
        order(&mut items);
        let got: Vec<&str> = items.iter().map(|(_, g)| g.as_str()).collect();
        assert_eq!(got, ["early", "undated", "mid", "late"]);
    }
}
