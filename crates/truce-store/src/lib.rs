//! The `Store` trait: what truce keeps, and how callers read it back, with no
//! knowledge of which database holds it.
//!
//! Ground state is documents (raw bytes, hash, clean text, metadata); derived
//! state is the event records extracted from them, with their places, actors
//! and claims. Implementations live in their own crates (`truce-store-sqlite`,
//! later PostgreSQL) and are the only places in truce that contain SQL.
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
//! With the cargo feature `conformance`, [`conformance`] holds the behaviour
//! every backend must show, as generic test functions and a macro that turns
//! them into `#[test]`s for a backend.

#[cfg(feature = "conformance")]
pub mod conformance;

use serde::{Deserialize, Serialize};
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
}
