/**
 * A minimal echo bot used only as a test fixture: it proves the Playground harness
 * (test/support/playground.ts) works and documents, by example, what a botbuilder 4.23
 * CloudAdapter bot with an EMPTY MicrosoftAppId can do against the Playground.
 *
 * Commands (text after removing the bot mention):
 *   card                 -> an Adaptive Card with Action.Execute (verb "bump") and Action.Submit
 *   proactive            -> continueConversationAsync('', reference) into the same conversation
 *   dm <userId>          -> createConversationAsync: a new 1:1 chat with that user + "hej fra bot"
 *   post <channelId>     -> continueConversationAsync into a channel (starts a new thread)
 *   thread <channelId>   -> createConversationAsync(isGroup, channelData.channel) = a new thread
 *   team                 -> TeamsInfo.getTeamDetails + getTeamChannels, replies "team: <json>"
 *   member <userId>      -> TeamsInfo.getMember, replies "member: <json>"
 *   update               -> sends "version 1", then updateActivity to "version 2"
 *   members              -> TeamsInfo.getPagedMembers, replies "members: <json>"
 *   fail                 -> throws, so the bot answers HTTP 500 (shows as a bot error)
 *   anything else        -> "echo: <text>"
 * A message with `value` (Action.Submit) is answered with "submitted: <json of value>".
 * Invoke adaptiveCard/action answers with a refreshed card ("count: n+1").
 */
import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TeamsInfo,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import * as restify from 'restify';

export interface EchoBot {
  endpoint: string;
  port: number;
  /** Every activity the bot received, in order (deep copies, as sent by the Playground). */
  received: Partial<Activity>[];
  /** Results of the proactive operations (new conversation ids, member lists, errors). */
  outcomes: { command: string; result?: unknown; error?: string }[];
  stop(): Promise<void>;
}

export function counterCard(count: number): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Tæller', weight: 'Bolder', size: 'Medium' },
      { type: 'TextBlock', text: `count: ${count}`, wrap: true },
      { type: 'FactSet', facts: [{ title: 'Sted', value: 'Bostedet Solhøj' }] },
      { type: 'Input.Text', id: 'note', placeholder: 'Note' },
    ],
    actions: [
      { type: 'Action.Execute', title: 'Tæl op', verb: 'bump', data: { count } },
      { type: 'Action.Submit', title: 'Send', data: { choice: 'ja' } },
    ],
  };
}

class EchoHandler extends ActivityHandler {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly outcomes: EchoBot['outcomes'],
  ) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.handleMessage(ctx);
      await next();
    });
  }

  private async handleMessage(ctx: TurnContext): Promise<void> {
    const activity = ctx.activity;
    if (activity.value && !activity.text) {
      await ctx.sendActivity(`submitted: ${JSON.stringify(activity.value)}`);
      return;
    }
    TurnContext.removeRecipientMention(activity);
    const text = (activity.text ?? '').trim();
    const [command = '', arg = ''] = text.split(/\s+/, 2);
    const reference = TurnContext.getConversationReference(activity);
    switch (command.toLowerCase()) {
      case 'card':
        await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(counterCard(0))] });
        return;
      case 'proactive':
        await this.record('proactive', () =>
          this.adapter.continueConversationAsync('', reference, async (c) => {
            await c.sendActivity('proactive hello');
          }),
        );
        return;
      case 'dm':
        await this.record('dm', () => this.createDm(ctx, arg));
        return;
      case 'post':
        await this.record('post', () =>
          this.adapter.continueConversationAsync(
            '',
            { ...reference, conversation: { id: arg, isGroup: true, conversationType: 'channel', name: '' }, activityId: undefined },
            async (c) => {
              const res = await c.sendActivity('ny tråd i kanalen');
              return void this.outcomes.push({ command: 'post-sent', result: { id: res?.id, conversation: c.activity.conversation } });
            },
          ),
        );
        return;
      case 'thread': {
        // TeamsInfo.sendMessageToTeamsChannel needs a non-empty botAppId with CloudAdapter, so call createConversationAsync directly.
        const params = { isGroup: true, channelData: { channel: { id: arg } }, activity: MessageFactory.text('tråd via createConversation') } as unknown as ConversationParameters;
        let threadId: string | undefined;
        let activityId: string | undefined;
        await this.adapter.createConversationAsync('', activity.channelId, activity.serviceUrl, '', params, async (c) => {
          threadId = c.activity.conversation.id;
          activityId = c.activity.id;
        });
        this.outcomes.push({ command: 'thread', result: { threadId, activityId } });
        await ctx.sendActivity(`thread-created: ${threadId ?? '?'} ${activityId ?? '?'}`);
        return;
      }
      case 'team': {
        const details = await TeamsInfo.getTeamDetails(ctx);
        const channels = await TeamsInfo.getTeamChannels(ctx);
        this.outcomes.push({ command: 'team', result: { details, channels } });
        await ctx.sendActivity(`team: ${JSON.stringify({ details, channels })}`);
        return;
      }
      case 'member': {
        const member = await TeamsInfo.getMember(ctx, arg);
        await ctx.sendActivity(`member: ${JSON.stringify(member)}`);
        return;
      }
      case 'update': {
        const sent = await ctx.sendActivity('version 1');
        await ctx.updateActivity({ id: sent?.id, type: ActivityTypes.Message, text: 'version 2' });
        this.outcomes.push({ command: 'update', result: { id: sent?.id } });
        return;
      }
      case 'members': {
        const page = await TeamsInfo.getPagedMembers(ctx, 100);
        this.outcomes.push({ command: 'members', result: page });
        await ctx.sendActivity(`members: ${JSON.stringify(page.members.map((m) => ({ id: m.id, aadObjectId: m.aadObjectId, name: m.name })))}`);
        return;
      }
      case 'fail':
        throw new Error('echo bot failure on purpose');
      default:
        await ctx.sendActivity(`echo: ${text}`);
    }
  }

  private async createDm(ctx: TurnContext, userId: string): Promise<unknown> {
    const activity = ctx.activity;
    const tenantId = activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const params = {
      isGroup: false,
      bot: activity.recipient,
      members: [{ id: userId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as unknown as ConversationParameters;
    let created: Partial<ConversationReference> | undefined;
    await this.adapter.createConversationAsync('', activity.channelId, activity.serviceUrl, '', params, async (c) => {
      created = TurnContext.getConversationReference(c.activity);
      await c.sendActivity('hej fra bot');
    });
    await ctx.sendActivity(`dm-created: ${created?.conversation?.id ?? '?'}`);
    return created;
  }

  private async record(command: string, op: () => Promise<unknown>): Promise<void> {
    try {
      this.outcomes.push({ command, result: await op() });
    } catch (e) {
      this.outcomes.push({ command, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  protected override async onAdaptiveCardInvoke(
    _ctx: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = (value.action?.data ?? {}) as { count?: number };
    const next = (data.count ?? 0) + 1;
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: counterCard(next) };
  }
}

export async function startEchoBot(): Promise<EchoBot> {
  const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' });
  const adapter = new CloudAdapter(auth);
  const received: Partial<Activity>[] = [];
  const outcomes: EchoBot['outcomes'] = [];
  adapter.onTurnError = async (_ctx, error) => {
    outcomes.push({ command: 'turn-error', error: error instanceof Error ? error.message : String(error) });
    throw error; // let the adapter answer 500 so the Playground logs it as a bot error
  };
  const bot = new EchoHandler(adapter, outcomes);

  const server = restify.createServer({ name: 'echo-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    received.push(JSON.parse(JSON.stringify(req.body)) as Partial<Activity>);
    await adapter.process(req, res, (ctx) => bot.run(ctx));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    port,
    received,
    outcomes,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
