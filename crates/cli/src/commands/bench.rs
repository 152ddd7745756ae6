//! `crosscheck bench`: throughput (articles/s, words/s) and peak memory of the pipeline's
//! stages on real corpora, as medians of repeated runs, each run into a fresh store. Every run
//! checks its result, so a fast wrong answer fails the bench.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use crosscheck_analyze::Analyzer;
use crosscheck_group::{Doc, GroupConfig};
use crosscheck_ingest::Ingestor;
use crosscheck_model::{Analysis, Article};
use crosscheck_store::Store;
use indicatif::ProgressBar;
use rayon::prelude::*;
use serde::Serialize;

use crate::output::print_json;
use crate::{memory, OutputArgs};
use crosscheck_pipeline::Grouping;
use crosscheck_pipeline::{inputs, read as pipeline};

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
    /// Runs per corpus; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// With `--stage group`: replay the corpus this many times through one grouper, dates
    /// shifted past the previous replay and one term in ten renamed per replay, and print
    /// how time, active stories, vocabulary and peak memory grow.
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
        let load = super::bench_serve::Load {
            articles: args.articles,
            connections: args.connections.max(1),
            seconds: args.seconds,
        };
        super::bench_serve::run(corpus, &load, args.output.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut figures = Vec::new();
    for corpus in &corpora {
        let figure = match args.stage {
            Stage::Ingest | Stage::All => bench_ingest(corpus, args.runs.max(1), args.stage)?,
            Stage::Analyze => bench_analyze(corpus, args.runs.max(1))?,
            Stage::Group if args.replay.is_some() => {
                replay(corpus, args.replay.unwrap_or(1).max(1), args.output.json)?;
                continue;
            }
            Stage::Group => bench_group(corpus, args.runs.max(1))?,
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

/// Ingest alone, or (`Stage::All`) ingest with the analysis, into a fresh store per run.
fn bench_ingest(corpus: &Path, runs: usize, stage: Stage) -> anyhow::Result<Figure> {
    let ingestor = Ingestor::default();
    let analyzer = matches!(stage, Stage::All).then(Analyzer::default);
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
        let reader = pipeline::Reader {
            ingestor: &ingestor,
            format: None,
            analyzer: analyzer.as_ref(),
        };
        let mut grouping = analyzer.as_ref().map(|_| Grouping::fresh());
        let counts = pipeline::run(
            &mut store,
            reader,
            grouping.as_mut(),
            inputs,
            &ProgressBar::hidden(),
        )?;
        if let Some(grouping) = grouping {
            grouping.finish(&mut store)?;
        }
        seconds.push(start.elapsed().as_secs_f64());
        peak = peak.max(memory::peak_rss());
        check(&store, &counts, corpus)?;
        let analysed = store.analysed_count()? as usize;
        if analyzer.is_some() && analysed != counts.new + counts.near_duplicate {
            bail!(
                "{}: {analysed} analyses stored for {} articles",
                corpus.display(),
                counts.new + counts.near_duplicate
            );
        }
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

fn bench_analyze(corpus: &Path, runs: usize) -> anyhow::Result<Figure> {
    let articles = read_corpus(corpus)?;
    let words: usize = articles.iter().map(Article::word_count).sum();
    let analyzer = Analyzer::default();
    let mut seconds = Vec::new();
    let mut peak = None;
    let mut check = String::new();
    for _ in 0..runs {
        memory::reset_peak();
        let start = Instant::now();
        let analyses: Vec<Analysis> = articles.par_iter().map(|a| analyzer.analyze(a)).collect();
        seconds.push(start.elapsed().as_secs_f64());
        peak = peak.max(memory::peak_rss());
        check = check_analyses(corpus, &articles, &analyses)?;
    }
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    Ok(Figure {
        corpus: corpus.display().to_string(),
        stage: Stage::Analyze,
        articles: articles.len(),
        words,
        seconds_median: median,
        articles_per_second: articles.len() as f64 / median,
        words_per_second: words as f64 / median,
        peak_rss_bytes: peak,
        runs,
        check,
    })
}

fn bench_group(corpus: &Path, runs: usize) -> anyhow::Result<Figure> {
    let articles = read_corpus(corpus)?;
    let words: usize = articles.iter().map(Article::word_count).sum();
    let analyzer = Analyzer::default();
    let analyses: Vec<Analysis> = articles.par_iter().map(|a| analyzer.analyze(a)).collect();
    let mut seconds = Vec::new();
    let mut peak = None;
    let mut stories = 0;
    for _ in 0..runs {
        memory::reset_peak();
        let start = Instant::now();
        let docs: Vec<Doc> = articles
            .par_iter()
            .zip(&analyses)
            .map(|(a, an)| Doc::extract(a, an))
            .collect();
        let grouping = crosscheck_group::regroup(&docs, &GroupConfig::default());
        seconds.push(start.elapsed().as_secs_f64());
        peak = peak.max(memory::peak_rss());
        let distinct: std::collections::BTreeSet<_> = grouping.stories.iter().collect();
        stories = distinct.len();
        if grouping.stories.len() != articles.len() || stories == 0 || stories >= articles.len() {
            bail!(
                "{}: {} placements, {stories} stories for {} articles",
                corpus.display(),
                grouping.stories.len(),
                articles.len()
            );
        }
    }
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    Ok(Figure {
        corpus: corpus.display().to_string(),
        stage: Stage::Group,
        articles: articles.len(),
        words,
        seconds_median: median,
        articles_per_second: articles.len() as f64 / median,
        words_per_second: words as f64 / median,
        peak_rss_bytes: peak,
        runs,
        check: format!("ok: {} articles in {stories} stories", articles.len()),
    })
}

/// One replay of the scale run.
#[derive(Serialize)]
struct ReplayRow {
    replay: usize,
    articles: usize,
    seconds: f64,
    articles_per_second: f64,
    active_stories: usize,
    vocabulary: usize,
    peak_rss_bytes: Option<u64>,
}

/// The scale run: the corpus replayed `n` times through one grouper.
fn replay(corpus: &Path, n: usize, json: bool) -> anyhow::Result<()> {
    let articles = read_corpus(corpus)?;
    let analyzer = Analyzer::default();
    let docs: Vec<Doc> = articles
        .par_iter()
        .map(|a| Doc::extract(a, &analyzer.analyze(a)))
        .collect();
    let times: Vec<i64> = docs.iter().filter_map(|d| d.time).collect();
    let span = times
        .iter()
        .max()
        .zip(times.iter().min())
        .map_or(0, |(a, b)| a - b);
    let shift = span + 60 * 86_400;
    let mut grouper = crosscheck_group::Grouper::new(GroupConfig::default());
    let mut rows = Vec::new();
    if !json {
        outln!("scale run on {}: {} articles replayed {n} times; each replay's dates shifted {} days past the last, one term in ten renamed", corpus.display(), docs.len(), shift / 86_400);
        outln!(
            "{:>6}  {:>9}  {:>8}  {:>10}  {:>7}  {:>10}  {:>9}",
            "replay",
            "articles",
            "seconds",
            "articles/s",
            "active",
            "vocabulary",
            "peak RSS"
        );
    }
    for k in 0..n {
        let shifted: Vec<Doc> = docs.iter().map(|d| perturb(d, k, shift)).collect();
        let start = Instant::now();
        for d in &shifted {
            grouper.add(d);
        }
        let seconds = start.elapsed().as_secs_f64();
        let row = ReplayRow {
            replay: k + 1,
            articles: docs.len() * (k + 1),
            seconds,
            articles_per_second: docs.len() as f64 / seconds,
            active_stories: grouper.active(),
            vocabulary: grouper.vocabulary(),
            peak_rss_bytes: memory::peak_rss(),
        };
        if !json {
            outln!(
                "{:>6}  {:>9}  {:>8.2}  {:>10.0}  {:>7}  {:>10}  {:>6} MiB",
                row.replay,
                row.articles,
                row.seconds,
                row.articles_per_second,
                row.active_stories,
                row.vocabulary,
                row.peak_rss_bytes.map_or(0, |b| b >> 20)
            );
        }
        rows.push(row);
    }
    if json {
        print_json("replay", &rows, &[])?;
    }
    Ok(())
}

/// A document as replay `k` sees it: dates shifted, one term in ten renamed.
fn perturb(doc: &Doc, k: usize, shift: i64) -> Doc {
    let mut d = doc.clone();
    d.time = d.time.map(|t| t + shift * k as i64);
    if k > 0 {
        for (i, (term, _)) in d.terms.iter_mut().enumerate() {
            if (i + k).is_multiple_of(10) {
                term.push_str(&format!("~{k}"));
            }
        }
        d.terms.sort_by(|a, b| a.0.cmp(&b.0));
    }
    d
}

/// An analysis run is right when every article with words got sentences, and the corpus as a
/// whole yields entities.
fn check_analyses(
    corpus: &Path,
    articles: &[Article],
    analyses: &[Analysis],
) -> anyhow::Result<String> {
    let empty = articles
        .iter()
        .zip(analyses)
        .filter(|(a, an)| a.word_count() > 0 && an.sentences.is_empty())
        .count();
    let sentences: usize = analyses.iter().map(|a| a.sentences.len()).sum();
    let entities: usize = analyses.iter().map(|a| a.entities.len()).sum();
    let quotes: usize = analyses.iter().map(|a| a.quotes.len()).sum();
    if analyses.len() != articles.len() || empty > 0 || entities == 0 {
        bail!(
            "{}: {} analyses for {} articles, {empty} without sentences, {entities} entities",
            corpus.display(),
            analyses.len(),
            articles.len()
        );
    }
    Ok(format!(
        "ok: {} articles analysed: {sentences} sentences, {entities} entities, {quotes} quotes",
        analyses.len()
    ))
}

fn print_figure(f: &Figure) {
    let mib = f.peak_rss_bytes.map_or("n/a".to_string(), |b| {
        format!("{:.0} MiB", b as f64 / 1048576.0)
    });
    outln!(
        "{}  {}\n  {} articles, {} words, median of {} runs {:.2}s: {:.0} articles/s, {:.0} words/s, peak RSS {}\n  check {}",
        match f.stage { Stage::Ingest => "ingest", Stage::Analyze => "analyze", Stage::Group => "group", Stage::All => "all", Stage::Serve => "serve" }, f.corpus, f.articles, f.words, f.runs, f.seconds_median, f.articles_per_second, f.words_per_second, mib, f.check
    );
}
