//! What the comité de projet steers by: indicators with their baseline,
//! target and dated readings; a project's phases with their own dates and
//! budget; its spending year by year; and each grant's payment schedule.
//! Plain data and validation; the arithmetic (progress, reconciliation,
//! lapse dates) is the rules module's.

use super::validate::{self as v, f};
use super::{Direction, ExpenseNature, Money, PaymentKind, PhaseKind};
use crate::error::Problem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One measured value of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Reading {
    pub date: NaiveDate,
    pub value: f64,
    /// Where the figure comes from ("INSEE, recensement 2022", "comptage").
    #[serde(default)]
    pub source: String,
}

/// An indicator of a project, or of a town's convention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Indicator {
    /// The code of the shipped indicator it was picked from
    /// (`data/reference/indicators.json`), or none for the user's own.
    #[serde(default)]
    pub code: Option<String>,
    pub label: String,
    /// "%", "logements", "m²"…
    #[serde(default)]
    pub unit: String,
    pub direction: Direction,
    #[serde(default)]
    pub baseline_value: Option<f64>,
    #[serde(default)]
    pub baseline_date: Option<NaiveDate>,
    #[serde(default)]
    pub target_value: Option<f64>,
    #[serde(default)]
    pub target_date: Option<NaiveDate>,
    /// The readings, in date order.
    #[serde(default)]
    pub readings: Vec<Reading>,
}

fn finite(key: &'static str, fr: &str, en: &str, x: Option<f64>, out: &mut Vec<Problem>) {
    if let Some(x) = x {
        if !x.is_finite() || x.abs() > 1e15 {
            out.push(Problem::new(
                key,
                format!("{fr} : {x} n'est pas un nombre utilisable"),
                format!("{en}: {x} is not a usable number"),
            ));
        }
    }
}

impl Indicator {
    /// Problems with this indicator and its readings.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let label = f("label", "Libellé de l'indicateur", "Indicator label");
        v::required(label, &self.label, &mut out);
        v::text(label, &self.label, 500, &mut out);
        v::text(f("unit", "Unité", "Unit"), &self.unit, 40, &mut out);
        finite(
            "baseline_value",
            "Valeur de référence",
            "Baseline value",
            self.baseline_value,
            &mut out,
        );
        finite(
            "target_value",
            "Valeur cible",
            "Target value",
            self.target_value,
            &mut out,
        );
        if let (Some(b), Some(t)) = (self.baseline_value, self.target_value) {
            let wrong = match self.direction {
                Direction::Up => t < b,
                Direction::Down => t > b,
            };
            if wrong {
                out.push(Problem::new(
                    "target_value",
                    match self.direction {
                        Direction::Up => format!("Valeur cible : {t} est en dessous de la valeur de référence ({b}) alors que l'indicateur doit monter ; changez le sens ou la cible"),
                        Direction::Down => format!("Valeur cible : {t} est au-dessus de la valeur de référence ({b}) alors que l'indicateur doit baisser ; changez le sens ou la cible"),
                    },
                    match self.direction {
                        Direction::Up => format!("Target value: {t} is below the baseline ({b}) while the indicator should go up; change the direction or the target"),
                        Direction::Down => format!("Target value: {t} is above the baseline ({b}) while the indicator should go down; change the direction or the target"),
                    },
                ));
            }
        }
        v::date_order(
            f("baseline_date", "Date de référence", "Baseline date"),
            self.baseline_date,
            f("target_date", "Date cible", "Target date"),
            self.target_date,
            &mut out,
        );
        for (i, r) in self.readings.iter().enumerate() {
            let mut ps = Vec::new();
            finite("value", "Valeur mesurée", "Reading", Some(r.value), &mut ps);
            v::text(f("source", "Source", "Source"), &r.source, 500, &mut ps);
            out.extend(
                ps.into_iter()
                    .map(|p| p.within("readings", i, "Mesure", "Reading")),
            );
        }
        out
    }

    /// Sorts the readings by date (the order every reader expects).
    pub fn normalise(&mut self) {
        self.label = self.label.trim().to_owned();
        self.readings.sort_by_key(|r| r.date);
    }
}

/// A phase of a project with its own dates and budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Phase {
    pub kind: PhaseKind,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub start: Option<NaiveDate>,
    #[serde(default)]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub budget: Option<Money>,
}

impl Phase {
    /// Problems with this phase.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        v::text(f("label", "Libellé", "Label"), &self.label, 500, &mut out);
        v::date_order(
            f("start", "Début", "Start"),
            self.start,
            f("end", "Fin", "End"),
            self.end,
            &mut out,
        );
        v::amount(f("budget", "Budget", "Budget"), self.budget, &mut out);
        out
    }
}

/// The first year a yearly amount may be for, and the last.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A project's spending in one year, investment or operating, forecast and
/// actual.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct YearAmount {
    pub year: i32,
    pub nature: ExpenseNature,
    pub forecast: Money,
    #[serde(default)]
    pub actual: Option<Money>,
}

impl YearAmount {
    /// Problems with this amount.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if !YEARS.contains(&self.year) {
            out.push(Problem::new(
                "year",
                format!("Année : {} n'est pas entre 2000 et 2100", self.year),
                format!("Year: {} is not between 2000 and 2100", self.year),
            ));
        }
        v::amount(
            f("forecast", "Montant prévu", "Forecast"),
            Some(self.forecast),
            &mut out,
        );
        v::amount(
            f("actual", "Montant réalisé", "Actual"),
            self.actual,
            &mut out,
        );
        out
    }
}

/// One payment of a grant: the advance, an instalment or the balance,
/// forecast and received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Payment {
    pub kind: PaymentKind,
    /// When it is expected.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// The amount expected.
    pub amount: Money,
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    #[serde(default)]
    pub received: Option<Money>,
}

impl Payment {
    /// Problems with this payment.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        v::amount(
            f("amount", "Montant prévu", "Amount expected"),
            Some(self.amount),
            &mut out,
        );
        v::amount(
            f("received", "Montant reçu", "Amount received"),
            self.received,
            &mut out,
        );
        if self.received.is_some() != self.received_on.is_some() {
            out.push(Problem::new(
                "received_on",
                "Versement reçu : indiquez à la fois la date et le montant reçus",
                "Payment received: give both the date and the amount received",
            ));
        }
        out
    }
}

/// Problems with a list of yearly amounts: one amount per year and nature.
pub fn duplicate_years(years: &[YearAmount]) -> Vec<Problem> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, y) in years.iter().enumerate() {
        if !seen.insert((y.year, y.nature)) {
            out.push(
                Problem::new(
                    "year",
                    format!(
                        "l'année {} est déjà inscrite pour cette nature de dépense",
                        y.year
                    ),
                    format!(
                        "year {} is already entered for this kind of expense",
                        y.year
                    ),
                )
                .within("yearly", i, "Montant annuel", "Yearly amount"),
            );
        }
    }
    out
}

/// A common PVD indicator to pick from (`data/reference/indicators.json`):
/// its label, unit, direction and where the figure usually comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct IndicatorTemplate {
    pub code: String,
    pub fr: String,
    pub en: String,
    pub unit_fr: String,
    pub unit_en: String,
    pub direction: Direction,
    pub source_fr: String,
    pub source_en: String,
}

#[derive(Deserialize)]
struct TemplateFile {
    indicators: Vec<IndicatorTemplate>,
}

/// The shipped list of common indicators, parsed once.
pub fn indicator_templates() -> &'static [IndicatorTemplate] {
    static T: std::sync::OnceLock<Vec<IndicatorTemplate>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        serde_json::from_str::<TemplateFile>(include_str!(
            "../../../data/reference/indicators.json"
        ))
        .expect("indicators.json is checked by tests")
        .indicators
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_indicators_parse_with_unique_codes_and_sources() {
        let t = indicator_templates();
        assert!(t.len() >= 8);
        let mut codes: Vec<&str> = t.iter().map(|i| i.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), t.len());
        for i in t {
            assert!(
                !i.source_fr.is_empty() && !i.unit_fr.is_empty(),
                "{}",
                i.code
            );
        }
    }

    #[test]
    fn a_payment_received_needs_its_date_and_amount() {
        let p = Payment {
            kind: PaymentKind::Advance,
            due_on: None,
            amount: Money::euros(10),
            received_on: None,
            received: Some(Money::euros(10)),
        };
        assert_eq!(p.validate()[0].field, "received_on");
    }
}
