import type { TableClient, TransactionAction } from '@azure/data-tables';
import { onceId, type Once } from '../core/once.js';
import { getOrUndefined, statusOf } from './tables.js';

/**
 * Storage helpers for writes under a one-time key (src/core/once.ts).
 *
 * A create whose row key cannot come from the key (an action number from a counter) writes
 * a marker row in the same transaction, in the same partition: RowKey "~once~<id>" with
 * what was created. "~" sorts after every other row key of the partitions that use it, so
 * range queries and prefix queries never meet a marker. A replay (or a second writer with
 * the same key) finds the marker and returns what exists instead of creating it again;
 * the transaction itself guarantees that at most one of two racing writers creates it.
 */
export const MARKER_PREFIX = '~once~';

export const markerKey = (once: Pick<Once, 'key'>, label = ''): string => `${MARKER_PREFIX}${onceId(once, `marker|${label}`)}`;

/** The marker's create operation, to add to the record's own transaction. */
export function markerOp(partitionKey: string, once: Pick<Once, 'key'>, columns: Record<string, string | number | boolean>, label = ''): TransactionAction {
  return ['create', { partitionKey, rowKey: markerKey(once, label), kind: 'once', ...columns }];
}

/** The marker written under this key, if any. */
export async function readMarker(table: TableClient, partitionKey: string, once: Pick<Once, 'key'>, label = ''): Promise<Record<string, unknown> | undefined> {
  return getOrUndefined<Record<string, unknown>>(table, partitionKey, markerKey(once, label));
}

/**
 * Submits a transaction that carries a marker (markerOp). When it fails because the marker
 * exists (another run of the same key was first), the marker is returned; any other
 * failure is thrown as it is (a lost ETag race is retried by the caller's updateWithEtag).
 */
export async function submitOnce(table: TableClient, ops: TransactionAction[], partitionKey: string, once: Pick<Once, 'key'>, label = ''): Promise<Record<string, unknown> | undefined> {
  try {
    await table.submitTransaction(ops);
    return undefined;
  } catch (e) {
    if (statusOf(e) !== 409 && statusOf(e) !== 412) throw e;
    const marker = await readMarker(table, partitionKey, once, label);
    if (marker) return marker;
    throw e;
  }
}

/**
 * Recent one-time keys that changed a row, kept on the row itself (a JSON column): a replay
 * of a change that was already made sees its key and does not make it again. The newest
 * `KEEP` ids are kept; a replay comes within minutes, long before 20 later changes.
 */
export const APPLIED_KEEP = 20;

export function wasApplied(applied: readonly string[] | undefined, once: Pick<Once, 'key'> | undefined): boolean {
  return once !== undefined && (applied ?? []).includes(onceId(once, 'applied'));
}

export function withApplied(applied: readonly string[] | undefined, once: Pick<Once, 'key'> | undefined): string[] {
  const list = [...(applied ?? [])];
  if (!once) return list;
  return [...list, onceId(once, 'applied')].slice(-APPLIED_KEEP);
}
