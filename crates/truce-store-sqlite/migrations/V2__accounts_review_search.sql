-- V2__accounts_review_search: what people add (accounts, login sessions, the
-- review trail) and full-text search.
--
-- Corrections are ground state and an audit trail: rows are appended, never
-- updated or deleted, and the extracted event they correct stays as it was.
-- `before_json` / `after_json` hold the effective correctable fields
-- (truce_store::EventFields as JSON) before and after each review; the
-- effective event is the latest row's `after_json` on top of the extracted
-- record. No ON DELETE CASCADE from events: a reviewed event cannot vanish.
--
-- Sessions are kept by the SHA-256 of their token: the database never holds
-- a token a browser could present.
--
-- Search: FTS5 indexes over document titles and clean text, event sentences
-- and claimants, each an external-content table over its source table kept
-- in step by triggers. `unicode61` with diacritics kept, so that matching
-- agrees with PostgreSQL's 'simple' configuration (lower case, no stemming).

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    password_hash TEXT NOT NULL,                -- argon2 PHC string
    created_at    TEXT NOT NULL                 -- RFC 3339 UTC
);

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,             -- hex SHA-256 of the session token
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL                 -- RFC 3339 UTC
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id),
    user_name   TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('accept', 'correct', 'reject')),
    before_json TEXT    NOT NULL,
    after_json  TEXT    NOT NULL,
    note        TEXT,
    created_at  TEXT    NOT NULL                -- RFC 3339 UTC
);
CREATE INDEX corrections_event ON corrections (event_id, id);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, clean_text, content = 'documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, clean_text) VALUES (new.id, new.title, new.clean_text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, clean_text) VALUES ('delete', old.id, old.title, old.clean_text);
END;
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE events_fts USING fts5 (
    text, content = 'events', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
INSERT INTO events_fts (events_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE claims_fts USING fts5 (
    claimant, content = 'claims', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, claimant) VALUES (new.id, new.claimant);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, claimant) VALUES ('delete', old.id, old.claimant);
END;
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
