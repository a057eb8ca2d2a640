import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The bot types a kommune can register (new multi-tenant bots are no longer allowed):
 * SingleTenant by default, UserAssignedMSI without a secret. Both start, authenticate every
 * request (401 without a token) and never fall back to local mode.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = '99999999-8888-7777-6666-555555555555';

const activity = {
  type: 'message',
  id: 'act-1',
  text: 'hjælp',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-0000000000aa', name: 'Lone' },
  recipient: { id: '28:bot', name: 'TRIO-bot' },
  conversation: { id: 'a:personal', conversationType: 'personal', tenantId: TENANT },
};

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function post(app: TestApp, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  return res.status;
}

describe('bot identity', () => {
  it('is SingleTenant when MicrosoftAppType is not set, and demands a token', async () => {
    t = await startTestApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT });
    expect(t.app.ctx.config.bot.appType).toBe('SingleTenant');
    expect(await post(t)).toBe(401);
    expect(await post(t, { authorization: 'Bearer not.a.jwt' })).toBe(401);
    expect(t.logs.some((l) => l.event === 'auth.localMode')).toBe(false);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });

  it('runs as a user-assigned managed identity without a secret', async () => {
    t = await startTestApp({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT });
    expect(t.app.ctx.config.bot).toMatchObject({ appType: 'UserAssignedMSI', appPassword: '', localMode: false });
    expect(await post(t)).toBe(401);
  });

  it('still runs unauthenticated in local mode although SingleTenant is the default', async () => {
    t = await startTestApp({});
    expect(t.app.ctx.config.bot).toMatchObject({ appType: 'SingleTenant', localMode: true });
    expect(t.logs.some((l) => l.event === 'auth.localMode')).toBe(true);
    // Every other HTTP and Playground test drives this local-mode bot without tokens.
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });
});
