-- Bourgade schema, version 9: aids imported from Aides-territoires
-- (`bourgade aids import`). `key` is Bourgade's identity of an aid (`at:<id>`,
-- `slug:<slug>` or `nom:<folded name>`); re-importing an aid with the same id
-- or slug updates its row. `data` is the whole model::Aid as JSON; the
-- columns beside it are what queries filter on.
CREATE TABLE aid (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT NOT NULL UNIQUE,
    at_id               TEXT,
    slug                TEXT,
    name                TEXT NOT NULL,
    perimeter_scale     TEXT NOT NULL,
    perimeter_code      TEXT,
    submission_deadline TEXT,
    data                TEXT NOT NULL CHECK (json_valid(data)),
    imported_at         TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX aid_at_id ON aid (at_id);
CREATE INDEX aid_slug ON aid (slug);
CREATE INDEX aid_deadline ON aid (submission_deadline);
