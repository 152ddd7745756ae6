//! Full-text search over titles and texts (SQLite FTS5, BM25 ranking with titles weighted
//! higher), with highlighted snippets. User queries are quoted term by term, so punctuation
//! never becomes FTS syntax; `"quoted phrases"` and `OR` keep their meaning.

use chrono::{DateTime, Utc};
use crosscheck_model::ArticleId;
use rusqlite::params;
use serde::Serialize;

use crate::error::Context;
use crate::{Store, StoreError};

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// Article id.
    pub id: ArticleId,
    /// Title.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication time.
    pub published: Option<DateTime<Utc>>,
    /// Matching passage with hits between `[` and `]`.
    pub snippet: String,
    /// BM25 score (higher is better).
    pub score: f64,
}

impl Store {
    /// The best `limit` articles for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let ctx = || format!("{}: searching for {query:?}", self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.title, a.outlet, a.published, \
                 snippet(articles_fts, 1, '[', ']', '…', 16), bm25(articles_fts, 5.0, 1.0) AS rank \
                 FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid \
                 WHERE articles_fts MATCH ?1 ORDER BY rank, a.rowid LIMIT ?2",
            )
            .context(ctx)?;
        let rows = stmt
            .query_map(params![fts, limit as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get(4)?,
                    r.get::<_, f64>(5)?,
                ))
            })
            .context(ctx)?;
        let mut hits = Vec::new();
        for row in rows {
            let (id, title, outlet, published, snippet, rank) = row.context(ctx)?;
            hits.push(SearchHit {
                published: published
                    .and_then(|p| DateTime::parse_from_rfc3339(&p).ok())
                    .map(|p| p.with_timezone(&Utc)),
                id: ArticleId::from_string(id),
                title,
                outlet,
                snippet,
                score: -rank,
            });
        }
        Ok(hits)
    }
}

/// Turns user text into a safe FTS5 query: terms quoted, phrases kept, `OR` kept.
fn fts_query(query: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (i, chunk) in query.split('"').enumerate() {
        if i % 2 == 1 {
            let phrase = chunk.split_whitespace().collect::<Vec<_>>().join(" ");
            if !phrase.is_empty() {
                parts.push(format!("\"{}\"", phrase.replace('"', "")));
            }
            continue;
        }
        for word in chunk.split_whitespace() {
            if word == "OR" {
                parts.push("OR".into());
                continue;
            }
            let term: String = word
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
                .collect();
            if !term.is_empty() {
                parts.push(format!("\"{term}\""));
            }
        }
    }
    while parts.last().is_some_and(|p| p == "OR") {
        parts.pop();
    }
    while parts.first().is_some_and(|p| p == "OR") {
        parts.remove(0);
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_made_safe() {
        assert_eq!(fts_query("north korean").unwrap(), "\"north\" \"korean\"");
        assert_eq!(
            fts_query("\"small engagements\" OR clashes").unwrap(),
            "\"small engagements\" OR \"clashes\""
        );
        assert_eq!(fts_query("NEAR( * ) AND:").unwrap(), "\"NEAR\" \"AND\"");
        assert_eq!(fts_query("  ** "), None);
    }
}
