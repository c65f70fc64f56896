//! The bodies of the fuzz targets, shared by cargo-fuzz (`fuzz_targets/`)
//! and by the deterministic test `core/tests/fuzz_corpus.rs`, which
//! includes this file. Each takes arbitrary bytes, must never panic, and
//! checks what must hold whatever the input:
//!
//! - [`csv_import`] / [`json_import`]: an import is all or nothing (the
//!   project count grows by exactly what the report says, or not at all);
//!   a refusal is the user's problem (`import` or `invalid`) with a message
//!   in both languages; whatever was accepted exports and reads back.
//! - [`pdf_layout`]: line wrapping loses no character and keeps every line
//!   within its width (a single glyph wider than the line excepted); `fit`
//!   stays within its width; a document made of the text is a complete PDF.

use bourgade_core::brief::layout::{self, colors, Align, Column, Doc, Meta, Row, Style, Table};
use bourgade_core::brief::typo;
use bourgade_core::exchange::{csv, json};
use bourgade_core::model::Commune;
use bourgade_core::store::{ProjectFilter, Store};
use bourgade_core::{Error, Lang};
use chrono::{DateTime, TimeZone, Utc};
use std::cell::RefCell;

/// Inputs run against one store before it is replaced by a fresh one, so
/// that the store stays small (every accepted input is exported again).
const INPUTS_PER_STORE: usize = 10;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

thread_local! {
    static STORE: RefCell<Option<(Store, usize)>> = const { RefCell::new(None) };
}

fn commune(insee: &str, name: &str, dep: &str, region: &str) -> Commune {
    Commune {
        insee: insee.into(),
        name: name.into(),
        departement: dep.into(),
        departement_name: String::new(),
        region: region.into(),
        region_name: String::new(),
        population: Some(3_000),
        epci_code: None,
        epci_name: None,
        postcodes: Vec::new(),
    }
}

/// Runs `f` on a store with the shipped catalogues, three communes (the
/// demo's, Plouhinec, one in Corsica) and Carhaix-Plouguer followed, reused
/// for [`INPUTS_PER_STORE`] inputs. All 34,969 communes would make each
/// fresh store cost a second.
fn with_store(f: impl FnOnce(&mut Store)) {
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(_, n)| *n >= INPUTS_PER_STORE) {
            let mut s = Store::open_in_memory().expect("an in-memory store");
            s.load_communes(&[
                commune("29024", "Carhaix-Plouguer", "29", "53"),
                commune("29197", "Plouhinec", "29", "53"),
                commune("2A004", "Ajaccio", "2A", "94"),
            ])
            .expect("the communes load");
            s.load_catalogue(&bourgade_core::reference::catalogue().expect("catalogue"))
                .expect("the catalogue loads");
            s.add_town("29024", now()).expect("a followed town");
            *slot = Some((s, 0));
        }
        let (store, n) = slot.as_mut().unwrap();
        *n += 1;
        f(store);
    });
}

fn count(s: &Store) -> usize {
    s.projects(&ProjectFilter::default())
        .expect("the project list reads")
        .len()
}

/// A refusal must be the user's problem, explained in both languages.
fn assert_user_error(e: &Error, what: &str) {
    assert!(
        matches!(e, Error::Import(_) | Error::Invalid(_)),
        "{what}: a bad file is refused as bad input, not as {e:?}"
    );
    assert!(
        !e.message(Lang::Fr).is_empty() && !e.message(Lang::En).is_empty(),
        "{what}: the refusal says why"
    );
}

/// Arbitrary bytes as a CSV file to import.
pub fn csv_import(data: &[u8]) {
    with_store(|s| {
        let before = count(s);
        match csv::import_bytes(s, data, false, now()) {
            Ok(report) => {
                assert_eq!(
                    count(s),
                    before + report.created,
                    "CSV: every created project is there, nothing else"
                );
                let out = csv::export(s).expect("CSV: the export is written");
                if let Err(e) = csv::import_bytes(s, &out, true, now()) {
                    panic!(
                        "CSV: an export of accepted data must read back: {}",
                        e.message(Lang::En)
                    );
                }
            }
            Err(e) => {
                assert_user_error(&e, "CSV");
                assert_eq!(count(s), before, "CSV: a refused file writes nothing");
            }
        }
    });
}

/// Arbitrary bytes as a JSON export to import (read as UTF-8, invalid
/// sequences replaced: `import_file` refuses non-UTF-8 JSON before parsing).
pub fn json_import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    with_store(|s| {
        let before = count(s);
        match json::import_str(s, &text, json::Options::default(), now()) {
            Ok(report) => {
                assert_eq!(
                    count(s),
                    before + report.created,
                    "JSON: every created project is there, nothing else"
                );
                let out = json::export(s, now()).expect("JSON: the export is written");
                let dry = json::Options {
                    dry_run: true,
                    demo: false,
                };
                if let Err(e) = json::import_str(s, &out, dry, now()) {
                    panic!(
                        "JSON: an export of accepted data must read back: {}",
                        e.message(Lang::En)
                    );
                }
            }
            Err(e) => {
                assert_user_error(&e, "JSON");
                assert_eq!(count(s), before, "JSON: a refused file writes nothing");
            }
        }
    });
}

/// Characters that wrapping treats as spaces (dropped or turned into line
/// ends); everything else must come out in the same order.
fn printed(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '\n' | '\u{a0}' | '\u{202f}'))
        .collect()
}

/// Byte 0: the line width (0 to 510 points); byte 1: bold, English, the
/// most lines for `wrap_max`, and whether to make a whole document; the
/// rest: the text, as UTF-8 with invalid sequences replaced.
pub fn pdf_layout(data: &[u8]) {
    let [w, flags, rest @ ..] = data else {
        return;
    };
    let width = f32::from(*w) * 2.0;
    let style = if flags & 1 == 1 {
        Style::BODY.bold()
    } else {
        Style::BODY
    };
    let lang = if flags & 2 == 2 { Lang::En } else { Lang::Fr };
    let max_lines = usize::from((flags >> 2) & 7);
    let raw = String::from_utf8_lossy(rest);
    let text = typo::text(&raw, lang);
    let fonts = layout::fonts();

    let lines = fonts.wrap(&text, style, width);
    assert_eq!(
        printed(&lines.concat()),
        printed(&fonts.glyphable(&text, style.bold)),
        "wrap loses or reorders no printed character"
    );
    for line in &lines {
        let lw = fonts.width(line, style);
        assert!(
            lw <= width + 0.01 || line.chars().count() == 1,
            "a wrapped line ({lw} pt) stays within {width} pt unless it is one glyph: {line:?}"
        );
    }
    let limited = fonts.wrap_max(&text, style, width, max_lines);
    assert!(
        limited.len() <= max_lines.max(1),
        "wrap_max gives at most {max_lines} lines"
    );
    let one = fonts.fit(&text, style, width);
    assert!(
        fonts.width(&one, style) <= width.max(fonts.width("…", style)) + 0.01,
        "fit stays within its width: {one:?}"
    );
    assert!(!one.contains('\n'), "fit gives one line");

    // A whole document is slower (font subsetting): one input in eight.
    if flags & 0xE0 == 0xE0 {
        let mut doc = Doc::new(lang);
        doc.heading(&text, Style::BODY.size(14.0).bold(), 20.0, 3);
        doc.paragraph(&text, style, 0.0);
        doc.bullets(&[text.clone(), typo::clean(&raw)], style, colors::ACCENT);
        doc.panel(&text, style, colors::ACCENT_TINT, colors::ACCENT);
        doc.table(&Table {
            columns: vec![
                Column {
                    title: text.clone(),
                    share: 3.0,
                    align: Align::Left,
                },
                Column {
                    title: "Montant".into(),
                    share: 1.0,
                    align: Align::Right,
                },
            ],
            rows: vec![Row::body(vec![text.clone(), text.clone()])],
            size: 9.0,
            max_cell_lines: 1 + max_lines,
        });
        let pdf = doc.finish(&Meta {
            title: text.clone(),
            author: text.clone(),
            subject: text.clone(),
            created: now(),
            footer: text.clone(),
            running_head: text,
        });
        assert!(
            pdf.starts_with(b"%PDF-") && pdf.len() > 500,
            "the document is a PDF"
        );
    }
}
