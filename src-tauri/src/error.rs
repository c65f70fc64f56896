//! The one error that crosses IPC: `{code, message}` with the message in the
//! user's language, so the UI shows it as is and acts on `code`.

use bourgade_core::Lang;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
}

impl IpcError {
    pub fn from_core(e: bourgade_core::Error, lang: Lang) -> IpcError {
        IpcError {
            code: e.code(),
            message: e.message(lang),
        }
    }

    pub fn busy(lang: Lang) -> IpcError {
        IpcError {
            code: "busy",
            message: lang
                .pick(
                    "Une opération précédente a échoué ; redémarrez Bourgade.",
                    "A previous operation failed; restart Bourgade.",
                )
                .into(),
        }
    }
}
