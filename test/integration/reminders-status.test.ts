import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { statusText } from '../../src/outbox/feature.js';
import type { Job } from '../../src/outbox/types.js';
import { zonedInstant } from '../../src/shared/calendar.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double.js';

const LEADER = '00000000-0000-0000-0000-00000000001e';
const EMPLOYEE = '00000000-0000-0000-0000-0000000000e1';
const BLOCKED = '00000000-0000-0000-0000-0000000000b1';
/** /readyz shows its details only with the configured token. */
const READINESS_TOKEN = 'r'.repeat(40);
const details = { headers: { authorization: `Bearer ${READINESS_TOKEN}` } };

describe('the status command and /readyz', () => {
  let connector: ConnectorDouble;
  let t: TestApp;
  const clock = new ManualClock(zonedInstant('2026-11-24', '10:00'));

  const say = async (from: string, text: string) => {
    const before = connector.sentTo(`a:dm-${from}`).length;
    const res = await fetch(`${t.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `act-${Math.random()}`,
        text,
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: `29:${from}`, aadObjectId: from, name: 'Lone' },
        recipient: { id: '28:bot', name: 'TRIO-bot' },
        conversation: { id: `a:dm-${from}`, conversationType: 'personal', tenantId: 'tenant' },
      }),
    });
    expect(res.status).toBeLessThan(300);
    for (let i = 0; i < 200 && connector.sentTo(`a:dm-${from}`).length === before; i++) await new Promise((r) => setTimeout(r, 10));
    const reply = connector.sentTo(`a:dm-${from}`).at(-1)?.activity;
    return String(reply?.text ?? JSON.stringify(reply?.attachments ?? ''));
  };

  beforeAll(async () => {
    connector = await startConnectorDouble();
    t = await startTestApp({ READINESS_TOKEN }, clock);
    const { workplaces } = t.app.ctx;
    await workplaces.create('solhoej', 'Bostedet Solhøj', LEADER);
    for (const [id, roles] of [[LEADER, ['leder']], [EMPLOYEE, ['medarbejder']], [BLOCKED, ['medarbejder']]] as const) {
      await workplaces.upsertMember({ workplaceId: 'solhoej', workplaceName: 'Bostedet Solhøj', aadObjectId: id, teamsUserId: `29:${id}`, name: id.slice(-2), roles: [...roles] });
    }
    t.app.engine.register({ kind: 'test.nudge', label: 'Påmindelse om handling', render: async () => ({ text: 'husk handlingen' }) });
    // Both users talk to the bot once, so it has their personal chats.
    await say(EMPLOYEE, 'hjælp');
    await say(BLOCKED, 'hjælp');
  });
  afterAll(async () => {
    await t.stop();
    await connector.stop();
  });

  it('shows a leader the pending and failed reminders of the workplace, without payload content', async () => {
    const target = (id: string) => ({ kind: 'user' as const, aadObjectId: id });
    const { scheduler } = t.app.ctx;
    await scheduler.schedule({ key: 's:1', kind: 'test.nudge', workplaceId: 'solhoej', target: target(EMPLOYEE), dueAt: zonedInstant('2026-11-26', '09:00'), payload: { caseId: 'H-12' } });
    await scheduler.schedule({ key: 's:2', kind: 'test.nudge', workplaceId: 'solhoej', target: target(EMPLOYEE), dueAt: zonedInstant('2026-11-27', '09:00'), payload: { caseId: 'H-13' } });
    await scheduler.schedule({ key: 's:3', kind: 'test.nudge', workplaceId: 'solhoej', target: target(BLOCKED), dueAt: clock.now() });
    connector.block(`a:dm-${BLOCKED}`);
    expect((await t.app.engine.tick(clock.now())).blocked).toBe(1);

    const text = await say(LEADER, 'status');
    expect(text).toContain('**Påmindelser for Bostedet Solhøj**');
    expect(text).toContain('Venter: 2');
    expect(text).toContain('- Påmindelse om handling: 2, næste 26. november 2026 kl. 09.00');
    expect(text).toContain('Fejlede (seneste 30 dage): 1');
    expect(text).toContain('modtageren har blokeret botten');
    expect(text).not.toContain('H-12');
  });

  it('refuses people who are not leaders', async () => {
    expect(await say(EMPLOYEE, 'status')).toContain('ikke adgang');
  });

  it('reports the scheduler on /readyz', async () => {
    const res = await fetch(`${t.url}/readyz`, details);
    const body = (await res.json()) as { checks: { name: string; ok: boolean; detail?: Record<string, unknown> }[] };
    const scheduler = body.checks.find((c) => c.name === 'scheduler');
    expect(scheduler).toMatchObject({ ok: true, detail: { cron: false, dueNow: 0, lastTick: { blocked: 1 } } });
    expect((scheduler?.detail?.handlers as string[]) ?? []).toContain('test.nudge');
  });

  it('starts and stops the cron with the app', async () => {
    const app = await startTestApp({ SCHEDULER_ENABLED: 'true', READINESS_TOKEN });
    const body = (await (await fetch(`${app.url}/readyz`, details)).json()) as { checks: { name: string; detail?: { cron?: boolean } }[] };
    expect(body.checks.find((c) => c.name === 'scheduler')?.detail?.cron).toBe(true);
    await app.stop();
  });
});

describe('statusText', () => {
  const job = (over: Partial<Job>): Job => ({
    key: 'k',
    kind: 'pulse.invite',
    workplaceId: 'w',
    target: { kind: 'user', aadObjectId: 'a' },
    dueAt: new Date('2026-11-20T08:00:00Z'),
    deliverAt: new Date('2026-11-20T08:00:00Z'),
    payload: {},
    urgent: false,
    status: 'pending',
    attempts: 0,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    ...over,
  });
  const now = new Date('2026-11-24T09:00:00Z');

  it('says so when there is nothing', () => {
    expect(statusText('Solhøj', [], (k) => k, now)).toBe('**Påmindelser for Solhøj**\n\nIngen ventende eller fejlede påmindelser.');
  });

  it('renders the heading as its own paragraph, not run into its count (issue 12)', () => {
    const html = new MarkdownIt().render(statusText('Solhøj', [job({}), job({ key: 'k2' })], () => 'Puls', now));
    expect(html).toMatch(/^<p><strong>Påmindelser for Solhøj<\/strong><\/p>\n<p>Venter: 2<\/p>\n<ul>/);
  });

  it('leaves out failures older than 30 days and caps the list', () => {
    const failed = Array.from({ length: 12 }, (_, i) => job({ key: `f${i}`, status: 'failed', lastError: 'NoConversationReference' }));
    const old = job({ status: 'failed', deliverAt: new Date('2026-09-01T08:00:00Z'), lastError: 'x' });
    const text = statusText('Solhøj', [...failed, old], () => 'Puls', now);
    expect(text).toContain('Fejlede (seneste 30 dage): 12');
    expect(text).toContain('… og 2 mere');
    expect(text).toContain('botten har ingen chat med modtageren');
  });
});
