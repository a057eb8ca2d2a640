import type { OutMessage } from './types.js';

/**
 * How the sender reaches Teams, without any Bot Framework types: the reference is the
 * opaque JSON that ConversationStore keeps. The botbuilder implementation is
 * src/bot/transport.ts; tests may use the connector double through it.
 */
export interface SendOptions {
  /** Aborts the request (shutting down): it rejects with a TransportError, code 'Aborted', outcome unknown. */
  signal?: AbortSignal;
}

export interface Transport {
  /** Posts one message; resolves with the connector's activity id. Throws TransportError. */
  send(reference: string, message: OutMessage, options?: SendOptions): Promise<{ activityId?: string }>;
  /**
   * Opens (or reopens) the personal chat with a user. `template` is any stored reference
   * in the same tenant: it supplies the service URL, the bot account and the channel.
   */
  createPersonal(template: string, user: { teamsUserId: string; tenantId: string }): Promise<{ reference: string }>;
  /** The conversation a reference points at (the key of the per-conversation limit). */
  conversationOf(reference: string): string;
}

/**
 * A failed connector call. `status` 0 means no HTTP answer (timeout, reset, refused).
 * `unknownOutcome` means the message may have been accepted anyway (timeout or reset
 * after the request was written): a retry may duplicate it, and the log says so.
 */
export class TransportError extends Error {
  readonly status: number;
  readonly retryAfterMs?: number;
  readonly code?: string;
  readonly unknownOutcome: boolean;

  constructor(init: { status: number; message?: string; retryAfterMs?: number; code?: string; unknownOutcome?: boolean }) {
    super(init.message ?? `connector answered ${init.status}${init.code ? ` ${init.code}` : ''}`);
    this.name = 'TransportError';
    this.status = init.status;
    // Stryker disable next-line ConditionalExpression: equivalent, the declared class fields exist (undefined) either way
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    // Stryker disable next-line ConditionalExpression: equivalent, as above
    if (init.code !== undefined) this.code = init.code;
    this.unknownOutcome = init.unknownOutcome ?? false;
  }
}

export const isTransportError = (e: unknown): e is TransportError => e instanceof TransportError;

/** Statuses Teams documents as transient: retry with backoff, honour Retry-After. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);

/** 403: the user blocked the bot, the app was uninstalled, or writes are blocked. Final. */
export function isBlocked(e: TransportError): boolean {
  return e.status === 403;
}

export function isConversationNotFound(e: TransportError): boolean {
  return e.status === 404 && (e.code === 'ConversationNotFound' || /conversation not found/i.test(e.message));
}

/** Parses a Retry-After header: seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1_000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
