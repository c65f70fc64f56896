//! The figures of one project's funding plan, computed here and nowhere
//! else: the window's plan panel, the CLI, the briefs and every rule read
//! them from [`PlanFigures::of`].
//!
//! Each line counts for [`FundingLine::planned_amount`] (awarded, else
//! requested, else paid; a refused line counts for nothing). A line is:
//! - the owner's own money when its funder is `own_funds`, or when it is a
//!   loan or a repayable advance, whoever lends: the owner repays it;
//! - private money when its funder is `private` (sponsorship, Fondation du
//!   patrimoine subscriptions, citizen shares, company contributions);
//! - public aid otherwise: a grant or engineering from the State, the
//!   Region, the Département, the EPCI, the European Union or the Banque
//!   des Territoires (Caisse des dépôts, a public body).

use crate::model::{ExpenseNature, Funder, FundingKind, FundingLine, Money, ProjectDetail};
use serde::{Deserialize, Serialize};

/// Where a line's money comes from, for the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The owner's own funds, loans and repayable advances.
    Owner,
    /// Sponsorship and other private money.
    Private,
    /// Grants and engineering from public persons.
    Public,
}

/// The source of a line's money (see the module's rules).
pub fn source(l: &FundingLine) -> Source {
    if l.funder == Funder::OwnFunds
        || matches!(l.kind, FundingKind::Loan | FundingKind::RepayableAdvance)
    {
        Source::Owner
    } else if l.funder == Funder::Private {
        Source::Private
    } else {
        Source::Public
    }
}

/// What the plan is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum BasisKind {
    /// The cost excluding VAT.
    CostExclVat,
    /// The cost including VAT: every line is stated incl. VAT.
    CostInclVat,
    /// No cost: the largest eligible base of the lines (the bases of
    /// several funders overlap; adding them would count the project twice).
    LargestEligibleBase,
}

/// What a funding plan adds up to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PlanFigures {
    /// What the plan is compared with, and which figure it is.
    pub basis: Option<Money>,
    pub basis_kind: Option<BasisKind>,
    /// The cost the plan must cover (`basis` unless it is an eligible base).
    pub cost: Option<Money>,
    /// Sum of every line's planned amount.
    pub total_planned: Money,
    /// Grants and engineering from public persons (every line).
    pub public_aid: Money,
    /// `public_aid` in percent of `basis`, two decimals.
    pub public_share_percent: Option<f64>,
    /// Sponsorship and other private money.
    pub private_money: Money,
    /// Lines of the owner's own funds.
    pub own_funds: Money,
    /// Loans and repayable advances (the owner repays them).
    pub borrowing: Money,
    /// What the plan leaves unfunded: `cost` minus the total, at least 0.
    /// The owner carries it unless another funder is found.
    pub unfunded: Money,
    /// `cost` minus the total (negative when the plan exceeds the cost).
    pub gap: Option<Money>,
    /// Awarded, partially paid or paid.
    pub secured: Money,
    /// True when some lines are with VAT and others without.
    pub mixed_vat: bool,
    /// The owner's share of the investment (CGCT art. L1111-10 III): its
    /// own funds and borrowing on investment lines, as the plan states them
    /// (`unfunded` is not presumed to be the owner's).
    pub owner_share: Money,
    /// Public aid on investment lines.
    pub investment_public_aid: Money,
    /// The total funding brought by public persons to the investment, the
    /// owner's share included: the base of the owner's minimum share.
    pub public_funding: Money,
    /// `owner_share` in percent of `public_funding`, two decimals.
    pub owner_share_percent: Option<f64>,
    /// Operating lines, left out of the owner's share computation.
    pub operating_left_out: Money,
    /// What stays with the owner's budget: its own funds, its borrowing and
    /// the unfunded rest (`own_funds + borrowing + unfunded`).
    pub owner_burden: Money,
}

fn pct(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| {
        ((i128::from(num) * 20_000 + i128::from(den)) / (2 * i128::from(den))) as f64 / 100.0
    })
}

impl PlanFigures {
    /// The figures of `detail`'s plan.
    pub fn of(detail: &ProjectDetail) -> PlanFigures {
        let f = &detail.project.fields;
        let lines = &detail.lines.funding_lines;
        let all_incl_vat = !lines.is_empty() && lines.iter().all(|l| l.amounts_incl_vat);
        let (basis, basis_kind) = match (all_incl_vat, f.cost_incl_vat, f.cost_excl_vat) {
            (true, Some(ttc), _) if ttc.cents() > 0 => (Some(ttc), Some(BasisKind::CostInclVat)),
            (_, _, Some(ht)) if ht.cents() > 0 => (Some(ht), Some(BasisKind::CostExclVat)),
            _ => match lines
                .iter()
                .filter_map(|l| l.eligible_base_excl_vat)
                .filter(|b| b.cents() > 0)
                .max()
            {
                Some(b) => (Some(b), Some(BasisKind::LargestEligibleBase)),
                None => (None, None),
            },
        };
        let cost = basis.filter(|_| basis_kind != Some(BasisKind::LargestEligibleBase));
        let sum = |keep: &dyn Fn(&FundingLine) -> bool| -> i64 {
            lines
                .iter()
                .filter(|l| keep(l))
                .map(|l| l.planned_amount().cents())
                .sum()
        };
        let invest = |l: &FundingLine| l.nature == ExpenseNature::Investment;
        let total = sum(&|_| true);
        let unfunded = cost.map_or(0, |c| (c.cents() - total).max(0));
        let owner_invest = sum(&|l| invest(l) && source(l) == Source::Owner);
        let owner_share = owner_invest;
        let investment_public_aid = sum(&|l| invest(l) && source(l) == Source::Public);
        let public_funding = investment_public_aid + owner_share;
        let public_aid = sum(&|l| source(l) == Source::Public);
        PlanFigures {
            basis,
            basis_kind,
            cost,
            total_planned: Money(total),
            public_aid: Money(public_aid),
            public_share_percent: basis.and_then(|b| pct(public_aid, b.cents())),
            private_money: Money(sum(&|l| source(l) == Source::Private)),
            own_funds: Money(sum(&|l| l.funder == Funder::OwnFunds)),
            borrowing: Money(sum(&|l| {
                l.funder != Funder::OwnFunds
                    && matches!(l.kind, FundingKind::Loan | FundingKind::RepayableAdvance)
            })),
            unfunded: Money(unfunded),
            gap: cost.map(|c| Money(c.cents() - total)),
            secured: Money(sum(&|l| l.status.is_secured())),
            mixed_vat: lines.iter().any(|l| l.amounts_incl_vat)
                && lines.iter().any(|l| !l.amounts_incl_vat),
            owner_share: Money(owner_share),
            investment_public_aid: Money(investment_public_aid),
            public_funding: Money(public_funding),
            owner_share_percent: (public_funding > 0)
                .then(|| super::percent(owner_share, public_funding, 20).2),
            operating_left_out: Money(sum(&|l| !invest(l))),
            owner_burden: Money(
                sum(&|l| l.funder == Funder::OwnFunds)
                    + sum(&|l| {
                        l.funder != Funder::OwnFunds
                            && matches!(l.kind, FundingKind::Loan | FundingKind::RepayableAdvance)
                    })
                    + unfunded,
            ),
        }
    }

    /// `m` in percent of the basis (`None` without one).
    pub fn share(&self, m: Money) -> Option<f64> {
        self.basis
            .filter(|b| b.cents() > 0)
            .map(|b| m.cents() as f64 * 100.0 / b.cents() as f64)
    }

    /// The words naming the basis: "du coût HT" / "of the cost excl. VAT".
    pub fn basis_words(&self) -> (&'static str, &'static str) {
        match self.basis_kind {
            Some(BasisKind::CostInclVat) => ("du coût TTC", "of the cost incl. VAT"),
            Some(BasisKind::LargestEligibleBase) => (
                "de la plus grande assiette éligible HT (coût du projet non renseigné)",
                "of the largest eligible base excl. VAT (the project's cost is missing)",
            ),
            _ => ("du coût HT", "of the cost excl. VAT"),
        }
    }
}

/// A line's planned amount in percent of its eligible base, two decimals
/// (`None` without a base, or when the amount is stated incl. VAT). With expense lines, the base is the sum of the
/// lines eligible to it ([`crate::model::eligible_base_of`]), which the
/// store keeps in the line.
pub fn rate_of_base(l: &FundingLine) -> Option<f64> {
    // An amount stated with VAT over a base without it is no rate.
    if l.amounts_incl_vat {
        return None;
    }
    l.eligible_base_excl_vat
        .and_then(|b| pct(l.planned_amount().cents(), b.cents()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn detail(cost: Option<i64>, lines: Vec<FundingLine>) -> ProjectDetail {
        crate::testing::detail("t", cost, lines)
    }

    fn line(funder: Funder, kind: FundingKind, euros: i64) -> FundingLine {
        crate::testing::line(funder, kind, FundingStatus::ToRequest, euros)
    }

    #[test]
    fn the_issue_s_example_splits_private_public_and_own_money() {
        // Cost 100 000, private 40 000, region 50 000, town 10 000.
        let f = PlanFigures::of(&detail(
            Some(100_000),
            vec![
                line(Funder::Private, FundingKind::Grant, 40_000),
                line(Funder::Region, FundingKind::Grant, 50_000),
                line(Funder::OwnFunds, FundingKind::Grant, 10_000),
            ],
        ));
        assert_eq!(f.private_money, Money::euros(40_000));
        assert_eq!(f.public_aid, Money::euros(50_000));
        assert_eq!(f.owner_share, Money::euros(10_000));
        assert_eq!(f.public_funding, Money::euros(60_000), "50 000 + 10 000");
        assert_eq!(f.owner_share_percent, Some(16.67), "10 000 / 60 000");
        assert_eq!(f.unfunded, Money(0));
    }

    #[test]
    fn loans_are_the_owner_s_money_and_the_unfunded_rest_is_apart() {
        // Cost 100 000; DETR 40 000; a 30 000 loan from the Banque des
        // Territoires; 100 000 − 70 000 = 30 000 not yet funded.
        let f = PlanFigures::of(&detail(
            Some(100_000),
            vec![
                line(Funder::State, FundingKind::Grant, 40_000),
                line(Funder::BanqueTerritoires, FundingKind::Loan, 30_000),
            ],
        ));
        assert_eq!(f.borrowing, Money::euros(30_000));
        assert_eq!(f.unfunded, Money::euros(30_000));
        assert_eq!(
            f.owner_share,
            Money::euros(30_000),
            "the loan; the unfunded rest is nobody's yet"
        );
        assert_eq!(f.public_funding, Money::euros(70_000), "40 000 + 30 000");
        assert_eq!(f.gap, Some(Money::euros(30_000)));
    }

    #[test]
    fn operating_lines_stay_out_of_the_owner_share() {
        let mut op = line(Funder::State, FundingKind::Grant, 5_000);
        op.nature = ExpenseNature::Operating;
        let f = PlanFigures::of(&detail(
            Some(100_000),
            vec![
                op,
                line(Funder::State, FundingKind::Grant, 75_000),
                line(Funder::OwnFunds, FundingKind::Grant, 20_000),
            ],
        ));
        assert_eq!(f.operating_left_out, Money::euros(5_000));
        assert_eq!(f.investment_public_aid, Money::euros(75_000));
        assert_eq!(f.public_aid, Money::euros(80_000), "all public aid");
        assert_eq!(f.public_funding, Money::euros(95_000));
    }

    #[test]
    fn rates_of_the_base_and_what_the_owner_carries() {
        // DETR 255 000 € on a base of 850 000 €: 30 %.
        let mut l = line(Funder::State, FundingKind::Grant, 255_000);
        l.eligible_base_excl_vat = Some(Money::euros(850_000));
        assert_eq!(rate_of_base(&l), Some(30.0));
        // 100 000 € on 300 000 €: 33,33 %.
        l.amount_requested = Some(Money::euros(100_000));
        l.eligible_base_excl_vat = Some(Money::euros(300_000));
        assert_eq!(rate_of_base(&l), Some(33.33));
        l.eligible_base_excl_vat = None;
        assert_eq!(rate_of_base(&l), None);
        // Cost 100 000: DETR 40 000, own funds 10 000, a 30 000 loan;
        // 20 000 unfunded. The town carries 10 000 + 30 000 + 20 000.
        let f = PlanFigures::of(&detail(
            Some(100_000),
            vec![
                line(Funder::State, FundingKind::Grant, 40_000),
                line(Funder::OwnFunds, FundingKind::Grant, 10_000),
                line(Funder::BanqueTerritoires, FundingKind::Loan, 30_000),
            ],
        ));
        assert_eq!(f.owner_burden, Money::euros(60_000));
    }

    #[test]
    fn an_empty_plan_has_no_shares() {
        let f = PlanFigures::of(&detail(None, vec![]));
        assert_eq!((f.basis, f.public_share_percent, f.gap), (None, None, None));
        assert_eq!(f.total_planned, Money(0));
        assert_eq!(f.owner_share_percent, None);
    }
}
