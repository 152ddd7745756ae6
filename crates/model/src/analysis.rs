//! The per-article analysis: what the analyze stage found, each item pointing back into the
//! article's clean text through a byte [`Span`].

use serde::{Deserialize, Serialize};

use crate::{ArticleId, Span};

/// Version of the analysis format; bumped when a field changes meaning.
pub const ANALYSIS_VERSION: u32 = 2;

/// One sentence of an article's story text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it stands in the clean text.
    pub span: Span,
    /// 0-based paragraph it belongs to.
    pub paragraph: usize,
}

/// A section heading on a line of its own ("What we know about engagement"): structure, not a
/// sentence of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// Where it stands in the clean text.
    pub span: Span,
    /// 0-based paragraph it is.
    pub paragraph: usize,
}

/// What the analyze stage found in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// [`ANALYSIS_VERSION`] when this was made.
    pub version: u32,
    /// The article analysed.
    pub article: ArticleId,
    /// Sentences in reading order, headings excluded.
    pub sentences: Vec<Sentence>,
    /// Section headings.
    pub headings: Vec<Heading>,
    /// Numbers with their bounds and what they count.
    pub quantities: Vec<Quantity>,
    /// Dates, resolved against the publication date where they are relative.
    pub dates: Vec<DateMention>,
    /// Direct and indirect quotes with their speakers.
    pub quotes: Vec<Quote>,
    /// People, organisations, places and other names, variants merged.
    pub entities: Vec<Entity>,
    /// Who did what to whom, where and when, one per sentence that tells an action; the
    /// first is the article's main event.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// Something that happened, as one sentence tells it: who did what (to whom), where, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Index of the sentence.
    pub sentence: usize,
    /// Who acted ("Several people", "Russian forces"); `None` for a passive without agent.
    pub actor: Option<Span>,
    /// The entity the actor names, when it names one ("Rustem Umerov").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_entity: Option<String>,
    /// The action: the verb group and what it acts on ("have struck the capital").
    pub action: Span,
    /// The main verb, lowercased as written ("struck").
    pub verb: String,
    /// Where, when the sentence says ("in Croydon", "near Kursk").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Span>,
    /// When, when the sentence says ("on Tuesday", "at around 6am").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Span>,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, government body, party, team...
    Organization,
    /// A country, city, region...
    Place,
    /// Any other name: nationalities, events, works.
    Other,
}

/// One entity of an article: all the mentions that name it, merged across variants
/// ("President Volodymyr Zelenskiy", "Zelenskiy").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest name used ("Volodymyr Zelenskiy").
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Every distinct way the article names it.
    pub variants: Vec<String>,
    /// Roles the article gives it ("Defense Minister", "head of the counter-disinformation
    /// department of Ukraine's Security Council").
    pub roles: Vec<String>,
    /// Where it is named.
    pub mentions: Vec<Span>,
    /// The country a place, demonym or capital stands for ("North Korean" → "North Korea").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Whether a capital is used for its government ("Moscow", "Pyongyang").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub government: bool,
}

/// Something a source is reported to have said: a direct quote (the words inside quotation
/// marks) or an indirect one ("X said (that) ...", "according to X, ...").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The words said: inside the marks for a direct quote, the reported clause otherwise.
    pub span: Span,
    /// Index of the sentence the quote starts in.
    pub sentence: usize,
    /// Whether the words stand inside quotation marks.
    pub direct: bool,
    /// The speaker as written ("Andriy Kovalenko", "the ministers", "South Korean officials"),
    /// when one is given.
    pub speaker: Option<String>,
    /// Where the speaker is written (it may be in an earlier sentence for a continued quote).
    pub speaker_span: Option<Span>,
    /// The person speaking, by name: the speaker itself when it is a person's name, or the
    /// nearest earlier name a pronoun or role refers to ("He" → "Andriy Kovalenko", "The
    /// president" → "President Volodymyr Zelenskiy"). `None` for groups and institutions
    /// ("the ministers", "South Korean officials") and when nothing fits.
    pub speaker_name: Option<String>,
    /// The verb or phrase that attributes the words ("said", "told", "according to").
    pub cue: Option<String>,
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Granularity {
    /// A day: `2024-11-05`.
    Day,
    /// A week, given by its first day (Monday): `2024-10-28`.
    Week,
    /// A month: `2024-10`.
    Month,
    /// A year: `2024`.
    Year,
}

/// A date as written ("on Tuesday", "last month", "November 5, 2024", "three months ago").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// The expression.
    pub span: Span,
    /// Index of the sentence it stands in.
    pub sentence: usize,
    /// The date it means, as ISO 8601 text at its granularity (`2024-11-05`, `2024-10`,
    /// `2024`); `None` when it is relative and the article has no publication date.
    pub resolved: Option<String>,
    /// How precise `resolved` is.
    pub granularity: Granularity,
    /// Whether it was written relative to the publication date ("last month", "on Tuesday").
    pub relative: bool,
}

/// What kind of thing a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuantityKind {
    /// A count of things ("11,000 troops").
    Count,
    /// A percentage ("76%").
    Percent,
    /// An amount of money ("$1.13bn").
    Money,
    /// A span of time ("three months").
    Duration,
}

/// A number as reported, with its bounds: "approximately 11,000" is approximate; "at least
/// 10,000" has only a lower bound; "up to 12,000" only an upper one; "between 10,000 and
/// 12,000" and "10,000-12,000" are ranges. An exact number has `low == high == value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The expression, qualifier included ("at least 10,000 soldiers").
    pub span: Span,
    /// Index of the sentence it stands in.
    pub sentence: usize,
    /// The number itself; `None` for a range.
    pub value: Option<f64>,
    /// Lower bound, when known.
    pub low: Option<f64>,
    /// Upper bound, when known.
    pub high: Option<f64>,
    /// "about", "some", "approximately", "an estimated", "dozens of"...
    pub approximate: bool,
    /// The counted noun or unit, lowercased ("troops", "months", "%", "usd").
    pub unit: Option<String>,
    /// The words after the number that say what it counts ("North Korean troops").
    pub counted: Option<String>,
    /// What kind of quantity it is.
    pub kind: QuantityKind,
}
