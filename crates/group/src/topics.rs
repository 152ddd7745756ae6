//! Topics: stories linked into long-running threads by their profiles (shared actors, places
//! and vocabulary), with no time decay.
//!
//! Linking is one deterministic pass over the profiles in the order given: each story joins
//! the topic whose centroid is most similar (cosine over the profiles' TF-IDF terms, found
//! through an inverted index) when that reaches the threshold, or opens a new topic.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::sparse::{self, Sparse};
use crate::vocab::Signal;
use crate::StoryProfile;

/// A topic's id: its rank in order of creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TopicId(pub u64);

impl fmt::Display for TopicId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "t{}", self.0)
    }
}

/// How stories link into topics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopicConfig {
    /// A story joins its best topic when the similarity reaches this.
    pub threshold: f32,
    /// Weight of entity terms relative to words (actors and places carry topics).
    pub entity_weight: f32,
    /// Weight of number and date terms (they mark events more than topics).
    pub event_weight: f32,
}

impl Default for TopicConfig {
    fn default() -> Self {
        Self {
            threshold: 0.1,
            entity_weight: 0.5,
            event_weight: 0.0,
        }
    }
}

/// Links stories into topics with the default settings: one [`TopicId`] per profile, in order.
pub fn link_topics(profiles: &[StoryProfile]) -> Vec<TopicId> {
    TopicLinker::new(TopicConfig::default()).link(profiles)
}

/// An incremental topic linker: feed it story profiles one by one, in a fixed order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TopicLinker {
    config: TopicConfig,
    ids: HashMap<String, u32>,
    topics: Vec<Sparse>,
    norms: Vec<f32>,
    postings: HashMap<u32, Vec<u32>>,
}

impl TopicLinker {
    /// An empty linker.
    pub fn new(config: TopicConfig) -> Self {
        Self {
            config,
            ids: HashMap::new(),
            topics: Vec::new(),
            norms: Vec::new(),
            postings: HashMap::new(),
        }
    }

    /// Links every profile, in order.
    pub fn link(mut self, profiles: &[StoryProfile]) -> Vec<TopicId> {
        profiles.iter().map(|p| self.add(p)).collect()
    }

    /// The topic of one more story.
    pub fn add(&mut self, profile: &StoryProfile) -> TopicId {
        let mut v: Sparse = Vec::with_capacity(profile.terms.len());
        for (term, w) in &profile.terms {
            let weight = match Signal::of(term) {
                Signal::Word => 1.0,
                Signal::Entity => self.config.entity_weight,
                Signal::Number | Signal::Date => self.config.event_weight,
            };
            if weight * w <= 0.0 {
                continue;
            }
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(term.clone()).or_insert(next);
            v.push((id, weight * w));
        }
        v.sort_unstable_by_key(|&(id, _)| id);
        v.dedup_by_key(|(id, _)| *id);
        self.add_vector(v)
    }

    /// The topic of a vector in this linker's term ids.
    fn add_vector(&mut self, mut v: Sparse) -> TopicId {
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm == 0.0 {
            return self.open(Vec::new());
        }
        for (_, w) in &mut v {
            *w /= norm;
        }
        let mut candidates: Vec<u32> = v
            .iter()
            .filter_map(|(t, _)| self.postings.get(t))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .into_iter()
            .map(|t| {
                let dot = sparse::dot(&v, &self.topics[t as usize], |_| 1.0);
                (t, dot / self.norms[t as usize].max(f32::MIN_POSITIVE))
            })
            .fold(None, |best: Option<(u32, f32)>, (t, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((t, s)),
            });
        match best {
            Some((t, s)) if s >= self.config.threshold => {
                let topic = &self.topics[t as usize];
                let sum = sparse::add_scaled(topic, &v, 1.0, |term| {
                    self.postings.entry(term).or_default().push(t);
                });
                self.norms[t as usize] = sum.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                self.topics[t as usize] = sum;
                TopicId(u64::from(t))
            }
            _ => self.open(v),
        }
    }

    fn open(&mut self, v: Sparse) -> TopicId {
        let t = self.topics.len() as u32;
        for &(term, _) in &v {
            self.postings.entry(term).or_default().push(t);
        }
        self.norms
            .push(v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt());
        self.topics.push(v);
        TopicId(u64::from(t))
    }
}
