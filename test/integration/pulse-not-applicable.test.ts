/**
 * "Ikke relevant" on the pulse card: offered only where the bank says an item may not
 * apply, kept out of every mean and count, and refused where it is not offered. Through
 * the real dispatcher, store and Azurite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Role } from '../../src/core/types.js';
import { loadDefaultBank, parseBank } from '../../src/pulse/bank.js';
import { questionCard } from '../../src/pulse/cards.js';
import { pulseFeature } from '../../src/pulse/feature.js';
import type { Round } from '../../src/pulse/model.js';
import { pickItems } from '../../src/pulse/rotation.js';
import { roundTiming } from '../../src/pulse/schedule.js';
import { PulseService } from '../../src/pulse/service.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const WP = 'egely';
const TRIO = '19:trio-egely@thread.tacv2';
const STAFF = Array.from({ length: 9 }, (_, i) => `staff${i}`);
const PEOPLE: [string, Role][] = [['leader', 'leder'], ['tr', 'TR'], ['amr', 'AMR'], ...STAFF.map((w): [string, Role] => [w, 'medarbejder'])];
const aad = (who: string) => `aad-${who}`;

// A bank in which the first item asked in week 48 may not apply to everyone, and the others must be scored.
const defaults = loadDefaultBank();
const firstOfDimension = new Set([pickItems(defaults, roundTiming({ weekday: 1, time: '09:00' }, '2026-11-23').weekIndex)[0]!.id]);
const bank = parseBank({ ...structuredClone(defaults), items: defaults.items.map((i) => ({ ...i, notApplicable: firstOfDimension.has(i.id) })) });

const clock = new ManualClock('2026-11-23T06:30:00Z'); // Monday 07:30 in Copenhagen
const rig = featureRig(clock, (deps) => pulseFeature({ ...deps, bank }));
const svc = new PulseService({ ...rig, bank });
const personal = (who: string) => fakeTurn({ aadObjectId: aad(who), name: who, where: { scope: 'personal', conversationId: `a:${who}` }, now: clock.now() });
const answer = (who: string, round: Round, inputs: Json) =>
  rig.dispatcher.handleAction(personal(who), 'pulse.answer', { verb: 'pulse.answer', workplaceId: WP, round: round.id, items: round.items.map((i) => i.id), ...inputs }, { source: 'execute' });

let round: Round;

beforeAll(async () => {
  await rig.ready();
  const members = PEOPLE.map(([who, role]) => ({ aadObjectId: aad(who), teamsUserId: `29:${who}`, name: who, roles: [role] }));
  await seedWorkplace(rig.workplaces, { id: WP, name: 'Botilbuddet Egely', createdBy: aad('leader'), links: [{ forum: 'trio', conversationId: TRIO, teamId: 'team' }] }, members);
  await rig.recurring('pulse.tick').run(clock.now());
  round = (await svc.store.round(WP, '2026-W48'))!;
  clock.set('2026-11-23T08:00:00Z');
});

describe('"Ikke relevant" on the pulse card', () => {
  it('is offered only on the items whose bank entry says they may not apply', () => {
    const offered = round.items.map((i) => i.notApplicable === true);
    expect(offered).toEqual(round.items.map((i) => firstOfDimension.has(i.id)));
    expect(offered).toContain(true);
    const card = questionCard(round, { thresholds: svc.thresholdsFor({ settings: {} }) }) as Json;
    const sets = (card.body as Json[]).filter((b) => b.type === 'Container').map((c) => (c.items as Json[]).find((e) => e.type === 'Input.ChoiceSet')!);
    sets.forEach((set, i) => {
      const values = (set.choices as Json[]).map((c) => c.value);
      expect(values).toEqual(offered[i] ? ['1', '2', '3', '4', '5', 'na'] : ['1', '2', '3', '4', '5']);
      if (offered[i]) expect((set.choices as Json[]).at(-1)!.title).toBe('Ikke relevant');
    });
  });

  it('is refused on an item that does not offer it, and nothing is stored', async () => {
    const fixed = round.items.findIndex((i) => !i.notApplicable);
    expect(fixed).toBeGreaterThanOrEqual(0);
    const inputs = Object.fromEntries(round.items.map((_, i) => [`q${i + 1}`, i === fixed ? 'na' : '3']));
    const refused = await answer('staff0', round, inputs);
    expect(JSON.stringify(refused)).toContain('her kan du ikke svare \\"Ikke relevant\\"');
    expect(await svc.store.round(WP, round.id)).toMatchObject({ answered: 0 });
  });

  it('is no score: left out of the means and the counts, while the person still counts as having answered', async () => {
    const na = round.items.findIndex((i) => i.notApplicable);
    // Twelve answer. On the item that may not apply, eight say "Ikke relevant" and four give 1;
    // every other item gets 4 from everyone.
    for (const [n, [who]] of PEOPLE.entries()) {
      const inputs = Object.fromEntries(round.items.map((item, i) => [`q${i + 1}`, i === na ? (n < 8 ? 'na' : item.reversed ? '5' : '1') : item.reversed ? '2' : '4']));
      expect(textOf(await answer(who, round, inputs))).toContain('Tak for dit svar');
    }
    clock.set('2026-11-30T08:10:00Z');
    await rig.recurring('pulse.tick').run(clock.now());
    const closed = (await svc.store.round(WP, round.id))!;
    expect(closed).toMatchObject({ status: 'closed', answered: PEOPLE.length });
    const { answers } = await svc.store.answers(WP, round.id);
    const naItem = round.items[na]!;
    expect(answers.filter((a) => a.itemId === naItem.id)).toHaveLength(4);
    expect(answers).toHaveLength(4 + (round.items.length - 1) * PEOPLE.length);
    const view = await svc.results({ settings: {} }, closed);
    const shown = view.dimensions.find((d) => d.dimension === naItem.dimension)!;
    // Four scores are below the threshold of 5: the dimension is hidden, not averaged with the "Ikke relevant"s.
    expect(shown.shown).toEqual({ kind: 'hidden' });
    for (const d of view.dimensions.filter((x) => x.dimension !== naItem.dimension)) expect(d.shown).toEqual({ kind: 'value', value: 4 });
  });
});
