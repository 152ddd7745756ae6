//! Content terms: what two sentences must share to say the same thing in other words. Each
//! word is lowercased, stop words and attribution verbs dropped, a few news synonyms folded to
//! one term ("troops", "soldiers", "forces"), and the rest truncated to a five-letter prefix,
//! a crude stemmer that is good enough for English news ("engaged"/"engagements",
//! "Ukraine"/"Ukrainian", "Zelensky"/"Zelenskiy").

use std::collections::HashMap;

use crosscheck_analyze::stopwords;

/// Words that carry no claim of their own besides the shared function words
/// ([`crosscheck_analyze::stopwords`]): short function words, reporting verbs, titles.
const STOP_WORDS: &[&str] = &[
    "a",
    "acknowledged",
    "added",
    "ago",
    "an",
    "as",
    "asserted",
    "asserting",
    "at",
    "be",
    "by",
    "claimed",
    "claims",
    "disclosed",
    "do",
    "he",
    "i",
    "if",
    "in",
    "is",
    "it",
    "me",
    "mr",
    "mrs",
    "ms",
    "my",
    "noted",
    "of",
    "on",
    "or",
    "reported",
    "reports",
    "so",
    "stated",
    "stating",
    "to",
    "up",
    "we",
];

/// Words that deny or negate what follows; they are not content but mark a denial.
pub(crate) const NEGATIONS: &[&str] = &[
    "declined",
    "neither",
    "never",
    "no",
    "none",
    "nor",
    "not",
    "nothing",
    "n't",
    "refrained",
    "refused",
    "without",
];

/// Synonym groups common in news reports: the first word is the term all others fold to.
const SYNONYMS: &[&[&str]] = &[
    &[
        "troops",
        "troop",
        "soldiers",
        "soldier",
        "forces",
        "military",
        "servicemen",
        "personnel",
        "units",
        "fighters",
    ],
    &[
        "clash",
        "clashes",
        "clashed",
        "engagement",
        "engagements",
        "engaged",
        "engage",
        "skirmish",
        "skirmishes",
        "battle",
        "battles",
        "fighting",
        "fought",
        "fight",
        "combat",
        "encounter",
        "encounters",
        "confrontation",
        "confrontations",
        "incident",
        "incidents",
    ],
    &["chapter", "page"],
    &[
        "killed",
        "dead",
        "deaths",
        "died",
        "death",
        "fatalities",
        "kill",
        "killing",
    ],
    &["injured", "wounded", "hurt", "injuries"],
    &["region", "area", "zone", "province", "oblast"],
    &["global", "world", "worldwide", "international"],
    &[
        "attack", "attacks", "strike", "strikes", "assault", "shelling", "shelled", "fired",
    ],
    &["arrested", "detained", "arrest", "detention", "custody"],
    &["ambassador", "envoy", "diplomat"],
    &["started", "began", "begun", "start", "begin"],
];

static SYNONYM_MAP: std::sync::LazyLock<HashMap<&'static str, &'static str>> =
    std::sync::LazyLock::new(|| {
        SYNONYMS
            .iter()
            .flat_map(|group| group.iter().map(move |w| (*w, group[0])))
            .collect()
    });

/// The comparable form of one word, or `None` for a stop word, a negation or a fragment.
pub(crate) fn term(word: &str) -> Option<String> {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(&w)
        .to_string();
    if w.is_empty() || w.chars().count() < 2 && !w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if STOP_WORDS.binary_search(&w.as_str()).is_ok()
        || stopwords::is_function_word(&w)
        || NEGATIONS.contains(&w.as_str())
    {
        return None;
    }
    if let Some(canonical) = SYNONYM_MAP.get(w.as_str()) {
        return Some((*canonical).to_string());
    }
    if w.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Some(w.replace(',', ""));
    }
    Some(w.chars().take(5).collect())
}

/// Words of a text with their byte offsets: letters, digits and inner apostrophes or commas.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inner = matches!(c, '\'' | '\u{2019}' | ',' | '.' | '-')
            && start.is_some()
            && text[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, &text[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

/// Whether a word negates ("no", "not", "never", "didn't").
pub(crate) fn is_negation(word: &str) -> bool {
    let w = word.to_lowercase();
    NEGATIONS.contains(&w.as_str()) || w.ends_with("n't") || w.ends_with("n\u{2019}t")
}

/// Interns terms as small integers and weighs them by how rare they are in the story.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
    /// Units each term occurs in.
    df: Vec<u32>,
}

impl Vocabulary {
    /// The sorted, deduplicated term ids of a text, counted towards document frequency.
    pub(crate) fn add(&mut self, text: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = words(text)
            .filter_map(|(_, w)| term(w))
            .map(|t| {
                let next = self.ids.len() as u32;
                *self.ids.entry(t).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for &id in &ids {
            if id as usize >= self.df.len() {
                self.df.resize(id as usize + 1, 0);
            }
            self.df[id as usize] += 1;
        }
        ids
    }

    /// The sorted term ids of a text, without counting them (a part of a text already added).
    pub(crate) fn terms_of(&self, text: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = words(text)
            .filter_map(|(_, w)| term(w))
            .filter_map(|t| self.id(&t))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The id of a term already seen.
    pub(crate) fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// Inverse document frequency weights over `units` units.
    pub(crate) fn weights(&self, units: usize) -> Vec<f64> {
        let n = units.max(1) as f64;
        self.df
            .iter()
            .map(|&df| (1.0 + n / f64::from(df.max(1))).ln())
            .collect()
    }
}

/// Weighted Dice coefficient of two sorted term sets, and the weight they share.
pub(crate) fn similarity(a: &[u32], b: &[u32], weights: &[f64]) -> (f64, f64) {
    let (mut i, mut j, mut shared) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += weights[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    let total: f64 = a.iter().chain(b).map(|&t| weights[t as usize]).sum();
    if total == 0.0 {
        return (0.0, 0.0);
    }
    (2.0 * shared / total, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]), "{:?}", {
            STOP_WORDS
                .windows(2)
                .find(|w| w[0] >= w[1])
                .map(|w| w.to_vec())
        });
    }

    #[test]
    fn synonyms_and_variants_fold_together() {
        assert_eq!(term("soldiers"), term("Troops"));
        assert_eq!(term("engaged"), term("skirmishes"));
        assert_eq!(term("Zelensky"), term("Zelenskiy"));
        assert_eq!(term("Ukrainian"), term("Ukraine’s"));
        assert_eq!(term("11,000"), Some("11000".into()));
        assert_eq!(term("the"), None);
        assert_eq!(term("not"), None);
    }

    #[test]
    fn words_keep_offsets_and_inner_punctuation() {
        let w: Vec<_> = words("At least 10,000 troops; Kyiv’s U.S. ally.").collect();
        assert_eq!(w[2], (9, "10,000"));
        assert_eq!(w[4], (24, "Kyiv’s"));
        assert_eq!(w[5].1, "U.S");
        assert!(is_negation("didn’t") && is_negation("No"));
    }

    #[test]
    fn rare_shared_terms_weigh_more() {
        let mut v = Vocabulary::default();
        let a = v.add("North Korean troops clashed with Ukrainian forces near Kursk.");
        let b = v.add("Ukrainian soldiers fought North Korean units in Kursk.");
        let c = v.add("North Korean troops were seen in Russia.");
        let w = v.weights(3);
        let (ab, _) = similarity(&a, &b, &w);
        let (ac, _) = similarity(&a, &c, &w);
        assert!(ab > ac, "{ab} {ac}");
    }
}
