import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { VerbDef } from '../../src/core/router.js';
import { actionsFeature } from '../../src/actions/feature.js';
import { JOB_DIGEST, JOB_DUE, JOB_OVERDUE } from '../../src/actions/jobs.js';
import type { Job } from '../../src/outbox/types.js';
import { resolvePrincipal } from '../../src/workplaces/principal.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';
import { featureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

/**
 * The rows the actions feature keeps in the real reminder engine (on Azurite), read back
 * through the Scheduler API and rendered by the feature's own job handlers.
 */
const WP = 'solhoej';
const TRIO = '19:trio@thread.tacv2';
const clock = new ManualClock('2026-11-24T09:00:00Z'); // Tuesday
const rig = featureRig(clock, (deps) => actionsFeature({ ...deps, publicBaseUrl: () => 'http://localhost:3978' }), { STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
const { engine, feature, workplaces } = rig;

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

const jobs = rig.handler;
const job = async (key: string): Promise<Job> => (await engine.get(key))!;
/** Pending rows of the workplace: key → dueAt. */
const pending = async (): Promise<Record<string, string>> => Object.fromEntries((await rig.pending(WP)).map((j) => [j.key, j.dueAt.toISOString()]));

beforeAll(async () => {
  await rig.ready();
  const members = Object.values(people).map((p) => ({ ...p, teamsUserId: `29:${p.aadObjectId}` }));
  await seedWorkplace(workplaces, { id: WP, name: 'Bostedet Solhøj', createdBy: 'u-lone', links: [{ forum: 'trio', conversationId: TRIO, teamId: 'team-1' }] }, members);
});

describe('action reminders through the reminder engine', () => {
  it('plans 7-day, 1-day and overdue rows for the owner when an action is created', async () => {
    await act('lone', 'actions.create', {
      workplaceId: WP, members: [{ id: 'u-sofie', name: 'Sofie Social' }], tema: 'Arbejdsmiljø', emne: 'E', maal: 'M', hvad: 'H',
      start: '1-12-2026', end: '18-12-2026', owner: 'u-sofie', source: 'apv',
    });
    expect(await pending()).toEqual({
      'actions:solhoej:H-1:due-7d': '2026-12-11T08:00:00.000Z',
      'actions:solhoej:H-1:due-1d': '2026-12-17T08:00:00.000Z',
      'actions:solhoej:H-1:overdue-2026-12-19': '2026-12-19T08:00:00.000Z',
    });
    expect((await job('actions:solhoej:H-1:due-7d')).target).toEqual({ kind: 'user', aadObjectId: 'u-sofie' });
  });

  it('renders the 7-day reminder as a personal card from current state', async () => {
    const due = await job('actions:solhoej:H-1:due-7d');
    const msg = await jobs(JOB_DUE).render(due, due.dueAt);
    expect(msg?.text).toBe('Påmindelse: H-1, som du er ansvarlig for, skal være færdig om 7 dage (18. december 2026).');
    expect(textOf(msg ?? undefined)).toContain('actions.complete');
  });

  it('re-plans when the end date moves; an old row renders nothing', async () => {
    const stale = await job('actions:solhoej:H-1:due-7d');
    await act('lone', 'actions.change', { workplaceId: WP, number: 1, newEnd: '8-1-2027' });
    expect(await pending()).toEqual({
      // 1 January is a holiday and 31 December closed (default calendar): the working day before.
      'actions:solhoej:H-1:due-7d': '2026-12-30T08:00:00.000Z',
      'actions:solhoej:H-1:due-1d': '2027-01-07T08:00:00.000Z',
      'actions:solhoej:H-1:overdue-2027-01-09': '2027-01-09T08:00:00.000Z',
    });
    expect(await jobs(JOB_DUE).render(stale, stale.dueAt)).toBeNull();
  });

  it('reminds weekly while overdue and stops when the action is completed', async () => {
    clock.set('2027-01-09T08:00:00Z');
    const first = await jobs(JOB_OVERDUE).render(await job('actions:solhoej:H-1:overdue-2027-01-09'), clock.now());
    expect(first?.text).toContain('H-1, som du er ansvarlig for, er forsinket 1 dag');
    expect((await pending())['actions:solhoej:H-1:overdue-2027-01-16']).toBe('2027-01-16T08:00:00.000Z');
    await act('sofie', 'actions.complete', { workplaceId: WP, number: 1, achieved: 'Gennemført' });
    expect(await pending()).toEqual({});
    expect(await jobs(JOB_OVERDUE).render(await job('actions:solhoej:H-1:overdue-2027-01-16'), clock.now())).toBeNull();
  });

  it('reminds the leader of an action owned by a group that names nobody (issue 13)', async () => {
    await act('lone', 'actions.create', {
      workplaceId: WP, members: [], tema: 'Ledelse', emne: 'E', maal: 'M', hvad: 'H', start: 'uge 3 2027', end: 'uge 20 2027', ownerGroup: 'afdelingsledelse', source: 'med',
    });
    const rows = Object.keys(await pending()).filter((k) => k.includes('H-2'));
    expect(rows).toEqual(['actions:solhoej:H-2:leader-u-lone:due-7d', 'actions:solhoej:H-2:leader-u-lone:due-1d', 'actions:solhoej:H-2:leader-u-lone:overdue-2027-05-24']);
    const due = await job('actions:solhoej:H-2:leader-u-lone:due-7d');
    expect(due.target).toEqual({ kind: 'user', aadObjectId: 'u-lone' });
    const text = textOf((await jobs(JOB_DUE).render(due, due.dueAt)) ?? undefined);
    expect(text).toMatch(/H-2, som afdelingsledelse er ansvarlig for, skal være færdig om \d+ dage \(23\. maj 2027\)/);
    expect(text).toContain('fordi gruppen ikke har en navngiven person');
  });

  it('sends the Monday digest to the TRIO channel only when something changed', async () => {
    clock.set('2027-01-11T07:00:00Z'); // Monday 08:00
    const digest = rig.recurring('actions.mondayDigest');
    await digest.run(clock.now());
    const key = 'actions:solhoej:digest:2027-01-11';
    expect(await job(key)).toMatchObject({ kind: JOB_DIGEST, target: { kind: 'channel', conversationId: TRIO } });
    const card = textOf((await jobs(JOB_DIGEST).render(await job(key), clock.now())) ?? undefined);
    expect(card).toContain('Handleplan – Bostedet Solhøj, uge 2');
    expect(card).toContain('Afsluttet i sidste uge (1)');
    expect(card).toContain('1 åben handling');
    // The row's dueAt is when the digest was last planned: each run comes a minute later,
    // so a run that plans it again moves it, and one that plans nothing leaves it.
    const plannedAt = async () => (await job(key)).dueAt.toISOString();
    const first = clock.now().toISOString();
    clock.advance(60_000);
    await digest.run(clock.now());
    expect(await plannedAt()).toBe(first);
    await act('lone', 'actions.note', { workplaceId: WP, number: 2, note: 'Notat' });
    clock.advance(60_000);
    await digest.run(clock.now());
    expect(await plannedAt()).toBe(first);
    await act('lone', 'actions.change', { workplaceId: WP, number: 2, newEnd: 'uge 22 2027' });
    clock.advance(60_000);
    await digest.run(clock.now());
    expect(await plannedAt()).toBe(clock.now().toISOString());
    expect((await rig.pending(WP)).filter((j) => j.kind === JOB_DIGEST).map((j) => j.key)).toEqual([key]);
  });
});
