//! What the grouper compares: an article reduced to weighted, namespaced terms.
//!
//! Content words of the title and body (lowercased, stop words dropped, a light suffix
//! stemmer so "checks", "checked" and "checking" meet) and two-word phrases of the title
//! and the lead, plus the analysis's entities
//! (`e:` + [`names::key`], so Zelensky and Zelenskiy are one term; places also add their
//! country), numbers with their unit (`n:`) and resolved dates (`d:`). The namespace lets
//! the [`crate::Grouper`] weigh each signal on its own; extraction itself has no settings.

use std::collections::BTreeMap;

use crosscheck_analyze::{names, stopwords};
use crosscheck_model::{Analysis, Article, ArticleId, EntityKind, Granularity};
use serde::{Deserialize, Serialize};

/// Prefix of entity terms.
pub const ENTITY: &str = "e:";
/// Prefix of number terms.
pub const NUMBER: &str = "n:";
/// Prefix of date terms.
pub const DATE: &str = "d:";

/// Extra weight of a title word over a body word: the headline says what the story is.
const TITLE_WEIGHT: f32 = 2.0;

/// Weight of two content words in a row ("betty ford", "check rehab") next to one word.
const BIGRAM_WEIGHT: f32 = 0.5;

/// Mentions a person needs to count as who the story is about (the headline and the body).
const LEAD_MENTIONS: usize = 2;

/// Content words of the body (its lead) that phrases are taken from, besides the title's.
const PHRASE_WORDS: usize = 80;

/// An article as the grouper sees it. Plain data: compute it in parallel, store it, or
/// build it by hand in tests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// The article.
    pub id: ArticleId,
    /// Publication time as Unix seconds, when known.
    pub time: Option<i64>,
    /// Terms and their weights (sublinear term frequency), sorted by term, each once.
    pub terms: Vec<(String, f32)>,
    /// A sentence embedding of the article (unit length), when one was computed: the
    /// grouper blends its cosine in with [`crate::GroupConfig::embedding_weight`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding: Option<Vec<f32>>,
    /// Name words (of their matching keys) of the people the headline or the first sentence
    /// names, sorted: who the event happened to, what tells two look-alike events apart (see [`crate::conflict`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leads: Vec<String>,
}

impl Doc {
    /// The features of an analysed article.
    pub fn extract(article: &Article, analysis: &Analysis) -> Self {
        let mut counts: BTreeMap<String, f32> = BTreeMap::new();
        if let Some(title) = &article.title {
            let mut previous: Option<String> = None;
            for w in words(title) {
                // The headline's phrases name the event ("jewelry heist", "jamal williams").
                if let Some(p) = previous.take() {
                    *counts.entry(format!("{p} {w}")).or_default() += BIGRAM_WEIGHT;
                }
                previous = Some(w.clone());
                *counts.entry(numbered(w)).or_default() += TITLE_WEIGHT;
            }
        }
        let mut previous: Option<String> = None;
        for (i, w) in words(&article.text).enumerate() {
            // Phrases from the lead only: that is where the event is told, and phrases from
            // whole bodies would multiply the vocabulary.
            if let Some(p) = previous.take().filter(|_| i < PHRASE_WORDS) {
                *counts.entry(format!("{p} {w}")).or_default() += BIGRAM_WEIGHT;
            }
            previous = Some(w.clone());
            *counts.entry(numbered(w)).or_default() += 1.0;
        }
        let mut terms: BTreeMap<String, f32> = counts
            .into_iter()
            .map(|(t, tf)| (t, 1.0 + tf.ln()))
            .collect();
        for e in &analysis.entities {
            let weight = 1.0 + (e.mentions.len().max(1) as f32).ln();
            let weight = if e.kind == EntityKind::Other {
                weight * 0.5
            } else {
                weight
            };
            let key = names::key(&e.name);
            if key.len() > 1 {
                bump(&mut terms, format!("{ENTITY}{key}"), weight);
            }
            if let Some(country) = &e.country {
                let country = names::key(country);
                if country != key {
                    bump(&mut terms, format!("{ENTITY}{country}"), weight * 0.5);
                }
            }
        }
        for q in &analysis.quantities {
            let value = match (q.value, q.low, q.high) {
                (Some(v), _, _) => number(v),
                (None, Some(l), Some(h)) => format!("{}-{}", number(l), number(h)),
                (None, Some(l), None) => number(l),
                (None, None, Some(h)) => number(h),
                (None, None, None) => continue,
            };
            let unit = q.unit.as_deref().map(stem).unwrap_or_default();
            bump(&mut terms, format!("{NUMBER}{value} {unit}"), 1.0);
        }
        for d in &analysis.dates {
            if let Some(resolved) = &d.resolved {
                let weight = match d.granularity {
                    Granularity::Day | Granularity::Week => 1.0,
                    Granularity::Month => 0.7,
                    _ => 0.4,
                };
                bump(&mut terms, format!("{DATE}{resolved}"), weight);
            }
        }
        Self {
            id: article.id.clone(),
            time: article.published.map(|p| p.timestamp()),
            terms: terms.into_iter().collect(),
            embedding: None,
            leads: lead_people(article, analysis),
        }
    }
}

/// The words (longer than two letters) of the matching keys of the people named in the
/// headline or the first sentence, sorted, each once: "Lindsay" alone still meets "Lindsay
/// Lohan".
fn lead_people(article: &Article, analysis: &Analysis) -> Vec<String> {
    let first = analysis.sentences.first().map(|s| s.span);
    let title = article.title.as_deref().map(str::to_lowercase);
    let mut out: Vec<String> = analysis
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person && e.mentions.len() >= LEAD_MENTIONS)
        .filter(|e| e.name.split(' ').all(is_name_word))
        .filter(|e| {
            let in_first = first.is_some_and(|f| {
                e.mentions
                    .iter()
                    .any(|m| m.start >= f.start && m.end <= f.end)
            });
            in_first
                || title.as_deref().is_some_and(|t| {
                    e.variants
                        .iter()
                        .any(|v| contains_words(t, &v.to_lowercase()))
                })
        })
        .flat_map(|e| {
            names::key(&e.name)
                .split(' ')
                .filter(|w| w.len() > 2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A word of a person's name: capitalised, letters (and inner hyphens, apostrophes or
/// periods) only, not shouted: what the tagger gets wrong ("MB604LL/A)", "Marshals'15")
/// falls out.
fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && w.chars().any(char::is_lowercase)
}

/// Whether `needle` occurs in `hay` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    !needle.is_empty()
        && hay.match_indices(needle).any(|(i, _)| {
            let before = hay[..i].chars().next_back();
            let after = hay[i + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// A number written in the text ("2008", "6.1") is a number term, weighed with the
/// quantities: years and figures tell similar events apart.
fn numbered(w: String) -> String {
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{NUMBER}{w}")
    } else {
        w
    }
}

/// Adds a term's weight, keeping the largest when it comes twice (one entity, two spellings).
fn bump(terms: &mut BTreeMap<String, f32>, term: String, weight: f32) {
    let w = terms.entry(term).or_default();
    *w = w.max(weight);
}

/// A number as a short stable string: `6.1`, `10000`.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}").trim_end_matches('0').to_string()
    }
}

/// The content words of a text, lowercased and stemmed, stop words and one-letter words
/// dropped. Numbers are kept whole ("6.1", "10,000" → "10000"): they tell events apart.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens(text).filter_map(|t| {
        let lower = t.to_lowercase();
        let first = lower.chars().next()?;
        if first.is_ascii_digit() {
            let n: String = lower.chars().filter(|c| *c != ',').collect();
            return (n.len() > 1).then_some(n);
        }
        if lower.chars().count() < 3
            || STOP.binary_search(&lower.as_str()).is_ok()
            || stopwords::is_function_word(&lower)
        {
            return None;
        }
        Some(stem(&lower))
    })
}

/// Runs of letters and digits; a '.' or ',' between two digits stays inside a number, an
/// apostrophe ends the word ("Reid's" → "Reid").
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &text[pos..];
        let start = pos + rest.find(|c: char| c.is_alphanumeric())?;
        let mut end = start;
        let mut skip_word = false;
        for (i, c) in text[start..].char_indices() {
            let at = start + i;
            let inner_sep = (c == '.' || c == ',')
                && at > start
                && bytes[at - 1].is_ascii_digit()
                && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
            if c == '\'' || c == '’' {
                skip_word = true;
                end = at;
                break;
            }
            if c.is_alphanumeric() || inner_sep {
                end = at + c.len_utf8();
            } else {
                break;
            }
        }
        pos = end;
        if skip_word {
            // Skip the "s" of a possessive or the "t" of "don't".
            let tail = &text[end..];
            let after = tail
                .char_indices()
                .skip(1)
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(tail.len(), |(i, _)| i);
            pos = end + after;
        }
        Some(&text[start..end])
    })
}

/// A light English suffix stemmer: plurals, -ed, -ing. Enough for "checks" / "checked" /
/// "checking" to meet; wrong stems are harmless as long as they are consistent.
pub fn stem(word: &str) -> String {
    let n = word.len();
    if !word.is_ascii() || n < 4 {
        return word.to_string();
    }
    if let Some(s) = word.strip_suffix("ies").filter(|_| n > 4) {
        return format!("{s}y");
    }
    if let Some(s) = word.strip_suffix("ing").filter(|s| s.len() >= 4) {
        return undouble(s);
    }
    if let Some(s) = word.strip_suffix("ed").filter(|s| s.len() >= 4) {
        return undouble(s);
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_string();
    }
    if let Some(s) = word
        .strip_suffix("es")
        .filter(|s| s.ends_with("sh") || s.ends_with("ch"))
    {
        return s.to_string();
    }
    match word.strip_suffix('s') {
        Some(s) => s.to_string(),
        None => word.to_string(),
    }
}

/// "stopp" → "stop", so "stopped" and "stops" meet.
fn undouble(s: &str) -> String {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') {
        s[..n - 1].to_string()
    } else {
        s.to_string()
    }
}

/// Words grouping drops besides the shared function words ([`stopwords`]): negations,
/// counting words and others too common in news to tell stories apart; sorted.
const STOP: &[&str] = &[
    "above",
    "across",
    "almost",
    "always",
    "became",
    "become",
    "below",
    "between",
    "cannot",
    "doing",
    "done",
    "down",
    "else",
    "ever",
    "every",
    "few",
    "hers",
    "herself",
    "himself",
    "later",
    "least",
    "less",
    "make",
    "near",
    "neither",
    "never",
    "new",
    "next",
    "nor",
    "not",
    "off",
    "often",
    "others",
    "ours",
    "own",
    "same",
    "say",
    "several",
    "theirs",
    "themselves",
    "though",
    "three",
    "thus",
    "too",
    "two",
    "way",
    "well",
    "why",
    "without",
    "year",
    "years",
    "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted() {
        assert!(
            STOP.windows(2).all(|w| w[0] < w[1]),
            "STOP must stay sorted"
        );
    }

    #[test]
    fn words_are_stemmed_and_numbers_kept() {
        let w: Vec<String> =
            words("Reid's rep checked 10,000 troops; a 6.1 quake, 2008.").collect();
        assert_eq!(
            w,
            ["reid", "rep", "check", "10000", "troop", "6.1", "quake", "2008"]
        );
        assert_eq!(stem("checking"), "check");
        assert_eq!(stem("stopped"), "stop");
        assert_eq!(stem("injuries"), "injury");
        assert_eq!(stem("crashes"), "crash");
        assert_eq!(stem("status"), "status");
    }

    #[test]
    fn entities_fold_variants() {
        let analyzer = crosscheck_analyze::Analyzer::default();
        let doc = |text: &str| {
            let article = Article::new(ArticleId::of_text(text), text.into());
            Doc::extract(&article, &analyzer.analyze(&article))
        };
        let a = doc("President Zelensky spoke in Kyiv on Monday about 11,000 troops.");
        let b = doc("President Zelenskiy spoke in Kiev about the troops.");
        let entities = |d: &Doc| -> Vec<String> {
            d.terms
                .iter()
                .filter(|(t, _)| t.starts_with(ENTITY))
                .map(|(t, _)| t.clone())
                .collect()
        };
        let shared: Vec<String> = entities(&a)
            .into_iter()
            .filter(|t| entities(&b).contains(t))
            .collect();
        assert!(shared.len() >= 2, "{:?} / {:?}", entities(&a), entities(&b));
        assert!(
            a.terms.iter().any(|(t, _)| t == "n:11000 troop"),
            "{:?}",
            a.terms
        );
        assert!(a.terms.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn leads_are_the_people_of_the_headline_and_first_sentence() {
        let analyzer = crosscheck_analyze::Analyzer::default();
        let text = "San Diego Chargers receiver Vincent Jackson was arrested on Sunday. \
            Police said Jackson was stopped at 2 a.m. Coach Norv Turner declined to comment.";
        let mut article = Article::new(ArticleId::of_text(text), text.into());
        article.title = Some("Chargers' Jackson arrested on suspicion of DUI".into());
        let doc = Doc::extract(&article, &analyzer.analyze(&article));
        // Jackson leads (named twice); Turner is further down and named once.
        assert_eq!(doc.leads, ["jackson", "vincent"]);
        assert!(is_name_word("O'Neill") && is_name_word("Jean-Luc"));
        assert!(!is_name_word("MB604LL/A)") && !is_name_word("CHARGERS") && !is_name_word("x"));
        assert!(contains_words("chargers' jackson arrested", "jackson"));
        assert!(!contains_words("jacksonville wins", "jackson"));
    }

    #[test]
    fn title_phrases_count() {
        let analyzer = crosscheck_analyze::Analyzer::default();
        let mut article = Article::new(ArticleId::of_text("x"), "Nothing else here.".into());
        article.title = Some("Jewelry heist in Paris".into());
        let doc = Doc::extract(&article, &analyzer.analyze(&article));
        let weight = |t: &str| doc.terms.iter().find(|(x, _)| x == t).map(|x| x.1);
        assert_eq!(weight("jewelry heist"), Some(1.0 + BIGRAM_WEIGHT.ln()));
        assert_eq!(weight("heist"), Some(1.0 + TITLE_WEIGHT.ln()));
    }
}
