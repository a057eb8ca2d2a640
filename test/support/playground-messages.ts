/**
 * Buffers for what the Playground harness observes (bot messages, bot turns) with
 * waiters that never miss an item that arrived before the wait started, plus
 * `cardText`, which flattens the visible text of Adaptive Cards for assertions.
 */

export interface PgAttachment {
  contentType: string;
  content: unknown;
}

/** One message the bot sent (create) or changed (update) as seen by the Playground. */
export interface PgMessage {
  /** Harness-wide arrival order (1, 2, ...); compare with `Playground.cursor()`. */
  seq: number;
  action: 'create' | 'update';
  /**
   * The conversation the message lives in, as the bot and `submit`/`invoke` need it:
   * a personal or group chat id, or for channels the THREAD id `<channelId>;messageid=<rootId>`.
   */
  conversationId: string;
  /** Channel messages: the channel id (`conversationId` without `;messageid=...`). */
  channelId?: string;
  /** Personal chats: the user the chat is with (current user or another configured user). */
  toUserId?: string;
  /** The Playground's message id (a millisecond timestamp string); use as `replyToId`. */
  messageId: string;
  text?: string;
  attachments: PgAttachment[];
  /** Where the harness saw it: the conversation WebSocket, or the traffic log (chats without the current user). */
  source: 'ws' | 'log';
  raw: unknown;
}

/** One activity delivered to the bot and the bot's HTTP answer. */
export interface PgTurn {
  seq: number;
  activity: Record<string, unknown>;
  status?: number;
  responseBody?: unknown;
  /** 'playground': sent by the Playground itself; 'direct': posted by the harness (another user). */
  via: 'playground' | 'direct';
}

export interface PgBotError {
  kind: 'turn' | 'outgoing' | 'warning';
  status?: number;
  conversationId?: string;
  activityType?: string;
  text?: string;
  body?: unknown;
}

interface Waiter<T> {
  pred: (item: T) => boolean;
  resolve: (item: T) => void;
}

/** An append-only list whose waiters check the items already there before waiting. */
export class Buffered<T extends { seq: number }> {
  private readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();
  private nextSeq = 1;

  get seq(): number {
    return this.nextSeq - 1;
  }

  push(make: (seq: number) => T): T {
    const item = make(this.nextSeq++);
    this.items.push(item);
    for (const w of [...this.waiters]) {
      if (w.pred(item)) {
        this.waiters.delete(w);
        w.resolve(item);
      }
    }
    return item;
  }

  list(filter?: (item: T) => boolean): T[] {
    return filter ? this.items.filter(filter) : [...this.items];
  }

  waitFor(pred: (item: T) => boolean, timeoutMs: number, describeTimeout: () => string): Promise<T> {
    const found = this.items.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        pred,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(describeTimeout()));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

/** The newest version of each message id, in first-seen order. */
export function latestVersions(messages: PgMessage[]): PgMessage[] {
  const byId = new Map<string, PgMessage>();
  for (const m of messages) byId.set(m.messageId, m);
  return [...byId.values()].sort((a, b) => firstSeq(messages, a.messageId) - firstSeq(messages, b.messageId));
}

function firstSeq(messages: PgMessage[], id: string): number {
  return messages.find((m) => m.messageId === id)?.seq ?? 0;
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Card contents attached to a message. */
export function cards(m: PgMessage): Record<string, unknown>[] {
  return m.attachments.filter((a) => a.contentType === ADAPTIVE_CARD).map((a) => a.content as Record<string, unknown>);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function walk(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, out);
    return;
  }
  if (!isObject(node)) return;
  const type = typeof node.type === 'string' ? node.type : '';
  if (type === 'TextBlock' || type === 'TextRun') pushIf(out, str(node.text));
  if (type === 'RichTextBlock' && Array.isArray(node.inlines)) {
    for (const inline of node.inlines) pushIf(out, typeof inline === 'string' ? str(inline) : undefined);
  }
  if (type === 'FactSet' && Array.isArray(node.facts)) {
    for (const fact of node.facts) {
      if (!isObject(fact)) continue;
      const title = str(fact.title)?.replace(/:\s*$/, '');
      const value = str(fact.value);
      pushIf(out, title && value ? `${title}: ${value}` : (title ?? value));
    }
  }
  if (type.startsWith('Input.')) pushIf(out, str(node.label));
  if (type === 'Input.Toggle') pushIf(out, str(node.title));
  if (type === 'Input.ChoiceSet' && Array.isArray(node.choices)) {
    for (const choice of node.choices) if (isObject(choice)) pushIf(out, str(choice.title));
  }
  if (type.startsWith('Action.')) pushIf(out, str(node.title));
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data' || key === '$data' || key === 'msteams' || key === 'facts' || key === 'choices') continue;
    if (typeof value === 'object') walk(value, out);
  }
}

function pushIf(out: string[], s: string | undefined): void {
  if (s !== undefined) out.push(s);
}

/**
 * All visible text of a message (its text plus its Adaptive Cards), of a card, or of an
 * invoke response `{ type, value: card }`, one piece per line: TextBlock/TextRun text,
 * FactSet lines as "title: value", input labels, choice titles and action titles.
 */
export function cardText(x: PgMessage | Json | unknown): string {
  const out: string[] = [];
  if (isObject(x) && Array.isArray(x.attachments) && typeof x.messageId === 'string') {
    const m = x as unknown as PgMessage;
    pushIf(out, str(m.text));
    for (const card of cards(m)) walk(card, out);
  } else if (isObject(x) && x.type === ADAPTIVE_CARD && 'value' in x) {
    walk(x.value, out);
  } else {
    walk(x, out);
  }
  // Invisible helpers renderCard puts in (a word joiner after "<", a no-break space after "1."): read as plain text.
  return out.join('\n').replace(/\u2060/g, '').replace(/\u00a0/g, ' ');
}
