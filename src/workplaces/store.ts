import { odata } from '@azure/data-tables';
import type { Clock } from '../core/clock.js';
import type { Forum, Membership } from '../core/access.js';
import type { Role } from '../core/types.js';
import { updateWithEtag } from '../storage/etag.js';
import { NotFoundError } from '../storage/errors.js';
import { getOrUndefined, listAll, safeKey, statusOf, type Storage } from '../storage/tables.js';
import { parseRoles, type Member, type Workplace } from './model.js';

export const WORKPLACE_TABLES = ['Workplaces', 'Members', 'MemberIndex', 'Channels'] as const;

const WP_PARTITION = 'workplace';

interface WorkplaceRow {
  name: string;
  createdAt: string;
  createdBy: string;
  trio: string;
  med: string;
  settings: string;
}

interface MemberRow {
  workplaceName: string;
  teamsUserId: string;
  name: string;
  roles: string;
  startDate: string;
  birthYear: number;
}

interface ChannelRow {
  workplaceId: string;
  workplaceName: string;
  forum: Forum;
  teamId: string;
}

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
    const row = await getOrUndefined<WorkplaceRow>(this.t('Workplaces'), WP_PARTITION, id);
    return row ? toWorkplace(row.rowKey, row) : undefined;
  }

  async list(): Promise<Workplace[]> {
    const rows = await listAll<WorkplaceRow>(this.t('Workplaces'), odata`PartitionKey eq ${WP_PARTITION}`);
    return rows.map((r) => toWorkplace(r.rowKey, r));
  }

  /** Creates the workplace; returns false when it already exists (409). */
  async create(id: string, name: string, createdBy: string): Promise<boolean> {
    try {
      await this.t('Workplaces').createEntity({
        partitionKey: WP_PARTITION,
        rowKey: id,
        name,
        createdAt: this.clock.now().toISOString(),
        createdBy,
        trio: '',
        med: '',
        settings: '{}',
      });
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
  }

  /** Links a channel as the workplace's TRIO or MED channel (ETag-guarded merge). */
  async linkChannel(workplaceId: string, forum: Forum, conversationId: string, teamId: string): Promise<void> {
    const row = await getOrUndefined<WorkplaceRow>(this.t('Workplaces'), WP_PARTITION, workplaceId);
    if (!row) throw new NotFoundError(`Workplace ${workplaceId}`);
    const previous = row[forum] ? (JSON.parse(row[forum]) as { conversationId: string }) : undefined;
    await this.t('Workplaces').updateEntity(
      { partitionKey: WP_PARTITION, rowKey: workplaceId, [forum]: JSON.stringify({ conversationId, teamId }) },
      'Merge',
      { etag: row.etag },
    );
    if (previous && previous.conversationId !== conversationId) {
      await this.t('Channels').deleteEntity('channel', safeKey(previous.conversationId)).catch(() => undefined);
    }
    await this.t('Channels').upsertEntity(
      { partitionKey: 'channel', rowKey: safeKey(conversationId), workplaceId, workplaceName: row.name, forum, teamId },
      'Replace',
    );
  }

  async channel(conversationId: string): Promise<{ workplaceId: string; workplaceName: string; forum: Forum } | undefined> {
    const row = await getOrUndefined<ChannelRow>(this.t('Channels'), 'channel', safeKey(conversationId));
    return row ? { workplaceId: row.workplaceId, workplaceName: row.workplaceName, forum: row.forum } : undefined;
  }

  /** Feature settings are merged per feature key with an ETag, so features never overwrite each other. */
  async updateSettings(workplaceId: string, feature: string, value: unknown): Promise<void> {
    const what = `Workplace ${workplaceId}`;
    await updateWithEtag(`Settings of ${what}`, async () => {
      const row = await getOrUndefined<WorkplaceRow>(this.t('Workplaces'), WP_PARTITION, workplaceId);
      if (!row) throw new NotFoundError(what);
      const settings = JSON.parse(row.settings || '{}') as Record<string, unknown>;
      settings[feature] = value;
      await this.t('Workplaces').updateEntity(
        { partitionKey: WP_PARTITION, rowKey: workplaceId, settings: JSON.stringify(settings) },
        'Merge',
        { etag: row.etag },
      );
    });
  }

  async upsertMember(m: Member): Promise<void> {
    const row = {
      workplaceName: m.workplaceName,
      teamsUserId: m.teamsUserId,
      name: m.name,
      roles: m.roles.join(','),
      startDate: m.startDate ?? '',
      birthYear: m.birthYear ?? 0,
    };
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
    const row = await getOrUndefined<MemberRow>(this.t('Members'), workplaceId, safeKey(aadObjectId));
    return row ? toMember(workplaceId, row.rowKey, row) : undefined;
  }

  /** All members of a workplace: one partition query. */
  async members(workplaceId: string): Promise<Member[]> {
    const rows = await listAll<MemberRow>(this.t('Members'), odata`PartitionKey eq ${workplaceId}`);
    return rows.map((r) => toMember(workplaceId, r.rowKey, r)).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }

  async membersWithRole(workplaceId: string, role: Role): Promise<Member[]> {
    return (await this.members(workplaceId)).filter((m) => m.roles.includes(role));
  }

  /** A person's memberships in every workplace: one partition query. */
  async membershipsOf(aadObjectId: string): Promise<Membership[]> {
    const rows = await listAll<MemberRow>(this.t('MemberIndex'), odata`PartitionKey eq ${safeKey(aadObjectId)}`);
    return rows
      .map((r) => ({ workplaceId: r.rowKey, workplaceName: r.workplaceName, roles: parseRoles(r.roles) }))
      .filter((m) => m.roles.length > 0);
  }
}

function toWorkplace(id: string, row: WorkplaceRow): Workplace {
  return {
    id,
    name: row.name,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    ...(row.trio ? { trio: JSON.parse(row.trio) as Workplace['trio'] } : {}),
    ...(row.med ? { med: JSON.parse(row.med) as Workplace['med'] } : {}),
    settings: JSON.parse(row.settings || '{}') as Record<string, unknown>,
  };
}

function toMember(workplaceId: string, aadObjectId: string, row: MemberRow): Member {
  return {
    workplaceId,
    workplaceName: row.workplaceName,
    aadObjectId,
    teamsUserId: row.teamsUserId,
    name: row.name,
    roles: parseRoles(row.roles),
    ...(row.startDate ? { startDate: row.startDate } : {}),
    ...(row.birthYear ? { birthYear: row.birthYear } : {}),
  };
}
