//! Events on the Giveme5W1H gold standard (one JSON file per article, `fiveWoneH.{who,what,
//! where,when}.annotated[].text`): how often the article's main event (the first event of
//! its lead with an actor; place and time from the lead's first events that have them)
//! matches a gold phrase, per field. A match shares a content word with a gold phrase
//! (lenient) or has a token F1 of at least 0.5 with one (strict).

use std::collections::HashSet;
use std::path::Path;

use crosscheck_analyze::Analyzer;
use crosscheck_model::{Analysis, Article, ArticleId, Span};
use rayon::prelude::*;
use serde::Serialize;

use crate::EvalError;

/// Sentences of the lead the main event is looked for in.
const LEAD: usize = 3;
/// Words too common to count as a shared word.
const STOP: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "was", "were",
    "with",
];

/// Accuracy of one field.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FieldScore {
    /// Articles with a gold phrase for the field.
    pub gold: usize,
    /// Of those, articles where crosscheck gave an answer.
    pub answered: usize,
    /// Answers sharing a content word with a gold phrase, over `gold`.
    pub lenient: f64,
    /// Answers with token F1 ≥ 0.5 against a gold phrase, over `gold`.
    pub strict: f64,
}

/// The evaluation's result.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Articles scored.
    pub articles: usize,
    /// Who: the actor.
    pub actor: FieldScore,
    /// What: the action.
    pub action: FieldScore,
    /// Where: the place.
    pub place: FieldScore,
    /// When: the time.
    pub time: FieldScore,
}

struct Gold {
    article: Article,
    fields: [Vec<String>; 4],
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

fn token_f1(a: &[String], b: &[String]) -> f64 {
    let bs: HashSet<&String> = b.iter().collect();
    let shared = a.iter().filter(|w| bs.contains(w)).count() as f64;
    if shared == 0.0 {
        return 0.0;
    }
    let (p, r) = (shared / a.len() as f64, shared / b.len() as f64);
    2.0 * p * r / (p + r)
}

fn read(path: &Path) -> Result<Gold, EvalError> {
    let name = path.display().to_string();
    let bad = |message: String| EvalError::Format {
        path: name.clone(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: name.clone(),
        source,
    })?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
    let title = v["title"].as_str().unwrap_or("").trim();
    let body = v["text"]
        .as_str()
        .ok_or_else(|| bad("no \"text\"".into()))?;
    let text = format!("{title}\n\n{body}");
    let mut article = Article::new(ArticleId::of_text(&text), text);
    article.published = v["date_publish"]
        .as_str()
        .and_then(|d| crosscheck_ingest::parse_date(d).ok().flatten());
    let field = |k: &str| -> Vec<String> {
        v["fiveWoneH"][k]["annotated"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["text"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Gold {
        article,
        fields: [field("who"), field("what"), field("where"), field("when")],
    })
}

/// The main event's four answers.
fn answers(analysis: &Analysis, text: &str) -> [Option<String>; 4] {
    let lead: Vec<_> = analysis
        .events
        .iter()
        .filter(|e| e.sentence < LEAD)
        .collect();
    let main = lead.iter().find(|e| e.actor.is_some()).or(lead.first());
    let words = |s: Span| s.slice(text).map(str::to_string);
    [
        main.and_then(|e| e.actor).and_then(words),
        main.and_then(|e| words(e.action)),
        lead.iter().find_map(|e| e.place).and_then(words),
        lead.iter()
            .find_map(|e| e.time)
            .or_else(|| analysis.dates.first().map(|d| d.span))
            .and_then(words),
    ]
}

/// Scores the gold folder `dir` (its `data/` subfolder when there is one).
pub fn run(dir: &Path) -> Result<Report, EvalError> {
    let data = if dir.join("data").is_dir() {
        dir.join("data")
    } else {
        dir.to_path_buf()
    };
    let mut paths: Vec<_> = std::fs::read_dir(&data)
        .map_err(|source| EvalError::Io {
            path: data.display().to_string(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let golds = paths
        .iter()
        .map(|p| read(p))
        .collect::<Result<Vec<_>, _>>()?;
    let analyzer = Analyzer::default();
    let scored: Vec<[Option<(bool, bool)>; 4]> = golds
        .par_iter()
        .map(|g| {
            let analysis = analyzer.analyze(&g.article);
            let found = answers(&analysis, &g.article.text);
            std::array::from_fn(|i| score(found[i].as_deref(), &g.fields[i]))
        })
        .collect();
    let field = |i: usize| {
        let mut f = FieldScore::default();
        let (mut lenient, mut strict) = (0, 0);
        for s in scored.iter().filter_map(|s| s[i]) {
            f.gold += 1;
            lenient += usize::from(s.0);
            strict += usize::from(s.1);
        }
        f.answered = golds
            .iter()
            .zip(&scored)
            .filter(|(_, s)| s[i].is_some_and(|s| s.0 || s.1))
            .count();
        let ratio = |n: usize| {
            if f.gold == 0 {
                0.0
            } else {
                n as f64 / f.gold as f64
            }
        };
        f.lenient = ratio(lenient);
        f.strict = ratio(strict);
        f
    };
    Ok(Report {
        articles: golds.len(),
        actor: field(0),
        action: field(1),
        place: field(2),
        time: field(3),
    })
}

/// `None` when there is no gold phrase; otherwise (lenient, strict) correctness.
fn score(found: Option<&str>, gold: &[String]) -> Option<(bool, bool)> {
    let gold: Vec<Vec<String>> = gold
        .iter()
        .map(|g| tokens(g))
        .filter(|t| !t.is_empty())
        .collect();
    if gold.is_empty() {
        return None;
    }
    let Some(found) = found.map(tokens) else {
        return Some((false, false));
    };
    let lenient = gold.iter().any(|g| g.iter().any(|w| found.contains(w)));
    let strict = gold.iter().any(|g| token_f1(&found, g) >= 0.5);
    Some((lenient, strict))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_lenient_or_strict() {
        let gold = vec!["in a tunnel near Sandilands tram station".to_string()];
        assert_eq!(score(Some("Sandilands"), &gold), Some((true, false)));
        assert_eq!(
            score(Some("Sandilands tram station tunnel"), &gold),
            Some((true, true))
        );
        assert_eq!(score(Some("Croydon"), &gold), Some((false, false)));
        assert_eq!(score(None, &gold), Some((false, false)));
        assert_eq!(score(Some("x"), &[]), None);
    }
}
