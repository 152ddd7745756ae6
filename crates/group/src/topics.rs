//! Topics: stories linked into long-running threads by their profiles (shared actors, places
//! and vocabulary), with no time decay.
//!
//! Linking is average-link agglomerative clustering of the profiles' TF-IDF vectors over a
//! sparse neighbour graph: each profile keeps its most similar others (found through an
//! inverted index), then the two groups with the highest mean pairwise similarity merge
//! until that mean falls below the threshold (pairs outside the graph count as 0).
//! Deterministic: ties break by position in the input.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::fmt;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::sparse::dot;
use crate::vocab::Signal;
use crate::StoryProfile;

/// A topic's id: its rank by first story in the input.
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
    /// Two groups of stories merge while their mean pairwise cosine reaches this.
    pub threshold: f32,
    /// Weight of entity terms relative to words.
    pub entity_weight: f32,
    /// Weight of number and date terms (they mark events more than topics).
    pub event_weight: f32,
    /// Neighbours each story keeps in the similarity graph (bounds time and memory).
    pub neighbours: usize,
    /// Stories a streaming store re-links at each commit: the active ones and the newest
    /// retired ones up to this many; older stories keep their topic (bounds time and
    /// memory as the archive grows).
    pub window: usize,
}

impl Default for TopicConfig {
    fn default() -> Self {
        Self {
            threshold: 0.06,
            entity_weight: 0.25,
            event_weight: 0.3,
            neighbours: 40,
            window: 20_000,
        }
    }
}

/// Links stories into topics: one [`TopicId`] per profile, in order.
pub fn link_topics(profiles: &[StoryProfile], config: &TopicConfig) -> Vec<TopicId> {
    let vectors = vectors(profiles, config);
    let graph = neighbours(&vectors, config.neighbours);
    let mut groups = agglomerate(graph, vectors.len(), config.threshold);
    // Number topics by their first story.
    let mut rank: HashMap<usize, u64> = HashMap::default();
    for g in &mut groups {
        let next = rank.len() as u64;
        *g = *rank.entry(*g).or_insert(next) as usize;
    }
    groups.into_iter().map(|g| TopicId(g as u64)).collect()
}

/// Unit vectors of the profiles over interned terms.
fn vectors(profiles: &[StoryProfile], config: &TopicConfig) -> Vec<Vec<(u32, f32)>> {
    let mut ids: HashMap<&str, u32> = HashMap::default();
    profiles
        .iter()
        .map(|p| {
            let mut v: Vec<(u32, f32)> = p
                .terms
                .iter()
                .filter_map(|(term, w)| {
                    let weight = match Signal::of(term) {
                        Signal::Word => 1.0,
                        // Phrases mark events; topics are carried by single words.
                        Signal::Phrase => 0.0,
                        Signal::Entity => config.entity_weight,
                        Signal::Number | Signal::Date => config.event_weight,
                    } * w;
                    let next = ids.len() as u32;
                    (weight > 0.0).then(|| (*ids.entry(term).or_insert(next), weight))
                })
                .collect();
            v.sort_unstable_by_key(|&(t, _)| t);
            v.dedup_by_key(|(t, _)| *t);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            for (_, w) in &mut v {
                *w /= norm;
            }
            v
        })
        .collect()
}

/// Posting lists longer than this (words most stories of a big window share) are not walked
/// to score candidates: a story's candidates come from its rarer terms, and the best
/// [`RESCORED`] of them per neighbour wanted are then scored on every term.
const MAX_POSTINGS: usize = 1_000;
/// Candidates rescored on every term, per neighbour kept, when long postings were skipped.
const RESCORED: usize = 4;

/// Each vector's `k` most similar others (cosine > 0), as symmetric edges `(i, j, sim)`.
/// Exact while no posting list exceeds [`MAX_POSTINGS`]; on bigger windows the time per
/// story is bounded by the postings of its rarer terms.
fn neighbours(vectors: &[Vec<(u32, f32)>], k: usize) -> BTreeMap<(usize, usize), f32> {
    let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::default();
    for (i, v) in vectors.iter().enumerate() {
        for &(t, w) in v {
            postings.entry(t).or_default().push((i, w));
        }
    }
    let mut edges = BTreeMap::new();
    let mut acc: Vec<f32> = vec![0.0; vectors.len()];
    let mut touched: Vec<usize> = Vec::new();
    let by_score = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    for (i, v) in vectors.iter().enumerate() {
        let mut skipped = false;
        for &(t, w) in v {
            let list = &postings[&t];
            if list.len() > MAX_POSTINGS {
                skipped = true;
                continue;
            }
            for &(j, wj) in list {
                if j != i {
                    if acc[j] == 0.0 {
                        touched.push(j);
                    }
                    acc[j] += w * wj;
                }
            }
        }
        let mut near: Vec<(usize, f32)> = touched.drain(..).map(|j| (j, acc[j])).collect();
        for &(j, _) in &near {
            acc[j] = 0.0;
        }
        if skipped {
            keep_best(&mut near, k.saturating_mul(RESCORED), by_score);
            for (j, s) in &mut near {
                *s = dot(v, &vectors[*j], |_| 1.0);
            }
        }
        keep_best(&mut near, k, by_score);
        for (j, s) in near {
            edges.insert((i.min(j), i.max(j)), s);
        }
    }
    edges
}

/// Keeps the `k` first items of `items` in `order`, sorted.
fn keep_best<T>(items: &mut Vec<T>, k: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if items.len() > k {
        if k == 0 {
            items.clear();
            return;
        }
        items.select_nth_unstable_by(k - 1, &order);
        items.truncate(k);
    }
    items.sort_unstable_by(order);
}

/// Average-link agglomeration over the graph; returns each item's group (its group's
/// smallest item).
fn agglomerate(edges: BTreeMap<(usize, usize), f32>, n: usize, threshold: f32) -> Vec<usize> {
    let mut links: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    for (&(a, b), &s) in &edges {
        links[a].insert(b, f64::from(s));
        links[b].insert(a, f64::from(s));
    }
    let mut size = vec![1usize; n];
    let mut parent: Vec<usize> = (0..n).collect();
    let mean = |sum: f64, a: usize, b: usize, size: &[usize]| sum / (size[a] * size[b]) as f64;
    let mut heap: BinaryHeap<(Ordered, Reverse<(usize, usize)>)> = edges
        .iter()
        .map(|(&(a, b), &s)| (Ordered(f64::from(s)), Reverse((a, b))))
        .collect();
    while let Some((Ordered(score), Reverse((a, b)))) = heap.pop() {
        if score < f64::from(threshold) {
            break;
        }
        if parent[a] != a || parent[b] != b {
            continue;
        }
        let Some(&sum) = links[a].get(&b) else {
            continue;
        };
        if mean(sum, a, b, &size) != score {
            continue; // stale: a newer entry holds the current mean
        }
        // b joins a (a < b, so a group is named by its smallest item).
        parent[b] = a;
        size[a] += size[b];
        let moved = std::mem::take(&mut links[b]);
        links[a].remove(&b);
        for (c, s) in moved {
            if c == a {
                continue;
            }
            links[c].remove(&b);
            *links[c].entry(a).or_default() += s;
            *links[a].entry(c).or_default() += s;
        }
        for (&c, &s) in &links[a] {
            let key = (a.min(c), a.max(c));
            heap.push((Ordered(mean(s, a, c, &size)), Reverse(key)));
        }
    }
    (0..n)
        .map(|mut i| {
            while parent[i] != i {
                i = parent[i];
            }
            i
        })
        .collect()
}

/// An f64 ordered by `total_cmp`, for the heap.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ordered(f64);

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StoryId;

    fn profile(id: u64, terms: &[&str]) -> StoryProfile {
        StoryProfile {
            id: StoryId(id),
            articles: 1,
            first: None,
            last: None,
            terms: terms.iter().map(|t| (t.to_string(), 1.0)).collect(),
            entities: Vec::new(),
        }
    }

    #[test]
    fn stories_sharing_actors_and_vocabulary_form_a_topic() {
        let profiles = [
            profile(0, &["pinochet", "e:chile", "arrest", "london"]),
            profile(1, &["quake", "e:peru", "magnitude"]),
            profile(2, &["pinochet", "e:chile", "extradition", "spain"]),
            profile(3, &["pinochet", "extradition", "london", "court"]),
            profile(4, &["unrelated", "words"]),
        ];
        let topics = link_topics(&profiles, &TopicConfig::default());
        assert_eq!(
            topics,
            [TopicId(0), TopicId(1), TopicId(0), TopicId(0), TopicId(2)]
        );
        assert_eq!(topics, link_topics(&profiles, &TopicConfig::default()));
    }

    #[test]
    fn neighbours_of_a_big_window_are_found_through_rarer_terms() {
        // Every vector shares "common"; pairs (2m, 2m+1) also share a rare term.
        let n = MAX_POSTINGS + 10;
        let vectors: Vec<Vec<(u32, f32)>> = (0..n)
            .map(|i| vec![(0, 0.6), (1 + (i / 2) as u32, 0.8)])
            .collect();
        let edges = neighbours(&vectors, 2);
        assert!(edges.len() >= n / 2);
        for m in 0..n / 2 {
            let s = edges[&(2 * m, 2 * m + 1)];
            assert!((s - 1.0).abs() < 1e-5, "pair {m}: {s}");
        }
        assert_eq!(dot(&vectors[0], &vectors[2], |_| 1.0), 0.6 * 0.6);
        let mut items = vec![3, 1, 2, 5];
        keep_best(&mut items, 2, |a: &i32, b: &i32| b.cmp(a));
        assert_eq!(items, [5, 3]);
    }
}
