//! Reads CoNLL-2003 style data (`token POS chunk tag` per line, a blank line between
//! sentences, `-DOCSTART-` between documents). Only the first and last columns are used: at
//! run time crosscheck has raw text, not part-of-speech tags.

use std::path::Path;

use crate::error::TaggerError;
use crate::tags::Tag;

/// A tagged sentence: one tag per word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens.
    pub words: Vec<String>,
    /// Their gold tags.
    pub tags: Vec<Tag>,
    /// Whether the sentence opens a new document (article); the tagger uses what a document
    /// says elsewhere about a word.
    pub starts_document: bool,
}

/// Groups sentences into documents at [`Sentence::starts_document`].
pub fn documents(sentences: &[Sentence]) -> Vec<&[Sentence]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=sentences.len() {
        if i == sentences.len() || sentences[i].starts_document {
            out.push(&sentences[start..i]);
            start = i;
        }
    }
    out
}

/// Parses CoNLL text; `input` names it in errors.
pub fn parse_conll(input: &str, text: &str) -> Result<Vec<Sentence>, TaggerError> {
    let mut sentences = Vec::new();
    let mut current = Sentence {
        words: Vec::new(),
        tags: Vec::new(),
        starts_document: true,
    };
    let mut new_document = false;
    for (n, line) in text.lines().enumerate() {
        let mut columns = line.split_whitespace();
        let Some(word) = columns.next() else {
            if !current.words.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence {
                        words: Vec::new(),
                        tags: Vec::new(),
                        starts_document: false,
                    },
                ));
            }
            continue;
        };
        if word == "-DOCSTART-" {
            new_document = true;
            continue;
        }
        if current.words.is_empty() && new_document {
            current.starts_document = true;
            new_document = false;
        }
        let bad = |message: &str| TaggerError::BadConll {
            input: input.to_owned(),
            line: n + 1,
            text: line.to_owned(),
            message: message.to_owned(),
        };
        let label = columns.next_back().ok_or_else(|| bad("no tag column"))?;
        let tag = Tag::from_conll(label).ok_or_else(|| bad("unknown tag"))?;
        current.words.push(word.to_owned());
        current.tags.push(tag);
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// Reads a CoNLL file.
pub fn read_conll(path: &Path) -> Result<Vec<Sentence>, TaggerError> {
    let text = std::fs::read_to_string(path).map_err(|source| TaggerError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_conll(&path.display().to_string(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::EntityKind;

    #[test]
    fn reads_sentences_and_skips_document_markers() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
        let sentences = parse_conll("t", text).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].words, ["EU", "rejects"]);
        assert_eq!(sentences[1].tags[1], Tag::Inside(EntityKind::Person));
        assert!(sentences[0].starts_document && !sentences[1].starts_document);
        assert_eq!(documents(&sentences).len(), 1);
    }

    #[test]
    fn reports_the_bad_line() {
        let err = parse_conll("t", "EU NNP B-NP B-ORG\nx y z B-FOO\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
