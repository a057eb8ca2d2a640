import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, codeOf } from '../../src/core/errors.js';
import { jsonColumn, optionalJsonColumn, rowCodec } from '../../src/storage/codec.js';
import { updateWithEtag } from '../../src/storage/etag.js';
import { ConflictError, MalformedRowError, NotFoundError } from '../../src/storage/errors.js';
import { getOrUndefined } from '../../src/storage/tables.js';
import { testStorage } from '../support/storage.js';

/** The storage helpers every store uses, on Azurite: the one ETag loop and the row codecs. */
const storage = testStorage();
const table = () => storage.table('Helpers');

beforeAll(async () => {
  await storage.ensure(['Helpers']);
});

describe('updateWithEtag', () => {
  it('lets concurrent writers of one row all land, each deciding on the newest state', async () => {
    await table().createEntity({ partitionKey: 'p', rowKey: 'counter', n: 0 });
    const increment = () =>
      updateWithEtag('counter', async () => {
        const row = (await getOrUndefined<{ n: number }>(table(), 'p', 'counter'))!;
        await table().updateEntity({ partitionKey: 'p', rowKey: 'counter', n: row.n + 1 }, 'Merge', { etag: row.etag });
      }, { attempts: 20, jitterMs: 5 });
    await Promise.all(Array.from({ length: 6 }, increment));
    expect((await getOrUndefined<{ n: number }>(table(), 'p', 'counter'))?.n).toBe(6);
  });

  it('gives up after the given attempts with a ConflictError (code CONFLICT)', async () => {
    let calls = 0;
    const lost = Object.assign(new Error('precondition failed'), { statusCode: 412 });
    const run = updateWithEtag('row', async () => {
      calls++;
      throw lost;
    }, { attempts: 3 });
    await expect(run).rejects.toBeInstanceOf(ConflictError);
    await expect(run).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(calls).toBe(3);
  });

  it('passes a refusal and any other failure through at once, without retrying', async () => {
    let calls = 0;
    await expect(updateWithEtag('row', async () => {
      calls++;
      throw new NotFoundError('Row p/x');
    })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Row p/x not found' });
    expect(calls).toBe(1);
    await expect(updateWithEtag('row', async () => {
      throw Object.assign(new Error('server busy'), { statusCode: 503 });
    })).rejects.toThrow('server busy');
  });
});

describe('rowCodec', () => {
  const codec = rowCodec('Helpers', z.object({
    name: z.string(),
    tags: jsonColumn(z.array(z.string()), []),
    when: optionalJsonColumn(z.object({ date: z.string() })),
  }));

  it('writes JSON columns as strings and reads them back validated', async () => {
    const columns = codec.encode({ name: 'Solhøj', tags: ['a', 'b'], when: undefined });
    expect(columns).toEqual({ name: 'Solhøj', tags: '["a","b"]', when: '' });
    await table().upsertEntity({ partitionKey: 'c', rowKey: '1', ...columns }, 'Replace');
    const read = (await getOrUndefined<Record<string, unknown>>(table(), 'c', '1'))!;
    expect(codec.decode(read)).toEqual({ name: 'Solhøj', tags: ['a', 'b'] });
    expect(codec.decode({ name: 'x', tags: '', when: '{"date":"2026-12-01"}' })).toEqual({ name: 'x', tags: [], when: { date: '2026-12-01' } });
  });

  it('refuses a row whose JSON column is not what the schema says, naming the field but not the value', () => {
    const bad = () => codec.decode({ partitionKey: 'c', rowKey: '2', name: 'x', tags: '[1, "HEMMELIG"]' });
    expect(bad).toThrow(MalformedRowError);
    expect(bad).toThrow('Helpers row c/2 is malformed in tags.0');
    expect(() => codec.decode({ name: 'x', tags: '{not json' })).toThrow(/malformed in tags/);
    try {
      bad();
    } catch (e) {
      expect(codeOf(e)).toBe('STORAGE');
      expect(String((e as Error).message)).not.toContain('HEMMELIG');
    }
  });
});

describe('error codes', () => {
  it('every error has a code: app errors their own, Azure answers STORAGE, connector failures TRANSPORT, the rest INTERNAL', () => {
    expect(codeOf(new AppError('CONFIG', 'x'))).toBe('CONFIG');
    expect(codeOf(Object.assign(new Error('x'), { statusCode: 500 }))).toBe('STORAGE');
    expect(codeOf(Object.assign(new Error('x'), { name: 'TransportError' }))).toBe('TRANSPORT');
    expect(codeOf(new TypeError('x'))).toBe('INTERNAL');
    expect(codeOf('a string')).toBe('INTERNAL');
  });
});
