//! Trains the weights: an averaged perceptron over greedy left-to-right decoding, updated
//! token by token with the model's own previous predictions as history (so training sees the
//! mistakes decoding will make). Averaging uses the `w - u / c` trick: each update also adds
//! `c · Δ` to `u`, so the average is exact without touching every weight at every step.
//!
//! Deterministic: sentence order comes from a seeded generator, maps have a fixed hasher, and
//! nothing is parallel, so the same data and configuration give the same model bytes.

use crate::conll::{documents, Sentence};
use crate::document::{DocumentStats, History};
use crate::eval::SpanScores;
use crate::features::{dynamic, extract, Lexicon, SentenceFeatures};

/// A document's sentences with their features and gold tag indices.
pub(crate) type Document = Vec<(SentenceFeatures, Vec<usize>)>;
use crate::tags::{label_tag, to_labels, LABEL_COUNT};
use crate::weights::{best_allowed, IdMap, Weights};

/// How training runs.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// The most passes over the training data.
    pub max_epochs: usize,
    /// With development data: stop after this many epochs without a better dev F1.
    pub patience: usize,
    /// Seed of the sentence order.
    pub seed: u64,
    /// How many perceptrons to train, with seeds `seed`, `seed + 1`, ...; the model is the
    /// mean of their weights, which evens out the luck of one sentence order.
    pub ensemble: usize,
    /// Averaged weights smaller than this in magnitude are dropped from the model.
    pub prune_below: f32,
    /// With development data: once a member's number of epochs is chosen on it, train that
    /// member again from scratch on the training and development data together for that many
    /// epochs, so the shipped model learns from both (dev scores then no longer measure it).
    pub refit: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            max_epochs: 30,
            patience: 4,
            seed: 0x5eed,
            ensemble: 3,
            prune_below: 0.02,
            refit: false,
        }
    }
}

/// What one epoch achieved, for progress reports.
#[derive(Debug, Clone)]
pub struct EpochReport {
    /// Which member of the ensemble is training (0-based).
    pub member: usize,
    /// 1-based epoch number.
    pub epoch: usize,
    /// Tokens whose predicted tag was wrong during the pass (before the update).
    pub train_errors: usize,
    /// Tokens in the pass.
    pub train_tokens: usize,
    /// Scores of the averaged weights on the development data, if any was given.
    pub dev: Option<SpanScores>,
}

/// Weights being learnt: current weights `w`, and `u` for averaging.
struct Trainer {
    index: IdMap<usize>,
    w: Vec<[f32; LABEL_COUNT]>,
    u: Vec<[f64; LABEL_COUNT]>,
    /// Number of tokens seen so far (the averaging clock).
    clock: f64,
}

impl Trainer {
    fn score(&self, ids: &[u32], scores: &mut [f32; LABEL_COUNT]) {
        for id in ids {
            if let Some(&row) = self.index.get(id) {
                for (s, w) in scores.iter_mut().zip(&self.w[row]) {
                    *s += w;
                }
            }
        }
    }

    fn update(&mut self, ids: &[u32], gold: usize, predicted: usize) {
        for &id in ids {
            let row = *self.index.entry(id).or_insert_with(|| {
                self.w.push([0.0; LABEL_COUNT]);
                self.u.push([0.0; LABEL_COUNT]);
                self.w.len() - 1
            });
            for (tag, delta) in [(gold, 1.0f32), (predicted, -1.0)] {
                self.w[row][tag] += delta;
                self.u[row][tag] += self.clock * f64::from(delta);
            }
        }
    }

    /// The averaged weights, in ascending id order so the result does not depend on the
    /// map's layout.
    fn averaged(&self) -> Weights {
        let mut ids: Vec<(u32, usize)> = self.index.iter().map(|(&id, &row)| (id, row)).collect();
        ids.sort_unstable();
        let clock = self.clock.max(1.0);
        Weights::from_rows(ids.into_iter().map(|(id, row)| {
            let mut avg = [0.0f32; LABEL_COUNT];
            for (t, a) in avg.iter_mut().enumerate() {
                *a = (f64::from(self.w[row][t]) - self.u[row][t] / clock) as f32;
            }
            (id, avg)
        }))
    }

    /// One pass over the documents in `order`; returns the number of wrongly predicted
    /// tokens.
    fn epoch(&mut self, data: &[Document], order: &[usize]) -> usize {
        let mut errors = 0;
        let mut tags = Vec::new();
        for &d in order {
            let mut history = History::default();
            for (features, gold) in &data[d] {
                tags.clear();
                for (i, &gold) in gold.iter().enumerate() {
                    self.clock += 1.0;
                    let prev = tags.last().copied();
                    let prev2 = i.checked_sub(2).map(|j| tags[j]);
                    let dynamic = dynamic(features, i, prev, prev2, &history);
                    let mut scores = [0.0; LABEL_COUNT];
                    self.score(features.token(i), &mut scores);
                    self.score(&dynamic, &mut scores);
                    let predicted = best_allowed(&scores, prev);
                    if predicted != gold {
                        errors += 1;
                        self.update(features.token(i), gold, predicted);
                        self.update(&dynamic, gold, predicted);
                    }
                    tags.push(predicted);
                }
                for (i, &tag) in tags.iter().enumerate() {
                    if features.capitalised[i] {
                        history.record(features.lower_ids[i], tag);
                    }
                }
            }
        }
        errors
    }
}

/// SplitMix64: a tiny, well-mixed generator so the shuffle needs no dependency and never
/// changes under us.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        let j = (splitmix(state) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

/// Scores weights on tagged documents whose features are already extracted.
pub(crate) fn score(weights: &Weights, data: &[Document]) -> SpanScores {
    let mut scores = SpanScores::default();
    for document in data {
        let features: Vec<SentenceFeatures> = document.iter().map(|(f, _)| f.clone()).collect();
        for ((_, gold), predicted) in document.iter().zip(weights.decode_document(&features)) {
            let gold: Vec<_> = gold.iter().map(|&l| label_tag(l)).collect();
            scores.add(&gold, &predicted);
        }
    }
    scores
}

/// Extracts the features of a document's sentences.
pub(crate) fn document_features(
    sentences: &[Vec<&str>],
    lexicon: &Lexicon,
) -> Vec<SentenceFeatures> {
    let stats = DocumentStats::new(sentences.iter().map(Vec::as_slice));
    sentences
        .iter()
        .map(|words| extract(words, lexicon, &stats))
        .collect()
}

/// Extracts the features of tagged sentences once, for all epochs, grouped by document.
pub(crate) fn prepare(sentences: &[Sentence], lexicon: &Lexicon) -> Vec<Document> {
    documents(sentences)
        .into_iter()
        .map(|document| {
            let words: Vec<Vec<&str>> = document
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            document_features(&words, lexicon)
                .into_iter()
                .zip(document.iter().map(|s| to_labels(&s.tags)))
                .collect()
        })
        .collect()
}

/// Trains `config.ensemble` perceptrons (see [`train_one`]) with successive seeds and
/// averages their weights. Returns the weights and each member's chosen epoch.
pub(crate) fn train(
    train: &[Document],
    dev: Option<&[Document]>,
    config: &TrainConfig,
    mut report: impl FnMut(&EpochReport),
) -> (Weights, Vec<usize>) {
    let members = config.ensemble.max(1);
    let mut sum: IdMap<[f32; LABEL_COUNT]> = IdMap::default();
    let mut epochs = Vec::with_capacity(members);
    for member in 0..members {
        let member_config = TrainConfig {
            seed: config.seed.wrapping_add(member as u64),
            ..config.clone()
        };
        let (weights, epoch) = train_one(train, dev, &member_config, |r| {
            report(&EpochReport {
                member,
                ..r.clone()
            });
        });
        epochs.push(epoch);
        let weights = match dev {
            Some(dev) if config.refit => {
                let all: Vec<Document> = train.iter().chain(dev).cloned().collect();
                let refit_config = TrainConfig {
                    max_epochs: epoch,
                    ..member_config
                };
                train_one(&all, None, &refit_config, |_| {}).0
            }
            _ => weights,
        };
        for (id, row) in weights.rows() {
            let total = sum.entry(id).or_insert([0.0; LABEL_COUNT]);
            for (t, w) in total.iter_mut().zip(row) {
                *t += w / members as f32;
            }
        }
    }
    let mut rows: Vec<(u32, [f32; LABEL_COUNT])> = sum.into_iter().collect();
    rows.sort_unstable_by_key(|&(id, _)| id);
    (Weights::from_rows(rows), epochs)
}

/// Trains one perceptron on `train`. Without `dev`, runs `max_epochs` epochs; with it, keeps the averaged
/// weights of the epoch with the best dev F1 and stops after `patience` epochs without
/// improvement. Returns the chosen weights (unpruned) and the chosen epoch.
pub(crate) fn train_one(
    train: &[Document],
    dev: Option<&[Document]>,
    config: &TrainConfig,
    mut report: impl FnMut(&EpochReport),
) -> (Weights, usize) {
    let mut trainer = Trainer {
        index: IdMap::default(),
        w: Vec::new(),
        u: Vec::new(),
        clock: 0.0,
    };
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = config.seed;
    let tokens = train.iter().flatten().map(|(f, _)| f.len()).sum();
    let mut best: Option<(f64, Weights, usize)> = None;
    for epoch in 1..=config.max_epochs.max(1) {
        shuffle(&mut order, &mut rng);
        let errors = trainer.epoch(train, &order);
        let Some(dev) = dev else {
            report(&EpochReport {
                member: 0,
                epoch,
                train_errors: errors,
                train_tokens: tokens,
                dev: None,
            });
            continue;
        };
        let weights = trainer.averaged();
        let scores = score(&weights, dev);
        let f1 = scores.overall.f1();
        report(&EpochReport {
            member: 0,
            epoch,
            train_errors: errors,
            train_tokens: tokens,
            dev: Some(scores),
        });
        if best.as_ref().is_none_or(|(b, _, _)| f1 > *b) {
            best = Some((f1, weights, epoch));
        } else if best
            .as_ref()
            .is_some_and(|(_, _, e)| epoch - e >= config.patience)
        {
            break;
        }
    }
    match best {
        Some((_, weights, epoch)) => (weights, epoch),
        None => (trainer.averaged(), config.max_epochs.max(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conll::parse_conll;

    const TOY: &str = "Peter x x B-PER\nvisited x x O\nParis x x B-LOC\n.\tx x O\n\n\
        Anna x x B-PER\nleft x x O\nBerlin x x B-LOC\n. x x O\n\n\
        John x x B-PER\nSmith x x I-PER\nsaw x x O\nRome x x B-LOC\n. x x O\n";

    #[test]
    fn learns_a_toy_set_deterministically() {
        let sentences = parse_conll("toy", TOY).unwrap();
        let data = prepare(
            &sentences,
            &Lexicon::new(Default::default(), Default::default()),
        );
        let config = TrainConfig {
            max_epochs: 10,
            ..TrainConfig::default()
        };
        let (a, _) = train(&data, None, &config, |_| {});
        let (b, _) = train(&data, None, &config, |_| {});
        assert_eq!(train_one(&data, None, &config, |_| {}).0.len(), a.len());
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert_eq!(score(&a, &data).overall.f1(), 1.0);
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut order: Vec<usize> = (0..100).collect();
        shuffle(&mut order, &mut 1);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
        assert_ne!(order, sorted);
    }
}
