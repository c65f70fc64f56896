//! Funding plans beyond storage: the life of a funding line
//! ([`lifecycle`]), the calls of funding schemes ([`calls`]) and the
//! readiness of stored projects under the money rules of [`crate::rules`]
//! ([`readiness`]).
//! Everything here is pure: the store reads and writes, these functions
//! decide, with `today` passed in.

pub mod calls;
pub mod lifecycle;
pub mod plan;
pub mod readiness;

pub use crate::rules::check_project;
pub use calls::{next_call, CallOrigin, SchemeCall, SchemeCallFields};
pub use lifecycle::{allowed_next, transition, FundingEvent, Step};
pub use plan::{summarize, PlanSummary};
pub use readiness::{check_all, to_handle, Figures, Finding, FindingCode, Severity, ToHandle};
