import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { createLogger } from '../../src/core/log.js';
import { CommandRegistry } from '../../src/core/registry.js';
import { VerbRouter } from '../../src/core/router.js';
import type { Role, Where } from '../../src/core/types.js';
import { EVENTS_TABLE, EventLog } from '../../src/events/event-log.js';
import { musFeature } from '../../src/mus/feature.js';
import type { Job, ScheduleRequest, Scheduler } from '../../src/reminders/types.js';
import { resolvePrincipal } from '../../src/workplaces/principal.js';
import { WORKPLACE_TABLES, WorkplaceStore } from '../../src/workplaces/store.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';
import { testStorage } from '../support/storage.js';

/**
 * The MUS feature on Azurite through the dispatcher (validation, access, Danish errors)
 * with fake turns and an in-memory scheduler: sickness left out silently, GRUS groups,
 * the leader's stamdata, MED's preparation questions and senior age, and "not held".
 */
class MemoryScheduler implements Scheduler {
  jobs = new Map<string, Job>();
  async schedule(req: ScheduleRequest): Promise<Job> {
    const job: Job = { payload: {}, ...req, urgent: req.urgent ?? false, status: 'pending', attempts: 0, deliverAt: req.dueAt, createdAt: new Date() };
    this.jobs.set(req.key, job);
    return job;
  }
  async cancel(key: string): Promise<boolean> {
    const job = this.jobs.get(key);
    if (job?.status !== 'pending') return false;
    job.status = 'cancelled';
    return true;
  }
  async cancelPrefix(prefix: string): Promise<number> {
    let n = 0;
    for (const key of this.jobs.keys()) if (key.startsWith(prefix) && (await this.cancel(key))) n++;
    return n;
  }
  async reschedule(): Promise<Job | undefined> {
    return undefined;
  }
  async get(key: string): Promise<Job | undefined> {
    return this.jobs.get(key);
  }
  async listOpen(workplaceId: string): Promise<Job[]> {
    return [...this.jobs.values()].filter((j) => j.workplaceId === workplaceId && j.status === 'pending');
  }
}

const WP = 'solhoej';
const MED = '19:med@thread.tacv2';
const storage = testStorage();
const clock = new ManualClock('2026-11-23T08:00:00Z');
const workplaces = new WorkplaceStore(storage, clock);
const scheduler = new MemoryScheduler();
const sick = new Set(['nadia']);
const feature = musFeature(
  { workplaces, events: new EventLog(storage, clock), clock, storage, scheduler },
  { absence: { isAbsent: async (_wp, id) => sick.has(id) } },
);
const registry = new CommandRegistry();
const router = new VerbRouter();
feature.commands!.forEach((c) => registry.add(c));
feature.verbs!.forEach((v) => router.add(v));
const dispatcher = new Dispatcher({ registry, router, log: createLogger('silent'), resolvePrincipal: (turn) => resolvePrincipal(workplaces, [], turn) });

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
const render = async (job: Job) => textOf((await feature.jobs!.find((h) => h.kind === job.kind)!.render(job, clock.now())) ?? undefined);
const plan = (participants: string, extra: Record<string, unknown> = {}) =>
  act('lone', 'mus.propose', { workplaceId: WP, from: '2026-11-30', to: '2026-12-04', windowStart: '09:00', windowEnd: '15:00', duration: '60', place: 'Kontoret', mode: 'individual', participants, ...extra });

beforeAll(async () => {
  await storage.ensure([...WORKPLACE_TABLES, EVENTS_TABLE, ...feature.tables]);
  await workplaces.create(WP, 'Bostedet Solhøj', 'lone');
  for (const [id, roles] of Object.entries(people)) await workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Bostedet Solhøj', aadObjectId: id, teamsUserId: `29:${id}`, name: names[id]!, roles });
  await workplaces.linkChannel(WP, 'med', MED, 'team');
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
    const invite = (who: string) => [...scheduler.jobs.values()].find((j) => j.kind === 'mus.invite' && j.target.kind === 'user' && j.target.aadObjectId === who && j.dueAt.getTime() === clock.now().getTime())!;
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
    const talkJob = [...scheduler.jobs.values()].find((j) => j.kind === 'mus.register' && j.status === 'pending' && String(j.key).includes(':v1:'))!;
    const talkId = String(talkJob.payload.talkId);
    expect(await act('lone', 'mus.register', { workplaceId: WP, talkId, outcome: 'notHeld' })).toContain('vælg hvorfor samtalen ikke blev holdt');
    expect(await act('lone', 'mus.register', { workplaceId: WP, talkId, outcome: 'notHeld', reason: 'employeeAbsent' })).toContain('ikke blev holdt');
    expect([...scheduler.jobs.values()].filter((j) => j.key.includes(talkId) && j.status === 'pending')).toEqual([]);
    expect(await render(talkJob)).toBe('');
    expect(await act('lone', 'mus.register', { workplaceId: WP, talkId, outcome: 'notHeld', reason: 'other' })).toContain('allerede registreret');
    expect(await say('lone', 'MUS status')).toMatch(/Skal have MUS|Forfalden/);
  });
});
