/**
 * The anonymous figures for TRIO and MED (pure). Only counts leave a case: no names, no
 * case ids, no dates below a month.
 *
 * - Fraværsprocent: sick days over planned working days of the workplace's staff, per
 *   month. Sick days are the working days (Danish calendar) of an absence within the
 *   month, a partial absence counting half; planned days are the month's working days
 *   times the staff (full-time equivalents from the settings, or the members).
 * - Short versus long: an absence of at least `longFromDays` calendar days is long. An
 *   absence is counted once, in the month it ended, with all its sick days; absences
 *   still going on at the end of a period are counted apart.
 * - Follow-up: contacts on time and samtaler within the deadline, as before.
 *
 * Each figure carries how many different people it rests on (`people`). A figure resting
 * on fewer than 3 is never shown (MIN_SHOWN): not as a number, a share or a percentage.
 * People are counted within the cases still stored; a lower bound is always safe, since
 * it can only hide more.
 */
import { addDays, addWorkingDays, daysBetween, DEFAULT_WORK_CALENDAR, daysInMonth, isWorkingDay, type LocalDate, type WorkCalendar } from '../shared/calendar.js';
import { sicknessText as t } from '../i18n/sickness.js';
import type { FollowUpPolicy } from './policy.js';
import { computeTimeline, type SicknessCaseState } from './timeline.js';

/** The smallest number of people a shown figure may rest on. */
export const MIN_SHOWN = 3;

export interface MonthlyFigures {
  /** Cases open at some point in the month. */
  activeCases: number;
  /** Contacts whose on-time window ended in the month (paused or not applicable ones excluded). */
  contactsDue: number;
  contactsOnTime: number;
  /** Samtaler whose deadline fell in the month (cancelled by a return excluded; missed ones stay). */
  samtalerDue: number;
  samtalerOnTime: number;
  /** Different people behind the contacts and the samtaler counted. */
  contactPeople: number;
  samtalePeople: number;
  /** Working days of absence in the month (partial = 0.5) and planned working days of the staff. */
  sickDays: number;
  plannedDays: number;
  /** Different people with absence in the month. */
  absentPeople: number;
  /** Absences that ended in the month, by length: how many, their sick days, how many people. */
  shortSpells: number;
  shortDays: number;
  shortPeople: number;
  longSpells: number;
  longDays: number;
  longPeople: number;
  /** Rolling 12 months ending with this month (lower bounds of people, from the cases stored). */
  people12: number;
  shortPeople12: number;
  longPeople12: number;
  /** Long absences still going on at the end of the month. */
  ongoingLong: number;
}

export const EMPTY_FIGURES: MonthlyFigures = Object.freeze({
  activeCases: 0, contactsDue: 0, contactsOnTime: 0, samtalerDue: 0, samtalerOnTime: 0, contactPeople: 0, samtalePeople: 0, sickDays: 0, plannedDays: 0, absentPeople: 0,
  shortSpells: 0, shortDays: 0, shortPeople: 0, longSpells: 0, longDays: 0, longPeople: 0, people12: 0, shortPeople12: 0, longPeople12: 0, ongoingLong: 0,
});

/** A case as the figures read it: the person (only to count people, never shown) and the timeline state. */
export interface FigureCase {
  personId: string;
  policy: FollowUpPolicy;
  state: SicknessCaseState;
}

export interface Measure {
  /** Staff in full-time equivalents. */
  staff: number;
  longFromDays: number;
  cal?: WorkCalendar;
}

export function monthBounds(month: string): { start: LocalDate; end: LocalDate } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { start: `${month}-01`, end: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** "YYYY-MM" of the month before the one `day` is in. */
export function previousMonth(day: LocalDate): string {
  return addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7);
}

/** The 12 months ending with `last`, oldest first. */
export function twelveMonths(last: string): string[] {
  const out = [last];
  while (out.length < 12) out.unshift(previousMonth(`${out[0]!}-01`));
  return out;
}

/** The last day of absence (the day before the return), or undefined while it goes on. */
const lastDayOf = (s: SicknessCaseState): LocalDate | undefined => (s.status === 'raskmeldt' && s.returnDay ? addDays(s.returnDay, -1) : undefined);

/** Sick working days of one absence between two days (inclusive), up to `today`; a partial absence counts half. */
export function sickDaysIn(s: SicknessCaseState, from: LocalDate, to: LocalDate, today: LocalDate, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): number {
  const end = lastDayOf(s);
  const last = end !== undefined && end < today ? end : today;
  const a = s.firstDay > from ? s.firstDay : from;
  const b = last < to ? last : to;
  let days = 0;
  for (let d = a; d <= b; d = addDays(d, 1)) if (isWorkingDay(d, cal)) days++;
  return s.partial ? days / 2 : days;
}

/** Calendar days of an absence (to its end, or to `today` while it goes on). */
const lengthOf = (s: SicknessCaseState, today: LocalDate): number => daysBetween(s.firstDay, lastDayOf(s) ?? today) + 1;

/** One month's figures, from the cases (not reported-only ones) as they are on `today`. */
export function monthlyFigures(cases: readonly FigureCase[], month: string, today: LocalDate, measure: Measure): MonthlyFigures {
  const cal = measure.cal ?? DEFAULT_WORK_CALENDAR;
  const { start, end } = monthBounds(month);
  const inMonth = (d: LocalDate | undefined) => d !== undefined && d >= start && d <= end;
  const f: MonthlyFigures = { ...EMPTY_FIGURES };
  const absent = new Set<string>();
  const short = new Set<string>();
  const long = new Set<string>();
  const contacted = new Set<string>();
  const talked = new Set<string>();
  const asOf = today < end ? today : end;
  for (const { personId, policy, state } of cases) {
    const last = lastDayOf(state);
    const closedBefore = last !== undefined && last < start;
    if (state.firstDay <= end && !closedBefore) f.activeCases++;
    const days = sickDaysIn(state, start, end, asOf, cal);
    if (days > 0) {
      f.sickDays += days;
      absent.add(personId);
    }
    if (inMonth(last)) {
      const total = sickDaysIn(state, state.firstDay, last!, last!, cal);
      if (lengthOf(state, last!) >= measure.longFromDays) {
        f.longSpells++;
        f.longDays += total;
        long.add(personId);
      } else {
        f.shortSpells++;
        f.shortDays += total;
        short.add(personId);
      }
    }
    if (state.firstDay <= end && (last === undefined || last > end) && lengthOf({ ...state, status: 'aktiv' }, end) >= measure.longFromDays) f.ongoingLong++;
    const counted = followUp(f, policy, state, start, end, today, cal);
    if (counted.contacts) contacted.add(personId);
    if (counted.samtale) talked.add(personId);
  }
  f.contactPeople = contacted.size;
  f.samtalePeople = talked.size;
  f.absentPeople = absent.size;
  f.shortPeople = short.size;
  f.longPeople = long.size;
  f.plannedDays = workingDaysIn(start, end, cal) * measure.staff;
  const rolling = rollingPeople(cases, month, today, measure);
  return { ...f, ...rolling };
}

/** Adds one case's contacts and samtale due in the month; whether it added any. */
function followUp(f: MonthlyFigures, policy: FollowUpPolicy, state: SicknessCaseState, start: LocalDate, end: LocalDate, today: LocalDate, cal: WorkCalendar): { contacts: boolean; samtale: boolean } {
  const inMonth = (d: LocalDate | undefined) => d !== undefined && d >= start && d <= end;
  const counted = { contacts: false, samtale: false };
  for (const item of computeTimeline(policy, state, today, cal)) {
    if (item.status === 'not-applicable' || item.status === 'cancelled' || item.status === 'paused') continue;
    if (item.kind === 'contact') {
      const lateFrom = addWorkingDays(item.due, policy.contacts.remindAgainAfterWorkingDays, cal);
      if (!inMonth(lateFrom)) continue;
      f.contactsDue++;
      counted.contacts = true;
      if (item.status === 'done' && item.doneOn !== undefined && item.doneOn < lateFrom) f.contactsOnTime++;
    } else if (item.key === 'samtale' && inMonth(item.deadline)) {
      f.samtalerDue++;
      counted.samtale = true;
      if (item.status === 'done' && item.doneOn !== undefined && item.deadline !== undefined && item.doneOn <= item.deadline) f.samtalerOnTime++;
    }
  }
  return counted;
}

/** Different people with absence in the 12 months ending with `month`, overall and by length. */
function rollingPeople(cases: readonly FigureCase[], month: string, today: LocalDate, measure: Measure): Pick<MonthlyFigures, 'people12' | 'shortPeople12' | 'longPeople12'> {
  const months = twelveMonths(month);
  const from = monthBounds(months[0]!).start;
  const to = monthBounds(month).end;
  const all = new Set<string>();
  const short = new Set<string>();
  const long = new Set<string>();
  for (const { personId, state } of cases) {
    if (sickDaysIn(state, from, to, today < to ? today : to, measure.cal) <= 0) continue;
    all.add(personId);
    const last = lastDayOf(state);
    if (last !== undefined && last >= from && last <= to) (lengthOf(state, last) >= measure.longFromDays ? long : short).add(personId);
  }
  return { people12: all.size, shortPeople12: short.size, longPeople12: long.size };
}

function workingDaysIn(start: LocalDate, end: LocalDate, cal: WorkCalendar): number {
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/** A percentage with one decimal, Danish style ("5,3 %"). */
export const percentText = (value: number): string => `${value.toFixed(1).replace('.', ',')} %`;

export interface ShownFigures {
  activeCases: string;
  contactsOnTime: string;
  samtalerOnTime: string;
  absence: string;
}

/** The month as a channel shows it: counts under 3 are "under 3", a share or a percentage of fewer than 3 is not shown. */
export function showFigures(f: MonthlyFigures): ShownFigures {
  const share = (part: number, whole: number, people: number) => (whole < MIN_SHOWN || people < MIN_SHOWN ? t.tooFew : t.percent(Math.round((100 * part) / whole)));
  return {
    activeCases: f.activeCases < MIN_SHOWN ? t.underThree : String(f.activeCases),
    contactsOnTime: share(f.contactsOnTime, f.contactsDue, f.contactPeople),
    samtalerOnTime: share(f.samtalerOnTime, f.samtalerDue, f.samtalePeople),
    absence: f.absentPeople < MIN_SHOWN || f.plannedDays <= 0 ? t.tooFew : percentText((100 * f.sickDays) / f.plannedDays),
  };
}
