//! Every released schema version upgrades to today's without losing a
//! thing. `fixtures/schema-vN.sqlite` was made by the code of a commit at
//! version N (`scripts/make-schema-fixtures.sh` recreates them); beside it,
//! `schema-vN.expected.json` holds that code's own JSON export and every
//! user table's rows. Each fixture is copied, opened by today's code, and
//! compared: rows, export, search, the backup written before upgrading. A
//! migration that fails is checked on the same files.

use bourgade_core::exchange::json;
use bourgade_core::store::migrate::{self, Migration, MIGRATIONS};
use bourgade_core::store::Store;
use chrono::{TimeZone, Utc};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Tables holding the user's data (as in scripts/schema-fixtures/make_fixture.rs).
const USER_TABLES: &[&str] = &[
    "town",
    "project",
    "project_theme",
    "stage_event",
    "funding_line",
    "milestone",
    "journal_note",
    "council_decision",
    "project_actor",
    "project_solution",
    "funding_event",
    "scheme_call",
    "council_meeting",
    "council_meeting_item",
    "council_pack",
    "expense_line",
    "indicator",
    "project_phase",
    "project_year",
    "steering_pack",
];

fn fixtures() -> Vec<(i64, PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("core/tests/fixtures exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(v) = name
            .strip_prefix("schema-v")
            .and_then(|n| n.strip_suffix(".sqlite"))
        else {
            continue;
        };
        let version: i64 = v.parse().expect("schema-vN.sqlite");
        let expected = std::fs::read_to_string(path.with_extension("expected.json"))
            .unwrap_or_else(|e| panic!("{name} has its expected.json beside it: {e}"));
        out.push((version, path, serde_json::from_str(&expected).unwrap()));
    }
    out.sort_by_key(|(v, _, _)| *v);
    out
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let n = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let p = std::env::temp_dir().join(format!(
            "bourgade-fixture-{name}-{}-{n}",
            std::process::id()
        ));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    /// A copy of `fixture` as this folder's `bourgade.sqlite`.
    fn copy(&self, fixture: &Path) -> PathBuf {
        let path = self.0.join("bourgade.sqlite");
        std::fs::copy(fixture, &path).unwrap();
        path
    }
    fn backups(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".sauvegarde.sqlite"))
            .collect()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn value(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for byte in b {
                h = (h ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
            }
            serde_json::json!({ "blob_len": b.len(), "fnv1a": format!("{h:016x}") })
        }
    }
}

/// The rows of `table` in rowid order, only the `columns` named.
fn rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<Value> {
    let list = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn
        .prepare(&format!("SELECT {list} FROM {table} ORDER BY rowid"))
        .unwrap_or_else(|e| panic!("{table} still has the columns {columns:?}: {e}"));
    stmt.query_map([], |r| {
        (0..columns.len())
            .map(|i| Ok(value(r.get_ref(i)?)))
            .collect::<rusqlite::Result<Vec<_>>>()
            .map(Value::Array)
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Every user table the fixture had holds exactly the rows it had.
fn assert_same_rows(conn: &Connection, expected: &Value, context: &str) {
    let tables = expected["tables"].as_object().unwrap();
    for table in USER_TABLES {
        let Some(t) = tables.get(*table) else {
            continue;
        };
        let columns: Vec<String> = serde_json::from_value(t["columns"].clone()).unwrap();
        let got = rows(conn, table, &columns);
        let want = t["rows"].as_array().unwrap();
        assert_eq!(
            got.len(),
            want.len(),
            "{context}: {table} keeps its {} rows",
            want.len()
        );
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert_eq!(g, w, "{context}: {table} row {i} is unchanged");
        }
    }
}

/// True when `now` holds everything `was` held: objects keep every key
/// (later versions may add some), arrays keep every element in order.
fn keeps(now: &Value, was: &Value) -> bool {
    match (now, was) {
        (Value::Object(n), Value::Object(w)) => w
            .iter()
            .all(|(k, v)| n.get(k).is_some_and(|nv| keeps(nv, v))),
        (Value::Array(n), Value::Array(w)) => {
            n.len() == w.len() && n.iter().zip(w).all(|(a, b)| keeps(a, b))
        }
        _ => now == was,
    }
}

/// Today's export holds everything the old code exported: same towns,
/// same local actors, and every project with every field it had then.
fn assert_export_kept(store: &Store, expected: &Value, context: &str) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
    let export: Value = serde_json::from_str(&json::export(store, now).unwrap()).unwrap();
    let old = &expected["export"];
    // Same towns, each with every field it had then (later versions add some).
    let towns = export["towns"].as_array().unwrap();
    let old_towns = old["towns"].as_array().unwrap();
    assert_eq!(towns.len(), old_towns.len(), "{context}: same towns");
    for (t, was) in towns.iter().zip(old_towns) {
        assert!(
            keeps(t, was),
            "{context}: town keeps its fields: {t} / {was}"
        );
    }
    assert_eq!(
        export["local_actors"], old["local_actors"],
        "{context}: same local actors"
    );
    let old_projects = old["projects"].as_array().unwrap();
    let projects = export["projects"].as_array().unwrap();
    assert_eq!(
        projects.len(),
        old_projects.len(),
        "{context}: as many projects"
    );
    for p in old_projects {
        let uid = p["uid"].as_str().unwrap();
        let now = projects
            .iter()
            .find(|q| q["uid"] == p["uid"])
            .unwrap_or_else(|| panic!("{context}: project {uid} is still there"));
        for (key, was) in p.as_object().unwrap() {
            assert!(
                keeps(&now[key], was),
                "{context}: project {uid} keeps its {key}:\nnow {}\nwas {was}",
                now[key]
            );
        }
    }
}

#[test]
fn there_is_a_fixture_for_every_schema_version_before_today() {
    let versions: Vec<i64> = fixtures().iter().map(|(v, _, _)| *v).collect();
    let all: Vec<i64> = (1..=migrate::LATEST).collect();
    assert!(
        all.iter()
            .filter(|v| **v < migrate::LATEST)
            .all(|v| versions.contains(v)),
        "a fixture per earlier version (scripts/make-schema-fixtures.sh): have {versions:?}, schema is {}",
        migrate::LATEST
    );
    for (v, _, expected) in fixtures() {
        assert_eq!(
            expected["schema_version"], v,
            "schema-v{v}.expected.json describes version {v}"
        );
        let conn = Connection::open_with_flags(
            fixtures().iter().find(|f| f.0 == v).unwrap().1.clone(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let user_version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(user_version, v, "schema-v{v}.sqlite is at version {v}");
    }
}

#[test]
fn every_fixture_upgrades_to_today_keeping_every_row() {
    for (version, fixture, expected) in fixtures() {
        let context = format!("schema v{version}");
        let dir = TempDir::new("upgrade");
        let path = dir.copy(&fixture);
        let mut store = Store::open(&path).unwrap_or_else(|e| panic!("{context}: opens: {e}"));
        assert_eq!(
            store.schema_version().unwrap(),
            migrate::LATEST,
            "{context}: upgraded"
        );
        store.integrity_check().unwrap();
        bourgade_core::desk::ensure_reference(&mut store)
            .unwrap_or_else(|e| panic!("{context}: today's reference data loads over it: {e}"));
        assert_same_rows(store.connection(), &expected, &context);
        assert_export_kept(&store, &expected, &context);

        let hostile = expected["export"]["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"].as_str().unwrap().contains("DROP TABLE"))
            .expect("each fixture holds the hostile project")["id"]
            .to_string();
        assert!(
            store
                .search("oeuvre", 10)
                .unwrap()
                .iter()
                .any(|h| h.reference == hostile),
            "{context}: old projects are found by the search"
        );

        let backups = dir.backups();
        if version < migrate::LATEST {
            assert_eq!(backups.len(), 1, "{context}: one backup before upgrading");
            let old = Connection::open(&backups[0]).unwrap();
            let v: i64 = old
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, version, "{context}: the backup is the file as it was");
            assert_same_rows(&old, &expected, &format!("{context} backup"));
        } else {
            assert!(
                backups.is_empty(),
                "{context}: nothing to upgrade, no backup"
            );
        }
    }
}

const BROKEN_SQL: &str = "CREATE TABLE half_done (x INTEGER); INSERT INTO nowhere VALUES (1);";

#[test]
fn a_migration_failing_first_leaves_the_file_untouched_with_the_backup() {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
    for (version, fixture, expected) in fixtures() {
        let context = format!("schema v{version}");
        let dir = TempDir::new("fail-first");
        let path = dir.copy(&fixture);
        let before = std::fs::read(&path).unwrap();
        let mut steps: Vec<Migration> = MIGRATIONS[..version as usize]
            .iter()
            .map(|m| Migration {
                version: m.version,
                sql: m.sql,
            })
            .collect();
        steps.push(Migration {
            version: version + 1,
            sql: BROKEN_SQL,
        });
        let mut conn = Connection::open(&path).unwrap();
        assert!(
            migrate::upgrade_with(&mut conn, Some(&path), now, &steps).is_err(),
            "{context}: a failing step fails the upgrade"
        );
        drop(conn);
        assert!(
            std::fs::read(&path).unwrap() == before,
            "{context}: the file is byte for byte as it was"
        );
        let backups = dir.backups();
        assert_eq!(backups.len(), 1, "{context}: the backup stays in place");
        assert_same_rows(&Connection::open(&backups[0]).unwrap(), &expected, &context);
    }
}

#[test]
fn a_migration_failing_later_keeps_the_data_and_the_backup() {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
    for (version, fixture, expected) in fixtures() {
        if version >= migrate::LATEST {
            continue;
        }
        let context = format!("schema v{version}");
        let dir = TempDir::new("fail-later");
        let path = dir.copy(&fixture);
        // Every real step, then one that fails: its own step is rolled back.
        let mut steps: Vec<Migration> = MIGRATIONS
            .iter()
            .map(|m| Migration {
                version: m.version,
                sql: m.sql,
            })
            .collect();
        steps.push(Migration {
            version: migrate::LATEST + 1,
            sql: BROKEN_SQL,
        });
        let mut conn = Connection::open(&path).unwrap();
        assert!(
            migrate::upgrade_with(&mut conn, Some(&path), now, &steps).is_err(),
            "{context}: the failing step fails the upgrade"
        );
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let half: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(half, 0, "{context}: the failed step left nothing behind");
        // TODAY: each step commits on its own, so the steps before the
        // failing one stay applied (the file is at the last good version, a
        // consistent database) rather than untouched. The original is the
        // backup beside it. Running all steps in one transaction
        // (migrate::upgrade_with) would leave the file untouched: see the
        // report of issue 7.
        assert_eq!(
            v,
            migrate::LATEST,
            "{context}: today the file stops at the last step that succeeded"
        );
        drop(conn);
        let store = Store::open(&path).unwrap();
        store.integrity_check().unwrap();
        assert_same_rows(store.connection(), &expected, &context);
        let backups = dir.backups();
        assert_eq!(
            backups.len(),
            1,
            "{context}: the backup of the original stays"
        );
        let old = Connection::open(&backups[0]).unwrap();
        let bv: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(bv, version, "{context}: the backup is the original version");
        assert_same_rows(&old, &expected, &format!("{context} backup"));
    }
}
