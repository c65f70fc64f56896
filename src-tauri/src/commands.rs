//! Tauri commands: each one takes the store, calls one core function and
//! returns its result, errors in the user's language. No rule lives here.

use crate::error::IpcError;
use crate::AppState;
use bourgade_core::desk::{self, dashboard::Dashboard};
use bourgade_core::exchange::{self, Format, ImportReport};
use bourgade_core::matching::{ActorSuggestion, SolutionSuggestion, SuggestFilter};
use bourgade_core::model::indicator_templates as indicator_templates_list;
use bourgade_core::model::*;
use bourgade_core::store::{CatalogueStatus, ProjectFilter, StageMove, Store};
use bourgade_core::Lang;
use chrono::Utc;
use serde::Serialize;
use std::path::PathBuf;
use tauri::State;
use ts_rs::TS;

type Res<T> = Result<T, IpcError>;

fn lang(state: &AppState) -> Lang {
    state.lang.lock().map(|l| *l).unwrap_or_default()
}

/// Runs `f` on the store, mapping errors for the UI.
fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> bourgade_core::Result<T>,
) -> Res<T> {
    let lang = lang(state);
    let mut store = state.store.lock().map_err(|_| IpcError::busy(lang))?;
    f(&mut store).map_err(|e| IpcError::from_core(e, lang))
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_lang(state: State<'_, AppState>, lang: Lang) {
    if let Ok(mut l) = state.lang.lock() {
        *l = lang;
    }
}

#[tauri::command(rename_all = "snake_case")]
pub fn get_taxonomy() -> Taxonomy {
    bourgade_core::reference::taxonomy().clone()
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_towns(state: State<'_, AppState>) -> Res<Vec<Town>> {
    with_store(&state, |s| s.towns())
}

#[tauri::command(rename_all = "snake_case")]
pub fn search_communes(
    state: State<'_, AppState>,
    text: String,
    limit: Option<usize>,
) -> Res<Vec<Commune>> {
    with_store(&state, |s| {
        s.search_communes(&text, limit.unwrap_or(20).min(100))
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_town(state: State<'_, AppState>, insee: String) -> Res<Town> {
    with_store(&state, |s| s.add_town(&insee, Utc::now()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn load_demo(state: State<'_, AppState>) -> Res<ImportReport> {
    with_store(&state, |s| exchange::load_demo(s, Utc::now()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_projects(
    state: State<'_, AppState>,
    filter: ProjectFilter,
) -> Res<Vec<ProjectSummary>> {
    with_store(&state, |s| s.projects(&filter))
}

/// How many projects a filter selects (the list shows them a page at a time).
#[tauri::command(rename_all = "snake_case")]
pub fn count_projects(state: State<'_, AppState>, filter: ProjectFilter) -> Res<usize> {
    with_store(&state, |s| s.count_projects(&filter))
}

#[tauri::command(rename_all = "snake_case")]
pub fn get_project(state: State<'_, AppState>, id: i64) -> Res<ProjectDetail> {
    with_store(&state, |s| s.project_detail(id))
}

#[tauri::command(rename_all = "snake_case")]
pub fn create_project(state: State<'_, AppState>, fields: ProjectFields) -> Res<Project> {
    with_store(&state, |s| s.create_project(fields, Utc::now()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_project(state: State<'_, AppState>, id: i64, fields: ProjectFields) -> Res<Project> {
    with_store(&state, |s| s.update_project(id, fields, "", Utc::now()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn save_project_lines(
    state: State<'_, AppState>,
    id: i64,
    lines: ProjectLines,
) -> Res<ProjectDetail> {
    with_store(&state, |s| s.save_project_lines(id, lines, Utc::now()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn move_stage(
    state: State<'_, AppState>,
    id: i64,
    to: Stage,
    note: Option<String>,
) -> Res<Project> {
    let now = Utc::now();
    let mv = StageMove {
        to,
        date: bourgade_core::day::paris_day(now),
        author: String::new(),
        note: note.unwrap_or_default(),
    };
    with_store(&state, |s| s.move_stage(id, mv, now))
}

#[tauri::command(rename_all = "snake_case")]
pub fn delete_project(state: State<'_, AppState>, id: i64) -> Res<ProjectDetail> {
    with_store(&state, |s| {
        let detail = s.project_detail(id)?;
        s.delete_project(id)?;
        Ok(detail)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn restore_project(state: State<'_, AppState>, detail: ProjectDetail) -> Res<Project> {
    with_store(&state, |s| exchange::restore_deleted(s, detail, Utc::now()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn plan_summary(state: State<'_, AppState>, id: i64) -> Res<bourgade_core::rules::PlanSummary> {
    with_store(&state, |s| {
        desk::readiness::plan_summary(s, id, bourgade_core::day::today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_rules() -> Vec<bourgade_core::rules::RuleInfo> {
    bourgade_core::rules::rules()
}

#[tauri::command(rename_all = "snake_case")]
pub fn suggest_actors(
    state: State<'_, AppState>,
    id: i64,
    filter: Option<SuggestFilter>,
) -> Res<Vec<ActorSuggestion>> {
    with_store(&state, |s| {
        desk::suggestions::suggest_actors(s, id, &filter.unwrap_or_default())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn suggest_solutions(
    state: State<'_, AppState>,
    id: i64,
    filter: Option<SuggestFilter>,
) -> Res<Vec<SolutionSuggestion>> {
    with_store(&state, |s| {
        desk::suggestions::suggest_solutions(s, id, &filter.unwrap_or_default())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn dashboard(state: State<'_, AppState>, town_insee: Option<String>) -> Res<Dashboard> {
    with_store(&state, |s| {
        desk::dashboard::dashboard(s, town_insee.as_deref(), bourgade_core::day::today())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_actors(state: State<'_, AppState>) -> Res<Vec<desk::catalogue::ActorView>> {
    // Retired entries too: projects linked to them still name them.
    let all = desk::catalogue::ActorQuery {
        include_retired: true,
        ..Default::default()
    };
    with_store(&state, |s| desk::catalogue::actors(s, &all))
}

#[tauri::command(rename_all = "snake_case")]
pub fn save_actor(state: State<'_, AppState>, actor: Actor) -> Res<Actor> {
    with_store(&state, |s| {
        s.save_actor(&actor)?;
        Ok(actor)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_solutions(state: State<'_, AppState>) -> Res<Vec<Solution>> {
    with_store(&state, |s| s.solutions())
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_funding_schemes(state: State<'_, AppState>) -> Res<Vec<FundingScheme>> {
    with_store(&state, |s| s.funding_schemes())
}

/// A shipped data source, for the "about" panel.
#[derive(Debug, Serialize, TS)]
pub struct SourceInfo {
    pub name: String,
    pub version: String,
    pub licence: String,
    pub url: Option<String>,
}

/// Versions, database location and data sources.
#[derive(Debug, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub db_path: Option<String>,
    pub schema_version: i64,
    pub catalogue: CatalogueStatus,
    pub sources: Vec<SourceInfo>,
}

fn app_info_of(s: &Store) -> bourgade_core::Result<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        db_path: s.path().map(|p| p.display().to_string()),
        schema_version: s.schema_version()?,
        catalogue: s.catalogue_status()?,
        sources: bourgade_core::reference::sources()
            .iter()
            .map(|src| SourceInfo {
                name: src.name.into(),
                version: src.version.into(),
                licence: src.licence.into(),
                url: src.url.map(str::to_owned),
            })
            .collect(),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    with_store(&state, |s| app_info_of(s))
}

#[tauri::command(rename_all = "snake_case")]
pub fn backup_now(state: State<'_, AppState>, path: PathBuf) -> Res<String> {
    with_store(&state, |s| {
        s.backup_to(&path).map(|p| p.display().to_string())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn restore_backup(state: State<'_, AppState>, path: PathBuf) -> Res<AppInfo> {
    with_store(&state, |s| {
        desk::restore_backup(s, &path, Utc::now())?;
        app_info_of(s)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn export_file(state: State<'_, AppState>, format: Format, path: PathBuf) -> Res<usize> {
    with_store(&state, |s| {
        exchange::export_to_file(s, format, &path, Utc::now())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn import_file(state: State<'_, AppState>, path: PathBuf, dry_run: bool) -> Res<ImportReport> {
    with_store(&state, |s| {
        exchange::import_file(s, &path, None, dry_run, Utc::now())
    })
}

/// Writes a PDF where the user chose and opens it in the system viewer.
fn deliver_pdf<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    path: &std::path::Path,
    pdf: &[u8],
    open: bool,
) -> bourgade_core::Result<String> {
    exchange::write_atomically(path, pdf)?;
    if open {
        use tauri_plugin_opener::OpenerExt;
        // A viewer that fails to start is not a failed brief: the file is written.
        let _ = app
            .opener()
            .open_path(path.display().to_string(), None::<&str>);
    }
    Ok(path.display().to_string())
}

/// The grant application dossier of one project, written into `dir`
/// (`force` replaces files already there; the UI asks first). With `open`,
/// the folder opens in the file manager.
#[tauri::command(rename_all = "snake_case")]
pub fn make_dossier<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    scheme: Option<String>,
    dir: PathBuf,
    force: bool,
    open: bool,
) -> Res<Vec<desk::dossier::DossierFile>> {
    let opts = brief_options(&state);
    with_store(&state, |s| {
        let req = desk::dossier::DossierRequest {
            project_id: id,
            scheme: scheme.filter(|c| !c.trim().is_empty()),
            dir: dir.clone(),
            force,
        };
        let files = desk::dossier::write_dossier(s, &req, &opts)?;
        if open {
            use tauri_plugin_opener::OpenerExt;
            // A file manager that fails to start is not a failed dossier.
            let _ = app
                .opener()
                .open_path(dir.display().to_string(), None::<&str>);
        }
        Ok(files)
    })
}

/// The indicators (with progress) and grant lapse dates of a project.
#[tauri::command(rename_all = "snake_case")]
pub fn project_steering(
    state: State<'_, AppState>,
    id: i64,
) -> Res<desk::tracking::ProjectSteering> {
    with_store(&state, |s| desk::tracking::project_steering(s, id))
}

/// The convention's indicators of a followed town, with progress.
#[tauri::command(rename_all = "snake_case")]
pub fn town_indicators(
    state: State<'_, AppState>,
    insee: String,
) -> Res<Vec<desk::tracking::IndicatorView>> {
    with_store(&state, |s| desk::tracking::town_indicators(s, &insee))
}

/// Replaces the convention's indicators of a followed town.
#[tauri::command(rename_all = "snake_case")]
pub fn save_town_indicators(
    state: State<'_, AppState>,
    insee: String,
    indicators: Vec<Indicator>,
) -> Res<Vec<desk::tracking::IndicatorView>> {
    with_store(&state, |s| {
        s.save_town_indicators(&insee, indicators)?;
        desk::tracking::town_indicators(s, &insee)
    })
}

/// The shipped list of common indicators to pick from.
#[tauri::command(rename_all = "snake_case")]
pub fn indicator_templates() -> Vec<IndicatorTemplate> {
    indicator_templates_list().to_vec()
}

/// The multi-year investment plan of a town (or every town).
#[tauri::command(rename_all = "snake_case")]
pub fn programme(
    state: State<'_, AppState>,
    town_insee: Option<String>,
    from: i32,
    to: i32,
) -> Res<bourgade_core::steering::programme::Programme> {
    with_store(&state, |s| {
        desk::steering::programme(s, town_insee.as_deref(), from, to)
    })
}

/// The multi-year investment plan as an XLSX where the user chose.
#[tauri::command(rename_all = "snake_case")]
pub fn programme_xlsx(
    state: State<'_, AppState>,
    town_insee: Option<String>,
    from: i32,
    to: i32,
    path: PathBuf,
) -> Res<String> {
    with_store(&state, |s| {
        let bytes = desk::steering::programme_xlsx(s, town_insee.as_deref(), from, to, Utc::now())?;
        exchange::write_atomically(&path, &bytes)?;
        Ok(path.display().to_string())
    })
}

/// The comité de projet pack (PDF), stored frozen, where the user chose.
#[tauri::command(rename_all = "snake_case")]
pub fn brief_committee<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    town_insee: Option<String>,
    since: String,
    date: Option<String>,
    path: PathBuf,
    open: bool,
) -> Res<String> {
    let opts = brief_options(&state);
    let l = lang(&state);
    let since = parse_date("since", "Depuis le", "Since", &since)
        .map_err(|p| IpcError::from_core(bourgade_core::Error::invalid(p), l))?;
    let meeting_date = match date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(
            parse_date("date", "Date du comité", "Meeting date", d)
                .map_err(|p| IpcError::from_core(bourgade_core::Error::invalid(p), l))?,
        ),
        None => None,
    };
    with_store(&state, |s| {
        let req = desk::steering::CommitteeRequest {
            town_insee: town_insee.filter(|t| !t.trim().is_empty()),
            since,
            meeting_date,
            next: None,
        };
        let pack = desk::steering::committee_pack(s, &req, &opts)?;
        deliver_pdf(&app, &path, &pack.pdf, open)
    })
}

fn brief_options(state: &AppState) -> bourgade_core::brief::BriefOptions {
    bourgade_core::brief::BriefOptions::new(lang(state), Utc::now())
}

/// The project brief (note explicative de synthèse) of one project.
#[tauri::command(rename_all = "snake_case")]
pub fn brief_project<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    path: PathBuf,
    decision: Option<String>,
    open: bool,
) -> Res<String> {
    let opts = brief_options(&state);
    with_store(&state, |s| {
        let pdf = desk::briefs::project_brief(
            s,
            id,
            decision.as_deref().filter(|d| !d.trim().is_empty()),
            &opts,
        )?;
        deliver_pdf(&app, &path, &pdf, open)
    })
}

/// The portfolio brief of one town (or every followed town), by stage or axis.
#[tauri::command(rename_all = "snake_case")]
pub fn brief_portfolio<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    town_insee: Option<String>,
    by: String,
    path: PathBuf,
    open: bool,
) -> Res<String> {
    let opts = brief_options(&state);
    with_store(&state, |s| {
        let by = bourgade_core::brief::GroupBy::parse(&by)?;
        let pdf = desk::briefs::portfolio_brief(s, town_insee.as_deref(), by, &opts)?;
        deliver_pdf(&app, &path, &pdf, open)
    })
}

/// The council pack of a meeting, stored as a frozen snapshot.
#[tauri::command(rename_all = "snake_case")]
pub fn brief_council<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    town_insee: Option<String>,
    meeting_date: chrono::NaiveDate,
    project_ids: Vec<i64>,
    path: PathBuf,
    open: bool,
) -> Res<String> {
    let opts = brief_options(&state);
    with_store(&state, |s| {
        let req = bourgade_core::brief::CouncilRequest {
            town_insee,
            meeting_date,
            project_ids,
            decisions: Default::default(),
        };
        let pack = desk::briefs::council_pack(s, &req, &opts)?;
        deliver_pdf(&app, &path, &pack.pdf, open)
    })
}

// ------------------------------------------------- the national platforms

/// Writes the projects (of one town, or all) for Les Communs: the v0.1.0
/// CSV, the API's JSON body, or the experimental v0.2.0 folder.
#[tauri::command(rename_all = "snake_case")]
pub fn export_communs(
    state: State<'_, AppState>,
    format: exchange::communs::CommunsFormat,
    town_insee: Option<String>,
    path: PathBuf,
) -> Res<usize> {
    let town = town_insee.filter(|t| !t.trim().is_empty());
    with_store(&state, |s| {
        exchange::communs::export(s, format, town.as_deref(), &path)
    })
}

/// Writes the projects (of one town, or all) as a Territoires en
/// Transitions plan import file (XLSX).
#[tauri::command(rename_all = "snake_case")]
pub fn export_tet(
    state: State<'_, AppState>,
    town_insee: Option<String>,
    path: PathBuf,
) -> Res<usize> {
    let town = town_insee.filter(|t| !t.trim().is_empty());
    with_store(&state, |s| exchange::tet::export(s, town.as_deref(), &path))
}

/// Reads a Territoires en Transitions plan file into projects of one town,
/// all or nothing; `dry_run` checks and counts only.
#[tauri::command(rename_all = "snake_case")]
pub fn import_tet(
    state: State<'_, AppState>,
    path: PathBuf,
    town_insee: Option<String>,
    dry_run: bool,
) -> Res<ImportReport> {
    let town = town_insee.filter(|t| !t.trim().is_empty());
    with_store(&state, |s| {
        exchange::tet::import_file(s, &path, town.as_deref(), dry_run, Utc::now())
    })
}

/// Imports a file of aids in Aides-territoires' vocabulary, all or nothing;
/// `perimeter` places the aids whose entry gives none.
#[tauri::command(rename_all = "snake_case")]
pub fn import_aids(
    state: State<'_, AppState>,
    path: PathBuf,
    perimeter: Option<String>,
    dry_run: bool,
) -> Res<exchange::aides::AidsImportReport> {
    let opts = exchange::aides::AidsOptions {
        dry_run,
        perimeter: perimeter.filter(|p| !p.trim().is_empty()),
    };
    with_store(&state, |s| {
        let now = Utc::now();
        desk::aids::import_aids(s, &path, &opts, bourgade_core::day::paris_day(now), now)
    })
}

/// Every imported aid, closed ones too.
#[tauri::command(rename_all = "snake_case")]
pub fn list_aids(state: State<'_, AppState>) -> Res<Vec<StoredAid>> {
    with_store(&state, |s| desk::aids::list_aids(s))
}

/// The open aids that fit a project, with their reasons and deadlines.
#[tauri::command(rename_all = "snake_case")]
pub fn suggest_aids(
    state: State<'_, AppState>,
    id: i64,
) -> Res<Vec<bourgade_core::matching::aids::AidSuggestion>> {
    with_store(&state, |s| {
        desk::aids::suggest_aids(s, id, bourgade_core::day::paris_day(Utc::now()))
    })
}

// ------------------------------------------------------------ the catalogue

/// Checks (`dry_run`) or applies a catalogue file; the user's own entries
/// and edits are never touched.
#[tauri::command(rename_all = "snake_case")]
pub fn update_catalogue(
    state: State<'_, AppState>,
    path: PathBuf,
    dry_run: bool,
) -> Res<bourgade_core::store::CatalogueReport> {
    with_store(&state, |s| {
        desk::catalogue::update_catalogue(s, &path, dry_run)
    })
}

/// Writes the catalogue shipped with this version as one file.
#[tauri::command(rename_all = "snake_case")]
pub fn export_catalogue(state: State<'_, AppState>, path: PathBuf) -> Res<usize> {
    let l = lang(&state);
    desk::catalogue::export_catalogue(&path, bourgade_core::day::paris_day(Utc::now()))
        .map_err(|e| IpcError::from_core(e, l))
}
