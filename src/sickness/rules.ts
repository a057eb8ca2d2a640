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
 * When to remind again about a contact that has not been logged: `policy.contacts.remindAgainAfterWorkingDays`
 * working days after `due` (the day of the previous reminder). Undefined once logged.
 */
export function reRemindAt(
  contactLoggedAt: LocalDate | undefined,
  due: LocalDate,
  policy: FollowUpPolicy,
  cal: WorkCalendar = DEFAULT_WORK_CALENDAR,
): LocalDate | undefined {
  if (contactLoggedAt !== undefined) return undefined;
  return addWorkingDays(due, policy.contacts.remindAgainAfterWorkingDays, cal);
}

/**
 * `policy.escalation.daysBeforeDeadline` calendar days before the deadline. With a
 * calendar, a non-working day moves earlier (never later, so the escalation still
 * comes before the deadline).
 */
export function escalationDate(deadline: LocalDate, policy: Pick<FollowUpPolicy, 'escalation'>, cal?: WorkCalendar): LocalDate {
  const date = addDays(deadline, -policy.escalation.daysBeforeDeadline);
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

/** What the access and reminder rules read of a case. */
export interface CaseOwnership {
  status: 'meldt' | 'aktiv' | 'raskmeldt';
  employeeId: string;
  leaderId: string;
  cover?: { leaderId: string; from: LocalDate; until: LocalDate } | undefined;
  contactHandovers: readonly { point: number; toId: string }[];
}

/** The holiday cover in force on `today`, if any. */
export function activeCover(c: Pick<CaseOwnership, 'cover'>, today: LocalDate): string | undefined {
  return c.cover && c.cover.from <= today && today <= c.cover.until ? c.cover.leaderId : undefined;
}

/** Who gets the case's reminders today: the covering leader during a cover, else the case's leader. */
export function followingLeader(c: Pick<CaseOwnership, 'leaderId' | 'cover'>, today: LocalDate): string {
  return activeCover(c, today) ?? c.leaderId;
}

/**
 * Whether a leader of the case's workplace may see and follow the case: the case's own
 * leader, the covering leader during a cover, any leader while the case is only reported
 * (someone must confirm it) or when the case's leader is gone. Never the employee.
 */
export function leaderMayFollow(c: CaseOwnership, userId: string, today: LocalDate, caseLeaderPresent: boolean): boolean {
  if (userId === c.employeeId) return false;
  if (c.status === 'meldt' || userId === c.leaderId || userId === activeCover(c, today)) return true;
  return !caseLeaderPresent;
}

/** Who makes contact `point`: the person it was handed to (that point, else all), or the following leader. */
export function contactPersonFor(c: CaseOwnership, point: number, today: LocalDate): string {
  const handed = c.contactHandovers.find((h) => h.point === point) ?? c.contactHandovers.find((h) => h.point === 0);
  return handed?.toId ?? followingLeader(c, today);
}

/** Whether a person the leader handed contacts to may log contact `point` (0: a contact outside the model). */
export function isContactPerson(c: CaseOwnership, userId: string, point: number, today: LocalDate): boolean {
  if (userId === c.employeeId || c.status !== 'aktiv') return false;
  return c.contactHandovers.some((h) => h.toId === userId) && contactPersonFor(c, point, today) === userId;
}
