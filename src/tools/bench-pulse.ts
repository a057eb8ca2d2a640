/**
 * `npm run bench:pulse`: what does the anonymity-preserving aggregation cost on top of
 * reading the data? A workplace with 52 weekly rounds × 200 respondents (3 scores each,
 * a comment from about a third) is written through the real close path (inbox → shuffled
 * answer rows). Then, in the same run and interleaved so both see the same machine load:
 *   aggregate: the results path (round list + every answer partition + aggregatePulse
 *              + 12-week trends for every week), as the results card and MED summary do;
 *   raw read:  the same 52 answer partitions listed with the same concurrency, no work.
 * Goal: median(aggregate) / median(raw read) ≤ 1.5.
 *
 * Starts its own in-memory Azurite; touches nothing else.
 * Options (env): BENCH_WEEKS (52), BENCH_RESPONDENTS (200), BENCH_ROUNDS (7), BENCH_STRICT=1 (exit 1 above goal).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { TransactionAction } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { aggregatePulse, dimensionTrends, DEFAULT_THRESHOLDS } from '../pulse/aggregate.js';
import { loadDefaultBank, scaleOf } from '../pulse/bank.js';
import { mapLimit, READ_CONCURRENCY, summarize } from '../pulse/results.js';
import { pickItems } from '../pulse/rotation.js';
import { roundTiming } from '../pulse/schedule.js';
import { boxKey, PULSE_TABLES, PulseStore } from '../pulse/store.js';
import { addDays } from '../shared/calendar.js';
import { startAzurite } from '../storage/azurite.js';
import { Storage, submitInBatches } from '../storage/tables.js';

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

/** Seeds one round through the real close: markers and ballots in the inbox, then PulseStore.close. */
async function seedRound(storage: Storage, store: PulseStore, week: number): Promise<void> {
  const bank = loadDefaultBank();
  const timing = roundTiming({ weekday: 1, time: '09:00' }, addDays('2025-12-01', 7 * week));
  const items = pickItems(bank, timing.weekIndex).map((i) => ({ id: i.id, dimension: i.dimension, reversed: i.reversed, text: i.text, scale: scaleOf(bank, i) }));
  await store.createRound({ ...timing, workplaceId: WP, items, invited: RESPONDENTS + 20 });
  const pk = boxKey(WP, timing.id);
  const ops: TransactionAction[] = [];
  for (let p = 0; p < RESPONDENTS; p++) {
    // A slow drift and noise, so the trends are not flat.
    const scores = items.map((item) => ({ itemId: item.id, score: 1 + ((p * 7 + week * 3 + item.id.length) % 5) }));
    const comment = p % 3 === 0 ? `Kommentar ${p} i uge ${timing.weekLabel}` : undefined;
    ops.push(['create', { partitionKey: pk, rowKey: `p~person-${p}` }]);
    ops.push(['create', { partitionKey: pk, rowKey: `b~${randomBytes(16).toString('hex')}`, ballot: JSON.stringify({ scores, ...(comment ? { comment } : {}) }) }]);
  }
  await submitInBatches(storage.table('PulseInbox'), ops);
  const outcome = await store.close(WP, timing.id, DEFAULT_THRESHOLDS);
  if (outcome !== 'closed') throw new Error(`Seeding ${timing.id}: close returned ${outcome}`);
}

async function aggregateAll(store: PulseStore): Promise<number> {
  const rounds = await store.rounds(WP);
  const summaries = await summarize(store, rounds, DEFAULT_THRESHOLDS);
  let flags = 0;
  for (const s of summaries) {
    for (const t of dimensionTrends(summaries.map((x) => x.result), s.round.weekIndex)) if (t.flags.low || t.flags.fell) flags++;
  }
  if (flags < 0) throw new Error('unreachable'); // keeps the trend work from being optimised away
  return summaries.reduce((n, s) => n + s.result.answered, 0);
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

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const storage = new Storage(azurite.connectionString, 'bench');
    await storage.ensure([...PULSE_TABLES]);
    const store = new PulseStore(storage);
    const seedStart = performance.now();
    await mapLimit(Array.from({ length: WEEKS }, (_, w) => w), 4, (w) => seedRound(storage, store, w));
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
    // The pure part alone: the same aggregation over answers already in memory.
    const loaded = await mapLimit(rounds, READ_CONCURRENCY, async (r) => ({ r, a: await store.answers(WP, r.id) }));
    const c0 = performance.now();
    for (let i = 0; i < ROUNDS; i++) {
      const results = loaded.map(({ r, a }) => aggregatePulse({ weekIndex: r.weekIndex, invited: r.invited, answered: r.answered, answers: a.answers }, loadDefaultBank(), DEFAULT_THRESHOLDS));
      for (const r of rounds) dimensionTrends(results, r.weekIndex);
    }
    const computeMs = (performance.now() - c0) / ROUNDS;
    console.log(`of which pure aggregation in memory: ${computeMs.toFixed(1)} ms`);
    const ratio = median(agg) / median(raw);
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
    console.log(`aggregate (ms): ${fmt(agg)}  median ${median(agg).toFixed(0)}`);
    console.log(`raw read  (ms): ${fmt(raw)}  median ${median(raw).toFixed(0)}`);
    console.log(`ratio aggregate / raw read = ${ratio.toFixed(2)} (goal ≤ ${GOAL}): ${ratio <= GOAL ? 'met' : 'MISSED'}`);
    console.log(JSON.stringify({ bench: 'pulse', weeks: WEEKS, respondents: RESPONDENTS, rows, aggregateMedianMs: Math.round(median(agg)), rawMedianMs: Math.round(median(raw)), computeMs: Number(computeMs.toFixed(1)), ratio: Number(ratio.toFixed(3)), goal: GOAL }));
    if (ratio > GOAL && process.env.BENCH_STRICT === '1') process.exitCode = 1;
  } finally {
    await azurite.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
