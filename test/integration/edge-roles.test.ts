import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { GENERAL, sentJson, solhoejMembers, solhoejTeam, solhoejWorkplace, startHttpBot, TRIO_CHANNEL, WP, type HttpBot } from '../support/http-bot.js';

/**
 * Roles as the README says: the CSV export is for leder, TR and AMR; a bootstrap leader
 * can create a workplace and be its first leader, but cannot take over one that has leaders.
 */
const people = {
  ...solhoejTeam('lone', 'tobias', 'amira', 'mads'),
  // Nadia is listed in BOOTSTRAP_LEADERS and has no role anywhere.
  nadia: { ...solhoejMembers.nadia, roles: [] },
  // The only member of a workplace that has no leader.
  sofie: { ...solhoejMembers.sofie, workplace: 'tomt-sted' },
};
type Person = keyof typeof people;
const channels = {
  trio: TRIO_CHANNEL,
  fresh: { id: '19:fresh-channel@thread.tacv2', team: GENERAL },
  other: { id: '19:other-channel@thread.tacv2', team: GENERAL },
  empty: { id: '19:empty-channel@thread.tacv2', team: GENERAL },
};
type Channel = keyof typeof channels;
const clock = new ManualClock('2026-11-24T09:00:00Z');
let bot: HttpBot<Person, Channel>;

const say = async (who: Person, where: Channel, text: string) => sentJson(await bot.say(who, where, text));

beforeAll(async () => {
  bot = await startHttpBot({
    clock,
    people,
    channels,
    env: { BOOTSTRAP_LEADERS: solhoejMembers.nadia.aad, DOWNLOAD_SECRET: 's'.repeat(40) },
    workplaces: [solhoejWorkplace(), { id: 'tomt-sted', name: 'Tomt Sted', createdBy: solhoejMembers.lone.aad }],
  });
});
afterAll(() => bot?.stop());

describe('eksportér handlinger', () => {
  it('gives leder, TR and AMR a link', async () => {
    for (const who of ['lone', 'tobias', 'amira'] as const) expect(await say(who, 'trio', 'eksportér handlinger')).toContain('/downloads/handlinger/');
  });

  it('refuses a medarbejder, without a link', async () => {
    const reply = await say('mads', 'trio', 'eksportér handlinger');
    expect(reply).toContain('Det har du ikke adgang til');
    expect(reply).not.toContain('/downloads/handlinger/');
    expect(await say('mads', 'trio', 'hjælp')).not.toContain('eksportér handlinger');
  });
});

describe('a bootstrap leader', () => {
  it('cannot make themselves leader of a workplace that has leaders', async () => {
    expect(await say('nadia', 'fresh', 'opsætning trio Bostedet Solhøj')).toContain('Kun en leder af Bostedet Solhøj');
    expect(await bot.app.ctx.workplaces.member(WP, people.nadia.aad)).toBeUndefined();
    expect(await bot.app.ctx.workplaces.channel(channels.fresh.id)).toBeUndefined();
    expect((await bot.app.ctx.workplaces.get(WP))?.trio?.conversationId).toBe(TRIO_CHANNEL.id);
  });

  it("cannot move a led workplace's channel to another workplace", async () => {
    expect(await say('nadia', 'trio', 'opsætning trio Nyt Sted')).toContain('Kun en leder af Bostedet Solhøj');
    expect(await bot.app.ctx.workplaces.get('nyt-sted')).toBeUndefined();
    expect((await bot.app.ctx.workplaces.channel(TRIO_CHANNEL.id))?.workplaceId).toBe(WP);
  });

  it('creates a new workplace and becomes its first leader', async () => {
    expect(await say('nadia', 'other', 'opsætning trio Nyt Sted')).toContain('Arbejdsstedet er oprettet');
    expect((await bot.app.ctx.workplaces.member('nyt-sted', people.nadia.aad))?.roles).toEqual(['leder']);
  });

  it('becomes the first leader of a workplace that has none', async () => {
    expect((await bot.app.ctx.workplaces.membersWithRole('tomt-sted', 'leder')).length).toBe(0);
    expect(await say('nadia', 'empty', 'opsætning med Tomt Sted')).toContain('MED-kanal for **Tomt Sted**');
    expect((await bot.app.ctx.workplaces.member('tomt-sted', people.nadia.aad))?.roles).toEqual(['leder']);
  });
});
