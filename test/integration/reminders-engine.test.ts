import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Claims } from '../../src/outbox/claims.js';
import { JobStore, partitionOf, type DueRow } from '../../src/outbox/store.js';
import type { ScheduleRequest } from '../../src/outbox/types.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { FANOUT_WORKPLACE, userConversation, userId } from '../../src/tools/fanout-kit.js';
import { NOTE_KIND, startHarness, type Harness } from '../support/reminder-harness.js';

const at = (date: string, time: string) => zonedInstant(date, time);
const TUE = '2026-11-24';
const WED = '2026-11-25';
const note = (key: string, user: number, dueAt: Date, extra: Partial<ScheduleRequest> = {}): ScheduleRequest => ({
  key,
  kind: NOTE_KIND,
  workplaceId: FANOUT_WORKPLACE,
  target: { kind: 'user', aadObjectId: userId(user) },
  dueAt,
  ...extra,
});

describe('reminder engine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ users: 20 });
  });
  afterAll(() => h.stop());

  it('schedules idempotently on the key and sends once', async () => {
    const engine = h.engine();
    const first = await engine.schedule(note('n:1', 0, at(TUE, '10:05')));
    const again = await engine.schedule(note('n:1', 0, at(TUE, '10:05')));
    expect(again).toMatchObject({ key: 'n:1', status: 'pending', attempts: 0 });
    expect(again.createdAt).toEqual(first.createdAt);
    expect((await engine.listOpen(FANOUT_WORKPLACE)).filter((j) => j.key === 'n:1')).toHaveLength(1);
    expect((await engine.tick(at(TUE, '10:04'))).sent).toBe(0);
    expect((await engine.tick(at(TUE, '10:05'))).sent).toBe(1);
    await engine.schedule(note('n:1', 0, at(TUE, '10:05')));
    expect((await engine.tick(at(TUE, '10:06'))).due).toBe(0);
    expect(h.delivered().filter((k) => k === 'n:1')).toHaveLength(1);
    expect(h.connector.sentTo(userConversation(0))).toHaveLength(1);
    expect(await engine.get('n:1')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(h.outcomes.find((o) => o.key === 'n:1')?.outcome).toBe('sent');
  });

  it('cancels, cancels by prefix, reschedules and revives', async () => {
    const engine = h.engine();
    for (const key of ['c:a:1', 'c:a:2', 'c:b:1']) await engine.schedule(note(key, 1, at(TUE, '10:30')));
    expect(await engine.cancel('c:a:1')).toBe(true);
    expect(await engine.cancel('c:a:1')).toBe(false);
    expect(await engine.cancelPrefix('c:a:')).toBe(1);
    const moved = await engine.reschedule('c:b:1', at(TUE, '11:00'));
    expect(moved?.deliverAt).toEqual(at(TUE, '11:00'));
    expect((await engine.tick(at(TUE, '10:30'))).sent).toBe(0);
    expect((await engine.tick(at(TUE, '11:00'))).sent).toBe(1);
    expect(h.delivered().filter((k) => k.startsWith('c:'))).toEqual(['c:b:1']);
    expect((await engine.reschedule('c:b:1', at(TUE, '12:00')))?.status).toBe('sent');
    expect(await engine.reschedule('nope', at(TUE, '12:00'))).toBeUndefined();
    // A cancelled job scheduled again starts over.
    expect((await engine.schedule(note('c:a:1', 1, at(TUE, '11:10')))).status).toBe('pending');
    expect((await engine.tick(at(TUE, '11:10'))).sent).toBe(1);
    expect(h.delivered().filter((k) => k === 'c:a:1')).toHaveLength(1);
  });

  it('delivers a reminder due at 23:00 at 07:00 the next working day; the deadline stays', async () => {
    const engine = h.engine();
    const job = await engine.schedule(note('q:late', 2, at(TUE, '23:00')));
    expect(job.deliverAt).toEqual(at(WED, '07:00'));
    await engine.schedule(note('q:urgent', 2, at(TUE, '23:00'), { urgent: true }));
    expect((await engine.tick(at(TUE, '23:00'))).sent).toBe(1); // only the urgent one
    expect((await engine.tick(at(WED, '06:59'))).sent).toBe(0);
    expect((await engine.tick(at(WED, '07:00'))).sent).toBe(1);
    expect(await engine.get('q:late')).toMatchObject({ status: 'sent', dueAt: at(TUE, '23:00'), deliverAt: at(WED, '07:00') });
    expect(h.delivered().filter((k) => k.startsWith('q:'))).toEqual(['q:urgent', 'q:late']);
  });

  it('holds a backlog found at night until the morning', async () => {
    const engine = h.engine();
    await engine.schedule(note('q:backlog', 3, at(TUE, '19:30')));
    const report = await engine.tick(at(TUE, '21:00')); // the bot was down 19:30-21:00
    expect(report).toMatchObject({ deferred: 1, sent: 0 });
    expect(await engine.get('q:backlog')).toMatchObject({ status: 'pending', deliverAt: at(WED, '07:00') });
  });

  it('takes over a claim held by a dead instance after its lease and says the outcome is unknown', async () => {
    const engine = h.engine({ instanceId: 'survivor', leaseMs: 5 * 60_000 });
    const now = at(TUE, '12:00');
    await engine.schedule(note('l:1', 4, now));
    const store = new JobStore(h.storage);
    const page: DueRow[] = (await store.duePages(partitionOf('l:1'), now, 50).next()).value ?? [];
    const row = page.find((r) => r.key === 'l:1')!;
    const claims = new Claims(store.table);
    expect(await claims.claim(row, 'dead-instance', new Date(now.getTime() + 5 * 60_000), now)).toBeDefined();
    expect(await claims.claim(row, 'too-late', new Date(now.getTime() + 5 * 60_000), now)).toBeUndefined(); // same ETag: 412
    expect((await engine.get('l:1'))?.status).toBe('sending');
    expect(await engine.tick(new Date(now.getTime() + 60_000))).toMatchObject({ skipped: 1, sent: 0 });
    expect(await engine.tick(new Date(now.getTime() + 6 * 60_000))).toMatchObject({ sent: 1, outcomeUnknown: 1 });
    expect(h.events('reminder.outcomeUnknown').find((e) => e.key === 'l:1')).toMatchObject({ previousOwner: 'dead-instance' });
  });

  it('counts a lease from the moment of the claim, not from the start of the tick', async () => {
    // Concurrency 1: the second job is claimed after the first has taken 3.5 s. With a
    // lease of 3 s counted from the tick's start, a second instance would take it over;
    // counted from the claim, the check below has 3 s to spare (2 s were too few for a
    // busy machine: the test failed now and then under load).
    let renders = 0;
    let entered!: () => void;
    const inSecond = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = {
      kind: 'test.slow',
      async render(job: { key: string }) {
        renders++;
        if (renders === 1) await new Promise((r) => setTimeout(r, 3_500));
        else if (renders === 2) {
          entered();
          await held;
        }
        return { text: `fanout ${job.key}` };
      },
    };
    const a = h.engine({ instanceId: 'lease-a', concurrency: 1, leaseMs: 3_000, handlers: [slow] });
    const b = h.engine({ instanceId: 'lease-b', leaseMs: 3_000, handlers: [{ ...slow, render: async (job: { key: string }) => ({ text: `fanout ${job.key}` }) }] });
    const now = at(TUE, '16:00');
    await a.schedule(note('lease:1', 8, now, { kind: 'test.slow' }));
    await a.schedule(note('lease:2', 9, now, { kind: 'test.slow' }));
    const t0 = performance.now();
    const running = a.tick(now);
    await inSecond;
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeGreaterThan(3_400);
    const other = await b.tick(new Date(now.getTime() + elapsed));
    release();
    expect(other).toMatchObject({ sent: 0, outcomeUnknown: 0, skipped: 1 });
    expect(await running).toMatchObject({ sent: 2 });
    expect(h.delivered().filter((k) => k.startsWith('lease:')).sort()).toEqual(['lease:1', 'lease:2']);
  });

  it('stops writing to a user after 403 and tells the workflow', async () => {
    const engine = h.engine();
    h.connector.block(userConversation(5));
    await engine.schedule(note('b:1', 5, at(TUE, '13:00')));
    await engine.schedule(note('b:2', 5, at(TUE, '13:10')));
    expect((await engine.tick(at(TUE, '13:00'))).blocked).toBe(1);
    expect((await h.conversations.get('user', userId(5)))?.active).toBe(false);
    const requests = h.connector.stats().requests;
    expect((await engine.tick(at(TUE, '13:10'))).blocked).toBe(1);
    expect(h.connector.stats().requests).toBe(requests); // not even tried
    expect(h.outcomes.filter((o) => o.key.startsWith('b:')).map((o) => o.outcome)).toEqual(['blocked', 'blocked']);
    const open = await engine.listOpen(FANOUT_WORKPLACE);
    expect(open.find((j) => j.key === 'b:2')).toMatchObject({ status: 'failed', lastError: 'blocked: MessageWritesBlocked' });
  });

  it('opens a personal chat again once on ConversationNotFound, and one for a user who has none', async () => {
    const engine = h.engine();
    await h.workplaces.create(FANOUT_WORKPLACE, 'Fanout', 'test');
    for (const u of [6, 900]) {
      await h.workplaces.upsertMember({ workplaceId: FANOUT_WORKPLACE, workplaceName: 'Fanout', aadObjectId: userId(u), teamsUserId: `29:${userId(u)}`, name: `U${u}`, roles: ['medarbejder'] });
    }
    await h.workplaces.linkChannel(FANOUT_WORKPLACE, 'trio', '19:trio@thread.tacv2', 'team-1');
    const channelRef = { serviceUrl: h.connector.url, channelId: 'msteams', bot: { id: '28:trio-bot' }, conversation: { id: '19:trio@thread.tacv2', conversationType: 'channel', tenantId: 't1' } };
    await h.conversations.save({ kind: 'channel', key: '19:trio@thread.tacv2', reference: JSON.stringify(channelRef), serviceUrl: h.connector.url, tenantId: 't1', teamId: 'team-1' });
    h.connector.notFound(userConversation(6));
    await engine.schedule(note('r:6', 6, at(TUE, '14:00')));
    await engine.schedule(note('r:900', 900, at(TUE, '14:00')));
    await engine.schedule({ ...note('r:channel', 0, at(TUE, '14:00')), target: { kind: 'channel', conversationId: '19:trio@thread.tacv2' } });
    expect((await engine.tick(at(TUE, '14:00'))).sent).toBe(3);
    expect(h.connector.sentTo(`a:1on1-29:${userId(6)}`)).toHaveLength(1);
    expect(h.connector.sentTo(`a:1on1-29:${userId(900)}`)).toHaveLength(1);
    expect(h.connector.sentTo('19:trio@thread.tacv2')).toHaveLength(1);
    expect(h.connector.created().map((c) => c.members[0]?.id).sort()).toEqual([`29:${userId(6)}`, `29:${userId(900)}`]);
    expect((await h.conversations.get('user', userId(900)))?.reference).toContain('a:1on1-29:u-000900');
  });

  it('cancels a job whose workflow no longer needs it', async () => {
    const engine = h.engine();
    await engine.schedule(note('o:1', 7, at(TUE, '15:00'), { payload: { obsolete: true } }));
    expect((await engine.tick(at(TUE, '15:00'))).cancelled).toBe(1);
    expect(h.delivered()).not.toContain('o:1');
    expect((await engine.get('o:1'))?.status).toBe('cancelled');
  });

  it('runs a recurring job once per slot across instances', async () => {
    let runs = 0;
    const digest = { name: 'test.digest', cron: '0 9 * * 1', run: async () => void runs++ };
    const a = h.engine().registerRecurring(digest);
    const b = h.engine().registerRecurring(digest);
    const monday = at('2026-11-30', '09:00');
    expect((await Promise.all([a.runRecurring('test.digest', monday), b.runRecurring('test.digest', monday)])).sort()).toEqual([false, true]);
    expect(runs).toBe(1);
    expect(await b.runRecurring('test.digest', at('2026-12-07', '09:00'))).toBe(true);
    expect(runs).toBe(2);
    expect(() => h.engine().registerRecurring({ name: 'bad', cron: 'every monday', run: async () => undefined })).toThrow(/invalid cron/);
  });
});
