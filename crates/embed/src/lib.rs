//! Embed: sentence embeddings for crosscheck's optional semantic similarity, from a local
//! BERT-style model folder (all-MiniLM-L6-v2 as `scripts/fetch-model` installs it) run by
//! candle on the CPU: WordPiece tokens, mean pooling over the real tokens, L2 norm.
//!
//! The model needs the `model` feature (candle); without it the crate has only the vector
//! helpers and where the model is looked for.
//!
//! ```no_run
//! # #[cfg(feature = "model")] {
//! use crosscheck_embed::{cosine, Embedder};
//!
//! let embedder = Embedder::load("/path/to/all-minilm-l6-v2")?;
//! let v = embedder.embed(&["The cat sat on the mat", "A cat was sitting on a mat"])?;
//! assert!(cosine(&v[0], &v[1]) > 0.5);
//! # }
//! # Ok::<(), crosscheck_embed::EmbedError>(())
//! ```
//!
//! Nothing is downloaded at run time: a missing folder or file is an [`EmbedError`] naming it.

#[cfg(feature = "model")]
mod embedder;
mod error;

use std::path::{Path, PathBuf};

#[cfg(feature = "model")]
pub use embedder::{Embedder, BATCH};
pub use error::EmbedError;

/// Environment variable naming the model folder, shared by `scripts/fetch-model`, the CLI
/// and the tests.
pub const MODEL_DIR_ENV: &str = "CROSSCHECK_MODEL_DIR";

/// The model folder to use when none is given: `$CROSSCHECK_MODEL_DIR`, else the folder
/// `scripts/fetch-model` installs into (`$XDG_CACHE_HOME` or `~/.cache`, then
/// `crosscheck/models/all-minilm-l6-v2`). The folder may not exist.
pub fn default_model_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(MODEL_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(dir.into());
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))?;
    Some(cache.join("crosscheck/models/all-minilm-l6-v2"))
}

/// Cosine of two vectors (their dot product when both are unit vectors, as embeddings are);
/// 0 when either is zero or their lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// `v` scaled to length 1 (left as it is when zero).
pub fn normalised(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_plain_vectors() {
        assert!((cosine(&[1.0, 0.0], &[2.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 3.0]).abs() < 1e-6);
        assert!((cosine(&[1.0, 1.0], &[-1.0, -1.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
        assert_eq!(cosine(&[1.0], &[1.0, 0.0]), 0.0);
        assert_eq!(normalised(vec![3.0, 4.0]), vec![0.6, 0.8]);
        assert_eq!(normalised(vec![0.0, 0.0]), vec![0.0, 0.0]);
    }

    #[test]
    fn the_model_folder_follows_the_environment() {
        // Only reads the variables: the folder is wherever they point.
        let dir = default_model_dir().expect("HOME is set in tests");
        match std::env::var_os(MODEL_DIR_ENV).filter(|d| !d.is_empty()) {
            Some(d) => assert_eq!(dir, PathBuf::from(d)),
            None => assert!(dir.ends_with("crosscheck/models/all-minilm-l6-v2")),
        }
    }
}
