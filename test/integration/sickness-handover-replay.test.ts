import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Once } from '../../src/core/once.js';
import { sicknessFeature } from '../../src/sickness/feature.js';
import { HandoverService } from '../../src/sickness/handover.js';
import { PolicyCatalog, parseDeploymentPolicies } from '../../src/sickness/policy.js';
import { SicknessService } from '../../src/sickness/service.js';
import { SicknessStore } from '../../src/sickness/store.js';
import { featureRig, type FeatureRig } from '../support/feature-rig.js';

/**
 * A crash between a handover's case row and its event and reminder row: the repair replays
 * the write with the same one-time key, and although the case is no longer the first
 * leader's (the change itself moved it), the replay finishes the event and the new
 * leader's reminder once, and a second replay adds nothing.
 */
const clock = new ManualClock('2026-11-24T08:00:00Z');
const WP = 'replay-wp';
let rig: FeatureRig;
let svc: SicknessService;
let handover: HandoverService;
let store: SicknessStore;

beforeAll(async () => {
  rig = featureRig(clock, (deps) => sicknessFeature(deps));
  await rig.ready();
  store = new SicknessStore(rig.storage, clock);
  svc = new SicknessService({ store, catalog: new PolicyCatalog(parseDeploymentPolicies(undefined)), workplaces: rig.workplaces, events: rig.events, scheduler: rig.scheduler });
  handover = new HandoverService(svc, rig);
  await rig.workplaces.create(WP, 'Replay', 'lone');
  for (const [id, roles] of [['lone', ['leder']], ['lars', ['leder']], ['mads', ['medarbejder']]] as const) {
    await rig.workplaces.upsertMember({ workplaceId: WP, workplaceName: 'Replay', aadObjectId: id, teamsUserId: `29:${id}`, name: id, roles: [...roles] });
  }
}, 60_000);

describe('a handover cut off by a crash is finished by its replay', () => {
  it('writes the missing event and reminder once, though the case is no longer the first leader’s', async () => {
    const now = clock.now();
    const mads = (await rig.workplaces.member(WP, 'mads'))!;
    const { c } = await svc.open('lone', mads, { firstDay: '2026-11-24', partial: false, expectedDuration: '1-4-uger', pay: 'loen' }, now);
    const once: Once = { key: 'handover-key-1', at: now, replay: false };
    // The first run got as far as the case row (the key recorded on it), then the process died.
    const moved = await store.update(WP, c.id, (x) => ({ ...x, leaderId: 'lars' }), once);
    const handed = async () => (await rig.events.list(WP)).filter((e) => e.type === 'sickness.handedOver' && e.subject === c.id).length;
    const rowsToLars = async () => (await rig.pending(WP)).filter((j) => j.target.kind === 'user' && j.target.aadObjectId === 'lars' && j.key.includes(':handed:')).length;
    expect(await handed()).toBe(0);
    expect(await rowsToLars()).toBe(0);

    const replay = { ...once, replay: true };
    // Without the replay flag the same call is refused: Lone is not the case's leader any more.
    await expect(handover.handCase(moved, 'lone', 'lars', undefined, now, { ...once, key: 'another-key' })).rejects.toThrow();
    const next = await handover.handCase(moved, 'lone', 'lars', undefined, now, replay);
    expect(next.leaderId).toBe('lars');
    expect(await handed()).toBe(1);
    expect(await rowsToLars()).toBe(1);

    await handover.handCase(await store.get(WP, c.id).then((x) => x!), 'lone', 'lars', undefined, now, replay);
    expect(await handed()).toBe(1);
    expect(await rowsToLars()).toBe(1);
  });
});
