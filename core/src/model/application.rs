//! The facts a grant application form asks about a project beyond its
//! plan (the préfecture's DETR/DSIL form and its peers): the kind of
//! operation, the revenue it will bring, the town's ranking of its
//! applications, the zonings and contracts it falls in, its ecological
//! objectives and whether it takes natural land.

use super::validate::{self as v, f};
use super::{Contract, EcoObjective, Money, OperationKind, Zoning};
use crate::error::Problem;
use serde::{Deserialize, Serialize};

/// What application forms ask beyond the plan. Every part is optional:
/// an unanswered question stays blank in the documents.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ApplicationFacts {
    /// Works, acquisition, both…
    pub operation: Option<OperationKind>,
    /// Revenue excl. VAT the operation will generate (rents, sales, fees).
    pub expected_revenue: Option<Money>,
    /// The town's rank of this project among its applications of the
    /// year to the same scheme (1 = first).
    pub priority_rank: Option<u32>,
    /// The category of operations of the call it falls in, as the
    /// préfecture's call names it (free text).
    pub category: String,
    pub zonings: Vec<Zoning>,
    pub contracts: Vec<Contract>,
    pub eco_objectives: Vec<EcoObjective>,
    /// True when the project consumes natural, agricultural or forest land
    /// (*artificialisation*); None when not yet answered.
    pub consumes_natural_land: Option<bool>,
}

impl ApplicationFacts {
    /// Problems with these answers.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        v::amount(
            f(
                "application.expected_revenue",
                "Recettes attendues",
                "Expected revenue",
            ),
            self.expected_revenue,
            &mut out,
        );
        if self.priority_rank == Some(0) || self.priority_rank.is_some_and(|r| r > 999) {
            out.push(Problem::new(
                "application.priority_rank",
                "Rang de priorité : un nombre de 1 (priorité première) à 999",
                "Priority rank: a number from 1 (first priority) to 999",
            ));
        }
        v::text(
            f(
                "application.category",
                "Catégorie d'opération",
                "Category of operation",
            ),
            &self.category,
            500,
            &mut out,
        );
        out
    }

    /// Trims the category and drops repeated codes, keeping their order.
    pub fn normalise(&mut self) {
        self.category = self.category.trim().to_owned();
        dedup(&mut self.zonings);
        dedup(&mut self.contracts);
        dedup(&mut self.eco_objectives);
    }
}

fn dedup<T: PartialEq + Copy>(v: &mut Vec<T>) {
    let mut seen = Vec::with_capacity(v.len());
    v.retain(|x| {
        let new = !seen.contains(x);
        seen.push(*x);
        new
    });
}
