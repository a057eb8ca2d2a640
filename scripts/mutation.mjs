#!/usr/bin/env node
// npm run test:mutation [group ...]: one Stryker run per group of scripts/mutation-groups.mjs
// (each prints its table of mutants), then the mutation score per module and in total.
// Fails when the total is below BREAK, or when a group's run fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BREAK, GROUPS } from './mutation-groups.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !GROUPS.some((g) => g.name === w));
if (unknown.length) {
  process.stderr.write(`unknown group ${unknown.join(', ')}; the groups are ${GROUPS.map((g) => g.name).join(', ')}\n`);
  process.exit(2);
}
const groups = wanted.length ? GROUPS.filter((g) => wanted.includes(g.name)) : GROUPS;
const started = Date.now();
const failedRuns = [];
const rows = [];

for (const group of groups) {
  const report = join(root, 'reports', 'mutation', `${group.name}.json`);
  rmSync(report, { force: true });
  process.stdout.write(`\n== mutation group ${group.name}: ${group.mutate.join(', ')}\n`);
  const t0 = Date.now();
  const run = spawnSync(process.execPath, [join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_GROUP: group.name, MUTATION_TESTS: group.tests.join(','), ...(group.testTimeoutMs ? { MUTATION_TEST_TIMEOUT: String(group.testTimeoutMs) } : {}) },
  });
  const minutes = (Date.now() - t0) / 60_000;
  if (!existsSync(report)) {
    failedRuns.push(`${group.name} (exit ${run.status ?? run.signal}, no report)`);
    continue;
  }
  if (run.status !== 0) failedRuns.push(`${group.name} (exit ${run.status ?? run.signal}: below the break threshold, or a failure above)`);
  const { files } = JSON.parse(readFileSync(report, 'utf8'));
  for (const [file, { mutants }] of Object.entries(files)) {
    const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
    rows.push({ group: group.name, file, minutes, detected: count('Killed', 'Timeout'), undetected: count('Survived', 'NoCoverage'), noCoverage: count('NoCoverage'), ignored: count('Ignored') });
  }
}

const pct = (d, u) => (d + u === 0 ? 100 : (100 * d) / (d + u));
const line = (cells) => `${cells[0].padEnd(34)} ${cells.slice(1).map((c) => String(c).padStart(9)).join(' ')}`;
process.stdout.write(`\nMutation score per module (killed + timed out) / (killed + timed out + survived + no coverage)\n`);
process.stdout.write(`${line(['module', 'score %', 'killed', 'survived', 'no cov.', 'ignored'])}\n`);
for (const r of rows) {
  process.stdout.write(`${line([r.file, pct(r.detected, r.undetected).toFixed(1), r.detected, r.undetected - r.noCoverage, r.noCoverage, r.ignored])}\n`);
}
const detected = rows.reduce((s, r) => s + r.detected, 0);
const undetected = rows.reduce((s, r) => s + r.undetected, 0);
const total = pct(detected, undetected);
process.stdout.write(`${line(['total', total.toFixed(1), detected, undetected - rows.reduce((s, r) => s + r.noCoverage, 0), rows.reduce((s, r) => s + r.noCoverage, 0), rows.reduce((s, r) => s + r.ignored, 0)])}\n`);
process.stdout.write(`wall time ${((Date.now() - started) / 60_000).toFixed(1)} min; break threshold ${BREAK} %\n`);
if (failedRuns.length) process.stdout.write(`failed runs: ${failedRuns.join('; ')}\n`);
process.exit(failedRuns.length || total < BREAK ? 1 : 0);
