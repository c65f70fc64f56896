//! Indicators (good practice; no text): how far each has moved from its
//! baseline towards its target, and a warning when its last reading is
//! more than [`STALE_MONTHS`] months old — a figure nobody measures does
//! not steer anything.
//!
//! Progress is `(latest − baseline) / (target − baseline)`, in percent, one
//! decimal, whatever the direction (a vacancy rate going down from 18 % to
//! a target of 10 % is 50 % of the way at 14 %). When the baseline equals
//! the target (a level to keep), progress is 100 % if the latest reading
//! is on the good side of it, 0 % otherwise. Without a reading, a target
//! or a baseline, there is no progress to compute.

use super::{Context, Figures, FindingCode, Severity, Verdict};
use crate::calendar::{date_en, date_fr};
use crate::model::{Direction, Indicator, Reading};
use chrono::NaiveDate;
use serde::Serialize;

/// A reading older than this many months is stale.
pub const STALE_MONTHS: u32 = 12;

/// Where an indicator stands.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Progress {
    /// The latest reading.
    pub latest: Option<Reading>,
    /// The way covered from the baseline to the target, in percent, one
    /// decimal (below 0 when it went the wrong way, above 100 beyond).
    pub percent: Option<f64>,
    /// True when the latest reading is at or beyond the target.
    pub reached: bool,
}

fn meets(direction: Direction, value: f64, target: f64) -> bool {
    match direction {
        Direction::Up => value >= target,
        Direction::Down => value <= target,
    }
}

/// The progress of one indicator.
pub fn progress(ind: &Indicator) -> Progress {
    let latest = ind.readings.iter().max_by_key(|r| r.date).cloned();
    let reached = match (&latest, ind.target_value) {
        (Some(r), Some(t)) => meets(ind.direction, r.value, t),
        _ => false,
    };
    let percent = match (&latest, ind.baseline_value, ind.target_value) {
        (Some(r), Some(b), Some(t)) => Some(if (t - b).abs() < f64::EPSILON {
            if reached {
                100.0
            } else {
                0.0
            }
        } else {
            ((r.value - b) / (t - b) * 1000.0).round() / 10.0
        }),
        _ => None,
    };
    Progress {
        latest,
        percent,
        reached,
    }
}

/// The date after which a reading taken on `last` is stale.
pub fn stale_after(last: NaiveDate) -> NaiveDate {
    super::lapse::add_months(last, STALE_MONTHS)
}

/// A warning for each indicator whose last reading (or, without one, its
/// baseline) is more than twelve months old.
pub fn check(cx: &Context) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (i, ind) in cx.detail.lines.indicators.iter().enumerate() {
        let last = ind
            .readings
            .iter()
            .map(|r| r.date)
            .max()
            .or(ind.baseline_date);
        let Some(last) = last else {
            continue;
        };
        let limit = stale_after(last);
        if cx.today <= limit {
            continue;
        }
        let days = (cx.today - last).num_days();
        let what = if ind.readings.is_empty() {
            (
                "aucune mesure depuis la valeur de référence du",
                "no reading since the baseline of",
            )
        } else {
            ("dernière mesure le", "last reading on")
        };
        out.push(Verdict {
            code: FindingCode::IndicatorStale,
            severity: Severity::Warning,
            field: Some(format!("indicators[{i}]")),
            message: (
                format!(
                    "Indicateur «\u{a0}{}\u{a0}»\u{a0}: {} {}, il y a plus de {STALE_MONTHS}\u{a0}mois",
                    ind.label,
                    what.0,
                    date_fr(last)
                ),
                format!(
                    "Indicator \"{}\": {} {}, more than {STALE_MONTHS} months ago",
                    ind.label,
                    what.1,
                    date_en(last)
                ),
            ),
            computation: (
                format!(
                    "{} + {STALE_MONTHS}\u{a0}mois = {}, avant le {} ({days}\u{a0}jours)",
                    date_fr(last),
                    date_fr(limit),
                    date_fr(cx.today)
                ),
                format!(
                    "{} + {STALE_MONTHS} months = {}, before {} ({days} days)",
                    date_en(last),
                    date_en(limit),
                    date_en(cx.today)
                ),
            ),
            figures: Figures {
                date: Some(last),
                days: Some(-days),
                ..Default::default()
            },
        });
    }
    out
}
