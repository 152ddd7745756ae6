//! The server's state: a pool of read connections to the store with short-lived caches of
//! the story listing and of briefs, and one writer that ingests records like `ingest` does.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crosscheck_analyze::Analyzer;
use crosscheck_ingest::{IngestOptions, Ingestor};
use crosscheck_pipeline::read::{Reader, RecordOutcome};
use crosscheck_pipeline::{Grouping, Story};
use crosscheck_store::{Store, StoryRow};

use crate::error::{ApiError, ServeError};
use crate::ServeConfig;

/// Cached listings and briefs are trusted this long; another process writing to the same
/// store (a `crosscheck ingest` beside the server) shows up after at most this delay.
const CACHE_TTL: Duration = Duration::from_secs(5);
/// Read connections kept open between requests.
const POOL: usize = 16;
/// Briefs kept in the cache before it is emptied.
const BRIEF_CACHE: usize = 512;

/// A value cached at a write generation, at an instant.
struct Cached<T> {
    generation: u64,
    at: Instant,
    value: Arc<T>,
}

impl<T> Cached<T> {
    fn fresh(&self, generation: u64) -> bool {
        self.generation == generation && self.at.elapsed() < CACHE_TTL
    }
}

/// The writer: the store connection that writes, and the grouping it places articles with.
struct Writer {
    store: Store,
    grouping: Grouping,
    ingestor: Ingestor,
}

/// What a story page and `GET /api/stories/{id}` need: the listing row and the brief.
pub struct StoryView {
    /// The listing row.
    pub row: StoryRow,
    /// The brief (with its comparison).
    pub brief: crosscheck_brief::Brief,
}

/// The server's shared state.
pub struct App {
    data: PathBuf,
    token: Option<String>,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Writer>,
    analyzer: Analyzer,
    generation: AtomicU64,
    listing: RwLock<Option<Cached<Vec<StoryRow>>>>,
    views: Mutex<HashMap<u64, Cached<StoryView>>>,
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
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(Writer {
                store,
                grouping,
                ingestor: Ingestor::new(IngestOptions::default()),
            }),
            analyzer: Analyzer::default(),
            generation: AtomicU64::new(0),
            listing: RwLock::new(None),
            views: Mutex::new(HashMap::new()),
        })
    }

    /// The token writes must carry, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
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

    /// Every story, newest first (cached).
    pub fn listing(&self) -> Result<Arc<Vec<StoryRow>>, ApiError> {
        let generation = self.generation.load(Ordering::Acquire);
        if let Some(c) = self.listing.read().expect("listing lock").as_ref() {
            if c.fresh(generation) {
                return Ok(c.value.clone());
            }
        }
        let rows = Arc::new(self.read(|s| Ok(s.stories(usize::MAX, 0)?))?);
        *self.listing.write().expect("listing lock") = Some(Cached {
            generation,
            at: Instant::now(),
            value: rows.clone(),
        });
        Ok(rows)
    }

    /// One story with its brief (cached), or 404.
    pub fn story(&self, id: u64) -> Result<Arc<StoryView>, ApiError> {
        let generation = self.generation.load(Ordering::Acquire);
        if let Some(c) = self.views.lock().expect("views lock").get(&id) {
            if c.fresh(generation) {
                return Ok(c.value.clone());
            }
        }
        let view = Arc::new(self.read(|s| {
            let row = s
                .story(id)?
                .ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
            let mut story = Story::load(s, id)?;
            story.analyse_missing();
            let brief = crosscheck_brief::brief(&story.compare());
            Ok(StoryView { row, brief })
        })?);
        let mut views = self.views.lock().expect("views lock");
        if views.len() >= BRIEF_CACHE {
            views.clear();
        }
        views.insert(
            id,
            Cached {
                generation,
                at: Instant::now(),
                value: view.clone(),
            },
        );
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
            .commit(store)
            .map_err(|e| ApiError::internal(format!("{e:#}")))?;
        self.generation.fetch_add(1, Ordering::AcqRel);
        Ok(outcomes)
    }
}
