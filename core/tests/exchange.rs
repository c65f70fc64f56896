//! Integration tests of the exchange formats (docs/EXCHANGE.md): the demo,
//! JSON and CSV round trips, all-or-nothing imports with line numbers, dry
//! runs, hostile texts and unknown references.

use bourgade_core::error::LineProblem;
use bourgade_core::exchange::{self, csv as xcsv, json as xjson, ImportReport};
use bourgade_core::model::{Money, Project, Stage};
use bourgade_core::store::{ProjectFilter, Store};
use bourgade_core::{Error, Result};
use std::collections::BTreeSet;

// ---------------------------------------------------------------- fixtures

/// A fresh in-memory database with the full shipped reference data.
// A fixed clock (`now`), so that exports can be compared byte for byte.
use bourgade_core::testing::{demo_now as now, demo_store, reference_store as store};

fn count(s: &Store) -> usize {
    s.projects(&ProjectFilter::default())
        .expect("projects list")
        .len()
}

fn towns(s: &Store) -> Vec<(String, bool)> {
    s.towns()
        .expect("towns list")
        .into_iter()
        .map(|t| (t.commune.insee, t.is_demo))
        .collect()
}

fn project_by_uid(s: &Store, uid: &str) -> Project {
    let id = s
        .project_id_by_uid(uid)
        .expect("uid lookup")
        .unwrap_or_else(|| panic!("a project with uid {uid} should have been imported"));
    s.project(id).expect("project readable")
}

/// The problems of a refused import; any other outcome fails the test.
fn import_problems(r: Result<ImportReport>) -> Vec<LineProblem> {
    match r {
        Err(Error::Import(ps)) => ps,
        Err(e) => panic!("expected Error::Import, got another error: {e:?}"),
        Ok(rep) => panic!("expected the import to be refused, it succeeded: {rep:?}"),
    }
}

fn show(ps: &[LineProblem]) -> String {
    ps.iter()
        .map(|p| format!("line {} [{}] {}", p.line, p.problem.field, p.problem.fr))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A CSV file as Excel writes it: `;`, CRLF, every cell quoted as needed.
fn csv_file(rows: &[&[&str]]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(*r).expect("csv record");
    }
    w.into_inner().expect("csv bytes")
}

/// The cells of a CSV export (BOM stripped), header included.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .expect("export starts with a BOM");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body);
    r.records()
        .map(|rec| {
            rec.expect("export is valid CSV")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("the export has a {name} column"))
}

// -------------------------------------------------------------------- demo

#[test]
fn demo_loads_a_full_portfolio_and_loading_twice_does_not_duplicate() {
    let mut s = store();
    let report = exchange::load_demo(&mut s, now()).expect("the shipped demo loads");
    assert_eq!(report.updated, 0, "a fresh database has nothing to update");
    assert!(
        report.created >= 12,
        "the demo should hold at least 12 projects, created {}",
        report.created
    );
    let n = count(&s);
    assert_eq!(n, report.created, "every created project is listed");

    let details = s.project_details().expect("details");
    let stages: BTreeSet<u8> = details
        .iter()
        .map(|d| d.project.fields.stage.number())
        .collect();
    let all: BTreeSet<u8> = Stage::all().map(Stage::number).collect();
    assert_eq!(
        stages, all,
        "the demo should show every stage 0..8 of the pipeline"
    );
    assert!(
        details.iter().any(|d| !d.lines.funding_lines.is_empty()),
        "the demo should hold funding lines"
    );
    assert!(
        details.iter().any(|d| !d.lines.milestones.is_empty()),
        "the demo should hold milestones"
    );
    assert!(
        details.iter().any(|d| !d.lines.actors.is_empty()),
        "the demo should link SSE actors"
    );
    assert!(
        details.iter().all(|d| !d.lines.stage_events.is_empty()),
        "every demo project has a stage history"
    );
    assert!(
        details
            .iter()
            .all(|d| d.project.fields.town_insee == "29024"),
        "every demo project is in Carhaix-Plouguer"
    );

    assert_eq!(
        towns(&s),
        vec![("29024".to_owned(), true)],
        "Carhaix-Plouguer (29024) is followed and marked as the demo town"
    );

    let before = xjson::export(&s, now()).expect("export");
    let again = exchange::load_demo(&mut s, now()).expect("the demo loads a second time");
    assert_eq!(
        (again.created, again.updated),
        (0, n),
        "a second load updates the same projects instead of adding copies"
    );
    assert_eq!(
        count(&s),
        n,
        "loading the demo twice must not duplicate projects"
    );
    assert_eq!(
        towns(&s),
        vec![("29024".to_owned(), true)],
        "the demo town is still followed once"
    );
    assert_eq!(
        xjson::export(&s, now()).expect("export"),
        before,
        "a second load leaves the portfolio exactly as it was"
    );
}

// -------------------------------------------------------------------- JSON

#[test]
fn json_round_trip_is_lossless_and_reimport_updates_by_uid() {
    let mut a = demo_store();
    let first = xjson::export(&a, now()).expect("export of the demo");
    assert!(
        first.contains("\"exported_at\": \"2026-11-23T09:30:00Z\""),
        "exported_at is the given instant in RFC 3339 UTC"
    );

    let mut b = store();
    let report = xjson::import_str(&mut b, &first, xjson::Options::default(), now())
        .expect("an export imports into an empty database");
    assert_eq!(
        (report.created, report.updated),
        (count(&a), 0),
        "every project is new in an empty database"
    );
    assert_eq!(
        report.towns_added,
        vec!["29024".to_owned()],
        "the town of the projects is added"
    );
    let second = xjson::export(&b, now()).expect("export of the copy");
    assert!(
        first == second,
        "export → import → export must give the same bytes (lossless)"
    );
    assert_eq!(
        towns(&b),
        vec![("29024".to_owned(), true)],
        "the demo flag of the town travels too"
    );

    let n = count(&a);
    let events_before: usize = a
        .project_details()
        .unwrap()
        .iter()
        .map(|d| d.lines.stage_events.len())
        .sum();
    let report = xjson::import_str(&mut a, &first, xjson::Options::default(), now())
        .expect("re-import into the same database");
    assert_eq!(
        (report.created, report.updated),
        (0, n),
        "every project is matched by its uid"
    );
    assert_eq!(
        count(&a),
        n,
        "re-importing an export into its own database must not duplicate projects"
    );
    let events_after: usize = a
        .project_details()
        .unwrap()
        .iter()
        .map(|d| d.lines.stage_events.len())
        .sum();
    assert_eq!(
        events_after, events_before,
        "replacing a project's lines must not duplicate its history"
    );
    assert!(
        xjson::export(&a, now()).unwrap() == first,
        "re-importing an export changes nothing"
    );
}

#[test]
fn json_minimal_project_gets_defaults_and_money_with_cents_is_exact() {
    let mut s = store();
    let src = r#"{"projects": [{"uid": "m-1", "town_insee": "29024", "title": "Halle", "cost_excl_vat": 1234.5, "cost_incl_vat": 1481.4}]}"#;
    xjson::import_str(&mut s, src, xjson::Options::default(), now())
        .expect("only title and town are required");
    let p = project_by_uid(&s, "m-1");
    assert_eq!(p.fields.stage.number(), 0, "stage defaults to 0");
    assert_eq!(
        p.fields.cost_excl_vat,
        Some(Money(123_450)),
        "1234.5 € is 123450 cents"
    );
    assert_eq!(
        p.fields.cost_incl_vat,
        Some(Money(148_140)),
        "1481.4 € is 148140 cents, no binary rounding"
    );
    let d = s.project_detail(p.id).unwrap();
    assert_eq!(
        d.lines.stage_events.len(),
        1,
        "a project imported without history gets its first stage event"
    );
}

#[test]
fn json_new_project_with_lines_but_no_history_keeps_a_first_stage_event() {
    let mut s = store();
    let src = r#"{"projects": [{"uid": "m-2", "town_insee": "29024", "title": "Halle", "stage": 2,
        "milestones": [{"title": "Dépôt du permis", "due_date": "2026-04-15"}]}]}"#;
    xjson::import_str(&mut s, src, xjson::Options::default(), now())
        .expect("a project with a milestone imports");
    let d = s.project_detail(project_by_uid(&s, "m-2").id).unwrap();
    assert_eq!(d.lines.milestones.len(), 1, "the milestone is imported");
    assert_eq!(
        d.lines.stage_events.len(),
        1,
        "a project imported without history gets its first stage event (StageEvent::first), even when it has other lines"
    );
}

#[test]
fn json_import_is_all_or_nothing_with_the_line_of_each_projects_brace() {
    let mut s = demo_store();
    let n = count(&s);
    let before = xjson::export(&s, now()).unwrap();
    // Line numbers: the good project opens on line 5, the bad one on line 9.
    let src = [
        r#"{"#,
        r#"  "format": "bourgade-export","#,
        r#"  "format_version": 1,"#,
        r#"  "projects": ["#,
        r#"    {"#,
        r#"      "town_insee": "29024","#,
        r#"      "title": "Projet correct""#,
        r#"    },"#,
        r#"    {"#,
        r#"      "town_insee": "29024","#,
        r#"      "title": "Projet fautif","#,
        r#"      "titel": "faute de frappe","#,
        r#"      "stage": 12"#,
        r#"    }"#,
        r#"  ]"#,
        r#"}"#,
    ]
    .join("\n");
    let src = src.as_str();
    assert_eq!(
        src.lines().nth(8),
        Some("    {"),
        "fixture: the second project opens on line 9"
    );
    let ps = import_problems(xjson::import_str(
        &mut s,
        src,
        xjson::Options::default(),
        now(),
    ));
    let all = show(&ps);
    assert!(
        ps.iter().all(|p| p.line == 9),
        "every problem is in the second project, reported at its opening brace (line 9):\n{all}"
    );
    assert!(
        ps.iter()
            .any(|p| p.problem.fr.contains("champ inconnu « titel »")),
        "the misspelt field is named in French:\n{all}"
    );
    assert!(
        ps.iter()
            .any(|p| p.problem.fr.contains("Étape") && p.problem.fr.contains("12")),
        "the stage out of range is named in French with its value:\n{all}"
    );
    assert_eq!(
        ps.len(),
        2,
        "exactly the two problems, nothing about the good project:\n{all}"
    );
    assert_eq!(
        count(&s),
        n,
        "nothing is written when one project is refused (not even the good one)"
    );
    assert_eq!(
        xjson::export(&s, now()).unwrap(),
        before,
        "the database is exactly as before"
    );
}

#[test]
fn json_bad_line_values_are_reported_at_the_projects_brace() {
    let mut s = store();
    let src = [
        r#"{"projects": ["#,
        r#"  {"town_insee": "29024", "title": "Un"},"#,
        r#"  {"town_insee": "29024", "title": "Deux","#,
        r#"   "funding_lines": ["#,
        r#"     {"funder": "state", "kind": "grant", "nature": "investment", "status": "filed"},"#,
        r#"     {"funder": "state", "kind": "grant", "nature": "investment", "status": "filed","#,
        r#"      "deadline": "2026-02-30"}"#,
        r#"   ]"#,
        r#"  }"#,
        r#"]}"#,
    ]
    .join("\n");
    let src = src.as_str();
    let ps = import_problems(xjson::import_str(
        &mut s,
        src,
        xjson::Options::default(),
        now(),
    ));
    let all = show(&ps);
    assert_eq!(ps.len(), 1, "one problem, the impossible date:\n{all}");
    assert_eq!(
        ps[0].line, 3,
        "the problem is reported at the line of the project's opening brace:\n{all}"
    );
    assert_eq!(
        ps[0].problem.field, "funding_lines[2]",
        "the problem names the funding line at fault (the second), not just the project:\n{all}"
    );
    assert!(
        ps[0].problem.fr.contains("funding_lines[2]"),
        "the message tells the user which line to fix:\n{all}"
    );
    assert_eq!(count(&s), 0, "nothing is written");
    assert!(towns(&s).is_empty(), "not even the town is added");
}

#[test]
fn json_dry_run_reports_and_writes_nothing() {
    let mut s = demo_store();
    let export = xjson::export(&s, now()).unwrap();
    let n = count(&s);
    let src = r#"{"projects": [
        {"town_insee": "70467", "title": "Pôle ESS"},
        {"town_insee": "29024", "title": "Halle"}
    ]}"#;
    let mut with_update: serde_json::Value = serde_json::from_str(&export).unwrap();
    let extra: serde_json::Value = serde_json::from_str(src).unwrap();
    with_update["projects"].as_array_mut().unwrap().truncate(1);
    with_update["projects"]
        .as_array_mut()
        .unwrap()
        .extend(extra["projects"].as_array().unwrap().iter().cloned());
    let text = serde_json::to_string_pretty(&with_update).unwrap();

    let report = xjson::import_str(
        &mut s,
        &text,
        xjson::Options {
            dry_run: true,
            demo: false,
        },
        now(),
    )
    .expect("a valid file passes the dry run");
    assert!(report.dry_run, "the report says it was a dry run");
    assert_eq!(
        (report.created, report.updated),
        (2, 1),
        "two projects without uid would be created, the one with a known uid updated"
    );
    assert_eq!(
        report.towns_added,
        vec!["70467".to_owned()],
        "Saint-Loup-sur-Semouse would be added"
    );
    assert_eq!(count(&s), n, "a dry run creates nothing");
    assert_eq!(
        towns(&s),
        vec![("29024".to_owned(), true)],
        "a dry run adds no town"
    );
    assert_eq!(
        xjson::export(&s, now()).unwrap(),
        export,
        "a dry run changes nothing at all"
    );

    let report = xjson::import_str(&mut s, &text, xjson::Options::default(), now())
        .expect("then the real import");
    assert_eq!(
        (report.created, report.updated),
        (2, 1),
        "the real import does what the dry run announced"
    );
    assert_eq!(count(&s), n + 2, "two projects were added");
}

// --------------------------------------------------------------------- CSV

#[test]
fn csv_round_trip_is_identical_and_follows_the_french_spreadsheet_conventions() {
    let mut a = demo_store();
    let src = r#"{"projects": [
        {"uid": "cents", "town_insee": "29024", "title": "=SOMME(A1:A9)", "cost_excl_vat": 1234.5, "cost_incl_vat": 1481.4}
    ]}"#;
    xjson::import_str(&mut a, src, xjson::Options::default(), now())
        .expect("a project with cents and a formula-like title");
    let first = xcsv::export(&a).expect("CSV export");

    assert!(
        first.starts_with(&[0xEF, 0xBB, 0xBF]),
        "the CSV starts with the UTF-8 BOM (Excel needs it to read UTF-8)"
    );
    let text = std::str::from_utf8(&first[3..]).expect("the export is UTF-8");
    assert!(
        text.starts_with(&(xcsv::HEADERS.join(";") + "\r\n")),
        "the first line is the documented headers, `;`-separated, ended by CRLF"
    );
    assert!(!text.replace("\r\n", "").contains('\r'), "no bare CR");
    assert_eq!(
        text.matches("\r\n").count(),
        count(&a) + 1,
        "one CRLF per line (header + one row per project; the demo has no newline inside a cell)"
    );
    let rows = csv_rows(&first);
    assert_eq!(
        rows.len(),
        count(&a) + 1,
        "a header and one row per project"
    );
    assert!(
        rows.iter().all(|r| r.len() == 24),
        "every row has the 24 documented columns"
    );
    let (ht, ttc, title) = (
        column(&rows, "cout_ht"),
        column(&rows, "cout_ttc"),
        column(&rows, "titre"),
    );
    assert!(
        rows.iter().any(|r| r[ht] == "1450000"),
        "a whole amount is written without decimals or separators (1450000)"
    );
    let cents = rows
        .iter()
        .find(|r| r[1] == "cents")
        .expect("the project with cents is exported");
    assert_eq!(
        (cents[ht].as_str(), cents[ttc].as_str()),
        ("1234,50", "1481,40"),
        "cents use a decimal comma and two digits"
    );
    assert_eq!(cents[title], "'=SOMME(A1:A9)", "a title starting with = is written with a leading apostrophe so it is not run as a formula");

    let mut b = store();
    let report = xcsv::import_bytes(&mut b, &first, false, now())
        .expect("the CSV export imports into an empty database");
    assert_eq!(
        (report.created, report.updated),
        (count(&a), 0),
        "every row is a new project"
    );
    assert_eq!(
        report.towns_added,
        vec!["29024".to_owned()],
        "the town is added automatically"
    );
    assert!(
        report.notes.is_empty(),
        "a UTF-8 file needs no encoding note: {:?}",
        report.notes
    );
    assert_eq!(
        project_by_uid(&b, "cents").fields.title,
        "=SOMME(A1:A9)",
        "the apostrophe is removed again on import"
    );
    assert_eq!(
        project_by_uid(&b, "cents").fields.cost_excl_vat,
        Some(Money(123_450)),
        "1234,50 is read back as 123450 cents"
    );
    let second = xcsv::export(&b).expect("CSV export of the copy");
    assert!(
        first == second,
        "CSV export → import → export gives the same bytes"
    );
}

#[test]
fn csv_reimport_into_the_same_database_updates_own_fields_and_keeps_the_lines() {
    let mut s = demo_store();
    let json_before = xjson::export(&s, now()).unwrap();
    let n = count(&s);
    let file = xcsv::export(&s).unwrap();
    let report = xcsv::import_bytes(&mut s, &file, false, now())
        .expect("a CSV export imports back into its database");
    assert_eq!(
        (report.created, report.updated),
        (0, n),
        "every row is matched by its uid"
    );
    assert_eq!(count(&s), n, "no duplicate");
    assert!(
        xjson::export(&s, now()).unwrap() == json_before,
        "re-importing unchanged rows changes nothing: funding lines, milestones, history are kept"
    );
}

#[test]
fn csv_import_is_all_or_nothing_with_file_line_numbers() {
    let mut s = demo_store();
    let n = count(&s);
    let before = xjson::export(&s, now()).unwrap();
    let file = csv_file(&[
        &["commune_insee", "titre", "sante", "debut_prevu", "cout_ht"],
        &["29024", "Projet correct", "on_track", "2026-03-01", "1000"],
        &["29024", "Santé inconnue", "en_forme", "", ""],
        &["29024", "Date et montant", "", "2026-13-45", "douze mille"],
    ]);
    let ps = import_problems(xcsv::import_bytes(&mut s, &file, false, now()));
    let all = show(&ps);
    assert_eq!(ps.len(), 3, "one problem on line 3, two on line 4:\n{all}");
    assert!(
        ps.iter().all(|p| p.line != 2),
        "the correct row (line 2) has no problem:\n{all}"
    );

    let health = ps
        .iter()
        .find(|p| p.problem.field == "sante")
        .unwrap_or_else(|| panic!("a problem on column sante:\n{all}"));
    assert_eq!(
        health.line, 3,
        "the header is line 1, so the second row is line 3:\n{all}"
    );
    assert!(
        health.problem.fr.contains("État de santé")
            && health.problem.fr.contains("« en_forme »")
            && health.problem.fr.contains("on_track"),
        "French message naming the column, the bad value and the accepted codes: {}",
        health.problem.fr
    );
    let date = ps
        .iter()
        .find(|p| p.problem.field == "debut_prevu")
        .unwrap_or_else(|| panic!("a problem on column debut_prevu:\n{all}"));
    assert_eq!(date.line, 4, "the third row is line 4:\n{all}");
    assert!(
        date.problem.fr.contains("Début prévu") && date.problem.fr.contains("2026-13-45"),
        "French, names the column and value: {}",
        date.problem.fr
    );
    let money = ps
        .iter()
        .find(|p| p.problem.field == "cout_ht")
        .unwrap_or_else(|| panic!("a problem on column cout_ht:\n{all}"));
    assert_eq!(money.line, 4, "the third row is line 4:\n{all}");
    assert!(
        money.problem.fr.contains("Coût HT") && money.problem.fr.contains("douze mille"),
        "French, names the column and value: {}",
        money.problem.fr
    );
    let e = Error::Import(ps.clone()).message(bourgade_core::Lang::Fr);
    assert!(
        e.contains("rien n'a été modifié") && e.contains("Ligne 3 : "),
        "the user sees the French summary with line numbers: {e}"
    );

    assert_eq!(
        count(&s),
        n,
        "nothing is imported, not even the correct first row"
    );
    assert!(
        s.projects(&ProjectFilter {
            search: Some("correct".into()),
            ..Default::default()
        })
        .unwrap()
        .is_empty(),
        "row 1 is not imported"
    );
    assert_eq!(
        xjson::export(&s, now()).unwrap(),
        before,
        "the database is exactly as before"
    );
}

#[test]
fn csv_line_numbers_count_newlines_inside_cells() {
    let mut s = store();
    let file = csv_file(&[
        &["commune_insee", "titre", "resume"],
        &[
            "29024",
            "Projet correct",
            "première ligne\r\ndeuxième ligne\r\ntroisième",
        ],
        &["29024", "Santé", ""],
        &["29024", "", ""],
    ]);
    let ps = import_problems(xcsv::import_bytes(&mut s, &file, false, now()));
    let all = show(&ps);
    assert_eq!(ps.len(), 1, "only the missing title:\n{all}");
    assert_eq!(
        ps[0].line, 6,
        "the summary of line 2 spans 3 lines, so the 3rd row starts on line 6 of the file:\n{all}"
    );
    assert!(
        ps[0].problem.fr.contains("Titre du projet"),
        "French message naming the title: {}",
        ps[0].problem.fr
    );
}

#[test]
fn csv_dry_run_reports_and_writes_nothing() {
    let mut s = demo_store();
    let n = count(&s);
    let before = xjson::export(&s, now()).unwrap();
    let export = xcsv::export(&s).unwrap();
    let rows = csv_rows(&export);
    let uid = rows[1][1].clone();
    let file = csv_file(&[
        &["uid", "commune_insee", "titre"],
        &[&uid, "29024", "Nouveau titre"],
        &["", "70467", "Pôle ESS"],
    ]);
    let report =
        xcsv::import_bytes(&mut s, &file, true, now()).expect("a valid file passes the dry run");
    assert!(report.dry_run, "the report says it was a dry run");
    assert_eq!(
        (report.created, report.updated),
        (1, 1),
        "one known uid updated, one new project"
    );
    assert_eq!(
        report.towns_added,
        vec!["70467".to_owned()],
        "the new town would be added"
    );
    assert_eq!(count(&s), n, "a dry run creates nothing");
    assert_eq!(
        xjson::export(&s, now()).unwrap(),
        before,
        "a dry run changes nothing at all"
    );
}

#[test]
fn csv_in_windows_1252_is_decoded_with_a_note() {
    let mut s = store();
    let bytes =
        b"titre;commune_insee;uid\r\nR\xe9fection de l'\xe9glise \x80 \x9cuvre;29024;w-1\r\n";
    let report = xcsv::import_bytes(&mut s, bytes, false, now())
        .expect("an Excel file in Windows-1252 imports");
    assert_eq!(
        project_by_uid(&s, "w-1").fields.title,
        "Réfection de l'église € œuvre",
        "\\xe9 is é, \\x80 is €, \\x9c is œ in Windows-1252"
    );
    assert!(
        report.notes.iter().any(|n| n.contains("Windows-1252")),
        "the user is told the file was read as Windows-1252: {:?}",
        report.notes
    );
}

// --------------------------------------------------------- hostile strings

fn hostile() -> Vec<String> {
    vec![
        "<img src=x onerror=alert(1)>".into(),
        "<script>alert('x')</script>".into(),
        "'); DROP TABLE project;--".into(),
        "\u{202e}שלום עולם — מיזם".into(),
        "zéro\u{200b}largeur\u{200b}".into(),
        "Fête 🎉 👩‍👩‍👧 🇫🇷".into(),
        "ligne 1\nligne 2\r\nligne 3 ; \"entre guillemets\" ; fin".into(),
        "=HYPERLINK(\"http://evil.example\";\"clic\")".into(),
        "+33 6 12 34 56 78".into(),
        "-10 % de vacance".into(),
        "@SOMME(A1)".into(),
        "'=déjà protégé".into(),
        "''double apostrophe".into(),
        "'".into(),
        "x;\"é\n".repeat(25_000) + "fin",
    ]
}

#[test]
fn hostile_strings_survive_json_import_and_export_exactly() {
    let mut s = store();
    let texts = hostile();
    assert!(
        texts.last().unwrap().chars().count() > 100_000,
        "fixture: one title is over 100,000 characters"
    );
    let projects: Vec<serde_json::Value> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({ "uid": format!("h-{i}"), "town_insee": "29024", "title": t, "summary": t, "lead": t }))
        .collect();
    let src = serde_json::json!({ "format": "bourgade-export", "format_version": 1, "projects": projects }).to_string();
    xjson::import_str(&mut s, &src, xjson::Options::default(), now())
        .expect("hostile texts are valid texts");
    for (i, t) in texts.iter().enumerate() {
        let p = project_by_uid(&s, &format!("h-{i}"));
        assert!(
            p.fields.title == *t && p.fields.summary == *t && p.fields.lead == *t,
            "text #{i} is stored exactly as given"
        );
    }
    assert_eq!(
        towns(&s).len(),
        1,
        "the SQL-looking title did not touch the database's structure"
    );

    let out = xjson::export(&s, now()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).expect("the export is valid JSON");
    let exported: Vec<&str> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert!(
        exported == texts.iter().map(String::as_str).collect::<Vec<_>>(),
        "every title is exported exactly, in order"
    );
    let mut b = store();
    xjson::import_str(&mut b, &out, xjson::Options::default(), now()).expect("the export imports");
    assert!(
        xjson::export(&b, now()).unwrap() == out,
        "and exports again to the same bytes"
    );
}

#[test]
fn hostile_strings_survive_csv_import_and_export_exactly() {
    let mut s = store();
    let texts = hostile();
    let mut rows: Vec<Vec<String>> = vec![vec![
        "uid".into(),
        "commune_insee".into(),
        "titre".into(),
        "resume".into(),
        "pilote".into(),
    ]];
    // Cells as a user would type them in a spreadsheet: the formula-like ones are
    // the way Bourgade writes them (leading apostrophe), so that they come back.
    for (i, t) in texts.iter().enumerate() {
        rows.push(vec![
            format!("h-{i}"),
            "29024".into(),
            t.clone(),
            t.clone(),
            t.clone(),
        ]);
    }
    let json_src = serde_json::json!({
        "projects": texts.iter().enumerate()
            .map(|(i, t)| serde_json::json!({ "uid": format!("h-{i}"), "town_insee": "29024", "title": t, "summary": t, "lead": t }))
            .collect::<Vec<_>>()
    })
    .to_string();
    xjson::import_str(&mut s, &json_src, xjson::Options::default(), now())
        .expect("hostile texts are valid texts");
    let file = xcsv::export(&s).expect("CSV export of hostile texts");

    let cells = csv_rows(&file);
    let title = column(&cells, "titre");
    for (i, t) in texts.iter().enumerate() {
        let cell = &cells[i + 1][title];
        if t.starts_with(['=', '+', '-', '@']) {
            assert_eq!(*cell, format!("'{t}"), "a cell that a spreadsheet would run as a formula is written with a leading apostrophe");
        }
    }

    let mut b = store();
    xcsv::import_bytes(&mut b, &file, false, now())
        .expect("the CSV export of hostile texts imports");
    for (i, t) in texts.iter().enumerate() {
        let p = project_by_uid(&b, &format!("h-{i}"));
        assert!(
            p.fields.title == *t,
            "title #{i} comes back exactly from CSV: got {:?}",
            p.fields.title.chars().take(60).collect::<String>()
        );
        assert!(
            p.fields.summary == *t && p.fields.lead == *t,
            "summary and lead #{i} come back exactly from CSV"
        );
    }
    assert!(
        xcsv::export(&b).unwrap() == file,
        "and the CSV exports again to the same bytes"
    );

    // Typed by hand (not through an export): quotes, `;` and newlines inside cells.
    let mut c = store();
    let raw: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let raw: Vec<&[&str]> = raw.iter().map(Vec::as_slice).collect();
    xcsv::import_bytes(&mut c, &csv_file(&raw), false, now())
        .expect("a hand-made CSV of hostile texts imports");
    for (i, t) in texts.iter().enumerate() {
        let p = project_by_uid(&c, &format!("h-{i}"));
        let expected = if t.starts_with('\'') && t[1..].starts_with(['=', '+', '-', '@', '\'']) {
            &t[1..]
        } else {
            t.as_str()
        };
        assert!(
            p.fields.title == expected,
            "hand-typed cell #{i} is read as the spreadsheet shows it: got {:?}",
            p.fields.title.chars().take(60).collect::<String>()
        );
    }
}

// ------------------------------------------------------- unknown references

#[test]
fn unknown_commune_is_refused_in_french_in_json_and_csv() {
    let mut s = store();
    let src = r#"{"projects": [{"town_insee": "99999", "title": "Nulle part"}]}"#;
    let ps = import_problems(xjson::import_str(
        &mut s,
        src,
        xjson::Options::default(),
        now(),
    ));
    assert!(
        ps.iter()
            .any(|p| p.problem.fr.contains("99999") && p.problem.fr.contains("aucune commune")),
        "the French message says no commune has this code:\n{}",
        show(&ps)
    );
    let src = r#"{"towns": [{"insee": "99999"}], "projects": []}"#;
    let ps = import_problems(xjson::import_str(
        &mut s,
        src,
        xjson::Options::default(),
        now(),
    ));
    assert!(
        ps.iter().any(|p| p.problem.fr.contains("aucune commune")),
        "an unknown followed town is refused too:\n{}",
        show(&ps)
    );

    let file = csv_file(&[&["commune_insee", "titre"], &["99999", "Nulle part"]]);
    let ps = import_problems(xcsv::import_bytes(&mut s, &file, false, now()));
    assert_eq!(ps.len(), 1, "one problem:\n{}", show(&ps));
    assert_eq!(ps[0].line, 2, "on the first row:\n{}", show(&ps));
    assert!(
        ps[0].problem.fr.contains("aucune commune"),
        "French message: {}",
        ps[0].problem.fr
    );
    assert_eq!(count(&s), 0, "nothing written");
    assert!(towns(&s).is_empty(), "no town added");
}

#[test]
fn link_to_an_unknown_actor_is_refused_naming_the_id() {
    let mut s = store();
    let src = r#"{"projects": [{"town_insee": "29024", "title": "Tiers-lieu",
        "actors": [{"actor_id": "france-active-bretagne"}, {"actor_id": "acteur-fantome-42"}]}]}"#;
    let ps = import_problems(xjson::import_str(
        &mut s,
        src,
        xjson::Options::default(),
        now(),
    ));
    let all = show(&ps);
    assert_eq!(
        ps.len(),
        1,
        "only the unknown actor is a problem, the catalogue one is fine:\n{all}"
    );
    assert!(
        ps[0].problem.fr.contains("acteur-fantome-42"),
        "the French message names the unknown id:\n{all}"
    );
    assert_eq!(
        ps[0].problem.field, "actors[1].actor_id",
        "the field points at the second link:\n{all}"
    );
    assert_eq!(count(&s), 0, "nothing written");

    let with_local = r#"{"local_actors": [{"id": "acteur-fantome-42", "name": "Collectif local", "kind": "local", "scope": "local"}],
        "projects": [{"uid": "t-1", "town_insee": "29024", "title": "Tiers-lieu", "actors": [{"actor_id": "acteur-fantome-42"}]}]}"#;
    let report = xjson::import_str(&mut s, with_local, xjson::Options::default(), now())
        .expect("an actor defined in the same file can be linked");
    assert_eq!(report.actors_saved, 1, "the local actor is saved");
    let d = s.project_detail(project_by_uid(&s, "t-1").id).unwrap();
    assert_eq!(
        d.lines.actors[0].actor_id, "acteur-fantome-42",
        "and linked"
    );
}

#[test]
fn csv_line_numbers_hold_for_unix_line_ends_and_blank_lines() {
    let mut s = store();
    // LF only (a file written on Linux or macOS), with a blank line before the bad row.
    let file = "commune_insee;titre;etape\n29024;Projet correct;1\n\n29024;Étape fausse;9\n";
    let ps = import_problems(xcsv::import_bytes(&mut s, file.as_bytes(), false, now()));
    let all = show(&ps);
    assert_eq!(ps.len(), 1, "only the stage out of range:\n{all}");
    assert_eq!(
        ps[0].line, 4,
        "the bad row is on line 4 of the file (after a blank line 3):\n{all}"
    );
    assert!(
        ps[0].problem.fr.contains("Étape") && ps[0].problem.fr.contains('9'),
        "French message naming the stage and the value:\n{all}"
    );
    assert_eq!(count(&s), 0, "nothing written");
}
