import { describe, expect, it } from 'vitest';
import type { ConversationStore, StoredTarget } from '../../src/conversations/store.js';
import { createLogger } from '../../src/core/log.js';
import { SendLimiter } from '../../src/outbox/limiter.js';
import { Sender, type SenderOptions } from '../../src/outbox/sender.js';
import { TransportError, type Transport } from '../../src/core/transport.js';
import type { WorkplaceStore } from '../../src/workplaces/store.js';
import type { Job } from '../../src/outbox/types.js';
import { sendingJob } from '../support/jobs.js';

/** A sender with fake time, a scripted transport and in-memory stores. */
function setup(script: (TransportError | 'ok')[], options: SenderOptions = {}) {
  let now = 0;
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    now += ms;
  };
  const sends: { conversation: string; at: number }[] = [];
  const created: string[] = [];
  const refs = new Map<string, StoredTarget>([['user/aad-1', target('aad-1', 'a:old')]]);
  const transport: Transport = {
    async send(reference) {
      sends.push({ conversation: this.conversationOf(reference), at: now });
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      return { activityId: `act-${sends.length}` };
    },
    async createPersonal(_template, user) {
      created.push(user.teamsUserId);
      return { reference: JSON.stringify({ conversation: { id: `a:new-${user.teamsUserId}` } }) };
    },
    conversationOf: (reference) => (JSON.parse(reference) as { conversation: { id: string } }).conversation.id,
  };
  const conversations = {
    get: async (kind: string, key: string) => refs.get(`${kind}/${key}`),
    save: async (t: Omit<StoredTarget, 'active' | 'updatedAt'>) => void refs.set(`${t.kind}/${t.key}`, { ...t, active: true, updatedAt: '' }),
    deactivate: async (kind: string, key: string, reason: string) => {
      const t = refs.get(`${kind}/${key}`);
      if (t) refs.set(`${kind}/${key}`, { ...t, active: false, inactiveReason: reason });
    },
  } as unknown as ConversationStore;
  const workplaces = { member: async () => ({ teamsUserId: '29:one' }), get: async () => undefined } as unknown as WorkplaceStore;
  const limiter = new SendLimiter({ appPerSecond: 40, now: () => now, sleep });
  const sender = new Sender(
    { transport, conversations, workplaces, limiter, log: createLogger('silent') },
    { sleep, now: () => now, random: () => 0.5, ...options },
  );
  return { sender, limiter, sends, sleeps, refs, created, elapsed: () => now };
}

function target(key: string, conversationId: string): StoredTarget {
  return { kind: 'user', key, reference: JSON.stringify({ conversation: { id: conversationId } }), tenantId: 't', serviceUrl: 'http://x/', active: true, updatedAt: '' };
}

const job = sendingJob();

async function deliver(s: ReturnType<typeof setup>, which: Job = job) {
  const resolved = await s.sender.resolve(which);
  if (!resolved.ok) throw new Error(resolved.reason);
  return s.sender.deliver(which, { text: 'hej' }, resolved.target);
}

describe('Sender', () => {
  it('honours Retry-After on 429 and then sends', async () => {
    const s = setup([new TransportError({ status: 429, retryAfterMs: 3_000 }), 'ok']);
    expect(await deliver(s)).toMatchObject({ outcome: 'sent', attempts: 2, activityId: 'act-2' });
    expect(s.sends[1]!.at).toBeGreaterThanOrEqual(3_000);
  });

  it('retries 412, 502, 503 and 504 with growing jittered backoff', async () => {
    const s = setup([412, 502, 503, 504].map((status) => new TransportError({ status })));
    expect(await deliver(s)).toMatchObject({ outcome: 'sent', attempts: 5 });
    expect(s.sleeps).toEqual([375, 750, 1_500, 3_000]);
  });

  it('gives up after the attempt limit and reports the last error', async () => {
    const s = setup(Array.from({ length: 10 }, () => new TransportError({ status: 503 })), { maxAttempts: 4 });
    expect(await deliver(s)).toMatchObject({ outcome: 'failed', attempts: 4, reason: '503 (after 4 attempts)' });
    expect(s.sends).toHaveLength(4);
  });

  it('hands a job back when no send slot comes within the budget', async () => {
    const s = setup(['ok'], { budgetMs: 1_000 });
    s.limiter.pause('a:old', 5_000, false);
    expect(await deliver(s)).toMatchObject({ outcome: 'retry', attempts: 0, reason: 'no send slot within the budget' });
    expect(s.sends).toEqual([]);
  });

  it('hands a long wait back to storage instead of sleeping through it', async () => {
    const s = setup([new TransportError({ status: 429, retryAfterMs: 120_000 })], { budgetMs: 60_000 });
    expect(await deliver(s)).toMatchObject({ outcome: 'retry', attempts: 1 });
    expect(s.sleeps).toEqual([]);
  });

  it('treats 403 as final and never writes there again', async () => {
    const s = setup([new TransportError({ status: 403, code: 'MessageWritesBlocked' })]);
    expect(await deliver(s)).toMatchObject({ outcome: 'blocked', attempts: 1 });
    expect(s.refs.get('user/aad-1')).toMatchObject({ active: false, inactiveReason: 'MessageWritesBlocked' });
    expect(await s.sender.resolve(job)).toMatchObject({ ok: false, blocked: true });
  });

  it('treats a 403 without a code, or with a code it does not know, as final too', async () => {
    for (const err of [new TransportError({ status: 403 }), new TransportError({ status: 403, code: 'NewTeamsCode' })]) {
      const s = setup([err, 'ok']);
      expect(await deliver(s)).toMatchObject({ outcome: 'blocked', attempts: 1 });
      expect(s.sends).toHaveLength(1);
      expect(s.refs.get('user/aad-1')).toMatchObject({ active: false });
    }
  });

  it('after a 429 with Retry-After the whole conversation waits, other jobs to it too', async () => {
    // Two sends to one conversation within a second: the 429 is the conversation's limit.
    // The throttled job hands its retry (3,125 ms) back to storage (budget 3,050), so only the pause can
    // hold the next job to that conversation; another conversation is not held.
    const s = setup(['ok', new TransportError({ status: 429, retryAfterMs: 3_000 }), 'ok', 'ok'], { budgetMs: 3_050 });
    s.refs.set('user/aad-2', target('aad-2', 'a:other'));
    expect(await deliver(s)).toMatchObject({ outcome: 'sent' });
    expect(await deliver(s, { ...job, key: 'test:2' })).toMatchObject({ outcome: 'retry', attempts: 1 });
    const other = deliver(s, { ...job, key: 'test:3', target: { kind: 'user', aadObjectId: 'aad-2' } });
    expect(await other).toMatchObject({ outcome: 'sent' });
    expect(s.sends[2]).toMatchObject({ conversation: 'a:other' });
    expect(s.sends[2]!.at).toBeLessThan(1_000);
    expect(await deliver(s, { ...job, key: 'test:4' })).toMatchObject({ outcome: 'sent', attempts: 1 });
    expect(s.sends[3]!.conversation).toBe('a:old');
    expect(s.sends[3]!.at).toBeGreaterThanOrEqual(3_000);
  });

  it('takes a 429 on the first send to a conversation as the tenant limit: every conversation of the tenant waits', async () => {
    const s = setup([new TransportError({ status: 429, retryAfterMs: 2_000 }), 'ok'], { budgetMs: 2_050 });
    s.refs.set('user/aad-2', target('aad-2', 'a:other'));
    expect(await deliver(s)).toMatchObject({ outcome: 'retry', attempts: 1 });
    expect(await deliver(s, { ...job, key: 'test:2', target: { kind: 'user', aadObjectId: 'aad-2' } })).toMatchObject({ outcome: 'sent' });
    expect(s.sends[1]).toMatchObject({ conversation: 'a:other' });
    expect(s.sends[1]!.at).toBeGreaterThanOrEqual(2_000);
  });

  it('does not retry other client errors', async () => {
    const s = setup([new TransportError({ status: 400, code: 'BadArgument' })]);
    expect(await deliver(s)).toMatchObject({ outcome: 'failed', reason: '400 BadArgument' });
  });

  it('reopens a personal chat once on ConversationNotFound', async () => {
    const s = setup([new TransportError({ status: 404, code: 'ConversationNotFound' }), 'ok']);
    expect(await deliver(s)).toMatchObject({ outcome: 'sent', conversationId: 'a:new-29:one' });
    expect(s.created).toEqual(['29:one']);
    const again = setup([new TransportError({ status: 404, code: 'ConversationNotFound' }), new TransportError({ status: 404, code: 'ConversationNotFound' })]);
    expect(await deliver(again)).toMatchObject({ outcome: 'failed' });
    expect(again.created).toHaveLength(1);
  });

  it('retries a lost answer (unknown outcome) like a transient error', async () => {
    const s = setup([new TransportError({ status: 0, code: 'Timeout', unknownOutcome: true }), 'ok']);
    expect(await deliver(s)).toMatchObject({ outcome: 'sent', attempts: 2 });
  });
});
