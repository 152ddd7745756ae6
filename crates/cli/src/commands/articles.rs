//! `crosscheck articles`, `crosscheck article ID` and `crosscheck search QUERY`: reading the
//! store back, as text for people or as versioned JSON.

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;
use crosscheck_model::Credit;

use crate::output::{print_json, truncate};
use crate::OutputArgs;

/// Arguments of `crosscheck articles`.
#[derive(Args)]
pub struct ListArgs {
    /// Show at most this many (0: all).
    #[arg(long, default_value_t = 0)]
    limit: usize,
    /// Skip this many first.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[command(flatten)]
    output: OutputArgs,
}

/// Arguments of `crosscheck article`.
#[derive(Args)]
pub struct ShowArgs {
    /// Article id, or a unique prefix of at least 4 characters.
    id: String,
    #[command(flatten)]
    output: OutputArgs,
}

/// Arguments of `crosscheck search`.
#[derive(Args)]
pub struct SearchArgs {
    /// Words to find; "quoted phrases" and OR work.
    #[arg(required = true)]
    query: Vec<String>,
    /// Show at most this many hits.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    output: OutputArgs,
}

use super::open_store as open;

/// Lists articles in the order they were stored.
pub fn list(data: &Path, args: ListArgs) -> anyhow::Result<ExitCode> {
    let store = open(data)?;
    let limit = if args.limit == 0 {
        usize::MAX >> 1
    } else {
        args.limit
    };
    let rows = store.articles(limit, args.offset)?;
    if args.output.json {
        print_json("articles", &rows, &[])?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in &rows {
        let date = r
            .published
            .map(|p| p.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "-".into());
        let dup = r
            .duplicate_of
            .as_ref()
            .map(|d| format!("  [near-duplicate of {d}]"))
            .unwrap_or_default();
        let credits = credit_list(&r.credits);
        outln!(
            "{}  {:10}  {:18}  {}{}{}",
            r.id,
            date,
            truncate(r.outlet.as_deref().unwrap_or("-"), 18),
            truncate(r.title.as_deref().unwrap_or("(untitled)"), 70),
            if credits.is_empty() {
                String::new()
            } else {
                format!("  ({credits})")
            },
            dup
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn credit_list(credits: &[Credit]) -> String {
    credits
        .iter()
        .map(|c| format!("{}: {}", c.kind.as_str(), c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Shows one article.
pub fn show(data: &Path, args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = open(data)?;
    let Some(mut stored) = store.article(&args.id)? else {
        bail!(
            "no article with id {:?} (or the prefix is not unique)",
            args.id
        );
    };
    // The fingerprint is internal to duplicate detection, not part of the documented output.
    stored.article.fingerprint.clear();
    let analysis = store.analysis(&stored.article.id)?;
    if args.output.json {
        print_json(
            "article",
            &stored,
            &[("analysis", serde_json::to_value(&analysis)?)],
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(an) = &analysis {
        outln!(
            "analysis:  {} sentences, {} entities, {} quotes, {} numbers, {} dates",
            an.sentences.len(),
            an.entities.len(),
            an.quotes.len(),
            an.quantities.len(),
            an.dates.len()
        );
    }
    let a = &stored.article;
    outln!("id:        {}", a.id);
    outln!("title:     {}", a.title.as_deref().unwrap_or("(untitled)"));
    outln!("outlet:    {}", a.outlet.as_deref().unwrap_or("-"));
    outln!(
        "published: {}",
        a.published
            .map(|p| p.to_rfc3339())
            .unwrap_or_else(|| "-".into())
    );
    if let Some(url) = &a.url {
        outln!("url:       {url}");
    }
    if let Some(byline) = &a.byline {
        outln!("byline:    {byline}");
    }
    outln!(
        "credits:   {}",
        if a.credits.is_empty() {
            "-".into()
        } else {
            credit_list(&a.credits)
        }
    );
    if let Some(of) = &stored.duplicate_of {
        outln!(
            "duplicate: near-duplicate of {of} (similarity {:.2})",
            stored.similarity.unwrap_or(0.0)
        );
    }
    outln!("source:    {}", a.source);
    outln!("\n{}", a.text);
    Ok(ExitCode::SUCCESS)
}

/// Full-text search.
pub fn search(data: &Path, args: SearchArgs) -> anyhow::Result<ExitCode> {
    let store = open(data)?;
    let query = args.query.join(" ");
    let hits = store.search(&query, args.limit)?;
    if args.output.json {
        print_json("hits", &hits, &[("query", query.into())])?;
        return Ok(ExitCode::SUCCESS);
    }
    if hits.is_empty() {
        outln!("no matches");
    }
    for h in &hits {
        outln!(
            "{:6.2}  {}  {}  {}",
            h.score,
            h.id,
            truncate(h.outlet.as_deref().unwrap_or("-"), 18),
            h.title.as_deref().unwrap_or("(untitled)")
        );
        outln!("        {}", h.snippet.replace('\n', " "));
    }
    Ok(ExitCode::SUCCESS)
}
