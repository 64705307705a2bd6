//! The JSON resources: documents, events (effective, filtered, paginated,
//! per day), an event's detail, history and review, claims, places, map
//! layers (roads and checkpoints; zones on a date), statistics, facets and
//! full-text search; and the middleware every response passes (security
//! headers, JSON errors, ETags).

use std::collections::{BTreeMap, HashMap};

use axum::body::{Body, to_bytes};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use truce_gazetteer::{Gazetteer, PlaceKind};
use truce_model::{ActorRole, EventType, PartialDate};
use truce_store::{EventFields, Review, UserRole};
use utoipa::IntoParams;

use crate::auth::CurrentUser;
use crate::dto::*;
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::state::AppState;
use crate::view::{ClaimStatus, EventItem, View};

/// The largest page any list returns.
pub const MAX_PAGE: usize = 500;
/// The page size when `limit` is not given.
pub const DEFAULT_PAGE: usize = 50;
/// The largest request body accepted (reviews and logins are small).
pub const MAX_BODY: usize = 64 * 1024;

/// A JSON response. `<`, `>` and `&` are written as `\u003c`... (still the
/// same JSON): source texts are hostile, and a body read as HTML by mistake
/// must not carry markup.
pub fn json_response<T: Serialize>(value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(text) => {
            let text = text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
            ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], text).into_response()
        }
        Err(e) => ApiError::internal(format!("encoding the answer: {e}")).into_response(),
    }
}

/// `Json` whose rejections are API errors.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    let code = match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::ValidationFailed,
        _ => ErrorCode::BadRequest,
    };
    ApiError::new(code, rejection.body_text())
}

pub(crate) fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t).map_err(|e| ApiError::bad_request(e.body_text()))
}

pub(crate) fn parse_id(text: &str, what: &str) -> Result<i64, ApiError> {
    text.parse().map_err(|_| ApiError::bad_request(format!("{what} id {text:?} is not a number")))
}

pub(crate) fn parse_date(text: &str, name: &str) -> Result<PartialDate, ApiError> {
    text.parse().map_err(|e| ApiError::bad_request(format!("{name}: {e}")))
}

/// `limit` and `offset`, checked.
pub(crate) fn page(limit: Option<&str>, offset: Option<&str>) -> Result<(usize, usize), ApiError> {
    let limit = match limit {
        None => DEFAULT_PAGE,
        Some(t) => match t.parse::<usize>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
            _ => return Err(ApiError::bad_request(format!("limit must be a number from 1 to {MAX_PAGE}, not {t:?}"))),
        },
    };
    let offset = match offset {
        None => 0,
        Some(t) => t.parse().map_err(|_| ApiError::bad_request(format!("offset must be a number, not {t:?}")))?,
    };
    Ok((limit, offset))
}

pub(crate) fn slice<T>(items: Vec<T>, limit: usize, offset: usize) -> (Vec<T>, usize) {
    let total = items.len();
    (items.into_iter().skip(offset).take(limit).collect(), total)
}

/// Filters of the event lists. Every one given must match; lists are
/// comma-separated alternatives.
#[derive(Debug, Default, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// Event type codes, comma-separated (`firing,armed_clash`).
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    /// Events whose period ends on or after this date (`2022-12`, `2022-12-12`).
    pub from: Option<String>,
    /// Events whose period starts on or before this date.
    pub to: Option<String>,
    /// `min_lon,min_lat,max_lon,max_lat`: one of the event's places inside.
    pub bbox: Option<String>,
    /// A place name (any spelling the gazetteer knows), case-insensitive.
    pub place: Option<String>,
    /// An actor (party) name, case-insensitive.
    pub actor: Option<String>,
    /// A claimant name, case-insensitive.
    pub claimant: Option<String>,
    /// Claim status: `disputed`, `single_source`, `corroborated`, `unattributed`.
    pub status: Option<String>,
    /// Review state: `unreviewed`, `accepted`, `corrected`, `rejected`.
    pub review: Option<String>,
    /// A zone name: one of the event's places inside it on the event's date.
    pub zone: Option<String>,
    /// Numeric document id.
    pub doc: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<String>,
    /// Events to skip.
    pub offset: Option<String>,
}

struct EventFilters {
    types: Option<Vec<EventType>>,
    from: Option<Option<PartialDate>>,
    to: Option<Option<PartialDate>>,
    bbox: Option<[f64; 4]>,
    places: Option<Vec<String>>,
    actor: Option<String>,
    claimant: Option<String>,
    statuses: Option<Vec<String>>,
    reviews: Option<Vec<String>>,
    zone: Option<String>,
    doc: Option<i64>,
}

pub(crate) fn list(text: &Option<String>) -> Option<Vec<String>> {
    text.as_ref().map(|t| t.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect())
}

impl EventQuery {
    fn filters(&self) -> Result<EventFilters, ApiError> {
        let types = match list(&self.event_type) {
            None => None,
            Some(codes) => Some(
                codes
                    .iter()
                    .map(|c| c.parse::<EventType>().map_err(|e| ApiError::bad_request(e.to_string())))
                    .collect::<Result<_, _>>()?,
            ),
        };
        let bound = |text: &Option<String>, name: &str, first: bool| -> Result<Option<Option<PartialDate>>, ApiError> {
            text.as_deref()
                .map(|t| parse_date(t, name).map(|d| if first { d.first_day() } else { d.last_day() }))
                .transpose()
        };
        let bbox = match &self.bbox {
            None => None,
            Some(text) => {
                let parts: Vec<f64> = text.split(',').filter_map(|p| p.trim().parse().ok()).collect();
                match parts[..] {
                    [a, b, c, d] if a <= c && b <= d => Some([a, b, c, d]),
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "bbox must be min_lon,min_lat,max_lon,max_lat, not {text:?}"
                        )));
                    }
                }
            }
        };
        // Any spelling of the place: its canonical name, as records carry it.
        let places = self.place.as_ref().map(|p| {
            let mut names: Vec<String> = Gazetteer::builtin().lookup(p).iter().map(|g| g.name.to_lowercase()).collect();
            names.push(p.to_lowercase());
            names
        });
        let check =
            |values: Option<Vec<String>>, allowed: &[&str], name: &str| -> Result<Option<Vec<String>>, ApiError> {
                if let Some(bad) = values.iter().flatten().find(|v| !allowed.contains(&v.as_str())) {
                    return Err(ApiError::bad_request(format!("{name} {bad:?} is not one of {}", allowed.join(", "))));
                }
                Ok(values)
            };
        let statuses: Vec<&str> = ClaimStatus::ALL.iter().map(|s| s.code()).collect();
        Ok(EventFilters {
            types,
            from: bound(&self.from, "from", true)?,
            to: bound(&self.to, "to", false)?,
            bbox,
            places,
            actor: self.actor.as_ref().map(|a| a.to_lowercase()),
            claimant: self.claimant.as_ref().map(|a| a.to_lowercase()),
            statuses: check(list(&self.status), &statuses, "status")?,
            reviews: check(list(&self.review), &["unreviewed", "accepted", "corrected", "rejected"], "review")?,
            zone: self.zone.clone(),
            doc: self.doc.as_deref().map(|d| parse_id(d, "document")).transpose()?,
        })
    }
}

impl EventFilters {
    fn matches(&self, e: &EventItem) -> bool {
        let r = &e.record;
        if self.types.as_ref().is_some_and(|t| !t.contains(&r.event_type)) {
            return false;
        }
        // Periods overlap when each starts before the other ends; a bound with
        // no year, like an event with none, matches nothing.
        if let Some(from) = self.from
            && !matches!((from, e.period), (Some(f), Some((_, hi))) if hi >= f)
        {
            return false;
        }
        if let Some(to) = self.to
            && !matches!((to, e.period), (Some(t), Some((lo, _))) if lo <= t)
        {
            return false;
        }
        if let Some([x0, y0, x1, y1]) = self.bbox {
            let inside = e.places.iter().filter_map(|p| Some((p.place?.lon?, p.place?.lat?)));
            if !inside.into_iter().any(|(x, y)| (x0..=x1).contains(&x) && (y0..=y1).contains(&y)) {
                return false;
            }
        }
        if let Some(names) = &self.places
            && !r.places.iter().any(|p| names.contains(&p.to_lowercase()))
        {
            return false;
        }
        if let Some(actor) = &self.actor
            && !r.actors.iter().any(|a| a.name.to_lowercase() == *actor)
        {
            return false;
        }
        if let Some(claimant) = &self.claimant
            && !r.claims.iter().any(|c| c.claimant.to_lowercase() == *claimant)
        {
            return false;
        }
        if self.statuses.as_ref().is_some_and(|s| !s.iter().any(|s| s == e.status.code())) {
            return false;
        }
        if self.reviews.as_ref().is_some_and(|s| !s.iter().any(|s| s == e.review_state())) {
            return false;
        }
        if self.zone.as_ref().is_some_and(|z| !e.zones.contains(z)) {
            return false;
        }
        self.doc.is_none_or(|d| d == e.doc_id)
    }
}

fn filtered<'v>(view: &'v View, q: &EventQuery) -> Result<Vec<&'v EventItem>, ApiError> {
    let filters = q.filters()?;
    Ok(view.events.iter().filter(|e| filters.matches(e)).collect())
}

/// Events (effective: the latest correction applied), filtered, in date order.
#[utoipa::path(get, path = "/api/events", tag = "events", params(EventQuery),
    responses((status = 200, body = EventPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<EventQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let (limit, offset) = page(q.limit.as_deref(), q.offset.as_deref())?;
    let view = state.view().await?;
    let (items, total) = slice(filtered(&view, &q)?, limit, offset);
    Ok(json_response(&EventPage { items: items.into_iter().map(EventOut::from).collect(), total, limit, offset }))
}

/// Events per day for the time histogram (same filters as `/api/events`).
#[utoipa::path(get, path = "/api/events/daily", tag = "events", params(EventQuery),
    responses((status = 200, body = DailyOut), (status = 400, body = ErrorBody)))]
pub async fn events_daily(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<EventQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let view = state.view().await?;
    let mut days: BTreeMap<String, usize> = BTreeMap::new();
    let mut undated = 0;
    for e in filtered(&view, &q)? {
        match e.period {
            Some((lo, _)) => *days.entry(lo.to_string()).or_default() += 1,
            None => undated += 1,
        }
    }
    let days = days.into_iter().map(|(date, count)| DayCount { date, count }).collect();
    Ok(json_response(&DailyOut { days, undated }))
}

/// One event: effective, as extracted, its document and its review history.
#[utoipa::path(get, path = "/api/events/{id}", tag = "events", params(("id" = i64, Path, description = "Event id")),
    responses((status = 200, body = EventDetail), (status = 404, body = ErrorBody)))]
pub async fn event(
    State(state): State<AppState>,
    _me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id, "event")?;
    let view = state.view().await?;
    let item = view.get(id).ok_or_else(|| ApiError::not_found(format!("event {id} not found")))?;
    let document =
        view.documents.get(&item.doc_id).ok_or_else(|| ApiError::not_found(format!("document {}", item.doc_id)))?;
    let (machine, history) = state.store(move |s| Ok((s.event(id)?, s.history(id)?))).await?;
    let machine = machine.ok_or_else(|| ApiError::not_found(format!("event {id} not found")))?;
    Ok(json_response(&EventDetail {
        event: EventOut::from(item),
        incident_id: view.incident_of(id),
        extracted: extracted(&machine.record),
        document: DocumentOut::from(document),
        history: history.iter().map(CorrectionOut::from).collect(),
    }))
}

/// Every review of an event, oldest first.
#[utoipa::path(get, path = "/api/events/{id}/history", tag = "review", params(("id" = i64, Path, description = "Event id")),
    responses((status = 200, body = Vec<CorrectionOut>), (status = 404, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    _me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id, "event")?;
    let (exists, history) = state.store(move |s| Ok((s.event(id)?.is_some(), s.history(id)?))).await?;
    if !exists {
        return Err(ApiError::not_found(format!("event {id} not found")));
    }
    Ok(json_response(&history.iter().map(CorrectionOut::from).collect::<Vec<_>>()))
}

/// Review an event (analysts and admins; needs the CSRF header): accept it,
/// correct its type, dates, places, actors or casualties, or reject it.
/// Appended to the history; the extracted record is kept.
#[utoipa::path(post, path = "/api/events/{id}/review", tag = "review", request_body = ReviewRequest,
    params(("id" = i64, Path, description = "Event id"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 201, body = CorrectionOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<Response, ApiError> {
    me.check_write(&headers, UserRole::Analyst)?;
    let id = parse_id(&id, "event")?;
    let review = match (req.action.as_str(), req.fields) {
        ("accept", None) => Review::Accept,
        ("reject", None) => Review::Reject,
        ("correct", Some(fields)) => Review::Correct(checked_fields(fields)?),
        ("correct", None) => return Err(ApiError::invalid("a correction needs `fields`")),
        ("accept" | "reject", Some(_)) => return Err(ApiError::invalid("only a correction carries `fields`")),
        (other, _) => return Err(ApiError::invalid(format!("action {other:?} is not accept, correct or reject"))),
    };
    let note = req.note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > 2000) {
        return Err(ApiError::invalid("the note is longer than 2000 characters"));
    }
    let user = me.user.name.clone();
    let correction = state.store(move |s| s.apply_correction(id, &user, &review, note.as_deref())).await?;
    let mut response = json_response(&CorrectionOut::from(&correction));
    *response.status_mut() = StatusCode::CREATED;
    Ok(response)
}

/// Corrected fields as sent, checked: a known type, dates, places the
/// gazetteer knows (stored by canonical name), named actors with known roles.
fn checked_fields(f: FieldsOut) -> Result<EventFields, ApiError> {
    let event_type: EventType =
        f.event_type.parse().map_err(|e: truce_model::UnknownEventType| ApiError::invalid(e.to_string()))?;
    let date = |t: &Option<String>, name: &str| {
        t.as_deref()
            .filter(|t| !t.is_empty())
            .map(|t| t.parse::<PartialDate>().map_err(|e| ApiError::invalid(format!("{name}: {e}"))))
            .transpose()
    };
    let (start, end) = (date(&f.date, "date")?, date(&f.date_end, "date_end")?);
    if let (Some(a), Some(b)) = (start.and_then(|d| d.first_day()), end.and_then(|d| d.last_day()))
        && b < a
    {
        return Err(ApiError::invalid("date_end is before date"));
    }
    let gazetteer = Gazetteer::builtin();
    let mut places: Vec<String> = Vec::new();
    for name in &f.places {
        let place =
            gazetteer.resolve(name.trim()).ok_or_else(|| ApiError::invalid(format!("unknown place {name:?}")))?;
        if !places.contains(&place.name) {
            places.push(place.name.clone());
        }
    }
    let actors = f
        .actors
        .iter()
        .map(|a| {
            let name = a.name.trim();
            if name.is_empty() || name.chars().count() > 200 {
                return Err(ApiError::invalid("an actor needs a name of 1 to 200 characters"));
            }
            let role = serde_json::from_value(serde_json::Value::String(a.role.clone()))
                .map_err(|_| ApiError::invalid(format!("unknown actor role {:?}", a.role)))?;
            Ok(ActorRole { name: name.to_owned(), role })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(EventFields { event_type, date: start, date_end: end, places, actors, killed: f.killed, injured: f.injured })
}

#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<String>,
    pub offset: Option<String>,
}

/// Stored documents, oldest first.
#[utoipa::path(get, path = "/api/documents", tag = "documents", params(PageQuery),
    responses((status = 200, body = DocumentPage), (status = 400, body = ErrorBody)))]
pub async fn documents(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let (limit, offset) = page(q.limit.as_deref(), q.offset.as_deref())?;
    let view = state.view().await?;
    let mut all: Vec<_> = view.documents.values().collect();
    all.sort_by_key(|d| d.doc_id);
    let (items, total) = slice(all, limit, offset);
    Ok(json_response(&DocumentPage { items: items.into_iter().map(DocumentOut::from).collect(), total, limit, offset }))
}

/// One document (by id, name or content-hash prefix) with its clean text and events.
#[utoipa::path(get, path = "/api/documents/{key}", tag = "documents",
    params(("key" = String, Path, description = "Numeric id, document name, or content-hash prefix (8+ hex digits)")),
    responses((status = 200, body = DocumentDetail), (status = 404, body = ErrorBody)))]
pub async fn document(
    State(state): State<AppState>,
    _me: CurrentUser,
    Path(key): Path<String>,
) -> Result<Response, ApiError> {
    let lookup = key.clone();
    let stored = state.store(move |s| s.document(&lookup)).await?;
    let stored = stored.ok_or_else(|| ApiError::not_found(format!("document {key:?} not found")))?;
    let view = state.view().await?;
    let events = view.events.iter().filter(|e| e.doc_id == stored.summary.doc_id).map(EventOut::from).collect();
    Ok(json_response(&DocumentDetail {
        document: DocumentOut::from(&stored.summary),
        clean_text: stored.clean_text,
        removed: stored.removed,
        events,
    }))
}

#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClaimQuery {
    /// A claimant name, case-insensitive.
    pub claimant: Option<String>,
    /// `asserted` or `denied`.
    pub stance: Option<String>,
    /// Event type code.
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

/// Every claim, with the event it is about, in event order.
#[utoipa::path(get, path = "/api/claims", tag = "events", params(ClaimQuery),
    responses((status = 200, body = ClaimPage), (status = 400, body = ErrorBody)))]
pub async fn claims(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<ClaimQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let (limit, offset) = page(q.limit.as_deref(), q.offset.as_deref())?;
    if let Some(stance) = q.stance.as_deref().filter(|s| !matches!(*s, "asserted" | "denied")) {
        return Err(ApiError::bad_request(format!("stance {stance:?} is not asserted or denied")));
    }
    let event_type = q
        .event_type
        .as_deref()
        .map(|t| t.parse::<EventType>().map_err(|e| ApiError::bad_request(e.to_string())))
        .transpose()?;
    let claimant = q.claimant.as_ref().map(|c| c.to_lowercase());
    let view = state.view().await?;
    let rows: Vec<ClaimRow> = view
        .events
        .iter()
        .filter(|e| event_type.is_none_or(|t| t == e.record.event_type))
        .flat_map(|e| e.record.claims.iter().map(move |c| (e, c)))
        .filter(|(_, c)| claimant.as_ref().is_none_or(|n| c.claimant.to_lowercase() == *n))
        .filter(|(_, c)| q.stance.as_deref().is_none_or(|s| s == c.stance.code()))
        .map(|(e, c)| ClaimRow {
            event_id: e.event_id,
            doc_id: e.doc_id,
            claimant: c.claimant.clone(),
            stance: c.stance.code().to_owned(),
            event_type: e.record.event_type.code().to_owned(),
            date: e.record.date.map(|d| d.to_string()),
            text: e.record.text.clone(),
        })
        .collect();
    let (items, total) = slice(rows, limit, offset);
    Ok(json_response(&ClaimPage { items, total, limit, offset }))
}

#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlaceQuery {
    /// A name in any spelling the gazetteer knows (`Stepanakert`, `Xankəndi`);
    /// without it, the places events name.
    pub q: Option<String>,
    /// Place kind: `settlement`, `road`, `checkpoint`...
    pub kind: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

/// Gazetteer places with coordinates: a name lookup, or the places events name.
#[utoipa::path(get, path = "/api/places", tag = "places", params(PlaceQuery),
    responses((status = 200, body = PlacePage), (status = 400, body = ErrorBody)))]
pub async fn places(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<PlaceQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let (limit, offset) = page(q.limit.as_deref(), q.offset.as_deref())?;
    let kind = q
        .kind
        .as_deref()
        .map(|k| k.parse::<PlaceKind>().map_err(|e| ApiError::bad_request(e.to_string())))
        .transpose()?;
    let view = state.view().await?;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for e in &view.events {
        for p in e.places.iter().filter_map(|p| p.place) {
            *counts.entry(p.id.as_str()).or_default() += 1;
        }
    }
    let gazetteer = Gazetteer::builtin();
    let mut found: Vec<&truce_gazetteer::Place> = match &q.q {
        Some(name) => gazetteer.lookup(name),
        None => {
            let mut used: Vec<_> = counts.keys().filter_map(|id| gazetteer.get(id)).collect();
            used.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
            used
        }
    };
    found.retain(|p| kind.is_none_or(|k| p.kind == k));
    let rows: Vec<GazetteerPlace> = found
        .into_iter()
        .map(|p| GazetteerPlace {
            id: p.id.clone(),
            name: p.name.clone(),
            kind: p.kind.as_str().to_owned(),
            lat: p.lat,
            lon: p.lon,
            parent: p.parent.clone(),
            country: p.country.clone(),
            events: counts.get(p.id.as_str()).copied().unwrap_or(0),
        })
        .collect();
    let (items, total) = slice(rows, limit, offset);
    Ok(json_response(&PlacePage { items, total, limit, offset }))
}

/// Map layer: gazetteer roads (lines through their route) and checkpoints
/// and bridges (points, with the dates a checkpoint is active), as GeoJSON.
#[utoipa::path(get, path = "/api/map/roads", tag = "map",
    responses((status = 200, description = "GeoJSON FeatureCollection", body = Object)))]
pub async fn roads(_me: CurrentUser) -> Response {
    let gazetteer = Gazetteer::builtin();
    let mut features = Vec::new();
    for p in gazetteer.places() {
        let geometry = match p.kind {
            PlaceKind::Road if !p.route.is_empty() => {
                let coords: Vec<[f64; 2]> =
                    p.route.iter().filter_map(|id| gazetteer.get(id)).filter_map(|q| Some([q.lon?, q.lat?])).collect();
                if coords.len() < 2 {
                    continue;
                }
                serde_json::json!({ "type": "LineString", "coordinates": coords })
            }
            PlaceKind::Checkpoint | PlaceKind::Bridge => match (p.lon, p.lat) {
                (Some(lon), Some(lat)) => serde_json::json!({ "type": "Point", "coordinates": [lon, lat] }),
                _ => continue,
            },
            _ => continue,
        };
        features.push(serde_json::json!({
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "id": p.id, "name": p.name, "kind": p.kind.as_str(),
                "active_from": p.active_from, "active_to": p.active_to, "approximate": p.is_approximate(),
            },
        }));
    }
    let mut response = json_response(&serde_json::json!({ "type": "FeatureCollection", "features": features }));
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/geo+json"));
    response
}

#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ZoneQuery {
    /// The day (or month, or year: every version valid on some day of it).
    pub date: Option<String>,
}

/// The zone versions valid on a date, as GeoJSON. A version truce built
/// from a definition has `"illustrative": true`: not an official map.
#[utoipa::path(get, path = "/api/zones", tag = "map", params(ZoneQuery),
    responses((status = 200, description = "GeoJSON FeatureCollection", body = Object), (status = 400, body = ErrorBody)))]
pub async fn zones(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<ZoneQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    // Every zone lookup takes a date: there is no "current" map.
    let text = q.date.ok_or_else(|| ApiError::bad_request("date is required (zones change over time)"))?;
    let date = parse_date(&text, "date")?;
    if date.year().is_none() {
        return Err(ApiError::bad_request("date needs a year"));
    }
    // The shipped zones and the maps imported into the store.
    let view = state.view().await?;
    let collection = view.zones.export_at(date);
    let mut value = serde_json::to_value(&collection).map_err(|e| ApiError::internal(e.to_string()))?;
    let illustrative = view.zones.at(date).iter().any(|(_, v)| v.is_illustrative());
    if let Some(object) = value.as_object_mut() {
        object.insert("date".into(), date.to_string().into());
        object.insert("illustrative".into(), illustrative.into());
        if illustrative {
            object.insert("note".into(), truce_zones::ILLUSTRATIVE_NOTE.into());
        }
    }
    let mut response = json_response(&value);
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/geo+json"));
    Ok(response)
}

fn counts<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<NameCount> {
    let mut map: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *map.entry(v).or_default() += 1;
    }
    map.into_iter().map(|(name, count)| NameCount { name: name.to_owned(), count }).collect()
}

/// Counts of what is stored, and of events by type, claim status and review.
#[utoipa::path(get, path = "/api/stats", tag = "events", responses((status = 200, body = StatsOut)))]
pub async fn stats(State(state): State<AppState>, _me: CurrentUser) -> Result<Response, ApiError> {
    let stored = state.store(|s| s.stats()).await?;
    let view = state.view().await?;
    Ok(json_response(&StatsOut {
        documents: stored.documents,
        events: stored.events,
        claims: stored.claims,
        denied_claims: stored.denied_claims,
        places: stored.places,
        actors: stored.actors,
        events_by_type: counts(view.events.iter().map(|e| e.record.event_type.code())),
        events_by_status: counts(view.events.iter().map(|e| e.status.code())),
        events_by_review: counts(view.events.iter().map(|e| e.review_state())),
    }))
}

/// The values present in the events, for filter menus.
#[utoipa::path(get, path = "/api/facets", tag = "events", responses((status = 200, body = FacetsOut)))]
pub async fn facets(State(state): State<AppState>, _me: CurrentUser) -> Result<Response, ApiError> {
    let view = state.view().await?;
    let ev = &view.events;
    Ok(json_response(&FacetsOut {
        types: counts(ev.iter().map(|e| e.record.event_type.code())),
        actors: counts(ev.iter().flat_map(|e| e.record.actors.iter().map(|a| a.name.as_str()))),
        claimants: counts(ev.iter().flat_map(|e| e.record.claims.iter().map(|c| c.claimant.as_str()))),
        places: counts(ev.iter().flat_map(|e| e.record.places.iter().map(String::as_str))),
        statuses: counts(ev.iter().map(|e| e.status.code())),
        reviews: counts(ev.iter().map(|e| e.review_state())),
        zones: view.zones.zones().map(|z| z.name().to_owned()).collect(),
        first_day: ev.iter().filter_map(|e| e.period.map(|p| p.0)).min().map(|d| d.to_string()),
        last_day: ev.iter().filter_map(|e| e.period.map(|p| p.1)).max().map(|d| d.to_string()),
    }))
}

#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words that must all appear (punctuation is ignored).
    pub q: Option<String>,
    /// Hits of each kind, 1 to 100 (default 20).
    pub limit: Option<String>,
}

/// Full-text search over documents (title, clean text) and events (sentence, claimants).
#[utoipa::path(get, path = "/api/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchOut), (status = 400, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let text = q.q.unwrap_or_default();
    if text.chars().count() > 500 {
        return Err(ApiError::bad_request("the query is longer than 500 characters"));
    }
    let limit = match q.limit.as_deref() {
        None => 20,
        Some(t) => t
            .parse()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| ApiError::bad_request("limit must be a number from 1 to 100"))?,
    };
    let terms = truce_store::search_terms(&text);
    let query_text = text.clone();
    let (results, texts) = state
        .store(move |s| {
            let results = s.search(&query_text, limit)?;
            let mut texts = HashMap::new();
            for id in &results.documents {
                if let Some(d) = s.document(&id.to_string())? {
                    texts.insert(*id, d.clean_text);
                }
            }
            Ok((results, texts))
        })
        .await?;
    let view = state.view().await?;
    let documents = results
        .documents
        .iter()
        .filter_map(|id| {
            let d = view.documents.get(id)?;
            Some(DocumentHit {
                doc_id: d.doc_id,
                name: d.name.clone(),
                title: d.title.clone(),
                outlet: d.outlet.clone(),
                excerpt: excerpt(texts.get(id).map_or("", String::as_str), &terms),
            })
        })
        .collect();
    let events = results.events.iter().filter_map(|(id, _)| view.get(*id)).map(EventOut::from).collect();
    Ok(json_response(&SearchOut { query: text, documents, events }))
}

/// About 240 characters of `text` around the first of `terms` found.
fn excerpt(text: &str, terms: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    let at = terms
        .iter()
        .filter_map(|t| {
            let t: Vec<char> = t.chars().collect();
            (!t.is_empty() && t.len() <= lower.len()).then(|| lower.windows(t.len()).position(|w| w == t.as_slice()))?
        })
        .min()
        .unwrap_or(0);
    let start = at.saturating_sub(80);
    let end = (start + 240).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// The OpenAPI document, generated from the handlers' annotations.
pub async fn openapi() -> Response {
    json_response(&crate::openapi::document())
}

/// Any other `/api` path.
pub async fn api_not_found(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no resource {method} {}", uri.path()))
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
     form-action 'self'";

/// What every response passes through: security headers; errors of layers
/// (body limit, routing) turned into JSON under `/api`; and, for a `GET` that
/// succeeded, an ETag over the body, answered with `304 Not Modified` when
/// the client's `If-None-Match` has it.
pub async fn finish(request: Request, next: Next) -> Response {
    let is_get = request.method() == Method::GET || request.method() == Method::HEAD;
    let is_api = request.uri().path().starts_with("/api/");
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let mut response = next.run(request).await;

    let status = response.status();
    let is_json =
        response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"));
    if is_api && (status.is_client_error() || status.is_server_error()) && !is_json {
        let code = ErrorCode::for_status(status);
        let message = status.canonical_reason().unwrap_or("error").to_lowercase();
        response = ApiError::new(code, message).into_response();
    }

    let headers = response.headers_mut();
    // A handler may set a stricter policy of its own (the HTML bulletin does).
    headers.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));

    if !(is_get && response.status() == StatusCode::OK) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, 64 * 1024 * 1024).await {
        Ok(b) => b,
        Err(e) => return ApiError::internal(format!("reading the answer: {e}")).into_response(),
    };
    let digest = Sha256::digest(&bytes);
    let tag: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let etag = format!("\"{tag}\"");
    let matched = if_none_match.as_ref().and_then(|v| v.to_str().ok()).is_some_and(|v| {
        v.split(',').any(|t| {
            let t = t.trim();
            t == etag || t == "*" || t.strip_prefix("W/") == Some(etag.as_str())
        })
    });
    if let Ok(value) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, value);
    }
    // Revalidate each time: the data changes under the same URL.
    parts.headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("private, no-cache"));
    if matched {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_TYPE);
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}
