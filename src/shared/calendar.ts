/**
 * Dates and times in Europe/Copenhagen, Danish public holidays and working days.
 *
 * Pure: no clock is read here; callers pass the instant they mean. Only Intl is used
 * for the time zone (Node ships full ICU), no tz library. A LocalDate is a calendar
 * day 'YYYY-MM-DD' with no time zone; day arithmetic on it is done in UTC, where every
 * day has 24 hours. Functions throw RangeError on malformed input: that is a
 * programming error, user input is parsed elsewhere (e.g. src/actions/when.ts).
 */

export const TIME_ZONE = 'Europe/Copenhagen';
export type LocalDate = string; // 'YYYY-MM-DD'
export type LocalTime = string; // 'HH:MM'

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const pad2 = (n: number) => String(n).padStart(2, '0');

export const DANISH_MONTH_NAMES = [
  'januar', 'februar', 'marts', 'april', 'maj', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'december',
] as const;

export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isLocalTime(value: string): boolean {
  return TIME_RE.test(value);
}

/** Builds a LocalDate from numbers; month is 1-12. Throws if the day does not exist. */
export function localDate(year: number, month: number, day: number): LocalDate {
  const s = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  if (!isLocalDate(s)) throw new RangeError(`Invalid date: ${year}-${month}-${day}`);
  return s;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: LocalDate): { y: number; m: number; d: number } {
  if (!isLocalDate(date)) throw new RangeError(`Invalid LocalDate: ${date}`);
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

function minutesOf(time: LocalTime): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Invalid LocalTime: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Days since 1970-01-01 (UTC day number) of a LocalDate. */
function dayNumber(date: LocalDate): number {
  const { y, m, d } = parts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to` (to - from); negative when `to` is earlier. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export function weekdayOf(date: LocalDate): number {
  const js = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return js === 0 ? 7 : js;
}

const zoneFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** Copenhagen wall clock of an instant, read as if it were UTC (ms). */
function wallClockMs(instant: Date): number {
  const p: Record<string, number> = {};
  for (const part of zoneFormat.formatToParts(instant)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const ms = instant.getTime() % 1000;
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) + ms;
}

/** Offset of Copenhagen from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function offsetMs(epochMs: number): number {
  return wallClockMs(new Date(epochMs)) - epochMs;
}

const assertInstant = (instant: Date): void => {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
};

export function localDateOf(instant: Date): LocalDate {
  assertInstant(instant);
  return new Date(wallClockMs(instant)).toISOString().slice(0, 10);
}

export function localTimeOf(instant: Date): LocalTime {
  assertInstant(instant);
  return new Date(wallClockMs(instant)).toISOString().slice(11, 16);
}

/**
 * The instant at which Copenhagen clocks show `date` `time`.
 *
 * Same rule as Temporal's 'compatible' disambiguation:
 * - spring gap (last Sunday of March, 02:00-02:59 does not exist): the time is moved
 *   forward by the gap, so 02:30 becomes 03:30 CEST; nothing is planned "before" it;
 * - autumn overlap (last Sunday of October, 02:00-02:59 happens twice): the earlier
 *   occurrence (still CEST, +02:00) is chosen.
 */
export function zonedInstant(date: LocalDate, time: LocalTime): Date {
  const wall = dayNumber(date) * DAY_MS + minutesOf(time) * MINUTE_MS;
  // The offsets in force half a day before and after cover any single transition.
  const before = offsetMs(wall - DAY_MS / 2);
  const after = offsetMs(wall + DAY_MS / 2);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((epoch) => wall - offsetMs(epoch) === epoch);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(wall - before); // in the gap: keep the pre-transition offset
}

export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - weekdayOf(date));
  const year = parts(thursday).y;
  const week = Math.floor(daysBetween(`${thursday.slice(0, 4)}-01-01`, thursday) / 7) + 1;
  return { year, week };
}

/** 52 or 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeek(localDate(year, 12, 28)).week;
}

/** Monday of ISO week `week` of ISO week-year `year`. */
export function startOfIsoWeek(year: number, week: number): LocalDate {
  if (!Number.isInteger(week) || week < 1 || week > isoWeeksInYear(year)) {
    throw new RangeError(`Week ${week} does not exist in ${year}`);
  }
  const jan4 = localDate(year, 1, 4);
  return addDays(jan4, 1 - weekdayOf(jan4) + (week - 1) * 7);
}

// Danish public holidays live in holidays.ts; re-exported so callers need one import.
export { applyStoreBededagAbolition, danishHolidays, easterSunday } from './holidays.js';
import { isDanishHoliday } from './holidays.js';

export type ExtraClosure = 'juleaften' | 'nytaarsaften' | 'grundlovsdag';

export interface WorkCalendar {
  /** ISO weekdays that are working days, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Local closing days (e.g. a planning day). */
  closedDates?: LocalDate[];
  /** Days that are not helligdage but on which most workplaces are closed. */
  extraClosures?: ExtraClosure[];
  /** Public holidays are closed unless this is false (default true). */
  publicHolidaysClosed?: boolean;
}

const EXTRA_CLOSURE_DAYS: Record<ExtraClosure, string> = {
  juleaften: '12-24',
  nytaarsaften: '12-31',
  grundlovsdag: '06-05',
};

/**
 * Monday to Friday, closed on helligdage and on 24/12, 31/12 and 5/6. These three are
 * not public holidays, but the municipal and regional agreements give them off (fully
 * or from noon) and few leaders plan a MUS, a deadline or a reminder on them. For the
 * bot a closed day only means "do not plan or nudge here", so erring towards closed
 * costs at most a day's delay.
 */
export const DEFAULT_WORK_CALENDAR: WorkCalendar = Object.freeze({
  workingDays: Object.freeze([1, 2, 3, 4, 5]) as number[],
  extraClosures: Object.freeze(['juleaften', 'nytaarsaften', 'grundlovsdag']) as ExtraClosure[],
});

export function isWorkingDay(date: LocalDate, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): boolean {
  if (!cal.workingDays.includes(weekdayOf(date))) return false;
  if (cal.closedDates?.includes(date)) return false;
  if (cal.extraClosures?.some((c) => date.slice(5) === EXTRA_CLOSURE_DAYS[c])) return false;
  if (cal.publicHolidaysClosed !== false && isDanishHoliday(date)) return false;
  return true;
}

/** A calendar could in theory close for good; never search further than this. */
const MAX_SEARCH_DAYS = 3 * 366;

function stepToWorkingDay(date: LocalDate, step: 1 | -1, cal: WorkCalendar): LocalDate {
  let d = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    d = addDays(d, step);
    if (isWorkingDay(d, cal)) return d;
  }
  throw new RangeError(`No working day within ${MAX_SEARCH_DAYS} days of ${date}`);
}

/**
 * n > 0: the n-th working day strictly after `date` (Friday + 1 = Monday; also
 * Saturday + 1 = Monday). n = 0: `date` if it is a working day, else the next one.
 * n < 0: the |n|-th working day strictly before `date`.
 */
export function addWorkingDays(date: LocalDate, n: number, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer: ${n}`);
  if (n === 0) return isWorkingDay(date, cal) ? date : stepToWorkingDay(date, 1, cal);
  let d = date;
  for (let i = 0; i < Math.abs(n); i++) d = stepToWorkingDay(d, n > 0 ? 1 : -1, cal);
  return d;
}

/**
 * Working days d with from < d <= to (half-open like daysBetween), so that
 * workingDaysBetween(d, addWorkingDays(d, n)) === n for a working day d and n >= 0.
 * Negative when `to` is before `from`.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): number {
  if (to < from) return -workingDaysBetween(to, from, cal);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) count++;
  return count;
}

export interface WorkingWindow {
  start: LocalTime;
  end: LocalTime;
  calendar: WorkCalendar;
}

/** When the bot may nudge people: 07:00-20:00 on working days. */
export const DEFAULT_WORKING_WINDOW: WorkingWindow = Object.freeze({
  start: '07:00',
  end: '20:00',
  calendar: DEFAULT_WORK_CALENDAR,
});

/**
 * `instant` itself if it lies in the window (start inclusive, end exclusive) on a
 * working day, else the start of the next window: Friday 23:00 → Monday 07:00.
 */
export function nextDeliveryMoment(instant: Date, window: WorkingWindow): Date {
  assertInstant(instant);
  if (minutesOf(window.end) <= minutesOf(window.start)) {
    throw new RangeError(`Window end ${window.end} must be after start ${window.start}`);
  }
  const today = localDateOf(instant);
  if (isWorkingDay(today, window.calendar)) {
    const start = zonedInstant(today, window.start);
    if (instant < start) return start;
    if (instant < zonedInstant(today, window.end)) return instant;
  }
  return zonedInstant(stepToWorkingDay(today, 1, window.calendar), window.start);
}

/** '24. november 2026' */
export function formatDanishDate(date: LocalDate): string {
  const { y, m, d } = parts(date);
  return `${d}. ${DANISH_MONTH_NAMES[m - 1]} ${y}`;
}

/** 'uge 48' */
export function weekLabel(date: LocalDate): string {
  return `uge ${isoWeek(date).week}`;
}
