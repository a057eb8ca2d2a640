import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { cardText, cards, type PgMessage } from '../support/playground.js';
import { seedSolhoej, startE2E, type E2E } from '../support/e2e.js';

/**
 * MUS as the people of Bostedet Solhøj meet it in the Agents Playground: Lone plans MUS
 * for four employees, each gets an invitation in a personal chat the bot opens, Mads asks
 * for another time and is moved, Lone registers Sofie's udviklingsplan, the follow-up
 * fires when the clock is advanced, and the MED channel (the team's General channel)
 * only ever sees counts. Time is a ManualClock; the reminder engine is ticked by hand.
 */
type Json = Record<string, unknown>;
const clock = new ManualClock('2026-11-23T08:00:00Z'); // Monday 09:00 in Copenhagen
let e: E2E;
let lone: string;

beforeAll(async () => {
  e = await startE2E({}, clock);
  await seedSolhoej(e, { medChannel: e.general });
  lone = e.pg.personalChatId();
});
afterAll(() => e?.stop());

const tick = () => e.t.app.engine.tick(clock.now());
const actionData = (m: PgMessage | Json, title: string): Json => {
  const card = 'messageId' in m ? cards(m as PgMessage)[0]! : ((m as Json).value as Json);
  const actions = (card.actions ?? []) as { title: string; data?: Json; card?: { actions: { data: Json }[] } }[];
  const a = actions.find((x) => x.title === title)!;
  return a.data ?? a.card!.actions[0]!.data;
};
const to = (user: { id: string }, text: string) => (m: PgMessage) => (m.toUserId === user.id || (user.id === e.people.lone.id && m.conversationId === lone)) && cardText(m).includes(text);
const inMed = () => e.pg.messages().filter((m) => m.channelId === e.general || m.conversationId.startsWith(e.general));

describe('MUS end to end', () => {
  let invites: Record<'amira' | 'mads' | 'nadia' | 'sofie', PgMessage>;

  it('the MED channel sees counts of who is due, and no names', async () => {
    const since = e.pg.cursor();
    await e.pg.send(e.general, e.people.lone.id, 'MUS status');
    const m = await e.pg.waitForMessage((x) => x.conversationId.startsWith(e.general) && cardText(x).includes('MUS på Bostedet Solhøj'), { since });
    expect(cardText(m)).toContain('Skal have MUS: 5');
  });

  it('the leader plans MUS for four employees and sends the invitations', async () => {
    const since = e.pg.cursor();
    await e.pg.send(lone, e.people.lone.id, 'planlæg MUS');
    const form = await e.pg.waitForMessage((m) => m.conversationId === lone && cardText(m).includes('Planlæg MUS på Bostedet Solhøj'), { since });
    const four = [e.people.amira, e.people.mads, e.people.nadia, e.people.sofie].map((p) => p.aadObjectId).join(',');
    // The Playground does not merge card inputs into the data: send them as Teams would.
    const draft = (await e.pg.invoke(lone, e.people.lone.id, form.messageId, 'mus.propose', {
      ...actionData(form, 'Foreslå tider'), from: '2026-11-30', to: '2026-12-11', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'Mødelokalet', mode: 'individual', participants: four,
    })) as Json;
    const text = cardText(draft);
    expect(text).toContain('Forslag til MUS-tider');
    for (const name of ['Amira Arbejdsmiljø', 'Mads Medarbejder', 'Nadia Nattevagt', 'Sofie Social']) expect(text).toContain(name);
    expect(text).not.toContain('Tobias');
    const sent = (await e.pg.invoke(lone, e.people.lone.id, form.messageId, 'mus.send', actionData(draft, 'Send invitationer'))) as Json;
    expect(cardText(sent)).toContain('Invitationerne sendes nu til 4 medarbejdere');
  });

  it('each of the four gets a personal invitation with time, place and preparation questions', async () => {
    expect((await tick()).sent).toBe(4);
    const wait = (p: { id: string }) => e.pg.waitForMessage(to(p, 'Invitation til MUS'));
    invites = { amira: await wait(e.people.amira), mads: await wait(e.people.mads), nadia: await wait(e.people.nadia), sofie: await wait(e.people.sofie) };
    expect(cardText(invites.sofie)).toContain('fredag 11. december 2026 kl. 09.00-10.00 (uge 50)');
    expect(cardText(invites.sofie)).toContain('Mødelokalet');
    expect(cardText(invites.mads)).toContain('Hvordan har du det med dine opgaver');
    expect(e.pg.messages().some((m) => m.toUserId === e.people.tobias.id)).toBe(false);
  });

  it('Mads asks for another time; the leader sees the request and moves him', async () => {
    const m = invites.mads;
    const answer = (await e.pg.invoke(m.conversationId, e.people.mads.id, m.messageId, 'mus.requestChange', { ...actionData(m, 'Jeg kommer'), reason: 'Jeg er på kursus den dag' })) as Json;
    expect(cardText(answer)).toContain('Du har bedt om et andet tidspunkt');
    await tick();
    const request = await e.pg.waitForMessage(to(e.people.lone, 'Ønske om andet tidspunkt'));
    expect(cardText(request)).toContain('Jeg er på kursus den dag');
    const moved = (await e.pg.invoke(lone, e.people.lone.id, request.messageId, 'mus.move', { ...actionData(request, 'Flyt samtalen'), date: '2026-12-03', time: '13:00' })) as Json;
    expect(cardText(moved)).toContain('er flyttet til torsdag 3. december 2026 kl. 13.00-14.00');
    await tick();
    const again = await e.pg.waitForMessage(to(e.people.mads, 'Ny tid til din MUS'));
    expect(cardText(again)).toContain('torsdag 3. december 2026 kl. 13.00-14.00');
  });

  it('Sofie accepts and prepares; the leader registers her udviklingsplan; she acknowledges it', async () => {
    const s = invites.sofie;
    await e.pg.invoke(s.conversationId, e.people.sofie.id, s.messageId, 'mus.accept', { ...actionData(s, 'Jeg kommer'), notes: 'Kursus i konflikthåndtering?' });
    clock.set(zonedInstant('2026-12-11', '11:00'));
    await tick();
    const since = e.pg.cursor();
    await e.pg.send(lone, e.people.lone.id, 'registrér MUS');
    const form = await e.pg.waitForMessage((m) => m.conversationId === lone && cardText(m).includes('Registrér MUS: Sofie Social'), { since });
    const done = (await e.pg.invoke(lone, e.people.lone.id, form.messageId, 'mus.register', {
      ...actionData(form, 'Registrér'), outcome: 'held', shortGoals: 'Kursus i konflikthåndtering', longGoals: 'Blive ressourceperson for nye kolleger',
      a0_kind: 'kursus', a0_text: 'Kursus i medicinhåndtering', a1_kind: 'nyeOpgaver', a1_text: 'Demensuddannelse for teamet', knowledgeSharing: 'Oplæg på personalemødet i april', followUpOn: '2027-06-09',
    })) as Json;
    expect(cardText(done)).toContain('MUS med Sofie Social er registreret');
    await tick();
    const plan = await e.pg.waitForMessage(to(e.people.sofie, 'Udviklingsplan for Sofie Social'));
    expect(cardText(plan)).toContain('Oplæg på personalemødet i april');
    const ack = (await e.pg.invoke(plan.conversationId, e.people.sofie.id, plan.messageId, 'mus.ack', actionData(plan, 'Jeg har læst planen'))) as Json;
    expect(cardText(ack)).toContain('Ja, 11. december 2026');
  });

  it('the follow-up reminder fires on the agreed date, for Sofie and for the leader', async () => {
    clock.set(zonedInstant('2027-06-09', '09:00'));
    await tick();
    await e.pg.waitForMessage(to(e.people.sofie, 'Opfølgning på udviklingsplan: Sofie Social'));
    await e.pg.waitForMessage(to(e.people.lone, 'Opfølgning på udviklingsplan: Sofie Social'));
  });

  it('the MED channel sees only counts, on request and quarterly', async () => {
    const since = e.pg.cursor();
    await e.pg.send(e.general, e.people.tobias.id, 'MUS status');
    const status = await e.pg.waitForMessage((x) => x.conversationId.startsWith(e.general) && cardText(x).includes('MUS på Bostedet Solhøj'), { since });
    expect(cardText(status)).toContain('Har haft MUS: 1');
    clock.set(zonedInstant('2027-07-01', '08:00'));
    await e.t.app.engine.runRecurring('mus.quarterly', clock.now());
    await tick();
    await e.pg.waitForMessage((x) => x.conversationId.startsWith(e.general) && cardText(x).includes('kvartalsstatus 3. kvartal 2027'));
    const posted = inMed().map((m) => cardText(m));
    expect(posted.length).toBeGreaterThanOrEqual(3);
    for (const text of posted) {
      expect(text).not.toMatch(/Amira|Mads|Nadia|Sofie|Tobias|konflikthåndtering|personalemødet/);
    }
    expect(e.pg.botErrors()).toEqual([]);
  });
});
