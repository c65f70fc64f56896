//! Bourgade's core: the domain of a *Petites villes de demain* project
//! portfolio, its SQLite store, the shipped reference data and the
//! import/export formats. Nothing here knows about Tauri or the terminal:
//! the CLI (`src/cli`) and the desktop shell (`src-tauri`) only adapt it.
//!
//! Map, by layer (imports run one way: `docs/ARCHITECTURE.md`, checked by
//! `core/tests/layers.rs`):
//! - foundation: [`error`] (errors and problems, French and English),
//!   [`i18n`] (the language), [`text`] (folding for search, thousands,
//!   dates in words), [`day`] (which day it is in France);
//! - [`model`]: the domain types and their validation;
//! - [`reference`]: the embedded catalogues of `data/` (communes, SSE actors,
//!   inspiring solutions, funding schemes, labels) and the demo town;
//! - [`store`]: the SQLite file — migrations, backups, queries, full-text
//!   search; SQL over the model only;
//! - the domain, pure: [`rules`] (the money rules, each citing its text),
//!   [`matching`] (who can help, which solution inspires), [`calendar`]
//!   (holidays, business days, agenda entries, ICS), [`brief`] (the PDF
//!   documents laid out from gathered data);
//! - [`exchange`]: JSON and CSV export/import (all-or-nothing), the XLSX
//!   funding table;
//! - [`desk`]: what the window and the CLI ask, composing the store and the
//!   domain (dashboard, readiness, agenda, briefs, suggestions, reference
//!   data loading).

pub mod brief;
pub mod calendar;
pub mod day;
pub mod desk;
pub mod document;
pub mod error;
pub mod exchange;
pub mod i18n;
pub mod kit;
pub mod matching;
pub mod model;
pub mod reference;
pub mod rules;
pub mod steering;
pub mod store;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;

pub use error::{Error, Result};
pub use i18n::Lang;
