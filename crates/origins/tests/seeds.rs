//! The seed story: a BBC rewrite and a dpa/Reuters report are two independent origins, and an
//! exact copy of one adds an article but no origin.

use crosscheck_analyze::Analyzer;
use crosscheck_ingest::Ingestor;
use crosscheck_model::{Analysis, Article, Span};
use crosscheck_origins::{trace, Member};

fn seed(name: &str) -> Option<(Article, Analysis)> {
    let path = crosscheck_testdata::shared_path(&format!("seeds/{name}"))?;
    let bytes = std::fs::read(&path).unwrap();
    let article = Ingestor::default()
        .read(&path.display().to_string(), &bytes, None)
        .remove(0)
        .unwrap();
    let analysis = Analyzer::default().analyze(&article);
    Some((article, analysis))
}

#[test]
fn the_seed_story_has_two_independent_origins() {
    let (Some(bbc), Some(wire)) = (
        seed("000_f4e2d48c6ccf7a64.txt"),
        seed("002_911d72a3f3bcc055.txt"),
    ) else {
        return;
    };
    let spans = |a: &Analysis| a.sentences.iter().map(|s| s.span).collect::<Vec<Span>>();
    let (bbc_spans, wire_spans) = (spans(&bbc.1), spans(&wire.1));
    let members = [
        Member {
            credits: &bbc.0.credits,
            sentences: &bbc_spans,
            ..Member::new(&bbc.0.id, &bbc.0.text)
        },
        Member {
            credits: &wire.0.credits,
            sentences: &wire_spans,
            ..Member::new(&wire.0.id, &wire.0.text)
        },
    ];
    let origins = trace(&members);
    assert_eq!(origins.independent, 2, "{origins:#?}");
    assert_eq!(origins.groups[0].label, "bbc.com");
    assert!(
        origins.groups[1].label.contains("Reuters"),
        "{}",
        origins.groups[1].label
    );

    let mut copied = members;
    copied[0].copies = 1;
    let origins = trace(&copied);
    assert_eq!((origins.articles, origins.independent), (3, 2));
}
