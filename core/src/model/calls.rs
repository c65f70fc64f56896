//! Calls for applications of a funding scheme (appels à projets): a scheme
//! such as DETR opens and closes its call once a year, at dates the
//! préfecture sets. The user adds each year's call; its closing date is then
//! the deadline of every line of that scheme still to request.

use crate::error::Problem;
use crate::model::MAX_TEXT_CHARS;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where a call comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CallOrigin {
    /// Shipped with the program (none yet: dates differ by département).
    Catalogue,
    /// Entered by the user.
    User,
}

impl CallOrigin {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            CallOrigin::Catalogue => "catalogue",
            CallOrigin::User => "user",
        }
    }
}

/// What the user enters for a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchemeCallFields {
    /// Code of a funding scheme of the catalogue (`DETR`, `DSIL`…).
    pub scheme_code: String,
    /// The programme year the call funds (DETR 2027 may close in January 2027).
    pub year: i32,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    #[serde(default)]
    pub note: String,
}

/// A stored call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchemeCall {
    pub id: i64,
    #[serde(flatten)]
    pub fields: SchemeCallFields,
    pub origin: CallOrigin,
    pub created_at: DateTime<Utc>,
}

/// Years a call may be for.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

impl SchemeCallFields {
    /// Problems that need no database (the scheme's existence is checked by
    /// the store).
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.scheme_code.trim().is_empty() {
            out.push(Problem::new(
                "scheme_code",
                "Dispositif : ce champ est obligatoire",
                "Scheme: this field is required",
            ));
        }
        if !YEARS.contains(&self.year) {
            out.push(Problem::new(
                "year",
                format!(
                    "Année de l'appel : {} n'est pas entre {} et {}",
                    self.year,
                    YEARS.start(),
                    YEARS.end()
                ),
                format!(
                    "Call year: {} is not between {} and {}",
                    self.year,
                    YEARS.start(),
                    YEARS.end()
                ),
            ));
        }
        if self.closes_on < self.opens_on {
            out.push(Problem::new(
                "closes_on",
                format!(
                    "Date de clôture : le {} est avant l'ouverture ({})",
                    crate::text::date_fr(self.closes_on),
                    crate::text::date_fr(self.opens_on)
                ),
                format!(
                    "Closing date: {} is before the opening ({})",
                    self.closes_on, self.opens_on
                ),
            ));
        }
        if self.note.chars().count() > MAX_TEXT_CHARS || self.note.contains('\0') {
            out.push(Problem::new(
                "note",
                format!("Note : texte trop long ou contenant un caractère nul (au plus {MAX_TEXT_CHARS} caractères)"),
                format!("Note: text too long or holding a NUL character (at most {MAX_TEXT_CHARS} characters)"),
            ));
        }
        out
    }

    /// Upper-cases the scheme code (codes are `DETR`, `FONDS_VERT`…).
    pub fn normalise(&mut self) {
        self.scheme_code = self.scheme_code.trim().to_ascii_uppercase();
        self.note = self.note.trim().to_owned();
    }
}

/// The call of `scheme` whose closing date is the next deadline on `today`:
/// the earliest call closing today or later. Codes compare case-insensitively.
pub fn next_call<'a>(
    calls: &'a [SchemeCall],
    scheme: &str,
    today: NaiveDate,
) -> Option<&'a SchemeCall> {
    calls
        .iter()
        .filter(|c| c.fields.scheme_code.eq_ignore_ascii_case(scheme.trim()))
        .filter(|c| c.fields.closes_on >= today)
        .min_by_key(|c| c.fields.closes_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn call(id: i64, scheme: &str, year: i32, opens: NaiveDate, closes: NaiveDate) -> SchemeCall {
        SchemeCall {
            id,
            fields: SchemeCallFields {
                scheme_code: scheme.into(),
                year,
                opens_on: opens,
                closes_on: closes,
                note: String::new(),
            },
            origin: CallOrigin::User,
            created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn closing_before_opening_and_odd_years_are_refused() {
        let f = SchemeCallFields {
            scheme_code: " ".into(),
            year: 1999,
            opens_on: d(2027, 1, 31),
            closes_on: d(2026, 11, 1),
            note: String::new(),
        };
        let fields: Vec<String> = f.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["scheme_code", "year", "closes_on"],
            "every problem at once, each naming its field"
        );
    }

    #[test]
    fn the_next_call_is_the_earliest_still_open() {
        let calls = [
            call(1, "DETR", 2026, d(2025, 10, 1), d(2026, 1, 31)),
            call(2, "DETR", 2027, d(2026, 10, 1), d(2027, 1, 31)),
            call(3, "DSIL", 2027, d(2026, 10, 1), d(2026, 12, 15)),
        ];
        assert_eq!(
            next_call(&calls, "detr", d(2026, 11, 23)).map(|c| c.id),
            Some(2),
            "the 2026 call is closed; codes ignore case"
        );
        assert_eq!(
            next_call(&calls, "DETR", d(2027, 1, 31)).map(|c| c.id),
            Some(2),
            "a call is still open on its closing day"
        );
        assert_eq!(next_call(&calls, "DETR", d(2027, 2, 1)), None, "all closed");
    }
}
