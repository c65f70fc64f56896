//! Makes one schema fixture with the Bourgade code of the commit it is
//! compiled in: `scripts/make-schema-fixtures.sh` copies this file into a
//! git worktree of that commit as `core/examples/make_fixture.rs` and runs
//! it. Written against the API every released version has (Store::open,
//! ensure_reference, load_demo, create_project, move_stage, json::export);
//! tables that only later versions have are filled with SQL, guarded by
//! the version made.
//!
//! Usage: make_fixture <out.sqlite> <out.expected.json> <version> [<from.sqlite>]
//!
//! - version = this commit's `migrate::LATEST`: a new database through the
//!   API (the demo, a hostile project, a stage move);
//! - version 1: rows written with SQL (no release ever wrote version 1);
//! - with `<from.sqlite>` (the fixture of an earlier version): that file
//!   upgraded by this commit's migrations up to `version` only, then the
//!   new tables filled with SQL — for a version no release stopped at.
//!
//! Writes the database (reference data trimmed to the followed town, to
//! keep the file small) and, beside it, what the test compares after
//! upgrading: this version's JSON export and every user table's rows.

use bourgade_core::exchange::{self, json};
use bourgade_core::model::{Project, ProjectFields, Stage};
use bourgade_core::store::{migrate, StageMove, Store};
use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

const HOSTILE_TITLE: &str =
    "Réhabilitation du cœur de bourg — « l'œuvre » <b>&amp;</b> '; DROP TABLE project; -- \u{202e}שלום\u{200b}";

/// Tables holding the user's data, in every version that has them.
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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (db, expected, version, from) = match args.as_slice() {
        [db, expected, version] => (db, expected, version, None),
        [db, expected, version, from] => (db, expected, version, Some(PathBuf::from(from))),
        _ => panic!("usage: make_fixture <out.sqlite> <out.expected.json> <version> [<from.sqlite>]"),
    };
    let (db, expected) = (PathBuf::from(db), PathBuf::from(expected));
    let version: i64 = version.parse().expect("a schema version");
    let now = Utc.with_ymd_and_hms(2026, 1, 15, 10, 0, 0).unwrap();
    let _ = std::fs::remove_file(&db);
    if let Some(from) = from {
        std::fs::copy(&from, &db).unwrap();
        let mut conn = Connection::open(&db).unwrap();
        let was: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        migrate::upgrade_with(&mut conn, None, now, &migrate::MIGRATIONS[..version as usize])
            .unwrap();
        let id: i64 = conn
            .query_row(
                "SELECT id FROM project WHERE title = ?1",
                [HOSTILE_TITLE],
                |r| r.get(0),
            )
            .unwrap();
        later_tables(&conn, was, version, id);
    } else if version == 1 {
        version_1(&db, now);
    } else {
        assert_eq!(
            migrate::LATEST, version,
            "this commit writes schema {}",
            migrate::LATEST
        );
        with_the_api(&db, now);
        trim(&db);
    }
    let conn = Connection::open(&db).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, version, "the fixture is at schema {version}");
    let tables = dump(&conn);
    drop(conn);

    // This version's own export, from a copy (version 1 was never shipped
    // alone: the first release's code upgrades the copy to 2 and exports).
    let tmp = std::env::temp_dir().join(format!("bourgade-fixture-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let copy = tmp.join("copie.sqlite");
    std::fs::copy(&db, &copy).unwrap();
    let store = Store::open(&copy).unwrap();
    let export: serde_json::Value =
        serde_json::from_str(&json::export(&store, now).unwrap()).unwrap();
    drop(store);
    std::fs::remove_dir_all(&tmp).unwrap();

    let out = serde_json::json!({
        "schema_version": version,
        "made_by_commit": std::env::var("FIXTURE_COMMIT").unwrap_or_default(),
        "export": export,
        "tables": tables,
    });
    std::fs::write(&expected, serde_json::to_string_pretty(&out).unwrap() + "\n").unwrap();
}

/// Version 1 with SQL: no release ever wrote it (the first one already
/// migrated to 2), so its rows are written as the schema defines them.
fn version_1(db: &Path, now: chrono::DateTime<Utc>) {
    let mut conn = Connection::open(db).unwrap();
    migrate::upgrade_with(&mut conn, None, now, &migrate::MIGRATIONS[..1]).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         INSERT INTO region VALUES ('53', 'Bretagne');
         INSERT INTO departement VALUES ('29', 'Finistère', '53');
         INSERT INTO epci VALUES ('242900645', 'Poher Communauté');
         INSERT INTO commune VALUES ('29024', 'Carhaix-Plouguer', '29', '53', 7412, '242900645', '29270');
         INSERT INTO town VALUES ('29024', 0, '2025-01-01T00:00:00Z');
         INSERT INTO project (id, uid, town_insee, title, summary, context, ort_axis, action_sheet, stage, health,
                              priority, lead, planned_start, planned_end, cost_excl_vat, cost_incl_vat, created_at, updated_at)
         VALUES (7, 'v1-0007', '29024', 'Épicerie participative', 'Une épicerie tenue par les habitants',
                 'Le dernier commerce a fermé', 'retail_economy', '2.3', 3, 'late', 'high', 'Mairie',
                 '2026-03-01', '2027-06-30', 25000000, 30000000, '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z');
         INSERT INTO project_theme VALUES (7, 'food', 0), (7, 'commerce', 1);
         INSERT INTO stage_event (project_id, from_stage, to_stage, date, author, note)
         VALUES (7, NULL, 0, '2025-01-01', '', ''), (7, 0, 3, '2025-02-01', 'CP', 'étude rendue');
         INSERT INTO funding_line (project_id, position, funder, scheme, kind, nature, eligible_base_excl_vat,
                                   rate_percent, amount_requested, amount_awarded, status, deadline, note)
         VALUES (7, 0, 'state', 'DETR', 'grant', 'investment', 20000000, 30.0, 6000000, NULL, 'filed', NULL, ''),
                (7, 1, 'region', NULL, 'grant', 'investment', NULL, NULL, 4000000, 4000000, 'awarded', NULL, 'voté');
         INSERT INTO milestone (project_id, title, due_date, done) VALUES (7, 'Permis', '2026-05-01', 0);
         INSERT INTO journal_note (project_id, date, text) VALUES (7, '2025-02-02', 'Réunion publique');
         INSERT INTO council_decision (project_id, deliberation_number, date, text)
         VALUES (7, '2025-014', '2025-02-10', 'Approbation du principe');",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO project (id, uid, town_insee, title, summary, stage, health, priority, created_at, updated_at)
         VALUES (8, 'v1-0008', '29024', ?1, ?1, 0, 'on_track', 'medium', '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z')",
        [HOSTILE_TITLE],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO stage_event (project_id, from_stage, to_stage, date) VALUES (8, NULL, 0, '2025-03-01')",
        [],
    )
    .unwrap();
}

/// Versions 2 and later: the demo and a hostile project through the API,
/// plus the rows of the tables later versions added.
fn with_the_api(db: &Path, now: chrono::DateTime<Utc>) {
    let mut s = Store::open(db).unwrap();
    ensure_reference(&mut s);
    exchange::load_demo(&mut s, now).unwrap();
    let p = create_project(
        &mut s,
        ProjectFields {
            town_insee: "29024".into(),
            title: HOSTILE_TITLE.into(),
            summary: "Résumé\navec « guillemets » ; et des retours\r\nà la ligne".into(),
            ..Default::default()
        },
        now,
    );
    s.move_stage(
        p.id,
        StageMove {
            to: Stage::new(2).unwrap(),
            date: NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
            author: "CP".into(),
            note: "« étude » rendue ; d'accord ?".into(),
        },
        now,
    )
    .unwrap();
    later_tables(s.connection(), 2, migrate::LATEST, p.id);
}

// The API moved at schema 6 (the layers of issue 12): the reference data
// load through `desk::ensure_reference`, and a new project no longer names
// its author. scripts/make-schema-fixtures.sh builds commits at version 6
// and later with `--cfg desk_api`.
#[cfg(desk_api)]
fn ensure_reference(s: &mut Store) {
    bourgade_core::desk::ensure_reference(s).unwrap();
}
#[cfg(not(desk_api))]
fn ensure_reference(s: &mut Store) {
    s.ensure_reference().unwrap();
}
#[cfg(desk_api)]
fn create_project(s: &mut Store, f: ProjectFields, now: chrono::DateTime<Utc>) -> Project {
    s.create_project(f, now).unwrap()
}
#[cfg(not(desk_api))]
fn create_project(s: &mut Store, f: ProjectFields, now: chrono::DateTime<Utc>) -> Project {
    s.create_project(f, "Cheffe de projet", now).unwrap()
}

/// Rows of the tables added after version `was`, up to `version`.
fn later_tables(conn: &Connection, was: i64, version: i64, id: i64) {
    let adds = |v: i64| was < v && v <= version;
    if adds(3) {
        conn.execute_batch(&format!(
            "INSERT INTO funding_event (project_id, line_position, funder, scheme, from_status, to_status, date, amount, recorded_at)
             VALUES ({id}, 0, 'state', 'DETR', 'to_request', 'filed', '2026-01-05', 1234500, '2026-01-05T09:00:00Z');
             INSERT INTO scheme_call (scheme_code, year, opens_on, closes_on, note, created_at)
             VALUES ('DETR', 2026, '2025-11-01', '2026-01-31', 'Appel de la préfecture', '2026-01-02T09:00:00Z');
             INSERT INTO council_meeting (town_insee, date, title, note, created_at, updated_at)
             VALUES ('29024', '2026-02-12', 'Conseil municipal', '', '2026-01-02T09:00:00Z', '2026-01-02T09:00:00Z');
             INSERT INTO council_meeting_item (meeting_id, project_id, position)
             VALUES ((SELECT max(id) FROM council_meeting), {id}, 0);"
        ))
        .unwrap();
    }
    if adds(8) {
        conn.execute_batch(&format!(
            "INSERT INTO indicator (project_id, town_insee, position, code, label, unit, direction,
                baseline_value, baseline_date, target_value, target_date, readings)
             VALUES ({id}, NULL, 0, 'footfall', 'Fréquentation « test » ; ok', 'passages', 'up',
                0, '2026-01-01', 400, '2027-12-31', '[{{\"date\":\"2026-06-30\",\"value\":120,\"source\":\"comptage\"}}]');
             INSERT INTO indicator (project_id, town_insee, position, code, label, unit, direction,
                baseline_value, baseline_date, target_value, target_date, readings)
             VALUES (NULL, '29024', 0, 'commercial_vacancy', 'Vacance commerciale', '%', 'down',
                18.5, '2022-06-30', 12, '2026-12-31', '[]');
             INSERT INTO project_phase (project_id, position, kind, label, start, \"end\", budget)
             VALUES ({id}, 0, 'works', 'Travaux', '2026-02-01', '2026-11-30', 4000000);
             INSERT INTO project_year (project_id, year, nature, forecast, actual)
             VALUES ({id}, 2026, 'investment', 5000000, NULL);
             UPDATE project SET started_on = '2026-02-01' WHERE id = {id};"
        ))
        .unwrap();
    }
    if adds(4) {
        conn.execute(
            "INSERT INTO council_pack (town_insee, meeting_date, created_at, lang, project_ids, data, pdf)
             VALUES ('29024', '2026-02-12', '2026-01-15T10:00:00Z', 'fr', ?1, '{}', ?2)",
            rusqlite::params![format!("[{id}]"), b"%PDF-1.7 fixture\n%%EOF\n".to_vec()],
        )
        .unwrap();
    }
}

/// Keeps only the followed towns' geography (the full 34,969 communes
/// would make a 10 MB fixture), consistently with the search index.
fn trim(db: &Path) {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch(
        "DELETE FROM search_index WHERE rowid IN
             (SELECT id FROM search_entry WHERE kind = 'commune' AND ref NOT IN (SELECT insee FROM town));
         DELETE FROM search_entry WHERE kind = 'commune' AND ref NOT IN (SELECT insee FROM town);
         DELETE FROM commune WHERE insee NOT IN (SELECT insee FROM town);
         DELETE FROM epci WHERE code NOT IN (SELECT epci_code FROM commune WHERE epci_code IS NOT NULL);
         DELETE FROM departement WHERE code NOT IN (SELECT departement FROM commune);
         DELETE FROM region WHERE code NOT IN (SELECT region FROM commune);
         INSERT INTO search_index (search_index) VALUES ('optimize');
         VACUUM;",
    )
    .unwrap();
}

/// Every user table's rows, in rowid order, as JSON (blobs as length and
/// FNV-1a hash).
fn dump(conn: &Connection) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for table in USER_TABLES {
        let exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        if exists == 0 {
            continue;
        }
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        let n = columns.len();
        let rows: Vec<serde_json::Value> = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| Ok(value(r.get_ref(i)?)))
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map(serde_json::Value::Array)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        out.insert(
            table.to_string(),
            serde_json::json!({ "columns": columns, "rows": rows }),
        );
    }
    serde_json::Value::Object(out)
}

fn value(v: ValueRef) -> serde_json::Value {
    match v {
        ValueRef::Null => serde_json::Value::Null,
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
