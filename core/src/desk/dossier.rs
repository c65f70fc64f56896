//! The grant application dossier: gathers a project's kit from the store
//! ([`crate::kit`]) and writes its documents into a folder, as PDF and as
//! editable Word files, with the project's note de synthèse.
//!
//! Nothing is overwritten without `force`, every file is written beside its
//! name first and renamed once all are ready, and bad input (an unknown
//! project, a scheme with no line in the plan, a folder that cannot be
//! written) is refused with a French message before anything is written.

use crate::brief::BriefOptions;
use crate::document::{to_docx, to_pdf};
use crate::error::{Error, Problem, Result};
use crate::kit::{application_form, plan, resolution, Kit};
use crate::store::Store;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The files of a dossier, in the order they are written.
pub const FILES: [&str; 6] = [
    "plan-de-financement.pdf",
    "plan-de-financement.docx",
    "projet-de-deliberation.docx",
    "projet-de-deliberation.pdf",
    "fiche-demande.pdf",
    "note-de-synthese.pdf",
];

/// What to write, and where.
#[derive(Debug, Clone)]
pub struct DossierRequest {
    pub project_id: i64,
    /// The scheme of the application (`DETR`, `DSIL`…): the resolution and
    /// the form speak of its lines only.
    pub scheme: Option<String>,
    pub dir: PathBuf,
    /// Replace files already in the folder.
    pub force: bool,
}

/// One written file.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct DossierFile {
    pub name: String,
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Gathers the kit of project `id` from the store; `scheme` must have a
/// line in the plan.
pub fn gather_kit(
    store: &Store,
    id: i64,
    scheme: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<Kit> {
    let detail = store.project_detail(id)?;
    let schemes = store.funding_schemes()?;
    let summary = crate::rules::summarize(&detail, &schemes, &store.scheme_calls()?, today);
    let commune = store
        .commune(&detail.project.fields.town_insee)?
        .ok_or_else(|| Error::NotFound {
            what_fr: "Commune",
            what_en: "Town",
            key: detail.project.fields.town_insee.clone(),
        })?;
    let scheme = match scheme.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(code) => {
            let line = detail.lines.funding_lines.iter().find_map(|l| {
                l.scheme
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| s.eq_ignore_ascii_case(code))
            });
            match line {
                Some(s) => Some(s.to_owned()),
                None => {
                    let in_plan: Vec<&str> = detail
                        .lines
                        .funding_lines
                        .iter()
                        .filter_map(|l| l.scheme.as_deref())
                        .collect();
                    return Err(Error::invalid(Problem::new(
                        "scheme",
                        format!(
                            "Dispositif : le plan de financement du projet n° {id} n'a pas de ligne « {code} » (dispositifs du plan : {})",
                            if in_plan.is_empty() { "aucun".to_owned() } else { in_plan.join(", ") }
                        ),
                        format!(
                            "Scheme: the funding plan of project {id} has no \"{code}\" line (schemes in the plan: {})",
                            if in_plan.is_empty() { "none".to_owned() } else { in_plan.join(", ") }
                        ),
                    )));
                }
            }
        }
    };
    let scheme_names = schemes
        .iter()
        .map(|s| (s.code.clone(), (s.name_fr.clone(), s.name_en.clone())))
        .collect();
    Ok(Kit {
        detail,
        summary,
        commune,
        scheme_names,
        scheme,
    })
}

/// The dossier's files in memory: (name, bytes), in [`FILES`] order.
pub fn render_dossier(
    store: &Store,
    id: i64,
    scheme: Option<&str>,
    opts: &BriefOptions,
) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let kit = gather_kit(store, id, scheme, opts.today)?;
    let plan = plan::document(&kit, opts);
    let resolution = resolution::document(&kit, opts);
    let form = application_form::document(&kit, opts);
    let note = super::briefs::project_brief(store, id, None, opts)?;
    Ok(vec![
        (FILES[0], to_pdf(&plan, opts.now)?),
        (FILES[1], to_docx(&plan)?),
        (FILES[2], to_docx(&resolution)?),
        (FILES[3], to_pdf(&resolution, opts.now)?),
        (FILES[4], to_pdf(&form, opts.now)?),
        (FILES[5], note),
    ])
}

fn folder_problem(dir: &Path, e: &std::io::Error) -> Error {
    Error::invalid(Problem::new(
        "dir",
        format!(
            "Dossier de destination : impossible d'écrire dans {} ({})",
            dir.display(),
            crate::error::io_fr(e)
        ),
        format!(
            "Destination folder: cannot write in {} ({e})",
            dir.display()
        ),
    ))
}

/// Writes the dossier of a project into `req.dir` (created if missing).
/// Refuses, before writing anything, when a file is already there and
/// `force` is not set.
pub fn write_dossier(
    store: &Store,
    req: &DossierRequest,
    opts: &BriefOptions,
) -> Result<Vec<DossierFile>> {
    let files = render_dossier(store, req.project_id, req.scheme.as_deref(), opts)?;
    let dir = &req.dir;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::invalid(Problem::new(
            "dir",
            format!(
                "Dossier de destination : {} est un fichier, pas un dossier",
                dir.display()
            ),
            format!(
                "Destination folder: {} is a file, not a folder",
                dir.display()
            ),
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| folder_problem(dir, &e))?;
    if !req.force {
        let present: Vec<&str> = files
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| dir.join(n).exists())
            .collect();
        if !present.is_empty() {
            return Err(Error::invalid(Problem::new(
                "force",
                format!(
                    "Le dossier {} contient déjà {} : rien n'a été écrit. Choisissez un autre dossier ou remplacez ces fichiers (option --force en ligne de commande).",
                    dir.display(),
                    present.join(", ")
                ),
                format!(
                    "The folder {} already holds {}: nothing was written. Choose another folder or replace these files (--force on the command line).",
                    dir.display(),
                    present.join(", ")
                ),
            )));
        }
    }
    // Every file beside its name first; the renames come once all are written.
    let mut temps = Vec::with_capacity(files.len());
    for (name, bytes) in &files {
        let tmp = dir.join(format!(".{name}.partiel"));
        if let Err(e) = write_synced(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            for t in &temps {
                let _ = std::fs::remove_file(t);
            }
            return Err(folder_problem(dir, &e));
        }
        temps.push(tmp);
    }
    let mut out = Vec::with_capacity(files.len());
    for ((name, bytes), tmp) in files.iter().zip(&temps) {
        let path = dir.join(name);
        std::fs::rename(tmp, &path).map_err(|e| Error::io(&path, e))?;
        out.push(DossierFile {
            name: (*name).to_owned(),
            path: path.display().to_string(),
            bytes: bytes.len() as u64,
        });
    }
    Ok(out)
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
