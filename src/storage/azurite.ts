import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * The embedded Azure Table emulator. `npm start` runs it as a child process when no
 * STORAGE_CONNECTION_STRING is set, so a new user needs no Azure account. Tests use
 * it too (in memory). It is stopped by its own PID.
 */
export interface EmbeddedAzurite {
  readonly port: number;
  readonly pid: number;
  readonly connectionString: string;
  stop(): Promise<void>;
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
  const main = require.resolve('azurite');
  return join(dirname(main), 'table', 'main.js');
}

export async function startAzurite(opts: { location?: string; host?: string } = {}): Promise<EmbeddedAzurite> {
  const host = opts.host ?? '127.0.0.1';
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = [azuriteTableScript(), '--disableTelemetry', '--skipApiVersionCheck', '--tableHost', host, '--tablePort', String(port)];
    if (opts.location) {
      mkdirSync(opts.location, { recursive: true });
      args.push('--location', opts.location);
    } else {
      args.push('--inMemoryPersistence');
    }
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForStart(child);
      return handle(child, port, host);
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

function handle(child: ChildProcess, port: number, host: string): EmbeddedAzurite {
  // Safety net: if this process exits without stopping Azurite (a crash, process.exit),
  // the child must not outlive it.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.once('exit', onExit);
  child.once('exit', () => process.off('exit', onExit));
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
        // Azurite flushes its on-disk database only on SIGINT (SIGTERM would lose the
        // last seconds of writes).
        child.kill('SIGINT');
      }),
  };
}
