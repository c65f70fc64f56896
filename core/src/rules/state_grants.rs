//! The State's investment grants, CGCT art. R2334-27 (version in force
//! since 6 October 2021): DETR, DPV, DSIL and DSID, "employées seules ou de
//! manière combinée", may not exceed 80 % of the forecast eligible expense
//! (*dépense subventionnable*) of the investment they fund; a grant's rate
//! may not be below 20 % of that expense excluding VAT. Other co-funders do
//! not change these rates (ministerial answer to question no. 4800, JO AN
//! 10 June 2025).
//!
//! A line's eligible expense is its eligible base excl. VAT, or else the
//! project's cost (incl. VAT for a line stated incl. VAT). Each line is
//! checked alone; then, when none breaks the cap alone, the lines together:
//! against their common base when they share one; when their bases differ,
//! blocking above 80 % of the widest base they may cover together (their
//! bases added up, capped at the cost), warning above 80 % of the largest.

use super::schemes::{recognise, Named};
use super::{
    money2, percent, share_down, share_up, Context, Figures, FindingCode, Severity, Verdict,
};
use crate::model::{ExpenseNature, FundingLine, Money, ProjectFields};

/// The ceiling, in percent of the eligible expense.
pub const CAP_PERCENT: i64 = 80;
/// The floor of a grant's rate, in percent of the eligible expense.
pub const FLOOR_PERCENT: i64 = 20;

struct Grant {
    index: usize,
    named: Named,
    amount: i64,
    base: i64,
    /// True when the base is the project's cost, for want of a line base.
    base_is_cost: bool,
    /// True when the line and its base are stated incl. VAT.
    incl_vat: bool,
}

/// A line's eligible expense and whether it is the project's cost. A line
/// stated incl. VAT is compared with the cost incl. VAT (its eligible base is
/// excl. VAT, another measure); without that cost it is not checked.
fn base_of(l: &FundingLine, f: &ProjectFields) -> Option<(i64, bool)> {
    if l.amounts_incl_vat {
        return f
            .cost_incl_vat
            .filter(|c| c.cents() > 0)
            .map(|c| (c.cents(), true));
    }
    if let Some(b) = l.eligible_base_excl_vat.filter(|b| b.cents() > 0) {
        return Some((b.cents(), false));
    }
    f.cost_excl_vat
        .filter(|c| c.cents() > 0)
        .map(|c| (c.cents(), true))
}

fn name(g: &Grant) -> (String, String) {
    (
        format!("Financement n°\u{a0}{} ({})", g.index + 1, g.named.short()),
        format!("Funding line #{} ({})", g.index + 1, g.named.short()),
    )
}

fn base_words(g: &Grant) -> (&'static str, &'static str) {
    if g.incl_vat {
        (
            "le coût TTC du projet, la ligne étant TTC",
            "the project's cost incl. VAT, the line being incl. VAT",
        )
    } else if g.base_is_cost {
        (
            "le coût du projet, faute d'assiette éligible",
            "the project's cost, for want of an eligible base",
        )
    } else {
        ("son assiette éligible", "its eligible base")
    }
}

/// The verdicts of the rule on one project.
pub fn check(cx: &Context) -> Vec<Verdict> {
    let fields = &cx.detail.project.fields;
    let grants: Vec<Grant> = cx
        .detail
        .lines
        .funding_lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.nature == ExpenseNature::Investment)
        .filter_map(|(index, l)| {
            let named =
                recognise(l.scheme.as_deref()?).filter(|n| n.is_state_investment_grant())?;
            let amount = l.planned_amount().cents();
            let (base, base_is_cost) = base_of(l, fields)?;
            (amount > 0).then_some(Grant {
                index,
                named,
                amount,
                base,
                base_is_cost,
                incl_vat: l.amounts_incl_vat,
            })
        })
        .collect();
    let mut out = Vec::new();
    let mut alone_above = false;
    for g in &grants {
        let (who_fr, who_en) = name(g);
        let (bw_fr, bw_en) = base_words(g);
        let (a_fr, a_en) = money2(Money(g.amount));
        let (b_fr, b_en) = money2(Money(g.base));
        let field = Some(format!("funding_lines[{}]", g.index));
        if i128::from(g.amount) * 100 > i128::from(g.base) * i128::from(CAP_PERCENT) {
            alone_above = true;
            let cap = share_down(g.base, CAP_PERCENT);
            let over = Money(g.amount - cap.cents());
            let (c_fr, c_en) = money2(cap);
            let (o_fr, o_en) = money2(over);
            let (p_fr, p_en, p) = percent(g.amount, g.base, CAP_PERCENT);
            out.push(Verdict {
                code: FindingCode::StateGrantsAboveCap,
                severity: Severity::Blocking,
                field,
                message: (
                    format!("{who_fr}\u{a0}: {a_fr}, soit {p_fr} de {bw_fr} ({b_fr})\u{a0}; la {} ne peut dépasser 80\u{a0}% de la dépense subventionnable, soit {c_fr}\u{a0}: {o_fr} de trop", g.named.short()),
                    format!("{who_en}: {a_en}, i.e. {p_en} of {bw_en} ({b_en}); {} may not exceed 80% of the eligible expense, i.e. {c_en}: {o_en} too much", g.named.short()),
                ),
                computation: (
                    format!("{} = {a_fr}\u{a0}; dépense subventionnable = {b_fr} ({bw_fr})\u{a0}; plafond 80\u{a0}% de {b_fr} = {c_fr}\u{a0}; dépassement {o_fr}", g.named.short()),
                    format!("{} = {a_en}; eligible expense = {b_en} ({bw_en}); ceiling 80% of {b_en} = {c_en}; excess {o_en}", g.named.short()),
                ),
                figures: Figures {
                    amount: Some(Money(g.amount)),
                    reference: Some(Money(g.base)),
                    percent: Some(p),
                    limit: Some(cap),
                    difference: Some(over),
                    ..Default::default()
                },
            });
        } else if i128::from(g.amount) * 100 < i128::from(g.base) * i128::from(FLOOR_PERCENT) {
            let floor = share_up(g.base, FLOOR_PERCENT);
            let (f_fr, f_en) = money2(floor);
            let (p_fr, p_en, p) = percent(g.amount, g.base, FLOOR_PERCENT);
            out.push(Verdict {
                code: FindingCode::StateGrantBelowFloor,
                severity: Severity::Warning,
                field,
                message: (
                    format!("{who_fr}\u{a0}: {a_fr}, soit {p_fr} de {bw_fr} ({b_fr})\u{a0}; le taux de subvention ne peut être inférieur à 20\u{a0}% de la dépense subventionnable, soit {f_fr}\u{a0}: revoyez l'assiette ou le montant"),
                    format!("{who_en}: {a_en}, i.e. {p_en} of {bw_en} ({b_en}); the grant rate may not be below 20% of the eligible expense, i.e. {f_en}: review the base or the amount"),
                ),
                computation: (
                    format!("{} = {a_fr}\u{a0}; dépense subventionnable = {b_fr} ({bw_fr})\u{a0}; taux minimal 20\u{a0}% de {b_fr} = {f_fr}", g.named.short()),
                    format!("{} = {a_en}; eligible expense = {b_en} ({bw_en}); minimum rate 20% of {b_en} = {f_en}", g.named.short()),
                ),
                figures: Figures {
                    amount: Some(Money(g.amount)),
                    reference: Some(Money(g.base)),
                    percent: Some(p),
                    limit: Some(floor),
                    difference: Some(Money(floor.cents() - g.amount)),
                    ..Default::default()
                },
            });
        }
    }
    if grants.len() >= 2 && !alone_above {
        out.extend(together(&grants, fields));
    }
    out
}

/// The grants together, against their common base or the range of bases
/// they may cover.
fn together(grants: &[Grant], fields: &ProjectFields) -> Option<Verdict> {
    let sum: i64 = grants.iter().map(|g| g.amount).sum();
    let largest = grants.iter().map(|g| g.base).max()?;
    let same_base = grants.iter().all(|g| g.base == largest);
    let widest = if same_base {
        largest
    } else {
        let added: i64 = grants.iter().map(|g| g.base).sum();
        let cost = if grants.iter().all(|g| g.incl_vat) {
            fields.cost_incl_vat
        } else {
            fields.cost_excl_vat
        };
        let cost = cost.map_or(added, |c| c.cents());
        added.min(cost).max(largest)
    };
    let above = |base: i64| i128::from(sum) * 100 > i128::from(base) * i128::from(CAP_PERCENT);
    let (severity, base) = if above(widest) {
        (Severity::Blocking, widest)
    } else if above(largest) {
        (Severity::Warning, largest)
    } else {
        return None;
    };
    let names: Vec<String> = grants
        .iter()
        .map(|g| format!("{} n°\u{a0}{}", g.named.short(), g.index + 1))
        .collect();
    let names_en: Vec<String> = grants
        .iter()
        .map(|g| format!("{} #{}", g.named.short(), g.index + 1))
        .collect();
    let parts_fr: Vec<String> = grants
        .iter()
        .map(|g| format!("{} {}", g.named.short(), Money(g.amount).display_fr()))
        .collect();
    let parts_en: Vec<String> = grants
        .iter()
        .map(|g| format!("{} {}", g.named.short(), Money(g.amount).display_en()))
        .collect();
    let cap = share_down(base, CAP_PERCENT);
    let over = Money(sum - cap.cents());
    let (s_fr, s_en) = money2(Money(sum));
    let (b_fr, b_en) = money2(Money(base));
    let (c_fr, c_en) = money2(cap);
    let (o_fr, o_en) = money2(over);
    let (p_fr, p_en, p) = percent(sum, base, CAP_PERCENT);
    let (message_fr, message_en) = if severity == Severity::Blocking {
        (
            format!("Dotations de l'État ensemble ({})\u{a0}: {s_fr}, soit {p_fr} de la dépense subventionnable ({b_fr})\u{a0}; employées seules ou ensemble, elles ne peuvent dépasser 80\u{a0}% ({c_fr})\u{a0}: {o_fr} de trop", names.join(", ")),
            format!("State grants together ({}): {s_en}, i.e. {p_en} of the eligible expense ({b_en}); alone or together they may not exceed 80% ({c_en}): {o_en} too much", names_en.join(", ")),
        )
    } else {
        let (w_fr, w_en) = money2(Money(widest));
        (
            format!("Dotations de l'État ensemble ({})\u{a0}: {s_fr}, soit {p_fr} de la plus grande de leurs assiettes ({b_fr})\u{a0}; le plafond de 80\u{a0}% n'est respecté que si elles financent des dépenses distinctes (jusqu'à {w_fr})\u{a0}: précisez la dépense subventionnable commune", names.join(", ")),
            format!("State grants together ({}): {s_en}, i.e. {p_en} of the largest of their bases ({b_en}); the 80% ceiling holds only if they fund separate expenses (up to {w_en}): state their common eligible expense", names_en.join(", ")),
        )
    };
    Some(Verdict {
        code: FindingCode::StateGrantsAboveCap,
        severity,
        field: None,
        message: (message_fr, message_en),
        computation: (
            format!("{} = {s_fr}\u{a0}; dépense subventionnable = {b_fr}\u{a0}; plafond 80\u{a0}% de {b_fr} = {c_fr}\u{a0}; dépassement {o_fr}", parts_fr.join(" + ")),
            format!("{} = {s_en}; eligible expense = {b_en}; ceiling 80% of {b_en} = {c_en}; excess {o_en}", parts_en.join(" + ")),
        ),
        figures: Figures {
            amount: Some(Money(sum)),
            reference: Some(Money(base)),
            percent: Some(p),
            limit: Some(cap),
            difference: Some(over),
            ..Default::default()
        },
    })
}
