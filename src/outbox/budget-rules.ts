/**
 * The arithmetic of the shared send budget (budget.ts does the storage). Pure functions
 * of the stored row, the instance and `now` (wall-clock milliseconds, shared by all
 * instances), so every instance computes the same split from the same row.
 *
 * One row per tenant holds the tenant's current limit (messages per second for the whole
 * app), when it last changed or met a 429, a pause every instance honours, and the
 * leases: per instance its share, its demand and until when the share holds. A share is
 * only ever taken from what the other live leases leave free, so the shares never add up
 * to more than the limit; an instance that needs less than an even split gets what it
 * asked for and the rest goes to the others (max-min fairness). A lease that is not
 * renewed runs out, and its share is free again.
 */

export interface Lease {
  /** Sends per second this instance may use. */
  share: number;
  /** Until when (epoch ms) the share holds unless renewed. */
  until: number;
  /** What it could use (sends per second); the ceiling when it is held back by its share. */
  wants: number;
}

export interface BudgetRow {
  /** The tenant's limit now: the ceiling, lowered after 429s and probed back up. */
  limit: number;
  leases: Record<string, Lease>;
  /** No instance sends to the tenant before this moment (Retry-After of a 429). */
  pausedUntil: number;
  /** When the limit last changed. */
  changedAt: number;
  /** When the last 429 was reported (0: never). */
  throttledAt: number;
  /** The limit at which the last 429 came (0: none): probing slows down just below it. */
  badLimit: number;
}

export interface BudgetRules {
  /** The configured limit (Teams: 50 per second per app per tenant). */
  ceiling: number;
  /** The limit never goes below this after 429s. */
  floor: number;
  /** How long a lease holds. */
  leaseMs: number;
  /**
   * A quiet period (no 429) this long raises the limit by one; ten times as long just
   * below the limit that last met a 429 (for a minute after it), so the limit settles
   * where Teams accepts everything instead of bouncing off its edge.
   */
  probeMs: number;
  /** Factor applied to the limit on a 429 (once per Retry-After period). */
  decrease: number;
}

export interface RenewInput {
  now: number;
  /** What this instance could use; 0 with `release`. */
  wants: number;
  /** Gives the share back (idle or stopping). */
  release?: boolean;
  /** Teams answered 429: lower the limit and pause everyone for Retry-After. */
  throttled?: { retryAfterMs: number };
}

export function freshRow(rules: BudgetRules, now: number): BudgetRow {
  return { limit: rules.ceiling, leases: {}, pausedUntil: 0, changedAt: now, throttledAt: 0, badLimit: 0 };
}

/** The row after this instance renews (or releases) its lease, and the share it now holds. */
export function renew(stored: BudgetRow | undefined, me: string, input: RenewInput, rules: BudgetRules): { row: BudgetRow; share: number } {
  const { now } = input;
  const base = stored ?? freshRow(rules, now);
  const row: BudgetRow = { ...base, limit: Math.max(rules.floor, Math.min(base.limit, rules.ceiling)), leases: {} };
  for (const [id, lease] of Object.entries(base.leases)) if (id !== me && lease.until > now) row.leases[id] = lease;
  if (input.throttled) {
    // Many sends meet the same congestion at once: one decrease per Retry-After period.
    const settle = Math.max(2_000, input.throttled.retryAfterMs);
    if (row.throttledAt === 0 || now - row.throttledAt >= settle) {
      row.badLimit = row.limit;
      row.limit = Math.max(rules.floor, Math.floor(row.limit * rules.decrease));
      row.changedAt = now;
    }
    row.throttledAt = now;
    row.pausedUntil = Math.max(row.pausedUntil, now + input.throttled.retryAfterMs);
  } else if (!input.release && row.limit < rules.ceiling) {
    const nearBad = row.badLimit > 0 && row.limit + 1 >= row.badLimit && now - row.throttledAt < 60_000;
    if (now - Math.max(row.changedAt, row.throttledAt) >= rules.probeMs * (nearBad ? 10 : 1)) {
      row.limit += 1; // probe: Teams has accepted everything for a while
      row.changedAt = now;
    }
  }
  if (input.release) return { row, share: 0 };
  const wants = Math.max(1, Math.min(rules.ceiling, Math.round(input.wants)));
  const targets = split(row.limit, { ...Object.fromEntries(Object.entries(row.leases).map(([id, l]) => [id, l.wants])), [me]: wants });
  const taken = Object.values(row.leases).reduce((sum, l) => sum + l.share, 0);
  // Never more than the others leave free: they give up their surplus at their own renewal.
  const share = Math.max(0, Math.min(targets[me] ?? 0, row.limit - taken));
  row.leases[me] = { share, until: now + rules.leaseMs, wants };
  return { row, share };
}

/**
 * Max-min fair split of `limit` whole sends per second: nobody gets more than it wants,
 * what one does not need goes to the others, and a remainder goes to the first ids in
 * sort order (so every instance computes the same split).
 */
export function split(limit: number, wants: Record<string, number>): Record<string, number> {
  const ids = Object.keys(wants).sort();
  const give: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  let left = Math.max(0, Math.floor(limit));
  for (;;) {
    const open = ids.filter((id) => give[id]! < wants[id]!);
    if (open.length === 0 || left === 0) return give;
    const each = Math.floor(left / open.length);
    if (each === 0) {
      for (const id of open.slice(0, left)) give[id] = give[id]! + 1;
      return give;
    }
    for (const id of open) {
      const add = Math.min(each, wants[id]! - give[id]!);
      give[id] = give[id]! + add;
      left -= add;
    }
  }
}

/** Parses the stored leases (a JSON column); a damaged value counts as no leases. */
export function parseLeases(json: unknown): Record<string, Lease> {
  if (typeof json !== 'string' || !json) return {};
  try {
    const parsed = JSON.parse(json) as Record<string, Partial<Lease>>;
    const out: Record<string, Lease> = {};
    for (const [id, l] of Object.entries(parsed)) {
      if (typeof l?.share === 'number' && typeof l.until === 'number') out[id] = { share: l.share, until: l.until, wants: typeof l.wants === 'number' ? l.wants : l.share };
    }
    return out;
  } catch {
    return {};
  }
}
