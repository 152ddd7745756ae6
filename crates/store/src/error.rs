//! The store error type: each variant says which store and what it was doing.

use thiserror::Error;

/// Why a store operation failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The data directory could not be created or read.
    #[error("data directory {path}: {source}")]
    Io {
        /// The directory.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// SQLite refused an operation.
    #[error("{context}: {source}")]
    Sqlite {
        /// What the store was doing.
        context: String,
        /// The underlying error.
        #[source]
        source: rusqlite::Error,
    },
    /// The store was written by a newer crosscheck.
    #[error("{path}: schema version {found} is newer than this crosscheck supports ({supported}); upgrade crosscheck")]
    SchemaTooNew {
        /// The database file.
        path: String,
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// A stored value could not be decoded.
    #[error("article {id}: corrupt {field}: {message}")]
    Corrupt {
        /// The article.
        id: String,
        /// The column.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// Adds context to rusqlite results.
pub(crate) trait Context<T> {
    fn context(self, context: impl FnOnce() -> String) -> Result<T, StoreError>;
}

impl<T> Context<T> for Result<T, rusqlite::Error> {
    fn context(self, context: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite {
            context: context(),
            source,
        })
    }
}
