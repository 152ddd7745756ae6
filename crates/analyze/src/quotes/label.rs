//! Transcript and headline labels: a name before a colon opening a paragraph (`PENCE: ...`,
//! `Sanders: Clinton needs to ...`) is the speaker of the words after it.

use crosscheck_model::Sentence;

use super::indirect::{words, Found, MIN_CONTENT_WORDS};
use super::lexicon::is_weekday;

/// Labels that introduce no speaker: "Update: ...", "Photo: ...".
const NOT_SPEAKERS: &[&str] = &[
    "update",
    "updated",
    "note",
    "notes",
    "related",
    "watch",
    "read",
    "photo",
    "photos",
    "video",
    "source",
    "sources",
    "correction",
    "clarification",
    "image",
    "advertisement",
    "listen",
    "transcript",
    "more",
    "also",
    "q",
    "a",
    "question",
    "answer",
    "warning",
    "disclosure",
    "abstract",
    "background",
    "why",
    "what",
    "how",
    "when",
    "where",
    "here",
    "tags",
    "topics",
    "credit",
    "contact",
    "email",
    "follow",
    "share",
    "subscribe",
    "see",
    "click",
    "location",
    "date",
    "time",
    "editor's",
    "editor’s",
    "full",
    "the",
    "breaking",
    "exclusive",
    "live",
    "today",
];

/// A name labelling a paragraph's words, as transcripts and headlines print them: `PENCE:
/// Gennifer Flowers will not be at the debate`, `Sanders: Clinton needs to ...`.
pub(super) fn find(text: &str, s: &Sentence) -> Option<Found> {
    const MAX_WORDS: usize = 5;
    let opens_paragraph = text[..s.span.start]
        .trim_end_matches([' ', '\t'])
        .ends_with('\n')
        || text[..s.span.start].trim().is_empty();
    if !opens_paragraph {
        return None;
    }
    let sentence = &text[s.span.start..s.span.end];
    let start = sentence.len()
        - sentence
            .trim_start_matches(|c: char| c.is_whitespace() || "\"“‘'".contains(c))
            .len();
    let colon = sentence[start..].find(':').map(|i| start + i)?;
    let head = sentence[start..colon].trim_end();
    let rest = &sentence[colon + 1..];
    let n = head.split_whitespace().count();
    let name_like = (1..=MAX_WORDS).contains(&n)
        && head.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
        })
        && !head
            .split_whitespace()
            .next()
            .is_some_and(|w| NOT_SPEAKERS.contains(&w.to_lowercase().as_str()) || is_weekday(w));
    if !name_like || !rest.starts_with([' ', '\u{a0}']) || words(rest) < MIN_CONTENT_WORDS {
        return None;
    }
    Some(Found {
        speaker: (start, start + head.len()),
        cue: ":".to_string(),
        claim: (start, colon + 1),
        content: (colon + 1, sentence.len()),
        noun: false,
    })
}
