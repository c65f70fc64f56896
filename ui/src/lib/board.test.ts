import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from './bindings';
import { CARDS_PER_COLUMN, capColumns, columns, filterProjects, keyAction, positionOf, type KeyInput } from './board';

function project(id: number, stage: number, extra: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id, uid: `u${id}`, town_insee: '29024', town_name: 'Carhaix-Plouguer', title: `P${id}`, stage,
    health: 'on_track', priority: 'medium', ort_axis: null, themes: [], cost_excl_vat: null,
    next_deadline: null, updated_at: '2026-01-01T00:00:00Z', ...extra,
  };
}

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k, altKey: false, ctrlKey: false, shiftKey: false, metaKey: false, ...mods,
});

describe('columns', () => {
  it('puts each project in its stage’s column, keeping order', () => {
    const cols = columns([project(1, 3), project(2, 0), project(3, 3)]);
    expect(cols, 'nine columns, stages 0 to 8').toHaveLength(9);
    expect(cols[3]!.map((p) => p.id), 'two projects at stage 3, in list order').toEqual([1, 3]);
    expect(cols[0]!.map((p) => p.id), 'one at stage 0').toEqual([2]);
    expect(positionOf(cols, 3), 'project 3 is second in column 3').toEqual({ stage: 3, index: 1 });
    expect(positionOf(cols, 99), 'an absent project has no position').toBeNull();
  });
});

describe('filterProjects', () => {
  const list = [
    project(1, 0, { themes: ['commerce'], ort_axis: 'retail_economy', health: 'late' }),
    project(2, 0, { themes: ['housing'], ort_axis: 'housing', health: 'late' }),
    project(3, 0, { themes: ['commerce', 'housing'], ort_axis: null, health: 'on_track' }),
  ];
  it('keeps projects matching every filter', () => {
    expect(filterProjects(list, { theme: 'commerce', axis: '', health: '' }).map((p) => p.id), 'any project with the theme').toEqual([1, 3]);
    expect(filterProjects(list, { theme: 'commerce', axis: '', health: 'late' }).map((p) => p.id), 'theme and health together').toEqual([1]);
    expect(filterProjects(list, { theme: '', axis: 'housing', health: '' }).map((p) => p.id), 'axis').toEqual([2]);
    expect(filterProjects(list, { theme: '', axis: '', health: '' }), 'no filter keeps all').toHaveLength(3);
  });
});

describe('keyAction', () => {
  const sizes = [2, 0, 0, 3, 0, 0, 0, 0, 1];

  it('moves a project one stage with Alt+arrows, within 0–8', () => {
    expect(keyAction(key('ArrowRight', { altKey: true }), { stage: 3, index: 0 }, sizes), 'Alt+→ moves on').toEqual({ kind: 'move', to: 4 });
    expect(keyAction(key('ArrowLeft', { altKey: true }), { stage: 3, index: 0 }, sizes), 'Alt+← moves back').toEqual({ kind: 'move', to: 2 });
    expect(keyAction(key('ArrowLeft', { altKey: true }), { stage: 0, index: 0 }, sizes), 'nothing before stage 0').toBeNull();
    expect(keyAction(key('ArrowRight', { altKey: true }), { stage: 8, index: 0 }, sizes), 'nothing after stage 8').toBeNull();
  });

  it('moves the focus inside a column', () => {
    expect(keyAction(key('ArrowDown'), { stage: 3, index: 0 }, sizes)).toEqual({ kind: 'focus', pos: { stage: 3, index: 1 } });
    expect(keyAction(key('ArrowDown'), { stage: 3, index: 2 }, sizes), 'stops at the last card').toBeNull();
    expect(keyAction(key('ArrowUp'), { stage: 3, index: 0 }, sizes), 'stops at the first card').toBeNull();
    expect(keyAction(key('End'), { stage: 3, index: 0 }, sizes)).toEqual({ kind: 'focus', pos: { stage: 3, index: 2 } });
    expect(keyAction(key('Home'), { stage: 3, index: 2 }, sizes)).toEqual({ kind: 'focus', pos: { stage: 3, index: 0 } });
  });

  it('jumps over empty columns, clamping the position', () => {
    expect(keyAction(key('ArrowRight'), { stage: 0, index: 1 }, sizes), 'from column 0 to column 3, skipping empty ones').toEqual({ kind: 'focus', pos: { stage: 3, index: 1 } });
    expect(keyAction(key('ArrowRight'), { stage: 3, index: 2 }, sizes), 'column 8 has one card: its first').toEqual({ kind: 'focus', pos: { stage: 8, index: 0 } });
    expect(keyAction(key('ArrowLeft'), { stage: 0, index: 0 }, sizes), 'no column to the left').toBeNull();
  });

  it('opens, offers the move menu, and ignores other shortcuts', () => {
    expect(keyAction(key('Enter'), { stage: 0, index: 0 }, sizes)).toEqual({ kind: 'open' });
    expect(keyAction(key('m'), { stage: 0, index: 0 }, sizes)).toEqual({ kind: 'menu' });
    expect(keyAction(key('ArrowRight', { ctrlKey: true }), { stage: 0, index: 0 }, sizes), 'Ctrl combinations belong to the system').toBeNull();
    expect(keyAction(key('ArrowRight', { altKey: true, shiftKey: true }), { stage: 0, index: 0 }, sizes), 'Alt+Shift is not a move').toBeNull();
    expect(keyAction(key('a'), { stage: 0, index: 0 }, sizes), 'letters type nothing on the board').toBeNull();
  });
});

describe('capColumns', () => {
  const col = (n: number, stage = 0) => [...Array(n).keys()].map((i) => project(i + 1, stage));

  it('keeps the first cards of a long column only', () => {
    expect(CARDS_PER_COLUMN, 'a hundred cards a column').toBe(100);
    const [long, short] = capColumns([col(250), col(3, 1)]);
    expect(long!.map((p) => p.id), 'the first 100, in order').toEqual(col(100).map((p) => p.id));
    expect(short, 'a short column as it is').toHaveLength(3);
  });

  it('keeps a card just moved in sight, at the end', () => {
    const [long] = capColumns([col(150)], 100, 140);
    expect(long, 'one more').toHaveLength(101);
    expect(long!.at(-1)!.id).toBe(140);
    expect(capColumns([col(150)], 100, 20)[0], 'already drawn: nothing added').toHaveLength(100);
    expect(capColumns([col(150)], 100, 999)[0], 'elsewhere: nothing added').toHaveLength(100);
  });
});
