//! Projects and their lines: create, edit, move between stages, delete, list.
//! Each change is one transaction; the search index follows in it.

use super::lines::{
    grouped, insert_stage_event, lines_of, replace_lines, LinesByProject, Selection,
};
use super::sql::{code, opt_code, timestamp};
use super::{now_rfc3339, search, Store};
use crate::error::{Error, Problem, Result};
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

/// Which projects to list. Every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ProjectFilter {
    pub town_insee: Option<String>,
    pub stage: Option<Stage>,
    /// Words to find (accent-insensitive, prefix match).
    pub search: Option<String>,
    /// At most this many projects (a page of the list); all when absent.
    #[ts(optional)]
    pub limit: Option<u32>,
    /// Skip this many first projects (the pages before), by id.
    #[ts(optional)]
    pub offset: Option<u32>,
}

/// The `WHERE` of the project list: only the conditions a filter asks for.
struct ListWhere {
    town: Option<String>,
    stage: Option<Stage>,
    fts: Option<String>,
    healths: Option<String>,
}

impl ListWhere {
    /// `None` when the filter selects nothing (words that make no query).
    fn new(filter: &ProjectFilter, healths: &[Health]) -> Option<ListWhere> {
        let fts = filter.search.as_deref().and_then(crate::text::fts_query);
        if filter
            .search
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty())
            && fts.is_none()
        {
            return None;
        }
        Some(ListWhere {
            town: filter.town_insee.as_deref().map(|t| t.trim().to_owned()),
            stage: filter.stage,
            fts,
            healths: (!healths.is_empty()).then(|| {
                serde_json::to_string(&healths.iter().map(|h| h.as_str()).collect::<Vec<_>>())
                    .expect("codes serialise")
            }),
        })
    }

    fn sql(&self) -> String {
        let mut conditions = vec!["1"];
        if self.town.is_some() {
            conditions.push("p.town_insee = ?");
        }
        if self.stage.is_some() {
            conditions.push("p.stage = ?");
        }
        if self.fts.is_some() {
            conditions.push(
                "p.id IN (SELECT CAST(e.ref AS INTEGER)
                          FROM search_index JOIN search_entry e ON e.id = search_index.rowid
                          WHERE search_index MATCH ? AND e.kind = 'project')",
            );
        }
        if self.healths.is_some() {
            conditions.push("p.health IN (SELECT value FROM json_each(?))");
        }
        conditions.join(" AND ")
    }

    /// The values of [`ListWhere::sql`]'s parameters, in order.
    fn values(&self) -> Vec<&dyn rusqlite::ToSql> {
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::new();
        if let Some(t) = &self.town {
            values.push(t);
        }
        if let Some(s) = &self.stage {
            values.push(s);
        }
        if let Some(q) = &self.fts {
            values.push(q);
        }
        if let Some(h) = &self.healths {
            values.push(h);
        }
        values
    }
}

/// A move to another stage, kept in the project's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StageMove {
    pub to: Stage,
    pub date: NaiveDate,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub note: String,
}

const PROJECT_COLUMNS: &str = "id, uid, town_insee, title, summary, context, proposal, risks, ort_axis, action_sheet,
    stage, health, priority, lead, elected_lead, planned_start, planned_end, cost_excl_vat, cost_incl_vat,
    created_at, updated_at, owner_kind, derogation, application, started_on, completed_on";

fn project_row(conn: &Connection, r: &Row) -> rusqlite::Result<Project> {
    let themes = themes_of(conn, r.get(0)?)?;
    project_row_with(r, themes)
}

/// A project row (columns [`PROJECT_COLUMNS`]) with its themes read apart.
fn project_row_with(r: &Row, themes: Vec<Theme>) -> rusqlite::Result<Project> {
    let id: i64 = r.get(0)?;
    Ok(Project {
        id,
        uid: r.get(1)?,
        fields: ProjectFields {
            town_insee: r.get(2)?,
            title: r.get(3)?,
            summary: r.get(4)?,
            context: r.get(5)?,
            proposal: r.get(6)?,
            risks: r.get(7)?,
            ort_axis: opt_code(r, 8, Axis::parse)?,
            action_sheet: r.get(9)?,
            themes,
            stage: r.get(10)?,
            health: code(r, 11, Health::parse)?,
            priority: code(r, 12, Priority::parse)?,
            lead: r.get(13)?,
            elected_lead: r.get(14)?,
            planned_start: r.get(15)?,
            planned_end: r.get(16)?,
            cost_excl_vat: r.get(17)?,
            cost_incl_vat: r.get(18)?,
            owner_kind: code(r, 21, OwnerKind::parse)?,
            derogation: code(r, 22, Derogation::parse)?,
            application: application_of(r, 23)?,
            started_on: r.get(24)?,
            completed_on: r.get(25)?,
        },
        created_at: timestamp(r, 19)?,
        updated_at: timestamp(r, 20)?,
    })
}

/// The application facts stored as one JSON object.
fn application_of(r: &Row, idx: usize) -> rusqlite::Result<ApplicationFacts> {
    let json: String = r.get(idx)?;
    serde_json::from_str(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.into())
    })
}

/// The stored fields of project `id`, inside a transaction.
pub(crate) fn stored_fields(tx: &Transaction, id: i64) -> Result<ProjectFields> {
    let sql = format!("SELECT {PROJECT_COLUMNS} FROM project WHERE id = ?1");
    Ok(tx
        .query_row(&sql, [id], |r| project_row_with(r, Vec::new()))?
        .fields)
}

fn application_json(f: &ProjectFields) -> String {
    serde_json::to_string(&f.application).expect("application facts serialise")
}

fn themes_of(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Theme>> {
    let mut stmt = conn.prepare_cached(
        "SELECT theme FROM project_theme WHERE project_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| code(r, 0, Theme::parse))?;
    rows.collect()
}

/// Themes from `group_concat(theme, ',' ORDER BY position)`: one query for
/// a whole list instead of one per project.
fn themes_from_list(r: &Row, idx: usize) -> rusqlite::Result<Vec<Theme>> {
    let list: Option<String> = r.get(idx)?;
    list.as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|t| !t.is_empty())
        .map(|t| {
            Theme::parse("", t).map_err(|p| {
                rusqlite::Error::FromSqlConversionFailure(
                    idx,
                    rusqlite::types::Type::Text,
                    p.fr.into(),
                )
            })
        })
        .collect()
}

fn not_found(id: i64) -> Error {
    Error::NotFound {
        what_fr: "Projet",
        what_en: "Project",
        key: format!("n° {id}"),
    }
}

impl Store {
    /// Creates a project in a followed town, with its first stage event.
    pub fn create_project(
        &mut self,
        mut fields: ProjectFields,
        now: DateTime<Utc>,
    ) -> Result<Project> {
        fields.normalise();
        self.check_fields(&fields)?;
        let tx = self.conn.transaction()?;
        let uid = uuid::Uuid::new_v4().to_string();
        let id = insert_project(&tx, None, &uid, &fields, now, now)?;
        insert_stage_event(&tx, id, &StageEvent::first(&fields, now))?;
        search::index_project(&tx, id)?;
        tx.commit()?;
        self.project(id)
    }

    /// Replaces a project's own fields. A change of stage is recorded as a
    /// stage event.
    pub fn update_project(
        &mut self,
        id: i64,
        mut fields: ProjectFields,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Project> {
        fields.normalise();
        self.check_fields(&fields)?;
        let before = self.project(id)?;
        let expenses = lines_of(&self.conn, id)?.expense_lines;
        if let Some(p) = cost_conflict(&fields, &expenses) {
            return Err(Error::Invalid(vec![p]));
        }
        let tx = self.conn.transaction()?;
        update_project_row(&tx, id, &fields, now)?;
        if before.fields.stage != fields.stage {
            insert_stage_event(
                &tx,
                id,
                &StageEvent {
                    from_stage: Some(before.fields.stage),
                    to_stage: fields.stage,
                    date: crate::day::paris_day(now),
                    author: author.into(),
                    note: String::new(),
                },
            )?;
        }
        search::index_project(&tx, id)?;
        tx.commit()?;
        self.project(id)
    }

    /// Replaces a project's lines (funding plan, milestones, journal, council
    /// decisions, linked actors and solutions) in one transaction. The stage
    /// history is kept as stored: it only grows through stage moves.
    pub fn save_project_lines(
        &mut self,
        id: i64,
        mut lines: ProjectLines,
        now: DateTime<Utc>,
    ) -> Result<ProjectDetail> {
        let stored = self.project_detail(id)?;
        lines.stage_events = stored.lines.stage_events;
        lines.normalise();
        let mut problems = lines.validate();
        problems.extend(self.check_links(&lines)?);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let tx = self.conn.transaction()?;
        replace_lines(&tx, id, &lines)?;
        tx.execute(
            "UPDATE project SET updated_at = ?2 WHERE id = ?1",
            params![id, now_rfc3339(now)],
        )?;
        tx.commit()?;
        self.project_detail(id)
    }

    /// Moves a project to another stage and records the event.
    pub fn move_stage(&mut self, id: i64, mv: StageMove, now: DateTime<Utc>) -> Result<Project> {
        let before = self.project(id)?;
        let event = StageEvent {
            from_stage: Some(before.fields.stage),
            to_stage: mv.to,
            date: mv.date,
            author: mv.author,
            note: mv.note,
        };
        let problems = event.validate();
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE project SET stage = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, mv.to, now_rfc3339(now)],
        )?;
        insert_stage_event(&tx, id, &event)?;
        tx.commit()?;
        self.project(id)
    }

    /// Deletes a project and all its lines.
    pub fn delete_project(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        search::forget_project(&tx, id)?;
        let n = tx.execute("DELETE FROM project WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(not_found(id));
        }
        tx.commit()?;
        Ok(())
    }

    /// One project's own fields.
    pub fn project(&self, id: i64) -> Result<Project> {
        let sql = format!("SELECT {PROJECT_COLUMNS} FROM project WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], |r| project_row(&self.conn, r))
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    /// The expense lines of the project with this uid (none when there is
    /// no such project).
    pub fn expense_lines_by_uid(&self, uid: &str) -> Result<Vec<ExpenseLine>> {
        Ok(match self.project_id_by_uid(uid)? {
            Some(id) => lines_of(&self.conn, id)?.expense_lines,
            None => Vec::new(),
        })
    }

    /// The id of the project with this uid, if present.
    pub fn project_id_by_uid(&self, uid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM project WHERE uid = ?1", [uid], |r| r.get(0))
            .optional()?)
    }

    /// True when a project has this id.
    pub fn project_exists(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM project WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// One project with all its lines.
    pub fn project_detail(&self, id: i64) -> Result<ProjectDetail> {
        let project = self.project(id)?;
        Ok(ProjectDetail {
            project,
            lines: lines_of(&self.conn, id)?,
        })
    }

    /// Every project with all its lines, by id (for exports).
    pub fn project_details(&self) -> Result<Vec<ProjectDetail>> {
        self.project_details_in(None)
    }

    /// Every project of one town (of all towns with `None`) with all its
    /// lines, by id. Nine queries in all however many projects, where
    /// [`Store::project_detail`] in a loop would make nine per project.
    pub fn project_details_in(&self, town_insee: Option<&str>) -> Result<Vec<ProjectDetail>> {
        self.details_of(Selection::Town(town_insee.map(str::trim)))
    }

    /// The projects with these numbers, with all their lines, by id: a
    /// portfolio read a slice at a time, so that memory stays small.
    pub(crate) fn project_details_of(&self, ids: &[i64]) -> Result<Vec<ProjectDetail>> {
        let list = serde_json::to_string(ids).expect("ids serialise");
        self.details_of(Selection::Ids(&list))
    }

    fn details_of(&self, selection: Selection) -> Result<Vec<ProjectDetail>> {
        let mut themes = grouped(
            &self.conn,
            "SELECT project_id, theme FROM project_theme WHERE {in_town} ORDER BY project_id, position",
            selection,
            |r| code(r, 1, Theme::parse),
        )?;
        let mut lines = LinesByProject::load(&self.conn, selection)?;
        let (condition, params) =
            selection.sql("town_insee = ?1", "id IN (SELECT value FROM json_each(?1))");
        let sql = format!("SELECT {PROJECT_COLUMNS} FROM project WHERE {condition} ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params.as_slice(), |r| {
            let id: i64 = r.get(0)?;
            project_row_with(r, themes.remove(&id).unwrap_or_default())
        })?;
        let mut out = Vec::new();
        for project in rows {
            let project = project?;
            let lines = lines.take(project.id);
            out.push(ProjectDetail { project, lines });
        }
        Ok(out)
    }

    /// The project list, filtered, by id (one page of it when the filter
    /// has a limit or an offset).
    pub fn projects(&self, filter: &ProjectFilter) -> Result<Vec<ProjectSummary>> {
        self.list(filter, &[])
    }

    /// How many projects the filter selects, whatever its page.
    pub fn count_projects(&self, filter: &ProjectFilter) -> Result<usize> {
        self.count(filter, &[])
    }

    /// The first `limit` projects of a town (or of all) whose health is one
    /// of `healths`, and how many there are in all.
    pub(crate) fn projects_with_health_page(
        &self,
        town_insee: Option<&str>,
        healths: &[Health],
        limit: u32,
    ) -> Result<(Vec<ProjectSummary>, usize)> {
        if healths.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let filter = ProjectFilter {
            town_insee: town_insee.map(str::to_owned),
            limit: Some(limit),
            ..Default::default()
        };
        Ok((self.list(&filter, healths)?, self.count(&filter, healths)?))
    }

    /// The number of projects the list query would return without its page.
    fn count(&self, filter: &ProjectFilter, healths: &[Health]) -> Result<usize> {
        let Some(w) = ListWhere::new(filter, healths) else {
            return Ok(0);
        };
        let sql = format!("SELECT count(*) FROM project p WHERE {}", w.sql());
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(w.values().as_slice(), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// The list query with only the conditions asked for, so that SQLite
    /// can use the (town, stage) and stage indexes; every value is a bound
    /// parameter.
    fn list(&self, filter: &ProjectFilter, healths: &[Health]) -> Result<Vec<ProjectSummary>> {
        let Some(w) = ListWhere::new(filter, healths) else {
            return Ok(Vec::new());
        };
        // SQLite reads LIMIT -1 as no limit.
        let limit = filter.limit.map_or(-1, i64::from);
        let offset = i64::from(filter.offset.unwrap_or(0));
        let paged = filter.limit.is_some() || filter.offset.is_some();
        let mut values = w.values();
        values.push(&limit);
        values.push(&offset);
        // The outer query's LIMIT and OFFSET when the page is chosen inside.
        let (all, none) = (-1i64, 0i64);
        if paged {
            values.push(&all);
            values.push(&none);
        }
        let sql = format!(
            "SELECT p.id, p.uid, p.town_insee, c.name, p.title, p.stage, p.health, p.priority, p.ort_axis,
                    p.cost_excl_vat, p.updated_at,
                    (SELECT group_concat(theme, ',' ORDER BY position) FROM project_theme WHERE project_id = p.id),
                    (SELECT min(d) FROM (
                        SELECT due_date AS d FROM milestone WHERE project_id = p.id AND done = 0
                        UNION ALL
                        SELECT deadline FROM funding_line
                         WHERE project_id = p.id AND status = 'to_request' AND deadline IS NOT NULL))
             FROM project p JOIN commune c ON c.insee = p.town_insee
             WHERE {}
             ORDER BY p.id
             LIMIT ? OFFSET ?",
            // A page: choose its ids first, so that the columns' subqueries
            // run for its rows only, not for every row SQLite sorts.
            if paged {
                format!(
                    "p.id IN (SELECT p.id FROM project p WHERE {} ORDER BY p.id LIMIT ? OFFSET ?)",
                    w.sql()
                )
            } else {
                w.sql()
            }
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(values.as_slice(), |r| {
            Ok(ProjectSummary {
                id: r.get(0)?,
                uid: r.get(1)?,
                town_insee: r.get(2)?,
                town_name: r.get(3)?,
                title: r.get(4)?,
                stage: r.get(5)?,
                health: code(r, 6, Health::parse)?,
                priority: code(r, 7, Priority::parse)?,
                ort_axis: opt_code(r, 8, Axis::parse)?,
                themes: themes_from_list(r, 11)?,
                cost_excl_vat: r.get(9)?,
                updated_at: timestamp(r, 10)?,
                next_deadline: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Checks what the store knows and the model does not: the town is a
    /// followed commune.
    fn check_fields(&self, fields: &ProjectFields) -> Result<()> {
        let mut problems = fields.validate();
        if problems.iter().all(|p| p.field != "town_insee")
            && self.town(&fields.town_insee)?.is_none()
        {
            problems.push(self.not_followed(&fields.town_insee)?);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// Problems with lines' links: actors and solutions must exist.
    pub(crate) fn check_links(&self, lines: &ProjectLines) -> Result<Vec<Problem>> {
        // One lookup per link: an import checks this for every row, and
        // reading every actor id each time made 10,000 rows read 20 million.
        let exists = |sql: &str, id: &str| -> Result<bool> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row([id], |_| Ok(()))
                .optional()?
                .is_some())
        };
        let mut out = Vec::new();
        for (i, a) in lines.actors.iter().enumerate() {
            if !exists("SELECT 1 FROM actor WHERE id = ?1", &a.actor_id)? {
                out.push(
                    Problem::new(
                        "actor_id",
                        format!("aucun acteur « {} » dans le catalogue", a.actor_id),
                        format!("no actor \"{}\" in the catalogue", a.actor_id),
                    )
                    .within("actors", i, "Acteur lié", "Linked actor"),
                );
            }
        }
        for (i, s) in lines.solutions.iter().enumerate() {
            if !exists("SELECT 1 FROM solution WHERE id = ?1", &s.solution_id)? {
                out.push(
                    Problem::new(
                        "solution_id",
                        format!("aucune solution « {} » dans le catalogue", s.solution_id),
                        format!("no solution \"{}\" in the catalogue", s.solution_id),
                    )
                    .within("solutions", i, "Solution liée", "Linked solution"),
                );
            }
        }
        Ok(out)
    }
}

/// Inserts a project row and its themes; `id` is kept when given.
pub(crate) fn insert_project(
    tx: &Transaction,
    id: Option<i64>,
    uid: &str,
    f: &ProjectFields,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO project (id, uid, town_insee, title, summary, context, proposal, risks, ort_axis, action_sheet,
            stage, health, priority, lead, elected_lead, planned_start, planned_end, cost_excl_vat, cost_incl_vat,
            created_at, updated_at, owner_kind, derogation, application, started_on, completed_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,
                 ?25, ?26)",
        params![
            id,
            uid,
            f.town_insee,
            f.title,
            f.summary,
            f.context,
            f.proposal,
            f.risks,
            f.ort_axis.map(Axis::as_str),
            f.action_sheet,
            f.stage,
            f.health.as_str(),
            f.priority.as_str(),
            f.lead,
            f.elected_lead,
            f.planned_start,
            f.planned_end,
            f.cost_excl_vat,
            f.cost_incl_vat,
            now_rfc3339(created),
            now_rfc3339(updated),
            f.owner_kind.as_str(),
            f.derogation.as_str(),
            application_json(f),
            f.started_on,
            f.completed_on,
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_themes(tx, id, &f.themes)?;
    Ok(id)
}

/// Replaces a project row's own fields and themes.
pub(crate) fn update_project_row(
    tx: &Transaction,
    id: i64,
    f: &ProjectFields,
    updated: DateTime<Utc>,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE project SET town_insee = ?2, title = ?3, summary = ?4, context = ?5, proposal = ?6, risks = ?7,
            ort_axis = ?8, action_sheet = ?9, stage = ?10, health = ?11, priority = ?12, lead = ?13,
            elected_lead = ?14, planned_start = ?15, planned_end = ?16, cost_excl_vat = ?17, cost_incl_vat = ?18,
            updated_at = ?19, owner_kind = ?20, derogation = ?21, application = ?22,
            started_on = ?23, completed_on = ?24
         WHERE id = ?1",
        params![
            id,
            f.town_insee,
            f.title,
            f.summary,
            f.context,
            f.proposal,
            f.risks,
            f.ort_axis.map(Axis::as_str),
            f.action_sheet,
            f.stage,
            f.health.as_str(),
            f.priority.as_str(),
            f.lead,
            f.elected_lead,
            f.planned_start,
            f.planned_end,
            f.cost_excl_vat,
            f.cost_incl_vat,
            now_rfc3339(updated),
            f.owner_kind.as_str(),
            f.derogation.as_str(),
            application_json(f),
            f.started_on,
            f.completed_on,
        ],
    )?;
    if n == 0 {
        return Err(not_found(id));
    }
    write_themes(tx, id, &f.themes)?;
    super::lines::sync_expense_figures(tx, id)
}

/// Sets the creation time (imports keep the original one).
pub(crate) fn set_created_at(tx: &Transaction, id: i64, created: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE project SET created_at = ?2 WHERE id = ?1",
        params![id, now_rfc3339(created)],
    )?;
    Ok(())
}

fn write_themes(tx: &Transaction, id: i64, themes: &[Theme]) -> Result<()> {
    tx.execute("DELETE FROM project_theme WHERE project_id = ?1", [id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO project_theme (project_id, theme, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, t) in themes.iter().enumerate() {
        stmt.execute(params![id, t.as_str(), i as i64])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing;

    fn store_with_town() -> Store {
        let mut s = testing::store();
        s.add_town("29024", Utc::now()).unwrap();
        s
    }

    fn fields(title: &str) -> ProjectFields {
        ProjectFields {
            town_insee: "29024".into(),
            title: title.into(),
            ..Default::default()
        }
    }

    #[test]
    fn create_records_the_first_stage_and_is_searchable() {
        let mut s = store_with_town();
        let p = s
            .create_project(
                fields("Épicerie participative du cœur de ville"),
                Utc::now(),
            )
            .unwrap();
        let d = s.project_detail(p.id).unwrap();
        assert_eq!(
            d.lines.stage_events.len(),
            1,
            "creation is the first stage event"
        );
        assert_eq!(d.lines.stage_events[0].from_stage, None);
        let found = s
            .projects(&ProjectFilter {
                search: Some("coeur epicerie".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(found.len(), 1, "ligature and accents folded");
        let none = s
            .projects(&ProjectFilter {
                search: Some("piscine".into()),
                ..Default::default()
            })
            .unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn invalid_project_is_refused_and_nothing_is_written() {
        let mut s = store_with_town();
        let e = s.create_project(fields("   "), Utc::now()).unwrap_err();
        assert_eq!(e.code(), "invalid");
        assert!(s.projects(&ProjectFilter::default()).unwrap().is_empty());
        let e = s
            .create_project(
                ProjectFields {
                    town_insee: "29197".into(),
                    ..fields("x")
                },
                Utc::now(),
            )
            .unwrap_err();
        assert!(
            e.message(crate::Lang::Fr)
                .contains("Plouhinec (29197) n'est pas une commune suivie"),
            "{}",
            e.message(crate::Lang::Fr)
        );
    }

    #[test]
    fn stage_moves_are_history_and_filters_apply() {
        let mut s = store_with_town();
        let p = s
            .create_project(fields("Maison de santé"), Utc::now())
            .unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        s.move_stage(
            p.id,
            StageMove {
                to: Stage::new(3).unwrap(),
                date,
                author: "CP".into(),
                note: "étude rendue".into(),
            },
            Utc::now(),
        )
        .unwrap();
        let d = s.project_detail(p.id).unwrap();
        assert_eq!(d.project.fields.stage, Stage::new(3).unwrap());
        let last = d.lines.stage_events.last().unwrap();
        assert_eq!(
            (last.from_stage, last.to_stage, last.note.as_str()),
            (
                Some(Stage::default()),
                Stage::new(3).unwrap(),
                "étude rendue"
            )
        );
        let at3 = s
            .projects(&ProjectFilter {
                stage: Some(Stage::new(3).unwrap()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(at3.len(), 1);
        let elsewhere = s
            .projects(&ProjectFilter {
                town_insee: Some("29197".into()),
                ..Default::default()
            })
            .unwrap();
        assert!(elsewhere.is_empty());
    }

    #[test]
    fn saving_lines_is_all_or_nothing_and_keeps_history() {
        let mut s = store_with_town();
        let p = s.create_project(fields("Halle"), Utc::now()).unwrap();
        let mut lines = ProjectLines::default();
        let mut grant = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::ToRequest,
        );
        grant.amount_requested = Some(Money::euros(40_000));
        lines.funding_lines.push(grant.clone());
        let saved = s
            .save_project_lines(p.id, lines.clone(), Utc::now())
            .unwrap();
        assert_eq!(saved.lines.funding_lines, vec![grant], "the plan is stored");
        assert_eq!(
            saved.lines.stage_events.len(),
            1,
            "history kept, not replaced"
        );

        lines.milestones.push(Milestone {
            title: " ".into(),
            due_date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            done: false,
        });
        lines.actors.push(ActorLink {
            actor_id: "nobody".into(),
            role: String::new(),
            contact_status: ContactStatus::Contacted,
            note: String::new(),
        });
        let e = s.save_project_lines(p.id, lines, Utc::now()).unwrap_err();
        let msg = e.message(crate::Lang::Fr);
        assert!(
            msg.contains("Jalon n° 1") && msg.contains("« nobody »"),
            "each bad line is named: {msg}"
        );
        assert!(
            s.project_detail(p.id).unwrap().lines.milestones.is_empty(),
            "nothing written on error"
        );
    }

    #[test]
    fn delete_removes_lines_and_index() {
        let mut s = store_with_town();
        let p = s.create_project(fields("Halle"), Utc::now()).unwrap();
        s.delete_project(p.id).unwrap();
        assert!(s.search("halle", 5).unwrap().is_empty());
        assert_eq!(s.delete_project(p.id).unwrap_err().code(), "not_found");
    }

    /// The demo in Carhaix-Plouguer, and two projects with lines in Plouhinec.
    fn two_towns() -> Store {
        let mut s = testing::store();
        crate::exchange::load_demo(&mut s, Utc::now()).unwrap();
        s.add_town("29197", Utc::now()).unwrap();
        for title in ["Ateliers", "Halle"] {
            let p = s
                .create_project(
                    ProjectFields {
                        town_insee: "29197".into(),
                        themes: vec![Theme::Culture, Theme::Food],
                        health: Health::Blocked,
                        ..fields(title)
                    },
                    Utc::now(),
                )
                .unwrap();
            let mut lines = s.project_detail(p.id).unwrap().lines;
            lines.milestones.push(Milestone {
                title: "Permis".into(),
                due_date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
                done: false,
            });
            s.save_project_lines(p.id, lines, Utc::now()).unwrap();
        }
        s
    }

    #[test]
    fn details_read_together_are_those_read_one_by_one() {
        let s = two_towns();
        for town in [None, Some("29024"), Some("29197"), Some("42218")] {
            let together = s.project_details_in(town).unwrap();
            let one_by_one: Vec<ProjectDetail> = s
                .projects(&ProjectFilter {
                    town_insee: town.map(str::to_owned),
                    ..Default::default()
                })
                .unwrap()
                .iter()
                .map(|p| s.project_detail(p.id).unwrap())
                .collect();
            assert!(
                together == one_by_one,
                "{town:?}: the same projects, in the same order, with every line in its order"
            );
        }
        let all = s.project_details_in(None).unwrap();
        assert_eq!(all.len(), 19, "fixture: 17 demo projects and 2 more");
        let some: Vec<i64> = all.iter().map(|d| d.project.id).step_by(3).collect();
        let chosen: Vec<ProjectDetail> = all
            .iter()
            .filter(|d| some.contains(&d.project.id))
            .cloned()
            .collect();
        assert!(
            s.project_details_of(&some).unwrap() == chosen,
            "details read by numbers are those of these numbers, in order"
        );
        assert!(s.project_details_of(&[]).unwrap().is_empty());
    }

    #[test]
    fn the_list_by_health_is_the_list_filtered() {
        let s = two_towns();
        for town in [None, Some("29024"), Some("29197")] {
            let all = s
                .projects(&ProjectFilter {
                    town_insee: town.map(str::to_owned),
                    ..Default::default()
                })
                .unwrap();
            let wanted = [Health::Late, Health::Blocked];
            let filtered: Vec<ProjectSummary> = all
                .into_iter()
                .filter(|p| wanted.contains(&p.health))
                .collect();
            let (page, total) = s.projects_with_health_page(town, &wanted, 2).unwrap();
            assert_eq!(total, filtered.len(), "{town:?}: counted");
            assert_eq!(
                page,
                filtered.iter().take(2).cloned().collect::<Vec<_>>(),
                "{town:?}: same summaries, same order, the first page"
            );
        }
        assert_eq!(
            s.projects_with_health_page(None, &[], 10).unwrap(),
            (Vec::new(), 0),
            "no health asked, no project"
        );
    }

    #[test]
    fn pages_of_the_list_make_the_whole_list() {
        let s = two_towns();
        let filters = [
            ProjectFilter::default(),
            ProjectFilter {
                town_insee: Some("29024".into()),
                ..Default::default()
            },
            ProjectFilter {
                stage: Some(Stage::new(2).unwrap()),
                ..Default::default()
            },
            ProjectFilter {
                search: Some("tiers lieu".into()),
                ..Default::default()
            },
            ProjectFilter {
                search: Some("\"".into()),
                ..Default::default()
            },
        ];
        for filter in filters {
            let all = s.projects(&filter).unwrap();
            assert_eq!(
                s.count_projects(&filter).unwrap(),
                all.len(),
                "{filter:?}: counted"
            );
            for size in [1u32, 3, 7, 100] {
                let mut pages = Vec::new();
                for n in 0.. {
                    let page = s
                        .projects(&ProjectFilter {
                            limit: Some(size),
                            offset: Some(n * size),
                            ..filter.clone()
                        })
                        .unwrap();
                    assert!(
                        page.len() <= size as usize,
                        "{filter:?}: a page is at most its size"
                    );
                    if page.is_empty() {
                        break;
                    }
                    pages.extend(page);
                }
                assert_eq!(
                    pages, all,
                    "{filter:?}: pages of {size} in order make the list"
                );
            }
        }
    }

    #[test]
    fn hostile_text_is_stored_exactly() {
        let mut s = store_with_town();
        let title = "<img src=x onerror=alert(1)>'; DROP TABLE project; -- \u{202e}עברית\u{200b}";
        let p = s.create_project(fields(title), Utc::now()).unwrap();
        assert_eq!(s.project(p.id).unwrap().fields.title, title);
    }
}
