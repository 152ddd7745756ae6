//! Tagger: finds the names of people, organisations, places and other things in English news
//! text. A rule-free statistical tagger (an averaged perceptron over word, shape, context and
//! name-list features) that crosscheck trains itself on CoNLL++ with `train-tagger` and ships
//! inside the crate, so tagging needs no download and no network.
//!
//! ```
//! use crosscheck_tagger::{EntityKind, Tagger};
//!
//! let tagger = Tagger::load_default();
//! let text = "Ukrainian Defense Minister Rustem Umerov told KBS that North Korean troops were in Kursk.";
//! let found: Vec<(&str, EntityKind)> = tagger
//!     .entities(text)
//!     .iter()
//!     .map(|e| (&text[e.start..e.end], e.kind))
//!     .collect();
//! assert!(found.contains(&("Rustem Umerov", EntityKind::Person)));
//! assert!(found.contains(&("Kursk", EntityKind::Location)));
//! ```

mod clusters;
mod conll;
mod document;
mod error;
mod eval;
mod features;
mod gazetteer;
mod perceptron;
mod tags;
mod tokenize;
mod weights;

use std::path::Path;

pub use clusters::{learn_clusters, ClusterConfig};
pub use conll::{documents, parse_conll, read_conll, Sentence};
pub use error::TaggerError;
pub use eval::{Counts, SpanScores};
pub use perceptron::{EpochReport, TrainConfig};
pub use tags::{token_spans, EntityKind, Tag, TokenSpan};
pub use tokenize::{tokenize, Token};

use features::Lexicon;
use weights::Weights;

/// The model trained by `train-tagger` and committed with the crate.
const DEFAULT_MODEL: &[u8] = include_bytes!("../model/ner.bin");

/// Sentences longer than this are tagged in pieces: the features look two tokens around, and
/// a run-on "sentence" (a table, a list without full stops) should not cost quadratic care.
const MAX_SENTENCE_TOKENS: usize = 250;

/// A named entity found in text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntitySpan {
    /// Byte offset of the first character in the text.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// What the entity is.
    pub kind: EntityKind,
    /// `text[start..end]`, for convenience.
    pub text: String,
}

/// A trained tagger. Immutable and cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Tagger {
    weights: Weights,
    lexicon: Lexicon,
}

impl Tagger {
    /// The model shipped with the crate.
    ///
    /// # Panics
    /// Only if the embedded model is missing or corrupt, which is a build defect the crate's
    /// own tests catch, never a property of the input.
    pub fn load_default() -> Tagger {
        Tagger::from_bytes(DEFAULT_MODEL)
            .expect("the model embedded at crates/tagger/model/ner.bin loads (run train-tagger)")
    }

    /// Reads a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, TaggerError> {
        Ok(Tagger {
            weights: Weights::from_bytes(bytes)?,
            lexicon: Lexicon::shipped(),
        })
    }

    /// The model in crosscheck's versioned binary format (gzip inside). Deterministic.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.weights.to_bytes()
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Tagger, TaggerError> {
        let bytes = std::fs::read(path).map_err(|source| TaggerError::Io {
            path: path.to_owned(),
            source,
        })?;
        Tagger::from_bytes(&bytes)
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), TaggerError> {
        std::fs::write(path, self.to_bytes()).map_err(|source| TaggerError::Io {
            path: path.to_owned(),
            source,
        })
    }

    /// How many features carry weight in the model.
    pub fn feature_count(&self) -> usize {
        self.weights.len()
    }

    /// Trains a tagger (each ensemble member for `config.max_epochs` epochs), then prunes
    /// small weights.
    pub fn train(sentences: &[Sentence], config: &TrainConfig) -> Tagger {
        let lexicon = Lexicon::shipped();
        let data = perceptron::prepare(sentences, &lexicon);
        let (weights, _) = perceptron::train(&data, None, config, |_| {});
        Tagger {
            weights: weights.pruned(config.prune_below),
            lexicon,
        }
    }

    /// Trains on `train`, choosing the number of epochs by span F1 on `dev` (see
    /// [`TrainConfig::patience`]) for each member of the ensemble; `report` hears about
    /// every epoch. Returns the pruned tagger and each member's chosen epoch.
    pub fn train_with_dev(
        train: &[Sentence],
        dev: &[Sentence],
        config: &TrainConfig,
        report: impl FnMut(&EpochReport),
    ) -> (Tagger, Vec<usize>) {
        let lexicon = Lexicon::shipped();
        let train = perceptron::prepare(train, &lexicon);
        let dev = perceptron::prepare(dev, &lexicon);
        let (weights, epochs) = perceptron::train(&train, Some(&dev), config, report);
        let tagger = Tagger {
            weights: weights.pruned(config.prune_below),
            lexicon,
        };
        (tagger, epochs)
    }

    /// Tags tokens that form one sentence.
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_document(&[tokens]).into_iter().flatten().collect()
    }

    /// Tags the sentences of one document (article) together, so each word is tagged in the
    /// light of how the rest of the document writes and tags it.
    pub fn tag_document(&self, sentences: &[&[&str]]) -> Vec<Vec<Tag>> {
        // Long sentences are tagged in pieces; remember how to put them back.
        let mut pieces: Vec<Vec<&str>> = Vec::with_capacity(sentences.len());
        let mut owners = Vec::with_capacity(sentences.len());
        for (n, sentence) in sentences.iter().enumerate() {
            for piece in sentence.chunks(MAX_SENTENCE_TOKENS) {
                pieces.push(piece.to_vec());
                owners.push(n);
            }
        }
        let features = perceptron::document_features(&pieces, &self.lexicon);
        let mut out = vec![Vec::new(); sentences.len()];
        for (tags, n) in self
            .weights
            .decode_document(&features)
            .into_iter()
            .zip(owners)
        {
            out[n].extend(tags);
        }
        out
    }

    /// Span scores of the tagger on gold sentences, tagged document by document.
    pub fn evaluate(&self, sentences: &[Sentence]) -> SpanScores {
        let mut scores = SpanScores::default();
        for document in documents(sentences) {
            let words: Vec<Vec<&str>> = document
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let words: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
            for (sentence, tags) in document.iter().zip(self.tag_document(&words)) {
                scores.add(&sentence.tags, &tags);
            }
        }
        scores
    }

    /// Finds the entities in raw text: tokenises it, splits it into sentences, tags them.
    pub fn entities(&self, text: &str) -> Vec<EntitySpan> {
        let tokens = tokenize(text);
        let sentences = sentences(text, &tokens);
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.iter().map(|t| t.text).collect())
            .collect();
        let words: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
        let mut entities = Vec::new();
        for (sentence, tags) in sentences.iter().zip(self.tag_document(&words)) {
            for span in token_spans(&tags) {
                let start = sentence[span.start].span.0;
                let end = sentence[span.end - 1].span.1;
                entities.push(EntitySpan {
                    start,
                    end,
                    kind: span.kind,
                    text: text[start..end].to_owned(),
                });
            }
        }
        entities
    }
}

/// Splits tokens into sentences the way the training data is cut: after `.`, `!`, `?` or
/// `...` (and a closing quote or bracket after them), and at line breaks, which in articles
/// end headlines, captions and list items. Precision here matters little: the features only
/// look two tokens around.
fn sentences<'t, 'a>(text: &str, tokens: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let next = tokens.get(i + 1);
        let line_break = next.is_some_and(|n| text[tokens[i].span.1..n.span.0].contains('\n'));
        let terminal = matches!(tokens[i].text, "." | "!" | "?" | "...")
            && !next.is_some_and(|n| {
                matches!(n.text, "\"" | "”" | "’" | "'" | ")" | "]") && n.span.0 == tokens[i].span.1
            });
        let closes = matches!(tokens[i].text, "\"" | "”" | "’" | "'" | ")" | "]")
            && i > 0
            && matches!(tokens[i - 1].text, "." | "!" | "?");
        if line_break || terminal || closes || next.is_none() {
            out.push(&tokens[start..=i]);
            start = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(text: &str, tokens: &[Token<'a>]) -> Vec<Vec<&'a str>> {
        sentences(text, tokens)
            .iter()
            .map(|s| s.iter().map(|t| t.text).collect())
            .collect()
    }

    #[test]
    fn splits_sentences_at_stops_quotes_and_lines() {
        let text = "He said “No.” Then left! Headline\nBody text.";
        let tokens = tokenize(text);
        assert_eq!(
            words(text, &tokens),
            [
                vec!["He", "said", "“", "No", ".", "”"],
                vec!["Then", "left", "!"],
                vec!["Headline"],
                vec!["Body", "text", "."],
            ]
        );
        assert!(sentences("", &[]).is_empty());
    }

    #[test]
    fn default_model_loads() {
        let tagger = Tagger::load_default();
        assert!(tagger.feature_count() > 10_000);
    }

    #[test]
    fn entities_point_into_the_text() {
        let tagger = Tagger::load_default();
        let text = "Ukrainian Defense Minister Rustem Umerov told KBS that North Korean troops were in Kursk.";
        let found: Vec<(String, EntityKind)> = tagger
            .entities(text)
            .into_iter()
            .inspect(|e| assert_eq!(&text[e.start..e.end], e.text))
            .map(|e| (e.text, e.kind))
            .collect();
        for expected in [
            ("Rustem Umerov", EntityKind::Person),
            ("KBS", EntityKind::Organization),
            ("North Korean", EntityKind::Other),
            ("Kursk", EntityKind::Location),
        ] {
            assert!(
                found.contains(&(expected.0.to_owned(), expected.1)),
                "{expected:?} not in {found:?}"
            );
        }
    }

    #[test]
    fn odd_text_does_not_panic() {
        let tagger = Tagger::load_default();
        for text in ["", " ", "\n\n", "...", "“”", "A", &"Word ".repeat(600)] {
            for e in tagger.entities(text) {
                assert_eq!(&text[e.start..e.end], e.text);
            }
        }
        assert!(tagger.tag_tokens(&[]).is_empty());
    }
}
