//! The ingest queue: documents waiting to be read and extracted, in the `jobs`
//! table, leased by workers with `SELECT ... FOR UPDATE SKIP LOCKED`. No broker
//! besides PostgreSQL.
//!
//! A job goes `queued` → `running` (leased by one worker until its lease
//! expires) → `done` (document stored) — or back to `queued` after a failed
//! attempt, to `parked` after [`MAX_ATTEMPTS`] attempts, to `failed` when the
//! input itself is refused ([`PgStore::fail_permanently`]). A running job whose
//! lease expired is free again: its worker is taken to be dead, and another
//! one leases it (a worker that keeps dying on the same job parks it after
//! [`MAX_ATTEMPTS`] leases).
//!
//! **Invariant:** [`PgStore::complete`] stores the document and marks the job
//! done in one transaction, so a worker killed midway leaves no partial rows
//! and the job is simply leased again. Completing a job whose document is
//! already stored (another worker got there first after the lease expired) is
//! a `Duplicate` and still marks it done.
//!
//! [`run_worker`] is a whole worker loop: lease, call the caller's `process`
//! closure (decode + extract), complete or fail, until the queue is drained or
//! a stop flag is raised.

use std::fmt::{self, Display};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use postgres::types::Json;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use truce_model::{DocMeta, Document, EventRecord};
use truce_store::{PutOutcome, StoreError};

use crate::{Conn, PgStore, Session, check_storable, get, pg, put_in};

/// Attempts (leases) a job gets before it is parked.
pub const MAX_ATTEMPTS: i32 = 3;

/// Where a job is in its life; the `jobs.state` codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    /// Waiting for a worker.
    Queued,
    /// Leased by a worker until its lease expires.
    Running,
    /// Its document is stored (or was already).
    Done,
    /// The input was refused (not a readable document); retrying would not help.
    Failed,
    /// Given up after [`MAX_ATTEMPTS`] attempts; `last_error` says why.
    Parked,
}

impl JobState {
    pub fn code(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Parked => "parked",
        }
    }
}

impl Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for JobState {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, StoreError> {
        [Self::Queued, Self::Running, Self::Done, Self::Failed, Self::Parked]
            .into_iter()
            .find(|state| state.code() == s)
            .ok_or_else(|| StoreError::Corrupt(format!("job state {s:?}")))
    }
}

/// What [`PgStore::enqueue`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EnqueueOutcome {
    /// A new job.
    Queued { job_id: i64 },
    /// A document with the same bytes is stored already; nothing queued.
    AlreadyStored { doc_id: i64 },
    /// A queued or running job has the same bytes; nothing queued.
    AlreadyQueued { job_id: i64 },
}

/// A leased job: everything a worker needs to make its document.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: i64,
    pub doc_name: String,
    /// Where the bytes came from (a path on the machine that enqueued them), for messages.
    pub source_path: String,
    /// Lower-case hex SHA-256 of `raw`; the document made must carry it.
    pub content_hash: String,
    pub raw: Vec<u8>,
    pub meta: DocMeta,
    /// This lease is attempt number `attempts` (1 for the first).
    pub attempts: u32,
    /// The worker holding the lease.
    pub worker: String,
}

/// A job as listed by [`PgStore::jobs`] (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobSummary {
    pub id: i64,
    pub doc_name: String,
    pub source_path: String,
    pub content_hash: String,
    pub state: JobState,
    pub attempts: u32,
    /// The last failure (kept when a later attempt succeeds).
    pub last_error: Option<String>,
    /// The worker that last leased it.
    pub worker: Option<String>,
    /// While running: when the lease expires, RFC 3339 UTC.
    pub leased_until: Option<String>,
    /// Once done: the stored document.
    pub doc_id: Option<i64>,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub updated_at: String,
}

/// Jobs per state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct JobCounts {
    pub queued: usize,
    pub running: usize,
    pub done: usize,
    pub failed: usize,
    pub parked: usize,
}

impl JobCounts {
    pub fn total(&self) -> usize {
        self.queued + self.running + self.done + self.failed + self.parked
    }
}

const RFC3339: &str = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

impl PgStore {
    /// Queues `raw` (read from `source_path`) to be made into the document
    /// `name` with `meta`, unless a document or a live (queued or running) job
    /// with the same bytes exists already.
    pub fn enqueue(
        &mut self,
        name: &str,
        source_path: &str,
        raw: &[u8],
        meta: &DocMeta,
    ) -> Result<EnqueueOutcome, StoreError> {
        let what = format_args!("queueing {source_path}");
        let content_hash = sha256_hex(raw);
        let (name, source_path) = (without_nul(name), without_nul(source_path));
        let Conn { client, statements } = self.conn.get_mut();
        let mut s = Session { client, statements };
        // One statement: the document check and the insert see the same snapshot;
        // the partial unique index settles two enqueues of the same bytes.
        let row = s
            .query_one(
                "WITH doc AS (SELECT id FROM documents WHERE content_hash = $1), \
                      job AS (INSERT INTO jobs (doc_name, source_path, content_hash, raw, meta) \
                              SELECT $2, $3, $1, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM doc) \
                              ON CONFLICT (content_hash) WHERE state IN ('queued', 'running') DO NOTHING \
                              RETURNING id) \
                 SELECT (SELECT id FROM doc), (SELECT id FROM job)",
                &[&content_hash, &name, &source_path, &raw, &Json(meta)],
            )
            .map_err(pg(&what))?;
        if let Some(doc_id) = get::<Option<i64>>(&row, 0)? {
            return Ok(EnqueueOutcome::AlreadyStored { doc_id });
        }
        if let Some(job_id) = get::<Option<i64>>(&row, 1)? {
            return Ok(EnqueueOutcome::Queued { job_id });
        }
        let live = s
            .query_opt(
                "SELECT id FROM jobs WHERE content_hash = $1 AND state IN ('queued', 'running')",
                &[&content_hash],
            )
            .map_err(pg(&what))?;
        match live {
            Some(row) => Ok(EnqueueOutcome::AlreadyQueued { job_id: get(&row, 0)? }),
            // The live job finished between the two statements: its document is stored.
            None => match self.document_id_by_hash(&content_hash)? {
                Some(doc_id) => Ok(EnqueueOutcome::AlreadyStored { doc_id }),
                None => Err(StoreError::Backend(format!("{what}: a job with the same bytes vanished; try again"))),
            },
        }
    }

    /// Leases the oldest job that is queued, or running with an expired lease,
    /// to `worker` for `lease`, counting an attempt; `None` when there is none.
    /// Expired jobs that used up their attempts are parked on the way.
    pub fn lease(&mut self, worker: &str, lease: Duration) -> Result<Option<Job>, StoreError> {
        let worker = without_nul(worker);
        let Conn { client, statements } = self.conn.get_mut();
        let mut s = Session { client, statements };
        // SKIP LOCKED: workers never wait for each other's candidate rows, and
        // never take the same one.
        let row = s
            .query_opt(
                "WITH parked AS ( \
                     UPDATE jobs SET state = 'parked', leased_until = NULL, updated_at = now(), \
                            last_error = concat_ws('; ', last_error, format( \
                                'the lease of worker %s expired on attempt %s (the worker stopped or died)', \
                                worker, attempts)) \
                     WHERE id IN (SELECT id FROM jobs \
                                  WHERE state = 'running' AND leased_until < now() AND attempts >= $3 \
                                  FOR UPDATE SKIP LOCKED)) \
                 UPDATE jobs SET state = 'running', leased_until = now() + $2 * interval '1 second', \
                        attempts = attempts + 1, worker = $1, updated_at = now() \
                 WHERE id = (SELECT id FROM jobs \
                             WHERE state = 'queued' \
                                OR (state = 'running' AND leased_until < now() AND attempts < $3) \
                             ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1) \
                 RETURNING id, doc_name, source_path, content_hash, raw, meta, attempts",
                &[&worker, &lease.as_secs_f64(), &MAX_ATTEMPTS],
            )
            .map_err(pg(format_args!("leasing a job for worker {worker}")))?;
        let Some(row) = row else {
            return Ok(None);
        };
        let id: i64 = get(&row, 0)?;
        self.leases.insert(id, get(&row, 6)?);
        let read = || -> Result<Job, StoreError> {
            let Json(meta) = get::<Json<DocMeta>>(&row, 5)?;
            Ok(Job {
                id,
                doc_name: get(&row, 1)?,
                source_path: get(&row, 2)?,
                content_hash: get(&row, 3)?,
                raw: get(&row, 4)?,
                meta,
                attempts: u32::try_from(get::<i32>(&row, 6)?).unwrap_or(0),
                worker: worker.clone(),
            })
        };
        read()
            .map_err(|e| match e {
                StoreError::Corrupt(msg) => StoreError::Corrupt(format!("job {id}: {msg}")),
                other => other,
            })
            .map(Some)
    }

    /// Stores the job's document and events and marks the job done, in one
    /// transaction: on any error neither happens. A document with these bytes
    /// stored already is `Duplicate`, and the job is done all the same.
    pub fn complete(
        &mut self,
        job_id: i64,
        raw: &[u8],
        doc: &Document,
        events: &[EventRecord],
    ) -> Result<PutOutcome, StoreError> {
        let name = &doc.meta.id;
        let what = |step: &str| format!("completing job {job_id} ({name}): {step}");
        check_storable(doc, events).map_err(|e| match e {
            StoreError::Backend(msg) => StoreError::Backend(format!("completing job {job_id}: {msg}")),
            other => other,
        })?;
        let Conn { client, statements } = self.conn.get_mut();
        let mut tx = client.transaction().map_err(pg(what("starting a transaction")))?;
        let mut s = Session { client: &mut tx, statements };
        // The job row first: every transaction that locks a job does so before
        // any document, place or actor, so lock order is the same everywhere.
        let job = s
            .query_opt("SELECT content_hash FROM jobs WHERE id = $1 FOR UPDATE", &[&job_id])
            .map_err(pg(what("locking the job")))?
            .ok_or_else(|| StoreError::Backend(what("no such job")))?;
        let content_hash: String = get(&job, 0)?;
        if doc.content_hash != content_hash {
            return Err(StoreError::Backend(what(&format!(
                "the document's content hash {} is not the job's {content_hash}; nothing stored",
                doc.content_hash
            ))));
        }
        let outcome = put_in(&mut s, raw, doc, events, None)?;
        let doc_id = match outcome {
            PutOutcome::Inserted { doc_id, .. } | PutOutcome::Duplicate { doc_id } => doc_id,
        };
        // The document keeps the bytes; the job need not.
        s.execute(
            "UPDATE jobs SET state = 'done', doc_id = $2, raw = ''::bytea, leased_until = NULL, updated_at = now() \
             WHERE id = $1",
            &[&job_id, &doc_id],
        )
        .map_err(pg(what("marking it done")))?;
        tx.commit().map_err(pg(what("committing")))?;
        self.leases.remove(&job_id);
        Ok(outcome)
    }

    /// Records a failed attempt of a running job: it is queued again, or parked
    /// once it has had [`MAX_ATTEMPTS`] attempts; `error` is kept either way.
    /// A job no longer in the attempt this store leased (its lease expired and
    /// another worker took it, or completed it) is left as it is. Returns the
    /// job's state.
    pub fn fail(&mut self, job_id: i64, error: &str) -> Result<JobState, StoreError> {
        self.set_failed(job_id, error, None)
    }

    /// Records that a running job's input was refused (not a readable
    /// document, say): it is `failed` at once, since retrying would not help.
    /// Returns the job's state.
    pub fn fail_permanently(&mut self, job_id: i64, error: &str) -> Result<JobState, StoreError> {
        self.set_failed(job_id, error, Some(JobState::Failed))
    }

    /// Ends a running job's attempt with `error`: in `state`, or when `None`
    /// queued again or parked by its attempts.
    fn set_failed(&mut self, job_id: i64, error: &str, state: Option<JobState>) -> Result<JobState, StoreError> {
        let what = format_args!("recording the failure of job {job_id}");
        let error = without_nul(error);
        // Only the attempt this store leased, when it leased the job: another
        // worker may hold a later one.
        let attempt = self.leases.remove(&job_id);
        let Conn { client, statements } = self.conn.get_mut();
        let mut s = Session { client, statements };
        let row = s
            .query_opt(
                "UPDATE jobs SET state = coalesce($3, CASE WHEN attempts >= $4 THEN 'parked' ELSE 'queued' END), \
                        last_error = $2, leased_until = NULL, updated_at = now() \
                 WHERE id = $1 AND state = 'running' AND ($5::int IS NULL OR attempts = $5) RETURNING state",
                &[&job_id, &error, &state.map(JobState::code), &MAX_ATTEMPTS, &attempt],
            )
            .map_err(pg(&what))?;
        let row = match row {
            Some(row) => row,
            None => s
                .query_opt("SELECT state FROM jobs WHERE id = $1", &[&job_id])
                .map_err(pg(&what))?
                .ok_or_else(|| StoreError::Backend(format!("{what}: no such job")))?,
        };
        get::<String>(&row, 0)?.parse()
    }

    /// Every job, oldest first, without its bytes.
    pub fn jobs(&self) -> Result<Vec<JobSummary>, StoreError> {
        self.with_session(|s| {
            let rows = s
                .query(
                    &format!(
                        "SELECT id, doc_name, source_path, content_hash, state, attempts, last_error, worker, \
                                to_char(leased_until AT TIME ZONE 'UTC', {RFC3339}), doc_id, \
                                to_char(created_at AT TIME ZONE 'UTC', {RFC3339}), \
                                to_char(updated_at AT TIME ZONE 'UTC', {RFC3339}) \
                         FROM jobs ORDER BY id"
                    ),
                    &[],
                )
                .map_err(pg("listing jobs"))?;
            rows.iter()
                .map(|row| {
                    Ok(JobSummary {
                        id: get(row, 0)?,
                        doc_name: get(row, 1)?,
                        source_path: get(row, 2)?,
                        content_hash: get(row, 3)?,
                        state: get::<String>(row, 4)?.parse()?,
                        attempts: u32::try_from(get::<i32>(row, 5)?).unwrap_or(0),
                        last_error: get(row, 6)?,
                        worker: get(row, 7)?,
                        leased_until: get(row, 8)?,
                        doc_id: get(row, 9)?,
                        created_at: get(row, 10)?,
                        updated_at: get(row, 11)?,
                    })
                })
                .collect()
        })
    }

    /// How many jobs are in each state.
    pub fn counts(&self) -> Result<JobCounts, StoreError> {
        self.with_session(|s| {
            let rows = s.query("SELECT state, COUNT(*) FROM jobs GROUP BY state", &[]).map_err(pg("counting jobs"))?;
            let mut counts = JobCounts::default();
            for row in &rows {
                let n = usize::try_from(get::<i64>(row, 1)?).unwrap_or(0);
                *match get::<String>(row, 0)?.parse()? {
                    JobState::Queued => &mut counts.queued,
                    JobState::Running => &mut counts.running,
                    JobState::Done => &mut counts.done,
                    JobState::Failed => &mut counts.failed,
                    JobState::Parked => &mut counts.parked,
                } = n;
            }
            Ok(counts)
        })
    }

    /// Whether any job is queued or running (cheap: the partial index).
    fn has_live_jobs(&self) -> Result<bool, StoreError> {
        self.with_session(|s| {
            let row = s
                .query_one("SELECT EXISTS (SELECT 1 FROM jobs WHERE state IN ('queued', 'running'))", &[])
                .map_err(pg("looking for live jobs"))?;
            get(&row, 0)
        })
    }
}

/// Why `process` could not make a job's document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProcessError {
    /// Worth another attempt (the job is queued again, parked after [`MAX_ATTEMPTS`]).
    #[error("{0}")]
    Retry(String),
    /// The input itself is refused (empty, binary, undecodable): the job fails at once.
    #[error("{0}")]
    Permanent(String),
}

impl ProcessError {
    pub fn retry(error: impl Display) -> Self {
        Self::Retry(error.to_string())
    }
    pub fn permanent(error: impl Display) -> Self {
        Self::Permanent(error.to_string())
    }
}

/// How [`run_worker`] runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// How long a job stays leased; past it the worker is taken to be dead and
    /// another one may lease the job. Make it comfortably longer than one
    /// document takes.
    pub lease: Duration,
    /// Return once no job is queued or running (rather than wait for more).
    /// Jobs running under another worker's lease are waited for, since their
    /// lease may expire and make them this worker's.
    pub exit_when_idle: bool,
    /// How long to wait before looking again when there is nothing to lease.
    pub poll_interval: Duration,
    /// Raised (by a signal handler, say) to stop after the current job.
    pub stop: Option<Arc<AtomicBool>>,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(300),
            exit_when_idle: false,
            poll_interval: Duration::from_secs(1),
            stop: None,
        }
    }
}

/// What became of one job in [`run_worker_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    Stored {
        doc_id: i64,
        events: usize,
    },
    /// Its bytes were stored already.
    Duplicate {
        doc_id: i64,
    },
    /// The attempt failed and the job is queued again.
    Retried {
        error: String,
    },
    /// The attempt failed and the job is parked.
    Parked {
        error: String,
    },
    /// The input was refused; the job failed for good.
    Failed {
        error: String,
    },
    /// The attempt failed, but the job had meanwhile been taken over (its lease
    /// expired) and is in this state.
    Superseded {
        state: JobState,
        error: String,
    },
}

/// What a worker did, in jobs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WorkerReport {
    pub stored: usize,
    pub duplicates: usize,
    /// Events stored with the stored documents.
    pub events: usize,
    pub retried: usize,
    pub parked: usize,
    pub failed: usize,
}

/// Runs a worker named `worker` on `store` until the queue is drained (with
/// `exit_when_idle`) or `opts.stop` is raised: leases a job, calls `process`
/// to make its document and events, and completes the job with them, or
/// records the failure. A panic in `process` is a failed attempt. Returns what
/// it did, or the first store error it could not record on a job (the
/// connection is gone, say).
pub fn run_worker<F>(
    store: &mut PgStore,
    worker: &str,
    process: F,
    opts: WorkerOptions,
) -> Result<WorkerReport, StoreError>
where
    F: FnMut(&Job) -> Result<(Document, Vec<EventRecord>), ProcessError>,
{
    run_worker_with(store, worker, process, opts, |_, _| {})
}

/// [`run_worker`], calling `observe` after each job with what became of it
/// (for progress and error lines).
pub fn run_worker_with<F, O>(
    store: &mut PgStore,
    worker: &str,
    mut process: F,
    opts: WorkerOptions,
    mut observe: O,
) -> Result<WorkerReport, StoreError>
where
    F: FnMut(&Job) -> Result<(Document, Vec<EventRecord>), ProcessError>,
    O: FnMut(&Job, &JobOutcome),
{
    let mut report = WorkerReport::default();
    let stopped = || opts.stop.as_ref().is_some_and(|flag| flag.load(Ordering::Relaxed));
    while !stopped() {
        let Some(job) = store.lease(worker, opts.lease)? else {
            if opts.exit_when_idle && !store.has_live_jobs()? {
                break;
            }
            std::thread::sleep(opts.poll_interval);
            continue;
        };
        // The closure runs the extractor over arbitrary input: a panic there is
        // this job's failure, not the worker's.
        let made = catch_unwind(AssertUnwindSafe(|| process(&job)))
            .unwrap_or_else(|panic| Err(ProcessError::Retry(format!("panicked: {}", panic_message(&panic)))));
        let outcome = match made {
            Ok((doc, events)) => match store.complete(job.id, &job.raw, &doc, &events) {
                Ok(PutOutcome::Inserted { doc_id, events }) => JobOutcome::Stored { doc_id, events },
                Ok(PutOutcome::Duplicate { doc_id }) => JobOutcome::Duplicate { doc_id },
                // The transaction rolled back. If the failure cannot even be
                // recorded, the connection is gone: stop with the first error.
                Err(e) => match store.fail(job.id, &e.to_string()) {
                    Ok(state) => failure_outcome(state, e.to_string(), false),
                    Err(_) => return Err(e),
                },
            },
            Err(ProcessError::Retry(error)) => failure_outcome(store.fail(job.id, &error)?, error, false),
            Err(ProcessError::Permanent(error)) => {
                failure_outcome(store.fail_permanently(job.id, &error)?, error, true)
            }
        };
        match &outcome {
            JobOutcome::Stored { events, .. } => {
                report.stored += 1;
                report.events += events;
            }
            JobOutcome::Duplicate { .. } => report.duplicates += 1,
            JobOutcome::Retried { .. } => report.retried += 1,
            JobOutcome::Parked { .. } => report.parked += 1,
            JobOutcome::Failed { .. } => report.failed += 1,
            JobOutcome::Superseded { .. } => {}
        }
        observe(&job, &outcome);
    }
    Ok(report)
}

/// `jobs` workers, each in its own thread with its own connection from
/// `connect`, named `{name}-1` .. `{name}-{jobs}`, running [`run_worker_with`]
/// with the same `process`, `opts` and `observe`. Returns when all have
/// returned: their reports summed, or the first error (the others still run
/// to their end; raise `opts.stop` to end them sooner).
pub fn run_workers<C, F, O>(
    connect: C,
    jobs: usize,
    name: &str,
    process: F,
    opts: WorkerOptions,
    observe: O,
) -> Result<WorkerReport, StoreError>
where
    C: Fn() -> Result<PgStore, StoreError> + Sync,
    F: Fn(&Job) -> Result<(Document, Vec<EventRecord>), ProcessError> + Sync,
    O: Fn(&Job, &JobOutcome) + Sync,
{
    let results: Vec<Result<WorkerReport, StoreError>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (1..=jobs.max(1))
            .map(|i| {
                let (connect, process, observe, opts) = (&connect, &process, &observe, opts.clone());
                let worker = format!("{name}-{i}");
                scope.spawn(move || {
                    let mut store = connect()?;
                    run_worker_with(&mut store, &worker, process, opts, observe)
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| {
                t.join().unwrap_or_else(|panic| {
                    Err(StoreError::Backend(format!("a worker thread panicked: {}", panic_message(&panic))))
                })
            })
            .collect()
    });
    let mut total = WorkerReport::default();
    for report in results {
        let r = report?;
        total.stored += r.stored;
        total.duplicates += r.duplicates;
        total.events += r.events;
        total.retried += r.retried;
        total.parked += r.parked;
        total.failed += r.failed;
    }
    Ok(total)
}

fn failure_outcome(state: JobState, error: String, permanent: bool) -> JobOutcome {
    match state {
        JobState::Queued if !permanent => JobOutcome::Retried { error },
        JobState::Parked if !permanent => JobOutcome::Parked { error },
        JobState::Failed if permanent => JobOutcome::Failed { error },
        state => JobOutcome::Superseded { state, error },
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// Lower-case hex SHA-256, as `Document::content_hash`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `text` with NUL characters replaced, for free-text columns (names, paths,
/// error messages) where PostgreSQL refuses them and the exact text matters less
/// than keeping the row.
fn without_nul(text: &str) -> String {
    text.replace('\0', "\u{FFFD}")
}
