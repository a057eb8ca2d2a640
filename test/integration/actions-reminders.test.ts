import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Feature } from '../../src/core/feature.js';
import { createLogger } from '../../src/core/log.js';
import type { VerbDef } from '../../src/core/router.js';
import { EVENTS_TABLE, EventLog } from '../../src/events/event-log.js';
import type { Job, ScheduleRequest, Scheduler } from '../../src/reminders/types.js';
import { actionsFeature } from '../../src/actions/feature.js';
import { JOB_DIGEST, JOB_DUE, JOB_OVERDUE } from '../../src/actions/reminders.js';
import { resolvePrincipal } from '../../src/workplaces/principal.js';
import { WORKPLACE_TABLES, WorkplaceStore } from '../../src/workplaces/store.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';
import { testStorage } from '../support/storage.js';

/** The reminder engine's contract, in memory: enough to see which rows the feature keeps. */
class MemoryScheduler implements Scheduler {
  jobs = new Map<string, Job>();
  scheduled = 0;
  async schedule(req: ScheduleRequest): Promise<Job> {
    this.scheduled++;
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
  async reschedule(key: string, dueAt: Date): Promise<Job | undefined> {
    const job = this.jobs.get(key);
    if (job) Object.assign(job, { dueAt, deliverAt: dueAt });
    return job;
  }
  async get(key: string): Promise<Job | undefined> {
    return this.jobs.get(key);
  }
  async listOpen(workplaceId: string): Promise<Job[]> {
    return [...this.jobs.values()].filter((j) => j.workplaceId === workplaceId && j.status === 'pending');
  }
  pending(): Record<string, string> {
    return Object.fromEntries([...this.jobs.values()].filter((j) => j.status === 'pending').map((j) => [j.key, j.dueAt.toISOString()]));
  }
}

const WP = 'solhoej';
const TRIO = '19:trio@thread.tacv2';
const storage = testStorage();
const clock = new ManualClock('2026-11-24T09:00:00Z'); // Tuesday
const workplaces = new WorkplaceStore(storage, clock);
const scheduler = new MemoryScheduler();
let feature: Feature;

const people = {
  lone: { aadObjectId: 'u-lone', name: 'Lone Leder', roles: ['leder' as const] },
  sofie: { aadObjectId: 'u-sofie', name: 'Sofie Social', roles: ['medarbejder' as const] },
};

async function act(who: keyof typeof people, verb: string, data: Record<string, unknown>) {
  const turn = fakeTurn({ where: { scope: 'channel', conversationId: TRIO }, aadObjectId: people[who].aadObjectId, name: people[who].name, now: clock.now() });
  const principal = await resolvePrincipal(workplaces, [], turn);
  const def = feature.verbs!.find((v) => v.verb === verb) as VerbDef<unknown>;
  return def.run(turn, principal, def.schema.parse(data), { source: 'execute' });
}

const jobs = (kind: string) => feature.jobs!.find((j) => j.kind === kind)!;
const job = (key: string) => scheduler.jobs.get(key)!;

beforeAll(async () => {
  await storage.ensure([...WORKPLACE_TABLES, EVENTS_TABLE, 'Actions']);
  const config = loadConfig({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
  feature = actionsFeature({ config, clock, log: createLogger('silent'), storage, events: new EventLog(storage, clock), workplaces, scheduler, publicBaseUrl: () => 'http://localhost:3978' });
  await storage.ensure(feature.tables);
  await workplaces.create(WP, 'Bostedet Solhøj', 'u-lone');
  for (const p of Object.values(people)) await workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Bostedet Solhøj', teamsUserId: `29:${p.aadObjectId}`, ...p, roles: [...p.roles] });
  await workplaces.linkChannel(WP, 'trio', TRIO, 'team-1');
});

describe('action reminders through the scheduler contract', () => {
  it('plans 7-day, 1-day and overdue rows for the owner when an action is created', async () => {
    await act('lone', 'actions.create', {
      workplaceId: WP, members: [{ id: 'u-sofie', name: 'Sofie Social' }], tema: 'Arbejdsmiljø', emne: 'E', maal: 'M', hvad: 'H',
      start: '1-12-2026', end: '18-12-2026', owner: 'u-sofie', source: 'apv',
    });
    expect(scheduler.pending()).toEqual({
      'actions:solhoej:H-1:due-7d': '2026-12-11T08:00:00.000Z',
      'actions:solhoej:H-1:due-1d': '2026-12-17T08:00:00.000Z',
      'actions:solhoej:H-1:overdue-2026-12-19': '2026-12-19T08:00:00.000Z',
    });
    expect(job('actions:solhoej:H-1:due-7d').target).toEqual({ kind: 'user', aadObjectId: 'u-sofie' });
  });

  it('renders the 7-day reminder as a personal card from current state', async () => {
    const due = job('actions:solhoej:H-1:due-7d');
    const msg = await jobs(JOB_DUE).render(due, due.dueAt);
    expect(msg?.text).toBe('Påmindelse: H-1, som du er ansvarlig for, skal være færdig om 7 dage (18. december 2026).');
    expect(textOf(msg ?? undefined)).toContain('actions.complete');
  });

  it('re-plans when the end date moves; an old row renders nothing', async () => {
    const stale = { ...job('actions:solhoej:H-1:due-7d') };
    await act('lone', 'actions.change', { workplaceId: WP, number: 1, newEnd: '8-1-2027' });
    expect(scheduler.pending()).toEqual({
      // 1 January is a holiday and 31 December closed (default calendar): the working day before.
      'actions:solhoej:H-1:due-7d': '2026-12-30T08:00:00.000Z',
      'actions:solhoej:H-1:due-1d': '2027-01-07T08:00:00.000Z',
      'actions:solhoej:H-1:overdue-2027-01-09': '2027-01-09T08:00:00.000Z',
    });
    expect(await jobs(JOB_DUE).render(stale, stale.dueAt)).toBeNull();
  });

  it('reminds weekly while overdue and stops when the action is completed', async () => {
    clock.set('2027-01-09T08:00:00Z');
    const first = await jobs(JOB_OVERDUE).render(job('actions:solhoej:H-1:overdue-2027-01-09'), clock.now());
    expect(first?.text).toContain('H-1, som du er ansvarlig for, er forsinket 1 dag');
    expect(scheduler.pending()['actions:solhoej:H-1:overdue-2027-01-16']).toBe('2027-01-16T08:00:00.000Z');
    await act('sofie', 'actions.complete', { workplaceId: WP, number: 1, achieved: 'Gennemført' });
    expect(scheduler.pending()).toEqual({});
    expect(await jobs(JOB_OVERDUE).render(job('actions:solhoej:H-1:overdue-2027-01-16'), clock.now())).toBeNull();
  });

  it('plans nothing for an action owned by a group', async () => {
    await act('lone', 'actions.create', {
      workplaceId: WP, members: [], tema: 'Ledelse', emne: 'E', maal: 'M', hvad: 'H', start: 'uge 3 2027', end: 'uge 20 2027', ownerGroup: 'afdelingsledelse', source: 'med',
    });
    expect(Object.keys(scheduler.pending()).filter((k) => k.includes('H-2'))).toEqual([]);
  });

  it('sends the Monday digest to the TRIO channel only when something changed', async () => {
    clock.set('2027-01-11T07:00:00Z'); // Monday 08:00
    const digest = feature.recurring!.find((r) => r.name === 'actions.mondayDigest')!;
    await digest.run(clock.now());
    const key = 'actions:solhoej:digest:2027-01-11';
    expect(job(key)).toMatchObject({ kind: JOB_DIGEST, target: { kind: 'channel', conversationId: TRIO } });
    const card = textOf((await jobs(JOB_DIGEST).render(job(key), clock.now())) ?? undefined);
    expect(card).toContain('Handleplan – Bostedet Solhøj, uge 2');
    expect(card).toContain('Afsluttet i sidste uge (1)');
    expect(card).toContain('1 åben handling');
    const before = scheduler.scheduled;
    await digest.run(clock.now());
    expect(scheduler.scheduled).toBe(before);
    await act('lone', 'actions.note', { workplaceId: WP, number: 2, note: 'Notat' });
    await digest.run(clock.now());
    expect(scheduler.scheduled).toBe(before);
    await act('lone', 'actions.change', { workplaceId: WP, number: 2, newEnd: 'uge 22 2027' });
    const afterChange = scheduler.scheduled;
    await digest.run(clock.now());
    expect(scheduler.scheduled).toBe(afterChange + 1);
  });
});
