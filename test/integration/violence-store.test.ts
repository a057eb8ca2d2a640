import { beforeAll, describe, expect, it } from 'vitest';
import type { Episode } from '../../src/violence/model.js';
import { DEFAULT_POLICY } from '../../src/violence/settings.js';
import { monthlyCounts } from '../../src/violence/stats.js';
import { VIOLENCE_EPISODES_TABLE, VIOLENCE_TABLES, ViolenceStore, type NewEpisode } from '../../src/violence/store.js';
import { testStorage } from '../support/storage.js';

/** The episode store on Azurite: created once per form, changed under its ETag, counts kept apart. */
const storage = testStorage();
const store = new ViolenceStore(storage);
const WP = 'bostedet-solhoej';

const draft = (id: string, over: Partial<NewEpisode> = {}): NewEpisode => ({
  id, employeeId: 'mads', employeeName: 'Mads Medarbejder', reportedById: 'mads', status: 'aktiv',
  occurredOn: '2026-12-01', occurredAt: '02:30', place: 'Fællesarealer', kind: 'fysisk', source: 'borger', injured: true,
  absenceFrom: '2026-12-02', needsTalkNow: true, amrMayKnowName: false, description: 'Slag på armen ved medicinudlevering',
  registeredOn: '2026-12-01', registeredAt: '2026-12-01T01:40:00.000Z', ...over,
});

beforeAll(() => storage.ensure(VIOLENCE_TABLES));

describe('ViolenceStore', () => {
  it('stores an episode whole and reads it back as it was', async () => {
    const { episode, created } = await store.create(WP, draft('ve0000000001'));
    expect(created).toBe(true);
    const { etag: _e, ...read } = (await store.get(WP, 've0000000001'))!;
    const { etag: _c, ...made } = episode;
    expect(read).toEqual(made);
    expect(read).toMatchObject({ absenceFrom: '2026-12-02', description: 'Slag på armen ved medicinudlevering' });
    expect([read.police, read.talkOfferedOn]).toEqual([undefined, undefined]);
  });

  it('registers one form once: twenty submits at the same moment make one row and one "created"', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.create(WP, draft('ve00000000aa', { place: `Sted ${i}` }))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const winner = results.find((r) => r.created)!.episode.place;
    expect(new Set(results.map((r) => r.episode.place))).toEqual(new Set([winner]));
    const rows = (await store.list(WP)).filter((e) => e.id === 've00000000aa');
    expect(rows).toHaveLength(1);
  });

  it('changes an episode under its ETag: concurrent steps all land, none overwrites another', async () => {
    await store.create(WP, draft('ve0000000002'));
    const fields = ['talkOfferedOn', 'followUpHeldOn', 'anmeldtOn', 'riskAssessedOn', 'policeDecidedOn'] as const;
    await Promise.all(fields.map((f) => store.update(WP, 've0000000002', (e) => ({ ...e, [f]: '2026-12-03' }))));
    const e = (await store.get(WP, 've0000000002'))!;
    for (const f of fields) expect(e[f], f).toBe('2026-12-03');
  });

  it('refuses a change that throws and writes nothing; a missing episode is NOT_FOUND', async () => {
    await expect(store.update(WP, 've0000000002', () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect((await store.get(WP, 've0000000002'))!.talkOfferedOn).toBe('2026-12-03');
    await expect(store.update(WP, 've0000000999', (e) => e)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists one employee\'s episodes from one partition, and removes an episode', async () => {
    await store.create(WP, draft('ve0000000003', { employeeId: 'sofie', employeeName: 'Sofie Social' }));
    expect((await store.listForEmployee(WP, 'sofie')).map((e) => e.id)).toEqual(['ve0000000003']);
    await store.remove(WP, 've0000000003');
    await store.remove(WP, 've0000000003');
    expect(await store.get(WP, 've0000000003')).toBeUndefined();
  });

  it('keeps monthly counts without a name, an id or a date', async () => {
    const counts = monthlyCounts((await store.list(WP)) as Episode[], '2026-12', DEFAULT_POLICY, '2027-01-01');
    await store.putCounts(WP, '2026-12', counts);
    expect(await store.counts(WP, '2026-12')).toEqual(counts);
    const { etag: _e, timestamp: _t, ['odata.metadata']: _m, ...row } = await storage.table('ViolenceStats').getEntity<Record<string, unknown>>(WP, '2026-12');
    expect(Object.keys(row).sort()).toEqual(['anmeldelseDue', 'anmeldelseOnTime', 'byKind', 'byPlace', 'byTime', 'partitionKey', 'rowKey', 'talkOnTime', 'total']);
    expect(JSON.stringify(row)).not.toMatch(/Mads|mads|ve0000|2026-12-0/);
  });

  it('a row that does not decode is a storage fault, never a guess', async () => {
    await storage.table(VIOLENCE_EPISODES_TABLE).createEntity({ partitionKey: WP, rowKey: 've0000000bad', kind: 'ukendt' });
    await expect(store.get(WP, 've0000000bad')).rejects.toMatchObject({ code: 'STORAGE' });
  });
});
