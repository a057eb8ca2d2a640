import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startAzurite } from '../storage/azurite.js';

/**
 * `npm run bench:start`: time from spawning `npm start`'s command to the first /readyz 200,
 * on a built tree, against the baseline of compiling first (what `npm start` did before it
 * reused dist/). Storage is a separately started Azurite (the production path: a storage
 * account), and separately the embedded one (the development default). Median of --runs.
 */

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Math.max(1, Number(values.runs));

async function timeToReady(command: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), { env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /"event":"http\.listening","port":(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out.slice(-500)}`)));
    });
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      if (res?.status === 200) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const dataDir = mkdtempSync(join(tmpdir(), 'trio-bench-start-'));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const node = process.execPath;
  const account = { STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: 'benchstart' };
  try {
    const prep = spawnSync(node, ['scripts/dist.mjs', 'build'], { stdio: 'inherit' });
    if (prep.status !== 0) throw new Error('build failed');
    const rows: { what: string; ms: number[] }[] = [
      { what: 'npm start, built tree, storage account', ms: [] },
      { what: 'npm start, built tree, embedded Azurite', ms: [] },
      { what: 'baseline: tsc, then node dist/main.js, storage account', ms: [] },
    ];
    for (let i = 0; i < runs; i++) {
      rows[0]!.ms.push(await timeToReady([node, 'scripts/dist.mjs', 'start'], account));
      rows[1]!.ms.push(await timeToReady([node, 'scripts/dist.mjs', 'start'], { DATA_DIR: dataDir }));
      rows[2]!.ms.push(await timeToReady(['sh', '-c', `"${node}" "${tsc}" -p tsconfig.json && exec "${node}" dist/main.js`], account));
    }
    for (const r of rows) console.log(`${r.what.padEnd(56)} median ${Math.round(median(r.ms))} ms  (${r.ms.map((m) => Math.round(m)).join(', ')})`);
    const ratio = median(rows[0]!.ms) / median(rows[2]!.ms);
    console.log(`ratio built ÷ baseline: ${ratio.toFixed(3)} (${runs} runs, Node ${process.version})`);
  } finally {
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
