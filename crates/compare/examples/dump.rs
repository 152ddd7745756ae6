//! Prints the comparison of the given files as one story (JSON): a tool for tuning.
//!
//! ```text
//! cargo run -p crosscheck-compare --example dump -- FILE...
//! ```

use crosscheck_analyze::Analyzer;
use crosscheck_ingest::Ingestor;
use crosscheck_model::{Analysis, Article};

fn main() {
    let ingestor = Ingestor::default();
    let mut articles: Vec<Article> = Vec::new();
    for f in std::env::args().skip(1) {
        let bytes = std::fs::read(&f).expect("readable input");
        articles.extend(ingestor.read(&f, &bytes, None).into_iter().flatten());
    }
    let analyses: Vec<Analysis> = articles
        .iter()
        .map(|a| Analyzer::default().analyze(a))
        .collect();
    let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    let c = crosscheck_compare::compare(&crosscheck_compare::story(&pairs));
    for (i, s) in c.statements.iter().enumerate() {
        println!(
            "#{i} origins={:?} cites={} neg={} by={} :: {}",
            s.origins,
            s.citations.len(),
            s.negated,
            s.attribution.label(),
            s.text.chars().take(110).collect::<String>()
        );
        for x in s.citations.iter().skip(1) {
            println!("      ~ {}", x.text.chars().take(110).collect::<String>());
        }
    }
    println!("summary {:?}", c.summary);
    for d in &c.disputes {
        println!(
            "dispute {:?} by {:?} vs {:?} by {:?}",
            d.claims, d.affirmed_by, d.denials, d.denied_by
        );
    }
    for n in &c.numbers {
        println!(
            "number {} {:?} consistent={} origins={} reports={:?}",
            n.what,
            n.range,
            n.consistent,
            n.origins,
            n.reports
                .iter()
                .map(|r| (
                    r.low,
                    r.high,
                    r.approximate,
                    r.citations
                        .iter()
                        .map(|c| c.text.clone())
                        .collect::<Vec<_>>()
                ))
                .collect::<Vec<_>>()
        );
    }
    for q in &c.quotes {
        println!(
            "said {:?}: {:?}",
            q.speaker.label(),
            q.quotes.iter().map(|c| c.text.clone()).collect::<Vec<_>>()
        );
    }
}
