import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BotTransport } from '../../src/bot/transport.js';
import { TransportError } from '../../src/core/transport.js';
import { localAdapter } from '../../src/bot/adapter.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double.js';

const post = (url: string, body: unknown, method = 'POST') =>
  fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('connector double', () => {
  let connector: ConnectorDouble;
  beforeAll(async () => {
    connector = await startConnectorDouble({
      members: Array.from({ length: 5 }, (_, i) => ({ id: `29:m${i}`, name: `Medlem ${i}`, aadObjectId: `aad-${i}` })),
    });
  });
  afterAll(() => connector.stop());
  beforeEach(() => {
    connector.reset();
    connector.configure({ limits: { enabled: false } });
  });

  it('records sends, replies and updates, and creates 1:1 conversations', async () => {
    const conv = encodeURIComponent('a:one');
    const sent = await post(`${connector.url}v3/conversations/${conv}/activities`, { type: 'message', text: 'hej' });
    expect(sent.status).toBe(201);
    const { id } = (await sent.json()) as { id: string };
    expect((await post(`${connector.url}v3/conversations/${conv}/activities/${id}`, { type: 'message', text: 'svar' })).status).toBe(201);
    expect((await post(`${connector.url}v3/conversations/${conv}/activities/${id}`, { type: 'message', text: 'rettet' }, 'PUT')).status).toBe(200);
    const created = await post(`${connector.url}v3/conversations`, { isGroup: false, members: [{ id: '29:m1' }], tenantId: 't' });
    expect(((await created.json()) as { id: string }).id).toBe('a:1on1-29:m1');
    expect(connector.sentTo('a:one').map((r) => [r.kind, r.activity.text])).toEqual([['send', 'hej'], ['reply', 'svar']]);
    expect(connector.updates()[0]).toMatchObject({ activityId: id, activity: { text: 'rettet' } });
    expect(connector.created()[0]).toMatchObject({ conversationId: 'a:1on1-29:m1', tenantId: 't' });
  });

  it('pages members', async () => {
    const first = (await (await fetch(`${connector.url}v3/conversations/19%3Ateam/pagedmembers?pageSize=2`)).json()) as { members: unknown[]; continuationToken?: string };
    expect(first.members).toHaveLength(2);
    const all = (await (await fetch(`${connector.url}v3/conversations/19%3Ateam/members`)).json()) as unknown[];
    expect(all).toHaveLength(5);
    let token = first.continuationToken;
    let count = first.members.length;
    while (token) {
      const page = (await (await fetch(`${connector.url}v3/conversations/19%3Ateam/pagedmembers?pageSize=2&continuationToken=${token}`)).json()) as { members: unknown[]; continuationToken?: string };
      count += page.members.length;
      token = page.continuationToken;
    }
    expect(count).toBe(5);
  });

  it('enforces 7 per second per conversation and the app rate, with Retry-After', async () => {
    connector.configure({ limits: { enabled: true, appPerSecond: 10 } });
    const one = await Promise.all(Array.from({ length: 8 }, () => post(`${connector.url}v3/conversations/a%3Abusy/activities`, { text: 'x' })));
    expect(one.filter((r) => r.status === 201)).toHaveLength(7);
    const throttled = one.find((r) => r.status === 429)!;
    expect(throttled.headers.get('retry-after')).toBe('1');
    const many = await Promise.all(Array.from({ length: 5 }, (_, i) => post(`${connector.url}v3/conversations/a%3Ac${i}/activities`, { text: 'x' })));
    // 7 already accepted this second; the app limit of 10 leaves room for 3.
    expect(many.filter((r) => r.status === 201)).toHaveLength(3);
    expect(connector.stats()).toMatchObject({ accepted: 10, throttled: 3 });
  });

  it('injects 5xx bursts, 429 storms, 403, ConversationNotFound and hangs', async () => {
    const url = `${connector.url}v3/conversations/a%3Af/activities`;
    connector.failNext(2, 502);
    connector.throttleNext(1, 3);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(url, { text: `m${i}` })).status);
    expect(statuses).toEqual([502, 502, 429, 201]);
    connector.block('a:f');
    const blocked = await post(url, { text: 'x' });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ error: { code: 'MessageWritesBlocked' } });
    connector.reset();
    connector.notFound('a:1on1-29:m2');
    expect((await post(`${connector.url}v3/conversations/a%3A1on1-29%3Am2/activities`, { text: 'x' })).status).toBe(404);
    await post(`${connector.url}v3/conversations`, { members: [{ id: '29:m2' }] });
    expect((await post(`${connector.url}v3/conversations/a%3A1on1-29%3Am2/activities`, { text: 'x' })).status).toBe(201);
    connector.hangNext(1, { accept: true });
    const hung = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"lost answer"}', signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
    expect(hung).toBeInstanceOf(Error);
    expect(connector.sentTo('a:f').map((r) => r.activity.text)).toEqual(['lost answer']);
    expect(connector.stats().hung).toBe(1);
  }, 10_000);

  it('works with the botbuilder transport in local mode and maps errors', async () => {
    const transport = new BotTransport(localAdapter(), '', { timeoutMs: 300 });
    const reference = JSON.stringify({ serviceUrl: connector.url, channelId: 'msteams', bot: { id: '28:bot' }, conversation: { id: 'a:t1', conversationType: 'personal', tenantId: 't' }, user: { id: '29:m1' } });
    expect((await transport.send(reference, { text: 'hej' })).activityId).toBeTruthy();
    connector.throttleNext(1, 2);
    await expect(transport.send(reference, { text: 'x' })).rejects.toMatchObject({ status: 429, retryAfterMs: 2_000 });
    connector.block('a:t1', 'BotNotInConversationRoster');
    await expect(transport.send(reference, { text: 'x' })).rejects.toMatchObject({ status: 403, code: 'BotNotInConversationRoster' });
    connector.reset();
    connector.hangNext(1, { accept: true });
    const err = (await transport.send(reference, { text: 'maybe' }).catch((e: unknown) => e)) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ status: 0, unknownOutcome: true });
    expect(connector.sentTo('a:t1').map((r) => r.activity.text)).toEqual(['maybe']); // accepted, but the bot never heard
    const { reference: created } = await transport.createPersonal(reference, { teamsUserId: '29:m3', tenantId: 't' });
    expect(transport.conversationOf(created)).toBe('a:1on1-29:m3');
  });
});

describe('the bot through the connector double', () => {
  let connector: ConnectorDouble;
  let t: TestApp;
  beforeAll(async () => {
    connector = await startConnectorDouble();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
    await connector.stop();
  });

  it('answers a Teams activity through the double', async () => {
    const res = await post(`${t.url}/api/messages`, {
      type: 'message',
      id: 'act-1',
      text: 'hjælp',
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-0000000000aa', name: 'Lone' },
      recipient: { id: '28:bot', name: 'TRIO-bot' },
      conversation: { id: 'a:personal-lone', conversationType: 'personal', tenantId: 'tenant' },
    });
    expect(res.status).toBeLessThan(300);
    await connector.waitForSent(1);
    const reply = connector.sentTo('a:personal-lone')[0]!;
    expect(reply.kind).toBe('reply');
    expect(JSON.stringify(reply.activity)).toContain('adaptive');
  });
});
