//! The seed story through the library: the findings do not depend on the order the articles
//! are given in (beyond numbering), and every citation is a real span.

use crosscheck_analyze::Analyzer;
use crosscheck_compare::{compare, story, Comparison};
use crosscheck_ingest::Ingestor;
use crosscheck_model::{Analysis, Article};

fn seeds() -> Option<Vec<Article>> {
    let mut out = Vec::new();
    for seed in [
        "seeds/000_f4e2d48c6ccf7a64.txt",
        "seeds/002_911d72a3f3bcc055.txt",
    ] {
        let path = crosscheck_testdata::shared_path(seed)?;
        let bytes = std::fs::read(&path).unwrap();
        out.extend(
            Ingestor::default()
                .read(seed, &bytes, None)
                .into_iter()
                .flatten(),
        );
    }
    Some(out)
}

fn run(articles: &[Article]) -> Comparison {
    let analyses: Vec<Analysis> = articles
        .iter()
        .map(|a| Analyzer::default().analyze(a))
        .collect();
    let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    compare(&story(&pairs))
}

/// The texts of the corroborated statements' citations, sorted.
fn corroborated(c: &Comparison) -> Vec<Vec<String>> {
    let mut v: Vec<Vec<String>> = c
        .corroborated()
        .map(|(_, s)| {
            let mut t: Vec<String> = s.citations.iter().map(|x| x.text.clone()).collect();
            t.sort();
            t
        })
        .collect();
    v.sort();
    v
}

#[test]
fn findings_do_not_depend_on_input_order() {
    let Some(mut articles) = seeds() else { return };
    let a = run(&articles);
    articles.reverse();
    let b = run(&articles);
    assert_eq!(a.independent, b.independent);
    assert_eq!(corroborated(&a), corroborated(&b));
    assert_eq!(a.disputes.len(), b.disputes.len());
    let ranges = |c: &Comparison| c.numbers.iter().map(|n| n.range).collect::<Vec<_>>();
    let (mut ra, mut rb) = (ranges(&a), ranges(&b));
    let key = |r: &Option<[f64; 2]>| r.map(|[lo, hi]| (lo as i64, hi as i64));
    ra.sort_by_key(key);
    rb.sort_by_key(key);
    assert_eq!(ra, rb);
}

#[test]
fn every_citation_of_the_seed_story_is_a_real_span() {
    let Some(articles) = seeds() else { return };
    let c = run(&articles);
    let text =
        |id: &crosscheck_model::ArticleId| &articles.iter().find(|a| &a.id == id).unwrap().text;
    let citations = c
        .statements
        .iter()
        .flat_map(|s| &s.citations)
        .chain(c.quotes.iter().flat_map(|q| &q.quotes))
        .chain(
            c.numbers
                .iter()
                .flat_map(|n| n.reports.iter().flat_map(|r| &r.citations)),
        )
        .chain(c.timeline.iter().map(|e| &e.when));
    for x in citations {
        assert_eq!(x.span.slice(text(&x.article)), Some(x.text.as_str()));
    }
}
