import { describe, expect, it } from 'vitest';
import { abortable, FixedRate } from '../../src/outbox/rates.js';
import { earliest, insertSorted, removeOne, upperBound, type WindowRule } from '../../src/outbox/windows.js';

/**
 * The limiter's arithmetic on its own (windows.ts, rates.ts): the sliding-window search
 * is checked against a brute force over small random histories, so an off-by-one at a
 * window's edge cannot hide behind the limiter's larger tests.
 */

/** One more send at t keeps every window of length w that contains t below the limit. */
function fits(sorted: readonly number[], rule: WindowRule, t: number, w: number): boolean {
  const all = [...sorted, t].sort((a, b) => a - b);
  // Only windows ending at an entry matter: a window (e - w, e] for each entry e >= t with e - w < t.
  return all.filter((e) => e >= t && e - w < t).every((e) => all.filter((x) => x > e - w && x <= e).length <= rule.limit);
}

function bruteEarliest(sorted: readonly number[], rule: WindowRule, from: number, w: number): number {
  for (let t = from; ; t++) if (fits(sorted, rule, t, w)) return t;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sliding windows', () => {
  it('upperBound is the index of the first element greater than the value', () => {
    const list = [1, 2, 2, 3];
    expect([0, 1, 2, 3, 4].map((v) => upperBound(list, v))).toEqual([0, 1, 3, 4, 4]);
    expect(upperBound([], 5)).toBe(0);
    expect(upperBound([7], 7)).toBe(1);
    expect(upperBound([7], 6)).toBe(0);
    const long = Array.from({ length: 101 }, (_, i) => i * 2);
    for (let v = -1; v <= 202; v++) expect(upperBound(long, v)).toBe(long.filter((x) => x <= v).length);
  });

  it('inserts in order and removes exactly one occurrence', () => {
    const list: number[] = [];
    for (const v of [5, 1, 3, 3, 9, 0]) insertSorted(list, v);
    expect(list).toEqual([0, 1, 3, 3, 5, 9]);
    removeOne(list, 3);
    expect(list).toEqual([0, 1, 3, 5, 9]);
    removeOne(list, 4); // not there: nothing changes
    removeOne(list, -1);
    removeOne(list, 10);
    expect(list).toEqual([0, 1, 3, 5, 9]);
    removeOne(list, 0);
    removeOne(list, 9);
    expect(list).toEqual([1, 3, 5]);
    expect(() => removeOne(undefined, 1)).not.toThrow();
  });

  it('finds the earliest moment one more send fits, at the edges of the window', () => {
    const rule = { limit: 2, windowMs: 1_000 };
    expect(earliest([], rule, 123)).toBe(123);
    // Two sends in (t - 1000, t]: wait until the older one leaves the window.
    expect(earliest([0, 500], rule, 600)).toBe(1_000);
    expect(earliest([0, 500], rule, 600, 10)).toBe(1_010);
    expect(earliest([0, 500], { limit: 3, windowMs: 1_000 }, 600)).toBe(600);
    // A send at 1000 does not see one at 0: windows are half open.
    expect(earliest([0], { limit: 1, windowMs: 1_000 }, 0)).toBe(1_000);
    expect(earliest([0], { limit: 1, windowMs: 1_000 }, 999)).toBe(1_000);
    expect(earliest([0], { limit: 1, windowMs: 1_000 }, 1_000)).toBe(1_000);
    // Later sends: t may go before them while no full window (a - 1000, a] contains it.
    expect(earliest([1_000, 1_200], rule, 150)).toBe(150);
    expect(earliest([1_000, 1_200], rule, 200)).toBe(200);
    expect(earliest([1_000, 1_200], rule, 201)).toBe(2_000);
    expect(earliest([1_000, 1_200], rule, 300)).toBe(2_000);
  });

  it('agrees with a brute force on random histories', () => {
    const next = random(23);
    for (let run = 0; run < 400; run++) {
      const rule = { limit: 1 + Math.floor(next() * 4), windowMs: 5 + Math.floor(next() * 40) };
      const slack = next() < 0.3 ? Math.floor(next() * 5) : 0;
      const sorted = Array.from({ length: Math.floor(next() * 12) }, () => Math.floor(next() * 120)).sort((a, b) => a - b);
      const from = Math.floor(next() * 130);
      const expected = bruteEarliest(sorted, rule, from, rule.windowMs + slack);
      expect(earliest(sorted, rule, from, slack), JSON.stringify({ sorted, rule, from, slack })).toBe(expected);
    }
  });
});

describe('fixed rate', () => {
  it('gives whole sends per second, and a 429 pauses only its tenant, for the longest Retry-After', () => {
    let now = 1_000;
    const rates = new FixedRate(7.9, () => now);
    expect(rates.rate('t1')).toEqual({ perSecond: 7, pauseMs: 0 });
    rates.throttled('t1', 3_000);
    rates.throttled('t1', 1_000); // a shorter pause does not shorten the longer one
    expect(rates.rate('t1')).toEqual({ perSecond: 7, pauseMs: 3_000 });
    expect(rates.rate('t2')).toEqual({ perSecond: 7, pauseMs: 0 });
    now = 2_500;
    expect(rates.rate('t1').pauseMs).toBe(1_500);
    rates.throttled('t1', 4_000);
    expect(rates.rate('t1').pauseMs).toBe(4_000);
    now = 10_000;
    expect(rates.rate('t1').pauseMs).toBe(0);
  });
});

describe('abortable', () => {
  it('passes a result or an error through, and without a signal returns the promise itself', async () => {
    const p = Promise.resolve(1);
    expect(abortable(p)).toBe(p);
    const signal = new AbortController().signal;
    await expect(abortable(Promise.resolve(2), signal)).resolves.toBe(2);
    await expect(abortable(Promise.reject(new Error('boom')), signal)).rejects.toThrow('boom');
  });

  it('rejects with the reason at once when aborted, before or during the wait, and lets go of the signal', async () => {
    const before = new AbortController();
    before.abort(new Error('stopping'));
    await expect(abortable(new Promise(() => undefined), before.signal)).rejects.toThrow('stopping');

    const during = new AbortController();
    const waiting = abortable(new Promise(() => undefined), during.signal);
    during.abort(new Error('shutdown'));
    await expect(waiting).rejects.toThrow('shutdown');

    // Settled waits remove their listener: aborting later reaches none of them.
    const later = new AbortController();
    const removed: string[] = [];
    const remove = later.signal.removeEventListener.bind(later.signal);
    later.signal.removeEventListener = ((type: string, listener: EventListenerOrEventListenerObject) => {
      removed.push(type);
      remove(type, listener);
    }) as typeof later.signal.removeEventListener;
    await abortable(Promise.resolve('ok'), later.signal);
    await abortable(Promise.reject(new Error('x')), later.signal).catch(() => undefined);
    expect(removed).toEqual(['abort', 'abort']);
  });
});
