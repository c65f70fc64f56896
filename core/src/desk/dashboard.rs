//! The figures of the dashboard: projects per stage, late or blocked
//! projects, what falls due in the next 60 days, cost against funding.
//! Computed here so the UI only presents them.

use crate::error::Result;
pub use crate::model::{Deadline, DeadlineKind};
use crate::model::{Funder, FundingStatus, Health, Money, ProjectSummary, Stage};
use crate::store::{Store, Window};
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

/// Money from one kind of funder.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct FunderTotal {
    pub funder: Funder,
    /// Awarded or paid.
    pub secured: Money,
    /// To request or filed.
    pub pending: Money,
}

/// How many items each of the dashboard's lists shows; the totals say how
/// many there are in all (a whole département can have thousands).
pub const LIST_LIMIT: u32 = 50;

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Dashboard {
    pub total_projects: usize,
    pub stage_counts: Vec<StageCount>,
    /// The first [`LIST_LIMIT`] late or blocked projects, by number.
    pub late_or_blocked: Vec<ProjectSummary>,
    pub late_or_blocked_total: usize,
    /// Open milestones, funding deadlines and the closing dates of the aids
    /// that fit a project, from today to today + 60 days, by date: the
    /// first [`LIST_LIMIT`].
    pub upcoming: Vec<Deadline>,
    pub upcoming_total: usize,
    /// Open milestones already past due, by date: the first [`LIST_LIMIT`].
    pub overdue: Vec<Deadline>,
    pub overdue_total: usize,
    pub total_cost_excl_vat: Money,
    pub funding_secured: Money,
    pub funding_pending: Money,
    pub funding_by_funder: Vec<FunderTotal>,
    /// Readiness findings to handle ("à traiter"): the first
    /// [`LIST_LIMIT`], blocking first, and how many of each kind.
    pub to_handle: crate::desk::readiness::ToHandle,
}

/// The dashboard of one town (or every followed town with `None`) on `today`.
/// Abandoned projects count in the stage totals but not in money, deadlines
/// or findings. Every figure is an aggregate query (figures for a whole
/// département in docs/PERFORMANCE.md); the readiness findings are those
/// kept per project by [`crate::desk::readiness::to_handle`].
pub fn dashboard(store: &Store, town_insee: Option<&str>, today: NaiveDate) -> Result<Dashboard> {
    let town = town_insee.map(str::trim);
    let mut stage_counts: Vec<StageCount> = Stage::all()
        .map(|stage| StageCount { stage, count: 0 })
        .collect();
    for (stage, count) in store.stage_counts(town)? {
        stage_counts[stage.number() as usize].count = count;
    }
    let mut by_funder: Vec<FunderTotal> = Funder::ALL
        .iter()
        .map(|&funder| FunderTotal {
            funder,
            secured: Money(0),
            pending: Money(0),
        })
        .collect();
    let (mut secured, mut pending) = (0i64, 0i64);
    for (funder, status, amount) in store.funding_totals(town)? {
        let slot = &mut by_funder[Funder::ALL.iter().position(|f| *f == funder).unwrap_or(0)];
        if status.is_secured() {
            secured += amount;
            slot.secured.0 += amount;
        } else if status != FundingStatus::Refused {
            pending += amount;
            slot.pending.0 += amount;
        }
    }
    by_funder.retain(|f| f.secured.0 + f.pending.0 > 0);
    let horizon = today + chrono::Duration::days(HORIZON_DAYS);
    let (mut upcoming, stored_total) =
        store.deadlines(town, Window::Between(today, horizon), LIST_LIMIT)?;
    // Aids that fit a project and close within the horizon join the list.
    let aids = crate::desk::aids::aid_deadlines(store, town, today, horizon, today)?;
    let upcoming_total = stored_total + aids.len();
    upcoming.extend(aids);
    upcoming
        .sort_by(|a, b| (a.date, a.project_id, &a.label).cmp(&(b.date, b.project_id, &b.label)));
    upcoming.truncate(LIST_LIMIT as usize);
    let (overdue, overdue_total) =
        store.deadlines(town, Window::MilestonesBefore(today), LIST_LIMIT)?;
    let (late_or_blocked, late_or_blocked_total) =
        store.projects_with_health_page(town, &[Health::Late, Health::Blocked], LIST_LIMIT)?;
    Ok(Dashboard {
        total_projects: stage_counts.iter().map(|s| s.count).sum(),
        stage_counts,
        late_or_blocked,
        late_or_blocked_total,
        upcoming,
        upcoming_total,
        overdue,
        overdue_total,
        total_cost_excl_vat: Money(store.total_cost(town)?),
        funding_secured: Money(secured),
        funding_pending: Money(pending),
        funding_by_funder: by_funder,
        to_handle: crate::desk::readiness::to_handle(store, town, today, LIST_LIMIT as usize)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::readiness::{check_all, ToHandle};
    use crate::model::*;
    use crate::store::ProjectFilter;
    use chrono::Utc;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The demo town and a second followed town with projects of its own.
    fn demo() -> Store {
        let mut s = crate::store::testing::store();
        crate::exchange::load_demo(&mut s, Utc::now()).unwrap();
        s.add_town("29197", Utc::now()).unwrap();
        for (title, health) in [("Halle", Health::Late), ("Ateliers", Health::Abandoned)] {
            let fields = ProjectFields {
                town_insee: "29197".into(),
                title: title.into(),
                health,
                stage: Stage::new(5).unwrap(),
                cost_excl_vat: Some(Money::euros(200_000)),
                ..Default::default()
            };
            let p = s.create_project(fields, Utc::now()).unwrap();
            let mut lines = ProjectLines::default();
            let mut l = FundingLine::new(
                Funder::State,
                FundingKind::Grant,
                ExpenseNature::Investment,
                FundingStatus::ToRequest,
            );
            l.amount_requested = Some(Money::euros(150_000));
            l.deadline = Some(day(2026, 12, 10));
            lines.funding_lines.push(l);
            lines.milestones.push(Milestone {
                title: "Permis".into(),
                due_date: day(2026, 10, 1),
                done: false,
            });
            s.save_project_lines(p.id, lines, Utc::now()).unwrap();
        }
        s
    }

    /// The dashboard's figures computed the plain way, from every
    /// project's details, for comparison with the aggregate queries.
    fn from_details(s: &Store, town: Option<&str>, today: NaiveDate) -> Dashboard {
        let details = s.project_details_in(town).unwrap();
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
        let (mut upcoming, mut overdue, mut late) = (Vec::new(), Vec::new(), Vec::new());
        let (mut cost, mut secured, mut pending) = (0, 0, 0);
        let horizon = today + chrono::Duration::days(HORIZON_DAYS);
        for d in &details {
            let p = &d.project;
            stage_counts[p.fields.stage.number() as usize].count += 1;
            if matches!(p.fields.health, Health::Late | Health::Blocked) {
                late.push(p.id);
            }
            if p.fields.health == Health::Abandoned {
                continue;
            }
            cost += p.fields.cost_excl_vat.map_or(0, Money::cents);
            for l in &d.lines.funding_lines {
                let amount = l.planned_amount().cents();
                let slot = by_funder.iter_mut().find(|f| f.funder == l.funder).unwrap();
                if l.status.is_secured() {
                    secured += amount;
                    slot.secured.0 += amount;
                } else if l.status != FundingStatus::Refused {
                    pending += amount;
                    slot.pending.0 += amount;
                }
                if let Some(date) = l.deadline.filter(|_| l.status == FundingStatus::ToRequest) {
                    if date >= today && date <= horizon {
                        upcoming.push(Deadline {
                            date,
                            kind: DeadlineKind::FundingDeadline,
                            project_id: p.id,
                            project_title: p.fields.title.clone(),
                            label: l.scheme.clone().unwrap_or_else(|| l.funder.as_str().into()),
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
        let key = |a: &Deadline| (a.date, a.project_id, a.label.clone());
        upcoming.sort_by_key(key);
        overdue.sort_by_key(key);
        by_funder.retain(|f| f.secured.0 + f.pending.0 > 0);
        let limit = LIST_LIMIT as usize;
        let summaries = s
            .projects(&ProjectFilter {
                town_insee: town.map(Into::into),
                ..Default::default()
            })
            .unwrap();
        Dashboard {
            total_projects: details.len(),
            stage_counts,
            late_or_blocked: summaries
                .into_iter()
                .filter(|p| late.contains(&p.id))
                .take(limit)
                .collect(),
            late_or_blocked_total: late.len(),
            upcoming_total: upcoming.len(),
            upcoming: upcoming.into_iter().take(limit).collect(),
            overdue_total: overdue.len(),
            overdue: overdue.into_iter().take(limit).collect(),
            total_cost_excl_vat: Money(cost),
            funding_secured: Money(secured),
            funding_pending: Money(pending),
            funding_by_funder: by_funder,
            to_handle: ToHandle::from_all(check_all(s, town, today).unwrap(), limit),
        }
    }

    #[test]
    fn aggregate_queries_give_the_figures_of_every_detail() {
        let s = demo();
        for town in [None, Some("29024"), Some("29197"), Some("42218")] {
            for today in [day(2026, 1, 15), day(2026, 11, 23), day(2027, 6, 1)] {
                let d = dashboard(&s, town, today).unwrap();
                assert_eq!(d, from_details(&s, town, today), "{town:?} on {today}");
                // Read again, now from the kept findings.
                assert_eq!(
                    d,
                    dashboard(&s, town, today).unwrap(),
                    "{town:?} on {today}, kept"
                );
            }
        }
        let d = dashboard(&s, None, day(2026, 11, 23)).unwrap();
        assert!(d.total_projects == 19 && d.overdue_total > 0 && d.upcoming_total > 0);
        assert!(
            d.to_handle.blocking + d.to_handle.warnings > 0,
            "the demo has findings"
        );
    }

    #[test]
    fn kept_findings_follow_every_change() {
        let mut s = demo();
        let today = day(2026, 11, 23);
        let now = |s: &Store, today| {
            let d = dashboard(s, None, today).unwrap();
            let fresh = ToHandle::from_all(check_all(s, None, today).unwrap(), LIST_LIMIT as usize);
            assert_eq!(d.to_handle, fresh, "kept findings are today's findings");
            d.to_handle
        };
        let first = now(&s, today);
        let kept: i64 = s
            .connection()
            .query_row("SELECT count(*) FROM readiness_cache", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 19, "one row per project");

        // A funding line asks for more than the project costs.
        let id = s.projects(&ProjectFilter::default()).unwrap()[0].id;
        let mut lines = s.project_detail(id).unwrap().lines;
        let mut l = FundingLine::new(
            Funder::Region,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::ToRequest,
        );
        l.scheme = Some("DETR".into());
        l.amount_requested = Some(Money::euros(90_000_000));
        lines.funding_lines.push(l);
        s.save_project_lines(id, lines.clone(), Utc::now()).unwrap();
        let more = now(&s, today);
        assert_ne!(more, first, "a new line, new findings");

        // A call of the scheme gives the line a deadline in ten days.
        s.add_scheme_call(
            crate::model::SchemeCallFields {
                scheme_code: "DETR".into(),
                year: 2027,
                opens_on: day(2026, 10, 1),
                closes_on: day(2026, 12, 3),
                note: String::new(),
            },
            Utc::now(),
        )
        .unwrap();
        let with_call = now(&s, today);
        assert_ne!(
            with_call, more,
            "a call of the catalogue changes the findings"
        );

        // A milestone moves into the past; the project's own fields change.
        lines.milestones.push(Milestone {
            title: "Étude".into(),
            due_date: day(2026, 11, 1),
            done: false,
        });
        s.save_project_lines(id, lines, Utc::now()).unwrap();
        let late = now(&s, today);
        assert_ne!(late, with_call, "a late milestone is a finding");
        let mut fields = s.project(id).unwrap().fields;
        fields.health = Health::Abandoned;
        s.update_project(id, fields, "", Utc::now()).unwrap();
        let abandoned = now(&s, today);
        assert_ne!(abandoned, late, "an abandoned project has no findings");

        // Lines written by any path (here plain SQL, as another program
        // would), not only through save_project_lines.
        let before = now(&s, today);
        let other = before.first[0].project_id;
        for sql in [
            "UPDATE funding_line SET amount_requested = 99000000000, status = 'to_request' WHERE project_id = ?1",
            "INSERT INTO milestone (project_id, title, due_date) VALUES (?1, 'Oubli', '2026-01-05')",
            "DELETE FROM funding_line WHERE project_id = ?1",
            "UPDATE milestone SET done = 1 WHERE project_id = ?1",
        ] {
            s.connection().execute(sql, [other]).unwrap();
            now(&s, today);
        }
        assert_ne!(
            now(&s, today),
            before,
            "the plain writes changed the findings"
        );

        // Another day, other findings; a project deleted, its findings gone.
        now(&s, day(2027, 3, 1));
        let other = s.projects(&ProjectFilter::default()).unwrap()[1].id;
        s.delete_project(other).unwrap();
        now(&s, today);

        // A kept row damaged by hand: the same answer, checked in memory.
        s.connection()
            .execute_batch("UPDATE readiness_cache SET findings = 'pas du JSON' WHERE blocking > 0")
            .unwrap();
        now(&s, today);

        // Fewer than there are: the first ones, blocking first.
        let few = crate::desk::readiness::to_handle(&s, None, today, 2).unwrap();
        let all = ToHandle::from_all(check_all(&s, None, today).unwrap(), usize::MAX);
        assert_eq!(few.first, all.first[..2], "the first two");
        assert_eq!((few.blocking, few.warnings), (all.blocking, all.warnings));
    }

    #[test]
    fn counts_money_and_deadlines() {
        let mut s = crate::store::testing::store();
        s.add_town("29024", Utc::now()).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let fields = ProjectFields {
            town_insee: "29024".into(),
            title: "Halle".into(),
            stage: Stage::new(5).unwrap(),
            health: Health::Late,
            cost_excl_vat: Some(Money::euros(100_000)),
            ..Default::default()
        };
        let p = s.create_project(fields, Utc::now()).unwrap();
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
