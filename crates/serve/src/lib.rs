//! The crosscheck server: a JSON API (`/api/...`, described by `/api/openapi.json`) and a
//! server-rendered web UI (story list, story page with brief and source matrix, article page
//! with highlights) over one data directory, in one binary with its assets embedded.
//!
//! Reads go through a small pool of store connections with short-lived caches; writes
//! (`POST /api/articles`) go through one writer that analyses, stores and groups records the
//! way `crosscheck ingest` does.

mod api;
mod app;
mod auth;
mod error;
mod highlight;
mod matrix;
mod pages;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method};
use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use app::App;
pub use error::ServeError;

/// How often topics are linked and the grouping saved while records arrive.
pub const SETTLE_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

/// Default request body limit: 16 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The data directory holding the store.
    pub data: PathBuf,
    /// Bearer token every write must carry; required when `addr` is not loopback.
    pub token: Option<String>,
    /// Origins allowed by CORS; none (the default) sends no CORS headers.
    pub cors_origins: Vec<String>,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
}

impl ServeConfig {
    /// Loopback on `addr`, no token, no CORS, the default body limit.
    pub fn new(addr: SocketAddr, data: PathBuf) -> Self {
        ServeConfig {
            addr,
            data,
            token: None,
            cors_origins: Vec::new(),
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// Refuses a configuration that would expose writes without a token.
    pub fn check(&self) -> Result<(), ServeError> {
        if !self.addr.ip().is_loopback() && self.token.as_deref().is_none_or(str::is_empty) {
            return Err(ServeError::TokenRequired(self.addr));
        }
        for origin in &self.cors_origins {
            HeaderValue::from_str(origin).map_err(|_| ServeError::BadOrigin(origin.clone()))?;
        }
        Ok(())
    }
}

/// The routes of the API and the UI over `app`.
pub fn router(app: Arc<App>, config: &ServeConfig) -> Router {
    let writes = Router::new()
        .route("/api/articles", post(api::post_articles))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::limit_length,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::require_token,
        ));
    let mut router = Router::new()
        .route("/healthz", get(api::healthz))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/stories/{id}/brief", get(api::brief))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/search", get(api::search))
        .route("/", get(pages::index))
        .route("/stories/{id}", get(pages::story))
        .route("/articles/{id}", get(pages::article))
        .route("/assets/{name}", get(pages::asset))
        .merge(writes)
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(config.body_limit))
        .with_state(app);
    if !config.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> = config
            .cors_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([
                    axum::http::header::CONTENT_TYPE,
                    axum::http::header::AUTHORIZATION,
                ]),
        );
    }
    router
}

/// Serves until Ctrl-C (or SIGTERM), then saves the grouping and returns. `ready` is called
/// with the bound address once the server listens (port 0 picks a free one).
pub async fn serve(config: ServeConfig, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    config.check()?;
    let app = Arc::new(App::open(&config)?);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
    let local = listener.local_addr().map_err(|source| ServeError::Bind {
        addr: config.addr,
        source,
    })?;
    ready(local);
    let settler = tokio::spawn(settle_every(app.clone()));
    let served = axum::serve(listener, router(app.clone(), &config))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|source| ServeError::Bind {
            addr: local,
            source,
        });
    settler.abort();
    let last = tokio::task::spawn_blocking(move || app.settle()).await;
    if let Ok(Err(e)) = last {
        eprintln!("crosscheck: saving the grouping at shutdown: {}", e.message);
    }
    served
}

/// Links topics and saves the grouping every [`SETTLE_EVERY`] while records arrive.
async fn settle_every(app: Arc<App>) {
    let mut tick = tokio::time::interval(SETTLE_EVERY);
    loop {
        tick.tick().await;
        let app = app.clone();
        if let Ok(Err(e)) = tokio::task::spawn_blocking(move || app.settle()).await {
            eprintln!("crosscheck: saving the grouping: {}", e.message);
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
