//! The ingest pipeline shared by `ingest` and `bench`: a reader thread loads inputs, parses
//! and analyses them in parallel (rayon), the calling thread writes batches into the store.
//! Bad inputs and records are reported and counted; the rest goes on.

use std::sync::mpsc;

use crosscheck_analyze::Analyzer;
use crosscheck_group::Doc;
use crosscheck_ingest::{Format, IngestError, Ingestor};
use crosscheck_model::{Analysis, Article, ArticleId};
use crosscheck_store::{AddOutcome, Store};
use indicatif::ProgressBar;
use rayon::prelude::*;
use serde::Serialize;

use crate::fetch;
use crate::grouping::Grouping;
use crate::inputs::Input;
use crate::PipelineError;

/// Small files are parsed this many at a time, in parallel.
const FILE_GROUP: usize = 64;
/// JSON Lines inputs are parsed this many lines at a time.
const CHUNK_LINES: usize = 2000;
/// Parsed chunks waiting for the writer; bounds memory on huge inputs.
const QUEUE: usize = 2;

/// What an ingest run did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Counts {
    /// Inputs read (files, URLs, stdin).
    pub inputs: usize,
    /// Articles stored as new.
    pub new: usize,
    /// Exact duplicates of stored articles (not stored again).
    pub duplicate: usize,
    /// Near duplicates (stored, linked to the article they copy).
    pub near_duplicate: usize,
    /// Inputs or records refused, each reported.
    pub rejected: usize,
    /// Words in the articles read (for throughput figures).
    pub words: usize,
    /// Stories that gained articles (set by the caller after grouping).
    pub stories: usize,
    /// The messages of the refused inputs and records.
    pub errors: Vec<String>,
}

/// One record read: the article and, when the pipeline analyses, its analysis and the
/// features the grouping places it by.
pub type Record = Result<(Article, Option<Analysis>, Option<Doc>), String>;

/// One parsed piece of work: results of some records and the input bytes they cover.
struct Parsed {
    results: Vec<Record>,
    bytes: u64,
}

/// How inputs become records: the ingestor, a forced format, and the analyzer (none: store
/// articles without analysis).
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    /// Reads and cleans inputs.
    pub ingestor: &'a Ingestor,
    /// Format of every input, instead of detecting it.
    pub format: Option<Format>,
    /// Analyses each article before it is stored.
    pub analyzer: Option<&'a Analyzer>,
}

impl Reader<'_> {
    /// Analyses the articles that were read, in parallel.
    pub fn analyse(&self, results: Vec<Result<Article, IngestError>>) -> Vec<Record> {
        results
            .into_par_iter()
            .map(|r| match r {
                Ok(a) => {
                    let analysis = self.analyzer.map(|an| an.analyze(&a));
                    let doc = analysis.as_ref().map(|an| Doc::extract(&a, an));
                    Ok((a, analysis, doc))
                }
                Err(e) => Err(e.to_string()),
            })
            .collect()
    }
}

/// Reads `inputs` into `store`, placing new articles into stories when `grouping` is given,
/// and reporting each refusal through `progress`.
pub fn run(
    store: &mut Store,
    reader: Reader<'_>,
    mut grouping: Option<&mut Grouping>,
    inputs: Vec<Input>,
    progress: &ProgressBar,
) -> Result<Counts, PipelineError> {
    let mut counts = Counts {
        inputs: inputs.len(),
        ..Counts::default()
    };
    let (tx, rx) = mpsc::sync_channel::<Parsed>(QUEUE);
    std::thread::scope(|scope| -> Result<(), PipelineError> {
        scope.spawn(move || read_all(reader, &inputs, &tx));
        for parsed in rx {
            write(
                store,
                parsed.results,
                &mut counts,
                progress,
                grouping.as_deref_mut(),
            )?;
            progress.inc(parsed.bytes);
            progress.set_message(format!(
                "{} new, {} duplicate, {} near-duplicate, {} rejected",
                counts.new, counts.duplicate, counts.near_duplicate, counts.rejected
            ));
        }
        Ok(())
    })?;
    Ok(counts)
}

fn read_all(reader: Reader<'_>, inputs: &[Input], tx: &mpsc::SyncSender<Parsed>) {
    let mut group: Vec<&Input> = Vec::new();
    let flush = |group: &mut Vec<&Input>| -> bool {
        if group.is_empty() {
            return true;
        }
        let parsed: Vec<Parsed> = group.par_iter().map(|i| read_small(reader, i)).collect();
        group.clear();
        let merged = Parsed {
            bytes: parsed.iter().map(|p| p.bytes).sum(),
            results: parsed.into_iter().flat_map(|p| p.results).collect(),
        };
        tx.send(merged).is_ok()
    };
    for input in inputs {
        if is_json_lines(input, reader.format) {
            if !flush(&mut group) || !read_chunked(reader, input, tx) {
                return;
            }
        } else {
            group.push(input);
            if group.len() >= FILE_GROUP && !flush(&mut group) {
                return;
            }
        }
    }
    flush(&mut group);
}

fn is_json_lines(input: &Input, format: Option<Format>) -> bool {
    match (format, input) {
        (Some(f), _) => f == Format::JsonLines,
        (None, Input::File(p)) => {
            let name = p.to_string_lossy().to_ascii_lowercase();
            let name = name.strip_suffix(".gz").unwrap_or(&name);
            name.ends_with(".jsonl") || name.ends_with(".ndjson")
        }
        _ => false,
    }
}

/// Loads an input's bytes, refusing an oversized file before reading it.
fn load(ingestor: &Ingestor, input: &Input) -> Result<Vec<u8>, String> {
    let name = input.name();
    if let Some(size) = input.size() {
        ingestor
            .check_size(&name, size)
            .map_err(|e| e.to_string())?;
    }
    let max = ingestor.options().max_bytes;
    match input {
        Input::File(p) => std::fs::read(p).map_err(|e| format!("{name}: {e}")),
        Input::Stdin => {
            use std::io::Read;
            let mut buf = Vec::new();
            std::io::stdin()
                .take(max + 1)
                .read_to_end(&mut buf)
                .map_err(|e| format!("-: {e}"))?;
            Ok(buf)
        }
        Input::Url(url) => fetch::get(url, max).map_err(|e| format!("{e:#}")),
    }
}

fn read_small(reader: Reader<'_>, input: &Input) -> Parsed {
    let name = input.name();
    match load(reader.ingestor, input) {
        Ok(bytes) => Parsed {
            bytes: bytes.len() as u64,
            results: reader.analyse(reader.ingestor.read(&name, &bytes, reader.format)),
        },
        Err(e) => Parsed {
            bytes: input.size().unwrap_or(0),
            results: vec![Err(e)],
        },
    }
}

/// Sends a JSON Lines input chunk by chunk; false when the writer has gone.
fn read_chunked(reader: Reader<'_>, input: &Input, tx: &mpsc::SyncSender<Parsed>) -> bool {
    let ingestor = reader.ingestor;
    let name = input.name();
    let text = match load(ingestor, input)
        .and_then(|b| ingestor.decode(&name, &b).map_err(|e| e.to_string()))
    {
        Ok(text) => text,
        Err(e) => {
            let bytes = input.size().unwrap_or(0);
            return tx
                .send(Parsed {
                    results: vec![Err(e)],
                    bytes,
                })
                .is_ok();
        }
    };
    let mut first_line = 1;
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let end = rest
            .match_indices('\n')
            .nth(CHUNK_LINES - 1)
            .map_or(rest.len(), |(i, _)| i + 1);
        let (chunk, tail) = rest.split_at(end);
        let results = reader.analyse(ingestor.read_json_lines(&name, chunk, first_line));
        if tx
            .send(Parsed {
                results,
                bytes: chunk.len() as u64,
            })
            .is_err()
        {
            return false;
        }
        first_line += CHUNK_LINES;
        rest = tail;
    }
    true
}

/// What became of one record handed to [`store_records`].
#[derive(Debug, Clone, PartialEq)]
pub enum RecordOutcome {
    /// Stored: new, or a near duplicate linked to the article it copies.
    Stored {
        /// The article's id.
        id: ArticleId,
        /// How the store took it.
        outcome: AddOutcome,
    },
    /// The same text is already stored under `id`; only the sighting was recorded.
    Duplicate {
        /// The stored article's id.
        id: ArticleId,
    },
    /// Refused, with the reason.
    Rejected {
        /// Why, naming the input.
        error: String,
    },
}

/// Stores read (and analysed) records, places the new ones into stories when `grouping` is
/// given and writes the placements; each record gets its outcome, in order.
pub fn store_records(
    store: &mut Store,
    results: Vec<Record>,
    grouping: Option<&mut Grouping>,
) -> Result<Vec<RecordOutcome>, PipelineError> {
    let mut slots: Vec<Option<RecordOutcome>> = Vec::with_capacity(results.len());
    let mut articles = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(a) => {
                slots.push(None);
                articles.push(a);
            }
            Err(error) => slots.push(Some(RecordOutcome::Rejected { error })),
        }
    }
    let items: Vec<(&Article, Option<&Analysis>)> =
        articles.iter().map(|(a, an, _)| (a, an.as_ref())).collect();
    let outcomes = store.add_analysed(&items)?;
    let mut placed = Vec::new();
    let mut copied = Vec::new();
    let mut done = Vec::with_capacity(articles.len());
    for ((article, _, doc), outcome) in articles.iter().zip(outcomes) {
        let id = article.id.clone();
        done.push(match outcome {
            Ok(AddOutcome::Duplicate { of }) => {
                copied.push(&article.id);
                RecordOutcome::Duplicate { id: of }
            }
            Ok(outcome) => {
                placed.extend(doc.as_ref().map(|d| (&article.id, d)));
                RecordOutcome::Stored { id, outcome }
            }
            Err(e) => RecordOutcome::Rejected {
                error: format!("{}: {e}", article.source),
            },
        });
    }
    if let Some(grouping) = grouping {
        for (id, doc) in placed {
            grouping.place(id, doc);
        }
        for id in copied {
            if let Some(story) = store.story_of(id)? {
                grouping.touch(story);
            }
        }
        grouping.flush(store)?;
    }
    let mut done = done.into_iter();
    Ok(slots
        .into_iter()
        .map(|s| s.unwrap_or_else(|| done.next().expect("one outcome per article")))
        .collect())
}

fn write(
    store: &mut Store,
    results: Vec<Record>,
    counts: &mut Counts,
    progress: &ProgressBar,
    grouping: Option<&mut Grouping>,
) -> Result<(), PipelineError> {
    counts.words += results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|a| a.0.word_count())
        .sum::<usize>();
    for outcome in store_records(store, results, grouping)? {
        match outcome {
            RecordOutcome::Stored {
                outcome: AddOutcome::NearDuplicate { .. },
                ..
            } => counts.near_duplicate += 1,
            RecordOutcome::Stored { .. } => counts.new += 1,
            RecordOutcome::Duplicate { .. } => counts.duplicate += 1,
            RecordOutcome::Rejected { error } => reject(counts, progress, error),
        }
    }
    Ok(())
}

fn reject(counts: &mut Counts, progress: &ProgressBar, message: String) {
    counts.rejected += 1;
    progress.suspend(|| eprintln!("crosscheck: rejected: {message}"));
    counts.errors.push(message);
}
