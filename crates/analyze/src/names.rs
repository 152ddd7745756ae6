//! Name variants: a matching key that strips titles, possessives and dots and folds
//! transliteration variants (Zelensky / Zelenskiy / Zelenskyy / Selenskyj, Kiev / Kyiv), a test
//! of whether two names of one kind are the same entity (full name and surname, acronym and long
//! form), and the places gazetteer (demonyms and capitals standing for their countries).
//! The comparison stage calls [`same_entity`] across articles.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

static PLACES_TSV: &str = include_str!("../data/places.tsv");
static ALIASES_TSV: &str = include_str!("../data/aliases.tsv");

/// Titles and roles that precede a name and are not part of it.
const TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "defense",
    "defence",
    "foreign",
    "interior",
    "finance",
    "secretary",
    "general",
    "gen",
    "gen.",
    "lieutenant",
    "colonel",
    "col.",
    "major",
    "captain",
    "admiral",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "mayor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "sir",
    "dame",
    "judge",
    "justice",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "chief",
    "deputy",
    "vice",
    "former",
    "acting",
    "state",
    "leader",
    "head",
];

/// What a place name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The country's canonical name.
    pub country: &'static str,
    /// Whether the name was the capital, used for its government ("Moscow denied").
    pub capital: bool,
}

struct Gazetteer {
    /// Matching key → country, for demonyms, other names and the country itself.
    country: HashMap<String, &'static str>,
    /// Matching key → country, for capitals.
    capital: HashMap<String, &'static str>,
    /// Matching key of a variant → matching key of its canonical form.
    alias: HashMap<String, String>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut country = HashMap::new();
    let mut capital = HashMap::new();
    for line in PLACES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&'static str> = line.split('\t').collect();
        let name = cols[0];
        country.insert(fold(name), name);
        for variant in cols
            .get(1)
            .into_iter()
            .chain(cols.get(3))
            .flat_map(|c| c.split('|'))
        {
            if !variant.is_empty() {
                country.insert(fold(variant), name);
            }
        }
        if let Some(cap) = cols.get(2).filter(|c| !c.is_empty()) {
            capital.insert(fold(cap), name);
        }
    }
    let mut alias = HashMap::new();
    for line in ALIASES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (canonical, variants) = line
            .split_once('\t')
            .expect("aliases.tsv: canonical<TAB>variants");
        for v in variants.split('|') {
            alias.insert(fold(v), fold(canonical));
        }
    }
    Gazetteer {
        country,
        capital,
        alias,
    }
});

/// The country a place name, demonym or capital stands for.
pub fn place(name: &str) -> Option<Place> {
    let k = key(name);
    let g = &*GAZETTEER;
    if let Some(country) = g.capital.get(&k) {
        return Some(Place {
            country,
            capital: true,
        });
    }
    g.country.get(&k).map(|country| Place {
        country,
        capital: false,
    })
}

/// The key two variants of one name share: titles, possessives, dots and diacritics gone,
/// transliteration folded, known aliases mapped to their canonical form.
pub fn key(name: &str) -> String {
    let k = fold(&strip(name));
    GAZETTEER.alias.get(&k).cloned().unwrap_or(k)
}

/// Whether two names of the same kind denote one entity: equal keys, or one is the other's
/// surname ("Umerov" and "Rustem Umerov").
pub fn same_entity(a: &str, b: &str) -> bool {
    same_key(&key(a), &key(b))
}

/// [`same_entity`] on names already turned into their [`key`]s.
pub fn same_key(ka: &str, kb: &str) -> bool {
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    if ka == kb {
        return true;
    }
    let (short, long) = if ka.len() <= kb.len() {
        (ka, kb)
    } else {
        (kb, ka)
    };
    !short.contains(' ')
        && short.len() > 2
        && long.contains(' ')
        && long.rsplit(' ').next() == Some(short)
}

/// Whether a word is a title or role word ("President", "Minister", "Defense").
pub fn is_title(word: &str) -> bool {
    TITLES.contains(&word.to_lowercase().as_str())
}

/// Removes leading titles and roles, a leading "the", and a possessive ending.
fn strip(name: &str) -> String {
    let name = name.trim().trim_end_matches("'s").trim_end_matches("’s");
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut start = 0;
    while start + 1 < words.len() {
        let w = words[start].to_lowercase();
        let w = w.trim_end_matches("'s").trim_end_matches("’s");
        let is_country_adjective =
            start == 0 && GAZETTEER.country.contains_key(&fold(w)) && words.len() > 2;
        if w == "the" || TITLES.contains(&w) || is_country_adjective {
            start += 1;
        } else {
            break;
        }
    }
    words[start..].join(" ")
}

/// Lowercase, no dots or diacritics, transliteration variants folded per word.
fn fold(name: &str) -> String {
    let plain: String = name
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    plain
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(fold_word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Zelenskyy / Zelenskiy / Zelensky / Selenskyj → "selensky"; Kharkov-style endings are left to
/// the alias table, which knows which variant is canonical.
fn fold_word(w: &str) -> String {
    let mut s = w.replace("yy", "y").replace('z', "s");
    for (from, to) in [("iy", "y"), ("yj", "y"), ("ij", "y"), ("ii", "i")] {
        if let Some(stem) = s.strip_suffix(from) {
            s = format!("{stem}{to}");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_and_titles() {
        let k = key("Zelensky");
        for v in [
            "Zelenskiy",
            "Zelenskyy",
            "Selenskyj",
            "President Zelensky",
            "Zelensky's",
        ] {
            assert_eq!(key(v), k, "{v}");
        }
        assert!(same_entity(
            "President Volodymyr Zelensky",
            "Ukrainian President Volodymyr Zelenskiy"
        ));
        assert!(same_entity("Rustem Umerov", "Umerov"));
        assert!(same_entity(
            "Defense Minister Rustem Umerov",
            "Ukraine's Defense Minister Rustem Umerov"
        ));
        assert!(!same_entity("Rustem Umerov", "Andriy Kovalenko"));
        assert!(!same_entity("Kim", "Kim Jong Un Smith"));
    }

    #[test]
    fn aliases_and_acronyms() {
        assert_eq!(key("Kiev"), key("Kyiv"));
        assert_eq!(key("Kharkov"), key("Kharkiv"));
        assert_eq!(key("G7"), key("Group of Seven"));
        assert_eq!(key("U.N. Security Council"), key("UN Security Council"));
        assert_eq!(key("the U.N."), key("United Nations"));
        assert_ne!(key("Kyiv"), key("Kursk"));
    }

    #[test]
    fn places_demonyms_and_capitals() {
        assert_eq!(
            place("North Korean"),
            Some(Place {
                country: "North Korea",
                capital: false
            })
        );
        assert_eq!(
            place("Ukrainian"),
            Some(Place {
                country: "Ukraine",
                capital: false
            })
        );
        assert_eq!(
            place("Pyongyang"),
            Some(Place {
                country: "North Korea",
                capital: true
            })
        );
        assert_eq!(
            place("Moscow"),
            Some(Place {
                country: "Russia",
                capital: true
            })
        );
        assert_eq!(
            place("Kiev"),
            Some(Place {
                country: "Ukraine",
                capital: true
            })
        );
        assert_eq!(place("the U.S.").map(|p| p.country), Some("United States"));
        assert_eq!(place("Kursk"), None);
    }
}
