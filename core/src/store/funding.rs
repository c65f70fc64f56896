//! Funding line history, calls of funding schemes and council meetings.
//! Each change is one transaction.

use super::sql::{code, timestamp};
use super::{now_rfc3339, Store};
use crate::error::{Error, Problem, Result};
use crate::model::{
    transition, CallOrigin, CouncilMeeting, CouncilMeetingFields, Funder, FundingEvent,
    FundingLine, FundingStatus, Money, SchemeCall, SchemeCallFields,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

fn line_not_found(project_id: i64, position: usize) -> Error {
    Error::NotFound {
        what_fr: "Financement",
        what_en: "Funding line",
        key: format!("n° {} du projet n° {project_id}", position + 1),
    }
}

fn call_not_found(id: i64) -> Error {
    Error::NotFound {
        what_fr: "Appel à projets",
        what_en: "Scheme call",
        key: format!("n° {id}"),
    }
}

fn meeting_not_found(id: i64) -> Error {
    Error::NotFound {
        what_fr: "Séance du conseil",
        what_en: "Council meeting",
        key: format!("n° {id}"),
    }
}

const EVENT_COLUMNS: &str =
    "project_id, line_position, funder, scheme, from_status, to_status, date, amount, recorded_at";

fn event_row(r: &Row) -> rusqlite::Result<FundingEvent> {
    let position: i64 = r.get(1)?;
    Ok(FundingEvent {
        project_id: r.get(0)?,
        line_position: position as usize,
        funder: code(r, 2, Funder::parse)?,
        scheme: r.get(3)?,
        from_status: code(r, 4, FundingStatus::parse)?,
        to_status: code(r, 5, FundingStatus::parse)?,
        date: r.get(6)?,
        amount: r.get(7)?,
        recorded_at: timestamp(r, 8)?,
    })
}

fn call_row(r: &Row) -> rusqlite::Result<SchemeCall> {
    let origin: String = r.get(6)?;
    Ok(SchemeCall {
        id: r.get(0)?,
        fields: SchemeCallFields {
            scheme_code: r.get(1)?,
            year: r.get(2)?,
            opens_on: r.get(3)?,
            closes_on: r.get(4)?,
            note: r.get(5)?,
        },
        origin: if origin == "catalogue" {
            CallOrigin::Catalogue
        } else {
            CallOrigin::User
        },
        created_at: timestamp(r, 7)?,
    })
}

impl Store {
    /// Moves funding line `position` (0-based) of a project to status `to`
    /// on `date` (see [`crate::model::transition`] for `amount`), and
    /// records the step in the line's history, in one transaction.
    pub fn move_funding_line(
        &mut self,
        project_id: i64,
        position: usize,
        to: FundingStatus,
        date: NaiveDate,
        amount: Option<Money>,
        now: DateTime<Utc>,
    ) -> Result<(FundingLine, FundingEvent)> {
        let detail = self.project_detail(project_id)?;
        let line = detail
            .lines
            .funding_lines
            .get(position)
            .ok_or_else(|| line_not_found(project_id, position))?;
        let step = transition(line, to, date, amount).map_err(|e| within_line(e, position))?;
        let l = &step.line;
        let event = FundingEvent {
            project_id,
            line_position: position,
            funder: l.funder,
            scheme: l.scheme.clone(),
            from_status: line.status,
            to_status: to,
            date,
            amount: step.amount,
            recorded_at: now,
        };
        let tx = self.conn.transaction()?;
        // The same order as the project's detail: position, then row id.
        let n = tx.execute(
            "UPDATE funding_line SET status = ?3, amount_requested = ?4, amount_awarded = ?5, amount_paid = ?6,
                    filed_on = ?7, notified_on = ?8, paid_on = ?9
             WHERE id = (SELECT id FROM funding_line WHERE project_id = ?1 ORDER BY position, id LIMIT 1 OFFSET ?2)",
            params![
                project_id,
                position as i64,
                l.status.as_str(),
                l.amount_requested,
                l.amount_awarded,
                l.amount_paid,
                l.filed_on,
                l.notified_on,
                l.paid_on,
            ],
        )?;
        if n != 1 {
            return Err(line_not_found(project_id, position));
        }
        insert_event(&tx, &event)?;
        tx.execute(
            "UPDATE project SET updated_at = ?2 WHERE id = ?1",
            params![project_id, now_rfc3339(now)],
        )?;
        tx.commit()?;
        Ok((step.line, event))
    }

    /// Every recorded step of a project's funding lines, oldest first.
    pub fn funding_events(&self, project_id: i64) -> Result<Vec<FundingEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM funding_event WHERE project_id = ?1 ORDER BY date, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([project_id], event_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The history of the line now at `position`: its steps recorded while
    /// a line with the same funder and scheme stood there.
    pub fn funding_line_history(
        &self,
        project_id: i64,
        position: usize,
    ) -> Result<Vec<FundingEvent>> {
        let detail = self.project_detail(project_id)?;
        let Some(line) = detail.lines.funding_lines.get(position) else {
            return Err(line_not_found(project_id, position));
        };
        Ok(self
            .funding_events(project_id)?
            .into_iter()
            .filter(|e| {
                e.line_position == position && e.funder == line.funder && e.scheme == line.scheme
            })
            .collect())
    }

    /// Adds a year's call of a funding scheme of the catalogue.
    pub fn add_scheme_call(
        &mut self,
        mut fields: SchemeCallFields,
        now: DateTime<Utc>,
    ) -> Result<SchemeCall> {
        fields.scheme_code = self.check_call(&mut fields, None)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO scheme_call (scheme_code, year, opens_on, closes_on, note, origin, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'user', ?6)",
            params![
                fields.scheme_code,
                fields.year,
                fields.opens_on,
                fields.closes_on,
                fields.note,
                now_rfc3339(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.scheme_call(id)
    }

    /// Replaces a call's dates and note.
    pub fn update_scheme_call(
        &mut self,
        id: i64,
        mut fields: SchemeCallFields,
    ) -> Result<SchemeCall> {
        self.scheme_call(id)?;
        fields.scheme_code = self.check_call(&mut fields, Some(id))?;
        self.conn.execute(
            "UPDATE scheme_call SET scheme_code = ?2, year = ?3, opens_on = ?4, closes_on = ?5, note = ?6
             WHERE id = ?1",
            params![
                id,
                fields.scheme_code,
                fields.year,
                fields.opens_on,
                fields.closes_on,
                fields.note
            ],
        )?;
        self.scheme_call(id)
    }

    /// Deletes a call.
    pub fn delete_scheme_call(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM scheme_call WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(call_not_found(id));
        }
        Ok(())
    }

    /// One call.
    pub fn scheme_call(&self, id: i64) -> Result<SchemeCall> {
        self.conn
            .prepare_cached(
                "SELECT id, scheme_code, year, opens_on, closes_on, note, origin, created_at
                 FROM scheme_call WHERE id = ?1",
            )?
            .query_row([id], call_row)
            .optional()?
            .ok_or_else(|| call_not_found(id))
    }

    /// Every call, by closing date.
    pub fn scheme_calls(&self) -> Result<Vec<SchemeCall>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, scheme_code, year, opens_on, closes_on, note, origin, created_at
             FROM scheme_call ORDER BY closes_on, scheme_code, id",
        )?;
        let rows = stmt.query_map([], call_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Validates a call against the model and the catalogue; answers the
    /// scheme's code as the catalogue spells it.
    fn check_call(&self, fields: &mut SchemeCallFields, id: Option<i64>) -> Result<String> {
        fields.normalise();
        let mut problems = fields.validate();
        let code: Option<String> = if fields.scheme_code.is_empty() {
            None
        } else {
            self.conn
                .query_row(
                    "SELECT code FROM funding_scheme WHERE code = ?1 COLLATE NOCASE",
                    [&fields.scheme_code],
                    |r| r.get(0),
                )
                .optional()?
        };
        if code.is_none() && !fields.scheme_code.is_empty() {
            problems.push(Problem::new(
                "scheme_code",
                format!(
                    "Dispositif : « {} » n'est pas dans le catalogue des dispositifs (ex. DETR, DSIL, FONDS_VERT)",
                    fields.scheme_code
                ),
                format!(
                    "Scheme: \"{}\" is not in the catalogue of schemes (e.g. DETR, DSIL, FONDS_VERT)",
                    fields.scheme_code
                ),
            ));
        }
        if let Some(code) = &code {
            let clash: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM scheme_call WHERE scheme_code = ?1 AND year = ?2 AND closes_on = ?3
                       AND (?4 IS NULL OR id <> ?4)",
                    params![code, fields.year, fields.closes_on, id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = clash {
                problems.push(Problem::new(
                    "closes_on",
                    format!(
                        "Appel {code} {} : un appel clôturant le {} existe déjà (n° {other})",
                        fields.year,
                        crate::text::date_fr(fields.closes_on)
                    ),
                    format!(
                        "{code} {} call: a call closing on {} already exists (#{other})",
                        fields.year, fields.closes_on
                    ),
                ));
            }
        }
        if problems.is_empty() {
            Ok(code.unwrap_or_default())
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// Adds a council meeting with its agenda.
    pub fn add_council_meeting(
        &mut self,
        mut fields: CouncilMeetingFields,
        now: DateTime<Utc>,
    ) -> Result<CouncilMeeting> {
        self.check_meeting(&mut fields)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO council_meeting (town_insee, date, title, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                fields.town_insee,
                fields.date,
                fields.title,
                fields.note,
                now_rfc3339(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        write_agenda(&tx, id, &fields.agenda)?;
        tx.commit()?;
        self.council_meeting(id)
    }

    /// Replaces a meeting's fields and agenda.
    pub fn update_council_meeting(
        &mut self,
        id: i64,
        mut fields: CouncilMeetingFields,
        now: DateTime<Utc>,
    ) -> Result<CouncilMeeting> {
        self.council_meeting(id)?;
        self.check_meeting(&mut fields)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE council_meeting SET town_insee = ?2, date = ?3, title = ?4, note = ?5, updated_at = ?6
             WHERE id = ?1",
            params![
                id,
                fields.town_insee,
                fields.date,
                fields.title,
                fields.note,
                now_rfc3339(now)
            ],
        )?;
        write_agenda(&tx, id, &fields.agenda)?;
        tx.commit()?;
        self.council_meeting(id)
    }

    /// Deletes a meeting and its agenda.
    pub fn delete_council_meeting(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM council_meeting WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(meeting_not_found(id));
        }
        Ok(())
    }

    /// One meeting with its agenda.
    pub fn council_meeting(&self, id: i64) -> Result<CouncilMeeting> {
        self.conn
            .prepare_cached(
                "SELECT id, town_insee, date, title, note, created_at, updated_at
                 FROM council_meeting WHERE id = ?1",
            )?
            .query_row([id], |r| self.meeting_row(r))
            .optional()?
            .ok_or_else(|| meeting_not_found(id))
    }

    /// Meetings by date (of one town when given).
    pub fn council_meetings(&self, town: Option<&str>) -> Result<Vec<CouncilMeeting>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, town_insee, date, title, note, created_at, updated_at
             FROM council_meeting WHERE (?1 IS NULL OR town_insee = ?1) ORDER BY date, id",
        )?;
        let rows = stmt.query_map([town.map(str::trim)], |r| self.meeting_row(r))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn meeting_row(&self, r: &Row) -> rusqlite::Result<CouncilMeeting> {
        let id: i64 = r.get(0)?;
        let agenda: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT project_id FROM council_meeting_item WHERE meeting_id = ?1 ORDER BY position",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CouncilMeeting {
            id,
            fields: CouncilMeetingFields {
                town_insee: r.get(1)?,
                date: r.get(2)?,
                title: r.get(3)?,
                note: r.get(4)?,
                agenda,
            },
            created_at: timestamp(r, 5)?,
            updated_at: timestamp(r, 6)?,
        })
    }

    /// The town is followed, and each project on the agenda is one of its own.
    fn check_meeting(&self, fields: &mut CouncilMeetingFields) -> Result<()> {
        fields.normalise();
        let mut problems = fields.validate();
        if self.town(&fields.town_insee)?.is_none() {
            problems.push(self.not_followed(&fields.town_insee)?);
        }
        for (i, id) in fields.agenda.iter().enumerate() {
            let town: Option<String> = self
                .conn
                .query_row("SELECT town_insee FROM project WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            match town {
                None => problems.push(Problem::new(
                    format!("agenda[{i}]"),
                    format!("Ordre du jour : le projet n° {id} n'existe pas"),
                    format!("Agenda: project #{id} does not exist"),
                )),
                Some(t) if t != fields.town_insee => problems.push(Problem::new(
                    format!("agenda[{i}]"),
                    format!(
                        "Ordre du jour : le projet n° {id} est un projet d'une autre commune ({t})"
                    ),
                    format!("Agenda: project #{id} belongs to another town ({t})"),
                )),
                Some(_) => {}
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

fn insert_event(tx: &Transaction, e: &FundingEvent) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO funding_event ({EVENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        params![
            e.project_id,
            e.line_position as i64,
            e.funder.as_str(),
            e.scheme,
            e.from_status.as_str(),
            e.to_status.as_str(),
            e.date,
            e.amount,
            now_rfc3339(e.recorded_at),
        ],
    )?;
    Ok(())
}

fn write_agenda(tx: &Transaction, meeting: i64, agenda: &[i64]) -> Result<()> {
    tx.execute(
        "DELETE FROM council_meeting_item WHERE meeting_id = ?1",
        [meeting],
    )?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO council_meeting_item (meeting_id, project_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, p) in agenda.iter().enumerate() {
        stmt.execute(params![meeting, p, i as i64])?;
    }
    Ok(())
}

/// A transition's problems, named on the line ("Financement n° 2 — …").
fn within_line(e: Error, position: usize) -> Error {
    match e {
        Error::Invalid(ps) => Error::Invalid(
            ps.into_iter()
                .map(|p| p.within("funding_lines", position, "Financement", "Funding line"))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ExpenseNature, FundingKind, ProjectFields, ProjectLines};
    use crate::store::testing;
    use crate::Lang;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn now() -> DateTime<Utc> {
        "2026-11-23T09:30:00Z".parse().unwrap()
    }

    /// A followed town with one project holding two funding lines (DETR, Region).
    fn store_with_plan() -> (Store, i64) {
        let mut s = testing::store();
        s.add_town("29024", now()).unwrap();
        let p = s
            .create_project(
                ProjectFields {
                    town_insee: "29024".into(),
                    title: "Halle".into(),
                    ..Default::default()
                },
                now(),
            )
            .unwrap();
        let mut detr = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::ToRequest,
        );
        detr.scheme = Some("DETR".into());
        detr.amount_requested = Some(Money::euros(40_000));
        let mut region = detr.clone();
        region.funder = Funder::Region;
        region.scheme = Some("REGION".into());
        s.save_project_lines(
            p.id,
            ProjectLines {
                funding_lines: vec![detr, region],
                ..Default::default()
            },
            now(),
        )
        .unwrap();
        (s, p.id)
    }

    #[test]
    fn a_transition_updates_the_line_and_is_kept_in_history() {
        let (mut s, id) = store_with_plan();
        let (line, event) = s
            .move_funding_line(id, 1, FundingStatus::Filed, d(2026, 11, 20), None, now())
            .unwrap();
        assert_eq!(line.status, FundingStatus::Filed);
        assert_eq!(event.amount, Some(Money::euros(40_000)), "the amount filed");
        let stored = s.project_detail(id).unwrap().lines.funding_lines;
        assert_eq!(
            stored[1].status,
            FundingStatus::Filed,
            "the second line moved"
        );
        assert_eq!(stored[1].filed_on, Some(d(2026, 11, 20)));
        assert_eq!(
            stored[0].status,
            FundingStatus::ToRequest,
            "the first did not"
        );
        assert_eq!(s.funding_line_history(id, 1).unwrap(), vec![event]);
        assert!(s.funding_line_history(id, 0).unwrap().is_empty());
    }

    #[test]
    fn history_survives_saving_the_plan_but_not_a_reorder() {
        let (mut s, id) = store_with_plan();
        s.move_funding_line(id, 0, FundingStatus::Filed, d(2026, 11, 2), None, now())
            .unwrap();
        let mut lines = s.project_detail(id).unwrap().lines;
        lines.funding_lines[0].note = "dossier complet".into();
        s.save_project_lines(id, lines.clone(), now()).unwrap();
        assert_eq!(
            s.funding_line_history(id, 0).unwrap().len(),
            1,
            "rewriting the plan keeps the DETR line's history"
        );
        lines.funding_lines.swap(0, 1);
        s.save_project_lines(id, lines, now()).unwrap();
        assert!(
            s.funding_line_history(id, 0).unwrap().is_empty(),
            "the Region line now first does not inherit the DETR history"
        );
        assert_eq!(
            s.funding_events(id).unwrap().len(),
            1,
            "the event itself is kept on the project"
        );
    }

    #[test]
    fn a_refused_transition_writes_nothing_and_names_the_line() {
        let (mut s, id) = store_with_plan();
        let e = s
            .move_funding_line(id, 1, FundingStatus::Paid, d(2026, 11, 20), None, now())
            .unwrap_err();
        assert!(
            e.message(Lang::Fr)
                .starts_with("Financement n° 2 — Statut du financement"),
            "{}",
            e.message(Lang::Fr)
        );
        assert!(
            s.funding_events(id).unwrap().is_empty(),
            "no event recorded"
        );
        let missing = s
            .move_funding_line(id, 5, FundingStatus::Filed, d(2026, 11, 20), None, now())
            .unwrap_err();
        assert_eq!(missing.code(), "not_found", "line 6 does not exist");
    }

    fn call(scheme: &str, year: i32, closes: NaiveDate) -> SchemeCallFields {
        SchemeCallFields {
            scheme_code: scheme.into(),
            year,
            opens_on: d(2026, 10, 1),
            closes_on: closes,
            note: String::new(),
        }
    }

    #[test]
    fn scheme_calls_are_checked_against_the_catalogue() {
        let mut s = testing::store();
        let c = s
            .add_scheme_call(call("detr", 2027, d(2027, 1, 31)), now())
            .unwrap();
        assert_eq!(
            c.fields.scheme_code, "DETR",
            "stored as the catalogue spells it"
        );
        assert_eq!(c.origin, CallOrigin::User);
        let e = s
            .add_scheme_call(call("DETR", 2027, d(2027, 1, 31)), now())
            .unwrap_err();
        assert!(
            e.message(Lang::Fr).contains("existe déjà (n° 1)"),
            "{}",
            e.message(Lang::Fr)
        );
        let e = s
            .add_scheme_call(call("NOPE", 2027, d(2027, 1, 31)), now())
            .unwrap_err();
        assert!(
            e.message(Lang::Fr).contains("« NOPE »"),
            "{}",
            e.message(Lang::Fr)
        );
        let mut later = call("DETR", 2027, d(2027, 2, 15));
        later.note = "report annoncé par la préfecture".into();
        let updated = s.update_scheme_call(c.id, later).unwrap();
        assert_eq!(updated.fields.closes_on, d(2027, 2, 15));
        s.add_scheme_call(call("DSIL", 2027, d(2026, 12, 15)), now())
            .unwrap();
        let all: Vec<String> = s
            .scheme_calls()
            .unwrap()
            .into_iter()
            .map(|c| c.fields.scheme_code)
            .collect();
        assert_eq!(all, ["DSIL", "DETR"], "listed by closing date");
        s.delete_scheme_call(c.id).unwrap();
        assert_eq!(s.delete_scheme_call(c.id).unwrap_err().code(), "not_found");
    }

    #[test]
    fn council_meetings_keep_their_agenda_order_and_town() {
        let (mut s, id) = store_with_plan();
        let second = s
            .create_project(
                ProjectFields {
                    town_insee: "29024".into(),
                    title: "Épicerie".into(),
                    ..Default::default()
                },
                now(),
            )
            .unwrap()
            .id;
        let m = s
            .add_council_meeting(
                CouncilMeetingFields {
                    town_insee: "29024".into(),
                    date: d(2026, 12, 17),
                    title: " Conseil de décembre ".into(),
                    note: String::new(),
                    agenda: vec![second, id],
                },
                now(),
            )
            .unwrap();
        assert_eq!(
            m.fields.agenda,
            vec![second, id],
            "the agenda keeps its order"
        );
        assert_eq!(m.fields.title, "Conseil de décembre", "trimmed");
        s.add_town("29197", now()).unwrap();
        let e = s
            .update_council_meeting(
                m.id,
                CouncilMeetingFields {
                    town_insee: "29197".into(),
                    agenda: vec![id, 999],
                    ..m.fields.clone()
                },
                now(),
            )
            .unwrap_err();
        let msg = e.message(Lang::Fr);
        assert!(
            msg.contains("autre commune (29024)") && msg.contains("n° 999 n'existe pas"),
            "each bad agenda item is named: {msg}"
        );
        assert_eq!(
            s.council_meeting(m.id).unwrap().fields.town_insee,
            "29024",
            "nothing written on error"
        );
        s.delete_project(second).unwrap();
        assert_eq!(
            s.council_meeting(m.id).unwrap().fields.agenda,
            vec![id],
            "a deleted project leaves the agenda"
        );
        assert_eq!(s.council_meetings(Some("29197")).unwrap().len(), 0);
        assert_eq!(s.council_meetings(None).unwrap().len(), 1);
        s.delete_council_meeting(m.id).unwrap();
        assert!(s.council_meetings(None).unwrap().is_empty());
    }
}
