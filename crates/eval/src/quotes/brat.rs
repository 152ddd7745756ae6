//! PolNeAR's BRAT standoff format: which annotation file goes with which text, and the
//! attributions (content, source, cue) an `.ann` file holds, as byte spans of the text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crosscheck_model::Span;

use crate::EvalError;

/// One gold attribution: its content and source, as byte spans of the text.
#[derive(Debug, Clone)]
pub struct Gold {
    /// What was said.
    pub content: Span,
    /// Who said it, when annotated.
    pub source: Option<Span>,
    /// The reporting word or phrase, when annotated.
    pub cue: Option<Span>,
}

/// The (text, annotation) file pairs of a PolNeAR split folder (`text/`, `attributions/`), by
/// name: for each document, the first annotator's `<document>_<annotator>.ann` by name
/// (directory order differs between file systems).
pub fn documents(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, EvalError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| EvalError::Io { path, source }
    };
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut annotations: HashMap<String, PathBuf> = HashMap::new();
    for entry in std::fs::read_dir(&ann_dir).map_err(io(&ann_dir))? {
        let path = entry.map_err(io(&ann_dir))?.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // `<document>_<annotator>.ann`: the first annotator's file for each document, by name
        // (directory order differs between file systems).
        if let Some((doc, _)) = stem.rsplit_once('_') {
            let slot = annotations
                .entry(doc.to_string())
                .or_insert_with(|| path.clone());
            if path < *slot {
                *slot = path;
            }
        }
    }
    let mut docs: Vec<(PathBuf, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(&text_dir).map_err(io(&text_dir))? {
        let path = entry.map_err(io(&text_dir))?.path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if let Some(ann) = annotations.get(&stem) {
            docs.push((path, ann.clone()));
        }
    }
    docs.sort();
    Ok(docs)
}

/// Gold attributions from BRAT lines: `T1\tContent 115 290\t...` and
/// `E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1`. Offsets are characters; spans are bytes.
pub fn attributions(ann: &str, text: &str) -> Vec<Gold> {
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let to_bytes = |c: usize| byte_of.get(c).copied();
    let mut spans: HashMap<&str, Span> = HashMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            // "Content 115 290" (discontinuous spans "a b;c d" keep their outer bounds).
            let mut parts = body.split([' ', ';']);
            let _label = parts.next();
            let nums: Vec<usize> = parts.filter_map(|p| p.parse().ok()).collect();
            if let (Some(&start), Some(&end)) = (nums.first(), nums.last()) {
                if let (Some(s), Some(e)) = (to_bytes(start), to_bytes(end)) {
                    spans.insert(id, Span::new(s, e));
                }
            }
        } else if id.starts_with('E') {
            let role = |name: &str| {
                body.split(' ')
                    .find_map(|r| r.strip_prefix(name))
                    .and_then(|t| spans.get(t).copied())
            };
            if let Some(content) = role("Content:") {
                out.push(Gold {
                    content,
                    source: role("Source:"),
                    cue: role("Cue:"),
                });
            }
        }
    }
    out
}
