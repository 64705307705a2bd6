//! Analysts' incident corrections from the API: split a wrong merge, merge a
//! missed one, give a verdict. Each is checked against the incidents as they
//! now stand (as `truce incidents split|merge|verdict` checks them): an
//! unknown incident is `404 not_found`, one that does not apply (an event not
//! in the incident, a split that would leave it empty, two events already in
//! one incident) is `422 validation_failed`, and nothing is stored. One that
//! applies is appended to the store's incident corrections with the session's
//! user and the time, never edited.
//!
//! An incident's history replays the stored corrections, oldest first, on the
//! incidents as built before any correction, and keeps each one that touched
//! an incident sharing an event with it, with the incidents it touched
//! before and after (their events and shown status).

use std::collections::BTreeSet;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use truce_incidents::{Correction, Incident, Verdict, VerdictKind, apply_corrections};
use truce_model::PartialDate;
use truce_store::UserRole;

use crate::api::{ApiJson, json_response, parse_id};
use crate::auth::CurrentUser;
use crate::dto::{
    IncidentCorrectionOut, IncidentHistoryOut, IncidentOut, IncidentStateOut, MergeRequest, SplitRequest,
    VerdictRequest,
};
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::state::AppState;
use crate::view::View;

/// The most events one split may move.
const MAX_SPLIT: usize = 500;
/// The longest verdict note, in characters.
const MAX_NOTE: usize = 2000;

/// The events a correction names: the incidents holding them are the ones it touches.
fn named(c: &Correction) -> Vec<i64> {
    match c {
        Correction::Split { incident, events } => [*incident].into_iter().chain(events.iter().copied()).collect(),
        Correction::Merge { a, b } => vec![*a, *b],
        Correction::Verdict { incident, .. } => vec![*incident],
    }
}

/// The distinct incidents of `incidents` holding one of `events`, in that order.
fn holders<'i>(incidents: &'i [Incident], events: &[i64]) -> Vec<&'i Incident> {
    let mut out: Vec<&Incident> = Vec::new();
    for e in events {
        if let Some(i) = incidents.iter().find(|i| i.events.iter().any(|x| x.event_id == *e))
            && !out.iter().any(|o| o.id == i.id)
        {
            out.push(i);
        }
    }
    out
}

fn state_out(i: &Incident) -> IncidentStateOut {
    IncidentStateOut { incident_id: i.id, event_ids: i.event_ids(), shown_status: i.display_status() }
}

fn op(c: &Correction) -> &'static str {
    match c {
        Correction::Split { .. } => "split",
        Correction::Merge { .. } => "merge",
        Correction::Verdict { .. } => "verdict",
    }
}

/// Checks `correction` against the view's incidents (only those it touches
/// are needed: a correction changes no other), stores it by `user` unless the
/// store moved meanwhile, and answers the incidents it shaped.
async fn record(state: &AppState, view: &View, user: String, correction: Correction) -> Result<Response, ApiError> {
    let current: Vec<Incident> = view.incidents.iter().map(|x| x.incident.clone()).collect();
    let touched: Vec<Incident> = holders(&current, &named(&correction)).into_iter().cloned().collect();
    if let Some(p) = apply_corrections(touched, std::slice::from_ref(&correction)).problems.first() {
        return Err(ApiError::invalid(format!("cannot {correction}: {}; nothing stored", p.problem)));
    }
    let json = serde_json::to_string(&correction).map_err(|e| ApiError::internal(e.to_string()))?;
    let revision = view.revision;
    let stored_by = user.clone();
    let id = state
        .store(move |s| {
            // Checked against this revision: a correction stored meanwhile could change what this one means.
            if s.revision()? != revision {
                return Ok(None);
            }
            s.add_incident_correction(&stored_by, &json).map(Some)
        })
        .await?
        .ok_or_else(|| {
            ApiError::new(ErrorCode::Conflict, "the incidents changed meanwhile; reload them and try again")
        })?;
    let after = state.view().await?;
    let now: Vec<Incident> = after.incidents.iter().map(|x| x.incident.clone()).collect();
    let incidents = holders(&now, &named(&correction))
        .into_iter()
        .filter_map(|i| after.incident(i.id))
        .map(IncidentOut::from)
        .collect();
    let mut response = json_response(&IncidentCorrectionOut {
        correction_id: id,
        user,
        op: op(&correction).to_owned(),
        text: correction.to_string(),
        incidents,
    });
    *response.status_mut() = StatusCode::CREATED;
    Ok(response)
}

/// The incident `id` in the view, or 404.
fn known(view: &View, id: i64) -> Result<(), ApiError> {
    view.incident(id).map(|_| ()).ok_or_else(|| ApiError::not_found(format!("incident {id} not found")))
}

/// Split a wrong merge (analysts and admins; needs the CSRF header): move
/// `events` out of incident `id` into an incident of their own. Checked
/// against the incidents as they stand; stored append-only with the user.
#[utoipa::path(post, path = "/api/incidents/{id}/split", tag = "incidents", request_body = SplitRequest,
    params(("id" = i64, Path, description = "Incident id"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 201, body = IncidentCorrectionOut), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn split(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<SplitRequest>,
) -> Result<Response, ApiError> {
    me.check_write(&headers, UserRole::Analyst)?;
    let id = parse_id(&id, "incident")?;
    let view = state.view().await?;
    known(&view, id)?;
    if req.events.is_empty() || req.events.len() > MAX_SPLIT {
        return Err(ApiError::invalid(format!("a split moves 1 to {MAX_SPLIT} events")));
    }
    let events: Vec<i64> = req.events.into_iter().collect::<BTreeSet<_>>().into_iter().collect();
    record(&state, &view, me.user.name.clone(), Correction::Split { incident: id, events }).await
}

/// Merge a missed one (analysts and admins; needs the CSRF header): put
/// incidents `a` and `b` together. Stored append-only with the user.
#[utoipa::path(post, path = "/api/incidents/merge", tag = "incidents", request_body = MergeRequest,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 201, body = IncidentCorrectionOut), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn merge(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    ApiJson(req): ApiJson<MergeRequest>,
) -> Result<Response, ApiError> {
    me.check_write(&headers, UserRole::Analyst)?;
    let view = state.view().await?;
    known(&view, req.a)?;
    known(&view, req.b)?;
    record(&state, &view, me.user.name.clone(), Correction::Merge { a: req.a, b: req.b }).await
}

/// Give a verdict (analysts and admins; needs the CSRF header): shown beside
/// the status computed from the claims, never replacing them. The reviewer
/// is the session's user, the date today's (UTC).
#[utoipa::path(post, path = "/api/incidents/{id}/verdict", tag = "incidents", request_body = VerdictRequest,
    params(("id" = i64, Path, description = "Incident id"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 201, body = IncidentCorrectionOut), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn verdict(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<VerdictRequest>,
) -> Result<Response, ApiError> {
    me.check_write(&headers, UserRole::Analyst)?;
    let id = parse_id(&id, "incident")?;
    let kind: VerdictKind = serde_json::from_value(serde_json::Value::String(req.status.clone())).map_err(|_| {
        ApiError::invalid(format!(
            "status {:?} is not one of credible, unverifiable, not_credible, pending",
            req.status
        ))
    })?;
    let note = req.note.unwrap_or_default().trim().to_owned();
    if note.chars().count() > MAX_NOTE {
        return Err(ApiError::invalid(format!("the note is longer than {MAX_NOTE} characters")));
    }
    let view = state.view().await?;
    known(&view, id)?;
    let today: Option<PartialDate> = chrono::Utc::now().format("%Y-%m-%d").to_string().parse().ok();
    let verdict = Verdict { kind, reviewer: me.user.name.clone(), note, date: today };
    record(&state, &view, me.user.name.clone(), Correction::Verdict { incident: id, verdict }).await
}

/// The corrections that concern an incident, oldest first: who, when, what,
/// and the incidents it touched before and after.
#[utoipa::path(get, path = "/api/incidents/{id}/history", tag = "incidents",
    params(("id" = i64, Path, description = "Incident id")),
    responses((status = 200, body = Vec<IncidentHistoryOut>), (status = 404, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    _me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id, "incident")?;
    let view = state.view().await?;
    let x = view.incident(id).ok_or_else(|| ApiError::not_found(format!("incident {id} not found")))?;
    let mine: BTreeSet<i64> = x.incident.event_ids().into_iter().collect();
    let shares = |s: &IncidentStateOut| s.event_ids.iter().any(|e| mine.contains(e));
    let mut out = Vec::new();
    let mut current = view.automatic.clone();
    for stored in &view.corrections {
        let c = &stored.correction;
        let events = named(c);
        let before: Vec<IncidentStateOut> = holders(&current, &events).into_iter().map(state_out).collect();
        let applied = apply_corrections(current, std::slice::from_ref(c));
        current = applied.incidents;
        let problem = applied.problems.first().map(|p| p.problem.clone());
        let after: Vec<IncidentStateOut> =
            if problem.is_some() { Vec::new() } else { holders(&current, &events).into_iter().map(state_out).collect() };
        if before.iter().chain(&after).any(shares) {
            out.push(IncidentHistoryOut {
                correction_id: stored.id,
                user: stored.user.clone(),
                created_at: stored.created_at.clone(),
                op: op(c).to_owned(),
                text: c.to_string(),
                applied: problem.is_none(),
                problem,
                before,
                after,
            });
        }
    }
    Ok(json_response(&out))
}
