import { odata } from '@azure/data-tables';
import type { Clock } from '../core/clock.js';
import { statusOf, type Storage } from '../storage/tables.js';
import type { ActivityLedger, ClaimResult } from './types.js';

export const INBOX_TABLE = 'Inbox';

/**
 * Table `Inbox`: one row per handled activity, and nothing else.
 *
 *   PartitionKey  the key's first hex digit (16 partitions, so the purge scans small ones)
 *   RowKey        the key: a hash of channel, conversation and activity id (no personal data)
 *   kind          activity type ("message", "invoke", ...)
 *   at            when it was claimed (the purge deletes rows older than the retention)
 *
 * A claim is one createEntity: the second create of the same key gets 409, so of two
 * instances racing for one activity exactly one does the work.
 */
export class InboxStore implements ActivityLedger {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  private get table() {
    return this.storage.table(INBOX_TABLE);
  }

  async claim(key: string, kind: string): Promise<ClaimResult> {
    try {
      await this.table.createEntity({ partitionKey: partitionOf(key), rowKey: key, kind, at: this.clock.now() });
      return 'first';
    } catch (e) {
      if (statusOf(e) === 409) return 'seen';
      throw e;
    }
  }

  /** Deletes claims older than `before`, at most `limit` of them; returns how many. */
  async purge(before: Date, limit = 10_000): Promise<number> {
    let deleted = 0;
    for (let p = 0; p < 16 && deleted < limit; p++) {
      const partition = p.toString(16);
      const keys: string[] = [];
      const rows = this.table.listEntities<{ rowKey: string }>({
        queryOptions: { filter: odata`PartitionKey eq ${partition} and at lt ${before}`, select: ['RowKey'] },
      });
      for await (const row of rows) {
        keys.push(row.rowKey);
        if (deleted + keys.length >= limit) break;
      }
      for (let i = 0; i < keys.length; i += 100) {
        const batch = keys.slice(i, i + 100);
        try {
          await this.table.submitTransaction(batch.map((rowKey) => ['delete', { partitionKey: partition, rowKey }]));
        } catch (e) {
          // Another instance purged some of them first: delete the rest one by one.
          if (statusOf(e) !== 404) throw e;
          for (const rowKey of batch) await this.table.deleteEntity(partition, rowKey).catch((err: unknown) => (statusOf(err) === 404 ? undefined : Promise.reject(err)));
        }
        deleted += batch.length;
      }
    }
    return deleted;
  }
}

function partitionOf(key: string): string {
  return key[0] ?? '0';
}
