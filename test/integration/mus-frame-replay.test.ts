import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/core/access.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Once } from '../../src/core/once.js';
import { musFeature } from '../../src/mus/feature.js';
import { MusFrame } from '../../src/mus/frame.js';
import { noAbsence } from '../../src/mus/absence.js';
import { newId } from '../../src/mus/model.js';
import { MusService } from '../../src/mus/service.js';
import { MusStore } from '../../src/mus/store.js';
import { featureRig, type FeatureRig } from '../support/feature-rig.js';

/**
 * MED proposes a new MUS frame (`mus.settings.save`), and the process dies after the
 * proposal was stored but before its event. The repair replays the write under the same
 * one-time key: the replay finds the proposal it made (the approval given since is kept),
 * writes the event once, and never stores a second proposal with another id.
 */
const clock = new ManualClock('2026-11-24T08:00:00Z');
const WP = 'frame-replay';
let rig: FeatureRig;
let store: MusStore;
let frame: MusFrame;

const principal = (userId: string, roles: Principal['memberships'][number]['roles']): Principal => ({
  userId,
  name: userId,
  memberships: [{ workplaceId: WP, workplaceName: 'Frame', roles }],
  bootstrapLeader: false,
});

beforeAll(async () => {
  rig = featureRig(clock, (deps) => musFeature(deps));
  await rig.ready();
  store = new MusStore(rig.storage);
  frame = new MusFrame({ store, svc: new MusService({ ...rig, store, absence: noAbsence }) });
  await rig.workplaces.create(WP, 'Frame', 'lone');
}, 60_000);

describe('a MUS frame proposal cut off by a crash is finished by its replay', () => {
  const proposed = async () => (await rig.events.list(WP)).filter((e) => e.type === 'mus.settingsProposed').length;
  const sofie = principal('sofie', ['TR']);
  const lone = principal('lone', ['leder']);

  it('the process died after the proposal, before its event: the replay keeps the proposal and its approvals and writes the event once', async () => {
    const now = clock.now();
    const once: Once = { key: 'frame-key-1', at: now, replay: false };
    // What the first run stored before it died: the proposal, with the id the key gives it.
    const id = newId(once, `proposal|${WP}`);
    await store.saveProposal({ workplaceId: WP, id, seniorAge: 60, proposedBy: 'sofie', proposedByName: 'sofie', proposedAt: now.toISOString(), approvals: [{ id: 'sofie', name: 'sofie', roles: ['TR'], at: now.toISOString() }] });
    expect(await proposed()).toBe(0);

    clock.advance(60_000);
    const replay = await frame.propose(WP, { seniorAge: 60 }, sofie, clock.now(), { ...once, replay: true });
    expect(replay.kind).toBe('pending');
    const after = (await store.proposal(WP))!;
    expect(after.id).toBe(id);
    expect(after.proposedAt).toBe(now.toISOString());
    expect(await proposed()).toBe(1);
    // A second replay adds nothing.
    await frame.propose(WP, { seniorAge: 60 }, sofie, clock.now(), { ...once, replay: true });
    expect(await proposed()).toBe(1);
    expect((await store.proposal(WP))!.id).toBe(id);
  });

  it('a replay after the proposal was applied does not propose it again', async () => {
    const once: Once = { key: 'frame-key-2', at: clock.now(), replay: false };
    const first = await frame.propose(WP, { seniorAge: 63 }, sofie, clock.now(), once);
    expect(first.kind).toBe('pending');
    const before = await proposed();
    const waiting = (await store.proposal(WP))!;
    expect((await frame.approve(WP, waiting.id, lone, clock.now())).kind).toBe('applied');
    expect(await store.proposal(WP)).toBeUndefined();

    const replay = await frame.propose(WP, { seniorAge: 63 }, sofie, clock.now(), { ...once, replay: true });
    expect(replay.kind).toBe('applied');
    expect(await store.proposal(WP)).toBeUndefined();
    expect(await proposed()).toBe(before);
  });

  it('a new press (another key) is a new proposal that replaces the one waiting', async () => {
    await frame.propose(WP, { seniorAge: 61 }, sofie, clock.now(), { key: 'frame-key-3', at: clock.now(), replay: false });
    const a = (await store.proposal(WP))!;
    await frame.propose(WP, { seniorAge: 62 }, sofie, clock.now(), { key: 'frame-key-4', at: clock.now(), replay: false });
    const b = (await store.proposal(WP))!;
    expect(b.id).not.toBe(a.id);
    expect(b.seniorAge).toBe(62);
  });
});
