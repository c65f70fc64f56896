//! The one error that crosses IPC: `{code, message, problems}` with texts in
//! the user's language, so the UI shows `message` as is, acts on `code`, and
//! puts each problem next to its field (or line, for imports).

use bourgade_core::Lang;
use serde::Serialize;
use ts_rs::TS;

/// One problem with one value: `field` is the Rust field name
/// (`title`, `funding_lines[2].rate_percent`); `line` is set for imports.
#[derive(Debug, Serialize, TS)]
pub struct IpcProblem {
    pub field: String,
    pub line: Option<usize>,
    pub message: String,
}

/// What a failed command returns.
#[derive(Debug, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    pub problems: Vec<IpcProblem>,
}

impl IpcError {
    pub fn from_core(e: bourgade_core::Error, lang: Lang) -> IpcError {
        let problems = match &e {
            bourgade_core::Error::Invalid(ps) => ps
                .iter()
                .map(|p| IpcProblem {
                    field: p.field.clone(),
                    line: None,
                    message: p.message(lang).to_owned(),
                })
                .collect(),
            bourgade_core::Error::Import(ps) => ps
                .iter()
                .map(|p| IpcProblem {
                    field: p.problem.field.clone(),
                    line: Some(p.line),
                    message: p.message(lang),
                })
                .collect(),
            _ => Vec::new(),
        };
        IpcError {
            code: e.code().to_owned(),
            message: e.message(lang),
            problems,
        }
    }

    pub fn busy(lang: Lang) -> IpcError {
        IpcError {
            code: "busy".into(),
            message: lang
                .pick(
                    "Une opération précédente a échoué ; redémarrez Bourgade.",
                    "A previous operation failed; restart Bourgade.",
                )
                .into(),
            problems: Vec::new(),
        }
    }
}
