import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../src/violence/model.js';
import { DEFAULT_POLICY } from '../../../src/violence/settings.js';
import { monthlyCounts, previousMonth, sameMonthLastYear, shownBreakdown, shownCount, shownShare } from '../../../src/violence/stats.js';

const ep = (over: Partial<Episode>): Episode => ({
  workplaceId: 'wp', id: 've0000000000', employeeId: 'mads', employeeName: 'Mads', reportedById: 'mads', status: 'aktiv',
  occurredOn: '2026-11-10', occurredAt: '10:00', place: 'Køkken', kind: 'fysisk', source: 'borger', injured: false,
  needsTalkNow: false, amrMayKnowName: false, registeredOn: '2026-11-10', registeredAt: '2026-11-10T10:00:00Z', ...over,
});

describe('monthly counts', () => {
  it('counts the month\'s confirmed episodes per kind, place and time of day, and the timely follow-up', () => {
    const episodes = [
      ep({ talkOfferedOn: '2026-11-10' }),
      ep({ kind: 'trussel', occurredAt: '23:30', talkOfferedOn: '2026-11-11', injured: true, anmeldtOn: '2026-11-12' }),
      ep({ occurredAt: '16:00', absenceFrom: '2026-11-11', talkOfferedOn: '2026-11-13' }),
      ep({ status: 'afventer' }),
      ep({ occurredOn: '2026-10-31' }),
    ];
    const c = monthlyCounts(episodes, '2026-11', DEFAULT_POLICY, '2026-12-01');
    expect(c).toEqual({
      total: 3, byKind: { fysisk: 2, trussel: 1 }, byPlace: { Køkken: 3 }, byTime: { dag: 1, nat: 1, aften: 1 },
      talkOnTime: 2, anmeldelseDue: 2, anmeldelseOnTime: 1,
    });
  });

  it('does not count an anmeldelse whose deadline has not passed yet', () => {
    const c = monthlyCounts([ep({ occurredOn: '2026-11-30', registeredOn: '2026-11-30', absenceFrom: '2026-11-30' })], '2026-11', DEFAULT_POLICY, '2026-12-01');
    expect([c.anmeldelseDue, c.anmeldelseOnTime]).toEqual([0, 0]);
  });

  it('finds last month and the same month last year', () => {
    expect(previousMonth('2027-01-01')).toBe('2026-12');
    expect(sameMonthLastYear('2026-11')).toBe('2025-11');
  });
});

describe('what a channel is shown', () => {
  const label = (k: string) => k.toUpperCase();
  it('names categories of 3 or more and adds the rest up as øvrige when that is 3 or more', () => {
    expect(shownBreakdown({ a: 5, b: 1, c: 2, d: 0 }, label, 'øvrige')).toEqual([{ label: 'A', count: '5' }, { label: 'øvrige', count: '3' }]);
  });

  it('folds the smallest shown category into øvrige when the remainder would be 1 or 2 (no subtraction)', () => {
    expect(shownBreakdown({ a: 5, b: 3, c: 1 }, label, 'øvrige')).toEqual([{ label: 'A', count: '5' }, { label: 'øvrige', count: '4' }]);
    expect(shownBreakdown({ a: 3, b: 1 }, label, 'øvrige')).toEqual([{ label: 'øvrige', count: '4' }]);
    expect(shownBreakdown({ a: 1, b: 1 }, label, 'øvrige')).toEqual([]);
    const rows = shownBreakdown({ a: 7, b: 4, c: 3, d: 2 }, label, 'øvrige');
    expect(rows.every((r) => Number(r.count) >= 3)).toBe(true);
    expect(rows.reduce((s, r) => s + Number(r.count), 0)).toBe(16);
  });

  it('shows no number under 3, and no share of fewer than 3', () => {
    expect([0, 1, 2, 3].map((n) => shownCount(n, 'under 3'))).toEqual(['under 3', 'under 3', 'under 3', '3']);
    expect(shownShare(1, 2)).toBeUndefined();
    expect(shownShare(2, 3)).toBe(67);
  });
});
