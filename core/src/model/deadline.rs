//! A dated thing to do: a milestone or a funding line's deadline, as the
//! store lists them for the dashboard.

use chrono::NaiveDate;
use serde::Serialize;

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
