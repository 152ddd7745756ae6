//! Scores the grouping of a labelled set under settings given on the command line, caching
//! the analysed features so a sweep does not analyse again:
//!
//! ```sh
//! cargo run --release -p crosscheck-group --example tune -- \
//!     ../shared/eval/stories/ecbplus.jsonl story threshold=0.3 entity_weight=2
//! ```
//!
//! Each further `key=value` is a [`GroupConfig`] field; `sweep:key=a,b,c` scores each value.

use std::path::Path;

use crosscheck_eval::stories::{prepare, score, Level, Prepared};
use crosscheck_group::{Doc, GroupConfig};
use crosscheck_ingest::Ingestor;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = Path::new(&args[0]);
    let level = match args.get(1).map(String::as_str) {
        Some("topic") => Level::Topic,
        _ => Level::Story,
    };
    let cache = std::env::temp_dir().join(format!(
        "crosscheck-group-{}.json",
        path.file_name().unwrap().to_string_lossy()
    ));
    let prepared = match std::fs::read(&cache) {
        Ok(bytes) => {
            let (docs, gold): (Vec<Doc>, Vec<String>) = serde_json::from_slice(&bytes).unwrap();
            Prepared {
                records: docs.len(),
                rejected: 0,
                docs,
                gold,
                seconds: 0.0,
            }
        }
        Err(_) => {
            let p = prepare(path, &Ingestor::default()).unwrap();
            std::fs::write(&cache, serde_json::to_vec(&(&p.docs, &p.gold)).unwrap()).unwrap();
            p
        }
    };
    let mut base = serde_json::to_value(GroupConfig::default()).unwrap();
    let mut sweep: Option<(String, Vec<String>)> = None;
    for kv in &args[2..] {
        let (k, v) = kv.split_once('=').expect("key=value");
        if let Some(k) = k.strip_prefix("sweep:") {
            sweep = Some((k.to_string(), v.split(',').map(str::to_string).collect()));
        } else {
            set(&mut base, k, v);
        }
    }
    let (key, values) = sweep.unwrap_or_else(|| (String::new(), vec![String::new()]));
    for v in values {
        let mut config = base.clone();
        if !key.is_empty() {
            set(&mut config, &key, &v);
        }
        let config: GroupConfig = serde_json::from_value(config).unwrap();
        let r = score(&prepared, level, &config);
        if let Ok(dump) = std::env::var("TUNE_DUMP") {
            let g = crosscheck_group::regroup(&prepared.docs, &config);
            let rows: Vec<(String, String, u64)> = prepared
                .docs
                .iter()
                .zip(&prepared.gold)
                .zip(&g.stories)
                .map(|((d, gold), s)| (d.id.to_string(), gold.clone(), s.0))
                .collect();
            std::fs::write(&dump, serde_json::to_vec(&(rows, &g.profiles)).unwrap()).unwrap();
        }
        println!(
            "{key}={v:<6} P {:.4} R {:.4} F1 {:.4} ARI {:.4} groups {} / {}",
            r.bcubed.precision,
            r.bcubed.recall,
            r.bcubed.f1,
            r.ari,
            r.predicted_groups,
            r.gold_groups
        );
    }
}

/// Sets a (possibly dotted: `topics.threshold`) field of a JSON config.
fn set(config: &mut serde_json::Value, key: &str, value: &str) {
    let mut at = config;
    for part in key.split('.') {
        at = &mut at[part];
    }
    *at = serde_json::from_str(value).unwrap();
}
