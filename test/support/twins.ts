import { expect } from 'vitest';
import type { ManualClock } from '../../src/core/clock.js';
import { ONCE_FIELD } from '../../src/core/once.js';
import type { Role } from '../../src/core/types.js';
import { INBOX_TABLE } from '../../src/inbox/store.js';
import { CONVERSATIONS_TABLE } from '../../src/conversations/store.js';
import { INTENTS_TABLE } from '../../src/storage/intents.js';
import { cardOf, startHttpBot, type Answer, type Channel, type HttpBot, type Json, type Person } from './http-bot.js';

/**
 * Two identical workplaces, "nord" and "syd", on one bot (real pipeline: HTTP → adapter →
 * dispatcher → Azurite), so that a change can be made once in one and twenty times at once
 * in the other, and what each wrote compared: `effectOf` reads every row of every table
 * before and after and describes the difference by kind (an action row, an event type, a
 * reminder job's kind and status, a JSON list that grew), never by id, so the two
 * workplaces' differences are equal exactly when the twenty made one change.
 */
export const SIDES = ['nord', 'syd'] as const;
export type Side = (typeof SIDES)[number];
export const ROLES_OF = { leader: 'leder', tr: 'TR', amr: 'AMR', e1: 'medarbejder', e2: 'medarbejder', e3: 'medarbejder' } as const satisfies Record<string, Role>;
export type Who = keyof typeof ROLES_OF | 'extra';
export type PersonKey = `${Side}-${Who}`;
export type ChannelKey = `${Side}-${'trio' | 'med' | 'extra'}`;

const NAMES: Record<Who, string> = { leader: 'Lea Leder', tr: 'Tom Tillid', amr: 'Asta Arbejdsmiljø', e1: 'Erik Ansat', e2: 'Ella Ansat', e3: 'Emil Ansat', extra: 'Nina Ny' };
const aadOf = (side: Side, who: Who) => {
  const n = (SIDES.indexOf(side) * 10 + Object.keys(NAMES).indexOf(who) + 1).toString(16).padStart(2, '0');
  return `0000${n}00-1111-4222-8333-4444555566${n}`;
};
export const teamOf = (side: Side) => `19:${side}-general@thread.tacv2`;
const channelId = (side: Side, kind: 'trio' | 'med' | 'extra') => `19:${side}-${kind}@thread.tacv2`;
/** The id the setup gives "Bostedet Nord" (so the welcome card's registration finds it). */
export const workplaceOf = (side: Side) => `bostedet-${side}`;
export const nameOf = (side: Side) => (side === 'nord' ? 'Bostedet Nord' : 'Bostedet Syd');

export interface Twins {
  bot: HttpBot<PersonKey, ChannelKey>;
  clock: ManualClock;
  person(side: Side, who: Who): Person & { key: PersonKey };
  channel(side: Side, kind: 'trio' | 'med' | 'extra'): { key: ChannelKey; id: string };
  stop(): Promise<void>;
}

/** `linked`: the channels already registered to each workplace (default: the TRIO channel). */
export async function startTwins(clock: ManualClock, linked: readonly ('trio' | 'med')[] = ['trio']): Promise<Twins> {
  const people = {} as Record<PersonKey, Person>;
  const rosters: Record<string, { id: string; name: string; aadObjectId: string }[]> = {};
  const channels = {} as Record<ChannelKey, Channel>;
  for (const side of SIDES) {
    for (const who of Object.keys(NAMES) as Who[]) {
      // "extra" is on the team's roster but not a member yet (the roles card gives her a role).
      people[`${side}-${who}`] = { aad: aadOf(side, who), name: NAMES[who], roles: who === 'extra' ? [] : [ROLES_OF[who]], workplace: workplaceOf(side) };
    }
    rosters[teamOf(side)] = (Object.keys(NAMES) as Who[]).map((who) => ({ id: `29:${side}-${who}`, name: NAMES[who], aadObjectId: aadOf(side, who) }));
    for (const kind of ['trio', 'med', 'extra'] as const) channels[`${side}-${kind}`] = { id: channelId(side, kind), team: kind === 'extra' ? `19:${side}-other@thread.tacv2` : teamOf(side) };
  }
  const bot = await startHttpBot<PersonKey, ChannelKey>({
    clock,
    people,
    channels,
    connector: { members: rosters },
    env: { BOOTSTRAP_LEADERS: SIDES.map((s) => aadOf(s, 'leader')).join(',') },
    workplaces: SIDES.map((side) => ({ id: workplaceOf(side), name: nameOf(side), createdBy: aadOf(side, 'leader'), links: linked.map((forum) => ({ forum, conversationId: channelId(side, forum), teamId: teamOf(side) })) })),
  });
  // The channel references: the engine opens personal chats from them.
  for (const side of SIDES) await bot.say(`${side}-leader`, `${side}-trio`, 'hjælp');
  return {
    bot,
    clock,
    person: (side, who) => ({ ...people[`${side}-${who}`], key: `${side}-${who}` }),
    channel: (side, kind) => ({ key: `${side}-${kind}`, id: channelId(side, kind) }),
    stop: () => bot.stop(),
  };
}

// ------------------------------------------------------------------ cards

/** The card of an answer: the invoke response's card, else the first card the bot sent. */
export function cardIn(answer: Answer): Json {
  const value = answer.body.value;
  if (answer.body.type === 'application/vnd.microsoft.card.adaptive' && value && typeof value === 'object') return value as Json;
  const sent = answer.sent.map((r) => cardOf(r.activity)).find((c) => Object.keys(c).length > 0);
  if (!sent) throw new Error(`no card in the answer: ${answer.raw.slice(0, 300)} ${JSON.stringify(answer.sent.map((r) => r.activity.text))}`);
  return sent;
}

/** Every card of an answer (the invoke response's and those the bot sent). */
export function cardsIn(answer: Answer): Json[] {
  const value = answer.body.value;
  const own = answer.body.type === 'application/vnd.microsoft.card.adaptive' && value && typeof value === 'object' ? [value as Json] : [];
  return [...own, ...answer.sent.map((r) => cardOf(r.activity)).filter((c) => Object.keys(c).length > 0)];
}

/** The data of the card's button for a verb that writes (the first, or the one whose data matches `where`): it must carry a one-time key. */
export function button(card: Json, verb: string, where: Json = {}): Json {
  const data = buttonData(card, verb, where);
  expect(typeof data[ONCE_FIELD], `${verb}: the button carries a one-time key`).toBe('string');
  return data;
}

/** The data of the card's button for `verb` (the first one, or the one whose data matches `where`). */
export function buttonData(card: Json, verb: string, where: Json = {}): Json {
  const found: Json[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const node = v as Json;
    const data = (node.data ?? {}) as Json;
    if ((node.type === 'Action.Execute' || node.type === 'Action.Submit') && (node.verb === verb || data.verb === verb)) found.push({ verb, ...data });
    Object.values(node).forEach(walk);
  };
  walk(card);
  const match = found.find((d) => Object.entries(where).every(([k, v]) => d[k] === v));
  if (!match) throw new Error(`no ${verb} button ${JSON.stringify(where)} on the card: ${JSON.stringify(card).slice(0, 400)}`);
  return match;
}

/** Every input of a card with the value it shows, as Teams submits them with a button's data. */
export function inputsOf(card: Json): Json {
  const out: Json = {};
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const node = v as Json;
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') out[node.id] = node.value ?? '';
    Object.values(node).forEach(walk);
  };
  walk(card);
  return out;
}

/** What pressing the card's `verb` button submits: every input as shown, the changes typed, the button's data. */
export function press(card: Json, verb: string, typed: Json = {}, where: Json = {}): Json {
  return { ...inputsOf(card), ...typed, ...button(card, verb, where) };
}

/** The cards the bot sent to a person's personal chat (the one they wrote in, or the one the engine opened), oldest first. */
export function cardsTo(t: Twins, side: Side, who: Who): Json[] {
  const chats = new Set([`a:personal-${side}-${who}`, `a:1on1-29:${side}-${who}`]);
  return t.bot.connector
    .sent()
    .filter((r) => chats.has(r.conversationId))
    .map((r) => cardOf(r.activity))
    .filter((c) => Object.keys(c).length > 0);
}

// ------------------------------------------------------------------ effects

/** Tables that record how requests were handled (per activity, per key), not what they changed. */
const BOOKKEEPING = new Set([INTENTS_TABLE, INBOX_TABLE, CONVERSATIONS_TABLE]);

type Rows = Map<string, { table: string; row: Json }>;

export async function snapshot(t: Twins): Promise<Rows> {
  const storage = t.bot.app.ctx.storage;
  const rows: Rows = new Map();
  // Every table of the account: the test run's one Azurite holds thousands (every test file has
  // its own prefix), and the first 1,000 names may not include this file's.
  const tables = (await storage.listTableNames(Number.MAX_SAFE_INTEGER)).filter((n) => n.startsWith(storage.prefix)).map((n) => n.slice(storage.prefix.length)).filter((n) => !BOOKKEEPING.has(n));
  const read = await Promise.all(
    tables.map(async (table) => {
      const out: { table: string; row: Json }[] = [];
      for await (const e of storage.table(table).listEntities<Json>()) {
        if (table === 'Reminders' && (e.partitionKey === 'slots' || e.partitionKey === 'budget')) continue;
        out.push({ table, row: e as Json });
      }
      return out;
    }),
  );
  for (const { table, row } of read.flat()) rows.set(`${table}|${String(row.partitionKey)}|${String(row.rowKey)}`, { table, row });
  return rows;
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A row key without what differs between two equal changes: ids, numbers, times, the workplace. */
const shape = (s: string) =>
  s
    .replace(GUID, '#')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '#')
    .replace(/nord|syd|nyt-sted-[a-z]+/gi, 'W')
    .replace(/~once~.*/, '~once~#')
    .replace(/[0-9a-f]{6,}|\d+/gi, '#');

function kindOf(table: string, row: Json): string {
  const rk = String(row.rowKey);
  if (table === 'Events') return `event ${String(row.type)}`;
  if (table === 'Reminders') {
    if (rk.startsWith('k:')) return `job ${String(row.kind)} ${String(row.status)}`;
    if (rk.startsWith('f:')) return 'failed';
    return `due ${String(row.kind ?? '')}`;
  }
  return typeof row.kind === 'string' ? `${shape(rk).split(/[-_~]/)[0]} ${row.kind}` : shape(rk);
}

const content = (row: Json) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k]) => !['etag', 'timestamp', 'odata.etag', 'odata.metadata'].includes(k))));

function listLength(v: unknown): number | undefined {
  if (typeof v !== 'string' || !v.startsWith('[')) return undefined;
  try {
    const parsed = JSON.parse(v) as unknown;
    return Array.isArray(parsed) ? parsed.length : undefined;
  } catch {
    return undefined;
  }
}

/** What changed between two snapshots, by kind, sorted: equal for two workplaces exactly when they changed alike. */
export function effectOf(before: Rows, after: Rows): string[] {
  const out: string[] = [];
  for (const [key, { table, row }] of after) {
    const old = before.get(key);
    if (!old) out.push(`+ ${table}: ${kindOf(table, row)}`);
    else if (content(old.row) !== content(row)) {
      const lists = Object.keys(row)
        .map((col) => {
          const a = listLength(old.row[col]);
          const b = listLength(row[col]);
          // `applied` (the one-time keys on a row) is bookkeeping: a replay-safe write, not a change.
          return a !== undefined && b !== undefined && a !== b && col !== 'applied' ? ` ${col}${b - a > 0 ? '+' : ''}${b - a}` : '';
        })
        .join('');
      out.push(`~ ${table}: ${kindOf(table, old.row)} → ${kindOf(table, row)}${lists}`);
    }
  }
  for (const [key, { table, row }] of before) if (!after.has(key)) out.push(`- ${table}: ${kindOf(table, row)}`);
  return out.sort();
}
