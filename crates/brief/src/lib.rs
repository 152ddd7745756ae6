//! Brief: renders a story's [`Comparison`] for readers as Markdown, JSON or a self-contained
//! HTML page. The brief opens with a summary of 3 to 5 sentences chosen across sources, then
//! says what is agreed, what is disputed, who said what (verbatim quotes only), the numbers, a
//! timeline, what only one origin reports, and the sources grouped by origin. Every sentence
//! ends with its citations, and every quoted string is verbatim text of an article it cites.
//!
//! ```
//! use crosscheck_analyze::Analyzer;
//! use crosscheck_brief::{render, Format};
//! use crosscheck_model::{Article, ArticleId};
//!
//! let text = "Police said 12 people were killed in the blast in Kabul on Monday.";
//! let article = Article::new(ArticleId::of_text(text), text.to_string());
//! let analysis = Analyzer::default().analyze(&article);
//! let story = crosscheck_compare::story(&[(&article, &analysis)]);
//! let comparison = crosscheck_compare::compare(&story);
//! let md = render(&comparison, Format::Markdown);
//! assert!(md.contains("[1]"));
//! let json: serde_json::Value = serde_json::from_str(&render(&comparison, Format::Json)).unwrap();
//! assert_eq!(json["version"], 1);
//! ```

mod html;
mod markdown;

use std::fmt;
use std::str::FromStr;

use crosscheck_compare::{Attribution, Citation, Comparison, NumberFinding, Statement, Voice};
use crosscheck_model::{ArticleId, Span};
use serde::{Deserialize, Serialize};

/// Version of the brief's JSON form; bumped when a field changes meaning.
pub const BRIEF_VERSION: u32 = 1;
/// The most single-source statements a brief lists (the JSON comparison holds them all).
const MAX_SINGLE_SOURCE: usize = 16;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// JSON: a [`Brief`], versioned.
    Json,
    /// One self-contained HTML page.
    Html,
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

/// A format name that is not `md`, `json` or `html`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?} (expected md, json or html)")]
pub struct UnknownFormat(pub String);

/// One cited source of a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cite {
    /// The source's number in the brief (1-based; [`Brief::sources`]).
    pub n: usize,
    /// The article.
    pub article: ArticleId,
    /// The span of its clean text the sentence rests on.
    pub span: Span,
    /// The text of that span, verbatim.
    pub text: String,
}

/// One sentence of the brief with its citations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence as printed (without its citation marks).
    pub text: String,
    /// The strings the sentence quotes, each verbatim in a cited article.
    pub quotes: Vec<String>,
    /// Its sources.
    pub citations: Vec<Cite>,
}

/// A section of the brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable identifier: `summary`, `agreed`, `disputed`, `said`, `numbers`, `timeline`,
    /// `single_source`.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
}

/// One source as the brief lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// Its number in citations.
    pub n: usize,
    /// The article.
    pub id: ArticleId,
    /// "Title — outlet, date" as far as known, else where it was read from.
    pub label: String,
    /// Address, when known.
    pub url: Option<String>,
    /// Why it belongs to its origin.
    pub why: String,
}

/// Sources that share an origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginEntry {
    /// What the origin is.
    pub label: String,
    /// Its articles.
    pub sources: Vec<SourceEntry>,
}

/// The brief of one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    /// [`BRIEF_VERSION`].
    pub version: u32,
    /// A title for the story.
    pub title: String,
    /// Number of articles.
    pub articles: usize,
    /// Number of independent origins.
    pub independent: usize,
    /// Summary, agreed, disputed, who said what, numbers, timeline, single-source; empty
    /// sections are left out.
    pub sections: Vec<Section>,
    /// The sources grouped by origin.
    pub origins: Vec<OriginEntry>,
    /// The full comparison the brief is made from.
    pub comparison: Comparison,
}

/// Renders a comparison in a format.
pub fn render(comparison: &Comparison, format: Format) -> String {
    let b = brief(comparison);
    match format {
        Format::Markdown => markdown::render(&b),
        Format::Html => html::render(&b),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&b).expect("a brief serialises");
            s.push('\n');
            s
        }
    }
}

/// Builds the brief of a comparison.
pub fn brief(c: &Comparison) -> Brief {
    let sections = [
        ("summary", "Summary", summary(c)),
        ("agreed", "What is agreed", agreed(c)),
        ("disputed", "What is disputed", disputed(c)),
        ("said", "Who said what", said(c)),
        ("numbers", "The numbers", numbers(c)),
        ("timeline", "Timeline", timeline(c)),
        (
            "single_source",
            "Reported by one origin only",
            single_source(c),
        ),
    ]
    .into_iter()
    .filter(|(_, _, s)| !s.is_empty())
    .map(|(id, title, sentences)| Section {
        id: id.into(),
        title: title.into(),
        sentences,
    })
    .collect();
    let origins = c
        .origins
        .iter()
        .map(|o| OriginEntry {
            label: if o.label.is_empty() {
                "(unknown origin)".into()
            } else {
                o.label.clone()
            },
            sources: o
                .sources
                .iter()
                .map(|&i| {
                    let s = &c.sources[i];
                    let mut label = s.title.clone().unwrap_or_else(|| s.input.clone());
                    if let Some(outlet) = &s.outlet {
                        label.push_str(" — ");
                        label.push_str(outlet);
                    }
                    if let Some(p) = &s.published {
                        label.push_str(", ");
                        label.push_str(p.get(..10).unwrap_or(p));
                    }
                    SourceEntry {
                        n: i + 1,
                        id: s.id.clone(),
                        label,
                        url: s.url.clone(),
                        why: s.why.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    let title = c
        .sources
        .iter()
        .find_map(|s| s.title.clone())
        .or_else(|| {
            c.summary
                .first()
                .map(|&i| first_words(&c.statements[i].text, 12))
        })
        .unwrap_or_else(|| "Story".into());
    Brief {
        version: BRIEF_VERSION,
        title,
        articles: c.sources.len(),
        independent: c.independent,
        sections,
        origins,
        comparison: c.clone(),
    }
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut s = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        s.push('…');
    }
    s
}

fn cite(c: &Comparison, citation: &Citation) -> Cite {
    let n = c
        .sources
        .iter()
        .position(|s| s.id == citation.article)
        .map_or(0, |i| i + 1);
    Cite {
        n,
        article: citation.article.clone(),
        span: citation.span,
        text: citation.text.clone(),
    }
}

fn cites<'a>(c: &Comparison, citations: impl IntoIterator<Item = &'a Citation>) -> Vec<Cite> {
    let mut v: Vec<Cite> = citations.into_iter().map(|x| cite(c, x)).collect();
    v.sort_by_key(|x| x.n);
    v
}

/// `“text”` with surrounding whitespace trimmed, for quoting.
fn quoted(text: &str) -> String {
    format!("\u{201c}{}\u{201d}", text.trim())
}

fn says(a: &Attribution) -> String {
    match a.voice {
        Voice::Outlet => "The reports say".into(),
        _ => format!("{} says", a.label()),
    }
}

/// The origins' labels, the first four by name and the rest counted.
fn origin_labels(c: &Comparison, s: &Statement) -> String {
    let labels: Vec<&str> = s
        .origins
        .iter()
        .map(|&o| c.origins[o].label.as_str())
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = labels[..labels.len().min(4)].join(", ");
    if labels.len() > 4 {
        out.push_str(&format!(" and {} more", labels.len() - 4));
    }
    out
}

fn summary(c: &Comparison) -> Vec<Sentence> {
    c.summary
        .iter()
        .map(|&i| {
            let s = &c.statements[i];
            Sentence {
                text: s.text.trim().to_string(),
                quotes: vec![s.text.trim().to_string()],
                citations: cites(c, &s.citations),
            }
        })
        .collect()
}

fn agreed(c: &Comparison) -> Vec<Sentence> {
    c.corroborated()
        .map(|(_, s)| {
            let text = s.text.trim();
            let mut quotes = vec![text.to_string()];
            // The wording of another origin too: the reader sees both say it.
            let origin_of = |x: &Citation| {
                c.sources
                    .iter()
                    .find(|src| src.id == x.article)
                    .map(|src| src.origin)
            };
            let first_origin = s
                .citations
                .iter()
                .find(|x| x.text.trim() == text)
                .and_then(origin_of);
            if let Some(other) = s
                .citations
                .iter()
                .find(|x| origin_of(x) != first_origin && x.text.trim() != text)
            {
                quotes.push(other.text.trim().to_string());
            }
            // Agreeing on an event is not agreeing on its figures.
            let figures_differ = c.numbers.iter().filter(|n| !n.consistent).any(|n| {
                n.reports.iter().flat_map(|r| &r.citations).any(|x| {
                    s.citations.iter().any(|y| {
                        y.article == x.article
                            && y.span.start <= x.span.start
                            && x.span.end <= y.span.end
                    })
                })
            });
            Sentence {
                text: format!(
                    "{} ({} independent origins: {}): {}{}",
                    says(&s.attribution),
                    s.origins.len(),
                    origin_labels(c, s),
                    quotes
                        .iter()
                        .map(|q| quoted(q))
                        .collect::<Vec<_>>()
                        .join(" — and: "),
                    if figures_differ {
                        " — but their figures differ (see what is disputed)"
                    } else {
                        ""
                    }
                ),
                quotes,
                citations: cites(c, &s.citations),
            }
        })
        .collect()
}

/// "South Korea (South Korean officials; official statements from Seoul) says": a side by its
/// country, with each voice it speaks through.
fn side_says(c: &Comparison, main: &Attribution, statements: &[usize]) -> String {
    let mut voices: Vec<&Attribution> = Vec::new();
    for &i in statements {
        let a = &c.statements[i].attribution;
        if a.voice != Voice::Outlet
            && !a.same_voice(main)
            && !voices.iter().any(|v| v.same_voice(a))
        {
            voices.push(a);
        }
    }
    if main.voice == Voice::Outlet || voices.is_empty() {
        return says(main);
    }
    let voices: Vec<String> = voices.iter().map(|v| v.label()).collect();
    format!("{} ({}) says", main.label(), voices.join("; "))
}

fn disputed(c: &Comparison) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = c
        .disputes
        .iter()
        .map(|d| {
            let mut quotes = Vec::new();
            let mut citations: Vec<&Citation> = Vec::new();
            let mut claims = Vec::new();
            for &i in &d.claims {
                let s = &c.statements[i];
                quotes.push(s.text.trim().to_string());
                claims.push(quoted(&s.text));
                citations.extend(&s.citations);
            }
            let mut denials = Vec::new();
            for &i in &d.denials {
                let s = &c.statements[i];
                quotes.push(s.text.trim().to_string());
                denials.push(quoted(&s.text));
                citations.extend(&s.citations);
            }
            Sentence {
                text: format!(
                    "{}: {}; but {}: {}",
                    side_says(c, &d.affirmed_by, &d.claims),
                    claims.join(" and "),
                    side_says(c, &d.denied_by, &d.denials).to_lowercase_first(),
                    denials.join(" and ")
                ),
                quotes,
                citations: cites(c, citations),
            }
        })
        .collect();
    for n in c.numbers.iter().filter(|n| !n.consistent) {
        let mut quotes = Vec::new();
        let mut parts = Vec::new();
        for [a, b] in &n.conflicts {
            for r in [&n.reports[*a], &n.reports[*b]] {
                let q: Vec<String> = r
                    .citations
                    .iter()
                    .map(|x| x.text.trim().to_string())
                    .collect();
                parts.push(q.iter().map(|x| quoted(x)).collect::<Vec<_>>().join(" … "));
                quotes.extend(q);
            }
        }
        parts.dedup();
        out.push(Sentence {
            text: format!(
                "The figures for {} conflict: {}",
                n.what,
                parts.join(" versus ")
            ),
            quotes,
            citations: cites(c, n.reports.iter().flat_map(|r| &r.citations)),
        });
    }
    out
}

fn said(c: &Comparison) -> Vec<Sentence> {
    c.quotes
        .iter()
        .map(|q| {
            let texts: Vec<String> = q.quotes.iter().map(|x| x.text.trim().to_string()).collect();
            let mut unique = texts.clone();
            unique.dedup();
            Sentence {
                text: format!(
                    "{}: {}",
                    q.speaker.label(),
                    unique
                        .iter()
                        .map(|t| quoted(t))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                quotes: unique,
                citations: cites(c, &q.quotes),
            }
        })
        .collect()
}

/// A figure as the brief prints it: whole numbers with thousands separators ("12,000").
pub fn number(v: f64) -> String {
    if v.fract() != 0.0 {
        return format!("{v}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

fn numbers(c: &Comparison) -> Vec<Sentence> {
    // Figures several reports give; a lone figure only when no figure is compared.
    let compared: Vec<&NumberFinding> = c.numbers.iter().filter(|n| n.reports.len() >= 2).collect();
    let shown = if compared.is_empty() {
        c.numbers.iter().take(5).collect()
    } else {
        compared
    };
    shown.into_iter().map(|n| number_sentence(c, n)).collect()
}

fn number_sentence(c: &Comparison, n: &NumberFinding) -> Sentence {
    let quotes: Vec<String> = n
        .reports
        .iter()
        .flat_map(|r| r.citations.iter().map(|x| x.text.trim().to_string()))
        .collect();
    let figure = match n.range {
        Some([lo, hi]) if lo == hi => number(lo),
        Some([lo, hi]) => format!("{}–{}", number(lo), number(hi)),
        None if n.consistent => {
            let lows = n.reports.iter().filter_map(|r| r.low);
            let highs = n.reports.iter().filter_map(|r| r.high);
            match (
                lows.fold(f64::NEG_INFINITY, f64::max),
                highs.fold(f64::INFINITY, f64::min),
            ) {
                (lo, hi) if lo.is_finite() && hi.is_finite() => {
                    format!("{}–{}", number(lo), number(hi))
                }
                (lo, _) if lo.is_finite() => format!("at least {}", number(lo)),
                (_, hi) if hi.is_finite() => format!("up to {}", number(hi)),
                _ => "no figure".into(),
            }
        }
        None => "figures differ".into(),
    };
    let verdict = if n.reports.len() < 2 {
        "one report".to_string()
    } else if n.consistent {
        format!(
            "the reports agree ({} independent origin{})",
            n.origins,
            if n.origins == 1 { "" } else { "s" }
        )
    } else {
        "the reports conflict".to_string()
    };
    Sentence {
        text: format!(
            "{}: {} — {}: {}",
            n.what,
            figure,
            verdict,
            quotes
                .iter()
                .map(|q| quoted(q))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        quotes,
        citations: cites(c, n.reports.iter().flat_map(|r| &r.citations)),
    }
}

fn timeline(c: &Comparison) -> Vec<Sentence> {
    c.timeline
        .iter()
        .map(|e| {
            let s = &c.statements[e.statement];
            let citation = s
                .citations
                .iter()
                .find(|x| x.article == e.when.article)
                .unwrap_or(&s.citations[0]);
            Sentence {
                text: format!("{}: {}", e.date, quoted(&citation.text)),
                quotes: vec![citation.text.trim().to_string()],
                citations: cites(c, [citation]),
            }
        })
        .collect()
}

/// What only one origin reports, the most telling first chosen (a named voice, a direct
/// quote, names), then listed in story order; what the summary or a dispute already shows is
/// left out.
fn single_source(c: &Comparison) -> Vec<Sentence> {
    let in_dispute = |i: usize| {
        c.disputes
            .iter()
            .any(|d| d.claims.contains(&i) || d.denials.contains(&i))
    };
    let mut ranked: Vec<(usize, &Statement)> = c
        .single_source()
        .filter(|(i, _)| !c.summary.contains(i) && !in_dispute(*i))
        .collect();
    let score = |s: &Statement| {
        let names = s
            .text
            .split_whitespace()
            .skip(1)
            .filter(|w| w.starts_with(char::is_uppercase))
            .count();
        usize::from(s.attribution.voice != Voice::Outlet) * 4
            + usize::from(s.quote) * 2
            + names.min(4)
    };
    ranked.sort_by_key(|(i, s)| (std::cmp::Reverse(score(s)), *i));
    ranked.truncate(MAX_SINGLE_SOURCE);
    ranked.sort_by_key(|(i, _)| *i);
    ranked
        .into_iter()
        .map(|(_, s)| {
            let by = match s.attribution.voice {
                Voice::Outlet => String::new(),
                _ => format!(", citing {}", s.attribution.label()),
            };
            Sentence {
                text: format!("Only {}{by}: {}", origin_labels(c, s), quoted(&s.text)),
                quotes: vec![s.text.trim().to_string()],
                citations: cites(c, &s.citations),
            }
        })
        .collect()
}

/// "The reports say" → "the reports say"; names keep their capital.
trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for String {
    fn to_lowercase_first(&self) -> String {
        match self.strip_prefix("The ") {
            Some(rest) => format!("the {rest}"),
            None => self.clone(),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_with_thousands_separators() {
        assert_eq!(number(10_000.0), "10,000");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1_234_567.0), "1,234,567");
        assert_eq!(number(2.5), "2.5");
    }

    fn story() -> (Vec<crosscheck_model::Article>, Comparison) {
        use crosscheck_analyze::Analyzer;
        use crosscheck_model::{Article, ArticleId};
        let texts = [
            ("lemonde.fr", "Police said 12 people were killed when the bridge collapsed in Genoa on Tuesday. “We are searching the river,” said Mayor Marco Bucci. Rescue teams from Milan arrived by helicopter."),
            ("theguardian.com", "Hospital officials in Genoa said at least 30 people were killed when the bridge collapsed. Mayor Bucci said “we are searching the river” for survivors. The government denied that the bridge collapsed because of neglect."),
        ];
        let articles: Vec<Article> = texts
            .iter()
            .map(|(outlet, t)| {
                let mut a = Article::new(ArticleId::of_text(t), t.to_string());
                a.outlet = Some(outlet.to_string());
                a
            })
            .collect();
        let analyses: Vec<_> = articles
            .iter()
            .map(|a| Analyzer::default().analyze(a))
            .collect();
        let pairs: Vec<_> = articles.iter().zip(&analyses).collect();
        let c = crosscheck_compare::compare(&crosscheck_compare::story(&pairs));
        (articles, c)
    }

    #[test]
    fn every_sentence_cites_and_quotes_verbatim() {
        let (articles, c) = story();
        let b = brief(&c);
        assert!(!b.sections.is_empty());
        for s in b.sections.iter().flat_map(|s| &s.sentences) {
            assert!(!s.citations.is_empty(), "{s:?}");
            let cited: Vec<&str> = s
                .citations
                .iter()
                .map(|x| {
                    let a = articles.iter().find(|a| a.id == x.article).unwrap();
                    assert_eq!(x.span.slice(&a.text), Some(x.text.as_str()));
                    assert_eq!(x.n, articles.iter().position(|y| y.id == a.id).unwrap() + 1);
                    a.text.as_str()
                })
                .collect();
            for q in &s.quotes {
                assert!(cited.iter().any(|t| t.contains(q.as_str())), "{q:?}");
                assert!(s.text.contains(q.as_str()));
            }
        }
        let md = render(&c, Format::Markdown);
        assert!(md.contains("## Sources") && md.contains("[1]") && md.contains("[2]"));
        let html = render(&c, Format::Html);
        assert!(html.contains("id=\"source-2\""));
        let json: serde_json::Value = serde_json::from_str(&render(&c, Format::Json)).unwrap();
        assert_eq!(json["version"], BRIEF_VERSION);
        assert_eq!(
            json["comparison"]["version"],
            crosscheck_compare::COMPARISON_VERSION
        );
    }

    #[test]
    fn formats_parse() {
        assert_eq!("md".parse(), Ok(Format::Markdown));
        assert_eq!("HTML".parse(), Ok(Format::Html));
        assert!("pdf".parse::<Format>().is_err());
    }
}
