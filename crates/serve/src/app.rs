//! The server's state: a pool of read connections to the store, caches of the story listing
//! and of briefs that stay valid until anything commits to the store (its data version,
//! so writes by another process count too), and one writer that ingests like `ingest`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;
use crosscheck_analyze::Analyzer;
use crosscheck_brief::Format;
use crosscheck_ingest::{IngestOptions, Ingestor};
use crosscheck_model::Analysis;
use crosscheck_pipeline::read::{Reader, RecordOutcome};
use crosscheck_pipeline::{Grouping, Story};
use crosscheck_store::{Store, StoredArticle, StoryRow};

use crate::error::{ApiError, ServeError};
use crate::ServeConfig;

/// Read connections kept open between requests.
const POOL: usize = 16;
/// Stories whose briefs are cached before the cache is emptied.
const BRIEF_CACHE: usize = 512;

/// A value computed at a data version of the store.
type Versioned<T> = Option<(i64, Arc<T>)>;
/// A cache slot: whoever holds its lock computes, the others wait for the result.
type Slot<T> = Arc<Mutex<Versioned<T>>>;

/// The writer: the store connection that writes, and the grouping it places articles with.
struct Writer {
    store: Store,
    grouping: Grouping,
    ingestor: Ingestor,
}

/// What a story page and `GET /api/stories/{id}` need: the listing row and the brief, and
/// the brief rendered in each format once asked for.
pub struct StoryView {
    /// The listing row.
    pub row: StoryRow,
    /// The brief (with its comparison).
    pub brief: crosscheck_brief::Brief,
    rendered: [OnceLock<Bytes>; 3],
}

impl StoryView {
    /// The brief rendered in `format`, rendered once (the bytes are shared, not copied).
    pub fn rendered(&self, format: Format) -> Bytes {
        let slot = match format {
            Format::Json => 0,
            Format::Markdown => 1,
            Format::Html => 2,
        };
        self.rendered[slot]
            .get_or_init(|| match format {
                // Compact JSON of the brief already built: the API's form of `--format json`.
                Format::Json => serde_json::to_vec(&self.brief)
                    .expect("a brief serialises")
                    .into(),
                _ => crosscheck_brief::render(&self.brief.comparison, format).into(),
            })
            .clone()
    }
}

/// The server's shared state.
pub struct App {
    data: PathBuf,
    token: Option<String>,
    body_limit: usize,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Writer>,
    analyzer: Analyzer,
    watcher: Mutex<Store>,
    unsettled: AtomicBool,
    listing: Mutex<Versioned<Vec<StoryRow>>>,
    views: Mutex<HashMap<u64, Slot<StoryView>>>,
}

impl App {
    /// Opens the store in the configured data directory and resumes its grouping.
    pub fn open(config: &ServeConfig) -> Result<Self, ServeError> {
        let store = Store::open(&config.data)?;
        let grouping =
            Grouping::resume(&store).map_err(|e| ServeError::Pipeline(format!("{e:#}")))?;
        Ok(App {
            data: config.data.clone(),
            token: config.token.clone().filter(|t| !t.is_empty()),
            body_limit: config.body_limit,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(Writer {
                store,
                grouping,
                ingestor: Ingestor::new(IngestOptions::default()),
            }),
            analyzer: Analyzer::default(),
            watcher: Mutex::new(Store::open(&config.data)?),
            unsettled: AtomicBool::new(false),
            listing: Mutex::new(None),
            views: Mutex::new(HashMap::new()),
        })
    }

    /// The token writes must carry, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The largest request body accepted, in bytes.
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }

    /// The data directory.
    pub fn data(&self) -> &Path {
        &self.data
    }

    /// Runs `f` with a read connection from the pool (opening one if none is free).
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let pooled = self.readers.lock().expect("pool lock").pop();
        let store = match pooled {
            Some(s) => s,
            None => Store::open(&self.data)?,
        };
        let result = f(&store);
        let mut pool = self.readers.lock().expect("pool lock");
        if pool.len() < POOL {
            pool.push(store);
        }
        result
    }

    /// A stored article (by id or id prefix) with its analysis and its story, or 404.
    pub fn article(
        &self,
        id: &str,
    ) -> Result<(StoredArticle, Option<Analysis>, Option<u64>), ApiError> {
        self.read(|s| {
            let stored = s
                .article(id)?
                .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))?;
            let analysis = s.analysis(&stored.article.id)?;
            let story = s.story_of(&stored.article.id)?;
            Ok((stored, analysis, story))
        })
    }

    /// The store's data version: what caches are checked against.
    fn version(&self) -> Result<i64, ApiError> {
        Ok(self.watcher.lock().expect("watcher lock").data_version()?)
    }

    /// Every story, newest first (cached until the store changes).
    pub fn listing(&self) -> Result<Arc<Vec<StoryRow>>, ApiError> {
        let version = self.version()?;
        let mut slot = self.listing.lock().expect("listing lock");
        if let Some((v, rows)) = slot.as_ref() {
            if *v == version {
                return Ok(rows.clone());
            }
        }
        let rows = Arc::new(self.read(|s| Ok(s.all_stories()?))?);
        *slot = Some((version, rows.clone()));
        Ok(rows)
    }

    /// One story with its brief (cached until the store changes), or 404.
    pub fn story(&self, id: u64) -> Result<Arc<StoryView>, ApiError> {
        let version = self.version()?;
        let slot: Slot<StoryView> = {
            let mut views = self.views.lock().expect("views lock");
            if views.len() >= BRIEF_CACHE && !views.contains_key(&id) {
                views.clear();
            }
            views.entry(id).or_default().clone()
        };
        let mut slot = slot.lock().expect("view lock");
        if let Some((v, view)) = slot.as_ref() {
            if *v == version {
                return Ok(view.clone());
            }
        }
        let view = Arc::new(self.read(|s| {
            let row = s
                .story(id)?
                .ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
            let mut story = Story::load(s, id)?;
            story.analyse_missing();
            let brief = crosscheck_brief::brief(&story.compare());
            Ok(StoryView {
                row,
                brief,
                rendered: Default::default(),
            })
        })?);
        *slot = Some((version, view.clone()));
        Ok(view)
    }

    /// Ingests JSON Lines records (one JSON object each, already split): analyses them in
    /// parallel, stores them, places them into stories and commits the grouping. Each record
    /// gets its outcome, in order; a malformed record is rejected alone.
    pub fn ingest(&self, records: &[String]) -> Result<Vec<RecordOutcome>, ApiError> {
        let mut w = self.writer.lock().expect("writer lock");
        let Writer {
            store,
            grouping,
            ingestor,
        } = &mut *w;
        let reader = Reader {
            ingestor,
            format: None,
            analyzer: Some(&self.analyzer),
        };
        let parsed = records
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let name = format!("request record {i}");
                let mut read = ingestor.read_json_lines(&name, line, 1);
                match read.len() {
                    1 => read.pop().expect("one result"),
                    _ => Err(crosscheck_ingest::IngestError::Empty { input: name }),
                }
            })
            .collect();
        let results = reader.analyse(parsed);
        let outcomes = crosscheck_pipeline::read::store_records(store, results, Some(grouping))
            .map_err(|e| ApiError::internal(format!("{e:#}")))?;
        grouping
            .summarise(store)
            .map_err(|e| ApiError::internal(format!("{e:#}")))?;
        self.unsettled.store(true, Ordering::Release);
        Ok(outcomes)
    }

    /// Links topics and saves the grouping state if records arrived since the last time:
    /// the costly part of a commit, run every few seconds and at shutdown rather than on
    /// every request. Until it runs, new stories have no topic, and a crash would resume the
    /// grouping from the state saved before (the stored stories stay as they are).
    pub fn settle(&self) -> Result<(), ApiError> {
        if !self.unsettled.swap(false, Ordering::AcqRel) {
            return Ok(());
        }
        let mut w = self.writer.lock().expect("writer lock");
        let Writer {
            store, grouping, ..
        } = &mut *w;
        grouping.commit(store).map_err(|e| {
            self.unsettled.store(true, Ordering::Release);
            ApiError::internal(format!("{e:#}"))
        })?;
        Ok(())
    }
}
