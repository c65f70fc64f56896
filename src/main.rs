//! `bourgade-desktop`, the window. It links Tauri and WebKit; the command
//! line (`bourgade`, package `bourgade-cli`) does not, and starts this
//! binary when it is given no subcommand.
//!
//! Arguments: `--db FICHIER` (or `BOURGADE_DB`), else the user's default
//! database (`desk::location`). Anything else is ignored: the window has
//! its own settings.

// No console window behind the app on Windows (release builds; a debug
// build keeps its console for messages).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use bourgade_core::store::Store;
use bourgade_core::{Error, Lang};
use std::ffi::OsString;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("{}", e.message(Lang::Fr));
        std::process::exit(1);
    }
}

/// `--db FILE` or `--db=FILE` among the arguments.
fn db_argument(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = a.to_str().and_then(|s| s.strip_prefix("--db=")) {
            return Some(PathBuf::from(v));
        }
    }
    None
}

fn run() -> bourgade_core::Result<()> {
    let db = db_argument(std::env::args_os().skip(1))
        .or_else(|| {
            std::env::var_os("BOURGADE_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(bourgade_core::desk::location::default_db_path)
        .ok_or_else(|| Error::Incompatible {
            fr: "Aucun dossier de données utilisateur : indiquez --db FICHIER.".into(),
            en: "No user data folder: pass --db FILE.".into(),
        })?;
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|d| d.is_empty())
    {
        return Err(Error::Incompatible {
            fr: "Aucun affichage graphique : la fenêtre ne peut pas s'ouvrir ici. Utilisez la commande « bourgade » et ses sous-commandes (voir « bourgade --help »).".into(),
            en: "No graphical display: the window cannot open here. Use the \"bourgade\" command and its subcommands (see \"bourgade --help\").".into(),
        });
    }
    let mut store = Store::open(&db)?;
    bourgade_core::desk::ensure_reference(&mut store)?;
    // At most once a day; a failed backup does not keep the window closed.
    if let Err(e) = store.daily_backup(chrono::Utc::now()) {
        eprintln!(
            "Attention : la sauvegarde automatique du jour n'a pas pu être écrite ({}).",
            e.message(Lang::Fr)
        );
    }
    bourgade_shell::run(store, tauri::generate_context!()).map_err(|e| Error::Incompatible {
        fr: format!("La fenêtre n'a pas pu s'ouvrir : {e}"),
        en: format!("The window could not open: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::db_argument;
    use std::path::PathBuf;

    #[test]
    fn the_database_option_is_read_in_both_spellings() {
        let args = |a: &[&str]| {
            a.iter()
                .map(Into::into)
                .collect::<Vec<std::ffi::OsString>>()
        };
        assert_eq!(
            db_argument(args(&["--db", "a.sqlite"])),
            Some(PathBuf::from("a.sqlite"))
        );
        assert_eq!(
            db_argument(args(&["--db=b.sqlite"])),
            Some(PathBuf::from("b.sqlite"))
        );
        assert_eq!(db_argument(args(&["--other"])), None);
        assert_eq!(db_argument(args(&["--db"])), None);
    }
}
