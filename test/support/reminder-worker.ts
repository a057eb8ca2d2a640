import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The crash test runs the engine in a child process: `node dist/tools/reminder-worker.js`
 * (Node 20 cannot run .ts). `npm test` compiles first; when dist is missing or older than
 * the sources it depends on, it is compiled here.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
export const WORKER = join(root, 'dist/tools/reminder-worker.js');

function newestSource(): number {
  let newest = 0;
  for (const dir of ['src/outbox', 'src/bot', 'src/tools', 'src/conversations', 'src/storage', 'src/core']) {
    for (const f of readdirSync(join(root, dir))) if (f.endsWith('.ts')) newest = Math.max(newest, statSync(join(root, dir, f)).mtimeMs);
  }
  return newest;
}

export async function ensureWorkerBuilt(): Promise<void> {
  if (existsSync(WORKER) && statSync(WORKER).mtimeMs >= newestSource()) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const child = spawn(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'ignore' });
  await new Promise<void>((done) => child.once('exit', () => done()));
  // tsc emits even when another part of src has a type error; only a missing worker is fatal.
  if (!existsSync(WORKER)) throw new Error('dist/tools/reminder-worker.js was not built (run npm run build)');
}

export interface WorkerProcess {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorker(args: Record<string, string>): WorkerProcess {
  const argv = Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]);
  const child = spawn(process.execPath, [WORKER, ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, lines, exited };
}
