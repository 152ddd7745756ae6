//! JSON output envelopes: every `--json` document carries `"version"` so consumers can tell
//! formats apart as they evolve.

use serde::Serialize;

/// Version of the `--json` documents this build prints.
pub const JSON_VERSION: u32 = 1;

/// Prints `{"version": 1, "<key>": value, ...extra}` as pretty JSON on stdout.
pub fn print_json<T: Serialize>(
    key: &str,
    value: &T,
    extra: &[(&str, serde_json::Value)],
) -> anyhow::Result<()> {
    let mut doc = serde_json::Map::new();
    doc.insert("version".into(), JSON_VERSION.into());
    for (k, v) in extra {
        doc.insert((*k).into(), v.clone());
    }
    doc.insert(key.into(), serde_json::to_value(value)?);
    outln!("{}", serde_json::to_string_pretty(&doc)?);
    Ok(())
}

/// Cuts `s` to at most `max` characters, marking the cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Writes one line to stdout; a closed pipe ends the process with success, as `cat` does.
pub fn write_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{args}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("crosscheck: error: writing output: {e}");
        std::process::exit(2);
    }
}
