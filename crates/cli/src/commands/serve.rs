//! `crosscheck serve`: the JSON API and the web UI over the data directory, until Ctrl-C.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use crosscheck_serve::ServeConfig;

/// Arguments of `crosscheck serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on; beyond loopback a token is required. Port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Bearer token every write (POST) must carry.
    #[arg(long, env = "CROSSCHECK_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// An origin allowed by CORS (repeatable); without it no CORS headers are sent.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Largest request body accepted, in MiB.
    #[arg(long, default_value_t = 16, value_name = "MIB")]
    max_body: usize,
}

/// Runs the server until it is stopped.
pub fn run(data: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let config = ServeConfig {
        token: args.token,
        cors_origins: args.cors_origins,
        body_limit: args.max_body * 1024 * 1024,
        ..ServeConfig::new(args.addr, data.to_path_buf())
    };
    config.check()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server runtime")?;
    runtime.block_on(crosscheck_serve::serve(config, |addr| {
        outln!("crosscheck: listening on http://{addr}");
    }))?;
    Ok(ExitCode::SUCCESS)
}
