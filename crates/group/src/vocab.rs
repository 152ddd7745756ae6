//! Interned terms and their document frequencies, learnt as the stream goes.

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::features::{DATE, ENTITY, NUMBER};

/// Which signal a term belongs to; each has its own weight in [`crate::GroupConfig`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// A content word of the title or body.
    Word,
    /// Two content words in a row.
    Phrase,
    /// A named entity, by its matching key.
    Entity,
    /// A number with its unit.
    Number,
    /// A resolved date.
    Date,
}

impl Signal {
    /// The signal of a term, from its prefix.
    pub fn of(term: &str) -> Self {
        if term.starts_with(ENTITY) {
            Signal::Entity
        } else if term.starts_with(NUMBER) {
            Signal::Number
        } else if term.starts_with(DATE) {
            Signal::Date
        } else if term.contains(' ') {
            Signal::Phrase
        } else {
            Signal::Word
        }
    }
}

/// Term strings ↔ dense ids, with how many documents each term was in.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32>,
    terms: Vec<String>,
    signals: Vec<Signal>,
    df: Vec<u32>,
    docs: u64,
}

impl Vocab {
    /// The id of a term, interning it when new.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).expect("fewer than 2^32 terms");
        self.ids.insert(term.to_string(), id);
        self.terms.push(term.to_string());
        self.signals.push(Signal::of(term));
        self.df.push(0);
        id
    }

    /// Counts one more document containing these (distinct) terms.
    pub fn count(&mut self, ids: impl Iterator<Item = u32>) {
        for id in ids {
            self.df[id as usize] += 1;
        }
        self.docs += 1;
    }

    /// Smoothed inverse document frequency; `prior` unseen documents keep early weights sane.
    pub fn idf(&self, id: u32, prior: f32) -> f32 {
        let n = self.docs as f32 + prior;
        (n / (self.df[id as usize] as f32 + 0.5)).ln().max(0.0)
    }

    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    pub fn signal(&self, id: u32) -> Signal {
        self.signals[id as usize]
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }
}
