import { afterEach, describe, expect, it, vi } from 'vitest';
import { SendLimiter, type RateSource } from '../../src/outbox/limiter.js';
import { FixedRate, realSleep } from '../../src/outbox/rates.js';

/**
 * The limiter when a send wakes up (src/outbox/limiter.ts), with the slack Teams' windows
 * get in production: which window a send that wakes early must still respect, how often
 * it plans again when the tenant's share keeps shrinking, a shutdown while it sleeps, and
 * what pruning must keep of the windows widened by the slack.
 */

function fakeTime(early: (sleepNo: number) => number = () => 0) {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    set: (t: number) => (now = t),
    sleeps,
    /** Sleeps `ms`, or that much less (a timer that fires early) for the sleeps `early` names. */
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms - early(sleeps.length);
    },
  };
}

/** 498 reservations in another tenant: with the two before them, the next reservation is the 500th, which prunes. */
function fillTo499(limiter: SendLimiter, before: number) {
  for (let i = 0; i < 499 - before; i++) limiter.reserve(`bulk:${i}`, 'bulk');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SendLimiter, waking up', () => {
  it("a send that wakes 50 ms early into the conversation's slack-widened second waits again, though its 30 s window has room", async () => {
    const time = fakeTime((n) => (n === 1 ? 50 : 0));
    const limiter = new SendLimiter({
      appPerSecond: 1_000,
      perConversation: [
        { limit: 1, windowMs: 1_000 },
        { limit: 100, windowMs: 30_000 },
      ],
      slackMs: 40,
      now: time.now,
      sleep: time.sleep,
    });
    await limiter.acquire('a:1'); // leaves at 0
    await limiter.acquire('a:1'); // planned at 1,040; wakes at 990, still within 1,040 ms of the first
    expect(time.sleeps).toEqual([1_040, 50]);
    expect(time.now()).toBe(1_040);
  });

  it("a send that wakes 50 ms early into the tenant's slack-widened second waits again", async () => {
    const time = fakeTime((n) => (n === 1 ? 50 : 0));
    const limiter = new SendLimiter({ appPerSecond: 1, slackMs: 40, now: time.now, sleep: time.sleep });
    await limiter.acquire('a:1');
    await limiter.acquire('a:2');
    expect(time.sleeps).toEqual([1_040, 50]);
    expect(time.now()).toBe(1_040);
  });

  it('a send that wakes on time with room in the tenant’s second leaves at once, telling the rate source once', async () => {
    const time = fakeTime();
    const demands: boolean[] = [];
    const rates: RateSource = { rate: () => ({ perSecond: 2, pauseMs: 0 }), demand: (_t, held) => void demands.push(held), changed: () => Promise.resolve(), throttled: () => undefined };
    const limiter = new SendLimiter({ rates, slackMs: 40, now: time.now, sleep: time.sleep });
    await limiter.acquire('a:1', 't'); // 0
    await limiter.acquire('a:2', 't'); // 500: one send in its second, two allowed
    expect(time.now()).toBe(500);
    expect(time.sleeps).toEqual([500]);
    expect(demands).toEqual([false, true]);
  });

  it('plans again at most 20 times while the share keeps shrinking, then sends', async () => {
    const time = fakeTime();
    let perSecond = 1_000;
    let asked = 0;
    const rates: RateSource = {
      rate: () => {
        asked++;
        return { perSecond: Math.max(900, perSecond--), pauseMs: 0 };
      },
      demand: () => undefined,
      changed: () => Promise.resolve(),
      throttled: () => undefined,
    };
    const limiter = new SendLimiter({ rates, slackMs: 0, now: time.now, sleep: time.sleep });
    await limiter.acquire('a:1', 't');
    expect(asked).toBe(2 * 21); // the first plan and 20 more, each asked before and after its sleep
  });

  it('a shutdown while the send sleeps rejects with the reason and gives the slot back', async () => {
    const time = fakeTime();
    const stop = new AbortController();
    const limiter = new SendLimiter({
      appPerSecond: 1,
      slackMs: 0,
      now: time.now,
      sleep: (ms) => {
        time.sleeps.push(ms);
        stop.abort(new Error('shutting down'));
        return new Promise(() => undefined);
      },
    });
    limiter.pause('a:1', 500, false); // a 429 paused the conversation: its send sleeps until 500
    await expect(limiter.acquire('a:1', '', { signal: stop.signal })).rejects.toThrow('shutting down');
    expect(time.sleeps).toEqual([500]);
    // Nothing is booked at 500 (which would keep another conversation's send at one per second until 1,500).
    expect(limiter.peek('a:2')).toBe(0);
  });
});

describe('SendLimiter, pruning with slack', () => {
  it("keeps a conversation's send that still counts in its slack-widened 30 s window", () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 1_000, perConversation: [{ limit: 1, windowMs: 30_000 }], slackMs: 40, now: time.now });
    expect(limiter.reserve('a:full')).toBe(0);
    time.set(29_990);
    fillTo499(limiter, 1);
    limiter.reserve('bulk:last', 'bulk'); // the 500th: prunes at 29,990
    expect(limiter.peek('a:full', 'other')).toBe(30_040);
  });

  it("keeps the tenant's sends that still count in its slack-widened second, and drops only the old ones", () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 2, slackMs: 40, now: time.now });
    expect(limiter.reserve('a:0', 't')).toBe(0);
    time.set(5_000);
    expect(limiter.reserve('a:1', 't')).toBe(5_000);
    expect(limiter.reserve('a:2', 't')).toBe(5_500);
    time.set(6_000);
    fillTo499(limiter, 3);
    limiter.reserve('bulk:last', 'bulk'); // the 500th: prunes at 6,000
    // 5,000 and 5,500 are both within 1,040 ms of 6,000: the next send waits for 5,000 to leave the window.
    expect(limiter.reserve('a:3', 't')).toBe(6_040);
  });
});

describe('FixedRate', () => {
  it('has nothing to wait for: changed() is a poll, once a second', async () => {
    vi.useFakeTimers();
    let done = false;
    const changed = new FixedRate(5).changed().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await changed;
    expect(done).toBe(true);
  });

  it('realSleep resolves after the time, not before', async () => {
    vi.useFakeTimers();
    let done = false;
    const slept = realSleep(200).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(199);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);
  });
});
