//! Quantities and dates on real articles: the seed articles' troop figures, span invariants over
//! ECB+, and relative dates of the dated DUC 2006 articles.

mod common;

use common::read;
use crosscheck_analyze::Analyzer;
use crosscheck_model::QuantityKind;

#[test]
fn seed_troop_numbers_with_bounds() {
    let (Some(rewrite), Some(wire)) = (
        read("seeds/000_f4e2d48c6ccf7a64.txt"),
        read("seeds/002_911d72a3f3bcc055.txt"),
    ) else {
        return;
    };
    let analyzer = Analyzer::default();
    let q = analyzer.analyze(&rewrite[0]).quantities;
    let troops = q
        .iter()
        .find(|q| q.unit.as_deref() == Some("troops"))
        .expect("troop estimate");
    assert_eq!((troops.value, troops.approximate), (Some(11_000.0), true));
    assert_eq!(troops.counted.as_deref(), Some("North Korean troops"));

    let q = analyzer.analyze(&wire[0]).quantities;
    let least = q
        .iter()
        .find(|q| q.low == Some(10_000.0))
        .expect("at least 10,000");
    assert_eq!(
        (least.high, least.unit.as_deref()),
        (None, Some("soldiers"))
    );
    assert!(
        q.iter()
            .any(|q| q.high == Some(12_000.0) && q.low.is_none()),
        "up to 12,000"
    );
    let months = q
        .iter()
        .find(|q| q.kind == QuantityKind::Duration)
        .expect("three months");
    assert_eq!(
        (months.value, months.unit.as_deref()),
        (Some(3.0), Some("months"))
    );
    assert!(
        q.iter().all(|q| q.value != Some(1.0)),
        "\"first\" is an ordinal, not a count"
    );
}

#[test]
fn quantity_spans_lie_inside_their_sentences() {
    let Some(articles) = read("eval/stories/ecbplus.jsonl") else {
        return;
    };
    let analyzer = Analyzer::default();
    let mut found = 0;
    for article in &articles {
        let analysis = analyzer.analyze(article);
        for q in &analysis.quantities {
            let sentence = analysis.sentences[q.sentence].span;
            assert!(
                q.span.start >= sentence.start && q.span.end <= sentence.end,
                "{}: {q:?}",
                article.id
            );
            assert!(q.span.slice(&article.text).is_some());
            if let (Some(low), Some(high)) = (q.low, q.high) {
                assert!(low <= high, "{}: {q:?}", article.id);
            }
            found += 1;
        }
    }
    assert!(
        found > articles.len(),
        "{found} quantities in {} articles",
        articles.len()
    );
}

#[test]
fn relative_dates_of_dated_articles_land_near_their_publication() {
    let Some(articles) = read("eval/stories/duc2006.jsonl") else {
        return;
    };
    let analyzer = Analyzer::default();
    let mut relative = 0;
    for article in articles.iter().filter(|a| a.published.is_some()) {
        let year = article
            .published
            .unwrap()
            .format("%Y")
            .to_string()
            .parse::<i32>()
            .unwrap();
        for d in analyzer
            .analyze(article)
            .dates
            .iter()
            .filter(|d| d.relative)
        {
            let resolved = d
                .resolved
                .as_deref()
                .expect("a dated article resolves relative dates");
            let y: i32 = resolved[..4].parse().unwrap();
            // News looks back: a relative date lies before publication, but for "next year".
            assert!(
                (1..=year + 1).contains(&y),
                "{}: {resolved} from {:?}",
                article.id,
                d.span.slice(&article.text)
            );
            relative += 1;
        }
    }
    assert!(relative > 500, "{relative} relative dates");
}
