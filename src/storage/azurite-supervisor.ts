import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { removeLock } from './azurite-lock.js';

/**
 * The embedded Azurite's keeper: a small process between the bot and Azurite, started by
 * startAzurite (azurite.ts) with an IPC channel and in its own process group.
 *
 * It starts Azurite on the data folder and reports its port. When the bot is gone, for
 * any reason, SIGKILL included (the IPC channel closes, or its parent pid changes), it
 * stops Azurite gracefully, so that Azurite saves its database (it writes it every 5 s
 * and on shutdown), removes the folder's lock file and exits. The bot asks it to stop
 * the same way on a normal shutdown. Azurite runs as its child with an IPC channel of its
 * own, so the graceful "shutdown" message works on every platform; SIGINT is the fallback
 * and SIGKILL the last resort after 10 s.
 *
 *   node azurite-supervisor.js '<json: script, location, host, ports, ownerPid>'
 */

interface Args {
  script: string;
  location: string;
  host: string;
  ports: number[];
  ownerPid: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
let azurite: ChildProcess | undefined;
/** Being started, not yet ready: it has written nothing, so it may simply be killed. */
let candidate: ChildProcess | undefined;
let stopping: Promise<void> | undefined;
let output = '';

const tell = (message: Record<string, unknown>) => {
  if (process.connected) process.send?.(message);
};
const ours = (info: { ownerPid: number; supervisorPid?: number } | undefined) => info !== undefined && (info.supervisorPid === process.pid || info.ownerPid === args.ownerPid);

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForStart(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Azurite did not start in 15 s: ${output}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4_000);
      if (output.includes('successfully started')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with code ${code}: ${output}`));
    });
  });
}

async function start(): Promise<void> {
  let lastError: unknown;
  for (const port of args.ports) {
    if (stopping) return;
    output = '';
    // Through azurite-child.js, which keeps a broken output pipe (this process killed) from ending Azurite before it saves.
    const child = fork(fileURLToPath(new URL('./azurite-child.js', import.meta.url)), [args.script, '--silent', '--disableTelemetry', '--skipApiVersionCheck', '--tableHost', args.host, '--tablePort', String(port), '--location', args.location], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    candidate = child;
    try {
      await waitForStart(child);
      candidate = undefined;
      if (stopping) return;
      azurite = child;
      child.once('exit', (code, signal) => {
        if (stopping) return;
        // Azurite died on its own: nothing runs on the folder any more.
        removeLock(args.location, ours);
        tell({ event: 'azuriteExited', code, signal, output: output.slice(-500) });
        process.exit(1);
      });
      tell({ event: 'ready', port, pid: child.pid });
      return;
    } catch (e) {
      lastError = e;
      child.kill('SIGKILL');
    }
  }
  if (stopping) return;
  tell({ event: 'failed', error: String(lastError) });
  process.exit(1);
}

function stop(reason: string): Promise<void> {
  stopping ??= (async () => {
    tell({ event: 'stopping', reason });
    const child = azurite;
    if (child && !exited(child)) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // After it has closed (and saved), only its IPC channel would keep it alive.
      child.stdout?.on('data', () => {
        if (output.includes('successfully closed') && child.connected) child.disconnect();
      });
      if (child.connected) child.send('shutdown');
      else child.kill('SIGINT');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(force);
    } else if (candidate && !exited(candidate)) {
      const gone = new Promise<void>((resolve) => candidate!.once('exit', () => resolve()));
      candidate.kill('SIGKILL');
      await gone;
    }
    removeLock(args.location, ours);
    tell({ event: 'stopped' });
    process.exit(0);
  })();
  return stopping;
}

process.on('message', (message) => {
  if (message === 'stop') void stop('asked');
});
process.on('disconnect', () => void stop('bot gone'));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
// A second way to notice the bot is gone: this process is handed to another parent.
setInterval(() => {
  if (process.ppid !== args.ownerPid) void stop('bot gone');
}, 500).unref();

start().catch((err: unknown) => {
  tell({ event: 'failed', error: String(err) });
  process.exit(1);
});
