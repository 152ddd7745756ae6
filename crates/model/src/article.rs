//! The article: one report as published, with clean text, metadata, credits and fingerprint.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Credit;

/// Stable article id: 16 hex digits of XXH3-64 over the normalised clean text.
///
/// Two articles with the same clean text have the same id, which is how exact duplicates are
/// found; the hash is seeded with a fixed value so ids never change between versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(String);

impl ArticleId {
    /// The id of an article whose clean text is `text`.
    pub fn of_text(text: &str) -> Self {
        let hash = xxh3_64(text.as_bytes());
        Self(format!("{hash:016x}"))
    }

    /// Wraps an id read back from storage or a user (no validation beyond the type).
    pub fn from_string(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an article was read from: a file, a URL or stdin, and the record inside it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourceRef {
    /// The file path, URL, or `-` for standard input.
    pub input: String,
    /// 1-based line of a JSON Lines record, or 1-based item of a feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<usize>,
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.record {
            Some(n) => write!(f, "{}:{}", self.input, n),
            None => f.write_str(&self.input),
        }
    }
}

/// One report as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Hash of the clean text.
    pub id: ArticleId,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// The publishing outlet: a site name or domain.
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Authors as printed.
    pub byline: Option<String>,
    /// Publication time (UTC); a date without a time is taken as midnight UTC.
    pub published: Option<DateTime<Utc>>,
    /// ISO 639-1 language code, when known.
    pub language: Option<String>,
    /// The clean text: NFC, paragraphs separated by a blank line, credits removed. Every span
    /// of later stages is a byte range of this string.
    pub text: String,
    /// Wires, origins, syndication services and bylines the article credits.
    pub credits: Vec<Credit>,
    /// MinHash signature over word shingles of the text, for near-duplicate detection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprint: Vec<u32>,
    /// Where the article was read from.
    pub source: SourceRef,
    /// Fields of the input record that crosscheck does not model (kept verbatim).
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

impl Article {
    /// An article with only an id and text; everything else empty.
    pub fn new(id: ArticleId, text: String) -> Self {
        Self {
            id,
            url: None,
            outlet: None,
            title: None,
            byline: None,
            published: None,
            language: None,
            text,
            credits: Vec::new(),
            fingerprint: Vec::new(),
            source: SourceRef::default(),
            metadata: serde_json::Map::new(),
        }
    }

    /// Number of whitespace-separated words in the clean text.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Seed of the id hash; fixed forever so ids never change between versions.
const ID_SEED: u64 = 0x6372_6f73_7363_6865; // "crossche"

fn xxh3_64(data: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(data, ID_SEED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_text_dependent() {
        // Pinned: a change of hash function would silently re-key every store.
        assert_eq!(ArticleId::of_text("").as_str(), "8e999f0d5f35dee2");
        assert_ne!(ArticleId::of_text("a"), ArticleId::of_text("b"));
        assert_eq!(ArticleId::of_text("same"), ArticleId::of_text("same"));
    }

    #[test]
    fn source_ref_displays_record() {
        let s = SourceRef {
            input: "a.jsonl".into(),
            record: Some(3),
        };
        assert_eq!(s.to_string(), "a.jsonl:3");
    }
}
