/**
 * Formatting shared by the MUS texts (src/i18n/mus.ts, mus-plan.ts): Danish times and
 * dates as people read them, names of activities and reasons.
 */
import {
  formatDanishDate,
  localDateOf,
  localTimeOf,
  weekdayOf,
  weekLabel,
  type LocalDate,
  type LocalTime,
} from '../shared/calendar.js';


export const WEEKDAY_NAMES = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
export const hhmm = (d: Date) => localTimeOf(d).replace(':', '.');
export const when = (start: Date, end: Date) => `${formatDanishDate(localDateOf(start))} kl. ${hhmm(start)}-${hhmm(end)}`;
/** When the engine delivers a message: "nu", or "1. december 2026 kl. 07.00" outside working hours. */
export const deliveryTime = (at: Date | undefined): string => (at ? `${formatDanishDate(localDateOf(at))} kl. ${hhmm(at)}` : 'nu');
export const time = (t: string) => t.replace(':', '.');
export const names = (list: string[]) => (list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} og ${list.at(-1)}`);
export const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
/** Danish genitive: "Sofies", "Mads'". */
export const genitive = (name: string) => (/[sxz]$/i.test(name) ? `${name}'` : `${name}s`);
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "tirsdag 24. november 2026 kl. 09.00-10.00 (uge 48)" */
export function talkTime(start: Date, end: Date): string {
  const date = localDateOf(start);
  return `${WEEKDAY_NAMES[weekdayOf(date) - 1] ?? ''} ${when(start, end)} (${weekLabel(date)})`;
}

export const activityNames = { kursus: 'Kursus eller uddannelse', nyeOpgaver: 'Nye opgaver', projekt: 'Projekt', jobbytte: 'Jobbytte', andet: 'Andet' } as const;
export const activityStatusNames = { planned: 'Planlagt', started: 'I gang', done: 'Gennemført', dropped: 'Droppet' } as const;
export const notHeldNames = {
  employeeAbsent: 'Medarbejderen var fraværende',
  leaderAbsent: 'Lederen var forhindret',
  postponed: 'Udsat efter aftale',
  other: 'Andet',
} as const;
