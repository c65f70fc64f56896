//! Bourgade's desktop shell. It opens the window and adapts the core's
//! functions as Tauri commands; it holds no business rule (see
//! `docs/ARCHITECTURE.md`).

#[cfg(test)]
mod bindings;
mod commands;
mod error;
#[cfg(test)]
mod fixtures;

use bourgade_core::store::Store;
use bourgade_core::Lang;
use std::sync::Mutex;

/// What every command can reach: the open database and the UI language.
pub struct AppState {
    pub store: Mutex<Store>,
    pub lang: Mutex<Lang>,
}

/// Registers the plugins, commands and state on a builder (shared by `run`
/// and tests).
pub fn setup<R: tauri::Runtime>(builder: tauri::Builder<R>, store: Store) -> tauri::Builder<R> {
    builder
        // Registered first, as the plugin requires: a second launch hands
        // over to the running window and exits (Linux: through the session
        // D-Bus; without one, both windows open).
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            use tauri::Manager;
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState {
            store: Mutex::new(store),
            lang: Mutex::new(Lang::Fr),
        })
        .invoke_handler(tauri::generate_handler![
            commands::set_lang,
            commands::get_taxonomy,
            commands::list_towns,
            commands::search_communes,
            commands::add_town,
            commands::load_demo,
            commands::list_projects,
            commands::count_projects,
            commands::get_project,
            commands::create_project,
            commands::update_project,
            commands::save_project_lines,
            commands::move_stage,
            commands::delete_project,
            commands::restore_project,
            commands::plan_summary,
            commands::list_rules,
            commands::suggest_actors,
            commands::suggest_solutions,
            commands::dashboard,
            commands::list_actors,
            commands::save_actor,
            commands::list_solutions,
            commands::list_funding_schemes,
            commands::app_info,
            commands::backup_now,
            commands::restore_backup,
            commands::export_file,
            commands::import_file,
            commands::brief_project,
            commands::brief_portfolio,
            commands::brief_council,
            commands::make_dossier,
            commands::project_steering,
            commands::town_indicators,
            commands::save_town_indicators,
            commands::indicator_templates,
            commands::programme,
            commands::programme_xlsx,
            commands::brief_committee,
            commands::export_communs,
            commands::export_tet,
            commands::import_tet,
            commands::import_aids,
            commands::list_aids,
            commands::suggest_aids,
            commands::update_catalogue,
            commands::export_catalogue,
        ])
}

/// Opens the desktop window on an open database; returns when it closes.
/// The context (configuration, embedded UI, icons, permissions) is
/// generated in the binary's crate, where tauri-build runs (`build.rs` at
/// the repository root), so that the Windows manifest and icon are linked
/// into the executable that ships.
pub fn run(store: Store, context: tauri::Context<tauri::Wry>) -> Result<(), String> {
    setup(tauri::Builder::default(), store)
        .run(context)
        .map_err(|e| e.to_string())
}
