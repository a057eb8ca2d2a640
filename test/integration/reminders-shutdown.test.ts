import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { CONVERSATIONS_TABLE, ConversationStore } from '../../src/conversations/store.js';
import { createLogger } from '../../src/core/log.js';
import { ReminderEngine } from '../../src/outbox/engine.js';
import { REMINDERS_TABLE } from '../../src/outbox/store.js';
import { JOB } from '../../src/sickness/plan.js';
import { SICKNESS_TABLES, SicknessStore } from '../../src/sickness/store.js';
import { freePort } from '../../src/storage/azurite.js';
import type { Storage } from '../../src/storage/tables.js';
import { WORKPLACE_TABLES, WorkplaceStore } from '../../src/workplaces/store.js';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double.js';
import { madsCase } from '../support/sickness-case.js';
import { seedWorkplace } from '../support/seed.js';
import { azuriteConnectionString, testStorage } from '../support/storage.js';
import { ensureWorkerBuilt, MAIN, startWorker, waitForLine, type WorkerProcess } from '../support/reminder-worker.js';

/**
 * `node dist/main.js` stops within SHUTDOWN_GRACE_SECONDS (default 10) on SIGTERM
 * whatever the Teams connector does, and hands back every job it held: the next start
 * sends each of them exactly once. The jobs are real ones (a leader's note that an
 * employee reported sick), urgent so that the time of day does not matter.
 */
const WP = 'solhoej';
const LEADER = { aad: 'aad-lone', teams: '29:lone', conversation: 'a:personal-lone' };
const EMPLOYEES = Array.from({ length: 12 }, (_, i) => ({ aad: `aad-e${i}`, name: `Medarbejder ${String(i).padStart(2, '0')}` }));

describe('shutdown with a connector that does not answer', () => {
  let connector: ConnectorDouble;
  beforeAll(async () => {
    await ensureWorkerBuilt();
    connector = await startConnectorDouble();
  }, 120_000);
  afterAll(() => connector.stop());

  /** A workplace, the leader's personal chat (at `serviceUrl`), and 12 reported cases with their due notes. */
  async function seed(serviceUrl: string): Promise<{ storage: Storage; keys: string[] }> {
    const storage = testStorage();
    await storage.ensure([...WORKPLACE_TABLES, CONVERSATIONS_TABLE, REMINDERS_TABLE, ...SICKNESS_TABLES]);
    const clock = new ManualClock(new Date());
    const workplaces = new WorkplaceStore(storage, clock);
    await seedWorkplace(workplaces, { id: WP, name: 'Bostedet Solhøj', createdBy: LEADER.aad }, [
      { aadObjectId: LEADER.aad, teamsUserId: LEADER.teams, name: 'Lone Leder', roles: ['leder'] },
      ...EMPLOYEES.map((e, i) => ({ aadObjectId: e.aad, teamsUserId: `29:e${i}`, name: e.name, roles: ['medarbejder' as const] })),
    ]);
    await saveLeaderChat(storage, serviceUrl);
    const cases = new SicknessStore(storage, clock);
    const engine = new ReminderEngine({ storage, clock, log: createLogger('silent') }, { appRatePerSecond: 50, workingHours: { start: '07:00', end: '20:00' } });
    const keys: string[] = [];
    for (const e of EMPLOYEES) {
      const { id: _id, workplaceId: _w, openedAt: _o, contacts: _c, ...draft } = madsCase({ employeeId: e.aad, employeeName: e.name, leaderId: LEADER.aad, status: 'meldt', reportedBy: 'medarbejder' });
      const c = await cases.create(WP, draft);
      const key = `sickness:${WP}:${c.id}:reported:${LEADER.aad}`;
      await engine.schedule({ key, kind: JOB.reported, workplaceId: WP, target: { kind: 'user', aadObjectId: LEADER.aad }, dueAt: clock.now(), payload: { caseId: c.id }, urgent: true });
      keys.push(key);
    }
    return { storage, keys };
  }

  async function saveLeaderChat(storage: Storage, serviceUrl: string): Promise<void> {
    const reference = { serviceUrl, channelId: 'msteams', bot: { id: '28:trio-bot', name: 'TRIO-bot' }, user: { id: LEADER.teams, aadObjectId: LEADER.aad }, conversation: { id: LEADER.conversation, conversationType: 'personal', tenantId: 'tenant-1' } };
    await new ConversationStore(storage, new ManualClock(new Date())).save({ kind: 'user', key: LEADER.aad, reference: JSON.stringify(reference), serviceUrl, tenantId: 'tenant-1' });
  }

  function startBot(storage: Storage): WorkerProcess {
    return startWorker({}, MAIN, {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      TABLE_PREFIX: storage.prefix,
      SCHEDULER_ENABLED: 'true',
      LOG_LEVEL: 'info',
    });
  }

  async function stopTimed(bot: WorkerProcess): Promise<{ ms: number; code: number | null }> {
    const started = Date.now();
    bot.child.kill('SIGTERM');
    const { code } = await bot.exited;
    return { ms: Date.now() - started, code };
  }

  /** A second start with a connector that answers: every held job arrives exactly once. */
  async function sentExactlyOnceAfterwards(storage: Storage, keys: string[]): Promise<void> {
    connector.reset();
    const bot = startBot(storage);
    try {
      await connector.waitForSent(EMPLOYEES.length, 20_000);
      await new Promise((r) => setTimeout(r, 500)); // anything sent twice would arrive meanwhile
    } finally {
      await stopTimed(bot);
    }
    const texts = connector.sentTo(LEADER.conversation).map((r) => JSON.stringify(r.activity));
    for (const e of EMPLOYEES) expect(texts.filter((t) => t.includes(e.name)), e.name).toHaveLength(1);
    expect(texts).toHaveLength(EMPLOYEES.length);
    const engine = new ReminderEngine({ storage, clock: new ManualClock(new Date()), log: createLogger('silent') }, { appRatePerSecond: 50, workingHours: { start: '07:00', end: '20:00' } });
    for (const key of keys) expect((await engine.get(key))?.status, key).toBe('sent');
  }

  it('stops within the grace period while sends hang, and the jobs it held are sent exactly once afterwards', async () => {
    const { storage, keys } = await seed(connector.url);
    connector.hangNext(1_000); // every message request hangs: accepted by nobody, answered never
    const bot = startBot(storage);
    await waitForLine(bot, (l) => l.event === 'http.listening');
    const until = Date.now() + 15_000;
    while (connector.stats().hung < 7 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    expect(connector.stats().hung).toBeGreaterThanOrEqual(7); // 7 per second to one conversation: the rest wait
    const { ms, code } = await stopTimed(bot);
    console.log(`SIGTERM with 7 sends hanging: exited ${code} after ${ms} ms`);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(bot.lines.some((l) => l.event === 'shutdown.done')).toBe(true);
    const tick = bot.lines.find((l) => l.event === 'reminder.tick')!;
    expect(tick).toMatchObject({ sent: 0, failed: 0 });
    expect(tick.interrupted).toBeGreaterThanOrEqual(7); // cut in flight, or waiting for a slot: all handed back
    expect(bot.lines.filter((l) => l.event === 'reminder.outcomeUnknown' && l.reason === 'cut at shutdown').length).toBeGreaterThanOrEqual(7);
    await sentExactlyOnceAfterwards(storage, keys);
  }, 90_000);

  it('stops within the grace period while the connector is unreachable, and sends every job once afterwards', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/`;
    const { storage, keys } = await seed(closed);
    const bot = startBot(storage);
    await waitForLine(bot, (l) => l.event === 'http.listening');
    await new Promise((r) => setTimeout(r, 2_500)); // refused, retried with backoff
    const { ms, code } = await stopTimed(bot);
    console.log(`SIGTERM with the connector unreachable: exited ${code} after ${ms} ms`);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(bot.lines.find((l) => l.event === 'reminder.tick')).toMatchObject({ sent: 0, interrupted: expect.any(Number) });
    expect(bot.lines.find((l) => l.event === 'reminder.tick')!.interrupted).toBeGreaterThan(0); // it held jobs, retrying
    await saveLeaderChat(storage, connector.url); // the connector is back
    await sentExactlyOnceAfterwards(storage, keys);
  }, 90_000);
});
