import { describe, expect, it } from 'vitest';
import { danishIssues } from '../../src/core/validation.js';
import { detailCard, digestCard, exportCard, formCard, listCard } from '../../src/actions/cards.js';
import { checkLink, csvCell, exportUrl, sign, toCsv } from '../../src/actions/export.js';
import { actionNumberArg, createFormSchema, formLabels, type ActionItem } from '../../src/actions/model.js';
import { digestOf, pageOf, type ActionSummary } from '../../src/actions/rules.js';
import { validateCard } from '../support/card-validator.js';

const TODAY = '2026-11-24';
const schema = createFormSchema(() => TODAY);
const members = [
  { id: 'u-sofie', name: 'Sofie Social' },
  { id: 'u-tobias', name: 'Tobias Tillid' },
];
const form = (over: Record<string, unknown> = {}) => ({
  workplaceId: 'solhoej',
  members,
  tema: 'Organisation og ledelse, kriterium 9',
  emne: 'Høj personalegennemstrømning',
  maal: 'Sygefravær på 5-6 %',
  hvad: 'Fraværssamtaler efter 1-3-10',
  start: '1. kvartal 2027',
  end: '2. kvartal 2027',
  dokumentation: '',
  owner: 'u-sofie',
  ownerGroup: '',
  effekt: '',
  source: 'tilsynsrapport',
  ...over,
});
const errorsOf = (data: object) => {
  const r = schema.safeParse(data);
  if (r.success) throw new Error('expected errors');
  return danishIssues(r.error, formLabels);
};

describe('the "ny handling" form: Hvornår', () => {
  it('stores real dates and the label for quarters', () => {
    const r = schema.parse(form());
    expect(r.draft).toMatchObject({ start: '2027-01-01', end: '2027-06-30', startLabel: '1. kvartal 2027', endLabel: '2. kvartal 2027' });
    expect(r.draft.owner).toEqual({ id: 'u-sofie', name: 'Sofie Social' });
  });

  it('accepts dates and ISO weeks (start = Monday, end = Sunday)', () => {
    expect(schema.parse(form({ start: '15-03-2027', end: '31.3.2027' })).draft).toMatchObject({ start: '2027-03-15', end: '2027-03-31', endLabel: '31. marts 2027' });
    expect(schema.parse(form({ start: 'uge 12 2027', end: 'uge 14 2027' })).draft).toMatchObject({ start: '2027-03-22', end: '2027-04-11', startLabel: 'uge 12 2027' });
    expect(schema.parse(form({ start: 'i dag', end: 'uge 50' })).draft).toMatchObject({ start: TODAY, end: '2026-12-13' });
  });

  it('gives a Danish message for unreadable dates, impossible weeks and quarters, and an end before the start', () => {
    expect(errorsOf(form({ start: 'snart' }))).toEqual([expect.stringMatching(/^Start: Jeg kan ikke læse "snart"/)]);
    expect(errorsOf(form({ end: 'uge 54 2027' }))).toEqual([expect.stringMatching(/^Slut: Uge 54 findes ikke/)]);
    expect(errorsOf(form({ end: '5. kvartal 2027' }))).toEqual([expect.stringMatching(/^Slut: 5. kvartal findes ikke/)]);
    expect(errorsOf(form({ start: '2. kvartal 2027', end: '1. kvartal 2027' }))).toEqual([expect.stringMatching(/^Slut: Slut \(1. kvartal 2027\) ligger før start/)]);
  });
});

describe('the "ny handling" form: required fields', () => {
  it('names every missing field at once, in Danish', () => {
    const errors = errorsOf({ workplaceId: 'solhoej', members });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Tema: skriv temaet/),
        expect.stringMatching(/^Emne: skriv hvad der skal ændres/),
        expect.stringMatching(/^Mål: skriv det konkrete mål/),
        expect.stringMatching(/^Hvad: /),
        expect.stringMatching(/^Start: skriv hvornår handlingen starter/),
        expect.stringMatching(/^Slut: skriv hvornår handlingen skal være færdig/),
        expect.stringMatching(/^Kilde: vælg hvor handlingen kommer fra/),
        expect.stringMatching(/^Hvem: vælg en person eller skriv en gruppe/),
      ]),
    );
  });

  it('takes a person, a group, or a group with its named person as Hvem, but not a stranger', () => {
    expect(schema.parse(form({ owner: '', ownerGroup: 'afdelingsledelse' })).draft.owner).toEqual({ name: 'afdelingsledelse' });
    // Both filled (the form says it may be): the group is responsible, its person gets the reminders.
    const both = form({ ownerGroup: 'afdelingsledelse' });
    expect(schema.safeParse(both).success).toBe(true);
    const person = members.find((m) => m.id === both.owner)!;
    expect(schema.parse(both).draft.owner).toEqual({ id: person.id, name: `afdelingsledelse (${person.name})` });
    expect(errorsOf(form({ owner: 'u-stranger' }))).toEqual([expect.stringMatching(/^Hvem: den valgte person er ikke med/)]);
  });

  it('trims whitespace-only answers to missing and limits lengths', () => {
    expect(errorsOf(form({ tema: '   ' }))).toEqual([expect.stringMatching(/^Tema: skriv temaet/)]);
    expect(errorsOf(form({ tema: 'x'.repeat(201) }))).toEqual(['Tema: må højst være 200 tegn']);
    expect(errorsOf(form({ source: 'facebook' }))).toEqual([expect.stringMatching(/^Kilde: /)]);
  });

  it('reads action numbers as H-12, h12 or 12', () => {
    for (const s of ['H-12', 'h12', 'H 12', '12', ' h-12 ']) expect(actionNumberArg.parse(s)).toBe(12);
    for (const s of ['', 'H-', 'tolv', 'H-0']) expect(actionNumberArg.safeParse(s).success).toBe(false);
  });
});

const item: ActionItem = {
  workplaceId: 'solhoej',
  number: 3,
  tema: 'Organisation og ledelse, kriterium 9',
  emne: 'Sygefravær; "højt"',
  maal: '=SUM(A1)',
  hvad: 'Linje 1\nLinje 2',
  start: '2027-01-01',
  end: '2027-03-31',
  startLabel: '1. kvartal 2027',
  endLabel: '1. kvartal 2027',
  dokumentation: 'Månedlig opgørelse',
  owner: { id: 'u-sofie', name: 'Sofie Social' },
  effekt: 'Stabil personalegruppe',
  source: 'tilsynsrapport',
  status: 'started',
  createdAt: '2026-11-24T09:00:00.000Z',
  createdBy: 'u-tobias',
  createdByName: 'Tobias Tillid',
  updatedAt: '2026-11-24T09:00:00.000Z',
};

describe('CSV export', () => {
  it('is UTF-8 with BOM, semicolon-separated, CRLF, with quoting and formula guard', () => {
    const csv = toCsv([{ action: item, log: [{ at: '2026-11-25T10:00:00.000Z', actorId: 'u', actorName: 'Lone', kind: 'note', text: 'Godt i gang' }] }]);
    expect(csv.startsWith('\ufeffNr.;Tema;Emne;Mål;Hvad;Start;Slut;Hvornår;')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain('H-3;Organisation og ledelse, kriterium 9;"Sygefravær; ""højt""";\'=SUM(A1);"Linje 1\nLinje 2";01-01-2027;31-03-2027;1. kvartal 2027;');
    expect(row).toContain(';Sofie Social;Stabil personalegruppe;Tilsynsrapport;I gang;24-11-2026;Tobias Tillid;25. november 2026 kl. 11.00 Lone: Godt i gang');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(' x')).toBe('" x"');
  });
});

describe('signed download links', () => {
  const secret = 'x'.repeat(32);
  const now = Date.parse('2026-11-24T10:00:00Z');

  it('accepts its own link for 15 minutes, then says it expired', () => {
    const url = new URL(exportUrl('http://localhost:3978', secret, 'solhoej', now));
    expect(url.pathname).toBe('/downloads/handlinger/solhoej');
    const exp = url.searchParams.get('exp')!;
    const sig = url.searchParams.get('sig')!;
    expect(Number(exp) - now).toBe(15 * 60_000);
    expect(checkLink(secret, 'solhoej', exp, sig, now + 14 * 60_000)).toBe('ok');
    expect(checkLink(secret, 'solhoej', exp, sig, now + 15 * 60_000 + 1)).toBe('expired');
  });

  it('rejects another workplace, a changed expiry, another secret and garbage', () => {
    const exp = String(now + 60_000);
    const sig = sign(secret, 'solhoej', Number(exp));
    expect(checkLink(secret, 'fjord', exp, sig, now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', String(Number(exp) + 1), sig, now)).toBe('forged');
    expect(checkLink('y'.repeat(32), 'solhoej', exp, sig, now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', undefined, sig, now)).toBe('forged');
    expect(checkLink(secret, 'solhoej', 'abc', 'x', now)).toBe('forged');
  });
});

describe('cards, expanded with data, are valid Adaptive Cards', () => {
  const summary: ActionSummary = { ...item, end: '2026-11-01' };
  it.each([
    ['list', () => listCard({ title: 'Åbne handlinger', filter: { mine: false, overdue: true, tema: '' }, totalOpen: 1, totalOverdue: 1, page: pageOf([summary], 1), today: TODAY, createFor: 'solhoej', personal: false, viewers: ['29:lone'] })],
    ['empty list', () => listCard({ title: 'Dine', filter: { mine: true, overdue: false, tema: '' }, totalOpen: 0, totalOverdue: 0, page: pageOf([], 1), today: TODAY, personal: true, viewers: [] })],
    ['form with errors', () => formCard({ workplaceId: 'solhoej', workplaceName: 'Bostedet Solhøj', members, values: { tema: 'x' }, errors: { emne: 'Skriv emnet' } })],
    ['detail', () => detailCard({ action: item, log: [{ at: item.createdAt, actorId: 'u', actorName: 'Lone', kind: 'note', text: 'Hej' }], workplaceName: 'Bostedet Solhøj', members, today: TODAY, viewers: ['29:lone', '29:sofie'] })],
    ['closed detail', () => detailCard({ action: { ...item, status: 'done' }, log: [], workplaceName: 'Bostedet Solhøj', members: [], today: TODAY, viewers: ['29:lone', '29:sofie'] })],
    ['digest', () => digestCard('Bostedet Solhøj', digestOf([summary], new Date('2026-11-30T07:00:00Z')), new Date('2026-11-30T07:00:00Z'))],
    ['export', () => exportCard('Bostedet Solhøj', 'http://localhost:3978/x', 15)],
  ])('%s', (_name, make) => {
    expect(validateCard(make())).toEqual([]);
  });

  it('the form says what Hvem and Hvornår accept, marks nothing itself as required, and gives Start and Slut the full width', () => {
    const card = formCard({ workplaceId: 'solhoej', workplaceName: 'Bostedet Solhøj', members });
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/"label":"[^"]*\*"/);
    expect(json).toContain('"label":"Hvem (person)"');
    expect(json).toContain('"label":"Hvem (gruppe)"');
    expect(json).toContain('eller begge: så er gruppen ansvarlig, og personen får påmindelserne');
    expect(json).toContain('\\"løbende\\"');
    const columns = JSON.stringify((card.body as { type: string }[]).filter((b) => b.type === 'ColumnSet'));
    expect(columns).not.toMatch(/"id":"(start|end)"/);
    for (const id of ['start', 'end']) {
      const input = (card.body as { id?: string; placeholder?: string }[]).find((b) => b.id === id)!;
      expect(input.placeholder!.length, id).toBeLessThanOrEqual(36);
    }
  });

  it('the export card says who may see the file and that anyone with the link can open it for its minutes (issue 20)', () => {
    const text = JSON.stringify(exportCard('Bostedet Solhøj', 'http://localhost:3978/x', 15));
    expect(text).toContain('Alle, der har linket, kan åbne filen de næste 15 minutter, så del det ikke uden for TRIO og MED.');
    expect(text).not.toContain('kun med MED');
  });

  it('the form keeps what was typed and shows the error under its field', () => {
    const card = JSON.stringify(formCard({ workplaceId: 'solhoej', workplaceName: 'Bostedet Solhøj', members, values: { tema: 'Mit tema' }, errors: { emne: 'Skriv emnet' } }));
    expect(card).toContain('"value":"Mit tema"');
    expect(card).toContain('"text":"⚠ Skriv emnet"');
    expect(card).toContain('"Sofie Social"');
  });

  it('the action card shows the overdue flag, the log, and a refresh for other viewers', () => {
    const card = detailCard({ action: { ...item, end: '2026-11-20' }, log: [], workplaceName: 'Bostedet Solhøj', members, today: TODAY, viewers: ['29:lone', '29:sofie'] });
    expect(JSON.stringify(card)).toContain('Forsinket 4 dage');
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'actions.refresh', data: { verb: 'actions.refresh', workplaceId: 'solhoej', number: 3 } }, userIds: ['29:lone', '29:sofie'] });
    const closed = JSON.stringify(detailCard({ action: { ...item, status: 'done' }, log: [], workplaceName: 'S', members, today: TODAY, viewers: ['29:lone', '29:sofie'] }));
    expect(closed).not.toContain('actions.complete');
    expect(closed).toContain('actions.note');
  });
});
