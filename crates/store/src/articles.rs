//! Articles in the store: adding them with exact- and near-duplicate detection, and reading
//! them back whole or as list rows.

use chrono::{DateTime, SecondsFormat, Utc};
use crosscheck_model::{Analysis, Article, ArticleId};
use rusqlite::{params, Connection, Row};
use serde::Serialize;

use crate::analyses;
use crate::error::Context;
use crate::{Store, StoreError};

/// Estimated shingle Jaccard at or above which a new article is a near duplicate.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.5;
/// Texts shorter than this many bytes (about 100 words) share too few shingles for 0.5 to
/// mean anything: two dividend notices of different companies reach it. They need
/// [`SHORT_TEXT_SIMILARITY`].
pub const SHORT_TEXT_BYTES: i64 = 600;
/// The similarity a short text needs to be a near duplicate.
pub const SHORT_TEXT_SIMILARITY: f64 = 0.8;

/// What adding one article did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum AddOutcome {
    /// Stored as a new article.
    New,
    /// The same clean text is already stored; nothing new was written but the sighting.
    Duplicate {
        /// The stored article.
        of: ArticleId,
    },
    /// Stored, and linked to the earlier article it nearly copies.
    NearDuplicate {
        /// The article it copies.
        of: ArticleId,
        /// Estimated shingle Jaccard similarity.
        similarity: f64,
    },
}

/// An article as stored, with what the store worked out about it.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    /// The article.
    #[serde(flatten)]
    pub article: Article,
    /// The earlier article this one nearly copies.
    pub duplicate_of: Option<ArticleId>,
    /// Similarity to that article.
    pub similarity: Option<f64>,
    /// When it was stored.
    pub ingested_at: DateTime<Utc>,
}

/// One line of an article listing (no text).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    /// Article id.
    pub id: ArticleId,
    /// Outlet.
    pub outlet: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publication time.
    pub published: Option<DateTime<Utc>>,
    /// Credits.
    pub credits: Vec<crosscheck_model::Credit>,
    /// The article it nearly copies.
    pub duplicate_of: Option<ArticleId>,
}

fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn parse_time(
    id: &str,
    field: &'static str,
    s: Option<String>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    s.map(|s| {
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| StoreError::Corrupt {
                id: id.to_string(),
                field,
                message: e.to_string(),
            })
    })
    .transpose()
}

fn json<T: serde::de::DeserializeOwned>(
    id: &str,
    field: &'static str,
    s: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt {
        id: id.to_string(),
        field,
        message: e.to_string(),
    })
}

impl Store {
    /// Adds one article in its own transaction.
    pub fn add(&mut self, article: &Article) -> Result<AddOutcome, StoreError> {
        self.add_batch(std::slice::from_ref(article))?.remove(0)
    }

    /// [`Store::add_batch`] for articles without an analysis.
    pub fn add_batch(
        &mut self,
        articles: &[Article],
    ) -> Result<Vec<Result<AddOutcome, StoreError>>, StoreError> {
        let items: Vec<(&Article, Option<&Analysis>)> =
            articles.iter().map(|a| (a, None)).collect();
        self.add_analysed(&items)
    }

    /// Adds articles, each with its analysis where given, in one transaction. An article
    /// that fails is rolled back alone and reported in its slot, the others are kept: the
    /// batch first runs without savepoints (the common case, and much faster), and only if an
    /// article fails is it run again with a savepoint around each article. An exact copy of a
    /// stored article stores no second analysis; it fills in the stored article's analysis
    /// if that is missing or older.
    pub fn add_analysed(
        &mut self,
        articles: &[(&Article, Option<&Analysis>)],
    ) -> Result<Vec<Result<AddOutcome, StoreError>>, StoreError> {
        let path = self.path.clone();
        let now = time_text(Utc::now());
        if let Some(outcomes) = self.try_batch(articles, &now)? {
            return Ok(outcomes.into_iter().map(Ok).collect());
        }
        let mut tx = self
            .conn
            .transaction()
            .context(|| format!("{path}: starting a batch"))?;
        let last_rowid = max_rowid(&tx).context(|| format!("{path}: starting a batch"))?;
        let mut out = Vec::with_capacity(articles.len());
        for &(article, analysis) in articles {
            let ctx = || format!("{path}: article {}", article.id);
            let mut sp = tx.savepoint().context(ctx)?;
            let result = add_one(&sp, article, analysis, &now);
            if result.is_err() {
                sp.rollback().context(ctx)?;
            }
            sp.commit().context(ctx)?;
            out.push(result);
        }
        index_text(&tx, last_rowid).context(|| format!("{path}: indexing a batch"))?;
        tx.commit()
            .context(|| format!("{path}: committing a batch"))?;
        Ok(out)
    }

    /// The whole batch in one transaction; `None` (all rolled back) if any article fails.
    fn try_batch(
        &mut self,
        articles: &[(&Article, Option<&Analysis>)],
        now: &str,
    ) -> Result<Option<Vec<AddOutcome>>, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .context(|| format!("{path}: starting a batch"))?;
        let last_rowid = max_rowid(&tx).context(|| format!("{path}: starting a batch"))?;
        let mut out = Vec::with_capacity(articles.len());
        for &(article, analysis) in articles {
            match add_one(&tx, article, analysis, now) {
                Ok(outcome) => out.push(outcome),
                Err(_) => return Ok(None),
            }
        }
        index_text(&tx, last_rowid).context(|| format!("{path}: indexing a batch"))?;
        tx.commit()
            .context(|| format!("{path}: committing a batch"))?;
        Ok(Some(out))
    }

    /// Number of stored articles.
    pub fn count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .context(|| format!("{}: counting articles", self.path))
    }

    /// Articles in the order they were stored, `limit` of them from `offset`.
    pub fn articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleRow>, StoreError> {
        let ctx = || format!("{}: listing articles", self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, outlet, title, published, credits, duplicate_of FROM articles ORDER BY rowid LIMIT ?1 OFFSET ?2",
            )
            .context(ctx)?;
        let rows = stmt
            .query_map(params![limit as i64, offset as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .context(ctx)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, outlet, title, published, credits, duplicate_of) = row.context(ctx)?;
            out.push(ArticleRow {
                published: parse_time(&id, "published", published)?,
                credits: json(&id, "credits", &credits)?,
                duplicate_of: duplicate_of.map(ArticleId::from_string),
                id: ArticleId::from_string(id),
                outlet,
                title,
            });
        }
        Ok(out)
    }

    /// The article with this id, or with this unique id prefix (at least 4 hex digits).
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        let ctx = || format!("{}: reading article {id}", self.path);
        let id = id.trim().to_ascii_lowercase();
        if id.len() < 4 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FULL_COLUMNS} FROM articles WHERE id >= ?1 AND id < ?2 LIMIT 2"
            ))
            .context(ctx)?;
        let upper = format!("{id}g");
        let mut found: Vec<RawArticle> = stmt
            .query_map(params![id, upper], RawArticle::from_row)
            .context(ctx)?
            .collect::<Result<_, _>>()
            .context(ctx)?;
        if found.len() != 1 {
            return Ok(None);
        }
        found.pop().map(RawArticle::decode).transpose()
    }

    /// Every source an exact copy of the article was read from (the first included), as
    /// written in messages: `file`, `file:line` or a URL.
    pub fn sightings(&self, id: &ArticleId) -> Result<Vec<String>, StoreError> {
        let ctx = || format!("{}: sightings of {id}", self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT source FROM sightings WHERE article_id = ?1 ORDER BY seen_at, source",
            )
            .context(ctx)?;
        let rows = stmt
            .query_map([id.as_str()], |r| r.get::<_, String>(0))
            .context(ctx)?;
        rows.map(|r| r.context(ctx)).collect()
    }
}

const FULL_COLUMNS: &str = "id, url, outlet, title, byline, published, language, text, credits, metadata, source, fingerprint, duplicate_of, similarity, ingested_at";

/// A row as read, before its JSON columns and times are decoded.
struct RawArticle {
    id: String,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    published: Option<String>,
    language: Option<String>,
    text: String,
    credits: String,
    metadata: String,
    source: String,
    fingerprint: Vec<u8>,
    duplicate_of: Option<String>,
    similarity: Option<f64>,
    ingested_at: String,
}

impl RawArticle {
    /// Reads the columns of [`FULL_COLUMNS`], in order.
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            url: r.get(1)?,
            outlet: r.get(2)?,
            title: r.get(3)?,
            byline: r.get(4)?,
            published: r.get(5)?,
            language: r.get(6)?,
            text: r.get(7)?,
            credits: r.get(8)?,
            metadata: r.get(9)?,
            source: r.get(10)?,
            fingerprint: r.get(11)?,
            duplicate_of: r.get(12)?,
            similarity: r.get(13)?,
            ingested_at: r.get(14)?,
        })
    }

    fn decode(self) -> Result<StoredArticle, StoreError> {
        let id = self.id;
        let article = Article {
            url: self.url,
            outlet: self.outlet,
            title: self.title,
            byline: self.byline,
            published: parse_time(&id, "published", self.published)?,
            language: self.language,
            text: self.text,
            credits: json(&id, "credits", &self.credits)?,
            fingerprint: decode_signature(&self.fingerprint),
            source: json(&id, "source", &self.source)?,
            metadata: json(&id, "metadata", &self.metadata)?,
            id: ArticleId::from_string(id.clone()),
        };
        Ok(StoredArticle {
            article,
            duplicate_of: self.duplicate_of.map(ArticleId::from_string),
            similarity: self.similarity,
            ingested_at: parse_time(&id, "ingested_at", Some(self.ingested_at))?
                .unwrap_or_default(),
        })
    }
}

fn decode_signature(blob: &[u8]) -> Vec<u32> {
    blob.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn add_one(
    tx: &Connection,
    article: &Article,
    analysis: Option<&Analysis>,
    now: &str,
) -> Result<AddOutcome, StoreError> {
    let ctx = || format!("storing article {} from {}", article.id, article.source);
    // The id is the hash of the clean text: an ignored insert is an exact duplicate.
    if insert_article(tx, article, now).context(ctx)? == 0 {
        insert_sighting(tx, article, now).context(ctx)?;
        if let Some(analysis) = analysis {
            analyses::upsert_for(tx, &article.id, analysis).context(ctx)?;
        }
        return Ok(AddOutcome::Duplicate {
            of: article.id.clone(),
        });
    }
    let rowid = tx.last_insert_rowid();
    if let Some(analysis) = analysis {
        analyses::insert(tx, rowid, analysis).context(ctx)?;
    }
    // Its own bands are not inserted yet, so the lookup cannot find the article itself.
    let near = nearest(tx, &article.fingerprint, article.text.len()).context(ctx)?;
    if let Some((of, similarity)) = &near {
        tx.prepare_cached(
            "UPDATE articles SET duplicate_of = ?1, similarity = ?2 WHERE rowid = ?3",
        )
        .and_then(|mut st| st.execute(params![of.as_str(), similarity, rowid]))
        .context(ctx)?;
    }
    insert_sighting(tx, article, now).context(ctx)?;
    insert_bands(tx, &article.fingerprint, rowid).context(ctx)?;
    Ok(match near {
        Some((of, similarity)) => AddOutcome::NearDuplicate { of, similarity },
        None => AddOutcome::New,
    })
}

/// Inserts the article row unless its id is stored; returns the number of rows inserted.
fn insert_article(tx: &Connection, article: &Article, now: &str) -> rusqlite::Result<usize> {
    let fingerprint: Vec<u8> = article
        .fingerprint
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect();
    tx.prepare_cached(&format!(
        "INSERT OR IGNORE INTO articles ({FULL_COLUMNS}) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL, NULL, ?13)"
    ))?
    .execute(params![
        article.id.as_str(),
        article.url,
        article.outlet,
        article.title,
        article.byline,
        article.published.map(time_text),
        article.language,
        article.text,
        serde_json::to_string(&article.credits).expect("credits serialise"),
        serde_json::to_string(&article.metadata).expect("metadata serialises"),
        serde_json::to_string(&article.source).expect("source serialises"),
        fingerprint,
        now,
    ])
}

fn max_rowid(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT coalesce(max(rowid), 0) FROM articles", [], |r| {
        r.get(0)
    })
}

/// Indexes the text of the articles added after `last_rowid`. FTS5 flushes its pending terms
/// at every savepoint, so indexing inside each article's savepoint would write one tiny
/// segment per article; the batch is indexed at once instead, in the same transaction.
fn index_text(conn: &Connection, last_rowid: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, text) \
         SELECT rowid, coalesce(title, ''), text FROM articles WHERE rowid > ?1",
        [last_rowid],
    )
    .map(|_| ())
}

fn insert_sighting(tx: &Connection, article: &Article, now: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO sightings (article_id, source, outlet, url, seen_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![article.id.as_str(), article.source.to_string(), article.outlet, article.url, now])
    .map(|_| ())
}

/// Inserts all band keys of one article in one statement.
fn insert_bands(conn: &Connection, signature: &[u32], rowid: i64) -> rusqlite::Result<()> {
    let keys = crosscheck_minhash::band_keys(signature);
    if keys.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT OR IGNORE INTO lsh_bands (key, article_rowid) VALUES {}",
        vec!["(?, ?)"; keys.len()].join(", ")
    );
    let params: Vec<i64> = keys.iter().flat_map(|&k| [k, rowid]).collect();
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(params))
        .map(|_| ())
}

/// Most candidates examined per article: the ones sharing the most LSH bands come first, so
/// a template that matches thousands of short reports cannot make ingest quadratic.
const MAX_CANDIDATES: i64 = 64;

/// The most similar stored article at or above the threshold for the shorter of the two
/// texts ([`NEAR_DUPLICATE_SIMILARITY`], or [`SHORT_TEXT_SIMILARITY`]), earliest on ties.
fn nearest(
    tx: &Connection,
    signature: &[u32],
    text_bytes: usize,
) -> rusqlite::Result<Option<(ArticleId, f64)>> {
    if signature.is_empty() {
        return Ok(None);
    }
    let keys = crosscheck_minhash::band_keys(signature);
    let placeholders = vec!["?"; keys.len()].join(",");
    let sql = format!(
        "SELECT a.id, a.fingerprint, length(CAST(a.text AS BLOB)) FROM (SELECT article_rowid, count(*) AS shared FROM lsh_bands \
         WHERE key IN ({placeholders}) GROUP BY article_rowid ORDER BY shared DESC, article_rowid LIMIT {MAX_CANDIDATES}) c \
         JOIN articles a ON a.rowid = c.article_rowid ORDER BY a.rowid"
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut best: Option<(ArticleId, f64)> = None;
    let rows = stmt.query_map(rusqlite::params_from_iter(keys.iter()), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Vec<u8>>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (id, blob, other_bytes) = row?;
        let other = decode_signature(&blob);
        let sim = crosscheck_minhash::similarity(signature, &other);
        let shorter = other_bytes.min(text_bytes as i64);
        let threshold = if shorter < SHORT_TEXT_BYTES {
            SHORT_TEXT_SIMILARITY
        } else {
            NEAR_DUPLICATE_SIMILARITY
        };
        if sim >= threshold && best.as_ref().is_none_or(|(_, b)| sim > *b) {
            best = Some((ArticleId::from_string(id), sim));
        }
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str, title: &str) -> Article {
        let mut a = Article::new(ArticleId::of_text(text), text.into());
        a.title = Some(title.into());
        a.fingerprint = crosscheck_minhash::signature(text);
        a
    }

    #[test]
    fn a_failing_article_is_rolled_back_alone() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute_batch(
                "CREATE TEMP TRIGGER poison BEFORE INSERT ON articles WHEN NEW.title = 'poison' \
                 BEGIN SELECT RAISE(ABORT, 'poisoned'); END;",
            )
            .unwrap();
        let batch = [
            article(
                "First good article about grain harvests in Kansas this year.",
                "good",
            ),
            article(
                "A poisoned article that the trigger refuses to store.",
                "poison",
            ),
            article(
                "Second good article about rainfall and cocoa crops in Bahia.",
                "good",
            ),
        ];
        let results = store.add_batch(&batch).unwrap();
        assert_eq!(results[0].as_ref().unwrap(), &AddOutcome::New);
        let err = results[1].as_ref().unwrap_err().to_string();
        assert!(err.contains("poisoned"), "{err}");
        assert_eq!(results[2].as_ref().unwrap(), &AddOutcome::New);
        assert_eq!(store.count().unwrap(), 2);
        assert_eq!(
            store.search("cocoa", 5).unwrap().len(),
            1,
            "the survivors are indexed"
        );
        assert!(store.search("poisoned", 5).unwrap().is_empty());
        let bands: i64 = store
            .conn
            .query_row("SELECT count(*) FROM lsh_bands", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            bands as usize,
            2 * crosscheck_minhash::SIGNATURE_LEN / crosscheck_minhash::BAND_ROWS
        );
    }
}
