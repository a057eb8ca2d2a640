import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The edge of the bot layer: a request body becomes an Activity only if every field
 * the bot reads has the type and size the bot expects. Anything else is a 400 with a
 * short reason for the log (never the content). Unknown fields pass through untouched
 * (they are never read), except in the sender, the recipient and the conversation:
 * those go into stored conversation references, so only their known fields are kept.
 *
 * Sizes follow what Teams sends: a message is at most about 28 KB, ids are short.
 */

/** What the bot does with a valid activity. */
export type ActivityRoute = 'turn' | 'ignore';

export type ParsedActivity =
  | { ok: true; activity: Activity; route: ActivityRoute }
  | { ok: false; reason: string };

const MAX_DEPTH = 32;
const MAX_NODES = 20_000;

/** Activity types of the Bot Framework protocol. Only some reach the bot; the rest are acknowledged. */
const HANDLED = ['message', 'invoke', 'installationUpdate'] as const;
const ACKNOWLEDGED = [
  'conversationUpdate',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'typing',
  'event',
  'endOfConversation',
  'contactRelationUpdate',
  'deleteUserData',
  'suggestion',
  'trace',
  'handoff',
  'command',
  'commandResult',
] as const;
/** Invoke names the bot answers (Action.Execute); other invokes are not part of this app. */
const INVOKES = ['adaptiveCard/action'] as const;

const CONTROL = /[\u0000-\u001f\u007f]/;
const id = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL.test(s), 'control characters');
const text = (max: number) => z.string().max(max);
const record = z.record(z.string(), z.unknown());

// Accounts and the conversation go into stored conversation references: only known fields are kept.
const account = z.object({
  id: id(256),
  name: text(256).optional(),
  aadObjectId: id(128).optional(),
  role: text(32).optional(),
});

const conversation = z.object({
  id: id(512),
  conversationType: text(32).optional(),
  tenantId: id(128).optional(),
  isGroup: z.boolean().optional(),
  name: text(512).optional(),
});

const withId = z.looseObject({ id: id(512).optional(), name: text(512).optional() });
const channelData = z.looseObject({
  team: withId.optional(),
  channel: withId.optional(),
  tenant: z.looseObject({ id: id(128).optional() }).optional(),
  eventType: text(64).optional(),
});

/** A mention must have what TurnContext.removeRecipientMention reads. */
const mention = z.looseObject({ mentioned: z.looseObject({ id: id(256) }), text: text(1024) });
const entity = z.looseObject({ type: text(100) }).superRefine((e, ctx) => {
  if (e.type.toLowerCase() === 'mention' && !mention.safeParse(e).success) {
    ctx.addIssue({ code: 'custom', message: 'mention without mentioned.id or text' });
  }
});

const timestamp = text(64).refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');

const envelope = z.looseObject({
  type: text(64),
  id: id(256).optional(),
  channelId: id(64),
  serviceUrl: z
    .string()
    .max(2048)
    .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), 'not an http(s) URL'),
  from: account,
  recipient: account,
  conversation,
  channelData: channelData.optional(),
  text: text(28_000).optional(),
  textFormat: text(32).optional(),
  locale: text(64).optional(),
  name: text(256).optional(),
  replyToId: id(256).optional(),
  action: text(64).optional(),
  entities: z.array(entity).max(64).optional(),
  attachments: z.array(z.looseObject({ contentType: text(256) })).max(32).optional(),
  timestamp: timestamp.optional(),
  localTimestamp: timestamp.optional(),
  expiration: timestamp.optional(),
  deliveryMode: text(32).optional(),
});

/** Action.Submit: the card's data. */
const submitValue = record.optional();

/** Action.Execute: what onAdaptiveCardInvoke reads. */
const executeValue = z.looseObject({
  action: z.looseObject({
    type: z.literal('Action.Execute'),
    verb: text(128).optional(),
    data: record.optional(),
    id: text(256).optional(),
  }),
  trigger: text(32).optional(),
});

/** Parses and checks a request body. */
export function parseActivity(body: string): ParsedActivity {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'body is not a JSON object' };
  const shape = inspect(json);
  if (shape) return { ok: false, reason: shape };

  const parsed = envelope.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error) };
  const a = parsed.data;
  let route: ActivityRoute;
  if ((HANDLED as readonly string[]).includes(a.type)) route = 'turn';
  else if ((ACKNOWLEDGED as readonly string[]).includes(a.type)) route = 'ignore';
  else return { ok: false, reason: 'unknown activity type' };

  if (a.type === 'message') {
    const value = submitValue.safeParse(a.value);
    if (!value.success) return { ok: false, reason: `value: ${value.error.issues[0]?.message ?? 'invalid'}` };
  }
  if (a.type === 'invoke') {
    if (!a.name || !(INVOKES as readonly string[]).includes(a.name)) return { ok: false, reason: 'unsupported invoke' };
    const value = executeValue.safeParse(a.value);
    if (!value.success) return { ok: false, reason: describe(value.error, 'value') };
  }
  // As the SDK's validateAndFixActivity: timestamps become Dates, the raw text is kept.
  const activity = a as unknown as Activity & Record<string, unknown>;
  for (const key of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const raw = a[key];
    if (typeof raw === 'string') {
      activity[`raw${key[0]!.toUpperCase()}${key.slice(1)}`] = raw;
      (activity as Record<string, unknown>)[key] = new Date(raw);
    }
  }
  return { ok: true, activity, route };
}

/** Rejects prototype keys, very deep values and huge structures before zod walks them. */
function inspect(root: object): string | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++nodes > MAX_NODES) return 'too many values';
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return 'nested too deeply';
    if (Array.isArray(value)) {
      for (const v of value) stack.push([v, depth + 1]);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key === '__proto__') return 'forbidden key __proto__';
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}

/** "from.id: expected string" — the path and zod's message, no values. */
function describe(error: z.ZodError, prefix?: string): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return `${path || 'activity'}: ${issue.message}`.slice(0, 160);
}
