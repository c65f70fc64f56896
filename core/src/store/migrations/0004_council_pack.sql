-- Bourgade schema, version 4: frozen council packs. A pack is printed once
-- and kept as it was sent (the PDF, and the data it was made from as JSON)
-- so that it can be reprinted identically, whatever the projects became.
-- No foreign keys: a pack outlives the projects it shows.
CREATE TABLE council_pack (
    id           INTEGER PRIMARY KEY,
    town_insee   TEXT NOT NULL,
    meeting_date TEXT NOT NULL,            -- YYYY-MM-DD
    created_at   TEXT NOT NULL,            -- RFC 3339
    lang         TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    project_ids  TEXT NOT NULL,            -- JSON array of the agenda's project ids, in order
    data         TEXT NOT NULL,            -- JSON: the project details and changes printed
    pdf          BLOB NOT NULL
) STRICT;
CREATE INDEX council_pack_town_date ON council_pack (town_insee, meeting_date);
