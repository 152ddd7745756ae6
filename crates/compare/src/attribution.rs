//! Who says a sentence: the speaker of a quote in it, the subject of a reporting or denial verb
//! ("South Korean officials have downplayed"), or the outlet's own voice. Speakers are resolved
//! across articles by name ("Zelensky" and "Volodymyr Zelenskiy" are one speaker), and each
//! attribution knows the country it speaks for, so that a dispute can be told from two voices
//! of one side.

use crosscheck_analyze::names;
use crosscheck_model::{Analysis, Span};
use serde::{Deserialize, Serialize};

use crate::terms::words;

/// Verbs that attribute a claim to its subject.
const REPORTING: &[&str] = &[
    "acknowledged",
    "acknowledges",
    "added",
    "admitted",
    "admits",
    "announced",
    "announces",
    "asserted",
    "asserts",
    "claimed",
    "confirmed",
    "confirms",
    "declared",
    "disclosed",
    "estimated",
    "insisted",
    "insists",
    "noted",
    "reported",
    "said",
    "says",
    "stated",
    "states",
    "suggested",
    "suggests",
    "told",
    "warned",
    "warns",
];

/// Verbs by which a party denies or plays down a claim.
pub(crate) const DENIALS: &[&str] = &[
    "contradicted",
    "denied",
    "denies",
    "deny",
    "denying",
    "disputed",
    "disputes",
    "dismissed",
    "dismisses",
    "downplayed",
    "downplaying",
    "downplays",
    "rebuffed",
    "refuted",
    "refutes",
    "rejected",
    "rejects",
];

/// Nouns naming a group that can speak ("officials", "the ministry").
const GROUP_NOUNS: &[&str] = &[
    "agency",
    "army",
    "authorities",
    "command",
    "government",
    "intelligence",
    "media",
    "military",
    "minister",
    "ministers",
    "ministry",
    "office",
    "official",
    "officials",
    "police",
    "president",
    "source",
    "sources",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "statement",
    "statements",
];

/// How a statement is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// A named person.
    Person,
    /// A group, institution or country ("South Korean officials", "Ukraine").
    Group,
    /// The outlet itself, with no other source named.
    Outlet,
}

/// Who says a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// What kind of voice it is.
    pub voice: Voice,
    /// The name as it reads best across the story ("Rustem Umerov", "South Korean officials");
    /// empty for the outlet's voice.
    pub name: String,
    /// A role the story gives the speaker ("Defense Minister").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The country the voice speaks for, when it says ("Ukraine", "South Korea").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

impl Attribution {
    /// The outlet's own voice.
    pub fn outlet() -> Self {
        Attribution {
            voice: Voice::Outlet,
            name: String::new(),
            role: None,
            party: None,
        }
    }

    /// "Defense Minister Rustem Umerov", "South Korean officials", or "the outlet".
    pub fn label(&self) -> String {
        match (&self.voice, &self.role) {
            (Voice::Outlet, _) => "the outlet".into(),
            (Voice::Person, Some(role)) => format!("{} ({role})", self.name),
            _ => self.name.clone(),
        }
    }

    /// Whether two attributions are the same voice.
    pub fn same_voice(&self, other: &Attribution) -> bool {
        self.voice == other.voice
            && (self.name == other.name || names::same_entity(&self.name, &other.name))
    }
}

/// The attribution of the sentence `sentence` (its span `span`) of an article.
pub(crate) fn of_sentence(
    text: &str,
    analysis: &Analysis,
    sentence: usize,
    span: Span,
) -> Attribution {
    let Some(s) = span.slice(text) else {
        return Attribution::outlet();
    };
    of_sentence_at(text, analysis, sentence, s, ANTECEDENT_SENTENCES)
}

/// [`of_sentence`] of the sentence `s`; `depth` bounds the look back for antecedents.
fn of_sentence_at(
    text: &str,
    analysis: &Analysis,
    sentence: usize,
    s: &str,
    depth: usize,
) -> Attribution {
    // The voice of a denial is the one who denies, whoever else the sentence quotes.
    if words(s).any(|(_, w)| DENIALS.contains(&w)) {
        if let Some(a) = subject(text, analysis, sentence, s, depth) {
            return a;
        }
    }
    if let Some(q) = analysis
        .quotes
        .iter()
        .find(|q| q.sentence == sentence && q.speaker.is_some())
    {
        match (q.speaker_name.as_deref(), q.speaker.as_deref()) {
            (Some(name), _) => return named(text, analysis, name, true),
            (None, Some(speaker)) if is_voice(analysis, speaker) => {
                return group(text, analysis, sentence, s, speaker, depth)
            }
            _ => {}
        }
    }
    subject(text, analysis, sentence, s, depth).unwrap_or_else(Attribution::outlet)
}

/// How many sentences back a group named by reference ("the ministers", "their statement")
/// looks for what it refers to.
const ANTECEDENT_SENTENCES: usize = 4;

/// Words that close a group's name without being part of it ("US sources all say").
const QUANTIFIERS: &[&str] = &["all", "alike", "both", "each", "too", "themselves"];

/// Determiners by which a phrase refers back to a group named before ("the ministers").
const REFERRING: &[&str] = &["the", "their", "its", "these", "those", "this", "that"];

/// Nouns for what a group says rather than who it is ("their statement").
const UTTERANCES: &[&str] = &["statement", "statements", "message", "communique", "letter"];

/// The attribution of a group phrase of sentence `index` (text `s`): trailing quantifiers
/// dropped, a list of countries before it kept ("Ukrainian, South Korean and US sources"), and
/// a phrase that refers back resolved to the group it refers to: "their statement" to the
/// voice of an earlier sentence, "the ministers" to the earlier "foreign ministers from the
/// Group of Seven".
fn group(
    text: &str,
    analysis: &Analysis,
    index: usize,
    s: &str,
    phrase: &str,
    depth: usize,
) -> Attribution {
    let mut ws: Vec<&str> = words(phrase).map(|(_, w)| w).collect();
    while ws.len() > 1
        && ws
            .last()
            .is_some_and(|w| QUANTIFIERS.contains(&w.to_lowercase().as_str()))
    {
        ws.pop();
    }
    let first = ws.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let head = ws.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if REFERRING.contains(&first.as_str()) && ws.len() <= 3 {
        let earlier = (index.saturating_sub(depth)..index).rev().filter_map(|k| {
            let span = analysis.sentences.get(k)?.span;
            Some((k, span.slice(text)?))
        });
        if UTTERANCES.contains(&head.as_str()) {
            // "Their statement added": the voice that spoke last.
            if depth > 0 {
                for (k, earlier) in earlier {
                    let a = of_sentence_at(text, analysis, k, earlier, depth - 1);
                    let vague = words(&a.name).next().is_some_and(|(_, w)| {
                        let w = w.to_lowercase();
                        REFERRING.contains(&w.as_str()) || QUANTIFIERS.contains(&w.as_str())
                    });
                    if a.voice != Voice::Outlet && !vague {
                        return a;
                    }
                }
            }
        } else if GROUP_NOUNS.contains(&head.as_str()) {
            for (_, earlier) in earlier {
                if let Some(named_before) = antecedent(earlier, &head) {
                    return named(text, analysis, &named_before, false);
                }
            }
        }
    }
    let joined = ws.join(" ");
    let phrase = listed_before(s, &joined).unwrap_or(joined);
    named(text, analysis, &phrase, false)
}

/// The fuller name of a group whose head noun (`ministers`) a sentence uses: the head with
/// up to two modifiers before it and the capitalised name after "of" or "from" ("foreign
/// ministers from the Group of Seven"); `None` when the sentence names it with nothing more.
fn antecedent(sentence: &str, head: &str) -> Option<String> {
    let offsets: Vec<(usize, &str)> = words(sentence).collect();
    let ws: Vec<&str> = offsets.iter().map(|(_, w)| *w).collect();
    let at = ws.iter().position(|w| w.eq_ignore_ascii_case(head))?;
    let mut start = at;
    while start > 0 && at - start < 2 {
        let (offset, w) = offsets[start - 1];
        let lower = w.to_lowercase();
        let apart = &sentence[offset + w.len()..offsets[start].0];
        if !apart.chars().all(char::is_whitespace)
            || REFERRING.contains(&lower.as_str())
            || crate::terms::term(w).is_none()
            || lower.ends_with("ed")
            || lower.ends_with("ing")
        {
            break;
        }
        start -= 1;
    }
    let mut end = at + 1;
    if ws
        .get(end)
        .is_some_and(|w| matches!(*w, "of" | "from" | "in" | "at"))
    {
        let mut k = end + 1;
        if ws.get(k).is_some_and(|w| w.eq_ignore_ascii_case("the")) {
            k += 1;
        }
        let name_start = k;
        while ws
            .get(k)
            .is_some_and(|w| starts_upper(w) || (k > name_start && *w == "of"))
        {
            k += 1;
        }
        while k > name_start && ws[k - 1] == "of" {
            k -= 1;
        }
        if k > name_start {
            end = k;
        }
    }
    (start < at || end > at + 1).then(|| ws[start..end].join(" "))
}

/// The phrase with the list of capitalised names before it in the sentence, when it closes
/// one ("South Korean and US sources" → "Ukrainian, South Korean and US sources").
fn listed_before(sentence: &str, phrase: &str) -> Option<String> {
    let at = sentence.find(phrase)?;
    let before: Vec<(usize, &str)> = words(&sentence[..at]).collect();
    let mut start = at;
    let mut listed = false;
    for &(offset, w) in before.iter().rev() {
        let between = &sentence[offset + w.len()..start];
        if !between.chars().all(|c| c == ',' || c.is_whitespace()) {
            break;
        }
        if w == "and" {
            listed = true;
        } else if starts_upper(w) {
            listed |= between.contains(',');
        } else {
            break;
        }
        start = offset;
    }
    let added = &sentence[start..at];
    // Each item of the list is a country ("Ukrainian"), not an opening word ("Conversely,").
    let countries = added
        .split(',')
        .flat_map(|item| item.split(" and "))
        .map(str::trim)
        .filter(|item| !item.is_empty() && *item != "and")
        .all(|item| party_of(item).is_some());
    let extended = sentence[start..at + phrase.len()]
        .trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    let extended = extended.strip_prefix("and ").unwrap_or(extended);
    (listed && countries && extended.len() > phrase.len()).then(|| extended.to_string())
}

/// The attribution of the subject of the first reporting or denial verb of a sentence.
fn subject(
    text: &str,
    analysis: &Analysis,
    index: usize,
    sentence: &str,
    depth: usize,
) -> Option<Attribution> {
    let ws: Vec<(usize, &str)> = words(sentence).collect();
    // A verb, not a noun ("the claims") nor part of a name ("United States"); a denial verb
    // first, for the one who denies is the voice of a denial.
    let is_cue = |i: usize, list: &[&str]| {
        let w = ws[i].1;
        list.contains(&w)
            && !(i > 0
                && ["the", "a", "these", "those", "such"]
                    .contains(&ws[i - 1].1.to_lowercase().as_str()))
    };
    let cue = (0..ws.len())
        .find(|&i| is_cue(i, DENIALS))
        .or_else(|| (0..ws.len()).find(|&i| is_cue(i, REPORTING)))?;
    // The subject: the words before the verb back to the start of the clause, at most eight.
    let clause_start = sentence[..ws[cue].0]
        .rfind([',', ';', ':', '(', '\u{2014}'])
        .map_or(0, |i| i + 1);
    let before: Vec<&str> = ws[..cue]
        .iter()
        .filter(|(o, _)| *o >= clause_start)
        .map(|(_, w)| *w)
        .collect();
    let before: Vec<&str> = before
        .iter()
        .copied()
        .skip_while(|w| !starts_upper(w) && !GROUP_NOUNS.contains(&w.to_lowercase().as_str()))
        .collect();
    if before.is_empty() || before.len() > 8 {
        return None;
    }
    // Trim auxiliaries at the end ("South Korean officials have").
    let end = before
        .iter()
        .rposition(|w| starts_upper(w) || GROUP_NOUNS.contains(&w.to_lowercase().as_str()))?;
    let phrase = before[..=end].join(" ");
    is_voice(analysis, &phrase).then(|| group(text, analysis, index, sentence, &phrase, depth))
}

/// A voice is a name the analysis knows, a place, or a group noun: not a capitalised opening
/// word ("Despite", "The recent reports").
fn is_voice(analysis: &Analysis, phrase: &str) -> bool {
    let phrase_words: Vec<&str> = words(phrase).map(|(_, w)| w).collect();
    let known = analysis.entities.iter().any(|e| {
        e.variants.iter().any(|v| {
            let vw: Vec<&str> = words(v).map(|(_, w)| w).collect();
            !vw.is_empty() && phrase_words.windows(vw.len()).any(|w| w == vw.as_slice())
        })
    });
    let last = phrase_words
        .last()
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    known || party_of(phrase).is_some() || GROUP_NOUNS.contains(&last.as_str())
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// An attribution for a speaker written `speaker`; `person` when it is a person's name.
fn named(text: &str, analysis: &Analysis, speaker: &str, person: bool) -> Attribution {
    let entity = analysis.entities.iter().find(|e| {
        e.variants
            .iter()
            .any(|v| v == speaker || names::same_entity(v, speaker))
    });
    let is_person = person
        || entity.is_some_and(|e| e.kind == crosscheck_model::EntityKind::Person)
            && !GROUP_NOUNS
                .iter()
                .any(|g| speaker.to_lowercase().ends_with(g));
    let name = match entity {
        Some(e) if is_person => e.name.clone(),
        _ => speaker.to_string(),
    };
    let role = entity.and_then(|e| e.roles.first().cloned());
    if !is_person && several_parties(&name) {
        // "Ukrainian, South Korean and US sources" speak for no one country.
        return Attribution {
            voice: Voice::Group,
            name,
            role,
            party: None,
        };
    }
    let party = party_of(&name)
        .or_else(|| entity.and_then(|e| e.country.clone()))
        .or_else(|| entity.and_then(|e| e.roles.iter().find_map(|r| party_of(r))))
        .or_else(|| entity.and_then(|e| party_before_mentions(text, &e.mentions)));
    Attribution {
        voice: if is_person {
            Voice::Person
        } else {
            Voice::Group
        },
        name,
        role,
        party,
    }
}

/// The country named just before a mention of a person ("Ukrainian Defense Minister Rustem
/// Umerov"): the four words before any mention.
fn party_before_mentions(text: &str, mentions: &[Span]) -> Option<String> {
    mentions.iter().find_map(|m| {
        let before = text.get(..m.start)?;
        let ws: Vec<&str> = words(before).map(|(_, w)| w).collect();
        let window = ws[ws.len().saturating_sub(4)..].join(" ");
        party_of(&window)
    })
}

/// Whether a phrase names more than one country.
fn several_parties(phrase: &str) -> bool {
    let ws: Vec<&str> = words(phrase).map(|(_, w)| w).collect();
    let mut found: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let hit = [2, 1].into_iter().find_map(|n| {
            let window = ws.get(i..i + n)?;
            if !window.iter().all(|w| starts_upper(w)) {
                return None;
            }
            names::place(&window.join(" ")).map(|p| (n, p.country.to_string()))
        });
        match hit {
            Some((n, country)) => {
                if !found.contains(&country) {
                    found.push(country);
                }
                i += n;
            }
            None => i += 1,
        }
    }
    found.len() > 1
}

/// The country a phrase names or speaks for ("South Korean officials" → South Korea,
/// "Seoul" → South Korea), trying two-word names before single words.
pub(crate) fn party_of(phrase: &str) -> Option<String> {
    let ws: Vec<&str> = words(phrase).map(|(_, w)| w).collect();
    for n in [3, 2, 1] {
        for window in ws.windows(n) {
            if !window.iter().all(|w| starts_upper(w)) {
                continue;
            }
            if let Some(place) = names::place(&window.join(" ")) {
                return Some(place.country.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::ArticleId;

    fn empty() -> Analysis {
        Analysis {
            version: 1,
            article: ArticleId::of_text(""),
            sentences: vec![],
            headings: vec![],
            quantities: vec![],
            dates: vec![],
            quotes: vec![],
            entities: vec![],
            events: vec![],
        }
    }

    #[test]
    fn subjects_of_reporting_and_denial_verbs() {
        let a = empty();
        let s = "Conversely, South Korean officials have downplayed the encounters.";
        let at = subject(s, &a, 0, s, 0).unwrap();
        assert_eq!(at.name, "South Korean officials");
        assert_eq!(at.party.as_deref(), Some("South Korea"));
        let s = "Ukraine’s Ministry of Defense confirmed on Tuesday that its forces engaged.";
        assert_eq!(
            subject(s, &a, 0, s, 0).unwrap().party.as_deref(),
            Some("Ukraine")
        );
        let s = "Reports indicate that troops are there.";
        assert!(subject(s, &a, 0, s, 0).is_none());
        let s = "The recent reports of clashes said little.";
        assert!(subject(s, &a, 0, s, 0).is_none());
    }

    #[test]
    fn groups_named_by_reference_resolve_to_what_they_refer_to() {
        assert_eq!(
            antecedent(
                "Ahead of the vote, foreign ministers from the Group of Seven democracies spoke.",
                "ministers"
            )
            .as_deref(),
            Some("foreign ministers from the Group of Seven")
        );
        assert_eq!(antecedent("The ministers met.", "ministers"), None);
        assert_eq!(
            listed_before(
                "Ukrainian, South Korean and US sources all say troops are there.",
                "US sources"
            )
            .as_deref(),
            Some("Ukrainian, South Korean and US sources")
        );
        assert_eq!(
            listed_before(
                "Conversely, South Korean officials have downplayed it.",
                "South Korean officials"
            ),
            None
        );
        assert!(several_parties("Ukrainian, South Korean and US sources"));
        assert!(!several_parties("South Korean officials"));
    }

    #[test]
    fn capitals_speak_for_their_country() {
        assert_eq!(party_of("Seoul").as_deref(), Some("South Korea"));
        assert_eq!(party_of("the ministers").as_deref(), None);
    }
}
