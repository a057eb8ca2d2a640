import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/log.js';
import { noTelemetry } from '../../src/core/telemetry.js';
import { startTelemetry } from '../../src/telemetry/setup.js';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';

/** The Telemetry port's OpenTelemetry implementation, exported over OTLP/HTTP to a local receiver. */
let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver?.close());

const quiet = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));

describe('telemetry exporter', () => {
  it('records nothing and loads no OpenTelemetry without an exporter', async () => {
    expect(await startTelemetry(loadConfig({}), quiet)).toBe(noTelemetry);
  });

  it('exports nested spans, counters, histograms and gauges over OTLP/HTTP', async () => {
    const telemetry = await startTelemetry(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/`, OTEL_METRIC_EXPORT_INTERVAL: '60000', OTEL_SERVICE_NAME: 'trio-test' }), quiet);
    expect(telemetry).not.toBe(noTelemetry);
    let backlog = 7;
    telemetry.observe('backlog', async () => backlog);
    await telemetry.span('job', { 'trio.job.kind': 'actions.due' }, async (job) => {
      await telemetry.span('send', { 'trio.send.scope': 'user' }, async (send) => {
        send.set({ 'trio.send.outcome': 'sent', 'trio.send.attempts': 2 });
      });
      job.set({ 'trio.job.outcome': 'sent' });
    });
    await expect(telemetry.span('turn', { 'trio.activity.type': 'message' }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    telemetry.count('messagesSent', 1, { kind: 'actions.due' });
    telemetry.count('messagesSent', 2, { kind: 'actions.due' });
    telemetry.count('throttled');
    telemetry.record('reminderLag', 42, { kind: 'actions.due' });
    telemetry.record('turnDuration', 12.5);
    backlog = 3;
    await telemetry.shutdown(); // flushes both exporters

    await receiver.until(() => receiver.spans.length >= 3 && receiver.points.some((p) => p.metric === 'trio.outbox.backlog'));
    expect(receiver.requests.every((r) => r.contentType.startsWith('application/json'))).toBe(true);
    const job = receiver.spans.find((s) => s.name === 'job')!;
    const send = receiver.spans.find((s) => s.name === 'send')!;
    expect(job.attributes).toMatchObject({ 'trio.job.kind': 'actions.due', 'trio.job.outcome': 'sent' });
    expect(send.parentSpanId).toBe(job.spanId);
    expect(send.traceId).toBe(job.traceId);
    expect(send.attributes).toMatchObject({ 'trio.send.outcome': 'sent', 'trio.send.attempts': 2 });
    expect(job.resource['service.name']).toBe('trio-test');
    const turn = receiver.spans.find((s) => s.name === 'turn')!;
    expect(turn.status).toBe(2); // ERROR
    expect(turn.parentSpanId).toBeUndefined();

    expect(receiver.total('trio.messages.sent', { kind: 'actions.due' })).toBe(3);
    expect(receiver.total('trio.connector.throttled')).toBe(1);
    const lag = receiver.points.find((p) => p.metric === 'trio.reminder.lag')!;
    expect(lag).toMatchObject({ kind: 'histogram', unit: 's', value: 42, count: 1 });
    expect(receiver.points.find((p) => p.metric === 'trio.turn.duration')).toMatchObject({ unit: 'ms', value: 12.5 });
    expect(receiver.points.find((p) => p.metric === 'trio.outbox.backlog')).toMatchObject({ kind: 'gauge', value: 3 });
  });

  it('refuses a bad exporter setting with the variable named', () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT.*OTLP\/HTTP collector/);
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'abc' })).toThrow(/APPLICATIONINSIGHTS_CONNECTION_STRING.*InstrumentationKey/);
  });
});
