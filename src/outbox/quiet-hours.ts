import { DEFAULT_WORK_CALENDAR, nextDeliveryMoment, type WorkingWindow } from '../shared/calendar.js';

/**
 * Quiet hours move only the moment a message is delivered (`deliverAt`), never the
 * deadline (`dueAt`): workflows compute deadlines in calendar days and the engine keeps
 * dueAt exactly as given.
 *
 * Every job that is not urgent waits for the workplace's working window, personal
 * reminders and channel posts alike: a post in the TRIO or MED channel notifies the
 * same employees as a personal message does, and a digest read at 07:00 is no worse
 * than one posted at 02:00. Urgent jobs (a statutory deadline escalation) go at once.
 * The window is applied when a job is scheduled and again when it is sent, so a job
 * that became due while the bot was down overnight waits for the morning too.
 */

const HOURS_RE = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

/** "07:00-20:00" → { start, end }, or undefined when malformed or empty. */
export function parseWorkingHours(value: unknown): { start: string; end: string } | undefined {
  if (typeof value !== 'string' || !HOURS_RE.test(value)) return undefined;
  const [start, end] = value.split('-') as [string, string];
  return start < end ? { start, end } : undefined;
}

export function workingWindow(hours: { start: string; end: string }): WorkingWindow {
  return { start: hours.start, end: hours.end, calendar: DEFAULT_WORK_CALENDAR };
}

/** When a job due at `dueAt` is delivered. */
export function deliveryMoment(dueAt: Date, urgent: boolean, window: WorkingWindow): Date {
  return urgent ? dueAt : nextDeliveryMoment(dueAt, window);
}

/** The next moment at or after `now` when a non-urgent job may be sent (now itself inside the window). */
export function nextOpen(now: Date, window: WorkingWindow): Date {
  return nextDeliveryMoment(now, window);
}
