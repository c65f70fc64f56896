//! The domain: towns, projects and their lines, SSE actors, inspiring
//! solutions, funding schemes. Validation lives here, beside the types, and
//! answers with [`Problem`](crate::error::Problem)s naming the field in French
//! and English.

mod aid;
mod application;
mod area;
mod calls;
mod catalogue;
mod codes;
mod council;
mod deadline;
mod expense;
mod finding;
mod lifecycle;
mod money;
mod project;
mod steering;
mod validate;

pub use aid::{
    fold_label, Aid, AidPerimeter, AidStep, AidType, Audience, PerimeterScale, Recurrence,
    StoredAid,
};
pub use application::ApplicationFacts;
pub use area::{Area, GeoIndex};
pub use calls::{next_call, CallOrigin, SchemeCall, SchemeCallFields};
pub use catalogue::{
    taxonomy, validate_actor, validate_solution, Actor, Catalogue, Commune, FundingScheme,
    Geography, Label, LapseRule, Solution, Taxonomy, Town,
};
pub use codes::{
    ActorKind, Axis, ContactStatus, Contract, Derogation, Direction, EcoObjective, ExpenseCategory,
    ExpenseNature, Funder, FundingKind, FundingStatus, Health, LegalForm, OperationKind, OwnerKind,
    PaymentKind, PhaseKind, Priority, Scope, Service, Stage, Theme, Zoning,
};
pub use council::{CouncilMeeting, CouncilMeetingFields};
pub use deadline::{Deadline, DeadlineKind};
pub use expense::{
    base_conflicts, cost_conflict, eligible_base_of, expense_totals, ExpenseLine, ExpenseTotals,
    STANDARD_VAT_PERCENT,
};
pub use finding::{Figures, Finding, FindingCode, LegalBasis, RuleId, Severity};
pub use lifecycle::{allowed_next, transition, FundingEvent, Step};
pub use money::{Money, MAX_EUROS};
pub use project::{
    ActorLink, CouncilDecision, FundingLine, JournalNote, Milestone, Project, ProjectDetail,
    ProjectFields, ProjectLines, ProjectRecord, ProjectSummary, SolutionLink, StageEvent, TownRef,
};
pub use steering::{
    duplicate_years, indicator_templates, Indicator, IndicatorTemplate, Payment, Phase, Reading,
    YearAmount, YEARS,
};
pub use validate::{parse_date, MAX_TEXT_CHARS};
