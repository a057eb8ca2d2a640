import { describe, expect, it } from 'vitest';
import type { ConversationStore, StoredTarget } from '../../src/conversations/store.js';
import { createLogger } from '../../src/core/log.js';
import type { Attributes, Telemetry } from '../../src/core/telemetry.js';
import { TransportError, type Transport } from '../../src/core/transport.js';
import { SendLimiter } from '../../src/outbox/limiter.js';
import { Sender } from '../../src/outbox/sender.js';
import type { WorkplaceStore } from '../../src/workplaces/store.js';
import { sendingJob } from '../support/jobs.js';

/**
 * What an operator sees of one delivery (src/outbox/sender.ts): a `send` span per job with
 * its kind and target kind, and once done its outcome and the HTTP attempts this delivery
 * made (not the job's attempts from earlier claims). Fake time and a scripted transport.
 */

const ref = (conversationId: string) => JSON.stringify({ conversation: { id: conversationId } });
const target: StoredTarget = { kind: 'user', key: 'aad-1', reference: ref('a:dm-1'), tenantId: 't', serviceUrl: 'http://svc/', active: true, updatedAt: '' };
const job = sendingJob({ key: 'tel:1', kind: 'test.note', attempts: 2 });

function recording() {
  const spans: { name: string; attributes: Attributes; set: Attributes[] }[] = [];
  const telemetry: Telemetry = {
    async span(name, attributes, fn) {
      const span = { name, attributes, set: [] as Attributes[] };
      spans.push(span);
      return fn({ set: (a) => void span.set.push(a) });
    },
    count: () => undefined,
    record: () => undefined,
    observe: () => undefined,
    shutdown: async () => undefined,
  };
  return { spans, telemetry };
}

function sender(script: (TransportError | 'ok')[], telemetry: Telemetry) {
  let now = 0;
  const sleep = async (ms: number) => void (now += ms);
  const transport: Transport = {
    async send() {
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      return { activityId: 'act-1' };
    },
    createPersonal: () => Promise.reject(new Error('not here')),
    conversationOf: (reference) => (JSON.parse(reference) as { conversation: { id: string } }).conversation.id,
  };
  const limiter = new SendLimiter({ appPerSecond: 40, now: () => now, sleep });
  return new Sender(
    { transport, conversations: {} as ConversationStore, workplaces: {} as WorkplaceStore, limiter, log: createLogger('silent'), telemetry },
    { sleep, now: () => now, random: () => 0.5 },
  );
}

describe('Sender telemetry', () => {
  it('records one send span with the outcome and the attempts of this delivery', async () => {
    const { spans, telemetry } = recording();
    const delivery = await sender([new TransportError({ status: 503 })], telemetry).deliver(job, { text: 'hej' }, target);
    expect(delivery).toMatchObject({ outcome: 'sent', attempts: 4 });
    expect(spans).toEqual([{ name: 'send', attributes: { 'trio.job.kind': 'test.note', 'trio.send.target': 'user' }, set: [{ 'trio.send.outcome': 'sent', 'trio.send.attempts': 2 }] }]);
  });

  it('records a final failure as such', async () => {
    const { spans, telemetry } = recording();
    const delivery = await sender([new TransportError({ status: 400, code: 'BadArgument' })], telemetry).deliver(job, { text: 'hej' }, target);
    expect(delivery.outcome).toBe('failed');
    expect(spans[0]?.set).toEqual([{ 'trio.send.outcome': 'failed', 'trio.send.attempts': 1 }]);
  });
});
