import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFeatures } from '../../src/app.js';
import { ActionStore } from '../../src/actions/store.js';
import { ManualClock } from '../../src/core/clock.js';
import { feature } from '../../src/core/feature.js';
import type { EventRecord } from '../../src/events/event-log.js';
import { newestFirstKey, getOrUndefined } from '../../src/storage/tables.js';
import { partitionOf, recordRk } from '../../src/outbox/store.js';
import { RETENTION_DEFAULTS } from '../../src/privacy/policy.js';
import { SicknessStore } from '../../src/sickness/store.js';
import type { LocalDate } from '../../src/shared/calendar.js';
import { featureRig, type FeatureRig } from '../support/feature-rig.js';
import { seedWorkplace } from '../support/seed.js';

/**
 * Retention with the manual clock: every data class is seeded at T0, then time moves to
 * the day before and the day after each limit, the nightly jobs run through the engine
 * (privacy.retention and the sickness feature's own sickness.retention), and the test
 * checks that exactly the rows whose period has passed are gone and everything else is
 * still there: the anonymous figures, open work, members, channels.
 */
const WP = 'solhoej';
const T0 = new Date('2027-01-04T09:00:00Z');
const clock = new ManualClock(T0);
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const mads = 'aad-mads';
const sofie = 'aad-sofie';
const lone = 'aad-lone';
const leaver = 'aad-leaver';

let rig: FeatureRig;
/** The counting events seen after each night (they are subject to the events period themselves). */
const counted = new Map<string, EventRecord>();
/** A seeded row and the day from which it must be gone (Infinity: kept). */
const probes: { name: string; goneOn: number; exists: () => Promise<boolean> }[] = [];
const row = (table: string, pk: string, rk: string) => async () => (await getOrUndefined(rig.storage.table(table), pk, rk)) !== undefined;
const probe = (name: string, goneOn: number, exists: () => Promise<boolean>) => probes.push({ name, goneOn, exists });

async function put(table: string, partitionKey: string, rowKey: string, columns: Record<string, unknown> = {}): Promise<void> {
  await rig.storage.table(table).upsertEntity({ partitionKey, rowKey, ...columns }, 'Replace');
}

beforeAll(async () => {
  rig = featureRig(clock, (deps) => {
    const all = appFeatures(deps);
    return feature('app', [...new Set(all.flatMap((f) => f.tables))], ...all);
  });
  await rig.ready();
  await seedWorkplace(rig.workplaces, { id: WP, name: 'Solhøj', createdBy: lone }, [
    { aadObjectId: lone, teamsUserId: '29:lone', name: 'Lone Leder', roles: ['leder'] },
    { aadObjectId: mads, teamsUserId: '29:mads', name: 'Mads M', roles: ['medarbejder'] },
    { aadObjectId: sofie, teamsUserId: '29:sofie', name: 'Sofie S', roles: ['medarbejder'] },
  ]);
  probe('member', Infinity, row('Members', WP, mads));
  probe('workplace', Infinity, row('Workplaces', 'workplace', WP));

  // Actions: H-1 done at T0 (with its log row), H-2 open.
  const actions = new ActionStore(rig.storage, clock);
  const draft = { tema: 'Tema', emne: 'Emne', maal: 'Mål', hvad: 'Hvad', start: '2027-01-04', end: '2027-03-01', startLabel: '', endLabel: '', dokumentation: '', owner: { id: mads, name: 'Mads M' }, effekt: '', source: 'trio' as const };
  await actions.create(WP, draft, { id: lone, name: 'Lone Leder' });
  await actions.create(WP, draft, { id: lone, name: 'Lone Leder' });
  await actions.change(WP, 1, { id: mads, name: 'Mads M' }, () => ({ patch: { status: 'done', closedAt: T0.toISOString() }, log: { kind: 'completed', text: 'Færdig' } }));
  const a = RETENTION_DEFAULTS.actions;
  probe('closed action H-1', a, row('Actions', WP, 'a000001'));
  probe('log of H-1', a, async () => (await actions.getWithLog(WP, 1))?.log.length === 1);
  probe('open action H-2', Infinity, row('Actions', WP, 'a000002'));
  probe('action counter', Infinity, row('Actions', WP, 'counter'));

  // Events: one at T0, one 400 days later (appended when the clock gets there, see below).
  const e0 = await rig.events.append({ workplaceId: WP, actorId: lone, type: 'actions.created', subject: 'H-1' });
  probe('event of T0', RETENTION_DEFAULTS.events, row('Events', WP, newestFirstKey(new Date(e0.at), e0.id)));

  // Reminders: one cancelled at T0, one pending for years.
  await rig.scheduler.schedule({ key: 'test:cancelled', kind: 'test', workplaceId: WP, target: { kind: 'user', aadObjectId: mads }, dueAt: day(2) });
  await rig.scheduler.cancel('test:cancelled');
  await rig.scheduler.schedule({ key: 'test:pending', kind: 'test', workplaceId: WP, target: { kind: 'user', aadObjectId: mads }, dueAt: day(5000) });
  probe('cancelled reminder row', RETENTION_DEFAULTS.reminders, row('Reminders', partitionOf('test:cancelled'), recordRk('test:cancelled')));
  probe('pending reminder', Infinity, row('Reminders', partitionOf('test:pending'), recordRk('test:pending')));

  // Conversation references: a person who left (in no workplace) and a member; a channel.
  const ref = { reference: '{}', tenantId: 't', serviceUrl: 'http://x' };
  await rig.conversations.save({ kind: 'user', key: leaver, ...ref });
  await rig.conversations.save({ kind: 'user', key: mads, ...ref });
  await rig.conversations.save({ kind: 'channel', key: '19:trio', ...ref, teamId: '19:team' });
  probe("leaver's chat reference", RETENTION_DEFAULTS.conversations, row('Conversations', 'user', leaver));
  probe("member's chat reference", Infinity, row('Conversations', 'user', mads));
  probe('channel reference', Infinity, row('Conversations', 'channel', '19:trio'));

  // MUS: Mads held t1 at T0 and t2 100 days later; Sofie held t3 at T0 and none since. A draft at T0.
  const talk = (id: string, who: string, at: Date) => put('MusTalks', WP, `t_${id}`, { participantIds: JSON.stringify([who]), start: at.toISOString(), end: at.toISOString(), status: 'held', label: who });
  const personal = async (id: string, who: string, goneOn: number) => {
    await put('MusTalks', WP, `i_${id}_${who}`, { talkId: id, aadObjectId: who, response: 'accepted' });
    await put('MusTalks', WP, `p_${id}_${who}`, { talkId: id, aadObjectId: who, shortGoals: 'Kursus' });
    await put('MusNotes', WP, `${id}_${who}`, { text: 'Mine noter' });
    probe(`MUS ${id} invitation`, goneOn, row('MusTalks', WP, `i_${id}_${who}`));
    probe(`MUS ${id} plan`, goneOn, row('MusTalks', WP, `p_${id}_${who}`));
    probe(`MUS ${id} notes`, goneOn, row('MusNotes', WP, `${id}_${who}`));
    probe(`MUS ${id} talk`, goneOn, row('MusTalks', WP, `t_${id}`));
  };
  await talk('t1', mads, T0);
  await talk('t2', mads, day(100));
  await talk('t3', sofie, T0);
  await personal('t1', mads, 100 + RETENTION_DEFAULTS.mus);
  await personal('t2', mads, 100 + RETENTION_DEFAULTS.musWithoutNext);
  await personal('t3', sofie, RETENTION_DEFAULTS.musWithoutNext);
  await put('MusTalks', WP, 'd_draft1', { createdAt: T0.toISOString(), names: JSON.stringify({ [mads]: 'Mads M' }) });
  probe('MUS draft', RETENTION_DEFAULTS.musDrafts, row('MusTalks', WP, 'd_draft1'));

  // Pulse: r1 closed at T0 with a left-over inbox row and its anonymous answers; r2 never
  // closed (closes T0+7d); r3 open for long.
  const round = (id: string, status: string, closesAt: Date) => put('PulseRounds', WP, id, { status, closesAt: closesAt.toISOString(), invited: 6, answered: 5 });
  await round('2027-W01', 'closed', T0);
  await round('2027-W02', 'open', day(7));
  await round('2099-W01', 'open', day(30_000));
  await put('PulseInbox', `${WP}~2027-W01`, 'b~left');
  await put('PulseInbox', `${WP}~2027-W02`, 'i~token');
  await put('PulseInbox', `${WP}~2099-W01`, 'i~token');
  await put('PulseAnswers', `${WP}~2027-W01`, 'ans1', { item: 'x', dim: 'stoette', score: 4 });
  probe('inbox remnant of a closed round', 0, row('PulseInbox', `${WP}~2027-W01`, 'b~left'));
  probe('inbox of a round never closed', 7 + RETENTION_DEFAULTS.pulseInbox, row('PulseInbox', `${WP}~2027-W02`, 'i~token'));
  probe('inbox of an open round', Infinity, row('PulseInbox', `${WP}~2099-W01`, 'i~token'));
  probe('anonymous pulse answers', RETENTION_DEFAULTS.pulseAnswers, row('PulseAnswers', `${WP}~2027-W01`, 'ans1'));
  probe('pulse round (counts)', Infinity, row('PulseRounds', WP, '2027-W01'));

  // Sickness: a case closed at T0 (12 months by default), an open case, the month's figures.
  const sickness = new SicknessStore(rig.storage, clock);
  const base = { employeeName: 'Mads M', leaderId: lone, reportedBy: 'leder' as const, model: '1-3-10' as const, firstDay: '2026-12-28' as LocalDate, partial: false, expectedDuration: 'under-1-uge' as const, pay: 'loen' as const };
  const closed = await sickness.create(WP, { ...base, employeeId: mads, status: 'raskmeldt', returnDay: '2027-01-04', closedOn: '2027-01-04', deleteOn: '2028-01-04' });
  const open = await sickness.create(WP, { ...base, employeeId: sofie, employeeName: 'Sofie S', status: 'aktiv' });
  await put('SicknessStats', WP, '2026-12', { activeCases: 1, contactsDue: 1 });
  probe('closed sickness case', 365, row('SicknessCases', WP, closed.id));
  probe('open sickness case', Infinity, row('SicknessCases', WP, open.id));
  probe('monthly sickness figures', Infinity, row('SicknessStats', WP, '2026-12'));
});

afterAll(() => undefined);

async function nightly(at: Date): Promise<void> {
  clock.set(at);
  await rig.engine.runRecurring('sickness.retention', at);
  await rig.engine.runRecurring('privacy.retention', at);
}

describe('retention per data class', () => {
  it('purges each class on the day its period ends, and nothing else', async () => {
    const limits = [...new Set(probes.map((p) => p.goneOn).filter((d) => Number.isFinite(d)))].sort((a, b) => a - b);
    const checkpoints = [...new Set(limits.flatMap((d) => [d - 1, d + 1]).filter((d) => d >= 0))].sort((a, b) => a - b);
    let laterEvent: { id: string; at: string } | undefined;
    for (const d of checkpoints) {
      if (!laterEvent && d > RETENTION_DEFAULTS.events) laterEvent = await rig.events.append({ workplaceId: WP, actorId: lone, type: 'actions.created', subject: 'H-2' });
      await nightly(day(d));
      for (const e of await rig.events.list('_', { type: 'privacy.retention' })) counted.set(e.id, e);
      const state = await Promise.all(probes.map(async (p) => ({ name: p.name, exists: await p.exists(), expected: d < p.goneOn })));
      expect.soft(state.filter((s) => s.exists !== s.expected).map((s) => `day ${d}: ${s.name} ${s.exists ? 'still there' : 'gone too early'}`)).toEqual([]);
    }
    // The later event is younger than the limit at the last checkpoint: kept.
    expect(await row('Events', WP, newestFirstKey(new Date(laterEvent!.at), laterEvent!.id))()).toBe(true);
  });

  it('counts each deletion in an event without content', async () => {
    const classes = new Set([...counted.values()].map((e) => e.data?.dataClass));
    expect([...classes].sort()).toEqual(['actions', 'conversations', 'events', 'mus', 'musDrafts', 'musWithoutNext', 'pulseAnswers', 'pulseInbox', 'reminders']);
    for (const e of counted.values()) {
      expect(Object.keys(e.data ?? {}).sort()).toEqual(['dataClass', 'deleted']);
      expect(e.subject).toBeUndefined();
      expect(e.actorId).toBe('system');
      expect(e.data?.deleted).toBeGreaterThan(0);
    }
  });

  it('a second run on the same day deletes nothing more', async () => {
    const before = (await rig.events.list('_', { type: 'privacy.retention' })).length;
    await nightly(new Date(clock.now().getTime() + 60_000));
    expect((await rig.events.list('_', { type: 'privacy.retention' })).length).toBe(before);
  });
});
