import { INTENTS_TABLE, type IntentStore } from '../storage/intents.js';
import type { Clock } from './clock.js';
import type { Feature } from './feature.js';
import { isExpected } from './errors.js';
import type { Logger } from './log.js';
import type { Once } from './once.js';
import type { Actor, OutMessage, RosterMember, Turn, Where } from './types.js';

/**
 * The write guard: each declared write (a verb or command with `writes`, see once.ts) runs
 * once per key, and a run that died half-way is finished.
 *
 *   begin      the intent is stored with what was asked for (one transaction, 409 = exists)
 *   run        the verb writes, every write keyed by `ctx.once`
 *   finish     the intent is marked done (what was asked for is dropped)
 *
 * A second request with the same key finds the intent: done → it is answered "already
 * done" (nothing runs); open → it waits for the first to finish; open and its lease ran
 * out (the first instance died, or failed half-way) → it takes the intent over and runs it
 * again as a replay. The repair pass (at start-up and on every scheduler tick) does the same
 * for every open intent whose lease ran out: it replays the verb or command with the turn
 * it was first asked in (same person, place and time). A replay finds the writes that were
 * made (keyed by the same Once) and makes only the rest, so after a crash at any moment a
 * record has all its events and reminders, or it does not exist.
 *
 * A first run that is refused (a Danish UserError, a validation problem found in run, or a
 * result that says `refused`, e.g. a form returned with its errors) is dropped: nothing was
 * written, and the same card may be submitted again once corrected.
 */

/** The turn a write was asked in, kept while it is open so that a replay acts as the same person at the same time. */
export interface TurnSnapshot {
  actor: Actor;
  where: Where;
  now: string;
  correlationId: string;
  activityId?: string;
}

export interface IntentInput {
  kind: 'verb' | 'command';
  /** The verb name or command id. */
  name: string;
  /** Verbs: { data, source, cardActivityId }; commands: { rest } (only when the command declares args). */
  payload: Record<string, unknown>;
  turn: TurnSnapshot;
}

export type WriteOutcome<R> = { kind: 'ran'; result: R } | { kind: 'repeated'; ref?: string } | { kind: 'busy' };

export interface WriteGuardOptions {
  /** How long a run owns its intent before another instance (or the repair) may finish it. */
  leaseMs: number;
  /** How long a repeated request waits for the first to finish before it answers "busy". Default 4 s. */
  waitMs?: number;
  pollMs?: number;
  /** Repair attempts of one intent before it is given up (logged). Default 5. */
  maxTries?: number;
}

export interface RepairReport {
  repaired: number;
  refused: number;
  failed: number;
}

type Rows = Pick<IntentStore, 'begin' | 'read' | 'takeOver' | 'finish' | 'drop' | 'release' | 'expired'>;

export class WriteGuard {
  private repairing?: Promise<RepairReport>;

  constructor(
    private readonly deps: { rows: Rows; clock: Clock; log: Logger; instanceId: string },
    private readonly options: WriteGuardOptions,
  ) {}

  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /** Runs `work` once for `key`; see the file comment for what a repeated request gets. */
  async run<R>(key: string, input: IntentInput, work: (once: Once) => Promise<R>, refOf: (result: R) => string | undefined, refused?: (result: R) => boolean): Promise<WriteOutcome<R>> {
    const at = new Date(input.turn.now);
    for (let attempt = 0; attempt < 4; attempt++) {
      const now = this.deps.clock.now();
      if (await this.deps.rows.begin(key, JSON.stringify(input), at, this.deps.instanceId, this.until(now))) {
        return { kind: 'ran', result: await this.execute(key, { key, at, replay: false }, work, refOf, refused) };
      }
      const state = await this.settle(key);
      if (!state) continue; // the first run was refused and dropped: this one may begin
      if (state.state === 'done') return { kind: 'repeated', ...(state.ref ? { ref: state.ref } : {}) };
      const lease = state.lease;
      if (lease && lease.until <= this.deps.clock.now()) {
        if (await this.deps.rows.takeOver(key, lease.etag, this.deps.instanceId, this.until(this.deps.clock.now()), lease.tries + 1)) {
          this.deps.log.warn({ event: 'write.takenOver', previousOwner: lease.owner }, 'an unfinished write is finished by this request');
          return { kind: 'ran', result: await this.execute(key, { key, at: state.at, replay: true }, work, refOf, refused) };
        }
        continue;
      }
      return { kind: 'busy' };
    }
    return { kind: 'busy' };
  }

  /**
   * Finishes every open intent whose lease ran out (at most `limit` per pass), by replaying
   * it. One pass at a time per process; a pass already running is joined.
   */
  repair(now: Date, replay: (input: IntentInput, once: Once) => Promise<void>, limit = 50): Promise<RepairReport> {
    this.repairing ??= this.repairPass(now, replay, limit).finally(() => {
      this.repairing = undefined;
    });
    return this.repairing;
  }

  private async repairPass(now: Date, replay: (input: IntentInput, once: Once) => Promise<void>, limit: number): Promise<RepairReport> {
    const report: RepairReport = { repaired: 0, refused: 0, failed: 0 };
    const maxTries = this.options.maxTries ?? 5;
    for (const open of await this.deps.rows.expired(now, limit)) {
      if (!(await this.deps.rows.takeOver(open.key, open.lease.etag, this.deps.instanceId, this.until(this.deps.clock.now()), open.lease.tries + 1))) continue;
      const log = { event: 'write.repaired', previousOwner: open.lease.owner, tries: open.lease.tries + 1 };
      let input: IntentInput;
      try {
        input = JSON.parse(open.input) as IntentInput;
      } catch {
        this.deps.log.error({ ...log, event: 'write.repairUnreadable' }, 'an unfinished write cannot be read: given up');
        await this.deps.rows.finish(open.key, undefined, this.deps.clock.now());
        report.failed++;
        continue;
      }
      try {
        await replay(input, { key: open.key, at: open.at, replay: true });
        await this.deps.rows.finish(open.key, undefined, this.deps.clock.now());
        this.deps.log.warn({ ...log, kind: input.kind, name: input.name }, 'an unfinished write was finished');
        report.repaired++;
      } catch (err) {
        if (isExpected(err) || open.lease.tries + 1 >= maxTries) {
          // Refused now (the state moved on), or failing every time: finishing it is all that is left.
          await this.deps.rows.finish(open.key, undefined, this.deps.clock.now());
          this.deps.log[isExpected(err) ? 'warn' : 'error']({ ...log, event: 'write.repairRefused', kind: input.kind, name: input.name, err }, 'an unfinished write could not be finished');
          report.refused++;
        } else {
          this.deps.log.error({ ...log, event: 'write.repairFailed', kind: input.kind, name: input.name, err }, 'repairing an unfinished write failed; it is tried again');
          report.failed++;
        }
      }
    }
    return report;
  }

  private until(now: Date): Date {
    return new Date(now.getTime() + this.options.leaseMs);
  }

  private async execute<R>(key: string, once: Once, work: (once: Once) => Promise<R>, refOf: (result: R) => string | undefined, refused?: (result: R) => boolean): Promise<R> {
    let result: R;
    try {
      result = await work(once);
    } catch (e) {
      if (isExpected(e) && !once.replay) await this.deps.rows.drop(key);
      else if (isExpected(e)) await this.deps.rows.finish(key, undefined, this.deps.clock.now());
      // A fault: part of the change may be written. The lease ends now: a retry of the same
      // card, or the next repair pass, finishes it.
      else await this.deps.rows.release(key).catch((err: unknown) => this.deps.log.error({ err, event: 'write.releaseFailed' }, 'could not release a failed write'));
      throw e;
    }
    // Refused without throwing (a form returned with its errors): nothing was written, so the
    // same card may be submitted again once corrected, as after a thrown UserError.
    if (refused?.(result) && !once.replay) await this.deps.rows.drop(key);
    else await this.deps.rows.finish(key, refOf(result), this.deps.clock.now());
    return result;
  }

  /**
   * Reads the intent, waiting while another run owns it (at most waitMs), with a growing
   * pause between reads: twenty waiting taps must not slow down the one doing the work.
   */
  private async settle(key: string) {
    const deadline = Date.now() + (this.options.waitMs ?? 4_000);
    let pause = this.options.pollMs ?? 50;
    for (;;) {
      const state = await this.deps.rows.read(key);
      if (!state || state.state === 'done') return state;
      if (!state.lease || state.lease.until <= this.deps.clock.now() || Date.now() >= deadline) return state;
      await new Promise((r) => setTimeout(r, Math.min(pause * (0.5 + Math.random()), Math.max(0, deadline - Date.now()))));
      pause = Math.min(pause * 1.6, 600);
    }
  }
}

/** The turn as stored with an intent. */
export function snapshotOf(turn: Turn): TurnSnapshot {
  return {
    actor: turn.actor,
    where: turn.where,
    now: turn.now.toISOString(),
    correlationId: turn.correlationId,
    ...(turn.activityId ? { activityId: turn.activityId } : {}),
  };
}

/**
 * The turn a replay runs in: the same person, place and time as the first run; nothing is
 * sent (the person got their answer, or an apology, back then), the roster is empty.
 */
export function replayTurn(s: TurnSnapshot): Turn {
  return {
    actor: s.actor,
    where: s.where,
    now: new Date(s.now),
    correlationId: s.correlationId,
    ...(s.activityId ? { activityId: s.activityId } : {}),
    reply: async (_msg: OutMessage) => undefined,
    update: async () => undefined,
    // eslint-disable-next-line require-yield
    async *roster(): AsyncIterable<RosterMember> {
      return;
    },
  };
}

/** Done intents are kept this long: a card pressed again within it is answered "already done". */
export const INTENT_RETENTION_DAYS = 7;

/** The intents table and its nightly purge of done intents (the open ones are the repair's). */
export function writesFeature(deps: { store: Pick<IntentStore, 'purge'>; log: Logger }): Feature {
  return {
    name: 'writes',
    tables: [INTENTS_TABLE],
    recurring: [
      {
        name: 'writes.purge',
        cron: '23 3 * * *',
        async run(now) {
          const deleted = await deps.store.purge(new Date(now.getTime() - INTENT_RETENTION_DAYS * 86_400_000));
          if (deleted > 0) deps.log.info({ event: 'writes.purged', deleted }, 'old write keys purged');
        },
      },
    ],
  };
}
