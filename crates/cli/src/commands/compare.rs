//! `crosscheck compare FILE...`: treats the files as one story, without a store. Parses every
//! input, analyses the articles in parallel, traces their origins, compares what they say and
//! prints the brief as Markdown, JSON or HTML.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;
use crosscheck_analyze::Analyzer;
use crosscheck_brief::Format;
use crosscheck_ingest::{Defaults, IngestOptions, Ingestor};
use crosscheck_model::{Analysis, Article};
use rayon::prelude::*;

/// Arguments of `crosscheck compare`.
#[derive(Args)]
pub struct CompareArgs {
    /// Files in any format ingest reads; together they are one story.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format: md, json or html.
    #[arg(long, default_value = "md")]
    format: String,
    /// Print JSON (the same as `--format json`).
    #[arg(long)]
    json: bool,
    /// Publication time of inputs that do not give their own; relative dates are resolved
    /// against it.
    #[arg(long)]
    published: Option<String>,
}

/// Runs the command; exit status 1 when an input was rejected.
pub fn run(args: CompareArgs) -> anyhow::Result<ExitCode> {
    let format: Format = if args.json {
        Format::Json
    } else {
        args.format.parse()?
    };
    let published = match &args.published {
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
    let read: Vec<(String, std::io::Result<Vec<u8>>)> = args
        .files
        .iter()
        .map(|f| (f.display().to_string(), std::fs::read(f)))
        .collect();
    let mut articles: Vec<Article> = Vec::new();
    let mut rejected = 0;
    for (name, bytes) in read {
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                eprintln!("crosscheck: rejected: {name}: {e}");
                rejected += 1;
                continue;
            }
        };
        for result in ingestor.read(&name, &bytes, None) {
            match result {
                // The same text given twice is one article.
                Ok(a) if articles.iter().any(|b| b.id == a.id) => {}
                Ok(a) => articles.push(a),
                Err(e) => {
                    eprintln!("crosscheck: rejected: {e}");
                    rejected += 1;
                }
            }
        }
    }
    if articles.is_empty() {
        bail!("no article to compare");
    }
    let analyzer = Analyzer::default();
    let analyses: Vec<Analysis> = articles.par_iter().map(|a| analyzer.analyze(a)).collect();
    let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    let story = crosscheck_compare::story(&pairs);
    let comparison = crosscheck_compare::compare(&story);
    let rendered = crosscheck_brief::render(&comparison, format);
    outln!("{}", rendered.trim_end());
    Ok(if rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
