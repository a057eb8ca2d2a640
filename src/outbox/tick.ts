import type { Logger } from '../core/log.js';
import type { WorkingWindow } from '../shared/calendar.js';
import { nextOpen } from './quiet-hours.js';
import type { Delivery, Sender } from './sender.js';
import { Claims, type Claim, type Finish } from './claims.js';
import { bucketPartitions, dueToJob, type DueRow, type JobStore } from './store.js';
import type { Job, JobHandler, JobOutcome } from './types.js';

/**
 * One pass over the due index: every due row is claimed (ETag), rendered, sent through
 * the one sender and finished, with at most `concurrency` jobs in flight. In flight is
 * also the most that can be sent twice if this process dies between the connector's
 * answer and the finishing write, so the bound is kept small on purpose.
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
  /** True once the process is shutting down: jobs in flight finish, no new ones start. */
  stopping(): boolean;
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
}

export const emptyReport = (): TickReport => ({ due: 0, sent: 0, failed: 0, blocked: 0, cancelled: 0, retried: 0, deferred: 0, skipped: 0, outcomeUnknown: 0 });

interface Run extends TickDeps {
  claims: Claims;
  /** When non-urgent jobs of the workplace may be sent (now, or the next window); one calculation per tick. */
  openAt(workplaceId: string): Promise<Date>;
  /** Milliseconds since the tick started. */
  elapsed(): number;
}

export async function runTick(tickDeps: TickDeps, now: Date): Promise<TickReport> {
  const opens = new Map<string, Promise<Date>>();
  const openAt = (workplaceId: string) => {
    let open = opens.get(workplaceId);
    if (!open) opens.set(workplaceId, (open = tickDeps.windowFor(workplaceId).then((w) => nextOpen(now, w))));
    return open;
  };
  const started = performance.now();
  const deps: Run = { ...tickDeps, claims: new Claims(tickDeps.store.table), openAt, elapsed: () => performance.now() - started };
  const report = emptyReport();
  const seen = new Set<string>();
  // One bound on jobs in flight across buckets, so the next bucket starts while the last
  // jobs of the previous one are still sending.
  const inflight = new Set<Promise<void>>();
  const start = async (work: () => Promise<void>) => {
    while (inflight.size >= deps.concurrency) await Promise.race(inflight);
    const p: Promise<void> = work().finally(() => inflight.delete(p));
    inflight.add(p);
  };
  // Instances that tick at the same time start in different buckets.
  const buckets = bucketPartitions();
  const first = Math.floor(Math.random() * buckets.length);
  const order = [...buckets.slice(first), ...buckets.slice(0, first)];
  const open = (partition: string) => {
    const pages = deps.store.duePages(partition, now, deps.pageSize);
    return { partition, pages, next: pages.next() };
  };
  let upcoming = open(order[0]!);
  for (let i = 0; i < order.length && !deps.stopping(); i++) {
    const current = upcoming;
    if (i + 1 < order.length) upcoming = open(order[i + 1]!); // its first page loads meanwhile
    await runBucket(deps, current, now, report, seen, start);
  }
  await Promise.all(inflight);
  report.due = seen.size;
  return report;
}

type Pages = { partition: string; pages: AsyncIterableIterator<DueRow[]>; next: Promise<IteratorResult<DueRow[]>> };

async function runBucket(deps: Run, bucket: Pages, now: Date, report: TickReport, seen: Set<string>, start: (work: () => Promise<void>) => Promise<void>): Promise<void> {
  let { pages, next } = bucket;
  let rereads = 0;
  for (;;) {
    const { value: page, done } = await next;
    if (done || !page) return;
    next = pages.next(); // fetch the next page while this one is sent
    for (const row of page) seen.add(row.rowKey);
    // Starting at a random row keeps instances in the same bucket off each other's claims.
    const from = Math.floor(Math.random() * page.length);
    let contended = false;
    for (const row of [...page.slice(from), ...page.slice(0, from)]) {
      if (contended || deps.stopping()) break; // stale snapshot (read again below) or shutting down
      await start(() =>
        processRow(deps, row, now, report, () => (contended = true)).catch((err: unknown) => {
          deps.log.error({ err, event: 'reminder.processFailed', key: row.key }, 'a due job could not be processed; it is retried after its lease');
        }),
      );
    }
    if (deps.stopping()) return;
    if (contended && rereads++ < 50) {
      // Another instance is working in the same rows. A fresh read drops what it has
      // finished and shows its leases, so this instance stops paying for lost claims.
      pages = deps.store.duePages(bucket.partition, now, deps.pageSize);
      next = pages.next();
    }
  }
}

async function processRow(deps: Run, row: DueRow, now: Date, report: TickReport, lost: () => void): Promise<void> {
  const { claims, log } = deps;
  if (row.owner && row.leaseUntil && new Date(row.leaseUntil) > now) {
    report.skipped++;
    return;
  }
  const handler = deps.handlers.get(row.kind);
  if (!handler) {
    report.skipped++; // another version of the bot may know this kind
    log.warn({ event: 'reminder.unknownKind', kind: row.kind, key: row.key }, 'no handler for this kind');
    return;
  }
  const job = dueToJob(row);
  const claimIt = async (): Promise<Claim | undefined> => {
    // A long fan-out runs for minutes: the lease counts from the moment of the claim.
    const claim = await claims.claim(row, deps.owner, new Date(now.getTime() + deps.elapsed() + deps.leaseMs), now);
    if (!claim) {
      report.skipped++;
      lost();
    } else if (claim.previousOwner) {
      report.outcomeUnknown++;
      log.warn(
        { event: 'reminder.outcomeUnknown', key: job.key, kind: job.kind, previousOwner: claim.previousOwner, attempts: job.attempts },
        'an earlier claim did not finish; the message may have been sent, it is sent again',
      );
    }
    return claim;
  };
  const fail = (claim: Claim, error: string, outcome: JobOutcome = 'failed') => end(deps, handler, claim, { status: 'failed', attempts: job.attempts, error }, outcome, now, report);

  const open = job.urgent ? now : await deps.openAt(job.workplaceId);
  if (open > now) {
    const claim = await claimIt();
    if (claim) await claims.release(claim, open, job.attempts, '', now);
    if (claim) report.deferred++;
    return;
  }
  if (job.attempts >= deps.maxAttempts || (row.claims ?? 0) >= deps.maxAttempts) {
    const claim = await claimIt();
    if (claim) await fail(claim, 'too many attempts');
    return;
  }
  const claim = await claimIt();
  if (!claim) return;
  const resolved = await deps.sender.resolve(job).catch((err: unknown) => {
    log.error({ err, event: 'reminder.resolveFailed', key: job.key }, 'could not resolve the target');
    return { ok: false as const, blocked: false, retry: true, reason: 'resolve failed' };
  });
  if (!resolved.ok) {
    if (resolved.blocked) return fail(claim, `blocked: ${resolved.reason}`, 'blocked');
    if (!resolved.retry) return fail(claim, resolved.reason);
    return settle(deps, handler, claim, { outcome: 'retry', attempts: job.attempts + 1, reason: resolved.reason, delayMs: 60_000 }, now, report);
  }
  let delivery: Delivery;
  try {
    const message = await handler.render(claim.job, now);
    if (!message) return end(deps, handler, claim, { status: 'cancelled', attempts: job.attempts, error: 'no longer relevant' }, 'cancelled', now, report);
    // The send follows the rate-limit wait directly, so the connector sees the pace the limiter planned.
    delivery = await deps.sender.deliver(claim.job, message, resolved.target);
  } catch (err) {
    // Rendering failed: try again later, counted as an attempt so it cannot loop forever.
    log.error({ err, event: 'reminder.renderFailed', key: job.key, kind: job.kind }, 'could not prepare the message');
    delivery = { outcome: 'retry', attempts: job.attempts + 1, reason: 'prepare failed', delayMs: 60_000 };
  }
  return settle(deps, handler, claim, delivery, now, report);
}

/** What a log line may say about a job: a quiet kind (JobHandler.trace) is named by its kind only. */
const about = (handler: JobHandler, job: Job) => (handler.trace ? { kind: job.kind } : { key: job.key, kind: job.kind });

async function settle(deps: Run, handler: JobHandler, claim: Claim, delivery: Delivery, now: Date, report: TickReport): Promise<void> {
  const { log } = deps;
  const job = claim.job;
  switch (delivery.outcome) {
    case 'sent':
      log.debug({ event: 'reminder.sent', ...about(handler, job), ...(handler.trace ? {} : { conversationId: delivery.conversationId, activityId: delivery.activityId }) }, 'sent');
      return end(deps, handler, claim, { status: 'sent', attempts: delivery.attempts, ...(delivery.activityId ? { activityId: delivery.activityId } : {}) }, 'sent', now, report);
    case 'blocked':
      log.info({ event: 'reminder.blocked', ...about(handler, job), reason: delivery.reason }, 'recipient blocked the bot; no more messages go there');
      return end(deps, handler, claim, { status: 'failed', attempts: delivery.attempts, error: `blocked: ${delivery.reason}` }, 'blocked', now, report);
    case 'failed':
      log.warn({ event: 'reminder.failed', ...about(handler, job), reason: delivery.reason, attempts: delivery.attempts }, 'reminder failed');
      return end(deps, handler, claim, { status: 'failed', attempts: delivery.attempts, error: delivery.reason }, 'failed', now, report);
    case 'retry':
      if (delivery.attempts >= deps.maxAttempts) {
        return end(deps, handler, claim, { status: 'failed', attempts: delivery.attempts, error: delivery.reason }, 'failed', now, report);
      }
      await deps.claims.release(claim, new Date(now.getTime() + delivery.delayMs), delivery.attempts, delivery.reason, now);
      report.retried++;
      return;
  }
}

async function end(deps: Run, handler: JobHandler, claim: Claim, result: Finish, outcome: JobOutcome, now: Date, report: TickReport): Promise<void> {
  const finished = await deps.claims.finish(claim, result, now);
  if (!finished) deps.log.warn({ event: 'reminder.leaseLost', ...about(handler, claim.job) }, 'the lease expired before the job was finished; another instance took it over');
  // Nothing is kept of a finished job of this kind: not even whether it was sent or cancelled.
  if (finished && handler.trace === 'forget') await deps.store.remove({ key: claim.job.key, workplaceId: claim.job.workplaceId, status: result.status });
  report[outcome === 'blocked' ? 'blocked' : result.status]++;
  if (!handler.onFinal) return;
  const job: Job = {
    ...claim.job,
    status: result.status,
    attempts: result.attempts,
    ...(result.status === 'sent' ? { sentAt: now } : { lastError: result.error ?? '' }),
  };
  await handler.onFinal(job, outcome).catch((err: unknown) => {
    deps.log.error({ err, event: 'reminder.onFinalFailed', key: job.key, kind: job.kind }, 'the workflow could not handle the outcome');
  });
}

/** Runs `fn` over the items with at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
