import { beforeAll, describe, expect, it } from 'vitest';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { Claims, type Claim } from '../../src/outbox/claims.js';
import { JobStore, REMINDERS_TABLE, dueRk, failedRk, partitionOf, recordRk, type DueRow, type JobSpec, type Lane } from '../../src/outbox/store.js';
import { testStorage } from '../support/storage.js';

/**
 * The claim, finish and release writes of src/outbox/claims.ts against Azurite, without
 * an engine around them (no sends, no waits): what each leaves in the job's record, due
 * row and failed row, what happens when another instance was first, and group commit
 * (jobs of one bucket that arrive while a write is in flight go in one transaction).
 */

const NOW = new Date('2026-11-24T10:00:00.000Z');
const LEASE = new Date('2026-11-24T10:05:00.000Z');
const LATER = new Date('2026-11-24T10:01:00.000Z');

/** Keys that share a bucket with `base` (group commit works per partition). */
function sameBucket(base: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) if (partitionOf(`${base}:${i}`) === partitionOf(`${base}:0`)) out.push(`${base}:${i}`);
  return out;
}

const spec = (key: string, extra: Partial<JobSpec> = {}): JobSpec => ({
  key,
  kind: 'test.note',
  workplaceId: 'wp-claims',
  target: { kind: 'user', aadObjectId: 'u-1' },
  dueAt: NOW,
  deliverAt: NOW,
  urgent: false,
  payload: { n: 1 },
  lane: 'normal',
  rank: 0,
  ...extra,
});

describe('claims (Azurite)', () => {
  let store: JobStore;
  let table: TableClient;
  /** Transactions sent to storage (group commit saves round trips). */
  let transactions = 0;
  let claims: Claims;

  beforeAll(async () => {
    const storage = testStorage();
    await storage.ensure([REMINDERS_TABLE]);
    store = new JobStore(storage);
    table = store.table;
    const counted = new Proxy(table, {
      get(target, prop, receiver) {
        if (prop === 'submitTransaction') {
          return (ops: TransactionAction[]) => {
            transactions++;
            return target.submitTransaction(ops);
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    claims = new Claims(counted);
  });

  const dueRow = async (key: string, lane: Lane = 'normal'): Promise<DueRow> => {
    const page: DueRow[] = (await store.duePages(partitionOf(key), NOW, 500, lane).next()).value ?? [];
    const row = page.find((r) => r.key === key);
    if (!row) throw new Error(`no due row for ${key}`);
    return row;
  };
  const record = async (key: string) => (await store.record(key))!;
  const dueRows = async (key: string) => {
    const rows: DueRow[] = [];
    for await (const r of table.listEntities<DueRow>({ queryOptions: { filter: `PartitionKey eq '${partitionOf(key)}' and key eq '${key}'` } })) {
      if (r.rowKey!.startsWith('d')) rows.push(r as DueRow);
    }
    return rows;
  };

  it('claims a due row once: owner, lease and claim count on the due row, the record sending', async () => {
    await store.insert(spec('cl:1', { lane: 'urgent', rank: 7 }), NOW);
    const row = await dueRow('cl:1', 'urgent');
    const claim = await claims.claim(row, 'inst-a', LEASE, NOW);
    expect(claim).toEqual({ job: expect.objectContaining({ key: 'cl:1', status: 'sending', payload: { n: 1 } }), dueRk: row.rowKey, lane: 'urgent', rank: 7 });
    expect(claim).not.toHaveProperty('previousOwner');
    expect(await dueRow('cl:1', 'urgent')).toMatchObject({ owner: 'inst-a', leaseUntil: LEASE.toISOString(), claims: 1 });
    expect(await record('cl:1')).toMatchObject({ status: 'sending', owner: 'inst-a', leaseUntil: LEASE.toISOString(), updatedAt: NOW.toISOString() });
    // Another instance with the same snapshot (ETag): 412, not claimed (one transaction).
    const before = transactions;
    expect(await claims.claim(row, 'inst-b', LEASE, NOW)).toBeUndefined();
    expect(transactions - before).toBe(1);
    expect(await dueRow('cl:1', 'urgent')).toMatchObject({ owner: 'inst-a', claims: 1 });
  });

  it('takes over a claim left by a dead instance: the previous owner is named and the claims are counted on', async () => {
    await store.insert(spec('cl:2'), NOW);
    await claims.claim(await dueRow('cl:2'), 'dead', LEASE, NOW);
    const taken = await claims.claim(await dueRow('cl:2'), 'survivor', LEASE, LATER);
    expect(taken).toMatchObject({ previousOwner: 'dead', lane: 'normal', rank: 0 });
    expect(await dueRow('cl:2')).toMatchObject({ owner: 'survivor', claims: 2 });
  });

  it('finds no claim on a row another instance has finished meanwhile (404)', async () => {
    await store.insert(spec('cl:gone'), NOW);
    const row = await dueRow('cl:gone');
    await table.deleteEntity(row.partitionKey, row.rowKey);
    expect(await claims.claim(row, 'inst-a', LEASE, NOW)).toBeUndefined();
  });

  it('reads a row written before lanes and claim counts existed as normal, rank 0, first claim', async () => {
    const key = 'cl:old';
    const rk = `d:${NOW.toISOString()}:${key}`;
    const data = { key, kind: 'test.note', workplaceId: 'wp-claims', targetKind: 'user', targetId: 'u-1', payload: '{}', dueAt: NOW.toISOString(), deliverAt: NOW.toISOString(), urgent: false, attempts: 0, createdAt: NOW.toISOString() };
    await table.submitTransaction([
      ['create', { partitionKey: partitionOf(key), rowKey: recordRk(key), ...data, status: 'pending', dueRk: rk, owner: '', leaseUntil: '', lastError: '', sentAt: '', activityId: '', updatedAt: NOW.toISOString() }],
      ['create', { partitionKey: partitionOf(key), rowKey: rk, ...data, owner: '', leaseUntil: '' }],
    ]);
    const claim = await claims.claim(await dueRow(key), 'inst-a', LEASE, NOW);
    expect(claim).toMatchObject({ lane: 'normal', rank: 0, dueRk: rk });
    expect(await dueRow(key)).toMatchObject({ claims: 1 });
  });

  it('claims the jobs of one bucket that arrive together in one transaction; a lost row costs no other its claim', async () => {
    const keys = sameBucket('cl:g', 4);
    for (const k of keys) await store.insert(spec(k), NOW);
    const rows = await Promise.all(keys.map((k) => dueRow(k)));
    // cl:g…[2] is taken by another instance first: the grouped transaction fails, then one by one.
    await claims.claim(rows[2]!, 'other', LEASE, NOW);
    const before = transactions;
    const got = await Promise.all(rows.map((r) => claims.claim(r, 'inst-a', LEASE, NOW)));
    expect(got.map((c) => c?.job.key)).toEqual([keys[0], keys[1], undefined, keys[3]]);
    // First alone (idle: at once), then [1..3] grouped (fails on [2]), then one by one: 1 + 1 + 3.
    expect(transactions - before).toBe(5);
    expect((await dueRow(keys[2]!)).owner).toBe('other');
    for (const k of [keys[0]!, keys[1]!, keys[3]!]) expect((await dueRow(k)).owner).toBe('inst-a');

    // Without a conflict: the three that waited go in one transaction.
    const more = sameBucket('cl:h', 4);
    for (const k of more) await store.insert(spec(k), NOW);
    const fresh = await Promise.all(more.map((k) => dueRow(k)));
    const start = transactions;
    const all = await Promise.all(fresh.map((r) => claims.claim(r, 'inst-a', LEASE, NOW)));
    expect(all.map((c) => c?.job.key)).toEqual(more);
    expect(transactions - start).toBe(2);
  });

  it('passes on a storage error that is not a lost claim, alone and in a group', async () => {
    await store.insert(spec('cl:bad'), NOW);
    const row = await dueRow('cl:bad');
    const broken = { ...row, rowKey: 'd:bad#key' }; // '#' is not allowed in a RowKey: 400
    await expect(claims.claim(broken, 'inst-a', LEASE, NOW)).rejects.toMatchObject({ statusCode: 400 });
    const keys = sameBucket('cl:bad', 3).slice(1);
    for (const k of keys) await store.insert(spec(k), NOW);
    const rows = await Promise.all(keys.map((k) => dueRow(k)));
    const results = await Promise.allSettled([claims.claim(rows[0]!, 'inst-a', LEASE, NOW), claims.claim(rows[1]!, 'inst-a', LEASE, NOW), claims.claim({ ...broken, key: keys[1]! }, 'inst-a', LEASE, NOW)]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: expect.objectContaining({ dueRk: rows[0]!.rowKey }) });
    expect(results.slice(1)).toEqual([expect.objectContaining({ status: 'rejected' }), expect.objectContaining({ status: 'rejected' })]);
    expect((await dueRow(keys[1]!)).owner).toBe(''); // the failed group claimed nothing
  });

  const claimed = async (key: string, extra: Partial<JobSpec> = {}): Promise<Claim> => {
    await store.insert(spec(key, extra), NOW);
    return (await claims.claim(await dueRow(key, extra.lane), 'inst-a', LEASE, NOW))!;
  };

  it('finishes a sent job: record sent with its activity, claim cleared, due row gone', async () => {
    const claim = await claimed('fi:sent');
    expect(await claims.finish(claim, { status: 'sent', attempts: 2, activityId: 'act-9' }, LATER)).toBe(true);
    expect(await record('fi:sent')).toMatchObject({ status: 'sent', attempts: 2, dueRk: '', owner: '', leaseUntil: '', lastError: '', sentAt: LATER.toISOString(), activityId: 'act-9', updatedAt: LATER.toISOString() });
    expect(await dueRows('fi:sent')).toEqual([]);
    const plain = await claimed('fi:sent2');
    await claims.finish(plain, { status: 'sent', attempts: 1 }, LATER);
    expect(await record('fi:sent2')).toMatchObject({ status: 'sent', sentAt: LATER.toISOString(), activityId: '' });
  });

  it('finishes a failed job with its error and a failed row for the status command; a cancelled one without', async () => {
    const claim = await claimed('fi:failed');
    expect(await claims.finish(claim, { status: 'failed', attempts: 8, error: 'too many attempts' }, LATER)).toBe(true);
    const rec = await record('fi:failed');
    expect(rec).toMatchObject({ status: 'failed', attempts: 8, lastError: 'too many attempts', dueRk: '', owner: '' });
    expect(rec.sentAt ?? '').toBe('');
    const failed = await table.getEntity(partitionOf('fi:failed'), failedRk('wp-claims', 'fi:failed'));
    expect(failed).toMatchObject({ key: 'fi:failed', attempts: 8, lastError: 'too many attempts', failedAt: LATER.toISOString() });
    expect(await dueRows('fi:failed')).toEqual([]);

    const cancel = await claimed('fi:cancel');
    await claims.finish(cancel, { status: 'cancelled', attempts: 0 }, LATER);
    expect(await record('fi:cancel')).toMatchObject({ status: 'cancelled', lastError: '' });
    await expect(table.getEntity(partitionOf('fi:cancel'), failedRk('wp-claims', 'fi:cancel'))).rejects.toMatchObject({ statusCode: 404 });
    const why = await claimed('fi:cancel2');
    await claims.finish(why, { status: 'cancelled', attempts: 0, error: 'no longer relevant' }, LATER);
    expect(await record('fi:cancel2')).toMatchObject({ status: 'cancelled', lastError: 'no longer relevant' });
  });

  it('records the outcome of a job whose due row is gone (lease lost), and says so; grouped finishes fall back one by one', async () => {
    const [a, b, c] = sameBucket('fi:g', 3);
    const ca = await claimed(a!);
    const cb = await claimed(b!);
    const cc = await claimed(c!);
    // b's due row was finished by the instance that took it over.
    await table.deleteEntity(partitionOf(b!), cb.dueRk);
    const before = transactions;
    const done = await Promise.all([claims.finish(ca, { status: 'sent', attempts: 1 }, LATER), claims.finish(cb, { status: 'sent', attempts: 1 }, LATER), claims.finish(cc, { status: 'sent', attempts: 1 }, LATER)]);
    expect(done).toEqual([true, false, true]);
    // a alone, then b+c grouped (404), then b (404) and its record alone, then c.
    expect(transactions - before).toBe(5);
    for (const k of [a!, b!, c!]) expect(await record(k)).toMatchObject({ status: 'sent', dueRk: '' });

    // Alone: the finish (404), then the record alone.
    const lone = await claimed('fi:lone');
    await table.deleteEntity(partitionOf('fi:lone'), lone.dueRk);
    const at = transactions;
    expect(await claims.finish(lone, { status: 'failed', attempts: 3, error: 'HTTP 400' }, LATER)).toBe(false);
    expect(transactions - at).toBe(2);
    expect(await record('fi:lone')).toMatchObject({ status: 'failed', lastError: 'HTTP 400' });

    const [d, e, f] = sameBucket('fi:h', 3);
    const cs = [await claimed(d!), await claimed(e!), await claimed(f!)];
    const start = transactions;
    expect(await Promise.all(cs.map((x) => claims.finish(x, { status: 'sent', attempts: 1 }, LATER)))).toEqual([true, true, true]);
    expect(transactions - start).toBe(2);
  });

  it('passes on a finishing error that is not a missing row', async () => {
    const claim = await claimed('fi:bad');
    // An error text over the 64 KiB a property may hold: the write is refused (400), not a lost lease.
    const huge = { status: 'failed', attempts: 1, error: 'x'.repeat(70_000) } as const;
    await expect(claims.finish(claim, huge, LATER)).rejects.toMatchObject({ statusCode: 400 });
    // A payload too large for the failed row (the record does not repeat it): refused too,
    // the job stays claimed (sending) instead of being recorded as if its lease were lost.
    const big = await claimed('fi:big');
    await expect(claims.finish({ ...big, job: { ...big.job, payload: { text: 'x'.repeat(70_000) } } }, { status: 'failed', attempts: 1, error: 'HTTP 400' }, LATER)).rejects.toMatchObject({ statusCode: 400 });
    expect((await record('fi:big')).status).toBe('sending');
    const [x, y] = sameBucket('fi:bad', 3).slice(1);
    const cx = await claimed(x!);
    const cy = await claimed(y!);
    const first = await claimed(sameBucket('fi:bad', 4)[3]!);
    const results = await Promise.allSettled([claims.finish(first, { status: 'sent', attempts: 1 }, LATER), claims.finish(cx, { status: 'sent', attempts: 1 }, LATER), claims.finish(cy, huge, LATER)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((await record(x!)).status).toBe('sending'); // the failed group finished nothing
  });

  it('releases a job to a later time: the record pending with the error, a new due row without claim; the same time keeps the row', async () => {
    const claim = await claimed('re:1', { lane: 'bulk', rank: 3 });
    const later = new Date('2026-11-25T06:00:00.000Z');
    await claims.release(claim, later, 2, 'HTTP 503', LATER);
    const rk = dueRk(later, 're:1', 'bulk', 3);
    expect(await record('re:1')).toMatchObject({ status: 'pending', dueRk: rk, owner: '', leaseUntil: '', lastError: 'HTTP 503', attempts: 2, deliverAt: later.toISOString(), updatedAt: LATER.toISOString(), lane: 'bulk', rank: 3 });
    const rows = await dueRows('re:1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rowKey: rk, owner: '', leaseUntil: '', claims: 0, attempts: 2, deliverAt: later.toISOString(), payload: '{"n":1}' });

    // Handed back at its own time (shutdown): the same due row, claim cleared.
    const again = await claimed('re:2');
    await claims.release(again, NOW, 1, 'interrupted by shutdown', LATER);
    const same = await dueRows('re:2');
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({ rowKey: again.dueRk, owner: '', leaseUntil: '', claims: 0, attempts: 1 });
    expect(await record('re:2')).toMatchObject({ status: 'pending', dueRk: again.dueRk, lastError: 'interrupted by shutdown' });
  });
});
