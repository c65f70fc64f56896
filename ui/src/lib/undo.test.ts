import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UndoSlot, type UndoState } from './undo';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function slot(windowMs = 1000) {
  const states: UndoState[] = [];
  const s = new UndoSlot((st) => states.push(st), windowMs);
  return { s, states };
}

describe('UndoSlot', () => {
  it('reverts the offered change once', async () => {
    const { s } = slot();
    const revert = vi.fn(async () => {});
    s.offer({ message: 'Projet supprimé', revert });
    expect(s.state, 'the offer is visible').toMatchObject({ kind: 'offered', message: 'Projet supprimé' });
    expect(await s.undo(), 'the first undo reverts').toBe(true);
    expect(await s.undo(), 'a second click has nothing left to undo').toBe(false);
    expect(revert, 'the change is reverted exactly once').toHaveBeenCalledTimes(1);
    expect(s.state.kind, 'the toast goes away').toBe('empty');
  });

  it('ignores a double click while reverting', async () => {
    const { s } = slot();
    let finish: () => void = () => {};
    const revert = vi.fn(() => new Promise<void>((r) => (finish = r)));
    s.offer({ message: 'x', revert });
    const first = s.undo();
    expect(s.state.kind, 'the toast shows work in progress').toBe('undoing');
    expect(await s.undo(), 'the second click is ignored while the first runs').toBe(false);
    finish();
    expect(await first, 'the first click completes').toBe(true);
    expect(revert).toHaveBeenCalledTimes(1);
  });

  it('keeps only the last change', async () => {
    const { s } = slot();
    const first = vi.fn(async () => {});
    const second = vi.fn(async () => {});
    s.offer({ message: 'déplacé', revert: first });
    s.offer({ message: 'supprimé', revert: second });
    await s.undo();
    expect(first, 'an earlier change is no longer undoable').not.toHaveBeenCalled();
    expect(second, 'the last change is the one undone').toHaveBeenCalledTimes(1);
  });

  it('lapses after its window, and a new offer restarts the clock', async () => {
    const { s } = slot(1000);
    s.offer({ message: 'a', revert: async () => {} });
    vi.advanceTimersByTime(800);
    s.offer({ message: 'b', revert: async () => {} });
    vi.advanceTimersByTime(800);
    expect(s.state, 'the first timer must not close the second offer').toMatchObject({ kind: 'offered', message: 'b' });
    vi.advanceTimersByTime(300);
    expect(s.state.kind, 'the second offer lapses after its own window').toBe('empty');
    expect(await s.undo(), 'nothing to undo after the window').toBe(false);
  });

  it('reports a failed revert and does not retry it', async () => {
    const { s } = slot();
    s.offer({ message: 'x', revert: async () => Promise.reject({ code: 'not_found', message: 'introuvable' }) });
    expect(await s.undo(), 'a failed revert is not a success').toBe(false);
    expect(s.state, 'the failure is shown with its error').toMatchObject({ kind: 'failed', error: { code: 'not_found' } });
    expect(await s.undo(), 'a failed entry is not offered again').toBe(false);
  });
});
