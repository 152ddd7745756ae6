//! Analyses and embeds a labelled JSON Lines set once and writes the grouping features
//! (with embeddings) where the group crate's `tune` example reads its cache, so a sweep
//! of `embedding_weight` does not embed again:
//!
//! ```sh
//! cargo run --release -p crosscheck-cli --features embeddings --example embed_set -- \
//!     ../shared/eval/stories/ecbplus.jsonl [MODEL_DIR]
//! cargo run --release -p crosscheck-group --example tune -- \
//!     ../shared/eval/stories/ecbplus.jsonl story sweep:embedding_weight=0,0.1,0.2,0.3
//! ```

use std::path::{Path, PathBuf};

use crosscheck_embed::{default_model_dir, Embedder};
use crosscheck_eval::stories::prepare_with_texts;
use crosscheck_ingest::Ingestor;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = Path::new(&args[0]);
    let model = args
        .get(1)
        .map(PathBuf::from)
        .or_else(default_model_dir)
        .expect("a model folder");
    let (mut prepared, texts) = prepare_with_texts(path, &Ingestor::default()).unwrap();
    let embedder = Embedder::load(&model).unwrap();
    let start = std::time::Instant::now();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    for (doc, v) in prepared.docs.iter_mut().zip(embedder.embed(&refs).unwrap()) {
        doc.embedding = Some(v);
    }
    let secs = start.elapsed().as_secs_f64();
    let cache = std::env::temp_dir().join(format!(
        "crosscheck-group-{}.json",
        path.file_name().unwrap().to_string_lossy()
    ));
    let bytes = serde_json::to_vec(&(&prepared.docs, &prepared.gold)).unwrap();
    std::fs::write(&cache, bytes).unwrap();
    println!(
        "{} articles embedded in {secs:.1} s ({:.1}/s) -> {}",
        texts.len(),
        texts.len() as f64 / secs,
        cache.display()
    );
}
