import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/sickness/policy.js';
import { reportCsv, yearlyReport } from '../../src/sickness/report.js';
import { monthlyFigures, previousMonth, showFigures, sickDaysIn, twelveMonths, type FigureCase, type MonthlyFigures } from '../../src/sickness/stats.js';
import type { SicknessCaseState } from '../../src/sickness/timeline.js';

const policy = DEFAULT_POLICY;
const sick = (firstDay: string, patch: Partial<SicknessCaseState> = {}): SicknessCaseState => ({ firstDay, partial: false, expectedDuration: 'ukendt', status: 'aktiv', contacts: [], ...patch });
const of = (personId: string, state: SicknessCaseState): FigureCase => ({ personId, policy, state });
const measure = { staff: 10, longFromDays: 30 };

describe('monthly follow-up figures', () => {
  it('counts open cases, contacts on time and samtaler within the deadline, for the month only', () => {
    const cases = [
      // Contacts on day 1 (on time) and day 3 (late); samtale held on day 20.
      of('a', sick('2026-11-02', { contacts: [{ point: 1, on: '2026-11-02' }, { point: 3, on: '2026-11-09' }], samtaleHeldOn: '2026-11-21', status: 'raskmeldt', returnDay: '2026-11-23' })),
      // Never contacted; samtale after the deadline.
      of('b', sick('2026-10-20', { samtaleBookedFor: '2026-11-20', samtaleHeldOn: '2026-11-20' })),
      // Back before November: not active in November.
      of('c', sick('2026-09-01', { status: 'raskmeldt', returnDay: '2026-10-01' })),
    ];
    const f = monthlyFigures(cases, '2026-11', '2026-12-01', measure);
    expect(f.activeCases).toBe(2);
    // A: day 1 on time, day 3 late, day 10 missed before the return (it stays missed); B: day 10 missed.
    expect(f).toMatchObject({ contactsDue: 4, contactsOnTime: 1, samtalerDue: 2, samtalerOnTime: 1, contactPeople: 2, samtalePeople: 2 });
    // Four contacts, but of two people: no share is shown.
    expect(showFigures(f)).toEqual({ activeCases: 'under 3', contactsOnTime: 'for få til en andel', samtalerOnTime: 'for få til en andel', absence: 'for få til en andel' });
    expect(previousMonth('2027-01-01')).toBe('2026-12');
    expect(twelveMonths('2027-02')).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('a samtale missed before the raskmelding stays in the figures as missed', () => {
    // Back on day 33 without a samtale: before, raskmelding cancelled it and MED never saw it.
    const missed = of('a', sick('2026-10-05', { status: 'raskmeldt', returnDay: '2026-11-07' }));
    const f = monthlyFigures([missed], '2026-11', '2026-12-01', measure);
    expect(f).toMatchObject({ samtalerDue: 1, samtalerOnTime: 0 });
  });
});

describe('fraværsprocent and short versus long absence', () => {
  it('sick working days over planned working days of the staff; partial counts half', () => {
    // November 2026 has 21 working days; 10 full-time staff plan 210.
    const cases = [
      of('a', sick('2026-11-02', { status: 'raskmeldt', returnDay: '2026-11-23' })), // 15 working days, 21 calendar days: short
      of('b', sick('2026-10-20')), // all 21 November working days, still going on (43 days by 30 Nov): ongoing long
      of('c', sick('2026-11-16', { partial: true, status: 'raskmeldt', returnDay: '2026-11-21' })), // 5 working days, half
      of('d', sick('2026-09-28', { status: 'raskmeldt', returnDay: '2026-11-04' })), // 2 November days; 37 days: long, ended in November
    ];
    expect(sickDaysIn(cases[2]!.state, '2026-11-01', '2026-11-30', '2026-12-01')).toBe(2.5);
    const f = monthlyFigures(cases, '2026-11', '2026-12-01', measure);
    expect(f).toMatchObject({ plannedDays: 210, sickDays: 15 + 21 + 2.5 + 2, absentPeople: 4 });
    expect(f).toMatchObject({ shortSpells: 2, shortPeople: 2, longSpells: 1, longPeople: 1, ongoingLong: 1 });
    expect(f.shortDays).toBe(15 + 2.5);
    // d's whole absence (from 28 September) counts in the month it ended.
    expect(f.longDays).toBe(sickDaysIn(cases[3]!.state, '2026-09-28', '2026-11-03', '2026-11-03'));
    expect(showFigures(f).absence).toBe('19,3 %');
    // Before the month ends: the planned days are the whole month, the sick days so far.
    expect(monthlyFigures(cases.slice(0, 1), '2026-11', '2026-11-10', measure).sickDays).toBe(7);
  });
});

/** Twelve stored months; `people` sick per month for a week, with fresh ids. */
function rows(last: string, perMonth: (m: number) => number): Map<string, MonthlyFigures> {
  const out = new Map<string, MonthlyFigures>();
  twelveMonths(last).forEach((month, i) => {
    const people = perMonth(i);
    const cases = Array.from({ length: people }, (_, k) => of(`p${i}-${k}`, sick(`${month}-05`, { status: 'raskmeldt', returnDay: `${month}-12` })));
    out.set(month, monthlyFigures(cases, month, `${month}-28`, measure));
  });
  return out;
}

describe("MED's yearly report", () => {
  it('12 months against the target, each month shown only when 3 or more people were absent', () => {
    const report = yearlyReport('Bostedet Solhøj', '2026-11', rows('2026-11', (i) => (i < 6 ? 2 : 4)), 5.5);
    expect(report.title).toBe('Sygefravær på Bostedet Solhøj: de seneste 12 måneder');
    expect(report.period).toBe('december 2025 til november 2026');
    expect(report.months).toHaveLength(12);
    expect(report.months.slice(0, 6).every((m) => m.absence === 'for få')).toBe(true);
    expect(report.months[6]).toMatchObject({ month: 'juni 2026' });
    expect(report.months.slice(6).every((m) => /^\d+,\d %$/.test(m.absence) && ['over målet', 'inden for målet'].includes(m.vsTarget))).toBe(true);
    const totals = Object.fromEntries(report.totals.map((c) => [c.label, c.value]));
    expect(totals['Mål']).toBe('5,5 %');
    expect(totals['Kortvarige fravær (afsluttet)']).toBe(String(6 * 2 + 6 * 4));
    expect(totals['Langvarige fravær (afsluttet)']).toBe('under 3');
    expect(totals['Sygedage i langvarige fravær']).toBe('for få');
  });

  it('no cell can be traced to one person: with one or two people nothing is a number', () => {
    for (const people of [1, 2]) {
      const report = yearlyReport('Solhøj', '2026-11', rows('2026-11', () => people), 5.5);
      for (const m of report.months) expect(m.absence, `${people} people`).toBe('for få');
      const shown = report.totals.filter((c) => c.label !== 'Mål').filter((c) => !['for få', 'under 3'].includes(c.value));
      expect(shown, `${people} people`).toEqual([]);
    }
  });

  it('every shown cell rests on at least 3 people (random workplaces)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let run = 0; run < 30; run++) {
      const months = twelveMonths('2026-11');
      const cases: FigureCase[] = [];
      const sickIn = new Map<string, Set<string>>(months.map((m) => [m, new Set()]));
      const endedIn = { short: new Set<string>(), long: new Set<string>() };
      for (let p = 0; p < 1 + Math.floor(rand() * 6); p++) {
        const start = months[Math.floor(rand() * 12)]!;
        const length = 1 + Math.floor(rand() * 50);
        const first = `${start}-0${1 + Math.floor(rand() * 8)}`;
        const state = sick(first, { status: 'raskmeldt', returnDay: addDays(first, length) });
        cases.push(of(`person-${p}`, state));
      }
      const stored = new Map(months.map((m) => [m, monthlyFigures(cases, m, '2026-12-01', measure)]));
      for (const c of cases) {
        for (const m of months) if (sickDaysIn(c.state, `${m}-01`, `${m}-31`, '2026-12-01') > 0) sickIn.get(m)!.add(c.personId);
        const last = addDays(c.state.returnDay!, -1);
        if (last >= '2025-12-01' && last <= '2026-11-30') endedIn[daysBetweenInclusive(c.state.firstDay, last) >= 30 ? 'long' : 'short'].add(c.personId);
      }
      const report = yearlyReport('Solhøj', '2026-11', stored, 5.5);
      report.months.forEach((m, i) => {
        if (m.absence !== 'for få') expect(sickIn.get(months[i]!)!.size, `run ${run} ${m.month}`).toBeGreaterThanOrEqual(3);
      });
      const totals = Object.fromEntries(report.totals.map((c) => [c.label, c.value]));
      if (totals['Kortvarige fravær (afsluttet)'] !== 'under 3') expect(endedIn.short.size, `run ${run}`).toBeGreaterThanOrEqual(3);
      if (totals['Langvarige fravær (afsluttet)'] !== 'under 3') expect(endedIn.long.size, `run ${run}`).toBeGreaterThanOrEqual(3);
      if (totals['Fraværsprocent, 12 måneder'] !== 'for få') expect(new Set(cases.map((c) => c.personId)).size).toBeGreaterThanOrEqual(3);
    }
  });

  it('the CSV holds the same cells as the card, and nothing that names or dates a person', () => {
    const stored = rows('2026-11', () => 4);
    const report = yearlyReport('Solhøj', '2026-11', stored, 5.5);
    const csv = reportCsv(report);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[3]).toBe('Måned;Fraværsprocent;Mål;I forhold til målet');
    for (const m of report.months) expect(csv).toContain(`${m.month};${m.absence};5,5 %;${m.vsTarget}`);
    for (const c of report.totals) expect(csv).toContain(`${c.label};${c.value}`);
    // No ids, no day-level dates.
    expect(csv).not.toMatch(/p\d+-\d|person-/);
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)/);
  });
});

function addDays(d: string, n: number): string {
  const t = new Date(`${d}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

function daysBetweenInclusive(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000) + 1;
}
