import { describe, expect, it } from 'vitest';
import { backoffDelay, SendLimiter, SlotTooLate, type RateSource } from '../../src/outbox/limiter.js';
import { FixedRate } from '../../src/outbox/rates.js';

/**
 * The limiter at its edges (src/outbox/limiter.ts), beyond reminders-limiter.test.ts: no
 * share yet, the deadline, what the rate source is told, a send that wakes early or into
 * a pause, peek, which limit a 429 is taken for, and what pruning must keep.
 */

function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    set: (t: number) => (now = t),
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** A rate source the test steers; it records what the limiter tells it. */
function steeredRates(time: ReturnType<typeof fakeTime>, init: { perSecond: number; pausedUntil?: number }) {
  const state = { perSecond: init.perSecond, pausedUntil: init.pausedUntil ?? 0 };
  const demands: [string, boolean][] = [];
  const throttles: [string, number][] = [];
  let changes = 0;
  const rates: RateSource = {
    rate: () => ({ perSecond: state.perSecond, pauseMs: Math.max(0, state.pausedUntil - time.now()) }),
    demand: (tenant, heldBack) => void demands.push([tenant, heldBack]),
    changed: async () => {
      changes++;
      time.set(time.now() + 600);
      state.perSecond = Math.max(state.perSecond, 0);
    },
    throttled: (tenant, ms) => void throttles.push([tenant, ms]),
  };
  return { rates, state, demands, throttles, changes: () => changes };
}

describe('SendLimiter at its edges', () => {
  it('without a share (0 per second) waits for the rate to change, and says the tenant held it back', async () => {
    const time = fakeTime();
    const r = steeredRates(time, { perSecond: 0 });
    const limiter = new SendLimiter({ rates: r.rates, slackMs: 0, now: time.now, sleep: time.sleep });
    r.rates.changed = async () => {
      time.set(time.now() + 600);
      r.state.perSecond = 5; // a share arrives
    };
    await limiter.acquire('a:1', 't');
    expect(time.now()).toBe(600);
    expect(r.demands).toEqual([
      ['t', true],
      ['t', false],
    ]);
  });

  it('without a share, gives up at the deadline (not a wait later), and keeps waiting before it', async () => {
    const time = fakeTime();
    time.set(1_000);
    const r = steeredRates(time, { perSecond: 0 });
    const limiter = new SendLimiter({ rates: r.rates, slackMs: 0, now: time.now, sleep: time.sleep });
    await expect(limiter.acquire('a:1', 't', { deadline: 1_000 })).rejects.toBeInstanceOf(SlotTooLate);
    expect(r.changes()).toBe(0);
    await expect(limiter.acquire('a:1', 't', { deadline: 1_001 })).rejects.toBeInstanceOf(SlotTooLate);
    expect(r.changes()).toBe(1); // waited once (to 1,600), then it was too late
  });

  it('takes a slot exactly at the deadline, refuses one after it and leaves no reservation behind', async () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 1_000, slackMs: 0, now: time.now, sleep: time.sleep });
    limiter.pause('a:1', 500, false);
    await expect(limiter.acquire('a:1', '', { deadline: 499 })).rejects.toThrow(new SlotTooLate().message);
    expect(limiter.peek('a:1')).toBe(500); // the refused slot was not kept
    await limiter.acquire('a:1', '', { deadline: 500 });
    expect(time.now()).toBe(500);
  });

  it('tells the rate source when the tenant, not the conversation, decided the wait', async () => {
    const time = fakeTime();
    const r = steeredRates(time, { perSecond: 1 });
    const limiter = new SendLimiter({ rates: r.rates, slackMs: 0, now: time.now, sleep: time.sleep });
    await limiter.acquire('a:1', 't');
    await limiter.acquire('a:2', 't'); // a fresh conversation, but the tenant allows 1 per second
    expect(time.now()).toBe(1_000);
    expect(r.demands).toEqual([
      ['t', false],
      ['t', true],
    ]);
  });

  it('a send that wakes before its slot, while the window is still full, waits again', async () => {
    const time = fakeTime();
    const limiter = new SendLimiter({
      appPerSecond: 1_000,
      perConversation: [{ limit: 1, windowMs: 1_000 }],
      slackMs: 0,
      now: time.now,
      sleep: async (ms) => {
        time.sleeps.push(ms);
        time.set(time.now() + (time.sleeps.length === 1 ? ms - 100 : ms)); // the first sleep ends 100 ms early
      },
    });
    await limiter.acquire('a:1'); // leaves at 0
    await limiter.acquire('a:1'); // planned at 1,000; wakes at 900 into a full window
    expect(time.sleeps).toEqual([1_000, 100]);
    expect(time.now()).toBe(1_000);
  });

  it('the same for the tenant: a send that wakes early into a full second of the app waits again', async () => {
    const time = fakeTime();
    const limiter = new SendLimiter({
      appPerSecond: 1,
      slackMs: 0,
      now: time.now,
      sleep: async (ms) => {
        time.sleeps.push(ms);
        time.set(time.now() + (time.sleeps.length === 1 ? ms - 100 : ms));
      },
    });
    await limiter.acquire('a:1');
    await limiter.acquire('a:2');
    expect(time.sleeps).toEqual([1_000, 100]);
    expect(time.now()).toBe(1_000);
  });

  it('a pause of the tenant that began while a send slept holds it back', async () => {
    const time = fakeTime();
    const r = steeredRates(time, { perSecond: 1_000 });
    const limiter = new SendLimiter({
      rates: r.rates,
      slackMs: 0,
      now: time.now,
      sleep: async (ms) => {
        time.sleeps.push(ms);
        time.set(time.now() + ms);
        if (time.sleeps.length === 1) r.state.pausedUntil = time.now() + 300; // a 429 elsewhere in the tenant
      },
    });
    limiter.pause('a:1', 100, false);
    await limiter.acquire('a:1', 't');
    expect(time.now()).toBe(400);
    expect(time.sleeps).toEqual([100, 300]);
  });

  it('peek shows the next slot with the app spacing, reserves nothing, and works without a share', () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 1, slackMs: 0, now: time.now });
    limiter.reserve('a:1');
    expect(limiter.peek('a:2')).toBe(1_000); // the same (default) tenant: the app's one per second
    expect(limiter.peek('a:2')).toBe(1_000);
    expect(limiter.peek('a:2', 'other')).toBe(0);
    expect(limiter.reserve('a:2')).toBe(1_000);
    const none = new SendLimiter({ rates: steeredRates(time, { perSecond: 0 }).rates, slackMs: 0, now: time.now });
    expect(none.peek('a:1')).toBe(0);
    none.reserve('a:1');
    expect(none.peek('a:2')).toBe(1_000); // planned as one per second, never as zero
  });

  it("takes a 429 for the conversation's limit only after two sends to it within the last second", () => {
    const time = fakeTime();
    const r = steeredRates(time, { perSecond: 1_000 });
    const limiter = new SendLimiter({ rates: r.rates, slackMs: 0, now: time.now });
    expect(limiter.throttled('a:1', 't', 500)).toBe('tenant');
    expect(r.throttles).toEqual([['t', 500]]);
    time.set(600); // the conversation's own pause is over
    limiter.reserve('a:2', 't');
    limiter.reserve('a:2', 't');
    time.set(610);
    expect(limiter.throttled('a:2', 't', 700)).toBe('conversation');
    expect(r.throttles).toHaveLength(1);
    expect(limiter.peek('a:2', 't')).toBe(1_310); // the conversation waits its Retry-After
    expect(limiter.peek('a:3', 't')).toBeLessThan(1_000); // others do not
    time.set(2_000); // both sends are older than a second: the next 429 is the tenant's again
    expect(limiter.throttled('a:2', 't', 100)).toBe('tenant');
    expect(r.throttles).toEqual([
      ['t', 500],
      ['t', 100],
    ]);
  });

  it('pruning keeps what still counts: a running pause, and the app sends that later slots depend on', () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 2, slackMs: 0, now: time.now });
    limiter.pause('a:paused', 100_000, false);
    for (let i = 0; i < 499; i++) limiter.reserve(`c${i}`);
    time.set(1_000);
    limiter.reserve('c499'); // the 500th reservation prunes
    expect(limiter.peek('a:paused', 'other')).toBe(100_000);
    // 500 sends at 2 per second: the next one is after all of them.
    expect(limiter.reserve('c500')).toBe(250_000);
    expect(limiter.tracked).toBe(501);
  });

  it('pruning forgets a tenant whose sends are all old, and only those sends', () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 1_000, slackMs: 0, now: time.now });
    for (let i = 0; i < 10; i++) limiter.reserve(`old${i}`, 'quiet');
    time.set(10_000);
    for (let i = 0; i < 489; i++) limiter.reserve(`n${i}`, 'busy');
    limiter.reserve('n489', 'busy'); // the 500th: prunes at 10,000
    // 'busy' kept its 490 sends (10,000 .. 10,489): the next goes after them.
    expect(limiter.reserve('n490', 'busy')).toBe(10_490);
    expect(limiter.reserve('q', 'quiet')).toBe(10_000);
    expect(limiter.tracked).toBe(502); // conversations are kept for the 30 s window
  });

  it('SlotTooLate says what happened and is named so in the log', () => {
    const e = new SlotTooLate();
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('no send slot before the deadline');
    expect(e.name).toBe('SlotTooLate');
  });

  it('without a clock of its own the limiter and the fixed rate count on performance.now()', () => {
    const before = performance.now();
    const at = new SendLimiter({ slackMs: 0 }).reserve('a:x');
    expect(at).toBeGreaterThanOrEqual(Math.floor(before));
    expect(at).toBeLessThanOrEqual(performance.now() + 1);
    const rate = new FixedRate(5);
    rate.throttled('t', 60_000);
    const { pauseMs } = rate.rate('t');
    expect(pauseMs).toBeGreaterThan(50_000);
    expect(pauseMs).toBeLessThanOrEqual(60_000);
  });
});

describe('backoffDelay with Retry-After', () => {
  it('adds at most a tenth of Retry-After as jitter (and at most 250 ms)', () => {
    expect(backoffDelay(1, 1_000, { random: () => 1 })).toBe(1_100);
    expect(backoffDelay(1, 10_000, { random: () => 1 })).toBe(10_250);
  });

  it('lets a long backoff win over a short Retry-After, up to twice the Retry-After', () => {
    // Attempt 10: the step is the 30 s cap; Retry-After 1 s caps it at 2 s.
    expect(backoffDelay(10, 1_000, { random: () => 1 })).toBe(2_000);
  });
});
