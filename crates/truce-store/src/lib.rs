//! The `Store` trait: what truce keeps, and how callers read it back, with no
//! knowledge of which database holds it.
//!
//! Ground state is documents (raw bytes, hash, clean text, metadata); derived
//! state is the event records extracted from them, with their places, actors
//! and claims. Implementations live in their own crates (`truce-store-sqlite`,
//! `truce-store-postgres`) and are the only places in truce that contain SQL.
//!
//! **Invariant:** [`Store::put_document`] is all or nothing. A document and all
//! its events are stored in one transaction, or none of it is; a document whose
//! content hash is already stored adds nothing.
//!
//! The trait is synchronous: the CLI calls it directly, a server would call it
//! from blocking threads.
//!
//! Everything `put_document` was given can be read back through
//! [`Store::documents`] and [`Store::document`] (raw bytes, metadata, clean
//! text, removed lines, records), so a store can be copied into another one
//! without loss using the trait alone.
//!
//! Beside what extraction derives, a store keeps what people add, which is
//! ground state too: accounts ([`User`], with a password hash the store never
//! interprets), login sessions ([`Session`], by the hash of their token), and
//! the review trail ([`Correction`]s). **Nothing reviewed is ever deleted:** a
//! correction is appended, the machine-extracted record stays as it was, and
//! the effective event is the latest correction's fields on top of it
//! ([`EventFields::apply_to`]).
//!
//! Two more kinds of ground state come from analysts, and are appended, never
//! edited or deleted:
//!
//! - **Zone imports** ([`Store::put_zone_import`]): a published map's GeoJSON
//!   file, kept byte for byte with its SHA-256, who imported it and when,
//!   with the zone versions read from it ([`ZoneVersionRow`]: geometry as
//!   GeoJSON text, so this crate needs no geometry types). **Versions of one
//!   zone never overlap:** an import with a version whose period overlaps a
//!   stored version of the same zone (or another one of the same import) is
//!   refused with [`StoreError::Conflict`], and nothing of it is stored.
//! - **Incident corrections** ([`Store::add_incident_correction`]): an
//!   analyst's split, merge or verdict, as the JSON that `truce-incidents`
//!   writes (`truce_incidents::Correction`); the store checks only that it is
//!   JSON. Incidents are derived by applying every correction, oldest first.
//!
//! [`Store::search`] is full-text search over documents, event sentences and
//! claimants (SQLite FTS5, PostgreSQL `to_tsvector`); [`search_terms`] is how
//! both backends read a query, so they agree on what matches.
//!
//! With the cargo feature `conformance`, [`conformance`] holds the behaviour
//! every backend must show, as generic test functions and a macro that turns
//! them into `#[test]`s for a backend.

#[cfg(feature = "conformance")]
pub mod conformance;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use truce_model::{Document, EventRecord, EventType, PartialDate};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened, migrated, read or written.
    #[error("database error: {0}")]
    Backend(String),
    /// Something stored could not be read back into truce's types.
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    /// The database was written by a newer truce than this one.
    #[error("database schema version {found} is newer than this truce supports ({supported})")]
    TooNew { found: i64, supported: i64 },
    /// What the call names does not exist (an event id, for a correction).
    #[error("not found: {0}")]
    NotFound(String),
    /// The write would break a uniqueness rule (a user name already taken).
    #[error("conflict: {0}")]
    Conflict(String),
}

/// What `put_document` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PutOutcome {
    /// Stored under this numeric id, with this many events.
    Inserted { doc_id: i64, events: usize },
    /// The same bytes were already stored under this id; nothing was written.
    Duplicate { doc_id: i64 },
}

/// A stored document, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// Numeric id given by the store.
    pub doc_id: i64,
    /// The document's own id (file name or URL), as in event records' `doc`.
    pub name: String,
    pub content_hash: String,
    pub outlet: Option<String>,
    pub published: Option<PartialDate>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub n_events: usize,
    /// When it was ingested, RFC 3339 UTC.
    pub ingested_at: String,
}

/// A stored document with its text and events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub summary: DocumentSummary,
    pub clean_text: String,
    /// Lines removed from the text as boilerplate, in order (`Document::removed`).
    pub removed: Vec<String>,
    pub raw: Vec<u8>,
    pub events: Vec<StoredEvent>,
}

/// An event record with the id the store gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    pub event_id: i64,
    pub doc_id: i64,
    pub record: EventRecord,
}

/// Which events to return. Every set field must match; dates match when the
/// event's period overlaps `[from, to]` (events with no year never do when a
/// bound is given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    pub event_type: Option<EventType>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// Canonical place name, compared case-insensitively.
    pub place: Option<String>,
    /// Numeric document id.
    pub doc_id: Option<i64>,
    pub limit: Option<usize>,
}

/// Counts for a summary line or a dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub documents: usize,
    pub events: usize,
    pub claims: usize,
    pub denied_claims: usize,
    pub places: usize,
    pub actors: usize,
    /// Events per type code, sorted by code.
    pub events_by_type: Vec<(String, usize)>,
}

/// Where truce keeps documents and the events extracted from them.
pub trait Store {
    /// Stores `doc` (with its `raw` bytes) and `events` in one transaction.
    /// A document whose `content_hash` is already stored is left alone.
    fn put_document(&mut self, raw: &[u8], doc: &Document, events: &[EventRecord]) -> Result<PutOutcome, StoreError>;

    /// Every stored document, oldest first.
    fn documents(&self) -> Result<Vec<DocumentSummary>, StoreError>;

    /// One document by numeric id, by name (the newest with that name), or by
    /// a content-hash prefix of at least 8 hex digits.
    fn document(&self, key: &str) -> Result<Option<StoredDocument>, StoreError>;

    /// Events matching `filter`, ordered by date (undated last), then document and span.
    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError>;

    fn stats(&self) -> Result<Stats, StoreError>;

    /// One event by id, as extracted (corrections are not applied: see
    /// [`Store::reviews`] and [`EventFields::apply_to`]).
    fn event(&self, event_id: i64) -> Result<Option<StoredEvent>, StoreError>;

    /// A number that grows with every write of a document, a correction, a
    /// zone import or an incident correction, so that a reader can tell its
    /// cached view is stale.
    fn revision(&self) -> Result<i64, StoreError>;

    /// Full-text search: documents whose title or clean text contain every
    /// term of `query` ([`search_terms`]), and events whose sentence does or
    /// one of whose claimants' names does; best first, at most `limit` of
    /// each. A query with no terms finds nothing.
    fn search(&self, query: &str, limit: usize) -> Result<SearchResults, StoreError>;

    // Accounts and sessions.

    /// Adds a user; a name already taken is [`StoreError::Conflict`]. The
    /// hash is stored as given (the server hashes with argon2).
    fn add_user(&mut self, name: &str, role: UserRole, password_hash: &str) -> Result<User, StoreError>;

    /// A user and their password hash, by exact name.
    fn user(&self, name: &str) -> Result<Option<UserCredentials>, StoreError>;

    /// Every user, oldest first.
    fn users(&self) -> Result<Vec<User>, StoreError>;

    /// Records a login session (by the hash of its token; the token itself
    /// is never stored). An unknown `user_id` is [`StoreError::NotFound`].
    fn create_session(&mut self, session: &NewSession) -> Result<(), StoreError>;

    /// The session with this token hash and its user, expired or not (the
    /// caller compares `expires_at` with its clock).
    fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError>;

    /// Ends a session; whether there was one.
    fn delete_session(&mut self, token_hash: &str) -> Result<bool, StoreError>;

    // Review.

    /// Appends a review of event `event_id` by `user` to the audit trail, in
    /// one transaction: `before` is the event's effective fields at that
    /// moment (its latest correction's `after`, else the extracted record),
    /// `after` the corrected fields (`before` again for an accept or a
    /// reject). The extracted record is never changed. An unknown event is
    /// [`StoreError::NotFound`].
    fn apply_correction(
        &mut self,
        event_id: i64,
        user: &str,
        review: &Review,
        note: Option<&str>,
    ) -> Result<Correction, StoreError>;

    /// Every correction of an event, oldest first (empty for an event never
    /// reviewed, or unknown).
    fn history(&self, event_id: i64) -> Result<Vec<Correction>, StoreError>;

    /// The latest correction of every reviewed event, by event id.
    fn reviews(&self) -> Result<Vec<Correction>, StoreError>;

    // Zones imported from published maps.

    /// Stores an imported file (`file`: its name; `raw`: its bytes, kept with
    /// their SHA-256) and the zone versions read from it, by `user`, in one
    /// transaction, and returns the import's id. All or nothing: rows that
    /// [`check_zone_rows`] refuses, or a version whose period overlaps a
    /// stored version of the same zone ([`StoreError::Conflict`]), store
    /// nothing at all.
    fn put_zone_import(
        &mut self,
        user: &str,
        file: &str,
        raw: &[u8],
        versions: &[(String, ZoneVersionRow)],
    ) -> Result<i64, StoreError>;

    /// Every import, oldest first, with its raw bytes.
    fn zone_imports(&self) -> Result<Vec<ZoneImport>, StoreError>;

    /// Every stored zone version as `(zone name, version)`, by zone name
    /// (byte order), then by `valid_from`.
    fn zone_versions(&self) -> Result<Vec<(String, ZoneVersionRow)>, StoreError>;

    // Analysts' corrections of the incident grouping.

    /// Appends an incident correction (`truce_incidents::Correction` as
    /// JSON, stored as given) by `user`, and returns its id. Text that is not
    /// JSON is refused, with nothing stored.
    fn add_incident_correction(&mut self, user: &str, correction_json: &str) -> Result<i64, StoreError>;

    /// Every incident correction, oldest first (the order they apply in).
    fn incident_corrections(&self) -> Result<Vec<IncidentCorrectionRow>, StoreError>;
}

/// One version of a zone as the store keeps it: plain data, no geometry
/// types (`truce-zones` turns it into a `ZoneVersion` and back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneVersionRow {
    /// First day valid: a full date.
    pub valid_from: PartialDate,
    /// Last day valid, inclusive (a full date); `None` while it holds.
    pub valid_to: Option<PartialDate>,
    /// Who published the map.
    pub source: String,
    pub note: String,
    /// Built by truce rather than published: shown as illustrative.
    pub constructed: bool,
    /// The area as a GeoJSON geometry (Polygon or MultiPolygon), WGS84
    /// `[lon, lat]`; stored and read back as this exact text.
    pub geometry: String,
    /// `[min_lon, min_lat, max_lon, max_lat]` of the geometry.
    pub bbox: [f64; 4],
}

impl ZoneVersionRow {
    /// The period as text: `2023-01-01..2023-06-30`, `2023-01-01..` when open.
    pub fn period(&self) -> String {
        match self.valid_to {
            Some(to) => format!("{}..{to}", self.valid_from),
            None => format!("{}..", self.valid_from),
        }
    }

    /// Whether the two periods share a day (`valid_to` inclusive, `None`
    /// open-ended). Periods that are not full dates share nothing here:
    /// [`check_zone_rows`] refuses them first.
    pub fn overlaps(&self, other: &ZoneVersionRow) -> bool {
        let day = |d: PartialDate| d.days_from_epoch();
        let (Some(a_from), Some(b_from)) = (day(self.valid_from), day(other.valid_from)) else {
            return false;
        };
        let end = |to: Option<PartialDate>| to.map_or(Some(i64::MAX), day);
        let (Some(a_to), Some(b_to)) = (end(self.valid_to), end(other.valid_to)) else {
            return false;
        };
        a_from <= b_to && b_from <= a_to
    }
}

/// A stored zone import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneImport {
    pub import_id: i64,
    /// The file's name as given at import.
    pub file: String,
    /// Lower-case hex SHA-256 of `raw`.
    pub sha256: String,
    /// The file's bytes, as read.
    pub raw: Vec<u8>,
    /// Who imported it.
    pub user: String,
    /// RFC 3339 UTC.
    pub imported_at: String,
    /// The zones it brought versions of, sorted, each once.
    pub zones: Vec<String>,
}

/// One stored incident correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentCorrectionRow {
    pub id: i64,
    pub user: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// The correction as given (`truce_incidents::Correction` as JSON).
    pub json: String,
}

/// What every backend refuses in a zone import before writing anything: no
/// version, an empty or padded zone name, a date that is not a full date, an
/// end before its start, empty geometry text, a bounding box that is not
/// finite or not ordered, and two versions of one zone in the same import
/// whose periods overlap ([`StoreError::Conflict`]). Overlaps with stored
/// versions are the backend's to check, inside its transaction.
pub fn check_zone_rows(file: &str, versions: &[(String, ZoneVersionRow)]) -> Result<(), StoreError> {
    let refuse = |what: String| StoreError::Backend(format!("importing {file}: {what}; nothing stored"));
    if versions.is_empty() {
        return Err(refuse("no zone version".into()));
    }
    for (i, (name, row)) in versions.iter().enumerate() {
        let at = format!("version {i} (zone {name:?})");
        if name.trim().is_empty() || name.trim() != name {
            return Err(refuse(format!("{at}: the zone name is empty or has leading or trailing spaces")));
        }
        if !row.valid_from.is_full() || row.valid_to.is_some_and(|d| !d.is_full()) {
            return Err(refuse(format!("{at}: period {} is not of full dates (YYYY-MM-DD)", row.period())));
        }
        if row.valid_to.is_some_and(|to| to.days_from_epoch() < row.valid_from.days_from_epoch()) {
            return Err(refuse(format!("{at}: period {} ends before it starts", row.period())));
        }
        if row.geometry.trim().is_empty() {
            return Err(refuse(format!("{at}: no geometry")));
        }
        let [x0, y0, x1, y1] = row.bbox;
        if !row.bbox.iter().all(|v| v.is_finite()) || x0 > x1 || y0 > y1 {
            return Err(refuse(format!("{at}: bounding box {:?} is not finite and ordered", row.bbox)));
        }
        if let Some((_, other)) = versions[..i].iter().find(|(n, r)| n == name && r.overlaps(row)) {
            return Err(StoreError::Conflict(format!(
                "importing {file}: zone `{name}`: version {} overlaps version {} of the same import; nothing stored",
                row.period(),
                other.period()
            )));
        }
    }
    Ok(())
}

/// Lower-case hex SHA-256, as stored with a zone import.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// What a user may do: viewers read, analysts also review events, admins
/// also manage users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    Viewer,
    Analyst,
    Admin,
}

impl UserRole {
    pub const ALL: [UserRole; 3] = [UserRole::Viewer, UserRole::Analyst, UserRole::Admin];

    pub fn code(self) -> &'static str {
        match self {
            UserRole::Viewer => "viewer",
            UserRole::Analyst => "analyst",
            UserRole::Admin => "admin",
        }
    }

    /// Whether this role may review (accept, correct, reject) events.
    pub fn can_review(self) -> bool {
        self >= UserRole::Analyst
    }
}

impl std::fmt::Display for UserRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for UserRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        UserRole::ALL
            .into_iter()
            .find(|r| r.code() == s)
            .ok_or_else(|| format!("unknown role {s:?}; expected viewer, analyst or admin"))
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub user_id: i64,
    pub name: String,
    pub role: UserRole,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// An account with its password hash (a PHC string), for logging in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserCredentials {
    pub user: User,
    pub password_hash: String,
}

/// A login session to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// Hex SHA-256 of the session token the browser holds.
    pub token_hash: String,
    pub user_id: i64,
    /// The CSRF token the UI must send back with every write.
    pub csrf_token: String,
    /// RFC 3339 UTC (`2024-01-31T12:00:00Z`).
    pub expires_at: String,
}

/// A recorded login session with its user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// RFC 3339 UTC.
    pub expires_at: String,
}

/// What a reviewer did to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    /// The extracted (or last corrected) record stands as it is.
    Accept,
    /// Some fields were wrong; `after` holds the corrected ones.
    Correct,
    /// The record is not an event (an extraction error); kept, marked rejected.
    Reject,
}

impl ReviewAction {
    pub fn code(self) -> &'static str {
        match self {
            ReviewAction::Accept => "accept",
            ReviewAction::Correct => "correct",
            ReviewAction::Reject => "reject",
        }
    }
}

impl std::str::FromStr for ReviewAction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [ReviewAction::Accept, ReviewAction::Correct, ReviewAction::Reject]
            .into_iter()
            .find(|a| a.code() == s)
            .ok_or_else(|| format!("unknown review action {s:?}"))
    }
}

/// A review to apply: the corrected fields come with `Correct` only.
#[derive(Debug, Clone, PartialEq)]
pub enum Review {
    Accept,
    Correct(EventFields),
    Reject,
}

impl Review {
    pub fn action(&self) -> ReviewAction {
        match self {
            Review::Accept => ReviewAction::Accept,
            Review::Correct(_) => ReviewAction::Correct,
            Review::Reject => ReviewAction::Reject,
        }
    }
}

/// The fields of an event record a reviewer may correct. The sentence, its
/// span and the claims are what the source says and are never corrected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventFields {
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub date: Option<PartialDate>,
    pub date_end: Option<PartialDate>,
    pub places: Vec<String>,
    pub actors: Vec<truce_model::ActorRole>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
}

impl EventFields {
    /// The correctable fields of a record.
    pub fn of(record: &EventRecord) -> Self {
        EventFields {
            event_type: record.event_type,
            date: record.date,
            date_end: record.date_end,
            places: record.places.clone(),
            actors: record.actors.clone(),
            killed: record.killed,
            injured: record.injured,
        }
    }

    /// `record` with these fields in place of its own: the effective event.
    pub fn apply_to(&self, record: &EventRecord) -> EventRecord {
        EventRecord {
            event_type: self.event_type,
            date: self.date,
            date_end: self.date_end,
            places: self.places.clone(),
            actors: self.actors.clone(),
            killed: self.killed,
            injured: self.injured,
            ..record.clone()
        }
    }
}

/// One entry of the review trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub correction_id: i64,
    pub event_id: i64,
    /// The reviewer's user name.
    pub user: String,
    pub action: ReviewAction,
    /// The effective fields before this review.
    pub before: EventFields,
    /// The effective fields after it (the same as `before` unless corrected).
    pub after: EventFields,
    pub note: Option<String>,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// What [`Store::search`] found, best first in each list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Numeric ids of matching documents.
    pub documents: Vec<i64>,
    /// `(event_id, doc_id)` of matching events.
    pub events: Vec<(i64, i64)>,
}

/// The terms of a search query as both backends read it: maximal runs of
/// letters and digits, lower-cased; a document matches when it contains
/// every term (so punctuation, quotes and operators in a query are never
/// syntax). At most 16 terms are kept.
pub fn search_terms(query: &str) -> Vec<String> {
    query.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_lowercase).take(16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(from: &str, to: Option<&str>) -> ZoneVersionRow {
        ZoneVersionRow {
            valid_from: from.parse().unwrap(),
            valid_to: to.map(|t| t.parse().unwrap()),
            source: String::new(),
            note: String::new(),
            constructed: false,
            geometry: "{}".into(),
            bbox: [0.0, 0.0, 1.0, 1.0],
        }
    }

    #[test]
    fn periods_overlap_when_they_share_a_day() {
        let first = row("2023-01-01", Some("2023-06-30"));
        assert!(first.overlaps(&row("2023-06-30", None)), "the last day is inclusive");
        assert!(!first.overlaps(&row("2023-07-01", None)), "the day after is free");
        assert!(row("2023-07-01", None).overlaps(&row("2099-01-01", Some("2099-01-01"))), "open-ended");
        assert!(first.overlaps(&row("2022-01-01", Some("2024-01-01"))), "around");
        assert!(!first.overlaps(&row("2022-01-01", Some("2022-12-31"))));
        assert!(!first.overlaps(&row("2023-03", None)), "a month is not a period here");
        assert_eq!(first.period(), "2023-01-01..2023-06-30");
        assert_eq!(row("2023-07-01", None).period(), "2023-07-01..");
    }

    #[test]
    fn zone_rows_are_checked_before_any_write() {
        let named = |name: &str, r: ZoneVersionRow| (name.to_owned(), r);
        assert!(check_zone_rows("f", &[named("a", row("2023-01-01", None))]).is_ok());
        let same_zone = [named("a", row("2023-01-01", Some("2023-02-01"))), named("a", row("2023-02-01", None))];
        assert!(matches!(check_zone_rows("f", &same_zone), Err(StoreError::Conflict(m)) if m.contains("`a`")));
        let other_zone = [named("a", row("2023-01-01", None)), named("b", row("2023-01-01", None))];
        assert!(check_zone_rows("f", &other_zone).is_ok());
        let mut inverted = row("2023-01-01", None);
        inverted.bbox = [1.0, 0.0, 0.0, 1.0];
        assert!(
            matches!(check_zone_rows("f.geojson", &[named("a", inverted)]), Err(StoreError::Backend(m)) if m.contains("f.geojson"))
        );
    }

    #[test]
    fn sha256_is_lower_case_hex() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
