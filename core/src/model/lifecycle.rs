//! The life of a funding line: to request → filed → awarded or refused →
//! paid, in one or several instalments. Each step is dated and kept as a
//! [`FundingEvent`]; the amounts requested, awarded and paid stay separate
//! on the line (paid is the running total of the instalments).
//!
//! ```text
//! to_request ──▶ filed ──▶ awarded ──▶ partially_paid ──▶ paid
//!      ▲           │          └─────────────┬─────────────▲
//!      └─ refused ◀┘                         └─(instalments)
//! ```
//! A refused request can be prepared again (next year's call): refused →
//! to_request.

use crate::error::{Error, Problem, Result};
use crate::model::{FundingLine, FundingStatus, Money};
use crate::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// One dated step in a funding line's life, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundingEvent {
    pub project_id: i64,
    /// Position of the line in the project's plan (0-based).
    pub line_position: usize,
    /// The line's funder and scheme when the step was recorded: a plan
    /// rewritten with other lines at this position does not inherit it.
    pub funder: crate::model::Funder,
    pub scheme: Option<String>,
    pub from_status: FundingStatus,
    pub to_status: FundingStatus,
    pub date: NaiveDate,
    /// Requested (filed), awarded (awarded) or the instalment paid.
    pub amount: Option<Money>,
    pub recorded_at: DateTime<Utc>,
}

/// The result of a step: the line as it becomes, and the amount the step is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub line: FundingLine,
    pub amount: Option<Money>,
}

/// The statuses a line may move to from `from`.
pub fn allowed_next(from: FundingStatus) -> &'static [FundingStatus] {
    use FundingStatus::*;
    match from {
        ToRequest => &[Filed],
        Filed => &[Awarded, Refused],
        Awarded => &[PartiallyPaid, Paid],
        PartiallyPaid => &[PartiallyPaid, Paid],
        Refused => &[ToRequest],
        Paid => &[],
    }
}

fn label(s: FundingStatus, lang: Lang) -> String {
    super::taxonomy()
        .label("funding_statuses", s.as_str(), lang)
        .to_owned()
}

fn problem(field: &str, fr: String, en: String) -> Error {
    Error::invalid(Problem::new(field, fr, en))
}

/// Moves `line` to `to` on `date`. `amount` is the amount requested (filed;
/// optional when the line already has one), awarded (awarded; defaults to
/// the amount requested), or paid by this instalment (partially paid; paid,
/// where it defaults to the balance of the award). A refusal takes no amount.
/// Dates cannot go back before the line's previous step.
pub fn transition(
    line: &FundingLine,
    to: FundingStatus,
    date: NaiveDate,
    amount: Option<Money>,
) -> Result<Step> {
    use FundingStatus::*;
    let from = line.status;
    if !allowed_next(from).contains(&to) {
        let next = |lang| {
            let n: Vec<String> = allowed_next(from)
                .iter()
                .map(|s| format!("« {} »", label(*s, lang)))
                .collect();
            if n.is_empty() {
                lang.pick("aucune (le financement est soldé)", "none (fully paid)")
                    .to_owned()
            } else {
                n.join(", ")
            }
        };
        return Err(problem(
            "status",
            format!(
                "Statut du financement : passer de « {} » à « {} » n'est pas possible ; étape(s) suivante(s) possible(s) : {}",
                label(from, Lang::Fr),
                label(to, Lang::Fr),
                next(Lang::Fr)
            ),
            format!(
                "Funding status: cannot go from \"{}\" to \"{}\"; possible next step(s): {}",
                label(from, Lang::En),
                label(to, Lang::En),
                next(Lang::En).replace(['«', '»'], "\"")
            ),
        ));
    }
    if let Some(a) = amount {
        if a.cents() < 0 {
            return Err(problem(
                "amount",
                "Montant : un montant ne peut pas être négatif".into(),
                "Amount: an amount cannot be negative".into(),
            ));
        }
    }
    let previous = [line.filed_on, line.notified_on, line.paid_on]
        .into_iter()
        .flatten()
        .max();
    if let Some(prev) = previous.filter(|p| date < *p && to != ToRequest) {
        return Err(problem(
            "date",
            format!(
                "Date : le {} est avant l'étape précédente de ce financement ({})",
                crate::text::date_fr(date),
                crate::text::date_fr(prev)
            ),
            format!("Date: {date} is before this funding line's previous step ({prev})"),
        ));
    }
    let mut l = line.clone();
    l.status = to;
    let step_amount = match to {
        Filed => {
            l.filed_on = Some(date);
            if amount.is_some() {
                l.amount_requested = amount;
            }
            if l.amount_requested.unwrap_or_default().cents() == 0 {
                return Err(problem(
                    "amount",
                    "Montant demandé : indiquez le montant de la demande déposée".into(),
                    "Amount requested: give the amount of the filed request".into(),
                ));
            }
            l.amount_requested
        }
        Awarded => {
            l.notified_on = Some(date);
            l.amount_awarded = amount.or(l.amount_requested);
            if l.amount_awarded.is_none() {
                return Err(problem(
                    "amount",
                    "Montant accordé : indiquez le montant notifié".into(),
                    "Amount awarded: give the notified amount".into(),
                ));
            }
            l.amount_awarded
        }
        Refused => {
            if amount.is_some_and(|a| a.cents() > 0) {
                return Err(problem(
                    "amount",
                    "Montant : un refus ne porte pas de montant".into(),
                    "Amount: a refusal carries no amount".into(),
                ));
            }
            l.notified_on = Some(date);
            l.amount_awarded = None;
            None
        }
        PartiallyPaid | Paid => {
            let awarded = l.amount_awarded.unwrap_or_default();
            let paid = l.amount_paid.unwrap_or_default();
            let instalment = match (to, amount) {
                (_, Some(a)) => a,
                (Paid, None) => Money(awarded.cents() - paid.cents()),
                (_, None) => {
                    return Err(problem(
                        "amount",
                        "Montant versé : indiquez le montant de ce versement".into(),
                        "Amount paid: give the amount of this instalment".into(),
                    ))
                }
            };
            let total = Money(paid.cents() + instalment.cents());
            if to == PartiallyPaid && instalment.cents() == 0 {
                return Err(problem(
                    "amount",
                    "Montant versé : un versement partiel ne peut pas être nul".into(),
                    "Amount paid: an instalment cannot be zero".into(),
                ));
            }
            if total > awarded {
                return Err(problem(
                    "amount",
                    format!(
                        "Montant versé : {} au total dépasserait le montant accordé ({})",
                        total.display_fr(),
                        awarded.display_fr()
                    ),
                    format!(
                        "Amount paid: {} in all would exceed the amount awarded ({})",
                        crate::model::Money::display_en(total),
                        crate::model::Money::display_en(awarded)
                    ),
                ));
            }
            if to == PartiallyPaid && total == awarded {
                return Err(problem(
                    "status",
                    format!(
                        "Statut du financement : ce versement solde l'aide ({}) ; choisissez « {} »",
                        awarded.display_fr(),
                        label(Paid, Lang::Fr)
                    ),
                    format!(
                        "Funding status: this instalment pays the award in full ({}); choose \"{}\"",
                        crate::model::Money::display_en(awarded),
                        label(Paid, Lang::En)
                    ),
                ));
            }
            l.amount_paid = Some(total);
            l.paid_on = Some(date);
            Some(instalment)
        }
        ToRequest => {
            // Prepared again after a refusal: the old request's dates go.
            l.filed_on = None;
            l.notified_on = None;
            l.amount_awarded = None;
            if amount.is_some() {
                l.amount_requested = amount;
            }
            l.amount_requested
        }
    };
    Ok(Step {
        line: l,
        amount: step_amount,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ExpenseNature, Funder, FundingKind};
    use FundingStatus::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn line() -> FundingLine {
        let mut l = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            ToRequest,
        );
        l.scheme = Some("DETR".into());
        l
    }

    #[test]
    fn a_grant_goes_from_request_to_full_payment_keeping_amounts_apart() {
        let filed = transition(&line(), Filed, d(1, 20), Some(Money::euros(100_000))).unwrap();
        assert_eq!(filed.line.filed_on, Some(d(1, 20)), "filing is dated");
        let awarded =
            transition(&filed.line, Awarded, d(6, 2), Some(Money::euros(90_000))).unwrap();
        let first = transition(
            &awarded.line,
            PartiallyPaid,
            d(9, 1),
            Some(Money::euros(27_000)),
        )
        .unwrap();
        let second = transition(
            &first.line,
            PartiallyPaid,
            d(10, 1),
            Some(Money::euros(30_000)),
        )
        .unwrap();
        let paid = transition(&second.line, Paid, d(12, 1), None).unwrap();
        let l = &paid.line;
        assert_eq!(
            (l.amount_requested, l.amount_awarded, l.amount_paid),
            (
                Some(Money::euros(100_000)),
                Some(Money::euros(90_000)),
                Some(Money::euros(90_000))
            ),
            "requested, awarded and paid are kept separately"
        );
        assert_eq!(
            paid.amount,
            Some(Money::euros(33_000)),
            "the last instalment defaults to the balance"
        );
        assert_eq!(
            (l.filed_on, l.notified_on, l.paid_on),
            (Some(d(1, 20)), Some(d(6, 2)), Some(d(12, 1))),
            "each step's date is on the line"
        );
    }

    #[test]
    fn only_the_graph_s_edges_are_allowed() {
        let mut checked = 0;
        for from in FundingStatus::ALL {
            for to in FundingStatus::ALL {
                let mut l = line();
                l.status = *from;
                l.amount_requested = Some(Money::euros(10));
                l.amount_awarded = Some(Money::euros(10));
                l.amount_paid = Some(Money::euros(2));
                let r = transition(&l, *to, d(12, 1), Some(Money::euros(1)));
                let allowed = allowed_next(*from).contains(to);
                match r {
                    Err(Error::Invalid(ps)) if !allowed => {
                        assert_eq!(ps[0].field, "status", "{from} → {to} names the status");
                        checked += 1;
                    }
                    Ok(_) if allowed => checked += 1,
                    // Refused takes no amount: the only allowed edge refusing `Some(1 €)`.
                    Err(_) if allowed && *to == Refused => checked += 1,
                    other => panic!("{from} → {to}: allowed={allowed}, got {other:?}"),
                }
            }
        }
        assert_eq!(checked, 36, "every pair of the six statuses was tried");
        let e = transition(&line(), Paid, d(1, 1), None).unwrap_err();
        let msg = e.message(Lang::Fr);
        assert!(
            msg.contains("de « À demander » à « Versée »") && msg.ends_with("« Déposée »"),
            "the message names both statuses and the possible next one: {msg}"
        );
    }

    #[test]
    fn payments_cannot_exceed_the_award_and_dates_cannot_go_back() {
        let mut l = line();
        l.status = Awarded;
        l.amount_awarded = Some(Money::euros(1_000));
        l.notified_on = Some(d(6, 1));
        let over = transition(&l, Paid, d(7, 1), Some(Money(100_001))).unwrap_err();
        assert!(
            over.message(Lang::Fr).contains("dépasserait"),
            "one cent over the award is refused: {}",
            over.message(Lang::Fr)
        );
        assert!(
            transition(&l, Paid, d(7, 1), Some(Money(100_000))).is_ok(),
            "exactly the award is fine"
        );
        let full = transition(&l, PartiallyPaid, d(7, 1), Some(Money(100_000))).unwrap_err();
        assert!(
            full.message(Lang::Fr).contains("solde"),
            "a partial payment that pays everything asks for 'paid': {}",
            full.message(Lang::Fr)
        );
        let early = transition(&l, Paid, d(5, 31), None).unwrap_err();
        assert!(
            early.message(Lang::Fr).contains("avant l'étape précédente"),
            "paid before the notification is refused: {}",
            early.message(Lang::Fr)
        );
        assert!(
            transition(&l, Paid, d(6, 1), None).is_ok(),
            "the same day as the previous step is fine"
        );
    }

    #[test]
    fn a_refused_line_counts_nothing_and_can_be_prepared_again() {
        let mut l = line();
        l.status = Filed;
        l.amount_requested = Some(Money::euros(5_000));
        l.filed_on = Some(d(1, 10));
        assert!(
            transition(&l, Refused, d(3, 1), Some(Money::euros(1))).is_err(),
            "a refusal with an amount is a mistake"
        );
        let refused = transition(&l, Refused, d(3, 1), None).unwrap();
        assert_eq!(
            refused.line.planned_amount(),
            Money(0),
            "refused counts for nothing"
        );
        let again = transition(&refused.line, ToRequest, d(9, 1), None).unwrap();
        assert_eq!(
            (
                again.line.status,
                again.line.filed_on,
                again.line.notified_on
            ),
            (ToRequest, None, None),
            "the old request's dates are cleared"
        );
        assert_eq!(
            again.line.amount_requested,
            Some(Money::euros(5_000)),
            "the amount to request is kept"
        );
        assert!(
            transition(&line(), Filed, d(1, 1), None).is_err(),
            "filing without any amount requested is refused"
        );
    }
}
