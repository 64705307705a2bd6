//! Integration tests of `SqliteStore`: the backend-independent conformance
//! suite (`truce_store::conformance`) run against SQLite, then what only
//! SQLite has — database files, migrations, and a raw connection to break or
//! inspect them.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use tempfile::TempDir;
use truce_model::{ActorRole, Claim, DocMeta, Document, EventRecord, EventType, Role, Stance};
use truce_store::{EventFilter, PutOutcome, Store, StoreError};
use truce_store_sqlite::SqliteStore;

/// Makes every claim insert fail, from inside SQLite.
const SABOTAGE_CLAIMS: &str =
    "CREATE TRIGGER sabotage BEFORE INSERT ON claims BEGIN SELECT RAISE(ABORT, 'sabotaged claim'); END;";

const TABLES: [&str; 7] = ["documents", "events", "places", "event_places", "actors", "event_actors", "claims"];

/// A store on a new file, with a second, plain connection to the same file to
/// break or inspect it past the store's API.
struct SqliteBackend {
    store: SqliteStore,
    sabotage: Connection,
    _dir: TempDir,
}

impl SqliteBackend {
    fn new() -> Self {
        let (dir, path, store) = on_file();
        Self { store, sabotage: raw(&path), _dir: dir }
    }
}

impl truce_store::conformance::Backend for SqliteBackend {
    type Store = SqliteStore;

    fn store(&mut self) -> &mut SqliteStore {
        &mut self.store
    }

    /// The failure comes from inside SQLite, midway through the put: a trigger,
    /// added over the second connection, aborts every claim insert.
    fn break_claims(&mut self) {
        self.sabotage.execute_batch(SABOTAGE_CLAIMS).unwrap();
    }

    fn repair_claims(&mut self) {
        self.sabotage.execute_batch("DROP TRIGGER sabotage").unwrap();
    }

    fn row_counts(&mut self) -> Vec<(String, i64)> {
        TABLES
            .into_iter()
            .map(|table| {
                let n = self.sabotage.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap();
                (table.to_owned(), n)
            })
            .collect()
    }
}

truce_store::conformance_tests!(SqliteBackend::new());

/// A store on a new file in a fresh directory (kept alive by the `TempDir`).
fn on_file() -> (TempDir, PathBuf, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("truce.db");
    let store = SqliteStore::open(&path).unwrap();
    (dir, path, store)
}

/// A second, plain connection to the same file, past the store's API.
fn raw(path: &Path) -> Connection {
    Connection::open(path).unwrap()
}

fn small_document(name: &str, content_hash: &str) -> Document {
    Document {
        meta: DocMeta { id: name.into(), ..DocMeta::default() },
        content_hash: content_hash.into(),
        title: None,
        clean_text: "text".into(),
        removed: vec!["Menu".into(), "© footer".into()],
    }
}

/// An event of `doc` with only what a record requires.
fn small_event(doc: &str) -> EventRecord {
    EventRecord {
        doc: doc.into(),
        event_type: EventType::Firing,
        date: Some("2023-03-24".parse().unwrap()),
        date_end: None,
        places: vec![],
        actors: vec![],
        claims: vec![],
        killed: None,
        injured: None,
        evidence: None,
        text: "t".into(),
        span: [0, 1],
        rule: vec![],
        confidence: 1.0,
    }
}

/// The error says what failed and where.
#[test]
fn errors_name_the_document_and_event() {
    let (_dir, path, mut store) = on_file();
    raw(&path).execute_batch(SABOTAGE_CLAIMS).unwrap();
    let doc = small_document("d.txt", "ab".repeat(32).as_str());
    let mut claimed = small_event("d.txt");
    claimed.claims = vec![Claim { claimant: "C".into(), stance: Stance::Denied }];
    let message = match store.put_document(b"raw", &doc, &[claimed]) {
        Err(StoreError::Backend(message)) => message,
        other => panic!("expected a backend error, got {other:?}"),
    };
    assert!(
        message.contains("d.txt") && message.contains("event 0") && message.contains("sabotaged claim"),
        "{message}"
    );

    // An event of another document is refused before anything is written.
    let result = store.put_document(b"raw", &doc, &[small_event("d.txt"), small_event("other.txt")]);
    assert!(matches!(&result, Err(StoreError::Backend(m)) if m.contains("other.txt")), "{result:?}");
    assert_eq!(store.stats().unwrap().documents, 0);
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_again() {
    let (_dir, path, mut store) = on_file();
    let doc = small_document("kept.txt", "cd".repeat(32).as_str());
    let Ok(PutOutcome::Inserted { doc_id, .. }) = store.put_document(b"raw", &doc, &[]) else {
        panic!("first put failed")
    };
    drop(store);
    let schema = |conn: &Connection| -> (i64, Vec<String>) {
        let version = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        let mut stmt = conn.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").unwrap();
        let sql = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
        (version, sql)
    };
    let before = schema(&raw(&path));
    assert!(before.0 >= 1, "migrations recorded in user_version");

    // V1 creates its tables without IF NOT EXISTS: running it again would fail.
    let store = SqliteStore::open(&path).unwrap();
    let stored = store.document("kept.txt").unwrap().expect("document survives reopening");
    assert_eq!(stored.summary.doc_id, doc_id);
    assert_eq!(stored.raw, b"raw");
    drop(store);

    let conn = raw(&path);
    assert_eq!(schema(&conn), before);
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    // Stored as JSON, and read back through the API.
    let removed: String = conn.query_row("SELECT removed_json FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(removed, r#"["Menu","© footer"]"#);
    drop(conn);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.document("kept.txt").unwrap().unwrap().removed, ["Menu", "© footer"]);
}

/// A database from a newer truce is refused, and not even its journal mode
/// changes.
#[test]
fn newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = raw(&path);
        conn.execute_batch("CREATE TABLE from_the_future (x); PRAGMA user_version = 99;").unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();

    let result = SqliteStore::open(&path);
    assert!(
        matches!(result, Err(StoreError::TooNew { found: 99, supported }) if (1..99).contains(&supported)),
        "{:?}",
        result.err()
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file was modified");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec!["future.db"]);
}

#[test]
fn a_file_that_is_not_a_database_is_a_backend_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "not a database, but long enough to have a header ".repeat(4)).unwrap();
    match SqliteStore::open(&path) {
        Err(StoreError::Backend(message)) => assert!(message.contains("notes.txt"), "{message}"),
        other => panic!("expected a backend error, got {:?}", other.err()),
    }
}

/// Stored text that no longer parses is reported as corrupt, not skipped.
#[test]
fn unreadable_stored_values_are_corrupt() {
    let (_dir, path, mut store) = on_file();
    let doc = small_document("c.txt", "ef".repeat(32).as_str());
    let mut event = small_event("c.txt");
    event.actors = vec![ActorRole { name: "A".into(), role: Role::Target }];
    store.put_document(b"raw", &doc, &[event]).unwrap();
    let conn = raw(&path);
    // Each message names the event and what in it is wrong.
    let corrupt_after = |sql: &str, says: &str| {
        conn.execute_batch(sql).unwrap();
        match store.events(&EventFilter::default()) {
            Err(StoreError::Corrupt(message)) => {
                assert!(message.starts_with("event 1: ") && message.contains(says), "after {sql}: {message}")
            }
            other => panic!("after {sql}: {other:?}"),
        }
    };
    corrupt_after("UPDATE events SET type = 'shelling'", "shelling");
    corrupt_after("UPDATE events SET type = 'firing', date = 'yesterday'", "date: ");
    corrupt_after("UPDATE events SET date = NULL, rule_json = 'not json'", "rule list");
    corrupt_after("UPDATE events SET rule_json = '[]', killed = 'many'", "killed");
    corrupt_after("UPDATE events SET killed = NULL; UPDATE event_actors SET role = 'bystander'", "actor role");
    conn.execute_batch("UPDATE event_actors SET role = 'target'").unwrap();
    assert_eq!(store.events(&EventFilter::default()).unwrap().len(), 1, "readable again once repaired");
}

/// The schema itself refuses an overlapping zone version and a correction
/// that is not JSON, written past the store.
#[test]
fn the_schema_refuses_overlaps_and_non_json_written_past_the_store() {
    let (_dir, path, mut store) = on_file();
    let row = truce_store::ZoneVersionRow {
        valid_from: "2023-01-01".parse().unwrap(),
        valid_to: None,
        source: "s".into(),
        note: String::new(),
        constructed: false,
        geometry: r#"{"type":"Polygon","coordinates":[[[46,39],[47,39],[47,40],[46,39]]]}"#.into(),
        bbox: [46.0, 39.0, 47.0, 40.0],
    };
    let id = store.put_zone_import("ana", "a.geojson", b"a", &[("z".into(), row)]).unwrap();
    let conn = raw(&path);
    let refused = conn.execute_batch(&format!(
        "INSERT INTO zone_versions (import_id, zone_name, valid_from, source, note, constructed, geometry, \
                                    min_lon, min_lat, max_lon, max_lat) \
         VALUES ({id}, 'z', '2030-01-01', 's', '', 0, '{{}}', 0, 0, 0, 0)"
    ));
    assert!(refused.is_err_and(|e| e.to_string().contains("overlaps")));
    assert_eq!(store.zone_versions().unwrap().len(), 1);
    let bad = conn.execute_batch(
        "INSERT INTO incident_corrections (user_name, created_at, correction_json) VALUES ('x', 'now', 'merge')",
    );
    assert!(bad.is_err());
    assert!(store.incident_corrections().unwrap().is_empty());
}
