//! Tauri commands: each one locks the store, calls one core function and
//! returns its result with errors in the user's language.

use crate::error::IpcError;
use crate::AppState;
use bourgade_core::model::{ProjectSummary, Taxonomy, Town};
use bourgade_core::store::{ProjectFilter, Store};
use bourgade_core::Lang;
use tauri::State;

fn lang(state: &AppState) -> Lang {
    state.lang.lock().map(|l| *l).unwrap_or_default()
}

/// Runs `f` on the store, mapping errors for the UI.
fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> bourgade_core::Result<T>,
) -> Result<T, IpcError> {
    let lang = lang(state);
    let mut store = state.store.lock().map_err(|_| IpcError::busy(lang))?;
    f(&mut store).map_err(|e| IpcError::from_core(e, lang))
}

#[tauri::command]
pub fn list_towns(state: State<'_, AppState>) -> Result<Vec<Town>, IpcError> {
    with_store(&state, |s| s.towns())
}

#[tauri::command]
pub fn list_projects(
    state: State<'_, AppState>,
    filter: ProjectFilter,
) -> Result<Vec<ProjectSummary>, IpcError> {
    with_store(&state, |s| s.projects(&filter))
}

#[tauri::command]
pub fn get_taxonomy() -> Taxonomy {
    bourgade_core::reference::taxonomy().clone()
}

#[tauri::command]
pub fn set_lang(state: State<'_, AppState>, lang: Lang) {
    if let Ok(mut l) = state.lang.lock() {
        *l = lang;
    }
}
