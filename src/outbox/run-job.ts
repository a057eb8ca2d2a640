import type { Logger } from '../core/log.js';
import type { Telemetry } from '../core/telemetry.js';
import type { Claim, Claims, Finish } from './claims.js';
import type { Delivery, DeliveryControl, Sender } from './sender.js';
import { dueToJob, type DueRow, type JobStore } from './store.js';
import type { TickReport } from './tick.js';
import type { Job, JobHandler, JobOutcome } from './types.js';

/**
 * One due job from its row to its end: claim (ETag), resolve the target, render, deliver
 * through the one sender, and record the outcome (finish, or hand back to storage for a
 * later attempt). A job cut short by shutdown goes back as due at once, so the next
 * instance sends it without waiting for the lease.
 */

export interface JobRun {
  claims: Claims;
  /** Deletes what is left of a job whose handler keeps no trace (JobHandler.trace 'forget'). */
  store: Pick<JobStore, 'remove'>;
  sender: Sender;
  handlers: ReadonlyMap<string, JobHandler>;
  log: Logger;
  owner: string;
  leaseMs: number;
  maxAttempts: number;
  report: TickReport;
  /** When non-urgent jobs of the workplace may be sent (now, or the next window). */
  openAt(workplaceId: string): Promise<Date>;
  /** The engine's time now (the tick's `now` plus the time the tick has run). */
  at(): Date;
  stopping(): boolean;
  control: DeliveryControl;
  telemetry: Telemetry;
}

export async function processRow(deps: JobRun, row: DueRow, lost: () => void): Promise<void> {
  const { claims, log, report } = deps;
  const now = deps.at();
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
    const claim = await claims.claim(row, deps.owner, new Date(deps.at().getTime() + deps.leaseMs), now);
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
  const fail = (claim: Claim, error: string, outcome: JobOutcome = 'failed') => end(deps, handler, claim, { status: 'failed', attempts: job.attempts, error }, outcome);

  const open = job.urgent ? now : await deps.openAt(job.workplaceId);
  // Inside the window `open` is the moment openAt looked, which can be a millisecond after
  // `now`: compare with the engine's time after the look, or such a job waits a whole tick.
  if (open > deps.at()) {
    const claim = await claimIt();
    if (claim) await claims.release(claim, open, job.attempts, '', deps.at());
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
  return deps.telemetry.span('job', { 'trio.job.kind': job.kind, 'trio.job.urgent': job.urgent }, () => runClaimed(deps, handler, claim, job, now, fail));
}

/** A claimed job: resolve the target, render, deliver, record. */
async function runClaimed(deps: JobRun, handler: JobHandler, claim: Claim, job: Job, now: Date, fail: (claim: Claim, error: string, outcome?: JobOutcome) => Promise<void>): Promise<void> {
  const { log } = deps;
  const resolved = await deps.sender.resolve(job).catch((err: unknown) => {
    log.error({ err, event: 'reminder.resolveFailed', key: job.key }, 'could not resolve the target');
    return { ok: false as const, blocked: false, retry: true, reason: 'resolve failed' };
  });
  if (!resolved.ok) {
    if (resolved.blocked) return fail(claim, `blocked: ${resolved.reason}`, 'blocked');
    if (!resolved.retry) return fail(claim, resolved.reason);
    return settle(deps, handler, claim, { outcome: 'retry', attempts: job.attempts + 1, reason: resolved.reason, delayMs: 60_000 });
  }
  let delivery: Delivery;
  try {
    const message = await handler.render(claim.job, now);
    if (!message) return end(deps, handler, claim, { status: 'cancelled', attempts: job.attempts, error: 'no longer relevant' }, 'cancelled');
    if (deps.stopping()) return settle(deps, handler, claim, { outcome: 'interrupted', attempts: job.attempts, reason: 'interrupted by shutdown', unknown: false });
    // The send follows the rate-limit wait directly, so the connector sees the pace the limiter planned.
    delivery = await deps.sender.deliver(claim.job, message, resolved.target, deps.control);
  } catch (err) {
    // Rendering failed: try again later, counted as an attempt so it cannot loop forever.
    log.error({ err, event: 'reminder.renderFailed', key: job.key, kind: job.kind }, 'could not prepare the message');
    delivery = { outcome: 'retry', attempts: job.attempts + 1, reason: 'prepare failed', delayMs: 60_000 };
  }
  return settle(deps, handler, claim, delivery);
}

/** What a log line may say about a job: a quiet kind (JobHandler.trace) is named by its kind only. */
const about = (handler: JobHandler, job: Job) => (handler.trace ? { kind: job.kind } : { key: job.key, kind: job.kind });

async function settle(deps: JobRun, handler: JobHandler, claim: Claim, delivery: Delivery): Promise<void> {
  const { log, report } = deps;
  const job = claim.job;
  switch (delivery.outcome) {
    case 'sent':
      log.debug({ event: 'reminder.sent', ...about(handler, job), ...(handler.trace ? {} : { conversationId: delivery.conversationId, activityId: delivery.activityId }) }, 'sent');
      return end(deps, handler, claim, { status: 'sent', attempts: delivery.attempts, ...(delivery.activityId ? { activityId: delivery.activityId } : {}) }, 'sent');
    case 'blocked':
      log.info({ event: 'reminder.blocked', ...about(handler, job), reason: delivery.reason }, 'recipient blocked the bot; no more messages go there');
      return end(deps, handler, claim, { status: 'failed', attempts: delivery.attempts, error: `blocked: ${delivery.reason}` }, 'blocked');
    case 'failed':
      log.warn({ event: 'reminder.failed', ...about(handler, job), reason: delivery.reason, attempts: delivery.attempts }, 'reminder failed');
      return end(deps, handler, claim, { status: 'failed', attempts: delivery.attempts, error: delivery.reason }, 'failed');
    case 'interrupted':
      // Due again at once: the next instance (or this one after a restart) sends it.
      if (delivery.unknown) {
        log.warn({ event: 'reminder.outcomeUnknown', key: job.key, kind: job.kind, reason: 'cut at shutdown', attempts: delivery.attempts }, 'a send was cut at shutdown; it may have arrived and is sent again');
      }
      await deps.claims.release(claim, deps.at(), delivery.attempts, delivery.reason, deps.at());
      report.interrupted++;
      return;
    case 'retry':
      if (delivery.attempts >= deps.maxAttempts) {
        return end(deps, handler, claim, { status: 'failed', attempts: delivery.attempts, error: delivery.reason }, 'failed');
      }
      await deps.claims.release(claim, new Date(deps.at().getTime() + delivery.delayMs), delivery.attempts, delivery.reason, deps.at());
      report.retried++;
      return;
  }
}

async function end(deps: JobRun, handler: JobHandler, claim: Claim, result: Finish, outcome: JobOutcome): Promise<void> {
  const now = deps.at();
  const finished = await deps.claims.finish(claim, result, now);
  if (!finished) deps.log.warn({ event: 'reminder.leaseLost', ...about(handler, claim.job) }, 'the lease expired before the job was finished; another instance took it over');
  // Nothing is kept of a finished job of this kind: not even whether it was sent or cancelled.
  if (finished && handler.trace === 'forget') await deps.store.remove({ key: claim.job.key, workplaceId: claim.job.workplaceId, status: result.status });
  deps.report[outcome === 'blocked' ? 'blocked' : result.status]++;
  const kind = { 'trio.job.kind': claim.job.kind };
  if (outcome === 'sent') {
    deps.telemetry.count('messagesSent', 1, kind);
    deps.telemetry.record('reminderLag', Math.max(0, now.getTime() - claim.job.deliverAt.getTime()) / 1_000, kind);
  } else if (outcome === 'failed') deps.telemetry.count('messagesFailed', 1, kind);
  else if (outcome === 'blocked') deps.telemetry.count('messagesBlocked', 1, kind);
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
