//! Word clusters learnt from unlabelled news: words used in the same contexts ("Mr ___ said",
//! "in ___ on") share a cluster, so a name the annotated data never shows still gets the
//! evidence of the names it resembles. This is the largest known gain for a perceptron tagger
//! (Ratinov & Roth 2009 with Brown clusters); crosscheck computes a cheaper hierarchy with the
//! same use: each word gets a bit path from the root of a binary tree, and the tagger's
//! features are prefixes of that path, from coarse (4 bits) to fine (the whole path).
//!
//! The tree is built by recursive bisection: each word is a vector of its positive pointwise
//! mutual information with the frequent words seen one and two tokens to its left and right;
//! a node's words are split in two along the first principal direction of their vectors
//! (power iteration), refined by a few rounds of spherical 2-means, until the nodes are small
//! or the paths long. Deterministic: the same text gives the same file.
//!
//! `train-clusters` writes the clusters to `data/clusters.tsv.gz` (one `word<TAB>path` per
//! line), which the crate embeds.

use std::collections::HashMap;
use std::io::Read;

use flate2::read::GzDecoder;

use crate::gazetteer::normalize;

/// The clusters shipped with the crate.
const SHIPPED: &[u8] = include_bytes!("../data/clusters.tsv.gz");

/// The word as clusters see it: [`normalize`]d, with every ASCII digit made `0`, so all
/// four-digit years share one entry. `lower` is already normalised.
pub(crate) fn cluster_key(lower: &str) -> std::borrow::Cow<'_, str> {
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        lower
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect::<String>()
            .into()
    } else {
        lower.into()
    }
}

/// Word → bit path.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clusters {
    /// Word → index into `paths`.
    index: HashMap<String, u32>,
    /// The distinct paths.
    paths: Vec<String>,
}

impl Clusters {
    /// The clusters shipped with the crate.
    pub(crate) fn shipped() -> Clusters {
        let mut text = String::new();
        // The embedded file is checked by the tests; a corrupt one gives no clusters.
        if GzDecoder::new(SHIPPED).read_to_string(&mut text).is_err() {
            return Clusters::default();
        }
        Clusters::parse(&text)
    }

    /// Reads `word<TAB>path` lines.
    pub(crate) fn parse(text: &str) -> Clusters {
        let mut clusters = Clusters::default();
        let mut by_path: HashMap<&str, u32> = HashMap::new();
        for line in text.lines() {
            let Some((word, path)) = line.split_once('\t') else {
                continue;
            };
            let id = *by_path.entry(path).or_insert_with(|| {
                clusters.paths.push(path.to_owned());
                (clusters.paths.len() - 1) as u32
            });
            clusters.index.insert(word.to_owned(), id);
        }
        clusters
    }

    /// The bit path of a normalised word, if it has one.
    #[cfg(test)]
    pub(crate) fn path(&self, lower: &str) -> Option<&str> {
        Some(&self.paths[self.id(lower)? as usize])
    }

    /// The index of a normalised word's path in [`Clusters::paths`], if it has one.
    pub(crate) fn id(&self, lower: &str) -> Option<u32> {
        self.index.get(cluster_key(lower).as_ref()).copied()
    }

    /// The distinct paths.
    pub(crate) fn paths(&self) -> &[String] {
        &self.paths
    }

    /// How many words have a cluster.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }
}

/// How [`learn_clusters`] builds the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterConfig {
    /// Words seen fewer times are not clustered.
    pub min_count: u64,
    /// How many of the most frequent words serve as contexts.
    pub contexts: usize,
    /// The longest bit path.
    pub max_depth: usize,
    /// Nodes with fewer words are not split.
    pub min_node: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            min_count: 2,
            contexts: 600,
            max_depth: 16,
            min_node: 12,
        }
    }
}

/// A word's context vector: `(dimension, value)` sorted by dimension, unit length.
type Sparse = Vec<(u32, f32)>;

/// Learns word clusters from documents given as token sequences (each as written; they are
/// normalised here). Returns `(word, path)` pairs sorted by word.
pub fn learn_clusters(documents: &[Vec<String>], config: &ClusterConfig) -> Vec<(String, String)> {
    // Intern the normalised words.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut streams: Vec<Vec<u32>> = Vec::with_capacity(documents.len());
    for document in documents {
        let mut stream = Vec::with_capacity(document.len());
        for token in document {
            let key = cluster_key(&normalize(token)).into_owned();
            let id = match ids.get(&key) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    ids.insert(key.clone(), id);
                    words.push(key);
                    counts.push(0);
                    id
                }
            };
            counts[id as usize] += 1;
            stream.push(id);
        }
        streams.push(stream);
    }
    // Rank by frequency, ties by spelling, so the result does not depend on input order
    // beyond the counts.
    let mut ranked: Vec<u32> = (0..words.len() as u32).collect();
    ranked.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    let mut context_of = vec![u32::MAX; words.len()];
    for (rank, &id) in ranked.iter().take(config.contexts).enumerate() {
        context_of[id as usize] = rank as u32;
    }
    let targets: Vec<u32> = ranked
        .iter()
        .copied()
        .take_while(|&id| counts[id as usize] >= config.min_count)
        .collect();
    let mut target_of = vec![u32::MAX; words.len()];
    for (n, &id) in targets.iter().enumerate() {
        target_of[id as usize] = n as u32;
    }
    // Dimension = slot (−2, −1, +1, +2) × context rank; one more context per slot stands for
    // the document edge.
    let per_slot = config.contexts as u32 + 1;
    let dims = (4 * per_slot) as usize;
    let mut pairs: Vec<u64> = Vec::new();
    for stream in &streams {
        for (i, &id) in stream.iter().enumerate() {
            let target = target_of[id as usize];
            if target == u32::MAX {
                continue;
            }
            for (slot, offset) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                let j = i as isize + offset;
                let context = if j < 0 || j as usize >= stream.len() {
                    config.contexts as u32
                } else {
                    context_of[stream[j as usize] as usize]
                };
                if context == u32::MAX {
                    continue;
                }
                let dim = slot as u32 * per_slot + context;
                pairs.push((u64::from(target) << 32) | u64::from(dim));
            }
        }
    }
    pairs.sort_unstable();
    let mut cooc: Vec<Vec<(u32, f32)>> = vec![Vec::new(); targets.len()];
    let mut dim_totals = vec![0f64; dims];
    let mut total = 0f64;
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        let (target, dim) = ((pairs[i] >> 32) as usize, pairs[i] as u32);
        let count = (j - i) as f32;
        cooc[target].push((dim, count));
        dim_totals[dim as usize] += f64::from(count);
        total += f64::from(count);
        i = j;
    }
    drop(pairs);
    // Positive PMI with context-distribution smoothing (counts^0.75, Levy et al. 2015), which
    // keeps rare contexts from dominating.
    let smoothed: Vec<f64> = dim_totals.iter().map(|c| c.powf(0.75)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    let vectors: Vec<Sparse> = cooc
        .iter()
        .map(|row| {
            let word_total: f64 = row.iter().map(|&(_, c)| f64::from(c)).sum();
            let mut v: Sparse = row
                .iter()
                .filter_map(|&(dim, c)| {
                    let p_wc = f64::from(c) / total;
                    let p_w = word_total / total;
                    let p_c = smoothed[dim as usize] / smoothed_total;
                    let pmi = (p_wc / (p_w * p_c)).ln();
                    (pmi > 0.0).then_some((dim, pmi as f32))
                })
                .collect();
            let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, x) in &mut v {
                    *x /= norm;
                }
            }
            v
        })
        .collect();
    let paths = bisect_all(&vectors, dims, config);
    let mut out: Vec<(String, String)> = targets
        .iter()
        .zip(paths)
        .map(|(&id, path)| (words[id as usize].clone(), path))
        .collect();
    out.sort();
    out
}

fn dot(v: &Sparse, dense: &[f32]) -> f32 {
    v.iter().map(|&(d, x)| x * dense[d as usize]).sum()
}

fn normalise(dense: &mut [f32]) {
    let norm = dense.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in dense {
            *x /= norm;
        }
    }
}

/// Bit paths for all vectors, by recursive bisection from the root.
fn bisect_all(vectors: &[Sparse], dims: usize, config: &ClusterConfig) -> Vec<String> {
    let mut paths = vec![String::new(); vectors.len()];
    let mut stack: Vec<(Vec<usize>, String)> = vec![((0..vectors.len()).collect(), String::new())];
    while let Some((members, path)) = stack.pop() {
        let split = if members.len() < config.min_node || path.len() >= config.max_depth {
            None
        } else {
            bisect(vectors, &members, dims)
        };
        match split {
            Some((left, right)) => {
                stack.push((right, format!("{path}1")));
                stack.push((left, format!("{path}0")));
            }
            None => {
                for m in members {
                    paths[m].clone_from(&path);
                }
            }
        }
    }
    // A word without any context vector would sit alone at the root with an empty path.
    for path in &mut paths {
        if path.is_empty() {
            path.push('0');
        }
    }
    paths
}

/// Splits `members` in two, or `None` if they do not separate.
fn bisect(vectors: &[Sparse], members: &[usize], dims: usize) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut mean = vec![0f32; dims];
    for &m in members {
        for &(d, x) in &vectors[m] {
            mean[d as usize] += x;
        }
    }
    let n = members.len() as f32;
    for x in &mut mean {
        *x /= n;
    }
    // First principal direction of the centred vectors by power iteration, from a fixed
    // pseudo-random start.
    let mut state = 0x005e_edc1_u64 ^ members.len() as u64;
    let mut direction: Vec<f32> = (0..dims)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            ((state >> 40) as f32 / (1u64 << 24) as f32) - 0.5
        })
        .collect();
    normalise(&mut direction);
    let mut projections = vec![0f32; members.len()];
    for _ in 0..12 {
        let offset = mean.iter().zip(&direction).map(|(a, b)| a * b).sum::<f32>();
        for (p, &m) in projections.iter_mut().zip(members) {
            *p = dot(&vectors[m], &direction) - offset;
        }
        let mut next = vec![0f32; dims];
        let mut sum = 0f32;
        for (&p, &m) in projections.iter().zip(members) {
            sum += p;
            for &(d, x) in &vectors[m] {
                next[d as usize] += p * x;
            }
        }
        for (x, m) in next.iter_mut().zip(&mean) {
            *x -= sum * m;
        }
        normalise(&mut next);
        direction = next;
    }
    let offset = mean.iter().zip(&direction).map(|(a, b)| a * b).sum::<f32>();
    let mut side: Vec<bool> = members
        .iter()
        .map(|&m| dot(&vectors[m], &direction) > offset)
        .collect();
    // Refine with spherical 2-means.
    for _ in 0..6 {
        let mut centroids = [vec![0f32; dims], vec![0f32; dims]];
        for (&s, &m) in side.iter().zip(members) {
            for &(d, x) in &vectors[m] {
                centroids[usize::from(s)][d as usize] += x;
            }
        }
        for c in &mut centroids {
            normalise(c);
        }
        let mut changed = false;
        for (s, &m) in side.iter_mut().zip(members) {
            let new = dot(&vectors[m], &centroids[1]) > dot(&vectors[m], &centroids[0]);
            changed |= new != *s;
            *s = new;
        }
        if !changed {
            break;
        }
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (&s, &m) in side.iter().zip(members) {
        if s {
            right.push(m);
        } else {
            left.push(m);
        }
    }
    (!left.is_empty() && !right.is_empty()).then_some((left, right))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_contexts_share_prefixes() {
        let mut documents = Vec::new();
        for (i, name) in ["Smith", "Jones", "Brown", "Clark"].iter().enumerate() {
            for place in ["Paris", "Rome", "Oslo", "Bonn"] {
                let text = format!("Mr {name} said on {i} May that he flew to {place} .");
                documents.push(text.split(' ').map(str::to_owned).collect());
            }
        }
        let config = ClusterConfig {
            min_count: 1,
            contexts: 20,
            max_depth: 8,
            min_node: 2,
        };
        let clusters = learn_clusters(&documents, &config);
        assert_eq!(clusters, learn_clusters(&documents, &config));
        let path = |w: &str| clusters.iter().find(|(k, _)| k == w).unwrap().1.clone();
        let common = |a: &str, b: &str| {
            path(a)
                .chars()
                .zip(path(b).chars())
                .take_while(|(x, y)| x == y)
                .count()
        };
        assert!(common("smith", "jones") > common("smith", "paris"));
        assert!(common("rome", "oslo") > common("rome", "jones"));
        assert_eq!(path("0"), path("0"));
    }

    #[test]
    fn shipped_clusters_load() {
        let clusters = Clusters::shipped();
        assert!(clusters.len() > 10_000);
        assert!(clusters.path("london").is_some());
        assert_eq!(clusters.path("1996"), clusters.path("1987"));
    }
}
