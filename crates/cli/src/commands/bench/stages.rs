//! The measured stages of `crosscheck bench`: ingest (with or without the analysis), the
//! analysis alone, the grouping alone and story briefs, each as the median of repeated runs
//! with a check of its result.

use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context};
use crosscheck_analyze::Analyzer;
use crosscheck_group::{Doc, GroupConfig};
use crosscheck_ingest::Ingestor;
use crosscheck_model::{Analysis, Article};
use crosscheck_pipeline::story::Story;
use crosscheck_pipeline::Grouping;
use crosscheck_pipeline::{inputs, read as pipeline};
use crosscheck_store::Store;
use indicatif::ProgressBar;
use rayon::prelude::*;

use super::{read_corpus, Figure, Stage};
use crate::memory;

/// Ingest alone, or (`Stage::All`) ingest with the analysis, into a fresh store per run.
pub(super) fn ingest(corpus: &Path, runs: usize, stage: Stage) -> anyhow::Result<Figure> {
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
    let articles = last.new + last.duplicate + last.near_duplicate;
    Ok(Figure::of_runs(
        corpus,
        stage,
        (articles, last.words),
        seconds,
        peak,
        format!(
            "ok: {} stored ({} new, {} near-duplicate), {} exact duplicates, 0 rejected",
            last.new + last.near_duplicate,
            last.new,
            last.near_duplicate,
            last.duplicate
        ),
    ))
}

/// A run is right when nothing was rejected and the store holds what the counts say.
pub(super) fn check(store: &Store, counts: &pipeline::Counts, corpus: &Path) -> anyhow::Result<()> {
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

pub(super) fn analyze(corpus: &Path, runs: usize) -> anyhow::Result<Figure> {
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
    Ok(Figure::of_runs(
        corpus,
        Stage::Analyze,
        (articles.len(), words),
        seconds,
        peak,
        check,
    ))
}

pub(super) fn group(corpus: &Path, runs: usize) -> anyhow::Result<Figure> {
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
    Ok(Figure::of_runs(
        corpus,
        Stage::Group,
        (articles.len(), words),
        seconds,
        peak,
        format!("ok: {} articles in {stories} stories", articles.len()),
    ))
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

/// Story briefs: the corpus stored with its analysis and grouping (not timed), then every
/// story of two or more articles loaded, compared across its origins and briefed as JSON
/// and Markdown. Throughput counts the articles of the briefed stories.
pub(super) fn brief(corpus: &Path, runs: usize) -> anyhow::Result<Figure> {
    let dir = tempfile::tempdir().context("creating a scratch data directory")?;
    let mut store = fill_store(dir.path(), corpus)?;
    let ids: Vec<(u64, usize)> = store
        .all_stories()?
        .into_iter()
        .filter(|s| s.texts >= 2)
        .map(|s| (s.id, s.texts))
        .collect();
    if ids.is_empty() {
        bail!("{}: no story has two articles to brief", corpus.display());
    }
    let mut seconds = Vec::new();
    let mut peak = None;
    let mut counted = (0, 0, 0);
    for _ in 0..runs {
        memory::reset_peak();
        let start = Instant::now();
        counted = brief_all(&mut store, &ids)?;
        seconds.push(start.elapsed().as_secs_f64());
        peak = peak.max(memory::peak_rss());
    }
    let (articles, words, sections) = counted;
    let expected: usize = ids.iter().map(|(_, n)| n).sum();
    if articles != expected || sections < ids.len() {
        bail!(
            "{}: briefs cover {articles} articles of {expected}, {sections} sections for {} stories",
            corpus.display(),
            ids.len()
        );
    }
    Ok(Figure::of_runs(
        corpus,
        Stage::Brief,
        (articles, words),
        seconds,
        peak,
        format!(
            "ok: {} stories of two or more articles briefed ({articles} articles, {sections} sections)",
            ids.len()
        ),
    ))
}

/// Stores `corpus` analysed and grouped into a fresh store in `dir`.
fn fill_store(dir: &Path, corpus: &Path) -> anyhow::Result<Store> {
    let (inputs, missing) = inputs::expand(&[corpus.display().to_string()]);
    if !missing.is_empty() {
        bail!("{}", missing.join("; "));
    }
    let mut store = Store::open(dir)?;
    let counts = ingest_grouped(&mut store, inputs)?;
    check(&store, &counts, corpus)?;
    Ok(store)
}

/// Runs `ingest`'s pipeline (analysis and a fresh grouping, finished) over `inputs`.
pub(super) fn ingest_grouped(
    store: &mut Store,
    inputs: Vec<inputs::Input>,
) -> anyhow::Result<pipeline::Counts> {
    let ingestor = Ingestor::default();
    let analyzer = Analyzer::default();
    let reader = pipeline::Reader {
        ingestor: &ingestor,
        format: None,
        analyzer: Some(&analyzer),
    };
    let mut grouping = Grouping::fresh();
    let counts = pipeline::run(
        store,
        reader,
        Some(&mut grouping),
        inputs,
        &ProgressBar::hidden(),
    )?;
    grouping.finish(store)?;
    Ok(counts)
}

/// Loads, compares and briefs the stories `ids` (loading in order, the rest in parallel);
/// returns the articles and words briefed and the brief sections written.
fn brief_all(store: &mut Store, ids: &[(u64, usize)]) -> anyhow::Result<(usize, usize, usize)> {
    let mut stories = Vec::with_capacity(ids.len());
    for (id, _) in ids {
        let mut story = Story::load(store, *id)?;
        story.analyse_missing();
        stories.push(story);
    }
    Ok(stories
        .par_iter()
        .map(|story| {
            let comparison = story.compare();
            let brief = crosscheck_brief::brief(&comparison);
            let markdown =
                crosscheck_brief::render(&comparison, crosscheck_brief::Format::Markdown);
            let json = serde_json::to_string(&brief).map_or(0, |j| j.len());
            let words: usize = story
                .members
                .iter()
                .map(|(s, _, _)| s.article.word_count())
                .sum();
            let sections = if markdown.is_empty() || json == 0 {
                0
            } else {
                brief.sections.len()
            };
            (comparison.sources.len(), words, sections)
        })
        .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2)))
}
