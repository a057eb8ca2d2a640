import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { azuriteConnectionString } from '../../src/storage/azurite.js';
import { alive, lockPath, readLock } from '../../src/storage/azurite-lock.js';
import { ensureWorkerBuilt, MAIN, startWorker, waitForLine, type WorkerProcess } from '../support/reminder-worker.js';

/**
 * The embedded storage of `node dist/main.js` (no STORAGE_CONNECTION_STRING) is
 * supervised: a SIGKILL of the bot stops its Azurite gracefully (it saves), and one data
 * folder never has two Azurites, whatever an earlier run left behind.
 */
const folders: string[] = [];
const started: WorkerProcess[] = [];

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trio-embedded-'));
  folders.push(dir);
  return dir;
}

function startBot(dataDir: string): WorkerProcess {
  const bot = startWorker({}, MAIN, { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false' });
  started.push(bot);
  return bot;
}

/** Pids of the Azurite processes whose --location is this folder (Linux: /proc). */
function azuritesOn(dataDir: string): number[] {
  const location = join(dataDir, 'azurite');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.some((a) => a.endsWith('table/main.js')) && args.includes(location)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

const table = (port: number) => TableClient.fromConnectionString(azuriteConnectionString(port), 'trioEmbeddedCheck', { allowInsecureConnection: true });

async function writeRows(port: number, n: number): Promise<void> {
  const t = table(port);
  await t.createTable();
  for (let i = 0; i < n; i += 100) {
    await t.submitTransaction(Array.from({ length: Math.min(100, n - i) }, (_, j) => ['upsert', { partitionKey: 'p', rowKey: String(i + j).padStart(5, '0'), n: i + j }] as const));
  }
}

async function countRows(port: number): Promise<number> {
  let count = 0;
  for await (const _ of table(port).listEntities()) count++;
  return count;
}

describe('embedded storage', () => {
  beforeAll(() => ensureWorkerBuilt(), 120_000);
  afterAll(async () => {
    for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    for (const dir of folders) {
      for (const pid of azuritesOn(dir)) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops Azurite gracefully within seconds of a kill -9 of the bot, keeping what it had written', async () => {
    const dataDir = newDataDir();
    const bot = startBot(dataDir);
    const storage = await waitForLine(bot, (l) => l.event === 'storage.embedded');
    await waitForLine(bot, (l) => l.event === 'http.listening');
    const lock = readLock(join(dataDir, 'azurite'))!;
    expect(lock).toMatchObject({ ownerPid: bot.child.pid, state: 'running', azuritePid: storage.pid, port: storage.port });
    // Written just now: Azurite has them in memory only (it saves every 5 s and on shutdown).
    await writeRows(storage.port as number, 500);
    bot.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await until(() => !alive(lock.azuritePid) && !alive(lock.supervisorPid), 8_000)).toBe(true);
    console.log(`kill -9 of the bot: Azurite stopped ${Date.now() - killedAt} ms later`);
    expect(existsSync(lockPath(join(dataDir, 'azurite')))).toBe(false);

    const again = startBot(dataDir);
    const second = await waitForLine(again, (l) => l.event === 'storage.embedded');
    expect(await countRows(second.port as number)).toBe(500);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
    expect(alive(second.pid as number)).toBe(false);
  }, 90_000);

  it('never runs two Azurites on one folder: a second bot is refused, a leftover is stopped first', async () => {
    const dataDir = newDataDir();
    const first = startBot(dataDir);
    const storage = await waitForLine(first, (l) => l.event === 'storage.embedded');
    await waitForLine(first, (l) => l.event === 'http.listening');
    await writeRows(storage.port as number, 200);

    // A second start while the first runs: refused with a message that says what to do.
    const second = startBot(dataDir);
    let stderr = '';
    second.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    expect((await second.exited).code).not.toBe(0);
    expect(stderr).toContain('is in use by another TRIO-bot');
    expect(azuritesOn(dataDir)).toEqual([storage.pid]);

    // Everything dies except Azurite (its supervisor first, then the bot): a leftover.
    const lock = readLock(join(dataDir, 'azurite'))!;
    process.kill(lock.supervisorPid!, 'SIGKILL');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(azuritesOn(dataDir)).toEqual([storage.pid]);

    // The next start stops the leftover gracefully (it saves) and only then starts its own.
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, azuritesOn(dataDir).length)), 25);
    const third = startBot(dataDir);
    try {
      const leftover = await waitForLine(third, (l) => l.event === 'storage.leftoverStopped');
      expect(leftover).toMatchObject({ pid: storage.pid });
      const mine = await waitForLine(third, (l) => l.event === 'storage.embedded');
      expect(alive(storage.pid as number)).toBe(false);
      expect(azuritesOn(dataDir)).toEqual([mine.pid]);
      expect(await countRows(mine.port as number)).toBe(200);
    } finally {
      clearInterval(sampler);
      third.child.kill('SIGTERM');
      await third.exited;
    }
    expect(most).toBe(1);
    expect(azuritesOn(dataDir)).toEqual([]);
  }, 90_000);

  it('lets exactly one of two bots started at the same moment on a new folder run', async () => {
    const dataDir = newDataDir();
    const bots = [startBot(dataDir), startBot(dataDir)];
    const outcomes = await Promise.all(
      bots.map((b) =>
        Promise.race([waitForLine(b, (l) => l.event === 'http.listening').then(() => 'running'), b.exited.then(() => 'refused')]).catch(() => 'refused'),
      ),
    );
    expect([...outcomes].sort()).toEqual(['refused', 'running']);
    expect(azuritesOn(dataDir)).toHaveLength(1);
    const running = bots[outcomes.indexOf('running')]!;
    running.child.kill('SIGTERM');
    await running.exited;
    expect(await until(() => azuritesOn(dataDir).length === 0, 5_000)).toBe(true);
  }, 90_000);
});
