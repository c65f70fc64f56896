import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeaveGuard, RouteGate, wouldLose, type PageState } from './leave';

afterEach(() => vi.useRealTimers());

const clean: PageState = { pending: false, invalid: false, failed: false };

describe('wouldLose', () => {
  it('is true for pending, invalid or failed input only', () => {
    expect(wouldLose(clean)).toBe(false);
    expect(wouldLose({ ...clean, pending: true })).toBe(true);
    expect(wouldLose({ ...clean, invalid: true })).toBe(true);
    expect(wouldLose({ ...clean, failed: true })).toBe(true);
  });
});

describe('LeaveGuard', () => {
  it('saves what is pending and leaves without asking when all is saved', async () => {
    const guard = new LeaveGuard();
    let state = { ...clean, pending: true };
    const flush = vi.fn(async () => {
      state = clean;
    });
    guard.register({ state: () => state, flush });
    const ask = vi.fn(async () => false);
    expect(await guard.mayLeave(ask)).toBe(true);
    expect(flush, 'pending edits saved first').toHaveBeenCalledTimes(1);
    expect(ask, 'nothing to ask').not.toHaveBeenCalled();
  });

  it('asks when refused input would be lost, and follows the answer', async () => {
    const guard = new LeaveGuard();
    guard.register({ state: () => ({ ...clean, invalid: true }), flush: async () => {} });
    expect(guard.holdsUnsaved, 'for beforeunload').toBe(true);
    expect(await guard.mayLeave(async () => false), '"Rester sur la page"').toBe(false);
    expect(await guard.mayLeave(async () => true), '"Quitter la page"').toBe(true);
  });

  it('never locks the page: a failing question lets the user leave', async () => {
    const guard = new LeaveGuard();
    guard.register({ state: () => ({ ...clean, failed: true }), flush: async () => {} });
    expect(await guard.mayLeave(async () => Promise.reject(new Error('no dialog')))).toBe(true);
  });

  it('asks anyway when a save does not finish in time', async () => {
    vi.useFakeTimers();
    const guard = new LeaveGuard();
    guard.register({ state: () => ({ ...clean, pending: true }), flush: () => new Promise(() => {}) });
    const ask = vi.fn(async () => true);
    const left = guard.mayLeave(ask, 5000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await left).toBe(true);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('forgets a page once it unregisters', async () => {
    const guard = new LeaveGuard();
    const off = guard.register({ state: () => ({ ...clean, invalid: true }), flush: async () => {} });
    off();
    expect(guard.active).toBe(false);
    expect(guard.holdsUnsaved).toBe(false);
  });
});

describe('RouteGate', () => {
  function gate(answer: boolean | null) {
    const guard = new LeaveGuard();
    if (answer !== null) guard.register({ state: () => ({ ...clean, invalid: true }), flush: async () => {} });
    let current = 'project/3';
    const shown: string[] = [];
    let restored = 0;
    let release: (v: boolean) => void = () => {};
    const ask = vi.fn(() => new Promise<boolean>((r) => (release = r)));
    const g = new RouteGate<string>({
      guard,
      ask,
      current: () => current,
      same: (a, b) => a === b,
      show: (r) => {
        current = r;
        shown.push(r);
      },
      restore: () => restored++,
    });
    return { g, shown, ask, restored: () => restored, answer: (v: boolean) => release(v) };
  }

  it('changes screens at once when no page holds input', async () => {
    const t = gate(null);
    await t.g.change('board');
    expect(t.shown).toEqual(['board']);
  });

  it('stays and puts the address back when the user stays', async () => {
    const t = gate(false);
    const done = t.g.change('board');
    await vi.waitFor(() => expect(t.ask).toHaveBeenCalled());
    t.answer(false);
    await done;
    expect(t.shown, 'still on the project').toEqual([]);
    expect(t.restored(), 'its address back').toBe(1);
  });

  it('asks once for several changes and goes to the last one', async () => {
    const t = gate(true);
    const first = t.g.change('board');
    await vi.waitFor(() => expect(t.ask).toHaveBeenCalled());
    await t.g.change('settings');
    t.answer(true);
    await first;
    expect(t.ask, 'one question').toHaveBeenCalledTimes(1);
    expect(t.shown, 'the last address wins').toEqual(['settings']);
  });

  it('does nothing for the screen already shown', async () => {
    const t = gate(true);
    await t.g.change('project/3');
    expect(t.ask).not.toHaveBeenCalled();
    expect(t.shown).toEqual([]);
  });
});
