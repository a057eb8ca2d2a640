import { odata } from '@azure/data-tables';
import type { Clock } from '../core/clock.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';

export const CONVERSATIONS_TABLE = 'Conversations';

/**
 * Where the bot can write later: a channel or a user's personal chat. The reference
 * itself is opaque JSON made by the bot layer (a Bot Framework conversation reference,
 * without the activity id); the domain only stores it and hands it back to the sender.
 *
 * A row is written only when what it holds really changes (first contact, a new
 * service URL, a reinstall after a block), never merely because a person wrote: its
 * `updatedAt` and Timestamp then say when the reference changed, not when the person
 * last used the bot. (The pulse answer does not even reach `save`: bot layer.)
 */
export type TargetKind = 'user' | 'channel';

export interface StoredTarget {
  kind: TargetKind;
  /** aadObjectId for users, the channel's conversation id for channels. */
  key: string;
  reference: string;
  tenantId: string;
  serviceUrl: string;
  /** For channels: the team they belong to (uninstalling from a team removes them all). */
  teamId?: string;
  active: boolean;
  inactiveReason?: string;
  updatedAt: string;
}

interface Row {
  reference: string;
  tenantId: string;
  serviceUrl: string;
  teamId: string;
  active: boolean;
  inactiveReason: string;
  updatedAt: string;
}

export class ConversationStore {
  /** What is stored, per target (avoids a read on every turn): the row is written only when this changes. */
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  private get table() {
    return this.storage.table(CONVERSATIONS_TABLE);
  }

  async save(target: Omit<StoredTarget, 'active' | 'updatedAt'>): Promise<void> {
    const cacheKey = `${target.kind}/${target.key}`;
    const content = JSON.stringify([target.reference, target.tenantId, target.serviceUrl, target.teamId ?? '']);
    if (this.seen.get(cacheKey) === content) return;
    const stored = await getOrUndefined<Row>(this.table, target.kind, safeKey(target.key));
    if (stored?.active && JSON.stringify([stored.reference, stored.tenantId, stored.serviceUrl, stored.teamId ?? '']) === content) {
      this.seen.set(cacheKey, content);
      return;
    }
    await this.table.upsertEntity(
      {
        partitionKey: target.kind,
        rowKey: safeKey(target.key),
        reference: target.reference,
        tenantId: target.tenantId,
        serviceUrl: target.serviceUrl,
        teamId: target.teamId ?? '',
        active: true,
        inactiveReason: '',
        updatedAt: this.clock.now().toISOString(),
      },
      'Replace',
    );
    this.seen.set(cacheKey, content);
  }

  async get(kind: TargetKind, key: string): Promise<StoredTarget | undefined> {
    const row = await getOrUndefined<Row>(this.table, kind, safeKey(key));
    return row ? toTarget(kind, key, row) : undefined;
  }

  /** The user blocked the bot or uninstalled it: never write there again until they return. */
  async deactivate(kind: TargetKind, key: string, reason: string): Promise<void> {
    this.seen.delete(`${kind}/${key}`);
    try {
      await this.table.updateEntity(
        { partitionKey: kind, rowKey: safeKey(key), active: false, inactiveReason: reason, updatedAt: this.clock.now().toISOString() },
        'Merge',
      );
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  }

  /** Removes every channel reference of a team (bot uninstalled from the team). */
  async deactivateTeam(teamId: string, reason: string): Promise<number> {
    const rows = await listAll<Row>(this.table, odata`PartitionKey eq 'channel' and teamId eq ${teamId}`);
    for (const row of rows) await this.deactivate('channel', row.rowKey, reason);
    return rows.length;
  }
}

function toTarget(kind: TargetKind, key: string, row: Row): StoredTarget {
  return {
    kind,
    key,
    reference: row.reference,
    tenantId: row.tenantId,
    serviceUrl: row.serviceUrl,
    ...(row.teamId ? { teamId: row.teamId } : {}),
    active: row.active,
    ...(row.inactiveReason ? { inactiveReason: row.inactiveReason } : {}),
    updatedAt: row.updatedAt,
  };
}
