import { TurnContext, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import type { OutMessage } from '../core/types.js';
import { parseRetryAfter, TransportError, type SendOptions, type Transport } from '../core/transport.js';
import { toActivity } from './turn.js';

/**
 * The botbuilder side of the one proactive sender: CloudAdapter continueConversationAsync
 * for sends and createConversationAsync for personal chats. With an empty app id the
 * SDK sends without a token (local mode, e.g. against the connector double).
 *
 * Two SDK behaviours are changed for proactive sends, inside the turn's own connector
 * client only: the SDK's built-in retry policy is removed (the sender retries, throttles
 * and records each attempt itself; hidden retries would also defeat the rate limiter)
 * and every request gets a timeout. Errors are caught inside the turn, because the
 * adapter would otherwise hand them to onTurnError and swallow them.
 */

interface RequestLike {
  timeout: number;
  abortSignal?: AbortSignal;
}

interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: { name: string; sendRequest(req: RequestLike, next: (req: unknown) => Promise<unknown>): Promise<unknown> }, options?: { phase?: string }): void;
}

export interface BotTransportOptions {
  /** Per request; a timeout is an unknown outcome (the message may have arrived). */
  timeoutMs?: number;
}

export class BotTransport implements Transport {
  private readonly timeoutMs: number;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    options: BotTransportOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async send(reference: string, message: OutMessage, options: SendOptions = {}): Promise<{ activityId?: string }> {
    const ref = JSON.parse(reference) as Partial<ConversationReference>;
    const { signal } = options;
    let activityId: string | undefined;
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(this.appId, ref, async (context) => {
        signal?.throwIfAborted();
        this.prepare(context, signal);
        try {
          activityId = (await context.sendActivity(toActivity(message)))?.id;
        } catch (e) {
          failure = e;
        }
      });
    } catch (e) {
      failure ??= e;
    }
    if (failure) {
      if (signal?.aborted) throw new TransportError({ status: 0, code: 'Aborted', message: 'send aborted (shutting down)', unknownOutcome: true });
      throw toTransportError(failure);
    }
    return activityId ? { activityId } : {};
  }

  async createPersonal(template: string, user: { teamsUserId: string; tenantId: string }): Promise<{ reference: string }> {
    const base = JSON.parse(template) as Partial<ConversationReference>;
    if (!base.serviceUrl || !base.bot) throw new TransportError({ status: 0, message: 'template reference has no serviceUrl or bot' });
    const params = {
      isGroup: false,
      bot: base.bot,
      members: [{ id: user.teamsUserId, name: '' }],
      tenantId: user.tenantId,
      channelData: { tenant: { id: user.tenantId } },
    } as unknown as ConversationParameters;
    let created: Partial<ConversationReference> | undefined;
    try {
      await this.adapter.createConversationAsync(this.appId, base.channelId ?? 'msteams', base.serviceUrl, '', params, async (context) => {
        created = TurnContext.getConversationReference(context.activity);
      });
    } catch (e) {
      throw toTransportError(e);
    }
    if (!created?.conversation?.id) throw new TransportError({ status: 0, message: 'createConversation returned no conversation id' });
    const reference: Partial<ConversationReference> = {
      ...created,
      conversation: { ...created.conversation, conversationType: 'personal', tenantId: user.tenantId, isGroup: false, name: '' },
      user: { id: user.teamsUserId, name: '' },
      bot: base.bot,
    };
    delete reference.activityId;
    return { reference: JSON.stringify(reference) };
  }

  conversationOf(reference: string): string {
    return (JSON.parse(reference) as Partial<ConversationReference>).conversation?.id ?? '';
  }

  private prepare(context: TurnContext, signal?: AbortSignal): void {
    const connector = context.turnState.get(context.adapter.ConnectorClientKey) as { client?: { pipeline?: PipelineLike } } | undefined;
    const pipeline = connector?.client?.pipeline;
    if (!pipeline) return;
    pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    const timeout = this.timeoutMs;
    pipeline.addPolicy({
      name: 'trioProactiveTimeout',
      sendRequest: (req, next) => {
        req.timeout = timeout;
        if (signal) req.abortSignal = req.abortSignal ? AbortSignal.any([req.abortSignal, signal]) : signal;
        return next(req);
      },
    });
  }
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get(name: string): string | undefined }; bodyAsText?: string | null };
  cause?: { code?: string };
  name?: string;
}

/** Maps a botframework-connector RestError (@azure/core-rest-pipeline) to a TransportError. */
export function toTransportError(e: unknown): TransportError {
  if (e instanceof TransportError) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as RestErrorLike;
  const status = typeof err.statusCode === 'number' ? err.statusCode : 0;
  const retryAfterMs = parseRetryAfter(err.response?.headers?.get('retry-after'));
  let code = bodyCode(err.response?.bodyAsText);
  if (!code && err.code && err.code !== 'REQUEST_SEND_ERROR') code = err.code;
  if (status > 0) {
    return new TransportError({ status, message: err.message ?? `HTTP ${status}`, ...(code ? { code } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  // No answer. Refused or unresolvable: nothing was sent. Timeout or reset: it may have arrived.
  const cause = err.cause?.code ?? /\b(E[A-Z]{3,})\b/.exec(err.message ?? '')?.[1] ?? (/socket hang up/i.test(err.message ?? '') ? 'ECONNRESET' : undefined);
  const notSent = cause === 'ECONNREFUSED' || cause === 'ENOTFOUND' || cause === 'EAI_AGAIN';
  return new TransportError({
    status: 0,
    message: err.message ?? String(e),
    code: cause ?? (err.name === 'AbortError' ? 'Timeout' : 'NoResponse'),
    unknownOutcome: !notSent,
  });
}

function bodyCode(body: string | null | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string } };
    return parsed.error?.code || undefined;
  } catch {
    return undefined;
  }
}
