//! Direct quotes: opening and closing marks paired within a paragraph, each quote attributed
//! to the source next to it (`“...,” said X`, `“...,” X said`, `X said: “...”`), else to the
//! sentence's named subject, else continuing the speaker of the paragraph's previous quote.

use std::sync::LazyLock;

use crosscheck_model::{Quote, Sentence, Span};
use regex::Regex;

use super::source::{self, CUE, CUE_FIRST};
use super::Speaker;

/// A sentence's named subject: two or more capitalised words ("President Zelenskiy").
pub(super) static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?:[A-Z](?:\.|[\p{L}\-]*(?:['’]s)?)[ \t]+){1,4}[A-Z][\p{L}\-]*(?:[ \t]+[a-z]{3,}s\b)?",
    )
});

/// One pair of marks: the opening mark's start, the words' start and end, the closing mark's
/// end.
pub(super) type Pair = (usize, usize, usize, usize);

/// Opening and closing marks paired within each paragraph; unpaired marks are dropped. Curly
/// marks, straight ones, and doubled apostrophes (`''`, as some papers print them).
pub(super) fn pairs(text: &str) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut prev = ' ';
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let doubled = c == '\'' && bytes.get(i + 1) == Some(&b'\'');
        if doubled {
            chars.next();
        }
        let width = if doubled { 2 } else { c.len_utf8() };
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let straight = c == '"' || doubled;
        let straight_opens =
            straight && (prev.is_whitespace() || "([—–-".contains(prev)) && !next.is_whitespace();
        if c == '\n' && next == '\n' {
            open = None; // quotes do not run across paragraphs here
        } else if c == '“' || straight_opens && open.is_none() {
            open = Some((i, i + width));
        } else if c == '”' || straight {
            if let Some((o, inner)) = open.take() {
                out.push((o, inner, i, i + width));
            }
        }
        prev = if doubled { '\'' } else { c };
    }
    out
}

pub(super) fn sentence_at(sentences: &[Sentence], pos: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.span.end <= pos);
    sentences
        .get(i)
        .filter(|s| s.span.start <= pos && pos < s.span.end)
        .map(|_| i)
}

/// The direct quotes of an article, with the mark pairs they come from.
pub(super) fn find(text: &str, sentences: &[Sentence], pairs: &[Pair]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    for &(open, inner, close_inner, close) in pairs {
        let content =
            text[inner..close_inner].trim_matches(|c: char| c.is_whitespace() || c == ',');
        if content.split_whitespace().count() < 2 && !content.chars().any(char::is_alphabetic) {
            continue;
        }
        let Some(si) = sentence_at(sentences, open).or_else(|| sentence_at(sentences, inner))
        else {
            continue;
        };
        let sentence = &sentences[si];
        let end_si = sentence_at(sentences, close_inner).unwrap_or(si);
        let after = &text[close..sentences[end_si].span.end.max(close)];
        let before = &text[sentence.span.start..open];
        let (speaker, cue) = attribute_after(after, close)
            .or_else(|| attribute_before(before, sentence.span.start))
            .map(|(s, c)| (Some(s), Some(c)))
            .or_else(|| attribute_next(text, sentences, end_si, after))
            .or_else(|| attribute_colon(text, sentences, si, before))
            .or_else(|| attribute_label(before, sentence.span.start))
            .or_else(|| named_subject(before, sentence.span.start).map(|s| (Some(s), None)))
            .unwrap_or((None, None));
        // A quote with no source of its own continues the paragraph's speaker later
        // ([`super::find`]), once the indirect attributions have lent theirs: `“A” in the
        // bill, he said.`
        let words = &text[inner..close_inner];
        let offset = inner
            + (words.len()
                - words
                    .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
                    .len());
        out.push(Quote {
            span: Span::new(offset, offset + content.len()),
            sentence: si,
            direct: true,
            speaker: speaker.as_ref().map(|s| s.text.clone()),
            speaker_span: speaker.map(|s| s.span),
            speaker_name: None,
            cue,
        });
    }
    out
}

fn cue_text(cue: &str) -> String {
    cue.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `, said Andriy Kovalenko` or `, the ministers said` right after a closing mark.
fn attribute_after(after: &str, base: usize) -> Option<(Speaker, String)> {
    if let Some(c) = CUE_FIRST.captures(after) {
        let cue = c.name("cue").expect("cue group");
        let rest = &after[cue.end()..];
        if let Some((s, e, _)) = source::after(rest) {
            let at = base + cue.end();
            return Some((Speaker::new(&rest[s..e], at + s), cue_text(cue.as_str())));
        }
    }
    const NEAR: usize = 160;
    let Some(c) = CUE
        .captures_iter(after)
        .take_while(|c| c.get(0).is_some_and(|m| m.start() < NEAR))
        .find(|c| c.name("verb").is_some())
    else {
        let (s, e, v0, v1) = source::loose_cue(after)?;
        return Some((
            Speaker::new(&after[s..e], base + s),
            after[v0..v1].to_string(),
        ));
    };
    let cue = c.get(0).expect("match");
    let prefix = &after[..cue.start()];
    let (s, e) = source::before(prefix)?;
    // Only punctuation between the closing mark and the source.
    if prefix[..s].chars().any(char::is_alphanumeric) {
        return None;
    }
    Some((
        Speaker::new(&prefix[s..e], base + s),
        cue_text(cue.as_str()),
    ))
}

/// A quote closing its sentence, attributed at the start of the next one in the paragraph:
/// `“... paid!” LeVell declared.`
fn attribute_next(
    text: &str,
    sentences: &[Sentence],
    si: usize,
    after: &str,
) -> Option<(Option<Speaker>, Option<String>)> {
    if !after.trim().is_empty() {
        return None;
    }
    let (this, next) = (sentences.get(si)?, sentences.get(si + 1)?);
    if next.paragraph != this.paragraph {
        return None;
    }
    let words = &text[next.span.start..next.span.end];
    let (s, e, v0, v1) = source::loose_cue(words)?;
    Some((
        Some(Speaker::new(&words[s..e], next.span.start + s)),
        Some(words[v0..v1].to_string()),
    ))
}

/// A quote opening its sentence after one ending in a colon: `Trump told the crowd: “...”`.
fn attribute_colon(
    text: &str,
    sentences: &[Sentence],
    si: usize,
    before: &str,
) -> Option<(Option<Speaker>, Option<String>)> {
    if !before.trim().is_empty() || si == 0 {
        return None;
    }
    let prev = &sentences[si - 1];
    let words = text[prev.span.start..prev.span.end].trim_end();
    if !words.ends_with(':') || prev.paragraph + 1 < sentences[si].paragraph {
        return None;
    }
    attribute_before(words, prev.span.start)
        .map(|(s, c)| (Some(s), Some(c)))
        .or_else(|| named_subject(words, prev.span.start).map(|s| (Some(s), None)))
}

/// A name introducing a quote with a colon: `Philip Bump: “Two weeks ago ...”`.
fn attribute_label(before: &str, base: usize) -> Option<(Option<Speaker>, Option<String>)> {
    let head = before.trim_end().strip_suffix(':')?;
    let (s, e) = source::before(head)?;
    let name = &head[s..e];
    (name.starts_with(char::is_uppercase) && name.split_whitespace().count() <= 4)
        .then(|| (Some(Speaker::new(name, base + s)), Some(":".to_string())))
}

/// `X said the developments opened “...”` or `X said: “...”` before an opening mark; `X
/// defended it, saying, “...”`: the clause's subject.
fn attribute_before(before: &str, base: usize) -> Option<(Speaker, String)> {
    let mut last: Option<(Speaker, String)> = None;
    for c in CUE
        .captures_iter(before)
        .filter(|c| c.name("acc").is_none())
    {
        let cue = c.get(0).expect("match");
        let prefix = &before[..cue.start()];
        let found = if source::is_participle(&c) {
            // `X said that “...,” adding “...”`: the participle continues the last speaker.
            let Some(lead) = prefix
                .trim_end()
                .trim_end_matches(['”', '"', '\'', '’'])
                .strip_suffix(',')
            else {
                continue;
            };
            source::participle_speaker(lead)
                .filter(|&(s, _)| !lead[..s].contains(['“', '"']))
                .map(|(s, e)| Speaker::new(&prefix[s..e], base + s))
                .or_else(|| last.take().map(|(s, _)| s))
        } else {
            source::before_or_shared(prefix)
                .map(|(s, e)| Speaker::new(&prefix[s..e], base + s))
                .or_else(|| {
                    // `X said A and added “...”`: the second verb shares the first's subject.
                    let lead = prefix.trim_end().trim_end_matches(['”', '"', ',']);
                    let shared = [" and", " but", " then"].iter().any(|c| lead.ends_with(c));
                    shared
                        .then(|| last.as_ref().map(|(s, _)| s.clone()))
                        .flatten()
                })
        };
        if let Some(speaker) = found {
            last = Some((speaker, cue_text(cue.as_str())));
        }
    }
    last
}

/// The subject of the clause a partial quote stands in: `Clinton blamed the “fog of war”`.
fn named_subject(before: &str, base: usize) -> Option<Speaker> {
    let (s, e) = source::subject(before)?;
    Some(Speaker::new(&before[s..e], base + s))
}
