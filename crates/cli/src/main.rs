//! The `crosscheck` binary: a thin shell over the pipeline crates. Parses arguments, opens the
//! store, runs a command, and prints errors with their causes.

/// `println!` that ends the process quietly when stdout is a closed pipe (`| head`).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::output::write_line(format_args!($($arg)*))
    };
}

mod commands;
mod memory;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Cross-checked stories from many news reports.
#[derive(Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
struct Cli {
    /// The data directory holding the store [default: the per-user data directory].
    #[arg(long, global = true, env = "CROSSCHECK_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add files, folders (recursively), feeds, URLs or `-` (stdin) to the store.
    Ingest(commands::ingest::IngestArgs),
    /// List stored articles.
    Articles(commands::articles::ListArgs),
    /// Show one article with its clean text.
    Article(commands::articles::ShowArgs),
    /// Full-text search over titles and texts.
    Search(commands::articles::SearchArgs),
    /// List stories, the latest first: time span, articles, independent origins, entities.
    Stories(commands::stories::ListArgs),
    /// Show one story: its articles grouped by origin, and why.
    Story(commands::stories::ShowArgs),
    /// The brief of a stored story: summary, agreed, disputed, who said what, numbers,
    /// sources by origin, every sentence cited (Markdown, JSON or HTML).
    Brief(commands::stories::BriefArgs),
    /// List topics: long-running threads of linked stories, the latest first.
    Topics(commands::stories::TopicsArgs),
    /// Group every stored article into stories again, from scratch, oldest first.
    Regroup(commands::regroup::RegroupArgs),
    /// Serve the JSON API and the web UI over the store (loopback by default).
    Serve(commands::serve::ServeArgs),
    /// Analyse files without a store: sentences, entities, quotes, numbers and dates.
    Analyze(commands::analyze::AnalyzeArgs),
    /// Compare files as one story without a store and print the brief (md, json or html).
    Compare(commands::compare::CompareArgs),
    /// Measure accuracy on labelled data.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
    /// Measure throughput and peak memory on a real corpus.
    Bench(commands::bench::BenchArgs),
}

/// Output options shared by data commands.
#[derive(Args, Clone, Copy, Default)]
pub struct OutputArgs {
    /// Print JSON (stable, versioned; see the README).
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data = cli.data.clone().unwrap_or_else(default_data_dir);
    let result = match cli.command {
        Command::Ingest(args) => commands::ingest::run(&data, args),
        Command::Articles(args) => commands::articles::list(&data, args),
        Command::Article(args) => commands::articles::show(&data, args),
        Command::Search(args) => commands::articles::search(&data, args),
        Command::Stories(args) => commands::stories::list(&data, args),
        Command::Story(args) => commands::stories::show(&data, args),
        Command::Brief(args) => commands::stories::brief(&data, args),
        Command::Topics(args) => commands::stories::topics(&data, args),
        Command::Regroup(args) => commands::regroup::run(&data, args),
        Command::Serve(args) => commands::serve::run(&data, args),
        Command::Analyze(args) => commands::analyze::run(args),
        Command::Compare(args) => commands::compare::run(args),
        Command::Eval(cmd) => commands::eval::run(cmd),
        Command::Bench(args) => commands::bench::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("crosscheck: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `$XDG_DATA_HOME/crosscheck` (or the platform's equivalent), else `./crosscheck-data`.
fn default_data_dir() -> PathBuf {
    dirs::data_local_dir()
        .map(|d| d.join("crosscheck"))
        .unwrap_or_else(|| PathBuf::from("crosscheck-data"))
}
