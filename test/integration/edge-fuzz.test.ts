import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { solhoejTeam, startHttpBot, type HttpBot, type Json } from '../support/http-bot.js';

/**
 * A bounded fuzz run against the real pipeline (HTTP → edge → adapter → dispatcher →
 * Azurite): generated activities of random types, with fields missing, mistyped, huge
 * or deeply nested, `__proto__` keys, broken bodies and wrong content types. Whatever
 * arrives, the bot answers 2xx or 4xx, never 5xx, logs no error, leaves no unhandled
 * rejection, and is still ready afterwards.
 *
 * Reproducible: FUZZ_SEED=<n> (printed on failure); FUZZ_ACTIVITIES sets the count.
 */
const COUNT = Number(process.env.FUZZ_ACTIVITIES ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const PARALLEL = 4;

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const people = solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie', 'nadia');
type Person = keyof typeof people;

const TYPES = ['message', 'message', 'message', 'invoke', 'invoke', 'installationUpdate', 'conversationUpdate', 'typing', 'messageReaction', 'event', 'teleport', '', 'MESSAGE'];
const TEXTS = [
  'hjælp',
  'åbne handlinger',
  'åbne handlinger mine',
  'handling H-1',
  'ny handling',
  'eksportér handlinger',
  'syg',
  'raskmeld',
  'sygefravær',
  'trivsel',
  'MUS status',
  'min MUS',
  'roller',
  'status',
  'opsætning trio Fuzz Sted',
  'indstillinger trivsel søndag 22:00',
  '',
  '   ',
  '<at>TRIO-bot</at>',
  '💥'.repeat(50),
  'a\u0000b',
  'x'.repeat(5_000),
];

/** A random JSON value: scalars, strings of any size, arrays, objects, deep nests. */
function junk(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 10)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, 42]);
    case 3:
      return r.pick(['', 'x', '29:someone', '__proto__', 'constructor', 'Action.Execute', 'null', '1e9', '\u202e\u0007']);
    case 4:
      return 'z'.repeat(r.pick([100, 10_000, 200_000]));
    case 5:
      return { __proto__: { polluted: true }, toString: 'x' };
    case 6:
      return Array.from({ length: r.int(5) }, () => junk(r, depth + 1));
    case 7:
      return Object.fromEntries(Array.from({ length: r.int(5) }, (_, i) => [r.pick(['id', 'type', 'verb', 'data', 'text', `k${i}`, 'constructor']), junk(r, depth + 1)]));
    case 8: {
      let v: unknown = 1;
      for (let i = 0, n = r.pick([10, 31, 40, 200]); i < n; i++) v = r.chance(0.5) ? [v] : { v };
      return v;
    }
    default:
      return Array.from({ length: r.pick([100, 30_000]) }, () => 1);
  }
}

/** Replaces, deletes or adds a field somewhere in the object (at any depth). */
function mutate(r: Rng, obj: Json): void {
  let target: Json = obj;
  for (let i = 0; i < 3; i++) {
    const keys = Object.keys(target);
    const k = keys.length ? r.pick(keys) : undefined;
    const v = k ? target[k] : undefined;
    if (k && v && typeof v === 'object' && !Array.isArray(v) && r.chance(0.5)) target = v as Json;
    else break;
  }
  const keys = Object.keys(target);
  const key = keys.length && r.chance(0.8) ? r.pick(keys) : r.pick(['__proto__', 'extra', 'constructor', 'value', 'name']);
  if (r.chance(0.3)) delete target[key];
  else if (key === '__proto__') Object.defineProperty(target, '__proto__', { value: junk(r), enumerable: true, writable: true, configurable: true });
  else target[key] = junk(r);
}

function generate(r: Rng, bot: HttpBot<Person, 'trio'>, verbs: string[]): { body: string; contentType?: string } {
  const who = r.pick(Object.keys(people) as Person[]);
  const where = r.pick(['personal', 'trio'] as const);
  const type = r.pick(TYPES);
  const extra: Json = { type };
  if (type === 'message') {
    if (r.chance(0.7)) extra.text = (where === 'trio' ? '<at>TRIO-bot</at> ' : '') + r.pick(TEXTS);
    if (where === 'trio') extra.entities = [{ type: 'mention', mentioned: { id: '28:bot', name: 'TRIO-bot' }, text: '<at>TRIO-bot</at>' }];
    if (r.chance(0.3)) extra.value = { verb: r.pick(verbs), ...(junk(r) as Json) };
    if (r.chance(0.3)) extra.replyToId = 'card-1';
  } else if (type === 'invoke') {
    extra.name = r.chance(0.85) ? 'adaptiveCard/action' : r.pick(['composeExtension/query', 'task/fetch', 'signin/verifyState', 'healthCheck']);
    const data = r.chance(0.5) ? (junk(r) as Json) : { workplaceId: 'bostedet-solhoej', number: r.int(4), caseId: 'x', page: r.int(3), answers: [r.int(6)] };
    extra.value = { action: { type: r.chance(0.9) ? 'Action.Execute' : 'Action.Submit', verb: r.pick(verbs), data }, trigger: r.pick(['manual', 'automatic']) };
    extra.replyToId = 'card-1';
  } else if (type === 'installationUpdate') {
    extra.action = r.pick(['add', 'remove', 'add-upgrade', 'x']);
  }
  const activity = bot.activity(who, where, extra);
  for (let i = 0, n = r.pick([0, 0, 1, 1, 2, 3]); i < n; i++) mutate(r, activity);
  let body = JSON.stringify(activity);
  let contentType: string | undefined = 'application/json';
  switch (r.int(20)) {
    case 0:
      contentType = r.pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', undefined]);
      break;
    case 1:
      body = body.slice(0, r.int(body.length));
      break;
    case 2:
      body = r.pick(['null', '[]', '"text"', '42', 'true', '{}', '\u0000\u0001', '{"type":"message","__proto__":{"x":1}}']);
      break;
    case 3:
      body = JSON.stringify({ ...activity, padding: 'p'.repeat(300_000) });
      break;
  }
  return { body, ...(contentType ? { contentType } : {}) };
}

describe(`fuzzing the HTTP edge (${COUNT} activities, seed ${SEED})`, () => {
  const clock = new ManualClock('2026-11-24T09:00:00Z');
  let bot: HttpBot<Person, 'trio'>;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => void rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    bot = await startHttpBot({ clock, people, env: { BOOTSTRAP_LEADERS: people.nadia.aad } });
  });
  afterAll(async () => {
    await bot?.stop();
    process.off('unhandledRejection', onRejection);
  });

  it('never answers 5xx, logs no error and stays ready', { timeout: 240_000 }, async () => {
    const r = prng(SEED);
    const verbs = [...bot.app.router.all().map((v) => v.verb), 'no.such.verb'];
    const requests = Array.from({ length: COUNT }, () => generate(r, bot, verbs));
    const statuses = new Map<number, number>();
    const failures: { status: number; body: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const req = requests[next++]!;
        const res = await fetch(`${bot.t.url}/api/messages`, {
          method: 'POST',
          headers: req.contentType ? { 'content-type': req.contentType } : {},
          body: req.body,
        }).catch((e: unknown) => ({ status: 0, text: async () => String(e) }));
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 || res.status === 0) failures.push({ status: res.status, body: `${text.slice(0, 200)} <- ${req.body.replace(/z{50,}/g, "Z*").replace(/p{50,}/g, "P*").slice(0, 3000)}` });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const summary = Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0]));
    const errors = bot.t.logs.filter((l) => Number(l.level) >= 50).map((l) => `${String(l.msg)} ${JSON.stringify(l.err ?? '').slice(0, 300)}`);

    expect(failures, `seed ${SEED}, statuses ${JSON.stringify(summary)}`).toEqual([]);
    expect(errors, `seed ${SEED}`).toEqual([]);
    expect(rejections).toEqual([]);
    // The run reached the bot as well as the edge's refusals.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(COUNT * 0.2);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(COUNT * 0.1);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(COUNT);
    expect((await fetch(`${bot.t.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${bot.t.url}/healthz`)).status).toBe(200);
  });
});
