//! Stance cues outside the lexicon: any finite verb or "is/was + adjective" that takes a
//! "that" clause ("worried that ...", "were adamant that ..."), as PolNeAR counts beliefs and
//! attitudes as attributions. The clause after "that" is the content.

use super::lexicon::is_weekday;

/// A verb or a predicate adjective followed by "that": the regex alternative inside [`super::source::CUE`].
pub(super) const THAT_CUE: &str = r"(?:[a-z]{3,}ed|(?:is|are|was|were|remains?|remained|been|be|seemed|seems|grew|became)\s+(?:adamant|confident|hopeful|optimistic|aware|unaware|concerned|worried|convinced|certain|sure|skeptical|sceptical|afraid|fearful|insistent|pleased|proud|upset|angry|happy|disappointed|glad|sorry|satisfied|frustrated|surprised|thankful|grateful|emphatic|clear)|made\s+(?:the\s+)?(?:case|point|argument|claim))\s+that";

/// Whether a generic "... that" match is a verb and not a noun, adverb or pronoun ("this
/// that", "times that", "always that").
pub(super) fn is_verb(cue: &str) -> bool {
    let word = cue.split_whitespace().next().unwrap_or("");
    const NOT_VERBS: &[&str] = &[
        "this",
        "thus",
        "unless",
        "always",
        "perhaps",
        "was",
        "has",
        "does",
        "goes",
        "times",
        "days",
        "years",
        "weeks",
        "months",
        "hours",
        "ways",
        "things",
        "ones",
        "others",
        "words",
        "comments",
        "remarks",
        "claims",
        "statements",
        "reports",
        "questions",
        "issues",
        "areas",
        "states",
        "laws",
        "rules",
        "programs",
        "policies",
        "groups",
        "voters",
        "members",
        "countries",
        "people's",
        "lies",
        "values",
        "pages",
        "numbers",
        "cases",
        "ideas",
        "sometimes",
        "nowadays",
        "yes",
    ];
    !(NOT_VERBS.contains(&word)
        || word.ends_with("ss")
        || word.ends_with("us")
        || word.ends_with("is")
        || word.ends_with("ics")
        || word.ends_with("ness"))
}

/// Whether the words after "that" open a clause ("that he ...", "that the plan ...", "that
/// Americans ..."), not a noun phrase "that" determines ("carried that message").
pub(super) fn opens_clause(after: &str) -> bool {
    const OPENERS: &[&str] = &[
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "it",
        "there",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "these",
        "those",
        "some",
        "many",
        "most",
        "more",
        "no",
        "none",
        "if",
        "when",
        "while",
        "because",
        "all",
        "every",
        "each",
        "any",
        "nobody",
        "everyone",
        "anyone",
        "someone",
        "nothing",
        "everything",
        "both",
        "only",
        "even",
        "not",
        "one",
        "two",
        "three",
        "few",
        "several",
        "much",
        "such",
        "other",
    ];
    let next = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_start_matches(['“', '"', '‘', '\'']);
    next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || OPENERS.contains(&next.to_lowercase().as_str())
}

/// A one-word content that can stand as a stance verb's whole object: a name or a pronoun
/// ("endorsed Trump", "supported him"), not a bare common noun ("thanked allies").
pub(super) fn single_object(word: &str) -> bool {
    const PRONOUNS: &[&str] = &[
        "him",
        "her",
        "them",
        "it",
        "this",
        "that",
        "something",
        "nothing",
        "everything",
        "us",
        "me",
        "you",
    ];
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.starts_with(char::is_uppercase) || PRONOUNS.contains(&w)
}

/// `s` after the time words opening it ("Wednesday", "last week", "this morning").
pub(super) fn after_time(s: &str) -> &str {
    const TIME: &[&str] = &[
        "today",
        "yesterday",
        "tonight",
        "earlier",
        "later",
        "recently",
        "last",
        "this",
        "next",
        "week",
        "month",
        "year",
        "morning",
        "afternoon",
        "evening",
        "night",
    ];
    let mut rest = s.trim_start();
    while let Some(word) = rest.split_whitespace().next() {
        let bare = word.trim_end_matches([',', '.']).to_lowercase();
        if !TIME.contains(&bare.as_str()) && !is_weekday(&bare) {
            break;
        }
        rest = rest[word.len()..].trim_start();
        if word.ends_with(',') {
            break;
        }
    }
    rest
}

/// Whether `s` opens with a preposition: a place or a medium ("in a statement", "on CNN").
pub(super) fn opens_adverbial(s: &str) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "in", "on", "at", "during", "after", "before", "of", "about", "by", "with", "for", "via",
        "through", "to",
    ];
    let first = s.split_whitespace().next().unwrap_or("").to_lowercase();
    PREPOSITIONS.contains(&first.trim_end_matches([',', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (content, speaker, cue) of each quote in `text`.
    fn found(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let (sentences, _) = crate::sentences::split(text);
        super::super::find(text, &sentences)
            .into_iter()
            .map(|q| (q.span.slice(text).unwrap().to_string(), q.speaker, q.cue))
            .collect()
    }

    #[test]
    fn a_predicate_taking_that_is_a_cue() {
        let q = found("Party leaders were adamant that the convention would stay open.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "the convention would stay open");
        assert_eq!(q[0].1.as_deref(), Some("Party leaders"));
        assert_eq!(q[0].2.as_deref(), Some("were adamant"));
        let q = found("The aides worried that the rally would be cancelled.");
        assert_eq!(q[0].1.as_deref(), Some("The aides"));
        assert!(found("The governor carried that message to the convention.").is_empty());
    }

    #[test]
    fn a_clause_after_the_time_is_the_content() {
        let q = found("Bernie Sanders, who endorsed Clinton, said Wednesday he agrees with her.");
        let said: Vec<_> = q
            .iter()
            .filter(|q| q.2.as_deref() == Some("said"))
            .collect();
        assert_eq!(said.len(), 1, "{q:?}");
        assert_eq!(said[0].0, "he agrees with her");
        assert_eq!(said[0].1.as_deref(), Some("Bernie Sanders"));
        let q = found("The plan works, the minister said Wednesday in a statement.");
        assert_eq!(q[0].0, "The plan works");
    }

    #[test]
    fn a_stance_verb_takes_a_name_or_pronoun_alone() {
        let q = found("Both senators strongly supported him.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "him");
        assert!(found("The president thanked allies.").is_empty());
    }

    #[test]
    fn a_shared_subject_splits_the_contents() {
        let q =
            found("Wilson praised the senator's record on defense and said the senator can win.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, "the senator's record on defense");
        assert_eq!(q[1].0, "the senator can win");
        assert_eq!(q[1].1.as_deref(), Some("Wilson"));
        let q = found("She has since stressed that she did not send any classified emails.");
        assert_eq!(q[0].1.as_deref(), Some("She"));
    }

    #[test]
    fn verbs_but_not_nouns_take_a_that_clause() {
        assert!(is_verb("worried that"));
        assert!(is_verb("recognizes that"));
        assert!(is_verb("were adamant that"));
        assert!(!is_verb("this that"));
        assert!(!is_verb("times that"));
        assert!(!is_verb("business that"));
        assert!(!is_verb("status that"));
    }

    #[test]
    fn a_clause_not_a_noun_follows_that() {
        assert!(opens_clause(" he would run"));
        assert!(opens_clause(" the plan works"));
        assert!(opens_clause(" Americans will say"));
        assert!(!opens_clause(" message to the convention"));
        assert!(!opens_clause(" day was notable"));
    }
}
