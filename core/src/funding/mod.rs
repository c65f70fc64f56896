//! Funding plans beyond storage: the life of a funding line
//! ([`lifecycle`]), the calls of funding schemes ([`calls`]) and the
//! readiness checks a plan must pass before a council vote ([`readiness`]).
//! Everything here is pure: the store reads and writes, these functions
//! decide, with `today` passed in.

pub mod calls;
pub mod lifecycle;
pub mod plan;
pub mod readiness;

pub use calls::{next_call, CallOrigin, SchemeCall, SchemeCallFields};
pub use lifecycle::{allowed_next, transition, FundingEvent, Step};
pub use plan::{summarize, PlanSummary};
pub use readiness::{check_all, check_project, Figures, Finding, FindingCode, Severity};

use crate::model::Money;

/// English display of an amount: "€1,250,000" or "€1,250,000.50".
pub(crate) fn money_en(m: Money) -> String {
    let sign = if m.cents() < 0 { "-" } else { "" };
    let (e, c) = (m.cents().abs() / 100, m.cents().abs() % 100);
    let digits = e.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if c == 0 {
        format!("{sign}€{grouped}")
    } else {
        format!("{sign}€{grouped}.{c:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_amounts_group_by_comma() {
        assert_eq!(money_en(Money::euros(586_500)), "€586,500");
        assert_eq!(money_en(Money(125_000_050)), "€1,250,000.50", "cents kept");
        assert_eq!(money_en(Money(5)), "€0.05");
    }
}
