//! The model's weights: one row of per-tag weights per feature id, the greedy decoder that
//! uses them, and the compact, versioned binary format the shipped model is stored in.
//!
//! Format: the 6-byte magic `CCNER\0`, the format version and the feature version (each a
//! little-endian `u32`), then a gzip stream of: the quantisation step (`f32` LE), the number
//! of features (varint), and per feature in ascending id order the id's delta from the previous
//! one (varint), a 9-bit mask of the tags with a weight (varint), and each such weight as a
//! zigzag varint count of steps. Sorted ids make the deltas small; most features carry weight
//! for two or three tags only.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::document::History;
use crate::error::TaggerError;
use crate::features::{
    dynamic_history, dynamic_prev, dynamic_prev2, SentenceFeatures, FEATURES_VERSION,
};
use crate::tags::{label_may_follow, label_tag, Tag, LABEL_COUNT};

const MAGIC: &[u8; 6] = b"CCNER\0";
/// Version of the container format described in the module docs.
const FORMAT_VERSION: u32 = 1;
/// Weights are stored as multiples of `max |w| / QUANT_LEVELS`: two varint bytes at most, and
/// finer than the perceptron's own noise.
const QUANT_LEVELS: f32 = 8191.0;

/// Hypotheses kept at each token by the beam search (chosen on dev: 2 → 92.55, 3 → 92.61,
/// 4 → 92.60 span F1).
const BEAM_WIDTH: usize = 3;
/// Inverse temperature turning a token's perceptron scores into log-probabilities for the
/// beam search (chosen on dev: 0.03 → 92.27, 0.035 → 92.54, 0.04 → 92.61, 0.045 → 92.51,
/// 0.05 → 92.43).
const BEAM_BETA: f32 = 0.04;

/// Hypotheses scoring more than this below the best (in log-probability) are dropped, so
/// that confident stretches of text cost one hypothesis (dev F1 the same as without).
const BEAM_MARGIN: f32 = 2.0;

/// `FOLLOWS[p][t]`: label `t` may follow label `p - 1` (`p = 0`: the sentence start), `O`
/// included (see [`best_allowed`]).
const FOLLOWS: [[bool; LABEL_COUNT]; LABEL_COUNT + 1] = {
    let mut table = [[false; LABEL_COUNT]; LABEL_COUNT + 1];
    let mut p = 0;
    while p <= LABEL_COUNT {
        let mut t = 0;
        while t < LABEL_COUNT {
            table[p][t] = t == 0 || label_may_follow(t, if p == 0 { None } else { Some(p - 1) });
            t += 1;
        }
        p += 1;
    }
    table
};

/// One hypothesis of the beam search: its score, last two labels and last node in the arena.
#[derive(Debug, Clone, Copy)]
struct Hyp {
    score: f32,
    t1: Option<usize>,
    t2: Option<usize>,
    node: usize,
}

/// Buffers of the beam search, reused across a document's sentences.
#[derive(Debug, Default)]
struct Beam {
    /// `(label, parent node)` of every hypothesis made; `usize::MAX` is the sentence start.
    arena: Vec<(usize, usize)>,
    hyps: Vec<Hyp>,
    next: Vec<Hyp>,
    /// `(score, hypothesis, label)` extensions of the current hypotheses.
    candidates: Vec<(f32, usize, usize)>,
    /// Scores of the current token after each previous tag met so far.
    rows: Vec<(Option<usize>, [f32; LABEL_COUNT])>,
}

/// Feature ids are already xxh3 hashes; hashing them again would be wasted work. The
/// multiplication spreads the 32 bits over the 64 the hash table reads its control bits from.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
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

/// A hash map keyed by feature id.
pub(crate) type IdMap<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

/// Per-feature weight rows, stored in the map itself: one probe finds a feature's weights,
/// which matters because scoring is most of the tagger's time.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    index: IdMap<[f32; LABEL_COUNT]>,
}

impl Weights {
    /// Builds weights from `(id, row)` pairs, dropping rows that are all zero.
    pub(crate) fn from_rows(rows: impl IntoIterator<Item = (u32, [f32; LABEL_COUNT])>) -> Weights {
        let mut weights = Weights::default();
        for (id, row) in rows {
            if row.iter().any(|&w| w != 0.0) {
                weights.index.insert(id, row);
            }
        }
        weights
    }

    /// The `(id, row)` pairs, in no particular order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = (u32, &[f32; LABEL_COUNT])> {
        self.index.iter().map(|(&id, row)| (id, row))
    }

    /// The `(id, row)` pairs in ascending id order.
    fn sorted(&self) -> Vec<(u32, [f32; LABEL_COUNT])> {
        let mut rows: Vec<(u32, [f32; LABEL_COUNT])> =
            self.index.iter().map(|(&id, &row)| (id, row)).collect();
        rows.sort_unstable_by_key(|&(id, _)| id);
        rows
    }

    /// How many features carry weight.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// Adds the rows of `ids` to `scores`.
    pub(crate) fn add(&self, ids: &[u32], scores: &mut [f32; LABEL_COUNT]) {
        for id in ids {
            if let Some(row) = self.index.get(id) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// A copy with every weight below `threshold` in magnitude set to zero, and features left
    /// without weight dropped: most features are seen a few times and matter little.
    pub(crate) fn pruned(&self, threshold: f32) -> Weights {
        Weights::from_rows(self.sorted().into_iter().map(|(id, mut row)| {
            for w in &mut row {
                if w.abs() < threshold {
                    *w = 0.0;
                }
            }
            (id, row)
        }))
    }

    /// Tags a document's sentences with a beam search ([`Weights::beam_sentence`]), each token
    /// seeing the two tags before it and the tags its word was given earlier in the document.
    pub(crate) fn decode_document(&self, sentences: &[SentenceFeatures]) -> Vec<Vec<Tag>> {
        let mut history = History::default();
        let mut out = Vec::with_capacity(sentences.len());
        let mut beam = Beam::default();
        for sentence in sentences {
            let tags = self.beam_sentence(sentence, &history, &mut beam);
            for (i, &tag) in tags.iter().enumerate() {
                if sentence.capitalised[i] {
                    history.record(sentence.lower_ids[i], tag);
                }
            }
            out.push(tags.into_iter().map(label_tag).collect());
        }
        out
    }

    /// Beam search over one sentence. The perceptron was trained on local decisions, whose
    /// raw scores are not comparable across different previous tags; each token's scores are
    /// therefore turned into log-probabilities (softmax with inverse temperature
    /// [`BEAM_BETA`]) over the labels allowed after the hypothesis' last label, and a
    /// hypothesis scores the sum of its tokens'. Hypotheses ending in the same two labels are
    /// merged (the features see no further back); the best [`BEAM_WIDTH`] are kept at each
    /// token. As in greedy decoding, `O` may close an open entity (read as BIO just the same).
    fn beam_sentence(
        &self,
        sentence: &SentenceFeatures,
        history: &History,
        beam: &mut Beam,
    ) -> Vec<usize> {
        beam.arena.clear();
        beam.hyps.clear();
        beam.hyps.push(Hyp {
            score: 0.0,
            t1: None,
            t2: None,
            node: usize::MAX,
        });
        for i in 0..sentence.len() {
            let mut base = [0.0; LABEL_COUNT];
            self.add(sentence.token(i), &mut base);
            self.add(&dynamic_history(sentence, i, history), &mut base);
            beam.candidates.clear();
            // Scores with the previous-tag features, per previous tag, as hypotheses need
            // them (hypotheses often share their last tag).
            beam.rows.clear();
            let single = beam.hyps.len() == 1;
            for (h, hyp) in beam.hyps.iter().enumerate() {
                let mut scores = match beam.rows.iter().find(|(t1, _)| *t1 == hyp.t1) {
                    Some(&(_, row)) => row,
                    None => {
                        let mut row = base;
                        self.add(&dynamic_prev(sentence, i, hyp.t1), &mut row);
                        beam.rows.push((hyp.t1, row));
                        row
                    }
                };
                self.add(&[dynamic_prev2(hyp.t1, hyp.t2)], &mut scores);
                let follows = &FOLLOWS[hyp.t1.map_or(0, |t| t + 1)];
                let allowed = |t: usize| follows[t];
                let max = (0..LABEL_COUNT)
                    .filter(|&t| allowed(t))
                    .fold(f32::NEG_INFINITY, |m, t| m.max(scores[t]));
                // With a single hypothesis, every candidate shares its normaliser, so it can
                // be left out: only differences between candidates matter.
                let log_z = if single {
                    0.0
                } else {
                    (0..LABEL_COUNT)
                        .filter(|&t| allowed(t) && (scores[t] - max) * BEAM_BETA > -20.0)
                        .map(|t| ((scores[t] - max) * BEAM_BETA).exp())
                        .sum::<f32>()
                        .ln()
                };
                for (t, &score) in scores.iter().enumerate() {
                    let local = (score - max) * BEAM_BETA;
                    // A candidate more than the margin below its sibling is pruned anyway.
                    if allowed(t) && local >= -BEAM_MARGIN {
                        beam.candidates.push((hyp.score + local - log_z, h, t));
                    }
                }
            }
            beam.candidates
                .sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
            beam.next.clear();
            let floor = beam.candidates.first().map_or(0.0, |c| c.0) - BEAM_MARGIN;
            for &(score, h, t) in &beam.candidates {
                if score < floor {
                    break;
                }
                let parent = beam.hyps[h];
                if beam
                    .next
                    .iter()
                    .any(|n| n.t1 == Some(t) && n.t2 == parent.t1)
                {
                    continue;
                }
                beam.arena.push((t, parent.node));
                beam.next.push(Hyp {
                    score,
                    t1: Some(t),
                    t2: parent.t1,
                    node: beam.arena.len() - 1,
                });
                if beam.next.len() == BEAM_WIDTH {
                    break;
                }
            }
            std::mem::swap(&mut beam.hyps, &mut beam.next);
        }
        let mut tags = Vec::with_capacity(sentence.len());
        let mut node = beam.hyps.first().map_or(usize::MAX, |h| h.node);
        while node != usize::MAX {
            tags.push(beam.arena[node].0);
            node = beam.arena[node].1;
        }
        tags.reverse();
        tags
    }

    /// The model in the binary format described in the module docs. The same weights always
    /// give the same bytes.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .index
            .values()
            .flatten()
            .fold(0.0f32, |m, w| m.max(w.abs()));
        let step = if max > 0.0 { max / QUANT_LEVELS } else { 1.0 };
        let ids = self.sorted();
        let mut payload = Vec::with_capacity(ids.len() * 8);
        payload.extend_from_slice(&step.to_le_bytes());
        let mut entries = Vec::with_capacity(ids.len() * 8);
        let mut count = 0u64;
        let mut last = 0u32;
        for (id, row) in ids {
            let steps: Vec<i64> = row.iter().map(|w| (w / step).round() as i64).collect();
            let mask = steps
                .iter()
                .enumerate()
                .fold(0u64, |m, (t, &q)| if q != 0 { m | 1 << t } else { m });
            if mask == 0 {
                continue;
            }
            count += 1;
            put_varint(&mut entries, u64::from(id - last));
            last = id;
            put_varint(&mut entries, mask);
            for &q in steps.iter().filter(|&&q| q != 0) {
                put_varint(&mut entries, ((q << 1) ^ (q >> 63)) as u64);
            }
        }
        put_varint(&mut payload, count);
        payload.extend_from_slice(&entries);
        let mut out = Vec::with_capacity(payload.len() / 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURES_VERSION.to_le_bytes());
        let mut gz = GzEncoder::new(out, Compression::best());
        // Writing to a Vec cannot fail.
        let _ = gz.write_all(&payload);
        gz.finish().unwrap_or_default()
    }

    /// Reads weights written by [`Weights::to_bytes`].
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Weights, TaggerError> {
        let corrupt = |reason: &str| TaggerError::BadModel {
            reason: reason.to_owned(),
        };
        let header_len = MAGIC.len() + 8;
        if bytes.len() < header_len || &bytes[..MAGIC.len()] != MAGIC {
            return Err(corrupt("not a crosscheck tagger model (bad magic)"));
        }
        let word = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let (format, features) = (word(MAGIC.len()), word(MAGIC.len() + 4));
        if format != FORMAT_VERSION || features != FEATURES_VERSION {
            return Err(TaggerError::Version {
                found: (format, features),
                expected: (FORMAT_VERSION, FEATURES_VERSION),
            });
        }
        let mut payload = Vec::new();
        GzDecoder::new(&bytes[header_len..])
            .read_to_end(&mut payload)
            .map_err(|e| corrupt(&format!("cannot decompress: {e}")))?;
        let mut reader = Reader {
            bytes: &payload,
            at: 0,
        };
        let step = f32::from_le_bytes(
            reader
                .take(4)
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| corrupt("truncated"))?,
        );
        let count = reader.varint().ok_or_else(|| corrupt("truncated"))?;
        let mut rows = Vec::with_capacity(count.min(1 << 24) as usize);
        let mut id = 0u32;
        for _ in 0..count {
            let delta = reader.varint().ok_or_else(|| corrupt("truncated"))?;
            id =
                u32::try_from(u64::from(id) + delta).map_err(|_| corrupt("feature id overflow"))?;
            let mask = reader.varint().ok_or_else(|| corrupt("truncated"))?;
            let mut row = [0.0f32; LABEL_COUNT];
            for (t, w) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    let z = reader.varint().ok_or_else(|| corrupt("truncated"))?;
                    let q = (z >> 1) as i64 ^ -((z & 1) as i64);
                    *w = q as f32 * step;
                }
            }
            rows.push((id, row));
        }
        if reader.at != payload.len() {
            return Err(corrupt("trailing bytes"));
        }
        Ok(Weights::from_rows(rows))
    }
}

/// The best-scoring label that may follow `prev`. `O` is the fallback when an entity is open
/// and its `I-`/`L-` labels score lower: the entity then ends, which reads as BIO just the
/// same.
pub(crate) fn best_allowed(scores: &[f32; LABEL_COUNT], prev: Option<usize>) -> usize {
    let mut best = 0;
    for (t, &score) in scores.iter().enumerate().skip(1) {
        if label_may_follow(t, prev) && score > scores[best] {
            best = t;
        }
    }
    best
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let slice = self.bytes.get(self.at..self.at + n)?;
        self.at += n;
        Some(slice)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_within_a_quantisation_step() {
        let mut row = [0.0; LABEL_COUNT];
        row[1] = 2.5;
        row[4] = -0.75;
        let weights = Weights::from_rows([
            (7, row),
            (3_000_000_000, [1.0; LABEL_COUNT]),
            (9, [0.0; LABEL_COUNT]),
        ]);
        assert_eq!(weights.len(), 2);
        let bytes = weights.to_bytes();
        assert_eq!(bytes, weights.to_bytes());
        let back = Weights::from_bytes(&bytes).unwrap();
        assert_eq!(back.len(), 2);
        let mut scores = [0.0; LABEL_COUNT];
        back.add(&[7], &mut scores);
        assert!((scores[1] - 2.5).abs() < 0.001 && (scores[4] + 0.75).abs() < 0.001);
        assert_eq!(scores[0], 0.0);
    }

    #[test]
    fn refuses_bad_bytes() {
        assert!(Weights::from_bytes(b"").is_err());
        assert!(Weights::from_bytes(b"CCNER\0\x01\0\0\0\x01\0\0\0garbage").is_err());
        let mut bytes = Weights::from_rows([(1, [1.0; LABEL_COUNT])]).to_bytes();
        bytes[6] = 99;
        assert!(matches!(
            Weights::from_bytes(&bytes),
            Err(TaggerError::Version { .. })
        ));
    }

    #[test]
    fn inside_never_starts_an_entity() {
        let mut scores = [0.0; LABEL_COUNT];
        scores[2] = 5.0; // I-PER
        assert_eq!(best_allowed(&scores, None), 0);
        assert_eq!(best_allowed(&scores, Some(1)), 2);
    }
}
