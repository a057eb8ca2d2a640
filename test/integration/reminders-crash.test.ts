import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanoutRequests, tally } from '../../src/tools/fanout-kit.js';
import { startHarness, type Harness } from '../support/reminder-harness.js';
import { azuriteConnectionString } from '../support/storage.js';
import { ensureWorkerBuilt, startWorker } from '../support/reminder-worker.js';

const N = 1_000;
const LEASE_MS = 5 * 60_000;

describe('a process killed in the middle of a fan-out', () => {
  let h: Harness;
  beforeAll(async () => {
    await ensureWorkerBuilt();
    h = await startHarness({ users: N, connector: { latencyMs: 2 } });
  }, 120_000);
  afterAll(() => h.stop());

  it('loses nothing, and sends again only what it logged as outcome-unknown', async () => {
    const scheduler = h.engine();
    expect((await scheduler.scheduleMany(fanoutRequests(N, h.clock.now()))).created).toBe(N);

    const worker = startWorker({
      connection: azuriteConnectionString(),
      prefix: h.storage.prefix,
      start: h.clock.now().toISOString(),
      instance: 'doomed',
      concurrency: '8',
      rate: '500',
    });
    // Kill it (no chance to clean up) once it is well into the fan-out.
    await h.connector.waitForSent(N / 4, 60_000);
    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    const beforeRestart = h.connector.sent().length;
    expect(beforeRestart).toBeLessThan(N);

    // "Restart": a new instance, later than the dead one's leases.
    h.clock.advance(LEASE_MS + 60_000);
    const restarted = h.engine({ instanceId: 'restarted', concurrency: 16, leaseMs: LEASE_MS });
    let report = await restarted.tick(h.clock.now());
    const unknown = report.outcomeUnknown;
    for (let i = 0; i < 3 && report.due > 0; i++) report = await restarted.tick(h.clock.now());

    const counts = tally(h.connector.sent().map((r) => r.activity.text), N);
    console.log(`crash test: ${beforeRestart} sent before SIGKILL, ${h.connector.sent().length - beforeRestart} after restart; lost ${counts.lost}, duplicates ${counts.duplicates}, outcome-unknown logged ${unknown}`);
    expect(counts.lost).toBe(0);
    expect(counts.duplicates).toBeLessThanOrEqual(unknown);
    expect(unknown).toBeLessThanOrEqual(2 * 8); // in flight at most: claimed and grouped, per instance
    expect(h.events('reminder.outcomeUnknown').filter((e) => e.previousOwner === 'doomed')).toHaveLength(unknown);
  }, 120_000);
});
