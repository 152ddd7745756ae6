//! The pipeline error type: each variant names the store or the URL it concerns, so the
//! command line and the server can report it as it is.

use thiserror::Error;

use crosscheck_store::StoreError;

/// Why a pipeline step failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The store refused an operation.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The saved grouping state could not be decoded.
    #[error("{path}: the saved grouping state is corrupt; run `crosscheck regroup`: {source}")]
    CorruptState {
        /// The store.
        path: String,
        /// The decoding error.
        #[source]
        source: serde_json::Error,
    },
    /// The saved grouping state was written by another version of the grouper.
    #[error("{path}: the saved grouping state has version {found} but this crosscheck writes {expected}; run `crosscheck regroup`")]
    StateVersion {
        /// The store.
        path: String,
        /// The version saved.
        found: u32,
        /// The version this build writes.
        expected: u32,
    },
    /// A retired story's saved profile could not be decoded.
    #[error("{path}: corrupt profile of story {story}: {source}")]
    CorruptProfile {
        /// The store.
        path: String,
        /// The story.
        story: u64,
        /// The decoding error.
        #[source]
        source: serde_json::Error,
    },
    /// A value could not be encoded for saving.
    #[error("saving the {what}: {source}")]
    Encode {
        /// What was being saved.
        what: &'static str,
        /// The encoding error.
        #[source]
        source: serde_json::Error,
    },
    /// A URL could not be fetched.
    #[error("{url}: {message}")]
    Fetch {
        /// The URL.
        url: String,
        /// What went wrong.
        message: String,
    },
}
