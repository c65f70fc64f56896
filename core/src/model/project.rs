//! A revitalisation project and the lines that hang from it.

use super::application::ApplicationFacts;
use super::codes::*;
use super::expense::ExpenseLine;
use super::money::Money;
use super::steering::{Indicator, Payment, Phase, YearAmount};
use super::validate::{self as v, f, F, MAX_TEXT_CHARS};
use crate::error::Problem;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub(crate) const TOWN: F = f("town_insee", "Commune (code INSEE)", "Town (INSEE code)");
pub(crate) const TITLE: F = f("title", "Titre du projet", "Project title");
const SUMMARY: F = f("summary", "Résumé", "Summary");
const CONTEXT: F = f("context", "Contexte et besoin", "Context and need");
const PROPOSAL: F = f("proposal", "Ce qui est proposé", "What is proposed");
const RISKS: F = f("risks", "Risques", "Risks");
const ACTION_SHEET: F = f(
    "action_sheet",
    "Numéro de fiche action",
    "Action sheet number",
);
const LEAD: F = f("lead", "Pilote / maître d'ouvrage", "Lead / owner");
const ELECTED: F = f("elected_lead", "Élu référent", "Elected lead");
const START: F = f("planned_start", "Date de début prévue", "Planned start");
const END: F = f("planned_end", "Date de fin prévue", "Planned end");
const COST_HT: F = f("cost_excl_vat", "Coût HT", "Cost excl. VAT");
const COST_TTC: F = f("cost_incl_vat", "Coût TTC", "Cost incl. VAT");

/// The fields of a project the user edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ProjectFields {
    /// INSEE code of the town the project belongs to.
    pub town_insee: String,
    pub title: String,
    pub summary: String,
    /// Context and need (why the project exists).
    pub context: String,
    /// What is proposed.
    pub proposal: String,
    pub risks: String,
    pub ort_axis: Option<Axis>,
    /// Number of the ORT action sheet ("fiche action"), e.g. "2.3".
    pub action_sheet: Option<String>,
    pub themes: Vec<Theme>,
    pub stage: Stage,
    pub health: Health,
    pub priority: Priority,
    /// Lead or project owner (free text: a service, a partner).
    pub lead: String,
    /// Elected councillor in charge (free text).
    pub elected_lead: String,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub cost_excl_vat: Option<Money>,
    pub cost_incl_vat: Option<Money>,
    /// Who owns the operation (*maître d'ouvrage*); the town by default.
    pub owner_kind: OwnerKind,
    /// The exception to the owner's minimum share it falls under, if any.
    pub derogation: Derogation,
    /// What grant application forms ask beyond the plan.
    pub application: ApplicationFacts,
    /// The date the operation started (*commencement d'exécution*: the
    /// first legal act binding the owner to a contractor, declared to the
    /// funders); the grants' lapse dates run from it.
    pub started_on: Option<NaiveDate>,
    /// The date its completion was declared.
    pub completed_on: Option<NaiveDate>,
}

impl Default for ProjectFields {
    fn default() -> Self {
        ProjectFields {
            town_insee: String::new(),
            title: String::new(),
            summary: String::new(),
            context: String::new(),
            proposal: String::new(),
            risks: String::new(),
            ort_axis: None,
            action_sheet: None,
            themes: Vec::new(),
            stage: Stage::default(),
            health: Health::OnTrack,
            priority: Priority::Medium,
            lead: String::new(),
            elected_lead: String::new(),
            planned_start: None,
            planned_end: None,
            cost_excl_vat: None,
            cost_incl_vat: None,
            owner_kind: OwnerKind::Commune,
            derogation: Derogation::NoDerogation,
            application: ApplicationFacts::default(),
            started_on: None,
            completed_on: None,
        }
    }
}

impl ProjectFields {
    /// Every problem with these values (empty when valid). The town's
    /// existence is checked by the store, which knows the communes.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if !is_insee_code(&self.town_insee) {
            out.push(Problem::new(
                TOWN.key,
                format!(
                    "{} : « {} » n'est pas un code INSEE de commune (5 caractères, ex. 29024)",
                    TOWN.fr,
                    self.town_insee.trim()
                ),
                format!(
                    "{}: \"{}\" is not a French commune INSEE code (5 characters, e.g. 29024)",
                    TOWN.en,
                    self.town_insee.trim()
                ),
            ));
        }
        v::required(TITLE, &self.title, &mut out);
        for (field, value) in [
            (TITLE, &self.title),
            (SUMMARY, &self.summary),
            (CONTEXT, &self.context),
            (PROPOSAL, &self.proposal),
            (RISKS, &self.risks),
            (LEAD, &self.lead),
            (ELECTED, &self.elected_lead),
        ] {
            v::text(field, value, MAX_TEXT_CHARS, &mut out);
        }
        if let Some(sheet) = &self.action_sheet {
            v::text(ACTION_SHEET, sheet, 40, &mut out);
        }
        v::date_order(START, self.planned_start, END, self.planned_end, &mut out);
        v::date_order(
            f(
                "started_on",
                "Commencement d'exécution",
                "Start of execution",
            ),
            self.started_on,
            f("completed_on", "Achèvement déclaré", "Declared completion"),
            self.completed_on,
            &mut out,
        );
        out.extend(self.application.validate());
        v::amount(COST_HT, self.cost_excl_vat, &mut out);
        v::amount(COST_TTC, self.cost_incl_vat, &mut out);
        if let (Some(ht), Some(ttc)) = (self.cost_excl_vat, self.cost_incl_vat) {
            if ttc < ht {
                out.push(Problem::new(
                    COST_TTC.key,
                    format!(
                        "{} : {} est inférieur au coût HT ({})",
                        COST_TTC.fr,
                        ttc.display_fr(),
                        ht.display_fr()
                    ),
                    format!(
                        "{}: {} is below the cost excl. VAT ({})",
                        COST_TTC.en,
                        ttc.display_fr(),
                        ht.display_fr()
                    ),
                ));
            }
        }
        out
    }

    /// Trims the title and codes, drops empty optional texts and repeated
    /// themes (keeping the first occurrence's order).
    pub fn normalise(&mut self) {
        self.town_insee = self.town_insee.trim().to_ascii_uppercase();
        self.title = self.title.trim().to_owned();
        if let Some(s) = &self.action_sheet {
            let t = s.trim();
            self.action_sheet = if t.is_empty() {
                None
            } else {
                Some(t.to_owned())
            };
        }
        self.application.normalise();
        let mut seen = Vec::with_capacity(self.themes.len());
        self.themes.retain(|t| {
            let new = !seen.contains(t);
            seen.push(*t);
            new
        });
    }
}

/// True for a well-formed commune code: 5 characters, digits except the
/// Corsican "2A"/"2B" départements.
pub(crate) fn is_insee_code(s: &str) -> bool {
    let s = s.trim().as_bytes();
    s.len() == 5
        && ((s[0].is_ascii_digit() && s[1].is_ascii_digit())
            || (s[0] == b'2' && matches!(s[1], b'A' | b'B' | b'a' | b'b')))
        && s[2..].iter().all(u8::is_ascii_digit)
}

/// A stored project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Project {
    /// Number shown to the user.
    pub id: i64,
    /// Identity across databases (exports, imports).
    pub uid: String,
    #[serde(flatten)]
    pub fields: ProjectFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One line of the project list.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ProjectSummary {
    pub id: i64,
    pub uid: String,
    pub town_insee: String,
    pub town_name: String,
    pub title: String,
    pub stage: Stage,
    pub health: Health,
    pub priority: Priority,
    pub ort_axis: Option<Axis>,
    pub themes: Vec<Theme>,
    pub cost_excl_vat: Option<Money>,
    /// Earliest open milestone or funding deadline, if any.
    pub next_deadline: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
}

/// A project with all its lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProjectDetail {
    #[serde(flatten)]
    pub project: Project,
    #[serde(flatten)]
    pub lines: ProjectLines,
}

/// Everything that hangs from a project, in display order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ProjectLines {
    pub stage_events: Vec<StageEvent>,
    /// The expense side of the plan (*postes de dépenses*); when present,
    /// the project's cost and each funding line's eligible base derive
    /// from them.
    pub expense_lines: Vec<ExpenseLine>,
    pub funding_lines: Vec<FundingLine>,
    pub milestones: Vec<Milestone>,
    /// Indicators of the project, with their readings.
    pub indicators: Vec<Indicator>,
    /// Phases with their own dates and budget.
    pub phases: Vec<Phase>,
    /// Spending year by year, investment and operating.
    pub yearly: Vec<YearAmount>,
    pub journal: Vec<JournalNote>,
    pub council_decisions: Vec<CouncilDecision>,
    pub actors: Vec<ActorLink>,
    pub solutions: Vec<SolutionLink>,
}

impl ProjectLines {
    /// Trims indicator labels and puts readings in date order.
    pub fn normalise(&mut self) {
        for ind in &mut self.indicators {
            ind.normalise();
        }
    }

    /// Every problem in every line, each naming its list and position.
    /// Links to unknown actors or solutions are checked by the store.
    pub fn validate(&self) -> Vec<Problem> {
        fn each<T>(
            items: &[T],
            key: &str,
            fr: &str,
            en: &str,
            check: impl Fn(&T) -> Vec<Problem>,
            out: &mut Vec<Problem>,
        ) {
            for (i, item) in items.iter().enumerate() {
                out.extend(check(item).into_iter().map(|p| p.within(key, i, fr, en)));
            }
        }
        let mut out = Vec::new();
        each(
            &self.stage_events,
            "stage_events",
            "Changement d'étape",
            "Stage change",
            StageEvent::validate,
            &mut out,
        );
        let n_funding = self.funding_lines.len();
        each(
            &self.expense_lines,
            "expense_lines",
            "Poste de dépenses",
            "Expense line",
            |e| e.validate(n_funding),
            &mut out,
        );
        for (i, p) in super::expense::base_conflicts(&self.expense_lines, &self.funding_lines) {
            out.push(p.within("funding_lines", i, "Financement", "Funding line"));
        }
        each(
            &self.funding_lines,
            "funding_lines",
            "Financement",
            "Funding line",
            FundingLine::validate,
            &mut out,
        );
        each(
            &self.indicators,
            "indicators",
            "Indicateur",
            "Indicator",
            Indicator::validate,
            &mut out,
        );
        each(
            &self.phases,
            "phases",
            "Phase",
            "Phase",
            Phase::validate,
            &mut out,
        );
        each(
            &self.yearly,
            "yearly",
            "Montant annuel",
            "Yearly amount",
            YearAmount::validate,
            &mut out,
        );
        out.extend(super::steering::duplicate_years(&self.yearly));
        each(
            &self.milestones,
            "milestones",
            "Jalon",
            "Milestone",
            Milestone::validate,
            &mut out,
        );
        each(
            &self.journal,
            "journal",
            "Note du journal",
            "Journal note",
            JournalNote::validate,
            &mut out,
        );
        each(
            &self.council_decisions,
            "council_decisions",
            "Délibération",
            "Council decision",
            CouncilDecision::validate,
            &mut out,
        );
        each(
            &self.actors,
            "actors",
            "Acteur lié",
            "Linked actor",
            ActorLink::validate,
            &mut out,
        );
        each(
            &self.solutions,
            "solutions",
            "Solution liée",
            "Linked solution",
            SolutionLink::validate,
            &mut out,
        );
        let mut seen = std::collections::HashSet::new();
        for (i, a) in self.actors.iter().enumerate() {
            if !seen.insert(a.actor_id.as_str()) {
                out.push(
                    Problem::new(
                        "actor_id",
                        format!("l'acteur « {} » est déjà lié au projet", a.actor_id),
                        format!("actor \"{}\" is already linked", a.actor_id),
                    )
                    .within("actors", i, "Acteur lié", "Linked actor"),
                );
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, s) in self.solutions.iter().enumerate() {
            if !seen.insert(s.solution_id.as_str()) {
                out.push(
                    Problem::new(
                        "solution_id",
                        format!("la solution « {} » est déjà liée au projet", s.solution_id),
                        format!("solution \"{}\" is already linked", s.solution_id),
                    )
                    .within("solutions", i, "Solution liée", "Linked solution"),
                );
            }
        }
        out
    }
}

/// A stage change, kept as history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StageEvent {
    #[serde(default)]
    pub from_stage: Option<Stage>,
    pub to_stage: Stage,
    pub date: NaiveDate,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub note: String,
}

impl StageEvent {
    /// The first event of a project created or imported without history:
    /// it enters its stage on the day it was created.
    pub fn first(fields: &ProjectFields, created: DateTime<Utc>) -> StageEvent {
        StageEvent {
            from_stage: None,
            to_stage: fields.stage,
            date: crate::day::paris_day(created),
            author: String::new(),
            note: String::new(),
        }
    }

    /// Problems with this event.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        v::text(f("author", "Auteur", "Author"), &self.author, 500, &mut out);
        v::text(
            f("note", "Note", "Note"),
            &self.note,
            MAX_TEXT_CHARS,
            &mut out,
        );
        out
    }
}

/// One source of money in a project's funding plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct FundingLine {
    pub funder: Funder,
    /// Code of a funding scheme (`DETR`, `FONDS_VERT`…) or free text.
    #[serde(default)]
    pub scheme: Option<String>,
    pub kind: FundingKind,
    pub nature: ExpenseNature,
    #[serde(default)]
    pub eligible_base_excl_vat: Option<Money>,
    /// Aid rate in percent of the eligible base (0–100).
    #[serde(default)]
    pub rate_percent: Option<f64>,
    /// True when the amounts below include VAT (TTC).
    #[serde(default)]
    pub amounts_incl_vat: bool,
    #[serde(default)]
    pub amount_requested: Option<Money>,
    #[serde(default)]
    pub amount_awarded: Option<Money>,
    #[serde(default)]
    pub amount_paid: Option<Money>,
    pub status: FundingStatus,
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub filed_on: Option<NaiveDate>,
    #[serde(default)]
    pub notified_on: Option<NaiveDate>,
    #[serde(default)]
    pub paid_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    /// The payment schedule of an awarded grant: advance, instalments,
    /// balance, forecast and received.
    #[serde(default)]
    pub payments: Vec<Payment>,
    /// The date to which the funder extended the grant's validity
    /// (*prorogation*), if it did.
    #[serde(default)]
    pub extended_to: Option<NaiveDate>,
}

impl FundingLine {
    /// A line with only its required parts set.
    pub fn new(
        funder: Funder,
        kind: FundingKind,
        nature: ExpenseNature,
        status: FundingStatus,
    ) -> FundingLine {
        FundingLine {
            funder,
            scheme: None,
            kind,
            nature,
            eligible_base_excl_vat: None,
            rate_percent: None,
            amounts_incl_vat: false,
            amount_requested: None,
            amount_awarded: None,
            amount_paid: None,
            status,
            deadline: None,
            filed_on: None,
            notified_on: None,
            paid_on: None,
            note: String::new(),
            payments: Vec::new(),
            extended_to: None,
        }
    }

    /// The amount that counts in the plan: awarded, else requested, else
    /// paid (a line entered with its payment only). A refused line counts
    /// for nothing.
    pub fn planned_amount(&self) -> Money {
        if self.status == FundingStatus::Refused {
            return Money(0);
        }
        self.amount_awarded
            .or(self.amount_requested)
            .or(self.amount_paid)
            .unwrap_or_default()
    }

    /// Problems with this line.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if let Some(s) = &self.scheme {
            v::text(f("scheme", "Dispositif", "Scheme"), s, 200, &mut out);
        }
        if let Some(r) = self.rate_percent {
            if !(0.0..=100.0).contains(&r) || !r.is_finite() {
                out.push(Problem::new(
                    "rate_percent",
                    format!("Taux d'aide : {r} % n'est pas entre 0 et 100 %"),
                    format!("Aid rate: {r} % is not between 0 and 100 %"),
                ));
            }
        }
        v::amount(
            f(
                "eligible_base_excl_vat",
                "Assiette éligible HT",
                "Eligible base excl. VAT",
            ),
            self.eligible_base_excl_vat,
            &mut out,
        );
        v::amount(
            f("amount_requested", "Montant demandé", "Amount requested"),
            self.amount_requested,
            &mut out,
        );
        v::amount(
            f("amount_awarded", "Montant accordé", "Amount awarded"),
            self.amount_awarded,
            &mut out,
        );
        v::amount(
            f("amount_paid", "Montant versé", "Amount paid"),
            self.amount_paid,
            &mut out,
        );
        v::date_order(
            f("filed_on", "Date de dépôt", "Filing date"),
            self.filed_on,
            f("notified_on", "Date de notification", "Notification date"),
            self.notified_on,
            &mut out,
        );
        v::text(
            f("note", "Note", "Note"),
            &self.note,
            MAX_TEXT_CHARS,
            &mut out,
        );
        for (i, p) in self.payments.iter().enumerate() {
            out.extend(
                p.validate()
                    .into_iter()
                    .map(|p| p.within("payments", i, "Versement", "Payment")),
            );
        }
        if let (Some(n), Some(x)) = (self.notified_on, self.extended_to) {
            if x < n {
                out.push(Problem::new(
                    "extended_to",
                    "Prorogation : la date est antérieure à la notification de l'aide",
                    "Extension: the date is before the grant's notification",
                ));
            }
        }
        out
    }
}

/// A dated step of the project's schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Milestone {
    pub title: String,
    pub due_date: NaiveDate,
    #[serde(default)]
    pub done: bool,
}

impl Milestone {
    /// Problems with this milestone.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let t = f("title", "Intitulé du jalon", "Milestone title");
        v::required(t, &self.title, &mut out);
        v::text(t, &self.title, 2_000, &mut out);
        out
    }
}

/// A dated note in the project's journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct JournalNote {
    pub date: NaiveDate,
    pub text: String,
}

impl JournalNote {
    /// Problems with this note.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let t = f("text", "Texte de la note", "Note text");
        v::required(t, &self.text, &mut out);
        v::text(t, &self.text, MAX_TEXT_CHARS, &mut out);
        out
    }
}

/// A decision of the municipal council (délibération) about the project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CouncilDecision {
    #[serde(default)]
    pub deliberation_number: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub text: String,
}

impl CouncilDecision {
    /// Problems with this decision.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        v::text(
            f(
                "deliberation_number",
                "Numéro de délibération",
                "Deliberation number",
            ),
            &self.deliberation_number,
            100,
            &mut out,
        );
        v::text(
            f("text", "Texte de la délibération", "Deliberation text"),
            &self.text,
            MAX_TEXT_CHARS,
            &mut out,
        );
        out
    }
}

/// An SSE actor involved in the project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ActorLink {
    pub actor_id: String,
    #[serde(default)]
    pub role: String,
    #[serde(default = "not_contacted")]
    pub contact_status: ContactStatus,
    #[serde(default)]
    pub note: String,
}

fn not_contacted() -> ContactStatus {
    ContactStatus::NotContacted
}

impl ActorLink {
    /// Problems with this link (the actor's existence is checked by the store).
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        v::required(f("actor_id", "Acteur", "Actor"), &self.actor_id, &mut out);
        v::text(f("role", "Rôle", "Role"), &self.role, 2_000, &mut out);
        v::text(
            f("note", "Note", "Note"),
            &self.note,
            MAX_TEXT_CHARS,
            &mut out,
        );
        out
    }
}

/// An inspiring solution the project draws on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SolutionLink {
    pub solution_id: String,
    #[serde(default)]
    pub note: String,
}

impl SolutionLink {
    /// Problems with this link.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        v::required(
            f("solution_id", "Solution inspirante", "Inspiring solution"),
            &self.solution_id,
            &mut out,
        );
        v::text(
            f("note", "Note", "Note"),
            &self.note,
            MAX_TEXT_CHARS,
            &mut out,
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ProjectFields {
        ProjectFields {
            town_insee: "29024".into(),
            title: "Tiers-lieu".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_minimal_project_is_valid() {
        assert!(valid().validate().is_empty());
    }

    #[test]
    fn problems_name_the_field_in_french() {
        let p = ProjectFields {
            town_insee: "2902".into(),
            title: "  ".into(),
            planned_start: NaiveDate::from_ymd_opt(2026, 5, 1),
            planned_end: NaiveDate::from_ymd_opt(2026, 4, 1),
            cost_excl_vat: Some(Money::euros(100)),
            cost_incl_vat: Some(Money::euros(90)),
            ..Default::default()
        };
        let msgs: Vec<String> = p.validate().into_iter().map(|p| p.fr).collect();
        let all = msgs.join("\n");
        assert!(all.contains("Commune (code INSEE)"), "{all}");
        assert!(
            all.contains("Titre du projet : ce champ est obligatoire"),
            "{all}"
        );
        assert!(all.contains("Date de fin prévue"), "{all}");
        assert!(all.contains("Coût TTC"), "{all}");
        assert_eq!(msgs.len(), 4, "{all}");
    }

    #[test]
    fn corsican_codes_are_insee_codes() {
        assert!(is_insee_code("2A004"));
        assert!(!is_insee_code("2C004"));
        assert!(!is_insee_code("290241"));
    }

    #[test]
    fn normalise_keeps_first_theme_order() {
        let mut p = valid();
        p.themes = vec![Theme::Food, Theme::Culture, Theme::Food];
        p.normalise();
        assert_eq!(p.themes, vec![Theme::Food, Theme::Culture]);
    }

    #[test]
    fn refused_lines_count_for_nothing() {
        let mut l = FundingLine::new(
            Funder::State,
            FundingKind::Grant,
            ExpenseNature::Investment,
            FundingStatus::Refused,
        );
        l.amount_requested = Some(Money::euros(10));
        assert_eq!(l.planned_amount(), Money(0));
        l.status = FundingStatus::Filed;
        assert_eq!(l.planned_amount(), Money::euros(10));
    }
}

/// One project as it travels in an export file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProjectRecord {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub uid: Option<String>,
    #[serde(flatten)]
    pub fields: ProjectFields,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub lines: ProjectLines,
}

/// A followed town in an export file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TownRef {
    pub insee: String,
    #[serde(default)]
    pub is_demo: bool,
    /// The convention's global indicators (vacancy rate, population…).
    /// On import, a non-empty list replaces the town's indicators; an empty
    /// or missing one leaves them as they are.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}
