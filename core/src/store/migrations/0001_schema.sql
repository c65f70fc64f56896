-- Bourgade schema, version 1: reference data, followed towns, projects and
-- their lines. Released migrations are never edited: add a new file instead.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Official geography (data/communes), reloaded when the shipped extract changes.
CREATE TABLE region (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE departement (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    region TEXT NOT NULL
) STRICT;

CREATE TABLE epci (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE commune (
    insee       TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    departement TEXT NOT NULL,
    region      TEXT NOT NULL,
    population  INTEGER,
    epci_code   TEXT,
    postcodes   TEXT NOT NULL DEFAULT ''   -- space-separated
) STRICT;

-- Labels of every code, FR and EN (data/reference/taxonomy.json).
CREATE TABLE label (
    vocabulary TEXT NOT NULL,
    code       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    fr         TEXT NOT NULL,
    en         TEXT NOT NULL,
    PRIMARY KEY (vocabulary, code)
) STRICT;

-- Catalogues. `data` is the entry as JSON; `origin` tells shipped entries
-- ('catalogue') from the user's ('user'); a shipped entry the user edited has
-- user_edited = 1 and is never overwritten by a newer catalogue.
CREATE TABLE actor (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    scope       TEXT NOT NULL,
    data        TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('catalogue', 'user')),
    user_edited INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE solution (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    data        TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('catalogue', 'user')),
    user_edited INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE funding_scheme (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    data        TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('catalogue', 'user')),
    user_edited INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Towns the manager follows.
CREATE TABLE town (
    insee    TEXT PRIMARY KEY REFERENCES commune (insee),
    is_demo  INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL
) STRICT;

CREATE TABLE project (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    town_insee    TEXT NOT NULL REFERENCES town (insee),
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    context       TEXT NOT NULL DEFAULT '',
    proposal      TEXT NOT NULL DEFAULT '',
    risks         TEXT NOT NULL DEFAULT '',
    ort_axis      TEXT,
    action_sheet  TEXT,
    stage         INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 8),
    health        TEXT NOT NULL,
    priority      TEXT NOT NULL,
    lead          TEXT NOT NULL DEFAULT '',
    elected_lead  TEXT NOT NULL DEFAULT '',
    planned_start TEXT,
    planned_end   TEXT,
    cost_excl_vat INTEGER,                -- euro cents
    cost_incl_vat INTEGER,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX project_town_stage ON project (town_insee, stage);

CREATE TABLE project_theme (
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    theme      TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (project_id, theme)
) STRICT;
CREATE INDEX project_theme_theme ON project_theme (theme);

CREATE TABLE stage_event (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    from_stage INTEGER,
    to_stage   INTEGER NOT NULL CHECK (to_stage BETWEEN 0 AND 8),
    date       TEXT NOT NULL,
    author     TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX stage_event_project ON stage_event (project_id);

CREATE TABLE funding_line (
    id                     INTEGER PRIMARY KEY,
    project_id             INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    position               INTEGER NOT NULL,
    funder                 TEXT NOT NULL,
    scheme                 TEXT,
    kind                   TEXT NOT NULL,
    nature                 TEXT NOT NULL,
    eligible_base_excl_vat INTEGER,
    rate_percent           REAL,
    amounts_incl_vat       INTEGER NOT NULL DEFAULT 0,
    amount_requested       INTEGER,
    amount_awarded         INTEGER,
    amount_paid            INTEGER,
    status                 TEXT NOT NULL,
    deadline               TEXT,
    filed_on               TEXT,
    notified_on            TEXT,
    paid_on                TEXT,
    note                   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX funding_line_project ON funding_line (project_id);

CREATE TABLE milestone (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    due_date   TEXT NOT NULL,
    done       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX milestone_project ON milestone (project_id);

CREATE TABLE journal_note (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    text       TEXT NOT NULL
) STRICT;
CREATE INDEX journal_note_project ON journal_note (project_id);

CREATE TABLE council_decision (
    id                  INTEGER PRIMARY KEY,
    project_id          INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    deliberation_number TEXT NOT NULL DEFAULT '',
    date                TEXT NOT NULL,
    text                TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX council_decision_project ON council_decision (project_id);

CREATE TABLE project_actor (
    project_id     INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    actor_id       TEXT NOT NULL REFERENCES actor (id),
    position       INTEGER NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    contact_status TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (project_id, actor_id)
) STRICT;

CREATE TABLE project_solution (
    project_id  INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    solution_id TEXT NOT NULL REFERENCES solution (id),
    position    INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (project_id, solution_id)
) STRICT;
