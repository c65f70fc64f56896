//! A project's plan as the project page shows it: its figures
//! ([`PlanFigures`], computed by the rules module) and its findings.

use super::{check_with_figures, Finding, PlanFigures};
use crate::model::{FundingScheme, ProjectDetail, SchemeCall};
use chrono::NaiveDate;
use serde::Serialize;

/// What a funding plan adds up to, and what the rules say of it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PlanSummary {
    pub figures: PlanFigures,
    /// The plan's findings, blocking first.
    pub findings: Vec<Finding>,
}

/// Adds up a project's plan and checks it on `today`.
pub fn summarize(
    detail: &ProjectDetail,
    schemes: &[FundingScheme],
    calls: &[SchemeCall],
    today: NaiveDate,
) -> PlanSummary {
    let figures = PlanFigures::of(detail);
    let findings = check_with_figures(detail, &figures, schemes, calls, today);
    PlanSummary { figures, findings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::rules::{FindingCode, Severity};

    #[test]
    fn the_demo_s_85_percent_plan_adds_up() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        crate::desk::ensure_reference(&mut store).unwrap();
        crate::exchange::load_demo(&mut store, chrono::Utc::now()).unwrap();
        let detail = store.project_detail(9).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let s = summarize(&detail, &store.funding_schemes().unwrap(), &[], today);
        let f = &s.figures;
        assert_eq!(f.basis, Some(Money::euros(690_000)), "the cost excl. VAT");
        assert_eq!(f.public_aid, Money::euros(586_500), "85 % public aid");
        assert_eq!(f.public_share_percent, Some(85.0));
        assert_eq!(f.owner_share, Money::euros(103_500), "the town's own funds");
        assert_eq!(f.public_funding, Money::euros(690_000), "586 500 + 103 500");
        assert_eq!(f.owner_share_percent, Some(15.0), "the town carries 15 %");
        let l1111 = s
            .findings
            .iter()
            .find(|x| x.code == FindingCode::OwnerShareBelowMinimum)
            .expect("the minimum share is reported");
        assert_eq!(l1111.severity, Severity::Blocking);
        assert_eq!(
            l1111.figures.difference,
            Some(Money::euros(34_500)),
            "20% of 690 000 = 138 000; 138 000 − 103 500"
        );
    }
}
