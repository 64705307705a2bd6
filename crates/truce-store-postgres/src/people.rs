//! What people add to a PostgreSQL store: accounts, login sessions, the
//! review trail; and full-text search (tables and indexes of migration V3).

use postgres::{Client, Row};
use truce_store::{
    Correction, EventFields, NewSession, Review, SearchResults, Session as LoginSession, StoreError, User,
    UserCredentials, UserRole, search_terms,
};

use crate::{Session, get, pg, query_events};

/// A TIMESTAMPTZ column as RFC 3339 UTC text, to the second, like SQLite's.
macro_rules! rfc3339 {
    ($col:literal) => {
        concat!("to_char(", $col, " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
    };
}

const USER_SELECT: &str = concat!("SELECT u.id, u.name, u.role, ", rfc3339!("u.created_at"));

fn user_from_row(row: &Row) -> Result<User, StoreError> {
    let role: String = get(row, 2)?;
    Ok(User {
        user_id: get(row, 0)?,
        name: get(row, 1)?,
        role: role.parse().map_err(|e: String| StoreError::Corrupt(format!("user role: {e}")))?,
        created_at: get(row, 3)?,
    })
}

pub(crate) fn add_user(
    s: &mut Session<'_, Client>,
    name: &str,
    role: UserRole,
    hash: &str,
) -> Result<User, StoreError> {
    let what = format_args!("adding user {name:?}");
    let row = s
        .query_opt(
            &format!(
                "WITH inserted AS (INSERT INTO users (name, role, password_hash) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO NOTHING RETURNING *) {} FROM inserted u",
                USER_SELECT
            ),
            &[&name, &role.code(), &hash],
        )
        .map_err(pg(what))?;
    match row {
        Some(row) => user_from_row(&row),
        None => Err(StoreError::Conflict(format!("user {name:?} already exists"))),
    }
}

pub(crate) fn user(s: &mut Session<'_, Client>, name: &str) -> Result<Option<UserCredentials>, StoreError> {
    let row = s
        .query_opt(&format!("{USER_SELECT}, u.password_hash FROM users u WHERE u.name = $1"), &[&name])
        .map_err(pg(format_args!("looking up user {name:?}")))?;
    row.map(|row| Ok(UserCredentials { user: user_from_row(&row)?, password_hash: get(&row, 4)? })).transpose()
}

pub(crate) fn users(s: &mut Session<'_, Client>) -> Result<Vec<User>, StoreError> {
    let rows = s.query(&format!("{USER_SELECT} FROM users u ORDER BY u.id"), &[]).map_err(pg("listing users"))?;
    rows.iter().map(user_from_row).collect()
}

pub(crate) fn create_session(s: &mut Session<'_, Client>, new: &NewSession) -> Result<(), StoreError> {
    let what = "recording a session";
    let n = s
        .execute(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) \
             SELECT $1, u.id, $3, CAST($4 AS text)::timestamptz FROM users u WHERE u.id = $2",
            &[&new.token_hash, &new.user_id, &new.csrf_token, &new.expires_at],
        )
        .map_err(pg(what))?;
    if n == 0 {
        return Err(StoreError::NotFound(format!("user {}", new.user_id)));
    }
    Ok(())
}

pub(crate) fn session(s: &mut Session<'_, Client>, token_hash: &str) -> Result<Option<LoginSession>, StoreError> {
    let sql = format!(
        "{USER_SELECT}, s.csrf_token, {}, {} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        rfc3339!("s.created_at"),
        rfc3339!("s.expires_at")
    );
    let row = s.query_opt(&sql, &[&token_hash]).map_err(pg("looking up a session"))?;
    row.map(|row| {
        Ok(LoginSession {
            user: user_from_row(&row)?,
            csrf_token: get(&row, 4)?,
            created_at: get(&row, 5)?,
            expires_at: get(&row, 6)?,
        })
    })
    .transpose()
}

pub(crate) fn delete_session(s: &mut Session<'_, Client>, token_hash: &str) -> Result<bool, StoreError> {
    let n = s.execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash]).map_err(pg("ending a session"))?;
    Ok(n > 0)
}

const CORRECTION_SELECT: &str = concat!(
    "SELECT c.id, c.event_id, c.user_name, c.action, c.before, c.after, c.note, ",
    rfc3339!("c.created_at"),
    " FROM corrections c"
);

fn correction_from_row(row: &Row) -> Result<Correction, StoreError> {
    let id: i64 = get(row, 0)?;
    let corrupt = |what: &str, e: &dyn std::fmt::Display| StoreError::Corrupt(format!("correction {id}: {what}: {e}"));
    let action: String = get(row, 3)?;
    let before: serde_json::Value = get(row, 4)?;
    let after: serde_json::Value = get(row, 5)?;
    Ok(Correction {
        correction_id: id,
        event_id: get(row, 1)?,
        user: get(row, 2)?,
        action: action.parse().map_err(|e: String| corrupt("action", &e))?,
        before: serde_json::from_value(before).map_err(|e| corrupt("before", &e))?,
        after: serde_json::from_value(after).map_err(|e| corrupt("after", &e))?,
        note: get(row, 6)?,
        created_at: get(row, 7)?,
    })
}

pub(crate) fn history(s: &mut Session<'_, Client>, event_id: i64) -> Result<Vec<Correction>, StoreError> {
    let rows = s
        .query(&format!("{CORRECTION_SELECT} WHERE c.event_id = $1 ORDER BY c.id"), &[&event_id])
        .map_err(pg(format_args!("reading the history of event {event_id}")))?;
    rows.iter().map(correction_from_row).collect()
}

pub(crate) fn reviews(s: &mut Session<'_, Client>) -> Result<Vec<Correction>, StoreError> {
    let rows = s
        .query(
            &format!(
                "{CORRECTION_SELECT} WHERE c.id = (SELECT max(l.id) FROM corrections l WHERE l.event_id = c.event_id) \
                 ORDER BY c.event_id"
            ),
            &[],
        )
        .map_err(pg("reading reviews"))?;
    rows.iter().map(correction_from_row).collect()
}

pub(crate) fn apply_correction(
    s: &mut Session<'_, Client>,
    event_id: i64,
    user: &str,
    review: &Review,
    note: Option<&str>,
) -> Result<Correction, StoreError> {
    let what = format!("recording a review of event {event_id}");
    let mut tx = s.client.transaction().map_err(pg(&what))?;
    let mut t = Session { client: &mut tx, statements: s.statements };
    // The event's row lock orders concurrent reviews of one event, so each
    // one's `before` is the `after` of the one committed just before it.
    let locked = t.query_opt("SELECT id FROM events WHERE id = $1 FOR UPDATE", &[&event_id]).map_err(pg(&what))?;
    if locked.is_none() {
        return Err(StoreError::NotFound(format!("event {event_id}")));
    }
    let latest = t
        .query_opt(&format!("{CORRECTION_SELECT} WHERE c.event_id = $1 ORDER BY c.id DESC LIMIT 1"), &[&event_id])
        .map_err(pg(&what))?;
    let before = match latest {
        Some(row) => correction_from_row(&row)?.after,
        None => {
            let sql = format!("{} WHERE e.id = $1", crate::EVENT_SELECT);
            let event = query_events(&mut t, &sql, &[&event_id])?
                .pop()
                .ok_or_else(|| StoreError::NotFound(format!("event {event_id}")))?;
            EventFields::of(&event.record)
        }
    };
    let after = match review {
        Review::Correct(fields) => fields.clone(),
        Review::Accept | Review::Reject => before.clone(),
    };
    let json = |f: &EventFields| {
        serde_json::to_value(f).map_err(|e| StoreError::Backend(format!("{what}: encoding fields: {e}")))
    };
    let (before_json, after_json) = (json(&before)?, json(&after)?);
    if [user].into_iter().chain(note).any(|t| t.contains('\0')) {
        return Err(StoreError::Backend(format!("{what}: a NUL character, which PostgreSQL text cannot hold")));
    }
    let row = t
        .query_one(
            &format!(
                "WITH inserted AS (INSERT INTO corrections (event_id, user_name, action, before, after, note) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING *) {} FROM inserted c",
                CORRECTION_SELECT.trim_end_matches(" FROM corrections c")
            ),
            &[&event_id, &user, &review.action().code(), &before_json, &after_json, &note],
        )
        .map_err(pg(&what))?;
    let correction = correction_from_row(&row)?;
    tx.commit().map_err(pg(&what))?;
    Ok(correction)
}

/// The expressions both the GIN indexes of V3 and the queries use (the same
/// text, or the index is not used).
const DOCUMENT_TSV: &str = "to_tsvector('simple', regexp_replace(coalesce(d.title, '') || ' ' || d.clean_text, \
     '[[:punct:][:space:]]+', ' ', 'g'))";
const EVENT_TSV: &str = "to_tsvector('simple', regexp_replace(e.text, '[[:punct:][:space:]]+', ' ', 'g'))";
const CLAIM_TSV: &str = "to_tsvector('simple', regexp_replace(c.claimant, '[[:punct:][:space:]]+', ' ', 'g'))";

pub(crate) fn search(s: &mut Session<'_, Client>, query: &str, limit: usize) -> Result<SearchResults, StoreError> {
    let terms = search_terms(query);
    if terms.is_empty() || limit == 0 {
        return Ok(SearchResults::default());
    }
    // The terms joined: plainto_tsquery requires every one, and reads no
    // operators, as SQLite does with each term quoted.
    let text = terms.join(" ");
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let what = format_args!("searching for {query:?}");
    let documents = s
        .query(
            &format!(
                "SELECT d.id FROM documents d, plainto_tsquery('simple', $1) q WHERE {DOCUMENT_TSV} @@ q \
                 ORDER BY ts_rank({DOCUMENT_TSV}, q) DESC, d.id LIMIT $2"
            ),
            &[&text, &limit],
        )
        .map_err(pg(what))?
        .iter()
        .map(|row| get(row, 0))
        .collect::<Result<_, _>>()?;
    let events = s
        .query(
            &format!(
                "SELECT id, doc_id FROM ( \
                     SELECT e.id, e.doc_id, ts_rank({EVENT_TSV}, q) AS rank \
                     FROM events e, plainto_tsquery('simple', $1) q WHERE {EVENT_TSV} @@ q \
                     UNION ALL \
                     SELECT e.id, e.doc_id, ts_rank({CLAIM_TSV}, q) \
                     FROM claims c JOIN events e ON e.id = c.event_id, plainto_tsquery('simple', $1) q \
                     WHERE {CLAIM_TSV} @@ q) hits \
                 GROUP BY id, doc_id ORDER BY max(rank) DESC, id LIMIT $2"
            ),
            &[&text, &limit],
        )
        .map_err(pg(what))?
        .iter()
        .map(|row| Ok((get(row, 0)?, get(row, 1)?)))
        .collect::<Result<_, StoreError>>()?;
    Ok(SearchResults { documents, events })
}

pub(crate) fn revision(s: &mut Session<'_, Client>) -> Result<i64, StoreError> {
    let row = s
        .query_one(
            "SELECT (SELECT coalesce(max(id), 0) FROM documents) + (SELECT coalesce(max(id), 0) FROM corrections) \
                  + (SELECT coalesce(max(id), 0) FROM zone_imports) \
                  + (SELECT coalesce(max(id), 0) FROM incident_corrections)",
            &[],
        )
        .map_err(pg("reading the revision"))?;
    get(&row, 0)
}
