//! `train-tagger`: trains the named-entity model that ships in `crates/tagger/model/ner.bin`.
//! Deterministic: the same data gives the same bytes. See the crate README for the command.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use crosscheck_tagger::{read_conll, Tagger, TrainConfig};

/// Trains the crosscheck named-entity tagger on CoNLL-format data.
#[derive(Debug, Parser)]
struct Args {
    /// Training data (CoNLL format).
    #[arg(long)]
    train: PathBuf,
    /// Development data, used to choose the number of epochs.
    #[arg(long)]
    dev: PathBuf,
    /// Test data, scored once at the end and only reported.
    #[arg(long)]
    test: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
    /// The most epochs to train.
    #[arg(long, default_value_t = TrainConfig::default().max_epochs)]
    max_epochs: usize,
    /// Stop after this many epochs without a better dev F1.
    #[arg(long, default_value_t = TrainConfig::default().patience)]
    patience: usize,
    /// Seed of the sentence order.
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    seed: u64,
    /// How many perceptrons (successive seeds) to average.
    #[arg(long, default_value_t = TrainConfig::default().ensemble)]
    ensemble: usize,
    /// Drop averaged weights smaller than this.
    #[arg(long, default_value_t = TrainConfig::default().prune_below)]
    prune_below: f32,
    /// Retrain each member on train + dev for its chosen number of epochs (the shipped model
    /// is trained so; its dev scores are then not held out).
    #[arg(long)]
    refit: bool,
}

fn main() {
    if let Err(err) = run(Args::parse()) {
        eprintln!("train-tagger: {err:#}");
        std::process::exit(1);
    }
}

fn run(args: Args) -> Result<()> {
    let started = Instant::now();
    let train = read_conll(&args.train)?;
    let dev = read_conll(&args.dev)?;
    let test = match &args.test {
        Some(path) => Some(read_conll(path)?),
        None => {
            // The test set sits beside the dev set in the shared data; score it when present.
            let guess = args.dev.with_file_name("conllpp_test.txt");
            guess.exists().then(|| read_conll(&guess)).transpose()?
        }
    };
    let tokens: usize = train.iter().map(|s| s.words.len()).sum();
    println!(
        "train: {} sentences, {tokens} tokens; dev: {} sentences",
        train.len(),
        dev.len()
    );
    let config = TrainConfig {
        max_epochs: args.max_epochs,
        patience: args.patience,
        seed: args.seed,
        ensemble: args.ensemble,
        prune_below: args.prune_below,
        refit: args.refit,
    };
    let (tagger, epochs) = Tagger::train_with_dev(&train, &dev, &config, |report| {
        let dev_f1 = report.dev.as_ref().map_or(f64::NAN, |d| d.overall.f1());
        println!(
            "member {} epoch {:2}: train token errors {:5.2}%  dev span F1 {:.2}  ({:.0?} elapsed)",
            report.member,
            report.epoch,
            100.0 * report.train_errors as f64 / report.train_tokens.max(1) as f64,
            100.0 * dev_f1,
            started.elapsed()
        );
    });
    let bytes = tagger.to_bytes();
    // Score the model as it will be loaded, after pruning and quantisation.
    let shipped = Tagger::from_bytes(&bytes).context("reloading the trained model")?;
    println!(
        "chose epochs {epochs:?}; {} features, {} bytes; trained in {:.1?}",
        shipped.feature_count(),
        bytes.len(),
        started.elapsed()
    );
    println!("dev (shipped model):\n{}", shipped.evaluate(&dev));
    if let Some(test) = &test {
        println!("test (shipped model):\n{}", shipped.evaluate(test));
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    println!("wrote {}", args.out.display());
    Ok(())
}
