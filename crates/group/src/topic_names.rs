//! Stable topic ids for a store that re-links only a window of its newest stories at each
//! commit: each cluster keeps the topic most of its stories already had, and a cluster with
//! no earlier topic gets a new id past every id in use.

use rustc_hash::FxHashMap as HashMap;

use crate::TopicId;

/// Names the clusters of a re-linked window. `clusters` is [`crate::link_topics`]'s answer for
/// the window's stories, `previous` each story's topic before this commit (if any) and
/// `next` the first unused topic id (advanced past the ids handed out). Every earlier topic
/// names at most one cluster: the one holding most of its stories (ties: the smaller
/// cluster id); other clusters get new ids in the order of their first story.
pub fn name_topics(clusters: &[TopicId], previous: &[Option<u64>], next: &mut u64) -> Vec<u64> {
    let mut votes: HashMap<(TopicId, u64), usize> = HashMap::default();
    for (c, p) in clusters.iter().zip(previous) {
        if let Some(p) = p {
            *votes.entry((*c, *p)).or_default() += 1;
        }
    }
    let mut ranked: Vec<((TopicId, u64), usize)> = votes.into_iter().collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0 .1.cmp(&b.0 .1))
            .then(a.0 .0.cmp(&b.0 .0))
    });
    let mut named: HashMap<TopicId, u64> = HashMap::default();
    let mut taken: HashMap<u64, ()> = HashMap::default();
    for ((cluster, topic), _) in ranked {
        if !named.contains_key(&cluster) && !taken.contains_key(&topic) {
            named.insert(cluster, topic);
            taken.insert(topic, ());
        }
    }
    clusters
        .iter()
        .map(|c| {
            *named.entry(*c).or_insert_with(|| {
                let id = *next;
                *next += 1;
                id
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(raw: &[u64]) -> Vec<TopicId> {
        raw.iter().map(|&t| TopicId(t)).collect()
    }

    #[test]
    fn clusters_keep_the_topic_most_of_their_stories_had() {
        let mut next = 10;
        let names = name_topics(
            &ids(&[0, 0, 0, 1, 1]),
            &[Some(7), Some(7), Some(3), Some(3), None],
            &mut next,
        );
        assert_eq!(names, [7, 7, 7, 3, 3]);
        assert_eq!(next, 10);
    }

    #[test]
    fn a_topic_split_in_two_names_only_its_larger_part() {
        let mut next = 5;
        let names = name_topics(
            &ids(&[0, 1, 1, 2]),
            &[Some(4), Some(4), Some(4), None],
            &mut next,
        );
        assert_eq!(names, [5, 4, 4, 6]);
        assert_eq!(next, 7);
    }

    #[test]
    fn a_fresh_window_numbers_topics_by_first_story() {
        let mut next = 0;
        let names = name_topics(&ids(&[0, 1, 0, 2]), &[None; 4], &mut next);
        assert_eq!(names, [0, 1, 0, 2]);
    }
}
