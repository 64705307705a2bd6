-- V2__jobs: the ingest queue. Documents waiting to be read and extracted by
-- workers, which lease them with SELECT ... FOR UPDATE SKIP LOCKED; no broker
-- besides PostgreSQL.
--
-- States: queued (waiting), running (leased to `worker` until
-- `leased_until`; an expired lease makes the job free again), done (its
-- document is stored; `doc_id`), failed (the input itself was refused, e.g.
-- not a readable document: retrying would not help), parked (given up after
-- the maximum number of attempts; `last_error` says why).

CREATE TABLE jobs (
    id           BIGSERIAL   PRIMARY KEY,
    doc_name     TEXT        NOT NULL,
    source_path  TEXT        NOT NULL,
    content_hash TEXT        NOT NULL,          -- lower-case hex SHA-256 of `raw`, as documents.content_hash
    raw          BYTEA       NOT NULL,          -- emptied once done: the document keeps the bytes
    meta         JSONB       NOT NULL,          -- truce_model::DocMeta
    state        TEXT        NOT NULL DEFAULT 'queued'
                             CHECK (state IN ('queued', 'running', 'done', 'failed', 'parked')),
    attempts     INTEGER     NOT NULL DEFAULT 0,
    last_error   TEXT,
    leased_until TIMESTAMPTZ,
    worker       TEXT,
    doc_id       BIGINT      REFERENCES documents (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (state <> 'running' OR leased_until IS NOT NULL)
);
-- At most one live job per content: enqueueing the same bytes twice is a no-op.
CREATE UNIQUE INDEX jobs_live_content ON jobs (content_hash) WHERE state IN ('queued', 'running');
-- What `lease` scans: live jobs in id order.
CREATE INDEX jobs_live ON jobs (id) WHERE state IN ('queued', 'running');
