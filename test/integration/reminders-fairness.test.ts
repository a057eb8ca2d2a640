import { afterEach, describe, expect, it } from 'vitest';
import { fanoutRequests, FANOUT_KIND, keyOfText, tally, userId } from '../../src/tools/fanout-kit.js';
import type { ScheduleRequest } from '../../src/outbox/types.js';
import { NOTE_KIND, startHarness, type Harness } from '../support/reminder-harness.js';

/**
 * Fair fan-out: lanes (urgent, normal, bulk) and per-workplace turns in what a tick
 * claims, through the real engine and transport into the connector double, which
 * enforces Teams' limits (50 per second for the tenant here).
 */
describe('fair fan-out', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('sends an urgent reminder that falls due during a 2,000-message fan-out within a few seconds', { timeout: 60_000 }, async () => {
    h = await startHarness({ users: 2_002, connector: { limits: { enabled: true, appPerSecond: 50 }, keepActivities: false } });
    const engine = h.engine({ appRatePerSecond: 50, concurrency: 8 });
    const t0 = h.clock.now();
    expect((await engine.scheduleMany(fanoutRequests(2_000, t0, 'pulse'))).created).toBe(2_000);
    // Due 2 s into the fan-out: a leader's statutory escalation, and a plain reminder 1 s later.
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const single = (key: string, user: number, dueAt: Date, urgent: boolean): ScheduleRequest => ({ key, kind: NOTE_KIND, workplaceId: 'solhoej', target: { kind: 'user', aadObjectId: userId(user) }, dueAt, urgent });
    await engine.schedule(single('sickness:solhoej:S-1:escalation', 2_000, at(2_000), true));
    await engine.schedule(single('actions:solhoej:H-1:due', 2_001, at(3_000), false));
    const wall0 = Date.now();
    const ticking = engine.tick(t0);
    await h.connector.waitForSent(300, 40_000); // 6 s at 50/s: into the fan-out, past both due times
    const arrived = (key: string) => h!.connector.sent().find((r) => keyOfText(r.activity.text) === key);
    const urgent = arrived('sickness:solhoej:S-1:escalation');
    const normal = arrived('actions:solhoej:H-1:due');
    await engine.stop(); // the rest of the fan-out goes back to storage
    const report = await ticking;
    expect(urgent, 'the urgent reminder was sent').toBeDefined();
    expect(urgent!.at - wall0 - 2_000).toBeLessThan(3_000);
    expect(normal, 'the single reminder was sent').toBeDefined();
    expect(normal!.at - wall0 - 3_000).toBeLessThan(3_000);
    const pulse = tally(h.connector.sent().map((r) => r.activity.text), 2_000, 'pulse');
    expect(pulse.duplicates).toBe(0);
    expect(pulse.unique).toBeLessThan(2_000); // it really was in the middle of the fan-out
    expect(report.interrupted + report.sent).toBeGreaterThan(0);
    console.log(`urgent sent ${urgent!.at - wall0 - 2_000} ms after it fell due, the single one ${normal!.at - wall0 - 3_000} ms; ${pulse.unique} of 2,000 pulse cards sent by then`);
  });

  it('lets a small workplace take turns with a large one in one fan-out', { timeout: 60_000 }, async () => {
    h = await startHarness({ users: 424, connector: { limits: { enabled: true, appPerSecond: 400 }, keepActivities: false } });
    const engine = h.engine({ appRatePerSecond: 400, concurrency: 8 });
    const now = h.clock.now();
    const large = fanoutRequests(400, now, 'big');
    const small = fanoutRequests(424, now, 'small').slice(400).map((r) => ({ ...r, workplaceId: 'small-workplace' }));
    await engine.scheduleMany([...large, ...small]); // the large workplace first, as a municipality-wide pulse would list them
    await engine.tick(now);
    const order = h.connector.sent().map((r) => keyOfText(r.activity.text) ?? '');
    expect(order).toHaveLength(424);
    const lastSmall = Math.max(...order.map((k, i) => (k.startsWith('small:') ? i : -1)));
    console.log(`the last of 24 small-workplace messages was number ${lastSmall + 1} of 424`);
    expect(lastSmall).toBeLessThan(200); // without turns it would be after the 400 of the large one
    expect(tally(h.connector.sent().map((r) => r.activity.text), 400, 'big')).toMatchObject({ duplicates: 0, lost: 0 });
    expect(tally(h.connector.sent().map((r) => r.activity.text), 24, 'small')).toMatchObject({ duplicates: 0, lost: 0 });
  });

  it('keeps rows written before lanes existed (d:<time>:<key>) as normal jobs', async () => {
    h = await startHarness({ users: 2 });
    const engine = h.engine();
    const now = h.clock.now();
    await engine.schedule({ key: 'legacy:1', kind: FANOUT_KIND, workplaceId: 'w', target: { kind: 'user', aadObjectId: userId(1) }, dueAt: now });
    // Rewrite the job as the engine wrote it before lanes: due row 'd:<ISO>:<key>', no lane or rank.
    const table = h.storage.table('Reminders');
    const rows = [];
    for await (const e of table.listEntities<Record<string, unknown>>({ queryOptions: { filter: "key eq 'legacy:1'" } })) rows.push(e);
    const due = rows.find((r) => String(r.rowKey).startsWith('d:'))!;
    const record = rows.find((r) => String(r.rowKey).startsWith('k:'))!;
    const legacyRk = `d:${now.toISOString()}:legacy:1`;
    const { lane: _l, rank: _r, etag: _e, timestamp: _t, ...data } = due as Record<string, unknown>;
    await table.submitTransaction([
      ['delete', { partitionKey: String(due.partitionKey), rowKey: String(due.rowKey) }],
      ['create', { ...data, partitionKey: String(due.partitionKey), rowKey: legacyRk }],
      ['update', { partitionKey: String(record.partitionKey), rowKey: String(record.rowKey), dueRk: legacyRk }, 'Merge'],
    ]);
    expect((await engine.tick(now)).sent).toBe(1);
    expect(await engine.get('legacy:1')).toMatchObject({ status: 'sent' });
  });
});
