// Generated from the Rust types by src-tauri/src/bindings.rs — do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p bourgade-shell bindings

export type Lang = "fr" | "en";

export type Money = number;

export type Stage = number;

export type Health = "on_track" | "late" | "paused" | "blocked" | "to_discuss" | "abandoned";

export type Priority = "high" | "medium" | "low";

export type Theme = "commerce" | "housing" | "mobility" | "crafts" | "heritage" | "third_places" | "circular_economy" | "food" | "health" | "culture" | "employment" | "energy" | "public_services" | "environment";

export type Axis = "housing" | "retail_economy" | "mobility_access" | "public_space_heritage" | "facilities_services";

export type Funder = "state" | "region" | "departement" | "epci" | "eu" | "banque_territoires" | "private" | "own_funds";

export type FundingKind = "grant" | "loan" | "repayable_advance" | "engineering";

export type ExpenseNature = "investment" | "operating";

export type FundingStatus = "to_request" | "filed" | "awarded" | "refused" | "partially_paid" | "paid";

export type ContactStatus = "not_contacted" | "contacted" | "in_discussion" | "engaged" | "declined";

export type ActorKind = "agency" | "fabrique_initiatives" | "financer" | "cress" | "federation" | "dla" | "cooperative_union" | "third_place_network" | "incubator" | "network" | "local";

export type Scope = "national" | "regional" | "departemental" | "local";

export type Service = "engineering" | "financing" | "training" | "premises" | "network";

export type LegalForm = "association" | "scic" | "scop" | "cooperative" | "ess_company" | "municipal" | "foundation";

export type OwnerKind = "commune" | "epci" | "other_public" | "association" | "cooperative" | "company" | "other_private";

export type Derogation = "none" | "protected_monument" | "public_calamity" | "urban_renewal_2003" | "unprotected_heritage" | "school_energy_renovation";

export type ExpenseCategory = "studies" | "acquisition" | "works" | "equipment" | "other";

export type OperationKind = "works" | "acquisition" | "works_and_acquisition" | "studies" | "equipment";

export type Zoning = "qpv" | "frr" | "spr" | "abf_opinion";

export type Contract = "crte" | "pvd" | "ort" | "opah" | "villages_avenir";

export type EcoObjective = "climate_mitigation" | "climate_adaptation" | "water" | "circular_economy" | "pollution" | "biodiversity";

export type ApplicationFacts = { 
/**
 * Works, acquisition, both…
 */
operation: OperationKind | null, 
/**
 * Revenue excl. VAT the operation will generate (rents, sales, fees).
 */
expected_revenue: Money | null, 
/**
 * The town's rank of this project among its applications of the
 * year to the same scheme (1 = first).
 */
priority_rank: number | null, 
/**
 * The category of operations of the call it falls in, as the
 * préfecture's call names it (free text).
 */
category: string, zonings: Array<Zoning>, contracts: Array<Contract>, eco_objectives: Array<EcoObjective>, 
/**
 * True when the project consumes natural, agricultural or forest land
 * (*artificialisation*); None when not yet answered.
 */
consumes_natural_land: boolean | null, };

export type ExpenseLine = { category: ExpenseCategory, label: string, amount_excl_vat: Money, 
/**
 * VAT rate in percent (0–100, at most two decimals: 20, 10, 5.5, 2.1, 0).
 */
vat_rate_percent: number, 
/**
 * Positions (from 0) in the project's funding lines of the funders
 * for which this expense is **not** eligible. Empty: eligible to all.
 */
ineligible_for: Array<number>, };

export type Direction = "up" | "down";

export type PhaseKind = "studies" | "consultation" | "works" | "operation" | "other";

export type PaymentKind = "advance" | "instalment" | "balance";

export type Reading = { date: string, value: number, 
/**
 * Where the figure comes from ("INSEE, recensement 2022", "comptage").
 */
source: string, };

export type Indicator = { 
/**
 * The code of the shipped indicator it was picked from
 * (`data/reference/indicators.json`), or none for the user's own.
 */
code: string | null, label: string, 
/**
 * "%", "logements", "m²"…
 */
unit: string, direction: Direction, baseline_value: number | null, baseline_date: string | null, target_value: number | null, target_date: string | null, 
/**
 * The readings, in date order.
 */
readings: Array<Reading>, };

export type IndicatorTemplate = { code: string, fr: string, en: string, unit_fr: string, unit_en: string, direction: Direction, source_fr: string, source_en: string, };

export type Phase = { kind: PhaseKind, label: string, start: string | null, end: string | null, budget: Money | null, };

export type YearAmount = { year: number, nature: ExpenseNature, forecast: Money, actual: Money | null, };

export type Payment = { kind: PaymentKind, 
/**
 * When it is expected.
 */
due_on: string | null, 
/**
 * The amount expected.
 */
amount: Money, received_on: string | null, received: Money | null, };

export type LapseRule = { 
/**
 * Months from the grant's notification to the start of the operation.
 */
start_months: number, 
/**
 * The longest extension of that period the funder may grant, in months.
 */
start_extension_months: number, 
/**
 * Months from the start of the operation to its completion.
 */
completion_months: number, 
/**
 * The longest extension of that period, in months.
 */
completion_extension_months: number, 
/**
 * The text that sets these periods.
 */
basis: string, };

export type Label = { code: string, fr: string, en: string, };

export type Taxonomy = { catalogue_version: number, stages: Array<Label>, health: Array<Label>, priority: Array<Label>, themes: Array<Label>, axes: Array<Label>, funders: Array<Label>, funding_kinds: Array<Label>, expense_natures: Array<Label>, funding_statuses: Array<Label>, contact_statuses: Array<Label>, actor_kinds: Array<Label>, scopes: Array<Label>, services: Array<Label>, legal_forms: Array<Label>, owner_kinds: Array<Label>, derogations: Array<Label>, expense_categories: Array<Label>, operation_kinds: Array<Label>, zonings: Array<Label>, contracts: Array<Label>, eco_objectives: Array<Label>, directions: Array<Label>, phase_kinds: Array<Label>, payment_kinds: Array<Label>, };

export type Commune = { insee: string, name: string, departement: string, departement_name: string, region: string, region_name: string, population: number | null, epci_code: string | null, epci_name: string | null, postcodes: Array<string>, };

export type Town = { 
/**
 * True for the demo town shipped with the app.
 */
is_demo: boolean, insee: string, name: string, departement: string, departement_name: string, region: string, region_name: string, population: number | null, epci_code: string | null, epci_name: string | null, postcodes: Array<string>, };

export type Actor = { id: string, name: string, kind: ActorKind, scope: Scope, 
/**
 * Region codes (regional), département codes (départemental) or EPCI
 * codes (local); empty for national actors.
 */
territories: Array<string>, themes: Array<Theme>, stages: Array<Stage>, services: Array<Service>, legal_forms: Array<LegalForm>, description_fr: string, description_en: string, website: string | null, source: string, 
/**
 * The day the entry was last checked against its source (catalogue
 * entries; `None` for the user's own).
 */
verified_on?: string, 
/**
 * True for a catalogue entry a later catalogue no longer lists: kept so
 * the projects linked to it keep their links, never suggested again.
 */
retired?: boolean, };

export type Solution = { id: string, title_fr: string, title_en: string, summary_fr: string, summary_en: string, themes: Array<Theme>, legal_forms: Array<LegalForm>, stages_useful: Array<Stage>, population_min: number | null, population_max: number | null, example_town: string | null, example_insee: string | null, facts_fr: Array<string>, facts_en: Array<string>, source: string, };

export type FundingScheme = { code: string, name_fr: string, name_en: string, funder: Funder, kinds: Array<FundingKind>, 
/**
 * True when the scheme only funds investment (DETR, DSIL).
 */
investment_only: boolean, usual_rate_max_percent: number | null, description_fr: string, description_en: string, website: string | null, source: string, 
/**
 * When an awarded grant lapses, where the text is known; `None`
 * otherwise (no rule is guessed).
 */
lapse: LapseRule | null, 
/**
 * The day the entry was last checked against its source.
 */
verified_on?: string, 
/**
 * True for a scheme a later catalogue no longer lists (kept for the
 * funding lines that name it).
 */
retired?: boolean, };

export type ProjectFields = { 
/**
 * INSEE code of the town the project belongs to.
 */
town_insee: string, title: string, summary: string, 
/**
 * Context and need (why the project exists).
 */
context: string, 
/**
 * What is proposed.
 */
proposal: string, risks: string, ort_axis: Axis | null, 
/**
 * Number of the ORT action sheet ("fiche action"), e.g. "2.3".
 */
action_sheet: string | null, themes: Array<Theme>, stage: Stage, health: Health, priority: Priority, 
/**
 * Lead or project owner (free text: a service, a partner).
 */
lead: string, 
/**
 * Elected councillor in charge (free text).
 */
elected_lead: string, planned_start: string | null, planned_end: string | null, cost_excl_vat: Money | null, cost_incl_vat: Money | null, 
/**
 * Who owns the operation (*maître d'ouvrage*); the town by default.
 */
owner_kind: OwnerKind, 
/**
 * The exception to the owner's minimum share it falls under, if any.
 */
derogation: Derogation, 
/**
 * What grant application forms ask beyond the plan.
 */
application: ApplicationFacts, 
/**
 * The date the operation started (*commencement d'exécution*: the
 * first legal act binding the owner to a contractor, declared to the
 * funders); the grants' lapse dates run from it.
 */
started_on: string | null, 
/**
 * The date its completion was declared.
 */
completed_on: string | null, };

export type Project = { 
/**
 * Number shown to the user.
 */
id: number, 
/**
 * Identity across databases (exports, imports).
 */
uid: string, created_at: string, updated_at: string, 
/**
 * INSEE code of the town the project belongs to.
 */
town_insee: string, title: string, summary: string, 
/**
 * Context and need (why the project exists).
 */
context: string, 
/**
 * What is proposed.
 */
proposal: string, risks: string, ort_axis: Axis | null, 
/**
 * Number of the ORT action sheet ("fiche action"), e.g. "2.3".
 */
action_sheet: string | null, themes: Array<Theme>, stage: Stage, health: Health, priority: Priority, 
/**
 * Lead or project owner (free text: a service, a partner).
 */
lead: string, 
/**
 * Elected councillor in charge (free text).
 */
elected_lead: string, planned_start: string | null, planned_end: string | null, cost_excl_vat: Money | null, cost_incl_vat: Money | null, 
/**
 * Who owns the operation (*maître d'ouvrage*); the town by default.
 */
owner_kind: OwnerKind, 
/**
 * The exception to the owner's minimum share it falls under, if any.
 */
derogation: Derogation, 
/**
 * What grant application forms ask beyond the plan.
 */
application: ApplicationFacts, 
/**
 * The date the operation started (*commencement d'exécution*: the
 * first legal act binding the owner to a contractor, declared to the
 * funders); the grants' lapse dates run from it.
 */
started_on: string | null, 
/**
 * The date its completion was declared.
 */
completed_on: string | null, };

export type ProjectSummary = { id: number, uid: string, town_insee: string, town_name: string, title: string, stage: Stage, health: Health, priority: Priority, ort_axis: Axis | null, themes: Array<Theme>, cost_excl_vat: Money | null, 
/**
 * Earliest open milestone or funding deadline, if any.
 */
next_deadline: string | null, updated_at: string, };

export type ProjectLines = { stage_events: Array<StageEvent>, 
/**
 * The expense side of the plan (*postes de dépenses*); when present,
 * the project's cost and each funding line's eligible base derive
 * from them.
 */
expense_lines: Array<ExpenseLine>, funding_lines: Array<FundingLine>, milestones: Array<Milestone>, 
/**
 * Indicators of the project, with their readings.
 */
indicators: Array<Indicator>, 
/**
 * Phases with their own dates and budget.
 */
phases: Array<Phase>, 
/**
 * Spending year by year, investment and operating.
 */
yearly: Array<YearAmount>, journal: Array<JournalNote>, council_decisions: Array<CouncilDecision>, actors: Array<ActorLink>, solutions: Array<SolutionLink>, };

export type ProjectDetail = { 
/**
 * Number shown to the user.
 */
id: number, 
/**
 * Identity across databases (exports, imports).
 */
uid: string, created_at: string, updated_at: string, 
/**
 * INSEE code of the town the project belongs to.
 */
town_insee: string, title: string, summary: string, 
/**
 * Context and need (why the project exists).
 */
context: string, 
/**
 * What is proposed.
 */
proposal: string, risks: string, ort_axis: Axis | null, 
/**
 * Number of the ORT action sheet ("fiche action"), e.g. "2.3".
 */
action_sheet: string | null, themes: Array<Theme>, stage: Stage, health: Health, priority: Priority, 
/**
 * Lead or project owner (free text: a service, a partner).
 */
lead: string, 
/**
 * Elected councillor in charge (free text).
 */
elected_lead: string, planned_start: string | null, planned_end: string | null, cost_excl_vat: Money | null, cost_incl_vat: Money | null, 
/**
 * Who owns the operation (*maître d'ouvrage*); the town by default.
 */
owner_kind: OwnerKind, 
/**
 * The exception to the owner's minimum share it falls under, if any.
 */
derogation: Derogation, 
/**
 * What grant application forms ask beyond the plan.
 */
application: ApplicationFacts, 
/**
 * The date the operation started (*commencement d'exécution*: the
 * first legal act binding the owner to a contractor, declared to the
 * funders); the grants' lapse dates run from it.
 */
started_on: string | null, 
/**
 * The date its completion was declared.
 */
completed_on: string | null, stage_events: Array<StageEvent>, 
/**
 * The expense side of the plan (*postes de dépenses*); when present,
 * the project's cost and each funding line's eligible base derive
 * from them.
 */
expense_lines: Array<ExpenseLine>, funding_lines: Array<FundingLine>, milestones: Array<Milestone>, 
/**
 * Indicators of the project, with their readings.
 */
indicators: Array<Indicator>, 
/**
 * Phases with their own dates and budget.
 */
phases: Array<Phase>, 
/**
 * Spending year by year, investment and operating.
 */
yearly: Array<YearAmount>, journal: Array<JournalNote>, council_decisions: Array<CouncilDecision>, actors: Array<ActorLink>, solutions: Array<SolutionLink>, };

export type StageEvent = { from_stage: Stage | null, to_stage: Stage, date: string, author: string, note: string, };

export type FundingLine = { funder: Funder, 
/**
 * Code of a funding scheme (`DETR`, `FONDS_VERT`…) or free text.
 */
scheme: string | null, kind: FundingKind, nature: ExpenseNature, eligible_base_excl_vat: Money | null, 
/**
 * Aid rate in percent of the eligible base (0–100).
 */
rate_percent: number | null, 
/**
 * True when the amounts below include VAT (TTC).
 */
amounts_incl_vat: boolean, amount_requested: Money | null, amount_awarded: Money | null, amount_paid: Money | null, status: FundingStatus, deadline: string | null, filed_on: string | null, notified_on: string | null, paid_on: string | null, note: string, 
/**
 * The payment schedule of an awarded grant: advance, instalments,
 * balance, forecast and received.
 */
payments: Array<Payment>, 
/**
 * The date to which the funder extended the grant's validity
 * (*prorogation*), if it did.
 */
extended_to: string | null, };

export type Milestone = { title: string, due_date: string, done: boolean, };

export type JournalNote = { date: string, text: string, };

export type CouncilDecision = { deliberation_number: string, date: string, text: string, };

export type ActorLink = { actor_id: string, role: string, contact_status: ContactStatus, note: string, };

export type SolutionLink = { solution_id: string, note: string, };

export type ProjectFilter = { town_insee: string | null, stage: Stage | null, 
/**
 * Words to find (accent-insensitive, prefix match).
 */
search: string | null, 
/**
 * At most this many projects (a page of the list); all when absent.
 */
limit?: number, 
/**
 * Skip this many first projects (the pages before), by id.
 */
offset?: number, };

export type CatalogueStatus = { catalogue_version: number | null, communes_version: string | null, communes: number, actors: number, solutions: number, schemes: number, };

export type BackupInfo = { schema_version: number, projects: number, towns: number, };

export type Format = "json" | "csv";

export type ImportReport = { dry_run: boolean, created: number, updated: number, towns_added: Array<string>, actors_saved: number, 
/**
 * Notes for the user (e.g. the encoding that was detected).
 */
notes: Array<string>, };

export type Dashboard = { total_projects: number, stage_counts: Array<StageCount>, 
/**
 * The first [`LIST_LIMIT`] late or blocked projects, by number.
 */
late_or_blocked: Array<ProjectSummary>, late_or_blocked_total: number, 
/**
 * Open milestones, funding deadlines and the closing dates of the aids
 * that fit a project, from today to today + 60 days, by date: the
 * first [`LIST_LIMIT`].
 */
upcoming: Array<Deadline>, upcoming_total: number, 
/**
 * Open milestones already past due, by date: the first [`LIST_LIMIT`].
 */
overdue: Array<Deadline>, overdue_total: number, total_cost_excl_vat: Money, funding_secured: Money, funding_pending: Money, funding_by_funder: Array<FunderTotal>, 
/**
 * Readiness findings to handle ("à traiter"): the first
 * [`LIST_LIMIT`], blocking first, and how many of each kind.
 */
to_handle: ToHandle, };

export type StageCount = { stage: Stage, count: number, };

export type DeadlineKind = "milestone" | "funding_deadline" | "aid_closes";

export type Deadline = { date: string, kind: DeadlineKind, project_id: number, project_title: string, 
/**
 * The milestone title, the funding scheme (or funder code), or the
 * aid's name.
 */
label: string, };

export type FunderTotal = { funder: Funder, 
/**
 * Awarded or paid.
 */
secured: Money, 
/**
 * To request or filed.
 */
pending: Money, };

export type PlanSummary = { figures: PlanFigures, 
/**
 * The plan's findings, blocking first.
 */
findings: Array<Finding>, };

export type PlanFigures = { 
/**
 * What the plan is compared with, and which figure it is.
 */
basis: Money | null, basis_kind: BasisKind | null, 
/**
 * The cost the plan must cover (`basis` unless it is an eligible base).
 */
cost: Money | null, 
/**
 * Sum of every line's planned amount.
 */
total_planned: Money, 
/**
 * Grants and engineering from public persons (every line).
 */
public_aid: Money, 
/**
 * `public_aid` in percent of `basis`, two decimals.
 */
public_share_percent: number | null, 
/**
 * Sponsorship and other private money.
 */
private_money: Money, 
/**
 * Lines of the owner's own funds.
 */
own_funds: Money, 
/**
 * Loans and repayable advances (the owner repays them).
 */
borrowing: Money, 
/**
 * What the plan leaves unfunded: `cost` minus the total, at least 0.
 * The owner carries it unless another funder is found.
 */
unfunded: Money, 
/**
 * `cost` minus the total (negative when the plan exceeds the cost).
 */
gap: Money | null, 
/**
 * Awarded, partially paid or paid.
 */
secured: Money, 
/**
 * True when some lines are with VAT and others without.
 */
mixed_vat: boolean, 
/**
 * The owner's share of the investment (CGCT art. L1111-10 III): its
 * own funds and borrowing on investment lines, as the plan states them
 * (`unfunded` is not presumed to be the owner's).
 */
owner_share: Money, 
/**
 * Public aid on investment lines.
 */
investment_public_aid: Money, 
/**
 * The total funding brought by public persons to the investment, the
 * owner's share included: the base of the owner's minimum share.
 */
public_funding: Money, 
/**
 * `owner_share` in percent of `public_funding`, two decimals.
 */
owner_share_percent: number | null, 
/**
 * Operating lines, left out of the owner's share computation.
 */
operating_left_out: Money, 
/**
 * What stays with the owner's budget: its own funds, its borrowing and
 * the unfunded rest (`own_funds + borrowing + unfunded`).
 */
owner_burden: Money, };

export type BasisKind = "cost_excl_vat" | "cost_incl_vat" | "largest_eligible_base";

export type LegalBasis = { 
/**
 * "Code général des collectivités territoriales".
 */
text_fr: string, text_en: string, 
/**
 * "art. L1111-10, III".
 */
article: string, 
/**
 * The version applied: its date and the text that last changed it.
 */
version_fr: string, version_en: string, 
/**
 * Date from which that version is in force.
 */
in_force_since: string | null, 
/**
 * A public page of the text.
 */
url: string | null, };

export type RuleId = "owner_share" | "state_grants" | "fonds_de_concours" | "vat" | "coverage" | "operating_on_investment_scheme" | "deadlines" | "milestones" | "grant_lapse" | "indicators" | "reconciliation";

export type RuleInfo = { id: RuleId, title_fr: string, title_en: string, 
/**
 * What the rule checks and how, in a few sentences.
 */
summary_fr: string, summary_en: string, 
/**
 * The text applied; `None` for a rule of good practice.
 */
basis: LegalBasis | null, 
/**
 * Exceptions and what was left out, with their texts.
 */
notes_fr: Array<string>, notes_en: Array<string>, 
/**
 * The finding codes the rule gives.
 */
findings: Array<FindingCode>, };

export type Finding = { code: FindingCode, severity: Severity, project_id: number, project_title: string, 
/**
 * INSEE code of the project's town.
 */
town_insee: string, 
/**
 * The line at issue, named like validation fields
 * (`funding_lines[1]`, `milestones[0]`); `None` for the whole plan.
 */
field: string | null, message_fr: string, message_en: string, figures: Figures, 
/**
 * The rule that gave it, as listed by `bourgade rules`.
 */
rule: RuleId, 
/**
 * The text the rule applies; `None` for a rule of good practice.
 */
basis: LegalBasis | null, 
/**
 * The computation behind the verdict, in figures.
 */
computation_fr: string, computation_en: string, };

export type ToHandle = { 
/**
 * At most the number asked for, blocking first, by project number.
 */
first: Array<Finding>, blocking: number, warnings: number, };

export type Figures = { 
/**
 * The amount at issue (the owner's share, a grant, the plan's total).
 */
amount: Money | null, 
/**
 * What it is compared with (public funding, the eligible base, the cost).
 */
reference: Money | null, 
/**
 * `amount` as a percentage of `reference`, to two decimals.
 */
percent: number | null, 
/**
 * The threshold the rule sets (the minimum or the ceiling), in money.
 */
limit?: Money | null, 
/**
 * What is missing or too much with respect to `limit`.
 */
difference?: Money | null, 
/**
 * The date at issue (deadline, milestone).
 */
date: string | null, 
/**
 * Days from today to `date` (negative once passed).
 */
days: number | null, };

export type Severity = "blocking" | "warning" | "info";

export type FindingCode = "owner_share_below_minimum" | "state_grants_above_cap" | "state_grant_below_floor" | "fonds_de_concours_above_share" | "vat_mixed" | "plan_below_cost" | "plan_above_cost" | "operating_on_investment_scheme" | "deadline_passed" | "deadline_soon" | "no_funding_plan" | "milestone_late" | "cost_unknown" | "grant_lapse_soon" | "grant_lapsed" | "indicator_stale" | "years_do_not_match_cost" | "schedule_does_not_match_award";

export type ActorSuggestion = { actor_id: string, name: string, kind: ActorKind, scope: Scope, 
/**
 * The organisation's public website, for a one-click link.
 */
website: string | null, services: Array<Service>, 
/**
 * Sum of the reasons' points; higher is more relevant.
 */
score: number, 
/**
 * Why, in French and English, in a fixed order (territory, stage, kind,
 * themes, legal form, services).
 */
reasons: Array<Reason>, 
/**
 * True for an actor the project already works with: shown, never
 * counted as a new suggestion.
 */
already_linked: boolean, regions: Array<string>, departements: Array<string>, };

export type SolutionSuggestion = { solution_id: string, title_fr: string, title_en: string, 
/**
 * The town that did it, when the solution is a documented example.
 */
example_town: string | null, 
/**
 * Sum of the reasons' points; higher is more relevant.
 */
score: number, 
/**
 * Why, in French and English (themes, stage, town size, legal form,
 * nearby example).
 */
reasons: Array<Reason>, 
/**
 * True for a solution the project already draws on.
 */
already_linked: boolean, };

export type SuggestFilter = { 
/**
 * Only actors offering this service; it also replaces the services the
 * stage needs in the score.
 */
service: Service | null, 
/**
 * At most this many new suggestions (already linked entries come on top
 * of it). `None`: all.
 */
limit: number | null, };

export type Reason = { code: ReasonCode, 
/**
 * Points this reason adds to the score (0 for a plain remark).
 */
points: number, 
/**
 * Short French phrase ("intervient en Bretagne").
 */
fr: string, 
/**
 * Its English twin.
 */
en: string, };

export type ReasonCode = "territory" | "theme" | "stage" | "next_stage" | "kind" | "legal_form" | "services" | "population";

export type DossierFile = { name: string, path: string, bytes: number, };

export type Progress = { 
/**
 * The latest reading.
 */
latest: Reading | null, 
/**
 * The way covered from the baseline to the target, in percent, one
 * decimal (below 0 when it went the wrong way, above 100 beyond).
 */
percent: number | null, 
/**
 * True when the latest reading is at or beyond the target.
 */
reached: boolean, };

export type LapsePeriod = "start" | "completion";

export type LapseDate = { period: LapsePeriod, 
/**
 * The date the grant lapses if nothing happens by then.
 */
date: string, 
/**
 * The date the period runs from (notification or start).
 */
from: string, 
/**
 * The end of the period without extension.
 */
base: string, 
/**
 * True when an extension moved the date.
 */
extended: boolean, 
/**
 * True when the extension entered went beyond what the text allows
 * and was counted up to that limit.
 */
extension_capped: boolean, };

export type IndicatorView = { indicator: Indicator, progress: Progress, };

export type LapseView = { 
/**
 * Position of the funding line in the plan.
 */
line: number, scheme: string, lapse: LapseDate, 
/**
 * The text that sets the periods.
 */
basis: string, };

export type ProjectSteering = { indicators: Array<IndicatorView>, lapses: Array<LapseView>, };

export type YearFigures = { year: number, investment: Money, operating: Money, 
/**
 * Spending actually made, where entered.
 */
actual: Money, receipts: Money, 
/**
 * `investment + operating − receipts`.
 */
net: Money, };

export type ProgrammeProject = { project_id: number, title: string, town_insee: string, cost_excl_vat: Money | null, 
/**
 * One entry per year of the range, in order.
 */
years: Array<YearFigures>, 
/**
 * Grants awarded whose payments have no year.
 */
unscheduled_receipts: Money, };

export type Programme = { from: number, to: number, 
/**
 * Projects with any figure in the range, by number.
 */
projects: Array<ProgrammeProject>, 
/**
 * The totals of each year.
 */
totals: Array<YearFigures>, unscheduled_receipts: Money, };

export type AidType = "grant" | "loan" | "recoverable_advance" | "energy_saving_certificate" | "other_financial" | "technical_engineering" | "financial_engineering" | "legal_engineering";

export type AidStep = "preop" | "op" | "postop";

export type Recurrence = "one_off" | "ongoing" | "recurring";

export type Audience = "commune" | "epci" | "departement" | "region" | "special" | "association" | "private_person" | "farmer" | "private_sector" | "public_company" | "public_body" | "researcher";

export type PerimeterScale = "national" | "metropole" | "overseas" | "region" | "departement" | "epci" | "commune" | "unknown";

export type AidPerimeter = { scale: PerimeterScale, 
/**
 * INSEE code of the région, département or commune, SIREN of the EPCI;
 * `None` for the national, metropolitan, overseas and unknown scales.
 */
code: string | null, 
/**
 * The perimeter as the file names it ("Drôme", "France", "71016").
 */
label: string, };

export type Aid = { 
/**
 * Bourgade's key of the aid, unique: `at:<id>` when the file gives an
 * id, else `slug:<slug>`, else `nom:<folded name>` (the import template
 * has neither id nor slug). Re-importing the same aid updates it.
 */
key: string, 
/**
 * The id the file gives (Aides-territoires' id, or the partner feed's).
 */
at_id: string | null, slug: string | null, name: string, 
/**
 * Backers ("porteurs d'aides"), as named in the file.
 */
financers: Array<string>, instructors: Array<string>, 
/**
 * Programmes ("Petites villes de demain", "Fonds vert"…).
 */
programs: Array<string>, audiences: Array<Audience>, aid_types: Array<AidType>, 
/**
 * Kinds of aid the file names that are not Aides-territoires' (kept
 * as written).
 */
other_aid_types: Array<string>, perimeter: AidPerimeter, 
/**
 * Steps of a project the aid serves; empty when the file does not say.
 */
steps: Array<AidStep>, 
/**
 * Categories ("Thème / Sous-thème" or sub-themes) as written.
 */
categories: Array<string>, 
/**
 * Bourgade's themes the categories name (see
 * `exchange::aides::themes_of_category`).
 */
themes: Array<Theme>, 
/**
 * Expense types ("Dépenses d'investissement"…), as written.
 */
destinations: Array<string>, start_date: string | null, predeposit_date: string | null, submission_deadline: string | null, recurrence: Recurrence | null, 
/**
 * Grant rate bounds, in percent (0–100).
 */
rate_min: number | null, rate_max: number | null, is_call_for_project: boolean | null, origin_url: string, application_url: string, 
/**
 * The description as plain text (tags removed, entities decoded).
 */
description: string, };

export type StoredAid = { 
/**
 * Row number in the database (stable across re-imports of the aid).
 */
id: number, aid: Aid, imported_at: string, updated_at: string, };

export type AidsImportReport = { dry_run: boolean, 
/**
 * Aids in the file.
 */
read: number, created: number, updated: number, 
/**
 * Aids whose submission deadline has passed: kept, marked closed.
 */
closed: number, 
/**
 * Aids whose perimeter Bourgade cannot place: kept, never suggested.
 */
unplaced: number, 
/**
 * Notes for the user, in French.
 */
notes_fr: Array<string>, 
/**
 * The same notes in English.
 */
notes_en: Array<string>, };

export type CommunsFormat = "csv" | "json" | "draft_v02";

export type AidSuggestion = { 
/**
 * The stored aid's number.
 */
aid_id: number, name: string, 
/**
 * Sum of the reasons' points.
 */
score: number, reasons: Array<AidReason>, 
/**
 * The last day to apply, if the aid has one.
 */
submission_deadline: string | null, 
/**
 * The day applications open, when it is still to come.
 */
opens_on: string | null, financers: Array<string>, aid_types: Array<AidType>, rate_min: number | null, rate_max: number | null, application_url: string, origin_url: string, 
/**
 * Who funds it, what kind of aid and at what rate, in one line:
 * « Région Normandie · Subvention · 20–50 % ».
 */
facts_fr: string, 
/**
 * The same line in English.
 */
facts_en: string, 
/**
 * Where to apply: the application address, else the aid's page.
 */
link: string, };

export type AidReason = { code: AidReasonCode, 
/**
 * Points this reason adds (0 for a plain remark such as the deadline).
 */
points: number, fr: string, en: string, };

export type AidReasonCode = "perimeter" | "theme" | "step" | "audience" | "deadline";

export type Area = { regions: Array<string>, departements: Array<string>, };

export type ActorView = { 
/**
 * The actor's id (also in `id`), the name other tools read.
 */
actor_id: string, 
/**
 * Where it works, in words: « Occitanie », « France entière »…
 */
area_fr: string, area_en: string, 
/**
 * True for an actor the user created or edited.
 */
local: boolean, 
/**
 * The followed towns (INSEE codes) where the actor works.
 */
serves_towns: Array<string>, id: string, name: string, kind: ActorKind, scope: Scope, 
/**
 * Region codes (regional), département codes (départemental) or EPCI
 * codes (local); empty for national actors.
 */
territories: Array<string>, themes: Array<Theme>, stages: Array<Stage>, services: Array<Service>, legal_forms: Array<LegalForm>, description_fr: string, description_en: string, website: string | null, source: string, 
/**
 * The day the entry was last checked against its source (catalogue
 * entries; `None` for the user's own).
 */
verified_on?: string, 
/**
 * True for a catalogue entry a later catalogue no longer lists: kept so
 * the projects linked to it keep their links, never suggested again.
 */
retired?: boolean, regions: Array<string>, departements: Array<string>, };

export type EntryKind = "actor" | "scheme" | "solution";

export type EntryRef = { kind: EntryKind, id: string, name: string, };

export type CatalogueReport = { dry_run: boolean, 
/**
 * The catalogue version the database holds after the update.
 */
catalogue_version: number | null, added: Array<EntryRef>, changed: Array<EntryRef>, 
/**
 * Entries no longer listed: kept and marked retired, never deleted,
 * so projects keep their links.
 */
retired: Array<EntryRef>, 
/**
 * Entries the user created or edited under the same id: left alone.
 */
kept_user: Array<EntryRef>, 
/**
 * Entries already as the update has them.
 */
unchanged: number, };

export type IpcError = { code: string, message: string, problems: Array<IpcProblem>, };

export type IpcProblem = { field: string, line: number | null, message: string, };

export type AppInfo = { version: string, db_path: string | null, schema_version: number, catalogue: CatalogueStatus, sources: Array<SourceInfo>, };

export type SourceInfo = { name: string, version: string, licence: string, url: string | null, };
