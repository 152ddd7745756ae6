//! The scale run of `crosscheck bench --replay N`: the corpus replayed N times, each replay's
//! dates shifted past the previous one and one word in ten renamed, through one grouper
//! (`--stage group`) or end to end through one store (`--stage all`), printing how time and
//! memory grow with the archive.

use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context};
use crosscheck_analyze::Analyzer;
use crosscheck_group::{Doc, GroupConfig};
use crosscheck_ingest::Ingestor;
use crosscheck_model::Article;
use crosscheck_pipeline::{inputs, read as pipeline, Grouping};
use crosscheck_store::Store;
use indicatif::ProgressBar;
use rayon::prelude::*;
use serde::Serialize;

use super::read_corpus;
use crate::memory;
use crate::output::print_json;

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
pub(super) fn replay(corpus: &Path, n: usize, json: bool) -> anyhow::Result<()> {
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

/// The seconds between replays: the corpus's time span plus 60 days, so each replay's
/// stories have left the active window before the next begins.
fn replay_shift(times: impl Iterator<Item = i64>) -> i64 {
    let span = times
        .fold(None, |range: Option<(i64, i64)>, t| {
            Some(range.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))))
        })
        .map_or(0, |(lo, hi)| hi.saturating_sub(lo));
    span + 60 * 86_400
}

/// One replay of the end-to-end scale run.
#[derive(Serialize)]
struct StoreRow {
    replay: usize,
    /// Articles read so far, all replays.
    articles: usize,
    /// Articles stored so far (new and near duplicates).
    stored: usize,
    seconds: f64,
    articles_per_second: f64,
    active_stories: usize,
    vocabulary: usize,
    peak_rss_bytes: Option<u64>,
    store_bytes: u64,
}

/// The end-to-end scale run: the corpus replayed `n` times through `ingest`'s pipeline
/// (reading, analysis, store, grouping, summaries, topics and state saved after each replay)
/// into one store in a scratch directory.
pub(super) fn replay_all(corpus: &Path, n: usize, json: bool) -> anyhow::Result<()> {
    let articles = read_corpus(corpus)?;
    let shift = replay_shift(
        articles
            .iter()
            .filter_map(|a| a.published.map(|t| t.timestamp())),
    );
    let dir = tempfile::tempdir().context("creating a scratch data directory")?;
    let ingestor = Ingestor::default();
    let analyzer = Analyzer::default();
    let reader = pipeline::Reader {
        ingestor: &ingestor,
        format: None,
        analyzer: Some(&analyzer),
    };
    let mut store = Store::open(&dir.path().join("data"))?;
    let mut grouping = Grouping::fresh();
    if !json {
        outln!("scale run, end to end, on {}: {} articles replayed {n} times into one store; each replay's dates shifted {} days past the last, its first word and one in ten renamed", corpus.display(), articles.len(), shift / 86_400);
        outln!(
            "{:>6}  {:>9}  {:>9}  {:>8}  {:>10}  {:>7}  {:>10}  {:>9}  {:>9}",
            "replay",
            "articles",
            "stored",
            "seconds",
            "articles/s",
            "active",
            "vocabulary",
            "peak RSS",
            "store"
        );
    }
    let progress = if json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(n as u64)
    };
    let (mut rows, mut first) = (Vec::new(), None);
    for k in 0..n {
        let file = dir.path().join(format!("replay-{k}.jsonl"));
        write_replay(&file, &articles, k, shift)?;
        let (inputs, _) = inputs::expand(&[file.display().to_string()]);
        let start = Instant::now();
        let counts = pipeline::run(
            &mut store,
            reader,
            Some(&mut grouping),
            inputs,
            &ProgressBar::hidden(),
        )?;
        grouping.commit(&mut store)?;
        let seconds = start.elapsed().as_secs_f64();
        std::fs::remove_file(&file).with_context(|| format!("removing {}", file.display()))?;
        let stored_now = counts.new + counts.near_duplicate;
        let expected = *first.get_or_insert(stored_now);
        if counts.rejected > 0 || stored_now * 100 < expected * 95 {
            bail!("replay {}: {stored_now} articles stored (the first replay stored {expected}), {} rejected: {}", k + 1, counts.rejected, counts.errors.join("; "));
        }
        let row = StoreRow {
            replay: k + 1,
            articles: articles.len() * (k + 1),
            stored: store.count()? as usize,
            seconds,
            articles_per_second: articles.len() as f64 / seconds,
            active_stories: grouping.grouper().active(),
            vocabulary: grouping.grouper().vocabulary(),
            peak_rss_bytes: memory::peak_rss(),
            store_bytes: dir_size(&dir.path().join("data")),
        };
        progress.inc(1);
        if !json {
            progress.suspend(|| {
                outln!(
                    "{:>6}  {:>9}  {:>9}  {:>8.1}  {:>10.0}  {:>7}  {:>10}  {:>5} MiB  {:>5} MiB",
                    row.replay,
                    row.articles,
                    row.stored,
                    row.seconds,
                    row.articles_per_second,
                    row.active_stories,
                    row.vocabulary,
                    row.peak_rss_bytes.map_or(0, |b| b >> 20),
                    row.store_bytes >> 20
                )
            });
        }
        rows.push(row);
    }
    progress.finish_and_clear();
    if json {
        print_json("replay", &rows, &[])?;
    }
    Ok(())
}

/// Writes replay `k` of `articles` as JSON Lines: dates shifted by `k * shift` seconds, one
/// word in ten of title and text renamed, ids and URLs marked with the replay.
fn write_replay(file: &Path, articles: &[Article], k: usize, shift: i64) -> anyhow::Result<()> {
    let lines: Vec<String> = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let published = a.published.map(|t| (t + chrono::Duration::seconds(shift * k as i64)).to_rfc3339());
            let record = serde_json::json!({
                "id": format!("replay-{k}-{i}"),
                "url": a.url.as_ref().map(|u| if k == 0 { u.clone() } else { format!("{u}#replay-{k}") }),
                "outlet": a.outlet,
                "byline": a.byline,
                "published": published,
                "title": a.title.as_deref().map(|t| rename_words(t, k)),
                "text": rename_words(&a.text, k),
            });
            record.to_string()
        })
        .collect();
    let mut body = lines.join("\n");
    body.push('\n');
    std::fs::write(file, body).with_context(|| format!("writing {}", file.display()))
}

/// `text` with its first word and one word in ten (words of four letters or more) given a
/// suffix naming replay `k`, so even short texts change; replay 0 is the text unchanged.
fn rename_words(text: &str, k: usize) -> String {
    if k == 0 {
        return text.to_string();
    }
    let suffix = replay_suffix(k);
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut word = 0usize;
    for piece in text.split_inclusive(char::is_whitespace) {
        let core = piece.trim_end_matches(|c: char| !c.is_alphabetic());
        if core.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            word += 1;
            if word == 1 || (word + k).is_multiple_of(10) {
                out.push_str(core);
                out.push_str(&suffix);
                out.push_str(&piece[core.len()..]);
                continue;
            }
        }
        out.push_str(piece);
    }
    out
}

/// Letters naming replay `k` (1 → "b", 26 → "ba"), lower case so renamed words keep their
/// capitalisation.
fn replay_suffix(mut k: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (k % 26) as u8);
        k /= 26;
        if k == 0 {
            break;
        }
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Bytes of the files directly in `dir`.
fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_zero_is_the_text_and_later_replays_rename_one_long_word_in_ten() {
        let text = "Troops moved north, said officials. Twelve more words here to count along the road today again.";
        assert_eq!(rename_words(text, 0), text);
        let renamed = rename_words(text, 1);
        assert_ne!(renamed, text);
        let changed = text
            .split_whitespace()
            .zip(renamed.split_whitespace())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(changed, 2, "{renamed}");
        assert!(renamed.starts_with("Troopsb "), "{renamed}");
        assert!(renamed.contains(" hereb to "), "{renamed}");
        assert_eq!(replay_suffix(26), "ba");
    }

    #[test]
    fn replays_are_shifted_past_the_corpus_span() {
        assert_eq!(replay_shift([0, 86_400].into_iter()), 61 * 86_400);
        assert_eq!(replay_shift(std::iter::empty()), 60 * 86_400);
    }
}
