import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TableClient } from '@azure/data-tables';
import { createLogger } from '../../src/core/log.js';
import { BUDGET_PARTITION, SharedBudget } from '../../src/outbox/budget.js';
import { REMINDERS_TABLE } from '../../src/outbox/store.js';
import { testStorage } from '../support/storage.js';

/**
 * The shared send budget against Azurite: several instances (SharedBudget objects, as
 * each bot instance has one) lease shares of one tenant's limit through one row.
 */
const TENANT = 'tenant-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('shared send budget', () => {
  let table: TableClient;
  let budgets: SharedBudget[] = [];
  const timers: NodeJS.Timeout[] = [];
  beforeAll(async () => {
    const storage = testStorage();
    await storage.ensure([REMINDERS_TABLE]);
    table = storage.table(REMINDERS_TABLE);
  });
  afterEach(async () => {
    timers.splice(0).forEach(clearInterval);
    await Promise.all(budgets.map((b) => b.stop()));
    budgets = [];
    await table.deleteEntity(BUDGET_PARTITION, TENANT).catch(() => undefined);
  });

  const start = (id: string, ceiling = 50) => {
    const b = new SharedBudget(table, id, createLogger('silent'), { ceiling, renewMs: 200, leaseMs: 1_500, idleMs: 600, probeMs: 1_000 });
    budgets.push(b);
    return b;
  };
  /** Keeps an instance busy: it always has sends waiting for the tenant. */
  const busy = (b: SharedBudget) => {
    b.demand(TENANT, true);
    const t = setInterval(() => b.demand(TENANT, true), 20);
    timers.push(t);
    return t;
  };
  const shares = () => budgets.map((b) => b.rate(TENANT).perSecond);
  const total = () => shares().reduce((a, b) => a + b, 0);

  it('splits the tenant limit between busy instances and never hands out more than it', async () => {
    const [a, b, c] = [start('i-a'), start('i-b'), start('i-c')];
    busy(a);
    await sleep(400);
    expect(a.rate(TENANT).perSecond).toBe(50); // alone, it has it all
    busy(b);
    busy(c);
    let peak = 0;
    for (let i = 0; i < 40; i++) {
      peak = Math.max(peak, total());
      await sleep(50);
    }
    expect(peak).toBeLessThanOrEqual(50);
    expect(shares().sort()).toEqual([16, 17, 17]);
  });

  it('gives an idle instance nothing and its share to the others', async () => {
    const [a, b] = [start('i-a'), start('i-b')];
    busy(a);
    const tb = busy(b);
    await sleep(1_000);
    expect(shares()).toEqual([25, 25]);
    clearInterval(tb);
    await sleep(1_500);
    expect(shares()).toEqual([50, 0]);
    const row = await table.getEntity<{ leases: string }>(BUDGET_PARTITION, TENANT);
    expect(Object.keys(JSON.parse(row.leases) as object)).toEqual(['i-a']);
  });

  it('returns the share of an instance that died once its lease has run out', async () => {
    // What a SIGKILLed instance leaves behind: its lease, renewed no more.
    const until = Date.now() + 3_000;
    await table.createEntity({ partitionKey: BUDGET_PARTITION, rowKey: TENANT, limit: 50, leases: JSON.stringify({ dead: { share: 25, until, wants: 50 } }), pausedUntil: 0, changedAt: Date.now(), throttledAt: 0 });
    const a = start('i-a');
    busy(a);
    const seen: number[] = [];
    while (a.rate(TENANT).perSecond < 50 && Date.now() < until + 3_000) {
      seen.push(a.rate(TENANT).perSecond);
      await sleep(50);
    }
    expect(a.rate(TENANT).perSecond).toBe(50);
    expect(Date.now()).toBeGreaterThanOrEqual(until); // not before the dead lease ran out
    expect(Math.max(...seen)).toBe(25); // until then, what the dead one did not hold
  });

  it('pauses every instance after a 429, lowers the limit, then probes it back up', async () => {
    const [a, b] = [start('i-a'), start('i-b')];
    busy(a);
    busy(b);
    await sleep(800);
    a.throttled(TENANT, 2_000);
    expect(a.rate(TENANT).pauseMs).toBeGreaterThan(1_900);
    await sleep(400); // b hears of it at its next renewal
    expect(b.rate(TENANT).pauseMs).toBeGreaterThan(1_000);
    expect(b.snapshot()[TENANT]).toMatchObject({ limit: 47, paused: true }); // 50 × 0.95
    expect(total()).toBeLessThanOrEqual(47);
    await sleep(3_000);
    expect(a.snapshot()[TENANT]!.limit).toBeGreaterThan(47);
  });

  it('stops sending before its lease ends when it cannot renew it', async () => {
    let down = false;
    const flaky = new Proxy(table, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (down && (prop === 'getEntity' || prop === 'updateEntity' || prop === 'createEntity')) return () => Promise.reject(Object.assign(new Error('storage down'), { statusCode: 503 }));
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const a = new SharedBudget(flaky, 'i-a', createLogger('silent'), { ceiling: 50, renewMs: 200, leaseMs: 1_500, idleMs: 600 });
    budgets.push(a);
    busy(a);
    await sleep(400);
    expect(a.rate(TENANT).perSecond).toBe(50);
    down = true;
    const since = Date.now();
    while (a.rate(TENANT).perSecond > 0 && Date.now() - since < 3_000) await sleep(20);
    const row = await table.getEntity<{ leases: string }>(BUDGET_PARTITION, TENANT);
    const lease = (JSON.parse(row.leases) as Record<string, { until: number }>)['i-a']!;
    expect(a.rate(TENANT).perSecond).toBe(0);
    expect(Date.now()).toBeLessThan(lease.until); // stopped before anyone could take the share over
    down = false;
  });
});
