//! What the money rules say of a project: a [`Finding`], its [`Severity`],
//! the [`RuleId`] that gave it and the [`LegalBasis`] that rule applies.
//! The rules themselves are in `crate::rules`; these are plain data, kept
//! here so that the store can keep findings without knowing the rules.

use super::Money;
use crate::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How much a finding matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The plan is not ready for a council vote.
    Blocking,
    /// To look at soon (or a derogation to obtain).
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Blocking => "blocking",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// "bloquant" / "blocking"…
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Blocking => lang.pick("bloquant", "blocking"),
            Severity::Warning => lang.pick("à surveiller", "warning"),
            Severity::Info => lang.pick("information", "info"),
        }
    }
}

/// What a finding is about (stable codes for the UI and scripts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    /// The owner funds less than the minimum share of the public funding
    /// (CGCT art. L1111-10 III).
    OwnerShareBelowMinimum,
    /// DETR, DSIL, DPV and DSID above 80 % of the eligible expense (R2334-27).
    StateGrantsAboveCap,
    /// A DETR, DSIL, DPV or DSID rate below 20 % of its eligible expense (R2334-27).
    StateGrantBelowFloor,
    /// Fonds de concours above the beneficiary's own share (L5214-16 V…).
    FondsDeConcoursAboveShare,
    VatMixed,
    PlanBelowCost,
    PlanAboveCost,
    OperatingOnInvestmentScheme,
    DeadlinePassed,
    DeadlineSoon,
    NoFundingPlan,
    MilestoneLate,
    CostUnknown,
    /// An awarded DETR/DSIL grant lapses within 180 days (R2334-28, -29).
    GrantLapseSoon,
    /// An awarded DETR/DSIL grant has lapsed.
    GrantLapsed,
    /// No reading of an indicator for more than 12 months.
    IndicatorStale,
    /// The investment years do not add up to the cost.
    YearsDoNotMatchCost,
    /// A grant's payment schedule does not add up to the amount awarded.
    ScheduleDoesNotMatchAward,
}

impl FindingCode {
    /// The stable code, as serialised.
    pub fn as_str(self) -> &'static str {
        use FindingCode::*;
        match self {
            OwnerShareBelowMinimum => "owner_share_below_minimum",
            StateGrantsAboveCap => "state_grants_above_cap",
            StateGrantBelowFloor => "state_grant_below_floor",
            FondsDeConcoursAboveShare => "fonds_de_concours_above_share",
            VatMixed => "vat_mixed",
            PlanBelowCost => "plan_below_cost",
            PlanAboveCost => "plan_above_cost",
            OperatingOnInvestmentScheme => "operating_on_investment_scheme",
            DeadlinePassed => "deadline_passed",
            DeadlineSoon => "deadline_soon",
            NoFundingPlan => "no_funding_plan",
            MilestoneLate => "milestone_late",
            CostUnknown => "cost_unknown",
            GrantLapseSoon => "grant_lapse_soon",
            GrantLapsed => "grant_lapsed",
            IndicatorStale => "indicator_stale",
            YearsDoNotMatchCost => "years_do_not_match_cost",
            ScheduleDoesNotMatchAward => "schedule_does_not_match_award",
        }
    }
}

/// The figures a finding is about, for a UI that shows them its own way.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Figures {
    /// The amount at issue (the owner's share, a grant, the plan's total).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// What it is compared with (public funding, the eligible base, the cost).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<Money>,
    /// `amount` as a percentage of `reference`, to two decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// The threshold the rule sets (the minimum or the ceiling), in money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Money>,
    /// What is missing or too much with respect to `limit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difference: Option<Money>,
    /// The date at issue (deadline, milestone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Days from today to `date` (negative once passed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// One thing to fix or watch in a project, with the rule behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    pub project_id: i64,
    pub project_title: String,
    /// INSEE code of the project's town.
    pub town_insee: String,
    /// The line at issue, named like validation fields
    /// (`funding_lines[1]`, `milestones[0]`); `None` for the whole plan.
    pub field: Option<String>,
    pub message_fr: String,
    pub message_en: String,
    pub figures: Figures,
    /// The rule that gave it, as listed by `bourgade rules`.
    pub rule: RuleId,
    /// The text the rule applies; `None` for a rule of good practice.
    pub basis: Option<LegalBasis>,
    /// The computation behind the verdict, in figures.
    pub computation_fr: String,
    pub computation_en: String,
}

impl Finding {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_fr, &self.message_en)
    }

    /// The computation in `lang`.
    pub fn computation(&self, lang: Lang) -> &str {
        lang.pick(&self.computation_fr, &self.computation_en)
    }
}

/// The rules, by stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    /// CGCT art. L1111-10 III.
    OwnerShare,
    /// CGCT art. R2334-27.
    StateGrants,
    /// CGCT art. L5214-16 V, L5216-5 VI, L5215-26.
    FondsDeConcours,
    /// Amounts with and without VAT are not added up.
    Vat,
    /// The plan against the cost; no plan at the council stage.
    Coverage,
    /// An operating expense on an investment-only scheme.
    OperatingOnInvestmentScheme,
    /// Filing deadlines of lines still to request.
    Deadlines,
    /// Milestones past due.
    Milestones,
    /// CGCT art. R2334-28 and R2334-29: DETR and DSIL grants that lapse.
    GrantLapse,
    /// Indicators without a recent reading.
    Indicators,
    /// Years and payment schedules against the plan.
    Reconciliation,
}

/// A text of law: what a finding rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct LegalBasis {
    /// "Code général des collectivités territoriales".
    pub text_fr: String,
    pub text_en: String,
    /// "art. L1111-10, III".
    pub article: String,
    /// The version applied: its date and the text that last changed it.
    pub version_fr: String,
    pub version_en: String,
    /// Date from which that version is in force.
    pub in_force_since: Option<NaiveDate>,
    /// A public page of the text.
    pub url: Option<String>,
}
