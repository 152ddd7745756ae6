//! Quantities: numbers in digits or words ("11,000", "1.5 million", "a dozen", "three"), with
//! currency, percent, bounds ("at least", "up to"), approximation ("about", "some"), ranges
//! ("between 10,000 and 12,000", "10,000-12,000") and the noun they count. Ordinals, years,
//! clock times and day-of-month numbers are not quantities.

use std::sync::LazyLock;

use crosscheck_model::{Quantity, QuantityKind, Span};
use regex::Regex;

/// A number found in a sentence, before qualifiers are applied.
struct Number {
    start: usize,
    end: usize,
    value: f64,
    currency: Option<&'static str>,
    percent: bool,
    /// "dozens of", "hundreds of": a vague plural, approximate with a lower bound.
    vague: bool,
}

static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(concat!(
        r"(?i)(?P<cur>[$£€¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)",
        r"(?:\s?(?P<scale>trillion|billion|million|thousand|hundred|bn|mln|mn|tn|m|k)\b)?",
        r"(?P<pct>\s?%|\s(?:percent|per\s+cent)\b)?"
    ))
});

static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(concat!(
        r"(?i)\b(?P<word>a\s+dozen|dozens|scores|hundreds|thousands|millions|billions|",
        r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|",
        r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|",
        r"a\s+hundred|a\s+thousand|a\s+million)(?:-(?P<unit>one|two|three|four|five|six|seven|eight|nine))?",
        r"(?:\s+(?P<scale>hundred|thousand|million|billion))?\b"
    ))
});

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const STOP: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "from", "for", "with", "by", "and", "or",
    "but", "were", "was", "is", "are", "have", "has", "had", "be", "been", "will", "would",
    "could", "can", "said", "say", "says", "that", "which", "who", "as", "than", "into", "per",
    "each", "more", "less", "since", "after", "before", "during", "across", "near", "this",
    "these", "those", "its", "their", "his", "her", "ago", "earlier", "later", "vs", "against",
    "while", "when", "there", "it", "they",
];

const DURATIONS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
];

const MONEY: &[&str] = &[
    "dollars", "dollar", "dlrs", "euros", "euro", "pounds", "yen", "yuan", "rubles", "roubles",
    "francs",
];

/// The quantities of one sentence; `offset` is the sentence's start in the clean text.
pub fn find(sentence: &str, offset: usize, index: usize) -> Vec<Quantity> {
    let mut numbers = digit_numbers(sentence);
    let words: Vec<Number> = word_numbers(sentence)
        .into_iter()
        .filter(|w| !numbers.iter().any(|d| overlaps(d, w)))
        .collect();
    numbers.extend(words);
    numbers.sort_by_key(|n| n.start);
    let mut out = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let n = &numbers[i];
        // A range: "10,000-12,000", "10,000 to 12,000", "between 10,000 and 12,000".
        let range_end = numbers.get(i + 1).filter(|m| joins_range(sentence, n, m));
        let (low, high, end) = match range_end {
            Some(m) => (Some(n.value), Some(m.value.max(n.value)), m.end),
            None => (Some(n.value), Some(n.value), n.end),
        };
        out.push(build(
            sentence,
            offset,
            index,
            n,
            low,
            high,
            end,
            range_end.is_some(),
        ));
        i += if range_end.is_some() { 2 } else { 1 };
    }
    out
}

fn overlaps(a: &Number, b: &Number) -> bool {
    a.start < b.end && b.start < a.end
}

fn joins_range(s: &str, a: &Number, b: &Number) -> bool {
    let gap = s[a.end..b.start].trim().to_lowercase();
    let dash = matches!(gap.as_str(), "-" | "–" | "—" | "to");
    let between = gap == "and" && s[..a.start].trim_end().to_lowercase().ends_with("between");
    (dash || between) && a.percent == b.percent
}

#[allow(clippy::too_many_arguments)]
fn build(
    s: &str,
    offset: usize,
    index: usize,
    n: &Number,
    low: Option<f64>,
    high: Option<f64>,
    end: usize,
    range: bool,
) -> Quantity {
    let before = s[..n.start].trim_end().to_lowercase();
    let (mut start, mut low, mut high, mut approximate) = (n.start, low, high, n.vague);
    if range && before.ends_with("between") {
        start = n.start - (n.start - s[..n.start].trim_end().len()) - "between".len();
    } else if let Some((q, bound)) = qualifier(&before) {
        start = s[..n.start].trim_end().len() - q.len();
        match bound {
            Bound::Lower => high = None,
            Bound::Upper => low = None,
            Bound::About => approximate = true,
        }
    }
    if n.vague {
        high = None;
    }
    let (counted, counted_end) = counted(s, end);
    let unit_word = counted
        .as_deref()
        .and_then(|c| c.rsplit(' ').next())
        .map(str::to_lowercase);
    let kind = if n.percent {
        QuantityKind::Percent
    } else if n.currency.is_some() || unit_word.as_deref().is_some_and(|u| MONEY.contains(&u)) {
        QuantityKind::Money
    } else if unit_word.as_deref().is_some_and(|u| DURATIONS.contains(&u)) {
        QuantityKind::Duration
    } else {
        QuantityKind::Count
    };
    let unit = match kind {
        QuantityKind::Percent => Some("%".to_string()),
        QuantityKind::Money if n.currency.is_some() => n.currency.map(str::to_string),
        _ => unit_word,
    };
    if approximate && !range && !n.vague {
        // "about 11,000": the number is a point estimate; bounds stay as reported.
        low = low.or(Some(n.value));
        high = high.or(Some(n.value));
    }
    Quantity {
        span: Span::new(offset + start, offset + counted_end.max(end)),
        sentence: index,
        value: (!range).then_some(n.value),
        low,
        high,
        approximate,
        unit,
        counted,
        kind,
    }
}

#[derive(Clone, Copy)]
enum Bound {
    Lower,
    Upper,
    About,
}

/// The qualifier phrase that `before` ends with, and its meaning.
fn qualifier(before: &str) -> Option<(&'static str, Bound)> {
    const QUALIFIERS: &[(&str, Bound)] = &[
        ("at least", Bound::Lower),
        ("more than", Bound::Lower),
        ("over", Bound::Lower),
        ("upwards of", Bound::Lower),
        ("no fewer than", Bound::Lower),
        ("not less than", Bound::Lower),
        ("up to", Bound::Upper),
        ("as many as", Bound::Upper),
        ("as much as", Bound::Upper),
        ("at most", Bound::Upper),
        ("no more than", Bound::Upper),
        ("fewer than", Bound::Upper),
        ("less than", Bound::Upper),
        ("under", Bound::Upper),
        ("nearly", Bound::Upper),
        ("almost", Bound::Upper),
        ("approximately", Bound::About),
        ("about", Bound::About),
        ("around", Bound::About),
        ("roughly", Bound::About),
        ("some", Bound::About),
        ("an estimated", Bound::About),
        ("estimated", Bound::About),
        ("circa", Bound::About),
        ("close to", Bound::About),
    ];
    QUALIFIERS.iter().find_map(|(q, b)| {
        let hit = before.ends_with(q)
            && before[..before.len() - q.len()]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric());
        hit.then_some((*q, *b))
    })
}

/// Up to four words after the number that name what it counts, and where they end.
fn counted(s: &str, end: usize) -> (Option<String>, usize) {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"^\s+([\p{L}][\p{L}'’\-]*)"));
    let mut pos = end;
    let mut words: Vec<&str> = Vec::new();
    let mut skipped_of = false;
    while words.len() < 4 {
        let Some(caps) = WORD.captures(&s[pos..]) else {
            break;
        };
        let word = caps.get(1).expect("group 1");
        let lower = word.as_str().to_lowercase();
        if words.is_empty() && lower == "of" && !skipped_of {
            skipped_of = true;
            pos += caps.get(0).expect("match").end();
            continue;
        }
        if STOP.contains(&lower.as_str()) || MONTHS.contains(&lower.as_str()) {
            break;
        }
        words.push(word.as_str());
        pos += caps.get(0).expect("match").end();
        // A lowercase plural is the head noun ("three major allies spoke"): stop there. Proper
        // names ("Las Vegas") run on.
        let lowercase = word.as_str().starts_with(|c: char| c.is_lowercase());
        if lowercase && lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss") {
            break;
        }
    }
    if words.is_empty() {
        return (None, end);
    }
    (Some(words.join(" ")), pos)
}

fn digit_numbers(s: &str) -> Vec<Number> {
    let mut out = Vec::new();
    for caps in DIGITS.captures_iter(s) {
        let whole = caps.get(0).expect("match");
        let num = caps.name("num").expect("number");
        let begin = caps.name("cur").map_or(num.start(), |c| c.start());
        let after = s[whole.end()..].chars().next();
        let before = s[..begin].chars().last();
        // Part of a word, code, time, ordinal ("1st", "A380", "10:30", "3.5.1").
        if after.is_some_and(|c| c.is_alphanumeric() || c == ':')
            || before.is_some_and(|c| c.is_alphanumeric() || c == ':' || c == '.')
            || s[whole.end()..].starts_with(['.', ','])
                && s[whole.end() + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let Ok(mut value) = num.as_str().replace(',', "").parse::<f64>() else {
            continue;
        };
        let currency = caps.name("cur").map(|c| match c.as_str() {
            "$" => "usd",
            "£" => "gbp",
            "€" => "eur",
            _ => "jpy",
        });
        let percent = caps.name("pct").is_some();
        let scale = caps.name("scale").map(|m| m.as_str().to_lowercase());
        if let Some(scale) = &scale {
            value *= scale_of(scale, currency.is_some());
        }
        if scale.is_none()
            && currency.is_none()
            && !percent
            && is_date_part(s, begin, whole.end(), value, num.as_str())
        {
            continue;
        }
        out.push(Number {
            start: begin,
            end: whole.end(),
            value,
            currency,
            percent,
            vague: false,
        });
    }
    out
}

fn scale_of(scale: &str, money: bool) -> f64 {
    match scale {
        "trillion" | "tn" => 1e12,
        "billion" | "bn" => 1e9,
        "million" | "mln" | "mn" => 1e6,
        "m" if money => 1e6,
        "thousand" | "k" => 1e3,
        "hundred" => 1e2,
        _ => 1.0,
    }
}

/// Years ("in 2024"), and day numbers next to a month ("November 5", "5 November").
fn is_date_part(s: &str, start: usize, end: usize, value: f64, raw: &str) -> bool {
    let prev_word = s[..start]
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let next_word = s[end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if MONTHS.contains(&prev_word.as_str()) || MONTHS.contains(&next_word.as_str()) {
        return true;
    }
    // "its 2003 results", "in 2024": a year, unless a qualifier makes it a count ("some 2000").
    let year_like = raw.len() == 4 && (1800.0..=2100.0).contains(&value);
    year_like && qualifier(&s[..start].trim_end().to_lowercase()).is_none()
}

fn word_numbers(s: &str) -> Vec<Number> {
    let mut out = Vec::new();
    for caps in WORDS.captures_iter(s) {
        let whole = caps.get(0).expect("match");
        let word = caps.name("word").expect("word").as_str().to_lowercase();
        let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
        let next = s[whole.end()..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        // A capitalised number word inside a sentence is part of a name ("Group of Seven").
        let capital = whole.as_str().starts_with(|c: char| c.is_uppercase());
        if capital && !s[..whole.start()].trim().is_empty() {
            continue;
        }
        // "one of the", "one another", "someone": not a count.
        if word == "one" && (next.is_empty() || STOP.contains(&next.as_str()) || next == "another")
        {
            continue;
        }
        let (mut value, vague) = match word.as_str() {
            "a dozen" => (12.0, false),
            "dozens" => (24.0, true),
            "scores" => (40.0, true),
            "hundreds" => (200.0, true),
            "thousands" => (2000.0, true),
            "millions" => (2e6, true),
            "billions" => (2e9, true),
            "a hundred" => (100.0, false),
            "a thousand" => (1000.0, false),
            "a million" => (1e6, false),
            w => (small_number(w), false),
        };
        if let Some(unit) = caps.name("unit") {
            value += small_number(&unit.as_str().to_lowercase());
        }
        if let Some(scale) = caps.name("scale") {
            value *= scale_of(&scale.as_str().to_lowercase(), false);
        }
        out.push(Number {
            start: whole.start(),
            end: whole.end(),
            value,
            currency: None,
            percent: false,
            vague,
        });
    }
    out
}

/// Whether a word writes a number in letters ("Nine", "twenty-one", "Hundred"), in any case.
pub(crate) fn is_number_word(word: &str) -> bool {
    const SCALES: &[&str] = &["hundred", "thousand", "million", "billion", "dozen", "zero"];
    let w = word.to_lowercase();
    !w.is_empty()
        && w.split('-')
            .all(|part| small_number(part) > 0.0 || SCALES.contains(&part))
}

fn small_number(w: &str) -> f64 {
    const NAMES: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = NAMES.iter().position(|n| *n == w) {
        return i as f64;
    }
    TENS.iter()
        .position(|n| *n == w)
        .map_or(0.0, |i| (i as f64 + 2.0) * 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Quantity {
        let q = find(s, 0, 0);
        assert_eq!(q.len(), 1, "{s}: {q:#?}");
        q.into_iter().next().unwrap()
    }

    #[test]
    fn number_words_in_any_case() {
        for w in [
            "Nine",
            "fourteen",
            "Twenty-One",
            "HUNDRED",
            "zero",
            "ninety",
        ] {
            assert!(is_number_word(w), "{w}");
        }
        for w in ["Ninety-Nines", "Direction", "", "-", "nineteenth", "10"] {
            assert!(!is_number_word(w), "{w}");
        }
    }

    #[test]
    fn bounds_and_approximation() {
        let q = one("North Korea is transferring at least 10,000 soldiers to Russia.");
        assert_eq!(
            (q.value, q.low, q.high, q.approximate),
            (Some(10_000.0), Some(10_000.0), None, false)
        );
        assert_eq!(q.unit.as_deref(), Some("soldiers"));
        let q = one("some reports citing numbers up to 12,000.");
        assert_eq!((q.low, q.high), (None, Some(12_000.0)));
        let q = one(
            "Reports indicate that approximately 11,000 North Korean troops are stationed there.",
        );
        assert!(q.approximate);
        assert_eq!(q.counted.as_deref(), Some("North Korean troops"));
        assert_eq!(q.unit.as_deref(), Some("troops"));
    }

    #[test]
    fn ranges() {
        let s = "between 10,000 and 12,000 troops";
        let q = one(s);
        assert_eq!(
            (q.value, q.low, q.high),
            (None, Some(10_000.0), Some(12_000.0))
        );
        assert_eq!(q.span.slice(s), Some(s));
        let q = one("an estimated 10,000-12,000 troops");
        assert_eq!(
            (q.low, q.high, q.approximate),
            (Some(10_000.0), Some(12_000.0), true)
        );
    }

    #[test]
    fn words_money_percent_duration() {
        let q = one("invading Moscow territory for three months.");
        assert_eq!((q.value, q.kind), (Some(3.0), QuantityKind::Duration));
        let q = one("Profits jumped 76% in the quarter");
        assert_eq!(
            (q.value, q.kind, q.unit.as_deref()),
            (Some(76.0), QuantityKind::Percent, Some("%"))
        );
        let q = one("sales rose to $11.1bn from last year");
        assert_eq!(
            (q.value, q.kind, q.unit.as_deref()),
            (Some(11.1e9), QuantityKind::Money, Some("usd"))
        );
        let q = one("a fund of 1.5 million dollars");
        assert_eq!((q.value, q.kind), (Some(1.5e6), QuantityKind::Money));
        let q = one("a dozen villages were hit");
        assert_eq!(q.value, Some(12.0));
        let q = one("dozens of people were hurt");
        assert_eq!((q.low, q.high, q.approximate), (Some(24.0), None, true));
        assert_eq!(q.unit.as_deref(), Some("people"));
        assert_eq!(one("twenty-five soldiers").value, Some(25.0));
        assert_eq!(
            one("three major allies spoke out").counted.as_deref(),
            Some("major allies")
        );
    }

    #[test]
    fn not_quantities() {
        for s in [
            "It was the first battle.",
            "on November 5, 2024 in Kursk",
            "in 2024 the war went on",
            "at 10:30 on the 1st floor",
            "one of the soldiers",
            "an Airbus A380 landed",
            "foreign ministers from the Group of Seven democracies",
            "its 2003 results",
        ] {
            assert!(find(s, 0, 0).is_empty(), "{s}: {:#?}", find(s, 0, 0));
        }
    }
}
