import { ConflictError } from './errors.js';
import { statusOf } from './tables.js';

export interface EtagRetryOptions {
  /** How many times to read, decide and write before giving up. Default 5. */
  attempts?: number;
  /**
   * Statuses that mean "another writer was first": 412 (ETag mismatch) always; add 409
   * when the step creates a row that someone else may create at the same moment.
   */
  lostRace?: readonly number[];
  /** Random wait of up to jitterMs × attempt between attempts (for hot rows). Default none. */
  jitterMs?: number;
  /** The error thrown when every attempt lost the race. Default: a ConflictError. */
  conflict?: () => Error;
}

/**
 * The one optimistic-concurrency loop: `step` reads the current row, decides from it and
 * writes with the ETag it read (or creates a row that must not exist yet). When another
 * writer won in between, the write fails with 412 (or 409) and `step` runs again on the
 * newer row, so every decision is made on the state it is written over. A bounded number
 * of attempts, then a ConflictError (code CONFLICT). `step` may throw to refuse: nothing
 * is written then, and the error goes to the caller as it is.
 */
export async function updateWithEtag<T>(what: string, step: (attempt: number) => Promise<T>, options: EtagRetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const lostRace = new Set([412, ...(options.lostRace ?? [])]);
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await step(attempt);
    } catch (e) {
      const status = statusOf(e);
      if (status === undefined || !lostRace.has(status)) throw e;
      if (options.jitterMs) await new Promise((r) => setTimeout(r, Math.random() * options.jitterMs! * (attempt + 1)));
    }
  }
  throw options.conflict ? options.conflict() : new ConflictError(`${what}: too many concurrent changes`);
}
