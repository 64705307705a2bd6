-- V1__initial: documents, their event records, and what those records name.
--
-- Documents are ground state; everything else is derived from them by the
-- extractor and is stored with them in one transaction. Types are kept
-- portable: a PostgreSQL schema mirrors this one with BIGINT identity keys,
-- BYTEA for `raw` and DOUBLE PRECISION for `confidence`.
--
-- Dates are text exactly as the contract writes them (`2023-03-24`, `2023-03`,
-- `2023`, `--03-24`). `date_lo` / `date_hi` are the first and last full day of
-- the event's period (`2023-03` -> `2023-03-01` .. `2023-03-31`), NULL when the
-- year is unknown; ISO dates compare correctly as text, so date filters are
-- plain comparisons on them.
--
-- Vocabularies that grow with the model (event types, actor roles) are checked
-- when read back, not by CHECK constraints, so that a new code needs no table
-- rebuild. A stance is either asserted or denied, and always will be.

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,           -- the document's own id: file name or URL
    content_hash TEXT    NOT NULL UNIQUE,    -- lower-case hex SHA-256 of `raw`
    raw          BLOB    NOT NULL,
    clean_text   TEXT    NOT NULL,
    removed_json TEXT    NOT NULL,           -- JSON array of the boilerplate lines removed
    title        TEXT,
    outlet       TEXT,
    published    TEXT,
    language     TEXT,
    url          TEXT,
    ingested_at  TEXT    NOT NULL            -- RFC 3339 UTC
);
CREATE INDEX documents_name ON documents (name);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    doc_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,             -- position within the document's records
    type       TEXT    NOT NULL,
    date       TEXT,
    date_end   TEXT,
    date_lo    TEXT,
    date_hi    TEXT,
    killed     INTEGER CHECK (killed >= 0),
    injured    INTEGER CHECK (injured >= 0),
    evidence   TEXT,
    text       TEXT    NOT NULL,
    span_start INTEGER NOT NULL CHECK (span_start >= 0),
    span_end   INTEGER NOT NULL CHECK (span_end >= span_start),
    rule_json  TEXT    NOT NULL,             -- JSON array of rule names
    confidence REAL    NOT NULL,
    UNIQUE (doc_id, ord)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date_lo, date_hi);

CREATE TABLE places (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,        -- canonical gazetteer name
    name_folded TEXT NOT NULL                -- `name` lower-cased (Unicode) for case-insensitive lookup
);
CREATE INDEX places_name_folded ON places (name_folded);

CREATE TABLE event_places (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places (id),
    PRIMARY KEY (event_id, ord)
);
CREATE INDEX event_places_place ON event_places (place_id);

CREATE TABLE actors (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE                -- canonical actor name
);

CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors (id),
    role     TEXT    NOT NULL,
    PRIMARY KEY (event_id, ord)
);
CREATE INDEX event_actors_actor ON event_actors (actor_id);

CREATE TABLE claims (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    claimant TEXT    NOT NULL,
    stance   TEXT    NOT NULL CHECK (stance IN ('asserted', 'denied')),
    UNIQUE (event_id, ord)
);
