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
