//! Cue words and source noun phrases: the reporting verbs that attribute words to a source,
//! and the noun phrase before a cue ("Nefzi, a chemistry professor, said"), or after one
//! ("said Lee Epstein", "according to the ministry"), found by scanning words without a parser.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{is_weekday, BETWEEN, CUES, GROUPS, OPENERS, PARTICIPLES, PRONOUNS, STOP};
use super::stance::THAT_CUE;
pub(super) use super::subject::{loose_cue, subject};

/// Any cue: a reporting verb, a participle, or "according to".
pub(super) static CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(&format!(
        r"\b(?:(?P<acc>[Aa]ccording\s+to)|(?P<part>{PARTICIPLES})|(?P<verb>{CUES})|(?P<that>{THAT_CUE}))\b"
    ))
});

/// A cue opening the text after a closing mark: `, said Andriy Kovalenko`.
pub(super) static CUE_FIRST: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(&format!(r"^[\s,]*(?P<cue>{CUES})\b")));

/// A reporting noun after its possessor, with its clause: "Trump's claim that ...", "her
/// insistence that ...".
pub(super) static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"\b(?P<sp>(?:[A-Z][\p{L}\-]*[ \t]+){0,3}[A-Z][\p{L}\-]*['’]s|[Hh]is|[Hh]er|[Tt]heir)[ \t]+(?:[a-z]+[ \t]+)?(?P<cue>claims?|statements?|remarks?|comments?|views?|arguments?|assertions?|belief|suggestion|insistence|announcement|accusations?|allegations?|warnings?|promises?|pledge|vows?|predictions?|assurances?|fears?|hopes?)[ \t]+that\b",
    )
});

/// The last whitespace-separated word of `s` and where it starts.
pub(super) fn last_word(s: &str) -> Option<(usize, &str)> {
    let t = s.trim_end();
    if t.is_empty() {
        return None;
    }
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some((start, &t[start..]))
}

pub(super) fn lower_in(word: &str, set: &[&str]) -> bool {
    word.len() <= 12 && {
        let mut buf = [0u8; 12];
        let bytes = word.as_bytes();
        for (w, b) in buf.iter_mut().zip(bytes) {
            *w = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..bytes.len()]).is_ok_and(|w| set.contains(&w))
    }
}

pub(super) fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A word that may stand inside a noun phrase: letters, digits and the marks of names
/// ("Mr.", "U.S.", "O'Rourke", "Clinton’s", "R-Fla."); nothing that ends a clause.
pub(super) fn np_word(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || ".'’-&/%".contains(c))
        && word.chars().any(char::is_alphanumeric)
        && (!word.ends_with("ing") || starts_upper(word) || word.contains('-'))
        && (starts_upper(word) && !lower_in(word, OPENERS) || !lower_in(word, STOP))
}

/// Number words that end a share: "two in three", "nearly three in five".
const NUMBERS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "hundred",
];

/// Whether a phrase can be a source: a name, a pronoun, or a noun phrase with a plural or
/// determined head ("officials", "the ministry", "21 percent").
fn plausible(words: &[&str]) -> bool {
    let Some(head) = words.last() else {
        return false;
    };
    let head = head.trim_end_matches('.');
    if words.len() == 1 {
        const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "his", "her", "their"];
        if lower_in(head, DETERMINERS) {
            return false;
        }
        return starts_upper(head) && !lower_in(head, OPENERS)
            || lower_in(head, PRONOUNS)
            || lower_in(head, GROUPS)
            || head.len() > 3 && head.ends_with('s') && !head.ends_with("ss")
            || head.starts_with(char::is_numeric); // "42% say", "About three in 10 said"
    }
    !head.ends_with("ly") || starts_upper(head)
}

/// The source written right before a cue: `prefix` runs from the clause start to the cue. The
/// words between ("has", "also", "repeatedly") are skipped; after an appositive ("Simmons, an
/// Obama supporter, said") the source is the clause's first comma-free chunk. Returns the byte
/// range in `prefix`.
pub(super) fn before(prefix: &str) -> Option<(usize, usize)> {
    let mut end = prefix.trim_end().len();
    loop {
        let head = &prefix[..end];
        // A parenthesis or a pair of dashes between source and cue: "Sen. Jack Reed (D-R.I.)
        // said", "Deborah Reynolds - Santilli's girlfriend - told".
        if head.ends_with(')') {
            end = prefix[..head.rfind('(')?].trim_end().len();
            continue;
        }
        if let Some(inner) = head.strip_suffix(" -").or_else(|| head.strip_suffix('—')) {
            let open = inner.rfind(" - ").or_else(|| inner.rfind('—'))?;
            end = prefix[..open].trim_end().len();
            continue;
        }
        // A sentence adverb set off by commas: "officials, however, said".
        if let Some(comma) = aside(head) {
            end = comma;
            continue;
        }
        let Some((start, word)) = last_word(head) else {
            break;
        };
        let lower_ly = word.ends_with("ly") && !starts_upper(word);
        if !lower_in(word, BETWEEN) && !is_weekday(word) && !lower_ly {
            break;
        }
        end = prefix[..start].trim_end().len();
    }
    let head = &prefix[..end];
    if head.ends_with(',') {
        return appositive(head);
    }
    let mut start = end;
    let mut words = [""; 8];
    let mut n = 0;
    while let Some((at, word)) = last_word(&prefix[..start]) {
        if n == words.len() || !np_word(word) {
            break;
        }
        words[n] = word;
        n += 1;
        start = at;
    }
    // Leading openers ("But") and times ("Tuesday") drop off the phrase's front.
    while n > 0
        && (lower_in(words[n - 1], OPENERS)
            || lower_in(words[n - 1], BETWEEN)
            || is_weekday(words[n - 1]))
    {
        n -= 1;
        start += words[n].len();
        start += prefix[start..].len() - prefix[start..].trim_start().len();
    }
    // A demonstrative or a share before the phrase: "those surveyed", "a wide array of
    // economists", "most of the senators".
    while n > 0 && n < words.len() - 2 {
        let Some((at, word)) = last_word(&prefix[..start]) else {
            break;
        };
        if lower_in(word, &["those", "these"]) {
            words[n] = word;
            n += 1;
            start = at;
            break;
        }
        if !lower_in(word, &["of"]) {
            break;
        }
        let Some((at2, share)) = last_word(&prefix[..at]) else {
            break;
        };
        let quantity = lower_in(
            share,
            &[
                "array",
                "number",
                "majority",
                "group",
                "handful",
                "most",
                "some",
                "many",
                "all",
                "none",
                "one",
                "two",
                "three",
                "half",
                "third",
                "quarter",
                "percent",
                "dozens",
                "hundreds",
                "thousands",
                "millions",
                "lot",
                "few",
                "several",
                "each",
                "both",
                "any",
                "members",
                "leaders",
                "supporters",
            ],
        );
        if !quantity {
            break;
        }
        words[n] = share;
        n += 1;
        start = at2;
        // The quantity's own determiners and adjectives: "a wide array".
        while n < words.len() {
            let Some((at3, w)) = last_word(&prefix[..start]) else {
                break;
            };
            let fits = lower_in(
                w,
                &[
                    "a", "an", "the", "wide", "large", "small", "vast", "growing", "majority",
                ],
            ) || starts_upper(w) && np_word(w) && !lower_in(w, OPENERS);
            if !fits {
                break;
            }
            words[n] = w;
            n += 1;
            start = at3;
        }
    }
    // A share: "two in three", "nearly three in five".
    let mut share = false;
    if n == 1 && lower_in(words[0], NUMBERS) {
        let lead = prefix[..start].trim_end();
        if let Some(inner) = lead.strip_suffix(" in") {
            if let Some((at, number)) = last_word(inner) {
                if lower_in(number, NUMBERS) || lower_in(number, &["one"]) {
                    start = at;
                    share = true;
                    if let Some((at2, w)) = last_word(&prefix[..at]) {
                        let hedges = &["nearly", "about", "almost", "roughly", "some", "over"];
                        if lower_in(w, hedges) {
                            start = at2;
                        }
                    }
                }
            }
        }
    }
    words[..n].reverse();
    let possessive = words[..n].last().is_some_and(|w| {
        w.ends_with("'s")
            || w.ends_with("’s")
            || lower_in(w, &["his", "her", "their", "its", "my", "our", "your"])
    });
    (n > 0 && !possessive && (share || plausible(&words[..n]))).then_some((start, end))
}

/// Where a sentence adverb set off by commas before a cue starts ("officials, however,"):
/// the byte of its opening comma.
fn aside(head: &str) -> Option<usize> {
    const ASIDES: &[&str] = &[
        "however",
        "though",
        "too",
        "meanwhile",
        "instead",
        "in turn",
        "in fact",
        "of course",
        "for example",
        "for instance",
        "for their part",
        "for his part",
        "for her part",
        "likewise",
        "nonetheless",
        "nevertheless",
    ];
    let inner = head.trim_end().strip_suffix(',')?;
    let comma = inner.rfind(", ")?;
    ASIDES
        .contains(&inner[comma + 2..].to_lowercase().as_str())
        .then_some(comma)
}

/// Whether `prefix` ends with a sentence adverb set off by commas: the source stands before
/// it, not after the cue.
pub(super) fn aside_before(prefix: &str) -> bool {
    aside(prefix).is_some()
}

/// [`before`], or for a verb coordinated with an earlier one ("Priebus arrived ... and
/// acknowledged that ..."), the clause's subject.
pub(super) fn before_or_shared(prefix: &str) -> Option<(usize, usize)> {
    before(prefix).or_else(|| {
        let lead = prefix.trim_end();
        let shared = [" and", " but", " then"].iter().any(|c| lead.ends_with(c));
        shared.then(|| subject(lead)).flatten()
    })
}

/// The first comma-free chunk of a clause that is wholly a noun phrase, before an appositive.
fn appositive(head: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    for _ in 0..3 {
        let chunk_end = from + head[from..].find(", ").unwrap_or(head.len() - from - 1);
        let chunk = &head[from..chunk_end];
        if let Some((s, e)) = before(chunk).filter(|&(s, e)| {
            const CONJUNCTIONS: &[&str] = &["but", "and", "so", "yet", "still", "also", "however"];
            let lead = chunk[..s].trim();
            let rest = chunk[e..].trim();
            (rest.is_empty() || rest.starts_with('(') && rest.ends_with(')'))
                && (lead.is_empty() || lead.split_whitespace().all(|w| lower_in(w, CONJUNCTIONS)))
        }) {
            return Some((from + s, from + e));
        }
        from = chunk_end + 1;
        if head[from..].trim().is_empty() {
            return None;
        }
    }
    None
}

/// The source written right after a cue ("said Lee Epstein, who ..."), up to a comma, a
/// clause word or the end: the byte range in `rest`, and whether the sentence ends or pauses
/// right after it.
pub(super) fn after(rest: &str) -> Option<(usize, usize, bool)> {
    let lead = rest.len() - rest.trim_start().len();
    let mut pos = lead;
    let mut end = lead;
    let mut n = 0;
    // A lowercase title may open a name: "said pollster Frank Luntz".
    let mut titled = false;
    for word in rest[lead..].split_inclusive(char::is_whitespace) {
        let w = word.trim_end();
        let bare = w.trim_end_matches([',', ';', ':', '.', '!', '?', ')']);
        if n == 1 && titled && !starts_upper(bare) {
            return None;
        }
        let last_dot = w.ends_with('.') && rest[pos + word.len()..].trim().is_empty();
        let bare = if last_dot || !w.ends_with('.') {
            bare
        } else {
            w
        };
        if !np_word(bare)
            || n == 10
            || (n == 0
                && !(starts_upper(bare)
                    || lower_in(bare, PRONOUNS)
                    || lower_in(
                        bare,
                        &[
                            "the", "a", "an", "his", "her", "their", "one", "two", "three", "some",
                            "many", "several", "other", "another",
                        ],
                    )
                    || bare.starts_with(char::is_numeric)
                    || {
                        titled = !bare.contains(['.', '’', '\'']);
                        titled
                    }))
        {
            break;
        }
        n += 1;
        end = pos + bare.len();
        pos += word.len();
        if bare.len() < w.len() {
            break; // a comma or the final stop ends it
        }
    }
    if n == 0 {
        return None;
    }
    let tail = rest[end..].trim_start();
    let closes = tail.is_empty() || tail.starts_with([',', '.', ';', '!', '?', ')', '—', '–']);
    Some((lead, end, closes))
}

/// The speaker of a clause a participle continues: its subject ("He dismissed the critique,
/// saying ..."), or the source of the cue closing it (`“...,” Ramos said, referring to ...`,
/// `..., said Mr. Bartels, adding ...`). The byte range in `lead`, which ends before the
/// participle's comma.
pub(super) fn participle_speaker(lead: &str) -> Option<(usize, usize)> {
    let last = CUE
        .captures_iter(lead)
        .filter(|c| c.name("verb").is_some())
        .last();
    if let Some(c) = last {
        let m = c.get(0).expect("match");
        let tail = &lead[m.end()..];
        if tail.trim().is_empty() {
            if let Some(found) = before(&lead[..m.start()]) {
                return Some(found);
            }
        } else if let Some((s, e, _)) = after(tail).filter(|&(s, e, _)| {
            tail[e..].trim().is_empty()
                && starts_upper(&tail[s..e])
                && lead[..m.start()]
                    .trim_end()
                    .ends_with([',', '”', '"', '\''])
        }) {
            return Some((m.end() + s, m.end() + e));
        }
    }
    subject(lead)
}

/// Auxiliaries and modals: a word that makes what follows a clause.
pub(super) fn is_clause_word(word: &str) -> bool {
    lower_in(
        word,
        &[
            "would", "will", "is", "are", "was", "were", "has", "have", "had", "can", "could",
            "should", "may", "might", "must", "does", "did",
        ],
    )
}

/// A noun phrase of any case after "according to" ("exit polls", "media buying sources", "a
/// new poll by ..."), up to a comma or a clause word: the byte range in `rest`.
pub(super) fn after_plain(rest: &str) -> Option<(usize, usize, bool)> {
    let lead = rest.len() - rest.trim_start().len();
    let mut end = lead;
    let mut pos = lead;
    for word in rest[lead..].split_inclusive(char::is_whitespace) {
        let w = word.trim_end();
        let bare = w.trim_end_matches([',', ';', ':', '.', '!', '?', ')']);
        if !np_word(bare) || pos - lead > 80 {
            break;
        }
        end = pos + bare.len();
        pos += word.len();
        if bare.len() < w.len() {
            break;
        }
    }
    (end > lead).then_some((lead, end, true))
}

/// Whether a cue match is a participle.
pub(super) fn is_participle(caps: &regex::Captures<'_>) -> bool {
    caps.name("part").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src_before(prefix: &str) -> Option<&str> {
        before(prefix).map(|(s, e)| &prefix[s..e])
    }

    #[test]
    fn sources_before_cues() {
        assert_eq!(
            src_before("Ukrainian President Volodymyr Zelenskiy "),
            Some("Ukrainian President Volodymyr Zelenskiy")
        );
        assert_eq!(
            src_before(
                "But Mr. Guerrero, a Republican who described himself as a religious Catholic, "
            ),
            Some("Mr. Guerrero")
        );
        assert_eq!(
            src_before("Troops crossed the border, some experts have "),
            Some("some experts")
        );
        assert_eq!(
            src_before("Sen. Marco Rubio, R-Fla., appearing on Fox News, "),
            Some("Sen. Marco Rubio")
        );
        assert_eq!(src_before("On Tuesday, he repeatedly "), Some("he"));
        assert_eq!(
            src_before("and nearly three in five "),
            Some("nearly three in five")
        );
        assert_eq!(src_before("The weather was five "), None);
        assert_eq!(
            src_before("The experts, however, "),
            Some("The experts"),
            "an aside between source and cue"
        );
        assert_eq!(src_before("The weather was cold and "), None);
        assert_eq!(src_before("the troops that "), None);
    }

    #[test]
    fn sources_after_cues() {
        let rest = " Lee Epstein, who teaches law.";
        let (s, e, closes) = after(rest).unwrap();
        assert_eq!((&rest[s..e], closes), ("Lee Epstein", true));
        let rest = " Mr. Bartels.";
        let (s, e, closes) = after(rest).unwrap();
        assert_eq!((&rest[s..e], closes), ("Mr. Bartels", true));
        let (_, _, closes) = after(" the organization has become a shell").unwrap();
        assert!(!closes);
    }
}
