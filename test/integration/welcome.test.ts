import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { CardJson } from '../../src/core/types.js';
import { welcomeFor, workplacesFeature } from '../../src/workplaces/feature.js';
import { readable, fakeTurn, textOf } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

/**
 * The welcome card where it is shown (issue 12 point 8, issue 21 point 9): a registered
 * channel is told what it is and offers no registration, a group chat offers nothing it
 * would refuse, and an old "Gør kanalen til TRIO-kanal" answers with the channel as it is.
 */
const TRIO = '19:trio@thread.tacv2';
const NEW = '19:ny@thread.tacv2';
const clock = new ManualClock('2026-11-24T09:00:00Z');
const rig = featureRig(clock, (deps) => workplacesFeature(deps));
const welcome = welcomeFor(rig);
const buttons = (card: CardJson | undefined) => ((card?.actions as { title: string; verb?: string }[] | undefined) ?? []).map((a) => a.verb);
const inputs = (card: CardJson | undefined) => JSON.stringify(card?.body ?? []).match(/"type":"Input\.[A-Za-z]+"/g) ?? [];

beforeAll(async () => {
  await rig.ready();
  await seedWorkplace(rig.workplaces, { id: 'bostedet-solhoej', name: 'Bostedet Solhøj', createdBy: 'u-lone', links: [{ forum: 'trio', conversationId: TRIO, teamId: 'team-1' }] }, [
    { aadObjectId: 'u-lone', teamsUserId: '29:lone', name: 'Lone Leder', roles: ['leder'] },
  ]);
});

describe('the welcome card', () => {
  it('in a new channel offers to register it, with the name field labelled and <arbejdssted> kept', async () => {
    const msg = await welcome({ scope: 'channel', conversationId: NEW, teamId: 'team-1' });
    expect(buttons(msg.card)).toEqual(['setup.register', 'setup.register']);
    expect(readable(textOf(msg))).toContain('@TRIO-bot opsætning trio <arbejdssted>');
    expect(textOf(msg)).toContain('vælg **TRIO-bot** på listen');
  });

  it('in a registered channel says what it is and offers no registration', async () => {
    const msg = await welcome({ scope: 'channel', conversationId: TRIO, teamId: 'team-1' });
    expect(textOf(msg)).toContain('Denne kanal er TRIO-kanal for **Bostedet Solhøj**');
    expect(buttons(msg.card)).toEqual([]);
    expect(inputs(msg.card)).toEqual([]);
  });

  it('in a group chat offers no button the group chat would refuse, and says how to mention the bot', async () => {
    const msg = await welcome({ scope: 'groupChat', conversationId: '19:gruppe@thread.v2' });
    expect(buttons(msg.card)).toEqual([]);
    expect(inputs(msg.card)).toEqual([]);
    expect(textOf(msg)).toContain('sættes op i en kanal i jeres team');
    expect(textOf(msg)).toContain('vælg **TRIO-bot** på listen');
  });

  it('pressed again in a registered channel, an old card shows the channel as it is, without "nu" and without next steps', async () => {
    const turn = fakeTurn({ where: { scope: 'channel', conversationId: TRIO, teamId: 'team-1' }, aadObjectId: 'u-lone' });
    const outcome = await rig.dispatcher.handleAction(turn, 'setup.register', { verb: 'setup.register', forum: 'trio', name: 'Bostedet Solhøj' }, { source: 'execute' });
    expect(outcome.rejected).toBeUndefined();
    const text = textOf({ card: outcome.card! });
    expect(text).toContain('Denne kanal var allerede TRIO-kanal for **Bostedet Solhøj**. Der er ikke ændret noget.');
    expect(text).not.toMatch(/er nu TRIO-kanal|Næste skridt/);
    expect(buttons(outcome.card)).toEqual([]);
    const events = await rig.events.list('bostedet-solhoej', { type: 'setup.channelRegistered' });
    expect(events).toEqual([]);
  });
});
