//! The ingest error type: every variant names the input (file, URL, record) that caused it.

use thiserror::Error;

/// Why an input, or one record of it, could not become an article.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The input holds no text at all.
    #[error("{input}: empty input")]
    Empty {
        /// The input.
        input: String,
    },
    /// The input is larger than the configured limit.
    #[error("{input}: {size} bytes is over the size limit of {limit} bytes")]
    TooLarge {
        /// The input.
        input: String,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bytes are not text in any encoding crosscheck recognises.
    #[error("{input}: binary data, not text ({reason})")]
    Binary {
        /// The input.
        input: String,
        /// What gave it away.
        reason: String,
    },
    /// An HTML page from which no article text could be extracted.
    #[error("{input}: no article text found in the HTML page")]
    NoArticleText {
        /// The input.
        input: String,
    },
    /// A JSON Lines record that is not valid JSON or lacks a field.
    #[error("{input}: line {line}: {message}")]
    BadRecord {
        /// The input.
        input: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A date that cannot be read.
    #[error("{input}: invalid date {value:?}")]
    BadDate {
        /// The input (with the record, where there is one).
        input: String,
        /// The date as given.
        value: String,
    },
    /// A document given as a feed that is not RSS or Atom.
    #[error("{input}: not an RSS or Atom feed: {message}")]
    NotAFeed {
        /// The input.
        input: String,
        /// The parser's complaint.
        message: String,
    },
    /// Compressed input that does not decompress.
    #[error("{input}: cannot decompress: {source}")]
    Decompress {
        /// The input.
        input: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl IngestError {
    /// The input (file, URL or record) this error is about.
    pub fn input(&self) -> &str {
        match self {
            IngestError::Empty { input }
            | IngestError::TooLarge { input, .. }
            | IngestError::Binary { input, .. }
            | IngestError::NoArticleText { input }
            | IngestError::BadRecord { input, .. }
            | IngestError::BadDate { input, .. }
            | IngestError::NotAFeed { input, .. }
            | IngestError::Decompress { input, .. } => input,
        }
    }
}
