import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OTLP/HTTP collector: accepts what the bot's exporters post to /v1/traces and
 * /v1/metrics (OTLP JSON) and keeps it, flattened, for assertions.
 */
export type Value = string | number | boolean;

export interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, Value>;
  status?: number;
  resource: Record<string, Value>;
}

export interface ReceivedPoint {
  metric: string;
  unit: string;
  kind: 'sum' | 'histogram' | 'gauge';
  /** Sum or gauge value; for a histogram the sum of the recorded values. */
  value: number;
  /** Histograms: how many values were recorded. */
  count?: number;
  attributes: Record<string, Value>;
}

export interface OtlpReceiver {
  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
  url: string;
  spans: ReceivedSpan[];
  points: ReceivedPoint[];
  /** Raw request paths and content types, in order. */
  requests: { path: string; contentType: string }[];
  /** Resolves when `test` holds for what has arrived (polled on each request). */
  until(test: () => boolean, timeoutMs?: number): Promise<void>;
  /** The sum over all data points of a metric (cumulative counters: the latest point per attribute set). */
  total(metric: string, attributes?: Record<string, Value>): number;
  close(): Promise<void>;
}

type AnyValue = { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean };
type KeyValue = { key: string; value: AnyValue };

const attrs = (list: KeyValue[] | undefined): Record<string, Value> =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.doubleValue ?? value.boolValue ?? '')]));

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const points: ReceivedPoint[] = [];
  const requests: OtlpReceiver['requests'] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', contentType: String(req.headers['content-type'] ?? '') });
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any[]>;
        if (req.url === '/v1/traces') {
          for (const rs of body.resourceSpans ?? []) {
            const resource = attrs(rs.resource?.attributes);
            for (const ss of rs.scopeSpans ?? []) {
              for (const s of ss.spans ?? []) {
                spans.push({ name: s.name, traceId: s.traceId, spanId: s.spanId, ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}), attributes: attrs(s.attributes), status: s.status?.code, resource });
              }
            }
          }
        } else if (req.url === '/v1/metrics') {
          for (const rm of body.resourceMetrics ?? []) {
            for (const sm of rm.scopeMetrics ?? []) {
              for (const m of sm.metrics ?? []) {
                const kind = m.sum ? 'sum' : m.histogram ? 'histogram' : 'gauge';
                for (const dp of (m.sum ?? m.histogram ?? m.gauge)?.dataPoints ?? []) {
                  const value = kind === 'histogram' ? Number(dp.sum ?? 0) : Number(dp.asInt ?? dp.asDouble ?? 0);
                  points.push({ metric: m.name, unit: m.unit ?? '', kind, value, ...(kind === 'histogram' ? { count: Number(dp.count) } : {}), attributes: attrs(dp.attributes) });
                }
              }
            }
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      } catch {
        res.writeHead(400);
        res.end();
      }
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const matches = (p: ReceivedPoint, a?: Record<string, Value>) => !a || Object.entries(a).every(([k, v]) => p.attributes[k] === v);
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    points,
    requests,
    until(test, timeoutMs = 20_000) {
      if (test()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`OTLP data did not arrive in ${timeoutMs} ms: ${spans.length} spans, metrics ${[...new Set(points.map((p) => p.metric))].join(', ')}`));
        }, timeoutMs);
        const check = () => {
          if (!test()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    total(metric, attributes) {
      // Cumulative temporality: every export repeats the running total, so take the last point per attribute set.
      const latest = new Map<string, ReceivedPoint>();
      for (const p of points) if (p.metric === metric && matches(p, attributes)) latest.set(JSON.stringify(p.attributes), p);
      return [...latest.values()].reduce((sum, p) => sum + p.value, 0);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
