// The pipeline board's logic, apart from its markup: columns, filters and
// what a key press does to the focused card.
import type { Axis, Health, ProjectSummary, Theme } from './bindings';

/** Stages 0 to 8: one column each. */
export const STAGES = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
export const LAST_STAGE = 8;

export type BoardFilter = { theme: string; axis: string; health: string };
export const NO_FILTER: BoardFilter = { theme: '', axis: '', health: '' };

/** Keeps the projects matching every filter set ('' = any). */
export function filterProjects(projects: ProjectSummary[], f: BoardFilter): ProjectSummary[] {
  return projects.filter(
    (p) =>
      (f.theme === '' || p.themes.includes(f.theme as Theme)) &&
      (f.axis === '' || p.ort_axis === (f.axis as Axis)) &&
      (f.health === '' || p.health === (f.health as Health)),
  );
}

/** One list per stage, keeping the given order inside each column. */
export function columns(projects: ProjectSummary[]): ProjectSummary[][] {
  const out: ProjectSummary[][] = STAGES.map(() => []);
  for (const p of projects) {
    if (p.stage >= 0 && p.stage <= LAST_STAGE) out[p.stage]!.push(p);
  }
  return out;
}

/**
 * Cards drawn per column at most: thousands of cards would make the
 * webview heavy and slow; the list shows the rest.
 */
export const CARDS_PER_COLUMN = 100;

/**
 * The first `limit` cards of each column. `keep` (a card just moved) is
 * drawn even beyond, at the end of its column, so it stays in sight.
 */
export function capColumns(cols: ProjectSummary[][], limit: number = CARDS_PER_COLUMN, keep: number | null = null): ProjectSummary[][] {
  return cols.map((col) => {
    if (col.length <= limit) return col;
    const head = col.slice(0, limit);
    const kept = keep === null ? undefined : col.slice(limit).find((p) => p.id === keep);
    if (kept) head.push(kept);
    return head;
  });
}

/** Where the keyboard focus is: a card by column and position. */
export type CardPos = { stage: number; index: number };

export type KeyAction =
  | { kind: 'move'; to: number }
  | { kind: 'focus'; pos: CardPos }
  | { kind: 'open' }
  | { kind: 'menu' };

export type KeyInput = { key: string; altKey: boolean; ctrlKey: boolean; shiftKey: boolean; metaKey: boolean };

/**
 * What a key does on a focused card. `sizes` holds the number of cards in
 * each column.
 * - Alt+→ / Alt+← move the project one stage on / back;
 * - ↑ ↓ Home End move the focus inside the column, ← → to the nearest
 *   non-empty column (same position or the last card);
 * - Enter opens the project, M or the context-menu key opens the move menu.
 * Returns null for keys the board leaves alone.
 */
export function keyAction(e: KeyInput, pos: CardPos, sizes: readonly number[]): KeyAction | null {
  if (e.ctrlKey || e.metaKey) return null;
  if (e.altKey) {
    if (e.shiftKey) return null;
    if (e.key === 'ArrowRight' && pos.stage < LAST_STAGE) return { kind: 'move', to: pos.stage + 1 };
    if (e.key === 'ArrowLeft' && pos.stage > 0) return { kind: 'move', to: pos.stage - 1 };
    return null;
  }
  const size = sizes[pos.stage] ?? 0;
  switch (e.key) {
    case 'ArrowDown':
      return pos.index + 1 < size ? { kind: 'focus', pos: { stage: pos.stage, index: pos.index + 1 } } : null;
    case 'ArrowUp':
      return pos.index > 0 ? { kind: 'focus', pos: { stage: pos.stage, index: pos.index - 1 } } : null;
    case 'Home':
      return { kind: 'focus', pos: { stage: pos.stage, index: 0 } };
    case 'End':
      return size > 0 ? { kind: 'focus', pos: { stage: pos.stage, index: size - 1 } } : null;
    case 'ArrowRight':
    case 'ArrowLeft': {
      const step = e.key === 'ArrowRight' ? 1 : -1;
      for (let s = pos.stage + step; s >= 0 && s <= LAST_STAGE; s += step) {
        const n = sizes[s] ?? 0;
        if (n > 0) return { kind: 'focus', pos: { stage: s, index: Math.min(pos.index, n - 1) } };
      }
      return null;
    }
    case 'Enter':
      return e.shiftKey ? null : { kind: 'open' };
    case 'm':
    case 'M':
    case 'ContextMenu':
      return { kind: 'menu' };
    default:
      return null;
  }
}

/** The position of a project on the board, or null when it is not shown. */
export function positionOf(cols: ProjectSummary[][], id: number): CardPos | null {
  for (let stage = 0; stage < cols.length; stage++) {
    const index = cols[stage]!.findIndex((p) => p.id === id);
    if (index >= 0) return { stage, index };
  }
  return null;
}
