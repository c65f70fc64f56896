//! The multi-year investment plan (*plan pluriannuel d'investissement*,
//! PPI) of a town: for each year and project, the spending forecast
//! (investment and operating, from the yearly amounts), the receipts
//! expected (from the grants' payment schedules: a received payment in the
//! year it was received, else in the year it is due; a grant without a
//! schedule counts what was paid in the year of its payment) and the net burden on
//! the town's budget (spending − receipts). Receipts are the secured
//! grants of funders, not the owner's own money or loans. Awarded grants without a
//! schedule, and payments without a date, are counted apart as
//! "unscheduled": they are real money whose year is not known.

use crate::model::{ExpenseNature, Health, Money, ProjectDetail};
use crate::rules::figures::{source, Source};
use chrono::Datelike;
use serde::Serialize;
use std::collections::BTreeMap;

/// One year of one project, or of the whole programme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct YearFigures {
    pub year: i32,
    pub investment: Money,
    pub operating: Money,
    /// Spending actually made, where entered.
    pub actual: Money,
    pub receipts: Money,
    /// `investment + operating − receipts`.
    pub net: Money,
}

impl YearFigures {
    /// Spending forecast of the year: investment plus operating.
    pub fn spending(&self) -> Money {
        add(self.investment, self.operating)
    }
}

/// One project's line of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ProgrammeProject {
    pub project_id: i64,
    pub title: String,
    pub town_insee: String,
    pub cost_excl_vat: Option<Money>,
    /// One entry per year of the range, in order.
    pub years: Vec<YearFigures>,
    /// Grants awarded whose payments have no year.
    pub unscheduled_receipts: Money,
}

/// The plan over a range of years.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Programme {
    pub from: i32,
    pub to: i32,
    /// Projects with any figure in the range, by number.
    pub projects: Vec<ProgrammeProject>,
    /// The totals of each year.
    pub totals: Vec<YearFigures>,
    pub unscheduled_receipts: Money,
}

/// `a + b`.
pub(super) fn add(a: Money, b: Money) -> Money {
    Money(a.cents() + b.cents())
}

/// The plan of `details` from `from` to `to` (inclusive). Abandoned
/// projects are left out.
pub fn programme(details: &[ProjectDetail], from: i32, to: i32) -> Programme {
    let range = from..=to;
    let mut projects = Vec::new();
    let mut totals: BTreeMap<i32, YearFigures> = range
        .clone()
        .map(|y| {
            (
                y,
                YearFigures {
                    year: y,
                    ..Default::default()
                },
            )
        })
        .collect();
    let mut unscheduled_all = Money(0);
    for d in details {
        let f = &d.project.fields;
        if f.health == Health::Abandoned {
            continue;
        }
        let mut years: BTreeMap<i32, YearFigures> = range
            .clone()
            .map(|y| {
                (
                    y,
                    YearFigures {
                        year: y,
                        ..Default::default()
                    },
                )
            })
            .collect();
        let mut any = false;
        for y in &d.lines.yearly {
            let Some(cell) = years.get_mut(&y.year) else {
                continue;
            };
            any = true;
            match y.nature {
                ExpenseNature::Investment => cell.investment = add(cell.investment, y.forecast),
                ExpenseNature::Operating => cell.operating = add(cell.operating, y.forecast),
            }
            if let Some(a) = y.actual {
                cell.actual = add(cell.actual, a);
            }
        }
        let mut unscheduled = Money(0);
        for l in &d.lines.funding_lines {
            // The owner's own money and loans are not receipts from a funder.
            if !l.status.is_secured() || source(l) == Source::Owner {
                continue;
            }
            // What fell or falls in which year: (date, amount).
            let mut dated: Vec<(Option<chrono::NaiveDate>, Money)> = Vec::new();
            if l.payments.is_empty() {
                // Without a schedule: what was paid, on its payment date;
                // the rest of the award has no year.
                let paid = l.amount_paid.unwrap_or_default();
                if paid.cents() > 0 {
                    dated.push((l.paid_on, paid));
                }
                let rest = l.amount_awarded.map_or(0, |a| a.cents() - paid.cents());
                dated.push((None, Money(rest.max(0))));
            } else {
                for p in &l.payments {
                    match (p.received_on, p.received) {
                        // Received: in its year; a part still expected
                        // stays on the due date.
                        (Some(on), Some(m)) => {
                            dated.push((Some(on), m));
                            let rest = p.amount.cents() - m.cents();
                            if rest > 0 {
                                dated.push((p.due_on, Money(rest)));
                            }
                        }
                        _ => dated.push((p.due_on, p.amount)),
                    }
                }
            }
            for (date, amount) in dated {
                if amount.cents() == 0 {
                    continue;
                }
                match date {
                    Some(date) => {
                        if let Some(cell) = years.get_mut(&date.year()) {
                            any = true;
                            cell.receipts = add(cell.receipts, amount);
                        }
                    }
                    None => unscheduled = add(unscheduled, amount),
                }
            }
        }
        if !any && unscheduled.cents() == 0 {
            continue;
        }
        for cell in years.values_mut() {
            cell.net =
                Money(cell.investment.cents() + cell.operating.cents() - cell.receipts.cents());
            let t = totals.get_mut(&cell.year).expect("same range");
            t.investment = add(t.investment, cell.investment);
            t.operating = add(t.operating, cell.operating);
            t.actual = add(t.actual, cell.actual);
            t.receipts = add(t.receipts, cell.receipts);
            t.net = add(t.net, cell.net);
        }
        unscheduled_all = add(unscheduled_all, unscheduled);
        projects.push(ProgrammeProject {
            project_id: d.project.id,
            title: d.project.fields.title.clone(),
            town_insee: f.town_insee.clone(),
            cost_excl_vat: f.cost_excl_vat,
            years: years.into_values().collect(),
            unscheduled_receipts: unscheduled,
        });
    }
    projects.sort_by_key(|p| p.project_id);
    Programme {
        from,
        to,
        projects,
        totals: totals.into_values().collect(),
        unscheduled_receipts: unscheduled_all,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::testing::{day, detail};

    #[test]
    fn spending_receipts_and_net_by_year() {
        // Spending 2026: 1 250 000; 2027: 670 000 + 45 000 operating.
        // DETR: 157 500 received 20 April 2026; 210 000 due 15 January
        // 2027; 157 500 due with no date. A grant awarded with no
        // schedule: 60 000 unscheduled.
        let mut detr = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::PartiallyPaid,
        );
        detr.amount_awarded = Some(Money::euros(525_000));
        detr.payments = vec![
            Payment {
                kind: PaymentKind::Advance,
                due_on: Some(day(2026, 4, 15)),
                amount: Money::euros(157_500),
                received_on: Some(day(2026, 4, 20)),
                received: Some(Money::euros(157_500)),
            },
            Payment {
                kind: PaymentKind::Instalment,
                due_on: Some(day(2027, 1, 15)),
                amount: Money::euros(210_000),
                received_on: None,
                received: None,
            },
            Payment {
                kind: PaymentKind::Balance,
                due_on: None,
                amount: Money::euros(157_500),
                received_on: None,
                received: None,
            },
        ];
        let mut region = FundingLine::new(
            Funder::Region,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::Awarded,
        );
        region.amount_awarded = Some(Money::euros(60_000));
        let mut d = detail("Maison de santé", Some(2_100_000), vec![detr, region]);
        let y = |year, nature, e| YearAmount {
            year,
            nature,
            forecast: Money::euros(e),
            actual: None,
        };
        d.lines.yearly = vec![
            y(2026, ExpenseNature::Investment, 1_250_000),
            y(2027, ExpenseNature::Investment, 670_000),
            y(2027, ExpenseNature::Operating, 45_000),
        ];
        let p = programme(&[d], 2026, 2027);
        let t = &p.totals;
        assert_eq!(
            (t[0].investment, t[0].receipts),
            (Money::euros(1_250_000), Money::euros(157_500))
        );
        // 1 250 000 − 157 500 = 1 092 500.
        assert_eq!(t[0].net, Money::euros(1_092_500));
        // 670 000 + 45 000 − 210 000 = 505 000.
        assert_eq!(t[1].net, Money::euros(505_000));
        // 157 500 without a date + 60 000 without a schedule.
        assert_eq!(p.unscheduled_receipts, Money::euros(217_500));
        assert_eq!(p.projects.len(), 1);
    }
}
