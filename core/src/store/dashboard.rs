//! The dashboard's aggregate queries, and each project's readiness findings
//! kept in `readiness_cache` (migration 0005) so that the dashboard of a
//! whole portfolio never reads every funding plan again. Every query takes
//! an optional town: the condition is written only when a town is given,
//! so that SQLite can use the town index; every value is bound.

use super::sql::code;
use super::Store;
use crate::error::Result;
use crate::model::{Deadline, DeadlineKind, Funder, FundingStatus, Stage};
use crate::model::{Finding, Severity};
use chrono::NaiveDate;
use rusqlite::ToSql;

/// ` AND p.town_insee = ?` when a town is given.
fn town_condition(town: Option<&str>) -> &'static str {
    if town.is_some() {
        " AND p.town_insee = ?"
    } else {
        ""
    }
}

/// Leaves out abandoned projects. With a town, the join from the town's
/// projects does; across every town, a condition on the line's project id
/// against the (small) set of abandoned projects lets SQLite read the
/// lines from an index alone instead of looking up 150,000 projects.
fn not_abandoned(town: Option<&str>, alias: &str) -> String {
    if town.is_some() {
        " AND p.health <> 'abandoned' AND p.town_insee = ?".to_owned()
    } else {
        format!(
            " AND {alias}.project_id NOT IN (SELECT id FROM project WHERE health = 'abandoned')"
        )
    }
}

/// A window of dates for [`Store::deadlines`].
pub(crate) enum Window {
    /// Open milestones and funding deadlines from the first day to the last.
    Between(NaiveDate, NaiveDate),
    /// Open milestones due before this day.
    MilestonesBefore(NaiveDate),
}

impl Store {
    /// Number of projects at each stage that has any.
    pub(crate) fn stage_counts(&self, town: Option<&str>) -> Result<Vec<(Stage, usize)>> {
        let sql = format!(
            "SELECT stage, count(*) FROM project p WHERE 1{} GROUP BY stage",
            town_condition(town)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(town), |r| {
            Ok((r.get::<_, Stage>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The cost excl. VAT of the projects not abandoned, in cents.
    pub(crate) fn total_cost(&self, town: Option<&str>) -> Result<i64> {
        let sql = format!(
            "SELECT coalesce(sum(cost_excl_vat), 0) FROM project p
             WHERE p.health <> 'abandoned'{}",
            town_condition(town)
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(town), |r| r.get(0))?)
    }

    /// The amounts that count in the plans (`FundingLine::planned_amount`:
    /// awarded, else requested, else paid; nothing when refused) of the
    /// projects not abandoned, summed by funder and status, in cents.
    pub(crate) fn funding_totals(
        &self,
        town: Option<&str>,
    ) -> Result<Vec<(Funder, FundingStatus, i64)>> {
        let sql = format!(
            "SELECT l.funder, l.status,
                    sum(CASE WHEN l.status = 'refused' THEN 0
                             ELSE coalesce(l.amount_awarded, l.amount_requested, l.amount_paid, 0) END)
             FROM funding_line l{}
             WHERE 1{}
             GROUP BY l.funder, l.status",
            if town.is_some() { " JOIN project p ON p.id = l.project_id" } else { "" },
            not_abandoned(town, "l")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(town), |r| {
            Ok((
                code(r, 0, Funder::parse)?,
                code(r, 1, FundingStatus::parse)?,
                r.get(2)?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The first `limit` open milestones and funding deadlines (lines still
    /// to request) of projects not abandoned in `window`, by date, project
    /// and label; and how many there are in all.
    pub(crate) fn deadlines(
        &self,
        town: Option<&str>,
        window: Window,
        limit: u32,
    ) -> Result<(Vec<Deadline>, usize)> {
        let na_m = not_abandoned(town, "m");
        let na_l = not_abandoned(town, "l");
        // With a town, the join gives the town and `+` keeps SQLite from
        // reading every open milestone by date: it starts from the town's
        // projects instead. Without, the indexes alone answer.
        let (plus, join_m, join_l) = if town.is_some() {
            (
                "+",
                " JOIN project p ON p.id = m.project_id",
                " JOIN project p ON p.id = l.project_id",
            )
        } else {
            ("", "", "")
        };
        let (from, to) = match window {
            Window::Between(from, to) => (Some(from), to),
            Window::MilestonesBefore(day) => (None, day),
        };
        let range = if from.is_some() {
            "BETWEEN ? AND ?"
        } else {
            "< ?"
        };
        // The milestones, and in a window the funding deadlines, with the
        // columns asked for.
        let union = |milestone_cols: &str, line_cols: &str| {
            let milestones = format!(
                "SELECT {milestone_cols} FROM milestone m{join_m}
                 WHERE {plus}m.done = 0{na_m} AND {plus}m.due_date {range}"
            );
            if from.is_some() {
                format!(
                    "{milestones}
                     UNION ALL
                     SELECT {line_cols} FROM funding_line l{join_l}
                     WHERE {plus}l.status = 'to_request'{na_l} AND {plus}l.deadline {range}"
                )
            } else {
                milestones
            }
        };
        let mut values: Vec<&dyn ToSql> = Vec::new();
        let branches = if from.is_some() { 2 } else { 1 };
        for _ in 0..branches {
            if let Some(t) = &town {
                values.push(t);
            }
            if let Some(f) = &from {
                values.push(f);
            }
            values.push(&to);
        }
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM ({})", union("1", "1")))?
            .query_row(values.as_slice(), |r| r.get(0))?;
        values.push(&limit);
        // The first ones by date, then their projects' titles.
        // Ties: funding deadlines before milestones, each in its own order,
        // as the project page lists them.
        let first = union(
            "m.due_date AS date, 'milestone' AS kind, m.project_id AS project_id, m.title AS label, m.id AS seq",
            "l.deadline, 'funding_deadline', l.project_id, coalesce(l.scheme, l.funder), l.position",
        );
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT d.date, d.kind, d.project_id, p.title, d.label
             FROM (SELECT * FROM ({first}) ORDER BY date, project_id, label, kind, seq LIMIT ?) d
             JOIN project p ON p.id = d.project_id
             ORDER BY d.date, d.project_id, d.label, d.kind, d.seq"
        ))?;
        let rows = stmt.query_map(values.as_slice(), |r| {
            Ok(Deadline {
                date: r.get(0)?,
                kind: if r.get_ref(1)?.as_str()? == "milestone" {
                    DeadlineKind::Milestone
                } else {
                    DeadlineKind::FundingDeadline
                },
                project_id: r.get(2)?,
                project_title: r.get(3)?,
                label: r.get(4)?,
            })
        })?;
        Ok((rows.collect::<Result<_, _>>()?, total as usize))
    }

    /// The projects (of `town`, or of all) whose kept findings do not hold
    /// for `today` and `stamp`, or that have none kept, by id.
    pub(crate) fn readiness_stale(
        &self,
        town: Option<&str>,
        today: NaiveDate,
        stamp: &str,
    ) -> Result<Vec<i64>> {
        // Every town: as many valid rows as projects means none is stale
        // (a row goes with its project), two index counts instead of a join.
        if town.is_none() {
            let (kept, projects): (i64, i64) = self.conn.prepare_cached(
                "SELECT (SELECT count(*) FROM readiness_cache WHERE computed_on = ?1 AND reference_stamp = ?2),
                        (SELECT count(*) FROM project)",
            )?
            .query_row(rusqlite::params![today, stamp], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if kept == projects {
                return Ok(Vec::new());
            }
        }
        // A town's few projects: look each one's row up. Every town: the
        // set of valid rows from the counts index, then the project ids,
        // twice as fast as 50,000 lookups in the wide table.
        let sql = if town.is_some() {
            "SELECT p.id FROM project p
             LEFT JOIN readiness_cache r
               ON r.project_id = p.id AND r.computed_on = ? AND r.reference_stamp = ?
             WHERE r.project_id IS NULL AND p.town_insee = ?
             ORDER BY p.id"
        } else {
            "SELECT p.id FROM project p
             WHERE p.id NOT IN (SELECT project_id FROM readiness_cache
                                WHERE computed_on = ? AND reference_stamp = ?)
             ORDER BY p.id"
        };
        let mut values: Vec<&dyn ToSql> = vec![&today, &stamp];
        if let Some(t) = &town {
            values.push(t);
        }
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(values.as_slice(), |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Runs `f` in one write transaction taken at once (`BEGIN
    /// IMMEDIATE`): what it reads cannot change before what it writes is
    /// committed. Rolled back if `f` fails.
    pub(crate) fn in_write_transaction<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f() {
            Ok(v) => {
                if let Err(e) = self.conn.execute_batch("COMMIT") {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    return Err(e.into());
                }
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Keeps each project's findings for `today` and `stamp`, in the
    /// caller's transaction ([`Store::in_write_transaction`]). Findings are
    /// derived data: a caller may ignore a failure.
    pub(crate) fn keep_readiness(
        &self,
        today: NaiveDate,
        stamp: &str,
        findings: &[(i64, Vec<Finding>)],
    ) -> Result<()> {
        {
            let mut stmt = self.conn.prepare_cached(
                "INSERT OR REPLACE INTO readiness_cache
                     (project_id, computed_on, reference_stamp, blocking, warnings, findings)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (id, list) in findings {
                let count = |s: Severity| list.iter().filter(|f| f.severity == s).count() as i64;
                let json = serde_json::to_string(list).expect("findings serialise");
                stmt.execute(rusqlite::params![
                    id,
                    today,
                    stamp,
                    count(Severity::Blocking),
                    count(Severity::Warning),
                    json
                ])?;
            }
        }
        Ok(())
    }

    /// The number of blocking findings and of warnings kept for `town`'s
    /// projects (or all) that hold for `today` and `stamp`.
    pub(crate) fn readiness_totals(
        &self,
        town: Option<&str>,
        today: NaiveDate,
        stamp: &str,
    ) -> Result<(usize, usize)> {
        let sql = format!(
            "SELECT coalesce(sum(r.blocking), 0), coalesce(sum(r.warnings), 0)
             FROM readiness_cache r{}
             WHERE r.computed_on = ? AND r.reference_stamp = ?{}",
            if town.is_some() {
                " JOIN project p ON p.id = r.project_id"
            } else {
                ""
            },
            town_condition(town)
        );
        let mut values: Vec<&dyn ToSql> = vec![&today, &stamp];
        if let Some(t) = &town {
            values.push(t);
        }
        let (b, w): (i64, i64) = self
            .conn
            .prepare_cached(&sql)?
            .query_row(values.as_slice(), |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((b as usize, w as usize))
    }

    /// The first `limit` kept findings of `severity` (blocking or warning),
    /// by project id and in each project's own order.
    pub(crate) fn readiness_first(
        &self,
        town: Option<&str>,
        today: NaiveDate,
        stamp: &str,
        severity: Severity,
        limit: usize,
    ) -> Result<Vec<Finding>> {
        let column = match severity {
            Severity::Blocking => "blocking",
            Severity::Warning => "warnings",
            Severity::Info => return Ok(Vec::new()),
        };
        let sql = format!(
            // NOT INDEXED: read in project order and stop at `limit`, rather
            // than find every row with findings by the counts index and sort.
            "SELECT r.findings FROM readiness_cache r NOT INDEXED JOIN project p ON p.id = r.project_id
             WHERE r.computed_on = ? AND r.reference_stamp = ? AND r.{column} > 0{}
             ORDER BY r.project_id",
            town_condition(town)
        );
        let mut values: Vec<&dyn ToSql> = vec![&today, &stamp];
        if let Some(t) = &town {
            values.push(t);
        }
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(values.as_slice())?;
        let mut out = Vec::new();
        while out.len() < limit {
            let Some(row) = rows.next()? else { break };
            let json: String = row.get(0)?;
            // The stamp names the program's version, so a row another
            // version wrote is never read here: failing to read is a fault.
            let list: Vec<Finding> = serde_json::from_str(&json).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
            out.extend(list.into_iter().filter(|f| f.severity == severity));
        }
        out.truncate(limit);
        Ok(out)
    }
}
