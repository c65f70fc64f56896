//! The multi-year investment plan for the finance department, as an XLSX
//! workbook: sheet « Dépenses » (one row per project, one column per year:
//! investment plus operating forecast), sheet « Recettes » (the grants'
//! payments expected each year), and sheet « Synthèse » (one row per
//! year: spending, receipts and net burden as formulas over the two other
//! sheets). Every total is a real formula carrying its computed result,
//! so a reader that does not recalculate still shows the right figure.

use crate::error::{Error, Result};
use crate::model::Money;
use crate::steering::programme::Programme;
use chrono::{DateTime, Utc};
use rust_xlsxwriter::{
    utility::column_number_to_name, DocProperties, ExcelDateTime, Format, FormatAlign, Formula,
    RowNum, Workbook, XlsxError,
};

/// The sheets, in order.
pub const SHEETS: [&str; 3] = ["Synthèse", "Dépenses", "Recettes"];

fn euros(m: Money) -> f64 {
    m.as_euros_f64()
}

fn result(m: Money) -> String {
    super::xlsx::euros_text(m)
}

/// The workbook of `p`; `names` gives each project's town name by INSEE
/// code (the code is written when a name is missing).
pub fn programme_xlsx(
    p: &Programme,
    names: &std::collections::HashMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    build(p, names, now).map_err(|e| {
        Error::io(
            "programme-pluriannuel.xlsx",
            std::io::Error::other(e.to_string()),
        )
    })
}

fn build(
    p: &Programme,
    names: &std::collections::HashMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Programme pluriannuel d'investissement")
            .set_author("Bourgade")
            .set_creation_datetime(&ExcelDateTime::from_timestamp(now.timestamp())?),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("#DDE6F0");
    let money = Format::new().set_num_format("#,##0 \"€\"");
    let total = money.clone().set_bold();
    let bold = Format::new().set_bold();
    let years: Vec<i32> = (p.from..=p.to).collect();
    let n = p.projects.len() as RowNum;
    let first_year_col: u16 = 3;

    // Summary first, written after the two detail sheets' layout is known.
    let synth = wb.add_worksheet();
    synth.set_name(SHEETS[0])?;
    for (c, h) in [
        "Année",
        "Dépenses prévues (HT)",
        "Recettes attendues",
        "Charge nette",
    ]
    .iter()
    .enumerate()
    {
        synth.write_string_with_format(0, c as u16, *h, &header)?;
    }
    synth.set_column_width(0, 10)?;
    synth.set_column_width(1, 18)?;
    synth.set_column_width(2, 18)?;
    synth.set_column_width(3, 18)?;
    for (k, y) in years.iter().enumerate() {
        let row = (k + 1) as RowNum;
        let col = column_number_to_name(first_year_col + k as u16);
        let t = &p.totals[k];
        synth.write_number(row, 0, *y as f64)?;
        let spend = t.spending();
        synth.write_formula_with_format(
            row,
            1,
            Formula::new(format!("=SUM('{}'!{col}2:{col}{})", SHEETS[1], n + 1))
                .set_result(result(spend)),
            &money,
        )?;
        synth.write_formula_with_format(
            row,
            2,
            Formula::new(format!("=SUM('{}'!{col}2:{col}{})", SHEETS[2], n + 1))
                .set_result(result(t.receipts)),
            &money,
        )?;
        let excel_row = row + 1;
        synth.write_formula_with_format(
            row,
            3,
            Formula::new(format!("=B{excel_row}-C{excel_row}")).set_result(result(t.net)),
            &money,
        )?;
    }
    let last = years.len() as RowNum + 1;
    synth.write_string_with_format(last, 0, "Total", &bold)?;
    for c in 1..=3u16 {
        let letter = column_number_to_name(c);
        let sum: i64 = p
            .totals
            .iter()
            .map(|t| match c {
                1 => t.spending().cents(),
                2 => t.receipts.cents(),
                _ => t.net.cents(),
            })
            .sum();
        synth.write_formula_with_format(
            last,
            c,
            Formula::new(format!("=SUM({letter}2:{letter}{last})")).set_result(result(Money(sum))),
            &total,
        )?;
    }
    if p.unscheduled_receipts.cents() > 0 {
        synth.write_string(
            last + 2,
            0,
            format!(
                "Aides accordées sans échéancier ni date, hors tableau : {}",
                Money::display_fr(p.unscheduled_receipts).replace(['\u{202f}', '\u{a0}'], " ")
            ),
        )?;
    }

    for (sheet, name) in [(1usize, SHEETS[1]), (2, SHEETS[2])] {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        ws.write_string_with_format(0, 0, "Commune", &header)?;
        ws.write_string_with_format(0, 1, "N° projet", &header)?;
        ws.write_string_with_format(0, 2, "Projet", &header)?;
        ws.set_column_width(0, 18)?;
        ws.set_column_width(2, 44)?;
        for (k, y) in years.iter().enumerate() {
            ws.write_string_with_format(0, first_year_col + k as u16, y.to_string(), &header)?;
            ws.set_column_width(first_year_col + k as u16, 14)?;
        }
        for (i, proj) in p.projects.iter().enumerate() {
            let row = (i + 1) as RowNum;
            ws.write_string(
                row,
                0,
                names
                    .get(&proj.town_insee)
                    .cloned()
                    .unwrap_or_else(|| proj.town_insee.clone()),
            )?;
            ws.write_number(row, 1, proj.project_id as f64)?;
            ws.write_string(row, 2, proj.title.chars().take(32_000).collect::<String>())?;
            for (k, cell) in proj.years.iter().enumerate() {
                let m = if sheet == 1 {
                    cell.spending()
                } else {
                    cell.receipts
                };
                ws.write_number_with_format(row, first_year_col + k as u16, euros(m), &money)?;
            }
        }
        let total_row = n + 1;
        ws.write_string_with_format(total_row, 2, "Total", &bold)?;
        for (k, t) in p.totals.iter().enumerate() {
            let c = first_year_col + k as u16;
            let letter = column_number_to_name(c);
            let m = if sheet == 1 { t.spending() } else { t.receipts };
            if n == 0 {
                // No project row: a SUM would include its own cell.
                ws.write_number_with_format(total_row, c, 0.0, &total)?;
                continue;
            }
            ws.write_formula_with_format(
                total_row,
                c,
                Formula::new(format!("=SUM({letter}2:{letter}{})", n + 1)).set_result(result(m)),
                &total,
            )?;
        }
        ws.set_freeze_panes(1, first_year_col)?;
    }
    wb.save_to_buffer()
}
