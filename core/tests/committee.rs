//! The comité de projet pack and the annual review: the PDF read back with
//! poppler and qpdf (texts, amounts, indicators and their progress, lapse
//! dates, embedded fonts, every word on the page), hostile text, the
//! frozen reprint, the first pack as the initial plan of the next ones,
//! the year-on-year figures computed by hand, the XLSX dashboard read back
//! with calamine, and the refusals. Files are written under
//! `target/committee/`.

mod readers;

use bourgade_core::brief::BriefOptions;
use bourgade_core::desk::steering::{self as desk, CommitteeRequest, ReviewRequest, StoredPack};
use bourgade_core::model::*;
use bourgade_core::steering::committee::{self, Inputs, PackKind, Period};
use bourgade_core::store::Store;
use bourgade_core::testing::{day, demo_now as now, demo_store, detail};
use bourgade_core::Lang;
use readers::try_run as run;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------- helpers

fn fr() -> BriefOptions {
    BriefOptions::new(Lang::Fr, now())
}

fn save(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/committee");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// pdftotext's text, whitespace collapsed, no-break spaces made plain.
fn text(path: &Path) -> String {
    let (ok, t) = run(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", path.to_str().unwrap(), "-"],
    );
    assert!(ok, "pdftotext reads {}", path.display());
    t.replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// qpdf finds nothing wrong, the two fonts are embedded subsets with a
/// Unicode map, and every word lies inside the text block of an A4 page.
fn check_file(path: &Path) {
    let (ok, out) = run("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(
        ok && out.contains("No syntax or stream encoding errors"),
        "qpdf --check: {out}"
    );
    let (ok, fonts) = run("pdffonts", &[path.to_str().unwrap()]);
    assert!(ok);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "Regular and Bold only: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(cols[0].contains("+LiberationSans"), "{row}");
        assert_eq!(
            (cols[n - 5], cols[n - 4], cols[n - 3]),
            ("yes", "yes", "yes"),
            "{row}"
        );
    }
    let (ok, html) = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    assert!(ok);
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let start = tag.find(&key).expect("attribute") + key.len();
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut words = 0;
    for line in html
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<word "))
    {
        words += 1;
        let (x0, y0, x1, y1) = (
            attr(line, "xMin"),
            attr(line, "yMin"),
            attr(line, "xMax"),
            attr(line, "yMax"),
        );
        assert!(
            x0 >= 61.4 && x1 <= 595.276 - 61.4 && y0 >= 20.0 && y1 <= 841.89 - 20.0,
            "a word outside the text block: {line}"
        );
    }
    assert!(words > 100);
}

/// The demo store, built once per run and copied for each test (building
/// it takes about a second in a debug build).
fn store(name: &str) -> Store {
    static DEMO: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/committee");
    let demo = DEMO.get_or_init(|| {
        std::fs::create_dir_all(&dir).unwrap();
        // Copies left by earlier runs.
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok());
            if e.file_name().to_string_lossy().starts_with("demo-")
                && old.is_some_and(|age| age.as_secs() > 600)
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
        let path = dir.join(format!("demo-{}.sqlite", std::process::id()));
        demo_store().backup_to(&path).unwrap()
    });
    let path = dir.join(format!("{name}.sqlite"));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    std::fs::copy(demo, &path).unwrap();
    Store::open(&path).unwrap()
}

fn committee(s: &mut Store, since: NaiveDate, date: NaiveDate) -> StoredPack {
    let req = CommitteeRequest {
        town_insee: None,
        since,
        meeting_date: Some(date),
        next: None,
    };
    desk::committee_pack(s, &req, &fr()).expect("a pack")
}

fn project_id(s: &Store, start: &str) -> i64 {
    s.projects(&Default::default())
        .unwrap()
        .into_iter()
        .find(|p| p.title.starts_with(start))
        .unwrap_or_else(|| panic!("a project « {start}… »"))
        .id
}

use chrono::NaiveDate;

// ------------------------------------------------------------------ tests

#[test]
fn the_committee_pack_reads_back_with_its_progress_money_indicators_and_lapse_dates() {
    let mut s = store("progress");
    let pack = committee(&mut s, day(2026, 6, 1), day(2026, 12, 8));
    let c = &pack.committee;
    // From 1 June to 8 December 2026, stage moves with a previous stage:
    // OPAH-RU 7→8 (15 June), habitat 3→4 (24 September), boutique 7→8
    // (28 September), atelier vélo 3→4 (15 October), chapelle 3→4
    // (16 November) = 5.
    assert_eq!(c.activity.stage_moves, 5);
    // Late on 8 December: LEADER complement (16 Oct), gros œuvre (30 Oct),
    // owner meeting (2 Dec), finance committee (3 Dec), tiers-lieu
    // meeting (5 Dec), school yards arbitration (7 Dec) = 6.
    assert_eq!(c.milestones_late.len(), 6);
    // The 17 projects' costs: 62 000 + 2 100 000 + 95 000 + 1 450 000 +
    // 58 000 + 780 000 + 2 450 000 + 620 000 + 690 000 + 185 000 + 280 000
    // + 420 000 + 1 650 000 + 15 000 + 310 000 + 240 000 + 400 000.
    assert_eq!(c.totals.projects, 17);
    assert_eq!(c.totals.cost, Money::euros(11_805_000));
    // Received from funders: OPAH-RU 31 000 + 15 500; maison de santé
    // DETR advance 157 500 + Region 63 000; épicerie 23 750 + 19 000 +
    // 9 500 + 4 750; tiers-lieu DSIL advance 130 500 + Region 87 000;
    // boutique 14 500 + 8 700 + 11 600 = 576 300 (own funds aside).
    assert_eq!(c.totals.received, Money::euros(576_300));
    // In the period: Region 63 000 (8 June) + Region 87 000 (6 July).
    assert_eq!(c.activity.received, Money::euros(150_000));
    // Notified in the period: DSIL 234 000 (4 June), DETR 155 000 (2 July),
    // Département 62 000 (18 June).
    assert_eq!(c.activity.awarded, Money::euros(451_000));
    assert!(c.baseline.is_none(), "the first pack is the baseline");

    let path = save("committee.pdf", &pack.pdf);
    check_file(&path);
    let t = text(&path);
    for expected in [
        "Commune de Carhaix-Plouguer",
        "Comité de projet",
        "Séance du 8 décembre 2026",
        "du 1er juin 2026 au 8 décembre 2026",
        "1. Avancement par axe et par projet",
        "Commerce et développement économique",
        "7 → 8 (15 juin 2026)",
        "11 805 000 €",
        "576 300 €",
        "451 000 €",
        // (14,1 − 18,5) / (12 − 18,5) = 4,4 / 6,5 = 67,7 %.
        "Taux de vacance commerciale du centre-ville",
        "67,7 %",
        // (372 − 412) / (330 − 412) = 40 / 82 = 48,8 %.
        "Logements vacants depuis plus de deux ans",
        "48,8 %",
        // 1 400 / 4 000.
        "Surfaces désimperméabilisées",
        "35 %",
        "Emplois créés ou maintenus",
        "Cible atteinte",
        "Ce dossier est le premier comité de projet enregistré pour Carhaix-Plouguer",
        // DETR of the maison de santé, started 19 January 2026: four
        // years (R2334-29) = 19 January 2030; from 8 December 2026:
        // 365 + 366 + 365 + 23 + 19 = 1 138 days.
        "19 janvier 2030",
        "dans 1 138 jours",
        "R2334-28",
        "5. Décisions à prendre",
        // The L1111-10 finding of the maison à pans de bois.
        "Bloquant",
        "il manque 34 500 €",
        "Projets à arbitrer",
        "Relevé de décisions du comité",
    ] {
        assert!(t.contains(expected), "« {expected} » in the pack:\n{t}");
    }
    let (_, info) = run("pdfinfo", &[path.to_str().unwrap()]);
    let info = info.replace('\u{a0}', " ");
    assert!(
        info.contains("Title:           Comité de projet du 8 décembre 2026"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Commune de Carhaix-Plouguer"),
        "{info}"
    );
}

#[test]
fn a_grant_close_to_its_lapse_date_is_highlighted_and_counted() {
    let mut s = store("lapse");
    let p = s
        .create_project(
            ProjectFields {
                town_insee: "29024".into(),
                title: "Halle couverte du marché".into(),
                ort_axis: Some(Axis::RetailEconomy),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let mut detr = FundingLine::new(
        Funder::State,
        FundingKind::Grant,
        ExpenseNature::Investment,
        FundingStatus::Awarded,
    );
    detr.scheme = Some("DETR".into());
    detr.amount_requested = Some(Money::euros(120_000));
    detr.amount_awarded = Some(Money::euros(120_000));
    detr.notified_on = Some(day(2025, 1, 10));
    s.save_project_lines(
        p.id,
        ProjectLines {
            funding_lines: vec![detr],
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let pack = committee(&mut s, day(2026, 6, 1), day(2026, 12, 8));
    // Not started: two years from the notification (R2334-28), 10 January
    // 2027; from 8 December 2026: 23 + 10 = 33 days.
    let line = pack
        .committee
        .lapses
        .iter()
        .find(|l| l.project_id == p.id)
        .expect("the halle's DETR is listed");
    assert_eq!(line.lapse.date, day(2027, 1, 10));
    assert_eq!((line.days, line.at_risk), (33, true));
    assert_eq!(
        pack.committee.lapses.iter().filter(|l| l.at_risk).count(),
        1,
        "the demo's other grants lapse after 180 days"
    );
    let path = save("committee-lapse.pdf", &pack.pdf);
    let t = text(&path);
    for piece in [
        "SUBVENTIONS À RISQUE",
        "Halle couverte du marché",
        "10 janvier 2027",
        "dans 33 jours",
    ] {
        assert!(t.contains(piece), "« {piece} »: {t}");
    }
}

#[test]
fn hostile_text_in_titles_and_indicator_labels_stays_text() {
    let mut s = store("hostile");
    let hostile = "<b>Halle</b> & « marché » \"couvert\" 'O'Neil' 😀🏛️ مشروع تجديد שלום";
    let long = format!("{hostile} {}", "réhabilitation exemplaire ".repeat(400));
    let p = s
        .create_project(
            ProjectFields {
                town_insee: "29024".into(),
                title: long.clone(),
                ort_axis: Some(Axis::Housing),
                cost_excl_vat: Some(Money::euros(500_000)),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let indicator = Indicator {
        code: None,
        label: format!("{hostile} {}", "indicateur ".repeat(35)),
        unit: "<m²> & co".into(),
        direction: Direction::Up,
        baseline_value: Some(0.0),
        baseline_date: Some(day(2025, 1, 1)),
        target_value: Some(10.0),
        target_date: Some(day(2027, 1, 1)),
        readings: vec![Reading {
            date: day(2026, 7, 1),
            value: 4.0,
            source: "<script>".into(),
        }],
    };
    s.save_project_lines(
        p.id,
        ProjectLines {
            indicators: vec![indicator.clone()],
            milestones: vec![Milestone {
                title: format!("{hostile} jalon"),
                due_date: day(2026, 11, 30),
                done: false,
            }],
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let mut town = s.town_indicators("29024").unwrap();
    town.push(Indicator {
        label: format!("Ville {hostile}"),
        ..indicator
    });
    s.save_town_indicators("29024", town).unwrap();

    let pack = committee(&mut s, day(2026, 6, 1), day(2026, 12, 8));
    let path = save("committee-hostile.pdf", &pack.pdf);
    check_file(&path);
    let t = text(&path);
    for piece in [
        "<b>Halle</b> & « marché »",
        "\"couvert\" 'O'Neil'",
        "Ville <b>Halle</b>",
        "<m²> & co",
    ] {
        assert!(t.contains(piece), "« {piece} » printed as text");
    }
    // Liberation Sans has Hebrew (kept in logical order, which pdftotext
    // may turn around) but neither Arabic nor emoji: those print as □.
    assert!(
        t.contains("שלום") || t.contains("םולש"),
        "Hebrew is printed"
    );
    assert!(
        t.contains("'O'Neil' □□ □□□□□ □□□□□"),
        "emoji and Arabic print as □"
    );
    assert!(
        t.contains("40 %"),
        "the hostile indicator's progress: 4 / 10"
    );
    // The Word writer takes the same document (charts as tables).
    let docx = bourgade_core::document::to_docx(&committee::document(&pack.committee, &fr()))
        .expect("a Word file");
    assert!(docx.starts_with(b"PK"));
    // The dashboard keeps the texts as they are.
    use calamine::{Data, Reader, Xlsx};
    let xlsx = desk::pack_xlsx(&pack, &fr()).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
    let progress = book.worksheet_range("Avancement").unwrap();
    assert!(
        progress
            .rows()
            .any(|r| r.get(2) == Some(&Data::String(long.trim().to_owned()))),
        "the hostile title is one text cell"
    );
}

#[test]
fn a_reprint_gives_the_same_bytes_and_an_unknown_pack_is_not_found() {
    let mut s = store("reprint");
    let pack = committee(&mut s, day(2026, 6, 1), day(2026, 12, 8));
    // The data changes after the meeting: the reprint does not.
    let id = project_id(&s, "Maison de santé");
    let mut d = s.project_detail(id).unwrap();
    d.lines.milestones.iter_mut().for_each(|m| m.done = true);
    s.save_project_lines(id, d.lines, now()).unwrap();
    let again = desk::reprint_steering_pack(&s, pack.id).unwrap();
    assert!(again == pack.pdf, "byte for byte");
    let listed = desk::steering_packs(&s, Some("29024")).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].pdf_size as usize, pack.pdf.len());
    let e = desk::reprint_steering_pack(&s, 999).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert_eq!(
        e.message(Lang::Fr),
        "Dossier de comité de projet introuvable : n° 999"
    );
}

#[test]
fn the_first_pack_of_a_town_is_the_initial_plan_of_the_next_ones() {
    let mut s = store("baseline");
    let first = committee(&mut s, day(2026, 6, 1), day(2026, 12, 8));
    // After the meeting, the DSIL of the habitat intergénérationnel is
    // awarded: 500 000 more committed and awarded.
    let id = project_id(&s, "Habitat intergénérationnel");
    let mut d = s.project_detail(id).unwrap();
    let dsil = d
        .lines
        .funding_lines
        .iter_mut()
        .find(|l| l.scheme.as_deref() == Some("DSIL"))
        .unwrap();
    dsil.status = FundingStatus::Awarded;
    dsil.amount_requested = Some(Money::euros(500_000));
    dsil.amount_awarded = Some(Money::euros(500_000));
    dsil.filed_on = Some(day(2026, 11, 2));
    dsil.notified_on = Some(day(2026, 12, 15));
    s.save_project_lines(id, d.lines, now()).unwrap();
    let second = committee(&mut s, day(2026, 12, 8), day(2027, 3, 9));
    let base = second
        .committee
        .baseline
        .expect("the first pack is the initial plan");
    assert_eq!(base.pack_id, first.id);
    assert_eq!(base.meeting_date, day(2026, 12, 8));
    assert_eq!(base.totals, first.committee.totals);
    assert_eq!(
        second.committee.totals.secured.cents() - base.totals.secured.cents(),
        Money::euros(500_000).cents()
    );
    let t = text(&save("committee-second.pdf", &second.pdf));
    assert!(
        t.contains(&format!(
            "Plan initial de la convention : les montants du premier comité de projet enregistré pour Carhaix-Plouguer, celui du 8 décembre 2026 (dossier n° {})",
            first.id
        )),
        "{t}"
    );
    // Committed: 5 701 250 then 6 201 250, +500 000 (+8,8 %).
    assert!(
        t.contains("Engagé (acquis) 5 701 250 € 6 201 250 € +500 000 € (+8,8 %)"),
        "{t}"
    );
    // A third pack still compares with the first, not the second.
    let third = committee(&mut s, day(2027, 3, 9), day(2027, 6, 1));
    assert_eq!(third.committee.baseline.unwrap().pack_id, first.id);
}

/// A project of the review test: stage moves, milestones, grants and
/// spending in 2025 and 2026.
fn reviewed_project() -> ProjectDetail {
    let mut detr = FundingLine::new(
        Funder::State,
        FundingKind::Grant,
        ExpenseNature::Investment,
        FundingStatus::PartiallyPaid,
    );
    detr.scheme = Some("DETR".into());
    detr.amount_awarded = Some(Money::euros(100_000));
    detr.notified_on = Some(day(2025, 6, 15));
    let pay = |kind, due: NaiveDate, euros, received: Option<NaiveDate>| Payment {
        kind,
        due_on: Some(due),
        amount: Money::euros(euros),
        received_on: received,
        received: received.map(|_| Money::euros(euros)),
    };
    detr.payments = vec![
        pay(
            PaymentKind::Advance,
            day(2025, 9, 1),
            30_000,
            Some(day(2025, 9, 1)),
        ),
        pay(
            PaymentKind::Instalment,
            day(2026, 5, 1),
            50_000,
            Some(day(2026, 5, 10)),
        ),
        pay(PaymentKind::Balance, day(2027, 3, 1), 20_000, None),
    ];
    let mut region = FundingLine::new(
        Funder::Region,
        FundingKind::Grant,
        ExpenseNature::Investment,
        FundingStatus::PartiallyPaid,
    );
    region.amount_awarded = Some(Money::euros(40_000));
    region.notified_on = Some(day(2026, 2, 1));
    region.amount_paid = Some(Money::euros(10_000));
    region.paid_on = Some(day(2026, 11, 15));
    let mut own = FundingLine::new(
        Funder::OwnFunds,
        FundingKind::Grant,
        ExpenseNature::Investment,
        FundingStatus::Awarded,
    );
    own.amount_awarded = Some(Money::euros(60_000));
    own.notified_on = Some(day(2025, 1, 1));
    let mut d = detail("Halle", Some(200_000), vec![detr, region, own]);
    d.project.fields.stage = Stage::new(3).unwrap();
    d.project.fields.started_on = Some(day(2025, 10, 1));
    let ev = |from: Option<i64>, to: i64, date| StageEvent {
        from_stage: from.map(|f| Stage::new(f).unwrap()),
        to_stage: Stage::new(to).unwrap(),
        date,
        author: String::new(),
        note: String::new(),
    };
    d.lines.stage_events = vec![
        ev(None, 0, day(2024, 3, 1)),
        ev(Some(0), 1, day(2025, 2, 10)),
        ev(Some(1), 2, day(2025, 9, 1)),
        ev(Some(2), 3, day(2026, 3, 15)),
    ];
    let ms = |title: &str, due, done| Milestone {
        title: title.into(),
        due_date: due,
        done,
    };
    d.lines.milestones = vec![
        ms("Étude", day(2025, 5, 1), true),
        ms("Permis", day(2025, 11, 30), false),
        ms("Consultation", day(2026, 2, 1), true),
        ms("Marchés", day(2026, 4, 1), false),
        ms("Ordre de service", day(2026, 6, 1), true),
    ];
    let year = |y, f, a: Option<i64>| YearAmount {
        year: y,
        nature: ExpenseNature::Investment,
        forecast: Money::euros(f),
        actual: a.map(Money::euros),
    };
    d.lines.yearly = vec![year(2025, 80_000, Some(75_000)), year(2026, 120_000, None)];
    let reading = |date, value| Reading {
        date,
        value,
        source: String::new(),
    };
    d.lines.indicators = vec![Indicator {
        code: None,
        label: "Commerces ouverts".into(),
        unit: "commerces".into(),
        direction: Direction::Up,
        baseline_value: Some(0.0),
        baseline_date: Some(day(2024, 1, 1)),
        target_value: Some(100.0),
        target_date: Some(day(2027, 12, 31)),
        readings: vec![
            reading(day(2025, 6, 30), 20.0),
            reading(day(2025, 12, 31), 40.0),
            reading(day(2026, 6, 30), 55.0),
            reading(day(2027, 1, 10), 70.0),
        ],
    }];
    d
}

#[test]
fn the_annual_review_compares_the_year_with_the_one_before() {
    let kept = reviewed_project();
    // An abandoned project moves and gets money in 2026: left out.
    let mut dropped = reviewed_project();
    dropped.project.id = 2;
    dropped.project.fields.health = Health::Abandoned;
    let projects = [kept, dropped];
    let period = Period {
        kind: PackKind::AnnualReview,
        from: day(2026, 1, 1),
        to: day(2026, 12, 31),
        as_of: day(2026, 12, 31),
        next: day(2027, 3, 31),
        edited_on: day(2027, 1, 15),
    };
    let c = committee::gather(&Inputs {
        town_insee: "29024",
        town_name: "Carhaix-Plouguer",
        period,
        projects: &projects,
        town_indicators: &[],
        schemes: &[],
        calls: &[],
        baseline: None,
    });
    assert_eq!(c.abandoned, 1);
    let y = c
        .year_on_year
        .as_ref()
        .expect("a review compares two years");
    let (a, b) = (&y.previous, &y.current);
    // Stage moves: 2025, 0→1 (10 February) and 1→2 (1 September); 2026,
    // 2→3 (15 March). The first event has no previous stage.
    assert_eq!((a.stage_moves, b.stage_moves), (2, 1));
    // Met: the study (2025); the consultation and the order (2026).
    assert_eq!((a.milestones_met, b.milestones_met), (1, 2));
    // Due and not done: the permit (2025), the contracts (2026).
    assert_eq!((a.milestones_missed, b.milestones_missed), (1, 1));
    // Awarded by funders: DETR 100 000 notified in 2025; Region 40 000 in
    // 2026. The town's own 60 000 is not a funder's.
    assert_eq!(
        (a.awarded, b.awarded),
        (Money::euros(100_000), Money::euros(40_000))
    );
    // Received: the DETR advance 30 000 in 2025; in 2026 its instalment
    // 50 000 and the Region's 10 000 paid on 15 November.
    assert_eq!(
        (a.received, b.received),
        (Money::euros(30_000), Money::euros(60_000))
    );
    // The PPI: spending 80 000 then 120 000; receipts 30 000 then 50 000
    // scheduled plus the Region's 10 000 paid without a schedule on
    // 15 November 2026: 60 000; net 50 000 then 60 000.
    let [pa, pb] = &y.programme;
    assert_eq!(
        (pa.investment, pb.investment),
        (Money::euros(80_000), Money::euros(120_000))
    );
    assert_eq!((pa.actual, pb.actual), (Money::euros(75_000), Money(0)));
    assert_eq!(
        (pa.net, pb.net),
        (Money::euros(50_000), Money::euros(60_000))
    );
    // The indicator at the end of 2025 (40 of 100) and of 2026 (55); the
    // reading of January 2027 is after the year.
    let ind = &c.indicators[0];
    assert_eq!(ind.previous.as_ref().and_then(|p| p.percent), Some(40.0));
    assert_eq!(ind.progress.percent, Some(55.0));
    assert_eq!(ind.indicator.readings.len(), 3);

    let opts = BriefOptions::new(Lang::Fr, "2027-01-15T10:00:00Z".parse().unwrap());
    let pdf = bourgade_core::document::to_pdf(&committee::document(&c, &opts), opts.now).unwrap();
    let path = save("review-by-hand.pdf", &pdf);
    check_file(&path);
    let t = text(&path);
    for row in [
        "Étapes franchies 2 1 −1",
        "Jalons tenus 1 2 +1",
        "Jalons échus non tenus 1 1 0",
        "Aides accordées 100 000 € 40 000 € −60 000 € (−60 %)",
        "Versements reçus 30 000 € 60 000 € +30 000 € (+100 %)",
        "Dépenses prévues (PPI) 80 000 € 120 000 € +40 000 € (+50 %)",
        "Charge nette pour la commune 50 000 € 60 000 € +10 000 € (+20 %)",
        "Bilan annuel de la convention 2026",
        "Commerces ouverts",
        "55 % (+15 pt)",
    ] {
        assert!(t.contains(row), "« {row} » in the review:\n{t}");
    }
}

#[test]
fn the_dashboard_xlsx_holds_the_same_views_with_formulas() {
    use calamine::{Data, Reader, Xlsx};
    let mut s = store("xlsx");
    let pack = committee(&mut s, day(2026, 6, 1), day(2026, 12, 8));
    let bytes = desk::pack_xlsx(&pack, &fr()).unwrap();
    save("committee.xlsx", &bytes);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Synthèse",
            "Avancement",
            "Jalons",
            "Indicateurs",
            "Mesures",
            "Financements",
            "Caducité",
            "Décisions"
        ]
    );
    let num = |d: Option<&Data>| match d {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("a number, got {other:?}"),
    };
    let find = |range: &calamine::Range<Data>, label: &str| -> usize {
        range
            .rows()
            .position(|r| r.first() == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("a row « {label} »"))
    };
    let summary = book.worksheet_range("Synthèse").unwrap();
    assert_eq!(
        num(summary.get((find(&summary, "Projets suivis"), 1))),
        17.0
    );
    assert_eq!(
        num(summary.get((find(&summary, "Coût des projets"), 1))),
        11_805_000.0
    );
    assert_eq!(
        num(summary.get((find(&summary, "Reçu des financeurs"), 1))),
        576_300.0
    );
    let progress = book.worksheet_range("Avancement").unwrap();
    assert_eq!(progress.height(), 18, "a header and 17 projects");
    let indicators = book.worksheet_range("Indicateurs").unwrap();
    assert_eq!(indicators.height(), 9, "3 of the convention, 5 of projects");
    assert_eq!(
        indicators.get((1, 3)),
        Some(&Data::String(
            "Taux de vacance commerciale du centre-ville".into()
        ))
    );
    assert_eq!(num(indicators.get((1, 12))), 67.7);
    let funding = book.worksheet_range("Financements").unwrap();
    let total = find_in(&funding, 2, "Total");
    assert_eq!(num(funding.get((total, 3))), 11_805_000.0);
    assert_eq!(num(funding.get((total, 7))), 576_300.0);
    let formulas = book.worksheet_formula("Financements").unwrap();
    assert_eq!(
        formulas.get_value((total as u32, 3)).map(String::as_str),
        Some("SUM(D2:D18)")
    );
    let lapse = book.worksheet_range("Caducité").unwrap();
    assert_eq!(lapse.height(), 6, "a header and the five DETR/DSIL grants");
    let decisions = book.worksheet_range("Décisions").unwrap();
    assert!(decisions
        .rows()
        .any(|r| r.get(3) == Some(&Data::String("Bloquant".into()))));

    // The review's summary adds the year on year, as formulas.
    let review = desk::annual_review(
        &mut s,
        &ReviewRequest {
            town_insee: Some("29024".into()),
            year: 2026,
        },
        &fr(),
    )
    .unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(
        desk::pack_xlsx(&review, &fr()).unwrap(),
    ))
    .unwrap();
    let summary = book.worksheet_range("Synthèse").unwrap();
    let row = find(&summary, "Aides accordées");
    assert!(summary.get((row - 4, 0)) == Some(&Data::String("L'année en chiffres".into())));
    let formulas = book.worksheet_formula("Synthèse").unwrap();
    assert_eq!(
        formulas.get_value((row as u32, 3)).map(String::as_str),
        Some(format!("C{}-B{}", row + 1, row + 1).as_str())
    );
}

fn find_in(range: &calamine::Range<calamine::Data>, col: usize, label: &str) -> usize {
    range
        .rows()
        .position(|r| r.get(col) == Some(&calamine::Data::String(label.into())))
        .unwrap_or_else(|| panic!("a row « {label} »"))
}

#[test]
fn bad_requests_are_refused_in_french_before_anything_is_stored() {
    let mut s = store("refusals");
    let req = CommitteeRequest {
        town_insee: None,
        since: day(2026, 12, 9),
        meeting_date: Some(day(2026, 12, 8)),
        next: None,
    };
    let e = desk::committee_pack(&mut s, &req, &fr()).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(
        e.message(Lang::Fr)
            .contains("le début (9 décembre 2026) est après la date du comité (8 décembre 2026)"),
        "{}",
        e.message(Lang::Fr)
    );
    let e = desk::committee_pack(
        &mut s,
        &CommitteeRequest {
            town_insee: Some("75056".into()),
            since: day(2026, 6, 1),
            ..req.clone()
        },
        &fr(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid", "{}", e.message(Lang::Fr));
    s.add_town("29197", now()).unwrap();
    let e = desk::committee_pack(
        &mut s,
        &CommitteeRequest {
            since: day(2026, 6, 1),
            ..req.clone()
        },
        &fr(),
    )
    .unwrap_err();
    assert!(
        e.message(Lang::Fr).contains("Plusieurs communes sont suivies : indiquez --town parmi 29024 (Carhaix-Plouguer), 29197 (Plouhinec)"),
        "{}",
        e.message(Lang::Fr)
    );
    let e = desk::annual_review(
        &mut s,
        &ReviewRequest {
            town_insee: Some("29024".into()),
            year: 2031,
        },
        &fr(),
    )
    .unwrap_err();
    assert!(e
        .message(Lang::Fr)
        .contains("l'année 2031 n'est pas une année passée ou en cours"));
    assert!(
        desk::steering_packs(&s, None).unwrap().is_empty(),
        "nothing stored"
    );
}
