//! `crosscheck stories` and `crosscheck story ID`: the stories the grouping formed, with their
//! independent origins, as text for people or as versioned JSON.

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use chrono::{DateTime, Utc};
use clap::Args;
use crosscheck_model::ArticleId;
use crosscheck_origins::{OriginGroup, Reason};
use crosscheck_store::StoryRow;
use serde::Serialize;

use crate::output::{print_json, truncate};
use crate::OutputArgs;
use crosscheck_pipeline::Story;

/// Arguments of `crosscheck stories`.
#[derive(Args)]
pub struct ListArgs {
    /// Show at most this many (0: all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Skip this many first.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[command(flatten)]
    output: OutputArgs,
}

/// Arguments of `crosscheck story`.
#[derive(Args)]
pub struct ShowArgs {
    /// Story id (as `stories` lists it).
    id: u64,
    #[command(flatten)]
    output: OutputArgs,
}

use super::open_store as open;

fn span(r: &StoryRow) -> String {
    let day =
        |t: Option<DateTime<Utc>>| t.map_or("-".to_string(), |t| t.format("%Y-%m-%d").to_string());
    if r.first.map(|t| t.date_naive()) == r.last.map(|t| t.date_naive()) {
        day(r.first)
    } else {
        format!("{}..{}", day(r.first), day(r.last))
    }
}

/// Lists stories, the latest news first.
pub fn list(data: &Path, args: ListArgs) -> anyhow::Result<ExitCode> {
    let store = open(data)?;
    let rows = if args.limit == 0 {
        store.all_stories()?.into_iter().skip(args.offset).collect()
    } else {
        store.stories(args.limit, args.offset)?
    };
    if args.output.json {
        print_json("stories", &rows, &[])?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in &rows {
        outln!(
            "{:>6}  {:22}  {:>3} articles  {:>2} origins  {}",
            r.id,
            span(r),
            r.articles,
            r.independent_origins
                .map_or("?".to_string(), |n| n.to_string()),
            truncate(r.title.as_deref().unwrap_or("(untitled)"), 70)
        );
        if !r.entities.is_empty() {
            outln!("        {}", r.entities.join(", "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One member as `story --json` prints it.
#[derive(Serialize)]
struct PrintedMember<'a> {
    id: &'a ArticleId,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<DateTime<Utc>>,
    copies: usize,
    why: &'a str,
    reason: &'a Reason,
}

/// One origin group as printed.
#[derive(Serialize)]
struct PrintedGroup<'a> {
    label: &'a str,
    articles: Vec<PrintedMember<'a>>,
}

/// A story as `story --json` prints it.
#[derive(Serialize)]
struct PrintedStory<'a> {
    #[serde(flatten)]
    row: &'a StoryRow,
    origins: Vec<PrintedGroup<'a>>,
}

/// Shows one story with its members grouped by origin.
pub fn show(data: &Path, args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = open(data)?;
    let Some(mut row) = store.story(args.id)? else {
        bail!("no story with id {} (see `crosscheck stories`)", args.id);
    };
    let story = Story::load(&store, args.id)?;
    let origins = story.origins();
    row.independent_origins = Some(origins.independent);
    let groups: Vec<PrintedGroup<'_>> = origins
        .groups
        .iter()
        .map(|g| printed_group(&story, g))
        .collect();
    if args.output.json {
        let printed = PrintedStory {
            row: &row,
            origins: groups,
        };
        print_json("story", &printed, &[])?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "story {}: {}",
        row.id,
        row.title.as_deref().unwrap_or("(untitled)")
    );
    outln!(
        "{}  {} articles, {} independent origins{}",
        span(&row),
        row.articles,
        origins.independent,
        row.topic.map_or(String::new(), |t| format!(", topic {t}"))
    );
    if !row.entities.is_empty() {
        outln!("about: {}", row.entities.join(", "));
    }
    for (i, g) in groups.iter().enumerate() {
        outln!("\norigin {}: {}", i + 1, g.label);
        for m in &g.articles {
            outln!(
                "  {}  {:10}  {:18}  {}  [{}{}]",
                &m.id.as_str()[..m.id.as_str().len().min(12)],
                m.published
                    .map_or("-".to_string(), |p| p.format("%Y-%m-%d").to_string()),
                truncate(m.outlet.unwrap_or("-"), 18),
                truncate(m.title.unwrap_or("(untitled)"), 60),
                m.why,
                if m.copies > 0 {
                    format!(", {} exact copies", m.copies)
                } else {
                    String::new()
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn printed_group<'a>(story: &'a Story, group: &'a OriginGroup) -> PrintedGroup<'a> {
    let articles = group
        .members
        .iter()
        .filter_map(|p| {
            let (stored, _, _) = story.members.iter().find(|m| m.0.article.id == p.article)?;
            let a = &stored.article;
            Some(PrintedMember {
                id: &a.id,
                title: a.title.as_deref(),
                outlet: a.outlet.as_deref(),
                published: a.published,
                copies: p.copies,
                why: &p.why,
                reason: &p.reason,
            })
        })
        .collect();
    PrintedGroup {
        label: &group.label,
        articles,
    }
}

/// Arguments of `crosscheck brief`.
#[derive(Args)]
pub struct BriefArgs {
    /// Story id (as `stories` lists it).
    id: u64,
    /// Output format: md, json or html.
    #[arg(long, default_value = "md")]
    format: String,
    /// Print JSON (the same as `--format json`).
    #[arg(long)]
    json: bool,
}

/// Prints the brief of one stored story.
pub fn brief(data: &Path, args: BriefArgs) -> anyhow::Result<ExitCode> {
    let format: crosscheck_brief::Format = if args.json {
        crosscheck_brief::Format::Json
    } else {
        args.format.parse()?
    };
    let store = open(data)?;
    if store.story(args.id)?.is_none() {
        bail!("no story with id {} (see `crosscheck stories`)", args.id);
    }
    let mut story = Story::load(&store, args.id)?;
    story.analyse_missing();
    let comparison = story.compare();
    outln!(
        "{}",
        crosscheck_brief::render(&comparison, format).trim_end()
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `crosscheck topics`.
#[derive(Args)]
pub struct TopicsArgs {
    /// Show at most this many topics (0: all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[command(flatten)]
    output: OutputArgs,
}

/// A topic: the stories linked into one long-running thread.
#[derive(Serialize)]
struct Topic {
    id: u64,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    articles: usize,
    entities: Vec<String>,
    stories: Vec<StoryRow>,
}

/// Lists topics with their stories, the latest first.
pub fn topics(data: &Path, args: TopicsArgs) -> anyhow::Result<ExitCode> {
    let store = open(data)?;
    let mut by_topic: std::collections::BTreeMap<u64, Vec<StoryRow>> = Default::default();
    for row in store.all_stories()? {
        by_topic
            .entry(row.topic.unwrap_or(u64::MAX))
            .or_default()
            .push(row);
    }
    let mut topics: Vec<Topic> = by_topic
        .into_iter()
        .map(|(id, stories)| {
            let mut entities: Vec<String> = Vec::new();
            for e in stories.iter().flat_map(|s| &s.entities) {
                if !entities.contains(e) && entities.len() < 8 {
                    entities.push(e.clone());
                }
            }
            Topic {
                id,
                first: stories.iter().filter_map(|s| s.first).min(),
                last: stories.iter().filter_map(|s| s.last).max(),
                articles: stories.iter().map(|s| s.articles).sum(),
                entities,
                stories,
            }
        })
        .collect();
    topics.sort_by(|a, b| {
        b.last
            .cmp(&a.last)
            .then(b.articles.cmp(&a.articles))
            .then(a.id.cmp(&b.id))
    });
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    topics.truncate(limit);
    if args.output.json {
        print_json("topics", &topics, &[])?;
        return Ok(ExitCode::SUCCESS);
    }
    for t in &topics {
        outln!(
            "topic {}: {} stories, {} articles  {}",
            t.id,
            t.stories.len(),
            t.articles,
            t.entities.join(", ")
        );
        for s in &t.stories {
            outln!(
                "  {:>6}  {:22}  {:>3} articles  {}",
                s.id,
                span(s),
                s.articles,
                truncate(s.title.as_deref().unwrap_or("(untitled)"), 70)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
