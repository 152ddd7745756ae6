//! Publication dates as users and feeds write them: RFC 3339, RFC 2822, ISO dates with or
//! without a time, "5 November 2024", "Nov. 5, 2024", Unix seconds. Anything else is an error.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

const NAIVE_DATETIME: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
];

const OFFSET_DATETIME: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M:%S %z",
    "%a, %d %b %Y %H:%M:%S %z",
    "%d %b %Y %H:%M:%S %z",
];

const DATE: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%A, %B %d, %Y",
    "%a, %d %b %Y",
    "%d.%m.%Y",
];

/// Parses a publication date; `Ok(None)` for an empty string, `Err(())` when unreadable.
#[allow(clippy::result_unit_err)]
pub fn parse(value: &str) -> Result<Option<DateTime<Utc>>, ()> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let parsed = parse_any(v).ok_or(())?;
    // Years outside this range are typos or epoch mix-ups, not news.
    let year = parsed.format("%Y").to_string().parse::<i32>().unwrap_or(0);
    if !(1800..=2200).contains(&year) {
        return Err(());
    }
    Ok(Some(parsed))
}

fn parse_any(v: &str) -> Option<DateTime<Utc>> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(v) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(v) {
        return Some(dt.with_timezone(&Utc));
    }
    if v.len() == 10 && v.bytes().all(|b| b.is_ascii_digit()) {
        return v
            .parse::<i64>()
            .ok()
            .and_then(|s| Utc.timestamp_opt(s, 0).single());
    }
    let cleaned = v
        .replace(['.'], "")
        .replace(" GMT", " +0000")
        .replace(" UTC", " +0000");
    let cleaned = cleaned.trim_end_matches('Z');
    for f in OFFSET_DATETIME {
        if let Ok(dt) = DateTime::parse_from_str(cleaned, f) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    for f in NAIVE_DATETIME {
        if let Ok(dt) = NaiveDateTime::parse_from_str(v.trim_end_matches('Z'), f) {
            return Some(dt.and_utc());
        }
    }
    for f in DATE {
        if let Ok(d) = NaiveDate::parse_from_str(cleaned, f) {
            return d.and_hms_opt(0, 0, 0).map(|dt| dt.and_utc());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(v: &str) -> String {
        parse(v).unwrap().unwrap().to_rfc3339()
    }

    #[test]
    fn common_forms() {
        assert_eq!(
            iso("2024-11-05T10:00:00+01:00"),
            "2024-11-05T09:00:00+00:00"
        );
        assert_eq!(iso("1999-07-07T08:30:00Z"), "1999-07-07T08:30:00+00:00");
        assert_eq!(
            iso("Tue, 05 Nov 2024 10:00:00 GMT"),
            "2024-11-05T10:00:00+00:00"
        );
        assert_eq!(iso("2024-11-05"), "2024-11-05T00:00:00+00:00");
        assert_eq!(iso("2024-11-05 14:30"), "2024-11-05T14:30:00+00:00");
        assert_eq!(iso("5 November 2024"), "2024-11-05T00:00:00+00:00");
        assert_eq!(iso("Nov. 5, 2024"), "2024-11-05T00:00:00+00:00");
        assert_eq!(iso("1730800800"), "2024-11-05T10:00:00+00:00");
    }

    #[test]
    fn junk_and_impossible_dates_fail() {
        assert!(parse("yesterday-ish").is_err());
        assert!(parse("2024-13-45").is_err());
        assert!(parse("0001-01-01").is_err());
        assert_eq!(parse("  "), Ok(None));
    }
}
