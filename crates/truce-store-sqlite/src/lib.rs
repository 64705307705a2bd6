//! The SQLite implementation of [`truce_store::Store`], with versioned migrations.
//!
//! [`SqliteStore`] keeps documents, the event records extracted from them, and
//! the places, actors and claims those records name, in one SQLite file (or in
//! memory). The schema is a set of numbered SQL files under `migrations/`,
//! applied in order when a store is opened (see `migrate.rs`); a database
//! written by a newer truce is refused with [`StoreError::TooNew`].
//!
//! **Invariant:** `put_document` writes a document and all its events in one
//! transaction; on any error nothing of it is left behind.
//!
//! Records read back exactly as they were put: places, actors and claims keep
//! their order, dates their precision. Stored text that no longer parses into
//! truce's types is reported as [`StoreError::Corrupt`]; every other database
//! failure as [`StoreError::Backend`], naming what was being done.
//!
//! Beside documents and events it keeps what people add (`people.rs`:
//! accounts, sessions, the review trail, search; `ground.rs`: zone imports
//! with their versions, and incident corrections), all appended, never
//! deleted.
//!
//! This crate and its PostgreSQL sibling (`truce-store-postgres`) are the only
//! places in truce that contain SQL. The behaviour both must show is the
//! conformance suite in `truce_store::conformance` (feature `conformance`).

mod ground;
mod migrate;
mod people;

use std::fmt::Display;
use std::path::Path;
use std::time::Duration;

use rusqlite::types::{FromSql, Value};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params, params_from_iter};
use truce_model::{ActorRole, Claim, Document, EventRecord, PartialDate};
use truce_store::{
    Correction, DocumentSummary, EventFilter, IncidentCorrectionRow, NewSession, PutOutcome, Review, SearchResults,
    Session, Stats, Store, StoreError, StoredDocument, StoredEvent, User, UserCredentials, UserRole, ZoneImport,
    ZoneVersionRow,
};

/// How long a write waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A [`Store`] backed by one SQLite connection.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path`, in WAL mode with
    /// foreign keys enforced, and migrates it to the current schema.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let in_file = |e: StoreError| match e {
            StoreError::Backend(msg) => StoreError::Backend(format!("{}: {msg}", path.display())),
            other => other,
        };
        let conn = Connection::open(path).map_err(backend("opening the database")).map_err(in_file)?;
        let store = Self::setup(conn).map_err(in_file)?;
        // Only after the migration check: a refused database must stay as it was,
        // and switching its journal mode would already write to it.
        let mode: String = store
            .conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(backend("setting journal_mode=WAL"))
            .map_err(in_file)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(in_file(StoreError::Backend(format!("journal_mode is {mode}, not wal"))));
        }
        Ok(store)
    }

    /// A fresh database that lives as long as the store; for tests and dry runs.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory().map_err(backend("opening an in-memory database"))?;
        Self::setup(conn)
    }

    fn setup(mut conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT).map_err(backend("setting busy_timeout"))?;
        conn.pragma_update(None, "foreign_keys", true).map_err(backend("enabling foreign keys"))?;
        migrate::migrate(&mut conn)?;
        Ok(Self { conn })
    }
}

impl Store for SqliteStore {
    fn put_document(&mut self, raw: &[u8], doc: &Document, events: &[EventRecord]) -> Result<PutOutcome, StoreError> {
        let name = &doc.meta.id;
        // The store keeps an event's `doc` as the document it belongs to; a record
        // naming another one could not read back as it was given.
        if let Some((i, event)) = events.iter().enumerate().find(|(_, event)| event.doc != *name) {
            return Err(StoreError::Backend(format!(
                "storing document {name}: event {i} names document {:?}; nothing stored",
                event.doc
            )));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend(format_args!("storing document {name}: starting a transaction")))?;
        let existing: Option<i64> = tx
            .query_row("SELECT id FROM documents WHERE content_hash = ?1", [&doc.content_hash], |row| row.get(0))
            .optional()
            .map_err(backend(format_args!("storing document {name}: looking up its content hash")))?;
        if let Some(doc_id) = existing {
            // Dropping `tx` rolls it back; nothing was written.
            return Ok(PutOutcome::Duplicate { doc_id });
        }
        let doc_id = insert_document(&tx, raw, doc).map_err(backend(format_args!("storing document {name}")))?;
        for (ord, event) in events.iter().enumerate() {
            insert_event(&tx, doc_id, ord, event)
                .map_err(backend(format_args!("storing document {name}: event {ord}")))?;
        }
        tx.commit().map_err(backend(format_args!("storing document {name}: committing")))?;
        Ok(PutOutcome::Inserted { doc_id, events: events.len() })
    }

    fn documents(&self) -> Result<Vec<DocumentSummary>, StoreError> {
        let what = "listing documents";
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SUMMARY_SELECT} FROM documents d ORDER BY d.id"))
            .map_err(backend(what))?;
        let mut rows = stmt.query([]).map_err(backend(what))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(backend(what))? {
            out.push(summary_from_row(row)?);
        }
        Ok(out)
    }

    fn document(&self, key: &str) -> Result<Option<StoredDocument>, StoreError> {
        let Some(doc_id) = self.find_document(key)? else {
            return Ok(None);
        };
        let what = format_args!("reading document {doc_id}");
        let sql = format!("{SUMMARY_SELECT}, d.clean_text, d.raw, d.removed_json FROM documents d WHERE d.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(backend(what))?;
        let mut rows = stmt.query([doc_id]).map_err(backend(what))?;
        let Some(row) = rows.next().map_err(backend(what))? else {
            return Ok(None);
        };
        let summary = summary_from_row(row)?;
        let clean_text = get(row, SUMMARY_COLUMNS)?;
        let raw = get(row, SUMMARY_COLUMNS + 1)?;
        let removed_json: String = get(row, SUMMARY_COLUMNS + 2)?;
        let removed = serde_json::from_str(&removed_json)
            .map_err(|e| StoreError::Corrupt(format!("document {doc_id}: removed lines {removed_json:?}: {e}")))?;
        let events =
            query_events(&self.conn, &format!("{EVENT_SELECT} WHERE e.doc_id = ?1 ORDER BY e.ord"), &[doc_id.into()])?;
        Ok(Some(StoredDocument { summary, clean_text, removed, raw, events }))
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let mut conditions: Vec<&str> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(event_type) = filter.event_type {
            conditions.push("e.type = ?");
            args.push(event_type.code().to_owned().into());
        }
        // Periods overlap when each starts before the other ends. A bound with no
        // year names no period: it binds NULL, and nothing compares true with NULL,
        // as nothing does with an event whose year is unknown.
        if let Some(from) = filter.from {
            conditions.push("e.date_hi >= ?");
            args.push(iso_day(from.first_day()));
        }
        if let Some(to) = filter.to {
            conditions.push("e.date_lo <= ?");
            args.push(iso_day(to.last_day()));
        }
        if let Some(place) = &filter.place {
            conditions.push(
                "EXISTS (SELECT 1 FROM event_places ep JOIN places p ON p.id = ep.place_id \
                 WHERE ep.event_id = e.id AND p.name_folded = ?)",
            );
            args.push(fold(place).into());
        }
        if let Some(doc_id) = filter.doc_id {
            conditions.push("e.doc_id = ?");
            args.push(doc_id.into());
        }
        let mut sql = EVENT_SELECT.to_owned();
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(" ORDER BY e.date_lo NULLS LAST, e.doc_id, e.span_start, e.ord");
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            args.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
        }
        query_events(&self.conn, &sql, &args)
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let what = "counting stored rows";
        let counts: [i64; 6] = self
            .conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events), \
                        (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM claims WHERE stance = 'denied'), \
                        (SELECT COUNT(*) FROM places), (SELECT COUNT(*) FROM actors)",
                [],
                |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?]),
            )
            .map_err(backend(what))?;
        let [documents, events, claims, denied_claims, places, actors] = counts.map(count);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type")
            .map_err(backend(what))?;
        let events_by_type = stmt
            .query_map([], |row| Ok((row.get::<_, String>(0)?, count(row.get(1)?))))
            .and_then(Iterator::collect)
            .map_err(backend(what))?;
        Ok(Stats { documents, events, claims, denied_claims, places, actors, events_by_type })
    }

    fn event(&self, event_id: i64) -> Result<Option<StoredEvent>, StoreError> {
        event_by_id(&self.conn, event_id)
    }

    fn revision(&self) -> Result<i64, StoreError> {
        people::revision(&self.conn)
    }

    fn search(&self, query: &str, limit: usize) -> Result<SearchResults, StoreError> {
        people::search(&self.conn, query, limit)
    }

    fn add_user(&mut self, name: &str, role: UserRole, password_hash: &str) -> Result<User, StoreError> {
        people::add_user(&self.conn, name, role, password_hash)
    }

    fn user(&self, name: &str) -> Result<Option<UserCredentials>, StoreError> {
        people::user(&self.conn, name)
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        people::users(&self.conn)
    }

    fn create_session(&mut self, session: &NewSession) -> Result<(), StoreError> {
        people::create_session(&self.conn, session)
    }

    fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        people::session(&self.conn, token_hash)
    }

    fn delete_session(&mut self, token_hash: &str) -> Result<bool, StoreError> {
        people::delete_session(&self.conn, token_hash)
    }

    fn apply_correction(
        &mut self,
        event_id: i64,
        user: &str,
        review: &Review,
        note: Option<&str>,
    ) -> Result<Correction, StoreError> {
        people::apply_correction(self, event_id, user, review, note)
    }

    fn history(&self, event_id: i64) -> Result<Vec<Correction>, StoreError> {
        people::history(&self.conn, event_id)
    }

    fn reviews(&self) -> Result<Vec<Correction>, StoreError> {
        people::reviews(&self.conn)
    }

    fn put_zone_import(
        &mut self,
        user: &str,
        file: &str,
        raw: &[u8],
        versions: &[(String, ZoneVersionRow)],
    ) -> Result<i64, StoreError> {
        ground::put_zone_import(self, user, file, raw, versions)
    }

    fn zone_imports(&self) -> Result<Vec<ZoneImport>, StoreError> {
        ground::zone_imports(&self.conn)
    }

    fn zone_versions(&self) -> Result<Vec<(String, ZoneVersionRow)>, StoreError> {
        ground::zone_versions(&self.conn)
    }

    fn add_incident_correction(&mut self, user: &str, correction_json: &str) -> Result<i64, StoreError> {
        ground::add_incident_correction(&self.conn, user, correction_json)
    }

    fn incident_corrections(&self) -> Result<Vec<IncidentCorrectionRow>, StoreError> {
        ground::incident_corrections(&self.conn)
    }
}

/// One event by id over any connection (a transaction's too).
pub(crate) fn event_by_id(conn: &Connection, event_id: i64) -> Result<Option<StoredEvent>, StoreError> {
    let mut events = query_events(conn, &format!("{EVENT_SELECT} WHERE e.id = ?1"), &[event_id.into()])?;
    Ok(events.pop())
}

impl SqliteStore {
    /// The numeric id `key` names: a document id, else the newest document of
    /// that name, else the one document whose content hash starts with `key`
    /// (8 hex digits or more).
    fn find_document(&self, key: &str) -> Result<Option<i64>, StoreError> {
        let what = format_args!("looking up document {key:?}");
        if let Ok(id) = key.parse::<i64>() {
            let found = self
                .conn
                .query_row("SELECT id FROM documents WHERE id = ?1", [id], |row| row.get(0))
                .optional()
                .map_err(backend(what))?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let by_name = self
            .conn
            .query_row("SELECT id FROM documents WHERE name = ?1 ORDER BY id DESC LIMIT 1", [key], |row| row.get(0))
            .optional()
            .map_err(backend(what))?;
        if by_name.is_some() || key.len() < 8 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(by_name);
        }
        let prefix = key.to_ascii_lowercase();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE substr(content_hash, 1, length(?1)) = ?1 LIMIT 2")
            .map_err(backend(what))?;
        let ids: Vec<i64> =
            stmt.query_map([&prefix], |row| row.get(0)).and_then(Iterator::collect).map_err(backend(what))?;
        match ids[..] {
            [] => Ok(None),
            [id] => Ok(Some(id)),
            _ => Err(StoreError::Backend(format!("{what}: content-hash prefix {prefix} matches several documents"))),
        }
    }
}

/// Runs an [`EVENT_SELECT`] query and reads each event with its places,
/// actors and claims.
fn query_events(conn: &Connection, sql: &str, args: &[Value]) -> Result<Vec<StoredEvent>, StoreError> {
    let what = "reading events";
    let mut stmt = conn.prepare_cached(sql).map_err(backend(what))?;
    let mut rows = stmt.query(params_from_iter(args)).map_err(backend(what))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend(what))? {
        out.push(event_from_row(conn, row)?);
    }
    Ok(out)
}

fn event_from_row(conn: &Connection, row: &Row<'_>) -> Result<StoredEvent, StoreError> {
    let event_id: i64 = get(row, 0)?;
    read_event(conn, event_id, row).map_err(in_row(format_args!("event {event_id}")))
}

fn read_event(conn: &Connection, event_id: i64, row: &Row<'_>) -> Result<StoredEvent, StoreError> {
    let what = format_args!("reading event {event_id}");

    let code: String = get(row, 3)?;
    let event_type = code.parse().map_err(|e| StoreError::Corrupt(format!("{e}")))?;
    let rule_json: String = get(row, 12)?;
    let rule =
        serde_json::from_str(&rule_json).map_err(|e| StoreError::Corrupt(format!("rule list {rule_json:?}: {e}")))?;
    let span = [get_usize(row, 10)?, get_usize(row, 11)?];

    let mut stmt = conn
        .prepare_cached(
            "SELECT p.name FROM event_places ep JOIN places p ON p.id = ep.place_id \
             WHERE ep.event_id = ?1 ORDER BY ep.ord",
        )
        .map_err(backend(what))?;
    let places = stmt.query_map([event_id], |row| row.get(0)).and_then(Iterator::collect).map_err(backend(what))?;

    let mut stmt = conn
        .prepare_cached(
            "SELECT a.name, ea.role FROM event_actors ea JOIN actors a ON a.id = ea.actor_id \
             WHERE ea.event_id = ?1 ORDER BY ea.ord",
        )
        .map_err(backend(what))?;
    let actor_rows: Vec<(String, String)> = stmt
        .query_map([event_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .and_then(Iterator::collect)
        .map_err(backend(what))?;
    let actors = actor_rows
        .into_iter()
        .map(|(name, role)| {
            // By way of the model's serde form, so the codes are the model's own.
            let role =
                serde_json::from_value(role.into()).map_err(|e| StoreError::Corrupt(format!("actor role: {e}")))?;
            Ok(ActorRole { name, role })
        })
        .collect::<Result<_, StoreError>>()?;

    let mut stmt = conn
        .prepare_cached("SELECT claimant, stance FROM claims WHERE event_id = ?1 ORDER BY ord")
        .map_err(backend(what))?;
    let claim_rows: Vec<(String, String)> = stmt
        .query_map([event_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .and_then(Iterator::collect)
        .map_err(backend(what))?;
    let claims = claim_rows
        .into_iter()
        .map(|(claimant, stance)| {
            let stance =
                serde_json::from_value(stance.into()).map_err(|e| StoreError::Corrupt(format!("claim stance: {e}")))?;
            Ok(Claim { claimant, stance })
        })
        .collect::<Result<_, StoreError>>()?;

    let record = EventRecord {
        doc: get(row, 2)?,
        event_type,
        date: get_date(row, 4)?,
        date_end: get_date(row, 5)?,
        places,
        actors,
        claims,
        killed: get(row, 6)?,
        injured: get(row, 7)?,
        evidence: get(row, 8)?,
        text: get(row, 9)?,
        span,
        rule,
        // Stored as a double from an f32, so this conversion is exact.
        confidence: get::<f64>(row, 13)? as f32,
    };
    Ok(StoredEvent { event_id, doc_id: get(row, 1)?, record })
}

/// The columns [`event_from_row`] reads, in its order; callers add
/// `WHERE` and `ORDER BY`.
const EVENT_SELECT: &str = "SELECT e.id, e.doc_id, d.name, e.type, e.date, e.date_end, e.killed, e.injured, \
     e.evidence, e.text, e.span_start, e.span_end, e.rule_json, e.confidence \
     FROM events e JOIN documents d ON d.id = e.doc_id";

/// The columns [`summary_from_row`] reads, in its order, of `documents d`;
/// callers may select more after them, then add `FROM documents d ...`.
const SUMMARY_SELECT: &str = "SELECT d.id, d.name, d.content_hash, d.outlet, d.published, d.language, d.url, \
     d.title, d.ingested_at, (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id)";
const SUMMARY_COLUMNS: usize = 10;

fn summary_from_row(row: &Row<'_>) -> Result<DocumentSummary, StoreError> {
    let doc_id = get(row, 0)?;
    let read = || {
        Ok(DocumentSummary {
            doc_id,
            name: get(row, 1)?,
            content_hash: get(row, 2)?,
            outlet: get(row, 3)?,
            published: get_date(row, 4)?,
            language: get(row, 5)?,
            url: get(row, 6)?,
            title: get(row, 7)?,
            ingested_at: get(row, 8)?,
            n_events: count(get(row, 9)?),
        })
    };
    read().map_err(in_row(format_args!("document {doc_id}")))
}

fn insert_document(tx: &Transaction<'_>, raw: &[u8], doc: &Document) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO documents (name, content_hash, raw, clean_text, removed_json, title, outlet, published, \
                                language, url, ingested_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        params![
            doc.meta.id,
            doc.content_hash,
            raw,
            doc.clean_text,
            to_json(&doc.removed)?,
            doc.title,
            doc.meta.outlet,
            doc.meta.published.map(|d| d.to_string()),
            doc.meta.language,
            doc.meta.url,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn insert_event(tx: &Transaction<'_>, doc_id: i64, ord: usize, event: &EventRecord) -> rusqlite::Result<()> {
    // The period's full-day bounds, known only when the start has a year; an end
    // without a year cannot be placed, so the period then ends with its start.
    let date_lo = event.date.and_then(|d| d.first_day());
    let date_hi = date_lo.and(event.date_end.and_then(|d| d.last_day()).or(event.date.and_then(|d| d.last_day())));
    tx.prepare_cached(
        "INSERT INTO events (doc_id, ord, type, date, date_end, date_lo, date_hi, killed, injured, evidence, text, \
                             span_start, span_end, rule_json, confidence) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        doc_id,
        sql_int(ord)?,
        event.event_type.code(),
        event.date.map(|d| d.to_string()),
        event.date_end.map(|d| d.to_string()),
        date_lo.map(|d| d.to_string()),
        date_hi.map(|d| d.to_string()),
        event.killed,
        event.injured,
        event.evidence,
        event.text,
        sql_int(event.span[0])?,
        sql_int(event.span[1])?,
        to_json(&event.rule)?,
        f64::from(event.confidence),
    ])?;
    let event_id = tx.last_insert_rowid();

    for (ord, place) in event.places.iter().enumerate() {
        tx.prepare_cached("INSERT INTO places (name, name_folded) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")?
            .execute(params![place, fold(place)])?;
        let place_id: i64 =
            tx.prepare_cached("SELECT id FROM places WHERE name = ?1")?.query_row([place], |row| row.get(0))?;
        tx.prepare_cached("INSERT INTO event_places (event_id, ord, place_id) VALUES (?1, ?2, ?3)")?
            .execute(params![event_id, sql_int(ord)?, place_id])?;
    }
    for (ord, actor) in event.actors.iter().enumerate() {
        tx.prepare_cached("INSERT INTO actors (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?
            .execute([&actor.name])?;
        let actor_id: i64 =
            tx.prepare_cached("SELECT id FROM actors WHERE name = ?1")?.query_row([&actor.name], |row| row.get(0))?;
        tx.prepare_cached("INSERT INTO event_actors (event_id, ord, actor_id, role) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![event_id, sql_int(ord)?, actor_id, actor.role.code()])?;
    }
    for (ord, claim) in event.claims.iter().enumerate() {
        tx.prepare_cached("INSERT INTO claims (event_id, ord, claimant, stance) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![event_id, sql_int(ord)?, claim.claimant, claim.stance.code()])?;
    }
    Ok(())
}

/// Maps a database error to [`StoreError::Backend`], saying what was being done.
fn backend(what: impl Display) -> impl FnOnce(rusqlite::Error) -> StoreError {
    move |e| StoreError::Backend(format!("{what}: {e}"))
}

/// Names the row a corrupt value was found in.
fn in_row(what: impl Display) -> impl FnOnce(StoreError) -> StoreError {
    move |e| match e {
        StoreError::Corrupt(msg) => StoreError::Corrupt(format!("{what}: {msg}")),
        other => other,
    }
}

/// Reads column `idx`; a value that does not convert to `T` is corrupt data.
fn get<T: FromSql>(row: &Row<'_>, idx: usize) -> Result<T, StoreError> {
    row.get(idx).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn get_usize(row: &Row<'_>, idx: usize) -> Result<usize, StoreError> {
    let n: i64 = get(row, idx)?;
    usize::try_from(n).map_err(|_| StoreError::Corrupt(format!("{}: {n} is not an offset", column_name(row, idx))))
}

fn get_date(row: &Row<'_>, idx: usize) -> Result<Option<PartialDate>, StoreError> {
    let Some(text) = get::<Option<String>>(row, idx)? else {
        return Ok(None);
    };
    text.parse().map(Some).map_err(|e| StoreError::Corrupt(format!("{}: {e}", column_name(row, idx))))
}

fn column_name<'r>(row: &'r Row<'_>, idx: usize) -> &'r str {
    row.as_ref().column_name(idx).unwrap_or("?")
}

/// A full-day bound as bound into a date comparison: NULL when there is none.
fn iso_day(day: Option<PartialDate>) -> Value {
    day.map_or(Value::Null, |d| Value::Text(d.to_string()))
}

/// The case-insensitive form of a canonical name. Done here rather than with
/// SQL's `lower()`, which in SQLite folds only ASCII.
fn fold(name: &str) -> String {
    name.to_lowercase()
}

fn to_json(list: &[String]) -> rusqlite::Result<String> {
    serde_json::to_string(list).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

fn sql_int(n: usize) -> rusqlite::Result<i64> {
    i64::try_from(n).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// A `COUNT(*)`, never negative.
fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}
