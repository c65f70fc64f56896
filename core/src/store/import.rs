//! Writing a checked import in one transaction.

use super::lines::{insert_stage_event, replace_lines};
use super::projects::{insert_project, set_created_at, stored_fields, update_project_row};
use super::{now_rfc3339, search, Store};
use crate::error::Result;
use crate::model::*;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

impl Store {
    /// Writes a checked import plan in one transaction: towns, local actors,
    /// then each project (matched by uid: replaced; otherwise created,
    /// keeping its number when free).
    /// With `with_lines`, a project's lines are replaced too (a JSON file);
    /// otherwise only its own fields are (a CSV file), and a change of stage
    /// is kept as a stage event.
    pub(crate) fn import_in_transaction(
        &mut self,
        towns: &[TownRef],
        town_indicators: &[(String, Vec<Indicator>)],
        actors: &[Actor],
        projects: &[(usize, ProjectRecord)],
        with_lines: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for t in towns {
            tx.execute(
                "INSERT INTO town (insee, is_demo, added_at) VALUES (?1, ?2, ?3) ON CONFLICT (insee) DO NOTHING",
                params![t.insee, t.is_demo, now_rfc3339(now)],
            )?;
        }
        for (insee, list) in town_indicators {
            super::towns::replace_town_indicators(&tx, insee, list)?;
        }
        for a in actors {
            super::reference::upsert_user_actor(&tx, a)?;
        }
        for (_, rec) in projects {
            let existing: Option<(i64, Stage)> = match &rec.uid {
                Some(uid) => tx
                    .query_row("SELECT id, stage FROM project WHERE uid = ?1", [uid], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?,
                None => None,
            };
            let updated = rec.updated_at.unwrap_or(now);
            let id = match existing {
                Some((id, old_stage)) => {
                    if with_lines {
                        update_project_row(&tx, id, &rec.fields, updated)?;
                    } else {
                        // A CSV file carries neither the application facts
                        // nor the execution dates: the stored ones are kept.
                        let mut fields = rec.fields.clone();
                        let kept = stored_fields(&tx, id)?;
                        fields.application = kept.application;
                        fields.started_on = kept.started_on;
                        fields.completed_on = kept.completed_on;
                        update_project_row(&tx, id, &fields, updated)?;
                    }
                    if !with_lines && old_stage != rec.fields.stage {
                        insert_stage_event(
                            &tx,
                            id,
                            &StageEvent {
                                from_stage: Some(old_stage),
                                to_stage: rec.fields.stage,
                                date: crate::day::paris_day(now),
                                author: String::new(),
                                note: "Import".into(),
                            },
                        )?;
                    }
                    id
                }
                None => {
                    let free = match rec.id {
                        Some(id) => tx
                            .query_row("SELECT 1 FROM project WHERE id = ?1", [id], |_| Ok(()))
                            .optional()?
                            .is_none(),
                        None => false,
                    };
                    let uid = rec
                        .uid
                        .clone()
                        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
                    let created = rec.created_at.unwrap_or(now);
                    insert_project(
                        &tx,
                        rec.id.filter(|_| free),
                        &uid,
                        &rec.fields,
                        created,
                        updated,
                    )?
                }
            };
            if let Some(created) = rec.created_at {
                set_created_at(&tx, id, created)?;
            }
            if with_lines {
                // A new project without history starts with its first stage
                // event, like one created in the app.
                let mut lines = rec.lines.clone();
                if existing.is_none() && lines.stage_events.is_empty() {
                    lines.stage_events.push(StageEvent::first(
                        &rec.fields,
                        rec.created_at.unwrap_or(now),
                    ));
                }
                replace_lines(&tx, id, &lines)?;
            } else if existing.is_none() {
                insert_stage_event(
                    &tx,
                    id,
                    &StageEvent::first(&rec.fields, rec.created_at.unwrap_or(now)),
                )?;
            }
            search::index_project(&tx, id)?;
        }
        tx.commit()?;
        Ok(())
    }
}
