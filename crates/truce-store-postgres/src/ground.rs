//! What analysts add beside the review trail (tables of migration V4): zone
//! imports with their versions, and incident corrections.

use postgres::{Client, Row};
use truce_store::{IncidentCorrectionRow, StoreError, ZoneImport, ZoneVersionRow, check_zone_rows, sha256_hex};

use crate::{Session, get, get_date, in_row, pg};

/// A TIMESTAMPTZ column as RFC 3339 UTC text, to the second, like SQLite's.
macro_rules! rfc3339 {
    ($col:literal) => {
        concat!("to_char(", $col, " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
    };
}

pub(crate) fn put_zone_import(
    s: &mut Session<'_, Client>,
    user: &str,
    file: &str,
    raw: &[u8],
    versions: &[(String, ZoneVersionRow)],
) -> Result<i64, StoreError> {
    check_zone_rows(file, versions)?;
    let what = format!("importing {file}");
    let texts = [user, file].into_iter().chain(
        versions
            .iter()
            .flat_map(|(name, row)| [name.as_str(), row.source.as_str(), row.note.as_str(), row.geometry.as_str()]),
    );
    if texts.into_iter().any(|t| t.contains('\0')) {
        return Err(StoreError::Backend(format!(
            "{what}: a NUL character, which PostgreSQL text cannot hold; nothing stored"
        )));
    }
    let mut tx = s.client.transaction().map_err(pg(&what))?;
    let mut t = Session { client: &mut tx, statements: s.statements };
    // Imports wait for each other here, so the check below still holds when
    // the rows go in; readers are not blocked.
    t.execute("LOCK TABLE zone_versions IN SHARE ROW EXCLUSIVE MODE", &[]).map_err(pg(&what))?;
    for (name, row) in versions {
        let existing = t
            .query_opt(
                "SELECT to_char(valid_from, 'YYYY-MM-DD'), to_char(valid_to, 'YYYY-MM-DD') FROM zone_versions \
                 WHERE zone_name = $1 \
                   AND daterange(valid_from, valid_to, '[]') && daterange($2::text::date, $3::text::date, '[]') \
                 ORDER BY valid_from LIMIT 1",
                &[name, &row.valid_from.to_string(), &row.valid_to.map(|d| d.to_string())],
            )
            .map_err(pg(&what))?;
        if let Some(found) = existing {
            let (from, to): (String, Option<String>) = (get(&found, 0)?, get(&found, 1)?);
            // Dropping `tx` rolls back; nothing was written.
            return Err(StoreError::Conflict(format!(
                "{what}: zone `{name}`: version {} overlaps stored version {from}..{}; nothing stored",
                row.period(),
                to.unwrap_or_default()
            )));
        }
    }
    let import_id: i64 = t
        .query_one(
            "INSERT INTO zone_imports (file, sha256, raw, user_name, imported_at) \
             VALUES ($1, $2, $3, $4, date_trunc('second', now())) RETURNING id",
            &[&file, &sha256_hex(raw), &raw, &user],
        )
        .map_err(pg(&what))
        .and_then(|row| get(&row, 0))?;
    for (i, (name, row)) in versions.iter().enumerate() {
        let [min_lon, min_lat, max_lon, max_lat] = row.bbox;
        t.execute(
            "INSERT INTO zone_versions (import_id, zone_name, valid_from, valid_to, source, note, constructed, \
                                        geometry, min_lon, min_lat, max_lon, max_lat) \
             VALUES ($1, $2, $3::text::date, $4::text::date, $5, $6, $7, $8, $9, $10, $11, $12)",
            &[
                &import_id,
                name,
                &row.valid_from.to_string(),
                &row.valid_to.map(|d| d.to_string()),
                &row.source,
                &row.note,
                &row.constructed,
                &row.geometry,
                &min_lon,
                &min_lat,
                &max_lon,
                &max_lat,
            ],
        )
        .map_err(pg(format_args!("{what}: version {i} (zone {name:?})")))?;
    }
    tx.commit().map_err(pg(&what))?;
    Ok(import_id)
}

pub(crate) fn zone_imports(s: &mut Session<'_, Client>) -> Result<Vec<ZoneImport>, StoreError> {
    let rows = s
        .query(
            concat!(
                "SELECT i.id, i.file, i.sha256, i.raw, i.user_name, ",
                rfc3339!("i.imported_at"),
                ", ARRAY(SELECT DISTINCT v.zone_name COLLATE \"C\" FROM zone_versions v WHERE v.import_id = i.id \
                         ORDER BY 1) \
                 FROM zone_imports i ORDER BY i.id"
            ),
            &[],
        )
        .map_err(pg("listing zone imports"))?;
    rows.iter()
        .map(|row| {
            let import_id: i64 = get(row, 0)?;
            let read = || -> Result<_, StoreError> {
                Ok(ZoneImport {
                    import_id,
                    file: get(row, 1)?,
                    sha256: get(row, 2)?,
                    raw: get(row, 3)?,
                    user: get(row, 4)?,
                    imported_at: get(row, 5)?,
                    zones: get(row, 6)?,
                })
            };
            read().map_err(in_row(format_args!("zone import {import_id}")))
        })
        .collect()
}

pub(crate) fn zone_versions(s: &mut Session<'_, Client>) -> Result<Vec<(String, ZoneVersionRow)>, StoreError> {
    let rows = s
        .query(
            "SELECT id, zone_name, to_char(valid_from, 'YYYY-MM-DD'), to_char(valid_to, 'YYYY-MM-DD'), source, note, \
                    constructed, geometry, min_lon, min_lat, max_lon, max_lat \
             FROM zone_versions ORDER BY zone_name COLLATE \"C\", valid_from",
            &[],
        )
        .map_err(pg("reading zone versions"))?;
    rows.iter().map(zone_version_from_row).collect()
}

fn zone_version_from_row(row: &Row) -> Result<(String, ZoneVersionRow), StoreError> {
    let id: i64 = get(row, 0)?;
    let read = || -> Result<_, StoreError> {
        let valid_from = get_date(row, 2)?.ok_or_else(|| StoreError::Corrupt("valid_from: missing".to_owned()))?;
        let version = ZoneVersionRow {
            valid_from,
            valid_to: get_date(row, 3)?,
            source: get(row, 4)?,
            note: get(row, 5)?,
            constructed: get(row, 6)?,
            geometry: get(row, 7)?,
            bbox: [get(row, 8)?, get(row, 9)?, get(row, 10)?, get(row, 11)?],
        };
        Ok((get(row, 1)?, version))
    };
    read().map_err(in_row(format_args!("zone version {id}")))
}

pub(crate) fn add_incident_correction(s: &mut Session<'_, Client>, user: &str, json: &str) -> Result<i64, StoreError> {
    let what = "recording an incident correction";
    // Checked here too, so the error says what is wrong, not just which CHECK failed.
    if let Err(e) = serde_json::from_str::<serde_json::Value>(json) {
        return Err(StoreError::Backend(format!("{what}: not JSON: {e}; nothing stored")));
    }
    if user.contains('\0') || json.contains('\0') {
        return Err(StoreError::Backend(format!(
            "{what}: a NUL character, which PostgreSQL text cannot hold; nothing stored"
        )));
    }
    let row = s
        .query_one(
            "INSERT INTO incident_corrections (user_name, correction_json, created_at) \
             VALUES ($1, $2, date_trunc('second', now())) RETURNING id",
            &[&user, &json],
        )
        .map_err(pg(what))?;
    get(&row, 0)
}

pub(crate) fn incident_corrections(s: &mut Session<'_, Client>) -> Result<Vec<IncidentCorrectionRow>, StoreError> {
    let rows = s
        .query(
            concat!(
                "SELECT id, user_name, ",
                rfc3339!("created_at"),
                ", correction_json FROM incident_corrections ORDER BY id"
            ),
            &[],
        )
        .map_err(pg("reading incident corrections"))?;
    rows.iter()
        .map(|row| {
            Ok(IncidentCorrectionRow {
                id: get(row, 0)?,
                user: get(row, 1)?,
                created_at: get(row, 2)?,
                json: get(row, 3)?,
            })
        })
        .collect()
}
