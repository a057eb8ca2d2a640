import { describe, expect, it } from 'vitest';
import { isBlocked, isConversationNotFound, parseRetryAfter, RETRYABLE_STATUSES, TransportError } from '../../src/core/transport.js';

describe('Transport errors', () => {
  it('treats every 403 as final: without a code, with a known code and with a code nobody has seen yet', () => {
    expect(isBlocked(new TransportError({ status: 403 }))).toBe(true);
    expect(isBlocked(new TransportError({ status: 403, code: 'MessageWritesBlocked' }))).toBe(true);
    expect(isBlocked(new TransportError({ status: 403, code: 'BotNotInConversationRoster' }))).toBe(true);
    expect(isBlocked(new TransportError({ status: 403, code: 'SomethingTeamsInventsNextYear' }))).toBe(true);
    expect(isBlocked(new TransportError({ status: 403, message: 'Forbidden' }))).toBe(true);
  });

  it('does not treat other statuses as blocked', () => {
    for (const status of [0, 400, 401, 404, 412, 429, 500, 502, 503, 504]) {
      expect(isBlocked(new TransportError({ status, code: 'MessageWritesBlocked' }))).toBe(false);
    }
  });

  it('retries exactly the transient statuses Teams documents', () => {
    expect([...RETRYABLE_STATUSES].sort()).toEqual([412, 429, 502, 503, 504]);
    expect(RETRYABLE_STATUSES.has(403)).toBe(false);
  });

  it('recognises ConversationNotFound by code or message only on 404', () => {
    expect(isConversationNotFound(new TransportError({ status: 404, code: 'ConversationNotFound' }))).toBe(true);
    expect(isConversationNotFound(new TransportError({ status: 404, message: 'Conversation not found.' }))).toBe(true);
    expect(isConversationNotFound(new TransportError({ status: 404, code: 'NotFound' }))).toBe(false);
    expect(isConversationNotFound(new TransportError({ status: 400, code: 'ConversationNotFound' }))).toBe(false);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-11-24T09:00:00Z');
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:00:07 GMT', now)).toBe(7_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 08:59:00 GMT', now)).toBe(0);
  });
});
