import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { cardText, cards, type PgMessage } from '../support/playground.js';
import { seedSolhoej, startE2E, type E2E } from '../support/e2e.js';

/**
 * Sygefravær in the Agents Playground with the clock advanced: Lone opens a case for
 * Mads; the day 1, 3 and 10 reminders arrive in her personal chat only; a logged contact
 * stops its re-reminder; the samtale is booked and Mads gets the invitation in a personal
 * chat the bot opens; raskmelding stops the pending reminders. No channel ever sees it.
 */
type Json = Record<string, unknown>;
const clock = new ManualClock('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Copenhagen
let e: E2E;
let wp: string;
let lone: string;
let caseRef: Json;

beforeAll(async () => {
  e = await startE2E({}, clock);
  wp = await seedSolhoej(e);
  lone = e.pg.personalChatId();
  await e.pg.send(e.trio, e.people.lone.id, 'hjælp'); // the channel reference the engine opens personal chats from
});
afterAll(() => e?.stop());

/** The data of the Action.Execute titled `title`, anywhere in the card (also inside ShowCards). */
function actionData(m: PgMessage | Json, title: string): Json {
  const root = 'messageId' in m ? cards(m as PgMessage)[0]! : ((m as Json).value as Json);
  const found: Json[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'Action.Execute' && o.title === title) found.push((o.data ?? {}) as Json);
      Object.values(o).forEach(walk);
    }
  };
  walk(root);
  if (!found[0]) throw new Error(`no action "${title}"`);
  return found[0];
}
const tickAt = async (iso: string) => {
  clock.set(iso);
  return e.t.app.engine.tick(clock.now());
};
const toLone = (text: string) => (m: PgMessage) => m.conversationId === lone && cardText(m).includes(text);
// About a case (the channel's help card names the anonymous yearly report command; that is not about anyone).
const sickness = (m: PgMessage) => /Mads|fraværsdag|sygefraværsforløb/i.test(cardText(m));

describe('sygefravær end to end', () => {
  let reminder: PgMessage;

  it('the leader opens a case for Mads from her personal chat', async () => {
    const since = e.pg.cursor();
    await e.pg.send(lone, e.people.lone.id, 'sygemelding');
    const form = await e.pg.waitForMessage((m) => m.conversationId === lone && cardText(m).includes('Ny sygemelding'), { since });
    const data = { ...actionData(form, 'Opret forløb'), employee: `${wp}|${e.people.mads.aadObjectId}`, firstDay: '2026-11-24', partial: 'false', expectedDuration: 'ukendt' };
    const opened = (await e.pg.invoke(lone, e.people.lone.id, form.messageId, 'sickness.open', data)) as Json;
    expect(cardText(opened)).toContain('Sygefraværsforløb: Mads Medarbejder');
    caseRef = actionData(opened, 'Book samtale');
  });

  it('the TR and the AMR see nothing and change nothing, by command or by forged card data', async () => {
    for (const p of [e.people.tobias, e.people.amira]) {
      const chat = await e.pg.openPersonalChat(p.id);
      const since = e.pg.cursor();
      await e.pg.send(chat, p.id, 'sygefravær');
      const reply = await e.pg.waitForMessage((m) => m.conversationId === chat, { since });
      expect(cardText(reply)).toContain('Du har ikke noget åbent sygefraværsforløb');
      for (const [verb, extra] of [['sickness.show', {}], ['sickness.close', { returnDay: '2026-11-25' }], ['sickness.rest', {}]] as const) {
        const answer = JSON.stringify(await e.pg.invoke(chat, p.id, reply.messageId, verb, { ...caseRef, ...extra }));
        expect(answer).toContain('Jeg kan ikke finde det forløb');
        expect(answer).not.toContain('Mads');
      }
    }
  });

  it('day 1: the reminder arrives in her personal chat; the logged contact stops its re-reminder', async () => {
    const since = e.pg.cursor();
    await tickAt('2026-11-24T08:05:00Z');
    reminder = await e.pg.waitForMessage(toLone('Kontakt på 1. fraværsdag: Mads Medarbejder'), { since });
    expect(cardText(reminder)).toContain('Spørg aldrig, hvad medarbejderen fejler');
    const form = (await e.pg.invoke(lone, e.people.lone.id, reminder.messageId, 'sickness.contact.form', actionData(reminder, 'Kontakt gennemført'))) as Json;
    const saved = (await e.pg.invoke(lone, e.people.lone.id, reminder.messageId, 'sickness.contact.log', {
      ...actionData(form, 'Gem kontakt'), how: 'telefon', adjustments: 'nej', note: 'Sofie tager hans vagter',
    })) as Json;
    // The updated case card, with the confirmation on it (not one green line).
    expect(cardText(saved)).toContain('✓ Kontakten med Mads Medarbejder er gemt.');
    expect(cardText(saved)).toContain('Sygefraværsforløb: Mads Medarbejder');
  });

  it('day 3: the next reminder comes, and no re-reminder for day 1', async () => {
    const since = e.pg.cursor();
    await tickAt('2026-11-26T08:00:00Z');
    await e.pg.waitForMessage(toLone('Kontakt på 3. fraværsdag'), { since });
    expect(e.pg.messages().filter((m) => m.seq > since && cardText(m).includes('1. fraværsdag'))).toEqual([]);
    expect((await e.t.app.engine.listOpen(wp)).some((j) => j.key.includes(':contact:1:again@') && j.status === 'pending')).toBe(false);
  });

  it('unlogged, day 3 is reminded again after 2 working days; logging it there ends it', async () => {
    const since = e.pg.cursor();
    await tickAt('2026-11-30T08:00:00Z');
    const again = await e.pg.waitForMessage(toLone('kontakten er ikke registreret endnu'), { since });
    const form = (await e.pg.invoke(lone, e.people.lone.id, again.messageId, 'sickness.contact.form', actionData(again, 'Kontakt gennemført'))) as Json;
    const saved = (await e.pg.invoke(lone, e.people.lone.id, again.messageId, 'sickness.contact.log', { ...actionData(form, 'Gem kontakt'), how: 'sms' })) as Json;
    expect(cardText(saved)).toContain('er gemt');
  });

  it('day 10: the reminder is about the way back', async () => {
    const since = e.pg.cursor();
    await tickAt('2026-12-03T08:00:00Z');
    const m = await e.pg.waitForMessage(toLone('Kontakt på 10. fraværsdag'), { since });
    expect(cardText(m)).toContain('vejen tilbage');
    const form = (await e.pg.invoke(lone, e.people.lone.id, m.messageId, 'sickness.contact.form', actionData(m, 'Kontakt gennemført'))) as Json;
    await e.pg.invoke(lone, e.people.lone.id, m.messageId, 'sickness.contact.log', { ...actionData(form, 'Gem kontakt'), how: 'moede', adjustments: 'ja' });
  });

  it('day 14: the leader books the samtale and Mads gets the invitation in his personal chat', async () => {
    let since = e.pg.cursor();
    await tickAt('2026-12-07T08:00:00Z');
    const prompt = await e.pg.waitForMessage(toLone('Aftal tid til sygefraværssamtalen'), { since });
    const form = (await e.pg.invoke(lone, e.people.lone.id, prompt.messageId, 'sickness.samtale.form', actionData(prompt, 'Book samtalen'))) as Json;
    const booked = (await e.pg.invoke(lone, e.people.lone.id, prompt.messageId, 'sickness.samtale.book', {
      ...actionData(form, 'Book og send invitation'), date: '2026-12-10', time: '10:00', place: 'Mødelokalet på Solhøj',
    })) as Json;
    expect(cardText(booked)).toContain('Mads Medarbejder har fået en invitation');
    since = e.pg.cursor();
    await tickAt('2026-12-07T08:01:00Z');
    const invitation = await e.pg.waitForMessage((m) => m.toUserId === e.people.mads.id && cardText(m).includes('Invitation til sygefraværssamtale'), { since });
    const text = cardText(invitation);
    for (const words of ['10. december 2026 kl. 10.00', 'Mødelokalet på Solhøj', 'bisidder', 'din TR, din AMR', '§ 7 a']) expect(text).toContain(words);
  });

  it('raskmelding stops every pending reminder; only the return follow-up stays', async () => {
    clock.set('2026-12-08T08:00:00Z');
    const since = e.pg.cursor();
    await e.pg.send(lone, e.people.lone.id, 'raskmeld');
    const list = await e.pg.waitForMessage(toLone('Hvem skal raskmeldes?'), { since });
    const shown = (await e.pg.invoke(lone, e.people.lone.id, list.messageId, 'sickness.show', actionData(list, 'Vælg'))) as Json;
    const closed = (await e.pg.invoke(lone, e.people.lone.id, list.messageId, 'sickness.close', { ...actionData(shown, 'Raskmeld og stop påmindelserne'), returnDay: '2026-12-08' })) as Json;
    expect(cardText(closed)).toContain('Ventende påmindelser er stoppet');
    const open = (await e.t.app.engine.listOpen(wp)).map((j) => j.key.split(':').slice(3).join(':').replace(/@.*$/, ''));
    expect(open).toEqual(['after:return-followup']);
    const quiet = e.pg.cursor();
    expect((await tickAt('2026-12-18T08:00:00Z')).sent).toBe(0); // the samtale escalation day
    expect((await tickAt('2026-12-21T08:00:00Z')).sent).toBe(0);
    expect(e.pg.messages().filter((m) => m.seq > quiet)).toEqual([]);
    await tickAt('2026-12-22T08:00:00Z');
    await e.pg.waitForMessage(toLone('Følg op på tilbagevenden til arbejdet'), { since: quiet });
  });

  it('no channel ever saw anything about the case, and only Lone and Mads got messages about it', () => {
    const inChannels = e.pg.messages().filter((m) => m.channelId !== undefined || m.conversationId.startsWith('19:'));
    expect(inChannels.filter(sickness)).toEqual([]);
    const aboutMads = e.pg.messages().filter((m) => cardText(m).includes('Mads'));
    expect(new Set(aboutMads.map((m) => (m.conversationId === lone ? e.people.lone.id : m.toUserId)))).toEqual(new Set([e.people.lone.id, e.people.mads.id]));
    expect(e.pg.botErrors()).toEqual([]);
  });
});
