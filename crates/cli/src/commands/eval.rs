//! `crosscheck eval ...`: the standard metric of each task on labelled data.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use crosscheck_ingest::Ingestor;

use crate::output::print_json;
use crate::OutputArgs;

/// Evaluations.
#[derive(Subcommand)]
pub enum EvalCommand {
    /// Main-text extraction: shingle precision, recall and F1 on an extraction benchmark
    /// folder (`ground-truth.json` and `html/<id>.html.gz`), e.g. ../shared/eval/extraction.
    Extraction {
        /// The benchmark folder.
        dir: PathBuf,
        /// List the pages with the lowest recall.
        #[arg(long, default_value_t = 0)]
        worst: usize,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Quotes and attributions: content-span precision, recall and F1 (overlap and exact) and
    /// speaker accuracy on a PolNeAR split folder, e.g. ../shared/eval/quotes/polnear/dev.
    Quotes {
        /// The split folder (with `text/` and `attributions/`).
        dir: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Story grouping: B-cubed precision, recall and F1 and adjusted Rand index against the
    /// `gold_story` of labelled JSON Lines, e.g. ../shared/eval/stories/ecbplus.jsonl.
    Stories(super::eval_stories::StoriesArgs),
}

/// Runs an evaluation.
pub fn run(cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Extraction { dir, worst, output } => {
            let report = crosscheck_eval::extraction::run(&dir, &Ingestor::default())?;
            if output.json {
                print_json("extraction", &report, &[])?;
            } else {
                outln!(
                    "extraction: {} pages  precision {:.4}  recall {:.4}  F1 {:.4}",
                    report.pages,
                    report.precision,
                    report.recall,
                    report.f1
                );
                for p in report.per_page.iter().take(worst) {
                    outln!(
                        "  {}  tp {} fp {} fn {}  {}",
                        p.id,
                        p.tp,
                        p.fp,
                        p.fn_,
                        p.error.as_deref().unwrap_or("")
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Quotes { dir, output } => {
            let r = crosscheck_eval::quotes::run(&dir)?;
            if output.json {
                print_json("quotes", &r, &[])?;
            } else {
                outln!(
                    "quotes: {} documents, {} gold, {} found  overlap P {:.3} R {:.3} F1 {:.3}  exact F1 {:.3}  speaker accuracy {:.3}",
                    r.documents, r.gold, r.predicted, r.overlap.precision, r.overlap.recall, r.overlap.f1, r.exact.f1, r.source_accuracy
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Stories(args) => super::eval_stories::run(args),
    }
}
