import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite } from '../../src/storage/azurite.js';
import { startTestApp, type TestApp } from '../support/app.js';

const activity = {
  type: 'message',
  id: 'act-1',
  text: 'hjælp',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-0000000000aa', name: 'Lone' },
  recipient: { id: '28:bot', name: 'TRIO-bot' },
  conversation: { id: 'a:personal', conversationType: 'personal', tenantId: 'tenant' },
};

describe('HTTP with an app id (Teams mode)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    });
  });
  afterAll(() => t.stop());

  it('answers 401 to a request without a token', async () => {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a garbage token', async () => {
    const res = await fetch(`${t.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(401);
  });

  it('does not log the password', () => {
    expect(JSON.stringify(t.logs)).not.toContain('not-a-real-secret');
    expect(t.logs.some((l) => l.event === 'auth.localMode')).toBe(false);
  });

  it('serves health and readiness', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
  });
});

describe('HTTP in local mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('warns once that it runs without authentication', () => {
    expect(t.logs.filter((l) => l.event === 'auth.localMode')).toHaveLength(1);
  });

  it('stops start-up when storage does not answer', async () => {
    const broken = await startTestApp({ STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;' }).catch(
      (e: unknown) => e,
    );
    // Tables are created at start-up, so a dead storage stops start-up with the storage
    // client's own error (connection refused), not with some other fault or a started app.
    expect(broken).toBeInstanceOf(Error);
    expect(broken).toMatchObject({ name: 'RestError', code: 'ECONNREFUSED' });
    expect((broken as Error).message).toContain('127.0.0.1:9');
  });
});

describe('readiness follows storage', () => {
  it('turns 503 when storage stops answering after start', async () => {
    const azurite = await startAzurite();
    const t = await startTestApp({ STORAGE_CONNECTION_STRING: azurite.connectionString });
    try {
      expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
      await azurite.stop();
      const res = await fetch(`${t.url}/readyz`);
      expect(res.status).toBe(503);
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    } finally {
      await t.stop();
      await azurite.stop();
    }
  });
});
