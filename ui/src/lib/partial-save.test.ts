import { describe, expect, it, vi } from 'vitest';
import type { IpcProblem } from './bindings';
import { fieldPaths, linePaths, revertPaths, saveWhatIsValid } from './partial-save';

type Form = { title: string; action_sheet: string | null; planned_start: string | null; planned_end: string | null; application: { priority_rank: number | null; category: string } };

const saved: Form = { title: 'Halles', action_sheet: 'FA-3', planned_start: '2027-01-01', planned_end: '2027-06-30', application: { priority_rank: 1, category: '' } };
const FIELDS = new Set(['title', 'action_sheet', 'planned_start', 'planned_end', 'application.priority_rank', 'application.category']);
const pathsOf = (f: string) => fieldPaths(f, FIELDS);
const problem = (field: string, message = `${field} : refusé`): IpcProblem => ({ field, line: null, message });
const invalid = (...problems: IpcProblem[]) => ({ code: 'invalid', message: problems.map((p) => p.message).join('\n'), problems });

/** A core that refuses an action sheet over 40 characters and an end before the start. */
function core() {
  return vi.fn(async (v: Form) => {
    const out: IpcProblem[] = [];
    if ((v.action_sheet ?? '').length > 40) out.push(problem('action_sheet', 'Numéro de fiche action : 41 caractères, au plus 40 sont acceptés'));
    if (v.planned_start && v.planned_end && v.planned_end < v.planned_start) out.push(problem('planned_end', 'Date de fin prévue : avant le début'));
    const rank = v.application.priority_rank;
    if (rank !== null && (rank < 1 || rank > 999)) out.push(problem('application.priority_rank'));
    if (out.length) throw invalid(...out);
    return { ...v, saved: true };
  });
}

describe('revertPaths', () => {
  it('puts named fields back, nested ones included, leaving the value untouched', () => {
    const value: Form = { ...structuredClone(saved), title: 'Halles couvertes', action_sheet: 'x'.repeat(41), application: { priority_rank: 1200, category: 'Commerce' } };
    const out = revertPaths(value, saved, ['action_sheet', 'application.priority_rank']);
    expect(out, 'only the named parts').toEqual({ ...value, action_sheet: 'FA-3', application: { priority_rank: 1, category: 'Commerce' } });
    expect(value.action_sheet, 'a copy').toBe('x'.repeat(41));
  });
});

describe('what a problem puts back', () => {
  it('names the field, and its partner in a rule between two fields', () => {
    expect(fieldPaths('planned_end', FIELDS)).toEqual({ own: ['planned_end'], partners: ['planned_start'] });
    expect(fieldPaths('application.priority_rank', FIELDS)).toEqual({ own: ['application.priority_rank'], partners: [] });
    expect(fieldPaths('town', FIELDS), 'not a field of the form').toBeNull();
  });

  it('puts a list back whole, expense and funding lines together', () => {
    const lists = new Set(['milestones', 'expense_lines', 'funding_lines']);
    expect(linePaths('milestones[2].title', lists)).toEqual({ own: ['milestones'], partners: [] });
    expect(linePaths('expense_lines[0].vat_rate_percent', lists)?.own, 'expenses name funding lines by position').toEqual(['expense_lines', 'funding_lines']);
    expect(linePaths('funding_lines[1].eligible_base_excl_vat', lists)?.own).toEqual(['expense_lines', 'funding_lines']);
    expect(linePaths('stage', lists)).toBeNull();
  });
});

describe('saveWhatIsValid', () => {
  it('sends a valid value once', async () => {
    const send = core();
    const value = { ...structuredClone(saved), title: 'Halles couvertes' };
    const out = await saveWhatIsValid({ value, saved, send, pathsOf });
    expect(out.kind).toBe('saved');
    expect(send, 'one call').toHaveBeenCalledTimes(1);
  });

  it('saves the other fields when one is refused, keeping its message', async () => {
    const send = core();
    const value = { ...structuredClone(saved), title: 'Halles couvertes', action_sheet: 'x'.repeat(41) };
    const out = await saveWhatIsValid({ value, saved, send, pathsOf });
    expect(send, 'refused, then sent again').toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![0], 'the title as typed, the action sheet as last saved').toEqual({ ...value, action_sheet: 'FA-3' });
    expect(out.kind, 'saved in part').toBe('partial');
    if (out.kind !== 'partial') return;
    expect(out.stored, 'what the store holds now').toEqual({ ...value, action_sheet: 'FA-3' });
    expect(out.problems.map((p) => p.message), 'the refusal is kept for the input').toEqual(['Numéro de fiche action : 41 caractères, au plus 40 sont acceptés']);
  });

  it('puts back the partner of a field when the field alone is not enough', async () => {
    const send = core();
    // The start moved after the saved end: the core names the end.
    const value = { ...structuredClone(saved), title: 'Halles couvertes', planned_start: '2027-09-01' };
    const out = await saveWhatIsValid({ value, saved, send, pathsOf });
    expect(send.mock.calls.map(([v]) => [v.title, v.planned_start, v.planned_end]), 'the end is as saved already: the start goes back').toEqual([
      ['Halles couvertes', '2027-09-01', '2027-06-30'],
      ['Halles couvertes', '2027-01-01', '2027-06-30'],
    ]);
    expect(out.kind).toBe('partial');
  });

  it('writes nothing when all that changed is refused', async () => {
    const send = core();
    const value = { ...structuredClone(saved), application: { priority_rank: 1500, category: '' } };
    const out = await saveWhatIsValid({ value, saved, send, pathsOf });
    expect(send, 'one refusal, and nothing else to write').toHaveBeenCalledTimes(1);
    expect(out).toMatchObject({ kind: 'partial', stored: saved });
  });

  it('gives up when a problem names nothing it can put back', async () => {
    const send = vi.fn(async (_v: Form) => {
      throw invalid(problem('town_insee', 'Commune : elle n’est pas suivie'));
    });
    const out = await saveWhatIsValid({ value: { ...saved, title: 'x' }, saved, send, pathsOf });
    expect(out.kind).toBe('refused');
    expect(out.problems.map((p) => p.field)).toEqual(['town_insee']);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('reports a failure that is not a validation problem', async () => {
    const send = vi.fn(async (_v: Form) => {
      throw { code: 'database', message: 'Base de données occupée', problems: [] };
    });
    const out = await saveWhatIsValid({ value: { ...saved, title: 'x' }, saved, send, pathsOf });
    expect(out.kind).toBe('failed');
    if (out.kind === 'failed') expect(out.error.message).toBe('Base de données occupée');
  });

  it('puts back from the start what is known to be invalid before sending', async () => {
    const send = core();
    const value = { ...structuredClone(saved), title: 'Halles couvertes', planned_end: '' };
    const out = await saveWhatIsValid({ value, saved, send, pathsOf, known: [problem('planned_end', 'Date obligatoire')] });
    expect(send.mock.calls[0]![0].planned_end, 'the emptied date is not sent').toBe('2027-06-30');
    expect(out).toMatchObject({ kind: 'partial', problems: [{ field: 'planned_end', message: 'Date obligatoire' }] });
  });

  it('takes what the store holds from the reply', async () => {
    const send = vi.fn(async (v: Form) => ({ ...v, title: v.title.trim() }));
    const out = await saveWhatIsValid({ value: { ...saved, title: ' Halles ' }, saved, send, pathsOf, storedFrom: (reply) => reply });
    expect(out.kind === 'saved' && out.stored.title, 'normalised by the core').toBe('Halles');
  });
});
