/**
 * MUS slot planner: proposes one meeting per employee (or per GRUS group) inside a
 * period, on working days, inside a daily time window, around the leader's other
 * meetings. Pure and deterministic: same input, same plan.
 *
 * How the plan is made:
 * 1. Units: employees (minus excluded, e.g. an open sickness case) sorted by name in
 *    Danish order; in group mode one unit per group (excluded members dropped, empty
 *    groups skipped), then everyone in no group as an individual unit, so nobody is
 *    left without a talk.
 * 2. Each working day's free times are packed from the window start: the earliest
 *    start that keeps `bufferMinutes` to any busy interval or earlier slot; after a
 *    clash, starts snap to a 5-minute grid. Nothing starts before `notBefore` (the
 *    caller's now plus a lead time): a proposal is never in the past.
 * 3. Units are spread as evenly as possible (the busiest day gets as few as possible):
 *    with fewer units than days, they are spaced out over the whole period, its first
 *    and its last working day included (the days before Christmas and Easter are used).
 * 4. Units go to days in name order, so the plan reads alphabetically in time.
 *    Units beyond the period's capacity are returned in `unplanned` (the last names).
 */
import { plannerText as text } from '../i18n/mus.js';
import {
  addDays,
  danishHolidays,
  DEFAULT_WORK_CALENDAR,
  isLocalDate,
  isLocalTime,
  isWorkingDay,
  localDateOf,
  weekdayOf,
  zonedInstant,
  type LocalDate,
  type LocalTime,
  type WorkCalendar,
} from '../shared/calendar.js';

export interface PlannerInput {
  period: { from: LocalDate; to: LocalDate };
  /** Default 60. */
  durationMinutes?: number;
  dailyWindow: { start: LocalTime; end: LocalTime };
  /** Default: DEFAULT_WORK_CALENDAR (Mon-Fri, no helligdage, 24/12, 31/12, 5/6). */
  calendar?: WorkCalendar;
  participants: { id: string; name: string }[];
  mode: 'individual' | 'group';
  /** GRUS: one slot per group. */
  groups?: { id: string; name: string; memberIds: string[] }[];
  /** Left out silently, e.g. employees with an active sickness case. */
  excludedIds?: string[];
  /** The leader's other meetings: never overlapped. */
  busy?: { start: Date; end: Date }[];
  /** Gap between consecutive meetings, default 15. */
  bufferMinutes?: number;
  /** No meeting starts before this instant (the planning card's "now"). */
  notBefore?: Date;
}

export interface PlannedSlot { participantIds: string[]; label: string; start: Date; end: Date }
/**
 * How much the period holds, so that a leader is told why someone did not fit: the
 * working days, the meetings they hold in all (around busy time and the past), and how
 * many one free day holds with the pause and without it.
 */
export interface PlannerCapacity { workingDays: number; total: number; perFreeDay: number; perFreeDayWithoutPause: number }
/** `unplanned` holds participant ids, or group ids in group mode, that did not fit. */
export interface PlannerResult { slots: PlannedSlot[]; unplanned: string[]; capacity: PlannerCapacity }

export const DEFAULT_MUS_DURATION_MINUTES = 60;
export const DEFAULT_MUS_BUFFER_MINUTES = 15;

const MINUTE_MS = 60_000;
const STEP_MS = 5 * MINUTE_MS;
const MAX_PERIOD_DAYS = 2 * 366;

interface Unit { id: string; label: string; participantIds: string[] }
interface Interval { start: number; end: number }

export function planSlots(input: PlannerInput): PlannerResult {
  const durationMs = minutes(input.durationMinutes ?? DEFAULT_MUS_DURATION_MINUTES, 1) * MINUTE_MS;
  const bufferMs = minutes(input.bufferMinutes ?? DEFAULT_MUS_BUFFER_MINUTES, 0) * MINUTE_MS;
  const units = unitsOf(input);
  const busy = (input.busy ?? []).map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }));
  const notBefore = input.notBefore?.getTime() ?? -Infinity;
  const days = workingDays(input).map((day) => freeStarts(day, input, durationMs, bufferMs, busy, notBefore));
  const quota = evenQuotas(days.map((starts) => starts.length), units.length);
  const windowMs = (minutesOfDay(input.dailyWindow.end) - minutesOfDay(input.dailyWindow.start)) * MINUTE_MS;
  const fits = (gapMs: number) => Math.max(0, Math.floor((windowMs + gapMs) / (durationMs + gapMs)));
  const capacity: PlannerCapacity = {
    workingDays: days.length,
    total: days.reduce((sum, starts) => sum + starts.length, 0),
    perFreeDay: fits(bufferMs),
    perFreeDayWithoutPause: fits(0),
  };

  const slots: PlannedSlot[] = [];
  let next = 0;
  days.forEach((starts, i) => {
    for (const start of starts.slice(0, quota[i])) {
      const unit = units[next++];
      // Stryker disable next-line ConditionalExpression: equivalent, the quotas sum to min(units, capacity), so a unit is always there
      if (unit) slots.push({ participantIds: unit.participantIds, label: unit.label, start: new Date(start), end: new Date(start + durationMs) });
    }
  });
  return { slots, unplanned: units.slice(next).map((u) => u.id), capacity };
}

/** Which of the leader's parameters cannot give a plan, with a Danish message; null when they can. */
export interface PlannerIssue {
  field: 'duration' | 'buffer' | 'from' | 'to' | 'windowStart' | 'windowEnd';
  message: string;
}

export function plannerInputIssue(input: PlannerInput): PlannerIssue | null {
  const { from, to } = input.period;
  const duration = input.durationMinutes ?? DEFAULT_MUS_DURATION_MINUTES;
  const buffer = input.bufferMinutes ?? DEFAULT_MUS_BUFFER_MINUTES;
  if (!Number.isInteger(duration) || duration < 1) return { field: 'duration', message: text.badDuration };
  if (!Number.isInteger(buffer) || buffer < 0) return { field: 'buffer', message: text.badBuffer };
  if (!isLocalDate(from)) return { field: 'from', message: text.badDate(from) };
  if (!isLocalDate(to)) return { field: 'to', message: text.badDate(to) };
  if (to < from) return { field: 'to', message: text.periodReversed(from, to) };
  if (addDays(from, MAX_PERIOD_DAYS) < to) return { field: 'to', message: text.periodTooLong };
  const { start, end } = input.dailyWindow;
  if (!isLocalTime(start)) return { field: 'windowStart', message: text.badTime(start) };
  if (!isLocalTime(end)) return { field: 'windowEnd', message: text.badTime(end) };
  if (minutesOfDay(end) - minutesOfDay(start) < duration) return { field: 'windowEnd', message: text.windowTooShort(start, end, duration) };
  if (workingDays(input).length === 0) return { field: 'to', message: text.noWorkingDays(from, to) };
  return null;
}

/** A Danish message for parameters a leader typed that cannot give a plan, or null. */
export function validatePlannerInput(input: PlannerInput): string | null {
  return plannerInputIssue(input)?.message ?? null;
}

/**
 * A Danish message if moving slot `changedIndex` to `newStart` (same length) clashes,
 * or null. The leader decides, so only hard clashes count: a non-working day or an
 * overlap with another slot or busy interval. The buffer, the daily window and the
 * period are the planner's preferences and are not enforced here.
 */
export function validateSlotChange(slots: PlannedSlot[], changedIndex: number, newStart: Date, input: PlannerInput): string | null {
  const slot = slots[changedIndex];
  if (!slot) return text.slotGone;
  if (Number.isNaN(newStart.getTime())) return text.invalidTime;
  const newEnd = new Date(newStart.getTime() + (slot.end.getTime() - slot.start.getTime()));
  const date = localDateOf(newStart);
  if (localDateOf(new Date(newEnd.getTime() - 1)) !== date) return text.acrossMidnight;

  const cal = input.calendar ?? DEFAULT_WORK_CALENDAR;
  if (!isWorkingDay(date, cal)) {
    const holiday = cal.publicHolidaysClosed === false ? undefined : danishHolidays(Number(date.slice(0, 4))).get(date);
    if (!cal.workingDays.includes(weekdayOf(date))) return text.notWorkingWeekday(date);
    return holiday ? text.holiday(date, holiday) : text.closed(date);
  }
  const overlaps = (s: Date, e: Date) => newStart < e && s < newEnd;
  const other = slots.find((s, i) => i !== changedIndex && overlaps(s.start, s.end));
  if (other) return text.overlapsSlot(other.label, other.start, other.end);
  // Stryker disable next-line ArrayDeclaration: equivalent, a string in place of the default [] has no start or end and overlaps nothing
  const busy = (input.busy ?? []).find((b) => overlaps(b.start, b.end));
  if (busy) return text.overlapsBusy(busy.start, busy.end);
  return null;
}

// ---------------------------------------------------------------- internals

function minutes(value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`Invalid minutes: ${value}`);
  return value;
}

function minutesOfDay(time: LocalTime): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  // A tie on the name is settled by the id (people are deduplicated by id).
  return a.name.localeCompare(b.name, 'da') || (a.id < b.id ? -1 : 1);
}

function unitsOf(input: PlannerInput): Unit[] {
  // Stryker disable next-line ArrayDeclaration: equivalent unless someone's id is Stryker's filler string
  const excluded = new Set(input.excludedIds ?? []);
  const seen = new Set<string>();
  const people = input.participants
    .filter((p) => !excluded.has(p.id) && !seen.has(p.id) && seen.add(p.id))
    .sort(byName);
  const single = (p: { id: string; name: string }): Unit => ({ id: p.id, label: p.name, participantIds: [p.id] });
  if (input.mode === 'individual') return people.map(single);

  const rank = new Map(people.map((p, i) => [p.id, i]));
  // Stryker disable next-line ArrayDeclaration: equivalent, a string in place of the default [] has no members
  const inGroup = new Set((input.groups ?? []).flatMap((g) => g.memberIds));
  // Stryker disable next-line ArrayDeclaration: equivalent, as above: a group without members is dropped
  const groups = (input.groups ?? [])
    .map((g) => ({
      id: g.id,
      name: g.name,
      members: [...new Set(g.memberIds)]
        .filter((id) => !excluded.has(id))
        .sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity)),
    }))
    .filter((g) => g.members.length > 0)
    .sort(byName)
    .map((g): Unit => ({ id: g.id, label: g.name, participantIds: g.members }));
  return [...groups, ...people.filter((p) => !inGroup.has(p.id)).map(single)];
}

function workingDays(input: PlannerInput): LocalDate[] {
  const { from, to } = input.period;
  if (addDays(from, MAX_PERIOD_DAYS) < to) throw new RangeError(`Period longer than ${MAX_PERIOD_DAYS} days`);
  const cal = input.calendar ?? DEFAULT_WORK_CALENDAR;
  const days: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) days.push(d);
  return days;
}

/** All start times (ms) one day can hold, packed from the window start (or from `notBefore`, on the 5-minute grid). */
function freeStarts(day: LocalDate, input: PlannerInput, durationMs: number, bufferMs: number, busy: Interval[], notBefore: number): number[] {
  const windowStart = zonedInstant(day, input.dailyWindow.start).getTime();
  const windowEnd = zonedInstant(day, input.dailyWindow.end).getTime();
  const taken = [...busy];
  const starts: number[] = [];
  let t = windowStart < notBefore ? Math.ceil(notBefore / STEP_MS) * STEP_MS : windowStart;
  while (t + durationMs <= windowEnd) {
    const end = t + durationMs;
    const clash = taken.find((b) => t < b.end + bufferMs && end + bufferMs > b.start);
    if (clash) {
      t = Math.ceil((clash.end + bufferMs) / STEP_MS) * STEP_MS;
      continue;
    }
    starts.push(t);
    taken.push({ start: t, end });
  }
  return starts;
}

/**
 * How many units each day gets: min(capacity, level) per day, with the level as high
 * as `n` allows, and the remainder given one each to days spaced evenly among those
 * with room left, from the first to the last of them. Sums to min(n, total capacity).
 */
function evenQuotas(capacity: number[], n: number): number[] {
  const target = Math.min(n, capacity.reduce((a, b) => a + b, 0));
  const filled = (level: number) => capacity.reduce((sum, c) => sum + Math.min(c, level), 0);
  let level = 0;
  // Stryker disable next-line EqualityOperator: equivalent, stopping one level lower when filled(level + 1) === target gives each day with room one of the rest, the same quotas; one level past the largest capacity changes no min(c, level)
  while (filled(level + 1) <= target && level < Math.max(0, ...capacity)) level++;
  const quota = capacity.map((c) => Math.min(c, level));
  const roomy = capacity.flatMap((c, i) => (c > level ? [i] : []));
  const rest = target - filled(level);
  for (let k = 0; k < rest; k++) {
    const day = roomy[rest === 1 ? 0 : Math.round((k * (roomy.length - 1)) / (rest - 1))];
    // Stryker disable next-line ConditionalExpression: equivalent, rest > 0 means some day has room, so roomy is never empty here
    if (day !== undefined) quota[day] = (quota[day] ?? 0) + 1;
  }
  return quota;
}
