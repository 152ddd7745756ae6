//! Credits: the wires, origins and bylines an article names, kept out of its text.

use serde::{Deserialize, Serialize};

/// What kind of source a credit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CreditKind {
    /// A news agency whose copy the article carries: `(dpa, Reuters)`, `(AP) --`.
    Wire,
    /// Another publication the article is a rewrite or reprint of: `Original Source: www.bbc.com`.
    Origin,
    /// A syndication service: `c.1999 N.Y. Times News Service`.
    Syndication,
    /// Authors or editors named in a sign-off: `rc/wmr`, `Reporting by ...`.
    Byline,
}

impl CreditKind {
    /// The stable lowercase name used in JSON and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            CreditKind::Wire => "wire",
            CreditKind::Origin => "origin",
            CreditKind::Syndication => "syndication",
            CreditKind::Byline => "byline",
        }
    }
}

/// One credit found in an article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Credit {
    /// What the credit names.
    pub kind: CreditKind,
    /// Canonical name: `Reuters`, `dpa`, `bbc.com`, `New York Times News Service`, `rc/wmr`.
    pub name: String,
    /// The text as it stood in the article, for display and audit.
    pub raw: String,
    /// The place of a dateline the credit came with (`PINE RIDGE, S.D.`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
}

impl Credit {
    /// A credit without a dateline.
    pub fn new(kind: CreditKind, name: impl Into<String>, raw: impl Into<String>) -> Self {
        Self {
            kind,
            name: name.into(),
            raw: raw.into(),
            dateline: None,
        }
    }
}
