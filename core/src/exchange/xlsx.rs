//! The funding table for the finance department, as an XLSX workbook.
//!
//! Sheet « Financements »: one row per funding line (town, project, funder,
//! scheme, kind, nature, VAT, status, deadline, amounts requested, awarded
//! and paid, and the amount the plan counts), amounts as numbers in euros
//! with a € format, and a « Total général » row of `SUM` formulas. It is a
//! flat table with a filter, so it can be sorted without breaking totals.
//! Sheet « Par projet »: one row per project with its cost and `SUMIF`
//! formulas adding its lines from the first sheet, the gap between plan and
//! cost, and `SUM` totals. Each formula carries its computed result, so a
//! reader that does not recalculate still shows the right figure.

use crate::error::{Error, Result};
use crate::model::{FundingLine, Money};
use crate::store::{ProjectFilter, Store};
use crate::Lang;
use chrono::{DateTime, Datelike, Utc};
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, Formula, RowNum, Workbook,
    Worksheet, XlsxError,
};

/// Name of the sheet of funding lines.
pub const LINES_SHEET: &str = "Financements";
/// Name of the per-project sheet.
pub const PROJECTS_SHEET: &str = "Par projet";

/// Headers of the lines sheet, in column order.
pub const LINE_HEADERS: [&str; 15] = [
    "Commune",
    "N° projet",
    "Projet",
    "Étape",
    "Financeur",
    "Dispositif",
    "Type d'aide",
    "Section",
    "Montants",
    "Statut",
    "Date limite",
    "Montant demandé",
    "Montant accordé",
    "Montant versé",
    "Montant retenu au plan",
];

/// Headers of the per-project sheet.
pub const PROJECT_HEADERS: [&str; 10] = [
    "Commune",
    "N° projet",
    "Projet",
    "Étape",
    "Coût HT",
    "Montant demandé",
    "Montant accordé",
    "Montant versé",
    "Montant retenu au plan",
    "Écart plan − coût",
];

/// First amount column of the lines sheet (L: requested … O: retained).
const FIRST_AMOUNT_COL: ColNum = 11;
/// Excel refuses longer cell texts.
const MAX_CELL_CHARS: usize = 32_767;

/// One funding line with what the table shows about its project.
struct Row<'a> {
    town: &'a str,
    project_id: i64,
    project: &'a str,
    stage: String,
    line: &'a FundingLine,
}

/// The workbook of every project's funding lines (of one followed town
/// when `town` is given). `now` dates the document.
pub fn funding_table(store: &Store, town: Option<&str>, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let town = town.map(str::trim);
    if let Some(t) = town {
        store.followed_town(t)?;
    }
    let summaries = store.projects(&ProjectFilter {
        town_insee: town.map(str::to_owned),
        ..Default::default()
    })?;
    let mut details = Vec::with_capacity(summaries.len());
    for s in &summaries {
        details.push((s, store.project_detail(s.id)?));
    }
    let t = crate::reference::taxonomy();
    let stage = |n: u8| format!("{n} — {}", t.label("stages", &n.to_string(), Lang::Fr));
    let rows: Vec<Row> = details
        .iter()
        .flat_map(|(s, d)| {
            d.lines.funding_lines.iter().map(move |line| Row {
                town: &s.town_name,
                project_id: s.id,
                project: &s.title,
                stage: stage(s.stage.number()),
                line,
            })
        })
        .collect();
    let projects: Vec<ProjectRow> = details
        .iter()
        .map(|(s, d)| {
            let sum = |f: fn(&FundingLine) -> Option<Money>| {
                Money(
                    d.lines
                        .funding_lines
                        .iter()
                        .filter_map(f)
                        .map(Money::cents)
                        .sum(),
                )
            };
            ProjectRow {
                town: &s.town_name,
                id: s.id,
                title: &s.title,
                stage: stage(s.stage.number()),
                cost: s.cost_excl_vat,
                sums: [
                    sum(|l| l.amount_requested),
                    sum(|l| l.amount_awarded),
                    sum(|l| l.amount_paid),
                    sum(|l| Some(l.planned_amount())),
                ],
            }
        })
        .collect();
    build(&rows, &projects, now).map_err(|e| {
        Error::io(
            "tableau-financements.xlsx",
            std::io::Error::other(e.to_string()),
        )
    })
}

/// One project with the sums of its lines (requested, awarded, paid, retained).
struct ProjectRow<'a> {
    town: &'a str,
    id: i64,
    title: &'a str,
    stage: String,
    cost: Option<Money>,
    sums: [Money; 4],
}

fn build(rows: &[Row], projects: &[ProjectRow], now: DateTime<Utc>) -> Result<Vec<u8>, XlsxError> {
    let t = crate::reference::taxonomy();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Tableau des financements")
            .set_author("Bourgade")
            .set_creation_datetime(&ExcelDateTime::from_timestamp(now.timestamp())?),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("#DDE6F0");
    let euros = Format::new().set_num_format("#,##0.00 \"€\"");
    let total_euros = euros.clone().set_bold();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");

    // Sheet 1: the lines.
    let ws = wb.add_worksheet();
    ws.set_name(LINES_SHEET)?;
    write_headers(ws, &LINE_HEADERS, &header)?;
    for (i, r) in rows.iter().enumerate() {
        let row = (i + 1) as RowNum;
        let l = r.line;
        let label = |vocab: &str, code: &str| t.label(vocab, code, Lang::Fr).to_owned();
        ws.write_string(row, 0, cell(r.town))?;
        ws.write_number(row, 1, r.project_id as f64)?;
        ws.write_string(row, 2, cell(r.project))?;
        ws.write_string(row, 3, &r.stage)?;
        ws.write_string(row, 4, label("funders", l.funder.as_str()))?;
        ws.write_string(row, 5, cell(l.scheme.as_deref().unwrap_or("")))?;
        ws.write_string(row, 6, label("funding_kinds", l.kind.as_str()))?;
        ws.write_string(row, 7, label("expense_natures", l.nature.as_str()))?;
        ws.write_string(row, 8, if l.amounts_incl_vat { "TTC" } else { "HT" })?;
        ws.write_string(row, 9, label("funding_statuses", l.status.as_str()))?;
        if let Some(d) = l.deadline {
            let excel = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(row, 10, &excel, &date)?;
        }
        let amounts = [
            l.amount_requested,
            l.amount_awarded,
            l.amount_paid,
            Some(l.planned_amount()),
        ];
        for (k, m) in amounts.iter().enumerate() {
            if let Some(m) = m {
                ws.write_number_with_format(
                    row,
                    FIRST_AMOUNT_COL + k as ColNum,
                    m.as_euros_f64(),
                    &euros,
                )?;
            }
        }
    }
    // A blank row, then the totals: the SUM range is never empty, even
    // without any line.
    let last_line_row = rows.len() as RowNum + 1; // 0-based index of the blank row
    let total_row = last_line_row + 1;
    ws.write_string_with_format(total_row, 0, "Total général", &bold)?;
    for k in 0..4u16 {
        let col = FIRST_AMOUNT_COL + k;
        let letter = column_letter(col);
        let sum: i64 = rows
            .iter()
            .map(|r| match k {
                0 => r.line.amount_requested,
                1 => r.line.amount_awarded,
                2 => r.line.amount_paid,
                _ => Some(r.line.planned_amount()),
            })
            .filter_map(|m| m.map(Money::cents))
            .sum();
        let formula = Formula::new(format!("=SUM({letter}2:{letter}{})", last_line_row + 1))
            .set_result(euros_text(Money(sum)));
        ws.write_formula_with_format(total_row, col, formula, &total_euros)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_line_row.max(1), LINE_HEADERS.len() as ColNum - 1)?;
    for (col, width) in [
        (0, 20),
        (1, 9),
        (2, 42),
        (3, 28),
        (4, 22),
        (5, 18),
        (6, 14),
        (7, 15),
        (8, 9),
        (9, 15),
        (10, 12),
    ] {
        ws.set_column_width(col, width)?;
    }
    for k in 0..4 {
        ws.set_column_width(FIRST_AMOUNT_COL + k, 17)?;
    }

    // Sheet 2: per project, summing sheet 1 by project number.
    let ws = wb.add_worksheet();
    ws.set_name(PROJECTS_SHEET)?;
    write_headers(ws, &PROJECT_HEADERS, &header)?;
    let range_end = last_line_row + 1;
    for (i, p) in projects.iter().enumerate() {
        let ProjectRow {
            town,
            id,
            title,
            stage,
            cost,
            sums,
        } = p;
        let row = (i + 1) as RowNum;
        let excel_row = row + 1;
        ws.write_string(row, 0, cell(town))?;
        ws.write_number(row, 1, *id as f64)?;
        ws.write_string(row, 2, cell(title))?;
        ws.write_string(row, 3, stage)?;
        if let Some(c) = cost {
            ws.write_number_with_format(row, 4, c.as_euros_f64(), &euros)?;
        }
        for (k, sum) in sums.iter().enumerate() {
            let src = column_letter(FIRST_AMOUNT_COL + k as ColNum);
            let formula = Formula::new(format!(
                "=SUMIF({LINES_SHEET}!$B$2:$B${range_end},$B{excel_row},{LINES_SHEET}!{src}$2:{src}${range_end})"
            ))
            .set_result(euros_text(*sum));
            ws.write_formula_with_format(row, 5 + k as ColNum, formula, &euros)?;
        }
        let gap = Money(sums[3].cents() - cost.unwrap_or_default().cents());
        let formula =
            Formula::new(format!("=I{excel_row}-E{excel_row}")).set_result(euros_text(gap));
        ws.write_formula_with_format(row, 9, formula, &euros)?;
    }
    let last = projects.len() as RowNum + 1;
    let total_row = last + 1;
    ws.write_string_with_format(total_row, 0, "Total", &bold)?;
    let totals: [i64; 6] = {
        let mut t = [0i64; 6];
        for p in projects {
            let cost = p.cost.unwrap_or_default().cents();
            t[0] += cost;
            for (k, sum) in p.sums.iter().enumerate() {
                t[k + 1] += sum.cents();
            }
            t[5] += p.sums[3].cents() - cost;
        }
        t
    };
    for (k, total) in totals.iter().enumerate() {
        let col = 4 + k as ColNum;
        let letter = column_letter(col);
        let formula = Formula::new(format!("=SUM({letter}2:{letter}{})", last + 1))
            .set_result(euros_text(Money(*total)));
        ws.write_formula_with_format(total_row, col, formula, &total_euros)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (col, width) in [(0, 20), (1, 9), (2, 42), (3, 28)] {
        ws.set_column_width(col, width)?;
    }
    for col in 4..10 {
        ws.set_column_width(col, 17)?;
    }
    wb.save_to_buffer()
}

fn write_headers(ws: &mut Worksheet, headers: &[&str], format: &Format) -> Result<(), XlsxError> {
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, i as ColNum, *h, format)?;
    }
    Ok(())
}

/// A user's text as a cell: Excel's length limit. Texts are written as
/// strings, never formulas, so "=…" stays text.
fn cell(s: &str) -> String {
    if s.chars().count() <= MAX_CELL_CHARS {
        s.to_owned()
    } else {
        s.chars().take(MAX_CELL_CHARS - 1).chain(['…']).collect()
    }
}

/// The formula result as Excel stores it: a plain number.
pub(crate) fn euros_text(m: Money) -> String {
    let sign = if m.cents() < 0 { "-" } else { "" };
    let (e, c) = (m.cents().abs() / 100, m.cents().abs() % 100);
    if c == 0 {
        format!("{sign}{e}")
    } else {
        format!("{sign}{e}.{c:02}")
    }
}

/// "A", "B", … "Z", "AA"… for a 0-based column.
fn column_letter(col: ColNum) -> String {
    let mut n = col as u32 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn now() -> DateTime<Utc> {
        "2026-11-23T09:30:00Z".parse().unwrap()
    }

    fn demo() -> Store {
        let mut s = crate::store::testing::store();
        crate::exchange::load_demo(&mut s, now()).unwrap();
        s
    }

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook")
    }

    fn float(d: &Data) -> f64 {
        match d {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("expected a number, got {other:?}"),
        }
    }

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(11), "L");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA", "after Z comes AA");
    }

    #[test]
    fn the_demo_table_reads_back_with_numbers_and_sum_formulas() {
        let s = demo();
        let details = s.project_details().unwrap();
        let lines: Vec<&FundingLine> = details
            .iter()
            .flat_map(|d| &d.lines.funding_lines)
            .collect();
        let mut book = open(funding_table(&s, Some("29024"), now()).unwrap());
        let range = book.worksheet_range(LINES_SHEET).unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, LINE_HEADERS, "French headers in order");
        let body: Vec<&[Data]> = range.rows().skip(1).take(lines.len()).collect();
        assert_eq!(body.len(), lines.len(), "one row per funding line");
        let requested_sum: f64 = lines
            .iter()
            .filter_map(|l| l.amount_requested)
            .map(Money::as_euros_f64)
            .sum();
        let read_sum: f64 = body
            .iter()
            .filter(|r| !matches!(r[11], Data::Empty))
            .map(|r| float(&r[11]))
            .sum();
        assert_eq!(read_sum, requested_sum, "amounts are real numbers in euros");
        assert_eq!(body[0][0], Data::String("Carhaix-Plouguer".into()));
        assert_eq!(float(&body[0][1]), 1.0, "project number is a number");
        let total_row = lines.len() + 2;
        assert_eq!(
            range.get((total_row, 0)),
            Some(&Data::String("Total général".into()))
        );
        assert_eq!(
            float(range.get((total_row, 11)).unwrap()),
            requested_sum,
            "the cached result of the total is the sum"
        );
        let formulas = book.worksheet_formula(LINES_SHEET).unwrap();
        let f = formulas
            .get((
                total_row - formulas.start().unwrap().0 as usize,
                11 - formulas.start().unwrap().1 as usize,
            ))
            .unwrap();
        assert_eq!(
            f,
            &format!("SUM(L2:L{})", lines.len() + 2),
            "a real formula, not a copied value"
        );
    }

    #[test]
    fn the_per_project_sheet_sums_each_project_with_sumif() {
        let s = demo();
        let mut book = open(funding_table(&s, None, now()).unwrap());
        let range = book.worksheet_range(PROJECTS_SHEET).unwrap();
        let rows: Vec<&[Data]> = range.rows().skip(1).take(16).collect();
        assert_eq!(
            rows.len(),
            16,
            "every demo project, even those without lines"
        );
        // Project 9 (maison à pans de bois): 690 000 € HT, 690 000 € requested.
        let nine = rows.iter().find(|r| float(&r[1]) == 9.0).unwrap();
        assert_eq!(float(&nine[4]), 690_000.0, "cost excl. VAT");
        assert_eq!(float(&nine[5]), 690_000.0, "its five lines requested");
        // Project 12 (centrale solaire): 294 000 € planned for 420 000 €.
        let twelve = rows.iter().find(|r| float(&r[1]) == 12.0).unwrap();
        assert_eq!(float(&twelve[8]), 294_000.0, "retained in the plan");
        assert_eq!(float(&twelve[9]), -126_000.0, "gap: 126 000 € missing");
        let formulas = book.worksheet_formula(PROJECTS_SHEET).unwrap();
        assert!(
            formulas
                .rows()
                .flatten()
                .any(|f| f.starts_with("SUMIF(Financements!$B$2:$B$")),
            "per-project totals are formulas over the lines sheet"
        );
    }

    #[test]
    fn an_empty_portfolio_still_makes_a_valid_table() {
        let mut s = crate::store::testing::store();
        s.add_town("29197", now()).unwrap();
        let mut book = open(funding_table(&s, Some("29197"), now()).unwrap());
        let range = book.worksheet_range(LINES_SHEET).unwrap();
        assert_eq!(
            range.get((2, 0)),
            Some(&Data::String("Total général".into()))
        );
        assert_eq!(
            float(range.get((2, 11)).unwrap()),
            0.0,
            "total of nothing is 0"
        );
        let e = funding_table(&s, Some("29024"), now()).unwrap_err();
        assert_eq!(
            e.code(),
            "invalid",
            "Carhaix-Plouguer is not followed here: the one error of every command"
        );
    }

    #[test]
    fn formula_like_titles_stay_text() {
        use crate::model::{
            ExpenseNature, Funder, FundingKind, FundingStatus, ProjectFields, ProjectLines,
        };
        let mut s = crate::store::testing::store();
        s.add_town("29024", now()).unwrap();
        let title = "=HYPERLINK(\"http://x\";\"clic\")";
        let p = s
            .create_project(
                ProjectFields {
                    town_insee: "29024".into(),
                    title: title.into(),
                    ..Default::default()
                },
                now(),
            )
            .unwrap();
        let mut l = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::Filed,
        );
        l.amount_requested = Some(Money(12_345_678));
        s.save_project_lines(
            p.id,
            ProjectLines {
                funding_lines: vec![l],
                ..Default::default()
            },
            now(),
        )
        .unwrap();
        let mut book = open(funding_table(&s, None, now()).unwrap());
        let range = book.worksheet_range(LINES_SHEET).unwrap();
        assert_eq!(
            range.get((1, 2)),
            Some(&Data::String(title.into())),
            "the title is text"
        );
        assert_eq!(
            float(range.get((1, 11)).unwrap()),
            123_456.78,
            "cents survive as a number"
        );
        let formulas = book.worksheet_formula(LINES_SHEET).unwrap();
        assert!(
            formulas.rows().flatten().all(|f| !f.contains("HYPERLINK")),
            "no cell of the user's text became a formula"
        );
        assert_eq!(
            euros_text(Money(-12_600_050)),
            "-126000.50",
            "negative cached result"
        );
        assert_eq!(
            cell(&"é".repeat(40_000)).chars().count(),
            MAX_CELL_CHARS,
            "a huge text is cut to Excel's limit instead of failing the export"
        );
    }
}
