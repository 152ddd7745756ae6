//! Regrouping a whole list in order (for `crosscheck regroup` and evaluation).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Doc, GroupConfig, Grouper, StoryId, StoryProfile};

/// The stories of a list of articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grouping {
    /// The final story of each article, in input order (merges followed through).
    pub stories: Vec<StoryId>,
    /// Every final story's profile (retired and still active), by id.
    pub profiles: Vec<StoryProfile>,
}

/// Groups `docs` in the order given with a fresh [`Grouper`].
pub fn regroup(docs: &[Doc], config: &GroupConfig) -> Grouping {
    let mut grouper = Grouper::new(config.clone());
    let mut placed = Vec::with_capacity(docs.len());
    let mut absorbed: BTreeMap<StoryId, StoryId> = BTreeMap::new();
    let mut profiles: BTreeMap<StoryId, StoryProfile> = BTreeMap::new();
    for doc in docs {
        let p = grouper.add(doc);
        for m in &p.merged {
            absorbed.insert(*m, p.story);
        }
        for r in p.retired {
            profiles.insert(r.id, r);
        }
        placed.push(p.story);
    }
    for p in grouper.profiles() {
        profiles.insert(p.id, p);
    }
    let resolve = |mut s: StoryId| {
        while let Some(&next) = absorbed.get(&s) {
            s = next;
        }
        s
    };
    Grouping {
        stories: placed.into_iter().map(resolve).collect(),
        profiles: profiles.into_values().collect(),
    }
}
