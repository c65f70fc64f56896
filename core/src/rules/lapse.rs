//! Grants that lapse (*caducité*). For DETR and DSIL (the periods are in
//! the scheme catalogue, `FundingScheme::lapse`, with their text):
//! - CGCT art. R2334-28 (version of 28 December 2002, décret n° 2002-1522):
//!   if the operation has not started within two years of the grant's
//!   notification, the préfet declares the grant lapsed; the préfet may
//!   extend the validity by one year at most;
//! - CGCT art. R2334-29: the operation is completed within four years of
//!   its start, after which it is deemed finished and no payment request is
//!   received (the grant does not "lapse" then: what was not claimed is
//!   lost); the préfet may extend that by two years at most;
//! - décret n° 2018-428 du 1er juin 2018 applies both to the DSIL.
//!
//! The start is `ProjectFields::started_on` (the first legal act binding
//! the owner, declared to the préfet, R2334-24 and R2334-30); a declared
//! completion (`completed_on`) ends the watch. An extension is the date
//! the funder extended the grant to (`FundingLine::extended_to`), counted
//! up to the longest extension the text allows. A period of N months ends
//! on the same day N months later, or on the last day of the month when
//! that day does not exist.
//!
//! Findings: a warning from 180 days before the date (the message says
//! 180, 90 or 30 days), blocking once it has passed. The préfet may set a
//! shorter start period for operations that can be done quickly
//! (R2334-28, second paragraph): a grant decision saying so is not read;
//! enter its date as the line's deadline.

use super::schedule::line_name;
use super::schemes::{recognise, Named};
use super::{plural, Context, Figures, FindingCode, Severity, Verdict};
use crate::calendar::{date_en, date_fr};
use crate::model::{FundingLine, FundingScheme, FundingStatus, LapseRule, ProjectFields};
use chrono::{Months, NaiveDate};
use serde::Serialize;

/// The warnings start this many days before a lapse date.
pub const WARNING_DAYS: [i64; 3] = [180, 90, 30];

/// Which period runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LapsePeriod {
    /// From the notification to the start of the operation.
    Start,
    /// From the start to the completion.
    Completion,
}

/// When a grant lapses, and why.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LapseDate {
    pub period: LapsePeriod,
    /// The date the grant lapses if nothing happens by then.
    pub date: NaiveDate,
    /// The date the period runs from (notification or start).
    pub from: NaiveDate,
    /// The end of the period without extension.
    pub base: NaiveDate,
    /// True when an extension moved the date.
    pub extended: bool,
    /// True when the extension entered went beyond what the text allows
    /// and was counted up to that limit.
    pub extension_capped: bool,
}

/// `d` plus `months`, the last day of the month when the day does not
/// exist.
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

/// The lapse rule of a line's scheme: the catalogue's entry for its code,
/// or for DETR / DSIL when the code names them ("DETR 2027").
pub fn rule_for<'a>(l: &FundingLine, schemes: &'a [FundingScheme]) -> Option<&'a LapseRule> {
    let code = l.scheme.as_deref()?.trim();
    let by_code = |c: &str| {
        schemes
            .iter()
            .find(|s| s.code.eq_ignore_ascii_case(c))
            .and_then(|s| s.lapse.as_ref())
    };
    by_code(code).or_else(|| match recognise(code)? {
        Named::Detr => by_code("DETR"),
        Named::Dsil => by_code("DSIL"),
        _ => None,
    })
}

fn period_end(
    from: NaiveDate,
    months: u32,
    ext_months: u32,
    extended_to: Option<NaiveDate>,
) -> (NaiveDate, NaiveDate, bool, bool) {
    let base = add_months(from, months);
    match extended_to.filter(|x| *x > base) {
        Some(x) => {
            let max = add_months(base, ext_months);
            (x.min(max), base, true, x > max)
        }
        None => (base, base, false, false),
    }
}

/// The date a line's grant lapses, if its scheme has a rule and the
/// grant is awarded, notified and not complete.
pub fn lapse_date(l: &FundingLine, fields: &ProjectFields, rule: &LapseRule) -> Option<LapseDate> {
    if !matches!(
        l.status,
        FundingStatus::Awarded | FundingStatus::PartiallyPaid
    ) || fields.completed_on.is_some()
    {
        return None;
    }
    let notified = l.notified_on?;
    let (start_end, start_base, ext, capped) = period_end(
        notified,
        rule.start_months,
        rule.start_extension_months,
        l.extended_to,
    );
    match fields.started_on {
        Some(started) if started <= start_end => {
            let (date, base, ext, capped) = period_end(
                started,
                rule.completion_months,
                rule.completion_extension_months,
                l.extended_to,
            );
            Some(LapseDate {
                period: LapsePeriod::Completion,
                date,
                from: started,
                base,
                extended: ext,
                extension_capped: capped,
            })
        }
        // Not started, or started after the period: it ran out then.
        _ => Some(LapseDate {
            period: LapsePeriod::Start,
            date: start_end,
            from: notified,
            base: start_base,
            extended: ext,
            extension_capped: capped,
        }),
    }
}

/// The verdicts on every line whose grant may lapse.
pub fn check(cx: &Context) -> Vec<Verdict> {
    let fields = &cx.detail.project.fields;
    let mut out = Vec::new();
    for (i, l) in cx.detail.lines.funding_lines.iter().enumerate() {
        let Some(rule) = rule_for(l, cx.schemes) else {
            continue;
        };
        let Some(lapse) = lapse_date(l, fields, rule) else {
            continue;
        };
        let days = (lapse.date - cx.today).num_days();
        if days > WARNING_DAYS[0] {
            continue;
        }
        let name = line_name(i, l);
        let (what_fr, what_en, from_fr, from_en) = match lapse.period {
            LapsePeriod::Start => (
                "sans commencement d'exécution",
                "with no start of execution",
                "la notification",
                "the notification",
            ),
            LapsePeriod::Completion => (
                "sans achèvement déclaré",
                "with no declared completion",
                "le commencement d'exécution",
                "the start of execution",
            ),
        };
        let (months, ext_months, article) = match lapse.period {
            LapsePeriod::Start => (rule.start_months, rule.start_extension_months, "R2334-28"),
            LapsePeriod::Completion => (
                rule.completion_months,
                rule.completion_extension_months,
                "R2334-29",
            ),
        };
        let mut computation = (
            format!(
                "{} ({from_fr}) + {months}\u{a0}mois = {}",
                date_fr(lapse.from),
                date_fr(lapse.base)
            ),
            format!(
                "{} ({from_en}) + {months} months = {}",
                date_en(lapse.from),
                date_en(lapse.base)
            ),
        );
        if lapse.extended {
            computation.0.push_str(&format!(
                "\u{a0}; prorogé au {}{}",
                date_fr(lapse.date),
                if lapse.extension_capped {
                    format!(" (prorogation limitée à {ext_months}\u{a0}mois par le texte)")
                } else {
                    String::new()
                }
            ));
            computation.1.push_str(&format!(
                "; extended to {}{}",
                date_en(lapse.date),
                if lapse.extension_capped {
                    format!(" (the text limits the extension to {ext_months} months)")
                } else {
                    String::new()
                }
            ));
        }
        computation.0.push_str(&format!(
            "\u{a0}; {} − {} = {days}\u{a0}jour{}",
            date_fr(lapse.date),
            date_fr(cx.today),
            plural(days.abs())
        ));
        computation.1.push_str(&format!(
            "; {} − {} = {days} day{}",
            date_en(lapse.date),
            date_en(cx.today),
            plural(days.abs())
        ));
        let figures = Figures {
            amount: l.amount_awarded,
            date: Some(lapse.date),
            days: Some(days),
            ..Default::default()
        };
        let field = Some(format!("funding_lines[{i}]"));
        let extension_fr = if lapse.extended {
            String::new()
        } else {
            format!("\u{a0}; le préfet peut prolonger ce délai de {ext_months}\u{a0}mois au plus (art.\u{a0}{article})")
        };
        let extension_en = if lapse.extended {
            String::new()
        } else {
            format!("; the préfet may extend this period by {ext_months} months at most (art. {article})")
        };
        // R2334-28: the grant lapses; R2334-29: the operation is deemed
        // finished and no payment request is received any more.
        let (passed_fr, passed_en, soon_fr, soon_en) = match lapse.period {
            LapsePeriod::Start => (
                "la subvention est caduque",
                "the grant lapsed",
                "la subvention devient caduque",
                "the grant lapses",
            ),
            LapsePeriod::Completion => (
                "l'opération est réputée terminée et aucune demande de paiement n'est plus recevable",
                "the operation is deemed finished and no payment request is received any more",
                "l'opération sera réputée terminée et plus aucune demande de paiement ne sera recevable",
                "the operation will be deemed finished and no payment request will be received any more",
            ),
        };
        if days < 0 {
            out.push(Verdict {
                code: FindingCode::GrantLapsed,
                severity: Severity::Blocking,
                field,
                message: (
                    format!(
                        "{}\u{a0}: {what_fr} au {}, {passed_fr} depuis {}\u{a0}jour{} (CGCT, art.\u{a0}{article})",
                        name.0,
                        date_fr(lapse.date),
                        -days,
                        plural(-days)
                    ),
                    format!(
                        "{}: {what_en} by {}, {passed_en} {} day{} ago (CGCT art. {article})",
                        name.1,
                        date_en(lapse.date),
                        -days,
                        plural(-days)
                    ),
                ),
                computation,
                figures,
            });
        } else {
            let within = WARNING_DAYS
                .iter()
                .rev()
                .find(|w| days <= **w)
                .copied()
                .unwrap_or(WARNING_DAYS[0]);
            out.push(Verdict {
                code: FindingCode::GrantLapseSoon,
                severity: Severity::Warning,
                field,
                message: (
                    format!(
                        "{}\u{a0}: {what_fr} au {}, {soon_fr} (dans {days}\u{a0}jour{}, moins de {within}\u{a0}jours){extension_fr}",
                        name.0,
                        date_fr(lapse.date),
                        plural(days)
                    ),
                    format!(
                        "{}: {what_en} by {}, {soon_en} (in {days} day{}, less than {within} days){extension_en}",
                        name.1,
                        date_en(lapse.date),
                        plural(days)
                    ),
                ),
                computation,
                figures,
            });
        }
    }
    out
}
