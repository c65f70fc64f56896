// Saving what is valid while another part is not. The core refuses a whole
// `update_project` (or `save_project_lines`) when one field is invalid; so
// when it answers with problems naming fields, those fields are put back to
// their last saved values and the rest is sent again. The user's invalid
// text stays on screen, with the core's message under it, until corrected.
import { toAppError, type AppError } from './api';
import type { IpcProblem } from './bindings';

/** What a save came to. `stored` is what the store now holds (the reply when it has one). */
export type SaveOutcome<T, R> =
  /** Everything was saved. */
  | { kind: 'saved'; stored: T; reply: R | null; problems: [] }
  /** Saved without the parts the problems name (kept at their last saved values). */
  | { kind: 'partial'; stored: T; reply: R | null; problems: IpcProblem[] }
  /** Nothing saved: a problem names no part that can be put back. */
  | { kind: 'refused'; problems: IpcProblem[]; error: AppError }
  /** Nothing saved: not a validation problem (disk, database…). */
  | { kind: 'failed'; problems: IpcProblem[]; error: AppError };

/** The rounds of "put back and try again" before giving up. */
const MAX_ROUNDS = 4;

/** Reads a dotted path ("application.priority_rank") of a value. */
function read(value: unknown, path: string): unknown {
  let v = value as Record<string, unknown> | undefined;
  for (const part of path.split('.')) v = v?.[part] as Record<string, unknown> | undefined;
  return v;
}

/**
 * A copy of `value` whose `paths` ("action_sheet", "application.priority_rank",
 * "milestones") hold what `saved` holds.
 */
export function revertPaths<T>(value: T, saved: T, paths: Iterable<string>): T {
  const out = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    const parts = path.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (typeof next !== 'object' || next === null) break;
      target = next as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = structuredClone(read(saved, path));
  }
  return out as T;
}

/** True when `value` and `saved` hold the same thing at `path`. */
export function samePath(value: unknown, saved: unknown, path: string): boolean {
  return JSON.stringify(read(value, path)) === JSON.stringify(read(saved, path));
}

/**
 * A project field's problem → the paths to put back: the field itself, and
 * when that is not enough, its partner in a rule between two fields (the
 * end date is checked against the start, the cost incl. VAT against the
 * cost excl. VAT). Null when the problem names no field of the form.
 */
export function fieldPaths(field: string, editable: ReadonlySet<string>): { own: string[]; partners: string[] } | null {
  if (!editable.has(field)) return null;
  const partners: Record<string, string[]> = {
    planned_end: ['planned_start'],
    planned_start: ['planned_end'],
    cost_incl_vat: ['cost_excl_vat'],
    cost_excl_vat: ['cost_incl_vat'],
  };
  return { own: [field], partners: partners[field] ?? [] };
}

/**
 * A line's problem ("milestones[1].title") → the lists to put back whole.
 * Lines have no identity across edits, so a list is put back entirely; the
 * expense lines and the funding lines go together, since the former point
 * at the latter's positions.
 */
export function linePaths(field: string, lists: ReadonlySet<string>): { own: string[]; partners: string[] } | null {
  const m = /^(\w+)/.exec(field);
  const list = m?.[1];
  if (!list || !lists.has(list)) return null;
  if (list === 'expense_lines' || list === 'funding_lines') return { own: ['expense_lines', 'funding_lines'], partners: [] };
  return { own: [list], partners: [] };
}

function mergeProblems(into: IpcProblem[], more: readonly IpcProblem[]): IpcProblem[] {
  const seen = new Set(into.map((p) => `${p.field}\u0000${p.message}`));
  const out = [...into];
  for (const p of more) {
    const key = `${p.field}\u0000${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/**
 * Sends `value`; when the core refuses it with problems that name parts of
 * it, sends it again with those parts as in `saved`, until it is accepted or
 * nothing more can be put back. `known` are problems found before sending
 * (a required date left empty): their parts are put back from the start.
 * Nothing is sent when all that is left equals `saved`.
 */
export async function saveWhatIsValid<T, R>(options: {
  value: T;
  saved: T;
  send: (value: T) => Promise<R>;
  pathsOf: (field: string) => { own: string[]; partners: string[] } | null;
  /** What the store holds after a save, from the reply (default: what was sent). */
  storedFrom?: (reply: R, sent: T) => T;
  known?: IpcProblem[];
}): Promise<SaveOutcome<T, R>> {
  const { value, saved, send, pathsOf } = options;
  let problems: IpcProblem[] = [...(options.known ?? [])];
  const reverted = new Set<string>();
  for (const p of problems) {
    const paths = pathsOf(p.field);
    if (!paths) return { kind: 'refused', problems, error: { code: 'invalid', message: '', problems } };
    paths.own.forEach((x) => reverted.add(x));
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const attempt = reverted.size > 0 ? revertPaths(value, saved, reverted) : value;
    if (reverted.size > 0 && JSON.stringify(attempt) === JSON.stringify(saved)) {
      // All that changed is invalid: nothing to write.
      return { kind: 'partial', stored: saved, reply: null, problems };
    }
    let reply: R;
    try {
      reply = await send(attempt);
    } catch (e) {
      const error = toAppError(e);
      if (error.code !== 'invalid' || error.problems.length === 0) return { kind: 'failed', problems, error };
      problems = mergeProblems(problems, error.problems);
      const fresh: string[] = [];
      const partners: string[] = [];
      for (const p of error.problems) {
        const paths = pathsOf(p.field);
        if (!paths) return { kind: 'refused', problems, error };
        // Putting back a part that already holds the saved value changes nothing.
        const useful = (x: string) => !reverted.has(x) && !samePath(value, saved, x);
        fresh.push(...paths.own.filter(useful));
        partners.push(...paths.partners.filter(useful));
      }
      // The named parts first; their partners when those were already back.
      const next = fresh.length > 0 ? fresh : partners;
      if (next.length === 0) return { kind: 'refused', problems, error };
      next.forEach((x) => reverted.add(x));
      continue;
    }
    const stored = options.storedFrom ? options.storedFrom(reply, attempt) : attempt;
    return problems.length === 0
      ? { kind: 'saved', stored, reply, problems: [] }
      : { kind: 'partial', stored, reply, problems };
  }
  return { kind: 'refused', problems, error: { code: 'invalid', message: '', problems } };
}
