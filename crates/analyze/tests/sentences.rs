//! Sentences and headings on real articles: the seed articles, and span invariants over the
//! ECB+ story set.

mod common;

use common::read;
use crosscheck_analyze::Analyzer;

#[test]
fn wire_seed_headings_and_sentences() {
    let Some(mut articles) = read("seeds/002_911d72a3f3bcc055.txt") else {
        return;
    };
    let article = articles.remove(0);
    let analysis = Analyzer::default().analyze(&article);
    let text = &article.text;
    let headings: Vec<&str> = analysis
        .headings
        .iter()
        .map(|h| h.span.slice(text).unwrap())
        .collect();
    assert_eq!(headings.len(), 2, "{headings:?}");
    assert!(headings[0].starts_with("What we know"));
    let sentences: Vec<&str> = analysis
        .sentences
        .iter()
        .map(|s| s.span.slice(text).unwrap())
        .collect();
    assert!(
        sentences.iter().all(|s| !s.contains("What we know")),
        "headings are not sentences"
    );
    assert!(sentences
        .iter()
        .any(|s| s.ends_with("a violation of U.N. Security Council resolutions.")));
    assert!(sentences
        .iter()
        .any(|s| s.starts_with("Ukraine\u{2019}s Defense Minister Rustem Umerov admitted")));
    // 15 story paragraphs, a few of two sentences; never a sentence per abbreviation.
    assert!(
        (15..=22).contains(&sentences.len()),
        "{} sentences: {sentences:#?}",
        sentences.len()
    );
}

#[test]
fn rewrite_seed_sentences() {
    let Some(mut articles) = read("seeds/000_f4e2d48c6ccf7a64.txt") else {
        return;
    };
    let article = articles.remove(0);
    let analysis = Analyzer::default().analyze(&article);
    assert!(analysis.headings.is_empty());
    let sentences: Vec<&str> = analysis
        .sentences
        .iter()
        .map(|s| s.span.slice(&article.text).unwrap())
        .collect();
    assert!(sentences.contains(&"In a recent interview with KBS, Ukrainian Defense Minister Rustem Umerov disclosed that a \u{201c}small group\u{201d} of North Korean troops were involved in skirmishes."));
    assert!((20..=30).contains(&sentences.len()), "{}", sentences.len());
}

#[test]
fn spans_are_ordered_disjoint_and_within_paragraphs_on_a_real_story_set() {
    let Some(articles) = read("eval/stories/ecbplus.jsonl") else {
        return;
    };
    let analyzer = Analyzer::default();
    let mut total = 0;
    for article in &articles {
        let analysis = analyzer.analyze(article);
        let mut last_end = 0;
        for s in &analysis.sentences {
            let slice = s
                .span
                .slice(&article.text)
                .unwrap_or_else(|| panic!("{}: bad span {:?}", article.id, s.span));
            assert!(
                s.span.start >= last_end,
                "{}: overlapping sentences",
                article.id
            );
            assert!(
                !slice.contains("\n\n"),
                "{}: a sentence crosses paragraphs",
                article.id
            );
            assert_eq!(slice, slice.trim());
            last_end = s.span.end;
        }
        total += analysis.sentences.len();
    }
    assert!(
        total > articles.len() * 5,
        "{total} sentences in {} articles",
        articles.len()
    );
}
