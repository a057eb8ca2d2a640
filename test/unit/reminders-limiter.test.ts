import { describe, expect, it } from 'vitest';
import { backoffDelay, earliest, SendLimiter, TEAMS_PER_CONVERSATION, type WindowRule } from '../../src/outbox/limiter.js';

/** Fake time: the limiter reads `now` and sleeps by advancing it. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    set: (t: number) => (now = t),
    sleeps,
  };
}

/** Every window that ends at a send holds at most `limit` sends. */
function violations(times: number[], rule: WindowRule): number {
  const sorted = [...times].sort((a, b) => a - b);
  let bad = 0;
  for (const a of sorted) if (sorted.filter((t) => t > a - rule.windowMs && t <= a).length > rule.limit) bad++;
  return bad;
}

describe('SendLimiter', () => {
  it('lets 7 through per second to one conversation, then 60 per 30 s', () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 1_000, slackMs: 0, now: time.now });
    const slots = Array.from({ length: 70 }, () => limiter.reserve('a:one'));
    expect(slots.slice(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]); // the app spaces sends 1000/R ms apart
    expect(slots[7]).toBe(1_000);
    expect(slots[59]).toBe(8_003); // 60 sends in 9 seconds of 7
    expect(slots[60]).toBe(30_000); // the 61st waits for the 30-second window
    for (const rule of TEAMS_PER_CONVERSATION) expect(violations(slots, rule)).toBe(0);
  });

  it('keeps the app under R per second and does not hold others up behind a busy conversation', () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 40, slackMs: 40, now: time.now });
    const busy = Array.from({ length: 10 }, () => limiter.reserve('a:busy'));
    const others = Array.from({ length: 100 }, (_, i) => limiter.reserve(`a:u${i}`));
    expect(busy.slice(6, 8)).toEqual([150, 1_040]); // 7 per second (+ slack) for the busy one
    // Its later slot does not hold the next users up: they take the free slots of the first second.
    expect(others[0]).toBe(175);
    const all = [...busy, ...others].sort((a, b) => a - b);
    expect(violations(all, { limit: 40, windowMs: 1_040 })).toBe(0);
    expect(all.every((t, i) => i === 0 || t - all[i - 1]! >= 25)).toBe(true);
    expect(Math.max(...others)).toBeLessThan(3 * 1_040);
  });

  it('holds random interleavings within every rule', () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 20, slackMs: 0, now: time.now });
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const byConv = new Map<string, number[]>();
    const all: number[] = [];
    for (let i = 0; i < 400; i++) {
      time.set(time.now() + random() * 30);
      const conv = `c${Math.floor(random() * 4)}`;
      const t = limiter.reserve(conv);
      expect(t).toBeGreaterThanOrEqual(time.now());
      byConv.set(conv, [...(byConv.get(conv) ?? []), t]);
      all.push(t);
    }
    expect(violations(all, { limit: 20, windowMs: 1_000 })).toBe(0);
    for (const times of byConv.values()) for (const rule of TEAMS_PER_CONVERSATION) expect(violations(times, rule)).toBe(0);
  });

  it('waits out a pause after a 429, and acquire sleeps until the slot', async () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 1_000, slackMs: 0, now: time.now, sleep: time.sleep });
    limiter.pause('a:x', 2_000);
    await limiter.acquire('a:y'); // app-wide pause
    expect(time.now()).toBe(2_000);
    limiter.pause('a:x', 1_000, false);
    await limiter.acquire('a:y');
    expect(time.now()).toBe(2_001); // only a:x is paused; the app spaces sends 1 ms apart
    await limiter.acquire('a:x');
    expect(time.now()).toBe(3_000);
    expect(time.sleeps).toEqual([2_000, 1, 999]);
  });

  it('counts a send that woke late at the moment it really left', async () => {
    const time = fakeTime();
    let late = 0;
    const limiter = new SendLimiter({ appPerSecond: 10, slackMs: 0, now: time.now, sleep: async (ms) => void time.set(time.now() + ms + late) });
    await limiter.acquire('a:1'); // leaves at 0
    late = 50;
    await limiter.acquire('a:2'); // planned for 100, leaves at 150
    expect(time.now()).toBe(150);
    late = 0;
    await limiter.acquire('a:3');
    expect(time.now()).toBe(250); // 100 ms after the late one, not at its planned 200
  });

  it('plans again when the rate drops while a send waits', async () => {
    const time = fakeTime();
    let perSecond = 10;
    const rates = { rate: () => ({ perSecond, pauseMs: 0 }), demand: () => undefined, changed: () => Promise.resolve(), throttled: () => undefined };
    const limiter = new SendLimiter({ rates, slackMs: 0, now: time.now, sleep: async (ms) => {
      time.set(time.now() + ms);
      perSecond = 2; // the share shrank while it slept
    } });
    limiter.reserve('a:0');
    await limiter.acquire('a:1'); // planned at 100 with 10/s; at 2/s it must wait for 500
    expect(time.now()).toBe(500);
  });

  it('forgets idle conversations', () => {
    const time = fakeTime();
    const limiter = new SendLimiter({ appPerSecond: 1_000, now: time.now });
    for (let i = 0; i < 499; i++) limiter.reserve(`c${i}`);
    time.set(60_000);
    limiter.reserve('late');
    expect(limiter.tracked).toBe(1);
  });
});

describe('earliest', () => {
  it('finds a gap between later reservations only when every window allows it', () => {
    const rule = { limit: 2, windowMs: 1_000 };
    expect(earliest([0, 1_500], rule, 0)).toBe(0);
    expect(earliest([0, 0], rule, 0)).toBe(1_000);
    // 500 fits its own window (-500, 500], but 900's window (-100, 900] would then hold three.
    expect(earliest([0, 900], rule, 500)).toBe(1_000);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter and a cap', () => {
    const low = (n: number) => backoffDelay(n, undefined, { baseMs: 500, capMs: 8_000, random: () => 0 });
    const high = (n: number) => backoffDelay(n, undefined, { baseMs: 500, capMs: 8_000, random: () => 1 });
    expect([1, 2, 3, 4, 5, 6].map(low)).toEqual([250, 500, 1_000, 2_000, 4_000, 4_000]);
    expect([1, 2, 3, 4, 5, 6].map(high)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('honours Retry-After and spreads the returns a little', () => {
    expect(backoffDelay(1, 3_000, { random: () => 0 })).toBe(3_000);
    expect(backoffDelay(1, 3_000, { random: () => 1 })).toBe(3_250);
    expect(backoffDelay(1, 0, { random: () => 0 })).toBe(0);
  });
});
