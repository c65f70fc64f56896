//! The national platforms' formats: `export --format communs|communs-v0.2|tet`,
//! `import --format tet`, and `bourgade aids import|list|suggest`
//! (Aides-territoires). The formats are the core's
//! (`bourgade_core::exchange::{communs, aides, tet}`); this module parses and
//! prints.

use super::{bad_input, open_ready, output};
use bourgade_core::desk;
use bourgade_core::exchange::aides::{AidsImportReport, AidsOptions};
use bourgade_core::exchange::communs::{self, CommunsFormat};
use bourgade_core::exchange::tet;
use bourgade_core::matching::aids::AidSuggestion;
use bourgade_core::model::PerimeterScale;
use bourgade_core::text::date_in;
use bourgade_core::Lang;
use std::path::Path;

/// The aids area, flattened into the main command.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Aides d'Aides-territoires : import, liste, aides ouvertes pour un projet
    #[command(subcommand)]
    Aids(AidsCommand),
}

#[derive(clap::Subcommand)]
pub enum AidsCommand {
    /// Importe un fichier d'aides (JSON d'Aides-territoires, ou son modèle
    /// d'import CSV ou XLSX) : tout ou rien
    Import {
        /// Fichier à lire
        file: std::path::PathBuf,
        /// Vérifie le fichier et dit ce qui serait fait, sans rien modifier
        #[arg(long)]
        dry_run: bool,
        /// Périmètre des aides du fichier qui n'en donnent pas de reconnaissable :
        /// france, region:CODE, departement:CODE, epci:SIREN, commune:INSEE
        #[arg(long, value_name = "PERIMETRE")]
        perimeter: Option<String>,
    },
    /// Liste les aides importées (les aides closes sont signalées)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Aides ouvertes pour ce projet : périmètre, étape et thèmes, avec leurs raisons
    Suggest {
        /// Numéro du projet
        project_id: i64,
        #[arg(long)]
        json: bool,
    },
}

/// Runs one aids command.
pub fn run(c: Command, db: &Path, lang: Lang) -> bourgade_core::Result<()> {
    let today = bourgade_core::day::today();
    match c {
        Command::Aids(AidsCommand::Import {
            file,
            dry_run,
            perimeter,
        }) => {
            let mut store = open_ready(db)?;
            let opts = AidsOptions { dry_run, perimeter };
            let report =
                desk::aids::import_aids(&mut store, &file, &opts, today, chrono::Utc::now())?;
            print_import(&report, lang);
        }
        Command::Aids(AidsCommand::List { json }) => {
            let store = open_ready(db)?;
            let aids = desk::aids::list_aids(&store)?;
            if json {
                output::json(&aids);
            } else {
                if aids.is_empty() {
                    eprintln!(
                        "{}",
                        lang.pick(
                            "Aucune aide importée : « bourgade aids import FICHIER ».",
                            "No aid imported: \"bourgade aids import FILE\"."
                        )
                    );
                }
                for s in &aids {
                    let a = &s.aid;
                    let status = if a.is_closed(today) {
                        lang.pick(" [close]", " [closed]")
                    } else {
                        ""
                    };
                    let deadline = a
                        .submission_deadline
                        .map(|d| {
                            format!(" — {} {}", lang.pick("clôture", "closes"), date_in(d, lang))
                        })
                        .unwrap_or_default();
                    let place = if a.perimeter.scale == PerimeterScale::Unknown {
                        lang.pick("périmètre inconnu", "unknown perimeter")
                            .to_owned()
                    } else {
                        a.perimeter.label.clone()
                    };
                    println!("{:>4}  {}{status} ({place}){deadline}", s.id, a.name);
                }
            }
        }
        Command::Aids(AidsCommand::Suggest { project_id, json }) => {
            let store = open_ready(db)?;
            let found = desk::aids::suggest_aids(&store, project_id, today)?;
            if json {
                output::json(&found);
            } else {
                let p = store.project(project_id)?;
                let number = lang.pick("n°\u{a0}", "#");
                println!(
                    "{} {number}{} — {}\n",
                    lang.pick("Aides ouvertes pour le projet", "Open aids for project"),
                    p.id,
                    p.fields.title
                );
                print_suggestions(&found, lang);
            }
        }
    }
    Ok(())
}

fn print_import(r: &AidsImportReport, lang: Lang) {
    let notes = match lang {
        Lang::Fr => &r.notes_fr,
        Lang::En => &r.notes_en,
    };
    for note in notes {
        eprintln!("{note}");
    }
    match (lang, r.dry_run) {
        (Lang::Fr, true) => eprintln!(
            "Vérification réussie, rien n'a été modifié : {} aide(s) lue(s) ; l'import en créerait {} et en mettrait à jour {}.",
            r.read, r.created, r.updated
        ),
        (Lang::Fr, false) => eprintln!(
            "Import réussi : {} aide(s) lue(s), {} créée(s), {} mise(s) à jour.",
            r.read, r.created, r.updated
        ),
        (Lang::En, true) => eprintln!(
            "Check passed, nothing changed: {} aid(s) read; the import would create {} and update {}.",
            r.read, r.created, r.updated
        ),
        (Lang::En, false) => eprintln!(
            "Import done: {} aid(s) read, {} created, {} updated.",
            r.read, r.created, r.updated
        ),
    }
}

fn print_suggestions(found: &[AidSuggestion], lang: Lang) {
    if found.is_empty() {
        eprintln!(
            "{}",
            lang.pick(
                "Aucune aide ouverte ne correspond à ce projet (périmètre, étape, thèmes).",
                "No open aid fits this project (perimeter, stage, themes)."
            )
        );
    }
    for (i, s) in found.iter().enumerate() {
        println!("{:>2}. {} — {} pts", i + 1, s.name, s.score);
        let reasons: Vec<&str> = s.reasons.iter().map(|r| lang.pick(&r.fr, &r.en)).collect();
        println!("    {}", reasons.join(" · "));
        let facts = lang.pick(&s.facts_fr, &s.facts_en);
        if !facts.is_empty() {
            println!("    {facts}");
        }
        if !s.link.is_empty() {
            println!("    {}", s.link);
        }
    }
}

/// The national platforms' export formats.
enum PlatformExport {
    Communs(CommunsFormat),
    Tet,
}

fn platform_export(format: Option<&str>, path: &Path) -> Option<PlatformExport> {
    match format.map(|f| f.trim().to_ascii_lowercase()).as_deref() {
        Some("communs") => Some(PlatformExport::Communs(
            communs::format_from_path(path).unwrap_or(CommunsFormat::Csv),
        )),
        Some("communs-csv") => Some(PlatformExport::Communs(CommunsFormat::Csv)),
        Some("communs-json") => Some(PlatformExport::Communs(CommunsFormat::Json)),
        Some("communs-v0.2" | "communs-v02") => {
            Some(PlatformExport::Communs(CommunsFormat::DraftV02))
        }
        Some("tet") => Some(PlatformExport::Tet),
        _ => None,
    }
}

/// `bourgade export --format communs|communs-v0.2|tet`: `None` when the
/// format is not one of the platforms' (the caller handles json and csv).
pub fn export(
    format: Option<&str>,
    path: &Path,
    town: Option<&str>,
    db: &Path,
    lang: Lang,
) -> Option<bourgade_core::Result<()>> {
    let which = platform_export(format, path);
    if which.is_none() && town.is_some() {
        return Some(Err(bad_input(
            "--town ne s'applique qu'aux formats communs, communs-v0.2 et tet.".into(),
            "--town applies only to the communs, communs-v0.2 and tet formats.".into(),
        )));
    }
    let which = which?;
    Some((|| {
        let store = open_ready(db)?;
        let n = match which {
            PlatformExport::Communs(f) => communs::export(&store, f, town, path)?,
            PlatformExport::Tet => tet::export(&store, town, path)?,
        };
        output::exported(path, n, lang);
        if matches!(which, PlatformExport::Communs(CommunsFormat::DraftV02)) {
            eprintln!(
                "{}",
                lang.pick(
                    "Attention : le schéma v0.2.0 est un brouillon, pas encore publié ; ce format est expérimental.",
                    "Warning: schema v0.2.0 is an unpublished draft; this format is experimental."
                )
            );
        }
        Ok(())
    })())
}

/// `bourgade import FILE --format tet [--town INSEE]`: `None` when the
/// format is not TeT's.
pub fn import(
    format: Option<&str>,
    file: &Path,
    town: Option<&str>,
    dry_run: bool,
    db: &Path,
    lang: Lang,
) -> Option<bourgade_core::Result<()>> {
    let is_tet = format.is_some_and(|f| f.trim().eq_ignore_ascii_case("tet"));
    if !is_tet {
        if town.is_some() {
            return Some(Err(bad_input(
                "--town ne s'applique qu'au format tet.".into(),
                "--town applies only to the tet format.".into(),
            )));
        }
        return None;
    }
    Some((|| {
        let mut store = open_ready(db)?;
        let report = tet::import_file(&mut store, file, town, dry_run, chrono::Utc::now())?;
        output::imported(&report, lang);
        Ok(())
    })())
}
