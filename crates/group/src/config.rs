//! How the grouper decides: thresholds, the weight of each signal, time, conflict evidence
//! and the bounds that keep its memory and saved state small.

use serde::{Deserialize, Serialize};

use crate::vocab::Signal;
use crate::TopicConfig;

/// How the grouper decides. The defaults serve news in general; they were tuned on ECB+
/// and DUC 2006 together (see the crate README).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupConfig {
    /// An article joins its best story when the similarity reaches this.
    pub threshold: f32,
    /// Two stories one article matches merge when their own similarity reaches this.
    pub merge_threshold: f32,
    /// Weight of content words.
    pub word_weight: f32,
    /// Weight of two-word phrases.
    pub phrase_weight: f32,
    /// Weight of entities.
    pub entity_weight: f32,
    /// Weight of numbers.
    pub number_weight: f32,
    /// Weight of dates named in the text.
    pub date_weight: f32,
    /// Time constant of the decay, in days: a gap of this many days between an article and
    /// a story's time span divides the similarity by e. 0 turns decay off.
    pub decay_days: f32,
    /// A story with no article for this many days (behind the newest article seen) retires.
    pub window_days: f32,
    /// At most this many stories stay active; the least recently updated retire first.
    pub max_active: usize,
    /// Terms a story keeps (the heaviest), bounding its memory.
    pub story_terms: usize,
    /// 0 compares an article with a story's centroid, 1 with its average article
    /// (average link, stricter with diffuse stories), in between a blend.
    pub average_link: f32,
    /// How stories link into topics (see [`crate::link_topics`]).
    pub topics: TopicConfig,
    /// Unseen documents assumed in the document frequencies, so early weights are sane.
    pub prior_docs: f32,
    /// When both sides name years (in dates or as bare numbers) and share none, the
    /// similarity is multiplied by `1 - conflict_penalty`: look-alike events of different
    /// years are different stories.
    pub conflict_penalty: f32,
    /// When an article and a story both have main entities (their heaviest few by TF-IDF)
    /// and share none, the similarity is multiplied by `1 - actor_penalty`: the same kind
    /// of event happening to someone else is another story.
    pub actor_penalty: f32,
    /// When an article's headline or first sentence names people, the story's leads name
    /// people, and the story's main lead person is not among the article's main entities,
    /// the similarity is multiplied by `1 - lead_penalty` times the share of the story's
    /// leads that do not name the article's lead person: one Chargers player arrested is
    /// not another.
    pub lead_penalty: f32,
    /// About this many terms (with their document frequencies) are remembered: beyond it
    /// (or beyond the terms active stories hold plus a quarter of it) the rarest, longest
    /// unseen terms no active story holds are forgotten, down to three quarters of it, so
    /// the saved state stays bounded as the corpus grows.
    pub max_terms: usize,
    /// Weight of the embedding cosine in the join score when articles carry embeddings
    /// (`(1 - w) * lexical + w * semantic`); 0 keeps the lexical score alone.
    pub embedding_weight: f32,
    /// Embedding cosine that counts as no similarity (what unrelated news scores); the
    /// cosine is rescaled from it to 1.
    pub embedding_floor: f32,
}

impl Default for GroupConfig {
    fn default() -> Self {
        Self {
            threshold: 0.155,
            merge_threshold: 0.6,
            word_weight: 0.7,
            phrase_weight: 0.7,
            entity_weight: 1.0,
            number_weight: 2.0,
            date_weight: 1.0,
            decay_days: 5.0,
            window_days: 30.0,
            max_active: 5000,
            story_terms: 200,
            prior_docs: 1000.0,
            average_link: 0.0,
            conflict_penalty: 0.25,
            actor_penalty: 0.25,
            lead_penalty: 0.5,
            max_terms: 200_000,
            embedding_weight: 0.0,
            embedding_floor: 0.3,
            topics: TopicConfig::default(),
        }
    }
}

impl GroupConfig {
    pub(crate) fn weight(&self, signal: Signal) -> f32 {
        match signal {
            Signal::Word => self.word_weight,
            Signal::Phrase => self.phrase_weight,
            Signal::Entity => self.entity_weight,
            Signal::Number => self.number_weight,
            Signal::Date => self.date_weight,
        }
    }
}
