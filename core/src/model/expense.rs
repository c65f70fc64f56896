//! The expense side of a funding plan: *postes de dépenses*. When a project
//! has expense lines, its cost is their sum and each funding line's eligible
//! base is the sum of the lines eligible to it; both are derived here and
//! written by the store, so every reader sees the same figures.

use super::validate::{self as v, f, MAX_TEXT_CHARS};
use super::{ExpenseCategory, FundingLine, Money, ProjectFields};
use crate::error::Problem;
use serde::{Deserialize, Serialize};

/// The VAT rate a new expense line gets: the standard rate, 20 % (code
/// général des impôts, art. 278).
pub const STANDARD_VAT_PERCENT: f64 = 20.0;

fn standard_vat() -> f64 {
    STANDARD_VAT_PERCENT
}

/// One expense line of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExpenseLine {
    pub category: ExpenseCategory,
    pub label: String,
    pub amount_excl_vat: Money,
    /// VAT rate in percent (0–100, at most two decimals: 20, 10, 5.5, 2.1, 0).
    #[serde(default = "standard_vat")]
    pub vat_rate_percent: f64,
    /// Positions (from 0) in the project's funding lines of the funders
    /// for which this expense is **not** eligible. Empty: eligible to all.
    #[serde(default)]
    pub ineligible_for: Vec<u32>,
}

impl ExpenseLine {
    /// A line eligible to every funder, at the standard VAT rate.
    pub fn new(category: ExpenseCategory, label: &str, amount_excl_vat: Money) -> ExpenseLine {
        ExpenseLine {
            category,
            label: label.into(),
            amount_excl_vat,
            vat_rate_percent: STANDARD_VAT_PERCENT,
            ineligible_for: Vec::new(),
        }
    }

    /// The VAT on this line, rounded to the nearest cent (half away from zero).
    pub fn vat(&self) -> Money {
        // The rate has at most two decimals: work in hundredths of a percent.
        let bp = (self.vat_rate_percent * 100.0).round() as i128;
        let num = i128::from(self.amount_excl_vat.cents()) * bp;
        let den = 10_000i128;
        let q = (num.abs() + den / 2) / den;
        Money((if num < 0 { -q } else { q }) as i64)
    }

    /// The amount including VAT.
    pub fn amount_incl_vat(&self) -> Money {
        Money(self.amount_excl_vat.cents() + self.vat().cents())
    }

    /// True when the funding line at `position` may count this expense.
    pub fn eligible_for(&self, position: usize) -> bool {
        !self.ineligible_for.iter().any(|&p| p as usize == position)
    }

    /// Problems with this line; `funding_lines` is how many funding lines
    /// the plan has, which `ineligible_for` refers to.
    pub fn validate(&self, funding_lines: usize) -> Vec<Problem> {
        let mut out = Vec::new();
        v::required(f("label", "Libellé", "Label"), &self.label, &mut out);
        v::text(
            f("label", "Libellé", "Label"),
            &self.label,
            MAX_TEXT_CHARS,
            &mut out,
        );
        let amount = f("amount_excl_vat", "Montant HT", "Amount excl. VAT");
        v::amount(amount, Some(self.amount_excl_vat), &mut out);
        let r = self.vat_rate_percent;
        if !r.is_finite()
            || !(0.0..=100.0).contains(&r)
            || ((r * 100.0).round() - r * 100.0).abs() > 1e-6
        {
            out.push(Problem::new(
                "vat_rate_percent",
                format!("Taux de TVA : {r} % n'est pas un taux entre 0 et 100 % à deux décimales au plus (ex. 20, 10, 5,5)"),
                format!("VAT rate: {r} % is not a rate between 0 and 100 % with at most two decimals (e.g. 20, 10, 5.5)"),
            ));
        }
        for &p in &self.ineligible_for {
            if p as usize >= funding_lines {
                out.push(Problem::new(
                    "ineligible_for",
                    format!(
                        "Éligibilité : le financement n° {} n'existe pas (le plan en compte {funding_lines})",
                        p + 1
                    ),
                    format!(
                        "Eligibility: funding line no. {} does not exist (the plan has {funding_lines})",
                        p + 1
                    ),
                ));
            }
        }
        out
    }
}

/// What a plan's expense lines add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExpenseTotals {
    pub excl_vat: Money,
    pub vat: Money,
    pub incl_vat: Money,
}

/// The totals of `lines` (None when there is none).
pub fn expense_totals(lines: &[ExpenseLine]) -> Option<ExpenseTotals> {
    (!lines.is_empty()).then(|| {
        let excl: i64 = lines.iter().map(|l| l.amount_excl_vat.cents()).sum();
        let vat: i64 = lines.iter().map(|l| l.vat().cents()).sum();
        ExpenseTotals {
            excl_vat: Money(excl),
            vat: Money(vat),
            incl_vat: Money(excl + vat),
        }
    })
}

/// The eligible base excl. VAT of the funding line at `position`, from the
/// expense lines (None when the plan has no expense line).
pub fn eligible_base_of(lines: &[ExpenseLine], position: usize) -> Option<Money> {
    (!lines.is_empty()).then(|| {
        Money(
            lines
                .iter()
                .filter(|l| l.eligible_for(position))
                .map(|l| l.amount_excl_vat.cents())
                .sum(),
        )
    })
}

/// Problems where a funding line states an eligible base that its expense
/// lines contradict. The base is derived from the expense lines: a stated
/// one must agree (an import or the command line cannot set another
/// silently).
pub fn base_conflicts(expenses: &[ExpenseLine], funding: &[FundingLine]) -> Vec<(usize, Problem)> {
    let mut out = Vec::new();
    for (i, l) in funding.iter().enumerate() {
        if let (Some(stated), Some(derived)) =
            (l.eligible_base_excl_vat, eligible_base_of(expenses, i))
        {
            if stated != derived {
                out.push((
                    i,
                    Problem::new(
                        "eligible_base_excl_vat",
                        format!(
                            "Assiette éligible HT : {} ne correspond pas aux postes de dépenses éligibles ({}) ; l'assiette se calcule à partir des postes : cochez ou décochez les postes plutôt",
                            stated.display_fr(),
                            derived.display_fr()
                        ),
                        format!(
                            "Eligible base excl. VAT: {} does not match the eligible expense lines ({}); the base is computed from the lines: tick or untick them instead",
                            stated.display_en(),
                            derived.display_en()
                        ),
                    ),
                ));
            }
        }
    }
    out
}

/// The problem when a project states a cost its expense lines contradict
/// (the cost is derived from the lines: an import or the command line cannot
/// set another silently). `None` when it agrees or is not stated.
pub fn cost_conflict(fields: &ProjectFields, expenses: &[ExpenseLine]) -> Option<Problem> {
    let t = expense_totals(expenses)?;
    let ht_wrong = fields.cost_excl_vat.is_some_and(|c| c != t.excl_vat);
    let ttc_wrong = fields.cost_incl_vat.is_some_and(|c| c != t.incl_vat);
    (ht_wrong || ttc_wrong).then(|| {
        Problem::new(
            if ht_wrong { "cost_excl_vat" } else { "cost_incl_vat" },
            format!(
                "Coût : ce projet a des postes de dépenses, son coût est leur somme ({} HT, {} TTC) ; modifiez les postes plutôt que le coût",
                t.excl_vat.display_fr(),
                t.incl_vat.display_fr()
            ),
            format!(
                "Cost: this project has expense lines, its cost is their sum ({} excl. VAT, {} incl. VAT); edit the lines rather than the cost",
                t.excl_vat.display_en(),
                t.incl_vat.display_en()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(ht_cents: i64, rate: f64) -> ExpenseLine {
        ExpenseLine {
            vat_rate_percent: rate,
            ..ExpenseLine::new(ExpenseCategory::Works, "Travaux", Money(ht_cents))
        }
    }

    #[test]
    fn vat_is_rounded_to_the_cent() {
        // 1 234,57 € × 5,5 % = 67,90135 € → 67,90 €.
        assert_eq!(line(123_457, 5.5).vat(), Money(6_790));
        // 0,05 € × 10 % = 0,005 € → 0,01 € (half away from zero).
        assert_eq!(line(5, 10.0).vat(), Money(1));
        // 850 000 € × 20 % = 170 000 €.
        assert_eq!(line(85_000_000, 20.0).amount_incl_vat(), Money(102_000_000));
        assert_eq!(line(1_000, 0.0).vat(), Money(0));
    }

    #[test]
    fn totals_and_bases() {
        let mut a = line(10_000_000, 20.0); // 100 000 € HT, 20 000 € TVA
        a.ineligible_for = vec![1];
        let b = line(5_000_000, 5.5); // 50 000 € HT, 2 750 € TVA
        let t = expense_totals(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(t.excl_vat, Money(15_000_000));
        assert_eq!(t.vat, Money(2_275_000));
        assert_eq!(t.incl_vat, Money(17_275_000));
        assert_eq!(
            eligible_base_of(&[a.clone(), b.clone()], 0),
            Some(Money(15_000_000))
        );
        assert_eq!(eligible_base_of(&[a, b], 1), Some(Money(5_000_000)));
        assert_eq!(eligible_base_of(&[], 0), None);
        assert_eq!(expense_totals(&[]), None);
    }

    #[test]
    fn validation_names_the_field() {
        let mut l = line(-1, 20.000_1);
        l.label = " ".into();
        l.ineligible_for = vec![3];
        let p = l.validate(2);
        let keys: Vec<_> = p.iter().map(|p| p.field.as_str()).collect();
        assert!(keys.contains(&"label"), "{keys:?}");
        assert!(keys.contains(&"amount_excl_vat"), "{keys:?}");
        assert!(keys.contains(&"vat_rate_percent"), "{keys:?}");
        assert!(p.iter().any(|p| p.fr.contains("financement n° 4")), "{p:?}");
        assert!(line(100, 5.5).validate(0).is_empty());
    }
}
