import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBot } from '../support/bot-process.js';
import { selfSignedCertificate, startManagedIdentityDouble, startOAuthAzurite, staticCredential, type ManagedIdentityDouble, type OAuthAzurite } from '../support/entra.js';

/**
 * Keyless storage: STORAGE_ACCOUNT_URL with the real DefaultAzureCredential, which finds
 * the App Service managed identity endpoint (a double) and sends its tokens to Azurite
 * running with OAuth over HTTPS. No key exists anywhere in the bot's configuration.
 */
const dir = mkdtempSync(join(tmpdir(), 'trio-entra-'));
let tls: ReturnType<typeof selfSignedCertificate>;
let azurite: OAuthAzurite;
let identity: ManagedIdentityDouble;

beforeAll(async () => {
  tls = selfSignedCertificate(dir);
  azurite = await startOAuthAzurite(tls);
  identity = await startManagedIdentityDouble();
});
afterAll(async () => {
  await azurite?.stop();
  await identity?.close();
  rmSync(dir, { recursive: true, force: true });
});

const bot = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
  // A bot with an app id needs the pulse's seal key too (config.ts).
  PULSE_SEAL_KEY: 'c2VhbC1rZXktb2YtdGhlLWVudHJhLXRlc3QtMzJieXQ=',
};

describe('storage with Entra ID (STORAGE_ACCOUNT_URL)', () => {
  it('starts with a managed identity token and no key, and writes its tables', async () => {
    identity.available = true;
    identity.requests.length = 0;
    const p = spawnBot({
      env: { ...bot, ...identity.env, STORAGE_ACCOUNT_URL: azurite.url, TABLE_PREFIX: 'entra', NODE_EXTRA_CA_CERTS: tls.cert },
    });
    try {
      const storageLine = await p.waitFor('storage.entraId');
      expect(storageLine.url).toBe(azurite.url);
      const { port } = await p.waitFor('http.listening');
      expect((await fetch(`http://127.0.0.1:${port as number}/readyz`)).status).toBe(200);
      expect(p.lines.some((l) => String(l.event).startsWith('storage.embedded'))).toBe(false);
    } finally {
      expect(await p.stop()).toBe(0);
    }
    // The tokens came from the managed identity endpoint, for storage, with the platform's header.
    expect(identity.requests.length).toBeGreaterThan(0);
    for (const r of identity.requests) {
      expect(r.resource).toBe('https://storage.azure.com');
      expect(r.header).toBe(identity.env.IDENTITY_HEADER);
    }
    // The tables exist in the account, seen with a token of our own.
    const service = new TableServiceClient(azurite.url, staticCredential('https://storage.azure.com'), { tlsOptions: { ca: tls.pem } });
    const names: string[] = [];
    for await (const t of service.listTables()) names.push(t.name ?? '');
    expect(names).toEqual(expect.arrayContaining(['entraWorkplaces', 'entraReminders', 'entraConversations']));
  });

  it('is a real check: this Azurite refuses a token for another audience', async () => {
    const wrong = new TableClient(azurite.url, 'entraWorkplaces', staticCredential('https://graph.microsoft.com'), { tlsOptions: { ca: tls.pem } });
    await expect(wrong.getEntity('x', 'y')).rejects.toMatchObject({ statusCode: 403 });
  });

  it('stops start-up with a fix when there is no identity', async () => {
    identity.available = false;
    try {
      const p = spawnBot({
        env: { ...bot, ...identity.env, STORAGE_ACCOUNT_URL: azurite.url, TABLE_PREFIX: 'entranone', NODE_EXTRA_CA_CERTS: tls.cert },
      });
      expect(await p.exited()).toBe(1);
      expect(p.stderr()).toContain(`STORAGE_ACCOUNT_URL=${azurite.url}: no Entra ID token for storage`);
      expect(p.stderr()).toContain('turn on the managed identity');
      expect(p.lines.some((l) => l.event === 'http.listening')).toBe(false);
    } finally {
      identity.available = true;
    }
  });

  it('names the missing role when storage refuses the identity', async () => {
    // Storage answers 403 both to an identity without "Storage Table Data Contributor" and to a
    // token for another audience; the double issues the latter.
    identity.audienceOverride = 'https://vault.azure.net';
    try {
      const p = spawnBot({ env: { ...bot, ...identity.env, STORAGE_ACCOUNT_URL: azurite.url, TABLE_PREFIX: 'entrarole', NODE_EXTRA_CA_CERTS: tls.cert } });
      expect(await p.exited()).toBe(1);
      expect(p.stderr()).toContain(`STORAGE_ACCOUNT_URL=${azurite.url}: storage refused the managed identity (or your developer login) (403)`);
      expect(p.stderr()).toContain('Storage Table Data Contributor');
    } finally {
      delete identity.audienceOverride;
    }
  });
});
