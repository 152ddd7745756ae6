//! A draft article as a reader produced it, and the one path that turns every draft into a
//! clean [`Article`]: normalisation, headline detection, credits, id and fingerprint.

use chrono::{DateTime, Utc};
use crosscheck_model::{Article, ArticleId, SourceRef};

use crate::{credits, normalize, IngestError};

/// The body of a draft: raw text to split into paragraphs, or paragraphs already found.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// Raw text whose paragraphs are still to be recovered.
    Text(String),
    /// Paragraphs from markup.
    Paragraphs(Vec<String>),
}

/// What a reader found; every field optional but the body.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub source: SourceRef,
    pub body: Body,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub language: Option<String>,
    /// Whether a headline-like first paragraph may be taken as the title.
    pub headline_in_body: bool,
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

impl Draft {
    pub fn new(source: SourceRef, body: Body) -> Self {
        Self {
            source,
            body,
            title: None,
            url: None,
            outlet: None,
            byline: None,
            published: None,
            language: None,
            headline_in_body: false,
            metadata: serde_json::Map::new(),
        }
    }

    /// Normalises the draft into an article, or fails when no text is left.
    pub fn finish(self) -> Result<Article, IngestError> {
        let mut paragraphs = match self.body {
            Body::Text(raw) => normalize::paragraphs(&raw),
            Body::Paragraphs(ps) => ps
                .iter()
                .map(|p| normalize::inline(p))
                .filter(|p| !p.is_empty())
                .collect(),
        };
        let mut title = self
            .title
            .map(|t| normalize::inline(&t))
            .filter(|t| !t.is_empty());
        if title.is_none()
            && self.headline_in_body
            && paragraphs.len() > 1
            && is_headline(&paragraphs[0])
        {
            title = Some(paragraphs.remove(0));
        }
        let credits = credits::extract(&mut paragraphs);
        let text = normalize::join(&paragraphs);
        if text.is_empty() {
            return Err(IngestError::Empty {
                input: self.source.to_string(),
            });
        }
        let id = ArticleId::of_text(&text);
        let fingerprint = crosscheck_minhash::signature(&text);
        let outlet = self
            .outlet
            .map(|o| normalize::inline(&o))
            .filter(|o| !o.is_empty())
            .or_else(|| self.url.as_deref().and_then(host_of));
        Ok(Article {
            id,
            url: self.url,
            outlet,
            title,
            byline: self
                .byline
                .map(|b| normalize::inline(&b))
                .filter(|b| !b.is_empty()),
            published: self.published,
            language: self.language,
            text,
            credits,
            fingerprint,
            source: self.source,
            metadata: self.metadata,
        })
    }
}

/// A first line reads as a headline: short, not a finished sentence, more text after it.
fn is_headline(p: &str) -> bool {
    const MAX_WORDS: usize = 20;
    const MAX_CHARS: usize = 200;
    let words = p.split_whitespace().count();
    let starts_well = p
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '\'' || c == '"');
    starts_well && words <= MAX_WORDS && p.len() <= MAX_CHARS && !p.ends_with(['.', ',', ';', ':'])
}

/// `https://www.bbc.com/news/x` → `bbc.com`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .trim_start_matches("www.");
    (host.contains('.') && !host.contains(' ')).then(|| host.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Draft {
        let mut d = Draft::new(SourceRef::default(), Body::Text(text.into()));
        d.headline_in_body = true;
        d
    }

    #[test]
    fn headline_becomes_title() {
        let a = draft("Ad sales boost Time Warner profit\n\nQuarterly profits jumped 76%.")
            .finish()
            .unwrap();
        assert_eq!(
            a.title.as_deref(),
            Some("Ad sales boost Time Warner profit")
        );
        assert_eq!(a.text, "Quarterly profits jumped 76%.");
    }

    #[test]
    fn first_sentence_is_not_a_title() {
        let a =
            draft("Ukraine confirmed on Tuesday that its forces engaged troops.\nMore text here.")
                .finish()
                .unwrap();
        assert_eq!(a.title, None);
        assert!(a.text.starts_with("Ukraine confirmed"));
    }

    #[test]
    fn credit_only_text_is_kept_as_text() {
        let a = draft("(Distributed by New York Times Special Features)")
            .finish()
            .unwrap();
        assert_eq!(a.text, "(Distributed by New York Times Special Features)");
        assert_eq!(a.credits[0].name, "New York Times News Service");
        let err = draft("  \n ").finish().unwrap_err();
        assert!(matches!(err, IngestError::Empty { .. }));
    }

    #[test]
    fn outlet_falls_back_to_url_host() {
        let mut d = draft("Some text.");
        d.url = Some("https://www.bbc.com/news/world-1".into());
        assert_eq!(d.finish().unwrap().outlet.as_deref(), Some("bbc.com"));
        assert_eq!(host_of("not a url"), None);
    }
}
