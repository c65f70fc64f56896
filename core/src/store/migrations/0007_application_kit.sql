-- Bourgade schema, version 7: the grant application kit.
-- Expense lines (postes de dépenses): when a project has some, its cost and
-- each funding line's eligible base are their sums, written by the store in
-- the same transaction. `ineligible_for` holds the positions of the
-- funding lines that may not count the expense (JSON array of integers).
CREATE TABLE expense_line (
    id               INTEGER PRIMARY KEY,
    project_id       INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    category         TEXT NOT NULL
        CHECK (category IN ('studies', 'acquisition', 'works', 'equipment', 'other')),
    label            TEXT NOT NULL,
    amount_excl_vat  INTEGER NOT NULL,
    vat_rate_percent REAL NOT NULL CHECK (vat_rate_percent BETWEEN 0 AND 100),
    ineligible_for   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(ineligible_for))
) STRICT;
CREATE INDEX expense_line_project ON expense_line (project_id, position);

CREATE TRIGGER readiness_cache_expense_insert AFTER INSERT ON expense_line BEGIN
    DELETE FROM readiness_cache WHERE project_id = NEW.project_id;
END;
CREATE TRIGGER readiness_cache_expense_update AFTER UPDATE ON expense_line BEGIN
    DELETE FROM readiness_cache WHERE project_id IN (OLD.project_id, NEW.project_id);
END;
CREATE TRIGGER readiness_cache_expense_delete AFTER DELETE ON expense_line BEGIN
    DELETE FROM readiness_cache WHERE project_id = OLD.project_id;
END;

-- What application forms ask beyond the plan (model::ApplicationFacts), as
-- one JSON object: never queried by column, always read with the project.
ALTER TABLE project ADD COLUMN application TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(application));
