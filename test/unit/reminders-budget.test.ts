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
