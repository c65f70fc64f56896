//! The document model and its two writers, read back by real readers: one
//! sample document using every kind of block, French amounts and hostile
//! text, written as PDF and DOCX; the PDF read with poppler (`pdftotext
//! -layout`, `pdfinfo`) and qpdf; the DOCX read with python-docx (Debian's
//! `/usr/bin/python3`) and converted to PDF by LibreOffice (one `soffice`
//! run), whose text is read back too. The files stay under
//! `target/documents/` for a look.
//!
//! The tools belong to the test environment: a missing one fails the test
//! with the command that installs it (`scripts/install-deps.sh --test`).

mod readers;

use bourgade_core::document::{
    to_docx, to_pdf, Block, Col, Document, Letterhead, Run, TRow, Table,
};
use bourgade_core::Lang;
use chrono::{DateTime, TimeZone, Utc};
use readers::{docx_read, libreoffice_to_pdf, pages, pdf_text, plain, run};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const TOWN: &str = "Commune de Saint-Loup-sur-Semouse";
const TITLE: &str = "Demande de subvention DETR 2027 — Réhabilitation de la halle";
const TOTAL: &str = "255\u{202f}000\u{a0}€";
const STATE: &str = "102\u{202f}000\u{a0}€";
/// Hostile user text: markup, entities, quotes, emoji, Arabic and Hebrew,
/// C0 controls (to drop), a tab and a Windows line break (to keep as such).
const HOSTILE: &str = "Entrée <script>alert(\"x\")</script> &amp; & « guillemets » l'apostrophe \
     😀 مرحبا שלום\u{1}\u{8}\u{b}\u{c}\u{1b}\u{7f} fin\tcolonne\r\nligne suivante";
/// What the DOCX keeps of it: controls gone, CRLF one line break.
const HOSTILE_KEPT: &str =
    "Entrée <script>alert(\"x\")</script> &amp; & « guillemets » l'apostrophe \
     😀 مرحبا שלום fin\tcolonne\nligne suivante";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 3, 9, 30, 0).unwrap()
}

fn long_word() -> String {
    "Anticonstitutionnellement".repeat(8)
}

/// Every kind of block, as a council resolution with its funding plan.
fn sample() -> Document {
    let mut doc = Document::new(Lang::Fr, format!("Délibération n°\u{a0}2027-014 — {TITLE}"));
    doc.subject = "Délibération du conseil municipal".into();
    doc.header = Some(Letterhead::new(TOWN).with_logo(png(160, 120)));
    doc.display_title(TITLE)
        .note("Séance du 3\u{a0}mars\u{a0}2027 — convocation du 24\u{a0}février\u{a0}2027")
        .h1("1. Exposé des motifs")
        .runs(vec![
            Run::plain("La halle du centre-bourg, construite en 1884, "),
            Run::bold("menace ruine"),
            Run::plain(" : sa charpente doit être reprise avant l'hiver. "),
            Run::italic("Le diagnostic de mars 2026 le confirme."),
        ])
        .para(HOSTILE)
        .para(format!("Mot très long : {}.", long_word()))
        .h2("Coût de l'opération")
        .key_figures([
            ("Coût HT", TOTAL),
            ("Aides publiques", "204\u{202f}000\u{a0}€ (80\u{a0}%)"),
            ("Autofinancement", "51\u{202f}000\u{a0}€"),
            ("Travaux", "avril – octobre 2027"),
        ])
        .h1("2. Plan de financement")
        .table(
            Table::new(vec![
                Col::left("Financeur", 3.0),
                Col::left("Dispositif", 2.0),
                Col::right("Montant HT", 1.4),
                Col::right("Part", 0.8),
            ])
            .row(["État", "DETR 2027", STATE, "40\u{a0}%"])
            .row([
                "Région Bourgogne-Franche-Comté",
                "Effort territorial",
                "51\u{202f}000\u{a0}€",
                "20\u{a0}%",
            ])
            .row([
                "Département de la Haute-Saône",
                "Aide aux communes",
                "51\u{202f}000\u{a0}€",
                "20\u{a0}%",
            ])
            .subtotal(["Aides publiques", "", "204\u{202f}000\u{a0}€", "80\u{a0}%"])
            .row([
                "Commune",
                "Autofinancement",
                "51\u{202f}000\u{a0}€",
                "20\u{a0}%",
            ])
            .total(["Total", "", TOTAL, "100\u{a0}%"]),
        )
        .h3("Détail des dépenses")
        .table(Table {
            columns: vec![
                Col::left("Poste de dépense", 4.0),
                Col::right("Montant HT", 1.0),
            ],
            rows: std::iter::once(TRow {
                cells: vec![HOSTILE.into(), "1\u{a0}€".into()],
                kind: Default::default(),
            })
            .chain((1..=45).map(|i| TRow {
                cells: vec![
                    format!("Lot n°\u{a0}{i} — travaux de charpente et de couverture"),
                    format!("{}\u{202f}{:03}\u{a0}€", 5 + i % 3, i * 7),
                ],
                kind: Default::default(),
            }))
            .collect(),
        })
        .bullets([
            "Dépôt du dossier DETR avant le 31\u{a0}mars\u{a0}2027",
            "Consultation des entreprises en mai",
        ])
        .h1("3. Décision")
        .push(Block::Numbered {
            label: "Article 1er".into(),
            runs: vec![
                Run::plain(
                    "Le conseil municipal approuve le plan de financement pour un montant de ",
                ),
                Run::bold(TOTAL),
                Run::plain(" HT."),
            ],
        })
        .article(
            "Article 2",
            format!("Le maire est autorisé à solliciter l'État au titre de la DETR pour {STATE}."),
        )
        .vote([
            "Pour\u{a0}: ……",
            "Contre\u{a0}: ……",
            "Abstentions\u{a0}: ……",
        ])
        .push(Block::Signature {
            place_date: "Fait à Saint-Loup-sur-Semouse, le 3\u{a0}mars\u{a0}2027".into(),
            role: "Le maire,".into(),
            blank_lines: 4,
        })
        .spacer()
        .page_break()
        .h1("Annexe")
        .para("Plan de situation de la halle.");
    doc
}

/// The files written once for all the tests of this file.
struct Files {
    pdf: PathBuf,
    docx: PathBuf,
    /// The DOCX converted by LibreOffice.
    lo_pdf: PathBuf,
}

fn files() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/documents");
        std::fs::create_dir_all(&dir).unwrap();
        let doc = sample();
        let pdf = dir.join("sample.pdf");
        std::fs::write(&pdf, to_pdf(&doc, now()).expect("the PDF is written")).unwrap();
        let docx = dir.join("sample.docx");
        std::fs::write(&docx, to_docx(&doc).expect("the DOCX is written")).unwrap();
        let lo_dir = dir.join("libreoffice");
        std::fs::create_dir_all(&lo_dir).unwrap();
        let lo_pdf = lo_dir.join("sample.pdf");
        let _ = std::fs::remove_file(&lo_pdf);
        libreoffice_to_pdf(&[&docx], &lo_dir);
        assert!(lo_pdf.exists(), "LibreOffice wrote {}", lo_pdf.display());
        Files { pdf, docx, lo_pdf }
    })
}

fn docx_values() -> &'static Value {
    static V: OnceLock<Value> = OnceLock::new();
    V.get_or_init(|| docx_read(&files().docx))
}

fn style_of<'a>(v: &'a Value, text: &str) -> &'a str {
    v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"] == text)
        .unwrap_or_else(|| panic!("a paragraph reads « {text} »"))["style"]
        .as_str()
        .unwrap()
}

/// The table whose header row starts with `first`.
fn table_of<'a>(v: &'a Value, first: &str) -> &'a Value {
    v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["rows"][0][0]["text"] == first)
        .unwrap_or_else(|| panic!("a table starts with « {first} »"))
}

fn texts(row: &Value) -> Vec<&str> {
    row.as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect()
}

// ----------------------------------------------------------------- PDF

#[test]
fn the_pdf_reads_back_with_its_texts_and_amounts() {
    let f = files();
    let text = pdf_text(&f.pdf);
    for expected in [
        TOWN,
        "Petites villes de demain",
        "DÉLIBÉRATION DU CONSEIL MUNICIPAL",
        "Demande de subvention DETR 2027",
        "1. Exposé des motifs",
        "menace ruine",
        "Le diagnostic de mars 2026 le confirme.",
        "Financeur Dispositif Montant HT Part",
        "État DETR 2027 102 000 € 40 %",
        "Aides publiques 204 000 € 80 %",
        "Total 255 000 € 100 %",
        "Article 1er : Le conseil municipal approuve le plan de financement",
        "Pour : ……",
        "Abstentions : ……",
        "Fait à Saint-Loup-sur-Semouse, le 3 mars 2027",
        "Le maire,",
        "Dépôt du dossier DETR avant le 31 mars 2027",
        "COÛT HT",
        "Séance du 3 mars 2027",
        "Entrée <script>alert(\"x\")</script> &amp; & « guillemets » l'apostrophe",
    ] {
        assert!(
            text.contains(&plain(expected)),
            "the PDF shows « {expected} »:\n{text}"
        );
    }
    assert!(
        text.contains("□ □□□□□"),
        "emoji and Arabic, which the font lacks, print as boxes"
    );
    let n = pages(&f.pdf);
    assert!(n >= 2, "the long table and the annex take pages: {n}");
    assert!(
        text.matches("Poste de dépense").count() >= 2,
        "the long table repeats its header row on the next page"
    );
    assert!(
        text.replace(' ', "").contains(&format!("{n}/{n}")),
        "pages are numbered « n / N »"
    );
    let check = run("qpdf", &["--check", f.pdf.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let info = run("pdfinfo", &[f.pdf.to_str().unwrap()]);
    let title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(plain);
    assert_eq!(
        title,
        Some(plain(&format!("Délibération n° 2027-014 — {TITLE}"))),
        "the metadata title: {info}"
    );
}

#[test]
fn the_pdf_is_byte_stable_for_a_given_time() {
    let a = to_pdf(&sample(), now()).unwrap();
    let b = to_pdf(&sample(), now()).unwrap();
    assert!(a == b, "the same document and time give the same bytes");
}

// ----------------------------------------------------------------- DOCX

#[test]
fn python_docx_reads_the_styles_of_every_block() {
    let v = docx_values();
    assert_eq!(style_of(v, TITLE), "Title");
    assert_eq!(style_of(v, "1. Exposé des motifs"), "Heading 1");
    assert_eq!(style_of(v, "Coût de l'opération"), "Heading 2");
    assert_eq!(style_of(v, "Détail des dépenses"), "Heading 3");
    assert_eq!(
        style_of(
            v,
            "La halle du centre-bourg, construite en 1884, menace ruine : sa charpente doit être \
             reprise avant l'hiver. Le diagnostic de mars 2026 le confirme."
        ),
        "Body Text"
    );
    assert_eq!(
        style_of(v, "Dépôt du dossier DETR avant le 31\u{a0}mars\u{a0}2027"),
        "List Bullet"
    );
    assert_eq!(
        style_of(
            v,
            "Séance du 3\u{a0}mars\u{a0}2027 — convocation du 24\u{a0}février\u{a0}2027"
        ),
        "Note"
    );
    assert_eq!(style_of(v, "Le maire,"), "Signature");
    assert_eq!(style_of(v, "Contre\u{a0}: ……"), "Ligne de vote");
    let town = v["cell_paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"] == TOWN)
        .expect("the town's name is beside the logo, in a cell");
    assert_eq!(town["style"], "Nom de la commune");
    assert_eq!(
        style_of(v, "Délibération du conseil municipal"),
        "Nature du document",
        "the kind of document is typed as is, its style shows capitals"
    );
    assert_eq!(
        style_of(
            v,
            &format!(
                "Article 1er\u{a0}: Le conseil municipal approuve le plan de financement pour un \
                 montant de {TOTAL} HT."
            )
        ),
        "Article"
    );
    let styles: Vec<&str> = v["styles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for s in ["Title", "Heading 1", "Heading 2", "Heading 3", "Body Text"] {
        assert!(
            styles.contains(&s),
            "the style « {s} » is defined: {styles:?}"
        );
    }
    assert_eq!(v["images"], 1, "the logo is an inline picture");
}

#[test]
fn python_docx_reads_real_tables_with_amounts() {
    let v = docx_values();
    let plan = table_of(v, "Financeur");
    let rows = plan["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 7, "header row and six rows");
    assert!(
        rows.iter().all(|r| r.as_array().unwrap().len() == 4),
        "four columns"
    );
    assert_eq!(
        texts(&rows[0]),
        ["Financeur", "Dispositif", "Montant HT", "Part"]
    );
    assert_eq!(texts(&rows[1]), ["État", "DETR 2027", STATE, "40\u{a0}%"]);
    assert_eq!(
        texts(&rows[6]),
        ["Total", "Total", TOTAL, "100\u{a0}%"],
        "the total's label spans the empty cell after it"
    );
    assert_eq!(
        plan["header_row"].as_array().unwrap()[..2],
        [true, false],
        "only the header row repeats on each page"
    );
    assert!(
        rows[1][2]["align"].as_str().unwrap().starts_with("RIGHT"),
        "amounts align right: {}",
        rows[1][2]
    );
    assert!(
        rows[1][0]["align"] == "None" || rows[1][0]["align"].as_str().unwrap().starts_with("LEFT"),
        "labels align left: {}",
        rows[1][0]
    );
    assert_eq!(rows[6][2]["bold"], true, "the total is bold");
    assert_eq!(rows[4][0]["bold"], true, "a subtotal is bold");
    assert_eq!(rows[1][2]["bold"], false, "an ordinary row is not");
    let long = table_of(v, "Poste de dépense");
    let long_rows = long["rows"].as_array().unwrap();
    assert_eq!(
        long_rows.len(),
        47,
        "header row, the hostile row and 45 lots"
    );
    assert_eq!(
        texts(&long_rows[1]),
        [HOSTILE_KEPT, "1\u{a0}€"],
        "hostile text in a cell comes back as typed"
    );
    let figures = table_of(v, "Coût HT\n255\u{202f}000\u{a0}€");
    assert_eq!(
        texts(&figures["rows"][0]).len(),
        4,
        "key figures are four boxes in a row"
    );
    assert_eq!(figures["header_row"][0], false, "boxes have no header row");
}

#[test]
fn python_docx_reads_hostile_text_as_text() {
    let v = docx_values();
    let paragraphs = v["paragraphs"].as_array().unwrap();
    assert!(
        paragraphs.iter().any(|p| p["text"] == HOSTILE_KEPT),
        "markup, quotes, emoji and right-to-left text come back as typed, controls dropped: {:#?}",
        paragraphs
            .iter()
            .filter(|p| p["text"].as_str().unwrap().starts_with("Entrée"))
            .collect::<Vec<_>>()
    );
    let long = format!("Mot très long\u{a0}: {}.", long_word());
    let long_plain = format!("Mot très long : {}.", long_word());
    assert!(
        paragraphs
            .iter()
            .any(|p| p["text"] == long || p["text"] == long_plain),
        "a very long word stays whole"
    );
    assert_eq!(
        v["title"].as_str().unwrap(),
        format!("Délibération n°\u{a0}2027-014 — {TITLE}"),
        "the core properties carry the title"
    );
    assert_eq!(v["language"], "fr-FR");
    assert_eq!(
        v["page"],
        serde_json::json!([11_906 * 635, 16_838 * 635]),
        "A4"
    );
    let footer = v["footer"].as_array().unwrap();
    assert!(
        footer.iter().any(|p| {
            let t = p.as_str().unwrap();
            t.starts_with(&format!("{TOWN} — Délibération du conseil municipal\t"))
                && t.contains(" / ")
        }),
        "the footer names the document and numbers the pages: {footer:?}"
    );
}

#[test]
fn libreoffice_opens_the_docx_and_prints_it() {
    let f = files();
    let text = pdf_text(&f.lo_pdf);
    for expected in [
        TOWN,
        "DÉLIBÉRATION DU CONSEIL MUNICIPAL",
        "Demande de subvention DETR 2027",
        "1. Exposé des motifs",
        "Financeur Dispositif Montant HT Part",
        "État DETR 2027 102 000 € 40 %",
        "Total 255 000 € 100 %",
        "Article 1er : Le conseil municipal approuve",
        "Pour : ……",
        "Le maire,",
        "<script>alert(\"x\")</script> &amp; & « guillemets »",
        "COÛT HT",
    ] {
        assert!(
            text.contains(&plain(expected)),
            "LibreOffice prints « {expected} »:\n{text}"
        );
    }
    let n = pages(&f.lo_pdf);
    assert!(n >= 2, "LibreOffice lays the document on {n} pages");
    assert!(
        text.matches("Poste de dépense").count() >= 2,
        "LibreOffice repeats the long table's header row"
    );
    assert!(
        text.replace(' ', "").contains(&format!("2/{n}")),
        "the footer's fields number the pages"
    );
}

/// A PNG logo: a navy disc on white (`testing::png`).
fn png(w: u32, h: u32) -> Vec<u8> {
    let (cx, cy, r) = (w as f32 / 2.0, h as f32 / 2.0, h.min(w) as f32 * 0.45);
    bourgade_core::testing::png(w, h, |x, y| {
        let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
        if d < r {
            [0x1f, 0x3a, 0x60]
        } else {
            [0xff, 0xff, 0xff]
        }
    })
}
