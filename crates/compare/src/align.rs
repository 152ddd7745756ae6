//! Sentences as comparable units (content terms, clauses, negations, attributions) and their
//! alignment across a story's articles into clusters that say the same thing.

use crosscheck_model::Span;

use crate::attribution::Attribution;
use crate::terms::{is_negation, similarity, words, Vocabulary};
use crate::*;

/// A sentence of an article, ready to compare.
pub(crate) struct Unit {
    /// Term sets of its clauses, when it has more than one.
    pub(crate) clauses: Vec<Vec<u32>>,
    pub(crate) article: usize,
    pub(crate) sentence: usize,
    pub(crate) span: Span,
    pub(crate) terms: Vec<u32>,
    /// Terms within three words after a negation.
    pub(crate) negated_terms: Vec<u32>,
    /// Negated terms outside direct quotes: what the sentence reports as denied.
    pub(crate) disputed_terms: Vec<u32>,
    pub(crate) denial: bool,
    pub(crate) attribution: Attribution,
    pub(crate) quote: bool,
}

/// The sentences of every article as units.
pub(crate) fn units(articles: &[StoryArticle<'_>], vocabulary: &mut Vocabulary) -> Vec<Unit> {
    let mut out = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        let text = &a.article.text;
        for (si, s) in a.analysis.sentences.iter().enumerate() {
            let Some(sentence) = s.span.slice(text) else {
                continue;
            };
            let ws: Vec<(usize, &str)> = words(sentence).collect();
            let denial = ws.iter().enumerate().any(|(i, (_, w))| {
                let w = w.to_lowercase();
                attribution::DENIALS.contains(&w.as_str())
                    || (w.starts_with("play")
                        && ws
                            .get(i + 1)
                            .is_some_and(|(_, n)| n.eq_ignore_ascii_case("down")))
            });
            // What is negated or denied: three words after a negation, eight after a denial
            // verb ("downplayed the encounters").
            // A negation inside a quote is the speaker's rhetoric ("we didn't get into this in
            // a couple of weeks"), not a denial the sentence reports: it aligns like any
            // negation but disputes nothing.
            let quoted = quoted_ranges(sentence, s.span, a.analysis, si);
            let mut negated = String::new();
            let mut disputing = String::new();
            for (i, (offset, w)) in ws.iter().enumerate() {
                let scope = if is_negation(w) {
                    3
                } else if attribution::DENIALS.contains(w) {
                    8
                } else {
                    0
                };
                if scope > 0 {
                    let inside = quoted.iter().any(|r| r.contains(offset));
                    for (_, n) in ws.iter().skip(i + 1).take(scope) {
                        negated.push_str(n);
                        negated.push(' ');
                        if !inside {
                            disputing.push_str(n);
                            disputing.push(' ');
                        }
                    }
                }
            }
            let terms = vocabulary.add(sentence);
            if terms.len() < MIN_TERMS {
                continue;
            }
            let clauses: Vec<Vec<u32>> = clauses(sentence)
                .into_iter()
                .map(|c| vocabulary.terms_of(c))
                .filter(|t| t.len() >= MIN_TERMS)
                .collect();
            let clauses = if clauses.len() > 1 {
                clauses
            } else {
                Vec::new()
            };
            let mut negated_terms: Vec<u32> = words(&negated)
                .filter_map(|(_, w)| terms::term(w))
                .filter_map(|t| vocabulary.id(&t))
                .collect();
            negated_terms.sort_unstable();
            negated_terms.dedup();
            let mut disputed_terms: Vec<u32> = words(&disputing)
                .filter_map(|(_, w)| terms::term(w))
                .filter_map(|t| vocabulary.id(&t))
                .collect();
            disputed_terms.sort_unstable();
            disputed_terms.dedup();
            let quote = a
                .analysis
                .quotes
                .iter()
                .any(|q| q.sentence == si && q.direct);
            out.push(Unit {
                clauses,
                article: ai,
                sentence: si,
                span: s.span,
                terms,
                negated_terms,
                disputed_terms,
                denial,
                attribution: attribution::of_sentence(text, a.analysis, si, s.span),
                quote,
            });
        }
    }
    out
}

/// Byte ranges of a sentence (relative to it) inside quotation marks: the direct quotes the
/// analysis found there, and text after an odd number of quote marks (`“`, `"`, ``` `` ```).
pub(crate) fn quoted_ranges(
    sentence: &str,
    span: Span,
    analysis: &Analysis,
    index: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = analysis
        .quotes
        .iter()
        .filter(|q| q.direct && q.sentence == index)
        .map(|q| q.span.start.saturating_sub(span.start)..q.span.end.saturating_sub(span.start))
        .collect();
    let mut open: Option<usize> = None;
    let mut rest = sentence.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        let mark = match c {
            '\u{201c}' | '\u{201d}' | '"' => true,
            '`' | '\'' => rest.next_if(|&(_, n)| n == c).is_some(),
            _ => false,
        };
        if mark {
            match open.take() {
                Some(start) => out.push(start..i),
                None => open = Some(i),
            }
        }
    }
    if let Some(start) = open {
        out.push(start..sentence.len());
    }
    out
}

/// Clusters of units that say the same thing: the most similar pairs of sentences of
/// different articles are joined first, and a cluster never holds two sentences of one
/// article, so a chain of loose resemblances cannot swallow the story.
pub(crate) fn align(
    articles: &[StoryArticle<'_>],
    units: &[Unit],
    weights: &[f64],
) -> Vec<Vec<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..units.len() {
        for j in i + 1..units.len() {
            if units[i].article == units[j].article {
                continue;
            }
            // A denial and a claim share words but not meaning: they are a dispute.
            if units[i].negated_terms.is_empty() != units[j].negated_terms.is_empty()
                || units[i].denial != units[j].denial
            {
                continue;
            }
            let sim = alignment(&units[i], &units[j], weights);
            if sim >= ALIGN_SIMILARITY {
                pairs.push((sim, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let n_articles = articles.len();
    let mut cluster_of: Vec<usize> = (0..units.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..units.len()).map(|i| vec![i]).collect();
    let mut has_article: Vec<Vec<bool>> = units
        .iter()
        .map(|u| {
            let mut v = vec![false; n_articles];
            v[u.article] = true;
            v
        })
        .collect();
    for (_, i, j) in pairs {
        let (ci, cj) = (cluster_of[i], cluster_of[j]);
        if ci == cj
            || has_article[ci]
                .iter()
                .zip(&has_article[cj])
                .any(|(a, b)| *a && *b)
        {
            continue;
        }
        // Average linkage: the two clusters must say the same thing on the whole, not through
        // one loose link of a chain.
        if members[ci].len() + members[cj].len() > 2 {
            let mut total = 0.0;
            for &x in &members[ci] {
                for &y in &members[cj] {
                    total += alignment(&units[x], &units[y], weights);
                }
            }
            let mean = total / (members[ci].len() * members[cj].len()) as f64;
            if mean < LINKAGE * ALIGN_SIMILARITY {
                continue;
            }
        }
        let moved = std::mem::take(&mut members[cj]);
        for &m in &moved {
            cluster_of[m] = ci;
        }
        members[ci].extend(moved);
        let other = std::mem::take(&mut has_article[cj]);
        for (a, b) in has_article[ci].iter_mut().zip(other) {
            *a |= b;
        }
    }
    let mut clusters: Vec<Vec<usize>> = members.into_iter().filter(|m| !m.is_empty()).collect();
    for c in &mut clusters {
        c.sort_unstable();
    }
    clusters.sort_by_key(|c| c[0]);
    clusters
}

/// How well two sentences say the same thing: the weighted Dice of their terms, or, when one
/// sentence tells more than the other (a long sentence of two clauses against a short one),
/// the share of the shorter one's weight that they share, discounted.
/// Clauses count too: one clause of a long sentence may say what a clause of another says.
pub(crate) fn alignment(a: &Unit, b: &Unit, weights: &[f64]) -> f64 {
    let (dice, shared) = similarity(&a.terms, &b.terms, weights);
    let total = |t: &[u32]| t.iter().map(|&x| weights[x as usize]).sum::<f64>();
    let shorter = total(&a.terms).min(total(&b.terms));
    let mut best = dice;
    if shorter > 0.0 {
        best = best.max(CONTAINMENT_DISCOUNT * shared / shorter);
    }
    if (a.clauses.is_empty() && b.clauses.is_empty()) || shared == 0.0 {
        return best;
    }
    for x in parts(a) {
        for y in parts(b) {
            best = best.max(CLAUSE_DISCOUNT * similarity(x, y, weights).0);
        }
    }
    best
}

/// The term sets of a unit's clauses, or its own when it has one clause.
fn parts(u: &Unit) -> impl Iterator<Item = &[u32]> {
    let whole = u.clauses.is_empty().then_some(u.terms.as_slice());
    whole.into_iter().chain(u.clauses.iter().map(Vec::as_slice))
}

/// The clauses of a sentence: split at commas, semicolons, colons and dashes, and before
/// conjunctions that open a new clause ("where", "while", "as", "but").
pub(crate) fn clauses(sentence: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    for (i, c) in sentence.char_indices() {
        if matches!(c, ',' | ';' | ':' | '\u{2014}' | '\u{2013}') {
            cuts.push(i + c.len_utf8());
        }
    }
    for (i, (offset, w)) in words(sentence).enumerate() {
        let opens = i > 0
            && matches!(
                w.to_lowercase().as_str(),
                "where" | "while" | "whereas" | "as" | "but" | "although" | "because" | "after"
            );
        if opens {
            cuts.push(offset);
        }
    }
    cuts.push(sentence.len());
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| &sentence[w[0]..w[1]])
        .filter(|c| !c.trim().is_empty())
        .collect()
}

/// The representative unit of a cluster: the one most similar to the others; the earliest on
/// a tie.
pub(crate) fn representative(cluster: &[usize], units: &[Unit], weights: &[f64]) -> usize {
    let mut best = (cluster[0], f64::NEG_INFINITY);
    for &i in cluster {
        let score: f64 = cluster
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| similarity(&units[i].terms, &units[j].terms, weights).0)
            .sum();
        if score > best.1 + 1e-9 {
            best = (i, score);
        }
    }
    best.0
}
