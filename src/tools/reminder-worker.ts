import { parseArgs } from 'node:util';
import type { Clock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import { Storage } from '../storage/tables.js';
import { fanoutEngine } from './fanout-kit.js';

/**
 * A reminder-engine process, as the bot runs its engine, for the crash test
 * (test/integration/reminders-crash.test.ts) and the multi-instance fan-out benchmark:
 * it ticks until nothing is due, logging JSON lines to stdout (its RSS every second).
 * The engine's send budget is shared through storage with every other worker on the
 * same tables. SIGTERM stops it the way the bot stops (held jobs go back to storage).
 *
 *   node dist/tools/reminder-worker.js --connection <azurite> --prefix <tables> --start <ISO>
 *     [--instance id] [--concurrency 8] [--rate 50] [--lease ms]
 */
const { values } = parseArgs({
  options: {
    connection: { type: 'string' },
    prefix: { type: 'string' },
    start: { type: 'string' },
    instance: { type: 'string', default: 'worker' },
    concurrency: { type: 'string', default: '8' },
    rate: { type: 'string', default: '200' },
    lease: { type: 'string' },
  },
});
if (!values.connection || !values.prefix || !values.start) {
  process.stderr.write('usage: reminder-worker --connection <string> --prefix <tables> --start <ISO time of the engine clock>\n');
  process.exit(2);
}

// The engine clock starts at --start and runs at real speed, so the caller controls what is due.
const t0 = Date.now();
const startMs = new Date(values.start).getTime();
const clock: Clock = { now: () => new Date(startMs + (Date.now() - t0)) };
const log = createLogger('info');
const storage = new Storage(values.connection, values.prefix);
const engine = fanoutEngine(
  { storage, clock, log },
  {
    instanceId: values.instance,
    concurrency: Number(values.concurrency),
    appRatePerSecond: Number(values.rate),
    ...(values.lease ? { leaseMs: Number(values.lease) } : {}),
  },
);
const rss = setInterval(() => log.info({ event: 'worker.rss', rss: process.memoryUsage.rss() }, 'rss'), 1_000);

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
  void engine.stop().then(() => process.exit(0));
});

async function main(): Promise<void> {
  log.info({ event: 'worker.started', pid: process.pid }, 'worker started');
  while (!stopping) {
    const report = await engine.tick(clock.now());
    log.info({ event: 'worker.tick', ...report }, 'tick');
    if (report.due === 0) break;
    // Only rows leased by another instance left: wait for those leases instead of spinning.
    if (report.sent + report.failed + report.retried + report.deferred + report.cancelled + report.blocked === 0) await new Promise((r) => setTimeout(r, 500));
  }
  await engine.stop();
  clearInterval(rss);
  const usage = process.resourceUsage();
  log.info({ event: 'worker.done', maxRss: usage.maxRSS * 1_024, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1_000) }, 'nothing due');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log.error({ err }, 'worker failed');
    process.exit(1);
  },
);
