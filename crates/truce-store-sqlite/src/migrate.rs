//! The migration runner: brings a database's schema up to the version this
//! build knows, one numbered SQL file at a time.
//!
//! The schema version is SQLite's `PRAGMA user_version` (0 for a new file).
//! Migration `MIGRATIONS[i]` takes a database from version `i` to `i + 1`; it
//! and the version bump commit together, so a failed migration leaves the
//! database at the version before it. Each step runs in an IMMEDIATE
//! transaction that re-reads the version first, so two processes opening the
//! same new file cannot both apply it. A database at a version higher than
//! `MIGRATIONS.len()` was written by a newer truce and is refused before
//! anything is written to it.
//!
//! To change the schema, add `migrations/V{n}__{what}.sql` and append it here;
//! never edit a migration that has been released.

use rusqlite::{Connection, TransactionBehavior};
use truce_store::StoreError;

use crate::backend;

/// Every migration in order, as (name, SQL).
const MIGRATIONS: &[(&str, &str)] = &[
    ("V1__initial", include_str!("../migrations/V1__initial.sql")),
    ("V2__accounts_review_search", include_str!("../migrations/V2__accounts_review_search.sql")),
    ("V3__zones_incident_corrections", include_str!("../migrations/V3__zones_incident_corrections.sql")),
];

/// The schema version this build writes and reads.
const SUPPORTED: i64 = MIGRATIONS.len() as i64;

/// Applies every pending migration, or fails with [`StoreError::TooNew`] for a
/// database newer than this build, leaving it untouched.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend("starting a migration transaction"))?;
        let found: i64 = tx
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(backend("reading the schema version"))?;
        if found > SUPPORTED {
            return Err(StoreError::TooNew { found, supported: SUPPORTED });
        }
        let step =
            usize::try_from(found).map_err(|_| StoreError::Corrupt(format!("schema version {found} is negative")))?;
        // Dropping `tx` without committing rolls back; nothing was written.
        let Some((name, sql)) = MIGRATIONS.get(step) else {
            return Ok(());
        };
        tx.execute_batch(sql).map_err(|e| StoreError::Backend(format!("applying migration {name}: {e}")))?;
        tx.pragma_update(None, "user_version", found + 1)
            .map_err(|e| StoreError::Backend(format!("recording migration {name}: {e}")))?;
        tx.commit().map_err(|e| StoreError::Backend(format!("committing migration {name}: {e}")))?;
    }
}
