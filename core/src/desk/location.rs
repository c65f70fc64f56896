//! Where the user's database lives when no `--db` (or `BOURGADE_DB`) is
//! given, the same for the window and the command line:
//! - Linux: the XDG data folder, `$XDG_DATA_HOME` or `~/.local/share`;
//! - Windows: the *local* application-data folder (`%LOCALAPPDATA%`), not
//!   the roaming one: a SQLite file must not travel with a roaming profile
//!   (copied at log-off, half-written over a slow network). Its own folder,
//!   `bourgade-donnees`: the per-user installer puts the program in
//!   `%LOCALAPPDATA%\Bourgade`, and Windows names ignore case;
//! - macOS: `~/Library/Application Support`.
//!
//! Each joined with `bourgade/bourgade.sqlite` as path components, never
//! with a `/` in a string.

use std::path::PathBuf;

/// The folder of Bourgade's data under the system's per-user data folder.
pub fn data_folder() -> Option<PathBuf> {
    #[cfg(windows)]
    let folder = dirs::data_local_dir()?.join("bourgade-donnees");
    #[cfg(not(windows))]
    let folder = dirs::data_dir()?.join("bourgade");
    Some(folder)
}

/// The default database file: `bourgade.sqlite` in [`data_folder`].
pub fn default_db_path() -> Option<PathBuf> {
    Some(data_folder()?.join("bourgade.sqlite"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_database_is_in_the_user_s_data_folder() {
        let Some(path) = default_db_path() else {
            return; // no home folder at all: the adapters ask for --db
        };
        #[cfg(not(windows))]
        assert!(path.ends_with(std::path::Path::new("bourgade").join("bourgade.sqlite")));
        #[cfg(windows)]
        assert!(path.ends_with(std::path::Path::new("bourgade-donnees").join("bourgade.sqlite")));
        #[cfg(target_os = "linux")]
        assert_eq!(path.parent().unwrap().parent(), dirs::data_dir().as_deref());
        #[cfg(windows)]
        assert_eq!(
            path.parent().unwrap().parent(),
            dirs::data_local_dir().as_deref(),
            "Windows keeps the file in the local, not the roaming, folder"
        );
        #[cfg(target_os = "macos")]
        assert!(path.to_string_lossy().contains("Application Support"));
    }
}
