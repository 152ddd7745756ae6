//! Sentence embeddings for grouping (the `embeddings` feature): loads the model folder
//! (`--model` or `CROSSCHECK_MODEL_DIR`) and fills in each document's embedding.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use crosscheck_embed::Embedder;
use crosscheck_group::{Doc, GroupConfig};

/// Where the embedding model is and how much it weighs in grouping.
#[derive(Args, Debug, Clone)]
pub struct EmbeddingArgs {
    /// Blend sentence embeddings from this model folder into the story-join score (install
    /// it with scripts/fetch-model).
    #[arg(long, value_name = "DIR", env = crosscheck_embed::MODEL_DIR_ENV)]
    pub model: Option<PathBuf>,
    /// Weight of the embedding cosine in the join score (overrides the configuration's
    /// `embedding_weight`).
    #[arg(long, value_name = "W")]
    pub embedding_weight: Option<f32>,
}

impl EmbeddingArgs {
    /// Applies `--embedding-weight` to `config`.
    pub fn configure(&self, config: &mut GroupConfig) {
        if let Some(w) = self.embedding_weight {
            config.embedding_weight = w;
        }
    }
}

/// Embeds `texts` (one per document, same order) with the model in `dir` and stores each
/// vector in its document. Reports the speed on stderr; returns articles per second.
pub fn embed_docs(dir: &Path, docs: &mut [Doc], texts: &[String]) -> anyhow::Result<f64> {
    anyhow::ensure!(docs.len() == texts.len(), "one text per document");
    let start = Instant::now();
    let embedder =
        Embedder::load(dir).with_context(|| format!("loading the model in {}", dir.display()))?;
    let loaded = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let vectors = embedder.embed(&refs).context("embedding the articles")?;
    let seconds = start.elapsed().as_secs_f64();
    for (doc, v) in docs.iter_mut().zip(vectors) {
        doc.embedding = Some(v);
    }
    let rate = docs.len() as f64 / seconds.max(1e-9);
    eprintln!(
        "embedded {} articles in {seconds:.1} s ({rate:.0} articles/s; model loaded in {loaded:.1} s)",
        docs.len()
    );
    Ok(rate)
}
