//! JSON Lines records: `{"id","url","outlet","title","published","text"|"html"}`, one per line;
//! other fields are kept as metadata. A bad line is an error of its own, with its number.

use crosscheck_model::SourceRef;
use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::draft::{Body, Draft};
use crate::{dates, html, IngestError};

/// Fields crosscheck models; everything else goes to metadata.
const KNOWN: &[&str] = &[
    "id",
    "url",
    "outlet",
    "title",
    "published",
    "text",
    "html",
    "byline",
    "author",
    "language",
];

/// One draft (or error) per non-blank line; `first_line` is the 1-based number of the first
/// line of `text` in the whole input, so errors name the right line of a chunk.
pub(crate) fn read(input: &str, text: &str, first_line: usize) -> Vec<Result<Draft, IngestError>> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    lines
        .into_par_iter()
        .map(|(i, line)| record(input, first_line + i, line))
        .collect()
}

fn record(input: &str, line: usize, raw: &str) -> Result<Draft, IngestError> {
    let bad = |message: String| IngestError::BadRecord {
        input: input.to_string(),
        line,
        message,
    };
    let value: Value =
        serde_json::from_str(raw).map_err(|e| bad(format!("malformed JSON: {e}")))?;
    let Value::Object(mut obj) = value else {
        return Err(bad("a record must be a JSON object".into()));
    };
    let source = SourceRef {
        input: input.to_string(),
        record: Some(line),
    };
    let body = if let Some(text) = take_string(&mut obj, "text").filter(|t| !t.trim().is_empty()) {
        Body::Text(text)
    } else if let Some(page) = take_string(&mut obj, "html").filter(|t| !t.trim().is_empty()) {
        html::body_of(&source.to_string(), &page)?
    } else {
        return Err(bad("the record has no \"text\" or \"html\"".into()));
    };
    let mut draft = Draft::new(source, body);
    draft.title = take_string(&mut obj, "title");
    draft.headline_in_body = draft.title.is_none();
    draft.url = take_string(&mut obj, "url");
    draft.outlet = take_string(&mut obj, "outlet");
    draft.byline = take_string(&mut obj, "byline").or_else(|| take_string(&mut obj, "author"));
    draft.language = take_string(&mut obj, "language");
    if let Some(published) = take_string(&mut obj, "published") {
        draft.published = dates::parse(&published).map_err(|()| IngestError::BadDate {
            input: draft.source.to_string(),
            value: published.clone(),
        })?;
    }
    if let Some(id) = obj.remove("id").filter(|v| !v.is_null()) {
        draft.metadata.insert("source_id".into(), id);
    }
    for (k, v) in obj {
        if !KNOWN.contains(&k.as_str()) && !v.is_null() {
            draft.metadata.insert(k, v);
        }
    }
    Ok(draft)
}

/// Removes a field and returns it as a string (numbers are written out; null is none).
fn take_string(obj: &mut Map<String, Value>, key: &str) -> Option<String> {
    match obj.remove(key)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_bad_lines() {
        let text = concat!(
            r#"{"id": "1_10ecb", "url": null, "outlet": "People", "title": "T", "text": "Body.", "gold_story": "1"}"#,
            "\n\n",
            "{not json\n",
            r#"{"title": "no body"}"#,
            "\n",
            r#"{"text": "x", "published": "someday"}"#,
        );
        let out = read("a.jsonl", text, 1);
        assert_eq!(out.len(), 4);
        let d = out[0].as_ref().unwrap();
        assert_eq!(d.outlet.as_deref(), Some("People"));
        assert_eq!(d.metadata["gold_story"], "1");
        assert_eq!(d.metadata["source_id"], "1_10ecb");
        let e = out[1].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("a.jsonl: line 3: malformed JSON"), "{e}");
        let e = out[2].as_ref().unwrap_err().to_string();
        assert!(e.contains("line 4") && e.contains("no \"text\""), "{e}");
        let e = out[3].as_ref().unwrap_err().to_string();
        assert_eq!(e, "a.jsonl:5: invalid date \"someday\"");
    }
}
