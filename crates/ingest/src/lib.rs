//! Ingest: turns what users bring (plain text, HTML pages, JSON Lines records, RSS and Atom
//! feeds) into clean [`Article`]s with credits and a MinHash fingerprint. No I/O beyond the
//! bytes it is given: reading files, stdin and URLs is the caller's job.
//!
//! ```
//! use crosscheck_ingest::{Format, Ingestor, IngestOptions};
//!
//! let ingestor = Ingestor::new(IngestOptions::default());
//! let text = "Clashes reported\n\nBERLIN (dpa) - Ukraine reported clashes.\n\nrc/wmr (dpa, Reuters)";
//! let articles = ingestor.read("note.txt", text.as_bytes(), None);
//! let article = articles[0].as_ref().unwrap();
//! assert_eq!(article.title.as_deref(), Some("Clashes reported"));
//! assert_eq!(article.text, "Ukraine reported clashes.");
//! let wires: Vec<&str> = article.credits.iter().map(|c| c.name.as_str()).collect();
//! assert_eq!(wires, ["dpa", "rc/wmr", "Reuters"]);
//! ```

mod boilerplate;
mod credits;
mod dates;
mod decode;
mod draft;
mod error;
mod feed;
mod format;
mod html;
mod jsonl;
mod markup;
mod normalize;
mod plaintext;

use chrono::{DateTime, Utc};
use crosscheck_model::Article;
use rayon::prelude::*;

pub use error::IngestError;
pub use format::Format;

/// Default size limit for one input: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Metadata given by the user for inputs that do not carry their own.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// Outlet name.
    pub outlet: Option<String>,
    /// Publication time.
    pub published: Option<DateTime<Utc>>,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
}

/// How the [`Ingestor`] reads inputs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Metadata filling what an input does not say itself.
    pub defaults: Defaults,
    /// Inputs larger than this are refused.
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            defaults: Defaults::default(),
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Reads inputs into articles. Stateless: safe to share across threads.
#[derive(Debug, Clone, Default)]
pub struct Ingestor {
    options: IngestOptions,
}

impl Ingestor {
    /// An ingestor with these options.
    pub fn new(options: IngestOptions) -> Self {
        Self { options }
    }

    /// The options in force.
    pub fn options(&self) -> &IngestOptions {
        &self.options
    }

    /// Reads one input (a file's, a URL's or stdin's bytes, named `input` in errors) into
    /// articles. A JSON Lines file or feed gives one result per record, so one bad record
    /// does not lose the others. `format` overrides detection.
    pub fn read(
        &self,
        input: &str,
        bytes: &[u8],
        format: Option<Format>,
    ) -> Vec<Result<Article, IngestError>> {
        match self.decode(input, bytes) {
            Ok(text) => self.read_text(input, &text, format),
            Err(e) => vec![Err(e)],
        }
    }

    /// Checks the size limit and decodes bytes to text (gzip, BOM, UTF-8 or detected).
    pub fn decode(&self, input: &str, bytes: &[u8]) -> Result<String, IngestError> {
        self.check_size(input, bytes.len() as u64)?;
        decode::decode(input, bytes)
    }

    /// Refuses an input of `size` bytes when it is over the limit.
    pub fn check_size(&self, input: &str, size: u64) -> Result<(), IngestError> {
        if size > self.options.max_bytes {
            return Err(IngestError::TooLarge {
                input: input.to_string(),
                size,
                limit: self.options.max_bytes,
            });
        }
        Ok(())
    }

    /// Reads already decoded text, as [`Ingestor::read`] does.
    pub fn read_text(
        &self,
        input: &str,
        text: &str,
        format: Option<Format>,
    ) -> Vec<Result<Article, IngestError>> {
        let format = format.unwrap_or_else(|| Format::detect(input, text));
        let drafts = match format {
            Format::Text => vec![Ok(plaintext::read(input, text.to_string()))],
            Format::Html => vec![html::read(input, text)],
            Format::JsonLines => jsonl::read(input, text, 1),
            Format::Feed => match feed::read(input, text.as_bytes()) {
                Ok(items) => items,
                Err(e) => vec![Err(e)],
            },
        };
        self.finish_all(drafts)
    }

    /// Reads a chunk of a JSON Lines input whose first line is line `first_line` (1-based) of
    /// the whole input: big files are read chunk by chunk with correct line numbers in errors.
    pub fn read_json_lines(
        &self,
        input: &str,
        text: &str,
        first_line: usize,
    ) -> Vec<Result<Article, IngestError>> {
        self.finish_all(jsonl::read(input, text, first_line))
    }

    fn finish_all(
        &self,
        drafts: Vec<Result<draft::Draft, IngestError>>,
    ) -> Vec<Result<Article, IngestError>> {
        drafts
            .into_par_iter()
            .map(|d| d.and_then(|d| self.apply_defaults(d).finish()))
            .collect()
    }

    fn apply_defaults(&self, mut d: draft::Draft) -> draft::Draft {
        let defaults = &self.options.defaults;
        // User options win over guesses from the page for outlet and title only when the
        // input carries none; an explicit --published always fills a gap, never overrides.
        d.outlet = d.outlet.or_else(|| defaults.outlet.clone());
        d.url = d.url.or_else(|| defaults.url.clone());
        d.published = d.published.or(defaults.published);
        if d.title.is_none() {
            if let Some(title) = &defaults.title {
                d.title = Some(title.clone());
                d.headline_in_body = false;
            }
        }
        d
    }
}

/// Parses a publication date as `--published` and records accept it.
pub fn parse_date(value: &str) -> Result<Option<DateTime<Utc>>, IngestError> {
    dates::parse(value).map_err(|()| IngestError::BadDate {
        input: "--published".into(),
        value: value.to_string(),
    })
}
