import { randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { Clock } from '../core/clock.js';
import { getOrUndefined, listAll, newestFirstKey, safeKey, statusOf, type Storage } from '../storage/tables.js';

export const PRIVACY_TABLE = 'Privacy';

/**
 * Table `Privacy`:
 *   PK 'restricted', RK <aad id>      a restriction in force (art. 18): since, ordered by
 *   PK 'erasure',    RK newest first  an erasure receipt: when, who ordered it, a reference
 *                                     number for the DPO's case file. Never whose data or what.
 */
export class PrivacyStore {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  private get table() {
    return this.storage.table(PRIVACY_TABLE);
  }

  async restrict(aadObjectId: string, by: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: 'restricted', rowKey: safeKey(aadObjectId.toLowerCase()), since: this.clock.now().toISOString(), by }, 'Replace');
  }

  async lift(aadObjectId: string): Promise<boolean> {
    try {
      await this.table.deleteEntity('restricted', safeKey(aadObjectId.toLowerCase()));
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
  }

  async isRestricted(aadObjectId: string): Promise<boolean> {
    try {
      return (await getOrUndefined(this.table, 'restricted', safeKey(aadObjectId.toLowerCase()))) !== undefined;
    } catch (e) {
      if (statusOf(e) === 404) return false; // no table yet
      throw e;
    }
  }

  /** Records that an erasure happened; returns its reference number. */
  async receipt(by: string): Promise<string> {
    const at = this.clock.now();
    const reference = `SL-${randomBytes(4).toString('hex')}`;
    await this.table.createEntity({ partitionKey: 'erasure', rowKey: newestFirstKey(at, reference), at: at.toISOString(), by, reference });
    return reference;
  }

  async receipts(): Promise<{ at: string; by: string; reference: string }[]> {
    const rows = await listAll<{ at: string; by: string; reference: string }>(this.table, odata`PartitionKey eq 'erasure'`);
    return rows.map((r) => ({ at: r.at, by: r.by, reference: r.reference }));
  }
}
