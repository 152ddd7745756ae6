//! `crosscheck bench --stage serve`: stores the first N records of a JSON Lines corpus
//! (analysed and grouped), starts the server on a free loopback port in this process, and
//! loads `GET /api/stories` and story briefs from many keep-alive connections at once,
//! printing requests per second and latency percentiles per route.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use crosscheck_pipeline::inputs;
use crosscheck_serve::ServeConfig;
use crosscheck_store::Store;
use serde::Serialize;

use crate::output::print_json;

/// How to load the server.
pub struct Load {
    /// Records stored before the load.
    pub articles: usize,
    /// Concurrent connections.
    pub connections: usize,
    /// How long to load each route.
    pub seconds: f64,
}

/// The figures of one route.
#[derive(Serialize)]
struct RouteFigure {
    route: String,
    requests: usize,
    errors: usize,
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

/// Runs the serve bench on `corpus` (a JSON Lines file).
pub fn run(corpus: &Path, load: &Load, json: bool) -> anyhow::Result<()> {
    let dir = tempfile::tempdir().context("creating a scratch data directory")?;
    let stored = fill(corpus, load.articles, dir.path())?;
    let stories = Store::open(dir.path())?.all_stories()?;
    if stories.is_empty() {
        bail!("{}: no stories to serve", corpus.display());
    }
    // Briefs of the 20 biggest stories, in turn: real work, not one cached answer.
    let mut big = stories.clone();
    big.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.id.cmp(&b.id)));
    let brief_paths: Vec<String> = big
        .iter()
        .take(20)
        .map(|s| format!("/api/stories/{}/brief?format=json", s.id))
        .collect();
    let base = start_server(dir.path())?;
    let routes = [
        (
            "GET /api/stories".to_string(),
            vec!["/api/stories?limit=50".to_string()],
        ),
        ("GET /api/stories/{id}/brief".to_string(), brief_paths),
    ];
    let mut figures = Vec::new();
    for (name, paths) in &routes {
        figures.push(hammer(&base, name, paths, load));
    }
    if json {
        let extra = [
            ("articles", stored.into()),
            ("stories", stories.len().into()),
            ("connections", load.connections.into()),
        ];
        return print_json("bench_serve", &figures, &extra);
    }
    outln!(
        "{stored} articles in {} stories, {} connections, {:.0} s per route",
        stories.len(),
        load.connections,
        load.seconds
    );
    for f in &figures {
        outln!(
            "{:<30} {:>8.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.2} ms  ({} requests, {} errors)",
            f.route,
            f.requests_per_second,
            f.p50_ms,
            f.p99_ms,
            f.max_ms,
            f.requests,
            f.errors
        );
    }
    Ok(())
}

/// Stores the first `n` records of `corpus` in `data`, analysed and grouped.
fn fill(corpus: &Path, n: usize, data: &Path) -> anyhow::Result<usize> {
    let text = std::fs::read_to_string(corpus)
        .with_context(|| format!("{}: reading the corpus", corpus.display()))?;
    let head: String = text.lines().take(n).flat_map(|l| [l, "\n"]).collect();
    let file = data.join("corpus.jsonl");
    std::fs::write(&file, head).context("writing the corpus head")?;
    let (inputs, _) = inputs::expand(&[file.display().to_string()]);
    let mut store = Store::open(data)?;
    let counts = super::stages::ingest_grouped(&mut store, inputs)?;
    Ok(counts.new + counts.near_duplicate)
}

/// Starts the server on a thread of its own; returns its base address.
fn start_server(data: &Path) -> anyhow::Result<String> {
    let config = ServeConfig::new(
        "127.0.0.1:0".parse().expect("a loopback address"),
        data.to_path_buf(),
    );
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let fail = tx.clone();
        let result = runtime.block_on(crosscheck_serve::serve(config, move |addr| {
            let _ = tx.send(Ok(addr));
        }));
        if let Err(e) = result {
            let _ = fail.send(Err(e.to_string()));
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(60))
        .context("the server did not start")?
        .map_err(anyhow::Error::msg)?;
    Ok(format!("http://{addr}"))
}

/// Loads `paths` (in turn) from `load.connections` threads for `load.seconds`.
fn hammer(base: &str, route: &str, paths: &[String], load: &Load) -> RouteFigure {
    let until = Instant::now() + Duration::from_secs_f64(load.seconds);
    let start = Instant::now();
    let results: Vec<(Vec<f64>, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..load.connections)
            .map(|w| {
                scope.spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .build()
                        .into();
                    let mut times = Vec::new();
                    let mut errors = 0;
                    let mut i = w;
                    while Instant::now() < until {
                        let url = format!("{base}{}", paths[i % paths.len()]);
                        i += 1;
                        let t = Instant::now();
                        let ok = agent.get(&url).call().is_ok_and(|mut r| {
                            r.status().is_success() && r.body_mut().read_to_vec().is_ok()
                        });
                        times.push(t.elapsed().as_secs_f64() * 1000.0);
                        errors += usize::from(!ok);
                    }
                    (times, errors)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|h| h.join().expect("a load thread"))
            .collect()
    });
    let elapsed = start.elapsed().as_secs_f64();
    let errors = results.iter().map(|r| r.1).sum();
    let mut times: Vec<f64> = results.into_iter().flat_map(|r| r.0).collect();
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        times
            .get(((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    RouteFigure {
        route: route.to_string(),
        requests: times.len(),
        errors,
        requests_per_second: times.len() as f64 / elapsed,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        max_ms: times.last().copied().unwrap_or(0.0),
    }
}
