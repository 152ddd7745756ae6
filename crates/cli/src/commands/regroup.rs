//! `crosscheck regroup`: forgets the stories and groups every stored article again, oldest
//! first, with a fresh grouper; articles stored without an analysis are analysed now.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use crosscheck_analyze::Analyzer;
use crosscheck_group::Doc;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::output::print_json;
use crate::OutputArgs;
use crosscheck_pipeline::Grouping;

/// Articles read and prepared at a time.
const BATCH: usize = 1000;

/// Arguments of `crosscheck regroup`.
#[derive(Args)]
pub struct RegroupArgs {
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// What a regroup did.
#[derive(Serialize)]
struct Report {
    articles: usize,
    analysed: usize,
    stories: usize,
}

/// Runs the command.
pub fn run(data: &Path, args: RegroupArgs) -> anyhow::Result<ExitCode> {
    let mut store = super::open_store(data)?;
    let ids = store.ids_by_time()?;
    let progress = if args.quiet || args.output.json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(ids.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} articles regrouped, {eta} left")
                .expect("a valid template"),
        )
    };
    store.clear_stories()?;
    let mut grouping = Grouping::fresh();
    let analyzer = Analyzer::default();
    let mut analysed = 0;
    for chunk in ids.chunks(BATCH) {
        let mut loaded = Vec::with_capacity(chunk.len());
        for id in chunk {
            if let Some(stored) = store.article(id.as_str())? {
                let analysis = store.analysis(id)?;
                loaded.push((stored.article, analysis));
            }
        }
        let docs: Vec<(bool, Doc)> = loaded
            .par_iter()
            .map(|(a, an)| match an {
                Some(an) => (false, Doc::extract(a, an)),
                None => (true, Doc::extract(a, &analyzer.analyze(a))),
            })
            .collect();
        for ((article, _), (fresh, doc)) in loaded.iter().zip(&docs) {
            analysed += usize::from(*fresh);
            grouping.place(&article.id, doc);
        }
        grouping.flush(&mut store)?;
        progress.inc(chunk.len() as u64);
    }
    progress.set_message("summarising stories and linking topics");
    grouping.finish(&mut store)?;
    progress.finish_and_clear();
    let report = Report {
        articles: ids.len(),
        analysed,
        stories: store.all_stories()?.len(),
    };
    if args.output.json {
        print_json("regroup", &report, &[])?;
    } else {
        outln!(
            "{} articles regrouped into {} stories",
            report.articles,
            report.stories
        );
    }
    Ok(ExitCode::SUCCESS)
}
