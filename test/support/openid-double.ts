import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * The Bot Framework's OpenID metadata and signing keys, served locally, and a minter of
 * real RS256 tokens signed with them (or deliberately broken). The bot is pointed at
 * `metadataUrl` through the adapter's ToBotFromChannelOpenIdMetadataUrl, so its own
 * verifier checks the tokens exactly as it would against login.botframework.com.
 */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  /** Claims over the defaults (iss, aud, serviceurl, nbf, exp one hour ahead). */
  claims?: Record<string, unknown>;
  /** Header over the defaults (alg RS256, kid of the published key). */
  header?: Record<string, unknown>;
  /** Sign with this key instead of the published one. */
  key?: KeyObject;
  /** Leave the signature empty. */
  unsigned?: boolean;
}

export interface OpenIdDouble {
  metadataUrl: string;
  kid: string;
  /** How many times the metadata and the keys were fetched. */
  fetches(): number;
  token(opts?: TokenOptions): string;
  stop(): Promise<void>;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export async function startOpenIdDouble(defaults: { appId: string; serviceUrl: string; endorsements?: string[] }): Promise<OpenIdDouble> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'trio-test-key';
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let fetches = 0;
  let base = '';
  const server: Server = createServer((req, res) => {
    fetches++;
    if (req.url === '/.well-known/openidconfiguration') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: defaults.endorsements ?? ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    kid,
    fetches: () => fetches,
    token(opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'RS256', typ: 'JWT', kid, ...opts.header };
      const claims = { iss: CHANNEL_ISSUER, aud: defaults.appId, serviceurl: defaults.serviceUrl, nbf: now - 60, exp: now + 3600, ...opts.claims };
      const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
      if (opts.unsigned || header.alg === 'none') return `${input}.`;
      return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), opts.key ?? privateKey))}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Another RSA key, unknown to the metadata. */
export function foreignKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
