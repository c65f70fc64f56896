//! The figures of one project's funding plan, as the project page and the
//! briefs show them: total, public aid and its share, the town's own share,
//! what is secured, and the readiness findings.

use super::readiness::{basis, check_project, is_public_aid, Basis, Finding};
use super::SchemeCall;
use crate::model::{FundingScheme, FundingStatus, Money, ProjectDetail};
use chrono::NaiveDate;
use serde::Serialize;

/// What a funding plan adds up to.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PlanSummary {
    /// What the plan is compared with: the cost excl. VAT (incl. VAT when
    /// every line is incl. VAT), or the largest eligible base when no cost is set.
    pub basis: Option<Money>,
    /// True when `basis` is the cost incl. VAT.
    pub basis_incl_vat: bool,
    /// Sum of every line's planned amount (refused lines count nothing).
    pub total_planned: Money,
    /// Grants and engineering from public funders.
    pub public_aid: Money,
    /// `public_aid` in percent of `basis`, two decimals.
    pub public_share_percent: Option<f64>,
    /// What the town must carry itself: `basis` minus public aid (at least 0).
    pub self_funding: Option<Money>,
    /// `self_funding` in percent of `basis`, two decimals.
    pub self_funding_percent: Option<f64>,
    /// Awarded, partially paid or paid.
    pub secured: Money,
    /// `basis` minus `total_planned` (negative when the plan exceeds it).
    pub gap: Option<Money>,
    /// The plan's readiness findings, blocking first.
    pub findings: Vec<Finding>,
}

fn pct(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| (num as f64 * 10_000.0 / den as f64).round() / 100.0)
}

/// Adds up a project's plan on `today`.
pub fn summarize(
    detail: &ProjectDetail,
    schemes: &[FundingScheme],
    calls: &[SchemeCall],
    today: NaiveDate,
) -> PlanSummary {
    let lines = &detail.lines.funding_lines;
    let b = basis(detail);
    let base = match b {
        Basis::CostExclVat(m) | Basis::CostInclVat(m) | Basis::LargestEligibleBase(m) => Some(m),
        Basis::Unknown => None,
    };
    let total: i64 = lines.iter().map(|l| l.planned_amount().cents()).sum();
    let aid: i64 = lines
        .iter()
        .filter(|l| is_public_aid(l))
        .map(|l| l.planned_amount().cents())
        .sum();
    let secured: i64 = lines
        .iter()
        .filter(|l| {
            matches!(
                l.status,
                FundingStatus::Awarded | FundingStatus::PartiallyPaid | FundingStatus::Paid
            )
        })
        .map(|l| l.planned_amount().cents())
        .sum();
    let self_funding = base.map(|m| Money((m.cents() - aid).max(0)));
    PlanSummary {
        basis: base,
        basis_incl_vat: matches!(b, Basis::CostInclVat(_)),
        total_planned: Money(total),
        public_aid: Money(aid),
        public_share_percent: base.and_then(|m| pct(aid, m.cents())),
        self_funding,
        self_funding_percent: base
            .zip(self_funding)
            .and_then(|(m, s)| pct(s.cents(), m.cents())),
        secured: Money(secured),
        gap: b.cost().map(|m| Money(m.cents() - total)),
        findings: check_project(detail, schemes, calls, today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn the_demo_s_85_percent_plan_adds_up() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        store.ensure_reference().unwrap();
        crate::exchange::load_demo(&mut store, chrono::Utc::now()).unwrap();
        let detail = store.project_detail(9).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let s = summarize(&detail, &store.funding_schemes().unwrap(), &[], today);
        assert_eq!(
            s.basis,
            Some(Money::euros(690_000)),
            "compared with the cost excl. VAT"
        );
        assert_eq!(s.public_aid, Money::euros(586_500), "85 % public aid");
        assert_eq!(s.public_share_percent, Some(85.0));
        assert_eq!(s.self_funding_percent, Some(15.0), "the town carries 15 %");
        assert!(
            s.findings
                .iter()
                .any(|f| f.code.as_str() == "public_aid_above_cap"),
            "the 80 % rule is reported: {:?}",
            s.findings
        );
    }

    #[test]
    fn an_empty_plan_has_no_shares() {
        let detail = ProjectDetail {
            project: Project {
                id: 1,
                uid: "u".into(),
                fields: ProjectFields {
                    town_insee: "29024".into(),
                    title: "t".into(),
                    ..Default::default()
                },
                created_at: chrono::Utc::now(),
                updated_at: chrono::Utc::now(),
            },
            lines: ProjectLines::default(),
        };
        let s = summarize(
            &detail,
            &[],
            &[],
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        assert_eq!(
            (s.basis, s.public_share_percent, s.gap),
            (None, None, None),
            "no cost, no base, no share"
        );
        assert_eq!(s.total_planned, Money(0));
    }
}
