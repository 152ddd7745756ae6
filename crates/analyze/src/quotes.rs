//! Quotes and attributed claims: direct quotes between quotation marks (whole or partial,
//! across sentences of a paragraph) and indirect ones ("X said (that) ...", "..., officials
//! said.", "according to X"), each with its speaker as written and its cue verb. A stray
//! closing mark makes no quote; a quote without a cue in its sentence takes the sentence's
//! named subject, or continues the previous paragraph's speaker.

use std::sync::LazyLock;

use crosscheck_model::{Quote, Sentence, Span};
use regex::Regex;

const CUES: &str = r"said|says|say|told|tells|added|adds|asked|warned|warns|stated|states|announced|declared|claimed|claims|insisted|noted|explained|wrote|tweeted|confirmed|confirms|denied|denies|admitted|admits|acknowledged|argued|stressed|urged|replied|reported|disclosed|asserted|asserting|stating|saying|suggested|condemned|condemns|insists|believes|predicted|estimated|downplayed|dismissed|rejected|refuted|disputed|accused|believe|think|thinks|thought|argue|argues|contended|contends|alleged|alleges|maintained|maintains|acknowledges|notes|recalled|writes|wrote|indicated|signaled|signalled|testified|vowed|promised|pledged|threatened|hopes|hoped|expects|expected|fears|feared|learned|reports|revealed|showed|shows|found|finds|concluded|concludes|announces|declares|explains|adds|agreed|agrees|complained|complains|conceded|concedes|emphasized|emphasised|observed|pointed\s+out|points\s+out|made\s+clear|knows|knew|worried|believed";

// A name, optionally with a plural noun ("South Korean officials"); the noun has four letters
// or more, so "has" and "was" never join a name.
const PROPER: &str =
    r"(?:[A-Z](?:\.|[\p{L}\-]*\.?(?:['’]s)?)[ \t]+){0,5}[A-Z][\p{L}\-]*(?:[ \t]+[a-z]{3,}s\b)?";
const DETERMINED: &str = r"(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Bb]oth|[Ss]ome|[Oo]ther|[Tt]hese|[Tt]hose|[Aa]nother|[Mm]any|[Ss]everal|[Aa]n?)[ \t]+(?:[\p{L}\-’']+[ \t]+){0,3}[\p{L}\-]+";
const PRONOUN: &str = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)";

fn np() -> String {
    format!("(?:{PROPER}|{DETERMINED}|{PRONOUN})")
}

/// `, said Andriy Kovalenko` right after a closing mark.
static CUE_THEN_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(&format!(r"^\s*,?\s*(?P<cue>{CUES})\s+(?P<sp>{})", np()))
});
/// `, the ministers said` right after a closing mark.
static SPEAKER_THEN_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(&format!(
        r"^\s*,?\s*(?P<sp>{})\s+(?:has\s+|have\s+|had\s+)?(?P<cue>{CUES})\b",
        np()
    ))
});
/// `Zelenskiy said the developments ... opened` before an opening mark, or an indirect quote.
static SPEAKER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(&format!(
        r"(?P<sp>{})\s+(?:has\s+|have\s+|had\s+)?(?P<cue>{CUES})\b",
        np()
    ))
});
/// `..., officials said.` closing a sentence.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    // Bare plurals are speakers here too ("officials", "security sources").
    let speaker = format!(r"(?:{}|(?:[a-z]+\s+)?[a-z]+s)", np());
    crate::pattern::compile(&format!(
        r",\s+(?P<sp>{speaker})\s+(?:has\s+|have\s+|had\s+)?(?P<cue>{CUES})(?:\s+on\s+\w+)?\s*\.$"
    ))
});
static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(&format!(r"(?P<cue>[Aa]ccording\s+to)\s+(?P<sp>{})", np()))
});
/// A sentence's named subject: two or more capitalised words ("President Zelenskiy").
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?:[A-Z](?:\.|[\p{L}\-]*(?:['’]s)?)[ \t]+){1,4}[A-Z][\p{L}\-]*(?:[ \t]+[a-z]{3,}s\b)?",
    )
});

/// A speaker found in the text.
#[derive(Clone)]
struct Speaker {
    text: String,
    span: Span,
}

/// The quotes of an article, in reading order.
pub fn find(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let mut quotes = direct(text, sentences);
    let quoted: Vec<usize> = quotes.iter().map(|q| q.sentence).collect();
    for (i, s) in sentences.iter().enumerate() {
        let sentence_has_marks =
            quoted.contains(&i) || text[s.span.start..s.span.end].contains(['“', '”', '"']);
        if !sentence_has_marks {
            if let Some(q) = indirect(text, s, i) {
                quotes.push(q);
            }
        }
    }
    quotes.sort_by_key(|q| q.span.start);
    for q in &mut quotes {
        q.speaker_name = q
            .speaker
            .as_deref()
            .zip(q.speaker_span)
            .and_then(|(s, span)| resolve(text, s, span.start));
    }
    quotes
}

const PRONOUNS: &[&str] = &["he", "she", "him", "her"];

/// The name a speaker refers to: itself when it is a name, else the nearest earlier name that
/// fits a pronoun ("he") or carries the role ("the president" → "President Zelenskiy").
fn resolve(text: &str, speaker: &str, at: usize) -> Option<String> {
    let lower = speaker.to_lowercase();
    let role = lower
        .strip_prefix("the ")
        .filter(|r| !r.contains(' ') && !r.ends_with('s'));
    if !PRONOUNS.contains(&lower.as_str()) && role.is_none() {
        // Already a name, or a group ("the ministers", "South Korean officials").
        let full_name = NAMED
            .find(speaker)
            .is_some_and(|m| m.len() == speaker.len());
        return (full_name && is_person_like(speaker)).then(|| speaker.to_string());
    }
    let before = &text[..at];
    NAMED
        .find_iter(before)
        .map(|m| m.as_str())
        .filter(|name| is_person_like(name))
        .filter(|name| role.is_none_or(|r| name.to_lowercase().split_whitespace().any(|w| w == r)))
        .last()
        .map(str::to_string)
}

/// Two or more capitalised words that do not name a place or a group: "Andriy Kovalenko",
/// "President Zelenskiy"; not "North Korean", "South Korean officials", "Security Council".
fn is_person_like(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    let starts_upper = last.starts_with(char::is_uppercase);
    let institution = [
        "Council",
        "Ministry",
        "Department",
        "Agency",
        "Union",
        "Nations",
        "Forces",
        "Army",
        "Party",
        "Committee",
    ];
    starts_upper
        && crate::names::place(name).is_none()
        && crate::names::place(last).is_none()
        && !institution.contains(&last)
}

/// Opening and closing marks paired within each paragraph; unpaired marks are dropped.
fn pairs(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let straight_opens =
            c == '"' && (prev.is_whitespace() || "([—–-".contains(prev)) && !next.is_whitespace();
        if c == '\n' && next == '\n' {
            open = None; // quotes do not run across paragraphs here
        } else if c == '“' || straight_opens && open.is_none() {
            open = Some((i, i + c.len_utf8()));
        } else if c == '”' || c == '"' {
            if let Some((o, inner)) = open.take() {
                out.push((o, inner, i, i + c.len_utf8()));
            }
        }
        prev = c;
    }
    out
}

fn sentence_at(sentences: &[Sentence], pos: usize) -> Option<usize> {
    sentences
        .iter()
        .position(|s| s.span.start <= pos && pos < s.span.end)
}

fn direct(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut last_speaker: Option<(usize, Speaker)> = None; // (paragraph, speaker)
    for (open, inner, close_inner, close) in pairs(text) {
        let raw = &text[inner..close_inner];
        let edge = |c: char| c.is_whitespace() || c == ',';
        let content = raw.trim_matches(edge);
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
            .or_else(|| named_subject(before, sentence.span.start).map(|s| (Some(s), None)))
            .unwrap_or((None, None));
        let whole_paragraph =
            before.trim().is_empty() && after.trim().trim_end_matches('.').is_empty();
        let speaker = speaker.or_else(|| {
            // A quote standing alone in its paragraph continues the previous speaker.
            let (paragraph, s) = last_speaker.as_ref()?;
            (whole_paragraph && sentence.paragraph <= paragraph + 1).then(|| s.clone())
        });
        if let Some(s) = &speaker {
            last_speaker = Some((sentence.paragraph, s.clone()));
        }
        let offset = inner + (raw.len() - raw.trim_start_matches(edge).len());
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

/// Words that open a clause, not a name: "While Ukraine claims" has the speaker "Ukraine".
const CLAUSE_OPENERS: &[&str] = &[
    "While",
    "When",
    "As",
    "If",
    "But",
    "And",
    "In",
    "On",
    "After",
    "Before",
    "Although",
    "Though",
    "Because",
    "Since",
    "Yet",
    "So",
    "Meanwhile",
    "However",
];

fn speaker_of(caps: &regex::Captures<'_>, base: usize) -> (Speaker, String) {
    let sp = caps.name("sp").expect("speaker group");
    let mut text = sp.as_str().trim();
    let mut start = sp.start();
    while let Some((first, rest)) = text.split_once(' ') {
        if !CLAUSE_OPENERS.contains(&first) {
            break;
        }
        start += first.len() + 1;
        text = rest.trim_start();
    }
    let speaker = Speaker {
        text: text.to_string(),
        span: Span::new(base + start, base + start + text.len()),
    };
    let cue = caps.name("cue").expect("cue group").as_str();
    (
        speaker,
        cue.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

fn attribute_after(after: &str, base: usize) -> Option<(Speaker, String)> {
    CUE_THEN_SPEAKER
        .captures(after)
        .or_else(|| SPEAKER_THEN_CUE.captures(after))
        .map(|c| speaker_of(&c, base))
}

fn attribute_before(before: &str, base: usize) -> Option<(Speaker, String)> {
    SPEAKER_CUE
        .captures_iter(before)
        .last()
        .map(|c| speaker_of(&c, base))
}

fn named_subject(before: &str, base: usize) -> Option<Speaker> {
    let m = NAMED.find(before)?;
    Some(Speaker {
        text: m.as_str().to_string(),
        span: Span::new(base + m.start(), base + m.end()),
    })
}

/// "X said (that) ...", "..., officials said.", "according to X, ...".
fn indirect(text: &str, s: &Sentence, index: usize) -> Option<Quote> {
    let sentence = &text[s.span.start..s.span.end];
    let base = s.span.start;
    let quote = |speaker: Speaker, cue: String, start: usize, end: usize| {
        let raw = &sentence[start..end];
        let body = raw.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        let lead = raw.len() - body.len();
        let content = body.trim_end().trim_end_matches(['.', ',']).trim_end();
        (content.split_whitespace().count() >= 3).then(|| Quote {
            span: Span::new(base + start + lead, base + start + lead + content.len()),
            sentence: index,
            direct: false,
            speaker: Some(speaker.text),
            speaker_span: Some(speaker.span),
            speaker_name: None,
            cue: Some(cue),
        })
    };
    if let Some(c) = TRAILING.captures(sentence) {
        let whole = c.get(0).expect("match");
        let (speaker, cue) = speaker_of(&c, base);
        return quote(speaker, cue, 0, whole.start());
    }
    if let Some(c) = ACCORDING.captures(sentence) {
        let whole = c.get(0).expect("match");
        let (speaker, cue) = speaker_of(&c, base);
        let (start, end) = if whole.start() < sentence.len() / 2 {
            (whole.end(), sentence.len())
        } else {
            (0, whole.start())
        };
        return quote(speaker, cue, start, end);
    }
    // The speaker must open the sentence (after an optional lead-in like "On Tuesday,").
    // At the start, or after a clause break (",", ";", "and", "but"); not inside a clause
    // ("the troops that officials said were ...").
    let c = SPEAKER_CUE.captures_iter(sentence).find(|c| {
        let lead = sentence[..c.name("sp").expect("speaker").start()].trim_end();
        lead.is_empty()
            || lead.ends_with([',', ';', ':'])
            || lead.ends_with(" and")
            || lead.ends_with(" but")
    })?;
    let whole = c.get(0).expect("match");
    let rest = &sentence[whole.end()..];
    let skip = content_start(rest);
    let (speaker, cue) = speaker_of(&c, base);
    quote(speaker, cue, whole.end() + skip, sentence.len())
}

/// Where the reported clause starts after a cue: after a "that" within the next few words
/// ("told reporters on Tuesday that ..."), else right after the cue.
fn content_start(rest: &str) -> usize {
    const MAX_WORDS_BEFORE_THAT: usize = 8;
    let mut pos = 0;
    for (i, word) in rest.split_inclusive(char::is_whitespace).enumerate() {
        if i > MAX_WORDS_BEFORE_THAT || word.contains(['.', ';', '“', '"']) {
            break;
        }
        pos += word.len();
        if word.trim() == "that" {
            return pos;
        }
    }
    rest.len() - rest.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        let (sentences, _) = crate::sentences::split(text);
        find(text, &sentences)
            .into_iter()
            .map(|q| {
                (
                    q.span.slice(text).unwrap().to_string(),
                    q.speaker,
                    q.cue,
                    q.direct,
                )
            })
            .collect()
    }

    #[test]
    fn cue_after_the_quote() {
        let q = quotes("\u{201c}The first shelling has already taken place,\u{201d} said Andriy Kovalenko, head of the department.");
        assert_eq!(q[0].0, "The first shelling has already taken place");
        assert_eq!(q[0].1.as_deref(), Some("Andriy Kovalenko"));
        assert_eq!(q[0].2.as_deref(), Some("said"));
        let q = quotes("\u{201c}It would signal a dangerous escalation,\u{201d} the ministers said in a statement. \u{201d} he said.");
        assert_eq!(q.len(), 1, "the stray closing mark makes no quote: {q:?}");
        assert_eq!(q[0].1.as_deref(), Some("the ministers"));
    }

    #[test]
    fn partial_quotes_take_the_speaker_before_them() {
        let q = quotes("Ukrainian President Volodymyr Zelenskiy said the developments opened \u{201c}a new page of global instability.\u{201d}");
        assert_eq!(q[0].0, "a new page of global instability.");
        assert_eq!(
            q[0].1.as_deref(),
            Some("Ukrainian President Volodymyr Zelenskiy")
        );
        let q = quotes("South Korean officials have downplayed the encounters, asserting that there was no direct combat but rather an \u{201c}incident\u{201d} near the front.");
        assert_eq!(q[0].1.as_deref(), Some("South Korean officials"));
    }

    #[test]
    fn a_lone_quote_paragraph_continues_the_speaker() {
        let text = "In his nightly address, President Zelenskiy thanked allies, \u{201c}not just in words.\u{201d}\n\n\u{201c}The first battle opens a new chapter in global instability.\u{201d}";
        let q = quotes(text);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].1.as_deref(), Some("President Zelenskiy"));
        assert_eq!(q[1].1.as_deref(), Some("President Zelenskiy"));
        assert_eq!(q[1].2, None);
    }

    #[test]
    fn pronouns_and_roles_resolve_to_the_nearest_fitting_name() {
        let text = "Andriy Kovalenko, head of the department, spoke to reporters. He said troops fired on soldiers near Kursk.\n\nPresident Volodymyr Zelenskiy thanked allies. The president said that Ukraine \u{201c}must do everything to win.\u{201d}";
        let (sentences, _) = crate::sentences::split(text);
        let q = find(text, &sentences);
        assert_eq!(q[0].speaker.as_deref(), Some("He"));
        assert_eq!(q[0].speaker_name.as_deref(), Some("Andriy Kovalenko"));
        assert_eq!(q[1].speaker.as_deref(), Some("The president"));
        assert_eq!(
            q[1].speaker_name.as_deref(),
            Some("President Volodymyr Zelenskiy")
        );
        let q = quotes_named("Troops crossed the border, South Korean officials said.");
        assert_eq!(q, [None], "a group is not resolved to a person");
    }

    fn quotes_named(text: &str) -> Vec<Option<String>> {
        let (sentences, _) = crate::sentences::split(text);
        find(text, &sentences)
            .into_iter()
            .map(|q| q.speaker_name)
            .collect()
    }

    #[test]
    fn indirect_quotes() {
        let q =
            quotes("Another Kiev official said troops fired on North Korean soldiers in Kursk.");
        assert_eq!(
            q[0],
            (
                "troops fired on North Korean soldiers in Kursk".into(),
                Some("Another Kiev official".into()),
                Some("said".into()),
                false
            )
        );
        let q = quotes("Troops crossed the border overnight, officials said.");
        assert_eq!(q[0].0, "Troops crossed the border overnight");
        assert_eq!(q[0].1.as_deref(), Some("officials"));
        let q = quotes("According to the ministry, 11,000 troops are in the region.");
        assert_eq!(q[0].1.as_deref(), Some("the ministry"));
        assert_eq!(q[0].0, "11,000 troops are in the region");
        assert!(quotes("The weather was cold and the roads were closed.").is_empty());
        let q =
            quotes("Kovalenko told reporters on Tuesday that the shelling had begun near Kursk.");
        assert_eq!(q[0].0, "the shelling had begun near Kursk");
        let q =
            quotes("While Ukraine claims it has fought these units, the reality is more complex.");
        assert_eq!(q[0].1.as_deref(), Some("Ukraine"));
        let q = quotes("Ukraine has reported its first clashes with North Korean troops.");
        assert_eq!(q[0].1.as_deref(), Some("Ukraine"));
    }
}
