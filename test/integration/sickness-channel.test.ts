import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { freePort } from '../../src/storage/azurite.js';
import { SicknessStore } from '../../src/sickness/store.js';
import { cardOf, everything, solhoejTeam, startHttpBot, TRIO, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * What reaches a channel: MED's yearly sickness report (card and CSV, anonymous) and the
 * diagnosis firewall on action texts, through the real pipeline.
 */
const people = solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie', 'nadia');
type Person = keyof typeof people;

let bot: HttpBot<Person, 'trio'>;
const clock = new ManualClock('2026-03-02T08:00:00Z');

const act = async (who: Person, where: 'trio' | 'personal', verb: string, data: Json): Promise<Json> => (await bot.execute(who, where, verb, data)).body;
const store = () => new SicknessStore(bot.app.ctx.storage, clock);

beforeAll(async () => {
  const port = await freePort();
  bot = await startHttpBot({ clock, people, env: { PORT: String(port), DOWNLOAD_SECRET: 's'.repeat(40) } });
  await bot.say('lone', 'trio', 'hjælp');
});

afterAll(async () => {
  await bot?.stop();
});

describe("MED's yearly sickness report", () => {
  it('is a card in the channel with the anonymous figures, and a CSV with the same cells', async () => {
    // Four people absent in March 2026, one of them (Mads) for 40 days; the year ends with February 2027.
    const absences: [Person, string, string][] = [['mads', '2026-03-02', '2026-04-11'], ['sofie', '2026-03-09', '2026-03-12'], ['nadia', '2026-03-16', '2026-03-18'], ['amira', '2026-03-23', '2026-03-25']];
    for (const [who, first, back] of absences) {
      clock.set(`${first}T08:00:00Z`);
      await act('lone', 'personal', 'sickness.open', { employee: `${WP}|${people[who].aad}`, firstDay: first, partial: 'false', expectedDuration: 'ukendt' });
      const c = (await store().list(WP)).find((x) => x.employeeId === people[who].aad)!;
      clock.set(`${back}T08:00:00Z`);
      await act('lone', 'personal', 'sickness.close', { workplaceId: WP, caseId: c.id, returnDay: back });
    }
    // The monthly job on the 1st of each month, April 2026 to March 2027, stores each past month.
    for (const first of ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03']) {
      await bot.app.engine.runRecurring('sickness.monthly', new Date(`${first}-01T07:00:00Z`));
    }
    expect((await store().figures(WP, '2026-03'))?.absentPeople).toBe(4);
    clock.set('2027-03-03T09:00:00Z');
    const reply = (await bot.say('tobias', 'trio', 'sygefravær årsrapport')).sent[0]!;
    const card = cardOf(reply.activity);
    const text = JSON.stringify(card);
    expect(text).toContain('Sygefravær på Bostedet Solhøj: de seneste 12 måneder');
    expect(text).toContain('marts 2026 til februar 2027');
    expect(text).toContain('Mål","value":"5,5 %');
    // March 2026 rests on four people: shown. April (only Mads): not.
    expect(text).toMatch(/"title":"marts 2026","value":"\d+,\d % \((over|inden for) målet\)"/);
    expect(text).toContain('"title":"april 2026","value":"for få"');
    // Three short absences of three people are a number; Mads's long one is not.
    expect(text).toContain('"title":"Kortvarige fravær (afsluttet)","value":"3"');
    expect(text).toContain('"title":"Langvarige fravær (afsluttet)","value":"under 3"');
    for (const name of ['Mads', 'Sofie', 'Nadia', 'Amira']) expect(text).not.toContain(name);
    const url = (card.actions as { url: string }[])[0]!.url;
    expect(url).toMatch(new RegExp(`/downloads/sygefravaer/${WP}\\?exp=\\d+&sig=`));
    expect(text).toContain('Linket virker i 15 minutter');
    const local = url.replace(/^https?:\/\/[^/]+/, `http://127.0.0.1:${bot.app.port}`);
    const csv = await fetch(local);
    expect(csv.status).toBe(200);
    const body = await csv.text();
    expect(body).toContain('marts 2026;');
    expect(body).toContain('april 2026;for få;5,5 %;');
    expect(body).toContain('Kortvarige fravær (afsluttet);3');
    for (const id of Object.values(people).map((p) => p.aad)) expect(body).not.toContain(id);
    expect(body).not.toMatch(/Mads|Sofie|Nadia|Amira/);
    expect((await fetch(local.replace(/sig=[^&]+/, 'sig=AAAA'))).status).toBe(403);
    // An actions export link does not open the report.
    const actionsLink = (await bot.say('lone', 'trio', 'eksportér handlinger')).sent[0]!;
    const exportPath = /\/downloads\/handlinger\/[^\s"\\)\]]+/.exec(JSON.stringify(actionsLink.activity))![0];
    const exportUrl = `http://127.0.0.1:${bot.app.port}${exportPath}`;
    expect((await fetch(exportUrl)).status).toBe(200);
    expect((await fetch(exportUrl.replace('/downloads/handlinger/', '/downloads/sygefravaer/'))).status).toBe(403);
  });

  it('is for the channel only; a private chat is told where to ask', async () => {
    expect(JSON.stringify((await bot.say('lone', 'personal', 'sygefravær årsrapport')).sent)).toContain('virker kun i en kanal');
  });
});

describe('the diagnosis firewall on action texts', () => {
  it('an action note naming health words is held back with a warning; confirmed, it is saved', async () => {
    clock.set('2027-03-03T09:00:00Z');
    const form = cardOf((await bot.say('lone', 'trio', 'ny handling')).sent[0]!.activity);
    const base = { ...(form.actions as Json[])[0]!.data as Json, tema: 'Arbejdsmiljø', emne: 'Psykisk arbejdsmiljø i aftenvagten', maal: 'Færre alenevagter', hvad: 'Kursus i medicinhåndtering og stresshåndtering', start: '1-4-2027', end: '30-6-2027', ownerGroup: 'Aftenholdet', source: 'apv' };
    // The words of the trade pass.
    const created = await act('lone', 'trio', 'actions.create', base);
    expect(JSON.stringify(created)).toContain('H-1 · Arbejdsmiljø');
    // A field about a person's health does not, until confirmed; nothing is lost.
    // A second action comes from a new form (each form's button carries its own one-time key).
    const again = cardOf((await bot.say('lone', 'trio', 'ny handling')).sent[0]!.activity);
    const held = await act('lone', 'trio', 'actions.create', { ...base, ...((again.actions as Json[])[0]!.data as Json), emne: 'Mads er på hospitalet med ondt i ryggen' });
    const heldText = JSON.stringify(held);
    expect(heldText).toContain('Teksten nævner: hospital, ondt, ryggen');
    expect(heldText).toContain('kan alle i kanalen læse');
    expect(heldText).toContain('"value":"Mads er på hospitalet med ondt i ryggen"');
    expect(heldText).toContain('"maal":"Færre alenevagter"');
    expect(await bot.app.ctx.events.list(WP, { type: 'actions.created' })).toHaveLength(1);
    const note = await act('tobias', 'trio', 'actions.note', { workplaceId: WP, number: 1, note: 'Sofie er sygemeldt med stress' });
    expect(JSON.stringify(note)).toContain('Teksten nævner: stress');
    expect(await bot.app.ctx.events.list(WP, { type: 'actions.noteAdded' })).toHaveLength(0);
    const anyway = await act('tobias', 'trio', 'actions.note', { workplaceId: WP, number: 1, note: 'Temadag om stress for hele huset', confirmedTerms: 'stress' });
    expect(everything({ body: anyway, raw: '', sent: [] })).toContain('Temadag om stress for hele huset');
    expect(await bot.app.ctx.events.list(WP, { type: 'actions.noteAdded' })).toHaveLength(1);
    // A new term after the warning needs its own confirmation.
    expect(JSON.stringify(await act('tobias', 'trio', 'actions.cancel', { workplaceId: WP, number: 1, reason: 'Hun er gravid', confirmedTerms: 'stress' }))).toContain('Teksten nævner: gravid');
    expect(bot.connector.sent().filter((r) => r.conversationId.startsWith(TRIO) && JSON.stringify(r.activity).includes('hospitalet'))).toEqual([]);
  });
});
