//! Locates `../shared` (the evaluation data and seed articles) for tests, from the workspace
//! root, or from the `CROSSCHECK_SHARED` environment variable when set.
//!
//! Tests call [`shared`] or [`shared_path`]; when the folder is absent they skip loudly, as
//! `../shared/eval/README.md` asks. In CI the folder is always present.

use std::path::PathBuf;

/// The environment variable that overrides where the shared folder is.
pub const ENV: &str = "CROSSCHECK_SHARED";

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root exists")
}

/// The shared folder, if it exists.
pub fn shared() -> Option<PathBuf> {
    let dir = match std::env::var_os(ENV) {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("../shared"),
    };
    dir.is_dir().then_some(dir)
}

/// A path inside the shared folder, or `None` after printing why the caller's test is skipped.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let path = shared().map(|d| d.join(relative)).filter(|p| p.exists());
    if path.is_none() {
        eprintln!("SKIPPED: shared data {relative:?} not found (set {ENV} or place ../shared beside the workspace)");
    }
    path
}

/// The environment variable that turns a missing embedding model into a test failure (set by
/// `scripts/test` after `scripts/fetch-model`).
pub const REQUIRE_MODEL: &str = "CROSSCHECK_REQUIRE_MODEL";

/// `dir` when it holds the embedding model (`model.safetensors`), or `None` after printing
/// why the caller's test is skipped; panics instead when [`REQUIRE_MODEL`] is set.
pub fn model_folder(dir: PathBuf) -> Option<PathBuf> {
    if dir.join("model.safetensors").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os(REQUIRE_MODEL).is_none(),
        "{REQUIRE_MODEL} is set but {} has no model",
        dir.display()
    );
    eprintln!(
        "skipped: no model in {} (run scripts/fetch-model)",
        dir.display()
    );
    None
}
