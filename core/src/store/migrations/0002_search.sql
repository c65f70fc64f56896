-- Version 2: one full-text index over projects, actors, solutions and
-- communes. Texts are stored folded (lower case, no accents, œ → oe) by the
-- application, so the same folding applied to the query finds "cœur" from
-- "coeur"; remove_diacritics 2 also catches anything not folded.
-- search_entry names what each index row points to; its id is the FTS rowid,
-- so refreshing one entry is a lookup, not a scan.
-- The index is filled by the application in the same transaction, from the
-- rows already present (see store::migrate::after).

CREATE TABLE search_entry (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,     -- 'project' | 'actor' | 'solution' | 'commune'
    ref  TEXT NOT NULL,     -- project id, actor id, solution id or INSEE code
    UNIQUE (kind, ref)
) STRICT;

CREATE VIRTUAL TABLE search_index USING fts5 (
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
