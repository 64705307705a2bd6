//! What people add to a SQLite store: accounts, login sessions, the review
//! trail; and full-text search (FTS5, tables of migration V2).

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use truce_store::{
    Correction, EventFields, NewSession, Review, ReviewAction, SearchResults, Session, StoreError, User,
    UserCredentials, UserRole, search_terms,
};

use crate::{backend, get};

/// `strftime` pattern of the RFC 3339 UTC timestamps truce stores.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

const USER_SELECT: &str = "SELECT u.id, u.name, u.role, u.created_at";

fn user_from_row(row: &Row<'_>) -> Result<User, StoreError> {
    let role: String = get(row, 2)?;
    Ok(User {
        user_id: get(row, 0)?,
        name: get(row, 1)?,
        role: role.parse().map_err(|e: String| StoreError::Corrupt(format!("user role: {e}")))?,
        created_at: get(row, 3)?,
    })
}

pub(crate) fn add_user(conn: &Connection, name: &str, role: UserRole, hash: &str) -> Result<User, StoreError> {
    let what = format_args!("adding user {name:?}");
    let inserted = conn
        .execute(
            &format!(
                "INSERT INTO users (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, {NOW}) \
                 ON CONFLICT (name) DO NOTHING"
            ),
            params![name, role.code(), hash],
        )
        .map_err(backend(what))?;
    if inserted == 0 {
        return Err(StoreError::Conflict(format!("user {name:?} already exists")));
    }
    let found = user(conn, name)?.ok_or_else(|| StoreError::Backend(format!("{what}: not found after insert")))?;
    Ok(found.user)
}

pub(crate) fn user(conn: &Connection, name: &str) -> Result<Option<UserCredentials>, StoreError> {
    let what = format_args!("looking up user {name:?}");
    let mut stmt = conn
        .prepare_cached(&format!("{USER_SELECT}, u.password_hash FROM users u WHERE u.name = ?1"))
        .map_err(backend(what))?;
    let mut rows = stmt.query([name]).map_err(backend(what))?;
    let Some(row) = rows.next().map_err(backend(what))? else {
        return Ok(None);
    };
    Ok(Some(UserCredentials { user: user_from_row(row)?, password_hash: get(row, 4)? }))
}

pub(crate) fn users(conn: &Connection) -> Result<Vec<User>, StoreError> {
    let what = "listing users";
    let mut stmt = conn.prepare_cached(&format!("{USER_SELECT} FROM users u ORDER BY u.id")).map_err(backend(what))?;
    let mut rows = stmt.query([]).map_err(backend(what))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend(what))? {
        out.push(user_from_row(row)?);
    }
    Ok(out)
}

pub(crate) fn create_session(conn: &Connection, s: &NewSession) -> Result<(), StoreError> {
    let what = "recording a session";
    let known: Option<i64> = conn
        .query_row("SELECT id FROM users WHERE id = ?1", [s.user_id], |r| r.get(0))
        .optional()
        .map_err(backend(what))?;
    if known.is_none() {
        return Err(StoreError::NotFound(format!("user {}", s.user_id)));
    }
    conn.execute(
        &format!(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES (?1, ?2, ?3, {NOW}, ?4)"
        ),
        params![s.token_hash, s.user_id, s.csrf_token, s.expires_at],
    )
    .map_err(backend(what))?;
    Ok(())
}

pub(crate) fn session(conn: &Connection, token_hash: &str) -> Result<Option<Session>, StoreError> {
    let what = "looking up a session";
    let mut stmt = conn
        .prepare_cached(&format!(
            "{USER_SELECT}, s.csrf_token, s.created_at, s.expires_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1"
        ))
        .map_err(backend(what))?;
    let mut rows = stmt.query([token_hash]).map_err(backend(what))?;
    let Some(row) = rows.next().map_err(backend(what))? else {
        return Ok(None);
    };
    Ok(Some(Session {
        user: user_from_row(row)?,
        csrf_token: get(row, 4)?,
        created_at: get(row, 5)?,
        expires_at: get(row, 6)?,
    }))
}

pub(crate) fn delete_session(conn: &Connection, token_hash: &str) -> Result<bool, StoreError> {
    let n = conn
        .execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])
        .map_err(backend("ending a session"))?;
    Ok(n > 0)
}

const CORRECTION_SELECT: &str = "SELECT c.id, c.event_id, c.user_name, c.action, c.before_json, c.after_json, c.note, c.created_at FROM corrections c";

fn correction_from_row(row: &Row<'_>) -> Result<Correction, StoreError> {
    let id: i64 = get(row, 0)?;
    let corrupt = |what: &str, e: &dyn std::fmt::Display| StoreError::Corrupt(format!("correction {id}: {what}: {e}"));
    let action: String = get(row, 3)?;
    let before: String = get(row, 4)?;
    let after: String = get(row, 5)?;
    Ok(Correction {
        correction_id: id,
        event_id: get(row, 1)?,
        user: get(row, 2)?,
        action: action.parse().map_err(|e: String| corrupt("action", &e))?,
        before: serde_json::from_str(&before).map_err(|e| corrupt("before", &e))?,
        after: serde_json::from_str(&after).map_err(|e| corrupt("after", &e))?,
        note: get(row, 6)?,
        created_at: get(row, 7)?,
    })
}

fn corrections(conn: &Connection, sql: &str, args: &[i64]) -> Result<Vec<Correction>, StoreError> {
    let what = "reading corrections";
    let mut stmt = conn.prepare_cached(sql).map_err(backend(what))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args)).map_err(backend(what))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend(what))? {
        out.push(correction_from_row(row)?);
    }
    Ok(out)
}

pub(crate) fn history(conn: &Connection, event_id: i64) -> Result<Vec<Correction>, StoreError> {
    corrections(conn, &format!("{CORRECTION_SELECT} WHERE c.event_id = ?1 ORDER BY c.id"), &[event_id])
}

pub(crate) fn reviews(conn: &Connection) -> Result<Vec<Correction>, StoreError> {
    corrections(
        conn,
        &format!(
            "{CORRECTION_SELECT} WHERE c.id = (SELECT max(l.id) FROM corrections l WHERE l.event_id = c.event_id) \
             ORDER BY c.event_id"
        ),
        &[],
    )
}

pub(crate) fn apply_correction(
    store: &mut crate::SqliteStore,
    event_id: i64,
    user: &str,
    review: &Review,
    note: Option<&str>,
) -> Result<Correction, StoreError> {
    let what = format_args!("recording a review of event {event_id}");
    // Immediate: the effective fields read here are still the latest when the
    // row is appended, whoever else reviews the same event.
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(backend(what))?;
    let before = {
        let latest = corrections(
            &tx,
            &format!("{CORRECTION_SELECT} WHERE c.event_id = ?1 ORDER BY c.id DESC LIMIT 1"),
            &[event_id],
        )?;
        match latest.into_iter().next() {
            Some(c) => c.after,
            None => {
                let stored = crate::event_by_id(&tx, event_id)?
                    .ok_or_else(|| StoreError::NotFound(format!("event {event_id}")))?;
                EventFields::of(&stored.record)
            }
        }
    };
    let after = match review {
        Review::Correct(fields) => fields.clone(),
        Review::Accept | Review::Reject => before.clone(),
    };
    let json = |f: &EventFields| {
        serde_json::to_string(f).map_err(|e| StoreError::Backend(format!("{what}: encoding fields: {e}")))
    };
    let action: ReviewAction = review.action();
    tx.execute(
        &format!(
            "INSERT INTO corrections (event_id, user_name, action, before_json, after_json, note, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, {NOW})"
        ),
        params![event_id, user, action.code(), json(&before)?, json(&after)?, note],
    )
    .map_err(backend(what))?;
    let id = tx.last_insert_rowid();
    let row = corrections(&tx, &format!("{CORRECTION_SELECT} WHERE c.id = ?1"), &[id])?;
    tx.commit().map_err(backend(what))?;
    row.into_iter().next().ok_or_else(|| StoreError::Backend(format!("{what}: not found after insert")))
}

pub(crate) fn search(conn: &Connection, query: &str, limit: usize) -> Result<SearchResults, StoreError> {
    let terms = search_terms(query);
    if terms.is_empty() || limit == 0 {
        return Ok(SearchResults::default());
    }
    // Each term a quoted FTS5 string: never syntax, all required.
    let matcher: String = terms.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" ");
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let what = format_args!("searching for {query:?}");
    let mut stmt = conn
        .prepare_cached("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY rank, rowid LIMIT ?2")
        .map_err(backend(what))?;
    let documents =
        stmt.query_map(params![matcher, limit], |r| r.get(0)).and_then(Iterator::collect).map_err(backend(what))?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, doc_id FROM ( \
                 SELECT e.id, e.doc_id, f.rank FROM events_fts f JOIN events e ON e.id = f.rowid \
                 WHERE events_fts MATCH ?1 \
                 UNION ALL \
                 SELECT e.id, e.doc_id, f.rank FROM claims_fts f JOIN claims c ON c.id = f.rowid \
                 JOIN events e ON e.id = c.event_id WHERE claims_fts MATCH ?1) \
             GROUP BY id ORDER BY min(rank), id LIMIT ?2",
        )
        .map_err(backend(what))?;
    let events = stmt
        .query_map(params![matcher, limit], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .map_err(backend(what))?;
    Ok(SearchResults { documents, events })
}

pub(crate) fn revision(conn: &Connection) -> Result<i64, StoreError> {
    conn.query_row(
        "SELECT (SELECT coalesce(max(id), 0) FROM documents) + (SELECT coalesce(max(id), 0) FROM corrections) \
              + (SELECT coalesce(max(id), 0) FROM zone_imports) + (SELECT coalesce(max(id), 0) FROM incident_corrections)",
        [],
        |r| r.get(0),
    )
    .map_err(backend("reading the revision"))
}
