import { rolesIn, type Forum, type Principal } from '../core/access.js';
import type { Role } from '../core/types.js';
import { addDays, addWorkingDays, daysInMonth, isWorkingDay, localDate, type LocalDate } from '../shared/calendar.js';
import {
  APV_STEPS,
  EVERY_MEETING,
  OFF,
  STANDING_ITEMS,
  TRIO_ITEMS,
  type ApvCycle,
  type ApvStep,
  type Meeting,
  type Placement,
  type StandingItem,
  type Wheel,
} from './model.js';

/** Pure rules of the MED year. The clock is a parameter (`today`), never read. */

/** Who may change the årshjul, write a referat, move the APV cycle and the plan: the workplace's leaders, TR and AMR. */
export const CHANGER_ROLES: readonly Role[] = ['leder', 'TR', 'AMR'];

export function mayChange(p: Principal, workplaceId: string): boolean {
  return rolesIn(p, workplaceId).some((r) => CHANGER_ROLES.includes(r));
}

/**
 * Where the standing items sit by default: the arbejdsmiljødrøftelse and the
 * kompetenceudviklingsplan early in the year (004:277-290, 001:84-109), last year's
 * sickness statistics in February (004:509), the MUS frame evaluated after the spring
 * talks (001:103-104), APV status in spring, seniorpolitik in autumn, the Socialtilsyn
 * report when it usually comes; sickness absence and the handleplan on every meeting (003:737).
 */
export const DEFAULT_PLACEMENTS: Readonly<Record<StandingItem, Placement>> = Object.freeze({
  arbejdsmiljoedroeftelse: 1,
  kompetenceudviklingsplan: 1,
  sygefravaersstatistik: 2,
  apvStatus: 4,
  musEvaluering: 6,
  seniorpolitik: 10,
  tilsynsrapport: 11,
  sygefravaer: EVERY_MEETING,
  handleplanStatus: EVERY_MEETING,
});

/** A weekday of a month: the first Tuesday of March, as a working day. */
function firstWeekday(year: number, month: number, weekday: number): LocalDate {
  for (let d = 1; d <= daysInMonth(year, month); d++) {
    const date = localDate(year, month, d);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() === weekday && isWorkingDay(date)) return date;
  }
  return localDate(year, month, 1);
}

/** The default årshjul: four MED meetings (first Tuesday of March, June, September, December at 13.00). */
export function defaultWheel(year: number): Wheel {
  return {
    meetings: [3, 6, 9, 12].map((m) => ({ forum: 'med' as const, date: firstWeekday(year, m, 2), time: '13:00' })),
    placements: { ...DEFAULT_PLACEMENTS },
    saved: false,
  };
}

export function sortMeetings(meetings: readonly Meeting[]): Meeting[] {
  return [...meetings].sort((a, b) => (a.date === b.date ? a.forum.localeCompare(b.forum) : a.date < b.date ? -1 : 1));
}

/**
 * The meeting an item placed in `month` goes to in a year: the first of the forum's
 * meetings that year on or after the 1st of the month; when none is left that year, the
 * year's last meeting (so nothing placed late falls off the year).
 */
export function meetingForMonth(meetings: readonly Meeting[], forum: Forum, year: number, month: number): Meeting | undefined {
  const ofYear = sortMeetings(meetings).filter((m) => m.forum === forum && m.date.startsWith(`${year}-`));
  const from = localDate(year, month, 1);
  return ofYear.find((m) => m.date >= from) ?? ofYear[ofYear.length - 1];
}

/** The standing items due at a meeting, in the order of STANDING_ITEMS. */
export function itemsFor(wheel: Pick<Wheel, 'meetings' | 'placements'>, meeting: Meeting): StandingItem[] {
  const year = Number(meeting.date.slice(0, 4));
  return STANDING_ITEMS.filter((item) => {
    const place = wheel.placements[item] ?? OFF;
    if (place === OFF) return false;
    if (meeting.forum === 'trio') return place === EVERY_MEETING && TRIO_ITEMS.includes(item);
    if (place === EVERY_MEETING) return true;
    const at = meetingForMonth(wheel.meetings, 'med', year, place);
    return at !== undefined && at.date === meeting.date;
  });
}

/** The meetings of a year, each with its standing items. */
export function yearOf(wheel: Pick<Wheel, 'meetings' | 'placements'>, year: number, forum?: Forum): { meeting: Meeting; items: StandingItem[] }[] {
  return sortMeetings(wheel.meetings)
    .filter((m) => m.date.startsWith(`${year}-`) && (!forum || m.forum === forum))
    .map((meeting) => ({ meeting, items: itemsFor(wheel, meeting) }));
}

/** How many working days before a meeting its agenda is posted. */
export const AGENDA_WORKING_DAYS_BEFORE = 3;
export const AGENDA_TIME = '09:00';

/** The day the agenda of a meeting is posted: three working days before. */
export function agendaDay(meeting: Pick<Meeting, 'date'>): LocalDate {
  return addWorkingDays(meeting.date, -AGENDA_WORKING_DAYS_BEFORE);
}

export function findMeeting(wheel: Pick<Wheel, 'meetings'>, forum: Forum, date: LocalDate): Meeting | undefined {
  return wheel.meetings.find((m) => m.forum === forum && m.date === date);
}

/** The next meeting of a forum from `today` (inclusive). */
export function nextMeeting(wheel: Pick<Wheel, 'meetings'>, forum: Forum, today: LocalDate): Meeting | undefined {
  return sortMeetings(wheel.meetings).find((m) => m.forum === forum && m.date >= today);
}

/** The latest meeting of a forum before or on `today` (its referat is the one to write). */
export function lastMeeting(wheel: Pick<Wheel, 'meetings'>, forum: Forum, today: LocalDate): Meeting | undefined {
  return sortMeetings(wheel.meetings).filter((m) => m.forum === forum && m.date <= today).pop();
}

// ---------------------------------------------------------------- APV

/** The same day `months` later (the last day of the month when it has no such day). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  return localDate(year, month, Math.min(Number(date.slice(8, 10)), daysInMonth(year, month)));
}

/** APV at least every third year (004:2062-2064). */
export const APV_YEARS = 3;
/** The reminder comes a quarter before the deadline. */
export const APV_REMINDER_MONTHS_BEFORE = 3;
/** After a major change, the reminder comes again this often until the new kortlægning is done. */
export const APV_MAJOR_CHANGE_REMINDER_DAYS = 30;

export function apvDeadline(surveyedOn: LocalDate): LocalDate {
  return addMonths(surveyedOn, APV_YEARS * 12);
}

export function apvReminderDay(surveyedOn: LocalDate): LocalDate {
  return addMonths(apvDeadline(surveyedOn), -APV_REMINDER_MONTHS_BEFORE);
}

export type ApvState = 'none' | 'newRequired' | 'overdue' | 'dueSoon' | 'ok';

/** Where the cycle stands today. A major change always asks for a new APV. */
export function apvState(apv: ApvCycle, today: LocalDate): ApvState {
  if (apv.majorChange) return 'newRequired';
  if (!apv.surveyedOn) return 'none';
  if (today > apvDeadline(apv.surveyedOn)) return 'overdue';
  if (today >= apvReminderDay(apv.surveyedOn)) return 'dueSoon';
  return 'ok';
}

/** The first step of the cycle not done yet (undefined: the whole chain is done). */
export function nextApvStep(apv: ApvCycle): ApvStep | undefined {
  return APV_STEPS.find((s) => !apv.steps[s]);
}

/** A new kortlægning: a new cycle from that day (the old one goes to the history). */
export function withSurvey(apv: ApvCycle, on: LocalDate): ApvCycle {
  const history = apv.surveyedOn || apv.majorChange ? [{ ...(apv.surveyedOn ? { surveyedOn: apv.surveyedOn } : {}), endedOn: on, why: 'newSurvey' as const }, ...apv.history] : apv.history;
  return { surveyedOn: on, steps: { kortlaegning: on }, history, rev: apv.rev + 1 };
}

/** A major change: the cycle starts over and asks for a new kortlægning (004:2051-2052). */
export function withMajorChange(apv: ApvCycle, on: LocalDate, reason: string): ApvCycle {
  const ended = { ...(apv.surveyedOn ? { surveyedOn: apv.surveyedOn } : {}), endedOn: on, why: 'majorChange' as const };
  return { ...(apv.surveyedOn ? { surveyedOn: apv.surveyedOn } : {}), steps: {}, majorChange: { on, reason }, history: [ended, ...apv.history], rev: apv.rev + 1 };
}

/** A step marked done (kortlægning is done by `withSurvey`); done again changes nothing. */
export function withStep(apv: ApvCycle, step: Exclude<ApvStep, 'kortlaegning'>, on: LocalDate): ApvCycle {
  if (apv.steps[step]) return apv;
  return { ...apv, steps: { ...apv.steps, [step]: on }, rev: apv.rev + 1 };
}

/** When the APV reminder is due (09:00 that day): a quarter before the deadline, or a while after a major change. */
export function apvReminderDue(apv: ApvCycle): LocalDate | undefined {
  if (apv.majorChange) return addDays(apv.majorChange.on, APV_MAJOR_CHANGE_REMINDER_DAYS);
  return apv.surveyedOn ? apvReminderDay(apv.surveyedOn) : undefined;
}

// ---------------------------------------------------------------- kompetenceudviklingsplan

/** The fewest plans a need must be named in before a channel sees it (as the sickness figures: "under 3"). */
export const MIN_NEED_COUNT = 3;

/** A competence need the plans are read for: a name and the word stems that name it. */
export interface NeedTheme {
  key: string;
  label: string;
  stems: readonly string[];
}

export interface NeedCount {
  label: string;
  count: number;
}

/**
 * Aggregates the udviklingsplaner into needs: how many plans name each theme (a plan
 * counts once per theme). Themes named in fewer than MIN_NEED_COUNT plans are not shown,
 * only how many themes were left out; nothing says whose plan named what.
 */
export function aggregateNeeds(planTexts: readonly string[], themes: readonly NeedTheme[]): { shown: NeedCount[]; hidden: number; plans: number } {
  const shown: NeedCount[] = [];
  let hidden = 0;
  const lower = planTexts.map((p) => p.toLowerCase());
  for (const theme of themes) {
    const count = lower.filter((p) => theme.stems.some((s) => p.includes(s))).length;
    if (count === 0) continue;
    if (count >= MIN_NEED_COUNT) shown.push({ label: theme.label, count });
    else hidden++;
  }
  shown.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'da'));
  return { shown, hidden, plans: planTexts.length };
}

/** The plan is due for MED's review (at least once a year: 001:84-109). */
export function kupReviewDue(reviewOn: LocalDate | undefined, today: LocalDate): boolean {
  return !reviewOn || reviewOn <= today;
}

export { APV_STEPS };
