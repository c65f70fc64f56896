//! The SQLite file: one database per user, holding the reference data, the
//! followed towns and the projects. Every multi-row change runs in one
//! transaction, so a failed write leaves the file as it was.
//!
//! Modules: [`migrate`] (versioned schema, backup before upgrading),
//! `reference` (catalogue loading), `towns`, `projects`, [`search`].

mod aids;
pub mod backup;
mod briefs;
mod dashboard;
mod funding;
mod import;
mod lines;
pub mod migrate;
mod projects;
mod reference;
pub mod search;
mod sql;
mod steering_packs;
mod towns;

pub use aids::{AidsSaved, GeographyNames};
pub use briefs::{CouncilPackInfo, NewCouncilPack};
pub(crate) use dashboard::Window;
pub use projects::{ProjectFilter, StageMove};
pub use reference::{CatalogueChange, CatalogueReport, CatalogueStatus, EntryKind, EntryRef};
pub use steering_packs::{NewSteeringPack, SteeringPackData, SteeringPackInfo, SteeringPackKind};

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a write waits for another process (the app, a CLI run) holding
/// the file before giving up with a clear message.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open Bourgade database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (or creates) the file at `path` and brings its schema up to date.
    /// An existing file is copied to a timestamped backup beside it before any
    /// migration runs. Reference data is NOT loaded here: see
    /// `crate::desk::ensure_reference`.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open(path)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.configure()?;
        migrate::upgrade(&mut store.conn, Some(path), chrono::Utc::now())?;
        Ok(store)
    }

    /// A fresh database in memory (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None };
        store.configure()?;
        migrate::upgrade(&mut store.conn, None, chrono::Utc::now())?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers never block the writer, and a crash mid-write leaves the
        // last committed state. journal_mode answers with a row: read it.
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        Ok(())
    }

    /// The file this store is backed by (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it answers "ok".
    pub fn integrity_check(&self) -> Result<()> {
        let answer: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if answer == "ok" {
            Ok(())
        } else {
            Err(Error::Incompatible {
                fr: format!("La base de données est endommagée : {answer}"),
                en: format!("The database is damaged: {answer}"),
            })
        }
    }

    /// Direct access for benchmarks and tests of this crate's users.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

pub(crate) fn now_rfc3339(now: chrono::DateTime<chrono::Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small fixtures: a store with a handful of real communes, no full load.
    use super::*;
    use crate::model::Commune;

    pub(crate) fn commune(insee: &str, name: &str, dep: &str, region: &str, pop: i64) -> Commune {
        Commune {
            insee: insee.into(),
            name: name.into(),
            departement: dep.into(),
            departement_name: format!("Département {dep}"),
            region: region.into(),
            region_name: format!("Région {region}"),
            population: Some(pop),
            epci_code: Some(format!("EPCI{dep}")),
            epci_name: Some(format!("Communauté {dep}")),
            postcodes: vec![format!("{dep}000")],
        }
    }

    /// In-memory store with Carhaix-Plouguer, Plouhinec, Saint-Loup-sur-Semouse
    /// and Saint-Étienne, plus the shipped labels and catalogues.
    pub(crate) fn store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        s.load_communes(&[
            commune("29024", "Carhaix-Plouguer", "29", "53", 7412),
            commune("29197", "Plouhinec", "29", "53", 3919),
            commune("70467", "Saint-Loup-sur-Semouse", "70", "27", 2814),
            commune("42218", "Saint-Étienne", "42", "84", 172_718),
        ])
        .unwrap();
        s.load_catalogue(&crate::reference::catalogue().unwrap())
            .unwrap();
        s
    }
}
