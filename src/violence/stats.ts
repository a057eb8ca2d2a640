/**
 * The pattern TRIO and MED see (pure): monthly counts per kind, place and time of day,
 * the share with a timely talk and a timely anmeldelse, and the same month last year.
 * Only counts leave an episode: no names, no ids, no dates.
 *
 * What a channel is shown hides small groups, also against subtraction: a category
 * under 3 is never named; such categories are added up as "øvrige", and when that
 * remainder would itself be 1 or 2 (and so be known from the total), the smallest shown
 * categories are folded into it until it is 3 or more. A total under 3 shows nothing else.
 */
import { addDays, daysInMonth, type LocalDate } from '../shared/calendar.js';
import { needsAnmeldelse, timeOfDayOf, type Episode } from './model.js';
import { anmeldelseDeadline } from './rules.js';
import type { ViolencePolicy } from './settings.js';

export interface MonthlyCounts {
  total: number;
  byKind: Record<string, number>;
  byPlace: Record<string, number>;
  byTime: Record<string, number>;
  /** Episodes whose talk was offered the day of registration or the day after. */
  talkOnTime: number;
  /** Episodes that needed an anmeldelse and whose deadline has passed, or that were reported. */
  anmeldelseDue: number;
  anmeldelseOnTime: number;
}

/** The smallest count a channel is shown. */
export const MIN_SHOWN = 3;

export function monthOf(day: LocalDate): string {
  return day.slice(0, 7);
}

/** "YYYY-MM" of the month before the one `day` is in. */
export function previousMonth(day: LocalDate): string {
  return addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7);
}

export function sameMonthLastYear(month: string): string {
  return `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
}

export function monthBounds(month: string): { start: LocalDate; end: LocalDate } {
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return { start: `${month}-01`, end: `${month}-${String(days).padStart(2, '0')}` };
}

const bump = (r: Record<string, number>, key: string) => {
  r[key] = (r[key] ?? 0) + 1;
};

/** The counts of the episodes that happened in `month`, as known on `today`. */
export function monthlyCounts(episodes: readonly Episode[], month: string, policy: ViolencePolicy, today: LocalDate): MonthlyCounts {
  const { start, end } = monthBounds(month);
  const c: MonthlyCounts = { total: 0, byKind: {}, byPlace: {}, byTime: {}, talkOnTime: 0, anmeldelseDue: 0, anmeldelseOnTime: 0 };
  for (const e of episodes) {
    if (e.status !== 'aktiv' || e.occurredOn < start || e.occurredOn > end) continue;
    c.total++;
    bump(c.byKind, e.kind);
    bump(c.byPlace, e.place);
    bump(c.byTime, timeOfDayOf(e.occurredAt));
    if (e.talkOfferedOn && e.talkOfferedOn <= addDays(e.registeredOn, 1)) c.talkOnTime++;
    if (needsAnmeldelse(e)) {
      const deadline = anmeldelseDeadline(policy, e);
      if (e.anmeldtOn || deadline < today) c.anmeldelseDue++;
      if (e.anmeldtOn && e.anmeldtOn <= (deadline > e.registeredOn ? deadline : e.registeredOn)) c.anmeldelseOnTime++;
    }
  }
  return c;
}

export interface ShownRow {
  label: string;
  count: string;
}

/**
 * The rows of one breakdown as a channel may see them: categories of 3 or more by name,
 * the rest as one "øvrige" row of 3 or more (see the top of the file). `labels` names the keys.
 */
export function shownBreakdown(counts: Record<string, number>, labels: (key: string) => string, otherLabel: string): ShownRow[] {
  const entries = Object.entries(counts).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = entries.filter(([, n]) => n >= MIN_SHOWN);
  let rest = entries.filter(([, n]) => n < MIN_SHOWN).reduce((s, [, n]) => s + n, 0);
  while (rest > 0 && rest < MIN_SHOWN && shown.length > 0) rest += shown.pop()![1];
  const rows = shown.map(([key, n]) => ({ label: labels(key), count: String(n) }));
  if (rest >= MIN_SHOWN) rows.push({ label: otherLabel, count: String(rest) });
  return rows;
}

/** A count as a channel sees it: under 3 is not shown as a number. */
export function shownCount(n: number, underThree: string): string {
  return n < MIN_SHOWN ? underThree : String(n);
}

/** A share in whole percent, or undefined when fewer than 3 are behind it. */
export function shownShare(part: number, whole: number): number | undefined {
  return whole < MIN_SHOWN ? undefined : Math.round((100 * part) / whole);
}
