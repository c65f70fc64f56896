//! Fonds de concours between an EPCI and its member communes, CGCT art.
//! L5214-16 V (communautés de communes), L5216-5 VI (communautés
//! d'agglomération) and L5215-26 (communautés urbaines): "le montant total
//! des fonds de concours ne peut excéder la part du financement assurée,
//! hors subventions, par le bénéficiaire du fonds de concours".
//!
//! The beneficiary is the owner; its share excluding grants is its own
//! funds and borrowing as the plan states them. When the plan leaves part
//! of the cost unfunded and that part, brought by the owner, would cover
//! the excess, the verdict is a warning rather than blocking. The fonds de concours are the lines whose scheme
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
    // costs too): its own funds and borrowing, as the plan states them.
    let f = cx.figures;
    let share = f.own_funds.cents() + f.borrowing.cents();
    if fdc <= share {
        return Vec::new();
    }
    // An unfinished plan whose unfunded rest, brought by the owner, would
    // cover the fonds de concours: a warning.
    let unfinished = f.unfunded.cents() > 0 && fdc <= share + f.unfunded.cents();
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
    let mut message = (
        format!("Fonds de concours\u{a0}: {fdc_fr}, plus que la part assurée hors subventions par {who_fr} ({s_fr})\u{a0}; le fonds de concours ne peut pas la dépasser\u{a0}: {o_fr} de trop"),
        format!("Fonds de concours: {fdc_en}, more than the share {who_en} provides itself excluding grants ({s_en}); the fonds de concours may not exceed it: {o_en} too much"),
    );
    if unfinished {
        let (u_fr, u_en) = money2(f.unfunded);
        message.0.push_str(&format!(". Le plan ne couvre pas le coût\u{a0}: si {who_fr} apporte les {u_fr} qui restent à financer, la règle est respectée"));
        message.1.push_str(&format!(". The plan does not cover the cost: if {who_en} brings the {u_en} left to fund, the rule is met"));
    }
    vec![Verdict {
        code: FindingCode::FondsDeConcoursAboveShare,
        severity: if unfinished {
            Severity::Warning
        } else {
            Severity::Blocking
        },
        field,
        message,
        computation: (
            format!("Fonds de concours = {fdc_fr}\u{a0}; part du bénéficiaire hors subventions (fonds propres, emprunts) = {s_fr}\u{a0}; dépassement {o_fr}"),
            format!("Fonds de concours = {fdc_en}; beneficiary's share excluding grants (own funds, borrowing) = {s_en}; excess {o_en}"),
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
