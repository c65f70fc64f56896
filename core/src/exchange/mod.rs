//! Export and import of a portfolio (formats in `docs/EXCHANGE.md`).
//!
//! Import is all-or-nothing: [`plan`](json::plan) reads and validates every
//! row first, collecting each problem with its line number; only a plan
//! without problems is applied, in one transaction.

pub mod aides;
pub mod catalogue;
pub mod committee;
pub mod communs;
pub mod csv;
pub mod json;
pub mod programme;
pub mod sheet;
pub mod tet;
pub mod xlsx;

use crate::error::{Error, LineProblem, Problem, Result};
use crate::model::Actor;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    /// Guesses the format from a file name (`.json` / `.csv`).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "csv" | "txt" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it: a
/// failed write never leaves a truncated file.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.partiel"));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

fn unknown_format(path: &std::path::Path) -> Error {
    Error::invalid(Problem::new(
        "format",
        format!(
            "Format du fichier {} inconnu : choisissez un fichier .json ou .csv.",
            path.display()
        ),
        format!(
            "Cannot tell the format of {}: choose a .json or .csv file.",
            path.display()
        ),
    ))
}

/// Exports every project to `path` in `format`; returns how many.
pub fn export_to_file(
    store: &Store,
    format: Format,
    path: &std::path::Path,
    now: DateTime<Utc>,
) -> Result<usize> {
    let bytes = match format {
        Format::Json => json::export(store, now)?.into_bytes(),
        Format::Csv => csv::export(store)?,
    };
    write_atomically(path, &bytes)?;
    Ok(store
        .projects(&crate::store::ProjectFilter::default())?
        .len())
}

/// Imports the file at `path` (format from `format` or the file name).
pub fn import_file(
    store: &mut Store,
    path: &std::path::Path,
    format: Option<Format>,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    let format = format
        .or_else(|| Format::from_path(path))
        .ok_or_else(|| unknown_format(path))?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    match format {
        Format::Json => {
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::invalid(Problem::new(
                    "format",
                    format!("{} n'est pas un texte UTF-8 : un export JSON de Bourgade est toujours en UTF-8.", path.display()),
                    format!("{} is not UTF-8 text: Bourgade JSON exports always are.", path.display()),
                ))
            })?;
            json::import_str(
                store,
                &text,
                json::Options {
                    dry_run,
                    demo: false,
                },
                now,
            )
        }
        Format::Csv => csv::import_bytes(store, &bytes, dry_run, now),
    }
}

pub use crate::model::{ProjectRecord, TownRef};

/// What an import did (or would do, with `dry_run`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportReport {
    pub dry_run: bool,
    pub created: usize,
    pub updated: usize,
    pub towns_added: Vec<String>,
    pub actors_saved: usize,
    /// Notes for the user (e.g. the encoding that was detected).
    pub notes: Vec<String>,
}

/// Whether an imported project replaces its lines (JSON) or only its own
/// fields (CSV, which carries no lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Everything,
    OwnFieldsOnly,
}

/// A validated import, ready to apply.
pub(crate) struct Plan {
    pub scope: Scope,
    pub towns: Vec<TownRef>,
    pub actors: Vec<Actor>,
    pub projects: Vec<(usize, ProjectRecord)>,
    pub notes: Vec<String>,
}

/// Checks every project of a plan against the store; returns all problems.
pub(crate) fn check(store: &Store, plan: &mut Plan, mut problems: Vec<LineProblem>) -> Result<()> {
    let known_towns: HashSet<String> = store
        .towns()?
        .into_iter()
        .map(|t| t.commune.insee)
        .collect();
    let mut file_actors: HashSet<String> = HashSet::new();
    for a in &plan.actors {
        for p in crate::model::validate_actor(a) {
            problems.push(LineProblem {
                line: 1,
                problem: p,
            });
        }
        file_actors.insert(a.id.clone());
    }
    for t in &plan.towns {
        for (i, ind) in t.indicators.iter().enumerate() {
            for p in ind.validate() {
                problems.push(LineProblem {
                    line: 1,
                    problem: p.within(
                        "indicators",
                        i,
                        "Indicateur de la commune",
                        "Town indicator",
                    ),
                });
            }
        }
        if !known_towns.contains(&t.insee) && store.commune(&t.insee)?.is_none() {
            problems.push(LineProblem {
                line: 1,
                problem: Problem::new(
                    "towns",
                    format!(
                        "Communes suivies : « {} » ne correspond à aucune commune actuelle",
                        t.insee
                    ),
                    format!(
                        "Followed towns: \"{}\" is not a current French commune",
                        t.insee
                    ),
                ),
            });
        }
    }
    let mut uids = HashSet::new();
    for (line, rec) in &mut plan.projects {
        rec.fields.normalise();
        rec.lines.normalise();
        let mut ps = rec.fields.validate();
        ps.extend(rec.lines.validate());
        // The cost of a project with expense lines is their sum: the lines
        // of the file, or those stored when the file carries fields only.
        let stored;
        let expenses = match (plan.scope, &rec.uid) {
            (Scope::Everything, _) | (_, None) => &rec.lines.expense_lines,
            (Scope::OwnFieldsOnly, Some(uid)) => {
                stored = store.expense_lines_by_uid(uid)?;
                &stored
            }
        };
        ps.extend(crate::model::cost_conflict(&rec.fields, expenses));
        if ps.iter().all(|p| p.field != "town_insee")
            && !known_towns.contains(&rec.fields.town_insee)
            && store.commune(&rec.fields.town_insee)?.is_none()
        {
            ps.push(Problem::new(
                "town_insee",
                format!(
                    "Commune (code INSEE) : « {} » ne correspond à aucune commune actuelle",
                    rec.fields.town_insee
                ),
                format!(
                    "Town (INSEE code): \"{}\" is not a current French commune",
                    rec.fields.town_insee
                ),
            ));
        }
        let mut links = rec.lines.clone();
        links.actors.retain(|a| !file_actors.contains(&a.actor_id));
        ps.extend(store.check_links(&links)?);
        if let Some(uid) = &rec.uid {
            if uid.trim().is_empty() || !uids.insert(uid.clone()) {
                ps.push(Problem::new(
                    "uid",
                    format!("Identifiant (uid) « {uid} » vide ou déjà présent plus haut dans le fichier"),
                    format!("Identifier (uid) \"{uid}\" empty or already used earlier in the file"),
                ));
            }
        }
        if let Some(id) = rec.id {
            if id <= 0 {
                ps.push(Problem::new(
                    "id",
                    format!("Numéro de projet : {id} doit être positif"),
                    format!("Project number: {id} must be positive"),
                ));
            }
        }
        problems.extend(ps.into_iter().map(|problem| LineProblem {
            line: *line,
            problem,
        }));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        problems.sort_by_key(|p| p.line);
        Err(Error::Import(problems))
    }
}

/// Applies a checked plan in one transaction (or only counts, for a dry run).
pub(crate) fn apply(
    store: &mut Store,
    plan: Plan,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    let mut report = ImportReport {
        dry_run,
        notes: plan.notes.clone(),
        ..Default::default()
    };
    let followed: HashSet<String> = store
        .towns()?
        .into_iter()
        .map(|t| t.commune.insee)
        .collect();
    let mut towns: Vec<TownRef> = plan.towns.clone();
    // Indicators of followed towns too: the list is kept before the towns
    // already followed are left out of those to add.
    let town_indicators: Vec<(String, Vec<crate::model::Indicator>)> = plan
        .towns
        .iter()
        .filter(|t| !t.indicators.is_empty())
        .map(|t| (t.insee.clone(), t.indicators.clone()))
        .collect();
    for (_, rec) in &plan.projects {
        if !towns.iter().any(|t| t.insee == rec.fields.town_insee) {
            towns.push(TownRef {
                insee: rec.fields.town_insee.clone(),
                is_demo: false,
                indicators: Vec::new(),
            });
        }
    }
    towns.retain(|t| !followed.contains(&t.insee));
    report.towns_added = towns.iter().map(|t| t.insee.clone()).collect();
    report.actors_saved = plan.actors.len();
    for (_, rec) in &plan.projects {
        match rec
            .uid
            .as_deref()
            .map(|u| store.project_id_by_uid(u))
            .transpose()?
            .flatten()
        {
            Some(_) => report.updated += 1,
            None => report.created += 1,
        }
    }
    if dry_run {
        return Ok(report);
    }
    store.import_in_transaction(
        &towns,
        &town_indicators,
        &plan.actors,
        &plan.projects,
        plan.scope == Scope::Everything,
        now,
    )?;
    Ok(report)
}

/// Puts back a project just deleted (undo), with its number, uid and lines.
pub fn restore_deleted(
    store: &mut Store,
    detail: crate::model::ProjectDetail,
    now: DateTime<Utc>,
) -> Result<crate::model::Project> {
    let id = detail.project.id;
    let record = json::record_of(detail);
    let mut plan = Plan {
        scope: Scope::Everything,
        towns: Vec::new(),
        actors: Vec::new(),
        projects: vec![(1, record)],
        notes: Vec::new(),
    };
    check(store, &mut plan, Vec::new())?;
    apply(store, plan, false, now)?;
    store.project(id)
}

/// Loads the demo town and its projects (`data/demo/demo.json`). Loading it
/// again updates the same projects instead of adding copies.
pub fn load_demo(store: &mut Store, now: DateTime<Utc>) -> Result<ImportReport> {
    json::import_str(
        store,
        crate::reference::DEMO_JSON,
        json::Options {
            dry_run: false,
            demo: true,
        },
        now,
    )
}
