//! The printed briefs, read back with the poppler tools and qpdf: the text a
//! councillor sees (figures, accents, French typography), the file's
//! validity, the embedded subset fonts, the outline, page counts of known
//! inputs, and hostile inputs that must stay on the page. Every document is
//! written under `target/briefs/` with its first page rendered to PNG.

use bourgade_core::brief::{BriefOptions, CouncilRequest, GroupBy};
use bourgade_core::desk;
use bourgade_core::model::*;
use bourgade_core::store::Store;
use bourgade_core::Lang;
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------- fixtures

use bourgade_core::testing::{day, demo_now as now, demo_store};

fn fr() -> BriefOptions {
    BriefOptions::new(Lang::Fr, now())
}

fn demo_id(s: &Store, title_start: &str) -> i64 {
    s.projects(&Default::default())
        .unwrap()
        .into_iter()
        .find(|p| p.title.starts_with(title_start))
        .unwrap_or_else(|| panic!("the demo has a project « {title_start}… »"))
        .id
}

/// Writes `pdf` to target/briefs/<name>.pdf and renders its first page.
fn save(name: &str, pdf: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/briefs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            path.to_str().unwrap(),
            dir.join(name).to_str().unwrap(),
        ],
    );
    path
}

/// Runs a checking tool; the poppler tools and qpdf are part of the test
/// environment (scripts/install-deps.sh), so a missing one fails loudly.
fn run(tool: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (poppler-utils, qpdf): {e}"));
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// The text pdftotext extracts, whitespace collapsed (pdftotext turns
/// no-break spaces into plain ones: NFKC).
fn text(path: &Path) -> String {
    let (ok, t) = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(ok, "pdftotext reads {}", path.display());
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_text(path: &Path, page: usize) -> String {
    let p = page.to_string();
    let (ok, t) = run(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-f",
            &p,
            "-l",
            &p,
            path.to_str().unwrap(),
            "-",
        ],
    );
    assert!(ok);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(path: &Path) -> usize {
    let (ok, info) = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(ok, "pdfinfo reads {}", path.display());
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives a page count")
}

fn info(path: &Path, key: &str) -> String {
    let (_, info) = run("pdfinfo", &[path.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

/// qpdf finds no structural problem, the fonts are embedded subsets, and
/// every word lies inside the page's text block.
fn check_file(path: &Path) {
    let (ok, out) = run("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(
        ok && out.contains("No syntax or stream encoding errors"),
        "qpdf --check passes for {}: {out}",
        path.display()
    );
    let (ok, fonts) = run("pdffonts", &[path.to_str().unwrap()]);
    assert!(ok);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "Regular and Bold only: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(
            cols[0].contains("+LiberationSans"),
            "the font name has a subset prefix: {row}"
        );
        let n = cols.len();
        assert_eq!(
            (cols[n - 5], cols[n - 4], cols[n - 3]),
            ("yes", "yes", "yes"),
            "embedded, subset, with a Unicode map: {row}"
        );
    }
    inside_the_page(path);
}

/// `pdftotext -bbox`: every word's box within the margins (22 mm each
/// side) and above the footer's baseline.
fn inside_the_page(path: &Path) {
    let (ok, html) = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    assert!(ok);
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let start = tag.find(&key).expect("attribute present") + key.len();
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let (mut page, mut w, mut h, mut words) = (0, 0.0, 0.0, 0);
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
            w = attr(line, "width");
            h = attr(line, "height");
            assert!(
                (w - 595.276).abs() < 0.5 && (h - 841.89).abs() < 0.5,
                "A4 pages"
            );
        } else if line.starts_with("<word ") {
            words += 1;
            let (x0, y0, x1, y1) = (
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
            );
            assert!(
                x0 >= 62.4 - 1.0 && x1 <= w - 62.4 + 1.0 && y0 >= 20.0 && y1 <= h - 20.0,
                "page {page} of {}: word at ({x0:.1}, {y0:.1})–({x1:.1}, {y1:.1}) is outside the text block: {line}",
                path.display()
            );
        }
    }
    assert!(words > 0, "{} has text", path.display());
}

/// The outline's titles, in order.
fn outline(path: &Path) -> Vec<(String, u64)> {
    let (ok, json) = run(
        "qpdf",
        &["--json", "--json-key=outlines", path.to_str().unwrap()],
    );
    assert!(ok, "qpdf reads the outline");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["outlines"]
        .as_array()
        .expect("an outline")
        .iter()
        .map(|o| {
            (
                o["title"].as_str().unwrap().to_owned(),
                o["destpageposfrom1"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The Unicode values the PDF's ToUnicode maps name (decompressed by qpdf).
fn maps_to_unicode(path: &Path, code: &str) -> bool {
    let out = path.with_extension("qdf.pdf");
    run(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            path.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    String::from_utf8_lossy(&bytes).contains(&format!("> <{code}>"))
}

// ----------------------------------------------------------- project brief

#[test]
fn project_brief_reads_like_a_council_note() {
    let s = demo_store();
    let id = demo_id(&s, "Épicerie participative");
    let pdf = desk::briefs::project_brief(&s, id, None, &fr()).expect("the brief is made");
    let path = save("project-epicerie", &pdf);
    check_file(&path);
    let t = text(&path);
    for expected in [
        "Carhaix-Plouguer",
        "Le 23 novembre 2026",
        "NOTE EXPLICATIVE DE SYNTHÈSE",
        "Épicerie participative du centre-ville",
        "1. Objet",
        "Étape 7 sur 8 : Ouverture / exploitation, depuis le 21 juin 2025.",
        "Coût de l'opération : 95 000 € HT (114 000 € TTC).",
        "23 750 €",
        "Total des financements inscrits 95 000 € 100 %",
        "dont aides publiques 66 500 € 70 %",
        "dont autofinancement (fonds propres) 28 500 € 30 %",
        "France Active Bretagne",
        "Épicerie participative",
        "Il est proposé au conseil municipal de prendre acte du bilan de l'opération.",
    ] {
        assert!(t.contains(expected), "the brief shows « {expected} »:\n{t}");
    }
    assert_eq!(pages(&path), 2, "the épicerie's brief holds on two pages");
    assert_eq!(
        info(&path, "Author"),
        "Carhaix-Plouguer",
        "the town is the author"
    );
    assert!(
        info(&path, "Title").contains("Épicerie participative du centre-ville"),
        "the title names the project"
    );
    assert!(
        info(&path, "CreationDate").contains("2026"),
        "the creation date is the `now` given"
    );
    assert!(
        !run("pdfinfo", &[path.to_str().unwrap()])
            .1
            .contains("PDF/X"),
        "the brief claims no PDF/X conformance it does not have"
    );
    assert!(
        maps_to_unicode(&path, "202F") && maps_to_unicode(&path, "00A0"),
        "amounts use narrow no-break spaces and the euro sign a no-break space (pdftotext shows both as spaces)"
    );
}

#[test]
fn a_plan_above_the_ceiling_is_flagged_and_the_decision_is_editable() {
    let s = demo_store();
    let id = demo_id(&s, "Restauration d'une maison à pans de bois");
    let decision =
        "Il est proposé au conseil municipal de reporter le vote : le plan doit être revu !";
    let pdf = desk::briefs::project_brief(&s, id, Some(decision), &fr()).unwrap();
    let path = save("project-pans-de-bois", &pdf);
    check_file(&path);
    let t = text(&path);
    assert!(
        t.contains("Participation du maître d'ouvrage : 103 500 €, soit 15,0 % des 690 000 € de financements publics ; le minimum est de 20 % (138 000 €), il manque 34 500 € (CGCT, art. L1111-10, III). Calcul : Aides publiques : 586 500 € ; participation de la commune : 103 500 € ; minimum 20 % de 690 000 € = 138 000 € ; il manque 34 500 €."),
        "the owner's minimum share is printed with its article and computation, as `check` gives it: {t}"
    );
    assert!(
        t.contains("reporter le vote : le plan doit être revu !"),
        "the user's decision replaces the default one"
    );
    assert!(
        !t.contains("solliciter les subventions"),
        "the default proposal is gone"
    );
}

#[test]
fn english_documents_when_the_language_is_english() {
    let s = demo_store();
    let id = demo_id(&s, "Épicerie participative");
    let pdf =
        desk::briefs::project_brief(&s, id, None, &BriefOptions::new(Lang::En, now())).unwrap();
    let path = save("project-en", &pdf);
    check_file(&path);
    let t = text(&path);
    for expected in [
        "23 November 2026",
        "EXPLANATORY SUMMARY NOTE",
        "Cost of the operation: €95,000",
        "It is proposed that the municipal council take note",
        "Stage 7 of 8",
    ] {
        assert!(
            t.contains(expected),
            "the English brief shows « {expected} »: {t}"
        );
    }
    assert!(!t.contains("Il est proposé"), "no French sentence left");
}

/// A logo: a gradient (`testing::png`).
fn png(w: u32, h: u32) -> Vec<u8> {
    bourgade_core::testing::png(w, h, |x, y| {
        [(x * 255 / w) as u8, 0x3a, (y * 255 / h) as u8]
    })
}

#[test]
fn the_town_logo_is_placed_and_a_bad_one_refused() {
    let s = demo_store();
    let id = demo_id(&s, "Épicerie participative");
    let mut opts = fr();
    opts.logo_png = Some(png(120, 60));
    let pdf = desk::briefs::project_brief(&s, id, None, &opts).expect("a PNG logo is accepted");
    let path = save("project-logo", &pdf);
    check_file(&path);
    let (_, list) = run("pdfimages", &["-list", path.to_str().unwrap()]);
    assert_eq!(
        list.lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .count(),
        1,
        "one image, the logo: {list}"
    );
    opts.logo_png = Some(b"GIF89a not a png".to_vec());
    let e = desk::briefs::project_brief(&s, id, None, &opts).unwrap_err();
    assert_eq!(
        e.code(),
        "invalid",
        "a file that is not a PNG is the user's error"
    );
    assert!(
        e.message(Lang::Fr).contains("Logo"),
        "the message names the logo: {}",
        e.message(Lang::Fr)
    );
}

// ---------------------------------------------------------------- portfolio

#[test]
fn portfolio_groups_by_stage_with_totals_charts_and_outline() {
    let s = demo_store();
    let pdf = desk::briefs::portfolio_brief(&s, Some("29024"), GroupBy::Stage, &fr()).unwrap();
    let path = save("portfolio-stage", &pdf);
    check_file(&path);
    let t = text(&path);
    for expected in [
        "Portefeuille des projets par étape",
        "Projets par étape",
        "Financements inscrits par source",
        "Étape 3 · Faisabilité et plan de financement (2 projets)",
        "Total (17 projets)",
        "11 805 000 €",
        "9 184 000 €",
        "Épicerie participative du centre-ville",
    ] {
        assert!(
            t.contains(expected),
            "the portfolio shows « {expected} »: {t}"
        );
    }
    let titles: Vec<String> = s
        .projects(&Default::default())
        .unwrap()
        .into_iter()
        .map(|p| p.title)
        .collect();
    let marks = outline(&path);
    assert_eq!(
        marks.len(),
        titles.len() + 1,
        "one bookmark per project plus the table: {marks:?}"
    );
    let plain = |s: &str| s.replace(['\u{a0}', '\u{202f}'], " ");
    for title in &titles {
        assert!(
            marks.iter().any(|(m, _)| plain(m).ends_with(&plain(title))),
            "a bookmark for « {title} »"
        );
    }
    assert_eq!(
        pages(&path),
        5,
        "17 projects: charts, table, sheets on 5 pages"
    );
}

#[test]
fn portfolio_groups_by_axis_with_the_same_totals() {
    let s = demo_store();
    let pdf = desk::briefs::portfolio_brief(&s, None, GroupBy::Axis, &fr()).unwrap();
    let path = save("portfolio-axis", &pdf);
    check_file(&path);
    let t = text(&path);
    assert!(
        t.contains("Portefeuille des projets par axe de l'ORT")
            && t.contains("Toutes les communes"),
        "all towns, grouped by axis"
    );
    assert!(
        t.contains("Axe — Habitat"),
        "axis groups are named by their label: {t}"
    );
    assert!(
        t.contains("Total (17 projets)") && t.contains("11 805 000 €") && t.contains("9 184 000 €"),
        "the grand total does not depend on the grouping"
    );
    let e = desk::briefs::portfolio_brief(&s, Some("42218"), GroupBy::Axis, &fr()).unwrap_err();
    assert_eq!(
        e.code(),
        "invalid",
        "a town that is not followed is refused"
    );
}

// ------------------------------------------------------------- council pack

#[test]
fn council_pack_is_stored_and_reprints_identically() {
    let mut s = demo_store();
    let beams = demo_id(&s, "Restauration d'une maison à pans de bois");
    let solar = demo_id(&s, "Centrale solaire citoyenne");
    let req = CouncilRequest {
        town_insee: None,
        meeting_date: day(2026, 11, 23),
        project_ids: vec![beams, solar],
        decisions: Default::default(),
    };
    let pack =
        desk::briefs::council_pack(&mut s, &req, &fr()).expect("the pack is made and stored");
    let path = save("council", &pack.pdf);
    check_file(&path);
    let t = text(&path);
    for expected in [
        "Conseil municipal",
        "Séance du 23 novembre 2026",
        "Ordre du jour",
        "Ce qui a changé depuis le dernier conseil",
        "Période : du 25 août 2026 au 23 novembre 2026",
        "Ateliers-boutiques pour artisans d'art en centre-ville",
        "Aide refusée",
        "Il est proposé au conseil municipal d'approuver le plan de financement prévisionnel",
        "Plan de financement incomplet : 294 000 € de financements, soit 70,0 % du coût HT (420 000 €) ; il manque 126 000 €. Calcul : Coût 420 000 € − financements 294 000 € = 126 000 € à trouver.",
    ] {
        assert!(t.contains(expected), "the pack shows « {expected} »: {t}");
    }
    assert_eq!(pages(&path), 6, "cover, changes, two briefs of two pages");
    let marks = outline(&path);
    let names: Vec<&str> = marks.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        names.len(),
        4,
        "agenda, changes and one bookmark per item: {names:?}"
    );
    assert!(
        names[2].starts_with("Point 1 — Restauration")
            && names[3].starts_with("Point 2 — Centrale"),
        "items in agenda order: {names:?}"
    );
    let (item1_page, item2_page) = (marks[2].1, marks[3].1);
    let cover = page_text(&path, 1);
    assert!(
        cover.contains(&format!("p. {item1_page}")) && cover.contains(&format!("p. {item2_page}")),
        "the agenda gives each item's real page ({item1_page}, {item2_page}): {cover}"
    );
    assert!(
        page_text(&path, item1_page as usize).contains("Restauration d'une maison"),
        "item 1 starts on the page the agenda says"
    );

    let again = desk::briefs::reprint_council_pack(&s, pack.id).unwrap();
    assert_eq!(
        again, pack.pdf,
        "a reprint is byte for byte the pack first printed"
    );
    let data: serde_json::Value =
        serde_json::from_str(&s.council_pack_data(pack.id).unwrap()).unwrap();
    let ids: Vec<i64> = data["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["detail"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![beams, solar],
        "the data printed is kept with the pack"
    );

    // The next council: the changes start at the previous pack.
    s.move_stage(
        solar,
        bourgade_core::store::StageMove {
            to: Stage::new(4).unwrap(),
            date: day(2026, 12, 10),
            author: "Maire".into(),
            note: "Vote du plan de financement.".into(),
        },
        now(),
    )
    .unwrap();
    let next = desk::briefs::council_pack(
        &mut s,
        &CouncilRequest {
            meeting_date: day(2027, 1, 15),
            project_ids: vec![solar],
            ..req.clone()
        },
        &fr(),
    )
    .unwrap();
    assert_eq!(
        (next.changes.since, next.changes.since_previous_pack),
        (day(2026, 11, 23), true),
        "the period starts at the previous council's pack"
    );
    assert_eq!(
        next.changes
            .stage_changes
            .iter()
            .map(|c| (c.project_id, c.to.number()))
            .collect::<Vec<_>>(),
        vec![(solar, 4)],
        "only the move made since the last council is listed"
    );
    let path = save("council-next", &next.pdf);
    check_file(&path);
    assert!(
        text(&path).contains("(dossier du conseil précédent)"),
        "the page says where the period starts"
    );
    let packs = desk::briefs::council_packs(&s, Some("29024")).unwrap();
    assert_eq!(
        packs.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![next.id, pack.id],
        "both packs are listed, latest meeting first"
    );
}

#[test]
fn council_pack_refuses_an_empty_agenda_or_another_towns_project() {
    let mut s = demo_store();
    s.add_town("29197", now()).unwrap();
    let elsewhere = s
        .create_project(
            ProjectFields {
                town_insee: "29197".into(),
                title: "Tiers-lieu Jean Moulin".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let mut req = CouncilRequest {
        town_insee: Some("29024".into()),
        meeting_date: day(2026, 11, 23),
        project_ids: vec![],
        decisions: Default::default(),
    };
    assert_eq!(
        desk::briefs::council_pack(&mut s, &req, &fr())
            .unwrap_err()
            .code(),
        "invalid",
        "an agenda needs a project"
    );
    req.project_ids = vec![elsewhere.id];
    let e = desk::briefs::council_pack(&mut s, &req, &fr()).unwrap_err();
    assert!(
        e.message(Lang::Fr).contains("appartient à Plouhinec"),
        "another town's project is named: {}",
        e.message(Lang::Fr)
    );
    assert!(
        desk::briefs::council_packs(&s, None).unwrap().is_empty(),
        "nothing is stored when the pack is refused"
    );
}

// ----------------------------------------------------------- hostile inputs

fn hostile_project(s: &mut Store) -> i64 {
    let title: String = "Réhabilitation exemplaire du cœur de bourg "
        .repeat(500)
        .chars()
        .take(20_000)
        .collect();
    let p = s
        .create_project(
            ProjectFields {
                town_insee: "29024".into(),
                title,
                summary: "😀🎉🏛️👩‍👩‍👧✨".into(),
                context: "مشروع تجديد المركز — שלום עולם, פרויקט התחדשות".into(),
                proposal: "Texte\u{7} avec\u{1b}[31m contrôles\tet\r\nretours".into(),
                risks: "\u{202e}renversé\u{202c} et\u{200b}invisible".into(),
                cost_excl_vat: Some(Money::euros(1_000_000)),
                stage: Stage::new(3).unwrap(),
                ..Default::default()
            },
            now(),
        )
        .expect("hostile but valid texts are stored");
    let mut lines = ProjectLines::default();
    for i in 0..200 {
        let mut l = FundingLine::new(
            Funder::ALL[i % Funder::ALL.len()],
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::ToRequest,
        );
        l.scheme = Some(format!(
            "Dispositif local n° {i} avec un intitulé assez long"
        ));
        l.amount_requested = Some(Money::euros(5_000 + i as i64));
        lines.funding_lines.push(l);
    }
    s.save_project_lines(p.id, lines, now()).unwrap();
    p.id
}

#[test]
fn hostile_inputs_stay_on_the_page() {
    let mut s = demo_store();
    let id = hostile_project(&mut s);
    let decision = "Il est proposé au conseil municipal d'approuver l'opération ; ".repeat(150);
    let pdf =
        desk::briefs::project_brief(&s, id, Some(&decision), &fr()).expect("no panic, a document");
    let path = save("hostile", &pdf);
    check_file(&path);
    let n = pages(&path);
    assert!(
        (8..=20).contains(&n),
        "a 20,000-character title and 200 funding lines take a sensible number of pages: {n}"
    );
    let t = text(&path);
    assert!(t.contains("□"), "emoji print as a visible box, not nothing");
    // The briefs do no bidi reordering: Hebrew (which the font has) is laid
    // out in logical order, left to right, so a bidi-aware reader such as
    // pdftotext reads each run backwards. Arabic, which it lacks, is boxed.
    assert!(
        t.contains("םלוע םולש"),
        "Hebrew prints as given, in logical order: {t}"
    );
    assert!(
        t.contains("□□□□□ □□□□□ □□□□□□"),
        "Arabic words print as boxes"
    );
    assert!(
        t.contains("Texte avec [31m contrôles et retours"),
        "control characters become spaces: {t}"
    );
    assert!(
        t.contains("renversé et") && t.contains("invisible"),
        "bidi overrides and zero-width spaces are dropped"
    );
    let header_pages = (1..=n)
        .filter(|p| {
            let t = page_text(&path, *p);
            [
                "Financeur",
                "Dispositif",
                "Nature",
                "Montant",
                "Part",
                "Statut",
            ]
            .iter()
            .all(|h| t.contains(h))
                && t.contains("Dispositif local n°")
        })
        .count();
    assert!(
        header_pages >= 3,
        "the 200-line plan breaks across pages repeating its header ({header_pages} pages)"
    );
    assert!(
        page_text(&path, 1).contains("…"),
        "the title is cut on page 1 and shown whole under « Objet »"
    );
}

#[test]
fn an_empty_project_gets_a_short_honest_brief() {
    let mut s = demo_store();
    let p = s
        .create_project(
            ProjectFields {
                town_insee: "29024".into(),
                title: "x".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let pdf = desk::briefs::project_brief(&s, p.id, None, &fr()).unwrap();
    let path = save("empty", &pdf);
    check_file(&path);
    let t = text(&path);
    assert!(t.contains("Non renseigné."), "empty sections say so");
    assert!(
        t.contains("Le coût de l'opération n'est pas encore estimé."),
        "a missing cost is stated"
    );
    assert!(
        pages(&path) <= 2,
        "an empty project needs no more than two pages"
    );
}

#[test]
fn hostile_projects_in_a_portfolio_and_a_pack_stay_on_the_page() {
    let mut s = demo_store();
    let id = hostile_project(&mut s);
    let epicerie = demo_id(&s, "Épicerie participative");
    let pdf = desk::briefs::portfolio_brief(&s, Some("29024"), GroupBy::Axis, &fr()).unwrap();
    let path = save("hostile-portfolio", &pdf);
    check_file(&path);
    let req = CouncilRequest {
        town_insee: None,
        meeting_date: day(2026, 11, 23),
        project_ids: vec![id, epicerie],
        decisions: [(id, "Il est proposé : « vérifier » ; d'accord ?".to_owned())].into(),
    };
    let pack = desk::briefs::council_pack(&mut s, &req, &fr()).unwrap();
    let path = save("hostile-council", &pack.pdf);
    check_file(&path);
    assert!(
        text(&path).contains("Il est proposé : « vérifier » ; d'accord ?"),
        "the decision keeps its French punctuation"
    );
}
