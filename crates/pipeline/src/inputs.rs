//! Ingest arguments to inputs: files, folders walked recursively (sorted; hidden files, unknown
//! extensions and README/LICENSE files skipped), URLs, and `-` for standard input.

use std::path::{Path, PathBuf};

use crate::fetch;

/// Extensions read when walking a folder (a `.gz` of any of them too).
const EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "xml", "rss", "atom", "jsonl", "ndjson",
];

/// One thing to ingest.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// An http(s) URL.
    Url(String),
}

impl Input {
    /// The name used in messages and stored as the article's source.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".into(),
            Input::Url(u) => u.clone(),
        }
    }

    /// Size in bytes when known before reading.
    pub fn size(&self) -> Option<u64> {
        match self {
            Input::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            _ => None,
        }
    }
}

/// Expands arguments; a missing path is an error message, the rest goes on.
pub fn expand(args: &[String]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
        } else if fetch::is_url(arg) {
            inputs.push(Input::Url(arg.clone()));
        } else {
            let path = Path::new(arg);
            if path.is_dir() {
                walk(path, &mut inputs, &mut errors);
            } else if path.is_file() {
                inputs.push(Input::File(path.to_path_buf()));
            } else {
                errors.push(format!("{arg}: no such file or folder"));
            }
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<String>) {
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && wanted(e.path()) => {
                inputs.push(Input::File(e.into_path()))
            }
            Ok(_) => {}
            Err(e) => errors.push(format!("{}: {e}", dir.display())),
        }
    }
}

/// Files beside a corpus that describe it rather than report news; skipped in folder walks
/// (an explicit path is still read).
const NOT_ARTICLES: &[&str] = &["readme", "license", "licence", "copying", "notice"];

fn wanted(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if NOT_ARTICLES.iter().any(|w| name.contains(w)) {
        return false;
    }
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir(p.join("sub")).unwrap();
        for f in [
            "README.TXT",
            "x.LICENSE.txt",
            "b.txt",
            "a.html",
            "sub/c.jsonl",
            "skip.png",
            ".hidden.txt",
            "d.txt.gz",
        ] {
            std::fs::write(p.join(f), "x").unwrap();
        }
        let (inputs, errors) = expand(&[p.display().to_string(), "missing.txt".into(), "-".into()]);
        let names: Vec<String> = inputs
            .iter()
            .map(|i| i.name().rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, ["a.html", "b.txt", "d.txt.gz", "c.jsonl", "-"]);
        assert_eq!(errors, ["missing.txt: no such file or folder"]);
    }
}
