/**
 * Danish public holidays (helligdage) from date-holidays, type 'public' only, with one
 * Danish spelling per name and the abolition of Store bededag from 2024 enforced.
 * Split from calendar.ts, which re-exports these functions.
 */
import Holidays from 'date-holidays';
import { addDays, localDate, TIME_ZONE, type LocalDate } from './calendar.js';

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return localDate(year, month, ((h + l - 7 * m + 114) % 31) + 1);
}

const holidayCache = new Map<number, ReadonlyMap<LocalDate, string>>();

function holidaysOf(year: number): ReadonlyMap<LocalDate, string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const result = new Map<LocalDate, string>();
  for (const h of new Holidays('DK', { languages: ['da'], timezone: TIME_ZONE }).getHolidays(year, 'da')) {
    if (h.type === 'public') result.set(h.date.slice(0, 10), danishHolidayName(h.name));
  }
  applyStoreBededagAbolition(year, result);
  const sorted = new Map([...result].sort(([a], [b]) => (a < b ? -1 : 1)));
  holidayCache.set(year, sorted);
  return sorted;
}

/**
 * Store bededag (4th Friday after Easter) was a helligdag until 2023 and is abolished
 * from 2024. date-holidays 3.37 gets this right; this keeps us right with a version
 * that does not. Exported for tests only.
 */
export function applyStoreBededagAbolition(year: number, holidays: Map<LocalDate, string>): void {
  const storeBededag = addDays(easterSunday(year), 26);
  if (year >= 2024) holidays.delete(storeBededag);
  else if (!holidays.has(storeBededag)) holidays.set(storeBededag, 'Store bededag');
}

/** date-holidays mixes 'Anden påskedag' and 'Anden Pinsedag'; use one Danish spelling. */
function danishHolidayName(name: string): string {
  const lower = name.toLocaleLowerCase('da-DK').replace('kristi', 'Kristi');
  return lower.charAt(0).toLocaleUpperCase('da-DK') + lower.slice(1);
}

/**
 * Danish public holidays (helligdage) of a year, date → Danish name, in date order.
 * Only type 'public': juleaftensdag, grundlovsdag, 1. maj are not helligdage (see
 * WorkCalendar.extraClosures). A fresh Map each call: callers may modify it.
 */
export function danishHolidays(year: number): Map<LocalDate, string> {
  return new Map(holidaysOf(year));
}

/** Whether a day is a Danish public holiday (reads the per-year cache, no copy: on the hot path of working-day arithmetic). */
export function isDanishHoliday(date: LocalDate): boolean {
  return holidaysOf(Number(date.slice(0, 4))).has(date);
}
