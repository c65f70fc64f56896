//! Money over the years reconciles with the plan (good practice; no text):
//! the investment spending forecast year by year adds up to the cost
//! excl. VAT, and an awarded grant's payment schedule adds up to the
//! amount awarded. A difference is a warning that states it, never a
//! silent gap.

use super::schedule::line_name;
use super::{money2, Context, Figures, FindingCode, Severity, Verdict};
use crate::model::{ExpenseNature, Money};

/// The verdicts of both checks on one project.
pub fn check(cx: &Context) -> Vec<Verdict> {
    let mut out = Vec::new();
    let d = cx.detail;
    let years: Vec<_> = d
        .lines
        .yearly
        .iter()
        .filter(|y| y.nature == ExpenseNature::Investment)
        .collect();
    if let (false, Some(cost)) = (years.is_empty(), d.project.fields.cost_excl_vat) {
        let total = Money(years.iter().map(|y| y.forecast.cents()).sum());
        if total != cost {
            let diff = Money(total.cents() - cost.cents());
            let (t_fr, t_en) = money2(total);
            let (c_fr, c_en) = money2(cost);
            let (d_fr, d_en) = money2(Money(diff.cents().abs()));
            let first = years.iter().map(|y| y.year).min().unwrap_or_default();
            let last = years.iter().map(|y| y.year).max().unwrap_or_default();
            let (more_fr, more_en) = if diff.cents() > 0 {
                ("de plus", "more")
            } else {
                ("de moins", "less")
            };
            out.push(Verdict {
                code: FindingCode::YearsDoNotMatchCost,
                severity: Severity::Warning,
                field: Some("yearly".into()),
                message: (
                    format!("Les dépenses d'investissement prévues de {first} à {last} ({t_fr}) ne font pas le coût HT du projet ({c_fr})\u{a0}: {d_fr} {more_fr}"),
                    format!("The investment spending forecast for {first}–{last} ({t_en}) does not add up to the project's cost excl. VAT ({c_en}): {d_en} {more_en}"),
                ),
                computation: (
                    format!("Somme des années {t_fr} − coût HT {c_fr} = {}", diff.display_fr()),
                    format!("Sum of the years {t_en} − cost excl. VAT {c_en} = {}", diff.display_en()),
                ),
                figures: Figures {
                    amount: Some(total),
                    reference: Some(cost),
                    difference: Some(diff),
                    ..Default::default()
                },
            });
        }
    }
    for (i, l) in d.lines.funding_lines.iter().enumerate() {
        let (Some(awarded), false) = (l.amount_awarded, l.payments.is_empty()) else {
            continue;
        };
        let total = Money(l.payments.iter().map(|p| p.amount.cents()).sum());
        if total == awarded {
            continue;
        }
        let diff = Money(total.cents() - awarded.cents());
        let name = line_name(i, l);
        let (t_fr, t_en) = money2(total);
        let (a_fr, a_en) = money2(awarded);
        out.push(Verdict {
            code: FindingCode::ScheduleDoesNotMatchAward,
            severity: Severity::Warning,
            field: Some(format!("funding_lines[{i}].payments")),
            message: (
                format!("{}\u{a0}: l'échéancier des versements ({t_fr}) ne fait pas le montant accordé ({a_fr})", name.0),
                format!("{}: the payment schedule ({t_en}) does not add up to the amount awarded ({a_en})", name.1),
            ),
            computation: (
                format!("Versements {t_fr} − accordé {a_fr} = {}", diff.display_fr()),
                format!("Payments {t_en} − awarded {a_en} = {}", diff.display_en()),
            ),
            figures: Figures {
                amount: Some(total),
                reference: Some(awarded),
                difference: Some(diff),
                ..Default::default()
            },
        });
    }
    out
}
