//! The comité de projet pack and the convention's annual review (*bilan
//! annuel*): what they say. [`gather`] turns a town's projects, its
//! convention indicators and the scheme catalogue into a [`Committee`]
//! (plain data, stored as JSON with the frozen pack); [`document`] fills a
//! [`Document`] from it. Both are pure: gathering from the store is
//! `desk::steering`'s, drawing is the document writers'.
//!
//! The sections, for a period `from..=to` (the time since the last
//! committee up to the meeting, or a calendar year):
//! 1. progress by ORT axis and by project: stage moves recorded in the
//!    period, milestones met (done, due in the period) and late (not done,
//!    due before the day the pack is judged on, `as_of`);
//! 2. indicators (the convention's and the projects') against their
//!    targets: the readings up to `to`, [`indicators::progress`], a chart
//!    each;
//! 3. money: cost, committed (secured: [`PlanFigures::secured`]), awarded by
//!    funders and received from them, against the convention's initial plan
//!    (the totals of the town's first stored committee pack, [`Baseline`]);
//! 4. DETR and DSIL grants with their lapse date ([`lapse::lapse_date`]),
//!    those within 180 days of `as_of` or passed highlighted;
//! 5. decisions to take: the blocking findings and warnings of the rules
//!    ([`rules::check_project`] on `as_of`, late milestones aside: they have
//!    their own list), projects whose health is "to discuss" or "blocked",
//!    milestones due before the next committee.
//!
//! The annual review adds the year-on-year change: the same counts and
//! amounts for the year before, and the multi-year plan's figures of both
//! years ([`programme::programme`]).
//!
//! Amounts awarded and received are a funder's (the owner's own funds,
//! loans and repayable advances are left out, as [`source`] says).
//! Received is the sum of a line's received payments when it has a payment
//! schedule, else its amount paid; in a period, a line without a schedule
//! counts its amount paid when its last payment date (`paid_on`) falls in
//! the period.

use super::programme::{self, add, YearFigures};
use crate::brief::{self, typo, BriefOptions};
use crate::document::{Chart, ChartPoint, Col, Document, Letterhead, Table};
use crate::model::*;
use crate::rules::figures::{source, Source};
use crate::rules::indicators::{self, Progress};
use crate::rules::lapse::{self, LapseDate, LapsePeriod};
use crate::rules::{self, Finding, PlanFigures, RuleId, Severity};
use crate::Lang;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A grant whose lapse date falls within this many days of the pack's day
/// (or has passed) is highlighted.
pub const AT_RISK_DAYS: i64 = 180;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackKind {
    /// A comité de projet meeting.
    Committee,
    /// The annual review of a calendar year.
    AnnualReview,
}

/// The days a pack covers and looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub kind: PackKind,
    /// The first day covered (the previous committee, or 1 January).
    pub from: NaiveDate,
    /// The last day covered: the meeting, or 31 December.
    pub to: NaiveDate,
    /// The day the state is judged on: late milestones, lapse dates, the
    /// rules' findings. The meeting; for a review, 31 December or the
    /// edition day when the year is not over.
    pub as_of: NaiveDate,
    /// The next committee: milestones due until then are listed.
    pub next: NaiveDate,
    /// The day the pack is made (the money's state is that day's).
    pub edited_on: NaiveDate,
}

/// The money totals of a pack: what the next packs compare with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Projects counted (abandoned ones aside).
    pub projects: usize,
    /// Their costs excl. VAT (as the plan figures take them).
    pub cost: Money,
    /// Every line of their funding plans.
    pub planned: Money,
    /// Committed: lines awarded, partly paid or paid, own funds included.
    pub secured: Money,
    /// Awarded by funders.
    pub awarded: Money,
    /// Received from funders.
    pub received: Money,
}

/// The convention's initial plan: the totals of the town's first stored
/// committee pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub pack_id: i64,
    pub meeting_date: NaiveDate,
    pub totals: Totals,
}

/// A stage move recorded in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Move {
    pub date: NaiveDate,
    pub from: Stage,
    pub to: Stage,
}

/// Where one project stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectProgress {
    pub project_id: i64,
    pub title: String,
    pub axis: Option<Axis>,
    pub stage: Stage,
    pub health: Health,
    pub moves: Vec<Move>,
    /// Milestones met in the period.
    pub met: usize,
    /// Milestones late on `as_of`.
    pub late: usize,
}

/// A milestone of a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneLine {
    pub project_id: i64,
    pub project_title: String,
    pub title: String,
    pub due: NaiveDate,
    /// Days between the due date and `as_of`, for late ones.
    pub days_late: Option<i64>,
}

/// An indicator as the pack shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorLine {
    /// The project it belongs to; none for the convention's.
    pub project_id: Option<i64>,
    pub project_title: Option<String>,
    /// The indicator with its readings up to the end of the period.
    pub indicator: Indicator,
    /// Where it stands at the end of the period.
    pub progress: Progress,
    /// Readings taken in the period.
    pub new_readings: usize,
    /// Where it stood a year before (annual review only).
    pub previous: Option<Progress>,
}

/// One project's money.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectMoney {
    pub project_id: i64,
    pub title: String,
    pub axis: Option<Axis>,
    pub cost: Option<Money>,
    pub planned: Money,
    pub secured: Money,
    pub awarded: Money,
    pub received: Money,
    pub awarded_in_period: Money,
    pub received_in_period: Money,
}

/// A DETR or DSIL grant and the day it lapses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LapseLine {
    pub project_id: i64,
    pub project_title: String,
    /// The scheme as entered ("DETR").
    pub scheme: String,
    pub amount: Option<Money>,
    pub lapse: LapseDate,
    /// Days from `as_of` to the lapse date (negative once passed).
    pub days: i64,
    /// Passed, or within [`AT_RISK_DAYS`].
    pub at_risk: bool,
}

/// A project the committee has to decide on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArbitrationLine {
    pub project_id: i64,
    pub title: String,
    pub health: Health,
    pub stage: Stage,
    /// The latest journal note, if any.
    pub last_note: Option<String>,
}

/// What happened between two days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Activity {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Stage moves recorded.
    pub stage_moves: usize,
    /// Milestones done that were due in the period.
    pub milestones_met: usize,
    /// Milestones not done, due in the period before `as_of`.
    pub milestones_missed: usize,
    /// Grants notified in the period (funders only).
    pub awarded: Money,
    /// Payments received in the period (funders only).
    pub received: Money,
}

/// The year reviewed against the year before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearOnYear {
    pub year: i32,
    pub previous: Activity,
    pub current: Activity,
    /// The multi-year plan's figures of the year before, then of the year.
    pub programme: [YearFigures; 2],
}

impl YearOnYear {
    /// The counts compared, as the PDF and the XLSX list them: (label,
    /// the year before, the year).
    pub fn counts(&self, lang: Lang) -> [(&'static str, usize, usize); 3] {
        let (a, b) = (&self.previous, &self.current);
        [
            (
                lang.pick("Étapes franchies", "Stages moved"),
                a.stage_moves,
                b.stage_moves,
            ),
            (
                lang.pick("Jalons tenus", "Milestones met"),
                a.milestones_met,
                b.milestones_met,
            ),
            (
                lang.pick("Jalons échus non tenus", "Milestones due and not met"),
                a.milestones_missed,
                b.milestones_missed,
            ),
        ]
    }

    /// The amounts compared, as the PDF and the XLSX list them.
    pub fn amounts(&self, lang: Lang) -> [(&'static str, Money, Money); 6] {
        let (a, b) = (&self.previous, &self.current);
        let [pa, pb] = &self.programme;
        [
            (
                lang.pick("Aides accordées", "Grants awarded"),
                a.awarded,
                b.awarded,
            ),
            (
                lang.pick("Versements reçus", "Payments received"),
                a.received,
                b.received,
            ),
            (
                lang.pick("Dépenses prévues (PPI)", "Spending forecast (PPI)"),
                pa.spending(),
                pb.spending(),
            ),
            (
                lang.pick("Dépenses réalisées", "Spending made"),
                pa.actual,
                pb.actual,
            ),
            (
                lang.pick(
                    "Recettes attendues (échéanciers)",
                    "Receipts expected (schedules)",
                ),
                pa.receipts,
                pb.receipts,
            ),
            (
                lang.pick("Charge nette pour la commune", "Net burden on the town"),
                pa.net,
                pb.net,
            ),
        ]
    }
}

/// Everything a pack says, as stored with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Committee {
    pub town_insee: String,
    pub town_name: String,
    pub period: Period,
    /// Projects not abandoned, by axis (in the taxonomy's order, none
    /// last) then number.
    pub projects: Vec<ProjectProgress>,
    /// Abandoned projects, left out of every section.
    pub abandoned: usize,
    pub activity: Activity,
    pub milestones_met: Vec<MilestoneLine>,
    /// Not done, due before `as_of` (in the period or before).
    pub milestones_late: Vec<MilestoneLine>,
    /// Not done, due from `as_of` to the next committee.
    pub milestones_next: Vec<MilestoneLine>,
    /// The convention's indicators first, then the projects'.
    pub indicators: Vec<IndicatorLine>,
    pub money: Vec<ProjectMoney>,
    pub totals: Totals,
    pub baseline: Option<Baseline>,
    pub lapses: Vec<LapseLine>,
    /// Blocking findings first, then warnings.
    pub findings: Vec<Finding>,
    pub to_arbitrate: Vec<ArbitrationLine>,
    pub year_on_year: Option<YearOnYear>,
}

/// What [`gather`] reads.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub town_insee: &'a str,
    pub town_name: &'a str,
    pub period: Period,
    /// The town's projects with all their lines.
    pub projects: &'a [ProjectDetail],
    /// The convention's indicators.
    pub town_indicators: &'a [Indicator],
    pub schemes: &'a [FundingScheme],
    pub calls: &'a [SchemeCall],
    pub baseline: Option<Baseline>,
}

fn axis_rank(a: Option<Axis>) -> usize {
    a.and_then(|a| Axis::ALL.iter().position(|x| *x == a))
        .unwrap_or(Axis::ALL.len())
}

/// A funder's line that is secured (awarded, partly paid, paid).
fn funder_secured(l: &FundingLine) -> bool {
    l.status.is_secured() && source(l) != Source::Owner
}

/// What a funder's secured line has brought so far.
fn received_of(l: &FundingLine) -> Money {
    if l.payments.is_empty() {
        l.amount_paid.unwrap_or_default()
    } else {
        Money(
            l.payments
                .iter()
                .filter_map(|p| p.received)
                .map(Money::cents)
                .sum(),
        )
    }
}

/// What a funder's secured line brought between `from` and `to`.
fn received_between(l: &FundingLine, from: NaiveDate, to: NaiveDate) -> Money {
    let inside = |d: Option<NaiveDate>| d.is_some_and(|d| d >= from && d <= to);
    if l.payments.is_empty() {
        if inside(l.paid_on) {
            l.amount_paid.unwrap_or_default()
        } else {
            Money(0)
        }
    } else {
        Money(
            l.payments
                .iter()
                .filter(|p| inside(p.received_on))
                .filter_map(|p| p.received)
                .map(Money::cents)
                .sum(),
        )
    }
}

fn awarded_of(l: &FundingLine) -> Money {
    l.amount_awarded.unwrap_or_else(|| l.planned_amount())
}

/// What happened in `projects` from `from` to `to`, judged on `as_of`.
pub fn activity(
    projects: &[ProjectDetail],
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> Activity {
    let inside = |d: NaiveDate| d >= from && d <= to;
    let mut a = Activity {
        from,
        to,
        stage_moves: 0,
        milestones_met: 0,
        milestones_missed: 0,
        awarded: Money(0),
        received: Money(0),
    };
    for d in projects {
        if d.project.fields.health == Health::Abandoned {
            continue;
        }
        a.stage_moves += d
            .lines
            .stage_events
            .iter()
            .filter(|e| e.from_stage.is_some() && inside(e.date))
            .count();
        for m in &d.lines.milestones {
            if m.done && inside(m.due_date) {
                a.milestones_met += 1;
            } else if !m.done && inside(m.due_date) && m.due_date < as_of {
                a.milestones_missed += 1;
            }
        }
        for l in d.lines.funding_lines.iter().filter(|l| funder_secured(l)) {
            if l.notified_on.is_some_and(inside) {
                a.awarded = add(a.awarded, awarded_of(l));
            }
            a.received = add(a.received, received_between(l, from, to));
        }
    }
    a
}

/// `ind` with its readings up to `to`.
fn up_to(ind: &Indicator, to: NaiveDate) -> Indicator {
    let mut out = ind.clone();
    out.readings.retain(|r| r.date <= to);
    out
}

fn indicator_line(ind: &Indicator, project: Option<(i64, &str)>, p: &Period) -> IndicatorLine {
    let shown = up_to(ind, p.to);
    let previous = (p.kind == PackKind::AnnualReview).then(|| {
        let end = p.from.pred_opt().unwrap_or(p.from);
        indicators::progress(&up_to(ind, end))
    });
    IndicatorLine {
        project_id: project.map(|x| x.0),
        project_title: project.map(|x| x.1.to_owned()),
        progress: indicators::progress(&shown),
        new_readings: shown.readings.iter().filter(|r| r.date >= p.from).count(),
        indicator: shown,
        previous,
    }
}

/// Everything the pack says, from the town's data.
pub fn gather(i: &Inputs) -> Committee {
    let p = i.period;
    let inside = |d: NaiveDate| d >= p.from && d <= p.to;
    let mut projects: Vec<&ProjectDetail> = i
        .projects
        .iter()
        .filter(|d| d.project.fields.health != Health::Abandoned)
        .collect();
    projects.sort_by_key(|d| (axis_rank(d.project.fields.ort_axis), d.project.id));
    let abandoned = i.projects.len() - projects.len();
    let mut c = Committee {
        town_insee: i.town_insee.to_owned(),
        town_name: i.town_name.to_owned(),
        period: p,
        projects: Vec::new(),
        abandoned,
        activity: activity(i.projects, p.from, p.to, p.as_of),
        milestones_met: Vec::new(),
        milestones_late: Vec::new(),
        milestones_next: Vec::new(),
        indicators: i
            .town_indicators
            .iter()
            .map(|ind| indicator_line(ind, None, &p))
            .collect(),
        money: Vec::new(),
        totals: Totals::default(),
        baseline: i.baseline,
        lapses: Vec::new(),
        findings: Vec::new(),
        to_arbitrate: Vec::new(),
        year_on_year: None,
    };
    for d in &projects {
        let f = &d.project.fields;
        let id = d.project.id;
        let milestone = |m: &Milestone, late: bool| MilestoneLine {
            project_id: id,
            project_title: f.title.clone(),
            title: m.title.clone(),
            due: m.due_date,
            days_late: late.then(|| (p.as_of - m.due_date).num_days()),
        };
        let (mut met, mut late) = (0, 0);
        for m in &d.lines.milestones {
            if m.done && inside(m.due_date) {
                met += 1;
                c.milestones_met.push(milestone(m, false));
            } else if !m.done && m.due_date < p.as_of {
                late += 1;
                c.milestones_late.push(milestone(m, true));
            } else if !m.done && m.due_date <= p.next {
                c.milestones_next.push(milestone(m, false));
            }
        }
        c.projects.push(ProjectProgress {
            project_id: id,
            title: f.title.clone(),
            axis: f.ort_axis,
            stage: f.stage,
            health: f.health,
            moves: d
                .lines
                .stage_events
                .iter()
                .filter(|e| inside(e.date))
                .filter_map(|e| {
                    Some(Move {
                        date: e.date,
                        from: e.from_stage?,
                        to: e.to_stage,
                    })
                })
                .collect(),
            met,
            late,
        });
        for ind in &d.lines.indicators {
            c.indicators
                .push(indicator_line(ind, Some((id, &f.title)), &p));
        }

        // Money: the plan's figures are the rules'.
        let figures = PlanFigures::of(d);
        let lines = &d.lines.funding_lines;
        let mut m = ProjectMoney {
            project_id: id,
            title: f.title.clone(),
            axis: f.ort_axis,
            cost: figures.cost,
            planned: figures.total_planned,
            secured: figures.secured,
            awarded: Money(0),
            received: Money(0),
            awarded_in_period: Money(0),
            received_in_period: Money(0),
        };
        for l in lines.iter().filter(|l| funder_secured(l)) {
            m.awarded = add(m.awarded, awarded_of(l));
            m.received = add(m.received, received_of(l));
            if l.notified_on.is_some_and(inside) {
                m.awarded_in_period = add(m.awarded_in_period, awarded_of(l));
            }
            m.received_in_period = add(m.received_in_period, received_between(l, p.from, p.to));
        }
        let t = &mut c.totals;
        t.projects += 1;
        t.cost = add(t.cost, m.cost.unwrap_or_default());
        t.planned = add(t.planned, m.planned);
        t.secured = add(t.secured, m.secured);
        t.awarded = add(t.awarded, m.awarded);
        t.received = add(t.received, m.received);
        c.money.push(m);

        // Grants that lapse: the rules' dates, judged on `as_of`.
        for l in lines {
            let Some(rule) = lapse::rule_for(l, i.schemes) else {
                continue;
            };
            let Some(date) = lapse::lapse_date(l, f, rule) else {
                continue;
            };
            let days = (date.date - p.as_of).num_days();
            c.lapses.push(LapseLine {
                project_id: id,
                project_title: f.title.clone(),
                scheme: l.scheme.clone().unwrap_or_default(),
                amount: l.amount_awarded,
                lapse: date,
                days,
                at_risk: days <= AT_RISK_DAYS,
            });
        }

        c.findings.extend(
            rules::check_project(d, i.schemes, i.calls, p.as_of)
                .into_iter()
                .filter(|x| {
                    matches!(x.severity, Severity::Blocking | Severity::Warning)
                        && x.rule != RuleId::Milestones
                }),
        );
        if matches!(f.health, Health::ToDiscuss | Health::Blocked) {
            c.to_arbitrate.push(ArbitrationLine {
                project_id: id,
                title: f.title.clone(),
                health: f.health,
                stage: f.stage,
                last_note: d
                    .lines
                    .journal
                    .iter()
                    .max_by_key(|n| n.date)
                    .map(|n| n.text.clone()),
            });
        }
    }
    c.milestones_met.sort_by_key(|m| (m.due, m.project_id));
    c.milestones_late.sort_by_key(|m| (m.due, m.project_id));
    c.milestones_next.sort_by_key(|m| (m.due, m.project_id));
    c.lapses.sort_by_key(|l| (l.lapse.date, l.project_id));
    // Blocking first; the order of the projects within a severity.
    c.findings.sort_by_key(|f| f.severity);
    if p.kind == PackKind::AnnualReview {
        let year = p.to.year();
        let start = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).expect("a year of 2000–2100");
        let end = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31).expect("a year of 2000–2100");
        let plan = programme::programme(i.projects, year - 1, year);
        c.year_on_year = Some(YearOnYear {
            year,
            previous: activity(i.projects, start(year - 1), end(year - 1), p.as_of),
            current: c.activity,
            programme: [plan.totals[0], plan.totals[1]],
        });
    }
    c
}

// ------------------------------------------------------------------ words

/// A measured value: "14,1", "1 400", "0,25" (two decimals at most).
pub fn number(x: f64, lang: Lang) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let cents = (x.abs() * 100.0).round() as i64;
    let (int, frac) = (cents / 100, cents % 100);
    let (sep, dot) = match lang {
        Lang::Fr => (typo::NNBSP, ','),
        Lang::En => (',', '.'),
    };
    let mut s = crate::text::group_thousands(int, sep);
    if frac != 0 {
        let f = format!("{frac:02}");
        s.push(dot);
        s.push_str(f.trim_end_matches('0'));
    }
    if x < 0.0 && cents != 0 {
        s.insert(0, '−');
    }
    s
}

/// A value with its unit: "14,1 %", "372 logements".
pub fn value(x: f64, unit: &str, lang: Lang) -> String {
    let unit = typo::clean(unit).replace('\n', " ");
    let unit = unit.trim();
    let n = number(x, lang);
    match (unit, lang) {
        ("", _) => n,
        ("%", Lang::En) => format!("{n}%"),
        _ => format!("{n}{}{unit}", typo::NBSP),
    }
}

/// A signed difference: "+3", "−2", "0".
fn signed(n: i64) -> String {
    match n.cmp(&0) {
        std::cmp::Ordering::Greater => format!("+{n}"),
        std::cmp::Ordering::Less => format!("−{}", n.unsigned_abs()),
        std::cmp::Ordering::Equal => "0".into(),
    }
}

/// A signed amount with its change in percent: "+125 000 € (+12 %)".
fn signed_money(before: Money, now: Money, lang: Lang) -> String {
    let diff = now.cents() - before.cents();
    let amount = typo::money(Money(diff.abs()), lang);
    let sign = match diff.cmp(&0) {
        std::cmp::Ordering::Greater => "+",
        std::cmp::Ordering::Less => "−",
        std::cmp::Ordering::Equal => "",
    };
    if before.cents() > 0 && diff != 0 {
        let pct = diff as f64 * 100.0 / before.cents() as f64;
        format!("{sign}{amount} ({sign}{})", typo::percent(pct.abs(), lang))
    } else {
        format!("{sign}{amount}")
    }
}

struct Words {
    lang: Lang,
}

impl Words {
    fn pick<'a>(&self, fr: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(fr, en)
    }
    fn date(&self, d: NaiveDate) -> String {
        typo::date(d, self.lang)
    }
    fn money(&self, m: Money) -> String {
        typo::money(m, self.lang)
    }
    fn text(&self, s: &str) -> String {
        typo::text(s, self.lang).replace('\n', " ")
    }
    fn percent(&self, x: f64) -> String {
        typo::percent(x, self.lang)
    }
    fn axis(&self, a: Option<Axis>) -> String {
        match a {
            Some(a) => brief::label(Axis::VOCABULARY, a.as_str(), self.lang),
            None => self.pick("Sans axe ORT", "No ORT axis").into(),
        }
    }
    fn health(&self, h: Health) -> String {
        brief::label(Health::VOCABULARY, h.as_str(), self.lang)
    }
    fn stage(&self, s: Stage) -> String {
        brief::stage_label(s, self.lang)
    }
    /// "x", then "y % du coût" on a line of its own.
    fn money_share(&self, m: Money, of: Money) -> String {
        if of.cents() > 0 {
            format!(
                "{}\n{} {}",
                self.money(m),
                self.percent(m.cents() as f64 * 100.0 / of.cents() as f64),
                self.pick("du coût", "of the cost")
            )
        } else {
            self.money(m)
        }
    }
    fn days(&self, n: i64) -> String {
        let s = if n.abs() > 1 { "s" } else { "" };
        let n = crate::text::group_thousands(n.abs(), typo::NNBSP);
        format!("{n}{}{}{s}", typo::NBSP, self.pick("jour", "day"))
    }
    /// "3 étapes franchies", "1 stage moved": French takes the plural
    /// above one, English at any number but one.
    fn count(&self, n: usize, one: (&str, &str), many: (&str, &str)) -> String {
        let word = match self.lang {
            Lang::Fr if n > 1 => many.0,
            Lang::Fr => one.0,
            Lang::En if n == 1 => one.1,
            Lang::En => many.1,
        };
        format!("{n} {word}")
    }
    /// "du 1er juin au 8 décembre 2026".
    fn period(&self, p: &Period) -> String {
        format!(
            "{} {} {} {}",
            self.pick("du", "from"),
            self.date(p.from),
            self.pick("au", "to"),
            self.date(p.to)
        )
    }
    fn progress(&self, pr: &Progress) -> String {
        match (pr.percent, pr.reached) {
            (Some(x), true) => format!("{}\n{}", self.percent(x), self.pick("atteinte", "reached")),
            (Some(x), false) => self.percent(x),
            (None, true) => self.pick("Cible atteinte", "Target reached").into(),
            (None, false) => "—".into(),
        }
    }
}

fn is_review(c: &Committee) -> bool {
    c.period.kind == PackKind::AnnualReview
}

/// The pack as a document: its cover, then the five sections.
pub fn document(c: &Committee, opts: &BriefOptions) -> Document {
    let w = Words { lang: opts.lang };
    let lang = opts.lang;
    let p = &c.period;
    let town = w.text(&c.town_name);
    let (kind, title) = if is_review(c) {
        (
            w.pick(
                "Bilan annuel de la convention",
                "Annual review of the convention",
            ),
            format!(
                "{} {}",
                w.pick(
                    "Bilan annuel de la convention",
                    "Annual review of the convention"
                ),
                p.to.year()
            ),
        )
    } else {
        (
            w.pick("Comité de projet", "Steering committee"),
            format!(
                "{} {}",
                w.pick("Comité de projet du", "Steering committee of"),
                w.date(p.to)
            ),
        )
    };
    let mut doc = Document::new(lang, title);
    doc.subject = format!("{kind} — Petites villes de demain");
    doc.header = Some(Letterhead {
        town: format!("{} {town}", w.pick("Commune de", "Town of")),
        logo_png: opts.logo_png.clone(),
    });
    cover(&mut doc, c, &w);
    progress(&mut doc, c, &w);
    indicators_section(&mut doc, c, &w);
    money(&mut doc, c, &w);
    lapses(&mut doc, c, &w);
    decisions(&mut doc, c, &w);
    doc
}

const SECTIONS: [(&str, &str); 5] = [
    (
        "Avancement par axe et par projet",
        "Progress by ORT axis and by project",
    ),
    ("Indicateurs", "Indicators"),
    ("Financements", "Funding"),
    (
        "Subventions à risque de caducité",
        "Grants at risk of lapsing",
    ),
    ("Décisions à prendre", "Decisions to take"),
];

fn section(doc: &mut Document, w: &Words, n: usize) {
    let (fr, en) = SECTIONS[n - 1];
    doc.h1(format!("{n}. {}", w.pick(fr, en)));
}

fn cover(doc: &mut Document, c: &Committee, w: &Words) {
    let p = &c.period;
    if is_review(c) {
        doc.display_title(format!(
            "{} {}",
            w.pick(
                "Bilan annuel de la convention",
                "Annual review of the convention"
            ),
            p.to.year()
        ));
        let mut line = format!(
            "{} {}.",
            w.pick("Année civile", "Calendar year"),
            w.period(p)
        );
        if p.as_of < p.to {
            line.push_str(&format!(
                " {} {}.",
                w.pick(
                    "L'année n'est pas close : la situation est celle du",
                    "The year is not over: the state shown is that of"
                ),
                w.date(p.as_of)
            ));
        }
        doc.para(typo::punctuate(&line, w.lang));
    } else {
        doc.display_title(w.pick("Comité de projet", "Steering committee"));
        doc.h2(format!(
            "{} {}",
            w.pick("Séance du", "Meeting of"),
            w.date(p.to)
        ));
        doc.para(typo::punctuate(
            &format!(
                "{} {} ({}). {} {}.",
                w.pick("Période couverte :", "Period covered:"),
                w.period(p),
                w.pick("depuis le précédent comité", "since the previous committee"),
                w.pick("Situation des financements au", "Funding as recorded on"),
                w.date(p.edited_on)
            ),
            w.lang,
        ));
    }
    let t = &c.totals;
    let at_risk = c.lapses.iter().filter(|l| l.at_risk).count();
    doc.key_figures([
        (
            w.pick("Projets suivis", "Projects followed").to_owned(),
            t.projects.to_string(),
        ),
        (
            w.pick("Étapes franchies", "Stages moved").to_owned(),
            c.activity.stage_moves.to_string(),
        ),
        (
            w.pick("Jalons tenus", "Milestones met").to_owned(),
            c.activity.milestones_met.to_string(),
        ),
        (
            w.pick("Jalons en retard", "Milestones late").to_owned(),
            c.milestones_late.len().to_string(),
        ),
        (
            w.pick("Coût des projets", "Cost of the projects")
                .to_owned(),
            w.money(t.cost),
        ),
        (
            w.pick("Financements acquis", "Funding committed")
                .to_owned(),
            w.money_share(t.secured, t.cost),
        ),
        (
            w.pick("Reçu des financeurs", "Received from funders")
                .to_owned(),
            w.money(t.received),
        ),
        (
            w.pick("Subventions à risque", "Grants at risk").to_owned(),
            at_risk.to_string(),
        ),
    ]);
    match &c.year_on_year {
        Some(y) => year_on_year(doc, y, w),
        None => by_axis(doc, c, w),
    }
    doc.h1(if is_review(c) {
        w.pick("Sommaire", "Contents")
    } else {
        w.pick("Ordre du jour", "Agenda")
    });
    doc.bullets(
        SECTIONS
            .iter()
            .enumerate()
            .map(|(i, (fr, en))| format!("{}. {}", i + 1, w.pick(fr, en))),
    );
    let mut note = format!(
        "{} {}. ",
        w.pick(
            "Dossier préparé avec Bourgade le",
            "Pack prepared with Bourgade on"
        ),
        w.date(p.edited_on)
    );
    note.push_str(w.pick(
        "Il est enregistré tel qu'imprimé et se réimprime à l'identique.",
        "It is stored as printed and reprints identically.",
    ));
    if c.abandoned > 0 {
        note.push(' ');
        note.push_str(&w.count(
            c.abandoned,
            (
                "projet abandonné n'est pas repris.",
                "abandoned project is left out.",
            ),
            (
                "projets abandonnés ne sont pas repris.",
                "abandoned projects are left out.",
            ),
        ));
    }
    doc.note(typo::punctuate(&note, w.lang));
    doc.page_break();
}

/// The programme by ORT axis: projects, stage moves in the period, cost
/// and what is committed.
fn by_axis(doc: &mut Document, c: &Committee, w: &Words) {
    if c.projects.is_empty() {
        return;
    }
    doc.h1(w.pick("Le programme par axe", "The programme by axis"));
    let mut t = Table::new(vec![
        Col::left(w.pick("Axe ORT", "ORT axis"), 3.2),
        Col::right(w.pick("Projets", "Projects"), 0.9),
        Col::right(w.pick("Étapes franchies", "Stages moved"), 1.1),
        Col::right(w.pick("Coût HT", "Cost excl. VAT"), 1.5),
        Col::right(w.pick("Acquis", "Committed"), 1.5),
    ]);
    let mut i = 0;
    while i < c.projects.len() {
        let axis = c.projects[i].axis;
        let n = c.projects[i..]
            .iter()
            .take_while(|p| p.axis == axis)
            .count();
        let group = &c.projects[i..i + n];
        let money = &c.money[i..i + n];
        i += n;
        let cost = money
            .iter()
            .fold(Money(0), |a, m| add(a, m.cost.unwrap_or_default()));
        let secured = money.iter().fold(Money(0), |a, m| add(a, m.secured));
        t = t.row([
            w.axis(axis),
            n.to_string(),
            group
                .iter()
                .map(|p| p.moves.len())
                .sum::<usize>()
                .to_string(),
            w.money(cost),
            w.money(secured),
        ]);
    }
    t = t.total([
        w.pick("Ensemble", "All").to_owned(),
        c.totals.projects.to_string(),
        c.activity.stage_moves.to_string(),
        w.money(c.totals.cost),
        w.money(c.totals.secured),
    ]);
    doc.table(t);
}

fn year_on_year(doc: &mut Document, y: &YearOnYear, w: &Words) {
    doc.h1(w.pick("L'année en chiffres", "The year in figures"));
    let mut t = Table::new(vec![
        Col::left("", 3.4),
        Col::right((y.year - 1).to_string(), 1.5),
        Col::right(y.year.to_string(), 1.5),
        Col::right(w.pick("Évolution", "Change"), 1.9),
    ]);
    for (label, x, z) in y.counts(w.lang) {
        t = t.row([
            label.to_owned(),
            x.to_string(),
            z.to_string(),
            signed(z as i64 - x as i64),
        ]);
    }
    for (label, x, z) in y.amounts(w.lang) {
        t = t.row([
            label.to_owned(),
            w.money(x),
            w.money(z),
            signed_money(x, z, w.lang),
        ]);
    }
    doc.table(t);
    doc.note(w.pick(
        "Aides et versements des financeurs, hors fonds propres et emprunts. Dépenses et recettes du programme pluriannuel d'investissement (montants annuels et échéanciers des subventions).",
        "Grants and payments from funders, own funds and loans aside. Spending and receipts from the multi-year investment plan (yearly amounts and grant schedules).",
    ));
}

fn progress(doc: &mut Document, c: &Committee, w: &Words) {
    section(doc, w, 1);
    let p = &c.period;
    let since = if is_review(c) {
        format!("{} {}", w.pick("En", "In"), p.to.year())
    } else {
        format!("{} {}", w.pick("Depuis le", "Since"), w.date(p.from))
    };
    doc.para(typo::punctuate(
        &format!(
            "{since} : {}, {} ; {} {} {}.",
            w.count(
                c.activity.stage_moves,
                ("étape franchie", "stage moved"),
                ("étapes franchies", "stages moved")
            ),
            w.count(
                c.activity.milestones_met,
                ("jalon tenu", "milestone met"),
                ("jalons tenus", "milestones met")
            ),
            w.count(
                c.milestones_late.len(),
                ("jalon en retard", "milestone late"),
                ("jalons en retard", "milestones late")
            ),
            w.pick("au", "on"),
            w.date(p.as_of)
        ),
        w.lang,
    ));
    if c.projects.is_empty() {
        doc.note(w.pick("Aucun projet n'est suivi.", "No project is followed."));
    }
    let moves_title = if is_review(c) {
        format!("{} {}", w.pick("Étapes en", "Stages in"), p.to.year())
    } else {
        w.pick(
            "Étapes depuis le précédent comité",
            "Stages since the previous committee",
        )
        .to_owned()
    };
    let mut i = 0;
    while i < c.projects.len() {
        let axis = c.projects[i].axis;
        let group: Vec<&ProjectProgress> = c.projects[i..]
            .iter()
            .take_while(|x| x.axis == axis)
            .collect();
        i += group.len();
        doc.h2(w.axis(axis));
        let mut t = Table::new(vec![
            Col::left(w.pick("Projet", "Project"), 3.1),
            Col::left(w.pick("Étape", "Stage"), 2.3),
            Col::left(w.pick("Santé", "Health"), 1.35),
            Col::left(&moves_title, 2.2),
            Col::right(
                w.pick("Jalons tenus / en retard", "Milestones met / late"),
                1.35,
            ),
        ]);
        for x in group {
            let moves = if x.moves.is_empty() {
                "—".to_owned()
            } else {
                x.moves
                    .iter()
                    .map(|m| {
                        format!(
                            "{} → {} ({})",
                            m.from.number(),
                            m.to.number(),
                            w.date(m.date)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ; ")
            };
            t = t.row([
                w.text(&x.title),
                w.stage(x.stage),
                w.health(x.health),
                typo::punctuate(&moves, w.lang),
                format!("{} / {}", x.met, x.late),
            ]);
        }
        doc.table(t);
    }
    doc.h2(if is_review(c) {
        w.pick("Jalons tenus dans l'année", "Milestones met in the year")
    } else {
        w.pick(
            "Jalons tenus pendant la période",
            "Milestones met in the period",
        )
    });
    if c.milestones_met.is_empty() {
        doc.note(w.pick("Aucun jalon tenu.", "No milestone met."));
    } else {
        doc.table(milestone_table(&c.milestones_met, w, false));
    }
    doc.h2(format!(
        "{} {}",
        w.pick("Jalons en retard au", "Milestones late on"),
        w.date(p.as_of)
    ));
    if c.milestones_late.is_empty() {
        doc.note(w.pick("Aucun jalon en retard.", "No milestone is late."));
    } else {
        doc.table(milestone_table(&c.milestones_late, w, true));
    }
}

fn milestone_table(list: &[MilestoneLine], w: &Words, late: bool) -> Table {
    let mut cols = vec![
        Col::left(w.pick("Projet", "Project"), 3.0),
        Col::left(w.pick("Jalon", "Milestone"), 3.4),
        Col::right(w.pick("Échéance", "Due"), 1.6),
    ];
    if late {
        cols.push(Col::right(w.pick("Retard", "Late by"), 1.2));
    }
    let mut t = Table::new(cols);
    for m in list {
        let mut cells = vec![w.text(&m.project_title), w.text(&m.title), w.date(m.due)];
        if late {
            cells.push(w.days(m.days_late.unwrap_or_default()));
        }
        t = t.row(cells);
    }
    t
}

fn point(d: Option<NaiveDate>, v: f64, w: &Words) -> ChartPoint {
    ChartPoint {
        date: d,
        value: v,
        date_text: d.map(|d| w.date(d)).unwrap_or_else(|| "—".into()),
        value_text: number(v, w.lang),
    }
}

fn chart_of(l: &IndicatorLine, w: &Words, review: bool) -> Chart {
    let ind = &l.indicator;
    let mut caption = match (&l.progress.latest, l.progress.reached, l.progress.percent) {
        (None, _, _) => w.pick("Aucune mesure", "No reading yet").to_owned(),
        (Some(_), true, _) => w.pick("Cible atteinte", "Target reached").to_owned(),
        (Some(_), false, Some(x)) => {
            format!("{} {}", w.pick("Avancement", "Progress"), w.percent(x))
        }
        (Some(r), false, None) => format!(
            "{} {}",
            w.pick("Dernière mesure le", "Last reading on"),
            w.date(r.date)
        ),
    };
    if review {
        if let (Some(prev), Some(_)) = (
            l.previous.as_ref().and_then(|p| p.percent),
            l.progress.percent,
        ) {
            caption.push_str(&format!(
                " ({} {})",
                w.percent(prev),
                w.pick("un an avant", "a year before")
            ));
        }
    } else if l.new_readings > 0 {
        caption.push_str(&format!(
            " · {}",
            w.count(
                l.new_readings,
                ("nouvelle mesure", "new reading"),
                ("nouvelles mesures", "new readings")
            )
        ));
    }
    let title = match &l.project_title {
        Some(p) => format!("{} — {}", w.text(&ind.label), w.text(p)),
        None => w.text(&ind.label),
    };
    Chart {
        title,
        caption,
        unit: w.text(&ind.unit),
        readings: ind
            .readings
            .iter()
            .map(|r| point(Some(r.date), r.value, w))
            .collect(),
        baseline: ind.baseline_value.map(|v| point(ind.baseline_date, v, w)),
        target: ind.target_value.map(|v| point(ind.target_date, v, w)),
    }
}

/// "30/06/2026" in French, "2026-06-30" in English: short dates for the
/// narrow columns of a table.
fn short_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// "14,1 % (30 juin 2026)" or "—".
fn dated_value(v: Option<f64>, d: Option<NaiveDate>, unit: &str, w: &Words) -> String {
    match (v, d) {
        (Some(v), Some(d)) => format!("{}\n{}", value(v, unit, w.lang), short_date(d, w.lang)),
        (Some(v), None) => value(v, unit, w.lang),
        _ => "—".into(),
    }
}

fn indicator_table(
    list: &[&IndicatorLine],
    w: &Words,
    with_project: bool,
    year: Option<i32>,
) -> Table {
    let mut cols = Vec::new();
    if with_project {
        cols.push(Col::left(w.pick("Projet", "Project"), 2.2));
    }
    cols.push(Col::left(w.pick("Indicateur", "Indicator"), 2.5));
    match year {
        Some(y) => {
            cols.push(Col::right(
                format!("{} {}", w.pick("Fin", "End of"), y - 1),
                1.6,
            ));
            cols.push(Col::right(
                format!("{} {}", w.pick("Fin", "End of"), y),
                1.6,
            ));
        }
        None => {
            cols.push(Col::right(w.pick("Référence", "Baseline"), 1.6));
            cols.push(Col::right(w.pick("Dernière mesure", "Latest reading"), 1.6));
        }
    }
    cols.push(Col::right(w.pick("Cible", "Target"), 1.6));
    cols.push(Col::right(w.pick("Avancement", "Progress"), 1.6));
    let mut t = Table::new(cols);
    for l in list {
        let ind = &l.indicator;
        let unit = &ind.unit;
        let mut cells = Vec::new();
        if with_project {
            cells.push(w.text(l.project_title.as_deref().unwrap_or("")));
        }
        cells.push(w.text(&ind.label));
        let latest = |pr: &Progress| {
            pr.latest
                .as_ref()
                .map(|r| dated_value(Some(r.value), Some(r.date), unit, w))
                .unwrap_or_else(|| "—".into())
        };
        match (year, &l.previous) {
            (Some(_), Some(prev)) => {
                cells.push(latest(prev));
                cells.push(latest(&l.progress));
            }
            _ => {
                cells.push(dated_value(ind.baseline_value, ind.baseline_date, unit, w));
                cells.push(latest(&l.progress));
            }
        }
        cells.push(dated_value(ind.target_value, ind.target_date, unit, w));
        let mut pr = w.progress(&l.progress);
        if let (Some(prev), Some(now)) = (
            l.previous.as_ref().and_then(|p| p.percent),
            l.progress.percent,
        ) {
            let d = ((now - prev) * 10.0).round() / 10.0;
            if d != 0.0 {
                pr.push_str(&format!(
                    " ({}{} {})",
                    if d > 0.0 { "+" } else { "−" },
                    number(d.abs(), w.lang),
                    w.pick("pt", "pt")
                ));
            }
        }
        cells.push(pr);
        t = t.row(cells);
    }
    t
}

fn indicators_section(doc: &mut Document, c: &Committee, w: &Words) {
    doc.page_break();
    section(doc, w, 2);
    let p = &c.period;
    doc.para(typo::punctuate(
        &format!(
            "{} {}.",
            w.pick(
                "L'avancement est le chemin parcouru de la valeur de référence vers la cible, dans le sens voulu (un taux de vacance qui baisse de 18 % vers 12 % est à 50 % quand il atteint 15 %). Mesures enregistrées jusqu'au",
                "Progress is the way covered from the baseline towards the target, in the wanted direction (a vacancy rate going down from 18% to 12% is at 50% when it reaches 15%). Readings recorded up to"
            ),
            w.date(p.to)
        ),
        w.lang,
    ));
    if c.indicators.is_empty() {
        doc.note(w.pick(
            "Aucun indicateur n'est renseigné, ni pour la convention ni pour les projets.",
            "No indicator is entered, for the convention or for the projects.",
        ));
        return;
    }
    let year = is_review(c).then(|| p.to.year());
    let town: Vec<&IndicatorLine> = c
        .indicators
        .iter()
        .filter(|l| l.project_id.is_none())
        .collect();
    let projects: Vec<&IndicatorLine> = c
        .indicators
        .iter()
        .filter(|l| l.project_id.is_some())
        .collect();
    for (list, with_project, title) in [
        (
            &town,
            false,
            w.pick(
                "Indicateurs de la convention",
                "The convention's indicators",
            ),
        ),
        (
            &projects,
            true,
            w.pick("Indicateurs des projets", "The projects' indicators"),
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        doc.h2(title);
        doc.table(indicator_table(list, w, with_project, year));
        doc.charts(
            list.iter()
                .map(|l| chart_of(l, w, year.is_some()))
                .collect(),
        );
    }
}

fn money(doc: &mut Document, c: &Committee, w: &Words) {
    doc.page_break();
    section(doc, w, 3);
    let p = &c.period;
    let t = &c.totals;
    let town = w.text(&c.town_name);
    match (&c.baseline, is_review(c)) {
        (Some(b), _) => doc.para(typo::punctuate(
            &format!(
                "{} {town}, {} {} ({} {}). {}",
                w.pick(
                    "Plan initial de la convention : les montants du premier comité de projet enregistré pour",
                    "The convention's initial plan: the amounts of the first steering committee stored for"
                ),
                w.pick("celui du", "that of"),
                w.date(b.meeting_date),
                w.pick("dossier n°", "pack no."),
                b.pack_id,
                w.pick(
                    "Bourgade ne conserve pas d'autre plan initial.",
                    "Bourgade keeps no other initial plan."
                )
            ),
            w.lang,
        )),
        (None, false) => doc.para(typo::punctuate(
            &format!(
                "{} {town} : {}",
                w.pick(
                    "Ce dossier est le premier comité de projet enregistré pour",
                    "This pack is the first steering committee stored for"
                ),
                w.pick(
                    "ses montants deviennent le plan initial de la convention, auquel les comités suivants se compareront.",
                    "its amounts become the convention's initial plan, which the next committees will be compared with."
                )
            ),
            w.lang,
        )),
        (None, true) => doc.para(w.pick(
            "Aucun comité de projet n'est encore enregistré : la comparaison au plan initial de la convention commencera avec le premier, qui en fixera les montants.",
            "No steering committee is stored yet: the comparison with the convention's initial plan starts with the first one, whose amounts become that plan.",
        )),
    };
    doc.key_figures([
        (
            w.pick("Coût des projets", "Cost of the projects")
                .to_owned(),
            w.money(t.cost),
        ),
        (
            w.pick("Engagé (acquis)", "Committed (secured)").to_owned(),
            w.money_share(t.secured, t.cost),
        ),
        (
            w.pick("Accordé", "Awarded").to_owned(),
            w.money_share(t.awarded, t.cost),
        ),
        (
            w.pick("Reçu", "Received").to_owned(),
            w.money_share(t.received, t.cost),
        ),
    ]);
    type Line = (&'static str, &'static str, fn(&Totals) -> Money);
    let rows: [Line; 5] = [
        (
            "Coût HT des projets",
            "Cost excl. VAT of the projects",
            |t| t.cost,
        ),
        ("Plans de financement", "Funding plans", |t| t.planned),
        ("Engagé (acquis)", "Committed (secured)", |t| t.secured),
        ("Accordé par les financeurs", "Awarded by funders", |t| {
            t.awarded
        }),
        ("Reçu des financeurs", "Received from funders", |t| {
            t.received
        }),
    ];
    let now_title = format!("{} {}", w.pick("Au", "On"), w.date(p.edited_on));
    match &c.baseline {
        Some(b) => {
            let mut table = Table::new(vec![
                Col::left("", 2.6),
                Col::right(
                    format!(
                        "{} ({})",
                        w.pick("Plan initial", "Initial plan"),
                        w.date(b.meeting_date)
                    ),
                    1.8,
                ),
                Col::right(now_title, 1.6),
                Col::right(w.pick("Écart", "Difference"), 2.0),
            ]);
            table = table.row([
                w.pick("Projets suivis", "Projects followed").to_owned(),
                b.totals.projects.to_string(),
                t.projects.to_string(),
                signed(t.projects as i64 - b.totals.projects as i64),
            ]);
            for (fr, en, get) in rows {
                table = table.row([
                    w.pick(fr, en).to_owned(),
                    w.money(get(&b.totals)),
                    w.money(get(t)),
                    signed_money(get(&b.totals), get(t), w.lang),
                ]);
            }
            doc.table(table);
        }
        None => {
            let mut table = Table::new(vec![Col::left("", 3.0), Col::right(now_title, 1.6)]);
            table = table.row([
                w.pick("Projets suivis", "Projects followed").to_owned(),
                t.projects.to_string(),
            ]);
            for (fr, en, get) in rows {
                table = table.row([w.pick(fr, en).to_owned(), w.money(get(t))]);
            }
            doc.table(table);
        }
    }
    doc.h2(if is_review(c) {
        format!("{} {}", w.pick("Dans l'année", "In"), p.to.year())
    } else {
        format!("{} {}", w.pick("Depuis le", "Since"), w.date(p.from))
    });
    doc.table(
        Table::new(vec![
            Col::left("", 3.0),
            Col::right(w.pick("Montant", "Amount"), 1.6),
        ])
        .row([
            w.pick(
                "Aides accordées (notifiées dans la période)",
                "Grants awarded (notified in the period)",
            )
            .to_owned(),
            w.money(c.activity.awarded),
        ])
        .row([
            w.pick(
                "Versements reçus des financeurs",
                "Payments received from funders",
            )
            .to_owned(),
            w.money(c.activity.received),
        ]),
    );
    doc.h2(w.pick("Par axe et par projet", "By axis and by project"));
    let mut table = Table::new(vec![
        Col::left(w.pick("Projet", "Project"), 3.4),
        Col::right(w.pick("Coût HT", "Cost excl. VAT"), 1.5),
        Col::right(w.pick("Engagé", "Committed"), 1.5),
        Col::right(w.pick("Accordé", "Awarded"), 1.5),
        Col::right(w.pick("Reçu", "Received"), 1.4),
    ]);
    let mut i = 0;
    while i < c.money.len() {
        let axis = c.money[i].axis;
        let group: Vec<&ProjectMoney> =
            c.money[i..].iter().take_while(|m| m.axis == axis).collect();
        i += group.len();
        let mut sub = [Money(0); 4];
        for m in &group {
            table = table.row([
                w.text(&m.title),
                m.cost.map(|x| w.money(x)).unwrap_or_else(|| "—".into()),
                w.money(m.secured),
                w.money(m.awarded),
                w.money(m.received),
            ]);
            for (s, x) in
                sub.iter_mut()
                    .zip([m.cost.unwrap_or_default(), m.secured, m.awarded, m.received])
            {
                *s = add(*s, x);
            }
        }
        table = table.subtotal([
            format!("{} {}", w.pick("Sous-total", "Subtotal:"), w.axis(axis)),
            w.money(sub[0]),
            w.money(sub[1]),
            w.money(sub[2]),
            w.money(sub[3]),
        ]);
    }
    table = table.total([
        w.pick("Total", "Total").to_owned(),
        w.money(t.cost),
        w.money(t.secured),
        w.money(t.awarded),
        w.money(t.received),
    ]);
    doc.table(table);
    doc.note(w.pick(
        "Engagé : lignes des plans de financement accordées, en partie versées ou versées, fonds propres compris (les chiffres du plan de financement). Accordé : aides et apports des financeurs, hors fonds propres et emprunts. Reçu : versements reçus des financeurs (l'échéancier quand il est saisi, sinon le montant versé).",
        "Committed: lines of the funding plans awarded, partly paid or paid, own funds included (the funding plan's figures). Awarded: grants and contributions from funders, own funds and loans aside. Received: payments received from funders (the schedule when entered, else the amount paid).",
    ));
}

fn lapses(doc: &mut Document, c: &Committee, w: &Words) {
    section(doc, w, 4);
    let p = &c.period;
    doc.para(typo::punctuate(
        &format!(
            "{} {} {}.",
            w.pick(
                "Une subvention DETR ou DSIL devient caduque si l'opération n'a pas commencé dans les deux ans de sa notification (CGCT, art. R2334-28) ; une opération non achevée dans les quatre ans de son commencement est réputée terminée et plus aucune demande de paiement n'est recevable (art. R2334-29) ; le préfet peut prolonger ces délais d'un an et de deux ans au plus. Surlignées : les dates passées ou dans les 180 jours suivant le",
                "A DETR or DSIL grant lapses if the operation has not started within two years of its notification (CGCT art. R2334-28); an operation not completed within four years of its start is deemed finished and no payment request is received any more (art. R2334-29); the préfet may extend these periods by one and two years at most. Highlighted: dates passed or within 180 days of"
            ),
            w.date(p.as_of),
            w.pick("(jour du comité)", "(the day of the meeting)")
        ),
        w.lang,
    ));
    if c.lapses.is_empty() {
        doc.note(w.pick(
            "Aucune subvention DETR ou DSIL accordée n'est en cours.",
            "No awarded DETR or DSIL grant is running.",
        ));
        return;
    }
    let mut t = Table::new(vec![
        Col::left(w.pick("Projet", "Project"), 2.6),
        Col::left(w.pick("Subvention", "Grant"), 1.4),
        Col::left(w.pick("Délai", "Period"), 2.4),
        Col::right(w.pick("Caducité", "Lapses on"), 1.5),
        Col::right(w.pick("Échéance", "Time left"), 1.7),
    ]);
    for l in &c.lapses {
        let grant = match l.amount {
            Some(a) => format!("{}\n{}", w.text(&l.scheme), w.money(a)),
            None => w.text(&l.scheme),
        };
        let mut period = match l.lapse.period {
            LapsePeriod::Start => format!(
                "{} {}",
                w.pick("Commencement ; notifiée le", "Start; notified on"),
                w.date(l.lapse.from)
            ),
            LapsePeriod::Completion => format!(
                "{} {}",
                w.pick("Achèvement ; commencée le", "Completion; started on"),
                w.date(l.lapse.from)
            ),
        };
        if l.lapse.extended {
            period.push_str(w.pick(" ; prorogée", "; extended"));
        }
        let left = if l.days < 0 {
            format!("{} {}", w.pick("passée de", "passed by"), w.days(-l.days))
        } else {
            format!("{} {}", w.pick("dans", "in"), w.days(l.days))
        };
        let cells = [
            w.text(&l.project_title),
            grant,
            typo::punctuate(&period, w.lang),
            w.date(l.lapse.date),
            left,
        ];
        t = if l.at_risk {
            t.alert(cells)
        } else {
            t.row(cells)
        };
    }
    doc.table(t);
}

fn decisions(doc: &mut Document, c: &Committee, w: &Words) {
    section(doc, w, 5);
    let p = &c.period;
    doc.h2(w.pick(
        "Points bloquants et alertes des règles",
        "Blocking points and warnings of the rules",
    ));
    if c.findings.is_empty() {
        doc.note(w.pick(
            "Aucun point bloquant ni alerte.",
            "No blocking point or warning.",
        ));
    } else {
        let mut t = Table::new(vec![
            Col::left(w.pick("Projet", "Project"), 2.4),
            Col::left(w.pick("Niveau", "Level"), 1.1),
            Col::left(w.pick("Constat", "Finding"), 5.0),
        ]);
        for f in &c.findings {
            let level = match f.severity {
                Severity::Blocking => w.pick("Bloquant", "Blocking"),
                _ => w.pick("Alerte", "Warning"),
            };
            let cells = [
                w.text(&f.project_title),
                level.to_owned(),
                w.text(f.message(w.lang)),
            ];
            t = if f.severity == Severity::Blocking {
                t.alert(cells)
            } else {
                t.row(cells)
            };
        }
        doc.table(t);
    }
    doc.h2(w.pick(
        "Projets à arbitrer (à discuter ou bloqués)",
        "Projects to decide on (to discuss or blocked)",
    ));
    if c.to_arbitrate.is_empty() {
        doc.note(w.pick("Aucun projet à arbitrer.", "No project to decide on."));
    } else {
        let mut t = Table::new(vec![
            Col::left(w.pick("Projet", "Project"), 2.6),
            Col::left(w.pick("Santé", "Health"), 1.1),
            Col::left(w.pick("Étape", "Stage"), 1.9),
            Col::left(
                w.pick("Dernière note du journal", "Latest journal note"),
                3.4,
            ),
        ]);
        for a in &c.to_arbitrate {
            t = t.row([
                w.text(&a.title),
                w.health(a.health),
                w.stage(a.stage),
                a.last_note
                    .as_deref()
                    .map(|n| w.text(n))
                    .unwrap_or_else(|| "—".into()),
            ]);
        }
        doc.table(t);
    }
    doc.h2(format!(
        "{} {}",
        w.pick(
            "Jalons d'ici le prochain comité, jusqu'au",
            "Milestones until the next committee, up to"
        ),
        w.date(p.next)
    ));
    if c.milestones_next.is_empty() {
        doc.note(w.pick("Aucun jalon prévu.", "No milestone planned."));
    } else {
        doc.table(milestone_table(&c.milestones_next, w, false));
    }
    doc.h2(w.pick(
        "Relevé de décisions du comité",
        "Decisions of the committee",
    ));
    doc.vote((1..=4).map(|n| format!("{n}. {}", "…".repeat(40))));
}
