import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { azuriteConnectionString } from '../../src/storage/azurite.js';

/**
 * `node dist/main.js` as `npm start` runs it (npm test builds dist first): embedded
 * Azurite, data that survives a restart, graceful shutdown, and config errors.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'trio-main-'));
// The pulse's seal key file is made at first start, outside DATA_DIR.
const keyDir = mkdtempSync(join(tmpdir(), 'trio-key-'));
const keyFile = join(keyDir, 'pulse-seal.key');
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

function start(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PULSE_SEAL_KEY_FILE: keyFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    let buffer = '';
    let azurite: { port: number; pid: number } | undefined;
    const timer = setTimeout(() => reject(new Error(`bot did not start: ${JSON.stringify(lines)}`)), 20_000);
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

describe('the bot process', () => {
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
