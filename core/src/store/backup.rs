//! Backups: a consistent copy of the database file ("backup now"), and
//! restoring from such a copy. A restore validates the file first and keeps
//! a copy of the current data beside it, so good data is never replaced by a
//! broken file.

use super::{migrate, Store};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What a backup file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BackupInfo {
    pub schema_version: i64,
    pub projects: i64,
    pub towns: i64,
}

fn not_a_backup(path: &Path, why_fr: &str, why_en: &str) -> Error {
    Error::Incompatible {
        fr: format!("{} ne peut pas être restauré : {why_fr}. Vos données actuelles n'ont pas été modifiées.", path.display()),
        en: format!("{} cannot be restored: {why_en}. Your current data was not changed.", path.display()),
    }
}

/// Checks that `path` is a readable, intact Bourgade database this version
/// can open, without changing it.
pub fn inspect(path: &Path) -> Result<BackupInfo> {
    if !path.is_file() {
        return Err(Error::io(
            path,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|_| {
            not_a_backup(
                path,
                "ce n'est pas une base SQLite",
                "it is not an SQLite database",
            )
        })?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| {
            not_a_backup(
                path,
                "ce n'est pas une base SQLite",
                "it is not an SQLite database",
            )
        })?;
    if version < 1 {
        return Err(not_a_backup(
            path,
            "ce n'est pas une base Bourgade",
            "it is not a Bourgade database",
        ));
    }
    if version > migrate::LATEST {
        return Err(not_a_backup(
            path,
            "elle vient d'une version plus récente de Bourgade",
            "it comes from a newer Bourgade",
        ));
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| not_a_backup(path, "le fichier est endommagé", "the file is damaged"))?;
    if check != "ok" {
        return Err(not_a_backup(
            path,
            "le fichier est endommagé",
            "the file is damaged",
        ));
    }
    let count = |table: &str| -> Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|_| {
                not_a_backup(
                    path,
                    "ce n'est pas une base Bourgade",
                    "it is not a Bourgade database",
                )
            })
    };
    Ok(BackupInfo {
        schema_version: version,
        projects: count("project")?,
        towns: count("town")?,
    })
}

impl Store {
    /// Writes a consistent copy of the whole database to `target` (replaced
    /// if it exists; written beside it first, then renamed).
    pub fn backup_to(&self, target: &Path) -> Result<PathBuf> {
        let tmp = target.with_extension("sqlite.partiel");
        let _ = std::fs::remove_file(&tmp);
        let tmp_str = tmp
            .to_str()
            .ok_or_else(|| Error::io(target, std::io::Error::other("chemin non UTF-8")))?;
        self.conn.execute("VACUUM INTO ?1", [tmp_str])?;
        std::fs::rename(&tmp, target).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io(target, e)
        })?;
        Ok(target.to_path_buf())
    }

    /// Replaces this database's content with the backup at `source`, after
    /// checking it. The current content is first saved beside the database
    /// file (returned path), then the restored data is upgraded to the
    /// current schema.
    pub fn restore_from(&mut self, source: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        inspect(source)?;
        let safety = match &self.path {
            Some(p) => {
                let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("bourgade");
                let target = p.with_file_name(format!(
                    "{stem}.avant-restauration-{}.sqlite",
                    now.format("%Y%m%d-%H%M%S")
                ));
                Some(self.backup_to(&target)?)
            }
            None => None,
        };
        let src = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        {
            let backup = rusqlite::backup::Backup::new(&src, &mut self.conn)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        }
        migrate::upgrade(&mut self.conn, None, now)?;
        self.ensure_reference()?;
        Ok(safety)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::migrate::tempdir::Dir;

    #[test]
    fn backup_then_restore_brings_data_back_and_keeps_a_safety_copy() {
        let dir = Dir::new("backup");
        let mut s = Store::open(&dir.path().join("b.sqlite")).unwrap();
        s.load_communes(&[crate::store::testing::commune(
            "29024",
            "Carhaix-Plouguer",
            "29",
            "53",
            7412,
        )])
        .unwrap();
        s.add_town("29024", false, Utc::now()).unwrap();
        let fields = crate::model::ProjectFields {
            town_insee: "29024".into(),
            title: "Halle".into(),
            ..Default::default()
        };
        s.create_project(fields, "", Utc::now()).unwrap();
        let copy = s.backup_to(&dir.path().join("copie.sqlite")).unwrap();
        assert_eq!(
            inspect(&copy).unwrap().projects,
            1,
            "the copy holds the project"
        );

        s.delete_project(1).unwrap();
        let safety = s
            .restore_from(&copy, Utc::now())
            .unwrap()
            .expect("a safety copy is written");
        assert_eq!(s.project(1).unwrap().fields.title, "Halle", "restored");
        assert_eq!(
            inspect(&safety).unwrap().projects,
            0,
            "the safety copy is the state before restoring"
        );
    }

    #[test]
    fn a_broken_or_foreign_file_is_refused_and_nothing_changes() {
        let dir = Dir::new("restore");
        let mut s = Store::open(&dir.path().join("b.sqlite")).unwrap();
        let junk = dir.path().join("junk.sqlite");
        std::fs::write(&junk, b"pas une base").unwrap();
        let e = s.restore_from(&junk, Utc::now()).unwrap_err();
        assert!(
            e.message(crate::Lang::Fr)
                .contains("n'ont pas été modifiées"),
            "{}",
            e.message(crate::Lang::Fr)
        );
        let foreign = dir.path().join("autre.sqlite");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        assert!(
            s.restore_from(&foreign, Utc::now()).is_err(),
            "a non-Bourgade database is refused"
        );
        assert_eq!(
            s.schema_version().unwrap(),
            migrate::LATEST,
            "the open database is untouched"
        );
        let safety_copies = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("avant-restauration")
            })
            .count();
        assert_eq!(
            safety_copies, 0,
            "a refused file triggers no copy: the check comes first"
        );
    }
}
