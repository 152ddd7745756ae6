//! Turns a sentence into feature ids for the perceptron. Each feature is a template number and
//! a few strings hashed with xxh3 to a `u32`, so no string is built per feature and the model
//! stores ids, not text; a rare collision costs a little accuracy, never correctness.
//!
//! Features come in two parts: static ones that depend only on the words (computed once per
//! sentence, and once per training run for the training data), and the few that depend on the
//! tags already predicted to the left, computed while decoding.

use xxhash_rust::xxh3::xxh3_64;

use crate::clusters::Clusters;
use crate::document::{DocumentStats, History};
use crate::gazetteer::{normalize, Gazetteer, LIST_COUNT};

/// What the features look words up in: the name lists and the word clusters.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    gazetteer: Gazetteer,
    clusters: Clusters,
    /// The cluster features of each path, then of words without a path, of the sentence start
    /// and of the sentence end, hashed once here: tokens then cost no string hashing for them.
    cluster_features: Vec<ClusterFeatures>,
}

/// The cluster features a word gives itself and its neighbours.
#[derive(Debug, Clone, Copy)]
struct ClusterFeatures {
    /// Prefixes of [`CLUSTER_PREFIXES`] lengths, as the token's own.
    own: [u32; 4],
    /// Per offset slot (-2, -1, +1, +2): the 6-bit prefix and the whole path, as a
    /// neighbour's (the whole path is used at ±1 only).
    around: [[u32; 2]; 4],
}

impl Lexicon {
    /// A lexicon of the given lists and clusters.
    pub(crate) fn new(gazetteer: Gazetteer, clusters: Clusters) -> Lexicon {
        let mut h = Hasher {
            buf: Vec::with_capacity(64),
        };
        let mut features = |path: Option<&str>| {
            let mut out = ClusterFeatures {
                own: [0; 4],
                around: [[0; 2]; 4],
            };
            for (k, &len) in CLUSTER_PREFIXES.iter().enumerate() {
                out.own[k] = h.hash(CLUSTER + k as u8, &[prefix(path, len)]);
            }
            for slot in 0..4 {
                let template = CLUSTER_AT + 2 * slot as u8;
                out.around[slot] = [
                    h.hash(template, &[prefix(path, 6)]),
                    h.hash(template + 1, &[prefix(path, usize::MAX)]),
                ];
            }
            out
        };
        let mut cluster_features: Vec<ClusterFeatures> =
            clusters.paths().iter().map(|p| features(Some(p))).collect();
        cluster_features.extend([
            features(None),
            features(Some("<s>")),
            features(Some("</s>")),
        ]);
        Lexicon {
            gazetteer,
            clusters,
            cluster_features,
        }
    }

    /// The lists and clusters shipped with the crate.
    pub(crate) fn shipped() -> Lexicon {
        Lexicon::new(Gazetteer::shipped(), Clusters::shipped())
    }
}

/// Bumped whenever feature extraction changes, so a model trained on other features is
/// refused instead of silently tagging badly.
pub(crate) const FEATURES_VERSION: u32 = 6;

// Template numbers: the first byte hashed for each feature.
const BIAS: u8 = 0;
const LOWER: u8 = 1;
const WORD: u8 = 2;
const SHAPE: u8 = 3;
const SHORT: u8 = 4;
const PREFIX: u8 = 5; // + length 1..=4
const SUFFIX: u8 = 10; // + length 1..=4
const LOWER_AT: u8 = 15; // + offset index 0..4 for -2, -1, +1, +2
const SHAPE_AT: u8 = 20; // + offset index
const BIGRAM_LEFT: u8 = 25;
const BIGRAM_RIGHT: u8 = 26;
const SHAPE_TRIGRAM: u8 = 27;
const POSITION_SHAPE: u8 = 28;
const CAPS_SENTENCE: u8 = 29;
const CAPS_SENTENCE_LOWER: u8 = 30;
const GAZETTEER_AT: u8 = 31; // + offset index 0..3 for -1, 0, +1
const FLAGS: u8 = 35;
const SUFFIX_LEFT: u8 = 36;
const LOWER_LEFT_SHAPE: u8 = 37;
const SKIP_GRAM: u8 = 38;
const SUFFIX_RIGHT: u8 = 39;
const LOWER_RIGHT_SHAPE: u8 = 51;
const TAG_1: u8 = 40;
const TAG_2_1: u8 = 41;
const TAG_1_LOWER: u8 = 42;
const TAG_1_SHORT: u8 = 43;
const TAG_1_SHAPE_RIGHT: u8 = 44;
const DOC_CASE: u8 = 45;
const HISTORY_LAST: u8 = 46;
const HISTORY_KINDS: u8 = 47;
const HISTORY_LAST_SHORT: u8 = 48;
const CLUSTER: u8 = 52; // + index into CLUSTER_PREFIXES
const CLUSTER_AT: u8 = 56; // + 2 × offset index (-2, -1, +1, +2) + 0 (coarse) or 1 (fine)

/// Lengths of the cluster-path prefixes used as features, coarse to fine; `usize::MAX` is the
/// whole path.
const CLUSTER_PREFIXES: [usize; 4] = [4, 6, 10, usize::MAX];

/// A prefix of a cluster path, or the whole path when shorter; `-` for words without one.
fn prefix(path: Option<&str>, len: usize) -> &str {
    path.map_or("-", |p| &p[..p.len().min(len)])
}

/// How many tag-history features [`dynamic`] adds per token.
pub(crate) const DYNAMIC_COUNT: usize = 8;

/// Hashes a template and its parts; the 0xff separator cannot occur in UTF-8, so part
/// boundaries are unambiguous.
struct Hasher {
    buf: Vec<u8>,
}

impl Hasher {
    fn hash(&mut self, template: u8, parts: &[&str]) -> u32 {
        self.buf.clear();
        self.buf.push(template);
        for part in parts {
            self.buf.extend_from_slice(part.as_bytes());
            self.buf.push(0xff);
        }
        // Truncation to u32 is the point: half the model size, collisions negligible.
        xxh3_64(&self.buf) as u32
    }
}

/// A sentence's static features: `ids[offsets[i]..offsets[i + 1]]` belong to token `i`.
#[derive(Debug, Clone, Default)]
pub(crate) struct SentenceFeatures {
    pub(crate) ids: Vec<u32>,
    pub(crate) offsets: Vec<usize>,
    /// Per token, the hash of its lowercase form and of its short shape, and of the next
    /// token's shape, for the tag-history features.
    pub(crate) lower_ids: Vec<u64>,
    short_ids: Vec<u64>,
    /// Per token, whether it has a capital letter (only those enter the document history).
    pub(crate) capitalised: Vec<bool>,
    next_shape_ids: Vec<u64>,
}

impl SentenceFeatures {
    /// The static features of token `i`.
    pub(crate) fn token(&self, i: usize) -> &[u32] {
        &self.ids[self.offsets[i]..self.offsets[i + 1]]
    }

    /// How many tokens the sentence has.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
}

/// The word's shape: `X` for capitals, `x` for small letters, `d` for digits, other characters
/// as they are; runs longer than `max_run` are cut, so `Washington` is `Xxxxx` with 4 and `Xx`
/// with 1.
fn shape(word: &str, max_run: usize) -> String {
    let mut out = String::with_capacity(word.len().min(16));
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class == last {
            run += 1;
        } else {
            run = 1;
            last = class;
        }
        if run <= max_run {
            out.push(class);
        }
    }
    out
}

/// Whether a sentence is written in capitals, as CoNLL's headlines are: casing then says
/// nothing about names, and the model needs to know.
pub(crate) fn all_caps(words: &[&str]) -> bool {
    let mut letters = 0;
    for word in words {
        for c in word.chars() {
            if c.is_lowercase() {
                return false;
            }
            if c.is_uppercase() {
                letters += 1;
            }
        }
    }
    letters > 3
}

/// `table[i]`, or a marker for positions before or after the sentence.
fn at<'a>(table: &'a [String], i: isize, before: &'a str, after: &'a str) -> &'a str {
    match usize::try_from(i) {
        Err(_) => before,
        Ok(i) => table.get(i).map_or(after, String::as_str),
    }
}

/// Computes the static features of a sentence.
pub(crate) fn extract(
    words: &[&str],
    lexicon: &Lexicon,
    document: &DocumentStats,
) -> SentenceFeatures {
    let n = words.len();
    let mut h = Hasher {
        buf: Vec::with_capacity(64),
    };
    let lower: Vec<String> = words.iter().map(|w| normalize(w)).collect();
    let shapes: Vec<String> = words.iter().map(|w| shape(w, 4)).collect();
    let shorts: Vec<String> = words.iter().map(|w| shape(w, 1)).collect();
    let marks = lexicon.gazetteer.mark(&lower);
    let edges = lexicon.cluster_features.len() - 3;
    let clusters: Vec<&ClusterFeatures> = lower
        .iter()
        .map(|w| {
            let id = lexicon.clusters.id(w).map_or(edges, |id| id as usize);
            &lexicon.cluster_features[id]
        })
        .collect();
    let cluster_at = |i: isize| -> &ClusterFeatures {
        match usize::try_from(i) {
            Err(_) => &lexicon.cluster_features[edges + 1],
            Ok(i) => clusters
                .get(i)
                .copied()
                .unwrap_or(&lexicon.cluster_features[edges + 2]),
        }
    };
    let caps = all_caps(words);

    let word_at = |i: isize| at(&lower, i, "<s>", "</s>");

    let mut out = SentenceFeatures {
        ids: Vec::with_capacity(n * 48),
        offsets: Vec::with_capacity(n + 1),
        lower_ids: Vec::with_capacity(n),
        short_ids: Vec::with_capacity(n),
        next_shape_ids: Vec::with_capacity(n),
        capitalised: Vec::with_capacity(n),
    };
    out.offsets.push(0);
    for i in 0..n {
        let ii = i as isize;
        let w = lower[i].as_str();
        let ids = &mut out.ids;
        ids.push(h.hash(BIAS, &[]));
        ids.push(h.hash(LOWER, &[w]));
        ids.push(h.hash(WORD, &[words[i]]));
        ids.push(h.hash(SHAPE, &[&shapes[i]]));
        ids.push(h.hash(SHORT, &[&shorts[i]]));
        let chars: Vec<(usize, char)> = w.char_indices().collect();
        for len in 1..=4.min(chars.len()) {
            let cut = chars.get(len).map_or(w.len(), |&(at, _)| at);
            ids.push(h.hash(PREFIX + len as u8, &[&w[..cut]]));
            let from = chars[chars.len() - len].0;
            ids.push(h.hash(SUFFIX + len as u8, &[&w[from..]]));
        }
        for (slot, offset) in [-2isize, -1, 1, 2].into_iter().enumerate() {
            ids.push(h.hash(LOWER_AT + slot as u8, &[word_at(ii + offset)]));
            let table = if offset.abs() == 1 { &shapes } else { &shorts };
            ids.push(h.hash(
                SHAPE_AT + slot as u8,
                &[at(table, ii + offset, "<b>", "<b>")],
            ));
        }
        ids.push(h.hash(BIGRAM_LEFT, &[word_at(ii - 1), w]));
        ids.push(h.hash(BIGRAM_RIGHT, &[w, word_at(ii + 1)]));
        ids.push(h.hash(
            SHAPE_TRIGRAM,
            &[
                at(&shorts, ii - 1, "<b>", "<b>"),
                &shorts[i],
                at(&shorts, ii + 1, "<b>", "<b>"),
            ],
        ));
        let position = match (i == 0, i + 1 == n) {
            (true, _) => "first",
            (false, true) => "last",
            (false, false) => "mid",
        };
        ids.push(h.hash(POSITION_SHAPE, &[position, &shorts[i]]));
        if caps {
            ids.push(h.hash(CAPS_SENTENCE, &[]));
            ids.push(h.hash(CAPS_SENTENCE_LOWER, &[w]));
        }
        for (slot, offset) in [-1isize, 0, 1].into_iter().enumerate() {
            let j = ii + offset;
            if j < 0 || j as usize >= n {
                continue;
            }
            let mark = marks[j as usize];
            for list in 0..LIST_COUNT {
                for (bit, part) in [(list, "B"), (list + 8, "I")] {
                    if mark & (1 << bit) != 0 {
                        let name = [b'0' + list as u8];
                        let name = std::str::from_utf8(&name).unwrap_or("?");
                        ids.push(h.hash(GAZETTEER_AT + slot as u8, &[name, part]));
                    }
                }
            }
        }
        let flags = [
            w.chars().any(|c| c.is_numeric()),
            w.contains('-'),
            w.contains('.'),
            i > 0 && !caps && words[i].chars().next().is_some_and(char::is_uppercase),
        ];
        let flags: String = flags.iter().map(|&f| if f { '1' } else { '0' }).collect();
        ids.push(h.hash(FLAGS, &[&flags]));
        if i > 0 {
            let left = &lower[i - 1];
            let from = left.char_indices().rev().nth(2).map_or(0, |(at, _)| at);
            ids.push(h.hash(SUFFIX_LEFT, &[&left[from..], &shorts[i]]));
        }
        ids.push(h.hash(LOWER_LEFT_SHAPE, &[word_at(ii - 1), &shorts[i]]));
        ids.push(h.hash(LOWER_RIGHT_SHAPE, &[&shorts[i], word_at(ii + 1)]));
        ids.push(h.hash(SKIP_GRAM, &[word_at(ii - 1), word_at(ii + 1)]));
        if let Some(right) = lower.get(i + 1) {
            let from = right.char_indices().rev().nth(2).map_or(0, |(at, _)| at);
            ids.push(h.hash(SUFFIX_RIGHT, &[&shorts[i], &right[from..]]));
        }
        ids.extend_from_slice(&clusters[i].own);
        for (slot, offset) in [-2isize, -1, 1, 2].into_iter().enumerate() {
            let around = cluster_at(ii + offset).around[slot];
            ids.push(around[0]);
            if offset.abs() == 1 {
                ids.push(around[1]);
            }
        }
        let case = document.case_of(w);
        ids.push(h.hash(DOC_CASE, &[case, &shorts[i]]));
        out.capitalised
            .push(words[i].chars().any(char::is_uppercase));
        out.offsets.push(out.ids.len());
        out.lower_ids.push(xxh3_64(w.as_bytes()));
        out.short_ids.push(xxh3_64(shorts[i].as_bytes()));
        out.next_shape_ids
            .push(xxh3_64(at(&shorts, ii + 1, "<b>", "<b>").as_bytes()));
    }
    out
}

/// The tag-history features of token `i`, given the indices of the two previous predicted
/// tags (`None` before the sentence start): [`dynamic_history`], [`dynamic_prev`] and
/// [`dynamic_prev2`] together.
pub(crate) fn dynamic(
    sentence: &SentenceFeatures,
    i: usize,
    prev: Option<usize>,
    prev2: Option<usize>,
    history: &History,
) -> [u32; DYNAMIC_COUNT] {
    let [a, b, c] = dynamic_history(sentence, i, history);
    let [d, e, f, g] = dynamic_prev(sentence, i, prev);
    [d, dynamic_prev2(prev, prev2), e, f, g, a, b, c]
}

fn tag_byte(t: Option<usize>) -> u8 {
    t.map_or(255u8, |t| t as u8)
}

fn mix(template: u8, first: u8, second: u8, extra: u64) -> u32 {
    let mut buf = [0u8; 11];
    buf[0] = template;
    buf[1] = first;
    buf[2] = second;
    buf[3..].copy_from_slice(&extra.to_le_bytes());
    xxh3_64(&buf) as u32
}

/// The features of token `i` that depend on the tags its word got earlier in the document
/// (not on the tags before it in the sentence).
pub(crate) fn dynamic_history(
    sentence: &SentenceFeatures,
    i: usize,
    history: &History,
) -> [u32; 3] {
    let (last, kinds) = if sentence.capitalised[i] {
        history.get(sentence.lower_ids[i]).unwrap_or((255, 0))
    } else {
        (254, 0)
    };
    [
        mix(HISTORY_LAST, last, 0, 0),
        mix(HISTORY_KINDS, kinds, 0, 0),
        mix(HISTORY_LAST_SHORT, last, 0, sentence.short_ids[i]),
    ]
}

/// The features of token `i` that depend on the previous tag.
pub(crate) fn dynamic_prev(sentence: &SentenceFeatures, i: usize, prev: Option<usize>) -> [u32; 4] {
    let t1 = tag_byte(prev);
    [
        mix(TAG_1, t1, 0, 0),
        mix(TAG_1_LOWER, t1, 0, sentence.lower_ids[i]),
        mix(TAG_1_SHORT, t1, 0, sentence.short_ids[i]),
        mix(TAG_1_SHAPE_RIGHT, t1, 0, sentence.next_shape_ids[i]),
    ]
}

/// The feature of the two previous tags.
pub(crate) fn dynamic_prev2(prev: Option<usize>, prev2: Option<usize>) -> u32 {
    mix(TAG_2_1, tag_byte(prev), tag_byte(prev2), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Washington", 4), "Xxxxx");
        assert_eq!(shape("Washington", 1), "Xx");
        assert_eq!(shape("U.S.", 4), "X.X.");
        assert_eq!(shape("1996-08-22", 1), "d-d-d");
        assert_eq!(shape("KBS", 4), "XXX");
    }

    #[test]
    fn features_are_per_token_and_deterministic() {
        let lexicon = Lexicon::shipped();
        let words = ["Rustem", "Umerov", "told", "KBS", "."];
        let stats = DocumentStats::default();
        let a = extract(&words, &lexicon, &stats);
        let b = extract(&words, &lexicon, &stats);
        assert_eq!(a.ids, b.ids);
        assert_eq!(a.len(), 5);
        assert!(a.token(0).len() > 20);
        let history = History::default();
        assert_ne!(
            dynamic(&a, 1, Some(1), None, &history),
            dynamic(&a, 1, Some(0), None, &history)
        );
        assert!(extract(&[], &lexicon, &stats).ids.is_empty());
    }

    #[test]
    fn headlines_in_capitals_are_flagged() {
        assert!(all_caps(&["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN"]));
        assert!(!all_caps(&["Japan", "GET"]));
        assert!(!all_caps(&["1996-08-22"]));
    }
}
