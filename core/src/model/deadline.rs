//! A dated thing to do: a milestone, a funding line's deadline or the
//! closing date of an aid that fits a project, as the dashboard lists them.

use chrono::NaiveDate;
use serde::Serialize;

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Milestone,
    FundingDeadline,
    /// An aid from Aides-territoires that fits the project closes.
    AidCloses,
}

/// One dated thing to do.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Deadline {
    pub date: NaiveDate,
    pub kind: DeadlineKind,
    pub project_id: i64,
    pub project_title: String,
    /// The milestone title, the funding scheme (or funder code), or the
    /// aid's name.
    pub label: String,
}
