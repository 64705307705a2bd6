//! Copying a SQLite store (a laptop's `truce.db`) into PostgreSQL: lossless,
//! checked table by table, and safe to run again.

use truce_model::{ActorRole, Claim, DocMeta, EventRecord, EventType, Role, Stance};
use truce_store::{PutOutcome, Store, StoredDocument};
use truce_store_postgres::queue::Job;
use truce_store_postgres::{PgStore, copy_store, copy_store_with_progress, synthetic};
use truce_store_sqlite::SqliteStore;

use crate::TestSchema;

/// A SQLite file holding synthetic reports and one document using every field.
fn laptop(dir: &tempfile::TempDir, reports: usize) -> SqliteStore {
    let mut store = SqliteStore::open(&dir.path().join("truce.db")).unwrap();
    let mut rich = crate::small_document("rich.html", &"9f".repeat(32));
    rich.meta = DocMeta {
        id: "rich.html".into(),
        outlet: Some("Armenpress".into()),
        published: Some("2023-03".parse().unwrap()),
        language: Some("hy".into()),
        url: Some("https://example.org/a?b=c".into()),
    };
    rich.title = Some("Ստեփանակերտ".into());
    rich.clean_text = "Бой у Шуши.\nLine two.".into();
    let mut event = EventRecord {
        date: Some("--03-24".parse().unwrap()),
        date_end: Some("2024".parse().unwrap()),
        places: vec!["Şuşa".into(), "Lachin".into()],
        actors: vec![
            ActorRole { name: "Z".into(), role: Role::Observer },
            ActorRole { name: "A".into(), role: Role::Target },
        ],
        claims: vec![
            Claim { claimant: "C2".into(), stance: Stance::Denied },
            Claim { claimant: "C1".into(), stance: Stance::Asserted },
        ],
        killed: Some(0),
        injured: Some(u32::MAX),
        evidence: Some("photos".into()),
        rule: vec!["b".into(), "a".into()],
        confidence: 0.1,
        event_type: EventType::ArmedClash,
        ..crate::small_event("rich.html")
    };
    event.text = "Бой у Шуши.".into();
    store.put_document(b"\xff\x00<html>", &rich, &[event.clone(), crate::small_event("rich.html")]).unwrap();
    for i in 0..reports {
        let (name, raw) = synthetic::report(i);
        let job = Job {
            id: 0,
            doc_name: name.clone(),
            source_path: name.clone(),
            content_hash: String::new(),
            raw,
            meta: DocMeta { id: name, ..DocMeta::default() },
            attempts: 1,
            worker: "laptop".into(),
        };
        let (doc, events) = synthetic::process(&job).unwrap();
        store.put_document(&job.raw, &doc, &events).unwrap();
    }
    store
}

/// Everything of a stored document but the ids the store gave.
fn without_ids(mut d: StoredDocument) -> StoredDocument {
    d.summary.doc_id = 0;
    for e in &mut d.events {
        (e.event_id, e.doc_id) = (0, 0);
    }
    d
}

fn everything(store: &impl Store) -> Vec<StoredDocument> {
    store
        .documents()
        .unwrap()
        .into_iter()
        .map(|d| without_ids(store.document(&d.doc_id.to_string()).unwrap().unwrap()))
        .collect()
}

#[test]
fn a_sqlite_store_is_copied_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let source = laptop(&dir, 40);
    let schema = TestSchema::new();
    let mut target = schema.store();
    let mut calls = 0;
    let report = copy_store_with_progress(&source, &mut target, |done, total| {
        calls += 1;
        assert_eq!((done, total), (calls, 41));
    })
    .unwrap();
    assert!(report.verified(), "{report:#?}");
    assert_eq!((report.documents, report.copied, report.already_present), (41, 41, 0));
    let tables: Vec<&str> = report.tables.iter().map(|t| t.table).collect();
    assert_eq!(tables, crate::TABLES);
    // The counts are the source's real table sizes.
    let stats = source.stats().unwrap();
    let rows = |table: &str| report.tables.iter().find(|t| t.table == table).unwrap().target_rows;
    assert_eq!(
        (rows("documents"), rows("events"), rows("claims"), rows("places"), rows("actors")),
        (stats.documents, stats.events, stats.claims, stats.places, stats.actors)
    );
    assert_eq!(target.stats().unwrap(), stats);

    // Same documents, same order, same bytes, records, removed lines and ingestion times.
    assert_eq!(everything(&target), everything(&source));

    // Again: nothing new, still verified.
    let again = copy_store(&source, &mut target).unwrap();
    assert!(again.verified(), "{again:#?}");
    assert_eq!((again.copied, again.already_present), (0, 41));
    assert_eq!(again.tables, report.tables);
    assert_eq!(target.stats().unwrap(), stats);
}

/// A document the server already holds under another name (or with other
/// records) makes the check fail, naming it.
#[test]
fn a_copy_that_differs_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let source = laptop(&dir, 3);
    let schema = TestSchema::new();
    let mut target: PgStore = schema.store();
    let first = source.document("report-00001.txt").unwrap().unwrap();
    let mut renamed = crate::small_document("renamed.txt", &first.summary.content_hash);
    renamed.clean_text = first.clean_text.clone();
    assert!(matches!(target.put_document(&first.raw, &renamed, &[]).unwrap(), PutOutcome::Inserted { .. }));

    let report = copy_store(&source, &mut target).unwrap();
    assert!(!report.verified());
    assert_eq!((report.copied, report.already_present), (3, 1));
    assert_eq!(report.differing, ["report-00001.txt"]);
    let check = |table: &str| report.tables.iter().find(|t| t.table == table).unwrap().matches();
    assert!(!check("documents") && !check("events"));
}
