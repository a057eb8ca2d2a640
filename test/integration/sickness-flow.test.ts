import { TableServiceClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { SicknessStore } from '../../src/sickness/store.js';
import { azuriteConnectionString } from '../support/storage.js';
import { delivered, everything, sentJson, solhoejTeam, startHttpBot, TRIO, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * Sygefravær through the real pipeline (HTTP → adapter → dispatcher → Azurite → reminder
 * engine → connector double) with the clock advanced day by day: the leader opens a case,
 * gets the day 1, 3 and 10 reminders in her personal chat only, a logged contact stops
 * its re-reminder, the samtale is booked and the employee invited, raskmelding cancels
 * everything pending. Then the raw tables are read: no diagnosis, no cause field.
 */
const people = solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie');
type Person = keyof typeof people;

let bot: HttpBot<Person, 'trio'>;
let caseId = '';
const clock = new ManualClock('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Copenhagen
const personal = (who: Person) => `a:personal-${who}`;

/** A user writes; returns everything the bot answered in that turn as one string. */
const say = async (who: Person, text: string, where: 'trio' | 'personal' = 'personal'): Promise<string> => sentJson(await bot.say(who, where, text));

/** Action.Execute; returns the invoke answer (card or message) as a string. */
const act = async (who: Person, verb: string, data: Json): Promise<string> => everything(await bot.execute(who, 'personal', verb, data));

/** Moves the clock and lets the engine send what is due; returns what was sent, by conversation. */
const day = async (iso: string) => delivered((await bot.tick(iso)).sent);

const ref = () => ({ workplaceId: WP, caseId });
const store = () => new SicknessStore(bot.app.ctx.storage, clock);
const current = async () => (await store().get(WP, caseId))!;

beforeAll(async () => {
  bot = await startHttpBot({ clock, people });
  await say('lone', 'hjælp', 'trio'); // the channel reference: the engine opens personal chats from it
});

afterAll(async () => {
  await bot?.stop();
});

describe('sygefravær from sygemelding to raskmelding', () => {
  it('the leader gets the form with the workplace members (not herself), and opens a case', async () => {
    const form = await say('lone', 'sygemelding');
    expect(form).toContain('Ny sygemelding');
    expect(form).toContain('Mads Medarbejder');
    expect(form).not.toContain(`|${people.lone.aad}`);
    const opened = await act('lone', 'sickness.open', { employee: `${WP}|${people.mads.aad}`, firstDay: '2026-11-24', partial: 'false', expectedDuration: 'ukendt' });
    expect(opened).toContain('Sygefraværsforløb: Mads Medarbejder');
    expect(opened).toContain('Forløbet for Mads Medarbejder er oprettet');
    caseId = (await store().list(WP))[0]!.id;
    expect(caseId).toMatch(/^sf[0-9a-f]{8}$/);
  });

  it('day 1: the contact reminder reaches the leader personally, with what to talk about and the no-diagnosis line', async () => {
    const sent = await day('2026-11-24T08:05:00Z');
    expect(sent.map((s) => s.to)).toEqual([personal('lone')]);
    expect(sent[0]!.text).toContain('Kontakt på 1. fraværsdag: Mads Medarbejder');
    expect(sent[0]!.text).toContain('forventede varighed');
    expect(sent[0]!.text).toContain('Spørg aldrig, hvad medarbejderen fejler');
    expect(sent[0]!.text).toContain('Udskyd til i morgen');
  });

  it('a note naming a diagnosis is held back with a warning; nothing is stored until rephrased', async () => {
    const form = await act('lone', 'sickness.contact.form', { ...ref(), point: 1 });
    expect(form).toContain('Skriv aldrig noget om helbred');
    const warned = await act('lone', 'sickness.contact.log', { ...ref(), point: 1, how: 'telefon', adjustments: 'nej', note: 'Han fortalte om sin diagnose' });
    expect(warned).toContain('Teksten nævner: diagnose');
    expect(warned).toContain('Gem alligevel');
    expect((await current()).contacts).toEqual([]);
    const bad = await act('lone', 'sickness.contact.log', { ...ref(), point: 1, how: 'brevdue' });
    expect(bad).toContain('vælg hvordan kontakten foregik');
    const saved = await act('lone', 'sickness.contact.log', { ...ref(), point: 1, how: 'telefon', adjustments: 'nej', expectedReturn: '2026-12-01', note: 'Sofie tager hans vagter' });
    expect(saved).toContain('Kontakten med Mads Medarbejder er gemt');
    expect((await current()).contacts).toMatchObject([{ point: 1, on: '2026-11-24', how: 'telefon', note: 'Sofie tager hans vagter' }]);
  });

  it('day 3: the next reminder comes; the logged contact never gets its re-reminder', async () => {
    const sent = await day('2026-11-26T08:00:00Z');
    expect(sent.map((s) => s.to)).toEqual([personal('lone')]);
    expect(sent[0]!.text).toContain('Kontakt på 3. fraværsdag');
    expect(sent[0]!.text).toContain('hvordan det går');
    expect(sent.some((s) => s.text.includes('1. fraværsdag'))).toBe(false);
    expect((await bot.app.engine.get(`sickness:${WP}:${caseId}:contact:1:again@${people.lone.aad}`))?.status).toBe('cancelled');
  });

  it('"Udskyd til i morgen" brings it back the next day; unlogged, it is reminded again after 2 working days', async () => {
    expect(await act('lone', 'sickness.contact.postpone', { ...ref(), point: 3 })).toContain('Udskudt. Jeg minder dig igen 27. november 2026');
    expect((await day('2026-11-27T08:00:00Z')).map((s) => s.text.includes('Kontakt på 3. fraværsdag'))).toEqual([true]);
    expect(await day('2026-11-30T08:00:00Z')).toEqual([]);
    const again = await day('2026-12-01T08:00:00Z');
    expect(again).toHaveLength(1);
    expect(again[0]!.text).toContain('kontakten er ikke registreret endnu');
  });

  it('day 10: the reminder is about the way back and preparing the samtale', async () => {
    const sent = await day('2026-12-03T08:00:00Z');
    expect(sent.map((s) => s.to)).toEqual([personal('lone')]);
    expect(sent[0]!.text).toContain('Kontakt på 10. fraværsdag');
    expect(sent[0]!.text).toContain('vejen tilbage');
    const saved = await act('lone', 'sickness.contact.log', { ...ref(), point: 10, how: 'moede', adjustments: 'ja' });
    // The leader sees the updated case card, with the confirmation on it.
    expect(saved).toContain('✓ Kontakten med Mads Medarbejder er gemt.');
    expect(saved).toContain('Sygefraværsforløb: Mads Medarbejder');
  });

  it('day 14: book the samtale; the employee gets the invitation with the right to a bisidder', async () => {
    const prompt = await day('2026-12-07T08:00:00Z');
    expect(prompt.map((s) => s.to)).toEqual([personal('lone')]);
    expect(prompt[0]!.text).toContain('Aftal tid til sygefraværssamtalen: Mads Medarbejder');
    expect(prompt[0]!.text).toContain('§ 7 a');
    expect(await act('lone', 'sickness.samtale.book', { ...ref(), date: '2026-12-01', time: '10:00', place: 'Mødelokalet' })).toContain('samtalen kan ikke ligge i fortiden');
    const booked = await act('lone', 'sickness.samtale.book', { ...ref(), date: '2026-12-10', time: '10:00', place: 'Mødelokalet på Solhøj' });
    expect(booked).toContain('✓ Samtalen er booket 10. december 2026 kl. 10.00. Mads Medarbejder har fået en invitation.');
    // Booked for its date (not "done" on the meeting day); the outcome only after the meeting.
    expect(booked).toContain('Booket: 10. december 2026 kl. 10.00');
    expect(booked).not.toContain('Samtalens udfald');
    expect(await act('lone', 'sickness.samtale.outcomeForm', ref())).toContain('Samtalens udfald kan registreres, når samtalen har været');
    const invitation = await day('2026-12-07T08:01:00Z');
    expect(invitation.map((s) => s.to)).toEqual(['a:1on1-29:mads']);
    for (const words of ['Invitation til sygefraværssamtale', '10. december 2026 kl. 10.00', 'Mødelokalet på Solhøj', 'bisidder', 'din TR, din AMR', '§ 7 a', 'Invitér min TR']) {
      expect(invitation[0]!.text).toContain(words);
    }
  });

  it('the employee asks the bot to invite the TR, who hears only who, when and where', async () => {
    const answer = await act('mads', 'sickness.samtale.inviteTr', { ...ref(), rev: 1 });
    expect(answer).toContain('Din TR har fået tid og sted');
    const sent = await day('2026-12-07T08:02:00Z');
    expect(sent.map((s) => s.to)).toEqual(['a:1on1-29:tobias']);
    const text = JSON.parse(sent[0]!.text).text as string;
    expect(text).toContain('10. december 2026 kl. 10.00, Mødelokalet på Solhøj');
    expect(text).not.toMatch(/syg|fravær|rask/i);
  });

  it('after the samtale the leader records the outcome', async () => {
    const prompt = await day('2026-12-10T11:00:00Z');
    expect(prompt.map((s) => s.to)).toEqual([personal('lone')]);
    expect(prompt[0]!.text).toContain('Registrér udfaldet');
    expect(await act('lone', 'sickness.samtale.outcomeForm', ref())).toContain('Mulighedserklæring fra lægen: hvem ønsker en?');
    const saved = await act('lone', 'sickness.samtale.outcome', { ...ref(), heldOn: '2026-12-10', plan: 'Starter med 15 timer om ugen', partialReturn: 'true', mulighedserklaering: 'medarbejder', paragraf56: 'false', nextFollowUp: '2026-12-11' });
    expect(saved).toContain('✓ Samtalens udfald er gemt.');
    expect((await current()).samtale).toMatchObject({ heldOn: '2026-12-10', outcome: { partialReturn: true, mulighedserklaering: 'medarbejder', paragraf56: false } });
    // The follow-up reminder says what was agreed, and only that.
    const followUp = await day('2026-12-11T08:00:00Z');
    expect(followUp.map((s) => s.to)).toEqual([personal('lone')]);
    expect(followUp[0]!.text).toContain('I aftalte ved samtalen 10. december 2026 at følge op i dag. Aftalt: delvis raskmelding; medarbejderen ønsker en mulighedserklæring; en plan for tilbagevenden.');
    expect(followUp[0]!.text).not.toContain('§ 56');
  });

  it('raskmelding closes the case and cancels everything pending; only the return follow-up remains', async () => {
    const closed = await act('lone', 'sickness.close', { ...ref(), returnDay: '2026-12-14' });
    expect(closed).toContain('Mads Medarbejder er raskmeldt med første arbejdsdag 14. december 2026');
    const open = (await bot.app.engine.listOpen(WP)).filter((j) => j.key.includes(caseId));
    expect(open.map((j) => j.key)).toEqual([`sickness:${WP}:${caseId}:after:return-followup@${people.lone.aad}`]);
    expect(await day('2026-12-18T08:00:00Z')).toEqual([]); // the samtale escalation would have been today
    expect(await day('2026-12-23T08:00:00Z')).toEqual([]);
    const back = await day('2026-12-28T08:00:00Z');
    expect(back.map((s) => s.to)).toEqual([personal('lone')]);
    expect(back[0]!.text).toContain('Følg op på tilbagevenden til arbejdet');
  });

  it('nothing was ever sent to a channel, and the event log holds only case ids and step types', async () => {
    expect(bot.connector.sent().filter((r) => r.conversationId.startsWith(TRIO)).map((r) => JSON.stringify(r.activity))).toEqual([
      expect.stringContaining('Det kan jeg hjælpe med'),
    ]);
    const events = (await bot.app.ctx.events.list(WP)).filter((e) => e.type.startsWith('sickness.'));
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) {
      expect(e.subject).toBe(caseId);
      expect(e.data).toEqual({});
    }
  });

  it('the raw tables hold no diagnosis and no cause-of-illness field anywhere', async () => {
    const service = TableServiceClient.fromConnectionString(azuriteConnectionString(), { allowInsecureConnection: true });
    const prefix = bot.app.ctx.storage.prefix;
    let rows = 0;
    for await (const table of service.listTables()) {
      if (!table.name?.startsWith(prefix)) continue;
      const client = bot.app.ctx.storage.table(table.name.slice(prefix.length));
      for await (const entity of client.listEntities()) {
        rows++;
        const raw = JSON.stringify(entity);
        expect(raw).not.toMatch(/diagnos/i);
        for (const key of Object.keys(entity)) expect(key).not.toMatch(/diagnos|cause|aarsag|årsag|symptom|sygdom|illness/i);
      }
    }
    expect(rows).toBeGreaterThan(10);
  });
});
