/** PulseStore on Azurite: invitations, atomic single answers, sealed ballots, what closing keeps, and closing that survives faults. */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { odata, type TableClient } from '@azure/data-tables';
import { DEFAULT_THRESHOLDS } from '../../src/pulse/aggregate.js';
import { loadDefaultBank, scaleOf } from '../../src/pulse/bank.js';
import { pickItems } from '../../src/pulse/rotation.js';
import { roundTiming } from '../../src/pulse/schedule.js';
import { Seal, SealError } from '../../src/pulse/seal.js';
import type { Ballot, Round } from '../../src/pulse/model.js';
import { boxKey, CLOSE_LEASE_MS, ENTITIES_PER_ANSWER, PULSE_TABLES, PulseStore } from '../../src/pulse/store.js';
import { addDays } from '../../src/shared/calendar.js';
import { listAll, Storage } from '../../src/storage/tables.js';
import { azuriteConnectionString } from '../support/storage.js';

/** Storage whose PulseAnswers writes can be made to fail (after a delay, as a slow storage error would). */
class FaultyStorage extends Storage {
  failAnswers = false;
  override table(name: string): TableClient {
    const real = super.table(name);
    if (name !== 'PulseAnswers') return real;
    return new Proxy(real, {
      get: (target, prop) => {
        if (prop === 'submitTransaction' && this.failAnswers) {
          return async () => {
            await new Promise((r) => setTimeout(r, 150));
            throw Object.assign(new Error('injected: storage unavailable'), { statusCode: 503 });
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

const storage = new FaultyStorage(azuriteConnectionString(), `t${randomBytes(5).toString('hex')}`);
const seal = new Seal(randomBytes(32));
const store = new PulseStore(storage, seal);
const bank = loadDefaultBank();
const WP = 'store-test';
const people = (n: number) => Array.from({ length: n }, (_, p) => `p${p}`);
let week = 0;

async function newRound(invitees: readonly string[] = people(200)): Promise<Round> {
  const timing = roundTiming({ weekday: 1, time: '09:00' }, addDays('2026-01-05', 7 * week++));
  const items = pickItems(bank, timing.weekIndex).map((i) => ({ id: i.id, dimension: i.dimension, reversed: i.reversed, text: i.text, scale: scaleOf(bank, i) }));
  expect(await store.openRound({ ...timing, workplaceId: WP, items, forumInvited: 3 }, invitees)).toBe(true);
  expect(await store.openRound({ ...timing, workplaceId: WP, items, forumInvited: 3 }, invitees)).toBe(false);
  return (await store.round(WP, timing.id))!;
}
const ballot = (r: Round, score: number, comment?: string): Ballot => ({ scores: r.items.map((i) => ({ itemId: i.id, score })), ...(comment ? { comment } : {}) });
const rows = (table: string, r: Round) => listAll<Record<string, unknown>>(storage.table(table), odata`PartitionKey eq ${boxKey(WP, r.id)}`);
const kinds = async (r: Round) => (await rows('PulseInbox', r)).map((x) => String(x.rowKey).slice(0, 2));
const count = (xs: string[], k: string) => xs.filter((x) => x === k).length;

beforeAll(() => storage.ensure([...PULSE_TABLES]));

describe('PulseStore', () => {
  it('records who was invited at the opening, under tokens that name nobody', async () => {
    const r = await newRound(['AAD-1', 'aad-2', 'aad-3']);
    expect(r).toMatchObject({ invited: 3, forumInvited: 3, keyId: seal.keyId, status: 'open' });
    const inbox = await rows('PulseInbox', r);
    expect(inbox.map((x) => x.rowKey).every((k) => /^i~[0-9a-f]{32}$/.test(String(k)))).toBe(true);
    expect(JSON.stringify(inbox)).not.toMatch(/aad-/i);
    expect(await store.isInvited(r, 'aad-1')).toBe(true);
    expect(await store.isInvited(r, 'aad-4')).toBe(false);
    expect((await store.invitedAmong(r, [{ aadObjectId: 'aad-2' }, { aadObjectId: 'aad-9' }])).map((m) => m.aadObjectId)).toEqual(['aad-2']);
  });

  it('takes one answer per person even when two arrive at once, and none from someone not invited', async () => {
    const r = await newRound(['AAD-1', 'aad-2']);
    const outcomes = await Promise.all([store.submit(r, 'AAD-1', ballot(r, 3)), store.submit(r, 'aad-1', ballot(r, 5))]);
    expect(outcomes.sort()).toEqual(['duplicate', 'saved']);
    expect(await store.submit(r, 'aad-3', ballot(r, 1))).toBe('notInvited');
    const inbox = await kinds(r);
    expect([count(inbox, 'a~'), count(inbox, 'b~'), count(inbox, 'i~')]).toEqual([1, 1, 2]);
    expect(await store.hasAnswered(WP, r.id, 'Aad-1')).toBe(true);
    expect(await store.hasAnswered(WP, r.id, 'aad-2')).toBe(false);
  });

  it('an answer writes the same two entities in a round of 5 and in a round of 150 with 100 answers, and rewrites nothing', async () => {
    for (const [size, before] of [[5, 0], [150, 100]] as const) {
      const r = await newRound(people(size));
      for (let p = 0; p < before; p++) await store.submit(r, `p${p}`, ballot(r, 1 + (p % 5)));
      const snapshot = new Map((await rows('PulseInbox', r)).map((x) => [x.rowKey, x.etag]));
      expect(await store.submit(r, `p${size - 1}`, ballot(r, 4))).toBe('saved');
      const after = await rows('PulseInbox', r);
      const changed = after.filter((x) => snapshot.get(x.rowKey) !== x.etag);
      expect(changed).toHaveLength(ENTITIES_PER_ANSWER);
      expect(changed.map((x) => String(x.rowKey).slice(0, 2)).sort()).toEqual(['a~', 'b~']);
    }
  });

  it('seals every ballot: same length, no score or comment readable, and only the right key opens it', async () => {
    const r = await newRound(people(3));
    await store.submit(r, 'p0', ballot(r, 5));
    await store.submit(r, 'p1', ballot(r, 1, 'Lederen lytter aldrig, det er hårdt at være på arbejde for tiden.'));
    await store.submit(r, 'p2', ballot(r, 3, 'ok'));
    const ballots = (await rows('PulseInbox', r)).filter((x) => String(x.rowKey).startsWith('b~'));
    expect(new Set(ballots.map((b) => String(b.sealed).length)).size).toBe(1);
    for (const b of ballots) {
      expect(Object.keys(b).filter((k) => !['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(k))).toEqual(['sealed']);
      const raw = Buffer.from(String(b.sealed), 'base64').toString('latin1');
      for (const text of ['Lederen', 'hårdt', 'score', 'itemId', r.items[0]!.id]) expect(raw).not.toContain(text);
      expect(() => new Seal(randomBytes(32)).open(String(b.sealed), boxKey(WP, r.id))).toThrow(SealError);
      expect(() => seal.open(String(b.sealed), boxKey(WP, 'other-round'))).toThrow(SealError);
      expect(seal.open<Ballot>(String(b.sealed), boxKey(WP, r.id)).scores).toHaveLength(3);
    }
  });

  it('refuses answers to a round opened with another seal key, and cannot close it', async () => {
    const r = await newRound(people(5));
    for (let p = 0; p < 5; p++) await store.submit(r, `p${p}`, ballot(r, 2));
    const other = new PulseStore(storage, new Seal(randomBytes(32)));
    await expect(other.submit(r, 'p0', ballot(r, 2))).rejects.toThrow(SealError);
    await expect(other.close(WP, r.id, DEFAULT_THRESHOLDS)).rejects.toThrow(SealError);
    expect(count(await kinds(r), 'b~')).toBe(5); // nothing lost: the right key still closes it
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, new Date(Date.now() + CLOSE_LEASE_MS + 1))).toBe('closed');
    expect(await rows('PulseAnswers', r)).toHaveLength(15);
  });

  it('keeps scores from 5 answers, comments only from 10, nothing below 5; the inbox is emptied', async () => {
    const cases: [number, number, number][] = [[4, 0, 0], [9, 27, 0], [10, 30, 10]]; // answers → score rows, comment rows
    for (const [n, scoreRows, commentRows] of cases) {
      const r = await newRound(people(12));
      for (let p = 0; p < n; p++) await store.submit(r, `p${p}`, ballot(r, 4, `kommentar ${p}`));
      expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS)).toBe('closed');
      const kept = await rows('PulseAnswers', r);
      expect(kept.filter((x) => x.score !== undefined)).toHaveLength(scoreRows);
      expect(kept.filter((x) => x.comment !== undefined)).toHaveLength(commentRows);
      expect(await rows('PulseInbox', r)).toEqual([]);
      expect(await store.round(WP, r.id)).toMatchObject({ status: 'closed', answered: n });
      const { answers, comments } = await store.answers(WP, r.id);
      expect([answers.length, comments.length]).toEqual([scoreRows, commentRows]);
    }
  });

  it('resumes an interrupted close without duplicating or losing answers', async () => {
    const r = await newRound(people(6));
    for (let p = 0; p < 6; p++) await store.submit(r, `p${p}`, ballot(r, 2));
    // A crash after half the answer rows were written: status 'closing' and stray rows.
    await storage.table('PulseRounds').updateEntity({ partitionKey: WP, rowKey: r.id, status: 'closing' }, 'Merge');
    await storage.table('PulseAnswers').createEntity({ partitionKey: boxKey(WP, r.id), rowKey: 'stray', item: r.items[0]!.id, dim: r.items[0]!.dimension, rev: false, score: 5 });
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS)).toBe('closed');
    expect(await rows('PulseAnswers', r)).toHaveLength(18);
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS)).toBe('closed'); // again: nothing changes
    expect(await rows('PulseAnswers', r)).toHaveLength(18);
    expect(await store.close(WP, 'nope', DEFAULT_THRESHOLDS)).toBe('missing');
  });

  it('a second closer is turned away as busy while the first holds the claim', async () => {
    const r = await newRound(people(5));
    for (let p = 0; p < 5; p++) await store.submit(r, `p${p}`, ballot(r, 3));
    const outcomes = await Promise.all([store.close(WP, r.id, DEFAULT_THRESHOLDS), store.close(WP, r.id, DEFAULT_THRESHOLDS)]);
    expect(outcomes.sort()).toEqual(['busy', 'closed']);
    expect(await rows('PulseAnswers', r)).toHaveLength(15);
  });

  it('a closer that arrives after the claim was taken waits for the lease, then resumes', async () => {
    const r = await newRound(people(5));
    for (let p = 0; p < 5; p++) await store.submit(r, `p${p}`, ballot(r, 3));
    const t0 = new Date('2026-11-30T09:05:00Z');
    // The first closer claimed the round and died before writing anything.
    await storage.table('PulseRounds').updateEntity({ partitionKey: WP, rowKey: r.id, status: 'closing', claim: 'dead', claimedAt: t0.toISOString() }, 'Merge');
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, new Date(t0.getTime() + 60_000))).toBe('busy');
    expect(await rows('PulseAnswers', r)).toHaveLength(0);
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, new Date(t0.getTime() + CLOSE_LEASE_MS + 1))).toBe('closed');
    expect(await rows('PulseAnswers', r)).toHaveLength(15);
  });

  it('never marks a round flushed or deletes the inbox before the answer rows are stored', async () => {
    const r = await newRound(people(6));
    for (let p = 0; p < 6; p++) await store.submit(r, `p${p}`, ballot(r, 4, p === 0 ? 'en kommentar' : undefined));
    const t0 = new Date('2026-12-07T09:05:00Z');
    storage.failAnswers = true;
    try {
      await expect(store.close(WP, r.id, DEFAULT_THRESHOLDS, t0)).rejects.toThrow('injected');
    } finally {
      storage.failAnswers = false;
    }
    await new Promise((resolve) => setTimeout(resolve, 400)); // anything a dropped `await` would still do
    expect(await store.round(WP, r.id)).toMatchObject({ status: 'closing', answered: 0 });
    const inbox = await kinds(r);
    expect([count(inbox, 'a~'), count(inbox, 'b~')]).toEqual([6, 6]);
    // Once storage answers again, the close (after the dead claim's lease) keeps every answer.
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, new Date(t0.getTime() + CLOSE_LEASE_MS + 1))).toBe('closed');
    expect(await store.round(WP, r.id)).toMatchObject({ status: 'closed', answered: 6 });
    expect(await rows('PulseAnswers', r)).toHaveLength(18);
  });

  it('runs beforeClosed after the inbox is gone and before closed; a failing hook is run again by the next closer', async () => {
    const r = await newRound(people(5));
    for (let p = 0; p < 5; p++) await store.submit(r, `p${p}`, ballot(r, 3));
    const seen: string[] = [];
    const t0 = new Date('2026-12-14T09:05:00Z');
    const failing = {
      beforeClosed: async (closing: Round) => {
        seen.push(`${closing.status}:${closing.answered}:${(await rows('PulseInbox', r)).length}:${(await store.round(WP, r.id))!.status}`);
        throw new Error('hook failed');
      },
    };
    await expect(store.close(WP, r.id, DEFAULT_THRESHOLDS, t0, failing)).rejects.toThrow('hook failed');
    expect(await store.round(WP, r.id)).toMatchObject({ status: 'flushed', answered: 5 });
    const ok = { beforeClosed: async (closing: Round) => void seen.push(`${closing.status}:${closing.answered}`) };
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, new Date(t0.getTime() + CLOSE_LEASE_MS + 1), ok)).toBe('closed');
    expect(seen).toEqual(['flushed:5:0:flushed', 'flushed:5']);
    expect(await rows('PulseAnswers', r)).toHaveLength(15);
  });
});
