import { describe, expect, it } from 'vitest';
import { isOngoingLabel, parseWhen, type WhenEdge } from '../../../src/actions/when.js';

/**
 * More of what people type in Hvornår (issue 23): every spelling the parser promises,
 * the year limits, and words that only look like a date. when.test.ts has the main forms.
 */

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

const period = (input: string, today = TODAY) => [ok(input, 'start', today).date, ok(input, 'end', today).date, ok(input, 'start', today).label];

describe('typing noise', () => {
  it('reads several spaces, tabs and line breaks as one space', () => {
    expect(period('uge   12\t 2027')).toEqual(['2027-03-22', '2027-03-28', 'uge 12 2027']);
    expect(ok('15.  marts\n2027').date).toBe('2027-03-15');
  });

  it('reads a decomposed å (as some keyboards send it) like the composed one', () => {
    expect(ok('foråret 2027'.normalize('NFD')).label).toBe('foråret 2027');
  });

  it('drops one trailing full stop or comma', () => {
    expect(ok('marts 2027,').label).toBe('marts 2027');
    expect(ok('uge 12 2027.').label).toBe('uge 12 2027');
  });
});

describe('today and tomorrow', () => {
  it.each(['i dag', 'idag', 'dd', 'dags dato', 'I DAG'])('"%s" is today', (input) => {
    expect(ok(input)).toEqual({ ok: true, date: TODAY, label: '24. november 2026' });
  });

  it.each(['i morgen', 'imorgen'])('"%s" is tomorrow', (input) => {
    expect(ok(input, 'end')).toEqual({ ok: true, date: '2026-11-25', label: '25. november 2026' });
  });

  it('does not read a word that merely ends like "i dag" or "i morgen" as a day', () => {
    fail('tirsdag i dag');
    fail('dd dd');
    fail('hver morgen');
  });
});

describe('dates', () => {
  it.each([
    ['2027-3-5', '2027-03-05'],
    ['5/3', '2027-03-05'],
    ['5.3.27', '2027-03-05'],
    ['d.5/3/2027', '2027-03-05'],
    ['den 5/3', '2027-03-05'],
    ['5. marts, 2027', '2027-03-05'],
    ['5 marts 27', '2027-03-05'],
    ['5.marts', '2027-03-05'],
    ['fredag, 5. marts 2027', '2027-03-05'],
    ['fre 5/3 2027', '2027-03-05'],
    ['lørdag 6. marts 2027', '2027-03-06'],
    ['søndag d. 7. marts 2027', '2027-03-07'],
    ['1. januar 2000', '2000-01-01'],
    ['31/12/2099', '2099-12-31'],
    ['1/1/00', '2000-01-01'],
  ])('"%s" is %s', (input, date) => {
    expect(ok(input).date).toBe(date);
    expect(ok(input, 'end').date).toBe(date);
  });

  it('gives the day and month in the label', () => {
    expect(ok('5/3 2027').label).toBe('5. marts 2027');
  });

  it('refuses years before 2000 and after 2099, naming the year typed', () => {
    expect(fail('31/12/1999')).toBe('Årstallet 1999 ser forkert ud. Skriv et år mellem 2000 og 2099, fx 2027.');
    expect(fail('1. januar 2100')).toBe('Årstallet 2100 ser forkert ud. Skriv et år mellem 2000 og 2099, fx 2027.');
  });

  it('refuses day 0 and a day past the month even without a year', () => {
    expect(fail('0/3')).toBe('0. marts findes ikke. Skriv fx 15. marts 2027.');
    expect(fail('32/1')).toBe('32. januar findes ikke. Skriv fx 15. marts 2027.');
    expect(fail('31/4')).toBe('31. april findes ikke. Skriv fx 15. marts 2027.');
    expect(fail('13/13')).toBe('Måned 13 findes ikke. Skriv fx 15-03-2027 eller marts 2027.');
  });

  it('without a year, 29 February is the next leap day, up to eight years on', () => {
    expect(ok('29/2', 'start', '2096-03-01').date).toBe('2104-02-29');
    expect(ok('29. feb', 'start', '2028-02-29').date).toBe('2028-02-29');
    expect(ok('29. feb', 'start', '2028-03-01').date).toBe('2032-02-29');
  });

  it('reads a weekday of two letters as nothing, and a word that is no weekday as no date', () => {
    fail('ma 15-03-2027');
    fail('omkring 15-03-2027');
    fail('mandagen 15-03-2027');
  });

  it('names both weekdays when they do not match, also for Saturday and Sunday', () => {
    expect(fail('søndag 6. marts 2027')).toBe('6. marts 2027 er en lørdag, ikke en søndag. Tjek datoen.');
    expect(fail('lørdag 7/3 2027')).toBe('7. marts 2027 er en søndag, ikke en lørdag. Tjek datoen.');
  });
});

describe('weeks', () => {
  it.each(['week 12 2027', 'uge. 12 2027', 'uge 12/2027', 'u.12 2027', '2027w12', '2027u12', '2027 w12', 'W12-2027', 'uge 12 ,2027'])('"%s" is uge 12 2027', (input) => {
    expect(period(input)).toEqual(['2027-03-22', '2027-03-28', 'uge 12 2027']);
  });

  it('reads week 1 and week 53 at their limits', () => {
    expect(period('uge 1 2027')).toEqual(['2027-01-04', '2027-01-10', 'uge 1 2027']);
    expect(period('uge 53 2026')).toEqual(['2026-12-28', '2027-01-03', 'uge 53 2026']);
    expect(fail('uge 53 2025')).toBe('Uge 53 findes ikke i 2025: 2025 har 52 uger.');
    expect(fail('uge 54 2026')).toBe('Uge 54 findes ikke. Ugenumre går fra 1 til 52 (nogle år 53). Skriv fx uge 12 2027.');
  });

  it('in the first days of January that belong to last year\'s week 53, "uge 53" is this week', () => {
    expect(ok('uge 53', 'start', '2027-01-02').label).toBe('uge 53 2026');
    expect(ok('uge 1', 'start', '2027-01-02').label).toBe('uge 1 2027');
  });
});

describe('quarters and half-years', () => {
  it.each([
    ['anden kvartal 2027', '2027-04-01', '2027-06-30', '2. kvartal 2027'],
    ['andet kvartal 2027', '2027-04-01', '2027-06-30', '2. kvartal 2027'],
    ['tredje kvartal 2027', '2027-07-01', '2027-09-30', '3. kvartal 2027'],
    ['fjerde kvt. 2027', '2027-10-01', '2027-12-31', '4. kvartal 2027'],
    ['3. kv 2027', '2027-07-01', '2027-09-30', '3. kvartal 2027'],
    ['kv. 2 2027', '2027-04-01', '2027-06-30', '2. kvartal 2027'],
    ['kvt 4 i 2027', '2027-10-01', '2027-12-31', '4. kvartal 2027'],
    ['2027q3', '2027-07-01', '2027-09-30', '3. kvartal 2027'],
    ['2027-q4', '2027-10-01', '2027-12-31', '4. kvartal 2027'],
    ['q2/2027', '2027-04-01', '2027-06-30', '2. kvartal 2027'],
    ['første halvår 2027', '2027-01-01', '2027-06-30', '1. halvår 2027'],
    ['andet halvåret 2027', '2027-07-01', '2027-12-31', '2. halvår 2027'],
    ['h1 2027', '2027-01-01', '2027-06-30', '1. halvår 2027'],
    ['h. 2 i 2027', '2027-07-01', '2027-12-31', '2. halvår 2027'],
    ['halvår 1 2027', '2027-01-01', '2027-06-30', '1. halvår 2027'],
    ['halvaar 2, 2027', '2027-07-01', '2027-12-31', '2. halvår 2027'],
    ['2.halvår 2027', '2027-07-01', '2027-12-31', '2. halvår 2027'],
  ])('"%s" is %s to %s', (input, first, last, label) => {
    expect(period(input)).toEqual([first, last, label]);
  });

  it('a half-year without year is the next one that has not ended', () => {
    expect(ok('2. halvår').label).toBe('2. halvår 2026');
    expect(ok('1. halvår').label).toBe('1. halvår 2027');
    expect(ok('1. halvår', 'start', '2027-06-30').label).toBe('1. halvår 2027');
    expect(ok('1. halvår', 'start', '2027-07-01').label).toBe('1. halvår 2028');
  });

  it('refuses half-year 0 and quarter 0 with the rule', () => {
    expect(fail('0. halvår 2027')).toBe('0. halvår findes ikke: et år har 2 halvår. Skriv fx 1. halvår 2027.');
    expect(fail('h3 2027')).toBe('3. halvår findes ikke: et år har 2 halvår. Skriv fx 1. halvår 2027.');
    expect(fail('0. kvartal 2027')).toBe('0. kvartal findes ikke: et år har 4 kvartaler. Skriv fx 1. kvartal 2027.');
  });
});

describe('months, parts of months and years', () => {
  it.each([
    ['marts/2027', '2027-03-01', '2027-03-31', 'marts 2027'],
    ['mar-2027', '2027-03-01', '2027-03-31', 'marts 2027'],
    ['marts i 2027', '2027-03-01', '2027-03-31', 'marts 2027'],
    ['mar. 2027', '2027-03-01', '2027-03-31', 'marts 2027'],
    ['april, 2027', '2027-04-01', '2027-04-30', 'april 2027'],
    ['03.2027', '2027-03-01', '2027-03-31', 'marts 2027'],
    ['3 - 2027', '2027-03-01', '2027-03-31', 'marts 2027'],
    ['12/2026', '2026-12-01', '2026-12-31', 'december 2026'],
    ['2027-3', '2027-03-01', '2027-03-31', 'marts 2027'],
    ['primo januar 2027', '2027-01-01', '2027-01-10', 'primo januar 2027'],
    ['medio januar 2027', '2027-01-11', '2027-01-20', 'medio januar 2027'],
    ['ultimo januar 2027', '2027-01-21', '2027-01-31', 'ultimo januar 2027'],
    ['ultimo februar 2028', '2028-02-21', '2028-02-29', 'ultimo februar 2028'],
    ['medio 2027', '2027-04-01', '2027-09-30', 'medio 2027'],
    ['primo 2027', '2027-01-01', '2027-03-31', 'primo 2027'],
    ['ultimo 2027', '2027-10-01', '2027-12-31', 'ultimo 2027'],
    ['år 2027', '2027-01-01', '2027-12-31', '2027'],
  ])('"%s" is %s to %s', (input, first, last, label) => {
    expect(period(input)).toEqual([first, last, label]);
  });

  it('refuses month 0 and month 13 as numbers', () => {
    expect(fail('0/2027')).toBe('Måned 0 findes ikke. Skriv fx 15-03-2027 eller marts 2027.');
    expect(fail('2027-13')).toBe('Måned 13 findes ikke. Skriv fx 15-03-2027 eller marts 2027.');
  });

  it('a month or a part of it without year is the next that has not ended', () => {
    expect(ok('november').label).toBe('november 2026');
    expect(ok('primo november').label).toBe('primo november 2027');
    expect(ok('medio november').label).toBe('medio november 2027');
    expect(ok('ultimo november').label).toBe('ultimo november 2026');
  });

  it('a month name needs three letters, and a word that is no month is not read as one', () => {
    expect(fail('ju 2027')).toContain('Jeg kan ikke læse "ju 2027"');
    expect(fail('primo ju 2027')).toContain('Jeg kan ikke læse');
    expect(fail('marx 2027')).toContain('Jeg kan ikke læse');
    expect(fail('5 marx 2027')).toContain('Jeg kan ikke læse');
    expect(ok('jul 2027').label).toBe('juli 2027');
    expect(ok('jun 2027').label).toBe('juni 2027');
  });

  it('refuses a year outside 2000-2099 for every kind of period', () => {
    expect(fail('marts 1999')).toContain('Årstallet 1999');
    expect(fail('1. kvartal 2100')).toContain('Årstallet 2100');
    expect(fail('2100')).toContain('Årstallet 2100');
    expect(ok('2099', 'end').date).toBe('2099-12-31');
    expect(ok('2000').date).toBe('2000-01-01');
  });
});

describe('seasons', () => {
  it.each([
    ['forår 2027', '2027-03-01', '2027-05-31', 'foråret 2027'],
    ['sommer 2027', '2027-06-01', '2027-08-31', 'sommeren 2027'],
    ['efterår 2027', '2027-09-01', '2027-11-30', 'efteråret 2027'],
    ['vinter 2027', '2027-12-01', '2028-02-29', 'vinteren 2027/28'],
    ['sommerferien 2027', '2027-07-05', '2027-08-15', 'sommerferien 2027'],
    ['sommerferie 2026', '2026-06-29', '2026-08-09', 'sommerferien 2026'],
  ])('"%s" is %s to %s', (input, first, last, label) => {
    expect(period(input)).toEqual([first, last, label]);
  });

  it('without a year, the winter that began last December is still this winter in January', () => {
    expect(period('vinteren', '2027-01-15')).toEqual(['2026-12-01', '2027-02-28', 'vinteren 2026/27']);
    expect(ok('foråret', 'start', '2027-06-01').label).toBe('foråret 2028');
  });
});

describe('isOngoingLabel', () => {
  it('knows the labels parseWhen writes for an ongoing action, and nothing else', () => {
    expect(isOngoingLabel(ok('løbende', 'end').label)).toBe(true);
    expect(isOngoingLabel(ok('løbende i 2027', 'end').label)).toBe(true);
    expect(isOngoingLabel('marts 2027')).toBe(false);
    expect(isOngoingLabel('ikke løbende')).toBe(false);
    expect(isOngoingLabel('løbendex')).toBe(false);
  });
});

describe('the whole field is the time: nothing before or after it is cut away', () => {
  it.each([
    'ikke i dag', 'i dag om en uge', 'ikke i morgen', 'i morgen tidlig',
    'sommeren 2027 eller 2028', 'ikke sommeren 2027',
    '12027-03-15', '2027-03-155', '115-03-2027', '15-03-20277', '115. marts 2027',
    'ikke uge 12', 'uge 123', 'uge 12 20277', '12027w12', '2027w123',
    'x1. kvartal 2027', '1. kvartal 20277', 'ikke q1 2027', 'q1 20277', '12027q1', '2027q1x',
    'x1. halvår 2027', '1. halvår 20277', 'ikke h1 2027', 'h1 20277',
    'ikke marts 2027', 'marts 2027 og april', 'primo marts 20277',
    '103/2027', '3/20277', '12027-03', '2027-033', 'ikke 2027', '20277',
  ])('"%s" is not read as a time', (input) => {
    expect(fail(input)).toBe(`Jeg kan ikke læse "${input}" som et tidspunkt. Skriv fx 15-03-2027, uge 12 2027, 1. kvartal 2027 eller marts 2027.`);
  });
});

describe('an empty field', () => {
  it.each(['', '   ', '\t\n', '.'])('%j asks for a time with examples, not "cannot read"', (input) => {
    expect(fail(input)).toBe('Skriv hvornår, fx 15-03-2027, uge 12 2027, 1. kvartal 2027 eller marts 2027.');
  });
});

describe('more edges', () => {
  it('reads day 1 without a year and month 1 as a number', () => {
    expect(ok('1/3').date).toBe('2027-03-01');
    expect(period('1/2027')).toEqual(['2027-01-01', '2027-01-31', 'januar 2027']);
  });

  it('says a two-digit quarter does not exist, also written after the year', () => {
    expect(fail('2027q12')).toBe('12. kvartal findes ikke: et år har 4 kvartaler. Skriv fx 1. kvartal 2027.');
  });

  it('a weekday before an impossible date gets the date\'s error', () => {
    expect(fail('mandag 31-02-2027')).toBe('31. februar 2027 findes ikke: februar 2027 har 28 dage.');
  });

  it('quotes what was typed without the blanks around it', () => {
    expect(fail('  engang  ')).toBe('Jeg kan ikke læse "engang" som et tidspunkt. Skriv fx 15-03-2027, uge 12 2027, 1. kvartal 2027 eller marts 2027.');
  });

  it.each(['10.00 mandag 15/3 2027', '15. marts den 2027'])('"%s": a weekday or "den" counts only at the start', (input) => {
    expect(fail(input)).toContain('Jeg kan ikke læse');
  });
});
