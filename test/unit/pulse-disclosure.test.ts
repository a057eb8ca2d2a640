/** The subtraction guard (disclosure.ts): what a round publishes, given the rounds before it. */
import { describe, expect, it } from 'vitest';
import { aggregatePulse, DEFAULT_THRESHOLDS, type PulseAnswer } from '../../src/pulse/aggregate.js';
import { loadDefaultBank, type DimensionId } from '../../src/pulse/bank.js';
import { decidePublication, half, responseBand, roundShowable, SAFE_N, shownNow, valueOf, type Publication } from '../../src/pulse/disclosure.js';

const bank = loadDefaultBank();

/** A round asking mening and tillid, with these normalised scores per dimension. */
function result(scores: Partial<Record<DimensionId, number[]>>) {
  const answers: PulseAnswer[] = Object.entries(scores).flatMap(([dimension, list]) =>
    list!.map((score) => ({ itemId: `${dimension}-x`, dimension: dimension as DimensionId, score, reversed: false })),
  );
  const answered = Math.max(...Object.values(scores).map((l) => l!.length));
  return aggregatePulse({ weekIndex: 0, invited: 20, answered, answers }, bank, DEFAULT_THRESHOLDS);
}
const n = (count: number, score = 4) => Array.from({ length: count }, (_, i) => (i === 0 ? score - 1 : score));

function decide(scores: Partial<Record<DimensionId, number[]>>, earlier: Publication[] = [], forumInvited = 0, thresholds = DEFAULT_THRESHOLDS): Publication {
  return decidePublication({ result: result(scores), asked: Object.keys(scores) as DimensionId[], forumInvited, earlier, thresholds });
}

describe('disclosure', () => {
  it('rounds to the nearest 0.5, halves away from zero, never −0', () => {
    expect([3.2, 3.25, 3.74, 3.75, 4.9].map(half)).toEqual([3, 3.5, 3.5, 4, 5]);
    expect([-0.25, -0.2, 0.24].map(half)).toEqual([-0.5, 0, 0]);
    expect(Object.is(half(-0.2), 0)).toBe(true);
  });

  it('shows the response rate in bands only', () => {
    expect(responseBand(0, 0)).toBe('noneInvited');
    expect(responseBand(0, 12)).toBe('none');
    expect([3, 4, 6, 7, 12].map((a) => responseBand(a, 10 + (a === 12 ? 2 : 0)))).toEqual(['under', 'about', 'about', 'most', 'most']);
  });

  it('publishes nothing below minScores, or when the forum members could make up all but minScores', () => {
    expect(decide({ mening: n(4) }).dimensions.mening).toEqual({ kind: 'hidden' });
    expect(decide({ mening: n(7) }, [], 3).dimensions.mening).toEqual({ kind: 'hidden' }); // 7 - 3 = 4 < 5
    expect(decide({ mening: n(8) }, [], 3).dimensions.mening).toEqual({ kind: 'value', value: 4 });
    expect([roundShowable(7, 3, 5), roundShowable(8, 3, 5), roundShowable(4, 0, 3), roundShowable(SAFE_N, 0, 3)]).toEqual([false, true, false, true]);
  });

  it('publishes values to the nearest 0.5 and comments only from minComments', () => {
    const p = decide({ mening: [4, 4, 3, 3, 3], tillid: [5, 5, 5, 5, 1] });
    expect(p.dimensions).toEqual({ mening: { kind: 'value', value: 3.5 }, tillid: { kind: 'value', value: 4 } }); // 3.4 and 4.2
    expect(p.comments).toBe(false);
    expect(decide({ mening: n(10) }).comments).toBe(true);
  });

  it('a unanimous dimension looks like any other: its rounded value is also what one different answer gives', () => {
    const same = decide({ mening: [5, 5, 5, 5, 5], tillid: [1, 1, 1, 1, 1] });
    const oneOff = decide({ mening: [5, 5, 5, 5, 4], tillid: [1, 1, 1, 1, 2] });
    expect(same.dimensions).toEqual(oneOff.dimensions);
    expect(valueOf(same, 'mening')).toBe(5);
  });

  it('hides a dimension whose count is 1 to minScores-1 away from an earlier published round of it', () => {
    const w1 = decide({ mening: n(10), tillid: n(10) });
    expect(valueOf(w1, 'mening')).toBe(4);
    // One on holiday: 9 against 10 (mening published before) is hidden; tidsmiljoe was never published, so it shows.
    const w2 = decide({ mening: n(9), tidsmiljoe: n(9) }, [w1]);
    expect(w2.dimensions).toEqual({ mening: { kind: 'hidden' }, tidsmiljoe: { kind: 'value', value: 4 } });
    // A hidden result is no reference: w2's mening (9) does not hide a later 9.
    for (const [count, shown] of [[10, true], [6, false], [14, false], [5, true], [15, true]] as const) {
      expect(valueOf(decide({ mening: n(count) }, [w1, w2]), 'mening') !== undefined).toBe(shown);
    }
    // With a raised threshold the distance grows with it.
    expect(valueOf(decide({ mening: n(16) }, [w1], 0, { minScores: 7, minComments: 10 }), 'mening')).toBeUndefined();
    expect(valueOf(decide({ mening: n(17) }, [w1], 0, { minScores: 7, minComments: 10 }), 'mening')).toBe(4);
  });

  it('a raised threshold hides more of what was published, never shows more', () => {
    const p = decide({ mening: n(10) });
    expect(shownNow(p, 0, DEFAULT_THRESHOLDS)).toMatchObject({ showable: true, comments: true, dimensions: { mening: { kind: 'value', value: 4 } } });
    expect(shownNow(p, 0, { minScores: 5, minComments: 11 })).toMatchObject({ showable: true, comments: false });
    expect(shownNow(p, 0, { minScores: 11, minComments: 11 })).toMatchObject({ showable: false, dimensions: { mening: { kind: 'hidden' } } });
    expect(shownNow(decide({ mening: n(9) }, [p]), 0, DEFAULT_THRESHOLDS).dimensions.mening).toEqual({ kind: 'hidden' });
  });
});
