/**
 * The harness's view of one running Playground: turns what the Playground reports
 * (conversation WebSocket, traffic-log WebSocket) into PgMessage/PgTurn/PgBotError, and
 * acts as users (see playground.ts for the facts behind each choice).
 */
import { installActivities, mentionText, messageActivity, type ActivityContext, type ConversationTarget, type PgConversationKind } from './playground-activities.js';
import { Buffered, latestVersions, type PgAttachment, type PgBotError, type PgMessage, type PgTurn } from './playground-messages.js';
import { findUser, type PgScenario, type PgUser } from './playground-scenario.js';
import type { Playground, PgSendResult } from './playground.js';

type Json = Record<string, unknown>;
const PLAYGROUND = 'Microsoft 365 Agents Playground';

export type PlaygroundApi = Omit<Playground, 'url' | 'connectorUrl' | 'port' | 'pid' | 'tempDir' | 'scenario' | 'startupMs' | 'stop'>;

export class PlaygroundClient {
  private readonly msgs = new Buffered<PgMessage>();
  private readonly inbound = new Buffered<PgTurn>();
  private readonly errors: PgBotError[] = [];
  private readonly consumed = new Set<number>();
  /** personal chat id -> user id, and message id -> conversation id (to place update frames). */
  private readonly chatOwner = new Map<string, string>();
  private readonly messageConv = new Map<string, string>();
  private readonly ctx: ActivityContext;

  constructor(
    private readonly s: PgScenario,
    private readonly url: string,
    readonly connectorUrl: string,
    private readonly botEndpoint: string,
    private readonly timeoutMs: number,
  ) {
    this.chatOwner.set(s.personalChatId, s.currentUser.id);
    this.ctx = { scenario: s, serviceUrl: connectorUrl };
  }

  api(): PlaygroundApi {
    return {
      personalChatId: (userId) => this.personalChatId(userId),
      openPersonalChat: (userId) => this.openPersonalChat(userId),
      send: (c, f, t, o) => this.send(c, f, t, o),
      submit: (c, f, r, v) => this.submit(c, f, r, v),
      invoke: (c, f, r, verb, data) => this.invoke(c, f, r, verb, data),
      install: (c, o) => this.install(c, o),
      waitForMessage: (p, o) => this.waitForMessage(p, o),
      messages: (c) => this.msgs.list(c ? this.inConversation(c) : undefined),
      latest: (id) => latestVersions(this.msgs.list((m) => m.messageId === id))[0],
      cursor: () => this.msgs.seq,
      turns: () => this.inbound.list(),
      botErrors: () => [...this.errors],
    };
  }

  // ---- what the Playground reports -------------------------------------------------

  /** Conversation WebSocket: bot messages in chats/channels that include the current user. */
  onConversationFrame(frame: Json): void {
    const action = frame.action === 'createMessage' ? 'create' : frame.action === 'updateMessage' ? 'update' : undefined;
    const message = frame.message as Json | undefined;
    if (!action || !message || typeof message.messageId !== 'string') return;
    if ((message.from as Json | undefined)?.id !== this.s.bot.id) return;
    const messageId = message.messageId;
    const frameConv = String(message.postConversationId ?? frame.actionConversationId);
    // Root posts of a thread report the channel id; their thread id is `<channel>;messageid=<their id>`.
    const isChannel = frameConv === this.s.team.id || frameConv === this.s.team.channel?.id;
    const conv = this.messageConv.get(messageId) ?? (isChannel ? `${frameConv};messageid=${messageId}` : frameConv);
    this.addMessage(action, conv, messageId, message.text, message.attachments, 'ws', frame);
  }

  /** Traffic log WebSocket: every HTTP exchange between Playground and bot. */
  onLogFrame(frame: Json): void {
    const log = frame.log as Json | undefined;
    if (!log) return;
    if (log.type === 'text') {
      if (log.level === 'warning' || log.level === 'error') this.errors.push({ kind: 'warning', conversationId: log.conversationId as string | undefined, text: String(log.displayText ?? '') });
      return;
    }
    const body = ((log.request as Json | undefined)?.body ?? {}) as Json;
    const response = (log.response ?? {}) as Json;
    const status = typeof response.statusCode === 'number' ? response.statusCode : undefined;
    const conversationId = (body.conversation as Json | undefined)?.id as string | undefined;
    if (log.from === PLAYGROUND) {
      this.inbound.push((seq) => ({ seq, activity: body, status, responseBody: response.body, via: 'playground' }));
      if (status === undefined || status >= 400) this.errors.push({ kind: 'turn', status, conversationId, activityType: body.type as string, text: body.text as string, body: response.body });
      return;
    }
    if (status !== undefined && status >= 400) this.errors.push({ kind: 'outgoing', status, conversationId, activityType: String(log.activityName), text: body.text as string, body: response.body });
    const resBody = (response.body ?? {}) as Json;
    if (log.activityName === 'createConversation' && status === 201 && !body.isGroup && typeof resBody.id === 'string') {
      const member = ((body.members as Json[] | undefined)?.[0]?.id ?? '') as string;
      if (member) this.chatOwner.set(resBody.id, member);
      return;
    }
    // Chats without the current user never reach the conversation WebSocket: take their messages from the log.
    if (body.type !== 'message' || !conversationId || this.visibleOnWebSocket(conversationId) || typeof resBody.id !== 'string') return;
    const action = status === 201 ? 'create' : status === 200 && body.id === resBody.id ? 'update' : undefined;
    if (action) this.addMessage(action, conversationId, resBody.id, body.text, body.attachments, 'log', frame);
  }

  private addMessage(action: 'create' | 'update', conversationId: string, messageId: string, text: unknown, attachments: unknown, source: 'ws' | 'log', raw: unknown): void {
    this.messageConv.set(messageId, conversationId);
    const top = this.topLevel(conversationId);
    const isChannel = top === this.s.team.id || top === this.s.team.channel?.id;
    const list = Array.isArray(attachments) ? (attachments as Json[]) : [];
    this.msgs.push((seq) => ({
      seq,
      action,
      conversationId,
      ...(isChannel ? { channelId: top } : {}),
      ...(this.chatOwner.has(conversationId) ? { toUserId: this.chatOwner.get(conversationId) } : {}),
      messageId,
      ...(typeof text === 'string' && text !== '' ? { text } : {}),
      attachments: list.map((a): PgAttachment => ({ contentType: String(a.contentType), content: a.content })),
      source,
      raw,
    }));
  }

  // ---- conversations --------------------------------------------------------------

  private topLevel(conversationId: string): string {
    return conversationId.split(';')[0] ?? conversationId;
  }

  private visibleOnWebSocket(conversationId: string): boolean {
    const top = this.topLevel(conversationId);
    return [this.s.personalChatId, this.s.groupChat.id, this.s.team.id, this.s.team.channel?.id].includes(top);
  }

  private kindOf(conversationId: string): PgConversationKind {
    const top = this.topLevel(conversationId);
    if (this.chatOwner.has(conversationId) || conversationId.endsWith('@test.user')) return 'personal';
    if (conversationId === this.s.groupChat.id) return 'groupChat';
    if (top === this.s.team.id || top === this.s.team.channel?.id) return top === conversationId ? 'channel' : 'thread';
    throw new Error(`Unknown Playground conversation ${conversationId}`);
  }

  private target(conversationId: string): ConversationTarget {
    const kind = this.kindOf(conversationId);
    return { kind, conversationId, ...(kind === 'channel' || kind === 'thread' ? { channelId: this.topLevel(conversationId) } : {}) };
  }

  private inConversation(id: string): (m: PgMessage) => boolean {
    return (m) => m.conversationId === id || m.channelId === id;
  }

  private user(userId: string): PgUser {
    const u = findUser(this.s, userId);
    if (!u) throw new Error(`${userId} is not a user in the Playground scenario`);
    return u;
  }

  personalChatId(userId = this.s.currentUser.id): string {
    for (const [conv, owner] of this.chatOwner) if (owner === userId) return conv;
    throw new Error(`No personal chat with ${userId} yet: call openPersonalChat(userId) or let the bot create one`);
  }

  async openPersonalChat(userId: string): Promise<string> {
    this.user(userId);
    const res = (await this.http('POST', '/_connector/v3/conversations', { isGroup: false, bot: { id: this.s.bot.id }, members: [{ id: userId }], tenantId: this.s.tenantId })) as Json;
    const id = String(res.id);
    this.chatOwner.set(id, userId);
    return id;
  }

  // ---- acting as users ------------------------------------------------------------

  private async http(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`Playground ${method} ${path} -> ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  /** Posts an activity straight to the bot, as the Playground would, and records the turn. */
  private async postToBot(activity: Json): Promise<PgTurn> {
    const res = await fetch(this.botEndpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    let responseBody: unknown = text;
    try {
      responseBody = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    const turn = this.inbound.push((seq) => ({ seq, activity, status: res.status, responseBody, via: 'direct' }));
    this.consumed.add(turn.seq);
    const conversationId = (activity.conversation as Json).id as string;
    if (res.status >= 400) this.errors.push({ kind: 'turn', status: res.status, conversationId, activityType: activity.type as string, text: activity.text as string, body: responseBody });
    return turn;
  }

  /** Waits for the Playground's own delivery of an activity to the bot to be answered. */
  private async awaitTurn(since: number, what: string, match: (a: Json) => boolean, timeoutMs = this.timeoutMs): Promise<PgTurn> {
    const turn = await this.inbound.waitFor((t) => t.seq > since && t.via === 'playground' && !this.consumed.has(t.seq) && match(t.activity), timeoutMs, () => `Timed out after ${timeoutMs} ms waiting for the bot to answer ${what}. Bot errors: ${JSON.stringify(this.errors.slice(-5))}`);
    this.consumed.add(turn.seq);
    return turn;
  }

  async send(conversationId: string, fromUserId: string, text: string, opts: { mentionBot?: boolean; timeoutMs?: number } = {}): Promise<PgSendResult> {
    const t = this.target(conversationId);
    const from = this.user(fromUserId);
    if (t.kind === 'personal' && this.chatOwner.get(conversationId) !== fromUserId) throw new Error(`${from.name} cannot write in personal chat ${conversationId} (it belongs to ${this.chatOwner.get(conversationId) ?? 'nobody known'})`);
    const mention = t.kind !== 'personal' && (opts.mentionBot ?? true);
    const at = mentionText(this.s);
    const fullText = mention ? `${at} ${text}` : text;
    const path = `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`;
    if (fromUserId === this.s.currentUser.id) {
      const since = this.inbound.seq;
      const mentions = mention ? { mentions: [{ mentioned: { id: this.s.bot.id }, text: at }] } : {};
      const res = (await this.http('POST', path, { from: { id: fromUserId }, text: fullText, textFormat: 'plain', ...mentions })) as Json;
      const botConv = String(res.postConversationId ?? conversationId);
      if (t.kind !== 'personal' && !mention) return { messageId: String(res.messageId), conversationId: botConv };
      const turn = await this.awaitTurn(since, `"${fullText}" in ${botConv}`, (a) => a.type === 'message' && (a.conversation as Json | undefined)?.id === botConv && a.text === fullText, opts.timeoutMs);
      return { messageId: String(res.messageId), conversationId: botConv, activityId: turn.activity.id as string, status: turn.status };
    }
    // Another user: the Playground would deliver it as the current user, so store it there
    // WITHOUT a mention (which also opens the thread in a channel) and deliver it ourselves.
    let botConv = conversationId;
    let messageId: string | undefined;
    if (t.kind !== 'personal') {
      const res = (await this.http('POST', path, { from: { id: fromUserId }, text: fullText, textFormat: 'plain' })) as Json;
      botConv = String(res.postConversationId ?? conversationId);
      messageId = String(res.messageId);
      if (!mention) return { messageId, conversationId: botConv };
    }
    const activity = messageActivity(this.ctx, { ...t, conversationId: botConv, kind: t.kind === 'channel' ? 'thread' : t.kind }, from, fullText, mention);
    const turn = await this.postToBot(activity);
    return { messageId: messageId ?? String(activity.id), conversationId: botConv, activityId: String(activity.id), status: turn.status };
  }

  async submit(conversationId: string, fromUserId: string, replyToId: string, value: Record<string, unknown>): Promise<void> {
    this.user(fromUserId);
    const since = this.inbound.seq;
    await this.http('POST', '/_conversation/v1/submit', { conversation: { id: conversationId }, from: { id: fromUserId }, replyToId, value });
    await this.awaitTurn(since, `submit on ${replyToId}`, (a) => a.type === 'message' && a.replyToId === replyToId && 'value' in a && (a.conversation as Json | undefined)?.id === conversationId);
  }

  async invoke(conversationId: string, fromUserId: string, replyToId: string, verb: string, data: Record<string, unknown> = {}): Promise<unknown> {
    this.user(fromUserId);
    return this.http('POST', '/_conversation/v1/invoke', { name: 'adaptiveCard/action', conversation: { id: conversationId }, from: { id: fromUserId }, replyToId, value: { action: { type: 'Action.Execute', verb, data } } });
  }

  async install(conversationId: string, opts: { fromUserId?: string } = {}): Promise<void> {
    const t = this.target(conversationId);
    if (t.kind === 'thread') throw new Error('Install into a chat or a channel, not a thread');
    const fromUserId = opts.fromUserId ?? (t.kind === 'personal' ? this.chatOwner.get(conversationId) : undefined) ?? this.s.currentUser.id;
    if (fromUserId !== this.s.currentUser.id) {
      for (const activity of installActivities(this.ctx, t, this.user(fromUserId))) await this.postToBot(activity);
      return;
    }
    const since = this.inbound.seq;
    await this.http('POST', `/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
    for (const type of ['installationUpdate', 'conversationUpdate']) {
      await this.awaitTurn(since, `${type} in ${conversationId}`, (a) => a.type === type && (a.conversation as Json | undefined)?.id === conversationId);
    }
  }

  waitForMessage(predicate: (m: PgMessage) => boolean, opts: { timeoutMs?: number; conversationId?: string; since?: number } = {}): Promise<PgMessage> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const since = opts.since ?? 0;
    const inConv = opts.conversationId ? this.inConversation(opts.conversationId) : () => true;
    return this.msgs.waitFor((m) => m.seq > since && inConv(m) && predicate(m), timeoutMs, () => {
      const recent = this.msgs.list().slice(-8).map((m) => `#${m.seq} ${m.action} ${m.conversationId}: ${m.text ?? `[${m.attachments.length} attachment(s)]`}`);
      return `Timed out after ${timeoutMs} ms waiting for a bot message${opts.conversationId ? ` in ${opts.conversationId}` : ''} (since #${since}).\nRecent bot messages:\n  ${recent.join('\n  ') || '(none)'}\nBot errors: ${JSON.stringify(this.errors.slice(-5))}`;
    });
  }
}
