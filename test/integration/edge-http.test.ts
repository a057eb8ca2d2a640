import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { TableServiceClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/server.js';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The HTTP edge in local mode: loopback only, the size limit, the content type,
 * malformed activities (400 with one warning), the tenant allow-list and /readyz.
 */
let connector: ConnectorDouble;
beforeAll(async () => {
  connector = await startConnectorDouble();
});
afterAll(() => connector.stop());

const TENANT = '6f1c0c1a-1111-4222-8333-444455556666';
const OTHER_TENANT = '0badc0de-1111-4222-8333-444455556666';

const activity = (over: Record<string, unknown> = {}) => ({
  type: 'message',
  id: `act-${Math.random().toString(36).slice(2)}`,
  text: 'hjælp',
  channelId: 'msteams',
  serviceUrl: connector.url,
  from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-0000000000aa', name: 'Lone' },
  recipient: { id: '28:bot', name: 'TRIO-bot' },
  conversation: { id: 'a:personal', conversationType: 'personal', tenantId: TENANT },
  channelData: { tenant: { id: TENANT } },
  ...over,
});

async function post(t: TestApp, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${t.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

/** Every entity in the app's tables. */
async function storedRows(t: TestApp): Promise<{ table: string; rowKey: string }[]> {
  const service = TableServiceClient.fromConnectionString(inject('azuriteConnectionString'), { allowInsecureConnection: true });
  const prefix = t.app.ctx.storage.prefix;
  const rows: { table: string; rowKey: string }[] = [];
  for await (const table of service.listTables()) {
    if (!table.name?.startsWith(prefix)) continue;
    for await (const e of t.app.ctx.storage.table(table.name.slice(prefix.length)).listEntities()) rows.push({ table: table.name, rowKey: String(e.rowKey) });
  }
  return rows;
}

const errorLines = (t: TestApp) => t.logs.filter((l) => Number(l.level) >= 50);

describe('local mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ HOST: undefined });
  });
  afterAll(() => t.stop());

  it('listens on loopback by default', () => {
    const address = t.app.http.server.address();
    expect(typeof address === 'object' && address ? address.address : '').toBe('127.0.0.1');
  });

  it('refuses to start on a non-loopback host without an app id, naming the fix', async () => {
    const child = spawn(process.execPath, ['dist/main.js'], { env: { PATH: process.env.PATH ?? '', HOST: '0.0.0.0', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    expect(stderr).toContain('HOST="0.0.0.0"');
    expect(stderr).toContain('set MicrosoftAppId and MicrosoftAppPassword');
  });

  it('answers 413 to a body over the limit, by its length or while it streams, without reading it all', async () => {
    const big = JSON.stringify(activity({ text: 'x'.repeat(MAX_BODY_BYTES) }));
    expect((await post(t, big)).status).toBe(413);
    // Chunked, no content-length: cut off once the limit is passed.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const piece = 'y'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 64 && req.write(piece)) sent++;
        if (sent < 64) req.once('drain', pump);
        else req.end();
      };
      pump();
    });
    expect(chunked).toBe(413);
    // A body just under the limit is read (and refused only for what it is).
    const under = JSON.stringify(activity({ text: 'x'.repeat(MAX_BODY_BYTES - 2_000) }));
    expect((await post(t, under)).status).toBe(400);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('answers 415 to other content types', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x']) {
      expect((await post(t, activity(), { 'content-type': type })).status).toBe(415);
    }
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', body: JSON.stringify(activity()) });
    expect(res.status).toBe(415);
  });

  it('answers 400 with a reason to malformed activities, and logs each once as a warning', async () => {
    const cases: [unknown, string][] = [
      ['{"type":', 'not JSON'],
      [[activity()], 'not a JSON object'],
      [activity({ from: { id: 29, aadObjectId: '00000000-0000-0000-0000-0000000000aa' } }), 'from.id'],
      [activity({ from: { id: '29:user', aadObjectId: { a: 1 } } }), 'from.aadObjectId'],
      [activity({ text: { trim: 1 } }), 'text'],
      [activity({ type: 'teleport' }), 'unknown activity type'],
      [activity({ conversation: undefined }), 'conversation'],
      [activity({ serviceUrl: 'file:///etc/passwd' }), 'serviceUrl'],
      [activity({ entities: [{ type: 'mention' }] }), 'entities'],
      [activity({ value: 'not an object', text: undefined }), 'value'],
      [activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Submit' } } }), 'value.action.type'],
      [activity({ type: 'invoke', name: 'composeExtension/query', value: {} }), 'unsupported invoke'],
      ['{"type":"message","__proto__":{"admin":true}}', '__proto__'],
      [JSON.stringify(activity({ value: JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`) })), 'nested too deeply'],
    ];
    for (const [body, reason] of cases) {
      const before = t.logs.length;
      const res = await post(t, body);
      expect(res.status, reason).toBe(400);
      expect((JSON.parse(res.body) as { reason: string }).reason).toContain(reason);
      const logged = t.logs.slice(before).filter((l) => l.event === 'activity.rejected');
      expect(logged, reason).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 40, status: 400 });
      expect(logged[0]!.reason).toContain(reason);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(errorLines(t)).toEqual([]);
  });

  it('answers a valid message, and acknowledges activity types it does not handle', async () => {
    const before = connector.sent().length;
    expect((await post(t, activity())).status).toBe(200);
    expect(connector.sent().length).toBe(before + 1);
    expect((await post(t, activity({ type: 'typing' }))).status).toBe(200);
    expect((await post(t, activity({ type: 'conversationUpdate', membersAdded: [{ id: '29:x' }] }))).status).toBe(200);
    expect(connector.sent().length).toBe(before + 1);
  });

  it('answers /readyz with its status only', async () => {
    const res = await fetch(`${t.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });
});

describe('readiness details behind a token', () => {
  const token = 'k'.repeat(40);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ READINESS_TOKEN: token });
  });
  afterAll(() => t.stop());

  it('shows the checks only with the configured token', async () => {
    const anonymous = (await (await fetch(`${t.url}/readyz`)).json()) as Record<string, unknown>;
    expect(anonymous).toEqual({ status: 'ready' });
    const wrong = (await (await fetch(`${t.url}/readyz`, { headers: { authorization: `Bearer ${'x'.repeat(40)}` } })).json()) as Record<string, unknown>;
    expect(wrong).toEqual({ status: 'ready' });
    const detailed = (await (await fetch(`${t.url}/readyz`, { headers: { authorization: `Bearer ${token}` } })).json()) as { checks: { name: string }[] };
    expect(detailed.checks.map((c) => c.name)).toEqual(['storage', 'scheduler']);
  });
});

describe('tenant allow-list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ALLOWED_TENANTS: TENANT });
  });
  afterAll(() => t.stop());

  it('refuses other tenants with 403 and stores nothing', async () => {
    const rowsBefore = await storedRows(t);
    const sent = connector.sent().length;
    const foreign = [
      activity({ conversation: { id: 'a:personal-x', conversationType: 'personal', tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT } } }),
      activity({ conversation: { id: 'a:personal-x', conversationType: 'personal' }, channelData: {} }),
      // One allowed and one foreign id: refused.
      activity({ conversation: { id: 'a:personal-x', conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: OTHER_TENANT } } }),
      activity({ type: 'installationUpdate', action: 'add', conversation: { id: 'a:personal-y', conversationType: 'personal', tenantId: OTHER_TENANT } }),
      activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'actions.create', data: {} } }, conversation: { id: 'a:personal-x', tenantId: OTHER_TENANT } }),
    ];
    for (const a of foreign) {
      const res = await post(t, a);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ error: 'tenant not allowed' });
    }
    expect(await storedRows(t)).toEqual(rowsBefore);
    expect(connector.sent().length).toBe(sent);
    expect(t.logs.filter((l) => l.event === 'tenant.rejected')).toHaveLength(foreign.length);
  });

  it('serves the allowed tenant', async () => {
    const sent = connector.sent().length;
    expect((await post(t, activity({ conversation: { id: 'a:personal-z', conversationType: 'personal', tenantId: TENANT.toUpperCase() } }))).status).toBe(200);
    expect(connector.sent().length).toBe(sent + 1);
    expect((await storedRows(t)).some((r) => r.table.endsWith('Inbox'))).toBe(true);
  });
});
