//! Interned terms and their document frequencies, learnt as the stream goes, with the
//! vocabulary kept bounded by forgetting the rarest, stalest terms no active story holds.

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

/// Term strings ↔ dense ids, with how many documents each term was in and when it was last
/// seen. Only the terms, counts and last sightings are saved; the lookup table and signals
/// are rebuilt on load.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "Saved")]
pub(crate) struct Vocab {
    #[serde(skip)]
    ids: HashMap<String, u32>,
    terms: Vec<String>,
    #[serde(skip)]
    signals: Vec<Signal>,
    df: Vec<u32>,
    /// Number of the last document (1, 2, ...) each term was in.
    last: Vec<u64>,
    docs: u64,
}

/// The saved form of a [`Vocab`]. A state saved before `last` existed (version 1) loads
/// with every term last seen at document 0.
#[derive(Deserialize)]
struct Saved {
    terms: Vec<String>,
    df: Vec<u32>,
    #[serde(default)]
    last: Vec<u64>,
    docs: u64,
}

impl From<Saved> for Vocab {
    fn from(s: Saved) -> Self {
        let mut v = Vocab {
            docs: s.docs,
            ..Vocab::default()
        };
        for (i, term) in s.terms.into_iter().enumerate() {
            let id = v.intern(&term);
            v.df[id as usize] = s.df.get(i).copied().unwrap_or(0);
            v.last[id as usize] = s.last.get(i).copied().unwrap_or(0);
        }
        v
    }
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
        self.last.push(0);
        id
    }

    /// Counts one more document containing these (distinct) terms.
    pub fn count(&mut self, ids: impl Iterator<Item = u32>) {
        self.docs += 1;
        for id in ids {
            self.df[id as usize] += 1;
            self.last[id as usize] = self.docs;
        }
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

    /// Forgets terms until at most `keep` remain: never a term `held` says an active story
    /// holds; of the others the fewest documents go first, then the longest unseen, then
    /// the newest id. A forgotten term that comes back counts from zero, like an unseen one
    /// (its weight was already near the top). Ids stay in the same order, so sorted sparse
    /// vectors stay sorted; returns the new id of each old id (`u32::MAX` when forgotten).
    pub fn prune(&mut self, keep: usize, held: impl Fn(u32) -> bool) -> Vec<u32> {
        let n = self.terms.len();
        let mut order: Vec<u32> = (0..n as u32).filter(|&t| !held(t)).collect();
        let drop = n.saturating_sub(keep).min(order.len());
        order.sort_unstable_by_key(|&t| (self.df[t as usize], self.last[t as usize], !t));
        let mut gone = vec![false; n];
        for &t in &order[..drop] {
            gone[t as usize] = true;
        }
        let mut map = vec![u32::MAX; n];
        let mut next = 0u32;
        for (t, slot) in map.iter_mut().enumerate() {
            if !gone[t] {
                *slot = next;
                next += 1;
            }
        }
        // In place, without re-allocating the kept strings.
        self.ids.retain(|_, id| {
            *id = map[*id as usize];
            *id != u32::MAX
        });
        keep_unless(&mut self.terms, &gone);
        keep_unless(&mut self.signals, &gone);
        keep_unless(&mut self.df, &gone);
        keep_unless(&mut self.last, &gone);
        map
    }
}

/// Drops the elements whose index `gone` marks (`retain` visits them in order).
fn keep_unless<T>(v: &mut Vec<T>, gone: &[bool]) {
    let mut i = 0;
    v.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prune_forgets_rare_stale_unheld_terms_and_keeps_order() {
        let mut v = Vocab::default();
        for doc in [vec!["a", "b", "c"], vec!["a", "d"], vec!["a", "e", "b"]] {
            let ids: Vec<u32> = doc.iter().map(|t| v.intern(t)).collect();
            v.count(ids.into_iter());
        }
        // df: a 3, b 2, c 1 (doc 1), d 1 (doc 2), e 1 (doc 3); "c" is held.
        let map = v.prune(3, |t| t == 2);
        assert_eq!(v.terms, ["a", "b", "c"]);
        assert_eq!(map, [0, 1, 2, u32::MAX, u32::MAX]);
        assert_eq!(v.df, [3, 2, 1]);
        assert_eq!((v.intern("b"), v.intern("c")), (1, 2), "the lookup follows");
        assert_eq!(v.intern("e"), 3, "a forgotten term comes back as new");
        assert_eq!(v.idf(3, 0.0), (3.0f32 / 0.5).ln());
        // The saved form rebuilds the lookup table.
        let back: Vocab = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
        assert_eq!(back.ids.get("b"), Some(&1));
        assert_eq!(back.signal(2), Signal::Word);
        assert_eq!((back.len(), back.docs), (4, 3));
    }
}
