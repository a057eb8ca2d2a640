import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { cardOf, contentOf, createdChat as chat, solhoejTeam, startHttpBot, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * What a person's own action sends goes out at once, through the real engine as it runs
 * in production (started: SCHEDULER_ENABLED=true), never by a test calling tick(): the
 * leader presses "Send invitationer" and the employees have their invitations seconds
 * later; the employee asks for another time and the leader has the request seconds
 * later. The confirmations say the truth, also outside the working hours (07.00-20.00).
 */
const people = solhoejTeam('lone', 'mads', 'sofie', 'nadia');
type Person = keyof typeof people;
const clock = new ManualClock('2026-11-23T08:00:00Z'); // Monday 09:00 in Copenhagen
let bot: HttpBot<Person, 'trio'>;

const text = (r: { sent: { activity: Json }[]; raw: string }) => r.raw + JSON.stringify(r.sent.map((x) => contentOf(x.activity)));
const inbox = (who: Person) => bot.connector.sentTo(chat(who)).map((r) => cardOf(r.activity));
const actionData = (card: Json, title: string): Json => {
  const found = JSON.stringify(card).match(new RegExp(`"title":"${title}","verb":"[^"]+","data":(\\{[^}]*\\})`));
  return found ? (JSON.parse(found[1]!) as Json) : {};
};

/** Waits (real time) until `done` holds; the bound is generous, the engine's kick takes about a quarter of a second. */
async function eventually(done: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('not delivered in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  bot = await startHttpBot({ clock, people, personalChat: chat, env: { SCHEDULER_ENABLED: 'true' } });
  // The bot is installed in the team: a word in the TRIO channel gives it the team's address.
  await bot.say('lone', 'trio', 'MUS status');
});
afterAll(async () => {
  await bot?.stop();
});

describe('messages of a person\'s own action go out at once through the engine', () => {
  let madsCard: Json;

  it('"Send invitationer" reaches each employee within seconds, and says so', async () => {
    const proposeData = { verb: 'mus.propose', workplaceId: 'bostedet-solhoej' };
    const two = [people.mads.aad, people.sofie.aad].join(',');
    const draft = await bot.execute('lone', 'personal', 'mus.propose', { ...proposeData, from: '2026-11-30', to: '2026-12-04', windowStart: '09:00', windowEnd: '15:00', duration: '60', buffer: '15', place: 'Kontoret', mode: 'individual', participants: two });
    const send = actionData((draft.body as { value: Json }).value, 'Send invitationer');
    const sent = await bot.execute('lone', 'personal', 'mus.send', send);
    expect(text(sent)).toContain('Invitationerne sendes nu til 2 medarbejdere i deres private chat med mig');
    await eventually(() => inbox('mads').length > 0 && inbox('sofie').length > 0);
    madsCard = inbox('mads')[0]!;
    expect(JSON.stringify(madsCard)).toContain('Invitation til MUS');
  });

  it('the request for another time reaches the leader within seconds; the employee is told it does now', async () => {
    const data = actionData(madsCard, 'Send ønsket');
    const asked = await bot.execute('mads', 'personal', 'mus.requestChange', { ...data, reason: 'Kursus den dag' });
    expect(text(asked)).toContain('Din leder får besked nu.');
    await eventually(() => inbox('lone').some((c) => JSON.stringify(c).includes('Ønske om andet tidspunkt')));
  });

  it('outside the working hours, the confirmation says when they go out', async () => {
    clock.set(zonedInstant('2026-11-23', '21:30'));
    const proposeData = { verb: 'mus.propose', workplaceId: 'bostedet-solhoej' };
    const draft = await bot.execute('lone', 'personal', 'mus.propose', { ...proposeData, from: '2026-12-14', to: '2026-12-18', windowStart: '09:00', windowEnd: '15:00', duration: '60', buffer: '15', place: 'Kontoret', mode: 'individual', participants: people.nadia.aad });
    const sent = await bot.execute('lone', 'personal', 'mus.send', actionData((draft.body as { value: Json }).value, 'Send invitationer'));
    expect(text(sent)).toContain('Invitationerne til 1 medarbejder sendes 24. november 2026 kl. 07.00, når arbejdstiden begynder');
  });
});
