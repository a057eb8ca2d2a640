/** PulseStore on Azurite: atomic single answers, mixing, what closing keeps, and resuming an interrupted close. */
import { beforeAll, describe, expect, it } from 'vitest';
import { odata } from '@azure/data-tables';
import { DEFAULT_THRESHOLDS } from '../../src/pulse/aggregate.js';
import { loadDefaultBank, scaleOf } from '../../src/pulse/bank.js';
import { pickItems } from '../../src/pulse/rotation.js';
import { roundTiming } from '../../src/pulse/schedule.js';
import { boxKey, CLOSE_LEASE_MS, MIX_SIZE, PULSE_TABLES, PulseStore, type Ballot, type Round } from '../../src/pulse/store.js';
import { addDays } from '../../src/shared/calendar.js';
import { listAll } from '../../src/storage/tables.js';
import { testStorage } from '../support/storage.js';

const storage = testStorage();
const store = new PulseStore(storage);
const bank = loadDefaultBank();
const WP = 'store-test';
let week = 0;

async function newRound(): Promise<Round> {
  const timing = roundTiming({ weekday: 1, time: '09:00' }, addDays('2026-01-05', 7 * week++));
  const items = pickItems(bank, timing.weekIndex).map((i) => ({ id: i.id, dimension: i.dimension, reversed: i.reversed, text: i.text, scale: scaleOf(bank, i) }));
  expect(await store.createRound({ ...timing, workplaceId: WP, items, invited: 200 })).toBe(true);
  expect(await store.createRound({ ...timing, workplaceId: WP, items, invited: 200 })).toBe(false);
  return (await store.round(WP, timing.id))!;
}
const ballot = (r: Round, score: number, comment?: string): Ballot => ({ scores: r.items.map((i) => ({ itemId: i.id, score })), ...(comment ? { comment } : {}) });
const rows = (table: string, r: Round) => listAll<Record<string, unknown>>(storage.table(table), odata`PartitionKey eq ${boxKey(WP, r.id)}`);

beforeAll(() => storage.ensure([...PULSE_TABLES]));

describe('PulseStore', () => {
  it('takes one answer per person even when two arrive at once', async () => {
    const r = await newRound();
    const outcomes = await Promise.all([store.submit(WP, r.id, 'AAD-1', ballot(r, 3)), store.submit(WP, r.id, 'aad-1', ballot(r, 5))]);
    expect(outcomes.sort()).toEqual(['duplicate', 'saved']);
    const inbox = await rows('PulseInbox', r);
    expect(inbox.map((x) => String(x.rowKey).slice(0, 2)).sort()).toEqual(['b~', 'p~']);
    expect(await store.hasAnswered(WP, r.id, 'Aad-1')).toBe(true);
  });

  it('mixes each answer with up to MIX_SIZE earlier ballots (one transaction stays within 100 operations)', async () => {
    const r = await newRound();
    for (let p = 0; p < MIX_SIZE + 12; p++) await store.submit(WP, r.id, `p${p}`, ballot(r, 1 + (p % 5)));
    const ballots = (await rows('PulseInbox', r)).filter((x) => String(x.rowKey).startsWith('b~'));
    expect(ballots).toHaveLength(MIX_SIZE + 12);
    // The last answer wrote its ballot and rewrote MIX_SIZE others (batch order is shuffled), all newer than the answer before.
    const before = (await rows('PulseInbox', r)).find((x) => x.rowKey === `p~p${MIX_SIZE + 10}`)!;
    const touchedByLast = ballots.filter((b) => String(b.timestamp) > String(before.timestamp));
    expect(touchedByLast.length).toBeGreaterThanOrEqual(MIX_SIZE + 1);
  });

  it('keeps scores from 5 answers, comments only from 10, nothing below 5; the inbox is emptied', async () => {
    const cases: [number, number, number][] = [[4, 0, 0], [9, 27, 0], [10, 30, 10]]; // answers → score rows, comment rows
    for (const [n, scoreRows, commentRows] of cases) {
      const r = await newRound();
      for (let p = 0; p < n; p++) await store.submit(WP, r.id, `p${p}`, ballot(r, 4, `kommentar ${p}`));
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
    const r = await newRound();
    for (let p = 0; p < 6; p++) await store.submit(WP, r.id, `p${p}`, ballot(r, 2));
    // A crash after half the answer rows were written: status 'closing' and stray rows.
    await storage.table('PulseRounds').updateEntity({ partitionKey: WP, rowKey: r.id, status: 'closing' }, 'Merge');
    await storage.table('PulseAnswers').createEntity({ partitionKey: boxKey(WP, r.id), rowKey: 'stray', item: r.items[0]!.id, dim: r.items[0]!.dimension, rev: false, score: 5 });
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS)).toBe('closed');
    expect(await rows('PulseAnswers', r)).toHaveLength(18);
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS)).toBe('closed'); // again: nothing changes
    expect(await rows('PulseAnswers', r)).toHaveLength(18);
    expect(await store.close(WP, 'nope', DEFAULT_THRESHOLDS)).toBe('missing');
  });

  it('a second closer is turned away while the first holds the claim', async () => {
    const r = await newRound();
    for (let p = 0; p < 5; p++) await store.submit(WP, r.id, `p${p}`, ballot(r, 3));
    const outcomes = await Promise.all([store.close(WP, r.id, DEFAULT_THRESHOLDS), store.close(WP, r.id, DEFAULT_THRESHOLDS)]);
    expect(outcomes).toContain('closed');
    expect(await rows('PulseAnswers', r)).toHaveLength(15);
  });

  it('a closer that arrives after the claim was taken waits for the lease, then resumes', async () => {
    const r = await newRound();
    for (let p = 0; p < 5; p++) await store.submit(WP, r.id, `p${p}`, ballot(r, 3));
    const t0 = new Date('2026-11-30T09:05:00Z');
    // The first closer claimed the round and died before writing anything.
    await storage.table('PulseRounds').updateEntity({ partitionKey: WP, rowKey: r.id, status: 'closing', claim: 'dead', claimedAt: t0.toISOString() }, 'Merge');
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, new Date(t0.getTime() + 60_000))).toBe('busy');
    expect(await rows('PulseAnswers', r)).toHaveLength(0);
    expect(await store.close(WP, r.id, DEFAULT_THRESHOLDS, new Date(t0.getTime() + CLOSE_LEASE_MS + 1))).toBe('closed');
    expect(await rows('PulseAnswers', r)).toHaveLength(15);
  });
});
