//! Briefs on DUC 2006: ROUGE-1 and ROUGE-2 recall of each set's brief summary (its first 250
//! words) against the human reference summaries, beside two baselines computed in the same
//! run at the same length: the lead sentences of the newest article, and TextRank over all
//! the set's sentences. Tokens are lowercased letters and digits; n-gram counts are clipped;
//! recall sums matches over the references of a set, and sets are averaged.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crosscheck_analyze::Analyzer;
use crosscheck_ingest::Ingestor;
use crosscheck_model::{Analysis, Article};
use crosscheck_origins::similarity::Bag;
use rayon::prelude::*;
use serde::Serialize;

use crate::EvalError;

/// Words of a summary that count.
pub const WORDS: usize = 250;

/// ROUGE recall of one system.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rouge {
    /// ROUGE-1 recall.
    pub rouge1: f64,
    /// ROUGE-2 recall.
    pub rouge2: f64,
}

/// The evaluation's result.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Sets scored (those with references).
    pub sets: usize,
    /// Mean summary length in words (the baselines get the same length per set).
    pub words: f64,
    /// crosscheck's brief summary.
    pub brief: Rouge,
    /// Lead sentences of the newest article.
    pub lead: Rouge,
    /// TextRank over every sentence of the set.
    pub textrank: Rouge,
}

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn ngrams(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut out = HashMap::new();
    for g in tokens.windows(n) {
        *out.entry(g).or_insert(0) += 1;
    }
    out
}

/// (matched, total) n-gram counts of `summary` against one reference.
fn overlap(summary: &[String], reference: &[String], n: usize) -> (usize, usize) {
    let s = ngrams(summary, n);
    let r = ngrams(reference, n);
    let matched = r
        .iter()
        .map(|(g, c)| (*c).min(s.get(g).copied().unwrap_or(0)))
        .sum();
    (matched, r.values().sum())
}

/// ROUGE-1 and -2 recall of `summary` against `references`.
pub fn rouge(summary: &str, references: &[String]) -> Rouge {
    let s = tokens(summary);
    let recall = |n: usize| {
        let (m, t) = references
            .iter()
            .map(|r| overlap(&s, &tokens(r), n))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        if t == 0 {
            0.0
        } else {
            m as f64 / t as f64
        }
    };
    Rouge {
        rouge1: recall(1),
        rouge2: recall(2),
    }
}

/// The first `words` words of the sentences, in order.
fn cut(sentences: &[&str], words: usize) -> String {
    let mut out: Vec<&str> = Vec::new();
    for s in sentences {
        for w in s.split_whitespace() {
            if out.len() == words {
                return out.join(" ");
            }
            out.push(w);
        }
    }
    out.join(" ")
}

/// TextRank: sentences ranked by PageRank over their content-word similarity, taken best
/// first while not redundant, until `words` words.
fn textrank(sentences: &[&str], words: usize) -> String {
    let bags: Vec<Bag> = sentences.iter().map(|s| Bag::of(s)).collect();
    let n = bags.len();
    let weights: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        0.0
                    } else {
                        bags[i].similarity(&bags[j])
                    }
                })
                .collect()
        })
        .collect();
    let out_sum: Vec<f64> = weights.iter().map(|r| r.iter().sum()).collect();
    let mut score = vec![1.0; n];
    for _ in 0..30 {
        score = (0..n)
            .map(|i| {
                0.15 + 0.85
                    * (0..n)
                        .filter(|&j| out_sum[j] > 0.0)
                        .map(|j| weights[j][i] / out_sum[j] * score[j])
                        .sum::<f64>()
            })
            .collect();
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| bags[i].len() >= 5).collect();
    order.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    let mut chosen: Vec<usize> = Vec::new();
    let mut length = 0;
    for i in order {
        if length >= words {
            break;
        }
        if chosen.iter().any(|&c| bags[c].similarity(&bags[i]) > 0.5) {
            continue;
        }
        length += sentences[i].split_whitespace().count();
        chosen.push(i);
    }
    let picked: Vec<&str> = chosen.iter().map(|&i| sentences[i]).collect();
    cut(&picked, words)
}

/// Scores the sets of `stories` (JSON Lines with `gold_story` such as `D0601A`) against the
/// references in `references` (`D0601.M.250.A.*`).
pub fn run(stories: &Path, references: &Path) -> Result<Report, EvalError> {
    let name = stories.display().to_string();
    let bytes = std::fs::read(stories).map_err(|source| EvalError::Io {
        path: name.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let mut sets: BTreeMap<String, Vec<Article>> = BTreeMap::new();
    let ingestor = Ingestor::default();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: format!("{name}:{}", i + 1),
            message: e.to_string(),
        })?;
        let set = v["gold_story"].as_str().unwrap_or_default().to_string();
        for article in ingestor
            .read_json_lines(&name, line, i + 1)
            .into_iter()
            .flatten()
        {
            sets.entry(set.clone()).or_default().push(article);
        }
    }
    let refs = read_references(references)?;
    let scored: Vec<(usize, [Rouge; 3])> = sets
        .par_iter()
        .filter_map(|(set, articles)| Some((refs.get(&reference_key(set)?)?, articles)))
        .map(|(refs, articles)| score_set(articles, refs))
        .collect();
    let mean = |k: usize| {
        let n = scored.len().max(1) as f64;
        Rouge {
            rouge1: scored.iter().map(|s| s.1[k].rouge1).sum::<f64>() / n,
            rouge2: scored.iter().map(|s| s.1[k].rouge2).sum::<f64>() / n,
        }
    };
    Ok(Report {
        sets: scored.len(),
        words: scored.iter().map(|s| s.0 as f64).sum::<f64>() / scored.len().max(1) as f64,
        brief: mean(0),
        lead: mean(1),
        textrank: mean(2),
    })
}

/// `D0601A` → `D0601.M.250.A`.
fn reference_key(set: &str) -> Option<String> {
    let (id, assessor) = set.split_at(set.len().checked_sub(1)?);
    Some(format!("{id}.M.250.{assessor}"))
}

fn read_references(dir: &Path) -> Result<HashMap<String, Vec<String>>, EvalError> {
    let io = |source| EvalError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let file = e.file_name().to_string_lossy().to_string();
        let Some((key, _)) = file.rsplit_once('.') else {
            continue;
        };
        let bytes = std::fs::read(e.path()).map_err(io)?;
        out.entry(key.to_string())
            .or_default()
            .push(String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(out)
}

/// (summary words, [brief, lead, textrank]) of one set.
fn score_set(articles: &[Article], refs: &[String]) -> (usize, [Rouge; 3]) {
    let analyzer = Analyzer::default();
    let analyses: Vec<Analysis> = articles.iter().map(|a| analyzer.analyze(a)).collect();
    let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    let story = crosscheck_compare::story(&pairs);
    let brief = crosscheck_brief::brief(&crosscheck_compare::compare(&story));
    let summary: Vec<&str> = brief
        .sections
        .iter()
        .filter(|s| s.id == "summary")
        .flat_map(|s| s.sentences.iter().map(|x| x.text.as_str()))
        .collect();
    let ours = cut(&summary, WORDS);
    let words = ours.split_whitespace().count().max(1);
    let sentences_of = |a: &Article, an: &Analysis| -> Vec<String> {
        an.sentences
            .iter()
            .filter_map(|s| s.span.slice(&a.text))
            .map(str::to_string)
            .collect()
    };
    let newest = pairs
        .iter()
        .max_by_key(|(a, _)| a.published)
        .map(|(a, an)| sentences_of(a, an))
        .unwrap_or_default();
    let newest: Vec<&str> = newest.iter().map(String::as_str).collect();
    let all: Vec<String> = pairs
        .iter()
        .flat_map(|(a, an)| sentences_of(a, an))
        .collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    (
        words,
        [
            rouge(&ours, refs),
            rouge(&cut(&newest, words), refs),
            rouge(&textrank(&all, words), refs),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rouge_recall_counts_clipped_ngrams() {
        let refs = vec!["the cat sat on the mat".to_string()];
        let r = rouge("the cat sat", &refs);
        assert!((r.rouge1 - 3.0 / 6.0).abs() < 1e-9);
        assert!((r.rouge2 - 2.0 / 5.0).abs() < 1e-9);
        assert_eq!(rouge("", &refs), Rouge::default());
        assert_eq!(reference_key("D0601A").as_deref(), Some("D0601.M.250.A"));
    }

    #[test]
    fn textrank_prefers_central_sentences_and_cuts_to_length() {
        let s = [
            "Troops clashed with North Korean soldiers in Kursk on Tuesday.",
            "North Korean soldiers clashed with Ukrainian troops in Kursk.",
            "The weather in the capital was mild and sunny this week.",
            "Officials said North Korean soldiers fought Ukrainian troops near Kursk.",
        ];
        // The central sentences come first; the off-topic one only fills what is left.
        let picked = textrank(&s, 10);
        assert!(picked.contains("Kursk"), "{picked}");
        assert!(!picked.starts_with("The weather"), "{picked}");
        assert!(picked.split_whitespace().count() <= 10);
    }
}
