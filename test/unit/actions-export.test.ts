import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { checkLink, csvCell, EXPORT_PATH, exportRoute, exportUrl, sign, toCsv } from '../../src/actions/export.js';
import type { ActionItem, LogEntry } from '../../src/actions/model.js';

/**
 * The CSV export of a handleplan for the MED minutes (issue 23: the fast tests that let the
 * mutation group drop the HTTP test). What Excel shows, cell by cell, and who gets the file.
 */

const item: ActionItem = {
  workplaceId: 'solhoej',
  number: 7,
  tema: 'Psykisk arbejdsmiljø',
  emne: 'Travlhed',
  maal: 'Færre overarbejdstimer',
  hvad: 'Fast mødefri fredag',
  start: '2026-12-01',
  end: '2027-02-28',
  startLabel: '1. december 2026',
  endLabel: 'februar 2027',
  dokumentation: '',
  owner: { id: 'u-sofie', name: 'Sofie Social' },
  effekt: 'Mindre stress',
  source: 'apv',
  status: 'open',
  // 23.30 UTC on 30 November is 00.30 on 1 December in Copenhagen.
  createdAt: '2026-11-30T23:30:00.000Z',
  createdBy: 'u-lone',
  createdByName: 'Lone Leder',
  updatedAt: '2026-11-30T23:30:00.000Z',
};

const log: LogEntry[] = [
  { at: '2026-12-01T09:00:00.000Z', actorId: 'u-lone', actorName: 'Lone Leder', kind: 'note', text: 'Aftalt på MED' },
  { at: '2026-12-02T13:15:00.000Z', actorId: 'u-sofie', actorName: 'Sofie Social', kind: 'started', text: 'Startet' },
];

/** The cells of a line without quoted fields (split on semicolons). */
const cellsOf = (line: string) => line.split(';');

describe('csvCell: a cell Excel reads as the text typed', () => {
  it('leaves plain text, inner formula signs and inner spaces alone', () => {
    expect(csvCell('Sofie Social')).toBe('Sofie Social');
    expect(csvCell('A=B+C-D@E')).toBe('A=B+C-D@E');
    expect(csvCell('')).toBe('');
  });

  it.each(['=SUM(A1)', '+45 1234', '-5', '@navn', '\tTab'])('puts an apostrophe before a formula start: %j', (value) => {
    const cell = csvCell(value);
    expect(cell.replace(/^"|"$/g, '')).toBe(`'${value}`);
  });

  it('quotes a cell with a semicolon, a quote or a line break, doubling the quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('Sygefravær "højt"')).toBe('"Sygefravær ""højt"""');
    expect(csvCell('"')).toBe('""""');
    expect(csvCell('Linje 1\nLinje 2')).toBe('"Linje 1\nLinje 2"');
  });

  it('turns Windows and old Mac line breaks into one line feed inside the quotes', () => {
    expect(csvCell('Linje 1\r\nLinje 2\rLinje 3')).toBe('"Linje 1\nLinje 2\nLinje 3"');
    // A leading carriage return is a line break, not a formula sign.
    expect(csvCell('\rx')).toBe('"\nx"');
  });

  it('quotes leading or trailing blanks so that Excel keeps them', () => {
    expect(csvCell(' x')).toBe('" x"');
    expect(csvCell('x ')).toBe('"x "');
    expect(csvCell('x\t')).toBe('"x\t"');
    expect(csvCell('x y')).toBe('x y');
  });
});

describe('toCsv: one line per action, Danish Excel', () => {
  // Rendered inside each test: Stryker switches a mutant on per test, not while the file is collected.
  const render = () => {
    const csv = toCsv([{ action: item, log }]);
    return { csv, lines: csv.slice(1).split('\r\n') };
  };

  it('starts with the BOM and the Danish column names, ends every line with CRLF', () => {
    const { csv, lines } = render();
    expect(csv.startsWith('\ufeffNr.;Tema;Emne;Mål;Hvad;Start;Slut;Hvornår;Dokumentation;Hvem;Forventet effekt;Kilde;Status;Oprettet;Oprettet af;Log\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });

  it('writes every field in column order, dates as dd-mm-yyyy in Danish time, the period as "start – slut"', () => {
    const { lines } = render();
    const [row] = lines.slice(1);
    const cells = cellsOf(row!.slice(0, row!.indexOf(';"')));
    expect(cells).toEqual([
      'H-7',
      'Psykisk arbejdsmiljø',
      'Travlhed',
      'Færre overarbejdstimer',
      'Fast mødefri fredag',
      '01-12-2026',
      '28-02-2027',
      '1. december 2026 – februar 2027',
      '',
      'Sofie Social',
      'Mindre stress',
      'APV',
      'Åben',
      '01-12-2026',
      'Lone Leder',
    ]);
  });

  it('puts the whole log in the last cell, one entry a line, with Danish date and time', () => {
    const { lines } = render();
    const row = lines[1]!;
    expect(row.slice(row.indexOf(';"') + 1)).toBe('"1. december 2026 kl. 10.00 Lone Leder: Aftalt på MED\n2. december 2026 kl. 14.15 Sofie Social: Startet"');
  });

  it('writes one label when start and end are the same period, and an empty log cell without a log', () => {
    const same = toCsv([{ action: { ...item, startLabel: 'uge 48 2026', endLabel: 'uge 48 2026', status: 'done', source: 'med' }, log: [] }]);
    const cells = cellsOf(same.slice(1).split('\r\n')[1]!);
    expect(cells[7]).toBe('uge 48 2026');
    expect(cells.slice(11, 13)).toEqual(['MED-møde', 'Afsluttet']);
    expect(cells[15]).toBe('');
    expect(cells).toHaveLength(16);
  });

  it('keeps a missing date empty and gives one line per action in the order given', () => {
    const two = toCsv([
      { action: { ...item, number: 2, start: '', end: '' }, log: [] },
      { action: { ...item, number: 1 }, log: [] },
    ]);
    const rows = two.slice(1).split('\r\n');
    expect(rows).toHaveLength(4);
    expect(cellsOf(rows[1]!).slice(0, 7)).toEqual(['H-2', 'Psykisk arbejdsmiljø', 'Travlhed', 'Færre overarbejdstimer', 'Fast mødefri fredag', '', '']);
    expect(cellsOf(rows[2]!)[0]).toBe('H-1');
  });

  it('is only the header for a plan without actions', () => {
    expect(toCsv([])).toBe('\ufeffNr.;Tema;Emne;Mål;Hvad;Start;Slut;Hvornår;Dokumentation;Hvem;Forventet effekt;Kilde;Status;Oprettet;Oprettet af;Log\r\n');
  });
});

describe('the signed link', () => {
  const secret = 's'.repeat(32);
  const now = Date.parse('2026-12-01T09:00:00Z');

  it('signs workplace and expiry with HMAC-SHA256, so links stay valid across restarts and versions', () => {
    const expected = createHmac('sha256', secret).update('solhoej\n1796115600000').digest('base64url');
    expect(sign(secret, 'solhoej', 1796115600000)).toBe(expected);
  });

  it('points at the bot itself, with the workplace encoded, and lives 15 minutes', () => {
    const url = exportUrl('https://bot.example.dk', secret, 'bo sted/æ', now);
    const exp = now + 15 * 60_000;
    expect(url).toBe(`https://bot.example.dk/downloads/handlinger/bo%20sted%2F%C3%A6?exp=${exp}&sig=${sign(secret, 'bo sted/æ', exp)}`);
  });

  it('is valid up to and including its expiry, then expired', () => {
    const exp = now + 60_000;
    const sig = sign(secret, 'solhoej', exp);
    expect(checkLink(secret, 'solhoej', String(exp), sig, exp)).toBe('ok');
    expect(checkLink(secret, 'solhoej', String(exp), sig, exp + 1)).toBe('expired');
  });

  it('calls a missing, empty, non-numeric or over-long expiry, and a missing or cut signature, forged', () => {
    const exp = String(now + 60_000);
    const sig = sign(secret, 'solhoej', Number(exp));
    expect(checkLink(secret, 'solhoej', exp, undefined, now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', exp, '', now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', '', sig, now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', `${exp}x`, sig, now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', `x${exp}`, sig, now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', sig.slice(0, -1), sig, now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', exp, sig.slice(0, -1), now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', exp, `${sig}A`, now)).toBe('forged');
    // 16 digits: a signature made for it is still refused.
    const long = '1'.repeat(16);
    expect(checkLink(secret, 'solhoej', long, sign(secret, 'solhoej', Number(long)), now)).toBe('forged');
    const fifteen = '9'.repeat(15);
    expect(checkLink(secret, 'solhoej', fifteen, sign(secret, 'solhoej', Number(fifteen)), now)).toBe('ok');
  });
});

describe('the download route', () => {
  const secret = 'r'.repeat(32);
  const clock = new ManualClock('2026-12-01T23:30:00Z');
  const reads: string[] = [];
  const route = exportRoute({
    store: { listAll: async (workplaceId: string) => (reads.push(workplaceId), workplaceId === 'solhoej' ? [{ action: item, log }] : []) },
    clock,
    secret,
  });
  const linkQuery = (workplaceId: string) => {
    const url = new URL(exportUrl('http://localhost', secret, workplaceId, clock.now().getTime()));
    return { exp: url.searchParams.get('exp')!, sig: url.searchParams.get('sig')! };
  };

  it('serves the path the links point at', () => {
    expect(route.path).toBe(EXPORT_PATH);
    expect(EXPORT_PATH).toBe('/downloads/handlinger/:workplaceId');
  });

  it('sends the workplace CSV as an attachment named after the workplace and the Danish date', async () => {
    reads.length = 0;
    const res = await route.handle({ params: { workplaceId: 'solhoej' }, query: linkQuery('solhoej') });
    expect(res.status).toBe(200);
    // 23.30 UTC on 1 December is 00.30 on 2 December in Copenhagen.
    expect(res.headers).toEqual({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="handlinger-solhoej-2026-12-02.csv"' });
    expect(Buffer.isBuffer(res.body)).toBe(true);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(toCsv([{ action: item, log }]));
    expect(reads).toEqual(['solhoej']);
  });

  it('refuses a link for another workplace with 403 and a Danish text, without reading the plan', async () => {
    reads.length = 0;
    const res = await route.handle({ params: { workplaceId: 'fjord' }, query: linkQuery('solhoej') });
    expect(res).toEqual({ status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Linket er ugyldigt. Skriv "eksportér handlinger" til TRIO-bot for at få et nyt.' });
    expect(reads).toEqual([]);
    expect((await route.handle({ params: { workplaceId: 'solhoej' }, query: {} })).status).toBe(403);
  });

  it('answers an expired link with 410 and a Danish text, without reading the plan', async () => {
    reads.length = 0;
    const query = linkQuery('solhoej');
    clock.advance(15 * 60_000 + 1);
    const res = await route.handle({ params: { workplaceId: 'solhoej' }, query });
    clock.advance(-(15 * 60_000 + 1));
    expect(res).toEqual({ status: 410, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Linket er udløbet. Skriv "eksportér handlinger" til TRIO-bot for at få et nyt.' });
    expect(reads).toEqual([]);
  });
});
