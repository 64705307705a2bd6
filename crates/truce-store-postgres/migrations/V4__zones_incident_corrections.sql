-- V4__zones_incident_corrections: zones imported from published maps, and
-- analysts' corrections of the incident grouping. The twin of
-- truce-store-sqlite's V3. Both are ground state: rows are appended, never
-- updated or deleted.
--
-- A zone import keeps the file's bytes as read, with their SHA-256, who
-- imported it and when; its versions point back to it. A version is plain
-- data: the zone's name, its period (DATE; `valid_to` inclusive, NULL while
-- it holds), who published it, whether truce constructed it (shown as
-- illustrative), the area as GeoJSON geometry text (TEXT, not JSONB: it
-- reads back as the exact text given), and its bounding box.
--
-- Versions of one zone never overlap. No exclusion constraint: equality on
-- text in a GiST index needs the btree_gist extension, which a schema-scoped
-- store cannot count on being allowed to create. Instead the store locks
-- zone_versions in SHARE ROW EXCLUSIVE mode (imports wait for each other,
-- readers do not) before checking and inserting, and the trigger below
-- takes the same lock and refuses an overlapping row whoever writes it.
--
-- An incident correction is `truce_incidents::Correction` as JSON, kept as
-- the text given (JSONB would reorder it); the CHECK parses it.

CREATE TABLE zone_imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file        TEXT        NOT NULL,           -- the file's name as given
    sha256      TEXT        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),   -- of `raw`
    raw         BYTEA       NOT NULL,
    user_name   TEXT        NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE zone_versions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_id   BIGINT           NOT NULL REFERENCES zone_imports (id),
    zone_name   TEXT             NOT NULL CHECK (zone_name <> ''),
    valid_from  DATE             NOT NULL,
    valid_to    DATE             CHECK (valid_to >= valid_from),
    source      TEXT             NOT NULL,
    note        TEXT             NOT NULL,
    constructed BOOLEAN          NOT NULL,
    geometry    TEXT             NOT NULL,      -- GeoJSON Polygon or MultiPolygon, [lon, lat]
    min_lon     DOUBLE PRECISION NOT NULL,
    min_lat     DOUBLE PRECISION NOT NULL,
    max_lon     DOUBLE PRECISION NOT NULL,
    max_lat     DOUBLE PRECISION NOT NULL
);
CREATE INDEX zone_versions_name ON zone_versions (zone_name, valid_from);
CREATE INDEX zone_versions_import ON zone_versions (import_id);

CREATE FUNCTION zone_versions_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE zone_versions IN SHARE ROW EXCLUSIVE MODE;
    IF EXISTS (
        SELECT 1 FROM zone_versions z
        WHERE z.zone_name = NEW.zone_name
          AND daterange(z.valid_from, z.valid_to, '[]') && daterange(NEW.valid_from, NEW.valid_to, '[]')
    ) THEN
        RAISE EXCEPTION 'zone version % of zone % overlaps a stored version of the same zone',
            daterange(NEW.valid_from, NEW.valid_to, '[]'), NEW.zone_name
            USING ERRCODE = 'exclusion_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER zone_versions_no_overlap BEFORE INSERT ON zone_versions
    FOR EACH ROW EXECUTE FUNCTION zone_versions_no_overlap();

CREATE TABLE incident_corrections (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_name       TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    correction_json TEXT        NOT NULL CHECK (correction_json::jsonb IS NOT NULL)
);
