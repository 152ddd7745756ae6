//! Text normalisation: Unicode NFC, one space between words, and paragraphs recovered from
//! blank lines, one-paragraph-per-line text, or hard-wrapped wire copy.
//!
//! The joined result (paragraphs separated by a blank line) is the article's clean text, the
//! string every later byte span points into.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Splits raw text into normalised paragraphs, unwrapping hard-wrapped lines.
pub fn paragraphs(raw: &str) -> Vec<String> {
    let lines: Vec<Line> = raw.lines().map(Line::new).collect();
    let wrapped = looks_hard_wrapped(&lines);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev: Option<&Line> = None;
    for line in &lines {
        if line.text.is_empty() {
            flush(&mut current, &mut out);
            prev = None;
            continue;
        }
        let joins = prev.is_some_and(|p| continues(p, line, wrapped));
        if !joins {
            flush(&mut current, &mut out);
        } else {
            current.push(' ');
        }
        current.push_str(&line.text);
        prev = Some(line);
    }
    flush(&mut current, &mut out);
    out
}

/// Normalises one run of inline text (a title, a byline): NFC and single spaces.
pub fn inline(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in clean_chars(raw).split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Joins paragraphs into clean text.
pub fn join(paragraphs: &[String]) -> String {
    paragraphs.join("\n\n")
}

struct Line {
    indent: usize,
    text: String,
}

impl Line {
    fn new(raw: &str) -> Self {
        let indent = raw.len() - raw.trim_start().len();
        Self {
            indent,
            text: inline(raw),
        }
    }

    fn ends_sentence(&self) -> bool {
        self.text
            .ends_with(['.', '!', '?', ':', '"', '\u{201d}', '\u{2019}', ')', ';'])
    }
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
    }
}

/// Whether `next` continues the paragraph that `prev` belongs to.
fn continues(prev: &Line, next: &Line, wrapped: bool) -> bool {
    let starts_lower = next
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    if wrapped {
        // Wire copy marks a new paragraph with indentation; a short line that ends a sentence
        // also ends its paragraph.
        let indented = next.indent >= 2 && next.indent > prev.indent;
        let short_end = prev.ends_sentence() && prev.text.chars().count() < 45;
        !indented && !short_end
    } else {
        !prev.ends_sentence() && starts_lower
    }
}

/// Hard-wrapped text: most lines of similar, terminal-like width, many ending mid-sentence.
fn looks_hard_wrapped(lines: &[Line]) -> bool {
    let lengths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| l.text.chars().count())
        .collect();
    if lengths.len() < 6 {
        return false;
    }
    let mut sorted = lengths.clone();
    sorted.sort_unstable();
    let p90 = sorted[sorted.len() * 9 / 10];
    let mid_sentence = lines
        .iter()
        .filter(|l| !l.text.is_empty() && !l.ends_sentence())
        .count();
    p90 <= 90 && mid_sentence * 2 >= lengths.len()
}

/// NFC, with invisible characters dropped and odd spaces made plain. Most lines need neither,
/// and are borrowed as they are.
fn clean_chars(raw: &str) -> Cow<'_, str> {
    let plain = raw.chars().all(|c| replacement(c) == Some(c));
    if plain && is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.nfc().filter_map(replacement).collect())
}

/// What a character becomes in clean text: dropped, a plain space, or itself.
fn replacement(c: char) -> Option<char> {
    match c {
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => None,
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => Some(' '),
        c if c.is_control() && c != '\n' && c != '\t' => Some(' '),
        c => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_paragraphs_in_unwrapped_text() {
        let p = paragraphs("Headline here\nFirst   paragraph.\r\n\r\n\nSecond one.\n");
        assert_eq!(p, ["Headline here", "First paragraph.", "Second one."]);
    }

    #[test]
    fn broken_line_mid_sentence_is_joined() {
        let p = paragraphs("The minister said that\nthe talks would go on.\nNext paragraph.");
        assert_eq!(
            p,
            [
                "The minister said that the talks would go on.",
                "Next paragraph."
            ]
        );
    }

    #[test]
    fn hard_wrapped_wire_copy_is_unwrapped() {
        let raw = "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects for the coming temporao,\nalthough normal humidity levels have not been restored,\nComissaria Smith said in its weekly review.\n    The dry period means the temporao will be late this year.\nArrivals for the week ended February 22 were 155,221 bags\nof 60 kilos making a cumulative total for the season of 5.93\nmln against 5.81 at the same stage last year.\n";
        let p = paragraphs(raw);
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(p[0].starts_with("Showers continued throughout the week in the Bahia"));
        assert!(p[1].starts_with("The dry period"));
        assert!(p[1].ends_with("same stage last year."));
    }

    #[test]
    fn unicode_is_composed_and_invisibles_dropped() {
        let p = paragraphs("Zelenskyy\u{200b} visited Kyi\u{0301}v\u{a0}today.");
        assert_eq!(p, ["Zelenskyy visited Kyív today."]);
    }
}
