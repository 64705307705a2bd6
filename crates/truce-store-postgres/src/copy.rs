//! Copying a store (a laptop's SQLite file, or another server) into a
//! [`PgStore`], checked table by table.
//!
//! Documents are copied oldest first, each in its own transaction with its
//! events and its original `ingested_at`, through the [`Store`] read API only
//! (`documents` + `document`). Bytes already in the target are skipped, so an
//! interrupted copy is finished by running it again.
//!
//! The check: for each table (`documents`, `events`, `places`, `event_places`,
//! `actors`, `event_actors`, `claims`) the rows that belong to the copied
//! documents are counted and hashed (SHA-256 over a canonical serialization:
//! one JSON line per row, keyed by content hash and list positions, never by
//! the stores' own ids, sorted) — computed by the same code from what each
//! store reads back. Equal counts and checksums on both sides mean nothing was
//! lost or altered. `places` and `actors` are the names the copied records use.
//!
//! Not copied (yet): accounts, the review trail, zone imports and incident
//! corrections. Corrections name events by the source store's ids, which the
//! target gives out afresh, so copying them needs a mapping of event ids first.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use sha2::{Digest, Sha256};
use truce_model::{DocMeta, Document, EventRecord};
use truce_store::{PutOutcome, Store, StoreError, StoredDocument};

use crate::PgStore;
use crate::queue::sha256_hex;

/// The tables checked, in the report's order.
const TABLES: [&str; 7] = ["documents", "events", "places", "event_places", "actors", "event_actors", "claims"];
/// The tables whose rows belong to one document (the others are shared names).
const PER_DOCUMENT: [usize; 5] = [0, 1, 3, 5, 6];

/// One table, compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCheck {
    pub table: &'static str,
    pub source_rows: usize,
    pub target_rows: usize,
    /// Hex SHA-256 of the table's canonical rows in the source.
    pub source_checksum: String,
    pub target_checksum: String,
}

impl TableCheck {
    pub fn matches(&self) -> bool {
        self.source_rows == self.target_rows && self.source_checksum == self.target_checksum
    }
}

/// What [`copy_store`] did and found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyReport {
    /// Documents in the source.
    pub documents: usize,
    /// Documents written to the target.
    pub copied: usize,
    /// Documents whose bytes the target held already (nothing written).
    pub already_present: usize,
    /// Per table, the source's rows against the target's.
    pub tables: Vec<TableCheck>,
    /// Names of documents whose copy in the target differs from the source
    /// (only possible for ones already present: stored under another name, or
    /// extracted by another truce).
    pub differing: Vec<String>,
}

impl CopyReport {
    /// Whether every table matches: the target holds the source's documents exactly.
    pub fn verified(&self) -> bool {
        self.differing.is_empty() && self.tables.iter().all(TableCheck::matches)
    }
}

/// Copies every document of `from` into `to` and checks the copy; see the
/// module documentation. Fails on the first store error (what was copied
/// before it stays: each document is its own transaction).
pub fn copy_store<S: Store + ?Sized>(from: &S, to: &mut PgStore) -> Result<CopyReport, StoreError> {
    copy_store_with_progress(from, to, |_, _| {})
}

/// [`copy_store`], calling `progress(done, total)` after each document.
pub fn copy_store_with_progress<S: Store + ?Sized>(
    from: &S,
    to: &mut PgStore,
    mut progress: impl FnMut(usize, usize),
) -> Result<CopyReport, StoreError> {
    let summaries = from.documents()?;
    let total = summaries.len();
    let (mut source, mut target) = (Tally::default(), Tally::default());
    let (mut copied, mut already_present) = (0, 0);
    for (done, summary) in summaries.iter().enumerate() {
        let stored = from
            .document(&summary.doc_id.to_string())?
            .filter(|d| d.summary.doc_id == summary.doc_id)
            .ok_or_else(|| {
                StoreError::Backend(format!(
                    "copying document {} ({}): listed by the source, then not found",
                    summary.doc_id, summary.name
                ))
            })?;
        let (raw, doc, events) = as_put(&stored);
        let outcome = to.put_document_ingested_at(raw, &doc, &events, &stored.summary.ingested_at)?;
        let doc_id = match outcome {
            PutOutcome::Inserted { doc_id, .. } => {
                copied += 1;
                doc_id
            }
            PutOutcome::Duplicate { doc_id } => {
                already_present += 1;
                doc_id
            }
        };
        let in_target = to.document(&doc_id.to_string())?.filter(|d| d.summary.doc_id == doc_id).ok_or_else(|| {
            StoreError::Backend(format!("copying document {}: stored as {doc_id}, then not found", summary.name))
        })?;
        source.add(&stored)?;
        target.add(&in_target)?;
        progress(done + 1, total);
    }

    let differing = source
        .per_doc
        .iter()
        .filter(|(hash, (_, digests))| target.per_doc.get(*hash).is_none_or(|(_, theirs)| theirs != digests))
        .map(|(_, (name, _))| name.clone())
        .collect();
    let (source_sums, target_sums) = (source.checksums(), target.checksums());
    let tables = TABLES
        .iter()
        .enumerate()
        .map(|(i, &table)| TableCheck {
            table,
            source_rows: source.rows[i],
            target_rows: target.rows[i],
            source_checksum: source_sums[i].clone(),
            target_checksum: target_sums[i].clone(),
        })
        .collect();
    Ok(CopyReport { documents: total, copied, already_present, tables, differing })
}

/// A stored document as `put_document` takes it.
fn as_put(stored: &StoredDocument) -> (&[u8], Document, Vec<EventRecord>) {
    let s = &stored.summary;
    let doc = Document {
        meta: DocMeta {
            id: s.name.clone(),
            outlet: s.outlet.clone(),
            published: s.published,
            language: s.language.clone(),
            url: s.url.clone(),
        },
        content_hash: s.content_hash.clone(),
        title: s.title.clone(),
        clean_text: stored.clean_text.clone(),
        removed: stored.removed.clone(),
    };
    (&stored.raw, doc, stored.events.iter().map(|e| e.record.clone()).collect())
}

/// One side's rows, reduced: per document a digest of its rows in each
/// per-document table, and the shared names.
#[derive(Default)]
struct Tally {
    /// content hash → (name, digest per table in `PER_DOCUMENT`).
    per_doc: BTreeMap<String, (String, [[u8; 32]; 5])>,
    rows: [usize; 7],
    places: BTreeSet<String>,
    actors: BTreeSet<String>,
}

impl Tally {
    fn add(&mut self, d: &StoredDocument) -> Result<(), StoreError> {
        let s = &d.summary;
        let hash = &s.content_hash;
        let mut lines: [Vec<String>; 7] = Default::default();
        lines[0].push(line(&(
            hash,
            &s.name,
            &s.title,
            &s.outlet,
            s.published.map(|p| p.to_string()),
            &s.language,
            &s.url,
            &s.ingested_at,
            sha256_hex(&d.raw),
            &d.clean_text,
            &d.removed,
        ))?);
        for (ord, e) in d.events.iter().map(|e| &e.record).enumerate() {
            lines[1].push(line(&(
                hash,
                ord,
                e.event_type.code(),
                e.date.map(|p| p.to_string()),
                e.date_end.map(|p| p.to_string()),
                e.killed,
                e.injured,
                &e.evidence,
                &e.text,
                e.span,
                &e.rule,
                e.confidence.to_bits(),
            ))?);
            for (i, place) in e.places.iter().enumerate() {
                self.places.insert(place.clone());
                lines[3].push(line(&(hash, ord, i, place))?);
            }
            for (i, actor) in e.actors.iter().enumerate() {
                self.actors.insert(actor.name.clone());
                lines[5].push(line(&(hash, ord, i, &actor.name, actor.role.code()))?);
            }
            for (i, claim) in e.claims.iter().enumerate() {
                lines[6].push(line(&(hash, ord, i, &claim.claimant, claim.stance.code()))?);
            }
        }
        let digests = PER_DOCUMENT.map(|t| {
            self.rows[t] += lines[t].len();
            digest(lines[t].iter().map(String::as_str))
        });
        if self.per_doc.insert(hash.clone(), (s.name.clone(), digests)).is_some() {
            return Err(StoreError::Corrupt(format!("two documents with content hash {hash}")));
        }
        self.rows[2] = self.places.len();
        self.rows[4] = self.actors.len();
        Ok(())
    }

    /// Hex SHA-256 per table, over the rows in content-hash order (shared
    /// names in byte order).
    fn checksums(&self) -> [String; 7] {
        let mut out: [String; 7] = Default::default();
        for (k, &t) in PER_DOCUMENT.iter().enumerate() {
            let mut hasher = Sha256::new();
            for (hash, (_, digests)) in &self.per_doc {
                hasher.update(hash.as_bytes());
                hasher.update(digests[k]);
            }
            out[t] = hex(&hasher.finalize());
        }
        out[2] = hex(&digest(self.places.iter().map(String::as_str)));
        out[4] = hex(&digest(self.actors.iter().map(String::as_str)));
        out
    }
}

/// One canonical row: JSON, so no field can run into the next.
fn line(row: &impl Serialize) -> Result<String, StoreError> {
    serde_json::to_string(row).map_err(|e| StoreError::Corrupt(format!("serializing a row to compare it: {e}")))
}

/// SHA-256 of lines, each followed by a newline (JSON lines hold none; names
/// are JSON-quoted first).
fn digest<'a>(lines: impl Iterator<Item = &'a str>) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for l in lines {
        hasher.update(serde_json::to_string(l).unwrap_or_default().as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
