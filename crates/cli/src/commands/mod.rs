//! One module per subcommand.

pub mod analyze;
pub mod articles;
pub mod bench;
pub mod compare;
#[cfg(feature = "embeddings")]
pub mod embeddings;
pub mod eval;
pub mod eval_stories;
pub mod ingest;
pub mod regroup;
pub mod serve;
pub mod stories;

use std::path::{Path, PathBuf};

use anyhow::Context;
use crosscheck_ingest::{Defaults, IngestOptions, Ingestor};
use crosscheck_model::Article;
use crosscheck_store::Store;

/// Opens the store in the data directory, naming it on failure.
pub fn open_store(data: &Path) -> anyhow::Result<Store> {
    Store::open(data).with_context(|| format!("opening the store in {}", data.display()))
}

/// Reads the files of a stateless command (`analyze`, `compare`) into articles, with
/// `published` as the publication date of inputs that give none. Each refused file or record
/// is reported on stderr and counted; returns the articles and the count.
pub fn read_files(
    files: &[PathBuf],
    published: Option<&str>,
) -> anyhow::Result<(Vec<Article>, usize)> {
    let published = match published {
        Some(p) => crosscheck_ingest::parse_date(p)?,
        None => None,
    };
    let ingestor = Ingestor::new(IngestOptions {
        defaults: Defaults {
            published,
            ..Defaults::default()
        },
        ..IngestOptions::default()
    });
    let mut articles = Vec::new();
    let mut rejected = 0;
    for file in files {
        let name = file.display().to_string();
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("crosscheck: rejected: {name}: {e}");
                rejected += 1;
                continue;
            }
        };
        for result in ingestor.read(&name, &bytes, None) {
            match result {
                Ok(a) => articles.push(a),
                Err(e) => {
                    eprintln!("crosscheck: rejected: {e}");
                    rejected += 1;
                }
            }
        }
    }
    Ok((articles, rejected))
}
