//! The lines that hang from a project (stage events, funding lines,
//! milestones, journal, council decisions, actor and solution links):
//! written wholesale, read for one project or for many at once.

use super::sql::code;
use crate::error::Result;
use crate::model::*;
use rusqlite::{params, Connection, Row, Transaction};
use std::collections::HashMap;

pub(super) fn insert_stage_event(tx: &Transaction, id: i64, e: &StageEvent) -> Result<()> {
    tx.execute(
        "INSERT INTO stage_event (project_id, from_stage, to_stage, date, author, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, e.from_stage, e.to_stage, e.date, e.author, e.note],
    )?;
    Ok(())
}

/// Replaces every line of a project.
pub(crate) fn replace_lines(tx: &Transaction, id: i64, l: &ProjectLines) -> Result<()> {
    for table in [
        "stage_event",
        "expense_line",
        "funding_line",
        "milestone",
        "indicator",
        "project_phase",
        "project_year",
        "journal_note",
        "council_decision",
        "project_actor",
        "project_solution",
    ] {
        tx.execute(&format!("DELETE FROM {table} WHERE project_id = ?1"), [id])?;
    }
    for e in &l.stage_events {
        insert_stage_event(tx, id, e)?;
    }
    for (i, e) in l.expense_lines.iter().enumerate() {
        tx.execute(
            "INSERT INTO expense_line (project_id, position, category, label, amount_excl_vat, vat_rate_percent, ineligible_for)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                i as i64,
                e.category.as_str(),
                e.label,
                e.amount_excl_vat,
                e.vat_rate_percent,
                serde_json::to_string(&e.ineligible_for).expect("integers serialise"),
            ],
        )?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO funding_line (project_id, position, funder, scheme, kind, nature, eligible_base_excl_vat,
            rate_percent, amounts_incl_vat, amount_requested, amount_awarded, amount_paid, status, deadline,
            filed_on, notified_on, paid_on, note, payments, extended_to)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    for (i, f) in l.funding_lines.iter().enumerate() {
        stmt.execute(params![
            id,
            i as i64,
            f.funder.as_str(),
            f.scheme,
            f.kind.as_str(),
            f.nature.as_str(),
            f.eligible_base_excl_vat,
            f.rate_percent,
            f.amounts_incl_vat,
            f.amount_requested,
            f.amount_awarded,
            f.amount_paid,
            f.status.as_str(),
            f.deadline,
            f.filed_on,
            f.notified_on,
            f.paid_on,
            f.note,
            serde_json::to_string(&f.payments).expect("payments serialise"),
            f.extended_to,
        ])?;
    }
    for m in &l.milestones {
        tx.execute(
            "INSERT INTO milestone (project_id, title, due_date, done) VALUES (?1, ?2, ?3, ?4)",
            params![id, m.title, m.due_date, m.done],
        )?;
    }
    for (i, ind) in l.indicators.iter().enumerate() {
        insert_indicator(tx, Owner::Project(id), i, ind)?;
    }
    for (i, p) in l.phases.iter().enumerate() {
        tx.execute(
            "INSERT INTO project_phase (project_id, position, kind, label, start, \"end\", budget)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                i as i64,
                p.kind.as_str(),
                p.label,
                p.start,
                p.end,
                p.budget
            ],
        )?;
    }
    for y in &l.yearly {
        tx.execute(
            "INSERT INTO project_year (project_id, year, nature, forecast, actual) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, y.year, y.nature.as_str(), y.forecast, y.actual],
        )?;
    }
    for n in &l.journal {
        tx.execute(
            "INSERT INTO journal_note (project_id, date, text) VALUES (?1, ?2, ?3)",
            params![id, n.date, n.text],
        )?;
    }
    for d in &l.council_decisions {
        tx.execute(
            "INSERT INTO council_decision (project_id, deliberation_number, date, text) VALUES (?1, ?2, ?3, ?4)",
            params![id, d.deliberation_number, d.date, d.text],
        )?;
    }
    for (i, a) in l.actors.iter().enumerate() {
        tx.execute(
            "INSERT INTO project_actor (project_id, actor_id, position, role, contact_status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, a.actor_id, i as i64, a.role, a.contact_status.as_str(), a.note],
        )?;
    }
    for (i, s) in l.solutions.iter().enumerate() {
        tx.execute(
            "INSERT INTO project_solution (project_id, solution_id, position, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, s.solution_id, i as i64, s.note],
        )?;
    }
    sync_expense_figures(tx, id)
}

/// Writes what a project's expense lines decide, when it has some: its
/// cost (excl. and incl. VAT) is their sum, and each funding line's
/// eligible base is the sum of the expense lines eligible to it. Called in
/// every transaction that writes a project's fields or lines, so that the
/// figures every reader takes from the columns agree with the lines.
pub(crate) fn sync_expense_figures(tx: &Transaction, id: i64) -> Result<()> {
    let expenses: Vec<ExpenseLine> = {
        let sql = format!(
            "SELECT {} FROM expense_line WHERE project_id = ?1 ORDER BY {}",
            EXPENSE_LINES.1, EXPENSE_LINES.2
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], |r| expense_line_at(r, 0))?;
        rows.collect::<Result<_, _>>()?
    };
    let Some(t) = expense_totals(&expenses) else {
        return Ok(());
    };
    tx.execute(
        "UPDATE project SET cost_excl_vat = ?2, cost_incl_vat = ?3
         WHERE id = ?1 AND (cost_excl_vat IS NOT ?2 OR cost_incl_vat IS NOT ?3)",
        params![id, t.excl_vat, t.incl_vat],
    )?;
    let mut stmt = tx.prepare_cached(
        "UPDATE funding_line SET eligible_base_excl_vat = ?3
         WHERE project_id = ?1 AND position = ?2 AND eligible_base_excl_vat IS NOT ?3",
    )?;
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM funding_line WHERE project_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    for position in 0..n {
        stmt.execute(params![
            id,
            position,
            eligible_base_of(&expenses, position as usize)
        ])?;
    }
    Ok(())
}

// One query per kind of line. `{cols}` is the mapper's column list; the
// mappers read from column `at`, so that the per-project query (columns from
// 0) and the grouped one (project_id first, columns from 1) share them.
const STAGE_EVENTS: (&str, &str, &str) = (
    "stage_event",
    "from_stage, to_stage, date, author, note",
    "id",
);
const EXPENSE_LINES: (&str, &str, &str) = (
    "expense_line",
    "category, label, amount_excl_vat, vat_rate_percent, ineligible_for",
    "position, id",
);
const FUNDING_LINES: (&str, &str, &str) = (
    "funding_line",
    "funder, scheme, kind, nature, eligible_base_excl_vat, rate_percent, amounts_incl_vat,
     amount_requested, amount_awarded, amount_paid, status, deadline, filed_on, notified_on, paid_on, note,
     payments, extended_to",
    "position, id",
);
const MILESTONES: (&str, &str, &str) = ("milestone", "title, due_date, done", "id");
const INDICATORS: (&str, &str, &str) = (
    "indicator",
    "code, label, unit, direction, baseline_value, baseline_date, target_value, target_date, readings",
    "position, id",
);
const PHASES: (&str, &str, &str) = (
    "project_phase",
    "kind, label, start, \"end\", budget",
    "position, id",
);
const YEARLY: (&str, &str, &str) = (
    "project_year",
    "year, nature, forecast, actual",
    "year, nature",
);
const JOURNAL: (&str, &str, &str) = ("journal_note", "date, text", "id");
const DECISIONS: (&str, &str, &str) = ("council_decision", "deliberation_number, date, text", "id");
const ACTORS: (&str, &str, &str) = (
    "project_actor",
    "actor_id, role, contact_status, note",
    "position",
);
const SOLUTIONS: (&str, &str, &str) = ("project_solution", "solution_id, note", "position");

fn stage_event_at(r: &Row, at: usize) -> rusqlite::Result<StageEvent> {
    Ok(StageEvent {
        from_stage: r.get(at)?,
        to_stage: r.get(at + 1)?,
        date: r.get(at + 2)?,
        author: r.get(at + 3)?,
        note: r.get(at + 4)?,
    })
}

fn expense_line_at(r: &Row, at: usize) -> rusqlite::Result<ExpenseLine> {
    let ineligible: String = r.get(at + 4)?;
    Ok(ExpenseLine {
        category: code(r, at, ExpenseCategory::parse)?,
        label: r.get(at + 1)?,
        amount_excl_vat: r.get(at + 2)?,
        vat_rate_percent: r.get(at + 3)?,
        ineligible_for: serde_json::from_str(&ineligible).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(at + 4, rusqlite::types::Type::Text, e.into())
        })?,
    })
}

fn funding_line_at(r: &Row, at: usize) -> rusqlite::Result<FundingLine> {
    Ok(FundingLine {
        funder: code(r, at, Funder::parse)?,
        scheme: r.get(at + 1)?,
        kind: code(r, at + 2, FundingKind::parse)?,
        nature: code(r, at + 3, ExpenseNature::parse)?,
        eligible_base_excl_vat: r.get(at + 4)?,
        rate_percent: r.get(at + 5)?,
        amounts_incl_vat: r.get(at + 6)?,
        amount_requested: r.get(at + 7)?,
        amount_awarded: r.get(at + 8)?,
        amount_paid: r.get(at + 9)?,
        status: code(r, at + 10, FundingStatus::parse)?,
        deadline: r.get(at + 11)?,
        filed_on: r.get(at + 12)?,
        notified_on: r.get(at + 13)?,
        paid_on: r.get(at + 14)?,
        note: r.get(at + 15)?,
        payments: json_at(r, at + 16)?,
        extended_to: r.get(at + 17)?,
    })
}

/// A JSON column read into its type.
fn json_at<T: serde::de::DeserializeOwned>(r: &Row, at: usize) -> rusqlite::Result<T> {
    let text: String = r.get(at)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Text, e.into())
    })
}

pub(super) fn indicator_at(r: &Row, at: usize) -> rusqlite::Result<Indicator> {
    Ok(Indicator {
        code: r.get(at)?,
        label: r.get(at + 1)?,
        unit: r.get(at + 2)?,
        direction: code(r, at + 3, Direction::parse)?,
        baseline_value: r.get(at + 4)?,
        baseline_date: r.get(at + 5)?,
        target_value: r.get(at + 6)?,
        target_date: r.get(at + 7)?,
        readings: json_at(r, at + 8)?,
    })
}

fn phase_at(r: &Row, at: usize) -> rusqlite::Result<Phase> {
    Ok(Phase {
        kind: code(r, at, PhaseKind::parse)?,
        label: r.get(at + 1)?,
        start: r.get(at + 2)?,
        end: r.get(at + 3)?,
        budget: r.get(at + 4)?,
    })
}

fn year_at(r: &Row, at: usize) -> rusqlite::Result<YearAmount> {
    Ok(YearAmount {
        year: r.get(at)?,
        nature: code(r, at + 1, ExpenseNature::parse)?,
        forecast: r.get(at + 2)?,
        actual: r.get(at + 3)?,
    })
}

/// Whose indicator it is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Owner<'a> {
    Project(i64),
    Town(&'a str),
}

/// Inserts one indicator at `position` of its owner's list.
pub(super) fn insert_indicator(
    tx: &Transaction,
    owner: Owner,
    position: usize,
    ind: &Indicator,
) -> Result<()> {
    let (project, town) = match owner {
        Owner::Project(id) => (Some(id), None),
        Owner::Town(t) => (None, Some(t)),
    };
    tx.execute(
        "INSERT INTO indicator (project_id, town_insee, position, code, label, unit, direction,
            baseline_value, baseline_date, target_value, target_date, readings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            project,
            town,
            position as i64,
            ind.code,
            ind.label,
            ind.unit,
            ind.direction.as_str(),
            ind.baseline_value,
            ind.baseline_date,
            ind.target_value,
            ind.target_date,
            serde_json::to_string(&ind.readings).expect("readings serialise"),
        ],
    )?;
    Ok(())
}

fn milestone_at(r: &Row, at: usize) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        title: r.get(at)?,
        due_date: r.get(at + 1)?,
        done: r.get(at + 2)?,
    })
}

fn journal_at(r: &Row, at: usize) -> rusqlite::Result<JournalNote> {
    Ok(JournalNote {
        date: r.get(at)?,
        text: r.get(at + 1)?,
    })
}

fn decision_at(r: &Row, at: usize) -> rusqlite::Result<CouncilDecision> {
    Ok(CouncilDecision {
        deliberation_number: r.get(at)?,
        date: r.get(at + 1)?,
        text: r.get(at + 2)?,
    })
}

fn actor_link_at(r: &Row, at: usize) -> rusqlite::Result<ActorLink> {
    Ok(ActorLink {
        actor_id: r.get(at)?,
        role: r.get(at + 1)?,
        contact_status: code(r, at + 2, ContactStatus::parse)?,
        note: r.get(at + 3)?,
    })
}

fn solution_link_at(r: &Row, at: usize) -> rusqlite::Result<SolutionLink> {
    Ok(SolutionLink {
        solution_id: r.get(at)?,
        note: r.get(at + 1)?,
    })
}

pub(super) fn lines_of(conn: &Connection, id: i64) -> Result<ProjectLines> {
    fn all<T>(
        conn: &Connection,
        (table, cols, order): (&str, &str, &str),
        id: i64,
        f: fn(&Row, usize) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let sql = format!("SELECT {cols} FROM {table} WHERE project_id = ?1 ORDER BY {order}");
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], |r| f(r, 0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
    Ok(ProjectLines {
        stage_events: all(conn, STAGE_EVENTS, id, stage_event_at)?,
        expense_lines: all(conn, EXPENSE_LINES, id, expense_line_at)?,
        funding_lines: all(conn, FUNDING_LINES, id, funding_line_at)?,
        milestones: all(conn, MILESTONES, id, milestone_at)?,
        indicators: all(conn, INDICATORS, id, indicator_at)?,
        phases: all(conn, PHASES, id, phase_at)?,
        yearly: all(conn, YEARLY, id, year_at)?,
        journal: all(conn, JOURNAL, id, journal_at)?,
        council_decisions: all(conn, DECISIONS, id, decision_at)?,
        actors: all(conn, ACTORS, id, actor_link_at)?,
        solutions: all(conn, SOLUTIONS, id, solution_link_at)?,
    })
}

/// Which projects' details to read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Selection<'a> {
    /// Those of one town, or of every town.
    Town(Option<&'a str>),
    /// Those whose numbers are in this JSON array.
    Ids(&'a str),
}

impl Selection<'_> {
    /// The condition for this selection, given the SQL for a town and for a
    /// range of ids, and its parameters. A statement per case rather than
    /// "?1 IS NULL OR …": the OR would keep SQLite from using the indexes.
    pub(super) fn sql(&self, town: &str, ids: &str) -> (String, Vec<&dyn rusqlite::ToSql>) {
        match self {
            Selection::Town(Some(t)) => (town.to_owned(), vec![t as &dyn rusqlite::ToSql]),
            Selection::Town(None) => ("1".to_owned(), Vec::new()),
            Selection::Ids(list) => (ids.to_owned(), vec![list as &dyn rusqlite::ToSql]),
        }
    }
}

/// Rows of one query grouped by their first column, the project id.
/// `{in_town}` in `sql` becomes the condition "of the projects of town ?1"
/// (every project when ?1 is NULL).
pub(super) fn grouped<T>(
    conn: &Connection,
    sql: &str,
    selection: Selection,
    mut f: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<HashMap<i64, Vec<T>>> {
    let (condition, params) = selection.sql(
        "project_id IN (SELECT id FROM project WHERE town_insee = ?1)",
        "project_id IN (SELECT value FROM json_each(?1))",
    );
    let sql = sql.replace("{in_town}", &condition);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params.as_slice())?;
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(f(r)?);
    }
    Ok(out)
}

/// Every line of the selected projects, loaded with one query per kind.
pub(super) struct LinesByProject {
    stage_events: HashMap<i64, Vec<StageEvent>>,
    expense_lines: HashMap<i64, Vec<ExpenseLine>>,
    funding_lines: HashMap<i64, Vec<FundingLine>>,
    milestones: HashMap<i64, Vec<Milestone>>,
    indicators: HashMap<i64, Vec<Indicator>>,
    phases: HashMap<i64, Vec<Phase>>,
    yearly: HashMap<i64, Vec<YearAmount>>,
    journal: HashMap<i64, Vec<JournalNote>>,
    council_decisions: HashMap<i64, Vec<CouncilDecision>>,
    actors: HashMap<i64, Vec<ActorLink>>,
    solutions: HashMap<i64, Vec<SolutionLink>>,
}

impl LinesByProject {
    pub(super) fn load(conn: &Connection, town: Selection) -> Result<LinesByProject> {
        fn by_project<T>(
            conn: &Connection,
            (table, cols, order): (&str, &str, &str),
            town: Selection,
            f: fn(&Row, usize) -> rusqlite::Result<T>,
        ) -> Result<HashMap<i64, Vec<T>>> {
            let sql = format!(
                "SELECT project_id, {cols} FROM {table}
                 WHERE project_id IS NOT NULL AND {{in_town}} ORDER BY project_id, {order}"
            );
            grouped(conn, &sql, town, |r| f(r, 1))
        }
        Ok(LinesByProject {
            stage_events: by_project(conn, STAGE_EVENTS, town, stage_event_at)?,
            expense_lines: by_project(conn, EXPENSE_LINES, town, expense_line_at)?,
            funding_lines: by_project(conn, FUNDING_LINES, town, funding_line_at)?,
            milestones: by_project(conn, MILESTONES, town, milestone_at)?,
            indicators: by_project(conn, INDICATORS, town, indicator_at)?,
            phases: by_project(conn, PHASES, town, phase_at)?,
            yearly: by_project(conn, YEARLY, town, year_at)?,
            journal: by_project(conn, JOURNAL, town, journal_at)?,
            council_decisions: by_project(conn, DECISIONS, town, decision_at)?,
            actors: by_project(conn, ACTORS, town, actor_link_at)?,
            solutions: by_project(conn, SOLUTIONS, town, solution_link_at)?,
        })
    }

    pub(super) fn take(&mut self, id: i64) -> ProjectLines {
        ProjectLines {
            stage_events: self.stage_events.remove(&id).unwrap_or_default(),
            expense_lines: self.expense_lines.remove(&id).unwrap_or_default(),
            funding_lines: self.funding_lines.remove(&id).unwrap_or_default(),
            milestones: self.milestones.remove(&id).unwrap_or_default(),
            indicators: self.indicators.remove(&id).unwrap_or_default(),
            phases: self.phases.remove(&id).unwrap_or_default(),
            yearly: self.yearly.remove(&id).unwrap_or_default(),
            journal: self.journal.remove(&id).unwrap_or_default(),
            council_decisions: self.council_decisions.remove(&id).unwrap_or_default(),
            actors: self.actors.remove(&id).unwrap_or_default(),
            solutions: self.solutions.remove(&id).unwrap_or_default(),
        }
    }
}
