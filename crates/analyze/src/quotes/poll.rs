//! Polls and surveys as sources: "Clinton leads in the latest Post-ABC poll", "In recent
//! polls from Quinnipiac and Fox News, Trump trails ..." — the poll is the source, and the
//! clause around the phrase is what it reports.

use std::sync::LazyLock;

use regex::Regex;

use super::indirect::{words, Found, MIN_CONTENT_WORDS};

/// "in" and a noun phrase ending in poll or survey, with an optional "by/from X".
static POLL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"\b[Ii]n\s+(?P<src>(?:[\p{L}\d'’\-/.&]+\s+){0,7}?(?:polls?|surveys?|Polls?|Surveys?)(?:\s+(?:by|from|of)(?:\s+(?:and\s+)?[A-Z][\p{L}\d'’\-/.&]*)+)?)\b",
    )
});

/// The poll attributions of a sentence.
pub(super) fn find(sentence: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for c in POLL.captures_iter(sentence) {
        let (m, src) = (c.get(0).expect("match"), c.name("src").expect("source"));
        // Only determiners, adjectives and names before the head: no clause inside.
        let inner = &sentence[src.start()..src.end()];
        // "in the polls" is the vote, "states going to the polls" a place.
        const NOT_INSIDE: &[&str] = &[
            "that", "which", "who", "is", "was", "said", "says", "of", "where", "going", "to",
            "head", "in", "at", "before", "after", "when", "digits",
        ];
        let n = inner.split_whitespace().count();
        let the_polls = n == 2 && inner.split_whitespace().next() == Some("the");
        if the_polls
            || inner
                .split_whitespace()
                .any(|w| NOT_INSIDE.contains(&w.to_lowercase().as_str()))
        {
            continue;
        }
        let lead = sentence[..m.start()].trim_end();
        let content = if words(lead) >= MIN_CONTENT_WORDS {
            (0, lead.trim_end_matches(',').len())
        } else {
            let tail = &sentence[m.end()..];
            let skip = tail.len() - tail.trim_start_matches([',', ' ']).len();
            (m.end() + skip, sentence.len())
        };
        out.push(Found {
            speaker: (src.start(), src.end()),
            cue: "in".to_string(),
            claim: (m.start(), m.end()),
            content,
            noun: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn polls(s: &str) -> Vec<(&str, &str)> {
        find(s)
            .into_iter()
            .map(|f| (&s[f.speaker.0..f.speaker.1], &s[f.content.0..f.content.1]))
            .collect()
    }

    #[test]
    fn a_poll_reports_the_clause_around_it() {
        assert_eq!(
            polls("Clinton holds sizable leads in national and battleground-state polls."),
            [(
                "national and battleground-state polls",
                "Clinton holds sizable leads"
            )]
        );
        assert_eq!(
            polls("In recent polls from Quinnipiac and Fox News, Trump trails by 8 points."),
            [(
                "recent polls from Quinnipiac and Fox News",
                "Trump trails by 8 points."
            )]
        );
        assert!(polls("He said he was interested in polling stations.").is_empty());
        assert!(polls("Voters in five states going to the polls are angry.").is_empty());
        assert!(polls("He is running ahead in the polls.").is_empty());
    }
}
