import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { statusOf } from '../storage/tables.js';

/**
 * Small table helpers of the privacy jobs: they read rows of other features' tables by
 * their documented layout (each store's header) and delete them in transactions per
 * partition. They never decode content they do not need.
 */
export type RawRow = Record<string, unknown> & { partitionKey: string; rowKey: string };

export async function rows(table: TableClient, filter?: string, select?: string[]): Promise<RawRow[]> {
  const out: RawRow[] = [];
  const queryOptions = { ...(filter ? { filter } : {}), ...(select ? { select: ['PartitionKey', 'RowKey', ...select] } : {}) };
  try {
    for await (const e of table.listEntities<Record<string, unknown>>({ queryOptions })) out.push(e as RawRow);
  } catch (e) {
    if (statusOf(e) === 404) return []; // the table does not exist (a feature not used yet)
    throw e;
  }
  return out;
}

/** Deletes the rows (any partitions), 100 per transaction; rows gone meanwhile are skipped. Returns how many were deleted. */
export async function deleteRows(table: TableClient, keys: readonly { partitionKey: string; rowKey: string }[]): Promise<number> {
  const byPartition = new Map<string, string[]>();
  for (const k of keys) byPartition.set(k.partitionKey, [...(byPartition.get(k.partitionKey) ?? []), k.rowKey]);
  let deleted = 0;
  for (const [partitionKey, rowKeys] of byPartition) {
    const unique = [...new Set(rowKeys)];
    for (let i = 0; i < unique.length; i += 100) {
      const batch = unique.slice(i, i + 100);
      try {
        await table.submitTransaction(batch.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]));
        deleted += batch.length;
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
        for (const rowKey of batch) {
          try {
            await table.deleteEntity(partitionKey, rowKey);
            deleted++;
          } catch (err) {
            if (statusOf(err) !== 404) throw err;
          }
        }
      }
    }
  }
  return deleted;
}

/** Rows of one partition whose RowKey starts with `prefix`. */
export const prefixFilter = (partitionKey: string, prefix: string): string =>
  odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${`${prefix}\uffff`}`;
