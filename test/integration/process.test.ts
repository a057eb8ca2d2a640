import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { azuriteConnectionString } from '../../src/storage/azurite.js';
import { distState } from '../../scripts/dist.mjs';
import { ensureBuilt } from '../support/dist.js';

/**
 * `node dist/main.js` as `npm start` runs it: embedded Azurite, data that survives a
 * restart, graceful shutdown, and config errors. `npm test` builds dist/ first; run alone,
 * the file builds it itself (ensureBuilt: a no-op when dist/ is current).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'trio-main-'));
// The pulse's seal key file is made at first start, outside DATA_DIR.
const keyDir = mkdtempSync(join(tmpdir(), 'trio-key-'));
const keyFile = join(keyDir, 'pulse-seal.key');
beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(keyDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  port: number;
  azuritePort: number;
  azuritePid: number;
  lines: Record<string, unknown>[];
}

function start(env: Record<string, string> = {}, script: string[] = ['dist/main.js']): Promise<Started> {
  const child = spawn(process.execPath, script, {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PULSE_SEAL_KEY_FILE: keyFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    let buffer = '';
    let azurite: { port: number; pid: number } | undefined;
    // A start that does not finish is stopped, and only then reported: a bot left running
    // would hold DATA_DIR and make the next test's start fail for a reason of its own.
    const timer = setTimeout(() => {
      child.removeAllListeners('exit');
      child.once('exit', () => reject(new Error(`bot did not start within 40 s: ${JSON.stringify(lines)}`)));
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, 40_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) {
        if (!part.startsWith('{')) continue;
        const line = JSON.parse(part) as Record<string, unknown>;
        lines.push(line);
        if (line.event === 'storage.embedded') azurite = { port: line.port as number, pid: line.pid as number };
        if (line.event === 'http.listening' && azurite) {
          clearTimeout(timer);
          resolve({ child, port: line.port as number, azuritePort: azurite.port, azuritePid: azurite.pid, lines });
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Each test starts the real process (up to twice): on a busy machine a start alone takes 15-20 s.
describe('the bot process', { timeout: 120_000 }, () => {
  it('starts with embedded storage, keeps data across a restart, and stops cleanly on SIGTERM', async () => {
    const first = await start();
    try {
      expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);
      const table = TableClient.fromConnectionString(azuriteConnectionString(first.azuritePort), 'trioWorkplaces', { allowInsecureConnection: true });
      await table.upsertEntity({ partitionKey: 'workplace', rowKey: 'survivor', name: 'Bostedet Solhøj' });
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await exitOf(first.child)).toBe(0);
    expect(first.lines.some((l) => l.event === 'shutdown.done')).toBe(true);
    expect(alive(first.azuritePid)).toBe(false);
    expect(first.lines.find((l) => l.event === 'pulse.sealKeyFile')).toMatchObject({ file: keyFile, created: true });

    const second = await start();
    try {
      const table = TableClient.fromConnectionString(azuriteConnectionString(second.azuritePort), 'trioWorkplaces', { allowInsecureConnection: true });
      expect((await table.getEntity('workplace', 'survivor')).name).toBe('Bostedet Solhøj');
    } finally {
      second.child.kill('SIGINT');
    }
    expect(await exitOf(second.child)).toBe(0);
    expect(alive(second.azuritePid)).toBe(false);
    expect(second.lines.find((l) => l.event === 'pulse.sealKeyFile')).toMatchObject({ file: keyFile, created: false });
  });

  it('npm start on a built tree runs dist/ as it is, without compiling', async () => {
    // dist/ is current here (npm test or ensureBuilt built it); `npm start` is `node scripts/dist.mjs start`.
    expect(distState(process.cwd()), 'dist/ must be current (built before the tests)').toMatchObject({ current: true });
    const before = statSync('dist/main.js').mtimeMs;
    const started = await start({}, ['scripts/dist.mjs', 'start']);
    let stderr = '';
    started.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      expect((await fetch(`http://127.0.0.1:${started.port}/readyz`)).status).toBe(200);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await exitOf(started.child)).toBe(0); // the signal reaches the bot in the same process
    expect(alive(started.azuritePid)).toBe(false);
    expect(stderr).not.toMatch(/building/);
    expect(statSync('dist/main.js').mtimeMs).toBe(before);
  });

  it('stops cleanly, leaving no Azurite behind, when interrupted during start-up', async () => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PULSE_SEAL_KEY_FILE: keyFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Interrupt as soon as Azurite is up, before the HTTP server listens.
    const azuritePid = await new Promise<number>((resolve, reject) => {
      let buffer = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const m = /"event":"storage\.embedded"[^\n]*"pid":(\d+)/.exec(buffer);
        if (m) {
          child.kill('SIGINT');
          resolve(Number(m[1]));
        }
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    expect(await exitOf(child)).toBe(0);
    // Azurite gets a moment to flush and exit after the parent is gone.
    for (let i = 0; i < 50 && alive(azuritePid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(azuritePid)).toBe(false);
  });

  const REAL_BOT = {
    MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
    PULSE_SEAL_KEY: 'c2VhbC1rZXktb2YtdGhlLXByb2Nlc3MtdGVzdC0zMmI=',
  };

  it('refuses the embedded emulator for a bot with an app id, and starts it when STORAGE=embedded asks for it', async () => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...REAL_BOT, PULSE_SEAL_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    expect(await exitOf(child)).toBe(78);
    expect(stderr).toContain('MicrosoftAppId is set but no storage is configured');
    expect(stderr).toContain('STORAGE_ACCOUNT_URL');
    expect(stderr).toContain('STORAGE=embedded');
    expect(stderr).toContain('PULSE_SEAL_KEY is empty but MicrosoftAppId is set');
    expect(stdout).not.toContain('storage.embedded'); // nothing was started

    const onPurpose = await start({ ...REAL_BOT, STORAGE: 'embedded' });
    try {
      expect((await fetch(`http://127.0.0.1:${onPurpose.port}/readyz`)).status).toBe(200);
      expect(onPurpose.lines.some((l) => l.event === 'storage.embedded.production')).toBe(true);
    } finally {
      onPurpose.child.kill('SIGTERM');
    }
    expect(await exitOf(onPurpose.child)).toBe(0);
    expect(alive(onPurpose.azuritePid)).toBe(false);
  });

  it('refuses to start on a bad variable, naming it and the fix', async () => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      env: { PATH: process.env.PATH ?? '', PORT: 'tre', MicrosoftAppType: 'Forkert' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    expect(await exitOf(child)).toBe(78);
    expect(stderr).toContain('PORT="tre"');
    expect(stderr).toContain('MicrosoftAppType="Forkert"');
    expect(stderr).toContain('use MultiTenant, SingleTenant or UserAssignedMSI');
  });
});
