import type { TableClient } from '@azure/data-tables';
import type { Logger } from '../core/log.js';
import { safeKey, statusOf } from '../storage/tables.js';
import { parseLeases, renew, type BudgetRow, type BudgetRules, type RenewInput } from './budget-rules.js';
import type { RateSource } from './limiter.js';

/**
 * One send budget per tenant, shared by every instance through Azure Tables (row
 * 'budget' / <tenant> of the Reminders table; the arithmetic is in budget-rules.ts).
 *
 * An instance leases a share when it has something to send to the tenant, renews it
 * every `renewMs` while it keeps sending, and gives it back after `idleMs` without a
 * send (or when it stops). Every change is a read and an ETag-conditional write of the
 * one row, so two instances never hand out the same capacity. A share is used only until
 * a little before its lease ends: an instance that cannot renew (storage gone, process
 * frozen) stops sending before anyone else may take its share over, and a dead
 * instance's share is free once its lease has run out. A 429 lowers the tenant's limit
 * and pauses every instance for Retry-After (the others hear of it at their next
 * renewal, within `renewMs`); quiet periods probe the limit back up to the ceiling.
 */

export const BUDGET_PARTITION = 'budget';

export interface SharedBudgetOptions extends Partial<Omit<BudgetRules, 'ceiling'>> {
  /** The tenant's limit with no 429s (APP_SEND_RATE_PER_SECOND; Teams publishes 50). */
  ceiling: number;
  renewMs?: number;
  idleMs?: number;
  /** Wall-clock epoch milliseconds, the same on every instance. */
  now?: () => number;
}

interface TenantState {
  tenant: string;
  share: number;
  /** Local end of the share (epoch ms): before the lease itself ends. */
  validUntil: number;
  pausedUntil: number;
  limit: number;
  lastDemand: number;
  heldBackAt: number;
  sends: number;
  periodStart: number;
  throttle?: number;
  held: boolean;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  /** Resolved (and replaced) whenever the share may have changed. */
  change: { promise: Promise<void>; resolve: () => void };
}

interface StoredRow {
  partitionKey: string;
  rowKey: string;
  limit: number;
  leases: string;
  pausedUntil: number;
  changedAt: number;
  throttledAt: number;
  badLimit?: number;
}

function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export class SharedBudget implements RateSource {
  private readonly rules: BudgetRules;
  private readonly renewMs: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private readonly tenants = new Map<string, TenantState>();
  private stopped = false;
  private lastWarning = 0;

  constructor(
    private readonly table: TableClient,
    private readonly instanceId: string,
    private readonly log: Logger,
    options: SharedBudgetOptions,
  ) {
    this.rules = {
      ceiling: Math.max(1, Math.floor(options.ceiling)),
      floor: options.floor ?? Math.min(5, Math.max(1, Math.floor(options.ceiling))),
      leaseMs: options.leaseMs ?? 5_000,
      probeMs: options.probeMs ?? 3_000,
      decrease: options.decrease ?? 0.95,
    };
    this.renewMs = options.renewMs ?? 1_000;
    this.idleMs = options.idleMs ?? 3_000;
    this.now = options.now ?? Date.now;
  }

  rate(tenant: string): { perSecond: number; pauseMs: number } {
    const s = this.state(tenant);
    const now = this.now();
    return { perSecond: now < s.validUntil ? s.share : 0, pauseMs: Math.max(0, s.pausedUntil - now) };
  }

  demand(tenant: string, heldBack: boolean): void {
    if (this.stopped) return;
    const s = this.state(tenant);
    const now = this.now();
    s.lastDemand = now;
    s.sends++;
    if (heldBack) s.heldBackAt = now;
    if (!s.timer && !s.running) this.schedule(s, 0);
  }

  changed(tenant: string): Promise<void> {
    return this.state(tenant).change.promise;
  }

  throttled(tenant: string, retryAfterMs: number): void {
    const s = this.state(tenant);
    s.pausedUntil = Math.max(s.pausedUntil, this.now() + retryAfterMs);
    s.throttle = Math.max(s.throttle ?? 0, retryAfterMs);
    if (!this.stopped && !s.running) this.schedule(s, 0); // tell the others now, not at the next renewal
  }

  /** Gives every share back (shutdown); nothing is leased afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.tenants.values()].map(async (s) => {
        clearTimeout(s.timer);
        s.timer = undefined;
        await s.running;
        if (s.held) await this.write(s, { now: this.now(), wants: 0, release: true });
        s.share = 0;
        s.validUntil = 0;
        this.notify(s);
      }),
    );
  }

  /** For /readyz and the benchmark: share and limit per tenant. */
  snapshot(): Record<string, { share: number; limit: number; paused: boolean }> {
    const now = this.now();
    return Object.fromEntries([...this.tenants.values()].map((s) => [s.tenant || '-', { share: now < s.validUntil ? s.share : 0, limit: s.limit, paused: s.pausedUntil > now }]));
  }

  private state(tenant: string): TenantState {
    let s = this.tenants.get(tenant);
    if (!s) {
      const now = this.now();
      s = { tenant, share: 0, validUntil: 0, pausedUntil: 0, limit: this.rules.ceiling, lastDemand: 0, heldBackAt: 0, sends: 0, periodStart: now, held: false, change: signal() };
      this.tenants.set(tenant, s);
    }
    return s;
  }

  private schedule(s: TenantState, delayMs: number): void {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      let failed = false;
      s.running = this.cycle(s)
        .catch((err: unknown) => {
          failed = true;
          this.warn(err, s.tenant);
        })
        .finally(() => {
          s.running = undefined;
          if (this.stopped || s.timer) return;
          const wanted = this.now() - s.lastDemand <= this.idleMs;
          if (failed) {
            if (s.held || wanted || s.throttle !== undefined) this.schedule(s, this.renewMs);
          } else if (s.throttle !== undefined || (!s.held && wanted)) this.schedule(s, 0);
          else if (s.held) this.schedule(s, this.renewMs);
        });
    }, delayMs);
    s.timer.unref();
  }

  /** One renewal: renew while there is demand (or a 429 to report), give the share back when idle. */
  private async cycle(s: TenantState): Promise<void> {
    const now = this.now();
    const throttle = s.throttle;
    s.throttle = undefined;
    if (now - s.lastDemand > this.idleMs && throttle === undefined) {
      if (s.held) await this.write(s, { now, wants: 0, release: true });
      return;
    }
    const wants = this.wantsOf(s, now);
    await this.write(s, { now, wants, ...(throttle !== undefined ? { throttled: { retryAfterMs: throttle } } : {}) });
  }

  /** The ceiling while sends wait for the tenant's rate; otherwise what was used, with room to grow. */
  private wantsOf(s: TenantState, now: number): number {
    const seconds = Math.max(0.25, (now - s.periodStart) / 1_000);
    const used = s.sends / seconds;
    s.sends = 0;
    s.periodStart = now;
    if (now - s.heldBackAt < this.renewMs * 1.5) return this.rules.ceiling;
    return Math.max(1, Math.ceil(used * 1.25) + 1);
  }

  private async write(s: TenantState, input: RenewInput): Promise<void> {
    const rowKey = safeKey(s.tenant || '-');
    for (let attempt = 0; attempt < 8; attempt++) {
      const now = attempt === 0 ? input.now : this.now();
      let stored: (StoredRow & { etag: string }) | undefined;
      try {
        stored = (await this.table.getEntity<StoredRow>(BUDGET_PARTITION, rowKey)) as unknown as StoredRow & { etag: string };
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
      }
      const current: BudgetRow | undefined = stored
        ? { limit: stored.limit, leases: parseLeases(stored.leases), pausedUntil: stored.pausedUntil ?? 0, changedAt: stored.changedAt ?? 0, throttledAt: stored.throttledAt ?? 0, badLimit: stored.badLimit ?? 0 }
        : undefined;
      const { row, share } = renew(current, this.instanceId, { ...input, now }, this.rules);
      // A smaller share is safe at once; a larger one only once it is written.
      if (share < s.share) s.share = share;
      const entity = { partitionKey: BUDGET_PARTITION, rowKey, limit: row.limit, leases: JSON.stringify(row.leases), pausedUntil: row.pausedUntil, changedAt: row.changedAt, throttledAt: row.throttledAt, badLimit: row.badLimit };
      try {
        if (stored) await this.table.updateEntity(entity, 'Replace', { etag: stored.etag });
        else await this.table.createEntity(entity);
      } catch (e) {
        if (statusOf(e) === 412 || statusOf(e) === 409) {
          await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
          continue;
        }
        throw e;
      }
      if (row.limit !== s.limit) {
        this.log.info({ event: 'send.budgetLimit', tenant: s.tenant, limit: row.limit, previous: s.limit, throttled: input.throttled !== undefined }, 'the tenant send limit changed');
      }
      s.limit = row.limit;
      s.share = share;
      s.held = !input.release;
      // Used until a second before the lease ends, so a slow renewal never overlaps a successor.
      s.validUntil = input.release ? 0 : now + this.rules.leaseMs - Math.min(1_000, this.rules.leaseMs / 5);
      s.pausedUntil = Math.max(s.pausedUntil, row.pausedUntil);
      this.notify(s);
      return;
    }
    throw new Error('send budget: too many concurrent renewals');
  }

  private notify(s: TenantState): void {
    const { resolve } = s.change;
    s.change = signal();
    resolve();
  }

  private warn(err: unknown, tenant: string): void {
    const now = this.now();
    if (now - this.lastWarning < 30_000) return;
    this.lastWarning = now;
    this.log.warn({ err, event: 'send.budgetUnavailable', tenant }, 'could not renew the send budget; sending stops when the current share runs out');
  }
}
