import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnBot } from '../support/bot-process.js';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double.js';
import { selfSignedCertificate } from '../support/entra.js';

/**
 * APPLICATIONINSIGHTS_CONNECTION_STRING: the bot process (the real @azure/monitor-opentelemetry
 * distro) exports to an Application Insights ingestion double over HTTPS (the exporter
 * speaks HTTPS only; the bot trusts the double's certificate through NODE_EXTRA_CA_CERTS).
 */
const dir = mkdtempSync(join(tmpdir(), 'trio-appinsights-'));
let tls: ReturnType<typeof selfSignedCertificate>;
let ingestion: Server;
let port: number;
let connector: ConnectorDouble;
const received: { path: string; items: { name?: string; data?: { baseData?: { name?: string; metrics?: { name: string }[] } } }[] }[] = [];

beforeAll(async () => {
  tls = selfSignedCertificate(dir);
  ingestion = createServer({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8').trim();
      // The track endpoint takes a JSON array (or newline-delimited JSON).
      const items = text.startsWith('[') ? (JSON.parse(text) as []) : text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as never);
      received.push({ path: req.url ?? '', items });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', resolve));
  port = (ingestion.address() as AddressInfo).port;
  connector = await startConnectorDouble();
});
afterAll(async () => {
  await connector?.stop();
  await new Promise<void>((resolve) => (ingestion ? ingestion.close(() => resolve()) : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('telemetry to Application Insights', () => {
  it('exports the turn span and the turn duration through the Azure Monitor distro', async () => {
    const endpoint = `https://127.0.0.1:${port}/`;
    const p = spawnBot({
      env: {
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-00000000a1a1;IngestionEndpoint=${endpoint};LiveEndpoint=${endpoint}`,
        NODE_EXTRA_CA_CERTS: tls.cert,
        STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'),
        TABLE_PREFIX: `ai${randomBytes(4).toString('hex')}`,
      },
    });
    try {
      expect((await p.waitFor('telemetry.started')).exporters).toEqual(['applicationInsights']);
      const { port: botPort } = await p.waitFor('http.listening');
      const activity = {
        type: 'message',
        id: 'ai-1',
        text: 'hjælp',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: '29:mads', aadObjectId: '1d6f2bad-7e25-44e6-adbc-b35517fc5e04', name: 'Mads Medarbejder' },
        recipient: { id: '28:bot', name: 'TRIO-bot' },
        conversation: { id: 'a:personal-mads', conversationType: 'personal', tenantId: 'tenant' },
        channelData: { tenant: { id: 'tenant' } },
      };
      const res = await fetch(`http://127.0.0.1:${botPort as number}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBe(200);
      await connector.waitForSent(1);
    } finally {
      expect(await p.stop()).toBe(0); // shutdown flushes the exporters
    }
    const items = received.filter((r) => r.path === '/v2.1/track').flatMap((r) => r.items);
    const dependencies = items.filter((i) => i.name === 'Microsoft.ApplicationInsights.RemoteDependency').map((i) => i.data?.baseData?.name);
    expect(dependencies).toContain('turn');
    const metricNames = items.filter((i) => i.name === 'Microsoft.ApplicationInsights.Metric').flatMap((i) => i.data?.baseData?.metrics?.map((m) => m.name) ?? []);
    expect(metricNames).toContain('trio.turn.duration');
    expect(JSON.stringify(items)).not.toContain('a:personal-mads'); // no conversation ids (HTTP auto-instrumentation is off)
  }, 90_000); // a process that loads the whole Azure Monitor distro: ~10 s here, several times that on a busy machine
});
