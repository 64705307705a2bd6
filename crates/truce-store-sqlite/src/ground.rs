//! What analysts add beside the review trail (tables of migration V3): zone
//! imports with their versions, and incident corrections.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use truce_store::{IncidentCorrectionRow, StoreError, ZoneImport, ZoneVersionRow, check_zone_rows, sha256_hex};

use crate::{backend, get, get_date};

/// `strftime` pattern of the RFC 3339 UTC timestamps truce stores.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// Stands for "no end" in period comparisons; periods are `YYYY-MM-DD` text.
const OPEN_END: &str = "9999-12-31";

pub(crate) fn put_zone_import(
    store: &mut crate::SqliteStore,
    user: &str,
    file: &str,
    raw: &[u8],
    versions: &[(String, ZoneVersionRow)],
) -> Result<i64, StoreError> {
    check_zone_rows(file, versions)?;
    let what = format_args!("importing {file}");
    // Immediate: the overlap check and the inserts see the same stored versions.
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(backend(what))?;
    for (name, row) in versions {
        let to = row.valid_to.map(|d| d.to_string());
        let existing: Option<(String, Option<String>)> = tx
            .query_row(
                "SELECT valid_from, valid_to FROM zone_versions \
                 WHERE zone_name = ?1 AND valid_from <= coalesce(?3, ?4) AND ?2 <= coalesce(valid_to, ?4) \
                 ORDER BY valid_from LIMIT 1",
                params![name, row.valid_from.to_string(), to, OPEN_END],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(backend(what))?;
        if let Some((from, to)) = existing {
            // Dropping `tx` rolls back; nothing was written.
            return Err(StoreError::Conflict(format!(
                "importing {file}: zone `{name}`: version {} overlaps stored version {from}..{}; nothing stored",
                row.period(),
                to.unwrap_or_default()
            )));
        }
    }
    tx.execute(
        &format!("INSERT INTO zone_imports (file, sha256, raw, user_name, imported_at) VALUES (?1, ?2, ?3, ?4, {NOW})"),
        params![file, sha256_hex(raw), raw, user],
    )
    .map_err(backend(what))?;
    let import_id = tx.last_insert_rowid();
    for (i, (name, row)) in versions.iter().enumerate() {
        let [min_lon, min_lat, max_lon, max_lat] = row.bbox;
        tx.prepare_cached(
            "INSERT INTO zone_versions (import_id, zone_name, valid_from, valid_to, source, note, constructed, \
                                        geometry, min_lon, min_lat, max_lon, max_lat) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                import_id,
                name,
                row.valid_from.to_string(),
                row.valid_to.map(|d| d.to_string()),
                row.source,
                row.note,
                row.constructed,
                row.geometry,
                min_lon,
                min_lat,
                max_lon,
                max_lat
            ])
        })
        .map_err(backend(format_args!("{what}: version {i} (zone {name:?})")))?;
    }
    tx.commit().map_err(backend(what))?;
    Ok(import_id)
}

pub(crate) fn zone_imports(conn: &Connection) -> Result<Vec<ZoneImport>, StoreError> {
    let what = "listing zone imports";
    let mut stmt = conn
        .prepare_cached(
            "SELECT i.id, i.file, i.sha256, i.raw, i.user_name, i.imported_at, \
                    (SELECT json_group_array(zone_name) FROM \
                        (SELECT DISTINCT zone_name FROM zone_versions v WHERE v.import_id = i.id)) \
             FROM zone_imports i ORDER BY i.id",
        )
        .map_err(backend(what))?;
    let mut rows = stmt.query([]).map_err(backend(what))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend(what))? {
        let import_id: i64 = get(row, 0)?;
        let zones: String = get(row, 6)?;
        let mut zones: Vec<String> = serde_json::from_str(&zones)
            .map_err(|e| StoreError::Corrupt(format!("zone import {import_id}: zone names: {e}")))?;
        // An aggregate's order is not promised by its subquery's ORDER BY.
        zones.sort_unstable();
        out.push(ZoneImport {
            import_id,
            file: get(row, 1)?,
            sha256: get(row, 2)?,
            raw: get(row, 3)?,
            user: get(row, 4)?,
            imported_at: get(row, 5)?,
            zones,
        });
    }
    Ok(out)
}

pub(crate) fn zone_versions(conn: &Connection) -> Result<Vec<(String, ZoneVersionRow)>, StoreError> {
    let what = "reading zone versions";
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, zone_name, valid_from, valid_to, source, note, constructed, geometry, \
                    min_lon, min_lat, max_lon, max_lat \
             FROM zone_versions ORDER BY zone_name, valid_from",
        )
        .map_err(backend(what))?;
    let mut rows = stmt.query([]).map_err(backend(what))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend(what))? {
        let id: i64 = get(row, 0)?;
        let read = || -> Result<_, StoreError> {
            let valid_from = get_date(row, 2)?.ok_or_else(|| StoreError::Corrupt("valid_from: missing".to_owned()))?;
            Ok(ZoneVersionRow {
                valid_from,
                valid_to: get_date(row, 3)?,
                source: get(row, 4)?,
                note: get(row, 5)?,
                constructed: get(row, 6)?,
                geometry: get(row, 7)?,
                bbox: [get(row, 8)?, get(row, 9)?, get(row, 10)?, get(row, 11)?],
            })
        };
        let version = read().map_err(crate::in_row(format_args!("zone version {id}")))?;
        out.push((get(row, 1)?, version));
    }
    Ok(out)
}

pub(crate) fn add_incident_correction(conn: &Connection, user: &str, json: &str) -> Result<i64, StoreError> {
    // Checked here too, so the error says what is wrong, not just which CHECK failed.
    if let Err(e) = serde_json::from_str::<serde_json::Value>(json) {
        return Err(StoreError::Backend(format!("recording an incident correction: not JSON: {e}; nothing stored")));
    }
    conn.execute(
        &format!("INSERT INTO incident_corrections (user_name, created_at, correction_json) VALUES (?1, {NOW}, ?2)"),
        params![user, json],
    )
    .map_err(backend("recording an incident correction"))?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn incident_corrections(conn: &Connection) -> Result<Vec<IncidentCorrectionRow>, StoreError> {
    let what = "reading incident corrections";
    let mut stmt = conn
        .prepare_cached("SELECT id, user_name, created_at, correction_json FROM incident_corrections ORDER BY id")
        .map_err(backend(what))?;
    let mut rows = stmt.query([]).map_err(backend(what))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend(what))? {
        out.push(IncidentCorrectionRow {
            id: get(row, 0)?,
            user: get(row, 1)?,
            created_at: get(row, 2)?,
            json: get(row, 3)?,
        });
    }
    Ok(out)
}
