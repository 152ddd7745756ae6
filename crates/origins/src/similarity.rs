//! Sentence similarity for rewrite detection: each sentence becomes the set of its content
//! words (lowercased, possessives and plural -s folded, stop words dropped, numbers kept), and
//! two sentences are compared by the Dice coefficient of their sets.

use xxhash_rust::xxh3::xxh3_64;

/// Words too common to say that two sentences tell the same thing.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "more", "most",
    "not", "of", "on", "one", "or", "other", "our", "over", "said", "says", "she", "so", "some",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "up", "was", "we", "were", "what", "when", "which", "while", "who", "will", "with",
    "would", "you",
];

/// The content words of one sentence, hashed, sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bag {
    words: Vec<u64>,
}

impl Bag {
    /// The bag of `sentence`.
    pub fn of(sentence: &str) -> Bag {
        let mut words: Vec<u64> = sentence
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
            .filter_map(fold)
            .map(|w| xxh3_64(w.as_bytes()))
            .collect();
        words.sort_unstable();
        words.dedup();
        Bag { words }
    }

    /// Number of distinct content words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence has no content word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Content words both bags hold.
    pub fn shared(&self, other: &Bag) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < self.words.len() && j < other.words.len() {
            match self.words[i].cmp(&other.words[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// Dice coefficient of the two bags: 1 for the same content words, 0 for none shared.
    pub fn similarity(&self, other: &Bag) -> f64 {
        let total = self.len() + other.len();
        if total == 0 {
            return 0.0;
        }
        2.0 * self.shared(other) as f64 / total as f64
    }
}

/// A word as compared, or `None` for a stop word or a fragment.
fn fold(word: &str) -> Option<String> {
    let word = word.trim_matches(|c| c == '\'' || c == '\u{2019}');
    let mut w = word.to_lowercase();
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            w.truncate(stem.len());
        }
    }
    if w.is_empty() || STOP_WORDS.binary_search(&w.as_str()).is_ok() {
        return None;
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
    }
    Some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn paraphrases_score_higher_than_different_sentences() {
        let a = Bag::of("Umerov confirmed small engagements with North Korean troops.");
        let b = Bag::of("North Korean troops had small engagements, Umerov confirmed.");
        let c = Bag::of("South Korea summoned the Russian ambassador on Tuesday.");
        assert!(a.similarity(&b) > 0.9, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.1);
        assert_eq!(Bag::of("the of and").similarity(&Bag::of("")), 0.0);
    }
}
