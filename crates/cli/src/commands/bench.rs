//! `crosscheck bench`: throughput (articles/s, words/s) and peak memory of the pipeline's
//! stages on real corpora, as medians of repeated runs, each run into a fresh store. Every run
//! checks its result, so a fast wrong answer fails the bench.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use crosscheck_ingest::Ingestor;
use crosscheck_store::Store;
use indicatif::ProgressBar;
use serde::Serialize;

use crate::output::print_json;
use crate::{inputs, memory, pipeline, OutputArgs};

/// Stages that can be measured (later stages join as they are built).
#[derive(Clone, Copy, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
enum Stage {
    /// Reading, normalising, credits, fingerprints and writing to the store.
    Ingest,
}

/// Arguments of `crosscheck bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Corpus files or folders [default: the BBC and Reuters-21578 corpora in
    /// $CROSSCHECK_SHARED/eval/corpus, or ../shared/eval/corpus].
    #[arg(long, value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// Stage to measure.
    #[arg(long, value_enum, default_value = "ingest")]
    stage: Stage,
    /// Runs per corpus; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    #[command(flatten)]
    output: OutputArgs,
}

/// The figures of one corpus.
#[derive(Serialize)]
struct Figure {
    corpus: String,
    stage: Stage,
    articles: usize,
    words: usize,
    seconds_median: f64,
    articles_per_second: f64,
    words_per_second: f64,
    peak_rss_bytes: Option<u64>,
    runs: usize,
    check: String,
}

/// Runs the bench.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let corpora = if args.corpus.is_empty() {
        default_corpora()?
    } else {
        args.corpus.clone()
    };
    let mut figures = Vec::new();
    for corpus in &corpora {
        let figure = bench_ingest(corpus, args.runs.max(1), args.stage)?;
        if !args.output.json {
            print_figure(&figure);
        }
        figures.push(figure);
    }
    if args.output.json {
        print_json("bench", &figures, &[])?;
    }
    Ok(ExitCode::SUCCESS)
}

fn default_corpora() -> anyhow::Result<Vec<PathBuf>> {
    let shared = std::env::var_os("CROSSCHECK_SHARED")
        .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let corpus = shared.join("eval/corpus");
    let list = vec![corpus.join("bbc"), corpus.join("reuters21578.jsonl")];
    if !list.iter().all(|p| p.exists()) {
        bail!(
            "no corpus given and {} not found: pass --corpus PATH or set CROSSCHECK_SHARED",
            corpus.display()
        );
    }
    Ok(list)
}

fn bench_ingest(corpus: &Path, runs: usize, stage: Stage) -> anyhow::Result<Figure> {
    let mut seconds = Vec::new();
    let mut peak = None;
    let mut last = pipeline::Counts::default();
    for _ in 0..runs {
        let dir = tempfile::tempdir().context("creating a scratch data directory")?;
        let (inputs, missing) = inputs::expand(&[corpus.display().to_string()]);
        if !missing.is_empty() {
            bail!("{}", missing.join("; "));
        }
        memory::reset_peak();
        let start = Instant::now();
        let mut store = Store::open(dir.path())?;
        let counts = pipeline::run(
            &mut store,
            &Ingestor::default(),
            inputs,
            None,
            &ProgressBar::hidden(),
        )?;
        seconds.push(start.elapsed().as_secs_f64());
        peak = peak.max(memory::peak_rss());
        check(&store, &counts, corpus)?;
        last = counts;
    }
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    let articles = last.new + last.duplicate + last.near_duplicate;
    Ok(Figure {
        corpus: corpus.display().to_string(),
        stage,
        articles,
        words: last.words,
        seconds_median: median,
        articles_per_second: articles as f64 / median,
        words_per_second: last.words as f64 / median,
        peak_rss_bytes: peak,
        runs,
        check: format!(
            "ok: {} stored ({} new, {} near-duplicate), {} exact duplicates, 0 rejected",
            last.new + last.near_duplicate,
            last.new,
            last.near_duplicate,
            last.duplicate
        ),
    })
}

/// A run is right when nothing was rejected and the store holds what the counts say.
fn check(store: &Store, counts: &pipeline::Counts, corpus: &Path) -> anyhow::Result<()> {
    let stored = store.count()? as usize;
    if counts.rejected > 0 {
        bail!(
            "{}: {} inputs rejected: {}",
            corpus.display(),
            counts.rejected,
            counts.errors.join("; ")
        );
    }
    if stored == 0 || stored != counts.new + counts.near_duplicate {
        bail!(
            "{}: store holds {stored} articles, counts say {}",
            corpus.display(),
            counts.new + counts.near_duplicate
        );
    }
    Ok(())
}

fn print_figure(f: &Figure) {
    let mib = f.peak_rss_bytes.map_or("n/a".to_string(), |b| {
        format!("{:.0} MiB", b as f64 / 1048576.0)
    });
    outln!(
        "ingest  {}\n  {} articles, {} words, median of {} runs {:.2}s: {:.0} articles/s, {:.0} words/s, peak RSS {}\n  check {}",
        f.corpus, f.articles, f.words, f.runs, f.seconds_median, f.articles_per_second, f.words_per_second, mib, f.check
    );
}
