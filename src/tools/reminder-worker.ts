import { parseArgs } from 'node:util';
import type { Clock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import { Storage } from '../storage/tables.js';
import { fanoutEngine } from './fanout-kit.js';

/**
 * A reminder-engine process for the crash test (test/integration/reminders-crash.test.ts):
 * it ticks until nothing is due, logging JSON lines to stdout. The test kills it with
 * SIGKILL in the middle of a fan-out and checks that a restarted engine delivers the rest.
 *
 *   node dist/tools/reminder-worker.js --connection <azurite> --prefix <tables> --start <ISO>
 */
const { values } = parseArgs({
  options: {
    connection: { type: 'string' },
    prefix: { type: 'string' },
    start: { type: 'string' },
    instance: { type: 'string', default: 'worker' },
    concurrency: { type: 'string', default: '8' },
    rate: { type: 'string', default: '200' },
  },
});
if (!values.connection || !values.prefix || !values.start) {
  process.stderr.write('usage: reminder-worker --connection <string> --prefix <tables> --start <ISO time of the engine clock>\n');
  process.exit(2);
}

// The engine clock starts at --start and runs at real speed, so the test controls what is due.
const t0 = Date.now();
const startMs = new Date(values.start).getTime();
const clock: Clock = { now: () => new Date(startMs + (Date.now() - t0)) };
const log = createLogger('info');
const storage = new Storage(values.connection, values.prefix);
const engine = fanoutEngine(
  { storage, clock, log },
  { instanceId: values.instance, concurrency: Number(values.concurrency), appRatePerSecond: Number(values.rate) },
);

async function main(): Promise<void> {
  log.info({ event: 'worker.started', pid: process.pid }, 'worker started');
  for (;;) {
    const report = await engine.tick(clock.now());
    log.info({ event: 'worker.tick', ...report }, 'tick');
    if (report.due === 0) break;
  }
  log.info({ event: 'worker.done' }, 'nothing due');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log.error({ err }, 'worker failed');
    process.exit(1);
  },
);
