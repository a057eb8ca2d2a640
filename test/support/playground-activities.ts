/**
 * Activities the harness posts straight to the bot when a user OTHER than the
 * Playground's current user acts (the Playground always sends messages and install
 * events as its current user). They copy, field for field, what Playground 0.2.28
 * generates for the current user (see the facts at the top of playground.ts), with
 * `from` set to the acting user.
 */
import { randomUUID } from 'node:crypto';
import type { PgScenario, PgUser } from './playground-scenario.js';

export type PgConversationKind = 'personal' | 'groupChat' | 'channel' | 'thread';

export interface ActivityContext {
  scenario: PgScenario;
  /** The Playground connector, e.g. http://localhost:PORT/_connector (activity.serviceUrl). */
  serviceUrl: string;
}

export interface ConversationTarget {
  kind: PgConversationKind;
  /** The conversation id the bot sees (for channels: the thread id `<channel>;messageid=<id>`). */
  conversationId: string;
  /** Channels and threads: the channel id (the team id for General). */
  channelId?: string;
}

type Activity = Record<string, unknown>;

const timezone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Local time with offset, like dayjs `YYYY-MM-DDTHH:mm:ss.SSSZ` (what the Playground sends). */
function localTimestamp(d: Date): string {
  const offsetMin = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + offsetMin * 60_000).toISOString().slice(0, 23);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function mentionText(s: PgScenario): string {
  return `<at>${s.bot.name}</at>`;
}

function conversation(ctx: ActivityContext, t: ConversationTarget): Activity {
  const tenantId = ctx.scenario.tenantId;
  if (t.kind === 'personal') return { conversationType: 'personal', tenantId, id: t.conversationId };
  if (t.kind === 'groupChat') return { isGroup: true, conversationType: 'groupChat', tenantId, id: t.conversationId };
  return { isGroup: true, conversationType: 'channel', tenantId, id: t.conversationId };
}

function base(ctx: ActivityContext, t: ConversationTarget, now: Date): Activity {
  return {
    id: randomUUID(),
    timestamp: now.toISOString(),
    serviceUrl: ctx.serviceUrl,
    conversation: conversation(ctx, t),
    recipient: { id: ctx.scenario.bot.id, name: ctx.scenario.bot.name },
    channelId: 'msteams',
  };
}

function teamChannelData(ctx: ActivityContext, t: ConversationTarget): Activity {
  const channelId = t.channelId ?? ctx.scenario.team.id;
  return {
    teamsChannelId: channelId,
    teamsTeamId: ctx.scenario.team.id,
    tenant: { id: ctx.scenario.tenantId },
    team: { id: ctx.scenario.team.id },
    channel: { id: channelId },
  };
}

/** A user's message as the bot receives it (text already contains `<at>Bot</at>` when mentioned). */
export function messageActivity(ctx: ActivityContext, t: ConversationTarget, from: PgUser, text: string, mentioned: boolean): Activity {
  const now = new Date();
  const inChannel = t.kind === 'channel' || t.kind === 'thread';
  const tz = timezone();
  const entities: Activity[] = [];
  if (mentioned) {
    entities.push({ type: 'mention', mentioned: { id: ctx.scenario.bot.id, name: ctx.scenario.bot.name }, text: mentionText(ctx.scenario) });
  }
  entities.push({ type: 'clientInfo', locale: 'en-US', country: 'US', ...(inChannel ? {} : { platform: 'Web' }), timezone: tz });
  return {
    type: 'message',
    text,
    ...base(ctx, t, now),
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    localTimestamp: localTimestamp(now),
    localTimezone: tz,
    textFormat: 'plain',
    locale: 'en-US',
    entities,
    channelData: inChannel ? teamChannelData(ctx, t) : { tenant: { id: ctx.scenario.tenantId } },
  };
}

/** installationUpdate (action add) + conversationUpdate (membersAdded), as `POST /_debug/conversation/:id/installation` sends them. */
export function installActivities(ctx: ActivityContext, t: ConversationTarget, from: PgUser): Activity[] {
  const s = ctx.scenario;
  const now = new Date();
  const inChannel = t.kind === 'channel';
  const selected = { selectedChannel: { id: t.conversationId } };
  const team = { id: s.team.id, name: s.team.name, aadGroupId: s.team.aadGroupId };
  const channelName = inChannel && t.conversationId !== s.team.id ? s.team.channel?.name : undefined;
  const name = t.kind === 'groupChat' ? s.groupChat.name : channelName;
  const fromAccount = { id: from.id, aadObjectId: from.aadObjectId };
  const install: Activity = {
    type: 'installationUpdate',
    ...base(ctx, t, now),
    from: fromAccount,
    locale: 'en-US',
    entities: [{ type: 'clientInfo', locale: 'en-US' }],
    channelData: {
      tenant: { id: s.tenantId },
      ...(inChannel ? { team, channel: { id: t.conversationId } } : {}),
      source: { name: 'message' },
      settings: selected,
    },
    action: 'add',
  };
  if (name) (install.conversation as Activity).name = name;
  const update: Activity = {
    type: 'conversationUpdate',
    ...base(ctx, t, now),
    from: fromAccount,
    membersAdded: t.kind === 'personal' ? [fromAccount, { id: s.bot.id }] : [{ id: s.bot.id }],
    channelData: inChannel
      ? { tenant: { id: s.tenantId }, team, eventType: 'teamMemberAdded', settings: selected }
      : { tenant: { id: s.tenantId } },
  };
  if (channelName) (update.conversation as Activity).name = channelName;
  return [install, update];
}
