/**
 * The MUS planner at its edges: each parameter check on its boundary and with the field it
 * names, the capacity arithmetic, the buffer after busy time, the spread when one day holds
 * less than the others, and name ties (issue 23: mutants that survived the planner tests).
 */
import { describe, expect, it } from 'vitest';
import { plannerText as text } from '../../../src/i18n/mus.js';
import { plannerInputIssue, planSlots, validateSlotChange, type PlannedSlot, type PlannerInput } from '../../../src/mus/planner.js';
import { addDays, localDateOf, localTimeOf, zonedInstant } from '../../../src/shared/calendar.js';

const people = (...names: string[]) => names.map((name) => ({ id: name.toLowerCase(), name }));
const at = (date: string, time: string) => zonedInstant(date, time);
const where = (s: PlannedSlot) => `${localDateOf(s.start)} ${localTimeOf(s.start)}`;

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

describe('plannerInputIssue on each boundary', () => {
  it('accepts the smallest values that work: 1 minute, no pause, a one-day period, a window exactly one talk long', () => {
    expect(plannerInputIssue(input({ durationMinutes: 1, dailyWindow: { start: '09:00', end: '09:01' } }))).toBeNull();
    expect(plannerInputIssue(input({ bufferMinutes: 0 }))).toBeNull();
    expect(plannerInputIssue(input({ period: { from: '2026-11-24', to: '2026-11-24' } }))).toBeNull();
    expect(plannerInputIssue(input({ dailyWindow: { start: '09:00', end: '10:00' } }))).toBeNull();
    // The minutes of the window count: 09:15-10:00 holds a 45-minute talk, 09:15-09:59 does not.
    expect(plannerInputIssue(input({ durationMinutes: 45, dailyWindow: { start: '09:15', end: '10:00' } }))).toBeNull();
    expect(plannerInputIssue(input({ durationMinutes: 45, dailyWindow: { start: '09:15', end: '09:59' } }))).toEqual({ field: 'windowEnd', message: text.windowTooShort('09:15', '09:59', 45) });
    // The typed length is used, not the default 60.
    expect(plannerInputIssue(input({ durationMinutes: 30, dailyWindow: { start: '09:00', end: '09:30' } }))).toBeNull();
  });

  it('accepts a period of exactly two years of 366 days, not a day more', () => {
    expect(plannerInputIssue(input({ period: { from: '2026-01-05', to: addDays('2026-01-05', 732) } }))).toBeNull();
    expect(plannerInputIssue(input({ period: { from: '2026-01-05', to: addDays('2026-01-05', 733) } }))).toEqual({ field: 'to', message: text.periodTooLong });
  });

  it('names the field and says what is wrong with it', () => {
    expect(plannerInputIssue(input({ durationMinutes: 0 }))).toEqual({ field: 'duration', message: text.badDuration });
    expect(plannerInputIssue(input({ durationMinutes: 1.5 }))).toEqual({ field: 'duration', message: text.badDuration });
    expect(plannerInputIssue(input({ bufferMinutes: -1 }))).toEqual({ field: 'buffer', message: text.badBuffer });
    expect(plannerInputIssue(input({ bufferMinutes: 2.5 }))).toEqual({ field: 'buffer', message: text.badBuffer });
    expect(plannerInputIssue(input({ period: { from: '23-11-2026', to: '2026-11-27' } }))).toEqual({ field: 'from', message: text.badDate('23-11-2026') });
    expect(plannerInputIssue(input({ period: { from: '2026-02-02', to: '2026-02-30' } }))).toEqual({ field: 'to', message: text.badDate('2026-02-30') });
    expect(plannerInputIssue(input({ period: { from: '2026-11-27', to: '2026-11-26' } }))).toEqual({ field: 'to', message: text.periodReversed('2026-11-27', '2026-11-26') });
    expect(plannerInputIssue(input({ dailyWindow: { start: '9', end: '15:00' } }))).toEqual({ field: 'windowStart', message: text.badTime('9') });
    expect(plannerInputIssue(input({ dailyWindow: { start: '09:00', end: '25:00' } }))).toEqual({ field: 'windowEnd', message: text.badTime('25:00') });
    expect(plannerInputIssue(input({ period: { from: '2026-11-28', to: '2026-11-29' } }))).toEqual({ field: 'to', message: text.noWorkingDays('2026-11-28', '2026-11-29') });
  });

  it('refuses nonsense with a RangeError that says what', () => {
    expect(() => planSlots(input({ durationMinutes: 0 }))).toThrow('Invalid minutes: 0');
    expect(() => planSlots(input({ period: { from: '2026-01-05', to: addDays('2026-01-05', 733) } }))).toThrow('Period longer than 732 days');
    expect(planSlots(input({ period: { from: '2026-01-05', to: addDays('2026-01-05', 732) }, participants: people('A') })).unplanned).toEqual([]);
  });
});

describe('planSlots at its edges', () => {
  it('counts what a free day holds from the window, the length and the pause', () => {
    // 09:00-15:00 is 360 minutes: five 60-minute talks with 15 minutes between them, six without.
    expect(planSlots(input({ participants: people('A') })).capacity).toEqual({ workingDays: 5, total: 25, perFreeDay: 5, perFreeDayWithoutPause: 6 });
  });

  it('keeps the pause after busy time too: a meeting until 11.00 means the next talk starts 11.15', () => {
    const r = planSlots(input({
      period: { from: '2026-11-24', to: '2026-11-24' },
      dailyWindow: { start: '11:00', end: '13:00' },
      busy: [{ start: at('2026-11-24', '10:00'), end: at('2026-11-24', '11:00') }],
      participants: people('A'),
    }));
    expect(r.slots.map(where)).toEqual(['2026-11-24 11:15']);
  });

  it('starts at `notBefore` itself when it falls in the window, off the 5-minute grid', () => {
    const r = planSlots(input({ period: { from: '2026-11-24', to: '2026-11-24' }, dailyWindow: { start: '09:03', end: '15:00' }, notBefore: at('2026-11-24', '09:03'), participants: people('A') }));
    expect(r.slots.map(where)).toEqual(['2026-11-24 09:03']);
  });

  it('gives the extra talks to days with room left, never to a day that is full', () => {
    // Monday is busy until 12.00 and holds 2 talks; the other days hold 5. Eleven people: two a
    // day, and the one left over goes to Tuesday (the first day with room), not to Monday.
    const r = planSlots(input({ busy: [{ start: at('2026-11-23', '09:00'), end: at('2026-11-23', '12:00') }], participants: people('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K') }));
    expect(r.unplanned).toEqual([]);
    const perDay = new Map<string, number>();
    for (const s of r.slots) perDay.set(localDateOf(s.start), (perDay.get(localDateOf(s.start)) ?? 0) + 1);
    expect([...perDay]).toEqual([['2026-11-23', 2], ['2026-11-24', 3], ['2026-11-25', 2], ['2026-11-26', 2], ['2026-11-27', 2]]);
  });

  it('orders people with the same name by id, whatever order they come in', () => {
    const twins = [{ id: 'b', name: 'Anna' }, { id: 'a', name: 'Anna' }, { id: 'c', name: 'Anna' }];
    for (const participants of [twins, [...twins].reverse()]) {
      expect(planSlots(input({ participants })).slots.map((s) => s.participantIds[0])).toEqual(['a', 'b', 'c']);
    }
  });

  it('puts a group member who is not among the participants after those who are, wherever the member is listed', () => {
    const participants = people('Anna', 'Bo');
    for (const memberIds of [['x-ukendt', 'bo', 'anna'], ['bo', 'x-ukendt', 'anna'], ['anna', 'bo', 'x-ukendt']]) {
      const groups = [{ id: 'g', name: 'Gruppe', memberIds }];
      expect(planSlots(input({ mode: 'group', participants, groups })).slots.map((s) => s.participantIds)).toEqual([['anna', 'bo', 'x-ukendt']]);
    }
  });

  it('puts a group\'s members in name order, and ignores groups in individual mode', () => {
    const participants = people('Anna', 'Bo', 'Cecilie');
    const groups = [{ id: 'g', name: 'Gruppe', memberIds: ['cecilie', 'bo', 'anna'] }];
    expect(planSlots(input({ mode: 'group', participants, groups })).slots.map((s) => s.participantIds)).toEqual([['anna', 'bo', 'cecilie']]);
    expect(planSlots(input({ mode: 'individual', participants, groups })).slots.map((s) => s.participantIds)).toEqual([['anna'], ['bo'], ['cecilie']]);
  });
});

describe('validateSlotChange at its edges', () => {
  const base = input({ participants: people('Anna', 'Bo') });
  const { slots } = planSlots(base); // Monday and Friday 09:00

  it('accepts a talk that starts the moment another one ends', () => {
    expect(validateSlotChange(slots, 1, at('2026-11-23', '10:00'), base)).toBeNull();
  });

  it('calls a closing day that is also a helligdag a closing day when helligdage are working days', () => {
    // Juledag 2026 is a Friday; this workplace works on helligdage but closes that day itself.
    const cal = { workingDays: [1, 2, 3, 4, 5], publicHolidaysClosed: false, closedDates: ['2026-12-25'] };
    expect(validateSlotChange(slots, 0, at('2026-12-25', '09:00'), { ...base, calendar: cal })).toBe(text.closed('2026-12-25'));
  });
});
