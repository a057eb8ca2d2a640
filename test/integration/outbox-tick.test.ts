import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TransactionAction } from '@azure/data-tables';
import { ConversationStore } from '../../src/conversations/store.js';
import { ManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/log.js';
import type { Transport } from '../../src/core/transport.js';
import { Claims } from '../../src/outbox/claims.js';
import { SendLimiter } from '../../src/outbox/limiter.js';
import { Sender, type DeliveryControl } from '../../src/outbox/sender.js';
import { JobStore, partitionOf, type DueRow, type JobSpec, type Lane } from '../../src/outbox/store.js';
import { runTick, type TickReport } from '../../src/outbox/tick.js';
import type { JobHandler } from '../../src/outbox/types.js';
import { DEFAULT_WORKING_WINDOW } from '../../src/shared/calendar.js';
import { ensureTables, seedUserReferences, userId } from '../../src/tools/fanout-kit.js';
import { WorkplaceStore } from '../../src/workplaces/store.js';
import { testStorage } from '../support/storage.js';

/**
 * One tick (src/outbox/tick.ts) on Azurite with a manual clock for the time the tick
 * runs: which rows it reads and in which order, how it shares the buckets, when it looks
 * at the higher lanes during a long drain, how it reacts to another instance working in
 * the same rows, to a failing page read and to shutdown. The connector is the edge: a
 * transport that records the sends and advances the clock by `step` per send.
 */

const NOW = new Date('2026-11-24T09:00:00.000Z'); // Tuesday 10.00 in Copenhagen
const WP = 'wp-tick';
const STALE_ETAG = `W/"datetime'2000-01-01T00%3A00%3A00.0000000Z'"`;

/** The store the tick reads, counting its reads and transactions (and breaking a page on request). */
class WatchedStore extends JobStore {
  opened: { partition: string; lane: Lane }[] = [];
  across: Lane[] = [];
  onAcross?: (lane: Lane, n: number) => void;
  reads = new Map<string, number>();
  transactions = 0;
  failRead?: (partition: string, read: number) => boolean;
  stale?: (partition: string) => boolean;

  override get table() {
    const table = super.table;
    return new Proxy(table, {
      get: (target, prop, receiver) => {
        if (prop !== 'submitTransaction') return Reflect.get(target, prop, receiver) as unknown;
        return (ops: TransactionAction[]) => {
          this.transactions++;
          return target.submitTransaction(ops);
        };
      },
    });
  }

  override duePages(partition: string, now: Date, pageSize: number, lane: Lane = 'normal'): AsyncIterableIterator<DueRow[]> {
    this.opened.push({ partition, lane });
    const pages = super.duePages(partition, now, pageSize, lane);
    const iterator: AsyncIterableIterator<DueRow[]> = {
      next: () => {
        const read = (this.reads.get(partition) ?? 0) + 1;
        this.reads.set(partition, read);
        if (this.failRead?.(partition, read)) return Promise.reject(new Error('storage unavailable'));
        return pages.next().then((r) => (r.done || !this.stale?.(partition) ? r : { ...r, value: r.value.map((row) => ({ ...row, etag: STALE_ETAG })) }));
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  override dueAcross(lane: Lane, now: Date, max: number): Promise<DueRow[]> {
    this.across.push(lane);
    const rows = super.dueAcross(lane, now, max);
    this.onAcross?.(lane, this.across.length);
    return rows;
  }
}

/** Keys whose jobs live in `partition`, in the order of their due rows (same time and rank: by key). */
function keysIn(partition: string, prefix: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) if (partitionOf(`${prefix}:${i}`) === partition) out.push(`${prefix}:${i}`);
  return out.sort();
}

async function world(opts: { step?: number; start?: number } = {}) {
  const storage = testStorage();
  await ensureTables(storage);
  await seedUserReferences(storage, 'http://svc/', 40, NOW);
  const clock = new ManualClock(NOW.toISOString());
  const store = new WatchedStore(storage);
  let t = opts.start ?? 100_000;
  const step = opts.step ?? 0;
  const logs: Record<string, unknown>[] = [];
  const log = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  const sent: string[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const hooks: (() => Promise<void> | void)[] = [];
  const byKey = new Map<string, () => Promise<void> | void>();
  const transport: Transport = {
    async send(_reference, message, options) {
      sent.push(message.text ?? '');
      signals.push(options?.signal);
      await hooks.shift()?.();
      await byKey.get(message.text ?? '')?.();
      t += step;
      return { activityId: `act-${sent.length}` };
    },
    createPersonal: () => Promise.reject(new Error('not in these tests')),
    conversationOf: (reference) => (JSON.parse(reference) as { conversation: { id: string } }).conversation.id,
  };
  const sender = new Sender({ transport, conversations: new ConversationStore(storage, clock), workplaces: new WorkplaceStore(storage, clock), limiter: new SendLimiter({ appPerSecond: 100_000 }), log });
  const note: JobHandler = { kind: 'test.note', label: 'Test', render: async (job) => ({ text: job.key }) };
  let user = 0;
  const schedule = async (key: string, extra: Partial<JobSpec> = {}) => {
    const at = extra.deliverAt ?? NOW;
    await store.insert({ key, kind: 'test.note', workplaceId: WP, target: { kind: 'user', aadObjectId: userId(user++ % 40) }, dueAt: at, deliverAt: at, urgent: extra.lane === 'urgent', payload: {}, lane: 'normal', rank: 0, ...extra }, NOW);
  };
  const scheduleMany = (keys: string[]) =>
    store.insertMany(keys.map((key) => ({ key, kind: 'test.note', workplaceId: WP, target: { kind: 'user' as const, aadObjectId: userId(user++ % 40) }, dueAt: NOW, deliverAt: NOW, urgent: false, payload: {}, lane: 'normal' as const, rank: 0 })), NOW);
  let stopping = false;
  let windows = 0;
  const tick = (extra: { concurrency?: number; pageSize?: number; random?: number; pollMs?: number; maxRereads?: number; control?: DeliveryControl; window?: typeof DEFAULT_WORKING_WINDOW } = {}): Promise<TickReport> =>
    runTick(
      {
        store,
        sender,
        handlers: new Map([[note.kind, note]]),
        log,
        owner: 'inst-a',
        leaseMs: 5 * 60_000,
        concurrency: extra.concurrency ?? 1,
        pageSize: extra.pageSize ?? 50,
        maxAttempts: 8,
        windowFor: async () => {
          windows++;
          return extra.window ?? DEFAULT_WORKING_WINDOW;
        },
        stopping: () => stopping,
        elapsed: () => t,
        random: () => extra.random ?? 0,
        ...(extra.pollMs !== undefined ? { pollMs: extra.pollMs } : {}),
        ...(extra.maxRereads !== undefined ? { maxRereads: extra.maxRereads } : {}),
        ...(extra.control ? { control: extra.control } : {}),
      },
      NOW,
    );
  /** Another live instance claims these jobs (as if it had read them a moment earlier). */
  const otherClaims = async (keys: string[]) => {
    const claims = new Claims(storage.table('Reminders'));
    const plain = new JobStore(storage);
    for (const key of keys) {
      const page: DueRow[] = (await plain.duePages(partitionOf(key), NOW, 500).next()).value ?? [];
      await claims.claim(page.find((r) => r.key === key)!, 'inst-b', new Date(NOW.getTime() + 5 * 60_000), NOW);
    }
  };
  return {
    store,
    sent,
    signals,
    logs,
    hooks,
    byKey,
    schedule,
    scheduleMany,
    tick,
    otherClaims,
    windows: () => windows,
    stop: () => void (stopping = true),
  };
}

describe('a tick (Azurite, manual clock)', () => {
  it('drains every bucket page by page, starting at the bucket the instance drew, and skips an empty lane with one query', async () => {
    const w = await world();
    const many = keysIn('jobs-03', 'b', 10);
    for (const k of many) await w.schedule(k);
    const [eight] = keysIn('jobs-08', 'e', 1);
    const [zero] = keysIn('jobs-00', 'z', 1);
    await w.schedule(eight!);
    await w.schedule(zero!);
    const report = await w.tick({ pageSize: 8, random: 0.5 });
    expect(report).toMatchObject({ due: 12, sent: 12, skipped: 0 });
    expect(w.sent[0]).toBe(eight); // jobs-08 first: 0.5 of 16 buckets
    expect(new Set(w.sent)).toEqual(new Set([...many, eight, zero]));
    // The urgent lane is empty: one query says so. The normal lane is drained bucket by
    // bucket from jobs-08 round to jobs-07, each once; the bulk lane is always drained.
    expect(w.store.across).toEqual(['urgent', 'normal']);
    const normal = w.store.opened.filter((o) => o.lane === 'normal').map((o) => o.partition);
    expect(normal).toEqual([...Array.from({ length: 8 }, (_, i) => `jobs-${String(i + 8).padStart(2, '0')}`), ...Array.from({ length: 8 }, (_, i) => `jobs-0${i}`)]);
    expect(w.store.opened.filter((o) => o.lane === 'bulk')).toHaveLength(16);
    expect(w.store.opened.filter((o) => o.lane === 'urgent')).toHaveLength(0);
  });

  it('reads the next page of a bucket only when the rows in hand run short', async () => {
    const w = await world();
    const keys = keysIn('jobs-05', 'p', 20);
    for (const k of keys) await w.schedule(k);
    const readsAtSend: number[] = [];
    for (let i = 0; i < 20; i++) w.hooks.push(() => void readsAtSend.push(w.store.reads.get('jobs-05') ?? 0));
    const report = await w.tick({ pageSize: 16 });
    expect(report.sent).toBe(20);
    // 16 rows read: 8 sent, then 8 more from the same page; the next page is read only
    // once those are taken (while the eighth is still sending).
    expect(readsAtSend.slice(0, 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(readsAtSend[8]).toBe(2);
  });

  it('holds a job back until its workplace’s working window opens; an urgent one goes at once', async () => {
    const w = await world();
    const [normal] = keysIn('jobs-02', 'w', 1);
    const [urgent] = keysIn('jobs-05', 'u', 1);
    await w.schedule(normal!);
    await w.schedule(urgent!, { lane: 'urgent' });
    // Tuesday 10.00: a window from 14.00 is closed.
    const report = await w.tick({ window: { ...DEFAULT_WORKING_WINDOW, start: '14:00' } });
    expect(report).toMatchObject({ sent: 1, deferred: 1 });
    expect(w.sent).toEqual([urgent]);
  });

  it('asks for a workplace’s working window once a minute of the tick, and hands the shutdown signal to the sender', async () => {
    const w = await world({ step: 30_000 });
    for (const k of keysIn('jobs-02', 'win', 3)) await w.schedule(k);
    const sends = new AbortController();
    expect((await w.tick({ control: { sends: sends.signal } })).sent).toBe(3);
    // Jobs at +0 s, +30 s (cached) and +60 s (read again).
    expect(w.windows()).toBe(2);
    expect(w.signals).toEqual([sends.signal, sends.signal, sends.signal]);
  });

  it('counts the time since its last look at the urgent lane across a long urgent drain', async () => {
    const w = await world({ step: 500 });
    const urgent = keysIn('jobs-13', 'u', 6);
    const normal = keysIn('jobs-14', 'n', 3);
    for (const k of urgent) await w.schedule(k, { lane: 'urgent' });
    for (const k of normal) await w.schedule(k);
    await w.schedule('late:urgent', { lane: 'urgent', deliverAt: new Date(NOW.getTime() + 1_500) });
    expect(await w.tick({ pollMs: 2_000 })).toMatchObject({ sent: 10 });
    // Draining the urgent lane (sends at +0 to +2.5 s) is no look at the lanes above the
    // normal one: the first normal job looks (+3 s), finds the urgent job due at +1.5 s and starts it first.
    expect(w.sent).toEqual([...urgent, 'late:urgent', ...normal]);
    expect(w.store.across).toEqual(['urgent', 'normal', 'urgent']);
  });

  it('starts none of what a poll finds once the instance is stopping', async () => {
    const w = await world({ step: 500 });
    const bulk = keysIn('jobs-04', 'bulk', 4);
    for (const k of bulk) await w.schedule(k, { lane: 'bulk' });
    const soon = new Date(NOW.getTime() + 1_000);
    await w.schedule('urgent:1', { lane: 'urgent', deliverAt: soon });
    await w.schedule('normal:1', { deliverAt: soon });
    w.store.onAcross = (_lane, n) => {
      if (n === 3) w.stop(); // the poll's first query: the shutdown begins while it reads
    };
    const report = await w.tick();
    expect(w.sent).toEqual(bulk.slice(0, 2));
    // The third bulk row was being claimed and the fourth had been picked before the poll:
    // both see the shutdown before sending and go back; the urgent and normal jobs are not started.
    expect(report).toMatchObject({ sent: 2, interrupted: 2 });
  });

  it('does not start again what a poll finds still in flight', async () => {
    const w = await world({ step: 1_000 });
    const bulk = keysIn('jobs-04', 'bulk', 5);
    for (const k of bulk) await w.schedule(k, { lane: 'bulk' });
    await w.schedule('urgent:1', { lane: 'urgent', deliverAt: new Date(NOW.getTime() + 1_000) });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    w.byKey.set('urgent:1', () => held); // the urgent send hangs until the last bulk row is sent
    w.byKey.set(bulk[4]!, () => release());
    const report = await w.tick({ concurrency: 2, pollMs: 0 });
    expect(report).toMatchObject({ sent: 6, skipped: 0 });
    expect(w.sent.filter((k) => k === 'urgent:1')).toHaveLength(1);
  });

  it('looks at the higher lanes once a second during a long drain and starts what became due there', async () => {
    const w = await world({ step: 500 });
    const bulk = keysIn('jobs-04', 'bulk', 4);
    for (const k of bulk) await w.schedule(k, { lane: 'bulk' });
    const soon = new Date(NOW.getTime() + 1_000);
    await w.schedule('urgent:1', { lane: 'urgent', deliverAt: soon });
    await w.schedule('normal:1', { deliverAt: soon });
    const report = await w.tick();
    expect(report).toMatchObject({ sent: 6, due: 6 });
    // Sends at +0, +0.5, +1 s; the poll before the fourth bulk row (at +1 s) finds both.
    expect(w.sent).toEqual([bulk[0], bulk[1], bulk[2], 'urgent:1', 'normal:1', bulk[3]]);
    // Two queries at the start (nothing due yet), two for the one poll.
    expect(w.store.across).toEqual(['urgent', 'normal', 'urgent', 'normal']);
  });

  it('stops paying for lost claims when another instance works in the same rows: reads the bucket again', async () => {
    const w = await world();
    const keys = keysIn('jobs-06', 'race', 10);
    for (const k of keys) await w.schedule(k);
    w.hooks.push(() => w.otherClaims(keys.slice(1)));
    const before = w.store.transactions;
    const report = await w.tick();
    expect(report).toMatchObject({ sent: 1, skipped: 9 });
    // Claim and finish of the first; the next two claims fail (412, seen one row late),
    // then a fresh read shows the other instance's leases: no more claims.
    expect(w.store.transactions - before).toBe(4);
    expect(w.store.opened.filter((o) => o.partition === 'jobs-06' && o.lane === 'normal')).toHaveLength(2);
  });

  it('sends the rest of the rows another instance did not take, after reading the bucket again', async () => {
    const w = await world();
    const keys = keysIn('jobs-07', 'part', 10);
    for (const k of keys) await w.schedule(k);
    w.hooks.push(() => w.otherClaims([keys[1]!]));
    const report = await w.tick();
    expect(report).toMatchObject({ sent: 9, skipped: 1 });
    expect(w.sent).not.toContain(keys[1]);
  });

  it('reads a bucket again only so often in one tick', async () => {
    const w = await world();
    // Every read is out of date: each chunk loses its first two claims (seen one row
    // late) and is read again; 20 rows are enough for more than 3 such rounds.
    await w.scheduleMany(keysIn('jobs-09', 'stale', 20));
    w.store.stale = (p) => p === 'jobs-09';
    const report = await w.tick({ maxRereads: 3 });
    expect(report.sent).toBe(0);
    expect(w.store.opened.filter((o) => o.partition === 'jobs-09' && o.lane === 'normal')).toHaveLength(4);
  });

  it('sends what it has of a bucket whose next page cannot be read, logs it once, and goes on with the others', async () => {
    const w = await world();
    const keys = keysIn('jobs-10', 'fail', 14);
    for (const k of keys) await w.schedule(k);
    const [other] = keysIn('jobs-11', 'ok', 1);
    await w.schedule(other!);
    w.store.failRead = (p, read) => p === 'jobs-10' && read === 2;
    const report = await w.tick({ pageSize: 12 });
    expect(report.sent).toBe(13); // the first page of jobs-10 and the other bucket
    expect(w.sent).toContain(other);
    expect(w.logs.filter((l) => l.event === 'reminder.pageFailed')).toHaveLength(1);
  });

  it('starts nothing more once the instance is stopping, and reads nothing when it stops before the tick', async () => {
    const w = await world();
    const keys = keysIn('jobs-12', 'stop', 6);
    for (const k of keys) await w.schedule(k);
    w.hooks.push(() => w.stop());
    const report = await w.tick();
    // The second job had started (concurrency 1: it waited for the first), sees the
    // shutdown before sending and goes back as due; the other four are not started.
    expect(report).toMatchObject({ sent: 1, interrupted: 1 });
    const reads = w.store.opened.length + w.store.across.length;
    expect(await w.tick()).toMatchObject({ due: 0, sent: 0 });
    expect(w.store.opened.length + w.store.across.length).toBe(reads);
  });
});
