-- Bourgade schema, version 8: steering the programme (comité de projet).
-- Indicators of a project (project_id) or of a town's convention
-- (town_insee), exactly one of the two; their readings are a JSON array of
-- {date, value, source}, always read with the indicator.
CREATE TABLE indicator (
    id             INTEGER PRIMARY KEY,
    project_id     INTEGER REFERENCES project (id) ON DELETE CASCADE,
    town_insee     TEXT REFERENCES town (insee) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    code           TEXT,
    label          TEXT NOT NULL,
    unit           TEXT NOT NULL DEFAULT '',
    direction      TEXT NOT NULL CHECK (direction IN ('up', 'down')),
    baseline_value REAL,
    baseline_date  TEXT,
    target_value   REAL,
    target_date    TEXT,
    readings       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(readings)),
    CHECK ((project_id IS NULL) <> (town_insee IS NULL))
) STRICT;
CREATE INDEX indicator_project ON indicator (project_id, position);
CREATE INDEX indicator_town ON indicator (town_insee, position);

CREATE TABLE project_phase (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL
        CHECK (kind IN ('studies', 'consultation', 'works', 'operation', 'other')),
    label      TEXT NOT NULL DEFAULT '',
    start      TEXT,
    "end"      TEXT,
    budget     INTEGER
) STRICT;
CREATE INDEX project_phase_project ON project_phase (project_id, position);

-- Spending per year: the multi-year investment plan (PPI) adds these up.
CREATE TABLE project_year (
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    nature     TEXT NOT NULL CHECK (nature IN ('investment', 'operating')),
    forecast   INTEGER NOT NULL,
    actual     INTEGER,
    PRIMARY KEY (project_id, year, nature)
) STRICT;
CREATE INDEX project_year_year ON project_year (year, project_id);

-- A grant's payment schedule (JSON array of {kind, due_on, amount,
-- received_on, received}) and the date to which the funder extended it.
ALTER TABLE funding_line ADD COLUMN payments TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(payments));
ALTER TABLE funding_line ADD COLUMN extended_to TEXT;

-- When the operation started (commencement d'exécution) and was declared
-- complete: the grants' lapse dates run from them.
ALTER TABLE project ADD COLUMN started_on TEXT;
ALTER TABLE project ADD COLUMN completed_on TEXT;

-- Frozen comité de projet packs and annual reviews, reprinted byte for
-- byte like the council packs: the PDF as printed and the JSON of the data
-- it was made from (whose money totals serve as the "initial plan" of the
-- town's later packs).
CREATE TABLE steering_pack (
    id           INTEGER PRIMARY KEY,
    town_insee   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('committee', 'annual_review')),
    meeting_date TEXT NOT NULL,            -- YYYY-MM-DD: the meeting, or the review's last day
    since        TEXT NOT NULL,            -- YYYY-MM-DD: the first day the pack covers
    created_at   TEXT NOT NULL,            -- RFC 3339
    lang         TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    data         TEXT NOT NULL CHECK (json_valid(data)),
    pdf          BLOB NOT NULL
) STRICT;
CREATE INDEX steering_pack_town_date ON steering_pack (town_insee, kind, meeting_date);

-- The findings depend on all of these: forget the cached ones.
CREATE TRIGGER readiness_cache_indicator_insert AFTER INSERT ON indicator
    WHEN NEW.project_id IS NOT NULL BEGIN
    DELETE FROM readiness_cache WHERE project_id = NEW.project_id;
END;
CREATE TRIGGER readiness_cache_indicator_update AFTER UPDATE ON indicator BEGIN
    DELETE FROM readiness_cache WHERE project_id IN (OLD.project_id, NEW.project_id);
END;
CREATE TRIGGER readiness_cache_indicator_delete AFTER DELETE ON indicator
    WHEN OLD.project_id IS NOT NULL BEGIN
    DELETE FROM readiness_cache WHERE project_id = OLD.project_id;
END;
CREATE TRIGGER readiness_cache_year_insert AFTER INSERT ON project_year BEGIN
    DELETE FROM readiness_cache WHERE project_id = NEW.project_id;
END;
CREATE TRIGGER readiness_cache_year_update AFTER UPDATE ON project_year BEGIN
    DELETE FROM readiness_cache WHERE project_id IN (OLD.project_id, NEW.project_id);
END;
CREATE TRIGGER readiness_cache_year_delete AFTER DELETE ON project_year BEGIN
    DELETE FROM readiness_cache WHERE project_id = OLD.project_id;
END;
