//! The versioned schema: migrations applied in order, tracked by SQLite's `user_version`.
//! A migration is never edited once released; a change is a new migration at the end.

use rusqlite::Connection;

use crate::error::{Context, StoreError};

/// Migrations, version `i + 1` at index `i`.
const MIGRATIONS: &[&str] = &[
    // 1: articles, exact-duplicate sightings, LSH bands for near duplicates, full-text index.
    r#"
    CREATE TABLE articles (
        rowid        INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        url          TEXT,
        outlet       TEXT,
        title        TEXT,
        byline       TEXT,
        published    TEXT,
        language     TEXT,
        text         TEXT NOT NULL,
        credits      TEXT NOT NULL,
        metadata     TEXT NOT NULL,
        source       TEXT NOT NULL,
        fingerprint  BLOB NOT NULL,
        duplicate_of TEXT REFERENCES articles(id),
        similarity   REAL,
        ingested_at  TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
    CREATE TABLE sightings (
        article_id TEXT NOT NULL REFERENCES articles(id),
        source     TEXT NOT NULL,
        outlet     TEXT,
        url        TEXT,
        seen_at    TEXT NOT NULL,
        PRIMARY KEY (article_id, source)
    ) WITHOUT ROWID;
    CREATE TABLE lsh_bands (
        key           INTEGER NOT NULL,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid),
        PRIMARY KEY (key, article_rowid)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    "#,
    // 2: the analysis of each stored article, as versioned JSON (exact copies share it).
    r#"
    CREATE TABLE analyses (
        article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid),
        version       INTEGER NOT NULL,
        analysis      TEXT NOT NULL
    );
    "#,
    // 3: stories (the grouping's assignment of articles), their topics and saved profiles,
    // and named state blobs (the streaming grouper's active set between runs).
    r#"
    CREATE TABLE stories (
        id          INTEGER PRIMARY KEY,
        topic       INTEGER,
        profile     TEXT,
        independent INTEGER,
        entities    TEXT
    );
    CREATE INDEX stories_topic ON stories(topic);
    CREATE TABLE story_articles (
        article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid),
        story         INTEGER NOT NULL REFERENCES stories(id)
    );
    CREATE INDEX story_articles_story ON story_articles(story);
    CREATE TABLE state (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`], each migration in its own transaction.
pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .context(|| format!("{path}: reading schema version"))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            path: path.to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = i as i64 + 1;
        let tx = conn
            .transaction()
            .context(|| format!("{path}: migration {version}"))?;
        tx.execute_batch(sql)
            .and_then(|()| tx.pragma_update(None, "user_version", version))
            .and_then(|()| tx.commit())
            .context(|| format!("{path}: migration {version}"))?;
    }
    Ok(())
}
