//! The PostgreSQL implementation of [`truce_store::Store`], for a team server:
//! versioned migrations, a job queue for ingest workers, and copying a store
//! (a laptop's SQLite file) into the server.
//!
//! - [`PgStore`] keeps documents, event records and the places, actors and
//!   claims they name, in the same tables as `truce-store-sqlite` and with the
//!   same behaviour: both pass `truce_store::conformance`. It holds one
//!   connection (the synchronous `postgres` client, no TLS) and works in one
//!   schema: the connection's default, or the one given to
//!   [`PgStore::connect_with_schema`] (created if missing).
//! - [`PgStore::migrate`] applies the numbered SQL files under `migrations/`
//!   (see `migrate.rs`); [`PgStore::connect`] runs it, so a new database works
//!   at once. A schema written by a newer truce is refused with
//!   [`StoreError::TooNew`].
//! - [`queue`]: the ingest queue in a `jobs` table. Workers lease jobs with
//!   `FOR UPDATE SKIP LOCKED`; [`queue::run_worker`] is the whole worker loop
//!   around a caller-supplied `process` closure (decode and extract).
//! - Zone imports and incident corrections (`ground.rs`, migration V4):
//!   ground state analysts add, appended, never deleted. Overlapping
//!   versions of a zone are refused under a table lock that serialises
//!   imports (see the migration for why not an exclusion constraint).
//! - [`copy_store`] copies every document of any [`Store`] into a `PgStore`
//!   and checks the copy table by table.
//!
//! **Invariants.** `put_document` writes a document and all its events in one
//! transaction: on any error nothing of it is left. Two connections putting the
//! same content hash at once end with one document, the other put reporting
//! `Duplicate` (the unique `content_hash` decides, with
//! `INSERT ... ON CONFLICT DO NOTHING`). Completing a job stores its document
//! and marks the job done in the same transaction, so a worker killed midway
//! leaves nothing and the job is leased again once its lease expires. Shared
//! rows (places, actors) are inserted in sorted order, so concurrent puts
//! cannot deadlock on them.
//!
//! Differences from SQLite that callers may meet: PostgreSQL text cannot hold
//! a NUL character, so a document or record containing one is refused (an
//! error naming the field; nothing stored); `ingested_at` has PostgreSQL's
//! clock, truncated to the second like SQLite's.
//!
//! Errors are [`StoreError::Backend`] naming what was being done (and the
//! document, job or migration), or [`StoreError::Corrupt`] for stored values
//! that no longer read back into truce's types. A connection URL's password
//! never appears in a message.

mod copy;
mod ground;
mod migrate;
mod people;
pub mod queue;
pub mod synthetic;

pub use copy::{CopyReport, TableCheck, copy_store, copy_store_with_progress};
pub use migrate::{MigrationReport, SUPPORTED_VERSION};

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::error::Error as _;
use std::fmt::Display;
use std::str::FromStr;

use postgres::types::{FromSql, ToSql};
use postgres::{Client, Config, GenericClient, NoTls, Row, Statement};
use truce_model::{ActorRole, Claim, Document, EventRecord, PartialDate};
use truce_store::{
    Correction, DocumentSummary, EventFilter, IncidentCorrectionRow, NewSession, PutOutcome, Review, SearchResults,
    Stats, Store, StoreError, StoredDocument, StoredEvent, User, UserCredentials, UserRole, ZoneImport, ZoneVersionRow,
};

/// A [`Store`] backed by one PostgreSQL connection, in one schema.
///
/// Not `Sync`: the read methods of [`Store`] take `&self`, and the connection
/// needs `&mut`, so it sits in a `RefCell`. Use one `PgStore` per thread.
pub struct PgStore {
    conn: RefCell<Conn>,
    /// Where it is connected, for messages: `postgres://user@host:port/db`, no password.
    target: String,
    schema: Option<String>,
    /// Jobs this store leased and has not finished: id → the attempt it holds,
    /// so that a failure reported after the lease expired and another worker
    /// took the job does not end that worker's attempt.
    leases: HashMap<i64, i32>,
}

/// The connection and its prepared statements, by SQL text. Prepared once per
/// connection: it saves a round trip per query, and a prepared statement
/// survives a rolled-back transaction.
struct Conn {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user[:password]@host[:port]/db`,
    /// or the key=value form) and migrates the connection's default schema to the
    /// current version.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let mut store = Self::connect_unmigrated(url, None)?;
        store.migrate().map_err(|e| store.in_target(e))?;
        Ok(store)
    }

    /// Like [`PgStore::connect`], but works in `schema` (created if missing):
    /// every table, the migration record included, lives there.
    pub fn connect_with_schema(url: &str, schema: &str) -> Result<Self, StoreError> {
        let mut store = Self::connect_unmigrated(url, Some(schema))?;
        store.migrate().map_err(|e| store.in_target(e))?;
        Ok(store)
    }

    /// Connects (creating `schema` if given and missing) without touching the
    /// tables, for `truce migrate`: call [`PgStore::migrate`] next to see what it
    /// applies. Other methods fail on a schema not yet migrated.
    pub fn connect_unmigrated(url: &str, schema: Option<&str>) -> Result<Self, StoreError> {
        // The URL is not echoed: it may hold a password.
        let mut config =
            Config::from_str(url).map_err(|e| StoreError::Backend(format!("invalid PostgreSQL URL: {e}")))?;
        if config.get_application_name().is_none() {
            config.application_name("truce");
        }
        let target = describe_config(&config);
        let in_target = |e: StoreError| match e {
            StoreError::Backend(msg) => StoreError::Backend(format!("{target}: {msg}")),
            other => other,
        };
        let mut client = config.connect(NoTls).map_err(pg("connecting")).map_err(in_target)?;
        if let Some(schema) = schema {
            use_schema(&mut client, schema).map_err(in_target)?;
        }
        Ok(Self {
            conn: RefCell::new(Conn { client, statements: HashMap::new() }),
            target,
            schema: schema.map(str::to_owned),
            leases: HashMap::new(),
        })
    }

    /// Applies every pending migration (each in its own transaction, under an
    /// advisory lock, so workers starting together migrate once) and says what
    /// it did. A schema newer than this build is refused with
    /// [`StoreError::TooNew`] and left as it was.
    pub fn migrate(&mut self) -> Result<MigrationReport, StoreError> {
        let conn = self.conn.get_mut();
        // Statements prepared against an older schema must not outlive it.
        conn.statements.clear();
        migrate::migrate(&mut conn.client)
    }

    /// Where this store is connected, for messages: `postgres://user@host:port/db`
    /// and the schema when one was given; never the password.
    pub fn describe(&self) -> String {
        match &self.schema {
            Some(schema) => format!("{} (schema {schema})", self.target),
            None => self.target.clone(),
        }
    }

    /// `e` with where this store is connected, when it is a backend error.
    fn in_target(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Backend(msg) => StoreError::Backend(format!("{}: {msg}", self.describe())),
            other => other,
        }
    }

    /// Stores a document as `put_document` does, but with the given ingestion
    /// time (RFC 3339), so that a copied document keeps its original one.
    pub(crate) fn put_document_ingested_at(
        &mut self,
        raw: &[u8],
        doc: &Document,
        events: &[EventRecord],
        ingested_at: &str,
    ) -> Result<PutOutcome, StoreError> {
        self.put(raw, doc, events, Some(ingested_at))
    }

    fn put(
        &mut self,
        raw: &[u8],
        doc: &Document,
        events: &[EventRecord],
        ingested_at: Option<&str>,
    ) -> Result<PutOutcome, StoreError> {
        let name = &doc.meta.id;
        check_storable(doc, events)?;
        let Conn { client, statements } = self.conn.get_mut();
        let mut tx =
            client.transaction().map_err(pg(format_args!("storing document {name}: starting a transaction")))?;
        let outcome = put_in(&mut Session { client: &mut tx, statements }, raw, doc, events, ingested_at)?;
        if matches!(outcome, PutOutcome::Inserted { .. }) {
            tx.commit().map_err(pg(format_args!("storing document {name}: committing")))?;
        }
        // A duplicate wrote nothing; dropping `tx` rolls back.
        Ok(outcome)
    }

    /// Runs `f` on the connection (not in a transaction).
    fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Session<'_, Client>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // No method calls back into the store while holding the borrow, so it never fails.
        let mut conn = self.conn.borrow_mut();
        let Conn { client, statements } = &mut *conn;
        f(&mut Session { client, statements })
    }

    /// The numeric id of the document with this exact content hash.
    pub(crate) fn document_id_by_hash(&self, content_hash: &str) -> Result<Option<i64>, StoreError> {
        self.with_session(|s| {
            let row = s
                .query_opt("SELECT id FROM documents WHERE content_hash = $1", &[&content_hash])
                .map_err(pg(format_args!("looking up content hash {content_hash}")))?;
            row.map(|row| get(&row, 0)).transpose()
        })
    }
}

impl Store for PgStore {
    fn put_document(&mut self, raw: &[u8], doc: &Document, events: &[EventRecord]) -> Result<PutOutcome, StoreError> {
        self.put(raw, doc, events, None)
    }

    fn documents(&self) -> Result<Vec<DocumentSummary>, StoreError> {
        self.with_session(|s| {
            let rows = s
                .query(&format!("{SUMMARY_SELECT} FROM documents d ORDER BY d.id"), &[])
                .map_err(pg("listing documents"))?;
            rows.iter().map(summary_from_row).collect()
        })
    }

    fn document(&self, key: &str) -> Result<Option<StoredDocument>, StoreError> {
        self.with_session(|s| {
            let Some(doc_id) = find_document(s, key)? else {
                return Ok(None);
            };
            let what = format_args!("reading document {doc_id}");
            let sql = format!("{SUMMARY_SELECT}, d.clean_text, d.raw, d.removed FROM documents d WHERE d.id = $1");
            let Some(row) = s.query_opt(&sql, &[&doc_id]).map_err(pg(what))? else {
                return Ok(None);
            };
            let summary = summary_from_row(&row)?;
            let read = || -> Result<_, StoreError> {
                Ok((get(&row, SUMMARY_COLUMNS)?, get(&row, SUMMARY_COLUMNS + 1)?, get(&row, SUMMARY_COLUMNS + 2)?))
            };
            let (clean_text, raw, removed) = read().map_err(in_row(format_args!("document {doc_id}")))?;
            let events = query_events(s, &format!("{EVENT_SELECT} WHERE e.doc_id = $1 ORDER BY e.ord"), &[&doc_id])?;
            Ok(Some(StoredDocument { summary, clean_text, removed, raw, events }))
        })
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let mut conditions: Vec<String> = Vec::new();
        let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        let mut bind = |condition: &str, value: Box<dyn ToSql + Sync>| {
            args.push(value);
            conditions.push(condition.replace('?', &format!("${}", args.len())));
        };
        if let Some(event_type) = filter.event_type {
            bind("e.type = ?", Box::new(event_type.code()));
        }
        // Periods overlap when each starts before the other ends. A bound with no
        // year names no period: it binds NULL, and nothing compares true with NULL,
        // as nothing does with an event whose year is unknown.
        if let Some(from) = filter.from {
            bind("e.date_hi >= ?", Box::new(from.first_day().map(|d| d.to_string())));
        }
        if let Some(to) = filter.to {
            bind("e.date_lo <= ?", Box::new(to.last_day().map(|d| d.to_string())));
        }
        if let Some(place) = &filter.place {
            bind(
                "EXISTS (SELECT 1 FROM event_places ep JOIN places p ON p.id = ep.place_id \
                 WHERE ep.event_id = e.id AND p.name_folded = ?)",
                Box::new(fold(place)),
            );
        }
        if let Some(doc_id) = filter.doc_id {
            bind("e.doc_id = ?", Box::new(doc_id));
        }
        let mut sql = EVENT_SELECT.to_owned();
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(" ORDER BY e.date_lo NULLS LAST, e.doc_id, e.span_start, e.ord");
        if let Some(limit) = filter.limit {
            args.push(Box::new(i64::try_from(limit).unwrap_or(i64::MAX)));
            sql.push_str(&format!(" LIMIT ${}", args.len()));
        }
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
        self.with_session(|s| query_events(s, &sql, &params))
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let what = "counting stored rows";
        self.with_session(|s| {
            let row = s
                .query_one(
                    "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events), \
                            (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM claims WHERE stance = 'denied'), \
                            (SELECT COUNT(*) FROM places), (SELECT COUNT(*) FROM actors)",
                    &[],
                )
                .map_err(pg(what))?;
            let n = |i| get::<i64>(&row, i).map(count);
            let (documents, events, claims, denied_claims, places, actors) = (n(0)?, n(1)?, n(2)?, n(3)?, n(4)?, n(5)?);
            let events_by_type = s
                .query("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type COLLATE \"C\"", &[])
                .map_err(pg(what))?
                .iter()
                .map(|row| Ok((get(row, 0)?, count(get(row, 1)?))))
                .collect::<Result<_, StoreError>>()?;
            Ok(Stats { documents, events, claims, denied_claims, places, actors, events_by_type })
        })
    }

    fn event(&self, event_id: i64) -> Result<Option<StoredEvent>, StoreError> {
        let sql = format!("{EVENT_SELECT} WHERE e.id = $1");
        self.with_session(|s| Ok(query_events(s, &sql, &[&event_id])?.pop()))
    }

    fn revision(&self) -> Result<i64, StoreError> {
        self.with_session(people::revision)
    }

    fn search(&self, query: &str, limit: usize) -> Result<SearchResults, StoreError> {
        self.with_session(|s| people::search(s, query, limit))
    }

    fn add_user(&mut self, name: &str, role: UserRole, password_hash: &str) -> Result<User, StoreError> {
        self.with_session(|s| people::add_user(s, name, role, password_hash))
    }

    fn user(&self, name: &str) -> Result<Option<UserCredentials>, StoreError> {
        self.with_session(|s| people::user(s, name))
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        self.with_session(people::users)
    }

    fn create_session(&mut self, session: &NewSession) -> Result<(), StoreError> {
        self.with_session(|s| people::create_session(s, session))
    }

    fn session(&self, token_hash: &str) -> Result<Option<truce_store::Session>, StoreError> {
        self.with_session(|s| people::session(s, token_hash))
    }

    fn delete_session(&mut self, token_hash: &str) -> Result<bool, StoreError> {
        self.with_session(|s| people::delete_session(s, token_hash))
    }

    fn apply_correction(
        &mut self,
        event_id: i64,
        user: &str,
        review: &Review,
        note: Option<&str>,
    ) -> Result<Correction, StoreError> {
        self.with_session(|s| people::apply_correction(s, event_id, user, review, note))
    }

    fn history(&self, event_id: i64) -> Result<Vec<Correction>, StoreError> {
        self.with_session(|s| people::history(s, event_id))
    }

    fn reviews(&self) -> Result<Vec<Correction>, StoreError> {
        self.with_session(people::reviews)
    }

    fn put_zone_import(
        &mut self,
        user: &str,
        file: &str,
        raw: &[u8],
        versions: &[(String, ZoneVersionRow)],
    ) -> Result<i64, StoreError> {
        self.with_session(|s| ground::put_zone_import(s, user, file, raw, versions))
    }

    fn zone_imports(&self) -> Result<Vec<ZoneImport>, StoreError> {
        self.with_session(ground::zone_imports)
    }

    fn zone_versions(&self) -> Result<Vec<(String, ZoneVersionRow)>, StoreError> {
        self.with_session(ground::zone_versions)
    }

    fn add_incident_correction(&mut self, user: &str, correction_json: &str) -> Result<i64, StoreError> {
        self.with_session(|s| ground::add_incident_correction(s, user, correction_json))
    }

    fn incident_corrections(&self) -> Result<Vec<IncidentCorrectionRow>, StoreError> {
        self.with_session(ground::incident_corrections)
    }
}

/// `PgStore` moves between threads (one per worker); it is not shared.
const _: () = {
    const fn is_send<T: Send>() {}
    is_send::<PgStore>();
};

/// A client (the connection or a transaction on it) with the connection's
/// prepared-statement cache.
pub(crate) struct Session<'a, C> {
    client: &'a mut C,
    statements: &'a mut HashMap<String, Statement>,
}

type Params<'p> = [&'p (dyn ToSql + Sync)];

impl<C: GenericClient> Session<'_, C> {
    fn prepare(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql)?;
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    fn query(&mut self, sql: &str, params: &Params<'_>) -> Result<Vec<Row>, postgres::Error> {
        let statement = self.prepare(sql)?;
        self.client.query(&statement, params)
    }

    fn query_one(&mut self, sql: &str, params: &Params<'_>) -> Result<Row, postgres::Error> {
        let statement = self.prepare(sql)?;
        self.client.query_one(&statement, params)
    }

    fn query_opt(&mut self, sql: &str, params: &Params<'_>) -> Result<Option<Row>, postgres::Error> {
        let statement = self.prepare(sql)?;
        self.client.query_opt(&statement, params)
    }

    fn execute(&mut self, sql: &str, params: &Params<'_>) -> Result<u64, postgres::Error> {
        let statement = self.prepare(sql)?;
        self.client.execute(&statement, params)
    }
}

/// Refuses, before anything is written, what the tables could not hold as
/// given: an event of another document, text with a NUL character.
fn check_storable(doc: &Document, events: &[EventRecord]) -> Result<(), StoreError> {
    let name = &doc.meta.id;
    // The store keeps an event's `doc` as the document it belongs to; a record
    // naming another one could not read back as it was given.
    if let Some((i, event)) = events.iter().enumerate().find(|(_, event)| event.doc != *name) {
        return Err(StoreError::Backend(format!(
            "storing document {name}: event {i} names document {:?}; nothing stored",
            event.doc
        )));
    }
    let nul = |field: &dyn Display| {
        StoreError::Backend(format!(
            "storing document {name:?}: {field} contains a NUL character, which PostgreSQL text cannot hold; \
             nothing stored"
        ))
    };
    let has_nul = |text: &str| text.contains('\0');
    let meta = &doc.meta;
    for (field, value) in [
        ("the name", Some(&meta.id)),
        ("the clean text", Some(&doc.clean_text)),
        ("the title", doc.title.as_ref()),
        ("the outlet", meta.outlet.as_ref()),
        ("the language", meta.language.as_ref()),
        ("the url", meta.url.as_ref()),
    ] {
        if value.is_some_and(|v| has_nul(v)) {
            return Err(nul(&field));
        }
    }
    if doc.removed.iter().any(|line| has_nul(line)) {
        return Err(nul(&"a removed line"));
    }
    for (i, e) in events.iter().enumerate() {
        let texts = [&e.text]
            .into_iter()
            .chain(&e.evidence)
            .chain(&e.places)
            .chain(e.actors.iter().map(|a| &a.name))
            .chain(e.claims.iter().map(|c| &c.claimant))
            .chain(&e.rule);
        if texts.into_iter().any(|t| has_nul(t)) {
            return Err(nul(&format_args!("event {i}")));
        }
    }
    Ok(())
}

/// Writes one document and its events inside the caller's transaction; a
/// content hash already stored writes nothing and is `Duplicate`. The caller
/// commits an insert; on error it must roll back (drop the transaction).
pub(crate) fn put_in<C: GenericClient>(
    s: &mut Session<'_, C>,
    raw: &[u8],
    doc: &Document,
    events: &[EventRecord],
    ingested_at: Option<&str>,
) -> Result<PutOutcome, StoreError> {
    let name = &doc.meta.id;
    let what = |step: &str| format!("storing document {name}: {step}");
    let inserted = s
        .query_opt(
            "INSERT INTO documents (name, content_hash, raw, clean_text, removed, title, outlet, published, language, \
                                    url, ingested_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
                     coalesce($11::text::timestamptz, date_trunc('second', now()))) \
             ON CONFLICT (content_hash) DO NOTHING RETURNING id",
            &[
                &doc.meta.id,
                &doc.content_hash,
                &raw,
                &doc.clean_text,
                &doc.removed,
                &doc.title,
                &doc.meta.outlet,
                &doc.meta.published.map(|d| d.to_string()),
                &doc.meta.language,
                &doc.meta.url,
                &ingested_at,
            ],
        )
        .map_err(pg(what("the document row")))?;
    let Some(row) = inserted else {
        // Stored before, or by a transaction that committed while this one waited
        // on the unique index: a new statement sees it.
        let row = s
            .query_opt("SELECT id FROM documents WHERE content_hash = $1", &[&doc.content_hash])
            .map_err(pg(what("looking up its content hash")))?
            .ok_or_else(|| StoreError::Backend(what("its content hash conflicted, then was gone")))?;
        return Ok(PutOutcome::Duplicate { doc_id: get(&row, 0)? });
    };
    let doc_id: i64 = get(&row, 0)?;
    if events.is_empty() {
        return Ok(PutOutcome::Inserted { doc_id, events: 0 });
    }

    let place_names: BTreeSet<&str> = events.iter().flat_map(|e| e.places.iter().map(String::as_str)).collect();
    let place_ids = upsert_names(
        s,
        "INSERT INTO places (name, name_folded) SELECT * FROM unnest($1::text[], $2::text[]) AS u (name, folded) \
         ORDER BY name COLLATE \"C\" ON CONFLICT (name) DO NOTHING",
        "SELECT name, id FROM places WHERE name = ANY($1)",
        &place_names,
        true,
    )
    .map_err(|e| StoreError::Backend(what(&format!("places: {e}"))))?;
    let actor_names: BTreeSet<&str> = events.iter().flat_map(|e| e.actors.iter().map(|a| a.name.as_str())).collect();
    let actor_ids = upsert_names(
        s,
        "INSERT INTO actors (name) SELECT * FROM unnest($1::text[]) AS u (name) \
         ORDER BY name COLLATE \"C\" ON CONFLICT (name) DO NOTHING",
        "SELECT name, id FROM actors WHERE name = ANY($1)",
        &actor_names,
        false,
    )
    .map_err(|e| StoreError::Backend(what(&format!("actors: {e}"))))?;

    let mut cols = EventColumns::default();
    for (ord, event) in events.iter().enumerate() {
        cols.push(ord, event).map_err(|e| StoreError::Backend(what(&format!("event {ord}: {e}"))))?;
    }
    let rows = s
        .query(
            "INSERT INTO events (doc_id, ord, type, date, date_end, date_lo, date_hi, killed, injured, evidence, text, \
                                 span_start, span_end, rules, confidence) \
             SELECT $1, u.ord, u.type, u.date, u.date_end, u.date_lo, u.date_hi, u.killed, u.injured, u.evidence, \
                    u.text, u.span_start, u.span_end, \
                    ARRAY(SELECT r FROM jsonb_array_elements_text(u.rules::jsonb) WITH ORDINALITY AS t (r, i) \
                          ORDER BY i), \
                    u.confidence \
             FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], \
                         $9::bigint[], $10::text[], $11::text[], $12::bigint[], $13::bigint[], $14::text[], \
                         $15::float8[]) \
                  AS u (ord, type, date, date_end, date_lo, date_hi, killed, injured, evidence, text, span_start, \
                        span_end, rules, confidence) \
             RETURNING ord, id",
            &[
                &doc_id,
                &cols.ord,
                &cols.event_type,
                &cols.date,
                &cols.date_end,
                &cols.date_lo,
                &cols.date_hi,
                &cols.killed,
                &cols.injured,
                &cols.evidence,
                &cols.text,
                &cols.span_start,
                &cols.span_end,
                &cols.rules,
                &cols.confidence,
            ],
        )
        .map_err(pg(what("events")))?;
    let mut event_ids = vec![0_i64; events.len()];
    for row in &rows {
        let (ord, id): (i64, i64) = (get(row, 0)?, get(row, 1)?);
        let slot = usize::try_from(ord).ok().and_then(|i| event_ids.get_mut(i));
        *slot.ok_or_else(|| StoreError::Corrupt(what(&format!("events: returned ord {ord}"))))? = id;
    }

    let (mut ep, mut ea, mut cl) = (Links::default(), Links::default(), Links::default());
    for (event, &event_id) in events.iter().zip(&event_ids) {
        for (ord, place) in event.places.iter().enumerate() {
            ep.push(event_id, ord, place_ids[place.as_str()], None, None);
        }
        for (ord, actor) in event.actors.iter().enumerate() {
            ea.push(event_id, ord, actor_ids[actor.name.as_str()], Some(actor.role.code()), None);
        }
        for (ord, claim) in event.claims.iter().enumerate() {
            cl.push(event_id, ord, 0, Some(claim.stance.code()), Some(&claim.claimant));
        }
    }
    if !ep.event_id.is_empty() {
        s.execute(
            "INSERT INTO event_places (event_id, ord, place_id) \
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])",
            &[&ep.event_id, &ep.ord, &ep.id],
        )
        .map_err(pg(what("event places")))?;
    }
    if !ea.event_id.is_empty() {
        s.execute(
            "INSERT INTO event_actors (event_id, ord, actor_id, role) \
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[])",
            &[&ea.event_id, &ea.ord, &ea.id, &ea.code],
        )
        .map_err(pg(what("event actors")))?;
    }
    if !cl.event_id.is_empty() {
        s.execute(
            "INSERT INTO claims (event_id, ord, claimant, stance) \
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])",
            &[&cl.event_id, &cl.ord, &cl.text, &cl.code],
        )
        .map_err(pg(what("claims")))?;
    }
    Ok(PutOutcome::Inserted { doc_id, events: events.len() })
}

/// Inserts the names not yet stored, then returns every name's id.
///
/// Why sorted: an insert that meets a name another transaction inserted but
/// has not committed waits for it. Every put inserts its names in the same
/// (byte) order, so no two puts can each wait for the other.
fn upsert_names<'n, C: GenericClient>(
    s: &mut Session<'_, C>,
    insert: &str,
    select: &str,
    names: &BTreeSet<&'n str>,
    folded: bool,
) -> Result<HashMap<&'n str, i64>, String> {
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    let list: Vec<&str> = names.iter().copied().collect();
    if folded {
        let folded: Vec<String> = list.iter().map(|n| fold(n)).collect();
        s.execute(insert, &[&list, &folded])
    } else {
        s.execute(insert, &[&list])
    }
    .map_err(|e| describe(&e))?;
    // A new statement: it sees names that other transactions committed while
    // the insert waited for them.
    let rows = s.query(select, &[&list]).map_err(|e| describe(&e))?;
    let mut ids = HashMap::with_capacity(list.len());
    for row in &rows {
        let name: String = row.try_get(0).map_err(|e| e.to_string())?;
        let id: i64 = row.try_get(1).map_err(|e| e.to_string())?;
        if let Some(&n) = names.get(name.as_str()) {
            ids.insert(n, id);
        }
    }
    match list.iter().find(|n| !ids.contains_key(*n)) {
        Some(missing) => Err(format!("{missing:?} was not stored")),
        None => Ok(ids),
    }
}

/// The events of one document, column by column, for one `unnest` insert.
#[derive(Default)]
struct EventColumns<'a> {
    ord: Vec<i64>,
    event_type: Vec<&'static str>,
    date: Vec<Option<String>>,
    date_end: Vec<Option<String>>,
    date_lo: Vec<Option<String>>,
    date_hi: Vec<Option<String>>,
    killed: Vec<Option<i64>>,
    injured: Vec<Option<i64>>,
    evidence: Vec<Option<&'a str>>,
    text: Vec<&'a str>,
    span_start: Vec<i64>,
    span_end: Vec<i64>,
    /// Each event's rule list as a JSON array: `unnest` cannot yield arrays.
    rules: Vec<String>,
    confidence: Vec<f64>,
}

impl<'a> EventColumns<'a> {
    fn push(&mut self, ord: usize, event: &'a EventRecord) -> Result<(), String> {
        // The period's full-day bounds, known only when the start has a year; an end
        // without a year cannot be placed, so the period then ends with its start.
        let date_lo = event.date.and_then(|d| d.first_day());
        let date_hi = date_lo.and(event.date_end.and_then(|d| d.last_day()).or(event.date.and_then(|d| d.last_day())));
        self.ord.push(sql_int(ord)?);
        self.event_type.push(event.event_type.code());
        self.date.push(event.date.map(|d| d.to_string()));
        self.date_end.push(event.date_end.map(|d| d.to_string()));
        self.date_lo.push(date_lo.map(|d| d.to_string()));
        self.date_hi.push(date_hi.map(|d| d.to_string()));
        self.killed.push(event.killed.map(i64::from));
        self.injured.push(event.injured.map(i64::from));
        self.evidence.push(event.evidence.as_deref());
        self.text.push(&event.text);
        self.span_start.push(sql_int(event.span[0])?);
        self.span_end.push(sql_int(event.span[1])?);
        self.rules.push(serde_json::to_string(&event.rule).map_err(|e| format!("rule list: {e}"))?);
        // f32 to f64 is exact, so the value reads back bit for bit.
        self.confidence.push(f64::from(event.confidence));
        Ok(())
    }
}

/// Rows of a link table (event_places, event_actors, claims), column by column.
#[derive(Default)]
struct Links<'a> {
    event_id: Vec<i64>,
    ord: Vec<i64>,
    id: Vec<i64>,
    code: Vec<&'static str>,
    text: Vec<&'a str>,
}

impl<'a> Links<'a> {
    fn push(&mut self, event_id: i64, ord: usize, id: i64, code: Option<&'static str>, text: Option<&'a str>) {
        self.event_id.push(event_id);
        // A list position; an event cannot hold 2^63 of anything.
        self.ord.push(i64::try_from(ord).unwrap_or(i64::MAX));
        self.id.push(id);
        self.code.extend(code);
        self.text.extend(text);
    }
}

/// The numeric id `key` names: a document id, else the newest document of
/// that name, else the one document whose content hash starts with `key`
/// (8 hex digits or more).
fn find_document(s: &mut Session<'_, Client>, key: &str) -> Result<Option<i64>, StoreError> {
    let what = format_args!("looking up document {key:?}");
    let first_id = |rows: Vec<Row>| rows.first().map(|row| get::<i64>(row, 0)).transpose();
    if let Ok(id) = key.parse::<i64>() {
        let rows = s.query("SELECT id FROM documents WHERE id = $1", &[&id]).map_err(pg(what))?;
        if let Some(id) = first_id(rows)? {
            return Ok(Some(id));
        }
    }
    let rows =
        s.query("SELECT id FROM documents WHERE name = $1 ORDER BY id DESC LIMIT 1", &[&key]).map_err(pg(what))?;
    let by_name = first_id(rows)?;
    if by_name.is_some() || key.len() < 8 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(by_name);
    }
    let prefix = key.to_ascii_lowercase();
    let rows = s
        .query("SELECT id FROM documents WHERE left(content_hash, length($1::text)) = $1::text LIMIT 2", &[&prefix])
        .map_err(pg(what))?;
    let ids: Vec<i64> = rows.iter().map(|row| get(row, 0)).collect::<Result<_, _>>()?;
    match ids[..] {
        [] => Ok(None),
        [id] => Ok(Some(id)),
        _ => Err(StoreError::Backend(format!("{what}: content-hash prefix {prefix} matches several documents"))),
    }
}

/// The columns [`read_event`] reads, in its order; callers add `WHERE` and `ORDER BY`.
const EVENT_SELECT: &str = "SELECT e.id, e.doc_id, d.name, e.type, e.date, e.date_end, e.killed, e.injured, \
     e.evidence, e.text, e.span_start, e.span_end, e.rules, e.confidence \
     FROM events e JOIN documents d ON d.id = e.doc_id";

/// The columns [`summary_from_row`] reads, in its order, of `documents d`;
/// callers may select more after them, then add `FROM documents d ...`.
const SUMMARY_SELECT: &str = "SELECT d.id, d.name, d.content_hash, d.outlet, d.published, d.language, d.url, \
     d.title, to_char(d.ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), \
     (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id)";
const SUMMARY_COLUMNS: usize = 10;

fn summary_from_row(row: &Row) -> Result<DocumentSummary, StoreError> {
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

/// Runs an [`EVENT_SELECT`] query, then reads the places, actors and claims of
/// all the events it returned in one query each.
fn query_events<C: GenericClient>(
    s: &mut Session<'_, C>,
    sql: &str,
    params: &Params<'_>,
) -> Result<Vec<StoredEvent>, StoreError> {
    let what = "reading events";
    let rows = s.query(sql, params).map_err(pg(what))?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|row| get(row, 0)).collect::<Result<_, _>>()?;

    let mut places: HashMap<i64, Vec<String>> = HashMap::new();
    for row in s
        .query(
            "SELECT ep.event_id, p.name FROM event_places ep JOIN places p ON p.id = ep.place_id \
             WHERE ep.event_id = ANY($1) ORDER BY ep.event_id, ep.ord",
            &[&ids],
        )
        .map_err(pg(what))?
    {
        places.entry(get(&row, 0)?).or_default().push(get(&row, 1)?);
    }
    let mut actors: HashMap<i64, Vec<ActorRole>> = HashMap::new();
    for row in s
        .query(
            "SELECT ea.event_id, a.name, ea.role FROM event_actors ea JOIN actors a ON a.id = ea.actor_id \
             WHERE ea.event_id = ANY($1) ORDER BY ea.event_id, ea.ord",
            &[&ids],
        )
        .map_err(pg(what))?
    {
        let event_id = get(&row, 0)?;
        let role: String = get(&row, 2)?;
        // By way of the model's serde form, so the codes are the model's own.
        let role = serde_json::from_value(role.into())
            .map_err(|e| StoreError::Corrupt(format!("event {event_id}: actor role: {e}")))?;
        actors.entry(event_id).or_default().push(ActorRole { name: get(&row, 1)?, role });
    }
    let mut claims: HashMap<i64, Vec<Claim>> = HashMap::new();
    for row in s
        .query("SELECT event_id, claimant, stance FROM claims WHERE event_id = ANY($1) ORDER BY event_id, ord", &[&ids])
        .map_err(pg(what))?
    {
        let event_id = get(&row, 0)?;
        let stance: String = get(&row, 2)?;
        let stance = serde_json::from_value(stance.into())
            .map_err(|e| StoreError::Corrupt(format!("event {event_id}: claim stance: {e}")))?;
        claims.entry(event_id).or_default().push(Claim { claimant: get(&row, 1)?, stance });
    }

    rows.iter()
        .zip(ids)
        .map(|(row, event_id)| {
            let lists = (
                places.remove(&event_id).unwrap_or_default(),
                actors.remove(&event_id).unwrap_or_default(),
                claims.remove(&event_id).unwrap_or_default(),
            );
            read_event(event_id, row, lists).map_err(in_row(format_args!("event {event_id}")))
        })
        .collect()
}

fn read_event(
    event_id: i64,
    row: &Row,
    (places, actors, claims): (Vec<String>, Vec<ActorRole>, Vec<Claim>),
) -> Result<StoredEvent, StoreError> {
    let code: String = get(row, 3)?;
    let event_type = code.parse().map_err(|e| StoreError::Corrupt(format!("{e}")))?;
    let record = EventRecord {
        doc: get(row, 2)?,
        event_type,
        date: get_date(row, 4)?,
        date_end: get_date(row, 5)?,
        places,
        actors,
        claims,
        killed: get_count(row, 6)?,
        injured: get_count(row, 7)?,
        evidence: get(row, 8)?,
        text: get(row, 9)?,
        span: [get_usize(row, 10)?, get_usize(row, 11)?],
        rule: get(row, 12)?,
        // Stored as a double from an f32, so this conversion is exact.
        confidence: get::<f64>(row, 13)? as f32,
    };
    Ok(StoredEvent { event_id, doc_id: get(row, 1)?, record })
}

/// Creates `schema` if it does not exist, and makes it the connection's only
/// schema for unqualified names.
fn use_schema(client: &mut Client, schema: &str) -> Result<(), StoreError> {
    let what = format_args!("using schema {schema:?}");
    let quoted = quote_ident(schema);
    let mut tx = client.transaction().map_err(pg(what))?;
    // Why the lock and the check: concurrent CREATE SCHEMA IF NOT EXISTS can
    // still fail on the catalog's unique index, and a role allowed to use an
    // existing schema may not be allowed to create one.
    migrate::lock_schema(&mut tx, Some(schema)).map_err(pg(what))?;
    let exists = tx.query_opt("SELECT 1 FROM pg_namespace WHERE nspname = $1", &[&schema]).map_err(pg(what))?.is_some();
    if !exists {
        tx.batch_execute(&format!("CREATE SCHEMA {quoted}")).map_err(pg(format_args!("creating schema {schema:?}")))?;
    }
    tx.commit().map_err(pg(what))?;
    client.batch_execute(&format!("SET search_path TO {quoted}")).map_err(pg(what))
}

/// `name` as a quoted SQL identifier.
pub(crate) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `postgres://user@host:port/db` from a parsed configuration, without the password.
fn describe_config(config: &Config) -> String {
    use postgres::config::Host;
    let user = config.get_user().map(|u| format!("{u}@")).unwrap_or_default();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let host = match host {
                Host::Tcp(name) => name.clone(),
                Host::Unix(path) => path.display().to_string(),
            };
            match config.get_ports().get(i).or(config.get_ports().first()) {
                Some(port) => format!("{host}:{port}"),
                None => host,
            }
        })
        .collect();
    let db = config.get_dbname().map(|d| format!("/{d}")).unwrap_or_default();
    format!("postgres://{user}{}{db}", hosts.join(","))
}

/// A PostgreSQL error in one line: the server's message (with its detail) for
/// an error the server reported, else the client's error and its causes.
pub(crate) fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut out = format!("{} {}: {}", db.severity(), db.code().code(), db.message());
        if let Some(detail) = db.detail() {
            out.push_str(&format!(" ({detail})"));
        }
        return out;
    }
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str(&format!(": {text}"));
        }
        source = cause.source();
    }
    out
}

/// Maps a PostgreSQL error to [`StoreError::Backend`], saying what was being done.
pub(crate) fn pg(what: impl Display) -> impl FnOnce(postgres::Error) -> StoreError {
    move |e| StoreError::Backend(format!("{what}: {}", describe(&e)))
}

/// Names the row a corrupt value was found in.
fn in_row(what: impl Display) -> impl FnOnce(StoreError) -> StoreError {
    move |e| match e {
        StoreError::Corrupt(msg) => StoreError::Corrupt(format!("{what}: {msg}")),
        other => other,
    }
}

/// Reads column `idx`; a value that does not convert to `T` is corrupt data.
pub(crate) fn get<'r, T: FromSql<'r>>(row: &'r Row, idx: usize) -> Result<T, StoreError> {
    row.try_get(idx).map_err(|e| StoreError::Corrupt(format!("{}: {}", column_name(row, idx), describe(&e))))
}

fn get_usize(row: &Row, idx: usize) -> Result<usize, StoreError> {
    let n: i64 = get(row, idx)?;
    usize::try_from(n).map_err(|_| StoreError::Corrupt(format!("{}: {n} is not an offset", column_name(row, idx))))
}

fn get_count(row: &Row, idx: usize) -> Result<Option<u32>, StoreError> {
    let Some(n) = get::<Option<i64>>(row, idx)? else {
        return Ok(None);
    };
    u32::try_from(n)
        .map(Some)
        .map_err(|_| StoreError::Corrupt(format!("{}: {n} is not a count", column_name(row, idx))))
}

fn get_date(row: &Row, idx: usize) -> Result<Option<PartialDate>, StoreError> {
    let Some(text) = get::<Option<String>>(row, idx)? else {
        return Ok(None);
    };
    text.parse().map(Some).map_err(|e| StoreError::Corrupt(format!("{}: {e}", column_name(row, idx))))
}

fn column_name(row: &Row, idx: usize) -> &str {
    row.columns().get(idx).map_or("?", |c| c.name())
}

/// The case-insensitive form of a canonical name: Rust's Unicode lower case,
/// the same as the SQLite store's, so both fold alike whatever the database's
/// locale.
fn fold(name: &str) -> String {
    name.to_lowercase()
}

fn sql_int(n: usize) -> Result<i64, String> {
    i64::try_from(n).map_err(|_| format!("{n} does not fit a BIGINT"))
}

/// A `COUNT(*)`, never negative.
fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}
