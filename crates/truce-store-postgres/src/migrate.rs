//! The migration runner: brings a schema up to the version this build knows,
//! one numbered SQL file at a time.
//!
//! Applied versions are rows of `schema_migrations(version, name, applied_at)`
//! in the store's schema; the schema's version is the highest one (0 for a new
//! schema). Migration `MIGRATIONS[i]` takes a schema from version `i` to
//! `i + 1`; it and its row commit together, so a failed migration leaves the
//! schema at the version before it.
//!
//! Each step runs in its own transaction that first takes a transaction-scoped
//! advisory lock for the schema (`pg_advisory_xact_lock`) and only then reads
//! the version, so two workers starting together on a new schema cannot both
//! apply a step: the second waits, then finds it applied. A schema at a version
//! higher than `MIGRATIONS.len()` was written by a newer truce and is refused
//! with [`StoreError::TooNew`], with nothing written.
//!
//! To change the schema, add `migrations/V{n}__{what}.sql` and append it here;
//! never edit a migration that has been released.

use postgres::{Client, GenericClient};
use serde::Serialize;
use truce_store::StoreError;

use crate::pg;

/// Every migration in order, as (name, SQL); the version of `MIGRATIONS[i]` is `i + 1`.
const MIGRATIONS: &[(&str, &str)] = &[
    ("V1__initial", include_str!("../migrations/V1__initial.sql")),
    ("V2__jobs", include_str!("../migrations/V2__jobs.sql")),
    ("V3__accounts_review_search", include_str!("../migrations/V3__accounts_review_search.sql")),
    ("V4__zones_incident_corrections", include_str!("../migrations/V4__zones_incident_corrections.sql")),
];

/// The schema version this build writes and reads.
pub const SUPPORTED_VERSION: i64 = MIGRATIONS.len() as i64;

/// The first key of truce's advisory locks ("truc"); the second is a hash of
/// the schema name, so stores in different schemas do not wait on each other.
pub(crate) const LOCK_CLASS: i32 = 0x7472_7563;

/// What [`crate::PgStore::migrate`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MigrationReport {
    /// The schema version found (0 for a new schema).
    pub from: i64,
    /// The schema version now, [`SUPPORTED_VERSION`].
    pub to: i64,
    /// Names of the migrations this call applied, in order (`V1__initial`, ...);
    /// empty when the schema was already current.
    pub applied: Vec<String>,
}

/// Applies every pending migration, each in its own transaction, or fails with
/// [`StoreError::TooNew`] for a schema newer than this build, leaving it untouched.
pub(crate) fn migrate(client: &mut Client) -> Result<MigrationReport, StoreError> {
    let mut from = None;
    let mut applied = Vec::new();
    loop {
        let mut tx = client.transaction().map_err(pg("starting a migration transaction"))?;
        lock_schema(&mut tx, None).map_err(pg("waiting for the migration lock"))?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (\
                 version    BIGINT      PRIMARY KEY, \
                 name       TEXT        NOT NULL, \
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        )
        .map_err(pg("creating schema_migrations"))?;
        let found: i64 = tx
            .query_one("SELECT coalesce(max(version), 0) FROM schema_migrations", &[])
            .and_then(|row| row.try_get(0))
            .map_err(pg("reading the schema version"))?;
        let from = *from.get_or_insert(found);
        if found > SUPPORTED_VERSION {
            // Dropping `tx` rolls back; schema_migrations existed, so nothing changed.
            return Err(StoreError::TooNew { found, supported: SUPPORTED_VERSION });
        }
        let step =
            usize::try_from(found).map_err(|_| StoreError::Corrupt(format!("schema version {found} is negative")))?;
        let Some((name, sql)) = MIGRATIONS.get(step) else {
            tx.commit().map_err(pg("committing the schema check"))?;
            return Ok(MigrationReport { from, to: found, applied });
        };
        tx.batch_execute(sql).map_err(pg(format_args!("applying migration {name}")))?;
        tx.execute("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", &[&(found + 1), name])
            .map_err(pg(format_args!("recording migration {name}")))?;
        tx.commit().map_err(pg(format_args!("committing migration {name}")))?;
        applied.push((*name).to_owned());
    }
}

/// Takes truce's transaction-scoped advisory lock for `schema` (the current
/// schema when `None`); it is released when the transaction ends.
pub(crate) fn lock_schema(client: &mut impl GenericClient, schema: Option<&str>) -> Result<(), postgres::Error> {
    client
        .execute(
            "SELECT pg_advisory_xact_lock($1, hashtext(coalesce($2::text, current_schema(), '')))",
            &[&LOCK_CLASS, &schema],
        )
        .map(drop)
}
