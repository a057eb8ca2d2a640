import { describe, expect, it } from 'vitest';
import { aggregatePulse, normalizedScore, PulseThresholdsSchema, suppressSubgroups } from '../../src/pulse/aggregate.js';
import { loadDefaultBank } from '../../src/pulse/bank.js';

/** The pulse aggregate's edges (src/pulse/aggregate.ts), beyond pulse.test.ts. */

const bank = loadDefaultBank();

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('pulse aggregate at its edges', () => {
  it('refuses a score outside 1..5 or not whole, naming it', () => {
    for (const bad of [0, 6, 2.5, -1]) {
      expect(() => normalizedScore(bad, false)).toThrow(new RangeError(`score must be an integer 1..5: ${bad}`));
    }
    expect([1, 5].map((s) => normalizedScore(s, false))).toEqual([1, 5]);
  });

  it('names an item it cannot turn around', () => {
    const old = { itemId: 'gammel-1', dimension: 'tillid' as const, score: 2 };
    expect(() => aggregatePulse({ weekIndex: 0, invited: 5, answered: 5, answers: [old] }, bank)).toThrow(
      new RangeError('Unknown pulse item without a reversed flag: gammel-1'),
    );
  });

  it('lets comments count from the same number of answers as scores, never from fewer', () => {
    expect(PulseThresholdsSchema.parse({ minScores: 5, minComments: 5 })).toEqual({ minScores: 5, minComments: 5 });
    expect(PulseThresholdsSchema.safeParse({ minScores: 6, minComments: 5 }).success).toBe(false);
  });

  it('with every subgroup hidden, hides nothing more and stops', () => {
    expect(suppressSubgroups(4, [{ id: 'a', n: 4 }], 5)).toEqual([{ id: 'a', n: 4, hidden: true, reason: 'too-few' }]);
    expect(suppressSubgroups(8, [{ id: 'a', n: 4 }, { id: 'b', n: 4 }], 5).map((r) => r.reason)).toEqual(['too-few', 'too-few']);
  });

  it('hides the subgroup with the smallest id among equally small ones, in whatever order they come', () => {
    // 17 people, three teams of 5 and 2 people in no team: one team must go, and it is always "a".
    for (const order of permutations(['a', 'b', 'c'])) {
      const result = suppressSubgroups(17, order.map((id) => ({ id, n: 5 })), 5);
      expect(result.filter((r) => r.hidden).map((r) => `${r.id}:${r.reason}`), order.join('')).toEqual(['a:secondary']);
    }
    for (const order of permutations(['t1', 't2', 't3', 't4'])) {
      const result = suppressSubgroups(22, order.map((id) => ({ id, n: 5 })), 5);
      expect(result.filter((r) => r.hidden).map((r) => r.id), order.join(',')).toEqual(['t1']);
    }
  });
});
