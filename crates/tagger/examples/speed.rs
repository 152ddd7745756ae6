//! Measures tagging speed on a CoNLL file (one core), and checks the answer so a fast wrong
//! tagger does not pass: `cargo run --release -p crosscheck-tagger --example speed -- PATH`.
//! With a second argument, a folder of raw articles (`.txt`, searched one level of
//! sub-folders deep, as the BBC corpus is laid out), also times [`Tagger::entities`] on them.

use std::time::Instant;

use crosscheck_tagger::{read_conll, Tagger};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: speed CONLL_FILE");
        std::process::exit(2);
    };
    let started = Instant::now();
    let tagger = Tagger::load_default();
    println!("model loaded in {:.1?}", started.elapsed());
    let sentences = match read_conll(path.as_ref()) {
        Ok(sentences) => sentences,
        Err(err) => {
            eprintln!("speed: {err}");
            std::process::exit(1);
        }
    };
    let tokens: usize = sentences.iter().map(|s| s.words.len()).sum();
    let rounds = 5;
    let started = Instant::now();
    let mut f1 = 0.0;
    for _ in 0..rounds {
        f1 = tagger.evaluate(&sentences).overall.f1();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} tokens x {rounds} in {seconds:.2} s: {:.0} tokens/s, span F1 {:.2}",
        tokens,
        (tokens * rounds) as f64 / seconds,
        100.0 * f1
    );
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let raw: String = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| *w != "-DOCSTART-")
        .collect::<Vec<_>>()
        .join(" ");
    let started = Instant::now();
    let entities = tagger.entities(&raw);
    println!(
        "raw text ({} bytes): {} entities in {:.2?} (tokenise + split + tag)",
        raw.len(),
        entities.len(),
        started.elapsed()
    );
    assert!(f1 > 0.8, "tagger quality dropped: F1 {f1}");
    if let Some(folder) = std::env::args().nth(2) {
        articles(&tagger, folder.as_ref());
    }
}

/// Times [`Tagger::entities`] on every `.txt` file in `folder` and its sub-folders.
fn articles(tagger: &Tagger, folder: &std::path::Path) {
    let mut paths = Vec::new();
    let mut folders = vec![folder.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .filter(|t| t.len() > 200)
        .collect();
    let tokens: usize = texts
        .iter()
        .map(|t| crosscheck_tagger::tokenize(t).len())
        .sum();
    let rounds = 3;
    let started = Instant::now();
    let mut entities = 0;
    for _ in 0..rounds {
        entities = texts
            .iter()
            .map(|t| tagger.entities(t).len())
            .sum::<usize>();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} articles, {tokens} tokens x {rounds} in {seconds:.2} s: {:.0} tokens/s, {:.0} articles/s, {entities} entities",
        texts.len(),
        (tokens * rounds) as f64 / seconds,
        (texts.len() * rounds) as f64 / seconds,
    );
    assert!(entities > texts.len() * 5, "too few entities: {entities}");
}
