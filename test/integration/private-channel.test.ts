import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createdChat, GENERAL, sentJson, solhoejMembers, startHttpBot, type HttpBot } from '../support/http-bot.js';

/**
 * A TRIO channel that is a private channel (the manifest declares privateChannels). Teams
 * gives a private channel its own conversation id and its own, smaller roster (here only
 * the leader, TR and AMR), inside the staff's team. The Agents Playground cannot show this
 * (it makes every channel standard, with the whole team as members), so the bot is driven
 * over HTTP with Teams-shaped activities, and the connector double has both rosters.
 */
const PRIVATE = '19:solhoej-trio-privat@thread.tacv2';
const people = {
  lone: { ...solhoejMembers.lone, roles: [] },
  tobias: { ...solhoejMembers.tobias, roles: [] },
  amira: { ...solhoejMembers.amira, roles: [] },
  mads: { ...solhoejMembers.mads, roles: [] },
  sofie: { ...solhoejMembers.sofie, roles: [] },
};
type Key = keyof typeof people;
const entry = (k: Key) => ({ id: `29:${k}`, name: people[k].name, aadObjectId: people[k].aad });
const clock = new ManualClock('2026-12-02T09:00:00Z');
let bot: HttpBot<Key, 'trio'>;

beforeAll(async () => {
  bot = await startHttpBot({
    clock,
    people,
    channels: { trio: { id: PRIVATE, team: GENERAL } },
    workplaces: [],
    env: { BOOTSTRAP_LEADERS: people.lone.aad },
  });
  bot.connector.configure({
    members: {
      [GENERAL]: (['lone', 'tobias', 'amira', 'mads', 'sofie'] as const).map(entry), // the team
      [PRIVATE]: (['lone', 'tobias', 'amira'] as const).map(entry), // the private channel
    },
  });
});
afterAll(() => bot?.stop());

describe('a private TRIO channel', () => {
  it('is set up under its own conversation id, inside its team', async () => {
    expect(sentJson(await bot.say('lone', 'trio', 'opsætning trio Bostedet Solhøj'))).toContain('Bostedet Solhøj');
    const channel = await bot.app.ctx.workplaces.channel(PRIVATE);
    expect(channel).toMatchObject({ forum: 'trio' });
    const workplace = await bot.app.ctx.workplaces.get(channel!.workplaceId);
    expect(workplace?.trio).toEqual({ conversationId: PRIVATE, teamId: GENERAL });
  });

  it("offers roles to the whole team's roster, not only to the private channel's members", async () => {
    const card = sentJson(await bot.say('lone', 'trio', 'roller'));
    for (const k of ['tobias', 'amira', 'mads', 'sofie'] as const) expect(card).toContain(people[k].name);
  });

  it('gets proactive posts in the private channel itself, and reaches staff outside it in their personal chat', async () => {
    const { workplaceId, workplaceName } = (await bot.app.ctx.workplaces.channel(PRIVATE))!;
    await bot.app.ctx.workplaces.upsertMember({ workplaceId, workplaceName, aadObjectId: people.mads.aad, teamsUserId: '29:mads', name: people.mads.name, roles: ['medarbejder'] });
    bot.app.engine.register({ kind: 'test.private', render: async (job) => ({ text: `Besked til ${job.target.kind}` }) });
    await bot.app.ctx.scheduler.schedule({ key: 'test:private:channel', kind: 'test.private', workplaceId, target: { kind: 'channel', conversationId: PRIVATE }, dueAt: clock.now() });
    await bot.app.ctx.scheduler.schedule({ key: 'test:private:mads', kind: 'test.private', workplaceId, target: { kind: 'user', aadObjectId: people.mads.aad }, dueAt: clock.now() });
    const { report, sent } = await bot.tick();
    expect(report).toMatchObject({ sent: 2, failed: 0 });
    // The channel post goes to the private channel's conversation (a new thread), not to the team's General.
    expect(sent.find((r) => r.activity.text === 'Besked til channel')?.conversationId).toBe(PRIVATE);
    expect(bot.connector.sentTo(GENERAL)).toHaveLength(0);
    // Mads is not in the private channel: the bot opens his personal chat through the team.
    expect(bot.connector.created().map((c) => c.members[0]?.id)).toContain('29:mads');
    expect(bot.connector.sentTo(createdChat('mads')).map((r) => r.activity.text)).toEqual(['Besked til user']);
  });
});
