import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

/**
 * The lock file of an embedded Azurite data folder: `<folder>/trio-azurite.lock` names
 * the bot process that owns the folder, its supervisor, the Azurite process and its
 * port. It exists exactly while an Azurite may be running on the folder: the bot creates
 * it exclusively before anything starts, the supervisor removes it once Azurite has
 * exited. A lock whose owner is gone is stale: what it names is stopped (SIGINT, so
 * Azurite saves) before the folder is used again, so two Azurites never share a folder.
 */

export interface LockInfo {
  ownerPid: number;
  state: 'starting' | 'running';
  startedAt: string;
  supervisorPid?: number;
  azuritePid?: number;
  port?: number;
}

export class DataFolderInUse extends Error {
  constructor(
    readonly location: string,
    readonly ownerPid: number,
  ) {
    super(`The data folder ${location} is in use by another TRIO-bot (pid ${ownerPid}). Stop it first, or give this one its own DATA_DIR.`);
    this.name = 'DataFolderInUse';
  }
}

export const lockPath = (location: string): string => join(location, 'trio-azurite.lock');

export function readLock(location: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(location), 'utf8')) as Partial<LockInfo>;
    return typeof info.ownerPid === 'number' ? (info as LockInfo) : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the lock's content in one step (write, then rename over it). */
export function writeLock(location: string, info: LockInfo): void {
  const tmp = `${lockPath(location)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(info));
  renameSync(tmp, lockPath(location));
}

export function removeLock(location: string, owned: (info: LockInfo | undefined) => boolean): void {
  if (owned(readLock(location))) rmSync(lockPath(location), { force: true });
}

export function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when an Azurite table service answers on the port (it names itself in the Server header). */
export function isAzurite(host: string, port: number | undefined, timeoutMs = 1_000): Promise<boolean> {
  if (!port) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/devstoreaccount1/Tables', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(/azurite/i.test(String(res.headers.server ?? '')));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** On Linux: whether the process runs Azurite on this folder (guards against a reused pid). */
export function runsAzuriteOn(pid: number | undefined, location: string): boolean {
  if (!pid) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((a) => /azurite/i.test(a)) && cmdline.includes(location);
  } catch {
    return false;
  }
}

export async function waitForExit(pid: number | undefined, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * Takes the folder for this process: creates the lock exclusively, or, when a stale
 * lock is in the way, stops what the earlier run left (its supervisor is given time to
 * stop its Azurite; an Azurite still running is sent SIGINT, and SIGKILL only if it has
 * not saved and exited in 10 s) and tries again. Throws DataFolderInUse when the owner
 * is a live bot with a live Azurite (or still starting one).
 */
export async function acquireLock(location: string, host: string, log: (event: string, detail: Record<string, unknown>) => void): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(lockPath(location), JSON.stringify({ ownerPid: process.pid, state: 'starting', startedAt: new Date().toISOString() } satisfies LockInfo), { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const info = readLock(location);
    if (!info) {
      // Half written by a process that is starting right now, or damaged: look again shortly.
      await new Promise((r) => setTimeout(r, 300));
      if (!readLock(location) && attempt >= 2) rmSync(lockPath(location), { force: true });
      continue;
    }
    const starting = info.state === 'starting' && Date.now() - Date.parse(info.startedAt) < 30_000;
    if (alive(info.ownerPid) && (info.ownerPid === process.pid || starting || (await isAzurite(host, info.port)))) throw new DataFolderInUse(location, info.ownerPid);
    // Stale: the owner is gone (or its pid belongs to someone else now and no Azurite answers).
    if (alive(info.supervisorPid)) await waitForExit(info.supervisorPid, 12_000);
    if (alive(info.azuritePid) && ((await isAzurite(host, info.port)) || runsAzuriteOn(info.azuritePid, location))) {
      log('storage.leftoverStopped', { pid: info.azuritePid, port: info.port, ownerPid: info.ownerPid });
      process.kill(info.azuritePid!, 'SIGINT');
      if (!(await waitForExit(info.azuritePid, 10_000))) process.kill(info.azuritePid!, 'SIGKILL');
    }
    rmSync(lockPath(location), { force: true });
  }
  throw new Error(`Could not take the lock ${lockPath(location)}`);
}
