//! Versioned schema. Migrations are plain SQL files in `migrations/`, applied
//! in order, each in its own transaction together with the new
//! `PRAGMA user_version`, so a failed migration leaves the file as it was.
//! Before upgrading an existing file, a copy is written beside it.

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};
use std::path::{Path, PathBuf};

/// One schema step.
pub struct Migration {
    /// The version the database has after this step.
    pub version: i64,
    pub sql: &'static str,
}

/// Every released migration, in order. Never edit a released one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("migrations/0001_schema.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("migrations/0002_search.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("migrations/0003_funding_calendar.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("migrations/0004_council_pack.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("migrations/0005_scale.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("migrations/0006_owner.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("migrations/0007_application_kit.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("migrations/0008_steering.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("migrations/0009_aids.sql"),
    },
];

/// The schema version this program writes (the last migration's).
pub const LATEST: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Brings the database to [`LATEST`], backing up an existing file first.
pub fn upgrade(
    conn: &mut Connection,
    path: Option<&Path>,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>> {
    upgrade_with(conn, path, now, MIGRATIONS)
}

/// [`upgrade`] with an explicit list (tests use it to stop at a version or to
/// inject a failing step). Returns the backup written, if any.
pub fn upgrade_with(
    conn: &mut Connection,
    path: Option<&Path>,
    now: DateTime<Utc>,
    migrations: &[Migration],
) -> Result<Option<PathBuf>> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let target = migrations.last().map_or(0, |m| m.version);
    if current > LATEST {
        return Err(Error::Incompatible {
            fr: format!(
                "Cette base de données a été créée par une version plus récente de Bourgade (schéma {current}, \
                 cette version connaît le schéma {LATEST}). Mettez Bourgade à jour pour l'ouvrir."
            ),
            en: format!(
                "This database was made by a newer Bourgade (schema {current}; this version knows {LATEST}). \
                 Update Bourgade to open it."
            ),
        });
    }
    if current >= target {
        return Ok(None);
    }
    if current == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(Error::Incompatible {
                fr: "Ce fichier est une base SQLite qui n'a pas été créée par Bourgade : elle n'a pas été modifiée.".into(),
                en: "This file is an SQLite database not made by Bourgade: it was left unchanged.".into(),
            });
        }
    }
    let backup = match path {
        Some(p) if current > 0 => Some(backup_beside(conn, p, current, now)?),
        _ => None,
    };
    for m in migrations.iter().filter(|m| m.version > current) {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql)?;
        after(&tx, m.version)?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(backup)
}

/// Data steps that SQL alone cannot do.
fn after(tx: &Transaction, version: i64) -> Result<()> {
    if version == 2 {
        super::search::rebuild(tx)?;
    }
    Ok(())
}

/// Writes a consistent copy of the database next to `path`
/// (`bourgade.sqlite` → `bourgade.v1-20261123-093000.sauvegarde.sqlite`).
fn backup_beside(
    conn: &Connection,
    path: &Path,
    version: i64,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("bourgade");
    let name = format!(
        "{stem}.v{version}-{}.sauvegarde.sqlite",
        now.format("%Y%m%d-%H%M%S")
    );
    let target = path.with_file_name(name);
    if target.exists() {
        return Ok(target);
    }
    let target_str = target.to_str().ok_or_else(|| Error::Incompatible {
        fr: format!(
            "Le chemin {} n'est pas en UTF-8 : sauvegarde impossible.",
            target.display()
        ),
        en: format!(
            "The path {} is not UTF-8: cannot back up.",
            target.display()
        ),
    })?;
    conn.execute("VACUUM INTO ?1", [target_str])?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::params;

    fn tmp() -> tempdir::Dir {
        tempdir::Dir::new("migrate")
    }

    /// Creates a file at schema `version` with data in it, as an older
    /// Bourgade would have left it.
    fn file_at_version(path: &Path, version: i64) {
        let mut conn = Connection::open(path).unwrap();
        upgrade_with(
            &mut conn,
            Some(path),
            Utc::now(),
            &MIGRATIONS[..version as usize],
        )
        .unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             INSERT INTO region VALUES ('53', 'Bretagne');
             INSERT INTO departement VALUES ('29', 'Finistère', '53');
             INSERT INTO commune VALUES ('29024', 'Carhaix-Plouguer', '29', '53', 7412, NULL, '29270');
             INSERT INTO town VALUES ('29024', 0, '2025-01-01T00:00:00Z');",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO project (id, uid, town_insee, title, stage, health, priority, created_at, updated_at)
             VALUES (7, 'u-7', '29024', ?1, 3, 'on_track', 'high', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z')",
            params!["Réhabilitation du cœur de bourg"],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO funding_line (project_id, position, funder, kind, nature, amount_requested, status)
             VALUES (7, 0, 'state', 'grant', 'investment', 12345678, 'filed')",
            [],
        )
        .unwrap();
        // From version 2 on, Bourgade indexed a project as it saved it.
        if version >= 2 {
            crate::store::search::rebuild(&conn).unwrap();
        }
    }

    #[test]
    fn every_earlier_version_upgrades_keeping_its_data() {
        for version in 1..LATEST {
            let dir = tmp();
            let path = dir.path().join("bourgade.sqlite");
            file_at_version(&path, version);
            let store = crate::store::Store::open(&path).unwrap();
            assert_eq!(store.schema_version().unwrap(), LATEST);
            let (title, amount): (String, i64) = store
                .connection()
                .query_row(
                    "SELECT p.title, f.amount_requested FROM project p JOIN funding_line f ON f.project_id = p.id WHERE p.id = 7",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(
                title, "Réhabilitation du cœur de bourg",
                "v{version}: project kept"
            );
            assert_eq!(amount, 12_345_678, "v{version}: funding line kept");
            let hits = store.search("coeur", 10).unwrap();
            assert!(
                hits.iter().any(|h| h.reference == "7"),
                "v{version}: old rows are searchable after upgrade"
            );
            let backups: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().contains(".sauvegarde."))
                .collect();
            assert_eq!(
                backups.len(),
                1,
                "v{version}: one backup written before migrating"
            );
            let old = Connection::open(backups[0].path()).unwrap();
            let v: i64 = old
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, version, "the backup is the file as it was");
        }
    }

    #[test]
    fn a_failed_migration_leaves_the_file_as_it_was() {
        let dir = tmp();
        let path = dir.path().join("b.sqlite");
        file_at_version(&path, 1);
        let broken = [
            Migration {
                version: 1,
                sql: MIGRATIONS[0].sql,
            },
            Migration {
                version: 2,
                sql: "CREATE TABLE extra (x INTEGER); INSERT INTO nowhere VALUES (1);",
            },
        ];
        let mut conn = Connection::open(&path).unwrap();
        assert!(upgrade_with(&mut conn, Some(&path), Utc::now(), &broken).is_err());
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1, "version unchanged");
        let extra: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'extra'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(extra, 0, "the failed step's table was rolled back");
        let n: i64 = conn
            .query_row("SELECT count(*) FROM project", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "data intact");
    }

    #[test]
    fn refuses_newer_and_foreign_files() {
        let dir = tmp();
        let newer = dir.path().join("newer.sqlite");
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
        let e = crate::store::Store::open(&newer)
            .err()
            .expect("newer schema refused");
        assert!(
            e.message(crate::Lang::Fr).contains("plus récente"),
            "{}",
            e.message(crate::Lang::Fr)
        );

        let foreign = dir.path().join("foreign.sqlite");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let e = crate::store::Store::open(&foreign)
            .err()
            .expect("foreign database refused");
        assert_eq!(e.code(), "incompatible");
    }
}

#[cfg(test)]
pub(crate) mod tempdir {
    //! A temporary directory removed on drop (no extra crate for so little).
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new(prefix: &str) -> Dir {
            let n = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            let p =
                std::env::temp_dir().join(format!("bourgade-{prefix}-{}-{n}", std::process::id()));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
