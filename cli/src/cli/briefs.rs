//! `bourgade brief …`: the printed notes for the municipal council (PDF) —
//! one project, a portfolio, a council pack (stored, reprintable) — and the
//! list of stored packs; the comité de projet pack and the annual review
//! (PDF, XLSX dashboard, stored, reprintable); `bourgade dossier …`: a project's grant
//! application dossier (PDF and DOCX). The documents are the core's
//! (`bourgade_core::brief`, `bourgade_core::kit`); this module parses,
//! writes files and prints.

use super::{bad_input, open_ready, output, write_atomically};
use bourgade_core::brief::{BriefOptions, CouncilRequest, GroupBy};
use bourgade_core::desk::briefs as brief;
use bourgade_core::desk::dossier::{self, DossierRequest};
use bourgade_core::desk::steering::{self, CommitteeRequest, ReviewRequest};
use bourgade_core::model::parse_date;
use bourgade_core::store::SteeringPackKind;
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
    /// Dossier du comité de projet : avancement, indicateurs, financements, caducité, décisions
    ///
    /// Enregistré tel qu'imprimé pour être réimprimé à l'identique
    /// (« brief committee-reprint »). Le premier comité enregistré d'une
    /// commune sert de plan initial de la convention aux suivants.
    Committee {
        /// La commune (par défaut : la seule commune suivie)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        /// Début de la période couverte : la date du précédent comité (AAAA-MM-JJ)
        #[arg(long, value_name = "AAAA-MM-JJ")]
        since: String,
        /// Date de la séance (AAAA-MM-JJ ; par défaut : aujourd'hui)
        #[arg(long, value_name = "AAAA-MM-JJ")]
        date: Option<String>,
        /// Date du prochain comité (par défaut : trois mois après la séance)
        #[arg(long, value_name = "AAAA-MM-JJ")]
        next: Option<String>,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
        output: PathBuf,
        /// Écrit aussi le tableau de bord XLSX (une feuille par partie)
        #[arg(short = 'x', long = "xlsx", value_name = "FICHIER.xlsx")]
        xlsx: Option<PathBuf>,
        /// Logo de la commune (PNG) pour l'en-tête
        #[arg(long, value_name = "FICHIER.png")]
        logo: Option<PathBuf>,
    },
    /// Bilan annuel de la convention : les mêmes parties sur une année civile, comparée à la précédente
    Review {
        /// L'année (AAAA), passée ou en cours
        #[arg(long, value_name = "AAAA")]
        year: i32,
        /// La commune (par défaut : la seule commune suivie)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
        output: PathBuf,
        /// Écrit aussi le tableau de bord XLSX (une feuille par partie)
        #[arg(short = 'x', long = "xlsx", value_name = "FICHIER.xlsx")]
        xlsx: Option<PathBuf>,
        /// Logo de la commune (PNG) pour l'en-tête
        #[arg(long, value_name = "FICHIER.png")]
        logo: Option<PathBuf>,
    },
    /// Réimprime un dossier de comité de projet ou un bilan annuel enregistré, à l'identique
    CommitteeReprint {
        /// Numéro du dossier (voir « bourgade brief committee-packs »)
        pack_id: i64,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
        output: PathBuf,
    },
    /// Liste les dossiers de comité de projet et bilans annuels enregistrés
    CommitteePacks {
        /// Seulement cette commune (code INSEE)
        #[arg(long, value_name = "INSEE")]
        town: Option<String>,
        #[arg(long)]
        json: bool,
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
        BriefCommand::Committee {
            town,
            since,
            date,
            next,
            output,
            xlsx,
            logo,
        } => {
            let since = parse_date(
                "since",
                "Début de la période (--since)",
                "Period start (--since)",
                &since,
            )
            .map_err(Error::invalid)?;
            let meeting_date = date
                .map(|d| {
                    parse_date(
                        "date",
                        "Date de la séance (--date)",
                        "Meeting date (--date)",
                        &d,
                    )
                })
                .transpose()
                .map_err(Error::invalid)?;
            let next = next
                .map(|d| {
                    parse_date(
                        "next",
                        "Prochain comité (--next)",
                        "Next committee (--next)",
                        &d,
                    )
                })
                .transpose()
                .map_err(Error::invalid)?;
            writable(&output, lang)?;
            if let Some(x) = &xlsx {
                writable(x, lang)?;
            }
            let mut store = open_ready(db)?;
            let opts = options(lang, now, logo.as_deref())?;
            let req = CommitteeRequest {
                town_insee: town,
                since,
                meeting_date,
                next,
            };
            let pack = steering::committee_pack(&mut store, &req, &opts)?;
            pack_written(&pack, &output, xlsx.as_deref(), &opts)?;
        }
        BriefCommand::Review {
            year,
            town,
            output,
            xlsx,
            logo,
        } => {
            writable(&output, lang)?;
            if let Some(x) = &xlsx {
                writable(x, lang)?;
            }
            let mut store = open_ready(db)?;
            let opts = options(lang, now, logo.as_deref())?;
            let req = ReviewRequest {
                town_insee: town,
                year,
            };
            let pack = steering::annual_review(&mut store, &req, &opts)?;
            pack_written(&pack, &output, xlsx.as_deref(), &opts)?;
        }
        BriefCommand::CommitteeReprint { pack_id, output } => {
            writable(&output, lang)?;
            let store = open_ready(db)?;
            let pdf = steering::reprint_steering_pack(&store, pack_id)?;
            written(&output, &pdf, lang)?;
        }
        BriefCommand::CommitteePacks { town, json } => {
            let store = open_ready(db)?;
            let packs = steering::steering_packs(&store, town.as_deref())?;
            if json {
                output::json(&packs);
            } else if packs.is_empty() {
                eprintln!(
                    "{}",
                    lang.pick(
                        "Aucun dossier de comité de projet enregistré.",
                        "No steering committee pack stored."
                    )
                );
            } else {
                println!(
                    "{:>4}  {:<16}  {:<10}  {:<10}  {:<6}  {:<4}  {:>9}",
                    lang.pick("N°", "No."),
                    lang.pick("Type", "Kind"),
                    lang.pick("Du", "From"),
                    lang.pick("Au", "To"),
                    "INSEE",
                    lang.pick("Lang", "Lang"),
                    lang.pick("Taille", "Size"),
                );
                for p in &packs {
                    let kind = match p.kind {
                        SteeringPackKind::Committee => lang.pick("comité de projet", "committee"),
                        SteeringPackKind::AnnualReview => {
                            lang.pick("bilan annuel", "annual review")
                        }
                    };
                    println!(
                        "{:>4}  {:<16}  {:<10}  {:<10}  {:<6}  {:<4}  {:>6} {}",
                        p.id,
                        kind,
                        p.since,
                        p.meeting_date,
                        p.town_insee,
                        match p.lang {
                            Lang::Fr => "fr",
                            Lang::En => "en",
                        },
                        (p.pdf_size + 1023) / 1024,
                        lang.pick("Ko", "KB"),
                    );
                }
            }
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

/// Refuses, before anything is made or stored, an output file that cannot
/// be written (a missing folder, a folder without the right to write).
fn writable(path: &Path, lang: Lang) -> bourgade_core::Result<()> {
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let probe = dir.join(format!(".{name}.essai"));
    let result = if path.is_dir() || name.is_empty() {
        Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            lang.pick("c'est un dossier", "it is a folder"),
        ))
    } else {
        std::fs::File::create(&probe).map(|_| ())
    };
    let _ = std::fs::remove_file(&probe);
    result.map_err(|e| {
        bad_input(
            format!(
                "Impossible d'écrire le fichier {} : {}. Choisissez un autre emplacement.",
                path.display(),
                bourgade_core::error::io_fr(&e)
            ),
            format!(
                "Cannot write the file {}: {e}. Choose another place.",
                path.display()
            ),
        )
    })
}

/// Writes a steering pack's PDF (and its XLSX dashboard), then says how
/// to reprint it.
fn pack_written(
    pack: &steering::StoredPack,
    pdf_path: &Path,
    xlsx_path: Option<&Path>,
    opts: &BriefOptions,
) -> bourgade_core::Result<()> {
    let lang = opts.lang;
    written(pdf_path, &pack.pdf, lang)?;
    if let Some(x) = xlsx_path {
        let bytes = steering::pack_xlsx(pack, opts)?;
        write_atomically(x, &bytes)?;
        eprintln!(
            "{}",
            match lang {
                Lang::Fr => format!("Tableau de bord écrit : {}", x.display()),
                Lang::En => format!("Dashboard written: {}", x.display()),
            }
        );
    }
    eprintln!(
        "{}",
        match lang {
            Lang::Fr => format!(
                "Dossier n° {} enregistré : « bourgade brief committee-reprint {} -o FICHIER.pdf » le réimprime à l'identique.",
                pack.id, pack.id
            ),
            Lang::En => format!(
                "Pack #{} stored: \"bourgade brief committee-reprint {} -o FILE.pdf\" reprints it identically.",
                pack.id, pack.id
            ),
        }
    );
    Ok(())
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
