//! Analyze: per-article understanding that every comparison rests on. Stateless: an
//! [`Analyzer`] turns one [`Article`] into one [`Analysis`], every item a byte span of the
//! article's clean text: sentences, section headings, entities (variants merged), quantities,
//! dates, quotes and events (who did what, where, when).
//!
//! ```
//! use crosscheck_analyze::Analyzer;
//! use crosscheck_model::{Article, ArticleId};
//!
//! let text = "What we know\n\nMr. Umerov confirmed small engagements. The U.N. said nothing.";
//! let article = Article::new(ArticleId::of_text(text), text.into());
//! let analysis = Analyzer::default().analyze(&article);
//! assert_eq!(analysis.headings.len(), 1);
//! let first = analysis.sentences[0].span.slice(&article.text).unwrap();
//! assert_eq!(first, "Mr. Umerov confirmed small engagements.");
//! ```

mod dates;
mod entities;
mod events;
pub mod names;
mod pattern;
mod quantities;
mod quotes;

/// Training the learned attribution-cue scorer (the `train-cues` binary).
#[doc(hidden)]
pub mod cue_training {
    pub use crate::quotes::{cue_examples, cue_scores, train_cues, GoldCue};
}
mod sentences;
pub mod stopwords;

use crosscheck_model::{Analysis, Article, ANALYSIS_VERSION};

/// The analysis stage. Stateless and cheap to share across threads.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {}

impl Analyzer {
    /// Analyses one article.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let text = &article.text;
        let (sentences, headings) = sentences::split(text);
        let published = article.published.map(|p| p.date_naive());
        let mut quantities = Vec::new();
        let mut dates = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            let sentence = &text[s.span.start..s.span.end];
            quantities.extend(quantities::find(sentence, s.span.start, i));
            dates.extend(dates::find(sentence, s.span.start, i, published));
        }
        let quotes = quotes::find(text, &sentences);
        let entities = entities::find(text);
        let events = events::find(text, &sentences, &entities, &dates);
        Analysis {
            version: ANALYSIS_VERSION,
            article: article.id.clone(),
            sentences,
            headings,
            quantities,
            dates,
            quotes,
            entities,
            events,
        }
    }
}
