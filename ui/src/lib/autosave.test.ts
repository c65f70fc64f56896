import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type SaveStatus } from './autosave';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function saver(save: (v: string) => Promise<unknown>) {
  const statuses: SaveStatus[] = [];
  const errors: unknown[] = [];
  const a = new Autosaver<string>(save, (s) => statuses.push(s), (e) => errors.push(e), 600);
  return { a, statuses, errors };
}

describe('Autosaver', () => {
  it('saves once, 600 ms after the last change, with the last value', async () => {
    const save = vi.fn(async (_v: string) => {});
    const { a, statuses } = saver(save);
    a.change('T');
    await vi.advanceTimersByTimeAsync(300);
    a.change('Ti');
    await vi.advanceTimersByTimeAsync(300);
    a.change('Tiers');
    await vi.advanceTimersByTimeAsync(599);
    expect(save, 'nothing is written while the user types').not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save.mock.calls, 'one write, with the last value').toEqual([['Tiers']]);
    expect(statuses, 'pending, then saving, then saved').toEqual(['pending', 'saving', 'saved']);
  });

  it('saves at once on flush (the field loses focus)', async () => {
    const save = vi.fn(async (_v: string) => {});
    const { a } = saver(save);
    a.change('x');
    await a.flush();
    expect(save.mock.calls, 'blur saves without waiting').toEqual([['x']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save, 'the pending timer does not save a second time').toHaveBeenCalledTimes(1);
  });

  it('never runs two saves at once and saves the change made meanwhile', async () => {
    let release: () => void = () => {};
    let running = 0;
    let maxRunning = 0;
    const save = vi.fn(
      (_v: string) =>
        new Promise<void>((r) => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          release = () => {
            running--;
            r();
          };
        }),
    );
    const { a } = saver(save);
    a.change('a');
    const first = a.flush();
    a.change('ab');
    const second = a.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await Promise.all([first, second]);
    expect(maxRunning, 'saves are serialised').toBe(1);
    expect(save.mock.calls.map((c) => c[0]), 'the later value is written after the first').toEqual(['a', 'ab']);
    expect(a.status, 'everything is saved').toBe('saved');
  });

  it('reports an error and saves again on the next change', async () => {
    const save = vi.fn(async (v: string) => {
      if (v === 'bad') throw { code: 'invalid', message: 'Titre du projet : ce champ est obligatoire' };
    });
    const { a, errors } = saver(save);
    a.change('bad');
    await a.flush();
    expect(a.status, 'the failure is visible').toBe('error');
    expect(errors, 'the error reaches the page for inline messages').toEqual([{ code: 'invalid', message: 'Titre du projet : ce champ est obligatoire' }]);
    a.change('good');
    await a.flush();
    expect(a.status, 'a corrected value saves').toBe('saved');
  });

  it('cancel drops a waiting change', async () => {
    const save = vi.fn(async (_v: string) => {});
    const { a } = saver(save);
    a.change('x');
    a.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save, 'a cancelled change is never written').not.toHaveBeenCalled();
    expect(a.status, 'back to idle').toBe('idle');
  });

  it('does not write a value equal to what the store holds', async () => {
    const save = vi.fn(async (_v: string) => {});
    const { a } = saver(save);
    a.baseline('Halles');
    a.change('Halles');
    await a.flush();
    expect(save, 'leaving a field unchanged writes nothing').not.toHaveBeenCalled();
    expect(a.status, 'and shows nothing').toBe('idle');
    a.change('Halles 2');
    a.change('Halles');
    await a.flush();
    expect(save, 'typing then undoing by hand writes nothing either').not.toHaveBeenCalled();
    a.change('Halles 2');
    await a.flush();
    expect(save.mock.calls, 'a real change is written').toEqual([['Halles 2']]);
  });

  it('writes any change once it forgot what the store holds (a save that wrote only part)', async () => {
    const save = vi.fn(async (_v: string) => {});
    const { a } = saver(save);
    a.baseline('Halles');
    a.forget();
    a.change('Halles');
    await a.flush();
    expect(save.mock.calls, 'the store may differ from the screen: sent again').toEqual([['Halles']]);
    a.change('Halles');
    await a.flush();
    expect(save, 'once saved, known again').toHaveBeenCalledTimes(1);
  });
});
