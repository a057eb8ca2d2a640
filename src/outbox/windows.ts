/**
 * Sliding-window arithmetic on sorted lists of send times (whole milliseconds), for the
 * limiter: the earliest moment one more send fits a rule, and sorted insert and remove.
 */

export interface WindowRule {
  limit: number;
  windowMs: number;
}

/**
 * Earliest t >= from at which one more entry keeps `sorted` within the rule: the window
 * ending at t, and the window ending at every later entry that would contain t.
 */
export function earliest(sorted: readonly number[], rule: WindowRule, from: number, slack = 0): number {
  const w = rule.windowMs + slack;
  let t = from;
  // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent, t only grows and each pass moves it past an entry (to entry + w or entry + 1), so the search ends after a few passes per entry, long before the cap (a guard against a bug)
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
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, past the end sorted[i] is undefined and undefined < t + w is false: the loop ends there either way
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
export function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted(list: number[], value: number): void {
  const at = upperBound(list, value);
  list.splice(at, 0, value);
}

export function removeOne(list: number[] | undefined, value: number): void {
  if (!list) return;
  const at = upperBound(list, value) - 1;
  // Stryker disable next-line ConditionalExpression: equivalent, list[-1] is undefined, never === a number
  if (at >= 0 && list[at] === value) list.splice(at, 1);
}

