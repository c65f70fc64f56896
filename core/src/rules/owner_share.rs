//! The owner's minimum share, CGCT art. L1111-10 III (version in force
//! since 31 March 2024): a local authority or grouping that owns an
//! investment operation funds at least 20 % of the total funding brought by
//! public persons, its own share included.
//!
//! With `aid` the public aid to the investment and `own` the owner's share
//! ([`PlanFigures::owner_share`]), the public total is `aid + own`; the rule
//! holds when `own × 100 ≥ (aid + own) × 20`, in integer cents. What is
//! missing is the minimum (20 % of the public total, rounded up to the
//! cent) less `own`: the money to move from a grant to the owner's share.
//!
//! The owner's share is what the plan states (own funds, loans and
//! advances). When the plan does not cover the cost and the rest, if the
//! owner brought it, would reach the minimum, a blocking verdict becomes a
//! warning that says so: the plan is not finished.
//!
//! When the share falls short, the verdict depends on the owner and the
//! exception declared on the project (see [`super::catalogue`]):
//! - a private owner (association, cooperative, company…): information;
//! - a town of Guadeloupe, Guyane, La Réunion, Martinique, Mayotte,
//!   Saint-Barthélemy, Saint-Martin or Saint-Pierre-et-Miquelon: information;
//! - an urban renewal operation (loi 2003-710, art. 9): information;
//! - a protected monument or a public calamity: warning (the préfet may
//!   grant a derogation);
//! - energy renovation of school buildings: warning down to 10 % (the
//!   préfet may lower the minimum to 10 %), blocking below;
//! - otherwise: blocking.

use super::{
    money2, percent, share_up, Context, Finding, FindingCode, PlanFigures, Severity, Verdict,
};
use crate::model::{Derogation, Money, OwnerKind};

/// The minimum share, in percent of the public funding.
pub const MINIMUM_PERCENT: i64 = 20;
/// The minimum the préfet may set for the energy renovation of school
/// buildings (loi n° 2024-279 du 29 mars 2024).
pub const SCHOOL_RENOVATION_MINIMUM_PERCENT: i64 = 10;

/// True for a commune of the overseas authorities the article leaves out:
/// Guadeloupe (971), Martinique (972), Guyane (973), La Réunion (974),
/// Saint-Pierre-et-Miquelon (975), Mayotte (976), Saint-Barthélemy (977)
/// and Saint-Martin (978).
pub fn is_excluded_overseas(insee: &str) -> bool {
    let s = insee.trim();
    s.len() == 5 && s.starts_with("97") && matches!(s.as_bytes()[2], b'1'..=b'8')
}

/// The rule's answer in one sentence, for a document that states the plan
/// (the plan de financement, the application form): the finding's message
/// when the share falls short (with its severity), otherwise the share and
/// "respected". `None` when the plan has no public aid to the investment
/// (the rule has nothing to measure).
pub fn statement(
    detail: &crate::model::ProjectDetail,
    figures: &PlanFigures,
    findings: &[Finding],
    lang: crate::Lang,
) -> Option<(String, Option<Severity>)> {
    if let Some(f) = findings
        .iter()
        .find(|f| f.code == FindingCode::OwnerShareBelowMinimum)
    {
        return Some((f.message(lang).to_owned(), Some(f.severity)));
    }
    let (own, total) = (figures.owner_share.cents(), figures.public_funding.cents());
    let fields = &detail.project.fields;
    // The rule binds local authorities outside the overseas ones it names.
    if figures.investment_public_aid.cents() <= 0
        || total <= 0
        || !fields.owner_kind.is_local_authority()
        || is_excluded_overseas(&fields.town_insee)
    {
        return None;
    }
    let (pct_fr, pct_en, _) = percent(own, total, MINIMUM_PERCENT);
    let (own_fr, own_en) = money2(figures.owner_share);
    let (total_fr, total_en) = money2(figures.public_funding);
    Some((
        lang.pick(
            &format!("Participation du maître d'ouvrage\u{a0}: {own_fr}, soit {pct_fr} des {total_fr} de financements publics\u{a0}; le minimum de 20\u{a0}% (CGCT, art.\u{a0}L1111-10\u{a0}III) est respecté"),
            &format!("Owner's share: {own_en}, i.e. {pct_en} of the {total_en} of public funding; the 20% minimum (CGCT art. L1111-10 III) is met"),
        )
        .to_owned(),
        None,
    ))
}

fn meets(own: i64, public_total: i64, rate: i64) -> bool {
    i128::from(own) * 100 >= i128::from(public_total) * i128::from(rate)
}

/// The verdict of the rule on one project, if the share falls short.
pub fn check(cx: &Context) -> Vec<Verdict> {
    let f = cx.figures;
    let fields = &cx.detail.project.fields;
    let (own, aid, total) = (
        f.owner_share.cents(),
        f.investment_public_aid.cents(),
        f.public_funding.cents(),
    );
    if aid <= 0 || total <= 0 || meets(own, total, MINIMUM_PERCENT) {
        return Vec::new();
    }
    let minimum = share_up(total, MINIMUM_PERCENT);
    let missing = Money(minimum.cents() - own);
    // The minimum that can still apply: 10 % where the préfet may lower it
    // for the energy renovation of school buildings, 20 % otherwise.
    let floor_rate = if fields.derogation == Derogation::SchoolEnergyRenovation {
        SCHOOL_RENOVATION_MINIMUM_PERCENT
    } else {
        MINIMUM_PERCENT
    };
    // The share shown never hides which side of the minimum at issue it is.
    let shown_rate = if meets(own, total, floor_rate) {
        MINIMUM_PERCENT
    } else {
        floor_rate
    };
    let (pct_fr, pct_en, pct) = percent(own, total, shown_rate);
    let (own_m, aid_m, total_m) = (Money(own), Money(aid), Money(total));
    let (own_fr, own_en) = money2(own_m);
    let (aid_fr, aid_en) = money2(aid_m);
    let (total_fr, total_en) = money2(total_m);
    let (min_fr, min_en) = money2(minimum);
    let (missing_fr, missing_en) = money2(missing);
    let owner_fr = match fields.owner_kind {
        OwnerKind::Commune => "de la commune",
        OwnerKind::Epci => "de l'intercommunalité",
        _ => "du maître d'ouvrage",
    };
    let owner_en = match fields.owner_kind {
        OwnerKind::Commune => "the town",
        OwnerKind::Epci => "the intercommunality",
        _ => "the owner",
    };
    // The computation, in figures.
    let mut computation_fr = format!(
        "Aides publiques\u{a0}: {aid_fr}\u{a0}; participation {owner_fr}\u{a0}: {own_fr}\u{a0}; minimum 20\u{a0}% de {total_fr} = {min_fr}\u{a0}; il manque {missing_fr}"
    );
    let mut computation_en = format!(
        "Public aid: {aid_en}; share of {owner_en}: {own_en}; minimum 20% of {total_en} = {min_en}; {missing_en} short"
    );
    let mut details_fr = Vec::new();
    let mut details_en = Vec::new();
    if f.unfunded.cents() > 0 {
        let (u_fr, u_en) = money2(f.unfunded);
        details_fr.push(format!("{u_fr} restent à financer, hors du calcul"));
        details_en.push(format!("{u_en} remain unfunded, outside the computation"));
    }
    if f.private_money.cents() > 0 {
        let (p_fr, p_en) = money2(f.private_money);
        details_fr.push(format!("{p_fr} d'argent privé hors du total public"));
        details_en.push(format!("{p_en} of private money outside the public total"));
    }
    if f.operating_left_out.cents() > 0 {
        let (o_fr, o_en) = money2(f.operating_left_out);
        details_fr.push(format!("{o_fr} de fonctionnement hors calcul"));
        details_en.push(format!("{o_en} of operating lines left out"));
    }
    if !details_fr.is_empty() {
        computation_fr.push_str(&format!(" ({})", details_fr.join("\u{a0}; ")));
        computation_en.push_str(&format!(" ({})", details_en.join("; ")));
    }
    let short_fr = format!(
        "Participation du maître d'ouvrage\u{a0}: {own_fr}, soit {pct_fr} des {total_fr} de financements publics\u{a0}; le minimum est de 20\u{a0}% ({min_fr}), il manque {missing_fr}"
    );
    let short_en = format!(
        "Owner's share: {own_en}, i.e. {pct_en} of the {total_en} of public funding; the minimum is 20% ({min_en}), {missing_en} short"
    );
    let (severity, message_fr, message_en) = if !fields.owner_kind.is_local_authority() {
        (
            Severity::Info,
            format!("{short_fr}. La règle ne lie que les collectivités et leurs groupements\u{a0}: elle ne s'applique pas à ce maître d'ouvrage privé"),
            format!("{short_en}. The rule binds local authorities and their groupings only: it does not apply to this private owner"),
        )
    } else if is_excluded_overseas(&fields.town_insee) {
        (
            Severity::Info,
            format!("{short_fr}. L'article exclut les collectivités et groupements de Guadeloupe, de Guyane, de La Réunion, de Martinique, de Mayotte, de Saint-Barthélemy, de Saint-Martin et de Saint-Pierre-et-Miquelon\u{a0}: la règle ne s'applique pas ici"),
            format!("{short_en}. The article leaves out the authorities of Guadeloupe, French Guiana, La Réunion, Martinique, Mayotte, Saint-Barthélemy, Saint-Martin and Saint-Pierre-et-Miquelon: the rule does not apply here"),
        )
    } else {
        match fields.derogation {
            Derogation::UrbanRenewal2003 => (
                Severity::Info,
                format!("{short_fr}. Opération de rénovation urbaine (art.\u{a0}9 de la loi n°\u{a0}2003-710)\u{a0}: la participation minimale ne s'applique pas"),
                format!("{short_en}. Urban renewal operation (art. 9 of law no. 2003-710): the minimum share does not apply"),
            ),
            Derogation::ProtectedMonument => (
                Severity::Warning,
                format!("{short_fr}. Monument protégé au titre du code du patrimoine\u{a0}: une dérogation peut être accordée par le représentant de l'État dans le département (le préfet)\u{a0}; joignez-la au dossier"),
                format!("{short_en}. Monument protected under the heritage code: a derogation may be granted by the State's representative in the département (the préfet); attach it to the file"),
            ),
            Derogation::PublicCalamity => (
                Severity::Warning,
                format!("{short_fr}. Réparation des dégâts d'une calamité publique\u{a0}: une dérogation peut être accordée par le représentant de l'État dans le département (le préfet), au vu des dégâts et de la capacité financière du maître d'ouvrage\u{a0}; joignez-la au dossier"),
                format!("{short_en}. Repair of damage caused by a public calamity: a derogation may be granted by the State's representative in the département (the préfet), given the damage and the owner's financial capacity; attach it to the file"),
            ),
            Derogation::UnprotectedHeritage => (
                Severity::Warning,
                format!("{short_fr}. Patrimoine non protégé\u{a0}: le représentant de l'État dans le département (le préfet) peut accorder une dérogation s'il l'estime justifiée par l'urgence, la nécessité publique ou la capacité financière du maître d'ouvrage (loi n°\u{a0}2019-1461, art.\u{a0}82)\u{a0}; joignez-la au dossier"),
                format!("{short_en}. Unprotected heritage: the State's representative in the département (the préfet) may grant a derogation where urgency, public necessity or the owner's financial capacity justify it (law no. 2019-1461, art. 82); attach it to the file"),
            ),
            Derogation::SchoolEnergyRenovation
                if meets(own, total, SCHOOL_RENOVATION_MINIMUM_PERCENT) =>
            {
                let floor = share_up(total, SCHOOL_RENOVATION_MINIMUM_PERCENT);
                let (fl_fr, fl_en) = money2(floor);
                (
                    Severity::Warning,
                    format!("{short_fr}. Rénovation énergétique de bâtiments scolaires\u{a0}: le représentant de l'État dans le département (le préfet) peut fixer le minimum à 10\u{a0}% ({fl_fr}), que la participation atteint (loi n°\u{a0}2024-279)\u{a0}; joignez sa décision au dossier"),
                    format!("{short_en}. Energy renovation of school buildings: the State's representative in the département (the préfet) may set the minimum at 10\u{a0}% ({fl_en}), which the share reaches (law no. 2024-279); attach the decision to the file"),
                )
            }
            Derogation::SchoolEnergyRenovation => {
                let floor = share_up(total, SCHOOL_RENOVATION_MINIMUM_PERCENT);
                let (fl_fr, fl_en) = money2(floor);
                let (m_fr, m_en) = money2(Money(floor.cents() - own));
                computation_fr.push_str(&format!("\u{a0}; minimum abaissé possible\u{a0}: 10\u{a0}% = {fl_fr}, il manque encore {m_fr}"));
                computation_en.push_str(&format!("; lowered minimum possible: 10 % = {fl_en}, still {m_en} short"));
                (
                    Severity::Blocking,
                    format!("{short_fr}. Même abaissé à 10\u{a0}% par le préfet pour la rénovation énergétique de bâtiments scolaires, le minimum ({fl_fr}) n'est pas atteint\u{a0}: il manque {m_fr}"),
                    format!("{short_en}. Even lowered to 10\u{a0}% by the préfet for the energy renovation of school buildings, the minimum ({fl_en}) is not reached: {m_en} short"),
                )
            }
            Derogation::NoDerogation => (
                Severity::Blocking,
                short_fr.clone(),
                short_en.clone(),
            ),
        }
    };
    // An unfinished plan whose unfunded rest, brought by the owner, would
    // reach the minimum: not blocking yet.
    let unfunded = f.unfunded.cents();
    let (severity, message_fr, message_en) = if severity == Severity::Blocking
        && unfunded > 0
        && meets(own + unfunded, total + unfunded, floor_rate)
    {
        let (u_fr, u_en) = money2(f.unfunded);
        (
            Severity::Warning,
            format!("{message_fr}. Le plan ne couvre pas le coût\u{a0}: si le maître d'ouvrage apporte les {u_fr} qui restent à financer, le minimum est atteint"),
            format!("{message_en}. The plan does not cover the cost: if the owner brings the {u_en} left to fund, the minimum is reached"),
        )
    } else {
        (severity, message_fr, message_en)
    };
    vec![Verdict {
        code: FindingCode::OwnerShareBelowMinimum,
        severity,
        field: None,
        message: (message_fr, message_en),
        computation: (computation_fr, computation_en),
        figures: super::Figures {
            amount: Some(own_m),
            reference: Some(total_m),
            percent: Some(pct),
            limit: Some(minimum),
            difference: Some(missing),
            ..Default::default()
        },
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overseas_towns_are_recognised_by_their_insee_code() {
        for (insee, excluded) in [
            ("97101", true),  // Guadeloupe
            ("97209", true),  // Martinique
            ("97302", true),  // Guyane
            ("97411", true),  // La Réunion
            ("97502", true),  // Saint-Pierre-et-Miquelon
            ("97611", true),  // Mayotte
            ("97701", true),  // Saint-Barthélemy
            ("97801", true),  // Saint-Martin
            ("98818", false), // Nouvelle-Calédonie: another code
            ("29024", false),
            ("2A004", false),
        ] {
            assert_eq!(is_excluded_overseas(insee), excluded, "{insee}");
        }
    }
}
