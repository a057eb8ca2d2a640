import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireLock, removeLock, writeLock } from './azurite-lock.js';

/**
 * The embedded Azure Table emulator. `npm start` runs it when no storage is configured,
 * so a new user needs no Azure account; tests and benchmarks run it in memory.
 *
 * With a data folder it is supervised: the folder's lock file (azurite-lock.ts) keeps a
 * second Azurite off it, and a small supervisor process (azurite-supervisor.ts) stops it
 * gracefully, so that it saves, when the bot is gone, even after a SIGKILL. What this
 * guarantees: a crash of the bot loses nothing Azurite had accepted; a crash of Azurite
 * itself can lose the writes of its last 5 seconds (it saves every 5 s and on shutdown);
 * production uses Azure Table storage. The azurite package is a development dependency:
 * it is only resolved here, when the emulator is started.
 */
export interface EmbeddedAzurite {
  readonly port: number;
  /** The Azurite process. */
  readonly pid: number;
  readonly connectionString: string;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** Data folder; without one, Azurite keeps everything in memory. */
  location?: string;
  host?: string;
  /** Told about what happens to the embedded storage (for the log). */
  onEvent?: (event: string, detail: Record<string, unknown>) => void;
}

/** Well-known Azurite development account (public, not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function azuriteTableScript(): string {
  const require = createRequire(import.meta.url);
  // azurite has no "exports"; resolve its main file and walk to the table entry point.
  // (Not installed: the error names the package, and connect.ts explains what to do.)
  const main = require.resolve('azurite');
  return join(dirname(main), 'table', 'main.js');
}

export async function startAzurite(opts: AzuriteOptions = {}): Promise<EmbeddedAzurite> {
  const host = opts.host ?? '127.0.0.1';
  if (!opts.location) return startInMemory(host);
  const location = resolve(opts.location);
  mkdirSync(location, { recursive: true });
  const onEvent = opts.onEvent ?? (() => undefined);
  await acquireLock(location, host, onEvent);
  try {
    return await startSupervised(location, host, onEvent);
  } catch (e) {
    removeLock(location, (info) => info?.ownerPid === process.pid);
    throw e;
  }
}

// ------------------------------------------------------------------ supervised (data folder)

function supervisorScript(): string | undefined {
  const compiled = fileURLToPath(new URL('./azurite-supervisor.js', import.meta.url));
  return existsSync(compiled) ? compiled : undefined;
}

async function startSupervised(location: string, host: string, onEvent: NonNullable<AzuriteOptions['onEvent']>): Promise<EmbeddedAzurite> {
  const script = supervisorScript();
  if (!script) {
    // Running from the TypeScript sources (vitest): no compiled supervisor to start.
    onEvent('storage.unsupervised', { location });
    return startDirect(location, host);
  }
  const ports = await Promise.all([freePort(), freePort(), freePort()]);
  const args = JSON.stringify({ script: azuriteTableScript(), location, host, ports, ownerPid: process.pid });
  // Its own process group: a Ctrl+C in the terminal reaches the bot, which stops it in order.
  const supervisor = fork(script, [args], { detached: true, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const ready = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Azurite did not start in 20 s')), 20_000);
    supervisor.on('message', (m: { event?: string; port?: number; pid?: number; error?: string }) => {
      if (m.event === 'ready') {
        clearTimeout(timer);
        resolve({ port: m.port!, pid: m.pid! });
      } else if (m.event === 'failed') {
        clearTimeout(timer);
        reject(new Error(`Could not start embedded Azurite: ${m.error}`));
      } else if (m.event) onEvent(`storage.${m.event}`, { ...m, event: undefined });
    });
    supervisor.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The Azurite supervisor exited with code ${code}`));
    });
  }).catch((e: unknown) => {
    supervisor.kill('SIGTERM');
    throw e;
  });
  writeLock(location, { ownerPid: process.pid, state: 'running', startedAt: new Date().toISOString(), supervisorPid: supervisor.pid!, azuritePid: ready.pid, port: ready.port });
  // Neither the channel nor the child keeps this process alive; the supervisor watches it.
  supervisor.unref();
  supervisor.channel?.unref();
  const gone = new Promise<void>((resolve) => {
    if (supervisor.exitCode !== null) resolve();
    else supervisor.once('exit', () => resolve());
  });
  return {
    port: ready.port,
    pid: ready.pid,
    connectionString: azuriteConnectionString(ready.port, host),
    async stop() {
      if (supervisor.connected) supervisor.send('stop');
      else supervisor.kill('SIGTERM');
      const force = setTimeout(() => supervisor.kill('SIGKILL'), 12_000);
      await gone;
      clearTimeout(force);
    },
  };
}

// ------------------------------------------------------------------ direct child (in memory, or from sources)

async function startInMemory(host: string): Promise<EmbeddedAzurite> {
  return startDirect(undefined, host);
}

async function startDirect(location: string | undefined, host: string): Promise<EmbeddedAzurite> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = [azuriteTableScript(), '--disableTelemetry', '--skipApiVersionCheck', '--tableHost', host, '--tablePort', String(port)];
    args.push(...(location ? ['--location', location] : ['--inMemoryPersistence']));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForStart(child);
      if (location) writeLock(location, { ownerPid: process.pid, state: 'running', startedAt: new Date().toISOString(), azuritePid: child.pid!, port });
      return handle(child, port, host, location);
    } catch (e) {
      lastError = e;
      child.kill('SIGKILL');
    }
  }
  throw new Error(`Could not start embedded Azurite: ${String(lastError)}`);
}

function waitForStart(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start in 15 s: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('successfully started')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with code ${code}: ${output}`));
    });
  });
}

function handle(child: ChildProcess, port: number, host: string, location: string | undefined): EmbeddedAzurite {
  // Safety net: if this process exits without stopping Azurite (process.exit), the child
  // must not outlive it. (A SIGKILL of this process is what the supervisor is for.)
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.once('exit', onExit);
  child.once('exit', () => {
    process.off('exit', onExit);
    if (location) removeLock(location, (info) => info?.ownerPid === process.pid);
  });
  return {
    port,
    pid: child.pid!,
    connectionString: azuriteConnectionString(port, host),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        // Azurite saves its database only on SIGINT (SIGTERM would lose the last seconds of writes).
        child.kill('SIGINT');
      }),
  };
}
