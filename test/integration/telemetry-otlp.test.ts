import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { solhoejTeam, startHttpBot, type HttpBot } from '../support/http-bot.js';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';

/**
 * The whole bot with OTEL_EXPORTER_OTLP_ENDPOINT set: a turn, a card action and a
 * fan-out through the real outbox into the connector double (one 429, one blocked
 * recipient) arrive at a local OTLP receiver as spans and metrics.
 */
const clock = new ManualClock('2026-12-02T09:00:00Z'); // a Wednesday, inside working hours
const people = solhoejTeam('lone', 'mads', 'sofie', 'nadia');
let receiver: OtlpReceiver;
let bot: HttpBot<keyof typeof people, 'trio'>;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  bot = await startHttpBot({ clock, people, env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_METRIC_EXPORT_INTERVAL: '600000' } });
});
afterAll(async () => {
  await bot?.stop();
  await receiver?.close();
});

describe('telemetry over OTLP', () => {
  it('exports traces for turns, card actions, jobs and sends, and the send metrics', async () => {
    // Everyone writes once, so the bot has their personal chats.
    for (const who of ['mads', 'sofie', 'nadia'] as const) await bot.say(who, 'personal', 'hjælp');
    await bot.execute('lone', 'personal', 'no.such.verb', {});

    bot.app.engine.register({ kind: 'test.telemetry', render: async () => ({ text: 'Husk personalemødet i morgen kl. 10.00.' }) });
    const due = clock.now();
    for (const who of ['mads', 'sofie', 'nadia'] as const) {
      await bot.app.ctx.scheduler.schedule({ key: `test:telemetry:${who}`, kind: 'test.telemetry', workplaceId: 'bostedet-solhoej', target: { kind: 'user', aadObjectId: people[who].aad }, dueAt: due });
    }
    bot.connector.block('a:personal-nadia');
    bot.connector.throttleNext(1, 0);
    clock.set('2026-12-02T09:00:30Z'); // sent 30 s after they were due
    const { report } = await bot.tick();
    expect(report).toMatchObject({ sent: 2, blocked: 1 });

    await bot.stop(); // the app's shutdown flushes the exporters
    await receiver.until(() => receiver.spans.some((s) => s.name === 'send') && receiver.points.some((p) => p.metric === 'trio.messages.sent'));

    const names = new Set(receiver.spans.map((s) => s.name));
    expect([...names].sort()).toEqual(expect.arrayContaining(['card.action', 'job', 'send', 'turn']));
    const action = receiver.spans.find((s) => s.name === 'card.action')!;
    expect(action.attributes).toMatchObject({ 'trio.verb': 'unknown', 'trio.action.rejected': true });
    const turn = receiver.spans.find((s) => s.name === 'turn' && s.spanId === action.parentSpanId);
    expect(turn?.attributes).toMatchObject({ 'trio.activity.type': 'invoke', 'trio.activity.name': 'adaptiveCard/action' });
    const jobs = receiver.spans.filter((s) => s.name === 'job');
    const sends = receiver.spans.filter((s) => s.name === 'send');
    expect(jobs).toHaveLength(3);
    for (const send of sends) expect(jobs.map((j) => j.spanId)).toContain(send.parentSpanId);
    expect(sends.map((s) => s.attributes['trio.send.outcome']).sort()).toEqual(['blocked', 'sent', 'sent']);
    expect(Math.max(...sends.map((s) => Number(s.attributes['trio.send.attempts'])))).toBe(2); // the 429, then the send

    const kind = { 'trio.job.kind': 'test.telemetry' };
    expect(receiver.total('trio.messages.sent', kind)).toBe(2);
    expect(receiver.total('trio.messages.blocked', kind)).toBe(1);
    expect(receiver.total('trio.messages.failed')).toBe(0);
    expect(receiver.total('trio.connector.throttled')).toBe(1);
    expect(receiver.total('trio.messages.retried')).toBe(1);
    const lag = receiver.points.filter((p) => p.metric === 'trio.reminder.lag' && p.attributes['trio.job.kind'] === 'test.telemetry').at(-1)!;
    expect(lag.count).toBe(2);
    expect(lag.value / lag.count!).toBeGreaterThanOrEqual(30);
    const turns = receiver.points.filter((p) => p.metric === 'trio.turn.duration');
    expect(turns.find((p) => p.attributes['trio.activity.type'] === 'message')?.count).toBe(3);
    expect(turns.find((p) => p.attributes['trio.activity.type'] === 'invoke')?.count).toBe(1);
    expect(receiver.points.some((p) => p.metric === 'trio.outbox.backlog' && p.kind === 'gauge')).toBe(true);

    // No personal data: no conversation ids, AAD ids or names in any span or metric.
    const exported = JSON.stringify([receiver.spans, receiver.points]);
    for (const p of Object.values(people)) {
      expect(exported).not.toContain(p.aad);
      expect(exported).not.toContain(p.name);
    }
    expect(exported).not.toContain('a:personal-');
  });
});
