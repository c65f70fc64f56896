-- Version 2: one full-text index over projects, actors, solutions and
-- communes. Texts are stored folded (lower case, no accents, œ → oe) by the
-- application, so the same folding applied to the query finds "cœur" from
-- "coeur"; remove_diacritics 2 also catches anything not folded.
-- The index is filled by the application in the same transaction, from the
-- rows already present (see store::migrate::after).

CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,     -- 'project' | 'actor' | 'solution' | 'commune'
    ref  UNINDEXED,     -- project id, actor id, solution id or INSEE code
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
