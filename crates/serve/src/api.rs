//! The JSON API: stories (paged, filtered by text and time), one story, its brief in three
//! formats, articles with their analysis, search, health, the OpenAPI document, and
//! `POST /api/articles` which ingests records and says what became of each.

use std::collections::HashSet;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use crosscheck_model::ArticleId;
use crosscheck_pipeline::read::RecordOutcome;
use crosscheck_store::{AddOutcome, StoryRow};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::app::App;
use crate::error::ApiError;

/// The OpenAPI document, served as is and checked against the routes by the tests.
pub const OPENAPI: &str = include_str!("../openapi.json");
/// Page size of `GET /api/stories` when `limit` is not given, and the largest allowed.
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 500;
/// Search hits a `q=` story filter looks at.
const FILTER_HITS: usize = 500;

/// Runs blocking store work off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(
    app: &Arc<App>,
    f: impl FnOnce(&App) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || f(&app))
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
}

/// `GET /healthz`.
pub async fn healthz(State(app): State<Arc<App>>) -> Result<Json<Value>, ApiError> {
    let articles = blocking(&app, |a| a.read(|s| Ok(s.count()?))).await?;
    Ok(Json(json!({"status": "ok", "articles": articles})))
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Any other path.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no route for {}", uri.path()))
}

/// Query of `GET /api/stories`.
#[derive(Debug, Default, Deserialize)]
pub struct StoriesQuery {
    /// Full-text filter: stories with an article matching it.
    pub q: Option<String>,
    /// Stories whose latest article is at or after this time (RFC 3339 or YYYY-MM-DD).
    pub since: Option<String>,
    /// Stories whose earliest article is at or before this time.
    pub until: Option<String>,
    /// Page size (default 50, at most 500).
    pub limit: Option<String>,
    /// Stories skipped.
    pub offset: Option<String>,
}

/// One page of stories.
#[derive(Debug, Serialize)]
pub struct StoryPage {
    /// Stories matching the filters.
    pub total: usize,
    /// Skipped.
    pub offset: usize,
    /// Page size.
    pub limit: usize,
    /// This page, newest first.
    pub stories: Vec<StoryRow>,
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(q)| q)
        .map_err(|e| ApiError::bad_request(format!("bad query: {e}")))
}

fn number(name: &str, value: Option<&str>, default: usize) -> Result<usize, ApiError> {
    value.map_or(Ok(default), |v| {
        v.parse()
            .map_err(|_| ApiError::bad_request(format!("{name}: not a number: {v:?}")))
    })
}

/// Parses `since`/`until`: RFC 3339, or a day (its start for `since`, its end for `until`).
fn time(name: &str, value: Option<&str>) -> Result<Option<DateTime<Utc>>, ApiError> {
    let Some(v) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    let day = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
        ApiError::bad_request(format!(
            "{name}: not a date (YYYY-MM-DD or RFC 3339): {v:?}"
        ))
    })?;
    let t = if name == "until" {
        day.and_hms_opt(23, 59, 59)
    } else {
        day.and_hms_opt(0, 0, 0)
    };
    Ok(t.map(|t| t.and_utc()))
}

/// The stories matching a query, one page of them.
pub(crate) fn story_page(app: &App, q: &StoriesQuery) -> Result<StoryPage, ApiError> {
    let limit = number("limit", q.limit.as_deref(), DEFAULT_LIMIT)?.min(MAX_LIMIT);
    let offset = number("offset", q.offset.as_deref(), 0)?;
    let since = time("since", q.since.as_deref())?;
    let until = time("until", q.until.as_deref())?;
    let matching: Option<HashSet<u64>> = match q.q.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => Some(app.read(|s| {
            let mut ids = HashSet::new();
            for hit in s.search(text, FILTER_HITS)? {
                ids.extend(s.story_of(&hit.id)?);
            }
            Ok(ids)
        })?),
        _ => None,
    };
    let listing = app.listing()?;
    let rows: Vec<&StoryRow> = listing
        .iter()
        .filter(|r| matching.as_ref().is_none_or(|m| m.contains(&r.id)))
        .filter(|r| since.is_none_or(|t| r.last.or(r.first).is_some_and(|l| l >= t)))
        .filter(|r| until.is_none_or(|t| r.first.or(r.last).is_some_and(|f| f <= t)))
        .collect();
    Ok(StoryPage {
        total: rows.len(),
        offset,
        limit,
        stories: rows.into_iter().skip(offset).take(limit).cloned().collect(),
    })
}

/// `GET /api/stories`.
pub async fn stories(
    State(app): State<Arc<App>>,
    q: Result<Query<StoriesQuery>, QueryRejection>,
) -> Result<Json<StoryPage>, ApiError> {
    let q = query(q)?;
    Ok(Json(blocking(&app, move |a| story_page(a, &q)).await?))
}

pub(crate) fn story_id(raw: &str) -> Result<u64, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::bad_request(format!("not a story id: {raw:?}")))
}

/// `GET /api/stories/{id}`: the listing row and the articles by origin.
pub async fn story(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = story_id(&id)?;
    let view = blocking(&app, move |a| a.story(id)).await?;
    Ok(Json(json!({
        "story": view.row,
        "independent_origins": view.brief.independent,
        "origins": view.brief.origins,
    })))
}

/// Query of `GET /api/stories/{id}/brief`.
#[derive(Debug, Default, Deserialize)]
pub struct BriefQuery {
    /// `json` (default), `md` or `html`.
    pub format: Option<String>,
}

/// `GET /api/stories/{id}/brief?format=json|md|html`.
pub async fn brief(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    q: Result<Query<BriefQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let id = story_id(&id)?;
    let name = query(q)?.format.unwrap_or_else(|| "json".into());
    let format: crosscheck_brief::Format = name
        .parse()
        .map_err(|e: crosscheck_brief::UnknownFormat| ApiError::bad_request(e.to_string()))?;
    let view = blocking(&app, move |a| a.story(id)).await?;
    let body = view.rendered(format);
    let kind = match format {
        crosscheck_brief::Format::Json => "application/json",
        crosscheck_brief::Format::Markdown => "text/markdown; charset=utf-8",
        crosscheck_brief::Format::Html => "text/html; charset=utf-8",
    };
    Ok(([(header::CONTENT_TYPE, kind)], body).into_response())
}

/// `GET /api/articles/{id}`: the stored article, its analysis and its story.
pub async fn article(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let value = blocking(&app, move |a| {
        let (stored, analysis, story) = a.article(&id)?;
        let mut value =
            serde_json::to_value(&stored).map_err(|e| ApiError::internal(e.to_string()))?;
        value["analysis"] = serde_json::to_value(analysis).unwrap_or(Value::Null);
        value["story"] = json!(story);
        Ok(value)
    })
    .await?;
    Ok(Json(value))
}

/// Query of `GET /api/search`.
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    /// The query.
    pub q: Option<String>,
    /// Most hits (default 20, at most 500).
    pub limit: Option<String>,
}

/// `GET /api/search?q=`.
pub async fn search(
    State(app): State<Arc<App>>,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let q = query(q)?;
    let text =
        q.q.filter(|t| !t.trim().is_empty())
            .ok_or_else(|| ApiError::bad_request("q: a search query is required"))?;
    let limit = number("limit", q.limit.as_deref(), 20)?.min(MAX_LIMIT);
    let hits = blocking(&app, move |a| a.read(|s| Ok(s.search(&text, limit)?))).await?;
    Ok(Json(json!({"hits": hits})))
}

/// What became of one posted record.
#[derive(Debug, Serialize)]
pub struct RecordResult {
    /// Its index in the request (0 for a single object).
    pub index: usize,
    /// `new`, `near_duplicate`, `duplicate` or `rejected`.
    pub status: &'static str,
    /// The article's id (the stored one's, for a duplicate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<ArticleId>,
    /// The article a near duplicate copies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<ArticleId>,
    /// Why it was rejected, naming the record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl RecordResult {
    fn of(index: usize, outcome: RecordOutcome) -> Self {
        let mut r = RecordResult {
            index,
            status: "new",
            id: None,
            duplicate_of: None,
            error: None,
        };
        match outcome {
            RecordOutcome::Stored { id, outcome } => {
                r.id = Some(id);
                if let AddOutcome::NearDuplicate { of, .. } = outcome {
                    r.status = "near_duplicate";
                    r.duplicate_of = Some(of);
                }
            }
            RecordOutcome::Duplicate { id } => {
                r.status = "duplicate";
                r.id = Some(id);
            }
            RecordOutcome::Rejected { error } => {
                r.status = "rejected";
                r.error = Some(error);
            }
        }
        r
    }
}

/// The records of a request body: one JSON object or an array of them.
fn records(body: &[u8]) -> Result<Vec<Value>, ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("request body: not JSON: {e}")))?;
    match value {
        Value::Array(items) if items.is_empty() => {
            Err(ApiError::bad_request("request body: an empty array"))
        }
        Value::Array(items) => Ok(items),
        Value::Object(_) => Ok(vec![value]),
        _ => Err(ApiError::bad_request(
            "request body: expected a record (a JSON object) or an array of records",
        )),
    }
}

/// `POST /api/articles`: 200 with each record's outcome; 422 when every record was
/// rejected; 400 when the body is not a record or an array of records.
pub async fn post_articles(
    State(app): State<Arc<App>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| ApiError::new(e.status(), format!("request body: {e}")))?;
    let items = records(&body)?;
    let lines: Vec<String> = items.iter().map(Value::to_string).collect();
    let outcomes = blocking(&app, move |a| a.ingest(&lines)).await?;
    let results: Vec<RecordResult> = outcomes
        .into_iter()
        .enumerate()
        .map(|(i, o)| RecordResult::of(i, o))
        .collect();
    let rejected = results.iter().filter(|r| r.status == "rejected").count();
    let stored = results
        .iter()
        .filter(|r| matches!(r.status, "new" | "near_duplicate"))
        .count();
    let status = if rejected == results.len() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = json!({"stored": stored, "rejected": rejected, "articles": results});
    Ok((status, Json(body)).into_response())
}
