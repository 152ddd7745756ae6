//! The grouping step of `ingest` and `regroup`: places stored articles into stories with the
//! streaming grouper, saves the grouper's state for the next run, and at the end summarises
//! the stories it touched (origins, entities) and links all stories into topics.

use std::collections::BTreeSet;

use crosscheck_group::{link_topics, name_topics, Doc, GroupConfig, Grouper, STATE_VERSION};
use crosscheck_model::ArticleId;
use crosscheck_store::{Store, StoryChange};

use crate::story::Story;
use crate::PipelineError;

/// The state key under which the grouper is saved.
const STATE_KEY: &str = "group";

/// A grouper bound to a store for one run.
pub struct Grouping {
    grouper: Grouper,
    changes: Vec<StoryChange>,
    touched: BTreeSet<u64>,
}

impl Grouping {
    /// The grouper saved in `store` by the last run, or a fresh one.
    pub fn resume(store: &Store) -> Result<Self, PipelineError> {
        let grouper = match store.state(STATE_KEY)? {
            Some(bytes) => {
                let grouper: Grouper = serde_json::from_slice(&bytes).map_err(|source| {
                    PipelineError::CorruptState {
                        path: store.path().to_string(),
                        source,
                    }
                })?;
                if grouper.version() != STATE_VERSION {
                    return Err(PipelineError::StateVersion {
                        path: store.path().to_string(),
                        found: grouper.version(),
                        expected: STATE_VERSION,
                    });
                }
                grouper
            }
            None => Grouper::new(GroupConfig::default()),
        };
        Ok(Self::with(grouper))
    }

    /// A fresh grouper (for `regroup`).
    pub fn fresh() -> Self {
        Self::with(Grouper::new(GroupConfig::default()))
    }

    fn with(grouper: Grouper) -> Self {
        Grouping {
            grouper,
            changes: Vec::new(),
            touched: BTreeSet::new(),
        }
    }

    /// The grouper (active stories, vocabulary), for figures.
    pub fn grouper(&self) -> &Grouper {
        &self.grouper
    }

    /// Places a newly stored article.
    pub fn place(&mut self, article: &ArticleId, doc: &Doc) {
        let p = self.grouper.add(doc);
        let story = p.story.0;
        self.changes.push(StoryChange::Assign {
            article: article.clone(),
            story,
        });
        for m in &p.merged {
            self.changes.push(StoryChange::Merge {
                from: m.0,
                into: story,
            });
            self.touched.remove(&m.0);
        }
        for r in &p.retired {
            let json = serde_json::to_string(r).expect("a profile serialises");
            self.changes.push(StoryChange::Profile {
                story: r.id.0,
                json,
            });
        }
        self.touched.insert(story);
    }

    /// Marks a story whose members changed otherwise (an exact copy arrived).
    pub fn touch(&mut self, story: u64) {
        self.touched.insert(story);
    }

    /// Writes the placements so far.
    pub fn flush(&mut self, store: &mut Store) -> Result<(), PipelineError> {
        store.apply_story_changes(&self.changes)?;
        self.changes.clear();
        Ok(())
    }

    /// Writes what is left, summarises the touched stories, links topics and saves the state.
    /// Returns the number of stories touched.
    pub fn finish(mut self, store: &mut Store) -> Result<usize, PipelineError> {
        self.commit(store)
    }

    /// [`Grouping::finish`] that keeps the grouping for more articles (the server commits
    /// after each request). Returns the number of stories touched since the last commit.
    pub fn commit(&mut self, store: &mut Store) -> Result<usize, PipelineError> {
        let touched = self.summarise(store)?;
        let topics = self.topics(store)?;
        store.apply_story_changes(&topics)?;
        let state = serde_json::to_vec(&self.grouper).map_err(|source| PipelineError::Encode {
            what: "grouping state",
            source,
        })?;
        store.set_state(STATE_KEY, &state)?;
        Ok(touched)
    }

    /// Writes the placements so far and the summaries (origins, entities) of the stories
    /// touched since the last call, without linking topics or saving the state: the cheap
    /// part of [`Grouping::commit`], for a server that commits the rest now and then.
    /// Returns the number of stories summarised.
    pub fn summarise(&mut self, store: &mut Store) -> Result<usize, PipelineError> {
        self.flush(store)?;
        let mut changes = Vec::new();
        for &id in &self.touched {
            changes.push(Story::load(store, id)?.summary(id));
        }
        store.apply_story_changes(&changes)?;
        let touched = self.touched.len();
        self.touched.clear();
        Ok(touched)
    }

    /// Topics over a window of stories: the active ones as they stand and the newest retired
    /// ones as saved (older stories keep their topic). Clusters keep the topic most of their
    /// stories had; only stories whose topic changed are written.
    fn topics(&self, store: &Store) -> Result<Vec<StoryChange>, PipelineError> {
        let config = &self.grouper.config().topics;
        let mut profiles = self.grouper.profiles();
        let live: std::collections::HashSet<u64> = profiles.iter().map(|a| a.id.0).collect();
        let room = config.window.saturating_sub(profiles.len());
        for (id, json) in store.recent_story_profiles(room + live.len())? {
            if live.contains(&id) {
                continue;
            }
            let profile =
                serde_json::from_str(&json).map_err(|source| PipelineError::CorruptProfile {
                    path: store.path().to_string(),
                    story: id,
                    source,
                })?;
            profiles.push(profile);
        }
        profiles.sort_by_key(|p| p.id);
        let excess = profiles.len().saturating_sub(config.window.max(live.len()));
        let mut skipped = 0;
        profiles.retain(|p| {
            let keep = live.contains(&p.id.0) || skipped >= excess;
            skipped += usize::from(!keep);
            keep
        });
        let ids: Vec<u64> = profiles.iter().map(|p| p.id.0).collect();
        let previous = store.story_topics(&ids)?;
        let clusters = link_topics(&profiles, config);
        let mut next = store.next_topic()?;
        let names = name_topics(&clusters, &previous, &mut next);
        Ok(ids
            .iter()
            .zip(previous)
            .zip(names)
            .filter(|((_, before), now)| *before != Some(*now))
            .map(|((&story, _), topic)| StoryChange::Topic { story, topic })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_or_foreign_state_is_refused_by_name() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(
            Grouping::resume(&store).is_ok(),
            "no state: a fresh grouper"
        );
        store.set_state(STATE_KEY, b"{not json").unwrap();
        let err = Grouping::resume(&store).err().expect("corrupt state");
        assert!(matches!(err, PipelineError::CorruptState { .. }), "{err:?}");
        assert!(err.to_string().contains("crosscheck regroup"), "{err}");

        let mut state = serde_json::to_value(Grouper::new(GroupConfig::default())).unwrap();
        state["version"] = serde_json::json!(STATE_VERSION + 1);
        store
            .set_state(STATE_KEY, &serde_json::to_vec(&state).unwrap())
            .unwrap();
        match Grouping::resume(&store).err() {
            Some(PipelineError::StateVersion {
                found, expected, ..
            }) => assert_eq!((found, expected), (STATE_VERSION + 1, STATE_VERSION)),
            other => panic!("expected a version error, got {other:?}"),
        }
    }
}
