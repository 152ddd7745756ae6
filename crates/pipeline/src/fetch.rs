//! HTTP(S) fetching of feeds and pages given as URLs, with a timeout and a size limit.

use std::io::Read;
use std::time::Duration;

use crate::PipelineError;

/// Whether an ingest argument is a URL rather than a path.
pub fn is_url(arg: &str) -> bool {
    arg.starts_with("http://") || arg.starts_with("https://")
}

/// The body of `url`, refusing more than `max_bytes`.
pub fn get(url: &str, max_bytes: u64) -> Result<Vec<u8>, PipelineError> {
    let fail = |message: String| PipelineError::Fetch {
        url: url.to_string(),
        message,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .user_agent(concat!("crosscheck/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let response = agent
        .get(url)
        .call()
        .map_err(|e| fail(format!("fetch failed: {e}")))?;
    let mut body = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(max_bytes + 1)
        .read_to_end(&mut body)
        .map_err(|e| fail(format!("reading the response: {e}")))?;
    if body.len() as u64 > max_bytes {
        return Err(fail(format!(
            "response is over the size limit of {max_bytes} bytes"
        )));
    }
    Ok(body)
}
