-- V3__accounts_review_search: what people add (accounts, login sessions, the
-- review trail) and full-text search. The twin of truce-store-sqlite's V2.
--
-- Corrections are ground state and an audit trail: rows are appended, never
-- updated or deleted, and the extracted event they correct stays as it was.
-- `before` / `after` hold the effective correctable fields
-- (truce_store::EventFields) before and after each review; the effective
-- event is the latest row's `after` on top of the extracted record. No ON
-- DELETE CASCADE from events: a reviewed event cannot vanish.
--
-- Sessions are kept by the SHA-256 of their token: the database never holds
-- a token a browser could present.
--
-- Search: GIN indexes over the same expressions the store's queries use,
-- with the 'simple' configuration (lower case, no stemming, no stop words),
-- so that matching agrees with SQLite's FTS5 unicode61 tokenizer. ASCII
-- punctuation is turned into spaces first: PostgreSQL's parser would read
-- `<script>` as a tag and `a.org/b` as a URL and index neither word.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT        NOT NULL UNIQUE,
    role          TEXT        NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    password_hash TEXT        NOT NULL,         -- argon2 PHC string
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
    token_hash TEXT        PRIMARY KEY,         -- hex SHA-256 of the session token
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE corrections (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   BIGINT      NOT NULL REFERENCES events (id),
    user_name  TEXT        NOT NULL,
    action     TEXT        NOT NULL CHECK (action IN ('accept', 'correct', 'reject')),
    before     JSONB       NOT NULL,
    after      JSONB       NOT NULL,
    note       TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX corrections_event ON corrections (event_id, id);

CREATE INDEX documents_fts ON documents USING GIN (
    to_tsvector('simple', regexp_replace(coalesce(title, '') || ' ' || clean_text, '[[:punct:][:space:]]+', ' ', 'g'))
);
CREATE INDEX events_fts ON events USING GIN (
    to_tsvector('simple', regexp_replace(text, '[[:punct:][:space:]]+', ' ', 'g'))
);
CREATE INDEX claims_fts ON claims USING GIN (
    to_tsvector('simple', regexp_replace(claimant, '[[:punct:][:space:]]+', ' ', 'g'))
);
