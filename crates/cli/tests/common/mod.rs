//! Helpers shared by the end-to-end tests: run the real binary against a scratch store.

#![allow(dead_code)]

pub mod server;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// `crosscheck --data DIR ...`
pub fn cc(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("crosscheck").unwrap();
    cmd.arg("--data").arg(data).env_remove("CROSSCHECK_DATA");
    cmd
}

/// Runs a command with `--json` and parses stdout.
pub fn json(cmd: &mut Command) -> (Value, std::process::Output) {
    let out = cmd.arg("--json").output().unwrap();
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (value, out)
}

/// All stored articles as JSON rows.
pub fn articles(data: &Path) -> Vec<Value> {
    let (v, out) = json(cc(data).arg("articles"));
    assert!(out.status.success());
    assert_eq!(v["version"], 1);
    v["articles"].as_array().unwrap().clone()
}
