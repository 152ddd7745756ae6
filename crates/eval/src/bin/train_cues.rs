//! Trains the learned attribution-cue scorer on a PolNeAR split (`text/*.txt`, BRAT
//! `attributions/*.ann`) and writes `model/cues.bin`. Deterministic: documents in name order,
//! a fixed shuffle seed. `--fold I/N` leaves out documents `I, I+N, ...` and links them into
//! `--heldout DIR`, to tune the threshold on documents the model has not seen.

use std::path::Path;
use std::process::ExitCode;

use crosscheck_analyze::cue_training::{cue_examples, cue_scores, train_cues, GoldCue};
use crosscheck_eval::quotes::brat;

const EPOCHS: usize = 10;
const PRUNE: f32 = 0.5;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: train-cues SPLIT_DIR OUT [--fold I/N --heldout DIR]";
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        return ExitCode::FAILURE;
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let fold = flag("--fold").and_then(|f| {
        let (i, n) = f.split_once('/')?;
        Some((i.parse::<usize>().ok()?, n.parse::<usize>().ok()?))
    });
    match run(Path::new(dir), Path::new(out), fold, flag("--heldout")) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-cues: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(
    dir: &Path,
    out: &Path,
    fold: Option<(usize, usize)>,
    heldout: Option<&String>,
) -> std::io::Result<()> {
    let docs = brat::documents(dir).map_err(std::io::Error::other)?;
    if let (Some((i, n)), Some(h)) = (fold, heldout) {
        for sub in ["text", "attributions"] {
            std::fs::create_dir_all(Path::new(h).join(sub))?;
        }
        for (k, (text, ann)) in docs.iter().enumerate() {
            if k % n == i {
                for (path, sub) in [(text, "text"), (ann, "attributions")] {
                    let link = Path::new(h)
                        .join(sub)
                        .join(path.file_name().unwrap_or_default());
                    if !link.exists() {
                        std::os::unix::fs::symlink(std::fs::canonicalize(path)?, link)?;
                    }
                }
            }
        }
    }
    let mut data = Vec::new();
    let mut held = Vec::new();
    for (k, (text_path, ann_path)) in docs.iter().enumerate() {
        let text = std::fs::read_to_string(text_path)?;
        let gold = full(&brat::attributions(
            &std::fs::read_to_string(ann_path)?,
            &text,
        ));
        if fold.is_some_and(|(i, n)| k % n == i) {
            held.push((text, gold));
        } else {
            data.push((text, gold));
        }
    }
    let bytes = train_cues(&cue_examples(&data), EPOCHS, PRUNE);
    if !held.is_empty() {
        report(&bytes, &cue_examples(&held));
    }
    std::fs::write(out, &bytes)?;
    eprintln!(
        "train-cues: {} documents, {} weights, {} bytes -> {}",
        data.len(),
        (bytes.len() - 4) / 8,
        bytes.len(),
        out.display()
    );
    Ok(())
}

/// Held-out precision and recall of the words taken as cues, by threshold.
fn report(model: &[u8], examples: &[(Vec<u32>, bool)]) {
    let scores = cue_scores(model, examples);
    let positive = examples.iter().filter(|e| e.1).count();
    for t in [-12.0, -8.0, -4.0, -2.0, 0.0, 2.0] {
        let taken: Vec<bool> = examples
            .iter()
            .zip(&scores)
            .filter(|(_, &s)| s >= t)
            .map(|(e, _)| e.1)
            .collect();
        let right = taken.iter().filter(|&&b| b).count();
        eprintln!(
            "held out, threshold {t:>4}: {} taken, {right} right of {positive} (P {:.3} R {:.3})",
            taken.len(),
            right as f64 / taken.len().max(1) as f64,
            right as f64 / positive.max(1) as f64
        );
    }
}

/// The attributions with a cue, a source and a content, what the scorer learns from.
fn full(gold: &[brat::Gold]) -> Vec<GoldCue> {
    gold.iter()
        .filter_map(|g| Some((g.cue?, g.source?, g.content)))
        .collect()
}
