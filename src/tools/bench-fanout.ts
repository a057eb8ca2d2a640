import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Clock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import { startAzurite } from '../storage/azurite.js';
import { Storage } from '../storage/tables.js';
import { zonedInstant } from '../shared/calendar.js';
import { startConnectorDouble, type ConnectorDouble } from './connector-double.js';
import { ensureTables, fanoutEngine, fanoutRequests, seedUserReferences, tally } from './fanout-kit.js';

/**
 * Fan-out benchmark: N personal reminders through the real engine, sender and botbuilder
 * transport into the connector double, which enforces Teams' limits: R per second for
 * the tenant (default 50, Teams' published limit) and 7/s, 60/30 s per conversation,
 * with 429 + Retry-After beyond them. Starts its own in-memory Azurite and stops it.
 *
 *   npm run bench:fanout -- [--instances 1] [--recipients 10000] [--rate 50] [--kill-one]
 *   npm run bench:fanout -- --in-process [--recipients 2000] [--rate 40]
 *
 * With --instances K, K engine processes (dist/tools/reminder-worker.js, loopback only)
 * share the tenant's budget through storage; the benchmark schedules the fan-out and
 * watches. --kill-one SIGKILLs one instance when half the messages have arrived: the
 * others take over its jobs when their leases (--lease, default 15 s) run out and its
 * budget share when its budget lease runs out (5 s). Prints combined rate ÷ R (goal
 * >= 0.9), 429s, duplicates, lost, the jobs the survivors took over as "outcome
 * unknown", and peak RSS per instance. --in-process runs one engine inside this process
 * (the earlier form of the benchmark: its RSS includes the connector double).
 */
const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '8' },
    instances: { type: 'string', default: '1' },
    lease: { type: 'string', default: '15000' },
    'kill-one': { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
  },
});
const N = Number(values.recipients);
const R = Number(values.rate);
const K = Number(values.instances);
const concurrency = Number(values.concurrency);
if (!(N > 0) || !(R > 0) || !(K >= 1) || !(concurrency > 0) || (values['kill-one'] && K < 2)) {
  process.stderr.write('usage: bench-fanout [--instances K] [--recipients N] [--rate R] [--concurrency C] [--lease ms] [--kill-one (K >= 2)] [--in-process]\n');
  process.exit(2);
}
const MB = (bytes: number) => +(bytes / 1_048_576).toFixed(1);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);

interface Instance {
  id: string;
  child: ChildProcess;
  peakRss: number;
  cpuMs: number;
  unknown: Record<string, number>;
  killed: boolean;
  exited: Promise<void>;
}

function startInstance(id: string, connection: string, prefix: string, start: Date): Instance {
  const worker = fileURLToPath(new URL('./reminder-worker.js', import.meta.url));
  const args = ['--connection', connection, '--prefix', prefix, '--start', start.toISOString(), '--instance', id, '--rate', String(R), '--concurrency', String(concurrency), '--lease', String(values.lease)];
  const child = spawn(process.execPath, ['--max-old-space-size=128', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), worker, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const instance: Instance = { id, child, peakRss: 0, cpuMs: 0, unknown: {}, killed: false, exited: new Promise((r) => child.once('exit', () => r())) };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const e = JSON.parse(line) as { event?: string; rss?: number; maxRss?: number; cpuMs?: number; previousOwner?: string };
      if (e.event === 'worker.rss' || e.event === 'worker.done') instance.peakRss = Math.max(instance.peakRss, e.rss ?? 0, e.maxRss ?? 0);
      if (e.event === 'worker.done') instance.cpuMs = e.cpuMs ?? 0;
      if (e.event === 'reminder.outcomeUnknown') {
        const from = e.previousOwner ?? 'in flight';
        instance.unknown[from] = (instance.unknown[from] ?? 0) + 1;
      }
    }
  });
  return instance;
}

async function waitUntil(connector: ConnectorDouble, done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const connector = await startConnectorDouble({ limits: { enabled: true, appPerSecond: R }, keepActivities: false });
  const prefix = 'bench';
  try {
    const storage = new Storage(azurite.connectionString, prefix);
    await ensureTables(storage);
    // The engine clock starts on a Tuesday at 10:00 (inside the working window) and runs at real speed.
    const start = zonedInstant('2026-11-24', '10:00');
    const t0 = Date.now();
    const clock: Clock = { now: () => new Date(start.getTime() + (Date.now() - t0)) };
    const log = createLogger('warn');
    await seedUserReferences(storage, connector.url, N, clock.now());
    const engine = fanoutEngine({ storage, clock, log }, { appRatePerSecond: R, concurrency, instanceId: 'bench' });
    const scheduleStart = performance.now();
    await engine.scheduleMany(fanoutRequests(N, clock.now()));
    const scheduleMs = performance.now() - scheduleStart;
    const unique = () => tally(connector.sent().map((r) => r.activity.text), N).unique;

    const instances: Instance[] = [];
    const cpuBefore = process.cpuUsage();
    if (values['in-process']) {
      for (let ticks = 0; ticks < 50; ticks++) if ((await engine.tick(clock.now())).due === 0) break;
    } else {
      for (let i = 0; i < K; i++) instances.push(startInstance(`instance-${i + 1}`, azurite.connectionString, prefix, clock.now()));
      if (values['kill-one']) {
        await waitUntil(connector, () => connector.sent().length >= N / 2, 600_000);
        const victim = instances[1]!;
        victim.killed = true;
        victim.child.kill('SIGKILL');
        process.stderr.write(`SIGKILLed ${victim.id} after ${connector.sent().length} messages\n`);
      }
      await Promise.all(instances.map((i) => i.exited));
    }
    await waitUntil(connector, () => unique() >= N, 1_000);

    const sent = connector.sent();
    const seconds = sent.length > 1 ? (sent[sent.length - 1]!.at - sent[0]!.at) / 1_000 : 0.001;
    const achieved = sent.length / Math.max(0.001, seconds);
    const counts = tally(sent.map((r) => r.activity.text), N);
    const killed = instances.find((i) => i.killed);
    const takenOver = killed ? instances.reduce((sum, i) => sum + (i.unknown[killed.id] ?? 0), 0) : 0;
    peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1_024);
    const cpu = process.cpuUsage(cpuBefore);
    // CPU of the engines per 1,000 messages: what the machine's load cannot change much.
    const engineCpuMs = values['in-process'] ? (cpu.user + cpu.system) / 1_000 : instances.reduce((sum, i) => sum + i.cpuMs, 0);
    // Where the time went: accepted messages per 10 s from the first one, when the 429s came,
    // and how long the last 1 % took (a fan-out's tail).
    const first = sent[0]?.at ?? 0;
    const bins: number[] = [];
    for (const r of sent) {
      const b = Math.floor((r.at - first) / 10_000);
      bins[b] = (bins[b] ?? 0) + 1;
    }
    const tailFrom = sent[Math.floor(sent.length * 0.99)]?.at ?? first;
    const timeline = {
      per10s: Array.from(bins, (n) => n ?? 0),
      throttledAtSeconds: connector.throttles().map((t) => +((t - first) / 1_000).toFixed(1)),
      lastPercentSeconds: +((sent.length ? sent[sent.length - 1]!.at - tailFrom : 0) / 1_000).toFixed(1),
    };
    const result = {
      mode: values['in-process'] ? 'in-process' : `${K} instance${K > 1 ? 's' : ''}${killed ? ', one SIGKILLed halfway' : ''}`,
      recipients: N,
      rate: R,
      concurrency,
      scheduleSeconds: +(scheduleMs / 1_000).toFixed(2),
      sendSeconds: +seconds.toFixed(2),
      messagesPerSecond: +achieved.toFixed(1),
      ratio: +(achieved / R).toFixed(3),
      throttled429: connector.stats().throttled,
      duplicates: counts.duplicates,
      lost: counts.lost,
      ...(killed ? { takenOverAsUnknown: takenOver } : {}),
      engineCpuMsPer1000: Math.round((engineCpuMs / Math.max(1, sent.length)) * 1_000),
      peakRssMB: values['in-process'] ? { 'this process': MB(peakRss) } : Object.fromEntries(instances.map((i) => [i.id, MB(i.peakRss)])),
      node: process.version,
      timeline,
    };
    process.stdout.write(
      [
        `mode                ${result.mode}`,
        `recipients          ${N}`,
        `tenant rate R       ${R}/s enforced by the connector double (and 7/s, 60/30 s per conversation)`,
        `scheduled in        ${result.scheduleSeconds} s (scheduleMany, transactions of 50 jobs)`,
        `sent in             ${result.sendSeconds} s (first to last accepted message)`,
        `combined rate       ${result.messagesPerSecond} msg/s = ${result.ratio} × R (goal >= 0.9)`,
        `429 answers         ${result.throttled429}`,
        `duplicates          ${result.duplicates}${killed ? ` (at most the ${takenOver} jobs taken over from ${killed.id}, logged as outcome unknown)` : ''}`,
        `lost                ${result.lost}`,
        `engine CPU          ${result.engineCpuMsPer1000} ms per 1,000 messages${values['in-process'] ? ' (with the connector double)' : ' (all instances; a killed one counts 0)'}`,
        `per 10 s            ${timeline.per10s.join(' ')}`,
        `429 at (s)          ${timeline.throttledAtSeconds.join(' ') || '-'}`,
        `last 1 % took       ${timeline.lastPercentSeconds} s`,
        `peak RSS            ${Object.entries(result.peakRssMB).map(([k, v]) => `${k} ${v} MB`).join(', ')}`,
        JSON.stringify(result),
        '',
      ].join('\n'),
    );
    if (result.lost > 0 || result.duplicates > takenOver) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await connector.stop();
    await azurite.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
