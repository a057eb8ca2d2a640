import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionStore } from '../../src/actions/store.js';
import { ManualClock } from '../../src/core/clock.js';
import { da } from '../../src/i18n/da.js';
import { INBOX_TABLE } from '../../src/inbox/store.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { cardOf, solhoejTeam, startHttpBot, WP, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * Each incoming activity is handled at most once: Teams redelivers an activity with the
 * same id when the bot is slow, and two instances may receive the same activity.
 */
const people = solhoejTeam('lone', 'tobias', 'sofie');
type Person = keyof typeof people;
const clock = new ManualClock('2026-11-24T09:00:00Z');
let bot: HttpBot<Person, 'trio'>;
let form: Json;

const actions = () => new ActionStore(bot.app.ctx.storage, clock).listOpen(WP);
const inboxRows = async (): Promise<{ at: Date }[]> => {
  const rows: { at: Date }[] = [];
  for await (const e of bot.app.ctx.storage.table(INBOX_TABLE).listEntities<{ at: Date }>()) rows.push(e);
  return rows;
};

/** The form's data as submitted; each call stands for a new form card (a card's one-time key makes one record, src/core/once.ts). */
const filled = (emne: string): Json => ({
  ...withoutKey((form.actions as Json[])[0]!.data as Json),
  tema: 'Organisation og ledelse, kriterium 9',
  emne,
  maal: 'Sygefravær ned på 5-6 %',
  hvad: 'Fraværssamtaler efter 1-3-10-modellen',
  start: '1-12-2026',
  end: '30-12-2026',
  owner: people.sofie.aad,
  source: 'apv',
});

const withoutKey = ({ once: _once, ...data }: Json): Json => data;

/** Posts the same activity `times` times at once; returns the HTTP statuses and bodies. */
async function redeliver(url: string[], activity: Json, times: number): Promise<{ status: number; body: string }[]> {
  return Promise.all(
    Array.from({ length: times }, async (_, i) => {
      const res = await fetch(`${url[i % url.length]}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return { status: res.status, body: await res.text() };
    }),
  );
}

beforeAll(async () => {
  bot = await startHttpBot({ clock, people });
  form = cardOf((await bot.say('tobias', 'trio', 'ny handling')).sent[0]!.activity);
});
afterAll(() => bot?.stop());

describe('a redelivered activity', () => {
  it('message (Action.Submit): 5 deliveries of one id give 5 answers and one action', async () => {
    const activity = bot.activity('tobias', 'trio', { type: 'message', replyToId: 'form-submit', value: { verb: 'actions.create', ...filled('Indsendt fem gange') } });
    const sent = bot.connector.sent().length;
    const updates = bot.connector.updates().length;
    const answers = await redeliver([bot.t.url], activity, 5);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const created = (await actions()).filter((a) => a.emne === 'Indsendt fem gange');
    expect(created).toHaveLength(1);
    // The form became the action card once; nothing else was sent.
    expect(bot.connector.updates().length - updates).toBe(1);
    expect(bot.connector.sent().length - sent).toBe(0);
    expect(bot.t.logs.filter((l) => l.event === 'activity.redelivered')).toHaveLength(4);
  });

  it('invoke (Action.Execute): 5 deliveries of one id give 5 identical cards and one action', async () => {
    const activity = bot.activity('tobias', 'trio', {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'form-execute',
      value: { action: { type: 'Action.Execute', verb: 'actions.create', data: filled('Udført fem gange') } },
    });
    const answers = await redeliver([bot.t.url], activity, 5);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const created = (await actions()).filter((a) => a.emne === 'Udført fem gange');
    expect(created).toHaveLength(1);
    const card = answers[0]!.body;
    expect(card).toContain(`H-${created[0]!.number} · Organisation og ledelse, kriterium 9`);
    for (const a of answers) expect(a.body).toBe(card);
  });

  it('a later redelivery of an invoke still gets the same card, and the work is not repeated', async () => {
    const activity = bot.activity('tobias', 'trio', {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'actions.create', data: filled('Gentaget senere') } },
    });
    const [first] = await redeliver([bot.t.url], activity, 1);
    const [again] = await redeliver([bot.t.url], activity, 1);
    expect(again).toEqual(first);
    expect((await actions()).filter((a) => a.emne === 'Gentaget senere')).toHaveLength(1);
  });

  it('installation: 3 deliveries of one id give one welcome', async () => {
    const activity = bot.activity('sofie', 'personal', { type: 'installationUpdate', action: 'add' });
    const sent = bot.connector.sent().length;
    const answers = await redeliver([bot.t.url], activity, 3);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(bot.connector.sent().length - sent).toBe(1);
  });

  it('activities with other ids are all handled', async () => {
    const before = (await actions()).length;
    for (const emne of ['Anden A', 'Anden B']) {
      await bot.execute('tobias', 'trio', 'actions.create', filled(emne));
    }
    expect((await actions()).length).toBe(before + 2);
  });
});

describe('two instances racing for one activity', () => {
  let second: TestApp;
  beforeAll(async () => {
    // Same storage and tables: a second instance of the same deployment.
    second = await startTestApp({ TABLE_PREFIX: bot.app.ctx.storage.prefix }, clock);
  });
  afterAll(() => second?.stop());

  it('a message handled by both gives one action', async () => {
    const activity = bot.activity('tobias', 'trio', { type: 'message', replyToId: 'race-1', value: { verb: 'actions.create', ...filled('Kapløb besked') } });
    const answers = await redeliver([bot.t.url, second.url], activity, 6);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await actions()).filter((a) => a.emne === 'Kapløb besked')).toHaveLength(1);
  });

  it('an invoke handled by both gives one action; every answer is the card or "already received"', async () => {
    const activity = bot.activity('tobias', 'trio', {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'actions.create', data: filled('Kapløb kort') } },
    });
    const answers = await redeliver([bot.t.url, second.url], activity, 6);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const created = (await actions()).filter((a) => a.emne === 'Kapløb kort');
    expect(created).toHaveLength(1);
    const cards = answers.filter((a) => a.body.includes(`H-${created[0]!.number} ·`));
    const received = answers.filter((a) => JSON.parse(a.body).value === da.alreadyReceived);
    expect(cards.length).toBeGreaterThanOrEqual(1);
    expect(cards.length + received.length).toBe(6);
  });
});

describe('the inbox table', () => {
  it('holds only hashed keys, the type and the time, never content', async () => {
    // Azurite's own timestamp and etag left out: a time like 19:04 is not a conversation id.
    const rows = (await inboxRows()).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'timestamp' && k !== 'etag')));
    expect(rows.length).toBeGreaterThan(0);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain('Kapløb');
    expect(raw).not.toContain(people.tobias.aad);
    expect(raw).not.toContain('19:');
  });

  it('is purged of claims older than a day by the recurring job', async () => {
    const before = (await inboxRows()).length;
    expect(before).toBeGreaterThan(5);
    clock.set('2026-11-25T08:00:00Z');
    await bot.execute('tobias', 'trio', 'actions.refresh', { workplaceId: WP, number: 1 });
    expect(await bot.app.engine.runRecurring('inbox.purge', new Date('2026-11-25T09:30:00Z'))).toBe(true);
    const after = await inboxRows();
    expect(after).toHaveLength(1);
    expect(after[0]!.at.toISOString()).toBe('2026-11-25T08:00:00.000Z');
  });
});
