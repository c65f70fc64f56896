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
pub use readiness::{
    check_all, check_project, to_handle, Figures, Finding, FindingCode, Severity, ToHandle,
};
