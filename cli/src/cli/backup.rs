//! `bourgade backup -o FICHIER` and `bourgade restore FICHIER [--yes]`: a
//! complete copy of the database (the file to hand to a successor), and
//! putting such a copy back. A restore checks the file before touching
//! anything and keeps a copy of the current data; the core does both
//! (`bourgade_core::store::backup`), this module parses and prints.

use super::{bad_input, open_ready};
use bourgade_core::store::backup::{self, BackupInfo};
use bourgade_core::store::ProjectFilter;
use bourgade_core::Lang;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The area, flattened into the main command.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Écrit une copie complète de la base (le fichier à remettre à un successeur)
    Backup {
        /// Fichier de sauvegarde à écrire (remplacé s'il existe)
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
    },
    /// Remplace les données par celles d'une sauvegarde, après l'avoir vérifiée
    Restore {
        /// Sauvegarde à restaurer
        file: PathBuf,
        /// Ne demande pas de confirmation
        #[arg(long)]
        yes: bool,
    },
}

/// Runs `backup` or `restore`.
pub fn run(c: Command, db: &Path, lang: Lang) -> bourgade_core::Result<()> {
    match c {
        Command::Backup { output } => {
            let store = open_ready(db)?;
            let written = store.backup_to(&output)?;
            let info = backup::inspect(&written)?;
            eprintln!(
                "{}",
                match lang {
                    Lang::Fr => format!(
                        "Sauvegarde écrite : {} — {}.\nC'est le fichier à remettre à un successeur : « bourgade restore {} » le remet en place.",
                        written.display(),
                        holds(&info, lang),
                        written.display()
                    ),
                    Lang::En => format!(
                        "Backup written: {} — {}.\nThis is the file to hand to a successor: \"bourgade restore {}\" puts it back.",
                        written.display(),
                        holds(&info, lang),
                        written.display()
                    ),
                }
            );
        }
        Command::Restore { file, yes } => {
            // The file is checked before the database is even opened: a
            // broken file is a mistake of the user's (exit 2), and nothing
            // is touched.
            let info = backup::inspect(&file)
                .map_err(|e| bad_input(e.message(Lang::Fr), e.message(Lang::En)))?;
            println!(
                "{}",
                match lang {
                    Lang::Fr => format!("{} contient : {}.", file.display(), holds(&info, lang)),
                    Lang::En => format!("{} holds: {}.", file.display(), holds(&info, lang)),
                }
            );
            let mut store = open_ready(db)?;
            let current = store.projects(&ProjectFilter::default())?.len();
            let towns = store.towns()?.len();
            if !yes && !confirmed(current, towns, lang)? {
                eprintln!(
                    "{}",
                    lang.pick(
                        "Restauration annulée : rien n'a été modifié.",
                        "Restore cancelled: nothing was changed."
                    )
                );
                return Ok(());
            }
            let safety =
                bourgade_core::desk::restore_backup(&mut store, &file, chrono::Utc::now())?;
            let now_holds = BackupInfo {
                schema_version: store.schema_version()?,
                projects: store.projects(&ProjectFilter::default())?.len() as i64,
                towns: store.towns()?.len() as i64,
            };
            eprintln!(
                "{}",
                match lang {
                    Lang::Fr => format!("Restauration réussie : {}.", holds(&now_holds, lang)),
                    Lang::En => format!("Restore done: {}.", holds(&now_holds, lang)),
                }
            );
            if let Some(safety) = safety {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Fr => format!(
                            "Les données d'avant la restauration sont gardées dans {}.",
                            safety.display()
                        ),
                        Lang::En => format!(
                            "The data as it was before the restore is kept in {}.",
                            safety.display()
                        ),
                    }
                );
            }
        }
    }
    Ok(())
}

/// "12 projets, 2 communes suivies, schéma 3".
fn holds(info: &BackupInfo, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "{} projet(s), {} commune(s) suivie(s), schéma {} (cette version écrit le schéma {})",
            info.projects,
            info.towns,
            info.schema_version,
            bourgade_core::store::migrate::LATEST
        ),
        Lang::En => format!(
            "{} project(s), {} followed town(s), schema {} (this version writes schema {})",
            info.projects,
            info.towns,
            info.schema_version,
            bourgade_core::store::migrate::LATEST
        ),
    }
}

/// Asks on the terminal; without one, a restore needs `--yes`.
fn confirmed(projects: usize, towns: usize, lang: Lang) -> bourgade_core::Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(bad_input(
            format!(
                "La restauration remplacerait les données actuelles ({projects} projet(s), {towns} commune(s) suivie(s)) : \
                 ajoutez --yes pour confirmer."
            ),
            format!(
                "The restore would replace the current data ({projects} project(s), {towns} followed town(s)): \
                 add --yes to confirm."
            ),
        ));
    }
    eprint!(
        "{}",
        match lang {
            Lang::Fr => format!(
                "Remplacer les données actuelles ({projects} projet(s), {towns} commune(s) suivie(s)) ? \
                 Une copie en sera gardée. [o/N] "
            ),
            Lang::En => format!(
                "Replace the current data ({projects} project(s), {towns} followed town(s))? \
                 A copy will be kept. [y/N] "
            ),
        }
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| bourgade_core::Error::io("stdin", e))?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "o" | "oui" | "y" | "yes"
    ))
}
