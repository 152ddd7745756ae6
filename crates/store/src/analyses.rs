//! Stored analyses: the analyze stage's output for each stored article, as versioned JSON
//! keyed by the article's row, read back whole.

use crosscheck_model::{Analysis, ArticleId};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Context;
use crate::{Store, StoreError};

fn encode(analysis: &Analysis) -> String {
    serde_json::to_string(analysis).expect("an analysis serialises")
}

/// Stores the analysis of the article at `rowid`.
pub(crate) fn insert(tx: &Connection, rowid: i64, analysis: &Analysis) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO analyses (article_rowid, version, analysis) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![rowid, analysis.version, encode(analysis)])
    .map(|_| ())
}

/// Stores the analysis of the stored article `id` when it has none or an older one.
pub(crate) fn upsert_for(
    tx: &Connection,
    id: &ArticleId,
    analysis: &Analysis,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO analyses (article_rowid, version, analysis) \
         SELECT rowid, ?2, ?3 FROM articles WHERE id = ?1 \
         ON CONFLICT(article_rowid) DO UPDATE SET version = excluded.version, \
         analysis = excluded.analysis WHERE excluded.version > analyses.version",
    )?
    .execute(params![id.as_str(), analysis.version, encode(analysis)])
    .map(|_| ())
}

impl Store {
    /// The stored analysis of article `id` (the full id), if it has one.
    pub fn analysis(&self, id: &ArticleId) -> Result<Option<Analysis>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT n.analysis FROM analyses n JOIN articles a ON a.rowid = n.article_rowid \
                 WHERE a.id = ?1",
                [id.as_str()],
                |r| r.get(0),
            )
            .optional()
            .context(|| format!("{}: reading the analysis of {id}", self.path))?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|e| StoreError::Corrupt {
                id: id.to_string(),
                field: "analysis",
                message: e.to_string(),
            })
        })
        .transpose()
    }

    /// Number of stored articles that have an analysis.
    pub fn analysed_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM analyses", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .context(|| format!("{}: counting analyses", self.path))
    }
}

#[cfg(test)]
mod tests {
    use crosscheck_model::{Article, Sentence, Span, ANALYSIS_VERSION};

    use super::*;

    fn analysed(text: &str, version: u32) -> (Article, Analysis) {
        let article = Article::new(ArticleId::of_text(text), text.into());
        let analysis = Analysis {
            version,
            article: article.id.clone(),
            sentences: vec![Sentence {
                span: Span::new(0, text.len()),
                paragraph: 0,
            }],
            headings: vec![],
            quantities: vec![],
            dates: vec![],
            quotes: vec![],
            entities: vec![],
            events: vec![],
        };
        (article, analysis)
    }

    #[test]
    fn analyses_are_stored_with_articles_and_copies_fill_in_missing_ones() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, an) = analysed(
            "Umerov confirmed small engagements near Kursk.",
            ANALYSIS_VERSION,
        );
        let (b, bn) = analysed("Seoul said there was no direct combat.", ANALYSIS_VERSION);
        store.add_analysed(&[(&a, Some(&an))]).unwrap();
        store.add(&b).unwrap();
        assert_eq!(store.analysis(&a.id).unwrap(), Some(an));
        assert_eq!(store.analysis(&b.id).unwrap(), None);
        // An exact copy arriving with an analysis fills in the missing one.
        store.add_analysed(&[(&b, Some(&bn))]).unwrap();
        assert_eq!(store.analysis(&b.id).unwrap(), Some(bn.clone()));
        assert_eq!(store.analysed_count().unwrap(), 2);
        // An older analysis never replaces a newer one.
        let (_, old) = analysed("Seoul said there was no direct combat.", 0);
        let mut old = old;
        old.sentences.clear();
        store.add_analysed(&[(&b, Some(&old))]).unwrap();
        assert_eq!(store.analysis(&b.id).unwrap(), Some(bn));
    }
}
