// Shapes of new project data, and copies between the detail the core sends
// and the parts the page edits.
import { missingInIndicators, tidyIndicators } from './steering';
import type { ActorLink, ApplicationFacts, CouncilDecision, FundingLine, JournalNote, Milestone, ProjectDetail, ProjectFields, ProjectLines } from './bindings';

/** Today's date in the user's time zone, as 'YYYY-MM-DD'. */
export function today(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The fields of a new project: the core's defaults. */
export function newFields(townInsee: string, title: string): ProjectFields {
  return {
    town_insee: townInsee,
    title,
    summary: '',
    context: '',
    proposal: '',
    risks: '',
    ort_axis: null,
    action_sheet: null,
    themes: [],
    stage: 0,
    health: 'on_track',
    priority: 'medium',
    lead: '',
    elected_lead: '',
    planned_start: null,
    planned_end: null,
    cost_excl_vat: null,
    cost_incl_vat: null,
    owner_kind: 'commune',
    derogation: 'none',
    application: newApplication(),
    started_on: null,
    completed_on: null,
  };
}

/** The application facts of a new project: nothing answered yet. */
export function newApplication(): ApplicationFacts {
  return {
    operation: null,
    expected_revenue: null,
    priority_rank: null,
    category: '',
    zonings: [],
    contracts: [],
    eco_objectives: [],
    consumes_natural_land: null,
  };
}

const FIELD_KEYS: (keyof ProjectFields)[] = Object.keys(newFields('', '')) as (keyof ProjectFields)[];

/** The editable fields of a project detail (a fresh copy). */
export function fieldsOf(detail: ProjectFields): ProjectFields {
  const out = {} as Record<string, unknown>;
  for (const k of FIELD_KEYS) out[k] = structuredClone((detail as Record<string, unknown>)[k]);
  // A detail from an older core has no application facts: nothing answered.
  out.application = { ...newApplication(), ...((out.application as ApplicationFacts | undefined) ?? {}) };
  return out as ProjectFields;
}

/** The lines of a project detail (a fresh copy). */
export function linesOf(detail: ProjectDetail): ProjectLines {
  return structuredClone({
    stage_events: detail.stage_events,
    expense_lines: detail.expense_lines ?? [],
    funding_lines: detail.funding_lines,
    milestones: detail.milestones,
    indicators: detail.indicators ?? [],
    phases: detail.phases ?? [],
    yearly: detail.yearly ?? [],
    journal: detail.journal,
    council_decisions: detail.council_decisions,
    actors: detail.actors,
    solutions: detail.solutions,
  });
}

export function newFundingLine(): FundingLine {
  return {
    funder: 'state',
    scheme: null,
    kind: 'grant',
    nature: 'investment',
    eligible_base_excl_vat: null,
    rate_percent: null,
    amounts_incl_vat: false,
    amount_requested: null,
    amount_awarded: null,
    amount_paid: null,
    status: 'to_request',
    deadline: null,
    filed_on: null,
    notified_on: null,
    paid_on: null,
    note: '',
    payments: [],
    extended_to: null,
  };
}

export const newMilestone = (date: string): Milestone => ({ title: '', due_date: date, done: false });
export const newJournalNote = (date: string, text = ''): JournalNote => ({ date, text });
export const newDecision = (date: string): CouncilDecision => ({ deliberation_number: '', date, text: '' });
export const newActorLink = (actorId: string): ActorLink => ({
  actor_id: actorId,
  role: '',
  contact_status: 'not_contacted',
  note: '',
});

/**
 * Required dates the user emptied: the core cannot read a line without its
 * date, so these are said on screen and the lines are not sent.
 * Returns the field names ("milestones[1].due_date").
 */
export function missingDates(lines: ProjectLines): string[] {
  const out: string[] = [];
  lines.milestones.forEach((m, i) => m.due_date || out.push(`milestones[${i}].due_date`));
  lines.journal.forEach((n, i) => n.date || out.push(`journal[${i}].date`));
  lines.council_decisions.forEach((d, i) => d.date || out.push(`council_decisions[${i}].date`));
  out.push(...missingInIndicators(lines.indicators).dates);
  return out;
}

/**
 * Required numbers the user emptied (a reading's value, a year, a forecast,
 * a payment's amount): said on screen, and the lines not sent.
 */
export function missingNumbers(lines: ProjectLines): string[] {
  const out: string[] = [...missingInIndicators(lines.indicators).values];
  const number = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  lines.yearly.forEach((y, i) => {
    if (!number(y.year)) out.push(`yearly[${i}].year`);
    if (!number(y.forecast)) out.push(`yearly[${i}].forecast`);
  });
  lines.funding_lines.forEach((l, i) => l.payments.forEach((p, j) => number(p.amount) || out.push(`funding_lines[${i}].payments[${j}].amount`)));
  return out;
}

/**
 * The lines as sent: '' from an emptied date input is "no date", a blank
 * scheme is none; with expense lines, every funding line's eligible base is
 * null, which the core reads as "derived from the expense lines".
 */
export function tidyLines(lines: ProjectLines): ProjectLines {
  const copy = structuredClone(lines);
  const derived = copy.expense_lines.length > 0;
  for (const e of copy.expense_lines) {
    if (e.amount_excl_vat === null || !Number.isFinite(e.amount_excl_vat)) e.amount_excl_vat = 0;
  }
  for (const l of copy.funding_lines) {
    for (const k of ['deadline', 'filed_on', 'notified_on', 'paid_on', 'extended_to'] as const) {
      if (l[k] === '') l[k] = null;
    }
    for (const p of l.payments) {
      if (p.due_on === '') p.due_on = null;
      if (p.received_on === '') p.received_on = null;
    }
    if (l.scheme !== null && l.scheme.trim() === '') l.scheme = null;
    if (derived) l.eligible_base_excl_vat = null;
  }
  for (const ph of copy.phases) {
    if (ph.start === '') ph.start = null;
    if (ph.end === '') ph.end = null;
  }
  copy.indicators = tidyIndicators(copy.indicators);
  return copy;
}

/**
 * The fields as sent: optional dates and texts left empty are none. When the
 * store derives the cost from expense lines (`derivedCost`), the cost is sent
 * as null ("derived").
 */
export function tidyFields(fields: ProjectFields, derivedCost = false): ProjectFields {
  const copy = fieldsOf(fields);
  if (derivedCost) {
    copy.cost_excl_vat = null;
    copy.cost_incl_vat = null;
  }
  if (copy.planned_start === '') copy.planned_start = null;
  if (copy.planned_end === '') copy.planned_end = null;
  if (copy.started_on === '') copy.started_on = null;
  if (copy.completed_on === '') copy.completed_on = null;
  if (copy.action_sheet !== null && copy.action_sheet.trim() === '') copy.action_sheet = null;
  if ((copy.ort_axis as string | null) === '') copy.ort_axis = null;
  return copy;
}
