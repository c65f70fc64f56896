//! Amounts with and without VAT are not added up: a plan whose lines mix
//! them is a warning (good practice; no text).

use super::{plural, Context, Figures, FindingCode, Severity, Verdict};

/// The verdict of the rule on one project.
pub fn check(cx: &Context) -> Vec<Verdict> {
    let lines = &cx.detail.lines.funding_lines;
    let incl = lines.iter().filter(|l| l.amounts_incl_vat).count();
    let excl = lines.len() - incl;
    if incl == 0 || excl == 0 {
        return Vec::new();
    }
    let s = plural(incl as i64);
    let s2 = plural(excl as i64);
    vec![Verdict {
        code: FindingCode::VatMixed,
        severity: Severity::Warning,
        field: None,
        message: (
            format!("Le plan mélange des montants HT et TTC\u{a0}: {incl} financement{s} en TTC, {excl} en HT\u{a0}; exprimez-les tous de la même façon pour les additionner"),
            format!("The plan mixes amounts with and without VAT: {incl} line{s} incl. VAT, {excl} excl. VAT; state them all the same way to add them up"),
        ),
        computation: (
            format!("{incl} ligne{s} TTC + {excl} ligne{s2} HT"),
            format!("{incl} line{s} incl. VAT + {excl} line{s2} excl. VAT"),
        ),
        figures: Figures::default(),
    }]
}
