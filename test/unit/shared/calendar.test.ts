import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  applyStoreBededagAbolition,
  danishHolidays,
  daysBetween,
  DEFAULT_WORK_CALENDAR,
  DEFAULT_WORKING_WINDOW,
  easterSunday,
  formatDanishDate,
  isLocalDate,
  isoWeek,
  isoWeeksInYear,
  isWorkingDay,
  localDate,
  localDateOf,
  localTimeOf,
  nextDeliveryMoment,
  startOfIsoWeek,
  weekdayOf,
  weekLabel,
  workingDaysBetween,
  zonedInstant,
  type WorkCalendar,
} from '../../../src/shared/calendar.js';

const iso = (d: Date) => d.toISOString();

describe('local date and time of an instant', () => {
  it('reads Copenhagen wall clock in winter (+01:00) and summer (+02:00)', () => {
    expect(localDateOf(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-16');
    expect(localTimeOf(new Date('2026-01-15T23:30:00Z'))).toBe('00:30');
    expect(localDateOf(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(localDateOf(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(localTimeOf(new Date('2026-06-30T22:00:00Z'))).toBe('00:00');
  });

  it('shows 02:30 twice on the last Sunday of October', () => {
    expect(localTimeOf(new Date('2026-10-25T00:30:00Z'))).toBe('02:30');
    expect(localTimeOf(new Date('2026-10-25T01:30:00Z'))).toBe('02:30');
    expect(localTimeOf(new Date('2026-10-25T02:30:00Z'))).toBe('03:30');
  });

  it('jumps from 01:59 to 03:00 on the last Sunday of March', () => {
    expect(localTimeOf(new Date('2026-03-29T00:59:00Z'))).toBe('01:59');
    expect(localTimeOf(new Date('2026-03-29T01:00:00Z'))).toBe('03:00');
  });

  it('rejects an invalid Date', () => {
    expect(() => localDateOf(new Date('nope'))).toThrow(RangeError);
  });
});

describe('zonedInstant', () => {
  it('converts ordinary winter and summer wall times', () => {
    expect(iso(zonedInstant('2026-11-24', '09:00'))).toBe('2026-11-24T08:00:00.000Z');
    expect(iso(zonedInstant('2026-07-01', '09:00'))).toBe('2026-07-01T07:00:00.000Z');
    expect(iso(zonedInstant('2027-01-01', '00:00'))).toBe('2026-12-31T23:00:00.000Z');
  });

  it('spring gap (29 March 2026): 02:30 moves forward to 03:30 CEST', () => {
    expect(iso(zonedInstant('2026-03-29', '01:59'))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '02:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '02:30'))).toBe('2026-03-29T01:30:00.000Z');
    expect(localTimeOf(zonedInstant('2026-03-29', '02:30'))).toBe('03:30');
    expect(iso(zonedInstant('2026-03-29', '03:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedInstant('2027-03-28', '02:15'))).toBe('2027-03-28T01:15:00.000Z');
  });

  it('autumn overlap (25 October 2026): the earlier, summer-time 02:30 is chosen', () => {
    expect(iso(zonedInstant('2026-10-25', '01:59'))).toBe('2026-10-24T23:59:00.000Z');
    expect(iso(zonedInstant('2026-10-25', '02:30'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedInstant('2026-10-25', '03:00'))).toBe('2026-10-25T02:00:00.000Z');
    expect(iso(zonedInstant('2027-10-31', '02:00'))).toBe('2027-10-31T00:00:00.000Z');
  });

  it('DST days last 23 and 25 hours', () => {
    const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;
    expect(hours(zonedInstant('2026-03-29', '00:00'), zonedInstant('2026-03-30', '00:00'))).toBe(23);
    expect(hours(zonedInstant('2026-10-25', '00:00'), zonedInstant('2026-10-26', '00:00'))).toBe(25);
    expect(hours(zonedInstant('2026-06-01', '00:00'), zonedInstant('2026-06-02', '00:00'))).toBe(24);
  });

  it('round-trips every quarter hour of both DST days outside the gap', () => {
    for (const date of ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31']) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const inGap = date.endsWith('03-29') || date.endsWith('03-28') ? time.startsWith('02:') : false;
        const instant = zonedInstant(date, time);
        if (!inGap) {
          expect(localDateOf(instant)).toBe(date);
          expect(localTimeOf(instant)).toBe(time);
        }
      }
    }
  });

  it('rejects malformed input', () => {
    expect(() => zonedInstant('2026-02-30', '09:00')).toThrow(RangeError);
    expect(() => zonedInstant('2026-02-03', '24:00')).toThrow(RangeError);
    expect(() => zonedInstant('2026-02-03', '9:00')).toThrow(RangeError);
  });
});

describe('local date arithmetic', () => {
  it('validates and builds dates', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2027-2-3')).toBe(false);
    expect(localDate(2027, 3, 5)).toBe('2027-03-05');
    expect(() => localDate(2027, 4, 31)).toThrow(RangeError);
  });

  it('weekdayOf is ISO: Monday 1 … Sunday 7', () => {
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('2026-11-24')).toBe(2);
    expect(weekdayOf('2026-11-28')).toBe(6);
    expect(weekdayOf('2026-11-29')).toBe(7);
  });

  it('addDays crosses months, years, leap days and DST', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('daysBetween is to - from', () => {
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-03-29', '2026-03-28')).toBe(-1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});

describe('ISO weeks', () => {
  it('numbers weeks by their Thursday', () => {
    expect(isoWeek('2026-11-24')).toEqual({ year: 2026, week: 48 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
  });

  it('knows 52- and 53-week years', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53);
  });

  it('startOfIsoWeek gives the Monday and round-trips', () => {
    expect(startOfIsoWeek(2026, 1)).toBe('2025-12-29');
    expect(startOfIsoWeek(2025, 1)).toBe('2024-12-30');
    expect(startOfIsoWeek(2026, 48)).toBe('2026-11-23');
    expect(startOfIsoWeek(2026, 53)).toBe('2026-12-28');
    for (let year = 2020; year <= 2032; year++) {
      for (let week = 1; week <= isoWeeksInYear(year); week++) {
        const monday = startOfIsoWeek(year, week);
        expect(weekdayOf(monday)).toBe(1);
        expect(isoWeek(monday)).toEqual({ year, week });
      }
    }
  });

  it('rejects weeks that do not exist', () => {
    expect(() => startOfIsoWeek(2027, 53)).toThrow(RangeError);
    expect(() => startOfIsoWeek(2027, 0)).toThrow(RangeError);
  });
});

describe('danishHolidays', () => {
  it('2026 with Danish names, public holidays only', () => {
    expect([...danishHolidays(2026)]).toEqual([
      ['2026-01-01', 'Nytårsdag'],
      ['2026-04-02', 'Skærtorsdag'],
      ['2026-04-03', 'Langfredag'],
      ['2026-04-05', 'Påskedag'],
      ['2026-04-06', 'Anden påskedag'],
      ['2026-05-14', 'Kristi himmelfartsdag'],
      ['2026-05-24', 'Pinsedag'],
      ['2026-05-25', 'Anden pinsedag'],
      ['2026-12-25', 'Juledag'],
      ['2026-12-26', 'Anden juledag'],
    ]);
  });

  it('2027 follows the early Easter (28 March)', () => {
    expect([...danishHolidays(2027).keys()]).toEqual([
      '2027-01-01', '2027-03-25', '2027-03-26', '2027-03-28', '2027-03-29',
      '2027-05-06', '2027-05-16', '2027-05-17', '2027-12-25', '2027-12-26',
    ]);
  });

  const easter: Record<number, string> = {
    2023: '2023-04-09', 2024: '2024-03-31', 2025: '2025-04-20', 2026: '2026-04-05',
    2027: '2027-03-28', 2028: '2028-04-16', 2029: '2029-04-01', 2030: '2030-04-21',
  };

  it.each(Object.entries(easter))('Easter-based holidays in %s', (year, sunday) => {
    expect(easterSunday(Number(year))).toBe(sunday);
    const h = danishHolidays(Number(year));
    const offsets: [number, string][] = [
      [-3, 'Skærtorsdag'], [-2, 'Langfredag'], [0, 'Påskedag'], [1, 'Anden påskedag'],
      [39, 'Kristi himmelfartsdag'], [49, 'Pinsedag'], [50, 'Anden pinsedag'],
    ];
    for (const [offset, name] of offsets) expect(h.get(addDays(sunday, offset))).toBe(name);
  });

  it('Store bededag exists until 2023 and is abolished from 2024', () => {
    expect(danishHolidays(2023).get('2023-05-05')).toBe('Store bededag');
    expect(danishHolidays(2023).size).toBe(11);
    for (const year of [2024, 2025, 2026, 2027, 2030]) {
      const h = danishHolidays(year);
      expect(h.has(addDays(easterSunday(year), 26))).toBe(false);
      expect([...h.values()]).not.toContain('Store bededag');
      expect(h.size).toBe(10);
    }
  });

  it('corrects a holiday source that is wrong about Store bededag', () => {
    const late = new Map([['2024-04-26', 'Store bededag'], ['2024-12-25', 'Juledag']]);
    applyStoreBededagAbolition(2024, late);
    expect([...late.keys()]).toEqual(['2024-12-25']);
    const early = new Map<string, string>();
    applyStoreBededagAbolition(2023, early);
    expect([...early]).toEqual([['2023-05-05', 'Store bededag']]);
    const right = new Map([['2022-05-13', 'Store Bededag']]);
    applyStoreBededagAbolition(2022, right);
    expect([...right]).toEqual([['2022-05-13', 'Store Bededag']]);
  });

  it('leaves out days that are not helligdage', () => {
    const h = danishHolidays(2026);
    for (const d of ['2026-12-24', '2026-12-31', '2026-06-05', '2026-05-01', '2026-02-16']) {
      expect(h.has(d)).toBe(false);
    }
  });

  it('returns a fresh map each call', () => {
    danishHolidays(2026).delete('2026-12-25');
    expect(danishHolidays(2026).has('2026-12-25')).toBe(true);
    expect(isWorkingDay('2026-12-25')).toBe(false);
  });
});

describe('working days', () => {
  it('default calendar: weekdays open, weekends, helligdage and the extra closures closed', () => {
    expect(isWorkingDay('2026-11-24')).toBe(true);
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(isWorkingDay('2026-11-29')).toBe(false);
    expect(isWorkingDay('2026-04-02')).toBe(false); // skærtorsdag
    expect(isWorkingDay('2026-05-14')).toBe(false); // Kristi himmelfartsdag
    expect(isWorkingDay('2026-12-24')).toBe(false); // juleaften, Thursday
    expect(isWorkingDay('2026-12-31')).toBe(false); // nytårsaften, Thursday
    expect(isWorkingDay('2026-06-05')).toBe(false); // grundlovsdag, Friday
    expect(isWorkingDay('2026-05-01')).toBe(true); // 1. maj is not closed by default
    expect(isWorkingDay('2023-05-05')).toBe(false); // store bededag 2023
    expect(isWorkingDay('2024-04-26')).toBe(true); // former store bededag
  });

  it('honours custom calendars', () => {
    const allWeek: WorkCalendar = { workingDays: [1, 2, 3, 4, 5, 6, 7], publicHolidaysClosed: false };
    expect(isWorkingDay('2026-12-25', allWeek)).toBe(true);
    expect(isWorkingDay('2026-12-24', allWeek)).toBe(true);
    const custom: WorkCalendar = { workingDays: [1, 2, 3, 4], closedDates: ['2026-11-24'], extraClosures: ['juleaften'] };
    expect(isWorkingDay('2026-11-24', custom)).toBe(false);
    expect(isWorkingDay('2026-11-27', custom)).toBe(false); // Friday not a working day
    expect(isWorkingDay('2026-06-05', custom)).toBe(false); // Friday anyway
    expect(isWorkingDay('2027-06-05', { workingDays: [6] })).toBe(true); // Saturday, no grundlovsdag closure
    expect(isWorkingDay('2026-12-31', custom)).toBe(true);
    expect(isWorkingDay('2026-12-25', custom)).toBe(false);
  });

  it('the default calendar cannot be modified', () => {
    expect(Object.isFrozen(DEFAULT_WORK_CALENDAR)).toBe(true);
    expect(Object.isFrozen(DEFAULT_WORK_CALENDAR.workingDays)).toBe(true);
  });

  it('addWorkingDays skips weekends, Easter and Christmas', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // Saturday → Monday
    expect(addWorkingDays('2026-11-24', 5)).toBe('2026-12-01');
    expect(addWorkingDays('2026-04-01', 1)).toBe('2026-04-07'); // over Easter 2026
    expect(addWorkingDays('2027-03-24', 1)).toBe('2027-03-30'); // over Easter 2027
    expect(addWorkingDays('2026-12-23', 1)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-30', 1)).toBe('2027-01-04'); // 31/12 closed, 1/1 holiday
  });

  it('addWorkingDays with 0 rolls forward, with n < 0 goes back', () => {
    expect(addWorkingDays('2026-11-24', 0)).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-30');
    expect(addWorkingDays('2026-12-24', 0)).toBe('2026-12-28');
    expect(addWorkingDays('2026-11-30', -1)).toBe('2026-11-27');
    expect(addWorkingDays('2026-04-07', -2)).toBe('2026-03-31');
    expect(() => addWorkingDays('2026-11-30', 0.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-30', 1, { workingDays: [] })).toThrow(RangeError);
  });

  it('workingDaysBetween counts (from, to] and inverts addWorkingDays', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-27')).toBe(4);
    expect(workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(workingDaysBetween('2026-11-30', '2026-11-27')).toBe(-1);
    expect(workingDaysBetween('2026-11-24', '2026-11-24')).toBe(0);
    expect(workingDaysBetween('2026-12-23', '2027-01-04')).toBe(4); // 28, 29, 30 Dec and 4 Jan
    for (const n of [0, 1, 3, 10, 25]) {
      expect(workingDaysBetween('2026-03-30', addWorkingDays('2026-03-30', n))).toBe(n);
    }
  });
});

describe('nextDeliveryMoment', () => {
  const w = DEFAULT_WORKING_WINDOW;
  const at = (s: string) => iso(nextDeliveryMoment(new Date(s), w));

  it('keeps an instant inside the window', () => {
    expect(at('2026-11-24T10:17:00.000Z')).toBe('2026-11-24T10:17:00.000Z');
    expect(at('2026-11-24T06:00:00.000Z')).toBe('2026-11-24T06:00:00.000Z'); // exactly 07:00
  });

  it('moves early morning to 07:00 the same day', () => {
    expect(at('2026-11-24T04:00:00.000Z')).toBe('2026-11-24T06:00:00.000Z');
    expect(at('2026-07-01T03:00:00.000Z')).toBe('2026-07-01T05:00:00.000Z');
  });

  it('moves 20:00 and later to 07:00 the next working day', () => {
    expect(at('2026-11-24T19:00:00.000Z')).toBe('2026-11-25T06:00:00.000Z'); // exactly 20:00
    expect(at('2026-11-24T22:00:00.000Z')).toBe('2026-11-25T06:00:00.000Z'); // 23:00
  });

  it('Friday 23:00 → Monday 07:00', () => {
    expect(at('2026-11-27T22:00:00.000Z')).toBe('2026-11-30T06:00:00.000Z');
    expect(at('2026-11-28T12:00:00.000Z')).toBe('2026-11-30T06:00:00.000Z');
  });

  it('weekend of the spring DST change → Monday 07:00 CEST', () => {
    expect(at('2026-03-27T22:00:00.000Z')).toBe('2026-03-30T05:00:00.000Z');
  });

  it('autumn DST weekend → Monday 07:00 CET', () => {
    expect(at('2026-10-23T20:00:00.000Z')).toBe('2026-10-26T06:00:00.000Z');
  });

  it('over Christmas and Easter', () => {
    // 2027: 23 Dec is Thursday, 24-26 closed, 27 Dec is Monday.
    expect(at('2027-12-23T20:00:00.000Z')).toBe('2027-12-27T06:00:00.000Z');
    // 2026: 24 Dec Thursday … 27 Dec Sunday → Monday 28 Dec.
    expect(at('2026-12-23T20:00:00.000Z')).toBe('2026-12-28T06:00:00.000Z');
    expect(at('2026-04-01T18:30:00.000Z')).toBe('2026-04-07T05:00:00.000Z');
  });

  it('uses the window and calendar it is given', () => {
    const weekend = { start: '10:00', end: '12:00', calendar: { workingDays: [6, 7] } };
    expect(iso(nextDeliveryMoment(new Date('2026-11-24T10:00:00Z'), weekend))).toBe('2026-11-28T09:00:00.000Z');
    expect(() => nextDeliveryMoment(new Date(), { ...w, start: '20:00', end: '07:00' })).toThrow(RangeError);
  });
});

describe('Danish labels', () => {
  it('formats dates and weeks', () => {
    expect(formatDanishDate('2026-11-24')).toBe('24. november 2026');
    expect(formatDanishDate('2027-03-01')).toBe('1. marts 2027');
    expect(formatDanishDate('2027-05-09')).toBe('9. maj 2027');
    expect(weekLabel('2026-11-24')).toBe('uge 48');
    expect(weekLabel('2027-01-01')).toBe('uge 53');
    expect(weekLabel('2027-01-04')).toBe('uge 1');
  });
});
