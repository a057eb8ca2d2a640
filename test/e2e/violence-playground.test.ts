import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { cardText, cards, type PgMessage } from '../support/playground.js';
import { seedSolhoej, startE2E, type E2E } from '../support/e2e.js';

/**
 * Vold og trusler in the Agents Playground with the clock advanced: Nadia registers a
 * night-shift episode from her personal chat; Lone gets the follow-up card at once; Amira
 * (AMR) gets the reduced notice; the anmeldelse reminder falls due on the right day and
 * stops when marked done; TRIO's monthly card shows counts and hides those under 3; and
 * every channel message is read to prove nothing personal ever reached a channel.
 */
type Json = Record<string, unknown>;
const clock = new ManualClock('2026-12-01T01:40:00Z'); // Tuesday 02.40 in Copenhagen
let e: E2E;
let wp: string;
let lone: string;
let nadia: string;
let ref: Json;
let ownCard = '';
let leaderCard = '';
let leaderMessage: PgMessage | undefined;

beforeAll(async () => {
  e = await startE2E({}, clock);
  wp = await seedSolhoej(e);
  lone = e.pg.personalChatId();
  await e.pg.send(e.trio, e.people.lone.id, 'hjælp'); // the channel reference the engine opens personal chats from
  nadia = await e.pg.openPersonalChat(e.people.nadia.id);
});
afterAll(() => e?.stop());

/** The data of the first Action.Execute with this verb in a message's card. */
function dataOf(m: PgMessage | Json, verb: string, where: Json = {}): Json {
  const root = 'messageId' in m ? cards(m as PgMessage)[0]! : ((m as Json).value as Json);
  const found: Json[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'Action.Execute' && o.verb === verb) found.push((o.data ?? {}) as Json);
      Object.values(o).forEach(walk);
    }
  };
  walk(root);
  const hit = found.find((d) => Object.entries(where).every(([k, v]) => d[k] === v));
  if (!hit) throw new Error(`no action ${verb}`);
  return hit;
}
const tickAt = async (iso: string) => {
  clock.set(iso);
  return e.t.app.engine.tick(clock.now());
};
const inputs = { subject: 'self', occurredOn: '2026-12-01', occurredAt: '02:30', place: 'Fællesarealer', kind: 'fysisk', source: 'borger' };

describe('vold og trusler end to end', () => {
  it('Nadia registers an episode from her personal chat in one form', async () => {
    const since = e.pg.cursor();
    await e.pg.send(nadia, e.people.nadia.id, 'registrér episode');
    const form = await e.pg.waitForMessage((m) => m.conversationId === nadia && cardText(m).includes('Registrér en episode'), { since });
    expect(cardText(form)).toContain('Skriv aldrig borgerens navn eller CPR-nummer');
    const answer = (await e.pg.invoke(nadia, e.people.nadia.id, form.messageId, 'violence.register', {
      ...dataOf(form, 'violence.register'), ...inputs, injured: 'true', absenceFrom: '2026-12-02', needsTalkNow: 'true', description: 'Optrapning ved aftensmaden',
    })) as Json;
    expect(cardText(answer)).toContain('din leder har fået besked med det samme');
    const own = await e.pg.waitForMessage((m) => m.conversationId === nadia && cardText(m).includes('Vil du politianmelde episoden?'), { since });
    ownCard = own.messageId;
    ref = dataOf(own, 'violence.police');
    delete ref.decision;
  });

  it('the leader gets the follow-up card at once, in the night, in her personal chat', async () => {
    const since = e.pg.cursor();
    await tickAt('2026-12-01T01:41:00Z');
    const card = await e.pg.waitForMessage((m) => m.conversationId === lone && cardText(m).includes('Episode: Nadia Nattevagt'), { since });
    leaderCard = card.messageId;
    leaderMessage = card;
    for (const words of ['har brug for at tale med nogen nu', 'Tilbyd en samtale i dag', 'Anmeld som arbejdsulykke', 'senest 9 dage efter første fraværsdag', 'risikovurdering']) expect(cardText(card)).toContain(words);
  });

  it('the AMR gets the reduced notice in the morning: kind, place, time of day, whether reported, no name', async () => {
    const since = e.pg.cursor();
    await tickAt('2026-12-01T06:30:00Z');
    const notice = await e.pg.waitForMessage((m) => m.toUserId === e.people.amira.id && cardText(m).includes('Som AMR'), { since });
    const text = cardText(notice);
    for (const words of ['Fysisk vold', 'Fællesarealer', 'Nat (23-7)', 'Ikke endnu (frist 11. december 2026)']) expect(text).toContain(words);
    expect(text).not.toMatch(/Nadia|aftensmaden/);
  });

  it('the anmeldelse reminder falls due on 9 December (2 days before the deadline), and stops when marked done', async () => {
    expect(cardText((await e.pg.invoke(nadia, e.people.nadia.id, ownCard, 'violence.police', { ...ref, decision: 'nej' })) as Json)).toContain('Politianmeldelse: nej');
    // The card's own buttons (each with its one-time key), as Lone presses them.
    await e.pg.invoke(lone, e.people.lone.id, leaderCard, 'violence.step', dataOf(leaderMessage!, 'violence.step', { step: 'talk' }));
    await e.pg.invoke(lone, e.people.lone.id, leaderCard, 'violence.step', dataOf(leaderMessage!, 'violence.step', { step: 'followup' }));
    let since = e.pg.cursor();
    await tickAt('2026-12-08T07:00:00Z');
    await tickAt('2026-12-08T19:00:00Z');
    expect(e.pg.messages().filter((m) => m.seq > since && cardText(m).includes('arbejdsulykke senest'))).toEqual([]);
    since = e.pg.cursor();
    await tickAt('2026-12-09T07:00:00Z');
    const reminder = await e.pg.waitForMessage((m) => m.conversationId === lone && cardText(m).includes('skal anmeldes som arbejdsulykke senest 11. december 2026'), { since });
    const done = (await e.pg.invoke(lone, e.people.lone.id, reminder.messageId, 'violence.step', dataOf(reminder, 'violence.step'))) as Json;
    expect(cardText(done)).toContain('Gjort 9. december 2026');
    since = e.pg.cursor();
    await tickAt('2026-12-11T07:00:00Z');
    await tickAt('2026-12-11T12:00:00Z');
    expect(e.pg.messages().filter((m) => m.seq > since && m.conversationId === lone && cardText(m).includes('sidste frist'))).toEqual([]);
    expect((await e.t.app.engine.listOpen(wp)).some((j) => j.key.includes(':anmeldelse:') && j.status === 'pending')).toBe(false);
  });

  it('TRIO\'s monthly card shows counts and hides those under 3', async () => {
    // Six more episodes in December from colleagues: fysisk 3 in all, trussel 3, chikane 1.
    clock.set('2026-12-14T16:00:00Z');
    const more = [['mads', 'fysisk'], ['sofie', 'fysisk'], ['mads', 'trussel'], ['sofie', 'trussel'], ['mads', 'trussel'], ['sofie', 'chikane']] as const;
    for (const [who, kind] of more) {
      const p = e.people[who];
      const chat = await e.pg.openPersonalChat(p.id);
      const at = e.pg.cursor();
      await e.pg.send(chat, p.id, 'vold');
      const form = await e.pg.waitForMessage((m) => m.conversationId === chat && cardText(m).includes('Registrér en episode'), { since: at });
      const answer = await e.pg.invoke(chat, p.id, form.messageId, 'violence.register', { ...dataOf(form, 'violence.register'), ...inputs, occurredOn: '2026-12-14', occurredAt: '16:00', kind });
      expect(cardText(answer as Json)).toContain('Episoden er registreret');
    }
    const since = e.pg.cursor();
    clock.set('2027-01-04T07:00:00Z');
    await e.t.app.engine.runRecurring('violence.monthly', clock.now());
    await tickAt('2027-01-04T07:00:30Z');
    const monthly = await e.pg.waitForMessage((m) => m.conversationId.startsWith(e.trio) && cardText(m).includes('Vold, trusler og krænkelser i december 2026'), { since });
    const text = cardText(monthly);
    for (const words of ['Episoder i alt', '7', 'Fysisk vold', 'Øvrige (samlet)', 'Tal under 3 vises ikke', 'Opret handling']) expect(text).toContain(words);
    expect(text).not.toContain('Chikane');
    expect(text).not.toMatch(/Nadia|Mads|Sofie/);
  });

  it('nothing personal ever appeared in a channel: every channel message is read', () => {
    const inChannels = e.pg.messages().filter((m) => m.channelId !== undefined || m.conversationId.startsWith('19:'));
    expect(inChannels.length).toBeGreaterThan(0);
    for (const m of inChannels) {
      const text = cardText(m);
      for (const p of Object.values(e.people)) expect(text, text.slice(0, 80)).not.toContain(p.name);
      expect(text).not.toMatch(/aftensmaden|Episode:|Som AMR|politianmeld/);
    }
    expect(e.pg.botErrors()).toEqual([]);
  });
});
