-- Bourgade schema, version 3: funding line history, calls of funding
-- schemes, council meetings. Released migrations are never edited.

-- Status history of funding lines (to request → filed → awarded | refused
-- → paid). Funding lines are rewritten wholesale whenever a plan is saved
-- (save_project_lines) or imported, so their row ids do not last; the
-- exchange formats carry no line identity either. An event is therefore
-- keyed by project and line position (0-based, the order of the plan), and
-- records the funder and scheme the line had: the history of a position is
-- shown only while the line there still has that funder and scheme. A plan
-- saved again keeps its history; lines reordered or replaced lose the link
-- (the events stay, listed on the project) rather than inherit another
-- line's past. No foreign key to funding_line, on purpose; the project's
-- deletion removes its history.
CREATE TABLE funding_event (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    line_position INTEGER NOT NULL CHECK (line_position >= 0),
    funder        TEXT NOT NULL,
    scheme        TEXT,
    from_status   TEXT NOT NULL,
    to_status     TEXT NOT NULL,
    date          TEXT NOT NULL,
    amount        INTEGER,                -- euro cents: requested, awarded or the instalment paid
    recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX funding_event_line ON funding_event (project_id, line_position);

-- Each year's call of a funding scheme (opening and closing dates), entered
-- by the user: dates are set locally (the préfecture's DETR call…).
CREATE TABLE scheme_call (
    id          INTEGER PRIMARY KEY,
    scheme_code TEXT NOT NULL REFERENCES funding_scheme (code),
    year        INTEGER NOT NULL,
    opens_on    TEXT NOT NULL,
    closes_on   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    origin      TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('catalogue', 'user')),
    created_at  TEXT NOT NULL,
    UNIQUE (scheme_code, year, closes_on)
) STRICT;
CREATE INDEX scheme_call_closes ON scheme_call (closes_on);

-- Meetings of a town's municipal council and their agenda of projects.
CREATE TABLE council_meeting (
    id         INTEGER PRIMARY KEY,
    town_insee TEXT NOT NULL REFERENCES town (insee),
    date       TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX council_meeting_town_date ON council_meeting (town_insee, date);

CREATE TABLE council_meeting_item (
    meeting_id INTEGER NOT NULL REFERENCES council_meeting (id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, project_id)
) STRICT;
CREATE INDEX council_meeting_item_project ON council_meeting_item (project_id);
