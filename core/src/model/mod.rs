//! The domain: towns, projects and their lines, SSE actors, inspiring
//! solutions, funding schemes. Validation lives here, beside the types, and
//! answers with [`Problem`](crate::error::Problem)s naming the field in French
//! and English.

mod calls;
mod catalogue;
mod codes;
mod council;
mod deadline;
mod finding;
mod lifecycle;
mod money;
mod project;
mod validate;

pub use calls::{next_call, CallOrigin, SchemeCall, SchemeCallFields};
pub use catalogue::{
    taxonomy, validate_actor, validate_solution, Actor, Catalogue, Commune, FundingScheme,
    Geography, Label, Solution, Taxonomy, Town,
};
pub use codes::{
    ActorKind, Axis, ContactStatus, Derogation, ExpenseNature, Funder, FundingKind, FundingStatus,
    Health, LegalForm, OwnerKind, Priority, Scope, Service, Stage, Theme,
};
pub use council::{CouncilMeeting, CouncilMeetingFields};
pub use deadline::{Deadline, DeadlineKind};
pub use finding::{Figures, Finding, FindingCode, LegalBasis, RuleId, Severity};
pub use lifecycle::{allowed_next, transition, FundingEvent, Step};
pub use money::{Money, MAX_EUROS};
pub use project::{
    ActorLink, CouncilDecision, FundingLine, JournalNote, Milestone, Project, ProjectDetail,
    ProjectFields, ProjectLines, ProjectRecord, ProjectSummary, SolutionLink, StageEvent, TownRef,
};
pub use validate::{parse_date, MAX_TEXT_CHARS};

/// Builders for the tests of the crate: a project and its funding lines.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A project of Carhaix-Plouguer (29024) at stage 0, costing `cost`
    /// euros excl. VAT, with these funding lines and nothing else.
    pub(crate) fn detail(
        title: &str,
        cost: Option<i64>,
        funding_lines: Vec<FundingLine>,
    ) -> ProjectDetail {
        let at: chrono::DateTime<chrono::Utc> = "2026-01-01T00:00:00Z".parse().unwrap();
        ProjectDetail {
            project: Project {
                id: 1,
                uid: "u".into(),
                fields: ProjectFields {
                    town_insee: "29024".into(),
                    title: title.into(),
                    cost_excl_vat: cost.map(Money::euros),
                    ..Default::default()
                },
                created_at: at,
                updated_at: at,
            },
            lines: ProjectLines {
                funding_lines,
                ..Default::default()
            },
        }
    }

    /// An investment line asking for `euros`.
    pub(crate) fn line(
        funder: Funder,
        kind: FundingKind,
        status: FundingStatus,
        euros: i64,
    ) -> FundingLine {
        let mut l = FundingLine::new(funder, kind, ExpenseNature::Investment, status);
        l.amount_requested = Some(Money::euros(euros));
        l
    }
}
