//! Conflict evidence: what tells two look-alike events apart when their vocabulary agrees
//! (two earthquakes, two footballers arrested for drunk driving): different years, and
//! different main actors.

use crate::features::{DATE, ENTITY, NUMBER};
use serde::{Deserialize, Serialize};

use crate::vocab::{Signal, Vocab};

/// Entities that count as a side's main actors: its heaviest by TF-IDF.
pub(crate) const MAIN_ENTITIES: usize = 4;

/// What a vector says that can conflict with another: the years it names (in dates or as
/// bare numbers) and its main entities, each sorted.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Evidence {
    pub years: Vec<u16>,
    pub actors: Vec<u32>,
}

impl Evidence {
    /// The evidence of a (term id, weight) vector; `years` and `actors` say which to gather.
    pub fn of(vocab: &Vocab, terms: &[(u32, f32)], prior: f32, years: bool, actors: bool) -> Self {
        let mut out = Evidence::default();
        let mut entities: Vec<(u32, f32)> = Vec::new();
        for &(t, w) in terms {
            match vocab.signal(t) {
                Signal::Number | Signal::Date if years => out.years.extend(year_of(vocab.term(t))),
                Signal::Entity if actors => entities.push((t, w * vocab.idf(t, prior))),
                _ => {}
            }
        }
        out.years.sort_unstable();
        out.years.dedup();
        entities.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.actors = entities
            .into_iter()
            .take(MAIN_ENTITIES)
            .map(|(t, _)| t)
            .collect();
        out.actors.sort_unstable();
        out
    }

    pub fn is_empty(&self) -> bool {
        self.years.is_empty() && self.actors.is_empty()
    }
}

/// Names a story remembers from its articles' leads.
const MAX_LEADS: usize = 16;

/// Who a story's articles' leads name (see [`crate::Doc::leads`]): each name word with the
/// number of articles whose lead names it, and how many articles name anyone there.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Leads {
    names: Vec<(String, u32)>,
    articles: u32,
}

impl Leads {
    pub fn is_empty(&self) -> bool {
        self.articles == 0
    }

    /// Counts one article's lead names (sorted, each once).
    pub fn add(&mut self, names: &[String]) {
        if names.is_empty() {
            return;
        }
        self.articles += 1;
        for n in names {
            self.bump(n, 1);
        }
        self.trim();
    }

    /// Adds another story's counts (two stories merging).
    pub fn merge(&mut self, other: &Leads) {
        self.articles += other.articles;
        for (n, c) in &other.names {
            self.bump(n, *c);
        }
        self.trim();
    }

    /// The factor an article's lead names put on its similarity to this story: 1 when
    /// either side names no one, else `1 - penalty` times the share of the story's leads
    /// that do not name the article's best-known lead person. No penalty either when the
    /// story's most named lead person is among the article's main entities.
    pub fn factor(&self, names: &[String], named: &[&str], penalty: f32) -> f32 {
        if names.is_empty() || self.articles == 0 || penalty <= 0.0 {
            return 1.0;
        }
        let top = self.names.iter().map(|(_, c)| *c).max().unwrap_or(0);
        if self
            .names
            .iter()
            .any(|(n, c)| *c == top && named.binary_search(&n.as_str()).is_ok())
        {
            return 1.0;
        }
        let best = names
            .iter()
            .filter_map(|n| self.count(n))
            .max()
            .unwrap_or(0);
        let share = (best as f32 / self.articles as f32).min(1.0);
        1.0 - penalty * (1.0 - share)
    }

    fn count(&self, name: &str) -> Option<u32> {
        self.names
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()
            .map(|i| self.names[i].1)
    }

    fn bump(&mut self, name: &str, by: u32) {
        match self.names.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
            Ok(i) => self.names[i].1 += by,
            Err(i) => self.names.insert(i, (name.to_string(), by)),
        }
    }

    /// Drops the least named beyond [`MAX_LEADS`] (the last in order among equals).
    fn trim(&mut self) {
        while self.names.len() > MAX_LEADS {
            let (at, _) = self
                .names
                .iter()
                .enumerate()
                .min_by(|a, b| a.1 .1.cmp(&b.1 .1).then(b.0.cmp(&a.0)))
                .expect("non-empty");
            self.names.remove(at);
        }
    }
}

/// The words of an article's main entities (its [`MAIN_ENTITIES`] most mentioned), sorted,
/// each once: what [`Leads::factor`] looks a story's lead person up in. A person the
/// article only recalls ("Jackson was arrested in October too") is not among them.
pub(crate) fn named_words(terms: &[(String, f32)]) -> Vec<&str> {
    let mut names: Vec<(&str, f32)> = terms
        .iter()
        .filter_map(|(t, w)| t.strip_prefix(ENTITY).map(|n| (n, *w)))
        .collect();
    names.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    names.truncate(MAIN_ENTITIES);
    let mut out: Vec<&str> = names.into_iter().flat_map(|(k, _)| k.split(' ')).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether both sides name years and share none.
pub(crate) fn years_differ(a: &Evidence, b: &Evidence) -> bool {
    disjoint(&a.years, &b.years)
}

/// Whether both sides have main entities and share none.
pub(crate) fn actors_differ(a: &Evidence, b: &Evidence) -> bool {
    disjoint(&a.actors, &b.actors)
}

/// Both non-empty, sorted, and no element in common.
fn disjoint<T: Ord>(a: &[T], b: &[T]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.binary_search(x).is_ok())
}

/// The year a term names: a resolved date's, or a bare number between 1900 and 2100.
pub(crate) fn year_of(term: &str) -> Option<u16> {
    let digits = if let Some(d) = term.strip_prefix(DATE) {
        d.get(..4)?
    } else {
        let n = term.strip_prefix(NUMBER)?;
        if n.len() != 4 {
            return None;
        }
        n
    };
    let y: u16 = digits.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn lead_people_penalise_by_the_share_of_the_story_they_miss() {
        let mut story = Leads::default();
        assert_eq!(story.factor(&names(&["williams"]), &[], 0.5), 1.0);
        story.add(&names(&["jackson", "vincent"]));
        story.add(&[]);
        story.add(&names(&["jackson"]));
        assert_eq!(story.articles, 2);
        // Nobody the story's leads name: the whole penalty.
        assert_eq!(story.factor(&names(&["williams"]), &[], 0.5), 0.5);
        // The story's lead person leads the article too: none.
        assert_eq!(story.factor(&names(&["jackson"]), &[], 0.5), 1.0);
        // Named by one of two leads: half of it.
        assert_eq!(story.factor(&names(&["vincent"]), &[], 0.5), 0.75);
        // The story's lead person among the article's main entities: none.
        assert_eq!(story.factor(&names(&["turner"]), &["jackson"], 0.5), 1.0);
        assert_eq!(story.factor(&[], &[], 0.5), 1.0);
        assert_eq!(story.factor(&names(&["williams"]), &[], 0.0), 1.0);
        let mut other = Leads::default();
        other.add(&names(&["williams"]));
        other.add(&names(&["williams"]));
        story.merge(&other);
        assert_eq!(story.articles, 4);
        assert_eq!(story.factor(&names(&["williams"]), &[], 0.5), 0.75);
        for i in 0..40 {
            story.add(&[format!("p{i:02}")]);
        }
        assert_eq!(story.names.len(), MAX_LEADS);
        assert_eq!(story.count("jackson"), Some(2));
        assert!(story.names.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn named_words_are_those_of_the_main_entities() {
        let terms: Vec<(String, f32)> = [
            ("e:jamal williams", 3.0),
            ("e:san diego", 2.5),
            ("e:chargers", 2.5),
            ("e:police", 2.0),
            ("e:jackson", 1.0),
            ("arrest", 4.0),
        ]
        .iter()
        .map(|&(t, w)| (t.to_string(), w))
        .collect();
        let named = named_words(&terms);
        assert_eq!(
            named,
            ["chargers", "diego", "jamal", "police", "san", "williams"]
        );
    }

    #[test]
    fn years_and_main_actors() {
        assert_eq!(year_of("d:2008-12-11"), Some(2008));
        assert_eq!(year_of("n:2013"), Some(2013));
        assert_eq!(year_of("n:2013 usd"), None);
        assert_eq!(year_of("n:1492"), None);
        let mut v = Vocab::default();
        let mut doc = |terms: &[(&str, f32)]| -> Vec<(u32, f32)> {
            let mut out: Vec<(u32, f32)> = terms.iter().map(|&(t, w)| (v.intern(t), w)).collect();
            out.sort_unstable_by_key(|x| x.0);
            out
        };
        let a = doc(&[
            ("charger", 1.0),
            ("e:jackson", 3.0),
            ("e:san diego", 1.0),
            ("n:2008", 1.0),
        ]);
        let b = doc(&[
            ("charger", 1.0),
            ("e:jamal williams", 3.0),
            ("d:2009-02-05", 1.0),
        ]);
        let c = doc(&[("charger", 1.0), ("e:jackson", 1.0)]);
        let ev = |x: &[(u32, f32)]| Evidence::of(&v, x, 10.0, true, true);
        let (ea, eb, ec) = (ev(&a), ev(&b), ev(&c));
        assert_eq!((ea.years.clone(), ea.actors.len()), (vec![2008], 2));
        assert!(years_differ(&ea, &eb) && actors_differ(&ea, &eb));
        assert!(!actors_differ(&ea, &ec) && !years_differ(&ea, &ec));
        assert!(ec.years.is_empty() && !ec.is_empty());
        assert!(Evidence::of(&v, &a, 10.0, false, false).is_empty());
    }
}
