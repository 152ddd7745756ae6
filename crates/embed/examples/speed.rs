//! Embedding speed on the CPU: embeds the title and lead (as grouping does, about 600
//! characters) of up to N text files spread over a folder, and prints articles per second.
//!
//! ```sh
//! cargo run --release -p crosscheck-embed --features model --example speed -- \
//!     ../shared/eval/corpus/bbc 500 [MODEL_DIR]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use crosscheck_embed::{cosine, default_model_dir, Embedder};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().expect("a folder of .txt files"));
    let limit: usize = args.get(1).map_or(500, |n| n.parse().expect("a count"));
    let model = args
        .get(2)
        .map(PathBuf::from)
        .or_else(default_model_dir)
        .expect("a model folder");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("a readable folder")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    // Evenly spread over the (sorted, so category by category) files.
    let step = (files.len() / limit.max(1)).max(1);
    files = files.into_iter().step_by(step).take(limit).collect();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| {
            let t = String::from_utf8_lossy(&b).into_owned();
            t.char_indices()
                .nth(700)
                .map_or(t.clone(), |(i, _)| t[..i].to_string())
        })
        .collect();
    let start = Instant::now();
    let embedder = Embedder::load(&model).expect("the model loads");
    let loaded = start.elapsed().as_secs_f64();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let start = Instant::now();
    let v = embedder.embed(&refs).expect("embedding works");
    let secs = start.elapsed().as_secs_f64();
    // A result check, so a fast wrong answer shows: neighbours in a category are closer
    // than articles far apart in the (category-sorted) list.
    let n = v.len().max(1);
    let near: f32 = (1..v.len()).map(|i| cosine(&v[i - 1], &v[i])).sum::<f32>() / n as f32;
    let far: f32 = (0..v.len())
        .map(|i| cosine(&v[i], &v[(i + n / 2) % n]))
        .sum::<f32>()
        / n as f32;
    assert!(
        near > far,
        "neighbours {near} not closer than distant pairs {far}"
    );
    println!(
        "{} articles in {secs:.2} s: {:.1} articles/s on {} threads (model loaded in {loaded:.2} s; mean cosine of neighbours {near:.3}, of distant pairs {far:.3})",
        v.len(),
        v.len() as f64 / secs,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
}
