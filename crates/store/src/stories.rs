//! Stories in the store: which story each article belongs to, story merges, topics, the
//! grouping's saved profiles and state, and story listings with their members.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crosscheck_model::ArticleId;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::Context;
use crate::{Store, StoreError, StoredArticle};

/// One change the grouping made, applied to the store in order.
#[derive(Debug, Clone, PartialEq)]
pub enum StoryChange {
    /// The article joined (or opened) the story.
    Assign {
        /// The article.
        article: ArticleId,
        /// The story.
        story: u64,
    },
    /// Story `from` merged into story `into`: its articles move.
    Merge {
        /// The story absorbed.
        from: u64,
        /// The story that remains.
        into: u64,
    },
    /// The story's profile (opaque JSON from the grouping), saved for topics and listings.
    Profile {
        /// The story.
        story: u64,
        /// The profile.
        json: String,
    },
    /// What the story's members add up to, recomputed when they change.
    Summary {
        /// The story.
        story: u64,
        /// Independent origins among its articles.
        independent: usize,
        /// Its most mentioned entities, most first.
        entities: Vec<String>,
    },
    /// The story belongs to this topic.
    Topic {
        /// The story.
        story: u64,
        /// The topic.
        topic: u64,
    },
}

/// One line of a story listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryRow {
    /// Story id.
    pub id: u64,
    /// Topic id, once topics are linked.
    pub topic: Option<u64>,
    /// The title of its earliest article (or that article's first line).
    pub title: Option<String>,
    /// Earliest publication time among its articles.
    pub first: Option<DateTime<Utc>>,
    /// Latest publication time among its articles.
    pub last: Option<DateTime<Utc>>,
    /// Articles, exact copies included.
    pub articles: usize,
    /// Distinct texts (exact copies excluded).
    pub texts: usize,
    /// Independent origins, as last summarised.
    pub independent_origins: Option<usize>,
    /// Most mentioned entities, as last summarised.
    pub entities: Vec<String>,
}

impl Store {
    /// Applies the grouping's changes in one transaction.
    pub fn apply_story_changes(&mut self, changes: &[StoryChange]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let ctx = || format!("{path}: saving stories");
        let tx = self.conn.transaction().context(ctx)?;
        for change in changes {
            apply(&tx, change).context(ctx)?;
        }
        tx.commit().context(ctx)
    }

    /// Forgets every story, topic and the grouping state (before a regroup).
    pub fn clear_stories(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.conn
            .execute_batch(
                "BEGIN; DELETE FROM story_articles; DELETE FROM stories; \
                 DELETE FROM state WHERE key LIKE 'group%'; COMMIT;",
            )
            .context(|| format!("{path}: clearing stories"))
    }

    /// Saves a named state blob.
    pub fn set_state(&mut self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO state (key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map(|_| ())
            .context(|| format!("{}: saving state {key}", self.path))
    }

    /// A named state blob, if saved.
    pub fn state(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.conn
            .query_row("SELECT value FROM state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .context(|| format!("{}: reading state {key}", self.path))
    }

    /// Every story, newest first (by its latest article), in one pass over the articles.
    pub fn all_stories(&self) -> Result<Vec<StoryRow>, StoreError> {
        let mut rows = self.story_rows(None)?;
        rows.sort_by(|a, b| b.last.cmp(&a.last).then(b.id.cmp(&a.id)));
        Ok(rows)
    }

    /// Stories newest first (by their latest article), `limit` of them from `offset`.
    /// The page's ids come from one aggregate query; only their rows are read in full.
    pub fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StoryRow>, StoreError> {
        let ctx = || format!("{}: listing stories", self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT m.story FROM story_articles m JOIN articles a ON a.rowid = m.article_rowid \
                 GROUP BY m.story \
                 ORDER BY max(a.published) IS NULL, max(a.published) DESC, m.story DESC \
                 LIMIT ?1 OFFSET ?2",
            )
            .context(ctx)?;
        let clamp = |n: usize| n.min(i64::MAX as usize) as i64;
        let ids: Vec<i64> = stmt
            .query_map(params![clamp(limit), clamp(offset)], |r| r.get(0))
            .context(ctx)?
            .collect::<Result<_, _>>()
            .context(ctx)?;
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            rows.extend(self.story_rows(Some(id as u64))?);
        }
        Ok(rows)
    }

    /// One story's listing row.
    pub fn story(&self, id: u64) -> Result<Option<StoryRow>, StoreError> {
        Ok(self.story_rows(Some(id))?.pop())
    }

    /// The saved profiles (JSON) of the `limit` newest stories that have one (the retired
    /// ones), oldest first.
    pub fn recent_story_profiles(&self, limit: usize) -> Result<Vec<(u64, String)>, StoreError> {
        let ctx = || format!("{}: reading story profiles", self.path);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, profile FROM stories WHERE profile IS NOT NULL \
                 ORDER BY id DESC LIMIT ?1",
            )
            .context(ctx)?;
        let rows = stmt
            .query_map([limit.min(i64::MAX as usize) as i64], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get(1)?))
            })
            .context(ctx)?;
        let mut out: Vec<(u64, String)> = rows.map(|r| r.context(ctx)).collect::<Result<_, _>>()?;
        out.reverse();
        Ok(out)
    }

    /// The topic of each story in `ids`, if it has one.
    pub fn story_topics(&self, ids: &[u64]) -> Result<Vec<Option<u64>>, StoreError> {
        let ctx = || format!("{}: reading story topics", self.path);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT topic FROM stories WHERE id = ?1")
            .context(ctx)?;
        ids.iter()
            .map(|&id| {
                stmt.query_row([id as i64], |r| r.get::<_, Option<i64>>(0))
                    .optional()
                    .map(|t| t.flatten().map(|t| t as u64))
                    .context(ctx)
            })
            .collect()
    }

    /// The first topic id not in use.
    pub fn next_topic(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(topic) + 1, 0) FROM stories", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|t| t as u64)
            .context(|| format!("{}: reading topics", self.path))
    }

    /// The articles of a story, oldest first (undated ones in the order they were stored),
    /// each with the number of inputs it was read from (1 + exact copies).
    pub fn story_members(&self, id: u64) -> Result<Vec<(StoredArticle, usize)>, StoreError> {
        let ctx = || format!("{}: reading story {id}", self.path);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, (SELECT count(*) FROM sightings s WHERE s.article_id = a.id) \
                 FROM story_articles m JOIN articles a ON a.rowid = m.article_rowid \
                 WHERE m.story = ?1 ORDER BY a.published IS NULL, a.published, a.rowid",
            )
            .context(ctx)?;
        let ids: Vec<(String, i64)> = stmt
            .query_map([id as i64], |r| Ok((r.get(0)?, r.get(1)?)))
            .context(ctx)?
            .collect::<Result<_, _>>()
            .context(ctx)?;
        let mut out = Vec::with_capacity(ids.len());
        for (article, seen) in ids {
            if let Some(stored) = self.article(&article)? {
                out.push((stored, seen.max(1) as usize));
            }
        }
        Ok(out)
    }

    /// Every stored article id, oldest first by publication time (undated ones last, in the
    /// order they were stored): the order `regroup` replays them in.
    pub fn ids_by_time(&self) -> Result<Vec<ArticleId>, StoreError> {
        let ctx = || format!("{}: listing articles by time", self.path);
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles ORDER BY published IS NULL, published, rowid")
            .context(ctx)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).context(ctx)?;
        rows.map(|r| r.map(ArticleId::from_string).context(ctx))
            .collect()
    }

    /// The story an article belongs to.
    pub fn story_of(&self, article: &ArticleId) -> Result<Option<u64>, StoreError> {
        self.conn
            .query_row(
                "SELECT m.story FROM story_articles m JOIN articles a ON a.rowid = m.article_rowid \
                 WHERE a.id = ?1",
                [article.as_str()],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map(|s| s.map(|s| s as u64))
            .context(|| format!("{}: finding the story of {article}", self.path))
    }

    fn story_rows(&self, only: Option<u64>) -> Result<Vec<StoryRow>, StoreError> {
        let ctx = || format!("{}: listing stories", self.path);
        let mut stmt = self
            .conn
            .prepare_cached(if only.is_some() {
                STORY_ROWS_ONE
            } else {
                STORY_ROWS_ALL
            })
            .context(ctx)?;
        let mut rows = match only {
            Some(id) => stmt.query(params![id as i64]),
            None => stmt.query([]),
        }
        .context(ctx)?;
        let mut stories: BTreeMap<u64, StoryRow> = BTreeMap::new();
        while let Some(r) = rows.next().context(ctx)? {
            let story = r.get::<_, i64>(0).context(ctx)? as u64;
            let id: String = r.get(2).context(ctx)?;
            let title: Option<String> = r.get(3).context(ctx)?;
            let published = crate::articles::parse_time(&id, "published", r.get(4).context(ctx)?)?;
            let seen = r.get::<_, i64>(5).context(ctx)?.max(1) as usize;
            let row = stories.entry(story).or_insert_with(|| StoryRow {
                id: story,
                topic: None,
                title: None,
                first: None,
                last: None,
                articles: 0,
                texts: 0,
                independent_origins: None,
                entities: Vec::new(),
            });
            if row.texts == 0 {
                row.independent_origins =
                    r.get::<_, Option<i64>>(6).context(ctx)?.map(|n| n as usize);
                if let Some(json) = r.get::<_, Option<String>>(7).context(ctx)? {
                    row.entities =
                        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                            id: format!("story {story}"),
                            field: "entities",
                            message: e.to_string(),
                        })?;
                }
            }
            row.topic = r.get::<_, Option<i64>>(1).context(ctx)?.map(|t| t as u64);
            if row.title.is_none() {
                let untitled: bool = r.get(8).context(ctx)?;
                row.title = title.as_deref().and_then(|t| headline(t, untitled));
            }
            row.first = row.first.min(published).or(published).or(row.first);
            row.last = row.last.max(published);
            row.articles += seen;
            row.texts += 1;
        }
        Ok(stories.into_values().collect())
    }
}

/// The listing rows of stories' articles, story by story, oldest article first: of every
/// story, or (`STORY_ROWS_ONE`) of the one story `?1`, through the index on `story`.
macro_rules! story_rows_sql {
    ($filter:literal) => {
        concat!(
            "SELECT m.story, s.topic, a.id, coalesce(a.title, substr(a.text, 1, 200)), a.published, ",
            "(SELECT count(*) FROM sightings g WHERE g.article_id = a.id), ",
            "s.independent, s.entities, a.title IS NULL ",
            "FROM story_articles m JOIN articles a ON a.rowid = m.article_rowid ",
            "LEFT JOIN stories s ON s.id = m.story ",
            $filter,
            " ORDER BY m.story, a.published IS NULL, a.published, a.rowid"
        )
    };
}
const STORY_ROWS_ALL: &str = story_rows_sql!("");
const STORY_ROWS_ONE: &str = story_rows_sql!("WHERE m.story = ?1");

/// Most characters of a headline made from an untitled article's text.
const HEADLINE_CHARS: usize = 100;

/// A story's headline: the title's first line, or for an untitled article (`text` is the
/// start of its text) the first line cut at a word boundary with an ellipsis.
fn headline(text: &str, untitled: bool) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    if !untitled || line.chars().count() <= HEADLINE_CHARS {
        return Some(line.to_string());
    }
    let end = line
        .char_indices()
        .nth(HEADLINE_CHARS)
        .map_or(line.len(), |(i, _)| i);
    let cut = line[..end].rfind(char::is_whitespace).unwrap_or(end);
    let head = line[..cut].trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    Some(format!("{head}…"))
}

fn apply(tx: &rusqlite::Connection, change: &StoryChange) -> rusqlite::Result<()> {
    match change {
        StoryChange::Assign { article, story } => {
            tx.prepare_cached("INSERT OR IGNORE INTO stories (id) VALUES (?1)")?
                .execute([*story as i64])?;
            tx.prepare_cached(
                "INSERT OR REPLACE INTO story_articles (article_rowid, story) \
                 SELECT rowid, ?2 FROM articles WHERE id = ?1",
            )?
            .execute(params![article.as_str(), *story as i64])?;
        }
        StoryChange::Merge { from, into } => {
            tx.prepare_cached("INSERT OR IGNORE INTO stories (id) VALUES (?1)")?
                .execute([*into as i64])?;
            tx.prepare_cached("UPDATE story_articles SET story = ?2 WHERE story = ?1")?
                .execute(params![*from as i64, *into as i64])?;
            tx.prepare_cached("DELETE FROM stories WHERE id = ?1")?
                .execute([*from as i64])?;
        }
        StoryChange::Profile { story, json } => {
            tx.prepare_cached(
                "INSERT INTO stories (id, profile) VALUES (?1, ?2) \
                 ON CONFLICT(id) DO UPDATE SET profile = excluded.profile",
            )?
            .execute(params![*story as i64, json])?;
        }
        StoryChange::Summary {
            story,
            independent,
            entities,
        } => {
            let entities = serde_json::to_string(entities).expect("names serialise");
            tx.prepare_cached(
                "INSERT INTO stories (id, independent, entities) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(id) DO UPDATE SET independent = excluded.independent, \
                 entities = excluded.entities",
            )?
            .execute(params![*story as i64, *independent as i64, entities])?;
        }
        StoryChange::Topic { story, topic } => {
            tx.prepare_cached(
                "INSERT INTO stories (id, topic) VALUES (?1, ?2) \
                 ON CONFLICT(id) DO UPDATE SET topic = excluded.topic",
            )?
            .execute(params![*story as i64, *topic as i64])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crosscheck_model::Article;

    use super::*;

    #[test]
    fn untitled_stories_are_headed_by_their_first_line_cut_at_a_word() {
        let long = "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects";
        let h = headline(long, true).unwrap();
        assert_eq!(h, "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early…");
        assert!(h.chars().count() <= HEADLINE_CHARS + 1);
        assert_eq!(headline(long, false).unwrap(), long);
        assert_eq!(
            headline("\n  Short first line\nmore", true).unwrap(),
            "Short first line"
        );
        assert_eq!(headline("  \n ", true), None);
    }

    fn add(store: &mut Store, text: &str, published: &str) -> ArticleId {
        let mut a = Article::new(ArticleId::of_text(text), text.into());
        a.title = Some(text.split('.').next().unwrap().to_string());
        a.published = Some(published.parse().unwrap());
        store.add(&a).unwrap();
        a.id
    }

    #[test]
    fn pages_match_the_full_listing_dated_first() {
        let mut store = Store::open_in_memory().unwrap();
        let mut changes = Vec::new();
        for (i, day) in [3, 1, 0, 2, 1, 0].into_iter().enumerate() {
            let text = format!("Story number {i} happened. More.");
            let id = if day == 0 {
                let mut a = Article::new(ArticleId::of_text(&text), text.clone());
                a.title = Some(format!("Undated {i}"));
                store.add(&a).unwrap();
                a.id
            } else {
                add(&mut store, &text, &format!("2024-11-0{day}T08:00:00Z"))
            };
            let story = i as u64 + 1;
            changes.push(StoryChange::Assign { article: id, story });
        }
        store.apply_story_changes(&changes).unwrap();
        let all: Vec<u64> = store.all_stories().unwrap().iter().map(|r| r.id).collect();
        // Latest first, ties by the newest id, undated stories last.
        assert_eq!(all, vec![1, 4, 5, 2, 6, 3]);
        for (limit, offset) in [(2, 0), (2, 2), (4, 3), (10, 5), (3, 9)] {
            let page: Vec<u64> = store
                .stories(limit, offset)
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect();
            let want: Vec<u64> = all.iter().skip(offset).take(limit).copied().collect();
            assert_eq!(page, want, "limit {limit} offset {offset}");
        }
    }

    #[test]
    fn assignments_merges_and_listings() {
        let mut store = Store::open_in_memory().unwrap();
        let a = add(
            &mut store,
            "Troops clashed in Kursk. More.",
            "2024-11-05T08:00:00Z",
        );
        let b = add(
            &mut store,
            "Seoul denied direct combat. More.",
            "2024-11-05T12:00:00Z",
        );
        let c = add(
            &mut store,
            "An earthquake hit Chile. More.",
            "2024-11-06T12:00:00Z",
        );
        store
            .apply_story_changes(&[
                StoryChange::Assign {
                    article: a.clone(),
                    story: 1,
                },
                StoryChange::Assign {
                    article: b.clone(),
                    story: 2,
                },
                StoryChange::Assign {
                    article: c.clone(),
                    story: 3,
                },
                StoryChange::Merge { from: 2, into: 1 },
                StoryChange::Topic { story: 1, topic: 7 },
                StoryChange::Profile {
                    story: 3,
                    json: "{}".into(),
                },
                StoryChange::Summary {
                    story: 1,
                    independent: 2,
                    entities: vec!["Kursk".into()],
                },
            ])
            .unwrap();
        let rows = store.stories(10, 0).unwrap();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![3, 1]);
        let kursk = &rows[1];
        assert_eq!((kursk.articles, kursk.texts, kursk.topic), (2, 2, Some(7)));
        assert_eq!(kursk.independent_origins, Some(2));
        assert_eq!(kursk.entities, vec!["Kursk".to_string()]);
        assert_eq!(kursk.title.as_deref(), Some("Troops clashed in Kursk"));
        assert_eq!(
            kursk.first.unwrap().to_rfc3339(),
            "2024-11-05T08:00:00+00:00"
        );
        assert_eq!(
            kursk.last.unwrap().to_rfc3339(),
            "2024-11-05T12:00:00+00:00"
        );
        assert_eq!(store.story_of(&b).unwrap(), Some(1));
        let members = store.story_members(1).unwrap();
        assert_eq!(members[0].0.article.id, a);
        assert_eq!(
            store.recent_story_profiles(5).unwrap(),
            vec![(3, "{}".to_string())]
        );
        assert!(store.recent_story_profiles(0).unwrap().is_empty());
        assert_eq!(
            store.story_topics(&[1, 3, 9]).unwrap(),
            [Some(7), None, None]
        );
        assert_eq!(store.next_topic().unwrap(), 8);
        assert_eq!(store.story(2).unwrap(), None);
        store.set_state("group", b"state").unwrap();
        assert_eq!(
            store.state("group").unwrap().as_deref(),
            Some(&b"state"[..])
        );
        store.clear_stories().unwrap();
        assert!(store.stories(10, 0).unwrap().is_empty());
        assert_eq!(store.state("group").unwrap(), None);
    }
}
