import { describe, expect, it } from 'vitest';
import { parseWhen, parseWhenRange, type WhenEdge } from '../../../src/actions/when.js';

const TODAY = '2026-11-24'; // Tuesday, uge 48

function ok(input: string, edge: WhenEdge = 'start', today = TODAY) {
  const r = parseWhen(input, edge, today);
  if (!r.ok) throw new Error(`expected "${input}" to parse, got: ${r.message}`);
  return r;
}

function fail(input: string, edge: WhenEdge = 'start', today = TODAY): string {
  const r = parseWhen(input, edge, today);
  if (r.ok) throw new Error(`expected "${input}" to fail, got ${r.date} (${r.label})`);
  return r.message;
}

describe('parseWhen: dates', () => {
  it.each([
    '15-03-2027', '15.3.2027', '15/3/2027', '2027-03-15', '15. marts 2027', '15 mar 2027',
    '15. mar. 2027', '15.marts 2027', '15-3-27', ' 15 - 03 - 2027 ', '15/3 2027', 'den 15. marts 2027',
    'd. 15/3/2027', 'mandag 15. marts 2027', 'man. d. 15.03.2027', '15. MARTS 2027', '15.3.2027.',
  ])('"%s" is 15 March 2027 for both edges', (input) => {
    expect(ok(input, 'start')).toEqual({ ok: true, date: '2027-03-15', label: '15. marts 2027' });
    expect(ok(input, 'end').date).toBe('2027-03-15');
  });

  it('reads abbreviated and full month names', () => {
    expect(ok('1 jan 2027').date).toBe('2027-01-01');
    expect(ok('28. feb 2027').date).toBe('2027-02-28');
    expect(ok('3 sept 2027').date).toBe('2027-09-03');
    expect(ok('9. maj 2027').date).toBe('2027-05-09');
    expect(ok('24. december 2026').label).toBe('24. december 2026');
    expect(ok('29. februar 2028').date).toBe('2028-02-29');
  });

  it('a date without year is the next such day on or after today', () => {
    expect(ok('15. marts').date).toBe('2027-03-15');
    expect(ok('15/3').date).toBe('2027-03-15');
    expect(ok('24. november').date).toBe('2026-11-24');
    expect(ok('30.11').date).toBe('2026-11-30');
    expect(ok('23. november').date).toBe('2027-11-23');
    expect(ok('29. februar').date).toBe('2028-02-29');
  });

  it('understands i dag and i morgen', () => {
    expect(ok('i dag')).toEqual({ ok: true, date: TODAY, label: '24. november 2026' });
    expect(ok('idag').date).toBe(TODAY);
    expect(ok('i morgen').date).toBe('2026-11-25');
  });

  it('rejects impossible dates with the reason', () => {
    expect(fail('31-02-2027')).toBe('31. februar 2027 findes ikke: februar 2027 har 28 dage.');
    expect(fail('29-02-2027')).toContain('har 28 dage');
    expect(fail('31. april 2027')).toContain('april 2027 har 30 dage');
    expect(fail('2027-13-01')).toContain('Måned 13 findes ikke');
    expect(fail('15-00-2027')).toContain('Måned 0 findes ikke');
    expect(fail('0-3-2027')).toContain('findes ikke');
    expect(fail('30. februar')).toContain('30. februar findes ikke');
  });

  it('rejects a weekday that does not match the date', () => {
    expect(fail('tirsdag 15. marts 2027')).toBe('15. marts 2027 er en mandag, ikke en tirsdag. Tjek datoen.');
  });

  it('rejects unlikely years', () => {
    expect(fail('15-03-1927')).toContain('Årstallet 1927 ser forkert ud');
    expect(fail('uge 12 2127')).toContain('Årstallet 2127');
  });
});

describe('parseWhen: weeks', () => {
  it.each(['uge 12 2027', 'Uge 12 2027', 'u12 2027', 'u 12 2027', 'uge12 2027', 'uge 12, 2027', 'uge 12-2027', 'uge 12 i 2027', '2027-W12', '2027 uge 12', 'w12 2027'])(
    '"%s" is Monday 22 to Sunday 28 March 2027',
    (input) => {
      expect(ok(input, 'start')).toEqual({ ok: true, date: '2027-03-22', label: 'uge 12 2027' });
      expect(ok(input, 'end')).toEqual({ ok: true, date: '2027-03-28', label: 'uge 12 2027' });
    },
  );

  it('uge 1 may start in the year before', () => {
    expect(ok('uge 1 2026').date).toBe('2025-12-29');
    expect(ok('uge 53 2026', 'end').date).toBe('2027-01-03');
  });

  it('a week without year is the next such week from today', () => {
    expect(ok('uge 12').label).toBe('uge 12 2027');
    expect(ok('uge 48')).toEqual({ ok: true, date: '2026-11-23', label: 'uge 48 2026' }); // this week
    expect(ok('uge 49').label).toBe('uge 49 2026');
    expect(ok('uge 47').label).toBe('uge 47 2027');
    expect(ok('uge 53').label).toBe('uge 53 2026');
    expect(ok('uge 53', 'start', '2027-02-01').label).toBe('uge 53 2032');
    expect(ok('uge 1', 'start', '2026-12-29').label).toBe('uge 1 2027');
  });

  it('rejects weeks that do not exist', () => {
    expect(fail('uge 54')).toContain('Uge 54 findes ikke');
    expect(fail('uge 0 2027')).toContain('Uge 0 findes ikke');
    expect(fail('uge 53 2027')).toBe('Uge 53 findes ikke i 2027: 2027 har 52 uger.');
  });
});

describe('parseWhen: quarters, half-years, months and years', () => {
  it.each(['1. kvartal 2027', '1 kvartal 2027', '1. kvt 2027', '1 kvt 2027', '1. kvt. 2027', '1kvt 2027', 'Q1 2027', 'q1-2027', 'kvartal 1 2027', '2027-Q1', '2027 q1', 'første kvartal 2027'])(
    '"%s" is January to March 2027',
    (input) => {
      expect(ok(input, 'start')).toEqual({ ok: true, date: '2027-01-01', label: '1. kvartal 2027' });
      expect(ok(input, 'end')).toEqual({ ok: true, date: '2027-03-31', label: '1. kvartal 2027' });
    },
  );

  it('reads the quarters of seed 002 and all four', () => {
    expect(ok('1. kvartal 2022', 'end').date).toBe('2022-03-31');
    expect(ok('2. kvartal 2027', 'end').date).toBe('2027-06-30');
    expect(ok('3. kvartal 2027', 'start').date).toBe('2027-07-01');
    expect(ok('4. kvartal 2027', 'end').date).toBe('2027-12-31');
  });

  it('a quarter without year is the next one that has not ended', () => {
    expect(ok('4. kvartal').label).toBe('4. kvartal 2026');
    expect(ok('1. kvartal').label).toBe('1. kvartal 2027');
    expect(ok('3. kvartal').label).toBe('3. kvartal 2027');
  });

  it('rejects quarters that do not exist', () => {
    expect(fail('5. kvartal 2027')).toBe('5. kvartal findes ikke: et år har 4 kvartaler. Skriv fx 1. kvartal 2027.');
    expect(fail('Q0 2027')).toContain('0. kvartal findes ikke');
  });

  it('reads half-years', () => {
    expect(ok('1. halvår 2027', 'end')).toEqual({ ok: true, date: '2027-06-30', label: '1. halvår 2027' });
    expect(ok('2. halvår 2027', 'start').date).toBe('2027-07-01');
    expect(ok('H2 2027', 'end').date).toBe('2027-12-31');
    expect(ok('2 halvaar 2027').label).toBe('2. halvår 2027');
    expect(fail('3. halvår 2027')).toContain('et år har 2 halvår');
  });

  it('reads months', () => {
    expect(ok('marts 2027', 'start')).toEqual({ ok: true, date: '2027-03-01', label: 'marts 2027' });
    expect(ok('marts 2027', 'end').date).toBe('2027-03-31');
    expect(ok('feb 2028', 'end').date).toBe('2028-02-29');
    expect(ok('Februar 2027', 'end').date).toBe('2027-02-28');
    expect(ok('3/2027', 'end').label).toBe('marts 2027');
    expect(ok('2027-03').label).toBe('marts 2027');
    expect(ok('december').label).toBe('december 2026');
    expect(ok('oktober').label).toBe('oktober 2027');
    expect(fail('13/2027')).toContain('Måned 13 findes ikke');
  });

  it('reads primo, medio and ultimo', () => {
    expect(ok('primo marts 2027', 'end')).toEqual({ ok: true, date: '2027-03-10', label: 'primo marts 2027' });
    expect(ok('medio marts 2027', 'start').date).toBe('2027-03-11');
    expect(ok('ultimo februar 2027', 'start').date).toBe('2027-02-21');
    expect(ok('ultimo februar 2027', 'end').date).toBe('2027-02-28');
    expect(ok('ultimo 2027', 'start')).toEqual({ ok: true, date: '2027-10-01', label: 'ultimo 2027' });
    expect(ok('primo 2027', 'end').date).toBe('2027-03-31');
  });

  it('reads a bare year', () => {
    expect(ok('2027', 'start')).toEqual({ ok: true, date: '2027-01-01', label: '2027' });
    expect(ok('2027', 'end').date).toBe('2027-12-31');
  });
});

describe('parseWhen: unreadable input', () => {
  it.each(['', '   ', 'engang', 'snart', 'ma 2027', 'uge', '15 marts 20277', '1.2.3.4'])('"%s" gets a Danish hint with examples', (input) => {
    const message = fail(input);
    expect(message).toMatch(/Skriv/);
    expect(message).toContain('uge 12 2027');
  });

  it('quotes what the user wrote', () => {
    expect(fail('engang')).toBe(
      'Jeg kan ikke læse "engang" som et tidspunkt. Skriv fx 15-03-2027, uge 12 2027, 1. kvartal 2027 eller marts 2027.',
    );
  });
});

describe('parseWhenRange', () => {
  it('resolves start to the first and end to the last day', () => {
    expect(parseWhenRange('1. kvartal 2027', '2. kvartal 2027', TODAY)).toEqual({
      ok: true, start: '2027-01-01', end: '2027-06-30', startLabel: '1. kvartal 2027', endLabel: '2. kvartal 2027',
    });
    expect(parseWhenRange('uge 12 2027', 'uge 12 2027', TODAY)).toMatchObject({ ok: true, start: '2027-03-22', end: '2027-03-28' });
    expect(parseWhenRange('15-03-2027', '15-03-2027', TODAY)).toMatchObject({ ok: true });
    expect(parseWhenRange('i dag', 'marts', TODAY)).toMatchObject({ ok: true, start: TODAY, end: '2027-03-31' });
  });

  it('reports which field is wrong', () => {
    expect(parseWhenRange('31-02-2027', 'marts 2027', TODAY)).toMatchObject({ ok: false, field: 'start' });
    expect(parseWhenRange('marts 2027', 'uge 54', TODAY)).toMatchObject({ ok: false, field: 'end' });
  });

  it('rejects an end before the start, in Danish', () => {
    expect(parseWhenRange('2. kvartal 2027', '1. kvartal 2027', TODAY)).toEqual({
      ok: false,
      field: 'end',
      message: 'Slut (1. kvartal 2027) ligger før start (2. kvartal 2027). Skriv en slutdato efter starten.',
    });
    expect(parseWhenRange('16-03-2027', '15-03-2027', TODAY)).toMatchObject({ ok: false, field: 'end' });
  });
});

describe('parseWhen: the seeds\' own wording (issue 13)', () => {
  it('"løbende" is an ongoing action whose end is a review date three months on', () => {
    expect(ok('løbende', 'start')).toEqual({ ok: true, date: TODAY, label: 'løbende', ongoing: true });
    expect(ok('løbende', 'end')).toEqual({ ok: true, date: '2027-02-24', label: 'løbende', ongoing: true });
    expect(ok('Start nu og løbende', 'end')).toMatchObject({ date: '2027-02-24', ongoing: true });
    expect(ok('start nu og løbende', 'start').date).toBe(TODAY);
  });

  it('"løbende i 2027" runs through the year and is reviewed at its end', () => {
    expect(ok('løbende i 2027', 'start')).toEqual({ ok: true, date: '2027-01-01', label: 'løbende i 2027', ongoing: true });
    expect(ok('løbende i 2027', 'end').date).toBe('2027-12-31');
    expect(ok('løbende i 2022', 'end', '2022-01-10').date).toBe('2022-12-31');
  });

  it.each([
    ['start 2022', '2022-01-01', '2022-03-31', 'start 2022'],
    ['start december 2021', '2021-12-01', '2021-12-10', 'start december 2021'],
    ['starten af 2. kvartal 2027', '2027-04-01', '2027-04-30', 'start 2. kvartal 2027'],
    ['sommeren 2022', '2022-06-01', '2022-08-31', 'sommeren 2022'],
    ['i foråret 2027', '2027-03-01', '2027-05-31', 'foråret 2027'],
    ['efteråret 2027', '2027-09-01', '2027-11-30', 'efteråret 2027'],
    ['vinteren 2026', '2026-12-01', '2027-02-28', 'vinteren 2026/27'],
    ['inden udgangen af 2022', '2022-01-01', '2022-12-31', 'inden udgangen af 2022'],
    ['inden udgangen 2022', '2022-01-01', '2022-12-31', 'inden udgangen af 2022'],
    ['Gennemført inden udgangen 2022', '2022-01-01', '2022-12-31', 'inden udgangen af 2022'],
    ['inden udgangen af 1. kvartal 2022', '2022-01-01', '2022-03-31', 'inden udgangen af 1. kvartal 2022'],
    ['udgangen af 2027', '2027-12-01', '2027-12-31', 'udgangen af 2027'],
    ['senest marts 2027', '2027-03-01', '2027-03-31', 'inden marts 2027'],
    ['i løbet af 2027', '2027-01-01', '2027-12-31', '2027'],
    ['inden sommerferien 2027', '2027-06-01', '2027-07-04', 'inden sommerferien 2027'],
  ])('"%s" is %s to %s', (input, first, last, label) => {
    expect(ok(input, 'start', '2021-11-24')).toMatchObject({ date: first, label });
    expect(ok(input, 'end', '2021-11-24').date).toBe(last);
  });

  it('without a year a season is the next one that has not ended', () => {
    expect(ok('sommeren', 'end').date).toBe('2027-08-31');
    expect(ok('til sommer', 'end').date).toBe('2027-08-31');
    expect(ok('vinteren', 'start').date).toBe('2026-12-01');
  });

  it('"nu" and "straks" are today', () => {
    expect(ok('nu').date).toBe(TODAY);
    expect(ok('start nu').date).toBe(TODAY);
    expect(ok('straks', 'end').date).toBe(TODAY);
  });

  it('a phrase around a wrong time says what is wrong with the time', () => {
    expect(fail('inden udgangen af uge 54')).toContain('Uge 54 findes ikke');
    expect(fail('start 2150')).toContain('Årstallet 2150 ser forkert ud');
    expect(fail('inden udgangen af noget')).toContain('Jeg kan ikke læse "inden udgangen af noget"');
  });

  it('a range from "start nu" to "løbende" is ongoing, and the end label says so', () => {
    const r = parseWhenRange('nu', 'løbende', TODAY);
    expect(r).toEqual({ ok: true, start: TODAY, end: '2027-02-24', startLabel: '24. november 2026', endLabel: 'løbende' });
  });
});
