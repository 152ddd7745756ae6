//! The summary: a few statements that together cover what most articles of the story report,
//! chosen greedily by the concepts (pairs of adjacent words) they add, each weighed by how many
//! articles use it, per word of the sentence; a statement that repeats a chosen one is skipped.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::terms::{self, words};
use crate::{alignment, representative, Statement, StoryArticle, Unit, ALIGN_SIMILARITY};

/// The most statements a summary holds.
const MAX_SUMMARY: usize = 5;
/// The fewest it holds when the story has that many.
const MIN_SUMMARY: usize = 3;
/// Longer sentences are lists or run-ons: taken only when nothing shorter is left.
const MAX_WORDS: usize = 40;
/// Sentences more than this share of them inside direct quotes are remarks, not facts: taken
/// only when nothing else is left.
const MAX_QUOTED: f64 = 0.5;
/// In a story of this many articles, a concept counts from three articles on; in a smaller
/// one, from two (what two sources share).
const MANY_ARTICLES: usize = 10;
/// How much a sentence's length counts against what it adds: the gain is divided by its
/// word count to this power (1 would pick the shortest sentences, 0 the longest).
const LENGTH_EXPONENT: f64 = 0.5;

/// The concepts of a sentence: hashed pairs of adjacent words (five-letter prefixes, as terms
/// are), leaving out pairs of two stop words ("of the").
fn concepts(sentence: &str) -> Vec<u64> {
    let stems: Vec<(String, bool)> = words(sentence)
        .map(|(_, w)| {
            let w = w.to_lowercase();
            let content = terms::term(&w).is_some();
            (w.chars().take(5).collect(), content)
        })
        .collect();
    let mut out: Vec<u64> = stems
        .windows(2)
        .filter(|p| p[0].1 || p[1].1)
        .map(|p| {
            let mut h = DefaultHasher::new();
            p[0].0.hash(&mut h);
            p[1].0.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Chooses 3 to 5 statements (fewer when the story has fewer): at each step the statement
/// whose sentence adds the most weight of concepts not yet covered, per square root of its
/// length, that does not say what a chosen one says. Denials are left out; sentences mostly
/// quoted or of more than [`MAX_WORDS`] words come only when nothing else is left; concepts shared by no
/// other article add nothing, so in a lone article the centroid (the story's vocabulary)
/// decides, and among equals the earliest.
pub(crate) fn summarize(
    articles: &[StoryArticle<'_>],
    units: &[Unit],
    clusters: &[Vec<usize>],
    statements: &[Statement],
    weights: &[f64],
) -> Vec<usize> {
    let reps: Vec<usize> = clusters
        .iter()
        .map(|c| representative(c, units, weights))
        .collect();
    let text_of = |u: &Unit| {
        u.span
            .slice(&articles[u.article].article.text)
            .unwrap_or_default()
    };
    let candidates: Vec<usize> = (0..statements.len())
        .filter(|&i| !statements[i].negated && units[reps[i]].terms.len() >= 5)
        .collect();
    let lengths: HashMap<usize, usize> = candidates
        .iter()
        .map(|&i| (i, words(text_of(&units[reps[i]])).count().max(1)))
        .collect();
    let concepts: HashMap<usize, Vec<u64>> = candidates
        .iter()
        .map(|&i| (i, concepts(text_of(&units[reps[i]]))))
        .collect();
    // Articles per concept, over every sentence of the story.
    let mut articles_of: HashMap<u64, (usize, usize)> = HashMap::new();
    for u in units {
        for c in self::concepts(text_of(u)) {
            let e = articles_of.entry(c).or_insert((0, usize::MAX));
            if e.1 != u.article {
                e.0 += 1;
                e.1 = u.article;
            }
        }
    }
    let min_articles = if articles.len() >= MANY_ARTICLES {
        3
    } else {
        2
    };
    let weight = |c: &u64| match articles_of.get(c) {
        Some(&(n, _)) if n >= min_articles => n as f64,
        _ => 0.0,
    };
    // The centroid breaks ties among statements that add no shared concept.
    let mut centroid: HashMap<u32, f64> = HashMap::new();
    for u in units {
        for &t in &u.terms {
            *centroid.entry(t).or_default() += weights[t as usize];
        }
    }
    let centrality: HashMap<usize, f64> = candidates
        .iter()
        .map(|&i| {
            let terms = &units[reps[i]].terms;
            let sum: f64 = terms
                .iter()
                .map(|t| centroid.get(t).copied().unwrap_or(0.0))
                .sum();
            (i, sum / (terms.len() as f64).sqrt())
        })
        .collect();
    let max_centrality = centrality.values().copied().fold(1e-9, f64::max);
    // Share of a sentence's bytes inside direct quotes: a quoted remark is a voice, not a fact.
    let quoted = |i: usize| {
        let u = &units[reps[i]];
        let inside: usize = articles[u.article]
            .analysis
            .quotes
            .iter()
            .filter(|q| q.direct && q.sentence == u.sentence)
            .map(|q| q.span.end.saturating_sub(q.span.start))
            .sum();
        inside as f64 / (u.span.end.saturating_sub(u.span.start)).max(1) as f64
    };
    let plain = |i: usize| quoted(i) <= MAX_QUOTED && lengths[&i] <= MAX_WORDS;
    let mut covered: HashSet<u64> = HashSet::new();
    let mut chosen: Vec<usize> = Vec::new();
    for pass in 0..2 {
        while chosen.len() < MAX_SUMMARY {
            let mut best: Option<(f64, usize)> = None;
            for &i in &candidates {
                if chosen.contains(&i) || (pass == 0 && !plain(i)) {
                    continue;
                }
                let r = &units[reps[i]];
                if chosen
                    .iter()
                    .any(|&c| alignment(r, &units[reps[c]], weights) >= ALIGN_SIMILARITY)
                {
                    continue;
                }
                let gain: f64 = concepts[&i]
                    .iter()
                    .filter(|c| !covered.contains(c))
                    .map(weight)
                    .sum();
                let score = (gain + 1e-3 * centrality[&i] / max_centrality)
                    / (lengths[&i] as f64).powf(LENGTH_EXPONENT);
                if best.is_none_or(|b| score > b.0) {
                    best = Some((score, i));
                }
            }
            let Some((_, i)) = best else { break };
            covered.extend(concepts[&i].iter().copied());
            chosen.push(i);
        }
        if chosen.len() >= MIN_SUMMARY {
            break;
        }
    }
    chosen
}
