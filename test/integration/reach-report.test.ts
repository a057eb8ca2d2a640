import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { da } from '../../src/i18n/da.js';
import { reachText } from '../../src/i18n/reach.js';
import { classifyReach } from '../../src/reach/reach.js';
import { GENERAL, solhoejTeam, startHttpBot, WP, type HttpBot } from '../support/http-bot.js';

/**
 * The reach report in a leader's `status`: through HTTP, the real outbox and the connector
 * double, whose team roster leaves Nadia out. Each way of being unreachable is produced
 * the way Teams produces it: a 403 on a send, an uninstall event, not being in the team.
 */
const clock = new ManualClock('2026-12-02T09:00:00Z');
const people = solhoejTeam('lone', 'tobias', 'amira', 'mads', 'sofie', 'nadia');
type Key = keyof typeof people;
let bot: HttpBot<Key, 'trio'>;
const inTeam: Key[] = ['lone', 'tobias', 'amira', 'mads', 'sofie'];

beforeAll(async () => {
  bot = await startHttpBot({ clock, people });
  bot.connector.configure({ members: { [GENERAL]: inTeam.map((k) => ({ id: `29:${k}`, name: people[k].name, aadObjectId: people[k].aad })) } });
  // Lone, Tobias, Mads and Sofie have written to the bot; Amira and Nadia never have.
  for (const who of ['lone', 'tobias', 'mads', 'sofie'] as const) await bot.say(who, 'personal', 'hjælp');
  // Sofie blocks the bot: the next message to her gets 403.
  bot.app.engine.register({ kind: 'test.reach', render: async () => ({ text: 'Husk personalemødet.' }) });
  await bot.app.ctx.scheduler.schedule({ key: 'test:reach:sofie', kind: 'test.reach', workplaceId: WP, target: { kind: 'user', aadObjectId: people.sofie.aad }, dueAt: clock.now() });
  bot.connector.block('a:personal-sofie');
  expect((await bot.tick()).report.blocked).toBe(1);
  // Tobias removes the app from his personal apps.
  await bot.post(bot.activity('tobias', 'personal', { type: 'installationUpdate', action: 'remove' }));
});
afterAll(() => bot?.stop());

const statusOf = async (who: Key) => (await bot.say(who, 'personal', 'status')).sent.map((r) => String(r.activity.text ?? '')).join('\n');

describe('reach report in status', () => {
  it('tells the leader who cannot be reached and why, and who has no chat yet', async () => {
    const text = await statusOf('lone');
    expect(text).toContain(reachText.header(3, 6)); // Lone, Mads, and Amira (in the team, chat opened on demand)
    expect(text).toContain(reachText.cannot(3));
    expect(text).toContain(reachText.line(people.nadia.name, reachText.why.notInTeam));
    expect(text).toContain(reachText.line(people.sofie.name, reachText.why.blocked));
    expect(text).toContain(reachText.line(people.tobias.name, reachText.why.uninstalled));
    expect(text).toContain(reachText.noChatHeader(1));
    expect(text).toContain(reachText.names([people.amira.name]));
    expect(text).toContain(reachText.howToFix);
    expect(text).not.toContain(reachText.rosterUnknown);
    for (const fine of ['lone', 'mads'] as const) expect(text).not.toContain(`- ${people[fine].name}:`);
  });

  it('says so when the team roster cannot be read, instead of calling everyone outside the team', async () => {
    bot.connector.notFound(GENERAL);
    const text = await statusOf('lone');
    expect(text).toContain(reachText.rosterUnknown);
    expect(text).not.toContain(reachText.why.notInTeam);
    expect(text).toContain(reachText.line(people.sofie.name, reachText.why.blocked));
  });

  it('is for leaders only', async () => {
    const text = await statusOf('mads');
    expect(text).toContain(da.notAllowed);
    expect(text).not.toContain(people.nadia.name);
  });
});

describe('classifyReach', () => {
  it('puts a blocked or removed chat before team membership, and trusts no roster it could not read', () => {
    const team = new Set(['a']);
    const facts = [
      { aadObjectId: 'a', name: 'A', chat: { active: true } },
      { aadObjectId: 'b', name: 'B', chat: { active: false, inactiveReason: 'MessageWritesBlocked' } },
      { aadObjectId: 'c', name: 'C', chat: { active: false, inactiveReason: 'uninstalled' } },
      { aadObjectId: 'd', name: 'D' },
      { aadObjectId: 'A', name: 'A2' },
    ];
    expect(classifyReach(facts, team).map((e) => e.state)).toEqual(['reachable', 'blocked', 'uninstalled', 'notInTeam', 'noChat']);
    expect(classifyReach(facts, undefined).map((e) => e.state)).toEqual(['reachable', 'blocked', 'uninstalled', 'noChat', 'noChat']);
  });
});
