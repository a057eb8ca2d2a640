import { describe, expect, it } from 'vitest';
import {
  planSlots,
  validatePlannerInput,
  validateSlotChange,
  type PlannedSlot,
  type PlannerInput,
} from '../../../src/mus/planner.js';
import { localDateOf, localTimeOf, zonedInstant } from '../../../src/shared/calendar.js';

const people = (...names: string[]) => names.map((name) => ({ id: name.toLowerCase(), name }));
const at = (date: string, time: string) => zonedInstant(date, time);
const where = (s: PlannedSlot) => `${localDateOf(s.start)} ${localTimeOf(s.start)}-${localTimeOf(s.end)}`;

function input(overrides: Partial<PlannerInput>): PlannerInput {
  return {
    period: { from: '2026-11-23', to: '2026-11-27' }, // Monday to Friday, uge 48
    durationMinutes: 60,
    dailyWindow: { start: '09:00', end: '15:00' },
    participants: [],
    mode: 'individual',
    ...overrides,
  };
}

function perDay(slots: PlannedSlot[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of slots) counts.set(localDateOf(s.start), (counts.get(localDateOf(s.start)) ?? 0) + 1);
  return counts;
}

function assertNoOverlap(slots: PlannedSlot[], bufferMinutes: number) {
  const sorted = [...slots].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]!.start.getTime() - sorted[i - 1]!.end.getTime();
    expect(gap).toBeGreaterThanOrEqual(bufferMinutes * 60_000);
  }
}

describe('planSlots: order and spread', () => {
  it('spreads fewer people than days over the whole period, its last day included, in Danish name order', () => {
    const r = planSlots(input({ participants: people('Åse', 'Bente', 'Ølse', 'Anders') }));
    expect(r.unplanned).toEqual([]);
    expect(r.slots.map((s) => [s.label, where(s)])).toEqual([
      ['Anders', '2026-11-23 09:00-10:00'],
      ['Bente', '2026-11-24 09:00-10:00'],
      ['Ølse', '2026-11-26 09:00-10:00'],
      ['Åse', '2026-11-27 09:00-10:00'],
    ]);
    expect(r.slots[0]!.participantIds).toEqual(['anders']);
  });

  it('spaces out a few people over a long period, from its first to its last working day', () => {
    const r = planSlots(input({ period: { from: '2026-11-23', to: '2026-12-04' }, participants: people('A', 'B', 'C') }));
    expect(r.slots.map((s) => localDateOf(s.start))).toEqual(['2026-11-23', '2026-11-30', '2026-12-04']);
  });

  it('uses the last working days before Christmas and before Easter', () => {
    // 14-23 December 2026: eight working days; 24 December is closed.
    const christmas = planSlots(input({ period: { from: '2026-12-14', to: '2026-12-24' }, participants: people('A', 'B', 'C', 'D') }));
    expect(christmas.slots.map((s) => localDateOf(s.start)).at(-1)).toBe('2026-12-23');
    // 15-24 March 2027: the days before Skærtorsdag 25 March.
    const easter = planSlots(input({ period: { from: '2027-03-15', to: '2027-03-28' }, participants: people('A', 'B', 'C') }));
    expect(easter.slots.map((s) => localDateOf(s.start))).toEqual(['2027-03-15', '2027-03-19', '2027-03-24']);
  });

  it('proposes nothing before `notBefore`: at 08:15 with a 07:00-09:00 window, today holds nothing', () => {
    const r = planSlots(input({ period: { from: '2026-11-23', to: '2026-11-24' }, dailyWindow: { start: '07:00', end: '09:00' }, notBefore: at('2026-11-23', '08:15'), participants: people('A', 'B') }));
    expect(r.slots.map(where)).toEqual(['2026-11-24 07:00-08:00']);
    expect(r.unplanned).toEqual(['b']);
    const later = planSlots(input({ period: { from: '2026-11-23', to: '2026-11-23' }, notBefore: at('2026-11-23', '10:02'), participants: people('A') }));
    expect(later.slots.map(where)).toEqual(['2026-11-23 10:05-11:05']);
  });

  it('says what the period holds: working days, talks in all, per free day with and without the pause', () => {
    const r = planSlots(input({ period: { from: '2026-11-23', to: '2026-11-24' }, dailyWindow: { start: '09:00', end: '11:00' }, participants: people('A', 'B', 'C') }));
    expect(r.capacity).toEqual({ workingDays: 2, total: 2, perFreeDay: 1, perFreeDayWithoutPause: 2 });
    expect(r.unplanned).toEqual(['c']);
    const noPause = planSlots(input({ period: { from: '2026-11-23', to: '2026-11-24' }, dailyWindow: { start: '09:00', end: '11:00' }, bufferMinutes: 0, participants: people('A', 'B', 'C') }));
    expect(noPause.unplanned).toEqual([]);
  });

  it('balances many people: days differ by at most one, packed from 09:00 with 15 min buffer', () => {
    const names = Array.from({ length: 12 }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`);
    const r = planSlots(input({ participants: people(...names) }));
    expect(r.unplanned).toEqual([]);
    expect([...perDay(r.slots).values()]).toEqual([3, 2, 2, 2, 3]);
    expect(r.slots.slice(0, 3).map(where)).toEqual([
      '2026-11-23 09:00-10:00', '2026-11-23 10:15-11:15', '2026-11-23 11:30-12:30',
    ]);
    expect(r.slots.map((s) => s.label)).toEqual(names); // alphabetical = chronological
    assertNoOverlap(r.slots, 15);
  });

  it('is deterministic whatever the input order, and ignores duplicate ids', () => {
    const a = planSlots(input({ participants: people('Carl', 'Anna', 'Bo', 'Dorte', 'Eva', 'Finn', 'Gitte') }));
    const b = planSlots(input({ participants: [...people('Gitte', 'Finn', 'Eva', 'Bo', 'Dorte', 'Anna', 'Carl'), ...people('Anna')] }));
    expect(b).toEqual(a);
  });

  it('uses 60 minutes and a 15 minute buffer by default', () => {
    const { durationMinutes: _omit, ...rest } = input({ period: { from: '2026-11-23', to: '2026-11-23' }, participants: people('A', 'B') });
    expect(planSlots(rest).slots.map(where)).toEqual(['2026-11-23 09:00-10:00', '2026-11-23 10:15-11:15']);
  });

  it('honours duration and buffer', () => {
    const r = planSlots(input({
      period: { from: '2026-11-23', to: '2026-11-23' }, durationMinutes: 45, bufferMinutes: 0, participants: people('A', 'B', 'C'),
    }));
    expect(r.slots.map(where)).toEqual(['2026-11-23 09:00-09:45', '2026-11-23 09:45-10:30', '2026-11-23 10:30-11:15']);
  });
});

describe('planSlots: calendar', () => {
  it('skips weekends, Christmas closures and New Year', () => {
    const names = Array.from({ length: 11 }, (_, i) => `P${String(i).padStart(2, '0')}`);
    const r = planSlots(input({ period: { from: '2026-12-19', to: '2027-01-10' }, participants: people(...names) }));
    expect(r.slots.map((s) => localDateOf(s.start))).toEqual([
      '2026-12-21', '2026-12-22', '2026-12-23', '2026-12-28', '2026-12-29', '2026-12-30',
      '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08',
    ]);
  });

  it('skips Easter 2026 and Kristi himmelfartsdag 2027', () => {
    const easter = planSlots(input({ period: { from: '2026-03-30', to: '2026-04-10' }, participants: people('A', 'B', 'C', 'D', 'E', 'F', 'G') }));
    expect(easter.slots.map((s) => localDateOf(s.start))).toEqual([
      '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10',
    ]);
    const ascension = planSlots(input({ period: { from: '2027-05-05', to: '2027-05-07' }, participants: people('A', 'B') }));
    expect(ascension.slots.map((s) => localDateOf(s.start))).toEqual(['2027-05-05', '2027-05-07']);
  });

  it('honours a custom calendar with local closing days', () => {
    const r = planSlots(input({
      calendar: { workingDays: [1, 2, 3, 4], closedDates: ['2026-11-24'] },
      participants: people('A', 'B', 'C'),
    }));
    expect(r.slots.map((s) => localDateOf(s.start))).toEqual(['2026-11-23', '2026-11-25', '2026-11-26']);
  });

  it('keeps 09:00 local time across the spring DST change', () => {
    const r = planSlots(input({ period: { from: '2026-03-27', to: '2026-03-30' }, participants: people('A', 'B') }));
    expect(r.slots.map((s) => s.start.toISOString())).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect(r.slots.map(where)).toEqual(['2026-03-27 09:00-10:00', '2026-03-30 09:00-10:00']);
  });

  it('keeps 09:00 local time across the autumn DST change', () => {
    const r = planSlots(input({ period: { from: '2026-10-23', to: '2026-10-26' }, participants: people('A', 'B') }));
    expect(r.slots.map((s) => s.start.toISOString())).toEqual(['2026-10-23T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
    for (const s of r.slots) expect(s.end.getTime() - s.start.getTime()).toBe(3_600_000);
  });
});

describe('planSlots: busy time and capacity', () => {
  const oneDay = { from: '2026-11-24', to: '2026-11-24' };

  it('never overlaps busy time and keeps the buffer around it', () => {
    const busy = [{ start: at('2026-11-24', '10:00'), end: at('2026-11-24', '11:00') }];
    const r = planSlots(input({ period: oneDay, busy, participants: people('A', 'B', 'C', 'D') }));
    expect(r.slots.map(where)).toEqual(['2026-11-24 11:15-12:15', '2026-11-24 12:30-13:30', '2026-11-24 13:45-14:45']);
    expect(r.unplanned).toEqual(['d']);
    assertNoOverlap([...r.slots, { participantIds: [], label: 'busy', ...busy[0]! }], 15);
  });

  it('snaps to a 5-minute grid after odd busy times', () => {
    const busy = [{ start: at('2026-11-24', '08:30'), end: at('2026-11-24', '09:37') }];
    expect(planSlots(input({ period: oneDay, busy, participants: people('A') })).slots.map(where)).toEqual(['2026-11-24 09:55-10:55']);
  });

  it('allows back-to-back meetings with buffer 0', () => {
    const busy = [{ start: at('2026-11-24', '10:00'), end: at('2026-11-24', '11:00') }];
    const r = planSlots(input({ period: oneDay, busy, bufferMinutes: 0, participants: people('A', 'B') }));
    expect(r.slots.map(where)).toEqual(['2026-11-24 09:00-10:00', '2026-11-24 11:00-12:00']);
  });

  it('moves people to other days when one day is fully busy', () => {
    const busy = [{ start: at('2026-11-23', '08:00'), end: at('2026-11-23', '16:00') }];
    const r = planSlots(input({ busy, participants: people('A', 'B', 'C', 'D') }));
    expect(r.slots.map((s) => localDateOf(s.start))).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
  });

  it('lists who did not fit when the period is too short, last names last', () => {
    const r = planSlots(input({ period: oneDay, dailyWindow: { start: '09:00', end: '12:00' }, participants: people('Eva', 'Dan', 'Cia', 'Bo', 'Ali') }));
    expect(r.slots.map((s) => s.label)).toEqual(['Ali', 'Bo']);
    expect(r.unplanned).toEqual(['cia', 'dan', 'eva']);
  });

  it('plans nobody in a period without working days or a too short window', () => {
    expect(planSlots(input({ period: { from: '2026-11-28', to: '2026-11-29' }, participants: people('A') }))).toMatchObject({ slots: [], unplanned: ['a'], capacity: { workingDays: 0, total: 0 } });
    expect(planSlots(input({ dailyWindow: { start: '09:00', end: '09:30' }, participants: people('A') })).unplanned).toEqual(['a']);
  });

  it('rejects nonsense parameters as a programming error', () => {
    expect(() => planSlots(input({ durationMinutes: 0 }))).toThrow(RangeError);
    expect(() => planSlots(input({ bufferMinutes: -5 }))).toThrow(RangeError);
  });
});

describe('planSlots: excluded people and GRUS', () => {
  it('leaves excluded people out silently', () => {
    const r = planSlots(input({ participants: people('A', 'B', 'C'), excludedIds: ['b'] }));
    expect(r.slots.flatMap((s) => s.participantIds)).toEqual(['a', 'c']);
    expect(r.unplanned).toEqual([]);
  });

  it('plans one slot per group, members in name order, loners individually', () => {
    const r = planSlots(input({
      mode: 'group',
      participants: people('Anna', 'Bo', 'Cecilie', 'Dorte', 'Erik', 'Frida', 'Gorm'),
      groups: [
        { id: 'nat', name: 'Nattevagt', memberIds: ['cecilie', 'anna', 'bo'] },
        { id: 'dag', name: 'Dagvagt', memberIds: ['erik', 'dorte', 'erik'] },
        { id: 'tom', name: 'Aften', memberIds: ['gorm'] },
      ],
      excludedIds: ['bo', 'gorm'],
    }));
    expect(r.slots.map((s) => [s.label, s.participantIds])).toEqual([
      ['Dagvagt', ['dorte', 'erik']],
      ['Nattevagt', ['anna', 'cecilie']],
      ['Frida', ['frida']],
    ]);
    expect(r.unplanned).toEqual([]);
  });

  it('reports groups that did not fit by group id', () => {
    const r = planSlots(input({
      mode: 'group',
      period: { from: '2026-11-24', to: '2026-11-24' },
      dailyWindow: { start: '09:00', end: '10:00' },
      participants: people('A', 'B'),
      groups: [{ id: 'g1', name: 'Gruppe 1', memberIds: ['a'] }, { id: 'g2', name: 'Gruppe 2', memberIds: ['b'] }],
    }));
    expect(r.slots.map((s) => s.label)).toEqual(['Gruppe 1']);
    expect(r.unplanned).toEqual(['g2']);
  });
});

describe('validatePlannerInput', () => {
  it('accepts a sensible request', () => {
    expect(validatePlannerInput(input({ participants: people('A') }))).toBeNull();
  });

  it('explains what is wrong in Danish', () => {
    expect(validatePlannerInput(input({ period: { from: '2026-11-27', to: '2026-11-23' } }))).toBe(
      'Perioden slutter 23. november 2026, før den begynder 27. november 2026.',
    );
    expect(validatePlannerInput(input({ period: { from: '2026-11-28', to: '2026-11-29' } }))).toContain('Der er ingen arbejdsdage');
    expect(validatePlannerInput(input({ dailyWindow: { start: '09:00', end: '09:45' } }))).toBe(
      'Tidsrummet 09.00-09.45 er for kort til en samtale på 60 minutter.',
    );
    expect(validatePlannerInput(input({ dailyWindow: { start: '9', end: '15:00' } }))).toContain('Klokkeslættet 9');
    expect(validatePlannerInput(input({ durationMinutes: 0 }))).toContain('Samtalens længde');
    expect(validatePlannerInput(input({ bufferMinutes: -1 }))).toContain('Pausen');
    expect(validatePlannerInput(input({ period: { from: '2026-02-30', to: '2026-03-05' } }))).toContain('2026-02-30');
    expect(validatePlannerInput(input({ period: { from: '2026-01-01', to: '2029-01-01' } }))).toContain('for lang');
  });
});

describe('validateSlotChange', () => {
  const busy = [{ start: at('2026-11-25', '13:00'), end: at('2026-11-25', '14:00') }];
  const base = input({ participants: people('Anna', 'Bo', 'Carl'), busy });
  const { slots } = planSlots(base); // Mon, Wed, Fri 09:00

  it('starts from the expected plan', () => {
    expect(slots.map(where)).toEqual(['2026-11-23 09:00-10:00', '2026-11-25 09:00-10:00', '2026-11-27 09:00-10:00']);
  });

  it('accepts a free time, also right next to another meeting or over its own old time', () => {
    expect(validateSlotChange(slots, 0, at('2026-11-24', '14:00'), base)).toBeNull();
    expect(validateSlotChange(slots, 0, at('2026-11-24', '10:00'), base)).toBeNull();
    expect(validateSlotChange(slots, 0, at('2026-11-25', '12:00'), base)).toBeNull();
    expect(validateSlotChange(slots, 0, at('2026-11-23', '09:30'), base)).toBeNull();
  });

  it('rejects an overlap with another slot, naming it', () => {
    expect(validateSlotChange(slots, 0, at('2026-11-25', '09:30'), base)).toBe(
      'Tidspunktet overlapper samtalen med Bo 25. november 2026 kl. 09.00-10.00. Vælg et andet tidspunkt.',
    );
  });

  it('rejects an overlap with busy time', () => {
    expect(validateSlotChange(slots, 2, at('2026-11-25', '12:30'), base)).toBe(
      'Tidspunktet overlapper en anden aftale i din kalender 25. november 2026 kl. 13.00-14.00. Vælg et andet tidspunkt.',
    );
  });

  it('rejects weekends, helligdage and closing days', () => {
    expect(validateSlotChange(slots, 0, at('2026-11-28', '10:00'), base)).toBe(
      'Lørdag den 28. november 2026 er ikke en arbejdsdag. Vælg en anden dag.',
    );
    expect(validateSlotChange(slots, 0, at('2026-12-25', '10:00'), base)).toBe(
      '25. december 2026 er en helligdag (Juledag). Vælg en anden dag.',
    );
    expect(validateSlotChange(slots, 0, at('2027-05-06', '10:00'), base)).toContain('(Kristi himmelfartsdag)');
    expect(validateSlotChange(slots, 0, at('2026-12-24', '10:00'), base)).toBe('24. december 2026 er en lukkedag. Vælg en anden dag.');
    const closed = { ...base, calendar: { workingDays: [1, 2, 3, 4, 5], closedDates: ['2026-11-26'] } };
    expect(validateSlotChange(slots, 0, at('2026-11-26', '10:00'), closed)).toContain('er en lukkedag');
    expect(validateSlotChange(slots, 0, at('2026-12-24', '10:00'), closed)).toBeNull();
  });

  it('handles a stale index, an invalid time and a talk across midnight', () => {
    expect(validateSlotChange(slots, 3, at('2026-11-24', '10:00'), base)).toContain('findes ikke længere');
    expect(validateSlotChange(slots, 0, new Date('x'), base)).toContain('kan jeg ikke læse');
    expect(validateSlotChange(slots, 0, at('2026-11-24', '23:30'), base)).toBe('Samtalen skal begynde og slutte på samme dag.');
    expect(validateSlotChange(slots, 0, at('2026-11-24', '23:00'), base)).toBeNull();
  });
});
