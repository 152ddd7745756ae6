//! `train-clusters`: learns the word clusters that ship in `crates/tagger/data/clusters.tsv.gz`
//! from unlabelled news (see the crate README for the command). Deterministic: the same files
//! give the same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use crosscheck_tagger::{learn_clusters, read_conll, tokenize, ClusterConfig};
use flate2::write::GzEncoder;
use flate2::Compression;

/// Learns word clusters for the crosscheck tagger from unlabelled text.
#[derive(Debug, Parser)]
struct Args {
    /// JSON-lines files with a `text` (and optional `title`) field per article.
    #[arg(long)]
    jsonl: Vec<PathBuf>,
    /// Folders of plain-text articles (`.txt`, searched recursively).
    #[arg(long)]
    folder: Vec<PathBuf>,
    /// CoNLL files whose words (not tags) are added, one document per `-DOCSTART-`.
    #[arg(long)]
    conll: Vec<PathBuf>,
    /// Where to write the gzipped `word<TAB>path` lines.
    #[arg(long)]
    out: PathBuf,
    /// Words seen fewer times are not clustered.
    #[arg(long, default_value_t = ClusterConfig::default().min_count)]
    min_count: u64,
    /// How many frequent words serve as contexts.
    #[arg(long, default_value_t = ClusterConfig::default().contexts)]
    contexts: usize,
    /// The longest bit path.
    #[arg(long, default_value_t = ClusterConfig::default().max_depth)]
    max_depth: usize,
    /// Nodes with fewer words are not split.
    #[arg(long, default_value_t = ClusterConfig::default().min_node)]
    min_node: usize,
}

fn main() {
    if let Err(err) = run(Args::parse()) {
        eprintln!("train-clusters: {err:#}");
        std::process::exit(1);
    }
}

fn words(text: &str) -> Vec<String> {
    tokenize(text).iter().map(|t| t.text.to_owned()).collect()
}

fn text_files(folder: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries =
        std::fs::read_dir(folder).with_context(|| format!("reading {}", folder.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            text_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn run(args: Args) -> Result<()> {
    let started = Instant::now();
    let mut documents: Vec<Vec<String>> = Vec::new();
    for path in &args.jsonl {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let value: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("{}: line {}", path.display(), n + 1))?;
            let mut document = Vec::new();
            for field in ["title", "text"] {
                if let Some(text) = value.get(field).and_then(|v| v.as_str()) {
                    document.extend(words(text));
                }
            }
            documents.push(document);
        }
    }
    for folder in &args.folder {
        let mut paths = Vec::new();
        text_files(folder, &mut paths)?;
        // Sorted so the corpus, and so the clusters, do not depend on directory order.
        paths.sort();
        for path in paths {
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            documents.push(words(&String::from_utf8_lossy(&bytes)));
        }
    }
    for path in &args.conll {
        let sentences = read_conll(path)?;
        for document in crosscheck_tagger::documents(&sentences) {
            documents.push(
                document
                    .iter()
                    .flat_map(|s| s.words.iter().cloned())
                    .collect(),
            );
        }
    }
    let tokens: usize = documents.iter().map(Vec::len).sum();
    println!(
        "{} documents, {tokens} tokens ({:.1?})",
        documents.len(),
        started.elapsed()
    );
    let config = ClusterConfig {
        min_count: args.min_count,
        contexts: args.contexts,
        max_depth: args.max_depth,
        min_node: args.min_node,
    };
    let clusters = learn_clusters(&documents, &config);
    let mut paths: Vec<&str> = clusters.iter().map(|(_, p)| p.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    println!(
        "{} words in {} clusters ({:.1?})",
        clusters.len(),
        paths.len(),
        started.elapsed()
    );
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    for (word, path) in &clusters {
        writeln!(gz, "{word}\t{path}")?;
    }
    let bytes = gz.finish()?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    println!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(())
}
