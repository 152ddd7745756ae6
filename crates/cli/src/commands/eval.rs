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
    /// Quotes and attributions on a PolNeAR split folder, e.g. ../shared/eval/quotes/polnear/dev:
    /// attribution F1 (content and source both overlap, one-to-one), content, source and cue
    /// span precision, recall and F1 (overlap and exact), and speaker accuracy.
    Quotes {
        /// The split folder (with `text/` and `attributions/`).
        dir: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },
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
                outln!(
                    "  attribution (content and source overlap, one-to-one)  P {:.3} R {:.3} F1 {:.3}",
                    r.attribution.precision, r.attribution.recall, r.attribution.f1
                );
                for (name, s) in [("content", r.content), ("source", r.source), ("cue", r.cue)] {
                    outln!(
                        "  {name:<8} {:>5} gold {:>5} found  overlap P {:.3} R {:.3} F1 {:.3}  exact P {:.3} R {:.3} F1 {:.3}",
                        s.gold, s.predicted, s.overlap.precision, s.overlap.recall, s.overlap.f1,
                        s.exact.precision, s.exact.recall, s.exact.f1
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
