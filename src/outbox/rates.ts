/**
 * Where the app-wide rate for a tenant comes from: a fixed number (one instance, tests)
 * or a share of the tenant's budget leased from storage (budget.ts), which changes while
 * the limiter runs.
 */
export interface RateSource {
  /** Sends per second this instance may use for the tenant now (0: wait for a share), and how long everyone must still pause. */
  rate(tenant: string): { perSecond: number; pauseMs: number };
  /** One send waits for the tenant; `heldBack` when the tenant's rate, not its conversation, decided the wait. */
  demand(tenant: string, heldBack: boolean): void;
  /** Resolves when rate(tenant) may have changed. */
  changed(tenant: string): Promise<void>;
  /** Teams answered 429 to a send in the tenant. */
  throttled(tenant: string, retryAfterMs: number): void;
}

/** A fixed rate per tenant for this instance; a 429 pauses the tenant here only. */
export class FixedRate implements RateSource {
  private readonly paused = new Map<string, number>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  rate(tenant: string) {
    return { perSecond: Math.floor(this.perSecond), pauseMs: Math.max(0, (this.paused.get(tenant) ?? 0) - this.now()) };
  }

  demand(): void {}

  changed(): Promise<void> {
    return realSleep(1_000);
  }

  throttled(tenant: string, retryAfterMs: number): void {
    this.paused.set(tenant, Math.max(this.paused.get(tenant) ?? 0, this.now() + retryAfterMs));
  }
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves or rejects with `p`, or rejects with the signal's reason as soon as it aborts. */
export function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, a signal aborts once, and the listener is removed when p settles
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}

