import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/outbox/claims.js';
import { pool } from '../../src/outbox/tick.js';

/**
 * The two small schedulers of the engine: group commit (claims.ts: one storage write at a
 * time, whatever arrives meanwhile goes into the next one, up to a maximum) and the
 * bounded pool (tick.ts, used by scheduling). Pure: the "storage write" is a function
 * the test resolves by hand.
 */

/** Lets every pending promise callback run (one macrotask turn). */
const settle = () => new Promise<void>((r) => setImmediate(r));

function recorder(max: number) {
  const flushes: number[][] = [];
  const pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const commit = new GroupCommit<number, string>((items) => {
    flushes.push(items);
    return new Promise<string[]>((resolve, reject) => pending.push({ resolve: () => resolve(items.map((i) => `done ${i}`)), reject }));
  }, max);
  return { commit, flushes, pending };
}

describe('group commit', () => {
  it('writes an idle caller at once, and what arrives during a write in the next one, up to the maximum', async () => {
    const { commit, flushes, pending } = recorder(3);
    const first = commit.submit(1);
    expect(flushes).toEqual([[1]]); // no timer: at once
    const rest = [2, 3, 4, 5].map((i) => commit.submit(i));
    expect(flushes).toHaveLength(1); // one write at a time
    pending.shift()!.resolve();
    expect(await first).toBe('done 1');
    await settle();
    expect(flushes).toEqual([[1], [2, 3, 4]]);
    pending.shift()!.resolve();
    await settle();
    expect(flushes).toEqual([[1], [2, 3, 4], [5]]);
    pending.shift()!.resolve();
    expect(await Promise.all(rest)).toEqual(['done 2', 'done 3', 'done 4', 'done 5']);
    // Idle again: the next caller is written at once.
    const later = commit.submit(6);
    expect(flushes).toHaveLength(4);
    pending.shift()!.resolve();
    expect(await later).toBe('done 6');
  });

  it('fails only the callers of a failed write; the next write goes on', async () => {
    const { commit, flushes, pending } = recorder(10);
    const a = commit.submit(1);
    const b = commit.submit(2);
    const c = commit.submit(3);
    const failure = new Error('storage down');
    pending.shift()!.reject(failure);
    await expect(a).rejects.toBe(failure);
    await settle();
    expect(flushes).toEqual([[1], [2, 3]]);
    pending.shift()!.resolve();
    expect(await Promise.all([b, c])).toEqual(['done 2', 'done 3']);
    const d = commit.submit(4);
    let done = false;
    void d.then(() => (done = true));
    pending.shift()!.resolve();
    await settle();
    expect(done).toBe(true);
  });
});

describe('pool', () => {
  it('runs every item once with at most `limit` at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await pool([1, 2, 3, 4, 5, 6, 7], 3, async (i) => {
      running++;
      most = Math.max(most, running);
      await settle();
      seen.push(i);
      running--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('uses one worker for a limit below one, and no more workers than items', async () => {
    const order: string[] = [];
    await pool(['a', 'b'], 0, async (i) => {
      order.push(`start ${i}`);
      await settle();
      order.push(`end ${i}`);
    });
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
    let calls = 0;
    await pool([1], 5, async () => void calls++);
    expect(calls).toBe(1);
    await pool([], 5, async () => void calls++);
    expect(calls).toBe(1);
  });
});
