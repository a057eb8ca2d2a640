import { spawn } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { distState } from '../../scripts/dist.mjs';

const STALE_LOCK_MS = 5 * 60_000;

/**
 * dist/ built from the current sources, as `npm test` leaves it (it runs `npm run build`
 * first). Tests of the built bot call this in `beforeAll`, so that one of them run alone
 * (`npx vitest run test/integration/process.test.ts`) builds instead of failing. A no-op
 * when dist/ is current. Test files run in parallel and a build starts by removing dist/,
 * so a lock file lets one file build while the others wait for it.
 */
export async function ensureBuilt(root = process.cwd()): Promise<void> {
  if (distState(root).current) return;
  const lock = join(root, '.dist-build.lock');
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (distState(root).current) return;
      // A lock left by a killed run: older than any build takes here.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > STALE_LOCK_MS) rmSync(lock, { force: true });
      await sleep(250);
    }
  }
  try {
    if (distState(root).current) return;
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, 'scripts', 'dist.mjs'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (c) => (c === 0 ? resolve(c) : reject(new Error(`npm run build failed (exit ${c}): ${stderr.slice(0, 2_000)}`))));
    });
    if (code !== 0 || !distState(root).current) throw new Error('dist/ is still not current after building');
  } finally {
    rmSync(lock, { force: true });
  }
}
