import type { Logger } from '../core/log.js';
import type { OutMessage } from '../core/types.js';
import type { ConversationStore, StoredTarget } from '../conversations/store.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { abortable, backoffDelay, realSleep, SlotTooLate, type SendLimiter } from './limiter.js';
import { isBlocked, isConversationNotFound, RETRYABLE_STATUSES, TransportError, type Transport } from '../core/transport.js';
import type { Job } from './types.js';
import { noTelemetry, type Telemetry } from '../core/telemetry.js';

/**
 * The one sender for every proactive message (STYLE principle 6). For one claimed job it
 * resolves the target to a stored conversation reference (creating the personal chat
 * when there is none), waits for the rate limiter, sends, and retries 412/429/502/503/
 * 504 and lost answers with jittered exponential backoff that honours Retry-After. It
 * decides; the engine records. Waits longer than the per-claim budget (for a rate-limit
 * slot or a retry) are not slept through: the job goes back to storage to be picked up
 * later ("retry"). When the process stops, waits end at once and a request in flight is
 * cut after a short deadline ("interrupted"): the engine hands the job back.
 */

export type Delivery =
  | { outcome: 'sent'; attempts: number; activityId?: string; conversationId: string }
  | { outcome: 'blocked'; attempts: number; reason: string }
  | { outcome: 'failed'; attempts: number; reason: string }
  | { outcome: 'retry'; attempts: number; reason: string; delayMs: number }
  /** Stopped by shutdown; `unknown` when a request was cut in flight (it may have arrived). */
  | { outcome: 'interrupted'; attempts: number; reason: string; unknown: boolean };

/** Shutdown: `waits` ends rate-limit waits and backoff at once, `sends` cuts requests in flight. */
export interface DeliveryControl {
  waits?: AbortSignal;
  sends?: AbortSignal;
}

export interface SenderOptions {
  /** HTTP attempts per job across all claims, then the job fails. */
  maxAttempts?: number;
  /** Longest a single claim keeps retrying in process before handing the job back to storage. */
  budgetMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface SenderDeps {
  transport: Transport;
  conversations: ConversationStore;
  workplaces: WorkplaceStore;
  limiter: SendLimiter;
  log: Logger;
  /** A span per delivery; 429s and retries counted (default: none). */
  telemetry?: Telemetry;
}

/** Not resolved: blocked (final, tell the workflow), retry (transient) or neither (failed). */
export type Resolved = { ok: true; target: StoredTarget } | { ok: false; blocked: boolean; reason: string; retry?: boolean };

export class Sender {
  private readonly maxAttempts: number;
  private readonly budgetMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly telemetry: Telemetry;

  constructor(
    private readonly deps: SenderDeps,
    private readonly options: SenderOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.budgetMs = options.budgetMs ?? 60_000;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? (() => performance.now());
    this.telemetry = deps.telemetry ?? noTelemetry;
  }

  /** Resolves the job's target; a user without a personal chat gets one. */
  async resolve(job: Job): Promise<Resolved> {
    const { conversations } = this.deps;
    if (job.target.kind === 'channel') {
      const channel = await conversations.get('channel', job.target.conversationId);
      if (!channel) return { ok: false, blocked: false, reason: 'NoConversationReference' };
      return channel.active ? { ok: true, target: channel } : { ok: false, blocked: true, reason: channel.inactiveReason ?? 'inactive' };
    }
    const user = await conversations.get('user', job.target.aadObjectId);
    if (user) return user.active ? { ok: true, target: user } : { ok: false, blocked: true, reason: user.inactiveReason ?? 'inactive' };
    const template = await this.templateFor(job.workplaceId);
    if (!template) return { ok: false, blocked: false, reason: 'NoConversationReference' };
    return this.openPersonal(job, job.target.aadObjectId, template);
  }

  /** Sends with retries, each attempt after a rate-limit slot. */
  deliver(job: Job, message: OutMessage, resolved: StoredTarget, control: DeliveryControl = {}): Promise<Delivery> {
    return this.telemetry.span('send', { 'trio.job.kind': job.kind, 'trio.send.target': job.target.kind }, async (span) => {
      const delivery = await this.attempt(job, message, resolved, control);
      span.set({ 'trio.send.outcome': delivery.outcome, 'trio.send.attempts': delivery.attempts - job.attempts });
      return delivery;
    });
  }

  private async attempt(job: Job, message: OutMessage, resolved: StoredTarget, control: DeliveryControl): Promise<Delivery> {
    const { transport, limiter, log } = this.deps;
    let target = resolved;
    let conversationId = transport.conversationOf(target.reference);
    let attempts = job.attempts;
    let reopened = false;
    const started = this.now();
    const interrupted = (unknown: boolean): Delivery => ({ outcome: 'interrupted', attempts, reason: 'interrupted by shutdown', unknown });
    for (;;) {
      try {
        await limiter.acquire(conversationId, target.tenantId, { ...(control.waits ? { signal: control.waits } : {}), deadline: started + this.budgetMs });
      } catch (e) {
        if (e instanceof SlotTooLate) return { outcome: 'retry', attempts, reason: 'no send slot within the budget', delayMs: 1_000 };
        if (control.waits?.aborted) return interrupted(false);
        throw e;
      }
      attempts++;
      try {
        const { activityId } = await transport.send(target.reference, message, control.sends ? { signal: control.sends } : {});
        return { outcome: 'sent', attempts, conversationId, ...(activityId ? { activityId } : {}) };
      } catch (e) {
        // Stryker disable next-line BooleanLiteral: equivalent, unknownOutcome of an error that is not a TransportError is read only by the log line below (no behaviour)
        const err = e instanceof TransportError ? e : new TransportError({ status: 0, message: String(e), unknownOutcome: true });
        if (err.code === 'Aborted' || control.sends?.aborted) return interrupted(true);
        const reason = `${err.status || 'no answer'}${err.code ? ` ${err.code}` : ''}`;
        // Stryker disable all: a log line: its event name, fields and message are for operators, no behaviour
        if (err.unknownOutcome) {
          log.warn(
            { event: 'reminder.outcomeUnknown', key: job.key, kind: job.kind, conversationId, reason, detail: err.message.slice(0, 120), attempt: attempts },
            'the connector may have accepted the message; it will be sent again',
          );
        }
        // Stryker restore all
        if (isBlocked(err)) {
          await this.deps.conversations.deactivate(target.kind, target.key, err.code ?? 'blocked');
          return { outcome: 'blocked', attempts, reason };
        }
        if (isConversationNotFound(err) && job.target.kind === 'user' && !reopened) {
          reopened = true;
          const reopenedTarget = await this.openPersonal(job, job.target.aadObjectId, target);
          if (!reopenedTarget.ok) {
            if (reopenedTarget.blocked) return { outcome: 'blocked', attempts, reason: reopenedTarget.reason };
            if (reopenedTarget.retry) return { outcome: 'retry', attempts, reason: reopenedTarget.reason, delayMs: backoffDelay(1, undefined) };
            return { outcome: 'failed', attempts, reason: reopenedTarget.reason };
          }
          target = reopenedTarget.target;
          conversationId = transport.conversationOf(target.reference);
          continue;
        }
        // Stryker disable next-line all: telemetry: a counter for operators, no behaviour
        if (err.status === 429) this.telemetry.count('throttled');
        if (!RETRYABLE_STATUSES.has(err.status) && err.status !== 0) return { outcome: 'failed', attempts, reason };
        if (attempts >= this.maxAttempts) return { outcome: 'failed', attempts, reason: `${reason} (after ${attempts} attempts)` };
        // Stryker disable next-line all: telemetry: a counter for operators, no behaviour
        this.telemetry.count('messagesRetried', 1, { 'trio.send.status': err.status });
        const delayMs = backoffDelay(attempts - job.attempts, err.retryAfterMs, {
          // Stryker disable next-line ConditionalExpression: equivalent, backoffDelay reads a missing and an undefined option alike (?? its default)
          ...(this.options.backoffBaseMs !== undefined ? { baseMs: this.options.backoffBaseMs } : {}),
          // Stryker disable next-line ConditionalExpression: equivalent, backoffDelay reads a missing and an undefined option alike (?? its default)
          ...(this.options.backoffCapMs !== undefined ? { capMs: this.options.backoffCapMs } : {}),
          ...(this.options.random ? { random: this.options.random } : {}),
        });
        // Retry-After pauses the conversation, and the whole tenant when it was the tenant's limit.
        if (err.status === 429) limiter.throttled(conversationId, target.tenantId, err.retryAfterMs ?? delayMs);
        // Stryker disable next-line all: a log line: its event name, fields and message are for operators, no behaviour
        log.debug({ event: 'reminder.retry', key: job.key, status: err.status, code: err.code, attempt: attempts, delayMs }, 'send failed, retrying');
        if (this.now() - started + delayMs > this.budgetMs) return { outcome: 'retry', attempts, reason, delayMs };
        // Shutdown ends the sleep at once; the loop's next acquire then meets the aborted signal and returns interrupted.
        await abortable(this.sleep(delayMs), control.waits).catch(() => undefined);
      }
    }
  }

  /** Opens the user's personal chat (again) and stores its reference. */
  private async openPersonal(job: Job, aadObjectId: string, template: StoredTarget): Promise<Resolved> {
    const member = await this.deps.workplaces.member(job.workplaceId, aadObjectId);
    if (!member?.teamsUserId) return { ok: false, blocked: false, reason: 'UnknownMember' };
    try {
      const { reference } = await this.deps.transport.createPersonal(template.reference, { teamsUserId: member.teamsUserId, tenantId: template.tenantId });
      await this.deps.conversations.save({ kind: 'user', key: aadObjectId, reference, serviceUrl: template.serviceUrl, tenantId: template.tenantId });
      const saved = await this.deps.conversations.get('user', aadObjectId);
      return saved ? { ok: true, target: saved } : { ok: false, blocked: false, reason: 'NoConversationReference' };
    } catch (e) {
      const err = e instanceof TransportError ? e : new TransportError({ status: 0, message: String(e) });
      if (isBlocked(err)) {
        return { ok: false, blocked: true, reason: `${err.status}${err.code ? ` ${err.code}` : ''}` };
      }
      // Stryker disable next-line all: a log line: its event name, fields and message are for operators, no behaviour
      this.deps.log.warn({ event: 'reminder.createConversationFailed', key: job.key, status: err.status, code: err.code }, 'could not open a personal chat');
      const retry = err.status === 0 || RETRYABLE_STATUSES.has(err.status);
      return { ok: false, blocked: false, retry, reason: `createConversation ${err.status || 'no answer'}${err.code ? ` ${err.code}` : ''}` };
    }
  }

  /** Any stored reference in the workplace's tenant: its TRIO or MED channel. */
  private async templateFor(workplaceId: string): Promise<StoredTarget | undefined> {
    const workplace = await this.deps.workplaces.get(workplaceId);
    for (const link of [workplace?.trio, workplace?.med]) {
      if (!link) continue;
      const channel = await this.deps.conversations.get('channel', link.conversationId);
      if (channel?.serviceUrl) return channel;
    }
    return undefined;
  }
}
