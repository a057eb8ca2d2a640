import { randomBytes } from 'node:crypto';
import { CardFactory, MessageFactory, TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import { messageSummary } from '../core/cards.js';
import type { Clock } from '../core/clock.js';
import type { OutMessage, RosterMember, Scope, Turn, Where } from '../core/types.js';

/** Builds the Bot Framework activity for a domain message, with the plain-text summary previews and notifications show. */
export function toActivity(msg: OutMessage): Partial<Activity> {
  const summary = messageSummary(msg);
  if (msg.card) {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(msg.card));
    if (msg.text) activity.text = msg.text;
    return summary ? { ...activity, summary } : activity;
  }
  return { ...MessageFactory.text(msg.text ?? ''), ...(summary ? { summary } : {}) };
}

export function scopeOf(activity: Activity): Scope {
  switch (activity.conversation?.conversationType) {
    case 'channel':
      return 'channel';
    case 'groupChat':
      return 'groupChat';
    default:
      return 'personal';
  }
}

/** A channel's conversation id without the thread suffix (";messageid=..."). */
export function channelConversationId(activity: Activity): string {
  const channelId = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  return channelId ?? activity.conversation.id.split(';')[0]!;
}

export function whereOf(activity: Activity): Where {
  const scope = scopeOf(activity);
  const channelData = activity.channelData as
    | { team?: { id?: string }; channel?: { id?: string }; tenant?: { id?: string } }
    | undefined;
  const tenantId = activity.conversation?.tenantId ?? channelData?.tenant?.id;
  return {
    scope,
    conversationId: scope === 'channel' ? channelConversationId(activity) : activity.conversation.id,
    ...(tenantId ? { tenantId } : {}),
    ...(channelData?.team?.id ? { teamId: channelData.team.id } : {}),
    ...(channelData?.channel?.id ? { channelId: channelData.channel.id } : {}),
  };
}

export function newCorrelationId(): string {
  return randomBytes(4).toString('hex');
}

/** Where the endpoint leaves the turn's gate (see Turn.ready). */
export const READY_KEY = Symbol('trio.turnReady');

/** The domain's view of a Bot Framework turn. */
export function turnOf(context: TurnContext, clock: Clock, correlationId = newCorrelationId()): Turn {
  const a = context.activity;
  const where = whereOf(a);
  const ready = context.turnState.get(READY_KEY) as Promise<void> | undefined;
  return {
    ...(ready ? { ready } : {}),
    actor: { aadObjectId: (a.from.aadObjectId ?? a.from.id).toLowerCase(), teamsUserId: a.from.id, name: a.from.name ?? '' },
    where,
    now: clock.now(),
    correlationId,
    ...(a.id ? { activityId: a.id } : {}),
    async reply(msg) {
      const res = await context.sendActivity(toActivity(msg));
      return res?.id;
    },
    async update(activityId, msg) {
      await context.updateActivity({ ...toActivity(msg), id: activityId, type: 'message' });
    },
    async *roster(teamId = where.teamId): AsyncIterable<RosterMember> {
      if (!teamId) return;
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedTeamMembers(context, teamId, 100, token);
        for (const m of page.members) {
          yield {
            aadObjectId: (m.aadObjectId ?? m.id).toLowerCase(),
            teamsUserId: m.id,
            name: m.name ?? m.givenName ?? m.email ?? m.id,
            ...(m.email ? { email: m.email } : {}),
          };
        }
        token = page.continuationToken || undefined;
      } while (token);
    },
  };
}
