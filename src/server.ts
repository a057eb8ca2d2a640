import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from './core/log.js';
import type { RouteDef } from './core/feature.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: unknown }>;
}

export interface HttpServer {
  readonly server: restify.Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting requests and waits (bounded) for turns in flight. */
  close(timeoutMs?: number): Promise<void>;
  /** Routes added by features (e.g. signed downloads). */
  route(def: RouteDef): void;
}

/**
 * restify with the Bot Framework endpoint, health and readiness. Transport only:
 * every decision happens in the bot and the features behind it.
 */
export function createHttpServer(deps: {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: Logger;
  readiness: ReadinessCheck[];
}): HttpServer {
  // restify's own bunyan-style logger is replaced by ours through events below.
  const server = restify.createServer({ name: 'trio-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  let inFlight = 0;
  let closing = false;
  const drained: (() => void)[] = [];

  server.post('/api/messages', async (req, res) => {
    if (closing) {
      res.send(503, { error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (err) {
      deps.log.error({ err }, 'request failed');
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight--;
      if (inFlight === 0) drained.splice(0).forEach((f) => f());
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      deps.readiness.map(async (r) => {
        try {
          return { name: r.name, ...(await r.check()) };
        } catch (err) {
          return { name: r.name, ok: false, detail: String(err) };
        }
      }),
    );
    const ok = !closing && results.every((r) => r.ok);
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', checks: results });
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
          if (!res.headersSent) res.send(500);
        }
      });
    },
  };
}
