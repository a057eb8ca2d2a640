/**
 * `trivsel` for staff in their personal chat (issue 12, point 6): the open round's card
 * again while they have not answered, and otherwise a line that says why not; in the
 * channel, that a round is open and until when. Through the real dispatcher and Azurite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { CardJson, Role } from '../../src/core/types.js';
import { pulseFeature } from '../../src/pulse/feature.js';
import type { Round } from '../../src/pulse/model.js';
import { PulseService } from '../../src/pulse/service.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const WP = 'lindely';
const TRIO = '19:trio-lindely@thread.tacv2';
const PEOPLE: [string, Role][] = [['birthe', 'leder'], ['karim', 'TR'], ['signe', 'AMR'], ['jonas', 'medarbejder'], ['maja', 'medarbejder'], ['ali', 'medarbejder']];
const aad = (who: string) => `aad-${who}`;

const clock = new ManualClock('2026-11-23T06:30:00Z'); // Monday 07:30 in Copenhagen
const rig = featureRig(clock, pulseFeature);
const svc = new PulseService(rig);
const personal = (who: string) => fakeTurn({ aadObjectId: aad(who), name: who, where: { scope: 'personal', conversationId: `a:${who}` }, now: clock.now() });
const say = async (who: string, text: string, where: 'personal' | 'trio' | 'group' = 'personal') => {
  const turn =
    where === 'personal'
      ? personal(who)
      : fakeTurn({ aadObjectId: aad(who), name: who, where: where === 'trio' ? { scope: 'channel', conversationId: TRIO, teamId: 'team' } : { scope: 'groupChat', conversationId: '19:group' }, now: clock.now() });
  await rig.dispatcher.handleText(turn, text);
  return turn.replies;
};
const answer = (who: string, round: Round) =>
  rig.dispatcher.handleAction(personal(who), 'pulse.answer', { verb: 'pulse.answer', workplaceId: WP, round: round.id, items: round.items.map((i) => i.id), q1: '4', q2: '4', q3: '4' }, { source: 'execute' });

let round: Round;

beforeAll(async () => {
  await rig.ready();
  const members = PEOPLE.map(([who, role]) => ({ aadObjectId: aad(who), teamsUserId: `29:${who}`, name: who, roles: [role] }));
  await seedWorkplace(rig.workplaces, { id: WP, name: 'Bostedet Lindely', createdBy: aad('birthe'), links: [{ forum: 'trio', conversationId: TRIO, teamId: 'team' }] }, members);
});

describe('`trivsel` in a personal chat', () => {
  it('before any round: says there is none and when the next one is sent', async () => {
    const replies = await say('jonas', 'trivsel');
    expect(replies.map((r) => r.text)).toEqual(['Der er ingen åben trivselspuls på Bostedet Lindely lige nu. Den næste sendes 23. november 2026 kl. 09.00.']);
  });

  it('while the round is open and unanswered: the card again, the same card the engine sends', async () => {
    await rig.recurring('pulse.tick').run(clock.now());
    clock.set('2026-11-24T19:00:00Z'); // Tuesday evening: a night-shift worker wants the card back
    round = (await svc.store.round(WP, '2026-W48'))!;
    for (const typed of ['trivsel', 'trivselspuls', 'Trivselspuls.']) {
      const [reply, ...rest] = await say('jonas', typed);
      expect(rest).toEqual([]);
      const card = reply!.card as Json;
      expect(textOf({ card: card as CardJson })).toContain('Ugens trivselspuls, uge 48');
      expect(card.actions[0].data).toMatchObject({ verb: 'pulse.answer', workplaceId: WP, round: '2026-W48' });
    }
    // The card from the chat can be answered.
    expect(textOf(await answer('jonas', round))).toContain('Tak for dit svar');
  });

  it('after answering: says so, and no card', async () => {
    const replies = await say('jonas', 'trivsel');
    expect(replies).toEqual([{ text: 'Du har allerede svaret på trivselspulsen for uge 48 på Bostedet Lindely. Tak!' }]);
    // Another person who has not answered still gets the card.
    expect((await say('maja', 'trivsel'))[0]!.card).toBeDefined();
  });

  it('someone who joined after the round opened: not this round, the next one', async () => {
    await rig.workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Bostedet Lindely', aadObjectId: aad('nyansat'), teamsUserId: '29:nyansat', name: 'nyansat', roles: ['medarbejder'] });
    expect((await say('nyansat', 'trivsel'))[0]!.text).toBe('Du var ikke med, da trivselspulsen for uge 48 på Bostedet Lindely blev sendt ud. Du får den næste puls.');
  });

  it('someone with no workplace is told the command is not for them, and nobody sees results in a personal chat', async () => {
    const stranger = fakeTurn({ aadObjectId: 'aad-stranger', where: { scope: 'personal', conversationId: 'a:stranger' }, now: clock.now() });
    await rig.dispatcher.handleText(stranger, 'trivsel');
    expect(textOf(stranger.replies[0])).not.toContain('Ugens trivselspuls');
    expect(stranger.replies).toHaveLength(1);
  });

  it('in a group chat, the refusal quotes the word that was typed', async () => {
    const [reply] = await say('jonas', 'trivselspuls', 'group');
    expect(reply!.text).toMatch(/^\*\*trivselspuls\*\* virker kun /);
  });
});

describe('`trivsel` in the TRIO channel', () => {
  it('says that a round is open and until when, before any result exists', async () => {
    const replies = await say('karim', 'trivsel', 'trio');
    expect(replies.map((r) => r.text)).toEqual(['Trivselspulsen for uge 48 er åben til 30. november 2026 kl. 09.00. Resultatet kommer her, når den lukker.']);
  });

  it('after closing: the results, and in a personal chat the next round', async () => {
    clock.set('2026-11-30T08:10:00Z'); // Monday 09.10: week 48 closed at 09.00
    await rig.recurring('pulse.tick').run(clock.now());
    expect(await svc.store.round(WP, '2026-W48')).toMatchObject({ status: 'closed' });
    const trio = await say('karim', 'trivsel', 'trio');
    expect(trio.some((r) => r.card && textOf(r).includes('Trivselspuls uge 48, Bostedet Lindely'))).toBe(true);
    // Week 49 opened at 09.00 today: Jonas gets its card.
    const mine = await say('jonas', 'trivsel');
    expect(textOf(mine[0])).toContain('Ugens trivselspuls, uge 49');
  });
});
