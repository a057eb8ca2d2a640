/**
 * PulseStore on Azurite, the paths the happy flow does not take: storage errors on opening,
 * answering and claiming (fault injection), a closer overtaken between its read and its
 * claim, a hook that fails twice, ballots from before sealing or that do not open, the
 * lease boundary, legacy rounds without invitations, the listings and the publication.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { odata, type TableClient } from '@azure/data-tables';
import { DEFAULT_THRESHOLDS } from '../../src/pulse/aggregate.js';
import type { Publication } from '../../src/pulse/disclosure.js';
import { loadDefaultBank, scaleOf } from '../../src/pulse/bank.js';
import { roundTiming } from '../../src/pulse/schedule.js';
import { Seal, SealError } from '../../src/pulse/seal.js';
import type { Ballot, Round, RoundItem } from '../../src/pulse/model.js';
import { boxKey, CLOSE_LEASE_MS, PULSE_TABLES, PulseStore } from '../../src/pulse/store.js';
import { addDays } from '../../src/shared/calendar.js';
import { listAll, Storage } from '../../src/storage/tables.js';
import { azuriteConnectionString } from '../support/storage.js';

interface Fault {
  table: (typeof PULSE_TABLES)[number];
  method: 'createEntity' | 'updateEntity' | 'submitTransaction';
  /** How many calls fail (or are preceded by `before`). */
  times: number;
  /** The status the injected error carries; none: the call goes through after `before`. */
  status?: number;
  /** Runs before the call (another instance acting in between). */
  before?: () => Promise<void>;
}

/** Storage whose table calls can be made to fail, or to be overtaken, a given number of times. */
class FaultyStorage extends Storage {
  faults: Fault[] = [];
  override table(name: string): TableClient {
    const real = super.table(name);
    return new Proxy(real, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        const call = (value as (...a: unknown[]) => unknown).bind(target);
        const fault = this.faults.find((f) => f.table === name && f.method === prop && f.times > 0);
        if (!fault) return call;
        return async (...args: unknown[]) => {
          fault.times--;
          await fault.before?.();
          if (fault.status) throw Object.assign(new Error(`injected ${fault.status}`), { statusCode: fault.status });
          return call(...args);
        };
      },
    });
  }
}

const storage = new FaultyStorage(azuriteConnectionString(), `t${randomBytes(5).toString('hex')}`);
const seal = new Seal(randomBytes(32));
const store = new PulseStore(storage, seal);
const WP = 'edges';
const bank = loadDefaultBank();
const scale = scaleOf(bank, bank.items[0]!);
const ITEMS: RoundItem[] = [
  { id: 'q-plain', dimension: 'mening', reversed: false, text: 'Giver dit arbejde mening?', scale },
  { id: 'q-rev', dimension: 'passende-krav', reversed: true, text: 'Har du for travlt?', scale },
];
const people = (n: number) => Array.from({ length: n }, (_, p) => `p${p}`);
let week = 0;

async function newRound(invitees: readonly string[] = people(6), workplaceId = WP): Promise<Round> {
  const timing = roundTiming({ weekday: 1, time: '09:00' }, addDays('2027-01-04', 7 * week++));
  expect(await store.openRound({ ...timing, workplaceId, items: ITEMS, forumInvited: 0 }, invitees)).toBe(true);
  return (await store.round(workplaceId, timing.id))!;
}
const ballot = (plain: number, rev: number, comment?: string): Ballot => ({
  scores: [
    { itemId: 'q-plain', score: plain },
    { itemId: 'q-rev', score: rev },
  ],
  ...(comment ? { comment } : {}),
});
const rows = (table: string, r: Round) => listAll<Record<string, unknown>>(storage.table(table), odata`PartitionKey eq ${boxKey(r.workplaceId, r.id)}`);
const kinds = async (r: Round) => (await rows('PulseInbox', r)).map((x) => String(x.rowKey).slice(0, 2)).sort();
const later = (t: Date, ms: number) => new Date(t.getTime() + ms);

beforeAll(() => storage.ensure([...PULSE_TABLES]));

describe('PulseStore edges', () => {
  it('keeps the token format stable: HMAC of purpose, workplace, round and the lower-cased person, different for invited and answered', async () => {
    // A round opened by one instance (or yesterday's version) is answered and closed by another.
    const r = await newRound(['AAD-Mixed']);
    const invited = seal.token('invited', WP, r.id, 'aad-mixed');
    const answered = seal.token('answered', WP, r.id, 'aad-mixed');
    expect(invited).not.toBe(answered);
    expect((await rows('PulseInbox', r)).map((x) => x.rowKey)).toEqual([`i~${invited}`]);
    expect(await store.submit(r, 'Aad-MIXED', ballot(3, 3))).toBe('saved');
    expect((await rows('PulseInbox', r)).map((x) => String(x.rowKey)).filter((k) => k.startsWith('a~'))).toEqual([`a~${answered}`]);
  });

  it('a round opens not yet fanned out; markFannedOut records it; rounds lists a workplace oldest first, unclosedRounds leaves closed ones out', async () => {
    const wp = 'edges-list';
    const a = await newRound(people(2), wp);
    const b = await newRound(people(2), wp);
    const c = await newRound(people(2), wp);
    await newRound(people(2), 'edges-other');
    expect(a).toMatchObject({ fannedOut: false, status: 'open' });
    await store.markFannedOut(wp, a.id);
    expect(await store.round(wp, a.id)).toMatchObject({ fannedOut: true });
    expect(await store.round(wp, b.id)).toMatchObject({ fannedOut: false });
    expect(await store.close(wp, b.id, DEFAULT_THRESHOLDS)).toBe('closed');
    expect((await store.rounds(wp)).map((r) => [r.id, r.status])).toEqual([
      [a.id, 'open'],
      [b.id, 'closed'],
      [c.id, 'open'],
    ]);
    expect((await store.rounds(wp)).map((r) => r.weekIndex)).toEqual([a.weekIndex, b.weekIndex, c.weekIndex]);
    expect((await store.unclosedRounds(wp)).map((r) => r.id).sort()).toEqual([a.id, c.id].sort());
    expect((await store.unclosedRounds(wp)).every((r) => r.workplaceId === wp && r.items.length === 2)).toBe(true);
  });

  it('a round from before invitations were stored (no key id) lets every member answer', async () => {
    const legacy = { workplaceId: WP, id: '2025-W01', keyId: '' };
    expect(await store.isInvited(legacy, 'anyone')).toBe(true);
    const members = [{ aadObjectId: 'm1' }, { aadObjectId: 'm2' }];
    expect(await store.invitedAmong(legacy, members)).toEqual(members);
  });

  it('records what a round publishes', async () => {
    const r = await newRound(people(2));
    expect(r.published).toBeUndefined();
    const publication: Publication = { answered: 7, dimensions: { mening: { kind: 'value', value: 3.5 } } as Publication['dimensions'], comments: false, minScores: 5 };
    await store.publish(WP, r.id, publication);
    expect((await store.round(WP, r.id))!.published).toEqual(publication);
  });

  it('a storage error while opening is thrown, not taken for "exists already"', async () => {
    const timing = roundTiming({ weekday: 1, time: '09:00' }, addDays('2027-01-04', 7 * week++));
    storage.faults = [{ table: 'PulseRounds', method: 'createEntity', times: 1, status: 503 }];
    await expect(store.openRound({ ...timing, workplaceId: WP, items: ITEMS, forumInvited: 0 }, people(2))).rejects.toThrow('injected 503');
    expect(await store.round(WP, timing.id)).toBeUndefined();
  });

  it('an answer that storage refuses is not retried and leaves nothing; one 409 clash of a random ballot key is retried once, two are thrown', async () => {
    const r = await newRound(people(4));
    storage.faults = [{ table: 'PulseInbox', method: 'submitTransaction', times: 1, status: 503 }];
    await expect(store.submit(r, 'p0', ballot(2, 2))).rejects.toThrow('injected 503');
    expect(await store.hasAnswered(WP, r.id, 'p0')).toBe(false);
    expect(await kinds(r)).toEqual(['i~', 'i~', 'i~', 'i~']);

    storage.faults = [{ table: 'PulseInbox', method: 'submitTransaction', times: 1, status: 409 }];
    expect(await store.submit(r, 'p1', ballot(2, 2))).toBe('saved');
    storage.faults = [{ table: 'PulseInbox', method: 'submitTransaction', times: 2, status: 409 }];
    await expect(store.submit(r, 'p2', ballot(2, 2))).rejects.toThrow('injected 409');
    storage.faults = [];
    expect(await kinds(r)).toEqual(['a~', 'b~', 'i~', 'i~', 'i~', 'i~']);
    expect(await store.hasAnswered(WP, r.id, 'p1')).toBe(true);
    expect(await store.hasAnswered(WP, r.id, 'p2')).toBe(false);
    // The refused ones can still answer.
    expect(await store.submit(r, 'p2', ballot(2, 2))).toBe('saved');
  });

  it('refuses an answer under another seal key, naming the round', async () => {
    const r = await newRound(people(2));
    await expect(new PulseStore(storage, new Seal(randomBytes(32))).submit(r, 'p0', ballot(1, 1))).rejects.toThrow(new SealError(`round ${WP}/${r.id} was opened with another PULSE_SEAL_KEY`));
  });

  it('a claim is fresh until exactly the lease has passed', async () => {
    const r = await newRound(people(5));
    for (let p = 0; p < 5; p++) await store.submit(r, `p${p}`, ballot(4, 2));
    const t0 = new Date('2027-03-01T09:05:00Z');
    await storage.table('PulseRounds').updateEntity({ partitionKey: WP, rowKey: r.id, status: 'closing', claimedAt: t0.toISOString() }, 'Merge');
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, later(t0, CLOSE_LEASE_MS - 1))).toBe('busy');
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, later(t0, CLOSE_LEASE_MS))).toBe('closed');
    expect(await rows('PulseAnswers', r)).toHaveLength(10);
  });

  it('a closer overtaken between its read and its claim is turned away as busy (ETag); a storage error on the claim is thrown', async () => {
    const r = await newRound(people(5));
    for (let p = 0; p < 5; p++) await store.submit(r, `p${p}`, ballot(4, 2));
    const t0 = new Date('2027-03-08T09:05:00Z');
    const other = () => storage.table('PulseRounds').updateEntity({ partitionKey: WP, rowKey: r.id, status: 'closing', claimedAt: t0.toISOString() }, 'Merge');
    storage.faults = [{ table: 'PulseRounds', method: 'updateEntity', times: 1, before: async () => void (await other()) }];
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, t0)).toBe('busy');
    expect(await rows('PulseAnswers', r)).toHaveLength(0);
    expect(await kinds(r)).toHaveLength(15);

    storage.faults = [{ table: 'PulseRounds', method: 'updateEntity', times: 1, status: 503 }];
    await expect(store.close(WP, r.id, DEFAULT_THRESHOLDS, later(t0, CLOSE_LEASE_MS))).rejects.toThrow('injected 503');
    storage.faults = [];
    expect(await store.round(WP, r.id)).toMatchObject({ status: 'closing' });
    expect(await rows('PulseAnswers', r)).toHaveLength(0);
  });

  it('a hook that fails on two closers in a row loses no answers: the round stays flushed until one succeeds', async () => {
    const r = await newRound(people(5));
    for (let p = 0; p < 5; p++) await store.submit(r, `p${p}`, ballot(5, 1));
    const t0 = new Date('2027-03-15T09:05:00Z');
    const failing = { beforeClosed: () => Promise.reject(new Error('hook failed')) };
    await expect(store.close(WP, r.id, DEFAULT_THRESHOLDS, t0, failing)).rejects.toThrow('hook failed');
    await expect(store.close(WP, r.id, DEFAULT_THRESHOLDS, later(t0, CLOSE_LEASE_MS), failing)).rejects.toThrow('hook failed');
    expect(await store.round(WP, r.id)).toMatchObject({ status: 'flushed', answered: 5 });
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, later(t0, 2 * CLOSE_LEASE_MS))).toBe('closed');
    expect(await store.round(WP, r.id)).toMatchObject({ status: 'closed', answered: 5 });
    expect(await rows('PulseAnswers', r)).toHaveLength(10);
  });

  it('closing keeps each score with its item, dimension and direction; drops scores for items the round did not ask; leaves other rounds alone', async () => {
    const other = await newRound(people(3));
    await store.submit(other, 'p0', ballot(1, 1));
    const r = await newRound(people(5));
    const scores: [number, number][] = [[5, 1], [4, 2], [4, 3], [3, 5], [2, 4]];
    for (const [p, [plain, rev]] of scores.entries()) {
      const b = ballot(plain, rev);
      if (p === 0) b.scores.push({ itemId: 'q-gone', score: 3 });
      await store.submit(r, `p${p}`, b);
    }
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS)).toBe('closed');
    const { answers, comments } = await store.answers(WP, r.id);
    const key = (a: { itemId: string; score: number }) => `${a.itemId}:${a.score}`;
    const expected = scores.flatMap(([plain, rev]) => [
      { itemId: 'q-plain', dimension: 'mening', score: plain, reversed: false },
      { itemId: 'q-rev', dimension: 'passende-krav', score: rev, reversed: true },
    ]);
    expect([...answers].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
    expect(comments).toEqual([]);
    // Rows that are not a whole score (no item, no dimension, no score) are not counted.
    const answersTable = storage.table('PulseAnswers');
    const pk = boxKey(WP, r.id);
    await answersTable.createEntity({ partitionKey: pk, rowKey: 'partial-1', dim: 'mening', rev: false, score: 1 });
    await answersTable.createEntity({ partitionKey: pk, rowKey: 'partial-2', item: 'q-plain', rev: false, score: 1 });
    await answersTable.createEntity({ partitionKey: pk, rowKey: 'partial-3', item: 'q-plain', dim: 'mening', rev: false });
    expect((await store.answers(WP, r.id)).answers).toHaveLength(expected.length);
    // The other round's inbox is untouched.
    expect(await kinds(other)).toEqual(['a~', 'b~', 'i~', 'i~', 'i~']);
  });

  it('opens a ballot written before ballots were sealed; a ballot that does not open stops the close with nothing deleted', async () => {
    const r = await newRound(people(5));
    for (let p = 0; p < 4; p++) await store.submit(r, `p${p}`, ballot(3, 3));
    const pk = boxKey(WP, r.id);
    const inbox = storage.table('PulseInbox');
    await inbox.createEntity({ partitionKey: pk, rowKey: 'b~legacy', ballot: JSON.stringify(ballot(1, 5)) });
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS)).toBe('closed');
    expect(await store.round(WP, r.id)).toMatchObject({ status: 'closed', answered: 5 });
    expect((await store.answers(WP, r.id)).answers.filter((a) => a.itemId === 'q-rev' && a.score === 5)).toHaveLength(1);

    // Sealed with the right key but not a ballot; no content at all.
    for (const bad of [(spk: string) => ({ sealed: seal.seal({ scores: 'none' }, spk) }), () => ({})]) {
      const s = await newRound(people(5));
      for (let p = 0; p < 5; p++) await store.submit(s, `p${p}`, ballot(3, 3));
      const spk = boxKey(WP, s.id);
      await inbox.createEntity({ partitionKey: spk, rowKey: 'b~bad', ...bad(spk) });
      await expect(store.close(WP, s.id, DEFAULT_THRESHOLDS)).rejects.toThrow(new SealError(`a ballot in ${spk} has no content that opens`));
      expect(await kinds(s)).toHaveLength(5 + 5 + 6);
      expect(await rows('PulseAnswers', s)).toEqual([]);
    }
  });
});
