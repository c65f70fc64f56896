//! Readiness of the stored projects: the money rules ([`crate::rules`])
//! over one project (its plan summary and findings), over every project of
//! a town, and the dashboard's view of them, kept per project in the store
//! for the day.

use crate::error::Result;
use crate::model::{FundingScheme, ProjectDetail, SchemeCall};
use crate::rules::{check_project, summarize, PlanSummary};
pub use crate::rules::{Figures, Finding, FindingCode, Severity};
use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;

/// The findings of one stored project on `today`, blocking first.
pub fn check_one(store: &Store, id: i64, today: NaiveDate) -> Result<Vec<Finding>> {
    Ok(check_project(
        &store.project_detail(id)?,
        &store.funding_schemes()?,
        &store.scheme_calls()?,
        today,
    ))
}

/// One stored project's plan, added up and checked on `today` (the plan
/// panel of the project page).
pub fn plan_summary(store: &Store, id: i64, today: NaiveDate) -> Result<PlanSummary> {
    Ok(summarize(
        &store.project_detail(id)?,
        &store.funding_schemes()?,
        &store.scheme_calls()?,
        today,
    ))
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
/// their calls, and the rules themselves: the text of this file and of
/// every file of `rules/` (checks, messages, the `Finding` format) and the labels it prints. The package
/// version alone would not do: it does not change with every build.
fn reference_stamp(schemes: &[FundingScheme], calls: &[SchemeCall]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    include_str!("readiness.rs").hash(&mut h);
    for source in crate::rules::SOURCES {
        source.hash(&mut h);
    }
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
