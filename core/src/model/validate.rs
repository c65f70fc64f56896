//! Small checks shared by the domain types. Each returns a [`Problem`] naming
//! the field with its French and English label.

use crate::error::Problem;
use chrono::NaiveDate;

/// Longest text accepted in any field (a long report pasted in a summary is
/// fine; a runaway file is not).
pub const MAX_TEXT_CHARS: usize = 200_000;

/// A field's machine name and its labels.
#[derive(Clone, Copy)]
pub(crate) struct F {
    pub key: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
}

pub(crate) const fn f(key: &'static str, fr: &'static str, en: &'static str) -> F {
    F { key, fr, en }
}

pub(crate) fn required(field: F, value: &str, out: &mut Vec<Problem>) {
    if value.trim().is_empty() {
        out.push(Problem::new(
            field.key,
            format!("{} : ce champ est obligatoire", field.fr),
            format!("{}: this field is required", field.en),
        ));
    }
}

pub(crate) fn text(field: F, value: &str, max_chars: usize, out: &mut Vec<Problem>) {
    if value.contains('\0') {
        out.push(Problem::new(
            field.key,
            format!(
                "{} : le texte contient un caractère nul, qui ne peut pas être enregistré",
                field.fr
            ),
            format!(
                "{}: the text contains a NUL character, which cannot be stored",
                field.en
            ),
        ));
    }
    let n = value.chars().count();
    if n > max_chars {
        out.push(Problem::new(
            field.key,
            format!(
                "{} : {n} caractères, au plus {max_chars} sont acceptés",
                field.fr
            ),
            format!(
                "{}: {n} characters, at most {max_chars} are accepted",
                field.en
            ),
        ));
    }
}

pub(crate) fn date_order(
    start: F,
    s: Option<NaiveDate>,
    end: F,
    e: Option<NaiveDate>,
    out: &mut Vec<Problem>,
) {
    if let (Some(s), Some(e)) = (s, e) {
        if e < s {
            out.push(Problem::new(
                end.key,
                format!(
                    "{} : le {} est avant la {} ({})",
                    end.fr,
                    e.format("%d/%m/%Y"),
                    start.fr.to_lowercase(),
                    s.format("%d/%m/%Y")
                ),
                format!(
                    "{}: {} is before the {} ({})",
                    end.en,
                    e,
                    start.en.to_lowercase(),
                    s
                ),
            ));
        }
    }
}

pub(crate) fn amount(field: F, m: Option<crate::model::Money>, out: &mut Vec<Problem>) {
    if let Some(m) = m {
        if m.cents() < 0 {
            out.push(Problem::new(
                field.key,
                format!("{} : un montant ne peut pas être négatif", field.fr),
                format!("{}: an amount cannot be negative", field.en),
            ));
        }
    }
}

/// Parses `YYYY-MM-DD` (also accepts `DD/MM/YYYY`, as typed in French spreadsheets).
pub fn parse_date(
    field: &str,
    label_fr: &str,
    label_en: &str,
    s: &str,
) -> Result<NaiveDate, Problem> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .map_err(|_| {
            Problem::new(
                field,
                format!("{label_fr} : « {s} » n'est pas une date (format attendu : 2026-11-23 ou 23/11/2026)"),
                format!("{label_en}: \"{s}\" is not a date (expected: 2026-11-23 or 23/11/2026)"),
            )
        })
}
