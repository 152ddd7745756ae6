//! `crosscheck bench`: throughput (articles/s, words/s) and peak memory of the pipeline's
//! stages on real corpora, as medians of repeated runs, each run into a fresh store. Every run
//! checks its result, so a fast wrong answer fails the bench.

mod scale;
mod serve;
mod stages;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use crosscheck_ingest::Ingestor;
use crosscheck_model::Article;
use crosscheck_pipeline::inputs;
use rayon::prelude::*;
use serde::Serialize;

use crate::output::print_json;
use crate::OutputArgs;

/// Stages that can be measured (later stages join as they are built).
#[derive(Clone, Copy, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
enum Stage {
    /// Reading, normalising, credits, fingerprints and writing to the store.
    Ingest,
    /// The whole per-article analysis (sentences, entities, quotes, numbers, dates) of
    /// articles already read, in parallel on all cores.
    Analyze,
    /// Story grouping alone (features and the streaming grouper) of articles read and
    /// analysed beforehand.
    Group,
    /// Story briefs: every story of two or more articles loaded from a store (filled
    /// beforehand, not timed), its origins traced, its sources compared and its brief
    /// written (JSON and Markdown).
    Brief,
    /// Everything `crosscheck ingest` does: reading, analysis and the store, end to end.
    All,
    /// The server under load: `--articles` records of a JSON Lines corpus stored, then
    /// `GET /api/stories` and briefs from `--connections` connections (requests/s, p99).
    Serve,
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
    /// Runs per corpus (at least 1); the median is reported.
    #[arg(long, default_value_t = 3,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    runs: usize,
    /// The scale run: replay the corpus this many times, each replay's dates shifted past the
    /// previous one and one word in ten renamed, and print how time, active stories,
    /// vocabulary and peak memory grow. With `--stage group` through one grouper; with
    /// `--stage all` end to end through one store.
    #[arg(long, value_name = "N")]
    replay: Option<usize>,
    /// With `--stage serve`: records stored before the load.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    articles: usize,
    /// With `--stage serve`: concurrent connections.
    #[arg(long, default_value_t = 64, value_name = "N")]
    connections: usize,
    /// With `--stage serve`: seconds of load per route.
    #[arg(long, default_value_t = 10.0, value_name = "S")]
    seconds: f64,
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

impl Figure {
    /// The figure of `runs` timed runs (`seconds`, any order) over `articles` and `words`:
    /// the median run and the rates it gives.
    fn of_runs(
        corpus: &std::path::Path,
        stage: Stage,
        (articles, words): (usize, usize),
        mut seconds: Vec<f64>,
        peak_rss_bytes: Option<u64>,
        check: String,
    ) -> Self {
        seconds.sort_by(f64::total_cmp);
        let median = seconds[seconds.len() / 2];
        Figure {
            corpus: corpus.display().to_string(),
            stage,
            articles,
            words,
            seconds_median: median,
            articles_per_second: articles as f64 / median,
            words_per_second: words as f64 / median,
            peak_rss_bytes,
            runs: seconds.len(),
            check,
        }
    }
}

/// Runs the bench.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let corpora = if args.corpus.is_empty() {
        default_corpora()?
    } else {
        args.corpus.clone()
    };
    if matches!(args.stage, Stage::Serve) {
        let corpus = corpora
            .iter()
            .find(|c| c.extension().is_some_and(|e| e == "jsonl"))
            .context("--stage serve needs a JSON Lines corpus")?;
        let load = serve::Load {
            articles: args.articles,
            connections: args.connections.max(1),
            seconds: args.seconds,
        };
        serve::run(corpus, &load, args.output.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let (Some(n), Stage::Group | Stage::All) = (args.replay, args.stage) {
        for corpus in &corpora {
            match args.stage {
                Stage::Group => scale::replay(corpus, n.max(1), args.output.json)?,
                _ => scale::replay_all(corpus, n.max(1), args.output.json)?,
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut figures = Vec::new();
    for corpus in &corpora {
        let figure = match args.stage {
            Stage::Ingest | Stage::All => stages::ingest(corpus, args.runs.max(1), args.stage)?,
            Stage::Analyze => stages::analyze(corpus, args.runs.max(1))?,
            Stage::Group => stages::group(corpus, args.runs.max(1))?,
            Stage::Brief => stages::brief(corpus, args.runs.max(1))?,
            Stage::Serve => unreachable!("handled above"),
        };
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
/// Reads a corpus into articles (not timed), for the stages after ingest.
fn read_corpus(corpus: &Path) -> anyhow::Result<Vec<Article>> {
    let (inputs, missing) = inputs::expand(&[corpus.display().to_string()]);
    if !missing.is_empty() {
        bail!("{}", missing.join("; "));
    }
    let ingestor = Ingestor::default();
    let results: Vec<Vec<Result<Article, String>>> = inputs
        .par_iter()
        .map(|input| {
            let name = input.name();
            match std::fs::read(name.as_str()) {
                Ok(bytes) => ingestor
                    .read(&name, &bytes, None)
                    .into_iter()
                    .map(|r| r.map_err(|e| e.to_string()))
                    .collect(),
                Err(e) => vec![Err(format!("{name}: {e}"))],
            }
        })
        .collect();
    let mut articles = Vec::new();
    for result in results.into_iter().flatten() {
        articles.push(result.map_err(anyhow::Error::msg)?);
    }
    Ok(articles)
}

fn print_figure(f: &Figure) {
    let mib = f.peak_rss_bytes.map_or("n/a".to_string(), |b| {
        format!("{:.0} MiB", b as f64 / 1048576.0)
    });
    outln!(
        "{}  {}\n  {} articles, {} words, median of {} runs {:.2}s: {:.0} articles/s, {:.0} words/s, peak RSS {}\n  check {}",
        match f.stage { Stage::Ingest => "ingest", Stage::Analyze => "analyze", Stage::Group => "group", Stage::Brief => "brief", Stage::All => "all", Stage::Serve => "serve" }, f.corpus, f.articles, f.words, f.runs, f.seconds_median, f.articles_per_second, f.words_per_second, mib, f.check
    );
}
