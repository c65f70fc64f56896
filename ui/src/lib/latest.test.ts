import { describe, expect, it } from 'vitest';
import { Latest } from './latest';

/** A promise and the functions that settle it, in the order the test says. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Latest', () => {
  it('drops an answer that arrives after a newer request started', async () => {
    const latest = new Latest();
    const seen: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const a = latest.run(() => first.promise, (v) => seen.push(v), () => seen.push('error'));
    const b = latest.run(() => second.promise, (v) => seen.push(v), () => seen.push('error'));
    second.resolve('newest');
    first.resolve('stale');
    await Promise.all([a, b]);
    expect(seen, 'only the newest answer is kept, whatever the order of arrival').toEqual(['newest']);
  });

  it('drops a stale error too, and keeps a current one', async () => {
    const latest = new Latest();
    const errors: unknown[] = [];
    const old = deferred<number>();
    const p = latest.run(() => old.promise, () => {}, (e) => errors.push(e));
    const ticket = latest.next();
    old.reject('old failure');
    await p;
    expect(errors, 'a failure of a superseded request says nothing').toEqual([]);
    await latest.run(() => Promise.reject(new Error('now')), () => {}, (e) => errors.push((e as Error).message), ticket);
    expect(errors, 'the current request’s failure is shown').toEqual(['now']);
  });

  it('peek follows the request in flight without superseding it', () => {
    const latest = new Latest();
    const current = latest.next();
    const more = latest.peek();
    expect(current() && more(), 'both still current').toBe(true);
    latest.next();
    expect(current() || more(), 'a newer request makes both stale').toBe(false);
  });
});
