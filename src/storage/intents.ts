import { createHash } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { rowCodec } from './codec.js';
import { getOrUndefined, statusOf, type Storage } from './tables.js';

export const INTENTS_TABLE = 'Intents';

/**
 * Table `Intents`: one row per write that was asked for (a card button's one-time key, or
 * an incoming command), so that it happens once and is finished after a crash.
 *
 *   PartitionKey  the first hex digit of the key's hash (16 partitions)
 *   RowKey "k~<hash>"  the intent: state open|done, what was asked for (while open), a ref
 *   RowKey "o~<hash>"  only while open: who runs it and until when (the lease)
 *
 * Beginning writes both rows in one transaction, finishing updates the intent and deletes
 * the open row in one transaction: "open" is exactly the set of o~ rows, so the repair pass
 * reads 16 small key ranges instead of scanning the table. The key itself is hashed (no
 * personal data in keys); `input` holds the card data while the write is open (a sickness
 * note can be in it) and is emptied when it is done.
 */
const intentRow = rowCodec(
  INTENTS_TABLE,
  z.object({
    state: z.enum(['open', 'done']),
    input: z.string().catch(''),
    at: z.string(),
    ref: z.string().catch(''),
    doneAt: z.string().catch(''),
  }),
);
const openRow = rowCodec(INTENTS_TABLE, z.object({ owner: z.string(), until: z.string(), tries: z.number().int().catch(0) }));

export interface IntentState {
  state: 'open' | 'done';
  input: string;
  at: Date;
  ref?: string;
  /** While open: the lease (ETag for a takeover). */
  lease?: { owner: string; until: Date; etag: string; tries: number };
}

export interface OpenIntent {
  key: string;
  input: string;
  at: Date;
  lease: { owner: string; until: Date; etag: string; tries: number };
}

const where = (key: string) => {
  const digest = createHash('sha256').update(key).digest();
  return { partitionKey: (digest[0]! >> 4).toString(16), h: digest.toString('base64url') };
};
const ignore404 = (e: unknown) => {
  if (statusOf(e) !== 404) throw e;
};

export class IntentStore {
  constructor(private readonly storage: Storage) {}

  private get table(): TableClient {
    return this.storage.table(INTENTS_TABLE);
  }

  /** Claims the key: true when this call began it, false when it exists (open or done). */
  async begin(key: string, input: string, at: Date, owner: string, until: Date): Promise<boolean> {
    const { partitionKey, h } = where(key);
    try {
      await this.table.submitTransaction([
        ['create', { partitionKey, rowKey: `k~${h}`, ...intentRow.encode({ state: 'open', input, at: at.toISOString(), ref: '', doneAt: '' }) }],
        ['create', { partitionKey, rowKey: `o~${h}`, ...openRow.encode({ owner, until: until.toISOString(), tries: 0 }), intent: key }],
      ]);
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }

  async read(key: string): Promise<IntentState | undefined> {
    const { partitionKey, h } = where(key);
    for (let attempt = 0; attempt < 3; attempt++) {
      const intent = await getOrUndefined<Record<string, unknown>>(this.table, partitionKey, `k~${h}`);
      if (!intent) return undefined;
      const row = intentRow.decode(intent);
      const base = { input: row.input, at: new Date(row.at), ...(row.ref ? { ref: row.ref } : {}) };
      if (row.state === 'done') return { state: 'done', ...base };
      const open = await getOrUndefined<Record<string, unknown>>(this.table, partitionKey, `o~${h}`);
      if (open) {
        const lease = openRow.decode(open);
        return { state: 'open', ...base, lease: { owner: lease.owner, until: new Date(lease.until), etag: open.etag, tries: lease.tries } };
      }
      // Read between the two rows of a finish or a drop (each one transaction): read again.
    }
    return undefined;
  }

  /** Takes over an open intent whose lease ran out (ETag: of two takers, one wins). */
  async takeOver(key: string, etag: string, owner: string, until: Date, tries: number): Promise<boolean> {
    const { partitionKey, h } = where(key);
    try {
      await this.table.updateEntity({ partitionKey, rowKey: `o~${h}`, ...openRow.encode({ owner, until: until.toISOString(), tries }) }, 'Merge', { etag });
      return true;
    } catch (e) {
      if (statusOf(e) === 412 || statusOf(e) === 404) return false;
      throw e;
    }
  }

  /** Done: the intent keeps its ref (for the answer to a repeat), the input is dropped. */
  async finish(key: string, ref: string | undefined, at: Date): Promise<void> {
    const { partitionKey, h } = where(key);
    try {
      await this.table.submitTransaction([
        ['update', { partitionKey, rowKey: `k~${h}`, state: 'done', input: '', ref: ref ?? '', doneAt: at.toISOString() }, 'Merge'],
        ['delete', { partitionKey, rowKey: `o~${h}` }],
      ]);
    } catch (e) {
      // Another run of the same key (a takeover) finished it first.
      ignore404(e);
    }
  }

  /** A first run that was refused (nothing written): the key may be used again, e.g. after the user fixed the input. */
  async drop(key: string): Promise<void> {
    const { partitionKey, h } = where(key);
    try {
      await this.table.submitTransaction([
        ['delete', { partitionKey, rowKey: `k~${h}` }],
        ['delete', { partitionKey, rowKey: `o~${h}` }],
      ]);
    } catch (e) {
      ignore404(e);
    }
  }

  /** A run that failed half-way: its lease ends now, so the next attempt or the repair finishes it. */
  async release(key: string): Promise<void> {
    const { partitionKey, h } = where(key);
    await this.table.updateEntity({ partitionKey, rowKey: `o~${h}`, until: new Date(0).toISOString() }, 'Merge').catch(ignore404);
  }

  /** Open intents whose lease ended before `now`, at most `limit`. */
  async expired(now: Date, limit: number): Promise<OpenIntent[]> {
    const out: OpenIntent[] = [];
    for (let p = 0; p < 16 && out.length < limit; p++) {
      const partitionKey = p.toString(16);
      const rows = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey} and RowKey ge 'o~' and RowKey lt 'o~~'` } });
      for await (const row of rows) {
        const lease = openRow.decode(row);
        if (new Date(lease.until) >= now || typeof row.intent !== 'string') continue;
        const intent = await getOrUndefined<Record<string, unknown>>(this.table, partitionKey, `k~${String(row.rowKey).slice(2)}`);
        if (!intent) {
          // The open row outlived its intent (a dropped key): nothing to finish.
          await this.table.deleteEntity(partitionKey, String(row.rowKey)).catch(ignore404);
          continue;
        }
        const decoded = intentRow.decode(intent);
        out.push({ key: row.intent, input: decoded.input, at: new Date(decoded.at), lease: { owner: lease.owner, until: new Date(lease.until), etag: String(row.etag), tries: lease.tries } });
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  /** How many intents are open (for readiness and tests). */
  async countOpen(): Promise<number> {
    let n = 0;
    for (let p = 0; p < 16; p++) {
      const rows = this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${p.toString(16)} and RowKey ge 'o~' and RowKey lt 'o~~'`, select: ['RowKey'] } });
      for await (const _ of rows) n++;
    }
    return n;
  }

  /** Deletes done intents finished before `before`, at most `limit`; returns how many. */
  async purge(before: Date, limit = 10_000): Promise<number> {
    let deleted = 0;
    for (let p = 0; p < 16 && deleted < limit; p++) {
      const partitionKey = p.toString(16);
      const keys: string[] = [];
      const rows = this.table.listEntities<{ rowKey: string }>({
        queryOptions: { filter: odata`PartitionKey eq ${partitionKey} and state eq 'done' and doneAt lt ${before.toISOString()}`, select: ['RowKey'] },
      });
      for await (const row of rows) {
        keys.push(row.rowKey);
        if (deleted + keys.length >= limit) break;
      }
      for (const rowKey of keys) await this.table.deleteEntity(partitionKey, rowKey).catch(ignore404);
      deleted += keys.length;
    }
    return deleted;
  }
}
