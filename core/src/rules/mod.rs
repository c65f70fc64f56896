//! The money rules: is a project's funding plan right in law and ready for a
//! council vote? One module, one file per rule, each citing its text.
//!
//! - [`figures`] computes a plan's figures once: the base, the total, public
//!   aid, private money, the owner's share, what is secured. Every consumer
//!   (the window, the CLI, the briefs, the dashboard) reads them from here.
//! - The rules, each a pure function of a [`ProjectDetail`] and its figures:
//!   [`owner_share`] (CGCT art. L1111-10 III), [`state_grants`] (CGCT art.
//!   R2334-27), [`fonds_de_concours`] (CGCT art. L5214-16 V and its
//!   equivalents), [`operating`] (investment-only schemes), [`coverage`]
//!   (plan against cost, no plan, cost unknown), [`vat`] (amounts with and
//!   without VAT mixed), [`schedule`] (deadlines and late milestones).
//! - [`catalogue`] lists every rule with its basis and the date of the text
//!   applied (`bourgade rules`, the settings page).
//!
//! A [`Finding`] names its rule, carries its legal basis (text, article,
//! version, link) and the computation in figures, in French and English.
//! Findings are information: they never stop the user from saving. Money
//! compares in integer cents. No rule reads the clock: `today` is passed in.

pub mod catalogue;
pub mod coverage;
pub mod figures;
pub mod fonds_de_concours;
pub mod indicators;
pub mod lapse;
pub mod operating;
pub mod owner_share;
pub mod plan;
pub mod reconcile;
pub mod schedule;
pub mod schemes;
pub mod state_grants;
pub mod vat;

pub use crate::model::{Figures, Finding, FindingCode, LegalBasis, RuleId, Severity};
pub use catalogue::{rules, RuleInfo};
pub use figures::PlanFigures;
pub use plan::{summarize, PlanSummary};

use crate::model::SchemeCall;
use crate::model::{FundingScheme, Health, Money, ProjectDetail};
use chrono::NaiveDate;

/// A finding before it is tied to its project: what each rule returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub code: FindingCode,
    pub severity: Severity,
    pub field: Option<String>,
    pub message: (String, String),
    pub computation: (String, String),
    pub figures: Figures,
}

/// What every rule sees: the project, its figures, the schemes, the calls
/// and the day.
pub struct Context<'a> {
    pub detail: &'a ProjectDetail,
    pub figures: &'a PlanFigures,
    pub schemes: &'a [FundingScheme],
    pub calls: &'a [SchemeCall],
    pub today: NaiveDate,
}

/// Every finding of one project on `today`, blocking ones first (in rule
/// order within a severity). `schemes` tell which schemes are
/// investment-only; `calls` give deadlines to lines that have none.
/// Abandoned projects are not checked.
pub fn check_project(
    detail: &ProjectDetail,
    schemes: &[FundingScheme],
    calls: &[SchemeCall],
    today: NaiveDate,
) -> Vec<Finding> {
    check_with_figures(detail, &PlanFigures::of(detail), schemes, calls, today)
}

/// [`check_project`] with the figures already computed.
pub fn check_with_figures(
    detail: &ProjectDetail,
    figures: &PlanFigures,
    schemes: &[FundingScheme],
    calls: &[SchemeCall],
    today: NaiveDate,
) -> Vec<Finding> {
    let p = &detail.project;
    if p.fields.health == Health::Abandoned {
        return Vec::new();
    }
    let cx = Context {
        detail,
        figures,
        schemes,
        calls,
        today,
    };
    let mut verdicts: Vec<(RuleId, Verdict)> = Vec::new();
    let mut add =
        |rule: RuleId, vs: Vec<Verdict>| verdicts.extend(vs.into_iter().map(|v| (rule, v)));
    add(RuleId::OwnerShare, owner_share::check(&cx));
    add(RuleId::StateGrants, state_grants::check(&cx));
    add(RuleId::FondsDeConcours, fonds_de_concours::check(&cx));
    add(RuleId::Vat, vat::check(&cx));
    add(RuleId::Coverage, coverage::check(&cx));
    add(RuleId::OperatingOnInvestmentScheme, operating::check(&cx));
    add(RuleId::Deadlines, schedule::deadlines(&cx));
    add(RuleId::Milestones, schedule::milestones(&cx));
    add(RuleId::GrantLapse, lapse::check(&cx));
    add(RuleId::Indicators, indicators::check(&cx));
    add(RuleId::Reconciliation, reconcile::check(&cx));
    let mut out: Vec<Finding> = verdicts
        .into_iter()
        .map(|(rule, v)| Finding {
            code: v.code,
            severity: v.severity,
            project_id: p.id,
            project_title: p.fields.title.clone(),
            town_insee: p.fields.town_insee.clone(),
            field: v.field,
            message_fr: v.message.0,
            message_en: v.message.1,
            figures: v.figures,
            rule,
            basis: rule.basis(),
            computation_fr: v.computation.0,
            computation_en: v.computation.1,
        })
        .collect();
    out.sort_by_key(|f| f.severity);
    out
}

/// The texts of the rules, hashed into the stamp of kept findings so that a
/// change of any rule recomputes them.
pub(crate) const SOURCES: &[&str] = &[
    include_str!("mod.rs"),
    include_str!("catalogue.rs"),
    include_str!("coverage.rs"),
    include_str!("figures.rs"),
    include_str!("../model/finding.rs"),
    include_str!("fonds_de_concours.rs"),
    include_str!("indicators.rs"),
    include_str!("lapse.rs"),
    include_str!("operating.rs"),
    include_str!("reconcile.rs"),
    include_str!("owner_share.rs"),
    include_str!("schedule.rs"),
    include_str!("schemes.rs"),
    include_str!("state_grants.rs"),
    include_str!("vat.rs"),
    // What the rules read and print: codes, lines, amounts, scheme folding.
    include_str!("../model/codes.rs"),
    include_str!("../model/project.rs"),
    include_str!("../model/steering.rs"),
    include_str!("../model/money.rs"),
    include_str!("../text.rs"),
];

/// "s" for more than one.
pub(crate) fn plural(n: i64) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

/// `num / den` as a percentage: French and English texts and the value to
/// two decimals. One decimal is shown; when that would hide which side of
/// `threshold` the share is on (80.01 % is not "80.0 %", 19.99 % is not
/// "20.0 %"), two, rounded away from the threshold.
pub(crate) fn percent(num: i64, den: i64, threshold: i64) -> (String, String, f64) {
    let (num, den) = (i128::from(num), i128::from(den));
    let round = |scale: i128| (num * scale * 2 + den) / (den * 2);
    let tenths = round(1000);
    let hundredths = round(10_000);
    let t = i128::from(threshold);
    let above = num * 100 > den * t;
    let below = num * 100 < den * t;
    // Near the threshold, two decimals rounded away from it, and the value
    // rounded the same way: the figure never contradicts the verdict.
    let (int, frac, value) = if above && tenths <= t * 10 {
        let up = (num * 10_000 + den - 1) / den;
        (up / 100, format!("{:02}", up % 100), up)
    } else if below && tenths >= t * 10 {
        let down = num * 10_000 / den;
        (down / 100, format!("{:02}", down % 100), down)
    } else {
        (tenths / 10, format!("{}", tenths % 10), hundredths)
    };
    (
        format!("{int},{frac}\u{a0}%"),
        format!("{int}.{frac}%"),
        value as f64 / 100.0,
    )
}

/// `m` in both languages: "12 000 €" and "€12,000".
pub(crate) fn money2(m: Money) -> (String, String) {
    (m.display_fr(), m.display_en())
}

/// `rate` percent of `base`, rounded up to the cent: the least amount that
/// reaches the rate.
pub(crate) fn share_up(base: i64, rate: i64) -> Money {
    Money(((i128::from(base) * i128::from(rate) + 99) / 100) as i64)
}

/// `rate` percent of `base`, rounded down to the cent: the most that stays
/// within the rate.
pub(crate) fn share_down(base: i64, rate: i64) -> Money {
    Money((i128::from(base) * i128::from(rate) / 100) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_and_never_hide_which_side_of_the_threshold() {
        assert_eq!(percent(85, 100, 80).0, "85,0\u{a0}%");
        assert_eq!(percent(2, 3, 100).1, "66.7%", "rounded half up");
        assert_eq!(
            percent(800_049, 1_000_000, 80).0,
            "80,01\u{a0}%",
            "above by a hair: two decimals, rounded up"
        );
        assert_eq!(
            percent(199_999, 1_000_000, 20).0,
            "19,99\u{a0}%",
            "below by a hair: two decimals, rounded down"
        );
        assert_eq!(
            percent(199_999, 1_000_000, 20).2,
            19.99,
            "and the figure agrees with the text"
        );
        assert_eq!(percent(8_000_001, 10_000_000, 80).2, 80.01);
        assert_eq!(
            percent(8_000, 10_000, 80).0,
            "80,0\u{a0}%",
            "the threshold itself: one decimal"
        );
    }

    #[test]
    fn shares_round_towards_the_safe_side() {
        assert_eq!(share_up(1, 20), Money(1), "0.2 cent of minimum is 1 cent");
        assert_eq!(share_down(1, 80), Money(0), "0.8 cent of ceiling is 0");
        assert_eq!(share_up(6_000_000, 20), Money(1_200_000));
    }

    #[test]
    fn finding_codes_serialise_as_their_code() {
        for code in [
            FindingCode::OwnerShareBelowMinimum,
            FindingCode::StateGrantsAboveCap,
            FindingCode::StateGrantBelowFloor,
            FindingCode::FondsDeConcoursAboveShare,
            FindingCode::NoFundingPlan,
        ] {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().into())
            );
        }
    }
}
