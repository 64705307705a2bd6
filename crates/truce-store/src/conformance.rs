//! Store conformance: the behaviour every [`Store`] must show, written once
//! and generic over the store.
//!
//! Each `pub fn` takes a fresh, empty store (or a [`Backend`] holding one) and
//! panics on the first difference. A backend's integration tests run them all
//! with one line, [`conformance_tests!`](crate::conformance_tests), which
//! expands to one `#[test]` per function, so a test added here runs on every
//! backend. Only what no generic code can do (break the database midway
//! through a put, count rows past the API) is asked of the backend, through
//! [`Backend`].
//!
//! Built only with the cargo feature `conformance`; backends enable it in
//! their dev-dependencies.

use crate::{
    DocumentSummary, EventFields, EventFilter, NewSession, PutOutcome, Review, ReviewAction, Stats, Store, StoreError,
    StoredEvent, UserRole, ZoneVersionRow, sha256_hex,
};
use truce_model::{ActorRole, Claim, DocMeta, Document, EventRecord, EventType, PartialDate, Role, Stance};

/// What a backend's tests give the suite: a fresh, empty store, and the few
/// things only the backend can do to it.
pub trait Backend {
    type Store: Store;

    /// The store under test.
    fn store(&mut self) -> &mut Self::Store;

    /// Makes every later claim insert fail inside the database (a trigger, for
    /// instance), from outside the store, so that a put fails midway, after its
    /// document, events, places and actors were written.
    fn break_claims(&mut self);

    /// Undoes [`Backend::break_claims`].
    fn repair_claims(&mut self);

    /// The number of rows in each table, read past the `Store` API, so that a
    /// failed put can be shown to leave even link tables as they were.
    fn row_counts(&mut self) -> Vec<(String, i64)>;
}

/// Expands to a module `conformance` with one `#[test]` per conformance
/// function, each on the fresh [`Backend`] that `$fresh` evaluates to (it is
/// evaluated once per test, inside a child module that sees the caller's
/// items).
///
/// ```ignore
/// truce_store::conformance_tests!(SqliteBackend::new());
/// ```
#[macro_export]
macro_rules! conformance_tests {
    ($fresh:expr) => {
        mod conformance {
            #[allow(unused_imports)]
            use super::*;

            fn fresh() -> impl $crate::conformance::Backend {
                $fresh
            }

            $crate::conformance_tests!(@store round_trip, duplicate_hash_adds_nothing, filters, document_lookup,
                stats_counts, event_by_id_and_revision, users_and_sessions, corrections_are_appended,
                search_documents_events_and_claimants, zone_import_round_trip, overlapping_zone_version_is_refused,
                incident_corrections_are_appended);

            #[test]
            fn failed_put_leaves_nothing() {
                $crate::conformance::failed_put_leaves_nothing(&mut fresh());
            }
        }
    };
    (@store $($name:ident),+) => {
        $(
            #[test]
            fn $name() {
                let mut backend = fresh();
                $crate::conformance::$name($crate::conformance::Backend::store(&mut backend));
            }
        )+
    };
}

/// A document, its events, and the raw bytes that go with it.
struct Fixture {
    raw: Vec<u8>,
    doc: Document,
    events: Vec<EventRecord>,
}

/// A 64-digit content hash starting with `prefix` (hex digits).
fn hash(prefix: &str) -> String {
    format!("{prefix:0<64}")
}

fn date(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn document(name: &str, content_hash: &str) -> Document {
    Document {
        meta: DocMeta { id: name.to_owned(), ..DocMeta::default() },
        content_hash: content_hash.to_owned(),
        title: None,
        clean_text: format!("Clean text of {name}."),
        removed: Vec::new(),
    }
}

/// A minimal event of `doc`; its `text` doubles as a label in assertions.
fn event(doc: &str, label: &str, event_type: EventType, when: Option<&str>, span_start: usize) -> EventRecord {
    EventRecord {
        doc: doc.to_owned(),
        event_type,
        date: when.map(date),
        date_end: None,
        places: Vec::new(),
        actors: Vec::new(),
        claims: Vec::new(),
        killed: None,
        injured: None,
        evidence: None,
        text: label.to_owned(),
        span: [span_start, span_start + label.chars().count()],
        rule: Vec::new(),
        confidence: 0.5,
    }
}

fn places(names: &[&str]) -> Vec<String> {
    names.iter().map(|&n| n.to_owned()).collect()
}

fn actor(name: &str, role: Role) -> ActorRole {
    ActorRole { name: name.to_owned(), role }
}

fn claim(claimant: &str, stance: Stance) -> Claim {
    Claim { claimant: claimant.to_owned(), stance }
}

fn put<S: Store>(store: &mut S, fx: &Fixture) -> i64 {
    match store.put_document(&fx.raw, &fx.doc, &fx.events).unwrap() {
        PutOutcome::Inserted { doc_id, events } => {
            assert_eq!(events, fx.events.len(), "events stored for {}", fx.doc.meta.id);
            doc_id
        }
        other => panic!("{} was not inserted: {other:?}", fx.doc.meta.id),
    }
}

fn labels(events: &[StoredEvent]) -> Vec<&str> {
    events.iter().map(|e| e.record.text.as_str()).collect()
}

fn all_events<S: Store>(store: &S) -> Vec<StoredEvent> {
    store.events(&EventFilter::default()).unwrap()
}

/// The report of the `events.md` example, with three events that between them
/// use every date precision, every optional field set and unset, and lists
/// whose order is not alphabetical.
fn rich_fixture() -> Fixture {
    let name = "000_304fdd65a8348845.txt";
    let mut doc = document(name, &hash("304fdd65a8348845"));
    doc.meta.outlet = Some("Ministry of Defense of Azerbaijan".into());
    doc.meta.published = Some(date("2023-03-25"));
    doc.meta.language = Some("en".into());
    doc.meta.url = Some("https://mod.gov.az/en/news/44321.html".into());
    doc.title = Some("Information of the Ministry of Defense".into());
    doc.clean_text = "Convoy seen near Khankendi. Бой у Шуши в ноябре 2020. On March 24, shots.".into();
    doc.removed = vec!["Menu".into(), "© 2023 footer".into()];

    let mut convoy = event(
        name,
        "the movement of a convoy was once again detected on March 24",
        EventType::MilitaryMovement,
        Some("2023-03-24"),
        312,
    );
    convoy.span = [312, 421];
    convoy.places = places(&["Khankendi", "Khalfali", "Turshsu"]);
    convoy.actors = vec![
        actor("Russian peacekeeping contingent", Role::Escort),
        actor("Armenian armed formations", Role::Perpetrator),
    ];
    convoy.claims = vec![
        claim("Ministry of Defense of Azerbaijan", Stance::Asserted),
        claim("Ministry of Defense of Armenia", Stance::Denied),
    ];
    convoy.injured = Some(0);
    convoy.evidence = Some("technical surveillance".into());
    convoy.rule = vec!["trigger:convoy".into(), "date:month-day".into()];
    convoy.confidence = 0.1; // Not exact in binary: must come back bit for bit.

    let mut war = event(name, "Бой у Шуши в ноябре 2020", EventType::ArmedClash, Some("2020-11"), 28);
    war.date_end = Some(date("2023"));
    war.places = places(&["Şuşa"]);
    war.actors = vec![actor("Armed Forces of Azerbaijan", Role::Participant)];
    war.claims = vec![claim("Armenpress", Stance::Asserted)];
    war.killed = Some(50);
    war.injured = Some(7);
    war.rule = vec!["range".into()];
    war.confidence = 0.875;

    let mut shots = event(name, "On March 24, shots.", EventType::Firing, Some("--03-24"), 53);
    shots.confidence = 0.0;

    Fixture { raw: b"<html>\xff\x00 raw bytes, not UTF-8</html>".to_vec(), doc, events: vec![convoy, war, shots] }
}

/// Everything put comes back exactly: document fields, raw bytes, and each
/// record with its lists in their order and its dates at their precision.
pub fn round_trip<S: Store>(store: &mut S) {
    let fx = rich_fixture();
    let doc_id = put(store, &fx);

    let stored = store.document(&doc_id.to_string()).unwrap().expect("document by id");
    let summary = &stored.summary;
    assert_eq!(
        (summary.doc_id, summary.name.as_str(), summary.content_hash.as_str()),
        (doc_id, fx.doc.meta.id.as_str(), fx.doc.content_hash.as_str())
    );
    assert_eq!(summary.outlet, fx.doc.meta.outlet);
    assert_eq!(summary.published, fx.doc.meta.published);
    assert_eq!(summary.language, fx.doc.meta.language);
    assert_eq!(summary.url, fx.doc.meta.url);
    assert_eq!(summary.title, fx.doc.title);
    assert_eq!(summary.n_events, 3);
    let at = &summary.ingested_at;
    assert!(
        at.len() == 20
            && at.as_bytes()[10] == b'T'
            && at.ends_with('Z')
            && at.parse::<PartialDate>().is_ok_and(|d| d.is_full()),
        "ingested_at {at:?} is not an RFC 3339 UTC timestamp"
    );
    assert_eq!(stored.clean_text, fx.doc.clean_text);
    assert_eq!(stored.removed, fx.doc.removed);
    assert_eq!(stored.raw, fx.raw);

    // In the document, events keep the order they were put in.
    let records: Vec<&EventRecord> = stored.events.iter().map(|e| &e.record).collect();
    assert_eq!(records, fx.events.iter().collect::<Vec<_>>());
    assert!(stored.events.iter().all(|e| e.doc_id == doc_id));
    let mut ids: Vec<i64> = stored.events.iter().map(|e| e.event_id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3, "event ids must be distinct: {ids:?}");

    assert_eq!(store.documents().unwrap(), vec![summary.clone()]);

    // Queried, they come by date, undated last, and are the same records.
    let by_date = store.events(&EventFilter { doc_id: Some(doc_id), ..EventFilter::default() }).unwrap();
    let expected = [&fx.events[1], &fx.events[0], &fx.events[2]];
    assert_eq!(by_date.iter().map(|e| &e.record).collect::<Vec<_>>(), expected);
    assert_eq!(by_date[1], stored.events[0]);
}

/// Putting bytes already stored (same content hash) writes nothing, whatever
/// the name and events that come with them.
pub fn duplicate_hash_adds_nothing<S: Store>(store: &mut S) {
    let fx = rich_fixture();
    let doc_id = put(store, &fx);
    let (stats, documents) = (store.stats().unwrap(), store.documents().unwrap());

    let mut again = rich_fixture();
    again.doc.meta.id = "copy.txt".into();
    again.events = vec![event("copy.txt", "a new event", EventType::Protest, Some("2024-01-01"), 0)];
    let outcome = store.put_document(&again.raw, &again.doc, &again.events).unwrap();

    assert_eq!(outcome, PutOutcome::Duplicate { doc_id });
    assert_eq!(store.stats().unwrap(), stats);
    assert_eq!(store.documents().unwrap(), documents);
    assert!(store.document("copy.txt").unwrap().is_none());
}

/// A put that fails partway leaves the store exactly as it was: no document,
/// no event, no place or actor first named by the failed document, and no row
/// in any table, link tables included.
///
/// The failing document stores an event with new places and actors before its
/// first claim, which [`Backend::break_claims`] makes fail.
pub fn failed_put_leaves_nothing<B: Backend>(backend: &mut B) {
    let store = backend.store();
    let mut first = Fixture { raw: b"first".to_vec(), doc: document("first.txt", &hash("f1")), events: Vec::new() };
    let mut e = event("first.txt", "earlier event", EventType::Firing, Some("2023-01-05"), 0);
    e.places = places(&["Khankendi"]);
    e.actors = vec![actor("Armenian armed formations", Role::Perpetrator)];
    first.events.push(e);
    put(store, &first);
    let (stats, documents, events) = (store.stats().unwrap(), store.documents().unwrap(), all_events(store));

    let name = "failing.txt";
    let mut failing = Fixture { raw: b"failing".to_vec(), doc: document(name, &hash("fa11")), events: Vec::new() };
    let mut e1 = event(name, "new places and actors, no claims", EventType::Deployment, Some("2023-02-01"), 0);
    e1.places = places(&["Lachin", "Khankendi"]);
    e1.actors = vec![actor("Russian peacekeeping contingent", Role::Participant)];
    let mut e2 = event(name, "a claim, which fails", EventType::Firing, Some("2023-02-02"), 40);
    e2.places = places(&["Aghdam"]);
    e2.actors = vec![actor("Armed Forces of Armenia", Role::Target)];
    e2.claims = vec![claim("Ministry of Defense of Azerbaijan", Stance::Asserted)];
    failing.events = vec![e1, e2];

    let rows = backend.row_counts();
    backend.break_claims();
    let store = backend.store();
    let result = store.put_document(&failing.raw, &failing.doc, &failing.events);
    assert!(matches!(result, Err(StoreError::Backend(_))), "the sabotaged put must fail: {result:?}");

    assert_eq!(store.stats().unwrap(), stats, "counts after the failed put");
    assert_eq!(store.documents().unwrap(), documents);
    assert_eq!(all_events(store), events);
    assert!(store.document(name).unwrap().is_none());
    assert!(store.document(&failing.doc.content_hash).unwrap().is_none());
    assert_eq!(backend.row_counts(), rows, "rows per table after the failed put");

    // Nothing lingers that would make the same put a duplicate.
    backend.repair_claims();
    let store = backend.store();
    put(store, &failing);
    assert_eq!(store.stats().unwrap().places, 3, "Khankendi, Lachin, Aghdam");
}

/// Every `EventFilter` field, alone and together, and the result order: by
/// the start of the event's period, undated last, then document, then span.
pub fn filters<S: Store>(store: &mut S) {
    use EventType::{Agreement, Firing, MineIncident, Protest};

    let mut a = Fixture { raw: b"a".to_vec(), doc: document("a.txt", &hash("aa")), events: Vec::new() };
    let mut a1 = event("a.txt", "a1", Firing, Some("2023-03-24"), 10);
    a1.places = places(&["Khankendi"]);
    let mut a2 = event("a.txt", "a2", Protest, Some("2023-02"), 20);
    a2.places = places(&["Şuşa"]);
    let a3 = event("a.txt", "a3", Firing, Some("2022"), 30);
    a.events = vec![a1, a2, a3];
    let a_id = put(store, &a);

    let mut b = Fixture { raw: b"b".to_vec(), doc: document("b.txt", &hash("bb")), events: Vec::new() };
    let mut b1 = event("b.txt", "b1", MineIncident, Some("2020-11"), 5);
    b1.date_end = Some(date("2023-03-10"));
    b1.places = places(&["Lachin", "Khankendi"]);
    let mut b2 = event("b.txt", "b2", Firing, Some("--03-24"), 1);
    b2.places = places(&["Khankendi"]);
    let b3 = event("b.txt", "b3", Firing, None, 2);
    // Same day as a1 and as each other: ordered by document, then span.
    let mut b4 = event("b.txt", "b4", Firing, Some("2023-03-24"), 50);
    b4.places = places(&["Lachin"]);
    let b5 = event("b.txt", "b5", Agreement, Some("2023-03-24"), 40);
    b.events = vec![b1, b2, b3, b4, b5];
    let b_id = put(store, &b);

    let query = |filter: EventFilter| labels(&store.events(&filter).unwrap()).join(" ");
    let dates = |from: Option<&str>, to: Option<&str>| {
        query(EventFilter { from: from.map(date), to: to.map(date), ..EventFilter::default() })
    };
    let of_type = |t: EventType| query(EventFilter { event_type: Some(t), ..EventFilter::default() });
    let at = |place: &str| query(EventFilter { place: Some(place.to_owned()), ..EventFilter::default() });

    assert_eq!(query(EventFilter::default()), "b1 a3 a2 a1 b5 b4 b2 b3");

    assert_eq!(of_type(Protest), "a2");
    assert_eq!(of_type(Firing), "a3 a1 b4 b2 b3");
    assert_eq!(of_type(EventType::Arrest), "");

    // Overlap with the event's whole period: a month, a year, a range.
    assert_eq!(dates(Some("2023-03-01"), Some("2023-03-31")), "b1 a1 b5 b4");
    assert_eq!(dates(Some("2023-02-15"), Some("2023-02-15")), "b1 a2");
    assert_eq!(dates(Some("2023-02-28"), Some("2023-02-28")), "b1 a2", "last day of a month-precision event");
    assert_eq!(dates(Some("2022"), Some("2022")), "b1 a3", "a year-precision bound is the whole year");
    // One bound only; bounds are inclusive.
    assert_eq!(dates(Some("2023-03"), None), "b1 a1 b5 b4");
    assert_eq!(dates(Some("2023-03-10"), None), "b1 a1 b5 b4");
    assert_eq!(dates(Some("2023-03-11"), None), "a1 b5 b4");
    assert_eq!(dates(None, Some("2022-12-31")), "b1 a3");
    assert_eq!(dates(None, Some("2020-10-31")), "");
    // A bound with no year names no period, and matches nothing.
    assert_eq!(dates(Some("--03-24"), None), "");

    assert_eq!(at("Khankendi"), "b1 a1 b2");
    assert_eq!(at("KHANKENDI"), "b1 a1 b2");
    assert_eq!(at("ŞUŞA"), "a2", "case-insensitive beyond ASCII");
    assert_eq!(at("şuşa"), "a2");
    assert_eq!(at("Khan"), "", "whole names only");

    assert_eq!(query(EventFilter { doc_id: Some(b_id), ..EventFilter::default() }), "b1 b5 b4 b2 b3");
    assert_eq!(query(EventFilter { doc_id: Some(b_id + a_id + 100), ..EventFilter::default() }), "");

    assert_eq!(query(EventFilter { limit: Some(3), ..EventFilter::default() }), "b1 a3 a2");
    assert_eq!(query(EventFilter { limit: Some(0), ..EventFilter::default() }), "");

    assert_eq!(
        query(EventFilter { event_type: Some(Firing), place: Some("lachin".into()), ..EventFilter::default() }),
        "b4"
    );
    assert_eq!(
        query(EventFilter {
            event_type: Some(Firing),
            from: Some(date("2023")),
            doc_id: Some(a_id),
            limit: Some(5),
            ..EventFilter::default()
        }),
        "a1"
    );
}

/// `document(key)` finds a document by numeric id, by name (the newest of that
/// name) and by a content-hash prefix of 8 hex digits or more.
pub fn document_lookup<S: Store>(store: &mut S) {
    let fixture = |name: &str, content_hash: &str| Fixture {
        raw: content_hash.as_bytes().to_vec(),
        doc: document(name, content_hash),
        events: vec![event(name, "an event", EventType::Firing, Some("2023-03-24"), 0)],
    };
    let (old, new, other) = (
        fixture("report.txt", &hash("deadbeef01")),
        fixture("report.txt", &hash("deadbeef02")),
        fixture("other.txt", &hash("c0ffee")),
    );
    let old_id = put(store, &old);
    let new_id = put(store, &new);
    let other_id = put(store, &other);
    let found = |key: &str| store.document(key).unwrap().map(|d| d.summary.doc_id);

    assert_eq!(found(&old_id.to_string()), Some(old_id));
    assert_eq!(found(&other_id.to_string()), Some(other_id));
    assert_eq!(found("report.txt"), Some(new_id), "the newest of that name");
    assert_eq!(found("other.txt"), Some(other_id));
    assert_eq!(found(&old.doc.content_hash), Some(old_id));
    assert_eq!(found("c0ffee00"), Some(other_id));
    assert_eq!(found("C0FFEE00"), Some(other_id));
    assert_eq!(found("deadbeef02"), Some(new_id));
    assert_eq!(found("c0ffee0"), None, "7 hex digits are too few");
    assert_eq!(found("Report.txt"), None);
    assert_eq!(found(&(old_id + new_id + other_id + 100).to_string()), None);
    // A prefix two documents share must not pick one of them.
    let shared = store.document("deadbeef");
    assert!(!matches!(shared, Ok(Some(_))), "ambiguous prefix answered {shared:?}");

    let stored = store.document("report.txt").unwrap().unwrap();
    assert_eq!(stored.raw, new.raw);
    assert_eq!(stored.events.len(), 1);

    let names: Vec<(i64, String)> = store.documents().unwrap().into_iter().map(|d| (d.doc_id, d.name)).collect();
    assert_eq!(
        names,
        vec![(old_id, "report.txt".to_owned()), (new_id, "report.txt".to_owned()), (other_id, "other.txt".to_owned())],
        "oldest first"
    );
}

/// `stats()` counts documents, events, claims (and denials among them),
/// distinct places and actors, and events per type.
pub fn stats_counts<S: Store>(store: &mut S) {
    assert_eq!(store.stats().unwrap(), Stats::default());

    let mut a = Fixture { raw: b"a".to_vec(), doc: document("a.txt", &hash("a0")), events: Vec::new() };
    let mut e1 = event("a.txt", "e1", EventType::Firing, Some("2023-01-01"), 0);
    e1.places = places(&["Khankendi", "Lachin"]);
    e1.actors = vec![actor("X", Role::Perpetrator), actor("Y", Role::Target)];
    e1.claims = vec![claim("C1", Stance::Asserted), claim("C2", Stance::Denied)];
    let mut e2 = event("a.txt", "e2", EventType::Protest, None, 10);
    e2.places = places(&["Khankendi"]);
    e2.actors = vec![actor("X", Role::Participant)];
    e2.claims = vec![claim("C1", Stance::Asserted)];
    a.events = vec![e1, e2];
    put(store, &a);

    let mut b = Fixture { raw: b"b".to_vec(), doc: document("b.txt", &hash("b0")), events: Vec::new() };
    let mut e3 = event("b.txt", "e3", EventType::Firing, Some("2023"), 0);
    e3.places = places(&["Lachin", "Martuni"]);
    e3.actors = vec![actor("Z", Role::Observer)];
    e3.claims = vec![claim("C3", Stance::Denied), claim("C4", Stance::Denied)];
    b.events = vec![e3];
    put(store, &b);
    let empty = Fixture { raw: b"c".to_vec(), doc: document("c.txt", &hash("c0")), events: Vec::new() };
    put(store, &empty);

    assert_eq!(
        store.stats().unwrap(),
        Stats {
            documents: 3,
            events: 3,
            claims: 5,
            denied_claims: 3,
            places: 3,
            actors: 3,
            events_by_type: vec![("firing".to_owned(), 2), ("protest".to_owned(), 1)],
        }
    );
    let n_events: Vec<usize> = store.documents().unwrap().iter().map(|d: &DocumentSummary| d.n_events).collect();
    assert_eq!(n_events, vec![2, 1, 0]);
}

/// `event(id)` returns the stored record; `revision()` grows with every
/// document and every correction.
pub fn event_by_id_and_revision<S: Store>(store: &mut S) {
    let r0 = store.revision().unwrap();
    let fx = rich_fixture();
    let doc_id = put(store, &fx);
    let r1 = store.revision().unwrap();
    assert!(r1 > r0, "a document raises the revision: {r0} -> {r1}");
    let stored = store.document(&doc_id.to_string()).unwrap().unwrap();
    for e in &stored.events {
        assert_eq!(store.event(e.event_id).unwrap().as_ref(), Some(e));
    }
    let missing = stored.events.iter().map(|e| e.event_id).max().unwrap() + 1000;
    assert_eq!(store.event(missing).unwrap(), None);

    // A duplicate writes nothing, so the revision stays.
    store.put_document(&fx.raw, &fx.doc, &fx.events).unwrap();
    assert_eq!(store.revision().unwrap(), r1);
    store.apply_correction(stored.events[0].event_id, "ana", &Review::Accept, None).unwrap();
    let r2 = store.revision().unwrap();
    assert!(r2 > r1, "a correction raises the revision: {r1} -> {r2}");
}

/// Users are found by exact name with their hash and role; a name is taken
/// once; sessions find their user and CSRF token until deleted.
pub fn users_and_sessions<S: Store>(store: &mut S) {
    assert!(store.users().unwrap().is_empty());
    assert!(store.user("ana").unwrap().is_none());
    let ana = store.add_user("ana", UserRole::Analyst, "$argon2id$v=19$hash-a").unwrap();
    let vic = store.add_user("Víctor", UserRole::Viewer, "$argon2id$v=19$hash-v").unwrap();
    let adm = store.add_user("root", UserRole::Admin, "$argon2id$v=19$hash-r").unwrap();
    assert_eq!((ana.name.as_str(), ana.role), ("ana", UserRole::Analyst));
    assert_ne!(ana.user_id, vic.user_id);
    let at = &ana.created_at;
    assert!(at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T', "created_at {at:?}");

    let found = store.user("ana").unwrap().expect("ana");
    assert_eq!((found.user, found.password_hash.as_str()), (ana.clone(), "$argon2id$v=19$hash-a"));
    assert_eq!(store.user("Víctor").unwrap().unwrap().user.role, UserRole::Viewer);
    assert!(store.user("ANA").unwrap().is_none(), "names are exact");
    assert_eq!(store.users().unwrap(), vec![ana.clone(), vic.clone(), adm.clone()], "oldest first");

    let again = store.add_user("ana", UserRole::Admin, "other");
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(store.user("ana").unwrap().unwrap().user.role, UserRole::Analyst, "unchanged by the refused add");

    let session = |token: &str, user_id: i64| NewSession {
        token_hash: format!("{token:0<64}"),
        user_id,
        csrf_token: format!("csrf-{token}"),
        expires_at: "2999-01-01T00:00:00Z".into(),
    };
    store.create_session(&session("a1", ana.user_id)).unwrap();
    store.create_session(&session("a2", ana.user_id)).unwrap();
    store.create_session(&session("v1", vic.user_id)).unwrap();
    let unknown = store.create_session(&session("x", ana.user_id + vic.user_id + adm.user_id + 100));
    assert!(matches!(unknown, Err(StoreError::NotFound(_))), "{unknown:?}");

    let a1 = store.session(&format!("{:0<64}", "a1")).unwrap().expect("session a1");
    assert_eq!((a1.user, a1.csrf_token.as_str(), a1.expires_at.as_str()), (ana, "csrf-a1", "2999-01-01T00:00:00Z"));
    assert!(a1.created_at.ends_with('Z'));
    assert_eq!(store.session(&format!("{:0<64}", "v1")).unwrap().unwrap().user, vic);
    assert!(store.session(&format!("{:0<64}", "zz")).unwrap().is_none());

    assert!(store.delete_session(&format!("{:0<64}", "a1")).unwrap());
    assert!(!store.delete_session(&format!("{:0<64}", "a1")).unwrap(), "already gone");
    assert!(store.session(&format!("{:0<64}", "a1")).unwrap().is_none());
    assert!(store.session(&format!("{:0<64}", "a2")).unwrap().is_some(), "other sessions stay");
}

/// A review is appended with the effective fields before and after it; the
/// extracted record never changes; the latest correction is the effective
/// one; nothing is deleted.
pub fn corrections_are_appended<S: Store>(store: &mut S) {
    let fx = rich_fixture();
    let doc_id = put(store, &fx);
    let events = store.document(&doc_id.to_string()).unwrap().unwrap().events;
    let (convoy, war) = (&events[0], &events[1]);
    let machine = EventFields::of(&convoy.record);
    assert!(store.history(convoy.event_id).unwrap().is_empty());
    assert!(store.reviews().unwrap().is_empty());

    let mut fixed = machine.clone();
    fixed.event_type = EventType::Firing;
    fixed.date = Some(date("2023-03-23"));
    fixed.places = places(&["Lachin"]);
    fixed.actors = vec![actor("Armed Forces of Armenia", Role::Perpetrator)];
    fixed.killed = Some(1);
    fixed.injured = None;
    let first = store
        .apply_correction(convoy.event_id, "ana", &Review::Correct(fixed.clone()), Some("date from the bulletin"))
        .unwrap();
    assert_eq!((first.event_id, first.user.as_str(), first.action), (convoy.event_id, "ana", ReviewAction::Correct));
    assert_eq!((&first.before, &first.after), (&machine, &fixed));
    assert_eq!(first.note.as_deref(), Some("date from the bulletin"));
    assert!(first.created_at.ends_with('Z'), "{}", first.created_at);

    // Accepting after a correction keeps the corrected fields.
    let second = store.apply_correction(convoy.event_id, "bob", &Review::Accept, None).unwrap();
    assert_eq!((&second.before, &second.after, second.note.as_deref()), (&fixed, &fixed, None));
    assert!(second.correction_id > first.correction_id);
    let third = store.apply_correction(war.event_id, "ana", &Review::Reject, Some("not an event")).unwrap();
    assert_eq!(third.before, EventFields::of(&war.record));
    assert_eq!(third.after, third.before);

    assert_eq!(store.history(convoy.event_id).unwrap(), vec![first.clone(), second.clone()]);
    assert_eq!(store.history(war.event_id).unwrap(), vec![third.clone()]);
    assert_eq!(store.reviews().unwrap(), vec![second.clone(), third.clone()], "latest per event, by event id");

    // The extracted record is kept as it was, everywhere.
    assert_eq!(store.event(convoy.event_id).unwrap().as_ref(), Some(convoy));
    assert_eq!(store.document(&doc_id.to_string()).unwrap().unwrap().events, events);
    let effective = second.after.apply_to(&convoy.record);
    assert_eq!((effective.event_type, effective.killed), (EventType::Firing, Some(1)));
    assert_eq!(
        (&effective.text, effective.span, &effective.claims),
        (&convoy.record.text, convoy.record.span, &convoy.record.claims)
    );

    // A correction that goes back to the machine's fields is one more entry.
    let back = store.apply_correction(convoy.event_id, "ana", &Review::Correct(machine.clone()), None).unwrap();
    assert_eq!((&back.before, &back.after), (&fixed, &machine));
    assert_eq!(store.history(convoy.event_id).unwrap().len(), 3);

    let missing = events.iter().map(|e| e.event_id).max().unwrap() + 1000;
    let result = store.apply_correction(missing, "ana", &Review::Accept, None);
    assert!(matches!(result, Err(StoreError::NotFound(_))), "{result:?}");
    assert!(store.history(missing).unwrap().is_empty());
}

/// Search finds documents by title and text, events by sentence or
/// claimant, every term required, case-insensitively; punctuation and
/// operators in a query are not syntax.
pub fn search_documents_events_and_claimants<S: Store>(store: &mut S) {
    let mut a = Fixture { raw: b"a".to_vec(), doc: document("a.txt", &hash("a5")), events: Vec::new() };
    a.doc.title = Some("Shelling near Martuni".into());
    a.doc.clean_text = "Mortar fire was reported overnight. The copper-molybdenum deposit is idle. Şuşa".into();
    let mut a1 = event("a.txt", "Mortar fire was reported overnight.", EventType::Firing, Some("2021-10-01"), 0);
    a1.claims = vec![claim("Ministry of Defense of Azerbaijan", Stance::Asserted)];
    let mut a2 = event("a.txt", "The copper-molybdenum deposit is idle.", EventType::ResourceExploitation, None, 36);
    a2.claims = vec![claim("Borderline Dispatch", Stance::Asserted), claim("Armenpress", Stance::Denied)];
    a.events = vec![a1, a2];
    let a_id = put(store, &a);
    let mut b = Fixture { raw: b"b".to_vec(), doc: document("b.txt", &hash("b5")), events: Vec::new() };
    b.doc.clean_text = "A protest <script>alert(1)</script> blocked the road; mortar rounds?".into();
    b.events = vec![event("b.txt", "A protest blocked the road", EventType::Protest, Some("2022-12-12"), 0)];
    let b_id = put(store, &b);
    let ids = store.document(&a_id.to_string()).unwrap().unwrap().events;
    let (a1_id, a2_id) = (ids[0].event_id, ids[1].event_id);
    let b1_id = store.document(&b_id.to_string()).unwrap().unwrap().events[0].event_id;

    let docs = |q: &str| {
        let mut d = store.search(q, 10).unwrap().documents;
        d.sort_unstable();
        d
    };
    let evs = |q: &str| {
        let mut e = store.search(q, 10).unwrap().events;
        e.sort_unstable();
        e
    };
    assert_eq!(docs("mortar"), vec![a_id, b_id]);
    assert_eq!(docs("MORTAR Overnight"), vec![a_id], "every term, any case");
    assert_eq!(docs("martuni"), vec![a_id], "the title is searched");
    assert_eq!(docs("molybdenum"), vec![a_id]);
    assert_eq!(docs("şuşa"), vec![a_id], "beyond ASCII");
    assert_eq!(docs("script"), vec![b_id]);
    assert_eq!(docs("shelling rounds"), Vec::<i64>::new());
    assert_eq!(evs("mortar"), vec![(a1_id, a_id)], "only the sentence, not the whole document");
    assert_eq!(evs("road protest"), vec![(b1_id, b_id)]);
    assert_eq!(evs("armenpress"), vec![(a2_id, a_id)], "a claimant's name");
    assert_eq!(evs("ministry azerbaijan"), vec![(a1_id, a_id)]);
    assert_eq!(evs("deposit idle"), vec![(a2_id, a_id)]);
    for hostile in ["\"mortar", "mortar*", "(mortar", "mortar OR", "NEAR(mortar", "-mortar", "mortar'; DROP TABLE x"] {
        let found = store.search(hostile, 10);
        assert!(found.is_ok(), "{hostile:?}: {found:?}");
    }
    assert_eq!(docs("\"mortar\" (overnight)*"), vec![a_id], "quotes, brackets and stars are not syntax");
    assert_eq!(docs("mortar OR shelling"), Vec::<i64>::new(), "'OR' is one more term, not an operator");
    assert_eq!(store.search("", 10).unwrap(), Default::default());
    assert_eq!(store.search("  ?!  ", 10).unwrap(), Default::default());
    assert_eq!(store.search("mortar", 1).unwrap().documents.len(), 1, "the limit holds");
}

/// A zone version over a small square with corner `(lon, lat)`; the
/// coordinates have more digits than an f32 holds, so the geometry text must
/// come back exactly as given.
fn zone_row(from: &str, to: Option<&str>, lon: f64, lat: f64) -> ZoneVersionRow {
    let (x1, y1) = (lon + 0.123_456_789_012_345, lat + 0.1);
    ZoneVersionRow {
        valid_from: date(from),
        valid_to: to.map(date),
        source: "Ministry map of 2023-01-01".into(),
        note: "«published» outline".into(),
        constructed: false,
        geometry: format!(
            r#"{{"type":"Polygon","coordinates":[[[{lon},{lat}],[{x1},{lat}],[{x1},{y1}],[{lon},{y1}],[{lon},{lat}]]]}}"#
        ),
        bbox: [lon, lat, x1, y1],
    }
}

fn named(name: &str, row: ZoneVersionRow) -> (String, ZoneVersionRow) {
    (name.to_owned(), row)
}

/// A zone import keeps the file's bytes with their SHA-256, who imported it
/// and when, and its versions exactly as given; versions read back by zone
/// name, then date; a later import may add a period that does not overlap.
pub fn zone_import_round_trip<S: Store>(store: &mut S) {
    assert!(store.zone_imports().unwrap().is_empty());
    assert!(store.zone_versions().unwrap().is_empty());
    let r0 = store.revision().unwrap();

    let raw = b"{\"type\":\"FeatureCollection\", \"features\": []}\n\xff not UTF-8".to_vec();
    let mut constructed = zone_row("2020-11-10", Some("2022-08-25"), 46.5, 39.6);
    constructed.constructed = true;
    constructed.note = String::new();
    let first = vec![
        named("zone-b", zone_row("2023-01-01", None, 46.7, 39.8)),
        named("zone-a", zone_row("2023-01-01", Some("2023-06-30"), 46.6, 39.7)),
        named("zone-a", constructed.clone()),
    ];
    let id1 = store.put_zone_import("ana", "ministry-2023.geojson", &raw, &first).unwrap();
    let r1 = store.revision().unwrap();
    assert!(r1 > r0, "an import raises the revision: {r0} -> {r1}");

    // The day after a version ends, another may start.
    let second = vec![named("zone-a", zone_row("2023-07-01", None, 46.61, 39.71))];
    let id2 = store.put_zone_import("Víctor", "later.geojson", b"second file", &second).unwrap();
    assert!(id2 > id1, "ids grow: {id1}, {id2}");
    assert!(store.revision().unwrap() > r1);

    let expected = vec![named("zone-a", constructed), first[1].clone(), second[0].clone(), first[0].clone()];
    assert_eq!(store.zone_versions().unwrap(), expected, "by zone name, then date; every field as given");

    let imports = store.zone_imports().unwrap();
    assert_eq!(imports.len(), 2);
    let (a, b) = (&imports[0], &imports[1]);
    assert_eq!((a.import_id, a.file.as_str(), a.user.as_str()), (id1, "ministry-2023.geojson", "ana"));
    assert_eq!(a.raw, raw, "raw bytes kept exactly");
    assert_eq!(a.sha256, sha256_hex(&raw));
    assert_eq!(a.zones, ["zone-a", "zone-b"]);
    assert_eq!((b.import_id, b.user.as_str(), b.raw.as_slice()), (id2, "Víctor", &b"second file"[..]));
    assert_eq!(b.zones, ["zone-a"]);
    for at in [&a.imported_at, &b.imported_at] {
        assert!(at.len() == 20 && at.as_bytes()[10] == b'T' && at.ends_with('Z'), "imported_at {at:?}");
    }
}

/// A version overlapping a stored version of the same zone (or another
/// version of the same import) is refused as a conflict, and nothing of that
/// import is stored, not even its other versions; rows that are not
/// storable are refused before anything is written.
pub fn overlapping_zone_version_is_refused<S: Store>(store: &mut S) {
    let stored = vec![
        named("corridor", zone_row("2023-01-01", Some("2023-06-30"), 46.5, 39.5)),
        named("corridor", zone_row("2023-08-01", None, 46.5, 39.5)),
    ];
    store.put_zone_import("ana", "first.geojson", b"first", &stored).unwrap();
    let (versions, imports, revision) =
        (store.zone_versions().unwrap(), store.zone_imports().unwrap(), store.revision().unwrap());
    let unchanged = |store: &S, case: &str| {
        assert_eq!(store.zone_versions().unwrap(), versions, "{case}: versions");
        assert_eq!(store.zone_imports().unwrap(), imports, "{case}: imports");
        assert_eq!(store.revision().unwrap(), revision, "{case}: revision");
    };

    for (case, from, to) in [
        ("the last day of a stored version", "2023-06-30", Some("2023-07-15")),
        ("inside a stored version", "2023-02-01", Some("2023-02-02")),
        ("around a stored version", "2022-01-01", Some("2024-01-01")),
        ("an open-ended stored version", "2030-01-01", None),
        ("open-ended, starting before", "2023-07-01", None),
    ] {
        // A good version of another zone first: it must not be stored either.
        let batch = vec![
            named("elsewhere", zone_row("2023-01-01", None, 45.0, 40.0)),
            named("corridor", zone_row(from, to, 46.5, 39.5)),
        ];
        let result = store.put_zone_import("bob", "overlap.geojson", b"overlap", &batch);
        match &result {
            Err(StoreError::Conflict(message)) => {
                assert!(message.contains("corridor") && message.contains("overlap.geojson"), "{case}: {message}")
            }
            other => panic!("{case}: expected a conflict, got {other:?}"),
        }
        unchanged(store, case);
    }

    // Two versions of one zone in the same import that overlap each other.
    let batch = vec![
        named("new-zone", zone_row("2023-01-01", Some("2023-03-01"), 45.0, 40.0)),
        named("new-zone", zone_row("2023-03-01", None, 45.0, 40.0)),
    ];
    let result = store.put_zone_import("bob", "self.geojson", b"self", &batch);
    assert!(matches!(result, Err(StoreError::Conflict(_))), "{result:?}");
    unchanged(store, "overlapping within the import");

    // Rows no store may keep.
    let partial = zone_row("2023-01", None, 45.0, 40.0);
    let backwards = zone_row("2023-05-01", Some("2023-04-30"), 45.0, 40.0);
    let mut no_box = zone_row("2023-05-01", None, 45.0, 40.0);
    no_box.bbox[0] = f64::NAN;
    for (case, batch) in [
        ("no versions", vec![]),
        ("a month, not a day", vec![named("z", partial)]),
        ("an end before the start", vec![named("z", backwards)]),
        ("a bounding box that is not a number", vec![named("z", no_box)]),
        ("an empty zone name", vec![named(" ", zone_row("2023-05-01", None, 45.0, 40.0))]),
    ] {
        let result = store.put_zone_import("bob", "bad.geojson", b"bad", &batch);
        assert!(matches!(&result, Err(StoreError::Backend(m)) if m.contains("bad.geojson")), "{case}: {result:?}");
        unchanged(store, case);
    }
    // Exactly the gap between the stored versions fits.
    let fits = vec![named("corridor", zone_row("2023-07-01", Some("2023-07-31"), 46.5, 39.5))];
    store.put_zone_import("bob", "gap.geojson", b"gap", &fits).unwrap();
    assert_eq!(store.zone_versions().unwrap().len(), 3);
}

/// Incident corrections are appended, read back oldest first with their
/// text exactly as given; text that is not JSON is refused.
pub fn incident_corrections_are_appended<S: Store>(store: &mut S) {
    assert!(store.incident_corrections().unwrap().is_empty());
    let r0 = store.revision().unwrap();
    let texts = [
        r#"{"op":"merge","a":12,"b":7}"#,
        "{ \"op\": \"split\", \"incident\": 7, \"events\": [12] }",
        r#"{"op":"verdict","incident":7,"verdict":{"kind":"credible","reviewer":"Víctor","note":"«two sources»"}}"#,
    ];
    let users = ["ana", "bob", "Víctor"];
    let mut ids = Vec::new();
    for (user, text) in users.iter().zip(texts) {
        ids.push(store.add_incident_correction(user, text).unwrap());
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids grow: {ids:?}");
    let r1 = store.revision().unwrap();
    assert!(r1 > r0, "a correction raises the revision: {r0} -> {r1}");

    let rows = store.incident_corrections().unwrap();
    let read: Vec<(i64, &str, &str)> = rows.iter().map(|r| (r.id, r.user.as_str(), r.json.as_str())).collect();
    let expected: Vec<(i64, &str, &str)> = ids.iter().zip(users).zip(texts).map(|((&id, u), t)| (id, u, t)).collect();
    assert_eq!(read, expected, "oldest first, as given");
    for r in &rows {
        let at = &r.created_at;
        assert!(at.len() == 20 && at.as_bytes()[10] == b'T' && at.ends_with('Z'), "created_at {at:?}");
    }

    for bad in ["", "merge 12 7", "{\"op\":"] {
        let result = store.add_incident_correction("ana", bad);
        assert!(result.is_err(), "{bad:?} was stored: {result:?}");
    }
    assert_eq!(store.incident_corrections().unwrap(), rows, "nothing stored by a refused correction");
    assert_eq!(store.revision().unwrap(), r1);
}
