/** The seal on ballots (seal.ts), where its key comes from (seal-key.ts) and the PULSE_SEAL_KEY setting. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { BALLOT_BYTES, decodeSealKey, newSealKey, Seal, SealError } from '../../src/pulse/seal.js';
import { loadSealKey } from '../../src/pulse/seal-key.js';

const dir = mkdtempSync(join(tmpdir(), 'trio-seal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const APP = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555', STORAGE_ACCOUNT_URL: 'https://trioprod.table.core.windows.net/' };

describe('Seal', () => {
  const seal = new Seal(randomBytes(32));

  it('seals to one length whatever the content, and opens only with the same key and context', () => {
    const short = seal.seal({ scores: [{ itemId: 'a', score: 1 }] }, 'wp~2026-W48');
    const long = seal.seal({ scores: [{ itemId: 'a', score: 5 }], comment: 'æøå'.repeat(166) }, 'wp~2026-W48');
    expect(short.length).toBe(long.length);
    expect(Buffer.from(short, 'base64').length).toBe(1 + 12 + 16 + BALLOT_BYTES);
    expect(seal.open(long, 'wp~2026-W48')).toEqual({ scores: [{ itemId: 'a', score: 5 }], comment: 'æøå'.repeat(166) });
    expect(() => seal.open(long, 'wp~2026-W49')).toThrow(SealError);
    expect(() => new Seal(randomBytes(32)).open(long, 'wp~2026-W48')).toThrow(SealError);
    const tampered = Buffer.from(long, 'base64');
    tampered[40] = tampered[40]! ^ 1;
    expect(() => seal.open(tampered.toString('base64'), 'wp~2026-W48')).toThrow(SealError);
    expect(() => seal.seal({ comment: 'x'.repeat(BALLOT_BYTES) }, 'wp')).toThrow(SealError);
    expect(seal.seal({ a: 1 }, 'wp')).not.toBe(seal.seal({ a: 1 }, 'wp')); // a fresh IV each time
  });

  it('gives a person one token per round and purpose, which nobody can compute without the key', () => {
    const t = seal.token('answered', 'wp', '2026-W48', 'aad-1');
    expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect(seal.token('answered', 'wp', '2026-W48', 'aad-1')).toBe(t);
    expect(new Set([seal.token('invited', 'wp', '2026-W48', 'aad-1'), seal.token('answered', 'wp', '2026-W49', 'aad-1'), new Seal(randomBytes(32)).token('answered', 'wp', '2026-W48', 'aad-1'), t]).size).toBe(4);
    expect(seal.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(() => new Seal(randomBytes(16))).toThrow(RangeError);
  });

  it('decodes keys as base64 or hex of at least 32 bytes', () => {
    const key = randomBytes(32);
    expect(decodeSealKey(key.toString('base64'))).toEqual(key);
    expect(decodeSealKey(key.toString('base64url'))).toEqual(key);
    expect(decodeSealKey(key.toString('hex'))).toEqual(key);
    expect(decodeSealKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(decodeSealKey('ikke en nøgle')).toBeUndefined();
  });
});

describe('PULSE_SEAL_KEY', () => {
  it('is required with an app id, and the message names it', () => {
    expect(() => loadConfig(APP)).toThrow(ConfigError);
    expect(() => loadConfig(APP)).toThrow(/PULSE_SEAL_KEY is empty but MicrosoftAppId is set.*openssl rand -base64 32/);
    expect(loadConfig({ ...APP, PULSE_SEAL_KEY: newSealKey() }).pulseSealKey).toBeDefined();
  });

  it('rejects a short key without printing it', () => {
    const weak = randomBytes(8).toString('base64');
    let message = '';
    try {
      loadConfig({ PULSE_SEAL_KEY: weak });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('PULSE_SEAL_KEY=(hidden): must be at least 32 random bytes');
    expect(message).not.toContain(weak);
  });

  it('without a key, local mode makes a key file at first start, outside DATA_DIR, and reuses it', () => {
    const file = join(dir, 'keys', 'pulse-seal.key');
    const settings = { pulseSealKeyFile: file, bot: { localMode: true }, storage: { dataDir: join(dir, 'data') } };
    const first = loadSealKey(settings);
    expect(first).toMatchObject({ origin: 'created', file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSealKey(settings);
    expect(again).toMatchObject({ origin: 'file', file });
    expect(again.secret).toEqual(first.secret);
    expect(decodeSealKey(readFileSync(file, 'utf8'))).toEqual(first.secret);
    // A configured key wins, and the file is not touched.
    const configured = newSealKey();
    expect(loadSealKey({ ...settings, pulseSealKey: configured }).secret).toEqual(decodeSealKey(configured));
  });

  it('refuses a key file inside DATA_DIR, a broken key file, and no key outside local mode', () => {
    const data = join(dir, 'data2');
    expect(() => loadSealKey({ pulseSealKeyFile: join(data, 'k.key'), bot: { localMode: true }, storage: { dataDir: data } })).toThrow(/outside DATA_DIR/);
    const broken = join(dir, 'broken.key');
    writeFileSync(broken, 'kort\n');
    expect(() => loadSealKey({ pulseSealKeyFile: broken, bot: { localMode: true }, storage: { dataDir: data } })).toThrow(/PULSE_SEAL_KEY_FILE/);
    expect(() => loadSealKey({ pulseSealKeyFile: join(dir, 'never.key'), bot: { localMode: false }, storage: { dataDir: data } })).toThrow(/PULSE_SEAL_KEY/);
  });
});
