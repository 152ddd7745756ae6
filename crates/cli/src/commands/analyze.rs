//! `crosscheck analyze FILE...`: stateless analysis of any input ingest reads, printed per
//! article: sentences, headings, entities, quotes, numbers and dates. Articles are analysed
//! in parallel and printed in input order.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use crosscheck_analyze::Analyzer;
use crosscheck_model::{
    Analysis, Article, DateMention, Entity, Heading, Quantity, Quote, Sentence, Span,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::output::print_json;
use crate::OutputArgs;

/// Arguments of `crosscheck analyze`.
#[derive(Args)]
pub struct AnalyzeArgs {
    /// Files in any format ingest reads.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Publication time of inputs that do not give their own; relative dates ("on Tuesday",
    /// "last month") are resolved against it.
    #[arg(long)]
    published: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

/// One analysed article as printed: spans with the text they cover.
#[derive(Serialize)]
struct Printed<'a> {
    id: &'a str,
    title: Option<&'a str>,
    source: String,
    analysis_version: u32,
    sentences: Vec<Spanned<'a, Sentence>>,
    headings: Vec<Spanned<'a, Heading>>,
    quantities: Vec<Spanned<'a, Quantity>>,
    dates: Vec<Spanned<'a, DateMention>>,
    quotes: Vec<Spanned<'a, Quote>>,
    entities: &'a [Entity],
    events: Vec<PrintedEvent<'a>>,
}

/// An event printed with the words of each part.
#[derive(Serialize)]
struct PrintedEvent<'a> {
    actor: Option<&'a str>,
    action: &'a str,
    place: Option<&'a str>,
    time: Option<&'a str>,
    verb: &'a str,
    actor_entity: Option<&'a str>,
    sentence: usize,
    spans: EventSpans,
}

/// Where each part of an event stands.
#[derive(Serialize)]
struct EventSpans {
    actor: Option<Span>,
    action: Span,
    place: Option<Span>,
    time: Option<Span>,
}

/// An analysis item printed with the text its span covers.
#[derive(Serialize)]
struct Spanned<'a, T> {
    text: &'a str,
    #[serde(flatten)]
    item: &'a T,
}

fn spanned<'a, T>(text: &'a str, items: &'a [T], span: impl Fn(&T) -> Span) -> Vec<Spanned<'a, T>> {
    items
        .iter()
        .map(|item| Spanned {
            text: span(item).slice(text).unwrap_or(""),
            item,
        })
        .collect()
}

/// Runs the command; exit status 1 when an input was rejected.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let (articles, rejected) = super::read_files(&args.files, args.published.as_deref())?;
    let analyzer = Analyzer::default();
    let analyses: Vec<Analysis> = articles.par_iter().map(|a| analyzer.analyze(a)).collect();
    let printed: Vec<Printed<'_>> = articles
        .iter()
        .zip(&analyses)
        .map(|(a, an)| printed(a, an))
        .collect();
    if args.output.json {
        print_json("articles", &printed, &[])?;
    } else {
        for p in &printed {
            print_human(p);
        }
    }
    Ok(if rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn printed<'a>(article: &'a Article, analysis: &'a Analysis) -> Printed<'a> {
    let text = &article.text;
    Printed {
        id: article.id.as_str(),
        title: article.title.as_deref(),
        source: article.source.to_string(),
        analysis_version: analysis.version,
        sentences: spanned(text, &analysis.sentences, |s| s.span),
        headings: spanned(text, &analysis.headings, |h| h.span),
        quantities: spanned(text, &analysis.quantities, |q| q.span),
        dates: spanned(text, &analysis.dates, |d| d.span),
        quotes: spanned(text, &analysis.quotes, |q| q.span),
        entities: &analysis.entities,
        events: analysis
            .events
            .iter()
            .map(|e| {
                let words = |s: Span| s.slice(text).unwrap_or("");
                PrintedEvent {
                    actor: e.actor.map(words),
                    action: words(e.action),
                    place: e.place.map(words),
                    time: e.time.map(words),
                    verb: &e.verb,
                    actor_entity: e.actor_entity.as_deref(),
                    sentence: e.sentence,
                    spans: EventSpans {
                        actor: e.actor,
                        action: e.action,
                        place: e.place,
                        time: e.time,
                    },
                }
            })
            .collect(),
    }
}

fn print_human(p: &Printed<'_>) {
    print_sentences(p);
    print_entities(p);
    print_quotes(p);
    print_dates(p);
    for e in &p.events {
        outln!(
            "   !  {} | {}{}{}",
            e.actor.unwrap_or("-"),
            e.action,
            e.place.map_or(String::new(), |p| format!(" | where: {p}")),
            e.time.map_or(String::new(), |t| format!(" | when: {t}"))
        );
    }
    for q in &p.quantities {
        let bound = |b: Option<f64>| b.map_or("-".to_string(), |v| v.to_string());
        outln!(
            "   #  {:40}  [{} .. {}]{}  {}",
            q.text,
            bound(q.item.low),
            bound(q.item.high),
            if q.item.approximate { " approx." } else { "" },
            q.item.unit.as_deref().unwrap_or("")
        );
    }
}

fn print_entities(p: &Printed<'_>) {
    for e in p.entities {
        let mut extra = Vec::new();
        if e.variants.len() > 1 {
            extra.push(format!(
                "also {}",
                e.variants
                    .iter()
                    .filter(|v| **v != e.name)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !e.roles.is_empty() {
            extra.push(e.roles.join("; "));
        }
        if let Some(country) = &e.country {
            extra.push(format!(
                "{}{country}",
                if e.government { "government of " } else { "" }
            ));
        }
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!("  ({})", extra.join("; "))
        };
        outln!(
            "   *  {:?} {} x{}{}",
            e.kind,
            e.name,
            e.mentions.len(),
            extra
        );
    }
}

fn print_quotes(p: &Printed<'_>) {
    for q in &p.quotes {
        let marks = if q.item.direct {
            ("\u{201c}", "\u{201d}")
        } else {
            ("", "")
        };
        outln!(
            "   >  {} ({}): {}{}{}",
            q.item.speaker.as_deref().unwrap_or("(unattributed)"),
            q.item.cue.as_deref().unwrap_or("-"),
            marks.0,
            q.text,
            marks.1
        );
    }
}

fn print_dates(p: &Printed<'_>) {
    for d in &p.dates {
        outln!(
            "   @  {:40}  {}",
            d.text,
            d.item.resolved.as_deref().unwrap_or("(unresolved)")
        );
    }
}

fn print_sentences(p: &Printed<'_>) {
    outln!(
        "== {}  {}  ({})",
        p.id,
        p.title.unwrap_or("(untitled)"),
        p.source
    );
    let mut headings = p.headings.iter().peekable();
    for (i, s) in p.sentences.iter().enumerate() {
        while headings
            .peek()
            .is_some_and(|h| h.item.paragraph < s.item.paragraph)
        {
            outln!("   ## {}", headings.next().map_or("", |h| h.text));
        }
        outln!("{:4}  {}", i + 1, s.text);
    }
}
