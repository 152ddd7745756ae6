//! The learned cue scorer: hashed features of a word in its sentence (the word, its suffixes,
//! its neighbours, a name or pronoun before it, the cue lexicon) and a binary averaged
//! perceptron over them, trained deterministically and stored as sorted (hash, weight) pairs.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::lexicon::{CUES, PARTICIPLES, PRONOUNS};

/// A word or punctuation token of a sentence: its byte range, its text lowercased, and how
/// many quotation marks come before it in the sentence.
pub(super) struct Token<'s> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) lower: Cow<'s, str>,
    pub(super) hash: u32,
    marks: usize,
}

/// The sentence's tokens: runs of letters and digits (with inner apostrophes, hyphens and
/// dots: "don't", "well-known", "U.S"), and every other non-space character alone.
pub(super) fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut marks = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(j, d)) = chars.peek() {
                let inner = matches!(d, '\'' | '’' | '-' | '.')
                    && s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if !(d.is_alphanumeric() || inner) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        let word = &s[i..end];
        let lower = if word.chars().any(char::is_uppercase) {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        out.push(Token {
            start: i,
            end,
            hash: fnv(&lower),
            lower,
            marks,
        });
        marks += usize::from(matches!(c, '“' | '”' | '"'));
    }
    out
}

/// Function words never scored as a cue's first word.
static FUNCTION: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        "the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with",
        "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
        "would", "that", "this", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her",
        "their", "our", "not", "if", "so", "than", "then", "there", "who", "which", "what", "when",
        "can", "could", "should", "do", "does", "did", "also", "more", "most", "about", "after",
        "into", "over", "out", "up", "all", "one", "two",
    ]
    .into_iter()
    .collect()
});

/// Whether token `i` is a word the scorer looks at: lowercase letters (a capital only first in
/// the sentence), not a function word.
pub(super) fn candidate(sentence: &str, toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    let word = &sentence[t.start..t.end];
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    (first.is_lowercase() || (i == 0 && first.is_uppercase()))
        && t.lower.len() >= 2
        && t.lower
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && !FUNCTION.contains(t.lower.as_ref())
}

static LEXICON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    CUES.split('|')
        .chain(PARTICIPLES.split('|'))
        .filter(|w| !w.contains('\\'))
        .collect()
});

/// FNV-1a of a string: a token's or a value's hash, computed once.
pub(super) const fn fnv(s: &str) -> u32 {
    let bytes = s.as_bytes();
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

/// A feature: its kind mixed with the hashes of its parts.
pub(super) fn hash(kind: u8, parts: &[u32]) -> u32 {
    let mut h = u32::from(kind).wrapping_mul(0x9e37_79b1) ^ 0x5bd1_e995;
    for &p in parts {
        h = (h.rotate_left(13) ^ p).wrapping_mul(0x85eb_ca6b);
    }
    h ^= h >> 16;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 13)
}

const EDGE: u32 = fnv("<edge>");
const PRON: u32 = fnv("<pron>");
const CAP: u32 = fnv("<cap>");
const QUOTE: u32 = fnv("<quote>");
const NUM: u32 = fnv("<num>");
const WORD: u32 = fnv("<word>");
const THAT: u32 = fnv("that");
pub(super) const NO: u32 = fnv("0");
pub(super) const YES: u32 = fnv("1");

/// A coarse class of a token: pronoun, capitalised word, quotation mark, number, other word,
/// or the punctuation itself.
fn class(sentence: &str, t: Option<&Token<'_>>) -> u32 {
    let Some(t) = t else { return EDGE };
    let first = sentence[t.start..t.end].chars().next().unwrap_or(' ');
    if PRONOUNS.contains(&t.lower.as_ref()) {
        PRON
    } else if first.is_uppercase() {
        CAP
    } else if "“”\"‘’'".contains(first) {
        QUOTE
    } else if first.is_numeric() {
        NUM
    } else if first.is_alphabetic() {
        WORD
    } else {
        t.hash
    }
}

/// The word without an inflection: "wants", "wanted", "wanting" → "want".
pub(super) fn stem(w: &str) -> &str {
    for end in ["ing", "ied", "ies", "ed", "es", "s", "d"] {
        if let Some(s) = w.strip_suffix(end).filter(|s| s.len() >= 3) {
            return s;
        }
    }
    w
}

pub(super) fn suffix(w: &str, n: usize) -> &str {
    let mut idx = w.len();
    for _ in 0..n {
        match w[..idx].char_indices().next_back() {
            Some((i, _)) => idx = i,
            None => break,
        }
    }
    &w[idx..]
}

/// The features of token `i`, appended to `out`.
pub(super) fn features(sentence: &str, toks: &[Token<'_>], i: usize, out: &mut Vec<u32>) {
    let at = |k: isize| -> Option<&Token<'_>> {
        usize::try_from(i as isize + k)
            .ok()
            .and_then(|j| toks.get(j))
    };
    let low = |k: isize| at(k).map_or(EDGE, |t| t.hash);
    let word = toks[i].lower.as_ref();
    let w = toks[i].hash;
    let lex = if LEXICON.contains(word) { YES } else { NO };
    let (p1, p2, n1, n2) = (low(-1), low(-2), low(1), low(2));
    let (cp1, cn1, cn2) = (
        class(sentence, at(-1)),
        class(sentence, at(1)),
        class(sentence, at(2)),
    );
    let named_before = (1..=3)
        .filter_map(|k| at(-k))
        .any(|t| matches!(class(sentence, Some(t)), PRON | CAP));
    let in_quote = toks[i].marks % 2 == 1;
    let that_ahead = (1..=5).filter_map(at).any(|t| t.hash == THAT);
    let position = match i {
        0..=1 => i as u32,
        2..=3 => 2,
        4..=8 => 4,
        _ => 9,
    };
    let left = match toks.len() - i {
        1..=2 => 0,
        3..=5 => 1,
        _ => 2,
    };
    let (s3, s2, st) = (fnv(suffix(word, 3)), fnv(suffix(word, 2)), fnv(stem(word)));
    let flag = |b: bool| if b { YES } else { NO };
    out.extend([
        hash(0, &[]),
        hash(1, &[w]),
        hash(2, &[s3]),
        hash(3, &[s2]),
        hash(4, &[p1]),
        hash(5, &[n1]),
        hash(6, &[p2]),
        hash(7, &[n2]),
        hash(8, &[p1, w]),
        hash(9, &[w, n1]),
        hash(10, &[cp1]),
        hash(11, &[cn1]),
        hash(12, &[cn1, cn2]),
        hash(13, &[flag(named_before)]),
        hash(14, &[lex]),
        hash(15, &[lex, cn1]),
        hash(16, &[lex, cp1]),
        hash(17, &[position]),
        hash(18, &[left]),
        hash(19, &[flag(in_quote)]),
        hash(20, &[flag(that_ahead)]),
        hash(21, &[w, cp1]),
        hash(22, &[s3, cn1]),
        hash(23, &[lex, position, left]),
        hash(24, &[cp1, cn1]),
        hash(25, &[st]),
        hash(26, &[st, cn1]),
        hash(27, &[st, cp1]),
    ]);
}

/// Feature hashes are already hashes: the map uses them as they are.
#[derive(Default)]
struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n);
    }
}

type Weights = HashMap<u32, f32, std::hash::BuildHasherDefault<Identity>>;

/// Weights by feature hash.
pub(super) struct Model {
    weights: Weights,
}

const MAGIC: &[u8; 4] = b"CUE1";

impl Model {
    /// Reads the stored format: `CUE1`, then (hash, weight) pairs as little-endian `u32` and
    /// `f32`. Anything else is an empty model, which takes no cue.
    pub(super) fn from_bytes(bytes: &[u8]) -> Self {
        let mut weights = Weights::default();
        if let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) {
            for pair in rest.chunks_exact(8) {
                let h = u32::from_le_bytes([pair[0], pair[1], pair[2], pair[3]]);
                let w = f32::from_le_bytes([pair[4], pair[5], pair[6], pair[7]]);
                weights.insert(h, w);
            }
        }
        Self { weights }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    pub(super) fn score(&self, features: &[u32]) -> f32 {
        features.iter().filter_map(|f| self.weights.get(f)).sum()
    }
}

/// Trains an averaged perceptron on `(features, is cue)` examples for `epochs` passes, in an
/// order shuffled by a fixed seed; drops averaged weights below `prune` and returns the
/// stored format.
pub(super) fn train(examples: &[(Vec<u32>, bool)], epochs: usize, prune: f32) -> Vec<u8> {
    let mut w: HashMap<u32, (f64, f64, u64)> = HashMap::new(); // weight, total, last update
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 0x5eed_c0e5;
    let mut step: u64 = 0;
    for _ in 0..epochs {
        // Fisher-Yates with xorshift64.
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &e in &order {
            step += 1;
            let (feats, gold) = &examples[e];
            let score: f64 = feats.iter().filter_map(|f| w.get(f)).map(|v| v.0).sum();
            let y = if *gold { 1.0 } else { -1.0 };
            if y * score <= 0.0 {
                for f in feats {
                    let v = w.entry(*f).or_insert((0.0, 0.0, step));
                    v.1 += v.0 * (step - v.2) as f64;
                    v.2 = step;
                    v.0 += y;
                }
            }
        }
    }
    let mut kept: Vec<(u32, f32)> = w
        .into_iter()
        .map(|(h, (v, total, last))| (h, ((total + v * (step - last) as f64) / step as f64) as f32))
        .filter(|&(_, v)| v.abs() >= prune)
        .collect();
    kept.sort_by_key(|&(h, _)| h);
    let mut out = MAGIC.to_vec();
    for (h, v) in kept {
        out.extend(h.to_le_bytes());
        out.extend(v.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_inner_marks() {
        let s = "He didn’t say “no,” U.S. officials said.";
        let t: Vec<&str> = tokens(s).iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(
            t,
            [
                "He",
                "didn’t",
                "say",
                "“",
                "no",
                ",",
                "”",
                "U.S",
                ".",
                "officials",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn a_perceptron_learns_a_separable_rule() {
        let s = "Smith quipped that rain came";
        let toks = tokens(s);
        let feats = |i: usize| {
            let mut f = Vec::new();
            features(s, &toks, i, &mut f);
            f
        };
        let examples: Vec<(Vec<u32>, bool)> = (1..toks.len()).map(|i| (feats(i), i == 1)).collect();
        let model = Model::from_bytes(&train(&examples, 5, 0.0));
        assert!(!model.is_empty());
        assert!(model.score(&feats(1)) > 0.0);
        assert!(model.score(&feats(3)) < 0.0);
        assert!(Model::from_bytes(b"nope").is_empty());
    }
}
