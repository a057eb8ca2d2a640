import { createHash } from 'node:crypto';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { Logger } from '../core/log.js';
import { noTelemetry, type Telemetry } from '../core/telemetry.js';
import { da } from '../i18n/da.js';
import type { ActivityLedger } from '../inbox/types.js';
import { parseActivity } from './activity.js';
import type { TrioAdapter } from './adapter.js';
import type { AuthenticateRequestResult, Authenticator } from './auth.js';
import { READY_KEY } from './turn.js';

/** What the HTTP layer sends back. `body` is JSON; nothing from a verifier or a stack ever goes in it. */
export interface EdgeAnswer {
  status: number;
  body?: unknown;
}

export interface BotEndpointDeps {
  adapter: TrioAdapter;
  authenticator: Authenticator;
  bot: ActivityHandler;
  /** Handled activity ids; without it every delivery is handled. */
  ledger?: ActivityLedger;
  /**
   * Card verbs whose actions are not recorded in the ledger (the pulse answer, which
   * storage makes idempotent itself): a claim's time would be the moment a person acted.
   */
  untracked?(verb: string): boolean;
  /** Lower-case tenant ids; empty = any tenant. */
  allowedTenants: readonly string[];
  log: Logger;
  /** How long a redelivered invoke waits for the first delivery's answer (default 8 s; Teams gives up after 15 s). */
  redeliveryWaitMs?: number;
  /** A span and a duration per turn (default: none). */
  telemetry?: Telemetry;
}

/** Invoke answers are kept in memory this long for redeliveries (Teams retries within seconds). */
const ANSWER_TTL_MS = 120_000;
const ANSWERS_KEPT = 500;

/**
 * POST /api/messages as the bot layer sees it, in this order:
 *
 *   precheck    the token, from the header alone (before the body is read)    401 / 503
 *   parse       JSON and the activity's shape (activity.ts)                   400
 *   auth        the token against the activity (serviceUrl claim)              401 / 503
 *   ignore      activity types the bot does not handle                        200
 *   tenant      ALLOWED_TENANTS                                                403
 *   inbox       a redelivered activity id is answered without doing the work  200 (invoke: the first answer)
 *   turn        the adapter runs the bot
 *
 * A refused request leaves no trace but a log line. The claim (inbox) and the turn start
 * together, and the turn's effects wait for the claim: its sends and updates through the
 * TurnContext hooks, its writes through Turn.ready (principal resolution waits for it).
 * Before that gate a turn only reads, and re-saves the conversation reference it arrived
 * with (the same value).
 * An invoke's answer (a card, which may hold personal data) is kept only in this
 * process's memory, for two minutes: a redelivery here gets the same card; one that
 * reaches another instance gets a short "already received" (the first instance has
 * updated the card in the conversation for everyone).
 */
export class BotEndpoint {
  private readonly answers = new Map<string, { answer: Promise<EdgeAnswer>; expires: number }>();
  private readonly redeliveryWaitMs: number;

  constructor(private readonly deps: BotEndpointDeps) {
    this.redeliveryWaitMs = deps.redeliveryWaitMs ?? 8_000;
  }

  /** Header-only check, before the body is read; undefined = go on. */
  async precheck(authorization: string | undefined): Promise<EdgeAnswer | undefined> {
    const outcome = await this.deps.authenticator.precheck(authorization);
    return outcome.ok ? undefined : this.authFailed(outcome.status, outcome.reason);
  }

  async handle(body: string, authorization: string | undefined): Promise<EdgeAnswer> {
    const parsed = parseActivity(body);
    if (!parsed.ok) {
      this.deps.log.warn({ event: 'activity.rejected', status: 400, reason: parsed.reason }, 'malformed activity');
      return { status: 400, body: { error: 'invalid activity', reason: parsed.reason } };
    }
    const { activity, route } = parsed;
    const auth = await this.deps.authenticator.authenticate(activity, authorization);
    if (!auth.ok) return this.authFailed(auth.status, auth.reason);
    if (route === 'ignore') return { status: 200 };

    const tenants = tenantsOf(activity);
    const allowed = this.deps.allowedTenants;
    if (allowed.length > 0 && (tenants.length === 0 || tenants.some((t) => !allowed.includes(t)))) {
      this.deps.log.warn({ event: 'tenant.rejected', status: 403, tenants, type: activity.type }, 'activity from a tenant that is not allowed');
      return { status: 403, body: { error: 'tenant not allowed' } };
    }

    const verb = cardVerbOf(activity);
    const key = this.deps.ledger && activity.id && !(verb !== undefined && this.deps.untracked?.(verb)) ? inboxKey(activity) : undefined;
    if (!key) return this.turn(activity, auth.result!);
    // The claim and the turn start together; the turn's effects wait for the claim (its
    // gate), so a turn costs no extra round trip. A lost claim leaves the turn waiting
    // forever at its gate, before any effect: it is abandoned.
    const claim = this.deps.ledger!.claim(key, activity.type);
    const gate = claim.then(
      (c) => (c === 'first' ? undefined : NEVER),
      () => NEVER,
    );
    const turn = this.turn(activity, auth.result!, gate);
    let result;
    try {
      result = await claim;
    } catch (err) {
      this.deps.log.error({ err, event: 'inbox.unavailable' }, 'cannot record the activity: storage does not answer');
      return { status: 503, body: { error: 'storage unavailable' } };
    }
    if (result === 'seen') return this.redelivered(key, activity);
    if (activity.type === 'invoke') this.keep(key, turn);
    return turn;
  }

  private keep(key: string, answer: Promise<EdgeAnswer>): void {
    const now = Date.now();
    for (const [k, v] of this.answers) {
      if (v.expires > now && this.answers.size < ANSWERS_KEPT) break;
      this.answers.delete(k);
    }
    this.answers.set(key, { answer, expires: now + ANSWER_TTL_MS });
  }

  private async turn(activity: Activity, auth: AuthenticateRequestResult, gate?: Promise<void>): Promise<EdgeAnswer> {
    const telemetry = this.deps.telemetry ?? noTelemetry;
    const started = performance.now();
    const kind = { 'trio.activity.type': activity.type, ...(activity.type === 'invoke' && activity.name ? { 'trio.activity.name': activity.name } : {}) };
    const answer = await telemetry.span('turn', kind, async (span) => {
      const a = await this.runTurn(activity, auth, gate);
      span.set({ 'http.response.status_code': a.status });
      return a;
    });
    telemetry.record('turnDuration', performance.now() - started, kind);
    return answer;
  }

  private async runTurn(activity: Activity, auth: AuthenticateRequestResult, gate?: Promise<void>): Promise<EdgeAnswer> {
    try {
      const response = await this.deps.adapter.run(auth, activity, (context) => {
        if (gate) {
          // Every send, update and delete of the turn waits for the gate (Turn.ready covers writes).
          context.turnState.set(READY_KEY, gate);
          context.onSendActivities(async (_c, _a, next) => {
            await gate;
            return next();
          });
          context.onUpdateActivity(async (_c, _a, next) => {
            await gate;
            return next();
          });
          context.onDeleteActivity(async (_c, _r, next) => {
            await gate;
            return next();
          });
        }
        return this.deps.bot.run(context);
      });
      if (!response) return { status: 200 };
      // No invoke response means the turn failed (onTurnError has logged it); the SDK would say 501.
      return { status: response.status === 501 ? 500 : response.status, ...(response.body !== undefined ? { body: response.body } : {}) };
    } catch (err) {
      this.deps.log.error({ err, event: 'turn.failed', activityId: activity.id, type: activity.type }, 'turn failed');
      return { status: 500 };
    }
  }

  /** The same activity again: no work. A message gets an empty 200; an invoke the first delivery's answer. */
  private async redelivered(key: string, activity: Activity): Promise<EdgeAnswer> {
    this.deps.log.info({ event: 'activity.redelivered', activityId: activity.id, type: activity.type }, 'activity already handled');
    if (activity.type !== 'invoke') return { status: 200 };
    const kept = this.answers.get(key);
    if (kept && kept.expires > Date.now()) {
      const answer = await Promise.race([kept.answer, sleep(this.redeliveryWaitMs).then(() => undefined)]);
      if (answer && answer.status < 500) return answer;
    }
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: da.alreadyReceived } };
  }

  private authFailed(status: 401 | 503, reason: string): EdgeAnswer {
    if (status === 503) {
      this.deps.log.warn({ event: 'auth.unavailable', status, reason }, 'cannot verify tokens: the signing keys could not be fetched');
      return { status, body: { error: 'authentication unavailable' } };
    }
    this.deps.log.info({ event: 'auth.rejected', status, reason }, 'request refused');
    return { status, body: { error: 'unauthorized' } };
  }
}

/** Every tenant id the activity names (lower case). */
function tenantsOf(activity: Activity): string[] {
  const fromData = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return [...new Set([activity.conversation.tenantId, fromData].filter((t): t is string => typeof t === 'string' && t !== '').map((t) => t.toLowerCase()))];
}

/** The inbox key: a hash, so no conversation id or other personal data is stored. */
/** The verb of a card action: Action.Execute (invoke) or Action.Submit (a message with a value and no text). */
function cardVerbOf(activity: Activity): string | undefined {
  const value = activity.value as { verb?: unknown; action?: { verb?: unknown; data?: { verb?: unknown } } } | undefined;
  const verb = activity.type === 'invoke' ? (value?.action?.verb ?? value?.action?.data?.verb) : !activity.text?.trim() ? value?.verb : undefined;
  return typeof verb === 'string' ? verb : undefined;
}

function inboxKey(activity: Activity): string {
  return createHash('sha256').update(`${activity.channelId}\n${activity.conversation.id}\n${activity.id}`).digest('hex').slice(0, 40);
}

/** A promise that never settles: what a turn that lost its claim waits for. */
const NEVER = new Promise<never>(() => undefined);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());
