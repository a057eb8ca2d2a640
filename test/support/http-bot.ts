import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { App, StartOptions } from '../../src/app.js';
import type { RawEnv } from '../../src/config.js';
import type { ManualClock } from '../../src/core/clock.js';
import type { Role } from '../../src/core/types.js';
import type { TickReport } from '../../src/outbox/tick.js';
import { startTestApp, type TestApp } from './app.js';
import { startConnectorDouble, type ConnectorDouble, type ConnectorDoubleOptions, type Recorded } from './connector-double.js';
import { solhoej, solhoejPeople, type PgRole, type PgUser } from './playground-scenario.js';
import { seedWorkplace, type SeedWorkplace } from './seed.js';
import { readable } from './fake-turn.js';

/**
 * The bot through its real pipeline (HTTP → CloudAdapter → dispatcher → Azurite → reminder
 * engine), written to with Teams-shaped activities whose serviceUrl is the connector
 * double, which receives everything the bot sends. The people are those of the Playground
 * scenario (test/support/playground-scenario.ts); their Teams user id is `29:<key>`.
 *
 *   const bot = await startHttpBot({ clock, people: solhoejTeam('lone', 'mads') });
 *   const { body, sent } = await bot.say('lone', 'personal', 'hjælp');
 */
export type Json = Record<string, unknown>;

export const WP = 'bostedet-solhoej';
export const WP_NAME = solhoej.team.name;
/** The team's General channel: its id is the team id. */
export const GENERAL = solhoej.team.id;
export const TRIO = solhoej.team.channel!.id;

export interface Person {
  aad: string;
  name: string;
  /** No roles: not a member of any workplace. */
  roles: readonly Role[];
  /** The workplace the person is a member of (default: the first one seeded). */
  workplace?: string;
}

const ROLE: Record<PgRole, Role> = { leder: 'leder', tr: 'TR', amr: 'AMR', medarbejder: 'medarbejder' };
type SolhoejKey = keyof typeof solhoejPeople;

const asMember = (u: PgUser): Person => ({ aad: u.aadObjectId, name: u.name, roles: [ROLE[u.role]] });

/** Everybody at Bostedet Solhøj as members with their role. */
export const solhoejMembers: { readonly [K in SolhoejKey]: Person } = {
  lone: asMember(solhoejPeople.lone),
  tobias: asMember(solhoejPeople.tobias),
  amira: asMember(solhoejPeople.amira),
  mads: asMember(solhoejPeople.mads),
  sofie: asMember(solhoejPeople.sofie),
  nadia: asMember(solhoejPeople.nadia),
};

/** Some of the Solhøj people, by key. */
export function solhoejTeam<K extends SolhoejKey>(...keys: K[]): { [P in K]: Person } {
  return Object.fromEntries(keys.map((k) => [k, solhoejMembers[k]])) as { [P in K]: Person };
}

/** A channel the bot is @mentioned in; `thread` is the message id of the thread (default: a new one per message). */
export interface Channel {
  id: string;
  team: string;
  thread?: string;
}

export const TRIO_CHANNEL: Channel = { id: TRIO, team: GENERAL };

/** Bostedet Solhøj with Lone as its leader and the TRIO channel linked. */
export const solhoejWorkplace = (links: SeedWorkplace['links'] = [{ forum: 'trio', conversationId: TRIO, teamId: GENERAL }]): SeedWorkplace => ({
  id: WP,
  name: WP_NAME,
  createdBy: solhoejMembers.lone.aad,
  links,
});

/** The id the connector double gives a 1:1 chat that the bot creates. */
export const createdChat = (who: string) => `a:1on1-29:${who}`;

export interface HttpBotOptions<P extends string, C extends string> {
  clock: ManualClock;
  people: Record<P, Person>;
  env?: RawEnv;
  /** Default: Bostedet Solhøj with its TRIO channel. */
  workplaces?: readonly SeedWorkplace[];
  /** Default: { trio: TRIO_CHANNEL }. */
  channels?: Record<C, Channel>;
  /** Options for the composition root (test doubles at its edges). */
  start?: Omit<StartOptions, 'log' | 'clock'>;
  /** The personal chat a person writes in. Default: `a:personal-<key>`. */
  personalChat?: (who: P) => string;
  /** Options of the connector double (e.g. the team rosters). */
  connector?: ConnectorDoubleOptions;
}

/** One activity's answer: the HTTP body (the invoke response) and what the connector received meanwhile. */
export interface Answer {
  body: Json;
  raw: string;
  sent: Recorded[];
}

export interface HttpBot<P extends string, C extends string> {
  readonly t: TestApp;
  readonly app: App;
  readonly connector: ConnectorDouble;
  readonly people: Record<P, Person>;
  activity(who: P, where: 'personal' | C, extra: Json): Json;
  /** Posts an activity (expects 200). */
  post(activity: Json): Promise<Answer>;
  /** A message; in a channel with the @mention Teams adds. */
  say(who: P, where: 'personal' | C, text: string): Promise<Answer>;
  /** Action.Execute on a card. */
  execute(who: P, where: 'personal' | C, verb: string, data: Json, replyToId?: string): Promise<Answer>;
  /** Moves the clock (when `at` is given) and lets the engine send what is due. */
  tick(at?: string | Date): Promise<{ report: TickReport; sent: Recorded[] }>;
  stop(): Promise<void>;
}

const MENTION = { type: 'mention', mentioned: { id: '28:bot', name: 'TRIO-bot' }, text: '<at>TRIO-bot</at>' };

/** Starts the connector double and the app, and seeds the workplaces with the people. */
export async function startHttpBot<P extends string, C extends string = 'trio'>(opts: HttpBotOptions<P, C>): Promise<HttpBot<P, C>> {
  const connector = await startConnectorDouble(opts.connector);
  const t = await startTestApp(opts.env ?? {}, opts.clock, opts.start);
  const workplaces = opts.workplaces ?? [solhoejWorkplace()];
  const channels = opts.channels ?? ({ trio: TRIO_CHANNEL } as Record<string, Channel>);
  const personalChat = opts.personalChat ?? ((who: P) => `a:personal-${who}`);
  const entries = Object.entries(opts.people) as [P, Person][];
  for (const wp of workplaces) {
    const members = entries.filter(([, p]) => (p.workplace ?? workplaces[0]!.id) === wp.id);
    await seedWorkplace(t.app.ctx.workplaces, wp, members.map(([key, p]) => ({ aadObjectId: p.aad, teamsUserId: `29:${key}`, name: p.name, roles: p.roles })));
  }

  const activity = (who: P, where: 'personal' | C, extra: Json): Json => {
    const p = opts.people[who];
    const channel = where === 'personal' ? undefined : channels[where];
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:${who}`, aadObjectId: p.aad, name: p.name },
      recipient: { id: '28:bot', name: 'TRIO-bot' },
      conversation: channel
        ? { id: `${channel.id};messageid=${channel.thread ?? Date.now()}`, conversationType: 'channel', isGroup: true, tenantId: 'tenant' }
        : { id: personalChat(who), conversationType: 'personal', tenantId: 'tenant' },
      channelData: channel ? { team: { id: channel.team }, channel: { id: channel.id }, tenant: { id: 'tenant' } } : { tenant: { id: 'tenant' } },
      ...extra,
    };
  };
  const post = async (a: Json): Promise<Answer> => {
    const before = connector.sent().length;
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a) });
    expect(res.status).toBe(200);
    const raw = await res.text();
    return { body: raw ? (JSON.parse(raw) as Json) : {}, raw, sent: connector.sent().slice(before) };
  };
  return {
    t,
    app: t.app,
    connector,
    people: opts.people,
    activity,
    post,
    say: (who, where, text) =>
      post(activity(who, where, where === 'personal' ? { type: 'message', text, entities: [] } : { type: 'message', text: `${MENTION.text} ${text}`, entities: [MENTION] })),
    execute: (who, where, verb, data, replyToId = 'card-1') =>
      post(activity(who, where, { type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data } } })),
    async tick(at) {
      if (at !== undefined) opts.clock.set(at);
      const before = connector.sent().length;
      const report = await t.app.engine.tick(opts.clock.now());
      return { report, sent: connector.sent().slice(before) };
    },
    async stop() {
      await t.stop();
      await connector.stop();
    },
  };
}

/** The first card of an activity ({} when it has none). */
export const cardOf = (activity: Json): Json => ((activity.attachments as Json[] | undefined)?.[0]?.content ?? {}) as Json;

/** What a person reads in an activity: its text and cards (not the envelope, which names the recipient). */
export const contentOf = (activity: Json): Json => ({ text: activity.text, attachments: activity.attachments });

/** The activities the bot sent in answer, as JSON, one a line. */
export const sentJson = (answer: Answer): string => answer.sent.map((r) => readableJson(r.activity)).join('\n');

/** Everything in an answer as one string: the invoke body, then each activity the bot sent. */
export const everything = (answer: Answer): string => [readableJson(answer.body), ...answer.sent.map((r) => readableJson(r.activity))].join('\n');

/** Where each sent activity went, with the activity as JSON. */
export const delivered = (sent: readonly Recorded[]): { to: string; text: string }[] => sent.map((r) => ({ to: r.conversationId, text: readableJson(r.activity) }));

/** JSON of what was sent, with the invisible characters renderCard adds for the markdown read as the plain text they stand for (test/support/fake-turn.ts readable). */
export const readableJson = (v: unknown): string => readable(JSON.stringify(v));
