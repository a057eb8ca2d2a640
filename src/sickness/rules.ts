/**
 * Small date rules of the sickness follow-up that the reminder engine uses on its
 * own: re-reminders, escalation, the repeated absence rule and retention. Pure.
 */
import {
  addDays,
  addWorkingDays,
  daysInMonth,
  DEFAULT_WORK_CALENDAR,
  isWorkingDay,
  localDate,
  type LocalDate,
  type WorkCalendar,
} from '../shared/calendar.js';
import type { FollowUpPolicy } from './policy.js';

/**
 * When to remind again about a contact that has not been logged: `policy.reRemindWorkingDays`
 * working days after `due` (the day of the previous reminder). Undefined once logged.
 */
export function reRemindAt(
  contactLoggedAt: LocalDate | undefined,
  due: LocalDate,
  policy: FollowUpPolicy,
  cal: WorkCalendar = DEFAULT_WORK_CALENDAR,
): LocalDate | undefined {
  if (contactLoggedAt !== undefined) return undefined;
  return addWorkingDays(due, policy.reRemindWorkingDays, cal);
}

/**
 * `policy.escalationDaysBeforeDeadline` calendar days before the deadline. With a
 * calendar, a non-working day moves earlier (never later, so the escalation still
 * comes before the deadline).
 */
export function escalationDate(deadline: LocalDate, policy: FollowUpPolicy, cal?: WorkCalendar): LocalDate {
  const date = addDays(deadline, -policy.escalationDaysBeforeDeadline);
  return cal && !isWorkingDay(date, cal) ? addWorkingDays(date, -1, cal) : date;
}

export interface PastAbsence {
  firstDay: LocalDate;
  /** First day back; missing while the absence is ongoing. */
  returnDay?: LocalDate;
}

/**
 * Separate absences starting within the window (today minus `windowMonths`, inclusive,
 * up to today). Cases that touch or overlap (sick again on the day of return) are one.
 */
export function countRecentAbsences(cases: readonly PastAbsence[], today: LocalDate, policy: FollowUpPolicy): number {
  const from = addMonths(today, -policy.repeatedAbsence.windowMonths);
  const sorted = cases.filter((c) => c.firstDay <= today).sort((a, b) => (a.firstDay < b.firstDay ? -1 : 1));
  const starts: LocalDate[] = [];
  let end: LocalDate | null | undefined; // undefined = no spell yet, null = spell still open
  for (const c of sorted) {
    const joins = end === null || (end !== undefined && c.firstDay <= end);
    if (!joins) {
      starts.push(c.firstDay);
      end = c.returnDay ?? null;
    } else if (end !== null && end !== undefined) {
      end = c.returnDay === undefined ? null : c.returnDay > end ? c.returnDay : end;
    }
  }
  return starts.filter((start) => start >= from).length;
}

/** The repeated short absence rule (a local choice, seed 004:4193-4204). */
export function needsRepeatedAbsenceTalk(
  previousCases: readonly PastAbsence[],
  today: LocalDate,
  policy: FollowUpPolicy,
): boolean {
  return countRecentAbsences(previousCases, today, policy) >= policy.repeatedAbsence.cases;
}

/** The day on which details of a case closed on `closedOn` are to be deleted. */
export function retentionEndsOn(closedOn: LocalDate, policy: FollowUpPolicy): LocalDate {
  return addMonths(closedOn, policy.retention.closedCaseMonths);
}

/** Calendar months, clamping to the month's last day (31 Aug - 6 months = 28/29 Feb). */
function addMonths(date: LocalDate, months: number): LocalDate {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return localDate(year, month, Math.min(Number(date.slice(8, 10)), daysInMonth(year, month)));
}
