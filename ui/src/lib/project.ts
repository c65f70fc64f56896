// Shapes of new project data, and copies between the detail the core sends
// and the parts the page edits.
import type { ActorLink, CouncilDecision, FundingLine, JournalNote, Milestone, ProjectDetail, ProjectFields, ProjectLines } from './bindings';

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
  };
}

const FIELD_KEYS: (keyof ProjectFields)[] = Object.keys(newFields('', '')) as (keyof ProjectFields)[];

/** The editable fields of a project detail (a fresh copy). */
export function fieldsOf(detail: ProjectFields): ProjectFields {
  const out = {} as Record<string, unknown>;
  for (const k of FIELD_KEYS) out[k] = structuredClone((detail as Record<string, unknown>)[k]);
  return out as ProjectFields;
}

/** The lines of a project detail (a fresh copy). */
export function linesOf(detail: ProjectDetail): ProjectLines {
  return structuredClone({
    stage_events: detail.stage_events,
    funding_lines: detail.funding_lines,
    milestones: detail.milestones,
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
  return out;
}

/** The optional dates of a funding line: '' from an emptied input is "no date". */
export function tidyLines(lines: ProjectLines): ProjectLines {
  const copy = structuredClone(lines);
  for (const l of copy.funding_lines) {
    for (const k of ['deadline', 'filed_on', 'notified_on', 'paid_on'] as const) {
      if (l[k] === '') l[k] = null;
    }
    if (l.scheme !== null && l.scheme.trim() === '') l.scheme = null;
  }
  return copy;
}

/** Same for the project's optional dates and texts. */
export function tidyFields(fields: ProjectFields): ProjectFields {
  const copy = fieldsOf(fields);
  if (copy.planned_start === '') copy.planned_start = null;
  if (copy.planned_end === '') copy.planned_end = null;
  if (copy.action_sheet !== null && copy.action_sheet.trim() === '') copy.action_sheet = null;
  if ((copy.ort_axis as string | null) === '') copy.ort_axis = null;
  return copy;
}
