//! Credits: wire datelines, sign-offs, origin and syndication lines, found wherever they stand
//! and moved out of the article text into structured [`Credit`]s.
//!
//! Agencies and services come from `data/agencies.tsv`; short aliases ("AP", "PA") are only
//! trusted inside a credit context (a parenthesised dateline or sign-off), never in prose.

use std::collections::HashMap;
use std::sync::LazyLock;

use crosscheck_model::{Credit, CreditKind};
use regex::Regex;

static AGENCIES_TSV: &str = include_str!("../data/agencies.tsv");

/// Paragraphs longer than this are prose, never a credit line.
const MAX_CREDIT_LINE: usize = 200;

struct Agencies {
    by_alias: HashMap<String, (String, CreditKind)>,
    /// Long aliases (two words or more), for finding a service named inside a line.
    long_aliases: Vec<(String, String, CreditKind)>,
}

static AGENCIES: LazyLock<Agencies> = LazyLock::new(|| {
    let mut by_alias = HashMap::new();
    let mut long_aliases = Vec::new();
    for line in AGENCIES_TSV.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [name, kind, aliases] = cols[..] else {
            panic!("agencies.tsv: malformed line {line:?}");
        };
        let kind = match kind {
            "wire" => CreditKind::Wire,
            "syndication" => CreditKind::Syndication,
            other => panic!("agencies.tsv: unknown kind {other:?}"),
        };
        for alias in aliases.split('|') {
            let key = alias.to_lowercase();
            if alias.contains(' ') {
                long_aliases.push((key.clone(), name.to_string(), kind));
            }
            by_alias.insert(key, (name.to_string(), kind));
        }
    }
    // Longest first, so "Los Angeles Times-Washington Post News Service" wins over shorter.
    long_aliases.sort_by_key(|(alias, ..)| std::cmp::Reverse(alias.len()));
    Agencies {
        by_alias,
        long_aliases,
    }
});

fn lookup(alias: &str) -> Option<(String, CreditKind)> {
    let key = alias
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    AGENCIES.by_alias.get(&key).cloned()
}

/// Credits named by a parenthesised list: `dpa, Reuters`, `AP`, `dpa/lno`. Every part must be
/// a known agency, except short lowercase desk codes after the first (`lno`).
fn agency_list(list: &str) -> Option<Vec<(String, CreditKind)>> {
    static SPLIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:[,/;&+]|\band\b)\s*").unwrap());
    let mut found = Vec::new();
    for part in SPLIT.split(list.trim()).filter(|p| !p.is_empty()) {
        match lookup(part) {
            Some(hit) => found.push(hit),
            None if !found.is_empty()
                && part.len() <= 4
                && part.chars().all(|c| c.is_ascii_lowercase()) => {}
            None => return None,
        }
    }
    (!found.is_empty()).then_some(found)
}

/// A service or agency named anywhere inside a short credit line.
fn named_service(line: &str) -> Option<(String, CreditKind)> {
    let lower = line.to_lowercase();
    AGENCIES
        .long_aliases
        .iter()
        .find(|(alias, ..)| lower.contains(alias.as_str()))
        .map(|(_, name, kind)| (name.clone(), *kind))
}

/// `www.bbc.com/news/x` → `bbc.com`; a name that is not a domain stays as written.
fn origin_name(raw: &str) -> String {
    let s = raw.trim().trim_end_matches(['.', ',', ';']).trim();
    let host = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let looks_domain = !host.contains(' ') && host.contains('.');
    if looks_domain {
        let host = host.split(['/', '?', '#']).next().unwrap_or(host);
        host.trim_start_matches("www.").to_lowercase()
    } else {
        s.to_string()
    }
}

/// Removes credits from `paragraphs` and returns them, deduplicated, in reading order. Text
/// that is nothing but credits (a bare "Distributed by ..." notice) keeps its paragraphs:
/// credit removal never empties an article.
pub fn extract(paragraphs: &mut Vec<String>) -> Vec<Credit> {
    split_trailing_signoff(paragraphs);
    let dateline = paragraphs.first().and_then(|first| dateline(first));
    let lines: Vec<Option<Vec<Credit>>> = paragraphs.iter().map(|p| credit_line(p)).collect();
    let text_left = dateline
        .as_ref()
        .is_some_and(|(rest, _)| !rest.trim().is_empty())
        || lines.iter().any(Option::is_none);
    let mut credits = Vec::new();
    if let Some((rest, found)) = dateline {
        credits.extend(found);
        if text_left {
            paragraphs[0] = rest;
        }
    }
    let mut keep = Vec::with_capacity(lines.len());
    for found in lines {
        keep.push(found.is_none() || !text_left);
        credits.extend(found.into_iter().flatten());
    }
    let mut keep = keep.into_iter();
    paragraphs.retain(|_| keep.next().unwrap_or(true));
    let mut seen = std::collections::HashSet::new();
    credits.retain(|c| seen.insert((c.kind, c.name.clone())));
    credits
}

/// A shouted agency sign-off left on the last sentence's line ("... record May 23. REUTER")
/// becomes a paragraph of its own, so [`credit_line`] takes it out of the text.
fn split_trailing_signoff(paragraphs: &mut Vec<String>) {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^(?P<body>.*[.!?"”)0-9])\s+(?P<sign>\p{Lu}{2,}[\p{Lu} ,/]*)$"#).unwrap()
    });
    let Some(last) = paragraphs.last() else {
        return;
    };
    let Some(caps) = RE.captures(last.trim_end()) else {
        return;
    };
    let sign = caps["sign"].trim();
    if agency_list(sign).is_none() {
        return;
    }
    let (body, sign) = (caps["body"].to_string(), sign.to_string());
    let at = paragraphs.len() - 1;
    paragraphs[at] = body;
    paragraphs.push(sign);
}

/// `PINE RIDGE, S.D. (AP) -- text` → (`text`, [AP with dateline]).
fn dateline(first: &str) -> Option<(String, Vec<Credit>)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?P<place>[^()\n]{0,80}?)\s*\((?P<list>[^()\n]{1,60})\)\s*(?:--|—|–|-|_|:)\s*",
        )
        .unwrap()
    });
    let caps = RE.captures(first)?;
    let place = caps["place"].trim().trim_end_matches(',').trim();
    if place.split_whitespace().count() > 8
        || place.contains(". ") && place.ends_with('.') && place.len() > 40
    {
        return None;
    }
    let agencies = agency_list(&caps["list"])?;
    let raw = caps[0].trim().to_string();
    let dateline = (!place.is_empty()).then(|| place.to_string());
    let credits = agencies
        .into_iter()
        .map(|(name, kind)| Credit {
            kind,
            name,
            raw: raw.clone(),
            dateline: dateline.clone(),
        })
        .collect();
    Some((first[caps[0].len()..].to_string(), credits))
}

/// A whole paragraph that is a credit: sign-off, source line, copyright or syndication notice.
fn credit_line(paragraph: &str) -> Option<Vec<Credit>> {
    if paragraph.len() > MAX_CREDIT_LINE {
        return None;
    }
    let line = strip_markup(paragraph);
    let raw = paragraph.to_string();
    signoff(&line, &raw)
        .or_else(|| origin_line(&line, &raw))
        .or_else(|| reporting_line(&line, &raw))
        .or_else(|| syndication_line(&line, &raw))
        .or_else(|| copyright_line(&line, &raw))
}

/// Drops SGML residue (`&QL;`) and wrapping parentheses or dashes around a credit line.
fn strip_markup(paragraph: &str) -> String {
    static ENTITY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"&[A-Z]{2};").unwrap());
    let s = ENTITY.replace_all(paragraph, " ");
    let s = s.trim().trim_start_matches(['-', '—', '–', '_']).trim();
    let s = match s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) if !inner.contains(['(', ')']) => inner,
        _ => s,
    };
    s.trim().to_string()
}

/// `rc/wmr (dpa, Reuters)`, `(AFP)`, `REUTER`, `-- Reuters`.
fn signoff(line: &str, raw: &str) -> Option<Vec<Credit>> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?P<initials>\p{L}{1,6}(?:\s*/\s*\p{L}{1,6})*)\s*)?\((?P<list>[^()]{1,80})\)\.?$",
        )
        .unwrap()
    });
    let mut credits = Vec::new();
    let list = match RE.captures(raw.trim()) {
        Some(caps) => {
            if let Some(initials) = caps.name("initials") {
                let initials = initials.as_str().replace(' ', "");
                credits.push(Credit::new(CreditKind::Byline, initials, raw));
            }
            caps["list"].to_string()
        }
        None => line.to_string(),
    };
    let agencies = agency_list(&list)?;
    credits.extend(
        agencies
            .into_iter()
            .map(|(name, kind)| Credit::new(kind, name, raw)),
    );
    Some(credits)
}

/// `Original Source: www.bbc.com`, "This article originally appeared on ...", "Republished from".
fn origin_line(line: &str, raw: &str) -> Option<Vec<Credit>> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)^(?:",
            r"(?:original(?:ly)?\s+)?(?:source|sources|via|quelle|fuente)\s*:\s*",
            r"|(?:this|the)\s+(?:article|story|piece|post|report|content)\s+(?:was\s+|is\s+|has\s+been\s+)?",
            r"(?:originally|first)\s+(?:appeared|published|posted|ran)(?:\s+(?:on|in|at|by))?\s+",
            r"|(?:originally|first)\s+(?:published|appeared|posted)\s+(?:on|in|at|by)\s+",
            r"|(?:republished|reprinted|reproduced)\s+(?:with\s+permission\s+)?(?:from|of|by)\s+",
            r")(?P<what>.{2,120})$"
        ))
        .unwrap()
    });
    let caps = RE.captures(line)?;
    let what = caps["what"].trim();
    if let Some(agencies) = agency_list(what) {
        return Some(
            agencies
                .into_iter()
                .map(|(name, kind)| Credit::new(kind, name, raw))
                .collect(),
        );
    }
    if what.split_whitespace().count() > 8 {
        return None;
    }
    Some(vec![Credit::new(
        CreditKind::Origin,
        origin_name(what),
        raw,
    )])
}

/// Reuters' `Reporting by X; Editing by Y` sign-off.
fn reporting_line(line: &str, raw: &str) -> Option<Vec<Credit>> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:additional\s+)?(?:reporting|writing|editing|compiled|written)\s+by\s+\p{Lu}",
        )
        .unwrap()
    });
    RE.is_match(line)
        .then(|| vec![Credit::new(CreditKind::Byline, line, raw)])
}

/// "For use by clients of the New York Times News Service", "Story Filed By Cox Newspapers":
/// a short line that names a syndication service or agency by its full name.
fn syndication_line(line: &str, raw: &str) -> Option<Vec<Credit>> {
    const MAX_WORDS: usize = 14;
    if line.split_whitespace().count() > MAX_WORDS {
        return None;
    }
    let (name, kind) = named_service(line)?;
    Some(vec![Credit::new(kind, name, raw)])
}

/// `c.1999 N.Y. Times News Service`, `(c) 2024 Reuters`, `Copyright 2001 The Associated Press`.
fn copyright_line(line: &str, raw: &str) -> Option<Vec<Credit>> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:\(c\)|©|c\.|copyright)\s*(?:©\s*)?(?:(?:19|20)\d{2})?\s*[,.]?\s*(?P<who>[^.].{1,100}?)\.?(?:\s+all\s+rights\s+reserved\.?)?$").unwrap()
    });
    let caps = RE.captures(line)?;
    let who = caps["who"].trim();
    let (name, kind) = named_service(who)
        .or_else(|| lookup(who))
        .unwrap_or_else(|| (origin_name(who), CreditKind::Origin));
    Some(vec![Credit::new(kind, name, raw)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(paragraphs: &[&str]) -> (Vec<String>, Vec<(CreditKind, String)>) {
        let mut p: Vec<String> = paragraphs.iter().map(|s| s.to_string()).collect();
        let credits = extract(&mut p);
        (p, credits.into_iter().map(|c| (c.kind, c.name)).collect())
    }

    #[test]
    fn dateline_with_agency() {
        let (p, c) = run(&[
            "PINE RIDGE, S.D. (AP) -- President Clinton turned his tour.",
            "More.",
        ]);
        assert_eq!(p[0], "President Clinton turned his tour.");
        assert_eq!(c, [(CreditKind::Wire, "AP".to_string())]);
        let mut p = vec!["LONDON, Feb 26 (Reuters) - Shares fell.".to_string()];
        let credits = extract(&mut p);
        assert_eq!(credits[0].dateline.as_deref(), Some("LONDON, Feb 26"));
        assert_eq!(p[0], "Shares fell.");
    }

    #[test]
    fn unknown_parenthesis_is_not_a_dateline() {
        let (p, c) = run(&["The company (Phoenix) - a maker of tools - said so."]);
        assert!(c.is_empty());
        assert_eq!(p[0], "The company (Phoenix) - a maker of tools - said so.");
    }

    #[test]
    fn signoff_with_initials_and_two_wires() {
        let (p, c) = run(&["Body text.", "rc/wmr (dpa, Reuters)"]);
        assert_eq!(p, ["Body text."]);
        assert_eq!(
            c,
            [
                (CreditKind::Byline, "rc/wmr".to_string()),
                (CreditKind::Wire, "dpa".to_string()),
                (CreditKind::Wire, "Reuters".to_string())
            ]
        );
        assert_eq!(
            run(&["Body.", "REUTER"]).1,
            [(CreditKind::Wire, "Reuters".to_string())]
        );
    }

    #[test]
    fn a_signoff_on_the_last_sentence_line_is_taken_out() {
        let (p, c) = run(&[
            "Intro.",
            "Note - Fin div pay May 27, record May 23.   REUTER",
        ]);
        assert_eq!(p, ["Intro.", "Note - Fin div pay May 27, record May 23."]);
        assert_eq!(c, [(CreditKind::Wire, "Reuters".to_string())]);
        // Shouted words that are not an agency, or an agency inside prose, stay.
        for text in [
            "He said it was over. NOT GUILTY",
            "The deal was first reported by REUTER",
        ] {
            let (p, c) = run(&[text]);
            assert_eq!(p, [text]);
            assert!(c.is_empty(), "{c:?}");
        }
    }

    #[test]
    fn origin_lines() {
        let (p, c) = run(&["Body.", "Original Source: www.bbc.com"]);
        assert_eq!(p, ["Body."]);
        assert_eq!(c, [(CreditKind::Origin, "bbc.com".to_string())]);
        let (_, c) = run(&[
            "Body.",
            "This article originally appeared on The Conversation.",
        ]);
        assert_eq!(c, [(CreditKind::Origin, "The Conversation".to_string())]);
        let (_, c) = run(&["Source: https://www.example.org/news/1"]);
        assert_eq!(c, [(CreditKind::Origin, "example.org".to_string())]);
    }

    #[test]
    fn syndication_and_copyright() {
        let (p, c) = run(&["Body.", "c.1999 N.Y. Times News Service"]);
        assert_eq!(p, ["Body."]);
        assert_eq!(
            c,
            [(
                CreditKind::Syndication,
                "New York Times News Service".to_string()
            )]
        );
        let (_, c) = run(&[
            "Body.",
            "Story Filed By Cox Newspapers",
            "&QL; (For use by clients of the New York Times News Service) &QL;",
        ]);
        assert_eq!(c.len(), 2, "{c:?}");
        let (_, c) = run(&["(c) 2024 Reuters. All rights reserved."]);
        assert_eq!(c, [(CreditKind::Wire, "Reuters".to_string())]);
    }

    #[test]
    fn prose_mentioning_agencies_stays() {
        let text = "Reuters reported that the AP and AFP had seen the documents as well.";
        let (p, c) = run(&[text]);
        assert_eq!(p, [text]);
        assert!(c.is_empty());
        let (_, c) = run(&["Reporting by Jane Doe; Editing by John Roe"]);
        assert_eq!(c[0].0, CreditKind::Byline);
    }
}
