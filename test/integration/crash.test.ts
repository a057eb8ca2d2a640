import { describe, expect, it } from 'vitest';
import { runCrash } from '../../src/tools/crash-kit.js';
import { ensureWorkerBuilt, MAIN } from '../support/reminder-worker.js';

/**
 * kill -9 of the bot, 20 times: the real bot (`node dist/main.js`, embedded Azurite on a
 * data folder) gets mixed traffic over HTTP (actions, sickness cases with a contact and a
 * raskmelding, pulse answers, a third of them double-tapped), is killed at a random moment
 * (0-4 s after the round's first answer; every other round 0-2 s after its first confirmed
 * sickness case, so that sickness writes are confirmed and checked however loaded the
 * machine is) and started again on the same folder. Nothing a user saw confirmed is lost, nothing is
 * stored twice, no record lacks its events or reminder rows (and no reminder row lacks its
 * record), and exactly one Azurite runs on the folder after each restart. The same run,
 * longer, is `npm run bench:crash -- --rounds 50`.
 */
describe('kill -9 at a random moment, 20 times', () => {
  it('loses nothing confirmed, doubles nothing, leaves nothing half-written, runs one Azurite', async () => {
    await ensureWorkerBuilt();
    const lines: string[] = [];
    const r = await runCrash({ rounds: 20, main: MAIN, killAfterMs: [0, 4000], killAfterCaseMs: [0, 2000], log: (l) => lines.push(l) });
    console.log(`crash test: ${r.rounds} rounds, ${r.requests} requests, ${r.confirmed} confirmed ${JSON.stringify(r.confirmedByKind)}, lost ${r.lost}, duplicates ${r.duplicates}, partial ${r.partial}, finished after restart ${r.repaired}, Azurite per restart ${[...new Set(r.azurite)].join('/')}, ${Math.round(r.durationMs / 1000)} s`);
    expect(r.rounds).toBe(20);
    expect(r.problems, lines.join('\n')).toEqual([]);
    // Every kind of write was confirmed and checked (a raskmelding comes last in its sequence, so it is reported, not required).
    expect(r.confirmedByKind.action).toBeGreaterThan(0);
    expect(r.confirmedByKind.case).toBeGreaterThan(0);
    expect(r.confirmedByKind.contact).toBeGreaterThan(0);
    expect(r.confirmedByKind.answer).toBeGreaterThan(0);
    expect(r.azurite).toEqual(Array.from({ length: 20 }, () => 1));
  }, 600_000);
});
