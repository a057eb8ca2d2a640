import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { localDateOf } from '../../src/shared/calendar.js';
import { ownTables } from '../../src/privacy/backup.js';
import { PrivacyStore } from '../../src/privacy/store.js';
import { azuriteConnectionString } from '../support/storage.js';
import { createdChat as chat, WP, type Json } from '../support/http-bot.js';
import { jsonOut, runTool } from '../support/operator-cli.js';
import { privacyPeople as people, registerEpisode, runEveryWorkflow, SCENARIO_START, startPrivacyBot, type PrivacyBot, type PrivacyPerson } from '../support/privacy-scenario.js';

/**
 * Issue 16, done means 1: a workplace with two leaders, a TR and staff runs every
 * workflow; `npm run dsar` exports one employee (Mads), erases him and restricts another
 * (Sofie), each time through the real tool against the bot's tables.
 */
const clock = new ManualClock(SCENARIO_START);
let bot: PrivacyBot;
let ids: { madsCase: string; sofieCase: string; madsEpisode: string; nadiaEpisode: string };
let env: Record<string, string>;

/** Every row of every table as JSON text, with the table's name. */
async function everyRow(): Promise<{ table: string; row: Json; text: string }[]> {
  const storage = bot.app.ctx.storage;
  const out: { table: string; row: Json; text: string }[] = [];
  for (const table of await ownTables(storage)) {
    for await (const row of storage.table(table).listEntities<Json>()) out.push({ table, row, text: JSON.stringify(row) });
  }
  return out;
}
const mentions = (text: string, who: PrivacyPerson) => {
  const p = people[who];
  const first = p.name.split(' ')[0]!;
  return [p.aad, `29:${who}`, p.name, first].some((token) => new RegExp(`(?<![\\p{L}\\d])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d])`, 'iu').test(text));
};

beforeAll(async () => {
  bot = await startPrivacyBot(clock);
  ids = await runEveryWorkflow(bot, clock);
  env = { STORAGE_CONNECTION_STRING: azuriteConnectionString(), TABLE_PREFIX: bot.app.ctx.config.storage.tablePrefix };
}, 120_000);

afterAll(async () => {
  await bot?.stop();
});

describe('access request (art. 15)', () => {
  let json: Json;
  let summary: string;

  it('npm run dsar writes the export as JSON and a Danish summary', async () => {
    const out = await runTool('dsar', ['--user', people.mads.aad], env);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const result = jsonOut(out);
    json = JSON.parse(readFileSync(String(result.json), 'utf8')) as Json;
    summary = readFileSync(String(result.summary), 'utf8');
    expect(summary).toContain('# Indsigt: oplysninger i TRIO-bot');
  });

  it('holds every record about him, table by table', async () => {
    const rows = await everyRow();
    const his = (table: string, match: (r: Json) => boolean) => rows.filter((r) => r.table === table && match(r.row));
    const mads = people.mads.aad;
    expect((json.memberships as Json[]).length).toBe(his('Members', (r) => r.rowKey === mads).length);
    expect(json.personalChat).not.toBeNull();
    expect((json.sickness as Json[]).map((c) => c.id)).toEqual(his('SicknessCases', (r) => r.employeeId === mads).map((r) => r.row.rowKey));
    expect((json.sickness as Json[])[0]!.contacts).toMatchObject([{ on: '2026-12-14', how: 'telefon', note: '[kollega] tager hans vagter', by: 'leder' }]);
    const mus = json.mus as Record<string, Json[]>;
    expect(mus.talks!.length).toBe(his('MusTalks', (r) => String(r.rowKey).startsWith('t_') && String(r.participantIds).includes(mads)).length);
    expect(mus.invitations!.length).toBe(his('MusTalks', (r) => String(r.rowKey).startsWith('i_') && r.aadObjectId === mads).length);
    expect(mus.plans!.map((x) => x.shortGoals)).toEqual(['Kursus i konflikthåndtering']);
    expect(mus.notes!.map((x) => x.text)).toEqual(['Jeg vil gerne på kursus i konflikthåndtering']);
    const actions = his('Actions', (r) => r.ownerId === mads || r.createdBy === mads || (r.kind === 'log' && r.actorId === mads));
    expect((json.actions as Json[]).map((a) => a.number)).toEqual([...new Set(actions.map((a) => `H-${Number(String(a.row.rowKey).slice(1, 7))}`))]);
    expect(JSON.stringify(json.actions)).toContain('Skemaet er lavet sammen med [kollega]');
    const caseAndTalks = new Set([ids.madsCase, ids.madsEpisode, ...mus.talks!.map((x) => String(x.id))]);
    expect((json.events as Json[]).length).toBe(his('Events', (r) => r.actorId === mads || caseAndTalks.has(String(r.subject))).length);
    const reminders = his('Reminders', (r) => String(r.rowKey).startsWith('k:') && (r.targetId === mads || String(r.key).includes(mads) || String(r.key).includes(ids.madsCase) || String(r.key).includes(ids.madsEpisode)));
    expect((json.reminders as Json[]).length).toBe(reminders.length);
    expect(reminders.length).toBeGreaterThan(0);
    // Vold og trusler: the episode that happened to him with its follow-up, the one he registered for Nadia (as her role).
    const episodes = (json.violence as { episodes: Json[] }).episodes;
    expect(episodes.map((e) => e.id).sort()).toEqual(his('ViolenceEpisodes', (r) => r.employeeId === mads || r.reportedById === mads).map((r) => String(r.row.rowKey)).sort());
    expect(episodes.find((e) => e.id === ids.madsEpisode)).toMatchObject({ as: 'exposed', kind: 'fysisk', registeredBy: 'kollega', talkOfferedOn: '2026-12-14', description: 'Borgeren kastede en stol mod Mads i stuen' });
    expect(episodes.find((e) => e.id === ids.nadiaEpisode)).toMatchObject({ as: 'registrar', kind: 'trussel', exposed: 'leder', description: 'En pårørende truede i telefonen' });
    expect(episodes.find((e) => e.id === ids.nadiaEpisode)).not.toHaveProperty('talkOfferedOn');
    expect((json.events as Json[]).filter((e) => e.subject === ids.madsEpisode).map((e) => e.type)).toEqual(expect.arrayContaining(['violence.registered', 'violence.confirmed', 'violence.done.talk']));
    for (const words of ['13. december 2026 kl. 19.30: Fysisk vold, Fællesarealer (registreret af kollega)', 'samtale tilbudt 14. december 2026', '14. december 2026 kl. 08.15: Trussel, Fællesarealer (du registrerede den for leder)']) {
      expect(summary).toContain(words);
    }
    for (const words of ['Bostedet Solhøj: medarbejder', 'Første fraværsdag 14. december 2026', 'Kontakt 14. december 2026 (telefon): [kollega] tager hans vagter', 'Dine forberedelsesnoter', 'H-1 · Arbejdsmiljø', 'Trivselspuls']) {
      expect(summary).toContain(words);
    }
  });

  it('names nobody else, and holds no pulse answer', () => {
    const all = JSON.stringify(json) + summary;
    for (const other of ['lone', 'nadia', 'tobias', 'amira', 'sofie'] as const) expect(mentions(all, other), other).toBe(false);
    expect(all).not.toContain(ids.sofieCase);
    expect(all).not.toContain('Travlt på aftenvagten');
    expect(String(json.pulse)).toContain('gemmes uden forbindelse til dig');
  });
});

describe('restriction (art. 18)', () => {
  it('sends Sofie nothing while restricted, and refuses her changes', async () => {
    // Her own episode of violence, just before: its police reminder to her falls due while she is restricted.
    const sofieEpisode = await registerEpisode(bot, 'sofie', 'self', { occurredOn: localDateOf(clock.now()), occurredAt: '07:00', kind: 'psykisk' });
    expect((await runTool('dsar', ['--user', people.sofie.aad, '--restrict', '--by', 'DPO'], env)).code).toBe(0);
    // Her udviklingsplan follow-up, action reminders and the rest fall due: none reaches her chat.
    const before = bot.connector.sentTo(chat('sofie')).length;
    const beforeLone = bot.connector.sentTo(chat('lone')).length;
    const chatsOpened = () => bot.connector.created().filter((c) => c.members[0]?.id === '29:sofie').length;
    const openedBefore = chatsOpened();
    for (const at of ['2027-01-28T09:00:00Z', '2027-01-29T09:00:00Z', '2027-02-02T09:00:00Z']) await bot.tick(at);
    expect(bot.connector.sentTo(chat('sofie')).length).toBe(before);
    expect(chatsOpened()).toBe(openedBefore);
    expect(bot.connector.sentTo(chat('lone')).length).toBeGreaterThan(beforeLone); // others still get theirs
    const episodeJobs = (await everyRow()).filter((r) => r.table === 'Reminders' && String(r.row.rowKey).startsWith('k:') && String(r.row.key).startsWith(`violence:${WP}:${sofieEpisode}:`));
    const toHer = episodeJobs.filter((r) => r.row.targetId === people.sofie.aad);
    expect(toHer.map((r) => String(r.row.key).split(':')[3])).toContain('police');
    expect(toHer.filter((r) => r.row.status === 'sent')).toEqual([]);
    expect(episodeJobs.filter((r) => r.row.targetId === people.lone.aad && r.row.status === 'sent').length).toBeGreaterThan(0); // the leader's notice went
    const refused = (await bot.say('sofie', 'personal', 'min MUS')).sent.map((r) => String(r.activity.text)).join('\n');
    expect(refused).toContain('Behandlingen af dine oplysninger i TRIO-bot er begrænset');
    const execute = await bot.execute('sofie', 'trio', 'actions.note', { workplaceId: 'bostedet-solhoej', number: 2, note: 'Forsøg' });
    expect(JSON.stringify(execute.body)).toContain('er begrænset');
    expect(JSON.stringify(await everyRow())).not.toContain('Forsøg');
  });

  it('the export says so; lifting it lets messages through again', async () => {
    const out = jsonOut(await runTool('dsar', ['--user', people.sofie.aad], env));
    expect(readFileSync(String(out.summary), 'utf8')).toContain('Behandlingen af dine oplysninger er begrænset');
    expect((await runTool('dsar', ['--user', people.sofie.aad, '--lift'], env)).code).toBe(0);
    expect((await bot.say('sofie', 'personal', 'hjælp')).sent.map((r) => JSON.stringify(r.activity)).join()).not.toContain('begrænset');
  });
});

describe('erasure (art. 17)', () => {
  it('refuses without --yes', async () => {
    const out = await runTool('dsar', ['--user', people.mads.aad, '--erase'], env);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('add --yes');
  });

  it('leaves nothing about Mads but the anonymous figures, and records only that it happened', async () => {
    const before = await everyRow();
    const out = await runTool('dsar', ['--user', people.mads.aad, '--erase', '--yes', '--by', 'DPO'], env);
    expect(out.code).toBe(0);
    const { reference } = jsonOut(out) as { reference: string };
    const after = await everyRow();
    expect(after.filter((r) => mentions(r.text, 'mads') || r.text.includes(ids.madsCase)).map((r) => `${r.table}: ${r.text.slice(0, 200)}`)).toEqual([]);
    // The workplace's plan stays, without him; others' data and the anonymous figures stay.
    const h1 = after.find((r) => r.table === 'Actions' && r.row.rowKey === 'a000001')!;
    expect(h1.row).toMatchObject({ ownerId: '', ownerName: 'tidligere medarbejder', createdBy: people.tobias.aad, tema: 'Arbejdsmiljø' });
    expect(after.some((r) => r.table === 'SicknessCases' && r.row.rowKey === ids.sofieCase)).toBe(true);
    // Vold og trusler: what happened to him is gone; what he registered for Nadia is hers, without him.
    expect(after.some((r) => r.text.includes(ids.madsEpisode))).toBe(false);
    expect(after.find((r) => r.table === 'ViolenceEpisodes' && r.row.rowKey === ids.nadiaEpisode)?.row).toMatchObject({ employeeId: people.nadia.aad, reportedById: '', kind: 'trussel' });
    expect(before.filter((r) => r.table === 'ViolenceStats').length).toBeGreaterThan(0);
    for (const table of ['PulseRounds', 'PulseInbox', 'PulseAnswers', 'SicknessStats', 'ViolenceStats']) {
      expect(after.filter((r) => r.table === table).length, table).toBe(before.filter((r) => r.table === table).length);
    }
    expect(after.filter((r) => r.table === 'Members').map((r) => r.row.rowKey).sort()).toEqual(['lone', 'tobias', 'amira', 'sofie', 'nadia'].map((k) => people[k as PrivacyPerson].aad).sort());
    // The receipt: when and who ordered it, a reference, and nothing about what or whom.
    const receipts = await new PrivacyStore(bot.app.ctx.storage, clock).receipts();
    expect(receipts).toEqual([{ at: expect.any(String), by: 'DPO', reference }]);
    const erased = (await bot.app.ctx.events.list('_', { type: 'privacy.erased' }))[0]!;
    expect(erased.data).toEqual({ reference });
    expect(erased.subject).toBeUndefined();
  });

  it('the bot goes on working for the others', async () => {
    const list = (await bot.say('lone', 'trio', 'åbne handlinger')).sent.map((r) => JSON.stringify(r.activity)).join();
    expect(list).toContain('H-1');
    expect(list).toContain('tidligere medarbejder');
    expect((await bot.say('nadia', 'personal', 'sygefravær')).sent.map((r) => JSON.stringify(r.activity)).join()).toContain('Sofie Social');
  });
});
