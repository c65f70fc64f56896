//! The figures of the dashboard: projects per stage, late or blocked
//! projects, what falls due in the next 60 days, cost against funding.
//! Computed here so the UI only presents them.

use crate::error::Result;
use crate::model::{Funder, FundingStatus, Health, Money, ProjectSummary, Stage};
use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;

/// How far ahead the dashboard looks for deadlines.
pub const HORIZON_DAYS: i64 = 60;

/// Number of projects at one stage.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct StageCount {
    pub stage: Stage,
    pub count: usize,
}

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Milestone,
    FundingDeadline,
}

/// One dated thing to do.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Deadline {
    pub date: NaiveDate,
    pub kind: DeadlineKind,
    pub project_id: i64,
    pub project_title: String,
    /// The milestone title, or the funding scheme (or funder code).
    pub label: String,
}

/// Money from one kind of funder.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct FunderTotal {
    pub funder: Funder,
    /// Awarded or paid.
    pub secured: Money,
    /// To request or filed.
    pub pending: Money,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Dashboard {
    pub total_projects: usize,
    pub stage_counts: Vec<StageCount>,
    pub late_or_blocked: Vec<ProjectSummary>,
    /// Open milestones and funding deadlines from today to today + 60 days, by date.
    pub upcoming: Vec<Deadline>,
    /// Open milestones already past due.
    pub overdue: Vec<Deadline>,
    pub total_cost_excl_vat: Money,
    pub funding_secured: Money,
    pub funding_pending: Money,
    pub funding_by_funder: Vec<FunderTotal>,
    /// Readiness findings to handle ("à traiter"): blocking and warnings,
    /// blocking first.
    pub to_handle: Vec<crate::funding::Finding>,
}

fn is_secured(s: FundingStatus) -> bool {
    matches!(
        s,
        FundingStatus::Awarded | FundingStatus::PartiallyPaid | FundingStatus::Paid
    )
}

/// The dashboard of one town (or every followed town with `None`) on `today`.
/// Abandoned projects count in the stage totals but not in money or deadlines.
/// Every project's lines are read in one query per kind of line, once, for
/// the figures and the readiness findings alike.
pub fn dashboard(store: &Store, town_insee: Option<&str>, today: NaiveDate) -> Result<Dashboard> {
    let details = store.project_details_in(town_insee)?;
    let mut stage_counts: Vec<StageCount> = Stage::all()
        .map(|stage| StageCount { stage, count: 0 })
        .collect();
    let mut by_funder: Vec<FunderTotal> = Funder::ALL
        .iter()
        .map(|&funder| FunderTotal {
            funder,
            secured: Money(0),
            pending: Money(0),
        })
        .collect();
    let (mut upcoming, mut overdue) = (Vec::new(), Vec::new());
    let (mut cost, mut secured, mut pending) = (0i64, 0i64, 0i64);
    let horizon = today + chrono::Duration::days(HORIZON_DAYS);
    for d in &details {
        let p = &d.project;
        stage_counts[p.fields.stage.number() as usize].count += 1;
        if p.fields.health == Health::Abandoned {
            continue;
        }
        cost += p.fields.cost_excl_vat.map_or(0, Money::cents);
        for l in &d.lines.funding_lines {
            let amount = l.planned_amount().cents();
            let slot = &mut by_funder[Funder::ALL.iter().position(|f| *f == l.funder).unwrap_or(0)];
            if is_secured(l.status) {
                secured += amount;
                slot.secured.0 += amount;
            } else if l.status != FundingStatus::Refused {
                pending += amount;
                slot.pending.0 += amount;
            }
            if let Some(date) = l.deadline.filter(|_| l.status == FundingStatus::ToRequest) {
                if date >= today && date <= horizon {
                    let label = l
                        .scheme
                        .clone()
                        .unwrap_or_else(|| l.funder.as_str().to_owned());
                    upcoming.push(Deadline {
                        date,
                        kind: DeadlineKind::FundingDeadline,
                        project_id: p.id,
                        project_title: p.fields.title.clone(),
                        label,
                    });
                }
            }
        }
        for m in d.lines.milestones.iter().filter(|m| !m.done) {
            let deadline = Deadline {
                date: m.due_date,
                kind: DeadlineKind::Milestone,
                project_id: p.id,
                project_title: p.fields.title.clone(),
                label: m.title.clone(),
            };
            if m.due_date < today {
                overdue.push(deadline);
            } else if m.due_date <= horizon {
                upcoming.push(deadline);
            }
        }
    }
    let by_date = |a: &Deadline, b: &Deadline| {
        (a.date, a.project_id, &a.label).cmp(&(b.date, b.project_id, &b.label))
    };
    upcoming.sort_by(by_date);
    overdue.sort_by(by_date);
    by_funder.retain(|f| f.secured.0 + f.pending.0 > 0);
    let mut to_handle: Vec<_> = crate::funding::readiness::check_details(store, &details, today)?
        .into_iter()
        .filter(|f| f.severity != crate::funding::Severity::Info)
        .collect();
    to_handle.sort_by_key(|f| (f.severity, f.project_id));
    Ok(Dashboard {
        total_projects: details.len(),
        stage_counts,
        late_or_blocked: store
            .projects_with_health(town_insee, &[Health::Late, Health::Blocked])?,
        upcoming,
        overdue,
        total_cost_excl_vat: Money(cost),
        funding_secured: Money(secured),
        funding_pending: Money(pending),
        funding_by_funder: by_funder,
        to_handle,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use chrono::Utc;

    #[test]
    fn counts_money_and_deadlines() {
        let mut s = crate::store::testing::store();
        s.add_town("29024", false, Utc::now()).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let fields = ProjectFields {
            town_insee: "29024".into(),
            title: "Halle".into(),
            stage: Stage::new(5).unwrap(),
            health: Health::Late,
            cost_excl_vat: Some(Money::euros(100_000)),
            ..Default::default()
        };
        let p = s.create_project(fields, "", Utc::now()).unwrap();
        let mut lines = ProjectLines::default();
        let mut dsil = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::Awarded,
        );
        dsil.amount_awarded = Some(Money::euros(30_000));
        let mut region = FundingLine::new(
            Funder::Region,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::ToRequest,
        );
        region.amount_requested = Some(Money::euros(20_000));
        region.deadline = NaiveDate::from_ymd_opt(2026, 12, 15);
        let mut refused = FundingLine::new(
            Funder::Eu,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::Refused,
        );
        refused.amount_requested = Some(Money::euros(99_000));
        lines.funding_lines = vec![dsil, region, refused];
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        lines.milestones = vec![
            Milestone {
                title: "Permis".into(),
                due_date: day(11, 1),
                done: false,
            },
            Milestone {
                title: "Appel d'offres".into(),
                due_date: day(12, 1),
                done: false,
            },
            Milestone {
                title: "Fait".into(),
                due_date: day(12, 2),
                done: true,
            },
        ];
        s.save_project_lines(p.id, lines, Utc::now()).unwrap();

        let d = dashboard(&s, Some("29024"), today).unwrap();
        assert_eq!(d.stage_counts[5].count, 1, "one project at stage 5");
        assert_eq!(d.late_or_blocked.len(), 1, "the late project is listed");
        assert_eq!(
            d.funding_secured,
            Money::euros(30_000),
            "awarded counts as secured"
        );
        assert_eq!(
            d.funding_pending,
            Money::euros(20_000),
            "to-request counts as pending; refused counts nowhere"
        );
        assert_eq!(d.total_cost_excl_vat, Money::euros(100_000));
        let labels: Vec<&str> = d.upcoming.iter().map(|u| u.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Appel d'offres", "region"],
            "by date: milestone 1 Dec, region deadline 15 Dec; done milestones skipped"
        );
        assert_eq!(d.overdue.len(), 1, "the past milestone is overdue");
        assert_eq!(
            d.funding_by_funder.len(),
            2,
            "only funders with money: state and region"
        );
    }
}
