//! Loading a saved [`Grouper`]: its state without the indexes, which are rebuilt.

use super::*;

/// The saved form of a [`Grouper`]: its state without the indexes. Fields a version-1
/// state has beyond these are ignored, so an old state loads (and reports its version).
#[derive(Deserialize)]
pub(super) struct Saved {
    version: u32,
    config: GroupConfig,
    vocab: Vocab,
    stories: BTreeMap<u64, Story>,
    next_id: u64,
    seq: u64,
    now: Option<i64>,
    #[serde(default)]
    recent: VecDeque<i64>,
}

impl From<Saved> for Grouper {
    fn from(s: Saved) -> Self {
        let mut g = Grouper {
            version: s.version,
            config: s.config,
            vocab: s.vocab,
            stories: s.stories,
            postings: HashMap::default(),
            by_touch: BTreeSet::new(),
            by_time: BTreeSet::new(),
            next_id: s.next_id,
            seq: s.seq,
            now: s.now,
            recent: s.recent,
        };
        let n = g.vocab.len() as u32;
        for story in g.stories.values_mut() {
            // A term the vocabulary lacks (a damaged state) is dropped, never indexed.
            story.terms.retain(|&(t, _)| t < n);
        }
        g.reindex();
        g
    }
}
