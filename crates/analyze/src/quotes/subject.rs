//! The subject opening a clause, for verbs outside the lexicon: a cue-less quote's speaker
//! ("Clinton blamed the “fog of war”"), a verb sharing an earlier subject, and a verb-like
//! word right after a closing mark ("“...,” Hannity pressed.").

use super::lexicon::{OPENERS, STOP};
use super::source::{before, is_clause_word, lower_in, np_word, starts_upper, CUE};

/// The subject opening a clause, after lead-ins ("At the debate Wednesday, Clinton blamed
/// ..."): a pronoun or a name (with a determiner before it or a plural noun after it: "South
/// Korean officials") followed by a lowercase word, its verb. The byte range in `clause`.
pub(super) fn subject(clause: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    for _ in 0..3 {
        if let Some((s, e)) = subject_at(&clause[from..]) {
            // "It was a “disaster”" names no speaker.
            // Nor do a contraction or a headline's interjection: "That’s ...", "Wow ...".
            let expletive = lower_in(
                &clause[from + s..from + e].replace('’', "'"),
                &[
                    "it",
                    "this",
                    "there",
                    "that's",
                    "there's",
                    "it's",
                    "here's",
                    "what's",
                    "wow",
                    "revealed",
                    "look",
                    "watch",
                    "breaking",
                    "exclusive",
                    "update",
                    "contributing",
                ],
            );
            return (!expletive).then_some((from + s, from + e));
        }
        from += clause[from..].find(", ")? + 2;
    }
    None
}

fn subject_at(rest: &str) -> Option<(usize, usize)> {
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "his", "her", "their", "its", "our", "some", "many", "most", "several",
        "both", "all", "other", "few",
    ];
    let lead = rest.len() - rest.trim_start().len();
    let mut start = lead;
    let mut pos = lead;
    let mut end = None;
    let mut state = 0; // 0: start, 1: after determiner, 2: in the name, 3: after plural noun
    let mut words = rest[lead..].split_inclusive(char::is_whitespace).peekable();
    while let Some(word) = words.next() {
        let w = word.trim_end();
        let at = pos;
        pos += word.len();
        let next = words.peek().map_or("", |n| n.trim_end());
        match state {
            // "But", "while": the clause opens after them.
            0 if lower_in(w, OPENERS) && !starts_upper(next)
                || lower_in(w, &["while", "but", "and"]) =>
            {
                start = pos;
            }
            0 if lower_in(w, &["he", "she", "they", "we", "i"]) => {
                end = Some(at + w.len());
                state = 3;
            }
            0 | 1 if state == 0 && lower_in(w, DETERMINERS) => state = 1,
            // "the Court of Appeals".
            2 if w == "of" && starts_upper(next) => {}
            0..=2
                if np_word(w) && starts_upper(w) && !lower_in(w, OPENERS) && !lower_in(w, STOP) =>
            {
                end = Some(at + w.len());
                state = 2;
            }
            // "Mike Huckabee, the former governor, proposed": a name before an appositive
            // that closes before a verb.
            0..=2 if w.ends_with(',') && starts_upper(w) && np_word(&w[..w.len() - 1]) => {
                let apposition = &rest[pos..];
                let verb = apposition.find(", ").is_some_and(|i| {
                    let after = apposition[i + 2..].split_whitespace().next().unwrap_or("");
                    i < 80
                        && after.starts_with(char::is_lowercase)
                        && (!lower_in(after, STOP) || is_clause_word(after))
                });
                return verb.then_some((start, at + w.len() - 1));
            }
            1 | 2
                if w.len() > 3
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && w.chars().all(|c| c.is_ascii_lowercase())
                    && !lower_in(w, STOP) =>
            {
                // "officials" — a noun only when a verb follows; before a determiner the word
                // is the verb ("Wealth-X keeps its ...").
                let object = lower_in(
                    next,
                    &[
                        "its", "his", "her", "their", "the", "a", "an", "our", "this", "that",
                    ],
                );
                if object || state == 1 && !next.starts_with(char::is_lowercase) {
                    return finish(start, end, w);
                }
                if next.starts_with(char::is_lowercase) {
                    end = Some(at + w.len());
                    state = 3;
                } else {
                    return finish(start, end, w);
                }
            }
            _ => return finish(start, end, w),
        }
    }
    None
}

/// A subject counts when the word after it is lowercase (a verb), not punctuation.
/// Not before a determiner or a preposition ("Outside the arena", "Hours after"), whose
/// capitalised word opens an adverbial, not a subject.
fn finish(start: usize, end: Option<usize>, next: &str) -> Option<(usize, usize)> {
    const NOT_VERBS: &[&str] = &[
        "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "of", "after", "ago",
        "later", "earlier", "away", "of", "for", "with", "from", "like", "upon", "toward",
    ];
    let end = end?;
    (next.starts_with(char::is_lowercase) && !lower_in(next, STOP) && !lower_in(next, NOT_VERBS)
        || lower_in(
            next,
            &[
                "has", "have", "had", "was", "is", "also", "later", "again", "never", "still",
                "once", "often", "then", "would", "will", "could", "did", "does", "can", "should",
                "must", "may", "might", "were", "are",
            ],
        )
        || next.len() > 4 && next.ends_with("ly") && next.starts_with(char::is_lowercase))
    .then_some((start, end))
}

/// A verb-like word right after a source, for quotes whose cue is not in the lexicon
/// (`“...,” Hannity pressed.`): lowercase, ending in "ed" or "s", and closing the clause.
pub(super) fn loose_cue(after_mark: &str) -> Option<(usize, usize, usize, usize)> {
    let mut pos = 0;
    for (i, word) in after_mark.split_inclusive(char::is_whitespace).enumerate() {
        if i > 8 {
            break;
        }
        let w = word.trim_end().trim_end_matches([',', '.', ';', '!', '?']);
        let lexical = CUE.find(w).is_some_and(|m| m.len() == w.len()) || w == "read";
        let verb = lexical
            || w.len() > 3
                && w.chars().all(|c| c.is_ascii_lowercase())
                && (w.ends_with("ed") || w.ends_with('s') && !w.ends_with("ss"))
                && !lower_in(w, STOP);
        if verb {
            let tail = after_mark[pos + w.len()..].trim_start();
            let closes = tail.is_empty()
                || tail.starts_with([',', '.', ';', '!', '?', '—', '–'])
                || tail.split_whitespace().next().is_some_and(|n| {
                    [
                        "in", "on", "at", "during", "to", "about", "with", "from", "after",
                        "before", "as", "when", "while", "and",
                    ]
                    .contains(&n)
                });
            let (s, e) = before(&after_mark[..pos])?;
            return (closes && !after_mark[..s].chars().any(char::is_alphanumeric)).then_some((
                s,
                e,
                pos,
                pos + w.len(),
            ));
        }
        pos += word.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_may_stand_before_an_adverb() {
        let clause = "Rubio also bemoaned the climate in which people ";
        assert_eq!(subject(clause).map(|(s, e)| &clause[s..e]), Some("Rubio"));
        let clause = "Rubio repeatedly bemoaned the climate ";
        assert_eq!(subject(clause).map(|(s, e)| &clause[s..e]), Some("Rubio"));
        assert_eq!(subject("Outside the arena, the "), None);
        assert_eq!(subject("That’s exactly what the "), None, "a contraction");
        assert_eq!(subject("Wow, this is what the "), None, "an interjection");
    }
}
