import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import { freePort } from '../../src/storage/azurite.js';

/**
 * Entra ID at the edges we cannot reach offline. The bot uses the real
 * DefaultAzureCredential; what it talks to is doubled here:
 * - the App Service managed identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER, the
 *   protocol App Service and Container Apps give a process), issuing tokens;
 * - tokens shaped like Entra's (issuer, audience, lifetime). Azurite's "basic" OAuth checks
 *   exactly those claims, not the signature, and only over HTTPS.
 */

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** An unsigned JWT with Entra's claims for `audience` (e.g. https://storage.azure.com). */
export function entraToken(audience: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ aud: audience, iss: `https://sts.windows.net/${TENANT_ID}/`, iat: now, nbf: now, exp: now + 3600, tid: TENANT_ID, ...claims })}.bm90LXNpZ25lZA`;
}

/** A TokenCredential for in-test clients. */
export function staticCredential(audience: string): TokenCredential {
  return { getToken: async () => ({ token: entraToken(audience), expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

export interface TokenRequest {
  resource: string;
  clientId?: string;
  header?: string;
}

export interface ManagedIdentityDouble {
  /** Environment for the bot process: where the managed identity endpoint is. */
  env: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  requests: TokenRequest[];
  /** When false, every token request gets 400 "Identity not found". */
  available: boolean;
  /** Issue tokens for this audience instead of the requested one (storage then answers 403, as for an identity without a role). */
  audienceOverride?: string;
  close(): Promise<void>;
}

export async function startManagedIdentityDouble(): Promise<ManagedIdentityDouble> {
  const secret = `hdr-${Math.random().toString(36).slice(2)}`;
  const requests: TokenRequest[] = [];
  const double = { available: true } as ManagedIdentityDouble;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const resource = url.searchParams.get('resource') ?? '';
    const clientId = url.searchParams.get('client_id') ?? undefined;
    const header = req.headers['x-identity-header'];
    requests.push({ resource, ...(clientId ? { clientId } : {}), ...(typeof header === 'string' ? { header } : {}) });
    res.setHeader('content-type', 'application/json');
    if (!double.available || header !== secret) {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: 'invalid_request', error_description: 'Identity not found' }));
      return;
    }
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    res.end(JSON.stringify({ access_token: entraToken(double.audienceOverride ?? resource.replace(/\/\.default$/, '')), expires_on: String(expiresOn), resource, token_type: 'Bearer', client_id: clientId ?? 'system' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(double, {
    env: { IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`, IDENTITY_HEADER: secret },
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A self-signed certificate for 127.0.0.1 (openssl); the bot trusts it through NODE_EXTRA_CA_CERTS. */
export function selfSignedCertificate(dir: string): { cert: string; key: string; pem: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    { stdio: 'ignore' },
  );
  return { cert, key, pem: readFileSync(cert, 'utf8') };
}

export interface OAuthAzurite {
  port: number;
  pid: number;
  /** The account's table endpoint, as STORAGE_ACCOUNT_URL takes it. */
  url: string;
  stop(): Promise<void>;
}

/** Azurite's table service over HTTPS with OAuth ("basic": it checks issuer, audience and lifetime). In memory. */
export async function startOAuthAzurite(tls: { cert: string; key: string }): Promise<OAuthAzurite> {
  const script = join(dirname(createRequire(import.meta.url).resolve('azurite')), 'table', 'main.js');
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [script, '--inMemoryPersistence', '--disableTelemetry', '--skipApiVersionCheck', '--tableHost', '127.0.0.1', '--tablePort', String(port), '--oauth', 'basic', '--cert', tls.cert, '--key', tls.key],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Azurite (OAuth) did not start: ${out}`)), 15_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('successfully started')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite (OAuth) exited with ${code}: ${out}`));
    });
  });
  return {
    port,
    pid: child.pid!,
    url: `https://127.0.0.1:${port}/devstoreaccount1`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL'); // in memory: nothing to flush
      }),
  };
}
