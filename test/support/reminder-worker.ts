import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Tests that run the engine or the bot in a child process use the compiled code:
 * `node dist/tools/reminder-worker.js` or `node dist/main.js` (Node 20 cannot run .ts).
 * `npm test` compiles first; when dist is missing or older than any source, it is
 * compiled here, so a test file run on its own works too.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
export const WORKER = join(root, 'dist/tools/reminder-worker.js');
export const MAIN = join(root, 'dist/main.js');

function newestSource(dir = join(root, 'src')): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export async function ensureWorkerBuilt(): Promise<void> {
  const newest = newestSource();
  if ([WORKER, MAIN].every((f) => existsSync(f) && statSync(f).mtimeMs >= newest)) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const child = spawn(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'ignore' });
  await new Promise<void>((done) => child.once('exit', () => done()));
  // tsc emits even when another part of src has a type error; only a missing worker is fatal.
  if (!existsSync(WORKER) || !existsSync(MAIN)) throw new Error('dist was not built (run npm run build)');
}

export interface WorkerProcess {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorker(args: Record<string, string>, script = WORKER, env?: Record<string, string>): WorkerProcess {
  const argv = Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]);
  const child = spawn(process.execPath, [script, ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) if (line.trim().startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, lines, exited };
}

/** Resolves with the first logged line that matches, or rejects after `timeoutMs`. */
export async function waitForLine(p: WorkerProcess, match: (line: Record<string, unknown>) => boolean, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = p.lines.find(match);
    if (found) return found;
    if (p.child.exitCode !== null || p.child.signalCode !== null) throw new Error(`process exited: ${JSON.stringify(p.lines.slice(-5))}`);
    if (Date.now() > until) throw new Error(`no such line in ${timeoutMs} ms: ${JSON.stringify(p.lines.slice(-5))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
