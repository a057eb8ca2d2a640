/**
 * The follow-up timeline of one sickness case: a pure function of the policy, the
 * case and `today`. The reminder engine stores what it has sent; this module only
 * says what is due, when, and under which rule.
 *
 * Decisions (see also policy.ts for day conventions):
 * - Dates are calendar days. A contact on "day 3" is day 3 even on a Sunday or a
 *   holiday; the engine moves the delivery of the reminder to a working moment.
 *   The grace before a contact counts as overdue is in working days (reRemindAt),
 *   so a Sunday contact is not "overdue" on the Monday it is first delivered.
 * - A case registered late is not silently in the past: unlogged contacts whose day
 *   has passed are 'due' (within the grace) or 'overdue' right away.
 * - A logged contact covers every earlier contact point not logged separately: one
 *   call on day 4 is the contact, nobody should call twice.
 * - Rest (restRequestedOn) pauses the contacts only. Statutory milestones continue.
 * - Raskmelding: nothing is chased any more once the employee is back (or for items
 *   due on or after the return day), except the optional return follow-up and the
 *   municipality notification when the absence went past the employer period
 *   (sygedagpengeloven § 40: that duty survives the return).
 * - Nothing here asks for or holds a cause of illness (see health-terms.ts).
 */
import {
  addDays,
  addWorkingDays,
  daysBetween,
  DEFAULT_WORK_CALENDAR,
  type LocalDate,
  type WorkCalendar,
} from '../shared/calendar.js';
import { timelineText } from '../i18n/sickness.js';
import type { FollowUpPolicy } from './policy.js';
import { escalationDate } from './rules.js';

export {
  countRecentAbsences,
  escalationDate,
  needsRepeatedAbsenceTalk,
  reRemindAt,
  retentionEndsOn,
  type PastAbsence,
} from './rules.js';

export const EXPECTED_DURATIONS = ['ukendt', 'under-1-uge', '1-4-uger', 'over-4-uger', 'over-8-uger'] as const;
export type ExpectedDuration = (typeof EXPECTED_DURATIONS)[number];

export interface LoggedContact {
  /** The contact point (absence day of the policy, e.g. 3) the contact answers. */
  point: number;
  on: LocalDate;
}

export interface SicknessCaseState {
  /** Day 1 of the absence. */
  firstDay: LocalDate;
  /** Delvis sygemelding. */
  partial: boolean;
  expectedDuration: ExpectedDuration;
  status: 'aktiv' | 'raskmeldt';
  /** First day back at work. Missing on a 'raskmeldt' case is read as "back today". */
  returnDay?: LocalDate;
  contacts: readonly LoggedContact[];
  samtaleBookedFor?: LocalDate;
  samtaleHeldOn?: LocalDate;
  municipalityNotifiedOn?: LocalDate;
  /** The leader has told the employee about the right to a fastholdelsesplan. */
  fastholdelsesplanOfferedOn?: LocalDate;
  /** Fast track was requested or deliberately not requested. */
  fastTrackHandledOn?: LocalDate;
  returnFollowUpHeldOn?: LocalDate;
  /** The employee asked for peace and quiet: contacts pause. */
  restRequestedOn?: LocalDate;
}

export type TimelineKey =
  | `contact:${number}`
  | 'samtale:book'
  | 'samtale'
  | 'municipality'
  | 'fastholdelsesplan'
  | 'fasttrack'
  | 'return-followup';

export type TimelineStatus = 'done' | 'due' | 'upcoming' | 'overdue' | 'paused' | 'cancelled' | 'not-applicable';

export interface TimelineItem {
  key: TimelineKey;
  kind: 'contact' | 'milestone';
  /** A duty of the employer under sygedagpengeloven (escalated before its deadline). */
  statutory: boolean;
  title: string;
  /** One line naming the rule, shown on the card. */
  source: string;
  /** When to remind (calendar day; the engine picks the delivery moment). */
  due: LocalDate;
  deadline: LocalDate | undefined;
  /** Statutory deadlines only: when to escalate. */
  escalateOn?: LocalDate;
  status: TimelineStatus;
  doneOn?: LocalDate;
  note?: string;
}

/** The fraværsdag of a contact item ("contact:3" → 3). */
export function contactPoint(item: Pick<TimelineItem, 'key'>): number {
  return Number(item.key.split(':')[1]);
}

const TITLES = timelineText.titles;
const NOTES = timelineText.notes;

const ORDER: readonly string[] = ['contact', 'samtale:book', 'samtale', 'municipality', 'fasttrack', 'fastholdelsesplan', 'return-followup'];
const PENDING: ReadonlySet<TimelineStatus> = new Set(['upcoming', 'due', 'overdue', 'paused']);

export function computeTimeline(
  policy: FollowUpPolicy,
  state: SicknessCaseState,
  today: LocalDate,
  cal: WorkCalendar = DEFAULT_WORK_CALENDAR,
): TimelineItem[] {
  const items: TimelineItem[] = [
    ...policy.contactDays.map((day) => contactItem(day, policy, state, today, cal)),
    ...samtaleItems(policy, state, today, cal),
    municipalityItem(policy, state, today, cal),
  ];
  if (policy.fastTrack.enabled) items.push(fastTrackItem(policy, state, today));
  if (policy.fastholdelsesplan.enabled) items.push(fastholdelsesplanItem(policy, state, today));
  const back = returnFollowUpItem(policy, state, today);
  if (back) items.push(back);
  return items
    .map((item) => applyReturn(item, state, today))
    .sort((a, b) => (a.due === b.due ? orderOf(a) - orderOf(b) : a.due < b.due ? -1 : 1));
}

function contactItem(
  day: number,
  policy: FollowUpPolicy,
  state: SicknessCaseState,
  today: LocalDate,
  cal: WorkCalendar,
): TimelineItem {
  const due = addDays(state.firstDay, day - 1);
  const base = {
    key: `contact:${day}` as const,
    kind: 'contact' as const,
    statutory: false,
    title: TITLES.contact(day, state.partial),
    source: policy.contactSource,
    due,
    deadline: undefined,
  };
  const logged = state.contacts.find((c) => c.point === day);
  if (logged) return { ...base, status: 'done', doneOn: logged.on };
  if (state.partial && !policy.partialAbsenceContacts) {
    return { ...base, status: 'not-applicable', note: NOTES.partialNoContacts };
  }
  const later = state.contacts.filter((c) => c.on >= due && c.on <= today).sort((a, b) => (a.on < b.on ? -1 : 1))[0];
  if (later) return { ...base, status: 'done', doneOn: later.on, note: NOTES.covered(later.on) };
  if (state.restRequestedOn !== undefined && state.restRequestedOn <= today) {
    return { ...base, status: 'paused', note: NOTES.rest };
  }
  if (today < due) return { ...base, status: 'upcoming' };
  const overdueFrom = addWorkingDays(due, policy.reRemindWorkingDays, cal);
  return { ...base, status: today >= overdueFrom ? 'overdue' : 'due' };
}

function samtaleItems(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate, cal: WorkCalendar): TimelineItem[] {
  const deadline = addDays(state.firstDay, policy.samtale.deadlineDaysAfterFirstDay);
  const escalateOn = escalationDate(deadline, policy, cal);
  const source = policy.samtale.source;
  const bookDue = addDays(state.firstDay, policy.samtale.bookFromDay - 1);
  const booked = state.samtaleBookedFor ?? state.samtaleHeldOn;
  const book: TimelineItem = {
    key: 'samtale:book',
    kind: 'milestone',
    statutory: true,
    title: TITLES.book,
    source,
    due: bookDue,
    deadline,
    ...(booked !== undefined ? { status: 'done' as const, doneOn: booked } : { status: pendingStatus(today, bookDue, deadline) }),
  };
  const due = state.samtaleBookedFor ?? escalateOn;
  const held = state.samtaleHeldOn;
  const samtale: TimelineItem = {
    key: 'samtale',
    kind: 'milestone',
    statutory: true,
    title: TITLES.samtale,
    source,
    due,
    deadline,
    escalateOn,
    ...(held !== undefined ? { status: 'done' as const, doneOn: held } : { status: pendingStatus(today, due, deadline) }),
    ...(held === undefined && state.samtaleBookedFor !== undefined && state.samtaleBookedFor > deadline
      ? { note: NOTES.bookedLate }
      : {}),
  };
  return [book, samtale];
}

function municipalityItem(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate, cal: WorkCalendar): TimelineItem {
  const rule = policy.municipality;
  const deadline = addDays(state.firstDay, rule.deadlineDaysAfterFirstDay);
  const due = addDays(state.firstDay, rule.remindFromDay - 1);
  const base = {
    key: 'municipality' as const,
    kind: 'milestone' as const,
    statutory: true,
    title: TITLES.municipality,
    source: rule.source,
    due,
    deadline,
    escalateOn: escalationDate(deadline, policy, cal),
  };
  if (state.municipalityNotifiedOn !== undefined) {
    return { ...base, status: 'done', doneOn: state.municipalityNotifiedOn };
  }
  const absenceDays =
    state.status === 'raskmeldt'
      ? daysBetween(state.firstDay, returnDayOf(state, today))
      : daysBetween(state.firstDay, today) + 1;
  const pastEmployerPeriod = absenceDays > rule.employerPeriodDays;
  const expectedShort = state.expectedDuration === 'under-1-uge' || state.expectedDuration === '1-4-uger';
  const applicable =
    state.status === 'raskmeldt'
      ? pastEmployerPeriod
      : pastEmployerPeriod || !expectedShort || absenceDays >= rule.remindFromDay;
  const note = pastEmployerPeriod ? {} : { note: NOTES.employerPeriod(rule.employerPeriodDays) };
  if (!applicable) return { ...base, status: 'not-applicable', ...note };
  return { ...base, status: pendingStatus(today, due, deadline), ...note };
}

function fastTrackItem(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate): TimelineItem {
  const deadline = addDays(state.firstDay, policy.fastTrack.deadlineDaysAfterFirstDay);
  const base = {
    key: 'fasttrack' as const,
    kind: 'milestone' as const,
    statutory: false,
    title: TITLES.fasttrack,
    source: policy.fastTrack.source,
    due: state.firstDay,
    deadline,
  };
  if (state.fastTrackHandledOn !== undefined) return { ...base, status: 'done', doneOn: state.fastTrackHandledOn };
  if (state.expectedDuration !== 'over-8-uger') return { ...base, status: 'not-applicable', note: NOTES.notLong };
  // An optional request whose window has closed is not a missed duty.
  if (today > deadline) return { ...base, status: 'cancelled', note: NOTES.fastTrackClosed };
  return { ...base, status: pendingStatus(today, base.due, deadline) };
}

function fastholdelsesplanItem(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate): TimelineItem {
  const base = {
    key: 'fastholdelsesplan' as const,
    kind: 'milestone' as const,
    // The employee's right (§ 7b); the employer may decline, so it is a prompt, not a duty.
    statutory: false,
    title: TITLES.fastholdelsesplan,
    source: policy.fastholdelsesplan.source,
    due: state.firstDay,
    deadline: undefined,
  };
  if (state.fastholdelsesplanOfferedOn !== undefined) {
    return { ...base, status: 'done', doneOn: state.fastholdelsesplanOfferedOn };
  }
  if (state.expectedDuration !== 'over-8-uger') return { ...base, status: 'not-applicable', note: NOTES.notLong };
  return { ...base, status: pendingStatus(today, base.due, undefined) };
}

/** Only on a raskmeldt case after a long enough absence, and only if enabled. */
function returnFollowUpItem(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate): TimelineItem | undefined {
  const rule = policy.returnFollowUp;
  if (!rule.enabled || state.status !== 'raskmeldt') return undefined;
  const returnDay = returnDayOf(state, today);
  if (daysBetween(state.firstDay, returnDay) < rule.minAbsenceDays) return undefined;
  const due = addDays(returnDay, rule.daysAfterReturn);
  const base = {
    key: 'return-followup' as const,
    kind: 'milestone' as const,
    statutory: false,
    title: TITLES.returnFollowUp,
    source: rule.source,
    due,
    deadline: undefined,
  };
  if (state.returnFollowUpHeldOn !== undefined) return { ...base, status: 'done', doneOn: state.returnFollowUpHeldOn };
  return { ...base, status: pendingStatus(today, due, undefined) };
}

function applyReturn(item: TimelineItem, state: SicknessCaseState, today: LocalDate): TimelineItem {
  if (state.status !== 'raskmeldt') return item;
  if (item.key === 'return-followup' || item.key === 'municipality' || !PENDING.has(item.status)) return item;
  const returnDay = returnDayOf(state, today);
  if (item.due >= returnDay || today >= returnDay) {
    return { ...item, status: 'cancelled', note: NOTES.returned };
  }
  return item;
}

function pendingStatus(today: LocalDate, due: LocalDate, deadline: LocalDate | undefined): 'overdue' | 'due' | 'upcoming' {
  if (deadline !== undefined && today > deadline) return 'overdue';
  return today >= due ? 'due' : 'upcoming';
}

function returnDayOf(state: SicknessCaseState, today: LocalDate): LocalDate {
  return state.returnDay ?? today;
}

function orderOf(item: TimelineItem): number {
  return ORDER.indexOf(item.kind === 'contact' ? 'contact' : item.key);
}
