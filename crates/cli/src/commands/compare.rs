//! `crosscheck compare FILE...`: treats the files as one story, without a store. Parses every
//! input, analyses the articles in parallel, traces their origins, compares what they say and
//! prints the brief as Markdown, JSON or HTML.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;
use crosscheck_analyze::Analyzer;
use crosscheck_brief::Format;
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
    let (mut articles, rejected) = super::read_files(&args.files, args.published.as_deref())?;
    // The same text given twice is one article.
    let mut seen = std::collections::HashSet::new();
    articles.retain(|a| seen.insert(a.id.clone()));
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
