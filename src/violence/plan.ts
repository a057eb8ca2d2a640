/**
 * The reminder rows of an episode (pure), and how they are written.
 *
 * Keys are `violence:<workplace>:<episode>:<what>:<recipient>`, so deleting an episode
 * cancels all of its rows with one cancelPrefix. A key that exists is left alone (its
 * render decides at send time, from the episode's current state, whether it still
 * applies), so planning again never sends twice. Payloads carry the episode id and the
 * step, nothing else: no names, nothing about what happened.
 */
import { scheduleMissing, type ScheduleRequest } from '../outbox/types.js';
import { localDateOf, zonedInstant, type LocalDate } from '../shared/calendar.js';
import type { Episode } from './model.js';
import { plannedReminders } from './rules.js';
import type { ViolencePolicy } from './settings.js';

export const JOB = {
  notice: 'violence.notice',
  amr: 'violence.amr',
  confirm: 'violence.confirm',
  reminder: 'violence.reminder',
  monthly: 'violence.monthly',
} as const;

/** Reminders go out from this local time on their day (the engine keeps them in working hours). */
export const SEND_AT = '08:00';

export const episodePrefix = (e: Pick<Episode, 'workplaceId' | 'id'>): string => `violence:${e.workplaceId}:${e.id}:`;

export function sendAt(day: LocalDate, now: Date): Date {
  const at = zonedInstant(day, SEND_AT);
  return at > now ? at : now;
}

function row(e: Episode, what: string, kind: string, to: string, dueAt: Date, payload: Record<string, string> = {}, urgent = false): ScheduleRequest {
  return {
    key: `${episodePrefix(e)}${what}:${to}`,
    kind,
    workplaceId: e.workplaceId,
    target: { kind: 'user', aadObjectId: to },
    dueAt,
    payload: { episodeId: e.id, ...payload },
    ...(urgent ? { urgent } : {}),
  };
}

export interface Recipients {
  /** The workplace's leaders, never the employee. */
  leaders: readonly string[];
  /** The workplace's AMRs, never the employee. */
  amrs: readonly string[];
}

/**
 * At registration: every leader is told at once (urgent: it ignores quiet hours, because
 * the talk is offered the same day, also after a night shift). A colleague's registration
 * also asks the employee to confirm; the rest waits for the confirmation.
 */
export function registrationRows(e: Episode, to: Recipients, now: Date): ScheduleRequest[] {
  const notices = to.leaders.map((l) => row(e, 'notice', JOB.notice, l, now, {}, true));
  if (e.status === 'afventer') return [...notices, row(e, 'confirm', JOB.confirm, e.employeeId, now)];
  return notices;
}

/** A confirmed episode: the AMR's reduced notice and the reminders of the open steps. */
export function followUpRows(e: Episode, to: Recipients, policy: ViolencePolicy, now: Date): ScheduleRequest[] {
  if (e.status !== 'aktiv') return [];
  const out = to.amrs.map((a) => row(e, 'amr', JOB.amr, a, now));
  for (const r of plannedReminders(policy, e, localDateOf(now))) {
    const targets = r.to === 'leaders' ? to.leaders : [e.employeeId];
    for (const t of targets) out.push(row(e, `${r.step}:${r.when}`, JOB.reminder, t, sendAt(r.on, now), { step: r.step, when: r.when }));
  }
  return out;
}

/** The AMR hears when the work accident has been reported (the AMR takes part in reporting). */
export function reportedRows(e: Episode, amrs: readonly string[], now: Date): ScheduleRequest[] {
  return amrs.map((a) => row(e, 'amr-reported', JOB.amr, a, now, { reported: 'true' }));
}

/** The leaders hear that a colleague's registration was rejected by the employee (and deleted). */
export function rejectedRows(e: Episode, leaders: readonly string[], now: Date): ScheduleRequest[] {
  // Outside the episode's prefix: deleting the episode (cancelPrefix) must not cancel its own notice.
  return leaders.map((l) => ({ ...row(e, 'rejected', JOB.notice, l, now, { rejected: 'true' }), key: `violence:${e.workplaceId}:rejected:${e.id}:${l}` }));
}

/** Writes the rows whose key does not exist yet (a key is never sent twice). */
export const writeRows = scheduleMissing;
