//! Incidents, assessments, counts and the bulletin: all derived state, built
//! in the cached view when the store's revision moves (see `view.rs`), never
//! stored. truce asserts nothing: an incident is what its claims say, and an
//! assessment says what a claim would engage *if so*.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use truce_gazetteer::Gazetteer;
use truce_incidents::{ClaimRef, Status, counts_by_claimant};
use truce_model::{EventType, PartialDate};
use truce_rules::{Assessment, Format};
use truce_zones::Locus;
use utoipa::IntoParams;

use crate::api::{json_response, list, page, parse_date, parse_id, query, slice};
use crate::auth::CurrentUser;
use crate::dto::*;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use crate::view::{IncidentItem, View};

/// Filters of the incident list. Every one given must match; lists are
/// comma-separated alternatives.
#[derive(Debug, Default, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncidentQuery {
    /// Event type codes, comma-separated: any type its events give.
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    /// Incidents whose days end on or after this date (`2022-12`, `2022-12-12`).
    pub from: Option<String>,
    /// Incidents whose days start on or before this date.
    pub to: Option<String>,
    /// `min_lon,min_lat,max_lon,max_lat`: one of its places inside.
    pub bbox: Option<String>,
    /// A place name (any spelling the gazetteer knows), case-insensitive.
    pub place: Option<String>,
    /// An actor (party) name, case-insensitive.
    pub actor: Option<String>,
    /// A claimant or source name, case-insensitive.
    pub claimant: Option<String>,
    /// Computed status: `single_source`, `corroborated`, `disputed`.
    pub status: Option<String>,
    /// A zone name: one of its places inside it on its date.
    pub zone: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<String>,
    /// Incidents to skip.
    pub offset: Option<String>,
}

const STATUSES: [Status; 3] = [Status::SingleSource, Status::Corroborated, Status::Disputed];

/// A period bound: a date with a year (`2022`, `2022-12`, `2022-12-12`).
fn bound(text: Option<&str>, name: &str) -> Result<Option<PartialDate>, ApiError> {
    let Some(text) = text else { return Ok(None) };
    let date = parse_date(text, name)?;
    if date.year().is_none() {
        return Err(ApiError::bad_request(format!("{name} needs a year, not {text:?}")));
    }
    Ok(Some(date))
}

struct IncidentFilters {
    types: Option<Vec<EventType>>,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
    bbox: Option<[f64; 4]>,
    places: Option<Vec<String>>,
    actor: Option<String>,
    claimant: Option<String>,
    statuses: Option<Vec<Status>>,
    zone: Option<String>,
}

impl IncidentQuery {
    fn filters(&self) -> Result<IncidentFilters, ApiError> {
        let types = list(&self.event_type)
            .map(|codes| {
                codes
                    .iter()
                    .map(|c| c.parse::<EventType>().map_err(|e| ApiError::bad_request(e.to_string())))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
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
        let places = self.place.as_ref().map(|p| {
            let mut names: Vec<String> = Gazetteer::builtin().lookup(p).iter().map(|g| g.name.to_lowercase()).collect();
            names.push(p.to_lowercase());
            names
        });
        let statuses = list(&self.status)
            .map(|codes| {
                codes
                    .iter()
                    .map(|c| {
                        STATUSES.into_iter().find(|s| s.code() == c).ok_or_else(|| {
                            ApiError::bad_request(format!(
                                "status {c:?} is not one of single_source, corroborated, disputed"
                            ))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        Ok(IncidentFilters {
            types,
            from: bound(self.from.as_deref(), "from")?,
            to: bound(self.to.as_deref(), "to")?,
            bbox,
            places,
            actor: self.actor.as_ref().map(|a| a.to_lowercase()),
            claimant: self.claimant.as_ref().map(|a| a.to_lowercase()),
            statuses,
            zone: self.zone.clone(),
        })
    }
}

impl IncidentFilters {
    fn matches(&self, x: &IncidentItem) -> bool {
        let i = &x.incident;
        if self.types.as_ref().is_some_and(|t| !i.types.iter().any(|it| t.contains(it))) {
            return false;
        }
        if (self.from.is_some() || self.to.is_some()) && !i.overlaps(self.from, self.to) {
            return false;
        }
        if let Some([x0, y0, x1, y1]) = self.bbox {
            let mut points = x.places.iter().filter_map(|p| Some((p.place?.lon?, p.place?.lat?)));
            if !points.any(|(x, y)| (x0..=x1).contains(&x) && (y0..=y1).contains(&y)) {
                return false;
            }
        }
        if let Some(names) = &self.places
            && !i.places.iter().any(|p| names.contains(&p.to_lowercase()))
        {
            return false;
        }
        if let Some(actor) = &self.actor
            && !i.actors.iter().any(|a| a.name.to_lowercase() == *actor)
        {
            return false;
        }
        if let Some(claimant) = &self.claimant
            && !i.claims.iter().any(|c| c.claimant.to_lowercase() == *claimant || c.source.to_lowercase() == *claimant)
        {
            return false;
        }
        if self.statuses.as_ref().is_some_and(|s| !s.contains(&i.status)) {
            return false;
        }
        self.zone.as_ref().is_none_or(|z| x.zones.contains(z))
    }
}

/// Incidents: events from different reports that tell of the same occurrence,
/// merged, every claim kept; status computed from the claims. Rejected events
/// are left out. By first day (undated last).
#[utoipa::path(get, path = "/api/incidents", tag = "incidents", params(IncidentQuery),
    responses((status = 200, body = IncidentPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn incidents(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<IncidentQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let (limit, offset) = page(q.limit.as_deref(), q.offset.as_deref())?;
    let filters = q.filters()?;
    let view = state.view().await?;
    let matching: Vec<&IncidentItem> = view.incidents.iter().filter(|x| filters.matches(x)).collect();
    let (items, total) = slice(matching, limit, offset);
    Ok(json_response(&IncidentPage {
        items: items.into_iter().map(IncidentOut::from).collect(),
        total,
        limit,
        offset,
        warnings: view.warnings.clone(),
    }))
}

/// Incidents per day for the map's histogram (same filters as
/// `/api/incidents`), each counted once on its first day.
#[utoipa::path(get, path = "/api/incidents/daily", tag = "incidents", params(IncidentQuery),
    responses((status = 200, body = DailyOut), (status = 400, body = ErrorBody)))]
pub async fn incidents_daily(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<IncidentQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let filters = query(q)?.filters()?;
    let view = state.view().await?;
    let mut days: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut undated = 0;
    for x in view.incidents.iter().filter(|x| filters.matches(x)) {
        match x.incident.first_day {
            Some(d) => *days.entry(d.to_string()).or_default() += 1,
            None => undated += 1,
        }
    }
    let days = days.into_iter().map(|(date, count)| DayCount { date, count }).collect();
    Ok(json_response(&DailyOut { days, undated }))
}

fn claim_out(view: &View, c: &ClaimRef) -> IncidentClaimOut {
    IncidentClaimOut {
        event_id: c.event_id,
        doc_id: view.get(c.event_id).map_or(0, |e| e.doc_id),
        doc: c.doc.clone(),
        claimant: c.claimant.clone(),
        source: c.source.clone(),
        stance: c.stance.code().to_owned(),
        outlet: c.outlet.clone(),
        evidence: c.evidence.clone(),
        text: c.text.clone(),
        span: c.span,
    }
}

/// Every zone version valid on the incident's date against each of its places
/// with coordinates: inside first, then by distance to the edge.
fn placements(view: &View, x: &IncidentItem) -> Vec<ZonePlacementOut> {
    let Some(date) = x.zone_date() else { return Vec::new() };
    let gazetteer = Gazetteer::builtin();
    let mut out = Vec::new();
    for p in &x.places {
        let Some(locus) = p.place.and_then(|g| Locus::from_place(gazetteer, g)) else { continue };
        for z in view.zones.placements(&locus, date) {
            out.push(ZonePlacementOut {
                zone: z.zone.name().to_owned(),
                place: p.name.clone(),
                from: z.version.from.to_string(),
                to: z.version.to.map(|d| d.to_string()),
                inside: z.inside,
                distance_to_edge_km: (z.distance_to_edge_km * 100.0).round() / 100.0,
                illustrative: z.is_illustrative(),
            });
        }
    }
    out.sort_by(|a, b| {
        b.inside
            .cmp(&a.inside)
            .then(a.distance_to_edge_km.total_cmp(&b.distance_to_edge_km))
            .then(a.zone.cmp(&b.zone))
            .then(a.place.cmp(&b.place))
    });
    out
}

/// One incident: every claim side by side with its sentence, its events, the
/// reasons they were merged, casualty ranges and disputed fields, the zones on
/// its date with the distance to their edges, and the provisions it may engage.
#[utoipa::path(get, path = "/api/incidents/{id}", tag = "incidents",
    params(("id" = i64, Path, description = "Incident id (the smallest id of its events)")),
    responses((status = 200, body = IncidentDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn incident(
    State(state): State<AppState>,
    _me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id, "incident")?;
    let view = state.view().await?;
    let x = view.incident(id).ok_or_else(|| ApiError::not_found(format!("incident {id} not found")))?;
    let i = &x.incident;
    let agreement = &state.inner.agreement;
    Ok(json_response(&IncidentDetail {
        incident: IncidentOut::from(x),
        claims: i.claims.iter().map(|c| claim_out(&view, c)).collect(),
        events: i.event_ids().into_iter().filter_map(|e| view.get(e)).map(EventOut::from).collect(),
        links: i.links.iter().map(MergeLinkOut::from).collect(),
        disputes: i.disputes.iter().map(FieldDisputeOut::from).collect(),
        zone_date: x.zone_date().map(|d| d.to_string()),
        zone_placements: placements(&view, x),
        agreement: AgreementOut {
            id: agreement.id.clone(),
            title: agreement.title.clone(),
            version: agreement.version.clone(),
        },
        provisions: x.assessment.iter().flat_map(|a| a.engagements.iter().map(EngagementOut::from)).collect(),
        context: x.assessment.iter().flat_map(|a| a.context.iter().map(ContextOut::from)).collect(),
    }))
}

#[derive(Debug, Default, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// First day of the period (`2022`, `2022-12`, `2022-12-12`); open when omitted.
    pub from: Option<String>,
    /// Last day of the period (`to=2022-12` runs to 31 December); open when omitted.
    pub to: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<String>,
    pub offset: Option<String>,
}

fn assessment_out(view: &View, a: &Assessment) -> AssessmentOut {
    AssessmentOut {
        incident_id: a.incident,
        agreement: a.agreement.clone(),
        agreement_version: a.agreement_version.clone(),
        event_type: a.event_type.code().to_owned(),
        date: a.date.clone(),
        places: a.places.clone(),
        status: a.status.code().to_owned(),
        shown_status: a.shown_status.clone(),
        engagements: a.engagements.iter().map(EngagementOut::from).collect(),
        claims: a.claims.iter().map(|c| claim_out(view, c)).collect(),
        context: a.context.iter().map(ContextOut::from).collect(),
        wording: a.wording.clone(),
    }
}

/// The incidents overlapping the period that may engage (or bear on) a
/// provision of the 10 November 2020 statement, if they happened as claimed:
/// by whom, on whose claims, in conditional wording. Incidents engaging
/// nothing are left out.
#[utoipa::path(get, path = "/api/assessments", tag = "incidents", params(PeriodQuery),
    responses((status = 200, body = AssessmentPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn assessments(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let (limit, offset) = page(q.limit.as_deref(), q.offset.as_deref())?;
    let (from, to) = (bound(q.from.as_deref(), "from")?, bound(q.to.as_deref(), "to")?);
    let view = state.view().await?;
    let matching: Vec<&Assessment> =
        view.incidents.iter().filter(|x| x.incident.overlaps(from, to)).filter_map(|x| x.assessment.as_ref()).collect();
    let (items, total) = slice(matching, limit, offset);
    Ok(json_response(&AssessmentPage {
        items: items.into_iter().map(|a| assessment_out(&view, a)).collect(),
        total,
        limit,
        offset,
    }))
}

#[derive(Debug, Default, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CountsQuery {
    /// First day of the period; open when omitted.
    pub from: Option<String>,
    /// Last day of the period; open when omitted.
    pub to: Option<String>,
}

/// Per source, side by side: the incidents it asserts and denies over the
/// period, by type and by the side its own records name as perpetrator. An
/// incident counts once per source.
#[utoipa::path(get, path = "/api/counts", tag = "incidents", params(CountsQuery),
    responses((status = 200, body = CountsOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn counts(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<CountsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let (from, to) = (bound(q.from.as_deref(), "from")?, bound(q.to.as_deref(), "to")?);
    let view = state.view().await?;
    let all: Vec<truce_incidents::Incident> = view.incidents.iter().map(|x| x.incident.clone()).collect();
    let counted = counts_by_claimant(&all, from, to);
    Ok(json_response(&CountsOut {
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        incidents: all.iter().filter(|i| i.overlaps(from, to)).count(),
        claimants: counted.iter().map(ClaimantCountOut::from).collect(),
    }))
}

#[derive(Debug, Default, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// First day of the period (`2022-12`, `2022-12-12`); required.
    pub from: Option<String>,
    /// Last day of the period (`to=2022-12` runs to 31 December); required.
    pub to: Option<String>,
    /// `md` (Markdown, the default) or `html` (a standalone page with an inline SVG chart and no script).
    pub format: Option<String>,
}

/// The HTML bulletin's policy: nothing from anywhere, no script at all; its
/// own `<style>` block allowed by hash, its inline SVG (markup, not a resource)
/// needs nothing.
fn report_csp(html: &str) -> String {
    let style = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map(|(css, _)| format!(" 'sha256-{}'", base64(&Sha256::digest(css.as_bytes()))))
        .unwrap_or_default();
    format!(
        "default-src 'none'; script-src 'none'; style-src{style}; img-src data:; base-uri 'none'; \
         form-action 'none'; frame-ancestors 'none'"
    )
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// An OSCE-style bulletin over a period: counts by type and place and as each
/// side reports them, casualty ranges, disputes, zone changes, provisions the
/// incidents may engage, every figure linked to its claims. Markdown, or a
/// standalone HTML page served with a Content-Security-Policy that allows its
/// style block and inline SVG chart but no script. Source text is escaped.
#[utoipa::path(get, path = "/api/report", tag = "incidents", params(ReportQuery),
    responses((status = 200, description = "The bulletin: Markdown, or HTML with its own Content-Security-Policy",
            content((String = "text/markdown"), (String = "text/html"))),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    _me: CurrentUser,
    q: Result<Query<ReportQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let from = bound(q.from.as_deref(), "from")?.ok_or_else(|| ApiError::bad_request("from is required"))?;
    let to = bound(q.to.as_deref(), "to")?.ok_or_else(|| ApiError::bad_request("to is required"))?;
    if let (Some(a), Some(b)) = (from.first_day(), to.last_day())
        && b < a
    {
        return Err(ApiError::bad_request("to is before from"));
    }
    let format: Format = q.format.as_deref().unwrap_or("md").parse().map_err(ApiError::bad_request)?;
    let view = state.view().await?;
    let all: Vec<truce_incidents::Incident> = view.incidents.iter().map(|x| x.incident.clone()).collect();
    let assessed: Vec<Assessment> = view
        .incidents
        .iter()
        .filter(|x| x.incident.overlaps(Some(from), Some(to)))
        .filter_map(|x| x.assessment.clone())
        .collect();
    let zones = &view.zones;
    let text = truce_rules::bulletin(&all, &assessed, zones, Gazetteer::builtin(), from, to, format);
    let csp = match format {
        Format::Html => Some(
            HeaderValue::from_str(&report_csp(&text))
                .map_err(|e| ApiError::internal(format!("the report's policy: {e}")))?,
        ),
        Format::Md => None,
    };
    let mut response = text.into_response();
    let headers = response.headers_mut();
    let content_type = if csp.is_some() { "text/html; charset=utf-8" } else { "text/markdown; charset=utf-8" };
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(csp) = csp {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }
}
