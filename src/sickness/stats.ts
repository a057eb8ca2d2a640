/**
 * The anonymous monthly figures for TRIO and MED (pure). Only counts leave a case:
 * no names, no case ids, no dates. Small numbers are masked when shown, so a channel
 * can never point at one person ("under 3").
 */
import { addDays, addWorkingDays, DEFAULT_WORK_CALENDAR, daysInMonth, type LocalDate, type WorkCalendar } from '../shared/calendar.js';
import { sicknessText as t } from '../i18n/sickness.js';
import type { FollowUpPolicy } from './policy.js';
import { computeTimeline, type SicknessCaseState } from './timeline.js';

export interface MonthlyFigures {
  /** Cases open at some point in the month. */
  activeCases: number;
  /** Contacts whose on-time window ended in the month (paused or not applicable ones excluded). */
  contactsDue: number;
  contactsOnTime: number;
  /** Samtaler whose statutory deadline fell in the month (cancelled by a return excluded). */
  samtalerDue: number;
  samtalerOnTime: number;
}

/** The smallest count shown as a number in a channel. */
export const MIN_SHOWN = 3;

export function monthBounds(month: string): { start: LocalDate; end: LocalDate } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { start: `${month}-01`, end: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** "YYYY-MM" of the month before the one `day` is in. */
export function previousMonth(day: LocalDate): string {
  return addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7);
}

export function monthlyFigures(
  cases: readonly { policy: FollowUpPolicy; state: SicknessCaseState }[],
  month: string,
  today: LocalDate,
  cal: WorkCalendar = DEFAULT_WORK_CALENDAR,
): MonthlyFigures {
  const { start, end } = monthBounds(month);
  const inMonth = (d: LocalDate | undefined) => d !== undefined && d >= start && d <= end;
  const f: MonthlyFigures = { activeCases: 0, contactsDue: 0, contactsOnTime: 0, samtalerDue: 0, samtalerOnTime: 0 };
  for (const { policy, state } of cases) {
    const closedBefore = state.status === 'raskmeldt' && state.returnDay !== undefined && state.returnDay <= start;
    if (state.firstDay <= end && !closedBefore) f.activeCases++;
    for (const item of computeTimeline(policy, state, today, cal)) {
      if (item.status === 'not-applicable' || item.status === 'cancelled' || item.status === 'paused') continue;
      if (item.kind === 'contact') {
        const lateFrom = addWorkingDays(item.due, policy.reRemindWorkingDays, cal);
        if (!inMonth(lateFrom)) continue;
        f.contactsDue++;
        if (item.status === 'done' && item.doneOn !== undefined && item.doneOn < lateFrom) f.contactsOnTime++;
      } else if (item.key === 'samtale' && inMonth(item.deadline)) {
        f.samtalerDue++;
        if (item.status === 'done' && item.doneOn !== undefined && item.deadline !== undefined && item.doneOn <= item.deadline) {
          f.samtalerOnTime++;
        }
      }
    }
  }
  return f;
}

export interface ShownFigures {
  activeCases: string;
  contactsOnTime: string;
  samtalerOnTime: string;
}

/** Counts under 3 are "under 3"; a share of fewer than 3 is not shown at all. */
export function showFigures(f: MonthlyFigures): ShownFigures {
  const share = (part: number, whole: number) => (whole < MIN_SHOWN ? t.tooFew : t.percent(Math.round((100 * part) / whole)));
  return {
    activeCases: f.activeCases < MIN_SHOWN ? t.underThree : String(f.activeCases),
    contactsOnTime: share(f.contactsOnTime, f.contactsDue),
    samtalerOnTime: share(f.samtalerOnTime, f.samtalerDue),
  };
}
