/**
 * The follow-up of an episode as a pure function of the policy (settings.ts), the
 * episode and "today", and the reminders it needs. Nothing here reads the clock or
 * storage, so the duties are tested as data:
 *
 * - talk: the leader offers a talk the same day (defusing, psykisk førstehjælp), or
 *   policy.talkDays later;
 * - followup: a follow-up talk after a few days (policy.followUpTalkDays);
 * - anmeldelse: when someone was hurt or absent, the work accident is reported no later
 *   than policy.anmeldelseDays after the first day of absence (or the day of the episode
 *   when nobody was absent); the leader is reminded policy.anmeldelseLeadDays before and
 *   on the deadline;
 * - police: the employee decides about politianmeldelse (reminded once when undecided);
 * - risk: a risk assessment of the situation (policy.riskAssessmentDays).
 */
import { addDays, type LocalDate } from '../shared/calendar.js';
import { needsAnmeldelse, type Episode } from './model.js';
import type { ViolencePolicy } from './settings.js';

export const STEP_KEYS = ['talk', 'followup', 'anmeldelse', 'police', 'risk'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export type StepStatus = 'done' | 'due' | 'overdue' | 'upcoming' | 'not-applicable';

export interface TimelineItem {
  key: StepKey;
  /** Who acts: the leaders, or the employee (the police decision is theirs alone). */
  who: 'leader' | 'employee';
  /** The day the step is asked for (its first reminder). */
  due: LocalDate;
  /** The last day it is on time. */
  deadline: LocalDate;
  status: StepStatus;
  doneOn?: LocalDate;
}

export type EpisodeState = Pick<
  Episode,
  'occurredOn' | 'registeredOn' | 'injured' | 'absenceFrom' | 'talkOfferedOn' | 'followUpHeldOn' | 'anmeldtOn' | 'policeDecidedOn' | 'riskAssessedOn'
>;

/** The anmeldelse deadline: policy.anmeldelseDays after the first day of absence (or the episode). */
export function anmeldelseDeadline(policy: ViolencePolicy, e: Pick<Episode, 'occurredOn' | 'absenceFrom'>): LocalDate {
  return addDays(e.absenceFrom ?? e.occurredOn, policy.anmeldelseDays);
}

function statusOf(due: LocalDate, deadline: LocalDate, today: LocalDate, doneOn: LocalDate | undefined): StepStatus {
  if (doneOn) return 'done';
  if (today > deadline) return 'overdue';
  return today >= due ? 'due' : 'upcoming';
}

const later = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);

export function followUpTimeline(policy: ViolencePolicy, e: EpisodeState, today: LocalDate): TimelineItem[] {
  const item = (key: StepKey, who: TimelineItem['who'], due: LocalDate, deadline: LocalDate, doneOn: LocalDate | undefined): TimelineItem => ({
    key,
    who,
    due,
    deadline,
    status: statusOf(due, deadline, today, doneOn),
    ...(doneOn ? { doneOn } : {}),
  });
  const r = e.registeredOn;
  const followUp = addDays(r, policy.followUpTalkDays);
  const items = [item('talk', 'leader', r, addDays(r, policy.talkDays), e.talkOfferedOn), item('followup', 'leader', followUp, followUp, e.followUpHeldOn)];
  const deadline = anmeldelseDeadline(policy, e);
  if (needsAnmeldelse(e)) {
    items.push(item('anmeldelse', 'leader', later(r, addDays(deadline, -policy.anmeldelseLeadDays)), later(r, deadline), e.anmeldtOn));
  } else {
    items.push({ key: 'anmeldelse', who: 'leader', due: r, deadline: r, status: 'not-applicable' });
  }
  const police = addDays(r, policy.policeReminderDays);
  items.push(item('police', 'employee', police, police, e.policeDecidedOn));
  const risk = addDays(r, policy.riskAssessmentDays);
  items.push(item('risk', 'leader', risk, risk, e.riskAssessedOn));
  return items;
}

/** One reminder the episode needs: a step, a day and whom it goes to. */
export interface PlannedReminder {
  step: StepKey;
  /** 'first' on the step's due day; 'deadline' on its last day (the anmeldelse only). */
  when: 'first' | 'deadline';
  on: LocalDate;
  to: 'leaders' | 'employee';
}

/**
 * The reminders of the steps not done yet. The talk is not reminded: the leader's notice
 * at registration is its reminder. A reminder whose day is today or later is planned;
 * render decides again at send time from the current state.
 */
export function plannedReminders(policy: ViolencePolicy, e: EpisodeState, today: LocalDate): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  for (const i of followUpTimeline(policy, e, today)) {
    if (i.key === 'talk' || i.status === 'done' || i.status === 'not-applicable') continue;
    const to = i.who === 'leader' ? 'leaders' : 'employee';
    out.push({ step: i.key, when: 'first', on: later(i.due, today), to });
    if (i.key === 'anmeldelse' && i.deadline > i.due) out.push({ step: i.key, when: 'deadline', on: later(i.deadline, today), to });
  }
  return out;
}

/** When the episode's details are deleted (the monthly counts stay). */
export function retentionEndsOn(policy: ViolencePolicy, e: Pick<Episode, 'registeredOn'>): LocalDate {
  const [y, m, d] = e.registeredOn.split('-').map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + policy.retentionMonths;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

/**
 * Text that looks like a CPR number (ddmmyy-xxxx, with or without the dash or a space).
 * The bot holds no resident data, so such text is refused, never stored.
 */
export function looksLikeCpr(text: string): boolean {
  for (const m of text.matchAll(/(?<!\d)(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?!\d)/g)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) return true;
  }
  return false;
}

/** The date of an episode must be a real recent day: not in the future, not more than a year back. */
export function occurredOnProblem(occurredOn: LocalDate, today: LocalDate): 'future' | 'old' | undefined {
  if (occurredOn > today) return 'future';
  if (occurredOn < addDays(today, -365)) return 'old';
  return undefined;
}
