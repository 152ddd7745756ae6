//! The per-article analysis: what the analyze stage found, each item pointing back into the
//! article's clean text through a byte [`Span`].

use serde::{Deserialize, Serialize};

use crate::{ArticleId, Span};

/// Version of the analysis format; bumped when a field changes meaning.
pub const ANALYSIS_VERSION: u32 = 1;

/// One sentence of an article's story text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it stands in the clean text.
    pub span: Span,
    /// 0-based paragraph it belongs to.
    pub paragraph: usize,
}

/// A section heading on a line of its own ("What we know about engagement"): structure, not a
/// sentence of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// Where it stands in the clean text.
    pub span: Span,
    /// 0-based paragraph it is.
    pub paragraph: usize,
}

/// What the analyze stage found in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// [`ANALYSIS_VERSION`] when this was made.
    pub version: u32,
    /// The article analysed.
    pub article: ArticleId,
    /// Sentences in reading order, headings excluded.
    pub sentences: Vec<Sentence>,
    /// Section headings.
    pub headings: Vec<Heading>,
}
