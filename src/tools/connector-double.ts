import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Teams Bot Connector double for tests and the fan-out benchmark. It implements the
 * REST endpoints the bot calls (send, reply, update, create 1:1, members), records every
 * activity it accepted, enforces Teams' documented rate limits when enabled (429 with
 * Retry-After) and injects faults: 5xx bursts, 429 storms, 403 for blocked users,
 * ConversationNotFound, and requests that hang (optionally after accepting the message,
 * which is what an "unknown outcome" looks like to the sender). Local mode only: no tokens.
 *
 * It lives in src/tools so the compiled benchmark can use it; tests import it from
 * test/support/connector-double.ts.
 */

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export interface Recorded {
  kind: 'send' | 'reply' | 'update';
  conversationId: string;
  activityId: string;
  /** The activity as posted (only `text` when keepActivities is false). */
  activity: Record<string, unknown>;
  at: number;
}

export interface CreatedConversation {
  conversationId: string;
  members: { id: string }[];
  tenantId?: string;
  at: number;
}

export interface RosterEntry {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

export interface ConnectorDoubleOptions {
  /** Teams limits: 7/s and 60/30 s per conversation, `appPerSecond` across all conversations. */
  limits?: { enabled: boolean; perConversation?: WindowLimit[]; appPerSecond?: number };
  /** Delay before every answer. */
  latencyMs?: number;
  /** Roster for /members and /pagedmembers: one list for every conversation, or per conversation id. */
  members?: RosterEntry[] | Record<string, RosterEntry[]>;
  /** Keep whole activities (default) or only their text, to keep big benchmarks small. */
  keepActivities?: boolean;
}

export interface ConnectorStats {
  requests: number;
  accepted: number;
  throttled: number;
  failed: number;
  hung: number;
}

export interface ConnectorDouble {
  readonly url: string;
  readonly port: number;
  /** Messages accepted (sends and replies), in order. */
  sent(): Recorded[];
  sentTo(conversationId: string): Recorded[];
  updates(): Recorded[];
  created(): CreatedConversation[];
  stats(): ConnectorStats;
  /** When (epoch ms) the enforced limits answered 429 (injected faults not included). */
  throttles(): number[];
  /** Clears records, counters and faults; keeps the configuration. */
  reset(): void;
  configure(options: Partial<ConnectorDoubleOptions>): void;
  /** The next `count` message requests answer `status` (default 503), optionally only for one conversation. */
  failNext(count: number, status?: number, only?: { conversationId?: string; retryAfterSec?: number }): void;
  /** A 429 storm: the next `count` message requests answer 429 with Retry-After. */
  throttleNext(count: number, retryAfterSec?: number): void;
  /** 403 for every message to this conversation (user blocked the bot, app uninstalled). */
  block(conversationId: string, code?: string): void;
  /** 404 ConversationNotFound until the conversation is created again (POST /v3/conversations). */
  notFound(conversationId: string): void;
  /** The next `count` message requests never answer; with `accept` the message is recorded first. */
  hangNext(count: number, options?: { accept?: boolean; conversationId?: string }): void;
  /** Resolves when at least `count` messages were accepted. */
  waitForSent(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const TEAMS_CONVERSATION_LIMITS: readonly WindowLimit[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 60, windowMs: 30_000 },
];

interface Fault {
  remaining: number;
  status: number;
  conversationId?: string;
  retryAfterSec?: number;
  hang?: boolean;
  accept?: boolean;
}

export async function startConnectorDouble(options: ConnectorDoubleOptions = {}): Promise<ConnectorDouble> {
  let opts: ConnectorDoubleOptions = { keepActivities: true, ...options };
  let records: Recorded[] = [];
  let creations: CreatedConversation[] = [];
  let faults: Fault[] = [];
  const blocked = new Map<string, string>();
  const missing = new Set<string>();
  const convWindows = new Map<string, number[]>();
  let appWindow: number[] = [];
  let stats: ConnectorStats = { requests: 0, accepted: 0, throttled: 0, failed: 0, hung: 0 };
  let throttleTimes: number[] = [];
  let nextId = 1;
  const hanging = new Set<ServerResponse>();

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string, headers: Record<string, string> = {}) =>
    send(res, status, { error: { code, message: `connector double: ${code}` } }, headers);

  /** Seconds until a send would fit all limits (0 = it fits now). */
  function throttleDelay(conversationId: string, now: number): number {
    const l = opts.limits;
    if (!l?.enabled) return 0;
    let waitMs = 0;
    const conv = convWindows.get(conversationId) ?? [];
    for (const rule of l.perConversation ?? TEAMS_CONVERSATION_LIMITS) {
      const inWindow = conv.filter((t) => t > now - rule.windowMs);
      if (inWindow.length >= rule.limit) waitMs = Math.max(waitMs, inWindow[inWindow.length - rule.limit]! + rule.windowMs - now);
    }
    if (l.appPerSecond) {
      appWindow = appWindow.filter((t) => t > now - 1_000);
      if (appWindow.length >= l.appPerSecond) waitMs = Math.max(waitMs, appWindow[appWindow.length - l.appPerSecond]! + 1_000 - now);
    }
    return waitMs;
  }

  function countSend(conversationId: string, now: number): void {
    if (!opts.limits?.enabled) return;
    const longest = Math.max(...(opts.limits.perConversation ?? TEAMS_CONVERSATION_LIMITS).map((r) => r.windowMs));
    const conv = (convWindows.get(conversationId) ?? []).filter((t) => t > now - longest);
    conv.push(now);
    convWindows.set(conversationId, conv);
    appWindow.push(now);
  }

  function takeFault(conversationId: string): Fault | undefined {
    const fault = faults.find((f) => f.remaining > 0 && (!f.conversationId || f.conversationId === conversationId));
    if (fault) fault.remaining--;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  }

  function record(kind: Recorded['kind'], conversationId: string, activity: Record<string, unknown>, activityId: string): void {
    const kept = opts.keepActivities === false ? { text: activity.text } : activity;
    records.push({ kind, conversationId, activityId, activity: kept, at: Date.now() });
  }

  function handleMessage(res: ServerResponse, kind: Recorded['kind'], conversationId: string, body: Record<string, unknown>, activityId?: string): void {
    const fault = takeFault(conversationId);
    const id = activityId ?? String(1_700_000_000_000 + nextId++);
    if (fault?.hang) {
      stats.hung++;
      if (fault.accept) record(kind, conversationId, body, id);
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault) {
      stats.failed++;
      const headers: Record<string, string> = fault.retryAfterSec !== undefined ? { 'retry-after': String(fault.retryAfterSec) } : {};
      if (fault.status === 429) stats.throttled++;
      return error(res, fault.status, fault.status === 429 ? 'TooManyRequests' : 'ServiceError', headers);
    }
    const blockCode = blocked.get(conversationId);
    if (blockCode) return error(res, 403, blockCode);
    if (missing.has(conversationId)) return error(res, 404, 'ConversationNotFound');
    const now = Date.now();
    const waitMs = throttleDelay(conversationId, now);
    if (waitMs > 0) {
      stats.throttled++;
      throttleTimes.push(now);
      return error(res, 429, 'TooManyRequests', { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1_000))) });
    }
    countSend(conversationId, now);
    record(kind, conversationId, body, id);
    stats.accepted++;
    send(res, kind === 'update' ? 200 : 201, { id });
  }

  function rosterOf(conversationId: string): RosterEntry[] {
    const m = opts.members;
    if (!m) return [];
    return Array.isArray(m) ? m : (m[conversationId] ?? []);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://double');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = req.method === 'GET' ? {} : await readJson(req);
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    stats.requests++;
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return error(res, 404, 'NotFound');
    const [, , conversationId, sub, activityId] = parts;
    if (req.method === 'POST' && !conversationId) {
      const members = (body.members as { id: string }[] | undefined) ?? [];
      const tenantId = (body.tenantId as string | undefined) ?? ((body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id);
      // Teams returns the same 1:1 conversation for the same user, so the id is derived from it.
      const id = body.isGroup ? `19:thread-${nextId++}@thread.tacv2` : `a:1on1-${members[0]?.id ?? nextId++}`;
      missing.delete(id);
      creations.push({ conversationId: id, members, ...(tenantId ? { tenantId } : {}), at: Date.now() });
      const first = body.activity as Record<string, unknown> | undefined;
      if (first) return handleMessage(res, 'send', id, first);
      return send(res, 201, { id });
    }
    if (!conversationId) return error(res, 404, 'NotFound');
    if (sub === 'activities' && req.method === 'POST') return handleMessage(res, activityId ? 'reply' : 'send', conversationId, body);
    if (sub === 'activities' && req.method === 'PUT' && activityId) return handleMessage(res, 'update', conversationId, body, activityId);
    if (req.method === 'GET' && (sub === 'members' || sub === 'pagedmembers')) {
      if (missing.has(conversationId)) return error(res, 404, 'ConversationNotFound');
      const roster = rosterOf(conversationId);
      if (sub === 'members' && activityId) {
        const one = roster.find((m) => m.id === activityId || m.aadObjectId === activityId);
        return one ? send(res, 200, one) : error(res, 404, 'MemberNotFound');
      }
      if (sub === 'members') return send(res, 200, roster);
      const size = Math.min(Number(url.searchParams.get('pageSize') ?? 100) || 100, 500);
      const start = Number(url.searchParams.get('continuationToken') ?? 0) || 0;
      const page = roster.slice(start, start + size);
      const more = start + size < roster.length;
      return send(res, 200, { members: page, ...(more ? { continuationToken: String(start + size) } : {}) });
    }
    return error(res, 404, 'NotFound');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) error(res, 500, `DoubleFailure: ${String(err)}`);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    sent: () => records.filter((r) => r.kind !== 'update'),
    sentTo: (id) => records.filter((r) => r.kind !== 'update' && r.conversationId === id),
    updates: () => records.filter((r) => r.kind === 'update'),
    created: () => [...creations],
    stats: () => ({ ...stats }),
    throttles: () => [...throttleTimes],
    reset() {
      throttleTimes = [];
      records = [];
      creations = [];
      faults = [];
      blocked.clear();
      missing.clear();
      convWindows.clear();
      appWindow = [];
      stats = { requests: 0, accepted: 0, throttled: 0, failed: 0, hung: 0 };
    },
    configure(next) {
      opts = { ...opts, ...next };
    },
    failNext(count, status = 503, only = {}) {
      faults.push({ remaining: count, status, ...only });
    },
    throttleNext(count, retryAfterSec = 1) {
      faults.push({ remaining: count, status: 429, retryAfterSec });
    },
    block(id, code = 'MessageWritesBlocked') {
      blocked.set(id, code);
    },
    notFound(id) {
      missing.add(id);
    },
    hangNext(count, { accept = false, conversationId } = {}) {
      faults.push({ remaining: count, status: 0, hang: true, accept, ...(conversationId ? { conversationId } : {}) });
    },
    async waitForSent(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (records.filter((r) => r.kind !== 'update').length < count) {
        if (Date.now() > until) throw new Error(`connector double: ${count} messages expected, got ${records.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
