/**
 * Parses the "Hvornår" field of an action (handleplan): what Danish users type, from
 * "15.3.2027" over "uge 12" to "1. kvartal 2022", "start 2022" and "løbende" (seed 002),
 * into a LocalDate.
 *
 * Every form names a period: a date is a one-day period, "uge 12 2027" a week,
 * "marts 2027" a month, "primo marts 2027" its first ten days. The edge picks the
 * period's first day ('start') or last day ('end'). Without a year, the next such
 * period that has not ended before `today` is meant ("uge 12" in week 12 = this week).
 * Pure: `today` is passed in.
 */
import {
  addDays,
  DANISH_MONTH_NAMES,
  daysInMonth,
  formatDanishDate,
  isoWeek,
  isoWeeksInYear,
  localDate,
  startOfIsoWeek,
  weekdayOf,
  type LocalDate,
} from '../shared/calendar.js';
import { parsePhrase, UNKNOWN_PREFIX } from './when-phrases.js';

export type WhenEdge = 'start' | 'end';
export type WhenResult =
  | { ok: true; date: LocalDate; label: string; ongoing?: true }
  | { ok: false; message: string };
export type WhenRangeResult =
  | { ok: true; start: LocalDate; end: LocalDate; startLabel: string; endLabel: string }
  | { ok: false; field: 'start' | 'end'; message: string };

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;
const EXAMPLES = '15-03-2027, uge 12 2027, 1. kvartal 2027 eller marts 2027';

const text = {
  empty: `Skriv hvornår, fx ${EXAMPLES}.`,
  unknown: (input: string) => `${UNKNOWN_PREFIX} "${input}" som et tidspunkt. Skriv fx ${EXAMPLES}.`,
  noMonth: (m: number) => `Måned ${m} findes ikke. Skriv fx 15-03-2027 eller marts 2027.`,
  noDay: (d: number, m: number, y: number) =>
    `${d}. ${DANISH_MONTH_NAMES[m - 1]} ${y} findes ikke: ${DANISH_MONTH_NAMES[m - 1]} ${y} har ${daysInMonth(y, m)} dage.`,
  noDayAnyYear: (d: number, m: number) => `${d}. ${DANISH_MONTH_NAMES[m - 1]} findes ikke. Skriv fx 15. marts 2027.`,
  noWeek: (w: number) => `Uge ${w} findes ikke. Ugenumre går fra 1 til 52 (nogle år 53). Skriv fx uge 12 2027.`,
  noWeekInYear: (w: number, y: number) => `Uge ${w} findes ikke i ${y}: ${y} har ${isoWeeksInYear(y)} uger.`,
  noQuarter: (q: number) => `${q}. kvartal findes ikke: et år har 4 kvartaler. Skriv fx 1. kvartal 2027.`,
  noHalf: (h: number) => `${h}. halvår findes ikke: et år har 2 halvår. Skriv fx 1. halvår 2027.`,
  badYear: (y: string) => `Årstallet ${y} ser forkert ud. Skriv et år mellem ${MIN_YEAR} og ${MAX_YEAR}, fx 2027.`,
  wrongWeekday: (date: LocalDate, actual: string, typed: string) =>
    `${formatDanishDate(date)} er en ${actual}, ikke en ${typed}. Tjek datoen.`,
  endBeforeStart: (start: string, end: string) =>
    `Slut (${end}) ligger før start (${start}). Skriv en slutdato efter starten.`,
};

export interface Period { first: LocalDate; last: LocalDate; label: string; ongoing?: true }
export type Parsed = Period | { error: string };
/** Builds the period for one year; withYear decides which year(s) to try. */
type Maker = (year: number) => Parsed;

const WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'] as const;
const ORDINALS: Record<string, number> = { første: 1, anden: 2, andet: 2, tredje: 3, fjerde: 4 };
const PRIMO_ULTIMO = ['primo', 'medio', 'ultimo'] as const;
type Part = (typeof PRIMO_ULTIMO)[number];

const YEAR = '(?:[ ,/-]+(?:i )?(\\d{4}))?';
const ORD = '(\\d{1,2}|første|anden|andet|tredje|fjerde)\\.?';

export function parseWhen(input: string, edge: WhenEdge, today: LocalDate): WhenResult {
  const parsed = parsePeriod(input, today);
  if ('error' in parsed) return { ok: false, message: parsed.error };
  return { ok: true, date: edge === 'start' ? parsed.first : parsed.last, label: parsed.label, ...(parsed.ongoing ? { ongoing: true as const } : {}) };
}

/** An end label written by parseWhen for an ongoing action ("løbende", "løbende i 2022"): its end date is a review date. */
export function isOngoingLabel(label: string): boolean {
  return /^løbende\b/.test(label);
}

export function parseWhenRange(start: string, end: string, today: LocalDate): WhenRangeResult {
  const s = parseWhen(start, 'start', today);
  if (!s.ok) return { ok: false, field: 'start', message: s.message };
  // Stryker disable next-line StringLiteral: equivalent, parseWhen tells only 'start' apart
  const e = parseWhen(end, 'end', today);
  if (!e.ok) return { ok: false, field: 'end', message: e.message };
  if (e.date < s.date) return { ok: false, field: 'end', message: text.endBeforeStart(s.label, e.label) };
  return { ok: true, start: s.date, end: e.date, startLabel: s.label, endLabel: e.label };
}

function parsePeriod(raw: string, today: LocalDate): Parsed {
  const s = raw
    .normalize('NFC')
    .toLocaleLowerCase('da-DK')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,]$/, '');
  if (s === '') return { error: text.empty };
  let m: RegExpExecArray | null;

  if (/^(i ?dag|dd|dags dato)$/.test(s)) return day(today);
  if (/^i ?morgen$/.test(s)) return day(addDays(today, 1));
  // The seeds' own words around a time ("løbende i 2022", "start 2022", "inden udgangen af 2022"): when-phrases.ts.
  const phrase = parsePhrase(s, today, (rest) => parsePeriod(rest, today));
  if (phrase) return phrase;
  if ((m = /^(foråret|forår|sommeren|sommer|efteråret|efterår|vinteren|vinter|sommerferien|sommerferie)(?: (\d{4}))?$/.exec(s))) {
    const name = m[1]!;
    return withYear(m[2], today, (y) => season(name, y));
  }

  // Dates, optionally preceded by a weekday and "d."/"den".
  let rest = s;
  let weekdayWord: number | null = null;
  const wd = /^([a-zæøå]+)\.?,? (.+)/.exec(s);
  if (wd && (weekdayWord = weekdayIndex(wd[1]!)) !== null) rest = wd[2]!;
  rest = rest.replace(/^(?:d\. ?|den )/, '');
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(rest))) {
    return checkWeekday(dateOf(m[1], m[2], m[3], today), weekdayWord);
  }
  if ((m = /^(\d{1,2}) ?[-./] ?(\d{1,2})(?:(?: ?[-./] ?| )(\d{4}|\d{2}))?$/.exec(rest))) {
    return checkWeekday(dateOf(m[3], m[2], m[1], today), weekdayWord);
  }
  if ((m = /^(\d{1,2})\.? ?([a-zæøå]+)\.?(?:,? (\d{4}|\d{2}))?$/.exec(rest))) {
    const month = monthIndex(m[2]!);
    if (month !== null) return checkWeekday(dateOf(m[3], String(month), m[1], today), weekdayWord);
  }

  if ((m = /^(?:uge|u|w|week)\.? ?(\d{1,2})(?:[ ,/-]+(?:i )?(\d{4}))?$/.exec(s))) return week(Number(m[1]), m[2], today);
  if ((m = /^(\d{4})[ -]?(?:uge |u|w)(\d{1,2})$/.exec(s))) return week(Number(m[2]), m[1], today);

  if ((m = new RegExp(`^${ORD} ?(?:kvartal|kvt|kv)\\.?${YEAR}$`).exec(s))
    ?? (m = new RegExp(`^(?:q|kvartal|kvt|kv)\\.? ?(\\d{1,2})${YEAR}$`).exec(s))) {
    return quarter(ordinal(m[1]!), m[2], today);
  }
  if ((m = /^(\d{4})[ -]?q(\d{1,2})$/.exec(s))) return quarter(Number(m[2]), m[1], today);

  if ((m = new RegExp(`^${ORD} ?(?:halvår|halvåret|halvaar)${YEAR}$`).exec(s))
    ?? (m = new RegExp(`^(?:h|halvår|halvaar)\\.? ?(\\d{1,2})${YEAR}$`).exec(s))) {
    return half(ordinal(m[1]!), m[2], today);
  }

  if ((m = /^(?:(primo|medio|ultimo) )?([a-zæøå]+)\.?(?:[ ,/-]+(?:i )?(\d{4}))?$/.exec(s))) {
    const month = monthIndex(m[2]!);
    if (month !== null) return month_(month, m[3], m[1] as Part | undefined, today);
  }
  if ((m = /^(\d{1,2}) ?[-/.] ?(\d{4})$/.exec(s))) return monthNumber(Number(m[1]), m[2], today);
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) return monthNumber(Number(m[2]), m[1], today);

  if ((m = /^(?:(primo|medio|ultimo) )?(?:år )?(\d{4})$/.exec(s))) {
    const part = m[1] as Part | undefined;
    return withYear(m[2], today, (y) => yearPeriod(y, part));
  }
  return { error: text.unknown(raw.trim()) };
}

// ---------------------------------------------------------------- periods

function day(date: LocalDate): Period {
  return { first: date, last: date, label: formatDanishDate(date) };
}

function dateOf(yearText: string | undefined, monthText: string | undefined, dayText: string | undefined, today: LocalDate): Parsed {
  const mo = Number(monthText);
  const d = Number(dayText);
  if (mo < 1 || mo > 12) return { error: text.noMonth(mo) };
  if (yearText === undefined && (d < 1 || d > daysInMonth(2000, mo))) return { error: text.noDayAnyYear(d, mo) };
  return withYear(yearText, today, (y) =>
    d >= 1 && d <= daysInMonth(y, mo) ? day(localDate(y, mo, d)) : { error: text.noDay(d, mo, y) });
}

function week(w: number, yearText: string | undefined, today: LocalDate): Parsed {
  if (w < 1 || w > 53) return { error: text.noWeek(w) };
  return withYear(yearText, today, (y) => {
    if (w > isoWeeksInYear(y)) return { error: text.noWeekInYear(w, y) };
    const first = startOfIsoWeek(y, w);
    return { first, last: addDays(first, 6), label: `uge ${w} ${y}` };
  }, isoWeek(today).year);
}

function quarter(q: number, yearText: string | undefined, today: LocalDate): Parsed {
  if (q < 1 || q > 4) return { error: text.noQuarter(q) };
  return withYear(yearText, today, (y) => months(y, q * 3 - 2, q * 3, `${q}. kvartal ${y}`));
}

function half(h: number, yearText: string | undefined, today: LocalDate): Parsed {
  if (h < 1 || h > 2) return { error: text.noHalf(h) };
  return withYear(yearText, today, (y) => months(y, h * 6 - 5, h * 6, `${h}. halvår ${y}`));
}

function monthNumber(mo: number, yearText: string | undefined, today: LocalDate): Parsed {
  if (mo < 1 || mo > 12) return { error: text.noMonth(mo) };
  return month_(mo, yearText, undefined, today);
}

/** A month, or its first ten days (primo), middle ten (medio) or the rest (ultimo). */
function month_(mo: number, yearText: string | undefined, part: Part | undefined, today: LocalDate): Parsed {
  return withYear(yearText, today, (y) => {
    const whole = months(y, mo, mo, `${DANISH_MONTH_NAMES[mo - 1]} ${y}`);
    if (!part) return whole;
    const [from, to] = part === 'primo' ? [1, 10] : part === 'medio' ? [11, 20] : [21, daysInMonth(y, mo)];
    return { first: localDate(y, mo, from), last: localDate(y, mo, to), label: `${part} ${whole.label}` };
  });
}

/** A year, or its first quarter (primo), middle half (medio) or last quarter (ultimo). */
function yearPeriod(y: number, part: Part | undefined): Period {
  if (!part) return months(y, 1, 12, String(y));
  const [from, to] = part === 'primo' ? [1, 3] : part === 'medio' ? [4, 9] : [10, 12];
  return months(y, from, to, `${part} ${y}`);
}

/**
 * The seasons as Danish plans use them (forår March-May, sommer June-August, efterår
 * September-November, vinter December to February) and the school summer holiday
 * (sommerferien: uge 27 to uge 32).
 */
function season(name: string, y: number): Period {
  if (name.startsWith('sommerferie')) {
    const first = startOfIsoWeek(y, 27);
    return { first, last: addDays(startOfIsoWeek(y, 32), 6), label: `sommerferien ${y}` };
  }
  if (name.startsWith('forår')) return months(y, 3, 5, `foråret ${y}`);
  if (name.startsWith('sommer')) return months(y, 6, 8, `sommeren ${y}`);
  if (name.startsWith('efterår')) return months(y, 9, 11, `efteråret ${y}`);
  return { first: localDate(y, 12, 1), last: localDate(y + 1, 2, daysInMonth(y + 1, 2)), label: `vinteren ${y}/${String(y + 1).slice(2)}` };
}

function months(y: number, fromMonth: number, toMonth: number, label: string): Period {
  return { first: localDate(y, fromMonth, 1), last: localDate(y, toMonth, daysInMonth(y, toMonth)), label };
}

/**
 * With a year: check it and build. Without: the first period from `fromYear - 1` on
 * that has not ended before today. The tenth year is always it: 29 February comes
 * within eight years (2096 to 2104 skips 2100), week 53 within six.
 */
function withYear(yearText: string | undefined, today: LocalDate, make: Maker, fromYear = Number(today.slice(0, 4))): Parsed {
  if (yearText !== undefined) {
    const y = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    if (y < MIN_YEAR || y > MAX_YEAR) return { error: text.badYear(yearText) };
    return make(y);
  }
  let y = fromYear - 1;
  for (; y < fromYear + 8; y++) {
    const p = make(y);
    if ('last' in p && p.last >= today) return p;
  }
  return make(y);
}

// ---------------------------------------------------------------- words

/** From three letters on, a month name's start names one month ("jun", "jul", "mar", "maj"). */
function monthIndex(word: string): number | null {
  if (word.length < 3) return null;
  const i = DANISH_MONTH_NAMES.findIndex((name) => name.startsWith(word));
  return i < 0 ? null : i + 1;
}

function weekdayIndex(word: string): number | null {
  if (word.length < 3) return null;
  const i = WEEKDAYS.findIndex((name) => name.startsWith(word));
  return i < 0 ? null : i + 1;
}

function ordinal(s: string): number {
  return ORDINALS[s] ?? Number(s);
}

function checkWeekday(p: Parsed, typed: number | null): Parsed {
  if (typed === null || 'error' in p) return p;
  const actual = weekdayOf(p.first);
  if (actual === typed) return p;
  return { error: text.wrongWeekday(p.first, WEEKDAYS[actual - 1]!, WEEKDAYS[typed - 1]!) };
}
