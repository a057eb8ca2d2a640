import { timingSafeEqual } from 'node:crypto';
import restify from 'restify';
import type { Logger } from './core/log.js';
import type { RouteDef } from './core/feature.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: unknown }>;
}

/** What /api/messages hands the bot layer (src/bot/endpoint.ts). */
export interface MessagesEndpoint {
  /** From the headers alone, before the body is read: an answer refuses the request. */
  precheck(authorization: string | undefined): Promise<{ status: number; body?: unknown } | undefined>;
  handle(body: string, authorization: string | undefined): Promise<{ status: number; body?: unknown }>;
}

export interface HttpServer {
  readonly server: restify.Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting requests and waits (bounded) for turns in flight. */
  close(timeoutMs?: number): Promise<void>;
  /** Routes added by features (e.g. signed downloads). */
  route(def: RouteDef): void;
}

/** Teams activities are a few KB (a message is at most about 28 KB); anything larger is refused unread. */
export const MAX_BODY_BYTES = 256 * 1024;
/** A client must send its whole request within this time (slow senders hold no socket for long). */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * restify with the Bot Framework endpoint, health and readiness. Transport only: the
 * size limit, the content type and the order "token before body" are enforced here;
 * every decision about the activity happens in the bot layer behind `messages`.
 */
export function createHttpServer(deps: {
  messages: MessagesEndpoint;
  log: Logger;
  readiness: ReadinessCheck[];
  /** Unlocks the details of /readyz (Authorization: Bearer <token>); unset = status only. */
  readinessToken?: string;
}): HttpServer {
  // restify's own bunyan-style logger is replaced by ours through events below.
  const server = restify.createServer({ name: 'trio-bot', handleUncaughtExceptions: false });
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.headersTimeout = Math.min(server.server.headersTimeout, REQUEST_TIMEOUT_MS);
  // No body parser: /api/messages reads its body itself, bounded, after the token check.
  server.use(restify.plugins.queryParser({ mapParams: false }));
  let inFlight = 0;
  let closing = false;
  const drained: (() => void)[] = [];

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    if (closing) {
      reply(res, 503, { error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      const length = Number(req.headers['content-length'] ?? NaN);
      if (length > MAX_BODY_BYTES) return refuse(req, res, 413, 'body too large');
      const authorization = header(req, 'authorization');
      const early = await deps.messages.precheck(authorization);
      if (early) return refuse(req, res, early.status, undefined, early.body);
      if (!isJson(req.headers['content-type'])) return refuse(req, res, 415, 'content type must be application/json');
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === 'too large') return refuse(req, res, 413, 'body too large');
      if (body === 'aborted') return;
      const answer = await deps.messages.handle(body, authorization);
      reply(res, answer.status, answer.body);
    } catch (err) {
      deps.log.error({ err }, 'request failed');
      if (!res.headersSent) reply(res, 500);
    } finally {
      inFlight--;
      if (inFlight === 0) drained.splice(0).forEach((f) => f());
    }
  });

  function refuse(req: restify.Request, res: restify.Response, status: number, reason?: string, body?: unknown): void {
    if (reason) deps.log.warn({ event: 'request.rejected', status, reason }, 'request refused');
    // The body is not read: close the connection rather than drain what the client still sends.
    if (!req.complete) res.setHeader('connection', 'close');
    reply(res, status, body ?? { error: reason });
  }

  server.get('/healthz', async (_req, res) => {
    reply(res, 200, { status: 'ok' });
  });

  let lastReady: boolean | undefined;
  server.get('/readyz', async (req: restify.Request, res: restify.Response) => {
    const results = await Promise.all(
      deps.readiness.map(async (r) => {
        try {
          return { name: r.name, ...(await r.check()) };
        } catch (err) {
          return { name: r.name, ok: false, detail: err instanceof Error ? err.message : 'check failed' };
        }
      }),
    );
    const ok = !closing && results.every((r) => r.ok);
    if (ok !== lastReady) {
      // Details go to the log, once per change, not to whoever asks.
      if (ok) deps.log.info({ event: 'readiness.changed', ready: true }, 'ready');
      else deps.log.warn({ event: 'readiness.changed', ready: false, closing, checks: results }, 'not ready');
      lastReady = ok;
    }
    const status = ok ? 'ready' : 'not ready';
    const detailed = deps.readinessToken !== undefined && bearerMatches(header(req, 'authorization'), deps.readinessToken);
    reply(res, ok ? 200 : 503, detailed ? { status, checks: results } : { status });
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    async close(timeoutMs = 10_000) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => drained.push(r)), new Promise((r) => setTimeout(r, timeoutMs))]);
      }
      // Idle keep-alive sockets would hold close() open.
      (server.server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 2_000))]);
    },
    route(def) {
      server.get(def.path, async (req: restify.Request, res: restify.Response) => {
        try {
          const out = await def.handle({
            params: (req.params ?? {}) as Record<string, string>,
            query: (req.query ?? {}) as Record<string, string>,
          });
          res.writeHead(out.status, { 'cache-control': 'no-store', ...(out.headers ?? {}) });
          res.end(out.body);
        } catch (err) {
          deps.log.error({ err, path: def.path }, 'route failed');
          if (!res.headersSent) reply(res, 500);
        }
      });
    },
  };
}

function reply(res: restify.Response, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status, { 'content-length': '0' });
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(json)) });
  res.end(json);
}

function header(req: restify.Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** application/json, optionally with charset=utf-8 (what Teams sends). */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** Reads the body as UTF-8, stopping as soon as it exceeds `limit` bytes. */
function readBody(req: restify.Request, limit: number): Promise<string | 'too large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: string | 'too large' | 'aborted') => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        settle('too large');
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(Buffer.concat(chunks).toString('utf8')));
    req.once('error', () => settle('aborted'));
    req.once('close', () => settle(req.complete ? Buffer.concat(chunks).toString('utf8') : 'aborted'));
  });
}

function bearerMatches(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
