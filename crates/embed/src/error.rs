//! What can go wrong loading or running an embedding model, always naming the folder or
//! file involved.

use std::path::PathBuf;

/// Why a model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmbedError {
    /// This build has no model (the `model` feature, or the CLI's `embeddings`, is off).
    #[error("this build has no embedding model (build with --features embeddings)")]
    NotBuilt,
    /// The model folder does not exist (run `scripts/fetch-model`).
    #[error("model folder {dir} not found (run scripts/fetch-model to install it)")]
    NoFolder {
        /// The folder asked for.
        dir: PathBuf,
    },
    /// A file the model needs is missing from its folder.
    #[error("model folder {dir} has no {file}")]
    Missing {
        /// The model folder.
        dir: PathBuf,
        /// The missing file's name.
        file: &'static str,
    },
    /// A file could not be read.
    #[error("reading {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A JSON configuration file is malformed.
    #[cfg(feature = "model")]
    #[error("parsing {path}")]
    Config {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// The tokenizer file could not be loaded.
    #[cfg(feature = "model")]
    #[error("loading the tokenizer {path}")]
    Tokenizer {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: tokenizers::Error,
    },
    /// The weights could not be loaded into the model.
    #[cfg(feature = "model")]
    #[error("loading the weights {path}")]
    Weights {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: candle_core::Error,
    },
    /// A text could not be tokenised.
    #[cfg(feature = "model")]
    #[error("tokenising a batch")]
    Tokenize(#[source] tokenizers::Error),
    /// The model failed on a batch.
    #[cfg(feature = "model")]
    #[error("running the model")]
    Inference(#[from] candle_core::Error),
}
