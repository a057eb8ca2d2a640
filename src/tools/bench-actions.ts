/**
 * `npm run bench:actions`: how much slower is "åbne handlinger" than "hjælp" when a
 * workplace has 500 actions? Both go through the whole pipeline over HTTP (restify →
 * CloudAdapter → dispatcher → Azurite → reply to a local connector), in the same run,
 * interleaved so both see the same machine load. Goal: p95(åbne handlinger) / p95(hjælp) ≤ 3.
 *
 * Starts its own in-memory Azurite and connector double; touches nothing else.
 * Options (env): BENCH_ACTIONS (500), BENCH_ROUNDS (200), BENCH_WARMUP (20).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startApp } from '../app.js';
import { loadConfig } from '../config.js';
import { ManualClock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import { ActionStore } from '../actions/store.js';
import { startAzurite } from '../storage/azurite.js';
import { startConnectorDouble } from './connector-double.js';
import { addDays } from '../shared/calendar.js';

const N_ACTIONS = Number(process.env.BENCH_ACTIONS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const GOAL = 3;

const WP = 'bench-workplace';
const TRIO = '19:bench-trio@thread.tacv2';
const TEAM = '19:bench-general@thread.tacv2';
const LEADER = { aad: '0b7c2a8e-1f2d-4c3b-9a4e-5d6f7a8b9c0d', name: 'Lone Leder' };

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const connector = await startConnectorDouble({ keepActivities: false });
  const clock = new ManualClock('2026-11-24T09:00:00Z');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    TABLE_PREFIX: 'bench',
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'warn',
  });
  const app = await startApp(config, { clock, log: createLogger('warn') });
  try {
    const { workplaces } = app.ctx;
    await workplaces.create(WP, 'Bostedet Bench', LEADER.aad);
    await workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Bostedet Bench', aadObjectId: LEADER.aad, teamsUserId: '29:leader', name: LEADER.name, roles: ['leder'] });
    await workplaces.linkChannel(WP, 'trio', TRIO, TEAM);

    const seeded = performance.now();
    const store = new ActionStore(app.ctx.storage, clock);
    // Sequential: the counter is ETag-guarded, so parallel creates would only retry.
    for (let n = 0; n < N_ACTIONS; n++) {
      const end = addDays('2026-10-01', (n * 7) % 400); // about a tenth are overdue
      await store.create(
        WP,
        {
          tema: ['Organisation og ledelse, kriterium 9', 'Psykisk arbejdsmiljø', 'Fysisk arbejdsmiljø', 'Kompetencer'][n % 4]!,
          emne: `Emne ${n}: hvad der skal ændres, og hvorfor. `.repeat(6),
          maal: 'Det konkrete mål for kvalitetsudviklingen',
          hvad: 'Aktiviteter, der skal iværksættes',
          start: '2026-09-01',
          end,
          startLabel: '1. september 2026',
          endLabel: end,
          dokumentation: 'Månedlig opfølgning i TRIO',
          owner: n % 3 === 0 ? { name: 'afdelingsledelse' } : { id: LEADER.aad, name: LEADER.name },
          effekt: 'Bedre trivsel',
          source: 'apv',
        },
        { id: LEADER.aad, name: LEADER.name },
      );
    }
    const open = await store.listOpen(WP);
    console.log(`seeded ${open.length} open actions in ${Math.round(performance.now() - seeded)} ms`);

    const send = async (text: string): Promise<number> => {
      const activity = {
        type: 'message',
        id: randomUUID(),
        text: `<at>TRIO-bot</at> ${text}`,
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: '29:leader', aadObjectId: LEADER.aad, name: LEADER.name },
        recipient: { id: '28:bot', name: 'TRIO-bot' },
        conversation: { id: `${TRIO};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: 'tenant' },
        channelData: { team: { id: TEAM }, channel: { id: TRIO }, tenant: { id: 'tenant' } },
        entities: [{ type: 'mention', mentioned: { id: '28:bot', name: 'TRIO-bot' }, text: '<at>TRIO-bot</at>' }],
      };
      const before = connector.stats().accepted;
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${app.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      if (res.status !== 200 || connector.stats().accepted !== before + 1) throw new Error(`"${text}" failed: HTTP ${res.status}`);
      return ms;
    };

    for (let i = 0; i < WARMUP; i++) {
      await send('hjælp');
      await send('åbne handlinger');
    }
    const help: number[] = [];
    const list: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which goes first so neither always follows the other.
      if (i % 2 === 0) {
        help.push(await send('hjælp'));
        list.push(await send('åbne handlinger'));
      } else {
        list.push(await send('åbne handlinger'));
        help.push(await send('hjælp'));
      }
    }
    const pHelp = p95(help);
    const pList = p95(list);
    const ratio = pList / pHelp;
    console.log(`rounds: ${ROUNDS} each (after ${WARMUP} warm-up), ${N_ACTIONS} actions in one workplace`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    console.log(`p95 hjælp:           ${pHelp.toFixed(1)} ms (median ${median(help).toFixed(1)} ms)`);
    console.log(`p95 åbne handlinger: ${pList.toFixed(1)} ms (median ${median(list).toFixed(1)} ms)`);
    console.log(`ratio:               ${ratio.toFixed(2)} (goal ≤ ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'})`);
    process.exitCode = ratio <= GOAL ? 0 : 1;
  } finally {
    await app.stop();
    await connector.stop();
    await azurite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
