//! The team server: `ingest` queues on PostgreSQL, `worker`s store, `copy`
//! moves a laptop database up. Runs against the real server
//! (`TRUCE_TEST_PG`, default postgres://postgres@127.0.0.1:5432/test), each
//! test in a schema of its own, dropped afterwards.

use crate::{path_str, repo, stderr, stdout, truce};

fn pg_url() -> String {
    std::env::var("TRUCE_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A schema for one test, dropped when the test ends, passed or failed.
struct Schema(String);

impl Schema {
    fn new(tag: &str) -> Schema {
        let name = format!("truce_cli_{tag}_{}", std::process::id());
        let mut client = postgres::Client::connect(&pg_url(), postgres::NoTls)
            .unwrap_or_else(|e| panic!("PostgreSQL not reachable at {} ({e}); start it with `pg_ctlcluster 15 main start`", pg_url()));
        client.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE")).expect("drop old schema");
        Schema(name)
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&pg_url(), postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.0));
        }
    }
}

fn sorted_events(args: &[&str]) -> Vec<String> {
    let out = truce(args);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    lines.sort();
    lines
}

#[test]
fn queued_ingest_with_four_workers_stores_what_a_laptop_ingest_stores() {
    let schema = Schema::new("queue");
    let url = pg_url();
    let demo = repo().join("corpus/demo");
    let pg = ["--db", url.as_str(), "--pg-schema", schema.0.as_str()];

    let queued = truce(&[&["ingest", path_str(&demo)][..], &pg[..]].concat());
    assert!(queued.status.success(), "{}", stderr(&queued));
    assert!(stderr(&queued).contains("queued 12 documents"), "{}", stderr(&queued));
    let jobs = stdout(&truce(&[&["jobs"][..], &pg[..]].concat()));
    assert!(jobs.contains("12 jobs: 12 queued"), "{jobs}");

    let worked = truce(&[&["worker", "--jobs", "4", "--exit-when-idle"][..], &pg[..]].concat());
    assert!(worked.status.success(), "{}", stderr(&worked));
    assert!(stderr(&worked).contains("stored 12 documents"), "{}", stderr(&worked));

    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("laptop.db");
    let local = truce(&["ingest", path_str(&demo), "--db", path_str(&db)]);
    assert!(local.status.success(), "{}", stderr(&local));
    let on_server = sorted_events(&[&["events", "--format", "jsonl"][..], &pg[..]].concat());
    let on_laptop = sorted_events(&["events", "--format", "jsonl", "--db", path_str(&db)]);
    assert!(!on_laptop.is_empty());
    assert_eq!(on_server, on_laptop, "the workers' events differ from a direct ingest's");

    // Queuing the same files again queues nothing.
    let again = truce(&[&["ingest", path_str(&demo)][..], &pg[..]].concat());
    assert!(stderr(&again).contains("queued 0 documents"), "{}", stderr(&again));
}

#[test]
fn copy_moves_a_laptop_database_without_loss() {
    let schema = Schema::new("copy");
    let url = pg_url();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("laptop.db");
    assert!(truce(&["ingest", path_str(&repo().join("corpus/demo")), "--db", path_str(&db)]).status.success());
    let copied = truce(&["copy", "--from", path_str(&db), "--to", url.as_str(), "--pg-schema", schema.0.as_str()]);
    let text = stdout(&copied);
    assert!(copied.status.success(), "{text}{}", stderr(&copied));
    assert!(text.contains("copied 12 of 12 documents"), "{text}");
    assert!(!text.contains("MISMATCH"), "{text}");
    let pg = ["--db", url.as_str(), "--pg-schema", schema.0.as_str()];
    assert_eq!(
        sorted_events(&[&["events", "--format", "jsonl"][..], &pg[..]].concat()),
        sorted_events(&["events", "--format", "jsonl", "--db", path_str(&db)])
    );
}

#[test]
fn migrate_is_idempotent_and_sqlite_has_no_queue() {
    let schema = Schema::new("migrate");
    let url = pg_url();
    let first = stdout(&truce(&["migrate", "--db", url.as_str(), "--pg-schema", schema.0.as_str()]));
    assert!(first.contains("applied V1__initial"), "{first}");
    let second = stdout(&truce(&["migrate", "--db", url.as_str(), "--pg-schema", schema.0.as_str()]));
    assert!(second.contains("nothing to apply"), "{second}");
    let no_queue = truce(&["jobs", "--db", "/tmp/some-laptop.db"]);
    assert_eq!(no_queue.status.code(), Some(1));
    assert!(stderr(&no_queue).contains("need a PostgreSQL --db"), "{}", stderr(&no_queue));
}

/// Zone imports and incident corrections go to the server like everything
/// else: an import shows, an overlapping one and a correction naming no
/// incident are refused.
#[test]
fn zone_imports_and_incident_corrections_on_the_server() {
    let schema = Schema::new("ground");
    let url = pg_url();
    let db = ["--db", url.as_str(), "--pg-schema", schema.0.as_str()];
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("square.geojson");
    std::fs::write(&file, r#"{"type":"Polygon","coordinates":[[[46.7,39.8],[46.78,39.8],[46.78,39.86],[46.7,39.86],[46.7,39.8]]]}"#)
        .expect("write GeoJSON");
    let import = |from: &str| truce(&[&["zones", "import", path_str(&file), "--name", "square", "--source", "map", "--from", from][..], &db].concat());
    let first = import("2023-01-01");
    assert!(first.status.success(), "{}", stderr(&first));
    let at = stdout(&truce(&[&["zones", "at", "2023-06-01"][..], &db].concat()));
    assert!(at.lines().any(|l| l.starts_with("square") && !l.contains("ILLUSTRATIVE")), "{at}");
    let overlapping = import("2024-01-01");
    assert_eq!(overlapping.status.code(), Some(1));
    assert!(stderr(&overlapping).contains("square.geojson") && stderr(&overlapping).contains("overlaps"), "{}", stderr(&overlapping));
    let merge = truce(&[&["incidents", "merge", "1", "2"][..], &db].concat());
    assert_eq!(merge.status.code(), Some(1));
    assert!(stderr(&merge).contains("no incident holds event 1"), "{}", stderr(&merge));
}
