//! Bourgade's desktop shell. It opens the window and adapts the core's
//! functions as Tauri commands; it holds no business rule (see
//! `docs/ARCHITECTURE.md`).

#[cfg(test)]
mod bindings;
mod commands;
mod error;

use bourgade_core::store::Store;
use bourgade_core::Lang;
use std::sync::Mutex;

/// What every command can reach: the open database and the UI language.
pub struct AppState {
    pub store: Mutex<Store>,
    pub lang: Mutex<Lang>,
}

/// Registers the commands and state on a builder (shared by `run` and tests).
pub fn setup<R: tauri::Runtime>(builder: tauri::Builder<R>, store: Store) -> tauri::Builder<R> {
    builder
        .manage(AppState {
            store: Mutex::new(store),
            lang: Mutex::new(Lang::Fr),
        })
        .invoke_handler(tauri::generate_handler![
            commands::list_towns,
            commands::list_projects,
            commands::get_taxonomy,
            commands::set_lang,
        ])
}

/// Opens the desktop window on an open database; returns when it closes.
pub fn run(store: Store) -> Result<(), String> {
    setup(tauri::Builder::default(), store)
        .run(tauri::generate_context!("../tauri.conf.json"))
        .map_err(|e| e.to_string())
}
