//! `crosscheck ingest PATH...`: files, folders, URLs and stdin into the store, with a
//! progress bar and a count of new, duplicate, near-duplicate and rejected articles.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use crosscheck_ingest::{Defaults, Format, IngestOptions, Ingestor};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{output, OutputArgs};
use crosscheck_pipeline::Grouping;
use crosscheck_pipeline::{inputs, read as pipeline};

/// Arguments of `crosscheck ingest`.
#[derive(Args)]
pub struct IngestArgs {
    /// Files, folders (walked recursively), http(s) feed or page URLs, or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Force the input format instead of detecting it: text, html, jsonl, feed.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// Outlet of inputs that do not name their own.
    #[arg(long)]
    outlet: Option<String>,
    /// Publication time of inputs that do not give their own (e.g. 2024-11-05T10:00:00Z).
    #[arg(long)]
    published: Option<String>,
    /// URL of inputs that do not give their own.
    #[arg(long)]
    url: Option<String>,
    /// Title of inputs that do not give their own.
    #[arg(long)]
    title: Option<String>,
    /// Refuse inputs larger than this many MiB.
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    max_size: u64,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    output: OutputArgs,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s).ok_or_else(|| format!("unknown format {s:?} (text, html, jsonl, feed)"))
}

/// Runs the command; exit status 1 when anything was rejected.
pub fn run(data: &Path, args: IngestArgs) -> anyhow::Result<ExitCode> {
    let published = match &args.published {
        Some(p) => crosscheck_ingest::parse_date(p)?,
        None => None,
    };
    let ingestor = Ingestor::new(IngestOptions {
        defaults: Defaults {
            outlet: args.outlet.clone(),
            published,
            url: args.url.clone(),
            title: args.title.clone(),
        },
        max_bytes: args.max_size * 1024 * 1024,
    });
    let mut store = super::open_store(data)?;
    let (inputs, missing) = inputs::expand(&args.paths);
    for m in &missing {
        eprintln!("crosscheck: rejected: {m}");
    }
    let progress = progress_bar(&inputs, args.quiet || args.output.json);
    let analyzer = crosscheck_analyze::Analyzer::default();
    let reader = pipeline::Reader {
        ingestor: &ingestor,
        format: args.format,
        analyzer: Some(&analyzer),
    };
    let mut grouping = Grouping::resume(&store)?;
    let mut counts = pipeline::run(&mut store, reader, Some(&mut grouping), inputs, &progress)?;
    progress.set_message("grouping: summarising stories and linking topics");
    counts.stories = grouping.finish(&mut store)?;
    progress.finish_and_clear();
    counts.rejected += missing.len();
    counts.errors.extend(missing);
    report(&counts, data, args.output.json)?;
    Ok(if counts.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn progress_bar(inputs: &[inputs::Input], hidden: bool) -> ProgressBar {
    if hidden {
        return ProgressBar::hidden();
    }
    let total: u64 = inputs.iter().filter_map(inputs::Input::size).sum();
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}",
        )
        .expect("valid template"),
    );
    bar
}

fn report(counts: &pipeline::Counts, data: &Path, json: bool) -> anyhow::Result<()> {
    if json {
        let store = PathBuf::from(data).join(crosscheck_store::DB_FILE);
        return output::print_json(
            "ingest",
            counts,
            &[("store", store.display().to_string().into())],
        );
    }
    outln!(
        "{} inputs: {} new, {} duplicate, {} near-duplicate, {} rejected; {} stories updated",
        counts.inputs,
        counts.new,
        counts.duplicate,
        counts.near_duplicate,
        counts.rejected,
        counts.stories
    );
    Ok(())
}
