-- V3__zones_incident_corrections: zones imported from published maps, and
-- analysts' corrections of the incident grouping. Both are ground state:
-- rows are appended, never updated or deleted.
--
-- A zone import keeps the file's bytes as read, with their SHA-256, who
-- imported it and when; its versions point back to it. A version is plain
-- data: the zone's name, its period (full dates as `YYYY-MM-DD` text, which
-- compares as dates; `valid_to` inclusive, NULL while it holds), who
-- published it, whether truce constructed it (shown as illustrative), the
-- area as GeoJSON geometry text, and its bounding box.
--
-- Versions of one zone never overlap. The store checks that inside the
-- import's IMMEDIATE transaction, to name the version it overlaps; the
-- trigger below refuses an overlapping row whoever writes it.
--
-- An incident correction is `truce_incidents::Correction` as JSON text,
-- kept as given; incidents apply them in `id` order.

CREATE TABLE zone_imports (
    id          INTEGER PRIMARY KEY,
    file        TEXT    NOT NULL,               -- the file's name as given
    sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),   -- lower-case hex SHA-256 of `raw`
    raw         BLOB    NOT NULL,
    user_name   TEXT    NOT NULL,
    imported_at TEXT    NOT NULL                -- RFC 3339 UTC
);

CREATE TABLE zone_versions (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES zone_imports (id),
    zone_name   TEXT    NOT NULL CHECK (zone_name <> ''),
    valid_from  TEXT    NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_to    TEXT    CHECK (valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND valid_to >= valid_from),
    source      TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    constructed INTEGER NOT NULL CHECK (constructed IN (0, 1)),
    geometry    TEXT    NOT NULL,               -- GeoJSON Polygon or MultiPolygon, [lon, lat]
    min_lon     REAL    NOT NULL,
    min_lat     REAL    NOT NULL,
    max_lon     REAL    NOT NULL,
    max_lat     REAL    NOT NULL
);
CREATE INDEX zone_versions_name ON zone_versions (zone_name, valid_from);
CREATE INDEX zone_versions_import ON zone_versions (import_id);

CREATE TRIGGER zone_versions_no_overlap BEFORE INSERT ON zone_versions
WHEN EXISTS (
    SELECT 1 FROM zone_versions z
    WHERE z.zone_name = new.zone_name
      AND z.valid_from <= coalesce(new.valid_to, '9999-12-31')
      AND new.valid_from <= coalesce(z.valid_to, '9999-12-31')
)
BEGIN
    SELECT RAISE(ABORT, 'zone version overlaps a stored version of the same zone');
END;

CREATE TABLE incident_corrections (
    id              INTEGER PRIMARY KEY,
    user_name       TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,           -- RFC 3339 UTC
    correction_json TEXT    NOT NULL CHECK (json_valid(correction_json))
);
