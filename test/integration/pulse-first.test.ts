/**
 * The first trivselspuls of a workplace is announced to its leaders before it goes out
 * (issue 12, point 6): roles saved on a Tuesday do not send Monday's round minutes later;
 * the leaders are told privately when it goes out and to how many, and can start it now
 * or postpone it a week; both are made once however often they are pressed. Through the
 * real dispatcher, the pulse's tick and Azurite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { CardJson, OutMessage, Role } from '../../src/core/types.js';
import { pulseFeature } from '../../src/pulse/feature.js';
import { PulseService } from '../../src/pulse/service.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const aad = (who: string) => `aad-${who}`;
const SOLBAKKEN: [string, Role][] = [['birgit', 'leder'], ['kasper', 'leder'], ['rikke', 'TR'], ['sune', 'AMR'], ['dorthe', 'medarbejder'], ['jamal', 'medarbejder'], ['lise', 'medarbejder']];
const ENGEN: [string, Role][] = [['hanne', 'leder'], ['ole', 'TR'], ['pia', 'medarbejder']];

const clock = new ManualClock('2026-11-24T09:00:00Z'); // Tuesday 10.00 in Copenhagen: Monday's round is a day old
const rig = featureRig(clock, pulseFeature);
const svc = new PulseService(rig);
const tick = () => rig.recurring('pulse.tick').run(clock.now());
const personal = (who: string) => fakeTurn({ aadObjectId: aad(who), name: who, where: { scope: 'personal', conversationId: `a:${who}` }, now: clock.now() });
const say = async (who: string, text: string) => {
  const turn = personal(who);
  await rig.dispatcher.handleText(turn, text);
  return turn.replies.map((r) => textOf(r)).join('\n');
};
const press = (who: string, verb: string, data: Json) => rig.dispatcher.handleAction(personal(who), verb, { verb, ...data }, { source: 'execute' });
const firstJobs = async (wp: string) => (await rig.pending(wp)).filter((j) => j.kind === 'pulse.first');
const notice = async (wp: string, who: string): Promise<CardJson> => {
  const job = (await firstJobs(wp)).find((j) => j.target.kind === 'user' && j.target.aadObjectId === aad(who));
  expect(job, `a notice to ${who}`).toBeDefined();
  const msg = (await rig.handler('pulse.first').render(job!, clock.now())) as OutMessage | null;
  expect(msg?.card).toBeDefined();
  return msg!.card!;
};
const buttons = (card: CardJson) => ((card as Json).actions ?? []).map((a: Json) => ({ title: a.title, verb: a.verb, data: a.data }));
const settingsOf = async (wp: string) => svc.settingsFor((await rig.workplaces.get(wp))!);

beforeAll(async () => {
  await rig.ready();
  await seed('solbakken', 'Botilbuddet Solbakken', SOLBAKKEN);
});

async function seed(id: string, name: string, people: [string, Role][]) {
  const members = people.map(([who, role]) => ({ aadObjectId: aad(who), teamsUserId: `29:${who}`, name: who, roles: [role] }));
  await seedWorkplace(rig.workplaces, { id, name, createdBy: aad(people[0]![0]), links: [{ forum: 'trio', conversationId: `19:trio-${id}@thread.tacv2`, teamId: 'team' }] }, members);
}

describe('the first round of a workplace', () => {
  it('roles saved on a Tuesday: Monday\'s round is not sent now; every leader, and only a leader, is told when it goes out', async () => {
    await tick();
    expect(await svc.rounds('solbakken')).toEqual([]);
    expect((await settingsOf('solbakken')).startsOn).toBe('2026-11-30');
    const jobs = await firstJobs('solbakken');
    expect(jobs.map((j) => (j.target.kind === 'user' ? j.target.aadObjectId : '')).sort()).toEqual([aad('birgit'), aad('kasper')]);
    const card = await notice('solbakken', 'birgit');
    expect(textOf({ card })).toContain('Den første trivselspuls sendes 30. november 2026 kl. 09.00 til 7 personer på arbejdsstedet.');
    expect(textOf({ card })).toContain('kun når mindst 5 har svaret');
    expect(buttons(card)).toEqual([
      { title: 'Start nu', verb: 'pulse.start', data: expect.objectContaining({ workplaceId: 'solbakken' }) },
      { title: 'Udskyd en uge', verb: 'pulse.postpone', data: expect.objectContaining({ workplaceId: 'solbakken', startsOn: '2026-12-07' }) },
    ]);
    expect(await say('dorthe', 'trivsel')).toBe('Der er ingen åben trivselspuls på Botilbuddet Solbakken lige nu. Den næste sendes 30. november 2026 kl. 09.00.');
  });

  it('a second tick announces nothing more', async () => {
    clock.set('2026-11-24T12:00:00Z');
    await tick();
    expect((await firstJobs('solbakken')).length).toBe(2);
  });

  it('"Udskyd en uge" pressed twenty times postpones once, and only a leader may', async () => {
    const card = await notice('solbakken', 'kasper');
    const postpone = buttons(card).find((b: Json) => b.verb === 'pulse.postpone')!.data;
    const refused = await press('rikke', 'pulse.postpone', postpone);
    expect(refused.rejected).toBe(true);
    expect((await settingsOf('solbakken')).startsOn).toBe('2026-11-30');
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => press('kasper', 'pulse.postpone', postpone)));
    expect(outcomes.filter((o) => o.rejected)).toEqual([]);
    expect(outcomes.map((o) => o.message?.text)).toEqual(Array(20).fill('Den første trivselspuls er udskudt til 7. december 2026 kl. 09.00.'));
    expect((await settingsOf('solbakken')).startsOn).toBe('2026-12-07');
    // The older card pressed again (the same day) changes nothing; the new card offers the week after.
    await press('birgit', 'pulse.postpone', postpone);
    expect((await settingsOf('solbakken')).startsOn).toBe('2026-12-07');
    expect(buttons((await press('birgit', 'pulse.postpone', postpone)).card!).find((b: Json) => b.verb === 'pulse.postpone')!.data.startsOn).toBe('2026-12-14');
  });

  it('the postponed Monday comes and goes without a round', async () => {
    clock.set('2026-11-30T07:30:00Z');
    await tick();
    expect(await svc.rounds('solbakken')).toEqual([]);
    expect(await say('lise', 'trivsel')).toContain('Den næste sendes 7. december 2026 kl. 09.00.');
  });

  it('"Start nu" pressed twenty times opens one round with one card per person, and the weekly rhythm goes on', async () => {
    clock.set('2026-12-01T13:00:00Z'); // Tuesday 14.00
    const card = await notice('solbakken', 'birgit');
    const start = buttons(card).find((b: Json) => b.verb === 'pulse.start')!.data;
    expect((await press('jamal', 'pulse.start', start)).rejected).toBe(true);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => press('birgit', 'pulse.start', start)));
    const rounds = await svc.rounds('solbakken');
    expect(rounds.map((r) => [r.id, r.opensAt.toISOString(), r.closesAt.toISOString()])).toEqual([['2026-W49', '2026-12-01T13:00:00.000Z', '2026-12-07T08:00:00.000Z']]);
    const texts = outcomes.map((o) => o.message?.text ?? '');
    expect(texts.filter((t) => t.startsWith('Trivselspulsen for uge 49 er sendt ud nu og er åben til 7. december 2026 kl. 09.00.')).length).toBeGreaterThanOrEqual(1);
    expect(texts.filter((t) => !/er sendt ud nu|er allerede i gang/.test(t))).toEqual([]);
    const cards = (await rig.pending('solbakken')).filter((j) => j.kind === 'pulse.card');
    expect(cards.length).toBe(7);
    expect(new Set(cards.map((j) => (j.target.kind === 'user' ? j.target.aadObjectId : ''))).size).toBe(7);
    // The notice now says that it went out, and offers nothing.
    const after = await notice('solbakken', 'kasper');
    expect(textOf({ card: after })).toContain('Den første trivselspuls (uge 49) er sendt til 7 personer på arbejdsstedet og er åben til 7. december 2026 kl. 09.00.');
    expect(buttons(after)).toEqual([]);
    expect(await say('lise', 'trivsel')).toContain('Ugens trivselspuls, uge 49');
    // The next Monday the started round closes and the regular one opens.
    clock.set('2026-12-07T08:10:00Z');
    await tick();
    expect((await svc.rounds('solbakken')).map((r) => [r.id, r.status])).toEqual([['2026-W49', 'closed'], ['2026-W50', 'open']]);
  });

  it('a workplace whose opening is due within the hour: the round is ready and the notice says when it goes out, without buttons', async () => {
    clock.set('2026-12-14T07:00:00Z'); // Monday 08.00: Engen's roles are saved; its first round opens 09.00
    await seed('engen', 'Bostedet Engen', ENGEN);
    await tick();
    expect((await svc.rounds('engen')).map((r) => r.id)).toEqual(['2026-W51']);
    const card = await notice('engen', 'hanne');
    expect(textOf({ card })).toContain('Den første trivselspuls sendes 14. december 2026 kl. 09.00 til 3 personer på arbejdsstedet og er åben til 21. december 2026 kl. 09.00.');
    expect(buttons(card)).toEqual([]);
    expect((await press('hanne', 'pulse.postpone', { workplaceId: 'engen', startsOn: '2026-12-21' })).message?.text).toBe('Trivselspulsen for uge 51 er allerede i gang og er åben til 21. december 2026 kl. 09.00.');
    expect((await settingsOf('engen')).startsOn).toBe('2026-12-14');
  });
});
