//! Compare: lines up what the sources of one story say. Every sentence of every article becomes
//! a statement with its attribution; statements that say the same thing in other words are
//! aligned across articles; the findings say what independent origins corroborate, what one
//! party affirms and another denies, which numbers agree or conflict, and what only one origin
//! reports. Every item cites article ids and byte spans of their clean text.
//!
//! ```
//! use crosscheck_analyze::Analyzer;
//! use crosscheck_model::{Article, ArticleId};
//!
//! let texts = [
//!     "Police said at least 12 people were killed in the blast in Kabul on Monday.",
//!     "About 14 people died in a bombing at a Kabul market, officials told reporters.",
//! ];
//! let articles: Vec<Article> = texts
//!     .iter()
//!     .map(|t| Article::new(ArticleId::of_text(t), t.to_string()))
//!     .collect();
//! let analyses: Vec<_> = articles.iter().map(|a| Analyzer::default().analyze(a)).collect();
//! let pairs: Vec<_> = articles.iter().zip(&analyses).collect();
//! let story = crosscheck_compare::story(&pairs);
//! let comparison = crosscheck_compare::compare(&story);
//! assert_eq!(comparison.independent, 2);
//! // "At least 12" and "about 14" people killed can both be true.
//! let killed = &comparison.numbers[0];
//! assert_eq!((killed.reports.len(), killed.consistent), (2, true));
//! ```

mod align;
mod attribution;
mod disputes;
mod numbers;
mod summary;
mod terms;

use std::collections::HashMap;

use crosscheck_model::{Analysis, Article, ArticleId, Span};
use crosscheck_origins::{trace, Member};
use serde::{Deserialize, Serialize};

pub use attribution::{Attribution, Voice};
pub use numbers::{NumberFinding, NumberReport, APPROXIMATE_TOLERANCE};

use align::{align, alignment, representative, units, Unit};
use terms::{words, Vocabulary};

/// Version of the [`Comparison`] format; bumped when a field changes meaning.
pub const COMPARISON_VERSION: u32 = 1;
/// Two sentences of different articles at or above this weighted similarity say the same
/// thing (weighted Dice of content terms, rare terms of the story weighing more).
pub const ALIGN_SIMILARITY: f64 = 0.35;
/// A denial and a claim must share at least this weighted similarity to be about one thing.
pub const DISPUTE_SIMILARITY: f64 = 0.15;
/// A sentence that negates with no denial verb ("there was no direct combat") must share at
/// least this weighted similarity with the claim it disputes.
pub const NEGATION_SIMILARITY: f64 = 0.25;
/// How much a sentence contained in a longer one counts against a paraphrase.
const CONTAINMENT_DISCOUNT: f64 = 0.6;
/// Two clusters merge when their sentences' mean alignment is at least this share of
/// [`ALIGN_SIMILARITY`].
const LINKAGE: f64 = 0.8;
/// How much a clause-level match counts against a whole-sentence one.
const CLAUSE_DISCOUNT: f64 = 0.9;
/// Sentences with fewer content terms are too short to compare ("He did not elaborate.").
const MIN_TERMS: usize = 3;

/// One article of a story, as the comparison sees it.
#[derive(Debug, Clone)]
pub struct StoryArticle<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Index of its origin group: articles of one group are one voice.
    pub origin: usize,
    /// What the origin is ("bbc.com", "Reuters", or the first article's outlet).
    pub origin_label: String,
    /// Why the article belongs to its origin ("credits bbc.com as its source").
    pub origin_why: String,
}

/// The articles of a story with their origins traced ([`crosscheck_origins::trace`]), oldest
/// first (articles without a publication time keep their order, after dated ones).
pub fn story<'a>(articles: &[(&'a Article, &'a Analysis)]) -> Vec<StoryArticle<'a>> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (articles[i].0.published.is_none(), articles[i].0.published));
    let spans: Vec<Vec<Span>> = order
        .iter()
        .map(|&i| articles[i].1.sentences.iter().map(|s| s.span).collect())
        .collect();
    let members: Vec<Member<'_>> = order
        .iter()
        .zip(&spans)
        .map(|(&i, sentences)| {
            let a = articles[i].0;
            Member {
                outlet: a.outlet.as_deref(),
                url: a.url.as_deref(),
                credits: &a.credits,
                sentences,
                ..Member::new(&a.id, &a.text)
            }
        })
        .collect();
    let origins = trace(&members);
    let mut placed: HashMap<&ArticleId, (usize, &str, &str)> = HashMap::new();
    for (g, group) in origins.groups.iter().enumerate() {
        for m in &group.members {
            placed.insert(&m.article, (g, &group.label, &m.why));
        }
    }
    order
        .iter()
        .map(|&i| {
            let (article, analysis) = articles[i];
            let (origin, label, why) =
                placed
                    .get(&article.id)
                    .copied()
                    .unwrap_or((usize::MAX, "", ""));
            StoryArticle {
                article,
                analysis,
                origin,
                origin_label: label.to_string(),
                origin_why: why.to_string(),
            }
        })
        .collect()
}

/// A pointer into an article: its id, a byte span of its clean text, and the text there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Citation {
    /// The article.
    pub article: ArticleId,
    /// The span of its clean text.
    pub span: Span,
    /// The text the span covers, verbatim.
    pub text: String,
}

impl Citation {
    /// The citation of `span` of an article (empty text when the span is out of range).
    pub fn new(article: &Article, span: Span) -> Self {
        Citation {
            article: article.id.clone(),
            span,
            text: span.slice(&article.text).unwrap_or_default().to_string(),
        }
    }
}

/// One article of the story as the comparison lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The article.
    pub id: ArticleId,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Publication time, RFC 3339.
    pub published: Option<String>,
    /// Where it was read from.
    pub input: String,
    /// Index of its origin group.
    pub origin: usize,
    /// Why it belongs to that origin.
    pub why: String,
}

/// Articles that share one origin: one independent voice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    /// What the origin is.
    pub label: String,
    /// Indices into [`Comparison::sources`].
    pub sources: Vec<usize>,
}

/// A claim of the story: sentences of one or more articles that say the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The wording of the most representative sentence, verbatim.
    pub text: String,
    /// Who says it: the most specific attribution among its sentences.
    pub attribution: Attribution,
    /// The sentences, one per article at most, in story order.
    pub citations: Vec<Citation>,
    /// The origin groups that carry it.
    pub origins: Vec<usize>,
    /// Whether it negates or denies something.
    pub negated: bool,
    /// Whether it holds a direct quote.
    pub quote: bool,
}

/// One party affirms a claim that another denies or plays down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    /// The statements affirmed (indices into [`Comparison::statements`]).
    pub claims: Vec<usize>,
    /// Who affirms it.
    pub affirmed_by: Attribution,
    /// The statements denying it.
    pub denials: Vec<usize>,
    /// Who denies it.
    pub denied_by: Attribution,
}

/// A direct quote of a speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerQuotes {
    /// The speaker, resolved across articles.
    pub speaker: Attribution,
    /// The quoted words, verbatim, each with its article and span.
    pub quotes: Vec<Citation>,
}

/// A dated statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The date, ISO 8601 at its granularity.
    pub date: String,
    /// The date expression as written.
    pub when: Citation,
    /// The statement it dates.
    pub statement: usize,
}

/// Everything the comparison of one story found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// [`COMPARISON_VERSION`].
    pub version: u32,
    /// The articles, oldest first.
    pub sources: Vec<Source>,
    /// The origin groups.
    pub origins: Vec<Origin>,
    /// Independent origins: the number of groups.
    pub independent: usize,
    /// Every statement of the story, in story order.
    pub statements: Vec<Statement>,
    /// 3 to 5 central, non-redundant statements (indices), when the story has that many.
    pub summary: Vec<usize>,
    /// Claims one party affirms and another denies.
    pub disputes: Vec<Dispute>,
    /// Numbers compared as intervals.
    pub numbers: Vec<NumberFinding>,
    /// Direct quotes by speaker.
    pub quotes: Vec<SpeakerQuotes>,
    /// Dated statements in date order.
    pub timeline: Vec<TimelineEntry>,
}

impl Comparison {
    /// Statements carried by at least two independent origins, most origins first.
    pub fn corroborated(&self) -> impl Iterator<Item = (usize, &Statement)> {
        let mut v: Vec<(usize, &Statement)> = self
            .statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.origins.len() >= 2)
            .collect();
        v.sort_by_key(|(i, s)| (std::cmp::Reverse(s.origins.len()), *i));
        v.into_iter()
    }

    /// Statements of one origin only that name someone or something (the story's own
    /// commentary, with no name in it, is left out).
    pub fn single_source(&self) -> impl Iterator<Item = (usize, &Statement)> {
        self.statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.origins.len() == 1 && s.citations.iter().any(|c| has_name(&c.text)))
    }
}

fn has_name(text: &str) -> bool {
    words(text)
        .skip(1)
        .any(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
}

/// Compares the articles of one story (from [`story`]).
pub fn compare(articles: &[StoryArticle<'_>]) -> Comparison {
    let mut vocabulary = Vocabulary::default();
    let units = units(articles, &mut vocabulary);
    let weights = vocabulary.weights(units.len());
    let clusters = align(articles, &units, &weights);
    let (mut statements, unit_statement) = statements(articles, &units, &clusters, &weights);
    let speakers = resolve_speakers(&mut statements);
    let disputes = disputes::disputes(&units, &clusters, &unit_statement, &statements, &weights);
    let summary = summary::summarize(articles, &units, &clusters, &statements, &weights);
    let timeline = timeline(articles, &units, &unit_statement);
    let quotes = quotes(articles, &speakers);
    let sources = articles
        .iter()
        .map(|a| Source {
            id: a.article.id.clone(),
            title: a.article.title.clone(),
            outlet: a.article.outlet.clone(),
            url: a.article.url.clone(),
            published: a.article.published.map(|p| p.to_rfc3339()),
            input: a.article.source.to_string(),
            origin: a.origin,
            why: a.origin_why.clone(),
        })
        .collect::<Vec<_>>();
    let mut origins: Vec<Origin> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        let g = *index.entry(a.origin).or_insert_with(|| {
            origins.push(Origin {
                label: a.origin_label.clone(),
                sources: Vec::new(),
            });
            origins.len() - 1
        });
        origins[g].sources.push(i);
    }
    // Origins are numbered in story order from here on.
    for s in &mut statements {
        s.origins = renumber(&s.origins, &index);
    }
    let mut numbers = numbers::compare(articles);
    for n in &mut numbers {
        for r in &mut n.reports {
            r.origin = index[&r.origin];
        }
    }
    numbers.sort_by_key(|n| std::cmp::Reverse(n.origins));
    let mut sources = sources;
    for s in &mut sources {
        s.origin = index[&s.origin];
    }
    Comparison {
        version: COMPARISON_VERSION,
        independent: origins.len(),
        sources,
        origins,
        statements,
        summary,
        disputes,
        numbers,
        quotes,
        timeline,
    }
}

fn renumber(origins: &[usize], index: &HashMap<usize, usize>) -> Vec<usize> {
    let mut v: Vec<usize> = origins.iter().map(|o| index[o]).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn statements(
    articles: &[StoryArticle<'_>],
    units: &[Unit],
    clusters: &[Vec<usize>],
    weights: &[f64],
) -> (Vec<Statement>, Vec<usize>) {
    let mut unit_statement = vec![0; units.len()];
    let statements = clusters
        .iter()
        .enumerate()
        .map(|(ci, cluster)| {
            let rep = representative(cluster, units, weights);
            let r = &units[rep];
            let text = Citation::new(articles[r.article].article, r.span).text;
            // The representative's voice: another article may give the same fact from
            // another source, and crediting it to the representative would misquote.
            let attribution = r.attribution.clone();
            let mut origins: Vec<usize> = cluster
                .iter()
                .map(|&u| articles[units[u].article].origin)
                .collect();
            origins.sort_unstable();
            origins.dedup();
            for &u in cluster {
                unit_statement[u] = ci;
            }
            Statement {
                text,
                attribution,
                citations: cluster
                    .iter()
                    .map(|&u| Citation::new(articles[units[u].article].article, units[u].span))
                    .collect(),
                origins,
                negated: cluster
                    .iter()
                    .any(|&u| units[u].denial || !units[u].negated_terms.is_empty()),
                quote: cluster.iter().any(|&u| units[u].quote),
            }
        })
        .collect();
    (statements, unit_statement)
}

/// Merges speakers across articles by name (names::same_entity), keeping the fullest name and
/// any role; returns the distinct people.
fn resolve_speakers(statements: &mut [Statement]) -> Vec<Attribution> {
    let mut people: Vec<Attribution> = Vec::new();
    for s in statements.iter() {
        let a = &s.attribution;
        if a.voice != Voice::Person {
            continue;
        }
        match people.iter_mut().find(|p| p.same_voice(a)) {
            Some(p) => {
                if a.name.len() > p.name.len() {
                    p.name.clone_from(&a.name);
                }
                if p.role.is_none() {
                    p.role.clone_from(&a.role);
                }
                if p.party.is_none() {
                    p.party.clone_from(&a.party);
                }
            }
            None => people.push(a.clone()),
        }
    }
    for s in statements.iter_mut() {
        if let Some(p) = people.iter().find(|p| p.same_voice(&s.attribution)) {
            s.attribution = p.clone();
        }
    }
    people
}

/// Dated statements, one entry per date and statement.
fn timeline(
    articles: &[StoryArticle<'_>],
    units: &[Unit],
    unit_statement: &[usize],
) -> Vec<TimelineEntry> {
    let mut out: Vec<TimelineEntry> = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        let a = &articles[u.article];
        for d in a.analysis.dates.iter().filter(|d| d.sentence == u.sentence) {
            let Some(date) = &d.resolved else { continue };
            let statement = unit_statement[ui];
            if out
                .iter()
                .any(|e| e.date == *date && e.statement == statement)
            {
                continue;
            }
            out.push(TimelineEntry {
                date: date.clone(),
                when: Citation::new(a.article, d.span),
                statement,
            });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date));
    out
}

/// Direct quotes grouped by speaker, speakers resolved across articles.
fn quotes(articles: &[StoryArticle<'_>], people: &[Attribution]) -> Vec<SpeakerQuotes> {
    let mut out: Vec<SpeakerQuotes> = Vec::new();
    for a in articles {
        for q in a.analysis.quotes.iter().filter(|q| q.direct) {
            let Some(speaker) = q.speaker_name.as_deref().or(q.speaker.as_deref()) else {
                continue;
            };
            let citation = Citation::new(a.article, q.span);
            if citation.text.trim().is_empty() {
                continue;
            }
            let attribution = people
                .iter()
                .find(|p| {
                    p.name == speaker || crosscheck_analyze::names::same_entity(&p.name, speaker)
                })
                .cloned()
                .unwrap_or_else(|| {
                    let span = a.analysis.sentences.get(q.sentence).map(|s| s.span);
                    span.map_or_else(Attribution::outlet, |span| {
                        attribution::of_sentence(&a.article.text, a.analysis, q.sentence, span)
                    })
                });
            if attribution.voice == Voice::Outlet {
                continue;
            }
            match out.iter_mut().find(|s| s.speaker.same_voice(&attribution)) {
                Some(s) => s.quotes.push(citation),
                None => out.push(SpeakerQuotes {
                    speaker: attribution,
                    quotes: vec![citation],
                }),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
