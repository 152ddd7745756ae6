//! Group: articles about the same real-world event gathered into stories as they stream in,
//! and stories linked into long-running topics.
//!
//! A [`Grouper`] is stateful (it learns term frequencies and keeps the active stories) and
//! serialisable; [`link_topics`] and [`regroup`] are plain functions over data.
//!
//! ```
//! use crosscheck_analyze::Analyzer;
//! use crosscheck_group::{Doc, GroupConfig, Grouper};
//! use crosscheck_model::{Article, ArticleId};
//!
//! let analyzer = Analyzer::default();
//! let doc = |text: &str| {
//!     let article = Article::new(ArticleId::of_text(text), text.into());
//!     Doc::extract(&article, &analyzer.analyze(&article))
//! };
//! let mut grouper = Grouper::new(GroupConfig::default());
//! let a = grouper.add(&doc("Tara Reid checked into Promises rehab clinic in Malibu."));
//! let b = grouper.add(&doc("Actress Tara Reid entered the Promises rehab centre in Malibu."));
//! let c = grouper.add(&doc("A magnitude 6.1 earthquake struck northern Peru."));
//! assert_eq!(a.story, b.story);
//! assert_ne!(a.story, c.story);
//! ```

mod batch;
mod config;
mod conflict;
mod features;
mod grouper;
mod semantic;
mod sparse;
mod topic_names;
mod topics;
mod vocab;

pub use batch::{regroup, Grouping};
pub use config::GroupConfig;
pub use features::{words, Doc};
pub use grouper::{Grouper, Placement, StoryId, StoryProfile, STATE_VERSION};
pub use semantic::embedding_text;
pub use topic_names::name_topics;
pub use topics::{link_topics, TopicConfig, TopicId};
pub use vocab::Signal;
