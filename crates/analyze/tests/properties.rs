//! Properties that hold for any text: analysis never panics, and every span it returns lies on
//! character boundaries inside the text, in order.

use crosscheck_analyze::Analyzer;
use crosscheck_ingest::Ingestor;
use crosscheck_model::{Article, ArticleId};
use proptest::prelude::*;

/// Text built from the pieces news is made of, so the patterns actually fire.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just(" said ".to_string()),
        Just("at least ".to_string()),
        Just("between 10,000 and ".to_string()),
        Just("$1.5bn".to_string()),
        Just("76%".to_string()),
        Just("on Tuesday".to_string()),
        Just("last month".to_string()),
        Just("U.S.".to_string()),
        Just("Mr. ".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("President Zelenskiy".to_string()),
        Just("according to ".to_string()),
        Just("three months ago".to_string()),
        Just("–".to_string()),
        "[a-zA-Zé’ ,.0-9]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let article = Article::new(ArticleId::of_text(text), text.to_string());
    let a = Analyzer::default().analyze(&article);
    let mut spans = Vec::new();
    spans.extend(a.sentences.iter().map(|s| s.span));
    spans.extend(a.headings.iter().map(|h| h.span));
    spans.extend(a.quantities.iter().map(|q| q.span));
    spans.extend(a.dates.iter().map(|d| d.span));
    spans.extend(a.quotes.iter().map(|q| q.span));
    spans.extend(a.quotes.iter().filter_map(|q| q.speaker_span));
    for e in &a.events {
        spans.extend(
            [e.actor, Some(e.action), e.place, e.time]
                .into_iter()
                .flatten(),
        );
        assert!(e.sentence < a.sentences.len());
    }
    for span in spans {
        assert!(span.slice(text).is_some(), "span {span:?} not in {text:?}");
    }
    for pair in a.sentences.windows(2) {
        assert!(
            pair[0].span.end <= pair[1].span.start,
            "sentences overlap in {text:?}"
        );
    }
    for q in &a.quantities {
        assert!(q.sentence < a.sentences.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn analysis_spans_are_valid_on_newsy_text(text in newsy()) {
        check(&text);
    }

    #[test]
    fn analysis_never_panics_on_any_text(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn ingest_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400), format in 0usize..5) {
        let format = [None, Some(crosscheck_ingest::Format::Text), Some(crosscheck_ingest::Format::Html),
            Some(crosscheck_ingest::Format::JsonLines), Some(crosscheck_ingest::Format::Feed)][format];
        for article in Ingestor::default().read("fuzz", &bytes, format).into_iter().flatten() {
            assert!(!article.text.is_empty());
            check(&article.text);
        }
    }
}
