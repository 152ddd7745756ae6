//! Plain-text articles: the whole input is one article; a headline on the first line becomes
//! the title.

use crosscheck_model::SourceRef;

use crate::draft::{Body, Draft};

/// One draft for a plain-text input.
pub(crate) fn read(input: &str, text: String) -> Draft {
    let source = SourceRef {
        input: input.to_string(),
        record: None,
    };
    let mut draft = Draft::new(source, Body::Text(text));
    draft.headline_in_body = true;
    draft
}
