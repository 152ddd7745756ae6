//! Standard metrics for crosscheck's tasks, computed on the labelled data in `../shared/eval/`
//! (or any data in the same form). Each task has a module with a `run` function returning a
//! serialisable report.

pub mod briefs;
pub mod entities;
pub mod events;
pub mod extraction;
pub mod paraphrase;
pub mod quotes;
pub mod stories;

use thiserror::Error;

/// Why an evaluation could not run.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A data file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A data file is not in the expected form.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}
