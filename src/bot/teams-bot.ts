import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Clock } from '../core/clock.js';
import type { Dispatcher } from '../core/dispatcher.js';
import type { Logger } from '../core/log.js';
import type { OutMessage, Where } from '../core/types.js';
import type { ConversationStore } from '../conversations/store.js';
import { channelConversationId, scopeOf, toActivity, turnOf, whereOf } from './turn.js';

export interface TeamsBotDeps {
  dispatcher: Dispatcher;
  conversations: ConversationStore;
  clock: Clock;
  log: Logger;
  welcome(where: Where): Promise<OutMessage>;
}

/**
 * The conversation reference as opaque JSON; channel references point at the channel,
 * not a thread. Without the activity id: it changes on every turn, and stored it would
 * record when a person last wrote (ConversationStore writes only real changes).
 */
export function referenceOf(context: TurnContext): { reference: string; serviceUrl: string } {
  const ref = TurnContext.getConversationReference(context.activity);
  delete ref.activityId;
  if (scopeOf(context.activity) === 'channel' && ref.conversation) {
    ref.conversation = { ...ref.conversation, id: channelConversationId(context.activity) };
  }
  return { reference: JSON.stringify(ref), serviceUrl: context.activity.serviceUrl };
}

/**
 * The thin bot layer: it translates Teams activities into domain turns and hands them
 * to the dispatcher. No business rules live here.
 */
export class TeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      const activity = context.activity;
      const value = activity.value as Record<string, unknown> | undefined;
      const submitted = value && typeof value === 'object' && !activity.text?.trim() ? value : undefined;
      if (!deps.dispatcher.isAnonymous(typeof submitted?.verb === 'string' ? submitted.verb : undefined)) await this.remember(context);
      const turn = turnOf(context, deps.clock);
      if (submitted) {
        // Action.Submit from an older card: same router, reply instead of invoke response.
        const outcome = await deps.dispatcher.handleAction(turn, typeof submitted.verb === 'string' ? submitted.verb : undefined, submitted, {
          source: 'submit',
          ...(activity.replyToId ? { cardActivityId: activity.replyToId } : {}),
        });
        if (outcome.card && activity.replyToId && !outcome.rejected) await turn.update(activity.replyToId, { card: outcome.card });
        else if (outcome.card) await turn.reply({ card: outcome.card });
        if (outcome.message) await turn.reply(outcome.message);
      } else {
        // A mention without text (e.g. only a card) would make the SDK call undefined.replace.
        if (typeof activity.text === 'string') TurnContext.removeRecipientMention(activity);
        await deps.dispatcher.handleText(turn, activity.text ?? '');
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberConversation(context);
      await context.sendActivity(toActivity(await deps.welcome(whereOf(context.activity))));
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      const where = whereOf(context.activity);
      if (where.scope === 'personal') {
        await deps.conversations.deactivate('user', this.userKey(context), 'uninstalled');
      } else if (where.teamId) {
        await deps.conversations.deactivateTeam(where.teamId, 'uninstalled');
      }
      deps.log.info({ event: 'uninstalled', scope: where.scope, conversationId: where.conversationId }, 'bot removed');
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue.action ?? ({} as AdaptiveCardInvokeValue['action']);
    const data = (action.data ?? {}) as Record<string, unknown>;
    const verb = action.verb ?? (typeof data.verb === 'string' ? data.verb : undefined);
    // An anonymous action (the pulse answer) must not refresh the stored reference: its write time would be the answer's.
    if (!this.deps.dispatcher.isAnonymous(verb)) await this.remember(context);
    const turn = turnOf(context, this.deps.clock);
    const replyToId = context.activity.replyToId;
    const outcome = await this.deps.dispatcher.handleAction(turn, verb, data, {
      source: 'execute',
      ...(replyToId ? { cardActivityId: replyToId } : {}),
    });
    if (outcome.message && (outcome.card || !outcome.rejected)) await turn.reply(outcome.message);
    if (outcome.card) {
      // Show the new card to everyone who sees the message, not only to the clicker.
      // An automatic refresh only fetches the card for one viewer: it changes nothing.
      const automatic = (context.activity.value as { trigger?: string } | undefined)?.trigger === 'automatic';
      if (replyToId && !outcome.rejected && !automatic) {
        await turn.update(replyToId, { card: outcome.card }).catch((err: unknown) => {
          this.deps.log.warn({ err, ref: turn.correlationId }, 'could not update card for everyone');
        });
      }
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: outcome.card };
    }
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: (outcome.message?.text ?? '') as unknown as Record<string, unknown>,
    };
  }

  private userKey(context: TurnContext): string {
    return (context.activity.from.aadObjectId ?? context.activity.from.id).toLowerCase();
  }

  /** Personal chats and channels are remembered for proactive messages (cached: one write per process). */
  private async remember(context: TurnContext): Promise<void> {
    if (scopeOf(context.activity) !== 'groupChat') await this.rememberConversation(context);
  }

  private async rememberConversation(context: TurnContext): Promise<void> {
    const where = whereOf(context.activity);
    const { reference, serviceUrl } = referenceOf(context);
    if (where.scope === 'personal') {
      await this.deps.conversations.save({ kind: 'user', key: this.userKey(context), reference, serviceUrl, tenantId: where.tenantId ?? '' });
    } else if (where.scope === 'channel') {
      await this.deps.conversations.save({
        kind: 'channel',
        key: where.conversationId,
        reference,
        serviceUrl,
        tenantId: where.tenantId ?? '',
        ...(where.teamId ? { teamId: where.teamId } : {}),
      });
    }
  }
}
