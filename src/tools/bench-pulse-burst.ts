/**
 * `npm run bench:pulse -- --burst N`: N people answer the pulse at the same instant,
 * through the whole pipeline over HTTP (restify → CloudAdapter → dispatcher → Azurite →
 * the card update sent to a local connector), while `hjælp` requests are fired in the
 * same instant from other members; both see the same load. A tenth of the people tap
 * "Send svar" twice at once. Prints p95 answer latency ÷ p95 `hjælp` (goal ≤ 2), lost
 * answers (a "thank you" without a stored ballot, or a failed request: goal 0),
 * duplicates (more ballots than people thanked: goal 0) and the entities written per
 * answer (every table compared before and after), for this round and a round of 10.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { odata, TableServiceClient } from '@azure/data-tables';
import { startApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { ManualClock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import type { Role } from '../core/types.js';
import { decodeSealKey, newSealKey, Seal } from '../pulse/seal.js';
import type { Round } from '../pulse/model.js';
import { boxKey, PulseStore } from '../pulse/store.js';
import { INBOX_TABLE } from '../inbox/store.js';
import { startAzurite } from '../storage/azurite.js';
import { listAll } from '../storage/tables.js';
import { startConnectorDouble, type ConnectorDouble } from './connector-double.js';

const GOAL = 2;
const PREFIX = 'bench';
const WARM = 10;
const TRIO = '19:bench-trio@thread.tacv2';
const TEAM = '19:bench-general@thread.tacv2';
const OPENS = '2026-11-23T08:00:00Z'; // Monday 09:00 in Copenhagen

type Json = Record<string, unknown>;
const aadOf = (wp: string, i: number) => `${wp === 'bench-small' ? 'bbbbbbbb' : 'aaaaaaaa'}-0000-4000-8000-${String(i).padStart(12, '0')}`;

function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Rig {
  app: App;
  connector: ConnectorDouble;
  store: PulseStore;
  connectionString: string;
}

/** Seeds a workplace and runs the pulse's tick in a slot of its own (a recurring slot runs once). */
async function seed(rig: Rig, wp: string, people: number, at: string): Promise<Round> {
  const { workplaces } = rig.app.ctx;
  await workplaces.create(wp, `Bostedet ${wp}`, aadOf(wp, 0));
  const roles: Role[] = ['leder', 'TR', 'AMR'];
  for (let i = 0; i < people; i++) {
    await workplaces.upsertMember({ workplaceId: wp, workplaceName: `Bostedet ${wp}`, aadObjectId: aadOf(wp, i), teamsUserId: `29:${wp}-${i}`, name: `Person ${i}`, roles: [roles[i] ?? 'medarbejder'] });
  }
  if (wp !== 'bench-small') await workplaces.linkChannel(wp, 'trio', TRIO, TEAM);
  await rig.app.engine.runRecurring('pulse.tick', new Date(at));
  const round = (await rig.store.rounds(wp)).at(-1);
  if (!round || round.invited !== people) throw new Error(`${wp}: the round did not open for ${people} people`);
  return round;
}

function activity(rig: Rig, wp: string, i: number, extra: Json): Json {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: rig.connector.url,
    from: { id: `29:${wp}-${i}`, aadObjectId: aadOf(wp, i), name: `Person ${i}` },
    recipient: { id: '28:bot', name: 'TRIO-bot' },
    conversation: { id: `a:${wp}-${i}`, conversationType: 'personal', tenantId: 'tenant' },
    channelData: { tenant: { id: 'tenant' } },
    ...extra,
  };
}

async function post(rig: Rig, body: Json): Promise<{ ms: number; status: number; text: string }> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${rig.app.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { ms: performance.now() - started, status: res.status, text };
}

function answer(rig: Rig, round: Round, i: number) {
  const data = { verb: 'pulse.answer', workplaceId: round.workplaceId, round: round.id, items: round.items.map((x) => x.id), q1: String(1 + (i % 5)), q2: String(1 + ((i + 2) % 5)), q3: '3', comment: i % 4 === 0 ? `Kommentar fra nummer ${i}` : '' };
  return post(rig, activity(rig, round.workplaceId, i, { type: 'invoke', name: 'adaptiveCard/action', replyToId: `card-${i}`, value: { action: { type: 'Action.Execute', verb: 'pulse.answer', data } } }));
}

const help = (rig: Rig, wp: string, i: number) => post(rig, activity(rig, wp, i, { type: 'message', text: 'hjælp', entities: [] }));

/** Every row of every table of the run: table/pk/rk → etag. */
async function snapshot(rig: Rig): Promise<Map<string, string>> {
  const service = TableServiceClient.fromConnectionString(rig.connectionString, { allowInsecureConnection: true });
  const out = new Map<string, string>();
  for await (const t of service.listTables()) {
    if (!t.name?.startsWith(PREFIX)) continue;
    const name = t.name.slice(PREFIX.length);
    for (const row of await listAll<{ kind?: unknown }>(rig.app.ctx.storage.table(name), "PartitionKey ge ''")) {
      // The hjælp messages' own activity claims are theirs, not the answers' writes (answers are never claimed).
      if (name === INBOX_TABLE && row.kind === 'message') continue;
      out.set(`${t.name}/${row.partitionKey}/${row.rowKey}`, row.etag);
    }
  }
  return out;
}

/** Rows created or changed between two snapshots, per table. */
function written(before: Map<string, string>, after: Map<string, string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, etag] of after) {
    if (before.get(key) === etag) continue;
    const table = key.slice(0, key.indexOf('/'));
    out.set(table, (out.get(table) ?? 0) + 1);
  }
  return out;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const inbox = async (rig: Rig, round: Round, prefix: 'a~' | 'b~') =>
  (await listAll(rig.app.ctx.storage.table('PulseInbox'), odata`PartitionKey eq ${boxKey(round.workplaceId, round.id)} and RowKey gt ${prefix} and RowKey lt ${`${prefix}~`}`)).length;

export async function runBurst(n: number): Promise<void> {
  const azurite = await startAzurite();
  const connector = await startConnectorDouble({ keepActivities: false });
  const clock = new ManualClock('2026-11-23T06:30:00Z'); // Monday 07:30: the round opens at the first tick
  const key = newSealKey();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    TABLE_PREFIX: PREFIX,
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    PULSE_SEAL_KEY: key,
  });
  const app = await startApp(config, { clock, log: createLogger('warn') });
  const rig: Rig = { app, connector, store: new PulseStore(app.ctx.storage, new Seal(decodeSealKey(key)!)), connectionString: azurite.connectionString };
  try {
    const helpers = Math.max(20, Math.round(n / 4));
    const round = await seed(rig, 'bench-burst', WARM + n + helpers, OPENS);
    clock.set('2026-11-23T10:00:00Z');
    // Warm-up, one by one: a few answers (JIT, connections), and every helper once (their
    // conversation reference is stored now, so the burst measures answers, not first contacts).
    for (let i = 0; i < WARM; i++) await answer(rig, round, i);
    for (let k = 0; k < helpers; k++) await help(rig, round.workplaceId, WARM + n + k);
    const before = await snapshot(rig);
    const people = Array.from({ length: n }, (_, k) => WARM + k);
    const twice = people.filter((_, k) => k % 10 === 0);
    // All requests start in one synchronous loop, answers and hjælp interleaved evenly
    // (the server takes them in arrival order, so neither kind queues behind the other).
    type Kind = 'answer' | 'double' | 'help';
    const jobs: { kind: Kind; run: () => ReturnType<typeof post> }[] = [
      ...people.map((i) => ({ kind: 'answer' as Kind, run: () => answer(rig, round, i) })),
      ...twice.map((i) => ({ kind: 'double' as Kind, run: () => answer(rig, round, i) })),
      ...Array.from({ length: helpers }, (_, k) => ({ kind: 'help' as Kind, run: () => help(rig, round.workplaceId, WARM + n + k) })),
    ];
    const order = jobs.map((j, idx) => ({ j, at: (idx < people.length ? idx / people.length : idx < people.length + twice.length ? (idx - people.length + 0.5) / twice.length : (idx - people.length - twice.length + 0.25) / helpers) })).sort((a, b) => a.at - b.at);
    const t0 = performance.now();
    const started = order.map(({ j }) => j.run().then((r) => ({ kind: j.kind, ...r })));
    const done = await Promise.all(started);
    const answers = done.filter((r) => r.kind === 'answer');
    const doubles = done.filter((r) => r.kind === 'double');
    const helps = done.filter((r) => r.kind === 'help');
    const wall = performance.now() - t0;
    const after = await snapshot(rig);

    const taps = [...answers, ...doubles];
    const failed = taps.filter((r) => r.status !== 200).length + helps.filter((r) => r.status !== 200).length;
    const thanked = taps.filter((r) => r.text.includes('Tak for dit svar')).length;
    const refused = taps.filter((r) => r.text.includes('allerede svaret')).length;
    const ballots = (await inbox(rig, round, 'b~')) - WARM;
    const markers = (await inbox(rig, round, 'a~')) - WARM;
    const lost = Math.max(0, n - ballots) + failed;
    const duplicates = Math.max(0, ballots - n);
    const writes = written(before, after);
    const perAnswer = sum(writes) / Math.max(1, thanked);

    // The same in a round of 10: the count does not grow with the round.
    const small = await seed(rig, 'bench-small', 10, '2026-11-23T08:15:00Z');
    const smallBefore = await snapshot(rig);
    for (let i = 0; i < 5; i++) await answer(rig, small, i);
    const perSmall = sum(written(smallBefore, await snapshot(rig))) / 5;

    // Closing keeps every answer.
    clock.set('2026-11-30T08:10:00Z');
    await app.engine.runRecurring('pulse.tick', clock.now());
    const closed = await rig.store.round(round.workplaceId, round.id);

    const pAnswer = p95(answers.map((r) => r.ms));
    const pHelp = p95(helps.map((r) => r.ms));
    const ratio = pAnswer / pHelp;
    console.log(`burst: ${n} answers + ${twice.length} second taps + ${helpers} × hjælp fired at once (${(wall / 1000).toFixed(2)} s for all)`);
    console.log(`p95 answer: ${pAnswer.toFixed(0)} ms (median ${median(answers.map((r) => r.ms)).toFixed(0)} ms)`);
    console.log(`p95 hjælp:  ${pHelp.toFixed(0)} ms (median ${median(helps.map((r) => r.ms)).toFixed(0)} ms)`);
    console.log(`ratio p95 answer / p95 hjælp = ${ratio.toFixed(2)} (goal ≤ ${GOAL}): ${ratio <= GOAL ? 'met' : 'MISSED'}`);
    console.log(`thanked ${thanked}, refused as second answer ${refused}, failed requests ${failed}; ballots stored ${ballots}, markers ${markers}`);
    console.log(`lost: ${lost}, duplicates: ${duplicates}`);
    console.log(`entities written per answer: ${perAnswer.toFixed(2)} in a round of ${round.invited} (${[...writes].map(([t, c]) => `${t.slice(PREFIX.length)} ${c}`).join(', ')}), ${perSmall.toFixed(2)} in a round of 10`);
    console.log(`closed: ${closed?.status}, answered ${closed?.answered} (expected ${n + WARM})`);
    console.log(JSON.stringify({ bench: 'pulse-burst', n, p95AnswerMs: Math.round(pAnswer), p95HelpMs: Math.round(pHelp), ratio: Number(ratio.toFixed(3)), goal: GOAL, lost, duplicates, entitiesPerAnswer: perAnswer, entitiesPerAnswerSmall: perSmall }));
    const ok = ratio <= GOAL && lost === 0 && duplicates === 0 && closed?.answered === n + WARM && perAnswer === perSmall;
    if (!ok) process.exitCode = 1;
  } finally {
    await app.stop();
    await connector.stop();
    await azurite.stop();
  }
}
