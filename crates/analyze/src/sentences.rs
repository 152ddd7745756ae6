//! Sentences and headings: paragraphs are split at sentence ends that are not abbreviations
//! (Mr., Gen., U.N., initials, decimals), and a short unpunctuated paragraph on a line of its own
//! is a section heading, not a sentence.

use crosscheck_model::{Heading, Sentence, Span};

/// Titles and abbreviations after which a period never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cpt", "maj", "adm",
    "cmdr", "sen", "rep", "gov", "pres", "gen", "rev", "hon", "st", "mt", "ft", "jr", "sr", "vs",
    "v", "cf", "fig", "approx", "dept", "est", "no", "nos", "vol", "pp", "ave", "blvd", "rd",
];

/// Abbreviations that may end a sentence too ("... Apple Inc. The company ..."): a period after
/// them ends one only when a typical sentence opener follows.
const MAYBE_FINAL: &[&str] = &[
    "inc", "corp", "ltd", "co", "llc", "plc", "bros", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m",
];

/// Words that commonly open a sentence, used after ambiguous abbreviations ("U.S.", "Inc.").
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "Meanwhile",
    "However",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "Some",
    "Many",
    "Officials",
    "Police",
];

const TERMINATORS: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &[
    '.', '!', '?', '…', '"', '\u{201d}', '\u{2019}', '\'', ')', ']', '»',
];
const OPENING: &[char] = &['"', '\u{201c}', '\u{2018}', '\'', '(', '[', '«'];

/// Splits clean text (paragraphs separated by blank lines) into sentences and headings.
pub fn split(text: &str) -> (Vec<Sentence>, Vec<Heading>) {
    let paragraphs = paragraph_spans(text);
    let last = paragraphs.len().saturating_sub(1);
    let mut sentences = Vec::new();
    let mut headings = Vec::new();
    for (index, &(start, end)) in paragraphs.iter().enumerate() {
        let p = &text[start..end];
        if index != last && is_heading(p) {
            headings.push(Heading {
                span: Span::new(start, end),
                paragraph: index,
            });
            continue;
        }
        for (s, e) in boundaries(p) {
            sentences.push(Sentence {
                span: Span::new(start + s, start + e),
                paragraph: index,
            });
        }
    }
    (sentences, headings)
}

/// Byte ranges of the non-empty paragraphs, trimmed.
fn paragraph_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for part in text.split("\n\n") {
        let lead = part.len() - part.trim_start().len();
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            out.push((pos + lead, pos + lead + trimmed.len()));
        }
        pos += part.len() + 2;
    }
    out
}

/// A heading: short, capitalised, not a finished sentence, not a quotation.
fn is_heading(p: &str) -> bool {
    const MAX_WORDS: usize = 14;
    const MAX_CHARS: usize = 110;
    let words = p.split_whitespace().count();
    let first = p.chars().next().unwrap_or(' ');
    let stripped = p.trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'', ')']);
    let finished = stripped.ends_with([',', ';', ':', '.', '!', '?', '…']);
    words <= MAX_WORDS
        && p.chars().count() <= MAX_CHARS
        && (first.is_uppercase() || first.is_ascii_digit())
        && !finished
        && !p.contains('\n')
}

/// Sentence byte ranges inside one paragraph, trimmed.
fn boundaries(p: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = p.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !TERMINATORS.contains(&c) {
            continue;
        }
        // The sentence runs on over further terminators and closing quotes or brackets.
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = chars.peek() {
            if !CLOSERS.contains(&n) {
                break;
            }
            end = j + n.len_utf8();
            chars.next();
        }
        let rest = &p[end..];
        let after = rest.trim_start();
        if after.len() == rest.len() || after.is_empty() {
            continue; // no space after it ("1.5", "words…but"), or the paragraph's end
        }
        let next_start = end + (rest.len() - after.len());
        if !starts_sentence(after) || (c == '.' && is_abbreviation(&p[..i], after)) {
            continue;
        }
        push_trimmed(p, start, end, &mut out);
        start = next_start;
    }
    push_trimmed(p, start, p.len(), &mut out);
    out
}

fn push_trimmed(p: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &p[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

fn starts_sentence(after: &str) -> bool {
    // Up to two opening marks: `“`, `("`, and the doubled apostrophe some papers print (`''`).
    let mut chars = after.chars().skip_while(|c| OPENING.contains(c));
    let marks = after.chars().take_while(|c| OPENING.contains(c)).count();
    marks <= 2
        && chars
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether the period ending `before` belongs to an abbreviation rather than ending a sentence.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let token: &str = before
        .rsplit(|c: char| c.is_whitespace() || OPENING.contains(&c))
        .next()
        .unwrap_or("");
    let lower = token.to_lowercase();
    let next_word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    let opener = OPENERS.contains(&next_word.as_str());
    if TITLES.contains(&lower.as_str()) {
        return true;
    }
    // A single capital is an initial ("John F. Kennedy").
    let mut letters = token.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    // Dotted acronyms ("U.S.", "U.N.") and abbreviations that can also end a sentence.
    if token.contains('.') || MAYBE_FINAL.contains(&lower.as_str()) {
        let digit_next = after.starts_with(|c: char| c.is_ascii_digit());
        return digit_next || !opener;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text)
            .0
            .iter()
            .map(|s| s.span.slice(text).unwrap())
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        let text = "Mr. Smith met Gen. Jones and John F. Kennedy Jr. at 3.5 p.m. in the U.N. Security Council. They left.";
        assert_eq!(texts(text), ["Mr. Smith met Gen. Jones and John F. Kennedy Jr. at 3.5 p.m. in the U.N. Security Council.", "They left."]);
    }

    #[test]
    fn an_acronym_can_end_a_sentence() {
        let text = "The troops were sent by the U.S. The decision was criticised. Apple Inc. said nothing.";
        assert_eq!(
            texts(text),
            [
                "The troops were sent by the U.S.",
                "The decision was criticised.",
                "Apple Inc. said nothing."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences_and_lowercase_continues_them() {
        let text = "\u{201c}We will fight,\u{201d} he said. \u{201c}It is over.\u{201d} Others disagreed! Why? \u{201c}No.\u{201d} he said.";
        assert_eq!(
            texts(text),
            [
                "\u{201c}We will fight,\u{201d} he said.",
                "\u{201c}It is over.\u{201d}",
                "Others disagreed!",
                "Why?",
                "\u{201c}No.\u{201d} he said."
            ]
        );
    }

    #[test]
    fn doubled_apostrophes_open_a_sentence() {
        let text = "He said it was good. ''Obama does not get along with Putin,'' he said.";
        assert_eq!(
            texts(text),
            [
                "He said it was good.",
                "''Obama does not get along with Putin,'' he said."
            ]
        );
        assert_eq!(texts("It ended. '''No' was all.").len(), 1, "three marks");
    }

    #[test]
    fn headings_are_not_sentences() {
        let text = "Troops engaged on Tuesday.\n\nWhat we know about engagement\n\nThe minister said so.\n\nG7 and others are concerned about \u{2018}dangerous escalation\u{2019}\n\n\u{201c}A quoted line.\u{201d}";
        let (sentences, headings) = split(text);
        let heads: Vec<&str> = headings
            .iter()
            .map(|h| h.span.slice(text).unwrap())
            .collect();
        assert_eq!(
            heads,
            [
                "What we know about engagement",
                "G7 and others are concerned about \u{2018}dangerous escalation\u{2019}"
            ]
        );
        assert_eq!(sentences.len(), 3);
        assert_eq!(sentences[2].paragraph, 4);
    }

    #[test]
    fn spans_are_in_range_and_on_boundaries() {
        let text = "Kyiv – a city.  Then “Zelenskyy” spoke…but briefly. 11,000 troops?\n\nLast one";
        let (sentences, _) = split(text);
        for s in &sentences {
            assert!(s.span.slice(text).is_some(), "{s:?}");
        }
        assert_eq!(
            texts(text),
            [
                "Kyiv – a city.",
                "Then “Zelenskyy” spoke…but briefly.",
                "11,000 troops?",
                "Last one"
            ]
        );
    }
}
