//! `bourgade brief …`: the printed notes for the municipal council (PDF) —
//! one project, a portfolio, a council pack (stored, reprintable) — and the
//! list of stored packs; `bourgade dossier …`: a project's grant
//! application dossier (PDF and DOCX). The documents are the core's
//! (`bourgade_core::brief`, `bourgade_core::kit`); this module parses,
//! writes files and prints.

use super::{bad_input, open_ready, output, write_atomically};
use bourgade_core::brief::{BriefOptions, CouncilRequest, GroupBy};
use bourgade_core::desk::briefs as brief;
use bourgade_core::desk::dossier::{self, DossierRequest};
use bourgade_core::model::parse_date;
use bourgade_core::{Error, Lang};
use std::path::{Path, PathBuf};

/// The area, flattened into the main command.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Notes pour le conseil municipal (PDF)
    #[command(subcommand)]
    Brief(BriefCommand),
    /// Dossier de demande de subvention d'un projet (PDF et Word)
    ///
    /// Écrit dans le dossier choisi le plan de financement prévisionnel (PDF,
    /// DOCX), le projet de délibération (DOCX, PDF), la fiche de demande
    /// (PDF) et la note de synthèse du projet (PDF).
    Dossier {
        /// Numéro du projet
        id: i64,
        /// Seulement la demande à ce dispositif (ex. DETR, DSIL)
        #[arg(long, value_name = "CODE")]
        scheme: Option<String>,
        /// Dossier où écrire les fichiers (créé s'il manque)
        #[arg(short = 'o', long = "output", value_name = "DOSSIER")]
        output: PathBuf,
        /// Remplace les fichiers déjà présents
        #[arg(long)]
        force: bool,
        /// Logo de la commune (PNG) pour l'en-tête
        #[arg(long, value_name = "FICHIER.png")]
        logo: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub enum BriefCommand {
    /// Note explicative de synthèse d'un projet
    Project {
        /// Numéro du projet
        id: i64,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
        /// Décision proposée (« Il est proposé au conseil municipal de … »)
        #[arg(long, value_name = "TEXTE")]
        decision: Option<String>,
        /// Logo de la commune (PNG) pour l'en-tête
        #[arg(long, value_name = "FICHIER.png")]
        logo: Option<PathBuf>,
    },
    /// Portefeuille des projets d'une commune (ou de toutes)
    Portfolio {
        /// Seulement cette commune (code INSEE)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        /// Regroupement : stage (étape) ou axis (axe ORT)
        #[arg(long, value_name = "stage|axis", default_value = "stage")]
        by: String,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
        /// Logo de la commune (PNG) pour l'en-tête
        #[arg(long, value_name = "FICHIER.png")]
        logo: Option<PathBuf>,
    },
    /// Dossier d'une séance du conseil : enregistré pour être réimprimé à l'identique
    Council {
        /// Date de la séance (AAAA-MM-JJ)
        #[arg(long, value_name = "AAAA-MM-JJ")]
        date: String,
        /// Projets à l'ordre du jour, dans l'ordre (ex. 9,12)
        #[arg(long, value_name = "N,N", value_delimiter = ',', required = true)]
        projects: Vec<i64>,
        /// La commune (par défaut : celle du premier projet)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
        /// Logo de la commune (PNG) pour l'en-tête
        #[arg(long, value_name = "FICHIER.png")]
        logo: Option<PathBuf>,
    },
    /// Réimprime un dossier de conseil enregistré, à l'identique
    Reprint {
        /// Numéro du dossier (voir « bourgade brief packs »)
        pack_id: i64,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
    },
    /// Liste les dossiers de conseil enregistrés
    Packs {
        /// Seulement cette commune (code INSEE)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// Runs one `brief` command.
pub fn run(c: Command, db: &Path, lang: Lang) -> bourgade_core::Result<()> {
    let now = chrono::Utc::now();
    let c = match c {
        Command::Brief(c) => c,
        Command::Dossier {
            id,
            scheme,
            output,
            force,
            logo,
        } => {
            let store = open_ready(db)?;
            let opts = options(lang, now, logo.as_deref())?;
            let req = DossierRequest {
                project_id: id,
                scheme,
                dir: output,
                force,
            };
            let files = dossier::write_dossier(&store, &req, &opts)?;
            for f in &files {
                println!("{}", f.path);
            }
            eprintln!(
                "{}",
                match lang {
                    Lang::Fr => format!(
                        "Dossier écrit : {} fichiers dans {}",
                        files.len(),
                        req.dir.display()
                    ),
                    Lang::En => format!(
                        "Dossier written: {} files in {}",
                        files.len(),
                        req.dir.display()
                    ),
                }
            );
            return Ok(());
        }
    };
    match c {
        BriefCommand::Project {
            id,
            output,
            decision,
            logo,
        } => {
            let store = open_ready(db)?;
            let opts = options(lang, now, logo.as_deref())?;
            let pdf = brief::project_brief(&store, id, decision.as_deref(), &opts)?;
            written(&output, &pdf, lang)?;
        }
        BriefCommand::Portfolio {
            town,
            by,
            output,
            logo,
        } => {
            let store = open_ready(db)?;
            let by = GroupBy::parse(&by)?;
            let opts = options(lang, now, logo.as_deref())?;
            let pdf = brief::portfolio_brief(&store, town.as_deref(), by, &opts)?;
            written(&output, &pdf, lang)?;
        }
        BriefCommand::Council {
            date,
            projects,
            town,
            output,
            logo,
        } => {
            let meeting_date = parse_date("date", "Date de la séance", "Meeting date", &date)
                .map_err(Error::invalid)?;
            let mut store = open_ready(db)?;
            let opts = options(lang, now, logo.as_deref())?;
            let req = CouncilRequest {
                town_insee: town,
                meeting_date,
                project_ids: projects,
                decisions: Default::default(),
            };
            let pack = brief::council_pack(&mut store, &req, &opts)?;
            written(&output, &pack.pdf, lang)?;
            eprintln!(
                "{}",
                match lang {
                    Lang::Fr => format!(
                        "Dossier n° {} enregistré : « bourgade brief reprint {} -o FICHIER.pdf » le réimprime à l'identique.",
                        pack.id, pack.id
                    ),
                    Lang::En => format!(
                        "Pack #{} stored: \"bourgade brief reprint {} -o FILE.pdf\" reprints it identically.",
                        pack.id, pack.id
                    ),
                }
            );
        }
        BriefCommand::Reprint { pack_id, output } => {
            let store = open_ready(db)?;
            let pdf = brief::reprint_council_pack(&store, pack_id)?;
            written(&output, &pdf, lang)?;
        }
        BriefCommand::Packs { town, json } => {
            let store = open_ready(db)?;
            let packs = brief::council_packs(&store, town.as_deref())?;
            if json {
                output::json(&packs);
            } else if packs.is_empty() {
                eprintln!(
                    "{}",
                    lang.pick(
                        "Aucun dossier de conseil enregistré.",
                        "No council pack stored."
                    )
                );
            } else {
                println!(
                    "{:>4}  {:<10}  {:<6}  {:<4}  {:>9}  {}",
                    lang.pick("N°", "No."),
                    lang.pick("Séance", "Meeting"),
                    "INSEE",
                    lang.pick("Lang", "Lang"),
                    lang.pick("Taille", "Size"),
                    lang.pick("Projets", "Projects"),
                );
                for p in &packs {
                    let ids: Vec<String> = p.project_ids.iter().map(i64::to_string).collect();
                    println!(
                        "{:>4}  {:<10}  {:<6}  {:<4}  {:>6} Ko  {}",
                        p.id,
                        p.meeting_date,
                        p.town_insee,
                        match p.lang {
                            Lang::Fr => "fr",
                            Lang::En => "en",
                        },
                        (p.pdf_size + 1023) / 1024,
                        ids.join(", ")
                    );
                }
            }
        }
    }
    Ok(())
}

fn options(
    lang: Lang,
    now: chrono::DateTime<chrono::Utc>,
    logo: Option<&Path>,
) -> bourgade_core::Result<BriefOptions> {
    let mut opts = BriefOptions::new(lang, now);
    if let Some(path) = logo {
        let is_png = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("png"));
        if !is_png {
            return Err(bad_input(
                format!("Logo : {} n'est pas un fichier .png", path.display()),
                format!("Logo: {} is not a .png file", path.display()),
            ));
        }
        opts.logo_png = Some(std::fs::read(path).map_err(|e| Error::io(path, e))?);
    }
    Ok(opts)
}

fn written(path: &Path, pdf: &[u8], lang: Lang) -> bourgade_core::Result<()> {
    write_atomically(path, pdf)?;
    eprintln!(
        "{}",
        match lang {
            Lang::Fr => format!(
                "PDF écrit : {} ({} Ko)",
                path.display(),
                pdf.len().div_ceil(1024)
            ),
            Lang::En => format!(
                "PDF written: {} ({} KB)",
                path.display(),
                pdf.len().div_ceil(1024)
            ),
        }
    );
    Ok(())
}
