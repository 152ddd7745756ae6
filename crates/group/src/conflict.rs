//! Conflict evidence: what tells two look-alike events apart when their vocabulary agrees
//! (two earthquakes, two footballers arrested for drunk driving): different years, and
//! different main actors.

use crate::features::{DATE, NUMBER};
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
