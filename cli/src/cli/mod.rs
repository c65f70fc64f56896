//! Command line: parses arguments, calls the core, prints results. Messages
//! go to stderr in French (or English with `--lang en`); `--json` output
//! goes to stdout and is stable (docs/CLI.md). Exit codes: 0 ok, 2 bad input
//! or usage, 1 any other failure.

mod backup;
mod briefs;
mod catalogue;
mod interop;
mod matching;
mod output;
mod rules;
mod steering;

use bourgade_core::exchange::{self, Format};
use bourgade_core::model::Stage;
use bourgade_core::store::{ProjectFilter, Store};
use bourgade_core::{Error, Lang};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Exit code for success.
pub const OK: i32 = 0;
/// Exit code for another failure (disk, database).
pub const FAILURE: i32 = 1;
/// Exit code for bad input or usage.
pub const BAD_INPUT: i32 = 2;

#[derive(Parser)]
#[command(
    name = "bourgade",
    version = crate::VERSION,
    about = "Bourgade — suivi des projets de revitalisation d'une Petite ville de demain.\n\
             Sans sous-commande, ouvre la fenêtre de l'application.",
    disable_help_subcommand = true
)]
struct Cli {
    /// Fichier de base de données (par défaut : dans le dossier de données de l'utilisateur)
    #[arg(long, global = true, env = "BOURGADE_DB", value_name = "FICHIER")]
    db: Option<PathBuf>,
    /// Langue des messages : fr ou en
    #[arg(
        long,
        global = true,
        env = "BOURGADE_LANG",
        value_name = "LANGUE",
        default_value = "fr"
    )]
    lang: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Crée ou met à jour la base et charge les données de référence
    Init {
        /// Ajoute la commune de démonstration et ses projets
        #[arg(long)]
        demo: bool,
    },
    /// Communes suivies et recherche dans les communes de France
    #[command(subcommand)]
    Town(TownCommand),
    /// Projets
    #[command(subcommand)]
    Project(ProjectCommand),
    /// Exporte tous les projets (JSON complet ou CSV pour tableur), ou vers
    /// les plateformes nationales (communs, communs-v0.2, tet)
    Export {
        /// json ou csv (par défaut : d'après l'extension du fichier) ; communs
        /// (CSV du schéma v0.1.0 ou JSON de l'API selon l'extension),
        /// communs-v0.2 (brouillon, dossier), tet (classeur xlsx)
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// Fichier à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
        /// Seulement les projets de cette commune (formats communs et tet)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
    },
    // <subcommands>: areas in their own module add one flattened variant here.
    #[command(flatten)]
    Backup(backup::Command),
    #[command(flatten)]
    Briefs(briefs::Command),
    #[command(flatten)]
    Rules(rules::Command),
    #[command(flatten)]
    Matching(matching::Command),
    #[command(flatten)]
    Interop(interop::Command),
    #[command(flatten)]
    Steering(steering::Command),
    #[command(flatten)]
    Catalogue(catalogue::Command),
    /// Importe un fichier JSON ou CSV (ou un plan d'action de Territoires en
    /// Transitions avec --format tet) : tout ou rien
    Import {
        /// Fichier à lire
        file: PathBuf,
        /// Vérifie le fichier et dit ce qui serait fait, sans rien modifier
        #[arg(long)]
        dry_run: bool,
        /// json ou csv (par défaut : d'après l'extension du fichier), ou tet
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// Commune des projets d'un plan tet (par défaut : la seule commune suivie)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
    },
}

#[derive(Subcommand)]
enum TownCommand {
    /// Cherche une commune par nom, code postal ou code INSEE
    Search {
        /// Texte cherché (accents facultatifs)
        text: String,
        #[arg(long)]
        json: bool,
        /// Nombre maximal de résultats
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Suit une commune (par son code INSEE)
    Add { insee: String },
    /// Liste les communes suivies
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ProjectCommand {
    /// Liste les projets
    List {
        /// Seulement cette commune (code INSEE)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        /// Seulement cette étape (0 à 8)
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        stage: Option<i64>,
        /// Seulement les projets contenant ces mots
        #[arg(long, value_name = "TEXTE")]
        search: Option<String>,
        /// Au plus N projets (par numéro)
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// En sautant les N premiers (pages suivantes)
        #[arg(long, value_name = "N")]
        offset: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Affiche un projet et toutes ses lignes
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

/// The clap definitions, for the man page (`examples/mangen.rs`).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let Some(lang) = Lang::parse(&cli.lang) else {
        eprintln!("Langue inconnue « {} » : choisissez fr ou en.", cli.lang);
        return BAD_INPUT;
    };
    let db = match cli.db.clone().or_else(default_db_path) {
        Some(p) => p,
        None => {
            eprintln!(
                "{}",
                lang.pick(
                    "Aucun dossier de données utilisateur : indiquez --db FICHIER.",
                    "No user data folder: pass --db FILE."
                )
            );
            return BAD_INPUT;
        }
    };
    let result = match cli.command {
        None => open_window(&db),
        Some(command) => {
            restore_sigpipe();
            run(command, &db, lang)
        }
    };
    match result {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            if e.is_user_error() {
                BAD_INPUT
            } else {
                FAILURE
            }
        }
    }
}

/// In the user's data folder of each system (`desk::location`).
fn default_db_path() -> Option<PathBuf> {
    bourgade_core::desk::location::default_db_path()
}

pub(crate) fn open_ready(db: &Path) -> bourgade_core::Result<Store> {
    let mut store = Store::open(db)?;
    bourgade_core::desk::ensure_reference(&mut store)?;
    // At most once a day. A failed backup (full disk, read-only folder) must
    // not stop the work: it is said, and the command goes on.
    if let Err(e) = store.daily_backup(chrono::Utc::now()) {
        eprintln!(
            "Attention : la sauvegarde automatique du jour n'a pas pu être écrite ({}).",
            e.message(Lang::Fr)
        );
    }
    Ok(store)
}

/// A command-line tool piped into `head` should stop quietly when the reader
/// goes away, as Unix tools do, instead of failing on a write.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread is spawned; setting
    // the default action of a signal has no other precondition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// No subcommand: the window, which is the desktop binary's (`crate::desktop`).
fn open_window(db: &Path) -> bourgade_core::Result<()> {
    crate::desktop::open(db)
}

pub(crate) fn bad_input(fr: String, en: String) -> Error {
    Error::invalid(bourgade_core::error::Problem::new("", fr, en))
}

fn format_of(explicit: Option<&str>, path: &Path) -> bourgade_core::Result<Format> {
    match explicit.map(|s| s.trim().to_ascii_lowercase()) {
        Some(f) if f == "json" => Ok(Format::Json),
        Some(f) if f == "csv" => Ok(Format::Csv),
        Some(other) => Err(bad_input(
            format!("Format inconnu « {other} » : choisissez json ou csv."),
            format!("Unknown format \"{other}\": choose json or csv."),
        )),
        None => Format::from_path(path).ok_or_else(|| {
            bad_input(
                format!(
                    "Format du fichier {} inconnu : ajoutez --format json ou --format csv.",
                    path.display()
                ),
                format!(
                    "Cannot tell the format of {}: add --format json or --format csv.",
                    path.display()
                ),
            )
        }),
    }
}

fn run(command: Command, db: &Path, lang: Lang) -> bourgade_core::Result<()> {
    let now = chrono::Utc::now();
    match command {
        Command::Init { demo } => {
            let mut store = open_ready(db)?;
            let status = store.catalogue_status()?;
            output::init_done(&store, &status, lang);
            if demo {
                let report = exchange::load_demo(&mut store, now)?;
                output::demo_loaded(&report, lang);
            }
        }
        Command::Town(TownCommand::Search { text, json, limit }) => {
            let store = open_ready(db)?;
            let found = store.search_communes(&text, limit)?;
            if json {
                output::json(&found);
            } else {
                output::communes(&found, lang);
            }
        }
        Command::Town(TownCommand::Add { insee }) => {
            let mut store = open_ready(db)?;
            let town = store.add_town(&insee, now)?;
            output::town_added(&town, lang);
        }
        Command::Town(TownCommand::List { json }) => {
            let store = open_ready(db)?;
            let towns = store.towns()?;
            if json {
                output::json(&towns);
            } else {
                output::towns(&towns, lang);
            }
        }
        Command::Project(ProjectCommand::List {
            town,
            stage,
            search,
            limit,
            offset,
            json,
        }) => {
            let store = open_ready(db)?;
            let stage = stage.map(Stage::new).transpose().map_err(Error::invalid)?;
            if let Some(t) = &town {
                store.followed_town(t)?;
            }
            let projects = store.projects(&ProjectFilter {
                town_insee: town,
                stage,
                search,
                limit,
                offset,
            })?;
            if json {
                output::json(&projects);
            } else {
                output::projects(&projects, lang);
            }
        }
        Command::Project(ProjectCommand::Show { id, json }) => {
            let store = open_ready(db)?;
            let detail = store.project_detail(id)?;
            if json {
                output::json(&detail);
            } else {
                output::project(&store, &detail, lang)?;
            }
        }
        Command::Export {
            format,
            output: path,
            town,
        } => {
            if let Some(done) = interop::export(format.as_deref(), &path, town.as_deref(), db, lang)
            {
                return done;
            }
            let store = open_ready(db)?;
            let format = format_of(format.as_deref(), &path)?;
            let n = exchange::export_to_file(&store, format, &path, now)?;
            output::exported(&path, n, lang);
        }
        // <dispatch>: one arm per flattened area, calling its module's `run`.
        Command::Backup(c) => backup::run(c, db, lang)?,
        Command::Briefs(c) => briefs::run(c, db, lang)?,
        Command::Rules(c) => rules::run(c, db, lang)?,
        Command::Matching(c) => matching::run(c, db, lang)?,
        Command::Interop(c) => interop::run(c, db, lang)?,
        Command::Steering(c) => steering::run(c, db, lang)?,
        Command::Catalogue(c) => catalogue::run(c, db, lang)?,
        Command::Import {
            file,
            dry_run,
            format,
            town,
        } => {
            if let Some(done) =
                interop::import(format.as_deref(), &file, town.as_deref(), dry_run, db, lang)
            {
                return done;
            }
            let format = format
                .as_deref()
                .map(|f| format_of(Some(f), &file))
                .transpose()?;
            let mut store = open_ready(db)?;
            let report = exchange::import_file(&mut store, &file, format, dry_run, now)?;
            output::imported(&report, lang);
        }
    }
    Ok(())
}

/// Writes a file atomically (shared with the core's exports).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> bourgade_core::Result<()> {
    exchange::write_atomically(path, bytes)
}

/// Clap's usage errors, told in French.
fn usage_error(e: clap::Error) -> i32 {
    use clap::error::{ContextKind, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return OK;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // `bourgade town` alone: show what is possible, but it is a usage error.
        eprintln!("{}", e.render());
        return BAD_INPUT;
    }
    let ctx = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("option inconnue : {}", ctx(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => format!(
            "sous-commande inconnue : {}",
            ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("il manque : {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => "il manque la sous-commande".to_owned(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!(
                "valeur « {} » invalide pour {}",
                ctx(ContextKind::InvalidValue),
                ctx(ContextKind::InvalidArg)
            )
        }
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!(
                "arguments incompatibles ou en trop : {}",
                ctx(ContextKind::InvalidArg)
            )
        }
        _ => e.kind().to_string(),
    };
    eprintln!("Erreur d'utilisation : {what}.\nVoir « bourgade --help » ou « bourgade <commande> --help ».");
    BAD_INPUT
}
