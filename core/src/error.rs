//! One error type for the whole core. Every variant has a French and an
//! English message a user understands ([`Error::message`]) and a stable
//! [`Error::code`] the UI and the CLI can act on.

use crate::i18n::Lang;
use std::path::PathBuf;

/// Result of every fallible core operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One problem with one value the user gave, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Machine name of the field (`title`, `funding_lines[2].rate_percent`…).
    pub field: String,
    /// Message in French, naming the field in words.
    pub fr: String,
    /// Message in English.
    pub en: String,
}

impl Problem {
    /// A problem on `field` with its two messages.
    pub fn new(field: impl Into<String>, fr: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            field: field.into(),
            fr: fr.into(),
            en: en.into(),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.fr, &self.en)
    }

    /// Same problem inside a list item: field `funding_lines[0].rate_percent`,
    /// message "Financement n° 1 — Taux d'aide : …".
    pub fn within(mut self, key: &str, index: usize, what_fr: &str, what_en: &str) -> Problem {
        self.field = format!("{key}[{index}].{}", self.field);
        self.fr = format!("{what_fr} n° {} — {}", index + 1, self.fr);
        self.en = format!("{what_en} #{} — {}", index + 1, self.en);
        self
    }
}

/// A problem found while reading an import file, at a line of that file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LineProblem {
    /// 1-based line number in the file.
    pub line: usize,
    pub problem: Problem,
}

impl LineProblem {
    /// "Ligne 12 : …" / "Line 12: …".
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => format!("Ligne {} : {}", self.line, self.problem.fr),
            Lang::En => format!("Line {}: {}", self.line, self.problem.en),
        }
    }
}

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Values the user gave were rejected; nothing was written.
    #[error("{}", join_fr(.0))]
    Invalid(Vec<Problem>),
    /// An import file has problems; nothing was written.
    #[error("{} problème(s) dans le fichier importé", .0.len())]
    Import(Vec<LineProblem>),
    /// The thing asked for does not exist.
    #[error("{what_fr} introuvable : {key}")]
    NotFound {
        what_fr: &'static str,
        what_en: &'static str,
        key: String,
    },
    /// A file could not be read or written.
    #[error("fichier {path} : {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The database file is not a Bourgade database, or is newer than this program.
    #[error("{fr}")]
    Incompatible { fr: String, en: String },
    /// SQLite failed.
    #[error("erreur de la base de données : {0}")]
    Database(#[from] rusqlite::Error),
}

fn join_fr(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.fr.as_str())
        .collect::<Vec<_>>()
        .join(" ; ")
}

impl Error {
    /// One invalid value.
    pub fn invalid(p: Problem) -> Error {
        Error::Invalid(vec![p])
    }

    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A stable code for programs (UI, scripts): `invalid`, `import`,
    /// `not_found`, `io`, `incompatible`, `database`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::Import(_) => "import",
            Error::NotFound { .. } => "not_found",
            Error::Io { .. } => "io",
            Error::Incompatible { .. } => "incompatible",
            Error::Database(_) => "database",
        }
    }

    /// True when the user's input is at fault (CLI exit code 2).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::Invalid(_) | Error::Import(_) | Error::NotFound { .. }
        )
    }

    /// The whole message in `lang`, one problem per line.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::Invalid(ps), _) => ps
                .iter()
                .map(|p| p.message(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            (Error::Import(ps), Lang::Fr) => format!(
                "Import refusé, rien n'a été modifié. {} problème(s) :\n{}",
                ps.len(),
                ps.iter()
                    .map(|p| p.message(lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            (Error::Import(ps), Lang::En) => format!(
                "Import rejected, nothing was changed. {} problem(s):\n{}",
                ps.len(),
                ps.iter()
                    .map(|p| p.message(lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            (Error::NotFound { what_fr, key, .. }, Lang::Fr) => {
                format!("{what_fr} introuvable : {key}")
            }
            (Error::NotFound { what_en, key, .. }, Lang::En) => {
                format!("{what_en} not found: {key}")
            }
            (Error::Io { path, source }, Lang::Fr) => {
                format!(
                    "Impossible de lire ou d'écrire le fichier {} : {}",
                    path.display(),
                    io_fr(source)
                )
            }
            (Error::Io { path, source }, Lang::En) => {
                format!("Cannot read or write the file {}: {source}", path.display())
            }
            (Error::Incompatible { fr, en }, _) => lang.pick(fr, en).to_owned(),
            (Error::Database(e), Lang::Fr) => db_fr(e),
            (Error::Database(e), Lang::En) => format!("Database error: {e}"),
        }
    }
}

/// The reason of an I/O failure in plain French.
pub fn io_fr(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "fichier ou dossier introuvable".into(),
        PermissionDenied => "permission refusée".into(),
        AlreadyExists => "le fichier existe déjà".into(),
        InvalidData => "contenu illisible (encodage UTF-8 attendu)".into(),
        _ => e.to_string(),
    }
}

fn db_fr(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseBusy) | Some(DatabaseLocked) => {
            "La base de données est occupée par un autre programme ; réessayez dans un instant.".into()
        }
        Some(NotADatabase) => "Ce fichier n'est pas une base de données Bourgade.".into(),
        Some(ReadOnly) | Some(CannotOpen) | Some(PermissionDenied) => {
            "La base de données ne peut pas être ouverte en écriture (droits du fichier ou du dossier).".into()
        }
        Some(DiskFull) => "Le disque est plein : rien n'a été enregistré.".into(),
        Some(ConstraintViolation) => format!("Enregistrement refusé par une règle de cohérence : {e}"),
        _ => format!("Erreur de la base de données : {e}"),
    }
}
