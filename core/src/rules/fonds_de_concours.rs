//! Fonds de concours between an EPCI and its member communes, CGCT art.
//! L5214-16 V (communautés de communes), L5216-5 VI (communautés
//! d'agglomération) and L5215-26 (communautés urbaines): "le montant total
//! des fonds de concours ne peut excéder la part du financement assurée,
//! hors subventions, par le bénéficiaire du fonds de concours".
//!
//! The beneficiary is the owner; its share excluding grants is
//! [`PlanFigures::owner_share`](super::PlanFigures) (own funds, borrowing,
//! what remains unfunded). The fonds de concours are the lines whose scheme
//! names one ([`super::schemes`]), whatever their nature: the article lets
//! them fund the building or the running of a facility.

use super::schemes::{recognise, Named};
use super::{money2, Context, Figures, FindingCode, Severity, Verdict};
use crate::model::{Money, OwnerKind};

/// The verdict of the rule on one project.
pub fn check(cx: &Context) -> Vec<Verdict> {
    let owner = cx.detail.project.fields.owner_kind;
    if !matches!(owner, OwnerKind::Commune | OwnerKind::Epci) {
        return Vec::new();
    }
    let lines: Vec<(usize, i64)> = cx
        .detail
        .lines
        .funding_lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.scheme.as_deref().and_then(recognise) == Some(Named::FondsDeConcours))
        .map(|(i, l)| (i, l.planned_amount().cents()))
        .filter(|(_, a)| *a > 0)
        .collect();
    let fdc: i64 = lines.iter().map(|(_, a)| a).sum();
    // The owner's share, every nature (a fonds de concours may fund running
    // costs too): its own funds and borrowing, and what is unfunded.
    let f = cx.figures;
    let share = f.own_funds.cents() + f.borrowing.cents() + f.unfunded.cents();
    if fdc <= share {
        return Vec::new();
    }
    let over = Money(fdc - share);
    let (fdc_fr, fdc_en) = money2(Money(fdc));
    let (s_fr, s_en) = money2(Money(share));
    let (o_fr, o_en) = money2(over);
    let (who_fr, who_en) = if owner == OwnerKind::Commune {
        ("la commune", "the town")
    } else {
        ("l'intercommunalité", "the intercommunality")
    };
    let field = (lines.len() == 1).then(|| format!("funding_lines[{}]", lines[0].0));
    vec![Verdict {
        code: FindingCode::FondsDeConcoursAboveShare,
        severity: Severity::Blocking,
        field,
        message: (
            format!("Fonds de concours\u{a0}: {fdc_fr}, plus que la part assurée hors subventions par {who_fr} ({s_fr})\u{a0}; le fonds de concours ne peut pas la dépasser\u{a0}: {o_fr} de trop"),
            format!("Fonds de concours: {fdc_en}, more than the share {who_en} provides itself excluding grants ({s_en}); the fonds de concours may not exceed it: {o_en} too much"),
        ),
        computation: (
            format!("Fonds de concours = {fdc_fr}\u{a0}; part du bénéficiaire hors subventions (fonds propres, emprunts, reste à financer) = {s_fr}\u{a0}; dépassement {o_fr}"),
            format!("Fonds de concours = {fdc_en}; beneficiary's share excluding grants (own funds, borrowing, unfunded rest) = {s_en}; excess {o_en}"),
        ),
        figures: Figures {
            amount: Some(Money(fdc)),
            reference: Some(Money(share)),
            limit: Some(Money(share)),
            difference: Some(over),
            ..Default::default()
        },
    }]
}
