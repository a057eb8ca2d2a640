/**
 * The diagnosis firewall on pulse comments (issue 13, point 7): TRIO and MED read the
 * comments word for word, so a comment that names health words is held back with a
 * warning, nothing is stored, and the answer (scores and comment) comes back on the
 * warning card; only a submit that confirms exactly those terms, or a comment without
 * them, is stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Role } from '../../src/core/types.js';
import { pulseFeature } from '../../src/pulse/feature.js';
import type { Round } from '../../src/pulse/model.js';
import { PulseService } from '../../src/pulse/service.js';
import { validateCard } from '../support/card-validator.js';
import { fakeTurn } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const WP = 'solhoej';
const PEOPLE: [string, Role][] = [['lone', 'leder'], ['tobias', 'TR'], ['amira', 'AMR'], ['mads', 'medarbejder'], ['sofie', 'medarbejder'], ['nadia', 'medarbejder']];
const aad = (who: string) => `aad-${who}`;

const clock = new ManualClock('2026-11-23T06:30:00Z'); // Monday 07:30 in Copenhagen
const rig = featureRig(clock, pulseFeature);
const svc = new PulseService(rig);
let round: Round;

const personal = (who: string) => fakeTurn({ aadObjectId: aad(who), name: who, where: { scope: 'personal', conversationId: `a:${who}` }, now: clock.now() });
const submit = (who: string, data: Json) => rig.dispatcher.handleAction(personal(who), 'pulse.answer', data, { source: 'execute' });
const cardOf = (res: Awaited<ReturnType<typeof submit>>) => (res.card ?? {}) as Json;
const THANKS = 'Tak for dit svar!';

beforeAll(async () => {
  await rig.ready();
  const links = [{ forum: 'trio', conversationId: '19:trio@thread.tacv2', teamId: 'team' }] as const;
  await seedWorkplace(rig.workplaces, { id: WP, name: 'Bostedet Solhøj', createdBy: aad('lone'), links }, PEOPLE.map(([who, role]) => ({ aadObjectId: aad(who), teamsUserId: `29:${who}`, name: who, roles: [role] })));
  await rig.recurring('pulse.tick').run(clock.now());
  round = (await svc.store.round(WP, '2026-W48'))!;
  clock.set('2026-11-23T09:00:00Z');
});

describe('a pulse comment that names health words', () => {
  const base = () => ({ verb: 'pulse.answer', workplaceId: WP, round: round.id, items: round.items.map((i) => i.id), q1: '2', q2: '4', ...(round.items.length > 2 ? { q3: '3' } : {}) });

  it('is held back with a warning; nothing is stored and the answer comes back on the card', async () => {
    const comment = 'Mads har ondt i nakken efter vagten';
    const held = cardOf(await submit('sofie', { ...base(), comment }));
    expect(validateCard(held)).toEqual([]);
    const text = JSON.stringify(held);
    expect(text).toContain('Teksten nævner: ondt, nakke');
    expect(text).toContain('TRIO og MED læser kommentarerne ordret');
    expect(text).toContain(comment);
    expect(text).not.toContain(THANKS);
    // Both buttons carry the scores and re-submit the same verb; only "anyway" confirms the terms.
    const [retry, anyway] = held.actions as Json[];
    expect(retry).toMatchObject({ verb: 'pulse.answer', data: { q1: '2', q2: '4', round: round.id } });
    expect(retry!.data.comment).toBeUndefined();
    expect(retry!.data.confirmedTerms).toBeUndefined();
    expect(anyway!.data.confirmedTerms).toBe('ondt,nakke');
    // Corrected but still naming a health word: held again, still nothing stored.
    expect(JSON.stringify(cardOf(await submit('sofie', { ...retry!.data, comment: 'Vi mangler tid, og Mads er på hospitalet' })))).toContain('Teksten nævner: hospital');
    // Confirmed exactly: stored once, with the comment as written.
    // (Were anything stored before, this would be "already answered".)
    expect(JSON.stringify(cardOf(await submit('sofie', { ...anyway!.data, comment })))).toContain(THANKS);
  });

  it('confirming other terms than those named does not pass', async () => {
    expect(JSON.stringify(cardOf(await submit('mads', { ...base(), comment: 'Jeg er stresset', confirmedTerms: 'ondt' })))).toContain('Teksten nævner: stress');
  });

  it('a comment without health words, and the words of the trade, are stored at once', async () => {
    expect(JSON.stringify(cardOf(await submit('mads', { ...base(), comment: 'Mere tid til psykisk arbejdsmiljø på personalemødet' })))).toContain(THANKS);
  });

  it('after closing, the round counts the two answers stored, not the held ones', async () => {
    clock.set('2026-12-01T09:00:00Z');
    await rig.recurring('pulse.tick').run(clock.now());
    expect((await svc.store.round(WP, round.id))).toMatchObject({ status: 'closed', answered: 2 });
  });
});
