//! The JSON shapes of the API (with their OpenAPI schemas). Dates are the
//! contract's strings (`2023-03-24`, `2023-03`, `2023`, `--03-24`); event
//! types, roles and stances their snake_case codes.

use serde::{Deserialize, Serialize};
use truce_model::{ActorRole, EventRecord};
use truce_store::{Correction, DocumentSummary, EventFields, User};
use utoipa::ToSchema;

use crate::view::{EventItem, IncidentItem, ResolvedPlace};

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
    /// The incident the event is part of (null when it was rejected).
    pub incident_id: Option<i64>,
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

// ---------- incidents, assessments, counts ----------

/// A figure as some sources state it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountValueOut {
    pub count: u32,
    /// The independent sources stating this figure.
    pub sources: Vec<String>,
    pub events: Vec<i64>,
}

/// A casualty figure as a range over what the claims state: `low` the
/// smallest, `high` the largest, `best` the figure most independent sources
/// state (ties: the lower median).
#[derive(Debug, Serialize, ToSchema)]
pub struct CountRangeOut {
    pub low: u32,
    pub best: u32,
    pub high: u32,
    /// Every figure stated, smallest first, with who states it.
    pub values: Vec<CountValueOut>,
}

impl From<&truce_incidents::CountRange> for CountRangeOut {
    fn from(r: &truce_incidents::CountRange) -> Self {
        CountRangeOut {
            low: r.low,
            best: r.best,
            high: r.high,
            values: r
                .values
                .iter()
                .map(|v| CountValueOut { count: v.count, sources: v.sources.clone(), events: v.events.clone() })
                .collect(),
        }
    }
}

/// A value of a disputed field with who states it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimedValueOut {
    pub value: String,
    pub sources: Vec<String>,
    pub events: Vec<i64>,
}

/// A field the claims of an incident disagree on: every value kept.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldDisputeOut {
    /// `date`, `type`, `perpetrator`, `killed` or `injured`.
    pub field: String,
    pub values: Vec<ClaimedValueOut>,
}

impl From<&truce_incidents::FieldDispute> for FieldDisputeOut {
    fn from(d: &truce_incidents::FieldDispute) -> Self {
        FieldDisputeOut {
            field: d.field.clone(),
            values: d
                .values
                .iter()
                .map(|v| ClaimedValueOut {
                    value: v.value.clone(),
                    sources: v.sources.clone(),
                    events: v.events.clone(),
                })
                .collect(),
        }
    }
}

/// An incident as listed: one occurrence as one or more reports tell it.
/// Its status is computed from its claims, never set.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentOut {
    /// The smallest id among its events: stable while its events are.
    pub incident_id: i64,
    /// The type most of its events give.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Every type its events give.
    pub types: Vec<String>,
    /// The date most of its events give.
    pub date: Option<String>,
    pub date_end: Option<String>,
    /// First and last day any of its events' periods covers.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub places: Vec<PlaceOut>,
    pub actors: Vec<ActorOut>,
    /// `single_source`, `corroborated` or `disputed`, from the claims.
    pub status: String,
    /// The status as shown: a reviewer's verdict beside the computed status, when there is one.
    pub shown_status: String,
    /// Independent sources asserting it.
    pub sources: Vec<String>,
    /// Sources denying it.
    pub deniers: Vec<String>,
    pub event_ids: Vec<i64>,
    /// Distinct documents its events come from.
    pub documents: usize,
    /// Claims of all its events.
    pub claims: usize,
    pub killed: Option<CountRangeOut>,
    pub injured: Option<CountRangeOut>,
    /// Fields its claims disagree on.
    pub disputed_fields: Vec<String>,
    /// Zones one of its places lies in on its date (illustrative zones included).
    pub zones: Vec<String>,
    /// Ids of the provisions it may engage or bear on, if it happened as claimed.
    pub provisions: Vec<String>,
    /// A reviewer's verdict (an incident correction): shown beside the
    /// computed status, never replacing its claims.
    pub verdict: Option<VerdictOut>,
    /// The analysts' incident corrections (split, merge, verdict) that shaped it, as text.
    pub corrections: Vec<String>,
}

/// A reviewer's call on an incident, attributed.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerdictOut {
    /// `credible`, `unverifiable`, `not_credible` or `pending`.
    pub kind: String,
    pub reviewer: String,
    pub note: String,
    pub date: Option<String>,
}

impl From<&IncidentItem> for IncidentOut {
    fn from(x: &IncidentItem) -> Self {
        let i = &x.incident;
        let mut provisions: Vec<String> =
            x.assessment.iter().flat_map(|a| a.engagements.iter().map(|e| e.provision.clone())).collect();
        provisions.dedup();
        let docs: std::collections::BTreeSet<&str> = i.events.iter().map(|e| e.doc.as_str()).collect();
        IncidentOut {
            incident_id: i.id,
            event_type: i.event_type.code().to_owned(),
            types: i.types.iter().map(|t| t.code().to_owned()).collect(),
            date: i.date.map(|d| d.to_string()),
            date_end: i.date_end.map(|d| d.to_string()),
            first_day: i.first_day.map(|d| d.to_string()),
            last_day: i.last_day.map(|d| d.to_string()),
            places: x.places.iter().map(PlaceOut::from).collect(),
            actors: i.actors.iter().map(ActorOut::from).collect(),
            status: i.status.code().to_owned(),
            shown_status: i.display_status(),
            sources: i.sources.clone(),
            deniers: i.deniers.clone(),
            event_ids: i.event_ids(),
            documents: docs.len(),
            claims: i.claims.len(),
            killed: i.killed.as_ref().map(CountRangeOut::from),
            injured: i.injured.as_ref().map(CountRangeOut::from),
            disputed_fields: i.disputes.iter().map(|d| d.field.clone()).collect(),
            zones: x.zones.clone(),
            provisions,
            verdict: i.verdict.as_ref().map(|v| VerdictOut {
                kind: v.kind.code().to_owned(),
                reviewer: v.reviewer.clone(),
                note: v.note.clone(),
                date: v.date.map(|d| d.to_string()),
            }),
            corrections: i.corrections.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentPage {
    pub items: Vec<IncidentOut>,
    /// Matching incidents in all pages.
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
    /// Stored incident corrections or zone imports that could not be applied.
    pub warnings: Vec<String>,
}

/// One claim of an incident with the sentence it rests on.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentClaimOut {
    pub event_id: i64,
    /// Numeric id of the document (for `/api/documents/{key}`).
    pub doc_id: i64,
    /// The document's own id (file name or URL).
    pub doc: String,
    /// Who says it, as the record names them.
    pub claimant: String,
    /// The independent source it counts for (an outlet only on its own authority).
    pub source: String,
    /// `asserted` or `denied`.
    pub stance: String,
    pub outlet: Option<String>,
    pub evidence: Option<String>,
    /// The source sentence(s), as in the document's clean text.
    pub text: String,
    /// Unicode character offsets of `text` in the document's clean text.
    pub span: [usize; 2],
}

/// One reason two events were put in one incident.
#[derive(Debug, Serialize, ToSchema)]
pub struct MergeReasonOut {
    /// `same_type`, `compatible_types`, `dates_overlap`, `dates_within_slack`,
    /// `same_place`, `place_within`, `place_on_road`, `place_near`,
    /// `actors_compatible` or `analyst`.
    pub kind: String,
    /// The reason in words: `same place Khankendi`, `Khalfali within Khojaly`.
    pub text: String,
}

/// Why event `a` and event `b` are in one incident.
#[derive(Debug, Serialize, ToSchema)]
pub struct MergeLinkOut {
    pub a: i64,
    pub b: i64,
    pub reasons: Vec<MergeReasonOut>,
}

impl From<&truce_incidents::MergeLink> for MergeLinkOut {
    fn from(l: &truce_incidents::MergeLink) -> Self {
        let kind = |r: &truce_incidents::MergeReason| {
            serde_json::to_value(r)
                .ok()
                .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
                .unwrap_or_default()
        };
        MergeLinkOut {
            a: l.a,
            b: l.b,
            reasons: l.reasons.iter().map(|r| MergeReasonOut { kind: kind(r), text: r.to_string() }).collect(),
        }
    }
}

/// Where one of an incident's places lies relative to a zone version valid
/// on the incident's date.
#[derive(Debug, Serialize, ToSchema)]
pub struct ZonePlacementOut {
    pub zone: String,
    pub place: String,
    /// The version's first and last day (`to` null while open).
    pub from: String,
    pub to: Option<String>,
    /// The place lies inside (or, for a road, touches) the zone.
    pub inside: bool,
    /// Shortest distance to the zone's edge, km: how deep inside or how far outside.
    pub distance_to_edge_km: f64,
    /// Built by truce from a definition: not an official map.
    pub illustrative: bool,
}

/// A reading of a provision, with who holds it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadingOut {
    pub id: String,
    /// The question it answers; readings of one topic compete.
    pub topic: String,
    pub held_by: Vec<String>,
    pub text: String,
    pub source: String,
}

impl From<&truce_rules::Interpretation> for ReadingOut {
    fn from(r: &truce_rules::Interpretation) -> Self {
        ReadingOut {
            id: r.id.clone(),
            topic: r.topic.clone(),
            held_by: r.held_by.clone(),
            text: r.text.clone(),
            source: r.source.clone(),
        }
    }
}

/// A zone a place of the incident lay in on its date, as the assessment used it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ZoneHitOut {
    pub zone: String,
    pub place: String,
    /// The version's period (`2022-08-26..`).
    pub version: String,
    pub illustrative: bool,
}

/// A provision an incident may engage (or bear on), if it happened as
/// claimed: by which party, on whose claims, under which reading.
#[derive(Debug, Serialize, ToSchema)]
pub struct EngagementOut {
    pub provision: String,
    pub title: String,
    /// The condition's id in the agreement file.
    pub condition: String,
    /// What an incident matching the condition is, in words.
    pub describes: String,
    /// `engages` (may run counter to it) or `implements` (part of carrying it out).
    pub bearing: String,
    pub party: Option<String>,
    pub party_name: Option<String>,
    pub actors: Vec<ActorOut>,
    /// The sources whose claims name those actors in those roles.
    pub named_by: Vec<String>,
    pub reading: Option<ReadingOut>,
    /// Competing readings of the same question.
    pub other_readings: Vec<ReadingOut>,
    /// What matched, in words.
    pub matched: Vec<String>,
    /// What could not be checked.
    pub caveats: Vec<String>,
    pub zones: Vec<ZoneHitOut>,
    /// One conditional sentence ("X claims ...; if so, this would engage
    /// provision N ..."): never says that anything happened.
    pub wording: String,
}

impl From<&truce_rules::Engagement> for EngagementOut {
    fn from(e: &truce_rules::Engagement) -> Self {
        EngagementOut {
            provision: e.provision.clone(),
            title: e.title.clone(),
            condition: e.condition.clone(),
            describes: e.describes.clone(),
            bearing: match e.bearing {
                truce_rules::Bearing::Engages => "engages",
                truce_rules::Bearing::Implements => "implements",
            }
            .to_owned(),
            party: e.party.clone(),
            party_name: e.party_name.clone(),
            actors: e.actors.iter().map(ActorOut::from).collect(),
            named_by: e.named_by.clone(),
            reading: e.reading.as_ref().map(ReadingOut::from),
            other_readings: e.other_readings.iter().map(ReadingOut::from).collect(),
            matched: e.matched.clone(),
            caveats: e.caveats.clone(),
            zones: e
                .zones
                .iter()
                .map(|z| ZoneHitOut {
                    zone: z.zone.clone(),
                    place: z.place.clone(),
                    version: z.version.clone(),
                    illustrative: z.illustrative,
                })
                .collect(),
            wording: e.wording.clone(),
        }
    }
}

/// A dated fact that changes the picture for the provisions engaged.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContextOut {
    pub date: String,
    pub provisions: Vec<String>,
    pub zone: Option<String>,
    pub text: String,
    pub source: String,
}

impl From<&truce_rules::ContextEntry> for ContextOut {
    fn from(c: &truce_rules::ContextEntry) -> Self {
        ContextOut {
            date: c.date.to_string(),
            provisions: c.provisions.clone(),
            zone: c.zone.clone(),
            text: c.text.clone(),
            source: c.source.clone(),
        }
    }
}

/// The agreement incidents are assessed against.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementOut {
    pub id: String,
    pub title: String,
    /// Which version of the text its provisions paraphrase.
    pub version: String,
}

/// An incident with every claim side by side, why its events were merged,
/// its casualty ranges and disputed fields, the zones on its date, and the
/// provisions it may engage. Each event's review history is at
/// `/api/events/{id}/history`.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentDetail {
    pub incident: IncidentOut,
    /// Every claim of every event, each with its sentence.
    pub claims: Vec<IncidentClaimOut>,
    /// Its events, effective (the latest review applied).
    pub events: Vec<EventOut>,
    /// Why its events were put together, pair by pair.
    pub links: Vec<MergeLinkOut>,
    /// Fields the claims disagree on, every value with who states it.
    pub disputes: Vec<FieldDisputeOut>,
    /// The date the zones were looked up on (null when it has no year).
    pub zone_date: Option<String>,
    /// Every zone version valid on that date against each of its places.
    pub zone_placements: Vec<ZonePlacementOut>,
    pub agreement: AgreementOut,
    /// The provisions it may engage or bear on, if it happened as claimed.
    pub provisions: Vec<EngagementOut>,
    /// Dated context for those provisions.
    pub context: Vec<ContextOut>,
}

/// One incident against the agreement: the provisions it may engage, with the
/// claims it rests on. Never says that a provision was breached.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentOut {
    pub incident_id: i64,
    pub agreement: String,
    pub agreement_version: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub date: String,
    pub places: Vec<String>,
    /// Computed from the claims.
    pub status: String,
    pub shown_status: String,
    pub engagements: Vec<EngagementOut>,
    pub claims: Vec<IncidentClaimOut>,
    pub context: Vec<ContextOut>,
    /// The engagements' wording, one sentence a line, then the context.
    pub wording: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentPage {
    pub items: Vec<AssessmentOut>,
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
}

/// What one source reports over the period, beside the others.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimantCountOut {
    /// The independent source (a claimant, or an outlet on its own authority).
    pub claimant: String,
    /// Its side in the actor lexicon (`az`, `am`, `ru`...), when known.
    pub side: Option<String>,
    /// Incidents it asserts.
    pub asserted: usize,
    /// Incidents it denies.
    pub denied: usize,
    /// Asserted incidents by the type its own records give.
    pub by_type: Vec<NameCount>,
    /// Asserted incidents by the side its own records name as perpetrator (`unnamed` for none).
    pub perpetrator_sides: Vec<NameCount>,
    pub asserted_incidents: Vec<i64>,
    pub denied_incidents: Vec<i64>,
}

impl From<&truce_incidents::ClaimantCount> for ClaimantCountOut {
    fn from(c: &truce_incidents::ClaimantCount) -> Self {
        ClaimantCountOut {
            claimant: c.claimant.clone(),
            side: c.side.clone(),
            asserted: c.asserted,
            denied: c.denied,
            by_type: c.by_type.iter().map(|(t, n)| NameCount { name: t.code().to_owned(), count: *n }).collect(),
            perpetrator_sides: c
                .perpetrator_sides
                .iter()
                .map(|(s, n)| NameCount { name: s.clone(), count: *n })
                .collect(),
            asserted_incidents: c.asserted_incidents.clone(),
            denied_incidents: c.denied_incidents.clone(),
        }
    }
}

/// Counts as each source reports them, side by side, over a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountsOut {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Incidents overlapping the period.
    pub incidents: usize,
    /// Most incidents asserted first.
    pub claimants: Vec<ClaimantCountOut>,
}

/// Split a wrong merge: the events to move out into an incident of their own.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SplitRequest {
    /// Ids of events of the incident (not all of them).
    pub events: Vec<i64>,
}

/// Merge a missed one: two incidents (by id) to put together.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    pub a: i64,
    pub b: i64,
}

/// A reviewer's verdict on an incident.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictRequest {
    /// `credible`, `unverifiable`, `not_credible` or `pending`.
    pub status: String,
    /// Why (optional, up to 2000 characters).
    pub note: Option<String>,
}

/// A stored incident correction and the incidents it shaped, as they now stand.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentCorrectionOut {
    pub correction_id: i64,
    pub user: String,
    /// `split`, `merge` or `verdict`.
    pub op: String,
    /// The correction in words.
    pub text: String,
    /// The incidents now holding the events it names.
    pub incidents: Vec<IncidentOut>,
}

/// An incident's membership and shown status at one point of its history.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentStateOut {
    pub incident_id: i64,
    pub event_ids: Vec<i64>,
    pub shown_status: String,
}

/// One incident correction that concerns an incident: who, when, what, and
/// the incidents it touched before and after it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentHistoryOut {
    pub correction_id: i64,
    pub user: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// `split`, `merge` or `verdict`.
    pub op: String,
    pub text: String,
    /// False when it no longer applies (its events re-extracted away, say).
    pub applied: bool,
    pub problem: Option<String>,
    pub before: Vec<IncidentStateOut>,
    /// Empty when it did not apply.
    pub after: Vec<IncidentStateOut>,
}
