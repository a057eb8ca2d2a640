import type { Logger } from '../core/log.js';
import type { WorkingWindow } from '../shared/calendar.js';
import { nextOpen } from './quiet-hours.js';
import type { DeliveryControl, Sender } from './sender.js';
import { Claims } from './claims.js';
import { processRow, type JobRun } from './run-job.js';
import { noTelemetry, type Telemetry } from '../core/telemetry.js';
import { bucketPartitions, LANES, type DueRow, type JobStore, type Lane } from './store.js';
import type { JobHandler } from './types.js';

/**
 * One pass over the due index: every due row is claimed (ETag), rendered, sent through
 * the one sender and finished (run-job.ts), with at most `concurrency` jobs in flight.
 * In flight is also the most that can be sent twice if this process dies between the
 * connector's answer and the finishing write, so the bound is kept small on purpose.
 *
 * Fair fan-out: the lanes are drained in order, urgent jobs first, then single jobs,
 * then fan-outs (store.ts); a fan-out's rows are ranked so that workplaces take turns,
 * and the buckets take turns too (drainLane).
 * A fan-out of 30,000 cards runs for ten minutes, so while a lower lane is drained the
 * higher lanes are looked at again every `pollMs` (one query each) and what became due
 * there is started next: an urgent reminder waits for a free slot, not for the fan-out.
 * The tick's clock runs on: "now" is the tick's `now` plus the time it has been running.
 */

export interface TickDeps {
  store: JobStore;
  sender: Sender;
  handlers: ReadonlyMap<string, JobHandler>;
  log: Logger;
  owner: string;
  leaseMs: number;
  concurrency: number;
  pageSize: number;
  maxAttempts: number;
  windowFor(workplaceId: string): Promise<WorkingWindow>;
  /** True once the process is shutting down: no new jobs start, those in flight are handed back. */
  stopping(): boolean;
  /** Shutdown signals for deliveries in flight. */
  control?: DeliveryControl;
  /** How often a long tick looks for newly due urgent and single jobs (default 1 s). */
  pollMs?: number;
  telemetry?: Telemetry;
  /** Monotonic milliseconds: how long the tick has run, the window cache, the polls (default performance.now; tests pass a manual clock). */
  elapsed?: () => number;
  /** Picks the bucket this instance starts at (default Math.random). */
  random?: () => number;
  /** How often one tick reads a bucket again after losing claims in it (default 50). */
  maxRereads?: number;
}

export interface TickReport {
  /** Due rows seen. */
  due: number;
  sent: number;
  failed: number;
  blocked: number;
  cancelled: number;
  /** Handed back to storage for a later attempt. */
  retried: number;
  /** Moved to the next working window. */
  deferred: number;
  /** Claimed by another live instance, or of a kind this instance does not know. */
  skipped: number;
  /** Previous claim of a dead instance picked up: the message may have been sent already. */
  outcomeUnknown: number;
  /** Handed back, due at once, because this instance is stopping. */
  interrupted: number;
}

export const emptyReport = (): TickReport => ({ due: 0, sent: 0, failed: 0, blocked: 0, cancelled: 0, retried: 0, deferred: 0, skipped: 0, outcomeUnknown: 0, interrupted: 0 });

interface Run extends JobRun {
  store: JobStore;
  pageSize: number;
  pollMs: number;
  maxRereads: number;
  /** Rows seen (for the report) and rows started by this tick (never started twice). */
  seen: Set<string>;
  taken: Set<string>;
  lastPoll: number;
  elapsed: () => number;
  random: () => number;
  start(work: () => Promise<void>): Promise<void>;
}

export async function runTick(tickDeps: TickDeps, now: Date): Promise<TickReport> {
  // When non-urgent jobs of a workplace may go: once a minute per workplace (a fan-out can run past 20.00).
  const windows = new Map<string, { window: ReturnType<TickDeps['windowFor']>; at: number }>();
  const elapsed = tickDeps.elapsed ?? (() => performance.now());
  const started = elapsed();
  const report = emptyReport();
  // One bound on jobs in flight across buckets and lanes, so the next bucket starts while
  // the last jobs of the previous one are still sending.
  const inflight = new Set<Promise<void>>();
  const run: Run = {
    claims: new Claims(tickDeps.store.table),
    sender: tickDeps.sender,
    handlers: tickDeps.handlers,
    log: tickDeps.log,
    owner: tickDeps.owner,
    leaseMs: tickDeps.leaseMs,
    maxAttempts: tickDeps.maxAttempts,
    stopping: tickDeps.stopping,
    control: tickDeps.control ?? {},
    telemetry: tickDeps.telemetry ?? noTelemetry,
    store: tickDeps.store,
    pageSize: tickDeps.pageSize,
    pollMs: tickDeps.pollMs ?? 1_000,
    maxRereads: tickDeps.maxRereads ?? 50,
    report,
    seen: new Set(),
    taken: new Set(),
    lastPoll: elapsed(),
    elapsed,
    random: tickDeps.random ?? Math.random,
    at: () => new Date(now.getTime() + (elapsed() - started)),
    openAt(workplaceId, at) {
      // The window is read again each minute; the open moment is the job's own (a moment
      // computed later than the job's `now` would put a job inside the window after it).
      let cached = windows.get(workplaceId);
      if (!cached || elapsed() - cached.at >= 60_000) {
        cached = { window: tickDeps.windowFor(workplaceId), at: elapsed() };
        windows.set(workplaceId, cached);
      }
      return cached.window.then((w) => nextOpen(at, w));
    },
    async start(work) {
      while (inflight.size >= tickDeps.concurrency) await Promise.race(inflight);
      const p: Promise<void> = work().finally(() => inflight.delete(p));
      inflight.add(p);
    },
  };
  for (const lane of LANES) {
    if (run.stopping()) break;
    // Most ticks find nothing urgent: one query across the buckets says so.
    if (lane !== 'bulk' && (await run.store.dueAcross(lane, run.at(), 1)).length === 0) continue;
    await drainLane(run, lane);
  }
  await Promise.all(inflight);
  report.due = run.seen.size;
  return report;
}

/** A bucket's due rows in one lane, read a page at a time (the next page loads while these are sent). */
interface Cursor {
  partition: string;
  pages: AsyncIterableIterator<DueRow[]>;
  loading?: Promise<void>;
  rows: DueRow[];
  done: boolean;
  rereads: number;
  error?: unknown;
}

/** Rows taken from one bucket before the next bucket's turn. */
const CHUNK = 8;

/**
 * Drains one lane round-robin over the buckets, a few rows from each in turn. Each
 * bucket is in rank order, so taking turns keeps the whole lane close to rank order:
 * the workplaces of a fan-out take turns, and a small workplace is done early instead
 * of after the bucket where a large one happens to sit. Instances start at different
 * buckets, which keeps them off each other's claims.
 */
async function drainLane(run: Run, lane: Lane): Promise<void> {
  const buckets = bucketPartitions();
  const first = Math.floor(run.random() * buckets.length);
  const open = (partition: string, rereads = 0): Cursor => {
    const cursor: Cursor = { partition, pages: run.store.duePages(partition, run.at(), run.pageSize, lane), rows: [], done: false, rereads };
    load(cursor);
    return cursor;
  };
  let cursors = [...buckets.slice(first), ...buckets.slice(0, first)].map((p) => open(p));
  while (cursors.length > 0 && !run.stopping()) {
    for (let i = 0; i < cursors.length && !run.stopping(); i++) {
      const cursor = cursors[i]!;
      // A page is loading only while fewer than CHUNK rows are in hand (load() is called then, and rows grow only when it ends).
      await cursor.loading;
      if (cursor.error) {
        // Stryker disable next-line all: a log line: its event name, fields and message are for operators, no behaviour
        run.log.warn({ err: cursor.error, event: 'reminder.pageFailed', lane, partition: cursor.partition }, 'could not read due jobs; this bucket waits for the next tick');
        cursor.error = undefined;
      }
      const rows = cursor.rows.splice(0, CHUNK);
      for (const row of rows) run.seen.add(row.rowKey);
      if (cursor.rows.length < CHUNK) load(cursor);
      let contended = false;
      for (const row of rows) {
        if (contended || run.stopping()) break; // stale snapshot (read again below) or shutting down
        await pollHigher(run, lane);
        if (run.taken.has(row.rowKey)) continue;
        await startRow(run, row, () => (contended = true));
      }
      // Another instance is working in the same rows. A fresh read drops what it has
      // finished and shows its leases, so this instance stops paying for lost claims.
      if (contended && cursor.rereads < run.maxRereads) cursors[i] = open(cursor.partition, cursor.rereads + 1);
    }
    cursors = cursors.filter((c) => !c.done || c.rows.length > 0);
  }
}

function load(cursor: Cursor): void {
  if (cursor.loading || cursor.done) return;
  cursor.loading = cursor.pages.next().then(
    ({ value, done }) => {
      cursor.loading = undefined;
      if (done) cursor.done = true;
      else cursor.rows.push(...value);
    },
    (err: unknown) => {
      cursor.loading = undefined;
      cursor.done = true; // this bucket waits for the next tick
      cursor.error = err;
    },
  );
}

/** While a lower lane is drained: every `pollMs`, start what became due in the lanes above it. */
async function pollHigher(run: Run, lane: Lane): Promise<void> {
  if (lane === 'urgent' || run.elapsed() - run.lastPoll < run.pollMs) return;
  run.lastPoll = run.elapsed();
  for (const higher of LANES.slice(0, LANES.indexOf(lane))) {
    const rows = await run.store.dueAcross(higher, run.at(), run.pageSize).catch((err: unknown) => {
      // Stryker disable next-line all: a log line: its event name, fields and message are for operators, no behaviour
      run.log.warn({ err, event: 'reminder.pollFailed', lane: higher }, 'could not look for urgent jobs');
      return [] as DueRow[];
    });
    for (const row of rows) {
      if (run.stopping()) return;
      run.seen.add(row.rowKey);
      if (!run.taken.has(row.rowKey)) await startRow(run, row, () => undefined);
    }
  }
}

function startRow(run: Run, row: DueRow, lost: () => void): Promise<void> {
  run.taken.add(row.rowKey);
  return run.start(() =>
    processRow(run, row, lost).catch((err: unknown) => {
      // Stryker disable next-line all: a log line: its event name, fields and message are for operators, no behaviour
      run.log.error({ err, event: 'reminder.processFailed', key: row.key }, 'a due job could not be processed; it is retried after its lease');
    }),
  );
}

/** Runs `fn` over the items with at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
