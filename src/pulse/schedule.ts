/**
 * When a workplace's weekly pulse opens, reminds and closes. Pure functions of the
 * settings and an instant; all wall-clock times are Europe/Copenhagen.
 *
 * A round belongs to the ISO week of its opening day and is named after it
 * ("2026-W48"); its week index (rotation.ts) picks the questions. It opens on the
 * chosen weekday and time, sends one reminder 2 days later and closes 7 days after
 * opening (same wall-clock time, so a daylight-saving change does not shift it).
 */
import {
  addDays,
  isoWeek,
  localDateOf,
  weekdayOf,
  zonedInstant,
  type LocalDate,
} from '../shared/calendar.js';
import { pulseWeekIndex } from './rotation.js';
import type { PulseSettings } from './settings.js';

export const REMIND_AFTER_DAYS = 2;
export const OPEN_DAYS = 7;
/** Rounds are opened (and their cards scheduled) this long before they open. */
export const OPEN_LEAD_MS = 2 * 3_600_000;
/** A round whose opening was missed (bot down) is still opened this long after. */
export const OPEN_LATE_MS = 24 * 3_600_000;
/** Rounds are closed this long after closesAt, so an answer sent at the last second is not cut off. */
export const CLOSE_GRACE_MS = 5 * 60_000;

export interface RoundTiming {
  /** "2026-W48" */
  id: string;
  weekIndex: number;
  /** "uge 48" */
  weekLabel: string;
  openDate: LocalDate;
  opensAt: Date;
  remindAt: Date;
  closesAt: Date;
}

export function roundIdOf(date: LocalDate): string {
  const { year, week } = isoWeek(date);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The round of the ISO week that contains `date`, for these settings. */
export function roundTiming(settings: Pick<PulseSettings, 'weekday' | 'time'>, date: LocalDate): RoundTiming {
  const monday = addDays(date, 1 - weekdayOf(date));
  const openDate = addDays(monday, settings.weekday - 1);
  return {
    id: roundIdOf(openDate),
    weekIndex: pulseWeekIndex(openDate),
    weekLabel: `uge ${isoWeek(openDate).week}`,
    openDate,
    opensAt: zonedInstant(openDate, settings.time),
    remindAt: zonedInstant(addDays(openDate, REMIND_AFTER_DAYS), settings.time),
    closesAt: zonedInstant(addDays(openDate, OPEN_DAYS), settings.time),
  };
}

/**
 * The rounds that should be opened at `now`: this week's or next week's round when
 * `now` lies between OPEN_LEAD_MS before and OPEN_LATE_MS after its opening.
 */
export function roundsToOpen(settings: Pick<PulseSettings, 'weekday' | 'time'>, now: Date): RoundTiming[] {
  const today = localDateOf(now);
  return [roundTiming(settings, today), roundTiming(settings, addDays(today, 7))].filter(
    (r) => now.getTime() >= r.opensAt.getTime() - OPEN_LEAD_MS && now.getTime() < r.opensAt.getTime() + OPEN_LATE_MS,
  );
}

/**
 * The first round of a workplace is never opened late: when its opening is more than
 * this long past (the tick's interval), it waits for the next regular opening, and the
 * leaders are told first (first-round.ts).
 */
export const FIRST_ROUND_GRACE_MS = 15 * 60_000;

/** The next regular opening at or after `startsOn` (a workplace's first round may be postponed). */
export function nextOpening(settings: Pick<PulseSettings, 'weekday' | 'time' | 'startsOn'>, now: Date): RoundTiming {
  const next = nextRoundAfter(settings, now);
  if (!settings.startsOn || next.openDate >= settings.startsOn) return next;
  const atStart = roundTiming(settings, settings.startsOn);
  return atStart.openDate >= settings.startsOn ? atStart : roundTiming(settings, addDays(settings.startsOn, 7));
}

/**
 * A round a leader starts now ("Start nu" on the first-round notice): it opens at once,
 * belongs to today's ISO week and closes at a regular opening at least 3 days away, so
 * the weekly rhythm goes on from there; the reminder comes after 2 days (or halfway).
 */
export function startNowTiming(settings: Pick<PulseSettings, 'weekday' | 'time'>, now: Date): RoundTiming {
  const today = localDateOf(now);
  let closes = nextRoundAfter(settings, now);
  if (closes.opensAt.getTime() - now.getTime() < 3 * 86_400_000) closes = roundTiming(settings, addDays(closes.openDate, 7));
  const open = closes.opensAt.getTime() - now.getTime();
  return {
    id: roundIdOf(today),
    weekIndex: pulseWeekIndex(today),
    weekLabel: `uge ${isoWeek(today).week}`,
    openDate: today,
    opensAt: now,
    remindAt: new Date(now.getTime() + Math.min(REMIND_AFTER_DAYS * 86_400_000, open / 2)),
    closesAt: closes.opensAt,
  };
}

/** The next round's timing that opens after `now` (this week's, or next week's when this week's has opened). */
export function nextRoundAfter(settings: Pick<PulseSettings, 'weekday' | 'time'>, now: Date): RoundTiming {
  const today = localDateOf(now);
  const thisWeek = roundTiming(settings, today);
  return thisWeek.opensAt.getTime() > now.getTime() ? thisWeek : roundTiming(settings, addDays(today, 7));
}

/**
 * True when the leader chose a time outside working hours or a weekend day (night
 * staff). Such pulse jobs are sent at the chosen time instead of waiting for the
 * engine's working window; a holiday on a normal weekday still waits.
 */
export function isDeliberatelyOffHours(settings: Pick<PulseSettings, 'weekday' | 'time'>, hours: { start: string; end: string }): boolean {
  return settings.weekday >= 6 || settings.time < hours.start || settings.time >= hours.end;
}

/** "2026-W48" → the quarter the round's opening day lies in, e.g. { year: 2026, quarter: 4 }. */
export function quarterOf(date: LocalDate): { year: number; quarter: number } {
  return { year: Number(date.slice(0, 4)), quarter: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 };
}

/** The quarter before the one containing `date`. */
export function previousQuarter(date: LocalDate): { year: number; quarter: number } {
  const { year, quarter } = quarterOf(date);
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

/** First and last day of a quarter. */
export function quarterRange(year: number, quarter: number): { from: LocalDate; to: LocalDate } {
  const month = (quarter - 1) * 3 + 1;
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  const next = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(month + 3).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}
