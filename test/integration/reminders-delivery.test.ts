import { afterEach, describe, expect, it } from 'vitest';
import type { ReminderEngine } from '../../src/outbox/engine.js';
import { fanoutRequests, tally } from '../../src/tools/fanout-kit.js';
import { startHarness, type Harness } from '../support/reminder-harness.js';

/** Ticks (moving the clock a minute each time) until nothing is due any more. */
async function drain(h: Harness, engines: ReminderEngine[], maxTicks = 10): Promise<number> {
  for (let i = 0; i < maxTicks; i++) {
    const reports = await Promise.all(engines.map((e) => e.tick(h.clock.now())));
    if (reports.every((r) => r.due === 0)) return i;
    h.clock.advance(60_000);
  }
  throw new Error('still due after drain');
}

describe('delivery', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('two instances on the same storage deliver each of 500 reminders exactly once', async () => {
    h = await startHarness({ users: 500, connector: { limits: { enabled: true, appPerSecond: 2_000 } } });
    const a = h.engine({ instanceId: 'a', concurrency: 8 });
    const b = h.engine({ instanceId: 'b', concurrency: 8 });
    const started = performance.now();
    expect(await a.scheduleMany(fanoutRequests(500, h.clock.now()))).toEqual({ scheduled: 500, created: 500 });
    const [ra, rb] = await Promise.all([a.tick(h.clock.now()), b.tick(h.clock.now())]);
    expect(ra.sent + rb.sent).toBe(500);
    expect(ra.sent).toBeGreaterThan(50); // both instances took part
    expect(rb.sent).toBeGreaterThan(50);
    expect(await drain(h, [a, b])).toBe(0);
    expect(tally(h.connector.sent().map((r) => r.activity.text), 500)).toEqual({ unique: 500, duplicates: 0, lost: 0 });
    expect(h.connector.stats().throttled).toBe(0);
    console.log(`500 reminders, two instances: ${Math.round(performance.now() - started)} ms, a sent ${ra.sent}, b sent ${rb.sent}, skipped ${ra.skipped + rb.skipped}`);
  }, 120_000);

  it('a 429 storm and 5xx bursts end with every message delivered once', async () => {
    h = await startHarness({ users: 100, connector: { limits: { enabled: true, appPerSecond: 500 } } });
    const engine = h.engine({ concurrency: 8, sender: { backoffBaseMs: 50, backoffCapMs: 400, budgetMs: 3_000 } });
    await engine.scheduleMany(fanoutRequests(100, h.clock.now()));
    h.connector.failNext(12, 503);
    h.connector.throttleNext(20, 1);
    h.connector.failNext(6, 502);
    h.connector.failNext(4, 504);
    h.connector.failNext(3, 412);
    await drain(h, [engine]);
    expect(tally(h.connector.sent().map((r) => r.activity.text), 100)).toEqual({ unique: 100, duplicates: 0, lost: 0 });
    expect(h.connector.stats()).toMatchObject({ failed: 45, accepted: 100 });
    expect(h.events('reminder.failed')).toHaveLength(0);
  }, 60_000);

  it('a job that exhausts its attempts is marked failed and reported', async () => {
    h = await startHarness({ users: 2 });
    const engine = h.engine({ maxAttempts: 3, sender: { backoffBaseMs: 10, backoffCapMs: 20 } });
    await engine.scheduleMany(fanoutRequests(1, h.clock.now(), 'x'));
    h.connector.failNext(10, 503);
    const report = await engine.tick(h.clock.now());
    expect(report).toMatchObject({ failed: 1, sent: 0 });
    expect(await engine.get('x:u-000000')).toMatchObject({ status: 'failed', attempts: 3, lastError: '503 ServiceError (after 3 attempts)' });
  });

  it('a lost answer is logged as an unknown outcome and sent again (at least once)', async () => {
    h = await startHarness({ users: 3 });
    const engine = h.engine({ transportTimeoutMs: 300, sender: { backoffBaseMs: 10 } });
    await engine.scheduleMany(fanoutRequests(3, h.clock.now(), 'lost'));
    h.connector.hangNext(1, { accept: true });
    await drain(h, [engine]);
    const counts = tally(h.connector.sent().map((r) => r.activity.text), 3, 'lost');
    const unknown = h.events('reminder.outcomeUnknown');
    expect(counts.lost).toBe(0);
    expect(unknown).toHaveLength(1);
    expect(counts.duplicates).toBeLessThanOrEqual(unknown.length);
  });

  it('scheduleMany keeps existing keys: pending ones are updated, sent ones never resent', { timeout: 60_000 }, async () => {
    h = await startHarness({ users: 120 });
    const engine = h.engine();
    await engine.scheduleMany(fanoutRequests(10, h.clock.now()));
    await engine.tick(h.clock.now());
    const result = await engine.scheduleMany(fanoutRequests(120, h.clock.now()));
    expect(result.scheduled).toBe(120);
    expect(result.created).toBe(110);
    expect((await engine.scheduleMany(fanoutRequests(120, h.clock.now()))).created).toBe(0);
    await drain(h, [engine]);
    expect(tally(h.connector.sent().map((r) => r.activity.text), 120)).toEqual({ unique: 120, duplicates: 0, lost: 0 });
  });
});
