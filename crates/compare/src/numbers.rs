//! Numbers compared as intervals. Each reported quantity becomes an interval ("at least
//! 10,000" is `[10000, ∞)`, "approximately 11,000" is 11,000 give or take a tenth); a lower and
//! an upper bound about the same counted thing, close together in one article, make one
//! interval ("at least 10,000 soldiers ..., some reports citing numbers up to 12,000"). Reports
//! about the same thing (the same counted noun or a synonym, the same country when both say)
//! agree when every two of their intervals overlap; the agreed range is their hull.

use crosscheck_model::{QuantityKind, Span};
use serde::{Deserialize, Serialize};

use crate::attribution::party_of;
use crate::terms::{term, words};
use crate::{Citation, StoryArticle};

/// How far an approximate number may be off ("about 11,000": 9,900 to 12,100).
pub const APPROXIMATE_TOLERANCE: f64 = 0.1;
/// Figures are compared when their sentences share at least this many content terms (or a
/// quarter of the shorter sentence's).
const CONTEXT_SHARED: usize = 3;
/// A lower and an upper bound at most this many sentences apart combine into one interval.
const COMBINE_WINDOW: usize = 1;

/// One article's figure for a thing: a number, a bound, or a range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberReport {
    /// Lower bound, when the report gives one.
    pub low: Option<f64>,
    /// Upper bound, when the report gives one.
    pub high: Option<f64>,
    /// Whether the report hedges ("about", "approximately").
    pub approximate: bool,
    /// The origin group of the reporting article.
    pub origin: usize,
    /// The expressions, one per quantity combined ("at least 10,000 soldiers", "up to 12,000").
    pub citations: Vec<Citation>,
}

impl NumberReport {
    /// The interval the report allows, widened for an approximate figure.
    pub fn interval(&self) -> (f64, f64) {
        let slack = if self.approximate {
            APPROXIMATE_TOLERANCE
        } else {
            0.0
        };
        let low = self.low.map_or(f64::NEG_INFINITY, |l| l * (1.0 - slack));
        let high = self.high.map_or(f64::INFINITY, |h| h * (1.0 + slack));
        (low, high)
    }
}

/// What the story's sources report about one counted thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberFinding {
    /// What is counted, as one report words it ("North Korean troops").
    pub what: String,
    /// The reports, in article order.
    pub reports: Vec<NumberReport>,
    /// Independent origins among the reports.
    pub origins: usize,
    /// Whether all reports can be true together.
    pub consistent: bool,
    /// The range the reports span together (`[10000, 12000]`), when bounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// Pairs of reports (indices into `reports`) whose intervals cannot overlap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<[usize; 2]>,
}

/// A figure before grouping: its report and what it counts.
struct Figure {
    report: NumberReport,
    /// Content terms of its sentence, sorted.
    context: Vec<String>,
    unit: String,
    country: Option<String>,
    what: String,
}

/// Reports about one thing being gathered.
struct Group {
    unit: String,
    country: Option<String>,
    finding: NumberFinding,
    contexts: Vec<Vec<String>>,
}

/// Whether two sentences share what they are about.
fn related(x: &[String], y: &[String]) -> bool {
    let shared = x.iter().filter(|t| y.binary_search(t).is_ok()).count();
    // Short sentences share fewer words: a quarter of the shorter one will do.
    shared >= CONTEXT_SHARED || shared * 4 >= x.len().min(y.len()) && shared >= 2
}

/// Compares the numbers of a story.
pub(crate) fn compare(articles: &[StoryArticle<'_>]) -> Vec<NumberFinding> {
    let figures: Vec<Figure> = articles.iter().flat_map(figures_of).collect();
    let mut groups: Vec<Group> = Vec::new();
    for f in figures {
        // "11 Yemeni pirates" are a part of "23 pirates", not another count of them; and a
        // figure joins reports whose sentences are about the same thing.
        let found = groups.iter_mut().find(|g| {
            g.unit == f.unit
                && g.country == f.country
                && g.contexts.iter().any(|c| related(c, &f.context))
        });
        match found {
            Some(g) => {
                if f.country.is_some() && g.finding.what.split_whitespace().count() < 2 {
                    g.finding.what = f.what;
                }
                g.finding.reports.push(f.report);
                g.contexts.push(f.context);
            }
            None => groups.push(Group {
                unit: f.unit,
                country: f.country,
                finding: NumberFinding {
                    what: f.what,
                    reports: vec![f.report],
                    origins: 0,
                    consistent: true,
                    range: None,
                    conflicts: Vec::new(),
                },
                contexts: vec![f.context],
            }),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            judge(&mut g.finding, &g.contexts);
            g.finding
        })
        .collect()
}

/// Sets origins, consistency, conflicts and range. Two figures conflict only when their
/// sentences also share what they are about (`contexts`: the sentences' content terms): "23
/// pirates" captured and "an estimated 1,500 pirates" in the region are not one count.
fn judge(finding: &mut NumberFinding, contexts: &[Vec<String>]) {
    let mut origins: Vec<usize> = finding.reports.iter().map(|r| r.origin).collect();
    origins.sort_unstable();
    origins.dedup();
    finding.origins = origins.len();
    let intervals: Vec<(f64, f64)> = finding.reports.iter().map(NumberReport::interval).collect();
    for i in 0..intervals.len() {
        for j in i + 1..intervals.len() {
            let (a, b) = (intervals[i], intervals[j]);
            let related = match (contexts.get(i), contexts.get(j)) {
                (Some(x), Some(y)) => related(x, y),
                _ => true,
            };
            if related && (a.0 > b.1 || b.0 > a.1) {
                finding.conflicts.push([i, j]);
            }
        }
    }
    finding.consistent = finding.conflicts.is_empty();
    let low = finding
        .reports
        .iter()
        .filter_map(|r| r.low)
        .fold(f64::INFINITY, f64::min);
    let high = finding
        .reports
        .iter()
        .filter_map(|r| r.high)
        .fold(f64::NEG_INFINITY, f64::max);
    finding.range =
        (low.is_finite() && high.is_finite() && finding.consistent).then_some([low, high]);
}

/// The figures of one article, a lower and an upper bound close together combined.
fn figures_of(a: &StoryArticle<'_>) -> Vec<Figure> {
    let quantities: Vec<_> = a
        .analysis
        .quantities
        .iter()
        .filter(|q| {
            matches!(
                q.kind,
                QuantityKind::Count | QuantityKind::Money | QuantityKind::Percent
            )
        })
        .collect();
    let mut used = vec![false; quantities.len()];
    let mut out = Vec::new();
    for (i, q) in quantities.iter().enumerate() {
        if used[i] {
            continue;
        }
        let Some(unit) = counted_noun(q.counted.as_deref(), q.unit.as_deref()) else {
            continue;
        };
        // A clock time ("about 2045 GMT", "8.40 pm") is not a count; a distance or a weight
        // measures many things in one story ("150 nautical miles off Aden", "13 nautical miles
        // away"); "two other rifles" and "three more" count a part.
        let partial = q.counted.as_deref().is_some_and(|c| {
            c.split_whitespace()
                .any(|w| matches!(w.to_lowercase().as_str(), "other" | "more" | "additional"))
        });
        if CLOCK.contains(&unit.as_str()) || MEASURES.contains(&unit.as_str()) || partial {
            continue;
        }
        used[i] = true;
        let bounded = q.low.is_some() || q.high.is_some();
        let mut report = NumberReport {
            low: if bounded { q.low } else { q.value },
            high: if bounded { q.high } else { q.value },
            approximate: q.approximate,
            origin: a.origin,
            citations: vec![cite(a, q.span)],
        };
        let open_high = report.high.is_none();
        let open_low = report.low.is_none();
        if open_high || open_low {
            // The other bound: a nearby quantity with only that bound, counting the same
            // thing or saying nothing of what it counts.
            let partner = quantities.iter().enumerate().find(|(j, p)| {
                !used[*j]
                    && p.sentence.abs_diff(q.sentence) <= COMBINE_WINDOW
                    && p.unit
                        .as_deref()
                        .and_then(unit_term)
                        .is_none_or(|u| u == unit)
                    && if open_high {
                        p.high.is_some() && p.low.is_none() && p.high >= q.low
                    } else {
                        p.low.is_some() && p.high.is_none() && p.low <= q.high
                    }
            });
            if let Some((j, p)) = partner {
                used[j] = true;
                if open_high {
                    report.high = p.high;
                } else {
                    report.low = p.low;
                }
                report.approximate |= p.approximate;
                report.citations.push(cite(a, p.span));
            }
        }
        let counted = q
            .counted
            .as_deref()
            .unwrap_or(q.unit.as_deref().unwrap_or(""));
        let country = party_of(counted).or_else(|| nearest_country(a, q.sentence, q.span.start));
        let what = match (&country, party_of(counted)) {
            (Some(_), Some(_)) | (None, _) => counted.to_string(),
            (Some(c), None) => format!("{counted} ({c})"),
        };
        // What happened to what is counted tells apart "50 people killed" and "300 people
        // injured".
        let (unit, what) = match outcome(&a.article.text, q.span) {
            Some((outcome, word)) if what.to_lowercase().contains(&word) => {
                (format!("{unit} {outcome}"), what)
            }
            Some((outcome, word)) => (format!("{unit} {outcome}"), format!("{what} ({word})")),
            None => (unit, what),
        };
        let sentence = a
            .analysis
            .sentences
            .get(q.sentence)
            .and_then(|s| s.span.slice(&a.article.text))
            .unwrap_or("");
        let mut context: Vec<String> = words(sentence)
            .filter_map(|(_, w)| term(w))
            .filter(|t| !t.chars().all(|c| c.is_ascii_digit() || c == '.'))
            .collect();
        context.sort();
        context.dedup();
        out.push(Figure {
            report,
            context,
            unit,
            country,
            what,
        });
    }
    out
}

/// Words that end the noun phrase of what is counted.
const PHRASE_END: &[&str] = &[
    "are", "at", "by", "for", "from", "had", "have", "in", "into", "is", "of", "on", "to", "was",
    "were", "who", "with",
];

/// The counted noun: the head (last word) of the noun phrase the number counts, which ends
/// at a preposition, an auxiliary or a verb ("North Korean troops" → troops, "fire tenders" →
/// tenders, "people died" → people, "soldiers to Russia" → soldiers), else the unit.
fn counted_noun(counted: Option<&str>, unit: Option<&str>) -> Option<String> {
    let phrase: Vec<&str> = counted
        .into_iter()
        .flat_map(str::split_whitespace)
        .take_while(|w| {
            let w = w.to_lowercase();
            !PHRASE_END.contains(&w.as_str())
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                && !matches!(w.as_str(), "died" | "fled" | "remain" | "remained")
        })
        .collect();
    match phrase.last() {
        // A name or a demonym is not what is counted ("23 Somali", "seven AK-47").
        Some(w) if !w.chars().next().is_some_and(char::is_lowercase) => None,
        Some(w) => term(w),
        None => unit.and_then(unit_term),
    }
}

/// Units of measure, as terms.
const MEASURES: &[&str] = &[
    "acres", "cm", "degre", "feet", "foot", "grams", "hecta", "inche", "kg", "kilog", "kilom",
    "km", "knots", "lb", "litre", "liter", "meter", "metre", "miles", "mm", "mph", "pound",
    "tonne", "tons",
];

/// Units that mark a time of day.
const CLOCK: &[&str] = &["am", "bst", "cet", "edt", "est", "gmt", "pm", "pst", "utc"];

/// Outcomes a count can be of: the terms of their synonym groups (see `terms`).
const OUTCOMES: &[&str] = &[
    "killed",
    "injured",
    "arrested",
    "evacuated",
    "displaced",
    "missing",
    "rescued",
    "captured",
    "released",
    "infected",
    "hospitalized",
    "hospitalised",
    "homeless",
    "affected",
];

/// The outcome a quantity counts, from the words after it ("50 people were killed") or else
/// the two before it ("killing 30 people"), as a term.
fn outcome(text: &str, span: Span) -> Option<(String, String)> {
    let before = text.get(..span.start)?;
    let after = text.get(span.start..)?;
    let before: Vec<&str> = words(before).map(|(_, w)| w).collect();
    let candidates = words(after).map(|(_, w)| w).take(6).chain(
        before[before.len().saturating_sub(2)..]
            .iter()
            .rev()
            .copied(),
    );
    candidates
        .filter_map(|w| {
            let lower = w.to_lowercase();
            let stem = lower
                .strip_suffix("ing")
                .map_or(lower.clone(), |s| format!("{s}ed"));
            term(&lower)
                .filter(|t| OUTCOMES.iter().any(|o| term(o).as_deref() == Some(t)))
                .or_else(|| {
                    term(&stem).filter(|t| OUTCOMES.iter().any(|o| term(o).as_deref() == Some(t)))
                })
                .map(|t| (t, lower.clone()))
        })
        .next()
}

/// The comparable form of a unit ("soldiers" and "troops" are one).
fn unit_term(unit: &str) -> Option<String> {
    let last = unit.split_whitespace().last()?;
    term(last)
}

/// The country of the entity named nearest before `at` in the same sentence.
fn nearest_country(a: &StoryArticle<'_>, sentence: usize, at: usize) -> Option<String> {
    let start = a.analysis.sentences.get(sentence)?.span.start;
    a.analysis
        .entities
        .iter()
        .filter_map(|e| e.country.as_ref().map(|c| (c, &e.mentions)))
        .flat_map(|(c, ms)| ms.iter().map(move |m| (m.start, c)))
        .filter(|(s, _)| *s >= start && *s < at)
        .max_by_key(|(s, _)| *s)
        .map(|(_, c)| c.clone())
}

fn cite(a: &StoryArticle<'_>, span: Span) -> Citation {
    Citation::new(a.article, span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(low: Option<f64>, high: Option<f64>, approximate: bool) -> NumberReport {
        NumberReport {
            low,
            high,
            approximate,
            origin: 0,
            citations: vec![],
        }
    }

    #[test]
    fn an_approximate_figure_inside_a_range_agrees() {
        let mut f = NumberFinding {
            what: "troops".into(),
            reports: vec![
                report(Some(10_000.0), Some(12_000.0), false),
                report(Some(11_000.0), Some(11_000.0), true),
            ],
            origins: 0,
            consistent: false,
            range: None,
            conflicts: vec![],
        };
        judge(&mut f, &[]);
        assert!(f.consistent);
        assert_eq!(f.range, Some([10_000.0, 12_000.0]));
    }

    #[test]
    fn intervals_that_cannot_overlap_conflict() {
        let mut f = NumberFinding {
            what: "dead".into(),
            reports: vec![
                report(Some(50.0), None, false),
                report(Some(20.0), Some(20.0), true),
            ],
            origins: 0,
            consistent: true,
            range: None,
            conflicts: vec![],
        };
        judge(&mut f, &[]);
        assert!(!f.consistent);
        assert_eq!(f.conflicts, vec![[0, 1]]);
        assert_eq!(f.range, None);
    }

    #[test]
    fn outcomes_tell_counts_apart() {
        let t = "Officials said 50 people were killed and 300 people injured, killing 2 more.";
        let at = |n: &str| {
            let i = t.find(n).unwrap();
            outcome(t, Span::new(i, i + n.len()))
        };
        let t_of = |n: &str| at(n).map(|(t, _)| t);
        assert_eq!(t_of("50 people"), term("killed"));
        assert_eq!(t_of("300 people"), term("injured"));
        assert_eq!(t_of("2 more"), term("killed"));
    }

    #[test]
    fn the_counted_noun_is_the_head_of_its_phrase() {
        let noun = |c: &str| counted_noun(Some(c), None);
        assert_eq!(noun("North Korean troops"), term("troops"));
        assert_eq!(noun("fire tenders"), term("tenders"));
        assert_eq!(noun("people died"), term("people"));
        assert_eq!(noun("soldiers to Russia"), term("soldiers"));
        assert_eq!(counted_noun(None, Some("soldiers")), term("troops"));
    }

    #[test]
    fn synonym_units_compare() {
        assert_eq!(unit_term("soldiers"), unit_term("troops"));
        assert_ne!(unit_term("tanks"), unit_term("troops"));
    }
}
