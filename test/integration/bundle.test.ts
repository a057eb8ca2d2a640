import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type EmbeddedAzurite } from '../../src/storage/azurite.js';
import { writeBundle } from '../../src/tools/bundle.js';
import { spawnBot } from '../support/bot-process.js';

/**
 * The deployable zip, as a server gets it: unpacked into an empty folder, installed with
 * `npm ci --omit=dev` (from the local npm cache, the registry if need be) and started with
 * `npm start` against a storage account (an Azurite started on its own).
 */
const dir = mkdtempSync(join(tmpdir(), 'trio-bundle-'));
const app = join(dir, 'app');
let azurite: EmbeddedAzurite;

beforeAll(async () => {
  azurite = await startAzurite();
  const zip = join(dir, 'trio-bot.zip');
  writeBundle(process.cwd(), zip);
  new AdmZip(zip).extractAllTo(app);
  execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'ignore', timeout: 240_000 });
}, 300_000);
afterAll(async () => {
  await azurite?.stop();
  await rm(dir, { recursive: true, force: true }); // a whole production node_modules: slow on a busy disk
}, 180_000);

const bot = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
  // A bot with an app id needs the pulse's seal key too (config.ts).
  PULSE_SEAL_KEY: 'c2VhbC1rZXktb2YtdGhlLWJ1bmRsZS10ZXN0LTMyYnl0ZQ==',
};

describe('npm run bundle', () => {
  it('holds the compiled bot, its cards, manifest and package files, and no sources or tests', () => {
    for (const path of ['dist/main.js', 'cards/help.json', 'manifest/manifest.json', 'manifest/color.png', 'package.json', 'package-lock.json', 'scripts/dist.mjs', 'vendor/spdy-disabled/index.js', 'bundle.json']) {
      expect(existsSync(join(app, path)), path).toBe(true);
    }
    for (const path of ['src', 'test', '.ci', 'dist/.data']) expect(existsSync(join(app, path)), path).toBe(false);
  });

  it('installs for production without the emulator or the compiler', () => {
    const installed = readdirSync(join(app, 'node_modules'));
    expect(installed).toContain('botbuilder');
    expect(installed).not.toContain('azurite');
    expect(installed).not.toContain('typescript');
    expect(installed).not.toContain('vitest');
  });

  it('starts with npm start against a storage account and answers /readyz 200, without building', async () => {
    const before = statSync(join(app, 'dist', 'main.js')).mtimeMs;
    const p = spawnBot({ cwd: app, args: ['scripts/dist.mjs', 'start'], env: { ...bot, STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: 'bundle' } });
    try {
      const { port } = await p.waitFor('http.listening');
      const ready = await fetch(`http://127.0.0.1:${port as number}/readyz`);
      expect(ready.status).toBe(200);
      expect(p.lines.some((l) => l.event === 'storage.connectionString')).toBe(true);
    } finally {
      expect(await p.stop()).toBe(0);
    }
    expect(p.stderr()).not.toMatch(/building/);
    expect(statSync(join(app, 'dist', 'main.js')).mtimeMs).toBe(before);
  });

  it('says why it cannot run the emulator in a production install', async () => {
    const p = spawnBot({ cwd: app, args: ['scripts/dist.mjs', 'start'], env: { DATA_DIR: join(dir, 'data') } });
    expect(await p.exited()).toBe(1);
    expect(p.stderr()).toContain('Azurite (the embedded storage) is a dev dependency and is not installed here');
  });
});
