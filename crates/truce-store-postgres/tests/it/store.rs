//! What the PostgreSQL store must do beyond the conformance suite: errors that
//! name what failed, concurrent writers, text PostgreSQL cannot hold, corrupt
//! values, connection failures.

use std::sync::{Arc, Barrier};

use truce_model::{ActorRole, Claim, Role, Stance};
use truce_store::{EventFilter, PutOutcome, Store, StoreError};
use truce_store_postgres::PgStore;

use crate::{SABOTAGE_CLAIMS, TestSchema, pg_url, small_document, small_event};

/// The error says what failed and where, and a failed put leaves nothing.
#[test]
fn errors_name_the_document_and_table() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    schema.client().batch_execute(SABOTAGE_CLAIMS).unwrap();
    let doc = small_document("d.txt", "ab".repeat(32).as_str());
    let mut claimed = small_event("d.txt");
    claimed.claims = vec![Claim { claimant: "C".into(), stance: Stance::Denied }];
    let message = match store.put_document(b"raw", &doc, &[claimed]) {
        Err(StoreError::Backend(message)) => message,
        other => panic!("expected a backend error, got {other:?}"),
    };
    assert!(
        message.contains("d.txt") && message.contains("claims") && message.contains("sabotaged claim"),
        "{message}"
    );

    // An event of another document is refused before anything is written.
    let result = store.put_document(b"raw", &doc, &[small_event("d.txt"), small_event("other.txt")]);
    assert!(matches!(&result, Err(StoreError::Backend(m)) if m.contains("other.txt")), "{result:?}");
    assert_eq!(store.stats().unwrap().documents, 0);
}

/// Two connections putting the same bytes at the same moment end with one
/// document; the other put is a duplicate of it.
#[test]
fn concurrent_puts_of_the_same_bytes_store_one_document() {
    let schema = TestSchema::new();
    let rounds = 25;
    let barrier = Arc::new(Barrier::new(2));
    let outcomes: Vec<Vec<PutOutcome>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..2)
            .map(|t| {
                let (barrier, schema) = (barrier.clone(), &schema);
                scope.spawn(move || {
                    let mut store = schema.store();
                    (0..rounds)
                        .map(|round| {
                            let name = format!("round-{round}.txt");
                            let mut doc = small_document(&name, &format!("{round:064x}"));
                            // Different names and events: only the hash decides.
                            doc.meta.id = format!("{name}-{t}");
                            let mut event = small_event(&doc.meta.id);
                            event.places = vec!["Lachin".into(), format!("Place {round}")];
                            event.actors = vec![ActorRole { name: format!("Actor {round}"), role: Role::Target }];
                            event.claims = vec![Claim { claimant: "C".into(), stance: Stance::Asserted }];
                            barrier.wait();
                            store.put_document(b"raw", &doc, &[event]).unwrap()
                        })
                        .collect()
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    for (round, (a, b)) in outcomes[0].iter().zip(&outcomes[1]).enumerate() {
        match (a, b) {
            (PutOutcome::Inserted { doc_id, events: 1 }, PutOutcome::Duplicate { doc_id: dup })
            | (PutOutcome::Duplicate { doc_id: dup }, PutOutcome::Inserted { doc_id, events: 1 }) => {
                assert_eq!(doc_id, dup, "round {round}")
            }
            other => panic!("round {round}: {other:?}"),
        }
    }
    let stats = schema.store().stats().unwrap();
    assert_eq!((stats.documents, stats.events, stats.claims), (rounds, rounds, rounds));
    assert_eq!(stats.places, rounds + 1, "Lachin once, and one place per round");
}

/// Puts that share places and actors, listed in opposite orders, from four
/// connections at once: none deadlocks or fails, and each name is stored once.
#[test]
fn concurrent_puts_sharing_names_do_not_deadlock() {
    let schema = TestSchema::new();
    let names: Vec<String> = (0..12).map(|i| format!("Place {i:02}")).collect();
    std::thread::scope(|scope| {
        for t in 0..4 {
            let (schema, names) = (&schema, &names);
            scope.spawn(move || {
                let mut store = schema.store();
                for round in 0..20 {
                    let name = format!("t{t}-r{round}.txt");
                    let doc = small_document(&name, &format!("{:064x}", t * 1000 + round));
                    let mut listed = names.clone();
                    if (t + round) % 2 == 1 {
                        listed.reverse();
                    }
                    let events: Vec<_> = listed
                        .chunks(4)
                        .map(|chunk| {
                            let mut event = small_event(&name);
                            event.places = chunk.to_vec();
                            event.actors = chunk
                                .iter()
                                .map(|n| ActorRole { name: n.replace("Place", "Actor"), role: Role::Target })
                                .collect();
                            event
                        })
                        .collect();
                    let outcome = store.put_document(b"raw", &doc, &events).unwrap();
                    assert!(matches!(outcome, PutOutcome::Inserted { events: 3, .. }), "{outcome:?}");
                }
            });
        }
    });
    let stats = schema.store().stats().unwrap();
    assert_eq!((stats.documents, stats.events, stats.places, stats.actors), (80, 240, 12, 12));
}

/// PostgreSQL text cannot hold NUL: such a document is refused, naming what
/// holds it, before anything is written.
#[test]
fn nul_characters_are_refused_naming_the_field() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    let mut doc = small_document("nul.txt", &"cd".repeat(32));
    doc.clean_text = "before\0after".into();
    let result = store.put_document(b"raw", &doc, &[]);
    assert!(
        matches!(&result, Err(StoreError::Backend(m)) if m.contains("nul.txt") && m.contains("clean text")),
        "{result:?}"
    );

    let doc = small_document("nul.txt", &"cd".repeat(32));
    let mut event = small_event("nul.txt");
    event.places = vec!["Lach\0in".into()];
    let result = store.put_document(b"raw", &doc, &[small_event("nul.txt"), event]);
    assert!(matches!(&result, Err(StoreError::Backend(m)) if m.contains("event 1") && m.contains("NUL")), "{result:?}");
    assert_eq!(store.stats().unwrap().documents, 0);
    // Raw bytes are BYTEA: NUL is fine there.
    assert!(matches!(store.put_document(b"r\0w", &doc, &[]), Ok(PutOutcome::Inserted { .. })));
    assert_eq!(store.document("nul.txt").unwrap().unwrap().raw, b"r\0w");
}

/// Stored values that no longer parse are reported as corrupt, naming the
/// event and what in it is wrong, not skipped.
#[test]
fn unreadable_stored_values_are_corrupt() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    let doc = small_document("c.txt", "ef".repeat(32).as_str());
    let mut event = small_event("c.txt");
    event.actors = vec![ActorRole { name: "A".into(), role: Role::Target }];
    store.put_document(b"raw", &doc, &[event]).unwrap();
    let mut conn = schema.client();
    let event_id: i64 = conn.query_one("SELECT id FROM events", &[]).unwrap().get(0);
    let mut corrupt_after = |sql: &str, says: &str| {
        conn.batch_execute(sql).unwrap();
        match store.events(&EventFilter::default()) {
            Err(StoreError::Corrupt(message)) => assert!(
                message.starts_with(&format!("event {event_id}: ")) && message.contains(says),
                "after {sql}: {message}"
            ),
            other => panic!("after {sql}: {other:?}"),
        }
    };
    corrupt_after("UPDATE events SET type = 'shelling'", "shelling");
    corrupt_after("UPDATE events SET type = 'firing', date = 'yesterday'", "date: ");
    corrupt_after("UPDATE events SET date = NULL, killed = 5000000000", "killed");
    corrupt_after("UPDATE events SET killed = NULL; UPDATE event_actors SET role = 'bystander'", "actor role");
    conn.batch_execute("UPDATE event_actors SET role = 'target'").unwrap();
    assert_eq!(store.events(&EventFilter::default()).unwrap().len(), 1, "readable again once repaired");
}

/// A server that is not there is a backend error naming where it was looked
/// for, never echoing the password.
#[test]
fn unreachable_server_is_a_backend_error_without_the_password() {
    match PgStore::connect("postgres://someone:s3cret@127.0.0.1:1/nowhere?connect_timeout=5") {
        Err(StoreError::Backend(message)) => {
            assert!(message.contains("127.0.0.1:1") && message.contains("nowhere"), "{message}");
            assert!(!message.contains("s3cret"), "{message}");
        }
        other => panic!("expected a backend error, got {:?}", other.err()),
    }
    match PgStore::connect("postgres://someone:s3cret@[not a url") {
        Err(StoreError::Backend(message)) => assert!(!message.contains("s3cret"), "{message}"),
        other => panic!("expected a backend error, got {:?}", other.err()),
    }
}

/// Stores in different schemas of one database see only their own rows, and
/// the schema is created on first use.
#[test]
fn schemas_keep_stores_apart() {
    let (one, two) = (TestSchema::unborn(), TestSchema::unborn());
    let mut first = PgStore::connect_with_schema(&pg_url(), &one.name).unwrap();
    let second = PgStore::connect_with_schema(&pg_url(), &two.name).unwrap();
    first.put_document(b"raw", &small_document("only-in-one.txt", &"01".repeat(32)), &[]).unwrap();
    assert_eq!(first.stats().unwrap().documents, 1);
    assert_eq!(second.stats().unwrap().documents, 0);
    assert!(first.describe().contains(&one.name), "{}", first.describe());
}
