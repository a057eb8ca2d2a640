import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/log.js';
import { freePort } from '../../src/storage/azurite.js';
import { foreignKey, startOpenIdDouble, type OpenIdDouble } from '../support/openid-double.js';

/**
 * With an app id: every request needs a Bot Framework token. The signing keys come from
 * a local OpenID metadata double, so the SDK's verifier checks real RS256 tokens; every
 * broken kind must give 401, an unreachable key service 503, and nothing from the
 * verifier may reach the response body or stderr.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const SECRET = 'app-password-not-for-logs';
const SERVICE_URL = 'http://127.0.0.1:9/teams/';

const activity = (over: Record<string, unknown> = {}) => ({
  // A typing activity: authenticated, then acknowledged without a reply (which would need a real outbound token).
  type: 'typing',
  id: 'act-auth',
  channelId: 'msteams',
  serviceUrl: SERVICE_URL,
  from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-0000000000aa', name: 'Lone' },
  recipient: { id: `28:${APP_ID}`, name: 'TRIO-bot' },
  conversation: { id: 'a:personal', conversationType: 'personal', tenantId: 'tenant' },
  ...over,
});

interface Running {
  app: App;
  url: string;
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

async function start(metadataUrl: string): Promise<Running> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'),
    TABLE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    SCHEDULER_ENABLED: 'false',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: SECRET,
    MicrosoftAppType: 'MultiTenant',
    PULSE_SEAL_KEY: randomBytes(32).toString('base64'), // a bot with an app id seals pulse ballots (config.ts)
  });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = await startApp(config, { log: createLogger('info', sink), auth: { openIdMetadataUrl: metadataUrl } });
  return { app, url: `http://127.0.0.1:${app.port}`, logs, stop: () => app.stop() };
}

async function post(url: string, body: unknown, authorization?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

/** Everything written to stderr or console.error while `run` runs. */
async function stderrDuring(run: () => Promise<void>): Promise<string> {
  let captured = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    captured += chunk.toString();
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    await run();
  } finally {
    process.stderr.write = write;
  }
  return captured + consoleErrors.splice(0).join('\n');
}

// console.error is replaced before the app exists, as the SDK's verifier writes through it.
const consoleErrors: string[] = [];
const originalConsoleError = console.error;

describe('Teams mode: tokens', () => {
  let keys: OpenIdDouble;
  let bot: Running;
  beforeAll(async () => {
    console.error = (...args: unknown[]) => void consoleErrors.push(args.map(String).join(' '));
    keys = await startOpenIdDouble({ appId: APP_ID, serviceUrl: SERVICE_URL });
    bot = await start(keys.metadataUrl);
  });
  afterAll(async () => {
    await bot?.stop();
    await keys?.stop();
    console.error = originalConsoleError;
  });

  it('accepts a valid token (the control for the cases below)', async () => {
    const res = await post(bot.url, activity(), `Bearer ${keys.token()}`);
    expect(res.status).toBe(200);
    expect(keys.fetches()).toBeGreaterThan(0);
  });

  it('answers 401 to every broken token, with nothing from the verifier in the body or on stderr', async () => {
    const now = Math.floor(Date.now() / 1000);
    const broken: Record<string, string> = {
      none: keys.token({ header: { alg: 'none' } }),
      unsigned: keys.token({ unsigned: true }),
      'wrong key': keys.token({ key: foreignKey() }),
      expired: keys.token({ claims: { nbf: now - 7200, exp: now - 3600 } }),
      'wrong audience': keys.token({ claims: { aud: '99999999-2222-3333-4444-555555555555' } }),
      'wrong issuer': keys.token({ claims: { iss: 'https://evil.example' } }),
      'unknown key id': keys.token({ header: { kid: 'other' } }),
      'not yet valid': keys.token({ claims: { nbf: now + 3600 } }),
      'other serviceUrl': keys.token({ claims: { serviceurl: 'http://127.0.0.1:9/elsewhere/' } }),
      HS256: keys.token({ header: { alg: 'HS256' } }),
      garbage: 'not.a.jwt',
    };
    const answers: Record<string, { status: number; body: string }> = {};
    const stderr = await stderrDuring(async () => {
      for (const [kind, token] of Object.entries(broken)) answers[kind] = await post(bot.url, activity(), `Bearer ${token}`);
      answers.missing = await post(bot.url, activity());
      answers.basic = await post(bot.url, activity(), 'Basic dXNlcjpwYXNz');
    });
    for (const [kind, answer] of Object.entries(answers)) {
      expect(answer.status, kind).toBe(401);
      expect(JSON.parse(answer.body), kind).toEqual({ error: 'unauthorized' });
    }
    expect(stderr).toBe('');
    const logged = JSON.stringify(bot.logs);
    expect(logged).not.toContain(SECRET);
    for (const token of Object.values(broken)) if (token.length > 20) expect(logged).not.toContain(token.split('.')[2] || token.split('.')[1]);
    expect(bot.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('checks the token before reading the body', async () => {
    // A broken body with a broken token: the token decides.
    expect((await post(bot.url, '{"type":', 'Bearer not.a.jwt')).status).toBe(401);
    expect((await post(bot.url, '{"type":')).status).toBe(401);
    // With a valid token the same body is a 400.
    expect((await post(bot.url, '{"type":', `Bearer ${keys.token()}`)).status).toBe(400);
  });
});

describe('Teams mode: signing keys unavailable', () => {
  let bot: Running;
  let keys: OpenIdDouble;
  beforeAll(async () => {
    console.error = (...args: unknown[]) => void consoleErrors.push(args.map(String).join(' '));
    keys = await startOpenIdDouble({ appId: APP_ID, serviceUrl: SERVICE_URL });
    // Nothing listens on this port: the metadata cannot be fetched.
    bot = await start(`http://127.0.0.1:${await freePort()}/.well-known/openidconfiguration`);
  });
  afterAll(async () => {
    await bot?.stop();
    await keys?.stop();
    console.error = originalConsoleError;
  });

  it('answers 503 with one log line and no details', async () => {
    let res: { status: number; body: string } = { status: 0, body: '' };
    const stderr = await stderrDuring(async () => {
      res = await post(bot.url, activity(), `Bearer ${keys.token()}`);
    });
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual({ error: 'authentication unavailable' });
    expect(stderr).toBe('');
    const lines = bot.logs.filter((l) => String(l.event ?? '').startsWith('auth.') && l.event !== 'auth.anyTenant');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ event: 'auth.unavailable', level: 40 });
    expect(bot.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
