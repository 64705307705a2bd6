-- V1__initial: documents, their event records, and what those records name.
--
-- The PostgreSQL twin of truce-store-sqlite's V1: the same tables, columns
-- and constraints, in PostgreSQL's own types (BIGINT identity keys, BYTEA,
-- TIMESTAMPTZ, TEXT[] where SQLite keeps a JSON array in TEXT).
--
-- Dates are text exactly as the contract writes them (`2023-03-24`, `2023-03`,
-- `2023`, `--03-24`). `date_lo` / `date_hi` are the first and last full day of
-- the event's period, NULL when the year is unknown. They are compared as
-- text, like in SQLite; COLLATE "C" makes that a byte comparison whatever the
-- database's collation, so ISO dates order as dates.
--
-- Event types and actor roles are checked when read back, not by CHECK
-- constraints, so that a new code needs no migration.
--
-- Unqualified names: the tables go into the first schema of `search_path`.

CREATE TABLE documents (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT        NOT NULL,          -- the document's own id: file name or URL
    content_hash TEXT        NOT NULL UNIQUE,   -- lower-case hex SHA-256 of `raw`
    raw          BYTEA       NOT NULL,
    clean_text   TEXT        NOT NULL,
    removed      TEXT[]      NOT NULL,          -- the boilerplate lines removed, in order
    title        TEXT,
    outlet       TEXT,
    published    TEXT,
    language     TEXT,
    url          TEXT,
    ingested_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX documents_name ON documents (name);

CREATE TABLE events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id     BIGINT           NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord        BIGINT           NOT NULL,       -- position within the document's records
    type       TEXT             NOT NULL,
    date       TEXT,
    date_end   TEXT,
    date_lo    TEXT COLLATE "C",
    date_hi    TEXT COLLATE "C",
    killed     BIGINT CHECK (killed >= 0),
    injured    BIGINT CHECK (injured >= 0),
    evidence   TEXT,
    text       TEXT             NOT NULL,
    span_start BIGINT           NOT NULL CHECK (span_start >= 0),
    span_end   BIGINT           NOT NULL CHECK (span_end >= span_start),
    rules      TEXT[]           NOT NULL,       -- rule names, in order
    confidence DOUBLE PRECISION NOT NULL,
    UNIQUE (doc_id, ord)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date_lo, date_hi);

CREATE TABLE places (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,           -- canonical gazetteer name
    name_folded TEXT NOT NULL                   -- `name` lower-cased (Unicode, by truce) for case-insensitive lookup
);
CREATE INDEX places_name_folded ON places (name_folded);

CREATE TABLE event_places (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ord      BIGINT NOT NULL,
    place_id BIGINT NOT NULL REFERENCES places (id),
    PRIMARY KEY (event_id, ord)
);
CREATE INDEX event_places_place ON event_places (place_id);

CREATE TABLE actors (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE                   -- canonical actor name
);

CREATE TABLE event_actors (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ord      BIGINT NOT NULL,
    actor_id BIGINT NOT NULL REFERENCES actors (id),
    role     TEXT   NOT NULL,
    PRIMARY KEY (event_id, ord)
);
CREATE INDEX event_actors_actor ON event_actors (actor_id);

CREATE TABLE claims (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ord      BIGINT NOT NULL,
    claimant TEXT   NOT NULL,
    stance   TEXT   NOT NULL CHECK (stance IN ('asserted', 'denied')),
    UNIQUE (event_id, ord)
);
