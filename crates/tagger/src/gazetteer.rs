//! Name lists (countries, demonyms, cities, regions, organisations, first names) that give the
//! tagger evidence about names too rare in the training data to learn, such as a minister
//! named after 1996. They are features, not rules: the model learns how far to trust them.

use std::collections::{HashMap, HashSet};

use crate::tokenize::tokenize;

/// The lists shipped with the crate, in the format [`Gazetteer::parse`] reads.
const SHIPPED: &str = include_str!("../data/gazetteer.txt");

/// Longer lists generated from public name data by `scripts/make_name_lists.py`.
const GENERATED: &str = include_str!("../data/generated_lists.txt");

/// The list names, in the order of their bit in a token's mark.
const LISTS: [&str; 8] = [
    "country",
    "demonym",
    "city",
    "region",
    "organization",
    "first_name",
    "place",
    "surname",
];

/// How many lists there are; a token's mark has a begin bit and an inside bit per list.
pub(crate) const LIST_COUNT: usize = LISTS.len();

/// Entries indexed by their lowercased tokens joined with single spaces.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gazetteer {
    entries: HashMap<String, u8>,
    /// First tokens of entries longer than one token, so most tokens need one look-up.
    multi_starts: HashSet<String>,
    max_tokens: usize,
}

impl Gazetteer {
    /// The lists shipped with the crate.
    pub(crate) fn shipped() -> Gazetteer {
        Gazetteer::parse(&format!("{SHIPPED}\n{GENERATED}"))
    }

    /// Reads lists: `[name]` starts a list, `#` a comment, every other line is an entry.
    /// Unknown list names are skipped rather than refused so old models keep loading lists
    /// that grow.
    pub(crate) fn parse(text: &str) -> Gazetteer {
        let mut gazetteer = Gazetteer::default();
        let mut list: Option<usize> = None;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                list = LISTS.iter().position(|&l| l == name);
                continue;
            }
            let Some(list) = list else { continue };
            let tokens: Vec<String> = tokenize(line).iter().map(|t| normalize(t.text)).collect();
            if tokens.is_empty() {
                continue;
            }
            if tokens.len() > 1 {
                gazetteer.multi_starts.insert(tokens[0].clone());
            }
            gazetteer.max_tokens = gazetteer.max_tokens.max(tokens.len());
            *gazetteer.entries.entry(tokens.join(" ")).or_default() |= 1 << list;
        }
        gazetteer
    }

    /// Marks each token with the entries it is part of: bit `l` when it begins an entry of
    /// list `l`, bit `8 + l` when it continues one. `lower` holds the tokens as
    /// [`normalize`] gives them.
    pub(crate) fn mark(&self, lower: &[String]) -> Vec<u16> {
        let mut marks = vec![0u16; lower.len()];
        let mut key = String::new();
        for start in 0..lower.len() {
            let longest = if self.multi_starts.contains(&lower[start]) {
                self.max_tokens.min(lower.len() - start)
            } else {
                1
            };
            for len in 1..=longest {
                key.clear();
                for (n, word) in lower[start..start + len].iter().enumerate() {
                    if n > 0 {
                        key.push(' ');
                    }
                    key.push_str(word);
                }
                let Some(&lists) = self.entries.get(&key) else {
                    continue;
                };
                marks[start] |= u16::from(lists);
                for mark in &mut marks[start + 1..start + len] {
                    *mark |= u16::from(lists) << 8;
                }
            }
        }
        marks
    }
}

/// A token as the features and the lists see it: lowercase, with curly apostrophes made
/// straight so `Shi’ite` and `Shi'ite` are one word.
pub(crate) fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '’' | '‘' | '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| normalize(w)).collect()
    }

    #[test]
    fn marks_single_and_multi_token_entries() {
        let gazetteer =
            Gazetteer::parse("[country]\nNorth Korea\nKorea\n[demonym]\nNorth Korean\n");
        let marks = gazetteer.mark(&lower(&["in", "NORTH", "Korea", "North", "Korean"]));
        assert_eq!(marks[0], 0);
        assert_eq!(marks[1], 1);
        assert_eq!(marks[2], (1 << 8) | 1);
        assert_eq!(marks[3], 2);
        assert_eq!(marks[4], 2 << 8);
    }

    #[test]
    fn shipped_lists_parse() {
        let gazetteer = Gazetteer::shipped();
        assert!(gazetteer.entries.len() > 500);
        let marks = gazetteer.mark(&lower(&["Ukrainian", "Kursk", "Rustem", "Novak"]));
        // Kursk is in the hand-written cities and the generated places; Novak a surname.
        assert_eq!(marks, [2, 4 | 64, 32, 128]);
    }
}
