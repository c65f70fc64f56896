//! Backups: a consistent copy of the database file ("backup now"), the
//! daily automatic copy in a `sauvegardes/` folder beside the database, and
//! restoring from such a copy. A restore validates the file first and keeps
//! a copy of the current data beside it, so good data is never replaced by a
//! broken file. A backup is a complete Bourgade database: it is also the
//! file a successor is handed.

use super::{migrate, Store};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Folder, beside the database file, holding the daily automatic backups.
pub const DAILY_DIR: &str = "sauvegardes";

/// How many daily backups are kept; older ones are deleted.
pub const DAILY_KEPT: usize = 10;

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
        if self.is_own_file(target) {
            return Err(Error::invalid(crate::error::Problem::new(
                "output",
                format!(
                    "{} est la base de données ouverte : choisissez un autre fichier pour la sauvegarde",
                    target.display()
                ),
                format!(
                    "{} is the open database: choose another file for the backup",
                    target.display()
                ),
            )));
        }
        // The process id keeps two programs backing up at once (the window
        // and a CLI run) from writing the same temporary file.
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = target.with_file_name(format!(".{name}.{}.partiel", std::process::id()));
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

    /// The daily automatic backup, called when a program opens the
    /// database: when no backup of the calendar day of `now` (UTC) exists in
    /// `sauvegardes/` beside the file, writes
    /// `sauvegardes/<name>-AAAAMMJJ-HHMMSS.sqlite` and deletes the oldest ones
    /// beyond [`DAILY_KEPT`]. Returns the file written, or `None` when there
    /// was nothing to do: already done today, a database in memory, or a
    /// database holding nothing of the user's yet (no town, project or actor
    /// of their own). Only files with that exact name pattern are ever
    /// deleted.
    pub fn daily_backup(&self, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let user_rows: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM town) + (SELECT count(*) FROM project)
                  + (SELECT count(*) FROM actor WHERE origin = 'user')",
            [],
            |r| r.get(0),
        )?;
        if user_rows == 0 {
            return Ok(None);
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("bourgade");
        let dir = path.with_file_name(DAILY_DIR);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let today = now.format("%Y%m%d").to_string();
        let existing = daily_backups(&dir, stem)?;
        if existing.iter().any(|(stamp, _)| stamp.starts_with(&today)) {
            return Ok(None);
        }
        let target = dir.join(format!("{stem}-{}.sqlite", now.format("%Y%m%d-%H%M%S")));
        self.backup_to(&target)?;
        let mut all = daily_backups(&dir, stem)?;
        if all.len() > DAILY_KEPT {
            let excess = all.len() - DAILY_KEPT;
            for (_, old) in all.drain(..excess) {
                std::fs::remove_file(&old).map_err(|e| Error::io(&old, e))?;
            }
        }
        Ok(Some(target))
    }

    /// Replaces this database's content with the backup at `source`, after
    /// checking it. The current content is first saved beside the database
    /// file (returned path), then the restored data is upgraded to the
    /// current schema. [`crate::desk::restore_backup`] also refreshes the
    /// reference data it holds.
    pub fn restore_from(&mut self, source: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        inspect(source)?;
        if self.is_own_file(source) {
            return Err(not_a_backup(
                source,
                "c'est la base de données ouverte elle-même",
                "it is the open database itself",
            ));
        }
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
        Ok(safety)
    }
}

impl Store {
    /// True when `other` names this store's own database file (a backup
    /// written over it, or restored from it, would destroy it).
    fn is_own_file(&self, other: &Path) -> bool {
        let Some(own) = self.path.as_deref().and_then(|p| p.canonicalize().ok()) else {
            return false;
        };
        let other = other.canonicalize().ok().or_else(|| {
            let parent = match other.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            Some(parent.canonicalize().ok()?.join(other.file_name()?))
        });
        other.as_deref() == Some(own.as_path())
    }
}

/// The daily backups of the database named `stem` in `dir`, oldest first,
/// with their `AAAAMMJJ-HHMMSS` stamp. Other files are ignored.
fn daily_backups(dir: &Path, stem: &str) -> Result<Vec<(String, PathBuf)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        let Some(stamp) = name
            .to_str()
            .and_then(|n| n.strip_prefix(stem))
            .and_then(|n| n.strip_prefix('-'))
            .and_then(|n| n.strip_suffix(".sqlite"))
        else {
            continue;
        };
        let b = stamp.as_bytes();
        let well_formed = b.len() == 15
            && b[8] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 8 || c.is_ascii_digit());
        if well_formed {
            out.push((stamp.to_owned(), entry.path()));
        }
    }
    out.sort();
    Ok(out)
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
        s.add_town("29024", Utc::now()).unwrap();
        let fields = crate::model::ProjectFields {
            town_insee: "29024".into(),
            title: "Halle".into(),
            ..Default::default()
        };
        s.create_project(fields, Utc::now()).unwrap();
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

    /// A file-backed store following one town, with `n` projects.
    fn store_with_projects(dir: &Dir, n: usize) -> Store {
        let mut s = Store::open(&dir.path().join("bourgade.sqlite")).unwrap();
        s.load_communes(&[crate::store::testing::commune(
            "29024",
            "Carhaix-Plouguer",
            "29",
            "53",
            7412,
        )])
        .unwrap();
        s.add_town("29024", Utc::now()).unwrap();
        for i in 0..n {
            let fields = crate::model::ProjectFields {
                town_insee: "29024".into(),
                title: format!("Projet {i}"),
                ..Default::default()
            };
            s.create_project(fields, Utc::now()).unwrap();
        }
        s
    }

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn daily_backup_runs_once_a_day_into_sauvegardes() {
        let dir = Dir::new("daily");
        let s = store_with_projects(&dir, 2);
        let first = s
            .daily_backup(at(23, 9))
            .unwrap()
            .expect("the first start of the day writes a backup");
        assert_eq!(
            first,
            dir.path()
                .join("sauvegardes")
                .join("bourgade-20261123-090000.sqlite"),
            "named after the database and the moment, in sauvegardes/ beside it"
        );
        assert_eq!(
            inspect(&first).unwrap().projects,
            2,
            "the backup is a complete, valid database"
        );
        assert_eq!(
            s.daily_backup(at(23, 17)).unwrap(),
            None,
            "a second start the same day writes nothing"
        );
        assert!(
            s.daily_backup(at(24, 8)).unwrap().is_some(),
            "the next day gets its own backup"
        );
        assert_eq!(
            names_in(&dir.path().join("sauvegardes")).len(),
            2,
            "one file per day, no temporary file left: {:?}",
            names_in(&dir.path().join("sauvegardes"))
        );
    }

    #[test]
    fn daily_backup_keeps_the_last_ten_and_never_touches_other_files() {
        let dir = Dir::new("daily-keep");
        let s = store_with_projects(&dir, 1);
        let folder = dir.path().join("sauvegardes");
        std::fs::create_dir_all(&folder).unwrap();
        let others = [
            "bourgade-copie.sqlite",
            "autre-20261101-090000.sqlite",
            "notes.txt",
        ];
        for other in others {
            std::fs::write(folder.join(other), b"x").unwrap();
        }
        for day in 1..=12 {
            s.daily_backup(at(day, 9)).unwrap().expect("a new day");
        }
        let names = names_in(&folder);
        let ours: Vec<&String> = names
            .iter()
            .filter(|n| !others.contains(&n.as_str()))
            .collect();
        assert_eq!(
            ours.len(),
            DAILY_KEPT,
            "only the last ten are kept: {names:?}"
        );
        assert_eq!(
            ours[0], "bourgade-20261103-090000.sqlite",
            "the two oldest (1 and 2 November) were deleted: {names:?}"
        );
        for other in others {
            assert!(
                names.iter().any(|n| n == other),
                "{other} is not a daily backup of this database and stays"
            );
        }
    }

    #[test]
    fn no_daily_backup_of_an_empty_or_in_memory_database() {
        let dir = Dir::new("daily-empty");
        let s = Store::open(&dir.path().join("bourgade.sqlite")).unwrap();
        assert_eq!(
            s.daily_backup(at(23, 9)).unwrap(),
            None,
            "nothing of the user's yet: nothing to save"
        );
        assert!(
            !dir.path().join("sauvegardes").exists(),
            "no folder created for nothing"
        );
        let mem = crate::store::testing::store();
        assert_eq!(
            mem.daily_backup(at(23, 9)).unwrap(),
            None,
            "a database in memory has no folder"
        );
    }

    #[test]
    fn the_open_database_is_neither_overwritten_by_a_backup_nor_restored_from() {
        let dir = Dir::new("own-file");
        let mut s = store_with_projects(&dir, 1);
        let own = dir.path().join("bourgade.sqlite");
        let e = s.backup_to(&own).unwrap_err();
        assert_eq!(e.code(), "invalid", "backing up onto itself is refused");
        let e = s.restore_from(&own, Utc::now()).unwrap_err();
        assert_eq!(e.code(), "incompatible", "restoring from itself is refused");
        let via_dots = dir.path().join(".").join("bourgade.sqlite");
        assert!(
            s.backup_to(&via_dots).is_err(),
            "the same file under another spelling is recognised"
        );
        assert_eq!(
            s.projects(&Default::default()).unwrap().len(),
            1,
            "data intact"
        );
        s.integrity_check().unwrap();
    }

    #[test]
    fn a_truncated_or_scrambled_backup_is_refused_and_the_data_stays() {
        let dir = Dir::new("restore-damaged");
        let mut s = store_with_projects(&dir, 30);
        let good = s.backup_to(&dir.path().join("copie.sqlite")).unwrap();
        let bytes = std::fs::read(&good).unwrap();
        let truncated = dir.path().join("tronquee.sqlite");
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
        let mut scrambled = bytes.clone();
        // Overwrite the second page onwards (the tables' pages), keep the header.
        for b in scrambled.iter_mut().skip(4096).step_by(7) {
            *b = 0xA5;
        }
        let scrambled_path = dir.path().join("brouillee.sqlite");
        std::fs::write(&scrambled_path, &scrambled).unwrap();
        for damaged in [&truncated, &scrambled_path] {
            let e = s.restore_from(damaged, Utc::now()).unwrap_err();
            assert_eq!(
                e.code(),
                "incompatible",
                "{}: a damaged file is refused as not restorable",
                damaged.display()
            );
            assert_eq!(
                s.projects(&Default::default()).unwrap().len(),
                30,
                "{}: the current projects are all still there",
                damaged.display()
            );
        }
        s.integrity_check().unwrap();
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
