import { describe, expect, it } from 'vitest';
import { parseLeases, renew, split, type BudgetRow, type BudgetRules } from '../../src/outbox/budget-rules.js';

const rules: BudgetRules = { ceiling: 50, floor: 5, leaseMs: 5_000, probeMs: 3_000, decrease: 0.9 };
const sum = (row: BudgetRow) => Object.values(row.leases).reduce((s, l) => s + l.share, 0);

/** Instances renewing in turn against one row, as they would through storage. */
function simulate(ids: string[], rounds: number, wants: (id: string) => number = () => 50, start = 0) {
  let row: BudgetRow | undefined;
  const shares: Record<string, number> = {};
  const sums: number[] = [];
  let now = start;
  for (let r = 0; r < rounds; r++) {
    for (const id of ids) {
      now += 333;
      const out = renew(row, id, { now, wants: wants(id) }, rules);
      row = out.row;
      shares[id] = out.share;
      sums.push(sum(row));
    }
  }
  return { row: row!, shares, sums, now };
}

describe('split (max-min fair)', () => {
  it('splits evenly in whole sends and gives the remainder to the first ids', () => {
    expect(split(50, { b: 50, a: 50, c: 50 })).toEqual({ a: 17, b: 17, c: 16 });
    expect(split(50, { a: 50 })).toEqual({ a: 50 });
    expect(split(2, { a: 50, b: 50, c: 50 })).toEqual({ a: 1, b: 1, c: 0 });
  });

  it('gives what one does not need to the others', () => {
    expect(split(50, { a: 5, b: 50, c: 50 })).toEqual({ a: 5, b: 23, c: 22 });
    expect(split(50, { a: 3, b: 4 })).toEqual({ a: 3, b: 4 });
  });
});

describe('renew', () => {
  it('never hands out more than the limit, and converges to an even split', () => {
    const { shares, sums } = simulate(['i-a', 'i-b', 'i-c'], 6);
    expect(Math.max(...sums)).toBeLessThanOrEqual(50);
    expect(shares).toEqual({ 'i-a': 17, 'i-b': 17, 'i-c': 16 });
  });

  it('gives a newcomer only what the others leave free until they renew', () => {
    let { row } = simulate(['a', 'b'], 3);
    expect(Object.values(row.leases).map((l) => l.share)).toEqual([25, 25]);
    const joined = renew(row, 'c', { now: 2_100, wants: 50 }, rules);
    expect(joined.share).toBe(0);
    row = renew(joined.row, 'a', { now: 2_200, wants: 50 }, rules).row;
    expect(row.leases.a!.share).toBe(17);
    row = renew(row, 'c', { now: 2_300, wants: 50 }, rules).row;
    expect(row.leases.c!.share).toBe(8); // b still holds 25
    expect(sum(row)).toBeLessThanOrEqual(50);
  });

  it('frees the share of an instance whose lease ran out, and an idle instance holds none', () => {
    const { row, now } = simulate(['a', 'b'], 3);
    const later = renew(row, 'a', { now: now + 6_000, wants: 50 }, rules);
    expect(later.share).toBe(50);
    expect(Object.keys(later.row.leases)).toEqual(['a']);
    const released = renew(later.row, 'a', { now: now + 6_100, wants: 0, release: true }, rules);
    expect(released.share).toBe(0);
    expect(released.row.leases).toEqual({});
  });

  it('lowers the limit once per Retry-After period on 429s, pauses everyone, then probes back up', () => {
    let row = renew(undefined, 'a', { now: 0, wants: 50 }, rules).row;
    row = renew(row, 'a', { now: 100, wants: 50, throttled: { retryAfterMs: 1_000 } }, rules).row;
    expect(row).toMatchObject({ limit: 45, badLimit: 50, pausedUntil: 1_100, throttledAt: 100 });
    row = renew(row, 'b', { now: 150, wants: 50, throttled: { retryAfterMs: 1_000 } }, rules).row;
    expect(row.limit).toBe(45); // the same congestion, seen by another instance
    expect(row.pausedUntil).toBe(1_150);
    row = renew(row, 'a', { now: 2_000, wants: 50 }, rules).row;
    expect(row.limit).toBe(45); // not quiet long enough
    row = renew(row, 'a', { now: 3_200, wants: 50 }, rules).row;
    expect(row.limit).toBe(46);
    row = renew(row, 'a', { now: 4_000, wants: 50 }, rules).row;
    expect(row.limit).toBe(46);
    for (let t = 6_200; t <= 30_000; t += 3_000) row = renew(row, 'a', { now: t, wants: 50 }, rules).row;
    expect(row.limit).toBe(49); // quickly up to just below where the 429 came, then slowly
    row = renew(row, 'a', { now: 41_000, wants: 50 }, rules).row;
    expect(row.limit).toBe(49);
    row = renew(row, 'a', { now: 42_300, wants: 50 }, rules).row;
    expect(row.limit).toBe(50);
    row = renew(row, 'a', { now: 60_000, wants: 50 }, rules).row;
    expect(row.limit).toBe(50); // never above the ceiling
    expect(renew(row, 'a', { now: 61_000, wants: 50 }, { ...rules, ceiling: 30 }).row.limit).toBe(30);
  });

  it('never goes below the floor', () => {
    let row = renew(undefined, 'a', { now: 0, wants: 50 }, rules).row;
    for (let t = 0; t < 100_000; t += 2_500) row = renew(row, 'a', { now: t, wants: 50, throttled: { retryAfterMs: 1_000 } }, rules).row;
    expect(row.limit).toBe(5);
  });

  it('reads damaged lease columns as no leases', () => {
    expect(parseLeases('not json')).toEqual({});
    expect(parseLeases(undefined)).toEqual({});
    expect(parseLeases(JSON.stringify({ a: { share: 3, until: 9 }, b: { share: 'x' } }))).toEqual({ a: { share: 3, until: 9, wants: 3 } });
  });
});

describe('capacity another instance used in the last second (Teams counts a sliding second)', () => {
  /**
   * Every instance's usable share, step by step, as a function of time: the sends the
   * tenant sees in any one-second window are at most the sum of the largest share each
   * instance could use in that window, which must never exceed the limit.
   */
  function windowedPeak(steps: { id: string; now: number; wants: number; release?: boolean }[]) {
    let row: BudgetRow | undefined;
    const usable: Record<string, { from: number; share: number }[]> = {};
    for (const s of steps) {
      const out = renew(row, s.id, { now: s.now, wants: s.wants, ...(s.release ? { release: true } : {}) }, rules);
      row = out.row;
      // A smaller share applies at once (and cancels a raise still to come), a larger one from usableAt.
      const list = (usable[s.id] ??= []).filter((u) => u.from <= s.now);
      usable[s.id] = list;
      const current = list.at(-1)?.share ?? 0;
      list.push({ from: out.share <= current ? s.now : out.usableAt, share: out.share });
    }
    const shareAt = (id: string, t: number) => (usable[id] ?? []).filter((u) => u.from <= t).at(-1)?.share ?? 0;
    let peak = 0;
    const end = Math.max(...steps.map((s) => s.now)) + 3_000;
    for (let t = 0; t <= end; t += 50) {
      let total = 0;
      for (const id of Object.keys(usable)) {
        let most = 0;
        for (let u = t - 1_000; u <= t; u += 10) most = Math.max(most, shareAt(id, u));
        total += most;
      }
      peak = Math.max(peak, total);
    }
    return { peak, row: row! };
  }

  it('a share handed on by a renewal is used a window later, so no second sees more than the limit', () => {
    const { peak } = windowedPeak([
      { id: 'a', now: 0, wants: 50 }, // alone: all 50 at once (nothing was freed)
      { id: 'b', now: 300, wants: 50 }, // nothing free yet
      { id: 'a', now: 1_000, wants: 50 }, // a gives back half
      { id: 'b', now: 1_200, wants: 50 }, // b gets it, to use from 2,100
      { id: 'a', now: 2_000, wants: 50 },
      { id: 'b', now: 2_200, wants: 50 },
      { id: 'b', now: 3_000, wants: 0, release: true }, // b is done
      { id: 'a', now: 3_050, wants: 50 }, // a gets it all back, from 4,100
    ]);
    expect(peak).toBeLessThanOrEqual(50);
  });

  it('says when: at once for a first lease or an unchanged share, a window after the moment capacity was freed otherwise', () => {
    const first = renew(undefined, 'a', { now: 10_000, wants: 50 }, rules);
    expect([first.share, first.usableAt]).toEqual([50, 10_000]);
    const b = renew(first.row, 'b', { now: 10_100, wants: 50 }, rules);
    expect(b.share).toBe(0);
    const lower = renew(b.row, 'a', { now: 10_500, wants: 50 }, rules);
    expect([lower.share, lower.usableAt, lower.row.freedAt]).toEqual([25, 10_500, 10_500]);
    const gain = renew(lower.row, 'b', { now: 10_600, wants: 50 }, rules);
    expect([gain.share, gain.usableAt]).toEqual([25, 10_500 + 1_100]);
    const again = renew(gain.row, 'b', { now: 11_700, wants: 50 }, rules);
    expect([again.share, again.usableAt]).toEqual([25, 11_700]);
  });

  it('a lease that ran out frees its share at its end, not when someone notices', () => {
    const a = renew(undefined, 'a', { now: 0, wants: 50 }, rules);
    const b = renew(a.row, 'b', { now: 100, wants: 50 }, rules);
    // a dies; its lease runs out at 5,000; b renews at 7,000 and takes everything at once (the window is long past)
    const late = renew(b.row, 'b', { now: 7_000, wants: 50 }, rules);
    expect([late.share, late.usableAt, late.row.freedAt]).toEqual([50, 7_000, 5_000]);
    // …and just after the end it waits for the window
    const soon = renew(b.row, 'b', { now: 5_200, wants: 50 }, rules);
    expect([soon.share, soon.usableAt]).toEqual([50, 6_100]);
  });
});
