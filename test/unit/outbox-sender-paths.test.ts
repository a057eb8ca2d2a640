import { describe, expect, it } from 'vitest';
import type { ConversationStore, StoredTarget } from '../../src/conversations/store.js';
import { createLogger } from '../../src/core/log.js';
import { TransportError, type Transport } from '../../src/core/transport.js';
import { SendLimiter } from '../../src/outbox/limiter.js';
import { Sender, type SenderOptions } from '../../src/outbox/sender.js';
import type { WorkplaceStore } from '../../src/workplaces/store.js';
import { sendingJob } from '../support/jobs.js';

/**
 * The sender's ways to a recipient and out of a delivery (src/outbox/sender.ts), beyond
 * the retry rules of reminders-sender.test.ts: channel and user targets, a personal chat
 * opened from the workplace's channel, a member Teams does not know, 403 and 5xx while
 * opening a chat, and shutdown while waiting or sending. Fake time, a scripted transport
 * and in-memory stores.
 */

const ref = (conversationId: string) => JSON.stringify({ conversation: { id: conversationId } });

function stored(kind: 'user' | 'channel', key: string, conversationId: string, extra: Partial<StoredTarget> = {}): StoredTarget {
  return { kind, key, reference: ref(conversationId), tenantId: 't', serviceUrl: 'http://svc/', active: true, updatedAt: '', ...extra };
}

interface World {
  refs?: StoredTarget[];
  workplace?: { trio?: { conversationId: string }; med?: { conversationId: string } };
  member?: { teamsUserId?: string };
  /** What createPersonal does: a reference, or an error to throw. */
  create?: 'ok' | Error;
  /** The store accepts a personal chat's reference but it is gone when read back (a lost write). */
  lostSave?: boolean;
  /** Answers of send, in order ('ok' after the script ends); 'hang' never answers until aborted. */
  script?: (TransportError | Error | 'ok' | 'hang')[];
}

function setup(world: World = {}, options: SenderOptions = {}) {
  let now = 0;
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    now += ms;
  };
  const refs = new Map<string, StoredTarget>((world.refs ?? []).map((t) => [`${t.kind}/${t.key}`, t]));
  const sends: string[] = [];
  const creates: { template: string; user: { teamsUserId: string; tenantId: string } }[] = [];
  const saved: unknown[] = [];
  const script = [...(world.script ?? [])];
  const transport: Transport = {
    send(reference, _message, opts) {
      sends.push(this.conversationOf(reference));
      const next = script.shift() ?? 'ok';
      if (next === 'hang') {
        return new Promise((_, reject) =>
          opts?.signal?.addEventListener('abort', () => reject(new TransportError({ status: 0, code: 'Aborted', unknownOutcome: true })), { once: true }),
        );
      }
      if (next !== 'ok') return Promise.reject(next);
      return Promise.resolve({ activityId: `act-${sends.length}` });
    },
    async createPersonal(template, user) {
      creates.push({ template, user });
      if (world.create instanceof Error) throw world.create;
      return { reference: ref(`a:new-${user.teamsUserId}`) };
    },
    conversationOf: (reference) => (JSON.parse(reference) as { conversation: { id: string } }).conversation.id,
  };
  const conversations = {
    get: async (kind: string, key: string) => refs.get(`${kind}/${key}`),
    save: async (t: Omit<StoredTarget, 'active' | 'updatedAt'>) => {
      saved.push(t);
      if (world.lostSave) return;
      refs.set(`${t.kind}/${t.key}`, { ...t, active: true, updatedAt: '' });
    },
    deactivate: async (kind: string, key: string, reason: string) => {
      const t = refs.get(`${kind}/${key}`);
      if (t) refs.set(`${kind}/${key}`, { ...t, active: false, inactiveReason: reason });
    },
  } as unknown as ConversationStore;
  const memberCalls: string[] = [];
  const workplaces = {
    member: async (workplaceId: string, aad: string) => (memberCalls.push(`${workplaceId}/${aad}`), world.member),
    get: async () => world.workplace,
  } as unknown as WorkplaceStore;
  const limiter = new SendLimiter({ appPerSecond: 40, now: () => now, sleep });
  const sender = new Sender({ transport, conversations, workplaces, limiter, log: createLogger('silent') }, { sleep, now: () => now, random: () => 0.5, ...options });
  return { sender, limiter, refs, sends, creates, saved, sleeps, memberCalls };
}

const userJob = sendingJob();
const channelJob = sendingJob({ key: 'test:c', target: { kind: 'channel', conversationId: '19:trio' } });

describe('Sender: resolving the recipient', () => {
  it('finds a channel by its conversation id; an unknown channel has no reference, an inactive one is blocked', async () => {
    const ok = setup({ refs: [stored('channel', '19:trio', '19:trio')] });
    expect(await ok.sender.resolve(channelJob)).toMatchObject({ ok: true, target: { kind: 'channel', key: '19:trio' } });
    expect(await setup().sender.resolve(channelJob)).toEqual({ ok: false, blocked: false, reason: 'NoConversationReference' });
    const removed = setup({ refs: [stored('channel', '19:trio', '19:trio', { active: false, inactiveReason: 'uninstalled' })] });
    expect(await removed.sender.resolve(channelJob)).toEqual({ ok: false, blocked: true, reason: 'uninstalled' });
    const silent = setup({ refs: [stored('channel', '19:trio', '19:trio', { active: false })] });
    expect(await silent.sender.resolve(channelJob)).toEqual({ ok: false, blocked: true, reason: 'inactive' });
  });

  it('uses a stored personal chat; an inactive one is blocked with its reason', async () => {
    const s = setup({ refs: [stored('user', 'aad-1', 'a:old')] });
    expect(await s.sender.resolve(userJob)).toMatchObject({ ok: true, target: { key: 'aad-1' } });
    expect(s.creates).toEqual([]);
    const blocked = setup({ refs: [stored('user', 'aad-1', 'a:old', { active: false, inactiveReason: 'MessageWritesBlocked' })] });
    expect(await blocked.sender.resolve(userJob)).toEqual({ ok: false, blocked: true, reason: 'MessageWritesBlocked' });
    const plain = setup({ refs: [stored('user', 'aad-1', 'a:old', { active: false })] });
    expect(await plain.sender.resolve(userJob)).toEqual({ ok: false, blocked: true, reason: 'inactive' });
    expect(blocked.creates).toEqual([]);
  });

  it("opens a personal chat from the workplace's TRIO channel (else its MED channel) and stores it", async () => {
    const s = setup({
      refs: [stored('channel', '19:trio', '19:trio', { serviceUrl: 'http://trio/', tenantId: 'tenant-a' })],
      workplace: { trio: { conversationId: '19:trio' } },
      member: { teamsUserId: '29:one' },
    });
    const resolved = await s.sender.resolve(userJob);
    expect(resolved).toMatchObject({ ok: true, target: { kind: 'user', key: 'aad-1', reference: ref('a:new-29:one') } });
    expect(s.creates).toEqual([{ template: ref('19:trio'), user: { teamsUserId: '29:one', tenantId: 'tenant-a' } }]);
    expect(s.saved).toEqual([{ kind: 'user', key: 'aad-1', reference: ref('a:new-29:one'), serviceUrl: 'http://trio/', tenantId: 'tenant-a' }]);
    expect(s.memberCalls).toEqual(['wp/aad-1']);

    // No TRIO channel stored, or one without a service URL: the MED channel serves.
    const med = setup({
      refs: [stored('channel', '19:trio', '19:trio', { serviceUrl: '' }), stored('channel', '19:med', '19:med', { serviceUrl: 'http://med/' })],
      workplace: { trio: { conversationId: '19:trio' }, med: { conversationId: '19:med' } },
      member: { teamsUserId: '29:one' },
    });
    expect(await med.sender.resolve(userJob)).toMatchObject({ ok: true });
    expect(med.creates[0]!.template).toBe(ref('19:med'));
    const onlyMed = setup({ refs: [stored('channel', '19:med', '19:med')], workplace: { trio: { conversationId: '19:gone' }, med: { conversationId: '19:med' } }, member: { teamsUserId: '29:one' } });
    expect(await onlyMed.sender.resolve(userJob)).toMatchObject({ ok: true });
    expect(onlyMed.creates[0]!.template).toBe(ref('19:med'));
  });

  it('has no reference without a channel to start from, and cannot open a chat for someone Teams does not know', async () => {
    expect(await setup({ workplace: {} }).sender.resolve(userJob)).toEqual({ ok: false, blocked: false, reason: 'NoConversationReference' });
    expect(await setup().sender.resolve(userJob)).toEqual({ ok: false, blocked: false, reason: 'NoConversationReference' });
    const refs = [stored('channel', '19:trio', '19:trio')];
    const workplace = { trio: { conversationId: '19:trio' } };
    expect(await setup({ refs, workplace }).sender.resolve(userJob)).toEqual({ ok: false, blocked: false, reason: 'UnknownMember' });
    const noTeamsId = setup({ refs, workplace, member: {} });
    expect(await noTeamsId.sender.resolve(userJob)).toEqual({ ok: false, blocked: false, reason: 'UnknownMember' });
    expect(noTeamsId.creates).toEqual([]);
  });

  it('opening a chat: 403 is blocked (final), 5xx or no answer is worth a retry, other errors are not', async () => {
    const base = { refs: [stored('channel', '19:trio', '19:trio')], workplace: { trio: { conversationId: '19:trio' } }, member: { teamsUserId: '29:one' } };
    expect(await setup({ ...base, create: new TransportError({ status: 403, code: 'BotNotInConversationRoster' }) }).sender.resolve(userJob)).toEqual({
      ok: false,
      blocked: true,
      reason: '403 BotNotInConversationRoster',
    });
    expect(await setup({ ...base, create: new TransportError({ status: 403 }) }).sender.resolve(userJob)).toEqual({ ok: false, blocked: true, reason: '403' });
    expect(await setup({ ...base, create: new TransportError({ status: 503 }) }).sender.resolve(userJob)).toEqual({
      ok: false,
      blocked: false,
      retry: true,
      reason: 'createConversation 503',
    });
    expect(await setup({ ...base, create: new TransportError({ status: 429, code: 'Throttled' }) }).sender.resolve(userJob)).toMatchObject({ retry: true, reason: 'createConversation 429 Throttled' });
    expect(await setup({ ...base, create: new Error('socket hang up') }).sender.resolve(userJob)).toEqual({
      ok: false,
      blocked: false,
      retry: true,
      reason: 'createConversation no answer',
    });
    expect(await setup({ ...base, create: new TransportError({ status: 400, code: 'BadArgument' }) }).sender.resolve(userJob)).toEqual({
      ok: false,
      blocked: false,
      retry: false,
      reason: 'createConversation 400 BadArgument',
    });
  });

  it('a personal chat whose stored reference cannot be read back has no reference', async () => {
    const s = setup({ refs: [stored('channel', '19:trio', '19:trio')], workplace: { trio: { conversationId: '19:trio' } }, member: { teamsUserId: '29:one' }, lostSave: true });
    expect(await s.sender.resolve(userJob)).toEqual({ ok: false, blocked: false, reason: 'NoConversationReference' });
    expect(s.saved).toHaveLength(1);
  });

  it('a channel job is never given a personal chat', async () => {
    const s = setup({ refs: [stored('channel', '19:trio', '19:trio')], script: [new TransportError({ status: 404, code: 'ConversationNotFound' })] });
    const resolved = await s.sender.resolve(channelJob);
    if (!resolved.ok) throw new Error(resolved.reason);
    expect(await s.sender.deliver(channelJob, { text: 'hej' }, resolved.target)).toEqual({ outcome: 'failed', attempts: 1, reason: '404 ConversationNotFound' });
    expect(s.creates).toEqual([]);
  });
});

describe('Sender: delivering', () => {
  const user = () => stored('user', 'aad-1', 'a:old');

  it('reports the conversation and activity id of a sent message, and counts attempts on from the job', async () => {
    const s = setup({ refs: [user()] });
    expect(await s.sender.deliver({ ...userJob, attempts: 3 }, { text: 'hej' }, user())).toEqual({ outcome: 'sent', attempts: 4, conversationId: 'a:old', activityId: 'act-1' });
  });

  it('when reopening a chat after ConversationNotFound fails, says why: blocked, retry later, or failed', async () => {
    const base = { refs: [user(), stored('channel', '19:trio', '19:trio')], workplace: { trio: { conversationId: '19:trio' } }, member: { teamsUserId: '29:one' } };
    const gone = () => [new TransportError({ status: 404, code: 'ConversationNotFound' })];
    const blocked = setup({ ...base, script: gone(), create: new TransportError({ status: 403 }) });
    expect(await blocked.sender.deliver(userJob, { text: 'hej' }, user())).toEqual({ outcome: 'blocked', attempts: 1, reason: '403' });
    const later = setup({ ...base, script: gone(), create: new TransportError({ status: 502 }) });
    const retry = await later.sender.deliver(userJob, { text: 'hej' }, user());
    expect(retry).toMatchObject({ outcome: 'retry', attempts: 1, reason: 'createConversation 502' });
    expect((retry as { delayMs: number }).delayMs).toBeGreaterThan(0);
    const failed = setup({ ...base, script: gone(), create: new TransportError({ status: 400 }) });
    expect(await failed.sender.deliver(userJob, { text: 'hej' }, user())).toEqual({ outcome: 'failed', attempts: 1, reason: 'createConversation 400' });
    const unknown = setup({ ...base, script: gone(), member: {} });
    expect(await unknown.sender.deliver(userJob, { text: 'hej' }, user())).toEqual({ outcome: 'failed', attempts: 1, reason: 'UnknownMember' });
    // Reopened: the retry goes to the new conversation.
    const reopened = setup({ ...base, script: gone() });
    expect(await reopened.sender.deliver(userJob, { text: 'hej' }, user())).toMatchObject({ outcome: 'sent', attempts: 2, conversationId: 'a:new-29:one' });
    expect(reopened.sends).toEqual(['a:old', 'a:new-29:one']);
  });

  it('a failure without an HTTP answer is retried; any other thrown error counts as no answer', async () => {
    const s = setup({ refs: [user()], script: [new Error('ECONNRESET'), 'ok'] });
    expect(await s.sender.deliver(userJob, { text: 'hej' }, user())).toMatchObject({ outcome: 'sent', attempts: 2 });
    expect(s.sleeps).toEqual([375]);
    const many = setup({ refs: [user()], script: Array.from({ length: 5 }, () => new TransportError({ status: 0 })) }, { maxAttempts: 3 });
    expect(await many.sender.deliver(userJob, { text: 'hej' }, user())).toEqual({ outcome: 'failed', attempts: 3, reason: 'no answer (after 3 attempts)' });
    const coded = setup({ refs: [user()], script: [new TransportError({ status: 500, code: 'InternalError' })] });
    expect(await coded.sender.deliver(userJob, { text: 'hej' }, user())).toEqual({ outcome: 'failed', attempts: 1, reason: '500 InternalError' });
  });

  it('a retry that would run past the budget is handed back with its delay', async () => {
    const s = setup({ refs: [user()], script: [new TransportError({ status: 503 })] }, { budgetMs: 300, backoffBaseMs: 1_000 });
    expect(await s.sender.deliver(userJob, { text: 'hej' }, user())).toEqual({ outcome: 'retry', attempts: 1, reason: '503', delayMs: 750 });
    expect(s.sleeps).toEqual([]);
    // Within the budget the same backoff is slept through.
    const within = setup({ refs: [user()], script: [new TransportError({ status: 503 })] }, { budgetMs: 750, backoffBaseMs: 1_000 });
    expect(await within.sender.deliver(userJob, { text: 'hej' }, user())).toMatchObject({ outcome: 'sent', attempts: 2 });
    expect(within.sleeps).toEqual([750]);
  });

  it('a 503 handed back does not pause the conversation for the next job (only a 429 does)', async () => {
    const s = setup({ refs: [user()], script: [new TransportError({ status: 503 }), 'ok'] }, { budgetMs: 300, backoffBaseMs: 1_000 });
    expect(await s.sender.deliver(userJob, { text: 'hej' }, user())).toMatchObject({ outcome: 'retry', delayMs: 750 });
    expect(await s.sender.deliver({ ...userJob, key: 'test:2' }, { text: 'hej' }, user())).toMatchObject({ outcome: 'sent', attempts: 1 });
    expect(s.sleeps.every((ms) => ms < 100)).toBe(true);
    const throttled = setup({ refs: [user()], script: [new TransportError({ status: 429, retryAfterMs: 750 }), 'ok'] }, { budgetMs: 300 });
    expect(await throttled.sender.deliver(userJob, { text: 'hej' }, user())).toMatchObject({ outcome: 'retry' });
    // The 429 paused the conversation for 750 ms: the next job finds no slot within its budget.
    expect(await throttled.sender.deliver({ ...userJob, key: 'test:2' }, { text: 'hej' }, user())).toMatchObject({ outcome: 'retry', reason: 'no send slot within the budget' });
  });

  it('backoff base and cap are the options given', async () => {
    const s = setup({ refs: [user()], script: [503, 503, 503].map((status) => new TransportError({ status })) }, { backoffBaseMs: 100, backoffCapMs: 200 });
    expect(await s.sender.deliver(userJob, { text: 'hej' }, user())).toMatchObject({ outcome: 'sent', attempts: 4 });
    expect(s.sleeps).toEqual([75, 150, 150]);
  });

  it('shutdown: a wait for a slot or a backoff ends at once, a request in flight is cut (outcome unknown)', async () => {
    const waits = new AbortController();
    waits.abort(new Error('stopping'));
    const s = setup({ refs: [user()] });
    s.limiter.pause('a:old', 5_000, false);
    expect(await s.sender.deliver(userJob, { text: 'hej' }, user(), { waits: waits.signal })).toEqual({ outcome: 'interrupted', attempts: 0, reason: 'interrupted by shutdown', unknown: false });
    expect(s.sends).toEqual([]);

    const sends = new AbortController();
    const cut = setup({ refs: [user()], script: ['hang'] });
    const delivery = cut.sender.deliver(userJob, { text: 'hej' }, user(), { sends: sends.signal });
    await new Promise((r) => setTimeout(r, 10));
    sends.abort(new Error('stopping'));
    expect(await delivery).toEqual({ outcome: 'interrupted', attempts: 1, reason: 'interrupted by shutdown', unknown: true });

    // Aborted during a backoff sleep: the sleep never ends by itself.
    const backoff = new AbortController();
    const sleeping = setup({ refs: [user()], script: [new TransportError({ status: 503 })] }, { sleep: () => new Promise(() => undefined) });
    const during = sleeping.sender.deliver(userJob, { text: 'hej' }, user(), { waits: backoff.signal });
    await new Promise((r) => setTimeout(r, 10));
    backoff.abort(new Error('stopping'));
    expect(await during).toEqual({ outcome: 'interrupted', attempts: 1, reason: 'interrupted by shutdown', unknown: false });
  });

  it('a request cut by its own abort, or failing while the sends are being aborted, is interrupted with its outcome unknown', async () => {
    const aborted = setup({ refs: [user()], script: [new TransportError({ status: 0, code: 'Aborted', unknownOutcome: true })] });
    expect(await aborted.sender.deliver(userJob, { text: 'hej' }, user())).toEqual({ outcome: 'interrupted', attempts: 1, reason: 'interrupted by shutdown', unknown: true });
    expect(aborted.sends).toHaveLength(1);
    const sends = new AbortController();
    sends.abort(new Error('stopping'));
    const reset = setup({ refs: [user()], script: [new TransportError({ status: 0, message: 'socket hang up' })] });
    expect(await reset.sender.deliver(userJob, { text: 'hej' }, user(), { sends: sends.signal })).toEqual({ outcome: 'interrupted', attempts: 1, reason: 'interrupted by shutdown', unknown: true });
    expect(reset.sends).toHaveLength(1);
  });

  it('a 403 without a code deactivates the conversation as blocked', async () => {
    const s = setup({ refs: [user()], script: [new TransportError({ status: 403 })] });
    expect(await s.sender.deliver(userJob, { text: 'hej' }, user())).toEqual({ outcome: 'blocked', attempts: 1, reason: '403' });
    expect(s.refs.get('user/aad-1')).toMatchObject({ active: false, inactiveReason: 'blocked' });
  });

  it("backs off by this delivery's attempts, not the job's earlier ones", async () => {
    const s = setup({ refs: [user()], script: [new TransportError({ status: 503 })] }, { backoffBaseMs: 100 });
    expect(await s.sender.deliver({ ...userJob, attempts: 3 }, { text: 'hej' }, user())).toMatchObject({ outcome: 'sent', attempts: 5 });
    expect(s.sleeps).toEqual([75]);
  });

  it('measures the budget from the start of the delivery, whatever the clock reads', async () => {
    // A monotonic clock that reads far from zero: only the time since the start counts.
    const s = setup({ refs: [user()], script: [new TransportError({ status: 503 })] }, { now: () => 5_000_000 });
    expect(await s.sender.deliver(userJob, { text: 'hej' }, user())).toMatchObject({ outcome: 'sent', attempts: 2 });
    // Without a clock given, the process's monotonic clock measures it.
    const real = setup({ refs: [user()], script: Array.from({ length: 10 }, () => new TransportError({ status: 503 })) }, { now: undefined, budgetMs: 10 } as unknown as SenderOptions);
    expect(await real.sender.deliver(userJob, { text: 'hej' }, user())).toEqual({ outcome: 'retry', attempts: 1, reason: '503', delayMs: 375 });
  });

  it('an error from the limiter that is not shutdown is not swallowed', async () => {
    const s = setup({ refs: [user()] });
    s.limiter.acquire = async () => {
      throw new Error('limiter broke');
    };
    await expect(s.sender.deliver(userJob, { text: 'hej' }, user())).rejects.toThrow('limiter broke');
  });
});
