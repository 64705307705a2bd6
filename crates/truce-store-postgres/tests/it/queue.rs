//! The job queue: enqueue, lease, complete, fail and park; leases that expire;
//! workers in threads and a worker killed in a child process.

use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use truce_model::DocMeta;
use truce_store::{EventFilter, PutOutcome, Store, StoreError};
use truce_store_postgres::PgStore;
use truce_store_postgres::queue::{
    EnqueueOutcome, Job, JobCounts, JobOutcome, JobState, MAX_ATTEMPTS, ProcessError, WorkerOptions, WorkerReport,
    run_worker, run_workers,
};
use truce_store_postgres::synthetic;

use crate::{SABOTAGE_CLAIMS, TABLES, TestSchema, pg_url};

const LONG: Duration = Duration::from_secs(300);

fn enqueue_reports(store: &mut PgStore, n: usize) {
    for i in 0..n {
        let (name, raw) = synthetic::report(i);
        let meta = DocMeta { id: name.clone(), ..DocMeta::default() };
        let outcome = store.enqueue(&name, &format!("/inbox/{name}"), &raw, &meta).unwrap();
        assert!(matches!(outcome, EnqueueOutcome::Queued { .. }), "{name}: {outcome:?}");
    }
}

fn drain_opts() -> WorkerOptions {
    WorkerOptions { exit_when_idle: true, poll_interval: Duration::from_millis(20), ..WorkerOptions::default() }
}

fn state_of(store: &PgStore, job_id: i64) -> (JobState, u32, Option<String>) {
    let job = store.jobs().unwrap().into_iter().find(|j| j.id == job_id).unwrap();
    (job.state, job.attempts, job.last_error)
}

#[test]
fn enqueue_skips_bytes_already_stored_or_queued() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    let (name, raw) = synthetic::report(1);
    let meta = DocMeta { id: name.clone(), outlet: Some("Outlet".into()), ..DocMeta::default() };
    let EnqueueOutcome::Queued { job_id } = store.enqueue(&name, "a/path", &raw, &meta).unwrap() else {
        panic!("not queued")
    };
    assert_eq!(
        store.enqueue("other-name.txt", "b/path", &raw, &meta).unwrap(),
        EnqueueOutcome::AlreadyQueued { job_id }
    );

    let job = store.lease("w1", LONG).unwrap().unwrap();
    assert_eq!((job.id, job.attempts, job.raw.as_slice(), &job.meta), (job_id, 1, raw.as_slice(), &meta));
    assert_eq!(store.enqueue(&name, "a/path", &raw, &meta).unwrap(), EnqueueOutcome::AlreadyQueued { job_id });

    let (doc, events) = synthetic::process(&job).unwrap();
    let PutOutcome::Inserted { doc_id, .. } = store.complete(job.id, &job.raw, &doc, &events).unwrap() else {
        panic!("not inserted")
    };
    assert_eq!(store.enqueue(&name, "a/path", &raw, &meta).unwrap(), EnqueueOutcome::AlreadyStored { doc_id });
    assert_eq!(store.counts().unwrap(), JobCounts { done: 1, ..JobCounts::default() });
}

/// queued → running (with worker and lease shown) → done, with the document
/// stored and the job's bytes dropped.
#[test]
fn a_job_is_leased_then_completed() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    enqueue_reports(&mut store, 2);
    let first = store.lease("w1", LONG).unwrap().unwrap();
    let second = store.lease("w2", LONG).unwrap().unwrap();
    assert!(first.id < second.id, "oldest first");
    assert!(store.lease("w3", LONG).unwrap().is_none(), "both are leased");

    let listed = store.jobs().unwrap();
    assert_eq!(listed[0].state, JobState::Running);
    assert_eq!(listed[0].worker.as_deref(), Some("w1"));
    assert_eq!(listed[0].source_path, "/inbox/report-00000.txt");
    assert!(listed[0].leased_until.as_ref().is_some_and(|t| t.ends_with('Z') && t.len() == 20), "{listed:?}");
    assert_eq!(store.counts().unwrap(), JobCounts { running: 2, ..JobCounts::default() });

    let (doc, events) = synthetic::process(&first).unwrap();
    let outcome = store.complete(first.id, &first.raw, &doc, &events).unwrap();
    let PutOutcome::Inserted { doc_id, events: n } = outcome else { panic!("{outcome:?}") };
    assert_eq!(n, events.len());
    let stored = store.document(&doc_id.to_string()).unwrap().unwrap();
    assert_eq!((stored.raw, stored.summary.name), (first.raw.clone(), first.doc_name.clone()));

    let done = &store.jobs().unwrap()[0];
    assert_eq!((done.state, done.doc_id, done.leased_until.as_deref()), (JobState::Done, Some(doc_id), None));
    let mut client = schema.client();
    let raw_len: i32 = client.query_one("SELECT length(raw) FROM jobs WHERE id = $1", &[&first.id]).unwrap().get(0);
    assert_eq!(raw_len, 0, "the document keeps the bytes, the done job does not");
}

/// A document whose content hash is not the job's bytes' is refused.
#[test]
fn completing_with_another_documents_hash_is_refused() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    enqueue_reports(&mut store, 1);
    let job = store.lease("w", LONG).unwrap().unwrap();
    let (mut doc, events) = synthetic::process(&job).unwrap();
    doc.content_hash = "00".repeat(32);
    let result = store.complete(job.id, &job.raw, &doc, &events);
    assert!(matches!(&result, Err(StoreError::Backend(m)) if m.contains("content hash")), "{result:?}");
    assert_eq!(store.stats().unwrap().documents, 0);
    assert_eq!(state_of(&store, job.id).0, JobState::Running);
}

/// A job failing MAX_ATTEMPTS times is parked with its error; a refused input
/// fails at once.
#[test]
fn failing_three_times_parks_the_job_with_its_error() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    enqueue_reports(&mut store, 1);
    for attempt in 1..=MAX_ATTEMPTS as u32 {
        let job = store.lease("w", LONG).unwrap().unwrap();
        assert_eq!(job.attempts, attempt);
        let state = store.fail(job.id, &format!("boom {attempt}")).unwrap();
        let expected = if attempt < MAX_ATTEMPTS as u32 { JobState::Queued } else { JobState::Parked };
        assert_eq!(state, expected);
        assert_eq!(state_of(&store, job.id), (expected, attempt, Some(format!("boom {attempt}"))));
    }
    assert!(store.lease("w", LONG).unwrap().is_none(), "a parked job is not leased");
    assert_eq!(store.counts().unwrap(), JobCounts { parked: 1, ..JobCounts::default() });

    // The same through the worker loop, with a permanent failure beside it.
    let schema = TestSchema::new();
    let mut store = schema.store();
    enqueue_reports(&mut store, 2);
    let report = run_worker(
        &mut store,
        "w",
        |job: &Job| {
            if job.doc_name.ends_with("0.txt") {
                Err(ProcessError::retry("the extractor had a bad day"))
            } else {
                Err(ProcessError::permanent("not a readable document"))
            }
        },
        drain_opts(),
    )
    .unwrap();
    assert_eq!(report, WorkerReport { retried: 2, parked: 1, failed: 1, ..WorkerReport::default() });
    let jobs = store.jobs().unwrap();
    assert_eq!(
        (jobs[0].state, jobs[0].attempts, jobs[0].last_error.as_deref()),
        (JobState::Parked, 3, Some("the extractor had a bad day"))
    );
    assert_eq!(
        (jobs[1].state, jobs[1].attempts, jobs[1].last_error.as_deref()),
        (JobState::Failed, 1, Some("not a readable document"))
    );
}

/// A panic in `process` is a failed attempt of that job, not the worker's end.
#[test]
fn a_panic_in_process_is_a_failed_attempt() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    enqueue_reports(&mut store, 2);
    let calls = AtomicUsize::new(0);
    let report = run_worker(
        &mut store,
        "w",
        |job: &Job| {
            if calls.fetch_add(1, Ordering::Relaxed) == 0 {
                panic!("extractor bug");
            }
            synthetic::process(job)
        },
        drain_opts(),
    )
    .unwrap();
    assert_eq!((report.stored, report.retried), (2, 1));
    let first = &store.jobs().unwrap()[0];
    assert_eq!((first.state, first.attempts), (JobState::Done, 2));
    assert!(first.last_error.as_deref().is_some_and(|e| e.contains("panicked: extractor bug")), "{first:?}");
}

/// A job whose lease expired is taken by another worker; the first worker's
/// late completion and the second's both end with one document.
#[test]
fn an_expired_lease_is_taken_by_another_worker() {
    let schema = TestSchema::new();
    let (mut a, mut b) = (schema.store(), schema.store());
    enqueue_reports(&mut a, 1);
    let slow = a.lease("a", Duration::from_secs(1)).unwrap().unwrap();
    assert!(b.lease("b", LONG).unwrap().is_none(), "leased, not expired");
    std::thread::sleep(Duration::from_millis(1200));
    let taken = b.lease("b", LONG).unwrap().unwrap();
    assert_eq!((taken.id, taken.attempts, taken.worker.as_str()), (slow.id, 2, "b"));

    // The first worker's late failure does not end the second one's attempt.
    assert_eq!(a.fail(slow.id, "too slow").unwrap(), JobState::Running);
    assert_eq!(state_of(&a, slow.id), (JobState::Running, 2, None));
    let (doc, events) = synthetic::process(&slow).unwrap();
    assert!(matches!(a.complete(slow.id, &slow.raw, &doc, &events).unwrap(), PutOutcome::Inserted { .. }));
    assert!(matches!(b.complete(taken.id, &taken.raw, &doc, &events).unwrap(), PutOutcome::Duplicate { .. }));
    // A failure reported after someone else completed the job changes nothing.
    assert_eq!(b.fail(taken.id, "too late").unwrap(), JobState::Done);
    assert_eq!(a.stats().unwrap().documents, 1);
    assert_eq!(state_of(&a, slow.id).0, JobState::Done);
}

/// A job whose worker keeps dying (its lease expires MAX_ATTEMPTS times) is
/// parked, saying so, instead of being leased forever.
#[test]
fn a_job_whose_leases_keep_expiring_is_parked() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    enqueue_reports(&mut store, 1);
    for attempt in 1..=MAX_ATTEMPTS as u32 {
        let job = store.lease(&format!("doomed-{attempt}"), Duration::ZERO).unwrap().unwrap();
        assert_eq!(job.attempts, attempt);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(store.lease("w", LONG).unwrap().is_none());
    let (state, attempts, error) = state_of(&store, store.jobs().unwrap()[0].id);
    assert_eq!((state, attempts), (JobState::Parked, MAX_ATTEMPTS as u32));
    assert!(error.as_deref().is_some_and(|e| e.contains("doomed-3") && e.contains("expired")), "{error:?}");
}

/// Storing the document and marking the job done are one transaction: when
/// the store fails midway, neither happens, and the job can be retried.
#[test]
fn a_failed_completion_leaves_no_rows_and_the_job_running() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    enqueue_reports(&mut store, 1);
    let mut client = schema.client();
    client.batch_execute(SABOTAGE_CLAIMS).unwrap();
    let job = store.lease("w", LONG).unwrap().unwrap();
    let (doc, events) = synthetic::process(&job).unwrap();
    assert!(events.iter().any(|e| !e.claims.is_empty()), "the fixture must store claims");
    let result = store.complete(job.id, &job.raw, &doc, &events);
    assert!(matches!(&result, Err(StoreError::Backend(m)) if m.contains("sabotaged claim")), "{result:?}");
    assert!(schema.row_counts(&mut client).iter().all(|(_, n)| *n == 0), "{:?}", schema.row_counts(&mut client));
    assert_eq!(state_of(&store, job.id).0, JobState::Running);

    // Through the loop: the failure is recorded on the job, then it succeeds.
    assert_eq!(store.fail(job.id, "first try").unwrap(), JobState::Queued);
    client.batch_execute("DROP TRIGGER sabotage ON claims").unwrap();
    let report = run_worker(&mut store, "w", synthetic::process, drain_opts()).unwrap();
    assert_eq!(report.stored, 1);
}

/// The sorted (document, event) pairs a store holds, without store ids.
fn contents(store: &PgStore) -> BTreeSet<(String, String)> {
    store
        .events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| (e.record.doc.clone(), serde_json::to_string(&e.record).unwrap()))
        .chain(store.documents().unwrap().into_iter().map(|d| (d.name, d.content_hash)))
        .collect()
}

/// Four workers, each with its own connection, store exactly what one worker
/// stores, each job processed once.
#[test]
fn four_workers_store_the_same_as_one() {
    const DOCS: usize = 200;
    let one = TestSchema::new();
    let mut store = one.store();
    enqueue_reports(&mut store, DOCS);
    let report = run_worker(&mut store, "solo", synthetic::process, drain_opts()).unwrap();
    assert_eq!((report.stored, report.duplicates), (DOCS, 0));
    let expected = contents(&store);
    assert_eq!(store.stats().unwrap().documents, DOCS);
    assert!(expected.len() > 2 * DOCS, "every report has one or two events");

    let four = TestSchema::new();
    let mut store = four.store();
    enqueue_reports(&mut store, DOCS);
    let calls = AtomicUsize::new(0);
    let barrier = Arc::new(Barrier::new(4));
    let reports: Vec<WorkerReport> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..4)
            .map(|w| {
                let (barrier, schema, calls) = (barrier.clone(), &four, &calls);
                scope.spawn(move || {
                    let mut store = schema.store();
                    barrier.wait();
                    let process = |job: &Job| {
                        calls.fetch_add(1, Ordering::Relaxed);
                        synthetic::process(job)
                    };
                    run_worker(&mut store, &format!("w{w}"), process, drain_opts()).unwrap()
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert_eq!(calls.load(Ordering::Relaxed), DOCS, "each job processed exactly once");
    assert_eq!(reports.iter().map(|r| r.stored).sum::<usize>(), DOCS);
    assert!(reports.iter().all(|r| r.duplicates + r.retried + r.parked + r.failed == 0), "{reports:?}");
    assert!(reports.iter().filter(|r| r.stored > 0).count() > 1, "work was shared: {reports:?}");
    assert_eq!(contents(&store), expected);
    let jobs = store.jobs().unwrap();
    assert!(jobs.iter().all(|j| j.state == JobState::Done && j.attempts == 1), "{jobs:?}");
    assert_eq!(store.counts().unwrap(), JobCounts { done: DOCS, ..JobCounts::default() });
}

/// A pool of workers from one call: each its own connection, all the jobs done once.
#[test]
fn run_workers_drains_the_queue_with_several_connections() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    enqueue_reports(&mut store, 30);
    let seen = std::sync::Mutex::new(BTreeSet::new());
    let report = run_workers(
        || Ok(schema.store()),
        3,
        "pool",
        synthetic::process,
        drain_opts(),
        |job: &Job, outcome: &JobOutcome| {
            assert!(matches!(outcome, JobOutcome::Stored { .. }), "{outcome:?}");
            assert!(seen.lock().unwrap().insert(job.id), "job {} twice", job.id);
        },
    )
    .unwrap();
    assert_eq!((report.stored, seen.into_inner().unwrap().len()), (30, 30));
    let workers: BTreeSet<String> = store.jobs().unwrap().into_iter().filter_map(|j| j.worker).collect();
    assert!(workers.iter().all(|w| w.starts_with("pool-")), "{workers:?}");
    assert_eq!(store.counts().unwrap().done, 30);

    // A connection that fails is the pool's error.
    let failed = run_workers(
        || PgStore::connect("postgres://nobody@127.0.0.1:1/none"),
        2,
        "pool",
        synthetic::process,
        drain_opts(),
        |_: &Job, _: &JobOutcome| {},
    );
    assert!(matches!(&failed, Err(StoreError::Backend(m)) if m.contains("127.0.0.1:1")), "{failed:?}");
}

/// Env vars that turn `child_worker_for_kill_test` into a worker.
const CHILD_SCHEMA: &str = "TRUCE_KILL_TEST_SCHEMA";
const CHILD_URL: &str = "TRUCE_KILL_TEST_URL";
/// The child's application_name: the stall trigger stalls only its inserts.
const DOOMED: &str = "truce_doomed_worker";

/// Not a test on its own: run by `a_worker_killed_mid_document_leaves_nothing`
/// in a child process (this test binary, filtered to this test), where it is a
/// worker with a 1 s lease. Does nothing otherwise.
#[test]
fn child_worker_for_kill_test() {
    let (Ok(schema), Ok(url)) = (std::env::var(CHILD_SCHEMA), std::env::var(CHILD_URL)) else {
        return;
    };
    let mut store = PgStore::connect_with_schema(&url, &schema).unwrap();
    let opts = WorkerOptions { lease: Duration::from_secs(1), ..drain_opts() };
    run_worker(&mut store, "doomed", synthetic::process, opts).unwrap();
    unreachable!("the worker must stall in its first document and be killed");
}

/// A worker process killed (SIGKILL) in the middle of storing a document —
/// its transaction has written rows — leaves none of them, and another worker
/// completes the job once the lease has expired.
#[test]
fn a_worker_killed_mid_document_leaves_nothing() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    enqueue_reports(&mut store, 1);
    let mut client = schema.client();
    // Stalls the doomed worker's claim inserts, after its document, events,
    // places and actors are written (uncommitted).
    client
        .batch_execute(&format!(
            "CREATE FUNCTION stall() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN
                     IF current_setting('application_name') = '{DOOMED}' THEN PERFORM pg_sleep(30); END IF;
                     RETURN NEW;
                 END
             $$;
             CREATE TRIGGER stall BEFORE INSERT ON claims FOR EACH ROW EXECUTE FUNCTION stall();"
        ))
        .unwrap();

    // The server notices the killed client within 100 ms, even in pg_sleep.
    let separator = if pg_url().contains('?') { '&' } else { '?' };
    let child_url =
        format!("{}{separator}application_name={DOOMED}&options=-c%20client_connection_check_interval%3D100", pg_url());
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "queue::child_worker_for_kill_test", "--nocapture", "--test-threads=1"])
        .env(CHILD_SCHEMA, &schema.name)
        .env(CHILD_URL, child_url)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stalled_with_writes = "SELECT COUNT(*) FROM pg_stat_activity \
         WHERE application_name = $1 AND wait_event = 'PgSleep' AND backend_xid IS NOT NULL";
    let gone = "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1";
    let mut watcher = crate::admin();
    let mut wait_for = |child: &mut Child, alive: bool, sql: &str, want: i64, what: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while watcher.query_one(sql, &[&DOOMED]).unwrap().get::<_, i64>(0) != want {
            // Before the kill, a child that exits has failed.
            let exited = if alive { child.try_wait().unwrap() } else { None };
            if exited.is_some() || Instant::now() > deadline {
                child.kill().ok();
                let mut stderr = String::new();
                child.stderr.take().map(|mut e| e.read_to_string(&mut stderr));
                panic!("waiting until {what}: the child worker {exited:?}; its stderr:\n{stderr}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for(&mut child, true, stalled_with_writes, 1, "the child worker is mid-document");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    wait_for(&mut child, false, gone, 0, "the server has ended the killed worker's session");

    assert_eq!(schema.row_counts(&mut client), TABLES.map(|t| (t.to_owned(), 0)).to_vec(), "no partial rows");
    let job = store.jobs().unwrap().remove(0);
    assert_eq!((job.state, job.attempts, job.worker.as_deref()), (JobState::Running, 1, Some("doomed")));

    // Another worker waits for the lease to expire, then completes the job.
    let report = run_worker(&mut store, "rescuer", synthetic::process, drain_opts()).unwrap();
    assert_eq!(report.stored, 1);
    let job = store.jobs().unwrap().remove(0);
    assert_eq!((job.state, job.attempts, job.worker.as_deref()), (JobState::Done, 2, Some("rescuer")));
    let stored = store.document(&job.doc_name).unwrap().unwrap();
    assert!(!stored.events.is_empty());
}

#[test]
fn jobs_of_different_schemas_are_separate() {
    let (one, two) = (TestSchema::new(), TestSchema::new());
    let mut first = one.store();
    enqueue_reports(&mut first, 1);
    let mut second = PgStore::connect_with_schema(&pg_url(), &two.name).unwrap();
    assert!(second.lease("w", LONG).unwrap().is_none());
    assert_eq!(second.counts().unwrap().total(), 0);
}
