//! Plain data types that flow between crosscheck's pipeline stages.
//!
//! Every stage crate (ingest, analyze, stories, compare) depends on this crate and never on
//! another stage, so these types are the only contract between them. All of them are serde
//! types; their JSON form is part of crosscheck's documented output.
//!
//! ```
//! use crosscheck_model::{Article, ArticleId, Credit, CreditKind};
//!
//! let id = ArticleId::of_text("Ukraine reports first clashes.");
//! let article = Article::new(id.clone(), "Ukraine reports first clashes.".into());
//! assert_eq!(article.id, id);
//! assert_eq!(id.as_str().len(), 16);
//! let wire = Credit::new(CreditKind::Wire, "Reuters", "(Reuters) -");
//! assert_eq!(wire.name, "Reuters");
//! ```

mod analysis;
mod article;
mod credit;
mod span;

pub use analysis::{
    Analysis, DateMention, Entity, EntityKind, Event, Granularity, Heading, Quantity, QuantityKind,
    Quote, Sentence, ANALYSIS_VERSION,
};
pub use article::{Article, ArticleId, SourceRef};
pub use credit::{Credit, CreditKind};
pub use span::Span;
