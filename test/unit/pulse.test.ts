import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import {
  aggregatePulse,
  DEFAULT_THRESHOLDS,
  normalizedScore,
  PulseThresholdsSchema,
  suppressSubgroups,
  type PulseAnswer,
} from '../../src/pulse/aggregate.js';
import { dimensionTrends, meanOfPublished, type PublishedWeek } from '../../src/pulse/trends.js';
import {
  DIMENSION_NAMES,
  DIMENSIONS,
  loadDefaultBank,
  parseBank,
  type DimensionId,
  type PulseBank,
} from '../../src/pulse/bank.js';
import { pickItems, pulseWeekIndex, weeksToCoverAll } from '../../src/pulse/rotation.js';

const bank = loadDefaultBank();

describe('default bank', () => {
  it('covers the 12 dimensions with at least 2 items each and a labelled scale', () => {
    expect(bank.items.length).toBeGreaterThanOrEqual(24);
    for (const d of DIMENSIONS) {
      expect(bank.items.filter((i) => i.dimension === d).length).toBeGreaterThanOrEqual(2);
      expect(DIMENSION_NAMES[d]).toMatch(/^\p{Lu}/u);
    }
    expect(Object.values(bank.scale)).toHaveLength(5);
    expect(new Set(bank.items.map((i) => i.id)).size).toBe(bank.items.length);
    expect(bank.items.find((i) => /for travlt/.test(i.text))?.reversed).toBe(true);
    expect(Object.isFrozen(bank.items)).toBe(true);
  });

  it('has a reversed and a positively worded item in every dimension, so agreeing with everything does not read as good', () => {
    for (const d of DIMENSIONS) {
      const items = bank.items.filter((i) => i.dimension === d);
      expect(items.some((i) => i.reversed), `${d} has no reversed item`).toBe(true);
      expect(items.some((i) => !i.reversed), `${d} has no positively worded item`).toBe(true);
    }
  });

  it('words items neutrally: exposure not symptoms, no frequency words on an agree scale, no shift or staffing assumed, never a "måling"', () => {
    for (const item of bank.items) {
      // An agree scale cannot answer "how often": "nogle gange", "ofte", "altid" belong on a frequency scale.
      expect(item.text, item.id).not.toMatch(/\b(nogle gange|ofte|sjældent|altid|aldrig)\b/i);
      // Strain as exposure ("følelsesmæssigt belastende"), not as symptoms that invite health details.
      expect(item.text, item.id).not.toMatch(/koble af|søvn|sove|stress|syg|ondt|tager hårdt/i);
      // Every worker can answer: no item only for night shifts or assuming understaffing or paperwork.
      expect(item.text, item.id).not.toMatch(/nattevagt|aftenvagt|for få på vagt|papirarbejde|registrering/i);
      expect(item.text, item.id).not.toMatch(/måling|fair\b/i);
    }
    expect(bank.items.find((i) => i.id === 'foelelser-2')).toMatchObject({ reversed: true, text: 'Mit arbejde er følelsesmæssigt belastende.' });
    // The violence item about experiences is framed to the past week, like the card's intro.
    expect(bank.items.find((i) => i.id === 'vold-3')!.text).toMatch(/^I den seneste uge/);
  });

  it('rejects a broken replacement bank with Danish messages naming the item', () => {
    const messageOf = (raw: unknown): string => {
      try {
        parseBank(raw);
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return (e as UserError).userMessage;
      }
      return '';
    };
    const clone = () => structuredClone(bank) as unknown as { items: Record<string, unknown>[]; scale: Record<string, string> };
    const wrongDimension = clone();
    wrongDimension.items[1] = { ...wrongDimension.items[1], dimension: 'humør' };
    delete wrongDimension.scale['3'];
    const message = messageOf(wrongDimension);
    expect(message).toContain('Spørgsmål 2 ("krav-2"), dimension: dimension skal være en af');
    expect(message).toContain('Skala, punkt 3: skal udfyldes');
    const duplicate = clone();
    duplicate.items[2] = { ...duplicate.items[2], id: 'krav-1' };
    expect(messageOf(duplicate)).toContain('id "krav-1" er brugt mere end én gang');
    expect(messageOf({ version: 1, language: 'da', scale: bank.scale, items: [] })).toContain('mindst ét spørgsmål');
  });
});

describe('pickItems', () => {
  const dims = (w: number, b: PulseBank = bank, count = 3) => pickItems(b, w, count).map((i) => i.dimension);

  it('asks 3 different dimensions a week and covers all 12 in any 4 consecutive weeks', () => {
    expect(weeksToCoverAll(bank)).toBe(4);
    for (let w = -60; w <= 300; w++) {
      expect(new Set(dims(w)).size).toBe(3);
      const window = new Set([w, w + 1, w + 2, w + 3].flatMap((x) => dims(x)));
      expect(window.size).toBe(12);
    }
  });

  it('is deterministic and rotates the items within a dimension across cycles', () => {
    expect(pickItems(bank, 17)).toEqual(pickItems(bank, 17));
    const seen = new Map<DimensionId, Set<string>>();
    for (let w = 0; w < 12; w++) {
      for (const item of pickItems(bank, w)) {
        seen.set(item.dimension, (seen.get(item.dimension) ?? new Set()).add(item.id));
      }
    }
    for (const d of DIMENSIONS) expect(seen.get(d)?.size).toBe(bank.items.filter((i) => i.dimension === d).length);
    // The same dimension comes back with its next item.
    expect(pickItems(bank, 0)[0]?.id).toBe('krav-1');
    expect(pickItems(bank, 4)[0]?.id).toBe('krav-2');
    expect(pickItems(bank, 8)[0]?.id).toBe('krav-3');
    expect(pickItems(bank, 12)[0]?.id).toBe('krav-1');
  });

  it('works for other counts and smaller banks', () => {
    expect(weeksToCoverAll(bank, 4)).toBe(3);
    for (let w = 0; w < 50; w++) expect(new Set([w, w + 1, w + 2].flatMap((x) => dims(x, bank, 4))).size).toBe(12);
    const small = parseBank({ ...bank, items: bank.items.filter((i) => ['mening', 'tillid', 'tidsmiljoe', 'indflydelse', 'anerkendelse'].includes(i.dimension)) });
    expect(weeksToCoverAll(small)).toBe(2);
    for (let w = 0; w < 50; w++) expect(new Set([w, w + 1].flatMap((x) => dims(x, small))).size).toBe(5);
    expect(pickItems(small, 3, 20)).toHaveLength(5);
    expect(() => pickItems(bank, 1.5)).toThrow(RangeError);
  });

  it('counts weeks continuously across a 53-week year', () => {
    expect(pulseWeekIndex('2024-01-01')).toBe(0);
    expect(pulseWeekIndex('2024-01-07')).toBe(0);
    expect(pulseWeekIndex('2024-01-08')).toBe(1);
    expect(pulseWeekIndex('2027-01-04') - pulseWeekIndex('2026-12-28')).toBe(1); // uge 53 → uge 1
  });
});

function answers(itemId: string, dimension: DimensionId, scores: number[], comment?: (i: number) => string): PulseAnswer[] {
  return scores.map((score, i) => ({ itemId, dimension, score, ...(comment ? { comment: comment(i) } : {}) }));
}

describe('aggregatePulse', () => {
  it('normalises reversed items so that higher is better', () => {
    expect(normalizedScore(5, true)).toBe(1);
    expect(normalizedScore(2, false)).toBe(2);
    expect(() => normalizedScore(6, false)).toThrow(RangeError);
    const result = aggregatePulse(
      {
        weekIndex: 3, invited: 12, answered: 6,
        answers: [...answers('tid-1', 'tidsmiljoe', [5, 5, 5]), ...answers('tid-2', 'tidsmiljoe', [4, 4, 4]),
          ...answers('mening-1', 'mening', [5, 4, 4, 3, 4, 4])],
      },
      bank,
    );
    expect(result.responseRate).toBe(0.5);
    const m = new Map(result.dimensions.map((d) => [d.dimension, d]));
    expect(m.get('tidsmiljoe')).toMatchObject({ n: 6, hidden: false, mean: 2.5, name: 'Tidsmiljø' });
    expect(m.get('mening')?.mean).toBe(4);
  });

  it('has no response rate when nobody was invited', () => {
    const none = aggregatePulse({ weekIndex: 0, invited: 0, answered: 5, answers: answers('mening-1', 'mening', [4, 4, 4, 4, 4]) }, bank);
    expect(none.responseRate).toBeUndefined();
    expect(none.dimensions[0]).toMatchObject({ mean: 4, hidden: false });
    expect(aggregatePulse({ weekIndex: 0, invited: 8, answered: 5, answers: [] }, bank).responseRate).toBe(5 / 8);
  });

  it('hides dimensions below minScores and the whole round when too few answered', () => {
    const input = { weekIndex: 0, invited: 10, answered: 6, answers: [...answers('tillid-1', 'tillid', [4, 4, 4, 4]), ...answers('mening-1', 'mening', [3, 3, 3, 3, 3])] };
    const m = new Map(aggregatePulse(input, bank).dimensions.map((d) => [d.dimension, d]));
    expect(m.get('tillid')).toMatchObject({ n: 4, hidden: true, mean: undefined });
    expect(m.get('mening')).toMatchObject({ n: 5, hidden: false, mean: 3 });
    expect(aggregatePulse(input, bank, { minScores: 3 }).dimensions.every((d) => !d.hidden)).toBe(true);
    const tooFew = aggregatePulse({ ...input, answered: 2 }, bank, { minScores: 3, minComments: 5 });
    expect(tooFew.dimensions.every((d) => d.hidden && d.mean === undefined)).toBe(true);
  });

  it('shows comments only from minComments respondents, in alphabetical order', () => {
    const scored = answers('mening-2', 'mening', [4, 4, 4, 4, 4, 4, 4, 4, 4, 4], (i) => (i < 3 ? ['Ørkesløst', ' Godt team ', 'Alt vel'][i]! : ''));
    const few = aggregatePulse({ weekIndex: 0, invited: 20, answered: 9, answers: scored.slice(0, 9) }, bank);
    expect(few.commentsShown).toBe(false);
    expect(few.dimensions[0]?.comments).toEqual([]);
    const enough = aggregatePulse({ weekIndex: 0, invited: 20, answered: 10, answers: scored }, bank);
    expect(enough.commentsShown).toBe(true);
    expect(enough.dimensions[0]?.comments).toEqual(['Alt vel', 'Godt team', 'Ørkesløst']);
  });

  it('enforces the threshold floors', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ minScores: 5, minComments: 10 });
    expect(PulseThresholdsSchema.safeParse({ minScores: 3, minComments: 5 }).success).toBe(true);
    expect(PulseThresholdsSchema.safeParse({ minScores: 2 }).success).toBe(false);
    expect(PulseThresholdsSchema.safeParse({ minComments: 4, minScores: 3 }).success).toBe(false);
    expect(PulseThresholdsSchema.safeParse({ minScores: 8, minComments: 6 }).success).toBe(false);
    expect(() => aggregatePulse({ weekIndex: 0, invited: 1, answered: 1, answers: [] }, bank, { minScores: 1 })).toThrow();
  });

  it('needs to know whether an unknown item was reversed', () => {
    const old = { itemId: 'gammel-1', dimension: 'tillid' as const, score: 2 };
    expect(() => aggregatePulse({ weekIndex: 0, invited: 5, answered: 5, answers: [old] }, bank)).toThrow(RangeError);
    const r = aggregatePulse({ weekIndex: 0, invited: 5, answered: 5, answers: Array(5).fill({ ...old, reversed: true }) }, bank);
    expect(r.dimensions[0]?.mean).toBe(4);
  });
});

describe('suppressSubgroups', () => {
  const hidden = (groupN: number, subgroups: { id: string; n: number }[], min = 5) =>
    suppressSubgroups(groupN, subgroups, min).filter((s) => s.hidden).map((s) => `${s.id}:${s.reason}`);

  it('hides small subgroups and subgroups whose complement is small', () => {
    expect(hidden(20, [{ id: 'a', n: 10 }, { id: 'b', n: 10 }])).toEqual([]);
    expect(hidden(9, [{ id: 'a', n: 5 }, { id: 'b', n: 4 }])).toEqual(['a:complement', 'b:too-few']);
    expect(hidden(10, [{ id: 'a', n: 8 }])).toEqual(['a:complement']); // 2 people in no team
  });

  it('never leaves exactly one hidden subgroup derivable from the others', () => {
    expect(hidden(12, [{ id: 'a', n: 5 }, { id: 'b', n: 5 }, { id: 'c', n: 2 }])).toEqual(['a:secondary', 'c:too-few']);
    expect(hidden(15, [{ id: 'x', n: 6 }, { id: 'y', n: 5 }, { id: 'z', n: 2 }, { id: 'w', n: 2 }])).toEqual(['y:secondary', 'z:too-few', 'w:too-few']);
    // Two small hidden subgroups that together reach the minimum are enough.
    expect(hidden(17, [{ id: 'x', n: 6 }, { id: 'y', n: 5 }, { id: 'z', n: 3 }, { id: 'w', n: 3 }])).toEqual(['z:too-few', 'w:too-few']);
    // A residual that is already large enough needs no secondary suppression.
    expect(hidden(20, [{ id: 'a', n: 5 }, { id: 'b', n: 10 }, { id: 'c', n: 2 }])).toEqual(['c:too-few']);
    // People outside every subgroup are protected too.
    expect(hidden(13, [{ id: 'a', n: 6 }, { id: 'b', n: 5 }])).toEqual(['b:secondary']);
  });

  it('breaks a tie between equally small subgroups by id, whatever their order', () => {
    // 12 = 5 + 5 + 2: one 5-team must go with the 2-team; always the one whose id sorts first.
    expect(hidden(12, [{ id: 'b', n: 5 }, { id: 'a', n: 5 }, { id: 'c', n: 2 }])).toEqual(['a:secondary', 'c:too-few']);
    expect(hidden(12, [{ id: 'c', n: 2 }, { id: 'b', n: 5 }, { id: 'a', n: 5 }])).toEqual(['c:too-few', 'a:secondary']);
    // The smaller one goes first, even when its id sorts last.
    expect(hidden(13, [{ id: 'a', n: 6 }, { id: 'z', n: 5 }, { id: 'm', n: 2 }])).toEqual(['z:secondary', 'm:too-few']);
  });

  it('never goes below the floor of 3', () => {
    expect(hidden(10, [{ id: 'a', n: 2 }, { id: 'b', n: 8 }], 1)).toEqual(['a:too-few', 'b:complement']);
    expect(hidden(6, [{ id: 'a', n: 3 }, { id: 'b', n: 3 }], 3)).toEqual([]);
  });
});

describe('dimensionTrends (published values only)', () => {
  const week = (weekIndex: number, values: PublishedWeek['values']): PublishedWeek => ({ weekIndex, values });

  it('computes the 12-week series, change against the previous 4 weeks and flags', () => {
    const history = [week(0, { tillid: 4, mening: 3 }), week(4, { tillid: 4, mening: 3 }), week(8, { tillid: 3, mening: 2.5 })];
    const t = new Map(dimensionTrends(history, 8).map((d) => [d.dimension, d]));
    const tillid = t.get('tillid')!;
    expect(tillid.series).toHaveLength(12);
    expect(tillid.series[0]?.weekIndex).toBe(-3);
    expect(tillid.series.filter((p) => p.value !== undefined).map((p) => p.weekIndex)).toEqual([0, 4, 8]);
    expect(tillid).toMatchObject({ current: 3, previous: 4, change: -1, flags: { low: false, fell: true } });
    expect(t.get('mening')).toMatchObject({ change: -0.5, flags: { low: true, fell: true } }); // 3 → 2.5 is exactly 0.5
    expect(t.get('indflydelse')).toMatchObject({ current: undefined, change: undefined, flags: { low: false, fell: false } });
    // Two weeks later the latest value is still the current one; after 4 weeks it is not.
    expect(dimensionTrends(history, 10).find((d) => d.dimension === 'tillid')?.current).toBe(3);
    expect(dimensionTrends(history, 12).find((d) => d.dimension === 'tillid')?.current).toBeUndefined();
  });

  it('takes the plain mean of the published values before, to the nearest 0.5, so the change is a multiple of 0.5', () => {
    const history = [week(5, { tillid: 4 }), week(6, { tillid: 3 }), week(7, {}), week(9, { tillid: 3.5 })];
    const tillid = dimensionTrends(history, 9).find((d) => d.dimension === 'tillid')!;
    expect(tillid.previous).toBe(3.5); // (4 + 3) / 2, no weighting by (unpublished) counts
    expect(tillid.change).toBe(0);
    expect(tillid.series.find((p) => p.weekIndex === 7)).toEqual({ weekIndex: 7, value: undefined });
    expect(meanOfPublished([4, 3, 3])).toBe(3.5); // 3.33 → 3.5
    expect(meanOfPublished([4, 4, 3])).toBe(3.5); // 3.67 → 3.5
    expect(meanOfPublished([undefined])).toBeUndefined();
    const onlyNow = dimensionTrends([week(8, {}), week(9, { tillid: 2 })], 9)[6]!;
    expect(onlyNow).toMatchObject({ dimension: 'tillid', current: 2, previous: undefined, flags: { low: true, fell: false } });
  });
});
