//! The events as the API shows them: each extracted record with its latest
//! correction applied (the effective event), its claim status, its places
//! resolved in the gazetteer, and the zones it lies in on its own date.
//!
//! Built from the store in one pass and cached until the store's revision
//! moves (a new document or correction), because the filters the UI needs
//! (zone, bounding box, actor, status) are computed, not stored columns.

use std::collections::HashMap;

use truce_gazetteer::{Gazetteer, Place};
use truce_model::{EventRecord, PartialDate, Stance};
use truce_store::{Correction, DocumentSummary, EventFilter, Store, StoreError};
use truce_zones::{Locus, ZoneSet};

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
    pub review: Option<Correction>,
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

/// Every event, effective, in date order (undated last), with the documents.
pub struct View {
    pub revision: i64,
    pub events: Vec<EventItem>,
    pub documents: HashMap<i64, DocumentSummary>,
    index: HashMap<i64, usize>,
}

impl View {
    pub fn build(store: &mut dyn Store, revision: i64, zones: &ZoneSet) -> Result<View, StoreError> {
        let gazetteer = Gazetteer::builtin();
        let documents: HashMap<i64, DocumentSummary> = store.documents()?.into_iter().map(|d| (d.doc_id, d)).collect();
        let mut reviews: HashMap<i64, Correction> = store.reviews()?.into_iter().map(|c| (c.event_id, c)).collect();
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
        Ok(View { revision, events, documents, index })
    }

    pub fn get(&self, event_id: i64) -> Option<&EventItem> {
        self.index.get(&event_id).map(|&i| &self.events[i])
    }
}

fn item(
    event_id: i64,
    doc_id: i64,
    record: EventRecord,
    review: Option<Correction>,
    gazetteer: &'static Gazetteer,
    zones: &ZoneSet,
) -> EventItem {
    let places: Vec<ResolvedPlace> =
        record.places.iter().map(|name| ResolvedPlace { name: name.clone(), place: gazetteer.resolve(name) }).collect();
    let period = period(&record);
    let mut in_zones: Vec<String> = Vec::new();
    if let Some(date) = record.date.filter(|d| d.year().is_some()) {
        for place in places.iter().filter_map(|p| p.place) {
            if let Some(locus) = Locus::from_place(gazetteer, place) {
                in_zones.extend(zones.zones_containing(&locus, date).iter().map(|z| z.zone.name().to_owned()));
            }
        }
    }
    in_zones.sort();
    in_zones.dedup();
    EventItem { event_id, doc_id, status: ClaimStatus::of(&record), record, review, places, zones: in_zones, period }
}

/// The event's period in full days, as the store's date filter reads it: from
/// the first day of `date` to the last of `date_end` (or of `date`).
pub fn period(record: &EventRecord) -> Option<(PartialDate, PartialDate)> {
    let lo = record.date.and_then(|d| d.first_day())?;
    let hi = record.date_end.and_then(|d| d.last_day()).or(record.date.and_then(|d| d.last_day()))?;
    Some((lo, hi))
}
