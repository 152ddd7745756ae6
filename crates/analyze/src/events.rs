//! Events: who did what (to whom), where and when, one per sentence that tells an action. A
//! light clause reader over words: the main verb group is found from a lexicon of news verbs,
//! regular past forms and auxiliaries ("were killed", "has struck"); the actor is what stands
//! before it (after a leading adverbial such as "On Tuesday,"), the action the verb group and
//! its object up to a preposition or a comma; place and time come from the sentence's place
//! names, "in/at/near" phrases, and its dates or clock times.

use std::sync::LazyLock;

use crosscheck_model::{DateMention, Entity, EntityKind, Event, Sentence, Span};
use regex::Regex;

use crate::pattern::compile;

/// Verbs that report speech: a sentence whose verb is one of these tells what was said, not
/// what happened (quotes cover it).
const REPORTING: &[&str] = &[
    "according",
    "added",
    "adds",
    "believed",
    "believes",
    "claimed",
    "claims",
    "explained",
    "explains",
    "noted",
    "notes",
    "reported",
    "reports",
    "said",
    "say",
    "says",
    "stated",
    "states",
    "tells",
    "thinks",
    "thought",
    "told",
    "writes",
    "wrote",
];

/// Auxiliaries and modals that open a verb group.
const AUXILIARIES: &[&str] = &[
    "am", "are", "be", "been", "being", "can", "could", "did", "do", "does", "had", "has", "have",
    "is", "may", "might", "must", "shall", "should", "was", "were", "will", "would",
];

/// Common news verbs in forms a regular rule misses (irregular pasts, present -s forms).
const VERBS: &[&str] = &[
    "arrest", "arrests", "attack", "attacks", "beat", "beats", "became", "becomes", "began",
    "begins", "bought", "brought", "buys", "called", "calls", "came", "caught", "checks", "chose",
    "comes", "confirm", "confirms", "declined", "denied", "denies", "die", "died", "dies", "drew",
    "drove", "fell", "fights", "fled", "flew", "fought", "found", "gave", "gets", "gives", "got",
    "grew", "had", "has", "held", "hit", "hits", "holds", "hurt", "join", "joins", "kept", "kill",
    "killed", "kills", "knew", "launch", "launches", "leads", "led", "left", "lost", "made",
    "makes", "meets", "met", "opens", "paid", "pays", "plans", "put", "quit", "raised", "ran",
    "rose", "runs", "sank", "saw", "seeks", "seized", "sent", "sets", "shot", "shut", "signs",
    "sold", "sought", "spent", "split", "spread", "stole", "strikes", "struck", "swept", "takes",
    "threw", "took", "tore", "visits", "wants", "warns", "went", "win", "wins", "withdrew", "won",
    "wounded", "wrote",
];

/// Words ending in -ed that are not verbs.
const NOT_VERBS: &[&str] = &[
    "bed", "bled", "breed", "embed", "exceed", "feed", "fled", "hundred", "indeed", "need",
    "proceed", "red", "seed", "shed", "speed", "succeed", "united", "weed",
];

/// Prepositions and conjunctions that end an action phrase.
const ACTION_ENDS: &[&str] = &[
    "after", "against", "as", "at", "because", "before", "but", "during", "for", "from", "in",
    "into", "near", "on", "outside", "since", "than", "that", "though", "through", "until", "when",
    "where", "which", "while", "who", "with",
];

/// Openers of a leading adverbial ("On Tuesday, ...", "After the attack, ...").
const OPENERS: &[&str] = &[
    "after",
    "although",
    "as",
    "at",
    "before",
    "despite",
    "during",
    "earlier",
    "following",
    "for",
    "in",
    "last",
    "meanwhile",
    "on",
    "since",
    "though",
    "when",
    "while",
    "yesterday",
];

static WORD: LazyLock<Regex> =
    LazyLock::new(|| compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’.\-]*[\p{L}\p{N}])?"));
static PLACE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:in|at|near|outside|off)\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’.\-]*)(?:\s+(?:of\s+)?\p{Lu}[\p{L}'’.\-]*)*",
    )
});
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:at\s+(?:around\s+|about\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|gmt|bst|utc)?|(?:late|early)?\s*(?:yesterday|last night|this morning|this afternoon|tonight|overnight|earlier today))\b",
    )
});

fn is_in(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// A word of the sentence with its byte range in the text.
struct Word<'a> {
    text: &'a str,
    lower: String,
    start: usize,
    end: usize,
}

fn is_verb(w: &Word<'_>, previous: Option<&Word<'_>>) -> bool {
    let capital = w.text.starts_with(|c: char| c.is_uppercase());
    if capital && previous.is_some() {
        return false;
    }
    let l = w.lower.as_str();
    if is_in(VERBS, l) {
        return true;
    }
    l.len() > 4 && l.ends_with("ed") && !is_in(NOT_VERBS, l) && !l.ends_with("eed")
}

/// The events of an article, in sentence order.
pub fn find(
    text: &str,
    sentences: &[Sentence],
    entities: &[Entity],
    dates: &[DateMention],
) -> Vec<Event> {
    sentences
        .iter()
        .enumerate()
        .filter_map(|(i, s)| sentence_event(text, i, s.span, entities, dates))
        .collect()
}

fn sentence_event(
    text: &str,
    index: usize,
    span: Span,
    entities: &[Entity],
    dates: &[DateMention],
) -> Option<Event> {
    let sentence = span.slice(text)?;
    let words: Vec<Word<'_>> = WORD
        .find_iter(sentence)
        .map(|m| Word {
            text: m.as_str(),
            lower: m.as_str().to_lowercase(),
            start: span.start + m.start(),
            end: span.start + m.end(),
        })
        .collect();
    let verb = (0..words.len()).find(|&i| {
        is_verb(&words[i], i.checked_sub(1).map(|p| &words[p]))
            || is_in(REPORTING, &words[i].lower)
            || (is_in(AUXILIARIES, &words[i].lower) && i > 0)
    })?;
    if is_in(REPORTING, &words[verb].lower) {
        return None;
    }
    // The verb group: auxiliaries, adverbs and the main verb.
    let mut last = verb;
    while last + 1 < words.len()
        && (is_in(AUXILIARIES, &words[last].lower) || words[last].lower.ends_with("ly"))
        && !words[last + 1].text.starts_with(|c: char| c.is_uppercase())
    {
        last += 1;
    }
    if is_in(REPORTING, &words[last].lower) {
        return None;
    }
    let mut end = last;
    while end + 1 < words.len()
        && !is_in(ACTION_ENDS, &words[end + 1].lower)
        && !text[words[end].end..words[end + 1].start].contains([',', ';', ':', '(', '—'])
        && end - last < 8
    {
        end += 1;
    }
    let actor = actor(text, &words[..verb]);
    let actor_entity = actor.and_then(|a| entity_in(entities, a, None));
    let place = place(text, span, entities);
    let time = dates
        .iter()
        .find(|d| d.sentence == index)
        .map(|d| d.span)
        .or_else(|| {
            CLOCK
                .find(sentence)
                .map(|m| Span::new(span.start + m.start(), span.start + m.end()))
        });
    Some(Event {
        sentence: index,
        actor,
        actor_entity,
        action: Span::new(words[verb].start, words[end].end),
        verb: words[last].lower.clone(),
        place,
        time,
    })
}

/// What stands before the verb, after a leading adverbial ending in a comma.
fn actor(text: &str, before: &[Word<'_>]) -> Option<Span> {
    let first = before.first()?;
    let mut start = 0;
    if is_in(OPENERS, &first.lower) {
        // Skip to the word after the first comma.
        start = (1..before.len())
            .find(|&i| text[before[i - 1].end..before[i].start].contains(','))
            .unwrap_or(before.len());
    } else if let Some(i) = (1..before.len()).rev().find(|&i| {
        let gap = &text[before[i - 1].end..before[i].start];
        gap.contains(',') && i + 1 < before.len()
    }) {
        // "Police, who arrived later, arrested ..." keeps the head; a dateline-like
        // "KYIV, Ukraine — Russian forces ..." keeps what follows the dash.
        if text[before[i - 1].end..before[i].start].contains(['—', '-']) {
            start = i;
        }
    }
    let words = &before[start..];
    let (a, b) = (words.first()?, words.last()?);
    Some(Span::new(a.start, b.end))
}

/// The name of the entity mentioned inside `span`, of `kind` if given.
fn entity_in(entities: &[Entity], span: Span, kind: Option<EntityKind>) -> Option<String> {
    entities
        .iter()
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .find(|e| {
            e.mentions
                .iter()
                .any(|m| m.start >= span.start && m.end <= span.end)
        })
        .map(|e| e.name.clone())
}

/// The sentence's first "in/at/near ..." phrase, or its first place name.
fn place(text: &str, span: Span, entities: &[Entity]) -> Option<Span> {
    let sentence = span.slice(text)?;
    let phrase = PLACE_PHRASE
        .find(sentence)
        .map(|m| Span::new(span.start + m.start(), span.start + m.end()));
    let named = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Place)
        .flat_map(|e| e.mentions.iter())
        .filter(|m| m.start >= span.start && m.end <= span.end)
        .min_by_key(|m| m.start)
        .copied();
    match (phrase, named) {
        // A phrase that holds a place name is the best answer; a place name alone next.
        (Some(p), Some(n)) if n.start >= p.start && n.end <= p.end => Some(p),
        (_, Some(n)) => Some(n),
        (p, None) => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(text: &str) -> Vec<(String, String, String, String, String)> {
        let (sentences, _) = crate::sentences::split(text);
        let entities = crate::entities::find(text);
        let dates: Vec<DateMention> = sentences
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                crate::dates::find(&text[s.span.start..s.span.end], s.span.start, i, None)
            })
            .collect();
        let get = |s: Option<Span>| s.and_then(|s| s.slice(text)).unwrap_or("").to_string();
        find(text, &sentences, &entities, &dates)
            .into_iter()
            .map(|e| {
                (
                    get(e.actor),
                    get(Some(e.action)),
                    e.verb,
                    get(e.place),
                    get(e.time),
                )
            })
            .collect()
    }

    #[test]
    fn lexicons_are_sorted() {
        for list in [
            REPORTING,
            AUXILIARIES,
            VERBS,
            NOT_VERBS,
            ACTION_ENDS,
            OPENERS,
        ] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, list);
        }
    }

    #[test]
    fn actor_action_place_and_time() {
        let found = events(
            "Several people died after a tram overturned in Croydon at around 6am. \
             On Tuesday, Russian forces struck the capital with missiles. \
             The minister said the talks would go on.",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "Several people");
        assert_eq!(found[0].1, "died");
        assert_eq!(found[0].3, "in Croydon");
        assert_eq!(found[0].4, "at around 6am");
        assert_eq!(found[1].0, "Russian forces");
        assert_eq!(found[1].1, "struck the capital");
        assert_eq!(found[1].4, "Tuesday");
    }

    #[test]
    fn passives_keep_their_auxiliaries() {
        let found = events("Five people were left trapped inside the vehicle.");
        assert_eq!(found[0].0, "Five people");
        assert_eq!(found[0].1, "were left trapped inside the vehicle");
        assert_eq!(found[0].2, "left");
    }
}
