//! The manager's desk: every question the window and the CLI ask that needs
//! both the store and the domain. Each function reads the store, applies the
//! pure domain (rules, matching, calendar, documents) and returns what is
//! shown, or writes what the domain decided. The shell and the CLI call
//! these functions and nothing below them that computes.
//!
//! - [`reference`]: loading the embedded reference data; restoring a backup;
//! - [`dashboard`]: the dashboard's figures and lists;
//! - [`readiness`]: the money rules over every stored project, and the
//!   findings the dashboard keeps;
//! - [`agenda`]: the merged agenda of a town;
//! - [`catalogue`]: actors with their territory in words, schemes, catalogue updates;
//! - [`briefs`]: gathering the data of the PDF briefs and the council pack;
//! - [`suggestions`]: who can help a project, which solution inspires it;
//! - [`aids`]: aids from Aides-territoires: import, the open aids that fit
//!   a project, their closing dates for the calendar;
//! - [`location`]: where the database lives by default on each system.

pub mod agenda;
pub mod aids;
pub mod briefs;
pub mod catalogue;
pub mod dashboard;
pub mod dossier;
pub mod location;
pub mod readiness;
pub mod reference;
pub mod steering;
pub mod suggestions;
pub mod tracking;

pub use reference::{ensure_reference, restore_backup};
