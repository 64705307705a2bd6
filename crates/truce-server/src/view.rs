//! The events as the API shows them: each extracted record with its latest
//! correction applied (the effective event), its claim status, its places
//! resolved in the gazetteer, and the zones it lies in on its own date.
//!
//! The incidents are derived here too: the effective events (rejected ones
//! left out) merged across reports by `truce-incidents`, the stored incident
//! corrections (split, merge, verdict) applied oldest first, each incident
//! assessed against the 10 November 2020 statement by `truce-rules`. Zones
//! are the shipped (illustrative) ones plus the maps imported into the store.
//! This is what `truce incidents`, `assess` and `report` derive too.
//!
//! Built from the store in one pass and cached until the store's revision
//! moves (a new document or correction), because the filters the UI needs
//! (zone, bounding box, actor, status) are computed, not stored columns.

use std::collections::HashMap;

use truce_gazetteer::{Gazetteer, Place};
use truce_incidents::{Correction, EventInput, Incident, MergeOptions, apply_corrections, build_incidents};
use truce_model::{EventRecord, PartialDate, Stance};
use truce_rules::{Agreement, Assessment};
use truce_store::{
    Correction as Review, DocumentSummary, EventFilter, ReviewAction, Store, StoreError, ZoneVersionRow,
};
use truce_zones::{Locus, VersionMeta, ZoneSet, ZoneVersion};

/// What the claims of an event amount to, computed, never set: `disputed`
/// when any claim denies it, `corroborated` with two or more different
/// asserting claimants, `single_source` with one, `unattributed` with none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimStatus {
    Disputed,
    SingleSource,
    Corroborated,
    Unattributed,
}

impl ClaimStatus {
    pub const ALL: [ClaimStatus; 4] =
        [ClaimStatus::Disputed, ClaimStatus::SingleSource, ClaimStatus::Corroborated, ClaimStatus::Unattributed];

    pub fn code(self) -> &'static str {
        match self {
            ClaimStatus::Disputed => "disputed",
            ClaimStatus::SingleSource => "single_source",
            ClaimStatus::Corroborated => "corroborated",
            ClaimStatus::Unattributed => "unattributed",
        }
    }

    pub fn of(record: &EventRecord) -> ClaimStatus {
        if record.claims.iter().any(|c| c.stance == Stance::Denied) {
            return ClaimStatus::Disputed;
        }
        let mut asserting: Vec<&str> = record.claims.iter().map(|c| c.claimant.as_str()).collect();
        asserting.sort_unstable();
        asserting.dedup();
        match asserting.len() {
            0 => ClaimStatus::Unattributed,
            1 => ClaimStatus::SingleSource,
            _ => ClaimStatus::Corroborated,
        }
    }
}

/// A place name of a record with what the gazetteer knows of it.
#[derive(Debug, Clone)]
pub struct ResolvedPlace {
    pub name: String,
    pub place: Option<&'static Place>,
}

/// One event as shown.
#[derive(Debug, Clone)]
pub struct EventItem {
    pub event_id: i64,
    pub doc_id: i64,
    /// The effective record: the latest correction's fields on the extracted one.
    pub record: EventRecord,
    /// The latest review, if any.
    pub review: Option<Review>,
    pub status: ClaimStatus,
    pub places: Vec<ResolvedPlace>,
    /// Zones any of its places lies in on its date (sorted, distinct).
    pub zones: Vec<String>,
    /// First and last full day of its period; `None` without a year.
    pub period: Option<(PartialDate, PartialDate)>,
}

impl EventItem {
    /// `unreviewed`, or the latest review's action as a past participle.
    pub fn review_state(&self) -> &'static str {
        match self.review.as_ref().map(|c| c.action) {
            None => "unreviewed",
            Some(truce_store::ReviewAction::Accept) => "accepted",
            Some(truce_store::ReviewAction::Correct) => "corrected",
            Some(truce_store::ReviewAction::Reject) => "rejected",
        }
    }
}

/// One incident as shown: derived from the current events, with its places
/// resolved, the zones it lies in on its date, and what `assess` says of it.
#[derive(Debug, Clone)]
pub struct IncidentItem {
    pub incident: Incident,
    pub places: Vec<ResolvedPlace>,
    /// Zones any of its places lies in on its date (sorted, distinct).
    pub zones: Vec<String>,
    /// The provisions it may engage or bear on; `None` when it touches none.
    pub assessment: Option<Assessment>,
}

impl IncidentItem {
    /// The date zones are looked up on, as `truce_rules::assess` does: the
    /// incident's date when it has a year, else its first day.
    pub fn zone_date(&self) -> Option<PartialDate> {
        self.incident.date.filter(|d| d.year().is_some()).or(self.incident.first_day)
    }
}

/// Every event, effective, in date order (undated last), with the documents,
/// and the incidents they make up (by first day, undated last).
pub struct View {
    pub revision: i64,
    /// The shipped zones plus the versions imported into the store.
    pub zones: ZoneSet,
    /// Stored zone versions or incident corrections that could not be used
    /// (each also logged when the view is built).
    pub warnings: Vec<String>,
    pub events: Vec<EventItem>,
    pub documents: HashMap<i64, DocumentSummary>,
    index: HashMap<i64, usize>,
    pub incidents: Vec<IncidentItem>,
    incident_index: HashMap<i64, usize>,
    /// Event id to the id of the incident holding it (rejected events are in none).
    event_incident: HashMap<i64, i64>,
    /// The incidents as built before any correction (the history replays
    /// the corrections on them).
    pub automatic: Vec<Incident>,
    /// The stored incident corrections that could be read, oldest first.
    pub corrections: Vec<StoredCorrection>,
}

/// A stored incident correction, read.
#[derive(Debug, Clone)]
pub struct StoredCorrection {
    pub id: i64,
    pub user: String,
    pub created_at: String,
    pub correction: Correction,
}

impl StoredCorrection {
    fn label(&self) -> String {
        format!("incident correction {} by {} ({})", self.id, self.user, self.created_at)
    }
}

impl View {
    /// Builds the view from the store; `shipped` are the zones truce ships
    /// (the imported ones are added from the store).
    pub fn build(
        store: &mut dyn Store,
        revision: i64,
        shipped: &ZoneSet,
        agreement: &Agreement,
    ) -> Result<View, StoreError> {
        let gazetteer = Gazetteer::builtin();
        let mut warnings = Vec::new();
        let zones = zone_set(shipped, store.zone_versions()?, &mut warnings);
        let zones = &zones;
        let documents: HashMap<i64, DocumentSummary> = store.documents()?.into_iter().map(|d| (d.doc_id, d)).collect();
        let mut reviews: HashMap<i64, Review> = store.reviews()?.into_iter().map(|c| (c.event_id, c)).collect();
        let mut events: Vec<EventItem> = store
            .events(&EventFilter::default())?
            .into_iter()
            .map(|stored| {
                let review = reviews.remove(&stored.event_id);
                let record = match &review {
                    Some(c) => c.after.apply_to(&stored.record),
                    None => stored.record,
                };
                item(stored.event_id, stored.doc_id, record, review, gazetteer, zones)
            })
            .collect();
        // A corrected date moves the event.
        events.sort_by(|a, b| {
            let key = |e: &EventItem| (e.period.is_none(), e.period.map(|p| p.0), e.doc_id, e.record.span[0]);
            key(a).cmp(&key(b))
        });
        let index = events.iter().enumerate().map(|(i, e)| (e.event_id, i)).collect();
        let corrections = incident_corrections(store, &mut warnings)?;
        let automatic = build_incidents(&event_inputs(&events, &documents), gazetteer, &MergeOptions::default());
        let incidents = incidents(automatic.clone(), &corrections, gazetteer, zones, agreement, &mut warnings);
        for w in &warnings {
            eprintln!("truce-server: warning: {w}");
        }
        let incident_index = incidents.iter().enumerate().map(|(i, x)| (x.incident.id, i)).collect();
        let event_incident =
            incidents.iter().flat_map(|x| x.incident.events.iter().map(|e| (e.event_id, x.incident.id))).collect();
        let zones = zones.clone();
        Ok(View {
            revision,
            zones,
            warnings,
            events,
            documents,
            index,
            incidents,
            incident_index,
            event_incident,
            automatic,
            corrections,
        })
    }

    pub fn get(&self, event_id: i64) -> Option<&EventItem> {
        self.index.get(&event_id).map(|&i| &self.events[i])
    }

    pub fn incident(&self, incident_id: i64) -> Option<&IncidentItem> {
        self.incident_index.get(&incident_id).map(|&i| &self.incidents[i])
    }

    /// The incident an event is part of (none for a rejected event).
    pub fn incident_of(&self, event_id: i64) -> Option<i64> {
        self.event_incident.get(&event_id).copied()
    }
}

/// The events as they now stand, as the incident builder takes them: the
/// latest review applied (already, in `events`), rejected ones left out, with
/// their document's outlet and publication date (as `truce incidents` does).
fn event_inputs(events: &[EventItem], documents: &HashMap<i64, DocumentSummary>) -> Vec<EventInput> {
    events
        .iter()
        .filter(|e| e.review.as_ref().is_none_or(|c| c.action != ReviewAction::Reject))
        .map(|e| {
            let doc = documents.get(&e.doc_id);
            EventInput {
                event_id: e.event_id,
                doc: e.record.doc.clone(),
                outlet: doc.and_then(|d| d.outlet.clone()),
                published: doc.and_then(|d| d.published),
                record: e.record.clone(),
            }
        })
        .collect()
}

/// The shipped zones plus the stored versions. A stored version that cannot
/// be read, or a batch that no longer fits the shipped zones (definitions that
/// grew since the import), is left out with a warning: the API keeps working.
fn zone_set(shipped: &ZoneSet, rows: Vec<(String, ZoneVersionRow)>, warnings: &mut Vec<String>) -> ZoneSet {
    let origin = "the stored zone imports";
    let mut items = Vec::new();
    for (name, row) in rows {
        let meta =
            VersionMeta { from: row.valid_from, to: row.valid_to, source: row.source.clone(), note: row.note.clone() };
        match truce_zones::import_geojson(&format!("{origin} (zone {name}, {})", row.period()), &row.geometry, meta) {
            Ok(mut version) => {
                version.constructed = row.constructed;
                items.push((name, version));
            }
            Err(e) => warnings.push(format!("stored zone version not used: {e}")),
        }
    }
    let mut set = shipped.clone();
    if items.is_empty() {
        return set;
    }
    let versions: Vec<(String, ZoneVersion)> = items;
    if let Err(e) = set.insert_all(origin, versions) {
        warnings.push(format!("stored zone imports not used: {e}"));
        return shipped.clone();
    }
    set
}

/// The stored incident corrections, oldest first; one that cannot be read
/// (written by a newer truce, say) is left out with a warning.
fn incident_corrections(store: &dyn Store, warnings: &mut Vec<String>) -> Result<Vec<StoredCorrection>, StoreError> {
    let mut out = Vec::new();
    for row in store.incident_corrections()? {
        let label = format!("incident correction {} by {} ({})", row.id, row.user, row.created_at);
        match serde_json::from_str::<Correction>(&row.json) {
            Ok(correction) => {
                out.push(StoredCorrection { id: row.id, user: row.user, created_at: row.created_at, correction })
            }
            Err(e) => warnings.push(format!("{label}: unreadable, not applied: {e}")),
        }
    }
    Ok(out)
}

/// Incidents from every current event (merging needs the neighbours beyond
/// any period) with the stored corrections applied, each with its places,
/// zones and assessment. A correction that no longer applies is a warning.
fn incidents(
    automatic: Vec<Incident>,
    corrections: &[StoredCorrection],
    gazetteer: &'static Gazetteer,
    zones: &ZoneSet,
    agreement: &Agreement,
    warnings: &mut Vec<String>,
) -> Vec<IncidentItem> {
    let listed: Vec<Correction> = corrections.iter().map(|c| c.correction.clone()).collect();
    let corrected = apply_corrections(automatic, &listed);
    for p in &corrected.problems {
        let label = corrections.get(p.index).map_or_else(|| "incident correction".to_owned(), StoredCorrection::label);
        warnings.push(format!("{label}: {}: {}; not applied", p.correction, p.problem));
    }
    let built = corrected.incidents;
    let mut assessed: HashMap<i64, Assessment> = truce_rules::assess(&built, agreement, zones, gazetteer, None, None)
        .into_iter()
        .map(|a| (a.incident, a))
        .collect();
    built
        .into_iter()
        .map(|incident| {
            let places: Vec<ResolvedPlace> = incident
                .places
                .iter()
                .map(|name| ResolvedPlace { name: name.clone(), place: gazetteer.resolve(name) })
                .collect();
            let date = incident.date.filter(|d| d.year().is_some()).or(incident.first_day);
            let in_zones = zones_containing(&places, date, gazetteer, zones);
            let assessment = assessed.remove(&incident.id);
            IncidentItem { incident, places, zones: in_zones, assessment }
        })
        .collect()
}

/// The names of the zones one of `places` lies in on `date` (sorted, distinct;
/// none without a dated year).
fn zones_containing(
    places: &[ResolvedPlace],
    date: Option<PartialDate>,
    gazetteer: &'static Gazetteer,
    zones: &ZoneSet,
) -> Vec<String> {
    let mut in_zones: Vec<String> = Vec::new();
    if let Some(date) = date.filter(|d| d.year().is_some()) {
        for place in places.iter().filter_map(|p| p.place) {
            if let Some(locus) = Locus::from_place(gazetteer, place) {
                in_zones.extend(zones.zones_containing(&locus, date).iter().map(|z| z.zone.name().to_owned()));
            }
        }
    }
    in_zones.sort();
    in_zones.dedup();
    in_zones
}

fn item(
    event_id: i64,
    doc_id: i64,
    record: EventRecord,
    review: Option<Review>,
    gazetteer: &'static Gazetteer,
    zones: &ZoneSet,
) -> EventItem {
    let places: Vec<ResolvedPlace> =
        record.places.iter().map(|name| ResolvedPlace { name: name.clone(), place: gazetteer.resolve(name) }).collect();
    let period = period(&record);
    let in_zones = zones_containing(&places, record.date, gazetteer, zones);
    EventItem { event_id, doc_id, status: ClaimStatus::of(&record), record, review, places, zones: in_zones, period }
}

/// The event's period in full days, as the store's date filter reads it: from
/// the first day of `date` to the last of `date_end` (or of `date`).
pub fn period(record: &EventRecord) -> Option<(PartialDate, PartialDate)> {
    let lo = record.date.and_then(|d| d.first_day())?;
    let hi = record.date_end.and_then(|d| d.last_day()).or(record.date.and_then(|d| d.last_day()))?;
    Some((lo, hi))
}
