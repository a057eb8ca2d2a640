import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { listAll } from '../../src/storage/tables.js';
import { allUsers, cardText, cards, solhoej, type PgMessage, type PgUser } from '../support/playground.js';
import { seedSolhoej, startE2E, type E2E } from '../support/e2e.js';

/**
 * The trivsel pulse in the Agents Playground, with the real reminder engine sending:
 * the pulse reaches every configured user in a personal chat, five answer, the sixth is
 * reminded and answers too, and TRIO sees the results; a second answer is refused; the
 * next week four answer and TRIO sees that there are too few answers to show anything.
 * The Playground has six people, three of them in TRIO: results need three answers
 * outside TRIO, so the workplace's threshold is the floor, 3 (PULSE_MIN_GROUP).
 */
type Json = Record<string, unknown>;
const clock = new ManualClock('2026-11-23T06:30:00Z'); // Monday 07:30 in Copenhagen
let e: E2E;
let workplaceId: string;
const everyone: PgUser[] = allUsers(solhoej);

beforeAll(async () => {
  e = await startE2E({ PULSE_MIN_GROUP: '3' }, clock);
  workplaceId = await seedSolhoej(e);
  // The engine opens personal chats from the TRIO channel's stored reference: the channel has spoken once.
  await e.pg.send(e.trio, e.people.lone.id, 'hjælp');
});
afterAll(() => e?.stop());

/** Runs the pulse's recurring tick and then the engine's send tick at the current (fake) time. */
async function runAt(iso: string) {
  clock.set(iso);
  const ran = await e.t.app.engine.runRecurring('pulse.tick', clock.now());
  return { ran, report: await e.t.app.engine.tick(clock.now()) };
}

async function pulseCards(since: number, title: string): Promise<Map<string, PgMessage>> {
  const got = new Map<string, PgMessage>();
  for (const user of everyone) {
    got.set(user.id, await e.pg.waitForMessage((m) => m.toUserId === user.id && cardText(m).includes(title), { since }));
  }
  return got;
}

/** Answers a pulse card as Teams does: the card's submit data plus the chosen values. */
async function answer(card: PgMessage, user: PgUser, score: string): Promise<string> {
  const submit = ((cards(card)[0]?.actions as Json[])[0]!.data ?? {}) as Json;
  const response = await e.pg.invoke(card.conversationId, user.id, card.messageId, 'pulse.answer', { ...submit, q1: score, q2: score, q3: score });
  return cardText(response);
}

describe('trivselspuls end to end', () => {
  let week48: Map<string, PgMessage>;

  it('sends the pulse card to every configured user in a personal chat', async () => {
    const since = e.pg.cursor();
    const { ran, report } = await runAt('2026-11-23T08:00:00Z');
    const problems = e.t.logs.filter((l) => (l.level as number) >= 40 && l.event !== 'auth.localMode');
    // Six pulse cards, and the leader's notice that the workplace's first round has gone out.
    expect({ ran, sent: report.sent, problems }).toEqual({ ran: true, sent: 7, problems: [] });
    const notice = await e.pg.waitForMessage((m) => m.toUserId === e.people.lone.id && cardText(m).includes('Trivselspulsen på'), { since });
    expect(cardText(notice)).toContain('Den første trivselspuls (uge 48) er sendt til 6 personer på arbejdsstedet og er åben til 30. november 2026 kl. 09.00.');
    expect(e.pg.messages().filter((m) => m.seq > since && cardText(m).includes('Den første trivselspuls')).map((m) => m.toUserId)).toEqual([e.people.lone.id]);
    week48 = await pulseCards(since, 'Ugens trivselspuls, uge 48');
    expect(week48.size).toBe(6);
    for (const m of week48.values()) expect(m.conversationId).not.toContain(solhoej.team.channel!.id);
  });

  it('five answer; a second answer from the same person is refused kindly', async () => {
    for (const user of everyone.slice(0, 5)) expect(await answer(week48.get(user.id)!, user, '2')).toContain('Tak for dit svar!');
    const again = await answer(week48.get(e.people.mads.id)!, e.people.mads, '5');
    expect(again).toContain('Du har allerede svaret på denne uges trivselspuls');
  });

  it('reminds only the one who has not answered, who then answers', async () => {
    const since = e.pg.cursor();
    await runAt('2026-11-25T08:00:00Z');
    const reminder = await e.pg.waitForMessage((m) => m.toUserId === e.people.nadia.id && cardText(m).includes('Påmindelse: trivselspuls, uge 48'), { since });
    expect(e.pg.messages().filter((m) => m.seq > since && cardText(m).includes('Påmindelse'))).toHaveLength(1);
    expect(await answer(reminder, e.people.nadia, '3')).toContain('Tak for dit svar!');
  });

  it('when the pulse closes, TRIO sees the results', async () => {
    const since = e.pg.cursor();
    await runAt('2026-11-30T08:10:00Z');
    const results = await e.pg.waitForMessage((m) => m.channelId === e.trio && cardText(m).includes('Trivselspuls uge 48'), { since });
    const text = cardText(results);
    expect(text).toContain('De fleste har svaret.');
    expect(text).toContain('2,0'); // five 2s and a 3 on the items that are not reversed
    expect(text).toContain('Opret handling');
    expect(JSON.stringify(cards(results)[0])).toContain('"type":"Chart.Line"');

    // "Opret handling" opens handleplaner's new-action form in the channel.
    const button = JSON.stringify(cards(results)[0]).match(/"data":(\{"verb":"actions\.newForm"[^}]*\})/);
    expect(JSON.parse(button![1]!)).toMatchObject({ workplaceId, tema: 'Trivsel', kilde: 'trivselspuls' });
    const before = e.pg.cursor();
    await e.pg.invoke(results.conversationId, e.people.tobias.id, results.messageId, 'actions.newForm', JSON.parse(button![1]!) as Json);
    const form = await e.pg.waitForMessage((m) => m.channelId === e.trio && cardText(m).includes('Ny handling – Bostedet Solhøj'), { since: before });
    // Pre-filled: Tema, Emne (the dimension) and kilde come from the pulse.
    const inputs = JSON.stringify(cards(form)[0]);
    const emne = (JSON.parse(button![1]!) as { emne: string }).emne;
    expect(inputs).toMatch(/"id":"tema"[^}]*"value":"Trivsel"/);
    expect(inputs).toContain(`"value":"${emne}"`);
    expect(inputs).toMatch(/"id":"source"[^}]*"value":"trivselspuls"/);
  });

  it('the raw answer table holds no user ids and nothing else to tie a row to a person', async () => {
    const rows = await listAll<Json>(e.t.app.ctx.storage.table('PulseAnswers'), `PartitionKey eq '${workplaceId}~2026-W48'`);
    expect(rows).toHaveLength(18);
    const raw = JSON.stringify(rows);
    for (const user of everyone) for (const id of [user.id, user.aadObjectId, user.name]) expect(raw).not.toContain(id);
    expect(await listAll(e.t.app.ctx.storage.table('PulseInbox'), `PartitionKey eq '${workplaceId}~2026-W48'`)).toEqual([]);
  });

  it('the next week four answer, and TRIO sees that there are too few answers to show anything', async () => {
    const week49 = await pulseCards(0, 'Ugens trivselspuls, uge 49'); // sent by the closing tick
    for (const user of everyone.slice(1, 5)) expect(await answer(week49.get(user.id)!, user, '4')).toContain('Tak for dit svar!');
    const since = e.pg.cursor();
    await runAt('2026-12-07T08:10:00Z');
    const results = await e.pg.waitForMessage((m) => m.channelId === e.trio && cardText(m).includes('Trivselspuls uge 49'), { since });
    const text = cardText(results);
    expect(text).toContain('De fleste har svaret.');
    expect(text).toContain('For få svar til at vise resultater');
    expect(text).not.toMatch(/\d,\d\*?\*? af 5/);
  });

  it('`trivsel` in the TRIO channel shows the latest results', async () => {
    const since = e.pg.cursor();
    await e.pg.send(e.trio, e.people.tobias.id, 'trivsel');
    const m = await e.pg.waitForMessage((x) => x.channelId === e.trio && cardText(x).includes('Trivselspuls uge 49'), { since });
    expect(cardText(m)).toContain('For få svar');
    expect(e.pg.botErrors()).toEqual([]);
  });
});
