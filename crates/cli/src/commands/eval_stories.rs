//! `crosscheck eval stories FILE.jsonl`: B-cubed and ARI of the story grouping (or of the
//! topics above it) against a labelled set's `gold_story`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use crosscheck_eval::stories::{self, Level, Report};
use crosscheck_group::GroupConfig;
use crosscheck_ingest::Ingestor;

use crate::output::print_json;
use crate::OutputArgs;

/// Arguments of `eval stories`.
#[derive(Args)]
pub struct StoriesArgs {
    /// Labelled JSON Lines (`id, url, outlet, published, title, text, gold_story`), e.g.
    /// ../shared/eval/stories/ecbplus.jsonl.
    file: PathBuf,
    /// Score each article's story, or the topic its story is linked into.
    #[arg(long, value_enum, default_value_t = LevelArg::Story)]
    level: LevelArg,
    /// A grouping configuration (JSON, any subset of the fields) instead of the defaults.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[cfg(feature = "embeddings")]
    #[command(flatten)]
    embeddings: super::embeddings::EmbeddingArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    Story,
    Topic,
}

/// Runs the evaluation and prints its report.
pub fn run(args: StoriesArgs) -> anyhow::Result<ExitCode> {
    let config = match &args.config {
        Some(path) => read_config(path)?,
        None => GroupConfig::default(),
    };
    let level = match args.level {
        LevelArg::Story => Level::Story,
        LevelArg::Topic => Level::Topic,
    };
    let r = evaluate(&args, level, config)?;
    if args.output.json {
        print_json("stories", &r, &[])?;
    } else {
        let level = match r.level {
            Level::Story => "story",
            Level::Topic => "topic",
        };
        outln!(
            "stories ({level} level): {} articles  B-cubed P {:.4} R {:.4} F1 {:.4}  ARI {:.4}  groups {} predicted / {} gold",
            r.articles,
            r.bcubed.precision,
            r.bcubed.recall,
            r.bcubed.f1,
            r.ari,
            r.predicted_groups,
            r.gold_groups
        );
        if r.rejected > 0 {
            outln!(
                "  {} records skipped (unreadable or without gold_story)",
                r.rejected
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "embeddings"))]
fn evaluate(args: &StoriesArgs, level: Level, config: GroupConfig) -> anyhow::Result<Report> {
    Ok(stories::run(
        &args.file,
        level,
        &config,
        &Ingestor::default(),
    )?)
}

/// With a model, the articles are embedded before grouping.
#[cfg(feature = "embeddings")]
fn evaluate(args: &StoriesArgs, level: Level, mut config: GroupConfig) -> anyhow::Result<Report> {
    let Some(model) = &args.embeddings.model else {
        return Ok(stories::run(
            &args.file,
            level,
            &config,
            &Ingestor::default(),
        )?);
    };
    args.embeddings.configure(&mut config);
    let (mut prepared, texts) = stories::prepare_with_texts(&args.file, &Ingestor::default())?;
    super::embeddings::embed_docs(model, &mut prepared.docs, &texts)?;
    Ok(stories::score(&prepared, level, &config))
}

fn read_config(path: &Path) -> anyhow::Result<GroupConfig> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}
