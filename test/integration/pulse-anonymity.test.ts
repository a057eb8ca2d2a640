/**
 * Issue 22, points 1, 2 and 5, tried as the privacy engineer did: three weekly rounds
 * through the real pipeline (HTTP → bot → dispatcher → Azurite, the engine sending the
 * cards to the connector double), on a file-backed Azurite of its own, with a manual
 * clock and debug logs. Then every table, the logs and Azurite's data file are dumped
 * (a "backup" in the middle of a round, and the file after a clean stop) and searched
 * for what the issue found:
 *  - no ballot's content is readable without the key (nor is the key in the data);
 *  - no row carries a respondent's answer time: after closing no stored time (Timestamp,
 *    ETag, Azurite's meta.created/updated, any date in any field) falls in the moment
 *    of any answer, and during the round only rows that name nobody do;
 *  - no record of who answered survives the close: every table looks the same for
 *    those who answered and those who did not;
 *  - the answer's log line has no conversation or activity id and minute precision, and
 *    the engine's lines about pulse jobs name no one.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGET_PARTITION } from '../../src/outbox/budget.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableServiceClient } from '@azure/data-tables';
import { ManualClock } from '../../src/core/clock.js';
import type { Role } from '../../src/core/types.js';
import { decodeSealKey, newSealKey, Seal } from '../../src/pulse/seal.js';
import type { Round } from '../../src/pulse/model.js';
import { PulseStore } from '../../src/pulse/store.js';
import { startAzurite, type EmbeddedAzurite } from '../../src/storage/azurite.js';
import { listAll } from '../../src/storage/tables.js';
import { createdChat, startHttpBot, TRIO_CHANNEL, WP, type HttpBot, type Json, type Person } from '../support/http-bot.js';

const KEYS = ['lone', 'tobias', 'amira', 'mads', 'sofie', 'nadia', 'ida', 'oskar', 'freja', 'emil', 'hanne', 'lars'] as const;
type Who = (typeof KEYS)[number];
const ROLES: Partial<Record<Who, Role>> = { lone: 'leder', tobias: 'TR', amira: 'AMR' };
const people = Object.fromEntries(
  KEYS.map((k, i) => [k, { aad: `0000000${i}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`, name: `${k[0]!.toUpperCase()}${k.slice(1)} Hansen`, roles: [ROLES[k] ?? 'medarbejder'] }]),
) as unknown as Record<Who, Person>;
/** Everything that names a person anywhere: AAD id, Teams id, name, personal chat. */
const identifiers = (who: Who): string[] => [people[who].aad, `29:${who}`, people[who].name, createdChat(who)];

/**
 * Who answers which week (the others are invited and do not answer). The weeks are a
 * year after the machine's own date, so no time the storage stamps by itself (wall
 * clock) can be mistaken for a time the bot wrote from its manual clock, or the reverse.
 */
const WEEKS: { round: string; opens: string; closes: string; answer: Who[] }[] = [
  { round: '2027-W47', opens: '2027-11-22T08:00:00Z', closes: '2027-11-29T08:10:00Z', answer: ['lone', 'tobias', 'amira', 'mads', 'sofie', 'nadia', 'ida', 'oskar', 'freja', 'emil'] },
  { round: '2027-W48', opens: '2027-11-29T08:10:00Z', closes: '2027-12-06T08:10:00Z', answer: ['lone', 'mads', 'sofie', 'ida', 'oskar', 'freja', 'emil', 'hanne', 'lars'] },
  { round: '2027-W49', opens: '2027-12-06T08:10:00Z', closes: '2027-12-13T08:10:00Z', answer: ['tobias', 'amira', 'mads', 'nadia', 'ida', 'oskar', 'freja', 'emil', 'hanne', 'lars', 'sofie'] },
];
const NEXT_ROUND = '2027-W50';
const FIRST_CONTACT = '2027-11-19T09:00:00.000Z';

interface AnswerMoment {
  who: Who;
  round: string;
  /** Manual clock. */
  at: number;
  /** Wall clock around the HTTP request. */
  from: number;
  to: number;
}

const key = newSealKey();
const seal = new Seal(decodeSealKey(key)!);
const clock = new ManualClock(FIRST_CONTACT);
const dataDir = mkdtempSync(join(tmpdir(), 'trio-anon-'));
const moments: AnswerMoment[] = [];
let azurite: EmbeddedAzurite;
let bot: HttpBot<Who, 'trio'>;
let store: PulseStore;
let backup = '';
let midRound: { rows: Row[]; respondents: Who[] } | undefined;
let finalRows: Row[] = [];
let dbFile = '';
let logs: Record<string, unknown>[] = [];

interface Row {
  table: string;
  data: Json;
}

/** Every row of every table of this run, with Azure's own Timestamp and ETag. */
async function dumpTables(): Promise<Row[]> {
  const service = TableServiceClient.fromConnectionString(azurite.connectionString, { allowInsecureConnection: true });
  const prefix = bot.app.ctx.storage.prefix;
  const out: Row[] = [];
  for await (const t of service.listTables()) {
    if (!t.name?.startsWith(prefix)) continue;
    for (const data of await listAll<Json>(bot.app.ctx.storage.table(t.name.slice(prefix.length)), "PartitionKey ge ''")) out.push({ table: t.name.slice(prefix.length), data });
  }
  return out;
}

/** Every instant a value holds: ISO dates (also URL-encoded, as in ETags) and epoch milliseconds. */
function instants(value: unknown): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (v instanceof Date) out.push(v.getTime());
    else if (typeof v === 'number' && v > 1.6e12 && v < 2.2e12) out.push(v);
    else if (typeof v === 'string') {
      const s = v.includes('%3A') ? decodeURIComponent(v) : v;
      for (const m of s.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?/g)) out.push(Date.parse(m[0].endsWith('Z') ? m[0] : `${m[0]}Z`));
      if (/^\d{13}$/.test(s)) walk(Number(s));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}

/** Answer moments (wall clock, with 3 ms slack; manual clock ±30 minutes) that `t` falls in. */
function answerAt(t: number): AnswerMoment[] {
  return moments.filter((m) => (t >= m.from - 3 && t <= m.to + 3) || Math.abs(t - m.at) < 30 * 60_000);
}

/** The documents of Azurite's LokiJS data file, with their table. */
function lokiDocuments(file: string): { table: string; doc: Json }[] {
  const db = JSON.parse(file) as { collections: { name: string; data: Json[] }[] };
  return db.collections.flatMap((c) => c.data.map((doc) => ({ table: c.name, doc })));
}

/** What the rows that name a person say, with their ids, keys and times taken out. */
function shape(who: Who, rows: readonly { table: string; data: unknown }[]): string[] {
  return rows
    .filter((r) => identifiers(who).some((id) => JSON.stringify(r.data).includes(id)))
    .map((r) => {
      let text = JSON.stringify(r.data);
      for (const id of identifiers(who)) text = text.split(id).join('<who>');
      text = text.replace(/\d{4}-\d{2}-\d{2}T[\d:.%A]+Z?/g, '<t>').replace(/W\/\\"[^"]*\\"/g, '<etag>').replace(/\d{13}/g, '<t>');
      // Reminder rows live in a bucket chosen by a hash of the key and are ranked in the order
      // of the fan-out (the member list); Azurite numbers documents in order of insertion.
      text = text.replace(/"\$loki":\d+/, '').replace(/jobs-\d\d/g, '<bucket>').replace(/"rank":\d+/g, '"rank":<n>').replace(/:\d{6}:/g, ':<n>:');
      return `${r.table}: ${text}`;
    })
    .sort();
}

/** Staff whose only traces are the pulse's (Mads also wrote to the bot himself, so his conversation row was made by his own turn). */
const quietStaff = KEYS.filter((w) => !ROLES[w] && w !== 'mads');

async function answerAs(who: Who, round: Round, at: string, comment = ''): Promise<void> {
  clock.set(at);
  const i = KEYS.indexOf(who);
  const inputs = { q1: String(1 + (i % 5)), q2: String(1 + ((i + 3) % 5)), q3: String(5 - (i % 3)), comment };
  const from = Date.now();
  const res = await bot.execute(who, 'personal', 'pulse.answer', { verb: 'pulse.answer', workplaceId: round.workplaceId, round: round.id, items: round.items.map((x) => x.id), ...inputs }, `card-${who}`);
  const to = Date.now();
  expect(JSON.stringify(res.body)).toContain('Tak for dit svar');
  moments.push({ who, round: round.id, at: clock.now().getTime(), from, to });
  await new Promise((r) => setTimeout(r, 30)); // answers apart on the wall clock, as people are
}

beforeAll(async () => {
  azurite = await startAzurite({ location: join(dataDir, 'azurite') });
  bot = await startHttpBot({
    clock,
    people,
    personalChat: (who) => createdChat(who),
    env: { STORAGE_CONNECTION_STRING: azurite.connectionString, PULSE_SEAL_KEY: key, LOG_LEVEL: 'debug' },
  });
  store = new PulseStore(bot.app.ctx.storage, seal);
  // The TRIO channel has spoken once (the engine opens personal chats from its reference), and Mads has used the bot.
  await bot.say('lone', 'trio', 'hjælp');
  await bot.say('mads', 'personal', 'hjælp');
  for (const [w, week] of WEEKS.entries()) {
    await bot.app.engine.runRecurring('pulse.tick', new Date(week.opens));
    await bot.tick(week.opens); // the cards go out
    const round = (await store.round(WP, week.round))!;
    for (const [k, who] of week.answer.entries()) {
      // Odd moments on Monday and Tuesday, far from everything the bot schedules.
      const at = new Date(Date.parse(week.opens) + (2 + k * 3) * 3_600_000 + k * 61_000 + 17_123).toISOString();
      await answerAs(who, round, at, k % 3 === 0 ? `Kommentar ${w}-${k}: travlt på aftenvagten` : '');
    }
    clock.advance(90 * 60_000);
    await bot.say('mads', 'personal', 'hjælp'); // a later turn of someone who answered
    await bot.tick(new Date(Date.parse(week.opens) + 2 * 86_400_000)); // the reminders
    if (w === 1) {
      // A backup in the middle of the week: the rows as they are, and Azurite's file once it has saved (every 5 s).
      midRound = { rows: await dumpTables(), respondents: week.answer };
      const file = join(dataDir, 'azurite', '__azurite_db_table__.json');
      const ballotsSaved = (text: string) => {
        try {
          return lokiDocuments(text).filter(({ doc }) => doc.PartitionKey === `${WP}~${week.round}` && String(doc.RowKey).startsWith('b~')).length;
        } catch {
          return 0; // read while Azurite was writing it
        }
      };
      for (let i = 0; i < 80 && ballotsSaved(backup) < week.answer.length; i++) {
        await new Promise((r) => setTimeout(r, 250));
        try {
          backup = readFileSync(file, 'utf8');
        } catch {
          backup = '';
        }
      }
    }
    await bot.app.engine.runRecurring('pulse.tick', new Date(week.closes));
    await bot.tick(week.closes); // the results go to TRIO
  }
  finalRows = await dumpTables();
  logs = [...bot.t.logs];
  await bot.stop();
  await azurite.stop(); // a clean stop: Azurite writes its whole database to the file
  const files = readdirSync(join(dataDir, 'azurite'));
  dbFile = files.includes('__azurite_db_table__.json') ? readFileSync(join(dataDir, 'azurite', '__azurite_db_table__.json'), 'utf8') : '';
}, 240_000);

afterAll(async () => {
  await bot?.stop().catch(() => undefined);
  await azurite?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pulse anonymity against the database, its backups and the logs', () => {
  it('ran the weeks: every round closed with its answers, and the results went to TRIO', async () => {
    expect(moments).toHaveLength(WEEKS.reduce((n, w) => n + w.answer.length, 0));
    const rounds = finalRows.filter((r) => r.table === 'PulseRounds');
    // The three weeks closed; week 51 opened in the last closing tick and is still open.
    expect(rounds.map((r) => [r.data.rowKey, r.data.status, r.data.answered])).toEqual([...WEEKS.map((w) => [w.round, 'closed', w.answer.length]), [NEXT_ROUND, 'open', 0]]);
    expect(bot.connector.sentTo(TRIO_CHANNEL.id).filter((r) => JSON.stringify(r.activity).includes('Trivselspuls uge'))).toHaveLength(3);
    expect(dbFile.length).toBeGreaterThan(1000);
    expect(backup).toContain('PulseInbox');
  });

  it('no ballot is readable without the key, in the live tables or in a backup of the file, and the key is in neither', () => {
    expect(midRound).toBeDefined();
    const inbox = midRound!.rows.filter((r) => r.table === 'PulseInbox');
    const ballots = inbox.filter((r) => String(r.data.rowKey).startsWith('b~'));
    expect(ballots).toHaveLength(WEEKS[1]!.answer.length);
    for (const b of ballots) expect(Object.keys(b.data).filter((k) => !['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(k))).toEqual(['sealed']);
    const w49comments = ['Kommentar 1-0', 'Kommentar 1-3', 'Kommentar 1-6'];
    for (const dump of [JSON.stringify(midRound!.rows), backup]) {
      for (const c of w49comments) expect(dump).not.toContain(c);
      expect(dump).not.toContain('"scores"');
      expect(dump).not.toContain('itemId');
    }
    const raw = decodeSealKey(key)!;
    for (const dump of [JSON.stringify(midRound!.rows), JSON.stringify(finalRows), backup, dbFile]) {
      for (const form of [key, raw.toString('hex'), raw.toString('base64url')]) expect(dump).not.toContain(form);
    }
  });

  it('during the round, a stored time at the moment of an answer is only on rows that name nobody', () => {
    const respondents = new Set(midRound!.respondents);
    const check = (where: string, content: unknown, times: number[]) => {
      const hits = times.flatMap(answerAt);
      if (hits.length === 0) return;
      // Such a row is the answer itself (an anonymous marker, a sealed ballot) or something
      // that happened to be written then (the send budget's lease of the tenant): it names nobody.
      const text = JSON.stringify(content);
      for (const who of KEYS) for (const id of identifiers(who)) expect(text, `${where} at an answer of ${hits[0]!.who} names ${who}`).not.toContain(id);
      if (/"(?:rowKey|RowKey)":"[ab]~[0-9a-f]{32}"/.test(text)) answersSeen++;
    };
    let answersSeen = 0;
    for (const r of midRound!.rows) check(`${r.table} ${String(r.data.rowKey)}`, r.data, instants(r.data));
    for (const { table, doc } of lokiDocuments(backup)) check(`file ${table}`, doc, instants(doc));
    expect(answersSeen).toBeGreaterThanOrEqual(2 * WEEKS[1]!.answer.length); // the week's markers and ballots, live and in the file
    // Nor does any table tell who has answered so far (the reminders have been sent, or not, by now).
    const yes = quietStaff.filter((w) => respondents.has(w));
    const no = quietStaff.filter((w) => !respondents.has(w));
    expect([yes.length > 0, no.length > 0]).toEqual([true, true]);
    for (const w of [...yes, ...no]) expect(shape(w, midRound!.rows), w).toEqual(shape(yes[0]!, midRound!.rows));
  });

  it('after closing, no row and no document of the data file holds any time of any answer', () => {
    for (const r of finalRows) {
      // The tenant's send-budget lease is rewritten every second while the engine sends (its
      // own cron runs on the wall clock, so it may renew during an answer). It is about the
      // tenant, never a person: it may hold such a time, and must then name nobody.
      if (r.table === 'Reminders' && r.data.partitionKey === BUDGET_PARTITION) {
        const text = JSON.stringify(r.data);
        for (const who of KEYS) for (const id of identifiers(who)) expect(text, `the send budget names ${who}`).not.toContain(id);
        continue;
      }
      expect(instants(r.data).flatMap(answerAt), `${r.table} ${String(r.data.rowKey)}`).toEqual([]);
    }
    const docs = lokiDocuments(dbFile);
    expect(docs.length).toBeGreaterThan(100);
    for (const { table, doc } of docs) expect(instants(doc).flatMap(answerAt), `file ${table} ${JSON.stringify(doc).slice(0, 200)}`).toEqual([]);
    const closed = new Set(WEEKS.map((w) => `${WP}~${w.round}`));
    expect(docs.filter(({ doc }) => closed.has(String(doc.PartitionKey)))).toEqual([...docs.filter(({ table, doc }) => table.endsWith('PulseAnswers') && closed.has(String(doc.PartitionKey)))]);
  });

  it('after closing, every table looks the same for those who answered and those who did not', () => {
    // The staff answered differently (Sofie every week, Nadia not in week 2, Hanne and Lars not in week 1, Ida every week …).
    const staff = quietStaff;
    const shapes = staff.map((w) => shape(w, finalRows));
    expect(shapes[0]!.length).toBeGreaterThanOrEqual(3); // Members, MemberIndex, Conversations
    for (const [i, s] of shapes.entries()) expect(s, staff[i]).toEqual(shapes[0]);
    const fileShapes = staff.map((w) => shape(w, lokiDocuments(dbFile).map(({ table, doc }) => ({ table, data: doc }))));
    for (const [i, s] of fileShapes.entries()) expect(s, `file ${staff[i]}`).toEqual(fileShapes[0]);
    // Reminders, inbox and answer rows hold nothing about a person at all.
    const about = (table: string) => finalRows.filter((r) => r.table === table && KEYS.some((w) => identifiers(w).some((id) => JSON.stringify(r.data).includes(id))));
    const closedRound = (r: Row) => WEEKS.some((w) => JSON.stringify(r.data).includes(w.round));
    expect(about('Reminders').filter(closedRound)).toEqual([]);
    expect(about('PulseInbox')).toEqual([]);
    expect(about('PulseAnswers')).toEqual([]);
    expect(finalRows.filter((r) => r.table === 'PulseInbox' && closedRound(r))).toEqual([]);
    // Of the closed rounds' jobs only the results for the TRIO channel are left.
    const left = finalRows.filter((r) => r.table === 'Reminders' && closedRound(r));
    expect([...new Set(left.map((r) => r.data.key))].sort()).toEqual(WEEKS.map((w) => `pulse:${WP}:${w.round}:results`));
    expect(left.every((r) => r.data.targetKind === 'channel')).toBe(true);
  });

  it('the conversation reference holds no activity id and was not rewritten by answers', () => {
    const mads = finalRows.find((r) => r.table === 'Conversations' && r.data.partitionKey === 'user' && r.data.rowKey === people.mads.aad.toLowerCase())!;
    expect(mads).toBeDefined();
    expect(JSON.parse(String(mads.data.reference))).not.toHaveProperty('activityId');
    // Written once, at Mads's first "hjælp", before any pulse: his later answers and turns changed nothing.
    expect(String(mads.data.updatedAt)).toBe(FIRST_CONTACT);
  });

  it('the logs: the answer line has no ids and minute precision; no line at an answer names anyone; engine lines about pulse jobs name no one', () => {
    const answersLogged = logs.filter((l) => l.verb === 'pulse.answer');
    expect(answersLogged.length).toBeGreaterThanOrEqual(moments.length);
    for (const l of answersLogged) {
      expect(l).not.toHaveProperty('conversationId');
      expect(l).not.toHaveProperty('activityId');
      expect(l).not.toHaveProperty('ref');
      expect((l.time as number) % 60_000).toBe(0);
    }
    for (const l of logs) {
      if (!moments.some((m) => (l.time as number) >= m.from - 3 && (l.time as number) <= m.to + 3)) continue;
      for (const who of KEYS) for (const id of identifiers(who)) expect(JSON.stringify(l)).not.toContain(id);
    }
    const pulseJobLines = logs.filter((l) => String(l.kind ?? '').startsWith('pulse.') && String(l.event ?? '').startsWith('reminder.'));
    expect(pulseJobLines.some((l) => l.event === 'reminder.sent')).toBe(true);
    for (const l of pulseJobLines) for (const who of KEYS) for (const id of identifiers(who)) expect(JSON.stringify(l)).not.toContain(id);
  });
});
