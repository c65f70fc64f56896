-- Bourgade schema, version 5: what keeps lists and the dashboard fast when
-- hundreds of towns' portfolios are loaded (figures: docs/PERFORMANCE.md).

-- Lists by stage across every town (the (town, stage) index needs a town).
CREATE INDEX project_stage ON project (stage);
-- The dashboard's cost total, and the set of abandoned projects it leaves out.
CREATE INDEX project_health_cost ON project (health, cost_excl_vat);

-- The list's next-deadline subquery reads only these indexes. They begin
-- with project_id, so they replace the single-column ones.
CREATE INDEX funding_line_project_status_deadline ON funding_line (project_id, status, deadline);
DROP INDEX funding_line_project;
CREATE INDEX milestone_project_done_due ON milestone (project_id, done, due_date);
DROP INDEX milestone_project;
-- The dashboard across every town: deadlines by date, and the money by
-- funder and status, each read from an index alone.
CREATE INDEX milestone_open_due ON milestone (done, due_date, project_id);
CREATE INDEX funding_line_status_deadline ON funding_line (status, deadline, project_id);
CREATE INDEX funding_line_money
    ON funding_line (funder, status, project_id, amount_awarded, amount_requested, amount_paid);

-- Each project's readiness findings (funding::readiness), kept so that the
-- dashboard of a whole portfolio is an aggregate query. A row holds for one
-- day (findings count days to deadlines) and one state of the funding
-- schemes and their calls (reference_stamp); the triggers below delete it
-- whenever the project or its funding lines or milestones change, whatever
-- code path writes them. Never exported: it is recomputed from the data.
CREATE TABLE readiness_cache (
    project_id      INTEGER PRIMARY KEY REFERENCES project (id) ON DELETE CASCADE,
    computed_on     TEXT NOT NULL,        -- YYYY-MM-DD: the day the findings hold for
    reference_stamp TEXT NOT NULL,        -- digest of the schemes and calls checked against
    blocking        INTEGER NOT NULL,     -- number of blocking findings
    warnings        INTEGER NOT NULL,     -- number of warnings
    findings        TEXT NOT NULL         -- JSON array of the findings, as funding::Finding
) STRICT;
-- The totals, read without the findings' text.
CREATE INDEX readiness_cache_counts
    ON readiness_cache (computed_on, reference_stamp, blocking, warnings);

CREATE TRIGGER readiness_cache_project_update AFTER UPDATE ON project BEGIN
    DELETE FROM readiness_cache WHERE project_id = OLD.id;
END;
-- Also where foreign keys are off (the sqlite3 shell): a project's number
-- can be given again, and must not inherit the findings of the one before.
CREATE TRIGGER readiness_cache_project_delete AFTER DELETE ON project BEGIN
    DELETE FROM readiness_cache WHERE project_id = OLD.id;
END;
CREATE TRIGGER readiness_cache_project_insert AFTER INSERT ON project BEGIN
    DELETE FROM readiness_cache WHERE project_id = NEW.id;
END;
CREATE TRIGGER readiness_cache_funding_insert AFTER INSERT ON funding_line BEGIN
    DELETE FROM readiness_cache WHERE project_id = NEW.project_id;
END;
CREATE TRIGGER readiness_cache_funding_update AFTER UPDATE ON funding_line BEGIN
    DELETE FROM readiness_cache WHERE project_id IN (OLD.project_id, NEW.project_id);
END;
CREATE TRIGGER readiness_cache_funding_delete AFTER DELETE ON funding_line BEGIN
    DELETE FROM readiness_cache WHERE project_id = OLD.project_id;
END;
CREATE TRIGGER readiness_cache_milestone_insert AFTER INSERT ON milestone BEGIN
    DELETE FROM readiness_cache WHERE project_id = NEW.project_id;
END;
CREATE TRIGGER readiness_cache_milestone_update AFTER UPDATE ON milestone BEGIN
    DELETE FROM readiness_cache WHERE project_id IN (OLD.project_id, NEW.project_id);
END;
CREATE TRIGGER readiness_cache_milestone_delete AFTER DELETE ON milestone BEGIN
    DELETE FROM readiness_cache WHERE project_id = OLD.project_id;
END;
