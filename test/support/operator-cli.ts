import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Runs an operator tool from dist/ (npm run backup / restore / dsar run the same files)
 * as its own process, in an empty folder (no .env), with only the given environment.
 */
export async function runTool(tool: 'backup' | 'restore' | 'dsar', args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; cwd: string }> {
  const cwd = mkdtempSync(join(tmpdir(), `trio-${tool}-`));
  const child = spawn(process.execPath, [resolve(`dist/tools/${tool}.js`), ...args], { cwd, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? -1)));
  return { code, stdout, stderr, cwd };
}

/** The one JSON line a tool prints. */
export const jsonOut = (out: { stdout: string }): Record<string, unknown> => JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
