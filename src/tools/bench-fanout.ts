import { parseArgs } from 'node:util';
import type { Clock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import { startAzurite } from '../storage/azurite.js';
import { Storage } from '../storage/tables.js';
import { zonedInstant } from '../shared/calendar.js';
import { startConnectorDouble } from './connector-double.js';
import { ensureTables, fanoutEngine, fanoutRequests, seedUserReferences, tally } from './fanout-kit.js';

/**
 * Fan-out benchmark: N personal reminders through the real engine, sender and botbuilder
 * transport into the connector double, which enforces Teams' limits with a tenant rate R
 * (429 + Retry-After beyond it). Starts its own in-memory Azurite and stops it.
 *
 *   npm run bench:fanout -- [--recipients 2000] [--rate 40] [--concurrency 8]
 *   (= node --expose-gc --max-old-space-size=128 dist/tools/bench-fanout.js ...)
 *
 * Prints recipients, achieved messages/s ÷ R (goal >= 0.9), duplicates, lost and peak RSS
 * of this process (engine + connector double; Azurite runs in its own process), and the
 * live heap after a full GC. Without a heap cap V8 lets the heap grow to several times
 * the live set before collecting (botbuilder allocates a client pipeline per send), so
 * the cap shows what the process needs, not what V8 would borrow.
 */
const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '8' },
  },
});
const N = Number(values.recipients);
const R = Number(values.rate);
const concurrency = Number(values.concurrency);
if (!(N > 0) || !(R > 0) || !(concurrency > 0)) {
  process.stderr.write('usage: bench-fanout [--recipients N] [--rate R] [--concurrency C]\n');
  process.exit(2);
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const connector = await startConnectorDouble({ limits: { enabled: true, appPerSecond: R }, keepActivities: false });
  try {
    const storage = new Storage(azurite.connectionString, 'bench');
    await ensureTables(storage);
    // The engine clock starts on a Tuesday at 10:00 (inside the working window) and runs at real speed.
    const start = zonedInstant('2026-11-24', '10:00').getTime();
    const t0 = Date.now();
    const clock: Clock = { now: () => new Date(start + (Date.now() - t0)) };
    const log = createLogger('warn');
    await seedUserReferences(storage, connector.url, N, clock.now());
    const engine = fanoutEngine({ storage, clock, log }, { appRatePerSecond: R, concurrency, instanceId: 'bench' });

    const scheduleStart = performance.now();
    await engine.scheduleMany(fanoutRequests(N, clock.now()));
    const scheduleMs = performance.now() - scheduleStart;

    const sendStart = Date.now();
    let ticks = 0;
    for (;;) {
      const report = await engine.tick(clock.now());
      ticks++;
      if (report.due === 0 || ticks > 50) break;
    }
    const sent = connector.sent();
    const last = sent.length ? sent[sent.length - 1]!.at : sendStart;
    const seconds = Math.max(0.001, (last - sendStart) / 1_000);
    const achieved = sent.length / seconds;
    const counts = tally(sent.map((r) => r.activity.text), N);
    const stats = connector.stats();
    peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1_024);
    (globalThis as { gc?: () => void }).gc?.();
    const liveHeap = process.memoryUsage().heapUsed;
    const result = {
      recipients: N,
      rate: R,
      concurrency,
      scheduleSeconds: +(scheduleMs / 1_000).toFixed(2),
      sendSeconds: +seconds.toFixed(2),
      messagesPerSecond: +achieved.toFixed(1),
      ratio: +(achieved / R).toFixed(3),
      duplicates: counts.duplicates,
      lost: counts.lost,
      throttled429: stats.throttled,
      peakRssMB: +(peakRss / 1_048_576).toFixed(1),
      liveHeapMB: +(liveHeap / 1_048_576).toFixed(1),
      node: process.version,
    };
    process.stdout.write(
      [
        `recipients          ${result.recipients}`,
        `tenant rate R       ${R}/s (connector double: 7/s and 60/30 s per conversation)`,
        `scheduled in        ${result.scheduleSeconds} s (scheduleMany, transactions of 50 jobs)`,
        `sent in             ${result.sendSeconds} s`,
        `achieved            ${result.messagesPerSecond} msg/s = ${result.ratio} × R (goal >= 0.9)`,
        `duplicates          ${result.duplicates}`,
        `lost                ${result.lost}`,
        `429 answers         ${result.throttled429}`,
        `peak RSS            ${result.peakRssMB} MB (live heap after GC ${result.liveHeapMB} MB)`,
        JSON.stringify(result),
        '',
      ].join('\n'),
    );
    if (result.lost > 0 || result.duplicates > 0) process.exitCode = 1;
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
