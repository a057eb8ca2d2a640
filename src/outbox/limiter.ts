/**
 * Client-side rate limits for proactive sends, so Teams rarely has to say 429.
 *
 * Sliding windows with reservations: a caller reserves the earliest moment at which one
 * more send keeps every window within its limit, then sleeps until then. Windows are
 * checked the way Teams (and the connector double) counts them: at every send, the sends
 * in the preceding window. `slackMs` widens each window a little, so a request that
 * leaves late or arrives early still fits. The app's sends are also spaced at least
 * 1000/R ms apart: a burst of R requests would reach the connector spread out by its own
 * processing, and the last of one burst could meet the first of the next in one window.
 * Reservations may be made out of order (a
 * conversation at its limit does not hold up the others), so a new slot is checked
 * against the windows that end at it and those of later reservations that contain it.
 *
 * Slots are whole milliseconds. Time is injected (`now`, `sleep`), so tests use fake time.
 */

export interface WindowRule {
  limit: number;
  windowMs: number;
}

/** Teams: 7 per second and 60 per 30 seconds per conversation. */
export const TEAMS_PER_CONVERSATION: readonly WindowRule[] = Object.freeze([
  { limit: 7, windowMs: 1_000 },
  { limit: 60, windowMs: 30_000 },
]);

export interface LimiterOptions {
  perConversation?: readonly WindowRule[];
  /** Sends per second for the whole app (per instance). Teams allows 50 per app per tenant. */
  appPerSecond: number;
  slackMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class SendLimiter {
  private readonly rules: readonly WindowRule[];
  private readonly appRule: WindowRule;
  /** Sends of the app are also spaced evenly, so a second's worth never leaves in one burst. */
  private readonly appGap: WindowRule;
  private readonly slack: number;
  private readonly longest: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly conversations = new Map<string, number[]>();
  private readonly convPaused = new Map<string, number>();
  private app: number[] = [];
  private appPausedUntil = 0;
  private reservations = 0;

  constructor(options: LimiterOptions) {
    this.rules = options.perConversation ?? TEAMS_PER_CONVERSATION;
    this.appRule = { limit: Math.max(1, Math.floor(options.appPerSecond)), windowMs: 1_000 };
    this.appGap = { limit: 1, windowMs: Math.floor(1_000 / this.appRule.limit) };
    this.slack = options.slackMs ?? 40;
    this.longest = Math.max(1_000, ...this.rules.map((r) => r.windowMs)) + this.slack;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? realSleep;
  }

  /** Waits for a slot for one send to the conversation. */
  async acquire(conversationId: string): Promise<void> {
    const at = this.reserve(conversationId);
    const wait = at - this.now();
    if (wait > 0) await this.sleep(wait);
  }

  /** When the next send to this conversation could go, without reserving it. */
  peek(conversationId: string): number {
    return this.slotFor(conversationId, this.now());
  }

  /** Books the earliest slot for one send and returns it (in `now()` time). */
  reserve(conversationId: string): number {
    const now = this.now();
    const at = this.slotFor(conversationId, now);
    const list = this.conversations.get(conversationId) ?? [];
    insertSorted(list, at);
    this.conversations.set(conversationId, list);
    insertSorted(this.app, at);
    if (++this.reservations % 500 === 0) this.prune(now);
    return at;
  }

  /** After a 429: nothing goes to the conversation, nor (when `app`) anywhere, for `ms`. */
  pause(conversationId: string, ms: number, app = true): void {
    const until = Math.ceil(this.now() + ms);
    this.convPaused.set(conversationId, Math.max(this.convPaused.get(conversationId) ?? 0, until));
    if (app) this.appPausedUntil = Math.max(this.appPausedUntil, until);
  }

  /** Number of conversations tracked (memory check in tests and the benchmark). */
  get tracked(): number {
    return this.conversations.size;
  }

  private slotFor(conversationId: string, now: number): number {
    const list = this.conversations.get(conversationId) ?? [];
    // Whole milliseconds: e + w - w === e holds exactly, so a window boundary is never off by a rounding error.
    let t = Math.ceil(Math.max(now, this.appPausedUntil, this.convPaused.get(conversationId) ?? 0));
    for (let guard = 0; guard < 10_000; guard++) {
      let next = t;
      for (const rule of this.rules) next = earliest(list, rule, next, this.slack);
      next = earliest(this.app, this.appRule, next, this.slack);
      next = earliest(this.app, this.appGap, next);
      if (next === t) return t;
      t = next;
    }
    return t;
  }

  private prune(now: number): void {
    const horizon = now - this.longest;
    for (const [id, list] of this.conversations) {
      while (list.length && list[0]! < horizon) list.shift();
      if (!list.length) this.conversations.delete(id);
    }
    for (const [id, until] of this.convPaused) if (until < now) this.convPaused.delete(id);
    const appHorizon = now - 1_000 - this.slack;
    let drop = 0;
    while (drop < this.app.length && this.app[drop]! < appHorizon) drop++;
    if (drop) this.app = this.app.slice(drop);
  }
}

/**
 * Earliest t >= from at which one more entry keeps `sorted` within the rule: the window
 * ending at t, and the window ending at every later entry that would contain t.
 */
export function earliest(sorted: readonly number[], rule: WindowRule, from: number, slack = 0): number {
  const w = rule.windowMs + slack;
  let t = from;
  for (let guard = 0; guard < 10_000; guard++) {
    // Entries in (t - w, t]: with t added they must be fewer than the limit.
    const lo = upperBound(sorted, t - w);
    const hi = upperBound(sorted, t);
    if (hi - lo >= rule.limit) {
      t = sorted[hi - rule.limit]! + w;
      continue;
    }
    // Each later entry a in (t, t + w) sees t in its window (a - w, a].
    let moved = false;
    for (let i = hi; i < sorted.length && sorted[i]! < t + w; i++) {
      const a = sorted[i]!;
      if (upperBound(sorted, a) - upperBound(sorted, a - w) >= rule.limit) {
        t = a + 1; // just after a: a's window no longer contains t (t's own window is checked next)
        moved = true;
        break;
      }
    }
    if (!moved) return t;
  }
  return t;
}

/** Index of the first element > value. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: number[], value: number): void {
  const at = upperBound(list, value);
  list.splice(at, 0, value);
}

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

/**
 * Exponential backoff with jitter for retry `attempt` (1 = first retry): half of the
 * exponential step is fixed, half random, so retries spread out but still grow. A
 * Retry-After from the server wins when it is longer; a little jitter is added to it
 * so that throttled senders do not come back in the same millisecond.
 */
export function backoffDelay(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const cap = options.capMs ?? 30_000;
  const random = options.random ?? Math.random;
  const step = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  const backoff = step / 2 + (random() * step) / 2;
  if (retryAfterMs === undefined) return Math.round(backoff);
  return Math.round(Math.max(retryAfterMs + random() * Math.min(250, retryAfterMs * 0.1), Math.min(backoff, retryAfterMs * 2)));
}
