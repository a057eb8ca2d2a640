import { odata } from '@azure/data-tables';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import type { Forum, Membership } from '../core/access.js';
import type { Role } from '../core/types.js';
import { jsonColumn, optionalJsonColumn, rowCodec } from '../storage/codec.js';
import { updateWithEtag } from '../storage/etag.js';
import { NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import { forumSchema, parseRoles, roleSchema, type Member, type Workplace } from './model.js';

export const WORKPLACE_TABLES = ['Workplaces', 'Members', 'MemberIndex', 'Channels'] as const;

const WP_PARTITION = 'workplace';

const text = z.string().catch('');
const channelLink = z.object({ conversationId: z.string(), teamId: z.string() });

const workplaceColumns = z.object({
  name: z.string(),
  createdAt: text,
  createdBy: text,
  /** The registered channels, as JSON ('' when none). */
  trio: optionalJsonColumn(channelLink),
  med: optionalJsonColumn(channelLink),
  /** Feature settings as JSON per feature key; each feature validates its own part. */
  settings: jsonColumn(z.record(z.string(), z.unknown()), {}),
});
const workplaceRow = rowCodec('Workplaces', workplaceColumns);

/** The same columns in Members (PK workplace) and MemberIndex (PK person). */
const memberRow = rowCodec(
  'Members',
  z.object({
    workplaceName: text,
    teamsUserId: text,
    name: text,
    /** Comma-separated; unknown values are dropped. */
    roles: z.codec(z.string().optional(), z.array(roleSchema), { decode: (v) => parseRoles(v), encode: (roles) => roles.join(',') }),
    /** '' when unknown. */
    startDate: text,
    /** 0 when unknown. */
    birthYear: z.number().int().catch(0),
  }),
);

const channelRow = rowCodec('Channels', z.object({ workplaceId: z.string(), workplaceName: text, forum: forumSchema, teamId: text }));

/**
 * Workplaces, their members and the channels registered to them.
 * Members are written twice: by workplace (Members, for rosters and fan-outs) and by
 * person (MemberIndex, so one partition read gives a user's roles everywhere).
 * The Members row is the truth; the index is rewritten from it.
 */
export class WorkplaceStore {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  private t(name: (typeof WORKPLACE_TABLES)[number]) {
    return this.storage.table(name);
  }

  async get(id: string): Promise<Workplace | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.t('Workplaces'), WP_PARTITION, id);
    return row ? toWorkplace(row.rowKey, workplaceRow.decode(row)) : undefined;
  }

  async list(): Promise<Workplace[]> {
    const rows = await listAll<Record<string, unknown>>(this.t('Workplaces'), odata`PartitionKey eq ${WP_PARTITION}`);
    return rows.map((r) => toWorkplace(r.rowKey, workplaceRow.decode(r)));
  }

  /** Creates the workplace; returns false when it already exists (409). */
  async create(id: string, name: string, createdBy: string): Promise<boolean> {
    try {
      const columns = workplaceRow.encode({ name, createdAt: this.clock.now().toISOString(), createdBy, settings: {} });
      await this.t('Workplaces').createEntity({ partitionKey: WP_PARTITION, rowKey: id, ...columns });
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }

  /**
   * Links a channel as the workplace's TRIO or MED channel (ETag-guarded merge, retried on
   * a lost race). True when this call changed the link; false when it was linked already,
   * so that of two concurrent registrations exactly one reports the change.
   */
  async linkChannel(workplaceId: string, forum: Forum, conversationId: string, teamId: string): Promise<boolean> {
    const what = `Workplace ${workplaceId}`;
    const { row, changed } = await updateWithEtag(`Channel link of ${what}`, async () => {
      const entity = await getOrUndefined<Record<string, unknown>>(this.t('Workplaces'), WP_PARTITION, workplaceId);
      if (!entity) throw new NotFoundError(what);
      const row = workplaceRow.decode(entity);
      const previous = row[forum];
      if (previous?.conversationId === conversationId && previous.teamId === teamId) return { row, changed: false, previous };
      await this.t('Workplaces').updateEntity(
        { partitionKey: WP_PARTITION, rowKey: workplaceId, [forum]: z.encode(workplaceColumns.shape[forum], { conversationId, teamId }) },
        'Merge',
        { etag: entity.etag },
      );
      if (previous && previous.conversationId !== conversationId) {
        await this.t('Channels').deleteEntity('channel', safeKey(previous.conversationId)).catch(() => undefined);
      }
      return { row, changed: true, previous };
    });
    // The lookup row is written every time (idempotent): a run that died after the link still leaves it right.
    await this.t('Channels').upsertEntity(
      { partitionKey: 'channel', rowKey: safeKey(conversationId), ...channelRow.encode({ workplaceId, workplaceName: row.name, forum, teamId }) },
      'Replace',
    );
    return changed;
  }

  async channel(conversationId: string): Promise<{ workplaceId: string; workplaceName: string; forum: Forum } | undefined> {
    const entity = await getOrUndefined<Record<string, unknown>>(this.t('Channels'), 'channel', safeKey(conversationId));
    if (!entity) return undefined;
    const row = channelRow.decode(entity);
    return { workplaceId: row.workplaceId, workplaceName: row.workplaceName, forum: row.forum };
  }

  /** Feature settings are merged per feature key with an ETag, so features never overwrite each other. */
  async updateSettings(workplaceId: string, feature: string, value: unknown): Promise<void> {
    const what = `Workplace ${workplaceId}`;
    await updateWithEtag(`Settings of ${what}`, async () => {
      const entity = await getOrUndefined<Record<string, unknown>>(this.t('Workplaces'), WP_PARTITION, workplaceId);
      if (!entity) throw new NotFoundError(what);
      const settings = { ...workplaceRow.decode(entity).settings, [feature]: value };
      await this.t('Workplaces').updateEntity(
        { partitionKey: WP_PARTITION, rowKey: workplaceId, settings: z.encode(workplaceColumns.shape.settings, settings) },
        'Merge',
        { etag: entity.etag },
      );
    });
  }

  /**
   * Changes one feature's settings from what is stored at that moment (ETag-guarded, so
   * racing changes each see the other's): `change` returns the new value, or undefined
   * when nothing needs to change (then nothing is written).
   */
  async changeSettings(workplaceId: string, feature: string, change: (current: unknown) => unknown): Promise<void> {
    const what = `Workplace ${workplaceId}`;
    await updateWithEtag(`Settings of ${what}`, async () => {
      const entity = await getOrUndefined<Record<string, unknown>>(this.t('Workplaces'), WP_PARTITION, workplaceId);
      if (!entity) throw new NotFoundError(what);
      const current = workplaceRow.decode(entity).settings;
      const next = change(current[feature]);
      if (next === undefined) return;
      await this.t('Workplaces').updateEntity(
        { partitionKey: WP_PARTITION, rowKey: workplaceId, settings: z.encode(workplaceColumns.shape.settings, { ...current, [feature]: next }) },
        'Merge',
        { etag: entity.etag },
      );
    });
  }

  async upsertMember(m: Member): Promise<void> {
    const row = memberRow.encode({
      workplaceName: m.workplaceName,
      teamsUserId: m.teamsUserId,
      name: m.name,
      roles: m.roles,
      startDate: m.startDate ?? '',
      birthYear: m.birthYear ?? 0,
    });
    await this.t('Members').upsertEntity({ partitionKey: m.workplaceId, rowKey: safeKey(m.aadObjectId), ...row }, 'Replace');
    await this.t('MemberIndex').upsertEntity({ partitionKey: safeKey(m.aadObjectId), rowKey: m.workplaceId, ...row }, 'Replace');
  }

  async removeMember(workplaceId: string, aadObjectId: string): Promise<void> {
    for (const [table, pk, rk] of [
      ['Members', workplaceId, safeKey(aadObjectId)],
      ['MemberIndex', safeKey(aadObjectId), workplaceId],
    ] as const) {
      await this.t(table)
        .deleteEntity(pk, rk)
        .catch((e: unknown) => {
          if (statusOf(e) !== 404) throw e;
        });
    }
  }

  async member(workplaceId: string, aadObjectId: string): Promise<Member | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.t('Members'), workplaceId, safeKey(aadObjectId));
    return row ? toMember(workplaceId, row.rowKey, memberRow.decode(row)) : undefined;
  }

  /** All members of a workplace: one partition query. */
  async members(workplaceId: string): Promise<Member[]> {
    const rows = await listAll<Record<string, unknown>>(this.t('Members'), odata`PartitionKey eq ${workplaceId}`);
    return rows.map((r) => toMember(workplaceId, r.rowKey, memberRow.decode(r))).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }

  async membersWithRole(workplaceId: string, role: Role): Promise<Member[]> {
    return (await this.members(workplaceId)).filter((m) => m.roles.includes(role));
  }

  /** A person's memberships in every workplace: one partition query. */
  async membershipsOf(aadObjectId: string): Promise<Membership[]> {
    const rows = await listAll<Record<string, unknown>>(this.t('MemberIndex'), odata`PartitionKey eq ${safeKey(aadObjectId)}`);
    return rows
      .map((r) => ({ workplaceId: r.rowKey, ...memberRow.decode(r) }))
      .map((m) => ({ workplaceId: m.workplaceId, workplaceName: m.workplaceName, roles: m.roles }))
      .filter((m) => m.roles.length > 0);
  }
}

function toWorkplace(id: string, row: z.output<typeof workplaceColumns>): Workplace {
  return {
    id,
    name: row.name,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    ...(row.trio ? { trio: row.trio } : {}),
    ...(row.med ? { med: row.med } : {}),
    settings: row.settings,
  };
}

function toMember(workplaceId: string, aadObjectId: string, row: z.output<typeof memberRow.schema>): Member {
  return {
    workplaceId,
    workplaceName: row.workplaceName,
    aadObjectId,
    teamsUserId: row.teamsUserId,
    name: row.name,
    roles: row.roles,
    ...(row.startDate ? { startDate: row.startDate } : {}),
    ...(row.birthYear ? { birthYear: row.birthYear } : {}),
  };
}
