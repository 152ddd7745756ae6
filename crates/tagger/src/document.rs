//! What the rest of a document says about a word. News names a person in full once and then
//! by surname, and headlines are in capitals: a word's casing elsewhere in the article, and the
//! tags it was given earlier, are strong evidence that a single sentence lacks.

use std::collections::HashMap;

use crate::gazetteer::normalize;

/// How each word is cased across a document, counted where casing means something: not at
/// the start of a sentence and not in a sentence written in capitals.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocumentStats {
    /// Lowercase word → (times capitalised, times in lower case).
    case: HashMap<String, (u32, u32)>,
}

impl DocumentStats {
    /// Counts the casing of the words of a document's sentences.
    pub(crate) fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocumentStats {
        let mut stats = DocumentStats::default();
        for words in sentences {
            if crate::features::all_caps(words) {
                continue;
            }
            for word in words.iter().skip(1) {
                let Some(first) = word.chars().next() else {
                    continue;
                };
                if !first.is_alphabetic() {
                    continue;
                }
                let counts = stats.case.entry(normalize(word)).or_default();
                if first.is_uppercase() {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
            }
        }
        stats
    }

    /// A label for how `lower` is cased elsewhere in the document.
    pub(crate) fn case_of(&self, lower: &str) -> &'static str {
        match self.case.get(lower) {
            None => "unseen",
            Some(&(cap, 0)) if cap > 0 => "capital",
            Some(&(0, _)) => "lower",
            Some(_) => "mixed",
        }
    }
}

/// The tags given so far in a document to each capitalised word, keyed by the hash of its
/// lowercase form.
#[derive(Debug, Clone, Default)]
pub(crate) struct History {
    seen: HashMap<u64, (u8, u8)>,
}

impl History {
    /// The last tag index given to the word and the set of entity kinds it was given
    /// (bit `k` for kind `k`, bit 4 for `O`), if it was seen.
    pub(crate) fn get(&self, word: u64) -> Option<(u8, u8)> {
        self.seen.get(&word).copied()
    }

    /// Records that the word was given the BILOU label `tag`.
    pub(crate) fn record(&mut self, word: u64, tag: usize) {
        let kind_bit = crate::tags::label_kind(tag);
        let entry = self.seen.entry(word).or_default();
        entry.0 = tag as u8;
        entry.1 |= 1 << kind_bit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_elsewhere() {
        let a: &[&str] = &["JAPAN", "WIN"];
        let b: &[&str] = &["Then", "Japan", "won", "the", "win"];
        let stats = DocumentStats::new([a, b]);
        assert_eq!(stats.case_of("japan"), "capital");
        assert_eq!(stats.case_of("won"), "lower");
        assert_eq!(stats.case_of("then"), "unseen");
    }

    #[test]
    fn history_keeps_last_tag_and_kinds() {
        let mut history = History::default();
        history.record(7, 1);
        history.record(7, 0);
        assert_eq!(history.get(7), Some((0, 0b10001)));
        assert_eq!(history.get(8), None);
    }
}
