//! The grant application dossier (`desk::dossier`, `kit`): written for every
//! demo project with funding lines, read back with real readers (poppler,
//! python-docx, LibreOffice), with the same figures as the money rules, the
//! scheme filter, the refusals that write nothing, and hostile text kept as
//! text. Expected amounts are computed by hand in the comments.

mod readers;

use bourgade_core::brief::BriefOptions;
use bourgade_core::desk::dossier::{write_dossier, DossierRequest, FILES};
use bourgade_core::desk::readiness::check_one;
use bourgade_core::error::Error;
use bourgade_core::model::*;
use bourgade_core::store::Store;
use bourgade_core::testing::{day, demo_now, demo_store};
use bourgade_core::Lang;
use readers::{docx_read, libreoffice_to_pdf, pages, pdf_text, plain};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn opts() -> BriefOptions {
    BriefOptions::new(Lang::Fr, demo_now())
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("bourgade-dossier-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn write(s: &Store, id: i64, scheme: Option<&str>, dir: &Path, force: bool) -> Result<(), Error> {
    write_dossier(
        s,
        &DossierRequest {
            project_id: id,
            scheme: scheme.map(str::to_owned),
            dir: dir.to_owned(),
            force,
        },
        &opts(),
    )
    .map(|_| ())
}

/// "2 450 000 €" as pdftotext and python-docx give it back, plain spaces.
fn eur(e: i64) -> String {
    plain(&Money::euros(e).display_fr())
}

/// Every paragraph text of a DOCX read by python-docx, tables included.
fn docx_texts(v: &Value) -> String {
    let mut out: Vec<String> = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_owned())
        .collect();
    for t in v["tables"].as_array().unwrap() {
        for row in t["rows"].as_array().unwrap() {
            for c in row.as_array().unwrap() {
                out.push(c["text"].as_str().unwrap().to_owned());
            }
        }
    }
    plain(&out.join("\n"))
}

#[test]
fn every_demo_project_with_funding_lines_gets_a_dossier_that_real_readers_open() {
    let s = demo_store();
    let root = temp("all");
    let today = day(2026, 11, 23);
    let mut docx = Vec::new();
    let mut expected: Vec<(PathBuf, String)> = Vec::new();
    let mut projects = 0;
    for d in s.project_details().unwrap() {
        if d.lines.funding_lines.is_empty() {
            continue;
        }
        projects += 1;
        let id = d.project.id;
        let dir = root.join(id.to_string());
        write(&s, id, None, &dir, false).unwrap_or_else(|e| panic!("project {id}: {e}"));
        for name in FILES {
            let f = dir.join(name);
            assert!(
                std::fs::metadata(&f).unwrap().len() > 1000,
                "{}",
                f.display()
            );
            if name.ends_with(".pdf") {
                assert!(pages(&f) >= 1);
            }
        }
        // The plan states the money rules' figures: the total, and the
        // owner's share verdict the checks give.
        let plan = pdf_text(&dir.join("plan-de-financement.pdf"));
        let summary = bourgade_core::desk::readiness::plan_summary(&s, id, today).unwrap();
        let f = &summary.figures;
        let total = Money(f.total_planned.cents() + f.unfunded.cents());
        assert!(
            plan.contains(&plain(&total.display_fr())),
            "project {id}: total {plan}"
        );
        assert!(
            plan.contains(&plain(&f.owner_burden.display_fr())),
            "project {id}"
        );
        if let Some(finding) = check_one(&s, id, today)
            .unwrap()
            .iter()
            .find(|x| x.code == FindingCode::OwnerShareBelowMinimum)
        {
            assert!(
                plan.contains(plain(&finding.message_fr).trim_end_matches('.')),
                "project {id}: the plan states the check's verdict\n{plan}"
            );
        }
        let resolution = pdf_text(&dir.join("projet-de-deliberation.pdf"));
        assert!(resolution.contains("Article 1er"), "project {id}");
        assert!(resolution.contains("DÉCIDE"), "project {id}");
        for l in &d.lines.funding_lines {
            if matches!(l.status, FundingStatus::ToRequest | FundingStatus::Filed)
                && l.funder != Funder::OwnFunds
                && l.kind == FundingKind::Grant
            {
                assert!(
                    resolution.contains(&plain(&l.planned_amount().display_fr())),
                    "project {id}: an article asks for {:?}",
                    l.scheme
                );
            }
        }
        let form = pdf_text(&dir.join("fiche-demande.pdf"));
        if let Some(c) = d.project.fields.cost_excl_vat {
            assert!(form.contains(&plain(&c.display_fr())), "project {id}");
        }
        for name in ["plan-de-financement.docx", "projet-de-deliberation.docx"] {
            let path = dir.join(name);
            let copy = root.join(format!("{id}-{name}"));
            std::fs::copy(&path, &copy).unwrap();
            expected.push((
                root.join(format!("{id}-{}", name.replace(".docx", ".pdf"))),
                if name.starts_with("plan") {
                    plain(&total.display_fr())
                } else {
                    "Article 1er".to_owned()
                },
            ));
            docx.push(copy);
        }
    }
    assert!(projects >= 10, "the demo has plans to write");
    // One LibreOffice run converts every DOCX; each prints its figures.
    let refs: Vec<&Path> = docx.iter().map(PathBuf::as_path).collect();
    libreoffice_to_pdf(&refs, &root);
    for (pdf, needle) in &expected {
        let text = pdf_text(pdf);
        assert!(text.contains(needle), "{}: {needle}\n{text}", pdf.display());
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_plan_and_the_resolution_read_back_with_python_docx() {
    let s = demo_store();
    let dir = temp("habitat");
    let id = 7; // Habitat intergénérationnel: 5 expense lines, DSIL on part.
    write(&s, id, None, &dir, false).unwrap();
    let plan = docx_read(&dir.join("plan-de-financement.docx"));
    let styles: Vec<&str> = plan["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["style"].as_str())
        .collect();
    assert!(
        styles.contains(&"Title") && styles.contains(&"Heading 1"),
        "{styles:?}"
    );
    let tables = plan["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 3, "key facts, expenses, receipts");
    let cells = |t: &Value| -> Vec<Vec<String>> {
        t["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|c| plain(c["text"].as_str().unwrap()))
                    .collect()
            })
            .collect()
    };
    let expenses = cells(&tables[1]);
    // Header, 5 category subtotals... the demo uses 4 categories: studies,
    // acquisition, works (2 lines), equipment; then the total.
    assert_eq!(expenses.len(), 1 + 4 + 5 + 1, "{expenses:?}");
    assert_eq!(
        expenses.last().unwrap(),
        &vec![
            "Total des dépenses".to_owned(),
            eur(2_450_000),
            eur(414_000),
            eur(2_864_000)
        ]
    );
    let acquisition = expenses
        .iter()
        .find(|r| r[0] == "Acquisitions foncières et immobilières")
        .expect("a subtotal per category");
    assert_eq!(acquisition[1..], [eur(380_000), eur(0), eur(380_000)]);
    let receipts = cells(&tables[2]);
    let dsil = receipts
        .iter()
        .find(|r| r[1].contains("DSIL"))
        .expect("the DSIL line");
    // 367 500 / 1 225 000 = 30 %; 367 500 / 2 450 000 = 15 % of the cost.
    assert_eq!(
        dsil[2..],
        [
            eur(1_225_000),
            "30 %".to_owned(),
            eur(367_500),
            "15 %".to_owned(),
            "Sollicité".to_owned()
        ]
    );
    assert_eq!(
        receipts.last().unwrap()[4],
        eur(2_450_000),
        "totals balance"
    );
    let text = docx_texts(&plan);
    assert!(text.contains("Certifié exact"), "{text}");
    assert!(
        text.contains("le minimum de 20 % (CGCT, art. L1111-10 III) est respecté"),
        "980 000 of 2 450 000 is 40 %: {text}"
    );

    // The note de synthèse says what the cost is made of: the works are
    // 1 225 000 + 549 000 = 1 774 000 € HT.
    let note = pdf_text(&dir.join("note-de-synthese.pdf"));
    assert!(
        note.contains(&format!("travaux {}", eur(1_774_000))),
        "{note}"
    );

    let resolution = docx_read(&dir.join("projet-de-deliberation.docx"));
    let text = docx_texts(&resolution);
    for needle in [
        "Le conseil municipal,",
        "Vu le code général des collectivités territoriales",
        "Vu l'article L2334-42 du même code",
        "fiche action n° 1.2",
        "Après en avoir délibéré, DÉCIDE :",
        "Article 1er",
        "Sollicite auprès de l'État une subvention au titre du dispositif « Dotation de soutien à l’investissement local (DSIL) » d'un montant de 367 500 €, soit 30 % de la dépense subventionnable (1 225 000 € HT) ;",
        "soit 980 000 €, sera financée par autofinancement",
        "Autorise le maire à signer",
        "exercice 2027",
        "Pour : ……",
        "Abstentions : ……",
        "Le maire,",
    ] {
        assert!(text.contains(needle), "« {needle} » in\n{text}");
    }
    let articles = resolution["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["text"].as_str().unwrap().starts_with("Article "))
        .count();
    // Approve; four requests (ANAH, DSIL, Région, Département); the
    // owner's share; sign; budget.
    assert_eq!(articles, 8);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_scheme_narrows_the_resolution_and_the_form_to_its_lines() {
    let s = demo_store();
    let dir = temp("dsil");
    write(&s, 7, Some("dsil"), &dir, false).unwrap();
    let resolution = docx_texts(&docx_read(&dir.join("projet-de-deliberation.docx")));
    assert!(resolution.contains("367 500 €"));
    assert!(
        !resolution.contains("490 000 €"),
        "no ANAH article: {resolution}"
    );
    assert!(resolution.contains("L2334-42"));
    let form = pdf_text(&dir.join("fiche-demande.pdf"));
    assert!(form.contains("Dotation de soutien"), "{form}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_requests_are_refused_in_french_and_write_nothing() {
    let s = demo_store();
    let dir = temp("refusals");
    match write(&s, 999, None, &dir, false) {
        Err(Error::NotFound { key, .. }) => assert_eq!(key, "n° 999"),
        other => panic!("{other:?}"),
    }
    assert!(!dir.exists(), "nothing created for an unknown project");
    let e = write(&s, 9, Some("FEDER"), &dir, false).unwrap_err();
    let msg = e.message(Lang::Fr);
    assert!(
        msg.contains("n'a pas de ligne « FEDER »") && msg.contains("DETR"),
        "{msg}"
    );
    assert!(!dir.exists());

    write(&s, 9, None, &dir, false).unwrap();
    let before = std::fs::read(dir.join("plan-de-financement.pdf")).unwrap();
    std::fs::write(dir.join("fiche-demande.pdf"), b"mine").unwrap();
    let msg = write(&s, 9, None, &dir, false)
        .unwrap_err()
        .message(Lang::Fr);
    assert!(
        msg.contains("contient déjà") && msg.contains("--force"),
        "{msg}"
    );
    assert_eq!(
        std::fs::read(dir.join("fiche-demande.pdf")).unwrap(),
        b"mine"
    );
    assert_eq!(
        std::fs::read(dir.join("plan-de-financement.pdf")).unwrap(),
        before
    );
    write(&s, 9, None, &dir, true).unwrap();
    assert_ne!(
        std::fs::read(dir.join("fiche-demande.pdf")).unwrap(),
        b"mine"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let file = dir.join("plan-de-financement.pdf");
    let msg = write(&s, 9, None, &file, false)
        .unwrap_err()
        .message(Lang::Fr);
    assert!(msg.contains("est un fichier, pas un dossier"), "{msg}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_text_and_an_epci_owner() {
    let mut s = demo_store();
    let id = 10;
    let mut fields = s.project(id).unwrap().fields;
    let hostile = "Atelier <b>vélo</b> & « Cie » \"quotes\" 'apos' 🚲 مرحبا ]]> \u{202e}rtl";
    fields.title = hostile.into();
    fields.context = format!("{hostile}. Second sentence <script>.");
    fields.owner_kind = OwnerKind::Epci;
    fields.cost_excl_vat = None;
    fields.cost_incl_vat = None;
    s.update_project(id, fields, "test", demo_now()).unwrap();
    let mut lines = s.project_detail(id).unwrap().lines;
    for l in &mut lines.funding_lines {
        l.eligible_base_excl_vat = None;
    }
    lines.expense_lines[0].label = format!("{hostile} — poste");
    s.save_project_lines(id, lines, demo_now()).unwrap();
    let dir = temp("hostile");
    write(&s, id, None, &dir, false).unwrap();
    let resolution = docx_read(&dir.join("projet-de-deliberation.docx"));
    let text = docx_texts(&resolution);
    assert!(text.contains("Le conseil communautaire,"), "{text}");
    assert!(text.contains("Le président,"), "{text}");
    assert!(text.contains("Atelier <b>vélo</b> & « Cie »"), "{text}");
    let plan = docx_texts(&docx_read(&dir.join("plan-de-financement.docx")));
    assert!(plan.contains("<b>vélo</b> & « Cie » \"quotes\""), "{plan}");
    let pdf = pdf_text(&dir.join("plan-de-financement.pdf"));
    assert!(pdf.contains("<b>vélo</b>"), "{pdf}");
    let _ = std::fs::remove_dir_all(&dir);
}
