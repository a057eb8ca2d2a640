import type { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { ActionDraft } from '../../src/actions/model.js';
import { ACTIONS_TABLE, ActionStore, ConcurrentChangeError } from '../../src/actions/store.js';
import { Storage } from '../../src/storage/tables.js';
import { azuriteConnectionString } from '../support/storage.js';

/** Storage that records every call the stores make on table clients (to prove partition queries). */
class SpyStorage extends Storage {
  calls: { table: string; method: string; filter?: string }[] = [];
  override table(name: string): TableClient {
    const client = super.table(name);
    return new Proxy(client, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const options = args[0] as { queryOptions?: { filter?: string } } | undefined;
          this.calls.push({ table: name, method: String(prop), ...(prop === 'listEntities' ? { filter: options?.queryOptions?.filter ?? '' } : {}) });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
}

const storage = new SpyStorage(azuriteConnectionString(), `t${Math.random().toString(36).slice(2, 10)}`);
const clock = new ManualClock('2026-11-24T09:00:00Z');
const store = new ActionStore(storage, clock);
const tobias = { id: 'u-tobias', name: 'Tobias Tillid' };

function draft(over: Partial<ActionDraft> = {}): ActionDraft {
  return {
    tema: 'Organisation og ledelse, kriterium 9',
    emne: 'Høj personalegennemstrømning og sygefravær',
    maal: 'Sygefravær på 5-6 %',
    hvad: 'Fraværssamtaler',
    start: '2027-01-01',
    end: '2027-03-31',
    startLabel: '1. kvartal 2027',
    endLabel: '1. kvartal 2027',
    dokumentation: '',
    owner: { id: 'u-sofie', name: 'Sofie Social' },
    effekt: '',
    source: 'tilsynsrapport',
    ...over,
  };
}

beforeAll(async () => {
  await storage.ensure([ACTIONS_TABLE]);
});

describe('ActionStore on Azurite', () => {
  it('numbers actions per workplace: H-1, H-2 … independently in each workplace', async () => {
    expect((await store.create('wp-a', draft(), tobias)).number).toBe(1);
    expect((await store.create('wp-a', draft(), tobias)).number).toBe(2);
    expect((await store.create('wp-b', draft(), tobias)).number).toBe(1);
  });

  it('never gives two concurrent creates the same number', async () => {
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => store.create('wp-race', draft({ tema: `T${i}` }), tobias)));
    const numbers = created.map((a) => a.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await store.listOpen('wp-race')).toHaveLength(12);
  });

  it('lists a workplace\'s open actions with ONE query filtered on its partition', async () => {
    await store.create('wp-list', draft({ end: '2027-02-01' }), tobias);
    const closed = await store.create('wp-list', draft(), tobias);
    await store.change('wp-list', closed.number, tobias, () => ({ patch: { status: 'done', closedAt: clock.now().toISOString() }, log: { kind: 'completed', text: 'ok' } }));
    await store.create('wp-other', draft(), tobias);
    storage.calls = [];
    const open = await store.listOpen('wp-list');
    expect(open.map((a) => a.number)).toEqual([1]);
    expect(open[0]).toMatchObject({ workplaceId: 'wp-list', end: '2027-02-01', owner: { id: 'u-sofie', name: 'Sofie Social' }, status: 'open' });
    expect(storage.calls).toEqual([{ table: ACTIONS_TABLE, method: 'listEntities', filter: "PartitionKey eq 'wp-list' and open eq true" }]);
    storage.calls = [];
    expect((await store.listOpen('wp-list', 'u-sofie')).map((a) => a.number)).toEqual([1]);
    expect(await store.listOpen('wp-list', 'u-mads')).toEqual([]);
    expect(storage.calls.every((c) => c.method === 'listEntities' && c.filter?.startsWith("PartitionKey eq 'wp-list' and "))).toBe(true);
  });

  it('keeps the log with its action: H-1 never sees H-10\'s log', async () => {
    for (let i = 0; i < 10; i++) await store.create('wp-log', draft(), tobias);
    await store.change('wp-log', 1, tobias, () => ({ patch: {}, log: { kind: 'note', text: 'note 1' } }));
    clock.advance(60_000);
    await store.change('wp-log', 1, tobias, () => ({ patch: { status: 'started' }, log: { kind: 'started', text: 'i gang' } }));
    await store.change('wp-log', 10, tobias, () => ({ patch: {}, log: { kind: 'note', text: 'note 10' } }));
    const one = await store.getWithLog('wp-log', 1);
    expect(one?.action.status).toBe('started');
    expect(one?.log.map((e) => e.text)).toEqual(['note 1', 'i gang']);
    expect((await store.getWithLog('wp-log', 10))?.log.map((e) => e.text)).toEqual(['note 10']);
    expect(await store.getWithLog('wp-log', 11)).toBeUndefined();
    const all = await store.listAll('wp-log');
    expect(all).toHaveLength(10);
    expect(all[0]?.log).toHaveLength(2);
  });

  it('applies concurrent changes one after the other (ETag), losing none', async () => {
    await store.create('wp-conc', draft(), tobias);
    await Promise.all(Array.from({ length: 4 }, (_, i) => store.change('wp-conc', 1, tobias, () => ({ patch: {}, log: { kind: 'note', text: `n${i}` } }))));
    expect((await store.getWithLog('wp-conc', 1))?.log.map((e) => e.text).sort()).toEqual(['n0', 'n1', 'n2', 'n3']);
  });

  it('re-decides on the newest row, and writes nothing when the decision throws', async () => {
    await store.create('wp-dec', draft(), tobias);
    const once = (text: string) =>
      store.change('wp-dec', 1, tobias, (a) => {
        if (a.status !== 'open') throw new Error('already closed');
        return { patch: { status: 'done', closedAt: clock.now().toISOString() }, log: { kind: 'completed', text } };
      });
    const results = await Promise.allSettled([once('a'), once('b')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual(['Error: already closed']);
    expect((await store.getWithLog('wp-dec', 1))?.log).toHaveLength(1);
  });

  it('remembers the last digest fingerprint per workplace', async () => {
    expect(await store.digestState('wp-a')).toBeUndefined();
    await store.saveDigestState('wp-a', 'abc');
    expect(await store.digestState('wp-a')).toBe('abc');
    expect(await store.listOpen('wp-a')).toHaveLength(2);
  });

  it('exports ConcurrentChangeError for callers that give up', () => {
    expect(new ConcurrentChangeError().name).toBe('ConcurrentChangeError');
  });
});
