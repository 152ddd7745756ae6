//! Entities: the tagger's mentions (`crosscheck-tagger`, an averaged perceptron trained on
//! CoNLL) merged into one entity per person, organisation or place, across name variants
//! ([`crate::names`]), with the roles the article gives and the country a place stands for.

use std::sync::LazyLock;

use crosscheck_model::{Entity, EntityKind, Span};
use crosscheck_tagger::{EntityKind as Tagged, Tagger};

use crate::{names, quantities};

static TAGGER: LazyLock<Tagger> = LazyLock::new(Tagger::load_default);

/// Words that open an appositive role after a name: ", head of the ... department,".
const ROLE_NOUNS: &[&str] = &[
    "head",
    "chief",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "director",
    "president",
    "secretary",
    "commander",
    "founder",
    "chairman",
    "chairwoman",
    "ceo",
    "member",
    "ambassador",
    "adviser",
    "advisor",
    "governor",
    "mayor",
    "deputy",
    "general",
    "the",
];

/// Sentence adverbs and connectives the tagger sometimes takes for a name when they open a
/// sentence ("Furthermore, ..."): never an entity on their own.
const CONNECTIVES: &[&str] = &[
    "Accordingly",
    "Additionally",
    "Also",
    "Besides",
    "Consequently",
    "Finally",
    "Furthermore",
    "Hence",
    "However",
    "Indeed",
    "Instead",
    "Likewise",
    "Meanwhile",
    "Moreover",
    "Nevertheless",
    "Nonetheless",
    "Otherwise",
    "Overall",
    "Similarly",
    "Still",
    "Therefore",
    "Thus",
    "Yet",
];

/// The entities of an article's clean text, in order of first mention.
pub fn find(text: &str) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    // The name keys of each entity's variants, beside `out`: keys are costly to fold.
    let mut keys: Vec<Vec<String>> = Vec::new();
    for m in TAGGER.entities(text) {
        // "Fourteen banks took part": a number in letters opening a sentence is no name.
        if CONNECTIVES.contains(&m.text.as_str())
            || m.text.split_whitespace().all(quantities::is_number_word)
        {
            continue;
        }
        let key = names::key(&m.text);
        let kind = match m.kind {
            Tagged::Person => EntityKind::Person,
            Tagged::Organization => EntityKind::Organization,
            Tagged::Location => EntityKind::Place,
            _ => EntityKind::Other,
        };
        let span = Span::new(m.start, m.end);
        let role = if kind == EntityKind::Person {
            role_of(text, span)
        } else {
            None
        };
        // A bare surname is often tagged with another kind; a known person's name wins.
        let matches = |i: usize| keys[i].iter().any(|k| names::same_key(k, &key));
        // Places that name the same country the same way ("US", "United States") are one.
        let place = names::place(&m.text);
        let same_place = |e: &Entity| {
            kind == EntityKind::Place
                && e.kind == EntityKind::Place
                && place.as_ref().is_some_and(|p| {
                    e.country.as_deref() == Some(p.country) && e.government == p.capital
                })
        };
        let index = (0..out.len())
            .find(|&i| out[i].kind == EntityKind::Person && matches(i))
            .or_else(|| {
                (0..out.len()).find(|&i| out[i].kind == kind && matches(i) || same_place(&out[i]))
            });
        let index = index.unwrap_or_else(|| {
            out.push(Entity {
                name: m.text.clone(),
                kind,
                variants: Vec::new(),
                roles: Vec::new(),
                mentions: Vec::new(),
                country: place.as_ref().map(|p| p.country.to_string()),
                government: place.is_some_and(|p| p.capital),
            });
            keys.push(Vec::new());
            out.len() - 1
        });
        if !keys[index].contains(&key) {
            keys[index].push(key);
        }
        let entity = &mut out[index];
        if m.text.split_whitespace().count() > entity.name.split_whitespace().count() {
            entity.name = m.text.clone();
        }
        if !entity.variants.contains(&m.text) {
            entity.variants.push(m.text.clone());
        }
        if let Some(role) = role.filter(|r| !entity.roles.contains(r)) {
            entity.roles.push(role);
        }
        entity.mentions.push(span);
    }
    out
}

/// A role written around a person's name: title words right before it ("Defense Minister"),
/// or an appositive right after it (", head of the counter-disinformation department of ...").
fn role_of(text: &str, span: Span) -> Option<String> {
    let before = &text[..span.start];
    let mut words: Vec<&str> = Vec::new();
    for word in before.split(' ').rev().skip(1) {
        if word.is_empty() || !word.starts_with(char::is_uppercase) || !names::is_title(word) {
            break;
        }
        words.push(word);
    }
    if !words.is_empty() {
        words.reverse();
        return Some(words.join(" "));
    }
    let after = text[span.end..].strip_prefix(", ")?;
    let first = after.split(' ').next()?;
    if !first.starts_with(char::is_lowercase) || !ROLE_NOUNS.contains(&first) {
        return None;
    }
    let end = after.find([',', '.', ';', '\n']).unwrap_or(after.len());
    let role = after[..end].trim();
    (role.split_whitespace().count() >= 2).then(|| role.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_letters_are_not_entities() {
        let found = find(
            "Fourteen banks took part, the Bank of England said. Nine of them bid. \
             Twenty-One Pilots played in Tokyo.",
        );
        let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
        assert!(
            !names.iter().any(|n| ["Fourteen", "Nine"].contains(n)),
            "{names:?}"
        );
        assert!(
            names.contains(&"Bank of England") && names.contains(&"Tokyo"),
            "{names:?}"
        );
    }

    #[test]
    fn sentence_connectives_are_not_entities() {
        let found = find("Furthermore, Smith will resign. Moreover, Jones left Paris.");
        let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
        assert!(
            !names.contains(&"Furthermore") && !names.contains(&"Moreover"),
            "{names:?}"
        );
        assert!(
            names.contains(&"Smith") && names.contains(&"Paris"),
            "{names:?}"
        );
    }

    #[test]
    fn variants_merge_and_roles_are_kept() {
        let text = "Ukraine’s Defense Minister Rustem Umerov spoke to KBS. \u{201c}It began,\u{201d} said Andriy Kovalenko, head of the counter-disinformation department of Ukraine’s Security Council. Umerov said troops were in Kursk. President Volodymyr Zelenskiy spoke later, and Zelenskiy thanked allies in Moscow.";
        let entities = find(text);
        let person = |n: &str| {
            entities
                .iter()
                .find(|e| e.kind == EntityKind::Person && e.name.contains(n))
        };
        let umerov = person("Umerov").expect("Umerov");
        assert_eq!(umerov.name, "Rustem Umerov");
        assert_eq!(umerov.mentions.len(), 2, "{umerov:?}");
        assert_eq!(umerov.roles, ["Defense Minister"]);
        let kovalenko = person("Kovalenko").expect("Kovalenko");
        assert_eq!(
            kovalenko.roles,
            ["head of the counter-disinformation department of Ukraine’s Security Council"]
        );
        let zelenskiy = person("Zelenskiy").expect("Zelenskiy");
        assert_eq!(zelenskiy.mentions.len(), 2, "{zelenskiy:?}");
        let moscow = entities
            .iter()
            .find(|e| e.name == "Moscow")
            .expect("Moscow");
        assert!(moscow.government);
        assert_eq!(moscow.country.as_deref(), Some("Russia"));
    }
}
