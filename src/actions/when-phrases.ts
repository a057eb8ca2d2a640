/**
 * The words around a time in a real handleplan (seed 002): "løbende i 2022", "start nu
 * og løbende", "start 2022", "inden udgangen af 1. kvartal 2022", "gennemført inden
 * udgangen 2022", "inden sommerferien". Each phrase wraps a time that `parse` (the rest
 * of when.ts) reads; this file only says what the words do to that period. Pure.
 */
import { addDays, daysBetween, daysInMonth, formatDanishDate, localDate, type LocalDate } from '../shared/calendar.js';
import type { Parsed, Period } from './when.js';

/** An ongoing action ("løbende") without a period is followed up this many months on. */
export const ONGOING_REVIEW_MONTHS = 3;

const NOW = /^(?:(?:start|starte|starter|opstart) )?(?:nu|straks|med det samme|snarest|hurtigst muligt)$/;
const ONGOING = /^(?:(?:start|starte|starter|opstart)(?: nu)? og |nu og )?løbende(?: (i|fra|gennem|hele|i hele|over) (.+))?$/;
const DONE_WORDS = /^(?:skal være færdig|senest færdig|gennemført|gennemføres|færdig|afsluttet|afsluttes|klar) (.+)$/;
const BEFORE_END = /^(?:inden|senest|indtil|til og med|før) (?:udgangen|slutningen|afslutningen)(?: af)? (.+)$/;
const AT_END = /^(?:ved |i |til )?(?:udgangen|slutningen|afslutningen)(?: af)? (.+)$/;
const BEFORE = /^(?:inden|senest|indtil|til og med) (.+)$/;
const AT_START = /^(?:i |fra )?(?:starten af|begyndelsen af|opstart i|opstartes|opstart|starten|start) (.+)$/;
const DURING = /^(?:i løbet af|i hele|hele|fra|i|til|om) (.+)$/;
const SUMMER_HOLIDAY = /^(inden|før|efter) sommerferien(?: (\d{4}))?$/;

/**
 * The period a phrase names, `{ error }` when the time inside it is wrong in a way worth
 * saying ("uge 54 findes ikke"), or undefined when the text is no phrase (or names no
 * time `parse` can read): then the plain forms of when.ts are tried.
 */
export function parsePhrase(s: string, today: LocalDate, parse: (rest: string) => Parsed): Parsed | undefined {
  let m: RegExpExecArray | null;
  const inner = (rest: string, wrap: (p: Period) => Period): Parsed | undefined => {
    const p = parse(rest);
    if ('error' in p) return p.error.startsWith(UNKNOWN_PREFIX) ? undefined : p;
    return wrap(p);
  };

  if (NOW.test(s)) return { first: today, last: today, label: formatDanishDate(today) };

  if ((m = ONGOING.exec(s))) {
    const [, prep, rest] = m;
    if (!rest) return { first: today, last: addMonths(today, ONGOING_REVIEW_MONTHS), label: 'løbende', ongoing: true };
    return inner(rest, (p) => ({ first: p.first, last: p.last, label: `løbende ${prep} ${p.label}`, ongoing: true }));
  }

  if ((m = DONE_WORDS.exec(s))) return inner(m[1]!, (p) => p);
  if ((m = BEFORE_END.exec(s))) return inner(m[1]!, (p) => ({ ...p, label: `inden udgangen af ${p.label}` }));
  if ((m = AT_END.exec(s))) return inner(m[1]!, (p) => ({ ...lastPart(p), label: `udgangen af ${p.label}` }));

  if ((m = SUMMER_HOLIDAY.exec(s))) {
    const [, word, year] = m;
    return inner(year ? `sommerferien ${year}` : 'sommerferien', (p) =>
      word === 'efter'
        ? { first: addDays(p.last, 1), last: addDays(p.last, 31), label: `efter ${p.label}` }
        : { first: localDate(Number(p.first.slice(0, 4)), 6, 1), last: addDays(p.first, -1), label: `inden ${p.label}` },
    );
  }
  if ((m = BEFORE.exec(s))) return inner(m[1]!, (p) => ({ ...p, label: `inden ${p.label}` }));
  if ((m = AT_START.exec(s))) return inner(m[1]!, (p) => ({ ...firstPart(p), label: `start ${p.label}` }));
  if ((m = DURING.exec(s))) return inner(m[1]!, (p) => p);
  return undefined;
}

/** when.ts words its "cannot read" message so; a phrase around unreadable text is no phrase. */
export const UNKNOWN_PREFIX = 'Jeg kan ikke læse';

/** The start of a period: a year's first quarter, a quarter's (or season's) first month, a month's first ten days. */
function firstPart(p: Period): Period {
  const span = daysBetween(p.first, p.last);
  const y = Number(p.first.slice(0, 4));
  const mo = Number(p.first.slice(5, 7));
  if (span >= 360) return { ...p, last: endOfMonth(addMonths(p.first, 2)) };
  if (span >= 40) return { ...p, last: endOfMonth(p.first) };
  if (span >= 27 && p.first.endsWith('-01')) return { ...p, last: localDate(y, mo, 10) };
  return p;
}

/** The end of a period: a year's or quarter's last month, a month's last days from the 21st. */
function lastPart(p: Period): Period {
  const span = daysBetween(p.first, p.last);
  const y = Number(p.last.slice(0, 4));
  const mo = Number(p.last.slice(5, 7));
  if (span >= 40) return { ...p, first: localDate(y, mo, 1) };
  if (span >= 27 && p.first.endsWith('-01')) return { ...p, first: localDate(y, mo, 21) };
  return p;
}

function endOfMonth(date: LocalDate): LocalDate {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  return localDate(y, mo, daysInMonth(y, mo));
}

function addMonths(date: LocalDate, months: number): LocalDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (m % 12) + 1;
  return localDate(year, month, Math.min(Number(date.slice(8, 10)), daysInMonth(year, month)));
}
