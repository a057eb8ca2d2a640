/**
 * MED's yearly sickness report (004:504-511: "Ledelsen skal årligt fremlægge en
 * arbejdspladsbaseret sygefraværsstatistik for det lokale MED-udvalg"): the 12 months
 * ending with the last full month, from the stored monthly figures (stats.ts). The card
 * and the CSV show the same cells, built once here: a cell that rests on fewer than 3
 * people is "for få" or "under 3", never a number. No names, no ids, no dates below a
 * month.
 *
 * The CSV is served by the bot behind a short-lived link signed like the actions export
 * (HMAC over "sickness-report", the workplace and the expiry), so an actions link does
 * not open the report and the other way round.
 */
import type { Clock } from '../core/clock.js';
import type { RouteDef } from '../core/feature.js';
import { checkLink, csvCell, sign } from '../actions/export.js';
import { monthName, reportText as r } from '../i18n/sickness.js';
import { MIN_SHOWN, percentText, twelveMonths, type MonthlyFigures } from './stats.js';

export const REPORT_PATH = '/downloads/sygefravaer/:workplaceId';
export const REPORT_TTL_MINUTES = 15;

export interface ReportCell {
  label: string;
  value: string;
}

export interface YearlyReport {
  title: string;
  period: string;
  target: string;
  /** The 12 months, oldest first: the fraværsprocent and how it stands to the target. */
  months: { month: string; absence: string; vsTarget: string }[];
  /** The year as a whole. */
  totals: ReportCell[];
}

const max = (xs: readonly number[]) => xs.reduce((a, b) => (b > a ? b : a), 0);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The report of the 12 months ending with `lastMonth`, from one figures row per month (missing months count as empty). */
export function yearlyReport(workplaceName: string, lastMonth: string, rows: ReadonlyMap<string, MonthlyFigures>, targetPercent: number): YearlyReport {
  const months = twelveMonths(lastMonth);
  const get = (m: string) => rows.get(m);
  const all = months.map(get).filter((f): f is MonthlyFigures => f !== undefined);
  const last = get(lastMonth);
  const pick = (k: keyof MonthlyFigures) => all.map((f) => f[k]);
  const target = percentText(targetPercent);
  const vs = (p: number) => (p > targetPercent ? r.overTarget : r.atOrUnderTarget);

  const monthsOut = months.map((m) => {
    const f = get(m);
    if (!f || f.absentPeople < MIN_SHOWN || f.plannedDays <= 0) return { month: monthName(m), absence: r.tooFew, vsTarget: '' };
    const p = (100 * f.sickDays) / f.plannedDays;
    return { month: monthName(m), absence: percentText(p), vsTarget: vs(p) };
  });

  // People over the year: a lower bound (the rolling count, or the busiest month); both can only hide more.
  const yearPeople = Math.max(last?.people12 ?? 0, max(pick('absentPeople')));
  const planned = sum(pick('plannedDays'));
  const sick = sum(pick('sickDays'));
  const yearAbsence = yearPeople >= MIN_SHOWN && planned > 0 ? percentText((100 * sick) / planned) : r.tooFew;
  const spells = (kind: 'short' | 'long'): ReportCell[] => {
    const n = sum(pick(`${kind}Spells`));
    const people = Math.max(last?.[`${kind}People12`] ?? 0, max(pick(`${kind}People`)));
    const shown = n >= MIN_SHOWN && people >= MIN_SHOWN;
    return [
      { label: r.spells[kind], value: shown ? String(n) : r.underThree },
      { label: r.days[kind], value: shown ? r.dayCount(sum(pick(`${kind}Days`))) : r.tooFew },
    ];
  };
  const share = (part: keyof MonthlyFigures, whole: keyof MonthlyFigures, people: keyof MonthlyFigures) => {
    const w = sum(pick(whole));
    return w >= MIN_SHOWN && max(pick(people)) >= MIN_SHOWN ? `${Math.round((100 * sum(pick(part))) / w)} %` : r.tooFew;
  };
  const ongoing = last?.ongoingLong ?? 0;
  return {
    title: r.title(workplaceName),
    period: r.period(monthName(months[0]!), monthName(lastMonth)),
    target,
    months: monthsOut,
    totals: [
      { label: r.yearAbsence, value: yearAbsence },
      { label: r.target, value: target },
      ...spells('short'),
      ...spells('long'),
      { label: r.ongoingLong, value: ongoing >= MIN_SHOWN ? String(ongoing) : r.underThree },
      { label: r.contactsOnTime, value: share('contactsOnTime', 'contactsDue', 'contactPeople') },
      { label: r.samtalerOnTime, value: share('samtalerOnTime', 'samtalerDue', 'samtalePeople') },
    ],
  };
}

/** The same cells as the card, for Danish Excel (UTF-8 with BOM, semicolons, CRLF). */
export function reportCsv(report: YearlyReport): string {
  const lines = [
    [r.csv.title, report.title],
    [r.csv.period, report.period],
    [],
    [r.csv.month, r.csv.absence, r.csv.target, r.csv.vsTarget],
    ...report.months.map((m) => [m.month, m.absence, report.target, m.vsTarget]),
    [],
    [r.csv.figure, r.csv.value],
    ...report.totals.map((c) => [c.label, c.value]),
    [],
    [r.note],
  ];
  return `\ufeff${lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

const scoped = (workplaceId: string) => `sickness-report\n${workplaceId}`;

export function reportUrl(baseUrl: string, secret: string | Buffer, workplaceId: string, now: number): string {
  const exp = now + REPORT_TTL_MINUTES * 60_000;
  return `${baseUrl}${REPORT_PATH.replace(':workplaceId', encodeURIComponent(workplaceId))}?exp=${exp}&sig=${sign(secret, scoped(workplaceId), exp)}`;
}

export function reportRoute(deps: { clock: Clock; secret: string | Buffer; build(workplaceId: string): Promise<YearlyReport | undefined> }): RouteDef {
  const text = (status: number, body: string) => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
  return {
    path: REPORT_PATH,
    async handle({ params, query }) {
      const workplaceId = params.workplaceId ?? '';
      const check = checkLink(deps.secret, scoped(workplaceId), query.exp, query.sig, deps.clock.now().getTime());
      if (check === 'forged') return text(403, r.forged);
      if (check === 'expired') return text(410, r.expired);
      const report = await deps.build(workplaceId);
      if (!report) return text(404, r.forged);
      return {
        status: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="sygefravaer-${workplaceId}.csv"` },
        body: Buffer.from(reportCsv(report), 'utf8'),
      };
    },
  };
}
