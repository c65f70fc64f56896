//! Is a project's funding plan ready for a council vote? Each check gives a
//! [`Finding`] with a stable code, a severity and a French and English
//! sentence that names the figures. Findings are information: they never
//! stop the user from saving anything.
//!
//! The rules:
//! - public aid above 80 % of the cost (the owner funds at least 20 %,
//!   art. L1111-10 of the CGCT): blocking; exactly 80 % passes. Public aid
//!   is the planned amount of every line whose funder is neither the town
//!   (own funds) nor private, loans and repayable advances excepted (they
//!   are repaid by the town: its own money). The base is the cost excl. VAT
//!   (incl. VAT when every line is stated incl. VAT), or, when the cost is
//!   missing, the largest eligible base of the lines — the bases of several
//!   funders overlap, so adding them up would count the project twice;
//! - lines mixing amounts with and without VAT: warning;
//! - total of the plan below the cost: blocking from the council decision
//!   (stage 4) on, warning before; above the cost: warning;
//! - an operating expense on an investment-only scheme (DETR, DSIL…): blocking;
//! - a line still to request whose deadline (its own, or else the closing
//!   date of its scheme's next call) has passed: blocking; within 30 days:
//!   warning;
//! - a project at the council decision stage without funding lines: blocking;
//! - a milestone past due and not done: warning;
//! - the cost unknown while the plan has lines: info.
//!
//! Abandoned projects are not checked. Amounts compare in integer cents.

use super::calls::{next_call, SchemeCall};
use crate::calendar::{date_en, date_fr};
use crate::error::Result;
use crate::model::{
    ExpenseNature, Funder, FundingKind, FundingLine, FundingScheme, FundingStatus, Health, Money,
    ProjectDetail, Stage,
};
use crate::store::Store;
use crate::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Public aid may reach this share of the cost, in percent.
pub const PUBLIC_AID_CAP_PERCENT: i64 = 80;
/// A deadline this many days away or fewer is a warning.
pub const DEADLINE_WARNING_DAYS: i64 = 30;

/// How much a finding matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The plan is not ready for a council vote.
    Blocking,
    /// To look at soon.
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
    PublicAidAboveCap,
    VatMixed,
    PlanBelowCost,
    PlanAboveCost,
    OperatingOnInvestmentScheme,
    DeadlinePassed,
    DeadlineSoon,
    NoFundingPlan,
    MilestoneLate,
    CostUnknown,
}

impl FindingCode {
    /// The stable code, as serialised.
    pub fn as_str(self) -> &'static str {
        use FindingCode::*;
        match self {
            PublicAidAboveCap => "public_aid_above_cap",
            VatMixed => "vat_mixed",
            PlanBelowCost => "plan_below_cost",
            PlanAboveCost => "plan_above_cost",
            OperatingOnInvestmentScheme => "operating_on_investment_scheme",
            DeadlinePassed => "deadline_passed",
            DeadlineSoon => "deadline_soon",
            NoFundingPlan => "no_funding_plan",
            MilestoneLate => "milestone_late",
            CostUnknown => "cost_unknown",
        }
    }
}

/// The figures a finding is about, for a UI that shows them its own way.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Figures {
    /// The amount at issue (public aid, the plan's total, a line's amount).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// What it is compared with (the cost or the eligible base).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<Money>,
    /// `amount` as a percentage of `reference`, to two decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// The date at issue (deadline, milestone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Days from today to `date` (negative once passed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// One thing to fix or watch in a project.
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
}

impl Finding {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_fr, &self.message_en)
    }
}

/// Every finding of one project on `today`, blocking ones first. `schemes`
/// tell which schemes are investment-only; `calls` give deadlines to lines
/// that have none of their own.
pub fn check_project(
    detail: &ProjectDetail,
    schemes: &[FundingScheme],
    calls: &[SchemeCall],
    today: NaiveDate,
) -> Vec<Finding> {
    let p = &detail.project;
    if p.fields.health == Health::Abandoned {
        return Vec::new();
    }
    let mut c = Checker {
        detail,
        out: Vec::new(),
    };
    let lines = &detail.lines.funding_lines;
    let basis = basis(detail);
    c.public_aid(basis);
    c.vat_mixed();
    c.total_vs_cost(basis);
    for (i, l) in lines.iter().enumerate() {
        c.operating_on_investment_scheme(i, l, schemes);
        c.deadline(i, l, calls, today);
    }
    if p.fields.stage == Stage::COUNCIL_DECISION && lines.is_empty() {
        c.push(
            FindingCode::NoFundingPlan,
            Severity::Blocking,
            None,
            "Le projet est à l'étape « Décision du conseil » sans plan de financement : le conseil ne peut pas délibérer sur son financement".into(),
            "The project is at the council decision stage with no funding plan: the council cannot vote on its funding".into(),
            Figures::default(),
        );
    }
    for (i, m) in detail.lines.milestones.iter().enumerate() {
        if !m.done && m.due_date < today {
            let late = (today - m.due_date).num_days();
            c.push(
                FindingCode::MilestoneLate,
                Severity::Warning,
                Some(format!("milestones[{i}]")),
                format!(
                    "Jalon « {} » prévu le {}\u{a0}: en retard de {late}\u{a0}jour{}",
                    m.title.trim(),
                    date_fr(m.due_date),
                    plural(late)
                ),
                format!(
                    "Milestone \"{}\" due on {}: {late} day{} late",
                    m.title.trim(),
                    date_en(m.due_date),
                    plural(late)
                ),
                Figures {
                    date: Some(m.due_date),
                    days: Some(-late),
                    ..Default::default()
                },
            );
        }
    }
    c.out.sort_by_key(|f| f.severity);
    c.out
}

/// Findings of every project (of one followed town when `town` is given),
/// by project number, blocking ones first within a project.
pub fn check_all(store: &Store, town: Option<&str>, today: NaiveDate) -> Result<Vec<Finding>> {
    check_details(store, &store.project_details_in(town)?, today)
}

/// [`check_project`] over details already loaded, in the order given.
pub(crate) fn check_details(
    store: &Store,
    details: &[ProjectDetail],
    today: NaiveDate,
) -> Result<Vec<Finding>> {
    let schemes = store.funding_schemes()?;
    let calls = store.scheme_calls()?;
    Ok(details
        .iter()
        .flat_map(|d| check_project(d, &schemes, &calls, today))
        .collect())
}

/// The findings to handle (blocking and warnings) of a town or of every
/// town: the first ones, blocking first then by project, and how many.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ToHandle {
    /// At most the number asked for, blocking first, by project number.
    pub first: Vec<Finding>,
    pub blocking: usize,
    pub warnings: usize,
}

impl ToHandle {
    /// From every finding, already in project order.
    pub(crate) fn from_all(findings: Vec<Finding>, limit: usize) -> ToHandle {
        let mut first: Vec<Finding> = findings
            .into_iter()
            .filter(|f| f.severity != Severity::Info)
            .collect();
        first.sort_by_key(|f| (f.severity, f.project_id));
        let count = |s| first.iter().filter(|f| f.severity == s).count();
        let (blocking, warnings) = (count(Severity::Blocking), count(Severity::Warning));
        first.truncate(limit);
        ToHandle {
            first,
            blocking,
            warnings,
        }
    }
}

/// How many stale projects [`to_handle`] reads at a time, and up to how
/// many it reads one by one. Small in tests, so that they go through
/// several slices.
const STALE_SLICE: usize = if cfg!(test) { 7 } else { 500 };
const FEW_STALE: usize = if cfg!(test) { 3 } else { 64 };

/// What kept findings were computed against: the funding schemes and
/// their calls, and the rules themselves: the text of this file (checks,
/// messages, the `Finding` format) and the labels it prints. The package
/// version alone would not do: it does not change with every build.
fn reference_stamp(schemes: &[FundingScheme], calls: &[SchemeCall]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    include_str!("readiness.rs").hash(&mut h);
    include_str!("../../../data/reference/taxonomy.json").hash(&mut h);
    serde_json::to_string(&(schemes, calls))
        .expect("schemes serialise")
        .hash(&mut h);
    format!("{}-{:016x}", env!("CARGO_PKG_VERSION"), h.finish())
}

/// [`check_all`] for the dashboard, without reading every funding plan each
/// time: each project's findings are kept in the store for the day
/// (triggers forget them when the project, its lines or milestones change),
/// only the projects without valid kept findings are checked, and the
/// totals and first findings are read with aggregate queries. Where the
/// findings cannot be kept (a read-only file, a busy database), every
/// project is checked in memory instead: same answer, slower.
pub fn to_handle(
    store: &Store,
    town: Option<&str>,
    today: NaiveDate,
    limit: usize,
) -> Result<ToHandle> {
    let schemes = store.funding_schemes()?;
    let calls = store.scheme_calls()?;
    let stamp = reference_stamp(&schemes, &calls);
    let stale = store.readiness_stale(town, today, &stamp)?;
    // Few stale projects: read those alone. Many: read them a slice at a
    // time (nine queries per slice), so that memory stays that of a slice:
    // reading 10,000 projects' details at once took 50 MB. Each slice is
    // read, checked and kept in one write transaction, so that a change
    // another process commits meanwhile cannot be overwritten by findings
    // of the data before it.
    let slice_len = if stale.len() <= FEW_STALE {
        1
    } else {
        STALE_SLICE
    };
    for slice in stale.chunks(slice_len) {
        let kept = store.in_write_transaction(|| {
            let details = if slice.len() == 1 {
                vec![store.project_detail(slice[0])?]
            } else {
                store.project_details_of(slice)?
            };
            let fresh: Vec<(i64, Vec<Finding>)> = details
                .iter()
                .map(|d| (d.project.id, check_project(d, &schemes, &calls, today)))
                .collect();
            store.keep_readiness(today, &stamp, &fresh)
        });
        if kept.is_err() {
            return Ok(ToHandle::from_all(check_all(store, town, today)?, limit));
        }
    }
    let read = || -> Result<ToHandle> {
        let (blocking, warnings) = store.readiness_totals(town, today, &stamp)?;
        let mut first = store.readiness_first(town, today, &stamp, Severity::Blocking, limit)?;
        if first.len() < limit {
            let rest = limit - first.len();
            first.extend(store.readiness_first(town, today, &stamp, Severity::Warning, rest)?);
        }
        Ok(ToHandle {
            first,
            blocking,
            warnings,
        })
    };
    // A kept row this program cannot read (written by hand, or damaged):
    // the same answer, from every project checked in memory.
    read().or_else(|_| Ok(ToHandle::from_all(check_all(store, town, today)?, limit)))
}

/// What the plan is compared with.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Basis {
    CostExclVat(Money),
    CostInclVat(Money),
    /// No cost: the largest eligible base (only for the public-aid rule).
    LargestEligibleBase(Money),
    Unknown,
}

impl Basis {
    pub(crate) fn cost(self) -> Option<Money> {
        match self {
            Basis::CostExclVat(m) | Basis::CostInclVat(m) => Some(m),
            _ => None,
        }
    }

    fn words(self) -> (&'static str, &'static str) {
        match self {
            Basis::CostInclVat(_) => ("du coût TTC", "of the cost incl. VAT"),
            Basis::LargestEligibleBase(_) => (
                "de la plus grande assiette éligible HT (coût du projet non renseigné)",
                "of the largest eligible base excl. VAT (the project's cost is missing)",
            ),
            _ => ("du coût HT", "of the cost excl. VAT"),
        }
    }
}

pub(crate) fn basis(d: &ProjectDetail) -> Basis {
    let f = &d.project.fields;
    let lines = &d.lines.funding_lines;
    let all_incl_vat = !lines.is_empty() && lines.iter().all(|l| l.amounts_incl_vat);
    match (all_incl_vat, f.cost_incl_vat, f.cost_excl_vat) {
        (true, Some(ttc), _) if ttc.cents() > 0 => Basis::CostInclVat(ttc),
        (_, _, Some(ht)) if ht.cents() > 0 => Basis::CostExclVat(ht),
        _ => lines
            .iter()
            .filter_map(|l| l.eligible_base_excl_vat)
            .filter(|b| b.cents() > 0)
            .max()
            .map_or(Basis::Unknown, Basis::LargestEligibleBase),
    }
}

/// True when a line's money is public aid (see the module's rules).
pub(crate) fn is_public_aid(l: &FundingLine) -> bool {
    !matches!(l.funder, Funder::OwnFunds | Funder::Private)
        && !matches!(l.kind, FundingKind::Loan | FundingKind::RepayableAdvance)
}

struct Checker<'a> {
    detail: &'a ProjectDetail,
    out: Vec<Finding>,
}

impl Checker<'_> {
    fn push(
        &mut self,
        code: FindingCode,
        severity: Severity,
        field: Option<String>,
        message_fr: String,
        message_en: String,
        figures: Figures,
    ) {
        self.out.push(Finding {
            code,
            severity,
            project_id: self.detail.project.id,
            project_title: self.detail.project.fields.title.clone(),
            town_insee: self.detail.project.fields.town_insee.clone(),
            field,
            message_fr,
            message_en,
            figures,
        });
    }

    fn lines(&self) -> &[FundingLine] {
        &self.detail.lines.funding_lines
    }

    fn public_aid(&mut self, basis: Basis) {
        let base = match basis {
            Basis::CostExclVat(m) | Basis::CostInclVat(m) | Basis::LargestEligibleBase(m) => m,
            Basis::Unknown => return,
        };
        let aid: i64 = self
            .lines()
            .iter()
            .filter(|l| is_public_aid(l))
            .map(|l| l.planned_amount().cents())
            .sum();
        // aid / base > 80 / 100, in integers.
        if i128::from(aid) * 100 <= i128::from(base.cents()) * i128::from(PUBLIC_AID_CAP_PERCENT) {
            return;
        }
        let cap = Money((i128::from(base.cents()) * 80 / 100) as i64);
        let excess = Money(aid - cap.cents());
        let (pct_fr, pct_en, pct) = percent(aid, base.cents(), PUBLIC_AID_CAP_PERCENT);
        let (of_fr, of_en) = basis.words();
        let aid = Money(aid);
        self.push(
            FindingCode::PublicAidAboveCap,
            Severity::Blocking,
            None,
            format!(
                "Aides publiques\u{a0}: {} soit {pct_fr} {of_fr} ({})\u{a0}; le plafond est de 80\u{a0}% (autofinancement minimal 20\u{a0}%), soit {} d'aides en trop",
                aid.display_fr(),
                base.display_fr(),
                excess.display_fr()
            ),
            format!(
                "Public aid: {}, i.e. {pct_en} {of_en} ({}); the cap is 80 % (owner's minimum 20 %), {} too much aid",
                crate::model::Money::display_en(aid),
                crate::model::Money::display_en(base),
                crate::model::Money::display_en(excess)
            ),
            Figures {
                amount: Some(aid),
                reference: Some(base),
                percent: Some(pct),
                ..Default::default()
            },
        );
    }

    fn vat_mixed(&mut self) {
        let incl = self.lines().iter().filter(|l| l.amounts_incl_vat).count();
        let excl = self.lines().len() - incl;
        if incl == 0 || excl == 0 {
            return;
        }
        self.push(
            FindingCode::VatMixed,
            Severity::Warning,
            None,
            format!(
                "Le plan mélange des montants HT et TTC\u{a0}: {incl} financement{} en TTC, {excl} en HT\u{a0}; exprimez-les tous de la même façon pour les additionner",
                plural(incl as i64)
            ),
            format!(
                "The plan mixes amounts with and without VAT: {incl} line{} incl. VAT, {excl} excl. VAT; state them all the same way to add them up",
                plural(incl as i64)
            ),
            Figures::default(),
        );
    }

    fn total_vs_cost(&mut self, basis: Basis) {
        if self.lines().is_empty() {
            return;
        }
        let total = Money(
            self.lines()
                .iter()
                .map(|l| l.planned_amount().cents())
                .sum(),
        );
        let Some(cost) = basis.cost() else {
            self.push(
                FindingCode::CostUnknown,
                Severity::Info,
                None,
                format!(
                    "Coût du projet non renseigné\u{a0}: le plan de financement ({}) ne peut pas être comparé au coût",
                    total.display_fr()
                ),
                format!(
                    "The project's cost is missing: the funding plan ({}) cannot be compared with it",
                    crate::model::Money::display_en(total)
                ),
                Figures {
                    amount: Some(total),
                    ..Default::default()
                },
            );
            return;
        };
        let (of_fr, of_en) = basis.words();
        let figures = |pct| Figures {
            amount: Some(total),
            reference: Some(cost),
            percent: Some(pct),
            ..Default::default()
        };
        if total < cost {
            let gap = Money(cost.cents() - total.cents());
            let severity = if self.detail.project.fields.stage >= Stage::COUNCIL_DECISION {
                Severity::Blocking
            } else {
                Severity::Warning
            };
            let (pct_fr, pct_en, pct) = percent(total.cents(), cost.cents(), 100);
            self.push(
                FindingCode::PlanBelowCost,
                severity,
                None,
                format!(
                    "Plan de financement incomplet\u{a0}: {} de financements, soit {pct_fr} {of_fr} ({})\u{a0}; il manque {}",
                    total.display_fr(),
                    cost.display_fr(),
                    gap.display_fr()
                ),
                format!(
                    "Incomplete funding plan: {} of funding, i.e. {pct_en} {of_en} ({}); {} is missing",
                    crate::model::Money::display_en(total),
                    crate::model::Money::display_en(cost),
                    crate::model::Money::display_en(gap)
                ),
                figures(pct),
            );
        } else if total > cost {
            let over = Money(total.cents() - cost.cents());
            let (pct_fr, pct_en, pct) = percent(total.cents(), cost.cents(), 100);
            self.push(
                FindingCode::PlanAboveCost,
                Severity::Warning,
                None,
                format!(
                    "Plan de financement supérieur au coût\u{a0}: {} de financements, soit {pct_fr} {of_fr} ({})\u{a0}; {} de trop",
                    total.display_fr(),
                    cost.display_fr(),
                    over.display_fr()
                ),
                format!(
                    "Funding plan above the cost: {} of funding, i.e. {pct_en} {of_en} ({}), {} too much",
                    crate::model::Money::display_en(total),
                    crate::model::Money::display_en(cost),
                    crate::model::Money::display_en(over)
                ),
                figures(pct),
            );
        }
    }

    fn operating_on_investment_scheme(
        &mut self,
        i: usize,
        l: &FundingLine,
        schemes: &[FundingScheme],
    ) {
        if l.nature != ExpenseNature::Operating {
            return;
        }
        let Some(code) = l.scheme.as_deref().map(str::trim) else {
            return;
        };
        let Some(scheme) = schemes
            .iter()
            .find(|s| s.investment_only && s.code.eq_ignore_ascii_case(code))
        else {
            return;
        };
        let amount = l.planned_amount();
        self.push(
            FindingCode::OperatingOnInvestmentScheme,
            Severity::Blocking,
            Some(format!("funding_lines[{i}]")),
            format!(
                "Financement n°\u{a0}{} ({})\u{a0}: une dépense de fonctionnement de {} ne peut pas être financée par ce dispositif, qui ne finance que l'investissement",
                i + 1,
                scheme.code,
                amount.display_fr()
            ),
            format!(
                "Funding line #{} ({}): an operating expense of {} cannot be funded by this scheme, which funds investment only",
                i + 1,
                scheme.code,
                crate::model::Money::display_en(amount)
            ),
            Figures {
                amount: Some(amount),
                ..Default::default()
            },
        );
    }

    fn deadline(&mut self, i: usize, l: &FundingLine, calls: &[SchemeCall], today: NaiveDate) {
        if l.status != FundingStatus::ToRequest {
            return;
        }
        let name = line_name(i, l);
        let (date, what_fr, what_en) = match (l.deadline, l.scheme.as_deref()) {
            (Some(d), _) => (d, "la date limite".to_owned(), "the deadline".to_owned()),
            (None, Some(scheme)) => match next_call(calls, scheme, today) {
                Some(call) => (
                    call.fields.closes_on,
                    format!(
                        "la clôture de l'appel {} {}",
                        call.fields.scheme_code, call.fields.year
                    ),
                    format!(
                        "the closing of the {} {} call",
                        call.fields.scheme_code, call.fields.year
                    ),
                ),
                None => return,
            },
            (None, None) => return,
        };
        let days = (date - today).num_days();
        let figures = Figures {
            amount: l.amount_requested,
            date: Some(date),
            days: Some(days),
            ..Default::default()
        };
        let field = Some(format!("funding_lines[{i}]"));
        if days < 0 {
            let ago = -days;
            self.push(
                FindingCode::DeadlinePassed,
                Severity::Blocking,
                field,
                format!(
                    "{}\u{a0}: {what_fr} du {} est passée depuis {ago}\u{a0}jour{} et la demande n'est pas déposée",
                    name.0,
                    date_fr(date),
                    plural(ago)
                ),
                format!(
                    "{}: {what_en} of {} passed {ago} day{} ago and the request is not filed",
                    name.1,
                    date_en(date),
                    plural(ago)
                ),
                figures,
            );
        } else if days <= DEADLINE_WARNING_DAYS {
            let when_fr = match days {
                0 => "aujourd'hui".to_owned(),
                1 => "demain".to_owned(),
                n => format!("dans {n}\u{a0}jours"),
            };
            let when_en = match days {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                n => format!("in {n} days"),
            };
            self.push(
                FindingCode::DeadlineSoon,
                Severity::Warning,
                field,
                format!(
                    "{}\u{a0}: {what_fr} est le {}, {when_fr}, et la demande reste à déposer",
                    name.0,
                    date_fr(date)
                ),
                format!(
                    "{}: {what_en} is on {}, {when_en}, and the request is still to file",
                    name.1,
                    date_en(date)
                ),
                figures,
            );
        }
    }
}

/// "Financement n° 2 (Région, REGION)" / "Funding line #2 (Region, REGION)".
fn line_name(i: usize, l: &FundingLine) -> (String, String) {
    let t = crate::reference::taxonomy();
    let funder = |lang| t.label("funders", l.funder.as_str(), lang).to_owned();
    let scheme = l
        .scheme
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!(", {s}"))
        .unwrap_or_default();
    (
        format!(
            "Financement n°\u{a0}{} ({}{scheme})",
            i + 1,
            funder(Lang::Fr)
        ),
        format!("Funding line #{} ({}{scheme})", i + 1, funder(Lang::En)),
    )
}

fn plural(n: i64) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

/// `num / den` as a percentage: French and English texts and the value to
/// two decimals. One decimal is shown; when that would hide that the share
/// is above `threshold` (80.01 % is not "80.0 %"), two, rounded up.
fn percent(num: i64, den: i64, threshold: i64) -> (String, String, f64) {
    let (num, den) = (i128::from(num), i128::from(den));
    let round = |scale: i128| (num * scale * 2 + den) / (den * 2);
    let tenths = round(1000);
    let hundredths = round(10_000);
    let above = num * 100 > den * i128::from(threshold);
    let (int, frac) = if above && tenths <= i128::from(threshold) * 10 {
        let up = (num * 10_000 + den - 1) / den;
        (up / 100, format!("{:02}", up % 100))
    } else {
        (tenths / 10, format!("{}", tenths % 10))
    };
    (
        format!("{int},{frac}\u{a0}%"),
        format!("{int}.{frac} %"),
        hundredths as f64 / 100.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::calls::{CallOrigin, SchemeCallFields};
    use crate::model::{Milestone, Project, ProjectFields, ProjectLines};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 23);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    /// A project at `stage` costing `cost` euros excl. VAT, no lines.
    fn project(stage: i64, cost: Option<i64>) -> ProjectDetail {
        ProjectDetail {
            project: Project {
                id: 9,
                uid: "u-9".into(),
                fields: ProjectFields {
                    town_insee: "29024".into(),
                    title: "Maison à pans de bois".into(),
                    stage: Stage::new(stage).unwrap(),
                    cost_excl_vat: cost.map(Money::euros),
                    ..Default::default()
                },
                created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
                updated_at: "2026-01-01T00:00:00Z".parse().unwrap(),
            },
            lines: ProjectLines::default(),
        }
    }

    fn line(funder: Funder, cents: i64) -> FundingLine {
        let mut l = FundingLine::new(
            funder,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::Filed,
        );
        l.amount_requested = Some(Money(cents));
        l
    }

    fn codes(fs: &[Finding]) -> Vec<(FindingCode, Severity)> {
        fs.iter().map(|f| (f.code, f.severity)).collect()
    }

    fn check(p: &ProjectDetail) -> Vec<Finding> {
        check_project(p, &[], &[], today())
    }

    /// A plan with `aid` cents of State aid and the rest own funds, cost 100 000 €.
    fn with_aid(aid_cents: i64) -> ProjectDetail {
        let mut p = project(3, Some(100_000));
        p.lines.funding_lines = vec![
            line(Funder::State, aid_cents),
            line(Funder::OwnFunds, 10_000_000 - aid_cents),
        ];
        p
    }

    #[test]
    fn public_aid_of_exactly_80_percent_passes() {
        assert!(
            check(&with_aid(8_000_000)).is_empty(),
            "80 % is the cap itself, allowed"
        );
    }

    #[test]
    fn public_aid_of_80_01_percent_is_blocking_and_says_so() {
        let fs = check(&with_aid(8_001_000));
        assert_eq!(
            codes(&fs),
            [(FindingCode::PublicAidAboveCap, Severity::Blocking)],
            "one cent per 10 000 € over is over"
        );
        assert!(
            fs[0].message_fr.contains("80,01\u{a0}%"),
            "two decimals so the message does not read 80,0 %: {}",
            fs[0].message_fr
        );
        assert_eq!(fs[0].figures.percent, Some(80.01), "figure kept for the UI");
        let one_cent_over = check(&with_aid(8_000_001));
        assert_eq!(
            codes(&one_cent_over),
            [(FindingCode::PublicAidAboveCap, Severity::Blocking)],
            "a single cent above 80 % is caught (integer cents, no float)"
        );
    }

    #[test]
    fn the_demo_s_85_percent_message_names_every_figure() {
        let mut p = project(3, Some(690_000));
        p.lines.funding_lines = vec![
            line(Funder::State, 24_150_000),
            line(Funder::Region, 13_800_000),
            line(Funder::Departement, 13_800_000),
            line(Funder::Eu, 6_900_000),
            line(Funder::OwnFunds, 10_350_000),
        ];
        let fs = check(&p);
        assert_eq!(
            codes(&fs),
            [(FindingCode::PublicAidAboveCap, Severity::Blocking)]
        );
        assert_eq!(
            fs[0].message_fr,
            "Aides publiques\u{a0}: 586\u{202f}500\u{a0}€ soit 85,0\u{a0}% du coût HT (690\u{202f}000\u{a0}€)\u{a0}; \
             le plafond est de 80\u{a0}% (autofinancement minimal 20\u{a0}%), soit 34\u{202f}500\u{a0}€ d'aides en trop",
            "French typography, figures named"
        );
        assert!(
            fs[0]
                .message_en
                .starts_with("Public aid: €586,500, i.e. 85.0 % of the cost excl. VAT (€690,000)"),
            "{}",
            fs[0].message_en
        );
    }

    #[test]
    fn own_funds_private_money_and_loans_are_not_public_aid() {
        let mut p = project(3, Some(100_000));
        let mut loan = line(Funder::BanqueTerritoires, 5_000_000);
        loan.kind = FundingKind::Loan;
        p.lines.funding_lines = vec![
            line(Funder::State, 3_000_000),
            loan,
            line(Funder::Private, 1_000_000),
            line(Funder::OwnFunds, 1_000_000),
        ];
        assert!(
            check(&p).is_empty(),
            "30 % of aid: the loan is repaid by the town, private money is not public"
        );
    }

    #[test]
    fn refused_lines_count_nothing_towards_aid() {
        let mut p = with_aid(8_000_000);
        let mut refused = line(Funder::Region, 5_000_000);
        refused.status = FundingStatus::Refused;
        p.lines.funding_lines.push(refused);
        assert!(
            check(&p).is_empty(),
            "a refused 50 000 € neither breaks the cap nor overfunds the plan"
        );
    }

    #[test]
    fn without_a_cost_the_largest_eligible_base_is_used_and_named() {
        let mut p = project(3, None);
        let mut a = line(Funder::State, 9_000_000);
        a.eligible_base_excl_vat = Some(Money::euros(100_000));
        let mut b = line(Funder::Region, 1_000_000);
        b.eligible_base_excl_vat = Some(Money::euros(60_000));
        p.lines.funding_lines = vec![a, b];
        let fs = check(&p);
        assert_eq!(
            codes(&fs),
            [
                (FindingCode::PublicAidAboveCap, Severity::Blocking),
                (FindingCode::CostUnknown, Severity::Info)
            ],
            "100 % of the largest base; the total cannot be compared"
        );
        assert!(
            fs[0].message_fr.contains("100,0\u{a0}% de la plus grande assiette éligible HT (coût du projet non renseigné) (100\u{202f}000\u{a0}€)"),
            "the message says which base it used: {}",
            fs[0].message_fr
        );
    }

    #[test]
    fn all_lines_incl_vat_compare_with_the_cost_incl_vat() {
        let mut p = project(3, Some(100_000));
        p.project.fields.cost_incl_vat = Some(Money::euros(120_000));
        let mut a = line(Funder::State, 9_600_000);
        a.amounts_incl_vat = true;
        let mut b = line(Funder::OwnFunds, 2_400_000);
        b.amounts_incl_vat = true;
        p.lines.funding_lines = vec![a, b];
        assert!(
            check(&p).is_empty(),
            "96 000 € of 120 000 € TTC is 80 %, and the plan covers the TTC cost"
        );
    }

    #[test]
    fn mixing_vat_is_a_warning() {
        let mut p = with_aid(5_000_000);
        p.lines.funding_lines[0].amounts_incl_vat = true;
        let fs = check(&p);
        assert_eq!(codes(&fs), [(FindingCode::VatMixed, Severity::Warning)]);
        assert!(
            fs[0].message_fr.contains("1 financement en TTC, 1 en HT"),
            "{}",
            fs[0].message_fr
        );
    }

    #[test]
    fn a_plan_below_the_cost_blocks_from_the_council_stage_on() {
        let mut p = project(3, Some(420_000));
        p.lines.funding_lines = vec![
            line(Funder::State, 10_500_000),
            line(Funder::Region, 6_300_000),
            line(Funder::Epci, 4_200_000),
            line(Funder::OwnFunds, 8_400_000),
        ];
        let fs = check(&p);
        assert_eq!(
            codes(&fs),
            [(FindingCode::PlanBelowCost, Severity::Warning)],
            "stage 3: still being built"
        );
        assert!(
            fs[0].message_fr.contains("294\u{202f}000\u{a0}€ de financements, soit 70,0\u{a0}% du coût HT (420\u{202f}000\u{a0}€)\u{a0}; il manque 126\u{202f}000\u{a0}€"),
            "{}",
            fs[0].message_fr
        );
        p.project.fields.stage = Stage::COUNCIL_DECISION;
        assert_eq!(
            codes(&check(&p)),
            [(FindingCode::PlanBelowCost, Severity::Blocking)],
            "stage 4: the council cannot vote an incomplete plan"
        );
        p.lines.funding_lines[3].amount_requested = Some(Money(21_000_000 - 1));
        assert_eq!(
            codes(&check(&p)),
            [(FindingCode::PlanBelowCost, Severity::Blocking)],
            "one cent short is short"
        );
        p.lines.funding_lines[3].amount_requested = Some(Money(21_000_000));
        assert!(check(&p).is_empty(), "exactly the cost is complete");
        p.lines.funding_lines[3].amount_requested = Some(Money(21_000_001));
        assert_eq!(
            codes(&check(&p)),
            [(FindingCode::PlanAboveCost, Severity::Warning)],
            "one cent above the cost"
        );
    }

    #[test]
    fn operating_expenses_on_investment_only_schemes_block() {
        let schemes: Vec<FundingScheme> = crate::reference::catalogue().unwrap().schemes;
        let mut p = with_aid(5_000_000);
        p.lines.funding_lines[0].scheme = Some("detr".into());
        p.lines.funding_lines[0].nature = ExpenseNature::Operating;
        let fs = check_project(&p, &schemes, &[], today());
        assert_eq!(
            codes(&fs),
            [(FindingCode::OperatingOnInvestmentScheme, Severity::Blocking)],
            "DETR funds investment only (catalogue), whatever the code's case"
        );
        assert_eq!(fs[0].field.as_deref(), Some("funding_lines[0]"));
        p.lines.funding_lines[0].scheme = Some("FONDS_VERT".into());
        assert!(
            check_project(&p, &schemes, &[], today()).is_empty(),
            "Fonds vert is not investment-only in the catalogue"
        );
    }

    fn to_request(deadline: Option<NaiveDate>, scheme: Option<&str>) -> ProjectDetail {
        let mut p = with_aid(5_000_000);
        p.lines.funding_lines[0].status = FundingStatus::ToRequest;
        p.lines.funding_lines[0].deadline = deadline;
        p.lines.funding_lines[0].scheme = scheme.map(str::to_owned);
        p
    }

    #[test]
    fn deadlines_warn_within_30_days_and_block_once_passed() {
        let cases = [
            (31, None),
            (30, Some((FindingCode::DeadlineSoon, Severity::Warning))),
            (0, Some((FindingCode::DeadlineSoon, Severity::Warning))),
            (-1, Some((FindingCode::DeadlinePassed, Severity::Blocking))),
        ];
        for (days, expected) in cases {
            let date = today() + chrono::Duration::days(days);
            let fs = check(&to_request(Some(date), Some("DETR")));
            assert_eq!(
                codes(&fs),
                expected.into_iter().collect::<Vec<_>>(),
                "deadline {days} day(s) from today"
            );
        }
        let fs = check(&to_request(Some(d(2026, 11, 20)), Some("DETR")));
        assert_eq!(
            fs[0].message_fr,
            "Financement n°\u{a0}1 (État, DETR)\u{a0}: la date limite du 20 novembre 2026 est passée depuis 3\u{a0}jours et la demande n'est pas déposée"
        );
        let mut filed = to_request(Some(d(2026, 11, 20)), None);
        filed.lines.funding_lines[0].status = FundingStatus::Filed;
        assert!(
            check(&filed).is_empty(),
            "a filed request has met its deadline"
        );
    }

    #[test]
    fn a_scheme_call_gives_a_deadline_to_lines_without_one() {
        let call = SchemeCall {
            id: 1,
            fields: SchemeCallFields {
                scheme_code: "DETR".into(),
                year: 2027,
                opens_on: d(2026, 10, 1),
                closes_on: d(2026, 12, 15),
                note: String::new(),
            },
            origin: CallOrigin::User,
            created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
        };
        let fs = check_project(
            &to_request(None, Some("DETR")),
            &[],
            std::slice::from_ref(&call),
            today(),
        );
        assert_eq!(codes(&fs), [(FindingCode::DeadlineSoon, Severity::Warning)]);
        assert!(
            fs[0].message_fr.contains(
                "la clôture de l'appel DETR 2027 est le 15 décembre 2026, dans 22\u{a0}jours"
            ),
            "{}",
            fs[0].message_fr
        );
        let own = to_request(Some(d(2027, 3, 1)), Some("DETR"));
        assert!(
            check_project(&own, &[], &[call], today()).is_empty(),
            "the line's own deadline wins over the call's"
        );
    }

    #[test]
    fn the_council_stage_needs_a_plan() {
        assert_eq!(
            codes(&check(&project(4, Some(1000)))),
            [(FindingCode::NoFundingPlan, Severity::Blocking)]
        );
        assert!(
            check(&project(3, Some(1000))).is_empty(),
            "no plan yet at stage 3 is normal"
        );
    }

    #[test]
    fn late_milestones_warn_and_abandoned_projects_are_quiet() {
        let mut p = project(2, None);
        p.lines.milestones = vec![
            Milestone {
                title: "Étude".into(),
                due_date: d(2026, 11, 22),
                done: false,
            },
            Milestone {
                title: "Fait".into(),
                due_date: d(2026, 1, 1),
                done: true,
            },
            Milestone {
                title: "Aujourd'hui".into(),
                due_date: today(),
                done: false,
            },
        ];
        let fs = check(&p);
        assert_eq!(
            codes(&fs),
            [(FindingCode::MilestoneLate, Severity::Warning)],
            "only the open one due yesterday is late"
        );
        assert_eq!(fs[0].field.as_deref(), Some("milestones[0]"));
        assert_eq!(fs[0].figures.days, Some(-1));
        p.project.fields.health = Health::Abandoned;
        assert!(
            check(&p).is_empty(),
            "nothing to do on an abandoned project"
        );
    }

    #[test]
    fn findings_come_blocking_first_and_serialise_with_codes() {
        let mut p = project(4, Some(100_000));
        p.lines.milestones = vec![Milestone {
            title: "x".into(),
            due_date: d(2026, 1, 1),
            done: false,
        }];
        let fs = check(&p);
        assert_eq!(
            codes(&fs),
            [
                (FindingCode::NoFundingPlan, Severity::Blocking),
                (FindingCode::MilestoneLate, Severity::Warning)
            ]
        );
        let json = serde_json::to_value(&fs[0]).unwrap();
        assert_eq!(json["code"], "no_funding_plan", "stable code for the UI");
        assert_eq!(json["severity"], "blocking");
        assert_eq!(json["project_id"], 9);
        assert_eq!(
            FindingCode::NoFundingPlan.as_str(),
            "no_funding_plan",
            "as_str matches serde"
        );
    }

    #[test]
    fn the_demo_finds_project_9_over_the_cap_and_project_12_under_funded() {
        let mut s = crate::store::testing::store();
        crate::exchange::load_demo(&mut s, "2026-11-23T09:30:00Z".parse().unwrap()).unwrap();
        let fs = check_all(&s, Some("29024"), today()).unwrap();
        let nine: Vec<_> = fs.iter().filter(|f| f.project_id == 9).collect();
        assert!(
            nine.iter().any(|f| f.code == FindingCode::PublicAidAboveCap
                && f.severity == Severity::Blocking
                && f.message_fr.contains("85,0\u{a0}%")),
            "the maison à pans de bois has 85 % of public aid: {nine:?}"
        );
        let twelve: Vec<_> = fs.iter().filter(|f| f.project_id == 12).collect();
        assert!(
            twelve.iter().any(|f| f.code == FindingCode::PlanBelowCost
                && f.message_fr.contains("il manque 126\u{202f}000\u{a0}€")),
            "the centrale solaire lacks 126 000 €: {twelve:?}"
        );
        assert!(
            fs.windows(2).all(|w| w[0].project_id <= w[1].project_id),
            "findings come by project"
        );
    }

    #[test]
    fn percentages_round_and_never_hide_the_excess() {
        assert_eq!(percent(85, 100, 80).0, "85,0\u{a0}%");
        assert_eq!(percent(2, 3, 100).1, "66.7 %", "rounded half up");
        assert_eq!(
            percent(800_049, 1_000_000, 80).0,
            "80,01\u{a0}%",
            "above by a hair: two decimals, rounded up"
        );
        assert_eq!(
            percent(8_000, 10_000, 80).0,
            "80,0\u{a0}%",
            "the cap itself: one decimal"
        );
    }
}
