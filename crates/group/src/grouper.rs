//! The streaming grouper: each article joins the most similar active story or opens a new
//! one, in one pass; stories an article bridges merge; old stories retire.
//!
//! Similarity is the cosine of TF-IDF vectors (document frequencies learnt as the stream
//! goes) over words, entities, numbers and dates, each signal with its own weight, times a
//! time decay when both sides have dates. Candidates come from an inverted index over the
//! active stories' terms, so an article is compared with a few stories, not all of them.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::conflict::{self, Evidence, Leads};
use crate::features::{Doc, ENTITY};
use crate::semantic;
use crate::sparse::{self, Sparse};
use crate::vocab::Vocab;
use crate::GroupConfig;

/// Version of the serialised [`Grouper`] state; bumped when its meaning changes.
pub const STATE_VERSION: u32 = 2;

const DAY: f32 = 86_400.0;
/// How many of an article's heaviest terms look up candidate stories.
const QUERY_TERMS: usize = 24;
/// How many candidate stories are scored in full.
const CANDIDATES: usize = 16;
/// Terms and entities a [`StoryProfile`] keeps.
const PROFILE_TERMS: usize = 200;
const PROFILE_ENTITIES: usize = 8;
/// Publication times the clock looks back over (see [`Grouper::clock`]).
const RECENT_TIMES: usize = 8;

/// A story's id: a counter in the grouper's state, so the same input in the same order
/// always gives the same ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub u64);

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{}", self.0)
    }
}

/// Where an article went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The story the article is now in.
    pub story: StoryId,
    /// Whether the article opened that story.
    pub opened: bool,
    /// Similarity to the story it joined (0 when it opened one).
    pub score: f32,
    /// Stories absorbed into `story` (their articles now belong to it).
    pub merged: Vec<StoryId>,
    /// Stories that left the active set, for the caller to persist.
    pub retired: Vec<StoryProfile>,
}

/// What a story is about, in a form that needs no grouper: what topic linking works on and
/// what the store keeps for a retired story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryProfile {
    /// The story.
    pub id: StoryId,
    /// Articles in it.
    pub articles: u32,
    /// Earliest known publication time (Unix seconds).
    pub first: Option<i64>,
    /// Latest known publication time (Unix seconds).
    pub last: Option<i64>,
    /// Heaviest terms of its centroid with their TF-IDF weights, heaviest first.
    pub terms: Vec<(String, f32)>,
    /// Its main entities (matching keys), heaviest first.
    pub entities: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Story {
    /// Sum of its articles' unit vectors, without IDF (applied when comparing).
    terms: Sparse,
    /// Cached IDF-weighted norm of `terms`.
    norm: f32,
    articles: u32,
    first: Option<i64>,
    last: Option<i64>,
    /// Sequence number of its last article.
    touched: u64,
    /// Sum of its articles' embeddings, when they have them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    embedding: Option<Vec<f32>>,
    /// Who its articles' leads name (see [`Doc::leads`]) and how many articles do.
    #[serde(default, skip_serializing_if = "Leads::is_empty")]
    leads: Leads,
}

/// The streaming grouper. Stateful: its whole state serialises, so a store can save it after
/// an ingest run and the next run resumes exactly where this one stopped. The indexes over
/// the active stories are not saved but rebuilt on load.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "saved::Saved")]
pub struct Grouper {
    version: u32,
    config: GroupConfig,
    vocab: Vocab,
    stories: BTreeMap<u64, Story>,
    #[serde(skip)]
    postings: HashMap<u32, Vec<u64>>,
    /// Active stories by last update, oldest first.
    #[serde(skip)]
    by_touch: BTreeSet<(u64, u64)>,
    /// Dated active stories by their latest publication time, oldest first.
    #[serde(skip)]
    by_time: BTreeSet<(i64, u64)>,
    next_id: u64,
    seq: u64,
    /// The newest publication time seen, but for a lone jump ahead (see [`Grouper::clock`]).
    now: Option<i64>,
    /// Publication times of the last few dated articles, oldest first.
    #[serde(default)]
    recent: VecDeque<i64>,
}

impl Grouper {
    /// An empty grouper.
    pub fn new(config: GroupConfig) -> Self {
        Self {
            version: STATE_VERSION,
            config,
            vocab: Vocab::default(),
            stories: BTreeMap::new(),
            postings: HashMap::default(),
            by_touch: BTreeSet::new(),
            by_time: BTreeSet::new(),
            next_id: 0,
            seq: 0,
            now: None,
            recent: VecDeque::new(),
        }
    }

    /// The settings in force.
    pub fn config(&self) -> &GroupConfig {
        &self.config
    }

    /// Version of this state's format ([`STATE_VERSION`] when made by this build).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Number of active stories.
    pub fn active(&self) -> usize {
        self.stories.len()
    }

    /// Number of distinct terms learnt.
    pub fn vocabulary(&self) -> usize {
        self.vocab.len()
    }

    /// Profiles of the active stories, by id.
    pub fn profiles(&self) -> Vec<StoryProfile> {
        self.stories
            .iter()
            .map(|(&id, s)| self.profile(id, s))
            .collect()
    }

    /// Places one article.
    pub fn add(&mut self, doc: &Doc) -> Placement {
        self.seq += 1;
        let prior = self.config.prior_docs;
        let mut vector: Sparse = doc
            .terms
            .iter()
            .filter(|(_, w)| *w > 0.0)
            .map(|(t, w)| {
                let id = self.vocab.intern(t);
                (id, w * self.config.weight(self.vocab.signal(id)))
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        vector.sort_unstable_by_key(|&(id, _)| id);
        vector.dedup_by_key(|(id, _)| *id);
        let idf: Vec<f32> = vector
            .iter()
            .map(|&(id, _)| self.vocab.idf(id, prior))
            .collect();
        let norm = vector
            .iter()
            .zip(&idf)
            .map(|(&(_, w), i)| (w * i) * (w * i))
            .sum::<f32>()
            .sqrt();

        let scored = if norm > 0.0 {
            let evidence = self.evidence(&vector, true);
            let embedding = doc.embedding.as_deref();
            let query = Query {
                vector: &vector,
                idf: &idf,
                norm,
                time: doc.time,
                leads: &doc.leads,
                // Only an article whose leads name someone can meet a lead conflict.
                named: &if doc.leads.is_empty() {
                    Vec::new()
                } else {
                    conflict::named_words(&doc.terms)
                },
            };
            self.score_candidates(&query, &evidence, embedding)
        } else {
            Vec::new()
        };
        let (story, score, opened) = match scored.first() {
            Some(&(id, score)) if score >= self.config.threshold => (id, score, false),
            _ => {
                let id = self.next_id;
                self.next_id += 1;
                let story = Story {
                    terms: Vec::new(),
                    norm: 0.0,
                    articles: 0,
                    first: None,
                    last: None,
                    touched: self.seq,
                    embedding: None,
                    leads: Leads::default(),
                };
                self.stories.insert(id, story);
                self.by_touch.insert((self.seq, id));
                (id, 0.0, true)
            }
        };
        let unit: Sparse = if norm > 0.0 {
            vector.iter().map(|&(id, w)| (id, w / norm)).collect()
        } else {
            Vec::new()
        };
        self.absorb(story, &unit, 1, doc.time, doc.time);
        let sum = &mut self
            .stories
            .get_mut(&story)
            .expect("active story")
            .embedding;
        semantic::accumulate(sum, doc.embedding.as_deref());
        self.stories
            .get_mut(&story)
            .expect("active story")
            .leads
            .add(&doc.leads);

        let mut merged = if opened {
            Vec::new()
        } else {
            self.converging(story)
        };
        let mut survivor = story;
        if !merged.is_empty() {
            merged.push(story);
            merged.sort_unstable();
            survivor = merged.remove(0);
            for &other in &merged {
                let s = self.remove(other);
                self.absorb(survivor, &s.terms, s.articles, s.first, s.last);
                let sum = &mut self
                    .stories
                    .get_mut(&survivor)
                    .expect("active story")
                    .embedding;
                semantic::accumulate(sum, s.embedding.as_deref());
                self.stories
                    .get_mut(&survivor)
                    .expect("active story")
                    .leads
                    .merge(&s.leads);
            }
        }

        self.vocab.count(vector.iter().map(|&(id, _)| id));
        // Active stories hold their terms: forgetting starts past `max_terms` and, when they
        // hold most of it, past what they hold plus a quarter of it (amortised).
        let cap = self.config.max_terms.max(4);
        if self.vocab.len() > cap.max(self.postings.len() + cap / 4) {
            self.forget_terms();
        }
        if let Some(t) = doc.time {
            self.clock(t);
        }
        let retired = self.retire(survivor);
        Placement {
            story: StoryId(survivor),
            opened: opened && merged.is_empty(),
            score,
            merged: merged.into_iter().map(StoryId).collect(),
            retired,
        }
    }

    /// Candidate stories sharing the article's heaviest terms, scored in full, best first.
    fn score_candidates(
        &self,
        q: &Query,
        evidence: &Evidence,
        embedding: Option<&[f32]>,
    ) -> Vec<(u64, f32)> {
        let (vector, idf, norm, time) = (q.vector, q.idf, q.norm, q.time);
        let mut query: Vec<(usize, f32)> = vector
            .iter()
            .zip(idf)
            .enumerate()
            .map(|(i, (&(_, w), idf))| (i, w * idf))
            .filter(|&(_, w)| w > 0.0)
            .collect();
        query.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        query.truncate(QUERY_TERMS);
        let mut rough: HashMap<u64, f32> = HashMap::default();
        for &(i, w) in &query {
            if let Some(list) = self.postings.get(&vector[i].0) {
                for &story in list {
                    *rough.entry(story).or_default() += w * idf[i];
                }
            }
        }
        let mut candidates: Vec<(u64, f32)> = rough.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES);
        let mut scored: Vec<(u64, f32)> = candidates
            .into_iter()
            .map(|(id, _)| {
                let s = &self.stories[&id];
                let dot = sparse::dot_weighted(vector, idf, &s.terms);
                let cos = if s.norm > 0.0 {
                    dot / (norm * self.story_norm(s))
                } else {
                    0.0
                };
                let cos = semantic::blend(&self.config, cos, embedding, s.embedding.as_deref());
                let conflict = if evidence.is_empty() {
                    1.0
                } else {
                    // Only what the article has can conflict: gather just that of the story.
                    let theirs = Evidence::of(
                        &self.vocab,
                        &s.terms,
                        self.config.prior_docs,
                        !evidence.years.is_empty(),
                        !evidence.actors.is_empty(),
                    );
                    self.conflict(evidence, &theirs)
                };
                let conflict =
                    conflict * s.leads.factor(q.leads, q.named, self.config.lead_penalty);
                (id, cos * self.decay(time, time, s.first, s.last) * conflict)
            })
            .collect();
        scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }

    /// The norm a story's summed vector is divided by: its length for a centroid, its
    /// article count for the average article.
    fn story_norm(&self, s: &Story) -> f32 {
        let a = self.config.average_link;
        s.norm.powf(1.0 - a) * (s.articles.max(1) as f32).powf(a)
    }

    /// Active stories whose centroid has come close enough to `story`'s to merge with it.
    fn converging(&self, story: u64) -> Vec<u64> {
        let prior = self.config.prior_docs;
        let s = &self.stories[&story];
        let mut query: Vec<(u32, f32)> = s
            .terms
            .iter()
            .map(|&(t, w)| (t, w * self.vocab.idf(t, prior)))
            .collect();
        query.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        query.truncate(QUERY_TERMS);
        let mut rough: HashMap<u64, f32> = HashMap::default();
        for &(t, w) in &query {
            for &other in self.postings.get(&t).into_iter().flatten() {
                if other != story {
                    *rough.entry(other).or_default() += w;
                }
            }
        }
        let mut candidates: Vec<(u64, f32)> = rough.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES / 4);
        candidates
            .into_iter()
            .map(|(id, _)| id)
            .filter(|&id| self.story_similarity(story, id) >= self.config.merge_threshold)
            .collect()
    }

    /// Cosine of two active stories, decayed by the gap between their time spans.
    fn story_similarity(&self, a: u64, b: u64) -> f32 {
        let (sa, sb) = (&self.stories[&a], &self.stories[&b]);
        if sa.norm == 0.0 || sb.norm == 0.0 {
            return 0.0;
        }
        let prior = self.config.prior_docs;
        let dot = sparse::dot(&sa.terms, &sb.terms, |t| {
            let i = self.vocab.idf(t, prior);
            i * i
        });
        dot / (self.story_norm(sa) * self.story_norm(sb))
            * self.decay(sa.first, sa.last, sb.first, sb.last)
            * self.conflict(
                &self.evidence(&sa.terms, false),
                &self.evidence(&sb.terms, false),
            )
    }

    /// What a vector says that can conflict with a story (see [`crate::conflict`]); with
    /// `actors` false, only the years it names (what merging two stories checks).
    fn evidence(&self, terms: &[(u32, f32)], actors: bool) -> Evidence {
        let c = &self.config;
        Evidence::of(
            &self.vocab,
            terms,
            c.prior_docs,
            c.conflict_penalty > 0.0,
            actors && c.actor_penalty > 0.0,
        )
    }

    /// The factor conflict evidence puts on a similarity: `1 - conflict_penalty` when both
    /// sides name years and share none, times `1 - actor_penalty` when both have main
    /// entities and share none.
    fn conflict(&self, a: &Evidence, b: &Evidence) -> f32 {
        let mut f = 1.0;
        if conflict::years_differ(a, b) {
            f *= 1.0 - self.config.conflict_penalty;
        }
        if conflict::actors_differ(a, b) {
            f *= 1.0 - self.config.actor_penalty;
        }
        f
    }

    /// Adds a vector (an article's, or a merged story's) to a story, keeping it bounded.
    fn absorb(
        &mut self,
        id: u64,
        terms: &[(u32, f32)],
        articles: u32,
        first: Option<i64>,
        last: Option<i64>,
    ) {
        let prior = self.config.prior_docs;
        let cap = self.config.story_terms.max(1);
        let story = self.stories.get_mut(&id).expect("active story");
        let mut fresh = Vec::new();
        let mut sum = sparse::add_scaled(&story.terms, terms, 1.0, |t| fresh.push(t));
        let mut dropped = Vec::new();
        if sum.len() > cap + cap / 2 {
            let vocab = &self.vocab;
            let mut order: Vec<(u32, f32)> = sum
                .iter()
                .map(|&(t, w)| (t, w * vocab.idf(t, prior)))
                .collect();
            order.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let keep: BTreeSet<u32> = order[..cap].iter().map(|&(t, _)| t).collect();
            dropped = sum
                .iter()
                .map(|&(t, _)| t)
                .filter(|t| !keep.contains(t))
                .collect();
            sum.retain(|(t, _)| keep.contains(t));
        }
        story.norm = sum
            .iter()
            .map(|&(t, w)| {
                let x = w * self.vocab.idf(t, prior);
                x * x
            })
            .sum::<f32>()
            .sqrt();
        story.terms = sum;
        story.articles += articles;
        story.first = min_opt(story.first, first);
        if let Some(old) = story.last {
            self.by_time.remove(&(old, id));
        }
        story.last = max_opt(story.last, last);
        if let Some(new) = story.last {
            self.by_time.insert((new, id));
        }
        self.by_touch.remove(&(story.touched, id));
        story.touched = self.seq;
        self.by_touch.insert((self.seq, id));
        let dropped_set: BTreeSet<u32> = dropped.iter().copied().collect();
        for t in fresh.into_iter().filter(|t| !dropped_set.contains(t)) {
            self.postings.entry(t).or_default().push(id);
        }
        for t in dropped {
            self.unpost(t, id);
        }
    }

    /// Shrinks the vocabulary to three quarters of `max_terms`, keeping every term an active
    /// story holds, and renumbers the stories' terms.
    fn forget_terms(&mut self) {
        let keep = self.config.max_terms.max(4) * 3 / 4;
        let postings = &self.postings;
        let map = self.vocab.prune(keep, |t| postings.contains_key(&t));
        for story in self.stories.values_mut() {
            for (t, _) in story.terms.iter_mut() {
                *t = map[*t as usize];
            }
        }
        // Held terms are all kept: the index keeps its lists under their new ids.
        self.postings = std::mem::take(&mut self.postings)
            .into_iter()
            .map(|(t, list)| (map[t as usize], list))
            .collect();
    }

    /// Rebuilds the inverted index and the time and touch orders from the active stories.
    fn reindex(&mut self) {
        self.postings.clear();
        self.by_touch.clear();
        self.by_time.clear();
        for (&id, story) in &self.stories {
            for &(t, _) in &story.terms {
                self.postings.entry(t).or_default().push(id);
            }
            self.by_touch.insert((story.touched, id));
            if let Some(last) = story.last {
                self.by_time.insert((last, id));
            }
        }
    }

    fn unpost(&mut self, term: u32, id: u64) {
        if let Some(list) = self.postings.get_mut(&term) {
            if let Some(at) = list.iter().position(|&s| s == id) {
                list.swap_remove(at);
            }
            if list.is_empty() {
                self.postings.remove(&term);
            }
        }
    }

    /// Takes a story out of the active set and the index.
    fn remove(&mut self, id: u64) -> Story {
        let story = self.stories.remove(&id).expect("active story");
        self.by_touch.remove(&(story.touched, id));
        if let Some(last) = story.last {
            self.by_time.remove(&(last, id));
        }
        for &(t, _) in &story.terms {
            self.unpost(t, id);
        }
        story
    }

    fn profile(&self, id: u64, story: &Story) -> StoryProfile {
        let prior = self.config.prior_docs;
        let mut weighted: Vec<(u32, f32)> = story
            .terms
            .iter()
            .map(|&(t, w)| {
                (
                    t,
                    w * self.vocab.idf(t, prior) / story.articles.max(1) as f32,
                )
            })
            .collect();
        weighted.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let entities = weighted
            .iter()
            .filter_map(|&(t, _)| self.vocab.term(t).strip_prefix(ENTITY))
            .take(PROFILE_ENTITIES)
            .map(str::to_string)
            .collect();
        weighted.truncate(PROFILE_TERMS);
        StoryProfile {
            id: StoryId(id),
            articles: story.articles,
            first: story.first,
            last: story.last,
            terms: weighted
                .into_iter()
                .map(|(t, w)| (self.vocab.term(t).to_string(), w))
                .collect(),
            entities,
        }
    }
}

/// An article as [`Grouper::score_candidates`] queries the index with.
struct Query<'a> {
    vector: &'a [(u32, f32)],
    idf: &'a [f32],
    norm: f32,
    time: Option<i64>,
    leads: &'a [String],
    /// Words of every name the article has (sorted).
    named: &'a [&'a str],
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

#[path = "grouper_saved.rs"]
mod saved;
#[path = "grouper_time.rs"]
mod time;

#[cfg(test)]
#[path = "grouper_tests.rs"]
mod tests;
