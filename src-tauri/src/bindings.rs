//! `ui/src/lib/bindings.ts` is generated from the Rust types that cross IPC.
//! This test fails when the committed file is stale; regenerate it with
//! `UPDATE_BINDINGS=1 cargo test -p bourgade-shell bindings`.

use bourgade_core::desk::dashboard::{Dashboard, FunderTotal, StageCount};
use bourgade_core::exchange::{Format, ImportReport};
use bourgade_core::model::*;
use bourgade_core::store::backup::BackupInfo;
use bourgade_core::store::{CatalogueStatus, ProjectFilter};
use bourgade_core::Lang;
use ts_rs::{Config, TS};

fn decl<T: TS>(cfg: &Config, out: &mut String) {
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push_str("\n\n");
}

/// The whole generated file.
pub fn generate() -> String {
    // 64-bit integers cross IPC as JSON numbers.
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs — do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p bourgade-shell bindings\n\n",
    );
    macro_rules! all {
        ($($t:ty),+ $(,)?) => { $( decl::<$t>(&cfg, &mut out); )+ };
    }
    all!(
        Lang,
        Money,
        Stage,
        Health,
        Priority,
        Theme,
        Axis,
        Funder,
        FundingKind,
        ExpenseNature,
        FundingStatus,
        ContactStatus,
        ActorKind,
        Scope,
        Service,
        LegalForm,
        OwnerKind,
        Derogation,
        ExpenseCategory,
        OperationKind,
        Zoning,
        Contract,
        EcoObjective,
        ApplicationFacts,
        ExpenseLine,
        Direction,
        PhaseKind,
        PaymentKind,
        Reading,
        Indicator,
        IndicatorTemplate,
        Phase,
        YearAmount,
        Payment,
        LapseRule,
        Label,
        Taxonomy,
        Commune,
        Town,
        Actor,
        Solution,
        FundingScheme,
        ProjectFields,
        Project,
        ProjectSummary,
        ProjectLines,
        ProjectDetail,
        StageEvent,
        FundingLine,
        Milestone,
        JournalNote,
        CouncilDecision,
        ActorLink,
        SolutionLink,
        ProjectFilter,
        CatalogueStatus,
        BackupInfo,
        Format,
        ImportReport,
        Dashboard,
        StageCount,
        DeadlineKind,
        Deadline,
        FunderTotal,
        bourgade_core::rules::PlanSummary,
        bourgade_core::rules::PlanFigures,
        bourgade_core::rules::figures::BasisKind,
        bourgade_core::rules::LegalBasis,
        bourgade_core::rules::RuleId,
        bourgade_core::rules::RuleInfo,
        bourgade_core::rules::Finding,
        bourgade_core::desk::readiness::ToHandle,
        bourgade_core::rules::Figures,
        bourgade_core::rules::Severity,
        bourgade_core::rules::FindingCode,
        bourgade_core::matching::ActorSuggestion,
        bourgade_core::matching::SolutionSuggestion,
        bourgade_core::matching::SuggestFilter,
        bourgade_core::matching::Reason,
        bourgade_core::matching::ReasonCode,
        bourgade_core::desk::dossier::DossierFile,
        bourgade_core::rules::indicators::Progress,
        bourgade_core::rules::lapse::LapsePeriod,
        bourgade_core::rules::lapse::LapseDate,
        bourgade_core::desk::tracking::IndicatorView,
        bourgade_core::desk::tracking::LapseView,
        bourgade_core::desk::tracking::ProjectSteering,
        bourgade_core::steering::programme::YearFigures,
        bourgade_core::steering::programme::ProgrammeProject,
        bourgade_core::steering::programme::Programme,
        AidType,
        AidStep,
        Recurrence,
        Audience,
        PerimeterScale,
        AidPerimeter,
        Aid,
        StoredAid,
        bourgade_core::exchange::aides::AidsImportReport,
        bourgade_core::exchange::communs::CommunsFormat,
        bourgade_core::matching::aids::AidSuggestion,
        bourgade_core::matching::aids::AidReason,
        bourgade_core::matching::aids::AidReasonCode,
        Area,
        bourgade_core::desk::catalogue::ActorView,
        bourgade_core::store::EntryKind,
        bourgade_core::store::EntryRef,
        bourgade_core::store::CatalogueReport,
        crate::error::IpcError,
        crate::error::IpcProblem,
        crate::commands::AppInfo,
        crate::commands::SourceInfo,
    );
    out.trim_end().to_owned() + "\n"
}

/// Compares a generated file of the UI (`ui/src/lib/NAME`) with what the
/// code generates now; with `UPDATE_BINDINGS` set, writes it first.
pub(crate) fn assert_generated(name: &str, fresh: &str, test: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/lib")
        .join(name);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/{name} is stale: run `UPDATE_BINDINGS=1 cargo test -p bourgade-shell {test}` and commit it"
    );
}

#[test]
fn bindings_are_up_to_date() {
    assert_generated("bindings.ts", &generate(), "bindings");
}
