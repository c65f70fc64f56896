//! `bourgade` with no subcommand: the window is another binary,
//! `bourgade-desktop`, which links Tauri and WebKit so that this one does
//! not. It is looked for beside this binary (where the packages install
//! both), then on `PATH`, and started on the same database.

use bourgade_core::Error;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The desktop binary's name, without the system's executable suffix.
pub const DESKTOP: &str = "bourgade-desktop";

/// The desktop binary beside this one, or else on `PATH`.
pub fn find() -> Option<PathBuf> {
    let name = format!("{DESKTOP}{}", std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .filter(|p| p.is_file());
    beside.or_else(|| {
        std::env::split_paths(&std::env::var_os("PATH")?)
            .map(|dir| dir.join(&name))
            .find(|p| p.is_file())
    })
}

/// Starts the window on `db` and returns when it closes (on Unix this
/// process becomes the window's, so signals and the exit code are its).
pub fn open(db: &Path) -> bourgade_core::Result<()> {
    let Some(bin) = find() else {
        return Err(Error::Incompatible {
            fr: format!(
                "L'interface de bureau n'est pas installée ({DESKTOP} est introuvable à côté de \
                 bourgade et dans le PATH). Sous Linux, installez le paquet bourgade (.deb ou \
                 .rpm), qui contient les deux programmes ; sous Windows et macOS, installez \
                 l'application Bourgade ; ou construisez-la depuis les sources avec \
                 scripts/run.sh. Les sous-commandes fonctionnent sans elle : voir « bourgade --help »."
            ),
            en: format!(
                "The desktop interface is not installed ({DESKTOP} is neither beside bourgade \
                 nor on the PATH). On Linux, install the bourgade package (.deb or .rpm), which \
                 holds both programs; on Windows and macOS, install the Bourgade application; or \
                 build it from source with scripts/run.sh. Subcommands work without it: see \
                 \"bourgade --help\"."
            ),
        });
    };
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|d| d.is_empty())
    {
        return Err(Error::Incompatible {
            fr: "Aucun affichage graphique : la fenêtre ne peut pas s'ouvrir ici. Utilisez une sous-commande (voir « bourgade --help »).".into(),
            en: "No graphical display: the window cannot open here. Use a subcommand (see \"bourgade --help\").".into(),
        });
    }
    let mut command = Command::new(&bin);
    command.arg("--db").arg(db);
    let failed = |e: std::io::Error| Error::Incompatible {
        fr: format!("{} n'a pas pu démarrer : {e}", bin.display()),
        en: format!("{} could not start: {e}", bin.display()),
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        Err(failed(command.exec()))
    }
    #[cfg(not(unix))]
    {
        let status = command.status().map_err(failed)?;
        if status.success() {
            Ok(())
        } else {
            Err(Error::Incompatible {
                fr: format!("La fenêtre s'est fermée sur une erreur ({status})."),
                en: format!("The window closed on an error ({status})."),
            })
        }
    }
}
