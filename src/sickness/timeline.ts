/**
 * The follow-up timeline of one sickness case: a pure function of the policy, the
 * case and `today`. The reminder engine stores what it has sent; this module only
 * says what is due, when, and under which rule.
 *
 * Decisions (see policy.ts for day conventions, law.ts for the statutory rules):
 * - Contact days are calendar days unless the policy counts working days. A contact on
 *   "day 3" is day 3 even on a Sunday; the engine moves the delivery to a working moment.
 *   The grace before a contact counts as overdue is in working days.
 * - A case registered late is not silently in the past: unlogged contacts whose day
 *   has passed are 'due' (within the grace) or 'overdue' right away.
 * - A logged contact covers every earlier contact point not logged separately.
 * - The long-absence items (fast track, fastholdelsesplan) follow the absence as it
 *   grows: they come due when it has lasted `longAbsence.signalAfterDays`, or from day 1
 *   when the expected duration (or the expected return) says more than 8 weeks. The
 *   employee may ask for a fastholdelsesplan at any time (§ 7 b); then it is due at once.
 * - A deadline is met on its day: overdue starts the day after.
 * - Rest (restRequestedOn) pauses the contacts only. Statutory milestones continue.
 * - Raskmelding: what was overdue before the return stays overdue (a missed deadline is
 *   not erased); only items not yet due are cancelled. The return follow-up and the
 *   municipality notification are computed on: that duty survives the return (§ 40).
 * - Nothing here asks for or holds a cause of illness (see health-terms.ts).
 */
import { addDays, addWorkingDays, daysBetween, DEFAULT_WORK_CALENDAR, type LocalDate, type WorkCalendar } from '../shared/calendar.js';
import { lawText, timelineText } from '../i18n/sickness.js';
import { LAW, type PayKind } from './law.js';
import type { FollowUpPolicy } from './policy.js';
import { escalationDate } from './rules.js';

export { countRecentAbsences, escalationDate, needsRepeatedAbsenceTalk, reRemindAt, retentionEndsOn, type PastAbsence } from './rules.js';

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
  expectedReturn?: LocalDate;
  /** Salary, employer-paid sygedagpenge or neither: decides the notification deadline. Default 'loen'. */
  pay?: PayKind;
  status: 'aktiv' | 'raskmeldt';
  /** First day back at work. Missing on a 'raskmeldt' case is read as "back today". */
  returnDay?: LocalDate;
  contacts: readonly LoggedContact[];
  samtaleBookedOn?: LocalDate;
  samtaleBookedFor?: LocalDate;
  samtaleHeldOn?: LocalDate;
  municipalityNotifiedOn?: LocalDate;
  /** The leader has told the employee about the right to a fastholdelsesplan. */
  fastholdelsesplanOfferedOn?: LocalDate;
  /** The employee asked for a fastholdelsesplan (§ 7 b) ... */
  fastholdelsesplanRequestedOn?: LocalDate;
  /** ... and the leader made it with them, or declined (§ 7 b, stk. 2). */
  fastholdelsesplanPlannedOn?: LocalDate;
  /** Fast track was requested or deliberately not requested. */
  fastTrackHandledOn?: LocalDate;
  returnFollowUpHeldOn?: LocalDate;
  /** The employee asked for peace and quiet: contacts pause. */
  restRequestedOn?: LocalDate;
}

export type TimelineKey = `contact:${number}` | 'samtale:book' | 'samtale' | 'municipality' | 'fastholdelsesplan' | 'fasttrack' | 'return-followup';

/** 'booked': the samtale has a date that has not come yet. */
export type TimelineStatus = 'done' | 'due' | 'upcoming' | 'booked' | 'overdue' | 'paused' | 'cancelled' | 'not-applicable';

export interface TimelineItem {
  key: TimelineKey;
  kind: 'contact' | 'milestone';
  /** A duty of the employer under sygedagpengeloven (escalated before its deadline). */
  statutory: boolean;
  title: string;
  /** The rule: the law's line (paragraph, skal/kan, condition) or, for contacts, the fraværspolitik's. */
  source: string;
  /** What the workplace's own fraværspolitik adds to a statutory rule, shown apart from the law. */
  local?: string;
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

/** The items still waiting for something. */
export const PENDING_STATUSES: ReadonlySet<TimelineStatus> = new Set(['upcoming', 'due', 'booked', 'overdue', 'paused']);

const TITLES = timelineText.titles;
const NOTES = timelineText.notes;

/**
 * The items by due day. Items due on the same day keep the order they are built in
 * (the sort is stable): contacts, booking, samtale, municipality, fast track,
 * fastholdelsesplan, return follow-up.
 */
export function computeTimeline(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): TimelineItem[] {
  const back = state.status === 'raskmeldt' ? (state.returnDay ?? today) : undefined;
  if (back === undefined) return byDue(buildItems(policy, state, today, today, cal));
  // After the return, the absence is read as of its last day: what was overdue then stays so.
  const asOf = today < back ? today : addDays(back, -1);
  return byDue(buildItems(policy, state, asOf, today, cal).map((item) => applyReturn(item, back, today)));
}

/** `asOf` is the day the absence is read on (its last day once the employee is back). */
function buildItems(policy: FollowUpPolicy, state: SicknessCaseState, asOf: LocalDate, today: LocalDate, cal: WorkCalendar): TimelineItem[] {
  const items: TimelineItem[] = [
    ...policy.contacts.days.map((day) => contactItem(day, policy, state, asOf, cal)),
    ...samtaleItems(policy, state, asOf, cal),
    municipalityItem(policy, state, today, cal),
    fastTrackItem(policy, state, asOf),
    fastholdelsesplanItem(policy, state, asOf),
  ];
  const after = returnFollowUpItem(policy, state, today);
  if (after) items.push(after);
  return items;
}

function byDue(items: TimelineItem[]): TimelineItem[] {
  return items.sort((a, b) => daysBetween(b.due, a.due));
}

/** The calendar day of absence day `day` (1-based) under the policy's counting. */
export function absenceDay(policy: FollowUpPolicy, firstDay: LocalDate, day: number, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): LocalDate {
  if (policy.contacts.counting === 'calendar') return addDays(firstDay, day - 1);
  return addWorkingDays(addWorkingDays(firstDay, 0, cal), day - 1, cal);
}

function contactItem(day: number, policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate, cal: WorkCalendar): TimelineItem {
  const due = absenceDay(policy, state.firstDay, day, cal);
  const base = {
    key: `contact:${day}` as const,
    kind: 'contact' as const,
    statutory: false,
    title: TITLES.contact(day, policy.contacts.counting, state.partial),
    source: timelineText.policyLine(policy),
    due,
    deadline: undefined,
  };
  const logged = state.contacts.find((c) => c.point === day);
  if (logged) return { ...base, status: 'done', doneOn: logged.on };
  if (state.partial && !policy.contacts.duringPartialAbsence) return { ...base, status: 'not-applicable', note: NOTES.partialNoContacts };
  // ISO dates sort as text: the first contact made since this point's day.
  const later = state.contacts.map((c) => c.on).filter((on) => on >= due && on <= today).sort()[0];
  if (later !== undefined) return { ...base, status: 'done', doneOn: later, note: NOTES.covered(later) };
  if (state.restRequestedOn !== undefined && state.restRequestedOn <= today) return { ...base, status: 'paused', note: NOTES.rest };
  if (today < due) return { ...base, status: 'upcoming' };
  const overdueFrom = addWorkingDays(due, policy.contacts.remindAgainAfterWorkingDays, cal);
  return { ...base, status: today >= overdueFrom ? 'overdue' : 'due' };
}

function samtaleItems(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate, cal: WorkCalendar): TimelineItem[] {
  const rule = policy.samtale;
  const deadline = addDays(state.firstDay, rule.holdWithinDays);
  const bookBy = addDays(state.firstDay, rule.bookWithinDays);
  const escalateOn = escalationDate(deadline, policy, cal);
  const local = rule.holdWithinDays < LAW.samtaleWithinDays || rule.bookWithinDays < rule.holdWithinDays ? timelineText.samtaleLocal(policy) : undefined;
  const bookDue = addDays(state.firstDay, rule.remindFromDay - 1);
  const bookedOn = state.samtaleBookedOn ?? state.samtaleBookedFor ?? state.samtaleHeldOn;
  const book: TimelineItem = {
    key: 'samtale:book',
    kind: 'milestone',
    statutory: true,
    title: TITLES.book,
    source: lawText.samtale,
    ...(local ? { local } : {}),
    due: bookDue,
    deadline: bookBy,
    ...(bookedOn !== undefined ? { status: 'done' as const, doneOn: bookedOn } : { status: pendingStatus(today, bookDue, bookBy) }),
  };
  const bookedFor = state.samtaleBookedFor;
  const held = state.samtaleHeldOn;
  const samtale: TimelineItem = {
    key: 'samtale',
    kind: 'milestone',
    statutory: true,
    title: TITLES.samtale,
    source: lawText.samtale,
    ...(local ? { local } : {}),
    due: bookedFor ?? escalateOn,
    deadline,
    escalateOn,
    ...(held !== undefined ? { status: 'done' as const, doneOn: held } : samtaleStatus(today, bookedFor, escalateOn, deadline)),
  };
  return [book, samtale];
}

function samtaleStatus(today: LocalDate, bookedFor: LocalDate | undefined, escalateOn: LocalDate, deadline: LocalDate): Pick<TimelineItem, 'status' | 'note'> {
  if (bookedFor === undefined) return { status: pendingStatus(today, escalateOn, deadline) };
  const late = bookedFor > deadline ? { note: NOTES.bookedLate } : {};
  if (today < bookedFor) return { status: 'booked', ...late };
  // The day has come (so the deadline has passed if it was booked for later): the outcome
  // is what is due now. Late only when it was booked late.
  if (bookedFor > deadline) return { status: 'overdue', ...late };
  return { status: 'due', note: NOTES.awaitingOutcome };
}

function municipalityItem(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate, cal: WorkCalendar): TimelineItem {
  const pay = state.pay ?? 'loen';
  const rule = LAW.municipality[pay];
  const deadline = addDays(state.firstDay, rule.withinDays);
  const due = addDays(deadline, -LAW.municipalityRemindDaysBefore);
  const base = {
    key: 'municipality' as const,
    kind: 'milestone' as const,
    statutory: true,
    title: TITLES.municipality,
    source: lawText.municipality[pay],
    due,
    deadline,
    escalateOn: escalationDate(deadline, policy, cal),
  };
  if (state.municipalityNotifiedOn !== undefined) return { ...base, status: 'done', doneOn: state.municipalityNotifiedOn };
  if (!rule.onlyPastEmployerPeriod) return { ...base, status: pendingStatus(today, due, deadline) };
  const absenceDays = state.status === 'raskmeldt' ? daysBetween(state.firstDay, state.returnDay ?? today) : daysBetween(state.firstDay, today) + 1;
  const pastEmployerPeriod = absenceDays > LAW.employerPeriodDays;
  const expectedShort = state.expectedDuration === 'under-1-uge' || state.expectedDuration === '1-4-uger';
  const applicable = state.status === 'raskmeldt' ? pastEmployerPeriod : pastEmployerPeriod || !expectedShort || today >= due;
  const note = pastEmployerPeriod ? {} : { note: NOTES.employerPeriod(LAW.employerPeriodDays) };
  if (!applicable) return { ...base, status: 'not-applicable', ...note };
  return { ...base, status: pendingStatus(today, due, deadline), ...note };
}

/** The day from which a long absence is signalled: day 1 when expected over 8 weeks, else when it has lasted long. */
export function longAbsenceFrom(policy: FollowUpPolicy, state: SicknessCaseState): LocalDate {
  const expectedLong =
    state.expectedDuration === 'over-8-uger' || (state.expectedReturn !== undefined && daysBetween(state.firstDay, state.expectedReturn) > LAW.longAbsenceDays);
  return expectedLong ? state.firstDay : addDays(state.firstDay, policy.longAbsence.signalAfterDays);
}

function fastTrackItem(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate): TimelineItem {
  const deadline = addDays(state.firstDay, LAW.fastTrackWithinDays);
  const from = longAbsenceFrom(policy, state);
  const base = {
    key: 'fasttrack' as const,
    kind: 'milestone' as const,
    statutory: false,
    title: TITLES.fasttrack,
    source: lawText.fastTrack,
    due: from,
    deadline,
  };
  if (state.fastTrackHandledOn !== undefined) return { ...base, status: 'done', doneOn: state.fastTrackHandledOn };
  // An optional request whose window has closed is not a missed duty.
  if (today > deadline) return { ...base, status: 'cancelled', note: NOTES.fastTrackClosed };
  if (from > deadline) return { ...base, status: 'not-applicable', note: NOTES.notLong };
  return { ...base, status: pendingStatus(today, from, deadline), ...(from > state.firstDay ? { note: NOTES.ifLong(policy.longAbsence.signalAfterDays) } : {}) };
}

function fastholdelsesplanItem(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate): TimelineItem {
  const base = {
    key: 'fastholdelsesplan' as const,
    kind: 'milestone' as const,
    // The employee's right (§ 7 b); the employer may decline, so it is a prompt, not a duty.
    statutory: false,
    source: lawText.fastholdelsesplan,
    deadline: undefined,
  };
  const asked = state.fastholdelsesplanRequestedOn;
  if (asked !== undefined && asked <= today) {
    const requested = { ...base, title: TITLES.fastholdelsesplanRequested, due: asked, note: NOTES.requested(asked) };
    return state.fastholdelsesplanPlannedOn !== undefined
      ? { ...requested, status: 'done', doneOn: state.fastholdelsesplanPlannedOn }
      : { ...requested, status: 'due' };
  }
  const from = longAbsenceFrom(policy, state);
  const offer = { ...base, title: TITLES.fastholdelsesplan, due: from };
  if (state.fastholdelsesplanOfferedOn !== undefined) return { ...offer, status: 'done', doneOn: state.fastholdelsesplanOfferedOn };
  return { ...offer, status: dueStatus(today, from), ...(from > state.firstDay ? { note: NOTES.ifLong(policy.longAbsence.signalAfterDays) } : {}) };
}

/** Only on a raskmeldt case after a long enough absence, and only if enabled. */
function returnFollowUpItem(policy: FollowUpPolicy, state: SicknessCaseState, today: LocalDate): TimelineItem | undefined {
  const rule = policy.returnFollowUp;
  if (!rule.enabled || state.status !== 'raskmeldt') return undefined;
  const returnDay = state.returnDay ?? today;
  if (daysBetween(state.firstDay, returnDay) < rule.minAbsenceDays) return undefined;
  const due = addDays(returnDay, rule.daysAfterReturn);
  const base = {
    key: 'return-followup' as const,
    kind: 'milestone' as const,
    statutory: false,
    title: TITLES.returnFollowUp,
    source: timelineText.policyLine(policy),
    due,
    deadline: undefined,
  };
  if (state.returnFollowUpHeldOn !== undefined) return { ...base, status: 'done', doneOn: state.returnFollowUpHeldOn };
  return { ...base, status: dueStatus(today, due) };
}

/** A missed deadline stays missed; what was not yet due when the employee came back is cancelled. */
function applyReturn(item: TimelineItem, back: LocalDate, today: LocalDate): TimelineItem {
  if (item.key === 'return-followup' || item.key === 'municipality' || !PENDING_STATUSES.has(item.status)) return item;
  if (item.status === 'overdue') return today >= back ? { ...item, note: NOTES.missedBeforeReturn } : item;
  if (item.due >= back || today >= back) return { ...item, status: 'cancelled', note: NOTES.returned };
  return item;
}

function pendingStatus(today: LocalDate, due: LocalDate, deadline: LocalDate): 'overdue' | 'due' | 'upcoming' {
  return today > deadline ? 'overdue' : dueStatus(today, due);
}

/** An item without a deadline: due from its day on, never overdue. */
function dueStatus(today: LocalDate, due: LocalDate): 'due' | 'upcoming' {
  return today >= due ? 'due' : 'upcoming';
}
