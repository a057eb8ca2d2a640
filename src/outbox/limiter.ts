/**
 * Client-side rate limits for proactive sends, so Teams rarely has to say 429.
 *
 * Sliding windows with reservations: a caller reserves the earliest moment at which one
 * more send keeps every window within its limit, then sleeps until then. Windows are
 * checked the way Teams (and the connector double) counts them: at every send, the sends
 * in the preceding window. `slackMs` widens each window a little, so a request that
 * leaves late or arrives early still fits. A send that wakes up late is booked again at
 * the moment it really leaves, and checked against the sends that really left. The app's sends are also spaced at least
 * 1000/R ms apart: a burst of R requests would reach the connector spread out by its own
 * processing, and the last of one burst could meet the first of the next in one window.
 * Reservations may be made out of order (a
 * conversation at its limit does not hold up the others), so a new slot is checked
 * against the windows that end at it and those of later reservations that contain it.
 *
 * The app-wide rule is per tenant (Teams counts 50 per second per app per tenant) and
 * its rate comes from a RateSource: with several instances, each one's share of the
 * tenant's budget (budget.ts). The per-conversation rules are this instance's own.
 *
 * Slots are whole milliseconds. Time is injected (`now`, `sleep`), so tests use fake time.
 */

import { abortable, FixedRate, realSleep, type RateSource } from './rates.js';
import { earliest, insertSorted, removeOne, upperBound, type WindowRule } from './windows.js';

export { abortable, FixedRate, realSleep, type RateSource } from './rates.js';
export { earliest, type WindowRule } from './windows.js';

/** The send times of a conversation or tenant not seen yet (read only). */
const NONE: readonly number[] = Object.freeze([]);

/** Adds one send time to the key's sorted list. */
function add(lists: Map<string, number[]>, key: string, at: number): void {
  const list = lists.get(key);
  if (list) insertSorted(list, at);
  else lists.set(key, [at]);
}

/** Teams: 7 per second and 60 per 30 seconds per conversation. */
export const TEAMS_PER_CONVERSATION: readonly WindowRule[] = Object.freeze([
  { limit: 7, windowMs: 1_000 },
  { limit: 60, windowMs: 30_000 },
]);

export interface LimiterOptions {
  perConversation?: readonly WindowRule[];
  /** A fixed rate per tenant for this instance (when no `rates` are given). Teams allows 50 per app per tenant. */
  appPerSecond?: number;
  /** The tenant's rate for this instance (the shared budget). */
  rates?: RateSource;
  slackMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** No slot before the caller's deadline: hand the job back rather than hold its claim. */
export class SlotTooLate extends Error {
  constructor() {
    super('no send slot before the deadline');
    this.name = 'SlotTooLate';
  }
}

/** How a 429 was taken: as the conversation's limit, or as the tenant's. */
export type ThrottleScope = 'conversation' | 'tenant';

export class SendLimiter {
  readonly rates: RateSource;
  private readonly rules: readonly WindowRule[];
  private readonly slack: number;
  private readonly longest: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly conversations = new Map<string, number[]>();
  private readonly convPaused = new Map<string, number>();
  /** Sends of the app per tenant (the tenant's rate applies to them together). */
  private readonly apps = new Map<string, number[]>();
  private appPausedUntil = 0;
  private reservations = 0;

  constructor(options: LimiterOptions) {
    this.rules = options.perConversation ?? TEAMS_PER_CONVERSATION;
    this.slack = options.slackMs ?? 40;
    this.longest = Math.max(1_000, ...this.rules.map((r) => r.windowMs)) + this.slack;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? realSleep;
    this.rates = options.rates ?? new FixedRate(options.appPerSecond ?? 50, this.now);
  }

  /**
   * Waits for a slot for one send to the conversation. The slot is planned with the
   * tenant's rate of the moment; when that rate drops or a pause begins while the send
   * waits, it is planned again, so a smaller share takes effect at once. Rejects with the
   * signal's reason when aborted (shutting down), and with SlotTooLate when no slot comes
   * before `deadline` (in `now()` time), leaving no reservation behind.
   */
  async acquire(conversationId: string, tenant = '', options: { signal?: AbortSignal; deadline?: number } = {}): Promise<void> {
    const { signal, deadline = Infinity } = options;
    for (let round = 0; ; round++) {
      signal?.throwIfAborted();
      const { perSecond, pauseMs } = this.rates.rate(tenant);
      if (perSecond < 1) {
        this.rates.demand(tenant, true);
        if (this.now() >= deadline) throw new SlotTooLate();
        await abortable(Promise.race([this.rates.changed(tenant), realSleep(500)]), signal);
        continue;
      }
      const { at, heldBack } = this.book(conversationId, tenant, perSecond, pauseMs);
      this.rates.demand(tenant, heldBack);
      if (at > deadline) {
        this.unbook(conversationId, tenant, at);
        throw new SlotTooLate();
      }
      const wait = at - this.now();
      try {
        if (wait > 0) await abortable(this.sleep(wait), signal);
      } catch (e) {
        this.unbook(conversationId, tenant, at);
        throw e;
      }
      // The windows count when sends really leave. A busy process wakes late, and a late
      // send could meet the next ones in Teams' window: so the booking moves to the moment
      // of leaving, and it leaves only if every window still holds it then.
      const after = this.rates.rate(tenant);
      const now = this.now();
      this.unbook(conversationId, tenant, at);
      const replan = after.perSecond < perSecond || after.pauseMs > 0 || !this.fitsNow(conversationId, tenant, perSecond, now);
      if (round < 20 && replan) continue;
      this.record(conversationId, tenant, Math.max(at, Math.ceil(now)));
      return;
    }
  }

  /** When the next send to this conversation could go, without reserving it. */
  peek(conversationId: string, tenant = ''): number {
    const { perSecond, pauseMs } = this.rates.rate(tenant);
    return this.slotFor(conversationId, tenant, this.now(), Math.max(1, perSecond), pauseMs, true);
  }

  /** Books the earliest slot for one send at the tenant's current rate and returns it (in `now()` time). */
  reserve(conversationId: string, tenant = ''): number {
    const { perSecond, pauseMs } = this.rates.rate(tenant);
    return this.book(conversationId, tenant, Math.max(1, perSecond), pauseMs).at;
  }

  /** After a 429: nothing goes to the conversation, nor (when `app`) anywhere from this instance, for `ms`. */
  pause(conversationId: string, ms: number, app = true): void {
    const until = Math.ceil(this.now() + ms);
    this.convPaused.set(conversationId, Math.max(this.convPaused.get(conversationId) ?? 0, until));
    if (app) this.appPausedUntil = Math.max(this.appPausedUntil, until);
  }

  /**
   * A 429 with Retry-After `ms`: the conversation pauses (every job to it waits). Teams
   * does not say which limit was hit; when this instance sent to the conversation only
   * once in the last second, the conversation's own limits cannot have been it, so the
   * tenant's rate was: the rate source pauses the tenant and lowers its limit.
   */
  throttled(conversationId: string, tenant: string, ms: number): ThrottleScope {
    this.pause(conversationId, ms, false);
    const now = this.now();
    const list = this.conversations.get(conversationId) ?? NONE;
    if (upperBound(list, now) - upperBound(list, now - 1_000) >= 2) return 'conversation';
    this.rates.throttled(tenant, ms);
    return 'tenant';
  }

  /** Number of conversations tracked (memory check in tests and the benchmark). */
  get tracked(): number {
    return this.conversations.size;
  }

  private book(conversationId: string, tenant: string, perSecond: number, pauseMs: number): { at: number; heldBack: boolean } {
    const now = this.now();
    const at = this.slotFor(conversationId, tenant, now, perSecond, pauseMs, true);
    const heldBack = at > this.slotFor(conversationId, tenant, now, perSecond, pauseMs, false);
    this.record(conversationId, tenant, at);
    // Stryker disable next-line ConditionalExpression,UpdateOperator: equivalent, prune only frees memory, entries older than every window are never counted (pruning more often changes no slot); counting down, -500 % 500 is -0, which === 0
    if (++this.reservations % 500 === 0) this.prune(now);
    return { at, heldBack };
  }

  private record(conversationId: string, tenant: string, at: number): void {
    add(this.conversations, conversationId, at);
    add(this.apps, tenant, at);
  }

  /** Whether one more send leaving at `now` keeps every window of the sends that already left (or are due to). */
  private fitsNow(conversationId: string, tenant: string, perSecond: number, now: number): boolean {
    const t = Math.ceil(now);
    const inWindow = (list: readonly number[] | undefined, windowMs: number) => (list ? upperBound(list, t) - upperBound(list, t - windowMs) : 0);
    const conv = this.conversations.get(conversationId);
    if (this.rules.some((rule) => inWindow(conv, rule.windowMs + this.slack) >= rule.limit)) return false;
    // Only the windows: the even spacing is for planning; sends that woke late catch up.
    return inWindow(this.apps.get(tenant), 1_000 + this.slack) < Math.max(1, Math.floor(perSecond));
  }

  private unbook(conversationId: string, tenant: string, at: number): void {
    removeOne(this.conversations.get(conversationId), at);
    removeOne(this.apps.get(tenant), at);
  }

  private slotFor(conversationId: string, tenant: string, now: number, perSecond: number, pauseMs: number, withApp: boolean): number {
    const list = this.conversations.get(conversationId) ?? NONE;
    const app = this.apps.get(tenant) ?? NONE;
    const appRule = { limit: Math.max(1, Math.floor(perSecond)), windowMs: 1_000 };
    // Sends of the app are also spaced evenly, so a second's worth never leaves in one burst.
    const appGap = { limit: 1, windowMs: Math.floor(1_000 / appRule.limit) };
    // Whole milliseconds: e + w - w === e holds exactly, so a window boundary is never off by a rounding error.
    let t = Math.ceil(Math.max(now, now + pauseMs, this.appPausedUntil, this.convPaused.get(conversationId) ?? 0));
    // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent, t only grows and every pass that moves it moves past a booked send, so for the lists the limiter keeps the search ends long before the cap (a guard against a bug)
    for (let guard = 0; guard < 10_000; guard++) {
      let next = t;
      for (const rule of this.rules) next = earliest(list, rule, next, this.slack);
      if (withApp) {
        next = earliest(app, appRule, next, this.slack);
        next = earliest(app, appGap, next);
      }
      if (next === t) return t;
      t = next;
    }
    return t;
  }

  private prune(now: number): void {
    const horizon = now - this.longest;
    for (const [id, list] of this.conversations) {
      // Stryker disable next-line EqualityOperator: equivalent, a send at exactly the horizon is outside every window that ends now or later
      while (list.length && list[0]! < horizon) list.shift();
      if (!list.length) this.conversations.delete(id);
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, prune only frees memory, entries older than every window are never counted: a pause that ended (or ends now) delays nothing
    for (const [id, until] of this.convPaused) if (until < now) this.convPaused.delete(id);
    const appHorizon = now - 1_000 - this.slack;
    // Stryker disable next-line BlockStatement: equivalent, prune only frees memory, entries older than every window are never counted
    for (const [tenant, list] of this.apps) {
      let drop = 0;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, prune only frees memory, entries older than every window are never counted (dropping fewer keeps old ones)
      while (drop < list.length && list[drop]! < appHorizon) drop++;
      // Stryker disable next-line ConditionalExpression: equivalent, an empty list and no list count the same
      if (drop === list.length) this.apps.delete(tenant);
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,MethodExpression: equivalent, prune only frees memory, entries older than every window are never counted, and an empty list counts as none
      if (drop && drop < list.length) this.apps.set(tenant, list.slice(drop));
    }
  }
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
