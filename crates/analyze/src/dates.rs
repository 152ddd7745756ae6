//! Dates in running text: absolute ("November 5, 2024", "5 Nov 2024", "2024-11-05", "in 2023"),
//! weekdays ("on Tuesday", "Tuesday's report") and relative expressions ("yesterday", "last
//! month", "three months ago"), resolved against the article's publication date.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use crosscheck_model::{DateMention, Granularity, Span};
use regex::Regex;

const MONTH_NAMES: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const NUMBER_WORDS: &str =
    r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";

static PATTERNS: LazyLock<Vec<(Regex, Kind)>> = LazyLock::new(|| {
    let p = |re: String, kind| (crate::pattern::compile(&re), kind);
    vec![
        p(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b".into(), Kind::Iso),
        p(format!(r"\b(?P<mon>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?\b"), Kind::MonthDay),
        p(format!(r"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH_NAMES})\.?(?:,?\s+(?P<y>\d{{4}}))?\b"), Kind::MonthDay),
        p(format!(r"\b(?:in|since|until|by|from|during|of|early|late|mid-?)\s+(?P<mon>{MONTH_NAMES})(?:\s+(?P<y>\d{{4}}))?\b"), Kind::Month),
        p(r"\b(?:in|since|until|by|from|during|before|after)\s+(?P<y>(?:1[89]|20)\d{2})\b".into(), Kind::Year),
        p(r"\b(?:(?P<next>next|last|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?\b".into(), Kind::Weekday),
        p(r"(?i)\b(?P<word>today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b".into(), Kind::Day),
        p(r"(?i)\b(?P<rel>last|next|this|earlier\s+this|later\s+this)\s+(?P<unit>week|month|year)\b".into(), Kind::RelativeUnit),
        p(format!(r"(?i)\b(?P<n>{NUMBER_WORDS})\s+(?P<unit>day|week|month|year)s?\s+ago\b"), Kind::Ago),
    ]
});

#[derive(Clone, Copy)]
enum Kind {
    Iso,
    MonthDay,
    Month,
    Year,
    Weekday,
    Day,
    RelativeUnit,
    Ago,
}

/// The dates of one sentence; `offset` is its start in the clean text.
pub fn find(
    sentence: &str,
    offset: usize,
    index: usize,
    published: Option<NaiveDate>,
) -> Vec<DateMention> {
    let mut found: Vec<DateMention> = Vec::new();
    for (re, kind) in PATTERNS.iter() {
        for caps in re.captures_iter(sentence) {
            let whole = caps.get(0).expect("match");
            let span = Span::new(offset + whole.start(), offset + whole.end());
            if found
                .iter()
                .any(|d| d.span.start < span.end && span.start < d.span.end)
            {
                continue; // an earlier, more specific pattern already covers it
            }
            if let Some((resolved, granularity, relative)) = resolve(*kind, &caps, published) {
                found.push(DateMention {
                    span,
                    sentence: index,
                    resolved,
                    granularity,
                    relative,
                });
            }
        }
    }
    found.sort_by_key(|d| d.span.start);
    found
}

type Resolved = (Option<String>, Granularity, bool);

fn resolve(
    kind: Kind,
    caps: &regex::Captures<'_>,
    published: Option<NaiveDate>,
) -> Option<Resolved> {
    let get = |name: &str| caps.name(name).map(|m| m.as_str());
    let year = get("y").and_then(|y| y.parse::<i32>().ok());
    match kind {
        Kind::Iso => {
            let date =
                NaiveDate::from_ymd_opt(year?, get("m")?.parse().ok()?, get("d")?.parse().ok()?)?;
            Some((Some(day(date)), Granularity::Day, false))
        }
        Kind::MonthDay => {
            let month = month_number(get("mon")?)?;
            let d: u32 = get("d")?.parse().ok()?;
            let year = year.or_else(|| published.map(|p| nearest_year(p, month, d)));
            let date = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, d));
            // "May 5" with no year and no publication date: a date we cannot place.
            Some((date.map(day), Granularity::Day, caps.name("y").is_none()))
        }
        Kind::Month => {
            let month = month_number(get("mon")?)?;
            let year = year.or_else(|| {
                published.map(|p| {
                    if month > p.month() {
                        p.year() - 1
                    } else {
                        p.year()
                    }
                })
            });
            Some((
                year.map(|y| format!("{y:04}-{month:02}")),
                Granularity::Month,
                caps.name("y").is_none(),
            ))
        }
        Kind::Year => Some((year.map(|y| format!("{y:04}")), Granularity::Year, false)),
        Kind::Weekday => {
            let weekday: Weekday = get("wd")?.parse().ok()?;
            let date = published.map(|p| weekday_near(p, weekday, get("next")));
            Some((date.map(day), Granularity::Day, true))
        }
        Kind::Day => {
            let word = get("word")?.to_lowercase();
            let shift = match word.as_str() {
                "yesterday" | "last night" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            Some((
                published.map(|p| day(p + Duration::days(shift))),
                Granularity::Day,
                true,
            ))
        }
        Kind::RelativeUnit => {
            let rel = get("rel")?.to_lowercase();
            let step = match rel.as_str() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            let unit = get("unit")?.to_lowercase();
            Some(shifted(published, &unit, step))
        }
        Kind::Ago => {
            let n = number(get("n")?)?;
            let unit = get("unit")?.to_lowercase();
            Some(shifted(published, &unit, -n))
        }
    }
}

/// The publication date moved by `steps` units, at that unit's granularity.
fn shifted(published: Option<NaiveDate>, unit: &str, steps: i64) -> Resolved {
    let granularity = match unit {
        "day" => Granularity::Day,
        "week" => Granularity::Week,
        "month" => Granularity::Month,
        _ => Granularity::Year,
    };
    let resolved = published.and_then(|p| {
        Some(match granularity {
            Granularity::Day => day(p + Duration::days(steps)),
            Granularity::Week => {
                let monday = p - Duration::days(i64::from(p.weekday().num_days_from_monday()));
                day(monday + Duration::weeks(steps))
            }
            Granularity::Month => {
                let first = p.with_day(1)?;
                let moved = if steps < 0 {
                    first.checked_sub_months(Months::new(steps.unsigned_abs() as u32))?
                } else {
                    first.checked_add_months(Months::new(steps as u32))?
                };
                format!("{:04}-{:02}", moved.year(), moved.month())
            }
            _ => format!("{:04}", p.year() + steps as i32),
        })
    });
    (resolved, granularity, true)
}

/// The `weekday` a news report means: the most recent one on or before publication, or the
/// next one after it for "next Friday".
fn weekday_near(published: NaiveDate, weekday: Weekday, qualifier: Option<&str>) -> NaiveDate {
    let back =
        (7 + published.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    let past = published - Duration::days(i64::from(back));
    match qualifier.map(str::to_lowercase).as_deref() {
        Some("next") => past + Duration::days(7),
        Some("last") if back == 0 => past - Duration::days(7),
        _ => past,
    }
}

/// The year of a yearless "Month D": the one that puts it nearest the publication date.
fn nearest_year(published: NaiveDate, month: u32, d: u32) -> i32 {
    let y = published.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| {
            NaiveDate::from_ymd_opt(y, month, d)
                .map(|date| (y, (date - published).num_days().abs()))
        })
        .min_by_key(|(_, distance)| *distance)
        .map_or(y, |(y, _)| y)
}

fn month_number(name: &str) -> Option<u32> {
    let key: String = name.chars().take(3).collect::<String>().to_lowercase();
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == key)
    .map(|i| i as u32 + 1)
}

fn number(word: &str) -> Option<i64> {
    const WORDS: &[&str] = &[
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let w = word.to_lowercase();
    match w.as_str() {
        "a" | "an" => Some(1),
        _ => w
            .parse()
            .ok()
            .or_else(|| WORDS.iter().position(|x| *x == w).map(|i| i as i64)),
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tuesday 5 November 2024, the seed articles' publication day.
    fn published() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2024, 11, 5)
    }

    fn resolved(s: &str) -> Vec<(String, Option<String>)> {
        find(s, 0, 0, published())
            .into_iter()
            .map(|d| (d.span.slice(s).unwrap().to_string(), d.resolved))
            .collect()
    }

    #[test]
    fn weekdays_and_relative_words() {
        let r = resolved("The ministry confirmed on Tuesday, ahead of Tuesday’s report, what happened last month.");
        assert_eq!(r[0], ("Tuesday".into(), Some("2024-11-05".into())));
        assert_eq!(r[1], ("Tuesday’s".into(), Some("2024-11-05".into())));
        assert_eq!(r[2], ("last month".into(), Some("2024-10".into())));
        assert_eq!(
            resolved("It began on Friday")[0].1.as_deref(),
            Some("2024-11-01")
        );
        assert_eq!(
            resolved("They meet next Friday")[0].1.as_deref(),
            Some("2024-11-08")
        );
        assert_eq!(
            resolved("Yesterday they left")[0].1.as_deref(),
            Some("2024-11-04")
        );
        assert_eq!(
            resolved("three months ago")[0].1.as_deref(),
            Some("2024-08")
        );
        assert_eq!(resolved("two days ago")[0].1.as_deref(), Some("2024-11-03"));
        assert_eq!(resolved("last week")[0].1.as_deref(), Some("2024-10-28"));
        assert_eq!(resolved("last year")[0].1.as_deref(), Some("2023"));
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            resolved("on November 5, 2024 in Kursk")[0].1.as_deref(),
            Some("2024-11-05")
        );
        assert_eq!(
            resolved("on 5 Nov 2024")[0].1.as_deref(),
            Some("2024-11-05")
        );
        assert_eq!(
            resolved("by 2024-11-05")[0].1.as_deref(),
            Some("2024-11-05")
        );
        assert_eq!(resolved("on Oct. 30")[0].1.as_deref(), Some("2024-10-30"));
        assert_eq!(resolved("since 2019")[0].1.as_deref(), Some("2019"));
        assert_eq!(
            resolved("in December")[0].1.as_deref(),
            Some("2023-12"),
            "a past December"
        );
        assert_eq!(
            resolved("on Dec. 28")[0].1.as_deref(),
            Some("2024-12-28"),
            "the nearest one"
        );
    }

    #[test]
    fn without_a_publication_date_relative_dates_stay_unresolved() {
        let d = find("on Tuesday and on November 5, 2024", 0, 0, None);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].resolved, None);
        assert!(d[0].relative);
        assert_eq!(d[1].resolved.as_deref(), Some("2024-11-05"));
        assert!(find("The first battle opened a new chapter.", 0, 0, None).is_empty());
    }
}
