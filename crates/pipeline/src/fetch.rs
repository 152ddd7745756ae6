//! HTTP(S) fetching of feeds and pages given as URLs, with a timeout and a size limit.

use std::io::Read;
use std::time::Duration;

use anyhow::{bail, Context};

/// Whether an ingest argument is a URL rather than a path.
pub fn is_url(arg: &str) -> bool {
    arg.starts_with("http://") || arg.starts_with("https://")
}

/// The body of `url`, refusing more than `max_bytes`.
pub fn get(url: &str, max_bytes: u64) -> anyhow::Result<Vec<u8>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .user_agent(concat!("crosscheck/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let response = agent
        .get(url)
        .call()
        .with_context(|| format!("{url}: fetch failed"))?;
    let mut body = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(max_bytes + 1)
        .read_to_end(&mut body)
        .with_context(|| format!("{url}: reading the response"))?;
    if body.len() as u64 > max_bytes {
        bail!("{url}: response is over the size limit of {max_bytes} bytes");
    }
    Ok(body)
}
