//! An operating expense on a scheme the catalogue describes as
//! investment-only (DETR, DSIL…): blocking. Ministers have said DETR and
//! DSIL may cover up to 10 % of an investment project's operating needs;
//! the text that provides for it was not found, so the catalogue's rule is
//! kept (see [`super::catalogue`]).

use super::{money2, Context, Figures, FindingCode, Severity, Verdict};
use crate::model::ExpenseNature;

/// The verdicts of the rule on one project, one per line at issue.
pub fn check(cx: &Context) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (i, l) in cx.detail.lines.funding_lines.iter().enumerate() {
        if l.nature != ExpenseNature::Operating {
            continue;
        }
        let Some(code) = l.scheme.as_deref().map(str::trim) else {
            continue;
        };
        let Some(scheme) = cx
            .schemes
            .iter()
            .find(|s| s.investment_only && s.code.eq_ignore_ascii_case(code))
        else {
            continue;
        };
        let amount = l.planned_amount();
        let (a_fr, a_en) = money2(amount);
        out.push(Verdict {
            code: FindingCode::OperatingOnInvestmentScheme,
            severity: Severity::Blocking,
            field: Some(format!("funding_lines[{i}]")),
            message: (
                format!("Financement n°\u{a0}{} ({})\u{a0}: une dépense de fonctionnement de {a_fr} ne peut pas être financée par ce dispositif, qui ne finance que l'investissement", i + 1, scheme.code),
                format!("Funding line #{} ({}): an operating expense of {a_en} cannot be funded by this scheme, which funds investment only", i + 1, scheme.code),
            ),
            computation: (
                format!("Ligne de fonctionnement de {a_fr} sur {}, réservé à l'investissement dans le catalogue des dispositifs", scheme.code),
                format!("Operating line of {a_en} on {}, investment-only in the schemes catalogue", scheme.code),
            ),
            figures: Figures {
                amount: Some(amount),
                ..Default::default()
            },
        });
    }
    out
}
