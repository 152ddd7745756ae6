//! How long a brief takes for a 25-article story: the two seed articles and 23 records of the
//! ECB+ sample, analysed once, then origins traced, compared and rendered (Markdown, JSON and
//! HTML) many times. Run in release mode:
//!
//! ```text
//! cargo run --release -p crosscheck-brief --example brief_speed
//! ```

use std::time::Instant;

use crosscheck_analyze::Analyzer;
use crosscheck_brief::{render, Format};
use crosscheck_ingest::Ingestor;
use crosscheck_model::{Analysis, Article};

fn main() {
    let ingestor = Ingestor::default();
    let mut articles: Vec<Article> = Vec::new();
    for seed in [
        "seeds/000_f4e2d48c6ccf7a64.txt",
        "seeds/002_911d72a3f3bcc055.txt",
    ] {
        if let Some(path) = crosscheck_testdata::shared_path(seed) {
            let bytes = std::fs::read(&path).expect("seed readable");
            articles.extend(ingestor.read(seed, &bytes, None).into_iter().flatten());
        }
    }
    let sample = crosscheck_testdata::workspace_root().join("examples/ecbplus-sample.jsonl");
    let bytes = std::fs::read(&sample).expect("examples/ecbplus-sample.jsonl");
    let rest = 25 - articles.len();
    articles.extend(
        ingestor
            .read("ecbplus-sample.jsonl", &bytes, None)
            .into_iter()
            .flatten()
            .take(rest),
    );
    let analyzer = Analyzer::default();
    let analyses: Vec<Analysis> = articles.iter().map(|a| analyzer.analyze(a)).collect();
    let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    let sentences: usize = analyses.iter().map(|a| a.sentences.len()).sum();

    let rounds = 20;
    let mut bytes_out = 0;
    let start = Instant::now();
    let mut statements = 0;
    for _ in 0..rounds {
        let story = crosscheck_compare::story(&pairs);
        let comparison = crosscheck_compare::compare(&story);
        statements = comparison.statements.len();
        for format in [Format::Markdown, Format::Json, Format::Html] {
            bytes_out += render(&comparison, format).len();
        }
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds);
    // A fast wrong answer is no answer: the story must have produced statements and output.
    assert!(statements > 0 && bytes_out > 0);
    println!(
        "{} articles, {sentences} sentences, {statements} statements: \
         story + compare + 3 renders in {per:.1} ms per brief (mean of {rounds})",
        articles.len()
    );
}
