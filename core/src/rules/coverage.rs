//! A forecast funding plan balances expenses and receipts (good practice,
//! and what every funder's form asks). The total against the cost: below,
//! blocking from the council decision (stage 4) on and a warning before;
//! above, a warning. No plan: a warning at stage 3 (feasibility and funding
//! plan), blocking at stage 4. The cost unknown while the plan has lines:
//! information.

use super::{money2, percent, Context, Figures, FindingCode, Severity, Verdict};
use crate::model::{Money, Stage};

/// The verdicts of the rule on one project.
pub fn check(cx: &Context) -> Vec<Verdict> {
    let f = cx.figures;
    let stage = cx.detail.project.fields.stage;
    let lines = &cx.detail.lines.funding_lines;
    if lines.is_empty() {
        let severity = match stage.number() {
            3 => Severity::Warning,
            4 => Severity::Blocking,
            _ => return Vec::new(),
        };
        return vec![Verdict {
            code: FindingCode::NoFundingPlan,
            severity,
            field: None,
            message: if severity == Severity::Blocking {
                (
                    "Le projet est à l'étape «\u{a0}Décision du conseil\u{a0}» sans plan de financement\u{a0}: le conseil ne peut pas délibérer sur son financement".into(),
                    "The project is at the council decision stage with no funding plan: the council cannot vote on its funding".into(),
                )
            } else {
                (
                    "Aucun plan de financement n'est inscrit alors que le projet est à l'étape «\u{a0}Faisabilité et plan de financement\u{a0}»".into(),
                    "No funding plan has been entered while the project is at the feasibility and funding plan stage".into(),
                )
            },
            computation: (
                format!("0 ligne de financement à l'étape {}", stage.number()),
                format!("0 funding lines at stage {}", stage.number()),
            ),
            figures: Figures::default(),
        }];
    }
    let total = f.total_planned;
    let (t_fr, t_en) = money2(total);
    let Some(cost) = f.cost else {
        return vec![Verdict {
            code: FindingCode::CostUnknown,
            severity: Severity::Info,
            field: None,
            message: (
                format!("Coût du projet non renseigné\u{a0}: le plan de financement ({t_fr}) ne peut pas être comparé au coût"),
                format!("The project's cost is missing: the funding plan ({t_en}) cannot be compared with it"),
            ),
            computation: (
                format!("Financements = {t_fr}\u{a0}; coût = non renseigné"),
                format!("Funding = {t_en}; cost = missing"),
            ),
            figures: Figures {
                amount: Some(total),
                ..Default::default()
            },
        }];
    };
    let (of_fr, of_en) = f.basis_words();
    let (c_fr, c_en) = money2(cost);
    let (pct_fr, pct_en, pct) = percent(total.cents(), cost.cents(), 100);
    let figures = |difference| Figures {
        amount: Some(total),
        reference: Some(cost),
        percent: Some(pct),
        limit: Some(cost),
        difference: Some(difference),
        ..Default::default()
    };
    if total < cost {
        let gap = Money(cost.cents() - total.cents());
        let (g_fr, g_en) = money2(gap);
        let severity = if stage >= Stage::COUNCIL_DECISION {
            Severity::Blocking
        } else {
            Severity::Warning
        };
        vec![Verdict {
            code: FindingCode::PlanBelowCost,
            severity,
            field: None,
            message: (
                format!("Plan de financement incomplet\u{a0}: {t_fr} de financements, soit {pct_fr} {of_fr} ({c_fr})\u{a0}; il manque {g_fr}"),
                format!("Incomplete funding plan: {t_en} of funding, i.e. {pct_en} {of_en} ({c_en}); {g_en} is missing"),
            ),
            computation: (
                format!("Coût {c_fr} − financements {t_fr} = {g_fr} à trouver"),
                format!("Cost {c_en} − funding {t_en} = {g_en} to find"),
            ),
            figures: figures(gap),
        }]
    } else if total > cost {
        let over = Money(total.cents() - cost.cents());
        let (o_fr, o_en) = money2(over);
        vec![Verdict {
            code: FindingCode::PlanAboveCost,
            severity: Severity::Warning,
            field: None,
            message: (
                format!("Plan de financement supérieur au coût\u{a0}: {t_fr} de financements, soit {pct_fr} {of_fr} ({c_fr})\u{a0}; {o_fr} de trop"),
                format!("Funding plan above the cost: {t_en} of funding, i.e. {pct_en} {of_en} ({c_en}), {o_en} too much"),
            ),
            computation: (
                format!("Financements {t_fr} − coût {c_fr} = {o_fr} de trop"),
                format!("Funding {t_en} − cost {c_en} = {o_en} too much"),
            ),
            figures: figures(over),
        }]
    } else {
        Vec::new()
    }
}
