//! truce's vocabulary: the types every other crate speaks.
//!
//! A [`Document`] is one report as truce read it (metadata plus clean text).
//! An [`EventRecord`] is one occurrence a document tells of, in exactly the
//! shape of the `events.md` contract, with the [`Claim`]s that attribute it.
//! [`PartialDate`] carries a date at the precision the text gives.
//!
//! This crate does no IO, knows no SQL, HTTP or file paths, and never reads the
//! clock. truce asserts nothing: an event has no "true" field, only claims.

mod date;
mod event;

pub use date::{PartialDate, PartialDateError};
pub use event::{ActorRole, Claim, EventRecord, EventType, Role, Stance, UnknownEventType};

use serde::{Deserialize, Serialize};

/// What is known about a document before its text is read: from a manifest,
/// a feed, or the text's own dateline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// The document's id: its file name, or its URL when ingested from the web.
    pub id: String,
    pub outlet: Option<String>,
    /// Publication date at the precision known.
    pub published: Option<PartialDate>,
    /// ISO 639-1 code when known (`en`, `ru`, `hy`, `az`).
    pub language: Option<String>,
    pub url: Option<String>,
}

/// One report as truce read it: the raw bytes' fingerprint, the clean text
/// extraction runs on, and the metadata dates are resolved against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub meta: DocMeta,
    /// Lower-case hex SHA-256 of the raw bytes: the identity used to skip re-ingests.
    pub content_hash: String,
    /// Title when the source format has one (HTML `<title>`, feed item title).
    pub title: Option<String>,
    /// Main text with boilerplate removed; spans in event records index into it.
    pub clean_text: String,
    /// Lines removed as boilerplate, kept so analysts can see what was dropped.
    pub removed: Vec<String>,
}
