/**
 * Who is due for MUS. Pure: a function of the employees, their talks and `today`.
 *
 * The rules (issue 6, DOMAIN.md "MUS"; seed 004:3257-3276):
 * - time rule: a MUS is due when the last one was held more than 11 months ago, and
 *   overdue when it is more than 12 months ago (the agreement says "årlig"; the month
 *   between is the leader's window to plan). With no MUS held yet, the start date is the
 *   reference, so a new employee's first MUS falls within the first year; with neither,
 *   the employee is due now but never counted overdue (we cannot know) and the leader is
 *   told the start date is missing.
 * - plan rule: with more than one year of seniority and no current written
 *   udviklingsplan (one made at a MUS held within the last 12 months), the employee is
 *   due; overdue one month after the need arose (the seniority anniversary, a MUS
 *   registered as held without a plan, or the day the last plan stopped being current).
 * - a workplace that already held MUS before the bot gives each employee's last MUS
 *   (`lastMusOn`, the stamdata card): it counts as a MUS held with a written plan, so
 *   the first list is not "everyone overdue".
 * - due and overdue: `overdueFrom` is the last day on time; the day after, it is late.
 * A planned (not yet registered) talk wins over due/overdue: the leader has acted.
 * States are exclusive, so counts add up to the number of employees.
 */
import { daysInMonth, type LocalDate } from '../shared/calendar.js';
import type { TalkStatus } from './model.js';

export const DUE_AFTER_MONTHS = 11;
export const OVERDUE_AFTER_MONTHS = 12;
/** Seniority after which a written plan is mandatory (socialpædagogiske medarbejdere). */
export const PLAN_REQUIRED_AFTER_MONTHS = 12;
const PLAN_GRACE_MONTHS = 1;

export interface DueEmployee {
  id: string;
  name: string;
  startDate?: LocalDate;
  /** The last MUS held before the bot was used (entered by the leader). */
  lastMusOn?: LocalDate;
}

/** What "who is due" needs to know of a talk. */
export interface DueTalk {
  participantIds: readonly string[];
  /** The (local) day of the talk. */
  date: LocalDate;
  status: TalkStatus;
  /** Participants for whom a written udviklingsplan was registered at this talk. */
  planFor: readonly string[];
}

export type MusState = 'overdue' | 'due' | 'planned' | 'held' | 'notYet';
export type DueReason = 'never' | 'old' | 'noPlan';

export interface EmployeeMusStatus {
  id: string;
  name: string;
  state: MusState;
  reasons: DueReason[];
  lastHeldOn?: LocalDate;
  /** The earliest talk planned and not yet registered. */
  plannedOn?: LocalDate;
  hasCurrentPlan: boolean;
  /** When the employee is (or was) due; undefined when due "now" for lack of dates. */
  dueFrom?: LocalDate;
  /** The last day the MUS (or the written plan) is on time; overdue from the day after. */
  overdueFrom?: LocalDate;
  missingStartDate: boolean;
}

export type MusCounts = Record<MusState, number> & { total: number };

/** Same day `months` later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12 + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const maxDate = (dates: (LocalDate | undefined)[]): LocalDate | undefined =>
  dates.filter((d): d is LocalDate => !!d).sort().at(-1);
const minDate = (dates: readonly LocalDate[]): LocalDate | undefined => [...dates].sort()[0];

export function employeeMusStatus(employee: DueEmployee, talks: readonly DueTalk[], today: LocalDate): EmployeeMusStatus {
  const mine = talks.filter((t) => t.participantIds.includes(employee.id));
  const held = mine.filter((t) => t.status === 'held' && t.date <= today);
  const before = employee.lastMusOn && employee.lastMusOn <= today ? employee.lastMusOn : undefined;
  const lastHeldOn = maxDate([...held.map((t) => t.date), before]);
  const plannedOn = minDate(mine.filter((t) => t.status === 'planned').map((t) => t.date));
  const planCutoff = addMonths(today, -OVERDUE_AFTER_MONTHS);
  // Stryker disable next-line ConditionalExpression: equivalent, without a last MUS entered undefined > planCutoff is false as well
  const hasCurrentPlan = held.some((t) => t.planFor.includes(employee.id) && t.date > planCutoff) || (before !== undefined && before > planCutoff);
  // Stryker disable next-line MethodExpression: equivalent, a later talk with a plan is either current (no plan rule) or expired, and then its expiry (lastPlanExpired + 12 months) is later still
  const lastPlanlessHeld = maxDate(held.filter((t) => !t.planFor.includes(employee.id)).map((t) => t.date));
  // A written plan stops being current 12 months after its MUS: the need for a new one arises then, not at the seniority anniversary.
  const lastPlanExpired = maxDate([...held.filter((t) => t.planFor.includes(employee.id)).map((t) => t.date), before]);

  const reasons: DueReason[] = [];
  const dueFroms: LocalDate[] = [];
  const overdueFroms: LocalDate[] = [];

  // Time rule.
  const reference = lastHeldOn ?? employee.startDate;
  if (reference) {
    const due = addMonths(reference, DUE_AFTER_MONTHS);
    if (today >= due) {
      reasons.push(lastHeldOn ? 'old' : 'never');
      dueFroms.push(due);
      overdueFroms.push(addMonths(reference, OVERDUE_AFTER_MONTHS));
    }
  } else {
    reasons.push('never');
  }

  // Plan rule (needs a start date to know the seniority).
  if (employee.startDate && !hasCurrentPlan) {
    const senior = addMonths(employee.startDate, PLAN_REQUIRED_AFTER_MONTHS);
    if (today > senior) {
      const needSince = maxDate([senior, lastPlanlessHeld, lastPlanExpired && addMonths(lastPlanExpired, OVERDUE_AFTER_MONTHS)]) ?? senior;
      reasons.push('noPlan');
      dueFroms.push(needSince);
      overdueFroms.push(addMonths(needSince, PLAN_GRACE_MONTHS));
    }
  }

  const dueFrom = minDate(dueFroms);
  const overdueFrom = minDate(overdueFroms);
  const isDue = reasons.length > 0;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, an overdue date is only ever pushed with a reason (so it implies isDue), and today > undefined is false
  const isOverdue = isDue && overdueFrom !== undefined && today > overdueFrom;
  const state: MusState = plannedOn ? 'planned' : isOverdue ? 'overdue' : isDue ? 'due' : lastHeldOn ? 'held' : 'notYet';
  return {
    id: employee.id,
    name: employee.name,
    state,
    reasons: isDue ? reasons : [],
    ...(lastHeldOn ? { lastHeldOn } : {}),
    ...(plannedOn ? { plannedOn } : {}),
    hasCurrentPlan,
    ...(dueFrom ? { dueFrom } : {}),
    ...(overdueFrom ? { overdueFrom } : {}),
    missingStartDate: !employee.startDate,
  };
}

/** Every employee's status, in Danish name order. */
export function musOverview(employees: readonly DueEmployee[], talks: readonly DueTalk[], today: LocalDate): EmployeeMusStatus[] {
  return employees
    .map((e) => employeeMusStatus(e, talks, today))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

/** Counts only: what a channel may see. */
export function musCounts(statuses: readonly EmployeeMusStatus[]): MusCounts {
  const counts: MusCounts = { total: statuses.length, overdue: 0, due: 0, planned: 0, held: 0, notYet: 0 };
  for (const s of statuses) counts[s.state]++;
  return counts;
}
