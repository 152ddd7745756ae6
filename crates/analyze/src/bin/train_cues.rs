//! Trains the learned attribution-cue scorer on a PolNeAR split (`text/*.txt`, BRAT
//! `attributions/*.ann`) and writes `model/cues.bin`. Deterministic: documents in name order,
//! a fixed shuffle seed. `--fold I/N` leaves out documents `I, I+N, ...` and links them into
//! `--heldout DIR`, to tune the threshold on documents the model has not seen.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crosscheck_analyze::cue_training::{cue_examples, cue_scores, train_cues, GoldCue};
use crosscheck_model::Span;

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
    let docs = documents(dir)?;
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
        let gold = parse_ann(&std::fs::read_to_string(ann_path)?, &text);
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

/// (text, first annotator's `.ann`) pairs, by name.
fn documents(dir: &Path) -> std::io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut ann: HashMap<String, PathBuf> = HashMap::new();
    for entry in std::fs::read_dir(dir.join("attributions"))? {
        let path = entry?.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if let Some((doc, _)) = stem.rsplit_once('_') {
            let slot = ann.entry(doc.to_string()).or_insert_with(|| path.clone());
            if path < *slot {
                *slot = path;
            }
        }
    }
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(dir.join("text"))? {
        let path = entry?.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if let Some(a) = ann.get(stem) {
            docs.push((path.clone(), a.clone()));
        }
    }
    docs.sort();
    Ok(docs)
}

/// Attributions with a cue, a source and a content: BRAT `T` spans (character offsets, outer
/// bounds of discontinuous spans) joined by `E` lines; byte spans of `text`.
fn parse_ann(ann: &str, text: &str) -> Vec<GoldCue> {
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let mut spans: HashMap<&str, Span> = HashMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let nums: Vec<usize> = body
                .split([' ', ';'])
                .skip(1)
                .filter_map(|p| p.parse().ok())
                .collect();
            if let (Some(s), Some(e)) = (
                nums.first().and_then(|&c| byte_of.get(c)),
                nums.last().and_then(|&c| byte_of.get(c)),
            ) {
                spans.insert(id, Span::new(*s, *e));
            }
        } else if id.starts_with('E') {
            let role = |name: &str| {
                body.split(' ')
                    .find_map(|r| r.strip_prefix(name))
                    .and_then(|t| spans.get(t).copied())
            };
            if let (Some(cue), Some(source), Some(content)) =
                (role("Cue:"), role("Source:"), role("Content:"))
            {
                out.push((cue, source, content));
            }
        }
    }
    out
}
