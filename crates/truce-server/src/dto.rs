//! The JSON shapes of the API (with their OpenAPI schemas). Dates are the
//! contract's strings (`2023-03-24`, `2023-03`, `2023`, `--03-24`); event
//! types, roles and stances their snake_case codes.

use serde::{Deserialize, Serialize};
use truce_model::{ActorRole, EventRecord};
use truce_store::{Correction, DocumentSummary, EventFields, User};
use utoipa::ToSchema;

use crate::view::{EventItem, ResolvedPlace};

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceOut {
    /// Canonical name, as event records carry it.
    pub name: String,
    /// Gazetteer id; null when the gazetteer does not know the name.
    pub id: Option<String>,
    pub kind: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl From<&ResolvedPlace> for PlaceOut {
    fn from(p: &ResolvedPlace) -> Self {
        PlaceOut {
            name: p.name.clone(),
            id: p.place.map(|g| g.id.clone()),
            kind: p.place.map(|g| g.kind.as_str().to_owned()),
            lat: p.place.and_then(|g| g.lat),
            lon: p.place.and_then(|g| g.lon),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActorOut {
    pub name: String,
    /// `perpetrator`, `target`, `escort`, `observer`, `participant`.
    pub role: String,
}

impl From<&ActorRole> for ActorOut {
    fn from(a: &ActorRole) -> Self {
        ActorOut { name: a.name.clone(), role: a.role.code().to_owned() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimOut {
    pub claimant: String,
    /// `asserted` or `denied`.
    pub stance: String,
}

/// The latest review of an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewOut {
    /// `accept`, `correct` or `reject`.
    pub action: String,
    pub user: String,
    pub at: String,
    pub correction_id: i64,
}

/// An event as shown: the effective record (corrections applied).
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOut {
    pub event_id: i64,
    pub doc_id: i64,
    /// The document's own id (file name or URL).
    pub doc: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub date: Option<String>,
    pub date_end: Option<String>,
    pub places: Vec<PlaceOut>,
    pub actors: Vec<ActorOut>,
    pub claims: Vec<ClaimOut>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    pub evidence: Option<String>,
    /// The source sentence(s), as in the document's clean text.
    pub text: String,
    /// Unicode character offsets of `text` in the document's clean text.
    pub span: [usize; 2],
    pub confidence: f32,
    pub rule: Vec<String>,
    /// `disputed`, `single_source`, `corroborated` or `unattributed`, from the claims.
    pub status: String,
    /// `unreviewed`, `accepted`, `corrected` or `rejected`.
    pub review_state: String,
    pub review: Option<ReviewOut>,
    /// Zones one of its places lies in on its date (illustrative zones included).
    pub zones: Vec<String>,
}

impl From<&EventItem> for EventOut {
    fn from(e: &EventItem) -> Self {
        let r = &e.record;
        EventOut {
            event_id: e.event_id,
            doc_id: e.doc_id,
            doc: r.doc.clone(),
            event_type: r.event_type.code().to_owned(),
            date: r.date.map(|d| d.to_string()),
            date_end: r.date_end.map(|d| d.to_string()),
            places: e.places.iter().map(PlaceOut::from).collect(),
            actors: r.actors.iter().map(ActorOut::from).collect(),
            claims: r
                .claims
                .iter()
                .map(|c| ClaimOut { claimant: c.claimant.clone(), stance: c.stance.code().to_owned() })
                .collect(),
            killed: r.killed,
            injured: r.injured,
            evidence: r.evidence.clone(),
            text: r.text.clone(),
            span: r.span,
            confidence: r.confidence,
            rule: r.rule.clone(),
            status: e.status.code().to_owned(),
            review_state: e.review_state().to_owned(),
            review: e.review.as_ref().map(|c| ReviewOut {
                action: c.action.code().to_owned(),
                user: c.user.clone(),
                at: c.created_at.clone(),
                correction_id: c.correction_id,
            }),
            zones: e.zones.clone(),
        }
    }
}

/// The correctable fields of an event: what a review sends and what the
/// history shows before and after each review.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldsOut {
    #[serde(rename = "type")]
    pub event_type: String,
    pub date: Option<String>,
    #[serde(default)]
    pub date_end: Option<String>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub actors: Vec<ActorOut>,
    #[serde(default)]
    pub killed: Option<u32>,
    #[serde(default)]
    pub injured: Option<u32>,
}

impl From<&EventFields> for FieldsOut {
    fn from(f: &EventFields) -> Self {
        FieldsOut {
            event_type: f.event_type.code().to_owned(),
            date: f.date.map(|d| d.to_string()),
            date_end: f.date_end.map(|d| d.to_string()),
            places: f.places.clone(),
            actors: f.actors.iter().map(ActorOut::from).collect(),
            killed: f.killed,
            injured: f.injured,
        }
    }
}

/// One entry of an event's review history.
#[derive(Debug, Serialize, ToSchema)]
pub struct CorrectionOut {
    pub correction_id: i64,
    pub event_id: i64,
    pub user: String,
    /// `accept`, `correct` or `reject`.
    pub action: String,
    pub before: FieldsOut,
    pub after: FieldsOut,
    pub note: Option<String>,
    pub created_at: String,
}

impl From<&Correction> for CorrectionOut {
    fn from(c: &Correction) -> Self {
        CorrectionOut {
            correction_id: c.correction_id,
            event_id: c.event_id,
            user: c.user.clone(),
            action: c.action.code().to_owned(),
            before: FieldsOut::from(&c.before),
            after: FieldsOut::from(&c.after),
            note: c.note.clone(),
            created_at: c.created_at.clone(),
        }
    }
}

/// A review: accept or reject the event as it stands, or correct fields.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// `accept`, `correct` or `reject`.
    pub action: String,
    /// The corrected fields; required with `correct`, refused otherwise.
    pub fields: Option<FieldsOut>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentOut {
    pub doc_id: i64,
    pub name: String,
    pub content_hash: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub n_events: usize,
    pub ingested_at: String,
}

impl From<&DocumentSummary> for DocumentOut {
    fn from(d: &DocumentSummary) -> Self {
        DocumentOut {
            doc_id: d.doc_id,
            name: d.name.clone(),
            content_hash: d.content_hash.clone(),
            outlet: d.outlet.clone(),
            published: d.published.map(|p| p.to_string()),
            language: d.language.clone(),
            url: d.url.clone(),
            title: d.title.clone(),
            n_events: d.n_events,
            ingested_at: d.ingested_at.clone(),
        }
    }
}

/// A document with its clean text (what spans index into) and its events.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentDetail {
    pub document: DocumentOut,
    pub clean_text: String,
    /// Lines removed as boilerplate.
    pub removed: Vec<String>,
    pub events: Vec<EventOut>,
}

/// An event with the record as extracted, its source document and history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDetail {
    pub event: EventOut,
    /// The fields as the extractor produced them, before any review.
    pub extracted: FieldsOut,
    pub document: DocumentOut,
    /// Every review, oldest first.
    pub history: Vec<CorrectionOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventPage {
    pub items: Vec<EventOut>,
    /// Matching events in all pages.
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentPage {
    pub items: Vec<DocumentOut>,
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
}

/// One claim with the event it is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimRow {
    pub event_id: i64,
    pub doc_id: i64,
    pub claimant: String,
    pub stance: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub date: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimPage {
    pub items: Vec<ClaimRow>,
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
}

/// A gazetteer place.
#[derive(Debug, Serialize, ToSchema)]
pub struct GazetteerPlace {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub parent: Option<String>,
    pub country: Option<String>,
    /// Events (effective) naming it.
    pub events: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlacePage {
    pub items: Vec<GazetteerPlace>,
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NameCount {
    pub name: String,
    pub count: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatsOut {
    pub documents: usize,
    pub events: usize,
    pub claims: usize,
    pub denied_claims: usize,
    pub places: usize,
    pub actors: usize,
    pub events_by_type: Vec<NameCount>,
    pub events_by_status: Vec<NameCount>,
    pub events_by_review: Vec<NameCount>,
}

/// Values present in the events, for filter menus.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetsOut {
    pub types: Vec<NameCount>,
    pub actors: Vec<NameCount>,
    pub claimants: Vec<NameCount>,
    pub places: Vec<NameCount>,
    pub statuses: Vec<NameCount>,
    pub reviews: Vec<NameCount>,
    /// Every zone name (any date).
    pub zones: Vec<String>,
    /// First and last day any dated event covers.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DayCount {
    pub date: String,
    pub count: usize,
}

/// Events per day (an event counts on the first day of its period).
#[derive(Debug, Serialize, ToSchema)]
pub struct DailyOut {
    pub days: Vec<DayCount>,
    /// Matching events without a year, not placed on any day.
    pub undated: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentHit {
    pub doc_id: i64,
    pub name: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// Plain text around the first term found.
    pub excerpt: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchOut {
    pub query: String,
    pub documents: Vec<DocumentHit>,
    pub events: Vec<EventOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub user_id: i64,
    pub name: String,
    /// `viewer`, `analyst` or `admin`.
    pub role: String,
    pub created_at: String,
}

impl From<&User> for UserOut {
    fn from(u: &User) -> Self {
        UserOut {
            user_id: u.user_id,
            name: u.name.clone(),
            role: u.role.code().to_owned(),
            created_at: u.created_at.clone(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub name: String,
    pub password: String,
}

/// The logged-in user and the CSRF token to send as `X-CSRF-Token` with every write.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionOut {
    pub user: UserOut,
    pub csrf_token: String,
    pub expires_at: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    pub name: String,
    /// `viewer`, `analyst` or `admin`.
    pub role: String,
    /// Omit to have one generated.
    pub password: Option<String>,
}

/// A new account and its password, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewUserOut {
    pub user: UserOut,
    pub password: String,
}

/// The extracted fields of a record.
pub fn extracted(record: &EventRecord) -> FieldsOut {
    FieldsOut::from(&EventFields::of(record))
}
