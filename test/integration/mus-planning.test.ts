import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Role, Where } from '../../src/core/types.js';
import { musFeature } from '../../src/mus/feature.js';
import type { Job } from '../../src/outbox/types.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

/**
 * The MUS feature on Azurite through the dispatcher (validation, access, Danish errors)
 * with fake turns, its jobs kept by the real reminder engine: sickness left out silently,
 * GRUS groups, the leader's stamdata, MED's preparation questions and senior age, and
 * "not held".
 */
const WP = 'solhoej';
const MED = '19:med@thread.tacv2';
const clock = new ManualClock('2026-11-23T08:00:00Z');
const sick = new Set(['nadia']);
const rig = featureRig(clock, (deps) => musFeature(deps, { absence: { isAbsent: async (_wp, id) => sick.has(id) } }));
const { dispatcher, workplaces } = rig;


const people: Record<string, Role[]> = { lone: ['leder'], tobias: ['TR'], mads: ['medarbejder'], sofie: ['medarbejder'], nadia: ['medarbejder'], ole: ['medarbejder'] };
const names: Record<string, string> = { lone: 'Lone Leder', tobias: 'Tobias Tillid', mads: 'Mads', sofie: 'Sofie', nadia: 'Nadia', ole: 'Ole' };
const turnFor = (who: string, where: Partial<Where> = {}) => fakeTurn({ aadObjectId: who, name: names[who]!, now: clock.now(), where });
const say = async (who: string, text: string, where?: Partial<Where>) => {
  const turn = turnFor(who, where);
  await dispatcher.handleText(turn, text);
  return turn.replies.map(textOf).join('\n');
};
const act = async (who: string, verb: string, data: Record<string, unknown>, where?: Partial<Where>) => {
  const outcome = await dispatcher.handleAction(turnFor(who, where), verb, data, { source: 'execute' });
  return `${textOf(outcome.message)}\n${textOf(outcome.card ? { card: outcome.card } : undefined)}`;
};
const render = async (job: Job) => textOf((await rig.handler(job.kind).render(job, clock.now())) ?? undefined);
const plan = (participants: string, extra: Record<string, unknown> = {}) =>
  act('lone', 'mus.propose', { workplaceId: WP, from: '2026-11-30', to: '2026-12-04', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'Kontoret', mode: 'individual', participants, ...extra });

beforeAll(async () => {
  await rig.ready();
  const members = Object.entries(people).map(([id, roles]) => ({ aadObjectId: id, teamsUserId: `29:${id}`, name: names[id]!, roles }));
  await seedWorkplace(workplaces, { id: WP, name: 'Bostedet Solhøj', createdBy: 'lone', links: [{ forum: 'med', conversationId: MED, teamId: 'team' }] }, members);
});

describe('planning', () => {
  it('leaves an employee with an active sickness case out, without saying why', async () => {
    const res = await plan('mads,nadia,sofie');
    expect(res).toContain('Forslag til MUS-tider');
    expect(res).toMatch(/Mads[\s\S]*Sofie/);
    expect(res).not.toContain('Nadia');
    expect(res).not.toMatch(/syg|fravær|ikke plads/i);
  });

  it('plans GRUS: the same group name gives one talk together, no name an individual talk', async () => {
    const res = await plan('mads,sofie,ole', { mode: 'group', g_mads: 'Dagvagt', g_sofie: ' dagvagt ' });
    expect(res).toContain('Gruppesamtale med Mads, Sofie');
    expect(res).toContain('Ole');
    expect(await plan('mads', { mode: 'group', g_mads: 'x'.repeat(41) })).toContain('Gruppenavnet ved Mads må højst være 40 tegn');
  });

  it('refuses a period in the past and a window too short, in Danish', async () => {
    expect(await plan('mads', { from: '2026-11-20' })).toContain('Første dag: tidspunktet er allerede passeret');
    expect(await plan('mads', { duration: '5' })).toContain('Varighed (minutter): mindst 15 minutter');
    expect(await plan('mads', { windowStart: '09:00', windowEnd: '09:45', duration: '60' })).toContain('er for kort til en samtale på 60 minutter');
  });

  it("does not let another leader send someone else's draft", async () => {
    await workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Bostedet Solhøj', aadObjectId: 'lis', teamsUserId: '29:lis', name: 'Lis', roles: ['leder'] });
    const outcome = await dispatcher.handleAction(turnFor('lone'), 'mus.propose', { workplaceId: WP, from: '2026-11-30', to: '2026-12-04', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'K', mode: 'individual', participants: 'mads' }, { source: 'execute' });
    const send = (outcome.card!.actions as { data: Record<string, unknown> }[])[0]!.data;
    expect(await act('lis', 'mus.send', send)).toContain('Kun en leder på arbejdspladsen kan det');
    await workplaces.removeMember(WP, 'lis');
  });
});

describe('stamdata and MED settings', () => {
  it('lets the leader set start date and birth year, field by field in Danish', async () => {
    expect(await say('lone', 'MUS stamdata')).toContain('Stamdata til MUS på Bostedet Solhøj');
    const bad = await act('lone', 'mus.people.save', { workplaceId: WP, ids: 'mads,sofie', s_mads: '2030-01-01', b_sofie: '1890' });
    expect(bad).toContain('Mads: ansættelsesdatoen kan ikke ligge i fremtiden');
    expect(bad).toContain('Sofie: fødselsåret skal være mellem 1940 og 2011');
    expect((await workplaces.member(WP, 'mads'))?.startDate).toBeUndefined();
    expect(await act('lone', 'mus.people.save', { workplaceId: WP, ids: 'mads,sofie', s_mads: '2015-03-01', b_mads: '1962', s_sofie: '', b_sofie: '' })).toContain('Gemt for 1 medarbejder');
    expect(await workplaces.member(WP, 'mads')).toMatchObject({ startDate: '2015-03-01', birthYear: 1962, roles: ['medarbejder'] });
    expect(await say('lone', 'MUS status')).toContain('Mads: ingen MUS registreret, skulle have haft MUS fra');
    expect(await act('tobias', 'mus.people.save', { workplaceId: WP, ids: 'mads', s_mads: '2020-01-01' })).toContain('Det har du ikke adgang til');
  });

  it('lets MED replace the preparation questions and set the senior age; invitations use them', async () => {
    const med = { scope: 'channel' as const, conversationId: MED };
    expect(await say('tobias', 'MUS indstillinger', med)).toContain('Hvordan har du det med dine opgaver');
    expect(await act('tobias', 'mus.settings.save', { workplaceId: WP, questions: '\n', seniorAge: '60' }, med)).toContain('skriv mindst ét spørgsmål');
    expect(await act('tobias', 'mus.settings.save', { workplaceId: WP, questions: 'Hvad er du stolt af?\nHvad vil du lære?', seniorAge: '62' }, med)).toContain('Gemt: 2 spørgsmål, seniorsamtale fra 62 år');
    expect(await act('mads', 'mus.settings.save', { workplaceId: WP, questions: 'x', seniorAge: '62' }, med)).toContain('Det har du ikke adgang til');
    expect(await say('mads', 'MUS indstillinger', med)).toContain('Det har du ikke adgang til');

    const outcome = await dispatcher.handleAction(turnFor('lone'), 'mus.propose', { workplaceId: WP, from: '2026-12-07', to: '2026-12-11', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'K', mode: 'individual', participants: 'mads,sofie' }, { source: 'execute' });
    const send = (outcome.card!.actions as { data: Record<string, unknown> }[])[0]!.data;
    expect(await act('lone', 'mus.send', send)).toContain('Invitationerne er sendt til 2 medarbejdere');
    const invites = (await rig.pending(WP)).filter((j) => j.kind === 'mus.invite' && j.dueAt.getTime() === clock.now().getTime());
    const invite = (who: string) => invites.find((j) => j.target.kind === 'user' && j.target.aadObjectId === who)!;
    const mads = await render(invite('mads'));
    expect(mads).toContain('Hvad er du stolt af?');
    expect(mads).not.toContain('Hvordan har du det med dine opgaver');
    expect(mads).toContain('Du er fyldt eller fylder 62 år i år'); // born 1962, MUS in 2026: 64
    expect(await render(invite('sofie'))).not.toContain('seniorsamtale');
  });
});

describe('double booking', () => {
  it('refuses to send a proposal for someone who already has a planned talk', async () => {
    const outcome = await dispatcher.handleAction(turnFor('lone'), 'mus.propose', { workplaceId: WP, from: '2026-12-14', to: '2026-12-18', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'K', mode: 'individual', participants: 'mads,ole' }, { source: 'execute' });
    const send = (outcome.card!.actions as { data: Record<string, unknown> }[])[0]!.data;
    expect(await act('lone', 'mus.send', send)).toContain('Mads har allerede en planlagt MUS');
  });
});

describe('registration', () => {
  it('"not held" keeps the employee due and cancels the talk\'s reminders', async () => {
    clock.set('2026-12-11T15:00:00Z');
    const talkJob = (await rig.pending(WP)).find((j) => j.kind === 'mus.register' && String(j.key).includes(':v1:'))!;
    const talkId = String(talkJob.payload.talkId);
    expect(await act('lone', 'mus.register', { workplaceId: WP, talkId, outcome: 'notHeld' })).toContain('vælg hvorfor samtalen ikke blev holdt');
    expect(await act('lone', 'mus.register', { workplaceId: WP, talkId, outcome: 'notHeld', reason: 'employeeAbsent' })).toContain('ikke blev holdt');
    expect((await rig.pending(WP)).filter((j) => j.key.includes(talkId))).toEqual([]);
    expect(await render(talkJob)).toBe('');
    expect(await act('lone', 'mus.register', { workplaceId: WP, talkId, outcome: 'notHeld', reason: 'other' })).toContain('allerede registreret');
    expect(await say('lone', 'MUS status')).toMatch(/Skal have MUS|Forfalden/);
  });
});
