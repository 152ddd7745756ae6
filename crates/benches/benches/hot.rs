//! criterion benchmarks of the hot functions, each on real BBC articles (or a bundled example
//! when the shared corpus is absent). Throughput is reported in bytes of article text.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck_analyze::Analyzer;
use crosscheck_group::{Doc, GroupConfig, Grouper};
use crosscheck_ingest::Ingestor;
use crosscheck_model::Article;
use crosscheck_origins::similarity::Bag;
use crosscheck_tagger::Tagger;

/// Up to 50 articles of the BBC business section, or the bundled examples.
fn articles() -> Vec<Article> {
    let ingestor = Ingestor::default();
    let dir = crosscheck_testdata::shared_path("eval/corpus/bbc/business");
    let mut out = Vec::new();
    if let Some(dir) = dir {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files.into_iter().take(50) {
            let bytes = std::fs::read(&f).unwrap();
            out.extend(
                ingestor
                    .read(&f.display().to_string(), &bytes, None)
                    .into_iter()
                    .flatten(),
            );
        }
    } else {
        let path = crosscheck_testdata::workspace_root().join("examples/ecbplus-sample.jsonl");
        let bytes = std::fs::read(&path).unwrap();
        out.extend(
            ingestor
                .read(&path.display().to_string(), &bytes, None)
                .into_iter()
                .flatten()
                .take(50),
        );
    }
    out
}

fn bytes(articles: &[Article]) -> u64 {
    articles.iter().map(|a| a.text.len() as u64).sum()
}

fn hot(c: &mut Criterion) {
    let articles = articles();
    let tagger = Tagger::load_default();
    let analyzer = Analyzer::default();
    let mut g = c.benchmark_group("per-corpus-slice");
    g.throughput(Throughput::Bytes(bytes(&articles)));
    g.sample_size(10);
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| crosscheck_tagger::tokenize(&a.text).len())
                .sum::<usize>()
        })
    });
    g.bench_function("tag", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| tagger.entities(&a.text).len())
                .sum::<usize>()
        })
    });
    g.bench_function("minhash", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| crosscheck_minhash::signature(&a.text).len())
                .sum::<usize>()
        })
    });
    g.bench_function("sentence-bags", |b| {
        b.iter(|| {
            articles
                .iter()
                .flat_map(|a| a.text.lines())
                .map(|l| Bag::of(l).len())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| analyzer.analyze(a).sentences.len())
                .sum::<usize>()
        })
    });
    let analyses: Vec<_> = articles.iter().map(|a| analyzer.analyze(a)).collect();
    let docs: Vec<Doc> = articles
        .iter()
        .zip(&analyses)
        .map(|(a, an)| Doc::extract(a, an))
        .collect();
    g.bench_function("group-features", |b| {
        b.iter(|| {
            articles
                .iter()
                .zip(&analyses)
                .map(|(a, an)| Doc::extract(a, an).terms.len())
                .sum::<usize>()
        })
    });
    g.bench_function("group-add", |b| {
        b.iter(|| {
            let mut grouper = Grouper::new(GroupConfig::default());
            docs.iter().map(|d| grouper.add(d).story.0).max()
        })
    });
    g.finish();
    let bags: Vec<Bag> = articles
        .iter()
        .flat_map(|a| a.text.lines())
        .map(Bag::of)
        .collect();
    c.bench_function("sentence-similarity-all-pairs-of-100", |b| {
        let some = &bags[..bags.len().min(100)];
        b.iter(|| {
            some.iter()
                .flat_map(|x| some.iter().map(move |y| x.similarity(y)))
                .sum::<f64>()
        })
    });
}

criterion_group!(benches, hot);
criterion_main!(benches);
