//! Bourgade's core: the domain of a *Petites villes de demain* project
//! portfolio, its SQLite store, the shipped reference data and the
//! import/export formats. Nothing here knows about Tauri or the terminal:
//! the CLI (`src/cli`) and the desktop shell (`src-tauri`) only adapt it.
//!
//! Map:
//! - [`model`]: the domain types and their validation (French/English messages);
//! - [`store`]: the SQLite file — migrations, backups, queries, full-text search;
//! - [`reference`]: the embedded catalogues of `data/` (communes, SSE actors,
//!   inspiring solutions, funding schemes, labels) and the demo town;
//! - [`exchange`]: JSON and CSV export/import (all-or-nothing);
//! - [`text`]: text folding for accent- and ligature-insensitive search.

pub mod brief;
pub mod calendar;
pub mod desk;
pub mod error;
pub mod exchange;
pub mod i18n;
pub mod matching;
pub mod model;
pub mod reference;
pub mod rules;
pub mod store;
pub mod text;

pub use error::{Error, Result};
pub use i18n::Lang;
