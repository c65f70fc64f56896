//! Aids from Aides-territoires: importing a file, the open aids that fit a
//! project ("Aides ouvertes pour ce projet"), and their closing dates for
//! the calendar. The window and the CLI call these functions.

use crate::calendar::{AgendaEntry, AgendaKind};
use crate::error::Result;
use crate::exchange::aides::{self, AidsImportReport, AidsOptions};
use crate::matching::aids::{suggest_aids as rank_aids, AidSuggestion};
use crate::matching::ProjectContext;
use crate::model::{Deadline, DeadlineKind, StoredAid};
use crate::store::{ProjectFilter, Store};
use crate::text::{date_en, date_fr};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;
use std::path::Path;

/// Imports a file of aids (Aides-territoires JSON, or its import template
/// as CSV or XLSX), all or nothing. See [`crate::exchange::aides`].
pub fn import_aids(
    store: &mut Store,
    path: &Path,
    opts: &AidsOptions,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<AidsImportReport> {
    aides::import_file(store, path, opts, today, now)
}

/// Every stored aid (closed ones too: see [`crate::model::Aid::is_closed`]).
pub fn list_aids(store: &Store) -> Result<Vec<StoredAid>> {
    store.aids()
}

/// The open aids that fit a stored project, best first, with their
/// reasons and deadlines.
pub fn suggest_aids(
    store: &Store,
    project_id: i64,
    today: NaiveDate,
) -> Result<Vec<AidSuggestion>> {
    let detail = store.project_detail(project_id)?;
    let town = store.commune_of(&detail.project.fields.town_insee)?;
    let ctx = ProjectContext::of_project(&detail.project.fields, town);
    Ok(rank_aids(
        &ctx,
        detail.project.fields.owner_kind,
        &store.aids()?,
        today,
    ))
}

/// An aid that closes, open for some projects of one town.
struct Closing {
    date: NaiveDate,
    town_insee: String,
    aid_id: i64,
    name: String,
    url: String,
    /// The projects it fits: number and title.
    projects: Vec<(i64, String)>,
}

/// The aids open on `today` for at least one project of `town` (or of
/// every followed town) that close from `from` to `to` (inclusive), one
/// per aid and town, by town and aid number.
fn closings(
    store: &Store,
    town: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<Closing>> {
    let aids = store.aids()?;
    if aids.is_empty() {
        return Ok(Vec::new());
    }
    let projects = store.projects(&ProjectFilter {
        town_insee: town.map(str::to_owned),
        ..Default::default()
    })?;
    // The aids and each town's commune are read once, not per project.
    let mut communes: BTreeMap<String, crate::model::Commune> = BTreeMap::new();
    let mut found: BTreeMap<(String, i64), Closing> = BTreeMap::new();
    // An abandoned project needs no aid (its deadlines leave the dashboard too).
    for p in projects
        .iter()
        .filter(|p| p.health != crate::model::Health::Abandoned)
    {
        let fields = store.project(p.id)?.fields;
        if !communes.contains_key(&fields.town_insee) {
            communes.insert(
                fields.town_insee.clone(),
                store.commune_of(&fields.town_insee)?,
            );
        }
        let ctx = ProjectContext::of_project(&fields, communes[&fields.town_insee].clone());
        for s in rank_aids(&ctx, fields.owner_kind, &aids, today) {
            let Some(deadline) = s.submission_deadline else {
                continue;
            };
            if deadline < from || deadline > to {
                continue;
            }
            found
                .entry((p.town_insee.clone(), s.aid_id))
                .or_insert_with(|| Closing {
                    date: deadline,
                    town_insee: p.town_insee.clone(),
                    aid_id: s.aid_id,
                    name: s.name.clone(),
                    url: s.link.clone(),
                    projects: Vec::new(),
                })
                .projects
                .push((p.id, p.title.clone()));
        }
    }
    Ok(found.into_values().collect())
}

/// The closing dates of the aids that fit projects, from `from` to `to`
/// (inclusive), as the dashboard lists deadlines: one per aid and project,
/// by date. For the window's "À venir" list.
pub fn aid_deadlines(
    store: &Store,
    town: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<Deadline>> {
    let mut out: Vec<Deadline> = closings(store, town, from, to, today)?
        .into_iter()
        .flat_map(|c| {
            c.projects.into_iter().map(move |(id, title)| Deadline {
                date: c.date,
                kind: DeadlineKind::AidCloses,
                project_id: id,
                project_title: title,
                label: c.name.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| (a.date, a.project_id, &a.label).cmp(&(b.date, b.project_id, &b.label)));
    Ok(out)
}

/// The closing dates, from `from` to `to` (inclusive), of the aids open
/// for at least one project of `town` (or of every followed town) on
/// `today`, as agenda entries ("Clôture d'appel"): one entry per aid and
/// town, naming the projects it fits. For the calendar and its ICS export.
pub fn aid_agenda(
    store: &Store,
    town: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<AgendaEntry>> {
    if let Some(t) = town {
        store.followed_town(t)?;
    }
    let mut out: Vec<AgendaEntry> = closings(store, town, from, to, today)?
        .into_iter()
        .map(|c| {
            let Closing {
                date,
                town_insee: insee,
                aid_id,
                name,
                url,
                projects,
            } = c;
            let list = projects
                .iter()
                .map(|(id, title)| format!("n° {id} {title}"))
                .collect::<Vec<_>>()
                .join(", ");
            let list_en = projects
                .iter()
                .map(|(id, title)| format!("#{id} {title}"))
                .collect::<Vec<_>>()
                .join(", ");
            let link = |s: String| {
                if url.is_empty() {
                    s
                } else {
                    format!("{s} — {url}")
                }
            };
            AgendaEntry {
                date,
                kind: AgendaKind::CallCloses,
                title_fr: format!("Clôture de l'aide « {name} »"),
                title_en: format!("Aid closes: \"{name}\""),
                detail_fr: link(format!(
                    "Aides-territoires, clôture le {} ; ouverte pour : {list}",
                    date_fr(date)
                )),
                detail_en: link(format!(
                    "Aides-territoires, closes on {}; open for: {list_en}",
                    date_en(date)
                )),
                town_insee: Some(insee.clone()),
                project_id: (projects.len() == 1).then(|| projects[0].0),
                meeting_id: None,
                uid: format!("aid-{aid_id}-{insee}@bourgade"),
                done: false,
            }
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.uid.cmp(&b.uid)));
    Ok(out)
}
