//! The national platforms' formats (docs/EXCHANGE.md): the Les Communs
//! export validated by the real `frictionless` package against the vendored
//! Table Schemas, every value of its mapping; the Aides-territoires import
//! on the two real département feeds and the official template, with its
//! French errors; Territoires en Transitions' plan template in and out.
//!
//! One `python3` process validates every file at once, so the whole file
//! runs in seconds.

use bourgade_core::desk;
use bourgade_core::error::Error;
use bourgade_core::exchange::aides::{self, AidsOptions};
use bourgade_core::exchange::communs::{self, CommunsFormat};
use bourgade_core::exchange::tet;
use bourgade_core::matching::aids::AidReasonCode;
use bourgade_core::model::*;
use bourgade_core::store::Store;
use bourgade_core::testing::{day, demo_now, demo_store, reference_store};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const INTEROP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/interop");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/interop");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("bourgade-interop-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Validates files of `dir` (relative names: frictionless refuses absolute
/// data paths as unsafe) against schemas, in one python3 process. Returns,
/// per file, its row count and its errors.
fn frictionless(dir: &Path, files: &[(&str, &str)]) -> HashMap<String, (u64, Vec<String>)> {
    const SCRIPT: &str = r#"
import json, sys
try:
    import frictionless
except ImportError:
    print("MISSING")
    sys.exit(0)
out = {}
for name, schema in json.loads(sys.argv[1]):
    report = frictionless.validate(name, schema=frictionless.Schema.from_descriptor(json.load(open(schema, encoding="utf-8"))))
    task = report.tasks[0] if report.tasks else None
    errors = [e.message for e in report.errors] + ([e.message for e in task.errors] if task else [])
    out[name] = [task.stats.get("rows") or 0 if task else 0, errors]
print(json.dumps(out))
"#;
    let arg = serde_json::to_string(files).unwrap();
    let run = std::process::Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(&arg)
        .current_dir(dir)
        .output();
    let hint = "frictionless est absent : lancez scripts/install-deps.sh --test (il installe le paquet PyPI frictionless pour le python3 des tests)";
    let out = match run {
        Ok(o) => o,
        Err(e) => panic!("python3 introuvable ({e}) — {hint}"),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.trim().starts_with("MISSING"), "{hint}");
    assert!(
        out.status.success(),
        "frictionless a échoué : {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: HashMap<String, (u64, Vec<String>)> =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    v
}

/// Texts that broke other formats: quotes, separators, formulas, controls,
/// right-to-left, emoji, a very long text.
fn hostile() -> Vec<String> {
    vec![
        "\"><svg/onload=alert(1)> , ; « guillemets » \"doubles\"".into(),
        "=HYPERLINK(\"http://evil.example\";\"clic\")".into(),
        "+cmd|' /C calc'!A0".into(),
        "bip\u{7} esc\u{1b}[31m tab\tcr\rlf\nfin\u{85}\u{2028}x".into(),
        "\u{202e}fdp.exe — שלום עולם — مشروع السوق".into(),
        "Fête 🎉 👩‍👩‍👧 🇫🇷 zé\u{200b}ro\u{feff}y".into(),
        "[\"90-31\"] {\"json\": true} \\ backslash".into(),
        "Revitalisation du centre-bourg "
            .repeat(2_000)
            .trim_end()
            .to_owned(),
    ]
}

fn hostile_store() -> Store {
    let mut s = demo_store();
    for (i, t) in hostile().iter().enumerate() {
        let owner = if i % 2 == 0 {
            OwnerKind::Epci
        } else {
            OwnerKind::Commune
        };
        s.create_project(
            ProjectFields {
                town_insee: "29024".into(),
                title: t.clone(),
                summary: t.clone(),
                context: t.clone(),
                proposal: t.clone(),
                risks: t.clone(),
                lead: t.clone(),
                elected_lead: t.clone(),
                themes: Theme::ALL.to_vec(),
                ort_axis: Some(Axis::ALL[i % Axis::ALL.len()]),
                stage: Stage::new((i % 9) as i64).unwrap(),
                health: Health::ALL[i % Health::ALL.len()],
                owner_kind: owner,
                cost_excl_vat: Some(Money::from_euros_f64(1234.5).unwrap()),
                ..Default::default()
            },
            demo_now(),
        )
        .unwrap();
    }
    s
}

#[test]
fn communs_exports_of_the_demo_and_hostile_text_are_valid_for_frictionless() {
    let s = hostile_store();
    let n = s.project_details().unwrap().len();
    let dir = temp("communs");
    assert_eq!(
        communs::export(&s, CommunsFormat::Csv, None, &dir.join("projets.csv")).unwrap(),
        n
    );
    communs::export(&s, CommunsFormat::DraftV02, None, &dir.join("v02")).unwrap();
    let lines: usize = s
        .project_details()
        .unwrap()
        .iter()
        .map(|d| d.lines.funding_lines.len())
        .sum();
    let v01 = format!("{INTEROP}/communs-v0.1.0/projets-territoire.schema.json");
    let ops = format!("{INTEROP}/communs-v0.2.0-draft/operations.schema.json");
    let fins = format!("{INTEROP}/communs-v0.2.0-draft/financements.schema.json");
    let report = frictionless(
        &dir,
        &[
            ("projets.csv", &v01),
            ("v02/operations.csv", &ops),
            ("v02/financements.csv", &fins),
        ],
    );
    for (file, rows) in [
        ("projets.csv", n),
        ("v02/operations.csv", n),
        ("v02/financements.csv", lines),
    ] {
        let (got, errors) = &report[file];
        assert!(errors.is_empty(), "{file}: {errors:#?}");
        assert_eq!(*got as usize, rows, "{file}: every row read");
    }
    // The hostile texts come back as typed: the CSV is for the platform,
    // not a spreadsheet.
    let mut r = csv::Reader::from_path(dir.join("projets.csv")).unwrap();
    let names: Vec<String> = r.records().map(|rec| rec.unwrap()[3].to_owned()).collect();
    for t in hostile() {
        assert!(
            names.contains(&t),
            "{}",
            t.chars().take(30).collect::<String>()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn schema_enum(schema: &str, field: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(schema).unwrap();
    v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == field)
        .unwrap()["constraints"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn communs_mapping_of_every_value() {
    let phases = schema_enum(communs::SCHEMA_V01, "phase");
    let statuses = schema_enum(communs::SCHEMA_V01, "phaseStatut");
    let api: Value = serde_json::from_str(communs::API_VALUES).unwrap();
    let api_list = |k: &str| -> Vec<String> {
        api[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(api_list("phase"), phases);
    assert_eq!(api_list("phaseStatut"), statuses);
    // Stages → phase.
    let expected_phase = [
        "Idée",
        "Étude",
        "Étude",
        "Étude",
        "Étude",
        "Étude",
        "Opération",
        "Opération",
        "Opération",
    ];
    for (n, want) in expected_phase.iter().enumerate() {
        let stage = Stage::new(n as i64).unwrap();
        assert_eq!(communs::phase(stage), *want, "stage {n}");
        assert!(phases.iter().any(|p| p == want));
    }
    // Health (and stage 8) → phaseStatut.
    for n in 0..=8 {
        let stage = Stage::new(n).unwrap();
        for h in Health::ALL {
            let got = communs::phase_status(stage, *h);
            let want = match (h, n) {
                (Health::Abandoned, _) => Some("Abandonné"),
                (_, 8) => Some("Terminé"),
                (Health::OnTrack, _) => Some("En cours"),
                (Health::Late, _) => Some("En retard"),
                (Health::Paused, _) => Some("En pause"),
                (Health::Blocked, _) => Some("Bloqué"),
                (Health::ToDiscuss, _) => None,
            };
            assert_eq!(got, want, "stage {n}, {h:?}");
            if let Some(g) = got {
                assert!(statuses.iter().any(|s| s == g));
            }
        }
    }
    // Themes and axes → M57 codes; no lever.
    let want: [(Theme, Option<&str>); 14] = [
        (Theme::Commerce, Some("90-632")),
        (Theme::Housing, Some("90-55")),
        (Theme::Mobility, None),
        (Theme::Crafts, Some("90-632")),
        (Theme::Heritage, Some("90-312")),
        (Theme::ThirdPlaces, None),
        (Theme::CircularEconomy, None),
        (Theme::Food, None),
        (Theme::Health, Some("90-41")),
        (Theme::Culture, Some("90-31")),
        (Theme::Employment, None),
        (Theme::Energy, Some("90-75")),
        (Theme::PublicServices, Some("90-66")),
        (Theme::Environment, None),
    ];
    assert_eq!(want.len(), Theme::ALL.len());
    let m57 = communs::m57_codes();
    let api_m57: Vec<&String> = api["competences_M57"].as_object().unwrap().keys().collect();
    for (t, code) in want {
        assert_eq!(communs::theme_competence(t), code, "{t:?}");
        assert_eq!(communs::theme_lever(t), None, "{t:?}");
        if let Some(c) = code {
            assert!(
                m57.iter().any(|m| m == c) && api_m57.iter().any(|m| *m == c),
                "{c}"
            );
        }
    }
    for a in Axis::ALL {
        let want = if *a == Axis::Housing {
            Some("90-55")
        } else {
            None
        };
        assert_eq!(communs::axis_competence(*a), want, "{a:?}");
    }
    let fields = ProjectFields {
        themes: vec![Theme::Housing, Theme::Culture, Theme::Heritage, Theme::Food],
        ort_axis: Some(Axis::Housing),
        ..Default::default()
    };
    assert_eq!(
        communs::competences(&fields),
        vec!["90-31", "90-312", "90-55"]
    );
    assert!(communs::leviers(&fields).is_empty());
    // Contracts → programme(s).
    for (contracts, programme) in [
        (
            vec![Contract::Crte, Contract::Pvd],
            Some("Petites Villes de Demain"),
        ),
        (
            vec![Contract::VillagesAvenir, Contract::Crte],
            Some("Villages d'Avenir"),
        ),
        (vec![Contract::Crte, Contract::Ort], Some("CRTE")),
        (vec![Contract::Ort, Contract::Opah], None),
    ] {
        let mut f = ProjectFields::default();
        f.application.contracts = contracts.clone();
        assert_eq!(communs::programme(&f), programme, "{contracts:?}");
    }
    // Funding statuses (v0.2 draft).
    let fin_statuses = schema_enum(communs::SCHEMA_V02_FINANCEMENTS, "statut");
    for (st, want) in [
        (FundingStatus::ToRequest, "Prévisionnel"),
        (FundingStatus::Filed, "Demandé"),
        (FundingStatus::Awarded, "Obtenu"),
        (FundingStatus::Refused, "Refusé"),
        (FundingStatus::PartiallyPaid, "Obtenu"),
        (FundingStatus::Paid, "Payé"),
    ] {
        assert_eq!(communs::funding_status(st), want);
        assert!(fin_statuses.iter().any(|s| s == want));
    }
    // Every scheme of the demo has a source; the listed ones are the list's.
    let sources = communs::source_labels();
    for d in demo_store().project_details().unwrap() {
        for l in &d.lines.funding_lines {
            let s = communs::funding_source(l);
            assert!(sources.contains(&s), "{:?} → {s}", l.scheme);
        }
    }
}

#[test]
fn communs_json_is_the_api_request_shape() {
    let s = hostile_store();
    let dir = temp("json");
    let path = dir.join("projets.json");
    communs::export(&s, CommunsFormat::Json, Some("29024"), &path).unwrap();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let projets = v["projets"].as_array().unwrap();
    let details = s.project_details().unwrap();
    assert_eq!(projets.len(), details.len());
    let allowed = [
        "externalId",
        "nom",
        "collectivites",
        "description",
        "budgetPrevisionnel",
        "dateDebutPrevisionnelle",
        "phase",
        "phaseStatut",
        "programme",
        "competences",
        "leviers",
    ];
    let api: Value = serde_json::from_str(communs::API_VALUES).unwrap();
    let town = s.commune_of("29024").unwrap();
    for (p, d) in projets.iter().zip(&details) {
        let o = p.as_object().unwrap();
        for k in o.keys() {
            assert!(allowed.contains(&k.as_str()), "unexpected field {k}");
        }
        assert!(!o.contains_key("porteur"), "no personal data");
        assert_eq!(o["externalId"], d.project.uid.as_str());
        assert_eq!(o["nom"], d.project.fields.title.as_str());
        let collectivites = o["collectivites"].as_array().unwrap();
        assert_eq!(
            collectivites[0],
            serde_json::json!({"type": "Commune", "code": "29024"})
        );
        if d.project.fields.owner_kind == OwnerKind::Epci {
            assert_eq!(
                collectivites[1],
                serde_json::json!({"type": "EPCI", "code": town.epci_code.clone().unwrap()})
            );
        } else {
            assert_eq!(collectivites.len(), 1);
        }
        let in_list = |k: &str, x: &Value| api[k].as_array().unwrap().contains(x);
        assert!(in_list("phase", &o["phase"]));
        if let Some(st) = o.get("phaseStatut") {
            assert!(in_list("phaseStatut", st));
        }
        for c in o
            .get("competences")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            assert!(
                api["competences_M57"].get(c.as_str().unwrap()).is_some(),
                "{c}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ------------------------------------------------------------ Aides-territoires

fn import(
    s: &mut Store,
    file: &str,
    perimeter: Option<&str>,
    dry_run: bool,
) -> bourgade_core::Result<aides::AidsImportReport> {
    aides::import_file(
        s,
        &fixture(file),
        &AidsOptions {
            dry_run,
            perimeter: perimeter.map(str::to_owned),
        },
        day(2026, 11, 23),
        demo_now(),
    )
}

fn project(s: &mut Store, insee: &str, themes: &[Theme], stage: i64) -> i64 {
    s.add_town(insee, demo_now()).unwrap();
    s.create_project(
        ProjectFields {
            town_insee: insee.into(),
            title: "Projet de test".into(),
            themes: themes.to_vec(),
            stage: Stage::new(stage).unwrap(),
            ..Default::default()
        },
        demo_now(),
    )
    .unwrap()
    .id
}

#[test]
fn the_drome_feed_imports_and_a_drome_town_gets_its_aids() {
    let mut s = reference_store();
    let r = import(&mut s, "departement_drome_data.json", None, false).unwrap();
    assert_eq!((r.read, r.created, r.updated, r.unplaced), (3, 3, 0, 0));
    let aids = s.aids().unwrap();
    assert_eq!(aids.len(), 3);
    for a in &aids {
        assert_eq!(a.aid.perimeter.scale, PerimeterScale::Departement);
        assert_eq!(a.aid.perimeter.code.as_deref(), Some("26"));
        assert_eq!(a.aid.themes, vec![Theme::Food]);
        assert_eq!(a.aid.aid_types, vec![AidType::TechnicalEngineering]);
        assert_eq!(a.aid.recurrence, Some(Recurrence::Ongoing));
        assert!(a.aid.audiences.contains(&Audience::Commune));
        assert!(!a.aid.financers.is_empty());
        assert!(a.aid.application_url.starts_with("https://"));
        assert!(!a.aid.description.contains('<'), "HTML removed");
    }
    // Crest (26108), a town of the Drôme, a food project at stage 3.
    let id = project(&mut s, "26108", &[Theme::Food], 3);
    let found = desk::aids::suggest_aids(&s, id, day(2026, 11, 23)).unwrap();
    assert_eq!(found.len(), 3);
    for f in &found {
        assert_eq!(f.score, f.reasons.iter().map(|r| r.points).sum::<u32>());
        assert!(f
            .reasons
            .iter()
            .any(|r| r.code == AidReasonCode::Perimeter && r.fr.contains("Drôme")));
        assert!(f
            .reasons
            .iter()
            .any(|r| r.code == AidReasonCode::Theme && r.fr == "thème : alimentation"));
    }
    // Not for a housing project, nor for a town of the Manche.
    let other = project(&mut s, "26108", &[Theme::Housing], 3);
    assert!(desk::aids::suggest_aids(&s, other, day(2026, 11, 23))
        .unwrap()
        .is_empty());
    let far = project(&mut s, "50147", &[Theme::Food], 3);
    assert!(desk::aids::suggest_aids(&s, far, day(2026, 11, 23))
        .unwrap()
        .is_empty());
    // Importing again updates, never duplicates.
    let again = import(&mut s, "departement_drome_data.json", None, false).unwrap();
    assert_eq!((again.created, again.updated), (0, 3));
    assert_eq!(s.count_aids().unwrap(), 3);
}

#[test]
fn the_manche_feed_imports_and_a_manche_town_gets_its_aids() {
    let mut s = reference_store();
    // The feed names no perimeter: without one, every aid is kept, unplaced.
    let dry = import(&mut s, "departement_manche_data.json", None, true).unwrap();
    assert_eq!((dry.read, dry.created, dry.unplaced), (10, 10, 10));
    assert_eq!(s.count_aids().unwrap(), 0, "a dry run writes nothing");
    let r = import(
        &mut s,
        "departement_manche_data.json",
        Some("departement:50"),
        false,
    )
    .unwrap();
    assert_eq!((r.read, r.created, r.unplaced), (10, 10, 0));
    let aids = s.aids().unwrap();
    let named = |n: &str| aids.iter().find(|a| a.aid.name.starts_with(n)).unwrap();
    // Entities decoded, partner words kept aside, audiences as AT maps them.
    assert!(
        named("Appel à projets pour une mise en place d’un centre parental")
            .aid
            .name
            .contains('’')
    );
    let test_ab = &named("Test AB").aid;
    assert!(test_ab.aid_types.is_empty());
    assert_eq!(
        test_ab.other_aid_types,
        vec!["Contrat de territoire 2017-2021"]
    );
    assert!(named("ancienne aide")
        .aid
        .audiences
        .contains(&Audience::Epci));
    // Coutances (50147), a town of the Manche.
    let id = project(&mut s, "50147", &[Theme::Environment], 6);
    let found = desk::aids::suggest_aids(&s, id, day(2026, 11, 23)).unwrap();
    let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
    assert!(names.contains(&"Test JBE"), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("Appel à projets 80ème anniversaire")),
        "{names:?}"
    );
    assert!(
        !names.contains(&"Test AB"),
        "its only category names no theme of Bourgade"
    );
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("Appel à projets pour une mise en place")),
        "associations only"
    );
    let again = import(
        &mut s,
        "departement_manche_data.json",
        Some("departement:50"),
        false,
    )
    .unwrap();
    assert_eq!((again.created, again.updated), (0, 10));
}

#[test]
fn the_official_template_imports_as_csv_and_xlsx() {
    let mut s = reference_store();
    let r = import(&mut s, "aid_import_template.csv", Some("france"), false).unwrap();
    assert_eq!(
        (r.read, r.created, r.closed),
        (1, 1, 1),
        "closed on 4 October 2024, kept"
    );
    let a = &s.aids().unwrap()[0].aid;
    assert_eq!(a.name, "Prime à la conversion");
    assert_eq!((a.rate_min, a.rate_max), (Some(10), Some(22)));
    assert_eq!(a.submission_deadline, Some(day(2024, 10, 4)));
    assert_eq!(a.start_date, Some(day(2024, 7, 4)));
    assert_eq!(a.steps, vec![AidStep::Preop, AidStep::Op, AidStep::Postop]);
    assert_eq!(a.aid_types, vec![AidType::Grant, AidType::Loan]);
    assert_eq!(a.audiences, vec![Audience::Commune, Audience::Epci]);
    assert_eq!(
        a.financers,
        vec![
            "porteur n° 22 (Aides-territoires)",
            "porteur n° 347 (Aides-territoires)"
        ]
    );
    assert_eq!(a.themes, vec![Theme::PublicServices]);
    assert_eq!(a.is_call_for_project, Some(true));
    assert_eq!(
        a.perimeter.scale,
        PerimeterScale::National,
        "the AT perimeter id 71016 is replaced by --perimeter"
    );
    // The xlsx is the same aid: it updates it.
    let x = import(&mut s, "aid_import_template.xlsx", None, false).unwrap();
    assert_eq!((x.read, x.created, x.updated, x.unplaced), (1, 0, 1, 1));
    let a = &s.aids().unwrap()[0].aid;
    assert_eq!(
        (a.rate_min, a.rate_max),
        (Some(10), Some(22)),
        "10.22 in the xlsx is the same pair"
    );
    assert_eq!(a.submission_deadline, Some(day(2024, 10, 4)));
    // A closed aid is never suggested.
    let id = project(&mut s, "26108", &[Theme::PublicServices], 4);
    assert!(desk::aids::suggest_aids(&s, id, day(2026, 11, 23))
        .unwrap()
        .is_empty());
    assert_eq!(
        desk::aids::suggest_aids(&s, id, day(2024, 9, 1))
            .unwrap()
            .len(),
        0,
        "perimeter unknown after the xlsx"
    );
}

fn import_text(s: &mut Store, text: &str) -> bourgade_core::Result<aides::AidsImportReport> {
    aides::import_bytes(
        s,
        text.as_bytes(),
        &AidsOptions::default(),
        day(2026, 11, 23),
        demo_now(),
    )
}

fn messages(e: Error) -> Vec<String> {
    match e {
        Error::Import(ps) => ps
            .iter()
            .map(|p| p.message(bourgade_core::Lang::Fr))
            .collect(),
        other => panic!("an import error, not {other:?}"),
    }
}

#[test]
fn malformed_files_are_refused_in_french_with_the_entry_number_and_nothing_changes() {
    let mut s = reference_store();
    import(&mut s, "departement_drome_data.json", None, false).unwrap();
    let bad = r#"{"count": 3, "results": [
  {"id": 1, "name": "Bonne aide", "perimeter": "Drôme"},
  {"id": 2, "name": "Aide à date fausse",
   "submission_deadline": "2026-13-45", "recurrence": "Hebdomadaire"},
  {"id": 3, "name": "", "subvention_rate_lower_bound": 120, "mobilization_steps": ["Démolition"],
   "origin_url": "ftp://x"},
  {"id": 1, "name": "Encore la 1"}
]}"#;
    let m = messages(import_text(&mut s, bad).unwrap_err());
    let all = m.join("\n");
    assert!(
        all.contains("Ligne 3 : Aide n° 2 — Date de clôture : « 2026-13-45 » n'est pas une date"),
        "{all}"
    );
    assert!(
        all.contains("Aide n° 2 — Récurrence : valeur inconnue « Hebdomadaire »"),
        "{all}"
    );
    assert!(
        all.contains("Ligne 5 : Aide n° 3 — Nom de l'aide : ce champ est obligatoire"),
        "{all}"
    );
    assert!(
        all.contains("Aide n° 3 — Taux de subvention min. : « 120 » n'est pas un pourcentage"),
        "{all}"
    );
    assert!(
        all.contains("Aide n° 3 — État d'avancement du projet : valeur inconnue « Démolition »"),
        "{all}"
    );
    assert!(
        all.contains("Aide n° 3 — URL d'origine : « ftp://x » n'est pas une adresse web"),
        "{all}"
    );
    assert!(
        all.contains("Ligne 7 : Aide n° 4 — même aide que l'entrée n° 1"),
        "{all}"
    );
    for (text, want) in [
        (
            "{\"count\": 1}",
            "Ligne 1 : ce n'est pas une liste d'aides d'Aides-territoires",
        ),
        (
            "{\"results\": [\n  {\"id\": 1,\n",
            "Ligne 3 : JSON illisible",
        ),
        (
            "Titre;Autre\nx;y\n",
            "Ligne 1 : ce n'est pas le modèle d'import d'Aides-territoires",
        ),
        (
            "Nom;Date de clôture\nAide;31/02/2026\n",
            "Ligne 2 : Aide n° 1 — Date de clôture : « 31/02/2026 » n'est pas une date",
        ),
        (
            "[{\"name\": 12, \"financers\": 3}]",
            "Aide n° 1 — Porteurs d'aides : il faut une liste de textes, pas 3",
        ),
    ] {
        let m = messages(import_text(&mut s, text).unwrap_err()).join("\n");
        assert!(m.contains(want), "{text}: {m}");
    }
    let err = aides::import_bytes(
        &mut s,
        b"x",
        &AidsOptions {
            perimeter: Some("canton:1".into()),
            ..Default::default()
        },
        day(2026, 11, 23),
        demo_now(),
    )
    .unwrap_err();
    assert!(err
        .message(bourgade_core::Lang::Fr)
        .contains("Périmètre : « canton:1 » n'est pas reconnu"));
    // Nothing changed.
    assert_eq!(s.count_aids().unwrap(), 3);
    assert!(s.aids().unwrap().iter().all(|a| a.aid.name != "Bonne aide"));
}

#[test]
fn deadlines_of_open_aids_go_to_the_agenda() {
    let mut s = reference_store();
    let feed = r#"{"results": [
      {"id": 10, "name": "Appel à projets commerce", "perimeter": "Drôme", "categories": ["Commerces et Services"],
       "targeted_audiences": ["Communes"], "mobilization_steps": ["Mise en œuvre / réalisation"],
       "submission_deadline": "2027-03-31", "application_url": "https://example.org/depot"},
      {"id": 11, "name": "Appel clos", "perimeter": "Drôme", "categories": ["Commerces et Services"],
       "submission_deadline": "2026-01-31"}
    ]}"#;
    import_text(&mut s, feed).unwrap();
    let id = project(&mut s, "26108", &[Theme::Commerce], 5);
    let entries = desk::aids::aid_agenda(
        &s,
        Some("26108"),
        day(2026, 1, 1),
        day(2027, 12, 31),
        day(2026, 11, 23),
    )
    .unwrap();
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e.date, day(2027, 3, 31));
    assert_eq!(e.project_id, Some(id));
    assert!(e.title_fr.contains("Appel à projets commerce"));
    assert!(e.detail_fr.contains("https://example.org/depot"));
    let ics =
        bourgade_core::calendar::agenda_ics(&entries, "Aides", bourgade_core::Lang::Fr, demo_now());
    assert!(ics.contains("DTSTART;VALUE=DATE:20270331"), "{ics}");

    // The dashboard's "À venir" lists it 60 days ahead, with the project.
    let second = project(&mut s, "26108", &[Theme::Commerce], 6);
    let board = desk::dashboard::dashboard(&s, Some("26108"), day(2027, 2, 1)).unwrap();
    let aids: Vec<_> = board
        .upcoming
        .iter()
        .filter(|d| d.kind == desk::dashboard::DeadlineKind::AidCloses)
        .collect();
    assert_eq!(
        aids.len(),
        2,
        "one line per project it fits: {:?}",
        board.upcoming
    );
    assert_eq!(
        aids.iter().map(|d| d.project_id).collect::<Vec<_>>(),
        vec![id, second]
    );
    assert!(aids
        .iter()
        .all(|d| d.date == day(2027, 3, 31) && d.label == "Appel à projets commerce"));
    assert_eq!(board.upcoming_total, board.upcoming.len());
    // 61 days before, it is not yet in sight (60 days ahead is, inclusive).
    let board = desk::dashboard::dashboard(&s, Some("26108"), day(2027, 1, 29)).unwrap();
    assert!(board
        .upcoming
        .iter()
        .all(|d| d.kind != desk::dashboard::DeadlineKind::AidCloses));
    let board = desk::dashboard::dashboard(&s, Some("26108"), day(2027, 1, 30)).unwrap();
    assert!(board
        .upcoming
        .iter()
        .any(|d| d.kind == desk::dashboard::DeadlineKind::AidCloses));
    // An abandoned project needs no aid: its line goes.
    let mut fields = s.project(second).unwrap().fields;
    fields.health = Health::Abandoned;
    s.update_project(second, fields, "", demo_now()).unwrap();
    let board = desk::dashboard::dashboard(&s, Some("26108"), day(2027, 2, 1)).unwrap();
    let aids: Vec<i64> = board
        .upcoming
        .iter()
        .filter(|d| d.kind == desk::dashboard::DeadlineKind::AidCloses)
        .map(|d| d.project_id)
        .collect();
    assert_eq!(aids, vec![id]);
}

// ------------------------------------------------------------ Territoires en Transitions

fn tet_import(
    s: &mut Store,
    file: &str,
    dry_run: bool,
) -> bourgade_core::Result<bourgade_core::exchange::ImportReport> {
    tet::import_file(s, &fixture(file), Some("26108"), dry_run, demo_now())
}

#[test]
fn the_tet_fixtures_and_templates_import() {
    let mut s = reference_store();
    s.add_town("26108", demo_now()).unwrap();
    let r = tet_import(&mut s, "nouveau-plan-valide.xlsx", false).unwrap();
    assert_eq!(r.created, 7);
    let r = tet_import(&mut s, "plan_with_sous_actions_valid.xlsx", false).unwrap();
    assert_eq!(r.created, 7);
    let r = tet_import(&mut s, "modele-import-pa.xlsx", false).unwrap();
    assert_eq!(
        r.created, 1,
        "the sample row; the instructions row is skipped"
    );
    // The ods template's sample differs (an annotation in A5, a checkbox
    // in "Date de fin"): its own action, the checkbox set aside and said.
    let r = tet_import(&mut s, "modele-import-pa.ods", false).unwrap();
    assert_eq!((r.created, r.updated), (1, 0));
    assert!(r.notes.iter().any(|n| n == "Ligne 5 : Date de fin : une case vrai/faux au lieu d'une date, ignorée."), "{:?}", r.notes);
    let all = s.project_details().unwrap();
    assert_eq!(all.len(), 16);
    let by_title = |t: &str| {
        all.iter()
            .find(|d| d.project.fields.title == t)
            .unwrap_or_else(|| panic!("{t}"))
    };
    let piste = by_title("Arranger la piste cyclable 2040-2044");
    let f = &piste.project.fields;
    assert_eq!(
        (f.stage.number(), f.health, f.priority),
        (1, Health::OnTrack, Priority::High)
    );
    assert_eq!(
        f.planned_start,
        Some(day(2020, 12, 14)),
        "12/14/20 as TeT's new Date() reads it"
    );
    assert_eq!(f.cost_excl_vat, Some(Money::euros(500)));
    // The fixture's J cell holds the template's instructions: read as TeT
    // reads it, as text.
    assert!(
        f.lead.ends_with(" — Super service — Harry Cot"),
        "{}",
        f.lead
    );
    let names: Vec<&str> = piste
        .lines
        .funding_lines
        .iter()
        .map(|l| l.scheme.as_deref().unwrap())
        .collect();
    assert_eq!(names, vec!["Smaug", "Ras al Ghul", "Tony Stark"]);
    assert_eq!(
        piste.lines.funding_lines[0].amount_requested,
        Some(Money::euros(3000))
    );
    let sa = by_title("Sous-action 1.2");
    assert_eq!(sa.project.fields.stage.number(), 8, "Réalisé");
    assert_eq!(sa.project.fields.planned_end, Some(day(2026, 6, 30)));
    assert!(sa
        .project
        .fields
        .context
        .contains("Sous-action de « Action 1 »"));
    // The xlsx template's sample fills "Titre de la sous-action" with a
    // remark; TeT's current importer reads that column, and so does
    // Bourgade: the row is a sub-action of "Action 1 - …".
    let sample = all
        .iter()
        .find(|d| {
            d.project
                .fields
                .context
                .contains("Sous-action de « Action 1 - Assurer")
        })
        .unwrap();
    let f = &sample.project.fields;
    assert_eq!(f.cost_excl_vat, Some(Money::euros(124_566)));
    assert_eq!(
        (f.planned_start, f.planned_end),
        (Some(day(2022, 11, 16)), Some(day(2024, 3, 9)))
    );
    let funders: Vec<Funder> = sample
        .lines
        .funding_lines
        .iter()
        .map(|l| l.funder)
        .collect();
    // "Métropole, Région" names two funders for one amount: recorded as
    // private, to check (the report says so).
    assert_eq!(
        funders,
        vec![Funder::Private, Funder::State, Funder::Departement]
    );
    // Importing the same plan again updates the same projects.
    let r = tet_import(&mut s, "nouveau-plan-valide.xlsx", true).unwrap();
    assert_eq!((r.created, r.updated), (0, 7));
}

#[test]
fn tet_export_has_the_template_columns_and_reads_back() {
    let s = demo_store();
    let dir = temp("tet");
    let path = dir.join("plan.xlsx");
    let n = tet::export(&s, Some("29024"), &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    // The header row is the template's (the ods' wording for column D,
    // which TeT's importer checks), column by column.
    let template = bourgade_core::exchange::sheet::read_workbook(
        &std::fs::read(fixture("modele-import-pa.ods")).unwrap(),
        "Classeur",
        "workbook",
    )
    .unwrap();
    let tpl = template
        .iter()
        .find(|sh| sh.cell(1, 0).text() == "Axe (x)")
        .unwrap();
    let ours =
        bourgade_core::exchange::sheet::read_workbook(&bytes, "Classeur", "workbook").unwrap();
    let sheet = ours
        .iter()
        .find(|sh| sh.cell(1, 0).text() == "Axe (x)")
        .unwrap();
    assert_eq!(sheet.name, "Fichier d'import");
    for (i, h) in tet::HEADERS.iter().enumerate() {
        assert_eq!(sheet.cell(1, i).text(), tpl.cell(1, i).text(), "column {i}");
        assert_eq!(sheet.cell(1, i).text(), *h);
    }
    // Read back through the importer's own reading: every column of every row.
    let (rows, problems) = tet::read_rows(&bytes).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let details = s.project_details().unwrap();
    assert_eq!(rows.len(), n);
    for (row, d) in rows.iter().zip(&details) {
        assert_eq!(row.cells, tet::row_of(d), "{}", d.project.fields.title);
        assert_eq!(row.start, d.project.fields.planned_start);
        assert_eq!(row.end, d.project.fields.planned_end);
    }
    // And imports into another database: same titles, stages and healths
    // as far as TeT's statuses carry them, same budgets.
    let mut other = reference_store();
    other.add_town("29024", demo_now()).unwrap();
    let r = tet::import_bytes(&mut other, &bytes, Some("29024"), false, demo_now()).unwrap();
    assert_eq!(r.created, n);
    let back = other.project_details().unwrap();
    for d in &details {
        let f = &d.project.fields;
        let b = back
            .iter()
            .find(|b| b.project.fields.title == f.title)
            .unwrap();
        assert_eq!(
            tet::status_of(b.project.fields.stage, b.project.fields.health),
            tet::status_of(f.stage, f.health)
        );
        assert_eq!(b.project.fields.priority, f.priority);
        assert_eq!(b.project.fields.ort_axis, f.ort_axis);
        assert_eq!(
            b.project.fields.cost_excl_vat.map(communs::whole_euros),
            f.cost_excl_vat.map(communs::whole_euros)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tet_errors_name_the_line_and_change_nothing() {
    let mut s = reference_store();
    s.add_town("26108", demo_now()).unwrap();
    // A plan whose header was changed, and one with a bad date and status.
    let mut details = vec![bourgade_core::testing::detail("Action", Some(10), vec![])];
    details[0].project.fields.town_insee = "26108".into();
    let good = tet::export_bytes(&details).unwrap();
    let sheets =
        bourgade_core::exchange::sheet::read_workbook(&good, "Classeur", "workbook").unwrap();
    assert_eq!(sheets[0].cell(3, 3).text(), "Action");
    let m = messages(
        tet::import_bytes(&mut s, b"not a workbook", Some("26108"), false, demo_now()).unwrap_err(),
    );
    assert!(
        m[0].starts_with("Ligne 1 : ce fichier n'est pas un classeur"),
        "{m:?}"
    );
    // Build a broken file with rust_xlsxwriter: wrong column C, bad date, bad status.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (i, h) in tet::HEADERS.iter().enumerate() {
        ws.write_string(1, i as u16, if i == 2 { "Sous-sous-axe" } else { h })
            .unwrap();
    }
    let bad_header = book.save_to_buffer().unwrap();
    let m = messages(
        tet::import_bytes(&mut s, &bad_header, Some("26108"), false, demo_now()).unwrap_err(),
    );
    assert_eq!(m, vec!["Ligne 2 : La colonne C devrait être « Sous-sous axe (x.x.x) » et non « Sous-sous-axe »"]);
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (i, h) in tet::HEADERS.iter().enumerate() {
        ws.write_string(1, i as u16, *h).unwrap();
    }
    ws.write_string(3, 3, "Bonne action").unwrap();
    ws.write_string(4, 3, "Mauvaise action").unwrap();
    ws.write_string(4, 24, "Fini").unwrap();
    ws.write_string(4, 26, "le 3 mars").unwrap();
    ws.write_string(5, 5, "Un descriptif sans titre").unwrap();
    let bad_rows = book.save_to_buffer().unwrap();
    let m = messages(
        tet::import_bytes(&mut s, &bad_rows, Some("26108"), false, demo_now()).unwrap_err(),
    )
    .join("\n");
    assert!(
        m.contains("Ligne 5 : Date de début : « le 3 mars » n'est pas une date"),
        "{m}"
    );
    assert!(
        m.contains("Ligne 5 : Statut : valeur inconnue « Fini »"),
        "{m}"
    );
    assert!(
        m.contains("Ligne 6 : Titre de l'action : ce champ est obligatoire"),
        "{m}"
    );
    assert_eq!(s.project_details().unwrap().len(), 0, "nothing imported");
    // Without --town and with two followed towns, the town is asked for.
    s.add_town("50147", demo_now()).unwrap();
    let e = tet::import_bytes(&mut s, &good, None, false, demo_now()).unwrap_err();
    assert!(e
        .message(bourgade_core::Lang::Fr)
        .contains("indiquez --town INSEE"));
}
