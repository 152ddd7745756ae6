//! The embedded store: one SQLite file in a data directory holding articles, their exact and
//! near duplicates, and a full-text index. Every article is written in one transaction (a
//! savepoint inside a batch), so a failure never leaves half an article.
//!
//! ```
//! use crosscheck_model::{Article, ArticleId};
//! use crosscheck_store::{AddOutcome, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let text = "Ukraine reported its first clashes with North Korean troops.";
//! let article = Article::new(ArticleId::of_text(text), text.into());
//! assert_eq!(store.add(&article).unwrap(), AddOutcome::New);
//! assert!(matches!(store.add(&article).unwrap(), AddOutcome::Duplicate { .. }));
//! assert_eq!(store.count().unwrap(), 1);
//! assert_eq!(store.search("korean", 10).unwrap().len(), 1);
//! ```

mod analyses;
mod articles;
mod error;
mod schema;
mod search;
mod stories;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use articles::{
    AddOutcome, ArticleRow, StoredArticle, NEAR_DUPLICATE_SIMILARITY, SHORT_TEXT_BYTES,
    SHORT_TEXT_SIMILARITY,
};
pub use error::StoreError;
pub use schema::SCHEMA_VERSION;
pub use search::SearchHit;
pub use stories::{StoryChange, StoryRow};

use error::Context;

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "crosscheck.db";

/// A handle on one store. Not `Sync`: open one per thread.
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Opens (creating if needed) the store in data directory `dir`, migrating its schema.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        let file: PathBuf = dir.join(DB_FILE);
        let path = file.display().to_string();
        let conn = Connection::open(&file).context(|| format!("{path}: opening"))?;
        conn.execute_batch(
            // A 64 MiB page cache keeps a batch's pages from spilling into the WAL mid-
            // transaction; reads of older pages go through mmap instead of pread.
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
             PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; \
             PRAGMA temp_store = MEMORY;",
        )
        .context(|| format!("{path}: configuring"))?;
        Self::ready(conn, path)
    }

    /// A store in memory, for tests and stateless commands.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory().context(|| "in-memory store: opening".into())?;
        Self::ready(conn, ":memory:".into())
    }

    fn ready(mut conn: Connection, path: String) -> Result<Self, StoreError> {
        schema::migrate(&mut conn, &path)?;
        Ok(Self { conn, path })
    }

    /// The database file (or `:memory:`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A number that changes whenever another connection (in this process or another)
    /// commits to the store: readers compare it to know whether what they cached is stale.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .context(|| format!("{}: reading the data version", self.path))
    }
}

#[cfg(test)]
mod version_tests {
    use super::*;

    #[test]
    fn data_version_changes_when_another_connection_commits() {
        let dir = tempfile::tempdir().unwrap();
        let watcher = Store::open(dir.path()).unwrap();
        let mut writer = Store::open(dir.path()).unwrap();
        let before = watcher.data_version().unwrap();
        assert_eq!(watcher.data_version().unwrap(), before);
        writer.set_state("k", b"v").unwrap();
        assert_ne!(watcher.data_version().unwrap(), before);
    }
}
