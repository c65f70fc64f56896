//! Reading spreadsheets (xlsx, ods) into plain cells, for the formats of
//! the national platforms: Aides-territoires' aid import template and
//! Territoires en Transitions' plan import template.

use crate::error::{Error, Problem, Result};
use chrono::NaiveDate;
use std::io::Cursor;

/// One cell, as the formats need it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    /// The cell as text: numbers without a useless ".0", dates as
    /// `YYYY-MM-DD`, booleans as `oui` / `non`; trimmed.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "oui" } else { "non" }.to_owned(),
        }
    }

    /// True for an empty cell or blank text.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A worksheet: its name and its rows from row 1 (the first row of the
/// sheet, even when empty), each row as wide as the widest.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at a 0-based row and column, or empty.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
}

/// An Excel serial day number as a date (the 1900 system: day 0 is
/// 1899-12-30, which absorbs Excel's 1900 leap-year bug for dates after
/// February 1900).
pub fn excel_day(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(serial.floor() as u64))
}

fn unreadable(what_fr: &str, what_en: &str, e: impl std::fmt::Display) -> Error {
    Error::invalid(Problem::new(
        "file",
        format!("{what_fr} illisible : {e}"),
        format!("Cannot read the {what_en}: {e}"),
    ))
}

/// Every worksheet of an xlsx or ods file, in order.
pub fn read_workbook(bytes: &[u8], what_fr: &str, what_en: &str) -> Result<Vec<Sheet>> {
    use calamine::{open_workbook_auto_from_rs, Data, Reader};
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| unreadable(what_fr, what_en, e))?;
    let names = book.sheet_names().to_vec();
    let mut out = Vec::new();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| unreadable(what_fr, what_en, e))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let width = c0 as usize + range.width();
        let mut rows = vec![vec![Cell::Empty; width]; r0 as usize];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; c0 as usize];
            cells.extend(row.iter().map(|d| {
                match d {
                    Data::Empty | Data::Error(_) => Cell::Empty,
                    Data::String(s) => Cell::Text(s.clone()),
                    Data::Int(i) => Cell::Number(*i as f64),
                    Data::Float(f) => Cell::Number(*f),
                    Data::Bool(b) => Cell::Bool(*b),
                    Data::DateTime(dt) => {
                        excel_day(dt.as_f64()).map_or(Cell::Number(dt.as_f64()), Cell::Date)
                    }
                    Data::DateTimeIso(s) => s
                        .get(..10)
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .map_or(Cell::Text(s.clone()), Cell::Date),
                    Data::DurationIso(s) => Cell::Text(s.clone()),
                }
            }));
            rows.push(cells);
        }
        out.push(Sheet { name, rows });
    }
    Ok(out)
}

/// True when the bytes look like a zip archive (xlsx, ods).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_days() {
        assert_eq!(excel_day(45477.0), NaiveDate::from_ymd_opt(2024, 7, 4));
        assert_eq!(excel_day(0.0), None);
    }

    #[test]
    fn cells_as_text() {
        assert_eq!(Cell::Number(22.0).text(), "22");
        assert_eq!(Cell::Number(10.22).text(), "10.22");
        assert_eq!(Cell::Text(" a ".into()).text(), "a");
    }
}
