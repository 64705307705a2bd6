//! Which store `--db` names: a SQLite file (one analyst's laptop) or a
//! PostgreSQL URL (the team server), and the commands only the server has:
//! migrations on demand, the job queue and its workers, copying a laptop
//! database up.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use truce_store::Store;
use truce_store_postgres::PgStore;
use truce_store_postgres::queue::{JobOutcome, ProcessError, WorkerOptions};
use truce_store_sqlite::SqliteStore;

#[derive(clap::Args, Clone)]
pub struct DbArg {
    /// SQLite database file, or a PostgreSQL URL (postgres://user@host:port/db).
    #[arg(long, env = "TRUCE_DB", default_value = "truce.db")]
    pub db: String,
    /// PostgreSQL schema to use (created when missing); default: the server's search path.
    #[arg(long, env = "TRUCE_PG_SCHEMA")]
    pub pg_schema: Option<String>,
}

pub enum Db {
    Sqlite(PathBuf),
    Postgres { url: String, schema: Option<String> },
}

impl Db {
    pub fn of(arg: &DbArg) -> Db {
        Db::parse(&arg.db, arg.pg_schema.clone())
    }

    pub fn parse(db: &str, schema: Option<String>) -> Db {
        if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            Db::Postgres { url: db.to_string(), schema }
        } else {
            Db::Sqlite(PathBuf::from(db))
        }
    }

    /// The store, migrated to this truce's schema.
    pub fn open(&self) -> anyhow::Result<Box<dyn Store>> {
        Ok(match self {
            Db::Sqlite(path) => Box::new(SqliteStore::open(path).with_context(|| format!("opening {}", path.display()))?),
            Db::Postgres { .. } => Box::new(self.open_pg()?),
        })
    }

    pub fn open_pg(&self) -> anyhow::Result<PgStore> {
        match self {
            Db::Postgres { url, schema: Some(s) } => PgStore::connect_with_schema(url, s).map_err(anyhow::Error::from),
            Db::Postgres { url, schema: None } => PgStore::connect(url).map_err(anyhow::Error::from),
            Db::Sqlite(path) => bail!("{}: the job queue, workers and copies need a PostgreSQL --db (postgres://...); a SQLite file is processed directly by `truce ingest`", path.display()),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres { .. })
    }
}

/// `truce migrate`: brings the schema to this truce's version and says what was applied.
pub fn migrate(db: &Db) -> anyhow::Result<()> {
    match db {
        Db::Sqlite(path) => {
            // Opening a SQLite file migrates it, in one transaction per step.
            SqliteStore::open(path).with_context(|| format!("migrating {}", path.display()))?;
            println!("{}: schema up to date", path.display());
        }
        Db::Postgres { url, schema } => {
            let mut store = PgStore::connect_unmigrated(url, schema.as_deref())?;
            let report = store.migrate()?;
            if report.applied.is_empty() {
                println!("{}: schema at version {}, nothing to apply", store.describe(), report.to);
            } else {
                println!("{}: version {} → {}; applied {}", store.describe(), report.from, report.to, report.applied.join(", "));
            }
        }
    }
    Ok(())
}

/// `truce worker`: makes queued documents into stored documents and events.
pub fn worker(db: &Db, jobs: usize, exit_when_idle: bool, lease_secs: u64) -> anyhow::Result<bool> {
    // Fail before spawning threads when the server cannot be reached.
    db.open_pg()?;
    let gaz = truce_gazetteer::Gazetteer::builtin();
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "truce".into());
    let name = format!("{host}-{}", std::process::id());
    let opts = WorkerOptions { lease: Duration::from_secs(lease_secs), exit_when_idle, ..WorkerOptions::default() };
    let report = truce_store_postgres::queue::run_workers(
        || db.open_pg().map_err(|e| truce_store::StoreError::Backend(format!("{e:#}"))),
        jobs,
        &name,
        |job| {
            let path = std::path::Path::new(&job.source_path);
            let format = truce_text::Format::from_path(path)
                .ok_or_else(|| ProcessError::permanent(format!("{}: not a .txt, .html or .md report", job.source_path)))?;
            let doc = truce_text::decode_document(&job.raw, format, job.meta.clone())
                .map_err(|p| ProcessError::permanent(format!("{}: {p}", job.source_path)))?;
            let events = truce_extract::extract(&doc, gaz).events;
            Ok((doc, events))
        },
        opts,
        |job, outcome| match outcome {
            JobOutcome::Stored { .. } | JobOutcome::Duplicate { .. } => {}
            JobOutcome::Retried { error } => eprintln!("retry: {} (attempt {}): {error}", job.source_path, job.attempts),
            JobOutcome::Parked { error } => eprintln!("error: {}: parked after {} attempts: {error}", job.source_path, job.attempts),
            JobOutcome::Failed { error } => eprintln!("error: {error}"),
            JobOutcome::Superseded { error, .. } => eprintln!("note: {}: taken over by another worker after: {error}", job.source_path),
        },
    )?;
    eprintln!(
        "worker: stored {} documents with {} events; {} already stored; {} retried, {} parked, {} failed",
        report.stored, report.events, report.duplicates, report.retried, report.parked, report.failed
    );
    Ok(report.parked == 0 && report.failed == 0)
}

/// `truce jobs`: the queue, per state and job by job.
pub fn jobs(db: &Db) -> anyhow::Result<()> {
    let store = db.open_pg()?;
    let c = store.counts()?;
    println!("{} jobs: {} queued, {} running, {} done, {} failed, {} parked", c.total(), c.queued, c.running, c.done, c.failed, c.parked);
    for j in store.jobs()? {
        if matches!(j.state.code(), "done") {
            continue;
        }
        println!(
            "{:>6}  {:<8} attempts {}  {}{}",
            j.id,
            j.state.code(),
            j.attempts,
            j.source_path,
            j.last_error.map(|e| format!("  — {e}")).unwrap_or_default()
        );
    }
    Ok(())
}

/// `truce copy`: a laptop database moved to the team server, and checked.
pub fn copy(from: &Db, to: &Db) -> anyhow::Result<bool> {
    let source = from.open()?;
    let mut target = to.open_pg()?;
    let report = truce_store_postgres::copy_store(source.as_ref(), &mut target)?;
    println!("copied {} of {} documents ({} already there)", report.copied, report.documents, report.already_present);
    for t in &report.tables {
        println!(
            "  {:<14} {:>7} → {:>7} rows  {}",
            t.table,
            t.source_rows,
            t.target_rows,
            if t.matches() { "checksum matches" } else { "MISMATCH" }
        );
    }
    for d in &report.differing {
        println!("  differs: {d}");
    }
    Ok(report.verified())
}
