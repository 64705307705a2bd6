//! The migration runner: versions recorded in `schema_migrations`, idempotent,
//! one migration at a time however many workers start together, and a newer
//! schema refused untouched.

use std::sync::{Arc, Barrier};

use postgres::Client;
use truce_store::{Store, StoreError};
use truce_store_postgres::{PgStore, SUPPORTED_VERSION};

use crate::{TestSchema, pg_url, small_document};

/// Every column, index and constraint of the schema, and the recorded versions.
fn snapshot(client: &mut Client, schema: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable \
         FROM information_schema.columns WHERE table_schema = $1 ORDER BY 1",
        "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY 1",
        "SELECT conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c \
         JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 ORDER BY 1",
    ] {
        out.extend(client.query(sql, &[&schema]).unwrap().iter().map(|row| row.get::<_, String>(0)));
    }
    let versions = format!("SELECT version || ' ' || name FROM {schema}.schema_migrations ORDER BY version");
    out.extend(client.query(&versions, &[]).unwrap().iter().map(|row| row.get::<_, String>(0)));
    out
}

#[test]
fn migrating_twice_changes_nothing() {
    let schema = TestSchema::new();
    let mut store = PgStore::connect_unmigrated(&pg_url(), Some(&schema.name)).unwrap();
    let first = store.migrate().unwrap();
    assert_eq!((first.from, first.to), (0, SUPPORTED_VERSION));
    assert_eq!(
        first.applied,
        ["V1__initial", "V2__jobs", "V3__accounts_review_search", "V4__zones_incident_corrections"]
    );
    store.put_document(b"raw", &small_document("kept.txt", &"aa".repeat(32)), &[]).unwrap();

    let mut client = schema.client();
    let before = snapshot(&mut client, &schema.name);
    assert!(before.iter().any(|l| l.starts_with("jobs.leased_until")), "{before:#?}");

    let again = store.migrate().unwrap();
    assert_eq!((again.from, again.to, again.applied.len()), (SUPPORTED_VERSION, SUPPORTED_VERSION, 0));
    // Connecting migrates too, and finds nothing to do either.
    let reconnected = schema.store();
    assert_eq!(reconnected.document("kept.txt").unwrap().unwrap().raw, b"raw");
    assert_eq!(snapshot(&mut client, &schema.name), before);
    let n: i64 = client.query_one("SELECT COUNT(*) FROM schema_migrations", &[]).unwrap().get(0);
    assert_eq!(n, SUPPORTED_VERSION);
}

/// A schema from a newer truce is refused, with nothing in it changed.
#[test]
fn newer_schema_is_refused_and_left_untouched() {
    let schema = TestSchema::new();
    drop(schema.store());
    let mut client = schema.client();
    client.batch_execute("INSERT INTO schema_migrations (version, name) VALUES (99, 'V99__from_the_future')").unwrap();
    let before = snapshot(&mut client, &schema.name);

    let result = PgStore::connect_with_schema(&pg_url(), &schema.name);
    assert!(
        matches!(result, Err(StoreError::TooNew { found: 99, supported: SUPPORTED_VERSION })),
        "{:?}",
        result.err()
    );
    let mut unmigrated = PgStore::connect_unmigrated(&pg_url(), Some(&schema.name)).unwrap();
    assert!(matches!(unmigrated.migrate(), Err(StoreError::TooNew { found: 99, .. })));
    assert_eq!(snapshot(&mut client, &schema.name), before);
}

/// Workers starting together on a schema that does not exist yet: all connect,
/// the schema is created once and each migration applied once.
#[test]
fn workers_starting_together_migrate_once() {
    let schema = TestSchema::unborn();
    let workers = 6;
    let barrier = Arc::new(Barrier::new(workers));
    let applied: Vec<Vec<String>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..workers)
            .map(|_| {
                let (barrier, name) = (barrier.clone(), &schema.name);
                scope.spawn(move || {
                    barrier.wait();
                    let mut store = PgStore::connect_unmigrated(&pg_url(), Some(name)).unwrap();
                    store.migrate().unwrap().applied
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let mut all: Vec<String> = applied.into_iter().flatten().collect();
    all.sort();
    assert_eq!(
        all,
        ["V1__initial", "V2__jobs", "V3__accounts_review_search", "V4__zones_incident_corrections"],
        "each migration applied by exactly one worker"
    );
    let n: i64 = schema.client().query_one("SELECT COUNT(*) FROM schema_migrations", &[]).unwrap().get(0);
    assert_eq!(n, SUPPORTED_VERSION);
}
