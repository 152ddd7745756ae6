//! Quotes on real articles: the speakers EXPECTED.md names for the seed articles, and span
//! invariants over the ECB+ story set.

mod common;

use common::read;
use crosscheck_analyze::Analyzer;
use crosscheck_model::Article;

/// (speaker, quoted text, direct) of every quote in the article.
fn quotes(article: &Article) -> Vec<(String, String, bool)> {
    Analyzer::default()
        .analyze(article)
        .quotes
        .iter()
        .map(|q| {
            (
                q.speaker.clone().unwrap_or_default(),
                q.span.slice(&article.text).unwrap().to_string(),
                q.direct,
            )
        })
        .collect()
}

fn said_by(quotes: &[(String, String, bool)], speaker: &str, words: &str) -> bool {
    quotes
        .iter()
        .any(|(s, t, _)| s.contains(speaker) && t.contains(words))
}

#[test]
fn wire_seed_speakers() {
    let Some(articles) = read("seeds/002_911d72a3f3bcc055.txt") else {
        return;
    };
    let q = quotes(&articles[0]);
    assert!(said_by(&q, "Umerov", "small engagements"), "{q:#?}");
    assert!(
        said_by(
            &q,
            "Andriy Kovalenko",
            "The first shelling of the North Korean military"
        ),
        "{q:#?}"
    );
    assert!(
        said_by(&q, "Zelenskiy", "a new page of global instability"),
        "{q:#?}"
    );
    assert!(
        said_by(
            &q,
            "Zelenskiy",
            "The first battle with North Korean soldiers opens a new chapter"
        ),
        "{q:#?}"
    );
    assert!(
        said_by(
            &q,
            "the ministers",
            "would signal a dangerous escalation of the conflict"
        ),
        "{q:#?}"
    );
    assert!(
        q.iter().all(|(_, t, _)| t != "he said." && !t.is_empty()),
        "the stray closing mark makes no quote"
    );
}

#[test]
fn rewrite_seed_speakers() {
    let Some(articles) = read("seeds/000_f4e2d48c6ccf7a64.txt") else {
        return;
    };
    let q = quotes(&articles[0]);
    assert!(said_by(&q, "Umerov", "small group"), "{q:#?}");
    assert!(
        said_by(&q, "Zelensky", "new chapter of instability in the world"),
        "{q:#?}"
    );
    assert!(said_by(&q, "South Korean officials", "incident"), "{q:#?}");
}

#[test]
fn quote_and_speaker_spans_are_valid_on_a_real_story_set() {
    let Some(articles) = read("eval/stories/ecbplus.jsonl") else {
        return;
    };
    let analyzer = Analyzer::default();
    let (mut direct, mut attributed) = (0, 0);
    for article in &articles {
        for q in analyzer.analyze(article).quotes {
            let text = q.span.slice(&article.text).expect("quote span");
            assert!(
                !text.starts_with(['“', '"']) && !text.ends_with(['”', '"']),
                "{}: {text:?}",
                article.id
            );
            if let Some(span) = q.speaker_span {
                assert_eq!(
                    span.slice(&article.text),
                    q.speaker.as_deref(),
                    "{}",
                    article.id
                );
                attributed += 1;
            }
            direct += usize::from(q.direct);
        }
    }
    assert!(
        direct > 300 && attributed > 300,
        "{direct} direct, {attributed} attributed"
    );
}
