import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { freePort } from '../../src/storage/azurite.js';
import { cardOf, readableJson, solhoejMembers, solhoejTeam, startHttpBot, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * Handleplaner through the real pipeline: HTTP → CloudAdapter → dispatcher → Azurite,
 * with Teams-shaped activities and the connector double receiving the bot's messages.
 */
const people = {
  ...solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie'),
  guest: { aad: solhoejMembers.nadia.aad, name: 'Gæst Uden Rolle', roles: [] },
};
type Person = keyof typeof people;

let bot: HttpBot<Person, 'trio'>;
const clock = new ManualClock('2026-11-24T09:00:00Z');

/** A user writes to the bot; returns what the bot sent back (text and card JSON as one string). */
async function say(who: Person, where: 'trio' | 'personal', text: string): Promise<{ text: string; card: Json }> {
  const reply = (await bot.say(who, where, text)).sent[0];
  if (!reply) throw new Error(`no reply to "${text}"`);
  const card = cardOf(reply.activity);
  return { text: `${String(reply.activity.text ?? '')}\n${readableJson(card)}`, card };
}

/** Action.Execute on a card; returns the invoke response: a card or a message text. */
async function execute(who: Person, where: 'trio' | 'personal', verb: string, data: Json, replyToId = 'card-1'): Promise<{ card?: Json; message?: string; raw: string }> {
  const { body } = await bot.execute(who, where, verb, data, replyToId);
  const raw = readableJson(body);
  return body.type === 'application/vnd.microsoft.card.adaptive' ? { card: body.value as Json, raw } : { message: String(body.value ?? ''), raw };
}

const ref = (number: number) => ({ workplaceId: WP, number });
const store = () => bot.app.ctx;

beforeAll(async () => {
  const port = await freePort();
  bot = await startHttpBot({ clock, people, env: { PORT: String(port), DOWNLOAD_SECRET: 's'.repeat(40) } });
});

afterAll(async () => {
  await bot?.stop();
});

describe('handleplaner over HTTP', () => {
  let form: Json;
  const filled = (over: Json = {}) => ({
    ...(form.actions as Json[])[0]!.data as Json,
    tema: 'Organisation og ledelse, kriterium 9',
    emne: 'Høj personalegennemstrømning og sygefravær',
    maal: 'Sygefravær ned på 5-6 %',
    hvad: 'Fraværssamtaler efter 1-3-10-modellen',
    start: '1-12-2026',
    end: '30-11-2026',
    owner: people.sofie.aad,
    source: 'tilsynsrapport',
    ...over,
  });

  it('gives a TR the form, with the workplace members to choose from', async () => {
    const reply = await say('tobias', 'trio', 'ny handling');
    expect(reply.text).toContain('Ny handling – Bostedet Solhøj');
    expect(reply.text).toContain('Sofie Social');
    form = reply.card;
  });

  it('sends every card with a plain-text summary for the chat list and notifications (issue 12)', async () => {
    const sent = (await bot.say('lone', 'trio', 'hjælp')).sent[0]!.activity as { summary?: string };
    expect(sent.summary).toBe('Det kan jeg hjælpe med');
    const status = (await bot.say('lone', 'personal', 'status')).sent[0]!.activity as { summary?: string; text?: string };
    expect(status.text).toContain('**Påmindelser for Bostedet Solhøj**');
    expect(status.summary).toMatch(/^Påmindelser for Bostedet Solhøj /);
  });

  it('refuses the form to staff', async () => {
    expect((await say('mads', 'trio', 'ny handling')).text).toContain('Det har du ikke adgang til');
  });

  it('returns an incomplete form with a Danish message per field, keeping what was typed, and stores nothing', async () => {
    const sentBefore = bot.connector.sent().length;
    const res = await execute('tobias', 'trio', 'actions.create', filled({ maal: '', start: 'snart', owner: '' }));
    // The errors are shown once, on the form: no extra message that would stay in the thread (issue 12).
    expect(bot.connector.sent().length).toBe(sentBefore);
    expect(res.raw).toContain('Ret det, der står under felterne herunder');
    expect(res.raw).toContain('Mål: skriv det konkrete mål'.slice(5));
    expect(res.raw).toContain('Jeg kan ikke læse \\"snart\\"');
    expect(res.raw).toContain('Vælg en person eller skriv en gruppe');
    expect(res.raw).toContain('"value":"Organisation og ledelse, kriterium 9"');
    expect(bot.connector.updates()).toHaveLength(0);
    expect(await store().events.list(WP, { type: 'actions.created' })).toEqual([]);
  });

  it('creates H-1 and H-2; the form becomes the action card for everyone', async () => {
    const end = await execute('tobias', 'trio', 'actions.create', filled({ start: '1-11-2026' }), 'form-1');
    expect(end.raw).toContain('H-1 · Organisation og ledelse, kriterium 9');
    expect(bot.connector.updates().map((u) => u.activityId)).toEqual(['form-1']);
    const second = await execute('amira', 'trio', 'actions.create', filled({ tema: 'Psykisk arbejdsmiljø', start: '1. kvartal 2027', end: '2. kvartal 2027', owner: people.amira.aad }));
    expect(second.raw).toContain('H-2 · Psykisk arbejdsmiljø');
    expect(second.raw).toContain('1. kvartal 2027 – 2. kvartal 2027 (1. januar 2027 – 30. juni 2027)');
    const created = await store().events.list(WP, { type: 'actions.created' });
    // Same ManualClock instant: order by subject, not by time.
    expect(created.map((e) => [e.subject, e.actorId]).sort()).toEqual([['H-1', people.tobias.aad], ['H-2', people.amira.aad]]);
  });

  it('reminds the owner in a personal chat through the reminder engine, on the working day before the end', async () => {
    const keys = (await bot.app.ctx.scheduler.listOpen(WP)).map((j) => j.key).filter((k) => k.includes(':H-1:'));
    expect(keys.sort()).toEqual(['actions:bostedet-solhoej:H-1:due-1d', 'actions:bostedet-solhoej:H-1:overdue-2026-12-01']);
    // H-1 ends Monday 30 November; the day before is a Sunday, so Friday 27 November at 09:00.
    clock.set('2026-11-27T08:05:00Z');
    const { sent } = await bot.tick();
    expect(bot.connector.created().map((c) => c.members[0]?.id)).toContain('29:sofie');
    const texts = sent.map((r) => String(r.activity.text));
    expect(texts).toEqual(['Påmindelse: H-1, som du er ansvarlig for, skal være færdig om 3 dage (30. november 2026).']);
  });

  it('lists open actions for the leader, overdue first and flagged; filters work', async () => {
    clock.set('2026-12-02T09:00:00Z');
    const list = await say('lone', 'trio', 'åbne handlinger');
    expect(list.text).toContain('Åbne handlinger – Bostedet Solhøj');
    expect(list.text).toContain('2 åbne handlinger, heraf 1 forsinket');
    expect(list.text.indexOf('H-1')).toBeLessThan(list.text.indexOf('H-2'));
    expect(list.text).toContain('Forsinket 2 dage');
    expect((await say('lone', 'trio', 'åbne handlinger forsinkede')).text).not.toContain('H-2');
    expect((await say('lone', 'trio', 'open actions psykisk')).text).not.toContain('**H-1**');
    expect((await say('sofie', 'trio', 'åbne handlinger mine')).text).toContain('1 åben handling');
  });

  it('lets anyone in the channel read, but refuses staff who try to change', async () => {
    expect((await say('guest', 'trio', 'handling H-1')).text).toContain('H-1 · Organisation og ledelse');
    // From the list: a page, an action opened as a new message (the list stays), a refresh.
    expect((await execute('guest', 'trio', 'actions.list', { page: 1, mine: false, overdue: true, tema: '' })).raw).toContain('Filter: forsinkede');
    const sent = bot.connector.sent().length;
    await execute('guest', 'trio', 'actions.show', ref(2));
    expect(JSON.stringify(bot.connector.sent()[sent]?.activity)).toContain('H-2 · Psykisk arbejdsmiljø');
    expect((await execute('guest', 'trio', 'actions.refresh', ref(2))).raw).toContain('H-2 · Psykisk arbejdsmiljø');
    expect((await execute('guest', 'trio', 'actions.show', { workplaceId: 'fjord', number: 1 })).message).toContain('et andet arbejdssted');
    const refused = await execute('mads', 'trio', 'actions.complete', { ...ref(1), achieved: 'Jeg prøver' });
    expect(refused.card).toBeUndefined();
    expect(refused.message).toContain('kan kun ændres af leder, TR, AMR eller den ansvarlige');
    const guest = await execute('guest', 'trio', 'actions.start', ref(1));
    expect(guest.message).toContain('kan kun ændres af');
    expect((await store().events.list(WP)).filter((e) => e.type !== 'actions.created')).toEqual([]);
  });

  it('lets the owner complete it: what was achieved goes to Dokumentation and the log, the card updates, events are written', async () => {
    const updates = bot.connector.updates().length;
    const done = await execute('sofie', 'trio', 'actions.complete', { ...ref(1), achieved: 'Sygefraværet er 5,8 %' }, 'card-h1');
    expect(done.raw).toContain('Afsluttet');
    expect(done.raw).toContain('Opnået (2. december 2026): Sygefraværet er 5,8 %');
    expect(done.raw).not.toContain('actions.complete');
    expect(bot.connector.updates().slice(updates).map((u) => u.activityId)).toEqual(['card-h1']);
    const events = await store().events.list(WP, { type: 'actions.statusChanged' });
    expect(events[0]).toMatchObject({ actorId: people.sofie.aad, subject: 'H-1', data: { field: 'status', old: 'open', new: 'done' } });
    expect((await say('lone', 'trio', 'handling h1')).text).toContain('Afsluttet. Opnået: Sygefraværet er 5,8 %');
    // A button on an older copy answers with the current card, saying why nothing happened (issue 12).
    const stale = await execute('sofie', 'trio', 'actions.cancel', { ...ref(1), reason: 'x' });
    expect(stale.raw).toContain('H-1 var allerede afsluttet, da du trykkede. Her er den, som den er nu.');
    expect(stale.raw).not.toContain('Annulleret');
  });

  it('changes owner and end date with one event per field, and cancels only with a reason', async () => {
    const changed = await execute('lone', 'trio', 'actions.change', { ...ref(2), newOwner: people.tobias.aad, newEnd: 'uge 10 2027' });
    expect(changed.raw).toContain('Ansvarlig skiftet fra Amira Arbejdsmiljø til Tobias Tillid. Slut flyttet fra 30. juni 2027 til 14. marts 2027.');
    const events = await store().events.list(WP);
    expect(events.find((e) => e.type === 'actions.endChanged')?.data).toEqual({ field: 'end', old: '2027-06-30', new: '2027-03-14' });
    expect(events.find((e) => e.type === 'actions.ownerChanged')?.data).toEqual({ field: 'owner', old: 'Amira Arbejdsmiljø', new: 'Tobias Tillid' });
    expect((await execute('lone', 'trio', 'actions.change', { ...ref(2), newEnd: 'uge 40 2026' })).message).toContain('Slut skal ligge efter start');
    expect((await execute('lone', 'trio', 'actions.cancel', { ...ref(2), reason: ' ' })).message).toContain('skriv hvorfor handlingen annulleres');
    const started = await execute('tobias', 'trio', 'actions.start', ref(2));
    expect(started.raw).toContain('I gang');
  });

  it('shows a person their own actions across workplaces in personal chat', async () => {
    const mine = await say('tobias', 'personal', 'åbne handlinger');
    expect(mine.text).toContain('Dine åbne handlinger');
    expect(mine.text).toContain('**H-2**');
    expect((await say('tobias', 'personal', 'handling H-2')).text).toContain('Psykisk arbejdsmiljø');
    expect((await say('sofie', 'personal', 'åbne handlinger')).text).toContain('Du er ikke ansvarlig for nogen åbne handlinger');
  });

  it('exports a semicolon CSV with BOM behind a signed link that expires after 15 minutes', async () => {
    const reply = await say('lone', 'trio', 'eksportér handlinger');
    const url = /"url":"([^"]+)"/.exec(reply.text)?.[1];
    expect(url).toMatch(new RegExp(`^http://localhost:${bot.app.port}/downloads/handlinger/${WP}\\?exp=\\d+&sig=`));
    const local = url!.replace('localhost', '127.0.0.1');
    const ok = await fetch(local);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(ok.headers.get('content-disposition')).toContain(`handlinger-${WP}-2026-12-02.csv`);
    const bytes = Buffer.from(await ok.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('Nr.;Tema;Emne;Mål;');
    expect(csv).toContain('H-1;Organisation og ledelse, kriterium 9;');
    expect(csv).toContain(';Afsluttet;');
    const forged = await fetch(local.replace(/sig=[^&]+/, 'sig=AAAA'));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('Linket er ugyldigt');
    clock.advance(16 * 60_000);
    const expired = await fetch(local);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Linket er udløbet');
  });
});
