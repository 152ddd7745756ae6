//! The web UI: server-rendered pages from templates checked at compile time (askama, which
//! escapes every value), and the embedded assets. No page reads a file.

use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use crosscheck_brief::{number, Brief};
use crosscheck_model::{Analysis, Span};
use crosscheck_store::{StoredArticle, StoryRow};
use serde::Deserialize;

use crate::api::{blocking, story_id, story_page, StoriesQuery};
use crate::app::App;
use crate::error::ApiError;
use crate::highlight::{segments, Segment};
use crate::matrix::{matrix, Cell};

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");

/// Percent-encodes one path segment or query value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn article_href(id: &str, span: Option<Span>) -> String {
    match span {
        Some(s) => format!("/articles/{}?hl={}-{}#cited", encode(id), s.start, s.end),
        None => format!("/articles/{}", encode(id)),
    }
}

fn day(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map_or_else(String::new, |t| t.format("%Y-%m-%d").to_string())
}

fn span_text(row: &StoryRow) -> String {
    match (day(row.first), day(row.last)) {
        (a, b) if a.is_empty() && b.is_empty() => "undated".into(),
        (a, b) if a == b || b.is_empty() => a,
        (a, b) => format!("{a} – {b}"),
    }
}

/// An error page with its status.
pub struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    status: u16,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            status: self.0.status.as_u16(),
            message: self.0.message,
        };
        (self.0.status, html(&page)).into_response()
    }
}

fn html(t: &impl Template) -> Html<String> {
    Html(
        t.render()
            .unwrap_or_else(|e| format!("<!doctype html><p>template error: {e}</p>")),
    )
}

/// One line of the story list.
struct ListItem {
    href: String,
    title: String,
    span: String,
    articles: usize,
    independent: String,
    entities: String,
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    q: String,
    total: usize,
    items: Vec<ListItem>,
    prev: Option<String>,
    next: Option<String>,
}

/// `GET /`: the story list with a search box.
pub async fn index(
    State(app): State<Arc<App>>,
    q: Result<Query<StoriesQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    let q = q
        .map(|Query(q)| q)
        .map_err(|e| ApiError::bad_request(format!("bad query: {e}")))?;
    let text = q.q.clone().unwrap_or_default();
    let page = blocking(&app, move |a| story_page(a, &q)).await?;
    let link =
        |offset: usize| format!("/?q={}&offset={offset}&limit={}", encode(&text), page.limit);
    let prev = (page.offset > 0).then(|| link(page.offset.saturating_sub(page.limit)));
    let next = (page.offset + page.limit < page.total).then(|| link(page.offset + page.limit));
    let items = page
        .stories
        .iter()
        .map(|r| ListItem {
            href: format!("/stories/{}", r.id),
            title: r.title.clone().unwrap_or_else(|| format!("Story {}", r.id)),
            span: span_text(r),
            articles: r.articles,
            independent: r
                .independent_origins
                .map_or_else(|| "?".into(), |n| n.to_string()),
            entities: r.entities.join(", "),
        })
        .collect();
    Ok(html(&IndexPage {
        q: text.clone(),
        total: page.total,
        items,
        prev,
        next,
    })
    .into_response())
}

struct CiteView {
    n: usize,
    href: String,
    text: String,
}

struct ItemView {
    text: String,
    cites: Vec<CiteView>,
}

struct SectionView {
    id: String,
    title: String,
    items: Vec<ItemView>,
}

struct SourceCol {
    n: usize,
    label: String,
    href: String,
}

struct MatrixRow {
    text: String,
    cells: Vec<(&'static str, &'static str)>,
}

struct NumberRow {
    what: String,
    reports: Vec<CiteView>,
    verdict: String,
}

struct OriginView {
    label: String,
    sources: Vec<(SourceCol, String)>,
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage {
    id: u64,
    title: String,
    span: String,
    articles: usize,
    independent: usize,
    sections: Vec<SectionView>,
    sources: Vec<SourceCol>,
    matrix: Vec<MatrixRow>,
    numbers: Vec<NumberRow>,
    origins: Vec<OriginView>,
}

fn sections(brief: &Brief) -> Vec<SectionView> {
    brief
        .sections
        .iter()
        .map(|s| SectionView {
            id: s.id.clone(),
            title: s.title.clone(),
            items: s
                .sentences
                .iter()
                .map(|sent| ItemView {
                    text: sent.text.clone(),
                    cites: sent
                        .citations
                        .iter()
                        .map(|c| CiteView {
                            n: c.n,
                            href: article_href(c.article.as_str(), Some(c.span)),
                            text: c.text.clone(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

fn numbers(brief: &Brief) -> Vec<NumberRow> {
    let c = &brief.comparison;
    let n_of = |id: &crosscheck_model::ArticleId| {
        c.sources
            .iter()
            .position(|s| &s.id == id)
            .map_or(0, |i| i + 1)
    };
    c.numbers
        .iter()
        .map(|f| NumberRow {
            what: f.what.clone(),
            reports: f
                .reports
                .iter()
                .flat_map(|r| &r.citations)
                .map(|k| CiteView {
                    n: n_of(&k.article),
                    href: article_href(k.article.as_str(), Some(k.span)),
                    text: k.text.clone(),
                })
                .collect(),
            verdict: match (f.consistent, f.range) {
                (true, Some([lo, hi])) if lo == hi => format!("agree: {}", number(lo)),
                (true, Some([lo, hi])) => format!("agree: {}–{}", number(lo), number(hi)),
                (true, None) => "agree".into(),
                (false, _) => "conflict".into(),
            },
        })
        .collect()
}

/// `GET /stories/{id}`: brief, source matrix, numbers, timeline and sources.
pub async fn story(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = story_id(&id)?;
    let view = blocking(&app, move |a| a.story(id)).await?;
    let brief = &view.brief;
    let c = &brief.comparison;
    let sources: Vec<SourceCol> = c
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| SourceCol {
            n: i + 1,
            label: s.outlet.clone().unwrap_or_else(|| s.input.clone()),
            href: article_href(s.id.as_str(), None),
        })
        .collect();
    let rows = matrix(c)
        .into_iter()
        .map(|r| MatrixRow {
            text: r.text,
            cells: r
                .cells
                .into_iter()
                .map(|cell| {
                    let mark = match cell {
                        Cell::Supports => "✔",
                        Cell::Contradicts => "✘",
                        Cell::Silent => "·",
                    };
                    (cell.name(), mark)
                })
                .collect(),
        })
        .collect();
    let origins = brief
        .origins
        .iter()
        .map(|o| OriginView {
            label: o.label.clone(),
            sources: o
                .sources
                .iter()
                .map(|s| {
                    let col = SourceCol {
                        n: s.n,
                        label: s.label.clone(),
                        href: article_href(s.id.as_str(), None),
                    };
                    (col, s.why.clone())
                })
                .collect(),
        })
        .collect();
    let page = StoryPage {
        id,
        title: view
            .row
            .title
            .clone()
            .unwrap_or_else(|| brief.title.clone()),
        span: span_text(&view.row),
        articles: view.row.articles,
        independent: brief.independent,
        sections: sections(brief),
        sources,
        matrix: rows,
        numbers: numbers(brief),
        origins,
    };
    Ok(html(&page).into_response())
}

/// Query of the article page: `hl=START-END` marks the cited passage.
#[derive(Debug, Default, Deserialize)]
pub struct ArticleQuery {
    /// The cited byte span.
    pub hl: Option<String>,
}

struct EntityView {
    name: String,
    kind: String,
    variants: String,
    mentions: usize,
}

struct QuoteView {
    text: String,
    speaker: String,
    cue: String,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    title: String,
    outlet: String,
    published: String,
    url: Option<String>,
    story: Option<u64>,
    credits: String,
    segments: Vec<Segment>,
    entities: Vec<EntityView>,
    quotes: Vec<QuoteView>,
}

fn parse_hl(raw: Option<&str>) -> Option<Span> {
    let (a, b) = raw?.split_once('-')?;
    Some(Span::new(a.trim().parse().ok()?, b.trim().parse().ok()?))
}

fn article_page(
    stored: &StoredArticle,
    analysis: Option<&Analysis>,
    story: Option<u64>,
    cited: Option<Span>,
) -> ArticlePage {
    let a = &stored.article;
    let text = &a.text;
    let entities = analysis
        .map(|an| {
            an.entities
                .iter()
                .map(|e| EntityView {
                    name: e.name.clone(),
                    kind: format!("{:?}", e.kind).to_lowercase(),
                    variants: e.variants.join(", "),
                    mentions: e.mentions.len(),
                })
                .collect()
        })
        .unwrap_or_default();
    let quotes = analysis
        .map(|an| {
            an.quotes
                .iter()
                .map(|q| QuoteView {
                    text: q.span.slice(text).unwrap_or_default().to_string(),
                    speaker: q
                        .speaker_name
                        .clone()
                        .or_else(|| q.speaker.clone())
                        .unwrap_or_else(|| "(unattributed)".into()),
                    cue: q.cue.clone().unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    let web = |u: &&String| u.starts_with("https://") || u.starts_with("http://");
    ArticlePage {
        title: a.title.clone().unwrap_or_else(|| a.id.to_string()),
        outlet: a.outlet.clone().unwrap_or_default(),
        published: a
            .published
            .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
        url: a.url.as_ref().filter(web).cloned(),
        story,
        credits: a
            .credits
            .iter()
            .map(|c| c.raw.clone())
            .collect::<Vec<_>>()
            .join("; "),
        segments: segments(text, analysis, cited),
        entities,
        quotes,
    }
}

/// `GET /articles/{id}?hl=START-END`: the text with entities, quotes, numbers and dates
/// highlighted, and the cited passage marked and anchored at `#cited`.
pub async fn article(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    q: Result<Query<ArticleQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    let cited = parse_hl(q.ok().and_then(|Query(q)| q.hl).as_deref());
    let page = blocking(&app, move |a| {
        let (stored, analysis, story) = a.article(&id)?;
        Ok(article_page(&stored, analysis.as_ref(), story, cited))
    })
    .await?;
    Ok(html(&page).into_response())
}

/// `GET /assets/{name}`: the embedded stylesheet and script; nothing else.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (kind, body) = match name.as_str() {
        "style.css" => ("text/css; charset=utf-8", STYLE),
        "app.js" => ("text/javascript; charset=utf-8", SCRIPT),
        _ => {
            return ApiError::new(StatusCode::NOT_FOUND, format!("no asset {name:?}"))
                .into_response()
        }
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_path_segments() {
        assert_eq!(encode("a b/c?d"), "a%20b%2Fc%3Fd");
        assert_eq!(encode("abc-1.2_~"), "abc-1.2_~");
    }

    #[test]
    fn reads_highlight_spans() {
        assert_eq!(parse_hl(Some("3-9")), Some(Span::new(3, 9)));
        assert_eq!(parse_hl(Some("x-9")), None);
        assert_eq!(parse_hl(None), None);
    }
}
