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

  it('says what the connector answered, and carries only the fields it was given', () => {
    const plain = new TransportError({ status: 503 });
    expect(plain).toBeInstanceOf(Error);
    expect([plain.name, plain.message, plain.status, plain.unknownOutcome]).toEqual(['TransportError', 'connector answered 503', 503, false]);
    expect([plain.code, plain.retryAfterMs]).toEqual([undefined, undefined]);
    const coded = new TransportError({ status: 429, code: 'Throttled', retryAfterMs: 2_000, unknownOutcome: true });
    expect([coded.message, coded.code, coded.retryAfterMs, coded.unknownOutcome]).toEqual(['connector answered 429 Throttled', 'Throttled', 2_000, true]);
    expect(new TransportError({ status: 0, message: 'socket hang up', unknownOutcome: false })).toMatchObject({ message: 'socket hang up', unknownOutcome: false });
  });

  it('reads no Retry-After from an empty header, and never a negative one', () => {
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    // "0" is zero seconds, not the year 2000 that Date.parse would make of it.
    expect(parseRetryAfter('0', 0)).toBe(0);
    // A negative number of seconds is no number of seconds ("-5" is then a date in the past).
    expect(parseRetryAfter('-5', Date.parse('2026-11-24T09:00:00Z'))).toBe(0);
  });
});
