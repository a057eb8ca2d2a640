/**
 * `npm run bench:pulse`: two benchmarks of the trivsel pulse, each starting its own
 * in-memory Azurite and touching nothing else.
 *
 * Default (aggregation): what does deciding what 52 rounds publish cost on top of
 * reading their answers? A workplace with 52 weekly rounds × 200 respondents (3 scores
 * each, a comment from about a third) is written through the real close path (sealed
 * ballots in the inbox → opened, shuffled answer rows). Then, in the same run and
 * interleaved so both see the same machine load:
 *   aggregate: round list + every answer partition + aggregatePulse + the publication
 *              decision of every week in order + 12-week trends for every week (what
 *              closing does once per round, and what is done for rounds closed before
 *              publications were stored);
 *   raw read:  the same 52 answer partitions listed with the same concurrency, no work.
 * Goal: median(aggregate) / median(raw read) ≤ 1.5.
 * Options (env): BENCH_WEEKS (52), BENCH_RESPONDENTS (200), BENCH_ROUNDS (7), BENCH_STRICT=1 (exit 1 above goal).
 *
 * `-- --burst N` (bench-pulse-burst.ts): N people answer at the same instant over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { odata, type TransactionAction } from '@azure/data-tables';
import { DEFAULT_THRESHOLDS, type PulseRoundResult } from '../pulse/aggregate.js';
import { loadDefaultBank, scaleOf } from '../pulse/bank.js';
import type { Publication } from '../pulse/disclosure.js';
import { aggregateRound, decide, mapLimit, READ_CONCURRENCY } from '../pulse/publish.js';
import { publishedWeek } from '../pulse/results.js';
import { pickItems } from '../pulse/rotation.js';
import { roundTiming } from '../pulse/schedule.js';
import { newSealKey, Seal } from '../pulse/seal.js';
import type { Round } from '../pulse/model.js';
import { boxKey, PULSE_TABLES, PulseStore } from '../pulse/store.js';
import { dimensionTrends } from '../pulse/trends.js';
import { addDays } from '../shared/calendar.js';
import { startAzurite } from '../storage/azurite.js';
import { Storage, submitInBatches } from '../storage/tables.js';
import { runBurst } from './bench-pulse-burst.js';

const WEEKS = Number(process.env.BENCH_WEEKS ?? 52);
const RESPONDENTS = Number(process.env.BENCH_RESPONDENTS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const GOAL = 1.5;
const WP = 'bench-workplace';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Seeds one round through the real close: invitations, markers and sealed ballots in the inbox, then PulseStore.close. */
async function seedRound(storage: Storage, store: PulseStore, seal: Seal, week: number): Promise<void> {
  const bank = loadDefaultBank();
  const timing = roundTiming({ weekday: 1, time: '09:00' }, addDays('2025-12-01', 7 * week));
  const items = pickItems(bank, timing.weekIndex).map((i) => ({ id: i.id, dimension: i.dimension, reversed: i.reversed, text: i.text, scale: scaleOf(bank, i) }));
  const people = Array.from({ length: RESPONDENTS + 20 }, (_, p) => `person-${p}`);
  await store.openRound({ ...timing, workplaceId: WP, items, forumInvited: 3 }, people);
  const pk = boxKey(WP, timing.id);
  const ops: TransactionAction[] = [];
  for (let p = 0; p < RESPONDENTS; p++) {
    // A slow drift and noise, so the trends are not flat.
    const scores = items.map((item) => ({ itemId: item.id, score: 1 + ((p * 7 + week * 3 + item.id.length) % 5) }));
    const comment = p % 3 === 0 ? `Kommentar ${p} i uge ${timing.weekLabel}` : undefined;
    // The rows PulseStore.submit writes, in bulk.
    ops.push(['create', { partitionKey: pk, rowKey: `a~${seal.token('answered', WP, timing.id, people[p]!)}` }]);
    ops.push(['create', { partitionKey: pk, rowKey: `b~${randomBytes(16).toString('hex')}`, sealed: seal.seal({ scores, ...(comment ? { comment } : {}) }, pk) }]);
  }
  await submitInBatches(storage.table('PulseInbox'), ops);
  const outcome = await store.close(WP, timing.id, DEFAULT_THRESHOLDS);
  if (outcome !== 'closed') throw new Error(`Seeding ${timing.id}: close returned ${outcome}`);
}

/** Every round decided from its answers, oldest first, and the trends of every week. */
async function aggregateAll(store: PulseStore): Promise<number> {
  const rounds = (await store.rounds(WP)).filter((r) => r.status === 'closed');
  const results = await mapLimit(rounds, READ_CONCURRENCY, (r) => aggregateRound(store, r, DEFAULT_THRESHOLDS));
  const decided = decideInOrder(rounds, results);
  const weeks = decided.map((publication, i) => publishedWeek({ round: rounds[i]!, publication }, DEFAULT_THRESHOLDS));
  let flags = 0;
  for (const r of rounds) for (const t of dimensionTrends(weeks, r.weekIndex)) if (t.flags.low || t.flags.fell) flags++;
  if (flags < 0) throw new Error('unreachable'); // keeps the trend work from being optimised away
  return results.reduce((n, r) => n + r.answered, 0);
}

function decideInOrder(rounds: readonly Round[], results: readonly PulseRoundResult[]): Publication[] {
  const out: Publication[] = [];
  rounds.forEach((r, i) => out.push(decide(r, results[i]!, out, DEFAULT_THRESHOLDS)));
  return out;
}

async function rawRead(storage: Storage, partitions: string[]): Promise<number> {
  const table = storage.table('PulseAnswers');
  const counts = await mapLimit(partitions, READ_CONCURRENCY, async (pk) => {
    let n = 0;
    for await (const _row of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk}` } })) n++;
    return n;
  });
  return counts.reduce((a, b) => a + b, 0);
}

async function aggregation(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const storage = new Storage(azurite.connectionString, 'bench');
    await storage.ensure([...PULSE_TABLES]);
    const seal = new Seal(Buffer.from(newSealKey(), 'base64'));
    const store = new PulseStore(storage, seal);
    const seedStart = performance.now();
    await mapLimit(Array.from({ length: WEEKS }, (_, w) => w), 4, (w) => seedRound(storage, store, seal, w));
    const rounds = await store.rounds(WP);
    const partitions = rounds.map((r) => boxKey(WP, r.id));
    const rows = await rawRead(storage, partitions);
    console.log(`seeded ${WEEKS} weeks × ${RESPONDENTS} respondents = ${rows} answer rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const agg: number[] = [];
    const raw: number[] = [];
    await aggregateAll(store); // warm-up
    await rawRead(storage, partitions);
    for (let i = 0; i < ROUNDS; i++) {
      // Interleave, alternating which goes first, so both see the same load.
      const order = i % 2 === 0 ? (['agg', 'raw'] as const) : (['raw', 'agg'] as const);
      for (const which of order) {
        const t0 = performance.now();
        if (which === 'agg') {
          const answered = await aggregateAll(store);
          if (answered !== WEEKS * RESPONDENTS) throw new Error(`aggregation saw ${answered} answers`);
          agg.push(performance.now() - t0);
        } else {
          if ((await rawRead(storage, partitions)) !== rows) throw new Error('raw read saw a different row count');
          raw.push(performance.now() - t0);
        }
      }
    }
    const ratio = median(agg) / median(raw);
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
    console.log(`aggregate (ms): ${fmt(agg)}  median ${median(agg).toFixed(0)}`);
    console.log(`raw read  (ms): ${fmt(raw)}  median ${median(raw).toFixed(0)}`);
    console.log(`ratio aggregate / raw read = ${ratio.toFixed(2)} (goal ≤ ${GOAL}): ${ratio <= GOAL ? 'met' : 'MISSED'}`);
    console.log(JSON.stringify({ bench: 'pulse', weeks: WEEKS, respondents: RESPONDENTS, rows, aggregateMedianMs: Math.round(median(agg)), rawMedianMs: Math.round(median(raw)), ratio: Number(ratio.toFixed(3)), goal: GOAL }));
    if (ratio > GOAL && process.env.BENCH_STRICT === '1') process.exitCode = 1;
  } finally {
    await azurite.stop();
  }
}

function burstArg(argv: readonly string[]): number | undefined {
  const i = argv.findIndex((a) => a === '--burst' || a.startsWith('--burst='));
  if (i < 0) return undefined;
  const value = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--burst needs a number of people, e.g. --burst 200 (got ${value ?? 'nothing'})`);
  return n;
}

const burst = burstArg(process.argv.slice(2));
(burst === undefined ? aggregation() : runBurst(burst)).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
