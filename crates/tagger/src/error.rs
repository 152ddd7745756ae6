//! The crate's error type.

use std::path::PathBuf;

use thiserror::Error;

/// Why training data or a model could not be read.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum TaggerError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A line of CoNLL data that is not `token ... tag` with a known tag.
    #[error("{input}: line {line}: {message}: {text:?}")]
    BadConll {
        /// The file or other input the line is from.
        input: String,
        /// 1-based line number.
        line: usize,
        /// The line.
        text: String,
        /// What is wrong with it.
        message: String,
    },
    /// Bytes that are not a model in the format this crate writes.
    #[error("not a valid tagger model: {reason}")]
    BadModel {
        /// What is wrong.
        reason: String,
    },
    /// A model written by another version of the format or of the feature extraction.
    #[error("tagger model version {found:?} (format, features), this build reads {expected:?}")]
    Version {
        /// The model's format and feature versions.
        found: (u32, u32),
        /// The versions this build reads.
        expected: (u32, u32),
    },
}
