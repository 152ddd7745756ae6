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
    /// Briefs: ROUGE-1/2 recall of each DUC 2006 set's brief summary against the human
    /// references, beside the lead of the newest article and TextRank at the same length.
    Briefs {
        /// The sets (JSON Lines with `gold_story`) [default: $CROSSCHECK_SHARED or
        /// ../shared: eval/stories/duc2006.jsonl].
        #[arg(long)]
        stories: Option<PathBuf>,
        /// The reference summaries folder [default: eval/summaries/duc2006/references].
        #[arg(long)]
        references: Option<PathBuf>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Named entities: span precision, recall and F1 per type and overall (conlleval) of the
    /// shipped tagger on a CoNLL-format file, e.g. ../shared/eval/entities/conllpp_test.txt.
    Entities {
        /// The CoNLL file (token, POS, chunk, IOB2 tag per line).
        file: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Events: who, what, where and when of each article's main event against the
    /// Giveme5W1H gold standard, e.g. ../shared/eval/events/giveme5w1h.
    Events {
        /// The gold folder (JSON per article, or a folder with `data/`).
        dir: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Sentence paraphrase: precision, recall and F1 of the similarity rewrite detection uses,
    /// on the MSR paraphrase corpus, e.g. ../shared/eval/paraphrase/msr_paraphrase_train.txt.
    Paraphrase {
        /// The corpus file (tab-separated).
        file: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Quotes and attributions on a PolNeAR split folder, e.g. ../shared/eval/quotes/polnear/dev:
    /// attribution F1 (content and source both overlap, one-to-one), content, source and cue
    /// span precision, recall and F1 (overlap and exact), and speaker accuracy.
    Quotes {
        /// The split folder (with `text/` and `attributions/`).
        dir: PathBuf,
        /// List up to N missed and N spurious attributions with their text.
        #[arg(long, default_value_t = 0)]
        misses: usize,
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
        EvalCommand::Briefs {
            stories,
            references,
            output,
        } => {
            let shared = std::env::var_os("CROSSCHECK_SHARED")
                .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
            let stories = stories.unwrap_or_else(|| shared.join("eval/stories/duc2006.jsonl"));
            let references =
                references.unwrap_or_else(|| shared.join("eval/summaries/duc2006/references"));
            let r = crosscheck_eval::briefs::run(&stories, &references)?;
            if output.json {
                print_json("briefs", &r, &[])?;
            } else {
                outln!(
                    "briefs: {} sets, summaries of {:.0} words on average (baselines cut to the same length)",
                    r.sets,
                    r.words
                );
                for (name, s) in [
                    ("brief", r.brief),
                    ("lead", r.lead),
                    ("textrank", r.textrank),
                ] {
                    outln!(
                        "  {name:>8}  ROUGE-1 {:.4}  ROUGE-2 {:.4}",
                        s.rouge1,
                        s.rouge2
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Entities { file, output } => {
            let tagger = crosscheck_tagger::Tagger::load_default();
            let r = crosscheck_eval::entities::run(&file, &tagger)?;
            if output.json {
                print_json("entities", &r, &[])?;
            } else {
                outln!("entities: {} sentences, {} tokens", r.sentences, r.tokens);
                for s in std::iter::once(&r.overall).chain(&r.per_type) {
                    outln!(
                        "  {:>8}  P {:.4}  R {:.4}  F1 {:.4}  ({} gold, {} predicted, {} correct)",
                        s.kind,
                        s.precision,
                        s.recall,
                        s.f1,
                        s.gold,
                        s.predicted,
                        s.correct
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Events { dir, output } => {
            let r = crosscheck_eval::events::run(&dir)?;
            if output.json {
                print_json("events", &r, &[])?;
            } else {
                outln!("events: {} articles (main event of each)", r.articles);
                for (name, f) in [
                    ("who", &r.actor),
                    ("what", &r.action),
                    ("where", &r.place),
                    ("when", &r.time),
                ] {
                    outln!(
                        "  {name:>5}: {} with gold, {} answered right  lenient {:.3}  strict {:.3}",
                        f.gold,
                        f.answered,
                        f.lenient,
                        f.strict
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Paraphrase { file, output } => {
            let r = crosscheck_eval::paraphrase::run(&file)?;
            if output.json {
                print_json("paraphrase", &r, &[])?;
            } else {
                outln!(
                    "paraphrase: {} pairs, {} paraphrases",
                    r.pairs,
                    r.paraphrases
                );
                for (name, s) in [("used", &r.used), ("best", &r.best)] {
                    outln!(
                        "  {name}: threshold {:.2}  P {:.3}  R {:.3}  F1 {:.3}  accuracy {:.3}",
                        s.threshold,
                        s.precision,
                        s.recall,
                        s.f1,
                        s.accuracy
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Quotes {
            dir,
            misses,
            output,
        } => {
            let r = crosscheck_eval::quotes::run_with_misses(&dir, misses)?;
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
                for m in &r.misses {
                    let or_none = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
                    outln!(
                        "{} [{}] source {:?} cue {:?} content {:?}{}",
                        m.kind,
                        m.document,
                        or_none(&m.source),
                        or_none(&m.cue),
                        m.content,
                        m.found_source
                            .as_ref()
                            .map(|f| format!("  (found source {f:?})"))
                            .unwrap_or_default()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Stories(args) => super::eval_stories::run(args),
    }
}
