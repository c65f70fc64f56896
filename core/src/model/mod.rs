//! The domain: towns, projects and their lines, SSE actors, inspiring
//! solutions, funding schemes. Validation lives here, beside the types, and
//! answers with [`Problem`](crate::error::Problem)s naming the field in French
//! and English.

mod catalogue;
mod codes;
mod money;
mod project;
mod validate;

pub use catalogue::{
    validate_actor, Actor, Commune, FundingScheme, Label, Solution, Taxonomy, Town,
};
pub use codes::{
    ActorKind, Axis, ContactStatus, Derogation, ExpenseNature, Funder, FundingKind, FundingStatus,
    Health, LegalForm, OwnerKind, Priority, Scope, Service, Stage, Theme,
};
pub use money::{Money, MAX_EUROS};
pub use project::{
    ActorLink, CouncilDecision, FundingLine, JournalNote, Milestone, Project, ProjectDetail,
    ProjectFields, ProjectLines, ProjectSummary, SolutionLink, StageEvent,
};
pub use validate::{parse_date, MAX_TEXT_CHARS};
